//! Triggers in the reference's form, and a daily trigger's time of day.

use proptest::prelude::*;
use proptest::sample::select;

use super::{intervals, weekdays};
use crate::reference::RefTrigger;

/// Times of day at the edges of daylight-saving gaps and folds (Berlin's
/// 02:00-03:00, New York's 01:00-02:00, Lord Howe's half hour, Chatham's
/// 02:45-03:45) and of the day itself, in seconds after midnight.
const EDGES: [(u32, u32, u32); 18] = [
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
];

/// A `dailyTime` in seconds after midnight: any second, whole minutes,
/// whole hours, minutes of the night, the edges of gaps and folds.
pub fn at_secs() -> impl Strategy<Value = u32> {
    let edges: Vec<u32> = EDGES.iter().map(|&(h, m, s)| h * 3600 + m * 60 + s).collect();
    prop_oneof![
        3 => 0..86_400u32,
        2 => (0..1440u32).prop_map(|minute| minute * 60),
        1 => (0..24u32).prop_map(|hour| hour * 3600),
        1 => (0..6 * 60u32).prop_map(|minute| minute * 60),
        2 => select(edges),
    ]
}

/// A daily trigger on any day set.
pub fn daily() -> impl Strategy<Value = RefTrigger> {
    (weekdays::days(), at_secs()).prop_map(|(days, at_secs)| RefTrigger::Daily { days, at_secs })
}

/// A periodic trigger on any interval that divides a day.
pub fn periodic() -> impl Strategy<Value = RefTrigger> {
    intervals::every_minutes().prop_map(|every_minutes| RefTrigger::Periodic { every_minutes })
}

/// A daily or periodic trigger.
pub fn timed_trigger() -> impl Strategy<Value = RefTrigger> {
    prop_oneof![daily(), periodic()]
}

/// Any trigger.
pub fn trigger() -> impl Strategy<Value = RefTrigger> {
    prop_oneof![6 => timed_trigger(), 1 => Just(RefTrigger::Immediate)]
}

/// A trigger the API can express.
pub fn api_trigger() -> impl Strategy<Value = RefTrigger> {
    prop_oneof![
        2 => (weekdays::api_days(), at_secs()).prop_map(|(days, at_secs)| RefTrigger::Daily { days, at_secs }),
        2 => intervals::api_every_minutes().prop_map(|every_minutes| RefTrigger::Periodic { every_minutes }),
        1 => Just(RefTrigger::Immediate),
    ]
}
