//! Schedules evaluated in an IANA time zone with daylight saving.
//!
//! The API describes the window's local time by one fixed `minuteOffset`. In a
//! zone with daylight saving that offset is right for half the year. This
//! module evaluates a policy in a named zone instead: `dailyTime`, the
//! `dailyType` days, the `Periodically` grid and the window's 168 hours are all
//! local wall-clock time of the zone.
//!
//! A [`Zone`] turns chrono-tz's zone into a sorted table of the instants at
//! which its UTC offset changes (built once, then shared by every schedule in
//! that zone). Between two changes the offset is fixed, so each query is the
//! fixed-offset computation of the [`Window`] and the triggers, applied span by
//! span. Changes are at least 166 hours apart in the whole tz database, so a
//! query visits only a few spans: every loop here is bounded by a small
//! constant.

use core::fmt;

use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::Error;
use crate::time::{self, DAY, MINUTE};

/// Where the table of offset changes starts and ends: chrono-tz's data has
/// no change before 1845 and none after 2099.
const TABLE_FROM: i64 = -5_364_662_400; // 1800-01-01T00:00:00Z
const TABLE_UNTIL: i64 = 4_133_980_800; // 2101-01-01T00:00:00Z

/// Sampling step for finding offset changes. No two changes in the tz
/// database are closer than 166 hours (checked when this was written, over
/// every zone chrono-tz 0.10.4 carries), so at most one change lies between two
/// samples and a change of offset between them is found by bisection.
const SAMPLE_STEP: i64 = 6 * DAY;

/// An IANA time zone, prepared for schedule queries.
///
/// Building one costs about a millisecond (it reads the zone's offset changes
/// from 1800 to 2100 into a table); build it once per zone and share it by
/// reference among all schedules in that zone.
///
/// # Example
///
/// ```
/// use backup_schedule::Zone;
///
/// let berlin = Zone::from_name("Europe/Berlin")?;
/// assert_eq!(berlin.name(), "Europe/Berlin");
/// assert!(Zone::from_name("Europe/Berln").is_err());
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone)]
pub struct Zone {
    tz: Tz,
    /// The offset in effect before the first change.
    first_offset: i32,
    changes: Box<[OffsetChange]>,
    /// For each bucket of `2^BUCKET_SHIFT` seconds from `TABLE_FROM`, how
    /// many changes come before it: finding a span is then an index and a
    /// step or two, not a binary search.
    first_change_in_bucket: Box<[u16]>,
}

/// Buckets of 2^21 s (about 24 days): at most four changes fall in one.
const BUCKET_SHIFT: u32 = 21;

/// From `at` (a Unix second) on, local time is UTC plus `offset` seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct OffsetChange {
    at: i64,
    offset: i32,
}

/// A stretch of time with one UTC offset: `[start, end)` in Unix seconds.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Span {
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) offset: i64,
}

impl Zone {
    /// Prepares `tz` for queries.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Zone;
    ///
    /// let kolkata = Zone::new(chrono_tz::Asia::Kolkata);
    /// assert_eq!(kolkata.name(), "Asia/Kolkata");
    /// ```
    pub fn new(tz: Tz) -> Zone {
        let offset_at = |secs: i64| -> i32 {
            let utc = DateTime::from_timestamp(secs, 0).unwrap_or_default().naive_utc();
            tz.offset_from_utc_datetime(&utc).fix().local_minus_utc()
        };
        let first_offset = offset_at(TABLE_FROM);
        let mut changes = Vec::new();
        let (mut sample, mut offset) = (TABLE_FROM, first_offset);
        while sample < TABLE_UNTIL {
            let next = sample + SAMPLE_STEP;
            let next_offset = offset_at(next);
            if next_offset != offset {
                // One change in (sample, next]: find its first second.
                let (mut before, mut after) = (sample, next);
                while after - before > 1 {
                    let middle = before + (after - before) / 2;
                    if offset_at(middle) == offset {
                        before = middle;
                    } else {
                        after = middle;
                    }
                }
                changes.push(OffsetChange {
                    at: after,
                    offset: next_offset,
                });
                offset = next_offset;
            }
            sample = next;
        }
        let buckets = ((TABLE_UNTIL - TABLE_FROM) >> BUCKET_SHIFT) + 1;
        let first_change_in_bucket = (0..buckets)
            .map(|bucket| {
                let bucket_start = TABLE_FROM + (bucket << BUCKET_SHIFT);
                let before = changes.partition_point(|change| change.at < bucket_start);
                // At most one change per sampling step: fewer than 2^16.
                u16::try_from(before).unwrap_or(u16::MAX)
            })
            .collect();
        Zone {
            tz,
            first_offset,
            changes: changes.into_boxed_slice(),
            first_change_in_bucket,
        }
    }

    /// Prepares the zone named `name` (an IANA name such as `Europe/Berlin`;
    /// letter case is ignored).
    ///
    /// # Errors
    ///
    /// [`Error::UnknownZone`] for a name the tz database does not have, with
    /// the closest names it does have.
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
        match chrono_tz::TZ_VARIANTS
            .iter()
            .find(|tz| tz.name().eq_ignore_ascii_case(name.trim()))
        {
            Some(&tz) => Ok(Zone::new(tz)),
            None => Err(Error::UnknownZone {
                name: name.to_owned(),
                suggestions: closest_zone_names(name),
            }),
        }
    }

    /// The zone's IANA name.
    pub fn name(&self) -> &'static str {
        self.tz.name()
    }

    /// The chrono-tz zone.
    pub fn tz(&self) -> Tz {
        self.tz
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
    /// let berlin = Zone::new(chrono_tz::Europe::Berlin);
    /// assert_eq!(berlin.minute_offset_at(Utc.with_ymd_and_hms(2027, 1, 15, 12, 0, 0).unwrap()), 60);
    /// assert_eq!(berlin.minute_offset_at(Utc.with_ymd_and_hms(2027, 7, 15, 12, 0, 0).unwrap()), 120);
    /// ```
    pub fn minute_offset_at(&self, t: DateTime<Utc>) -> i32 {
        (self.span(t.timestamp()).offset / MINUTE) as i32
    }

    /// The span of fixed offset that contains Unix second `secs`.
    #[inline]
    pub(crate) fn span(&self, secs: i64) -> Span {
        let index = self.changes_at_or_before(secs);
        let (start, offset) = match index.checked_sub(1) {
            Some(previous) => (self.changes[previous].at, self.changes[previous].offset),
            None => (i64::MIN, self.first_offset),
        };
        let end = self.changes.get(index).map_or(i64::MAX, |change| change.at);
        Span {
            start,
            end,
            offset: i64::from(offset),
        }
    }

    /// How many changes happen at or before Unix second `secs`.
    #[inline]
    fn changes_at_or_before(&self, secs: i64) -> usize {
        let bucket = secs.checked_sub(TABLE_FROM).map(|since| since >> BUCKET_SHIFT);
        match bucket.and_then(|bucket| usize::try_from(bucket).ok()) {
            Some(bucket) if bucket < self.first_change_in_bucket.len() => {
                let mut index = usize::from(self.first_change_in_bucket[bucket]);
                while self.changes.get(index).is_some_and(|change| change.at <= secs) {
                    index += 1;
                }
                index
            }
            // Before the table (and before any change) or after it.
            _ => self.changes.partition_point(|change| change.at <= secs),
        }
    }

    /// Wall-clock seconds (local time as if it were UTC) at Unix second `secs`.
    #[inline]
    pub(crate) fn wall(&self, secs: i64) -> i64 {
        secs + self.span(secs).offset
    }

    /// The instant of wall-clock time `wall`, "compatible" disambiguation: in a
    /// fold the earlier instant, in a gap the wall time shifted forward by the
    /// gap's length. Both are `wall - offset before the change`.
    #[inline]
    pub(crate) fn resolve(&self, wall: i64) -> i64 {
        // The instant is within 26 hours of `wall` (offsets lie in -12..=+14
        // hours), so the only change that matters lies within two days; there
        // is at most one there.
        let before = self.span(wall - 2 * DAY);
        if before.end > wall + 2 * DAY {
            return wall - before.offset;
        }
        let change = before.end;
        let after = self.span(change);
        if wall - before.offset < change {
            wall - before.offset
        } else if wall - after.offset >= change {
            wall - after.offset
        } else {
            wall - before.offset // in the gap
        }
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
    /// let berlin = Zone::new(chrono_tz::Europe::Berlin);
    /// let from = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    /// let until = Utc.with_ymd_and_hms(2027, 12, 1, 0, 0, 0).unwrap();
    /// let drifts = berlin.offset_drift(60, from, until);
    /// assert_eq!(drifts.len(), 1);
    /// assert_eq!(drifts[0].from, Utc.with_ymd_and_hms(2027, 3, 28, 1, 0, 0).unwrap());
    /// assert_eq!(drifts[0].until, Utc.with_ymd_and_hms(2027, 10, 31, 1, 0, 0).unwrap());
    /// assert_eq!(drifts[0].zone_minute_offset, 120);
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

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Zone")
            .field("name", &self.name())
            .field("offset_changes", &self.changes.len())
            .finish()
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
    pub fn shift_minutes(&self) -> i32 {
        self.zone_minute_offset - self.policy_minute_offset
    }
}

/// Up to three zone names closest to `name` (by edit distance, ignoring case),
/// for "did you mean" suggestions.
fn closest_zone_names(name: &str) -> Vec<&'static str> {
    let wanted = name.trim().to_ascii_lowercase();
    let mut scored: Vec<(usize, &'static str)> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| {
            let candidate = tz.name().to_ascii_lowercase();
            // A name that contains what was typed (`berlin`) is a good guess too.
            let score = if !wanted.is_empty() && candidate.contains(&wanted) {
                0
            } else {
                edit_distance(&wanted, &candidate)
            };
            (score, tz.name())
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

    /// The table must agree with chrono-tz everywhere: checked every three hours
    /// over 1900-2100 for zones with unusual offsets and rules.
    #[test]
    fn offset_table_matches_chrono_tz() {
        for tz in [
            chrono_tz::Europe::Berlin,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::Pacific::Chatham,
            chrono_tz::Pacific::Apia,
        ] {
            let zone = Zone::new(tz);
            let mut secs = -2_208_988_800; // 1900
            while secs < 4_102_444_800 {
                let expected = tz
                    .offset_from_utc_datetime(&DateTime::from_timestamp(secs, 0).unwrap().naive_utc())
                    .fix()
                    .local_minus_utc();
                assert_eq!(
                    zone.span(secs).offset,
                    i64::from(expected),
                    "{} at {secs}",
                    tz.name()
                );
                secs += 3 * 3_600;
            }
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest_zone_names("Europe/Berln")[0], "Europe/Berlin");
        assert!(closest_zone_names("berlin").contains(&"Europe/Berlin"));
        assert!(closest_zone_names("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").is_empty());
    }
}
