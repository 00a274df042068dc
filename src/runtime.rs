//! Embedding in an async host (feature `tokio`): waiting on the wall clock,
//! a stream of runs, and work cut off at a run's deadline.
//!
//! The rest of the crate never reads a clock. This module is where a host
//! meets one, and it avoids the usual embedding bugs:
//!
//! - **Suspend and clock steps.** tokio's timer is monotonic, and a
//!   monotonic clock stops while the machine sleeps: one long
//!   `sleep_until(next_run)` wakes hours late after a suspend.
//!   [`WallTimer::sleep_until`] sleeps in slices of at most
//!   [`DEFAULT_SLICE`] (60 s) and re-reads the wall clock after each, so a
//!   suspend or a clock step delays a wake by at most one slice.
//! - **Falling into the past.** A loop that computes each run from the one
//!   before keeps producing runs in the past once it falls behind.
//!   [`RunStream`] computes what is due from *now* after every wake.
//! - **Replays.** When the stream finds runs more than a slice late (the
//!   machine slept, the host was busy), it does not replay them: the
//!   catch-up rule, [`Timetable::catch_up`], decides.
//! - **Deadlines.** [`WallTimer::run_until`] runs a future until a run's
//!   deadline and says whether it was cut off.
//!
//! [`Tracker`] is the stream's decision without a clock: give it *now*, it
//! says what is due or how long to wait. A host that drives many jobs from
//! its own loop, or a simulation, uses it directly.
//!
//! # Example
//!
//! A nightly job, on tokio's paused time with a [`ManualClock`] (in a real
//! host: `WallTimer::system()` and a real runtime). The machine is suspended
//! for three hours over the 22:00 run: the wall clock jumps, tokio's clock
//! does not. The stream finds the run three hours late and, by the default
//! rule ([`CatchUpPolicy::Once`]), starts one catch-up run at once.
//!
//! ```
//! use backup_schedule::runtime::{Cause, ManualClock, WallTimer};
//! use backup_schedule::{Schedule, Weekdays};
//! use chrono::{NaiveTime, TimeDelta, TimeZone, Utc};
//! use std::sync::Arc;
//!
//! # tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap().block_on(async {
//! let nightly = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?;
//! let clock = Arc::new(ManualClock::starting_at(Utc.with_ymd_and_hms(2026, 12, 1, 21, 0, 0).unwrap()));
//! let timer = WallTimer::new(clock.clone());
//! let mut runs = timer.runs(nightly);
//!
//! let due = runs.next().await.unwrap(); // an hour of (paused) waiting
//! assert_eq!((due.detail.run, due.cause), (Utc.with_ymd_and_hms(2026, 12, 1, 22, 0, 0).unwrap(), Cause::Scheduled));
//!
//! clock.jump(TimeDelta::hours(26)); // suspended over the next night's 22:00
//! let due = runs.next().await.unwrap();
//! assert_eq!(due.cause, Cause::CatchUp { number: 1, of: 1, missed: 1 });
//! assert_eq!(due.detail.trigger, Utc.with_ymd_and_hms(2026, 12, 2, 22, 0, 0).unwrap());
//! assert!(due.detail.run - Utc.with_ymd_and_hms(2026, 12, 3, 0, 0, 0).unwrap() <= TimeDelta::seconds(60));
//! # Ok::<(), backup_schedule::Error>(())
//! # }).unwrap();
//! ```

use core::future::{poll_fn, Future};
use core::pin::{pin, Pin};
use core::task::{Context, Poll};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use futures_core::{FusedStream, Stream};
use serde::Serialize;
use tokio::time::{Instant, Sleep};

use crate::queries::CatchUpPolicy;
use crate::timetable::{RunDetail, Timetable};

/// The longest a [`WallTimer`] sleeps before it reads the wall clock again,
/// unless told otherwise: a suspend or a clock step delays a wake by at most
/// this much.
pub const DEFAULT_SLICE: Duration = Duration::from_secs(60);

/// The shortest slice a [`WallTimer`] takes (a zero slice would spin).
pub const MIN_SLICE: Duration = Duration::from_millis(1);

/// A wall clock: what time it is, in UTC.
///
/// [`SystemClock`] reads the system's clock; [`ManualClock`] is one a test
/// (or a simulation) sets. Implemented for `&C` and `Arc<C>` too, so one
/// clock can be shared.
///
/// # Example
///
/// ```
/// use backup_schedule::runtime::{Clock, SystemClock};
///
/// let before = chrono::Utc::now();
/// assert!(SystemClock.now() >= before);
/// ```
pub trait Clock {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

impl<C: Clock + ?Sized> Clock for &C {
    fn now(&self) -> DateTime<Utc> {
        (**self).now()
    }
}

impl<C: Clock + ?Sized> Clock for Arc<C> {
    fn now(&self) -> DateTime<Utc> {
        (**self).now()
    }
}

/// The system's wall clock ([`Utc::now`]).
///
/// # Example
///
/// See [`Clock`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A wall clock set by hand: it starts at a chosen instant, runs with
/// tokio's clock (so that tokio's paused time drives it in tests), and
/// [jumps](ManualClock::jump) when told, as a wall clock does across a
/// suspend or a clock step while the monotonic clock does not.
///
/// Make it inside the runtime whose clock it follows (with paused time,
/// tokio's clock only exists there).
///
/// # Example
///
/// ```
/// use backup_schedule::runtime::{Clock, ManualClock};
/// use chrono::{TimeDelta, TimeZone, Utc};
/// use std::time::Duration;
///
/// # tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap().block_on(async {
/// let start = Utc.with_ymd_and_hms(2026, 12, 1, 21, 59, 0).unwrap();
/// let clock = ManualClock::starting_at(start);
/// tokio::time::sleep(Duration::from_secs(30)).await; // paused: no real waiting
/// assert_eq!(clock.now(), start + TimeDelta::seconds(30));
/// clock.jump(TimeDelta::hours(3)); // a suspend: tokio's clock did not move
/// assert_eq!(clock.now(), start + TimeDelta::seconds(30) + TimeDelta::hours(3));
/// # });
/// ```
#[derive(Debug)]
pub struct ManualClock {
    origin: DateTime<Utc>,
    started: Instant,
    /// Nanoseconds added by jumps.
    jumped: AtomicI64,
}

impl ManualClock {
    /// A clock that reads `origin` now and runs with tokio's clock from here.
    pub fn starting_at(origin: DateTime<Utc>) -> ManualClock {
        ManualClock {
            origin,
            started: Instant::now(),
            jumped: AtomicI64::new(0),
        }
    }

    /// Moves the clock by `by` (forward, or back when negative) without
    /// moving tokio's clock. Jumps add up; past `i64` nanoseconds (292
    /// years) they saturate.
    pub fn jump(&self, by: TimeDelta) {
        let nanos = by.num_nanoseconds().unwrap_or(if by < TimeDelta::zero() {
            i64::MIN
        } else {
            i64::MAX
        });
        // fetch_update with a closure that always returns Some never fails.
        let _ = self
            .jumped
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |jumped| {
                Some(jumped.saturating_add(nanos))
            });
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        let elapsed = TimeDelta::from_std(self.started.elapsed()).unwrap_or(TimeDelta::MAX);
        let jumped = TimeDelta::nanoseconds(self.jumped.load(Ordering::SeqCst));
        self.origin
            .checked_add_signed(elapsed)
            .and_then(|t| t.checked_add_signed(jumped))
            .unwrap_or(if jumped < TimeDelta::zero() {
                DateTime::<Utc>::MIN_UTC
            } else {
                DateTime::<Utc>::MAX_UTC
            })
    }
}

/// Waiting on a wall clock, in slices: sleeps on tokio's (monotonic) timer
/// for at most one slice at a time and reads the wall clock after each, so
/// that a suspend or a clock step delays a wake by at most one slice.
///
/// # Example
///
/// ```
/// use backup_schedule::runtime::{ManualClock, WallTimer};
/// use chrono::{TimeDelta, TimeZone, Utc};
/// use std::sync::Arc;
/// use std::time::Duration;
///
/// # tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap().block_on(async {
/// let start = Utc.with_ymd_and_hms(2026, 12, 1, 18, 0, 0).unwrap();
/// let clock = Arc::new(ManualClock::starting_at(start));
/// let timer = WallTimer::new(clock.clone()).with_slice(Duration::from_secs(30));
/// let paused_at = tokio::time::Instant::now();
/// // Suspended after 10 minutes, for three hours: the 20:00 wake is at most a
/// // slice late, and 10 minutes and a slice of tokio's time have passed.
/// let suspend = async {
///     tokio::time::sleep(Duration::from_secs(600)).await;
///     clock.jump(TimeDelta::hours(3));
/// };
/// let (woke, ()) = tokio::join!(timer.sleep_until(start + TimeDelta::hours(2)), suspend);
/// assert!(woke - (start + TimeDelta::hours(3) + TimeDelta::minutes(10)) <= TimeDelta::seconds(30));
/// assert!(paused_at.elapsed() <= Duration::from_secs(630));
/// # });
/// ```
#[derive(Clone, Debug)]
pub struct WallTimer<C = SystemClock> {
    clock: C,
    slice: Duration,
}

impl WallTimer<SystemClock> {
    /// A timer on the system clock with the default slice.
    pub fn system() -> WallTimer<SystemClock> {
        WallTimer::new(SystemClock)
    }
}

impl Default for WallTimer<SystemClock> {
    fn default() -> WallTimer<SystemClock> {
        WallTimer::system()
    }
}

impl<C: Clock> WallTimer<C> {
    /// A timer on `clock`, with slices of [`DEFAULT_SLICE`].
    pub fn new(clock: C) -> WallTimer<C> {
        WallTimer {
            clock,
            slice: DEFAULT_SLICE,
        }
    }

    /// This timer with slices of `slice` (at least [`MIN_SLICE`]): the most
    /// a suspend or a clock step can delay a wake, and the most a run can
    /// be late and still count as on time in [`RunStream`].
    pub fn with_slice(self, slice: Duration) -> WallTimer<C> {
        WallTimer {
            slice: slice.max(MIN_SLICE),
            ..self
        }
    }

    /// The longest sleep between two readings of the wall clock.
    pub fn slice(&self) -> Duration {
        self.slice
    }

    /// The clock.
    pub fn clock(&self) -> &C {
        &self.clock
    }

    /// The clock's current instant.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// How long to sleep, at `now`, on the way to `at`: at most a slice.
    fn step(&self, now: DateTime<Utc>, at: DateTime<Utc>) -> Duration {
        (at - now).to_std().unwrap_or(Duration::ZERO).min(self.slice)
    }

    /// Waits until the wall clock reads `at` or later, and returns what it
    /// reads then. Returns at once when `at` is not ahead.
    ///
    /// # Example
    ///
    /// See [`WallTimer`].
    pub async fn sleep_until(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        loop {
            let now = self.now();
            if now >= at {
                return now;
            }
            tokio::time::sleep(self.step(now, at)).await;
        }
    }

    /// Runs `work` until it finishes or the wall clock reaches `deadline`,
    /// whichever comes first (`None`: no deadline). When both happen at
    /// once, the work has finished. When cut off, `work` is dropped: that is
    /// how it is stopped (a `tokio::process::Child` is not killed by being
    /// dropped unless made with `kill_on_drop`; a host that runs a command
    /// kills it on [`Finished::CutOff`]).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::runtime::{Finished, ManualClock, WallTimer};
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// use std::time::Duration;
    ///
    /// # tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap().block_on(async {
    /// let start = Utc.with_ymd_and_hms(2026, 12, 1, 22, 50, 0).unwrap();
    /// let timer = WallTimer::new(ManualClock::starting_at(start));
    /// let deadline = Some(Utc.with_ymd_and_hms(2026, 12, 1, 23, 0, 0).unwrap());
    ///
    /// let quick = timer.run_until(deadline, async { tokio::time::sleep(Duration::from_secs(60)).await; 7 }).await;
    /// assert_eq!(quick, Finished::Completed(7));
    /// let slow = timer.run_until(deadline, tokio::time::sleep(Duration::from_secs(3600))).await;
    /// assert_eq!(slow, Finished::CutOff { at: deadline.unwrap() });
    /// # });
    /// ```
    pub async fn run_until<F: Future>(
        &self,
        deadline: Option<DateTime<Utc>>,
        work: F,
    ) -> Finished<F::Output> {
        let Some(deadline) = deadline else {
            return Finished::Completed(work.await);
        };
        let mut work = pin!(work);
        let mut timer = pin!(self.sleep_until(deadline));
        poll_fn(|cx| {
            if let Poll::Ready(output) = work.as_mut().poll(cx) {
                return Poll::Ready(Finished::Completed(output));
            }
            timer.as_mut().poll(cx).map(|at| Finished::CutOff { at })
        })
        .await
    }

    /// The runs of `schedule` from now on, as they come due; see
    /// [`RunStream`]. The catch-up rule is [`CatchUpPolicy::Once`] without a
    /// maximum lateness until told otherwise, and runs count as missed from
    /// now (see [`RunStream::since`] to count from a stored last run).
    ///
    /// # Example
    ///
    /// See the [module](self).
    pub fn runs<T: Timetable>(&self, schedule: T) -> RunStream<T, C>
    where
        C: Clone,
    {
        let tolerance = TimeDelta::from_std(self.slice).unwrap_or(TimeDelta::MAX);
        RunStream {
            tracker: Tracker::new(schedule, self.now()).with_tolerance(tolerance),
            timer: self.clone(),
            sleep: Box::pin(tokio::time::sleep(Duration::ZERO)),
            state: StreamState::Deciding,
        }
    }
}

/// How [`WallTimer::run_until`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Finished<T> {
    /// The work finished first, with this output.
    Completed(T),
    /// The deadline came first: the work was dropped when the wall clock read
    /// `at`.
    CutOff {
        /// The wall clock's reading when the work was cut off (at or after
        /// the deadline, by at most a slice).
        at: DateTime<Utc>,
    },
}

/// A run that is due, and why.
///
/// Serialized as the [`RunDetail`]'s members (`run`, `trigger`,
/// `deadline`) and the cause's (`cause`, and for a catch-up `number`, `of`,
/// `missed`).
///
/// # Example
///
/// ```
/// use backup_schedule::runtime::{Cause, Step, Tracker};
/// use backup_schedule::{Interval, Schedule};
/// use chrono::{TimeZone, Utc};
///
/// let hourly = Schedule::periodic(Interval::from_minutes(60)?);
/// let mut tracker = Tracker::new(hourly, Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
/// let Step::Due(due) = tracker.poll(Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 1).unwrap()) else { panic!() };
/// assert_eq!(due.cause, Cause::Scheduled);
/// assert_eq!(
///     serde_json::to_string(&due).unwrap(),
///     r#"{"run":"2026-12-01T10:00:00Z","trigger":"2026-12-01T10:00:00Z","deadline":null,"cause":"scheduled"}"#,
/// );
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Due {
    /// The run: when it starts, the earliest trigger it serves, and its
    /// deadline. For a catch-up, `run` is when the catch-up may start (the
    /// window open) and `trigger` the first late run it stands for.
    #[serde(flatten)]
    pub detail: RunDetail,
    /// Why it is due.
    #[serde(flatten)]
    pub cause: Cause,
}

/// Why a run is due; see [`Due`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "cause", rename_all = "camelCase")]
#[non_exhaustive]
pub enum Cause {
    /// A run of the schedule, found at most the tolerance (a slice) late.
    Scheduled,
    /// A catch-up run, for runs that were missed (found more than the
    /// tolerance late): the `number`th of the `of` that the catch-up rule
    /// asked for, after `missed` runs were missed.
    CatchUp {
        /// Which catch-up run this is, from 1.
        number: u64,
        /// How many catch-up runs the rule asked for.
        of: u64,
        /// How many runs were missed (the late ones and any older).
        missed: u64,
    },
}

/// What a [`Tracker`] says at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Step {
    /// This run is due now: start it, then ask again.
    Due(Due),
    /// Nothing is due before this instant: ask again then (or earlier).
    Wait(DateTime<Utc>),
    /// Nothing will ever be due: the schedule has no further runs (no timed
    /// triggers, a window that never opens, or the end of chrono's range).
    Ended,
}

/// The decision of a [`RunStream`] without a clock: given the instant, what
/// is due, or until when to wait.
///
/// It remembers `since`, the last run handled (or the instant from which
/// runs count). Asked at `now`:
///
/// - The runs `r` with `since < r <= now` are due. If the first of them is
///   at most the *tolerance* before `now` (a slice: what waking in slices
///   may cost), it is on time: it is due as [`Cause::Scheduled`] and
///   becomes `since`.
/// - Otherwise the tracker fell behind (a suspend, a clock step, a host
///   busy for longer than the gap between runs, a restart): the catch-up
///   rule [`Timetable::catch_up`]`(since, now, policy, max_lateness)`
///   decides. With no run to catch up, the missed runs are dropped (`since`
///   becomes `now`). Otherwise the catch-up runs are due one after another
///   ([`Cause::CatchUp`]), the first at the rule's start (the window's next
///   opening), each later one when the window is open after the one before;
///   a scheduled run at the instant a catch-up starts is served by it.
/// - If the wall clock jumps past a waiting catch-up's start by more than the
///   tolerance, the decision is made again, from `since`, at the new `now`.
/// - Otherwise nothing is due until the next run after `since` (or the
///   catch-up's start).
///
/// A clock that goes back never makes a run due twice: runs are only due
/// after `since`.
///
/// # Example
///
/// Back at noon after a long stop, for a job that runs every night at 22:00
/// in a window 22:00-06:00: two runs were missed; one catch-up starts when
/// the window opens, at 22:00, and serves that night's run too.
///
/// ```
/// use backup_schedule::runtime::{Cause, Step, Tracker};
/// use backup_schedule::{CatchUpPolicy, Schedule, Weekdays};
/// use chrono::{NaiveTime, TimeZone, Utc};
///
/// let nightly = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(22, 0, 0).unwrap())?
///     .with_window("daily 22:00-06:00".parse()?);
/// let last_run = Utc.with_ymd_and_hms(2026, 11, 27, 22, 0, 0).unwrap();
/// let mut tracker = Tracker::new(nightly, last_run).with_catch_up(CatchUpPolicy::Once, None);
///
/// let noon = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
/// let ten_pm = Utc.with_ymd_and_hms(2026, 11, 30, 22, 0, 0).unwrap();
/// assert_eq!(tracker.poll(noon), Step::Wait(ten_pm));
/// let Step::Due(due) = tracker.poll(ten_pm) else { panic!() };
/// assert_eq!(due.cause, Cause::CatchUp { number: 1, of: 1, missed: 2 });
/// assert_eq!(due.detail.run, ten_pm);
/// assert_eq!(tracker.since(), ten_pm);
/// assert_eq!(tracker.poll(ten_pm), Step::Wait(Utc.with_ymd_and_hms(2026, 12, 1, 22, 0, 0).unwrap()));
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Tracker<T> {
    schedule: T,
    since: DateTime<Utc>,
    policy: CatchUpPolicy,
    max_lateness: Option<TimeDelta>,
    tolerance: TimeDelta,
    pending: Option<Pending>,
}

/// Catch-up runs decided but not all due yet.
#[derive(Clone, Copy, Debug)]
struct Pending {
    /// When the next one may start.
    start: DateTime<Utc>,
    /// The first late run.
    trigger: DateTime<Utc>,
    /// The next one's number, from 1.
    number: u64,
    of: u64,
    missed: u64,
}

impl<T: Timetable> Tracker<T> {
    /// A tracker for `schedule` whose runs count as missed after `since` (the
    /// last run done, as stored; or now, to start afresh). The catch-up rule
    /// is [`CatchUpPolicy::Once`] without a maximum lateness, the tolerance
    /// [`DEFAULT_SLICE`].
    pub fn new(schedule: T, since: DateTime<Utc>) -> Tracker<T> {
        Tracker {
            schedule,
            since,
            policy: CatchUpPolicy::Once,
            max_lateness: None,
            tolerance: TimeDelta::seconds(DEFAULT_SLICE.as_secs() as i64),
            pending: None,
        }
    }

    /// This tracker with the catch-up rule `policy` and `max_lateness`; see
    /// [`Timetable::catch_up`].
    pub fn with_catch_up(self, policy: CatchUpPolicy, max_lateness: Option<TimeDelta>) -> Tracker<T> {
        Tracker {
            policy,
            max_lateness,
            ..self
        }
    }

    /// This tracker with runs on time up to `tolerance` late (negative
    /// counts as zero).
    pub fn with_tolerance(self, tolerance: TimeDelta) -> Tracker<T> {
        Tracker {
            tolerance: tolerance.max(TimeDelta::zero()),
            ..self
        }
    }

    /// The last run handled, or the instant from which runs count: what a
    /// host stores to catch up after a restart.
    pub fn since(&self) -> DateTime<Utc> {
        self.since
    }

    /// The schedule.
    pub fn schedule(&self) -> &T {
        &self.schedule
    }

    /// What is due at `now`; see [`Tracker`]. A [`Step::Due`] is handed out
    /// once: the next call goes on from it.
    ///
    /// # Example
    ///
    /// See [`Tracker`].
    pub fn poll(&mut self, now: DateTime<Utc>) -> Step {
        if let Some(pending) = self.pending {
            if now < pending.start {
                return Step::Wait(pending.start);
            }
            if pending.number == 1 && now - pending.start > self.tolerance {
                // The clock jumped past the start: decide again, from now.
                self.pending = None;
            } else {
                return self.catch_up_run(pending, now);
            }
        }
        let missed = self.schedule.missed(self.since, now);
        match missed.first {
            None if missed.count > 0 => {
                // Runs past chrono's range: nothing to start, nothing after.
                self.since = now;
                Step::Ended
            }
            None => match self.schedule.next_run(self.since) {
                Some(next) => Step::Wait(next),
                None => Step::Ended,
            },
            Some(first) if now - first <= self.tolerance => {
                let detail = first
                    .checked_sub_signed(TimeDelta::seconds(1))
                    .and_then(|before| self.schedule.explain_next(before))
                    .filter(|detail| detail.run == first)
                    .unwrap_or(RunDetail {
                        run: first,
                        trigger: first,
                        deadline: self.schedule.next_close(first),
                    });
                self.since = first;
                Step::Due(Due {
                    detail,
                    cause: Cause::Scheduled,
                })
            }
            Some(first) => self.decide(now, first, missed.count),
        }
    }

    /// The catch-up for the runs missed since `since` (the first at
    /// `first`, `missed` of them), at `now`.
    fn decide(&mut self, now: DateTime<Utc>, first: DateTime<Utc>, missed: u64) -> Step {
        let catch_up = self
            .schedule
            .catch_up(self.since, now, self.policy, self.max_lateness);
        let Some(start) = catch_up.start.filter(|_| catch_up.runs > 0) else {
            // Nothing to catch up: the missed runs are dropped.
            self.since = now;
            return match self.schedule.next_run(now) {
                Some(next) => Step::Wait(next),
                None => Step::Ended,
            };
        };
        // The first late run: the first after `since` no more than
        // `max_lateness` before now.
        let trigger = self
            .max_lateness
            .and_then(|lateness| now.checked_sub_signed(lateness))
            .and_then(|earliest| earliest.checked_sub_signed(TimeDelta::nanoseconds(1)))
            .filter(|&bound| bound > self.since)
            .and_then(|bound| self.schedule.missed(bound, now).first)
            .unwrap_or(first);
        let pending = Pending {
            start,
            trigger,
            number: 1,
            of: catch_up.runs,
            missed,
        };
        if now < start {
            self.pending = Some(pending);
            Step::Wait(start)
        } else {
            self.catch_up_run(pending, now)
        }
    }

    /// The next run of `pending`, at `now` (at or after its start).
    fn catch_up_run(&mut self, pending: Pending, now: DateTime<Utc>) -> Step {
        // The first starts when decided; each later one when the window is
        // open after the one before.
        let start = if pending.number == 1 {
            Some(pending.start)
        } else {
            self.schedule.next_open(now)
        };
        let Some(start) = start else {
            // The window never opens again: no catch-up, no runs.
            self.pending = None;
            self.since = self.since.max(now);
            return Step::Ended;
        };
        if start > now {
            self.pending = Some(Pending { start, ..pending });
            return Step::Wait(start);
        }
        self.pending = (pending.number < pending.of).then_some(Pending {
            number: pending.number + 1,
            ..pending
        });
        self.since = self.since.max(start);
        Step::Due(Due {
            detail: RunDetail {
                run: start,
                trigger: pending.trigger,
                deadline: self.schedule.next_close(start),
            },
            cause: Cause::CatchUp {
                number: pending.number,
                of: pending.of,
                missed: pending.missed,
            },
        })
    }
}

/// The runs of a schedule as they come due on a [`WallTimer`]: a
/// [`Stream`] of [`Due`] runs, from [`WallTimer::runs`].
///
/// After every wake it reads the wall clock and asks its [`Tracker`] what
/// is due *now*; it never computes a run from the one before. Between runs
/// it sleeps in slices. It ends when the schedule has no further run (an
/// `Immediate` or `ManualOnly` job ends at once).
///
/// Consumed with [`next`](RunStream::next), or as a [`Stream`] (its
/// `poll_next` needs a tokio runtime with time enabled).
///
/// # Example
///
/// See the [module](self).
#[derive(Debug)]
pub struct RunStream<T, C> {
    tracker: Tracker<T>,
    timer: WallTimer<C>,
    sleep: Pin<Box<Sleep>>,
    state: StreamState,
}

/// Where a [`RunStream`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StreamState {
    /// About to read the clock and ask the tracker.
    Deciding,
    /// Sleeping a slice.
    Sleeping,
    /// No further run.
    Ended,
}

impl<T: Timetable, C: Clock> RunStream<T, C> {
    /// This stream with runs counted as missed after `since` (the last run
    /// done, as a host stored it before a restart) instead of now: the
    /// first wake applies the catch-up rule to them.
    pub fn since(self, since: DateTime<Utc>) -> RunStream<T, C> {
        RunStream {
            tracker: Tracker {
                since,
                ..self.tracker
            },
            ..self
        }
    }

    /// This stream with the catch-up rule `policy` and `max_lateness`; see
    /// [`Timetable::catch_up`].
    pub fn with_catch_up(self, policy: CatchUpPolicy, max_lateness: Option<TimeDelta>) -> RunStream<T, C> {
        RunStream {
            tracker: self.tracker.with_catch_up(policy, max_lateness),
            ..self
        }
    }

    /// This stream with runs on time up to `tolerance` late instead of the
    /// timer's slice (a simulation whose clock never jumps may sleep in
    /// long slices, yet judge lateness as a real host would).
    pub fn with_tolerance(self, tolerance: TimeDelta) -> RunStream<T, C> {
        RunStream {
            tracker: self.tracker.with_tolerance(tolerance),
            ..self
        }
    }

    /// The tracker: [`Tracker::since`] is what to store after each run.
    pub fn tracker(&self) -> &Tracker<T> {
        &self.tracker
    }

    /// The timer.
    pub fn timer(&self) -> &WallTimer<C> {
        &self.timer
    }

    /// The next due run; `None` once the schedule has no further run.
    ///
    /// # Example
    ///
    /// See the [module](self).
    pub async fn next(&mut self) -> Option<Due> {
        poll_fn(|cx| self.poll_due(cx)).await
    }

    fn poll_due(&mut self, cx: &mut Context<'_>) -> Poll<Option<Due>> {
        loop {
            match self.state {
                StreamState::Ended => return Poll::Ready(None),
                StreamState::Sleeping => {
                    if self.sleep.as_mut().poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    self.state = StreamState::Deciding;
                }
                StreamState::Deciding => {
                    let now = self.timer.now();
                    match self.tracker.poll(now) {
                        Step::Due(due) => return Poll::Ready(Some(due)),
                        Step::Ended => self.state = StreamState::Ended,
                        Step::Wait(at) => {
                            let step = self.timer.step(now, at).max(MIN_SLICE);
                            self.sleep.as_mut().reset(Instant::now() + step);
                            self.state = StreamState::Sleeping;
                        }
                    }
                }
            }
        }
    }
}

impl<T: Timetable + Unpin, C: Clock + Unpin> Stream for RunStream<T, C> {
    type Item = Due;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Due>> {
        self.get_mut().poll_due(cx)
    }
}

impl<T: Timetable + Unpin, C: Clock + Unpin> FusedStream for RunStream<T, C> {
    fn is_terminated(&self) -> bool {
        self.state == StreamState::Ended
    }
}
