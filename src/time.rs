//! Integer second arithmetic shared by the window and the triggers.
//!
//! Runs and window edges always fall on whole seconds (triggers are whole
//! seconds, window edges whole minutes), so the engine works on whole
//! seconds and converts to [`DateTime<Utc>`] only at the edges.
//!
//! Everything the engine decides repeats every UTC week (the triggers) or
//! every local week (the window, a fixed offset away), so the hot path works
//! on the position in the UTC week, a `u32`, and answers "how many seconds
//! ahead". The instant goes in as its date, day of the week and second of
//! the day ([`split`]), which chrono holds almost as they are, and comes out
//! as that date plus whole days ([`advance`]), which within a year is a
//! field update; no Unix-time conversion in either direction. The `i64`
//! Unix-second forms are for the code that works on spans of absolute time.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Timelike, Utc};

pub(crate) const MINUTE: i64 = 60;
pub(crate) const HOUR: i64 = 3600;
pub(crate) const DAY: i64 = 86_400;
pub(crate) const WEEK: i64 = 7 * DAY;

/// [`HOUR`], [`DAY`] and [`WEEK`] for positions in the week.
pub(crate) const HOUR_U32: u32 = HOUR as u32;
pub(crate) const DAY_U32: u32 = DAY as u32;
pub(crate) const WEEK_U32: u32 = WEEK as u32;

/// 1970-01-01, day 0 of Unix time, was a Thursday: day 4 of a week that
/// starts on Sunday.
const EPOCH_DAY_OF_WEEK: i64 = 4;

/// Seconds since the most recent Sunday 00:00 (of whatever frame `secs` is in).
#[inline]
pub(crate) fn week_position(secs: i64) -> i64 {
    (secs + EPOCH_DAY_OF_WEEK * DAY).rem_euclid(WEEK)
}

/// A whole Unix second as an instant; `None` past chrono's range.
#[inline]
pub(crate) fn from_secs(secs: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(secs, 0)
}

/// `t` as the week-frame computation reads it: its UTC date, its day of the
/// week (0 = Sunday) and its whole second of the day (`t` rounded down).
#[inline]
pub(crate) fn split(t: DateTime<Utc>) -> (NaiveDate, u32, u32) {
    let naive = t.naive_utc();
    let date = naive.date();
    let day_of_week = match date.weekday().num_days_from_monday() {
        6 => 0,
        monday_based => monday_based + 1,
    };
    (date, day_of_week, naive.time().num_seconds_from_midnight())
}

/// The first year of [`YEAR_STARTS`].
#[cfg_attr(not(feature = "tz"), allow(dead_code))] // for zoned schedules
const FIRST_YEAR: i32 = 1800;

/// Days from 1970-01-01 to January 1st of each year from [`FIRST_YEAR`] to
/// 2200: `t`'s Unix second from its year and day of the year in one load,
/// where chrono's `timestamp` reckons the days of 400-year cycles.
#[cfg_attr(not(feature = "tz"), allow(dead_code))] // for zoned schedules
static YEAR_STARTS: [i32; 401] = year_starts();

#[cfg_attr(not(feature = "tz"), allow(dead_code))] // for zoned schedules
const fn year_starts() -> [i32; 401] {
    let mut starts = [0; 401];
    let mut day = -62_091; // 1800-01-01
    let mut i = 0;
    while i < starts.len() {
        starts[i] = day;
        let year = FIRST_YEAR + i as i32;
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        day += if leap { 366 } else { 365 };
        i += 1;
    }
    starts
}

/// `t`'s whole Unix second (rounded down), as `t.timestamp()`.
#[cfg_attr(not(feature = "tz"), allow(dead_code))] // for zoned schedules
#[inline]
pub(crate) fn unix_secs(t: DateTime<Utc>) -> i64 {
    let naive = t.naive_utc();
    let date = naive.date();
    // Before the table the index is negative, far past it as a `usize`.
    match YEAR_STARTS.get(date.year().wrapping_sub(FIRST_YEAR) as usize) {
        Some(&start) => {
            let day = i64::from(start) + i64::from(date.ordinal()) - 1;
            day * DAY + i64::from(naive.time().num_seconds_from_midnight())
        }
        None => t.timestamp(),
    }
}

/// The instant `ahead` seconds after second `in_day` of `date`; `None` past
/// chrono's range. Within the same year this is a field update of the date.
#[inline]
pub(crate) fn advance(date: NaiveDate, in_day: u32, ahead: u32) -> Option<DateTime<Utc>> {
    let total = in_day + ahead;
    let days = total / DAY_U32;
    // `with_ordinal` is inlined and refuses a day past the end of the year;
    // `checked_add_days` crosses into the next year.
    let date = match date.with_ordinal(date.ordinal() + days) {
        Some(date) => date,
        None => date.checked_add_days(Days::new(u64::from(days)))?,
    };
    let time = NaiveTime::from_num_seconds_from_midnight_opt(total % DAY_U32, 0)?;
    Some(date.and_time(time).and_utc())
}

/// The instant `back` seconds (up to three weeks) before second `in_day`
/// (up to a day) of `date`; `None` before chrono's range. Within the same
/// year this is a field update of the date.
///
/// Counted forward from 22 days before `date`, as [`advance`] counts: one
/// division into whole days and the second of the day, no branch on
/// whether the answer is on the same day.
#[inline]
pub(crate) fn retreat(date: NaiveDate, in_day: u32, back: u32) -> Option<DateTime<Utc>> {
    const LEAD: u32 = 22;
    let total = in_day + LEAD * DAY_U32 - back;
    // Whole days from `date`: -21..=1.
    let days = (total / DAY_U32) as i32 - LEAD as i32;
    // `with_ordinal` refuses day 0 and before, and past the year's end;
    // `checked_sub_days` crosses into the year before.
    let date = match u32::try_from(date.ordinal() as i32 + days)
        .ok()
        .and_then(|ordinal| date.with_ordinal(ordinal))
    {
        Some(date) => date,
        None if days < 0 => date.checked_sub_days(Days::new(u64::from(days.unsigned_abs())))?,
        None => date.checked_add_days(Days::new(u64::from(days.unsigned_abs())))?,
    };
    let time = NaiveTime::from_num_seconds_from_midnight_opt(total % DAY_U32, 0)?;
    Some(date.and_time(time).and_utc())
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
        // Before 1970 as well.
        let old = Utc.with_ymd_and_hms(1900, 1, 7, 0, 0, 0).unwrap();
        assert_eq!(old.weekday(), chrono::Weekday::Sun);
        assert_eq!(week_position(old.timestamp()), 0);
    }

    #[test]
    fn unix_secs_is_the_timestamp() {
        let days = [
            (1799, 12, 31),
            (1800, 1, 1),
            (1900, 3, 1),
            (1970, 1, 1),
            (2000, 2, 29),
            (2027, 3, 28),
            (2100, 12, 31),
            (2200, 12, 31),
            (2201, 1, 1),
        ];
        for (year, month, day) in days {
            for (h, m, s, nanos) in [(0, 0, 0, 0), (23, 59, 59, 999_999_999), (12, 34, 56, 1)] {
                let t = Utc.with_ymd_and_hms(year, month, day, h, m, s).unwrap()
                    + chrono::TimeDelta::nanoseconds(nanos);
                assert_eq!(unix_secs(t), t.timestamp(), "{t}");
            }
        }
        for t in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            assert_eq!(unix_secs(t), t.timestamp(), "{t}");
        }
        // Every January 1st of the table and the day before it.
        for year in FIRST_YEAR..FIRST_YEAR + 401 {
            let t = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap();
            assert_eq!(unix_secs(t), t.timestamp(), "{t}");
            let before = t - chrono::TimeDelta::seconds(1);
            assert_eq!(unix_secs(before), before.timestamp(), "{before}");
        }
    }

    #[test]
    fn split_and_advance_agree_with_unix_seconds() {
        for t in [
            Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(2028, 2, 28, 12, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(1900, 1, 6, 7, 8, 9).unwrap(),
        ] {
            let (date, day_of_week, in_day) = split(t);
            let week = week_position(t.timestamp());
            assert_eq!(i64::from(day_of_week * DAY_U32 + in_day), week, "{t}");
            for ahead in [0, 1, 3_599, 86_399, 86_400, 400_000, 3 * WEEK_U32] {
                assert_eq!(
                    advance(date, in_day, ahead),
                    from_secs(t.timestamp() + i64::from(ahead)),
                    "{t} + {ahead}"
                );
            }
        }
        for t in [
            Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 5).unwrap(),
            Utc.with_ymd_and_hms(2028, 3, 1, 12, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(1900, 1, 6, 7, 8, 9).unwrap(),
        ] {
            let (date, _, in_day) = split(t);
            for back in [0, 1, 5, 3_599, 86_399, 86_400, 400_000, 3 * WEEK_U32] {
                assert_eq!(
                    retreat(date, in_day, back),
                    from_secs(t.timestamp() - i64::from(back)),
                    "{t} - {back}"
                );
            }
            // A second of the day past its end (a whole second after `t`'s).
            assert_eq!(
                retreat(date, DAY_U32, 1),
                from_secs((t.timestamp().div_euclid(DAY) + 1) * DAY - 1)
            );
        }
        let first = DateTime::<Utc>::MIN_UTC;
        let (date, _, in_day) = split(first);
        assert_eq!(retreat(date, in_day, 0), from_secs(first.timestamp()));
        assert_eq!(retreat(date, in_day, 1), None);
        // Past the end of chrono's range.
        let last = DateTime::<Utc>::MAX_UTC;
        let (date, _, in_day) = split(last);
        assert_eq!(advance(date, in_day, 0), from_secs(last.timestamp()));
        assert_eq!(advance(date, in_day, 1), None);
    }
}
