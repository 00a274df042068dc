//! Checks shared by the fuzz targets: the engine's invariants, and its
//! answers against the naive reference models of `tests/reference/mod.rs`
//! and `tests/reference_zoned/mod.rs` (included once, here, for every
//! target).

// Not every target uses every helper (nor every name re-exported here).
#![allow(dead_code, unused_imports)]

#[path = "../../../tests/reference/mod.rs"]
pub mod reference;
#[path = "../../../tests/reference_zoned/mod.rs"]
pub mod reference_zoned;
/// The engine's schedule for the reference's and back, as the tests convert.
#[path = "../../../tests/strategies/forms.rs"]
pub mod forms;

use backup_schedule::{Schedule, Timetable, Trigger, Window};
use chrono::{DateTime, TimeDelta, Timelike, Utc};

use reference::RefSchedule;

/// Unix second of chrono's earliest instant.
pub fn min_secs() -> i64 {
    DateTime::<Utc>::MIN_UTC.timestamp()
}

/// Unix second of chrono's latest instant (its last whole second).
pub fn max_secs() -> i64 {
    DateTime::<Utc>::MAX_UTC.timestamp()
}

/// Unix second `secs` plus `nanos` as an instant, clamped into chrono's range.
pub fn instant(secs: i64, nanos: u32) -> DateTime<Utc> {
    let secs = secs.clamp(min_secs(), max_secs());
    DateTime::from_timestamp(secs, nanos % 1_000_000_000)
        .unwrap_or_else(|| DateTime::from_timestamp(secs, 0).expect("clamped into chrono's range"))
}

pub use reference::SUNDAY_FIRST;

/// The divisors of 1440: every interval a periodic schedule may have.
pub const DIVISORS: [u32; 36] = [
    1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 18, 20, 24, 30, 32, 36, 40, 45, 48, 60, 72, 80, 90, 96, 120, 144,
    160, 180, 240, 288, 360, 480, 720, 1440,
];

/// The engine's schedule as the reference model, read back through the
/// public accessors (`trigger()`, `trigger_offset()`, `window()`).
pub use forms::{reference_window, to_reference as reference_of};

/// `Some(secs)` as an instant, `None` past chrono's range: what the engine
/// must answer when the reference finds `secs`.
fn expected_instant(secs: Option<i64>) -> Option<DateTime<Utc>> {
    secs.and_then(|secs| DateTime::from_timestamp(secs, 0))
}

/// `next_run(after)` agrees with the reference's (its horizons cover every
/// run: a run is at most a week of waiting after a trigger at most a week
/// after `after`).
pub fn check_next_run_against_reference(schedule: &Schedule, model: &RefSchedule, after: DateTime<Utc>) {
    let expected = expected_instant(reference::next_run(model, after.timestamp()));
    let got = schedule.next_run(after);
    assert_eq!(
        got, expected,
        "next_run({after:?}) of {schedule:?}: engine {got:?}, reference {expected:?}"
    );
}

/// `prev_run(before)` agrees with the reference's (its horizon covers every
/// previous run: one is at most two weeks back when there is any), and so
/// does `past`'s next step.
pub fn check_prev_run_against_reference(schedule: &Schedule, model: &RefSchedule, before: DateTime<Utc>) {
    // Runs are whole seconds: those before `before` are those before its
    // whole second, or at it when `before` has a fraction.
    let secs = before.timestamp() + i64::from(before.timestamp_subsec_nanos() > 0);
    let expected = expected_instant(reference::prev_run(model, secs));
    let got = schedule.prev_run(before);
    assert_eq!(
        got, expected,
        "prev_run({before:?}) of {schedule:?}: engine {got:?}, reference {expected:?}"
    );
    if let Some(run) = got {
        let expected = expected_instant(reference::prev_run(model, run.timestamp()));
        assert_eq!(
            schedule.past(before).nth(1),
            expected,
            "past({before:?}) of {schedule:?}, second step"
        );
    }
}

/// `explain_next(after)`: the run is `next_run`'s; the trigger is one whose
/// first opening is the run, and the trigger before it ran earlier; the
/// deadline is where the window next closes on the run (by the reference).
/// `None` only where `next_run` is, or (a finding, see tests/explain.rs)
/// within three weeks of chrono's first instant.
pub fn check_explain_next_against_reference(schedule: &Schedule, model: &RefSchedule, after: DateTime<Utc>) {
    let detail = schedule.explain_next(after);
    let run = schedule.next_run(after);
    if detail.is_none() && run.is_some() && after.timestamp() < min_secs() + 21 * 86_400 {
        return;
    }
    assert_eq!(
        detail.map(|d| d.run),
        run,
        "explain_next({after:?}) of {schedule:?}"
    );
    let Some(detail) = detail else { return };
    let (run, trigger) = (detail.run.timestamp(), detail.trigger.timestamp());
    assert!(
        reference::is_trigger(model, trigger),
        "explain_next({after:?}): {:?} is not a trigger of {schedule:?}",
        detail.trigger
    );
    assert_eq!(
        reference::next_open(model, trigger),
        Some(run),
        "explain_next({after:?}) of {schedule:?}: the trigger's run"
    );
    if let Some(previous) = reference::trigger_before(model, trigger) {
        assert!(
            reference::next_open(model, previous).is_some_and(|r| r < run),
            "explain_next({after:?}) of {schedule:?}: the trigger at {previous} also runs then"
        );
    }
    assert_eq!(
        detail.deadline,
        expected_instant(reference::next_close(model, run)),
        "explain_next({after:?}) of {schedule:?}: deadline"
    );
}

/// `is_open`, `next_open`, `next_close` and `explain_event` agree with the
/// reference at `t`.
pub fn check_window_against_reference(schedule: &Schedule, model: &RefSchedule, t: DateTime<Utc>) {
    let secs = t.timestamp();
    let open = reference::is_open(model, secs);
    assert_eq!(schedule.is_open(t), open, "is_open({t:?}) of {schedule:?}");

    // The reference works in whole seconds; an open `t` is its own answer,
    // fraction and all.
    let expected_open = match reference::next_open(model, secs) {
        Some(found) if found == secs => Some(t),
        other => expected_instant(other),
    };
    assert_eq!(
        schedule.next_open(t),
        expected_open,
        "next_open({t:?}) of {schedule:?}"
    );
    // An event at `t` runs at the opening, until the window closes on it.
    let event = schedule.explain_event(t);
    assert_eq!(
        event.map(|e| e.run),
        expected_open,
        "explain_event({t:?}) of {schedule:?}"
    );
    if let (Some(event), Some(open)) = (event, reference::next_open(model, secs)) {
        assert_eq!(event.trigger, t, "explain_event({t:?}): trigger");
        assert_eq!(
            event.deadline,
            expected_instant(reference::next_close(model, open)),
            "explain_event({t:?}) of {schedule:?}: deadline"
        );
    }
    if let Some(window) = schedule.window() {
        assert_eq!(window.is_open(t), open, "Window::is_open({t:?})");
        assert_eq!(window.next_open(t), expected_open, "Window::next_open({t:?})");
    }

    // Window edges are whole minutes, so "strictly after the whole second"
    // and "strictly after t" are the same edge.
    let expected_close = expected_instant(reference::next_close(model, secs));
    assert_eq!(
        schedule.next_close(t),
        expected_close,
        "next_close({t:?}) of {schedule:?}"
    );
    if let Some(window) = schedule.window() {
        assert_eq!(window.next_close(t), expected_close, "Window::next_close({t:?})");
    }
}

/// What must hold of the window queries at `t`, whatever the answers are.
pub fn check_window_invariants(schedule: &Schedule, t: DateTime<Utc>) {
    let open = schedule.is_open(t);
    let never_open = schedule.window().is_some_and(Window::is_never_open);
    let always_open = schedule.window().is_none_or(Window::is_always_open);

    match schedule.next_open(t) {
        Some(start) => {
            assert!(start >= t, "next_open({t:?}) = {start:?} is before t");
            assert!(schedule.is_open(start), "closed at next_open({t:?}) = {start:?}");
            if open {
                assert_eq!(start, t, "open at {t:?} but next_open is {start:?}");
            } else {
                assert_eq!(start.nanosecond(), 0, "an opening edge is a whole second");
                let before = start - TimeDelta::seconds(1);
                assert!(
                    !schedule.is_open(before),
                    "open at {before:?}, before next_open({t:?})"
                );
            }
        }
        None => assert!(
            never_open || t.timestamp() > max_secs() - 8 * 86_400,
            "next_open({t:?}) is None for {schedule:?}"
        ),
    }

    match schedule.next_close(t) {
        Some(end) => {
            assert!(!always_open && !never_open, "{schedule:?} closes at {end:?}");
            assert!(end > t, "next_close({t:?}) = {end:?} is not after t");
            assert_eq!(end.nanosecond(), 0, "a closing edge is a whole second");
            assert!(!schedule.is_open(end), "open at next_close({t:?}) = {end:?}");
            let before = end - TimeDelta::seconds(1);
            assert!(
                schedule.is_open(before),
                "closed just before next_close({t:?}) = {end:?}"
            );
            // The open stretch that ends there starts at next_open(t) (or
            // contains t).
            let start = schedule.next_open(t).expect("a window that closes opens");
            assert!(
                start < end,
                "next_open({t:?}) = {start:?} not before next_close = {end:?}"
            );
        }
        None => assert!(
            always_open || never_open || t.timestamp() > max_secs() - 16 * 86_400,
            "next_close({t:?}) is None for {schedule:?}"
        ),
    }
}

/// What must hold of `next_run`, `upcoming` and `runs_between` from `after`.
pub fn check_run_invariants(schedule: &Schedule, after: DateTime<Utc>) {
    check_prev_run_invariants(schedule, after);
    let first = schedule.next_run(after);
    let mut runs = schedule.upcoming(after);
    assert_eq!(
        runs.next(),
        first,
        "upcoming({after:?}) does not start at next_run"
    );

    let Some(first) = first else {
        let no_runs = matches!(schedule.trigger(), Trigger::Immediate)
            || matches!(schedule.trigger(), Trigger::Daily { days, .. } if days.is_empty())
            || schedule.window().is_some_and(Window::is_never_open);
        assert!(
            no_runs || after.timestamp() > max_secs() - 14 * 86_400,
            "next_run({after:?}) is None for {schedule:?}"
        );
        assert_eq!(runs.next(), None, "upcoming goes on after None");
        return;
    };

    let mut previous = first;
    assert!(first > after, "next_run({after:?}) = {first:?} is not after it");
    assert!(schedule.is_open(first), "window closed at run {first:?}");
    assert_eq!(first.nanosecond(), 0, "run {first:?} is not a whole second");
    assert!(
        first.timestamp() - after.timestamp() <= 14 * 86_400,
        "next_run({after:?}) = {first:?} is more than 14 days away"
    );

    let mut collected = vec![first];
    for run in runs.by_ref().take(6) {
        assert!(
            run > previous,
            "upcoming not strictly increasing: {previous:?} then {run:?}"
        );
        assert!(schedule.is_open(run), "window closed at run {run:?}");
        assert_eq!(
            schedule.next_run(previous),
            Some(run),
            "upcoming differs from next_run"
        );
        collected.push(run);
        previous = run;
    }

    // runs_between(start, end) is the runs in [start, end): from the first
    // run, the same runs as upcoming.
    if collected.len() < 2 {
        // The runs end at chrono's maximum.
        assert!(
            after.timestamp() > max_secs() - 14 * 86_400 * 7,
            "upcoming({after:?}) ended after one run"
        );
        return;
    }
    let end = *collected.last().expect("two runs at least");
    let between: Vec<_> = schedule.runs_between(first, end).collect();
    assert_eq!(
        between[..],
        collected[..collected.len() - 1],
        "runs_between({first:?}, {end:?})"
    );
    // A start with a fraction excludes a run at its whole second.
    let nudged = first + TimeDelta::nanoseconds(1);
    let between: Vec<_> = schedule.runs_between(nudged, end).collect();
    assert_eq!(
        between[..],
        collected[1..collected.len() - 1],
        "runs_between({nudged:?}, {end:?})"
    );
}

/// What must hold of `prev_run` before `before`: a whole second before it,
/// open, with no run between it and `before` (its next run is at `before`
/// or later); `None` only when no run can exist or near chrono's minimum.
pub fn check_prev_run_invariants(schedule: &Schedule, before: DateTime<Utc>) {
    let Some(prev) = schedule.prev_run(before) else {
        let no_runs = matches!(schedule.trigger(), Trigger::Immediate)
            || matches!(schedule.trigger(), Trigger::Daily { days, .. } if days.is_empty())
            || schedule.window().is_some_and(Window::is_never_open);
        assert!(
            no_runs || before.timestamp() < min_secs() + 14 * 86_400,
            "prev_run({before:?}) is None for {schedule:?}"
        );
        return;
    };
    assert!(prev < before, "prev_run({before:?}) = {prev:?} is not before it");
    assert_eq!(prev.nanosecond(), 0, "run {prev:?} is not a whole second");
    assert!(schedule.is_open(prev), "window closed at run {prev:?}");
    assert!(
        before.timestamp() - prev.timestamp() <= 14 * 86_400,
        "prev_run({before:?}) = {prev:?} is more than 14 days back"
    );
    let next = schedule.next_run(prev);
    assert!(
        next.is_some_and(|next| next >= before) || before.timestamp() > max_secs() - 14 * 86_400,
        "a run {next:?} between prev_run({before:?}) = {prev:?} and it"
    );
}

/// Fuzz-only descriptions of windows and instants, shared by the structured
/// targets.
pub mod input {
    use arbitrary::Arbitrary;
    use chrono::{DateTime, Utc};

    /// The 168 hours of a window.
    #[derive(Arbitrary, Debug, Clone)]
    pub enum Hours {
        /// Every hour allowed.
        Always,
        /// No hour allowed.
        Never,
        /// Exactly one hour allowed.
        One(u8),
        /// Every hour but these.
        AllBut(Vec<u8>),
        /// Stretches of (first hour, length) allowed.
        Stretches(Vec<(u8, u8)>),
        /// The bits of 21 bytes, hour `i` = bit `i % 8` of byte `i / 8`.
        Bits([u8; 21]),
    }

    impl Hours {
        pub fn to_array(&self) -> [bool; 168] {
            let mut hours = [false; 168];
            match self {
                Hours::Always => hours = [true; 168],
                Hours::Never => {}
                Hours::One(hour) => hours[usize::from(*hour) % 168] = true,
                Hours::AllBut(closed) => {
                    hours = [true; 168];
                    for &hour in closed.iter().take(32) {
                        hours[usize::from(hour) % 168] = false;
                    }
                }
                Hours::Stretches(stretches) => {
                    for &(first, length) in stretches.iter().take(16) {
                        for hour in usize::from(first)..usize::from(first) + usize::from(length % 169) {
                            hours[hour % 168] = true;
                        }
                    }
                }
                Hours::Bits(bytes) => {
                    for (hour, allowed) in hours.iter_mut().enumerate() {
                        *allowed = bytes[hour / 8] >> (hour % 8) & 1 == 1;
                    }
                }
            }
            hours
        }
    }

    /// A `minuteOffset`.
    #[derive(Arbitrary, Debug, Clone, Copy)]
    pub enum Offset {
        /// Whole hours, -23..=23.
        Hours(i8),
        /// Half and quarter hours: `quarters * 15` minutes, in range.
        Quarters(i8),
        /// Any minute in range.
        Minutes(i16),
        /// The extremes, -1439 and 1439.
        Extreme(bool),
        /// Anything at all, mostly out of range.
        Raw(i32),
    }

    impl Offset {
        pub fn minutes(self) -> i32 {
            match self {
                Offset::Hours(hours) => i32::from(hours) % 24 * 60,
                Offset::Quarters(quarters) => i32::from(quarters) % 96 * 15,
                Offset::Minutes(minutes) => i32::from(minutes) % 1440,
                Offset::Extreme(positive) => {
                    if positive {
                        1439
                    } else {
                        -1439
                    }
                }
                Offset::Raw(minutes) => minutes,
            }
        }
    }

    /// An instant to ask about.
    #[derive(Arbitrary, Debug, Clone, Copy)]
    pub enum Instant {
        /// Seconds after chrono's minimum.
        NearMin { secs: u32, nanos: u32 },
        /// Seconds before chrono's maximum.
        NearMax { secs: u32, nanos: u32 },
        /// Seconds after 2020-01-01T00:00:00Z (some 136 years of them).
        Recent { secs: u32, nanos: u32 },
        /// A few seconds around a whole hour after 2020 (window edges).
        AroundHour { hours: u32, minute: u8, delta: i8 },
        /// Any Unix second, clamped into chrono's range.
        Any { secs: i64, nanos: u32 },
    }

    impl Instant {
        pub fn to_instant(self) -> DateTime<Utc> {
            const Y2020: i64 = 1_577_836_800;
            let (min, max) = (super::min_secs(), super::max_secs());
            match self {
                Instant::NearMin { secs, nanos } => super::instant(min + i64::from(secs), nanos),
                Instant::NearMax { secs, nanos } => super::instant(max - i64::from(secs), nanos),
                Instant::Recent { secs, nanos } => super::instant(Y2020 + i64::from(secs), nanos),
                Instant::AroundHour { hours, minute, delta } => super::instant(
                    Y2020 + i64::from(hours) * 3600 + i64::from(minute % 60) * 60 + i64::from(delta),
                    0,
                ),
                Instant::Any { secs, nanos } => super::instant(secs, nanos),
            }
        }
    }
}
