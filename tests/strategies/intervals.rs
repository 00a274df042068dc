//! Periodic intervals, in minutes.

use proptest::prelude::*;
use proptest::sample::select;

/// The intervals the API can express (`periodicallyEvery`), in minutes.
pub const API_INTERVALS: [u32; 9] = [5, 10, 15, 30, 60, 120, 240, 480, 720];

/// Every divisor of 1440: the intervals the engine accepts.
pub fn divisors_of_a_day() -> Vec<u32> {
    (1..=1440).filter(|minutes| 1440 % minutes == 0).collect()
}

/// A periodic interval: mostly the API's, sometimes any divisor of a day
/// (1 minute, 45, 90, 1440 ...).
pub fn every_minutes() -> impl Strategy<Value = u32> {
    prop_oneof![4 => select(API_INTERVALS.to_vec()), 1 => select(divisors_of_a_day())]
}

/// One of the API's intervals.
pub fn api_every_minutes() -> impl Strategy<Value = u32> {
    select(API_INTERVALS.to_vec())
}
