//! The window's text form (grammar, errors, canonical printing), the builder
//! and set operations, and the open intervals.
//!
//! Expected windows are written as hour indices or `(day, from, to)` spans
//! set directly in a `[bool; 168]`, never through the parser or the builder
//! under test; expected texts and instants are worked out by hand in the
//! comments next to them.

mod reference;
#[cfg(feature = "tz")]
mod reference_zoned;
mod strategies;

use backup_schedule::{Error, HourRange, Weekdays, Window};
use chrono::{DateTime, Duration, TimeZone, Utc, Weekday};
use proptest::prelude::*;

use strategies::instants::minute_2026;
use strategies::offsets::offset;
use strategies::window_text::{any_hours, items, model, spelling, write_items, Spelling};

const SUN: usize = 0;
const MON: usize = 1;
const TUE: usize = 2;
const WED: usize = 3;
const THU: usize = 4;
const FRI: usize = 5;
const SAT: usize = 6;

/// The hours of `spans`, each `(day, from, to)` within one day (`to <= 24`).
fn hours(spans: &[(usize, usize, usize)]) -> [bool; 168] {
    let mut hours = [false; 168];
    for &(day, from, to) in spans {
        assert!(from < to && to <= 24, "a test span stays within its day");
        for hour in from..to {
            hours[day * 24 + hour] = true;
        }
    }
    hours
}

/// A window with offset 0 and the hours of `spans`.
fn window(spans: &[(usize, usize, usize)]) -> Window {
    Window::new(&hours(spans), 0).unwrap()
}

fn parse(text: &str) -> Window {
    text.parse()
        .unwrap_or_else(|err| panic!("{text:?} should parse: {err}"))
}

fn utc(month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, hour, minute, 0).unwrap()
}

// ---------------------------------------------------------------------------
// Grammar: good texts.

#[test]
fn the_issue_example() {
    // Mon-Fri 22:00-06:00: 22:00-24:00 on Monday to Friday, and 00:00-06:00
    // the next mornings, Tuesday to Saturday; the weekend whole.
    let expected = window(&[
        (MON, 22, 24),
        (TUE, 22, 24),
        (WED, 22, 24),
        (THU, 22, 24),
        (FRI, 22, 24),
        (TUE, 0, 6),
        (WED, 0, 6),
        (THU, 0, 6),
        (FRI, 0, 6),
        (SAT, 0, 24),
        (SUN, 0, 24),
    ]);
    assert_eq!(parse("Mon-Fri 22:00-06:00, Sat-Sun 00:00-24:00"), expected);
    assert_eq!(parse("workdays 22:00-06:00; weekends 00:00-24:00"), expected);
    // 4 nights of 8 hours, Friday's 2 before midnight, 48 weekend hours.
    assert_eq!(expected.allowed_hours(), 4 * 8 + 2 + 48);
}

#[test]
fn always_and_never() {
    assert_eq!(parse("always"), Window::always_open());
    assert_eq!(parse("  ALWAYS "), Window::always_open());
    assert_eq!(parse("never"), Window::never_open());
    assert_eq!(parse("Never"), Window::never_open());
    assert_eq!(parse("daily 00:00-24:00"), Window::always_open());
}

#[test]
fn day_names_and_sets() {
    // Hour 01:00-02:00 on the named days.
    let on = |days: &[usize]| window(&days.iter().map(|&day| (day, 1, 2)).collect::<Vec<_>>());
    assert_eq!(parse("Mon 01:00-02:00"), on(&[MON]));
    assert_eq!(parse("monday 01:00-02:00"), on(&[MON]));
    assert_eq!(parse("MONDAY 01:00-02:00"), on(&[MON]));
    assert_eq!(parse("Sunday 01:00-02:00"), on(&[SUN]));
    assert_eq!(parse("sat 01:00-02:00"), on(&[SAT]));
    // Inclusive ranges, wrapping past Saturday.
    assert_eq!(parse("Tue-Thu 01:00-02:00"), on(&[TUE, WED, THU]));
    assert_eq!(parse("Fri-Mon 01:00-02:00"), on(&[FRI, SAT, SUN, MON]));
    assert_eq!(parse("Sat-Sun 01:00-02:00"), on(&[SAT, SUN]));
    assert_eq!(parse("Mon-Mon 01:00-02:00"), on(&[MON]));
    assert_eq!(
        parse("Mon-Sun 01:00-02:00"),
        on(&[MON, TUE, WED, THU, FRI, SAT, SUN])
    );
    // Keywords.
    let all = on(&[SUN, MON, TUE, WED, THU, FRI, SAT]);
    assert_eq!(parse("daily 01:00-02:00"), all);
    assert_eq!(parse("Everyday 01:00-02:00"), all);
    assert_eq!(parse("workdays 01:00-02:00"), on(&[MON, TUE, WED, THU, FRI]));
    assert_eq!(parse("WEEKENDS 01:00-02:00"), on(&[SAT, SUN]));
    // `+` joins day sets.
    assert_eq!(parse("Mon+Wed+FRIDAY 01:00-02:00"), on(&[MON, WED, FRI]));
    assert_eq!(parse("Mon-Tue+Thu-Fri 01:00-02:00"), on(&[MON, TUE, THU, FRI]));
    assert_eq!(parse("weekends+Wed 01:00-02:00"), on(&[SAT, SUN, WED]));
}

#[test]
fn hour_ranges() {
    assert_eq!(parse("Mon 09:00-17:00"), window(&[(MON, 9, 17)]));
    assert_eq!(parse("Mon 9:00-17:00"), window(&[(MON, 9, 17)]));
    assert_eq!(parse("Mon 23:00-24:00"), window(&[(MON, 23, 24)]));
    // End not after start: into the next day.
    assert_eq!(parse("Mon 22:00-06:00"), window(&[(MON, 22, 24), (TUE, 0, 6)]));
    assert_eq!(parse("Mon 23:00-00:00"), window(&[(MON, 23, 24)]));
    // Equal: 24 hours, 22:00 to 22:00 the next day.
    assert_eq!(parse("Mon 22:00-22:00"), window(&[(MON, 22, 24), (TUE, 0, 22)]));
    assert_eq!(parse("Mon 00:00-00:00"), window(&[(MON, 0, 24)]));
    assert_eq!(parse("Mon 00:00-24:00"), window(&[(MON, 0, 24)]));
    // Saturday night runs into Sunday, across the week's end.
    assert_eq!(parse("Sat 22:00-06:00"), window(&[(SAT, 22, 24), (SUN, 0, 6)]));
    assert_eq!(parse("Sat 12:00-12:00"), window(&[(SAT, 12, 24), (SUN, 0, 12)]));
    // Several ranges in one item, overlapping items (a union).
    assert_eq!(
        parse("Mon 01:00-02:00 03:00-04:00; Tue 05:00-06:00"),
        window(&[(MON, 1, 2), (MON, 3, 4), (TUE, 5, 6)])
    );
    assert_eq!(parse("Mon 01:00-05:00, Mon 03:00-07:00"), window(&[(MON, 1, 7)]));
}

#[test]
fn whitespace_is_free() {
    let expected = window(&[(MON, 22, 24), (TUE, 0, 6), (SAT, 0, 1)]);
    assert_eq!(parse("Mon 22:00-06:00, Sat 00:00-01:00"), expected);
    assert_eq!(parse("  Mon - Mon 22:00 - 06:00 ,Sat 00:00-01:00  "), expected);
    assert_eq!(parse("Mon22:00-06:00;Sat00:00-01:00"), expected);
    assert_eq!(parse("\tMon\n22:00-06:00,\u{a0}Sat 00:00-01:00"), expected);
}

#[test]
fn the_offset_is_separate() {
    let text = "Mon 22:00-23:00";
    assert_eq!(parse(text).minute_offset(), 0);
    let shifted = Window::parse_with_offset(text, -210).unwrap();
    assert_eq!(shifted.minute_offset(), -210);
    assert_eq!(shifted.hours(), hours(&[(MON, 22, 23)]));
    // Printing ignores the offset.
    assert_eq!(shifted.to_string(), text);

    let err = Window::parse_with_offset(text, 1440).unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
    assert_eq!(err.path(), Some("backupCopyWindowSettings.minuteOffset"));
}

// ---------------------------------------------------------------------------
// Grammar: bad texts, with their positions (0-based byte offsets).

/// Parses `text`, expecting the error at `position` with `expected` and `found`.
#[track_caller]
fn assert_error(text: &str, position: usize, expected: &'static str, found: &str) {
    let err = text.parse::<Window>().unwrap_err();
    let want = Error::WindowText {
        position,
        expected,
        found: found.to_owned(),
    };
    assert_eq!(err, want, "{text:?}");
    assert_eq!(
        err.to_string(),
        format!("at {position}: expected {expected}, found {found}"),
        "{text:?}"
    );
    assert_eq!(err.path(), None, "the text is not a JSON field");
}

#[test]
fn errors_in_hours() {
    // The issue's example: "25:00" starts at byte 8 of "Mon-Fri 25:00-06:00".
    assert_error("Mon-Fri 25:00-06:00", 8, "an hour like 22:00", r#""25:00""#);
    // "Mon " is bytes 0-3, "01:00" 4-8, "-" 9, the end hour from 10.
    assert_error("Mon 01:00-25:00", 10, "an hour like 22:00", r#""25:00""#);
    assert_error("Mon 22:30-23:00", 4, "a whole hour like 22:00", r#""22:30""#);
    assert_error("Mon 22:00-23:15", 10, "a whole hour like 22:00", r#""23:15""#);
    assert_error("Mon 1:60-02:00", 4, "an hour like 22:00", r#""1:60""#);
    assert_error(
        "Mon 24:00-02:00",
        4,
        "a start hour from 00:00 to 23:00",
        r#""24:00""#,
    );
    assert_error("Mon 9-17", 4, "an hour like 22:00", r#""9""#);
    assert_error("Mon 001:00-02:00", 4, "an hour like 22:00", r#""001:00""#);
    assert_error("Mon 01:00-02:00:00", 10, "an hour like 22:00", r#""02:00:00""#);
    assert_error("Mon 01:00-", 10, "an hour like 22:00", "the end of the text");
    // "Mon 01:00" is 9 bytes: the text ends where "-" should be.
    assert_error(
        "Mon 01:00",
        9,
        "- and an end hour, like 22:00-06:00",
        "the end of the text",
    );
    assert_error(
        "Mon 01:00 02:00",
        10,
        "- and an end hour, like 22:00-06:00",
        r#""02:00""#,
    );
    // An en dash (3 bytes) is not "-".
    assert_error(
        "Mon 01:00\u{2013}02:00",
        9,
        "- and an end hour, like 22:00-06:00",
        "\"\u{2013}\"",
    );
}

#[test]
fn errors_in_days_and_items() {
    assert_error("", 0, "a day like Mon, or always or never", "the end of the text");
    assert_error(
        "   ",
        3,
        "a day like Mon, or always or never",
        "the end of the text",
    );
    assert_error(
        "Mo 01:00-02:00",
        0,
        "a day like Mon, or always or never",
        r#""Mo""#,
    );
    assert_error(
        "01:00-02:00",
        0,
        "a day like Mon, or always or never",
        r#""01:00""#,
    );
    assert_error("Mon", 3, "an hour range like 22:00-06:00", "the end of the text");
    assert_error(
        "Mon Tue 01:00-02:00",
        4,
        "an hour range like 22:00-06:00",
        r#""Tue""#,
    );
    assert_error("Mon-Funday 01:00-02:00", 4, "a day like Fri", r#""Funday""#);
    assert_error("Mon-daily 01:00-02:00", 4, "a day like Fri", r#""daily""#);
    assert_error("Mon+ 01:00-02:00", 5, "a day like Mon", r#""01:00""#);
    // "Mon 01:00-02:00" is bytes 0-14, "," 15, " " 16.
    assert_error("Mon 01:00-02:00,", 16, "a day like Mon", "the end of the text");
    assert_error(
        "Mon 01:00-02:00, Tue",
        20,
        "an hour range like 22:00-06:00",
        "the end of the text",
    );
    assert_error(
        "Mon 01:00-02:00 Tue 03:00-04:00",
        16,
        "a , or ; between items",
        r#""Tue""#,
    );
    assert_error("Mon 01:00-02:00.", 15, "a , or ; between items", r#"".""#);
    assert_error("Mon 01:00-02:00, never", 17, "a day like Mon", r#""never""#);
    assert_error(
        "always, Mon 01:00-02:00",
        6,
        "the end of the text after always or never",
        r#"",""#,
    );
    assert_error(
        "never never",
        6,
        "the end of the text after always or never",
        r#""never""#,
    );
    // A Mon–Fri en dash: after "Mon" the day set is complete, so an hour range is due.
    assert_error(
        "Mon\u{2013}Fri 01:00-02:00",
        3,
        "an hour range like 22:00-06:00",
        "\"\u{2013}\"",
    );
    // Positions are bytes: the no-break space before "25:00" is 2 bytes.
    assert_error("Mon\u{a0}25:00-02:00", 5, "an hour like 22:00", r#""25:00""#);
    // A long word is shown by its first 32 characters.
    let long = format!("Mon {}", "x".repeat(100_000));
    let shown = format!("\"{}\"...", "x".repeat(32));
    let err = long.parse::<Window>().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("at 4: expected an hour range like 22:00-06:00, found {shown}")
    );
    // Quotes and control characters in what was found are escaped.
    assert_error("\"Mon\"", 0, "a day like Mon, or always or never", r#""\"""#);
}

// ---------------------------------------------------------------------------
// Printing: one canonical text.

#[test]
fn canonical_texts() {
    let cases: &[(&str, &str)] = &[
        ("always", "always"),
        ("never", "never"),
        ("Sat 23:00-24:00", "Sat 23:00-24:00"),
        // Overnight: Monday to Thursday's evenings join the next mornings (6 <= 22);
        // Friday's cannot, as Saturday is a whole day. 57 bytes, against 69 for
        // "Mon 22:00-24:00, Tue-Fri 00:00-06:00 22:00-24:00, Sat-Sun 00:00-24:00".
        (
            "Mon-Fri 22:00-06:00, Sat-Sun 00:00-24:00",
            "Mon-Thu 22:00-06:00, Fri 22:00-24:00, Sat-Sun 00:00-24:00",
        ),
        // Every evening joins the next morning.
        ("daily 00:00-06:00 22:00-24:00", "daily 22:00-06:00"),
        // Across the week's end: Saturday's evening and Sunday's morning.
        ("Sun 00:00-06:00, Sat 22:00-24:00", "Sat 22:00-06:00"),
        // A morning of 22 hours after an evening from 22:00 is a 24-hour range;
        // after one from 21:00 it is not (22:00 would be after 21:00).
        ("Mon 22:00-24:00, Tue 00:00-22:00", "Mon 22:00-22:00"),
        (
            "Mon 21:00-24:00, Tue 00:00-22:00",
            "Mon 21:00-24:00, Tue 00:00-22:00",
        ),
        // Within days is shorter: joining Monday night would split the
        // mornings into "Mon 22:00-02:00, Wed-Mon 00:00-02:00" (36 bytes, 34 here).
        (
            "Mon 22:00-02:00, daily 00:00-02:00",
            "daily 00:00-02:00, Mon 22:00-24:00",
        ),
        // The complement of office hours: within days is 52 bytes, against
        // "Mon 00:00-08:00, Mon-Thu 18:00-08:00, Fri 18:00-24:00, Sat-Sun 00:00-24:00".
        (
            "Mon-Fri 00:00-08:00 18:00-24:00, Sat-Sun 00:00-24:00",
            "Mon-Fri 00:00-08:00 18:00-24:00, Sat-Sun 00:00-24:00",
        ),
        // Day sets: Monday first, runs as ranges, wrapping, joined by `+`.
        (
            "Fri 01:00-02:00; Mon 01:00-02:00; Wed 01:00-02:00",
            "Mon+Wed+Fri 01:00-02:00",
        ),
        ("Sat+Sun+Mon 01:00-02:00", "Sat-Mon 01:00-02:00"),
        ("Sun+Tue 01:00-02:00", "Tue+Sun 01:00-02:00"),
        ("Mon-Tue+Thu-Sat 01:00-02:00", "Mon-Tue+Thu-Sat 01:00-02:00"),
        ("Sun+Mon+Tue+Wed+Thu+Fri+Sat 05:00-06:00", "daily 05:00-06:00"),
        ("workdays 05:00-06:00", "Mon-Fri 05:00-06:00"),
        // Items by first day, then first hour; ranges by start.
        (
            "Sun 05:00-06:00, Mon 01:00-02:00",
            "Mon 01:00-02:00, Sun 05:00-06:00",
        ),
        (
            "Mon 07:00-08:00, Mon-Tue 03:00-04:00",
            "Mon-Tue 03:00-04:00, Mon 07:00-08:00",
        ),
        ("Wed 10:00-11:00 01:00-02:00", "Wed 01:00-02:00 10:00-11:00"),
        // Adjacent hours merge; 00:00-00:00 prints as 00:00-24:00.
        ("Thu 01:00-02:00, Thu 02:00-03:00", "Thu 01:00-03:00"),
        ("Thu 00:00-00:00", "Thu 00:00-24:00"),
    ];
    for &(input, canonical) in cases {
        let window = parse(input);
        assert_eq!(window.to_string(), canonical, "printing {input:?}");
        assert_eq!(parse(canonical), window, "{canonical:?} parses back");
    }
}

// ---------------------------------------------------------------------------
// Round trip on random windows.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(strategies::cases(512)))]

    /// Printing then parsing gives the same hours; printing that again gives
    /// the same text; the offset is not printed.
    #[test]
    fn round_trip(hours in any_hours(), minute_offset in offset()) {
        let window = Window::new(&hours, minute_offset).unwrap();
        let text = window.to_string();
        let back = Window::parse_with_offset(&text, minute_offset);
        prop_assert_eq!(back.as_ref().map(Window::hours), Ok(hours), "{}", text);
        prop_assert_eq!(back.unwrap().to_string(), text.clone());
        prop_assert_eq!(Window::new(&hours, 0).unwrap().to_string(), text);
    }

    /// The parser reads the items as the model says, whatever their spelling;
    /// the same window written in another order, or as its printed text,
    /// prints the same (equal windows, equal texts).
    #[test]
    fn parse_matches_the_model_and_printing_is_canonical(items in items(), spelling in spelling()) {
        let text = write_items(&items, &spelling);
        let window = text.parse::<Window>();
        prop_assert_eq!(window.as_ref().map(Window::hours), Ok(model(&items)), "{}", text);
        let window = window.unwrap();

        let mut reversed = items.clone();
        reversed.reverse();
        let other = write_items(&reversed, &Spelling { semicolons: !spelling.semicolons, ..spelling });
        prop_assert_eq!(other.parse::<Window>().unwrap().to_string(), window.to_string());

        let printed = window.to_string();
        prop_assert_eq!(parse(&printed).to_string(), printed);
    }

    /// Two different windows never print the same text.
    #[test]
    fn different_windows_print_differently(a in any_hours(), b in any_hours()) {
        let (wa, wb) = (Window::new(&a, 0).unwrap(), Window::new(&b, 0).unwrap());
        prop_assert_eq!(wa.to_string() == wb.to_string(), a == b);
    }
}

// ---------------------------------------------------------------------------
// Hour ranges and the builder.

#[test]
fn hour_range_values() {
    let night = HourRange::new(22, 6).unwrap();
    assert_eq!((night.start(), night.end(), night.hour_count()), (22, 6, 8));
    assert!(night.runs_past_midnight());
    let day = HourRange::new(9, 17).unwrap();
    assert_eq!((day.start(), day.end(), day.hour_count()), (9, 17, 8));
    assert!(!day.runs_past_midnight());
    // 22:00 to 00:00 the next day is 22:00 to 24:00: two hours, the same range.
    assert_eq!(HourRange::new(22, 0).unwrap(), HourRange::new(22, 24).unwrap());
    assert!(!HourRange::new(22, 0).unwrap().runs_past_midnight());
    // 22:00-22:00 is 24 hours.
    assert_eq!(HourRange::new(22, 22).unwrap().hour_count(), 24);
    assert_eq!(HourRange::new(0, 0).unwrap(), HourRange::ALL_DAY);
    assert_eq!(HourRange::ALL_DAY.to_string(), "00:00-24:00");
    assert_eq!(HourRange::new(5, 4).unwrap().to_string(), "05:00-04:00");

    for (start, end) in [(24, 0), (23, 25), (100, 1)] {
        let err = HourRange::new(start, end).unwrap_err();
        assert!(matches!(err, Error::Invalid { .. }), "{start}-{end}: {err:?}");
        assert_eq!(err.path(), Some("backupCopyWindowSettings.backupWindow"));
    }
}

#[test]
fn hour_range_text() {
    assert_eq!(
        "22:00-06:00".parse::<HourRange>().unwrap(),
        HourRange::new(22, 6).unwrap()
    );
    assert_eq!(
        " 7:00 - 8:00 ".parse::<HourRange>().unwrap(),
        HourRange::new(7, 8).unwrap()
    );
    let err = "22:00".parse::<HourRange>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "at 5: expected - and an end hour, like 22:00-06:00, found the end of the text"
    );
    let err = "22:00-06:00 x".parse::<HourRange>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"at 12: expected the end of the text, found "x""#
    );
    let err = "Mon 22:00-06:00".parse::<HourRange>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"at 0: expected an hour range like 22:00-06:00, found "Mon""#
    );
}

#[test]
fn allow_and_deny() {
    let built = Window::never_open()
        .allow(Weekdays::WORKDAYS, HourRange::new(22, 6).unwrap())
        .allow(Weekdays::WEEKENDS, HourRange::ALL_DAY);
    assert_eq!(built, parse("Mon-Fri 22:00-06:00, Sat-Sun 00:00-24:00"));

    // Saturday 22:00-02:00 denied: Saturday 22, 23 and Sunday 0, 1 (hours 166, 167, 0, 1).
    let denied = Window::always_open().deny(Weekdays::only(Weekday::Sat), HourRange::new(22, 2).unwrap());
    let mut expected = [true; 168];
    for index in [166, 167, 0, 1] {
        expected[index] = false;
    }
    assert_eq!(denied.hours(), expected);

    // Deny after allow takes the hours away again; the offset is kept.
    let window = Window::never_open()
        .with_minute_offset(330)
        .unwrap()
        .allow(Weekdays::only(Weekday::Mon), HourRange::new(8, 18).unwrap())
        .deny(Weekdays::only(Weekday::Mon), HourRange::new(12, 13).unwrap());
    assert_eq!(window.minute_offset(), 330);
    assert_eq!(window.hours(), hours(&[(MON, 8, 12), (MON, 13, 18)]));

    // No days: nothing changes.
    assert_eq!(
        Window::never_open().allow(Weekdays::NONE, HourRange::ALL_DAY),
        Window::never_open()
    );
}

#[test]
fn week_spans() {
    // Friday 18:00 to Monday 06:00.
    let weekend = Window::never_open()
        .allow_span(Weekday::Fri, 18, Weekday::Mon, 6)
        .unwrap();
    assert_eq!(
        weekend,
        window(&[(FRI, 18, 24), (SAT, 0, 24), (SUN, 0, 24), (MON, 0, 6)])
    );
    // Within a day; the end hour is not in the span.
    let two = Window::never_open()
        .allow_span(Weekday::Wed, 10, Weekday::Wed, 12)
        .unwrap();
    assert_eq!(two, window(&[(WED, 10, 12)]));
    // To 24:00 is to the next midnight: Saturday 20:00-24:00, the week's last hours.
    let late = Window::never_open()
        .allow_span(Weekday::Sat, 20, Weekday::Sat, 24)
        .unwrap();
    assert_eq!(late, window(&[(SAT, 20, 24)]));
    // End before start on the same day: through the week's end, 166 hours.
    let most = Window::never_open()
        .allow_span(Weekday::Wed, 12, Weekday::Wed, 10)
        .unwrap();
    assert_eq!(most.complement(), window(&[(WED, 10, 12)]));
    // End equal to start: the whole week.
    assert!(Window::never_open()
        .allow_span(Weekday::Thu, 7, Weekday::Thu, 7)
        .unwrap()
        .is_always_open());
    // Denied across the week's end: Saturday 23:00 to Sunday 01:00.
    let denied = Window::always_open()
        .deny_span(Weekday::Sat, 23, Weekday::Sun, 1)
        .unwrap();
    assert_eq!(denied.complement(), window(&[(SAT, 23, 24), (SUN, 0, 1)]));

    for (from_hour, to_hour) in [(24, 0), (0, 25)] {
        let err = Window::never_open()
            .allow_span(Weekday::Mon, from_hour, Weekday::Tue, to_hour)
            .unwrap_err();
        assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
        assert_eq!(err.path(), Some("backupCopyWindowSettings.backupWindow"));
    }
}

// ---------------------------------------------------------------------------
// Set operations.

#[test]
fn set_operations_in_one_frame() {
    let a = window(&[(MON, 8, 12)]);
    let b = window(&[(MON, 10, 14), (TUE, 0, 1)]);
    assert_eq!(a.union(b).unwrap(), window(&[(MON, 8, 14), (TUE, 0, 1)]));
    assert_eq!(a.intersection(b).unwrap(), window(&[(MON, 10, 12)]));
    assert_eq!(
        a.complement(),
        window(&[
            (SUN, 0, 24),
            (MON, 0, 8),
            (MON, 12, 24),
            (TUE, 0, 24),
            (WED, 0, 24),
            (THU, 0, 24),
            (FRI, 0, 24),
            (SAT, 0, 24)
        ])
    );
    assert_eq!(a.complement().complement(), a);
    assert_eq!(a.union(a.complement()).unwrap(), Window::always_open());
    assert!(a.intersection(a.complement()).unwrap().is_never_open());
    assert_eq!(Window::never_open().complement(), Window::always_open());
    // The offset is kept.
    let shifted = a.with_minute_offset(345).unwrap();
    assert_eq!(shifted.complement().minute_offset(), 345);
}

#[test]
fn set_operations_across_frames() {
    // Monday 10:00-11:00 at UTC+02:00 is Monday 08:00-09:00 UTC.
    let utc = Window::parse_with_offset("Mon 10:00-11:00", 0).unwrap();
    let plus_two = Window::parse_with_offset("Mon 10:00-11:00", 120).unwrap();
    let union = utc.union(plus_two).unwrap();
    assert_eq!(
        (union.minute_offset(), union.to_string().as_str()),
        (0, "Mon 08:00-09:00 10:00-11:00")
    );
    // In the UTC+02:00 frame, Monday 10:00 UTC is Monday 12:00.
    let union = plus_two.union(utc).unwrap();
    assert_eq!(
        (union.minute_offset(), union.to_string().as_str()),
        (120, "Mon 10:00-11:00 12:00-13:00")
    );
    assert!(utc.intersection(plus_two).unwrap().is_never_open());

    // Across the week's end: Saturday 23:00 at UTC-01:00 is Sunday 00:00 UTC.
    let sunday = Window::parse_with_offset("Sun 00:00-01:00", 0).unwrap();
    let saturday = Window::parse_with_offset("Sat 23:00-24:00", -60).unwrap();
    assert_eq!(sunday.intersection(saturday).unwrap(), sunday);
    // And the other way: in the UTC-01:00 frame, Sunday 00:00 UTC is Saturday 23:00.
    assert_eq!(saturday.intersection(sunday).unwrap(), saturday);

    // Offsets 30 minutes apart: the result would have half-hour edges.
    let half = Window::parse_with_offset("Mon 10:00-11:00", 30).unwrap();
    let err = utc.union(half).unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
    assert_eq!(err.path(), Some("backupCopyWindowSettings.minuteOffset"));
    assert!(utc.intersection(half).is_err());
    // ...unless the other window has no edges.
    let always = Window::always_open().with_minute_offset(30).unwrap();
    let never = Window::never_open().with_minute_offset(30).unwrap();
    assert_eq!(utc.union(always).unwrap(), Window::always_open());
    assert_eq!(utc.intersection(always).unwrap(), utc);
    assert_eq!(utc.union(never).unwrap(), utc);
    assert!(utc.intersection(never).unwrap().is_never_open());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(strategies::cases(256)))]

    /// The set operations are the operations on `is_open`, at every instant,
    /// for offsets a whole number of hours apart.
    #[test]
    fn set_operations_follow_is_open(
        a in any_hours(),
        b in any_hours(),
        offset_a in offset(),
        hours in -23..=23i32,
        t in minute_2026(),
    ) {
        // The same minutes past the hour as offset_a; always in -1380..=1439.
        let offset_b = offset_a.rem_euclid(60) + 60 * hours;
        let wa = Window::new(&a, offset_a).unwrap();
        let wb = Window::new(&b, offset_b).unwrap();
        let (union, intersection) = (wa.union(wb).unwrap(), wa.intersection(wb).unwrap());
        prop_assert_eq!(union.minute_offset(), offset_a);
        prop_assert_eq!(union.is_open(t), wa.is_open(t) || wb.is_open(t));
        prop_assert_eq!(intersection.is_open(t), wa.is_open(t) && wb.is_open(t));
        prop_assert_eq!(wa.complement().is_open(t), !wa.is_open(t));
    }
}

// ---------------------------------------------------------------------------
// Open intervals.

#[test]
fn open_intervals_with_a_whole_hour_offset() {
    // Daily 08:00-10:00 at UTC+01:00 is 07:00-09:00 UTC. From Tuesday 2026-12-01
    // 08:00 UTC (open, clipped) to Thursday 08:30 UTC (open, clipped).
    let window = Window::parse_with_offset("daily 08:00-10:00", 60).unwrap();
    let intervals: Vec<_> = window
        .open_intervals(utc(12, 1, 8, 0), utc(12, 3, 8, 30))
        .collect();
    assert_eq!(
        intervals,
        [
            (utc(12, 1, 8, 0), utc(12, 1, 9, 0)),
            (utc(12, 2, 7, 0), utc(12, 2, 9, 0)),
            (utc(12, 3, 7, 0), utc(12, 3, 8, 30)),
        ]
    );
}

#[test]
fn open_intervals_with_a_non_whole_hour_offset() {
    // Monday 09:00-17:00 at UTC-03:30 is Monday 12:30-20:30 UTC (2026-11-30 is a Monday).
    let window = Window::parse_with_offset("Mon 09:00-17:00", -210).unwrap();
    let intervals: Vec<_> = window
        .open_intervals(utc(11, 29, 0, 0), utc(12, 8, 0, 0))
        .collect();
    assert_eq!(
        intervals,
        [
            (utc(11, 30, 12, 30), utc(11, 30, 20, 30)),
            (utc(12, 7, 12, 30), utc(12, 7, 20, 30))
        ]
    );

    // At UTC+05:45, Monday 00:00-01:00 local is Sunday 18:15-19:15 UTC.
    let window = Window::parse_with_offset("Mon 00:00-01:00", 345).unwrap();
    let intervals: Vec<_> = window
        .open_intervals(utc(11, 29, 18, 45), utc(11, 30, 0, 0))
        .collect();
    assert_eq!(intervals, [(utc(11, 29, 18, 45), utc(11, 29, 19, 15))]);
}

#[test]
fn open_intervals_across_the_week_end() {
    // Saturday 22:00 to Sunday 02:00 local, at UTC+01:00: one stretch from
    // Saturday 21:00 UTC to Sunday 01:00 UTC, not cut at the local week's end.
    let window = Window::parse_with_offset("Sat 22:00-02:00", 60).unwrap();
    let intervals: Vec<_> = window
        .open_intervals(utc(11, 28, 0, 0), utc(11, 30, 0, 0))
        .collect();
    assert_eq!(intervals, [(utc(11, 28, 21, 0), utc(11, 29, 1, 0))]);

    // Saturday 23:00-24:00 and Sunday 00:00-01:00 at UTC-03:30: local Saturday
    // 23:00 is Sunday 02:30 UTC, local Sunday 01:00 is Sunday 04:30 UTC.
    let window = Window::parse_with_offset("Sat 23:00-24:00, Sun 00:00-01:00", -210).unwrap();
    let intervals: Vec<_> = window
        .open_intervals(utc(11, 28, 0, 0), utc(11, 30, 0, 0))
        .collect();
    assert_eq!(intervals, [(utc(11, 29, 2, 30), utc(11, 29, 4, 30))]);
}

#[test]
fn open_intervals_edges() {
    let start = utc(12, 1, 0, 0);
    let end = utc(12, 15, 0, 0);
    // Always open: the whole range, even with a fraction of a second.
    let start_nanos = start + Duration::nanoseconds(1);
    assert_eq!(
        Window::always_open()
            .open_intervals(start_nanos, end)
            .collect::<Vec<_>>(),
        [(start_nanos, end)]
    );
    // Never open, or an empty or backwards range: nothing.
    assert_eq!(Window::never_open().open_intervals(start, end).count(), 0);
    assert_eq!(Window::always_open().open_intervals(start, start).count(), 0);
    assert_eq!(Window::always_open().open_intervals(end, start).count(), 0);

    // Half-open: a range ending as the window opens has nothing of it; one
    // starting as it closes waits a week. Monday 10:00-11:00 UTC; 2026-11-30 is a Monday.
    let window = parse("Mon 10:00-11:00");
    assert_eq!(
        window
            .open_intervals(utc(11, 30, 0, 0), utc(11, 30, 10, 0))
            .count(),
        0
    );
    assert_eq!(
        window.open_intervals(utc(11, 30, 11, 0), end).collect::<Vec<_>>(),
        [
            (utc(12, 7, 10, 0), utc(12, 7, 11, 0)),
            (utc(12, 14, 10, 0), utc(12, 14, 11, 0))
        ]
    );
    // Hours that touch across midnight are one interval.
    let window = parse("Mon 22:00-24:00, Tue 00:00-02:00");
    assert_eq!(
        window
            .open_intervals(utc(11, 30, 0, 0), utc(12, 2, 0, 0))
            .collect::<Vec<_>>(),
        [(utc(11, 30, 22, 0), utc(12, 1, 2, 0))]
    );

    // Fused: once done, always done.
    let mut intervals = window.open_intervals(utc(11, 30, 0, 0), utc(12, 2, 0, 0));
    assert!(intervals.next().is_some());
    assert_eq!(intervals.next(), None);
    assert_eq!(intervals.next(), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(strategies::cases(64)))]

    /// Over a random three-day range, a minute is open exactly when it lies in
    /// one of the intervals; the intervals are ordered, apart, clipped to the
    /// range, and each starts where the window opens and ends where it closes
    /// (or at the range's ends).
    #[test]
    fn open_intervals_cover_the_open_minutes(
        hours in any_hours(),
        minute_offset in offset(),
        start in minute_2026(),
    ) {
        let window = Window::new(&hours, minute_offset).unwrap();
        let end = start + Duration::days(3);
        let intervals: Vec<_> = window.open_intervals(start, end).collect();
        for &(open, close) in &intervals {
            prop_assert!(start <= open && open < close && close <= end);
            prop_assert!(window.is_open(open));
            prop_assert!(open == start || !window.is_open(open - Duration::seconds(1)));
            prop_assert!(close == end || !window.is_open(close));
            prop_assert!(window.is_open(close - Duration::seconds(1)));
        }
        for pair in intervals.windows(2) {
            prop_assert!(pair[0].1 < pair[1].0, "apart and ordered: {:?}", pair);
        }
        let mut t = start;
        while t < end {
            let inside = intervals.iter().any(|&(open, close)| open <= t && t < close);
            prop_assert_eq!(inside, window.is_open(t), "at {}", t);
            t += Duration::minutes(1);
        }
    }
}
