//! Property tests: the engine against the naive reference model, and the
//! engine's own invariants.

mod reference;
mod strategies;

use backup_schedule::vb365::CopyJobSchedulePolicy;
use backup_schedule::{Schedule, Timetable, Trigger, Window};
use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use proptest::prelude::*;

use reference::{RefTrigger, HOURS};
use strategies::Pair;

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("in range")
}

fn secs(t: Option<DateTime<Utc>>) -> Option<i64> {
    t.map(|t| t.timestamp())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// `next_run` equals the reference's on whole seconds, often exactly on
    /// a run, a window edge, or one second off.
    #[test]
    fn next_run_matches_reference((pair, t) in strategies::schedule_and_secs()) {
        let Pair { engine, reference } = pair;
        prop_assert_eq!(secs(engine.next_run(at(t))), reference::next_run(&reference, t), "t = {}", at(t));
    }

    /// The window queries equal the reference's.
    #[test]
    fn window_queries_match_reference((pair, t) in strategies::windowed_schedule_and_secs()) {
        let Pair { engine, reference } = pair;
        let t_at = at(t);
        prop_assert_eq!(engine.is_open(t_at), reference::is_open(&reference, t), "is_open at {}", t_at);
        prop_assert_eq!(secs(engine.next_open(t_at)), reference::next_open(&reference, t), "next_open at {}", t_at);
        prop_assert_eq!(
            secs(engine.next_open(t_at)),
            reference::next_open(&reference, t),
            "start_for_restore_point at {}", t_at
        );
        prop_assert_eq!(secs(engine.next_close(t_at)), reference::next_close(&reference, t), "next_close at {}", t_at);
        let window = engine.window().expect("built with a window");
        prop_assert_eq!(window.is_open(t_at), engine.is_open(t_at));
    }

    /// Without a window: always open, never closes, `next_open(t) = t`,
    /// also for sub-second instants.
    #[test]
    fn no_window_is_always_open(trigger in strategies::trigger(), t in strategies::instant()) {
        let engine = strategies::to_engine(&reference::RefSchedule { trigger, window: None });
        prop_assert!(engine.window().is_none());
        prop_assert!(engine.is_open(t));
        prop_assert_eq!(engine.next_open(t), Some(t));
        prop_assert_eq!(engine.next_open(t), Some(t));
        prop_assert_eq!(engine.next_close(t), None);
    }

    /// `next_run(t) > t`, the window is open at the run (by the engine and by
    /// the reference), and a sub-second `t` gets the run of its whole second.
    #[test]
    fn next_run_is_later_and_open(pair in strategies::schedule(), t in strategies::instant()) {
        let Pair { engine, reference } = pair;
        let run = engine.next_run(t);
        if let Some(run) = run {
            prop_assert!(run > t, "run {} not after {}", run, t);
            prop_assert_eq!(run.timestamp_subsec_nanos(), 0);
            prop_assert!(engine.is_open(run), "window closed at run {}", run);
            prop_assert!(reference::is_open(&reference, run.timestamp()), "reference: closed at run {}", run);
        }
        // Runs are whole seconds, so "strictly after t" is "strictly after floor(t)".
        prop_assert_eq!(run, engine.next_run(at(t.timestamp())));
    }

    /// `upcoming(t)` is strictly increasing and is repeated `next_run`.
    #[test]
    fn upcoming_is_repeated_next_run(pair in strategies::schedule(), t in strategies::instant()) {
        let engine = pair.engine;
        let runs: Vec<_> = engine.upcoming(t).take(12).collect();
        let mut previous = t;
        for (i, &run) in runs.iter().enumerate() {
            prop_assert!(run > previous, "run {} = {} not after {}", i, run, previous);
            prop_assert_eq!(Some(run), engine.next_run(previous), "run {}", i);
            previous = run;
        }
        if runs.len() < 12 {
            // It ended: then there is no further run.
            prop_assert_eq!(engine.next_run(previous), None);
        }
    }

    /// `next_run` is constant on `[t, next_run(t))`, including sub-second
    /// points, and its value changes at the run itself.
    #[test]
    fn next_run_is_constant_until_the_run(
        pair in strategies::schedule(),
        t in strategies::instant(),
        fractions in prop::collection::vec(0.0f64..1.0, 4),
    ) {
        let engine = pair.engine;
        let run = engine.next_run(t);
        let horizon = match run {
            Some(run) => run,
            // No run: sample the next fortnight.
            None => t + Duration::days(14),
        };
        let span = (horizon - t).num_nanoseconds().expect("weeks fit in i64 nanoseconds");
        let mut points = vec![t, horizon - Duration::nanoseconds(1), horizon - Duration::seconds(1)];
        points.extend(fractions.iter().map(|f| t + Duration::nanoseconds((span as f64 * f) as i64)));
        for p in points.into_iter().filter(|&p| p >= t && p < horizon) {
            prop_assert_eq!(engine.next_run(p), run, "from {}", p);
        }
        if let Some(run) = run {
            prop_assert!(engine.next_run(run) != Some(run));
        }
    }

    /// Without a window, periodic runs are the grid: consecutive runs exactly
    /// the interval apart, each a multiple of it since 00:00 UTC, the first
    /// within one interval of `t`.
    #[test]
    fn periodic_without_window_is_the_grid(every in strategies::every_minutes(), t in strategies::instant()) {
        let engine = strategies::to_engine(&reference::RefSchedule {
            trigger: RefTrigger::Periodic { every_minutes: every },
            window: None,
        });
        let every = Duration::minutes(i64::from(every));
        let runs: Vec<_> = engine.upcoming(t).take(20).collect();
        prop_assert_eq!(runs.len(), 20);
        prop_assert!(runs[0] > t && runs[0] <= t + every);
        for pair in runs.windows(2) {
            prop_assert_eq!(pair[1] - pair[0], every);
        }
        for run in &runs {
            let since_midnight = i64::from(run.num_seconds_from_midnight());
            prop_assert_eq!(run.nanosecond(), 0);
            prop_assert_eq!(since_midnight % every.num_seconds(), 0, "run {} off the grid", run);
        }
    }

    /// Without a window, daily runs fall at `dailyTime` on a selected UTC day,
    /// and no selected day between two runs is skipped.
    #[test]
    fn daily_without_window_falls_on_selected_days(
        days in strategies::days(),
        at_secs in strategies::at_secs(),
        t in strategies::instant(),
    ) {
        let engine = strategies::to_engine(&reference::RefSchedule {
            trigger: RefTrigger::Daily { days, at_secs },
            window: None,
        });
        let runs: Vec<_> = engine.upcoming(t).take(10).collect();
        if !days.contains(&true) {
            prop_assert!(runs.is_empty());
            return Ok(());
        }
        prop_assert_eq!(runs.len(), 10);
        for run in &runs {
            prop_assert_eq!(run.num_seconds_from_midnight(), at_secs, "run {}", run);
            prop_assert_eq!(run.nanosecond(), 0);
            prop_assert!(days[run.weekday().num_days_from_sunday() as usize], "run {} on an unselected day", run);
        }
        // The first run is within a week of t; between runs, every day is unselected.
        prop_assert!(runs[0] > t && runs[0] - t <= Duration::days(7));
        for pair in runs.windows(2) {
            let mut day = pair[0].date_naive().succ_opt().expect("in range");
            while day < pair[1].date_naive() {
                prop_assert!(!days[day.weekday().num_days_from_sunday() as usize], "{} skipped", day);
                day = day.succ_opt().expect("in range");
            }
        }
    }

    /// Shifting `minuteOffset` by `60 * k` minutes equals rotating the 168
    /// hours by `k` toward later indices.
    ///
    /// Derivation: with offset `o`, instant `t` is open when
    /// `H[hour_of_week(t + o)]`. With offset `o + 60k`, local time is `k` hours
    /// later, so the same `t` sits at index `i + k` (mod 168) where it sat at
    /// `i`; the new hours `H'` must have `H'[i + k] = H[i]`, which is
    /// `H.rotate_right(k)` (the element at `i` moves to `i + k`). For example
    /// Monday 20:00 UTC with offset 0 is index 44; with offset +60 it is
    /// Monday 21:00 local, index 45.
    #[test]
    fn offset_by_whole_hours_is_a_rotation(
        trigger in strategies::trigger(),
        (window, k) in strategies::window().prop_flat_map(|window| {
            // Every k with -1439 <= offset + 60k <= 1439.
            let offset = window.minute_offset;
            let lowest = (-1439 - offset).div_euclid(60) + i32::from((-1439 - offset).rem_euclid(60) != 0);
            let highest = (1439 - offset).div_euclid(60);
            (Just(window), lowest..=highest)
        }),
        t in strategies::instant(),
    ) {
        let shifted_offset = window.minute_offset + 60 * k;
        prop_assert!((-1439..=1439).contains(&shifted_offset), "k = {} out of range", k);
        let mut rotated = window.hours;
        if k >= 0 {
            rotated.rotate_right(k as usize % HOURS);
        } else {
            rotated.rotate_left(k.unsigned_abs() as usize % HOURS);
        }
        let original = strategies::to_engine(&reference::RefSchedule { trigger, window: Some(window) });
        let shifted = original.with_window(Window::new(&rotated, shifted_offset).expect("in range"));
        prop_assert_eq!(original.is_open(t), shifted.is_open(t));
        prop_assert_eq!(original.next_open(t), shifted.next_open(t));
        prop_assert_eq!(original.next_close(t), shifted.next_close(t));
        prop_assert_eq!(original.next_run(t), shifted.next_run(t));
        let a: Vec<_> = original.upcoming(t).take(5).collect();
        let b: Vec<_> = shifted.upcoming(t).take(5).collect();
        prop_assert_eq!(a, b);
    }

    /// `runs_between(a, b)` is `upcoming` filtered to `[a, b)`.
    #[test]
    fn runs_between_is_filtered_upcoming(
        pair in strategies::schedule(),
        a in strategies::instant(),
        span_secs in prop_oneof![0i64..=600, 0i64..=10 * 86_400],
        end_nanos in strategies::nanos(),
    ) {
        let engine = pair.engine;
        let b = a + Duration::seconds(span_secs) + Duration::nanoseconds(i64::from(end_nanos));
        let between: Vec<_> = engine.runs_between(a, b).collect();
        // Runs are whole seconds: every run >= a is after a - 1s.
        let expected: Vec<_> = engine
            .upcoming(a - Duration::seconds(1))
            .skip_while(|&r| r < a)
            .take_while(|&r| r < b)
            .collect();
        prop_assert_eq!(between, expected);
    }

    /// A run at exactly `a` is in `runs_between(a, b)`, one at exactly `b`
    /// is not.
    #[test]
    fn runs_between_is_half_open((pair, t) in strategies::schedule_and_secs()) {
        let engine = pair.engine;
        if let Some(run) = engine.next_run(at(t)) {
            let later = engine.next_run(run);
            let between: Vec<_> = engine.runs_between(run, later.unwrap_or(run + Duration::days(30))).collect();
            prop_assert_eq!(between.first().copied(), Some(run));
            if let Some(later) = later {
                prop_assert_eq!(between, vec![run]);
                prop_assert_eq!(engine.runs_between(later, later).count(), 0);
            }
        }
    }

    /// Schedule -> canonical policy -> JSON -> policy -> schedule is the
    /// identity.
    #[test]
    fn json_round_trip(pair in strategies::api_schedule()) {
        let schedule = pair.engine;
        let policy = CopyJobSchedulePolicy::try_from(&schedule).expect("the API can express it");
        let json = serde_json::to_string(&policy).expect("serializes");
        let read = CopyJobSchedulePolicy::from_json(json.as_bytes()).expect("reads back");
        prop_assert_eq!(&read, &policy, "json {}", json);
        let back = Schedule::try_from(&read).expect("validates");
        prop_assert_eq!(back, schedule, "json {}", json);
        // The trigger survives as the one we asked for.
        match (pair.reference.trigger, back.trigger()) {
            (RefTrigger::Immediate, Trigger::Immediate) => {}
            (RefTrigger::Daily { at_secs, .. }, Trigger::Daily { at, .. }) => {
                prop_assert_eq!(at.num_seconds_from_midnight(), at_secs);
            }
            (RefTrigger::Periodic { every_minutes }, Trigger::Periodic { every, .. }) => {
                prop_assert_eq!(every.minutes(), every_minutes);
            }
            (expected, found) => prop_assert!(false, "trigger {:?} came back as {:?}", expected, found),
        }
    }
}
