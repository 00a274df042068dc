//! The zone table against chrono-tz, over every zone chrono-tz ships: at
//! each of chrono-tz's offset changes, and a second before it, a `Zone` has
//! chrono-tz's offset, and the `Zone` has no change chrono-tz does not have.
//!
//! `Zone::new` finds the changes by sampling chrono-tz every 6 days, which
//! is right only while no two changes are closer than that (they are at
//! least 166 hours apart in chrono-tz 0.10's data). Here chrono-tz's changes
//! are found independently of `src/zone.rs` (by `tests/reference_zoned`'s
//! `offset_changes_every`): walking each zone in steps of
//! a day or two and bisecting to the second wherever the offset differs,
//! which misses only a change undone within a step. So a tz data upgrade
//! that breaks the table's premise fails this test.
//!
//! The `Zone`'s changes are read through the public API: `offset_drift`
//! against an offset no zone has reports every span of the table, one
//! period each; its offsets (`minute_offset_at`) are in whole minutes.
//!
//! The default run walks every zone over the whole table, 1800 to 2101, in
//! two-day steps (about 7 s of CPU in a debug build, shared among the
//! threads; building the 597 `Zone`s is half of it); the ignored
//! `every_zone_from_1600_to_2200_in_six_hour_steps` walks beyond the table,
//! finer (`cargo test --release --test zone_table -- --ignored`, about 20 s
//! of CPU).

#![cfg(feature = "tz-chrono")]

mod reference_zoned;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use backup_schedule::Zone;
use chrono::{DateTime, Utc};
use chrono_tz::{Tz, TZ_VARIANTS};

use reference_zoned::{Data, RefZone};

/// chrono-tz's changes of `tz` in `(from, to]`, found by the reference.
fn chrono_changes(tz: Tz, from: i64, to: i64, step: i64) -> Vec<i64> {
    reference_zoned::offset_changes_every(
        RefZone {
            tz,
            data: Data::ChronoTz,
        },
        from,
        to,
        step,
    )
}

/// chrono-tz's offset of `tz` at `t`, in seconds.
fn offset_secs(tz: Tz, t: i64) -> i64 {
    reference_zoned::offset_secs(
        RefZone {
            tz,
            data: Data::ChronoTz,
        },
        t,
    )
}

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
/// 1600-01-01, 1800-01-01, 2101-01-01, 2200-01-01.
const YEAR_1600: i64 = -11_676_096_000;
const YEAR_1800: i64 = -5_364_662_400;
const YEAR_2101: i64 = 4_133_980_800;
const YEAR_2200: i64 = 7_258_118_400;

/// The `Zone`'s changes in `(from, until)`: the starts of the periods
/// `offset_drift` reports against an offset no zone has.
fn zone_changes(zone: &Zone, from: i64, until: i64) -> Vec<i64> {
    let at = |t| DateTime::<Utc>::from_timestamp(t, 0).expect("in range");
    zone.offset_drift(i32::MIN, at(from), at(until))
        .iter()
        .map(|drift| drift.from.timestamp())
        .filter(|&start| start > from)
        .collect()
}

/// What differs between `tz`'s `Zone` and chrono-tz over `(from, until]`.
fn differences(tz: Tz, from: i64, until: i64, step: i64) -> Vec<String> {
    let zone = Zone::new(tz);
    let minutes = |t| DateTime::<Utc>::from_timestamp(t, 0).expect("in range");
    let mut found = Vec::new();
    let changes = chrono_changes(tz, from, until, step);
    for &change in &changes {
        for t in [change - 1, change] {
            let (ours, theirs) = (
                i64::from(zone.minute_offset_at(minutes(t))),
                offset_secs(tz, t) / 60,
            );
            if ours != theirs {
                found.push(format!(
                    "{}: offset at {t} is {ours} min, chrono-tz {theirs}",
                    tz.name()
                ));
            }
        }
    }
    let table = zone_changes(&zone, from, until);
    if table != changes {
        let missing: Vec<_> = changes.iter().filter(|c| !table.contains(c)).collect();
        let extra: Vec<_> = table.iter().filter(|c| !changes.contains(c)).collect();
        found.push(format!(
            "{}: the table's changes differ from chrono-tz's: missing {missing:?}, extra {extra:?}",
            tz.name()
        ));
    }
    found
}

/// [`differences`] for every zone chrono-tz ships, on as many threads as
/// there are cores; fails listing them.
fn check_every_zone(from: i64, until: i64, step: i64) {
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(&tz) = TZ_VARIANTS.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let found = differences(tz, from, until, step);
                    failures.lock().expect("not poisoned").extend(found);
                }
            });
        }
    });
    let failures = failures.into_inner().expect("not poisoned");
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_zone_from_1800_to_2101_in_two_day_steps() {
    check_every_zone(YEAR_1800, YEAR_2101, 2 * DAY);
}

#[test]
#[ignore = "about a minute in a debug build; run with --release"]
fn every_zone_from_1600_to_2200_in_six_hour_steps() {
    check_every_zone(YEAR_1600, YEAR_2200, 6 * HOUR);
}

/// The walk finds what it should: Berlin's two changes of 2027 (hand
/// values, `tests/zone_golden.rs`), Gaza's two changes a week apart in 2040,
/// and nothing in Kolkata since 1945.
#[test]
fn the_walk_finds_the_changes() {
    let utc = |s: &str| DateTime::parse_from_rfc3339(s).expect("RFC 3339").timestamp();
    let year = |y: i32| utc(&format!("{y}-01-01T00:00:00Z"));
    assert_eq!(
        chrono_changes(chrono_tz::Europe::Berlin, year(2027), year(2028), DAY),
        [utc("2027-03-28T01:00:00Z"), utc("2027-10-31T01:00:00Z")]
    );
    let gaza = chrono_changes(
        chrono_tz::Asia::Gaza,
        utc("2040-10-15T00:00:00Z"),
        utc("2040-11-01T00:00:00Z"),
        DAY,
    );
    assert_eq!(gaza.len(), 2, "{gaza:?}");
    assert_eq!(gaza[1] - gaza[0], 167 * HOUR);
    assert!(chrono_changes(chrono_tz::Asia::Kolkata, year(1946), year(2100), DAY).is_empty());
}
