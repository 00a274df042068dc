//! A naive reference model of backup job schedules (issue 11), written
//! independently of the engine: it depends only on `std`, `chrono` and (for
//! zones, feature `tz`) `chrono-tz`, never on `backup_schedule`.
//!
//! - A gate is open at `t` when every enabled window allows the hour that
//!   `t` falls in, found by converting `t` with chrono and indexing the 168
//!   hours. The backup window's hour is that of local time = UTC + its
//!   `minuteOffset`. A permitted hour `h` covers `[h:00 + o, h+1:00 + o)` of
//!   its own local time (UTC + its `minuteOffset`), with `o` the grid's offset
//!   (`periodicallyOffsetMinutes`): `t` is in the permitted hour of its local
//!   time minus `o` minutes.
//! - Triggers: `Daily` at `at_secs` on each selected day, `Periodic` every
//!   `every_minutes` from midnight plus `offset_minutes`, none for
//!   `ManualOnly` or when the schedule is disabled. With a fixed clock they
//!   are read at UTC + `trigger_offset_minutes`.
//! - Runs are found by simulation, in time order, from an instant at which the
//!   gate is open (so nothing waits there): an open gate at a trigger makes it
//!   a run; a closed one makes a run *pending*, which happens at the first
//!   whole minute at which the gate is open. Triggers pending together give
//!   one run, whose trigger is the first of them.
//! - A run's deadline is the next closing of the backup window (only).
//! - `prev_run` by brute force: the last simulated run before the instant.
//! - Retries by the rule of the table.
//!
//! Every search steps over whole minutes: window edges are whole minutes (the
//! offsets are), and so are a zone's offset changes in the zones the tests use
//! (asserted on every reading).
//!
//! A [`Clock`] says how local time is read: `Fixed` (each window at its own
//! `minuteOffset`, triggers at `trigger_offset_minutes`: the API's frame), or
//! a zone's wall clock (`Zone`, feature `tz`), in which every window's hours,
//! the daily time and days and the grid are wall-clock time (the README's
//! zone rules: a daily time in a gap runs shifted forward by the gap, in a
//! fold once at the earlier instant; grid points in a gap are skipped, in a
//! fold they come twice), and the offsets of the windows and triggers are not
//! used.
//!
//! All instants are Unix seconds (`i64`). With the fixed clock every function
//! is total for any instant within a few weeks of chrono's range: chrono only
//! ever sees instants moved within 400 years of 1970.

// Not every test binary that includes this module uses all of it.
#![allow(dead_code)]

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Timelike};
#[cfg(feature = "tz")]
use chrono::{NaiveDate, NaiveTime};
#[cfg(feature = "tz")]
use chrono_tz::Tz;

/// The zoned reference's wall clock, offset changes and "compatible"
/// resolution of a wall-clock time.
///
/// (A test that also needs the zoned reference as `reference_zoned`, for the
/// shared strategies, loads the file twice: clippy's `duplicate_mod`.)
#[cfg(feature = "tz")]
#[allow(clippy::duplicate_mod)]
#[path = "../reference_zoned/mod.rs"]
pub mod zoned_clock;

/// `tz` with chrono-tz's data, as the zoned reference reads it (the tests
/// build their `Zone`s from chrono-tz too).
#[cfg(feature = "tz")]
pub fn chrono_data(tz: Tz) -> zoned_clock::RefZone {
    zoned_clock::RefZone {
        tz,
        data: zoned_clock::Data::ChronoTz,
    }
}

/// Hours in a week: the length of `backupWindow`.
pub const HOURS: usize = 168;

const MINUTE: i64 = 60;
const DAY: i64 = 86_400;
/// 400 Gregorian years: 146097 days, which is 20871 whole weeks, so weekday
/// and time of day repeat with this period.
const GREGORIAN_CYCLE: i64 = 146_097 * DAY;

/// How far ahead the searches look, and how far back for an instant at
/// which the gate is open. A gate that opens at all is closed for less than a
/// week at a time (two with a zone, whose gap can remove a weekly hour once),
/// and a run comes less than two weeks after any instant.
pub const HORIZON: i64 = 16 * DAY;

/// What makes a backup job want a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BTrigger {
    /// `ManualOnly`: no timed triggers.
    Manual,
    /// At `at_secs` after midnight on each selected day (index 0 = Sunday).
    Daily { days: [bool; 7], at_secs: u32 },
    /// Every `every_minutes` (a divisor of a day), from midnight plus
    /// `offset_minutes`.
    Periodic { every_minutes: u32, offset_minutes: u32 },
}

/// 168 hours (`hours[day * 24 + hour]`, day 0 = Sunday) of local time =
/// UTC + `minute_offset` minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BWindow {
    pub hours: [bool; HOURS],
    pub minute_offset: i32,
}

/// `retryNumber` and `retryWaitInterval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BRetry {
    pub number: u32,
    pub wait_minutes: u32,
}

/// How local time is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Each window at its own `minuteOffset`, triggers at
    /// `trigger_offset_minutes`.
    Fixed,
    /// Everything on the zone's wall clock.
    #[cfg(feature = "tz")]
    Zone(Tz),
}

/// A backup job's schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BSchedule {
    pub clock: Clock,
    pub trigger: BTrigger,
    /// `scheduleEnabled`.
    pub enabled: bool,
    /// Triggers are read at UTC + this (fixed clock only).
    pub trigger_offset_minutes: i32,
    /// `backupWindowSettings` when enabled.
    pub backup_window: Option<BWindow>,
    /// `periodicallyWindowSettings` when enabled.
    pub permitted: Option<BWindow>,
    /// When `retryEnabled`.
    pub retry: Option<BRetry>,
}

impl BSchedule {
    /// `trigger`, enabled, UTC, no windows, no retries.
    pub fn new(trigger: BTrigger) -> BSchedule {
        BSchedule {
            clock: Clock::Fixed,
            trigger,
            enabled: true,
            trigger_offset_minutes: 0,
            backup_window: None,
            permitted: None,
            retry: None,
        }
    }
}

/// A run and the earliest trigger it serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BRun {
    pub run: i64,
    pub trigger: i64,
}

/// `t` as a date and time, moved by whole 400-year cycles toward 1970 so
/// that chrono can hold it: the weekday and the time of day are `t`'s.
fn calendar(t: i64) -> NaiveDateTime {
    let shifted = t - (t / GREGORIAN_CYCLE) * GREGORIAN_CYCLE;
    DateTime::from_timestamp(shifted, 0)
        .expect("within 400 years of 1970, chrono can represent it")
        .naive_utc()
}

fn sunday_based(reading: &NaiveDateTime) -> usize {
    reading.weekday().num_days_from_sunday() as usize
}

fn minute_after(t: i64) -> i64 {
    (t.div_euclid(MINUTE) + 1) * MINUTE
}

fn floor_minute(t: i64) -> i64 {
    t.div_euclid(MINUTE) * MINUTE
}

/// The grid's offset in minutes (0 unless periodic).
fn grid_offset(s: &BSchedule) -> u32 {
    match s.trigger {
        BTrigger::Periodic { offset_minutes, .. } => offset_minutes,
        _ => 0,
    }
}

/// The local reading of `t` in a frame `offset_minutes` from UTC (fixed
/// clock), or on the zone's wall clock.
fn reading(s: &BSchedule, t: i64, offset_minutes: i32) -> NaiveDateTime {
    match s.clock {
        Clock::Fixed => calendar(t + i64::from(offset_minutes) * MINUTE),
        #[cfg(feature = "tz")]
        Clock::Zone(tz) => {
            let wall = zoned_clock::wall(chrono_data(tz), t);
            assert_eq!(
                i64::from(wall.second()),
                t.rem_euclid(MINUTE),
                "{tz}: an offset that is not whole minutes; this model steps whole minutes"
            );
            wall
        }
    }
}

/// Whether `window` allows `t`, its hours starting `late_minutes` after each
/// hour of its local time.
fn allows(s: &BSchedule, window: &BWindow, t: i64, late_minutes: u32) -> bool {
    let local = reading(s, t, window.minute_offset) - Duration::minutes(i64::from(late_minutes));
    window.hours[sunday_based(&local) * 24 + local.hour() as usize]
}

/// Whether the backup window is open at `t` (always, when not enabled).
pub fn backup_window_open(s: &BSchedule, t: i64) -> bool {
    s.backup_window
        .as_ref()
        .is_none_or(|window| allows(s, window, t, 0))
}

/// Whether `t` is in a permitted hour (always, when not enabled).
pub fn permitted(s: &BSchedule, t: i64) -> bool {
    s.permitted
        .as_ref()
        .is_none_or(|window| allows(s, window, t, grid_offset(s)))
}

/// Whether a run may start at `t`: every gate is open.
pub fn is_open(s: &BSchedule, t: i64) -> bool {
    backup_window_open(s, t) && permitted(s, t)
}

/// The first instant at or after `t` at which every gate is open, within
/// [`HORIZON`].
pub fn next_open(s: &BSchedule, t: i64) -> Option<i64> {
    if is_open(s, t) {
        return Some(t);
    }
    (1..=HORIZON / MINUTE)
        .map(|k| floor_minute(t) + k * MINUTE)
        .find(|&m| is_open(s, m))
}

/// The next closing of the backup window strictly after `t`: the first whole
/// minute `m > t` with the window open just before it and closed at it.
/// `None` without a backup window, with one that allows every hour or none,
/// or when there is none within [`HORIZON`].
pub fn next_close(s: &BSchedule, t: i64) -> Option<i64> {
    let window = s.backup_window.as_ref()?;
    if window.hours.iter().all(|&h| h) || !window.hours.contains(&true) {
        return None;
    }
    (0..HORIZON / MINUTE)
        .map(|k| minute_after(t) + k * MINUTE)
        .find(|&m| backup_window_open(s, m - 1) && !backup_window_open(s, m))
}

/// The latest instant at or before `t` at which the gate is open, within
/// [`HORIZON`]; `None` when it is closed all that time.
fn last_open_at_or_before(s: &BSchedule, t: i64) -> Option<i64> {
    if is_open(s, t) {
        return Some(t);
    }
    // The gate's state changes only on whole minutes: closed from
    // `floor_minute(t)` on; an open minute before is open to its last second.
    (1..=HORIZON / MINUTE)
        .map(|k| floor_minute(t) - k * MINUTE)
        .find(|&m| is_open(s, m))
        .map(|m| m + MINUTE - 1)
}

/// The timed triggers in `[from, to]`, ascending.
fn triggers(s: &BSchedule, from: i64, to: i64) -> Box<dyn Iterator<Item = i64> + '_> {
    if !s.enabled {
        return Box::new(std::iter::empty());
    }
    match (s.clock, s.trigger) {
        (_, BTrigger::Manual) => Box::new(std::iter::empty()),
        (Clock::Fixed, BTrigger::Daily { days, at_secs }) => {
            // Local day `d` of the trigger frame starts at `d * DAY - shift` UTC.
            let shift = i64::from(s.trigger_offset_minutes) * MINUTE;
            let local_days = (from + shift).div_euclid(DAY)..=(to + shift).div_euclid(DAY);
            Box::new(
                local_days
                    .filter(move |&d| days[sunday_based(&calendar(d * DAY))])
                    .map(move |d| d * DAY + i64::from(at_secs) - shift)
                    .filter(move |t| (from..=to).contains(t)),
            )
        }
        (
            Clock::Fixed,
            BTrigger::Periodic {
                every_minutes,
                offset_minutes,
            },
        ) => {
            // `t` is on the grid when its local time minus the offset is a
            // multiple of the interval (which divides a day, so counting from
            // 1970 is counting from each midnight).
            let every = i64::from(every_minutes) * MINUTE;
            let shift = i64::from(s.trigger_offset_minutes) * MINUTE - i64::from(offset_minutes) * MINUTE;
            let first = from + (-(from + shift)).rem_euclid(every);
            Box::new(
                (0..)
                    .map(move |k| first + k * every)
                    .take_while(move |&t| t <= to),
            )
        }
        #[cfg(feature = "tz")]
        (Clock::Zone(tz), BTrigger::Daily { days, at_secs }) => {
            // Each local date's wall time, resolved ("compatible"); two dates
            // can resolve to one instant when a day is skipped.
            let at = NaiveTime::from_num_seconds_from_midnight_opt(at_secs, 0).expect("at_secs < 86400");
            let first: NaiveDate = zoned_clock::wall(chrono_data(tz), from).date() - Duration::days(2);
            let last: NaiveDate = zoned_clock::wall(chrono_data(tz), to).date() + Duration::days(2);
            let mut out: Vec<i64> = first
                .iter_days()
                .take_while(|date| *date <= last)
                .filter(|date| days[date.weekday().num_days_from_sunday() as usize])
                .map(|date| zoned_clock::resolve(chrono_data(tz), date.and_time(at)))
                .filter(|t| (from..=to).contains(t))
                .collect();
            out.sort_unstable();
            out.dedup();
            Box::new(out.into_iter())
        }
        #[cfg(feature = "tz")]
        (
            Clock::Zone(_),
            BTrigger::Periodic {
                every_minutes,
                offset_minutes,
            },
        ) => {
            // Every whole minute whose wall time minus the offset is on the
            // grid from local midnight: a point in a gap never comes, one in
            // a fold comes twice.
            let every = i64::from(every_minutes) * MINUTE;
            let offset = i64::from(offset_minutes) * MINUTE;
            let first = if from.rem_euclid(MINUTE) == 0 {
                from
            } else {
                minute_after(from)
            };
            Box::new(
                (0..)
                    .map(move |k| first + k * MINUTE)
                    .take_while(move |&m| m <= to)
                    .filter(move |&m| {
                        let wall = reading(s, m, 0);
                        (i64::from(wall.num_seconds_from_midnight()) - offset).rem_euclid(every) == 0
                    }),
            )
        }
    }
}

/// Simulates the runs of the triggers in `[start, end]` in time order, with
/// nothing waiting at `start` (the gate must be open there), and gives each
/// to `visit` until it returns `false`. A pending run is looked for up to
/// `end`.
fn simulate(s: &BSchedule, start: i64, end: i64, mut visit: impl FnMut(BRun) -> bool) {
    debug_assert!(is_open(s, start));
    let mut triggers = triggers(s, start, end).peekable();
    // While a run is pending: the next whole minute to look at, and the
    // first trigger waiting. The gate has been closed from that trigger up
    // to the minute.
    let mut pending: Option<(i64, i64)> = None;
    loop {
        let run = match (pending, triggers.peek().copied()) {
            (Some((m, first)), next) if next.is_none_or(|t| m <= t) => {
                if m > end {
                    return;
                }
                if is_open(s, m) {
                    pending = None;
                    Some(BRun {
                        run: m,
                        trigger: first,
                    })
                } else {
                    pending = Some((m + MINUTE, first));
                    None
                }
            }
            (_, Some(t)) => {
                triggers.next();
                if is_open(s, t) {
                    let first = pending.map_or(t, |(_, first)| first);
                    pending = None;
                    Some(BRun {
                        run: t,
                        trigger: first,
                    })
                } else {
                    // Joins the pending run, or starts one.
                    pending = pending.or(Some((minute_after(t), t)));
                    None
                }
            }
            (_, None) => return,
        };
        if let Some(run) = run {
            if !visit(run) {
                return;
            }
        }
    }
}

/// The earliest run strictly after `after` and the first trigger it serves,
/// within [`HORIZON`].
pub fn next_run_detail(s: &BSchedule, after: i64) -> Option<BRun> {
    let start = last_open_at_or_before(s, after)?;
    let mut found = None;
    simulate(s, start, after + HORIZON, |run| {
        if run.run > after {
            found = Some(run);
        }
        found.is_none()
    });
    found
}

/// The earliest run strictly after `after`, within [`HORIZON`].
pub fn next_run(s: &BSchedule, after: i64) -> Option<i64> {
    next_run_detail(s, after).map(|run| run.run)
}

/// The latest run strictly before `before`, by brute force: simulate from
/// an open instant a while back and keep the last run before `before`;
/// when there is none, from further back (up to [`HORIZON`]).
pub fn prev_run(s: &BSchedule, before: i64) -> Option<i64> {
    let mut back = 6 * 3_600;
    loop {
        back = (back * 2).min(HORIZON);
        let mut last = None;
        if let Some(start) = last_open_at_or_before(s, before - back) {
            simulate(s, start, before - 1, |run| {
                if run.run < before {
                    last = Some(run.run);
                }
                run.run < before
            });
        }
        if last.is_some() || back == HORIZON {
            return last;
        }
    }
}

/// When a run whose attempt failed at `failed_at`, with `failures` failed
/// attempts so far, is tried again: at `failed_at + retryWaitInterval` if
/// retries are enabled, `failures` is in `1..=retryNumber`, the backup
/// window (if enabled) is open at the failure and the retry comes before its
/// close, and the retry comes before the next run after the failure.
pub fn retry_after(s: &BSchedule, failed_at: i64, failures: u32) -> Option<i64> {
    let retry = s.retry?;
    if !(1..=retry.number).contains(&failures) {
        return None;
    }
    let at = failed_at + i64::from(retry.wait_minutes) * MINUTE;
    if !backup_window_open(s, failed_at) {
        return None;
    }
    if next_close(s, failed_at).is_some_and(|close| at >= close) {
        return None;
    }
    if next_run(s, failed_at).is_some_and(|run| at >= run) {
        return None;
    }
    Some(at)
}
