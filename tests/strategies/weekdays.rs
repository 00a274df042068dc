//! Day sets, as the reference model holds them: `[bool; 7]`, index 0 =
//! Sunday (the order of `backupWindow`).

use proptest::prelude::*;
use proptest::sample::select;

pub const EVERYDAY: [bool; 7] = [true; 7];
pub const WORKDAYS: [bool; 7] = [false, true, true, true, true, true, false];
pub const WEEKENDS: [bool; 7] = [true, false, false, false, false, false, true];

/// One day alone.
pub fn single_day() -> impl Strategy<Value = [bool; 7]> {
    (0..7usize).prop_map(|day| {
        let mut days = [false; 7];
        days[day] = true;
        days
    })
}

/// The day sets the API can express: `dailyType`.
pub fn api_days() -> impl Strategy<Value = [bool; 7]> {
    prop_oneof![select(vec![EVERYDAY, WORKDAYS, WEEKENDS]), single_day(),]
}

/// Any day set (the empty one too), the API's ones often.
pub fn days() -> impl Strategy<Value = [bool; 7]> {
    prop_oneof![2 => api_days(), 1 => any::<[bool; 7]>()]
}
