//! Minute offsets from UTC: a window's `minuteOffset`, a trigger frame's
//! offset.

use proptest::prelude::*;
use proptest::sample::select;

/// Offsets worth hitting on purpose: whole hours either way, the
/// non-whole-hour zones (India, Nepal, Newfoundland), the extremes.
pub const INTERESTING_OFFSETS: [i32; 14] = [
    0, 180, -300, 330, 345, -210, 840, -720, 1439, -1439, 60, -60, 570, -570,
];

/// A minute offset: the interesting ones, or any in `-1439..=1439`.
pub fn offset() -> impl Strategy<Value = i32> {
    prop_oneof![select(INTERESTING_OFFSETS.to_vec()), -1439..=1439i32]
}

/// The offset a schedule's triggers are read at: mostly UTC (the API's
/// reading), sometimes any.
pub fn trigger_offset() -> impl Strategy<Value = i32> {
    prop_oneof![3 => Just(0), 1 => offset()]
}
