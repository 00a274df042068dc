//! Schedules evaluated in an IANA zone: our zoned `next_run` (and
//! `prev_run`) beside our fixed-offset path on the same schedule, and beside
//! `cron` evaluating the equivalent expression in the same `chrono_tz::Tz`.
//!
//! The 64 instants are spread over the four weeks around Europe/Berlin's
//! 2027-03-28 change, so a share of the queries cross it. Before timing,
//! ours and cron must agree on every instant, with the zone from each data
//! source.
//!
//! Also the cost of building a `Zone` from each source: chrono-tz (walked by
//! sampling), the system's TZif file (read and parsed), the bundled TZif data.

mod common;

use common::cpu_time::Clock;

use std::hint::black_box;
use std::str::FromStr;

use backup_schedule::{Interval, Schedule, Timetable, TzSource, Weekdays, Window, Zone};
use chrono::{DateTime, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use common::check_prev_run;
use criterion::{criterion_group, criterion_main, Criterion};

const INSTANTS: usize = 64;
const ZONE: Tz = chrono_tz::Europe::Berlin;

/// 2027-03-14 00:00 UTC plus steps of 37,813 s (an odd step, so the instants
/// fall at many times of day): the last is 2027-04-10, past the change. The
/// worst case: about half of these queries look across the change.
fn instants() -> [DateTime<Utc>; INSTANTS] {
    let base = Utc.with_ymd_and_hms(2027, 3, 14, 0, 0, 0).unwrap();
    core::array::from_fn(|i| base + TimeDelta::seconds(i as i64 * 37_813))
}

/// 64 instants spread over 2027 (steps of 492,731 s, about 5.7 days): the
/// typical case, where a few queries are near one of the year's two changes.
fn instants_over_a_year() -> [DateTime<Utc>; INSTANTS] {
    let base = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
    core::array::from_fn(|i| base + TimeDelta::seconds(i as i64 * 492_731))
}

struct Case {
    name: &'static str,
    ours: Schedule,
    /// cron's 7-field spelling (seconds first, year last).
    cron: &'static str,
}

fn cases() -> Vec<Case> {
    let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let every = |minutes| Schedule::periodic(Interval::from_minutes(minutes).unwrap());
    vec![
        Case {
            name: "workdays_2200",
            ours: Schedule::daily(Weekdays::WORKDAYS, at(22, 0)).unwrap(),
            cron: "0 0 22 * * Mon-Fri *",
        },
        Case {
            name: "every_15_min",
            ours: every(15),
            cron: "0 */15 * * * * *",
        },
        Case {
            name: "every_4_hours",
            ours: every(240),
            cron: "0 0 */4 * * * *",
        },
        Case {
            name: "weekends_0330",
            ours: Schedule::daily(Weekdays::WEEKENDS, at(3, 30)).unwrap(),
            cron: "0 30 3 * * Sat,Sun *",
        },
    ]
}

fn cross_check(zone: &Zone) {
    let business_hours: Window = "Mon-Fri 08:00-18:00".parse().expect("window text");
    for case in cases() {
        for schedule in [case.ours, case.ours.with_window(business_hours)] {
            let zoned = schedule.in_zone(zone);
            let points = || instants().into_iter().chain(instants_over_a_year());
            let what = format!("{} zoned", case.name);
            check_prev_run(&what, points(), |t| zoned.next_run(t), |t| zoned.prev_run(t));
            let what = format!("{} fixed", case.name);
            check_prev_run(
                &what,
                points(),
                |t| schedule.next_run(t),
                |t| schedule.prev_run(t),
            );
        }
        let zoned = case.ours.in_zone(zone);
        let cron = cron::Schedule::from_str(case.cron).expect("cron expression");
        for t in instants().into_iter().chain(instants_over_a_year()) {
            let theirs = cron
                .after(&t.with_timezone(&ZONE))
                .next()
                .map(|next| next.with_timezone(&Utc));
            assert_eq!(zoned.next_run(t), theirs, "{} after {t}", case.name);
        }
    }
}

fn bench(c: &mut Criterion<Clock>) {
    let zone = Zone::new(ZONE);
    cross_check(&zone);
    let bundled = Zone::from_source(ZONE.name(), TzSource::Bundled).expect("bundled zone");
    cross_check(&bundled);
    let system = Zone::from_source(ZONE.name(), TzSource::System).ok();
    match &system {
        Some(system) => cross_check(system),
        None => println!("no system tz database: its benches are left out"),
    }
    let (instants, over_a_year) = (instants(), instants_over_a_year());
    let business_hours: Window = "Mon-Fri 08:00-18:00".parse().expect("window text");

    for case in cases() {
        let mut group = c.benchmark_group(format!("zoned/{}", case.name));
        let fixed = case.ours;
        let zoned = case.ours.in_zone(&zone);
        let zoned_bundled = case.ours.in_zone(&bundled);
        let windowed = case.ours.with_window(business_hours);
        let zoned_windowed = windowed.in_zone(&zone);
        let cron = cron::Schedule::from_str(case.cron).expect("cron expression");
        let mut i = 0;
        let mut next = move || {
            i = (i + 1) % INSTANTS;
            black_box(instants[i])
        };
        let mut j = 0;
        let mut next_in_year = move || {
            j = (j + 1) % INSTANTS;
            black_box(over_a_year[j])
        };
        group.bench_function("ours_fixed_offset", |b| b.iter(|| fixed.next_run(next())));
        group.bench_function("ours_zoned", |b| b.iter(|| zoned.next_run(next())));
        group.bench_function("ours_fixed_offset_prev_run", |b| {
            b.iter(|| fixed.prev_run(next()))
        });
        group.bench_function("ours_zoned_prev_run", |b| b.iter(|| zoned.prev_run(next())));
        group.bench_function("ours_zoned_over_a_year", |b| {
            b.iter(|| zoned.next_run(next_in_year()))
        });
        group.bench_function("ours_zoned_bundled", |b| {
            b.iter(|| zoned_bundled.next_run(next()))
        });
        if let Some(system) = &system {
            let zoned_system = case.ours.in_zone(system);
            group.bench_function("ours_zoned_system", |b| b.iter(|| zoned_system.next_run(next())));
        }
        group.bench_function("ours_fixed_offset_windowed", |b| {
            b.iter(|| windowed.next_run(next()))
        });
        group.bench_function("ours_zoned_windowed", |b| {
            b.iter(|| zoned_windowed.next_run(next()))
        });
        group.bench_function("ours_fixed_offset_windowed_prev_run", |b| {
            b.iter(|| windowed.prev_run(next()))
        });
        group.bench_function("ours_zoned_windowed_prev_run", |b| {
            b.iter(|| zoned_windowed.prev_run(next()))
        });
        group.bench_function("cron_tz", |b| {
            b.iter(|| cron.after(&next().with_timezone(&ZONE)).next())
        });
        group.bench_function("cron_tz_over_a_year", |b| {
            b.iter(|| cron.after(&next_in_year().with_timezone(&ZONE)).next())
        });
        group.finish();
    }

    c.bench_function("zoned/zone_new_europe_berlin", |b| {
        b.iter(|| Zone::new(black_box(ZONE)))
    });
    c.bench_function("zoned/zone_bundled_europe_berlin", |b| {
        b.iter(|| Zone::from_source(black_box("Europe/Berlin"), TzSource::Bundled))
    });
    if system.is_some() {
        c.bench_function("zoned/zone_system_europe_berlin", |b| {
            b.iter(|| Zone::from_source(black_box("Europe/Berlin"), TzSource::System))
        });
        c.bench_function("zoned/zone_from_name_europe_berlin", |b| {
            b.iter(|| Zone::from_name(black_box("Europe/Berlin")))
        });
    }
}

criterion_group! {
    name = benches;
    config = common::config().with_measurement(common::cpu_time::clock());
    targets = bench
}
criterion_main!(benches);
