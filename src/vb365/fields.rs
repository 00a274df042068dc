//! The members and rules both job families' policies share: `dailyTime`,
//! the `dailyType` and `periodicallyEvery` spellings of a schedule, the
//! date-time members, and `nextRun` as the API writes it.

use chrono::{DateTime, NaiveTime, SecondsFormat, Utc};

use super::copy_job::{DailyType, PeriodicallyEvery};
use super::read::Extras;
use crate::error::Error;
use crate::timetable::Timetable;
use crate::trigger::Interval;
use crate::weekdays::Weekdays;

/// Where a policy sits in a job, and so the prefix of every path in
/// validation errors.
pub(crate) const POLICY: &str = "schedulePolicy";

/// What `dailyTime` must look like.
pub(crate) const DAILY_TIME: &str = "a time like 22:00:00 or 22:00";

/// What the date-time members must look like.
pub(crate) const DATE_TIME: &str = "a date and time like 2026-11-30T17:00:00Z";

/// The error for a job without a policy.
pub(crate) fn missing_policy() -> Error {
    Error::missing(POLICY, "a schedule policy object")
}

/// Parses `HH:MM:SS` or `HH:MM`, two digits each, 00-23:00-59:00-59.
///
/// # Errors
///
/// [`Error::Invalid`] at `schedulePolicy.dailyTime`.
pub(crate) fn parse_daily_time(text: &str) -> Result<NaiveTime, Error> {
    let invalid = || Error::invalid(format!("{POLICY}.dailyTime"), DAILY_TIME, format!("{text:?}"));
    let two_digits = |pair: &[u8]| match pair {
        [tens @ b'0'..=b'9', ones @ b'0'..=b'9'] => {
            Some(u32::from(tens - b'0') * 10 + u32::from(ones - b'0'))
        }
        _ => None,
    };
    let (hour, minute, second) = match text.as_bytes() {
        [h @ .., b':', m0, m1] if h.len() == 2 => (two_digits(h), two_digits(&[*m0, *m1]), Some(0)),
        [h0, h1, b':', m0, m1, b':', s0, s1] => (
            two_digits(&[*h0, *h1]),
            two_digits(&[*m0, *m1]),
            two_digits(&[*s0, *s1]),
        ),
        _ => return Err(invalid()),
    };
    match (hour, minute, second) {
        (Some(hour @ 0..=23), Some(minute @ 0..=59), Some(second @ 0..=59)) => {
            NaiveTime::from_hms_opt(hour, minute, second).ok_or_else(invalid)
        }
        _ => Err(invalid()),
    }
}

/// `dailyTime` as the API writes it: `HH:MM:SS`.
pub(crate) fn format_daily_time(at: NaiveTime) -> String {
    at.format("%H:%M:%S").to_string()
}

/// The `dailyType` for `days`.
///
/// # Errors
///
/// [`Error::Invalid`] at `schedulePolicy.dailyType` when the API has no
/// spelling for them.
pub(crate) fn daily_type_for(days: Weekdays) -> Result<DailyType, Error> {
    DailyType::for_days(days).ok_or_else(|| {
        Error::invalid(
            format!("{POLICY}.dailyType"),
            "days the API can express: Everyday, Workdays, Weekends or one day",
            days.to_string(),
        )
    })
}

/// The `periodicallyEvery` for `every`.
///
/// # Errors
///
/// [`Error::Invalid`] at `schedulePolicy.periodicallyEvery` when the API
/// has no spelling for it.
pub(crate) fn periodically_every_for(every: Interval) -> Result<PeriodicallyEvery, Error> {
    PeriodicallyEvery::for_interval(every).ok_or_else(|| {
        Error::invalid(
            format!("{POLICY}.periodicallyEvery"),
            "an interval the API can express: 5, 10, 15, 30, 60, 120, 240, 480 or 720 minutes",
            every.to_string(),
        )
    })
}

/// Sets a job's `nextRun` as the API writes it: the next run of `schedule`
/// after `now`, in RFC 3339 UTC with whole seconds, or `null` when there is
/// none (also past the year 9999, which RFC 3339 cannot write). Returns
/// that run.
pub(crate) fn fill_next_run(
    next_run: &mut Option<String>,
    extras: &mut Extras,
    schedule: &impl Timetable,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let next = schedule
        .next_run(now)
        .filter(|run| *run <= last_rfc3339_instant());
    *next_run = next.map(|run| run.to_rfc3339_opts(SecondsFormat::Secs, true));
    if next.is_none() {
        extras.set_null("nextRun");
    }
    next
}

/// The last instant RFC 3339 can write: 9999-12-31T23:59:59.999999999Z.
fn last_rfc3339_instant() -> DateTime<Utc> {
    DateTime::from_timestamp(253_402_300_799, 999_999_999).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_time_forms() {
        let t = |h, m, s| NaiveTime::from_hms_opt(h, m, s).unwrap();
        assert_eq!(parse_daily_time("00:00:00").unwrap(), t(0, 0, 0));
        assert_eq!(parse_daily_time("23:59:59").unwrap(), t(23, 59, 59));
        assert_eq!(parse_daily_time("07:05").unwrap(), t(7, 5, 0));
        for bad in [
            "24:00:00",
            "12:60",
            "12:00:60",
            "7:00",
            "07:00:0",
            "07-00",
            "",
            "07:00:00Z",
            "+7:00",
            "０７:００",
        ] {
            assert!(parse_daily_time(bad).is_err(), "{bad:?} accepted");
        }
    }
}
