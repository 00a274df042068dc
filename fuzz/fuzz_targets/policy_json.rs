//! Arbitrary bytes as a schedule policy document, a copy job, or either.
//!
//! - Reading never panics: it succeeds or returns the crate's error, whose
//!   message starts with the path it names.
//! - `from_document` reads an object with a `schedulePolicy` member as a copy
//!   job and anything else as a bare policy.
//! - A parsed policy or job serializes to JSON that parses back to the same
//!   value.
//! - Validation succeeds exactly when an independent reading of the fields
//!   says it should, gives the schedule those fields describe, and otherwise
//!   names one of the faulty fields.
//! - A valid schedule's canonical policy and normalized form give the same
//!   schedule, and its runs and window obey the invariants and agree with the
//!   reference model.

#![no_main]

mod common;

use backup_schedule::vb365::{CopyJob, CopyJobSchedulePolicy, CopyJobScheduleType, DailyType};
use backup_schedule::{Error, Interval, Schedule, Weekdays, Window};
use chrono::{DateTime, NaiveTime, Utc};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

use common::reference::{RefSchedule, RefTrigger, RefWindow};

fuzz_target!(|data: &[u8]| check(data));

fn check(data: &[u8]) {
    let value = serde_json::from_slice::<Value>(data);
    let policy = CopyJobSchedulePolicy::from_json(data);
    let job = CopyJob::from_json(data);

    for err in [policy.as_ref().err(), job.as_ref().err()].into_iter().flatten() {
        check_error(err, value.is_ok());
    }
    // A bare policy's errors are under schedulePolicy; a job's (below) name
    // the job's own members too.
    // (Read as the library reads it: non-UTF-8 bytes in strings do not hide
    // the member; they fail the whole document later;
    // nor does text after the document, which is refused after it is read.)
    let lossy = String::from_utf8_lossy(data);
    let first = serde_json::Deserializer::from_str(&lossy)
        .into_iter::<Value>()
        .next();
    let is_job = matches!(&first, Some(Ok(Value::Object(members))) if members.contains_key("schedulePolicy"));
    if let (Err(err), false) = (&policy, is_job) {
        let path = err.path().unwrap_or_default();
        assert!(
            path.starts_with("schedulePolicy") || path == "(document)",
            "a policy's error path {path:?} is not under schedulePolicy"
        );
    }

    // A copy job when the document is an object with a schedulePolicy
    // member (given twice, too: then the job's duplicate-field error, as
    // tests/hostile.rs's `duplicate_schedule_policy_member_is_an_error`).
    let missing = || Error::Missing {
        path: "schedulePolicy".into(),
        expected: "a schedule policy object".into(),
        similar: None,
    };
    // (Compared where the document is UTF-8: where it is not, both are
    // syntax errors, found at different places.)
    if matches!(&value, Ok(Value::Object(members)) if members.contains_key("schedulePolicy")) {
        let expected = job
            .clone()
            .and_then(|job| job.schedule_policy.ok_or_else(missing));
        assert_eq!(policy, expected, "from_json of a copy job");
    }

    if let Ok(policy) = &policy {
        // Read back in a job: a bare policy with an unknown member called
        // schedulePolicy is a job by the readers' rule, in a job it is not.
        let written = serde_json::to_string(policy).expect("a policy serializes");
        let json = format!(r#"{{"schedulePolicy":{written}}}"#).into_bytes();
        assert_eq!(
            CopyJobSchedulePolicy::from_json(&json).as_ref(),
            Ok(policy),
            "policy round trip through {}",
            String::from_utf8_lossy(&json)
        );
        check_policy(policy, data);
    }
    if let Ok(job) = &job {
        let json = serde_json::to_vec(job).expect("a job serializes");
        assert_eq!(CopyJob::from_json(&json).as_ref(), Ok(job), "job round trip");
        let expected = match &job.schedule_policy {
            Some(policy) => Schedule::try_from(policy),
            None => Err(missing()),
        };
        assert_eq!(Schedule::try_from(job), expected, "Schedule::try_from(&CopyJob)");
    }
}

/// Every error names a path and says it first.
fn check_error(err: &Error, is_json: bool) {
    let path = err.path().expect("every error of a document names a path");
    assert!(!path.is_empty(), "an error without a path: {err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{path}: ")),
        "message {message:?} does not start with its path {path:?}"
    );
    if is_json {
        // serde_json read the bytes as a document: whatever is wrong is
        // about a value, not the syntax.
        assert!(
            !matches!(err, Error::Syntax { .. }),
            "syntax error for JSON: {err:?}"
        );
    }
}

const SETTINGS: &str = "schedulePolicy.backupCopyWindowSettings";
const WINDOW: &str = "schedulePolicy.backupCopyWindowSettings.backupWindow";
const OFFSET: &str = "schedulePolicy.backupCopyWindowSettings.minuteOffset";

/// The fields read independently of the crate's validation: the schedule
/// (built with the engine's builders) and the reference model they describe,
/// or the paths of every faulty field.
fn interpret(policy: &CopyJobSchedulePolicy) -> Result<(Schedule, RefSchedule), Vec<String>> {
    let mut faults = Vec::new();
    let mut fault = |path: &str| faults.push(path.to_string());

    let time = policy.daily_time.as_deref().map(parse_time);
    if let Some(None) = time {
        fault("schedulePolicy.dailyTime");
    }

    let mut window = None;
    if let Some(settings) = &policy.backup_copy_window_settings {
        let offset = settings.minute_offset.unwrap_or(0);
        if !(-1439..=1439).contains(&offset) {
            fault(OFFSET);
        }
        match &settings.backup_window {
            Some(hours) if hours.len() != 168 => fault(WINDOW),
            Some(hours) => {
                let hours: [bool; 168] = hours[..].try_into().expect("168");
                window = Some(RefWindow {
                    hours,
                    minute_offset: offset,
                });
            }
            None => {}
        }
    }

    let trigger = match policy.schedule_type {
        None => {
            fault("schedulePolicy.type");
            None
        }
        Some(CopyJobScheduleType::Immediate) => Some(RefTrigger::Immediate),
        Some(CopyJobScheduleType::DailyAtTime) => {
            if policy.daily_type.is_none() {
                fault("schedulePolicy.dailyType");
            }
            if time.is_none() {
                fault("schedulePolicy.dailyTime");
            }
            match (policy.daily_type, time.flatten()) {
                (Some(kind), Some(at_secs)) => Some(RefTrigger::Daily {
                    days: days_of(kind),
                    at_secs,
                }),
                _ => None,
            }
        }
        Some(CopyJobScheduleType::Periodically) => match policy.periodically_every {
            None => {
                fault("schedulePolicy.periodicallyEvery");
                None
            }
            Some(every) => Some(RefTrigger::Periodic {
                every_minutes: minutes_of(&every.to_string()),
            }),
        },
    };

    let enabled = policy.backup_copy_window_enabled == Some(true);
    if enabled {
        match &policy.backup_copy_window_settings {
            None => fault(SETTINGS),
            Some(settings) if settings.backup_window.is_none() => fault(WINDOW),
            Some(_) => {}
        }
    }

    if !faults.is_empty() {
        return Err(faults);
    }
    let trigger = trigger.expect("no fault means a trigger");
    let model = RefSchedule {
        trigger,
        trigger_offset: 0,
        window: if enabled { window } else { None },
    };

    let base = match trigger {
        RefTrigger::Immediate => Schedule::immediate(),
        RefTrigger::Daily { days, at_secs } => {
            let mut set = Weekdays::NONE;
            for (day, &on) in common::SUNDAY_FIRST.iter().zip(&days) {
                if on {
                    set = set.with(*day);
                }
            }
            let at = NaiveTime::from_num_seconds_from_midnight_opt(at_secs, 0).expect("a time");
            Schedule::daily(set, at).expect("whole seconds")
        }
        RefTrigger::Periodic { every_minutes } => {
            Schedule::periodic(Interval::from_minutes(every_minutes).expect("divides a day"))
        }
    };
    let schedule = match model.window {
        Some(window) => {
            base.with_window(Window::new(&window.hours, window.minute_offset).expect("offset checked above"))
        }
        None => base,
    };
    Ok((schedule, model))
}

/// `HH:MM:SS` or `HH:MM`, two ASCII digits each, 00-23:00-59:00-59, as
/// seconds after midnight.
fn parse_time(text: &str) -> Option<u32> {
    let parts: Vec<&str> = text.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut values = [0u32; 3];
    for (value, part) in values.iter_mut().zip(&parts) {
        if part.len() != 2 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *value = part.parse().ok()?;
    }
    let [hours, minutes, seconds] = values;
    (hours < 24 && minutes < 60 && seconds < 60).then_some(hours * 3600 + minutes * 60 + seconds)
}

/// The days of a `dailyType`, by its spelling (0 = Sunday).
fn days_of(kind: DailyType) -> [bool; 7] {
    let one = |day: usize| {
        let mut days = [false; 7];
        days[day] = true;
        days
    };
    match kind.to_string().as_str() {
        "Everyday" => [true; 7],
        "Workdays" => [false, true, true, true, true, true, false],
        "Weekends" => [true, false, false, false, false, false, true],
        "Sunday" => one(0),
        "Monday" => one(1),
        "Tuesday" => one(2),
        "Wednesday" => one(3),
        "Thursday" => one(4),
        "Friday" => one(5),
        "Saturday" => one(6),
        other => panic!("a daily type the target does not know: {other}"),
    }
}

/// The minutes of a `periodicallyEvery`, by its spelling.
fn minutes_of(spelling: &str) -> u32 {
    match spelling {
        "Minutes5" => 5,
        "Minutes10" => 10,
        "Minutes15" => 15,
        "Minutes30" => 30,
        "Hours1" => 60,
        "Hours2" => 120,
        "Hours4" => 240,
        "Hours8" => 480,
        "Hours12" => 720,
        other => panic!("an interval the target does not know: {other}"),
    }
}

fn check_policy(policy: &CopyJobSchedulePolicy, data: &[u8]) {
    let result = Schedule::try_from(policy);

    let (expected, model) = match (interpret(policy), &result) {
        (Err(faults), Err(err)) => {
            assert!(
                faults.iter().any(|path| Some(path.as_str()) == err.path()),
                "error {err:?} names none of the faulty fields {faults:?}"
            );
            match err {
                Error::Missing { .. } | Error::Invalid { .. } | Error::WindowLength { .. } => {}
                other => panic!("validation error of a reading kind: {other:?}"),
            }
            assert!(
                policy.normalized().is_err(),
                "normalized accepts an invalid policy"
            );
            return;
        }
        (Err(faults), Ok(schedule)) => {
            panic!("{policy:?} accepted as {schedule:?} despite faults at {faults:?}")
        }
        (Ok((expected, _)), Err(err)) => {
            panic!("{policy:?} rejected with {err:?}; expected {expected:?}")
        }
        (Ok(pair), Ok(_)) => pair,
    };
    let schedule = result.expect("checked above");
    assert_eq!(schedule, expected, "the schedule of {policy:?}");

    // The canonical policy of the schedule, and the normalized policy, give
    // the same schedule back; normalizing twice changes nothing.
    let canonical = CopyJobSchedulePolicy::try_from(&schedule).expect("a schedule from the API's spellings");
    assert_eq!(
        Schedule::try_from(&canonical).as_ref(),
        Ok(&schedule),
        "canonical policy"
    );
    let normal = policy.normalized().expect("a valid policy normalizes");
    assert_eq!(
        Schedule::try_from(&normal).as_ref(),
        Ok(&schedule),
        "normalized policy"
    );
    assert_eq!(normal.normalized().as_ref(), Ok(&normal), "normalizing twice");

    // Invariants at a few instants, and the reference at one of them.
    let hash = fnv1a(data);
    let instants = instants_for(hash);
    for &t in &instants {
        common::check_run_invariants(&schedule, t);
        common::check_window_invariants(&schedule, t);
    }
    let t = instants[(hash % instants.len() as u64) as usize];
    common::check_next_run_against_reference(&schedule, &model, t);
    common::check_window_against_reference(&schedule, &model, t);
}

fn fnv1a(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Instants to check a schedule at: fixed ones (the seed's date, chrono's
/// extremes) and some derived from the input's hash.
fn instants_for(hash: u64) -> [DateTime<Utc>; 6] {
    let (min, max) = (common::min_secs(), common::max_secs());
    let span = (max - min) as u64;
    let nanos = (hash >> 33) as u32 % 1_000_000_000;
    let near = (hash % (20 * 86_400)) as i64;
    [
        common::instant(1_795_964_400, 0), // 2026-11-28T15:00:00Z, a Saturday
        common::instant(1_795_964_400 + (hash % (14 * 86_400)) as i64, nanos),
        common::instant(min + (hash % span) as i64, nanos),
        common::instant(min + near, 0),
        common::instant(max - near, nanos),
        common::instant(max, 999_999_999),
    ]
}
