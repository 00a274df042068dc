//! A schedule in one English sentence: the pieces every kind of schedule
//! puts together.

use core::fmt;

use chrono::Timelike;

use crate::offset::MinuteOffset;
use crate::trigger::Trigger;
use crate::weekdays::{Weekdays, DAYS};
use crate::window::Window;

/// The clock a part of the sentence reads its times in.
#[derive(Clone, Copy, Debug)]
pub enum Clock<'a> {
    /// UTC, as the API's triggers are.
    Utc,
    /// A fixed offset, as the API's window is (`minuteOffset`).
    Offset(MinuteOffset),
    /// A time zone's wall clock, by its name.
    #[cfg_attr(not(feature = "tz"), allow(dead_code))] // for zoned schedules
    Zone(&'a str),
}

impl fmt::Display for Clock<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Clock::Utc => f.write_str("UTC"),
            Clock::Offset(offset) => write!(f, "{offset}"),
            Clock::Zone(name) => write!(f, "{name} time"),
        }
    }
}

/// What a copy job without timed triggers waits for.
pub(crate) const NO_TRIGGER_COPY: &str = "After each new restore point";

/// What a backup job without timed triggers waits for.
pub(crate) const NO_TRIGGER_BACKUP: &str = "Only when started by hand";

/// The triggers part of the sentence, times of day on `clock`; `none` when
/// there are no timed triggers.
pub(crate) fn write_triggers(
    f: &mut fmt::Formatter<'_>,
    trigger: Option<Trigger>,
    none: &str,
    clock: Clock<'_>,
) -> fmt::Result {
    match trigger {
        None | Some(Trigger::Immediate | Trigger::Manual) => f.write_str(none),
        Some(Trigger::Daily { days, at, .. }) => {
            write_days(f, days)?;
            write!(f, " at {:02}:{:02}", at.hour(), at.minute())?;
            if at.second() != 0 {
                write!(f, ":{:02}", at.second())?;
            }
            write!(f, " {clock}")
        }
        Some(Trigger::Periodic {
            every,
            offset_minutes,
            ..
        }) => {
            match every.minutes() {
                60 => f.write_str("Every hour")?,
                _ => write!(f, "Every {every}")?,
            }
            write!(f, " from 00:{offset_minutes:02} {clock}")
        }
    }
}

/// The window part of the sentence, its hours on `clock`; `name` is what
/// the window is called (`window`, `backup window`).
pub(crate) fn write_window(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    window: Option<&Window>,
    clock: Clock<'_>,
) -> fmt::Result {
    match window {
        None => f.write_str(", at any hour"),
        Some(window) if window.is_never_open() => write!(f, ", held to a {name} that never opens"),
        Some(window) if window.is_always_open() => write!(f, ", held to a {name} that is always open"),
        Some(window) => write!(f, ", held to the {name} {window} ({clock})"),
    }
}

/// The permitted hours part of the sentence: their hours on `clock`, each
/// from `offset_minutes` past the hour.
pub(crate) fn write_permitted_hours(
    f: &mut fmt::Formatter<'_>,
    permitted: &Window,
    clock: Clock<'_>,
    offset_minutes: u32,
) -> fmt::Result {
    f.write_str(", starting only in the permitted hours ")?;
    if permitted.is_never_open() {
        return f.write_str("never (it never runs)");
    }
    write!(f, "{permitted} ({clock}")?;
    if offset_minutes != 0 {
        write!(f, ", each hour from :{offset_minutes:02}")?;
    }
    f.write_str(")")
}

/// `Every day`, `Workdays`, `Mondays and Thursdays`.
fn write_days(f: &mut fmt::Formatter<'_>, days: Weekdays) -> fmt::Result {
    match days {
        Weekdays::EVERYDAY => f.write_str("Every day"),
        Weekdays::WORKDAYS => f.write_str("Workdays"),
        Weekdays::WEEKENDS => f.write_str("Weekends"),
        Weekdays::NONE => f.write_str("On no day"),
        days => {
            for (index, day) in days.iter().enumerate() {
                if index > 0 {
                    f.write_str(" and ")?;
                }
                write!(f, "{}s", DAYS[day.num_days_from_sunday() as usize].full)?;
            }
            Ok(())
        }
    }
}
