//! The window queries (open at, next open, next close) and the start of an
//! `Immediate` copy for a restore point, cycling through the 64 instants.
//! Before timing, each answer is checked against a minute-by-minute walk
//! over chrono's calendar fields.

mod common;

use backup_schedule::vb365::CopyJob;
use backup_schedule::{Schedule, Timetable, Window};
use common::{check_points, instants, policy_schedule, windows, Cycle, NamedWindow};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

/// The windows with an offset that is not whole hours, the harder case.
fn measured_windows() -> Vec<(NamedWindow, Window)> {
    windows()
        .into_iter()
        .filter(|window| window.minute_offset == 330)
        .map(|named| {
            let window = Window::new(&named.hours, named.minute_offset).unwrap();
            (named, window)
        })
        .collect()
}

fn cross_check() {
    for (named, window) in measured_windows() {
        for t in check_points(20, |t| window.next_close(t)) {
            assert_eq!(window.is_open(t), named.open_at(t), "{} open at {t}", named.name);
            assert_eq!(
                window.next_open(t),
                named.next_open(t),
                "{} next open {t}",
                named.name
            );
            assert_eq!(
                window.next_close(t),
                named.next_close(t),
                "{} next close {t}",
                named.name
            );
        }
    }
    let seed = Schedule::try_from(&CopyJob::from_json(common::SEED_REQUEST).unwrap()).unwrap();
    for t in instants() {
        assert_eq!(seed.next_open(t), Some(t));
        assert_eq!(seed.next_run(t), None);
    }
}

fn window_queries(c: &mut Criterion) {
    cross_check();
    let mut group = c.benchmark_group("window_queries");
    let mut cycle = Cycle::new();
    for (named, window) in measured_windows() {
        group.bench_function(BenchmarkId::new("is_open", &named.name), |b| {
            b.iter(|| window.is_open(cycle.next()))
        });
        group.bench_function(BenchmarkId::new("next_open", &named.name), |b| {
            b.iter(|| window.next_open(cycle.next()))
        });
        group.bench_function(BenchmarkId::new("next_close", &named.name), |b| {
            b.iter(|| window.next_close(cycle.next()))
        });
    }
    group.finish();
}

fn immediate(c: &mut Criterion) {
    let mut group = c.benchmark_group("immediate");
    let mut cycle = Cycle::new();
    // The seed: Immediate with every hour allowed.
    let seed: Schedule = Schedule::try_from(&CopyJob::from_json(common::SEED_REQUEST).unwrap()).unwrap();
    group.bench_function("start_for_restore_point/seed", |b| {
        b.iter(|| seed.next_open(cycle.next()))
    });
    for (named, _) in measured_windows() {
        let schedule = policy_schedule(r#"{"type": "Immediate"}"#, Some(&named));
        for t in instants() {
            assert_eq!(schedule.next_open(t), named.next_open(t));
        }
        group.bench_function(BenchmarkId::new("start_for_restore_point", &named.name), |b| {
            b.iter(|| schedule.next_open(cycle.next()))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = window_queries, immediate
}
criterion_main!(benches);
