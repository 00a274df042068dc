//! Arbitrary windows, offsets and instants. `is_open`, `next_open` and
//! `next_close` agree with the reference model of `tests/reference/mod.rs`
//! and with each other: the window is open at `next_open(t)` and closed at
//! `next_close(t)`, and walking from edge to edge alternates between them.
//! The `Window` accessors read back what was built. An `Immediate`
//! schedule held to the window has nothing to count, miss or catch up on any
//! range (chrono's ends included), and staggers an event's run inside the
//! window.

#![no_main]

mod common;

use arbitrary::Arbitrary;
use backup_schedule::{CatchUpPolicy, Error, Schedule, Stagger, Timetable, Window};
use chrono::{TimeDelta, Weekday};
use libfuzzer_sys::fuzz_target;

use common::input::{Hours, Instant, Offset, Queries};
use common::reference::{RefSchedule, RefTrigger, RefWindow};

#[derive(Arbitrary, Debug)]
struct Input {
    hours: Hours,
    offset: Offset,
    /// A second offset, for `with_minute_offset`.
    other_offset: Offset,
    instants: Vec<Instant>,
    /// Stagger and catch-up parameters for the scheduler's questions.
    queries: Queries,
}

fuzz_target!(|input: Input| check(input));

fn check(input: Input) {
    let hours = input.hours.to_array();
    let minute_offset = input.offset.minutes();
    let window = match Window::new(&hours, minute_offset) {
        Ok(window) => {
            assert!(
                (-1439..=1439).contains(&minute_offset),
                "{minute_offset} accepted"
            );
            window
        }
        Err(err) => {
            assert!(
                !(-1439..=1439).contains(&minute_offset),
                "{minute_offset} refused: {err}"
            );
            assert_eq!(err.path(), Some("backupCopyWindowSettings.minuteOffset"));
            assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
            assert!(
                err.to_string().contains(&minute_offset.to_string()),
                "{err} does not say the value"
            );
            return;
        }
    };
    check_accessors(&window, &hours, minute_offset);
    assert_eq!(
        Window::from_slice(&hours, minute_offset),
        Ok(window),
        "from_slice"
    );

    // Changing the offset keeps the hours.
    let other = input.other_offset.minutes();
    match window.with_minute_offset(other) {
        Ok(moved) => {
            assert_eq!(moved.hours(), hours);
            assert_eq!(moved.minute_offset(), other);
        }
        Err(err) => {
            assert!(!(-1439..=1439).contains(&other), "{other} refused: {err}");
            assert_eq!(err.path(), Some("backupCopyWindowSettings.minuteOffset"));
        }
    }

    let schedule = Schedule::immediate().with_window(window);
    let model = RefSchedule {
        trigger: RefTrigger::Immediate,
        trigger_offset: 0,
        window: Some(RefWindow { hours, minute_offset }),
    };
    assert_eq!(
        schedule.next_run(common::instant(0, 0)),
        None,
        "an immediate schedule has no timed run"
    );

    // The reference's next_close steps minute by minute over 16 days: ask it
    // about the first instant only; hold the others to the invariants.
    for (index, fuzz) in input.instants.iter().take(3).enumerate() {
        let t = fuzz.to_instant();
        if index == 0 {
            common::check_window_against_reference(&schedule, &model, t);
            check_queries(&schedule, &model, t, &input.queries);
        }
        common::check_window_invariants(&schedule, t);
        walk_edges(&window, &schedule, &model, t);
    }
}

/// An `Immediate` schedule has no timed runs: nothing to count, miss or
/// catch up, on any range up to chrono's ends. An event's run at `t` (any
/// instant) staggers by `FNV-1a(key) mod limit`, the limit the maximum delay
/// or the seconds to the reference's next close, whichever is smaller.
fn check_queries(schedule: &Schedule, model: &RefSchedule, t: chrono::DateTime<chrono::Utc>, queries: &Queries) {
    common::check_queries_on_hostile_instants(schedule, t, queries, true);
    let (min, max) = (chrono::DateTime::<chrono::Utc>::MIN_UTC, chrono::DateTime::<chrono::Utc>::MAX_UTC);
    assert_eq!(schedule.count_between(min, max), 0, "runs of an immediate schedule");
    assert_eq!(schedule.missed(min, max).count, 0);
    assert_eq!(schedule.catch_up(min, max, CatchUpPolicy::Once, None).runs, 0);
    assert_eq!(schedule.next_staggered_run(t, &Stagger::new(&queries.key, std::time::Duration::from_secs(60))), None);
    let secs = t.timestamp();
    if t.timestamp_subsec_nanos() == 0 && secs < common::max_secs() - 40 * 86_400 {
        let stagger = Stagger::new(&queries.key, std::time::Duration::from_secs(u64::from(queries.max_delay_secs)));
        let mut limit = u64::from(queries.max_delay_secs);
        if let Some(close) = common::reference::next_close(model, secs) {
            limit = limit.min((close - secs) as u64);
        }
        let delay = if limit == 0 { 0 } else { common::fnv1a(queries.key.as_bytes()) % limit };
        // A start past chrono's last instant is the run itself.
        let start = secs + delay as i64;
        let start = if start > common::max_secs() { secs } else { start };
        assert_eq!(
            schedule.staggered_start(t, &stagger),
            common::instant(start, 0),
            "staggered_start({t:?}) by {stagger:?}"
        );
    }
}

/// From `t`, alternate `next_close` and `next_open` a few times: each edge
/// is after the last, the window changes state there, and the reference
/// agrees about the state at the edges and a second before.
fn walk_edges(window: &Window, schedule: &Schedule, model: &RefSchedule, t: chrono::DateTime<chrono::Utc>) {
    let mut at = t;
    for _ in 0..4 {
        let Some(close) = window.next_close(at) else {
            return;
        };
        assert!(close > at);
        assert!(!window.is_open(close));
        assert!(
            !common::reference::is_open(model, close.timestamp()),
            "reference open at {close:?}"
        );
        let before = close - TimeDelta::seconds(1);
        assert!(
            window.is_open(before),
            "closed a second before the close at {close:?}"
        );
        assert!(common::reference::is_open(model, before.timestamp()));
        let Some(open) = window.next_open(close) else {
            // Only past the end of chrono's range.
            assert!(
                close.timestamp() > common::max_secs() - 7 * 86_400,
                "{window:?} never opens after {close:?}"
            );
            return;
        };
        assert!(open > close);
        assert!(window.is_open(open));
        assert!(common::reference::is_open(model, open.timestamp()));
        let before = open - TimeDelta::seconds(1);
        assert!(
            !window.is_open(before),
            "open a second before the opening at {open:?}"
        );
        assert!(!common::reference::is_open(model, before.timestamp()));
        // No other edge in between: the close after the opening comes after it.
        match schedule.next_close(open) {
            Some(next_close) => assert!(next_close > open),
            None => assert!(
                open.timestamp() > common::max_secs() - 7 * 86_400,
                "{window:?} never closes after {open:?}"
            ),
        }
        // Edges are whole minutes, at most a week apart.
        assert_eq!(close.timestamp() % 60, 0, "close {close:?} not on a minute");
        assert_eq!(open.timestamp() % 60, 0, "opening {open:?} not on a minute");
        assert!(open.timestamp() - close.timestamp() < 7 * 86_400);
        at = open;
    }
}

fn check_accessors(window: &Window, hours: &[bool; 168], minute_offset: i32) {
    assert_eq!(window.hours(), *hours, "hours read back");
    assert_eq!(window.minute_offset(), minute_offset, "offset read back");
    let allowed = hours.iter().filter(|&&allowed| allowed).count();
    assert_eq!(window.allowed_hours(), allowed);
    assert_eq!(window.is_always_open(), allowed == 168);
    assert_eq!(window.is_never_open(), allowed == 0);
    for (day_index, day) in common::SUNDAY_FIRST.into_iter().enumerate() {
        for hour in 0..24 {
            assert_eq!(
                window.allows(day, hour),
                hours[day_index * 24 + hour as usize],
                "allows({day}, {hour})"
            );
        }
        assert!(
            !window.allows(day, 24) && !window.allows(day, u32::MAX),
            "an hour past 23 allowed"
        );
    }
    assert!(!window.allows(Weekday::Sat, 100));
    // The debug view has one row of 24 per day.
    let text = format!("{window:?}");
    assert_eq!(text.matches('#').count(), allowed, "{text}");
}
