//! The command-line tool's readable windows (`window --set`, the text form
//! under the grid), run as a separate process.
//!
//! Every expected value below is derived by hand in a comment from the text
//! form's grammar (`Window::parse_with_offset`) and the API's layout of the
//! 168 hours (index `day * 24 + hour`, day 0 = Sunday), never copied from the
//! tool's output.

#![cfg(feature = "cli")]

mod common;

use std::process::Command;

use serde_json::{json, Value};

use common::cli::{hours, run, worked_example, TempFile};

/// `window --set`'s output, parsed: the 168 hours and the offset, checking
/// that the object has exactly those two members.
fn settings(stdout: &str) -> (Vec<bool>, i64) {
    let value: Value = serde_json::from_str(stdout).unwrap_or_else(|err| panic!("{err}: {stdout}"));
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {stdout}"));
    assert_eq!(object.len(), 2, "{stdout}");
    let hours: Vec<bool> = object["backupWindow"]
        .as_array()
        .expect("backupWindow is an array")
        .iter()
        .map(|hour| hour.as_bool().expect("booleans"))
        .collect();
    (
        hours,
        object["minuteOffset"].as_i64().expect("minuteOffset is a number"),
    )
}

/// The indexes of the allowed hours.
fn allowed(hours: &[bool]) -> Vec<usize> {
    (0..hours.len()).filter(|&index| hours[index]).collect()
}

#[test]
fn set_writes_the_settings_for_a_night_window() {
    // "Mon-Fri 22:00-06:00" at offset 0: each of Monday (1) to Friday (5)
    // from 22:00 to 06:00 the next morning, 2 + 6 = 8 hours, 40 in all:
    // hours 22, 23 of days 1..=5 and hours 0..=5 of days 2..=6.
    let out = run(&["window", "--set", "Mon-Fri 22:00-06:00"], None);
    out.assert_clean();
    let (hours, offset) = settings(&out.stdout);
    assert_eq!(offset, 0);
    assert_eq!(hours.len(), 168);
    assert_eq!(hours.iter().filter(|&&hour| hour).count(), 40);
    assert!(hours[24 + 22], "Monday 22:00");
    assert!(hours[2 * 24 + 5], "Tuesday 05:00, Monday night");
    assert!(!hours[24 + 6], "Monday 06:00: Sunday night is not in the window");
    assert!(!hours[24 + 5], "Monday 05:00: Sunday night is not in the window");
    assert!(hours[6 * 24 + 5], "Saturday 05:00, Friday night");
    assert!(!hours[6 * 24 + 22], "Saturday 22:00");
    assert!(!hours[22], "Sunday 22:00");
    let mut expected: Vec<usize> = Vec::new();
    for day in 1..=5 {
        expected.extend([day * 24 + 22, day * 24 + 23]);
        expected.extend((0..6).map(|hour| (day + 1) * 24 + hour));
    }
    expected.sort_unstable();
    assert_eq!(allowed(&hours), expected);
    // Pretty: several lines, and not one line per boolean.
    let lines = out.lines().len();
    assert!((3..20).contains(&lines), "{lines} lines: {}", out.stdout);
}

#[test]
fn set_with_an_offset() {
    // The same hours; minuteOffset is what --offset says, 330 = UTC+05:30
    // (the text names local hours, the offset does not move them).
    let plain = run(&["window", "--set", "Mon-Fri 22:00-06:00"], None);
    for (offset, expected) in [
        ("330", 330),
        ("-210", -210),
        ("+60", 60),
        ("1439", 1439),
        ("-1439", -1439),
    ] {
        let out = run(
            &["window", "--set", "Mon-Fri 22:00-06:00", "--offset", offset],
            None,
        );
        out.assert_clean();
        let (hours, minute_offset) = settings(&out.stdout);
        assert_eq!(minute_offset, expected, "{offset}");
        assert_eq!(hours, settings(&plain.stdout).0, "{offset}");
    }
}

#[test]
fn set_always_never_and_lists() {
    let out = run(&["window", "--set", "always"], None);
    out.assert_clean();
    assert_eq!(settings(&out.stdout).0, vec![true; 168]);

    let out = run(&["window", "--set", "never"], None);
    out.assert_clean();
    assert_eq!(settings(&out.stdout).0, vec![false; 168]);

    // Two items: Saturday and Sunday all day (hours 0..24 of days 6 and 0)
    // and Wednesday 09:00-10:00 (hour 3 * 24 + 9): 49 hours.
    let out = run(
        &["window", "--set", "weekends 00:00-24:00, wed 09:00-10:00"],
        None,
    );
    out.assert_clean();
    let mut expected: Vec<usize> = (0..24).chain(6 * 24..7 * 24).collect();
    expected.push(3 * 24 + 9);
    expected.sort_unstable();
    assert_eq!(allowed(&settings(&out.stdout).0), expected);
}

#[test]
fn set_output_feeds_a_policy() {
    // The settings from --set, pasted into a policy, give a window whose
    // text form is the canonical spelling of what was set: "fri-mon" is
    // Friday, Saturday, Sunday, Monday, printed Monday first as the range
    // across the week's end "Fri-Mon".
    let out = run(
        &["window", "--set", "fri-mon 08:00-10:00", "--offset", "-210"],
        None,
    );
    out.assert_clean();
    let settings: Value = serde_json::from_str(&out.stdout).unwrap();
    let policy = json!({
        "type": "Immediate",
        "backupCopyWindowEnabled": true,
        "backupCopyWindowSettings": settings
    });
    let file = TempFile::json(&policy);
    let out = run(&["window", "--policy", file.path()], None);
    out.assert_clean();
    assert!(out.stdout.contains("UTC-03:30"), "{}", out.stdout);
    assert_eq!(
        out.stdout.lines().last(),
        Some("As text: Fri-Mon 08:00-10:00"),
        "{}",
        out.stdout
    );
    // 4 days of 2 hours.
    assert!(out.stdout.contains("8 of 168 hours allowed"), "{}", out.stdout);
}

#[test]
fn window_shows_the_text_under_the_grid() {
    // The worked example's window is Monday to Friday 20:00-23:00; the text
    // comes last, after the Saturday row of the grid.
    let file = TempFile::json(&worked_example(180));
    let out = run(&["window", "--policy", file.path()], None);
    out.assert_clean();
    let lines = out.lines();
    let saturday = lines
        .iter()
        .position(|line| line.starts_with("Sat "))
        .expect("a Saturday row");
    assert_eq!(lines[saturday + 1..], ["As text: Mon-Fri 20:00-23:00"]);

    // A window that allows nothing reads "never".
    let mut policy = worked_example(0);
    policy["backupCopyWindowSettings"]["backupWindow"] = json!(hours(|_, _| false));
    let file = TempFile::json(&policy);
    let out = run(&["window", "--policy", file.path()], None);
    out.assert_clean();
    assert_eq!(out.stdout.lines().last(), Some("As text: never"));
}

#[test]
fn window_through_a_pipe_has_no_colour() {
    // Tests read stdout through a pipe, not a terminal: plain text, whatever
    // NO_COLOR says.
    let file = TempFile::json(&worked_example(180));
    for no_color in [None, Some(""), Some("1")] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_backup-schedule"));
        command.args(["window", "--policy", file.path()]);
        match no_color {
            None => command.env_remove("NO_COLOR"),
            Some(value) => command.env("NO_COLOR", value),
        };
        let output = command.output().expect("the binary runs");
        assert_eq!(output.status.code(), Some(0));
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(!stdout.contains('\x1b'), "{no_color:?}: {stdout:?}");
        assert!(stdout.contains("Mon .. "), "{stdout}");
    }
}

// ---------------------------------------------------------------------------
// bad input

#[test]
fn bad_window_text() {
    let cases = [
        // Byte 8 is where "25:00" starts.
        (
            "Mon-Fri 25:00-06:00",
            r#"--set: at 8: expected an hour like 22:00, found "25:00""#,
        ),
        ("", "--set: at 0: expected "),
        ("Mon-Fri", "--set: at 7: expected "),
        ("Funday 10:00-11:00", "--set: at 0: expected "),
        ("always, Mon 10:00-11:00", "--set: at 6: expected "),
    ];
    for (text, start) in cases {
        let out = run(&["window", "--set", text], None);
        let line = out.assert_bad_input();
        assert!(line.starts_with(start), "{text:?}: {line:?}");
        assert!(line.contains(" found "), "{text:?}: {line:?}");
    }
}

#[test]
fn bad_offsets() {
    for offset in ["1440", "-1440", "x", "", "5.5", "60m", "99999999999"] {
        let out = run(&["window", "--set", "always", "--offset", offset], None);
        assert_eq!(
            out.assert_bad_input(),
            format!("--offset: expected whole minutes from UTC in -1439..=1439, found {offset:?}"),
            "{offset:?}"
        );
    }
    // A bad offset is reported even when the text is bad too: the flags are
    // read first.
    let out = run(&["window", "--set", "Mon 25:00-01:00", "--offset", "2000"], None);
    assert!(out.assert_bad_input().starts_with("--offset: "));
}

#[test]
fn set_conflicts() {
    let cases: &[(&[&str], &[&str])] = &[
        // --offset belongs to --set.
        (&["window", "--offset", "60"], &["--set"]),
        // --set makes settings; it does not read a policy or a zone.
        (
            &["window", "--set", "always", "--policy", "x.json"],
            &["--set", "--policy"],
        ),
        (
            &["window", "--set", "always", "--zone", "Europe/Berlin"],
            &["--set", "--zone"],
        ),
        (&["window", "--set"], &["--set"]),
    ];
    for (args, flags) in cases {
        let out = run(args, None);
        let line = out.assert_bad_input();
        for flag in *flags {
            assert!(line.contains(flag), "{args:?}: {line:?}");
        }
    }
}
