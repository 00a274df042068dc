//! Property tests for schedules evaluated in an IANA time zone: the engine
//! (`Schedule::in_zone`) against the naive zoned reference model
//! (`reference_zoned`, chrono + chrono-tz only), and the engine's own
//! invariants.
//!
//! Zones: Europe/Berlin, America/New_York, Australia/Lord_Howe (30-minute
//! change), Pacific/Chatham (+12:45/+13:45), Asia/Kolkata (none), any zone of
//! `chrono_tz::TZ_VARIANTS`, and a list of unusual historical changes
//! ([`SPECIAL`]). Instants: mostly within 3 days of an offset change in
//! 2020-2035, some anywhere in 1970-2090, many moved onto a run or a window
//! edge (or a second off). Daily times and window hours are often placed
//! relative to that change, so they land in its gap or fold.
//!
//! Every property runs on each data source built in (the system's tz
//! database when it is there, the bundled one, chrono-tz's), the source drawn
//! with the zone; the reference then reads the same data ([`RefZone`]:
//! chrono-tz, or jiff's reading of the same TZif files).
//!
//! 128 cases per property and source by default (a few seconds in a debug
//! build); set `PROPTEST_CASES` for a longer run.

#![cfg(any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono"))]

mod reference_zoned;

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use backup_schedule::{Interval, Schedule, Timetable, TzSource, Weekdays, Window, Zone, ZonedSchedule};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc, Weekday};
use chrono_tz::{Tz, TZ_VARIANTS};
use proptest::prelude::*;
use proptest::sample::select;

use reference_zoned::{Data, RefZone, ZSchedule, ZTrigger, HOURS};

const DAY: i64 = 86_400;
/// 1970-01-01 and 2090-01-01.
const YEAR_1970: i64 = 0;
const YEAR_2090: i64 = 3_786_825_600;

const NAMED_ZONES: [Tz; 5] = [
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Pacific::Chatham,
    chrono_tz::Asia::Kolkata,
];

/// Index 0 = Sunday, as in `backupWindow` and [`ZTrigger::Daily`].
const SUNDAY_FIRST: [Weekday; 7] = [
    Weekday::Sun,
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];

/// The engine's source for the reference's data.
fn source(data: Data) -> TzSource {
    match data {
        Data::ChronoTz => TzSource::ChronoTz,
        Data::SystemTzif => TzSource::System,
        Data::BundledTzif => TzSource::Bundled,
    }
}

/// The data sources to test: those built in, the system's only where its
/// database is.
fn sources() -> Vec<Data> {
    [Data::SystemTzif, Data::BundledTzif, Data::ChronoTz]
        .into_iter()
        .filter(|&data| source(data).is_built_in())
        .filter(|&data| data != Data::SystemTzif || Zone::from_source("UTC", TzSource::System).is_ok())
        .collect()
}

/// One prepared `Zone` per zone and source for the whole test binary.
fn zone(tz: RefZone) -> &'static Zone {
    static ZONES: OnceLock<Mutex<HashMap<RefZone, &'static Zone>>> = OnceLock::new();
    let mut zones = ZONES.get_or_init(Default::default).lock().expect("not poisoned");
    zones.entry(tz).or_insert_with(|| {
        let zone = Zone::from_source(tz.name(), source(tz.data)).unwrap_or_else(|err| panic!("{err}"));
        Box::leak(Box::new(zone))
    })
}

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("in range")
}

fn secs(t: Option<DateTime<Utc>>) -> Option<i64> {
    t.map(|t| t.timestamp())
}

/// The engine's schedule for a reference schedule, through the public API,
/// with the window's hours at `minute_offset` (unused in a zone).
fn to_engine(reference: &ZSchedule, minute_offset: i32) -> Schedule {
    let schedule = match reference.trigger {
        ZTrigger::Immediate => Schedule::immediate(),
        ZTrigger::Daily { days, at_secs } => {
            let mut set = Weekdays::NONE;
            for (index, &selected) in days.iter().enumerate() {
                if selected {
                    set = set.with(SUNDAY_FIRST[index]);
                }
            }
            let at = NaiveTime::from_num_seconds_from_midnight_opt(at_secs, 0).expect("at_secs < 86400");
            Schedule::daily(set, at).expect("whole seconds")
        }
        ZTrigger::Periodic { every_minutes } => {
            Schedule::periodic(Interval::from_minutes(every_minutes).expect("divides a day"))
        }
    };
    match &reference.window {
        None => schedule,
        Some(hours) => schedule.with_window(Window::new(hours, minute_offset).expect("offset in range")),
    }
}

fn engine(reference: &ZSchedule) -> ZonedSchedule<'static> {
    to_engine(reference, 0).in_zone(zone(reference.tz))
}

// ---------------------------------------------------------------- strategies

fn tz() -> impl Strategy<Value = Tz> {
    prop_oneof![3 => select(NAMED_ZONES.to_vec()), 1 => select(TZ_VARIANTS.to_vec())]
}

/// A zone of [`tz`] from one of the [`sources`] that has it.
fn ref_zone() -> impl Strategy<Value = RefZone> {
    (tz(), select(sources()))
        .prop_map(|(tz, data)| RefZone { tz, data })
        .prop_filter("the source has the zone", |zone| zone.exists())
}

fn hours_from(cells: impl IntoIterator<Item = usize>) -> [bool; HOURS] {
    let mut hours = [false; HOURS];
    for cell in cells {
        hours[cell % HOURS] = true;
    }
    hours
}

/// The 168 wall-clock hours, with families that open or close in the night
/// hours where daylight-saving changes happen.
fn hours() -> impl Strategy<Value = [bool; HOURS]> {
    prop_oneof![
        2 => prop::collection::vec(any::<bool>(), HOURS)
            .prop_map(|v| <[bool; HOURS]>::try_from(v).expect("168 elements")),
        2 => (0..HOURS).prop_map(|h| hours_from([h])),
        // One to three night hours on some days.
        3 => (any::<[bool; 7]>(), 0..5usize, 1..=3usize).prop_map(|(days, from, len)| {
            hours_from((0..7).filter(|&d| days[d]).flat_map(|d| (from..from + len).map(move |h| d * 24 + h)))
        }),
        // All but a few night hours on some days.
        2 => (any::<[bool; 7]>(), 0..5usize, 1..=2usize).prop_map(|(days, from, len)| {
            hours_from((0..7).filter(|&d| days[d]).flat_map(|d| (from..from + len).map(move |h| d * 24 + h)))
                .map(|closed| !closed)
        }),
        1 => prop::collection::vec(0..HOURS, 1..=5).prop_map(hours_from),
        1 => Just([true; HOURS]),
        1 => Just([false; HOURS]),
    ]
}

fn days() -> impl Strategy<Value = [bool; 7]> {
    let sets = vec![
        [true; 7],
        [false, true, true, true, true, true, false],
        [true, false, false, false, false, false, true],
    ];
    prop_oneof![
        2 => select(sets),
        1 => (0..7usize).prop_map(|d| {
            let mut days = [false; 7];
            days[d] = true;
            days
        }),
        1 => any::<[bool; 7]>(),
    ]
}

/// A `dailyTime`: any second, whole minutes of the night, or a time at the
/// edge of some zone's gap or fold.
fn at_secs() -> impl Strategy<Value = u32> {
    let edges: Vec<u32> = [
        (0, 0, 0),
        (0, 30, 0),
        (1, 0, 0),
        (1, 29, 59),
        (1, 30, 0),
        (1, 59, 59),
        (2, 0, 0),
        (2, 15, 0),
        (2, 29, 59),
        (2, 30, 0),
        (2, 44, 59),
        (2, 45, 0),
        (2, 59, 59),
        (3, 0, 0),
        (3, 30, 0),
        (3, 44, 59),
        (3, 45, 0),
        (23, 59, 59),
    ]
    .iter()
    .map(|&(h, m, s)| h * 3600 + m * 60 + s)
    .collect();
    prop_oneof![
        2 => 0..86_400u32,
        2 => (0..6 * 60u32).prop_map(|m| m * 60),
        2 => select(edges),
    ]
}

/// Unusual changes, outside 2020-2035 or in zones drawn rarely: whole days
/// skipped (Apia, Kiritimati, Fakaofo), two-hour and three-hour steps (Troll,
/// Casey), half-hour and quarter-hour steps (Caracas, Pyongyang, Kathmandu,
/// Lord Howe's 1981 +10:30/+11:30), changes at local midnight (Santiago,
/// Havana), Ramadan changes (Casablanca), negative DST (Dublin).
const SPECIAL: [(Tz, i32); 16] = [
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

/// Where an instant comes from: near an offset change of the zone (the
/// `pick`-th change of `year`, moved by `delta` seconds), or anywhere.
#[derive(Clone, Copy, Debug)]
enum When {
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
        3 => (2020..=2035i32, any::<usize>(), delta())
            .prop_map(|(year, pick, delta)| When::NearChange { year, pick, delta }),
        1 => (YEAR_1970..YEAR_2090).prop_map(When::Anywhere),
    ]
}

/// A zone and where an instant in it comes from: mostly as [`tz`] and
/// [`when`], sometimes one of the [`SPECIAL`] changes.
fn tz_and_when() -> impl Strategy<Value = (RefZone, When)> {
    prop_oneof![
        6 => (ref_zone(), when()),
        1 => (select(SPECIAL.to_vec()), select(sources()), any::<usize>(), delta())
            .prop_map(|((tz, year), data, pick, delta)| (RefZone { tz, data }, When::NearChange { year, pick, delta }))
            .prop_filter("the source has the zone", |(zone, _)| zone.exists()),
    ]
}

fn year_start(year: i32) -> i64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .expect("valid year")
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        .timestamp()
}

/// The change `when` is near (by the reference), if any, and the instant.
/// A zone with no change that year gets an instant somewhere in the year.
fn change_and_instant(tz: RefZone, when: When) -> (Option<i64>, i64) {
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
enum At {
    Fixed(u32),
    /// Seconds after the wall clock's reading at the change's first instant
    /// as the old offset would have it (the start of a gap, the end of a
    /// fold): around and inside the gap or fold.
    AroundChange(i64),
}

#[derive(Clone, Copy, Debug)]
enum TriggerSpec {
    Immediate,
    Daily { days: [bool; 7], at: At },
    Periodic { every_minutes: u32 },
}

/// The window's hours, fixed or relative to the change.
#[derive(Clone, Copy, Debug)]
enum HoursSpec {
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

fn trigger() -> impl Strategy<Value = TriggerSpec> {
    let intervals: Vec<u32> = vec![1, 5, 10, 15, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1440];
    let around = prop_oneof![-3_600..=7_200i64, (-60..=120i64).prop_map(|m| m * 60)];
    prop_oneof![
        2 => (days(), at_secs()).prop_map(|(days, at)| TriggerSpec::Daily { days, at: At::Fixed(at) }),
        2 => (days(), around).prop_map(|(days, k)| TriggerSpec::Daily { days, at: At::AroundChange(k) }),
        4 => select(intervals).prop_map(|every_minutes| TriggerSpec::Periodic { every_minutes }),
        1 => Just(TriggerSpec::Immediate),
    ]
}

fn hours_spec() -> impl Strategy<Value = HoursSpec> {
    prop_oneof![
        3 => hours().prop_map(HoursSpec::Fixed),
        2 => (0..=3usize, 1..=3usize, any::<bool>(), any::<bool>()).prop_map(|(before, len, every_day, invert)| {
            HoursSpec::AroundChange { before, len, every_day, invert }
        }),
    ]
}

fn maybe_hours_spec() -> impl Strategy<Value = Option<HoursSpec>> {
    prop_oneof![1 => Just(None), 4 => hours_spec().prop_map(Some)]
}

/// The reference schedule and the instant for generated specs.
fn build(tz: RefZone, when: When, trigger: TriggerSpec, hours: Option<HoursSpec>) -> (ZSchedule, i64) {
    let (change, t) = change_and_instant(tz, when);
    // The wall clock at the change's first second as the old offset reads it:
    // the second after the old offset's last wall time.
    let old_reading = change.map(|c| reference_zoned::wall(tz, c - 1) + chrono::Duration::seconds(1));
    let trigger = match trigger {
        TriggerSpec::Immediate => ZTrigger::Immediate,
        TriggerSpec::Periodic { every_minutes } => ZTrigger::Periodic { every_minutes },
        TriggerSpec::Daily { days, at } => {
            let at_secs = match at {
                At::Fixed(at_secs) => at_secs,
                At::AroundChange(k) => {
                    let base = old_reading.map_or(0, |w| i64::from(w.num_seconds_from_midnight()));
                    (base + k).rem_euclid(DAY) as u32
                }
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
        } => {
            // The wall-clock hour right after the change (Sunday 03:00 for
            // Berlin in spring, Sunday 02:00 in autumn).
            let after = change.map(|c| reference_zoned::wall(tz, c));
            let (day, hour) = after.map_or((0, 2), |w| {
                (w.weekday().num_days_from_sunday() as usize, w.hour() as usize)
            });
            let first = (day * 24 + hour + HOURS - before) % HOURS;
            let cells: Vec<usize> = (0..len)
                .flat_map(|i| {
                    let cell = first + i;
                    let days = if every_day { 0..7 } else { 0..1 };
                    days.map(move |d| cell + d * 24)
                })
                .collect();
            let hours = hours_from(cells);
            if invert {
                hours.map(|allowed| !allowed)
            } else {
                hours
            }
        }
    });
    (ZSchedule { tz, trigger, window }, t)
}

/// Moves `t` onto something of the schedule, decided by the reference (never
/// the engine): `which` 0 keeps `t`; 1, 2, 3 put it on the next run, a second
/// before, a second after; 4 on the next opening; 5, 6 on the next closing, a
/// second before.
fn snap(reference: &ZSchedule, t: i64, which: u8) -> i64 {
    let target = match which {
        1 => reference_zoned::next_run(reference, t),
        2 => reference_zoned::next_run(reference, t).map(|r| r - 1),
        3 => reference_zoned::next_run(reference, t).map(|r| r + 1),
        4 => reference_zoned::next_open(reference, t),
        5 => reference_zoned::next_close(reference, t),
        6 => reference_zoned::next_close(reference, t).map(|c| c - 1),
        _ => None,
    };
    target.unwrap_or(t)
}

/// A schedule in a zone and a whole second, often near an offset change (with
/// the daily time and the window's hours at that change) and often exactly on
/// a run or a window edge, or a second off.
fn schedule_and_secs() -> impl Strategy<Value = (ZSchedule, i64)> {
    (tz_and_when(), trigger(), maybe_hours_spec(), 0..10u8).prop_map(|((tz, when), trigger, hours, which)| {
        let (s, t) = build(tz, when, trigger, hours);
        let t = snap(&s, t, which);
        (s, t)
    })
}

/// As [`schedule_and_secs`], always with a window.
fn windowed_schedule_and_secs() -> impl Strategy<Value = (ZSchedule, i64)> {
    (tz_and_when(), trigger(), hours_spec(), 0..10u8).prop_map(|((tz, when), trigger, hours, which)| {
        let (s, t) = build(tz, when, trigger, Some(hours));
        let t = snap(&s, t, which);
        (s, t)
    })
}

// ---------------------------------------------------------------- properties

/// Cases per property: 128, or `PROPTEST_CASES` when set (for a longer run).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(128)
        * sources().len() as u32
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// `next_run` equals the reference's.
    #[test]
    fn next_run_matches_reference((s, t) in schedule_and_secs()) {
        let zoned = engine(&s);
        prop_assert_eq!(
            secs(zoned.next_run(at(t))),
            reference_zoned::next_run(&s, t),
            "{} at {} (wall {})", s.tz.name(), at(t), reference_zoned::wall(s.tz, t)
        );
    }

    /// `is_open`, `next_open`, `start_for_restore_point` and `next_close`
    /// equal the reference's.
    #[test]
    fn window_queries_match_reference((s, t) in windowed_schedule_and_secs()) {
        let zoned = engine(&s);
        let t_at = at(t);
        let wall = reference_zoned::wall(s.tz, t);
        prop_assert_eq!(zoned.is_open(t_at), reference_zoned::is_open(&s, t), "is_open {} at {} (wall {})", s.tz.name(), t_at, wall);
        let next_open = reference_zoned::next_open(&s, t);
        prop_assert_eq!(secs(zoned.next_open(t_at)), next_open, "next_open {} at {} (wall {})", s.tz.name(), t_at, wall);
        prop_assert_eq!(secs(zoned.next_open(t_at)), next_open, "start_for_restore_point {} at {}", s.tz.name(), t_at);
        prop_assert_eq!(
            secs(zoned.next_close(t_at)),
            reference_zoned::next_close(&s, t),
            "next_close {} at {} (wall {})", s.tz.name(), t_at, wall
        );
    }

    /// The runs from `t` are strictly increasing, each is repeated
    /// `next_run`, each falls in an open wall-clock hour (by the reference),
    /// and each is a trigger or an opening of the window (closed the second
    /// before). The first three equal the reference's.
    #[test]
    fn runs_increase_and_fall_in_open_hours((s, t) in schedule_and_secs()) {
        let zoned = engine(&s);
        let runs: Vec<_> = zoned.upcoming(at(t)).take(8).collect();
        let mut previous = t;
        for (i, run) in runs.iter().map(|r| r.timestamp()).enumerate() {
            prop_assert!(run > previous, "run {} = {} not after {}", i, at(run), at(previous));
            prop_assert_eq!(secs(zoned.next_run(at(previous))), Some(run), "run {}", i);
            prop_assert!(reference_zoned::is_open(&s, run), "run {} at {} (wall {}) in a closed hour", i, at(run), reference_zoned::wall(s.tz, run));
            let opening = !reference_zoned::is_open(&s, run - 1);
            let trigger = reference_zoned::is_trigger(&s, run);
            prop_assert!(opening || trigger, "run {} at {} (wall {}) is neither a trigger nor an opening", i, at(run), reference_zoned::wall(s.tz, run));
            if i < 3 {
                prop_assert_eq!(Some(run), reference_zoned::next_run(&s, previous), "run {} after {}", i, at(previous));
            }
            previous = run;
        }
        if runs.len() < 8 {
            prop_assert_eq!(zoned.next_run(at(previous)), None);
        }
    }

    /// `next_run` is constant on `[t, next_run(t))`, sub-second instants
    /// included, and changes at the run.
    #[test]
    fn next_run_is_constant_until_the_run(
        (s, t) in schedule_and_secs(),
        fractions in prop::collection::vec(0.0f64..1.0, 4),
        nanos in 0..1_000_000_000u32,
    ) {
        let zoned = engine(&s);
        let start = at(t);
        let run = zoned.next_run(start);
        let end = run.map_or(t + 16 * DAY, |r| r.timestamp());
        let mut points = vec![t, end - 1];
        points.extend(fractions.iter().map(|f| t + ((end - t) as f64 * f) as i64));
        for p in points.into_iter().filter(|&p| p >= t && p < end) {
            prop_assert_eq!(zoned.next_run(at(p)), run, "from {}", at(p));
            let inside = DateTime::from_timestamp(p, nanos).expect("in range");
            prop_assert_eq!(zoned.next_run(inside), run, "from {}", inside);
        }
        if let Some(run) = run {
            prop_assert!(zoned.next_run(run).is_none_or(|next| next > run));
        }
    }

    /// In a zone the window's `minuteOffset` is not used.
    #[test]
    fn minute_offset_is_unused((s, t) in windowed_schedule_and_secs(), minute_offset in -1439..=1439i32) {
        let zone = zone(s.tz);
        let plain = to_engine(&s, 0).in_zone(zone);
        let shifted = to_engine(&s, minute_offset).in_zone(zone);
        let t = at(t);
        prop_assert_eq!(plain.is_open(t), shifted.is_open(t));
        prop_assert_eq!(plain.next_open(t), shifted.next_open(t));
        prop_assert_eq!(plain.next_close(t), shifted.next_close(t));
        prop_assert_eq!(plain.upcoming(t).take(4).collect::<Vec<_>>(), shifted.upcoming(t).take(4).collect::<Vec<_>>());
    }

    /// `offset_drift` marks exactly the instants at which the zone's offset
    /// (by the reference) differs from the fixed one, in maximal periods.
    #[test]
    fn offset_drift_matches_reference(
        tz in ref_zone(),
        minute_offset in prop_oneof![select(vec![0, 60, 120, -300, -240, 330, 630, 660, 765, 825]), -1439..=1439i32],
        from in 3 * 365 * DAY..YEAR_2090,
        length in prop_oneof![0..=40 * DAY, 0..=400 * DAY],
        samples in prop::collection::vec(0.0f64..1.0, 8),
    ) {
        // From 1973: Africa/Monrovia's offset was -0:44:30 until 1972, not whole minutes.
        let until = from + length;
        let offset_minutes = |t: i64| reference_zoned::offset_secs(tz, t) / 60;
        let drifts = zone(tz).offset_drift(minute_offset, at(from), at(until));
        let mut previous_end = from;
        for drift in &drifts {
            let (start, end) = (drift.from.timestamp(), drift.until.timestamp());
            prop_assert!(previous_end <= start && start < end && end <= until, "{:?} in [{}, {})", drift, at(from), at(until));
            prop_assert_eq!(drift.policy_minute_offset, minute_offset);
            prop_assert!(i64::from(drift.zone_minute_offset) != i64::from(minute_offset));
            prop_assert_eq!(drift.shift_minutes(), drift.zone_minute_offset - minute_offset);
            for p in [start, end - 1] {
                prop_assert_eq!(offset_minutes(p), i64::from(drift.zone_minute_offset), "{:?} at {}", drift, at(p));
            }
            // Maximal: the offset differs on the other side of each edge that is
            // not an edge of the range.
            if start > from {
                prop_assert!(offset_minutes(start - 1) != i64::from(drift.zone_minute_offset), "{:?} not maximal", drift);
            }
            if end < until {
                prop_assert!(offset_minutes(end) != i64::from(drift.zone_minute_offset), "{:?} not maximal", drift);
            }
            previous_end = end;
        }
        // Every sampled instant: in a drift iff the offset differs, with that offset.
        for f in samples {
            let p = from + ((until - from) as f64 * f) as i64;
            if p >= until {
                continue;
            }
            let covering = drifts.iter().find(|d| d.from.timestamp() <= p && p < d.until.timestamp());
            match covering {
                Some(drift) => prop_assert_eq!(offset_minutes(p), i64::from(drift.zone_minute_offset)),
                None => prop_assert_eq!(offset_minutes(p), i64::from(minute_offset), "at {}: no drift", at(p)),
            }
        }
    }
}

/// A zone with no daylight saving since 1945 behaves as the fixed offset:
/// Asia/Kolkata against `minuteOffset` 330, for any window and a grid whose
/// interval divides 330 minutes (so the local-midnight grid is the UTC one).
#[test]
fn kolkata_grid_equals_fixed_offset() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases()));
    let strategy = (
        hours(),
        select(vec![1u32, 2, 3, 5, 6, 10, 15, 30]),
        YEAR_1970..YEAR_2090,
    );
    let kolkata = (select(sources())).prop_map(|data| RefZone {
        tz: chrono_tz::Asia::Kolkata,
        data,
    });
    runner
        .run(&(strategy, kolkata), |((hours, every, t), kolkata)| {
            let every = Schedule::periodic(Interval::from_minutes(every).expect("divides a day"));
            let zoned = every
                .with_window(Window::new(&hours, 0).expect("valid"))
                .in_zone(zone(kolkata));
            let fixed = every.with_window(Window::new(&hours, 330).expect("valid"));
            let t = at(t);
            prop_assert_eq!(zoned.next_run(t), fixed.next_run(t));
            prop_assert_eq!(zoned.is_open(t), fixed.is_open(t));
            prop_assert_eq!(zoned.next_open(t), fixed.next_open(t));
            prop_assert_eq!(zoned.next_close(t), fixed.next_close(t));
            Ok(())
        })
        .unwrap();
}

/// The reference itself against hand-derived values (the same derivations as
/// `tests/zone_golden.rs`: zone offsets and change instants checked with
/// python's `zoneinfo`), so that agreeing with it means something.
#[test]
fn reference_matches_hand_values() {
    for data in [Data::ChronoTz, Data::SystemTzif, Data::BundledTzif] {
        if !(RefZone {
            tz: chrono_tz::Europe::Berlin,
            data,
        })
        .exists()
        {
            println!("{data:?}: no such data here, skipped");
            continue;
        }
        let utc = |s: &str| {
            DateTime::parse_from_rfc3339(s)
                .unwrap_or_else(|e| panic!("{s}: {e}"))
                .timestamp()
        };
        let runs = |s: &ZSchedule, after: &str, n: usize| {
            let mut out = Vec::new();
            let mut t = utc(after);
            for _ in 0..n {
                match reference_zoned::next_run(s, t) {
                    Some(run) => {
                        out.push(run);
                        t = run;
                    }
                    None => break,
                }
            }
            out
        };
        let everyday = |h: u32, m: u32| ZTrigger::Daily {
            days: [true; 7],
            at_secs: h * 3600 + m * 60,
        };
        let with = |tz: RefZone, trigger: ZTrigger, cells: &[usize]| ZSchedule {
            tz,
            trigger,
            window: if cells.is_empty() {
                None
            } else {
                Some(hours_from(cells.iter().copied()))
            },
        };
        let in_data = |tz| RefZone { tz, data };
        let berlin = in_data(chrono_tz::Europe::Berlin);
        let new_york = in_data(chrono_tz::America::New_York);
        let lord_howe = in_data(chrono_tz::Australia::Lord_Howe);
        let chatham = in_data(chrono_tz::Pacific::Chatham);

        // Berlin, gap 2027-03-28 01:00Z: 02:30 CET 03-27 = 01:30Z, 03-28 -> 03:30 CEST =
        // 01:30Z, 03-29 02:30 CEST = 00:30Z.
        assert_eq!(
            runs(&with(berlin, everyday(2, 30), &[]), "2027-03-26T12:00:00Z", 3),
            [
                utc("2027-03-27T01:30:00Z"),
                utc("2027-03-28T01:30:00Z"),
                utc("2027-03-29T00:30:00Z")
            ]
        );
        // Berlin, fold 2027-10-31 01:00Z: 02:30 once, CEST = 00:30Z; 11-01 CET = 01:30Z.
        assert_eq!(
            runs(&with(berlin, everyday(2, 30), &[]), "2027-10-30T12:00:00Z", 2),
            [utc("2027-10-31T00:30:00Z"), utc("2027-11-01T01:30:00Z")]
        );
        // Berlin hourly over the fold: 02:00 CEST = 00:00Z, 02:00 CET = 01:00Z, 03:00 CET.
        assert_eq!(
            runs(
                &with(berlin, ZTrigger::Periodic { every_minutes: 60 }, &[]),
                "2027-10-30T23:30:00Z",
                3
            ),
            [
                utc("2027-10-31T00:00:00Z"),
                utc("2027-10-31T01:00:00Z"),
                utc("2027-10-31T02:00:00Z")
            ]
        );
        // Lord Howe hourly over the 30-minute gap (2027-10-02 15:30Z, +10:30 -> +11):
        // 01:00 = 14:30Z, 02:00 skipped, 03:00 (+11) = 16:00Z.
        assert_eq!(
            runs(
                &with(lord_howe, ZTrigger::Periodic { every_minutes: 60 }, &[]),
                "2027-10-02T14:00:00Z",
                2
            ),
            [utc("2027-10-02T14:30:00Z"), utc("2027-10-02T16:00:00Z")]
        );
        // Lord Howe daily 02:15 in the gap -> 02:45 (+11) = 10-02 15:45Z.
        assert_eq!(
            runs(&with(lord_howe, everyday(2, 15), &[]), "2027-10-02T12:00:00Z", 1),
            [utc("2027-10-02T15:45:00Z")]
        );
        // New York, window 03:00-04:00 daily, daily 01:30: on 11-07 01:30 EDT = 05:30Z
        // waits for 03:00 EST = 08:00Z.
        let three: Vec<usize> = (0..7).map(|d| d * 24 + 3).collect();
        assert_eq!(
            runs(
                &with(new_york, everyday(1, 30), &three),
                "2027-11-07T00:00:00Z",
                1
            ),
            [utc("2027-11-07T08:00:00Z")]
        );
        // Chatham window Sunday 03:00-04:00 over the fold (2027-04-03 14:00Z, +13:45 ->
        // +12:45): open 13:15Z-14:00Z, closed 14:00Z-14:15Z (02:45-03:00 again), open
        // 14:15Z-15:15Z.
        let sunday_3 = with(chatham, ZTrigger::Immediate, &[3]);
        assert!(!reference_zoned::is_open(&sunday_3, utc("2027-04-03T13:14:59Z")));
        assert!(reference_zoned::is_open(&sunday_3, utc("2027-04-03T13:15:00Z")));
        assert!(!reference_zoned::is_open(&sunday_3, utc("2027-04-03T14:00:00Z")));
        assert_eq!(
            reference_zoned::next_close(&sunday_3, utc("2027-04-03T13:15:00Z")),
            Some(utc("2027-04-03T14:00:00Z"))
        );
        assert_eq!(
            reference_zoned::next_open(&sunday_3, utc("2027-04-03T14:00:00Z")),
            Some(utc("2027-04-03T14:15:00Z"))
        );
        assert_eq!(
            reference_zoned::next_close(&sunday_3, utc("2027-04-03T14:00:00Z")),
            Some(utc("2027-04-03T15:15:00Z"))
        );
        // Africa/Monrovia at UTC-0:44:30 (1971): hourly at hh:44:30Z; the change to UTC
        // at 1972-01-07 00:44:30Z skips local 00:00.
        let monrovia = in_data(chrono_tz::Africa::Monrovia);
        assert_eq!(
            runs(
                &with(monrovia, ZTrigger::Periodic { every_minutes: 60 }, &[]),
                "1971-06-01T00:00:00Z",
                1
            ),
            [utc("1971-06-01T00:44:30Z")]
        );
        assert_eq!(
            runs(
                &with(monrovia, ZTrigger::Periodic { every_minutes: 60 }, &[]),
                "1972-01-06T23:50:00Z",
                1
            ),
            [utc("1972-01-07T01:00:00Z")]
        );
        // Offset changes found by the reference: Berlin's two in 2027.
        assert_eq!(
            reference_zoned::offset_changes(berlin, utc("2027-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z")),
            [utc("2027-03-28T01:00:00Z"), utc("2027-10-31T01:00:00Z")]
        );
    }
}
