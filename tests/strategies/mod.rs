//! Proptest strategies, one module per type (as roaring-rs keeps one
//! generator per type): every property test draws its inputs from here.
//!
//! Schedules come in both forms: the engine's [`Schedule`] (built through
//! the public API) and the reference model's [`RefSchedule`]; in a zone, the
//! zoned reference's `ZSchedule` and the engine's `ZonedSchedule`.
//!
//! A test binary that includes this module includes `tests/reference` as
//! `mod reference;` and, with the `tz` feature, `tests/reference_zoned` as
//! `mod reference_zoned;`.
//!
//! [`Schedule`]: backup_schedule::Schedule
//! [`RefSchedule`]: crate::reference::RefSchedule

// Not every test binary that includes this module uses all of it.
#![allow(dead_code)]

// The reference model, as `super::reference` for `forms` (which the fuzz
// targets include beside their own copy of it).
use crate::reference;

pub mod forms;
pub mod instants;
pub mod intervals;
pub mod offsets;
pub mod schedules;
pub mod triggers;
pub mod weekdays;
pub mod window_text;
pub mod windows;
#[cfg(feature = "tz")]
pub mod zone_cache;
#[cfg(feature = "tz")]
pub mod zones;

/// Cases per property: `default`, or `PROPTEST_CASES` when set (fewer for a
/// quick run such as mutation testing, more for a long one).
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default)
}
