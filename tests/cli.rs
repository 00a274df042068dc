//! The command-line tool, run as a separate process.
//!
//! Every expected instant below is derived by hand in a comment from the
//! policy's definition (see the semantics table in the crate docs), never
//! copied from the tool's output.

#![cfg(feature = "cli")]

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc, Weekday};
use serde_json::{json, Value};

use common::cli::{hours, run, worked_example, TempFile};

const SEED_REQUEST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/seed-copy-job-request.json");
const SEED_RESPONSE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/seed-copy-job-response.json");

/// A window that allows no hour.
fn never_open(schedule: Value) -> Value {
    let mut policy = schedule;
    policy["backupCopyWindowEnabled"] = json!(true);
    policy["backupCopyWindowSettings"] = json!({
        "backupWindow": hours(|_, _| false),
        "minuteOffset": -210
    });
    policy
}

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|err| panic!("{text:?} is not RFC 3339: {err}"))
        .with_timezone(&Utc)
}

// ---------------------------------------------------------------------------
// next

#[test]
fn next_worked_example_from_a_file() {
    // By hand: 2026-11-28 is a Saturday (checked below with chrono's calendar).
    // The window, Mon-Fri 20:00-23:00 at UTC+03:00, is Mon-Fri 17:00-20:00
    // UTC. Every trigger, 22:00 UTC on a UTC workday, is 01:00 local the next
    // day, outside the window, so it waits for the next opening:
    // - Thu 11-26's trigger waits for Fri 11-27 17:00 UTC: before Sat 15:00.
    // - Fri 11-27's trigger (Sat 01:00 local) waits over the weekend for
    //   Mon 11-30 20:00 local = Mon 11-30 17:00 UTC.
    // - Mon 11-30's trigger waits for Tue 12-01 17:00 UTC.
    // - Tue 12-01's trigger waits for Wed 12-02 17:00 UTC.
    assert_eq!(
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap().weekday(),
        Weekday::Sat
    );
    let file = TempFile::json(&worked_example(180));
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--after",
            "2026-11-28T15:00:00Z",
            "--count",
            "3",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(
        out.lines(),
        [
            "2026-11-30T17:00:00Z",
            "2026-12-01T17:00:00Z",
            "2026-12-02T17:00:00Z"
        ]
    );
}

#[test]
fn next_reads_the_policy_from_stdin() {
    // Same policy as above. A run exactly at --after is not "after" it: from
    // Mon 11-30 17:00 UTC (Friday's waited trigger) the next runs are
    // Monday's and Tuesday's waited triggers, Tue 12-01 and Wed 12-02 at
    // 17:00 UTC.
    let policy = worked_example(180).to_string();
    let out = run(
        &[
            "next",
            "--policy",
            "-",
            "--after",
            "2026-11-30T17:00:00Z",
            "--count",
            "2",
        ],
        Some(policy.as_bytes()),
    );
    out.assert_clean();
    assert_eq!(out.lines(), ["2026-12-01T17:00:00Z", "2026-12-02T17:00:00Z"]);
}

#[test]
fn next_reads_a_copy_job_document() {
    // The worked example inside a copy job: the same runs as in the first
    // test, and the job's other fields do not matter.
    let job = json!({
        "backupJobId": "b7c1cc0b-2b3c-4096-9ba1-2d665b4ae504",
        "schedulePolicy": worked_example(180),
        "repositoryId": "79f3e494-4991-4dd5-b6fa-f1cf8c421265",
        "name": "nightly copy",
        "isEnabled": true,
        "lastStatus": "Success"
    });
    let file = TempFile::json(&job);
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--after",
            "2026-11-28T15:00:00Z",
            "--count",
            "1",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(out.lines(), ["2026-11-30T17:00:00Z"]);
}

#[test]
fn next_count_defaults_to_five() {
    // Continuing the hand derivation of the first test: Wed 12-02's and Thu
    // 12-03's triggers wait for Thu 12-03 and Fri 12-04 17:00 UTC.
    let file = TempFile::json(&worked_example(180));
    let out = run(
        &["next", "--policy", file.path(), "--after", "2026-11-28T15:00:00Z"],
        None,
    );
    out.assert_clean();
    assert_eq!(
        out.lines(),
        [
            "2026-11-30T17:00:00Z",
            "2026-12-01T17:00:00Z",
            "2026-12-02T17:00:00Z",
            "2026-12-03T17:00:00Z",
            "2026-12-04T17:00:00Z",
        ]
    );
}

#[test]
fn next_periodic_with_offset_after() {
    // Every 4 hours from 00:00 UTC: 00, 04, 08, 12, 16, 20. --after is
    // 2026-11-28 21:30+02:00 = 19:30 UTC, so the runs are 20:00, then 00:00
    // and 04:00 of the next day. No window.
    let policy = json!({"type": "Periodically", "periodicallyEvery": "Hours4"});
    let file = TempFile::json(&policy);
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--after",
            "2026-11-28T21:30:00+02:00",
            "--count",
            "3",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(
        out.lines(),
        [
            "2026-11-28T20:00:00Z",
            "2026-11-29T00:00:00Z",
            "2026-11-29T04:00:00Z"
        ]
    );
}

#[test]
fn next_with_a_fractional_after() {
    // Every 15 minutes. 10:15:00 is before 10:15:00.5, so the next runs are
    // 10:30:00 and 10:45:00; runs are whole seconds and print no fraction.
    let policy = json!({"type": "Periodically", "periodicallyEvery": "Minutes15"}).to_string();
    let out = run(
        &[
            "next",
            "--policy",
            "-",
            "--after",
            "2026-11-28T10:15:00.5Z",
            "--count",
            "2",
        ],
        Some(policy.as_bytes()),
    );
    out.assert_clean();
    assert_eq!(out.lines(), ["2026-11-28T10:30:00Z", "2026-11-28T10:45:00Z"]);

    // One nanosecond before a grid point: that point is the next run.
    let out = run(
        &[
            "next",
            "--policy",
            "-",
            "--after",
            "2026-11-28T10:14:59.999999999Z",
            "--count",
            "1",
        ],
        Some(policy.as_bytes()),
    );
    out.assert_clean();
    assert_eq!(out.lines(), ["2026-11-28T10:15:00Z"]);

    // Immediate without a window starts at --after itself, fraction and all:
    // 15:00:00.25 at +01:00 is 14:00:00.25 UTC, shown in milliseconds.
    let immediate = json!({"type": "Immediate"}).to_string();
    let out = run(
        &["next", "--policy", "-", "--after", "2026-11-28T15:00:00.25+01:00"],
        Some(immediate.as_bytes()),
    );
    out.assert_clean();
    assert_eq!(out.lines(), ["2026-11-28T14:00:00.250Z"]);
}

#[test]
fn next_immediate_prints_the_start_for_a_restore_point() {
    // Open only Sunday 02:00-03:00 local, local = UTC+05:30. Sunday 02:00
    // local is Saturday 20:30 UTC. At Saturday 2026-11-28 15:00 UTC (20:30
    // local Saturday) the window is closed, so a restore point appearing
    // then waits for Saturday 20:30 UTC. One line, whatever --count says.
    let policy = json!({
        "type": "Immediate",
        "backupCopyWindowEnabled": true,
        "backupCopyWindowSettings": {
            "backupWindow": hours(|day, hour| day == 0 && hour == 2),
            "minuteOffset": 330
        }
    });
    let file = TempFile::json(&policy);
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--after",
            "2026-11-28T15:00:00Z",
            "--count",
            "3",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(out.lines(), ["2026-11-28T20:30:00Z"]);
}

#[test]
fn next_on_the_seed_documents() {
    // Both seeds are Immediate with every hour allowed: a restore point
    // appearing at --after is copied at once.
    for seed in [SEED_REQUEST, SEED_RESPONSE] {
        let out = run(
            &["next", "--policy", seed, "--after", "2026-11-28T15:00:00Z"],
            None,
        );
        out.assert_clean();
        assert_eq!(out.lines(), ["2026-11-28T15:00:00Z"], "{seed}");
    }
}

#[test]
fn next_never_open_window_prints_no_runs() {
    for schedule in [
        json!({"type": "Periodically", "periodicallyEvery": "Hours4"}),
        json!({"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "12:00"}),
        json!({"type": "Immediate"}),
    ] {
        let file = TempFile::json(&never_open(schedule.clone()));
        let out = run(
            &["next", "--policy", file.path(), "--after", "2026-11-28T15:00:00Z"],
            None,
        );
        assert_eq!(out.code, Some(0), "{schedule}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{schedule}");
        assert_eq!(out.stderr.lines().count(), 1, "{schedule}: {:?}", out.stderr);
        assert!(out.stderr.contains("never"), "{schedule}: {:?}", out.stderr);
    }
}

#[test]
fn next_defaults_after_to_now() {
    // Without --after the runs are counted from the clock. For the worked
    // example every run is a UTC workday at 17:00 UTC (each trigger waits for
    // the next 17:00-20:00 UTC opening), consecutive workdays, and the first
    // is within 3 days of now (Friday 17:00 to Monday 17:00 is the longest
    // gap).
    let file = TempFile::json(&worked_example(180));
    let before = Utc::now();
    let out = run(&["next", "--policy", file.path()], None);
    out.assert_clean();
    let runs: Vec<_> = out.lines().into_iter().map(instant).collect();
    assert_eq!(runs.len(), 5);
    assert!(
        runs[0] > before - chrono::Duration::seconds(1),
        "{runs:?} vs {before}"
    );
    assert!(runs[0] <= before + chrono::Duration::days(3) + chrono::Duration::hours(1));
    for run in &runs {
        assert_eq!(
            (run.hour(), run.minute(), run.second(), run.nanosecond()),
            (17, 0, 0, 0)
        );
        assert!(!matches!(run.weekday(), Weekday::Sat | Weekday::Sun), "{run}");
    }
    for pair in runs.windows(2) {
        let expected_gap = if pair[0].weekday() == Weekday::Fri { 3 } else { 1 };
        assert_eq!(
            pair[1] - pair[0],
            chrono::Duration::days(expected_gap),
            "{pair:?}"
        );
    }
}

#[test]
fn without_policy_a_subcommand_reads_standard_input() {
    // Standard input is a pipe here: the document is read from it, as with
    // `--policy -` (the same runs as next_reads_the_policy_from_stdin).
    let policy = worked_example(180).to_string();
    for command in ["next", "explain", "window", "check"] {
        let with_dash = run(
            &[command, "--policy", "-", "--after", "2026-11-30T17:00:00Z"],
            Some(policy.as_bytes()),
        );
        let without = run(
            &[command, "--after", "2026-11-30T17:00:00Z"],
            Some(policy.as_bytes()),
        );
        if command == "window" || command == "check" {
            // --after belongs to next and explain (and check --zone).
            continue;
        }
        without.assert_clean();
        assert_eq!(without.stdout, with_dash.stdout, "{command}");
    }
    let out = run(&["window"], Some(policy.as_bytes()));
    out.assert_clean();
    assert!(
        out.stdout.contains("As text: Mon-Fri 20:00-23:00"),
        "{}",
        out.stdout
    );
    // Nothing on standard input is an empty document, not the example job.
    let out = run(&["next"], Some(b""));
    assert_eq!(
        out.assert_bad_input(),
        "standard input: (document): not valid JSON: the document is empty"
    );
}

#[test]
fn without_policy_and_a_terminal_is_an_error_naming_policy() {
    // The decision, for any stdin: see src/bin/backup-schedule/input.rs's
    // unit test. Here the real thing, on a pseudo-terminal from script(1)
    // when the machine has it.
    let Ok(status) = Command::new("script").arg("--version").output() else {
        eprintln!("script(1) is not installed: the terminal case is left to the unit test");
        return;
    };
    assert!(status.status.success());
    let binary = env!("CARGO_BIN_EXE_backup-schedule");
    let output = Command::new("script")
        .args(["-qec", &format!("{binary} next"), "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("script runs");
    // script's pseudo-terminal joins stdout and stderr.
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert_eq!(
        text.trim_end(),
        "--policy: expected a file, or a document piped to standard input, found neither (standard input is a terminal)"
    );
}

#[test]
fn next_survives_a_closed_stdout() {
    // `backup-schedule next --count 100000 | head -1`: 100000 lines are far
    // more than a pipe holds, so the tool is still writing when the reader
    // goes away. It must neither panic nor report an error.
    let file = TempFile::json(&worked_example(180));
    let mut child = Command::new(env!("CARGO_BIN_EXE_backup-schedule"))
        .args([
            "next",
            "--policy",
            file.path(),
            "--after",
            "2026-11-28T15:00:00Z",
            "--count",
            "100000",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout is piped"))
        .read_line(&mut first)
        .expect("one line");
    assert_eq!(first, "2026-11-30T17:00:00Z\n");
    // The reader was dropped at the end of the statement above: the pipe is closed.
    let output = child.wait_with_output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

// ---------------------------------------------------------------------------
// window

/// The grid's cells: for each row label (Sun..Sat), its 24 cells.
fn grid(stdout: &str) -> Vec<(String, Vec<String>)> {
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    let rows: Vec<_> = stdout
        .lines()
        .filter_map(|line| {
            let mut cells = line.split_whitespace();
            let label = cells.next()?;
            days.contains(&label)
                .then(|| (label.to_owned(), cells.map(str::to_owned).collect::<Vec<_>>()))
        })
        .collect();
    rows
}

#[test]
fn window_shows_the_worked_example() {
    let file = TempFile::json(&worked_example(180));
    let out = run(&["window", "--policy", file.path()], None);
    out.assert_clean();
    for line in out.stdout.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
    // minuteOffset 180 = 3 hours east of UTC.
    assert!(out.stdout.contains("UTC+03:00"), "{}", out.stdout);
    // A header naming the 24 local hours in order.
    let header: Vec<String> = (0..24).map(|hour| format!("{hour:02}")).collect();
    assert!(
        out.stdout
            .lines()
            .any(|line| line.split_whitespace().eq(header.iter().map(String::as_str))),
        "no hour header: {}",
        out.stdout
    );
    let rows = grid(&out.stdout);
    let labels: Vec<_> = rows.iter().map(|(label, _)| label.as_str()).collect();
    assert_eq!(labels, ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]);
    for (day, (label, cells)) in rows.iter().enumerate() {
        assert_eq!(cells.len(), 24, "{label}");
        // Allowed exactly at local 20, 21, 22 on Monday (1) to Friday (5).
        for (hour, cell) in cells.iter().enumerate() {
            let allowed = (1..=5).contains(&day) && (20..23).contains(&hour);
            assert_eq!(cell, if allowed { "##" } else { ".." }, "{label} {hour:02}");
        }
    }
}

#[test]
fn window_with_a_negative_half_hour_offset() {
    // Sunday 00:00 and Saturday 23:00 local allowed; -210 minutes = UTC-03:30.
    let policy = json!({
        "type": "Immediate",
        "backupCopyWindowEnabled": true,
        "backupCopyWindowSettings": {
            "backupWindow": hours(|day, hour| (day, hour) == (0, 0) || (day, hour) == (6, 23)),
            "minuteOffset": -210
        }
    });
    let file = TempFile::json(&policy);
    let out = run(&["window", "--policy", file.path()], None);
    out.assert_clean();
    assert!(out.stdout.contains("UTC-03:30"), "{}", out.stdout);
    let rows = grid(&out.stdout);
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[0].1[0], "##");
    assert_eq!(rows[6].1[23], "##");
    let allowed: usize = rows
        .iter()
        .map(|(_, cells)| cells.iter().filter(|cell| *cell == "##").count())
        .sum();
    assert_eq!(allowed, 2);
}

#[test]
fn window_not_enabled_says_always_open() {
    // Settings present but the window not enabled: it does not apply.
    for enabled in [json!(false), json!(null)] {
        let policy = json!({
            "type": "Periodically",
            "periodicallyEvery": "Hours1",
            "backupCopyWindowEnabled": enabled,
            "backupCopyWindowSettings": {"backupWindow": hours(|_, _| false), "minuteOffset": 0}
        });
        let out = run(&["window", "--policy", "-"], Some(policy.to_string().as_bytes()));
        out.assert_clean();
        assert!(out.stdout.contains("not enabled"), "{}", out.stdout);
        assert!(out.stdout.contains("always open"), "{}", out.stdout);
        assert!(grid(&out.stdout).is_empty(), "{}", out.stdout);
    }
}

#[test]
fn window_allowing_no_hour_says_never() {
    let file = TempFile::json(&never_open(json!({"type": "Immediate"})));
    let out = run(&["window", "--policy", file.path()], None);
    out.assert_clean();
    assert!(out.stdout.contains("never runs"), "{}", out.stdout);
    assert!(out.stdout.contains("UTC-03:30"), "{}", out.stdout);
    let rows = grid(&out.stdout);
    assert_eq!(rows.len(), 7);
    assert!(rows
        .iter()
        .all(|(_, cells)| cells.len() == 24 && cells.iter().all(|cell| cell == "..")));
}

// ---------------------------------------------------------------------------
// check

#[test]
fn check_prints_the_normalized_document() {
    // "HH:MM" becomes "HH:MM:SS" and an absent minuteOffset becomes 0; the
    // copy job around the policy is printed with it, as given.
    let mut policy = worked_example(180);
    policy["dailyTime"] = json!("07:30");
    policy["backupCopyWindowSettings"]
        .as_object_mut()
        .unwrap()
        .remove("minuteOffset");
    let job = json!({"schedulePolicy": policy, "isEnabled": false});
    let file = TempFile::json(&job);
    let out = run(&["check", "--policy", file.path()], None);
    out.assert_clean();
    let printed: Value = serde_json::from_str(&out.stdout).expect("check prints JSON");
    assert_eq!(printed["isEnabled"], false);
    let printed = &printed["schedulePolicy"];
    assert_eq!(printed["dailyTime"], "07:30:00");
    assert_eq!(printed["backupCopyWindowSettings"]["minuteOffset"], 0);
    assert_eq!(printed["type"], "DailyAtTime");
    assert_eq!(printed["dailyType"], "Workdays");
    assert_eq!(printed["backupCopyWindowEnabled"], true);
    assert_eq!(
        printed["backupCopyWindowSettings"]["backupWindow"],
        worked_example(180)["backupCopyWindowSettings"]["backupWindow"]
    );
    // Pretty-printed: more than one line.
    assert!(out.stdout.lines().count() > 1);
}

#[test]
fn check_from_stdin() {
    let out = run(
        &["check", "--policy", "-"],
        Some(br#"{"type": "DailyAtTime", "dailyType": "Sunday", "dailyTime": "00:05"}"#),
    );
    out.assert_clean();
    let printed: Value = serde_json::from_str(&out.stdout).expect("check prints JSON");
    assert_eq!(
        printed,
        json!({"type": "DailyAtTime", "dailyType": "Sunday", "dailyTime": "00:05:00"})
    );
}

// ---------------------------------------------------------------------------
// explain

#[test]
fn explain_worked_example() {
    // The first line is the schedule in one sentence: workdays at 22:00 UTC,
    // held to Mon-Fri 20:00-23:00 at minuteOffset 180 = UTC+03:00.
    // Then, by hand (the derivation of next_worked_example_from_a_file):
    // - Fri 11-27 22:00 UTC is Sat 01:00 at UTC+03:00, outside the window;
    //   it waits for Mon 20:00 local = Mon 11-30 17:00 UTC, and the window
    //   closes on it at 23:00 local = 20:00 UTC.
    // - Mon 11-30 22:00 UTC is Tue 01:00 local: waits for Tue 20:00 local =
    //   Tue 12-01 17:00 UTC, deadline 20:00 UTC.
    let file = TempFile::json(&worked_example(180));
    let out = run(
        &[
            "explain",
            "--policy",
            file.path(),
            "--after",
            "2026-11-28T15:00:00Z",
            "--count",
            "2",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(
        out.lines(),
        [
            "Workdays at 22:00 UTC, held to the window Mon-Fri 20:00-23:00 (UTC+03:00)",
            "2026-11-30T17:00:00Z  trigger Fri 22:00 UTC, window closed (Sat 01:00 UTC+03:00), \
             opened Mon 20:00 UTC+03:00; deadline 2026-11-30T20:00:00Z",
            "2026-12-01T17:00:00Z  trigger Mon 22:00 UTC, window closed (Tue 01:00 UTC+03:00), \
             opened Tue 20:00 UTC+03:00; deadline 2026-12-01T20:00:00Z",
        ]
    );
}

#[test]
fn explain_count_defaults_to_five_and_zero_gives_the_sentence_only() {
    let file = TempFile::json(&worked_example(180));
    let out = run(
        &[
            "explain",
            "--policy",
            file.path(),
            "--after",
            "2026-11-28T15:00:00Z",
        ],
        None,
    );
    out.assert_clean();
    // The sentence and five runs, at the instants `next` gives (derived in
    // next_count_defaults_to_five): workdays 11-30 to 12-04 at 17:00 UTC.
    let lines = out.lines();
    assert_eq!(lines.len(), 6, "{lines:?}");
    for (line, day) in lines[1..]
        .iter()
        .zip(["11-30", "12-01", "12-02", "12-03", "12-04"])
    {
        assert!(
            line.starts_with(&format!("2026-{day}T17:00:00Z  trigger ")),
            "{line}"
        );
    }

    let out = run(
        &[
            "explain",
            "--policy",
            file.path(),
            "--after",
            "2026-11-28T15:00:00Z",
            "--count",
            "0",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(out.lines().len(), 1, "{}", out.stdout);
}

#[test]
fn explain_a_trigger_that_finds_the_window_open() {
    // Every hour, held to nights 22:00-06:00 at UTC+00:00. 2026-12-01 is a
    // Tuesday. From Tue 05:30 UTC: the 06:00..21:00 triggers find the window
    // closed; the first of them, 06:00, waits for 22:00 (the later ones
    // coalesce into that run), and the window closes at Wed 06:00. The 23:00
    // trigger finds it open and runs at once, with the same deadline.
    assert_eq!(
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().weekday(),
        Weekday::Tue
    );
    let policy = json!({
        "type": "Periodically",
        "periodicallyEvery": "Hours1",
        "backupCopyWindowEnabled": true,
        "backupCopyWindowSettings": {
            "backupWindow": hours(|_, hour| !(6..22).contains(&hour)),
            "minuteOffset": 0
        }
    });
    let file = TempFile::json(&policy);
    let out = run(
        &[
            "explain",
            "--policy",
            file.path(),
            "--after",
            "2026-12-01T05:30:00Z",
            "--count",
            "2",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(
        out.lines()[1..],
        [
            "2026-12-01T22:00:00Z  trigger Tue 06:00 UTC, window closed (Tue 06:00 UTC+00:00), \
             opened Tue 22:00 UTC+00:00; deadline 2026-12-02T06:00:00Z",
            "2026-12-01T23:00:00Z  trigger Tue 23:00 UTC, window open; deadline 2026-12-02T06:00:00Z",
        ]
    );
}

#[test]
fn explain_without_a_deadline() {
    // No window: every 4 hours from 00:00 UTC, each run at its trigger; from
    // Sat 11-28 15:00 UTC the next are 16:00 and 20:00.
    let policy = json!({"type": "Periodically", "periodicallyEvery": "Hours4"});
    let out = run(
        &[
            "explain",
            "--policy",
            "-",
            "--after",
            "2026-11-28T15:00:00Z",
            "--count",
            "2",
        ],
        Some(policy.to_string().as_bytes()),
    );
    out.assert_clean();
    assert_eq!(
        out.lines(),
        [
            "Every 4 hours from 00:00 UTC, at any hour",
            "2026-11-28T16:00:00Z  trigger Sat 16:00 UTC, window open; no deadline (the window is not enabled)",
            "2026-11-28T20:00:00Z  trigger Sat 20:00 UTC, window open; no deadline (the window is not enabled)",
        ]
    );

    // The seed: Immediate, every hour allowed at UTC+00:00. A restore point
    // at --after is copied at once, and the window never closes on it.
    let out = run(
        &[
            "explain",
            "--policy",
            SEED_RESPONSE,
            "--after",
            "2026-11-28T15:00:00Z",
        ],
        None,
    );
    out.assert_clean();
    let lines = out.lines();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(
        lines[1],
        "2026-11-28T15:00:00Z  restore point at Sat 15:00 UTC, window open; no deadline (the window never closes)"
    );
}

#[test]
fn explain_immediate_that_waits() {
    // Open only Sunday 02:00-03:00 local at UTC+05:30 (the policy of
    // next_immediate_prints_the_start_for_a_restore_point). A restore point
    // at Sat 15:00 UTC (Sat 20:30 local) waits for Sun 02:00 local = Sat
    // 20:30 UTC; the window closes at 03:00 local = 21:30 UTC.
    let policy = json!({
        "type": "Immediate",
        "backupCopyWindowEnabled": true,
        "backupCopyWindowSettings": {
            "backupWindow": hours(|day, hour| day == 0 && hour == 2),
            "minuteOffset": 330
        }
    });
    let file = TempFile::json(&policy);
    let out = run(
        &[
            "explain",
            "--policy",
            file.path(),
            "--after",
            "2026-11-28T15:00:00Z",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(
        out.lines(),
        [
            "After each new restore point, held to the window Sun 02:00-03:00 (UTC+05:30)",
            "2026-11-28T20:30:00Z  restore point at Sat 15:00 UTC, window closed (Sat 20:30 UTC+05:30), \
             opened Sun 02:00 UTC+05:30; deadline 2026-11-28T21:30:00Z",
        ]
    );
}

#[test]
fn explain_never_open_window() {
    // The sentence, then no runs: a note on stderr, exit 0.
    let file = TempFile::json(&never_open(
        json!({"type": "Periodically", "periodicallyEvery": "Hours4"}),
    ));
    let out = run(
        &[
            "explain",
            "--policy",
            file.path(),
            "--after",
            "2026-11-28T15:00:00Z",
        ],
        None,
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        out.lines(),
        ["Every 4 hours from 00:00 UTC, held to a window that never opens"]
    );
    assert_eq!(out.stderr.lines().count(), 1, "{:?}", out.stderr);
    assert!(out.stderr.contains("never"), "{:?}", out.stderr);
}

// ---------------------------------------------------------------------------
// next --format json

/// `next --format json`'s output, parsed: (run, trigger, deadline) per object.
fn json_runs(stdout: &str) -> Vec<(String, String, Option<String>)> {
    let value: Value = serde_json::from_str(stdout).unwrap_or_else(|err| panic!("{err}: {stdout}"));
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {stdout}"))
        .iter()
        .map(|object| {
            let object = object.as_object().expect("objects");
            assert_eq!(object.len(), 3, "{object:?}");
            let text = |key: &str| object[key].as_str().map(str::to_owned);
            (
                text("run").expect("run is a string"),
                text("trigger").expect("trigger is a string"),
                match &object["deadline"] {
                    Value::Null => None,
                    other => Some(other.as_str().expect("deadline is a string or null").to_owned()),
                },
            )
        })
        .collect()
}

#[test]
fn next_json_worked_example() {
    // The runs and deadlines of explain_worked_example; the triggers in
    // full: Fri 11-27 and Mon 11-30 at 22:00 UTC.
    let file = TempFile::json(&worked_example(180));
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--after",
            "2026-11-28T15:00:00Z",
            "--count",
            "2",
            "--format",
            "json",
        ],
        None,
    );
    out.assert_clean();
    let some = |text: &str| Some(text.to_owned());
    assert_eq!(
        json_runs(&out.stdout),
        [
            (
                "2026-11-30T17:00:00Z".to_owned(),
                "2026-11-27T22:00:00Z".to_owned(),
                some("2026-11-30T20:00:00Z")
            ),
            (
                "2026-12-01T17:00:00Z".to_owned(),
                "2026-11-30T22:00:00Z".to_owned(),
                some("2026-12-01T20:00:00Z")
            ),
        ]
    );
    // One object per line, between the brackets, keys in the order run,
    // trigger, deadline.
    let lines = out.lines();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!((lines[0], lines[3]), ("[", "]"));
    assert!(lines[1]
        .trim_start()
        .starts_with(r#"{"run":"2026-11-30T17:00:00Z","trigger":"#));

    // --format text is the default.
    let text = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--after",
            "2026-11-28T15:00:00Z",
            "--count",
            "2",
            "--format",
            "text",
        ],
        None,
    );
    text.assert_clean();
    assert_eq!(text.lines(), ["2026-11-30T17:00:00Z", "2026-12-01T17:00:00Z"]);
}

#[test]
fn next_json_immediate_and_no_window() {
    // Immediate: one object, the restore point at --after (15:00:00.25 at
    // +01:00 = 14:00:00.25 UTC) as its trigger; the seed's window allows
    // every hour, so it runs at once and never meets a deadline.
    let out = run(
        &[
            "next",
            "--policy",
            SEED_REQUEST,
            "--after",
            "2026-11-28T15:00:00.25+01:00",
            "--count",
            "3",
            "--format",
            "json",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(
        json_runs(&out.stdout),
        [(
            "2026-11-28T14:00:00.250Z".to_owned(),
            "2026-11-28T14:00:00.250Z".to_owned(),
            None
        )]
    );

    // Every 15 minutes without a window: each run is its own trigger, no
    // deadline. After 10:15:00.5 come 10:30 and 10:45.
    let policy = json!({"type": "Periodically", "periodicallyEvery": "Minutes15"}).to_string();
    let out = run(
        &[
            "next",
            "--policy",
            "-",
            "--after",
            "2026-11-28T10:15:00.5Z",
            "--count",
            "2",
            "--format",
            "json",
        ],
        Some(policy.as_bytes()),
    );
    out.assert_clean();
    assert_eq!(
        json_runs(&out.stdout),
        [
            (
                "2026-11-28T10:30:00Z".to_owned(),
                "2026-11-28T10:30:00Z".to_owned(),
                None
            ),
            (
                "2026-11-28T10:45:00Z".to_owned(),
                "2026-11-28T10:45:00Z".to_owned(),
                None
            ),
        ]
    );
}

#[test]
fn next_json_without_runs_is_an_empty_array() {
    let file = TempFile::json(&never_open(json!({"type": "Immediate"})));
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--after",
            "2026-11-28T15:00:00Z",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(json_runs(&out.stdout), []);
    assert_eq!(out.stderr.lines().count(), 1, "{:?}", out.stderr);
    assert!(out.stderr.contains("never"), "{:?}", out.stderr);

    // --count 0 asks for nothing: an empty array and no note.
    let file = TempFile::json(&worked_example(180));
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--count",
            "0",
            "--format",
            "json",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(json_runs(&out.stdout), []);
}

// ---------------------------------------------------------------------------
// no arguments

#[test]
fn no_arguments_shows_both_example_jobs() {
    let before = Utc::now();
    let out = run(&[], None);
    let after = Utc::now();
    out.assert_clean();
    let text = &out.stdout;
    // One screen: at most 40 lines of at most 80 columns.
    assert!(text.lines().count() <= 40, "{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
    // The seed response's name and type, every hour allowed.
    assert!(text.contains("Copy job \"Backup1 - copy job\""), "{text}");
    assert!(text.contains("Immediate"), "{text}");
    assert!(text.contains("every hour allowed"), "{text}");
    // A restore point appearing now is copied now, so the one instant on
    // that line is between the clock readings around the run.
    let line = text
        .lines()
        .find(|line| line.contains("restore point appearing now"))
        .unwrap_or_else(|| panic!("no start shown: {text}"));
    let start = instant(line.split_whitespace().last().unwrap());
    assert!(
        before <= start && start <= after,
        "{before} <= {start} <= {after}"
    );

    // Then the worked example: its window (one grid, Mon-Fri 20-22 local)
    // and sentence.
    assert!(
        text.contains("Workdays at 22:00 UTC, held to the window Mon-Fri 20:00-23:00 (UTC+03:00)"),
        "{text}"
    );
    let rows = grid(text);
    assert_eq!(rows.len(), 7, "{text}");
    for (day, cells) in &rows {
        let workday = !matches!(day.as_str(), "Sat" | "Sun");
        let open: Vec<usize> = (0..24).filter(|&hour| cells[hour] == "##").collect();
        assert_eq!(open, if workday { vec![20, 21, 22] } else { vec![] }, "{day}");
    }
    // Its next five runs with trigger and deadline. By hand: every trigger
    // (22:00 UTC = 01:00 local the next day) falls in a closed hour and
    // waits for 20:00 local = 17:00 UTC of the next workday (Friday's for
    // Monday); the window closes at 23:00 local = 20:00 UTC.
    let runs: Vec<Vec<&str>> = text
        .lines()
        .map(str::split_whitespace)
        .map(Iterator::collect)
        .filter(|words: &Vec<&str>| {
            words
                .first()
                .is_some_and(|word| DateTime::parse_from_rfc3339(word).is_ok())
        })
        .collect();
    assert_eq!(runs.len(), 5, "{text}");
    let mut previous = after;
    for words in runs {
        let run = instant(words[0]);
        assert!(run > previous, "{run} after {previous}");
        previous = run;
        assert!(!matches!(run.weekday(), Weekday::Sat | Weekday::Sun), "{run}");
        assert_eq!((run.hour(), run.minute(), run.second()), (17, 0, 0), "{run}");
        let trigger_day = if run.weekday() == Weekday::Mon {
            "Fri"
        } else {
            ["Mon", "Tue", "Wed", "Thu"][run.weekday().num_days_from_monday() as usize - 1]
        };
        assert_eq!(
            &words[1..5],
            [trigger_day, "22:00", "UTC,", "waited"],
            "{words:?}"
        );
        assert_eq!(instant(words[5]), run + chrono::Duration::hours(3), "{words:?}");
    }
}

#[test]
fn help_and_version_exit_zero() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["next", "--help"],
        &["explain", "--help"],
        &["check", "--help"],
        &["window", "-h"],
        &["--version"],
    ] {
        let out = run(args, None);
        out.assert_clean();
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
}

// ---------------------------------------------------------------------------
// bad input: exit 2, one line on stderr naming the field or flag, no stdout

#[test]
fn bad_flag_values() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["next", "--after", "2026-02-30T10:00:00Z"],
            r#"--after: expected an RFC 3339 instant, found "2026-02-30T10:00:00Z""#,
        ),
        (
            &["next", "--after", "+300000-01-01T00:00:00Z"],
            r#"--after: expected an RFC 3339 instant, found "+300000-01-01T00:00:00Z""#,
        ),
        (
            &["next", "--after", "2026-11-28"],
            r#"--after: expected an RFC 3339 instant, found "2026-11-28""#,
        ),
        (
            &["next", "--after", "2026-11-28T25:00:00Z"],
            r#"--after: expected an RFC 3339 instant, found "2026-11-28T25:00:00Z""#,
        ),
        (
            &["next", "--after", ""],
            r#"--after: expected an RFC 3339 instant, found """#,
        ),
        (
            &["next", "--count", "x"],
            r#"--count: expected a whole number, found "x""#,
        ),
        (
            &["next", "--count", "-1"],
            r#"--count: expected a whole number, found "-1""#,
        ),
        (
            &["next", "--count", "1.5"],
            r#"--count: expected a whole number, found "1.5""#,
        ),
        (
            &["next", "--count", ""],
            r#"--count: expected a whole number, found """#,
        ),
    ];
    for (args, expected) in cases {
        let out = run(args, None);
        assert_eq!(out.assert_bad_input(), *expected, "{args:?}");
    }
    // explain reads --after and --count the same way.
    for (args, expected) in [
        (
            ["explain", "--after", "2026-11-28"],
            r#"--after: expected an RFC 3339 instant, found "2026-11-28""#,
        ),
        (
            ["explain", "--count", "-1"],
            r#"--count: expected a whole number, found "-1""#,
        ),
    ] {
        let out = run(&args, None);
        assert_eq!(out.assert_bad_input(), expected, "{args:?}");
    }
    // Too large for a count: still names the flag.
    let out = run(&["next", "--count", "999999999999999999999999"], None);
    assert!(out.assert_bad_input().starts_with("--count: "));
}

#[test]
fn bad_command_lines_are_one_line() {
    // Clap's own errors (usually several lines with usage) come out as one.
    let cases: &[(&[&str], &str)] = &[
        (&["next", "--bogus"], "--bogus"),
        (&["frobnicate"], "frobnicate"),
        (&["next", "--after"], "--after"),
        (&["next", "--policy"], "--policy"),
        (&["window", "--count", "3"], "--count"),
        // check takes --after and --strict only with --zone (the drift check).
        (&["check", "--after", "2026-11-28T15:00:00Z"], "--zone"),
        (&["check", "--strict"], "--zone"),
        (&["check", "--count", "3"], "--count"),
        (&["explain", "--format", "json"], "--format"),
        (&["next", "--format", "xml"], "--format"),
        (&["next", "--zone"], "--zone"),
        (&["--policy", "x.json"], "--policy"),
        (&["next", "--policy", "a.json", "--policy", "b.json"], "--policy"),
    ];
    for (args, flag) in cases {
        let out = run(args, None);
        let line = out.assert_bad_input();
        assert!(line.contains(flag), "{args:?}: {line:?}");
    }
}

#[test]
fn unreadable_policy_file() {
    let missing =
        std::env::temp_dir().join(format!("backup-schedule-cli-{}-missing.json", std::process::id()));
    let missing = missing.to_str().unwrap();
    for command in ["next", "explain", "window", "check"] {
        let out = run(&[command, "--policy", missing], None);
        let line = out.assert_bad_input();
        let expected = format!("--policy: cannot read {missing:?}: ");
        assert!(line.starts_with(&expected), "{line:?}");
        assert!(line.contains("No such file or directory"), "{line:?}");
    }
    // A directory is not a readable file either.
    let dir = std::env::temp_dir();
    let out = run(&["check", "--policy", dir.to_str().unwrap()], None);
    assert!(out.assert_bad_input().starts_with("--policy: cannot read "));
}

#[test]
fn bad_policy_documents() {
    let window_of = |len: usize| {
        json!({
            "type": "Immediate",
            "backupCopyWindowEnabled": true,
            "backupCopyWindowSettings": {"backupWindow": vec![true; len], "minuteOffset": 0}
        })
    };
    // (document, what the line must start with); the messages follow the
    // library's format "path: expected ..., found ...".
    let cases: Vec<(Vec<u8>, String)> =
        vec![
        (
            br#"{"type": "DailyAtTime", "dailyType": "Sunday", "dailyTime": "24:00:00"}"#.to_vec(),
            r#"schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00, found "24:00:00""#
                .into(),
        ),
        (
            br#"{"type": "DailyAtTime", "dailyType": "Workdays"}"#.to_vec(),
            "schedulePolicy.dailyTime: expected ".into(),
        ),
        (
            window_of(167).to_string().into_bytes(),
            "schedulePolicy.backupCopyWindowSettings.backupWindow: expected 168 booleans, found 167".into(),
        ),
        (
            window_of(169).to_string().into_bytes(),
            "schedulePolicy.backupCopyWindowSettings.backupWindow".into(),
        ),
        (
            br#"{"type": "Immediate", "backupCopyWindowSettings": {"minuteOffset": 1440}}"#.to_vec(),
            "schedulePolicy.backupCopyWindowSettings.minuteOffset: expected ".into(),
        ),
        (
            br#"{"type": "Immediate", "backupCopyWindowEnabled": true}"#.to_vec(),
            "schedulePolicy.backupCopyWindowSettings: expected ".into(),
        ),
        (br#"{"dailyType": "Workdays"}"#.to_vec(), "schedulePolicy.type: expected ".into()),
        (br#"{"type": "Hourly"}"#.to_vec(), "schedulePolicy.type: ".into()),
        // An unknown spelling with a newline in it still gives one line.
        (b"{\"type\": \"Hour\\nly\"}".to_vec(), "schedulePolicy.type: ".into()),
        (
            br#"{"schedulePolicy": {"type": "DailyAtTime", "dailyType": "Someday", "dailyTime": "10:00"}}"#
                .to_vec(),
            "schedulePolicy.dailyType: ".into(),
        ),
        (br#"{"schedulePolicy": null}"#.to_vec(), "schedulePolicy: expected ".into()),
        (br#"{"type": "Immediate""#.to_vec(), "".into()),
        (b"not json".to_vec(), "".into()),
        (b"".to_vec(), "".into()),
    ];
    for (document, start) in &cases {
        let shown = String::from_utf8_lossy(document);
        let file = TempFile::new(document);
        for command in ["next", "explain", "window", "check"] {
            // From a file and from stdin alike.
            let from_file = run(&[command, "--policy", file.path()], None);
            let from_stdin = run(&[command, "--policy", "-"], Some(document));
            for (out, source) in [(from_file, file.path()), (from_stdin, "standard input")] {
                let line = out.assert_bad_input();
                // A document that is not JSON is named by its file first;
                // other faults are in the JSON, named by their path alone.
                let named = line.strip_prefix(&format!("{source}: "));
                assert_eq!(
                    named.is_some(),
                    line.contains("not valid JSON"),
                    "{command} {shown}: {line:?}"
                );
                let line = named.unwrap_or(line);
                assert!(line.starts_with(start.as_str()), "{command} {shown}: {line:?}");
                // Every message names a field: a JSON path or "(document)".
                assert!(
                    line.starts_with("schedulePolicy") || line.starts_with("(document)"),
                    "{command} {shown}: {line:?}"
                );
            }
        }
    }
}

#[test]
fn seed_paths_exist() {
    // The seed files the tests above read.
    assert!(Path::new(SEED_REQUEST).is_file());
    assert!(Path::new(SEED_RESPONSE).is_file());
}
