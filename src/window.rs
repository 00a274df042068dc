//! The backup copy window: 168 allowed-or-prohibited hours of a week, in a
//! local time that is a fixed number of minutes away from UTC.
//!
//! The hours are packed into three `u64` words (bit `day * 24 + hour`, day 0 =
//! Sunday, of local time). Every query works on integer Unix seconds and a
//! handful of bit operations: the position in the week is one Euclidean
//! remainder, and "the next allowed hour" is a masked `trailing_zeros` over at
//! most four words, so no query loops over days or hours.

use core::fmt;

use bitvec::array::BitArray;
use bitvec::order::Lsb0;
use chrono::{DateTime, Utc, Weekday};

use crate::error::Error;
use crate::gate::{is_set, ones_ahead, ones_back, Spot, WeekGate};
use crate::offset::MinuteOffset;
use crate::time::{self, DAY_U32, HOUR_U32, WEEK_U32};

/// Hours in a week: the length of `backupWindow`.
pub const HOURS_PER_WEEK: usize = 168;

pub(crate) type HourBits = BitArray<[u64; 3], Lsb0>;

/// Bits 128..168 of the third word are hours; the rest must stay zero.
const LAST_WORD_MASK: u64 = (1 << (HOURS_PER_WEEK - 128)) - 1;

/// A weekly backup window: which hours of the week a job may run in.
///
/// Hour `day * 24 + hour` (day 0 = Sunday) of the *local* week, where local
/// time is UTC plus [`minute_offset`](Window::minute_offset) minutes, is open on
/// the half-open interval `[hh:00, hh+1:00)` local time when it is allowed.
/// An offset that is not a whole number of hours (330 for India, -210 for
/// Newfoundland) moves every boundary to that minute in UTC.
///
/// A `Window` is small (32 bytes), `Copy`, and every query is constant time.
///
/// # Example
///
/// ```
/// use backup_schedule::Window;
/// use chrono::{TimeZone, Utc};
///
/// // Open Monday to Friday 20:00-23:00 local time, local time = UTC+03:00.
/// let mut hours = [false; 168];
/// for day in 1..=5 {
///     for hour in 20..23 {
///         hours[day * 24 + hour] = true;
///     }
/// }
/// let window = Window::new(&hours, 180)?;
///
/// // Saturday 15:00 UTC is Saturday 18:00 local: closed until Monday 20:00 local.
/// let t = Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap();
/// assert!(!window.is_open(t));
/// assert_eq!(window.next_open(t), Some(Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, 0).unwrap()));
/// // A run started then is terminated at 23:00 local = 20:00 UTC.
/// assert_eq!(window.next_close(t), Some(Utc.with_ymd_and_hms(2026, 11, 30, 20, 0, 0).unwrap()));
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    hours: HourBits,
    /// `minuteOffset * 60`: seconds to add to UTC to get local time.
    offset_secs: i32,
}

impl Window {
    /// A window that allows every hour: what a policy without an enabled
    /// window gets.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    ///
    /// assert!(Window::always_open().is_always_open());
    /// ```
    pub fn always_open() -> Window {
        Window {
            hours: BitArray::new([u64::MAX, u64::MAX, LAST_WORD_MASK]),
            offset_secs: 0,
        }
    }

    /// A window that allows no hour: a job held to it never runs.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    ///
    /// assert!(Window::never_open().is_never_open());
    /// ```
    pub fn never_open() -> Window {
        Window {
            hours: BitArray::ZERO,
            offset_secs: 0,
        }
    }

    /// Builds a window from the API's 168 booleans (Sunday 00:00 first) and
    /// its `minuteOffset`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with path `backupCopyWindowSettings.minuteOffset`
    /// when `minute_offset` is outside `-1439..=1439`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    ///
    /// let window = Window::new(&[true; 168], 330)?;
    /// assert_eq!(window.minute_offset(), 330);
    /// assert!(Window::new(&[true; 168], 1440).is_err());
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn new(hours: &[bool; HOURS_PER_WEEK], minute_offset: i32) -> Result<Window, Error> {
        let mut bits = HourBits::ZERO;
        for (index, &allowed) in hours.iter().enumerate() {
            bits.set(index, allowed);
        }
        Window::from_bits(bits, minute_offset)
    }

    /// Like [`Window::new`], for a slice whose length is not known to be 168
    /// (the API's `boolean[]`).
    ///
    /// # Errors
    ///
    /// [`Error::WindowLength`] with path `backupCopyWindowSettings.backupWindow`
    /// unless `hours` has exactly 168 elements, and the errors of [`Window::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    ///
    /// let err = Window::from_slice(&[true; 167], 0).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "backupCopyWindowSettings.backupWindow: expected 168 booleans, found 167",
    /// );
    /// ```
    pub fn from_slice(hours: &[bool], minute_offset: i32) -> Result<Window, Error> {
        let hours: &[bool; HOURS_PER_WEEK] = hours.try_into().map_err(|_| Error::WindowLength {
            path: "backupCopyWindowSettings.backupWindow".into(),
            found: hours.len() as u64,
        })?;
        Window::new(hours, minute_offset)
    }

    fn from_bits(hours: HourBits, minute_offset: i32) -> Result<Window, Error> {
        let offset =
            MinuteOffset::from_minutes(minute_offset).map_err(|err| err.under("backupCopyWindowSettings"))?;
        Ok(Window {
            hours,
            offset_secs: offset.seconds(),
        })
    }

    /// The same allowed hours at an offset of `secs` seconds, which may lie
    /// outside the API's range by less than a day (an offset is only ever
    /// used modulo a week).
    #[cfg_attr(not(feature = "tz"), allow(dead_code))] // for zoned schedules
    #[inline]
    pub(crate) fn with_offset_secs(self, secs: i32) -> Window {
        debug_assert!(secs.abs() < time::DAY as i32 + time::HOUR as i32);
        Window {
            offset_secs: secs,
            ..self
        }
    }

    /// This window's hours moved into the frame of `frame`: hour `h` of the
    /// result is allowed when this window is open during `frame`'s local
    /// hour `h`. `None` when the offsets differ by a number of minutes that is
    /// not whole hours and this window has edges.
    pub(crate) fn hours_in_frame_of(&self, frame: &Window) -> Option<HourBits> {
        // No edges: the same in every frame.
        if self.is_always_open() || self.is_never_open() {
            return Some(self.hours);
        }
        // Local time in `frame` = local time here + shift.
        let shift = frame.offset_secs - self.offset_secs;
        if shift % HOUR_U32 as i32 != 0 {
            return None;
        }
        let shift = (shift / HOUR_U32 as i32).rem_euclid(HOURS_PER_WEEK as i32) as usize;
        let mut moved = self.hours;
        moved[..HOURS_PER_WEEK].rotate_right(shift);
        Some(moved)
    }

    /// This window with its hours replaced by `hours` (bits past 168 cleared).
    pub(crate) fn with_hours(self, mut hours: HourBits) -> Window {
        hours.data[2] &= LAST_WORD_MASK;
        Window { hours, ..self }
    }

    /// The allowed hours as bits.
    pub(crate) fn hour_bits(&self) -> HourBits {
        self.hours
    }

    /// The same allowed hours with another offset from UTC.
    ///
    /// # Errors
    ///
    /// As [`Window::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    ///
    /// let window = Window::always_open().with_minute_offset(-210)?;
    /// assert_eq!(window.minute_offset(), -210);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn with_minute_offset(self, minute_offset: i32) -> Result<Window, Error> {
        Window::from_bits(self.hours, minute_offset)
    }

    /// Minutes to add to UTC to get the window's local time (the API's
    /// `minuteOffset`).
    pub fn minute_offset(&self) -> i32 {
        self.offset_secs / 60
    }

    /// The window's offset from UTC, as a [`MinuteOffset`].
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    ///
    /// let window = Window::parse_with_offset("Mon-Fri 20:00-23:00", 180)?;
    /// assert_eq!(window.offset().to_string(), "UTC+03:00");
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn offset(&self) -> MinuteOffset {
        // Built from a valid `MinuteOffset`, or within a day of one.
        MinuteOffset::from_minutes(self.minute_offset()).unwrap_or_default()
    }

    /// The 168 hours as the API writes them: Sunday 00:00 local first.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    ///
    /// let mut hours = [false; 168];
    /// hours[30] = true;
    /// assert_eq!(Window::new(&hours, 0)?.hours(), hours);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn hours(&self) -> [bool; HOURS_PER_WEEK] {
        let mut hours = [false; HOURS_PER_WEEK];
        for index in self.hours.iter_ones() {
            hours[index] = true;
        }
        hours
    }

    /// Whether `hour` (0..24) of local `day` is allowed; `false` for an hour
    /// past 23.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    /// use chrono::Weekday;
    ///
    /// let mut hours = [false; 168];
    /// hours[24 + 20] = true; // Monday 20:00-21:00
    /// let window = Window::new(&hours, 0)?;
    /// assert!(window.allows(Weekday::Mon, 20));
    /// assert!(!window.allows(Weekday::Mon, 21));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn allows(&self, day: Weekday, hour: u32) -> bool {
        hour < 24 && self.hours[day.num_days_from_sunday() as usize * 24 + hour as usize]
    }

    /// How many of the 168 hours are allowed.
    pub fn allowed_hours(&self) -> usize {
        self.hours.count_ones()
    }

    /// Whether every hour is allowed (the window never closes).
    pub fn is_always_open(&self) -> bool {
        self.allowed_hours() == HOURS_PER_WEEK
    }

    /// Whether no hour is allowed (the window never opens).
    pub fn is_never_open(&self) -> bool {
        self.hours.not_any()
    }

    /// Whether the window is open at `t`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let mut hours = [false; 168];
    /// hours[24] = true; // Monday 00:00-01:00 local
    /// let window = Window::new(&hours, 330)?; // UTC+05:30
    /// // Monday 00:00 local is Sunday 18:30 UTC.
    /// assert!(!window.is_open(Utc.with_ymd_and_hms(2026, 11, 29, 18, 29, 59).unwrap()));
    /// assert!(window.is_open(Utc.with_ymd_and_hms(2026, 11, 29, 18, 30, 0).unwrap()));
    /// assert!(!window.is_open(Utc.with_ymd_and_hms(2026, 11, 29, 19, 30, 0).unwrap()));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    #[inline]
    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        let (_, day_of_week, in_day) = time::split(t);
        WeekGate::spot(self, day_of_week * DAY_U32 + in_day).open
    }

    /// The first instant at or after `t` at which the window is open: `t`
    /// itself when it is open; `None` when the window never opens or the
    /// opening is past what [`DateTime<Utc>`] can hold.
    ///
    /// # Example
    ///
    /// See [`Window`].
    #[inline]
    pub fn next_open(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (date, day_of_week, in_day) = time::split(t);
        let spot = self.spot(day_of_week * DAY_U32 + in_day);
        if spot.open {
            return Some(t);
        }
        time::advance(date, in_day, self.open_ahead(spot)?)
    }

    /// The next instant strictly after `t` at which the window closes: the
    /// end of the open stretch that contains `t` or, when the window is
    /// closed at `t`, of the next one. A run started at `t` (or, if the window
    /// is closed then, at [`next_open(t)`](Window::next_open)) is terminated
    /// there. The window is closed at the returned instant.
    ///
    /// `None` when the window never closes (every hour allowed), never opens,
    /// or closes past what [`DateTime<Utc>`] can hold.
    ///
    /// # Example
    ///
    /// See [`Window`].
    #[inline]
    pub fn next_close(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (date, day_of_week, in_day) = time::split(t);
        time::advance(
            date,
            in_day,
            self.close_ahead(self.spot(day_of_week * DAY_U32 + in_day))?,
        )
    }

    /// Hours in the window's week.
    pub(crate) const HOURS: u32 = HOURS_PER_WEEK as u32;

    /// Whether hour `hour` (below 168) of the local week is allowed.
    #[inline]
    pub(crate) fn allows_hour(&self, hour: u32) -> bool {
        is_set(self.words(), hour)
    }

    /// Seconds to add to UTC to get the window's local time.
    #[inline]
    pub(crate) fn offset_secs(&self) -> i32 {
        self.offset_secs
    }

    #[inline]
    fn words(&self) -> &[u64; 3] {
        &self.hours.data
    }

    /// The window's open hours among those of `mask`, as words.
    #[inline]
    pub(crate) fn open_words_and(&self, mask: &[u64; 3]) -> [u64; 3] {
        let [a, b, c] = *self.words();
        [a & mask[0], b & mask[1], c & mask[2]]
    }

    /// Hours from `hour` to the first open hour after it (168 when it is
    /// the only one); `None` when none is open.
    pub(crate) fn hours_to_open_after(&self, hour: u32) -> Option<u32> {
        ones_ahead(self.words(), Window::HOURS, hour)
    }

    /// How many hours the open stretch ending where `closing` (a closed
    /// hour after an open one, any number of weeks on) begins has; `None`
    /// when no hour is closed.
    #[inline]
    pub(crate) fn open_hours_before(&self, closing: u32) -> Option<u32> {
        ones_back(
            &self.closed_words(),
            Window::HOURS,
            (closing + Window::HOURS - 1) % Window::HOURS,
        )
    }

    /// The lengths in hours of the shortest open and the shortest closed
    /// stretch of the week; `None` when every hour is alike.
    pub(crate) fn shortest_stretches(&self) -> Option<(u32, u32)> {
        let hours = Window::HOURS;
        let edge = |hour: u32| self.allows_hour(hour) != self.allows_hour((hour + hours - 1) % hours);
        // Start at an edge, so that every stretch is counted whole.
        let start = (0..hours).find(|&hour| edge(hour))?;
        let (mut open, mut closed, mut length) = (u32::MAX, u32::MAX, 0);
        for step in 1..=hours {
            length += 1;
            let hour = (start + step) % hours;
            if edge(hour) {
                // The stretch that just ended is the one before `hour`.
                let shortest = if self.allows_hour(hour) {
                    &mut closed
                } else {
                    &mut open
                };
                *shortest = (*shortest).min(length);
                length = 0;
            }
        }
        Some((open, closed))
    }

    #[inline]
    fn closed_words(&self) -> [u64; 3] {
        let [a, b, c] = *self.words();
        [!a, !b, !c & LAST_WORD_MASK]
    }
}

impl WeekGate for Window {
    #[inline]
    fn spot(&self, week: u32) -> Spot {
        // `offset_secs` is above -DAY, so the shift is positive.
        let shift = (self.offset_secs + WEEK_U32 as i32) as u32;
        let local = (week + shift) % WEEK_U32;
        let hour = local / HOUR_U32;
        Spot {
            index: hour,
            into: local % HOUR_U32,
            open: is_set(self.words(), hour),
        }
    }

    #[inline]
    fn open_ahead(&self, spot: Spot) -> Option<u32> {
        if spot.open {
            return Some(0);
        }
        Some(ones_ahead(self.words(), Window::HOURS, spot.index)? * HOUR_U32 - spot.into)
    }

    #[inline]
    fn close_ahead(&self, spot: Spot) -> Option<u32> {
        // From a closed hour, first walk to the next opening.
        let to_open = if spot.open {
            0
        } else {
            ones_ahead(self.words(), Window::HOURS, spot.index)?
        };
        let open_hour = (spot.index + to_open) % Window::HOURS;
        let to_close = ones_ahead(&self.closed_words(), Window::HOURS, open_hour)?;
        Some((to_open + to_close) * HOUR_U32 - spot.into)
    }

    #[inline]
    fn closed_back(&self, spot: Spot) -> Option<u32> {
        Some((ones_back(self.words(), Window::HOURS, spot.index)? - 1) * HOUR_U32 + spot.into)
    }

    fn is_always_open(&self) -> bool {
        Window::is_always_open(self)
    }
}

impl fmt::Debug for Window {
    /// One line per local day, `#` for an allowed hour, `.` for a prohibited one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Day<'a>(&'a HourBits, usize);
        impl fmt::Debug for Day<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                for hour in 0..24 {
                    f.write_str(if self.0[self.1 * 24 + hour] { "#" } else { "." })?;
                }
                Ok(())
            }
        }
        let days: [Day<'_>; 7] = core::array::from_fn(|day| Day(&self.hours, day));
        f.debug_struct("Window")
            .field("minute_offset", &self.minute_offset())
            .field("hours", &days)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_words_keep_unused_bits_clear() {
        let closed = Window::always_open().closed_words();
        assert_eq!(closed, [0, 0, 0]);
        assert_eq!(ones_ahead(&closed, Window::HOURS, 100), None);
    }
}
