//! Proptest strategies: windows, offsets, triggers and instants, each
//! schedule produced both as the engine's [`Schedule`] (built through the
//! public API) and as the reference model's [`RefSchedule`].

// Not every test binary that includes this module uses all of it.
#![allow(dead_code)]

use backup_schedule::{Interval, Schedule, Weekdays, Window};
use chrono::{DateTime, NaiveTime, Utc, Weekday};
use proptest::prelude::*;
use proptest::sample::select;

use crate::reference::{self, RefSchedule, RefTrigger, RefWindow, HOURS};

/// Index 0 = Sunday, as in `backupWindow` and [`RefTrigger::Daily`].
pub const SUNDAY_FIRST: [Weekday; 7] = [
    Weekday::Sun,
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];

/// The intervals the API can express (`periodicallyEvery`), in minutes.
pub const API_INTERVALS: [u32; 9] = [5, 10, 15, 30, 60, 120, 240, 480, 720];

/// Offsets worth hitting on purpose: whole hours either way, the
/// non-whole-hour zones (India, Nepal, Newfoundland), the extremes.
pub const INTERESTING_OFFSETS: [i32; 14] = [
    0, 180, -300, 330, 345, -210, 840, -720, 1439, -1439, 60, -60, 570, -570,
];

/// 1990-01-01T00:00:00Z and 2100-01-01T00:00:00Z.
pub const YEAR_1990: i64 = 631_152_000;
pub const YEAR_2100: i64 = 4_102_444_800;

/// One schedule in both forms.
#[derive(Clone, Debug)]
pub struct Pair {
    pub engine: Schedule,
    pub reference: RefSchedule,
}

/// The engine's schedule for a reference schedule, through the public API.
pub fn to_engine(reference: &RefSchedule) -> Schedule {
    let schedule = match reference.trigger {
        RefTrigger::Immediate => Schedule::immediate(),
        RefTrigger::Daily { days, at_secs } => {
            let mut set = Weekdays::NONE;
            for (index, &selected) in days.iter().enumerate() {
                if selected {
                    set = set.with(SUNDAY_FIRST[index]);
                }
            }
            let at = NaiveTime::from_num_seconds_from_midnight_opt(at_secs, 0).expect("at_secs < 86400");
            Schedule::daily(set, at).expect("whole seconds")
        }
        RefTrigger::Periodic { every_minutes } => {
            Schedule::periodic(Interval::from_minutes(every_minutes).expect("divides a day"))
        }
    };
    match &reference.window {
        None => schedule,
        Some(window) => {
            schedule.with_window(Window::new(&window.hours, window.minute_offset).expect("offset in range"))
        }
    }
}

/// Both forms of a reference schedule.
pub fn pair(reference: RefSchedule) -> Pair {
    Pair {
        engine: to_engine(&reference),
        reference,
    }
}

fn hours_from_indices(indices: impl IntoIterator<Item = usize>) -> [bool; HOURS] {
    let mut hours = [false; HOURS];
    for index in indices {
        hours[index % HOURS] = true;
    }
    hours
}

/// The 168 hours of a window, from several families.
pub fn hours() -> impl Strategy<Value = [bool; HOURS]> {
    prop_oneof![
        // Dense random.
        3 => prop::collection::vec(any::<bool>(), HOURS)
            .prop_map(|v| <[bool; HOURS]>::try_from(v).expect("168 elements")),
        // Sparse: a few hours.
        2 => prop::collection::vec(0..HOURS, 1..=6).prop_map(hours_from_indices),
        // Nearly always open: all but a few hours (long open stretches, short gaps).
        1 => prop::collection::vec(0..HOURS, 1..=4)
            .prop_map(|closed| hours_from_indices(closed).map(|c| !c)),
        // Business hours on some days.
        2 => (any::<[bool; 7]>(), 6..=10usize, 15..=20usize).prop_map(|(days, from, to)| {
            hours_from_indices(
                (0..7)
                    .filter(|&d| days[d])
                    .flat_map(|d| (from..to).map(move |h| d * 24 + h)),
            )
        }),
        // Stretches starting in the evening that cross midnight (and, from
        // Saturday, the week's end into Sunday: the index wraps).
        2 => (any::<[bool; 7]>(), 18..24usize, 2..=12usize).prop_map(|(days, from, len)| {
            hours_from_indices(
                (0..7)
                    .filter(|&d| days[d])
                    .flat_map(|d| (0..len).map(move |i| d * 24 + from + i)),
            )
        }),
        // Saturday into Sunday explicitly.
        1 => (12..24usize, 1..=36usize)
            .prop_map(|(from, len)| hours_from_indices((0..len).map(|i| 6 * 24 + from + i))),
        // A single hour.
        1 => (0..HOURS).prop_map(|h| hours_from_indices([h])),
        1 => Just([false; HOURS]),
        1 => Just([true; HOURS]),
    ]
}

/// A `minuteOffset`: the interesting ones, or any in range.
pub fn offset() -> impl Strategy<Value = i32> {
    prop_oneof![select(INTERESTING_OFFSETS.to_vec()), -1439..=1439i32,]
}

/// A window.
pub fn window() -> impl Strategy<Value = RefWindow> {
    (hours(), offset()).prop_map(|(hours, minute_offset)| RefWindow { hours, minute_offset })
}

/// A window or none (always open).
pub fn maybe_window() -> impl Strategy<Value = Option<RefWindow>> {
    prop_oneof![1 => Just(None), 4 => window().prop_map(Some)]
}

const WORKDAYS: [bool; 7] = [false, true, true, true, true, true, false];
const WEEKENDS: [bool; 7] = [true, false, false, false, false, false, true];
const EVERYDAY: [bool; 7] = [true; 7];

fn single_day() -> impl Strategy<Value = [bool; 7]> {
    (0..7usize).prop_map(|d| {
        let mut days = [false; 7];
        days[d] = true;
        days
    })
}

/// The day sets the API can express: `dailyType`.
pub fn api_days() -> impl Strategy<Value = [bool; 7]> {
    prop_oneof![Just(EVERYDAY), Just(WORKDAYS), Just(WEEKENDS), single_day(),]
}

/// Any day set, the API's ones often.
pub fn days() -> impl Strategy<Value = [bool; 7]> {
    prop_oneof![2 => api_days(), 1 => any::<[bool; 7]>()]
}

/// A `dailyTime` in seconds after midnight: any second, whole minutes,
/// whole hours, the day's first and last second.
pub fn at_secs() -> impl Strategy<Value = u32> {
    prop_oneof![
        3 => 0..86_400u32,
        2 => (0..1440u32).prop_map(|m| m * 60),
        2 => (0..24u32).prop_map(|h| h * 3600),
        1 => Just(0u32),
        1 => Just(86_399u32),
    ]
}

/// Every divisor of 1440: the intervals the engine accepts.
fn divisors_of_a_day() -> Vec<u32> {
    (1..=1440).filter(|m| 1440 % m == 0).collect()
}

/// A periodic interval: mostly the API's, sometimes any divisor of a day.
pub fn every_minutes() -> impl Strategy<Value = u32> {
    prop_oneof![4 => select(API_INTERVALS.to_vec()), 1 => select(divisors_of_a_day())]
}

/// A daily or periodic trigger.
pub fn timed_trigger() -> impl Strategy<Value = RefTrigger> {
    prop_oneof![
        (days(), at_secs()).prop_map(|(days, at_secs)| RefTrigger::Daily { days, at_secs }),
        every_minutes().prop_map(|every_minutes| RefTrigger::Periodic { every_minutes }),
    ]
}

/// Any trigger.
pub fn trigger() -> impl Strategy<Value = RefTrigger> {
    prop_oneof![6 => timed_trigger(), 1 => Just(RefTrigger::Immediate)]
}

/// A trigger the API can express.
pub fn api_trigger() -> impl Strategy<Value = RefTrigger> {
    prop_oneof![
        2 => (api_days(), at_secs()).prop_map(|(days, at_secs)| RefTrigger::Daily { days, at_secs }),
        2 => select(API_INTERVALS.to_vec()).prop_map(|every_minutes| RefTrigger::Periodic { every_minutes }),
        1 => Just(RefTrigger::Immediate),
    ]
}

/// Any schedule.
pub fn schedule() -> impl Strategy<Value = Pair> {
    (trigger(), maybe_window()).prop_map(|(trigger, window)| pair(RefSchedule { trigger, window }))
}

/// A daily or periodic schedule.
pub fn timed_schedule() -> impl Strategy<Value = Pair> {
    (timed_trigger(), maybe_window()).prop_map(|(trigger, window)| pair(RefSchedule { trigger, window }))
}

/// A schedule the API can express (for the JSON round trip).
pub fn api_schedule() -> impl Strategy<Value = Pair> {
    (api_trigger(), maybe_window()).prop_map(|(trigger, window)| pair(RefSchedule { trigger, window }))
}

/// A whole Unix second, mostly 1990..2100, some on a day, hour or minute
/// boundary.
pub fn secs() -> impl Strategy<Value = i64> {
    let any_second = YEAR_1990..YEAR_2100;
    prop_oneof![
        4 => any_second.clone(),
        1 => any_second.clone().prop_map(|s| s - s.rem_euclid(60)),
        1 => any_second.clone().prop_map(|s| s - s.rem_euclid(3600)),
        1 => any_second.prop_map(|s| s - s.rem_euclid(86_400)),
        // Pre-1970 and far future, still well inside chrono's range.
        1 => -8_000_000_000i64..100_000_000_000i64,
    ]
}

/// Nanoseconds of an instant: mostly none, some.
pub fn nanos() -> impl Strategy<Value = u32> {
    prop_oneof![3 => Just(0u32), 1 => 1..1_000_000_000u32, 1 => Just(999_999_999u32)]
}

/// An instant, some with a fraction of a second.
pub fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (secs(), nanos()).prop_map(|(s, n)| DateTime::from_timestamp(s, n).expect("in range"))
}

/// Moves `t` onto something of the schedule, decided by the reference
/// (never the engine): `which` 0 keeps `t`; 1, 2, 3 put it on the next run,
/// one second before it, one second after it; 4, 5, 6 on the next opening,
/// the next closing, one second before the next closing.
fn snap(reference: &RefSchedule, t: i64, which: u8) -> i64 {
    let target = match which {
        1 => reference::next_run(reference, t),
        2 => reference::next_run(reference, t).map(|r| r - 1),
        3 => reference::next_run(reference, t).map(|r| r + 1),
        4 => reference::next_open(reference, t),
        5 => reference::next_close(reference, t),
        6 => reference::next_close(reference, t).map(|c| c - 1),
        _ => None,
    };
    target.unwrap_or(t)
}

/// A schedule and a whole second that is often exactly on one of its runs or
/// window edges, or one second off.
pub fn schedule_and_secs() -> impl Strategy<Value = (Pair, i64)> {
    (schedule(), secs(), 0..8u8).prop_map(|(pair, t, which)| {
        let t = snap(&pair.reference, t, which);
        (pair, t)
    })
}

/// A schedule with a window and a whole second, often on an edge.
pub fn windowed_schedule_and_secs() -> impl Strategy<Value = (Pair, i64)> {
    (trigger(), window(), secs(), 0..8u8).prop_map(|(trigger, window, t, which)| {
        let pair = pair(RefSchedule {
            trigger,
            window: Some(window),
        });
        let t = snap(&pair.reference, t, which);
        (pair, t)
    })
}
