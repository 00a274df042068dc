//! Gates on the position in the week: what the constant-time engine asks of
//! a window, and the gate of two windows whose offsets differ by a part of
//! an hour.
//!
//! A gate that repeats every week is cut into *slots* of the week (the
//! window's 168 hours, or 336 slots when two windows' edges interleave),
//! each open or closed, packed into bits. "When does it open next" is then a
//! masked `trailing_zeros` over a few words, never a loop over hours.

use crate::engine::Gate;
use crate::time::{self, HOUR_U32, WEEK_U32};
use crate::window::Window;

/// Where an instant falls in a gate's local week.
#[derive(Clone, Copy, Debug)]
pub struct Spot {
    /// The slot of the week: the hour (0..168) of a window.
    pub(crate) index: u32,
    /// Seconds since that slot began.
    pub(crate) into: u32,
    /// Whether the slot is open.
    pub(crate) open: bool,
}

/// A gate answered from the position in the week, in constant time.
pub trait WeekGate: Copy {
    /// Where the instant `week` seconds after Sunday 00:00 UTC falls. Any
    /// `week` below three weeks will do (a position past the end of the week
    /// wraps), so callers can add up to two weeks ahead.
    fn spot(&self, week: u32) -> Spot;
    /// Seconds from `spot` to the first instant at or after it at which the
    /// gate is open: 0 when open there; `None` when it never opens. At most
    /// a week.
    fn open_ahead(&self, spot: Spot) -> Option<u32>;
    /// Seconds from `spot` to the first closing edge strictly after it: the
    /// end of the open stretch containing it or, from a closed spot, of the
    /// next one. `None` when the gate never closes or never opens. Under
    /// two weeks.
    fn close_ahead(&self, spot: Spot) -> Option<u32>;
    /// For a closed spot, the seconds since its closed stretch began (the
    /// end of the last open slot before it). `None` when the gate never
    /// opens. Under a week.
    fn closed_back(&self, spot: Spot) -> Option<u32>;
    /// Whether the gate is open at every instant.
    fn is_always_open(&self) -> bool;
}

impl<G: WeekGate> Gate for G {
    #[inline]
    fn is_open_at(&self, t: i64) -> bool {
        self.spot(time::week_position(t) as u32).open
    }

    #[inline]
    fn open_at_or_after(&self, t: i64) -> Option<i64> {
        Some(t + i64::from(self.open_ahead(self.spot(time::week_position(t) as u32))?))
    }

    #[inline]
    fn closed_since(&self, t: i64) -> Option<i64> {
        Some(t - i64::from(self.closed_back(self.spot(time::week_position(t) as u32))?))
    }

    #[inline]
    fn close_after(&self, t: i64) -> Option<i64> {
        Some(t + i64::from(self.close_ahead(self.spot(time::week_position(t) as u32))?))
    }
}

/// Slots from `index` forward to the next set bit after it, cyclically over
/// `bits` slots: `1..=bits` (`bits` when `index` is the only set bit), or
/// `None` when no bit is set. Bits at `bits` and above must be clear.
#[inline]
pub(crate) fn ones_ahead<const N: usize>(words: &[u64; N], bits: u32, index: u32) -> Option<u32> {
    let found = first_one_from(words, index + 1).or_else(|| first_one_from(words, 0))?;
    Some(if found > index {
        found - index
    } else {
        found + bits - index
    })
}

/// Slots from `index` back to the last set bit before it, cyclically over
/// `bits` slots: `1..=bits`, or `None` when no bit is set.
#[inline]
pub(crate) fn ones_back<const N: usize>(words: &[u64; N], bits: u32, index: u32) -> Option<u32> {
    let found = index
        .checked_sub(1)
        .and_then(|before| last_one_upto(words, before))
        .or_else(|| last_one_upto(words, bits - 1))?;
    Some(if found < index {
        index - found
    } else {
        index + bits - found
    })
}

/// The lowest set bit at index `>= from`, without wrapping.
#[inline]
fn first_one_from<const N: usize>(words: &[u64; N], from: u32) -> Option<u32> {
    let mut index = (from / 64) as usize;
    if index >= N {
        return None;
    }
    let mut word = words[index] & (u64::MAX << (from % 64));
    loop {
        if word != 0 {
            return Some(index as u32 * 64 + word.trailing_zeros());
        }
        index += 1;
        word = *words.get(index)?;
    }
}

/// The highest set bit at index `<= upto`, without wrapping.
#[inline]
fn last_one_upto<const N: usize>(words: &[u64; N], upto: u32) -> Option<u32> {
    let mut index = (upto / 64) as usize;
    let mut word = words[index] & (u64::MAX >> (63 - upto % 64));
    loop {
        if word != 0 {
            return Some(index as u32 * 64 + 63 - word.leading_zeros());
        }
        index = index.checked_sub(1)?;
        word = words[index];
    }
}

/// Whether bit `index` is set.
#[inline]
pub(crate) fn is_set<const N: usize>(words: &[u64; N], index: u32) -> bool {
    words[(index / 64) as usize] >> (index % 64) & 1 != 0
}

/// Slots in a week of two windows' slots: two a local hour.
const SLOTS: u32 = 336;

/// Bits 320..336 of the sixth word are slots; the rest stay zero.
const LAST_SLOT_MASK: u64 = (1 << (SLOTS - 320)) - 1;

/// Two windows open together, where their offsets differ by a number of
/// minutes that is not whole hours: in the first window's local time, every
/// hour is cut where the second window's hours begin, into two slots.
///
/// Hour `h` of the first window's local week is slot `2h` (its first `cut`
/// seconds) and slot `2h + 1` (the rest); each slot lies in one hour of each
/// window, so it is open exactly when both those hours are.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct SplitGate {
    slots: [u64; 6],
    /// Seconds to add to UTC to get the first window's local time.
    offset_secs: i32,
    /// Where in each hour the second window's hours begin, `1..3600`.
    cut: u32,
}

impl SplitGate {
    /// The slot `index` (any slot count, for positions past a week) starts
    /// this many seconds after the first window's local Sunday 00:00.
    #[inline]
    fn start(&self, index: u32) -> u32 {
        index / 2 * HOUR_U32 + index % 2 * self.cut
    }

    /// The open slots, the first window's offset and the cut.
    pub(crate) fn parts(&self) -> ([u64; 6], i32, u32) {
        (self.slots, self.offset_secs, self.cut)
    }

    fn closed_slots(&self) -> [u64; 6] {
        let mut closed = self.slots.map(|word| !word);
        closed[5] &= LAST_SLOT_MASK;
        closed
    }
}

impl WeekGate for SplitGate {
    #[inline]
    fn spot(&self, week: u32) -> Spot {
        // `offset_secs` is above -DAY, so the shift is positive.
        let local = (week + (self.offset_secs + WEEK_U32 as i32) as u32) % WEEK_U32;
        let hour = local / HOUR_U32;
        let in_hour = local % HOUR_U32;
        let second = in_hour >= self.cut;
        let index = hour * 2 + u32::from(second);
        Spot {
            index,
            into: in_hour - if second { self.cut } else { 0 },
            open: is_set(&self.slots, index),
        }
    }

    #[inline]
    fn open_ahead(&self, spot: Spot) -> Option<u32> {
        if spot.open {
            return Some(0);
        }
        let ahead = ones_ahead(&self.slots, SLOTS, spot.index)?;
        Some(self.start(spot.index + ahead) - self.start(spot.index) - spot.into)
    }

    #[inline]
    fn close_ahead(&self, spot: Spot) -> Option<u32> {
        let to_open = if spot.open {
            0
        } else {
            ones_ahead(&self.slots, SLOTS, spot.index)?
        };
        let open = spot.index + to_open;
        let to_close = ones_ahead(&self.closed_slots(), SLOTS, open % SLOTS)?;
        Some(self.start(open + to_close) - self.start(spot.index) - spot.into)
    }

    #[inline]
    fn closed_back(&self, spot: Spot) -> Option<u32> {
        // In a second copy of the week, so that the open slot before is
        // never before slot 0.
        let here = spot.index + SLOTS;
        let last_open = here - ones_back(&self.slots, SLOTS, spot.index)?;
        Some(self.start(here) + spot.into - self.start(last_open + 1))
    }

    fn is_always_open(&self) -> bool {
        self.slots == [u64::MAX, u64::MAX, u64::MAX, u64::MAX, u64::MAX, LAST_SLOT_MASK]
    }
}

/// The gate a run starts in: one window, or two open together (a backup
/// job's backup window and permitted hours).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum StartGate {
    /// One window (two windows whose offsets differ by whole hours are
    /// combined into one).
    One(Window),
    /// Two windows whose edges interleave.
    Split(SplitGate),
}

impl StartGate {
    /// The gate open when both `a` and `b` are.
    pub(crate) fn both(a: Window, b: Window) -> StartGate {
        if b.is_always_open() {
            return StartGate::One(a);
        }
        if a.is_always_open() {
            return StartGate::One(b);
        }
        if let Some(hours) = b.hours_in_frame_of(&a) {
            return StartGate::One(a.with_hours(a.hour_bits() & hours));
        }
        // b's local time = a's local time + shift; within each of a's
        // hours, b's hour `h + whole` runs until `cut`, then `h + whole + 1`.
        let shift = b.offset_secs() - a.offset_secs();
        let whole = shift.div_euclid(HOUR_U32 as i32);
        let part = shift.rem_euclid(HOUR_U32 as i32) as u32;
        let week = Window::HOURS as i32;
        let mut slots = [0_u64; 6];
        for hour in 0..week {
            if !a.allows_hour(hour as u32) {
                continue;
            }
            for (slot, b_hour) in [(hour * 2, hour + whole), (hour * 2 + 1, hour + whole + 1)] {
                let b_hour: i32 = b_hour;
                if b.allows_hour(b_hour.rem_euclid(week) as u32) {
                    slots[(slot / 64) as usize] |= 1 << (slot % 64);
                }
            }
        }
        StartGate::Split(SplitGate {
            slots,
            offset_secs: a.offset_secs(),
            cut: HOUR_U32 - part,
        })
    }
}

impl WeekGate for StartGate {
    #[inline]
    fn spot(&self, week: u32) -> Spot {
        match self {
            StartGate::One(window) => window.spot(week),
            StartGate::Split(split) => split.spot(week),
        }
    }

    #[inline]
    fn open_ahead(&self, spot: Spot) -> Option<u32> {
        match self {
            StartGate::One(window) => window.open_ahead(spot),
            StartGate::Split(split) => split.open_ahead(spot),
        }
    }

    #[inline]
    fn close_ahead(&self, spot: Spot) -> Option<u32> {
        match self {
            StartGate::One(window) => window.close_ahead(spot),
            StartGate::Split(split) => split.close_ahead(spot),
        }
    }

    #[inline]
    fn closed_back(&self, spot: Spot) -> Option<u32> {
        match self {
            StartGate::One(window) => window.closed_back(spot),
            StartGate::Split(split) => split.closed_back(spot),
        }
    }

    fn is_always_open(&self) -> bool {
        match self {
            StartGate::One(window) => WeekGate::is_always_open(window),
            StartGate::Split(split) => split.is_always_open(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyclic_search_wraps_over_the_week_end() {
        let words = [1_u64 << 2, 0, 0];
        assert_eq!(ones_ahead(&words, 168, 2), Some(168));
        assert_eq!(ones_ahead(&words, 168, 167), Some(3));
        assert_eq!(ones_back(&words, 168, 2), Some(168));
        assert_eq!(ones_back(&words, 168, 0), Some(166));
        assert_eq!(ones_ahead(&[0_u64; 3], 168, 5), None);
        assert_eq!(ones_back(&[0_u64; 3], 168, 5), None);
    }

    #[test]
    fn bit_searches_agree_with_a_scan() {
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        for bits in [168_u32, 336] {
            for density in [1, 2, 8, 64, 200] {
                for _ in 0..30 {
                    let mut words = [0_u64; 6];
                    let set: Vec<bool> = (0..bits)
                        .map(|_| {
                            seed ^= seed << 13;
                            seed ^= seed >> 7;
                            seed ^= seed << 17;
                            seed % density == 0
                        })
                        .collect();
                    for (index, &on) in set.iter().enumerate() {
                        words[index / 64] |= u64::from(on) << (index % 64);
                    }
                    for index in 0..bits {
                        let ahead = (1..=bits).find(|k| set[((index + k) % bits) as usize]);
                        let back = (1..=bits).find(|k| set[((index + bits - k) % bits) as usize]);
                        assert_eq!(ones_ahead(&words, bits, index), ahead, "{bits} {index}");
                        assert_eq!(ones_back(&words, bits, index), back, "{bits} {index}");
                        assert_eq!(is_set(&words, index), set[index as usize]);
                    }
                }
            }
        }
    }

    /// The split gate against the two windows asked one second at a time.
    #[test]
    fn split_gate_is_open_exactly_when_both_windows_are() {
        let a = Window::parse_with_offset("Mon-Fri 08:00-18:00, Sat 23:00-24:00", 180).unwrap();
        let b = Window::parse_with_offset("Mon-Fri 09:00-12:00 13:00-20:00, Sun 00:00-01:00", 15).unwrap();
        for (a, b) in [(a, b), (b, a)] {
            let gate = StartGate::both(a, b);
            assert!(matches!(gate, StartGate::Split(_)), "offsets 45 minutes apart");
            let monday = 1_764_547_200; // 2025-12-01T00:00:00Z, a Monday
                                        // Every 7 minutes over a week and a day, and each edge's neighbours.
            for t in (monday - 86_400..monday + 8 * 86_400).step_by(420) {
                for t in [t, t + 59, t + 60] {
                    let both = a.is_open_at(t) && b.is_open_at(t);
                    assert_eq!(gate.is_open_at(t), both, "at {t}");
                    let scan_open = (0..8 * 86_400 / 60)
                        .map(|minute| (t + 59) / 60 * 60 + minute * 60)
                        .find(|&m| a.is_open_at(m) && b.is_open_at(m));
                    let expected_open = if both { Some(t) } else { scan_open };
                    assert_eq!(gate.open_at_or_after(t), expected_open, "open at {t}");
                    if !both {
                        let scan_since = (0..8 * 86_400 / 60)
                            .map(|minute| t / 60 * 60 - minute * 60)
                            .find(|&m| a.is_open_at(m - 1) && b.is_open_at(m - 1));
                        assert_eq!(gate.closed_since(t), scan_since, "closed since, at {t}");
                    }
                    let from = expected_open.unwrap();
                    let scan_close = (1..16 * 86_400 / 60)
                        .map(|minute| from / 60 * 60 + minute * 60)
                        .find(|&m| !(a.is_open_at(m) && b.is_open_at(m)));
                    assert_eq!(gate.close_after(t), scan_close, "close after {t}");
                }
            }
        }
    }

    #[test]
    fn whole_hours_apart_is_one_window() {
        let a = Window::parse_with_offset("Mon-Fri 08:00-18:00", 60).unwrap();
        let b = Window::parse_with_offset("Mon-Fri 09:00-12:00", 120).unwrap();
        // b is 08:00-11:00 in a's frame.
        let expected = Window::parse_with_offset("Mon-Fri 08:00-11:00", 60).unwrap();
        assert_eq!(StartGate::both(a, b), StartGate::One(expected));
        assert_eq!(StartGate::both(a, Window::always_open()), StartGate::One(a));
        assert_eq!(StartGate::both(Window::always_open(), b), StartGate::One(b));
        let never = StartGate::both(Window::never_open(), b.with_offset_secs(150 * 60));
        assert_eq!(never.open_at_or_after(0), None);
    }
}
