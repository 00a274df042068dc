//! Reading and validating JSON into a `Schedule`: the seed's request and
//! response documents, and a daily policy with a window.

mod common;

use std::hint::black_box;

use backup_schedule::vb365::{CopyJob, CopyJobSchedulePolicy};
use backup_schedule::Schedule;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn daily_policy_with_window() -> Vec<u8> {
    let hours = common::business_hours().to_vec();
    serde_json::json!({
        "type": "DailyAtTime",
        "dailyType": "Workdays",
        "dailyTime": "22:00:00",
        "backupCopyWindowEnabled": true,
        "backupCopyWindowSettings": { "backupWindow": hours, "minuteOffset": 330 }
    })
    .to_string()
    .into_bytes()
}

fn parse(c: &mut Criterion) {
    let daily = daily_policy_with_window();
    // What is timed gives the expected schedules.
    let seed = Schedule::try_from(&CopyJob::from_json(common::SEED_REQUEST).unwrap()).unwrap();
    assert_eq!(
        seed,
        Schedule::immediate().with_window(backup_schedule::Window::always_open())
    );
    assert_eq!(
        Schedule::try_from(&CopyJob::from_json(common::SEED_RESPONSE).unwrap()).unwrap(),
        seed
    );
    let policy = CopyJobSchedulePolicy::from_json(&daily).unwrap();
    assert_eq!(
        Schedule::try_from(&policy)
            .unwrap()
            .window()
            .unwrap()
            .minute_offset(),
        330
    );

    let mut group = c.benchmark_group("parse");
    for (name, json) in [
        ("seed_request", common::SEED_REQUEST),
        ("seed_response", common::SEED_RESPONSE),
    ] {
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| CopyJob::from_json(black_box(json)).and_then(|job| Schedule::try_from(&job)))
        });
    }
    group.throughput(Throughput::Bytes(daily.len() as u64));
    group.bench_function("policy_daily_window", |b| {
        b.iter(|| {
            CopyJobSchedulePolicy::from_json(black_box(&daily)).and_then(|policy| Schedule::try_from(&policy))
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = parse
}
criterion_main!(benches);
