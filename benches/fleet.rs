//! Fleet scale: the next run of 10^5 and 10^6 different generated schedules
//! (mixed types, half with a window, many offsets) from one instant. The
//! time per schedule should not grow with the fleet.

mod common;

use std::hint::black_box;

use backup_schedule::{Schedule, Timetable};
use common::{base, fleet_member, Lcg};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};

fn fleet(c: &mut Criterion) {
    let at = base() + chrono::TimeDelta::seconds(3 * 86_400 + 12_345);

    // Cross-check a sample against the peer's triggers (through the window
    // oracle when there is a window).
    let mut lcg = Lcg::new(0xF1EE7);
    for _ in 0..400 {
        let member = fleet_member(&mut lcg);
        let expected = member.cron5.as_ref().and_then(|cron| {
            let triggers: saffron::Cron = cron.parse().unwrap();
            match &member.window {
                Some(window) => window.oracle_next_run(&triggers, at),
                None => triggers.next_after(at),
            }
        });
        assert_eq!(member.schedule.next_run(at), expected, "{:?}", member.cron5);
    }

    let mut group = c.benchmark_group("fleet");
    group.sampling_mode(SamplingMode::Flat).sample_size(20);
    for size in [100_000_usize, 1_000_000] {
        let mut lcg = Lcg::new(0xF1EE7);
        let schedules: Vec<Schedule> = (0..size).map(|_| fleet_member(&mut lcg).schedule).collect();
        group.throughput(Throughput::Elements(size as u64));
        group.bench_function(BenchmarkId::new("next_run", size), |b| {
            b.iter(|| {
                let at = black_box(at);
                for schedule in &schedules {
                    black_box(schedule.next_run(at));
                }
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = fleet
}
criterion_main!(benches);
