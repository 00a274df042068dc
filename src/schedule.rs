//! The validated, compiled schedule and the run computation.

use core::fmt;
use core::iter::FusedIterator;

use chrono::{DateTime, NaiveTime, Timelike, Utc, Weekday};

use crate::error::Error;
use crate::time::{self, DAY_U32, MINUTE};
use crate::window::Window;

/// A set of days of the week (UTC days for a [`Schedule`]'s daily runs).
///
/// # Example
///
/// ```
/// use backup_schedule::Weekdays;
/// use chrono::Weekday;
///
/// assert!(Weekdays::WORKDAYS.contains(Weekday::Fri));
/// assert!(!Weekdays::WORKDAYS.contains(Weekday::Sat));
/// assert_eq!(Weekdays::WEEKENDS, Weekdays::only(Weekday::Sat).with(Weekday::Sun));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Weekdays(u8);

impl Weekdays {
    /// No day at all: a daily schedule on it never runs.
    pub const NONE: Weekdays = Weekdays(0);
    /// Every day of the week.
    pub const EVERYDAY: Weekdays = Weekdays(0b111_1111);
    /// Monday to Friday.
    pub const WORKDAYS: Weekdays = Weekdays(0b011_1110);
    /// Saturday and Sunday.
    pub const WEEKENDS: Weekdays = Weekdays(0b100_0001);

    /// The set of just `day`.
    pub const fn only(day: Weekday) -> Weekdays {
        Weekdays(1 << day.num_days_from_sunday())
    }

    /// This set with `day` added.
    pub const fn with(self, day: Weekday) -> Weekdays {
        Weekdays(self.0 | Weekdays::only(day).0)
    }

    /// Whether `day` is in the set.
    pub const fn contains(self, day: Weekday) -> bool {
        self.0 & Weekdays::only(day).0 != 0
    }

    /// Whether the set has no day.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The days in the set, Sunday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        const SUNDAY_FIRST: [Weekday; 7] = [
            Weekday::Sun,
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
        ];
        SUNDAY_FIRST.into_iter().filter(move |&day| self.contains(day))
    }

    /// Whether day-of-week `day` (0 = Sunday, as the engine counts) is in
    /// the set.
    #[inline]
    pub(crate) const fn contains_day_of_week(self, day: u32) -> bool {
        day < 7 && self.0 & (1 << day) != 0
    }

    /// Both copies of the week side by side (bits 0..14), so that a search
    /// over seven consecutive days never wraps.
    #[inline]
    fn twice(self) -> u32 {
        u32::from(self.0) | (u32::from(self.0) << 7)
    }

    /// Days from day-of-week `day` (0 = Sunday) forward to the first day in
    /// the set at or after day `day + from` (`from` is 0 or 1): `from..=from + 6`,
    /// or `None` for the empty set.
    #[inline]
    fn days_ahead(self, day: u32, from: u32) -> Option<u32> {
        let skip = (self.twice() >> (day + from)).trailing_zeros();
        (skip < 7).then_some(from + skip)
    }

    /// Days from day-of-week `day` back to the last day in the set at or
    /// before day `day - from` (`from` is 0 or 1): `from..=from + 6`, or
    /// `None` for the empty set.
    #[inline]
    fn days_back(self, day: u32, from: u32) -> Option<u32> {
        // Position `day + 7` of the doubled week is `day`; keep the positions
        // at or before `day + 7 - from`.
        let upto = day + 7 - from;
        let before = self.twice() & ((2 << upto) - 1);
        if before == 0 {
            return None;
        }
        Some(upto - (31 - before.leading_zeros()) + from)
    }
}

impl fmt::Debug for Weekdays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// The interval of a periodic schedule: a whole number of minutes that
/// divides a day, so the grid of runs restarts at every UTC midnight.
///
/// # Example
///
/// ```
/// use backup_schedule::Interval;
///
/// assert_eq!(Interval::from_minutes(15)?.minutes(), 15);
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
            return Err(Error::Invalid {
                path: "periodicallyEvery".into(),
                expected: "an interval in minutes that divides a day (1440 minutes)",
                found: minutes.to_string(),
            });
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

/// What makes a [`Schedule`] want a run: its *triggers*.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum Trigger {
    /// A run each time a new restore point appears in the source repository;
    /// there are no timed triggers.
    Immediate,
    /// A run at `at` UTC on each of `days` (UTC days).
    Daily {
        /// The UTC days of the week.
        days: Weekdays,
        /// The UTC time of day, whole seconds.
        at: NaiveTime,
    },
    /// A run every `every`, counted from 00:00 UTC.
    Periodic {
        /// The grid's spacing.
        every: Interval,
    },
}

/// The triggers in the form the computation wants.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Plan {
    Immediate,
    Daily {
        days: Weekdays,
        at_secs: u32,
    },
    Periodic {
        every_secs: u32,
        /// [`Reciprocal::of`] `every_secs`: the hot path multiplies instead of
        /// dividing.
        every: Reciprocal,
    },
}

impl fmt::Debug for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Plan::Immediate => f.write_str("Immediate"),
            Plan::Daily { days, at_secs } => f
                .debug_struct("Daily")
                .field("days", days)
                .field("at_secs", at_secs)
                .finish(),
            // The reciprocal is a cache of `every_secs`.
            Plan::Periodic { every_secs, .. } => f
                .debug_struct("Periodic")
                .field("every_secs", every_secs)
                .finish(),
        }
    }
}

/// Division of a second of the day by a fixed divisor as a multiplication
/// and a shift, which takes a few cycles where a division takes a dozen or
/// more.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Reciprocal(u32);

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

    /// `x % divisor` for `x` below a day.
    #[inline]
    fn rem(self, x: u32, divisor: u32) -> u32 {
        let quotient = ((u64::from(x) * u64::from(self.0)) >> Reciprocal::SHIFT) as u32;
        x - quotient * divisor
    }
}

/// A validated backup copy job schedule: its triggers and its backup window.
///
/// A run happens at the first instant at or after a trigger at which the
/// window is open; triggers that wait for the same opening give one run. The
/// crate documentation states the semantics in full.
///
/// Every query takes the reference instant as an argument (nothing reads the
/// clock), runs in constant time and allocates nothing. A `Schedule` is
/// `Copy` and at most 64 bytes.
///
/// # Example
///
/// ```
/// use backup_schedule::{Schedule, Weekdays, Window};
/// use chrono::{NaiveTime, TimeZone, Utc};
///
/// let mut hours = [false; 168];
/// for day in 1..=5 {
///     for hour in 20..23 {
///         hours[day * 24 + hour] = true;
///     }
/// }
/// let schedule = Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?
///     .with_window(Window::new(&hours, 180)?);
///
/// // Friday's 22:00 UTC trigger is Saturday 01:00 local: it waits for Monday 20:00 local.
/// let saturday = Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap();
/// assert_eq!(
///     schedule.next_run(saturday),
///     Some(Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, 0).unwrap()),
/// );
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Schedule {
    plan: Plan,
    /// Always present; every hour allowed when the policy has no window.
    window: Window,
    window_enabled: bool,
    /// Whether `window` allows every hour (with or without `window_enabled`):
    /// then a run is its trigger, and the hot path skips the window.
    always_open: bool,
}

impl fmt::Debug for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `always_open` is a cache of `window`.
        f.debug_struct("Schedule")
            .field("plan", &self.plan)
            .field("window", &self.window)
            .field("window_enabled", &self.window_enabled)
            .finish()
    }
}

impl Schedule {
    /// A schedule that runs when a new restore point appears.
    pub fn immediate() -> Schedule {
        Schedule::from_plan(Plan::Immediate)
    }

    /// A schedule that runs at `at` (UTC) on `days` (UTC days).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with path `dailyTime` when `at` has a fraction of a
    /// second (the API's times are whole seconds).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Schedule, Weekdays};
    /// use chrono::{NaiveTime, TimeZone, Utc};
    ///
    /// let at = NaiveTime::from_hms_opt(3, 30, 0).unwrap();
    /// let schedule = Schedule::daily(Weekdays::WEEKENDS, at)?;
    /// let friday = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    /// assert_eq!(schedule.next_run(friday), Some(Utc.with_ymd_and_hms(2026, 11, 28, 3, 30, 0).unwrap()));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn daily(days: Weekdays, at: NaiveTime) -> Result<Schedule, Error> {
        if at.nanosecond() != 0 {
            return Err(Error::Invalid {
                path: "dailyTime".into(),
                expected: "a time of day in whole seconds",
                found: at.to_string(),
            });
        }
        Ok(Schedule::from_plan(Plan::Daily {
            days,
            at_secs: at.num_seconds_from_midnight(),
        }))
    }

    /// A schedule that runs every `every`, on a grid counted from 00:00 UTC.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Interval, Schedule};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let schedule = Schedule::periodic(Interval::from_minutes(15)?);
    /// let t = Utc.with_ymd_and_hms(2026, 11, 28, 10, 7, 0).unwrap();
    /// assert_eq!(schedule.next_run(t), Some(Utc.with_ymd_and_hms(2026, 11, 28, 10, 15, 0).unwrap()));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn periodic(every: Interval) -> Schedule {
        Schedule::from_plan(Plan::Periodic {
            every_secs: every.secs,
            every: Reciprocal::of(every.secs),
        })
    }

    fn from_plan(plan: Plan) -> Schedule {
        Schedule {
            plan,
            window: Window::always_open(),
            window_enabled: false,
            always_open: true,
        }
    }

    /// This schedule held to `window` (the API's `backupCopyWindowEnabled: true`).
    pub fn with_window(self, window: Window) -> Schedule {
        Schedule {
            window,
            window_enabled: true,
            always_open: window.is_always_open(),
            ..self
        }
    }

    /// This schedule with no window: every hour allowed.
    pub fn without_window(self) -> Schedule {
        Schedule::from_plan(self.plan)
    }

    /// The triggers.
    pub fn trigger(&self) -> Trigger {
        match self.plan {
            Plan::Immediate => Trigger::Immediate,
            Plan::Daily { days, at_secs } => Trigger::Daily {
                days,
                at: NaiveTime::from_num_seconds_from_midnight_opt(at_secs, 0)
                    .expect("at_secs < 86400 by construction"),
            },
            Plan::Periodic { every_secs, .. } => Trigger::Periodic {
                every: Interval { secs: every_secs },
            },
        }
    }

    /// The backup window, when the schedule has one.
    pub fn window(&self) -> Option<&Window> {
        self.window_enabled.then_some(&self.window)
    }

    /// The earliest run strictly after `after`, for daily and periodic
    /// schedules.
    ///
    /// `None` for [`Trigger::Immediate`] (its runs follow restore points: see
    /// [`start_for_restore_point`](Schedule::start_for_restore_point)), when
    /// the window never opens or a daily schedule has no day, and when the run
    /// would be past what [`DateTime<Utc>`] can hold. Constant time; no
    /// allocation.
    ///
    /// # Example
    ///
    /// See [`Schedule`].
    #[inline]
    pub fn next_run(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (date, day_of_week, in_day) = time::split(after);
        time::advance(date, in_day, self.run_ahead(day_of_week, in_day)?)
    }

    /// The runs strictly after `after`, earliest first: the same as calling
    /// [`next_run`](Schedule::next_run) again from each run.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Interval, Schedule};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let schedule = Schedule::periodic(Interval::from_minutes(240)?);
    /// let t = Utc.with_ymd_and_hms(2026, 11, 28, 21, 0, 0).unwrap();
    /// let runs: Vec<_> = schedule.upcoming(t).take(2).collect();
    /// assert_eq!(runs, [
    ///     Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap(),
    ///     Utc.with_ymd_and_hms(2026, 11, 29, 4, 0, 0).unwrap(),
    /// ]);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    #[inline]
    pub fn upcoming(&self, after: DateTime<Utc>) -> Runs {
        Runs {
            schedule: *self,
            cursor: Cursor::After(after),
            before: None,
        }
    }

    /// The runs in `[start, end)`, earliest first.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Schedule, Weekdays};
    /// use chrono::{NaiveTime, TimeZone, Utc};
    ///
    /// let schedule = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(0, 0, 0).unwrap())?;
    /// let start = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    /// let end = Utc.with_ymd_and_hms(2026, 12, 4, 0, 0, 0).unwrap();
    /// assert_eq!(schedule.runs_between(start, end).count(), 3); // Dec 1, 2, 3
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn runs_between(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> Runs {
        Runs {
            schedule: *self,
            // Runs are whole seconds: "at or after start" is "after ceil(start) - 1",
            // which is before chrono's range when `start` is its first second.
            cursor: self
                .run_after(time::ceil_secs(start) - 1)
                .and_then(time::from_secs)
                .map_or(Cursor::Ended, Cursor::At),
            before: Some(end),
        }
    }

    /// When a copy started by a restore point that appears at `t` begins: the
    /// first instant at or after `t` at which the window is open. This is the
    /// run of an [`Immediate`](Trigger::Immediate) schedule; `None` when the
    /// window never opens.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Schedule, Window};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let mut hours = [false; 168];
    /// hours[6 * 24 + 23] = true; // Saturday 23:00-24:00
    /// let schedule = Schedule::immediate().with_window(Window::new(&hours, 0)?);
    /// let t = Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap(); // a Saturday
    /// assert_eq!(
    ///     schedule.start_for_restore_point(t),
    ///     Some(Utc.with_ymd_and_hms(2026, 11, 28, 23, 0, 0).unwrap()),
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    #[inline]
    pub fn start_for_restore_point(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.window.next_open(t)
    }

    /// Whether the window is open at `t` (always, without a window).
    #[inline]
    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        self.window.is_open(t)
    }

    /// The first instant at or after `t` at which the window is open; see
    /// [`Window::next_open`].
    #[inline]
    pub fn next_open(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.window.next_open(t)
    }

    /// The next instant strictly after `t` at which the window closes: the
    /// deadline of a run started at `t`; see [`Window::next_close`].
    #[inline]
    pub fn next_close(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.window.next_close(t)
    }

    /// The earliest run strictly after Unix second `after`.
    #[inline]
    pub(crate) fn run_after(&self, after: i64) -> Option<i64> {
        let week = time::week_position(after) as u32;
        let ahead = self.run_ahead(week / DAY_U32, week % DAY_U32)?;
        Some(after + i64::from(ahead))
    }

    /// The first trigger strictly after Unix second `secs`.
    #[inline]
    pub(crate) fn trigger_after(&self, secs: i64) -> Option<i64> {
        let week = time::week_position(secs) as u32;
        let ahead = self.trigger_ahead(week / DAY_U32, week % DAY_U32)?;
        Some(secs + i64::from(ahead))
    }

    /// Seconds from second `in_day` of UTC day-of-week `day_of_week` to the
    /// earliest run strictly after it: at most two weeks.
    ///
    /// The runs are `{ first open instant >= trigger }`. That function of the
    /// trigger never decreases, so the earliest run after `t` comes from the
    /// earliest trigger whose run is after `t`. A trigger at or before `t`
    /// has its run after `t` only if the window is closed all the way from it
    /// to `t`: then it is in the closed stretch that contains `t`, and its run
    /// is the next opening. Otherwise the run comes from the first trigger
    /// after `t`, which also runs at that opening when it comes before it.
    #[inline]
    fn run_ahead(&self, day_of_week: u32, in_day: u32) -> Option<u32> {
        let trigger = self.trigger_ahead(day_of_week, in_day)?;
        if self.always_open {
            return Some(trigger);
        }
        let week = day_of_week * DAY_U32 + in_day;
        let here = self.window.spot(week);
        if !here.open {
            let opens = self.window.open_ahead(here)?;
            if trigger <= opens || self.trigger_back(day_of_week, in_day)? <= self.window.closed_back(here)? {
                return Some(opens);
            }
        }
        let wait = self.window.open_ahead(self.window.spot(week + trigger))?;
        Some(trigger + wait)
    }

    /// Seconds from second `in_day` of day-of-week `day_of_week` to the first
    /// trigger strictly after it: 1 second to a week.
    #[inline]
    fn trigger_ahead(&self, day_of_week: u32, in_day: u32) -> Option<u32> {
        match self.plan {
            Plan::Immediate => None,
            Plan::Periodic { every_secs, every } => Some(every_secs - every.rem(in_day, every_secs)),
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
    fn trigger_back(&self, day_of_week: u32, in_day: u32) -> Option<u32> {
        match self.plan {
            Plan::Immediate => None,
            Plan::Periodic { every_secs, every } => Some(every.rem(in_day, every_secs)),
            Plan::Daily { days, at_secs } => {
                // Today's trigger counts when it has come.
                let from = u32::from(in_day < at_secs);
                Some(days.days_back(day_of_week, from)? * DAY_U32 + in_day - at_secs)
            }
        }
    }
}

/// The runs of a [`Schedule`], earliest first, from
/// [`Schedule::upcoming`] or [`Schedule::runs_between`].
///
/// Each run is computed from the one before it as its anchor
/// (`next_run(previous)`), in constant time and without allocating. The
/// iterator ends when there is no further run (or none before the end of the
/// range) and stays ended.
#[derive(Clone, Debug)]
pub struct Runs {
    schedule: Schedule,
    cursor: Cursor,
    /// Exclusive upper bound.
    before: Option<DateTime<Utc>>,
}

/// Where [`Runs`] stands.
#[derive(Clone, Copy, Debug)]
enum Cursor {
    /// The next run is the earliest run strictly after this instant (the
    /// previous run, or where the runs start).
    After(DateTime<Utc>),
    /// The next run is this one, already found.
    At(DateTime<Utc>),
    /// No more runs.
    Ended,
}

impl Iterator for Runs {
    type Item = DateTime<Utc>;

    #[inline]
    fn next(&mut self) -> Option<DateTime<Utc>> {
        let run = match self.cursor {
            Cursor::After(after) => self.schedule.next_run(after),
            Cursor::At(run) => Some(run),
            Cursor::Ended => None,
        }
        .filter(|&run| self.before.is_none_or(|before| run < before));
        self.cursor = run.map_or(Cursor::Ended, Cursor::After);
        run
    }
}

impl FusedIterator for Runs {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_distances() {
        let sunday_only = Weekdays::only(Weekday::Sun);
        assert_eq!(sunday_only.days_ahead(6, 1), Some(1));
        assert_eq!(sunday_only.days_ahead(0, 1), Some(7));
        assert_eq!(sunday_only.days_ahead(0, 0), Some(0));
        assert_eq!(sunday_only.days_back(0, 1), Some(7));
        assert_eq!(sunday_only.days_back(0, 0), Some(0));
        assert_eq!(sunday_only.days_back(1, 1), Some(1));
        assert_eq!(Weekdays::WORKDAYS.days_ahead(5, 1), Some(3)); // Fri -> Mon
        assert_eq!(Weekdays::WORKDAYS.days_ahead(6, 0), Some(2)); // Sat -> Mon
        assert_eq!(Weekdays::WORKDAYS.days_back(1, 1), Some(3)); // Mon -> Fri
        assert_eq!(Weekdays::WORKDAYS.days_back(0, 0), Some(2)); // Sun -> Fri
        assert_eq!(Weekdays::NONE.days_ahead(3, 0), None);
        assert_eq!(Weekdays::NONE.days_back(3, 1), None);
    }

    #[test]
    fn reciprocal_division_is_exact_for_every_interval_and_second() {
        for minutes in (1..=1440).filter(|minutes| 1440 % minutes == 0) {
            let divisor = minutes * 60;
            let every = Reciprocal::of(divisor);
            for x in 0..86_400 {
                assert_eq!(every.rem(x, divisor), x % divisor, "{x} % {divisor}");
            }
        }
    }

    #[test]
    fn schedule_fits_in_64_bytes() {
        assert!(core::mem::size_of::<Schedule>() <= 64);
    }
}
