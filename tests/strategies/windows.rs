//! A window's 168 hours (`[day * 24 + hour]`, day 0 = Sunday), and windows
//! with their offsets in the reference's form.

use proptest::prelude::*;

use super::offsets;
use crate::reference::{RefWindow, HOURS};

/// The hours at `indices` (modulo 168) allowed, the others not.
pub fn hours_from(indices: impl IntoIterator<Item = usize>) -> [bool; HOURS] {
    let mut hours = [false; HOURS];
    for index in indices {
        hours[index % HOURS] = true;
    }
    hours
}

/// `hours` from `from` on each selected day (0 = Sunday), running past
/// midnight (and past Saturday into Sunday) when `from + len` passes 24.
fn daily_stretch(days: [bool; 7], from: usize, len: usize) -> [bool; HOURS] {
    hours_from(
        (0..7)
            .filter(|&day| days[day])
            .flat_map(|day| (from..from + len).map(move |hour| day * 24 + hour)),
    )
}

/// Any of the 2^168 windows, each hour a coin flip.
pub fn dense() -> impl Strategy<Value = [bool; HOURS]> {
    prop::collection::vec(any::<bool>(), HOURS)
        .prop_map(|v| <[bool; HOURS]>::try_from(v).expect("168 elements"))
}

/// The 168 hours of a window, from several families: dense; a few hours
/// open, or a few closed (long stretches and short gaps); business hours;
/// stretches that cross midnight and the week's end; night hours, open or
/// closed, where daylight-saving changes happen; a single hour; never and
/// always.
pub fn hours() -> impl Strategy<Value = [bool; HOURS]> {
    prop_oneof![
        3 => dense(),
        // Sparse: a few hours.
        2 => prop::collection::vec(0..HOURS, 1..=6).prop_map(hours_from),
        // Nearly always open: all but a few hours.
        1 => prop::collection::vec(0..HOURS, 1..=4).prop_map(|closed| hours_from(closed).map(|c| !c)),
        // Business hours on some days.
        2 => (any::<[bool; 7]>(), 6..=10usize, 15..=20usize)
            .prop_map(|(days, from, to)| daily_stretch(days, from, to - from)),
        // Stretches starting in the evening that cross midnight (and, from
        // Saturday, the week's end into Sunday: the index wraps).
        2 => (any::<[bool; 7]>(), 18..24usize, 2..=12usize)
            .prop_map(|(days, from, len)| daily_stretch(days, from, len)),
        // Saturday into Sunday explicitly.
        1 => (12..24usize, 1..=36usize).prop_map(|(from, len)| hours_from((0..len).map(|i| 6 * 24 + from + i))),
        // One to three night hours on some days, or all but one or two.
        2 => (any::<[bool; 7]>(), 0..5usize, 1..=3usize).prop_map(|(days, from, len)| daily_stretch(days, from, len)),
        1 => (any::<[bool; 7]>(), 0..5usize, 1..=2usize)
            .prop_map(|(days, from, len)| daily_stretch(days, from, len).map(|closed| !closed)),
        // A single hour.
        1 => (0..HOURS).prop_map(|hour| hours_from([hour])),
        1 => Just([false; HOURS]),
        1 => Just([true; HOURS]),
    ]
}

/// A window: hours and a `minuteOffset`.
pub fn window() -> impl Strategy<Value = RefWindow> {
    (hours(), offsets::offset()).prop_map(|(hours, minute_offset)| RefWindow { hours, minute_offset })
}

/// A window or none (always open).
pub fn maybe_window() -> impl Strategy<Value = Option<RefWindow>> {
    prop_oneof![1 => Just(None), 4 => window().prop_map(Some)]
}
