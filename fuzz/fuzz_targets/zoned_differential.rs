//! A fuzz-only description of a schedule evaluated in an IANA zone
//! (`Schedule::in_zone`): daily (any time, or a time at the gap or fold of
//! a change), periodic or immediate; a window or none (any hours, hours at
//! the change, or a closed stretch that spans the change with a trigger
//! waiting from before it); and a few instants near the zone's offset
//! changes, anywhere in 1900-2100, past the end of the zone table, or at
//! chrono's ends.
//!
//! At the first instant, `next_run`, `prev_run`, `explain_next`,
//! `explain_event`, the window queries and the scheduler's questions
//! (`count_between`, `missed`, `catch_up`, staggering; also on ranges at
//! chrono's ends) are checked against the zoned
//! reference model of `tests/reference_zoned/mod.rs` (chrono-tz read one
//! instant at a time, never the crate). Past the table and before it, where
//! a zone keeps one offset, the zoned schedule must be the fixed-offset one
//! with its triggers and window read at that offset. At every instant: the
//! runs' invariants, and the window's `minuteOffset` and the triggers'
//! offset must not matter.

#![no_main]

mod common;
#[path = "../../tests/strategies/zone_cache.rs"]
mod zone_cache;

use arbitrary::Arbitrary;
use backup_schedule::{Schedule, Timetable, TzSource, ZonedSchedule};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use chrono_tz::{Tz, TZ_VARIANTS};
use libfuzzer_sys::fuzz_target;
use zone_cache::zone_from;

use common::input::{Hours, Offset, Queries};
use common::DIVISORS;
use common::reference_zoned::scenarios::{self, AcrossChange};
use common::reference::{RefSchedule, RefTrigger, RefWindow};
use common::reference_zoned::{self as reference, Data, RefZone, ZSchedule, ZTrigger};

/// Zones with unusual changes, drawn often: gaps and folds of an hour, half
/// an hour (Lord Howe), 45 minutes off the hour (Chatham), whole days
/// (Apia, Kiritimati), two hours (Troll), changes a week apart (Gaza,
/// Noronha), seconds in the offset (Monrovia until 1972), the last change
/// of the database (Adak, 2099), and none (Kolkata).
const ZONES: [Tz; 16] = [
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Pacific::Chatham,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Pacific::Apia,
    chrono_tz::Pacific::Kiritimati,
    chrono_tz::Antarctica::Troll,
    chrono_tz::Asia::Gaza,
    chrono_tz::America::Noronha,
    chrono_tz::Africa::Monrovia,
    chrono_tz::America::Adak,
    chrono_tz::Africa::Casablanca,
    chrono_tz::Europe::Dublin,
    chrono_tz::America::Santiago,
    chrono_tz::Asia::Kathmandu,
];


const DAY: i64 = 86_400;
/// 1900-01-01, 1799-01-01, 2102-01-01: the zone table covers 1800-2101.
const YEAR_1900: i64 = -2_208_988_800;
const YEAR_1799: i64 = -5_396_198_400;
const YEAR_2102: i64 = 4_165_516_800;

#[derive(Arbitrary, Debug)]
enum ZoneChoice {
    Unusual(u8),
    Any(u16),
}

#[derive(Arbitrary, Debug)]
enum FuzzTrigger {
    Immediate,
    /// Days as bits (bit 0 = Sunday), seconds after midnight.
    Daily {
        days: u8,
        secs: u32,
    },
    /// Days as bits, and a time `secs` seconds after the change's old
    /// reading: at the gap or fold.
    DailyAtChange {
        days: u8,
        secs: i16,
    },
    Periodic(u8),
}

#[derive(Arbitrary, Debug)]
enum FuzzHours {
    Hours(Hours),
    /// `len` hours from `before` hours before the hour right after the
    /// change, that day or every day; or all hours but those.
    NearChange {
        before: u8,
        len: u8,
        every_day: bool,
        invert: bool,
    },
}

/// An instant to ask about.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum ZInstant {
    /// Near the `pick`-th offset change of the year `1900 + year % 201`,
    /// `delta` seconds from it (up to about 9 days).
    NearChange {
        year: u8,
        pick: u8,
        delta: i32,
    },
    /// Seconds after 1900-01-01 (to 2036).
    Since1900 {
        secs: u32,
    },
    /// Seconds after 2102-01-01, past the zone table (to 2238).
    PastTable {
        secs: u32,
    },
    /// Seconds after chrono's first instant, or before its last.
    NearMin {
        secs: u32,
    },
    NearMax {
        secs: u32,
    },
}

#[derive(Arbitrary, Debug)]
enum Shape {
    /// A trigger and a window as given.
    Free {
        trigger: FuzzTrigger,
        window: Option<FuzzHours>,
    },
    /// A closed stretch across the change the first instant is near, a
    /// daily trigger in it before the change; the first instant becomes
    /// `query_after` seconds after the change.
    AcrossChange {
        before: u8,
        after: u8,
        trigger_before: u16,
        query_after: u16,
        every_day: bool,
        gap_open: bool,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    zone: ZoneChoice,
    shape: Shape,
    /// Must not matter in a zone.
    minute_offset: Offset,
    trigger_offset: Offset,
    instants: Vec<ZInstant>,
    /// Stagger and catch-up parameters for the scheduler's questions.
    queries: Queries,
}

fuzz_target!(|input: Input| check(input));

fn year_start(year: i32) -> i64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .expect("a year chrono holds")
        .and_time(NaiveTime::MIN)
        .and_utc()
        .timestamp()
}

/// The instant, and the change it is near (by the reference), if any.
fn resolve(tz: RefZone, when: ZInstant) -> (i64, Option<i64>) {
    let (min, max) = (common::min_secs(), common::max_secs());
    match when {
        ZInstant::NearChange { year, pick, delta } => {
            let year = 1900 + i32::from(year) % 201;
            let (from, until) = (year_start(year), year_start(year + 1));
            let changes = reference::offset_changes(tz, from, until);
            match changes.get(usize::from(pick) % changes.len().max(1)) {
                Some(&change) => (change + i64::from(delta % 800_000), Some(change)),
                None => (from + i64::from(delta).rem_euclid(until - from), None),
            }
        }
        ZInstant::Since1900 { secs } => (YEAR_1900 + i64::from(secs), None),
        ZInstant::PastTable { secs } => (YEAR_2102 + i64::from(secs), None),
        ZInstant::NearMin { secs } => (min + i64::from(secs % (30 * 86_400)), None),
        ZInstant::NearMax { secs } => (max - i64::from(secs % (30 * 86_400)), None),
    }
}

fn days_of(bits: u8) -> [bool; 7] {
    core::array::from_fn(|day| bits >> day & 1 == 1)
}

/// The reference schedule of the shape, and the first instant (moved onto
/// the stretch for [`Shape::AcrossChange`]).
fn model(tz: RefZone, shape: &Shape, first: i64, change: Option<i64>) -> (ZSchedule, i64) {
    match *shape {
        Shape::AcrossChange {
            before,
            after,
            trigger_before,
            query_after,
            every_day,
            gap_open,
        } => {
            let Some(change) = change else {
                return (
                    ZSchedule {
                        tz,
                        trigger: ZTrigger::Daily {
                            days: [true; 7],
                            at_secs: 3_600,
                        },
                        window: Some(scenarios::hours_near(tz, None, 1, 2, true, true)),
                    },
                    first,
                );
            };
            let before = 1 + i64::from(before % 3);
            let after = i64::from(after % 4);
            let spec = AcrossChange {
                before,
                after,
                trigger_before: 1 + i64::from(trigger_before) % (before * 3_600 - 1),
                query_after: i64::from(query_after) % ((after + 1) * 3_600),
                every_day,
                gap_open,
            };
            scenarios::across_change(tz, change, spec)
        }
        Shape::Free {
            ref trigger,
            ref window,
        } => {
            let trigger = match *trigger {
                FuzzTrigger::Immediate => ZTrigger::Immediate,
                FuzzTrigger::Daily { days, secs } => ZTrigger::Daily {
                    days: days_of(days),
                    at_secs: secs % 86_400,
                },
                FuzzTrigger::DailyAtChange { days, secs } => ZTrigger::Daily {
                    days: days_of(days),
                    at_secs: scenarios::daily_time_near(tz, change, i64::from(secs)),
                },
                FuzzTrigger::Periodic(index) => ZTrigger::Periodic {
                    every_minutes: DIVISORS[usize::from(index) % DIVISORS.len()],
                },
            };
            let window = window.as_ref().map(|hours| match *hours {
                FuzzHours::Hours(ref hours) => hours.to_array(),
                FuzzHours::NearChange {
                    before,
                    len,
                    every_day,
                    invert,
                } => scenarios::hours_near(
                    tz,
                    change,
                    usize::from(before % 4),
                    1 + usize::from(len % 3),
                    every_day,
                    invert,
                ),
            });
            (ZSchedule { tz, trigger, window }, first)
        }
    }
}

/// The engine's schedule of a zoned reference schedule, with the window at
/// `minute_offset` and the triggers read at `trigger_offset`.
fn engine_schedule(model: &ZSchedule, minute_offset: i32, trigger_offset: i32) -> Schedule {
    let trigger = match model.trigger {
        ZTrigger::Immediate => RefTrigger::Immediate,
        ZTrigger::Daily { days, at_secs } => RefTrigger::Daily { days, at_secs },
        ZTrigger::Periodic { every_minutes } => RefTrigger::Periodic { every_minutes },
    };
    common::forms::to_engine(&RefSchedule {
        trigger,
        trigger_offset,
        window: model.window.map(|hours| RefWindow { hours, minute_offset }),
    })
}

fn check(input: Input) {
    let tz = match input.zone {
        ZoneChoice::Unusual(index) => ZONES[usize::from(index) % ZONES.len()],
        ZoneChoice::Any(index) => TZ_VARIANTS[usize::from(index) % TZ_VARIANTS.len()],
    };
    // chrono-tz's data on both sides: the engine's ChronoTz source and the reference.
    let tz = RefZone { tz, data: Data::ChronoTz };
    let Some(&first) = input.instants.first() else {
        return;
    };
    let (t, change) = resolve(tz, first);
    let (model, t) = model(tz, &input.shape, t, change);
    let zone = zone_from(tz.name(), TzSource::ChronoTz);
    let zoned = engine_schedule(&model, 0, 0).in_zone(zone);

    // The reference at the first instant, where chrono-tz can look around
    // it (not within a month of chrono's ends).
    if (YEAR_1799..common::max_secs() - 40 * DAY).contains(&t) {
        check_against_reference(&zoned, &model, t);
        let oracle = common::Oracle {
            next_run: &|t| reference::next_run(&model, t),
            prev_run: &|t| reference::prev_run(&model, t),
            next_open: &|t| reference::next_open(&model, t),
            next_close: &|t| reference::next_close(&model, t),
        };
        common::check_queries_against_reference(&zoned, &oracle, t, &input.queries);
    }
    // Counting a zoned schedule walks its offset changes: ranges of weeks
    // only, at chrono's ends and from `t`.
    common::check_queries_on_hostile_instants(&zoned, common::instant(t, 0), &input.queries, false);

    // Offsets that must not matter, and invariants, at up to three instants.
    let clamp = |offset: Offset| offset.minutes().clamp(-1439, 1439);
    let shifted =
        engine_schedule(&model, clamp(input.minute_offset), clamp(input.trigger_offset)).in_zone(zone);
    for (index, &when) in input.instants.iter().take(3).enumerate() {
        let secs = if index == 0 { t } else { resolve(tz, when).0 };
        let at = common::instant(secs, 0);
        check_invariants(&zoned, at);
        assert_eq!(
            zoned.next_run(at),
            shifted.next_run(at),
            "offsets mattered: next_run({at:?})"
        );
        assert_eq!(
            zoned.prev_run(at),
            shifted.prev_run(at),
            "offsets mattered: prev_run({at:?})"
        );
        assert_eq!(
            zoned.next_close(at),
            shifted.next_close(at),
            "offsets mattered: next_close({at:?})"
        );
        check_one_offset(&zoned, &model, at);
    }
}

fn instant(secs: Option<i64>) -> Option<DateTime<Utc>> {
    secs.and_then(|secs| DateTime::from_timestamp(secs, 0))
}

fn check_against_reference(zoned: &ZonedSchedule<'_>, model: &ZSchedule, t: i64) {
    let at = common::instant(t, 0);
    let what = |query: &str| {
        format!(
            "{query}({at:?}) of {model:?} (wall {})",
            reference::wall(model.tz, t)
        )
    };
    let next = reference::next_run(model, t);
    assert_eq!(zoned.next_run(at), instant(next), "{}", what("next_run"));
    assert_eq!(
        zoned.prev_run(at),
        instant(reference::prev_run(model, t)),
        "{}",
        what("prev_run")
    );
    assert_eq!(
        zoned.is_open(at),
        reference::is_open(model, t),
        "{}",
        what("is_open")
    );
    let open = reference::next_open(model, t);
    assert_eq!(zoned.next_open(at), instant(open), "{}", what("next_open"));
    assert_eq!(
        zoned.next_close(at),
        instant(reference::next_close(model, t)),
        "{}",
        what("next_close")
    );
    let event = zoned.explain_event(at);
    assert_eq!(event.map(|e| e.run), instant(open), "{}", what("explain_event"));
    if let (Some(event), Some(open)) = (event, open) {
        assert_eq!(event.trigger, at);
        assert_eq!(
            event.deadline,
            instant(reference::next_close(model, open)),
            "{}",
            what("explain_event's deadline")
        );
    }
    let detail = zoned.explain_next(at);
    assert_eq!(detail.map(|d| d.run), instant(next), "{}", what("explain_next"));
    if let Some(detail) = detail {
        let (run, trigger) = (detail.run.timestamp(), detail.trigger.timestamp());
        assert!(
            reference::is_trigger(model, trigger),
            "{}: {trigger} is no trigger",
            what("explain_next")
        );
        assert_eq!(
            reference::next_open(model, trigger),
            Some(run),
            "{}",
            what("explain_next's trigger")
        );
        if let Some(previous) = reference::trigger_before(model, trigger) {
            assert!(
                reference::next_open(model, previous).is_some_and(|r| r < run),
                "{}: the trigger at {previous} also runs then",
                what("explain_next")
            );
        }
        assert_eq!(
            detail.deadline,
            instant(reference::next_close(model, run)),
            "{}",
            what("explain_next's deadline")
        );
    }
}

/// What must hold of the runs around `at` whatever they are: the next is
/// after it and open, the previous before it and open, with no run between
/// them and `at`.
fn check_invariants(zoned: &ZonedSchedule<'_>, at: DateTime<Utc>) {
    let (next, prev) = (zoned.next_run(at), zoned.prev_run(at));
    if let Some(next) = next {
        assert!(next > at && zoned.is_open(next), "next_run({at:?}) = {next:?}");
        let before = zoned.prev_run(next);
        assert!(
            before.is_none_or(|before| before <= at),
            "a run {before:?} between {at:?} and next_run {next:?}"
        );
    }
    if let Some(prev) = prev {
        assert!(prev < at && zoned.is_open(prev), "prev_run({at:?}) = {prev:?}");
        let after = zoned.next_run(prev);
        assert!(
            after.is_some_and(|after| after >= at) || at.timestamp() > common::max_secs() - 40 * DAY,
            "a run {after:?} between prev_run {prev:?} and {at:?}"
        );
    }
    if let Some(open) = zoned.next_open(at) {
        assert!(open >= at && zoned.is_open(open), "next_open({at:?}) = {open:?}");
    }
    if let Some(close) = zoned.next_close(at) {
        assert!(
            close > at && !zoned.is_open(close),
            "next_close({at:?}) = {close:?}"
        );
        assert!(
            zoned.is_open(close - TimeDelta::seconds(1)),
            "closed before next_close({at:?}) = {close:?}"
        );
    }
}

/// Before the zone table (1799 and earlier) and past it (2102 on) a zone
/// keeps one offset: there the zoned schedule is the fixed-offset one read
/// at that offset (when it is whole minutes: a local mean time with
/// seconds has no fixed-offset twin).
fn check_one_offset(zoned: &ZonedSchedule<'_>, model: &ZSchedule, at: DateTime<Utc>) {
    let secs = at.timestamp();
    let sample = if secs >= YEAR_2102 {
        YEAR_2102
    } else if secs < YEAR_1799 - 40 * DAY {
        YEAR_1799
    } else {
        return;
    };
    let offset = reference::offset_secs(model.tz, sample);
    if offset % 60 != 0 {
        return;
    }
    let minutes = i32::try_from(offset / 60).expect("within a day");
    let fixed = engine_schedule(model, minutes, minutes);
    let what = format!("{model:?} at {at:?}, fixed at {minutes} min");
    assert_eq!(zoned.next_run(at), fixed.next_run(at), "next_run: {what}");
    assert_eq!(zoned.prev_run(at), fixed.prev_run(at), "prev_run: {what}");
    assert_eq!(zoned.is_open(at), fixed.is_open(at), "is_open: {what}");
    assert_eq!(zoned.next_open(at), fixed.next_open(at), "next_open: {what}");
    assert_eq!(zoned.next_close(at), fixed.next_close(at), "next_close: {what}");
    assert_eq!(
        zoned.explain_next(at),
        fixed.explain_next(at),
        "explain_next: {what}"
    );
}
