//! Schedules built around one of a zone's offset changes, where the zoned
//! engine is most likely wrong: daily times and window hours placed at the
//! gap or fold, and closed stretches that span the change with a trigger
//! waiting from before it. Plain functions (chrono and chrono-tz only) so
//! the property tests and the fuzz targets build the same cases.

use chrono::{Datelike, Duration, NaiveDateTime, Timelike};

use super::{wall, RefZone, ZSchedule, ZTrigger, HOURS};

const DAY: i64 = 86_400;

/// The wall clock at the change's first second as the old offset reads it:
/// the second after the old offset's last wall time (the start of a gap,
/// the end of a fold).
pub fn old_reading(tz: RefZone, change: i64) -> NaiveDateTime {
    wall(tz, change - 1) + Duration::seconds(1)
}

/// The cell (`day * 24 + hour`, day 0 = Sunday) of a wall time.
pub fn cell(wall: NaiveDateTime) -> usize {
    wall.weekday().num_days_from_sunday() as usize * 24 + wall.hour() as usize
}

/// The hours at `cells` (modulo 168) allowed, the others not.
pub fn hours_from(cells: impl IntoIterator<Item = usize>) -> [bool; HOURS] {
    let mut hours = [false; HOURS];
    for cell in cells {
        hours[cell % HOURS] = true;
    }
    hours
}

/// A daily time `k` seconds after the change's old reading (00:00 without a
/// change), in seconds after midnight: around and inside the gap or fold.
pub fn daily_time_near(tz: RefZone, change: Option<i64>, k: i64) -> u32 {
    let base = change.map_or(0, |c| i64::from(old_reading(tz, c).num_seconds_from_midnight()));
    (base + k).rem_euclid(DAY) as u32
}

/// `len` hours from `before` hours before the wall-clock hour right after
/// the change (Sunday 03:00 for Berlin in spring, Sunday 02:00 in autumn;
/// Sunday 02:00 without a change), on that day or on every day; or all
/// hours but those.
pub fn hours_near(
    tz: RefZone,
    change: Option<i64>,
    before: usize,
    len: usize,
    every_day: bool,
    invert: bool,
) -> [bool; HOURS] {
    let first = change.map_or(2, |c| cell(wall(tz, c))) + HOURS - before % HOURS;
    let days = if every_day { 0..7 } else { 0..1 };
    let hours = hours_from(days.flat_map(|day| (0..len).map(move |i| first + i + day * 24)));
    if invert {
        hours.map(|allowed| !allowed)
    } else {
        hours
    }
}

/// A closed stretch that spans an offset change, a daily trigger in it
/// before the change, and an instant in it after the change: the case
/// where a run waits across the change.
#[derive(Clone, Copy, Debug)]
pub struct AcrossChange {
    /// Whole wall-clock hours closed before the earlier of the change's two
    /// readings (old offset, new offset), and after the later one.
    pub before: i64,
    pub after: i64,
    /// The trigger, seconds before the change's old reading (within the
    /// closed hours when at most `before` hours).
    pub trigger_before: i64,
    /// The instant, seconds after the change.
    pub query_after: i64,
    /// Closed on every day at those hours, or on that day alone.
    pub every_day: bool,
    /// Whether the hours a gap skips stay open (they never come): then the
    /// window's wall-clock hours close just before the change and again
    /// from it, and only real time shows one closed stretch.
    pub gap_open: bool,
}

/// The schedule (daily at the trigger's wall time, every hour open but the
/// stretch) and the instant of an [`AcrossChange`] at `change`.
pub fn across_change(tz: RefZone, change: i64, spec: AcrossChange) -> (ZSchedule, i64) {
    let old = old_reading(tz, change);
    let new = wall(tz, change);
    let (low, high) = (old.min(new), old.max(new));
    let in_gap = |wall: NaiveDateTime| {
        let hour = wall.date().and_hms_opt(wall.hour(), 0, 0).expect("a whole hour");
        spec.gap_open && new > old && hour >= old && hour + Duration::hours(1) <= new
    };
    let mut closed = Vec::new();
    let mut at = low - Duration::hours(spec.before);
    while at <= high + Duration::hours(spec.after) {
        if !in_gap(at) {
            closed.push(cell(at));
        }
        at += Duration::hours(1);
    }
    let days = if spec.every_day { 0..7 } else { 0..1 };
    let closed = hours_from(days.flat_map(|day| closed.iter().map(move |cell| cell + day * 24)));
    let trigger = ZTrigger::Daily {
        days: [true; 7],
        at_secs: (old - Duration::seconds(spec.trigger_before)).num_seconds_from_midnight(),
    };
    let schedule = ZSchedule {
        tz,
        trigger,
        window: Some(closed.map(|closed| !closed)),
    };
    (schedule, change + spec.query_after)
}
