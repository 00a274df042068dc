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

use crate::gate::StartGate;
use crate::time::{self, HOUR, WEEK};
use crate::trigger::{ShiftedPlan, TriggerPattern};

/// The first slots of the hours (even bits), and the second (odd bits).
const EVEN: u64 = 0x5555_5555_5555_5555;
const ODD: u64 = !EVEN;

/// A fixed-offset schedule's runs, ready to be counted: a window's 168 hours
/// (`N` = 3 words) or a split gate's 336 slots (`N` = 6).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Counter {
    Hours(Slots<3>),
    Split(Slots<6>),
}

impl Counter {
    /// The counter for `plan` held to `gate`; `None` for a grid that neither
    /// divides an hour nor is whole hours, or for no triggers at all.
    pub(crate) fn new(plan: ShiftedPlan, gate: &StartGate) -> Option<Counter> {
        Some(match gate {
            StartGate::One(window) => Counter::Hours(Slots::new(
                window.hour_bits().data,
                i64::from(window.offset_secs()),
                None,
                plan.pattern(),
            )?),
            StartGate::Split(split) => {
                let (slots, offset, cut) = split.parts();
                Counter::Split(Slots::new(
                    slots,
                    i64::from(offset),
                    Some(i64::from(cut)),
                    plan.pattern(),
                )?)
            }
        })
    }

    /// The runs in `[from, to)`, Unix seconds.
    pub(crate) fn count(&self, from: i64, to: i64) -> u64 {
        match self {
            Counter::Hours(slots) => slots.count(from, to),
            Counter::Split(slots) => slots.count(from, to),
        }
    }
}

/// A week of slots: one an hour, or two (`[h:00, h:00 + cut)` and
/// `[h:00 + cut, h+1:00)`) where two windows' edges interleave.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slots<const N: usize> {
    pattern: TriggerPattern,
    /// Seconds from UTC to the gate's local time.
    offset: i64,
    /// Where each hour's second slot begins; `None` with one slot an hour.
    cut: Option<i64>,
    /// Slots in the week, 168 or 336.
    count: i64,
    open: [u64; N],
    /// Triggers per full open slot.
    spread: Spread<N>,
    /// Slots whose opening starts a run of waited triggers (and that have no
    /// trigger of their own at it).
    openings: [u64; N],
    /// The runs of a whole week.
    per_week: u64,
}

/// How a grid's or a week's triggers fall into full slots.
#[derive(Clone, Copy, Debug)]
enum Spread<const N: usize> {
    /// This many in each even slot (the first of an hour, or every slot
    /// with one an hour) and in each odd one.
    Uniform { even: u64, odd: u64 },
    /// One in each marked open slot, none in the others.
    Marked([u64; N]),
}

impl<const N: usize> Slots<N> {
    fn new(open: [u64; N], offset: i64, cut: Option<i64>, pattern: TriggerPattern) -> Option<Slots<N>> {
        let count = 168 * if cut.is_some() { 2 } else { 1 };
        let all = all::<N>(count);
        let mut slots = Slots {
            pattern,
            offset,
            cut,
            count,
            open,
            spread: Spread::Uniform { even: 0, odd: 0 },
            openings: [0; N],
            per_week: 0,
        };
        // Which slots hold a trigger, and which have one at their opening.
        let (holding, on_opening) = match pattern {
            TriggerPattern::None => return None,
            TriggerPattern::Grid { every, phase } if HOUR % every == 0 => {
                // In the gate's local time, the same in every hour.
                let phase = (phase + offset).rem_euclid(every);
                let cut = cut.unwrap_or(HOUR);
                let even = if phase < cut {
                    ((cut - phase - 1) / every + 1) as u64
                } else {
                    0
                };
                let odd = (HOUR / every) as u64 - even;
                // With one slot an hour, every slot is "even".
                let split = slots.cut.is_some();
                let parity = |even_slots: bool, odd_slots: bool| -> [u64; N] {
                    let word = match (even_slots, odd_slots) {
                        (true, _) if !split => u64::MAX,
                        (true, true) => u64::MAX,
                        (true, false) => EVEN,
                        (false, true) => ODD,
                        (false, false) => 0,
                    };
                    and([word; N], all)
                };
                let opening_second = cut < HOUR && (cut - phase).rem_euclid(every) == 0;
                slots.spread = Spread::Uniform { even, odd };
                (parity(even > 0, odd > 0), parity(phase == 0, opening_second))
            }
            TriggerPattern::Grid { every, phase } if every % HOUR == 0 => {
                let phase = (phase + offset).rem_euclid(every);
                let index = slots.slot_at(phase);
                let marks = and(periodic(index, every / HOUR * (count / 168)), all);
                let on_opening = if slots.start(index) == phase {
                    marks
                } else {
                    [0; N]
                };
                slots.spread = Spread::Marked(marks);
                (marks, on_opening)
            }
            TriggerPattern::Grid { .. } => return None,
            TriggerPattern::Weekly { positions, count } => {
                let (mut marks, mut on_opening) = ([0; N], [0; N]);
                for &position in &positions[..count] {
                    let local = (position + offset).rem_euclid(WEEK);
                    let index = slots.slot_at(local);
                    set(&mut marks, index);
                    if slots.start(index) == local {
                        set(&mut on_opening, index);
                    }
                }
                slots.spread = Spread::Marked(marks);
                (marks, on_opening)
            }
        };
        // Closed stretches holding a trigger: adding the closed slots that
        // hold one to the closed slots carries a one past each such stretch.
        // The carry out of the week's last slot goes round into its first
        // (an end-around carry), for the stretch across the week's end.
        let closed = and(not(open), all);
        let holding = and(holding, closed);
        // (The week ends inside a word: its carry out lands on bit `count`.)
        let (first, _) = add(closed, holding, false);
        let (sum, _) = add(closed, holding, get(&first, count));
        slots.openings = and(and(sum, not(closed)), and(not(on_opening), all));
        slots.per_week = slots.runs_in_slots(0, count);
        Some(slots)
    }

    /// The runs in `[from, to)`, Unix seconds.
    fn count(&self, from: i64, to: i64) -> u64 {
        if to <= from {
            return 0;
        }
        let weeks = (to - from) / WEEK;
        let rest = from + weeks * WEEK;
        // A range of whole weeks has no rest: `within_a_week` of an empty
        // range would still count an opening on its start.
        let within = if rest < to {
            self.within_a_week(rest, to)
        } else {
            0
        };
        weeks as u64 * self.per_week + within
    }

    /// Where slot `index` (of any week) begins, in local seconds from a
    /// Sunday 00:00.
    #[inline]
    fn start(&self, index: i64) -> i64 {
        match self.cut {
            None => index * HOUR,
            Some(cut) => index.div_euclid(2) * HOUR + index.rem_euclid(2) * cut,
        }
    }

    /// The slot holding local second `local` (of any week, from a Sunday).
    #[inline]
    fn slot_at(&self, local: i64) -> i64 {
        match self.cut {
            None => local.div_euclid(HOUR),
            Some(cut) => 2 * local.div_euclid(HOUR) + i64::from(local.rem_euclid(HOUR) >= cut),
        }
    }

    /// The runs in full slots `[from, to)` of the week (`0 <= from <= to <=
    /// count`): the triggers in open slots, and the openings.
    #[inline]
    fn runs_in_slots(&self, from: i64, to: i64) -> u64 {
        let range = range::<N>(from, to);
        let triggers = match self.spread {
            Spread::Uniform { even, odd } => {
                let open = and(self.open, range);
                match self.cut {
                    None => even * ones(&open),
                    Some(_) => even * ones(&and(open, [EVEN; N])) + odd * ones(&and(open, [ODD; N])),
                }
            }
            Spread::Marked(marks) => ones(&and(and(self.open, marks), range)),
        };
        triggers + ones(&and(self.openings, range))
    }

    /// The runs in `[from, to)`, less than a week long.
    fn within_a_week(&self, from: i64, to: i64) -> u64 {
        // Local seconds from the Sunday 00:00 that starts `from`'s local week.
        let x = time::week_position(from + self.offset);
        let y = x + (to - from);
        let (first, last) = (self.slot_at(x), self.slot_at(y));
        let is_open = |index: i64| get(&self.open, index.rem_euclid(self.count));
        let opening = |index: i64| u64::from(get(&self.openings, index.rem_euclid(self.count)));
        if first == last {
            let triggers = if is_open(first) {
                self.pattern.count_in(from, to)
            } else {
                0
            };
            // The opening of the slot, when `from` is on it.
            return triggers + if self.start(first) == x { opening(first) } else { 0 };
        }
        let mut runs = 0;
        // The slot `from` is in, from `from` on (an opening on `from` too).
        let mut full_from = first;
        if self.start(first) < x {
            if is_open(first) {
                runs += self.pattern.count_in(from, from + self.start(first + 1) - x);
            }
            full_from += 1;
        }
        // The slot `to` is in, up to `to` (with its opening).
        if self.start(last) < y {
            if is_open(last) {
                runs += self.pattern.count_in(to - (y - self.start(last)), to);
            }
            runs += opening(last);
        }
        // The full slots between, across the week's end if need be.
        runs + if last <= self.count {
            self.runs_in_slots(full_from, last)
        } else {
            self.runs_in_slots(full_from, self.count) + self.runs_in_slots(0, last - self.count)
        }
    }
}

/// Bits `0..count` set.
fn all<const N: usize>(count: i64) -> [u64; N] {
    range(0, count)
}

/// The slots `index + k * period` of a week (`period` divides the week's
/// slots).
fn periodic<const N: usize>(index: i64, period: i64) -> [u64; N] {
    // Bits 0, period, 2 period, ... of a word: (2^(period k) - 1) / (2^period - 1)
    // for any k with period k >= 64 (the bits past 64 are cut off).
    let reach = 64_u32.next_multiple_of(period as u32);
    let every = (((1_u128 << reach) - 1) / ((1_u128 << period) - 1)) as u64;
    core::array::from_fn(|word| every << (index - 64 * word as i64).rem_euclid(period))
}

/// Bits `[from, to)`.
#[inline]
fn range<const N: usize>(from: i64, to: i64) -> [u64; N] {
    core::array::from_fn(|word| {
        let low = (from - 64 * word as i64).clamp(0, 64) as u32;
        let high = (to - 64 * word as i64).clamp(0, 64) as u32;
        let below = |bits: u32| if bits == 64 { u64::MAX } else { (1 << bits) - 1 };
        below(high) & !below(low)
    })
}

/// The sum of two multi-word numbers (least significant word first) and a
/// carry in, with the carry out of the top.
fn add<const N: usize>(a: [u64; N], b: [u64; N], carry_in: bool) -> ([u64; N], bool) {
    let mut carry = carry_in;
    let sum = core::array::from_fn(|index| {
        let (sum, first) = a[index].overflowing_add(b[index]);
        let (sum, second) = sum.overflowing_add(u64::from(carry));
        carry = first || second;
        sum
    });
    (sum, carry)
}

#[inline]
fn and<const N: usize>(a: [u64; N], b: [u64; N]) -> [u64; N] {
    core::array::from_fn(|index| a[index] & b[index])
}

#[inline]
fn not<const N: usize>(a: [u64; N]) -> [u64; N] {
    a.map(|word| !word)
}

#[inline]
fn ones<const N: usize>(bits: &[u64; N]) -> u64 {
    bits.iter().map(|word| u64::from(word.count_ones())).sum()
}

#[inline]
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
    fn ranges_and_periods() {
        for (from, to) in [(0, 0), (0, 1), (3, 70), (63, 65), (100, 336), (200, 300)] {
            let bits = range::<6>(from, to);
            for index in 0..336 {
                assert_eq!(
                    get(&bits, index),
                    (from..to).contains(&index),
                    "{from}..{to} at {index}"
                );
            }
        }
        for period in [1, 2, 3, 4, 6, 8, 12, 16, 24, 48] {
            for index in [0, 1, 5, 47] {
                let bits = periodic::<6>(index, period);
                for slot in 0..336 {
                    assert_eq!(
                        get(&bits, slot),
                        (slot - index).rem_euclid(period) == 0,
                        "{index} mod {period}"
                    );
                }
            }
        }
    }

    #[test]
    fn adding_carries_across_words_and_out() {
        assert_eq!(add([u64::MAX, u64::MAX, 0], [1, 0, 0], false), ([0, 0, 1], false));
        assert_eq!(
            add([u64::MAX, 5], [u64::MAX, 1], false),
            ([u64::MAX - 1, 7], false)
        );
        assert_eq!(add([u64::MAX], [1], false), ([0], true));
        assert_eq!(add([6], [1], true), ([8], false));
    }
}
