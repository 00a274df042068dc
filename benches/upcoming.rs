//! Iterating upcoming runs: 10^6 runs of `Minutes5` held to a window (business
//! hours at +05:30), reported as runs per second; next to it, 10^6
//! occurrences of `*/5 * * * *` from saffron's iterator (no window).

mod common;

use std::hint::black_box;

use backup_schedule::Timetable;
use common::{base, policy_schedule, windows};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

const RUNS: usize = 1_000_000;

fn upcoming(c: &mut Criterion) {
    let window = windows()
        .into_iter()
        .find(|window| window.name == "business_off330")
        .unwrap();
    let schedule = policy_schedule(
        r#"{"type": "Periodically", "periodicallyEvery": "Minutes5"}"#,
        Some(&window),
    );
    let saffron: saffron::Cron = "*/5 * * * *".parse().unwrap();
    let start = base();

    // Cross-check: the first runs against the oracle on saffron's triggers,
    // and the unwindowed runs against saffron's own iterator.
    let triggers = saffron.clone();
    let mut after = start;
    for run in schedule.upcoming(start).take(3_000) {
        assert_eq!(
            Some(run),
            window.oracle_next_run(&triggers, after),
            "after {after}"
        );
        after = run;
    }
    let unwindowed = schedule.without_window();
    assert!(unwindowed
        .upcoming(start)
        .take(10_000)
        .eq(saffron.clone().iter_after(start).take(10_000)));
    // The last of the 10^6 runs, so the bench is known to reach it.
    let last = schedule.upcoming(start).nth(RUNS - 1).unwrap();
    assert!(last > start + chrono::TimeDelta::days(365 * 30));

    let mut group = c.benchmark_group("upcoming");
    group
        .throughput(Throughput::Elements(RUNS as u64))
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10);
    group.bench_function("ours_minutes5_business_off330", |b| {
        b.iter(|| {
            for run in schedule.upcoming(black_box(start)).take(RUNS) {
                black_box(run);
            }
        })
    });
    group.bench_function("saffron_every5min_no_window", |b| {
        b.iter(|| {
            for run in saffron.clone().iter_after(black_box(start)).take(RUNS) {
                black_box(run);
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = upcoming
}
criterion_main!(benches);
