//! A backup copy job's validated schedule, and its constant-time run
//! computation on the position in the week.

use core::fmt;

use chrono::{DateTime, NaiveTime, Utc};

use crate::describe;
use crate::engine::Engine;
use crate::error::Error;
use crate::fixed::{count_fixed, Fixed};
use crate::gate::StartGate;
use crate::offset::MinuteOffset;
use crate::run_index::RunIndex;
use crate::time::{self, DAY_U32};
use crate::trigger::{Interval, Plan, ShiftedPlan, Trigger};
use crate::weekdays::Weekdays;
use crate::window::Window;

/// A validated backup copy job schedule: its triggers and its backup window.
///
/// A run happens at the first instant at or after a trigger at which the
/// window is open; triggers that wait for the same opening give one run. The
/// crate documentation states the semantics in full; the queries are those of
/// [`Timetable`](crate::Timetable).
///
/// Every query takes the reference instant as an argument (nothing reads the
/// clock), runs in constant time and allocates nothing. A `Schedule` is
/// `Copy` and at most 64 bytes. [`Display`](fmt::Display) prints
/// [`describe`](crate::Timetable::describe)'s sentence.
///
/// # Example
///
/// ```
/// use backup_schedule::{Schedule, Timetable, Weekdays, Window};
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
/// assert_eq!(
///     schedule.to_string(),
///     "Workdays at 22:00 UTC, held to the window Mon-Fri 20:00-23:00 (UTC+03:00)",
/// );
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Schedule {
    /// `Plan::None` for `Immediate`; read at UTC unless
    /// [`with_trigger_offset`](Schedule::with_trigger_offset) says otherwise.
    plan: ShiftedPlan,
    /// Always present; every hour allowed when the policy has no window.
    window: Window,
    window_enabled: bool,
    /// Whether `window` allows every hour (with or without `window_enabled`):
    /// then a run is its trigger, and the hot path skips the window.
    always_open: bool,
    /// What `prev_run` reads precomputed of `plan` under `window` (a week's
    /// runs when there are at most four, the weekly runs of a daily plan or
    /// a whole-hour grid, or where a grid's trigger before a closing lies);
    /// a cache of `plan` and `window`.
    runs: RunIndex,
}

impl fmt::Debug for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `always_open` and `runs` are caches of `plan` and `window`.
        f.debug_struct("Schedule")
            .field("plan", &self.plan.plan)
            .field("trigger_offset_secs", &self.plan.shift())
            .field("window", &self.window)
            .field("window_enabled", &self.window_enabled)
            .finish()
    }
}

impl Schedule {
    /// A schedule that runs when a new restore point appears: no timed
    /// triggers (see [`Timetable::explain_event`](crate::Timetable::explain_event)).
    pub fn immediate() -> Schedule {
        Schedule::from_plan(Plan::None)
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
    /// use backup_schedule::{Schedule, Timetable, Weekdays};
    /// use chrono::{NaiveTime, TimeZone, Utc};
    ///
    /// let at = NaiveTime::from_hms_opt(3, 30, 0).unwrap();
    /// let schedule = Schedule::daily(Weekdays::WEEKENDS, at)?;
    /// let friday = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    /// assert_eq!(schedule.next_run(friday), Some(Utc.with_ymd_and_hms(2026, 11, 28, 3, 30, 0).unwrap()));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn daily(days: Weekdays, at: NaiveTime) -> Result<Schedule, Error> {
        Ok(Schedule::from_plan(Plan::daily_whole_seconds(days, at)?))
    }

    /// A schedule that runs every `every`, on a grid counted from 00:00 UTC.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Interval, Schedule, Timetable};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let schedule = Schedule::periodic(Interval::from_minutes(15)?);
    /// let t = Utc.with_ymd_and_hms(2026, 11, 28, 10, 7, 0).unwrap();
    /// assert_eq!(schedule.next_run(t), Some(Utc.with_ymd_and_hms(2026, 11, 28, 10, 15, 0).unwrap()));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn periodic(every: Interval) -> Schedule {
        Schedule::from_plan(Plan::periodic(every, 0))
    }

    fn from_plan(plan: Plan) -> Schedule {
        Schedule::new(ShiftedPlan::new(plan, 0), Window::always_open(), false)
    }

    /// Every schedule is made here, so that the caches follow `plan` and
    /// `window`.
    fn new(plan: ShiftedPlan, window: Window, window_enabled: bool) -> Schedule {
        let always_open = window.is_always_open();
        Schedule {
            plan,
            window,
            window_enabled,
            always_open,
            runs: if always_open {
                RunIndex::EMPTY
            } else {
                RunIndex::new(plan, &window)
            },
        }
    }

    /// This schedule held to `window` (the API's `backupCopyWindowEnabled: true`).
    pub fn with_window(self, window: Window) -> Schedule {
        Schedule::new(self.plan, window, true)
    }

    /// This schedule with no window: every hour allowed.
    pub fn without_window(self) -> Schedule {
        Schedule::new(self.plan, Window::always_open(), false)
    }

    /// This schedule with its triggers read at `offset` from UTC: the daily
    /// time, the days and the periodic grid's midnight are local time
    /// UTC + `offset`, not UTC. The API's own reading is UTC
    /// ([`MinuteOffset::UTC`]); a reader who takes `dailyTime` in the
    /// window's frame passes the window's `minuteOffset`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{MinuteOffset, Schedule, Timetable, Weekdays};
    /// use chrono::{NaiveTime, TimeZone, Utc};
    ///
    /// let at_22 = Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?;
    /// let local = at_22.with_trigger_offset(MinuteOffset::from_minutes(180)?);
    /// // 22:00 at UTC+03:00 is 19:00 UTC.
    /// let monday = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    /// assert_eq!(local.next_run(monday), Some(Utc.with_ymd_and_hms(2026, 11, 30, 19, 0, 0).unwrap()));
    /// assert_eq!(local.to_string(), "Workdays at 22:00 UTC+03:00, at any hour");
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn with_trigger_offset(self, offset: MinuteOffset) -> Schedule {
        let plan = ShiftedPlan::new(self.plan.plan, offset.seconds());
        Schedule::new(plan, self.window, self.window_enabled)
    }

    /// The offset from UTC the triggers are read at: UTC unless set by
    /// [`with_trigger_offset`](Schedule::with_trigger_offset).
    pub fn trigger_offset(&self) -> MinuteOffset {
        MinuteOffset::from_minutes(self.plan.shift() / 60).unwrap_or_default()
    }

    /// The triggers.
    pub fn trigger(&self) -> Trigger {
        self.plan.plan.trigger().unwrap_or(Trigger::Immediate)
    }

    /// The backup window, when the schedule has one.
    pub fn window(&self) -> Option<&Window> {
        self.window_enabled.then_some(&self.window)
    }

    /// The fast path's view of this schedule.
    #[inline]
    pub(crate) fn fixed(&self) -> Fixed<'_, Window> {
        Fixed {
            plan: self.plan,
            gate: &self.window,
            always_open: self.always_open,
        }
    }

    /// This schedule with its window in the frame of a zone's wall clock
    /// (offset 0): the zoned adapter runs it on wall-clock seconds.
    #[cfg_attr(not(feature = "tz"), allow(dead_code))] // for zoned schedules
    pub(crate) fn in_wall_frame(self) -> Schedule {
        let plan = ShiftedPlan::new(self.plan.plan, 0);
        Schedule::new(plan, self.window.with_offset_secs(0), self.window_enabled)
    }

    /// Seconds back from second `in_day` (up to [`DAY_U32`]) of UTC
    /// day-of-week `day_of_week` to the latest run strictly before it
    /// ([`Fixed::run_behind`]), the way the run index allows.
    #[inline]
    fn run_behind(&self, day_of_week: u32, in_day: u32) -> Option<u32> {
        if self.always_open {
            return self.plan.behind(day_of_week, in_day);
        }
        self.runs.run_behind(self.fixed(), day_of_week, in_day)
    }

    /// The sentence, with the triggers' times of day on `triggers` and the
    /// window's hours on `window`.
    pub(crate) fn describe_in(
        &self,
        f: &mut fmt::Formatter<'_>,
        triggers: describe::Clock<'_>,
        window: describe::Clock<'_>,
    ) -> fmt::Result {
        describe::write_triggers(f, self.plan.plan.trigger(), describe::NO_TRIGGER_COPY, triggers)?;
        describe::write_window(f, "window", self.window(), window)
    }
}

impl Engine for Schedule {
    type Triggers = ShiftedPlan;
    type Gate = Window;
    type Deadline = Window;

    #[inline]
    fn triggers(&self) -> ShiftedPlan {
        self.plan
    }

    #[inline]
    fn gate(&self) -> Window {
        self.window
    }

    #[inline]
    fn deadline_window(&self) -> Window {
        self.window
    }

    fn has_deadline(&self) -> bool {
        !self.always_open
    }

    #[inline]
    fn run_after(&self, after: i64) -> Option<i64> {
        let week = time::week_position(after) as u32;
        let ahead = self.fixed().run_ahead(week / DAY_U32, week % DAY_U32)?;
        Some(after + i64::from(ahead))
    }

    #[inline]
    fn next_run_at(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (date, day_of_week, in_day) = time::split(after);
        time::advance(date, in_day, self.fixed().run_ahead(day_of_week, in_day)?)
    }

    #[inline]
    fn run_before(&self, before: i64) -> Option<i64> {
        let week = time::week_position(before) as u32;
        let back = self.run_behind(week / DAY_U32, week % DAY_U32)?;
        before.checked_sub(i64::from(back))
    }

    #[inline]
    fn prev_run_at(&self, before: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (date, day_of_week, in_day) = time::split(before);
        // Runs are whole seconds: strictly before `before` is strictly
        // before its next whole second when it has a fraction.
        let in_day = in_day + u32::from(before.timestamp_subsec_nanos() > 0);
        time::retreat(date, in_day, self.run_behind(day_of_week, in_day)?)
    }

    fn count_runs(&self, from: i64, to: i64) -> u64 {
        count_fixed(
            self,
            self.plan,
            StartGate::One(self.window),
            self.always_open,
            from,
            to,
        )
    }

    fn write_sentence(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let offset = self.window().map_or(MinuteOffset::UTC, Window::offset);
        let triggers = match self.trigger_offset() {
            MinuteOffset::UTC => describe::Clock::Utc,
            offset => describe::Clock::Offset(offset),
        };
        self.describe_in(f, triggers, describe::Clock::Offset(offset))
    }
}

impl fmt::Display for Schedule {
    /// The sentence of [`describe`](crate::Timetable::describe): the triggers
    /// in UTC, then the window (its text form and offset).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Interval, Schedule, Window};
    ///
    /// assert_eq!(Schedule::immediate().to_string(), "After each new restore point, at any hour");
    /// let every_hour = Schedule::periodic(Interval::from_minutes(60)?);
    /// assert_eq!(
    ///     every_hour.with_window(Window::always_open()).to_string(),
    ///     "Every hour from 00:00 UTC, held to a window that is always open",
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_sentence(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;

    /// Without a window the runs are the triggers: read at an offset, they
    /// are the UTC triggers of the local times, moved by the offset.
    #[test]
    fn a_trigger_offset_moves_the_triggers_by_it() {
        let schedules = [
            Schedule::periodic(Interval::from_minutes(120).unwrap()),
            Schedule::periodic(Interval::from_minutes(45).unwrap()),
            Schedule::daily(Weekdays::MONDAY, NaiveTime::from_hms_opt(1, 30, 0).unwrap()).unwrap(),
            Schedule::daily(Weekdays::WEEKENDS, NaiveTime::from_hms_opt(23, 0, 0).unwrap()).unwrap(),
        ];
        for schedule in schedules {
            for minutes in [330, -210, 1439, -1439, 60] {
                let shifted = schedule.with_trigger_offset(MinuteOffset::from_minutes(minutes).unwrap());
                assert_eq!(shifted.trigger_offset().minutes(), minutes);
                let shift = i64::from(minutes) * 60;
                for t in (1_764_460_800..1_764_460_800 + 9 * 86_400).step_by(3_331) {
                    let expected = schedule.run_after(t + shift).map(|run| run - shift);
                    assert_eq!(shifted.run_after(t), expected, "{shifted:?} after {t}");
                    assert_eq!(engine::run_after(&shifted, t), expected, "{shifted:?} after {t}");
                }
            }
        }
    }

    #[test]
    fn schedule_fits_in_64_bytes() {
        assert!(core::mem::size_of::<Schedule>() <= 64);
    }

    /// The week-position fast path and the rule written over the primitives
    /// are two computations of the same runs.
    #[test]
    fn fast_path_agrees_with_the_rule() {
        let window: Window = "Mon-Fri 20:00-23:00, Sat 01:00-02:00".parse().unwrap();
        let schedules = [
            Schedule::periodic(Interval::from_minutes(60).unwrap()),
            Schedule::periodic(Interval::from_minutes(15).unwrap()),
            Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap()).unwrap(),
            Schedule::daily(Weekdays::SUNDAY, NaiveTime::from_hms_opt(0, 30, 0).unwrap()).unwrap(),
        ];
        let shifts = [0, 330, -1439].map(|minutes| MinuteOffset::from_minutes(minutes).unwrap());
        for schedule in schedules
            .iter()
            .flat_map(|s| shifts.map(|shift| s.with_trigger_offset(shift)))
        {
            for offset in [0, 180, -210, 1439] {
                let held = schedule.with_window(window.with_minute_offset(offset).unwrap());
                for t in (1_764_460_800..1_764_460_800 + 15 * 86_400).step_by(1_777) {
                    assert_eq!(
                        held.run_after(t),
                        engine::run_after(&held, t),
                        "{held:?} after {t}"
                    );
                    assert_eq!(
                        held.run_before(t),
                        engine::run_before(&held, t),
                        "{held:?} before {t}"
                    );
                    // The instant paths: whole seconds, and a fraction after.
                    let at = DateTime::from_timestamp(t, 0).unwrap();
                    let later = DateTime::from_timestamp(t, 1).unwrap();
                    assert_eq!(
                        held.next_run_at(at),
                        engine::run_after(&held, t).and_then(time::from_secs)
                    );
                    assert_eq!(
                        held.prev_run_at(at),
                        engine::run_before(&held, t).and_then(time::from_secs)
                    );
                    assert_eq!(
                        held.next_run_at(later),
                        engine::run_after(&held, t).and_then(time::from_secs)
                    );
                    assert_eq!(
                        held.prev_run_at(later),
                        engine::run_before(&held, t + 1).and_then(time::from_secs)
                    );
                }
            }
        }
    }
}
