//! Arbitrary bytes, and JSON built from structured choices, into the backup
//! job reader (`BackupJobSchedulePolicy`, `BackupJob`, `JobDocument`).
//!
//! - Reading never panics: it succeeds or returns the crate's error, whose
//!   message starts with the path it names.
//! - A policy or job that reads writes JSON that reads back the same.
//! - Validation succeeds exactly when an independent reading of the fields
//!   says it should, and otherwise names one of the faulty fields.
//! - A valid policy's canonical form and normalized form give the same
//!   schedule; its next run is consistent: after the instant, a start the
//!   gates allow, the same from just before it, and the one `explain_next`
//!   and `upcoming` give.
//!
//! The first byte chooses the input: odd, the rest as bytes; even, a policy
//! built from the rest (each member present, `null` or absent, with values
//! near and past every limit), so that the fuzzer reaches valid policies
//! without having to spell them.

#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use backup_schedule::vb365::{BackupJob, BackupJobSchedulePolicy, BackupJobScheduleType, JobDocument, Kind};
use backup_schedule::{BackupSchedule, Error, Timetable};
use chrono::{DateTime, TimeDelta};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

fuzz_target!(|data: &[u8]| {
    match data.split_first() {
        Some((first, rest)) if first & 1 == 0 => {
            let text = structured(&mut Unstructured::new(rest)).to_string();
            check(text.as_bytes(), rest);
        }
        _ => check(data, data),
    }
});

/// A value for a member: one of a few the API means, or one past a limit.
fn pick(u: &mut Unstructured<'_>, choices: &[Value]) -> Value {
    u.choose(choices).cloned().unwrap_or(Value::Null)
}

fn hours(u: &mut Unstructured<'_>) -> Value {
    let len = match u8::arbitrary(u).unwrap_or(0) % 8 {
        0 => 167,
        1 => 0,
        _ => 168,
    };
    let seed = u64::arbitrary(u).unwrap_or(0);
    let pattern = u8::arbitrary(u).unwrap_or(0) % 4;
    Value::Array(
        (0..len)
            .map(|hour: u64| {
                Value::Bool(match pattern {
                    0 => true,
                    1 => false,
                    _ => (seed >> (hour % 64)) & 1 == 1,
                })
            })
            .collect(),
    )
}

fn settings(u: &mut Unstructured<'_>) -> Value {
    let mut object = Map::new();
    if bool::arbitrary(u).unwrap_or(true) {
        object.insert("backupWindow".into(), hours(u));
    }
    let offset = pick(u, &[json!(0), json!(60), json!(-210), json!(1439), json!(-1439), json!(1440), Value::Null]);
    object.insert("minuteOffset".into(), offset);
    Value::Object(object)
}

/// A policy from structured choices.
fn structured(u: &mut Unstructured<'_>) -> Value {
    let mut object = Map::new();
    let members: [(&str, fn(&mut Unstructured<'_>) -> Value); 13] = [
        ("scheduleEnabled", |u| pick(u, &[json!(true), json!(false), Value::Null])),
        ("backupWindowEnabled", |u| pick(u, &[json!(true), json!(false), Value::Null])),
        ("backupWindowSettings", settings),
        ("periodicallyWindowEnabled", |u| pick(u, &[json!(true), json!(false), Value::Null])),
        ("periodicallyWindowSettings", settings),
        ("periodicallyOffsetMinutes", |u| {
            let minutes = i32::arbitrary(u).unwrap_or(0);
            pick(u, &[json!(0), json!(15), json!(59), json!(60), json!(-1), json!(minutes), Value::Null])
        }),
        ("type", |u| pick(u, &[json!("Periodically"), json!("Daily"), json!("ManualOnly"), json!("Immediate"), Value::Null])),
        ("periodicallyEvery", |u| {
            pick(
                u,
                &[
                    json!("Minutes5"),
                    json!("Minutes10"),
                    json!("Minutes15"),
                    json!("Minutes30"),
                    json!("Hours1"),
                    json!("Hours2"),
                    json!("Hours4"),
                    json!("Hours8"),
                    json!("Hours12"),
                ],
            )
        }),
        ("dailyType", |u| pick(u, &[json!("Everyday"), json!("Workdays"), json!("Weekends"), json!("Monday"), json!("Sunday")])),
        ("dailyTime", |u| pick(u, &[json!("22:00:00"), json!("00:00"), json!("23:59:59"), json!("24:00"), json!("7:00")])),
        ("retryEnabled", |u| pick(u, &[json!(true), json!(false), Value::Null])),
        ("retryNumber", |u| pick(u, &[json!(1), json!(3), json!(777), json!(0), json!(778), json!(-1), Value::Null])),
        ("retryWaitInterval", |u| pick(u, &[json!(1), json!(10), json!(999), json!(0), json!(1000), Value::Null])),
    ];
    for (name, value) in members {
        // Absent about one time in three.
        if u8::arbitrary(u).unwrap_or(0) % 3 != 0 {
            object.insert(name.into(), value(u));
        }
    }
    if bool::arbitrary(u).unwrap_or(false) {
        object.insert("futureMember".into(), json!({"nested": [1, 2.5, null]}));
    }
    let policy = Value::Object(object);
    if bool::arbitrary(u).unwrap_or(false) {
        json!({"name": "fuzzed", "schedulePolicy": policy})
    } else {
        policy
    }
}

fn check(data: &[u8], seed: &[u8]) {
    let policy = BackupJobSchedulePolicy::from_json(data);
    let job = BackupJob::from_json(data);
    for err in [policy.as_ref().err(), job.as_ref().err()].into_iter().flatten() {
        check_error(err);
    }
    // Either family's reader: never panics, names a path when it fails.
    for kind in [None, Some(Kind::Backup), Some(Kind::Copy)] {
        if let Err(err) = JobDocument::from_json(data, kind) {
            check_error(&err);
        }
    }
    if let Ok(job) = &job {
        let json = serde_json::to_vec(job).expect("a job serializes");
        assert_eq!(BackupJob::from_json(&json).as_ref(), Ok(job), "job round trip");
    }
    let Ok(policy) = policy else {
        return;
    };
    // Read back in a job: a bare policy with an unknown member called
    // schedulePolicy is a job by the readers' rule, in a job it is not.
    let written = serde_json::to_string(&policy).expect("a policy serializes");
    let json = format!(r#"{{"schedulePolicy":{written}}}"#).into_bytes();
    assert_eq!(
        BackupJobSchedulePolicy::from_json(&json).as_ref(),
        Ok(&policy),
        "policy round trip through {}",
        String::from_utf8_lossy(&json)
    );
    check_policy(&policy, seed);
}

fn check_error(err: &Error) {
    let path = err.path().expect("every error of a document names a path");
    assert!(!path.is_empty(), "an error without a path: {err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{path}: ")),
        "message {message:?} does not start with its path {path:?}"
    );
}

/// The faulty fields' paths by an independent reading of the policy (empty
/// when it is valid).
fn faults(policy: &BackupJobSchedulePolicy) -> Vec<&'static str> {
    let mut faults = Vec::new();
    let time_ok = policy.daily_time.as_deref().is_none_or(|text| {
        let parts: Vec<&str> = text.split(':').collect();
        (2..=3).contains(&parts.len())
            && parts.iter().all(|part| part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
            && parts[0] < "24"
            && parts[1..].iter().all(|part| *part < "60")
    });
    if !time_ok {
        faults.push("schedulePolicy.dailyTime");
    }
    let offset = policy.periodically_offset_minutes.unwrap_or(0);
    if !(0..60).contains(&offset) {
        faults.push("schedulePolicy.periodicallyOffsetMinutes");
    }
    for (settings, enabled, window, hours, minutes) in [
        (
            &policy.backup_window_settings,
            policy.backup_window_enabled,
            "schedulePolicy.backupWindowSettings",
            "schedulePolicy.backupWindowSettings.backupWindow",
            "schedulePolicy.backupWindowSettings.minuteOffset",
        ),
        (
            &policy.periodically_window_settings,
            policy.periodically_window_enabled,
            "schedulePolicy.periodicallyWindowSettings",
            "schedulePolicy.periodicallyWindowSettings.backupWindow",
            "schedulePolicy.periodicallyWindowSettings.minuteOffset",
        ),
    ] {
        match settings {
            Some(settings) => {
                if settings.backup_window.as_ref().is_some_and(|hours| hours.len() != 168) {
                    faults.push(hours);
                }
                if !(-1439..=1439).contains(&settings.minute_offset.unwrap_or(0)) {
                    faults.push(minutes);
                }
                if enabled == Some(true) && settings.backup_window.is_none() {
                    faults.push(hours);
                }
            }
            None if enabled == Some(true) => faults.push(window),
            None => {}
        }
    }
    let in_hours = policy.periodically_every.is_some_and(|every| every.minutes() % 60 == 0);
    match policy.schedule_type {
        None => faults.push("schedulePolicy.type"),
        Some(BackupJobScheduleType::Daily) => {
            if policy.daily_type.is_none() {
                faults.push("schedulePolicy.dailyType");
            }
            if policy.daily_time.is_none() {
                faults.push("schedulePolicy.dailyTime");
            }
        }
        Some(BackupJobScheduleType::Periodically) => {
            if policy.periodically_every.is_none() {
                faults.push("schedulePolicy.periodicallyEvery");
            } else if !in_hours && offset != 0 {
                faults.push("schedulePolicy.periodicallyOffsetMinutes");
            }
        }
        Some(_) => {}
    }
    let periodic_in_hours = policy.schedule_type == Some(BackupJobScheduleType::Periodically) && in_hours;
    if policy.periodically_window_enabled == Some(true) && !periodic_in_hours {
        faults.push("schedulePolicy.periodicallyWindowEnabled");
    }
    if policy.retry_enabled == Some(true) {
        if !(1..=777).contains(&policy.retry_number.unwrap_or(3)) {
            faults.push("schedulePolicy.retryNumber");
        }
        if !(1..=999).contains(&policy.retry_wait_interval.unwrap_or(10)) {
            faults.push("schedulePolicy.retryWaitInterval");
        }
    }
    faults
}

fn check_policy(policy: &BackupJobSchedulePolicy, seed: &[u8]) {
    let result = BackupSchedule::try_from(policy);
    let faults = faults(policy);
    let schedule = match result {
        Err(err) => {
            assert!(
                faults.iter().any(|path| Some(*path) == err.path()),
                "error {err:?} names none of the faulty fields {faults:?}"
            );
            assert!(policy.normalized().is_err(), "normalized accepts an invalid policy");
            return;
        }
        Ok(schedule) => {
            assert!(faults.is_empty(), "{policy:?} accepted as {schedule:?} despite faults at {faults:?}");
            schedule
        }
    };
    // What the switches say.
    assert_eq!(schedule.is_enabled(), policy.schedule_enabled != Some(false));
    assert_eq!(schedule.backup_window().is_some(), policy.backup_window_enabled == Some(true));
    assert_eq!(schedule.permitted_hours().is_some(), policy.periodically_window_enabled == Some(true));
    assert_eq!(schedule.retry().is_some(), policy.retry_enabled == Some(true));

    let canonical = BackupJobSchedulePolicy::try_from(&schedule).expect("a schedule from the API's spellings");
    assert_eq!(BackupSchedule::try_from(&canonical).as_ref(), Ok(&schedule), "canonical policy");
    let normal = policy.normalized().expect("a valid policy normalizes");
    assert_eq!(BackupSchedule::try_from(&normal).as_ref(), Ok(&schedule), "normalized policy");
    assert_eq!(normal.normalized().as_ref(), Ok(&normal), "normalizing twice");

    // The next run after a few instants.
    let hash = seed.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    let base = DateTime::from_timestamp(1_795_964_400, 0).expect("2026-11-28T15:00:00Z");
    for t in [
        base,
        base + TimeDelta::seconds((hash % (21 * 86_400)) as i64),
        base + TimeDelta::nanoseconds((hash % 1_000_000_000_000) as i64),
    ] {
        let next = schedule.next_run(t);
        if !schedule.is_enabled() || schedule.trigger() == backup_schedule::Trigger::Manual {
            assert_eq!(next, None, "a schedule without timed runs runs at {next:?}");
        }
        let Some(run) = next else {
            continue;
        };
        assert!(run > t, "next_run({t}) = {run} is not after it");
        assert!(schedule.is_open(run), "the run at {run} starts while a gate is closed");
        assert_eq!(schedule.next_run(run - TimeDelta::nanoseconds(1)), Some(run), "from just before {run}");
        assert_eq!(schedule.explain_next(t).map(|detail| detail.run), Some(run), "explain_next({t})");
        assert_eq!(schedule.upcoming(t).next(), Some(run), "upcoming({t})");
        if let Some(deadline) = schedule.explain_next(t).and_then(|detail| detail.deadline) {
            assert!(deadline > run, "deadline {deadline} not after the run {run}");
        }
        let after = schedule.next_run(run);
        assert!(after.is_none_or(|after| after > run), "runs out of order after {run}");
    }
}
