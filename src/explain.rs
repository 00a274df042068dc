//! Why a run happens when it does: the trigger it serves and its deadline,
//! in data ([`RunDetail`]) and in words (`Display` for [`Schedule`]).

use core::fmt;
use core::iter::FusedIterator;

use chrono::{DateTime, Timelike, Utc};

use crate::schedule::{Schedule, Trigger, Weekdays};
use crate::time;
use crate::window::Window;

/// A run, the trigger it came from, and the deadline by which the window
/// closes on it.
///
/// # Example
///
/// ```
/// use backup_schedule::{Schedule, Weekdays, Window};
/// use chrono::{NaiveTime, TimeZone, Utc};
///
/// // Open Mon-Fri 20:00-23:00 at UTC+03:00; workdays at 22:00 UTC.
/// let window: Window = "Mon-Fri 20:00-23:00".parse()?;
/// let schedule = Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?
///     .with_window(window.with_minute_offset(180)?);
/// let saturday = Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap();
/// let detail = schedule.explain_next(saturday).unwrap();
/// // Friday's 22:00 UTC trigger waited for Monday 20:00 local (17:00 UTC) ...
/// assert_eq!(detail.trigger, Utc.with_ymd_and_hms(2026, 11, 27, 22, 0, 0).unwrap());
/// assert_eq!(detail.run, Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, 0).unwrap());
/// assert!(detail.waited());
/// // ... and must be done by 23:00 local (20:00 UTC).
/// assert_eq!(detail.deadline, Some(Utc.with_ymd_and_hms(2026, 11, 30, 20, 0, 0).unwrap()));
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RunDetail {
    /// When the run starts.
    pub run: DateTime<Utc>,
    /// The earliest trigger this run serves: the run itself when the window
    /// was open at the trigger, otherwise the first of the triggers that
    /// waited for the opening (later ones in the same closed stretch
    /// coalesce into this run).
    pub trigger: DateTime<Utc>,
    /// When the window closes on the run (a run still going is terminated
    /// then); `None` when it never closes.
    pub deadline: Option<DateTime<Utc>>,
}

impl RunDetail {
    /// Whether the trigger had to wait for the window to open.
    pub fn waited(&self) -> bool {
        self.run != self.trigger
    }
}

impl Schedule {
    /// The next run after `after` with its trigger and deadline; `None` when
    /// [`next_run`](Schedule::next_run) is `None`. Constant time, no
    /// allocation.
    ///
    /// # Example
    ///
    /// See [`RunDetail`].
    pub fn explain_next(&self, after: DateTime<Utc>) -> Option<RunDetail> {
        self.detail_after(after.timestamp())
    }

    /// The runs after `after` with their triggers and deadlines, as
    /// [`upcoming`](Schedule::upcoming) gives the runs.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Interval, Schedule, Window};
    /// use chrono::{TimeZone, Utc};
    ///
    /// // Every hour, held to nights 22:00-06:00 UTC: the 06:00..21:00 triggers
    /// // wait and coalesce into the 22:00 run, which counts from 06:00.
    /// let schedule = Schedule::periodic(Interval::from_minutes(60)?).with_window("daily 22:00-06:00".parse()?);
    /// let t = Utc.with_ymd_and_hms(2026, 12, 1, 5, 30, 0).unwrap();
    /// let details: Vec<_> = schedule.explain_upcoming(t).take(2).collect();
    /// assert_eq!(details[0].run, Utc.with_ymd_and_hms(2026, 12, 1, 22, 0, 0).unwrap());
    /// assert_eq!(details[0].trigger, Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap());
    /// assert_eq!(details[0].deadline, Some(Utc.with_ymd_and_hms(2026, 12, 2, 6, 0, 0).unwrap()));
    /// // The 23:00 trigger finds the window open.
    /// assert_eq!(details[1].run, Utc.with_ymd_and_hms(2026, 12, 1, 23, 0, 0).unwrap());
    /// assert!(!details[1].waited());
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn explain_upcoming(&self, after: DateTime<Utc>) -> RunDetails {
        RunDetails {
            schedule: *self,
            after: Some(after.timestamp()),
        }
    }

    fn detail_after(&self, after: i64) -> Option<RunDetail> {
        let run = self.run_after(after)?;
        let window = self.window().copied().unwrap_or_else(Window::always_open);
        // A run at an opening edge serves every trigger of the closed stretch
        // before it; anywhere else it is its own trigger.
        let trigger = if window.is_open_at(run - 1) {
            run
        } else {
            let closed_since = window.closed_since(run - 1)?;
            self.trigger_after(closed_since - 1)?.min(run)
        };
        Some(RunDetail {
            run: time::from_secs(run)?,
            trigger: time::from_secs(trigger)?,
            deadline: window.close_after(run).and_then(time::from_secs),
        })
    }
}

/// The runs of a [`Schedule`] with their triggers and deadlines; see
/// [`Schedule::explain_upcoming`].
#[derive(Clone, Debug)]
pub struct RunDetails {
    schedule: Schedule,
    after: Option<i64>,
}

impl Iterator for RunDetails {
    type Item = RunDetail;

    fn next(&mut self) -> Option<RunDetail> {
        let detail = self.schedule.detail_after(self.after?);
        self.after = detail.map(|detail| detail.run.timestamp());
        detail
    }
}

impl FusedIterator for RunDetails {}

#[cfg(feature = "tz")]
mod zoned {
    use super::*;
    use crate::zoned::ZonedSchedule;

    impl<'z> ZonedSchedule<'z> {
        /// The next run after `after` with its trigger and deadline, in the
        /// zone; see [`Schedule::explain_next`].
        pub fn explain_next(&self, after: DateTime<Utc>) -> Option<RunDetail> {
            self.detail_after(after.timestamp())
        }

        /// The runs after `after` with their triggers and deadlines; see
        /// [`Schedule::explain_upcoming`].
        pub fn explain_upcoming(&self, after: DateTime<Utc>) -> ZonedRunDetails<'z> {
            ZonedRunDetails {
                schedule: *self,
                after: Some(after.timestamp()),
            }
        }

        fn detail_after(&self, after: i64) -> Option<RunDetail> {
            let run = self.run_after(after)?;
            let trigger = if self.is_open_at(run - 1) {
                run
            } else {
                let closed_since = self.closed_since(run - 1)?;
                self.trigger_after(closed_since - 1)?.min(run)
            };
            Some(RunDetail {
                run: time::from_secs(run)?,
                trigger: time::from_secs(trigger)?,
                deadline: self.close_after(run).and_then(time::from_secs),
            })
        }
    }

    /// The runs of a [`ZonedSchedule`] with their triggers and deadlines; see
    /// [`ZonedSchedule::explain_upcoming`].
    #[derive(Clone, Debug)]
    pub struct ZonedRunDetails<'z> {
        schedule: ZonedSchedule<'z>,
        after: Option<i64>,
    }

    impl Iterator for ZonedRunDetails<'_> {
        type Item = RunDetail;

        fn next(&mut self) -> Option<RunDetail> {
            let detail = self.schedule.detail_after(self.after?);
            self.after = detail.map(|detail| detail.run.timestamp());
            detail
        }
    }

    impl FusedIterator for ZonedRunDetails<'_> {}

    impl fmt::Display for ZonedSchedule<'_> {
        /// One sentence, with the zone's wall clock for the triggers and the
        /// window.
        ///
        /// # Example
        ///
        /// ```
        /// use backup_schedule::{Schedule, Weekdays, Window, Zone};
        /// use chrono::NaiveTime;
        ///
        /// let berlin = Zone::from_name("Europe/Berlin")?;
        /// let schedule = Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?
        ///     .with_window("Mon-Fri 20:00-23:00".parse()?);
        /// assert_eq!(
        ///     schedule.in_zone(&berlin).to_string(),
        ///     "Workdays at 22:00 Europe/Berlin time, held to the window Mon-Fri 20:00-23:00 (Europe/Berlin time)",
        /// );
        /// # Ok::<(), backup_schedule::Error>(())
        /// ```
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let clock = format!("{} time", self.zone().name());
            write_triggers(f, self.schedule(), &clock)?;
            match self.schedule().window() {
                None => f.write_str(", at any hour"),
                Some(window) => {
                    write_window(f, window)?;
                    if !window.is_never_open() && !window.is_always_open() {
                        write!(f, " ({clock})")?;
                    }
                    Ok(())
                }
            }
        }
    }
}

#[cfg(feature = "tz")]
pub use zoned::ZonedRunDetails;

impl fmt::Display for Schedule {
    /// One sentence in plain English: the triggers (UTC), then the window
    /// (its text form and offset).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Schedule, Weekdays, Window};
    /// use chrono::NaiveTime;
    ///
    /// let window: Window = "Mon-Fri 20:00-23:00".parse()?;
    /// let schedule = Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?
    ///     .with_window(window.with_minute_offset(180)?);
    /// assert_eq!(
    ///     schedule.to_string(),
    ///     "Workdays at 22:00 UTC, held to the window Mon-Fri 20:00-23:00 (UTC+03:00)",
    /// );
    /// assert_eq!(Schedule::immediate().to_string(), "After each new restore point, at any hour");
    /// let every_hour = Schedule::periodic(backup_schedule::Interval::from_minutes(60)?);
    /// assert_eq!(
    ///     every_hour.with_window(Window::always_open()).to_string(),
    ///     "Every hour from 00:00 UTC, held to a window that is always open",
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_triggers(f, self, "UTC")?;
        match self.window() {
            None => f.write_str(", at any hour"),
            Some(window) => {
                write_window(f, window)?;
                if !window.is_never_open() && !window.is_always_open() {
                    f.write_str(" (")?;
                    write_utc_offset(f, window.minute_offset())?;
                    f.write_str(")")?;
                }
                Ok(())
            }
        }
    }
}

/// The triggers part of the sentence, with times in `clock`.
fn write_triggers(f: &mut fmt::Formatter<'_>, schedule: &Schedule, clock: &str) -> fmt::Result {
    {
        match schedule.trigger() {
            Trigger::Immediate => f.write_str("After each new restore point")?,
            Trigger::Daily { days, at } => {
                write_days(f, days)?;
                write!(f, " at {:02}:{:02}", at.hour(), at.minute())?;
                if at.second() != 0 {
                    write!(f, ":{:02}", at.second())?;
                }
                write!(f, " {clock}")?;
            }
            Trigger::Periodic { every } => {
                match every.minutes() {
                    minutes if minutes % 60 == 0 && minutes > 60 => {
                        write!(f, "Every {} hours", minutes / 60)?
                    }
                    60 => f.write_str("Every hour")?,
                    minutes => write!(f, "Every {minutes} minutes")?,
                }
                write!(f, " from 00:00 {clock}")?;
            }
        }
        Ok(())
    }
}

/// The window part of the sentence, without its frame.
fn write_window(f: &mut fmt::Formatter<'_>, window: &Window) -> fmt::Result {
    if window.is_never_open() {
        f.write_str(", held to a window that never opens")
    } else if window.is_always_open() {
        f.write_str(", held to a window that is always open")
    } else {
        write!(f, ", held to the window {window}")
    }
}

fn write_days(f: &mut fmt::Formatter<'_>, days: Weekdays) -> fmt::Result {
    const NAMES: [&str; 7] = [
        "Sundays",
        "Mondays",
        "Tuesdays",
        "Wednesdays",
        "Thursdays",
        "Fridays",
        "Saturdays",
    ];
    match days {
        Weekdays::EVERYDAY => f.write_str("Every day"),
        Weekdays::WORKDAYS => f.write_str("Workdays"),
        Weekdays::WEEKENDS => f.write_str("Weekends"),
        Weekdays::NONE => f.write_str("On no day"),
        days => {
            for (index, day) in days.iter().enumerate() {
                if index > 0 {
                    f.write_str(" and ")?;
                }
                f.write_str(NAMES[day.num_days_from_sunday() as usize])?;
            }
            Ok(())
        }
    }
}

/// `UTC+03:00`, `UTC-03:30`.
pub(crate) fn write_utc_offset(f: &mut fmt::Formatter<'_>, minute_offset: i32) -> fmt::Result {
    let sign = if minute_offset < 0 { '-' } else { '+' };
    let minutes = minute_offset.unsigned_abs();
    write!(f, "UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}
