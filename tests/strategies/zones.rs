//! Zones, instants near their offset changes, and schedules in a zone in
//! both forms: the zoned reference's [`ZSchedule`] and the engine's
//! [`ZonedSchedule`].
//!
//! Zones: Europe/Berlin, America/New_York, Australia/Lord_Howe (30-minute
//! change), Pacific/Chatham (+12:45/+13:45), Asia/Kolkata (none), any zone
//! of `chrono_tz::TZ_VARIANTS`, unusual historical changes ([`SPECIAL`]) and
//! the closest changes of the database ([`CLOSE`]). Instants: mostly within
//! 3 days of an offset change in 2020-2035, some anywhere in 1970-2090,
//! some around the end of the zone table (2099-2102). Daily times and
//! window hours are often placed relative to that change, so they land in
//! its gap or fold, or make a closed stretch that spans it.

use backup_schedule::{Schedule, TzSource, Zone, ZonedSchedule};
use chrono::NaiveDate;
use chrono_tz::{Tz, TZ_VARIANTS};
use proptest::prelude::*;
use proptest::sample::select;

use super::{forms, intervals, triggers, weekdays, windows};
use crate::reference::{RefSchedule, RefTrigger, RefWindow};
use crate::reference_zoned::scenarios::{self, AcrossChange};
use crate::reference_zoned::{self, Data, RefZone, ZSchedule, ZTrigger, HOURS};

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;
/// 1970-01-01 and 2090-01-01.
pub const YEAR_1970: i64 = 0;
pub const YEAR_2090: i64 = 3_786_825_600;
/// 2099-06-01 and 2102-06-01: around the last offset change of the
/// database (America/Adak, 2099-11-01) and the end of the zone table.
const TABLE_END_FROM: i64 = 4_083_523_200;
const TABLE_END_UNTIL: i64 = 4_178_131_200;

pub const NAMED_ZONES: [Tz; 5] = [
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Pacific::Chatham,
    chrono_tz::Asia::Kolkata,
];

/// Unusual changes, outside 2020-2035 or in zones drawn rarely: whole days
/// skipped (Apia, Kiritimati, Fakaofo), two-hour and three-hour steps (Troll,
/// Casey), half-hour and quarter-hour steps (Caracas, Pyongyang, Kathmandu,
/// Lord Howe's 1981 +10:30/+11:30), changes at local midnight (Santiago,
/// Havana), Ramadan changes (Casablanca), negative DST (Dublin).
pub const SPECIAL: [(Tz, i32); 16] = [
    (chrono_tz::Pacific::Apia, 2011),
    (chrono_tz::Pacific::Kiritimati, 1994),
    (chrono_tz::Pacific::Fakaofo, 2011),
    (chrono_tz::Antarctica::Troll, 2024),
    (chrono_tz::Antarctica::Casey, 2009),
    (chrono_tz::Antarctica::Casey, 2010),
    (chrono_tz::America::Caracas, 2007),
    (chrono_tz::America::Caracas, 2016),
    (chrono_tz::Asia::Pyongyang, 2015),
    (chrono_tz::Asia::Pyongyang, 2018),
    (chrono_tz::Asia::Kathmandu, 1986),
    (chrono_tz::Australia::Lord_Howe, 1981),
    (chrono_tz::America::Santiago, 2022),
    (chrono_tz::America::Havana, 2027),
    (chrono_tz::Africa::Casablanca, 2026),
    (chrono_tz::Europe::Dublin, 2027),
];

/// The closest offset changes chrono-tz 0.10 carries (found by walking
/// every zone from 1800 to 2105 in 12-hour steps): two changes a week or a
/// few apart, in one bucket of the zone table. The years hold the pair.
pub const CLOSE: [(Tz, i32); 6] = [
    (chrono_tz::Asia::Gaza, 2040),         // 10-20 and 10-27, 167 hours apart
    (chrono_tz::America::Noronha, 2000),   // 10-08 and 10-15, 167 hours
    (chrono_tz::Africa::Tunis, 1943),      // 04-17 and 04-25, 193 hours
    (chrono_tz::Europe::Simferopol, 1944), // +1 to +2 to +3, 237 hours apart
    (chrono_tz::Europe::Vienna, 1945),     // 04-02 and 04-12, 240 hours
    (chrono_tz::Europe::Riga, 1944),       // +2 to +1 to +3, 262 hours apart
];

/// The engine's source for the reference's data.
pub fn source(data: Data) -> TzSource {
    match data {
        Data::ChronoTz => TzSource::ChronoTz,
        Data::SystemTzif => TzSource::System,
        Data::BundledTzif => TzSource::Bundled,
    }
}

/// The data sources to test: those built in, the system's only where its
/// database is.
pub fn sources() -> Vec<Data> {
    [Data::SystemTzif, Data::BundledTzif, Data::ChronoTz]
        .into_iter()
        .filter(|&data| source(data).is_built_in())
        .filter(|&data| data != Data::SystemTzif || Zone::from_source("UTC", TzSource::System).is_ok())
        .collect()
}

/// The engine's `Zone` for a reference zone, from the same data.
pub fn zone(tz: RefZone) -> &'static Zone {
    super::zone_cache::zone_from(tz.name(), source(tz.data))
}

/// The reference trigger of the fixed-offset model for a zoned one (the
/// same fields, read on another clock).
pub fn ref_trigger(trigger: ZTrigger) -> RefTrigger {
    match trigger {
        ZTrigger::Immediate => RefTrigger::Immediate,
        ZTrigger::Daily { days, at_secs } => RefTrigger::Daily { days, at_secs },
        ZTrigger::Periodic { every_minutes } => RefTrigger::Periodic { every_minutes },
    }
}

/// The zoned reference trigger for a fixed-offset one.
pub fn zoned_trigger(trigger: RefTrigger) -> ZTrigger {
    match trigger {
        RefTrigger::Immediate => ZTrigger::Immediate,
        RefTrigger::Daily { days, at_secs } => ZTrigger::Daily { days, at_secs },
        RefTrigger::Periodic { every_minutes } => ZTrigger::Periodic { every_minutes },
    }
}

/// The engine's schedule for a zoned reference schedule, through the public
/// API, with the window's hours at `minute_offset` and the triggers read at
/// `trigger_offset` (neither is used in a zone).
pub fn to_engine_at(reference: &ZSchedule, minute_offset: i32, trigger_offset: i32) -> Schedule {
    forms::to_engine(&RefSchedule {
        trigger: ref_trigger(reference.trigger),
        trigger_offset,
        window: reference.window.map(|hours| RefWindow { hours, minute_offset }),
    })
}

/// The engine's schedule for a zoned reference schedule.
pub fn to_engine(reference: &ZSchedule) -> Schedule {
    to_engine_at(reference, 0, 0)
}

/// The engine's zoned schedule for a zoned reference schedule.
pub fn engine(reference: &ZSchedule) -> ZonedSchedule<'static> {
    to_engine(reference).in_zone(zone(reference.tz))
}

/// A zone: a named one, or any of chrono-tz's.
pub fn tz() -> impl Strategy<Value = Tz> {
    prop_oneof![3 => select(NAMED_ZONES.to_vec()), 1 => select(TZ_VARIANTS.to_vec())]
}

/// `tz` read from one of the [`sources`] that has it.
pub fn in_source(tz: impl Strategy<Value = Tz>) -> impl Strategy<Value = RefZone> {
    (tz, select(sources()))
        .prop_map(|(tz, data)| RefZone { tz, data })
        .prop_filter("the source has the zone", |zone| zone.exists())
}

/// A zone of [`tz`] from one of the [`sources`] that has it.
pub fn ref_zone() -> impl Strategy<Value = RefZone> {
    in_source(tz())
}

/// Where an instant comes from: near an offset change of the zone (the
/// `pick`-th change of `year`, moved by `delta` seconds), or anywhere.
#[derive(Clone, Copy, Debug)]
pub enum When {
    NearChange { year: i32, pick: usize, delta: i64 },
    Anywhere(i64),
}

fn delta() -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => -3 * DAY..=3 * DAY,
        2 => -7_200..=7_200i64,
        1 => (-288..=288i64).prop_map(|k| k * 900),
    ]
}

fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        6 => (2020..=2035i32, any::<usize>(), delta())
            .prop_map(|(year, pick, delta)| When::NearChange { year, pick, delta }),
        2 => (YEAR_1970..YEAR_2090).prop_map(When::Anywhere),
        1 => (TABLE_END_FROM..TABLE_END_UNTIL).prop_map(When::Anywhere),
    ]
}

/// A zone and where an instant in it comes from: mostly as [`tz`] and
/// [`when`], sometimes one of the [`SPECIAL`] changes, or between (or next
/// to) the two changes of a [`CLOSE`] pair.
pub fn tz_and_when() -> impl Strategy<Value = (RefZone, When)> {
    let near = |pairs: &[(Tz, i32)], delta: BoxedStrategy<i64>| {
        (select(pairs.to_vec()), select(sources()), any::<usize>(), delta)
            .prop_map(|((tz, year), data, pick, delta)| {
                (RefZone { tz, data }, When::NearChange { year, pick, delta })
            })
            .prop_filter("the source has the zone", |(zone, _)| zone.exists())
    };
    prop_oneof![
        12 => (ref_zone(), when()),
        2 => near(&SPECIAL, delta().boxed()),
        1 => near(&CLOSE, (-DAY..=12 * DAY).boxed()),
    ]
}

pub fn year_start(year: i32) -> i64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .expect("valid year")
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        .timestamp()
}

/// The change `when` is near (by the reference), if any, and the instant.
/// A zone with no change that year gets an instant somewhere in the year.
pub fn change_and_instant(tz: RefZone, when: When) -> (Option<i64>, i64) {
    match when {
        When::Anywhere(t) => (None, t),
        When::NearChange { year, pick, delta } => {
            let (from, to) = (year_start(year), year_start(year + 1));
            let changes = reference_zoned::offset_changes(tz, from, to);
            if changes.is_empty() {
                (None, from + (pick as i64).rem_euclid(to - from))
            } else {
                let change = changes[pick % changes.len()];
                (Some(change), change + delta)
            }
        }
    }
}

/// A `dailyTime`, fixed or relative to the change the instant is near.
#[derive(Clone, Copy, Debug)]
pub enum At {
    Fixed(u32),
    /// Seconds after the wall clock's reading at the change's first instant
    /// as the old offset would have it (the start of a gap, the end of a
    /// fold): around and inside the gap or fold.
    AroundChange(i64),
}

#[derive(Clone, Copy, Debug)]
pub enum TriggerSpec {
    Immediate,
    Daily { days: [bool; 7], at: At },
    Periodic { every_minutes: u32 },
}

/// The window's hours, fixed or relative to the change.
#[derive(Clone, Copy, Debug)]
pub enum HoursSpec {
    Fixed([bool; HOURS]),
    /// `len` hours from `before` hours before the wall-clock hour right after
    /// the change, on that day or on every day; or all hours but those.
    AroundChange {
        before: usize,
        len: usize,
        every_day: bool,
        invert: bool,
    },
}

pub fn trigger() -> impl Strategy<Value = TriggerSpec> {
    let around = prop_oneof![-3_600..=7_200i64, (-60..=120i64).prop_map(|m| m * 60)];
    prop_oneof![
        2 => (weekdays::days(), triggers::at_secs()).prop_map(|(days, at)| TriggerSpec::Daily { days, at: At::Fixed(at) }),
        2 => (weekdays::days(), around).prop_map(|(days, k)| TriggerSpec::Daily { days, at: At::AroundChange(k) }),
        4 => intervals::every_minutes().prop_map(|every_minutes| TriggerSpec::Periodic { every_minutes }),
        1 => Just(TriggerSpec::Immediate),
    ]
}

pub fn hours_spec() -> impl Strategy<Value = HoursSpec> {
    prop_oneof![
        3 => windows::hours().prop_map(HoursSpec::Fixed),
        2 => (0..=3usize, 1..=3usize, any::<bool>(), any::<bool>()).prop_map(|(before, len, every_day, invert)| {
            HoursSpec::AroundChange { before, len, every_day, invert }
        }),
    ]
}

pub fn maybe_hours_spec() -> impl Strategy<Value = Option<HoursSpec>> {
    prop_oneof![1 => Just(None), 4 => hours_spec().prop_map(Some)]
}

/// The reference schedule and the instant for generated specs.
pub fn build(tz: RefZone, when: When, trigger: TriggerSpec, hours: Option<HoursSpec>) -> (ZSchedule, i64) {
    let (change, t) = change_and_instant(tz, when);
    let trigger = match trigger {
        TriggerSpec::Immediate => ZTrigger::Immediate,
        TriggerSpec::Periodic { every_minutes } => ZTrigger::Periodic { every_minutes },
        TriggerSpec::Daily { days, at } => {
            let at_secs = match at {
                At::Fixed(at_secs) => at_secs,
                At::AroundChange(k) => scenarios::daily_time_near(tz, change, k),
            };
            ZTrigger::Daily { days, at_secs }
        }
    };
    let window = hours.map(|spec| match spec {
        HoursSpec::Fixed(hours) => hours,
        HoursSpec::AroundChange {
            before,
            len,
            every_day,
            invert,
        } => scenarios::hours_near(tz, change, before, len, every_day, invert),
    });
    (ZSchedule { tz, trigger, window }, t)
}

fn across_change() -> impl Strategy<Value = AcrossChange> {
    (
        1..=3i64,
        0..=3i64,
        any::<bool>(),
        any::<bool>(),
        0.0f64..1.0,
        0.0f64..1.0,
    )
        .prop_map(
            |(before, after, every_day, gap_open, trigger_at, query_at)| AcrossChange {
                before,
                after,
                // 1 s to `before` hours before the old reading.
                trigger_before: 1 + (trigger_at * (before * HOUR - 1) as f64) as i64,
                // Within `after + 1` hours after the change.
                query_after: (query_at * ((after + 1) * HOUR) as f64) as i64,
                every_day,
                gap_open,
            },
        )
}

/// The schedule and the instant of an [`AcrossChange`] at the change `when`
/// is near (or, with no change, as [`build`] with a daily 01:00 and two
/// hours closed every night).
pub fn build_across_change(tz: RefZone, when: When, spec: AcrossChange) -> (ZSchedule, i64) {
    match change_and_instant(tz, when).0 {
        Some(change) => scenarios::across_change(tz, change, spec),
        None => {
            let trigger = TriggerSpec::Daily {
                days: [true; 7],
                at: At::Fixed(3_600),
            };
            let hours = HoursSpec::AroundChange {
                before: 1,
                len: 2,
                every_day: true,
                invert: true,
            };
            build(tz, when, trigger, Some(hours))
        }
    }
}

/// Moves `t` onto something of the schedule, decided by the reference (never
/// the engine): `which` 0 keeps `t`; 1, 2, 3 put it on the next run, a second
/// before, a second after; 4 on the next opening; 5, 6 on the next closing, a
/// second before; 7, 8 on the previous run and a second after it.
pub fn snap(reference: &ZSchedule, t: i64, which: u8) -> i64 {
    let target = match which {
        1 => reference_zoned::next_run(reference, t),
        2 => reference_zoned::next_run(reference, t).map(|r| r - 1),
        3 => reference_zoned::next_run(reference, t).map(|r| r + 1),
        4 => reference_zoned::next_open(reference, t),
        5 => reference_zoned::next_close(reference, t),
        6 => reference_zoned::next_close(reference, t).map(|c| c - 1),
        7 => reference_zoned::prev_run(reference, t),
        8 => reference_zoned::prev_run(reference, t).map(|r| r + 1),
        _ => None,
    };
    target.unwrap_or(t)
}

/// A schedule in a zone and a whole second, often near an offset change
/// (with the daily time and the window's hours at that change), sometimes
/// in a closed stretch across the change with a trigger waiting from
/// before it, and often exactly on a run or a window edge, or a second off.
pub fn schedule_and_secs() -> impl Strategy<Value = (ZSchedule, i64)> {
    prop_oneof![
        3 => (tz_and_when(), trigger(), maybe_hours_spec(), 0..12u8).prop_map(|((tz, when), trigger, hours, which)| {
            let (s, t) = build(tz, when, trigger, hours);
            (s, snap(&s, t, which))
        }),
        1 => (tz_and_when(), across_change()).prop_map(|((tz, when), spec)| build_across_change(tz, when, spec)),
    ]
}

/// As [`schedule_and_secs`], always with a window.
pub fn windowed_schedule_and_secs() -> impl Strategy<Value = (ZSchedule, i64)> {
    prop_oneof![
        3 => (tz_and_when(), trigger(), hours_spec(), 0..12u8).prop_map(|((tz, when), trigger, hours, which)| {
            let (s, t) = build(tz, when, trigger, Some(hours));
            (s, snap(&s, t, which))
        }),
        1 => (tz_and_when(), across_change()).prop_map(|((tz, when), spec)| build_across_change(tz, when, spec)),
    ]
}
