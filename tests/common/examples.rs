//! Helpers for the tests that run the examples (`tests/scheduler.rs`,
//! `tests/service.rs`) as real processes.
//!
//! Cargo gives tests no `CARGO_BIN_EXE_` path for examples, but `cargo test`
//! builds every example before it runs a test, next to the test binaries:
//! `target/<profile>/examples/<name>`, while tests are in
//! `target/<profile>/deps/`. A test run that selects only one test target
//! (`cargo test --test scheduler`) builds no example: the helper then says
//! to run `cargo build --examples` with the same flags.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// The example `name`'s binary, built by `cargo test` with this test.
pub fn example_binary(name: &str) -> PathBuf {
    let test = std::env::current_exe().expect("the test binary's path");
    let profile_dir = test
        .parent()
        .and_then(Path::parent)
        .expect("tests run from target/<profile>/deps");
    let binary = profile_dir.join("examples").join(name);
    assert!(
        binary.is_file(),
        "{} is not built: `cargo test` builds the examples; with a test target selected, run `cargo build --examples` (same flags) first",
        binary.display()
    );
    binary
}

/// A directory in the temp directory, removed with what is in it on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let path = super::cli::temp_path("");
        std::fs::create_dir_all(&path).expect("temp dir made");
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `name` in the directory; returns its path.
    pub fn write(&self, name: &str, contents: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, contents).expect("temp file written");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An example running as a child process, its stdout read line by line.
pub struct Running {
    child: Child,
    lines: Receiver<String>,
    stderr: Receiver<String>,
}

impl Running {
    pub fn start(binary: &Path, args: &[&str]) -> Running {
        let mut child = Command::new(binary)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the example starts");
        let lines = read_lines(child.stdout.take().expect("stdout is piped"));
        let stderr = read_lines(child.stderr.take().expect("stderr is piped"));
        Running { child, lines, stderr }
    }

    /// The lines up to and including the first that `done` accepts; panics
    /// after `timeout`.
    pub fn lines_until(&mut self, timeout: Duration, done: impl Fn(&str) -> bool) -> Vec<String> {
        let give_up = Instant::now() + timeout;
        let mut lines = Vec::new();
        loop {
            match self
                .lines
                .recv_timeout(give_up.saturating_duration_since(Instant::now()))
            {
                Ok(line) => {
                    let last = done(&line);
                    lines.push(line);
                    if last {
                        return lines;
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => panic!(
                    "no such line within {timeout:?}; stdout so far: {lines:#?}; stderr: {:?}",
                    self.stderr.try_iter().collect::<Vec<_>>()
                ),
            }
        }
    }

    /// Stops the example as a crash would (SIGKILL).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.kill();
    }
}

fn read_lines(stream: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    receive
}

/// Runs the example to its end; returns its exit code, stdout and stderr.
pub fn run_to_end(binary: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(binary)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the example runs");
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

/// Whether process `pid` is gone (or a zombie nobody reaped yet: dead all
/// the same).
pub fn is_dead(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // "pid (comm) S ...": the state follows the last ')'.
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with(['Z', 'X'])),
    }
}
