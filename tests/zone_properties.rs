//! Property tests for schedules evaluated in an IANA time zone: the engine
//! (`Schedule::in_zone`) against the naive zoned reference model
//! (`reference_zoned`, chrono + chrono-tz only), and the engine's own
//! invariants.
//!
//! Zones, instants and schedules come from `strategies::zones`: mostly near
//! an offset change (with the daily time and the window's hours at that
//! change, or a closed stretch spanning it with a trigger waiting from
//! before it), between two changes close together, around the end of the
//! zone table, or anywhere in 1970-2090; often exactly on a run or a window
//! edge, or a second off. Past the table's end (to chrono's last instant) a
//! zone is a fixed offset, and the zoned schedule must be the fixed-offset
//! one.
//!
//! 128 cases per property by default (a few seconds in a debug build); set
//! `PROPTEST_CASES` for a longer run.

#![cfg(any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono"))]

mod reference;
mod reference_zoned;
mod strategies;

use backup_schedule::Timetable;
use chrono::{DateTime, Timelike};
use chrono_tz::Tz;
use proptest::prelude::*;
use proptest::sample::select;

use reference_zoned::{Data, RefZone, ZSchedule, ZTrigger};
use strategies::instants::{at, secs_of as secs};
use strategies::zones::{self, engine, schedule_and_secs, tz, windowed_schedule_and_secs, zone};
use strategies::{offsets, windows};

const DAY: i64 = 86_400;

// ---------------------------------------------------------------- properties

/// Cases per property: 128, or `PROPTEST_CASES` when set.
fn cases() -> u32 {
    strategies::cases(128)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// `next_run` equals the reference's.
    #[test]
    fn next_run_matches_reference((s, t) in schedule_and_secs()) {
        let zoned = engine(&s);
        prop_assert_eq!(
            secs(zoned.next_run(at(t))),
            reference_zoned::next_run(&s, t),
            "{} at {} (wall {})", s.tz.name(), at(t), reference_zoned::wall(s.tz, t)
        );
    }

    /// `prev_run` equals the reference's (which walks the triggers back and
    /// ticks forward from each).
    #[test]
    fn prev_run_matches_reference((s, t) in schedule_and_secs()) {
        let zoned = engine(&s);
        prop_assert_eq!(
            secs(zoned.prev_run(at(t))),
            reference_zoned::prev_run(&s, t),
            "{} before {} (wall {})", s.tz.name(), at(t), reference_zoned::wall(s.tz, t)
        );
    }

    /// `past(t)` is the reference's previous runs, one from the other.
    #[test]
    fn past_is_repeated_reference_prev_run((s, t) in schedule_and_secs()) {
        let zoned = engine(&s);
        let past: Vec<_> = zoned.past(at(t)).take(3).map(|run| run.timestamp()).collect();
        let expected: Vec<_> = std::iter::successors(reference_zoned::prev_run(&s, t), |&run| {
            reference_zoned::prev_run(&s, run)
        })
        .take(3)
        .collect();
        prop_assert_eq!(past, expected, "{} before {}", s.tz.name(), at(t));
    }

    /// `prev_run` and `next_run` see the same runs: from the run before `t`
    /// the next is `t` itself (when `t` is a run) or the run after `t`, and
    /// the other way round; and `t` is a run exactly when the reference says
    /// so.
    #[test]
    fn prev_run_and_next_run_agree((s, t) in schedule_and_secs()) {
        let zoned = engine(&s);
        let (prev, next) = (zoned.prev_run(at(t)), zoned.next_run(at(t)));
        let is_run = reference_zoned::prev_run(&s, t + 1) == Some(t);
        let expected_next = if is_run { Some(at(t)) } else { next };
        let expected_prev = if is_run { Some(at(t)) } else { prev };
        if let Some(prev) = prev {
            prop_assert_eq!(zoned.next_run(prev), expected_next, "next_run(prev_run({}))", at(t));
        }
        if let Some(next) = next {
            prop_assert_eq!(zoned.prev_run(next), expected_prev, "prev_run(next_run({}))", at(t));
        }
    }

    /// `is_open`, `next_open` and `next_close` equal the reference's, and
    /// `explain_event` starts the event's run at the next opening with the
    /// deadline where the window closes on it.
    #[test]
    fn window_queries_match_reference((s, t) in windowed_schedule_and_secs()) {
        let zoned = engine(&s);
        let t_at = at(t);
        let wall = reference_zoned::wall(s.tz, t);
        prop_assert_eq!(zoned.is_open(t_at), reference_zoned::is_open(&s, t), "is_open {} at {} (wall {})", s.tz.name(), t_at, wall);
        let next_open = reference_zoned::next_open(&s, t);
        prop_assert_eq!(secs(zoned.next_open(t_at)), next_open, "next_open {} at {} (wall {})", s.tz.name(), t_at, wall);
        prop_assert_eq!(
            secs(zoned.next_close(t_at)),
            reference_zoned::next_close(&s, t),
            "next_close {} at {} (wall {})", s.tz.name(), t_at, wall
        );
        let event = zoned.explain_event(t_at);
        prop_assert_eq!(event.map(|e| e.run.timestamp()), next_open, "explain_event {} at {}", s.tz.name(), t_at);
        if let (Some(event), Some(run)) = (event, next_open) {
            prop_assert_eq!(event.trigger, t_at);
            prop_assert_eq!(secs(event.deadline), reference_zoned::next_close(&s, run), "deadline of the event at {}", t_at);
        }
    }

    /// `explain_next`: the run is the reference's next run; the trigger it
    /// reports is a trigger whose first opening is that run, and the trigger
    /// before it ran earlier; the deadline is where the window next closes.
    #[test]
    fn explain_next_matches_reference((s, t) in schedule_and_secs()) {
        let zoned = engine(&s);
        let detail = zoned.explain_next(at(t));
        prop_assert_eq!(detail.map(|d| d.run.timestamp()), reference_zoned::next_run(&s, t), "{} at {}", s.tz.name(), at(t));
        if let Some(detail) = detail {
            let (run, trigger) = (detail.run.timestamp(), detail.trigger.timestamp());
            prop_assert!(reference_zoned::is_trigger(&s, trigger), "{} is not a trigger", detail.trigger);
            prop_assert_eq!(reference_zoned::next_open(&s, trigger), Some(run), "trigger {}", detail.trigger);
            if let Some(previous) = reference_zoned::trigger_before(&s, trigger) {
                let previous_run = reference_zoned::next_open(&s, previous);
                prop_assert!(previous_run.is_some_and(|r| r < run), "trigger {} also leads to {}", at(previous), detail.run);
            }
            prop_assert_eq!(secs(detail.deadline), reference_zoned::next_close(&s, run));
        }
    }

    /// The runs from `t` are strictly increasing, each is repeated
    /// `next_run`, each falls in an open wall-clock hour (by the reference),
    /// and each is a trigger or an opening of the window (closed the second
    /// before). The first three equal the reference's.
    #[test]
    fn runs_increase_and_fall_in_open_hours((s, t) in schedule_and_secs()) {
        let zoned = engine(&s);
        let runs: Vec<_> = zoned.upcoming(at(t)).take(8).collect();
        let mut previous = t;
        for (i, run) in runs.iter().map(|r| r.timestamp()).enumerate() {
            prop_assert!(run > previous, "run {} = {} not after {}", i, at(run), at(previous));
            prop_assert!(reference_zoned::is_open(&s, run), "run {} at {} (wall {}) in a closed hour", i, at(run), reference_zoned::wall(s.tz, run));
            let opening = !reference_zoned::is_open(&s, run - 1);
            let trigger = reference_zoned::is_trigger(&s, run);
            prop_assert!(opening || trigger, "run {} at {} (wall {}) is neither a trigger nor an opening", i, at(run), reference_zoned::wall(s.tz, run));
            if i < 3 {
                prop_assert_eq!(Some(run), reference_zoned::next_run(&s, previous), "run {} after {}", i, at(previous));
            }
            previous = run;
        }
        if runs.len() < 8 {
            prop_assert_eq!(zoned.next_run(at(previous)), None);
        }
    }

    /// `next_run` is constant on `[t, next_run(t))`, sub-second instants
    /// included, and changes at the run.
    #[test]
    fn next_run_is_constant_until_the_run(
        (s, t) in schedule_and_secs(),
        fractions in prop::collection::vec(0.0f64..1.0, 4),
        nanos in 0..1_000_000_000u32,
    ) {
        let zoned = engine(&s);
        let start = at(t);
        let run = zoned.next_run(start);
        let end = run.map_or(t + 16 * DAY, |r| r.timestamp());
        let mut points = vec![t, end - 1];
        points.extend(fractions.iter().map(|f| t + ((end - t) as f64 * f) as i64));
        for p in points.into_iter().filter(|&p| p >= t && p < end) {
            prop_assert_eq!(zoned.next_run(at(p)), run, "from {}", at(p));
            let inside = DateTime::from_timestamp(p, nanos).expect("in range");
            prop_assert_eq!(zoned.next_run(inside), run, "from {}", inside);
        }
        if let Some(run) = run {
            prop_assert!(zoned.next_run(run).is_none_or(|next| next > run));
        }
    }

    /// In a zone the window's `minuteOffset` and the triggers' offset are
    /// not used: the zone's wall clock is.
    #[test]
    fn minute_and_trigger_offsets_are_unused(
        (s, t) in windowed_schedule_and_secs(),
        minute_offset in offsets::offset(),
        trigger_offset in offsets::offset(),
    ) {
        let zone = zone(s.tz);
        let plain = zones::to_engine(&s).in_zone(zone);
        let shifted = zones::to_engine_at(&s, minute_offset, trigger_offset).in_zone(zone);
        let t = at(t);
        prop_assert_eq!(plain.is_open(t), shifted.is_open(t));
        prop_assert_eq!(plain.next_open(t), shifted.next_open(t));
        prop_assert_eq!(plain.next_close(t), shifted.next_close(t));
        prop_assert_eq!(plain.prev_run(t), shifted.prev_run(t));
        prop_assert_eq!(plain.upcoming(t).take(4).collect::<Vec<_>>(), shifted.upcoming(t).take(4).collect::<Vec<_>>());
    }

/// `offset_drift` marks exactly the instants at which the zone's offset
    /// (by chrono-tz) differs from the fixed one, in maximal periods.
    #[test]
    fn offset_drift_matches_chrono_tz(
        tz in zones::ref_zone(),
        minute_offset in prop_oneof![select(vec![0, 60, 120, -300, -240, 330, 630, 660, 765, 825]), -1439..=1439i32],
        from in 3 * 365 * DAY..zones::YEAR_2090,
        length in prop_oneof![0..=40 * DAY, 0..=400 * DAY],
        samples in prop::collection::vec(0.0f64..1.0, 8),
    ) {
        // From 1973: Africa/Monrovia's offset was -0:44:30 until 1972, not whole minutes.
        let until = from + length;
        let offset_minutes = |t: i64| reference_zoned::offset_secs(tz, t) / 60;
        let drifts = zone(tz).offset_drift(minute_offset, at(from), at(until));
        let mut previous_end = from;
        for drift in &drifts {
            let (start, end) = (drift.from.timestamp(), drift.until.timestamp());
            prop_assert!(previous_end <= start && start < end && end <= until, "{:?} in [{}, {})", drift, at(from), at(until));
            prop_assert_eq!(drift.policy_minute_offset, minute_offset);
            prop_assert!(i64::from(drift.zone_minute_offset) != i64::from(minute_offset));
            prop_assert_eq!(drift.shift_minutes(), drift.zone_minute_offset - minute_offset);
            for p in [start, end - 1] {
                prop_assert_eq!(offset_minutes(p), i64::from(drift.zone_minute_offset), "{:?} at {}", drift, at(p));
            }
            // Maximal: the offset differs on the other side of each edge that is
            // not an edge of the range.
            if start > from {
                prop_assert!(offset_minutes(start - 1) != i64::from(drift.zone_minute_offset), "{:?} not maximal", drift);
            }
            if end < until {
                prop_assert!(offset_minutes(end) != i64::from(drift.zone_minute_offset), "{:?} not maximal", drift);
            }
            previous_end = end;
        }
        // Every sampled instant: in a drift iff the offset differs, with that offset.
        for f in samples {
            let p = from + ((until - from) as f64 * f) as i64;
            if p >= until {
                continue;
            }
            let covering = drifts.iter().find(|d| d.from.timestamp() <= p && p < d.until.timestamp());
            match covering {
                Some(drift) => prop_assert_eq!(offset_minutes(p), i64::from(drift.zone_minute_offset)),
                None => prop_assert_eq!(offset_minutes(p), i64::from(minute_offset), "at {}: no drift", at(p)),
            }
        }
    }
}

/// 2102-01-01 and 2200-01-01: past the end of the zone table (2101) and of
/// chrono-tz's data (2099).
const YEAR_2102: i64 = 4_165_516_800;
const YEAR_2200: i64 = 7_258_118_400;
/// 1799-01-01: before the zone table and every zone's first change.
const YEAR_1799: i64 = -5_396_198_400;

/// Where a zone keeps one offset, a schedule in it is the fixed-offset
/// schedule with its triggers read at that offset and its window at it:
/// Asia/Kolkata (+05:30 since 1945), every zone past the end of its table
/// (2102 up to chrono's last instant), and before its table starts
/// (chrono's first instant), where its first offset is whole minutes (a
/// local mean time with seconds has no fixed-offset twin; there the
/// answers only have to make sense).
#[test]
fn a_zone_with_one_offset_is_that_fixed_offset() {
    use strategies::instants::{max_secs, min_secs};
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases()));
    let kolkata = (
        zones::in_source(Just(chrono_tz::Asia::Kolkata)),
        zones::YEAR_1970..zones::YEAR_2090,
        Just(zones::YEAR_1970),
    );
    let late = prop_oneof![YEAR_2102..YEAR_2200, (0..21 * DAY).prop_map(|k| max_secs() - k)];
    let early = (0..21 * DAY).prop_map(|k| min_secs() + k);
    let strategy = (
        // Past 2101 only with chrono-tz's data: TZif data goes on with its
        // POSIX rule there (daylight saving in 2102 too), chrono-tz's ends.
        if zones::sources().contains(&Data::ChronoTz) {
            prop_oneof![
                kolkata,
                (
                    tz().prop_map(|tz| RefZone {
                        tz,
                        data: Data::ChronoTz
                    }),
                    late,
                    Just(YEAR_2102)
                ),
                (zones::ref_zone(), early, Just(YEAR_1799)),
            ]
            .boxed()
        } else {
            prop_oneof![kolkata, (zones::ref_zone(), early, Just(YEAR_1799))].boxed()
        },
        strategies::triggers::trigger(),
        prop::option::of(windows::hours()),
        strategies::instants::nanos(),
    );
    runner
        .run(&strategy, |((tz, t, sample), trigger, hours, nanos)| {
            let offset = reference_zoned::offset_secs(tz, sample);
            let reference = ZSchedule {
                tz,
                trigger: zones::zoned_trigger(trigger),
                window: hours,
            };
            let zoned = engine(&reference);
            let t = DateTime::from_timestamp(t, nanos).expect("in range");
            let next = zoned.next_run(t);
            let prev = zoned.prev_run(t);
            prop_assert!(
                next.is_none_or(|run| run > t && zoned.is_open(run)),
                "next_run({}) = {:?}",
                t,
                next
            );
            prop_assert!(
                prev.is_none_or(|run| run < t && zoned.is_open(run)),
                "prev_run({}) = {:?}",
                t,
                prev
            );
            if offset % 60 != 0 {
                return Ok(());
            }
            let minutes = i32::try_from(offset / 60).expect("within a day");
            let fixed = zones::to_engine_at(&reference, minutes, minutes);
            prop_assert_eq!(
                next,
                fixed.next_run(t),
                "{} next_run({}), offset {}",
                tz.name(),
                t,
                minutes
            );
            prop_assert_eq!(prev, fixed.prev_run(t), "{} prev_run({})", tz.name(), t);
            prop_assert_eq!(zoned.is_open(t), fixed.is_open(t));
            prop_assert_eq!(zoned.next_open(t), fixed.next_open(t));
            prop_assert_eq!(zoned.next_close(t), fixed.next_close(t));
            prop_assert_eq!(zoned.explain_next(t), fixed.explain_next(t));
            prop_assert_eq!(zoned.explain_event(t), fixed.explain_event(t));
            Ok(())
        })
        .unwrap();
}

/// The reference's ticks find every turn of the wall clock's minute, where
/// the offset has seconds too (local mean times before 1901, Monrovia until
/// 1972): its next run every minute is the first second after `t` whose wall
/// time is a whole minute, found here second by second.
#[test]
fn reference_ticks_turn_with_the_wall_minute() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases()));
    let strategy = (
        prop_oneof![
            Just(chrono_tz::Africa::Monrovia),
            Just(chrono_tz::Pacific::Kiritimati),
            Just(chrono_tz::Europe::Amsterdam),
            tz(),
        ],
        // 1850 to 1973.
        -3_786_825_600i64..94_694_400,
    );
    runner
        .run(&strategy, |(tz, t)| {
            let tz = RefZone {
                tz,
                data: Data::ChronoTz,
            };
            let every_minute = ZSchedule {
                tz,
                trigger: ZTrigger::Periodic { every_minutes: 1 },
                window: None,
            };
            let expected = (t + 1..=t + 61).find(|&s| reference_zoned::wall(tz, s).second() == 0);
            prop_assert_eq!(
                reference_zoned::next_run(&every_minute, t),
                expected,
                "{} after {}",
                tz.name(),
                t
            );
            Ok(())
        })
        .unwrap();
}

/// The reference itself against hand-derived values (the same derivations as
/// `tests/zone_golden.rs`: zone offsets and change instants checked with
/// python's `zoneinfo`), so that agreeing with it means something.
#[test]
fn reference_matches_hand_values() {
    let utc = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .timestamp()
    };
    let runs = |s: &ZSchedule, after: &str, n: usize| {
        let mut out = Vec::new();
        let mut t = utc(after);
        for _ in 0..n {
            match reference_zoned::next_run(s, t) {
                Some(run) => {
                    out.push(run);
                    t = run;
                }
                None => break,
            }
        }
        out
    };
    let everyday = |h: u32, m: u32| ZTrigger::Daily {
        days: [true; 7],
        at_secs: h * 3600 + m * 60,
    };
    let with = |tz: Tz, trigger: ZTrigger, cells: &[usize]| ZSchedule {
        tz: RefZone {
            tz,
            data: Data::ChronoTz,
        },
        trigger,
        window: if cells.is_empty() {
            None
        } else {
            Some(windows::hours_from(cells.iter().copied()))
        },
    };
    let berlin = chrono_tz::Europe::Berlin;
    let new_york = chrono_tz::America::New_York;
    let lord_howe = chrono_tz::Australia::Lord_Howe;
    let chatham = chrono_tz::Pacific::Chatham;

    // Berlin, gap 2027-03-28 01:00Z: 02:30 CET 03-27 = 01:30Z, 03-28 -> 03:30 CEST =
    // 01:30Z, 03-29 02:30 CEST = 00:30Z.
    assert_eq!(
        runs(&with(berlin, everyday(2, 30), &[]), "2027-03-26T12:00:00Z", 3),
        [
            utc("2027-03-27T01:30:00Z"),
            utc("2027-03-28T01:30:00Z"),
            utc("2027-03-29T00:30:00Z")
        ]
    );
    // Berlin, fold 2027-10-31 01:00Z: 02:30 once, CEST = 00:30Z; 11-01 CET = 01:30Z.
    assert_eq!(
        runs(&with(berlin, everyday(2, 30), &[]), "2027-10-30T12:00:00Z", 2),
        [utc("2027-10-31T00:30:00Z"), utc("2027-11-01T01:30:00Z")]
    );
    // Berlin hourly over the fold: 02:00 CEST = 00:00Z, 02:00 CET = 01:00Z, 03:00 CET.
    assert_eq!(
        runs(
            &with(berlin, ZTrigger::Periodic { every_minutes: 60 }, &[]),
            "2027-10-30T23:30:00Z",
            3
        ),
        [
            utc("2027-10-31T00:00:00Z"),
            utc("2027-10-31T01:00:00Z"),
            utc("2027-10-31T02:00:00Z")
        ]
    );
    // Lord Howe hourly over the 30-minute gap (2027-10-02 15:30Z, +10:30 -> +11):
    // 01:00 = 14:30Z, 02:00 skipped, 03:00 (+11) = 16:00Z.
    assert_eq!(
        runs(
            &with(lord_howe, ZTrigger::Periodic { every_minutes: 60 }, &[]),
            "2027-10-02T14:00:00Z",
            2
        ),
        [utc("2027-10-02T14:30:00Z"), utc("2027-10-02T16:00:00Z")]
    );
    // Lord Howe daily 02:15 in the gap -> 02:45 (+11) = 10-02 15:45Z.
    assert_eq!(
        runs(&with(lord_howe, everyday(2, 15), &[]), "2027-10-02T12:00:00Z", 1),
        [utc("2027-10-02T15:45:00Z")]
    );
    // New York, window 03:00-04:00 daily, daily 01:30: on 11-07 01:30 EDT = 05:30Z
    // waits for 03:00 EST = 08:00Z.
    let three: Vec<usize> = (0..7).map(|d| d * 24 + 3).collect();
    assert_eq!(
        runs(
            &with(new_york, everyday(1, 30), &three),
            "2027-11-07T00:00:00Z",
            1
        ),
        [utc("2027-11-07T08:00:00Z")]
    );
    // Chatham window Sunday 03:00-04:00 over the fold (2027-04-03 14:00Z, +13:45 ->
    // +12:45): open 13:15Z-14:00Z, closed 14:00Z-14:15Z (02:45-03:00 again), open
    // 14:15Z-15:15Z.
    let sunday_3 = with(chatham, ZTrigger::Immediate, &[3]);
    assert!(!reference_zoned::is_open(&sunday_3, utc("2027-04-03T13:14:59Z")));
    assert!(reference_zoned::is_open(&sunday_3, utc("2027-04-03T13:15:00Z")));
    assert!(!reference_zoned::is_open(&sunday_3, utc("2027-04-03T14:00:00Z")));
    assert_eq!(
        reference_zoned::next_close(&sunday_3, utc("2027-04-03T13:15:00Z")),
        Some(utc("2027-04-03T14:00:00Z"))
    );
    assert_eq!(
        reference_zoned::next_open(&sunday_3, utc("2027-04-03T14:00:00Z")),
        Some(utc("2027-04-03T14:15:00Z"))
    );
    assert_eq!(
        reference_zoned::next_close(&sunday_3, utc("2027-04-03T14:00:00Z")),
        Some(utc("2027-04-03T15:15:00Z"))
    );
    // Africa/Monrovia at UTC-0:44:30 (1971): hourly at hh:44:30Z; the change to UTC
    // at 1972-01-07 00:44:30Z skips local 00:00.
    let monrovia = chrono_tz::Africa::Monrovia;
    assert_eq!(
        runs(
            &with(monrovia, ZTrigger::Periodic { every_minutes: 60 }, &[]),
            "1971-06-01T00:00:00Z",
            1
        ),
        [utc("1971-06-01T00:44:30Z")]
    );
    assert_eq!(
        runs(
            &with(monrovia, ZTrigger::Periodic { every_minutes: 60 }, &[]),
            "1972-01-06T23:50:00Z",
            1
        ),
        [utc("1972-01-07T01:00:00Z")]
    );
    // Offset changes found by the reference: Berlin's two in 2027.
    assert_eq!(
        reference_zoned::offset_changes(
            RefZone {
                tz: berlin,
                data: Data::ChronoTz
            },
            utc("2027-01-01T00:00:00Z"),
            utc("2028-01-01T00:00:00Z")
        ),
        [utc("2027-03-28T01:00:00Z"), utc("2027-10-31T01:00:00Z")]
    );
}
