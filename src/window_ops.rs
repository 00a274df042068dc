//! Building windows from code: hour ranges allowed or denied on a set of
//! days, spans of the week, set operations, and the open intervals of a
//! window between two instants.
//!
//! Everything here is built on [`Window`]'s public API: construction works on
//! the 168 hours as booleans (it runs once, when a window is set up), and the
//! open intervals step with [`Window::next_open`] and [`Window::next_close`],
//! which are constant time.

use core::fmt;
use core::iter::FusedIterator;

use chrono::{DateTime, Utc, Weekday};

use crate::error::Error;
use crate::weekdays::Weekdays;
use crate::window::{HourBits, Window, HOURS_PER_WEEK};

const HOURS_PER_DAY: u32 = 24;

/// The path of the field that builder errors are about.
const HOURS_PATH: &str = "backupCopyWindowSettings.backupWindow";

/// A range of whole hours that starts on some day: `22:00-06:00` in the text
/// form.
///
/// It starts at `start:00` (0..=23) and ends at `end:00` (0..=24). A range
/// whose end is not after its start runs past midnight into the next day:
/// `22:00-06:00` is the 8 hours from 22:00 to 06:00 the next morning, and
/// `22:00-22:00` is the 24 hours from 22:00 to 22:00 the next day.
/// `00:00-00:00` and `00:00-24:00` are the same range, the whole day.
///
/// # Example
///
/// ```
/// use backup_schedule::HourRange;
///
/// let night = HourRange::new(22, 6)?;
/// assert_eq!(night.hour_count(), 8);
/// assert!(night.runs_past_midnight());
/// assert_eq!(night.to_string(), "22:00-06:00");
/// assert_eq!("22:00-06:00".parse::<HourRange>()?, night);
/// assert_eq!(HourRange::new(0, 0)?, HourRange::ALL_DAY);
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct HourRange {
    /// 0..=23.
    start: u8,
    /// 1..=24: a range never covers more than a day.
    hours: u8,
}

impl HourRange {
    /// The whole day, `00:00-24:00`.
    pub const ALL_DAY: HourRange = HourRange { start: 0, hours: 24 };

    /// The hours from `start:00` to `end:00`, past midnight when `end` is not
    /// after `start`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with path `backupCopyWindowSettings.backupWindow`
    /// unless `start` is in `0..=23` and `end` in `0..=24`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::HourRange;
    ///
    /// assert_eq!(HourRange::new(9, 17)?.hour_count(), 8);
    /// assert_eq!(HourRange::new(22, 22)?.hour_count(), 24);
    /// assert_eq!(
    ///     HourRange::new(24, 2).unwrap_err().to_string(),
    ///     "backupCopyWindowSettings.backupWindow: expected an hour range with a start in 0..=23 \
    ///      and an end in 0..=24, found 24-2",
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn new(start: u32, end: u32) -> Result<HourRange, Error> {
        if start >= HOURS_PER_DAY || end > HOURS_PER_DAY {
            return Err(Error::invalid(
                HOURS_PATH,
                "an hour range with a start in 0..=23 and an end in 0..=24",
                format!("{start}-{end}"),
            ));
        }
        Ok(HourRange::from_valid(start, end))
    }

    /// [`HourRange::new`] for hours already checked.
    pub(crate) fn from_valid(start: u32, end: u32) -> HourRange {
        debug_assert!(start < HOURS_PER_DAY && end <= HOURS_PER_DAY);
        let hours = if end > start {
            end - start
        } else {
            HOURS_PER_DAY - start + end
        };
        HourRange {
            start: start as u8,
            hours: hours as u8,
        }
    }

    /// The hour the range starts at, 0..=23.
    pub fn start(self) -> u32 {
        u32::from(self.start)
    }

    /// The hour the range ends at, 1..=24; on the next day when
    /// [`runs_past_midnight`](HourRange::runs_past_midnight).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::HourRange;
    ///
    /// assert_eq!(HourRange::new(9, 24)?.end(), 24);
    /// assert_eq!(HourRange::new(22, 0)?.end(), 24); // 00:00 the next day is 24:00 this day
    /// assert_eq!(HourRange::new(22, 6)?.end(), 6);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn end(self) -> u32 {
        let end = self.start() + self.hour_count();
        if end > HOURS_PER_DAY {
            end - HOURS_PER_DAY
        } else {
            end
        }
    }

    /// How many hours the range covers, 1..=24.
    pub fn hour_count(self) -> u32 {
        u32::from(self.hours)
    }

    /// Whether the range ends on the next day (after 24:00).
    pub fn runs_past_midnight(self) -> bool {
        self.start() + self.hour_count() > HOURS_PER_DAY
    }
}

impl fmt::Debug for HourRange {
    /// The text form, `22:00-06:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// What a builder call does to the hours it names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mark {
    Allow,
    Deny,
}

/// Sets the hours of `range` on each day of `days` (bit 0 = Sunday) to
/// `mark`; a range past midnight on Saturday continues on Sunday, the same
/// week's start, because the window repeats every week.
pub(crate) fn mark(hours: &mut HourBits, days: u8, range: HourRange, mark: Mark) {
    for day in 0..7 {
        if days & (1 << day) != 0 {
            let first = day * HOURS_PER_DAY + range.start();
            mark_span(hours, first, range.hour_count(), mark);
        }
    }
}

/// Sets `count` hours from hour of the week `first`, cyclically.
fn mark_span(hours: &mut HourBits, first: u32, count: u32, mark: Mark) {
    let first = first as usize % HOURS_PER_WEEK;
    let count = count as usize;
    let value = mark == Mark::Allow;
    // Up to the week's end, then on from its start.
    let to_end = count.min(HOURS_PER_WEEK - first);
    hours[first..first + to_end].fill(value);
    hours[..count - to_end].fill(value);
}

/// Builders: the hours of a window, changed.
///
/// Start from [`Window::never_open`] and allow hours, or from
/// [`Window::always_open`] and deny them. Days and hours are in the window's
/// local time; the offset is kept.
impl Window {
    /// This window with `hours` allowed, starting on each of `days` (local
    /// days). A range past midnight continues into the next day, and on
    /// Saturday into Sunday.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{HourRange, Weekdays, Window};
    /// use chrono::Weekday;
    ///
    /// let window = Window::never_open()
    ///     .allow(Weekdays::WORKDAYS, HourRange::new(22, 6)?)
    ///     .allow(Weekdays::WEEKENDS, HourRange::ALL_DAY);
    /// assert_eq!(window, "Mon-Fri 22:00-06:00, Sat-Sun 00:00-24:00".parse::<Window>()?);
    /// assert!(window.allows(Weekday::Tue, 5)); // Monday night, continued
    /// assert!(!window.allows(Weekday::Mon, 5)); // Sunday is not in WORKDAYS
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn allow(self, days: Weekdays, hours: HourRange) -> Window {
        self.marked(days, hours, Mark::Allow)
    }

    /// This window with `hours` prohibited, starting on each of `days` (local
    /// days); a range past midnight continues into the next day.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{HourRange, Weekdays, Window};
    ///
    /// let window = Window::always_open().deny(Weekdays::WORKDAYS, HourRange::new(8, 18)?);
    /// assert_eq!(window.allowed_hours(), 168 - 5 * 10);
    /// assert_eq!(window.to_string(), "Mon-Fri 00:00-08:00 18:00-24:00, Sat-Sun 00:00-24:00");
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn deny(self, days: Weekdays, hours: HourRange) -> Window {
        self.marked(days, hours, Mark::Deny)
    }

    fn marked(self, days: Weekdays, range: HourRange, how: Mark) -> Window {
        let mut hours = self.hour_bits();
        mark(&mut hours, days.bits(), range, how);
        self.with_hours(hours)
    }

    /// This window with the span from `from_day` `from_hour:00` to `to_day`
    /// `to_hour:00` (local time) allowed, like the vendor's PowerShell
    /// `New-VBOBackupWindowSettings -FromDay -FromHour -ToDay -ToHour
    /// -Enabled`.
    ///
    /// The span is half-open: the hour that starts at `to_hour:00` is not in
    /// it (`to_hour` may be 24, the end of `to_day`). A span whose end is not
    /// after its start runs through the end of the week: Friday 18:00 to
    /// Monday 06:00 is the weekend, and an end equal to the start is the whole
    /// week.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with path `backupCopyWindowSettings.backupWindow`
    /// unless `from_hour` is in `0..=23` and `to_hour` in `0..=24`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    /// use chrono::Weekday;
    ///
    /// let weekend = Window::never_open().allow_span(Weekday::Fri, 18, Weekday::Mon, 6)?;
    /// assert_eq!(weekend.allowed_hours(), 6 + 48 + 6);
    /// assert_eq!(
    ///     weekend.to_string(),
    ///     "Mon 00:00-06:00, Fri 18:00-24:00, Sat-Sun 00:00-24:00",
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn allow_span(
        self,
        from_day: Weekday,
        from_hour: u32,
        to_day: Weekday,
        to_hour: u32,
    ) -> Result<Window, Error> {
        self.span_marked(from_day, from_hour, to_day, to_hour, Mark::Allow)
    }

    /// This window with the span from `from_day` `from_hour:00` to `to_day`
    /// `to_hour:00` (local time) prohibited, like the vendor's PowerShell
    /// `New-VBOBackupWindowSettings` without `-Enabled`. The span is read as in
    /// [`allow_span`](Window::allow_span).
    ///
    /// # Errors
    ///
    /// As [`allow_span`](Window::allow_span).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    /// use chrono::Weekday;
    ///
    /// // Everything but Saturday 23:00 to Sunday 01:00 (across the week's end).
    /// let window = Window::always_open().deny_span(Weekday::Sat, 23, Weekday::Sun, 1)?;
    /// assert_eq!(window.to_string(), "Mon-Fri 00:00-24:00, Sat 00:00-23:00, Sun 01:00-24:00");
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn deny_span(
        self,
        from_day: Weekday,
        from_hour: u32,
        to_day: Weekday,
        to_hour: u32,
    ) -> Result<Window, Error> {
        self.span_marked(from_day, from_hour, to_day, to_hour, Mark::Deny)
    }

    fn span_marked(
        self,
        from_day: Weekday,
        from_hour: u32,
        to_day: Weekday,
        to_hour: u32,
        how: Mark,
    ) -> Result<Window, Error> {
        if from_hour >= HOURS_PER_DAY || to_hour > HOURS_PER_DAY {
            return Err(Error::invalid(
                HOURS_PATH,
                "a week span with a from hour in 0..=23 and a to hour in 0..=24",
                format!("{from_day} {from_hour} to {to_day} {to_hour}"),
            ));
        }
        let week = HOURS_PER_WEEK as u32;
        let first = from_day.num_days_from_sunday() * HOURS_PER_DAY + from_hour;
        let end = (to_day.num_days_from_sunday() * HOURS_PER_DAY + to_hour) % week;
        // End not after start: through the week's end; equal: the whole week.
        let count = match (end + week - first) % week {
            0 => week,
            count => count,
        };
        let mut hours = self.hour_bits();
        mark_span(&mut hours, first, count, how);
        Ok(self.with_hours(hours))
    }
}

/// Set operations: on the instants at which windows are open.
///
/// The result is in `self`'s frame (its offset). `other` is moved into that
/// frame first, so that the result is open exactly when the operation of the
/// two windows' [`is_open`](Window::is_open) says so, at every instant. That
/// is possible when the offsets differ by whole hours (or `other` is always
/// or never open); otherwise the result would need edges that are not on
/// `self`'s hours, and the operation is an error.
impl Window {
    /// The window open whenever `self` or `other` is.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with path `backupCopyWindowSettings.minuteOffset`
    /// when the offsets differ by a number of minutes that is not whole hours
    /// and `other` has edges.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    ///
    /// let nights: Window = "daily 22:00-06:00".parse()?;
    /// let weekends: Window = "Sat-Sun 00:00-24:00".parse()?;
    /// assert_eq!(
    ///     nights.union(weekends)?.to_string(),
    ///     "Mon-Fri 00:00-06:00 22:00-24:00, Sat-Sun 00:00-24:00",
    /// );
    ///
    /// // UTC+01:00 22:00-23:00 is UTC 21:00-22:00: moved into the UTC frame.
    /// let later = Window::parse_with_offset("Mon 22:00-23:00", 60)?;
    /// let utc: Window = "Mon 23:00-24:00".parse()?;
    /// assert_eq!(utc.union(later)?.to_string(), "Mon 21:00-22:00 23:00-24:00");
    /// assert!(utc.union(Window::parse_with_offset("Mon 22:00-23:00", 30)?).is_err());
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn union(self, other: Window) -> Result<Window, Error> {
        self.combined(other, |a, b| a | b)
    }

    /// The window open whenever both `self` and `other` are.
    ///
    /// # Errors
    ///
    /// As [`union`](Window::union).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    ///
    /// let nights: Window = "daily 22:00-06:00".parse()?;
    /// let weekends: Window = "Sat-Sun 00:00-24:00".parse()?;
    /// // Friday's night reaches into Saturday, Sunday's into Monday.
    /// assert_eq!(
    ///     nights.intersection(weekends)?.to_string(),
    ///     "Sat-Sun 00:00-06:00 22:00-24:00",
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn intersection(self, other: Window) -> Result<Window, Error> {
        self.combined(other, |a, b| a & b)
    }

    /// The window open exactly when `self` is closed; same offset.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    ///
    /// let office: Window = "Mon-Fri 08:00-18:00".parse()?;
    /// assert_eq!(
    ///     office.complement().to_string(),
    ///     "Mon-Fri 00:00-08:00 18:00-24:00, Sat-Sun 00:00-24:00",
    /// );
    /// assert_eq!(Window::always_open().complement(), Window::never_open());
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn complement(self) -> Window {
        self.with_hours(!self.hour_bits())
    }

    fn combined(self, other: Window, op: impl Fn(HourBits, HourBits) -> HourBits) -> Result<Window, Error> {
        let theirs = other.hours_in_frame_of(&self).ok_or_else(|| {
            Error::invalid(
                "backupCopyWindowSettings.minuteOffset",
                "an offset a whole number of hours from the other window's",
                format!("{} and {}", self.minute_offset(), other.minute_offset()),
            )
        })?;
        Ok(self.with_hours(op(self.hour_bits(), theirs)))
    }

    /// The stretches of time in `[start, end)` during which the window is
    /// open, earliest first, as `(open, close)` UTC pairs, each the half-open
    /// interval `[open, close)`.
    ///
    /// The first and last are clipped to the range: the first starts at
    /// `start` when the window is open then, the last ends at `end` when it is
    /// open then. A window that is always open gives `[start, end)` alone;
    /// one that is never open, or an empty range, gives nothing. Each step
    /// is constant time and allocates nothing.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    /// use chrono::{TimeZone, Utc};
    ///
    /// // 22:00-06:00 every night, local time = UTC+05:30: 16:30 to 00:30 UTC.
    /// let window = Window::parse_with_offset("daily 22:00-06:00", 330)?;
    /// let start = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    /// let end = Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).unwrap();
    /// let utc = |d, h, m| Utc.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap();
    /// let intervals: Vec<_> = window.open_intervals(start, end).collect();
    /// assert_eq!(intervals, [
    ///     (start, utc(1, 0, 30)), // clipped: opened at 16:30 UTC the day before
    ///     (utc(1, 16, 30), utc(2, 0, 30)),
    /// ]);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn open_intervals(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> OpenIntervals {
        OpenIntervals {
            window: *self,
            from: Some(start),
            end,
        }
    }
}

/// The open intervals of a [`Window`] in a range, from
/// [`Window::open_intervals`]: `(open, close)` pairs, each `[open, close)`,
/// earliest first.
///
/// Each step is one [`Window::next_open`] and one [`Window::next_close`]:
/// constant time, no allocation. Once it has returned `None` it keeps
/// returning `None`.
#[derive(Clone, Debug)]
pub struct OpenIntervals {
    window: Window,
    /// Where the search for the next interval starts; `None` once ended.
    from: Option<DateTime<Utc>>,
    /// The exclusive end of the range.
    end: DateTime<Utc>,
}

impl Iterator for OpenIntervals {
    type Item = (DateTime<Utc>, DateTime<Utc>);

    fn next(&mut self) -> Option<Self::Item> {
        // Taken, and put back only when there may be more: that fuses it.
        let from = self.from.take()?;
        if from >= self.end {
            return None;
        }
        let open = self.window.next_open(from).filter(|&open| open < self.end)?;
        // `None`: never closes, or past chrono's range; either way after `end`.
        let close = match self.window.next_close(open) {
            Some(close) if close < self.end => {
                self.from = Some(close);
                close
            }
            _ => self.end,
        };
        Some((open, close))
    }
}

impl FusedIterator for OpenIntervals {}
