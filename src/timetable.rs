//! The queries every schedule answers, written once: [`Timetable`], its
//! iterators and [`RunDetail`].

use core::fmt;
use core::iter::FusedIterator;

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::engine::{self, Engine, Gate};
use crate::queries::{plus_secs, CatchUp, CatchUpPolicy, Missed, Stagger};
use crate::time;

/// The runs of a schedule, and the questions a scheduler asks about them.
///
/// Implemented by [`Schedule`](crate::Schedule) (a backup copy job's
/// schedule, as the API defines it) and by [`Zoned`](crate::Zoned) (any
/// schedule evaluated in a time zone); the trait is sealed. Import it to call
/// its methods: `use backup_schedule::Timetable;`.
///
/// Every query takes its reference instant as an argument; nothing reads the
/// clock. Runs are whole seconds. The run rule, the same for every kind of
/// schedule: a run happens at the first instant at or after a *trigger* at
/// which the *gate* (the backup window) is open; triggers that wait for the
/// same opening coalesce into one run. A run's *deadline* is when the window
/// closes on it.
///
/// # Example
///
/// ```
/// use backup_schedule::{Schedule, Timetable, Weekdays, Window};
/// use chrono::{NaiveTime, TimeZone, Utc};
///
/// let window: Window = "Mon-Fri 20:00-23:00".parse()?;
/// let schedule = Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?
///     .with_window(window.with_minute_offset(180)?);
///
/// let saturday = Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap();
/// let monday_run = Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, 0).unwrap();
/// assert_eq!(schedule.next_run(saturday), Some(monday_run));
/// assert_eq!(schedule.prev_run(monday_run), Some(Utc.with_ymd_and_hms(2026, 11, 27, 17, 0, 0).unwrap()));
/// assert_eq!(schedule.upcoming(saturday).take(3).count(), 3);
/// # Ok::<(), backup_schedule::Error>(())
/// ```
pub trait Timetable: Engine {
    /// The earliest run strictly after `after`.
    ///
    /// `None` when there is no timed trigger (`Immediate`), when the window
    /// never opens or a daily schedule has no day, and when the run would be
    /// past what [`DateTime<Utc>`] can hold. Constant time for fixed-offset
    /// schedules; no allocation.
    ///
    /// # Example
    ///
    /// See [`Timetable`].
    #[inline]
    fn next_run(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.next_run_at(after)
    }

    /// The latest run strictly before `before`; `None` when there is none (or
    /// it is before what [`DateTime<Utc>`] can hold).
    ///
    /// `prev_run` and [`next_run`](Timetable::next_run) see the same runs:
    /// `next_run(prev_run(t))` is the first run at or after `t`'s previous
    /// run, and `prev_run(next_run(t))` the last run at or before `t`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Interval, Schedule, Timetable};
    /// use chrono::{TimeZone, Utc};
    ///
    /// // Every hour, held to nights 22:00-06:00 UTC.
    /// let schedule = Schedule::periodic(Interval::from_minutes(60)?).with_window("daily 22:00-06:00".parse()?);
    /// let noon = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
    /// // The 06:00 trigger waits for 22:00: the last run before noon was 05:00.
    /// assert_eq!(schedule.prev_run(noon), Some(Utc.with_ymd_and_hms(2026, 12, 1, 5, 0, 0).unwrap()));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    #[inline]
    fn prev_run(&self, before: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.prev_run_at(before)
    }

    /// The runs strictly after `after`, earliest first; each is
    /// [`next_run`](Timetable::next_run) of the one before.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Interval, Schedule, Timetable};
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
    fn upcoming(&self, after: DateTime<Utc>) -> Runs<Self> {
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
    /// use backup_schedule::{Schedule, Timetable, Weekdays};
    /// use chrono::{NaiveTime, TimeZone, Utc};
    ///
    /// let schedule = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(0, 0, 0).unwrap())?;
    /// let start = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    /// let end = Utc.with_ymd_and_hms(2026, 12, 4, 0, 0, 0).unwrap();
    /// assert_eq!(schedule.runs_between(start, end).count(), 3); // Dec 1, 2, 3
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn runs_between(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> Runs<Self> {
        // Runs are whole seconds: "at or after start" is "after
        // ceil(start) - 1", which is before chrono's range when `start` is
        // its first second.
        let first = self
            .run_after(time::ceil_secs(start) - 1)
            .and_then(time::from_secs);
        Runs {
            schedule: *self,
            cursor: first.map_or(Cursor::Ended, Cursor::At),
            before: Some(end),
        }
    }

    /// The runs strictly before `before`, latest first; each is
    /// [`prev_run`](Timetable::prev_run) of the one before.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Schedule, Timetable, Weekdays};
    /// use chrono::{NaiveTime, TimeZone, Utc};
    ///
    /// let schedule = Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?;
    /// let monday = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    /// let runs: Vec<_> = schedule.past(monday).take(2).collect();
    /// assert_eq!(runs, [
    ///     Utc.with_ymd_and_hms(2026, 11, 27, 22, 0, 0).unwrap(), // Friday
    ///     Utc.with_ymd_and_hms(2026, 11, 26, 22, 0, 0).unwrap(), // Thursday
    /// ]);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    #[inline]
    fn past(&self, before: DateTime<Utc>) -> PastRuns<Self> {
        PastRuns {
            schedule: *self,
            before: Some(before),
        }
    }

    /// How many runs fall in `[start, end)`: the same as
    /// `runs_between(start, end).count()`, in constant time for fixed-offset
    /// schedules whatever the range (the runs repeat every week: whole weeks
    /// times a week's runs, plus less than a week counted on the window's bit
    /// masks). A schedule in a zone is counted span by span between its
    /// offset changes; each change costs walking the runs of about a day
    /// after it.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Interval, Schedule, Timetable};
    /// use chrono::{TimeZone, Utc};
    ///
    /// // Every 15 minutes in office hours, Monday to Friday.
    /// let schedule = Schedule::periodic(Interval::from_minutes(15)?).with_window("Mon-Fri 09:00-17:00".parse()?);
    /// let start = Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).unwrap(); // a Monday
    /// let end = Utc.with_ymd_and_hms(2026, 12, 7, 0, 0, 0).unwrap();
    /// // 32 runs a day (09:00 to 16:45), and one at 09:00 is where the
    /// // night's triggers wait: still 32 a day, 5 days.
    /// assert_eq!(schedule.count_between(start, end), 160);
    /// let century = Utc.with_ymd_and_hms(2126, 11, 30, 0, 0, 0).unwrap();
    /// assert_eq!(schedule.count_between(start, century), schedule.runs_between(start, century).count() as u64);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn count_between(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> u64 {
        // Runs are whole seconds: [start, end) holds those in
        // [ceil(start), ceil(end)).
        self.count_runs(time::ceil_secs(start), time::ceil_secs(end))
    }

    /// The runs `r` with `since < r <= now`: how many, the first and the
    /// latest. Constant time for fixed-offset schedules.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Schedule, Timetable, Weekdays};
    /// use chrono::{NaiveTime, TimeZone, Utc};
    ///
    /// let nightly = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?;
    /// let since = Utc.with_ymd_and_hms(2026, 11, 27, 22, 0, 0).unwrap(); // the last run we did
    /// let now = Utc.with_ymd_and_hms(2026, 11, 30, 22, 0, 0).unwrap();
    /// let missed = nightly.missed(since, now);
    /// assert_eq!(missed.count, 3); // the 28th, the 29th, and now
    /// assert_eq!(missed.first, Some(Utc.with_ymd_and_hms(2026, 11, 28, 22, 0, 0).unwrap()));
    /// assert_eq!(missed.latest, Some(now));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn missed(&self, since: DateTime<Utc>, now: DateTime<Utc>) -> Missed {
        // Whole-second runs r with since < r <= now are [floor(since) + 1, floor(now) + 1).
        let (from, to) = (
            since.timestamp().saturating_add(1),
            now.timestamp().saturating_add(1),
        );
        if to <= from {
            return Missed {
                count: 0,
                first: None,
                latest: None,
            };
        }
        let count = self.count_runs(from, to);
        let first = (count > 0)
            .then(|| time::from_secs(self.run_after(from - 1)?))
            .flatten();
        let latest = (count > 0)
            .then(|| time::from_secs(self.run_before(to)?))
            .flatten();
        Missed { count, first, latest }
    }

    /// What to do, at `now`, about the runs missed since `since` (the last
    /// run a scheduler knows it did): the late runs are the missed ones
    /// ([`missed`](Timetable::missed)) no more than `max_lateness` before
    /// `now` (all of them with `None`). With [`CatchUpPolicy::Skip`] or no
    /// late run there is nothing to do; otherwise [`CatchUpPolicy::Once`]
    /// starts one run and [`CatchUpPolicy::All`] as many as there are late
    /// runs, at most its cap. A catch-up starts at the first instant at or
    /// after `now` at which the window is open (a missed run is held to the
    /// window like a trigger at `now`); there is none if it never opens.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{CatchUpPolicy, Schedule, Timetable, Weekdays};
    /// use chrono::{NaiveTime, TimeDelta, TimeZone, Utc};
    ///
    /// let nightly = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?
    ///     .with_window("daily 22:00-06:00".parse()?);
    /// let since = Utc.with_ymd_and_hms(2026, 11, 27, 22, 0, 0).unwrap();
    /// let now = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap(); // back up at noon
    /// // Two nights missed; the window opens again at 22:00.
    /// let once = nightly.catch_up(since, now, CatchUpPolicy::Once, None);
    /// assert_eq!((once.runs, once.start), (1, Some(Utc.with_ymd_and_hms(2026, 11, 30, 22, 0, 0).unwrap())));
    /// assert_eq!(nightly.catch_up(since, now, CatchUpPolicy::All { cap: 5 }, None).runs, 2);
    /// // Only runs at most a day late count: the one of the 29th.
    /// let recent = nightly.catch_up(since, now, CatchUpPolicy::All { cap: 5 }, Some(TimeDelta::days(1)));
    /// assert_eq!(recent.runs, 1);
    /// assert_eq!(nightly.catch_up(since, now, CatchUpPolicy::Skip, None).runs, 0);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn catch_up(
        &self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        policy: CatchUpPolicy,
        max_lateness: Option<TimeDelta>,
    ) -> CatchUp {
        // Late runs: since < r <= now and now - r <= max_lateness.
        let after_since = since.timestamp().saturating_add(1);
        let earliest = match max_lateness.map(|lateness| (lateness, now.checked_sub_signed(lateness))) {
            Some((_, Some(bound))) => time::ceil_secs(bound).max(after_since),
            // `now - lateness` is past chrono's range: after its end (a
            // negative lateness), no run is late; before its start, every
            // missed run is.
            Some((lateness, None)) if lateness < TimeDelta::zero() => return CatchUp::NONE,
            Some((_, None)) | None => after_since,
        };
        let to = now.timestamp().saturating_add(1);
        let late = if earliest < to {
            self.count_runs(earliest, to)
        } else {
            0
        };
        let runs = match policy {
            CatchUpPolicy::Skip => 0,
            CatchUpPolicy::Once => late.min(1),
            CatchUpPolicy::All { cap } => late.min(u64::from(cap)),
        };
        match self.next_open(now) {
            Some(start) if runs > 0 => CatchUp {
                runs,
                start: Some(start),
            },
            _ => CatchUp::NONE,
        }
    }

    /// When the run at `run` starts, staggered by `stagger`: `run` plus the
    /// job's delay, which keeps it before the window closes on it and before
    /// the next run; see [`Stagger`]. A delay that would pass the last
    /// instant `DateTime<Utc>` holds is dropped: the start is `run`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Schedule, Stagger, Timetable, Weekdays};
    /// use chrono::{NaiveTime, TimeZone, Utc};
    /// use std::time::Duration;
    ///
    /// let nightly = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?
    ///     .with_window("daily 22:00-23:00".parse()?);
    /// let run = Utc.with_ymd_and_hms(2026, 11, 30, 22, 0, 0).unwrap();
    /// // "foobar" hashes to 0x85944171f73967e8; the window closes in 3600 s,
    /// // before the 2-hour maximum: 0x85944171f73967e8 mod 3600 = 168 s.
    /// let stagger = Stagger::new("foobar", Duration::from_secs(7200));
    /// assert_eq!(nightly.staggered_start(run, &stagger), Utc.with_ymd_and_hms(2026, 11, 30, 22, 2, 48).unwrap());
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn staggered_start(&self, run: DateTime<Utc>, stagger: &Stagger) -> DateTime<Utc> {
        // In Unix seconds, so that a deadline or next run past chrono's last
        // instant still limits the delay (the rule has no range). Whole
        // seconds from `run` to them: one fewer when `run` has a fraction.
        let secs = run.timestamp();
        let whole =
            |to: i64| u64::try_from(to - secs - i64::from(run.timestamp_subsec_nanos() > 0)).unwrap_or(0);
        let mut limit = stagger.max_delay_secs();
        if let Some(deadline) = self.deadline_window().close_after(secs) {
            limit = limit.min(whole(deadline));
        }
        if let Some(next) = self.run_after(secs) {
            limit = limit.min(whole(next));
        }
        plus_secs(run, stagger.delay(limit)).unwrap_or(run)
    }

    /// The first staggered start strictly after `after` (staggered starts
    /// keep the runs' order, so this is the stagger of the last run at or
    /// before `after` when that start is still ahead, or else of the next
    /// run).
    fn next_staggered_run(&self, after: DateTime<Utc>, stagger: &Stagger) -> Option<DateTime<Utc>> {
        let upto = time::from_secs(after.timestamp().checked_add(1)?)?;
        if let Some(last) = self.prev_run(upto) {
            let start = self.staggered_start(last, stagger);
            if start > after {
                return Some(start);
            }
        }
        Some(self.staggered_start(self.next_run(after)?, stagger))
    }

    /// The next run after `after` with the trigger it serves and its
    /// deadline; `None` when [`next_run`](Timetable::next_run) is `None`.
    /// Constant time for fixed-offset schedules; no allocation.
    ///
    /// # Example
    ///
    /// See [`RunDetail`].
    fn explain_next(&self, after: DateTime<Utc>) -> Option<RunDetail> {
        detail_after(self, after.timestamp())
    }

    /// The runs after `after` with their triggers and deadlines, as
    /// [`upcoming`](Timetable::upcoming) gives the runs.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Interval, Schedule, Timetable, Window};
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
    fn explain_upcoming(&self, after: DateTime<Utc>) -> RunDetails<Self> {
        RunDetails {
            schedule: *self,
            after: Some(after.timestamp()),
        }
    }

    /// The run that an event at `t` starts (a new restore point for an
    /// `Immediate` copy job, or a start by hand): it begins at
    /// [`next_open(t)`](Timetable::next_open), its trigger is `t` itself, and
    /// its deadline is when the window closes on it. `None` when the window
    /// never opens.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Schedule, Timetable};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let schedule = Schedule::immediate().with_window("Sat 23:00-24:00".parse()?);
    /// let t = Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap(); // a Saturday
    /// let detail = schedule.explain_event(t).unwrap();
    /// assert_eq!(detail.trigger, t);
    /// assert_eq!(detail.run, Utc.with_ymd_and_hms(2026, 11, 28, 23, 0, 0).unwrap());
    /// assert_eq!(detail.deadline, Some(Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap()));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn explain_event(&self, t: DateTime<Utc>) -> Option<RunDetail> {
        let run = self.next_open(t)?;
        Some(RunDetail {
            run,
            trigger: t,
            deadline: self.next_close(run),
        })
    }

    /// When a run whose attempt failed at `failed_at`, after `failures`
    /// failed attempts in this run (the run itself is attempt 1), is tried
    /// again; `None` when it is not.
    ///
    /// The retry starts `retryWaitInterval` after the failure if `failures`
    /// is at most `retryNumber`, the failure came while the backup window
    /// was open and the retry is before it closes (the run's deadline), and
    /// the retry is before the next scheduled run after the failure (which
    /// serves instead). Only backup jobs with `retryEnabled` retry.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{BackupSchedule, Retry, Timetable, Weekdays};
    /// use chrono::{NaiveTime, TimeZone, Utc};
    ///
    /// let nightly = BackupSchedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?
    ///     .with_backup_window("daily 22:00-23:00".parse()?)
    ///     .with_retry(Retry::new(2, 20)?);
    /// let failed = Utc.with_ymd_and_hms(2026, 12, 1, 22, 5, 0).unwrap();
    /// assert_eq!(nightly.retry_after(failed, 1), Some(Utc.with_ymd_and_hms(2026, 12, 1, 22, 25, 0).unwrap()));
    /// assert_eq!(nightly.retry_after(failed, 3), None); // only 2 retries
    /// // 22:45 + 20 minutes is past the window's close at 23:00.
    /// assert_eq!(nightly.retry_after(Utc.with_ymd_and_hms(2026, 12, 1, 22, 45, 0).unwrap(), 1), None);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn retry_after(&self, failed_at: DateTime<Utc>, failures: u32) -> Option<DateTime<Utc>> {
        crate::backup::retry_after(self, self.retry_policy()?, failed_at, failures)
    }

    /// Whether a run may start at `t`: the window (every gate) is open.
    #[inline]
    fn is_open(&self, t: DateTime<Utc>) -> bool {
        self.gate().is_open_at(t.timestamp())
    }

    /// The first instant at or after `t` at which a run may start: `t` itself
    /// when the window is open; `None` when it never opens. This is when a
    /// copy for a restore point appearing at `t` starts (`Immediate`).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Schedule, Timetable, Window};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let schedule = Schedule::immediate().with_window("Sat 23:00-24:00".parse()?);
    /// let t = Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap(); // a Saturday
    /// assert_eq!(schedule.next_open(t), Some(Utc.with_ymd_and_hms(2026, 11, 28, 23, 0, 0).unwrap()));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    #[inline]
    fn next_open(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let secs = t.timestamp();
        let open = self.gate().open_at_or_after(secs)?;
        // `t` itself, fraction and all, when it is open.
        if open == secs {
            Some(t)
        } else {
            time::from_secs(open)
        }
    }

    /// The next instant strictly after `t` at which the window closes: the
    /// deadline of a run started at `t` (or, when the window is closed at
    /// `t`, of one started when it next opens). `None` when it never closes.
    #[inline]
    fn next_close(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        time::from_secs(self.deadline_window().close_after(t.timestamp())?)
    }

    /// The schedule in one English sentence: its triggers, then its window.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Schedule, Timetable, Weekdays};
    /// use chrono::NaiveTime;
    ///
    /// let schedule = Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?
    ///     .with_window("Mon-Fri 20:00-23:00".parse::<backup_schedule::Window>()?.with_minute_offset(180)?);
    /// assert_eq!(
    ///     schedule.describe(),
    ///     "Workdays at 22:00 UTC, held to the window Mon-Fri 20:00-23:00 (UTC+03:00)",
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn describe(&self) -> String {
        struct Sentence<'a, E>(&'a E);
        impl<E: Engine> fmt::Display for Sentence<'_, E> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write_sentence(f)
            }
        }
        Sentence(self).to_string()
    }
}

impl<E: Engine> Timetable for E {}

/// A run, the trigger it came from, and the deadline by which the window
/// closes on it.
///
/// Serialized (with serde) as `{"run": ..., "trigger": ..., "deadline": ...}`
/// with RFC 3339 UTC instants and `null` for no deadline.
///
/// # Example
///
/// ```
/// use backup_schedule::{Schedule, Timetable, Weekdays, Window};
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
/// assert_eq!(
///     serde_json::to_string(&detail).unwrap(),
///     r#"{"run":"2026-11-30T17:00:00Z","trigger":"2026-11-27T22:00:00Z","deadline":"2026-11-30T20:00:00Z"}"#,
/// );
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
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

/// The run after `after` with its trigger and deadline.
fn detail_after<E: Engine>(schedule: &E, after: i64) -> Option<RunDetail> {
    let run = schedule.run_after(after)?;
    let trigger = engine::first_trigger_served(schedule, run)?;
    Some(RunDetail {
        run: time::from_secs(run)?,
        trigger: time::from_secs(trigger)?,
        deadline: engine::deadline_of(schedule, run).and_then(time::from_secs),
    })
}

/// The runs of a [`Timetable`], earliest first, from
/// [`upcoming`](Timetable::upcoming) or [`runs_between`](Timetable::runs_between).
///
/// Each run is computed from the one before it as its anchor
/// (`next_run(previous)`), in constant time for fixed-offset schedules and
/// without allocating. The iterator ends when there is no further run (or
/// none before the end of the range) and stays ended.
#[derive(Clone, Debug)]
pub struct Runs<S> {
    schedule: S,
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

impl<S: Timetable> Iterator for Runs<S> {
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

impl<S: Timetable> FusedIterator for Runs<S> {}

/// The runs of a [`Timetable`] before an instant, latest first; see
/// [`past`](Timetable::past).
#[derive(Clone, Debug)]
pub struct PastRuns<S> {
    schedule: S,
    /// The next run is the latest strictly before this; `None` once ended.
    before: Option<DateTime<Utc>>,
}

impl<S: Timetable> Iterator for PastRuns<S> {
    type Item = DateTime<Utc>;

    #[inline]
    fn next(&mut self) -> Option<DateTime<Utc>> {
        let run = self.schedule.prev_run(self.before?);
        self.before = run;
        run
    }
}

impl<S: Timetable> FusedIterator for PastRuns<S> {}

/// The runs of a [`Timetable`] with their triggers and deadlines; see
/// [`explain_upcoming`](Timetable::explain_upcoming).
#[derive(Clone, Debug)]
pub struct RunDetails<S> {
    schedule: S,
    /// The next detail is of the earliest run strictly after this Unix
    /// second; `None` once ended.
    after: Option<i64>,
}

impl<S: Timetable> Iterator for RunDetails<S> {
    type Item = RunDetail;

    fn next(&mut self) -> Option<RunDetail> {
        let detail = detail_after(&self.schedule, self.after?);
        self.after = detail.map(|detail| detail.run.timestamp());
        detail
    }
}

impl<S: Timetable> FusedIterator for RunDetails<S> {}
