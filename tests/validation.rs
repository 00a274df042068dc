//! Validation: every rule of `Schedule::try_from(&CopyJobSchedulePolicy)` and every
//! way the JSON reader can refuse a document, with the error's variant, its
//! `path()` and its full message.
//!
//! Validation messages have the form `{path}: expected {what}, found {what}`
//! (`found nothing` for an absent field). JSON reader messages end with
//! ` at line L column C`, where serde_json reports the column of the last
//! byte it consumed: for a rejected value, the value's last byte; the tests
//! work it out from the input with `end_column`.

use std::time::Instant;

use backup_schedule::vb365::{CopyJob, CopyJobSchedulePolicy};
use backup_schedule::{Error, Schedule, Timetable, Trigger, Weekdays};
use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

/// Reads `json` as a policy; the document must be well formed.
fn policy(json: &Value) -> CopyJobSchedulePolicy {
    CopyJobSchedulePolicy::from_json(json.to_string().as_bytes())
        .unwrap_or_else(|err| panic!("{json} did not parse: {err}"))
}

fn validate(json: &Value) -> Result<Schedule, Error> {
    Schedule::try_from(&policy(json))
}

fn valid(json: &Value) -> Schedule {
    validate(json).unwrap_or_else(|err| panic!("{json} refused: {err}"))
}

fn refused(json: &Value) -> Error {
    match validate(json) {
        Ok(schedule) => panic!("{json} accepted as {schedule:?}"),
        Err(err) => err,
    }
}

fn assert_error(err: &Error, path: &str, message: &str) {
    assert_eq!(err.path(), Some(path), "{err:?}");
    assert_eq!(err.to_string(), message, "{err:?}");
}

/// 168 hours, all `allowed`.
fn week(allowed: bool) -> Vec<bool> {
    vec![allowed; 168]
}

/// A JSON array of `n` booleans, as text.
fn bool_array(n: usize) -> String {
    format!("[{}]", vec!["true"; n].join(","))
}

/// The 1-based column of the last byte of the first `token` in the one-line `input`.
fn end_column(input: &str, token: &str) -> usize {
    input
        .find(token)
        .unwrap_or_else(|| panic!("{token} not in {input}"))
        + token.len()
}

fn read_policy_err(input: &[u8]) -> Error {
    match CopyJobSchedulePolicy::from_json(input) {
        Ok(policy) => panic!("{:?} accepted as {policy:?}", String::from_utf8_lossy(input)),
        Err(err) => err,
    }
}

fn read_job_err(input: &[u8]) -> Error {
    match CopyJob::from_json(input) {
        Ok(job) => panic!("{:?} accepted as {job:?}", String::from_utf8_lossy(input)),
        Err(err) => err,
    }
}

const TYPE_MISSING: &str =
    "schedulePolicy.type: expected one of Immediate, Periodically, DailyAtTime, found nothing";
const DAILY_TYPE_MISSING: &str = "schedulePolicy.dailyType: expected one of Everyday, Workdays, Weekends, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday (required when type is DailyAtTime), found nothing";
const DAILY_TIME_MISSING: &str =
    "schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00 (required when type is DailyAtTime), found nothing";
const PERIODICALLY_EVERY_MISSING: &str = "schedulePolicy.periodicallyEvery: expected one of Minutes5, Minutes10, Minutes15, Minutes30, Hours1, Hours2, Hours4, Hours8, Hours12 (required when type is Periodically), found nothing";
const SETTINGS_MISSING: &str = "schedulePolicy.backupCopyWindowSettings: expected the window settings (required when backupCopyWindowEnabled is true), found nothing";
const BACKUP_WINDOW_MISSING: &str = "schedulePolicy.backupCopyWindowSettings.backupWindow: expected 168 booleans (required when backupCopyWindowEnabled is true), found nothing";
const BACKUP_WINDOW: &str = "schedulePolicy.backupCopyWindowSettings.backupWindow";
const MINUTE_OFFSET: &str = "schedulePolicy.backupCopyWindowSettings.minuteOffset";

// ---------------------------------------------------------------------------
// Required fields
// ---------------------------------------------------------------------------

#[test]
fn type_is_required() {
    for input in [
        json!({}),
        json!({"type": null}),
        json!({"dailyType": "Monday", "dailyTime": "08:00:00", "periodicallyEvery": "Hours1"}),
    ] {
        let err = refused(&input);
        assert!(matches!(err, Error::Missing { .. }), "{err:?}");
        assert_error(&err, "schedulePolicy.type", TYPE_MISSING);
    }
}

#[test]
fn daily_at_time_requires_daily_type() {
    for input in [
        json!({"type": "DailyAtTime", "dailyTime": "08:00:00"}),
        json!({"type": "DailyAtTime", "dailyType": null, "dailyTime": "08:00:00"}),
    ] {
        let err = refused(&input);
        assert!(matches!(err, Error::Missing { .. }), "{err:?}");
        assert_error(&err, "schedulePolicy.dailyType", DAILY_TYPE_MISSING);
    }
}

#[test]
fn daily_at_time_requires_daily_time() {
    for input in [
        json!({"type": "DailyAtTime", "dailyType": "Everyday"}),
        json!({"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": null}),
    ] {
        let err = refused(&input);
        assert!(matches!(err, Error::Missing { .. }), "{err:?}");
        assert_error(&err, "schedulePolicy.dailyTime", DAILY_TIME_MISSING);
    }
}

#[test]
fn periodically_requires_periodically_every() {
    for input in [
        json!({"type": "Periodically"}),
        json!({"type": "Periodically", "periodicallyEvery": null, "dailyTime": "08:00:00"}),
    ] {
        let err = refused(&input);
        assert!(matches!(err, Error::Missing { .. }), "{err:?}");
        assert_error(
            &err,
            "schedulePolicy.periodicallyEvery",
            PERIODICALLY_EVERY_MISSING,
        );
    }
}

#[test]
fn fields_the_type_does_not_use_are_ignored() {
    // Immediate with every other field present and well formed.
    let schedule = valid(&json!({
        "type": "Immediate",
        "dailyType": "Monday",
        "dailyTime": "08:00",
        "periodicallyEvery": "Minutes5",
    }));
    assert_eq!(schedule, Schedule::immediate());

    // Periodically ignores the daily fields: by hand, every 4 hours from
    // 00:00 UTC, the run after 09:00 is 12:00.
    let schedule = valid(&json!({
        "type": "Periodically",
        "periodicallyEvery": "Hours4",
        "dailyType": "Sunday",
        "dailyTime": "09:30:00",
    }));
    assert_eq!(
        schedule.next_run(utc(2026, 11, 28, 9, 0, 0)),
        Some(utc(2026, 11, 28, 12, 0, 0))
    );

    // DailyAtTime ignores periodicallyEvery: Sunday 09:30 UTC; asked on
    // Saturday 2026-11-28, the next is Sunday 2026-11-29 09:30.
    let schedule = valid(&json!({
        "type": "DailyAtTime",
        "dailyType": "Sunday",
        "dailyTime": "09:30:00",
        "periodicallyEvery": "Minutes5",
    }));
    assert_eq!(
        schedule.next_run(utc(2026, 11, 28, 9, 0, 0)),
        Some(utc(2026, 11, 29, 9, 30, 0))
    );
}

#[test]
fn unused_fields_must_still_be_well_formed() {
    // dailyTime is checked whatever the type.
    for kind in [
        json!({"type": "Immediate"}),
        json!({"type": "Periodically", "periodicallyEvery": "Hours1"}),
    ] {
        let mut input = kind.clone();
        input["dailyTime"] = json!("25:00");
        let err = refused(&input);
        assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
        assert_error(
            &err,
            "schedulePolicy.dailyTime",
            r#"schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00, found "25:00""#,
        );
    }

    // The window settings are checked even when the window is off.
    for enabled in [json!(false), Value::Null] {
        let err = refused(&json!({
            "type": "Immediate",
            "backupCopyWindowEnabled": enabled,
            "backupCopyWindowSettings": {"backupWindow": vec![true; 167], "minuteOffset": 0},
        }));
        assert!(matches!(err, Error::WindowLength { found: 167, .. }), "{err:?}");
        assert_error(
            &err,
            BACKUP_WINDOW,
            &format!("{BACKUP_WINDOW}: expected 168 booleans, found 167"),
        );

        let err = refused(&json!({
            "type": "Immediate",
            "backupCopyWindowEnabled": enabled,
            "backupCopyWindowSettings": {"minuteOffset": 1440},
        }));
        assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
        assert_error(
            &err,
            MINUTE_OFFSET,
            &format!("{MINUTE_OFFSET}: expected a minute offset from UTC in -1439..=1439, found 1440"),
        );
    }
}

// ---------------------------------------------------------------------------
// dailyTime
// ---------------------------------------------------------------------------

fn daily_at(text: &str) -> Value {
    json!({"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": text})
}

#[test]
fn daily_time_accepts_hh_mm_ss_and_hh_mm() {
    let cases = [
        ("00:00:00", (0, 0, 0)),
        ("23:59:59", (23, 59, 59)),
        ("07:05:09", (7, 5, 9)),
        ("12:00", (12, 0, 0)),
        ("07:05", (7, 5, 0)),
        ("23:59", (23, 59, 0)),
        ("00:00", (0, 0, 0)),
    ];
    for (text, (h, m, s)) in cases {
        let schedule = valid(&daily_at(text));
        assert_eq!(
            schedule.trigger(),
            Trigger::Daily {
                days: Weekdays::EVERYDAY,
                at: NaiveTime::from_hms_opt(h, m, s).unwrap()
            },
            "{text}"
        );
    }
}

#[test]
fn daily_time_refuses_everything_else() {
    for text in [
        "24:00:00",
        "24:00",
        "12:60",
        "12:60:00",
        "12:00:60",
        "99:99:99",
        "7:00",
        "07:0",
        "07:00:0",
        "07:00:00:00",
        "07-00-00",
        "07.00",
        "0700",
        "",
        "12:00:00Z",
        "12:00:00.000",
        " 12:00",
        "12:00 ",
        "+7:00",
        "-1:00",
        "ab:cd",
        "12:00 PM",
        "\u{ff10}\u{ff17}:00",
    ] {
        let err = refused(&daily_at(text));
        assert!(matches!(err, Error::Invalid { .. }), "{text:?}: {err:?}");
        // The found value is the string as written, quoted (Rust's escaping).
        assert_error(
            &err,
            "schedulePolicy.dailyTime",
            &format!("schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00, found {text:?}"),
        );
    }
}

#[test]
fn daily_time_found_is_quoted_as_written() {
    // Spelled out by hand for a few, rather than through `{:?}`.
    let cases = [
        ("", r#""""#),
        (" 12:00", r#"" 12:00""#),
        ("12:00:00Z", r#""12:00:00Z""#),
        ("7:00", r#""7:00""#),
    ];
    for (text, quoted) in cases {
        let err = refused(&daily_at(text));
        assert_eq!(
            err.to_string(),
            format!("schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00, found {quoted}")
        );
    }
}

#[test]
fn daily_time_that_is_not_a_string_is_a_json_error() {
    let input = r#"{"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": 800}"#;
    let err = read_policy_err(input.as_bytes());
    assert!(matches!(err, Error::Json { .. }), "{err:?}");
    assert_error(
        &err,
        "schedulePolicy.dailyTime",
        &format!(
            "schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00, found 800 at line 1 column {}",
            end_column(input, "800")
        ),
    );

    // null is absent: a Missing error once validated.
    let input = r#"{"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": null}"#;
    let err = Schedule::try_from(&CopyJobSchedulePolicy::from_json(input.as_bytes()).unwrap()).unwrap_err();
    assert!(matches!(err, Error::Missing { .. }), "{err:?}");
    assert_error(&err, "schedulePolicy.dailyTime", DAILY_TIME_MISSING);
}

// ---------------------------------------------------------------------------
// The window
// ---------------------------------------------------------------------------

fn windowed(settings: Value) -> Value {
    json!({
        "type": "Immediate",
        "backupCopyWindowEnabled": true,
        "backupCopyWindowSettings": settings,
    })
}

#[test]
fn an_enabled_window_requires_its_settings() {
    for input in [
        json!({"type": "Immediate", "backupCopyWindowEnabled": true}),
        json!({"type": "Immediate", "backupCopyWindowEnabled": true, "backupCopyWindowSettings": null}),
    ] {
        let err = refused(&input);
        assert!(matches!(err, Error::Missing { .. }), "{err:?}");
        assert_error(&err, "schedulePolicy.backupCopyWindowSettings", SETTINGS_MISSING);
    }
}

#[test]
fn an_enabled_window_requires_backup_window() {
    for settings in [
        json!({}),
        json!({"minuteOffset": 60}),
        json!({"backupWindow": null, "minuteOffset": 0}),
    ] {
        let err = refused(&windowed(settings));
        assert!(matches!(err, Error::Missing { .. }), "{err:?}");
        assert_error(&err, BACKUP_WINDOW, BACKUP_WINDOW_MISSING);
    }
}

#[test]
fn backup_window_shorter_than_a_week_is_refused_when_validated() {
    for n in [0, 1, 24, 167] {
        let err = refused(&windowed(
            json!({"backupWindow": vec![true; n], "minuteOffset": 0}),
        ));
        assert!(
            matches!(err, Error::WindowLength { found, .. } if found == n as u64),
            "{err:?}"
        );
        assert_error(
            &err,
            BACKUP_WINDOW,
            &format!("{BACKUP_WINDOW}: expected 168 booleans, found {n}"),
        );
    }
}

#[test]
fn backup_window_longer_than_a_week_is_refused_when_read() {
    // More than 168 stops the reader: a JSON error at the array, naming the
    // count, reported at the array's closing bracket.
    for n in [169, 200, 336] {
        let input = format!(
            r#"{{"type": "Immediate", "backupCopyWindowEnabled": true, "backupCopyWindowSettings": {{"backupWindow": {}}}}}"#,
            bool_array(n)
        );
        let err = read_policy_err(input.as_bytes());
        assert!(
            matches!(err, Error::WindowLength { found, .. } if found == n as u64),
            "{err:?}"
        );
        assert_error(
            &err,
            BACKUP_WINDOW,
            &format!("{BACKUP_WINDOW}: expected 168 booleans, found {n}"),
        );
    }
}

#[test]
fn backup_window_of_two_million_elements_is_refused_quickly() {
    let n = 2_000_000;
    let input = format!(
        r#"{{"backupCopyWindowSettings": {{"backupWindow": {}}}}}"#,
        bool_array(n)
    );
    let started = Instant::now();
    let err = read_policy_err(input.as_bytes());
    let elapsed = started.elapsed();
    assert!(
        matches!(err, Error::WindowLength { found: 2_000_000, .. }),
        "{err:?}"
    );
    assert_error(
        &err,
        BACKUP_WINDOW,
        &format!("{BACKUP_WINDOW}: expected 168 booleans, found 2000000"),
    );
    // The same inside a copy job.
    let job = format!(r#"{{"schedulePolicy": {input}}}"#);
    let err = read_job_err(job.as_bytes());
    assert_eq!(
        err.to_string(),
        format!("{BACKUP_WINDOW}: expected 168 booleans, found 2000000")
    );
    // A generous bound: the 10 MB are scanned once, not stored or re-read.
    assert!(elapsed.as_secs() < 20, "took {elapsed:?}");
}

#[test]
fn exactly_a_week_of_hours_is_accepted() {
    let schedule = valid(&windowed(json!({"backupWindow": week(true), "minuteOffset": 0})));
    assert!(schedule.window().unwrap().is_always_open());
}

#[test]
fn backup_window_elements_must_be_booleans() {
    let mut elements = vec!["true"; 168];
    elements[5] = r#""yes""#;
    let input = format!(
        r#"{{"backupCopyWindowSettings": {{"backupWindow": [{}]}}}}"#,
        elements.join(",")
    );
    let err = read_policy_err(input.as_bytes());
    assert!(matches!(err, Error::Json { .. }), "{err:?}");
    let path = "schedulePolicy.backupCopyWindowSettings.backupWindow[5]";
    assert_error(
        &err,
        path,
        &format!(
            r#"{path}: expected true or false, found "yes" at line 1 column {}"#,
            end_column(&input, r#""yes""#)
        ),
    );

    // null, a number and 1 are not booleans either.
    for (index, element) in [(0, "null"), (167, "0"), (100, "1")] {
        let mut elements = vec!["false"; 168];
        elements[index] = element;
        let input = format!(
            r#"{{"backupCopyWindowSettings": {{"backupWindow": [{}]}}}}"#,
            elements.join(",")
        );
        let err = read_policy_err(input.as_bytes());
        assert!(matches!(err, Error::Json { .. }), "{err:?}");
        assert_eq!(err.path(), Some(&*format!("{BACKUP_WINDOW}[{index}]")));
    }

    // Not an array at all.
    let input = r#"{"backupCopyWindowSettings": {"backupWindow": "all"}}"#;
    let err = read_policy_err(input.as_bytes());
    assert_error(
        &err,
        BACKUP_WINDOW,
        &format!(
            r#"{BACKUP_WINDOW}: expected an array of 168 booleans, found "all" at line 1 column {}"#,
            end_column(input, r#""all""#)
        ),
    );
}

#[test]
fn minute_offset_defaults_to_zero() {
    // Only Monday 00:00-01:00 local allowed. With offset 0 (absent or null),
    // a restore point on Sunday 2026-11-29 12:00 UTC waits until Monday
    // 2026-11-30 00:00 UTC; with offset 60 (local = UTC+1) the hour starts
    // at Sunday 23:00 UTC.
    let mut hours = week(false);
    hours[24] = true;
    let sunday_noon = utc(2026, 11, 29, 12, 0, 0);
    for settings in [
        json!({"backupWindow": hours}),
        json!({"backupWindow": hours, "minuteOffset": null}),
        json!({"backupWindow": hours, "minuteOffset": 0}),
    ] {
        let schedule = valid(&windowed(settings));
        assert_eq!(schedule.window().unwrap().minute_offset(), 0);
        assert_eq!(schedule.next_open(sunday_noon), Some(utc(2026, 11, 30, 0, 0, 0)));
    }
    let schedule = valid(&windowed(json!({"backupWindow": hours, "minuteOffset": 60})));
    assert_eq!(schedule.next_open(sunday_noon), Some(utc(2026, 11, 29, 23, 0, 0)));
}

#[test]
fn minute_offset_limits() {
    for offset in [1439, -1439, 0, 330, 345, -210] {
        let schedule = valid(&windowed(
            json!({"backupWindow": week(true), "minuteOffset": offset}),
        ));
        assert_eq!(schedule.window().unwrap().minute_offset(), offset);
    }
    for offset in [1440, -1440, 1441, 10_000, i32::MAX, i32::MIN] {
        let err = refused(&windowed(
            json!({"backupWindow": week(true), "minuteOffset": offset}),
        ));
        assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
        assert_error(
            &err,
            MINUTE_OFFSET,
            &format!("{MINUTE_OFFSET}: expected a minute offset from UTC in -1439..=1439, found {offset}"),
        );
    }
}

#[test]
fn minute_offset_that_is_not_an_i32_is_a_json_error() {
    let cases = [
        // The API's words, not Rust's (`i32`): what the issue reported.
        ("1.5", "1.5"),
        ("1099511627776", "1099511627776"),
        ("-2147483649", "-2147483649"),
        (r#""60""#, r#""60""#),
        ("true", "true"),
    ];
    for (value, found) in cases {
        let message = format!("expected a whole number of minutes in -1439..=1439, found {found}");
        let input = format!(r#"{{"backupCopyWindowSettings": {{"minuteOffset": {value}}}}}"#);
        let err = read_policy_err(input.as_bytes());
        assert!(matches!(err, Error::Json { .. }), "{value}: {err:?}");
        assert_error(
            &err,
            MINUTE_OFFSET,
            &format!(
                "{MINUTE_OFFSET}: {message} at line 1 column {}",
                end_column(&input, value)
            ),
        );
    }
}

#[test]
fn a_window_that_is_off_is_not_applied() {
    // All hours prohibited, but the window is off: daily at 08:00 UTC every
    // day runs at its triggers. Asked Saturday 2026-11-28 09:00 UTC, the
    // next run is Sunday 08:00.
    for enabled in [Some(json!(false)), Some(Value::Null), None] {
        let mut input = json!({
            "type": "DailyAtTime",
            "dailyType": "Everyday",
            "dailyTime": "08:00:00",
            "backupCopyWindowSettings": {"backupWindow": week(false), "minuteOffset": 0},
        });
        if let Some(enabled) = enabled.clone() {
            input["backupCopyWindowEnabled"] = enabled;
        }
        let schedule = valid(&input);
        assert!(schedule.window().is_none(), "{enabled:?}");
        assert_eq!(
            schedule.next_run(utc(2026, 11, 28, 9, 0, 0)),
            Some(utc(2026, 11, 29, 8, 0, 0))
        );
    }
    // Off without settings at all.
    let schedule = valid(&json!({"type": "Immediate", "backupCopyWindowEnabled": false}));
    assert!(schedule.window().is_none());
    let t = utc(2026, 11, 28, 9, 0, 0);
    assert_eq!(schedule.next_open(t), Some(t));
}

#[test]
fn a_window_allowing_no_hour_is_valid_and_never_runs() {
    let t = utc(2026, 11, 28, 9, 0, 0);
    let settings = json!({"backupWindow": week(false), "minuteOffset": 120});
    for kind in [
        json!({"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "08:00:00"}),
        json!({"type": "Periodically", "periodicallyEvery": "Minutes5"}),
        json!({"type": "Immediate"}),
    ] {
        let mut input = kind.clone();
        input["backupCopyWindowEnabled"] = json!(true);
        input["backupCopyWindowSettings"] = settings.clone();
        let schedule = valid(&input);
        assert!(schedule.window().unwrap().is_never_open(), "{kind}");
        assert_eq!(schedule.next_run(t), None, "{kind}");
        assert_eq!(schedule.next_open(t), None, "{kind}");
    }
}

#[test]
fn the_worked_example_validates() {
    // Window Mon-Fri 20:00-23:00 local, offset 180, daily on workdays at
    // 22:00 UTC: asked Saturday 2026-11-28 15:00 UTC, Friday's trigger
    // waits until Monday 20:00 local = 17:00 UTC.
    let mut hours = week(false);
    for day in 1..=5 {
        for hour in 20..23 {
            hours[day * 24 + hour] = true;
        }
    }
    let schedule = valid(&json!({
        "type": "DailyAtTime",
        "dailyType": "Workdays",
        "dailyTime": "22:00:00",
        "backupCopyWindowEnabled": true,
        "backupCopyWindowSettings": {"backupWindow": hours, "minuteOffset": 180},
    }));
    assert_eq!(
        schedule.next_run(utc(2026, 11, 28, 15, 0, 0)),
        Some(utc(2026, 11, 30, 17, 0, 0))
    );
}

// ---------------------------------------------------------------------------
// JSON type errors name the path
// ---------------------------------------------------------------------------

#[test]
fn json_type_errors_name_the_path() {
    let cases = [
        (
            r#"{"type": "Immediate", "backupCopyWindowEnabled": "true"}"#,
            "schedulePolicy.backupCopyWindowEnabled",
            r#"expected true or false, found "true""#,
            r#""true""#,
        ),
        (
            r#"{"backupCopyWindowEnabled": 1}"#,
            "schedulePolicy.backupCopyWindowEnabled",
            "expected true or false, found 1",
            "1",
        ),
        (
            r#"{"backupCopyWindowSettings": "always"}"#,
            "schedulePolicy.backupCopyWindowSettings",
            r#"expected a backup window settings object, found "always""#,
            r#""always""#,
        ),
        (
            r#"{"type": true}"#,
            "schedulePolicy.type",
            "expected one of Immediate, Periodically, DailyAtTime, found true",
            "true",
        ),
        (
            r#"{"dailyTime": false}"#,
            "schedulePolicy.dailyTime",
            "expected a time like 22:00:00 or 22:00, found false",
            "false",
        ),
    ];
    for (input, path, message, token) in cases {
        let err = read_policy_err(input.as_bytes());
        assert!(matches!(err, Error::Json { .. }), "{input}: {err:?}");
        assert_error(
            &err,
            path,
            &format!("{path}: {message} at line 1 column {}", end_column(input, token)),
        );
    }
}

#[test]
fn json_type_errors_in_a_copy_job_start_with_schedule_policy() {
    let mut elements = vec!["true"; 168];
    elements[5] = r#""yes""#;
    let input = format!(
        r#"{{"isEnabled": true, "schedulePolicy": {{"type": "Immediate", "backupCopyWindowSettings": {{"backupWindow": [{}]}}}}}}"#,
        elements.join(",")
    );
    let err = read_job_err(input.as_bytes());
    assert!(matches!(err, Error::Json { .. }), "{err:?}");
    assert_eq!(
        err.path(),
        Some("schedulePolicy.backupCopyWindowSettings.backupWindow[5]")
    );
    // The same through from_document.
    let err = CopyJobSchedulePolicy::from_json(input.as_bytes()).unwrap_err();
    assert_eq!(
        err.path(),
        Some("schedulePolicy.backupCopyWindowSettings.backupWindow[5]")
    );

    let input = r#"{"schedulePolicy": {"backupCopyWindowEnabled": "true"}}"#;
    let err = read_job_err(input.as_bytes());
    assert_eq!(err.path(), Some("schedulePolicy.backupCopyWindowEnabled"));

    // A job-level field is named from the job's root.
    let input = r#"{"isEnabled": "yes"}"#;
    let err = read_job_err(input.as_bytes());
    assert!(matches!(err, Error::Json { .. }), "{err:?}");
    assert_error(
        &err,
        "isEnabled",
        &format!(
            r#"isEnabled: expected true or false, found "yes" at line 1 column {}"#,
            end_column(input, r#""yes""#)
        ),
    );
}

#[test]
fn validation_errors_in_a_copy_job_start_with_schedule_policy() {
    let job = CopyJob::from_json(
        br#"{"isEnabled": true, "schedulePolicy": {"type": "DailyAtTime", "dailyType": "Monday", "dailyTime": "12:00:60"}}"#,
    )
    .unwrap();
    let err = Schedule::try_from(&job).unwrap_err();
    assert_error(
        &err,
        "schedulePolicy.dailyTime",
        r#"schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00, found "12:00:60""#,
    );

    let job = CopyJob::from_json(
        br#"{"schedulePolicy": {"type": "Immediate", "backupCopyWindowEnabled": true, "backupCopyWindowSettings": {"backupWindow": [true, false], "minuteOffset": -1440}}}"#,
    )
    .unwrap();
    let err = Schedule::try_from(&job).unwrap_err();
    // The length is checked before the offset.
    assert_error(
        &err,
        BACKUP_WINDOW,
        &format!("{BACKUP_WINDOW}: expected 168 booleans, found 2"),
    );

    let job = CopyJob::from_json(br#"{"schedulePolicy": {"type": "Periodically"}}"#).unwrap();
    assert_error(
        &Schedule::try_from(&job).unwrap_err(),
        "schedulePolicy.periodicallyEvery",
        PERIODICALLY_EVERY_MISSING,
    );
}

// ---------------------------------------------------------------------------
// A missing schedulePolicy
// ---------------------------------------------------------------------------

#[test]
fn a_null_schedule_policy_is_missing() {
    let message = "schedulePolicy: expected a schedule policy object, found nothing";
    let input = br#"{"backupJobId": "b7c1cc0b-2b3c-4096-9ba1-2d665b4ae504", "schedulePolicy": null, "isEnabled": true}"#;

    let err = CopyJobSchedulePolicy::from_json(input).unwrap_err();
    assert!(matches!(err, Error::Missing { .. }), "{err:?}");
    assert_error(&err, "schedulePolicy", message);

    let job = CopyJob::from_json(input).unwrap();
    assert_eq!(job.schedule_policy, None);
    let err = Schedule::try_from(&job).unwrap_err();
    assert!(matches!(err, Error::Missing { .. }), "{err:?}");
    assert_error(&err, "schedulePolicy", message);

    // Absent altogether: the job has no policy either.
    let job = CopyJob::from_json(br#"{"isEnabled": true}"#).unwrap();
    assert_error(&Schedule::try_from(&job).unwrap_err(), "schedulePolicy", message);
}

// ---------------------------------------------------------------------------
// Input that is not a document
// ---------------------------------------------------------------------------

#[test]
fn empty_input_is_a_syntax_error() {
    // Syntax errors at the top level name the document, whichever reader;
    // an empty document says so (not "EOF while parsing a value").
    let err = read_policy_err(b"");
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert_error(
        &err,
        "(document)",
        "(document): not valid JSON: the document is empty",
    );
    let err = read_job_err(b"");
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert_error(
        &err,
        "(document)",
        "(document): not valid JSON: the document is empty",
    );
    // Whitespace only, and a byte order mark before nothing, are empty too.
    for input in [&b"  \n \r\t"[..], b"\xef\xbb\xbf", b"\xff\xfe \x00"] {
        let err = read_job_err(input);
        assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
        assert_error(
            &err,
            "(document)",
            "(document): not valid JSON: the document is empty",
        );
    }
}

#[test]
fn malformed_json_is_a_syntax_error() {
    // Where the object itself is broken (a key, the `:` after it, or its
    // end), the error is at the top level: `(document)`. Where a member's
    // value is broken, it names the member.
    let cases = [
        // Ends inside the object: column = the input's length.
        (
            r#"{"type": "Immediate""#,
            "(document)",
            "EOF while parsing an object at line 1 column 20",
        ),
        (
            r#"{type: "Immediate"}"#,
            "(document)",
            "key must be a string at line 1 column 2",
        ),
        (
            r#"{"type": "Immediate",}"#,
            "(document)",
            "trailing comma at line 1 column 22",
        ),
        (
            r#"{"type" "Immediate"}"#,
            "(document)",
            "expected `:` at line 1 column 9",
        ),
        (
            r#"{"type": Immediate}"#,
            "schedulePolicy.type",
            "expected value at line 1 column 10",
        ),
        (
            "{\"type\": \"Imme",
            "schedulePolicy.type",
            "EOF while parsing a string at line 1 column 14",
        ),
    ];
    for (input, path, message) in cases {
        let err = read_policy_err(input.as_bytes());
        assert!(matches!(err, Error::Syntax { .. }), "{input}: {err:?}");
        assert_error(&err, path, &format!("{path}: not valid JSON: {message}"));
    }
    // In a copy job, the same errors inside the policy name it.
    let err = read_job_err(br#"{"schedulePolicy": {"type": "Immediate",}}"#);
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert_error(
        &err,
        "schedulePolicy",
        "schedulePolicy: not valid JSON: trailing comma at line 1 column 41",
    );
}

#[test]
fn trailing_garbage_is_a_syntax_error() {
    for (input, column) in [(r#"{"type": "Immediate"} x"#, 23), (r#"{} {}"#, 4), ("{}]", 3)] {
        let err = read_policy_err(input.as_bytes());
        assert!(matches!(err, Error::Syntax { .. }), "{input}: {err:?}");
        assert_error(
            &err,
            "(document)",
            &format!("(document): not valid JSON: trailing characters at line 1 column {column}"),
        );
        let err = read_job_err(input.as_bytes());
        assert!(matches!(err, Error::Syntax { .. }), "{input}: {err:?}");
        assert_eq!(err.path(), Some("(document)"));
    }
}

#[test]
fn null_and_scalars_are_not_documents() {
    let cases = [
        ("null", "null"),
        (r#""Immediate""#, r#""Immediate""#),
        ("42", "42"),
        ("true", "true"),
    ];
    for (input, found) in cases {
        let err = read_policy_err(input.as_bytes());
        assert!(matches!(err, Error::Json { .. }), "{input}: {err:?}");
        assert_error(
            &err,
            "schedulePolicy",
            &format!(
                "schedulePolicy: expected a schedule policy object, found {found} at line 1 column {}",
                input.len()
            ),
        );
        let err = read_job_err(input.as_bytes());
        assert!(matches!(err, Error::Json { .. }), "{input}: {err:?}");
        assert_error(
            &err,
            "(document)",
            &format!(
                "(document): expected a copy job object, found {found} at line 1 column {}",
                input.len()
            ),
        );
        let err = CopyJobSchedulePolicy::from_json(input.as_bytes()).unwrap_err();
        assert!(matches!(err, Error::Json { .. }), "{input}: {err:?}");
    }
}

#[test]
fn arrays_are_not_documents() {
    // `[]` is the wrong JSON type for a policy, a job or window settings;
    // today it is read as an empty object, and
    // `["DailyAtTime", "Workdays", "08:00:00"]` as a full policy.
    for input in [&b"[]"[..], br#"["DailyAtTime", "Workdays", "08:00:00"]"#] {
        let err = read_policy_err(input);
        assert!(matches!(err, Error::Json { .. }), "{err:?}");
        assert_eq!(err.path(), Some("schedulePolicy"));
        assert!(
            err.to_string().contains("expected a schedule policy object"),
            "{err}"
        );

        let err = CopyJobSchedulePolicy::from_json(input).unwrap_err();
        assert_eq!(err.path(), Some("schedulePolicy"));

        let err = read_job_err(input);
        assert!(matches!(err, Error::Json { .. }), "{err:?}");
        assert_eq!(err.path(), Some("(document)"));
        assert!(err.to_string().contains("expected a copy job object"), "{err}");
    }
    let err = read_policy_err(br#"{"backupCopyWindowSettings": [[], 0]}"#);
    assert_eq!(err.path(), Some("schedulePolicy.backupCopyWindowSettings"));
}

#[test]
fn non_utf8_bytes_are_a_syntax_error() {
    // A lone 0xFF is not UTF-8: said so, where, and what to do.
    let message = "(document): not valid JSON: byte 0xFF at line 1 column 1 is not UTF-8 (an 8-bit encoding such as Windows-1252?); expected UTF-8, or UTF-16 with a byte order mark";
    let err = read_policy_err(b"\xff");
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert_error(&err, "(document)", message);
    let err = read_job_err(b"\xff");
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert_error(&err, "(document)", message);

    // 0xFF inside a string the policy reads: the byte is the 16th of the input.
    let input = b"{\"dailyTime\": \"\xff\"}";
    let err = read_policy_err(input);
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert_error(
        &err,
        "schedulePolicy.dailyTime",
        "schedulePolicy.dailyTime: not valid JSON: invalid unicode code point at line 1 column 16",
    );
    let input = b"{\"schedulePolicy\": {\"type\": \"Imm\xffediate\"}}";
    let err = read_job_err(input);
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert_eq!(err.path(), Some("schedulePolicy.type"));
    assert!(err.to_string().contains("invalid unicode code point"), "{err}");
}

#[test]
fn non_utf8_bytes_in_an_ignored_field_are_a_syntax_error() {
    // The documents are not UTF-8, so not JSON, whichever field holds the byte.
    let job = b"{\"schedulePolicy\": {\"type\": \"Immediate\"}, \"description\": \"caf\xe9\"}";
    let err = read_job_err(job);
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    let err = CopyJobSchedulePolicy::from_json(job).unwrap_err();
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    let policy = b"{\"type\": \"Immediate\", \"note\": \"\xff\"}";
    let err = read_policy_err(policy);
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
}

#[test]
fn deep_nesting_in_an_unknown_field_does_not_panic() {
    let depth = 10_000;
    // Well formed: the reader skips an unknown field's value without
    // recursing, so the policy around it is read.
    let input = format!(
        r#"{{"type": "Immediate", "x": {}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let parsed =
        CopyJobSchedulePolicy::from_json(input.as_bytes()).expect("valid JSON, unknown field skipped");
    assert_eq!(Schedule::try_from(&parsed).unwrap(), Schedule::immediate());
    let job = format!(
        r#"{{"schedulePolicy": {input}, "y": {}0{}}}"#,
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    let parsed = CopyJob::from_json(job.as_bytes()).expect("valid JSON, unknown fields skipped");
    assert_eq!(Schedule::try_from(&parsed).unwrap(), Schedule::immediate());
    assert_eq!(
        Schedule::try_from(&CopyJobSchedulePolicy::from_json(job.as_bytes()).unwrap()).unwrap(),
        Schedule::immediate()
    );

    // Never closed: a syntax error at the end of the input, in the field.
    let input = format!(r#"{{"type": "Immediate", "x": {}"#, "[".repeat(depth));
    let err = read_policy_err(input.as_bytes());
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert_error(
        &err,
        "schedulePolicy.x",
        &format!(
            "schedulePolicy.x: not valid JSON: EOF while parsing a list at line 1 column {}",
            input.len()
        ),
    );
    let err = CopyJobSchedulePolicy::from_json(input.as_bytes()).unwrap_err();
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");

    // Deep nesting where a known field is: refused at the first bracket.
    let input = format!(r#"{{"type": {}{}}}"#, "[".repeat(depth), "]".repeat(depth));
    let err = read_policy_err(input.as_bytes());
    assert!(matches!(err, Error::Json { .. }), "{err:?}");
    assert_error(
        &err,
        "schedulePolicy.type",
        "schedulePolicy.type: expected one of Immediate, Periodically, DailyAtTime, found an array at line 1 column 10",
    );
}

#[test]
fn duplicate_fields_are_refused() {
    let input = r#"{"type": "Immediate", "type": "Periodically"}"#;
    let err = read_policy_err(input.as_bytes());
    assert!(matches!(err, Error::Json { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        // The object holding it, the policy, is at fault; column 28 ends
        // the second "type".
        "schedulePolicy: expected type once, found it twice at line 1 column 28"
    );
}

// ---------------------------------------------------------------------------
// A member that misses a known name by a slip
// ---------------------------------------------------------------------------

/// The message for a missing `member` (under `parent`) that the document
/// probably meant as `found`.
fn misspelled(path: &str, expected: &str, found: &str) -> String {
    let member = path.rsplit('.').next().unwrap();
    format!("{path}: expected {expected}, found nothing ({found:?} is not a member: did you mean {member}?)")
}

const DAILY_TYPES: &str =
    "one of Everyday, Workdays, Weekends, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday";

#[test]
fn a_missing_member_names_a_near_miss() {
    // By case, one letter left out, added, changed, two swapped; case and a
    // slip together.
    let cases = [
        (
            json!({"type": "DailyAtTime", "dailytype": "Workdays", "dailyTime": "22:00"}),
            "schedulePolicy.dailyType",
            format!("{DAILY_TYPES} (required when type is DailyAtTime)"),
            "dailytype",
        ),
        (
            json!({"type": "DailyAtTime", "dailyType": "Workdays", "dailyTim": "22:00"}),
            "schedulePolicy.dailyTime",
            "a time like 22:00:00 or 22:00 (required when type is DailyAtTime)".into(),
            "dailyTim",
        ),
        (
            json!({"type": "Periodically", "periodicallyEvvery": "Hours1"}),
            "schedulePolicy.periodicallyEvery",
            "one of Minutes5, Minutes10, Minutes15, Minutes30, Hours1, Hours2, Hours4, Hours8, Hours12 (required when type is Periodically)".into(),
            "periodicallyEvvery",
        ),
        (
            json!({"type": "DailyAtTime", "dailyTyme": "Workdays", "dailyTime": "22:00"}),
            "schedulePolicy.dailyType",
            format!("{DAILY_TYPES} (required when type is DailyAtTime)"),
            "dailyTyme",
        ),
        (
            json!({"type": "DailyAtTime", "daliyType": "Workdays", "dailyTime": "22:00"}),
            "schedulePolicy.dailyType",
            format!("{DAILY_TYPES} (required when type is DailyAtTime)"),
            "daliyType",
        ),
        (
            json!({"Type": "Immediate"}),
            "schedulePolicy.type",
            "one of Immediate, Periodically, DailyAtTime".into(),
            "Type",
        ),
        (
            json!({"type": "Immediate", "backupCopyWindowEnabled": true, "backupCopyWindowSetting": {}}),
            "schedulePolicy.backupCopyWindowSettings",
            "the window settings (required when backupCopyWindowEnabled is true)".into(),
            "backupCopyWindowSetting",
        ),
        (
            json!({"type": "Immediate", "backupCopyWindowEnabled": true,
                   "backupCopyWindowSettings": {"BackupWindow": week(true)}}),
            "schedulePolicy.backupCopyWindowSettings.backupWindow",
            "168 booleans (required when backupCopyWindowEnabled is true)".into(),
            "BackupWindow",
        ),
    ];
    for (json, path, expected, found) in cases {
        let err = refused(&json);
        assert!(matches!(err, Error::Missing { .. }), "{err:?}");
        assert_error(&err, path, &misspelled(path, &expected, found));
    }
}

#[test]
fn only_a_slip_is_a_near_miss() {
    // Two letters off, or another word: no guess. Nor when the member is
    // there but null: the document says it has none.
    for json in [
        json!({"type": "DailyAtTime", "dayType": "Workdays", "dailyTime": "22:00"}),
        json!({"type": "DailyAtTime", "dailyTypes2": "Workdays", "dailyTime": "22:00"}),
        json!({"type": "DailyAtTime", "days": "Workdays", "dailyTime": "22:00"}),
        json!({"type": "DailyAtTime", "dailyType": null, "dailytype": "Workdays", "dailyTime": "22:00"}),
    ] {
        let err = refused(&json);
        assert_error(
            &err,
            "schedulePolicy.dailyType",
            &format!("schedulePolicy.dailyType: expected {DAILY_TYPES} (required when type is DailyAtTime), found nothing"),
        );
    }
    // A near miss of a member that is there is just an unknown member.
    valid(&json!({"type": "DailyAtTime", "dailyType": "Workdays", "dailytype": "x", "dailyTime": "22:00"}));
}

#[test]
fn links_that_are_not_objects() {
    // `_links` is an object of link objects, each with an href string.
    for (input, message) in [
        (
            r#"{"_links": 5}"#,
            "_links: expected an object of links, found 5 at line 1 column 12",
        ),
        (
            r#"{"_links": ["x"]}"#,
            "_links: expected an object of links, found an array at line 1 column 12",
        ),
        (
            r#"{"_links": {"self": 5}}"#,
            "_links.self: expected a link object, found 5 at line 1 column 21",
        ),
        (
            r#"{"_links": {"self": {"href": 5}}}"#,
            "_links.self.href: expected a string, found 5 at line 1 column 30",
        ),
    ] {
        let err = read_job_err(input.as_bytes());
        assert!(matches!(err, Error::Json { .. }), "{input}: {err:?}");
        assert_eq!(err.to_string(), message, "{input}");
    }
}
