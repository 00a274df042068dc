//! The engine's `BackupSchedule` for a reference schedule, built through the
//! public builder API. Kept apart from the model (`mod.rs`), which must not
//! know the engine; include it with
//! `#[path = "reference_backup/to_engine.rs"] mod to_engine;` next to
//! `mod reference_backup;`.

// Not every test binary that includes this module uses all of it.
#![allow(dead_code)]

use backup_schedule::{BackupSchedule, Interval, MinuteOffset, Retry, Weekdays, Window};
use chrono::{DateTime, NaiveTime, Utc, Weekday};

use crate::reference_backup::{BSchedule, BTrigger, BWindow};

/// The day set of a `[bool; 7]` (index 0 = Sunday, as in `backupWindow`
/// and [`BTrigger::Daily`]).
pub fn weekdays(days: [bool; 7]) -> Weekdays {
    let mut day = Weekday::Sun;
    let mut set = Weekdays::NONE;
    for selected in days {
        if selected {
            set = set.with(day);
        }
        day = day.succ();
    }
    set
}

pub fn window(window: &BWindow) -> Window {
    Window::new(&window.hours, window.minute_offset).expect("minute offset in range")
}

/// In which order the builder is called: the answers must not depend on it.
#[derive(Clone, Copy, Debug)]
pub enum Order {
    /// Grid offset, windows, retry, disabled, trigger offset.
    OffsetFirst,
    /// Trigger offset, disabled, retry, windows, grid offset last.
    OffsetLast,
}

/// The engine's schedule for `s`, through the public API, calling the
/// builder in `order`. The reference's clock is not part of it: for a zone,
/// call `in_zone` on the result.
pub fn build(s: &BSchedule, order: Order) -> BackupSchedule {
    let (plain, offset_minutes) = match s.trigger {
        BTrigger::Manual => (BackupSchedule::manual_only(), 0),
        BTrigger::Daily { days, at_secs } => {
            let at = NaiveTime::from_num_seconds_from_midnight_opt(at_secs, 0).expect("at_secs < 86400");
            (
                BackupSchedule::daily(weekdays(days), at).expect("whole seconds"),
                0,
            )
        }
        BTrigger::Periodic {
            every_minutes,
            offset_minutes,
        } => (
            BackupSchedule::periodic(Interval::from_minutes(every_minutes).expect("divides a day")),
            offset_minutes,
        ),
    };
    let grid = |b: BackupSchedule| {
        b.with_offset_minutes(offset_minutes)
            .expect("offset valid for the interval")
    };
    let windows = |mut b: BackupSchedule| {
        if let Some(w) = &s.backup_window {
            b = b.with_backup_window(window(w));
        }
        if let Some(w) = &s.permitted {
            b = b.with_permitted_hours(window(w)).expect("periodic in hours");
        }
        b
    };
    let rest = |mut b: BackupSchedule| {
        if let Some(retry) = s.retry {
            b = b.with_retry(Retry::new(retry.number, retry.wait_minutes).expect("in range"));
        }
        if !s.enabled {
            b = b.disabled();
        }
        if s.trigger_offset_minutes != 0 {
            b = b
                .with_trigger_offset(MinuteOffset::from_minutes(s.trigger_offset_minutes).expect("in range"));
        }
        b
    };
    match order {
        Order::OffsetFirst => rest(windows(grid(plain))),
        Order::OffsetLast => grid(windows(rest(plain))),
    }
}

/// [`build`] in the usual order.
pub fn engine(s: &BSchedule) -> BackupSchedule {
    build(s, Order::OffsetFirst)
}

/// A whole second as an instant.
pub fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("in chrono's range")
}

/// A reference answer as the engine gives it: `None` past chrono's range.
pub fn in_range(secs: Option<i64>) -> Option<DateTime<Utc>> {
    secs.and_then(|secs| DateTime::from_timestamp(secs, 0))
}
