//! Text for people: instants, the window grid, descriptions of a schedule.
//!
//! Everything here writes to an `impl Write` and returns its I/O errors; the
//! caller decides what a failed write means.

use std::io::{self, Write};

use backup_schedule::{CopyJob, DailyType, PeriodicallyEvery, Schedule, Trigger, Weekdays, Window};
use chrono::{DateTime, SecondsFormat, Utc, Weekday};

/// The rows of the grid, in the API's order (day 0 = Sunday).
const DAYS: [(Weekday, &str); 7] = [
    (Weekday::Sun, "Sun"),
    (Weekday::Mon, "Mon"),
    (Weekday::Tue, "Tue"),
    (Weekday::Wed, "Wed"),
    (Weekday::Thu, "Thu"),
    (Weekday::Fri, "Fri"),
    (Weekday::Sat, "Sat"),
];

/// A grid cell for an allowed hour.
pub const ALLOWED: &str = "##";
/// A grid cell for a prohibited hour.
pub const PROHIBITED: &str = "..";

/// An instant as RFC 3339 UTC with `Z`: seconds always, a fraction only when
/// it is not zero (3, 6 or 9 digits).
pub fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// `minuteOffset` as `UTC+hh:mm` / `UTC-hh:mm`.
pub fn offset_label(minute_offset: i32) -> String {
    let sign = if minute_offset < 0 { '-' } else { '+' };
    let magnitude = minute_offset.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", magnitude / 60, magnitude % 60)
}

/// The window section: one summary line and, for an enabled window, the
/// 7x24 grid (76 columns) with a legend.
pub fn window(out: &mut impl Write, schedule: &Schedule) -> io::Result<()> {
    let Some(window) = schedule.window() else {
        return writeln!(
            out,
            "Backup copy window: not enabled, so every hour is allowed (always open)"
        );
    };
    writeln!(
        out,
        "Backup copy window in local time {} (minuteOffset {})",
        offset_label(window.minute_offset()),
        window.minute_offset()
    )?;
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
    grid(out, window)
}

/// The 7x24 grid: a header of local hours, then one row per local day.
fn grid(out: &mut impl Write, window: &Window) -> io::Result<()> {
    write!(out, "   ")?;
    for hour in 0..24 {
        write!(out, " {hour:02}")?;
    }
    writeln!(out)?;
    for (day, name) in DAYS {
        write!(out, "{name}")?;
        for hour in 0..24 {
            let cell = if window.allows(day, hour) {
                ALLOWED
            } else {
                PROHIBITED
            };
            write!(out, " {cell}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// What makes the schedule run, in one line.
pub fn trigger(trigger: Trigger) -> String {
    match trigger {
        Trigger::Immediate => "Immediate: a copy follows each new restore point of the backup job".into(),
        Trigger::Daily { days, at } => format!(
            "DailyAtTime: at {} UTC on {}, UTC days",
            at.format("%H:%M:%S"),
            day_set(days)
        ),
        Trigger::Periodic { every } => {
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
                Schedule::daily(Weekdays::only(Weekday::Tue).with(Weekday::Thu), at).unwrap(),
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
    fn grid_fits_in_80_columns() {
        let mut hours = [false; 168];
        hours[24 + 20] = true; // Monday 20:00 local
        let schedule = Schedule::immediate().with_window(Window::new(&hours, -210).unwrap());
        let mut text = Vec::new();
        window(&mut text, &schedule).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.lines().all(|line| line.chars().count() <= 80), "{text}");
        // Frame, summary, legend, header, 7 days.
        assert_eq!(text.lines().count(), 11, "{text}");
        let monday = text.lines().find(|line| line.starts_with("Mon")).unwrap();
        let cells: Vec<_> = monday.split_whitespace().skip(1).collect();
        assert_eq!(cells.len(), 24);
        assert_eq!(cells[20], ALLOWED);
        assert_eq!(cells.iter().filter(|&&cell| cell == ALLOWED).count(), 1);
    }
}
