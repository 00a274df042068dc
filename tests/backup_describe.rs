//! The sentence (`describe`, `Display`) and `Debug` of backup job schedules.
//!
//! Each sentence is put together by hand from the parts the crate documents
//! (the `Display` example of `BackupSchedule`, the copy jobs' sentences):
//! the triggers (`Every 4 hours from 00:15 UTC`, `Workdays at 14:50 UTC`,
//! `Only when started by hand`), then the permitted hours (`, starting only
//! in the permitted hours <window> (<clock>, each hour from :MM)`), then the
//! backup window (`, held to the backup window <window> (<clock>)`, or `, at
//! any hour` when there is no window at all), then the retries (`; a failed
//! run is retried up to N times, W minutes after each failure`).

use backup_schedule::{BackupSchedule, Interval, MinuteOffset, Retry, Timetable, Weekdays, Window};
use chrono::NaiveTime;

fn every(minutes: u32) -> BackupSchedule {
    BackupSchedule::periodic(Interval::from_minutes(minutes).unwrap())
}

fn window(text: &str, minute_offset: i32) -> Window {
    Window::parse_with_offset(text, minute_offset).unwrap()
}

fn at(h: u32, m: u32, s: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, s).unwrap()
}

#[track_caller]
fn says(schedule: BackupSchedule, sentence: &str) {
    assert_eq!(schedule.describe(), sentence);
    assert_eq!(schedule.to_string(), sentence);
}

#[test]
fn manual_only_without_windows() {
    says(
        BackupSchedule::manual_only(),
        "Only when started by hand, at any hour",
    );
}

#[test]
fn daily_with_a_backup_window_at_an_offset() {
    says(
        BackupSchedule::daily(Weekdays::WORKDAYS, at(14, 50, 0))
            .unwrap()
            .with_backup_window(window("Mon-Fri 08:00-18:00", 330)),
        "Workdays at 14:50 UTC, held to the backup window Mon-Fri 08:00-18:00 (UTC+05:30)",
    );
}

#[test]
fn hourly_with_permitted_hours_only() {
    // No backup window, but permitted hours: no "at any hour".
    says(
        every(60)
            .with_permitted_hours(window("daily 09:00-17:00", 0))
            .unwrap(),
        "Every hour from 00:00 UTC, starting only in the permitted hours daily 09:00-17:00 (UTC+00:00)",
    );
}

#[test]
fn permitted_hours_that_never_open_and_a_window_always_open() {
    says(
        every(120)
            .with_offset_minutes(45)
            .unwrap()
            .with_permitted_hours(Window::never_open())
            .unwrap()
            .with_backup_window(Window::always_open()),
        "Every 2 hours from 00:45 UTC, starting only in the permitted hours never (it never runs), \
         held to a backup window that is always open",
    );
}

#[test]
fn both_windows_at_their_offsets_with_the_grid_offset() {
    says(
        every(240)
            .with_offset_minutes(15)
            .unwrap()
            .with_permitted_hours(window("daily 19:00-08:00", -210))
            .unwrap()
            .with_backup_window(window("Mon-Fri 08:00-20:00", 345)),
        "Every 4 hours from 00:15 UTC, starting only in the permitted hours daily 19:00-08:00 \
         (UTC-03:30, each hour from :15), held to the backup window Mon-Fri 08:00-20:00 (UTC+05:45)",
    );
}

#[test]
fn disabled_says_what_it_would_run() {
    says(
        BackupSchedule::daily(Weekdays::EVERYDAY, at(2, 0, 30))
            .unwrap()
            .disabled()
            .with_backup_window(Window::never_open()),
        "Only when started by hand (the schedule is disabled; it would run: Every day at 02:00:30 UTC), \
         held to a backup window that never opens",
    );
}

#[test]
fn trigger_offset_and_retries() {
    says(
        every(240)
            .with_offset_minutes(15)
            .unwrap()
            .with_trigger_offset(MinuteOffset::from_minutes(-210).unwrap())
            .with_retry(Retry::new(777, 999).unwrap()),
        "Every 4 hours from 00:15 UTC-03:30, at any hour; a failed run is retried up to 777 times, \
         999 minutes after each failure",
    );
}

#[cfg(any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono"))]
#[test]
fn zoned_everything_on_the_wall_clock() {
    let berlin = backup_schedule::Zone::from_name("Europe/Berlin").unwrap();
    let schedule = every(60)
        .with_offset_minutes(30)
        .unwrap()
        .with_trigger_offset(MinuteOffset::from_minutes(60).unwrap())
        .with_permitted_hours(window("daily 01:00-03:00", 330))
        .unwrap()
        .with_backup_window(window("Mon-Fri 08:00-20:00", 330))
        .with_retry(Retry::default());
    let sentence = "Every hour from 00:30 Europe/Berlin time, starting only in the permitted hours daily \
                    01:00-03:00 (Europe/Berlin time, each hour from :30), held to the backup window Mon-Fri \
                    08:00-20:00 (Europe/Berlin time); a failed run is retried up to 3 times, 10 minutes after \
                    each failure";
    assert_eq!(schedule.in_zone(&berlin).describe(), sentence);
    assert_eq!(schedule.in_zone(&berlin).to_string(), sentence);
    let daily = BackupSchedule::daily(Weekdays::WEEKENDS, at(3, 30, 0))
        .unwrap()
        .disabled();
    assert_eq!(
        daily.in_zone(&berlin).describe(),
        "Only when started by hand (the schedule is disabled; it would run: Weekends at 03:30 Europe/Berlin \
         time), at any hour"
    );
}

#[test]
fn debug_shows_the_configured_fields() {
    let schedule = every(120)
        .with_offset_minutes(15)
        .unwrap()
        .with_trigger_offset(MinuteOffset::from_minutes(-210).unwrap())
        .with_retry(Retry::default())
        .disabled();
    let debug = format!("{schedule:?}");
    for part in [
        "BackupSchedule {",
        "trigger_offset_secs: -12600",
        "enabled: false",
        "backup_window: None",
        "permitted: None",
        "retry: Some(Retry { attempts: 3, wait_minutes: 10 })",
    ] {
        assert!(debug.contains(part), "{part:?} not in {debug}");
    }
}
