//! A fuzz-only description of a schedule (triggers, the offset they are read
//! at, window, offset) and a few instants, including instants at and near
//! chrono's minimum and maximum. The engine's `next_run`, `prev_run`,
//! `past`, `explain_next`, `explain_event`, `upcoming`, `runs_between` and
//! window queries are checked against the naive reference model of
//! `tests/reference/mod.rs`, which steps minute by minute, and against their
//! invariants; so are the scheduler's questions (`count_between`, `missed`,
//! `catch_up` with each policy, `staggered_start`, `next_staggered_run`),
//! also on ranges that reach chrono's ends. The builders' errors (`Interval::from_minutes`,
//! `Schedule::daily`, `Window::new`) are checked against the rules they
//! state, and an API-expressible schedule's policy is checked to go through
//! JSON and back unchanged.

#![no_main]

mod common;

use arbitrary::Arbitrary;
use backup_schedule::vb365::CopyJobSchedulePolicy;
use backup_schedule::{Error, Interval, MinuteOffset, Schedule, Timetable, Trigger, Weekdays, Window};
use chrono::{NaiveTime, Timelike};
use libfuzzer_sys::fuzz_target;

use common::input::{Hours, Instant, Offset, Queries};
use common::reference::{RefSchedule, RefTrigger, RefWindow};
use common::DIVISORS;

/// The API's `periodicallyEvery` intervals.
const API_MINUTES: [u32; 9] = [5, 10, 15, 30, 60, 120, 240, 480, 720];

#[derive(Arbitrary, Debug)]
enum FuzzTrigger {
    Immediate,
    /// Days as bits (bit 0 = Sunday), seconds after midnight, and a fraction
    /// of a second (which the builder must refuse).
    Daily {
        days: u8,
        secs: u32,
        nanos: u32,
    },
    /// One of the API's intervals.
    ApiPeriodic(u8),
    /// Any interval that divides a day.
    Periodic(u8),
    /// Any number of minutes (most do not divide a day).
    RawPeriodic(u16),
}

#[derive(Arbitrary, Debug)]
struct FuzzWindow {
    hours: Hours,
    offset: Offset,
}

#[derive(Arbitrary, Debug)]
struct Input {
    trigger: FuzzTrigger,
    window: Option<FuzzWindow>,
    /// The offset the triggers are read at (`with_trigger_offset`); UTC
    /// when absent.
    trigger_offset: Option<Offset>,
    instants: Vec<Instant>,
    /// Stagger and catch-up parameters for the scheduler's questions.
    queries: Queries,
}

fuzz_target!(|input: Input| check(input));

fn check(input: Input) {
    let Some((base, trigger)) = build_trigger(&input.trigger) else {
        return;
    };
    let trigger_offset = input.trigger_offset.map_or(0, Offset::minutes);
    let base = match MinuteOffset::from_minutes(trigger_offset) {
        Ok(offset) => {
            assert!(
                (-1439..=1439).contains(&trigger_offset),
                "{trigger_offset} accepted"
            );
            let shifted = base.with_trigger_offset(offset);
            assert_eq!(shifted.trigger_offset(), offset, "trigger offset read back");
            shifted
        }
        Err(err) => {
            assert!(
                !(-1439..=1439).contains(&trigger_offset),
                "{trigger_offset} refused: {err}"
            );
            assert_eq!(err.path(), Some("minuteOffset"));
            return;
        }
    };
    let (schedule, window) = match &input.window {
        None => (base, None),
        Some(fuzz) => {
            let hours = fuzz.hours.to_array();
            let minute_offset = fuzz.offset.minutes();
            match Window::new(&hours, minute_offset) {
                Err(err) => {
                    assert!(
                        !(-1439..=1439).contains(&minute_offset),
                        "{minute_offset} refused: {err}"
                    );
                    assert_eq!(err.path(), Some("backupCopyWindowSettings.minuteOffset"));
                    assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
                    return;
                }
                Ok(window) => {
                    assert!(
                        (-1439..=1439).contains(&minute_offset),
                        "{minute_offset} accepted"
                    );
                    assert_eq!(window.hours(), hours, "hours read back");
                    assert_eq!(window.minute_offset(), minute_offset, "offset read back");
                    (base.with_window(window), Some(RefWindow { hours, minute_offset }))
                }
            }
        }
    };
    let model = RefSchedule {
        trigger,
        trigger_offset,
        window,
    };
    // The accessors describe what was built.
    assert_eq!(
        common::reference_of(&schedule),
        model,
        "accessors of {schedule:?}"
    );
    assert_eq!(schedule.without_window(), base, "without_window");

    // A policy has no trigger offset, and CopyJobSchedulePolicy::try_from
    // drops it (a finding, tests/properties.rs
    // a_policy_keeps_the_trigger_offset_or_refuses): the round trip holds
    // for triggers read at UTC.
    if trigger_offset == 0 {
        check_policy_round_trip(&schedule, &input.trigger);
    }

    // The reference steps minute by minute over up to 24 days (up to a
    // millisecond a call): ask it about the first instant, and the run after
    // that instant's run; hold the others to the invariants.
    for (index, fuzz) in input.instants.iter().take(3).enumerate() {
        let t = fuzz.to_instant();
        if index == 0 {
            check_queries(&schedule, &model, t, &input.queries);
            common::check_next_run_against_reference(&schedule, &model, t);
            common::check_prev_run_against_reference(&schedule, &model, t);
            common::check_explain_next_against_reference(&schedule, &model, t);
            common::check_window_against_reference(&schedule, &model, t);
            if let Some(run) = schedule.next_run(t) {
                common::check_next_run_against_reference(&schedule, &model, run);
                common::check_prev_run_against_reference(&schedule, &model, run);
            }
        }
        common::check_run_invariants(&schedule, t);
        common::check_window_invariants(&schedule, t);
        // A second before the run, the run is still the next one.
        if let Some(run) = schedule.next_run(t) {
            let just_before = run - chrono::TimeDelta::seconds(1);
            if just_before >= t {
                assert_eq!(
                    schedule.next_run(just_before),
                    Some(run),
                    "next_run({just_before:?})"
                );
            }
        }
    }
}

/// The scheduler's questions (`count_between`, `missed`, `catch_up`,
/// staggering) against the reference where it can look weeks around `t`,
/// and on hostile ranges from `t` to chrono's ends (counting over all of it
/// is constant time for a fixed-offset schedule).
fn check_queries(schedule: &Schedule, model: &RefSchedule, t: chrono::DateTime<chrono::Utc>, queries: &Queries) {
    let secs = t.timestamp();
    if (common::min_secs() + 40 * 86_400..common::max_secs() - 40 * 86_400).contains(&secs) {
        let oracle = common::Oracle {
            next_run: &|t| common::reference::next_run(model, t),
            prev_run: &|t| common::reference::prev_run(model, t),
            next_open: &|t| common::reference::next_open(model, t),
            next_close: &|t| common::reference::next_close(model, t),
        };
        common::check_queries_against_reference(schedule, &oracle, secs, queries);
    }
    common::check_queries_on_hostile_instants(schedule, t, queries, true);
}

/// The schedule's triggers through the public builders, checking their
/// errors; `None` when the builder refused (correctly).
fn build_trigger(fuzz: &FuzzTrigger) -> Option<(Schedule, RefTrigger)> {
    match *fuzz {
        FuzzTrigger::Immediate => Some((Schedule::immediate(), RefTrigger::Immediate)),
        FuzzTrigger::Daily { days, secs, nanos } => {
            let bits = days & 0x7f;
            let mut set = Weekdays::NONE;
            let mut flags = [false; 7];
            for (index, day) in common::SUNDAY_FIRST.into_iter().enumerate() {
                if bits >> index & 1 == 1 {
                    set = set.with(day);
                    flags[index] = true;
                }
            }
            assert_eq!(set.is_empty(), bits == 0);
            let at_secs = secs % 86_400;
            // Leap-second nanos (>= 1e9) are a fraction too.
            let nanos = nanos % 2_000_000_000;
            let at = NaiveTime::from_num_seconds_from_midnight_opt(at_secs, nanos)?;
            match Schedule::daily(set, at) {
                Ok(schedule) => {
                    assert_eq!(nanos, 0, "a time with a fraction accepted: {at}");
                    Some((schedule, RefTrigger::Daily { days: flags, at_secs }))
                }
                Err(err) => {
                    assert_ne!(nanos, 0, "a whole-second time refused: {err}");
                    assert_eq!(err.path(), Some("dailyTime"));
                    None
                }
            }
        }
        FuzzTrigger::ApiPeriodic(index) => periodic(API_MINUTES[usize::from(index) % API_MINUTES.len()]),
        FuzzTrigger::Periodic(index) => periodic(DIVISORS[usize::from(index) % DIVISORS.len()]),
        FuzzTrigger::RawPeriodic(minutes) => {
            let minutes = u32::from(minutes);
            match Interval::from_minutes(minutes) {
                Ok(interval) => {
                    assert!(DIVISORS.contains(&minutes), "{minutes} minutes accepted");
                    assert_eq!(interval.minutes(), minutes);
                    periodic(minutes)
                }
                Err(err) => {
                    assert!(!DIVISORS.contains(&minutes), "{minutes} minutes refused: {err}");
                    assert_eq!(err.path(), Some("periodicallyEvery"));
                    None
                }
            }
        }
    }
}

fn periodic(every_minutes: u32) -> Option<(Schedule, RefTrigger)> {
    let interval = Interval::from_minutes(every_minutes).expect("a divisor of a day");
    assert_eq!(interval.minutes(), every_minutes);
    Some((
        Schedule::periodic(interval),
        RefTrigger::Periodic { every_minutes },
    ))
}

/// A schedule the API can express goes to a policy, through JSON, and back
/// unchanged; one it cannot is refused naming the field.
fn check_policy_round_trip(schedule: &Schedule, fuzz: &FuzzTrigger) {
    let expressible = match schedule.trigger() {
        Trigger::Immediate => true,
        Trigger::Daily { days, .. } => {
            let count = common::SUNDAY_FIRST
                .iter()
                .filter(|&&day| days.contains(day))
                .count();
            count == 1
                || days == Weekdays::EVERYDAY
                || days == Weekdays::WORKDAYS
                || days == Weekdays::WEEKENDS
        }
        Trigger::Periodic { every, .. } => API_MINUTES.contains(&every.minutes()),
        other => panic!("a trigger the target does not know: {other:?}"),
    };
    match CopyJobSchedulePolicy::try_from(schedule) {
        Ok(policy) => {
            assert!(expressible, "{fuzz:?} expressed as {policy:?}");
            let json = serde_json::to_vec(&policy).expect("a policy serializes");
            let back = CopyJobSchedulePolicy::from_json(&json).expect("its own JSON reads back");
            assert_eq!(back, policy, "policy through JSON");
            assert_eq!(
                Schedule::try_from(&back).as_ref(),
                Ok(schedule),
                "schedule through JSON"
            );
            assert_eq!(
                back.normalized().as_ref(),
                Ok(&policy),
                "a canonical policy is normal"
            );
            if let Trigger::Daily { at, .. } = schedule.trigger() {
                assert_eq!(at.nanosecond(), 0);
            }
        }
        Err(err) => {
            assert!(!expressible, "{fuzz:?} not expressed: {err}");
            assert!(
                err.path() == Some("schedulePolicy.dailyType")
                    || err.path() == Some("schedulePolicy.periodicallyEvery"),
                "{err:?}"
            );
        }
    }
}
