//! Property tests for backup job schedules (issue 11): `BackupSchedule`
//! against the naive reference model (`tests/reference_backup`) over random
//! schedules. Triggers daily, periodic (with the grid's offset) or none;
//! enabled or not; triggers at an offset from UTC; a backup window and
//! permitted hours at offsets often 15, 30 or 45 minutes apart (the split
//! gate) or whole hours apart, or anywhere; retries. Instants from 1990 to
//! 2100, far before and after, and at both ends of chrono's range, often
//! moved onto a run or an edge (or a second off) by the reference.
//!
//! With the feature `tz`, the same against the zoned reference for
//! Europe/Berlin, America/New_York and Australia/Lord_Howe, mostly near
//! their offset changes, everything on the wall clock.
//!
//! Cases per property: 64 (zoned 48) by default, a few seconds in a debug
//! build; set `PROPTEST_CASES` for a longer run.

mod reference;
mod reference_backup;
#[cfg(feature = "tz")]
#[allow(clippy::duplicate_mod)] // also reference_backup::zoned_clock
mod reference_zoned;
mod strategies;
#[path = "reference_backup/to_engine.rs"]
mod to_engine;

use backup_schedule::{BackupSchedule, Timetable};
use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use proptest::sample::select;

use reference_backup::{BRetry, BSchedule, BTrigger, BWindow, Clock};
use to_engine::{at, in_range, Order};

const DAY: i64 = 86_400;

/// Intervals in whole hours: the ones that take a grid offset and permitted
/// hours (Hours1 .. Hours12, and a day).
const HOUR_INTERVALS: [u32; 8] = [60, 120, 180, 240, 360, 480, 720, 1440];

/// `minuteOffset`s that are not whole hours, and small ones.
const ODD_OFFSETS: [i32; 12] = [330, 345, -210, 7, -7, 15, 30, 45, -45, 570, 1439, -1439];

/// Cases per property: `default`, or `PROPTEST_CASES` when set.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------- strategies

fn minute_offset() -> impl Strategy<Value = i32> {
    prop_oneof![2 => strategies::offsets::offset(), 1 => select(ODD_OFFSETS.to_vec())]
}

fn grid_offset() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), 0..=59u32, select(vec![1u32, 15, 30, 45, 59])]
}

fn trigger() -> impl Strategy<Value = BTrigger> {
    prop_oneof![
        1 => Just(BTrigger::Manual),
        3 => (strategies::weekdays::days(), strategies::triggers::at_secs()).prop_map(|(days, at_secs)| BTrigger::Daily { days, at_secs }),
        2 => strategies::intervals::every_minutes().prop_map(|every_minutes| BTrigger::Periodic { every_minutes, offset_minutes: 0 }),
        4 => (select(HOUR_INTERVALS.to_vec()), grid_offset())
            .prop_map(|(every_minutes, offset_minutes)| BTrigger::Periodic { every_minutes, offset_minutes }),
    ]
}

/// Where the permitted hours' frame (their offset less the grid's) lies
/// from the backup window's.
#[derive(Clone, Copy, Debug)]
enum Apart {
    /// Any offset of its own.
    Free(i32),
    /// `minutes` (0, 15, 30 or 45) plus `hours` whole hours later.
    By { minutes: i32, hours: i32 },
}

fn apart() -> impl Strategy<Value = Apart> {
    prop_oneof![
        1 => minute_offset().prop_map(Apart::Free),
        3 => (select(vec![0, 15, 30, 45]), -3..=3i32).prop_map(|(minutes, hours)| Apart::By { minutes, hours }),
    ]
}

/// The permitted hours' `minuteOffset` for `apart`, in `-1439..=1439`.
fn permitted_offset(apart: Apart, backup_window: Option<&BWindow>, grid: u32) -> i32 {
    match apart {
        Apart::Free(offset) => offset,
        Apart::By { minutes, hours } => {
            let base = backup_window.map_or(0, |w| w.minute_offset);
            // Whole days keep the minutes apart.
            match base + grid as i32 + minutes + 60 * hours {
                offset if offset > 1439 => offset - 1440,
                offset if offset < -1439 => offset + 1440,
                offset => offset,
            }
        }
    }
}

fn retry() -> impl Strategy<Value = BRetry> {
    (
        prop_oneof![3 => 1..=5u32, 1 => 1..=777u32, 1 => Just(777u32)],
        prop_oneof![3 => 1..=120u32, 1 => 1..=999u32, 1 => Just(999u32)],
    )
        .prop_map(|(number, wait_minutes)| BRetry { number, wait_minutes })
}

fn window_hours() -> impl Strategy<Value = [bool; reference_backup::HOURS]> {
    strategies::windows::hours()
}

/// A backup job's schedule on `clock`.
fn schedule_on(clock: impl Strategy<Value = Clock>) -> impl Strategy<Value = BSchedule> {
    (
        clock,
        trigger(),
        prop::bool::weighted(0.9),
        prop_oneof![3 => Just(0), 1 => minute_offset()],
        prop::option::weighted(0.7, (window_hours(), minute_offset())),
        prop::option::weighted(0.8, (window_hours(), apart())),
        prop::option::weighted(0.4, retry()),
    )
        .prop_map(
            |(clock, trigger, enabled, trigger_offset_minutes, backup_window, permitted, retry)| {
                let backup_window =
                    backup_window.map(|(hours, minute_offset)| BWindow { hours, minute_offset });
                let grid = match trigger {
                    BTrigger::Periodic {
                        every_minutes,
                        offset_minutes,
                    } if every_minutes % 60 == 0 => Some(offset_minutes),
                    _ => None,
                };
                // Permitted hours only with a grid in whole hours.
                let permitted = permitted.zip(grid).map(|((hours, apart), grid)| BWindow {
                    hours,
                    minute_offset: permitted_offset(apart, backup_window.as_ref(), grid),
                });
                BSchedule {
                    clock,
                    trigger,
                    enabled,
                    trigger_offset_minutes,
                    backup_window,
                    permitted,
                    retry,
                }
            },
        )
}

fn schedule() -> impl Strategy<Value = BSchedule> {
    schedule_on(Just(Clock::Fixed))
}

/// A whole second: as the copy-job properties draw them, or within a month
/// of either end of chrono's range.
fn secs() -> impl Strategy<Value = i64> {
    let min = DateTime::<Utc>::MIN_UTC.timestamp();
    let max = DateTime::<Utc>::MAX_UTC.timestamp();
    let near_ends = prop_oneof![
        (0..30 * DAY).prop_map(move |d| min + d),
        (0..30 * DAY).prop_map(move |d| max - d),
        select(vec![min, min + 1, max - 1, max]),
    ];
    prop_oneof![8 => strategies::instants::secs(), 1 => near_ends]
}

/// Moves `t` onto something of the schedule, decided by the reference
/// (never the engine): `which` 0 keeps `t`; 1, 2, 3 put it on the next run,
/// a second before, a second after; 4 on the previous run; 5 on the next
/// opening; 6, 7 on the next close of the backup window, a second before.
/// Kept within chrono's range.
fn snap(s: &BSchedule, t: i64, which: u8) -> i64 {
    let target = match which {
        1 => reference_backup::next_run(s, t),
        2 => reference_backup::next_run(s, t).map(|r| r - 1),
        3 => reference_backup::next_run(s, t).map(|r| r + 1),
        4 => reference_backup::prev_run(s, t),
        5 => reference_backup::next_open(s, t),
        6 => reference_backup::next_close(s, t),
        7 => reference_backup::next_close(s, t).map(|c| c - 1),
        _ => None,
    };
    target
        .filter(|&t| DateTime::from_timestamp(t, 0).is_some())
        .unwrap_or(t)
}

fn schedule_and_secs() -> impl Strategy<Value = (BSchedule, i64)> {
    (schedule(), secs(), 0..10u8).prop_map(|(s, t, which)| {
        let t = snap(&s, t, which);
        (s, t)
    })
}

/// How a retry is asked about: the retries when the schedule has none, and
/// picks for the failure instant and the number of failures.
#[derive(Clone, Copy, Debug)]
struct RetryAsk {
    retry: BRetry,
    /// 0..3: `retryWaitInterval` before the backup window's next close, a
    /// second either side; 3..6: the same before the next run; else `t`.
    at: u8,
    pick: u32,
    /// The number of failures: `retryNumber`, one more, any, or small.
    mode: u8,
}

fn retry_ask() -> impl Strategy<Value = RetryAsk> {
    (retry(), 0..8u8, any::<u32>(), 0..4u8).prop_map(|(retry, at, pick, mode)| RetryAsk {
        retry,
        at,
        pick,
        mode,
    })
}

impl RetryAsk {
    /// `s` with retries, the failure instant near `t`, the failures.
    fn apply(self, s: &BSchedule, t: i64) -> (BSchedule, i64, u32) {
        let s = BSchedule {
            retry: s.retry.or(Some(self.retry)),
            ..*s
        };
        let retry = s.retry.expect("set above");
        let edge = match self.at / 3 {
            0 => reference_backup::next_close(&s, t),
            1 => reference_backup::next_run(&s, t),
            _ => None,
        };
        let f = edge
            .map(|edge| edge - i64::from(retry.wait_minutes) * 60 + i64::from(self.at % 3) - 1)
            .filter(|&f| DateTime::from_timestamp(f, 0).is_some())
            .unwrap_or(t);
        let failures = match self.mode {
            0 => retry.number,
            1 => retry.number + 1,
            2 => self.pick % 800,
            _ => self.pick % 4,
        };
        (s, f, failures)
    }
}

// ---------------------------------------------------------------- checks

/// Everything a schedule answers at `t`, by the engine (`engine`, fixed or
/// zoned) and by the reference, compared. `nanos` is added to `t` for a
/// second look at sub-second instants.
fn check_all(engine: &impl Timetable, s: &BSchedule, t: i64, nanos: u32) -> Result<(), TestCaseError> {
    let t_at = at(t);
    let ctx = || format!("at {t_at} ({t})");
    // next_run, and the same for any instant in that second.
    let next = in_range(reference_backup::next_run(s, t));
    prop_assert_eq!(engine.next_run(t_at), next, "next_run {}", ctx());
    let inside = DateTime::from_timestamp(t, nanos).expect("in range");
    prop_assert_eq!(engine.next_run(inside), next, "next_run at {}", inside);
    // prev_run: strictly before, fraction and all.
    prop_assert_eq!(
        engine.prev_run(t_at),
        in_range(reference_backup::prev_run(s, t)),
        "prev_run {}",
        ctx()
    );
    if nanos > 0 {
        let expected = in_range(reference_backup::prev_run(s, t + 1));
        prop_assert_eq!(engine.prev_run(inside), expected, "prev_run at {}", inside);
    }
    // explain_next: the earliest trigger served; the backup window's close.
    let detail = engine.explain_next(t_at).map(|d| (d.run, d.trigger, d.deadline));
    let expected = reference_backup::next_run_detail(s, t).and_then(|d| {
        Some((
            in_range(Some(d.run))?,
            in_range(Some(d.trigger))?,
            in_range(reference_backup::next_close(s, d.run)),
        ))
    });
    prop_assert_eq!(detail, expected, "explain_next {}", ctx());
    // The gate and the backup window.
    prop_assert_eq!(
        engine.is_open(t_at),
        reference_backup::is_open(s, t),
        "is_open {}",
        ctx()
    );
    prop_assert_eq!(
        engine.is_open(inside),
        reference_backup::is_open(s, t),
        "is_open at {}",
        inside
    );
    let open = in_range(reference_backup::next_open(s, t));
    prop_assert_eq!(engine.next_open(t_at), open, "next_open {}", ctx());
    let open_inside = if open == Some(t_at) { Some(inside) } else { open };
    prop_assert_eq!(engine.next_open(inside), open_inside, "next_open at {}", inside);
    prop_assert_eq!(
        engine.next_close(t_at),
        in_range(reference_backup::next_close(s, t)),
        "next_close {}",
        ctx()
    );
    Ok(())
}

/// The first `n` of `upcoming` and `past` against the reference's chains.
fn check_sequences(engine: &impl Timetable, s: &BSchedule, t: i64, n: usize) -> Result<(), TestCaseError> {
    let chain = |next: &dyn Fn(i64) -> Option<i64>| -> Vec<DateTime<Utc>> {
        std::iter::successors(in_range(next(t)), |run| in_range(next(run.timestamp())))
            .take(n)
            .collect()
    };
    let upcoming: Vec<_> = engine.upcoming(at(t)).take(n).collect();
    prop_assert_eq!(
        upcoming,
        chain(&|after| reference_backup::next_run(s, after)),
        "upcoming from {}",
        at(t)
    );
    let past: Vec<_> = engine.past(at(t)).take(n).collect();
    prop_assert_eq!(
        past,
        chain(&|before| reference_backup::prev_run(s, before)),
        "past from {}",
        at(t)
    );
    Ok(())
}

/// `retry_after` as `ask` says, near `t`, at a whole second and with
/// `nanos`, against the reference.
fn check_retry<T: Timetable>(
    engine: impl Fn(&BSchedule) -> T,
    s: &BSchedule,
    t: i64,
    ask: RetryAsk,
    nanos: u32,
) -> Result<(), TestCaseError> {
    let (s, f, failures) = ask.apply(s, t);
    let engine = engine(&s);
    let expected = in_range(reference_backup::retry_after(&s, f, failures));
    prop_assert_eq!(
        engine.retry_after(at(f), failures),
        expected,
        "retry_after({}, {})",
        at(f),
        failures
    );
    // The rule's comparisons are with whole seconds: a fraction carries over.
    let inside = DateTime::from_timestamp(f, nanos).expect("in range");
    let expected_inside =
        expected.and_then(|r| r.checked_add_signed(Duration::nanoseconds(i64::from(nanos))));
    prop_assert_eq!(
        engine.retry_after(inside, failures),
        expected_inside,
        "retry_after({}, {})",
        inside,
        failures
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    /// Every query at one instant equals the reference's.
    #[test]
    fn queries_match_reference((s, t) in schedule_and_secs(), nanos in strategies::instants::nanos()) {
        check_all(&to_engine::engine(&s), &s, t, nanos)?;
    }

    /// `upcoming` and `past` are the reference's runs, one after another.
    #[test]
    fn sequences_match_reference((s, t) in schedule_and_secs()) {
        check_sequences(&to_engine::engine(&s), &s, t, 4)?;
    }

    /// `retry_after` follows the rule, near the backup window's
    /// close and the next run.
    #[test]
    fn retry_after_matches_reference((s, t) in schedule_and_secs(), ask in retry_ask(), nanos in strategies::instants::nanos()) {
        check_retry(to_engine::engine, &s, t, ask, nanos)?;
    }

    /// Without `retryEnabled` there is no retry.
    #[test]
    fn no_retry_unless_enabled((s, t) in schedule_and_secs(), failures in 0..10u32) {
        let s = BSchedule { retry: None, ..s };
        prop_assert_eq!(to_engine::engine(&s).retry_after(at(t), failures), None);
    }

    /// The builder gives the same schedule whatever order it is called in.
    #[test]
    fn builder_order_does_not_matter(s in schedule()) {
        let first: BackupSchedule = to_engine::build(&s, Order::OffsetFirst);
        prop_assert_eq!(first, to_engine::build(&s, Order::OffsetLast));
    }
}

#[cfg(feature = "tz-chrono")]
mod zoned {
    //! The same against the zoned reference.

    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};

    use backup_schedule::Zone;
    use chrono::NaiveDate;
    use chrono_tz::Tz;

    use super::*;
    use reference_backup::zoned_clock;

    const ZONES: [Tz; 3] = [
        chrono_tz::Europe::Berlin,
        chrono_tz::America::New_York,
        chrono_tz::Australia::Lord_Howe,
    ];

    /// One prepared `Zone` per zone for the whole test binary.
    fn zone(tz: Tz) -> &'static Zone {
        static PREPARED: OnceLock<Mutex<HashMap<Tz, &'static Zone>>> = OnceLock::new();
        let mut prepared = PREPARED
            .get_or_init(Default::default)
            .lock()
            .expect("not poisoned");
        prepared
            .entry(tz)
            .or_insert_with(|| Box::leak(Box::new(Zone::new(tz))))
    }

    fn engine(s: &BSchedule) -> backup_schedule::Zoned<'static, BackupSchedule> {
        let Clock::Zone(tz) = s.clock else {
            panic!("not zoned: {s:?}")
        };
        to_engine::engine(s).in_zone(zone(tz))
    }

    fn year_start(year: i32) -> i64 {
        NaiveDate::from_ymd_opt(year, 1, 1)
            .and_then(|date| date.and_hms_opt(0, 0, 0))
            .expect("valid")
            .and_utc()
            .timestamp()
    }

    /// An instant near one of the zone's offset changes in 2020-2035 (the
    /// `pick`-th of `year`, moved by `delta`), or anywhere in 1990-2090.
    fn instant(tz: Tz, year: i32, pick: usize, delta: i64, anywhere: Option<i64>) -> i64 {
        if let Some(t) = anywhere {
            return t;
        }
        let changes = zoned_clock::offset_changes(
            reference_backup::chrono_data(tz),
            year_start(year),
            year_start(year + 1),
        );
        changes[pick % changes.len()] + delta
    }

    fn zoned_schedule_and_secs() -> impl Strategy<Value = (BSchedule, i64)> {
        let delta = prop_oneof![3 => -3 * DAY..=3 * DAY, 2 => -7_200..=7_200i64, 1 => (-96..=96i64).prop_map(|k| k * 900)];
        let anywhere = prop::option::weighted(0.25, strategies::instants::YEAR_1990..3_786_825_600i64);
        (
            schedule_on(select(ZONES.to_vec()).prop_map(Clock::Zone)),
            2020..=2035i32,
            any::<usize>(),
            delta,
            anywhere,
            0..10u8,
        )
            .prop_map(|(s, year, pick, delta, anywhere, which)| {
                let Clock::Zone(tz) = s.clock else { unreachable!() };
                let t = instant(tz, year, pick, delta, anywhere);
                (s, snap(&s, t, which))
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases(48)))]

        /// Every query at one instant equals the zoned reference's.
        #[test]
        fn zoned_queries_match_reference((s, t) in zoned_schedule_and_secs(), nanos in strategies::instants::nanos()) {
            check_all(&engine(&s), &s, t, nanos)?;
        }

        /// `upcoming` and `past` in a zone.
        #[test]
        fn zoned_sequences_match_reference((s, t) in zoned_schedule_and_secs()) {
            check_sequences(&engine(&s), &s, t, 3)?;
        }

        /// `retry_after` in a zone: the deadline is the wall-clock window's.
        #[test]
        fn zoned_retry_after_matches_reference(
            (s, t) in zoned_schedule_and_secs(),
            ask in retry_ask(),
            nanos in strategies::instants::nanos(),
        ) {
            check_retry(engine, &s, t, ask, nanos)?;
        }

        /// In a zone the windows' `minuteOffset` and the trigger offset are
        /// not used.
        #[test]
        fn zoned_offsets_are_unused((s, t) in zoned_schedule_and_secs(), offset in minute_offset()) {
            let moved = BSchedule {
                trigger_offset_minutes: offset,
                backup_window: s.backup_window.map(|w| BWindow { minute_offset: offset, ..w }),
                permitted: s.permitted.map(|w| BWindow { minute_offset: -offset, ..w }),
                ..s
            };
            let (a, b) = (engine(&s), engine(&moved));
            let t = at(t);
            prop_assert_eq!(a.next_run(t), b.next_run(t));
            prop_assert_eq!(a.prev_run(t), b.prev_run(t));
            prop_assert_eq!(a.is_open(t), b.is_open(t));
            prop_assert_eq!(a.next_close(t), b.next_close(t));
        }
    }
}
