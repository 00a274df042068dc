//! The scheduler's questions beyond "when next": `count_between` over a day,
//! a year and a century (constant time: the century must cost about what
//! the day does), `missed` and `catch_up`, fixed-offset and zoned.
//!
//! Before anything is timed, every count is checked against walking the
//! runs one by one (`runs_between(..).count()`) on ranges short enough to
//! walk.

mod common;

use common::cpu_time::Clock;

use std::hint::black_box;

use backup_schedule::{BackupSchedule, CatchUpPolicy, Interval, Schedule, Timetable, Weekdays, Window};
use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
use common::{business_hours, Cycle};
use criterion::{criterion_group, criterion_main, Criterion};

/// The schedules: a nightly copy job, a copy job every 15 minutes in
/// business hours, and a backup job every 2 hours at offset 15 with
/// permitted hours and a backup window 45 minutes apart (the split gate).
/// A named way to count runs in a range.
type Counting = (&'static str, Box<dyn Fn(DateTime<Utc>, DateTime<Utc>) -> u64>);

fn schedules() -> Vec<Counting> {
    let business = Window::new(&business_hours(), 180).unwrap();
    let nightly = Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap())
        .unwrap()
        .with_window(
            "Mon-Fri 20:00-06:00"
                .parse::<Window>()
                .unwrap()
                .with_minute_offset(60)
                .unwrap(),
        );
    let quarter = Schedule::periodic(Interval::from_minutes(15).unwrap()).with_window(business);
    let backup = BackupSchedule::periodic(Interval::from_minutes(120).unwrap())
        .with_offset_minutes(15)
        .unwrap()
        .with_permitted_hours("daily 19:00-08:00".parse().unwrap())
        .unwrap()
        .with_backup_window(business.with_minute_offset(225).unwrap());
    vec![
        (
            "workdays 22:00, night window",
            Box::new(move |a, b| nightly.count_between(a, b)),
        ),
        (
            "every 15 min, business hours",
            Box::new(move |a, b| quarter.count_between(a, b)),
        ),
        (
            "backup 2 h +15, two windows",
            Box::new(move |a, b| backup.count_between(a, b)),
        ),
    ]
}

fn cross_check() {
    let business = Window::new(&business_hours(), 180).unwrap();
    let quarter = Schedule::periodic(Interval::from_minutes(15).unwrap()).with_window(business);
    let mut cycle = Cycle::new();
    for _ in 0..64 {
        let from = cycle.next();
        let to = from + TimeDelta::days(45);
        assert_eq!(
            quarter.count_between(from, to),
            quarter.runs_between(from, to).count() as u64,
            "from {from}"
        );
    }
}

fn count_between(c: &mut Criterion<Clock>) {
    cross_check();
    let mut group = c.benchmark_group("count_between");
    for (name, count) in schedules() {
        for (range, length) in [
            ("day", TimeDelta::days(1)),
            ("year", TimeDelta::days(365)),
            ("century", TimeDelta::days(36_524)),
        ] {
            let mut cycle = Cycle::new();
            group.bench_function(format!("{name}/{range}"), |b| {
                b.iter(|| {
                    let from = cycle.next();
                    count(black_box(from), black_box(from + length))
                })
            });
        }
    }
    group.finish();
}

fn missed_and_catch_up(c: &mut Criterion<Clock>) {
    let quarter = Schedule::periodic(Interval::from_minutes(15).unwrap())
        .with_window(Window::new(&business_hours(), 180).unwrap());
    let mut group = c.benchmark_group("missed");
    let mut cycle = Cycle::new();
    group.bench_function("every 15 min, business hours/a week down", |b| {
        b.iter(|| {
            let now = cycle.next();
            quarter.missed(black_box(now - TimeDelta::days(7)), black_box(now))
        })
    });
    group.bench_function("catch_up all, max lateness 1 day", |b| {
        b.iter(|| {
            let now = cycle.next();
            quarter.catch_up(
                black_box(now - TimeDelta::days(7)),
                black_box(now),
                CatchUpPolicy::All { cap: 100 },
                Some(TimeDelta::days(1)),
            )
        })
    });
    group.finish();
}

#[cfg(any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono"))]
fn zoned(c: &mut Criterion<Clock>) {
    let berlin = backup_schedule::Zone::from_name("Europe/Berlin").unwrap();
    let nightly = Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap())
        .unwrap()
        .with_window("Mon-Fri 20:00-06:00".parse().unwrap());
    let zoned = nightly.in_zone(&berlin);
    let mut group = c.benchmark_group("count_between zoned");
    for (range, length) in [
        ("day", TimeDelta::days(1)),
        ("year (2 changes)", TimeDelta::days(365)),
        ("decade (20 changes)", TimeDelta::days(3_652)),
    ] {
        let mut cycle = Cycle::new();
        group.bench_function(format!("Europe/Berlin workdays 22:00/{range}"), |b| {
            b.iter(|| {
                let from = cycle.next();
                zoned.count_between(black_box(from), black_box(from + length))
            })
        });
    }
    group.finish();
}

#[cfg(not(any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono")))]
fn zoned(_: &mut Criterion<Clock>) {}

criterion_group! {
    name = benches;
    config = common::config().with_measurement(common::cpu_time::clock());
    targets = count_between, missed_and_catch_up, zoned
}
criterion_main!(benches);
