//! The text form of a window's 168 hours: `Mon-Fri 22:00-06:00, Sat-Sun
//! 00:00-24:00`.
//!
//! [`Window::parse_with_offset`] documents the grammar and
//! [`Display`](fmt::Display) the one canonical text it prints. The parser is a
//! hand-written tokenizer and recursive descent over a `&str`; printing writes
//! straight into the formatter, from tables on the stack.

use core::fmt;
use core::str::FromStr;

use crate::error::Error;
use crate::weekdays::{Weekdays, DAYS};
use crate::window::{HourBits, Window, HOURS_PER_WEEK};
use crate::window_ops::{mark, HourRange, Mark};

const EVERY_DAY: u8 = 0b111_1111;

impl Window {
    /// Reads a window from its text form, with `minute_offset` as its
    /// `minuteOffset`. [`str::parse`] (`FromStr`) is the same with offset 0.
    ///
    /// The text names the allowed hours of the *local* week; the offset is
    /// not part of it. Everything not named is prohibited.
    ///
    /// # Grammar
    ///
    /// ```text
    /// window = "always" | "never" | item { ("," | ";") item }
    /// item   = days range { range }
    /// days   = dayset { "+" dayset }
    /// dayset = day [ "-" day ] | "daily" | "everyday" | "workdays" | "weekends"
    /// day    = "Sun" | "Mon" | "Tue" | "Wed" | "Thu" | "Fri" | "Sat"
    ///        | "Sunday" | "Monday" | ... | "Saturday"
    /// range  = hour "-" hour
    /// hour   = one or two digits ":00"
    /// ```
    ///
    /// - Words are case-insensitive. Whitespace may stand between any two
    ///   parts and is needed nowhere (`Mon-Fri 22:00-06:00` is
    ///   `Mon - Fri 22:00 - 06:00` is `Mon-Fri22:00-06:00`).
    /// - A day range includes both ends and may wrap past Saturday: `Fri-Mon`
    ///   is Friday, Saturday, Sunday and Monday; `Mon-Mon` is Monday.
    ///   `daily` and `everyday` are all seven days, `workdays` Monday to
    ///   Friday, `weekends` Saturday and Sunday.
    /// - Two extensions of the plain "days and a range" item: `+` joins day
    ///   sets (`Mon+Wed+Fri`, `Mon-Wed+Sat`), because `,` and `;` only
    ///   separate items; and an item may have several ranges, separated by
    ///   whitespace (`Mon-Fri 00:00-06:00 22:00-24:00`).
    /// - A range `HH:00-HH:00` starts on each of the item's days at a whole
    ///   hour from `00:00` to `23:00` and ends at one from `00:00` to `24:00`.
    ///   One whose end is not after its start runs past midnight into the
    ///   next day: Friday `22:00-06:00` ends Saturday 06:00, Saturday's runs
    ///   into Sunday (the week repeats), and `22:00-22:00` is 24 hours.
    ///   `00:00-00:00` is the whole day, like `00:00-24:00`.
    /// - Items may overlap; the window allows the union of their hours.
    /// - `always` allows every hour and `never` none; each must be the whole
    ///   text. An empty text is an error, not `never`.
    ///
    /// # Errors
    ///
    /// [`Error::WindowText`] when the text does not follow the grammar. Its
    /// `position` is a 0-based byte offset into `text`: where the word, hour
    /// or character that does not fit starts, or `text.len()` when the text
    /// ends too early. For example `at 8: expected an hour like 22:00, found
    /// "25:00"`. Then [`Error::Invalid`] with path
    /// `backupCopyWindowSettings.minuteOffset`, as [`Window::new`], when
    /// `minute_offset` is outside `-1439..=1439`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Error, Window};
    /// use chrono::{TimeZone, Utc, Weekday};
    ///
    /// let window = Window::parse_with_offset("Mon-Fri 22:00-06:00, weekends 00:00-24:00", 120)?;
    /// assert_eq!(window.minute_offset(), 120);
    /// // Friday night's Saturday morning is in the weekend already.
    /// assert_eq!(window.allowed_hours(), 4 * 8 + 2 + 48);
    /// assert!(window.allows(Weekday::Tue, 5)); // Monday night runs into Tuesday
    /// assert!(!window.allows(Weekday::Mon, 5)); // but Sunday's day does not
    /// // Monday 22:00 local (UTC+02:00) is 20:00 UTC.
    /// let monday = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    /// assert_eq!(window.next_open(monday), Some(Utc.with_ymd_and_hms(2026, 11, 30, 20, 0, 0).unwrap()));
    ///
    /// let err = Window::parse_with_offset("Mon-Fri 25:00-06:00", 0).unwrap_err();
    /// assert_eq!(err.to_string(), r#"at 8: expected an hour like 22:00, found "25:00""#);
    /// assert!(matches!(err, Error::WindowText { position: 8, .. }));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn parse_with_offset(text: &str, minute_offset: i32) -> Result<Window, Error> {
        let hours = Parser::new(text).window()?;
        Window::never_open()
            .with_hours(hours)
            .with_minute_offset(minute_offset)
    }
}

/// Reads a whole text as one day set (`dayset { "+" dayset }`).
pub(crate) fn parse_days(text: &str) -> Result<Weekdays, Error> {
    let mut parser = Parser::new(text);
    let days = parser.days("a day like Mon, or daily, workdays or weekends")?;
    parser.end("+ and another day, or the end of the text")?;
    Ok(Weekdays::from_bits(days))
}

impl FromStr for Window {
    type Err = Error;

    /// Reads the text form with offset 0; see [`Window::parse_with_offset`].
    fn from_str(text: &str) -> Result<Window, Error> {
        Window::parse_with_offset(text, 0)
    }
}

impl FromStr for HourRange {
    type Err = Error;

    /// Reads one range of the text form, `22:00-06:00`; see
    /// [`Window::parse_with_offset`].
    fn from_str(text: &str) -> Result<HourRange, Error> {
        let mut parser = Parser::new(text);
        let range = parser.range()?;
        parser.end(EXPECTED_END)?;
        Ok(range)
    }
}

impl fmt::Display for HourRange {
    /// The text form: `22:00-06:00`, `00:00-24:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:00-{:02}:00", self.start(), self.end())
    }
}

impl fmt::Display for Window {
    /// The window's hours in the text form, one canonical text for each of
    /// the 2^168 windows; parsing it gives the same hours back. The offset
    /// is not printed (it is [`minute_offset`](Window::minute_offset)).
    ///
    /// - `always` when every hour is allowed, `never` when none is.
    /// - Otherwise each day's allowed hours are cut into ranges, then ranges
    ///   with the same days become one item. Two ways of cutting are tried and
    ///   the shorter text is printed (the first on a tie):
    ///   1. *overnight*: the hours running up to midnight and those running
    ///      on from it are one range, `22:00-06:00`, when the morning part is
    ///      less than a day and ends no later than the evening part starts;
    ///   2. *within days*: every range ends by 24:00.
    /// - Days are printed Monday first as ranges (`Mon-Fri`, or `Sat-Mon`
    ///   across the week's end) joined by `+`, or `daily` for all seven.
    ///   Items come in the order of their first day, then of their first
    ///   hour, and are separated by `, `; an item's ranges are in order of
    ///   their start, separated by a space.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    ///
    /// let window: Window = "Fri-Sun 22:00-06:00; Tuesday 00:00-03:00; TUE 02:00-04:00".parse()?;
    /// assert_eq!(window.to_string(), "Tue 00:00-04:00, Fri-Sun 22:00-06:00");
    /// assert_eq!(window.to_string().parse::<Window>()?, window);
    /// assert_eq!(Window::never_open().to_string(), "never");
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hours = self.hours();
        let allowed = hours.iter().filter(|&&open| open).count();
        if allowed == HOURS_PER_WEEK {
            return f.write_str("always");
        }
        if allowed == 0 {
            return f.write_str("never");
        }
        let days: [u32; 7] = core::array::from_fn(|day| {
            (0..24).fold(0, |bits, hour| bits | u32::from(hours[day * 24 + hour]) << hour)
        });
        let overnight = Plan::new(&days, Cut::Overnight);
        let within_days = Plan::new(&days, Cut::WithinDays);
        let plan = if within_days.text_len() < overnight.text_len() {
            within_days
        } else {
            overnight
        };
        plan.write(f)
    }
}

/// How a day's allowed hours are cut into ranges for printing.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cut {
    /// A range up to midnight continues into the next morning's when it can.
    Overnight,
    /// Ranges end by midnight.
    WithinDays,
}

/// The ranges to print.
struct Plan {
    /// `days[start][end]`: the days (bit 0 = Sunday) with a range from
    /// `start` to `end` (1..=24; not after `start` for one past midnight).
    days: [[u8; 25]; 24],
}

/// One printed item: a set of days and the ranges they all have.
#[derive(Clone, Copy)]
struct Item {
    days: u8,
    /// `ends[start]`: the end of the range starting at `start`, 0 for none.
    /// One per start: on any one day, ranges start at different hours.
    ends: [u8; 24],
}

impl Plan {
    /// Cuts the days' hours (`days[day]`, bit `hour`) into ranges.
    fn new(days: &[u32; 7], cut: Cut) -> Plan {
        let mut plan = Plan { days: [[0; 25]; 24] };
        for day in 0..7 {
            let bits = days[day];
            let next = days[(day + 1) % 7];
            let joined = |evening: u32, morning: u32| cut == Cut::Overnight && joins(evening, morning);
            // This morning was printed as the end of yesterday's range.
            let morning_taken = joined(days[(day + 6) % 7], bits);
            let evening_joins = joined(bits, next);
            let mut hour = 0;
            while hour < 24 {
                if bits & (1 << hour) == 0 {
                    hour += 1;
                    continue;
                }
                let start = hour;
                // Bits 24.. are clear, so the run stops by 24.
                let end = start + (bits >> start).trailing_ones();
                hour = end;
                if start == 0 && morning_taken {
                    continue;
                }
                let end = if end == 24 && evening_joins {
                    next.trailing_ones()
                } else {
                    end
                };
                plan.days[start as usize][end as usize] |= 1 << day;
            }
        }
        plan
    }

    /// The length of the text [`write`](Plan::write) gives, without writing it.
    fn text_len(&self) -> usize {
        struct Count(usize);
        impl fmt::Write for Count {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                self.0 += s.len();
                Ok(())
            }
        }
        let mut count = Count(0);
        // Counting never fails.
        let _ = self.write(&mut count);
        count.0
    }

    fn write(&self, out: &mut impl fmt::Write) -> fmt::Result {
        // Items have distinct non-empty day sets: at most 127.
        let mut items = [Item {
            days: 0,
            ends: [0; 24],
        }; 127];
        let mut count = 0;
        for (start, ends) in self.days.iter().enumerate() {
            for (end, &days) in ends.iter().enumerate() {
                if days == 0 {
                    continue;
                }
                let index = match items[..count].iter().position(|item| item.days == days) {
                    Some(index) => index,
                    None => {
                        items[count].days = days;
                        count += 1;
                        count - 1
                    }
                };
                items[index].ends[start] = end as u8;
            }
        }
        let items = &mut items[..count];
        items.sort_unstable_by_key(|item| (first_day(item.days), item.ends.iter().position(|&end| end != 0)));
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                out.write_str(", ")?;
            }
            write!(out, "{}", Weekdays::from_bits(item.days))?;
            for (start, &end) in item.ends.iter().enumerate() {
                if end != 0 {
                    write!(out, " {start:02}:00-{end:02}:00")?;
                }
            }
        }
        Ok(())
    }
}

/// Whether a day's hours up to midnight (`evening`) and the next day's from
/// midnight (`morning`) print as one range: the evening part starts after
/// 00:00, the morning part is less than a day and ends no later than the
/// evening part starts (so that its end is not after its start).
fn joins(evening: u32, morning: u32) -> bool {
    let evening_hours = (evening << 8).leading_ones();
    let morning_hours = morning.trailing_ones();
    (1..24).contains(&evening_hours)
        && (1..24).contains(&morning_hours)
        && morning_hours <= 24 - evening_hours
}

/// Where an item's days sort: the first printed day, Monday = 0.
fn first_day(days: u8) -> usize {
    Weekdays::from_bits(days)
        .range_starts()
        .next()
        .map_or(0, |day| (day + 6) % 7)
}

const EXPECTED_END: &str = "the end of the text";

/// What the tokenizer sees.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// ASCII letters.
    Word,
    /// ASCII digits and colons.
    Number,
    /// Any other character, alone.
    Other(char),
    End,
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    position: usize,
}

impl Token<'_> {
    fn error(self, expected: &'static str) -> Error {
        // Long enough to recognise, short enough for a message.
        const SHOWN: usize = 32;
        let found = match self.text.char_indices().nth(SHOWN) {
            _ if self.kind == Kind::End => EXPECTED_END.to_owned(),
            Some((cut, _)) => format!("{:?}...", &self.text[..cut]),
            None => format!("{:?}", self.text),
        };
        Error::WindowText {
            position: self.position,
            expected,
            found,
        }
    }

    fn is(self, kind: Kind) -> bool {
        self.kind == kind
    }

    fn is_word(self, word: &str) -> bool {
        self.kind == Kind::Word && self.text.eq_ignore_ascii_case(word)
    }
}

struct Parser<'a> {
    text: &'a str,
    position: usize,
}

/// Which end of a range an hour is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum End {
    Start,
    Finish,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser { text, position: 0 }
    }

    fn peek(&self) -> Token<'a> {
        let rest = &self.text[self.position..];
        let trimmed = rest.trim_start();
        let position = self.position + (rest.len() - trimmed.len());
        let Some(first) = trimmed.chars().next() else {
            return Token {
                kind: Kind::End,
                text: "",
                position,
            };
        };
        let (kind, len) = if first.is_ascii_alphabetic() {
            let len = trimmed.find(|c: char| !c.is_ascii_alphabetic());
            (Kind::Word, len.unwrap_or(trimmed.len()))
        } else if first.is_ascii_digit() || first == ':' {
            let len = trimmed.find(|c: char| !(c.is_ascii_digit() || c == ':'));
            (Kind::Number, len.unwrap_or(trimmed.len()))
        } else {
            (Kind::Other(first), first.len_utf8())
        };
        Token {
            kind,
            text: &trimmed[..len],
            position,
        }
    }

    fn next(&mut self) -> Token<'a> {
        let token = self.peek();
        self.position = token.position + token.text.len();
        token
    }

    /// Takes the next token if it is `kind`.
    fn eat(&mut self, kind: Kind) -> bool {
        let found = self.peek().is(kind);
        if found {
            self.next();
        }
        found
    }

    fn end(&mut self, expected: &'static str) -> Result<(), Error> {
        let token = self.next();
        if token.is(Kind::End) {
            Ok(())
        } else {
            Err(token.error(expected))
        }
    }

    fn window(&mut self) -> Result<HourBits, Error> {
        let first = self.peek();
        for (word, window) in [("always", Window::always_open()), ("never", Window::never_open())] {
            if first.is_word(word) {
                self.next();
                self.end("the end of the text after always or never")?;
                return Ok(window.hour_bits());
            }
        }
        let mut hours = HourBits::ZERO;
        let mut expected_day = "a day like Mon, or always or never";
        loop {
            let days = self.days(expected_day)?;
            expected_day = "a day like Mon";
            loop {
                let range = self.range()?;
                mark(&mut hours, days, range, Mark::Allow);
                let token = self.peek();
                match token.kind {
                    Kind::Number => continue,
                    Kind::Other(',' | ';') => {
                        self.next();
                        break;
                    }
                    Kind::End => return Ok(hours),
                    _ => return Err(token.error("a , or ; between items")),
                }
            }
        }
    }

    /// `dayset { "+" dayset }`, as bits (bit 0 = Sunday).
    fn days(&mut self, expected: &'static str) -> Result<u8, Error> {
        let mut days = self.day_set(expected)?;
        while self.eat(Kind::Other('+')) {
            days |= self.day_set("a day like Mon")?;
        }
        Ok(days)
    }

    fn day_set(&mut self, expected: &'static str) -> Result<u8, Error> {
        let token = self.next();
        for (word, days) in [
            ("daily", EVERY_DAY),
            ("everyday", EVERY_DAY),
            ("workdays", Weekdays::WORKDAYS.bits()),
            ("weekends", Weekdays::WEEKENDS.bits()),
        ] {
            if token.is_word(word) {
                return Ok(days);
            }
        }
        let first = day(token).ok_or_else(|| token.error(expected))?;
        if !self.eat(Kind::Other('-')) {
            return Ok(1 << first);
        }
        let token = self.next();
        let last = day(token).ok_or_else(|| token.error("a day like Fri"))?;
        // Inclusive, wrapping past Saturday.
        let count = (last + 7 - first) % 7 + 1;
        Ok((first..first + count).fold(0, |days, day| days | 1 << (day % 7)))
    }

    /// `hour "-" hour`.
    fn range(&mut self) -> Result<HourRange, Error> {
        let token = self.next();
        if !token.is(Kind::Number) {
            return Err(token.error("an hour range like 22:00-06:00"));
        }
        let start = hour(token, End::Start)?;
        let dash = self.next();
        if !dash.is(Kind::Other('-')) {
            return Err(dash.error("- and an end hour, like 22:00-06:00"));
        }
        let end = hour(self.next(), End::Finish)?;
        Ok(HourRange::from_valid(start, end))
    }
}

/// The day of the week (0 = Sunday) a word names.
fn day(token: Token<'_>) -> Option<u32> {
    (0..7)
        .find(|&day| token.is_word(DAYS[day].short) || token.is_word(DAYS[day].full))
        .map(|day| day as u32)
}

/// A whole hour `H:00` or `HH:00`: 0..=23 for a start, 0..=24 for an end.
fn hour(token: Token<'_>, end: End) -> Result<u32, Error> {
    const LIKE: &str = "an hour like 22:00";
    let shape = token
        .is(Kind::Number)
        .then(|| token.text.split_once(':'))
        .flatten()
        .filter(|(hour, minute)| {
            (1..=2).contains(&hour.len())
                && minute.len() == 2
                && hour.bytes().chain(minute.bytes()).all(|b| b.is_ascii_digit())
        });
    let (hour, minute) = shape.ok_or_else(|| token.error(LIKE))?;
    // At most two digits each: these parse.
    let (hour, minute): (u32, u32) = (
        hour.parse().unwrap_or(u32::MAX),
        minute.parse().unwrap_or(u32::MAX),
    );
    if hour > 24 || minute > 59 {
        return Err(token.error(LIKE));
    }
    if minute != 0 {
        return Err(token.error("a whole hour like 22:00"));
    }
    if hour == 24 && end == End::Start {
        return Err(token.error("a start hour from 00:00 to 23:00"));
    }
    Ok(hour)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL_DAY: u32 = (1 << 24) - 1;

    #[test]
    fn joining_needs_a_morning_no_longer_than_the_evening_start() {
        let evening = |from: u32| FULL_DAY & !((1 << from) - 1);
        let morning = |to: u32| (1 << to) - 1;
        assert!(joins(evening(22), morning(6)));
        assert!(joins(evening(22), morning(22))); // 22:00-22:00, a full day
        assert!(!joins(evening(22), morning(23)));
        assert!(!joins(evening(0), morning(6))); // a full day ends at 24:00
        assert!(!joins(evening(22), FULL_DAY));
        assert!(!joins(evening(22), 0));
        assert!(!joins(0, morning(6)));
    }

    #[test]
    fn tokens_carry_their_byte_offsets() {
        let mut parser = Parser::new(" Mon-é 22:00");
        let kinds: Vec<_> = core::iter::from_fn(|| {
            let token = parser.next();
            (!token.is(Kind::End)).then_some((token.kind, token.position, token.text))
        })
        .collect();
        assert_eq!(
            kinds,
            [
                (Kind::Word, 1, "Mon"),
                (Kind::Other('-'), 4, "-"),
                (Kind::Other('é'), 5, "é"), // two bytes
                (Kind::Number, 8, "22:00"),
            ]
        );
        assert_eq!(parser.next().position, 13);
    }
}
