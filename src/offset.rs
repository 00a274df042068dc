//! The API's `minuteOffset`: whole minutes east of UTC.

use core::fmt;
use core::str::FromStr;

use crate::error::Error;

/// A fixed offset from UTC in whole minutes, the API's `minuteOffset`:
/// local time = UTC + the offset. It lies in `-1439..=1439` (one minute
/// short of a day either way), [`MinuteOffset::MIN`] to [`MinuteOffset::MAX`].
///
/// [`Display`](fmt::Display) writes it as `UTC+05:30`; [`FromStr`] reads that
/// form, `+05:30`, `UTC`, or whole minutes (`330`, `-210`).
///
/// # Example
///
/// ```
/// use backup_schedule::MinuteOffset;
///
/// let india = MinuteOffset::from_minutes(330)?;
/// assert_eq!(india.to_string(), "UTC+05:30");
/// assert_eq!("UTC+05:30".parse::<MinuteOffset>()?, india);
/// assert_eq!("-210".parse::<MinuteOffset>()?.to_string(), "UTC-03:30");
/// assert_eq!(MinuteOffset::MAX.minutes(), 1439);
/// assert!(MinuteOffset::from_minutes(1440).is_err());
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct MinuteOffset(i16);

impl MinuteOffset {
    /// UTC itself, offset 0.
    pub const UTC: MinuteOffset = MinuteOffset(0);
    /// The smallest offset the API allows, -1439 minutes (`UTC-23:59`).
    pub const MIN: MinuteOffset = MinuteOffset(-1439);
    /// The largest offset the API allows, 1439 minutes (`UTC+23:59`).
    pub const MAX: MinuteOffset = MinuteOffset(1439);

    /// The offset of `minutes` east of UTC.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with path `minuteOffset` when `minutes` is outside
    /// `-1439..=1439`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::MinuteOffset;
    ///
    /// assert_eq!(MinuteOffset::from_minutes(-300)?.minutes(), -300);
    /// assert_eq!(
    ///     MinuteOffset::from_minutes(-1440).unwrap_err().to_string(),
    ///     "minuteOffset: expected a minute offset from UTC in -1439..=1439, found -1440",
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn from_minutes(minutes: i32) -> Result<MinuteOffset, Error> {
        if (MinuteOffset::MIN.minutes()..=MinuteOffset::MAX.minutes()).contains(&minutes) {
            Ok(MinuteOffset(minutes as i16))
        } else {
            Err(Error::invalid(
                "minuteOffset",
                "a minute offset from UTC in -1439..=1439",
                minutes.to_string(),
            ))
        }
    }

    /// Minutes east of UTC.
    pub const fn minutes(self) -> i32 {
        self.0 as i32
    }

    /// Seconds east of UTC.
    pub const fn seconds(self) -> i32 {
        self.0 as i32 * 60
    }
}

impl TryFrom<i32> for MinuteOffset {
    type Error = Error;

    /// As [`MinuteOffset::from_minutes`].
    fn try_from(minutes: i32) -> Result<MinuteOffset, Error> {
        MinuteOffset::from_minutes(minutes)
    }
}

impl From<MinuteOffset> for i32 {
    fn from(offset: MinuteOffset) -> i32 {
        offset.minutes()
    }
}

impl fmt::Display for MinuteOffset {
    /// `UTC+hh:mm` or `UTC-hh:mm`; `UTC+00:00` for UTC.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        let minutes = self.0.unsigned_abs();
        write!(f, "UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    }
}

impl fmt::Debug for MinuteOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for MinuteOffset {
    type Err = Error;

    /// Reads `UTC+05:30`, `+05:30`, `UTC-03:30`, `UTC` or whole minutes
    /// (`330`, `+60`, `-210`).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with path `minuteOffset` when the text is none of
    /// these or the offset is outside `-1439..=1439`.
    fn from_str(text: &str) -> Result<MinuteOffset, Error> {
        let invalid = || {
            Error::invalid(
                "minuteOffset",
                "an offset like UTC+05:30, +05:30 or 330 (minutes), within -1439..=1439 minutes",
                format!("{text:?}"),
            )
        };
        let rest = text.strip_prefix("UTC").unwrap_or(text);
        if rest.is_empty() && !text.is_empty() {
            return Ok(MinuteOffset::UTC);
        }
        let (negative, digits) = match rest.as_bytes().first() {
            Some(b'-') => (true, &rest[1..]),
            Some(b'+') => (false, &rest[1..]),
            // Bare minutes need no sign; `UTC330` is not a form.
            _ if rest.len() == text.len() => (false, rest),
            _ => return Err(invalid()),
        };
        let number = |digits: &str| -> Option<i32> {
            (!digits.is_empty() && digits.len() <= 4 && digits.bytes().all(|byte| byte.is_ascii_digit()))
                .then(|| digits.parse().ok())
                .flatten()
        };
        let magnitude = match digits.split_once(':') {
            Some((hours, minutes)) if hours.len() == 2 && minutes.len() == 2 => {
                let (hours, minutes) = (
                    number(hours).ok_or_else(invalid)?,
                    number(minutes).ok_or_else(invalid)?,
                );
                if minutes >= 60 {
                    return Err(invalid());
                }
                hours * 60 + minutes
            }
            Some(_) => return Err(invalid()),
            // Minutes alone only without `UTC` in front.
            None if rest.len() == text.len() => number(digits).ok_or_else(invalid)?,
            None => return Err(invalid()),
        };
        let minutes = if negative { -magnitude } else { magnitude };
        MinuteOffset::from_minutes(minutes).map_err(|_| invalid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_forms() {
        let parse = |text: &str| text.parse::<MinuteOffset>().map(MinuteOffset::minutes).ok();
        assert_eq!(parse("UTC+05:30"), Some(330));
        assert_eq!(parse("UTC-03:30"), Some(-210));
        assert_eq!(parse("+05:45"), Some(345));
        assert_eq!(parse("-00:01"), Some(-1));
        assert_eq!(parse("UTC"), Some(0));
        assert_eq!(parse("330"), Some(330));
        assert_eq!(parse("-1439"), Some(-1439));
        assert_eq!(parse("+60"), Some(60));
        assert_eq!(parse("UTC+23:59"), Some(1439));
        for bad in [
            "",
            "UTC+24:00",
            "UTC+05:60",
            "UTC+5:30",
            "UTC330",
            "1440",
            "--60",
            "+",
            "-",
            "5.5",
            " 60",
            "UTC+05:30 ",
            "+05:3",
            "１２",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn conversions_with_i32() {
        for minutes in [330, -210, 0, 1439, -1439] {
            let offset = MinuteOffset::try_from(minutes).unwrap();
            assert_eq!(offset.minutes(), minutes);
            assert_eq!(i32::from(offset), minutes);
        }
        for minutes in [1440, -1440, i32::MAX] {
            let err = MinuteOffset::try_from(minutes).unwrap_err();
            assert_eq!(err.path(), Some("minuteOffset"), "{minutes}");
        }
    }

    #[test]
    fn display_pads_and_signs() {
        let show = |minutes| MinuteOffset::from_minutes(minutes).unwrap().to_string();
        assert_eq!(show(0), "UTC+00:00");
        assert_eq!(show(-1), "UTC-00:01");
        assert_eq!(show(-1439), "UTC-23:59");
        assert_eq!(show(180), "UTC+03:00");
        assert_eq!(
            format!("{:?}", MinuteOffset::from_minutes(-570).unwrap()),
            "UTC-09:30"
        );
        assert_eq!(MinuteOffset::from_minutes(-570).unwrap().seconds(), -34_200);
    }
}
