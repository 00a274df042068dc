//! A schedule of either job family, for code that reads both.

use core::fmt;

use chrono::{DateTime, Utc};

use crate::backup::{BackupSchedule, Retry};
use crate::engine::Engine;
use crate::gate::StartGate;
use crate::offset::MinuteOffset;
use crate::schedule::Schedule;
use crate::trigger::{ShiftedPlan, Trigger};
use crate::window::Window;

/// A copy job's [`Schedule`] or a backup job's [`BackupSchedule`]: for a
/// scheduler, a service or a command line that handles both families and
/// asks the same [`Timetable`](crate::Timetable) questions of each. Every
/// query goes straight to the schedule it holds.
///
/// # Example
///
/// ```
/// use backup_schedule::{BackupSchedule, Interval, JobSchedule, Schedule, Timetable};
/// use chrono::{TimeZone, Utc};
///
/// let jobs = [
///     JobSchedule::from(Schedule::periodic(Interval::from_minutes(60)?)),
///     JobSchedule::from(BackupSchedule::periodic(Interval::from_minutes(120)?).with_offset_minutes(15)?),
/// ];
/// let t = Utc.with_ymd_and_hms(2026, 12, 1, 10, 30, 0).unwrap();
/// let next: Vec<_> = jobs.iter().map(|job| job.next_run(t).unwrap().format("%H:%M").to_string()).collect();
/// assert_eq!(next, ["11:00", "12:15"]);
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum JobSchedule {
    /// A backup copy job's.
    Copy(Schedule),
    /// A backup job's.
    Backup(BackupSchedule),
}

impl From<Schedule> for JobSchedule {
    fn from(schedule: Schedule) -> JobSchedule {
        JobSchedule::Copy(schedule)
    }
}

impl From<BackupSchedule> for JobSchedule {
    fn from(schedule: BackupSchedule) -> JobSchedule {
        JobSchedule::Backup(schedule)
    }
}

/// `$job.$call` on whichever schedule `$job` holds.
macro_rules! each {
    ($job:expr, $schedule:ident => $call:expr) => {
        match $job {
            JobSchedule::Copy($schedule) => $call,
            JobSchedule::Backup($schedule) => $call,
        }
    };
}

impl JobSchedule {
    /// The triggers as configured: [`Trigger::Immediate`] for a copy job's
    /// `Immediate`, [`Trigger::Manual`] for a backup job's `ManualOnly`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{BackupSchedule, JobSchedule, Trigger};
    ///
    /// assert_eq!(JobSchedule::from(BackupSchedule::manual_only()).trigger(), Trigger::Manual);
    /// ```
    pub fn trigger(&self) -> Trigger {
        each!(self, schedule => schedule.trigger())
    }

    /// The offset from UTC the triggers are read at.
    pub fn trigger_offset(&self) -> MinuteOffset {
        each!(self, schedule => schedule.trigger_offset())
    }

    /// The window that holds runs and ends them, when enabled: a copy job's
    /// backup copy window, a backup job's backup window (not its permitted
    /// hours, which end nothing).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{BackupSchedule, Interval, JobSchedule, Window};
    ///
    /// let permitted: Window = "daily 09:00-17:00".parse()?;
    /// let schedule = BackupSchedule::periodic(Interval::from_minutes(60)?).with_permitted_hours(permitted)?;
    /// assert_eq!(JobSchedule::from(schedule).window(), None);
    /// assert_eq!(JobSchedule::from(schedule.with_backup_window(permitted)).window(), Some(&permitted));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn window(&self) -> Option<&Window> {
        match self {
            JobSchedule::Copy(schedule) => schedule.window(),
            JobSchedule::Backup(schedule) => schedule.backup_window(),
        }
    }
}

impl Engine for JobSchedule {
    type Triggers = ShiftedPlan;
    type Gate = StartGate;
    type Deadline = Window;

    #[inline]
    fn triggers(&self) -> ShiftedPlan {
        each!(self, schedule => schedule.triggers())
    }

    #[inline]
    fn gate(&self) -> StartGate {
        match self {
            JobSchedule::Copy(schedule) => StartGate::One(schedule.gate()),
            JobSchedule::Backup(schedule) => schedule.gate(),
        }
    }

    #[inline]
    fn deadline_window(&self) -> Window {
        each!(self, schedule => schedule.deadline_window())
    }

    fn has_deadline(&self) -> bool {
        each!(self, schedule => schedule.has_deadline())
    }

    #[inline]
    fn run_after(&self, after: i64) -> Option<i64> {
        each!(self, schedule => schedule.run_after(after))
    }

    #[inline]
    fn next_run_at(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        each!(self, schedule => schedule.next_run_at(after))
    }

    #[inline]
    fn run_before(&self, before: i64) -> Option<i64> {
        each!(self, schedule => schedule.run_before(before))
    }

    #[inline]
    fn prev_run_at(&self, before: DateTime<Utc>) -> Option<DateTime<Utc>> {
        each!(self, schedule => schedule.prev_run_at(before))
    }

    fn count_runs(&self, from: i64, to: i64) -> u64 {
        each!(self, schedule => schedule.count_runs(from, to))
    }

    fn retry_policy(&self) -> Option<Retry> {
        each!(self, schedule => schedule.retry_policy())
    }

    fn write_sentence(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        each!(self, schedule => schedule.write_sentence(f))
    }
}

impl fmt::Display for JobSchedule {
    /// The sentence of [`describe`](crate::Timetable::describe).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_sentence(f)
    }
}

#[cfg(feature = "tz")]
mod zoned {
    use super::*;
    use crate::describe::Clock;
    use crate::fixed::Across;
    use crate::zone::Zone;
    use crate::zoned::{Zonable, Zoned};

    impl Zonable for JobSchedule {
        fn wall_frame(&self) -> JobSchedule {
            match self {
                JobSchedule::Copy(schedule) => JobSchedule::Copy(schedule.wall_frame()),
                JobSchedule::Backup(schedule) => JobSchedule::Backup(schedule.wall_frame()),
            }
        }

        fn describe_on(&self, f: &mut fmt::Formatter<'_>, clock: Clock<'_>) -> fmt::Result {
            each!(self, schedule => schedule.describe_on(f, clock))
        }

        #[inline]
        fn run_ahead_reach(&self, day_of_week: u32, in_day: u32) -> Option<(u32, u32)> {
            each!(self, schedule => schedule.run_ahead_reach(day_of_week, in_day))
        }

        fn run_across(&self, change: Across) -> Option<u32> {
            each!(self, schedule => schedule.run_across(change))
        }

        fn opens_past_change(&self, last: u32, since: u32, settled_back: u32, change: u32) -> Option<u32> {
            each!(self, schedule => schedule.opens_past_change(last, since, settled_back, change))
        }
    }

    impl JobSchedule {
        /// This schedule evaluated in `zone`; see [`Zoned`].
        pub fn in_zone(self, zone: &Zone) -> Zoned<'_, JobSchedule> {
            Zoned::new(self, Some(zone))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{self, Gate};
    use crate::trigger::Interval;
    use crate::weekdays::Weekdays;
    use chrono::NaiveTime;

    /// Every query of the enum is the one of the schedule it holds.
    #[test]
    fn the_enum_answers_as_its_schedule() {
        let window: Window = "Mon-Fri 20:00-23:00".parse().unwrap();
        let copy = Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap())
            .unwrap()
            .with_window(window.with_minute_offset(180).unwrap());
        let backup = BackupSchedule::periodic(Interval::from_minutes(120).unwrap())
            .with_offset_minutes(15)
            .unwrap()
            .with_permitted_hours("daily 19:00-08:00".parse().unwrap())
            .unwrap()
            .with_backup_window(window.with_minute_offset(45).unwrap())
            .with_retry(Retry::default());
        for t in (1_764_460_800..1_764_460_800 + 9 * 86_400).step_by(3_331) {
            let (job, other) = (JobSchedule::from(copy), JobSchedule::from(backup));
            assert_eq!(job.run_after(t), copy.run_after(t));
            assert_eq!(other.run_after(t), backup.run_after(t));
            assert_eq!(job.run_before(t), copy.run_before(t));
            assert_eq!(other.run_before(t), backup.run_before(t));
            // The gate as the rule sees it gives the same runs.
            assert_eq!(engine::run_after(&job, t), copy.run_after(t));
            assert_eq!(engine::run_after(&other, t), backup.run_after(t));
            assert_eq!(job.count_runs(t, t + 86_400), copy.count_runs(t, t + 86_400));
            assert_eq!(other.count_runs(t, t + 86_400), backup.count_runs(t, t + 86_400));
            assert_eq!(
                other.deadline_window().close_after(t),
                backup.deadline_window().close_after(t)
            );
        }
        assert_eq!(JobSchedule::from(copy).to_string(), copy.to_string());
        assert_eq!(JobSchedule::from(backup).to_string(), backup.to_string());
        assert_eq!(JobSchedule::from(backup).retry_policy(), Some(Retry::default()));
        assert_eq!(JobSchedule::from(copy).retry_policy(), None);
        assert!(JobSchedule::from(backup).has_deadline());
    }
}
