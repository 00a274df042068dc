//! The schedule in one sentence (`describe`, and `Display`, which prints
//! it): its triggers on their clock, then its window with its text form and
//! offset. Each expected sentence is put together by hand from those rules:
//! days as `Every day`, `Workdays`, `Weekends`, `On no day` or the days'
//! names (Sunday first); `at HH:MM` (`:SS` when not zero) or `Every N
//! minutes`/`Every hour` `from 00:00`; the clock (`UTC`, the trigger
//! offset, or the zone's name and `time`); `, at any hour` without a
//! window, else the window.

use backup_schedule::{Interval, MinuteOffset, Schedule, Timetable, Weekdays, Window};
use chrono::NaiveTime;

fn at(h: u32, m: u32, s: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, s).unwrap()
}

fn every(minutes: u32) -> Schedule {
    Schedule::periodic(Interval::from_minutes(minutes).unwrap())
}

#[track_caller]
fn says<S: Timetable + std::fmt::Display>(schedule: S, sentence: &str) {
    assert_eq!(schedule.describe(), sentence);
    assert_eq!(schedule.to_string(), sentence);
}

#[test]
fn fixed_offset_sentences() {
    let evenings: Window = "Mon-Fri 20:00-23:00".parse().unwrap();
    let workdays_22 = Schedule::daily(Weekdays::WORKDAYS, at(22, 0, 0)).unwrap();
    says(
        workdays_22.with_window(evenings.with_minute_offset(180).unwrap()),
        "Workdays at 22:00 UTC, held to the window Mon-Fri 20:00-23:00 (UTC+03:00)",
    );
    says(
        workdays_22.with_trigger_offset(MinuteOffset::from_minutes(180).unwrap()),
        "Workdays at 22:00 UTC+03:00, at any hour",
    );
    says(Schedule::immediate(), "After each new restore point, at any hour");
    says(
        every(60).with_window(Window::always_open()),
        "Every hour from 00:00 UTC, held to a window that is always open",
    );
    says(
        every(15).with_window(Window::never_open()),
        "Every 15 minutes from 00:00 UTC, held to a window that never opens",
    );
    says(
        every(240).with_window(evenings.with_minute_offset(-210).unwrap()),
        "Every 4 hours from 00:00 UTC, held to the window Mon-Fri 20:00-23:00 (UTC-03:30)",
    );
    let monday_thursday = Weekdays::MONDAY | Weekdays::THURSDAY;
    says(
        Schedule::daily(monday_thursday, at(7, 5, 9)).unwrap(),
        "Mondays and Thursdays at 07:05:09 UTC, at any hour",
    );
    says(
        Schedule::daily(Weekdays::NONE, at(12, 0, 0)).unwrap(),
        "On no day at 12:00 UTC, at any hour",
    );
    says(
        Schedule::daily(Weekdays::EVERYDAY, at(0, 0, 0)).unwrap(),
        "Every day at 00:00 UTC, at any hour",
    );
}

#[cfg(feature = "tz-chrono")]
#[test]
fn zoned_sentences() {
    use backup_schedule::{Zone, Zoned};
    let berlin = Zone::new(chrono_tz::Europe::Berlin);
    let daily = Schedule::daily(Weekdays::EVERYDAY, at(2, 30, 0)).unwrap();
    says(
        daily.in_zone(&berlin),
        "Every day at 02:30 Europe/Berlin time, at any hour",
    );
    // In a zone the window's offset and the triggers' are not used: the zone's wall clock is.
    let business: Window = "Mon-Fri 08:00-18:00".parse().unwrap();
    says(
        every(240)
            .with_trigger_offset(MinuteOffset::from_minutes(60).unwrap())
            .with_window(business.with_minute_offset(330).unwrap())
            .in_zone(&berlin),
        "Every 4 hours from 00:00 Europe/Berlin time, held to the window Mon-Fri 08:00-18:00 (Europe/Berlin time)",
    );
    // Without a zone, as the API defines it.
    says(
        Zoned::new(daily.with_window(business), None),
        "Every day at 02:30 UTC, held to the window Mon-Fri 08:00-18:00 (UTC+00:00)",
    );
}

/// A zoned schedule's parts: its schedule, its zone, and its `Debug` view
/// (the schedule's and the zone's name, not the zone's table).
#[cfg(feature = "tz-chrono")]
#[test]
fn a_zoned_schedule_shows_its_parts() {
    use backup_schedule::{Zone, Zoned};
    let berlin = Zone::new(chrono_tz::Europe::Berlin);
    let schedule = every(15).with_window("Mon-Fri 08:00-18:00".parse().unwrap());
    let zoned = schedule.in_zone(&berlin);
    assert_eq!(zoned.schedule(), &schedule);
    assert_eq!(zoned.zone().map(Zone::name), Some("Europe/Berlin"));
    assert_eq!(
        format!("{zoned:?}"),
        format!("Zoned {{ schedule: {schedule:?}, zone: Some(\"Europe/Berlin\") }}")
    );
    let unzoned = Zoned::new(schedule, None);
    assert!(unzoned.zone().is_none());
    assert_eq!(
        format!("{unzoned:?}"),
        format!("Zoned {{ schedule: {schedule:?}, zone: None }}")
    );
}
