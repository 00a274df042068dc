//! The validated, compiled schedule and the run computation.

use core::fmt;
use core::iter::FusedIterator;

use chrono::{DateTime, NaiveTime, Timelike, Utc, Weekday};

use crate::error::Error;
use crate::time::{self, DAY, MINUTE};
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

    /// Days from day-of-week `day` (0 = Sunday) forward to the next day in the
    /// set after it: 1..=7, or `None` for the empty set.
    #[inline]
    fn days_until_next(self, day: u32) -> Option<i64> {
        if self.is_empty() {
            return None;
        }
        // Two copies of the week side by side, so the search never wraps.
        let twice = u32::from(self.0) | (u32::from(self.0) << 7);
        Some(i64::from((twice >> (day + 1)).trailing_zeros()) + 1)
    }

    /// Days from day-of-week `day` back to the last day in the set before it:
    /// 1..=7, or `None` for the empty set.
    #[inline]
    fn days_since_previous(self, day: u32) -> Option<i64> {
        if self.is_empty() {
            return None;
        }
        // Positions day..day+7 of the doubled week are the seven days before
        // `day` (at `day + 7`), a week ago first.
        let twice = u32::from(self.0) | (u32::from(self.0) << 7);
        let before = twice & ((1 << (day + 7)) - 1);
        let last = 31 - before.leading_zeros();
        Some(i64::from(day + 7 - last))
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
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Plan {
    Immediate,
    Daily { days: Weekdays, at_secs: u32 },
    Periodic { every_secs: u32 },
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
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Schedule {
    plan: Plan,
    /// Always present; every hour allowed when the policy has no window, so
    /// the hot path never branches on it.
    window: Window,
    window_enabled: bool,
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
        })
    }

    fn from_plan(plan: Plan) -> Schedule {
        Schedule {
            plan,
            window: Window::always_open(),
            window_enabled: false,
        }
    }

    /// This schedule held to `window` (the API's `backupCopyWindowEnabled: true`).
    pub fn with_window(self, window: Window) -> Schedule {
        Schedule {
            window,
            window_enabled: true,
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
            Plan::Periodic { every_secs } => Trigger::Periodic {
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
        time::from_secs(self.run_after(after.timestamp())?)
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
    pub fn upcoming(&self, after: DateTime<Utc>) -> Runs {
        Runs {
            schedule: *self,
            after: Some(after.timestamp()),
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
            // Runs are whole seconds: "at or after start" is "after ceil(start) - 1".
            after: Some(time::ceil_secs(start) - 1),
            before: Some(time::ceil_secs(end)),
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
    pub fn start_for_restore_point(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.window.next_open(t)
    }

    /// Whether the window is open at `t` (always, without a window).
    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        self.window.is_open(t)
    }

    /// The first instant at or after `t` at which the window is open; see
    /// [`Window::next_open`].
    pub fn next_open(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.window.next_open(t)
    }

    /// The next instant strictly after `t` at which the window closes: the
    /// deadline of a run started at `t`; see [`Window::next_close`].
    pub fn next_close(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.window.next_close(t)
    }

    /// The earliest run strictly after Unix second `after`.
    ///
    /// The runs are `{ open_at_or_after(trigger) }`. That function of the
    /// trigger never decreases, so the earliest run after `after` comes from
    /// the earliest trigger whose run is after `after`. A trigger at or before
    /// `after` has its run after `after` only if the window is closed all the
    /// way from it to `after`: then it is in the closed stretch that contains
    /// `after`, and its run is the next opening. Otherwise the run comes from
    /// the first trigger after `after`.
    #[inline]
    pub(crate) fn run_after(&self, after: i64) -> Option<i64> {
        if let Plan::Immediate = self.plan {
            return None;
        }
        if !self.window.is_open_at(after) {
            let closed_since = self.window.closed_since(after)?;
            if self.trigger_at_or_before(after)? >= closed_since {
                return self.window.open_at_or_after(after);
            }
        }
        self.window.open_at_or_after(self.trigger_after(after)?)
    }

    /// The first trigger strictly after Unix second `secs`.
    #[inline]
    pub(crate) fn trigger_after(&self, secs: i64) -> Option<i64> {
        match self.plan {
            Plan::Immediate => None,
            Plan::Periodic { every_secs } => {
                let every = i64::from(every_secs);
                Some((secs.div_euclid(every) + 1) * every)
            }
            Plan::Daily { days, at_secs } => {
                let (day, in_day) = (secs.div_euclid(DAY), secs.rem_euclid(DAY));
                let at = i64::from(at_secs);
                let day_of_week = time::day_of_week(day);
                if in_day < at && days.0 & (1 << day_of_week) != 0 {
                    return Some(day * DAY + at);
                }
                Some((day + days.days_until_next(day_of_week)?) * DAY + at)
            }
        }
    }

    /// The last trigger at or before Unix second `secs`.
    #[inline]
    fn trigger_at_or_before(&self, secs: i64) -> Option<i64> {
        match self.plan {
            Plan::Immediate => None,
            Plan::Periodic { every_secs } => {
                let every = i64::from(every_secs);
                Some(secs.div_euclid(every) * every)
            }
            Plan::Daily { days, at_secs } => {
                let (day, in_day) = (secs.div_euclid(DAY), secs.rem_euclid(DAY));
                let at = i64::from(at_secs);
                let day_of_week = time::day_of_week(day);
                if in_day >= at && days.0 & (1 << day_of_week) != 0 {
                    return Some(day * DAY + at);
                }
                Some((day - days.days_since_previous(day_of_week)?) * DAY + at)
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
    /// The previous run (or the starting point); `None` once ended.
    after: Option<i64>,
    /// Exclusive upper bound in whole seconds.
    before: Option<i64>,
}

impl Iterator for Runs {
    type Item = DateTime<Utc>;

    #[inline]
    fn next(&mut self) -> Option<DateTime<Utc>> {
        let after = self.after?;
        let run = self
            .schedule
            .run_after(after)
            .filter(|&run| self.before.is_none_or(|before| run < before))
            .and_then(|run| Some((run, time::from_secs(run)?)));
        match run {
            Some((secs, instant)) => {
                self.after = Some(secs);
                Some(instant)
            }
            None => {
                self.after = None;
                None
            }
        }
    }
}

impl FusedIterator for Runs {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_distances() {
        let sunday_only = Weekdays::only(Weekday::Sun);
        assert_eq!(sunday_only.days_until_next(6), Some(1));
        assert_eq!(sunday_only.days_until_next(0), Some(7));
        assert_eq!(sunday_only.days_since_previous(0), Some(7));
        assert_eq!(sunday_only.days_since_previous(1), Some(1));
        assert_eq!(Weekdays::WORKDAYS.days_until_next(5), Some(3)); // Fri -> Mon
        assert_eq!(Weekdays::WORKDAYS.days_since_previous(1), Some(3)); // Mon -> Fri
        assert_eq!(Weekdays::NONE.days_until_next(3), None);
    }

    #[test]
    fn schedule_fits_in_64_bytes() {
        assert!(core::mem::size_of::<Schedule>() <= 64);
    }
}
