//! `next_run` side by side with the peers (saffron, cron, croner) on four
//! equivalent schedules, then the same schedules held to a window, our
//! `prev_run` next to each `next_run`, and the chrono round trip every
//! answer pays for.
//!
//! Each bench cycles through 64 instants spread over four weeks, so that no
//! branch is always predicted. Before anything is timed, every peer and ours
//! must give the same answer on the same instants (and ours with a window
//! the same as an oracle built on saffron's triggers).

mod common;

use common::cpu_time::Clock;

use backup_schedule::Timetable;
use chrono::{DateTime, TimeDelta};
use common::{check_points, check_prev_run, instants, windows, Cycle, EQUIVALENTS};
use criterion::{criterion_group, criterion_main, Criterion};

fn cross_check_peers() {
    for case in &EQUIVALENTS {
        let ours = case.ours();
        let saffron = case.saffron();
        let cron = case.cron();
        let croner = case.croner();
        for t in check_points(40, |t| ours.next_run(t)) {
            let expected = ours.next_run(t);
            assert!(expected.is_some(), "{}: no run after {t}", case.name);
            assert_eq!(
                saffron.next_after(t),
                expected,
                "saffron, {} after {t}",
                case.name
            );
            assert_eq!(cron.after(&t).next(), expected, "cron, {} after {t}", case.name);
            assert_eq!(
                croner.find_next_occurrence(&t, false).ok(),
                expected,
                "croner, {} after {t}",
                case.name
            );
        }
    }
}

fn cross_check_windowed() {
    for case in &EQUIVALENTS {
        let triggers = case.saffron();
        for window in windows() {
            let ours = case.ours_with(&window);
            for t in check_points(6, |t| ours.next_run(t)) {
                assert_eq!(
                    ours.next_run(t),
                    window.oracle_next_run(&triggers, t),
                    "{} with {} after {t}",
                    case.name,
                    window.name
                );
            }
            check_prev_run(
                &format!("{} with {}", case.name, window.name),
                instants(),
                |t| ours.next_run(t),
                |t| ours.prev_run(t),
            );
        }
    }
}

fn peers(c: &mut Criterion<Clock>) {
    cross_check_peers();
    for case in &EQUIVALENTS {
        let ours = case.ours();
        check_prev_run(case.name, instants(), |t| ours.next_run(t), |t| ours.prev_run(t));
    }
    for case in &EQUIVALENTS {
        let mut group = c.benchmark_group(format!("next_run/{}", case.name));
        let ours = case.ours();
        let saffron = case.saffron();
        let cron = case.cron();
        let croner = case.croner();
        let mut cycle = Cycle::new();
        group.bench_function("ours", |b| b.iter(|| ours.next_run(cycle.next())));
        group.bench_function("ours_prev_run", |b| b.iter(|| ours.prev_run(cycle.next())));
        group.bench_function("saffron", |b| b.iter(|| saffron.next_after(cycle.next())));
        group.bench_function("cron", |b| b.iter(|| cron.after(&cycle.next()).next()));
        group.bench_function("croner", |b| {
            b.iter(|| croner.find_next_occurrence(&cycle.next(), false).ok())
        });
        group.finish();
    }
}

fn windowed(c: &mut Criterion<Clock>) {
    cross_check_windowed();
    for case in &EQUIVALENTS {
        let mut group = c.benchmark_group(format!("windowed/{}", case.name));
        let mut cycle = Cycle::new();
        for window in windows() {
            let ours = case.ours_with(&window);
            group.bench_function(&window.name, |b| b.iter(|| ours.next_run(cycle.next())));
        }
        group.finish();
        let mut group = c.benchmark_group(format!("windowed_prev_run/{}", case.name));
        for window in windows() {
            let ours = case.ours_with(&window);
            group.bench_function(&window.name, |b| b.iter(|| ours.prev_run(cycle.next())));
        }
        group.finish();
    }
}

/// What any answer costs at least: reading the instant's Unix second and
/// making an instant from a Unix second, through chrono.
fn floor(c: &mut Criterion<Clock>) {
    let mut group = c.benchmark_group("floor");
    let mut cycle = Cycle::new();
    group.bench_function("chrono_round_trip", |b| {
        b.iter(|| DateTime::from_timestamp(cycle.next().timestamp() + 3_600, 0))
    });
    group.bench_function("chrono_add_hour", |b| {
        b.iter(|| cycle.next().checked_add_signed(TimeDelta::hours(1)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config().with_measurement(common::cpu_time::clock());
    targets = peers, windowed, floor
}
criterion_main!(benches);
