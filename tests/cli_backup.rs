//! The command-line tool on backup jobs (issue 11): `next`, `explain`,
//! `window`, `check` and `retry`, the family recognised or forced with
//! `--kind`, and the errors.
//!
//! Expected instants are derived by hand in the comments (the README's
//! semantics table), never copied from the tool's output.

#![cfg(feature = "cli")]

mod common;

use serde_json::{json, Value};

use common::cli::{hours, run, TempFile};

/// The vendor's second example: every 4 hours at 15, permitted 19:00-08:00
/// (hours 19..=23 and 0..=7, each from :15 with the runs).
fn vendor_two() -> Value {
    json!({
        "type": "Periodically", "periodicallyEvery": "Hours4", "periodicallyOffsetMinutes": 15,
        "periodicallyWindowEnabled": true,
        "periodicallyWindowSettings": {"backupWindow": hours(|_, h| !(8..19).contains(&h)), "minuteOffset": 0}
    })
}

/// The vendor's third example: daily on workdays at 14:50, 15:00-15:59
/// prohibited, with 2 retries 5 minutes apart.
fn vendor_three() -> Value {
    json!({
        "type": "Daily", "dailyType": "Workdays", "dailyTime": "14:50",
        "backupWindowEnabled": true,
        "backupWindowSettings": {"backupWindow": hours(|_, h| h != 15), "minuteOffset": 0},
        "retryEnabled": true, "retryNumber": 2, "retryWaitInterval": 5
    })
}

#[test]
fn next_runs_a_backup_job() {
    let file = TempFile::json(&vendor_two());
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--after",
            "2026-11-30T23:59:00Z",
            "--count",
            "5",
        ],
        None,
    );
    out.assert_clean();
    // 00:15 and 04:15 run; 08:15, 12:15, 16:15 are denied and run once at 19:15; then 20:15.
    assert_eq!(
        out.lines(),
        [
            "2026-12-01T00:15:00Z",
            "2026-12-01T04:15:00Z",
            "2026-12-01T19:15:00Z",
            "2026-12-01T20:15:00Z",
            "2026-12-02T00:15:00Z",
        ]
    );
}

#[test]
fn next_as_json_has_the_backup_windows_deadline() {
    let file = TempFile::json(&vendor_three());
    // Monday 2026-11-30: the run at 14:50 ends when 15:00 is prohibited.
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--after",
            "2026-11-30T12:00:00Z",
            "--count",
            "1",
            "--format",
            "json",
        ],
        None,
    );
    out.assert_clean();
    let runs: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        runs,
        json!([{"run": "2026-11-30T14:50:00Z", "trigger": "2026-11-30T14:50:00Z", "deadline": "2026-11-30T15:00:00Z"}])
    );
}

#[test]
fn explain_names_the_gate_that_held_a_run() {
    let file = TempFile::json(&vendor_two());
    let out = run(
        &[
            "explain",
            "--policy",
            file.path(),
            "--after",
            "2026-12-01T05:00:00Z",
            "--count",
            "1",
        ],
        None,
    );
    out.assert_clean();
    let lines = out.lines();
    assert_eq!(lines.len(), 2, "{lines:?}");
    // The run at 19:15 serves the trigger at 08:15, held by the permitted
    // hours, and nothing ends it (no backup window).
    assert!(
        lines[1].starts_with("2026-12-01T19:15:00Z  trigger Tue 08:15 UTC, permitted hours closed"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].ends_with("; no deadline (the backup window is not enabled)"),
        "{}",
        lines[1]
    );
}

#[test]
fn window_shows_both_grids() {
    let mut policy = vendor_two();
    policy["backupWindowEnabled"] = json!(true);
    policy["backupWindowSettings"] = json!({"backupWindow": hours(|day, _| day != 0), "minuteOffset": 60});
    let file = TempFile::json(&policy);
    let out = run(&["window", "--policy", file.path()], None);
    out.assert_clean();
    let text = &out.stdout;
    // The backup window: every day but Sunday, 6 x 24 = 144 hours, at +01:00.
    assert!(
        text.starts_with(
            "Backup window in local time UTC+01:00 (minuteOffset 60)\n144 of 168 hours allowed\n"
        ),
        "{text}"
    );
    // The permitted hours: 5 + 8 = 13 hours a day, 91 a week, from :15.
    assert!(
        text.contains("\nPermitted hours start at minute 15 of each hour"),
        "{text}"
    );
    assert!(
        text.contains(
            "\nPermitted hours in local time UTC+00:00 (minuteOffset 0)\n91 of 168 hours allowed\n"
        ),
        "{text}"
    );
    assert_eq!(text.matches("\nSun ").count(), 2, "{text}");
    // Without them: both not enabled.
    let file = TempFile::json(&json!({"type": "ManualOnly"}));
    let out = run(&["window", "--policy", file.path()], None);
    out.assert_clean();
    assert_eq!(
        out.lines(),
        [
            "Backup window: not enabled, so every hour is allowed (always open)",
            "",
            "Permitted hours: not enabled, so every hour is allowed (always open)",
        ]
    );
}

#[test]
fn check_prints_the_normalized_job_with_unknown_members() {
    let job = json!({"name": "Mail", "futureJob": [1], "schedulePolicy": {
        "type": "Daily", "dailyType": "Everyday", "dailyTime": "07:00",
        "retryEnabled": false, "futurePolicy": "x", "backupWindowSettings": {"backupWindow": hours(|_, _| true)}
    }});
    let file = TempFile::json(&job);
    let out = run(&["check", "--policy", file.path()], None);
    out.assert_clean();
    let value: Value = serde_json::from_str(&out.stdout).unwrap();
    let mut expected = job.clone();
    expected["schedulePolicy"]["dailyTime"] = json!("07:00:00");
    expected["schedulePolicy"]["backupWindowSettings"]["minuteOffset"] = json!(0);
    assert_eq!(value, expected);
}

#[test]
fn a_list_of_backup_jobs_is_answered_job_by_job() {
    let page = json!({"results": [
        {"id": "a", "name": "Nightly", "schedulePolicy": {"type": "Daily", "dailyType": "Everyday", "dailyTime": "22:00"}},
        {"id": "b", "name": "Broken", "schedulePolicy": {"type": "Daily", "dailyType": "Everyday"}},
    ]});
    let file = TempFile::json(&page);
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--after",
            "2026-12-01T00:00:00Z",
            "--count",
            "1",
        ],
        None,
    );
    assert_eq!(out.code, Some(2));
    assert_eq!(
        out.lines(),
        [r#"Backup job "Nightly" (id a)"#, "2026-12-01T22:00:00Z"]
    );
    assert_eq!(
        out.stderr,
        "backup job \"Broken\" (id b) at results[1]: schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00 (required when type is Daily), found nothing\n"
    );
}

#[test]
fn kind_forces_the_family() {
    // Every 4 hours with an offset of 30: a backup job runs at 04:30; read as
    // a copy job the offset is a member it does not know, and it runs at 04:00.
    let file = TempFile::json(
        &json!({"type": "Periodically", "periodicallyEvery": "Hours4", "periodicallyOffsetMinutes": 30}),
    );
    let ask = |kind: &[&str]| {
        let mut args = vec![
            "next",
            "--policy",
            file.path(),
            "--after",
            "2026-12-01T01:00:00Z",
            "--count",
            "1",
        ];
        args.extend_from_slice(kind);
        let out = run(&args, None);
        out.assert_clean();
        out.stdout
    };
    assert_eq!(ask(&[]), "2026-12-01T04:30:00Z\n");
    assert_eq!(ask(&["--kind", "backup"]), "2026-12-01T04:30:00Z\n");
    assert_eq!(ask(&["--kind", "copy"]), "2026-12-01T04:00:00Z\n");
    // A bare Periodically is the same either way: every 4 hours from 00:00.
    let bare = TempFile::json(&json!({"type": "Periodically", "periodicallyEvery": "Hours4"}));
    for kind in ["copy", "backup"] {
        let out = run(
            &[
                "next",
                "--policy",
                bare.path(),
                "--after",
                "2026-12-01T01:00:00Z",
                "--count",
                "1",
                "--kind",
                kind,
            ],
            None,
        );
        out.assert_clean();
        assert_eq!(out.stdout, "2026-12-01T04:00:00Z\n", "{kind}");
    }
    // Forced to backup, a copy job's type is refused.
    let copy = TempFile::json(&json!({"type": "Immediate"}));
    let out = run(&["check", "--policy", copy.path(), "--kind", "backup"], None);
    let line = out.assert_bad_input();
    assert!(
        line.starts_with(
            r#"schedulePolicy.type: expected one of Periodically, Daily, ManualOnly, found "Immediate""#
        ),
        "{line}"
    );
    // An unknown family is clap's error, naming the flag.
    let out = run(&["next", "--policy", copy.path(), "--kind", "archive"], None);
    assert!(out.assert_bad_input().contains("--kind"), "{}", out.stderr);
}

#[test]
fn a_document_mixing_both_families_is_refused_naming_them() {
    let file = TempFile::new(br#"{"schedulePolicy": {"type": "Immediate", "retryEnabled": true}}"#);
    for command in ["next", "explain", "window", "check"] {
        let out = run(&[command, "--policy", file.path()], None);
        assert_eq!(
            out.assert_bad_input(),
            r#"schedulePolicy: expected the members of one job family, found copy-job type "Immediate" and backup-job retryEnabled"#,
            "{command}"
        );
    }
}

#[test]
fn retry_prints_the_retrys_start_or_nothing() {
    let file = TempFile::json(&vendor_three());
    let retry = |failed_at: &str, failures: &str| {
        let out = run(
            &[
                "retry",
                "--policy",
                file.path(),
                "--failed-at",
                failed_at,
                "--failures",
                failures,
            ],
            None,
        );
        out.assert_clean();
        out.stdout
    };
    // Failed at 14:52: retried at 14:57, before the window closes at 15:00.
    assert_eq!(retry("2026-11-30T14:52:00Z", "1"), "2026-11-30T14:57:00Z\n");
    assert_eq!(retry("2026-11-30T14:52:00+00:00", "2"), "2026-11-30T14:57:00Z\n");
    // The third failure gets no retry (retryNumber 2).
    assert_eq!(retry("2026-11-30T14:52:00Z", "3"), "");
    // At 14:56 the retry would be at 15:01, after the deadline: none.
    assert_eq!(retry("2026-11-30T14:56:00Z", "1"), "");
    // More failures than a number holds: none either.
    assert_eq!(retry("2026-11-30T14:52:00Z", "99999999999999999999"), "");
    // A copy job never retries.
    let copy = TempFile::json(&json!({"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "14:50"}));
    let out = run(
        &[
            "retry",
            "--policy",
            copy.path(),
            "--failed-at",
            "2026-11-30T14:52:00Z",
            "--failures",
            "1",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(out.stdout, "");
}

#[test]
fn retry_flags_are_checked_and_named() {
    let file = TempFile::json(&vendor_three());
    for failures in ["0", "-1", "one", "", "1.5"] {
        let out = run(
            &[
                "retry",
                "--policy",
                file.path(),
                "--failed-at",
                "2026-11-30T14:52:00Z",
                "--failures",
                failures,
            ],
            None,
        );
        assert_eq!(
            out.assert_bad_input(),
            format!("--failures: expected a whole number of failed attempts, 1 or more, found {failures:?}")
        );
    }
    let out = run(
        &[
            "retry",
            "--policy",
            file.path(),
            "--failed-at",
            "2026-11-30T14:52:00Z",
        ],
        None,
    );
    assert!(out.assert_bad_input().contains("--failures"), "{}", out.stderr);
    let out = run(
        &[
            "retry",
            "--policy",
            file.path(),
            "--failed-at",
            "yesterday",
            "--failures",
            "1",
        ],
        None,
    );
    assert_eq!(
        out.assert_bad_input(),
        r#"--failed-at: expected an RFC 3339 instant, found "yesterday""#
    );
}

#[test]
fn manual_only_and_switched_off_jobs_say_why_they_have_no_runs() {
    for (policy, why) in [
        (json!({"type": "ManualOnly"}), "ManualOnly"),
        (
            json!({"type": "Periodically", "periodicallyEvery": "Hours1", "scheduleEnabled": false}),
            "scheduleEnabled is false",
        ),
    ] {
        let file = TempFile::json(&policy);
        let out = run(
            &["next", "--policy", file.path(), "--after", "2026-12-01T00:00:00Z"],
            None,
        );
        assert_eq!(out.code, Some(0));
        assert_eq!(out.stdout, "");
        assert!(
            out.stderr.starts_with("no runs: ") && out.stderr.contains(why),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn zone_evaluates_a_backup_job_on_the_wall_clock() {
    // Daily 22:00 in Berlin: CET (+01:00) in December, so 21:00 UTC.
    let file = TempFile::json(
        &json!({"type": "Daily", "dailyType": "Everyday", "dailyTime": "22:00", "retryEnabled": true}),
    );
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--after",
            "2026-12-01T00:00:00Z",
            "--count",
            "1",
            "--zone",
            "Europe/Berlin",
            "--tzdata",
            "bundled",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(out.stdout, "2026-12-01T21:00:00Z\n");
}
