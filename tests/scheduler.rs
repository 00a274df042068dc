//! `examples/scheduler` as a real process: a simulated week equals what the
//! library's own queries say (`explain_upcoming`, `retry_after`, each tested
//! on its own elsewhere; the test is about the scheduler's loop); a real
//! command is killed at its deadline; a restart catches up from the
//! SQLite file as `catch_up` says, checked against hand-derived counts.
#![cfg(feature = "tokio")]

// The scheduler's own job families and generator (which expects them as
// `common`), and the tests' helpers under another name.
#[path = "../examples/common/mod.rs"]
mod common;
#[path = "../examples/scheduler/generate.rs"]
mod generate;
#[path = "common/mod.rs"]
mod helpers;

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use backup_schedule::vb365::CopyJob;
use backup_schedule::{CatchUpPolicy, Schedule, Timetable};
use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;

use common::JobKind;
use helpers::cli::{hours, worked_example};
use helpers::examples::{example_binary, is_dead, run_to_end, Running, TempDir};

/// Instants as the scheduler prints them.
fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("an RFC 3339 instant")
        .with_timezone(&Utc)
}

/// The instant a timeline line begins with.
fn line_instant(line: &str) -> DateTime<Utc> {
    instant(line.split(' ').next().expect("an instant first"))
}

/// The timeline the scheduler's loop must print for one job whose runs never
/// overlap, from the library's queries: each run in `[from, until)` starts;
/// each attempt takes `duration`; it is killed if the deadline comes first,
/// else succeeds, or fails (`failing`) and is retried when `retry_after`
/// says so. Lines at or after `until` are not printed.
fn expected_timeline<T: Timetable>(
    id: &str,
    schedule: T,
    (from, until): (DateTime<Utc>, DateTime<Utc>),
    duration: TimeDelta,
    failing: bool,
) -> Vec<String> {
    let mut lines = Vec::new();
    for detail in schedule
        .explain_upcoming(from)
        .take_while(|detail| detail.run < until)
    {
        let deadline = detail.deadline.map_or_else(|| "none".to_owned(), rfc3339);
        lines.push(format!(
            "{} {id} start trigger={} deadline={deadline}",
            rfc3339(detail.run),
            rfc3339(detail.trigger)
        ));
        let (mut start, mut attempt) = (detail.run, 1);
        loop {
            let end = start + duration;
            if let Some(deadline) = detail.deadline.filter(|&deadline| deadline < end) {
                lines.push(format!(
                    "{} {id} kill deadline attempt={attempt}",
                    rfc3339(deadline)
                ));
                break;
            }
            if !failing {
                lines.push(format!("{} {id} finish success attempt={attempt}", rfc3339(end)));
                break;
            }
            let retry = schedule.retry_after(end, attempt);
            let retry_text = retry
                .map(|at| format!(" retry={}", rfc3339(at)))
                .unwrap_or_default();
            lines.push(format!(
                "{} {id} finish failed attempt={attempt}{retry_text}",
                rfc3339(end)
            ));
            let Some(at) = retry else { break };
            attempt += 1;
            lines.push(format!(
                "{} {id} retry attempt={attempt} deadline={deadline}",
                rfc3339(at)
            ));
            start = at;
        }
    }
    lines.retain(|line| line_instant(line) < until);
    lines
}

fn copy_job(id: &str, policy: serde_json::Value) -> serde_json::Value {
    json!({ "id": id, "name": id, "backupJobId": "b7c1cc0b-2b3c-4096-9ba1-2d665b4ae504", "schedulePolicy": policy })
}

fn schedule_of(document: &serde_json::Value) -> Schedule {
    Schedule::try_from(&CopyJob::from_json(document.to_string().as_bytes()).unwrap()).unwrap()
}

#[test]
fn a_simulated_week_is_what_the_library_says() {
    let jobs = TempDir::new();
    let documents = [
        // 22:55 in a window that closes at 23:00: killed at 23:00 every night.
        copy_job(
            "late-nightly",
            json!({ "type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "22:55:00",
                    "backupCopyWindowEnabled": true,
                    "backupCopyWindowSettings": { "backupWindow": hours(|_, hour| (20..23).contains(&hour)), "minuteOffset": 0 } }),
        ),
        // Every 4 hours; every attempt fails (a copy job has no retries).
        copy_job(
            "every-4h",
            json!({ "type": "Periodically", "periodicallyEvery": "Hours4" }),
        ),
        // The README's worked example: runs Monday to Friday at 17:00 UTC.
        copy_job("worked", worked_example(180)),
        // No timed runs.
        copy_job("on-restore-point", json!({ "type": "Immediate" })),
    ];
    for document in &documents {
        jobs.write(
            &format!("{}.json", document["id"].as_str().unwrap()),
            document.to_string().as_bytes(),
        );
    }
    jobs.write("broken.json", br#"{"id": "broken", "schedulePolicy": {"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "25:00"}}"#);

    // Monday 2026-11-30 00:00:30 to the next Monday; 20 generated jobs too
    // (backup jobs among them: gen-000008 daily in a 20:00-23:00 window with
    // two retries 15 minutes apart, failing every attempt).
    let (from, until) = (instant("2026-11-30T00:00:30Z"), instant("2026-12-07T00:00:30Z"));
    let (code, stdout, stderr) = run_to_end(
        &example_binary("scheduler"),
        &[
            "--jobs",
            jobs.path().to_str().unwrap(),
            "--generate",
            "20",
            "--simulate",
            &rfc3339(from),
            &rfc3339(until),
            "--sim-duration",
            "10m",
            "--sim-fail",
            "every-4h",
            "--sim-fail",
            "gen-000008",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    // The broken file is named with its field; the others ran.
    let broken = jobs.path().join("broken.json");
    assert_eq!(
        stderr,
        format!("scheduler: {}: schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00, found \"25:00\"\n", broken.display())
    );

    let lines: Vec<&str> = stdout.lines().collect();
    // A timeline: in order of time.
    assert!(
        lines
            .windows(2)
            .all(|pair| line_instant(pair[0]) <= line_instant(pair[1])),
        "{stdout}"
    );

    let failing: HashSet<&str> = ["every-4h", "gen-000008"].into();
    let duration = TimeDelta::minutes(10);
    let mut expected = Vec::new();
    for document in &documents {
        let id = document["id"].as_str().unwrap();
        expected.extend(expected_timeline(
            id,
            schedule_of(document),
            (from, until),
            duration,
            failing.contains(id),
        ));
    }
    for (id, kind) in generate::generated_jobs(20) {
        let failing = failing.contains(id.as_str());
        expected.extend(match kind {
            JobKind::Copy(schedule) => expected_timeline(&id, schedule, (from, until), duration, failing),
            JobKind::Backup(schedule) => expected_timeline(&id, schedule, (from, until), duration, failing),
        });
    }
    let mut printed: Vec<String> = lines.iter().map(|line| line.to_string()).collect();
    printed.sort();
    expected.sort();
    assert_eq!(printed, expected);

    // Counted by hand: the late nightly job is killed at 23:00 seven times;
    // every 4 hours is 5 runs on Monday (from 04:00), 6 on each of the next
    // six days and the next Monday's 00:00: 42; the worked example runs
    // Monday to Friday at 17:00.
    let of = |id: &str, what: &str| {
        lines
            .iter()
            .filter(|line| line.contains(&format!(" {id} {what}")))
            .count()
    };
    assert_eq!(of("late-nightly", "kill deadline"), 7);
    assert!(lines
        .iter()
        .filter(|line| line.contains(" late-nightly kill"))
        .all(|line| &line[11..19] == "23:00:00"));
    assert_eq!(of("every-4h", "start"), 42);
    // The last one's end, 00:10 the next Monday, is past the range.
    assert_eq!(of("every-4h", "finish failed attempt=1"), 41);
    assert_eq!(of("worked", "start trigger="), 5);
    assert!(lines
        .iter()
        .filter(|line| line.contains(" worked start"))
        .all(|line| &line[11..19] == "17:00:00"));
    assert_eq!(of("on-restore-point", ""), 0);
    // The failing backup job: each night attempt 1 and two retries.
    assert_eq!(of("gen-000008", "retry attempt=2"), 7);
    assert_eq!(of("gen-000008", "retry attempt=3"), 7);
    assert_eq!(of("gen-000008", "finish failed attempt=3"), 7);
}

/// Writes the copy job `id` with `policy` into `dir`.
fn write_job(dir: &TempDir, id: &str, policy: serde_json::Value) {
    dir.write(&format!("{id}.json"), copy_job(id, policy).to_string().as_bytes());
}

fn stored(state: &Path, id: &str) -> (String, String, i64, Option<String>) {
    let conn = rusqlite::Connection::open(state).unwrap();
    conn.query_row(
        "SELECT last_run, outcome, attempts, deadline FROM jobs WHERE id = ?1",
        [id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
    )
    .unwrap()
}

#[test]
fn a_real_command_is_killed_with_everything_it_started_at_the_deadline() {
    // Daily at 21:59:58 in a window 21:00-22:00: the deadline is 22:00:00.
    // The clock starts at 21:59:57; the command sleeps 30 s in the
    // background of a shell.
    let dir = TempDir::new();
    let jobs = TempDir::new();
    write_job(
        &jobs,
        "edge",
        json!({ "type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "21:59:58",
                "backupCopyWindowEnabled": true,
                "backupCopyWindowSettings": { "backupWindow": hours(|_, hour| hour == 21), "minuteOffset": 0 } }),
    );
    let state = dir.path().join("state.sqlite");
    let out = dir.path().display().to_string();
    let command = format!(
        r#"echo "$BACKUP_JOB_ID $BACKUP_RUN $BACKUP_DEADLINE $BACKUP_ATTEMPT $BACKUP_CAUSE" > {out}/env; echo $$ > {out}/sh.pid; sleep 30 & echo $! > {out}/sleep.pid; wait"#
    );
    let mut scheduler = Running::start(
        &example_binary("scheduler"),
        &[
            "--jobs",
            jobs.path().to_str().unwrap(),
            "--state",
            state.to_str().unwrap(),
            "--exec",
            &command,
            "--now",
            "2026-12-01T21:59:57Z",
        ],
    );
    let lines = scheduler.lines_until(Duration::from_secs(30), |line| line.contains(" edge kill "));
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].contains(" edge start trigger=2026-12-01T21:59:58Z deadline=2026-12-01T22:00:00Z"),
        "{lines:?}"
    );
    assert!(lines[1].ends_with(" edge kill deadline attempt=1"), "{lines:?}");
    // Started at 21:59:58 and killed at 22:00:00, each within the second
    // (the clock runs in real time from --now).
    let (started, killed) = (line_instant(&lines[0]), line_instant(&lines[1]));
    assert!(
        started >= instant("2026-12-01T21:59:58Z") && started < instant("2026-12-01T21:59:59Z"),
        "{started}"
    );
    assert!(
        killed >= instant("2026-12-01T22:00:00Z") && killed < instant("2026-12-01T22:00:01Z"),
        "{killed}"
    );

    // The command saw its run; it and its child are gone.
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(
        read("env").trim(),
        "edge 2026-12-01T21:59:58Z 2026-12-01T22:00:00Z 1 scheduled"
    );
    // SIGKILL was sent to the group before the kill line; a busy machine
    // may take a moment to schedule the processes that die of it.
    for file in ["sh.pid", "sleep.pid"] {
        let pid: u32 = read(file).trim().parse().unwrap();
        let gone = (0..100).any(|_| {
            let dead = is_dead(pid);
            if !dead {
                std::thread::sleep(Duration::from_millis(50));
            }
            dead
        });
        assert!(gone, "{file}: {pid} still runs 5 s after the kill");
    }
    // Recorded as terminated.
    scheduler.kill();
    assert_eq!(
        stored(&state, "edge"),
        (
            "2026-12-01T21:59:58Z".into(),
            "terminated".into(),
            1,
            Some("2026-12-01T22:00:00Z".into())
        )
    );
}

#[test]
fn a_restarted_scheduler_catches_up_from_the_database_as_the_rule_says() {
    // Every 5 minutes. First life: 10:04:58 to just after the 10:05 run.
    let dir = TempDir::new();
    let jobs = TempDir::new();
    write_job(
        &jobs,
        "five",
        json!({ "type": "Periodically", "periodicallyEvery": "Minutes5" }),
    );
    let state = dir.path().join("state.sqlite");
    let binary = example_binary("scheduler");
    let args = |now: &'static str| {
        vec![
            "--jobs".to_owned(),
            jobs.path().display().to_string(),
            "--state".to_owned(),
            state.display().to_string(),
            "--exec".to_owned(),
            "true".to_owned(),
            "--now".to_owned(),
            now.to_owned(),
            "--catch-up".to_owned(),
            "all:10".to_owned(),
            "--max-lateness".to_owned(),
            "15m".to_owned(),
        ]
    };
    let first = args("2026-12-01T10:04:58Z");
    let mut scheduler = Running::start(&binary, &first.iter().map(String::as_str).collect::<Vec<_>>());
    let lines = scheduler.lines_until(Duration::from_secs(30), |line| line.contains(" five finish "));
    assert!(
        lines[0].contains(" five start trigger=2026-12-01T10:05:00Z deadline=none"),
        "{lines:?}"
    );
    assert!(lines[1].ends_with(" five finish success attempt=1"), "{lines:?}");
    scheduler.kill(); // stopped; the clock moves on
    assert_eq!(
        stored(&state, "five"),
        ("2026-12-01T10:05:00Z".into(), "success".into(), 1, None)
    );

    // Second life at 10:34:57: 10:10 to 10:30 were missed (5 runs); at most
    // 15 minutes late are 10:20, 10:25 and 10:30: three catch-up runs, one
    // after another, then 10:35 as scheduled.
    let since = instant("2026-12-01T10:05:00Z");
    let back = instant("2026-12-01T10:34:57Z");
    let rule = Schedule::periodic(backup_schedule::Interval::from_minutes(5).unwrap()).catch_up(
        since,
        back,
        CatchUpPolicy::All { cap: 10 },
        Some(TimeDelta::minutes(15)),
    );
    assert_eq!(rule.runs, 3);
    let second = args("2026-12-01T10:34:57Z");
    let mut scheduler = Running::start(&binary, &second.iter().map(String::as_str).collect::<Vec<_>>());
    let lines = scheduler.lines_until(Duration::from_secs(30), |line| line.contains(" five start "));
    let events: Vec<&str> = lines.iter().map(|line| line.split_once(' ').unwrap().1).collect();
    assert_eq!(
        events,
        [
            "five catch-up 1/3 missed=5 trigger=2026-12-01T10:20:00Z deadline=none",
            "five finish success attempt=1",
            "five catch-up 2/3 missed=5 trigger=2026-12-01T10:20:00Z deadline=none",
            "five finish success attempt=1",
            "five catch-up 3/3 missed=5 trigger=2026-12-01T10:20:00Z deadline=none",
            "five finish success attempt=1",
            "five start trigger=2026-12-01T10:35:00Z deadline=none",
        ]
    );
    // The catch-ups started when the scheduler came back; 10:35 on time.
    let first_catch_up = line_instant(&lines[0]);
    assert!(
        first_catch_up >= back && first_catch_up - back < TimeDelta::seconds(2),
        "{first_catch_up}"
    );
    let on_time = line_instant(&lines[6]);
    assert!(
        on_time >= instant("2026-12-01T10:35:00Z") && on_time < instant("2026-12-01T10:35:01Z"),
        "{on_time}"
    );
    scheduler.lines_until(Duration::from_secs(30), |line| line.contains(" five finish "));
    scheduler.kill();
    assert_eq!(
        stored(&state, "five"),
        ("2026-12-01T10:35:00Z".into(), "success".into(), 1, None)
    );
}

#[test]
fn bad_flags_are_named() {
    let binary = example_binary("scheduler");
    let (code, stdout, stderr) = run_to_end(
        &binary,
        &[
            "--jobs",
            "/nonexistent",
            "--simulate",
            "2026-12-01T00:00:00Z",
            "2026-11-01T00:00:00Z",
        ],
    );
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert_eq!(stderr, "scheduler: --simulate: UNTIL must be after FROM\n");
    let (code, _, stderr) = run_to_end(&binary, &["--jobs", "/nonexistent", "--exec", "true"]);
    assert_eq!(code, Some(2));
    assert!(stderr.starts_with("scheduler: --state: "), "{stderr}");
    let (code, _, stderr) = run_to_end(
        &binary,
        &[
            "--generate",
            "1",
            "--simulate",
            "2026-12-01T00:00:00Z",
            "2026-12-02T00:00:00Z",
            "--max-lateness",
            "5x",
        ],
    );
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        "scheduler: --max-lateness: expected a duration like 90s, 15m, 2h or 1d, found \"5x\"\n"
    );
    let (code, _, stderr) = run_to_end(
        &binary,
        &[
            "--jobs",
            "/nonexistent",
            "--simulate",
            "2026-12-01T00:00:00Z",
            "2026-12-02T00:00:00Z",
        ],
    );
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("scheduler: --jobs: /nonexistent: "),
        "{stderr}"
    );
}
