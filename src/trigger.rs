//! Triggers: the instants at which a schedule wants a run, before any window
//! holds them back.

use core::fmt;

use chrono::NaiveTime;

use crate::engine::{TriggerClock, Triggers};
use crate::error::Error;
use crate::time::{self, DAY_U32, MINUTE};
use crate::weekdays::Weekdays;

/// The interval of a periodic schedule: a whole number of minutes that
/// divides a day, so the grid of runs restarts at every midnight.
///
/// [`Display`](fmt::Display) says it in words: `15 minutes`, `1 hour`,
/// `4 hours`.
///
/// # Example
///
/// ```
/// use backup_schedule::Interval;
///
/// assert_eq!(Interval::from_minutes(15)?.minutes(), 15);
/// assert_eq!(Interval::from_minutes(240)?.to_string(), "4 hours");
/// assert!(Interval::from_minutes(7).is_err()); // 1440 is not a multiple of 7
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Interval {
    secs: u32,
}

impl Interval {
    /// An interval of `minutes`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with path `periodicallyEvery` unless `minutes` is
    /// positive and divides 1440 (a day).
    pub fn from_minutes(minutes: u32) -> Result<Interval, Error> {
        const MINUTES_PER_DAY: u32 = 1440;
        if minutes == 0 || MINUTES_PER_DAY % minutes != 0 {
            return Err(Error::invalid(
                "periodicallyEvery",
                "an interval in minutes that divides a day (1440 minutes)",
                minutes.to_string(),
            ));
        }
        Ok(Interval {
            secs: minutes * MINUTE as u32,
        })
    }

    /// The interval in minutes.
    pub fn minutes(self) -> u32 {
        self.secs / MINUTE as u32
    }
}

impl fmt::Display for Interval {
    /// `5 minutes`, `1 hour`, `12 hours`, `90 minutes`: hours when the
    /// interval is whole hours.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.minutes() {
            60 => f.write_str("1 hour"),
            minutes if minutes % 60 == 0 => write!(f, "{} hours", minutes / 60),
            1 => f.write_str("1 minute"),
            minutes => write!(f, "{minutes} minutes"),
        }
    }
}

/// What makes a schedule want a run: its *triggers*.
///
/// Times of day are read in the schedule's trigger frame: UTC as the API
/// defines it, unless set otherwise (see
/// [`Schedule::with_trigger_offset`](crate::Schedule::with_trigger_offset)),
/// or a zone's wall clock for a [`Zoned`](crate::Zoned) schedule.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum Trigger {
    /// A copy job's run each time a new restore point appears in the source
    /// repository; there are no timed triggers.
    Immediate,
    /// A backup job that runs only when started by hand (`ManualOnly`); no
    /// timed triggers.
    Manual,
    /// A run at `at` on each of `days`.
    Daily {
        /// The days of the week.
        days: Weekdays,
        /// The time of day, whole seconds.
        at: NaiveTime,
    },
    /// A run every `every`, on a grid from midnight plus `offset_minutes`
    /// (a backup job's `periodicallyOffsetMinutes`; 0 for copy jobs).
    Periodic {
        /// The grid's spacing.
        every: Interval,
        /// Minutes after midnight the grid starts at, below `every`.
        offset_minutes: u32,
    },
}

/// The triggers in the form the computation wants: positions in a week of
/// whole seconds.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Plan {
    /// No timed triggers.
    None,
    Daily {
        days: Weekdays,
        at_secs: u32,
    },
    Periodic {
        every_secs: u32,
        /// [`Reciprocal::of`] `every_secs`: the hot path multiplies instead of
        /// dividing.
        every: Reciprocal,
        /// Where the grid starts after midnight, below `every_secs`.
        phase_secs: u32,
    },
}

impl fmt::Debug for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Plan::None => f.write_str("None"),
            Plan::Daily { days, at_secs } => f
                .debug_struct("Daily")
                .field("days", days)
                .field("at_secs", at_secs)
                .finish(),
            // The reciprocal is a cache of `every_secs`.
            Plan::Periodic {
                every_secs,
                phase_secs,
                ..
            } => f
                .debug_struct("Periodic")
                .field("every_secs", every_secs)
                .field("phase_secs", phase_secs)
                .finish(),
        }
    }
}

impl Plan {
    /// Daily at `at` on `days`, as both job families take it: an error
    /// with path `dailyTime` when `at` has a fraction of a second (the
    /// API's times are whole seconds).
    pub(crate) fn daily_whole_seconds(days: Weekdays, at: NaiveTime) -> Result<Plan, Error> {
        if chrono::Timelike::nanosecond(&at) != 0 {
            return Err(Error::invalid(
                "dailyTime",
                "a time of day in whole seconds",
                at.to_string(),
            ));
        }
        Ok(Plan::daily(days, at))
    }

    /// Daily at `at` on `days`.
    pub(crate) fn daily(days: Weekdays, at: NaiveTime) -> Plan {
        Plan::Daily {
            days,
            at_secs: chrono::Timelike::num_seconds_from_midnight(&at),
        }
    }

    /// On the grid of `every` from midnight plus `phase_secs` (below
    /// `every`).
    pub(crate) fn periodic(every: Interval, phase_secs: u32) -> Plan {
        debug_assert!(phase_secs < every.secs);
        Plan::Periodic {
            every_secs: every.secs,
            every: Reciprocal::of(every.secs),
            phase_secs,
        }
    }

    /// The public description of these triggers; `None` for no timed
    /// triggers.
    pub(crate) fn trigger(self) -> Option<Trigger> {
        match self {
            Plan::None => None,
            Plan::Daily { days, at_secs } => Some(Trigger::Daily {
                days,
                at: NaiveTime::from_num_seconds_from_midnight_opt(at_secs, 0)?,
            }),
            Plan::Periodic {
                every_secs,
                phase_secs,
                ..
            } => Some(Trigger::Periodic {
                every: Interval { secs: every_secs },
                offset_minutes: phase_secs / MINUTE as u32,
            }),
        }
    }

    /// Seconds from second `in_day` of day-of-week `day_of_week` to the first
    /// trigger strictly after it: 1 second to a week.
    #[inline]
    pub(crate) fn ahead(self, day_of_week: u32, in_day: u32) -> Option<u32> {
        match self {
            Plan::None => None,
            Plan::Periodic {
                every_secs,
                every,
                phase_secs,
            } => Some(every_secs - every.rem(in_day + every_secs - phase_secs, every_secs)),
            Plan::Daily { days, at_secs } => {
                // Today's trigger counts when it is still ahead.
                let from = u32::from(in_day >= at_secs);
                Some(days.days_ahead(day_of_week, from)? * DAY_U32 + at_secs - in_day)
            }
        }
    }

    /// Seconds from the last trigger at or before second `in_day` of
    /// day-of-week `day_of_week` to it: 0 to under a week.
    #[inline]
    pub(crate) fn back(self, day_of_week: u32, in_day: u32) -> Option<u32> {
        match self {
            Plan::None => None,
            Plan::Periodic {
                every_secs,
                every,
                phase_secs,
            } => Some(every.rem(in_day + every_secs - phase_secs, every_secs)),
            Plan::Daily { days, at_secs } => {
                // Today's trigger counts when it has come.
                let from = u32::from(in_day < at_secs);
                Some(days.days_back(day_of_week, from)? * DAY_U32 + in_day - at_secs)
            }
        }
    }

    /// Seconds from the last trigger strictly before second `in_day` (up to
    /// and including [`DAY_U32`], the end of the day) of day-of-week
    /// `day_of_week` to it: 1 second to a week. The mirror of
    /// [`ahead`](Plan::ahead): no step back to the second before, so no
    /// wrap into the day before.
    #[inline]
    pub(crate) fn behind(self, day_of_week: u32, in_day: u32) -> Option<u32> {
        match self {
            Plan::None => None,
            // The grid divides the day, so second -1 of a day is on the grid
            // as second `DAY - 1` of the day before is: `in_day - 1` may be
            // taken modulo `every` without a day's wrap, and `every - phase`
            // keeps it from going below zero.
            Plan::Periodic {
                every_secs,
                every,
                phase_secs,
            } => Some(every.rem(in_day + every_secs - phase_secs - 1, every_secs) + 1),
            Plan::Daily { days, at_secs } => {
                // Today's trigger counts when it is already past.
                let from = u32::from(in_day <= at_secs);
                Some(days.days_back(day_of_week, from)? * DAY_U32 + in_day - at_secs)
            }
        }
    }
}

/// A [`Plan`] read at a fixed offset from UTC: its days and times of day
/// are local time, UTC + `shift` seconds (0: UTC, as the API's triggers).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ShiftedPlan {
    pub(crate) plan: Plan,
    /// The offset (seconds east of UTC, within a day either way) as a
    /// forward distance in the week, `0..WEEK`: the hot path's form. The
    /// offset itself is not kept beside it, so that a `Schedule` has room
    /// for its run index within 64 bytes.
    shift_in_week: u32,
}

impl ShiftedPlan {
    /// `plan` read at `shift` seconds east of UTC.
    pub(crate) fn new(plan: Plan, shift: i32) -> ShiftedPlan {
        ShiftedPlan {
            plan,
            shift_in_week: i64::from(shift).rem_euclid(time::WEEK) as u32,
        }
    }

    /// The offset in seconds: a forward distance of more than half a week
    /// is an offset west of UTC. (Offsets are within a day either way, so
    /// exactly half a week never occurs: `>=` for `>` is equivalent.)
    pub(crate) fn shift(self) -> i32 {
        let east = i64::from(self.shift_in_week);
        (if east > time::WEEK / 2 {
            east - time::WEEK
        } else {
            east
        }) as i32
    }

    /// The triggers as UTC week positions that repeat: a grid of `every`
    /// seconds through `phase` (both in UTC), or the week positions of daily
    /// triggers (at most seven).
    pub(crate) fn pattern(self) -> TriggerPattern {
        match self.plan {
            Plan::None => TriggerPattern::None,
            Plan::Periodic {
                every_secs,
                phase_secs,
                ..
            } => {
                let every = i64::from(every_secs);
                TriggerPattern::Grid {
                    every,
                    phase: (i64::from(phase_secs) - i64::from(self.shift())).rem_euclid(every),
                }
            }
            Plan::Daily { days, at_secs } => {
                let mut positions = [0; 7];
                let mut count = 0;
                for day in days {
                    let local = i64::from(day.num_days_from_sunday()) * time::DAY + i64::from(at_secs);
                    positions[count] = (local - i64::from(self.shift())).rem_euclid(time::WEEK);
                    count += 1;
                }
                TriggerPattern::Weekly { positions, count }
            }
        }
    }

    /// The offset as a forward distance in the week, `0..WEEK`.
    #[inline]
    pub(crate) fn shift_in_week(self) -> u32 {
        self.shift_in_week
    }

    /// The same plan on `days` instead of its own, for a daily plan (the
    /// days in the plan's frame); any other plan as it is.
    #[inline]
    pub(crate) fn on_days(self, days: Weekdays) -> ShiftedPlan {
        match self.plan {
            Plan::Daily { at_secs, .. } => ShiftedPlan {
                plan: Plan::Daily { days, at_secs },
                ..self
            },
            _ => self,
        }
    }

    /// Second `in_day` of UTC day-of-week `day_of_week` as the plan reads
    /// it: a day of the week and a second of that day, local time.
    #[inline]
    fn local(self, day_of_week: u32, in_day: u32) -> (u32, u32) {
        if self.shift_in_week == 0 {
            return (day_of_week, in_day);
        }
        let local = (day_of_week * DAY_U32 + in_day + self.shift_in_week) % time::WEEK_U32;
        (local / DAY_U32, local % DAY_U32)
    }

    /// Seconds from second `in_day` of UTC day-of-week `day_of_week` to the
    /// first trigger strictly after it; see [`Plan::ahead`].
    #[inline]
    pub(crate) fn ahead(self, day_of_week: u32, in_day: u32) -> Option<u32> {
        let (day_of_week, in_day) = self.local(day_of_week, in_day);
        self.plan.ahead(day_of_week, in_day)
    }

    /// Seconds back from second `in_day` of UTC day-of-week `day_of_week`
    /// to the last trigger at or before it; see [`Plan::back`].
    #[inline]
    pub(crate) fn back(self, day_of_week: u32, in_day: u32) -> Option<u32> {
        let (day_of_week, in_day) = self.local(day_of_week, in_day);
        self.plan.back(day_of_week, in_day)
    }

    /// Seconds back from second `in_day` (up to [`DAY_U32`]) of UTC
    /// day-of-week `day_of_week` to the last trigger strictly before it; see
    /// [`Plan::behind`].
    #[inline]
    pub(crate) fn behind(self, day_of_week: u32, in_day: u32) -> Option<u32> {
        let (day_of_week, in_day) = self.local(day_of_week, in_day);
        self.plan.behind(day_of_week, in_day)
    }

    /// Seconds back from UTC week position `at` (plus any whole weeks, below
    /// four) to the last trigger strictly before it; see [`Plan::behind`].
    ///
    /// A grid divides the day, so only the local second of the day matters:
    /// one reduction instead of the week's, the day's and the local
    /// clock's, which `prev_run` of a grid waits for after finding a closed
    /// stretch's start. (The other arm answers grids too, only slower: the
    /// mutant that deletes the grid's arm is equivalent.)
    #[inline]
    pub(crate) fn behind_position(self, at: u32) -> Option<u32> {
        match self.plan {
            Plan::Periodic {
                every_secs,
                every,
                phase_secs,
            } => {
                // (Unreduced, the argument of `rem` stays below 2.6
                // million, and the reciprocal of every interval that divides
                // a day is exact below 4.27 million (`x * e < 2^37`, with
                // `e = m * d - 2^37` at most 32,128, for 12 and 24 hours):
                // the mutant of `%` to `+` gives the same answers.)
                let in_day = (at + self.shift_in_week) % DAY_U32;
                Some(every.rem(in_day + every_secs - phase_secs - 1, every_secs) + 1)
            }
            _ => {
                let since = at % time::WEEK_U32;
                self.behind(since / DAY_U32, since % DAY_U32)
            }
        }
    }
}

/// Where a plan's triggers fall, as UTC Unix seconds.
#[derive(Clone, Copy, Debug)]
pub(crate) enum TriggerPattern {
    /// No timed triggers.
    None,
    /// Every `every` seconds, at the instants `phase` modulo `every`.
    Grid { every: i64, phase: i64 },
    /// Each week at the first `count` `positions` (seconds after Sunday
    /// 00:00 UTC).
    Weekly { positions: [i64; 7], count: usize },
}

impl TriggerPattern {
    /// How many triggers fall in `[from, to)` (Unix seconds; 0 when `to` is
    /// not after `from`).
    pub(crate) fn count_in(&self, from: i64, to: i64) -> u64 {
        if to <= from {
            return 0;
        }
        // Triggers `first + k * period` before `t`, counted from far back.
        let before = |t: i64, first: i64, period: i64| {
            (t - first).div_euclid(period) + i64::from((t - first).rem_euclid(period) != 0)
        };
        let count: i64 = match *self {
            TriggerPattern::None => 0,
            TriggerPattern::Grid { every, phase } => before(to, phase, every) - before(from, phase, every),
            // Within a week (as when counting a slot's part), each position
            // is in the range at most once: no division per position.
            TriggerPattern::Weekly { positions, count } if to - from < time::WEEK => {
                let start = time::week_position(from);
                positions[..count]
                    .iter()
                    .filter(|&&position| {
                        let ahead = position - start;
                        (if ahead < 0 { ahead + time::WEEK } else { ahead }) < to - from
                    })
                    .count() as i64
            }
            TriggerPattern::Weekly { positions, count } => positions[..count]
                .iter()
                .map(|&position| {
                    // Week positions are from Sunday 00:00 UTC, day 3 of Unix time.
                    let first = position - 4 * time::DAY;
                    before(to, first, time::WEEK) - before(from, first, time::WEEK)
                })
                .sum(),
        };
        count as u64
    }
}

impl Triggers for ShiftedPlan {
    #[inline]
    fn after(&self, t: i64) -> Option<i64> {
        let week = time::week_position(t) as u32;
        Some(t + i64::from(self.ahead(week / DAY_U32, week % DAY_U32)?))
    }

    #[inline]
    fn at_or_before(&self, t: i64) -> Option<i64> {
        let week = time::week_position(t) as u32;
        Some(t - i64::from(self.back(week / DAY_U32, week % DAY_U32)?))
    }

    fn clock(&self) -> TriggerClock {
        self.plan.clock()
    }
}

impl Plan {
    /// How the triggers meet a wall clock's jumps.
    fn clock(self) -> TriggerClock {
        match self {
            Plan::Daily { .. } => TriggerClock::TimeOfDay,
            Plan::None | Plan::Periodic { .. } => TriggerClock::Grid,
        }
    }
}

/// Division of a second of the day by a fixed divisor as a multiplication
/// and a shift, which takes a few cycles where a division takes a dozen or
/// more.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reciprocal(u32);

impl Reciprocal {
    const SHIFT: u32 = 37;

    /// For a divisor `d` in `60..=86_400` (an interval is whole minutes of a
    /// day).
    ///
    /// With `m = ceil(2^37 / d) = 2^37 / d + e`, `0 <= e < 1`, the quotient
    /// `x * m >> 37` is `floor(x / d + x * e / 2^37)`. `x / d` is at least
    /// `1 / d` below the next integer, and for `x` below a day `x * e / 2^37`
    /// is less than that because `x * d < 86_400^2 < 2^37`: the result is
    /// exact. `m <= 2^37 / 60 + 1` fits in 32 bits, and `x * m < 2^17 * 2^32`.
    const fn of(divisor: u32) -> Reciprocal {
        Reciprocal((1_u64 << Reciprocal::SHIFT).div_ceil(divisor as u64) as u32)
    }

    /// `x % divisor` for `x` below two days (the proof above holds while
    /// `x * d < 2^37`: `2 * 86_400 * 86_400 < 2^37`).
    #[inline]
    fn rem(self, x: u32, divisor: u32) -> u32 {
        let quotient = ((u64::from(x) * u64::from(self.0)) >> Reciprocal::SHIFT) as u32;
        x - quotient * divisor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bound the comment in `behind_position` relies on: with `x = q *
    /// d + r` and `e = m * d - 2^37`, `x * m / 2^37 = q + (r + x * e /
    /// 2^37) / d`, whose floor is `q` while `x * e < 2^37` (as `r <= d -
    /// 1`). That holds for every interval dividing a day up to `x` of 2.6
    /// million; checked at its edge too.
    #[test]
    fn reciprocal_stays_exact_below_two_point_six_million() {
        const LIMIT: u64 = 2_600_000;
        for minutes in (1..=1440).filter(|minutes| 1440 % minutes == 0) {
            let divisor = minutes * 60;
            let every = Reciprocal::of(divisor);
            let error = u64::from(every.0) * u64::from(divisor) - (1 << Reciprocal::SHIFT);
            assert!(LIMIT * error < 1 << Reciprocal::SHIFT, "{minutes} minutes");
            // The worst remainders near the limit.
            for x in (LIMIT as u32 - 2 * divisor..LIMIT as u32).step_by(if divisor >= 3_600 { 1 } else { 7 })
            {
                assert_eq!(every.rem(x, divisor), x % divisor, "{minutes} minutes, {x}");
            }
        }
    }

    #[test]
    fn reciprocal_division_is_exact_for_every_interval_and_second() {
        for minutes in (1..=1440).filter(|minutes| 1440 % minutes == 0) {
            let divisor = minutes * 60;
            let every = Reciprocal::of(divisor);
            for x in (0..2 * 86_400).step_by(if divisor >= 3_600 { 1 } else { 7 }) {
                assert_eq!(every.rem(x, divisor), x % divisor, "{x} % {divisor}");
            }
        }
    }

    /// `behind` is the distance to the last trigger strictly before a
    /// second, against the week's triggers listed one by one (this week's
    /// and last week's), at every second around each trigger and each
    /// midnight, and at a day's end (second 86,400); with and without a
    /// shift of the plan.
    #[test]
    fn behind_is_the_last_trigger_strictly_before() {
        const WEEK: i64 = 7 * 86_400;
        let at = |h, m, s| NaiveTime::from_hms_opt(h, m, s).unwrap();
        let cases: [(Plan, Vec<i64>); 6] = [
            // Every 15 minutes from midnight: 672 a week.
            (
                Plan::periodic(Interval::from_minutes(15).unwrap(), 0),
                (0..672).map(|k| k * 900).collect(),
            ),
            // Every 2 hours at 00:15, 02:15, ...
            (
                Plan::periodic(Interval::from_minutes(120).unwrap(), 15 * 60),
                (0..84).map(|k| k * 7_200 + 900).collect(),
            ),
            // Once a day at 00:59.
            (
                Plan::periodic(Interval::from_minutes(1440).unwrap(), 59 * 60),
                (0..7).map(|d| d * 86_400 + 3_540).collect(),
            ),
            // Monday to Friday at 22:00:07 (Sunday is day 0).
            (
                Plan::daily(Weekdays::WORKDAYS, at(22, 0, 7)),
                (1..=5).map(|d| d * 86_400 + 79_207).collect(),
            ),
            // Saturday and Sunday at midnight.
            (
                Plan::daily(Weekdays::SUNDAY | Weekdays::SATURDAY, at(0, 0, 0)),
                vec![0, 6 * 86_400],
            ),
            // Saturday at 23:59:59, the week's last second.
            (Plan::daily(Weekdays::SATURDAY, at(23, 59, 59)), vec![WEEK - 1]),
        ];
        for (plan, week) in cases {
            for shift in [0_i64, 19_800, -3_600] {
                let shifted = ShiftedPlan::new(plan, shift as i32);
                // The triggers as UTC week positions, last week's too.
                let triggers: Vec<i64> = week
                    .iter()
                    .flat_map(|&local| {
                        let utc = (local - shift).rem_euclid(WEEK);
                        [utc - WEEK, utc]
                    })
                    .collect();
                let mut seconds: Vec<i64> = triggers
                    .iter()
                    .chain(&[0, 86_400, 3 * 86_400, WEEK - 86_400])
                    .flat_map(|&t| [t - 1, t, t + 1, t + 2])
                    .map(|t| t.rem_euclid(WEEK))
                    .collect();
                seconds.extend((0..WEEK).step_by(1_237));
                for position in seconds {
                    let expected = triggers
                        .iter()
                        .filter(|&&t| t < position)
                        .map(|&t| (position - t) as u32)
                        .min();
                    let (day, second) = ((position / 86_400) as u32, (position % 86_400) as u32);
                    assert_eq!(
                        shifted.behind(day, second),
                        expected,
                        "{plan:?} shifted {shift}, at {position}"
                    );
                    // Second 86,400 of the day before is this day's midnight.
                    if second == 0 && day > 0 {
                        assert_eq!(
                            shifted.behind(day - 1, 86_400),
                            expected,
                            "{plan:?} shifted {shift}, at {position} from the day before"
                        );
                    }
                }
            }
        }
        assert_eq!(Plan::None.behind(3, 100), None);
        assert_eq!(Plan::daily(Weekdays::NONE, at(1, 0, 0)).behind(3, 100), None);
    }

    /// Counting triggers in a range agrees with stepping through them.
    #[test]
    fn counting_triggers_agrees_with_stepping() {
        let plans = [
            Plan::periodic(Interval::from_minutes(15).unwrap(), 0),
            Plan::periodic(Interval::from_minutes(120).unwrap(), 15 * 60),
            Plan::periodic(Interval::from_minutes(1440).unwrap(), 59 * 60),
            Plan::periodic(Interval::from_minutes(45).unwrap(), 0),
            Plan::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 7).unwrap()),
            Plan::daily(
                Weekdays::SUNDAY | Weekdays::SATURDAY,
                NaiveTime::from_hms_opt(0, 0, 0).unwrap(),
            ),
            Plan::daily(Weekdays::NONE, NaiveTime::from_hms_opt(1, 0, 0).unwrap()),
        ];
        for plan in plans {
            for shift in [0, 330 * 60, -1439 * 60, 3600] {
                let triggers = ShiftedPlan::new(plan, shift);
                let pattern = triggers.pattern();
                for from in (-86_400 * 3..86_400 * 30).step_by(86_400 / 7 + 13) {
                    for length in [0, 1, 59, 3_600, 86_400, 7 * 86_400 - 1, 7 * 86_400, 20 * 86_400] {
                        let to = from + length;
                        let mut stepped = 0;
                        let mut at = from - 1;
                        while let Some(next) = triggers.after(at).filter(|&next| next < to) {
                            stepped += 1;
                            at = next;
                        }
                        assert_eq!(pattern.count_in(from, to), stepped, "{triggers:?} [{from}, {to})");
                    }
                }
            }
        }
    }

    #[test]
    fn intervals_in_words() {
        let words = |minutes| Interval::from_minutes(minutes).unwrap().to_string();
        assert_eq!(words(1), "1 minute");
        assert_eq!(words(5), "5 minutes");
        assert_eq!(words(90), "90 minutes");
        assert_eq!(words(60), "1 hour");
        assert_eq!(words(720), "12 hours");
        assert_eq!(words(1440), "24 hours");
    }
}
