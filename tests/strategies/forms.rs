//! A schedule in both forms: the engine's [`Schedule`] for the reference
//! model's [`RefSchedule`] (built through the public API) and back (read off
//! the public accessors). No proptest here: the fuzz targets include this
//! file too, beside `tests/reference` (as `super::reference`).

use backup_schedule::{Interval, MinuteOffset, Schedule, Trigger, Weekdays, Window};
use chrono::{NaiveTime, Timelike};

use super::reference::{RefSchedule, RefTrigger, RefWindow, SUNDAY_FIRST};

/// The engine's day set for the reference's (index 0 = Sunday).
pub fn to_weekdays(days: [bool; 7]) -> Weekdays {
    SUNDAY_FIRST
        .iter()
        .zip(days)
        .filter(|&(_, selected)| selected)
        .map(|(&day, _)| day)
        .collect()
}

/// The reference's day set for the engine's.
pub fn from_weekdays(days: Weekdays) -> [bool; 7] {
    SUNDAY_FIRST.map(|day| days.contains(day))
}

/// The engine's schedule of a reference trigger, read at UTC, no window.
pub fn trigger_to_engine(trigger: RefTrigger) -> Schedule {
    match trigger {
        RefTrigger::Immediate => Schedule::immediate(),
        RefTrigger::Daily { days, at_secs } => {
            let at = NaiveTime::from_num_seconds_from_midnight_opt(at_secs, 0).expect("at_secs < 86400");
            Schedule::daily(to_weekdays(days), at).expect("whole seconds")
        }
        RefTrigger::Periodic { every_minutes } => {
            Schedule::periodic(Interval::from_minutes(every_minutes).expect("divides a day"))
        }
    }
}

/// The engine's schedule for a reference schedule.
pub fn to_engine(reference: &RefSchedule) -> Schedule {
    let offset = MinuteOffset::from_minutes(reference.trigger_offset).expect("offset in range");
    let schedule = trigger_to_engine(reference.trigger).with_trigger_offset(offset);
    match &reference.window {
        None => schedule,
        Some(window) => {
            schedule.with_window(Window::new(&window.hours, window.minute_offset).expect("offset in range"))
        }
    }
}

/// The reference's window of the engine's.
pub fn reference_window(window: &Window) -> RefWindow {
    RefWindow {
        hours: window.hours(),
        minute_offset: window.minute_offset(),
    }
}

/// The reference schedule of an engine's, read off its accessors.
pub fn to_reference(schedule: &Schedule) -> RefSchedule {
    let trigger = match schedule.trigger() {
        Trigger::Immediate => RefTrigger::Immediate,
        Trigger::Daily { days, at, .. } => RefTrigger::Daily {
            days: from_weekdays(days),
            at_secs: at.num_seconds_from_midnight(),
        },
        Trigger::Periodic { every, .. } => RefTrigger::Periodic {
            every_minutes: every.minutes(),
        },
        other => panic!("a trigger the tests do not know: {other:?}"),
    };
    RefSchedule {
        trigger,
        trigger_offset: schedule.trigger_offset().minutes(),
        window: schedule.window().map(reference_window),
    }
}
