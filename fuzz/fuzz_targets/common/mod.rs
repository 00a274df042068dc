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

use std::time::Duration;

use backup_schedule::{CatchUpPolicy, Schedule, Stagger, Timetable, Trigger, Window};
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

/// The answers of a reference model that the scheduler's questions are
/// checked against (either model: fixed-offset or zoned), in Unix seconds.
pub struct Oracle<'a> {
    pub next_run: &'a dyn Fn(i64) -> Option<i64>,
    pub prev_run: &'a dyn Fn(i64) -> Option<i64>,
    pub next_open: &'a dyn Fn(i64) -> Option<i64>,
    pub next_close: &'a dyn Fn(i64) -> Option<i64>,
}

/// 64-bit FNV-1a of `bytes`, from its specification (offset basis
/// 14695981039346656037, prime 1099511628211), not the crate's
/// `Stagger::hash`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(14_695_981_039_346_656_037, |hash: u64, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(1_099_511_628_211)
    })
}

/// The instant of Unix second `secs` (in chrono's range).
fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("in chrono's range")
}

/// The scheduler's questions (issue 13) at the whole second `t` against the
/// reference: the reference's first runs after `t` (up to three) are what
/// `count_between` and `missed` count from `t` to the last of them, what
/// `catch_up` at that run catches up (with each policy, and with the
/// fuzzed maximum lateness), and each run's staggered start is the run plus
/// `FNV-1a(key) mod limit` with the limit from the reference's deadline and
/// next run. `t` must be well inside chrono's range (the reference looks
/// weeks around it).
pub fn check_queries_against_reference<T: Timetable>(
    schedule: &T,
    oracle: &Oracle<'_>,
    t: i64,
    queries: &input::Queries,
) {
    let mut runs = Vec::new();
    let mut after = t;
    while runs.len() < 3 {
        let Some(run) = (oracle.next_run)(after) else { break };
        runs.push(run);
        after = run;
    }
    let Some(&last) = runs.last() else {
        // No run within the reference's horizon (16 days): none at all.
        let until = at(t + 14 * 86_400);
        assert_eq!(schedule.count_between(at(t), until), 0, "count_between from {t}");
        let missed = schedule.missed(at(t), until);
        assert_eq!((missed.count, missed.first, missed.latest), (0, None, None), "missed from {t}");
        let once = schedule.catch_up(at(t), until, CatchUpPolicy::Once, None);
        assert_eq!((once.runs, once.start), (0, None), "catch_up from {t}");
        return;
    };
    let k = runs.len() as u64;
    // [t + 1, last + 1) holds exactly these runs, and so does (t, last].
    assert_eq!(
        schedule.count_between(at(t + 1), at(last + 1)),
        k,
        "count_between({}, {}), runs {runs:?}",
        t + 1,
        last + 1
    );
    assert_eq!(
        schedule.count_between(at(t + 1), at(last)),
        k - 1,
        "count_between({}, {last}), runs {runs:?}",
        t + 1
    );
    let missed = schedule.missed(at(t), at(last));
    assert_eq!(
        (missed.count, missed.first, missed.latest),
        (k, Some(at(runs[0])), Some(at(last))),
        "missed({t}, {last}), runs {runs:?}"
    );

    // Catching up at `last`, a run: the gate is open there.
    assert_eq!((oracle.next_open)(last), Some(last), "the reference's gate at run {last}");
    let policies = [
        (CatchUpPolicy::Skip, 0),
        (CatchUpPolicy::Once, 1),
        (CatchUpPolicy::All { cap: u32::from(queries.cap) }, k.min(u64::from(queries.cap))),
        (CatchUpPolicy::All { cap: u32::MAX }, k),
    ];
    let lateness = i64::from(queries.lateness_secs);
    let late = runs.iter().filter(|&&run| last - run <= lateness).count() as u64;
    for (policy, runs_without_limit) in policies {
        let caught = schedule.catch_up(at(t), at(last), policy, None);
        let expected_start = (runs_without_limit > 0).then(|| at(last));
        assert_eq!(
            (caught.runs, caught.start),
            (runs_without_limit, expected_start),
            "catch_up({t}, {last}, {policy:?}), runs {runs:?}"
        );
        let limited = schedule.catch_up(at(t), at(last), policy, Some(TimeDelta::seconds(lateness)));
        let expected = match policy {
            CatchUpPolicy::Once => late.min(1),
            CatchUpPolicy::All { cap } => late.min(u64::from(cap)),
            _ => 0,
        };
        assert_eq!(
            (limited.runs, limited.start),
            (expected, (expected > 0).then(|| at(last))),
            "catch_up({t}, {last}, {policy:?}, lateness {lateness} s), runs {runs:?}"
        );
    }

    // Staggered starts of the runs whose next run is known.
    let stagger = Stagger::new(&queries.key, Duration::from_secs(u64::from(queries.max_delay_secs)));
    let hash = fnv1a(queries.key.as_bytes());
    assert_eq!(Stagger::hash(&queries.key), hash, "FNV-1a of {:?}", queries.key);
    let staggered = |run: i64, next: i64| {
        let mut limit = u64::from(queries.max_delay_secs).min((next - run) as u64);
        if let Some(deadline) = (oracle.next_close)(run) {
            limit = limit.min((deadline - run) as u64);
        }
        let delay = if limit == 0 { 0 } else { hash % limit };
        run + delay as i64
    };
    for pair in runs.windows(2) {
        assert_eq!(
            schedule.staggered_start(at(pair[0]), &stagger),
            at(staggered(pair[0], pair[1])),
            "staggered_start({}) by {stagger:?}, next run {}",
            pair[0],
            pair[1]
        );
    }
    // The first staggered start after `t`: the last run at or before `t`,
    // when its start is still ahead, else the first run after `t`.
    let expected = match (oracle.prev_run)(t + 1) {
        Some(previous) if staggered(previous, runs[0]) > t => Some(staggered(previous, runs[0])),
        _ if runs.len() >= 2 => Some(staggered(runs[0], runs[1])),
        _ => None,
    };
    if let Some(expected) = expected {
        assert_eq!(
            schedule.next_staggered_run(at(t), &stagger),
            Some(at(expected)),
            "next_staggered_run({t}) by {stagger:?}, runs {runs:?}"
        );
    }
}

/// The scheduler's questions on hostile ranges (chrono's first and last
/// instants, empty and reversed ranges) around `t`: no panic, and what must
/// hold whatever the answers. `whole_range`: counting over all of chrono's
/// range is cheap (fixed-offset schedules count in constant time; a zoned
/// one walks every offset change, so it is asked about ranges of weeks).
pub fn check_queries_on_hostile_instants<T: Timetable>(
    schedule: &T,
    t: DateTime<Utc>,
    queries: &input::Queries,
    whole_range: bool,
) {
    let (min, max) = (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
    let weeks = TimeDelta::weeks(6);
    let near = |a: DateTime<Utc>, b: DateTime<Utc>| whole_range || (b - a).abs() <= weeks;
    let points = [
        min,
        min + TimeDelta::nanoseconds(1),
        min + weeks,
        t,
        t.checked_add_signed(TimeDelta::days(20)).unwrap_or(max),
        max - weeks,
        max - TimeDelta::nanoseconds(1),
        max,
    ];
    let stagger = Stagger::new(&queries.key, Duration::from_secs(u64::from(queries.max_delay_secs)));
    let lateness = [
        None,
        Some(TimeDelta::zero()),
        Some(TimeDelta::seconds(i64::from(queries.lateness_secs))),
        Some(TimeDelta::MAX),
        Some(TimeDelta::MIN),
    ];
    let policies = [
        CatchUpPolicy::Skip,
        CatchUpPolicy::Once,
        CatchUpPolicy::All { cap: u32::from(queries.cap) },
        CatchUpPolicy::All { cap: u32::MAX },
    ];
    for &a in &points {
        for &b in &points {
            if b <= a {
                assert_eq!(schedule.count_between(a, b), 0, "count_between({a:?}, {b:?})");
                let missed = schedule.missed(a, b);
                assert_eq!((missed.count, missed.first, missed.latest), (0, None, None), "missed({a:?}, {b:?})");
                for policy in policies {
                    let caught = schedule.catch_up(a, b, policy, None);
                    assert_eq!((caught.runs, caught.start), (0, None), "catch_up({a:?}, {b:?})");
                }
                continue;
            }
            if !near(a, b) {
                continue;
            }
            let count = schedule.count_between(a, b);
            if (b - a) <= weeks {
                assert_eq!(
                    count,
                    schedule.runs_between(a, b).count() as u64,
                    "count_between({a:?}, {b:?}) against runs_between"
                );
            }
            let missed = schedule.missed(a, b);
            assert_eq!(missed.first.is_some(), missed.count > 0, "missed({a:?}, {b:?})");
            assert_eq!(missed.latest.is_some(), missed.count > 0, "missed({a:?}, {b:?})");
            if let (Some(first), Some(latest)) = (missed.first, missed.latest) {
                assert!(a < first && first <= latest && latest <= b, "missed({a:?}, {b:?}) = {missed:?}");
                assert_eq!(schedule.next_run(a), Some(first), "missed({a:?}, {b:?}).first");
            }
            for policy in policies {
                for limit in lateness {
                    let caught = schedule.catch_up(a, b, policy, limit);
                    assert_eq!(caught.start.is_some(), caught.runs > 0, "catch_up({a:?}, {b:?}, {policy:?}, {limit:?})");
                    assert!(caught.runs <= missed.count, "catch_up({a:?}, {b:?}, {policy:?}, {limit:?}) = {caught:?}");
                    if let Some(start) = caught.start {
                        assert!(start >= b && schedule.is_open(start), "catch_up({a:?}, {b:?}) = {caught:?}");
                    }
                    if limit.is_some_and(|limit| limit < TimeDelta::zero()) {
                        // No missed run is later than a negative lateness.
                        assert_eq!(caught.runs, 0, "catch_up({a:?}, {b:?}, {policy:?}, {limit:?})");
                    }
                    match policy {
                        CatchUpPolicy::Skip => assert_eq!(caught.runs, 0),
                        CatchUpPolicy::Once => assert!(caught.runs <= 1),
                        CatchUpPolicy::All { cap } => assert!(caught.runs <= u64::from(cap)),
                        _ => {}
                    }
                }
            }
        }
    }
    if whole_range {
        // Counting is additive: the count over all of chrono's range is the
        // counts on either side of `t`.
        assert_eq!(
            schedule.count_between(min, t) + schedule.count_between(t, max),
            schedule.count_between(min, max),
            "count_between split at {t:?}"
        );
    }
    for &x in &points {
        let start = schedule.staggered_start(x, &stagger);
        assert!(start >= x, "staggered_start({x:?}) = {start:?}");
        assert!(
            (start - x).num_seconds() < i64::from(queries.max_delay_secs.max(1)),
            "staggered_start({x:?}) = {start:?} by {stagger:?}"
        );
        if let Some(next) = schedule.next_staggered_run(x, &stagger) {
            assert!(next > x, "next_staggered_run({x:?}) = {next:?}");
        }
    }
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

    /// A stagger's key and maximum delay, and a catch-up's cap and maximum
    /// lateness.
    #[derive(Arbitrary, Debug, Clone)]
    pub struct Queries {
        pub key: String,
        pub max_delay_secs: u32,
        pub cap: u8,
        pub lateness_secs: u32,
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
