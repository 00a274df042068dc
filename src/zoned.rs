//! A [`Schedule`] evaluated in a [`Zone`]'s wall-clock time.

use core::fmt;
use core::iter::FusedIterator;

use chrono::{DateTime, Utc};

use crate::schedule::{Schedule, Trigger, Weekdays};
use crate::time::{self, DAY, MINUTE};
use crate::window::Window;
use crate::zone::Zone;

/// How many spans of fixed offset one query may cross. A query looks at most
/// about two weeks ahead or one week back, and spans are at least a week long.
const MAX_SPANS: usize = 8;

/// A [`Schedule`] evaluated in a [`Zone`]: `dailyTime`, the days, the periodic
/// grid and the window's hours are the zone's wall-clock time, and the
/// window's `minuteOffset` is not used.
///
/// Rules at daylight-saving changes:
/// - a daily time in a gap (spring forward) runs at the same wall time shifted
///   forward by the gap's length (02:30 becomes 03:30 in Europe/Berlin); in a
///   fold (fall back) it runs once, at the earlier instant;
/// - periodic grid points that do not exist (gap) are skipped; those that occur
///   twice (fold) run twice, so the real spacing stays the interval;
/// - the window is open whenever the wall-clock (day, hour) is allowed, so a
///   repeated hour is allowed (or not) both times; a trigger in a closed hour
///   waits for the next opening, and waiting triggers coalesce, as always.
///
/// Every query is bounded: it visits at most a few spans of fixed offset.
///
/// # Example
///
/// ```
/// use backup_schedule::{Schedule, Weekdays, Zone};
/// use chrono::{NaiveTime, TimeZone, Utc};
///
/// let berlin = Zone::new(chrono_tz::Europe::Berlin);
/// let daily = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(2, 30, 0).unwrap())?;
/// let zoned = daily.in_zone(&berlin);
/// // 2027-03-28 02:30 does not exist in Berlin (02:00 -> 03:00): it runs at
/// // 03:30 CEST = 01:30 UTC.
/// let t = Utc.with_ymd_and_hms(2027, 3, 27, 12, 0, 0).unwrap();
/// assert_eq!(zoned.next_run(t), Some(Utc.with_ymd_and_hms(2027, 3, 28, 1, 30, 0).unwrap()));
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct ZonedSchedule<'z> {
    schedule: Schedule,
    zone: &'z Zone,
    /// The window's hours in the zone's wall-clock frame (offset 0).
    wall_window: Window,
    /// The schedule with that window: on wall-clock seconds, within one span
    /// of fixed offset, the fixed-offset engine computes the zoned runs.
    wall_schedule: Schedule,
}

impl Schedule {
    /// This schedule evaluated in `zone`; see [`ZonedSchedule`].
    pub fn in_zone<'z>(&self, zone: &'z Zone) -> ZonedSchedule<'z> {
        let (wall_window, wall_schedule) = match self.window() {
            Some(window) => {
                let wall_window = window.with_minute_offset(0).unwrap_or(*window);
                (wall_window, self.with_window(wall_window))
            }
            None => (Window::always_open(), *self),
        };
        ZonedSchedule {
            schedule: *self,
            zone,
            wall_window,
            wall_schedule,
        }
    }
}

impl fmt::Debug for ZonedSchedule<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZonedSchedule")
            .field("schedule", &self.schedule)
            .field("zone", &self.zone.name())
            .finish()
    }
}

impl<'z> ZonedSchedule<'z> {
    /// The schedule.
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// The zone.
    pub fn zone(&self) -> &'z Zone {
        self.zone
    }

    /// The earliest run strictly after `after`; `None` for an `Immediate`
    /// schedule, when there is no run, or past chrono's range.
    ///
    /// # Example
    ///
    /// See [`ZonedSchedule`].
    pub fn next_run(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        time::from_secs(self.run_after(after.timestamp())?)
    }

    /// The runs strictly after `after`, earliest first.
    pub fn upcoming(&self, after: DateTime<Utc>) -> ZonedRuns<'z> {
        ZonedRuns {
            schedule: *self,
            after: Some(after.timestamp()),
            before: None,
        }
    }

    /// The runs in `[start, end)`, earliest first.
    pub fn runs_between(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> ZonedRuns<'z> {
        ZonedRuns {
            schedule: *self,
            after: Some(time::ceil_secs(start) - 1),
            before: Some(time::ceil_secs(end)),
        }
    }

    /// When a copy for a restore point that appears at `t` starts: the first
    /// instant at or after `t` at which the window is open.
    pub fn start_for_restore_point(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.next_open(t)
    }

    /// Whether the window is open at `t`.
    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        self.is_open_at(t.timestamp())
    }

    /// The first instant at or after `t` at which the window is open.
    pub fn next_open(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let secs = t.timestamp();
        if self.is_open_at(secs) {
            return Some(t);
        }
        time::from_secs(self.open_at_or_after(secs)?)
    }

    /// The next instant strictly after `t` at which the window closes; `None`
    /// if it never closes or never opens.
    pub fn next_close(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        time::from_secs(self.close_after(t.timestamp())?)
    }

    #[inline]
    pub(crate) fn is_open_at(&self, secs: i64) -> bool {
        self.wall_window.is_open_at(self.zone.wall(secs))
    }

    fn open_at_or_after(&self, mut secs: i64) -> Option<i64> {
        for _ in 0..MAX_SPANS {
            let span = self.zone.span(secs);
            let open = self.wall_window.open_at_or_after(secs + span.offset)? - span.offset;
            if open < span.end {
                return Some(open);
            }
            secs = span.end;
        }
        None
    }

    pub(crate) fn close_after(&self, secs: i64) -> Option<i64> {
        if self.wall_window.is_always_open() {
            return None;
        }
        let mut from = if self.is_open_at(secs) {
            secs
        } else {
            self.open_at_or_after(secs)?
        };
        // The window is open at `from`: find where this open stretch ends.
        for _ in 0..MAX_SPANS {
            let span = self.zone.span(from);
            let close = self.wall_window.close_after(from + span.offset)? - span.offset;
            if close < span.end {
                return Some(close);
            }
            if !self.is_open_at(span.end) {
                return Some(span.end); // the offset change itself closes it
            }
            from = span.end;
        }
        None
    }

    /// For a closed Unix second, where its closed stretch starts.
    pub(crate) fn closed_since(&self, mut secs: i64) -> Option<i64> {
        for _ in 0..MAX_SPANS {
            let span = self.zone.span(secs);
            let since = self.wall_window.closed_since(secs + span.offset)? - span.offset;
            if since > span.start {
                return Some(since);
            }
            if self.is_open_at(span.start - 1) {
                return Some(span.start);
            }
            secs = span.start - 1;
        }
        None
    }

    /// The same rule as [`Schedule::next_run`], over the zone's triggers and
    /// window.
    pub(crate) fn run_after(&self, after: i64) -> Option<i64> {
        // Fast path, almost always taken: when everything the answer depends
        // on lies in one span of fixed offset, the zoned runs are the
        // fixed-offset engine's runs on wall-clock seconds. The answer
        // depends on the instants from `after` (or, when the window is closed
        // then, from the start of that closed stretch, where a waiting trigger
        // may be) to the run; and a change moves daily triggers (a gap's
        // shifted times, a fold's repeated ones) up to a day after it.
        let span = self.zone.span(after);
        let wall = after + span.offset;
        let needed_from = if self.wall_window.is_open_at(wall) {
            after
        } else {
            self.wall_window.closed_since(wall)? - span.offset
        };
        if needed_from >= span.start.saturating_add(DAY) {
            if let Some(run) = self.wall_schedule.run_after(wall) {
                let run = run - span.offset;
                if run < span.end {
                    return Some(run);
                }
            }
        }
        self.run_after_across_changes(after)
    }

    /// The exact computation near offset changes, span by span.
    fn run_after_across_changes(&self, after: i64) -> Option<i64> {
        if let Trigger::Immediate = self.schedule.trigger() {
            return None;
        }
        if !self.is_open_at(after) {
            let closed_since = self.closed_since(after)?;
            if self.trigger_at_or_before(after)? >= closed_since {
                return self.open_at_or_after(after);
            }
        }
        self.open_at_or_after(self.trigger_after(after)?)
    }

    pub(crate) fn trigger_after(&self, secs: i64) -> Option<i64> {
        match self.schedule.trigger() {
            Trigger::Immediate => None,
            Trigger::Periodic { every } => {
                self.grid_at_or_after(secs + 1, i64::from(every.minutes()) * MINUTE)
            }
            Trigger::Daily { days, at } => {
                let at = i64::from(chrono::Timelike::num_seconds_from_midnight(&at));
                // Daily instants grow with the day; start early enough that the
                // first candidate is not after `secs` (offsets differ by < 2 days).
                let first_day = self.zone.wall(secs).div_euclid(DAY) - 3;
                (first_day..first_day + 14)
                    .filter(|&day| selected(days, day))
                    .map(|day| self.zone.resolve(day * DAY + at))
                    .find(|&instant| instant > secs)
            }
        }
    }

    fn trigger_at_or_before(&self, secs: i64) -> Option<i64> {
        match self.schedule.trigger() {
            Trigger::Immediate => None,
            Trigger::Periodic { every } => self.grid_at_or_before(secs, i64::from(every.minutes()) * MINUTE),
            Trigger::Daily { days, at } => {
                let at = i64::from(chrono::Timelike::num_seconds_from_midnight(&at));
                let last_day = self.zone.wall(secs).div_euclid(DAY) + 3;
                (last_day - 14..=last_day)
                    .rev()
                    .filter(|&day| selected(days, day))
                    .map(|day| self.zone.resolve(day * DAY + at))
                    .find(|&instant| instant <= secs)
            }
        }
    }

    /// The first instant at or after `secs` whose wall-clock time is on the
    /// grid (wall times in a gap have no instant; those in a fold have two).
    fn grid_at_or_after(&self, mut secs: i64, every: i64) -> Option<i64> {
        for _ in 0..MAX_SPANS {
            let span = self.zone.span(secs);
            let wall = secs + span.offset;
            let point = (wall + every - 1).div_euclid(every) * every - span.offset;
            if point < span.end {
                return Some(point);
            }
            secs = span.end;
        }
        None
    }

    fn grid_at_or_before(&self, mut secs: i64, every: i64) -> Option<i64> {
        for _ in 0..MAX_SPANS {
            let span = self.zone.span(secs);
            let point = (secs + span.offset).div_euclid(every) * every - span.offset;
            if point >= span.start {
                return Some(point);
            }
            secs = span.start - 1;
        }
        None
    }
}

/// Whether wall-clock Unix day `day` is one of `days`.
#[inline]
fn selected(days: Weekdays, day: i64) -> bool {
    days.contains_day_of_week(time::day_of_week(day))
}

/// The runs of a [`ZonedSchedule`], earliest first; see
/// [`ZonedSchedule::upcoming`].
#[derive(Clone, Debug)]
pub struct ZonedRuns<'z> {
    schedule: ZonedSchedule<'z>,
    after: Option<i64>,
    before: Option<i64>,
}

impl Iterator for ZonedRuns<'_> {
    type Item = DateTime<Utc>;

    fn next(&mut self) -> Option<DateTime<Utc>> {
        let after = self.after?;
        let run = self
            .schedule
            .run_after(after)
            .filter(|&run| self.before.is_none_or(|before| run < before))
            .and_then(|run| Some((run, time::from_secs(run)?)));
        self.after = run.map(|(secs, _)| secs);
        run.map(|(_, instant)| instant)
    }
}

impl FusedIterator for ZonedRuns<'_> {}
