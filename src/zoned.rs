//! Any schedule evaluated in a time zone's wall-clock time: one generic
//! adapter that runs a fixed-offset engine span by span.
//!
//! Between two offset changes a zone is a fixed offset, so there a schedule's
//! triggers and gates are those of the fixed-offset schedule on wall-clock
//! seconds (local time read as if it were UTC), shifted by the span's offset.
//! Each primitive of the engine is answered that way span by span, and the
//! run rule of `engine.rs` is written over those primitives. Where everything
//! an answer depends on lies inside one span, the fixed-offset engine answers
//! directly (the fast path).

use core::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use crate::backup::{BackupSchedule, Retry};
use crate::describe::Clock;
use crate::engine::{self, Engine, Gate, TriggerClock, Triggers};
use crate::fixed::Across;
use crate::schedule::Schedule;
use crate::time::{self, DAY, DAY_U32, WEEK, WEEK_U32};
use crate::zone::{FastSpan, Span, Zone, LONG_SPAN};

/// How far a zoned search walks from its starting instant. A run is at most
/// two weeks after any instant and a closed stretch shorter than a week when
/// the window opens at all; offset changes move wall-clock times by less
/// than a day. Five weeks leaves room for a window hour that a gap removes.
const HORIZON: i64 = 5 * WEEK;

/// A schedule that can be evaluated on a zone's wall clock.
pub trait Zonable: Engine {
    /// The schedule with every frame (triggers, windows) at offset 0: on
    /// wall-clock seconds, it gives the zoned schedule within one span.
    fn wall_frame(&self) -> Self;
    /// The sentence, with every time of day on `clock`.
    fn describe_on(&self, f: &mut fmt::Formatter<'_>, clock: Clock<'_>) -> fmt::Result;
    /// The fixed-offset fast path's seconds to the first run after second
    /// `in_day` of day-of-week `day_of_week`, and how far back its answer
    /// looked (`Fixed::run_ahead_reach`).
    fn run_ahead_reach(&self, day_of_week: u32, in_day: u32) -> Option<(u32, u32)>;
    /// The fixed-offset path's first run from a change of offset on
    /// (`Fixed::run_across`).
    fn run_across(&self, change: Across) -> Option<u32>;
    /// The first opening from a change of offset on, when a trigger waits
    /// across it (`Fixed::opens_past_change`). (`None` only leaves the
    /// query to `run_from_change` or the generic rule: mutants returning it
    /// are equivalent, only slower.)
    fn opens_past_change(&self, last: u32, since: u32, settled_back: u32, change: u32) -> Option<u32>;
}

impl Zonable for BackupSchedule {
    fn wall_frame(&self) -> BackupSchedule {
        self.in_wall_frame()
    }

    fn describe_on(&self, f: &mut fmt::Formatter<'_>, clock: Clock<'_>) -> fmt::Result {
        self.describe_in(f, clock, Some(clock))
    }

    #[inline]
    fn run_ahead_reach(&self, day_of_week: u32, in_day: u32) -> Option<(u32, u32)> {
        self.fixed().run_ahead_reach(day_of_week, in_day)
    }

    fn run_across(&self, change: Across) -> Option<u32> {
        self.fixed().run_across(change)
    }

    fn opens_past_change(&self, last: u32, since: u32, settled_back: u32, change: u32) -> Option<u32> {
        self.fixed().opens_past_change(last, since, settled_back, change)
    }
}

impl Zonable for Schedule {
    fn wall_frame(&self) -> Schedule {
        self.in_wall_frame()
    }

    fn describe_on(&self, f: &mut fmt::Formatter<'_>, clock: Clock<'_>) -> fmt::Result {
        self.describe_in(f, clock, clock)
    }

    #[inline]
    fn run_ahead_reach(&self, day_of_week: u32, in_day: u32) -> Option<(u32, u32)> {
        self.fixed().run_ahead_reach(day_of_week, in_day)
    }

    fn run_across(&self, change: Across) -> Option<u32> {
        self.fixed().run_across(change)
    }

    fn opens_past_change(&self, last: u32, since: u32, settled_back: u32, change: u32) -> Option<u32> {
        self.fixed().opens_past_change(last, since, settled_back, change)
    }
}

/// A schedule evaluated in a [`Zone`]: the triggers' times of day, the days,
/// the periodic grid and the windows' hours are all the zone's wall-clock
/// time, and the windows' `minuteOffset` is not used.
///
/// Rules at daylight-saving changes:
/// - a daily time in a gap (spring forward) runs at the same wall time shifted
///   forward by the gap's length (02:30 becomes 03:30 in Europe/Berlin); in a
///   fold (fall back) it runs once, at the earlier instant;
/// - periodic grid points that do not exist (gap) are skipped; those that occur
///   twice (fold) run twice, so the real spacing stays the interval;
/// - a window is open whenever the wall-clock (day, hour) is allowed, so a
///   repeated hour is allowed (or not) both times; a trigger in a closed hour
///   waits for the next opening, and waiting triggers coalesce, as always.
///
/// Built with `schedule.in_zone(&zone)`, or with [`Zoned::new`] where the
/// zone is chosen at run time and may be absent (then the schedule is
/// evaluated as the API defines it, UTC triggers and the window at its
/// `minuteOffset`). Every query is bounded: it walks at most five weeks of
/// offset changes. [`Display`](fmt::Display) prints
/// [`describe`](crate::Timetable::describe)'s sentence.
///
/// # Example
///
/// ```
/// use backup_schedule::{Schedule, Timetable, Weekdays, Zone};
/// use chrono::{NaiveTime, TimeZone, Utc};
///
/// let berlin = Zone::new(chrono_tz::Europe::Berlin);
/// let daily = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(2, 30, 0).unwrap())?;
/// let zoned = daily.in_zone(&berlin);
/// // 2027-03-28 02:30 does not exist in Berlin (02:00 -> 03:00): it runs at
/// // 03:30 CEST = 01:30 UTC.
/// let t = Utc.with_ymd_and_hms(2027, 3, 27, 12, 0, 0).unwrap();
/// assert_eq!(zoned.next_run(t), Some(Utc.with_ymd_and_hms(2027, 3, 28, 1, 30, 0).unwrap()));
/// assert_eq!(zoned.to_string(), "Every day at 02:30 Europe/Berlin time, at any hour");
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Zoned<'z, S> {
    schedule: S,
    /// `schedule` in the wall-clock frame; unused without a zone.
    wall: S,
    zone: Option<&'z Zone>,
}

/// A copy job's [`Schedule`] evaluated in a zone.
pub type ZonedSchedule<'z> = Zoned<'z, Schedule>;

impl Schedule {
    /// This schedule evaluated in `zone`; see [`Zoned`].
    pub fn in_zone(self, zone: &Zone) -> Zoned<'_, Schedule> {
        Zoned::new(self, Some(zone))
    }
}

impl BackupSchedule {
    /// This schedule evaluated in `zone`; see [`Zoned`].
    pub fn in_zone(self, zone: &Zone) -> Zoned<'_, BackupSchedule> {
        Zoned::new(self, Some(zone))
    }
}

impl<'z, S: Zonable> Zoned<'z, S> {
    /// `schedule` evaluated in `zone`, or as the API defines it when `zone`
    /// is `None`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Interval, Schedule, Timetable, Zone, Zoned};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let schedule = Schedule::periodic(Interval::from_minutes(60)?);
    /// let t = Utc.with_ymd_and_hms(2026, 12, 1, 10, 30, 0).unwrap();
    /// let zone: Option<Zone> = None; // say, no --zone flag given
    /// let evaluated = Zoned::new(schedule, zone.as_ref());
    /// assert_eq!(evaluated.next_run(t), schedule.next_run(t));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn new(schedule: S, zone: Option<&'z Zone>) -> Zoned<'z, S> {
        Zoned {
            schedule,
            wall: schedule.wall_frame(),
            zone,
        }
    }

    /// The schedule.
    pub fn schedule(&self) -> &S {
        &self.schedule
    }

    /// The zone; `None` when evaluated as the API defines it.
    pub fn zone(&self) -> Option<&'z Zone> {
        self.zone
    }

    /// Seconds from `after` to the first run after it, as the fixed-offset
    /// fast path gives them on the wall clock of `span` (the span containing
    /// `after`, `week` the position of `after` in its wall-clock week), to
    /// `found`, when everything that answer depends on lies in the span,
    /// where the span's triggers and gate are the wall frame's; else
    /// `missed` is told whether it was settled (then the run the wall clock
    /// gives is at or past the span's end). Continuations, not a `Result`:
    /// the compiler kept a `Result` in a register and tested it again (6
    /// instructions a query).
    ///
    /// The answer depends on the instants from `after` (or, when a trigger
    /// waiting in the closed stretch containing `after` could decide it,
    /// from that stretch's start) to the run. Within a span the zone's gate
    /// and grid are the wall-clock ones; a change moves time-of-day triggers
    /// (a gap's shifted times, a fold's repeated ones) in a stretch after it
    /// only, up to `span.daily_after`, never before it.
    ///
    /// Mutants that call `missed` more often leave more queries to the
    /// slower paths: the same answers (the benches see it, no test does),
    /// so they are equivalent.
    #[inline]
    fn ahead_in_span<R>(
        &self,
        span: FastSpan,
        after: i64,
        week: u32,
        found: impl FnOnce(u32) -> R,
        missed: impl Fn(bool) -> R,
    ) -> R {
        let Some((ahead, reach)) = self.wall.run_ahead_reach(week / DAY_U32, week % DAY_U32) else {
            return missed(false);
        };
        if !self.settled(span, after, reach) {
            return missed(false);
        }
        if after + i64::from(ahead) >= span.end {
            return missed(true);
        }
        found(ahead)
    }

    /// Whether a fast answer that looked `reach` back from `after` (in
    /// `span`) only looked where the span's triggers and gate are its wall
    /// clock's. Grid points and the gate are the wall-frame ones span by
    /// span, so a grid's answer holds from the change on; only a closed
    /// stretch starting at the change itself may begin earlier in the zone
    /// (the gate may be closed before it too), hence after it, strictly.
    /// Time-of-day triggers hold strictly after `daily_after`, which is
    /// after the change. (Returning `false` sends every query to the slower
    /// paths, with the same answers: an equivalent mutant, as for
    /// `ahead_in_span`.)
    #[inline]
    fn settled(&self, span: FastSpan, after: i64, reach: u32) -> bool {
        after - i64::from(reach) > self.unsettled(span)
    }

    /// The last instant of `span` from which the schedule's triggers may
    /// differ from its wall clock's (see `ahead_in_span`).
    #[inline]
    fn unsettled(&self, span: FastSpan) -> i64 {
        match self.wall.triggers().clock() {
            TriggerClock::Grid => span.start,
            TriggerClock::TimeOfDay => span.daily_after,
        }
    }

    /// The earliest run strictly after `after` when the fast path could not
    /// answer: from the spans on both sides of a change where
    /// [`run_from_change`](Zoned::run_from_change) can, else by the generic
    /// rule. Out of line (`#[cold]`): the few queries near a change take it,
    /// and inlined its register saves and spills were paid by every query
    /// of the fast path.
    #[cold]
    #[inline(never)]
    fn run_after_near_change(&self, after: i64, settled: bool) -> Option<i64> {
        self.near_change(after, settled)
    }

    /// The body of [`run_after_near_change`](Zoned::run_after_near_change),
    /// inlined into both cold paths (one call fewer for `next_run_at`).
    #[inline(always)]
    fn near_change(&self, after: i64, settled: bool) -> Option<i64> {
        let zone = self.zone?;
        // Found again, rather than passed: passed, the fast path spilled it
        // (about 10 instructions a query).
        let across = if settled {
            // The span's wall clock puts the run at or past its end: then
            // nothing runs from `after` to the end (the triggers and gate it
            // looked at there are the zone's), and the first run after
            // `after` is the first from the next change on.
            zone.fast_span_and_next(after).map(|(span, next)| {
                self.run_past_change(span, next, after)
                    .or_else(|| self.run_from_change(span, next, 0))
            })
        } else {
            // Asked since the span's change: when the gate is closed from
            // the change to `after`, nothing runs there either.
            zone.fast_span_and_previous(after).map(|(before, span)| {
                self.run_past_change(before, span, after)
                    .or_else(|| self.run_from_change(before, span, after - span.start + 1))
            })
        };
        // (Without a span after, or before, `across` is `None`: the ends of
        // time, which never get here: no run is at or past `i64::MAX`, and
        // the first span is settled throughout. Mutants making the pair
        // reads `None` send every query here to the generic rule, with the
        // same answers: equivalent, only slower.)
        across.flatten().or_else(|| engine::run_after(self, after))
    }

    /// [`run_after_near_change`](Zoned::run_after_near_change) for
    /// `next_run_at`, with the conversion out of line as well.
    #[cold]
    #[inline(never)]
    fn next_run_near_change(
        &self,
        after: i64,
        settled: bool,
        date: NaiveDate,
        in_day: u32,
    ) -> Option<DateTime<Utc>> {
        let ahead = self.near_change(after, settled)? - after;
        time::advance(date, in_day, u32::try_from(ahead).ok()?)
    }

    /// The first run after `from` when a trigger of `before` waits across
    /// the change to `after`: the first opening from the change on, if it
    /// lies in `after` and after `from` (see `Fixed::opens_past_change`).
    /// Else `None`, for [`run_from_change`](Zoned::run_from_change) to try.
    ///
    /// `from` lies either in `before`, its fast answer settled and at or
    /// past the span's end (nothing runs from it to the change), or in
    /// `after`: then an opening after `from` means the gate is closed from
    /// the change to `from`, and the trigger waits at `from` too.
    ///
    /// Cheaper than `run_from_change`: no test of the spans' lengths and no
    /// triggers from the change on (a waiting trigger makes those
    /// irrelevant), and no closed stretch to read back when the trigger
    /// comes after `from`. (A mutant always returning `None` leaves every
    /// query to those, with the same answers: equivalent, only slower.)
    #[inline]
    fn run_past_change(&self, before: FastSpan, after: FastSpan, from: i64) -> Option<i64> {
        // (`before.end`, not `after.start`: the same instant, but known
        // before the second span is read, so the positions need not wait
        // for that read.)
        let change = before.end;
        let last = change - 1;
        let on_before = time::week_position(last + i64::from(before.offset));
        // The change on the clock after, a week on to stay positive (offsets
        // differ by less than two days): below three weeks, as `spot` takes.
        let on_after = on_before + 1 + WEEK + i64::from(after.offset) - i64::from(before.offset);
        let u32_of = |secs: i64| secs.clamp(0, i64::from(u32::MAX)) as u32;
        let opens = self.wall.opens_past_change(
            on_before as u32,
            // 0 from `after` on: no trigger after `from` lies before the change.
            u32_of(last - from),
            u32_of(last.saturating_sub(self.unsettled(before))),
            on_after as u32,
        )?;
        let run = change + i64::from(opens);
        (run > from && run < after.end).then_some(run)
    }

    /// The first run from the change between `before` and `after` (two
    /// neighbouring spans) on, when the wall clocks of the two spans settle
    /// it; when `closed_for` is not 0, only if the gate is closed from the
    /// change for `closed_for - 1` seconds more, and then it is also the
    /// first run after any of those seconds. Else `None`.
    ///
    /// Within a span the gate and the grid are the span's wall clock's, so
    /// for a grid the rule at the second before the change reads the closed
    /// stretch and its triggers on the clock before (where settled: after
    /// the span's start, strictly, so that the stretch's start is the
    /// zone's), and openings and triggers from the change on the clock after
    /// (where the run must lie in the span after). Time-of-day triggers
    /// differ near the change: with `d` the change's length, a gap shifts
    /// the skipped wall times, the clock before's triggers in `[change,
    /// change + d)`, into the zone, beside the clock after's there; a fold
    /// takes the clock after's triggers in `[change, change - d)` away (the
    /// span before read those wall times first). That is all, when both
    /// spans are [`LONG_SPAN`] or longer (see `zone_table::daily_after`):
    /// no other change reaches the skipped or repeated wall times.
    ///
    /// `None` leaves the query to the generic rule, with the same answer:
    /// mutants that only return `None` more often (always, or from a
    /// `closed_for` past the week bound, as adding `span.start` instead of
    /// subtracting it gives) are equivalent, only slower.
    fn run_from_change(&self, before: FastSpan, after: FastSpan, closed_for: i64) -> Option<i64> {
        let change = after.start;
        let last = change - 1;
        let (skip, extra) = match self.wall.triggers().clock() {
            TriggerClock::Grid => (0, 0),
            TriggerClock::TimeOfDay => {
                // (`short_spans_agree_with_the_rule` fails without the second
                // test, `a_gap_after_a_short_span_shifts_no_wall_time_read_
                // before_it` without the first. `>=` for the first `>` also
                // leaves a span of exactly three days to the generic rule,
                // with the same answers: an equivalent mutant.)
                if before.start > change.saturating_sub(LONG_SPAN)
                    || after.end < change.saturating_add(LONG_SPAN)
                {
                    return None;
                }
                let d = i64::from(after.offset) - i64::from(before.offset);
                ((-d).max(0) as u32, d.max(0) as u32)
            }
        };
        let on = |span: FastSpan| time::week_position(last + i64::from(span.offset)) as u32;
        let settled_back = last.saturating_sub(self.unsettled(before));
        let run = self.wall.run_across(Across {
            before: on(before),
            after: on(after),
            settled_back: settled_back.clamp(0, i64::from(u32::MAX)) as u32,
            // (A closed stretch is shorter than a week when the gate opens.)
            closed_for: u32::try_from(closed_for)
                .ok()
                .filter(|&closed| closed <= WEEK_U32)?,
            skip,
            extra,
        })?;
        let run = last + i64::from(run);
        (run < after.end).then_some(run)
    }
}

impl<S: fmt::Debug> fmt::Debug for Zoned<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Zoned")
            .field("schedule", &self.schedule)
            .field("zone", &self.zone.map(Zone::name))
            .finish()
    }
}

impl<S: Zonable> fmt::Display for Zoned<'_, S> {
    /// The sentence of [`describe`](crate::Timetable::describe), with every
    /// time of day on the zone's wall clock.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_sentence(f)
    }
}

impl<'z, S: Zonable> Engine for Zoned<'z, S> {
    type Triggers = ZonedTriggers<'z, S::Triggers>;
    type Gate = ZonedGate<'z, S::Gate>;
    type Deadline = ZonedGate<'z, S::Deadline>;

    #[inline]
    fn triggers(&self) -> Self::Triggers {
        match self.zone {
            Some(zone) => ZonedTriggers {
                inner: self.wall.triggers(),
                zone: Some(zone),
            },
            None => ZonedTriggers {
                inner: self.schedule.triggers(),
                zone: None,
            },
        }
    }

    #[inline]
    fn gate(&self) -> Self::Gate {
        match self.zone {
            Some(zone) => ZonedGate {
                inner: self.wall.gate(),
                zone: Some(zone),
            },
            None => ZonedGate {
                inner: self.schedule.gate(),
                zone: None,
            },
        }
    }

    #[inline]
    fn deadline_window(&self) -> Self::Deadline {
        match self.zone {
            Some(zone) => ZonedGate {
                inner: self.wall.deadline_window(),
                zone: Some(zone),
            },
            None => ZonedGate {
                inner: self.schedule.deadline_window(),
                zone: None,
            },
        }
    }

    // Nothing in the crate asks `has_deadline` yet (it is for describing a
    // run), so mutants of its body are equivalent until something does.
    fn has_deadline(&self) -> bool {
        self.schedule.has_deadline()
    }

    fn retry_policy(&self) -> Option<Retry> {
        self.schedule.retry_policy()
    }

    /// The fixed-offset fast path's answer on the wall clock when
    /// everything it depends on lies in one span (see `ahead_in_span`), else
    /// the rule span by span.
    #[inline]
    fn run_after(&self, after: i64) -> Option<i64> {
        let Some(zone) = self.zone else {
            return self.schedule.run_after(after);
        };
        let span = zone.fast_span(after);
        let week = time::week_position(after + i64::from(span.offset)) as u32;
        self.ahead_in_span(
            span,
            after,
            week,
            |ahead| Some(after + i64::from(ahead)),
            |settled| self.run_after_near_change(after, settled),
        )
    }

    /// The fixed-offset engine's answer on wall-clock seconds when the run,
    /// the triggers it serves and `before` lie in one span, a day or more
    /// after its change (as for [`run_after`](Engine::run_after)); else the
    /// rule span by span.
    #[inline]
    fn run_before(&self, before: i64) -> Option<i64> {
        let Some(zone) = self.zone else {
            return self.schedule.run_before(before);
        };
        let span = zone.span(before.checked_sub(1)?);
        if let Some(run) = self.wall.run_before(before + span.offset) {
            let settled = span.start.saturating_add(DAY);
            // The triggers a run serves are less than a week before it (a
            // closed stretch is shorter than a week when the gate opens):
            // a run a week past `settled` needs no search for them. The
            // search gives the same answer, only slower, so mutants of this
            // test that keep the search are equivalent.
            if run - span.offset >= settled.saturating_add(WEEK)
                || engine::first_trigger_served(&self.wall, run)? - span.offset >= settled
            {
                return Some(run - span.offset);
            }
        }
        engine::run_before(self, before)
    }

    /// Span by span: runs from a span's start are walked until one comes a
    /// day or more after the change (where the fast path's premise holds
    /// again); from that run on, the span's runs are the fixed-offset
    /// schedule's, counted in constant time.
    fn count_runs(&self, from: i64, to: i64) -> u64 {
        let Some(zone) = self.zone else {
            return self.schedule.count_runs(from, to);
        };
        let mut count = 0;
        let mut at = from;
        while at < to {
            let span = zone.span(at);
            let end = span.end.min(to);
            let settled = span.start.saturating_add(DAY);
            let mut after = at.saturating_sub(1);
            while let Some(run) = self.run_after(after).filter(|&run| run < end) {
                count += 1;
                if run >= settled {
                    count += self.wall.count_runs(run + 1 + span.offset, end + span.offset);
                    break;
                }
                after = run;
            }
            at = end;
        }
        count
    }

    /// As [`run_after`](Engine::run_after), in the fixed path's form: the
    /// instant's date and second of the day in, that date plus the seconds
    /// ahead out, no conversion from Unix time (only `after`'s Unix second,
    /// to find its span).
    #[inline]
    fn next_run_at(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let Some(zone) = self.zone else {
            return self.schedule.next_run_at(after);
        };
        let secs = time::unix_secs(after);
        let span = zone.fast_span(secs);
        let (date, day_of_week, in_day) = time::split(after);
        let week = day_of_week * DAY_U32 + in_day + span.week_shift;
        let week = if week >= WEEK_U32 { week - WEEK_U32 } else { week };
        self.ahead_in_span(
            span,
            secs,
            week,
            |ahead| time::advance(date, in_day, ahead),
            |settled| self.next_run_near_change(secs, settled, date, in_day),
        )
    }

    fn write_sentence(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.zone {
            None => self.schedule.write_sentence(f),
            Some(zone) => self.schedule.describe_on(f, Clock::Zone(zone.name())),
        }
    }
}

/// The spans of fixed offset from the one containing `t` on, forward, until
/// the horizon from `t`.
///
/// The horizon bounds the work, not the answers: every answer lies well
/// within it (see [`HORIZON`]), and a search that finds none walks on to it.
/// Walking a span further or shorter at the limit (mutants turning `<=` into
/// `<` here or `>` into `>=` in [`spans_back_from`]), or on to the zone's last
/// or first span (`&&` into `||`), gives the same answers: those mutants are
/// equivalent.
fn spans_from(zone: &Zone, t: i64) -> impl Iterator<Item = Span> + '_ {
    let limit = t.saturating_add(HORIZON);
    core::iter::successors(Some(zone.span(t)), move |span| {
        (span.end <= limit && span.end != i64::MAX).then(|| zone.span(span.end))
    })
}

/// The spans from the one containing `t` back, until the horizon before `t`.
fn spans_back_from(zone: &Zone, t: i64) -> impl Iterator<Item = Span> + '_ {
    let limit = t.saturating_sub(HORIZON);
    core::iter::successors(Some(zone.span(t)), move |span| {
        (span.start > limit && span.start != i64::MIN).then(|| zone.span(span.start - 1))
    })
}

/// A fixed-offset gate read on a zone's wall clock (or, without a zone, as
/// it is).
#[derive(Clone, Copy, Debug)]
pub struct ZonedGate<'z, G> {
    inner: G,
    zone: Option<&'z Zone>,
}

impl<G: Gate> Gate for ZonedGate<'_, G> {
    #[inline]
    fn is_open_at(&self, t: i64) -> bool {
        match self.zone {
            None => self.inner.is_open_at(t),
            Some(zone) => self.inner.is_open_at(zone.wall(t)),
        }
    }

    fn open_at_or_after(&self, t: i64) -> Option<i64> {
        let Some(zone) = self.zone else {
            return self.inner.open_at_or_after(t);
        };
        spans_from(zone, t).find_map(|span| {
            let from = t.max(span.start);
            let open = self.inner.open_at_or_after(from + span.offset)? - span.offset;
            (open < span.end).then_some(open)
        })
    }

    fn closed_since(&self, t: i64) -> Option<i64> {
        let Some(zone) = self.zone else {
            return self.inner.closed_since(t);
        };
        for span in spans_back_from(zone, t) {
            // Closed from `upto` (in this span) back to here, at least.
            // (Asked at `span.end` instead, one second later on this span's
            // wall clock, the window's `closed_since` gives the same start:
            // within an hour it moves with the second, and at an hour that
            // opens it is the end of the last open hour all the same. So a
            // mutant of this `- 1` is equivalent.)
            let upto = t.min(span.end - 1);
            let since = self.inner.closed_since(upto + span.offset)? - span.offset;
            if since > span.start {
                return Some(since);
            }
            if span.start == i64::MIN || self.is_open_at(span.start - 1) {
                return Some(span.start);
            }
        }
        None
    }

    fn close_after(&self, t: i64) -> Option<i64> {
        let Some(zone) = self.zone else {
            return self.inner.close_after(t);
        };
        // From the first open instant, find where its open stretch ends.
        let from = self.open_at_or_after(t)?;
        for span in spans_from(zone, from) {
            let here = from.max(span.start);
            let close = self.inner.close_after(here + span.offset)? - span.offset;
            if close < span.end {
                return Some(close);
            }
            if span.end != i64::MAX && !self.is_open_at(span.end) {
                return Some(span.end); // the offset change itself closes it
            }
        }
        None
    }
}

/// Fixed-offset triggers read on a zone's wall clock (or, without a zone, as
/// they are).
#[derive(Clone, Copy, Debug)]
pub struct ZonedTriggers<'z, T> {
    inner: T,
    zone: Option<&'z Zone>,
}

impl<T: Triggers> Triggers for ZonedTriggers<'_, T> {
    fn after(&self, t: i64) -> Option<i64> {
        let Some(zone) = self.zone else {
            return self.inner.after(t);
        };
        match self.inner.clock() {
            // Each instant whose wall time is on the grid.
            TriggerClock::Grid => spans_from(zone, t.checked_add(1)?).find_map(|span| {
                let from = (t + 1).max(span.start);
                let point = self.inner.after(from - 1 + span.offset)? - span.offset;
                (point < span.end).then_some(point)
            }),
            // Each wall-clock time of day resolved to one instant. Resolved
            // instants grow with the wall time (they are a day or more apart
            // and a change moves them by less), so walk the wall times from
            // one whose instant is surely not after `t` (offsets differ by
            // less than two days). Each step moves a day or more.
            TriggerClock::TimeOfDay => {
                let mut wall = zone.wall(t) - 3 * DAY;
                loop {
                    wall = self.inner.after(wall)?;
                    let instant = zone.resolve(wall);
                    if instant > t {
                        return Some(instant);
                    }
                }
            }
        }
    }

    fn at_or_before(&self, t: i64) -> Option<i64> {
        let Some(zone) = self.zone else {
            return self.inner.at_or_before(t);
        };
        match self.inner.clock() {
            TriggerClock::Grid => spans_back_from(zone, t).find_map(|span| {
                let upto = t.min(span.end - 1);
                let point = self.inner.at_or_before(upto + span.offset)? - span.offset;
                (point >= span.start).then_some(point)
            }),
            TriggerClock::TimeOfDay => {
                // Any start a day or more ahead will do: an instant at or
                // before `t` has a wall time at most a day after `t`'s (an
                // offset falls by a day at most, as Apia's did in 1892), so
                // a mutant turning `3 * DAY` into `3 + DAY` is equivalent.
                let mut wall = zone.wall(t) + 3 * DAY;
                loop {
                    wall = self.inner.at_or_before(wall)?;
                    let instant = zone.resolve(wall);
                    if instant <= t {
                        return Some(instant);
                    }
                    wall -= 1;
                }
            }
        }
    }

    fn clock(&self) -> TriggerClock {
        self.inner.clock()
    }
}

/// (With zone data to read: any source.)
#[cfg(all(
    test,
    any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono")
))]
mod tests {
    use super::*;
    use crate::engine::count_by_walking;
    use crate::trigger::Interval;
    use crate::weekdays::Weekdays;
    use crate::window::Window;
    use chrono::NaiveTime;

    /// Spans shorter than three days (a day of summer time, a gap and a
    /// fold two hours apart, a gap whose wall times are read again half an
    /// hour on, two folds): the fast paths answer as the generic rule,
    /// the path across a change included, which must leave time-of-day
    /// triggers next to such spans to the generic rule.
    #[cfg(feature = "tz-chrono")]
    #[test]
    fn short_spans_agree_with_the_rule() {
        use crate::zone_table::Table;
        const T: i64 = 1_806_195_600; // 2027-03-28T01:00:00Z, a Sunday
        let zone = Zone::with_table(Table::from_transitions(
            0,
            [
                (T, 3_600),
                (T + DAY, 0),
                (T + 10 * DAY, 7_200),
                (T + 10 * DAY + 7_200, 0),
                // Wall [01:00, 02:00) skipped, then read again from 01:30Z
                // (00:30): 01:15 is 02:15Z, not the gap's 01:15Z.
                (T + 20 * DAY, 3_600),
                (T + 20 * DAY + 1_800, -3_600),
                // Back to 0 a fortnight on; then a fold of an hour and
                // another half an hour on, walls read a third time.
                (T + 34 * DAY, 0),
                (T + 40 * DAY, -3_600),
                (T + 40 * DAY + 1_800, -7_200),
            ],
        ));
        let window: Window = "Mon-Fri 08:00-18:00".parse().unwrap();
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let times = [
            at(0, 30),
            at(1, 15),
            at(1, 30),
            at(1, 45),
            at(2, 30),
            at(3, 30),
            at(12, 0),
            at(23, 30),
        ];
        for time in times {
            for days in [Weekdays::EVERYDAY, Weekdays::WORKDAYS, Weekdays::WEEKENDS] {
                let daily = Schedule::daily(days, time).unwrap();
                for schedule in [daily, daily.with_window(window)] {
                    let zoned = schedule.in_zone(&zone);
                    for t in (T - 9 * DAY..T + 44 * DAY).step_by(1_787) {
                        assert_eq!(
                            zoned.run_after(t),
                            engine::run_after(&zoned, t),
                            "{zoned:?} after {t}"
                        );
                    }
                }
            }
        }
    }

    /// A span of an hour between a fold of two hours and a gap of one: the
    /// wall times the gap skips were read before the short span, so the
    /// path across a change must leave time-of-day triggers to the generic
    /// rule there (it would take the clock before's 01:30 as the gap's
    /// shifted time). Expected values by hand.
    #[cfg(feature = "tz-chrono")]
    #[test]
    fn a_gap_after_a_short_span_shifts_no_wall_time_read_before_it() {
        use crate::zone_table::Table;
        // Wednesday 2027-03-31T00:00:00Z. At +2 h until D (walls up to Wed
        // 02:00), at 0 for an hour (walls Wed 00:00-01:00 again), then at
        // +1 h (walls from Wed 02:00 on): Wed 01:30 is read only at +2 h,
        // at Tue 23:30Z.
        const D: i64 = 1_806_451_200;
        let zone = Zone::with_table(Table::from_transitions(7_200, [(D, 0), (D + 3_600, 3_600)]));
        // Open but on Wednesday 01:00-08:00 (wall clock).
        let mut hours = [true; 168];
        hours[3 * 24 + 1..3 * 24 + 8].fill(false);
        let window = Window::new(&hours, 0).unwrap();
        let daily = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(1, 30, 0).unwrap())
            .unwrap()
            .with_window(window);
        let zoned = daily.in_zone(&zone);
        // Wednesday's 01:30 (Tue 23:30Z, closed) ran at D (wall 00:00,
        // open). From the gap on the gate is closed until wall 08:00 (D +
        // 7 h), with nothing waiting: Thursday 01:30 = D + 1 d + 30 min
        // (open) is the next run, not D + 7 h.
        let thursday = D + DAY + 1_800;
        for after in [D + 3_600, D + 7_200, D + 7 * 3_600 - 1] {
            assert_eq!(zoned.run_after(after), Some(thursday), "after {after}");
            let at = DateTime::from_timestamp(after, 0).unwrap();
            assert_eq!(
                zoned.next_run_at(at),
                DateTime::from_timestamp(thursday, 0),
                "after {at}"
            );
        }
        assert_eq!(zoned.run_after(D - 3_600), Some(D), "Wednesday's run");
        assert_eq!(zoned.run_after(thursday), Some(thursday + DAY));

        // The short span's own wall times were read before it too: its
        // clock's 00:30 (D + 30 min, closed, as if waiting across the gap) is
        // no trigger. Wednesday 00:30 is Tue 22:30Z and runs at wall 01:00
        // (Tue 23:00Z, open); closed again from wall 02:00 (the gap) to 08:00,
        // nothing waits there: Thursday 00:30 = D + 23 h 30 min runs, not
        // the opening at D + 7 h.
        let mut hours = [true; 168];
        hours[3 * 24] = false;
        hours[3 * 24 + 2..3 * 24 + 8].fill(false);
        let window = Window::new(&hours, 0).unwrap();
        let daily = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(0, 30, 0).unwrap())
            .unwrap()
            .with_window(window);
        let zoned = daily.in_zone(&zone);
        assert_eq!(zoned.run_after(D - 7_200), Some(D - 3_600));
        assert_eq!(zoned.run_after(D + 7_200), Some(D + DAY - 1_800));
    }

    /// A trigger waiting across a gap into a span of five hours whose wall
    /// clock would open the gate at the span's end: the instant after is
    /// read on the next span's clock (a fold back to 0, still closed), so
    /// the run waits for that clock's opening. Expected values by hand.
    #[cfg(feature = "tz-chrono")]
    #[test]
    fn an_opening_at_the_end_of_a_short_span_is_read_on_the_next_clock() {
        use crate::zone_table::Table;
        // Wednesday 2027-03-31T00:00:00Z. At 0 until D, at +1 h until D + 5 h
        // (walls Wed 01:00-06:00), at 0 after (walls from Wed 05:00).
        const D: i64 = 1_806_451_200;
        let zone = Zone::with_table(Table::from_transitions(0, [(D, 3_600), (D + 5 * 3_600, 0)]));
        // Closed Tuesday 22:00 to Wednesday 06:00 (wall clock).
        let mut hours = [true; 168];
        hours[2 * 24 + 22..3 * 24 + 6].fill(false);
        let window = Window::new(&hours, 0).unwrap();
        let daily = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(23, 0, 0).unwrap())
            .unwrap()
            .with_window(window);
        let zoned = daily.in_zone(&zone);
        // Tuesday 23:00 = D - 1 h waits: the +1 h clock opens at its wall
        // 06:00 = D + 5 h, the span's end, where the clock reads 05:00; it
        // opens at 06:00 = D + 6 h. Then Wednesday 23:00 = D + 23 h (open).
        let after = D - 5_400;
        assert_eq!(zoned.run_after(after), Some(D + 6 * 3_600));
        let at = DateTime::from_timestamp(after, 0).unwrap();
        assert_eq!(zoned.next_run_at(at), DateTime::from_timestamp(D + 6 * 3_600, 0));
        assert_eq!(zoned.run_after(D + 6 * 3_600), Some(D + 23 * 3_600));
    }

    /// A trigger waiting across a change ten minutes past the hour (a gap
    /// of 30 minutes, the wall clock after it at 00:40): the gate opens at
    /// 01:00, 20 minutes after the change, within the time-of-day triggers'
    /// settling; asked at that opening and a second after, the waiting
    /// trigger has run. Expected values by hand.
    #[cfg(feature = "tz-chrono")]
    #[test]
    fn asked_at_the_opening_after_a_change_the_waiting_trigger_has_run() {
        use crate::zone_table::Table;
        // Wednesday 2027-03-31T00:00:00Z; +30 min from D + 10 min.
        const D: i64 = 1_806_451_200;
        let zone = Zone::with_table(Table::from_transitions(0, [(D + 600, 1_800)]));
        // Closed Wednesday 00:00-01:00 (wall clock).
        let mut hours = [true; 168];
        hours[3 * 24] = false;
        let window = Window::new(&hours, 0).unwrap();
        let daily = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(0, 5, 0).unwrap())
            .unwrap()
            .with_window(window);
        let zoned = daily.in_zone(&zone);
        // Wednesday 00:05 = D + 5 min waits for wall 01:00 = D + 30 min; then
        // Thursday 00:05 (open) = D + 1 d - 25 min.
        let opening = D + 1_800;
        let thursday = D + DAY - 1_500;
        assert_eq!(zoned.run_after(D + 600), Some(opening));
        assert_eq!(zoned.run_after(opening - 1), Some(opening));
        assert_eq!(zoned.run_after(opening), Some(thursday));
        assert_eq!(zoned.run_after(opening + 1), Some(thursday));
    }

    /// Counting span by span agrees with walking every run, across years of
    /// offset changes, in zones with odd changes.
    #[test]
    fn zoned_counting_agrees_with_walking() {
        let window: Window = "Mon-Fri 20:00-06:00, Sat 01:00-04:00, Sun 02:00-03:00"
            .parse()
            .unwrap();
        let every = |minutes| Interval::from_minutes(minutes).unwrap();
        let copy = [
            Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(2, 30, 0).unwrap()).unwrap(),
            Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap())
                .unwrap()
                .with_window(window),
            Schedule::periodic(every(60)).with_window(window),
            Schedule::periodic(every(30)),
        ];
        let backup = BackupSchedule::periodic(every(120))
            .with_offset_minutes(15)
            .unwrap()
            .with_permitted_hours("daily 19:00-08:00".parse().unwrap())
            .unwrap()
            .with_backup_window(window);
        for name in [
            "Europe/Berlin",
            "Australia/Lord_Howe",
            "America/Santiago",
            "Pacific/Apia",
        ] {
            let zone = Zone::from_name(name).unwrap();
            // The fast paths are the rule span by span, near changes too.
            for schedule in copy {
                let zoned = schedule.in_zone(&zone);
                for t in (1_300_000_000..1_300_000_000 + 400 * 86_400).step_by(4_999) {
                    assert_eq!(
                        zoned.run_before(t),
                        engine::run_before(&zoned, t),
                        "{zoned:?} before {t}"
                    );
                    let after = engine::run_after(&zoned, t);
                    assert_eq!(zoned.run_after(t), after, "{zoned:?} after {t}");
                    // The instant path, whole seconds and with a fraction.
                    let at = DateTime::from_timestamp(t, 0).unwrap();
                    let later = DateTime::from_timestamp(t, 999_999_999).unwrap();
                    let after = after.and_then(time::from_secs);
                    assert_eq!(zoned.next_run_at(at), after, "{zoned:?} after {at}");
                    assert_eq!(zoned.next_run_at(later), after, "{zoned:?} after {later}");
                }
            }
            // Backup jobs, alone and as a `JobSchedule`.
            let zoned = backup.in_zone(&zone);
            let job = crate::JobSchedule::from(backup).in_zone(&zone);
            for t in (1_300_000_000..1_300_000_000 + 400 * 86_400).step_by(4_999) {
                let after = engine::run_after(&zoned, t);
                assert_eq!(zoned.run_after(t), after, "{zoned:?} after {t}");
                assert_eq!(job.run_after(t), after, "{job:?} after {t}");
                let at = DateTime::from_timestamp(t, 0).unwrap();
                assert_eq!(zoned.next_run_at(at), after.and_then(time::from_secs));
                assert_eq!(job.next_run_at(at), after.and_then(time::from_secs));
            }
            // 2010-2012 around every change, and a long stretch.
            for (from, to) in [
                (1_262_304_000, 1_262_304_000 + 2 * 366 * 86_400),
                (1_301_000_000, 1_301_000_000 + 40 * 86_400),
                (1_317_000_000, 1_317_000_000 + 20 * 86_400),
            ] {
                for schedule in copy {
                    let zoned = schedule.in_zone(&zone);
                    assert_eq!(
                        zoned.count_runs(from, to),
                        count_by_walking(&zoned, from, to),
                        "{zoned:?} [{from}, {to})"
                    );
                }
                let zoned = backup.in_zone(&zone);
                assert_eq!(
                    zoned.count_runs(from, to),
                    count_by_walking(&zoned, from, to),
                    "{zoned:?}"
                );
            }
        }
    }
}
