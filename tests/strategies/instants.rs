//! Instants: whole Unix seconds (the reference's form) and `DateTime<Utc>`,
//! ordinary and hostile (at chrono's ends).

use chrono::{DateTime, Utc};
use proptest::prelude::*;

/// 1990-01-01T00:00:00Z and 2100-01-01T00:00:00Z.
pub const YEAR_1990: i64 = 631_152_000;
pub const YEAR_2100: i64 = 4_102_444_800;
/// 2026-01-01T00:00:00Z.
pub const YEAR_2026: i64 = 1_767_225_600;
const DAY: i64 = 86_400;

/// The first and the last whole second chrono's `DateTime<Utc>` holds.
pub fn min_secs() -> i64 {
    DateTime::<Utc>::MIN_UTC.timestamp()
}

pub fn max_secs() -> i64 {
    DateTime::<Utc>::MAX_UTC.timestamp()
}

/// Unix second `secs` as an instant.
pub fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("in chrono's range")
}

/// An answer as Unix seconds.
pub fn secs_of(t: Option<DateTime<Utc>>) -> Option<i64> {
    t.map(|t| t.timestamp())
}

/// What the engine answers where the reference (which works on any `i64`)
/// finds `secs`: nothing when it is past what `DateTime<Utc>` holds.
pub fn in_range(secs: Option<i64>) -> Option<i64> {
    secs.filter(|&secs| (min_secs()..=max_secs()).contains(&secs))
}

/// A whole Unix second, mostly 1990..2100, some on a day, hour or minute
/// boundary, some before 1970 or far in the future.
pub fn secs() -> impl Strategy<Value = i64> {
    let any_second = YEAR_1990..YEAR_2100;
    prop_oneof![
        4 => any_second.clone(),
        1 => any_second.clone().prop_map(|s| s - s.rem_euclid(60)),
        1 => any_second.clone().prop_map(|s| s - s.rem_euclid(3600)),
        1 => any_second.prop_map(|s| s - s.rem_euclid(DAY)),
        // Pre-1970 and far future, still well inside chrono's range.
        1 => -8_000_000_000i64..100_000_000_000i64,
    ]
}

/// A whole second within three weeks of chrono's first or last one: where
/// a run, a trigger or an opening can lie outside what `DateTime<Utc>`
/// holds.
pub fn hostile_secs() -> impl Strategy<Value = i64> {
    prop_oneof![
        (0..21 * DAY).prop_map(|k| min_secs() + k),
        (0..21 * DAY).prop_map(|k| max_secs() - k),
        Just(min_secs()),
        Just(max_secs()),
    ]
}

/// [`secs`], and sometimes [`hostile_secs`].
pub fn any_secs() -> impl Strategy<Value = i64> {
    prop_oneof![6 => secs(), 1 => hostile_secs()]
}

/// Nanoseconds of an instant: mostly none, some.
pub fn nanos() -> impl Strategy<Value = u32> {
    prop_oneof![3 => Just(0u32), 1 => 1..1_000_000_000u32, 1 => Just(999_999_999u32)]
}

/// An instant, some with a fraction of a second.
pub fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (secs(), nanos()).prop_map(|(s, n)| DateTime::from_timestamp(s, n).expect("in range"))
}

/// Some whole minute in 2026.
pub fn minute_2026() -> impl Strategy<Value = DateTime<Utc>> {
    (0..365 * 24 * 60i64).prop_map(|minute| at(YEAR_2026 + minute * 60))
}
