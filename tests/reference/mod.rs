//! A naive reference model of the schedule semantics, written independently
//! of the engine: "is the window open" is decided by converting the local
//! instant with chrono and indexing the 168 hours, and every search steps
//! minute by minute (window edges are whole minutes in UTC).
//!
//! Depends only on `std` and `chrono`, so the fuzz targets can include this
//! file with `#[path = "../../tests/reference/mod.rs"] mod reference;`.
//!
//! All times are Unix seconds (`i64`). Every function is total for any
//! instant in chrono's range (about +-8.2e12 s): the arithmetic stays far
//! from `i64`'s limits and chrono only ever sees instants within 400 years
//! of 1970.

// Not every test binary that includes this module uses all of it.
#![allow(dead_code)]

use chrono::{DateTime, Datelike, Timelike, Weekday};

/// Hours in a week: the length of `backupWindow`.
pub const HOURS: usize = 168;

/// The days of the week in the order of the reference's day sets and of
/// `backupWindow`: index 0 = Sunday.
pub const SUNDAY_FIRST: [Weekday; 7] = [
    Weekday::Sun,
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];

const MINUTE: i64 = 60;
const DAY: i64 = 86_400;
/// 400 Gregorian years: 146097 days, which is 20871 whole weeks, so weekday
/// and time of day repeat with this period.
const GREGORIAN_CYCLE: i64 = 146_097 * DAY;

/// Horizon of [`next_open`].
const OPEN_HORIZON: i64 = 8 * DAY;
/// Horizon of [`next_close`] and [`next_run`].
const RUN_HORIZON: i64 = 16 * DAY;
/// How far before `before` [`prev_run`] looks for runs. Triggers come at
/// least weekly and a closed stretch of a window that opens at all is
/// shorter than a week, so a trigger in the week before `before - 1 week`
/// has its run before `before`: the latest run before it is at most two
/// weeks back.
const PREV_HORIZON: i64 = 16 * DAY;
/// How far before the first run it reports a simulation starts. A closed
/// stretch of a window that opens at all is shorter than a week, so a
/// trigger earlier than this has its run before the runs reported.
const LOOKBACK: i64 = 8 * DAY;

/// What makes a schedule want a run. Days and times of day are those of
/// the trigger frame, UTC + [`RefSchedule::trigger_offset`] minutes (UTC
/// itself unless the schedule says otherwise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefTrigger {
    /// No timed triggers.
    Immediate,
    /// At `at_secs` seconds after 00:00 on each day whose weekday is
    /// selected (index 0 = Sunday).
    Daily { days: [bool; 7], at_secs: u32 },
    /// Every `every_minutes` minutes counted from 00:00.
    Periodic { every_minutes: u32 },
}

/// A weekly window: `hours[day * 24 + hour]` (day 0 = Sunday) of local time,
/// local time = UTC + `minute_offset` minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefWindow {
    pub hours: [bool; HOURS],
    pub minute_offset: i32,
}

/// Triggers and an optional window (`None` = always open).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefSchedule {
    pub trigger: RefTrigger,
    /// Minutes east of UTC at which the triggers are read
    /// (`Schedule::with_trigger_offset`): the trigger frame is UTC + this.
    /// 0, UTC, is the API's reading.
    pub trigger_offset: i32,
    pub window: Option<RefWindow>,
}

/// (day of week with 0 = Sunday, hour of day) of Unix second `t`, by chrono.
fn weekday_and_hour(t: i64) -> (usize, usize) {
    // Shift toward zero by whole 400-year cycles (whole weeks, whole days) so
    // chrono can always represent the instant.
    let shifted = t - (t / GREGORIAN_CYCLE) * GREGORIAN_CYCLE;
    let instant =
        DateTime::from_timestamp(shifted, 0).expect("within 400 years of 1970, chrono can represent it");
    (
        instant.weekday().num_days_from_sunday() as usize,
        instant.hour() as usize,
    )
}

/// Whether the window is open at Unix second `t` (always without a window).
pub fn is_open(s: &RefSchedule, t: i64) -> bool {
    match &s.window {
        None => true,
        Some(window) => {
            let local = t + i64::from(window.minute_offset) * MINUTE;
            let (day, hour) = weekday_and_hour(local);
            window.hours[day * 24 + hour]
        }
    }
}

/// The first whole minute strictly after `t`.
fn minute_after(t: i64) -> i64 {
    (t.div_euclid(MINUTE) + 1) * MINUTE
}

/// First open second at or after `t`, searching at most 8 days ahead; `None`
/// if there is none in that horizon.
pub fn next_open(s: &RefSchedule, t: i64) -> Option<i64> {
    if is_open(s, t) {
        return Some(t);
    }
    // The window's state only changes on whole minutes.
    let mut m = minute_after(t);
    while m <= t + OPEN_HORIZON {
        if is_open(s, m) {
            return Some(m);
        }
        m += MINUTE;
    }
    None
}

/// The next closing edge strictly after `t`: the first whole minute `m > t`
/// with the window open just before `m` and closed at `m`. That is the end of
/// the open stretch containing `t`, or, if closed at `t`, of the next one.
/// Searches 16 days; `None` if there is none in that horizon (always open,
/// never open).
pub fn next_close(s: &RefSchedule, t: i64) -> Option<i64> {
    let mut m = minute_after(t);
    while m <= t + RUN_HORIZON {
        if is_open(s, m - 1) && !is_open(s, m) {
            return Some(m);
        }
        m += MINUTE;
    }
    None
}

/// The triggers in `[from, to]`, in increasing order: the triggers of the
/// trigger frame in `[from + shift, to + shift]`, moved back by the shift.
fn triggers(s: &RefSchedule, from: i64, to: i64) -> Vec<i64> {
    let shift = i64::from(s.trigger_offset) * MINUTE;
    let (from, to) = (from + shift, to + shift);
    let mut out = Vec::new();
    match s.trigger {
        RefTrigger::Immediate => {}
        RefTrigger::Daily { days, at_secs } => {
            for day in from.div_euclid(DAY)..=to.div_euclid(DAY) {
                let midnight = day * DAY;
                let (weekday, _) = weekday_and_hour(midnight);
                let t = midnight + i64::from(at_secs);
                if days[weekday] && (from..=to).contains(&t) {
                    out.push(t - shift);
                }
            }
        }
        RefTrigger::Periodic { every_minutes } => {
            let every = i64::from(every_minutes) * MINUTE;
            let mut t = from.div_euclid(every) * every;
            while t <= to {
                if t >= from {
                    out.push(t - shift);
                }
                t += every;
            }
        }
    }
    out
}

/// Whether Unix second `t` is a trigger.
pub fn is_trigger(s: &RefSchedule, t: i64) -> bool {
    !triggers(s, t, t).is_empty()
}

/// The latest trigger strictly before `t`, at most [`LOOKBACK`] back.
pub fn trigger_before(s: &RefSchedule, t: i64) -> Option<i64> {
    triggers(s, t - LOOKBACK, t - 1).last().copied()
}

/// Earliest run strictly after `after`, within a 16-day horizon; `None` for
/// `Immediate` or when none is found.
pub fn next_run(s: &RefSchedule, after: i64) -> Option<i64> {
    Simulation::new(s, after - LOOKBACK, after + RUN_HORIZON).find(|&run| run > after)
}

/// Latest run strictly before `before`, within a 16-day horizon; `None` for
/// `Immediate` or when none is found.
pub fn prev_run(s: &RefSchedule, before: i64) -> Option<i64> {
    let from = before - PREV_HORIZON;
    Simulation::new(s, from - LOOKBACK, before - 1)
        .filter(|&run| run >= from)
        .last()
}

/// The runs of the triggers in `[start, end]` that happen by `end`, in time
/// order. Exact from `start + LOOKBACK` on: a trigger before `start` has its
/// run before then.
///
/// Simulates in time order: at a trigger, an open window makes it a run and
/// a closed one makes a run "pending"; at each whole minute, a pending run
/// whose window is now open happens there. Triggers that are pending
/// together thereby give one run.
struct Simulation<'a> {
    s: &'a RefSchedule,
    end: i64,
    triggers: std::iter::Peekable<std::vec::IntoIter<i64>>,
    /// `Some(m)` while a run is pending: the window has been closed from the
    /// pending trigger up to `m`, the next whole minute to look at.
    pending: Option<i64>,
}

impl<'a> Simulation<'a> {
    fn new(s: &'a RefSchedule, start: i64, end: i64) -> Simulation<'a> {
        Simulation {
            s,
            end,
            triggers: triggers(s, start, end).into_iter().peekable(),
            pending: None,
        }
    }
}

impl Iterator for Simulation<'_> {
    type Item = i64;

    fn next(&mut self) -> Option<i64> {
        loop {
            // The next event: a trigger, unless a pending run's next minute
            // comes strictly first.
            match (self.pending, self.triggers.peek().copied()) {
                (Some(m), trigger) if trigger.is_none_or(|t| m <= t) => {
                    if m > self.end {
                        return None;
                    }
                    if is_open(self.s, m) {
                        self.pending = None;
                        return Some(m);
                    }
                    self.pending = Some(m + MINUTE);
                }
                (_, Some(t)) => {
                    self.triggers.next();
                    if is_open(self.s, t) {
                        // Anything pending would run at this same instant.
                        self.pending = None;
                        return Some(t);
                    }
                    // Joins a pending run, or starts one.
                    self.pending = self.pending.or(Some(minute_after(t)));
                }
                // Nothing pending (a pending run with no trigger left took
                // the first arm) and no trigger left.
                (_, None) => return None,
            }
        }
    }
}
