//! A backup job's validated schedule: daily or periodic triggers (with an
//! offset of the grid), permitted hours, a backup window that also ends a
//! run, and retries.

use core::fmt;

use chrono::{DateTime, NaiveTime, TimeDelta, Utc};

use crate::describe::{self, Clock};
use crate::engine::Engine;
use crate::error::Error;
use crate::fixed::{count_fixed, Fixed};
use crate::gate::StartGate;
use crate::offset::MinuteOffset;
use crate::time::{self, DAY_U32, MINUTE};
use crate::trigger::{Interval, Plan, ShiftedPlan, Trigger};
use crate::weekdays::Weekdays;
use crate::window::Window;

/// What `retryNumber` must be.
pub(crate) const RETRY_NUMBER: &str = "a number of retries in 1..=777";

/// What `retryWaitInterval` must be.
pub(crate) const RETRY_WAIT: &str = "a wait in minutes in 1..=999";

/// What `periodicallyOffsetMinutes` must be.
pub(crate) const OFFSET_MINUTES: &str = "an offset in minutes in 0..=59";

/// How often and how long apart a failed backup job run is tried again (the
/// API's `retryNumber` and `retryWaitInterval`).
///
/// # Example
///
/// ```
/// use backup_schedule::Retry;
///
/// let retry = Retry::new(3, 10)?;
/// assert_eq!((retry.attempts(), retry.wait_minutes()), (3, 10));
/// assert_eq!(Retry::default(), retry); // the API's defaults
/// assert!(Retry::new(0, 10).is_err());
/// assert!(Retry::new(3, 1000).is_err());
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Retry {
    attempts: u16,
    wait_minutes: u16,
}

impl Retry {
    /// The largest `retryNumber` the API allows.
    pub const MAX_ATTEMPTS: u32 = 777;
    /// The largest `retryWaitInterval` the API allows, in minutes.
    pub const MAX_WAIT_MINUTES: u32 = 999;

    /// Up to `attempts` retries, each `wait_minutes` after the failure before
    /// it.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with path `retryNumber` unless `attempts` is in
    /// `1..=777`, or `retryWaitInterval` unless `wait_minutes` is in
    /// `1..=999`.
    pub fn new(attempts: u32, wait_minutes: u32) -> Result<Retry, Error> {
        if !(1..=Retry::MAX_ATTEMPTS).contains(&attempts) {
            return Err(Error::invalid("retryNumber", RETRY_NUMBER, attempts.to_string()));
        }
        if !(1..=Retry::MAX_WAIT_MINUTES).contains(&wait_minutes) {
            return Err(Error::invalid(
                "retryWaitInterval",
                RETRY_WAIT,
                wait_minutes.to_string(),
            ));
        }
        Ok(Retry {
            attempts: attempts as u16,
            wait_minutes: wait_minutes as u16,
        })
    }

    /// How many retries a run gets at most (`retryNumber`).
    pub fn attempts(&self) -> u32 {
        u32::from(self.attempts)
    }

    /// Minutes from a failure to its retry (`retryWaitInterval`).
    pub fn wait_minutes(&self) -> u32 {
        u32::from(self.wait_minutes)
    }
}

impl Default for Retry {
    /// The API's defaults when `retryEnabled` is true and the numbers are
    /// `null`: 3 retries, 10 minutes apart.
    fn default() -> Retry {
        Retry {
            attempts: 3,
            wait_minutes: 10,
        }
    }
}

/// A validated backup job schedule (the API's `RESTJobSchedulePolicy`): its
/// triggers, the hours in which runs may start, the backup window that
/// holds and ends them, and its retries.
///
/// - Triggers: daily at a time on some days, or every interval on a grid
///   from midnight plus an offset (`periodicallyOffsetMinutes`), or none
///   (`ManualOnly`, or `scheduleEnabled: false`).
/// - A run starts at the first instant at or after a trigger at which every
///   gate is open: the backup window and the permitted hours. Triggers that
///   wait for the same opening coalesce, as for copy jobs.
/// - The backup window also ends a run: its closing is the run's deadline.
///   The permitted hours only hold starts. Permitted hour `h` covers
///   `[h:00 + o, h+1:00 + o)` of its own local time, with `o` the grid's
///   offset: the hours move with the runs.
///
/// The queries are those of [`Timetable`](crate::Timetable), with
/// [`retry_after`](crate::Timetable::retry_after) for retries; all are
/// constant time and allocate nothing. A `BackupSchedule` is `Copy`.
/// [`Display`](fmt::Display) prints
/// [`describe`](crate::Timetable::describe)'s sentence.
///
/// # Example
///
/// The vendor's example: every 2 hours, permitted 09:00-17:00. The runs due
/// at 00:00-08:00 coalesce into one at 09:00.
///
/// ```
/// use backup_schedule::{BackupSchedule, Interval, Timetable, Window};
/// use chrono::{TimeZone, Utc};
///
/// let schedule = BackupSchedule::periodic(Interval::from_minutes(120)?)
///     .with_permitted_hours("daily 09:00-17:00".parse::<Window>()?)?;
/// let midnight = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
/// let runs: Vec<_> = schedule.upcoming(midnight).take(5).map(|run| run.format("%H:%M").to_string()).collect();
/// assert_eq!(runs, ["09:00", "10:00", "12:00", "14:00", "16:00"]);
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct BackupSchedule {
    /// The triggers as configured; `Plan::None` for `ManualOnly`.
    plan: ShiftedPlan,
    /// `scheduleEnabled`: when false there are no timed triggers.
    enabled: bool,
    backup_window: Option<Window>,
    /// As given, at its own `minuteOffset`; the gate moves it by the grid's
    /// offset.
    permitted: Option<Window>,
    retry: Option<Retry>,
    /// Both windows open together; derived from the fields above.
    gate: StartGate,
    /// Whether `gate` never closes; derived.
    always_open: bool,
}

impl fmt::Debug for BackupSchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `gate` and `always_open` are derived from the others.
        f.debug_struct("BackupSchedule")
            .field("plan", &self.plan.plan)
            .field("trigger_offset_secs", &self.plan.shift())
            .field("enabled", &self.enabled)
            .field("backup_window", &self.backup_window)
            .field("permitted", &self.permitted)
            .field("retry", &self.retry)
            .finish()
    }
}

impl BackupSchedule {
    fn from_plan(plan: Plan) -> BackupSchedule {
        BackupSchedule {
            plan: ShiftedPlan::new(plan, 0),
            enabled: true,
            backup_window: None,
            permitted: None,
            retry: None,
            gate: StartGate::One(Window::always_open()),
            always_open: true,
        }
    }

    /// A job that runs only when started by hand (`ManualOnly`).
    pub fn manual_only() -> BackupSchedule {
        BackupSchedule::from_plan(Plan::None)
    }

    /// A job that runs at `at` on `days` (`Daily`).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with path `dailyTime` when `at` has a fraction of a
    /// second.
    ///
    /// # Example
    ///
    /// The vendor's example: daily on workdays at 14:50, with 15:00-15:59
    /// prohibited: the run's deadline is 15:00.
    ///
    /// ```
    /// use backup_schedule::{BackupSchedule, Timetable, Weekdays, Window};
    /// use chrono::{NaiveTime, TimeZone, Utc};
    ///
    /// let schedule = BackupSchedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(14, 50, 0).unwrap())?
    ///     .with_backup_window(Window::always_open().deny(Weekdays::EVERYDAY, "15:00-16:00".parse()?));
    /// let monday = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    /// let detail = schedule.explain_next(monday).unwrap();
    /// assert_eq!(detail.run, Utc.with_ymd_and_hms(2026, 11, 30, 14, 50, 0).unwrap());
    /// assert_eq!(detail.deadline, Some(Utc.with_ymd_and_hms(2026, 11, 30, 15, 0, 0).unwrap()));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn daily(days: Weekdays, at: NaiveTime) -> Result<BackupSchedule, Error> {
        Ok(BackupSchedule::from_plan(Plan::daily_whole_seconds(days, at)?))
    }

    /// A job that runs every `every` on a grid from 00:00 (`Periodically`);
    /// see [`with_offset_minutes`](BackupSchedule::with_offset_minutes) to
    /// start the grid later in the hour.
    pub fn periodic(every: Interval) -> BackupSchedule {
        BackupSchedule::from_plan(Plan::periodic(every, 0))
    }

    /// This periodic schedule with its grid `minutes` after each hour's
    /// start (`periodicallyOffsetMinutes`): every 2 hours with offset 15 runs
    /// at 00:15, 02:15, and so on. The permitted hours move with it.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with path `periodicallyOffsetMinutes` when
    /// `minutes` is above 59, or not 0 while the schedule is not periodic
    /// in whole hours.
    ///
    /// # Example
    ///
    /// The vendor's example: every 4 hours at offset 15, permitted
    /// 19:00-08:00. 08:15, 12:15 and 16:15 fall in denied hours and run once
    /// at 19:15.
    ///
    /// ```
    /// use backup_schedule::{BackupSchedule, Interval, Timetable, Window};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let schedule = BackupSchedule::periodic(Interval::from_minutes(240)?)
    ///     .with_offset_minutes(15)?
    ///     .with_permitted_hours("daily 19:00-08:00".parse::<Window>()?)?;
    /// let midnight = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    /// let runs: Vec<_> = schedule.upcoming(midnight).take(5).map(|run| run.format("%H:%M").to_string()).collect();
    /// assert_eq!(runs, ["00:15", "04:15", "19:15", "20:15", "00:15"]);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn with_offset_minutes(self, minutes: u32) -> Result<BackupSchedule, Error> {
        let invalid = |expected: &'static str| {
            Error::invalid("periodicallyOffsetMinutes", expected, minutes.to_string())
        };
        match self.plan.plan.trigger() {
            Some(Trigger::Periodic { every, .. }) if every.minutes() % 60 == 0 => {
                if minutes > 59 {
                    return Err(invalid(OFFSET_MINUTES));
                }
                let plan = Plan::periodic(every, minutes * MINUTE as u32);
                Ok(BackupSchedule {
                    plan: ShiftedPlan::new(plan, self.plan.shift()),
                    ..self
                }
                .rebuilt())
            }
            _ if minutes == 0 => Ok(self),
            Some(Trigger::Periodic { .. }) => {
                Err(invalid("0 (an offset is only valid with an interval in hours)"))
            }
            _ => Err(invalid(
                "0 (an offset is only valid with a Periodically schedule)",
            )),
        }
    }

    /// This schedule held to `window` (`backupWindowEnabled: true`): a run
    /// starts only in an allowed hour, and one still going when the window
    /// closes is terminated then.
    pub fn with_backup_window(self, window: Window) -> BackupSchedule {
        BackupSchedule {
            backup_window: Some(window),
            ..self
        }
        .rebuilt()
    }

    /// This periodic schedule whose runs start only in the hours `window`
    /// allows (`periodicallyWindowEnabled: true`); its hours begin at the
    /// grid's offset past each hour of its local time. It sets no deadline.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with path `periodicallyWindowEnabled` unless the
    /// schedule is periodic with an interval in whole hours.
    pub fn with_permitted_hours(self, window: Window) -> Result<BackupSchedule, Error> {
        match self.plan.plan.trigger() {
            Some(Trigger::Periodic { every, .. }) if every.minutes() % 60 == 0 => Ok(BackupSchedule {
                permitted: Some(window),
                ..self
            }
            .rebuilt()),
            _ => Err(Error::invalid(
                "periodicallyWindowEnabled",
                "false (permitted hours apply only to a Periodically schedule in hours)",
                "true",
            )),
        }
    }

    /// [`with_permitted_hours`](BackupSchedule::with_permitted_hours)
    /// without its check, so that tests reach gates of two windows under
    /// any grid.
    #[cfg(test)]
    pub(crate) fn with_permitted_hours_unchecked(self, window: Window) -> BackupSchedule {
        BackupSchedule {
            permitted: Some(window),
            ..self
        }
        .rebuilt()
    }

    /// This schedule with retries (`retryEnabled: true`); see
    /// [`Timetable::retry_after`](crate::Timetable::retry_after).
    pub fn with_retry(self, retry: Retry) -> BackupSchedule {
        BackupSchedule {
            retry: Some(retry),
            ..self
        }
    }

    /// This schedule switched off (`scheduleEnabled: false`): no timed
    /// triggers, whatever the type; the job runs only when started by hand.
    pub fn disabled(self) -> BackupSchedule {
        BackupSchedule {
            enabled: false,
            ..self
        }
    }

    /// This schedule with its triggers read at `offset` from UTC; see
    /// [`Schedule::with_trigger_offset`](crate::Schedule::with_trigger_offset).
    pub fn with_trigger_offset(self, offset: MinuteOffset) -> BackupSchedule {
        BackupSchedule {
            plan: ShiftedPlan::new(self.plan.plan, offset.seconds()),
            ..self
        }
    }

    /// The triggers as configured: [`Trigger::Manual`] for `ManualOnly`
    /// (and still the configured ones when the schedule is
    /// [disabled](BackupSchedule::is_enabled)).
    pub fn trigger(&self) -> Trigger {
        self.plan.plan.trigger().unwrap_or(Trigger::Manual)
    }

    /// Whether the schedule is on (`scheduleEnabled`); when it is not there
    /// are no timed runs.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// The offset from UTC the triggers are read at.
    pub fn trigger_offset(&self) -> MinuteOffset {
        MinuteOffset::from_minutes(self.plan.shift() / 60).unwrap_or_default()
    }

    /// The backup window, when enabled.
    pub fn backup_window(&self) -> Option<&Window> {
        self.backup_window.as_ref()
    }

    /// The permitted hours, when enabled, at their own `minuteOffset`.
    pub fn permitted_hours(&self) -> Option<&Window> {
        self.permitted.as_ref()
    }

    /// The retries, when enabled.
    pub fn retry(&self) -> Option<Retry> {
        self.retry
    }

    /// The permitted hours as a gate: hour `h` from `h:00 + o` local, so
    /// their frame is `o` minutes behind their offset.
    fn permitted_gate(&self) -> Option<Window> {
        let permitted = self.permitted?;
        let offset_minutes = match self.plan.plan.trigger() {
            Some(Trigger::Periodic { offset_minutes, .. }) => offset_minutes,
            _ => 0,
        };
        Some(permitted.with_offset_secs(permitted.offset_secs() - (offset_minutes * MINUTE as u32) as i32))
    }

    /// This schedule with its derived gate brought up to date.
    fn rebuilt(self) -> BackupSchedule {
        let window = self.backup_window.unwrap_or_else(Window::always_open);
        let permitted = self.permitted_gate().unwrap_or_else(Window::always_open);
        let gate = StartGate::both(window, permitted);
        BackupSchedule {
            gate,
            always_open: crate::gate::WeekGate::is_always_open(&gate),
            ..self
        }
    }

    /// The triggers the runs come from: none when disabled.
    #[inline]
    fn active_plan(&self) -> ShiftedPlan {
        if self.enabled {
            self.plan
        } else {
            ShiftedPlan::new(Plan::None, 0)
        }
    }

    #[inline]
    pub(crate) fn fixed(&self) -> Fixed<'_, StartGate> {
        Fixed {
            plan: self.active_plan(),
            gate: &self.gate,
            always_open: self.always_open,
        }
    }

    /// This schedule with every frame at offset 0, for the zoned adapter:
    /// the permitted hours still begin at the grid's offset.
    #[cfg_attr(not(feature = "tz"), allow(dead_code))] // for zoned schedules
    pub(crate) fn in_wall_frame(self) -> BackupSchedule {
        BackupSchedule {
            plan: ShiftedPlan::new(self.plan.plan, 0),
            backup_window: self.backup_window.map(|window| window.with_offset_secs(0)),
            permitted: self.permitted.map(|window| window.with_offset_secs(0)),
            ..self
        }
        .rebuilt()
    }

    /// The sentence, with the triggers' times on `triggers` and the windows'
    /// hours on `window` (or each window's own offset when `None`).
    pub(crate) fn describe_in(
        &self,
        f: &mut fmt::Formatter<'_>,
        triggers: Clock<'_>,
        windows: Option<Clock<'_>>,
    ) -> fmt::Result {
        if !self.enabled {
            f.write_str(describe::NO_TRIGGER_BACKUP)?;
            f.write_str(" (the schedule is disabled; it would run: ")?;
            describe::write_triggers(f, self.plan.plan.trigger(), describe::NO_TRIGGER_BACKUP, triggers)?;
            f.write_str(")")?;
        } else {
            describe::write_triggers(f, self.plan.plan.trigger(), describe::NO_TRIGGER_BACKUP, triggers)?;
        }
        let clock = |window: &Window| windows.unwrap_or(Clock::Offset(window.offset()));
        if let Some(permitted) = &self.permitted {
            let offset_minutes = match self.plan.plan.trigger() {
                Some(Trigger::Periodic { offset_minutes, .. }) => offset_minutes,
                _ => 0,
            };
            describe::write_permitted_hours(f, permitted, clock(permitted), offset_minutes)?;
        }
        match &self.backup_window {
            // "at any hour" would contradict the permitted hours.
            None if self.permitted.is_some() => {}
            None => describe::write_window(f, "backup window", None, Clock::Utc)?,
            Some(window) => describe::write_window(f, "backup window", Some(window), clock(window))?,
        }
        if let Some(retry) = self.retry {
            write!(
                f,
                "; a failed run is retried up to {} times, {} minutes after each failure",
                retry.attempts(),
                retry.wait_minutes()
            )?;
        }
        Ok(())
    }
}

impl Engine for BackupSchedule {
    type Triggers = ShiftedPlan;
    type Gate = StartGate;
    type Deadline = Window;

    #[inline]
    fn triggers(&self) -> ShiftedPlan {
        self.active_plan()
    }

    #[inline]
    fn gate(&self) -> StartGate {
        self.gate
    }

    #[inline]
    fn deadline_window(&self) -> Window {
        self.backup_window.unwrap_or_else(Window::always_open)
    }

    fn has_deadline(&self) -> bool {
        self.backup_window.is_some_and(|window| !window.is_always_open())
    }

    fn retry_policy(&self) -> Option<Retry> {
        self.retry
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
        let back = self.fixed().run_behind(week / DAY_U32, week % DAY_U32)?;
        before.checked_sub(i64::from(back))
    }

    #[inline]
    fn prev_run_at(&self, before: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (date, day_of_week, in_day) = time::split(before);
        let in_day = in_day + u32::from(before.timestamp_subsec_nanos() > 0);
        time::retreat(date, in_day, self.fixed().run_behind(day_of_week, in_day)?)
    }

    fn count_runs(&self, from: i64, to: i64) -> u64 {
        count_fixed(self, self.active_plan(), self.gate, self.always_open, from, to)
    }

    fn write_sentence(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let triggers = match self.trigger_offset() {
            MinuteOffset::UTC => Clock::Utc,
            offset => Clock::Offset(offset),
        };
        self.describe_in(f, triggers, None)
    }
}

impl fmt::Display for BackupSchedule {
    /// The sentence of [`describe`](crate::Timetable::describe).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{BackupSchedule, Interval, Retry, Window};
    ///
    /// let schedule = BackupSchedule::periodic(Interval::from_minutes(240)?)
    ///     .with_offset_minutes(15)?
    ///     .with_permitted_hours("daily 19:00-08:00".parse::<Window>()?)?
    ///     .with_retry(Retry::default());
    /// assert_eq!(
    ///     schedule.to_string(),
    ///     "Every 4 hours from 00:15 UTC, starting only in the permitted hours daily 19:00-08:00 \
    ///      (UTC+00:00, each hour from :15); a failed run is retried up to 3 times, 10 minutes after each failure",
    /// );
    /// assert_eq!(BackupSchedule::manual_only().to_string(), "Only when started by hand, at any hour");
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_sentence(f)
    }
}

/// The instant a retry of a run starts, by the rule of
/// [`Timetable::retry_after`](crate::Timetable::retry_after).
pub(crate) fn retry_after<E: Engine>(
    schedule: &E,
    retry: Retry,
    failed_at: DateTime<Utc>,
    failures: u32,
) -> Option<DateTime<Utc>> {
    use crate::engine::Gate;
    if failures == 0 || failures > retry.attempts() {
        return None;
    }
    let at = failed_at.checked_add_signed(TimeDelta::minutes(i64::from(retry.wait_minutes())))?;
    let failed = failed_at.timestamp();
    let window = schedule.deadline_window();
    // A failure while the backup window is closed gets no retry; one while
    // it is open must retry before it closes.
    if !window.is_open_at(failed) {
        return None;
    }
    if let Some(deadline) = window.close_after(failed).and_then(time::from_secs) {
        if at >= deadline {
            return None;
        }
    }
    // The next scheduled run serves instead of a retry at or after it.
    match schedule.next_run_at(failed_at) {
        Some(next) if at >= next => None,
        _ => Some(at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;

    /// `has_deadline` is not reached through the public API (nothing calls
    /// it yet), so it is checked here: only an enabled backup window that
    /// can close sets a deadline; permitted hours never do.
    #[test]
    fn a_deadline_comes_only_from_a_backup_window_that_closes() {
        let hourly = BackupSchedule::periodic(Interval::from_minutes(60).unwrap());
        assert!(!hourly.has_deadline());
        assert!(!hourly.with_backup_window(Window::always_open()).has_deadline());
        assert!(hourly.with_backup_window(Window::never_open()).has_deadline());
        let permitted = hourly
            .with_permitted_hours("daily 09:00-17:00".parse().unwrap())
            .unwrap();
        assert!(!permitted.has_deadline());
        assert!(permitted
            .with_backup_window("Mon-Fri 08:00-18:00".parse().unwrap())
            .has_deadline());
    }

    /// The week-position fast path (`run_after`, `run_before` and the
    /// instant paths) and the rule written over the primitives are two
    /// computations of the same runs. `run_before` on Unix seconds is not
    /// reached through the public API (`prev_run` takes the instant path).
    #[test]
    fn fast_path_agrees_with_the_rule() {
        let every = |minutes| BackupSchedule::periodic(Interval::from_minutes(minutes).unwrap());
        let backup_window = Window::parse_with_offset("Mon-Fri 06:00-23:00, Sat 01:00-02:00", 330).unwrap();
        let permitted = Window::parse_with_offset("daily 19:00-08:00, Wed 12:00-13:00", -210).unwrap();
        let schedules = [
            every(60).with_offset_minutes(20).unwrap(),
            every(240).with_offset_minutes(45).unwrap(),
            every(15),
            BackupSchedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap()).unwrap(),
            BackupSchedule::manual_only(),
        ];
        let shifts = [0, 345, -1439].map(|minutes| MinuteOffset::from_minutes(minutes).unwrap());
        for schedule in schedules
            .iter()
            .flat_map(|s| shifts.map(|shift| s.with_trigger_offset(shift)))
        {
            let mut variants = vec![
                schedule,
                schedule.with_backup_window(backup_window),
                schedule.with_backup_window(backup_window).disabled(),
            ];
            if let Ok(permitted) = schedule.with_permitted_hours(permitted) {
                variants.push(permitted);
                variants.push(permitted.with_backup_window(backup_window));
                variants.push(permitted.with_backup_window(backup_window.with_offset_secs(-240 * 60)));
            }
            for held in variants {
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
                    let at = DateTime::from_timestamp(t, 0).unwrap();
                    let later = DateTime::from_timestamp(t, 1).unwrap();
                    let after = engine::run_after(&held, t).and_then(time::from_secs);
                    assert_eq!(held.next_run_at(at), after, "{held:?} after {at}");
                    assert_eq!(held.next_run_at(later), after, "{held:?} after {later}");
                    let before = engine::run_before(&held, t).and_then(time::from_secs);
                    assert_eq!(held.prev_run_at(at), before, "{held:?} before {at}");
                    let before_later = engine::run_before(&held, t + 1).and_then(time::from_secs);
                    assert_eq!(held.prev_run_at(later), before_later, "{held:?} before {later}");
                }
            }
        }
    }
}
