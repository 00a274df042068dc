//! Integer Unix-second arithmetic shared by the window and the triggers.
//!
//! Runs and window edges always fall on whole seconds (triggers are whole
//! seconds, window edges whole minutes), so the engine works on `i64` Unix
//! seconds and converts to [`DateTime<Utc>`] only at the edges.

use chrono::{DateTime, Utc};

pub(crate) const MINUTE: i64 = 60;
pub(crate) const HOUR: i64 = 3600;
pub(crate) const DAY: i64 = 86_400;
pub(crate) const WEEK: i64 = 7 * DAY;

/// 1970-01-01, day 0 of Unix time, was a Thursday: day 4 of a week that
/// starts on Sunday.
const EPOCH_DAY_OF_WEEK: i64 = 4;

/// Seconds since the most recent Sunday 00:00 (of whatever frame `secs` is in).
#[inline]
pub(crate) fn week_position(secs: i64) -> i64 {
    (secs + EPOCH_DAY_OF_WEEK * DAY).rem_euclid(WEEK)
}

/// Day of the week of Unix day `day`, 0 = Sunday.
#[inline]
pub(crate) fn day_of_week(day: i64) -> u32 {
    (day + EPOCH_DAY_OF_WEEK).rem_euclid(7) as u32
}

/// A whole Unix second as an instant; `None` past chrono's range.
#[inline]
pub(crate) fn from_secs(secs: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(secs, 0)
}

/// The smallest whole second at or after `t`.
#[inline]
pub(crate) fn ceil_secs(t: DateTime<Utc>) -> i64 {
    t.timestamp() + i64::from(t.timestamp_subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, TimeZone};

    #[test]
    fn week_position_starts_on_sunday() {
        // 2026-11-29 was a Sunday.
        let sunday = Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap();
        assert_eq!(sunday.weekday(), chrono::Weekday::Sun);
        assert_eq!(week_position(sunday.timestamp()), 0);
        assert_eq!(week_position(sunday.timestamp() - 1), WEEK - 1);
        assert_eq!(day_of_week(sunday.timestamp() / DAY), 0);
        // Before 1970 as well.
        let old = Utc.with_ymd_and_hms(1900, 1, 7, 0, 0, 0).unwrap();
        assert_eq!(old.weekday(), chrono::Weekday::Sun);
        assert_eq!(week_position(old.timestamp()), 0);
    }
}
