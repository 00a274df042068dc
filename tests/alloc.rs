//! The queries allocate nothing: a counting global allocator watches
//! `next_run`, `prev_run`, the explanations, the window queries and each
//! step of the iterators (`upcoming`, `runs_between`, `past`,
//! `explain_upcoming`), over every kind of schedule, with and without
//! windows, at whole-hour and other offsets, triggers read at UTC and at an
//! offset, fixed and in time zones (once the `Zone` is built). And a
//! `Schedule` fits in 64 bytes.
//!
//! The count is per thread, so tests running in parallel on other threads do
//! not disturb it.

use std::fmt::Debug;

use backup_schedule::{Interval, MinuteOffset, Schedule, Timetable, Weekdays, Window};
use chrono::{DateTime, NaiveTime, TimeDelta, TimeZone, Utc};

#[path = "common/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations;

/// Every kind of schedule: daily (several day sets, with seconds), periodic
/// (short and long), immediate; each without a window, with an always-open,
/// a business-hours, a one-hour-a-week, a never-open and a random window, at
/// offsets 0, +180, +330, -210 and the extremes.
fn schedules() -> Vec<Schedule> {
    let at = |h, m, s| NaiveTime::from_hms_opt(h, m, s).unwrap();
    let plain = [
        Schedule::daily(Weekdays::WORKDAYS, at(22, 0, 0)).unwrap(),
        Schedule::daily(Weekdays::WEEKENDS, at(3, 30, 0)).unwrap(),
        Schedule::daily(Weekdays::EVERYDAY, at(0, 0, 0)).unwrap(),
        Schedule::daily(Weekdays::only(chrono::Weekday::Wed), at(23, 59, 59)).unwrap(),
        Schedule::daily(Weekdays::NONE, at(12, 0, 0)).unwrap(),
        Schedule::periodic(Interval::from_minutes(5).unwrap()),
        Schedule::periodic(Interval::from_minutes(15).unwrap()),
        Schedule::periodic(Interval::from_minutes(240).unwrap()),
        Schedule::periodic(Interval::from_minutes(1440).unwrap()),
        Schedule::immediate(),
    ];
    let mut business = [false; 168];
    for day in 1..=5 {
        for hour in 8..18 {
            business[day * 24 + hour] = true;
        }
    }
    let mut sparse = [false; 168];
    sparse[3 * 24 + 13] = true;
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let random: [bool; 168] = core::array::from_fn(|_| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed & 1 == 1
    });
    let hour_sets = [[true; 168], business, sparse, [false; 168], random];
    let mut all = Vec::new();
    let read_at = |minutes| MinuteOffset::from_minutes(minutes).unwrap();
    for schedule in plain {
        all.push(schedule);
        all.push(schedule.with_trigger_offset(read_at(330)));
        all.push(schedule.with_trigger_offset(read_at(-1439)));
        for hours in &hour_sets {
            for offset in [0, 180, 330, -210, 1439, -1439] {
                all.push(schedule.with_window(Window::new(hours, offset).unwrap()));
            }
        }
    }
    all
}

/// Instants over five weeks at odd seconds and nanoseconds, on hour and
/// minute edges, and at the ends of chrono's range.
fn instants() -> Vec<DateTime<Utc>> {
    let start = Utc.with_ymd_and_hms(2026, 12, 27, 0, 0, 0).unwrap();
    let mut all: Vec<DateTime<Utc>> = (0..200)
        .map(|i| start + TimeDelta::seconds(i * 15_361) + TimeDelta::nanoseconds(i * 7_919))
        .collect();
    all.extend((0..48).map(|i| start + TimeDelta::minutes(i * 210)));
    all.push(DateTime::<Utc>::MIN_UTC);
    all.push(DateTime::<Utc>::MAX_UTC - TimeDelta::days(3));
    all.push(DateTime::<Utc>::MAX_UTC);
    all
}

#[test]
fn the_counter_sees_allocations() {
    // Without this, a broken counter would make every other test pass.
    let (count, vec) = allocations(|| vec![1_u8; 100]);
    assert_eq!(vec.len(), 100);
    assert!(count >= 1, "counted {count} allocations for a Vec");
}

/// Asks `schedule` every query at `t`, each with the counter watching, and
/// fails naming the query that allocated. Returns how many queries had an
/// answer.
fn every_query_at<S: Timetable + Debug>(schedule: &S, t: DateTime<Utc>) -> usize {
    let mut answers = 0;
    let mut watch = |what: &str, answered: &dyn Fn() -> bool| {
        let (count, answered) = allocations(answered);
        assert_eq!(count, 0, "{schedule:?} {what}({t}) allocated");
        answers += usize::from(answered);
    };
    watch("next_run", &|| schedule.next_run(t).is_some());
    watch("prev_run", &|| schedule.prev_run(t).is_some());
    watch("explain_next", &|| schedule.explain_next(t).is_some());
    watch("explain_event", &|| schedule.explain_event(t).is_some());
    watch("is_open", &|| schedule.is_open(t));
    watch("next_open", &|| schedule.next_open(t).is_some());
    watch("next_close", &|| schedule.next_close(t).is_some());
    answers
}

/// Steps through each iterator of `schedule` from `t`, the counter watching
/// each step (and the iterator's making); returns the steps that gave a run.
fn every_iterator_from<S: Timetable + Debug>(schedule: &S, t: DateTime<Utc>, steps: usize) -> usize {
    fn walk<I: Iterator>(what: &str, schedule: &dyn Debug, make: impl FnOnce() -> I, steps: usize) -> usize {
        let (count, mut iterator) = allocations(make);
        assert_eq!(count, 0, "{schedule:?}: making {what} allocated");
        (0..steps)
            .filter(|_| {
                let (count, item) = allocations(|| iterator.next());
                assert_eq!(count, 0, "{schedule:?}: a step of {what} allocated");
                item.is_some()
            })
            .count()
    }
    let end = t + TimeDelta::weeks(3);
    walk("upcoming", schedule, || schedule.upcoming(t), steps)
        + walk("runs_between", schedule, || schedule.runs_between(t, end), steps)
        + walk("past", schedule, || schedule.past(t), steps)
        + walk(
            "explain_upcoming",
            schedule,
            || schedule.explain_upcoming(t),
            steps,
        )
}

#[test]
fn queries_do_not_allocate() {
    let schedules = schedules();
    let instants = instants();
    let mut answers = 0;
    for schedule in &schedules {
        for &t in &instants {
            answers += every_query_at(schedule, t);
        }
    }
    // The loops did reach the computations, not only the early `None`s.
    assert!(
        answers > schedules.len() * instants.len() * 3,
        "{answers} answers"
    );
}

#[test]
fn window_queries_do_not_allocate() {
    let schedules = schedules();
    let instants = instants();
    for schedule in &schedules {
        let window = schedule.window().copied().unwrap_or_else(Window::always_open);
        for &t in &instants {
            let (count, _) = allocations(|| (window.is_open(t), window.next_open(t), window.next_close(t)));
            assert_eq!(count, 0, "{window:?} queries at {t} allocated");
        }
    }
}

#[test]
fn each_step_of_the_iterators_does_not_allocate() {
    let schedules = schedules();
    let start = Utc.with_ymd_and_hms(2026, 12, 27, 10, 11, 12).unwrap();
    let steps: usize = schedules
        .iter()
        .map(|schedule| every_iterator_from(schedule, start, 300))
        .sum();
    assert!(steps > schedules.len() * 300, "only {steps} steps gave a run");
}

/// Zoned queries, once the zones are built: around Berlin's and Lord Howe's
/// changes, in Chatham's +12:45/+13:45, in Apia (a whole day skipped), in
/// Kolkata (no change), past the zone table's end and at chrono's ends.
#[cfg(feature = "tz-chrono")]
#[test]
fn every_zoned_query_and_iterator_does_not_allocate() {
    use backup_schedule::Zone;
    let zones: Vec<Zone> = [
        chrono_tz::Europe::Berlin,
        chrono_tz::Australia::Lord_Howe,
        chrono_tz::Pacific::Chatham,
        chrono_tz::Pacific::Apia,
        chrono_tz::Asia::Kolkata,
    ]
    .into_iter()
    .map(Zone::new)
    .collect();
    let changes = [
        Utc.with_ymd_and_hms(2027, 3, 28, 1, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2027, 10, 31, 1, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2027, 10, 2, 15, 30, 0).unwrap(),
        Utc.with_ymd_and_hms(2011, 12, 30, 10, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2150, 6, 1, 0, 0, 0).unwrap(),
    ];
    let mut instants: Vec<_> = changes
        .iter()
        .flat_map(|&change| (-12..12).map(move |i| change + TimeDelta::seconds(i * 7_919)))
        .collect();
    instants.extend([DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC]);
    let schedules: Vec<_> = schedules().into_iter().step_by(7).collect();
    let (mut answers, mut steps) = (0, 0);
    for zone in &zones {
        for schedule in &schedules {
            let zoned = schedule.in_zone(zone);
            for &t in &instants {
                answers += every_query_at(&zoned, t);
            }
            steps += every_iterator_from(&zoned, changes[0], 20);
        }
    }
    let asked = zones.len() * schedules.len();
    assert!(answers > asked * instants.len() * 3, "{answers} answers");
    assert!(steps > asked * 20, "only {steps} steps gave a run");
}

#[test]
fn a_schedule_fits_in_64_bytes() {
    let size = core::mem::size_of::<Schedule>();
    assert!(size <= 64, "size_of::<Schedule>() is {size}");
}

/// The main zoned queries allocate nothing either, from each source's data: around
/// Europe/Berlin's changes, before its first one, past the table's end in
/// 2101 (the rule's 400-year cycle) and near the end of chrono's range.
#[cfg(any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono"))]
#[test]
fn zoned_queries_do_not_allocate() {
    use backup_schedule::{TzSource, Zone};

    let zones: Vec<Zone> = TzSource::ALL
        .into_iter()
        .filter_map(|source| Zone::from_source("Europe/Berlin", source).ok())
        .collect();
    assert!(!zones.is_empty());
    let mut instants = instants();
    for (y, m, d) in [
        (1850, 6, 1),
        (2027, 3, 28),
        (2027, 10, 31),
        (2101, 1, 1),
        (2600, 3, 26),
        (262_000, 3, 1),
    ] {
        let base = Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
        instants.extend((0..12).map(|i| base + TimeDelta::seconds(i * 3_607)));
    }
    for zone in &zones {
        for schedule in schedules() {
            let zoned = schedule.in_zone(zone);
            for &t in &instants {
                let (count, _) = allocations(|| {
                    (
                        zoned.next_run(t),
                        zoned.is_open(t),
                        zoned.next_open(t),
                        zoned.next_close(t),
                        zone.minute_offset_at(t),
                        zone.offset_at(t),
                    )
                });
                assert_eq!(count, 0, "{schedule:?} in {zone:?} at {t}");
            }
        }
    }
}
