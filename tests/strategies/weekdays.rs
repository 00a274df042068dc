//! Day sets, as the reference model holds them: `[bool; 7]`, index 0 =
//! Sunday (the order of `backupWindow`).

use backup_schedule::Weekdays;
use chrono::Weekday;
use proptest::prelude::*;
use proptest::sample::select;

/// Index 0 = Sunday, as in `backupWindow` and the reference's day sets.
pub const SUNDAY_FIRST: [Weekday; 7] = [
    Weekday::Sun,
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];

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

/// The engine's day set for the reference's.
pub fn to_weekdays(days: [bool; 7]) -> Weekdays {
    SUNDAY_FIRST
        .iter()
        .zip(days)
        .filter(|&(_, selected)| selected)
        .map(|(&day, _)| day)
        .collect()
}

/// The reference's day set for the engine's.
pub fn from_weekdays(days: Weekdays) -> [bool; 7] {
    SUNDAY_FIRST.map(|day| days.contains(day))
}
