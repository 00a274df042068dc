//! Text for people: instants, the window grid, descriptions of a schedule.
//!
//! Everything here writes to an `impl Write` and returns its I/O errors; the
//! caller decides what a failed write means.

use std::ffi::OsStr;
use std::io::{self, Write};

use backup_schedule::vb365::{CopyJob, DailyType, PeriodicallyEvery};
use backup_schedule::{BackupSchedule, JobSchedule, MinuteOffset, Trigger, Weekdays, Window, Zone};
use chrono::{DateTime, FixedOffset, SecondsFormat, TimeZone, Timelike, Utc};

/// A grid cell for an allowed hour.
pub const ALLOWED: &str = "##";
/// A grid cell for a prohibited hour.
pub const PROHIBITED: &str = "..";

/// ANSI colours of the grid's cells on a terminal: green, and dim.
const ALLOWED_COLOUR: &str = "\x1b[32m";
const PROHIBITED_COLOUR: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Whether to colour the grid: only on a terminal, and only when `NO_COLOR`
/// (<https://no-color.org>) is unset or empty.
pub fn colour_wanted(stdout_is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    stdout_is_terminal && no_color.is_none_or(OsStr::is_empty)
}

/// An instant as RFC 3339 UTC with `Z`: seconds always, a fraction only when
/// it is not zero (3, 6 or 9 digits).
pub fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// `minuteOffset` as `UTC+hh:mm` / `UTC-hh:mm` (the library's
/// [`MinuteOffset`]); an offset outside the API's range, which no zone has,
/// in minutes.
pub fn offset_label(minute_offset: i32) -> String {
    MinuteOffset::from_minutes(minute_offset).map_or_else(
        |_| format!("{minute_offset} minutes from UTC"),
        |offset| offset.to_string(),
    )
}

/// The window sections of a job: a copy job's backup copy window; a backup
/// job's backup window, then its permitted hours.
pub fn windows(
    out: &mut impl Write,
    schedule: &JobSchedule,
    zone: Option<&str>,
    colour: bool,
) -> io::Result<()> {
    match schedule {
        JobSchedule::Backup(backup) => {
            window(out, "Backup window", backup.backup_window(), zone, colour)?;
            writeln!(out)?;
            permitted_hours(out, backup, zone, colour)
        }
        copy => window(out, "Backup copy window", copy.window(), zone, colour),
    }
}

/// A backup job's permitted hours: as a window, or why there are none.
fn permitted_hours(
    out: &mut impl Write,
    backup: &BackupSchedule,
    zone: Option<&str>,
    colour: bool,
) -> io::Result<()> {
    if backup.permitted_hours().is_some() {
        let offset = match backup.trigger() {
            Trigger::Periodic { offset_minutes, .. } => offset_minutes,
            _ => 0,
        };
        if offset != 0 {
            writeln!(
                out,
                "Permitted hours start at minute {offset} of each hour, with the runs (periodicallyOffsetMinutes {offset})"
            )?;
        }
    }
    window(out, "Permitted hours", backup.permitted_hours(), zone, colour)
}

/// The window section: one summary line and, for an enabled window, the
/// 7x24 grid (76 columns) with a legend and the window as text. The local
/// time is the window's `minuteOffset`, or the wall clock of `zone`.
fn window(
    out: &mut impl Write,
    title: &str,
    window: Option<&Window>,
    zone: Option<&str>,
    colour: bool,
) -> io::Result<()> {
    let Some(window) = window else {
        return writeln!(
            out,
            "{title}: not enabled, so every hour is allowed (always open)"
        );
    };
    match zone {
        None => writeln!(
            out,
            "{title} in local time {} (minuteOffset {})",
            offset_label(window.minute_offset()),
            window.minute_offset()
        )?,
        Some(zone) => writeln!(
            out,
            "{title} in local time {zone} (minuteOffset {} not used)",
            window.minute_offset()
        )?,
    }
    if window.is_never_open() {
        writeln!(out, "No hour allowed: the job never runs")?;
    } else if window.is_always_open() {
        writeln!(out, "Every hour allowed: always open")?;
    } else {
        writeln!(out, "{} of 168 hours allowed", window.allowed_hours())?;
    }
    writeln!(
        out,
        "{ALLOWED} allowed, {PROHIBITED} prohibited; column hh = local hh:00 to hh+1:00"
    )?;
    grid(out, window, colour)?;
    writeln!(out, "As text: {window}")
}

/// The 7x24 grid: a header of local hours, then one row per local day.
fn grid(out: &mut impl Write, window: &Window, colour: bool) -> io::Result<()> {
    write!(out, "   ")?;
    for hour in 0..24 {
        write!(out, " {hour:02}")?;
    }
    writeln!(out)?;
    for day in Weekdays::EVERYDAY {
        write!(out, "{day}")?;
        for hour in 0..24 {
            let (cell, paint) = if window.allows(day, hour) {
                (ALLOWED, ALLOWED_COLOUR)
            } else {
                (PROHIBITED, PROHIBITED_COLOUR)
            };
            if colour {
                write!(out, " {paint}{cell}{RESET}")?;
            } else {
                write!(out, " {cell}")?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// `window --set`: the `backupCopyWindowSettings` object for `window`, pretty
/// JSON with the 168 booleans a day (24) to a line, Sunday first.
pub fn window_settings(out: &mut impl Write, window: &Window) -> io::Result<()> {
    let hours = window.hours();
    writeln!(out, "{{")?;
    writeln!(out, "  \"backupWindow\": [")?;
    for (day, day_hours) in hours.chunks(24).enumerate() {
        let row: Vec<&str> = day_hours
            .iter()
            .map(|&allowed| if allowed { "true" } else { "false" })
            .collect();
        let comma = if day < 6 { "," } else { "" };
        writeln!(out, "    {}{comma}", row.join(", "))?;
    }
    writeln!(out, "  ],")?;
    writeln!(out, "  \"minuteOffset\": {}", window.minute_offset())?;
    writeln!(out, "}}")
}

/// `Fri 22:00` (`Fri 22:00:30` when the seconds are not zero) of a local
/// date and time.
fn clock(t: &DateTime<impl TimeZone<Offset: std::fmt::Display>>) -> String {
    if t.second() == 0 {
        t.format("%a %H:%M").to_string()
    } else {
        t.format("%a %H:%M:%S").to_string()
    }
}

/// `Fri 22:00 UTC`.
pub fn utc_clock(t: DateTime<Utc>) -> String {
    format!("{} UTC", clock(&t))
}

/// `Sat 01:00 UTC+03:00`: `t` at a fixed offset of `minute_offset` minutes.
pub fn offset_clock(t: DateTime<Utc>, minute_offset: i32) -> String {
    match FixedOffset::east_opt(minute_offset * 60) {
        Some(offset) => format!(
            "{} {}",
            clock(&t.with_timezone(&offset)),
            offset_label(minute_offset)
        ),
        None => utc_clock(t),
    }
}

/// `Fri 22:00 CET`: `t` on the zone's wall clock, with the zone's
/// abbreviation, or its offset (`UTC+03:00`) where the abbreviation is only
/// a number (`+03`).
pub fn zone_clock(t: DateTime<Utc>, zone: &Zone) -> String {
    let offset = zone.offset_at(t);
    let label = zone
        .abbreviation_at(t)
        .unwrap_or_else(|| offset_label(offset.local_minus_utc() / 60));
    format!("{} {label}", clock(&t.with_timezone(&offset)))
}

/// Where a zone's data comes from: `zone data: Europe/Berlin, tz database
/// 2026f (bundled)`, with the file for the system's database.
pub fn zone_data(zone: &Zone) -> String {
    let version = match zone.version() {
        Some(version) => format!("tz database {version}"),
        None => "tz database of unknown version".to_owned(),
    };
    match zone.data_file() {
        Some(file) => format!(
            "zone data: {}, {version} ({}: {})",
            zone.name(),
            zone.source(),
            file.display()
        ),
        None => format!("zone data: {}, {version} ({})", zone.name(), zone.source()),
    }
}

/// What makes the schedule run, in one line.
pub fn trigger(trigger: Trigger) -> String {
    match trigger {
        Trigger::Immediate => "Immediate: a copy follows each new restore point of the backup job".into(),
        Trigger::Daily { days, at, .. } => format!(
            "DailyAtTime: at {} UTC on {}, UTC days",
            at.format("%H:%M:%S"),
            day_set(days)
        ),
        Trigger::Periodic { every, .. } => {
            let name = PeriodicallyEvery::for_interval(every)
                .map(|every| format!("{every}, "))
                .unwrap_or_default();
            format!(
                "Periodically: every {} minutes ({name}counted from 00:00 UTC)",
                every.minutes()
            )
        }
        other => format!("{other:?}"),
    }
}

/// `Workdays (Mon-Fri)`, `Monday`, or the list of days.
fn day_set(days: Weekdays) -> String {
    match DailyType::for_days(days) {
        Some(DailyType::Workdays) => "Workdays (Mon-Fri)".into(),
        Some(DailyType::Weekends) => "Weekends (Sat, Sun)".into(),
        Some(kind) => kind.to_string(),
        None => days
            .iter()
            .map(|day| day.to_string())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The identifying lines of a copy job document; nothing for a bare policy.
pub fn job(out: &mut impl Write, job: &CopyJob) -> io::Result<()> {
    let name = job.name.as_deref().unwrap_or("(unnamed)");
    writeln!(out, "Copy job {name:?}")?;
    let fields = [
        ("id:", job.id.as_deref()),
        ("backup job:", job.backup_job_id.as_deref()),
        ("repository:", job.repository_id.as_deref()),
    ];
    for (label, value) in fields {
        if let Some(value) = value {
            writeln!(out, "  {label:<13}{value}")?;
        }
    }
    if let Some(enabled) = job.is_enabled {
        writeln!(out, "  {:<13}{}", "enabled:", if enabled { "yes" } else { "no" })?;
    }
    if let Some(status) = job.last_status {
        writeln!(out, "  {:<13}{status}", "last status:")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use backup_schedule::Schedule;
    use backup_schedule::TzSource;
    use chrono::TimeZone;

    #[test]
    fn offsets_are_signed_hours_and_minutes() {
        // -210 minutes = 3 h 30 min west of UTC.
        assert_eq!(offset_label(-210), "UTC-03:30");
        assert_eq!(offset_label(330), "UTC+05:30");
        assert_eq!(offset_label(0), "UTC+00:00");
        // The API's extremes: 1439 = 23 h 59 min.
        assert_eq!(offset_label(1439), "UTC+23:59");
        assert_eq!(offset_label(-1439), "UTC-23:59");
        assert_eq!(offset_label(-45), "UTC-00:45");
    }

    #[test]
    fn instants_show_seconds_and_only_nonzero_fractions() {
        let t = Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, 0).unwrap();
        assert_eq!(instant(t), "2026-11-30T17:00:00Z");
        let half = t + chrono::Duration::milliseconds(500);
        assert_eq!(instant(half), "2026-11-30T17:00:00.500Z");
        let nano = t + chrono::Duration::nanoseconds(1);
        assert_eq!(instant(nano), "2026-11-30T17:00:00.000000001Z");
    }

    #[test]
    fn descriptions_fit_after_a_label() {
        use backup_schedule::Interval;
        use chrono::NaiveTime;

        let at = NaiveTime::from_hms_opt(22, 0, 0).unwrap();
        let cases = [
            (Schedule::immediate(), "Immediate: "),
            (
                Schedule::daily(Weekdays::WORKDAYS, at).unwrap(),
                "DailyAtTime: at 22:00:00 UTC on Workdays (Mon-Fri), UTC days",
            ),
            (
                Schedule::daily(Weekdays::TUESDAY | Weekdays::THURSDAY, at).unwrap(),
                "DailyAtTime: at 22:00:00 UTC on Tue, Thu, UTC days",
            ),
            (
                Schedule::periodic(Interval::from_minutes(240).unwrap()),
                "Periodically: every 240 minutes (Hours4, counted from 00:00 UTC)",
            ),
            (
                Schedule::periodic(Interval::from_minutes(3).unwrap()),
                "Periodically: every 3 minutes (counted from 00:00 UTC)",
            ),
        ];
        for (schedule, start) in cases {
            let text = trigger(schedule.trigger());
            assert!(text.starts_with(start), "{text}");
            // "Schedule: " goes in front of it in an 80-column line.
            assert!(text.len() <= 70, "{text}");
        }
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        use std::ffi::OsStr;

        assert!(colour_wanted(true, None));
        // NO_COLOR set to anything but the empty string turns colour off.
        assert!(colour_wanted(true, Some(OsStr::new(""))));
        assert!(!colour_wanted(true, Some(OsStr::new("1"))));
        assert!(!colour_wanted(true, Some(OsStr::new("0"))));
        // A pipe or a file never gets colour.
        assert!(!colour_wanted(false, None));
        assert!(!colour_wanted(false, Some(OsStr::new(""))));
    }

    #[test]
    fn coloured_grid_paints_each_cell() {
        let mut hours = [false; 168];
        hours[24 + 20] = true; // Monday 20:00 local
        let schedule = Schedule::immediate().with_window(Window::new(&hours, 0).unwrap());
        let mut text = Vec::new();
        windows(&mut text, &schedule.into(), None, true).unwrap();
        let text = String::from_utf8(text).unwrap();
        let monday = text.lines().find(|line| line.starts_with("Mon")).unwrap();
        // One green cell and 23 dim ones, each reset after.
        assert_eq!(monday.matches("\x1b[32m##\x1b[0m").count(), 1, "{monday:?}");
        assert_eq!(monday.matches("\x1b[2m..\x1b[0m").count(), 23, "{monday:?}");
        // The words around the grid stay plain.
        assert_eq!(text.lines().last(), Some("As text: Mon 20:00-21:00"));
    }

    #[test]
    fn zoned_window_label_names_the_zone() {
        let schedule =
            Schedule::immediate().with_window(Window::always_open().with_minute_offset(60).unwrap());
        let mut text = Vec::new();
        windows(&mut text, &schedule.into(), Some("Europe/Berlin"), false).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert_eq!(
            text.lines().next(),
            Some("Backup copy window in local time Europe/Berlin (minuteOffset 60 not used)")
        );
    }

    #[test]
    fn settings_json_is_the_api_object() {
        let window = Window::parse_with_offset("Sun 00:00-01:00, Sat 23:00-24:00", -210).unwrap();
        let mut text = Vec::new();
        window_settings(&mut text, &window).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&text).unwrap();
        let hours = value["backupWindow"].as_array().unwrap();
        assert_eq!(hours.len(), 168);
        // Sunday 00:00 is index 0 and Saturday 23:00 index 6 * 24 + 23 = 167.
        let allowed: Vec<usize> = (0..168).filter(|&i| hours[i] == true).collect();
        assert_eq!(allowed, [0, 167]);
        assert_eq!(value["minuteOffset"], -210);
        // A day to a line: `{`, `"backupWindow": [`, 7 days, `],`,
        // `"minuteOffset": -210`, `}`.
        let text = String::from_utf8(text).unwrap();
        assert_eq!(text.lines().count(), 12, "{text}");
    }

    #[test]
    fn clocks() {
        let t = Utc.with_ymd_and_hms(2026, 11, 27, 22, 0, 0).unwrap(); // a Friday
        assert_eq!(utc_clock(t), "Fri 22:00 UTC");
        // 22:00 UTC + 3 h = Saturday 01:00.
        assert_eq!(offset_clock(t, 180), "Sat 01:00 UTC+03:00");
        // 22:00 UTC - 3 h 30 min = Friday 18:30.
        assert_eq!(offset_clock(t, -210), "Fri 18:30 UTC-03:30");
        // Berlin is CET (+01:00) in November, Istanbul "+03" (shown as an offset).
        let zone = |name| Zone::from_source(name, TzSource::Bundled).unwrap();
        assert_eq!(zone_clock(t, &zone("Europe/Berlin")), "Fri 23:00 CET");
        assert_eq!(zone_clock(t, &zone("Europe/Istanbul")), "Sat 01:00 UTC+03:00");
        // Seconds only when not zero.
        let t = t + chrono::Duration::seconds(30);
        assert_eq!(utc_clock(t), "Fri 22:00:30 UTC");
    }

    #[test]
    fn grid_fits_in_80_columns() {
        let mut hours = [false; 168];
        hours[24 + 20] = true; // Monday 20:00 local
        let schedule = Schedule::immediate().with_window(Window::new(&hours, -210).unwrap());
        let mut text = Vec::new();
        windows(&mut text, &schedule.into(), None, false).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.lines().all(|line| line.chars().count() <= 80), "{text}");
        // Frame, summary, legend, header, 7 days, the text form.
        assert_eq!(text.lines().count(), 12, "{text}");
        assert_eq!(text.lines().last(), Some("As text: Mon 20:00-21:00"));
        assert!(!text.contains('\x1b'), "{text}");
        let monday = text.lines().find(|line| line.starts_with("Mon")).unwrap();
        let cells: Vec<_> = monday.split_whitespace().skip(1).collect();
        assert_eq!(cells.len(), 24);
        assert_eq!(cells[20], ALLOWED);
        assert_eq!(cells.iter().filter(|&&cell| cell == ALLOWED).count(), 1);
    }
}
