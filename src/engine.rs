//! The run engine: the few primitives every kind of schedule provides, and
//! the run rule written once over them.
//!
//! All instants here are whole Unix seconds (`i64`). A schedule is
//! *triggers* (when it wants a run), a *gate* (when a run may start: the
//! backup window, and for backup jobs also the permitted hours) and a
//! *deadline window* (whose closing terminates a run in progress). The runs
//! are `{ first instant at or after a trigger at which the gate is open }`
//! over all triggers; triggers that wait for the same opening coalesce.
//!
//! Fixed-offset schedules answer each primitive in constant time from the
//! position in the week, and override [`Engine::run_after`] with a faster
//! path over the same rule. A schedule in a time zone is the generic adapter
//! of `zoned.rs`, which runs the fixed-offset primitives span by span.
//!
//! The traits are public in name only (this module is private), so that the
//! public [`Timetable`](crate::Timetable) can be implemented by the crate's
//! types alone.

use core::fmt;

use chrono::{DateTime, Utc};

use crate::time;

/// How triggers behave where a time zone's wall clock jumps.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TriggerClock {
    /// Points of a grid: one in a gap does not exist (skipped), one in a
    /// fold happens twice.
    Grid,
    /// A time of day: one in a gap runs shifted forward by the gap's length,
    /// one in a fold runs once, at the earlier instant.
    TimeOfDay,
}

/// The instants at which a schedule wants a run.
pub trait Triggers: Copy {
    /// The first trigger strictly after `t`.
    fn after(&self, t: i64) -> Option<i64>;
    /// The last trigger at or before `t`.
    fn at_or_before(&self, t: i64) -> Option<i64>;
    /// How the triggers meet a wall clock's jumps.
    fn clock(&self) -> TriggerClock;
}

/// Open or closed at each instant, in stretches of whole seconds.
pub trait Gate: Copy {
    /// Whether the gate is open during second `t`.
    fn is_open_at(&self, t: i64) -> bool;
    /// The first open second at or after `t`; `None` if it never opens.
    fn open_at_or_after(&self, t: i64) -> Option<i64>;
    /// For a closed second `t`, the first second of the closed stretch that
    /// contains it; `None` if the gate never opens.
    fn closed_since(&self, t: i64) -> Option<i64>;
    /// The first closed second strictly after `t` that follows an open one:
    /// the end of the open stretch containing `t` or, when closed at `t`, of
    /// the next one. `None` if the gate never closes or never opens.
    fn close_after(&self, t: i64) -> Option<i64>;
}

/// A schedule as the engine sees it.
pub trait Engine: Copy {
    /// The schedule's triggers.
    type Triggers: Triggers;
    /// What holds a run's start.
    type Gate: Gate;
    /// What ends a run.
    type Deadline: Gate;

    /// The triggers.
    fn triggers(&self) -> Self::Triggers;
    /// The gate every run starts in.
    fn gate(&self) -> Self::Gate;
    /// The window whose closing is a run's deadline.
    fn deadline_window(&self) -> Self::Deadline;
    /// Whether a deadline can ever come (the deadline window is enabled and
    /// not always open); only for describing a run.
    fn has_deadline(&self) -> bool;

    /// The earliest run strictly after `after`. Fixed-offset schedules
    /// override this with a faster path over the same rule.
    #[inline]
    fn run_after(&self, after: i64) -> Option<i64> {
        run_after(self, after)
    }

    /// [`run_after`](Engine::run_after) for an instant; fixed-offset
    /// schedules override it with a path that skips Unix time.
    #[inline]
    fn next_run_at(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        time::from_secs(self.run_after(after.timestamp())?)
    }

    /// [`run_before`](Engine::run_before) for an instant (runs strictly
    /// before it, fraction and all); fixed-offset schedules override it with
    /// a path that skips Unix time.
    #[inline]
    fn prev_run_at(&self, before: DateTime<Utc>) -> Option<DateTime<Utc>> {
        time::from_secs(self.run_before(time::ceil_secs(before))?)
    }

    /// The latest run strictly before `before`.
    #[inline]
    fn run_before(&self, before: i64) -> Option<i64> {
        run_before(self, before)
    }

    /// How many runs fall in `[from, to)`, Unix seconds. Here by walking
    /// them; fixed-offset schedules count in constant time.
    fn count_runs(&self, from: i64, to: i64) -> u64 {
        count_by_walking(self, from, to)
    }

    /// How a failed run is retried; none unless a backup job says so.
    fn retry_policy(&self) -> Option<crate::backup::Retry> {
        None
    }

    /// The schedule in one sentence.
    fn write_sentence(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

/// The run of a trigger at `trigger`: the first open instant at or after it.
#[inline]
fn run_of<E: Engine>(engine: &E, trigger: i64) -> Option<i64> {
    engine.gate().open_at_or_after(trigger)
}

/// The earliest run strictly after `after`.
///
/// The run of a trigger never comes before the run of an earlier trigger,
/// so the earliest run after `after` comes from the earliest trigger whose
/// run is after `after`. A trigger at or before `after` has its run after it
/// only if the gate is closed all the way from the trigger to `after`: then
/// the trigger lies in the closed stretch that contains `after`, and its run
/// is the next opening. Otherwise the run is that of the first trigger after
/// `after`.
pub fn run_after<E: Engine>(engine: &E, after: i64) -> Option<i64> {
    let triggers = engine.triggers();
    let gate = engine.gate();
    if !gate.is_open_at(after) {
        let closed_since = gate.closed_since(after)?;
        if triggers
            .at_or_before(after)
            .is_some_and(|trigger| trigger >= closed_since)
        {
            return gate.open_at_or_after(after);
        }
    }
    run_of(engine, triggers.after(after)?)
}

/// The latest run strictly before `before`.
///
/// Runs are open instants. When the gate is open at `before - 1`, the latest
/// trigger at or before it has its run at or before it too, and no later
/// trigger has a run before `before`. When it is closed there, the triggers
/// of that closed stretch all run at or after `before`; the latest run
/// before is that of the last trigger before the stretch, which finds the
/// gate open at the stretch's last open second.
pub fn run_before<E: Engine>(engine: &E, before: i64) -> Option<i64> {
    let last = before.checked_sub(1)?;
    let gate = engine.gate();
    let upto = if gate.is_open_at(last) {
        last
    } else {
        gate.closed_since(last)?.checked_sub(1)?
    };
    run_of(engine, engine.triggers().at_or_before(upto)?)
}

/// How many runs fall in `[from, to)`, one by one.
pub fn count_by_walking<E: Engine>(engine: &E, from: i64, to: i64) -> u64 {
    let mut count = 0;
    let mut after = from.saturating_sub(1);
    while let Some(run) = engine.run_after(after).filter(|&run| run < to) {
        count += 1;
        after = run;
    }
    count
}

/// The earliest trigger the run at `run` serves: the run itself when the
/// gate was open just before it; at an opening, the first trigger of the
/// closed stretch before it (the later ones coalesce into the same run), or
/// the run itself when none waited.
pub fn first_trigger_served<E: Engine>(engine: &E, run: i64) -> Option<i64> {
    let gate = engine.gate();
    if gate.is_open_at(run - 1) {
        return Some(run);
    }
    // `run` is an opening here, and the gates open on whole minutes: asked
    // at `run` or `run + 1` instead of `run - 1`, `closed_since` (of the
    // hour that opens, or of the span before a change that opens it) gives
    // this same start, so mutants of this `- 1` are equivalent.
    let closed_since = gate.closed_since(run - 1)?;
    Some(engine.triggers().after(closed_since - 1)?.min(run))
}

/// The deadline of a run at `run`: when the deadline window closes on it.
#[inline]
pub fn deadline_of<E: Engine>(engine: &E, run: i64) -> Option<i64> {
    engine.deadline_window().close_after(run)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timetable::Timetable;
    use crate::{Interval, MinuteOffset, Schedule, Weekdays, Window};
    use chrono::NaiveTime;

    /// A schedule's primitives without its fast paths: the rule as the
    /// trait's default methods write it, for a kind of schedule (backup
    /// jobs) that has no faster path.
    #[derive(Clone, Copy)]
    struct Plain(Schedule);

    impl Engine for Plain {
        type Triggers = <Schedule as Engine>::Triggers;
        type Gate = <Schedule as Engine>::Gate;
        type Deadline = <Schedule as Engine>::Deadline;

        fn triggers(&self) -> Self::Triggers {
            self.0.triggers()
        }

        fn gate(&self) -> Self::Gate {
            self.0.gate()
        }

        fn deadline_window(&self) -> Self::Deadline {
            self.0.deadline_window()
        }

        fn has_deadline(&self) -> bool {
            self.0.has_deadline()
        }

        fn write_sentence(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.write_sentence(f)
        }
    }

    /// The default `run_after` and `next_run_at` (the rule over the
    /// primitives) answer as the fixed-offset fast paths do, and so do the
    /// queries written over them.
    #[test]
    fn the_default_methods_answer_as_the_fast_paths() {
        let window: Window = "Mon-Fri 20:00-23:00, Sat 01:00-02:00".parse().unwrap();
        let schedules = [
            Schedule::periodic(Interval::from_minutes(60).unwrap()),
            Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap()).unwrap(),
            Schedule::daily(Weekdays::SUNDAY, NaiveTime::from_hms_opt(0, 30, 0).unwrap()).unwrap(),
        ];
        let mut runs = 0;
        for schedule in schedules {
            for held in [
                schedule,
                schedule.with_window(window.with_minute_offset(-210).unwrap()),
                schedule
                    .with_trigger_offset(MinuteOffset::from_minutes(330).unwrap())
                    .with_window(window),
            ] {
                let plain = Plain(held);
                for t in (1_764_460_800..1_764_460_800 + 15 * 86_400).step_by(1_777) {
                    let at = time::from_secs(t).unwrap();
                    assert_eq!(plain.run_after(t), held.run_after(t), "{held:?} after {t}");
                    assert_eq!(plain.next_run(at), held.next_run(at), "{held:?} after {at}");
                    assert_eq!(
                        plain.explain_next(at),
                        held.explain_next(at),
                        "{held:?} after {at}"
                    );
                    runs += usize::from(plain.next_run(at).is_some());
                }
            }
        }
        assert!(runs > 1_000, "{runs} runs");
    }
}
