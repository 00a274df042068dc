//! A small, real job scheduler on `backup_schedule::runtime`.
//!
//! ```text
//! cargo run --example scheduler -- --jobs DIR --state FILE --exec COMMAND
//! cargo run --example scheduler -- --jobs DIR --simulate FROM UNTIL
//! ```
//!
//! Reads a directory of job documents as the API returns them (one JSON file
//! a job: copy jobs, and backup jobs once the library reads them), and for
//! each run executes `sh -c COMMAND` with the run in its environment:
//! `BACKUP_JOB_ID`, `BACKUP_RUN`, `BACKUP_TRIGGER`, `BACKUP_DEADLINE` (empty
//! when the window never closes), `BACKUP_ATTEMPT` (1, then each retry's
//! number) and `BACKUP_CAUSE` (`scheduled` or `catch-up`). The command runs
//! in its own process group; at the run's deadline (the window's close) the
//! whole group is killed and the run recorded as terminated. A backup job's
//! failed attempt is retried as its policy says (`Timetable::retry_after`).
//! Each job's last run, attempts and outcome are kept in SQLite (`--state`);
//! on restart each job's runs missed since its stored last run go through
//! the catch-up rule (`Timetable::catch_up`). Runs that were going when the
//! scheduler stopped are marked `interrupted`.
//!
//! Every event is one line on stdout, beginning with its RFC 3339 instant and
//! the job's id: `start`, `catch-up N/M`, `retry`, `finish success|failed`,
//! `kill deadline`. `--simulate FROM UNTIL` runs the same loop on a
//! simulated clock from FROM and prints the events before UNTIL, without
//! running commands: each attempt takes `--sim-duration` (default 10m) and
//! succeeds, except for the jobs named by `--sim-fail ID`, whose attempts
//! all fail. With `--state`, a simulation starts from the stored last runs
//! (read only).
//!
//! Other flags: `--catch-up skip|once|all:N` (default `once`),
//! `--max-lateness DURATION` (runs later than that are not caught up),
//! `--slice DURATION` (default 60s: the most a suspend delays a run),
//! `--now INSTANT` (the wall clock starts there and runs in real time: for
//! trying a window's edge without waiting for it), `--generate N` (N more
//! jobs made in code, both families, for scale runs).
//!
//! A job file that cannot be read is reported on stderr with the file and
//! the field (`jobs/nightly.json: schedulePolicy.dailyTime: expected ...`);
//! the other jobs run. Durations are written `90s`, `15m`, `2h`, `1d`.
//!
//! Scale (`--simulate` over a week, 10^5 generated jobs, `--release`): see
//! benches/README.md.

#[path = "../common/mod.rs"]
mod common;
mod generate;
mod store;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use backup_schedule::runtime::{Cause, Clock, Due, Finished, WallTimer};
use backup_schedule::{CatchUpPolicy, Timetable};
use chrono::{DateTime, TimeDelta, Utc};

use common::{
    clock, document_id, family_of, parse_duration, parse_instant, read_job, rfc3339, Flags, JobKind,
    SharedClock,
};
use store::{Access, RunRecord, Store};

/// What the scheduler was asked to do.
struct Options {
    jobs: Option<PathBuf>,
    generate: usize,
    state: Option<PathBuf>,
    mode: Mode,
    policy: CatchUpPolicy,
    max_lateness: Option<TimeDelta>,
    slice: std::time::Duration,
}

/// Run commands on the real clock, or simulate.
enum Mode {
    Real {
        exec: String,
        now: Option<DateTime<Utc>>,
    },
    Simulate {
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        duration: TimeDelta,
        failing: HashSet<String>,
    },
}

const USAGE: &str = "usage: scheduler --jobs DIR --state FILE --exec COMMAND [--now INSTANT]
       scheduler --jobs DIR --simulate FROM UNTIL [--state FILE] [--sim-duration DURATION] [--sim-fail ID]...
options: [--generate N] [--catch-up skip|once|all:N] [--max-lateness DURATION] [--slice DURATION]";

fn parse_options(mut flags: Flags) -> Result<Options, String> {
    let (mut jobs, mut state, mut exec, mut now, mut simulate) = (None, None, None, None, None);
    let (mut generate, mut policy, mut max_lateness) = (0, CatchUpPolicy::Once, None);
    let (mut slice, mut duration, mut failing) = (
        std::time::Duration::from_secs(60),
        TimeDelta::minutes(10),
        HashSet::new(),
    );
    while let Some(flag) = flags.next_flag() {
        match flag.as_str() {
            "--jobs" => jobs = Some(PathBuf::from(flags.value(&flag)?)),
            "--state" => state = Some(PathBuf::from(flags.value(&flag)?)),
            "--exec" => exec = Some(flags.value(&flag)?),
            "--now" => now = Some(parse_instant(&flag, &flags.value(&flag)?)?),
            "--simulate" => {
                let from = parse_instant(&flag, &flags.value(&flag)?)?;
                let until = parse_instant(&flag, &flags.value(&flag)?)?;
                if until <= from {
                    return Err(format!("{flag}: UNTIL must be after FROM"));
                }
                simulate = Some((from, until));
            }
            "--generate" => {
                let text = flags.value(&flag)?;
                generate = text
                    .parse()
                    .map_err(|_| format!("{flag}: expected a number of jobs, found {text:?}"))?;
            }
            "--catch-up" => {
                let text = flags.value(&flag)?;
                policy = match text.as_str() {
                    "skip" => CatchUpPolicy::Skip,
                    "once" => CatchUpPolicy::Once,
                    all => match all.strip_prefix("all:").map(str::parse) {
                        Some(Ok(cap)) => CatchUpPolicy::All { cap },
                        _ => return Err(format!("{flag}: expected skip, once or all:N, found {text:?}")),
                    },
                };
            }
            "--max-lateness" => max_lateness = Some(parse_duration(&flag, &flags.value(&flag)?)?),
            "--slice" => {
                let value = parse_duration(&flag, &flags.value(&flag)?)?;
                slice = value
                    .to_std()
                    .ok()
                    .filter(|slice| !slice.is_zero())
                    .ok_or_else(|| format!("{flag}: expected a positive duration"))?;
            }
            "--sim-duration" => duration = parse_duration(&flag, &flags.value(&flag)?)?,
            "--sim-fail" => {
                failing.insert(flags.value(&flag)?);
            }
            "--help" | "-h" => return Err(USAGE.to_owned()),
            other => return Err(format!("{other}: unknown flag\n{USAGE}")),
        }
    }
    if jobs.is_none() && generate == 0 {
        return Err(format!("--jobs: expected a directory of job documents\n{USAGE}"));
    }
    let mode = match (simulate, exec) {
        (Some((from, until)), _) => Mode::Simulate {
            from,
            until,
            duration,
            failing,
        },
        (None, Some(exec)) => {
            if state.is_none() {
                return Err(format!(
                    "--state: expected the SQLite file to keep the jobs' runs in\n{USAGE}"
                ));
            }
            Mode::Real { exec, now }
        }
        (None, None) => {
            return Err(format!(
                "--exec: expected the command to run (or --simulate FROM UNTIL)\n{USAGE}"
            ))
        }
    };
    Ok(Options {
        jobs,
        generate,
        state,
        mode,
        policy,
        max_lateness,
        slice,
    })
}

/// One job: its id and schedule.
struct Job {
    id: Arc<str>,
    kind: JobKind,
}

/// Reads every `*.json` in `dir`, sorted by name. A file that cannot be read
/// is reported (file and field) and left out.
fn load_jobs(dir: &Path, jobs: &mut Vec<Job>, ids: &mut HashMap<Arc<str>, PathBuf>) -> Result<usize, String> {
    let entries = std::fs::read_dir(dir).map_err(|err| format!("--jobs: {}: {err}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    let mut failed = 0;
    for path in paths {
        match load_job(&path, ids) {
            Ok(job) => jobs.push(job),
            Err(err) => {
                eprintln!("scheduler: {}: {err}", path.display());
                failed += 1;
            }
        }
    }
    Ok(failed)
}

fn load_job(path: &Path, ids: &mut HashMap<Arc<str>, PathBuf>) -> Result<Job, String> {
    let document = std::fs::read(path).map_err(|err| err.to_string())?;
    let kind = family_of(&document)
        .and_then(|family| read_job(family, &document))
        .map_err(|err| err.to_string())?;
    let id: Arc<str> = document_id(&document)
        .unwrap_or_else(|| {
            path.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .into();
    if let Some(first) = ids.get(&id) {
        return Err(format!("id: {id:?} is already the id of {}", first.display()));
    }
    ids.insert(id.clone(), path.to_owned());
    Ok(Job { id, kind })
}

/// The timeline on stdout: one event a line.
struct Log {
    out: Mutex<BufWriter<std::io::Stdout>>,
    /// In a simulation, events at or after this are not printed.
    until: Option<DateTime<Utc>>,
    /// Flush after each line (a real run: someone may be watching).
    flush: bool,
}

impl Log {
    fn event(&self, at: DateTime<Utc>, id: &str, what: fmt::Arguments<'_>) {
        if self.until.is_some_and(|until| at >= until) {
            return;
        }
        let mut out = self.out.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // A closed stdout ends nothing: the jobs still run.
        let _ = writeln!(out, "{} {id} {what}", rfc3339(at));
        if self.flush {
            let _ = out.flush();
        }
    }

    fn finish(&self) {
        let _ = self
            .out
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .flush();
    }
}

/// How an attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Success,
    /// Failed, with the exit code when there was one.
    Failed(Option<i32>),
    /// Killed at the deadline.
    Terminated,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failed(_) => "failed",
            Outcome::Terminated => "terminated",
        }
    }
}

/// What an attempt does.
enum Work {
    /// `sh -c COMMAND`.
    Command(String),
    /// Takes `duration`; fails for the `failing` jobs.
    Simulated {
        duration: TimeDelta,
        failing: HashSet<String>,
    },
}

/// What every job's loop shares.
struct Scheduler {
    timer: WallTimer<SharedClock>,
    work: Work,
    store: Option<Store>,
    log: Log,
    policy: CatchUpPolicy,
    max_lateness: Option<TimeDelta>,
    /// How late a run may be found and still be on time: the slice.
    tolerance: TimeDelta,
}

impl Scheduler {
    /// One attempt of `due`, until its deadline.
    async fn attempt(&self, id: &str, due: &Due, attempt: u32) -> Outcome {
        let deadline = due.detail.deadline;
        match &self.work {
            Work::Simulated { duration, failing } => {
                let work = tokio::time::sleep(duration.to_std().unwrap_or_default());
                match self.timer.run_until(deadline, work).await {
                    Finished::Completed(()) if failing.contains(id) => Outcome::Failed(None),
                    Finished::Completed(()) => Outcome::Success,
                    Finished::CutOff { .. } => Outcome::Terminated,
                }
            }
            Work::Command(command) => {
                let spawned = tokio::process::Command::new("sh")
                    .arg("-c")
                    .arg(command)
                    .env("BACKUP_JOB_ID", id)
                    .env("BACKUP_RUN", rfc3339(due.detail.run))
                    .env("BACKUP_TRIGGER", rfc3339(due.detail.trigger))
                    .env("BACKUP_DEADLINE", deadline.map(rfc3339).unwrap_or_default())
                    .env("BACKUP_ATTEMPT", attempt.to_string())
                    .env("BACKUP_CAUSE", cause_word(due.cause))
                    .stdin(std::process::Stdio::null())
                    .process_group(0)
                    .kill_on_drop(true)
                    .spawn();
                let mut child = match spawned {
                    Ok(child) => child,
                    Err(err) => {
                        eprintln!("scheduler: {id}: could not start sh: {err}");
                        return Outcome::Failed(None);
                    }
                };
                match self.timer.run_until(deadline, child.wait()).await {
                    Finished::Completed(Ok(status)) if status.success() => Outcome::Success,
                    Finished::Completed(Ok(status)) => Outcome::Failed(status.code()),
                    Finished::Completed(Err(_)) => Outcome::Failed(None),
                    Finished::CutOff { .. } => {
                        // The command and everything it started: its group.
                        if let Some(pid) = child.id() {
                            let _ = tokio::process::Command::new("kill")
                                .args(["-s", "KILL", "--", &format!("-{pid}")])
                                .status()
                                .await;
                        }
                        let _ = child.kill().await;
                        Outcome::Terminated
                    }
                }
            }
        }
    }

    fn store_error(&self, id: &str, result: rusqlite::Result<()>) {
        if let Err(err) = result {
            eprintln!("scheduler: {id}: state: {err}");
        }
    }

    /// One job, for ever: each due run, its attempts, its record.
    async fn run_job<T>(self: Arc<Self>, id: Arc<str>, schedule: T, since: Option<DateTime<Utc>>)
    where
        T: Timetable + Send + Unpin,
    {
        let mut runs = self
            .timer
            .runs(schedule)
            .with_catch_up(self.policy, self.max_lateness)
            .with_tolerance(self.tolerance);
        if let Some(since) = since {
            runs = runs.since(since);
        }
        while let Some(due) = runs.next().await {
            // Stored first, then told: a line on stdout is in the state file.
            let now = self.timer.now();
            if let Some(store) = &self.store {
                let record = RunRecord {
                    last_run: runs.tracker().since(),
                    trigger: due.detail.trigger,
                    deadline: due.detail.deadline,
                    cause: cause_word(due.cause),
                };
                self.store_error(&id, store.started(&id, &record, now));
            }
            let deadline = due.detail.deadline.map_or_else(|| "none".to_owned(), rfc3339);
            match due.cause {
                Cause::CatchUp { number, of, missed } => self.log.event(
                    now,
                    &id,
                    format_args!(
                        "catch-up {number}/{of} missed={missed} trigger={} deadline={deadline}",
                        rfc3339(due.detail.trigger)
                    ),
                ),
                _ => self.log.event(
                    now,
                    &id,
                    format_args!(
                        "start trigger={} deadline={deadline}",
                        rfc3339(due.detail.trigger)
                    ),
                ),
            }
            let mut attempt = 1;
            loop {
                let outcome = self.attempt(&id, &due, attempt).await;
                let now = self.timer.now();
                let retry = match outcome {
                    Outcome::Failed(_) => schedule.retry_after(now, attempt),
                    _ => None,
                };
                if let Some(store) = &self.store {
                    self.store_error(&id, store.attempted(&id, attempt, outcome.as_str(), now));
                }
                match (outcome, retry) {
                    (Outcome::Terminated, _) => {
                        self.log
                            .event(now, &id, format_args!("kill deadline attempt={attempt}"))
                    }
                    (Outcome::Success, _) => {
                        self.log
                            .event(now, &id, format_args!("finish success attempt={attempt}"))
                    }
                    (Outcome::Failed(code), retry) => self.log.event(
                        now,
                        &id,
                        format_args!(
                            "finish failed attempt={attempt}{}{}",
                            code.map(|code| format!(" exit={code}")).unwrap_or_default(),
                            retry
                                .map(|at| format!(" retry={}", rfc3339(at)))
                                .unwrap_or_default()
                        ),
                    ),
                }
                let Some(at) = retry else { break };
                let now = self.timer.sleep_until(at).await;
                attempt += 1;
                if let Some(store) = &self.store {
                    self.store_error(&id, store.attempted(&id, attempt, "running", now));
                }
                self.log.event(
                    now,
                    &id,
                    format_args!("retry attempt={attempt} deadline={deadline}"),
                );
            }
        }
    }
}

fn cause_word(cause: Cause) -> &'static str {
    match cause {
        Cause::CatchUp { .. } => "catch-up",
        _ => "scheduled",
    }
}

fn main() -> ExitCode {
    let options = match parse_options(Flags::from_env()) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("scheduler: {message}");
            return ExitCode::from(2);
        }
    };
    let runtime = match options.mode {
        Mode::Real { .. } => tokio::runtime::Builder::new_multi_thread().enable_all().build(),
        // Paused time: it jumps to the next timer whenever every job waits.
        Mode::Simulate { .. } => tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build(),
    };
    match runtime
        .map_err(|err| err.to_string())
        .and_then(|runtime| runtime.block_on(run(options)))
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("scheduler: {message}");
            ExitCode::from(2)
        }
    }
}

async fn run(options: Options) -> Result<(), String> {
    let mut jobs = Vec::new();
    let mut ids = HashMap::new();
    if let Some(dir) = &options.jobs {
        load_jobs(dir, &mut jobs, &mut ids)?;
    }
    for (id, kind) in generate::generated_jobs(options.generate) {
        let id: Arc<str> = id.into();
        if ids.insert(id.clone(), PathBuf::from("--generate")).is_none() {
            jobs.push(Job { id, kind });
        }
    }

    let (clock, work, access, until) = match options.mode {
        Mode::Real { exec, now } => (clock(now), Work::Command(exec), Access::ReadWrite, None),
        Mode::Simulate {
            from,
            until,
            duration,
            failing,
        } => (
            clock(Some(from)),
            Work::Simulated { duration, failing },
            Access::ReadOnly,
            Some(until),
        ),
    };
    // A simulated clock never jumps: no need to wake every slice to look at
    // it (10^5 jobs would wake 10^5 times a simulated minute). Runs still
    // count as on time up to the real slice, as in a real run.
    let slice = match until {
        Some(until) => (until - clock.now())
            .to_std()
            .unwrap_or_default()
            .max(options.slice),
        None => options.slice,
    };
    let timer = WallTimer::new(clock).with_slice(slice);
    let store = match &options.state {
        Some(path) => {
            Some(Store::open(path, access).map_err(|err| format!("--state: {}: {err}", path.display()))?)
        }
        None => None,
    };
    let last_runs = match &store {
        Some(store) => {
            store
                .mark_interrupted(timer.now())
                .map_err(|err| format!("--state: {err}"))?;
            store.last_runs().map_err(|err| format!("--state: {err}"))?
        }
        None => HashMap::new(),
    };
    let scheduler = Arc::new(Scheduler {
        timer: timer.clone(),
        work,
        store,
        log: Log {
            out: Mutex::new(BufWriter::with_capacity(1 << 16, std::io::stdout())),
            until,
            flush: until.is_none(),
        },
        policy: options.policy,
        max_lateness: options.max_lateness,
        tolerance: TimeDelta::from_std(options.slice).unwrap_or(TimeDelta::MAX),
    });

    for job in jobs {
        let since = last_runs.get(&*job.id).copied();
        let scheduler = scheduler.clone();
        with_timetable!(job.kind, schedule => tokio::spawn(scheduler.run_job(job.id, schedule, since)));
    }

    match until {
        Some(until) => {
            timer.sleep_until(until).await;
        }
        None => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
    scheduler.log.finish();
    Ok(())
}
