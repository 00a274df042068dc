//! Sets of days of the week, and the crate's one table of day names.

use core::fmt;
use core::iter::FusedIterator;
use core::ops::{BitAnd, BitAndAssign, BitOr, BitOrAssign, Not};
use core::str::FromStr;

use chrono::Weekday;

use crate::error::Error;

/// A day's names, short (as printed) and full (also read).
pub(crate) struct DayName {
    pub(crate) day: Weekday,
    pub(crate) short: &'static str,
    pub(crate) full: &'static str,
}

/// The days of the week in the API's order (`backupWindow` starts on
/// Sunday), with their names: the one day-name table of the crate.
pub(crate) const DAYS: [DayName; 7] = [
    DayName {
        day: Weekday::Sun,
        short: "Sun",
        full: "Sunday",
    },
    DayName {
        day: Weekday::Mon,
        short: "Mon",
        full: "Monday",
    },
    DayName {
        day: Weekday::Tue,
        short: "Tue",
        full: "Tuesday",
    },
    DayName {
        day: Weekday::Wed,
        short: "Wed",
        full: "Wednesday",
    },
    DayName {
        day: Weekday::Thu,
        short: "Thu",
        full: "Thursday",
    },
    DayName {
        day: Weekday::Fri,
        short: "Fri",
        full: "Friday",
    },
    DayName {
        day: Weekday::Sat,
        short: "Sat",
        full: "Saturday",
    },
];

/// A set of days of the week: the days of a daily schedule, or the days an
/// item of a window's text form applies to.
///
/// It reads like a set: `|` joins, `&` intersects, `!` complements, and it
/// collects from an iterator of [`Weekday`]s. [`Display`](fmt::Display) and
/// [`FromStr`] use the day sets of the window's text form (`Mon-Fri`,
/// `Mon+Wed`, `daily`, `weekends`).
///
/// # Example
///
/// ```
/// use backup_schedule::Weekdays;
/// use chrono::Weekday;
///
/// let days = Weekdays::MONDAY | Weekdays::WEDNESDAY;
/// assert!(days.contains(Weekday::Wed));
/// assert!(!days.contains(Weekday::Tue));
/// assert_eq!(days.to_string(), "Mon+Wed");
/// assert_eq!("Mon+Wed".parse::<Weekdays>()?, days);
///
/// assert_eq!(Weekdays::WORKDAYS | Weekdays::WEEKENDS, Weekdays::EVERYDAY);
/// assert_eq!(!Weekdays::WORKDAYS, Weekdays::WEEKENDS);
/// assert_eq!([Weekday::Sat, Weekday::Sun].into_iter().collect::<Weekdays>(), Weekdays::WEEKENDS);
/// assert_eq!(Weekdays::WORKDAYS.len(), 5);
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Weekdays(u8);

impl Weekdays {
    /// No day at all: a daily schedule on it never runs.
    pub const NONE: Weekdays = Weekdays(0);
    /// Every day of the week.
    pub const EVERYDAY: Weekdays = Weekdays(0b111_1111);
    /// Monday to Friday.
    pub const WORKDAYS: Weekdays = Weekdays(0b011_1110);
    /// Saturday and Sunday.
    pub const WEEKENDS: Weekdays = Weekdays(0b100_0001);
    /// Sunday alone.
    pub const SUNDAY: Weekdays = Weekdays::only(Weekday::Sun);
    /// Monday alone.
    pub const MONDAY: Weekdays = Weekdays::only(Weekday::Mon);
    /// Tuesday alone.
    pub const TUESDAY: Weekdays = Weekdays::only(Weekday::Tue);
    /// Wednesday alone.
    pub const WEDNESDAY: Weekdays = Weekdays::only(Weekday::Wed);
    /// Thursday alone.
    pub const THURSDAY: Weekdays = Weekdays::only(Weekday::Thu);
    /// Friday alone.
    pub const FRIDAY: Weekdays = Weekdays::only(Weekday::Fri);
    /// Saturday alone.
    pub const SATURDAY: Weekdays = Weekdays::only(Weekday::Sat);

    /// The set of just `day`.
    pub const fn only(day: Weekday) -> Weekdays {
        Weekdays(1 << day.num_days_from_sunday())
    }

    /// This set with `day` added.
    pub const fn with(self, day: Weekday) -> Weekdays {
        Weekdays(self.0 | Weekdays::only(day).0)
    }

    /// Whether `day` is in the set.
    pub const fn contains(self, day: Weekday) -> bool {
        self.0 & Weekdays::only(day).0 != 0
    }

    /// Whether the set has no day.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many days the set has, 0 to 7.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The days in the set, Sunday first (the API's order).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Weekdays;
    /// use chrono::Weekday;
    ///
    /// let days: Vec<_> = Weekdays::WEEKENDS.iter().collect();
    /// assert_eq!(days, [Weekday::Sun, Weekday::Sat]);
    /// ```
    pub fn iter(self) -> WeekdaysIter {
        WeekdaysIter { days: self.0 }
    }

    /// The set as bits, bit 0 = Sunday.
    #[inline]
    pub(crate) const fn bits(self) -> u8 {
        self.0
    }

    /// The set of bits `bits` (bit 0 = Sunday; bits above 6 are dropped).
    #[inline]
    pub(crate) const fn from_bits(bits: u8) -> Weekdays {
        Weekdays(bits & Weekdays::EVERYDAY.0)
    }

    /// Both copies of the week side by side (bits 0..14), so that a search
    /// over seven consecutive days never wraps.
    #[inline]
    fn twice(self) -> u32 {
        u32::from(self.0) | (u32::from(self.0) << 7)
    }

    /// Days from day-of-week `day` (0 = Sunday) forward to the first day in
    /// the set at or after day `day + from` (`from` is 0 or 1): `from..=from + 6`,
    /// or `None` for the empty set.
    #[inline]
    pub(crate) fn days_ahead(self, day: u32, from: u32) -> Option<u32> {
        let skip = (self.twice() >> (day + from)).trailing_zeros();
        (skip < 7).then_some(from + skip)
    }

    /// Days from day-of-week `day` back to the last day in the set at or
    /// before day `day - from` (`from` is 0 or 1): `from..=from + 6`, or
    /// `None` for the empty set.
    #[inline]
    pub(crate) fn days_back(self, day: u32, from: u32) -> Option<u32> {
        // Position `day + 7` of the doubled week is `day`; keep the positions
        // at or before `day + 7 - from`.
        let upto = day + 7 - from;
        let before = self.twice() & ((2 << upto) - 1);
        if before == 0 {
            return None;
        }
        Some(upto - (31 - before.leading_zeros()) + from)
    }
}

impl BitOr for Weekdays {
    type Output = Weekdays;

    fn bitor(self, other: Weekdays) -> Weekdays {
        Weekdays(self.0 | other.0)
    }
}

impl BitOrAssign for Weekdays {
    fn bitor_assign(&mut self, other: Weekdays) {
        self.0 |= other.0;
    }
}

impl BitAnd for Weekdays {
    type Output = Weekdays;

    fn bitand(self, other: Weekdays) -> Weekdays {
        Weekdays(self.0 & other.0)
    }
}

impl BitAndAssign for Weekdays {
    fn bitand_assign(&mut self, other: Weekdays) {
        self.0 &= other.0;
    }
}

impl Not for Weekdays {
    type Output = Weekdays;

    /// The days not in the set.
    fn not(self) -> Weekdays {
        Weekdays::from_bits(!self.0)
    }
}

impl From<Weekday> for Weekdays {
    fn from(day: Weekday) -> Weekdays {
        Weekdays::only(day)
    }
}

impl FromIterator<Weekday> for Weekdays {
    fn from_iter<I: IntoIterator<Item = Weekday>>(days: I) -> Weekdays {
        days.into_iter().fold(Weekdays::NONE, Weekdays::with)
    }
}

impl Extend<Weekday> for Weekdays {
    fn extend<I: IntoIterator<Item = Weekday>>(&mut self, days: I) {
        *self = days.into_iter().fold(*self, Weekdays::with);
    }
}

impl IntoIterator for Weekdays {
    type Item = Weekday;
    type IntoIter = WeekdaysIter;

    fn into_iter(self) -> WeekdaysIter {
        self.iter()
    }
}

/// The days of a [`Weekdays`], Sunday first; see [`Weekdays::iter`].
#[derive(Clone, Debug)]
pub struct WeekdaysIter {
    /// The days not yet given, bit 0 = Sunday.
    days: u8,
}

impl Iterator for WeekdaysIter {
    type Item = Weekday;

    fn next(&mut self) -> Option<Weekday> {
        if self.days == 0 {
            return None;
        }
        let day = self.days.trailing_zeros() as usize;
        self.days &= self.days - 1;
        Some(DAYS[day].day)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.days.count_ones() as usize;
        (left, Some(left))
    }
}

impl ExactSizeIterator for WeekdaysIter {}

impl FusedIterator for WeekdaysIter {}

impl fmt::Debug for Weekdays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl fmt::Display for Weekdays {
    /// The day set of the window's text form, Monday first: `daily` for
    /// every day, ranges of consecutive days (`Mon-Fri`, `Sat-Sun`, wrapping
    /// as `Fri-Mon`) joined by `+` (`Mon+Wed`), and `none` for the empty set
    /// (which the text form has no item for).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Weekdays;
    ///
    /// assert_eq!(Weekdays::EVERYDAY.to_string(), "daily");
    /// assert_eq!(Weekdays::WORKDAYS.to_string(), "Mon-Fri");
    /// assert_eq!(Weekdays::WEEKENDS.to_string(), "Sat-Sun");
    /// assert_eq!((Weekdays::FRIDAY | Weekdays::MONDAY | Weekdays::SUNDAY).to_string(), "Fri+Sun-Mon");
    /// assert_eq!((Weekdays::WEEKENDS | Weekdays::FRIDAY | Weekdays::MONDAY).to_string(), "Fri-Mon");
    /// assert_eq!(Weekdays::NONE.to_string(), "none");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Weekdays::EVERYDAY {
            return f.write_str("daily");
        }
        if self.is_empty() {
            return f.write_str("none");
        }
        for (index, first) in self.range_starts().enumerate() {
            if index > 0 {
                f.write_str("+")?;
            }
            f.write_str(DAYS[first].short)?;
            let mut last = first;
            // Ends: the set is not every day.
            while self.has(last + 1) {
                last = (last + 1) % 7;
            }
            if last != first {
                f.write_str("-")?;
                f.write_str(DAYS[last].short)?;
            }
        }
        Ok(())
    }
}

impl Weekdays {
    /// Whether `day` (0 = Sunday, any integer) is in the set.
    fn has(self, day: usize) -> bool {
        self.0 & (1 << (day % 7)) != 0
    }

    /// The days where the printed day ranges start (not preceded by a day of
    /// the set), Monday first.
    pub(crate) fn range_starts(self) -> impl Iterator<Item = usize> {
        (1..8)
            .map(|day| day % 7)
            .filter(move |&day| self.has(day) && !self.has(day + 6))
    }
}

impl FromStr for Weekdays {
    type Err = Error;

    /// Reads a day set of the window's text form: `Mon-Fri`, `Fri-Mon`,
    /// `Mon+Wed+Fri`, `daily`, `everyday`, `workdays`, `weekends`, day names
    /// short or full, any case; `none` is the empty set.
    ///
    /// # Errors
    ///
    /// [`Error::WindowText`] with the byte position of what does not fit.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Weekdays;
    ///
    /// assert_eq!("monday-friday".parse::<Weekdays>()?, Weekdays::WORKDAYS);
    /// assert_eq!("Sat + Sun".parse::<Weekdays>()?, Weekdays::WEEKENDS);
    /// assert_eq!(
    ///     "Mon-Fry".parse::<Weekdays>().unwrap_err().to_string(),
    ///     r#"at 4: expected a day like Fri, found "Fry""#,
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn from_str(text: &str) -> Result<Weekdays, Error> {
        if text.trim().eq_ignore_ascii_case("none") {
            return Ok(Weekdays::NONE);
        }
        crate::window_text::parse_days(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_distances() {
        let sunday_only = Weekdays::only(Weekday::Sun);
        assert_eq!(sunday_only.days_ahead(6, 1), Some(1));
        assert_eq!(sunday_only.days_ahead(0, 1), Some(7));
        assert_eq!(sunday_only.days_ahead(0, 0), Some(0));
        assert_eq!(sunday_only.days_back(0, 1), Some(7));
        assert_eq!(sunday_only.days_back(0, 0), Some(0));
        assert_eq!(sunday_only.days_back(1, 1), Some(1));
        assert_eq!(Weekdays::WORKDAYS.days_ahead(5, 1), Some(3)); // Fri -> Mon
        assert_eq!(Weekdays::WORKDAYS.days_ahead(6, 0), Some(2)); // Sat -> Mon
        assert_eq!(Weekdays::WORKDAYS.days_back(1, 1), Some(3)); // Mon -> Fri
        assert_eq!(Weekdays::WORKDAYS.days_back(0, 0), Some(2)); // Sun -> Fri
        assert_eq!(Weekdays::NONE.days_ahead(3, 0), None);
        assert_eq!(Weekdays::NONE.days_back(3, 1), None);
    }

    #[test]
    fn table_is_sunday_first_and_in_order() {
        for (index, name) in DAYS.iter().enumerate() {
            assert_eq!(name.day.num_days_from_sunday() as usize, index);
            assert_eq!(name.day.to_string(), name.short); // chrono agrees
            assert!(name.full.starts_with(name.short));
        }
    }

    #[test]
    fn set_operations_stay_within_the_week() {
        assert_eq!(!Weekdays::NONE, Weekdays::EVERYDAY);
        assert_eq!(!Weekdays::EVERYDAY, Weekdays::NONE);
        assert_eq!(Weekdays::from_bits(0xff), Weekdays::EVERYDAY);
        let mut days = Weekdays::MONDAY;
        days |= Weekdays::FRIDAY;
        days &= Weekdays::WORKDAYS;
        assert_eq!(days.len(), 2);
        days.extend([Weekday::Tue]);
        assert_eq!(days, Weekdays::MONDAY | Weekdays::TUESDAY | Weekdays::FRIDAY);
        assert_eq!(days.iter().len(), 3);
        assert!(Weekdays::NONE.is_empty() && !Weekdays::SUNDAY.is_empty());
    }
}
