//! The backup job's wire model (issue 11): one test per validation rule of
//! `RESTJobSchedulePolicy` (the message and the JSON path), round trips,
//! unknown members kept, the vendor's three examples read from JSON, family
//! detection and its errors, and the reverse conversion.
//!
//! Expected values are derived by hand in the comments from the README's
//! semantics table, never copied from the crate's output.

use backup_schedule::vb365::{
    BackupJob, BackupJobDocument, BackupJobSchedulePolicy, BackupJobScheduleType, CopyJobDocument, Job,
    JobDocument, JobPolicy, Kind, TriggerFrame,
};
use backup_schedule::{
    BackupSchedule, Error, ErrorKind, Interval, JobSchedule, Retry, Timetable, Trigger, Weekdays, Window,
};
use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use serde_json::{json, Value};

fn policy(value: &Value) -> BackupJobSchedulePolicy {
    BackupJobSchedulePolicy::from_json(value.to_string().as_bytes()).expect("the policy reads")
}

fn schedule(value: &Value) -> Result<BackupSchedule, Error> {
    BackupSchedule::try_from(&policy(value))
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// 168 hours, Sunday 00:00 first, `allowed(day, hour)` with day 0 = Sunday.
fn hours(allowed: impl Fn(usize, usize) -> bool) -> Value {
    Value::Array(
        (0..168)
            .map(|index| Value::Bool(allowed(index / 24, index % 24)))
            .collect(),
    )
}

fn all_hours() -> Value {
    hours(|_, _| true)
}

#[track_caller]
fn assert_error(value: Value, kind: ErrorKind, path: &str, message: &str) {
    let err = schedule(&value).expect_err("refused");
    assert_eq!(err.kind(), kind, "{err:?}");
    assert_eq!(err.path(), Some(path), "{err:?}");
    assert_eq!(err.to_string(), message);
}

// ---------------------------------------------------------------------------
// Validation: one rule per test.

const DAYS: &str =
    "one of Everyday, Workdays, Weekends, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday";
const EVERY: &str =
    "one of Minutes5, Minutes10, Minutes15, Minutes30, Hours1, Hours2, Hours4, Hours8, Hours12";

#[test]
fn type_is_required() {
    assert_error(
        json!({"dailyType": "Everyday"}),
        ErrorKind::Missing,
        "schedulePolicy.type",
        "schedulePolicy.type: expected one of Periodically, Daily, ManualOnly, found nothing",
    );
}

#[test]
fn a_misspelled_type_is_pointed_at() {
    assert_error(
        json!({"Type": "Daily"}),
        ErrorKind::Missing,
        "schedulePolicy.type",
        r#"schedulePolicy.type: expected one of Periodically, Daily, ManualOnly, found nothing ("Type" is not a member: did you mean type?)"#,
    );
}

#[test]
fn daily_needs_daily_type() {
    assert_error(
        json!({"type": "Daily", "dailyTime": "22:00:00"}),
        ErrorKind::Missing,
        "schedulePolicy.dailyType",
        &format!("schedulePolicy.dailyType: expected {DAYS} (required when type is Daily), found nothing"),
    );
}

#[test]
fn daily_needs_daily_time() {
    assert_error(
        json!({"type": "Daily", "dailyType": "Monday", "dailytime": "22:00"}),
        ErrorKind::Missing,
        "schedulePolicy.dailyTime",
        r#"schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00 (required when type is Daily), found nothing ("dailytime" is not a member: did you mean dailyTime?)"#,
    );
}

#[test]
fn daily_time_must_be_a_time_even_when_unused() {
    // Periodically does not use dailyTime, but it must be well formed.
    assert_error(
        json!({"type": "Periodically", "periodicallyEvery": "Hours1", "dailyTime": "24:00"}),
        ErrorKind::Invalid,
        "schedulePolicy.dailyTime",
        r#"schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00, found "24:00""#,
    );
}

#[test]
fn periodically_needs_its_interval() {
    assert_error(
        json!({"type": "Periodically"}),
        ErrorKind::Missing,
        "schedulePolicy.periodicallyEvery",
        &format!("schedulePolicy.periodicallyEvery: expected {EVERY} (required when type is Periodically), found nothing"),
    );
}

#[test]
fn offset_lies_in_an_hour() {
    for (offset, found) in [
        (json!(60), "60"),
        (json!(-1), "-1"),
        (json!(2_147_483_647), "2147483647"),
    ] {
        // Whatever the type: a field the type does not use must be well formed.
        for base in [
            json!({"type": "Periodically", "periodicallyEvery": "Hours2"}),
            json!({"type": "ManualOnly"}),
        ] {
            let mut value = base;
            value["periodicallyOffsetMinutes"] = offset.clone();
            assert_error(
                value,
                ErrorKind::Invalid,
                "schedulePolicy.periodicallyOffsetMinutes",
                &format!("schedulePolicy.periodicallyOffsetMinutes: expected an offset in minutes in 0..=59, found {found}"),
            );
        }
    }
    // 0 and 59 are inside.
    for offset in [0, 59] {
        let ok = schedule(
            &json!({"type": "Periodically", "periodicallyEvery": "Hours1", "periodicallyOffsetMinutes": offset}),
        );
        assert!(ok.is_ok(), "{offset}: {ok:?}");
    }
}

#[test]
fn offset_needs_an_interval_in_hours() {
    assert_error(
        json!({"type": "Periodically", "periodicallyEvery": "Minutes30", "periodicallyOffsetMinutes": 15}),
        ErrorKind::Invalid,
        "schedulePolicy.periodicallyOffsetMinutes",
        "schedulePolicy.periodicallyOffsetMinutes: expected 0 (an offset is only valid with an interval in hours), found 15",
    );
    // An offset of 0 is fine with minutes, and null is 0.
    assert!(schedule(
        &json!({"type": "Periodically", "periodicallyEvery": "Minutes30", "periodicallyOffsetMinutes": 0})
    )
    .is_ok());
    assert!(schedule(
        &json!({"type": "Periodically", "periodicallyEvery": "Minutes5", "periodicallyOffsetMinutes": null})
    )
    .is_ok());
}

#[test]
fn an_offset_on_a_daily_job_is_not_used() {
    // Daily 22:00 on Mondays: 2026-11-30 is a Monday; the offset moves nothing.
    let daily = schedule(&json!({"type": "Daily", "dailyType": "Monday", "dailyTime": "22:00", "periodicallyOffsetMinutes": 15})).unwrap();
    assert_eq!(
        daily.next_run(utc(2026, 11, 30, 12, 0)),
        Some(utc(2026, 11, 30, 22, 0))
    );
}

const PERMITTED_ONLY: &str = "schedulePolicy.periodicallyWindowEnabled: expected false (permitted hours apply only to a Periodically schedule in hours), found true";

#[test]
fn permitted_hours_refuse_a_minute_interval() {
    assert_error(
        json!({"type": "Periodically", "periodicallyEvery": "Minutes15", "periodicallyWindowEnabled": true,
               "periodicallyWindowSettings": {"backupWindow": all_hours()}}),
        ErrorKind::Invalid,
        "schedulePolicy.periodicallyWindowEnabled",
        PERMITTED_ONLY,
    );
}

#[test]
fn permitted_hours_refuse_daily_before_looking_at_their_settings() {
    assert_error(
        json!({"type": "Daily", "dailyType": "Everyday", "dailyTime": "22:00", "periodicallyWindowEnabled": true}),
        ErrorKind::Invalid,
        "schedulePolicy.periodicallyWindowEnabled",
        PERMITTED_ONLY,
    );
}

#[test]
fn permitted_hours_off_are_ignored_on_daily() {
    let daily = json!({"type": "Daily", "dailyType": "Everyday", "dailyTime": "22:00", "periodicallyWindowEnabled": false,
                       "periodicallyWindowSettings": {"backupWindow": hours(|_, _| false)}});
    assert_eq!(schedule(&daily).unwrap().permitted_hours(), None);
}

#[test]
fn an_enabled_backup_window_needs_settings() {
    assert_error(
        json!({"type": "ManualOnly", "backupWindowEnabled": true}),
        ErrorKind::Missing,
        "schedulePolicy.backupWindowSettings",
        "schedulePolicy.backupWindowSettings: expected the window settings (required when backupWindowEnabled is true), found nothing",
    );
}

#[test]
fn an_enabled_backup_window_needs_its_hours() {
    assert_error(
        json!({"type": "ManualOnly", "backupWindowEnabled": true, "backupWindowSettings": {"minuteOffset": 60, "backupwindow": []}}),
        ErrorKind::Missing,
        "schedulePolicy.backupWindowSettings.backupWindow",
        r#"schedulePolicy.backupWindowSettings.backupWindow: expected 168 booleans (required when backupWindowEnabled is true), found nothing ("backupwindow" is not a member: did you mean backupWindow?)"#,
    );
}

#[test]
fn an_enabled_permitted_window_needs_settings_and_hours() {
    assert_error(
        json!({"type": "Periodically", "periodicallyEvery": "Hours1", "periodicallyWindowEnabled": true}),
        ErrorKind::Missing,
        "schedulePolicy.periodicallyWindowSettings",
        "schedulePolicy.periodicallyWindowSettings: expected the window settings (required when periodicallyWindowEnabled is true), found nothing",
    );
    assert_error(
        json!({"type": "Periodically", "periodicallyEvery": "Hours1", "periodicallyWindowEnabled": true, "periodicallyWindowSettings": {}}),
        ErrorKind::Missing,
        "schedulePolicy.periodicallyWindowSettings.backupWindow",
        "schedulePolicy.periodicallyWindowSettings.backupWindow: expected 168 booleans (required when periodicallyWindowEnabled is true), found nothing",
    );
}

#[test]
fn windows_have_168_hours() {
    let short = Value::Array(vec![Value::Bool(true); 167]);
    for (member, flag) in [
        ("backupWindowSettings", "backupWindowEnabled"),
        ("periodicallyWindowSettings", "periodicallyWindowEnabled"),
    ] {
        let mut value = json!({"type": "Periodically", "periodicallyEvery": "Hours1"});
        value[flag] = json!(true);
        value[member] = json!({"backupWindow": short});
        assert_error(
            value,
            ErrorKind::Invalid,
            &format!("schedulePolicy.{member}.backupWindow"),
            &format!("schedulePolicy.{member}.backupWindow: expected 168 booleans, found 167"),
        );
    }
    // Too long is refused while reading, at the 169th.
    let long = json!({"backupWindowSettings": {"backupWindow": vec![true; 200]}});
    let err = BackupJobSchedulePolicy::from_json(long.to_string().as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "schedulePolicy.backupWindowSettings.backupWindow: expected 168 booleans, found 200"
    );
}

#[test]
fn window_offsets_lie_within_a_day() {
    for (member, flag) in [
        ("backupWindowSettings", "backupWindowEnabled"),
        ("periodicallyWindowSettings", "periodicallyWindowEnabled"),
    ] {
        for offset in [1440, -1440] {
            let mut value = json!({"type": "Periodically", "periodicallyEvery": "Hours1"});
            value[flag] = json!(true);
            value[member] = json!({"backupWindow": all_hours(), "minuteOffset": offset});
            assert_error(
                value,
                ErrorKind::Invalid,
                &format!("schedulePolicy.{member}.minuteOffset"),
                &format!("schedulePolicy.{member}.minuteOffset: expected a minute offset from UTC in -1439..=1439, found {offset}"),
            );
        }
    }
}

#[test]
fn retry_number_lies_in_1_to_777_when_retries_are_on() {
    for (number, found) in [(0, "0"), (778, "778"), (-3, "-3")] {
        assert_error(
            json!({"type": "ManualOnly", "retryEnabled": true, "retryNumber": number}),
            ErrorKind::Invalid,
            "schedulePolicy.retryNumber",
            &format!("schedulePolicy.retryNumber: expected a number of retries in 1..=777, found {found}"),
        );
    }
    let edges = schedule(
        &json!({"type": "ManualOnly", "retryEnabled": true, "retryNumber": 777, "retryWaitInterval": 1}),
    )
    .unwrap();
    assert_eq!(edges.retry(), Some(Retry::new(777, 1).unwrap()));
}

#[test]
fn retry_wait_lies_in_1_to_999_when_retries_are_on() {
    for (wait, found) in [(0, "0"), (1000, "1000"), (-10, "-10")] {
        assert_error(
            json!({"type": "ManualOnly", "retryEnabled": true, "retryWaitInterval": wait}),
            ErrorKind::Invalid,
            "schedulePolicy.retryWaitInterval",
            &format!(
                "schedulePolicy.retryWaitInterval: expected a wait in minutes in 1..=999, found {found}"
            ),
        );
    }
    let edges = schedule(
        &json!({"type": "ManualOnly", "retryEnabled": true, "retryNumber": 1, "retryWaitInterval": 999}),
    )
    .unwrap();
    assert_eq!(edges.retry(), Some(Retry::new(1, 999).unwrap()));
}

#[test]
fn retry_numbers_are_ignored_when_retries_are_off() {
    for enabled in [json!(false), json!(null)] {
        let off = schedule(&json!({"type": "ManualOnly", "retryEnabled": enabled, "retryNumber": 0, "retryWaitInterval": 5000})).unwrap();
        assert_eq!(off.retry(), None);
    }
    // On with nulls: the API's defaults, 3 retries 10 minutes apart.
    let defaults =
        schedule(&json!({"type": "ManualOnly", "retryEnabled": true, "retryNumber": null})).unwrap();
    assert_eq!(defaults.retry(), Some(Retry::new(3, 10).unwrap()));
}

#[test]
fn wrong_json_types_name_the_member_and_the_api_words() {
    for (member, value, expected) in [
        (
            "retryNumber",
            json!("3"),
            r#"expected a whole number of retries in 1..=777, found "3""#,
        ),
        (
            "retryWaitInterval",
            json!(1.5),
            "expected a whole number of minutes in 1..=999, found 1.5",
        ),
        (
            "periodicallyOffsetMinutes",
            json!(true),
            "expected a whole number of minutes in 0..=59, found true",
        ),
        (
            "scheduleEnabled",
            json!("yes"),
            r#"expected true or false, found "yes""#,
        ),
        (
            "type",
            json!("DailyAtTime"),
            r#"expected one of Periodically, Daily, ManualOnly, found "DailyAtTime""#,
        ),
    ] {
        let mut document = json!({});
        document[member] = value;
        let err = BackupJobSchedulePolicy::from_json(document.to_string().as_bytes()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Type, "{err:?}");
        assert_eq!(err.path(), Some(format!("schedulePolicy.{member}").as_str()));
        assert!(
            err.to_string()
                .starts_with(&format!("schedulePolicy.{member}: {expected} at line 1 column ")),
            "{err}"
        );
    }
}

#[test]
fn schedule_enabled_false_leaves_no_timed_runs() {
    // Every hour, but switched off: no run; null and absent are on.
    let off =
        schedule(&json!({"type": "Periodically", "periodicallyEvery": "Hours1", "scheduleEnabled": false}))
            .unwrap();
    assert!(!off.is_enabled());
    assert_eq!(off.next_run(utc(2026, 12, 1, 0, 0)), None);
    for on in [json!(null), json!(true)] {
        let on =
            schedule(&json!({"type": "Periodically", "periodicallyEvery": "Hours1", "scheduleEnabled": on}))
                .unwrap();
        assert_eq!(on.next_run(utc(2026, 12, 1, 0, 30)), Some(utc(2026, 12, 1, 1, 0)));
    }
}

#[test]
fn manual_only_has_no_timed_runs() {
    let manual = schedule(&json!({"type": "ManualOnly", "periodicallyEvery": "Hours1"})).unwrap();
    assert_eq!(manual.trigger(), Trigger::Manual);
    assert_eq!(manual.next_run(utc(2026, 12, 1, 0, 0)), None);
}

#[test]
fn a_job_without_a_policy_is_an_error_at_schedule_policy() {
    let job = BackupJob::from_json(br#"{"name": "x"}"#).unwrap();
    let err = BackupSchedule::try_from(&job).unwrap_err();
    assert_eq!(
        err.to_string(),
        "schedulePolicy: expected a schedule policy object, found nothing"
    );
    // `null` too, read as a policy.
    let err = BackupJobSchedulePolicy::from_json(br#"{"schedulePolicy": null}"#).unwrap_err();
    assert_eq!(err.path(), Some("schedulePolicy"));
}

// ---------------------------------------------------------------------------
// The vendor's examples, read from JSON.

#[test]
fn vendor_every_two_hours_permitted_nine_to_five() {
    // Permitted 09:00-17:00: hours 9..=16 of every day.
    let job = BackupJob::from_json(
        json!({"name": "Vendor 1", "schedulePolicy": {
            "type": "Periodically", "periodicallyEvery": "Hours2",
            "periodicallyWindowEnabled": true,
            "periodicallyWindowSettings": {"backupWindow": hours(|_, h| (9..17).contains(&h)), "minuteOffset": 0}
        }})
        .to_string()
        .as_bytes(),
    )
    .unwrap();
    let schedule = BackupSchedule::try_from(&job).unwrap();
    // 00:00 .. 08:00 are denied and coalesce into 09:00; then 10, 12, 14, 16;
    // 18 .. 08 are denied again, so the next day starts at 09:00.
    let runs: Vec<_> = schedule.upcoming(utc(2026, 11, 30, 23, 59)).take(6).collect();
    assert_eq!(
        runs,
        [
            utc(2026, 12, 1, 9, 0),
            utc(2026, 12, 1, 10, 0),
            utc(2026, 12, 1, 12, 0),
            utc(2026, 12, 1, 14, 0),
            utc(2026, 12, 1, 16, 0),
            utc(2026, 12, 2, 9, 0),
        ]
    );
}

#[test]
fn vendor_every_four_hours_at_fifteen_permitted_seven_pm_to_eight_am() {
    // Permitted 19:00-08:00: hours 19..=23 and 0..=7; with offset 15 hour h
    // covers h:15 to h+1:15, so starts are allowed from 19:15 to 08:15.
    let schedule = BackupSchedule::try_from(&policy(&json!({
        "type": "Periodically", "periodicallyEvery": "Hours4", "periodicallyOffsetMinutes": 15,
        "periodicallyWindowEnabled": true,
        "periodicallyWindowSettings": {"backupWindow": hours(|_, h| !(8..19).contains(&h))}
    })))
    .unwrap();
    // 00:15 and 04:15 run; 08:15 (hour 8 covers 08:15-09:15, denied), 12:15
    // and 16:15 wait for 19:15 and run once; then 20:15 and 00:15.
    let runs: Vec<_> = schedule.upcoming(utc(2026, 11, 30, 23, 59)).take(5).collect();
    assert_eq!(
        runs,
        [
            utc(2026, 12, 1, 0, 15),
            utc(2026, 12, 1, 4, 15),
            utc(2026, 12, 1, 19, 15),
            utc(2026, 12, 1, 20, 15),
            utc(2026, 12, 2, 0, 15),
        ]
    );
}

#[test]
fn vendor_daily_on_workdays_with_fifteen_prohibited() {
    // 15:00-15:59 prohibited on every day: the run at 14:50 ends at 15:00.
    let schedule = BackupSchedule::try_from(&policy(&json!({
        "type": "Daily", "dailyType": "Workdays", "dailyTime": "14:50:00",
        "backupWindowEnabled": true,
        "backupWindowSettings": {"backupWindow": hours(|_, h| h != 15), "minuteOffset": 0}
    })))
    .unwrap();
    // 2026-11-30 is a Monday.
    let detail = schedule.explain_next(utc(2026, 11, 30, 12, 0)).unwrap();
    assert_eq!(detail.run, utc(2026, 11, 30, 14, 50));
    assert_eq!(detail.deadline, Some(utc(2026, 11, 30, 15, 0)));
    // Saturday and Sunday have no run: Friday 2026-12-04's is followed by Monday's.
    let friday = utc(2026, 12, 4, 14, 50);
    assert_eq!(schedule.next_run(friday), Some(utc(2026, 12, 7, 14, 50)));
}

#[test]
fn retries_from_json() {
    // Daily 22:00 with the window 22:00-23:00 and 2 retries 20 minutes apart:
    // a failure at 22:05 is retried at 22:25; the third failure is not; one
    // at 22:45 would retry at 23:05, after the window closes at 23:00.
    let schedule = BackupSchedule::try_from(&policy(&json!({
        "type": "Daily", "dailyType": "Everyday", "dailyTime": "22:00",
        "backupWindowEnabled": true, "backupWindowSettings": {"backupWindow": hours(|_, h| h == 22)},
        "retryEnabled": true, "retryNumber": 2, "retryWaitInterval": 20
    })))
    .unwrap();
    assert_eq!(
        schedule.retry_after(utc(2026, 12, 1, 22, 5), 1),
        Some(utc(2026, 12, 1, 22, 25))
    );
    assert_eq!(
        schedule.retry_after(utc(2026, 12, 1, 22, 5), 2),
        Some(utc(2026, 12, 1, 22, 25))
    );
    assert_eq!(schedule.retry_after(utc(2026, 12, 1, 22, 5), 3), None);
    assert_eq!(schedule.retry_after(utc(2026, 12, 1, 22, 45), 1), None);
}

// ---------------------------------------------------------------------------
// Round trips and unknown members.

#[test]
fn a_job_round_trips_with_unknown_members_at_every_level() {
    let text = json!({
        "id": "5a4f5b2e", "name": "Mail", "description": "all mailboxes",
        "backupType": "SelectedItems", "selectedItems": [{"type": "User", "user": {"id": "u1"}}],
        "repositoryId": "r1", "isEnabled": true, "lastRun": "2026-11-30T22:00:00Z", "nextRun": null,
        "lastStatus": "Success", "eTag": 12, "_links": {"self": {"href": "/v8/Jobs/5a4f5b2e"}},
        "schedulePolicy": {
            "scheduleEnabled": true, "backupWindowEnabled": false,
            "backupWindowSettings": {"backupWindow": all_hours(), "minuteOffset": 60, "futureSettings": "FUTURE"},
            "periodicallyWindowEnabled": false, "periodicallyWindowSettings": null,
            "periodicallyOffsetMinutes": 0, "type": "Daily", "periodicallyEvery": "Minutes5",
            "dailyType": "Everyday", "dailyTime": "15:00:00", "retryEnabled": true, "retryNumber": 3,
            "retryWaitInterval": 10, "futurePolicy": {"deep": [true, null]}
        },
        "futureJob": "x"
    })
    .to_string()
    // A number as serde_json would not write it: kept digit for digit.
    .replace(r#""FUTURE""#, "[1.50]");
    let job = BackupJob::from_json(text.as_bytes()).unwrap();
    assert_eq!(job.extras.len(), 3); // backupType, selectedItems, futureJob
    let policy = job.policy().unwrap();
    assert_eq!(
        policy.extras.get("futurePolicy").map(|raw| raw.get()),
        Some(r#"{"deep":[true,null]}"#)
    );
    assert!(policy.extras.is_null("periodicallyWindowSettings"));
    assert_eq!(
        policy
            .backup_window_settings
            .as_ref()
            .unwrap()
            .extras
            .get("futureSettings")
            .map(|raw| raw.get()),
        Some("[1.50]")
    );
    // Written back: the same text (serde_json's compact form, members in order).
    assert_eq!(serde_json::to_string(&job).unwrap(), text);
    // normalized keeps everything: this policy is already canonical.
    assert_eq!(serde_json::to_string(&job.normalized().unwrap()).unwrap(), text);
}

#[test]
fn normalized_writes_times_and_offsets_out() {
    let p = policy(
        &json!({"type": "Daily", "dailyType": "Sunday", "dailyTime": "06:05",
        "periodicallyWindowSettings": {"backupWindow": all_hours()}, "backupWindowSettings": {"minuteOffset": null}}),
    );
    let normal = p.normalized().unwrap();
    assert_eq!(normal.daily_time.as_deref(), Some("06:05:00"));
    assert_eq!(
        normal.periodically_window_settings.unwrap().minute_offset,
        Some(0)
    );
    assert_eq!(normal.backup_window_settings.unwrap().minute_offset, Some(0));
    // An invalid policy has no normal form.
    assert!(policy(&json!({"type": "Daily"})).normalized().is_err());
}

#[test]
fn lists_of_backup_jobs_read_each_job_on_its_own() {
    let page = json!({"offset": 0, "limit": 30, "results": [
        {"id": "a", "name": "A", "schedulePolicy": {"type": "ManualOnly"}},
        {"id": "b", "name": "B", "schedulePolicy": {"type": "Weekly"}},
    ]});
    let jobs: Vec<_> = BackupJob::list_from_json(page.to_string().as_bytes())
        .unwrap()
        .collect();
    assert_eq!(jobs.len(), 2);
    assert_eq!(jobs[0].job.as_ref().unwrap().name.as_deref(), Some("A"));
    assert_eq!(jobs[1].path, "results[1]");
    assert_eq!(
        jobs[1].job.as_ref().unwrap_err().path(),
        Some("schedulePolicy.type")
    );
    match BackupJobDocument::from_json(page.to_string().as_bytes()).unwrap() {
        BackupJobDocument::List(list) => assert_eq!(list.len(), 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn fill_next_run_writes_the_apis_form() {
    // Every 8 hours at 45: 00:45, 08:45, 16:45; after 09:00:30 comes 16:45.
    let mut job = BackupJob::from_json(
        br#"{"schedulePolicy": {"type": "Periodically", "periodicallyEvery": "Hours8", "periodicallyOffsetMinutes": 45}, "nextRun": "x"}"#,
    )
    .unwrap();
    let schedule = BackupSchedule::try_from(&job).unwrap();
    let next = job.fill_next_run(&schedule, Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 30).unwrap());
    assert_eq!(next, Some(utc(2026, 12, 1, 16, 45)));
    assert_eq!(job.next_run.as_deref(), Some("2026-12-01T16:45:00Z"));
    let off = BackupSchedule::try_from(&policy(
        &json!({"type": "Periodically", "periodicallyEvery": "Hours8", "scheduleEnabled": false}),
    ))
    .unwrap();
    assert_eq!(job.fill_next_run(&off, utc(2026, 12, 1, 0, 0)), None);
    assert!(serde_json::to_string(&job)
        .unwrap()
        .ends_with(r#""nextRun":null}"#));
}

#[test]
fn schedules_convert_back_to_the_same_schedule() {
    let permitted: Window = "Mon-Fri 19:00-08:00".parse().unwrap();
    let window: Window = "daily 00:00-06:00"
        .parse::<Window>()
        .unwrap()
        .with_minute_offset(-300)
        .unwrap();
    let at = NaiveTime::from_hms_opt(23, 30, 15).unwrap();
    let schedules = [
        BackupSchedule::manual_only(),
        BackupSchedule::manual_only()
            .disabled()
            .with_retry(Retry::new(777, 999).unwrap()),
        BackupSchedule::daily(Weekdays::WEEKENDS, at)
            .unwrap()
            .with_backup_window(window),
        BackupSchedule::periodic(Interval::from_minutes(5).unwrap()),
        BackupSchedule::periodic(Interval::from_minutes(720).unwrap())
            .with_offset_minutes(59)
            .unwrap()
            .with_permitted_hours(permitted)
            .unwrap()
            .with_backup_window(window)
            .with_retry(Retry::default())
            .disabled(),
    ];
    for schedule in schedules {
        let policy = BackupJobSchedulePolicy::try_from(&schedule).unwrap();
        assert_eq!(BackupSchedule::try_from(&policy).unwrap(), schedule, "{policy:?}");
        // And through JSON.
        let text = serde_json::to_string(&policy).unwrap();
        let again = BackupJobSchedulePolicy::from_json(text.as_bytes()).unwrap();
        assert_eq!(BackupSchedule::try_from(&again).unwrap(), schedule, "{text}");
    }
    // The last one written out by hand: every switch, in the schema's order.
    let policy = BackupJobSchedulePolicy::try_from(&BackupSchedule::manual_only()).unwrap();
    assert_eq!(
        serde_json::to_string(&policy).unwrap(),
        r#"{"scheduleEnabled":true,"backupWindowEnabled":false,"periodicallyWindowEnabled":false,"type":"ManualOnly","retryEnabled":false}"#
    );
}

#[test]
fn schedules_the_api_cannot_express_are_refused() {
    let odd_days = BackupSchedule::daily(Weekdays::MONDAY | Weekdays::TUESDAY, NaiveTime::MIN).unwrap();
    let err = BackupJobSchedulePolicy::try_from(&odd_days).unwrap_err();
    assert_eq!(err.path(), Some("schedulePolicy.dailyType"));
    let odd_every = BackupSchedule::periodic(Interval::from_minutes(3).unwrap());
    let err = BackupJobSchedulePolicy::try_from(&odd_every).unwrap_err();
    assert_eq!(err.path(), Some("schedulePolicy.periodicallyEvery"));
}

#[test]
fn the_trigger_frame_is_the_backup_windows_then_the_permitted_hours() {
    // Daily 22:00 read at UTC+02:00 is 20:00 UTC.
    let both = policy(
        &json!({"type": "Daily", "dailyType": "Everyday", "dailyTime": "22:00",
        "backupWindowSettings": {"minuteOffset": 120}, "periodicallyWindowSettings": {"minuteOffset": -60}}),
    );
    assert_eq!(both.window_frame().unwrap().minutes(), 120);
    let at = both.schedule(TriggerFrame::Window).unwrap();
    assert_eq!(
        at.next_run(utc(2026, 12, 1, 12, 0)),
        Some(utc(2026, 12, 1, 20, 0))
    );
    assert_eq!(
        both.schedule(TriggerFrame::Utc)
            .unwrap()
            .next_run(utc(2026, 12, 1, 12, 0)),
        Some(utc(2026, 12, 1, 22, 0))
    );
    // Without backup window settings, the permitted hours' frame: 22:00 at UTC-01:00 is 23:00 UTC.
    let permitted = policy(
        &json!({"type": "Daily", "dailyType": "Everyday", "dailyTime": "22:00",
        "periodicallyWindowSettings": {"minuteOffset": -60}}),
    );
    assert_eq!(
        permitted
            .schedule(TriggerFrame::Window)
            .unwrap()
            .next_run(utc(2026, 12, 1, 12, 0)),
        Some(utc(2026, 12, 1, 23, 0))
    );
    let bad = policy(&json!({"periodicallyWindowSettings": {"minuteOffset": 2000}}));
    assert_eq!(
        bad.window_frame().unwrap_err().path(),
        Some("schedulePolicy.periodicallyWindowSettings.minuteOffset")
    );
    let bad = policy(&json!({"backupWindowSettings": {"minuteOffset": 2000}}));
    assert_eq!(
        bad.window_frame().unwrap_err().path(),
        Some("schedulePolicy.backupWindowSettings.minuteOffset")
    );
}

#[test]
fn spellings_are_the_schemas() {
    let names: Vec<_> = BackupJobScheduleType::ALL.iter().map(|t| t.as_str()).collect();
    assert_eq!(names, ["Periodically", "Daily", "ManualOnly"]);
}

// ---------------------------------------------------------------------------
// Family detection.

#[test]
fn the_family_is_told_by_type_and_members() {
    let cases: &[(Value, Kind)] = &[
        (json!({"type": "Immediate"}), Kind::Copy),
        (
            json!({"type": "DailyAtTime", "dailyType": "Monday", "dailyTime": "22:00"}),
            Kind::Copy,
        ),
        (
            json!({"type": "Periodically", "periodicallyEvery": "Hours1", "backupCopyWindowEnabled": false}),
            Kind::Copy,
        ),
        (
            json!({"type": "Periodically", "backupCopyWindowSettings": {}}),
            Kind::Copy,
        ),
        (json!({"type": "Daily"}), Kind::Backup),
        (json!({"type": "ManualOnly"}), Kind::Backup),
        (
            json!({"type": "Periodically", "periodicallyOffsetMinutes": 0}),
            Kind::Backup,
        ),
        (
            json!({"type": "Periodically", "scheduleEnabled": true}),
            Kind::Backup,
        ),
        (
            json!({"type": "Periodically", "retryWaitInterval": 10}),
            Kind::Backup,
        ),
        (
            json!({"type": "Periodically", "periodicallyWindowSettings": {}}),
            Kind::Backup,
        ),
        (
            json!({"type": "Periodically", "backupWindowEnabled": false}),
            Kind::Backup,
        ),
        // The same either way: read as a copy job.
        (
            json!({"type": "Periodically", "periodicallyEvery": "Hours1", "dailyType": "Everyday", "dailyTime": "15:00:00"}),
            Kind::Copy,
        ),
        // null says nothing.
        (
            json!({"type": "Periodically", "retryEnabled": null, "backupCopyWindowEnabled": null}),
            Kind::Copy,
        ),
        // Unknown types say nothing either: the copy reader names the spellings.
        (
            json!({"type": "Weekly", "backupWindowEnabled": true}),
            Kind::Backup,
        ),
        (json!({"type": "Weekly"}), Kind::Copy),
    ];
    for (value, kind) in cases {
        let text = value.to_string();
        assert_eq!(Kind::detect(text.as_bytes()).unwrap(), *kind, "{text}");
        // In a job, and in a list of jobs, the same.
        let job = json!({"name": "j", "schedulePolicy": value}).to_string();
        assert_eq!(Kind::detect(job.as_bytes()).unwrap(), *kind, "{job}");
        let list = json!([{"name": "j", "schedulePolicy": value}]).to_string();
        assert_eq!(Kind::detect(list.as_bytes()).unwrap(), *kind, "{list}");
    }
}

#[test]
fn members_of_the_job_around_the_policy_do_not_count() {
    let job = json!({"retryEnabled": true, "schedulePolicy": {"type": "Immediate"}}).to_string();
    assert_eq!(Kind::detect(job.as_bytes()).unwrap(), Kind::Copy);
}

#[test]
fn a_policy_mixing_both_families_is_an_error_naming_them() {
    // In the document's order (json! would sort the members).
    let mixed = r#"{"type": "DailyAtTime", "backupCopyWindowEnabled": true, "retryEnabled": true, "scheduleEnabled": false}"#;
    let expected = r#"schedulePolicy: expected the members of one job family, found copy-job type "DailyAtTime", backupCopyWindowEnabled and backup-job retryEnabled, scheduleEnabled"#;
    let err = Kind::detect(mixed.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert_eq!(err.path(), Some("schedulePolicy"));
    assert_eq!(err.to_string(), expected);
    // The readers of either family without --kind say the same.
    let job = format!(r#"{{"schedulePolicy": {mixed}}}"#);
    assert_eq!(
        JobDocument::from_json(job.as_bytes(), None)
            .unwrap_err()
            .to_string(),
        expected
    );
    assert_eq!(
        JobPolicy::from_json(job.as_bytes(), None)
            .unwrap_err()
            .to_string(),
        expected
    );
    assert_eq!(
        Job::from_json(job.as_bytes(), None).unwrap_err().to_string(),
        expected
    );
    // In a list, at the job's path.
    let list = json!({"results": [{"schedulePolicy": {"type": "Immediate"}}, {"schedulePolicy": {"type": "ManualOnly", "backupCopyWindowSettings": {}}}]});
    let err = Kind::detect(list.to_string().as_bytes()).unwrap_err();
    assert_eq!(err.path(), Some("results[1].schedulePolicy"));
    assert_eq!(
        err.to_string(),
        r#"results[1].schedulePolicy: expected the members of one job family, found copy-job backupCopyWindowSettings and backup-job type "ManualOnly""#
    );
}

#[test]
fn a_list_of_both_families_is_an_error() {
    let list = json!([
        {"schedulePolicy": {"type": "Periodically", "periodicallyEvery": "Hours1"}},
        {"schedulePolicy": {"type": "ManualOnly"}},
        {"schedulePolicy": {"type": "Immediate"}},
    ]);
    let err = Kind::detect(list.to_string().as_bytes()).unwrap_err();
    assert_eq!(err.path(), Some("(document)"));
    assert_eq!(
        err.to_string(),
        "(document): expected jobs of one family, found a copy job at [2] and a backup job at [1]"
    );
}

#[test]
fn a_forced_kind_reads_as_told() {
    let text = br#"{"type": "Periodically", "periodicallyEvery": "Hours4", "retryEnabled": true}"#;
    let backup = JobPolicy::from_json(text, None).unwrap();
    assert_eq!(backup.kind(), Kind::Backup);
    // Forced to copy: retryEnabled is a member a copy job does not know.
    let JobPolicy::Copy(copy) = JobPolicy::from_json(text, Some(Kind::Copy)).unwrap() else {
        panic!("forced to copy");
    };
    assert!(copy.extras.get("retryEnabled").is_some());
    // A mixed document forced is read, not refused.
    let mixed =
        br#"{"type": "DailyAtTime", "dailyType": "Monday", "dailyTime": "22:00", "retryEnabled": true}"#;
    assert_eq!(
        JobPolicy::from_json(mixed, Some(Kind::Copy)).unwrap().kind(),
        Kind::Copy
    );
    // Forced to backup, DailyAtTime is no backup type.
    let err = JobPolicy::from_json(mixed, Some(Kind::Backup)).unwrap_err();
    assert_eq!(err.path(), Some("schedulePolicy.type"));
}

#[test]
fn either_family_converts_to_a_job_schedule() {
    // Every 4 hours: copy at 00:00, 04:00, ...; the backup job at offset 30.
    let copy = JobPolicy::from_json(
        br#"{"type": "Periodically", "periodicallyEvery": "Hours4"}"#,
        None,
    )
    .unwrap();
    let backup = JobPolicy::from_json(
        br#"{"type": "Periodically", "periodicallyEvery": "Hours4", "periodicallyOffsetMinutes": 30}"#,
        None,
    )
    .unwrap();
    let t = utc(2026, 12, 1, 1, 0);
    let copy = JobSchedule::try_from(&copy).unwrap();
    let backup = JobSchedule::try_from(&backup).unwrap();
    assert!(matches!(copy, JobSchedule::Copy(_)));
    assert_eq!(copy.next_run(t), Some(utc(2026, 12, 1, 4, 0)));
    assert_eq!(backup.next_run(t), Some(utc(2026, 12, 1, 4, 30)));
    // Documents of either family, with their kinds.
    let document = JobDocument::from_json(br#"[{"schedulePolicy": {"type": "Immediate"}}]"#, None).unwrap();
    assert!(matches!(document, JobDocument::Copy(CopyJobDocument::List(_))));
    assert_eq!(document.kind(), Kind::Copy);
    let document = JobDocument::from_json(
        br#"{"type": "Daily", "dailyType": "Everyday", "dailyTime": "01:00"}"#,
        None,
    )
    .unwrap();
    assert!(matches!(
        document,
        JobDocument::Backup(BackupJobDocument::Policy(_))
    ));
}

#[test]
fn jobs_of_either_family_answer_alike() {
    let mut job = Job::from_json(
        br#"{"id": "i", "name": "n", "schedulePolicy": {"type": "Daily", "dailyType": "Everyday", "dailyTime": "01:00"}}"#,
        None,
    )
    .unwrap();
    assert_eq!(
        (job.kind(), job.id(), job.name()),
        (Kind::Backup, Some("i"), Some("n"))
    );
    let schedule = job.policy().unwrap().schedule(TriggerFrame::Utc).unwrap();
    // Daily at 01:00: after 2026-12-01 02:00 comes 2026-12-02 01:00.
    assert_eq!(
        job.fill_next_run(&schedule, utc(2026, 12, 1, 2, 0)),
        Some(utc(2026, 12, 2, 1, 0))
    );
    let normal = job.normalized().unwrap();
    assert_eq!(
        serde_json::to_string(&normal).unwrap(),
        r#"{"id":"i","name":"n","schedulePolicy":{"type":"Daily","dailyType":"Everyday","dailyTime":"01:00:00"},"nextRun":"2026-12-02T01:00:00Z"}"#
    );
    let copy = Job::from_json(br#"{"id": "c", "schedulePolicy": {"type": "Immediate"}}"#, None).unwrap();
    assert_eq!(
        (copy.kind(), copy.id(), copy.name()),
        (Kind::Copy, Some("c"), None)
    );
    assert_eq!(
        serde_json::to_string(&copy.policy().unwrap().normalized().unwrap()).unwrap(),
        r#"{"type":"Immediate"}"#
    );
}
