//! One prepared `Zone` per zone and data source for the whole process
//! (building one costs a tenth of a millisecond to a millisecond). No
//! proptest here: the fuzz targets include this file on its own.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use backup_schedule::{TzSource, Zone};

/// The `Zone` named `name` from `source`, built on first use and kept.
pub fn zone_from(name: &'static str, source: TzSource) -> &'static Zone {
    static ZONES: OnceLock<Mutex<HashMap<(&'static str, TzSource), &'static Zone>>> = OnceLock::new();
    let mut zones = ZONES.get_or_init(Default::default).lock().expect("not poisoned");
    zones.entry((name, source)).or_insert_with(|| {
        let zone = Zone::from_source(name, source).unwrap_or_else(|err| panic!("{source}: {err}"));
        assert_eq!(zone.source(), source);
        Box::leak(Box::new(zone))
    })
}
