//! Validation of backup job schedules built in code (issue 11): every rule
//! of the builder (`with_offset_minutes`, `with_permitted_hours`,
//! `Retry::new`, `BackupSchedule::daily`), with the error's variant, its
//! `path()` and its full message, and the values just inside each limit.
//!
//! Messages have the form `{path}: expected {what}, found {what}`; the paths
//! are the API's field names (`periodicallyOffsetMinutes`, ...), as for copy
//! jobs built in code.

use backup_schedule::{
    BackupSchedule, Error, ErrorKind, Interval, MinuteOffset, Retry, Timetable, Trigger, Weekdays, Window,
};
use chrono::{NaiveTime, TimeZone, Utc};

fn every(minutes: u32) -> BackupSchedule {
    BackupSchedule::periodic(Interval::from_minutes(minutes).unwrap())
}

fn daily() -> BackupSchedule {
    BackupSchedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap()).unwrap()
}

fn hours(text: &str) -> Window {
    text.parse().unwrap()
}

#[track_caller]
fn assert_invalid<T: std::fmt::Debug>(result: Result<T, Error>, path: &str, message: &str) {
    let err = result.expect_err("refused");
    assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Invalid, "{err:?}");
    assert_eq!(err.path(), Some(path), "{err:?}");
    assert_eq!(err.to_string(), message, "{err:?}");
}

const OFFSET_RANGE: &str = "periodicallyOffsetMinutes: expected an offset in minutes in 0..=59, found";
const OFFSET_NEEDS_HOURS: &str =
    "periodicallyOffsetMinutes: expected 0 (an offset is only valid with an interval in hours), found";
const OFFSET_NEEDS_PERIODIC: &str =
    "periodicallyOffsetMinutes: expected 0 (an offset is only valid with a Periodically schedule), found";
const PERMITTED_NEEDS_HOURS: &str =
    "periodicallyWindowEnabled: expected false (permitted hours apply only to a \
                                     Periodically schedule in hours), found true";

#[test]
fn grid_offset_above_59_is_refused() {
    for minutes in [60, 61, 1439, u32::MAX] {
        for interval in [60, 120, 720, 1440] {
            assert_invalid(
                every(interval).with_offset_minutes(minutes),
                "periodicallyOffsetMinutes",
                &format!("{OFFSET_RANGE} {minutes}"),
            );
        }
    }
}

#[test]
fn grid_offset_0_to_59_is_taken_with_an_interval_in_hours() {
    for interval in [60, 120, 180, 240, 360, 480, 720, 1440] {
        for minutes in [0, 1, 30, 59] {
            let schedule = every(interval).with_offset_minutes(minutes).unwrap();
            assert_eq!(
                schedule.trigger(),
                Trigger::Periodic {
                    every: Interval::from_minutes(interval).unwrap(),
                    offset_minutes: minutes,
                }
            );
        }
    }
}

#[test]
fn grid_offset_needs_an_interval_in_hours() {
    // Intervals that divide a day but are not whole hours: the API's
    // minute intervals, and 90 minutes.
    for interval in [5, 10, 15, 30, 90] {
        for minutes in [1, 15, 59, 60] {
            assert_invalid(
                every(interval).with_offset_minutes(minutes),
                "periodicallyOffsetMinutes",
                &format!("{OFFSET_NEEDS_HOURS} {minutes}"),
            );
        }
        // 0 is the default, and taken.
        assert_eq!(every(interval).with_offset_minutes(0).unwrap(), every(interval));
    }
}

#[test]
fn grid_offset_needs_a_periodic_schedule() {
    for schedule in [daily(), BackupSchedule::manual_only(), daily().disabled()] {
        for minutes in [1, 15, 59, 60] {
            assert_invalid(
                schedule.with_offset_minutes(minutes),
                "periodicallyOffsetMinutes",
                &format!("{OFFSET_NEEDS_PERIODIC} {minutes}"),
            );
        }
        assert_eq!(schedule.with_offset_minutes(0).unwrap(), schedule);
    }
}

#[test]
fn permitted_hours_need_a_periodic_schedule_in_hours() {
    let window = hours("daily 09:00-17:00");
    for schedule in [
        daily(),
        BackupSchedule::manual_only(),
        every(5),
        every(30),
        every(90),
        daily().disabled(),
    ] {
        assert_invalid(
            schedule.with_permitted_hours(window),
            "periodicallyWindowEnabled",
            PERMITTED_NEEDS_HOURS,
        );
    }
    for interval in [60, 120, 720, 1440] {
        let schedule = every(interval).with_offset_minutes(15).unwrap();
        let permitted = schedule.with_permitted_hours(window).unwrap();
        assert_eq!(permitted.permitted_hours(), Some(&window));
    }
}

#[test]
fn retry_number_must_be_1_to_777() {
    for number in [0, 778, 1000, u32::MAX] {
        assert_invalid(
            Retry::new(number, 10),
            "retryNumber",
            &format!("retryNumber: expected a number of retries in 1..=777, found {number}"),
        );
    }
    // Both out of range: the number is named first.
    assert_invalid(
        Retry::new(0, 0),
        "retryNumber",
        "retryNumber: expected a number of retries in 1..=777, found 0",
    );
}

#[test]
fn retry_wait_must_be_1_to_999_minutes() {
    for wait in [0, 1000, u32::MAX] {
        assert_invalid(
            Retry::new(3, wait),
            "retryWaitInterval",
            &format!("retryWaitInterval: expected a wait in minutes in 1..=999, found {wait}"),
        );
    }
}

#[test]
fn retry_limits_are_inclusive() {
    for (number, wait) in [(1, 1), (777, 999), (1, 999), (777, 1), (3, 10)] {
        let retry = Retry::new(number, wait).unwrap();
        assert_eq!((retry.attempts(), retry.wait_minutes()), (number, wait));
    }
    assert_eq!(Retry::MAX_ATTEMPTS, 777);
    assert_eq!(Retry::MAX_WAIT_MINUTES, 999);
    // The API's defaults for null: 3 retries, 10 minutes.
    assert_eq!(Retry::default(), Retry::new(3, 10).unwrap());
}

#[test]
fn daily_time_must_be_whole_seconds() {
    let half = NaiveTime::from_hms_milli_opt(22, 0, 0, 500).unwrap();
    assert_invalid(
        BackupSchedule::daily(Weekdays::WORKDAYS, half),
        "dailyTime",
        "dailyTime: expected a time of day in whole seconds, found 22:00:00.500",
    );
    // A leap second is a fraction past :59 to chrono, printed as :60.
    let leap = NaiveTime::from_hms_milli_opt(23, 59, 59, 1_000).unwrap();
    assert_invalid(
        BackupSchedule::daily(Weekdays::EVERYDAY, leap),
        "dailyTime",
        "dailyTime: expected a time of day in whole seconds, found 23:59:60",
    );
    assert!(BackupSchedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(23, 59, 59).unwrap()).is_ok());
}

/// What goes into the builder comes back out of the accessors.
#[test]
fn the_builder_keeps_what_it_is_given() {
    let window = hours("Mon-Fri 08:00-18:00").with_minute_offset(330).unwrap();
    let permitted = hours("daily 19:00-08:00").with_minute_offset(-210).unwrap();
    let retry = Retry::new(5, 45).unwrap();
    let offset = MinuteOffset::from_minutes(345).unwrap();
    let schedule = every(240)
        .with_trigger_offset(offset)
        .with_offset_minutes(15)
        .unwrap()
        .with_backup_window(window)
        .with_permitted_hours(permitted)
        .unwrap()
        .with_retry(retry);
    assert_eq!(
        schedule.trigger(),
        Trigger::Periodic {
            every: Interval::from_minutes(240).unwrap(),
            offset_minutes: 15
        }
    );
    // The grid's offset keeps the trigger offset set before it.
    assert_eq!(schedule.trigger_offset(), offset);
    assert_eq!(schedule.backup_window(), Some(&window));
    assert_eq!(schedule.permitted_hours(), Some(&permitted));
    assert_eq!(schedule.retry(), Some(retry));
    assert!(schedule.is_enabled());

    let off = schedule.disabled();
    assert!(!off.is_enabled());
    // Disabled keeps the configured triggers, but there are no runs.
    assert_eq!(off.trigger(), schedule.trigger());
    let t = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    assert!(schedule.next_run(t).is_some());
    assert_eq!(off.next_run(t), None);

    let plain = every(60);
    assert_eq!(plain.trigger_offset(), MinuteOffset::UTC);
    assert_eq!(plain.backup_window(), None);
    assert_eq!(plain.permitted_hours(), None);
    assert_eq!(plain.retry(), None);
    assert_eq!(BackupSchedule::manual_only().trigger(), Trigger::Manual);
}
