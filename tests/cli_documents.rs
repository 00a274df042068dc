//! The command-line tool on documents as they arrive: the API's lists of
//! jobs, files from Windows, members it does not know; and `--triggers`,
//! and runs past the year 9999.
//!
//! Expected instants are derived by hand in the comments (the semantics
//! table in the README), never copied from the tool's output.

#![cfg(feature = "cli")]

mod common;

use serde_json::{json, Value};

use common::cli::{run, worked_example, TempFile};

const AFTER: &str = "2026-11-28T15:00:00Z"; // a Saturday

fn job(id: &str, name: &str, policy: Value) -> Value {
    json!({"id": id, "name": name, "schedulePolicy": policy})
}

/// A page of three jobs: the worked example, an hourly one, and one whose
/// daily type is misspelled.
fn page() -> Value {
    json!({
        "offset": 0,
        "limit": 30,
        "results": [
            job("a1", "Workdays", worked_example(180)),
            job("b2", "Hourly", json!({"type": "Periodically", "periodicallyEvery": "Hours1"})),
            job("c3", "Broken", json!({"type": "DailyAtTime", "dailytype": "Workdays", "dailyTime": "22:00"})),
        ]
    })
}

const BROKEN: &str = r#"copy job "Broken" (id c3) at results[2]: schedulePolicy.dailyType: expected one of Everyday, Workdays, Weekends, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday (required when type is DailyAtTime), found nothing ("dailytype" is not a member: did you mean dailyType?)"#;

#[test]
fn next_answers_for_every_job_of_a_page() {
    // Workdays: Friday's 22:00 UTC trigger waits for Monday 20:00 local =
    // 17:00 UTC, then Monday's for Tuesday's. Hourly: 16:00 and 17:00 UTC.
    let file = TempFile::json(&page());
    let out = run(
        &["next", "--policy", file.path(), "--after", AFTER, "--count", "2"],
        None,
    );
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert_eq!(
        out.lines(),
        [
            "Copy job \"Workdays\" (id a1)",
            "2026-11-30T17:00:00Z",
            "2026-12-01T17:00:00Z",
            "",
            "Copy job \"Hourly\" (id b2)",
            "2026-11-28T16:00:00Z",
            "2026-11-28T17:00:00Z",
        ]
    );
    // The bad job is named, with the field, on one line of its own.
    assert_eq!(out.stderr, format!("{BROKEN}\n"));
}

#[test]
fn a_bad_first_job_leaves_no_gap() {
    // The blank line goes between blocks printed, not after a bad job.
    let list = json!([
        job("c3", "Broken", json!({"type": "Hourly"})),
        job(
            "b2",
            "Hourly",
            json!({"type": "Periodically", "periodicallyEvery": "Hours1"})
        ),
    ]);
    let out = run(
        &["next", "--after", AFTER, "--count", "1"],
        Some(list.to_string().as_bytes()),
    );
    assert_eq!(out.code, Some(2));
    assert_eq!(out.stdout, "Copy job \"Hourly\" (id b2)\n2026-11-28T16:00:00Z\n");
    assert!(
        out.stderr
            .starts_with("copy job \"Broken\" (id c3) at [0]: schedulePolicy.type: "),
        "{}",
        out.stderr
    );
}

#[test]
fn a_bare_array_is_a_list_too() {
    // v6 and v7 list jobs as an array; a list of good jobs exits 0.
    let list = json!([job(
        "b2",
        "Hourly",
        json!({"type": "Periodically", "periodicallyEvery": "Hours4"})
    )]);
    let out = run(
        &["next", "--after", AFTER, "--count", "1"],
        Some(list.to_string().as_bytes()),
    );
    out.assert_clean();
    // Every 4 hours from midnight: after 15:00 comes 16:00.
    assert_eq!(
        out.lines(),
        ["Copy job \"Hourly\" (id b2)", "2026-11-28T16:00:00Z"]
    );
}

#[test]
fn next_json_for_a_list() {
    let file = TempFile::json(&page());
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--after",
            AFTER,
            "--count",
            "1",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(out.code, Some(2));
    assert_eq!(out.stderr, format!("{BROKEN}\n"));
    let printed: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(
        printed,
        json!([
            {"id": "a1", "name": "Workdays", "runs": [
                {"run": "2026-11-30T17:00:00Z", "trigger": "2026-11-27T22:00:00Z", "deadline": "2026-11-30T20:00:00Z"}
            ]},
            // No window: no deadline.
            {"id": "b2", "name": "Hourly", "runs": [
                {"run": "2026-11-28T16:00:00Z", "trigger": "2026-11-28T16:00:00Z", "deadline": null}
            ]},
            {"id": "c3", "name": "Broken", "error": BROKEN.split_once(": ").unwrap().1},
        ])
    );
    // One job to a line.
    assert_eq!(out.stdout.lines().count(), 5, "{}", out.stdout);
}

#[test]
fn explain_window_and_check_answer_for_every_job() {
    let file = TempFile::json(&page());
    for command in ["explain", "window", "check"] {
        let out = run(&[command, "--policy", file.path()], None);
        assert_eq!(out.code, Some(2), "{command}: {}", out.stderr);
        assert_eq!(out.stderr, format!("{BROKEN}\n"), "{command}");
        let headings: Vec<&str> = out
            .stdout
            .lines()
            .filter(|line| line.starts_with("Copy job "))
            .collect();
        assert_eq!(
            headings,
            ["Copy job \"Workdays\" (id a1)", "Copy job \"Hourly\" (id b2)"],
            "{command}"
        );
    }
    // check: each job's normalized JSON under its heading.
    let out = run(&["check", "--policy", file.path()], None);
    let (first, second) = out
        .stdout
        .split_once("\n\nCopy job \"Hourly\" (id b2)\n")
        .expect("two blocks");
    let first: Value =
        serde_json::from_str(first.strip_prefix("Copy job \"Workdays\" (id a1)\n").unwrap()).unwrap();
    assert_eq!(first["id"], "a1");
    assert_eq!(first["schedulePolicy"]["dailyTime"], "22:00:00");
    let second: Value = serde_json::from_str(second).unwrap();
    assert_eq!(
        second,
        job(
            "b2",
            "Hourly",
            json!({"type": "Periodically", "periodicallyEvery": "Hours1"})
        )
    );
}

#[test]
fn elements_that_are_not_jobs() {
    // `[1, 2]`: 1 at column 2, 2 at column 5; neither is a job.
    let out = run(&["next", "--after", AFTER], Some(b"[1, 2]"));
    assert_eq!(out.code, Some(2));
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "copy job (unnamed) at [0]: (document): expected a copy job object, found 1 at line 1 column 2\n\
         copy job (unnamed) at [1]: (document): expected a copy job object, found 2 at line 1 column 5\n"
    );
}

#[test]
fn check_keeps_what_it_does_not_know() {
    // At every level, in place; the known values normalized.
    let text = r#"{"name":"j","futureField":42,"schedulePolicy":{"type":"DailyAtTime","dailyType":"Monday","dailyTime":"07:30","futureInner":"x","backupCopyWindowSettings":{"minuteOffset":null,"timeZone":"Europe/Berlin"}},"nextRun":null}"#;
    let out = run(&["check"], Some(text.as_bytes()));
    out.assert_clean();
    let expected = r#"{"name":"j","futureField":42,"schedulePolicy":{"type":"DailyAtTime","dailyType":"Monday","dailyTime":"07:30:00","futureInner":"x","backupCopyWindowSettings":{"minuteOffset":0,"timeZone":"Europe/Berlin"}},"nextRun":null}"#;
    let compact: String = {
        let value: Value = serde_json::from_str(&out.stdout).expect("JSON");
        // Compared as values, and the member order as printed.
        assert_eq!(value, serde_json::from_str::<Value>(expected).unwrap());
        out.stdout.split_whitespace().collect()
    };
    assert_eq!(compact, expected.replace(' ', ""));
}

fn utf16(text: &str, bom: [u8; 2], unit: fn(u16) -> [u8; 2]) -> Vec<u8> {
    let mut bytes = bom.to_vec();
    for code_unit in text.encode_utf16() {
        bytes.extend(unit(code_unit));
    }
    bytes
}

#[test]
fn files_from_windows_powershell() {
    // Out-File and > in Windows PowerShell 5.1 write UTF-16LE with a byte
    // order mark; other tools UTF-8 with one.
    let text = worked_example(180).to_string();
    let expected = run(&["next", "--after", AFTER, "--count", "1"], Some(text.as_bytes()));
    expected.assert_clean();
    assert_eq!(expected.lines(), ["2026-11-30T17:00:00Z"]);
    for bytes in [
        utf16(&text, [0xFF, 0xFE], u16::to_le_bytes),
        utf16(&text, [0xFE, 0xFF], u16::to_be_bytes),
        [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
    ] {
        let file = TempFile::new(&bytes);
        let out = run(
            &["next", "--policy", file.path(), "--after", AFTER, "--count", "1"],
            None,
        );
        out.assert_clean();
        assert_eq!(out.stdout, expected.stdout);
    }
    // UTF-32 is named and refused, with the file.
    let file = TempFile::new(&[0xFF, 0xFE, 0, 0, b'{', 0, 0, 0, b'}', 0, 0, 0]);
    let out = run(&["next", "--policy", file.path()], None);
    assert_eq!(
        out.assert_bad_input(),
        format!(
            "{}: (document): not valid JSON: the document is UTF-32LE (byte order mark FF FE 00 00); expected UTF-8, or UTF-16 with a byte order mark",
            file.path()
        )
    );
}

#[test]
fn triggers_in_the_window_frame() {
    // --triggers window: 22:00 at UTC+03:00 = 19:00 UTC, inside the window
    // (17:00-20:00 UTC): Monday's run is its own trigger.
    let text = worked_example(180).to_string();
    let out = run(
        &["next", "--after", AFTER, "--count", "2", "--triggers", "window"],
        Some(text.as_bytes()),
    );
    out.assert_clean();
    assert_eq!(out.lines(), ["2026-11-30T19:00:00Z", "2026-12-01T19:00:00Z"]);
    let out = run(
        &[
            "explain",
            "--after",
            AFTER,
            "--count",
            "1",
            "--triggers",
            "window",
        ],
        Some(text.as_bytes()),
    );
    out.assert_clean();
    assert_eq!(
        out.lines(),
        [
            "Workdays at 22:00 UTC+03:00, held to the window Mon-Fri 20:00-23:00 (UTC+03:00)",
            "2026-11-30T19:00:00Z  trigger Mon 22:00 UTC+03:00, window open; deadline 2026-11-30T20:00:00Z",
        ]
    );
    // utc is the default.
    let default = run(&["next", "--after", AFTER, "--count", "2"], Some(text.as_bytes()));
    let utc = run(
        &["next", "--after", AFTER, "--count", "2", "--triggers", "utc"],
        Some(text.as_bytes()),
    );
    assert_eq!(default.stdout, utc.stdout);
    assert_eq!(utc.lines(), ["2026-11-30T17:00:00Z", "2026-12-01T17:00:00Z"]);
    // In a zone everything is wall-clock time: --triggers has no meaning.
    let out = run(
        &["next", "--zone", "Europe/Berlin", "--triggers", "window"],
        Some(text.as_bytes()),
    );
    let line = out.assert_bad_input();
    assert!(line.contains("--triggers") && line.contains("--zone"), "{line}");
}

#[test]
fn runs_past_the_year_9999_end_the_output() {
    // Workdays at 17:00 UTC: after 9999-12-29 (a Wednesday) come Thursday
    // 12-30 and Friday 12-31; the next, in 10000, cannot be written.
    let text = worked_example(180).to_string();
    let out = run(
        &["next", "--after", "9999-12-29T18:00:00Z", "--count", "100000000"],
        Some(text.as_bytes()),
    );
    assert_eq!(out.code, Some(0));
    assert_eq!(out.lines(), ["9999-12-30T17:00:00Z", "9999-12-31T17:00:00Z"]);
    assert_eq!(
        out.stderr,
        "no more runs: the next one is after the year 9999, which RFC 3339 cannot write\n"
    );
    let out = run(
        &[
            "next",
            "--after",
            "9999-12-29T18:00:00Z",
            "--count",
            "5",
            "--format",
            "json",
        ],
        Some(text.as_bytes()),
    );
    assert_eq!(out.code, Some(0));
    let runs: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(runs.as_array().map(Vec::len), Some(2));
    assert!(out.stderr.starts_with("no more runs: "), "{}", out.stderr);
    let out = run(
        &["explain", "--after", "9999-12-31T18:00:00Z"],
        Some(text.as_bytes()),
    );
    assert_eq!(out.code, Some(0));
    assert_eq!(out.lines().len(), 1, "the sentence only: {}", out.stdout);
    assert!(out.stderr.starts_with("no more runs: "), "{}", out.stderr);
    // Exactly as many as asked: no note.
    let out = run(
        &["next", "--after", "9999-12-29T18:00:00Z", "--count", "2"],
        Some(text.as_bytes()),
    );
    out.assert_clean();
}
