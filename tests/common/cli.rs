//! Helpers for the tests that run the command-line tool as a separate
//! process (`tests/cli.rs`, `tests/cli_zone.rs`, `tests/cli_window.rs`).
//!
//! Each test file compiles this module on its own, so a helper one of them
//! does not use would be dead code there.

#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{json, Value};

/// What a run of the tool gave.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    /// Success with nothing on stderr.
    pub fn assert_clean(&self) {
        assert_eq!(self.code, Some(0), "stderr: {}", self.stderr);
        assert_eq!(self.stderr, "", "stdout: {}", self.stdout);
    }

    /// The bad-input contract: exit 2, nothing on stdout, exactly one line on
    /// stderr; returns that line.
    pub fn assert_bad_input(&self) -> &str {
        assert_eq!(
            self.code,
            Some(2),
            "stdout: {:?}, stderr: {:?}",
            self.stdout,
            self.stderr
        );
        assert_eq!(self.stdout, "", "stderr: {:?}", self.stderr);
        assert!(
            self.stderr.ends_with('\n') && self.stderr.matches('\n').count() == 1,
            "not exactly one line on stderr: {:?}",
            self.stderr
        );
        self.stderr.trim_end_matches('\n')
    }
}

/// Runs the tool with `args`, feeding `stdin` (or nothing).
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    run_with_env(args, stdin, &[])
}

/// [`run`] with environment variables set for the tool (`TZDIR`).
pub fn run_with_env(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_backup-schedule"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    if let Some(bytes) = stdin {
        // The tool may stop reading early on bad input; a failed write is fine.
        let _ = input.write_all(bytes);
    }
    drop(input);
    let output = child.wait_with_output().expect("the binary runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A file in the temp directory, removed on drop.
///
/// Named after the test binary that makes it, its process and a counter:
/// `backup-schedule-cli-zone-<pid>-<n>.json` from `tests/cli_zone.rs`.
pub struct TempFile(PathBuf);

impl TempFile {
    pub fn new(contents: &[u8]) -> TempFile {
        let path = temp_path(".json");
        std::fs::write(&path, contents).expect("temp file written");
        TempFile(path)
    }

    pub fn json(value: &Value) -> TempFile {
        TempFile::new(value.to_string().as_bytes())
    }

    pub fn path(&self) -> &str {
        self.0.to_str().expect("temp paths are UTF-8")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A new path in the temp directory, named after the test binary that makes
/// it, its process and a counter, ending in `suffix`.
pub fn temp_path(suffix: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "backup-schedule-{}-{}-{}{suffix}",
        env!("CARGO_CRATE_NAME").replace('_', "-"),
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    std::env::temp_dir().join(name)
}

/// 168 booleans with `allowed(day, hour)` (day 0 = Sunday), local time.
pub fn hours(allowed: impl Fn(usize, usize) -> bool) -> Vec<bool> {
    (0..168).map(|index| allowed(index / 24, index % 24)).collect()
}

/// The crate docs' worked example: open Monday to Friday 20:00-23:00 local,
/// local = UTC+03:00, daily on workdays at 22:00 UTC; `minute_offset` in
/// place of 180 when given (the docs' example is `worked_example(180)`).
pub fn worked_example(minute_offset: i32) -> Value {
    json!({
        "type": "DailyAtTime",
        "dailyType": "Workdays",
        "dailyTime": "22:00:00",
        "backupCopyWindowEnabled": true,
        "backupCopyWindowSettings": {
            "backupWindow": hours(|day, hour| (1..=5).contains(&day) && (20..23).contains(&hour)),
            "minuteOffset": minute_offset
        }
    })
}
