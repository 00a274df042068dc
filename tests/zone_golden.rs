//! Golden tables for schedules evaluated in an IANA time zone
//! (`Schedule::in_zone`), across daylight-saving changes.
//!
//! Every expected value is derived by hand from the zone's offsets and the
//! instants of its changes, never from the crate. The facts used, checked with
//! python's `zoneinfo` (tzdata 2025b, the release chrono-tz 0.10.4 embeds):
//!
//! | Zone | Offsets | Change (UTC) | Wall clock |
//! |---|---|---|---|
//! | Europe/Berlin | CET +01:00, CEST +02:00 | 2027-03-28 01:00 | Sun 02:00 CET -> 03:00 CEST: gap [02:00, 03:00) |
//! | | | 2027-10-31 01:00 | Sun 03:00 CEST -> 02:00 CET: fold [02:00, 03:00), first 00:00-01:00Z, again 01:00-02:00Z |
//! | America/New_York | EST -05:00, EDT -04:00 | 2027-03-14 07:00 | Sun 02:00 EST -> 03:00 EDT: gap [02:00, 03:00) |
//! | | | 2027-11-07 06:00 | Sun 02:00 EDT -> 01:00 EST: fold [01:00, 02:00), first 05:00-06:00Z, again 06:00-07:00Z |
//! | Australia/Lord_Howe | +10:30, +11:00 | 2027-04-03 15:00 | Sun 04-04 02:00 (+11) -> 01:30 (+10:30): fold [01:30, 02:00), first 14:30-15:00Z, again 15:00-15:30Z |
//! | | | 2027-10-02 15:30 | Sun 10-03 02:00 (+10:30) -> 02:30 (+11): gap [02:00, 02:30) |
//! | Pacific/Chatham | +12:45, +13:45 | 2027-04-03 14:00 | Sun 04-04 03:45 (+13:45) -> 02:45 (+12:45): fold [02:45, 03:45), first 13:00-14:00Z, again 14:00-15:00Z |
//! | | | 2027-09-25 14:00 | Sun 09-26 02:45 (+12:45) -> 03:45 (+13:45): gap [02:45, 03:45) |
//! | Asia/Kolkata | IST +05:30, no change since 1945 | | |
//!
//! Local -> UTC: subtract the offset in effect (in a gap: the offset before
//! the change, so the wall time moves forward by the gap's length; in a fold:
//! the earlier instant, i.e. the offset before the change). All the change
//! days above are Sundays (local date).
//!
//! Every test runs once per data source built in (the system's tz database
//! when it is there, the bundled one, chrono-tz's): these zones' 2027 changes
//! and Monrovia's 1972 one are the same in all of them (tzdata 2025b to
//! 2026f).

#![cfg(any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono"))]

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use std::cell::Cell;

use backup_schedule::{Interval, OffsetDrift, Schedule, Timetable, TzSource, Weekdays, Window, Zone};
use chrono::{DateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use chrono_tz::{America, Asia, Australia, Europe, Pacific};

const BERLIN: Tz = Europe::Berlin;
const NEW_YORK: Tz = America::New_York;
const LORD_HOWE: Tz = Australia::Lord_Howe;
const CHATHAM: Tz = Pacific::Chatham;
const KOLKATA: Tz = Asia::Kolkata;

thread_local! {
    /// The data source the test running on this thread reads its zones from.
    static SOURCE: Cell<TzSource> = const { Cell::new(TzSource::Bundled) };
}

/// Runs `test` once per data source there is, with [`zone`] reading that
/// source.
fn for_each_source(test: impl Fn()) {
    for source in TzSource::ALL {
        if !source.is_built_in() {
            println!("{source}: not built in, skipped");
            continue;
        }
        if source == TzSource::System && Zone::from_source("UTC", source).is_err() {
            println!("{source}: no system tz database here, skipped");
            continue;
        }
        println!("with {source} data, version {:?}", source.version());
        SOURCE.set(source);
        test();
    }
}

/// One prepared `Zone` per zone and source for the whole test binary, from
/// the source [`for_each_source`] is at.
fn zone(tz: Tz) -> &'static Zone {
    static ZONES: OnceLock<Mutex<HashMap<(TzSource, Tz), &'static Zone>>> = OnceLock::new();
    let source = SOURCE.get();
    let mut zones = ZONES.get_or_init(Default::default).lock().expect("not poisoned");
    zones.entry((source, tz)).or_insert_with(|| {
        let zone = Zone::from_source(tz.name(), source).unwrap_or_else(|err| panic!("{source}: {err}"));
        assert_eq!(zone.source(), source);
        Box::leak(Box::new(zone))
    })
}

/// `"2027-03-28T01:30:00Z"` as an instant.
fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("{s}: {e}"))
        .with_timezone(&Utc)
}

fn daily(days: Weekdays, h: u32, m: u32, s: u32) -> Schedule {
    Schedule::daily(days, NaiveTime::from_hms_opt(h, m, s).expect("valid time")).expect("whole seconds")
}

fn everyday(h: u32, m: u32) -> Schedule {
    daily(Weekdays::EVERYDAY, h, m, 0)
}

fn every(minutes: u32) -> Schedule {
    Schedule::periodic(Interval::from_minutes(minutes).expect("divides a day"))
}

const SUN: usize = 0;
const MON: usize = 1;

/// A window allowing the wall-clock hours `(day, hour)` (day 0 = Sunday).
fn window(cells: &[(usize, usize)]) -> Window {
    let mut hours = [false; 168];
    for &(day, hour) in cells {
        hours[day * 24 + hour] = true;
    }
    Window::new(&hours, 0).expect("offset 0")
}

/// A window allowing `hour` on every day.
fn daily_hour(hour: usize) -> Window {
    window(&(0..7).map(|day| (day, hour)).collect::<Vec<_>>())
}

/// A window allowing every hour but `(day, hour)`.
fn all_but(day: usize, hour: usize) -> Window {
    let mut hours = [true; 168];
    hours[day * 24 + hour] = false;
    Window::new(&hours, 0).expect("offset 0")
}

/// A run table row: `schedule` in `tz`; `upcoming(after)` starts with `runs`.
struct RunRow {
    what: &'static str,
    tz: Tz,
    schedule: Schedule,
    after: &'static str,
    runs: &'static [&'static str],
}

fn check_runs(rows: &[RunRow]) {
    let mut failures = Vec::new();
    for row in rows {
        let zoned = row.schedule.in_zone(zone(row.tz));
        let after = utc(row.after);
        let expected: Vec<_> = row.runs.iter().map(|s| utc(s)).collect();
        let got: Vec<_> = zoned.upcoming(after).take(expected.len()).collect();
        let first = zoned.next_run(after);
        if got != expected || first != expected.first().copied() {
            failures.push(format!(
                "{} ({}, {} data), after {}:\n  expected {:?}\n  got      {:?} (next_run {:?})",
                row.what,
                row.tz.name(),
                SOURCE.get(),
                row.after,
                row.runs,
                got.iter().map(|t| t.to_rfc3339()).collect::<Vec<_>>(),
                first.map(|t| t.to_rfc3339())
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Daily times in and next to the gap and the fold, no window.
#[test]
fn daily_times_across_changes() {
    for_each_source(|| {
        check_runs(&[
            // 2027-03-27 02:30 CET = 01:30Z; 03-28 02:30 is in the gap, moves forward
            // an hour to 03:30 CEST = 01:30Z; 03-29 02:30 CEST = 00:30Z.
            RunRow {
                what: "Berlin 02:30 over the spring gap",
                tz: BERLIN,
                schedule: everyday(2, 30),
                after: "2027-03-26T12:00:00Z",
                runs: &[
                    "2027-03-27T01:30:00Z",
                    "2027-03-28T01:30:00Z",
                    "2027-03-29T00:30:00Z",
                ],
            },
            // 10-31 02:30 is in the fold: once, the earlier (CEST) instant, 00:30Z, not
            // again at 02:30 CET = 01:30Z; 11-01 02:30 CET = 01:30Z.
            RunRow {
                what: "Berlin 02:30 in the autumn fold",
                tz: BERLIN,
                schedule: everyday(2, 30),
                after: "2027-10-30T12:00:00Z",
                runs: &["2027-10-31T00:30:00Z", "2027-11-01T01:30:00Z"],
            },
            // 03-28 01:59 CET = 00:59Z (before the gap); 03-29 01:59 CEST = 03-28 23:59Z:
            // two runs on one UTC date.
            RunRow {
                what: "Berlin 01:59, the minute before the gap",
                tz: BERLIN,
                schedule: everyday(1, 59),
                after: "2027-03-27T12:00:00Z",
                runs: &["2027-03-28T00:59:00Z", "2027-03-28T23:59:00Z"],
            },
            // 03-27 03:00 CET = 02:00Z; 03-28 03:00 CEST = 01:00Z, the change itself;
            // 03-29 03:00 CEST = 01:00Z.
            RunRow {
                what: "Berlin 03:00, the end of the gap",
                tz: BERLIN,
                schedule: everyday(3, 0),
                after: "2027-03-27T00:00:00Z",
                runs: &[
                    "2027-03-27T02:00:00Z",
                    "2027-03-28T01:00:00Z",
                    "2027-03-29T01:00:00Z",
                ],
            },
            // 03-28 02:00 is the gap's first second: +1 h = 03:00 CEST = 01:00Z;
            // 03-29 02:00 CEST = 00:00Z.
            RunRow {
                what: "Berlin 02:00, the start of the gap",
                tz: BERLIN,
                schedule: everyday(2, 0),
                after: "2027-03-27T12:00:00Z",
                runs: &["2027-03-28T01:00:00Z", "2027-03-29T00:00:00Z"],
            },
            // 03-28 02:59:59 is the gap's last second: +1 h = 03:59:59 CEST = 01:59:59Z;
            // 03-29 02:59:59 CEST = 00:59:59Z.
            RunRow {
                what: "Berlin 02:59:59, the last second of the gap",
                tz: BERLIN,
                schedule: daily(Weekdays::EVERYDAY, 2, 59, 59),
                after: "2027-03-27T12:00:00Z",
                runs: &["2027-03-28T01:59:59Z", "2027-03-29T00:59:59Z"],
            },
            // 10-31 03:00 exists once, CET (at 01:00Z the clock reads 02:00 CET): 02:00Z;
            // 11-01 03:00 CET = 02:00Z.
            RunRow {
                what: "Berlin 03:00, just after the fold",
                tz: BERLIN,
                schedule: everyday(3, 0),
                after: "2027-10-30T12:00:00Z",
                runs: &["2027-10-31T02:00:00Z", "2027-11-01T02:00:00Z"],
            },
            // 10-31 02:00 is the fold's first second: earlier = CEST = 00:00Z;
            // 11-01 02:00 CET = 01:00Z.
            RunRow {
                what: "Berlin 02:00, the start of the fold",
                tz: BERLIN,
                schedule: everyday(2, 0),
                after: "2027-10-30T12:00:00Z",
                runs: &["2027-10-31T00:00:00Z", "2027-11-01T01:00:00Z"],
            },
            // 10-31 01:59 CEST = 10-30 23:59Z; 11-01 01:59 CET = 00:59Z.
            RunRow {
                what: "Berlin 01:59, the minute before the fold",
                tz: BERLIN,
                schedule: everyday(1, 59),
                after: "2027-10-30T12:00:00Z",
                runs: &["2027-10-30T23:59:00Z", "2027-11-01T00:59:00Z"],
            },
            // 03-13 02:30 EST = 07:30Z; 03-14 02:30 in the gap -> 03:30 EDT = 07:30Z;
            // 03-15 02:30 EDT = 06:30Z.
            RunRow {
                what: "New York 02:30 over the spring gap",
                tz: NEW_YORK,
                schedule: everyday(2, 30),
                after: "2027-03-12T12:00:00Z",
                runs: &[
                    "2027-03-13T07:30:00Z",
                    "2027-03-14T07:30:00Z",
                    "2027-03-15T06:30:00Z",
                ],
            },
            // 11-06 01:30 EDT = 05:30Z; 11-07 01:30 in the fold -> EDT = 05:30Z (not
            // 06:30Z too); 11-08 01:30 EST = 06:30Z.
            RunRow {
                what: "New York 01:30 in the autumn fold",
                tz: NEW_YORK,
                schedule: everyday(1, 30),
                after: "2027-11-06T00:00:00Z",
                runs: &[
                    "2027-11-06T05:30:00Z",
                    "2027-11-07T05:30:00Z",
                    "2027-11-08T06:30:00Z",
                ],
            },
            // Sundays are local Sundays: Sun 03-07 21:00 EST = Mon 03-08 02:00Z;
            // Sun 03-14 21:00 EDT = Mon 03-15 01:00Z.
            RunRow {
                what: "New York Sundays 21:00 (UTC Mondays)",
                tz: NEW_YORK,
                schedule: daily(Weekdays::only(Weekday::Sun), 21, 0, 0),
                after: "2027-03-06T00:00:00Z",
                runs: &["2027-03-08T02:00:00Z", "2027-03-15T01:00:00Z"],
            },
            // 10-02 02:15 (+10:30) = 10-01 15:45Z; 10-03 02:15 in the 30-minute gap ->
            // 02:45 (+11) = 10-02 15:45Z; 10-04 02:15 (+11) = 10-03 15:15Z.
            RunRow {
                what: "Lord Howe 02:15 over the 30-minute gap",
                tz: LORD_HOWE,
                schedule: everyday(2, 15),
                after: "2027-10-01T00:00:00Z",
                runs: &[
                    "2027-10-01T15:45:00Z",
                    "2027-10-02T15:45:00Z",
                    "2027-10-03T15:15:00Z",
                ],
            },
            // 04-03 01:45 (+11) = 04-02 14:45Z; 04-04 01:45 in the 30-minute fold ->
            // earlier (+11) = 04-03 14:45Z; 04-05 01:45 (+10:30) = 04-04 15:15Z.
            RunRow {
                what: "Lord Howe 01:45 in the 30-minute fold",
                tz: LORD_HOWE,
                schedule: everyday(1, 45),
                after: "2027-04-02T00:00:00Z",
                runs: &[
                    "2027-04-02T14:45:00Z",
                    "2027-04-03T14:45:00Z",
                    "2027-04-04T15:15:00Z",
                ],
            },
            // 10-03 02:00 in the gap -> 02:30 (+11) = 10-02 15:30Z, the change;
            // 10-04 02:00 (+11) = 10-03 15:00Z.
            RunRow {
                what: "Lord Howe 02:00, the start of the gap",
                tz: LORD_HOWE,
                schedule: everyday(2, 0),
                after: "2027-10-02T00:00:00Z",
                runs: &["2027-10-02T15:30:00Z", "2027-10-03T15:00:00Z"],
            },
            // 10-03 02:30 (+11) exists: 10-02 15:30Z, the same instant as 02:00's;
            // 10-04 02:30 (+11) = 10-03 15:30Z.
            RunRow {
                what: "Lord Howe 02:30, the end of the gap",
                tz: LORD_HOWE,
                schedule: everyday(2, 30),
                after: "2027-10-02T00:00:00Z",
                runs: &["2027-10-02T15:30:00Z", "2027-10-03T15:30:00Z"],
            },
            // 09-25 03:00 (+12:45) = 09-24 14:15Z; 09-26 03:00 in the gap -> 04:00
            // (+13:45) = 09-25 14:15Z; 09-27 03:00 (+13:45) = 09-26 13:15Z.
            RunRow {
                what: "Chatham 03:00 over the spring gap",
                tz: CHATHAM,
                schedule: everyday(3, 0),
                after: "2027-09-24T00:00:00Z",
                runs: &[
                    "2027-09-24T14:15:00Z",
                    "2027-09-25T14:15:00Z",
                    "2027-09-26T13:15:00Z",
                ],
            },
            // 04-03 03:00 (+13:45) = 04-02 13:15Z; 04-04 03:00 in the fold -> earlier
            // (+13:45) = 04-03 13:15Z; 04-05 03:00 (+12:45) = 04-04 14:15Z.
            RunRow {
                what: "Chatham 03:00 in the autumn fold",
                tz: CHATHAM,
                schedule: everyday(3, 0),
                after: "2027-04-02T00:00:00Z",
                runs: &[
                    "2027-04-02T13:15:00Z",
                    "2027-04-03T13:15:00Z",
                    "2027-04-04T14:15:00Z",
                ],
            },
            // Mondays are local Mondays: Mon 09-20 00:30 (+12:45) = Sun 09-19 11:45Z;
            // Mon 09-27 00:30 (+13:45) = Sun 09-26 10:45Z.
            RunRow {
                what: "Chatham Mondays 00:30 (UTC Sundays)",
                tz: CHATHAM,
                schedule: daily(Weekdays::only(Weekday::Mon), 0, 30, 0),
                after: "2027-09-15T00:00:00Z",
                runs: &["2027-09-19T11:45:00Z", "2027-09-26T10:45:00Z"],
            },
        ]);
    });
}

/// Periodic grids across both changes, no window: grid points in a gap are
/// skipped, those in a fold run twice.
#[test]
fn periodic_grids_across_changes() {
    for_each_source(|| {
        check_runs(&[
            // 01:45 CET = 00:45Z; 02:00-02:45 do not exist; 03:00 CEST = 01:00Z, 03:15 =
            // 01:15Z, 03:30 = 01:30Z. The gap is a whole number of intervals, so the
            // real spacing stays 15 minutes.
            RunRow {
                what: "Berlin every 15 min, spring",
                tz: BERLIN,
                schedule: every(15),
                after: "2027-03-28T00:30:00Z",
                runs: &[
                    "2027-03-28T00:45:00Z",
                    "2027-03-28T01:00:00Z",
                    "2027-03-28T01:15:00Z",
                    "2027-03-28T01:30:00Z",
                ],
            },
            // 02:45 CEST = 00:45Z, then 02:00 CET = 01:00Z, 02:15 CET = 01:15Z, 02:30 CET =
            // 01:30Z: the fold's points run a second time, 15 real minutes apart.
            RunRow {
                what: "Berlin every 15 min, autumn",
                tz: BERLIN,
                schedule: every(15),
                after: "2027-10-31T00:30:00Z",
                runs: &[
                    "2027-10-31T00:45:00Z",
                    "2027-10-31T01:00:00Z",
                    "2027-10-31T01:15:00Z",
                    "2027-10-31T01:30:00Z",
                ],
            },
            // 01:00 CET = 00:00Z; 02:00 skipped; 03:00 CEST = 01:00Z; 04:00 CEST = 02:00Z.
            RunRow {
                what: "Berlin hourly, spring",
                tz: BERLIN,
                schedule: every(60),
                after: "2027-03-27T23:30:00Z",
                runs: &[
                    "2027-03-28T00:00:00Z",
                    "2027-03-28T01:00:00Z",
                    "2027-03-28T02:00:00Z",
                ],
            },
            // 02:00 CEST = 00:00Z, 02:00 CET = 01:00Z (twice), 03:00 CET = 02:00Z.
            RunRow {
                what: "Berlin hourly, autumn",
                tz: BERLIN,
                schedule: every(60),
                after: "2027-10-30T23:30:00Z",
                runs: &[
                    "2027-10-31T00:00:00Z",
                    "2027-10-31T01:00:00Z",
                    "2027-10-31T02:00:00Z",
                ],
            },
            // Grid 00:00, 08:00, 16:00 local. 03-27 16:00 CET = 15:00Z; 03-28 00:00 CET =
            // 03-27 23:00Z; 08:00 CEST = 06:00Z (7 real hours later); 16:00 CEST = 14:00Z.
            RunRow {
                what: "Berlin every 8 h, spring",
                tz: BERLIN,
                schedule: every(480),
                after: "2027-03-27T12:00:00Z",
                runs: &[
                    "2027-03-27T15:00:00Z",
                    "2027-03-27T23:00:00Z",
                    "2027-03-28T06:00:00Z",
                    "2027-03-28T14:00:00Z",
                ],
            },
            // 10-30 16:00 CEST = 14:00Z; 10-31 00:00 CEST = 10-30 22:00Z; 08:00 CET =
            // 07:00Z (9 real hours later); 16:00 CET = 15:00Z.
            RunRow {
                what: "Berlin every 8 h, autumn",
                tz: BERLIN,
                schedule: every(480),
                after: "2027-10-30T12:00:00Z",
                runs: &[
                    "2027-10-30T14:00:00Z",
                    "2027-10-30T22:00:00Z",
                    "2027-10-31T07:00:00Z",
                    "2027-10-31T15:00:00Z",
                ],
            },
            // 01:00 EST = 06:00Z; 02:00 skipped; 03:00 EDT = 07:00Z; 04:00 EDT = 08:00Z.
            RunRow {
                what: "New York hourly, spring",
                tz: NEW_YORK,
                schedule: every(60),
                after: "2027-03-14T05:30:00Z",
                runs: &[
                    "2027-03-14T06:00:00Z",
                    "2027-03-14T07:00:00Z",
                    "2027-03-14T08:00:00Z",
                ],
            },
            // 00:00 EDT = 04:00Z, 01:00 EDT = 05:00Z, 01:00 EST = 06:00Z (twice),
            // 02:00 EST = 07:00Z.
            RunRow {
                what: "New York hourly, autumn",
                tz: NEW_YORK,
                schedule: every(60),
                after: "2027-11-07T03:30:00Z",
                runs: &[
                    "2027-11-07T04:00:00Z",
                    "2027-11-07T05:00:00Z",
                    "2027-11-07T06:00:00Z",
                    "2027-11-07T07:00:00Z",
                ],
            },
            // 00:00 EST = 05:00Z; 08:00 EDT = 12:00Z (7 h); 16:00 EDT = 20:00Z;
            // 03-15 00:00 EDT = 04:00Z.
            RunRow {
                what: "New York every 8 h, spring",
                tz: NEW_YORK,
                schedule: every(480),
                after: "2027-03-14T00:00:00Z",
                runs: &[
                    "2027-03-14T05:00:00Z",
                    "2027-03-14T12:00:00Z",
                    "2027-03-14T20:00:00Z",
                    "2027-03-15T04:00:00Z",
                ],
            },
            // 00:00 EDT = 04:00Z; 08:00 EST = 13:00Z (9 h); 16:00 EST = 21:00Z;
            // 11-08 00:00 EST = 05:00Z.
            RunRow {
                what: "New York every 8 h, autumn",
                tz: NEW_YORK,
                schedule: every(480),
                after: "2027-11-07T00:00:00Z",
                runs: &[
                    "2027-11-07T04:00:00Z",
                    "2027-11-07T13:00:00Z",
                    "2027-11-07T21:00:00Z",
                    "2027-11-08T05:00:00Z",
                ],
            },
            // 00:00 (+10:30) = 10-02 13:30Z; 01:00 = 14:30Z; 02:00 in the gap, skipped;
            // 03:00 (+11) = 16:00Z (90 real minutes after 01:00); 04:00 = 17:00Z.
            RunRow {
                what: "Lord Howe hourly, spring (30-minute gap)",
                tz: LORD_HOWE,
                schedule: every(60),
                after: "2027-10-02T13:00:00Z",
                runs: &[
                    "2027-10-02T13:30:00Z",
                    "2027-10-02T14:30:00Z",
                    "2027-10-02T16:00:00Z",
                    "2027-10-02T17:00:00Z",
                ],
            },
            // 00:00 (+11) = 04-03 13:00Z; 01:00 (+11) = 14:00Z; 02:00 is after the fold
            // [01:30, 02:00), once: (+10:30) = 15:30Z (90 real minutes after 01:00);
            // 03:00 (+10:30) = 16:30Z.
            RunRow {
                what: "Lord Howe hourly, autumn (30-minute fold)",
                tz: LORD_HOWE,
                schedule: every(60),
                after: "2027-04-03T12:30:00Z",
                runs: &[
                    "2027-04-03T13:00:00Z",
                    "2027-04-03T14:00:00Z",
                    "2027-04-03T15:30:00Z",
                    "2027-04-03T16:30:00Z",
                ],
            },
            // 01:30 (+11) = 14:30Z, 01:45 (+11) = 14:45Z, then the fold again: 01:30
            // (+10:30) = 15:00Z, 01:45 = 15:15Z, 02:00 = 15:30Z: every 15 real minutes.
            RunRow {
                what: "Lord Howe every 15 min, autumn",
                tz: LORD_HOWE,
                schedule: every(15),
                after: "2027-04-03T14:20:00Z",
                runs: &[
                    "2027-04-03T14:30:00Z",
                    "2027-04-03T14:45:00Z",
                    "2027-04-03T15:00:00Z",
                    "2027-04-03T15:15:00Z",
                    "2027-04-03T15:30:00Z",
                ],
            },
            // 01:45 (+10:30) = 15:15Z; 02:00 and 02:15 in the gap; 02:30 (+11) = 15:30Z;
            // 02:45 = 15:45Z.
            RunRow {
                what: "Lord Howe every 15 min, spring",
                tz: LORD_HOWE,
                schedule: every(15),
                after: "2027-10-02T15:00:00Z",
                runs: &[
                    "2027-10-02T15:15:00Z",
                    "2027-10-02T15:30:00Z",
                    "2027-10-02T15:45:00Z",
                ],
            },
            // 00:00 (+11) = 04-03 13:00Z; 08:00 (+10:30) = 21:30Z (8.5 real hours);
            // 16:00 (+10:30) = 04-04 05:30Z.
            RunRow {
                what: "Lord Howe every 8 h, autumn",
                tz: LORD_HOWE,
                schedule: every(480),
                after: "2027-04-03T12:00:00Z",
                runs: &[
                    "2027-04-03T13:00:00Z",
                    "2027-04-03T21:30:00Z",
                    "2027-04-04T05:30:00Z",
                ],
            },
            // 02:30 (+12:45) = 13:45Z; 02:45, 03:00, 03:15, 03:30 in the gap; 03:45
            // (+13:45) = 14:00Z; 04:00 = 14:15Z.
            RunRow {
                what: "Chatham every 15 min, spring",
                tz: CHATHAM,
                schedule: every(15),
                after: "2027-09-25T13:30:00Z",
                runs: &[
                    "2027-09-25T13:45:00Z",
                    "2027-09-25T14:00:00Z",
                    "2027-09-25T14:15:00Z",
                ],
            },
            // 01:00 (+12:45) = 12:15Z, 02:00 = 13:15Z; 03:00 in the gap, skipped; 04:00
            // (+13:45) = 14:15Z; 05:00 = 15:15Z.
            RunRow {
                what: "Chatham hourly, spring",
                tz: CHATHAM,
                schedule: every(60),
                after: "2027-09-25T12:00:00Z",
                runs: &[
                    "2027-09-25T12:15:00Z",
                    "2027-09-25T13:15:00Z",
                    "2027-09-25T14:15:00Z",
                    "2027-09-25T15:15:00Z",
                ],
            },
            // 01:00 (+13:45) = 11:15Z, 02:00 = 12:15Z, 03:00 = 13:15Z; 03:00 again
            // (+12:45) = 14:15Z; 04:00 (+12:45) = 15:15Z.
            RunRow {
                what: "Chatham hourly, autumn",
                tz: CHATHAM,
                schedule: every(60),
                after: "2027-04-03T11:00:00Z",
                runs: &[
                    "2027-04-03T11:15:00Z",
                    "2027-04-03T12:15:00Z",
                    "2027-04-03T13:15:00Z",
                    "2027-04-03T14:15:00Z",
                    "2027-04-03T15:15:00Z",
                ],
            },
        ]);
    });
}

/// Triggers held to a window across a change: deferral and coalescing.
#[test]
fn deferral_across_changes() {
    for_each_source(|| {
        check_runs(&[
            // Window 03:00-04:00 every day, daily 01:30. 03-13: 01:30 EST = 06:30Z waits
            // for 03:00 EST = 08:00Z. 03-14: 01:30 EST = 06:30Z waits for 03:00 EDT =
            // 07:00Z (30 real minutes). 03-15: 01:30 EDT = 05:30Z -> 03:00 EDT = 07:00Z.
            RunRow {
                what: "New York deferral over the spring gap",
                tz: NEW_YORK,
                schedule: everyday(1, 30).with_window(daily_hour(3)),
                after: "2027-03-12T12:00:00Z",
                runs: &[
                    "2027-03-13T08:00:00Z",
                    "2027-03-14T07:00:00Z",
                    "2027-03-15T07:00:00Z",
                ],
            },
            // 11-06: 01:30 EDT = 05:30Z -> 03:00 EDT = 07:00Z. 11-07: 01:30 EDT (earlier)
            // = 05:30Z waits for 03:00 EST = 08:00Z (2.5 real hours). 11-08: 01:30 EST =
            // 06:30Z -> 03:00 EST = 08:00Z.
            RunRow {
                what: "New York deferral over the autumn fold",
                tz: NEW_YORK,
                schedule: everyday(1, 30).with_window(daily_hour(3)),
                after: "2027-11-06T00:00:00Z",
                runs: &[
                    "2027-11-06T07:00:00Z",
                    "2027-11-07T08:00:00Z",
                    "2027-11-08T08:00:00Z",
                ],
            },
            // Window Sunday 03:00-05:00 only, daily 01:30. Every trigger of the week
            // (Saturday's, 03-27 01:30 CET = 00:30Z, is before `after` and still waiting)
            // waits for Sunday 03:00 CEST = 03-28 01:00Z, the change itself; one run.
            // Then 04-04 03:00 CEST = 01:00Z.
            RunRow {
                what: "Berlin: the week's triggers coalesce at the spring change",
                tz: BERLIN,
                schedule: everyday(1, 30).with_window(window(&[(SUN, 3), (SUN, 4)])),
                after: "2027-03-27T12:00:00Z",
                runs: &["2027-03-28T01:00:00Z", "2027-04-04T01:00:00Z"],
            },
            // Hourly, window all but Sunday 02:00-03:00. 01:00 CEST = 10-30 23:00Z runs;
            // 02:00 CEST (00:00Z) and 02:00 CET (01:00Z) are both in the closed repeated
            // hour and wait for 03:00 CET = 02:00Z, itself a trigger: one run; then
            // 04:00 CET = 03:00Z.
            RunRow {
                what: "Berlin hourly, the repeated hour closed both times",
                tz: BERLIN,
                schedule: every(60).with_window(all_but(SUN, 2)),
                after: "2027-10-30T22:30:00Z",
                runs: &[
                    "2027-10-30T23:00:00Z",
                    "2027-10-31T02:00:00Z",
                    "2027-10-31T03:00:00Z",
                ],
            },
            // Every 30 min, window Sunday 02:00-03:00 only. On 10-03 hour 2 exists from
            // 02:30 (+11) = 10-02 15:30Z to 03:00 (+11) = 16:00Z: the waiting triggers and
            // the 02:30 trigger run at 15:30Z; 03:00's (16:00Z) waits a week for 10-10
            // 02:00 (+11) = 10-09 15:00Z (also a trigger); then 02:30 = 15:30Z.
            RunRow {
                what: "Lord Howe every 30 min, window hour cut by the gap",
                tz: LORD_HOWE,
                schedule: every(30).with_window(window(&[(SUN, 2)])),
                after: "2027-10-02T12:00:00Z",
                runs: &[
                    "2027-10-02T15:30:00Z",
                    "2027-10-09T15:00:00Z",
                    "2027-10-09T15:30:00Z",
                ],
            },
            // Daily 03:00, window Sunday 03:00-04:00 only. Saturday 04-03 03:00 (+13:45) =
            // 04-02 13:15Z waits for Sunday 03:00, which is in the fold: first at (+13:45)
            // = 04-03 13:15Z, also Sunday's own trigger (the earlier instant): one run.
            // The next Sunday 04-11 03:00 (+12:45) = 04-10 14:15Z.
            RunRow {
                what: "Chatham daily 03:00, window Sunday 03:00 in the fold",
                tz: CHATHAM,
                schedule: everyday(3, 0).with_window(window(&[(SUN, 3)])),
                after: "2027-04-03T00:00:00Z",
                runs: &["2027-04-03T13:15:00Z", "2027-04-10T14:15:00Z"],
            },
            // Every 15 min, window Sunday 03:00-04:00. 03:30 (+13:45) = 13:45Z is open.
            // At 14:00Z the clock falls back to 02:45 (+12:45): closed; that trigger waits
            // for 03:00 (+12:45) = 14:15Z, itself a trigger: one run; then 14:30Z.
            RunRow {
                what: "Chatham every 15 min, window hour left and re-entered in the fold",
                tz: CHATHAM,
                schedule: every(15).with_window(window(&[(SUN, 3)])),
                after: "2027-04-03T13:40:00Z",
                runs: &[
                    "2027-04-03T13:45:00Z",
                    "2027-04-03T14:15:00Z",
                    "2027-04-03T14:30:00Z",
                ],
            },
        ]);
    });
}

/// The edges of the zoned fast path, which answers with the fixed-offset
/// schedule on a span's wall clock when the run, the triggers it serves and
/// the closed stretch a trigger may wait in lie in the span, a day or more
/// after its change: a trigger waiting since before the change in a closed
/// stretch longer than a day, queried more than a day after the change; a
/// stretch closed since before the change whose run comes from a trigger
/// after the query; a run that the span's wall clock puts exactly at the
/// next change; the fold's repeated time on the day of the change.
#[test]
fn fast_path_edges_across_changes() {
    // Berlin, every hour open but Sunday 01:00-02:00 and Sunday 03:00 to
    // Monday 06:00; on 2027-03-28 the gap removes the open hour 02:00 between.
    let mut cells = Vec::new();
    for day in 0..7 {
        for hour in 0..24 {
            let closed = (day == SUN && (hour == 1 || hour >= 3)) || (day == MON && hour < 6);
            if !closed {
                cells.push((day, hour));
            }
        }
    }
    let long_closed = window(&cells);
    let sunday_night_closed = {
        let mut hours = [true; 168];
        for hour in 0..3 {
            hours[SUN * 24 + hour] = false;
        }
        Window::new(&hours, 0).expect("offset 0")
    };
    for_each_source(|| {
        check_runs(&[
            // Sunday 03-28 01:30 CET = 00:30Z is closed (hour 01); 02:00 CET does not
            // exist, 01:00Z reads 03:00 CEST (closed): it waits for Monday 06:00 CEST =
            // 03-29 04:00Z. Asked on Monday 02:00Z (04:00 CEST), 25 hours after the
            // change, that trigger is still waiting: the answer reaches back before
            // the change. (On the CEST wall clock alone the stretch would begin at
            // Sunday 03:00 with no trigger in it: next Sunday 02:00.) Then 04-04 01:30
            // CEST = 04-03 23:30Z waits for 02:00 CEST = 04-04 00:00Z.
            RunRow {
                what: "Berlin: a trigger waiting since before the change, asked a day after it",
                tz: BERLIN,
                schedule: daily(Weekdays::SUNDAY, 1, 30, 0).with_window(long_closed),
                after: "2027-03-29T02:00:00Z",
                runs: &["2027-03-29T04:00:00Z", "2027-04-04T00:00:00Z"],
            },
            RunRow {
                what: "Berlin: the same, asked exactly a day after the change",
                tz: BERLIN,
                schedule: daily(Weekdays::SUNDAY, 1, 30, 0).with_window(long_closed),
                after: "2027-03-29T01:00:00Z",
                runs: &["2027-03-29T04:00:00Z", "2027-04-04T00:00:00Z"],
            },
            // Daily 05:30: Monday 05:30 CEST = 03:30Z comes before the opening at 06:00
            // CEST = 04:00Z and runs there (as Sunday's 05:30 CEST waiting since
            // 03:30Z would); Tuesday 05:30 CEST = 03-30 03:30Z is open.
            RunRow {
                what: "Berlin: closed since before the change, the next trigger before the opening",
                tz: BERLIN,
                schedule: everyday(5, 30).with_window(long_closed),
                after: "2027-03-29T02:00:00Z",
                runs: &["2027-03-29T04:00:00Z", "2027-03-30T03:30:00Z"],
            },
            // Sunday 10-31 01:30 CEST = 10-30 23:30Z waits (hours 00-02 closed). On the
            // CEST wall clock it would run at 03:00 CEST = 01:00Z, the change itself;
            // but 01:00Z reads 02:00 CET, the repeated hour, closed again: 03:00 CET =
            // 02:00Z. Next Sunday 11-07 01:30 CET = 00:30Z waits for 03:00 CET = 02:00Z.
            RunRow {
                what: "Berlin: a run the wall clock puts exactly at the autumn change",
                tz: BERLIN,
                schedule: daily(Weekdays::SUNDAY, 1, 30, 0).with_window(sunday_night_closed),
                after: "2027-10-30T23:45:00Z",
                runs: &["2027-10-31T02:00:00Z", "2027-11-07T02:00:00Z"],
            },
            // Daily 02:30 ran once in the fold, at 00:30Z (CEST); on the CET wall clock
            // 02:30 CET = 01:30Z would be one more. Asked from the change (01:00Z) to
            // a second before that, the next is 11-01 02:30 CET = 01:30Z.
            RunRow {
                what: "Berlin: asked at the autumn change, the fold's time is not repeated",
                tz: BERLIN,
                schedule: everyday(2, 30),
                after: "2027-10-31T01:00:00Z",
                runs: &["2027-11-01T01:30:00Z"],
            },
            RunRow {
                what: "Berlin: asked a second before the fold's repeated time",
                tz: BERLIN,
                schedule: everyday(2, 30),
                after: "2027-10-31T01:29:59Z",
                runs: &["2027-11-01T01:30:00Z"],
            },
        ]);
    });
}

/// Time-of-day triggers asked within the change's own length after it and
/// just past it (the fast path answers them from the change plus its
/// length on): the gap's last shifted second, the fold's last repeated one.
#[test]
fn daily_fast_path_after_the_change_length() {
    for_each_source(|| {
        check_runs(&[
            // 03-28 02:59:59 CET does not exist (gap [02:00, 03:00)): moved forward
            // an hour, 03:59:59 CEST = 01:59:59Z, a second after the query (the
            // CEST wall clock alone reads 03:59:58 and would answer the next day).
            // 03-29 02:59:59 CEST = 00:59:59Z.
            RunRow {
                what: "Berlin: the gap's last shifted second, asked a second before it",
                tz: BERLIN,
                schedule: daily(Weekdays::EVERYDAY, 2, 59, 59),
                after: "2027-03-28T01:59:58Z",
                runs: &["2027-03-28T01:59:59Z", "2027-03-29T00:59:59Z"],
            },
            // 02:00Z = 04:00 CEST, an hour (the gap's length) after the change.
            RunRow {
                what: "Berlin: daily, asked the gap's length after the spring change",
                tz: BERLIN,
                schedule: daily(Weekdays::EVERYDAY, 2, 59, 59),
                after: "2027-03-28T02:00:00Z",
                runs: &["2027-03-29T00:59:59Z", "2027-03-30T00:59:59Z"],
            },
            // 10-31 02:59:58 happened first at 00:59:58Z (CEST) and not again at
            // 02:59:58 CET = 01:59:58Z, which the CET wall clock alone would give
            // for a query a second before it. 11-01 02:59:58 CET = 01:59:58Z.
            RunRow {
                what: "Berlin: the fold's last repeated seconds, asked before them",
                tz: BERLIN,
                schedule: daily(Weekdays::EVERYDAY, 2, 59, 58),
                after: "2027-10-31T01:59:57Z",
                runs: &["2027-11-01T01:59:58Z"],
            },
            // Lord Howe, 04-03 15:00Z: +11 -> +10:30, wall [01:30, 02:00) repeated.
            // Sunday 04-04 01:45 happened at 14:45Z (+11) only; 15:14:59Z reads
            // 01:44:59 (+10:30), and that clock alone would answer 01:45 = 15:15Z.
            // Next: 04-05 01:45 (+10:30) = 04-04 15:15Z, then 04-05 15:15Z.
            RunRow {
                what: "Lord Howe: the half-hour fold's repeated time, asked in it",
                tz: LORD_HOWE,
                schedule: daily(Weekdays::EVERYDAY, 1, 45, 0),
                after: "2027-04-03T15:14:59Z",
                runs: &["2027-04-04T15:15:00Z", "2027-04-05T15:15:00Z"],
            },
            // 15:30Z reads 02:00 (+10:30), the fold's length after the change.
            RunRow {
                what: "Lord Howe: daily, asked the fold's length after it",
                tz: LORD_HOWE,
                schedule: daily(Weekdays::EVERYDAY, 1, 45, 0),
                after: "2027-04-03T15:30:00Z",
                runs: &["2027-04-04T15:15:00Z"],
            },
        ]);
    });
}

/// Runs that the wall clock of the query's span puts past the span's end
/// (the first run from the change on, read on both wall clocks), and queries
/// after a change whose closed stretch began before it.
#[test]
fn runs_across_the_change() {
    let business_hours: Window = "Mon-Fri 08:00-18:00".parse().expect("window text");
    // Every hour but Saturday's and Sunday's first three.
    let closed_saturday = window(
        &(0..7)
            .flat_map(|day| (0..24).map(move |hour| (day, hour)))
            .filter(|&(day, hour)| day != 6 && (day, hour) >= (SUN, 3))
            .collect::<Vec<_>>(),
    );
    for_each_source(|| {
        check_runs(&[
            // Friday 03-26 23:00Z is Saturday 00:00 CET; Monday 22:00 CEST = 03-29
            // 20:00Z, Tuesday 22:00 CEST = 03-30 20:00Z (the CET wall clock alone:
            // 21:00Z).
            RunRow {
                what: "Berlin: workdays 22:00 asked the night before the spring change",
                tz: BERLIN,
                schedule: daily(Weekdays::WORKDAYS, 22, 0, 0),
                after: "2027-03-26T23:00:00Z",
                runs: &["2027-03-29T20:00:00Z", "2027-03-30T20:00:00Z"],
            },
            // Saturday 03-27 02:00Z = 03:00 CET; Sunday 02:30 is in the gap, moved to
            // 03:30 CEST = 01:30Z (the CEST wall clock's next 02:30 is Monday's, 03-29
            // 00:30Z).
            RunRow {
                what: "Berlin: daily 02:30 asked the day before, the gap's shifted time next",
                tz: BERLIN,
                schedule: everyday(2, 30),
                after: "2027-03-27T02:00:00Z",
                runs: &["2027-03-28T01:30:00Z", "2027-03-29T00:30:00Z"],
            },
            // Autumn, Sunday 10-31 00:45Z = 02:45 CEST (the fold's first pass, after
            // 02:30 CEST = 00:30Z). 02:30 CET = 01:30Z is the repeated wall time, not
            // a run; Monday 02:30 CET = 11-01 01:30Z is.
            RunRow {
                what: "Berlin: daily 02:30 asked in the fold's first pass, after its run",
                tz: BERLIN,
                schedule: everyday(2, 30),
                after: "2027-10-31T00:45:00Z",
                runs: &["2027-11-01T01:30:00Z", "2027-11-02T01:30:00Z"],
            },
            // Business hours close Friday 18:00 CET = 03-26 17:00Z and open Monday
            // 08:00 CEST = 03-29 06:00Z; a quarter-hour trigger waits for it, then
            // 08:15 CEST = 06:15Z.
            RunRow {
                what: "Berlin: every 15 minutes, business hours, asked on the Saturday",
                tz: BERLIN,
                schedule: every(15).with_window(business_hours),
                after: "2027-03-27T12:00:00Z",
                runs: &["2027-03-29T06:00:00Z", "2027-03-29T06:15:00Z"],
            },
            // Friday 22:00 CET = 03-26 21:00Z waits (closed) for Monday 08:00 CEST =
            // 06:00Z; Monday 22:00 CEST waits for Tuesday 08:00 CEST = 03-30 06:00Z.
            // Asked on Saturday (before the change) and on Sunday (after it; on the
            // CEST wall clock the Friday trigger is 22:00 CEST = 20:00Z, before the
            // change).
            RunRow {
                what: "Berlin: a Friday trigger waiting across the change, asked Saturday",
                tz: BERLIN,
                schedule: daily(Weekdays::WORKDAYS, 22, 0, 0).with_window(business_hours),
                after: "2027-03-27T12:00:00Z",
                runs: &["2027-03-29T06:00:00Z", "2027-03-30T06:00:00Z"],
            },
            RunRow {
                what: "Berlin: a Friday trigger waiting across the change, asked Sunday",
                tz: BERLIN,
                schedule: daily(Weekdays::WORKDAYS, 22, 0, 0).with_window(business_hours),
                after: "2027-03-28T12:00:00Z",
                runs: &["2027-03-29T06:00:00Z", "2027-03-30T06:00:00Z"],
            },
            // Sunday 03:30 CEST = 03-28 01:30Z waits for Monday 08:00 CEST = 06:00Z;
            // Saturday 04-03 03:30 CEST waits for Monday 04-05 06:00Z.
            RunRow {
                what: "Berlin: weekends 03:30, business hours, asked after Sunday's trigger",
                tz: BERLIN,
                schedule: daily(Weekdays::WEEKENDS, 3, 30, 0).with_window(business_hours),
                after: "2027-03-28T05:00:00Z",
                runs: &["2027-03-29T06:00:00Z", "2027-04-05T06:00:00Z"],
            },
            // Saturday 03:30 CET = 03-27 02:30Z comes before the change and waits
            // (closed) for Monday 08:00 CEST = 03-29 06:00Z; Saturday 04-03 03:30
            // CEST for Monday 04-05 06:00Z. Asked on the Wednesday before (the
            // trigger after the query) and on the Saturday after the trigger
            // (waiting since before the query).
            RunRow {
                what: "Berlin: weekends 03:30, business hours, asked the Wednesday before",
                tz: BERLIN,
                schedule: daily(Weekdays::WEEKENDS, 3, 30, 0).with_window(business_hours),
                after: "2027-03-24T12:00:00Z",
                runs: &["2027-03-29T06:00:00Z", "2027-04-05T06:00:00Z"],
            },
            RunRow {
                what: "Berlin: weekends 03:30, business hours, asked Saturday after its trigger",
                tz: BERLIN,
                schedule: daily(Weekdays::WEEKENDS, 3, 30, 0).with_window(business_hours),
                after: "2027-03-27T12:00:00Z",
                runs: &["2027-03-29T06:00:00Z", "2027-04-05T06:00:00Z"],
            },
            // Autumn: Saturday 10-30 03:30 CEST = 01:30Z waits for Monday 11-01 08:00
            // CET = 07:00Z (the change is 10-31 01:00Z); then 11-08 07:00Z.
            RunRow {
                what: "Berlin: weekends 03:30, business hours, asked the Wednesday before the fold",
                tz: BERLIN,
                schedule: daily(Weekdays::WEEKENDS, 3, 30, 0).with_window(business_hours),
                after: "2027-10-27T12:00:00Z",
                runs: &["2027-11-01T07:00:00Z", "2027-11-08T07:00:00Z"],
            },
            // Every 4 hours: Friday 20:00 CET = 03-26 19:00Z waits for Monday 08:00
            // CEST = 03-29 06:00Z (a grid point too); then 12:00 CEST = 10:00Z.
            RunRow {
                what: "Berlin: every 4 hours, business hours, asked Friday after closing",
                tz: BERLIN,
                schedule: every(240).with_window(business_hours),
                after: "2027-03-26T17:30:00Z",
                runs: &["2027-03-29T06:00:00Z", "2027-03-29T10:00:00Z"],
            },
            // Closed only Sunday 01:00-02:00 (wall): 01:30 CET = 03-28 00:30Z waits
            // for the change (01:00Z = 03:00 CEST, open) and runs there. From the
            // change on nothing waits: Monday 01:30 CEST = 03-28 23:30Z, then
            // 03-29 23:30Z.
            RunRow {
                what: "Berlin: daily 01:30 closed in its hour, asked a second before the change",
                tz: BERLIN,
                schedule: everyday(1, 30).with_window(all_but(SUN, 1)),
                after: "2027-03-28T00:59:59Z",
                runs: &["2027-03-28T01:00:00Z", "2027-03-28T23:30:00Z"],
            },
            RunRow {
                what: "Berlin: daily 01:30 closed in its hour, asked at the change",
                tz: BERLIN,
                schedule: everyday(1, 30).with_window(all_but(SUN, 1)),
                after: "2027-03-28T01:00:00Z",
                runs: &["2027-03-28T23:30:00Z", "2027-03-29T23:30:00Z"],
            },
            RunRow {
                what: "Berlin: daily 01:30 closed in its hour, asked 10 minutes after the change",
                tz: BERLIN,
                schedule: everyday(1, 30).with_window(all_but(SUN, 1)),
                after: "2027-03-28T01:10:00Z",
                runs: &["2027-03-28T23:30:00Z", "2027-03-29T23:30:00Z"],
            },
            // Fridays and Sundays 03:30, closed Saturday 00:00 to Sunday 03:00 (wall).
            // Friday 03-26 03:30 CET ran; nothing waits at the change (01:00Z = 03:00
            // CEST, open), so Sunday 03:30 CEST = 01:30Z runs, not the opening at the
            // change; then Friday 04-02 03:30 CEST = 01:30Z.
            RunRow {
                what: "Berlin: Fridays and Sundays 03:30, closed from Saturday to the change",
                tz: BERLIN,
                schedule: daily(Weekdays::FRIDAY | Weekdays::SUNDAY, 3, 30, 0).with_window(closed_saturday),
                after: "2027-03-27T12:00:00Z",
                runs: &["2027-03-28T01:30:00Z", "2027-04-02T01:30:00Z"],
            },
            // Nothing waits over the weekend: Monday 12:00 CEST = 03-29 10:00Z (open),
            // not the opening at 06:00Z; then 04-05 10:00Z.
            RunRow {
                what: "Berlin: Mondays 12:00, business hours, asked on the Saturday",
                tz: BERLIN,
                schedule: daily(Weekdays::MONDAY, 12, 0, 0).with_window(business_hours),
                after: "2027-03-27T12:00:00Z",
                runs: &["2027-03-29T10:00:00Z", "2027-04-05T10:00:00Z"],
            },
            RunRow {
                what: "Berlin: Mondays 12:00, business hours, asked on the Sunday",
                tz: BERLIN,
                schedule: daily(Weekdays::MONDAY, 12, 0, 0).with_window(business_hours),
                after: "2027-03-28T12:00:00Z",
                runs: &["2027-03-29T10:00:00Z", "2027-04-05T10:00:00Z"],
            },
        ]);
    });
}

/// Grids asked within the day after a change (the fast path answers them
/// from a second after the change on), and a closed stretch that begins at
/// the change on the new wall clock but earlier in the zone.
#[test]
fn grid_fast_path_from_the_change() {
    // Berlin, every hour open but Sunday 00:00-02:00 and 03:00-05:00. On
    // 2027-03-28 hour 02 does not exist (02:00 CET -> 03:00 CEST at 01:00Z),
    // so the zone is closed from 00:00 CET = 03-27 23:00Z to 05:00 CEST =
    // 03:00Z. On the CEST wall clock alone, hour 02 is open and the closed
    // stretch begins at 03:00 CEST = 01:00Z, the change itself.
    let sunday_split = {
        let mut hours = [true; 168];
        for hour in [0, 1, 3, 4] {
            hours[SUN * 24 + hour] = false;
        }
        Window::new(&hours, 0).expect("offset 0")
    };
    // Sunday 02:00-04:00 closed, 01:00 and 04:00 on open. In the zone on
    // 2027-03-28: open at 01:xx CET (00:00-01:00Z), closed 03:00-04:00 CEST
    // (01:00-02:00Z). On the CEST wall clock read back before the change,
    // 00:00-01:00Z would be hour 02, closed: a stretch from 00:00Z.
    let sunday_02_to_04 = {
        let mut hours = [true; 168];
        for hour in [2, 3] {
            hours[SUN * 24 + hour] = false;
        }
        Window::new(&hours, 0).expect("offset 0")
    };
    for_each_source(|| {
        check_runs(&[
            // Every 160 minutes (wall 00:00, 02:40, 05:20, 08:00): 02:40 does not
            // exist on 03-28 (skipped); 00:00 CET = 03-27 23:00Z ran (open). Asked
            // at 01:30Z (03:30 CEST, closed), nothing waits: 05:20 CEST = 03:20Z,
            // then 08:00 CEST = 06:00Z. The CEST wall clock alone would see 02:40 at
            // 00:40Z waiting in its stretch and answer the opening, 04:00 CEST =
            // 02:00Z.
            RunRow {
                what: "Berlin: a stretch the new wall clock reads back across the gap",
                tz: BERLIN,
                schedule: Schedule::periodic(Interval::from_minutes(160).expect("divides a day"))
                    .with_window(sunday_02_to_04),
                after: "2027-03-28T01:30:00Z",
                runs: &["2027-03-28T03:20:00Z", "2027-03-28T06:00:00Z"],
            },
            // Every hour: wall 03:00 CEST = 01:00Z is not after 01:00Z; 04:00 CEST =
            // 02:00Z, 05:00 CEST = 03:00Z.
            RunRow {
                what: "Berlin: hourly, asked at the spring change",
                tz: BERLIN,
                schedule: every(60),
                after: "2027-03-28T01:00:00Z",
                runs: &["2027-03-28T02:00:00Z", "2027-03-28T03:00:00Z"],
            },
            RunRow {
                what: "Berlin: hourly, asked a second after the spring change",
                tz: BERLIN,
                schedule: every(60),
                after: "2027-03-28T01:00:01Z",
                runs: &["2027-03-28T02:00:00Z", "2027-03-28T03:00:00Z"],
            },
            // 00:59:59Z reads 01:59:59 CET; 02:00 CET does not exist (skipped);
            // 03:00 CEST = 01:00Z.
            RunRow {
                what: "Berlin: hourly, asked a second before the spring change",
                tz: BERLIN,
                schedule: every(60),
                after: "2027-03-28T00:59:59Z",
                runs: &["2027-03-28T01:00:00Z", "2027-03-28T02:00:00Z"],
            },
            // Autumn: 01:00:01Z reads 02:00:01 CET, the repeated hour: 02:15 CET =
            // 01:15Z, 02:30 CET = 01:30Z.
            RunRow {
                what: "Berlin: every 15 minutes, asked a second after the autumn change",
                tz: BERLIN,
                schedule: every(15),
                after: "2027-10-31T01:00:01Z",
                runs: &["2027-10-31T01:15:00Z", "2027-10-31T01:30:00Z"],
            },
            // 00:50Z reads 02:50 CEST; 03:00 CEST never comes, 01:00Z reads 02:00 CET
            // (the fold's second 02:00, a grid point again), then 02:15 CET = 01:15Z.
            RunRow {
                what: "Berlin: every 15 minutes, asked before the autumn change",
                tz: BERLIN,
                schedule: every(15),
                after: "2027-10-31T00:50:00Z",
                runs: &["2027-10-31T01:00:00Z", "2027-10-31T01:15:00Z"],
            },
            // Every 4 hours from 01:00:01Z (02:00:01 CET): 04:00 CET = 03:00Z, 08:00
            // CET = 07:00Z.
            RunRow {
                what: "Berlin: every 4 hours, asked a second after the autumn change",
                tz: BERLIN,
                schedule: every(240),
                after: "2027-10-31T01:00:01Z",
                runs: &["2027-10-31T03:00:00Z", "2027-10-31T07:00:00Z"],
            },
            // Every 6 hours (wall 00, 06, 12, 18): Sunday 00:00 CET = 03-27 23:00Z
            // is closed and waits through the whole closed stretch, to 05:00 CEST =
            // 03:00Z. Asked at 01:30Z (03:30 CEST), the CEST wall clock alone sees a
            // stretch from 03:00 CEST with no trigger in it and would answer 06:00
            // CEST = 04:00Z. Then 06:00 CEST = 04:00Z (open), 12:00 CEST = 10:00Z.
            RunRow {
                what: "Berlin: a grid trigger waiting from before the change, closed across it",
                tz: BERLIN,
                schedule: every(360).with_window(sunday_split),
                after: "2027-03-28T01:30:00Z",
                runs: &[
                    "2027-03-28T03:00:00Z",
                    "2027-03-28T04:00:00Z",
                    "2027-03-28T10:00:00Z",
                ],
            },
        ]);
    });
}

/// A window table row: the window queries of a schedule with `window` in
/// `tz` at `t`.
struct WindowRow {
    what: &'static str,
    tz: Tz,
    window: Window,
    t: &'static str,
    open: bool,
    next_open: Option<&'static str>,
    next_close: Option<&'static str>,
}

/// `is_open`, `next_open`, `start_for_restore_point`, `next_close` in zones.
#[test]
fn window_queries_across_changes() {
    for_each_source(|| {
        let sunday_2 = window(&[(SUN, 2)]);
        let rows = [
            // Sunday 02:00-03:00 only. 03-28 has no 02:xx (01:59:59 CET is followed by
            // 03:00 CEST), so the window first opens 04-04 02:00 CEST = 00:00Z and
            // closes 03:00 CEST = 01:00Z.
            WindowRow {
                what: "Berlin Sunday 02:00 never opens on the spring Sunday",
                tz: BERLIN,
                window: sunday_2,
                t: "2027-03-27T12:00:00Z",
                open: false,
                next_open: Some("2027-04-04T00:00:00Z"),
                next_close: Some("2027-04-04T01:00:00Z"),
            },
            WindowRow {
                what: "Berlin 01:59:59 CET, the second before the gap",
                tz: BERLIN,
                window: sunday_2,
                t: "2027-03-28T00:59:59Z",
                open: false,
                next_open: Some("2027-04-04T00:00:00Z"),
                next_close: Some("2027-04-04T01:00:00Z"),
            },
            WindowRow {
                what: "Berlin 03:00 CEST, the change",
                tz: BERLIN,
                window: sunday_2,
                t: "2027-03-28T01:00:00Z",
                open: false,
                next_open: Some("2027-04-04T00:00:00Z"),
                next_close: Some("2027-04-04T01:00:00Z"),
            },
            // 10-31: 02:xx CEST = 00:00-01:00Z, then 02:xx CET = 01:00-02:00Z: open two
            // real hours without a break.
            WindowRow {
                what: "Berlin Sunday 02:00 before the autumn Sunday",
                tz: BERLIN,
                window: sunday_2,
                t: "2027-10-30T12:00:00Z",
                open: false,
                next_open: Some("2027-10-31T00:00:00Z"),
                next_close: Some("2027-10-31T02:00:00Z"),
            },
            WindowRow {
                what: "Berlin 02:30 CEST, first pass of the repeated hour",
                tz: BERLIN,
                window: sunday_2,
                t: "2027-10-31T00:30:00Z",
                open: true,
                next_open: Some("2027-10-31T00:30:00Z"),
                next_close: Some("2027-10-31T02:00:00Z"),
            },
            WindowRow {
                what: "Berlin 02:00 CET, second pass of the repeated hour",
                tz: BERLIN,
                window: sunday_2,
                t: "2027-10-31T01:00:00Z",
                open: true,
                next_open: Some("2027-10-31T01:00:00Z"),
                next_close: Some("2027-10-31T02:00:00Z"),
            },
            // 03:00 CET = 02:00Z: closed; next Sunday 11-07 02:00 CET = 01:00Z to 02:00Z.
            WindowRow {
                what: "Berlin 03:00 CET, after the repeated hour",
                tz: BERLIN,
                window: sunday_2,
                t: "2027-10-31T02:00:00Z",
                open: false,
                next_open: Some("2027-11-07T01:00:00Z"),
                next_close: Some("2027-11-07T02:00:00Z"),
            },
            // Sunday 01:00-02:00 only: 03-28 01:00 CET = 00:00Z; the hour ends at the change
            // (01:59:59 CET -> 03:00 CEST), 01:00Z.
            WindowRow {
                what: "Berlin window closed by the spring change",
                tz: BERLIN,
                window: window(&[(SUN, 1)]),
                t: "2027-03-28T00:30:00Z",
                open: true,
                next_open: Some("2027-03-28T00:30:00Z"),
                next_close: Some("2027-03-28T01:00:00Z"),
            },
            // Sunday 03:00-04:00 only: opens at the change (03:00 CEST = 01:00Z), closes
            // 04:00 CEST = 02:00Z.
            WindowRow {
                what: "Berlin window opened by the spring change",
                tz: BERLIN,
                window: window(&[(SUN, 3)]),
                t: "2027-03-28T00:30:00Z",
                open: false,
                next_open: Some("2027-03-28T01:00:00Z"),
                next_close: Some("2027-03-28T02:00:00Z"),
            },
            // All but Sunday 02:00-03:00: closed 10-31 00:00Z-02:00Z (both passes).
            WindowRow {
                what: "Berlin all but Sunday 02:00, before the fold",
                tz: BERLIN,
                window: all_but(SUN, 2),
                t: "2027-10-30T23:30:00Z",
                open: true,
                next_open: Some("2027-10-30T23:30:00Z"),
                next_close: Some("2027-10-31T00:00:00Z"),
            },
            WindowRow {
                what: "Berlin all but Sunday 02:00, second pass",
                tz: BERLIN,
                window: all_but(SUN, 2),
                t: "2027-10-31T01:30:00Z",
                open: false,
                next_open: Some("2027-10-31T02:00:00Z"),
                next_close: Some("2027-11-07T01:00:00Z"),
            },
            // On 03-28 the closed hour does not exist: the window stays open until
            // 04-04 02:00 CEST = 00:00Z.
            WindowRow {
                what: "Berlin all but Sunday 02:00, spring: no closing that Sunday",
                tz: BERLIN,
                window: all_but(SUN, 2),
                t: "2027-03-27T12:00:00Z",
                open: true,
                next_open: Some("2027-03-27T12:00:00Z"),
                next_close: Some("2027-04-04T00:00:00Z"),
            },
            // Sunday 01:00-02:00: 01:xx EDT = 05:00-06:00Z, 01:xx EST = 06:00-07:00Z.
            WindowRow {
                what: "New York Sunday 01:00 before the fold",
                tz: NEW_YORK,
                window: window(&[(SUN, 1)]),
                t: "2027-11-07T04:00:00Z",
                open: false,
                next_open: Some("2027-11-07T05:00:00Z"),
                next_close: Some("2027-11-07T07:00:00Z"),
            },
            WindowRow {
                what: "New York 01:30 EST, second pass",
                tz: NEW_YORK,
                window: window(&[(SUN, 1)]),
                t: "2027-11-07T06:30:00Z",
                open: true,
                next_open: Some("2027-11-07T06:30:00Z"),
                next_close: Some("2027-11-07T07:00:00Z"),
            },
            // Sunday 02:00-03:00: none on 03-14; 03-21 02:00 EDT = 06:00Z to 07:00Z.
            WindowRow {
                what: "New York Sunday 02:00 skips the spring Sunday",
                tz: NEW_YORK,
                window: sunday_2,
                t: "2027-03-13T12:00:00Z",
                open: false,
                next_open: Some("2027-03-21T06:00:00Z"),
                next_close: Some("2027-03-21T07:00:00Z"),
            },
            // Sunday 01:00-02:00: 04-04 01:00 (+11) = 04-03 14:00Z; the clock falls back
            // from 02:00 (+11) to 01:30 (+10:30) at 15:00Z, still hour 1; 02:00 (+10:30) =
            // 15:30Z closes it: 90 real minutes.
            WindowRow {
                what: "Lord Howe Sunday 01:00 stretched by the fold",
                tz: LORD_HOWE,
                window: window(&[(SUN, 1)]),
                t: "2027-04-03T12:00:00Z",
                open: false,
                next_open: Some("2027-04-03T14:00:00Z"),
                next_close: Some("2027-04-03T15:30:00Z"),
            },
            WindowRow {
                what: "Lord Howe Sunday 01:00 at the change",
                tz: LORD_HOWE,
                window: window(&[(SUN, 1)]),
                t: "2027-04-03T15:00:00Z",
                open: true,
                next_open: Some("2027-04-03T15:00:00Z"),
                next_close: Some("2027-04-03T15:30:00Z"),
            },
            // Sunday 02:00-03:00: 10-03 hour 2 starts at 02:30 (+11) = 10-02 15:30Z (the
            // change) and ends 03:00 (+11) = 16:00Z: 30 real minutes.
            WindowRow {
                what: "Lord Howe Sunday 02:00 cut by the gap",
                tz: LORD_HOWE,
                window: sunday_2,
                t: "2027-10-02T12:00:00Z",
                open: false,
                next_open: Some("2027-10-02T15:30:00Z"),
                next_close: Some("2027-10-02T16:00:00Z"),
            },
            WindowRow {
                what: "Lord Howe 01:59:59 (+10:30), a second before the gap",
                tz: LORD_HOWE,
                window: sunday_2,
                t: "2027-10-02T15:29:59Z",
                open: false,
                next_open: Some("2027-10-02T15:30:00Z"),
                next_close: Some("2027-10-02T16:00:00Z"),
            },
            // Sunday 03:00-04:00: on 09-26 only 03:45-04:00 (+13:45) exists = 09-25
            // 14:00Z-14:15Z.
            WindowRow {
                what: "Chatham Sunday 03:00, 15 minutes left by the gap",
                tz: CHATHAM,
                window: window(&[(SUN, 3)]),
                t: "2027-09-25T12:00:00Z",
                open: false,
                next_open: Some("2027-09-25T14:00:00Z"),
                next_close: Some("2027-09-25T14:15:00Z"),
            },
            // 04-04: 03:00-03:45 (+13:45) = 04-03 13:15Z-14:00Z open; at 14:00Z the clock
            // reads 02:45 (+12:45), closed until 03:00 (+12:45) = 14:15Z; open to 04:00
            // (+12:45) = 15:15Z.
            WindowRow {
                what: "Chatham Sunday 03:00 before the fold",
                tz: CHATHAM,
                window: window(&[(SUN, 3)]),
                t: "2027-04-03T13:00:00Z",
                open: false,
                next_open: Some("2027-04-03T13:15:00Z"),
                next_close: Some("2027-04-03T14:00:00Z"),
            },
            WindowRow {
                what: "Chatham Sunday 03:00, first pass",
                tz: CHATHAM,
                window: window(&[(SUN, 3)]),
                t: "2027-04-03T13:15:00Z",
                open: true,
                next_open: Some("2027-04-03T13:15:00Z"),
                next_close: Some("2027-04-03T14:00:00Z"),
            },
            WindowRow {
                what: "Chatham 02:45 (+12:45), the change, closed",
                tz: CHATHAM,
                window: window(&[(SUN, 3)]),
                t: "2027-04-03T14:00:00Z",
                open: false,
                next_open: Some("2027-04-03T14:15:00Z"),
                next_close: Some("2027-04-03T15:15:00Z"),
            },
            WindowRow {
                what: "Chatham 02:55 (+12:45), closed",
                tz: CHATHAM,
                window: window(&[(SUN, 3)]),
                t: "2027-04-03T14:10:00Z",
                open: false,
                next_open: Some("2027-04-03T14:15:00Z"),
                next_close: Some("2027-04-03T15:15:00Z"),
            },
            WindowRow {
                what: "Chatham Sunday 03:00, second pass",
                tz: CHATHAM,
                window: window(&[(SUN, 3)]),
                t: "2027-04-03T14:15:00Z",
                open: true,
                next_open: Some("2027-04-03T14:15:00Z"),
                next_close: Some("2027-04-03T15:15:00Z"),
            },
            // Monday 09:00-10:00 IST = 03:30Z-04:30Z; 03-08 00:00Z is Monday 05:30 IST.
            WindowRow {
                what: "Kolkata Monday 09:00",
                tz: KOLKATA,
                window: window(&[(MON, 9)]),
                t: "2027-03-08T00:00:00Z",
                open: false,
                next_open: Some("2027-03-08T03:30:00Z"),
                next_close: Some("2027-03-08T04:30:00Z"),
            },
        ];
        let mut failures = Vec::new();
        for row in &rows {
            let zoned = Schedule::immediate()
                .with_window(row.window)
                .in_zone(zone(row.tz));
            let t = utc(row.t);
            let got = (
                zoned.is_open(t),
                zoned.next_open(t),
                zoned.next_open(t),
                zoned.next_close(t),
            );
            let expected = (
                row.open,
                row.next_open.map(utc),
                row.next_open.map(utc),
                row.next_close.map(utc),
            );
            if got != expected {
                failures.push(format!(
                    "{} ({}, {} data) at {}: (is_open, next_open, start_for_restore_point, next_close)\n  expected {:?}\n  got      {:?}",
                    row.what,
                    row.tz.name(),
                    SOURCE.get(),
                    row.t,
                    expected,
                    got
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} rows failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    });
}

/// `runs_between` counts the repeated hour's run twice and the skipped hour's
/// not at all.
#[test]
fn runs_between_across_changes() {
    for_each_source(|| {
        let hourly = every(60);
        let berlin = zone(BERLIN);
        // [10-31 00:00Z, 02:00Z): 02:00 CEST = 00:00Z and 02:00 CET = 01:00Z.
        let fold: Vec<_> = hourly
            .in_zone(berlin)
            .runs_between(utc("2027-10-31T00:00:00Z"), utc("2027-10-31T02:00:00Z"))
            .collect();
        assert_eq!(fold, [utc("2027-10-31T00:00:00Z"), utc("2027-10-31T01:00:00Z")]);
        // Local 03-28 00:00 CET to 04:00 CEST = [03-27 23:00Z, 03-28 02:00Z): 00:00,
        // 01:00 CET, 03:00 CEST: three runs in three real hours (02:00 skipped).
        let gap: Vec<_> = hourly
            .in_zone(berlin)
            .runs_between(utc("2027-03-27T23:00:00Z"), utc("2027-03-28T02:00:00Z"))
            .collect();
        assert_eq!(
            gap,
            [
                utc("2027-03-27T23:00:00Z"),
                utc("2027-03-28T00:00:00Z"),
                utc("2027-03-28T01:00:00Z")
            ]
        );
        // A whole local day: 03-28 (23 hours) has 23 hourly runs, 10-31 (25 hours)
        // has 25. Local midnight 03-28 00:00 CET = 03-27 23:00Z, 03-29 00:00 CEST =
        // 03-28 22:00Z; 10-31 00:00 CEST = 10-30 22:00Z, 11-01 00:00 CET = 10-31 23:00Z.
        let day = |from: &str, to: &str| hourly.in_zone(berlin).runs_between(utc(from), utc(to)).count();
        assert_eq!(day("2027-03-27T23:00:00Z", "2027-03-28T22:00:00Z"), 23);
        assert_eq!(day("2027-10-30T22:00:00Z", "2027-10-31T23:00:00Z"), 25);
        // Every 15 minutes: 92 and 100 runs.
        let quarter = every(15);
        let count = |from: &str, to: &str| quarter.in_zone(berlin).runs_between(utc(from), utc(to)).count();
        assert_eq!(count("2027-03-27T23:00:00Z", "2027-03-28T22:00:00Z"), 92);
        assert_eq!(count("2027-10-30T22:00:00Z", "2027-10-31T23:00:00Z"), 100);
    });
}

/// Asia/Kolkata has no daylight saving: a zoned schedule equals the
/// fixed-offset one with `minuteOffset` 330 once the daily time is moved to
/// UTC by hand (local T = UTC T - 05:30; a local time before 05:30 falls on
/// the previous UTC day).
#[test]
fn kolkata_equals_fixed_offset_330() {
    for_each_source(|| {
        let kolkata = zone(KOLKATA);
        // Hand rows first. Daily 09:00 IST = 03:30Z.
        let nine = everyday(9, 0);
        assert_eq!(
            nine.in_zone(kolkata)
                .upcoming(utc("2027-03-08T00:00:00Z"))
                .take(2)
                .collect::<Vec<_>>(),
            [utc("2027-03-08T03:30:00Z"), utc("2027-03-09T03:30:00Z")]
        );
        // Mondays 02:00 IST = Sundays 20:30Z: Mon 03-08 02:00 IST = Sun 03-07 20:30Z.
        let monday_two = daily(Weekdays::only(Weekday::Mon), 2, 0, 0);
        assert_eq!(
            monday_two
                .in_zone(kolkata)
                .upcoming(utc("2027-03-01T00:00:00Z"))
                .take(2)
                .collect::<Vec<_>>(),
            [utc("2027-03-07T20:30:00Z"), utc("2027-03-14T20:30:00Z")]
        );
        // Hourly from local midnight (18:30Z): on the half hour in UTC.
        assert_eq!(
            every(60)
                .in_zone(kolkata)
                .upcoming(utc("2027-03-08T00:00:00Z"))
                .take(2)
                .collect::<Vec<_>>(),
            [utc("2027-03-08T00:30:00Z"), utc("2027-03-08T01:30:00Z")]
        );

        // Then the two paths side by side. Window: weekdays 09:00-18:00 and Saturday
        // 22:00 to Sunday 02:00, in IST.
        let mut hours = [false; 168];
        for day in 1..=5 {
            for hour in 9..18 {
                hours[day * 24 + hour] = true;
            }
        }
        for hour in [6 * 24 + 22, 6 * 24 + 23, 0, 1] {
            hours[hour] = true;
        }
        let wall = Window::new(&hours, 0).expect("valid");
        let fixed = Window::new(&hours, 330).expect("valid");
        let pairs = [
            // Local 09:00 every day = 03:30Z the same day.
            (everyday(9, 0), daily(Weekdays::EVERYDAY, 3, 30, 0)),
            // Local Monday 02:00 = Sunday 20:30Z.
            (monday_two, daily(Weekdays::only(Weekday::Sun), 20, 30, 0)),
            // Local workdays 05:29:59 = 23:59:59Z the day before: Sunday to Thursday.
            (
                daily(Weekdays::WORKDAYS, 5, 29, 59),
                daily(
                    Weekdays::only(Weekday::Sun)
                        .with(Weekday::Mon)
                        .with(Weekday::Tue)
                        .with(Weekday::Wed)
                        .with(Weekday::Thu),
                    23,
                    59,
                    59,
                ),
            ),
            // Grids whose interval divides 330 minutes line up with UTC's.
            (every(15), every(15)),
            (every(30), every(30)),
        ];
        let mut t = utc("2026-12-01T00:00:00Z");
        let end = utc("2027-12-01T00:00:00Z");
        while t < end {
            for (local, utc_schedule) in &pairs {
                for (zoned, plain) in [
                    (local.in_zone(kolkata), *utc_schedule),
                    (
                        local.with_window(wall).in_zone(kolkata),
                        utc_schedule.with_window(fixed),
                    ),
                ] {
                    assert_eq!(zoned.next_run(t), plain.next_run(t), "{local:?} at {t}");
                    assert_eq!(zoned.is_open(t), plain.is_open(t), "{local:?} at {t}");
                    assert_eq!(zoned.next_open(t), plain.next_open(t), "{local:?} at {t}");
                    assert_eq!(zoned.next_close(t), plain.next_close(t), "{local:?} at {t}");
                }
            }
            // A prime number of seconds: every offset within the minute, hour and day.
            t += chrono::Duration::seconds(7_919);
        }
    });
}

/// `Zone::offset_drift` and `minute_offset_at`.
#[test]
fn offset_drift_tables() {
    for_each_source(|| {
        let drift = |tz: Tz, minute_offset: i32, from: &str, until: &str| {
            zone(tz).offset_drift(minute_offset, utc(from), utc(until))
        };
        let period =
            |from: &str, until: &str, zone_minute_offset: i32, policy_minute_offset: i32| OffsetDrift {
                from: utc(from),
                until: utc(until),
                zone_minute_offset,
                policy_minute_offset,
            };

        // Berlin with the winter offset (CET, 60) over 12 months: CEST (120) from the
        // spring change 2027-03-28 01:00Z to the autumn change 2027-10-31 01:00Z; the
        // window's hours come an hour later on the wall clock.
        let berlin_60 = drift(BERLIN, 60, "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
        assert_eq!(
            berlin_60,
            [period("2027-03-28T01:00:00Z", "2027-10-31T01:00:00Z", 120, 60)]
        );
        assert_eq!(berlin_60[0].shift_minutes(), 60);

        // 12 months from June: the rest of summer 2026 (until the change 2026-10-25
        // 01:00Z) and from 2027-03-28 01:00Z.
        assert_eq!(
            drift(BERLIN, 60, "2026-06-01T00:00:00Z", "2027-06-01T00:00:00Z"),
            [
                period("2026-06-01T00:00:00Z", "2026-10-25T01:00:00Z", 120, 60),
                period("2027-03-28T01:00:00Z", "2027-06-01T00:00:00Z", 120, 60),
            ]
        );

        // With the summer offset (120): the two winter stretches, shifted -60.
        let berlin_120 = drift(BERLIN, 120, "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
        assert_eq!(
            berlin_120,
            [
                period("2027-01-01T00:00:00Z", "2027-03-28T01:00:00Z", 60, 120),
                period("2027-10-31T01:00:00Z", "2028-01-01T00:00:00Z", 60, 120),
            ]
        );
        assert!(berlin_120.iter().all(|d| d.shift_minutes() == -60));

        // A range inside one offset: nothing, or all of it.
        assert_eq!(
            drift(BERLIN, 60, "2027-01-10T00:00:00Z", "2027-02-10T00:00:00Z"),
            []
        );
        assert_eq!(
            drift(BERLIN, 60, "2027-07-10T00:00:00Z", "2027-08-10T00:00:00Z"),
            [period("2027-07-10T00:00:00Z", "2027-08-10T00:00:00Z", 120, 60)]
        );
        // An empty range.
        assert_eq!(
            drift(BERLIN, 0, "2027-07-10T00:00:00Z", "2027-07-10T00:00:00Z"),
            []
        );

        // Kolkata is +05:30 all year.
        assert_eq!(
            drift(KOLKATA, 330, "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"),
            []
        );
        assert_eq!(
            drift(KOLKATA, 300, "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"),
            [period("2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z", 330, 300)]
        );

        // Lord Howe with +11:00 (660): +10:30 (630) from 2027-04-03 15:00Z to
        // 2027-10-02 15:30Z, 30 minutes earlier.
        let lord_howe = drift(LORD_HOWE, 660, "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
        assert_eq!(
            lord_howe,
            [period("2027-04-03T15:00:00Z", "2027-10-02T15:30:00Z", 630, 660)]
        );
        assert_eq!(lord_howe[0].shift_minutes(), -30);

        // Chatham with +12:45 (765): +13:45 (825) until 2027-04-03 14:00Z and from
        // 2027-09-25 14:00Z.
        assert_eq!(
            drift(CHATHAM, 765, "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"),
            [
                period("2027-01-01T00:00:00Z", "2027-04-03T14:00:00Z", 825, 765),
                period("2027-09-25T14:00:00Z", "2028-01-01T00:00:00Z", 825, 765),
            ]
        );

        // The offset a second either side of each change.
        let offsets = [
            (BERLIN, "2027-03-28T00:59:59Z", 60),
            (BERLIN, "2027-03-28T01:00:00Z", 120),
            (BERLIN, "2027-10-31T00:59:59Z", 120),
            (BERLIN, "2027-10-31T01:00:00Z", 60),
            (NEW_YORK, "2027-03-14T06:59:59Z", -300),
            (NEW_YORK, "2027-03-14T07:00:00Z", -240),
            (NEW_YORK, "2027-11-07T05:59:59Z", -240),
            (NEW_YORK, "2027-11-07T06:00:00Z", -300),
            (LORD_HOWE, "2027-04-03T14:59:59Z", 660),
            (LORD_HOWE, "2027-04-03T15:00:00Z", 630),
            (LORD_HOWE, "2027-10-02T15:29:59Z", 630),
            (LORD_HOWE, "2027-10-02T15:30:00Z", 660),
            (CHATHAM, "2027-04-03T13:59:59Z", 825),
            (CHATHAM, "2027-04-03T14:00:00Z", 765),
            (CHATHAM, "2027-09-25T13:59:59Z", 765),
            (CHATHAM, "2027-09-25T14:00:00Z", 825),
            (KOLKATA, "2027-06-01T00:00:00Z", 330),
        ];
        for (tz, t, expected) in offsets {
            assert_eq!(
                zone(tz).minute_offset_at(utc(t)),
                expected,
                "{} at {t}",
                tz.name()
            );
        }
    });
}

/// Zones by name, from each source: letter case ignored, the name as the
/// data spells it, an unknown name an error.
#[test]
fn zones_by_name() {
    for_each_source(|| {
        let source = SOURCE.get();
        let berlin = Zone::from_source("Europe/Berlin", source).expect("known zone");
        assert_eq!(berlin.name(), "Europe/Berlin");
        let chatham = Zone::from_source("pacific/chatham", source).expect("case ignored");
        assert_eq!(chatham.name(), "Pacific/Chatham");
        assert!(matches!(
            Zone::from_source("Europe/Nowhere", source),
            Err(backup_schedule::Error::UnknownZone { .. })
        ));
        // A zone from its name behaves as the one prepared above: the spring gap.
        let schedule = everyday(2, 30);
        assert_eq!(
            schedule.in_zone(&berlin).next_run(utc("2027-03-27T12:00:00Z")),
            Some(utc("2027-03-28T01:30:00Z"))
        );
    });
    assert_eq!(
        Zone::from_name("pacific/chatham").expect("newest data").name(),
        "Pacific/Chatham"
    );
    #[cfg(feature = "tz-chrono")]
    assert_eq!(
        Zone::from_source("Pacific/Chatham", TzSource::ChronoTz)
            .expect("chrono-tz")
            .tz(),
        Some(CHATHAM)
    );
}

/// Africa/Monrovia kept UTC-0:44:30 until 1972-01-07, when it moved to UTC at
/// 00:44:30Z: the wall clock jumped from Thu 01-06 23:59:59 to Fri 01-07
/// 00:44:30, a gap [00:00, 00:44:30) (python `zoneinfo`: 1972-01-07T00:44:29Z
/// is 1972-01-06T23:59:59-00:44:30, 00:44:30Z is 00:44:30+00:00). Offsets
/// that are not whole minutes put every edge on the half minute.
#[test]
fn sub_minute_offset_monrovia() {
    for_each_source(|| {
        let monrovia = zone(chrono_tz::Africa::Monrovia);
        let hourly = every(60).in_zone(monrovia);
        // 1971-06-01 00:00 local = 00:44:30Z; 01:00 local = 01:44:30Z.
        assert_eq!(
            hourly
                .upcoming(utc("1971-06-01T00:00:00Z"))
                .take(2)
                .collect::<Vec<_>>(),
            [utc("1971-06-01T00:44:30Z"), utc("1971-06-01T01:44:30Z")]
        );
        // 01-06 23:00 local = 23:44:30Z; 01-07 00:00 is in the gap, skipped;
        // 01:00 (UTC+0) = 01:00Z.
        assert_eq!(
            hourly
                .upcoming(utc("1972-01-06T23:00:00Z"))
                .take(2)
                .collect::<Vec<_>>(),
            [utc("1972-01-06T23:44:30Z"), utc("1972-01-07T01:00:00Z")]
        );
        // Daily 00:30: 01-06 00:30 (-0:44:30) = 01:14:30Z; 01-07 00:30 is in the gap,
        // read with the old offset: 01:14:30Z too (moved forward by 44:30); 01-08
        // 00:30 (UTC+0) = 00:30Z.
        assert_eq!(
            everyday(0, 30)
                .in_zone(monrovia)
                .upcoming(utc("1972-01-05T12:00:00Z"))
                .take(3)
                .collect::<Vec<_>>(),
            [
                utc("1972-01-06T01:14:30Z"),
                utc("1972-01-07T01:14:30Z"),
                utc("1972-01-08T00:30:00Z")
            ]
        );
        // Window Friday 00:00-01:00 only: on 01-07 the hour exists from 00:44:30 to
        // 01:00 (UTC+0), 15.5 real minutes.
        let friday_0 = Schedule::immediate()
            .with_window(window(&[(5, 0)]))
            .in_zone(monrovia);
        let t = utc("1972-01-06T12:00:00Z");
        assert!(!friday_0.is_open(t));
        assert_eq!(friday_0.next_open(t), Some(utc("1972-01-07T00:44:30Z")));
        assert_eq!(friday_0.next_close(t), Some(utc("1972-01-07T01:00:00Z")));
        // The week before: Fri 12-31 00:00 (-0:44:30) = 00:44:30Z to 01:44:30Z.
        let t = utc("1971-12-30T12:00:00Z");
        assert_eq!(friday_0.next_open(t), Some(utc("1971-12-31T00:44:30Z")));
        assert_eq!(friday_0.next_close(t), Some(utc("1971-12-31T01:44:30Z")));
    });
}
