//! Windows in their text form: items of day sets and hour ranges, the
//! hours they mean (counted directly, not by the parser), and ways of
//! spelling them.

use proptest::prelude::*;

use super::windows;
use crate::reference::HOURS;

/// How an item's days are written, with the days it means.
#[derive(Clone, Debug)]
pub enum DaysText {
    /// `first-last`, inclusive, wrapping.
    Range(usize, usize),
    /// Single days joined by `+`.
    List(Vec<usize>),
    Keyword(&'static str, Vec<usize>),
}

impl DaysText {
    fn days(&self) -> Vec<usize> {
        match self {
            DaysText::Range(first, last) => (0..=(last + 7 - first) % 7).map(|i| (first + i) % 7).collect(),
            DaysText::List(days) | DaysText::Keyword(_, days) => days.clone(),
        }
    }
}

pub fn days_text() -> impl Strategy<Value = DaysText> {
    prop_oneof![
        (0..7usize, 0..7usize).prop_map(|(first, last)| DaysText::Range(first, last)),
        prop::collection::vec(0..7usize, 1..4).prop_map(DaysText::List),
        Just(DaysText::Keyword("daily", vec![0, 1, 2, 3, 4, 5, 6])),
        Just(DaysText::Keyword("workdays", vec![1, 2, 3, 4, 5])),
        Just(DaysText::Keyword("weekends", vec![0, 6])),
    ]
}

/// An item: its days and its ranges as (start 0..24, end 0..=24).
pub type Item = (DaysText, Vec<(usize, usize)>);

pub fn items() -> impl Strategy<Value = Vec<Item>> {
    prop::collection::vec(
        (
            days_text(),
            prop::collection::vec((0..24usize, 0..=24usize), 1..3),
        ),
        1..5,
    )
}

/// The hours the items allow, by the rule "a range whose end is not after
/// its start runs into the next day", counted directly.
pub fn model(items: &[Item]) -> [bool; HOURS] {
    let mut hours = [false; 168];
    for (days, ranges) in items {
        for day in days.days() {
            for &(start, end) in ranges {
                let count = if end > start {
                    end - start
                } else {
                    24 - start + end
                };
                for i in 0..count {
                    hours[(day * 24 + start + i) % HOURS] = true;
                }
            }
        }
    }
    hours
}

/// Spelling choices, so that the parser sees the grammar's variety.
#[derive(Clone, Debug)]
pub struct Spelling {
    pub full_names: bool,
    pub upper: bool,
    pub pad_hours: bool,
    pub semicolons: bool,
    pub spaces: bool,
}

pub fn spelling() -> impl Strategy<Value = Spelling> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(full_names, upper, pad_hours, semicolons, spaces)| Spelling {
            full_names,
            upper,
            pad_hours,
            semicolons,
            spaces,
        })
}

pub fn write_items(items: &[Item], spelling: &Spelling) -> String {
    const SHORT: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const FULL: [&str; 7] = [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ];
    let name = |day: usize| {
        let name = if spelling.full_names {
            FULL[day]
        } else {
            SHORT[day]
        };
        if spelling.upper {
            name.to_uppercase()
        } else {
            name.to_lowercase()
        }
    };
    let hour = |hour: usize| {
        if spelling.pad_hours {
            format!("{hour:02}:00")
        } else {
            format!("{hour}:00")
        }
    };
    let dash = if spelling.spaces { " - " } else { "-" };
    let separator = match (spelling.semicolons, spelling.spaces) {
        (true, true) => " ; ",
        (true, false) => ";",
        (false, true) => " , ",
        (false, false) => ",",
    };
    items
        .iter()
        .map(|(days, ranges)| {
            let days = match days {
                DaysText::Range(first, last) => format!("{}{dash}{}", name(*first), name(*last)),
                DaysText::List(days) => days.iter().map(|&day| name(day)).collect::<Vec<_>>().join("+"),
                DaysText::Keyword(word, _) => word.to_string(),
            };
            let ranges: Vec<String> = ranges
                .iter()
                .map(|&(start, end)| format!("{}{dash}{}", hour(start), hour(end)))
                .collect();
            format!("{days} {}", ranges.join("  "))
        })
        .collect::<Vec<_>>()
        .join(separator)
}

/// Any window's hours: [`windows::hours`], or the hours of text items, or
/// all but those.
pub fn any_hours() -> impl Strategy<Value = [bool; HOURS]> {
    prop_oneof![
        2 => windows::hours(),
        1 => items().prop_map(|items| model(&items)),
        // Mostly open windows, with structure.
        1 => items().prop_map(|items| model(&items).map(|open| !open)),
    ]
}
