//! Counting a fixed-offset schedule's runs in constant time.
//!
//! The runs repeat every week, so the runs in `[from, to)` are whole weeks
//! times the runs of a week, plus those of less than a week. Those are
//! counted on the gate's *slots* (two a local hour: `[h:00, h:00 + cut)` and
//! `[h:00 + cut, h+1:00)`; a single window has `cut` = one hour, so its second
//! slots are empty), with bit masks:
//!
//! - every trigger at an open instant is a run: in a full open slot, a grid
//!   puts the same number of triggers in every slot of one parity (an
//!   interval that divides an hour), or at most one trigger in marked slots
//!   (an interval of whole hours, or daily triggers);
//! - besides, a slot that opens after a closed stretch holding a trigger
//!   starts a run at its opening (the triggers that waited, coalesced),
//!   unless a trigger falls on the opening itself (then it is that run).
//!   Which closed stretches hold a trigger is one multi-word addition: adding
//!   the closed slots that hold triggers to the closed slots carries a one
//!   past the end of exactly those stretches.
//!
//! Intervals that neither divide an hour nor are whole hours (not the API's)
//! have no such masks: their runs are counted one by one.

use crate::gate::{SplitGate, StartGate};
use crate::time::{self, HOUR, WEEK};
use crate::trigger::{ShiftedPlan, TriggerPattern};
use crate::window::Window;

/// Slots in a week, two a local hour.
const SLOTS: i64 = 336;
/// Words of one week of slots, and of two.
const ONE: usize = 6;
const TWO: usize = 11;

/// Slot bits of one week and of two consecutive weeks.
type Week = [u64; ONE];
type Fortnight = [u64; TWO];

/// Every slot of the week.
const ALL: Week = [
    u64::MAX,
    u64::MAX,
    u64::MAX,
    u64::MAX,
    u64::MAX,
    (1 << (SLOTS - 320)) - 1,
];
/// The first slots of the hours, and the second.
const EVEN: u64 = 0x5555_5555_5555_5555;
const ODD: u64 = !EVEN;

/// A fixed-offset schedule's runs, ready to be counted.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Counter {
    pattern: TriggerPattern,
    /// Seconds from UTC to the gate's local time.
    offset: i64,
    /// Where each hour's second slot begins, `1..=3600`.
    cut: i64,
    /// Open slots, two weeks.
    open: Fortnight,
    /// Triggers per full slot.
    spread: Spread,
    /// Slots whose opening starts a run of waited triggers (and no trigger
    /// of their own), two weeks.
    openings: Fortnight,
}

/// How a grid's or a week's triggers fall into full slots.
#[derive(Clone, Copy, Debug)]
enum Spread {
    /// This many in every first slot of an hour, and in every second one.
    Uniform { first: u64, second: u64 },
    /// One in each marked slot (two weeks), none in the others.
    Marked(Fortnight),
}

impl Counter {
    /// The counter for `plan` held to `gate`; `None` for a grid that neither
    /// divides an hour nor is whole hours, or for no triggers at all.
    pub(crate) fn new(plan: ShiftedPlan, gate: &StartGate) -> Option<Counter> {
        let (open, offset, cut) = match gate {
            StartGate::One(window) => (spread_hours(window), i64::from(window.offset_secs()), HOUR),
            StartGate::Split(split) => split_slots(split),
        };
        let pattern = plan.pattern();
        let starts_at = |index: i64| start(cut, index);
        // Triggers by slot: how many, which hold any, which have one at
        // their opening.
        let (spread, holding, on_opening): (Spread, Week, Week) = match pattern {
            TriggerPattern::None => return None,
            TriggerPattern::Grid { every, phase } if HOUR % every == 0 => {
                // In the gate's local time, the same in every hour.
                let phase = (phase + offset).rem_euclid(every);
                let per_hour = (HOUR / every) as u64;
                let first = if phase < cut {
                    ((cut - phase - 1) / every + 1) as u64
                } else {
                    0
                };
                let second = per_hour - first;
                let parity = |first_slot: bool, second_slot: bool| -> Week {
                    let word = match (first_slot, second_slot) {
                        (true, true) => u64::MAX,
                        (true, false) => EVEN,
                        (false, true) => ODD,
                        (false, false) => 0,
                    };
                    and([word; ONE], ALL)
                };
                let opening_second = cut < HOUR && (cut - phase).rem_euclid(every) == 0;
                (
                    Spread::Uniform { first, second },
                    parity(first > 0, second > 0),
                    parity(phase == 0, opening_second),
                )
            }
            TriggerPattern::Grid { every, phase } if every % HOUR == 0 => {
                let phase = (phase + offset).rem_euclid(every);
                let index = slot_at(cut, phase);
                let marks = and(periodic(index, 2 * every / HOUR), ALL);
                let on_opening = if starts_at(index) == phase {
                    marks
                } else {
                    [0; ONE]
                };
                (Spread::Marked(twice(marks)), marks, on_opening)
            }
            TriggerPattern::Grid { .. } => return None,
            TriggerPattern::Weekly { positions, count } => {
                let (mut marks, mut on_opening) = ([0; ONE], [0; ONE]);
                for &position in &positions[..count] {
                    let local = (position + offset).rem_euclid(WEEK);
                    let index = slot_at(cut, local);
                    set(&mut marks, index);
                    if starts_at(index) == local {
                        set(&mut on_opening, index);
                    }
                }
                (Spread::Marked(twice(marks)), marks, on_opening)
            }
        };
        let open_week = low_week(&open);
        let closed = and(not(open_week), ALL);
        // Closed stretches holding a trigger: over two weeks, so that a
        // stretch across the week's end is whole in the second.
        let closed_twice = twice(closed);
        let carried = add(closed_twice, twice(and(holding, closed)));
        let after_stretch = high_week(&and(carried, not(closed_twice)));
        let openings = twice(and(after_stretch, not(on_opening)));
        Some(Counter {
            pattern,
            offset,
            cut,
            open,
            spread,
            openings,
        })
    }

    /// The runs in `[from, to)`, Unix seconds.
    pub(crate) fn count(&self, from: i64, to: i64) -> u64 {
        if to <= from {
            return 0;
        }
        let weeks = (to - from) / WEEK;
        let rest_from = from + weeks * WEEK;
        let per_week = if weeks > 0 {
            self.within_a_week(from, from + WEEK)
        } else {
            0
        };
        weeks as u64 * per_week + self.within_a_week(rest_from, to)
    }

    /// The runs in `[from, to)`, at most a week long.
    fn within_a_week(&self, from: i64, to: i64) -> u64 {
        debug_assert!(from <= to && to - from <= WEEK);
        // Local seconds from the Sunday 00:00 that starts `from`'s local week.
        let x = time::week_position(from + self.offset);
        let y = x + (to - from);
        let (first, last) = (slot_at(self.cut, x), slot_at(self.cut, y));
        let start = |index: i64| start(self.cut, index);
        let is_open = |index: i64| get(&self.open, index);
        // Openings in [x, y).
        let openings_from = if start(first) == x { first } else { first + 1 };
        let openings_to = if start(last) < y { last + 1 } else { last };
        let mut runs = ones_in(&self.openings, openings_from, openings_to);
        // Triggers at open instants.
        if first == last {
            if is_open(first) {
                runs += self.pattern.count_in(from, to);
            }
            return runs;
        }
        let mut full_from = first;
        if start(first) < x {
            if is_open(first) {
                runs += self.pattern.count_in(from, from + start(first + 1) - x);
            }
            full_from += 1;
        }
        if start(last) < y && is_open(last) {
            runs += self.pattern.count_in(to - (y - start(last)), to);
        }
        runs += match self.spread {
            Spread::Uniform { first, second } => {
                let range = range(full_from, last);
                let open = and(self.open, range);
                first * count(&and(open, [EVEN; TWO])) + second * count(&and(open, [ODD; TWO]))
            }
            Spread::Marked(marks) => count(&and(and(self.open, marks), range(full_from, last))),
        };
        runs
    }
}

/// Where slot `index` (of any week) begins, in local seconds from a
/// Sunday 00:00.
#[inline]
fn start(cut: i64, index: i64) -> i64 {
    index.div_euclid(2) * HOUR + index.rem_euclid(2) * cut
}

/// The slot holding local second `local` (of any week).
#[inline]
fn slot_at(cut: i64, local: i64) -> i64 {
    2 * local.div_euclid(HOUR) + i64::from(local.rem_euclid(HOUR) >= cut)
}

/// A window's 168 hours as 336 slots over two weeks: each hour's state in
/// both its slots (the second is empty), so it neither breaks a stretch nor
/// starts one.
fn spread_hours(window: &Window) -> Fortnight {
    let mut week = [0; ONE];
    for (index, &word) in window.hour_bits().data.iter().enumerate() {
        for (half, bits) in [word as u32, (word >> 32) as u32].into_iter().enumerate() {
            week[index * 2 + half] = double_bits(bits);
        }
    }
    twice(and(week, ALL))
}

/// Each of the 32 bits of `bits` twice: bit `i` to bits `2i` and `2i + 1`.
fn double_bits(bits: u32) -> u64 {
    let mut x = u64::from(bits);
    x = (x | x << 16) & 0x0000_FFFF_0000_FFFF;
    x = (x | x << 8) & 0x00FF_00FF_00FF_00FF;
    x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F;
    x = (x | x << 2) & 0x3333_3333_3333_3333;
    x = (x | x << 1) & EVEN;
    x | x << 1
}

/// A split gate's slots over two weeks, its offset and its cut.
fn split_slots(split: &SplitGate) -> (Fortnight, i64, i64) {
    let (slots, offset, cut) = split.parts();
    (twice(slots), i64::from(offset), i64::from(cut))
}

/// The slots `index + k * period` of a week (`period` divides 336).
fn periodic(index: i64, period: i64) -> Week {
    // Bits 0, period, 2 period, ... of a word: (2^(period k) - 1) / (2^period - 1).
    let reach = (64 + period - 1) / period * period;
    let every = (((1_u128 << reach) - 1) / ((1_u128 << period) - 1)) as u64;
    core::array::from_fn(|word| every << (index - 64 * word as i64).rem_euclid(period))
}

/// One week's bits in both weeks of a fortnight.
fn twice(week: Week) -> Fortnight {
    let mut out = [0; TWO];
    out[..ONE].copy_from_slice(&week);
    // The second week starts at bit 336 = 5 words and 16 bits.
    let shift = (SLOTS % 64) as u32;
    for (index, &word) in week.iter().enumerate() {
        out[index + 5] |= word << shift;
        // The last word's 16 bits all land in word 10.
        if let Some(next) = out.get_mut(index + 6) {
            *next |= word >> (64 - shift);
        }
    }
    out
}

/// The first week's bits of a fortnight.
fn low_week(bits: &Fortnight) -> Week {
    and(core::array::from_fn(|index| bits[index]), ALL)
}

/// The second week's bits of a fortnight, as a week.
fn high_week(bits: &Fortnight) -> Week {
    let shift = (SLOTS % 64) as u32;
    let week = core::array::from_fn(|index| {
        bits[index + 5] >> shift | bits.get(index + 6).map_or(0, |next| next << (64 - shift))
    });
    // Bits past the fortnight (a carry out of its last stretch) are not slots.
    and(week, ALL)
}

/// Bits `[from, to)` of a fortnight.
fn range(from: i64, to: i64) -> Fortnight {
    core::array::from_fn(|word| {
        let low = (from - 64 * word as i64).clamp(0, 64) as u32;
        let high = (to - 64 * word as i64).clamp(0, 64) as u32;
        let below = |bits: u32| if bits == 64 { u64::MAX } else { (1 << bits) - 1 };
        below(high) & !below(low)
    })
}

/// The sum of two multi-word numbers, least significant word first; the
/// carry out of the top is dropped.
fn add<const N: usize>(a: [u64; N], b: [u64; N]) -> [u64; N] {
    let mut carry = false;
    core::array::from_fn(|index| {
        let (sum, first) = a[index].overflowing_add(b[index]);
        let (sum, second) = sum.overflowing_add(u64::from(carry));
        carry = first || second;
        sum
    })
}

fn and<const N: usize>(a: [u64; N], b: [u64; N]) -> [u64; N] {
    core::array::from_fn(|index| a[index] & b[index])
}

fn not<const N: usize>(a: [u64; N]) -> [u64; N] {
    a.map(|word| !word)
}

fn count<const N: usize>(bits: &[u64; N]) -> u64 {
    bits.iter().map(|word| u64::from(word.count_ones())).sum()
}

/// How many bits of `[from, to)` are set.
fn ones_in(bits: &Fortnight, from: i64, to: i64) -> u64 {
    count(&and(*bits, range(from, to)))
}

fn get<const N: usize>(bits: &[u64; N], index: i64) -> bool {
    bits[(index / 64) as usize] >> (index % 64) & 1 != 0
}

fn set<const N: usize>(bits: &mut [u64; N], index: i64) {
    bits[(index / 64) as usize] |= 1 << (index % 64);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fortnights_hold_a_week_twice() {
        let mut week = [0; ONE];
        for index in [0, 63, 64, 200, 319, 320, 335] {
            set(&mut week, index);
        }
        let both = twice(week);
        for index in 0..2 * SLOTS {
            assert_eq!(get(&both, index), get(&week, index % SLOTS), "{index}");
        }
        assert_eq!(high_week(&both), week);
        assert_eq!(low_week(&both), week);
        assert_eq!(count(&both), 14);
    }

    #[test]
    fn ranges_and_periods() {
        for (from, to) in [(0, 0), (0, 1), (3, 70), (63, 65), (100, 672), (336, 400)] {
            let bits = range(from, to);
            for index in 0..2 * SLOTS {
                assert_eq!(
                    get(&bits, index),
                    (from..to).contains(&index),
                    "{from}..{to} at {index}"
                );
            }
        }
        for period in [2, 4, 6, 8, 12, 16, 24, 48] {
            for index in [0, 1, 5, 47] {
                let bits = periodic(index, period);
                for slot in 0..SLOTS {
                    assert_eq!(
                        get(&bits, slot),
                        (slot - index).rem_euclid(period) == 0,
                        "{index} mod {period}"
                    );
                }
            }
        }
        for bits in [0, 1, 0x8000_0001, u32::MAX, 0x1234_5678] {
            let doubled = double_bits(bits);
            for index in 0..64 {
                assert_eq!(
                    doubled >> index & 1,
                    u64::from(bits >> (index / 2) & 1),
                    "{bits:x} {index}"
                );
            }
        }
    }

    #[test]
    fn adding_carries_across_words() {
        assert_eq!(add([u64::MAX, u64::MAX, 0], [1, 0, 0]), [0, 0, 1]);
        assert_eq!(add([u64::MAX, 5], [u64::MAX, 1]), [u64::MAX - 1, 7]);
    }
}
