//! One prepared `Zone` per zone for the whole process (building one costs
//! about a millisecond). No proptest here: `tests/zone_golden.rs` and the
//! fuzz targets include this file on its own.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use backup_schedule::Zone;
use chrono_tz::Tz;

/// The `Zone` of `tz`, built on first use and kept.
pub fn zone(tz: Tz) -> &'static Zone {
    static ZONES: OnceLock<Mutex<HashMap<Tz, &'static Zone>>> = OnceLock::new();
    let mut zones = ZONES.get_or_init(Default::default).lock().expect("not poisoned");
    zones
        .entry(tz)
        .or_insert_with(|| Box::leak(Box::new(Zone::new(tz))))
}
