//! `check --zone`: where the policy's fixed `minuteOffset` and the zone's
//! real UTC offset part, and what that does to the window.

use backup_schedule::vb365::JobPolicy;
use backup_schedule::{JobSchedule, OffsetDrift, Weekdays, Window, Zone, HOURS_PER_WEEK};
use chrono::{DateTime, Utc};

use crate::render::offset_label;

const MINUTES_PER_DAY: i32 = 24 * 60;
const MINUTES_PER_WEEK: i32 = 7 * MINUTES_PER_DAY;

/// The policy's `minuteOffset` as the API applies it: the window's (a
/// backup job's backup window), or the settings' when the window is not
/// enabled (absent means 0).
pub fn policy_minute_offset(policy: &JobPolicy, schedule: &JobSchedule) -> i32 {
    let settings = match policy {
        JobPolicy::Copy(policy) => policy.backup_copy_window_settings.as_ref(),
        JobPolicy::Backup(policy) => policy.backup_window_settings.as_ref(),
        _ => None,
    };
    schedule
        .window()
        .map(Window::minute_offset)
        .or_else(|| settings?.minute_offset)
        .unwrap_or(0)
}

/// The report's lines, each with whether its drift moves the window: one
/// line per drift, or one saying there is none.
pub fn report_lines(
    zone: &Zone,
    window: Option<&Window>,
    minute_offset: i32,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    drifts: &[OffsetDrift],
) -> Vec<(String, bool)> {
    let date = |t: DateTime<Utc>| t.with_timezone(&zone.offset_at(t)).format("%Y-%m-%d").to_string();
    if drifts.is_empty() {
        return vec![(
            format!(
                "no offset drift: from {} to {} {} is {}, as minuteOffset {minute_offset} says",
                date(from),
                date(until),
                zone.name(),
                offset_label(minute_offset)
            ),
            false,
        )];
    }
    drifts
        .iter()
        .map(|drift| {
            let (effect, moves) = effect(window, drift.shift_minutes());
            let line = format!(
                "from {} to {} {} is {} but minuteOffset {minute_offset} says {}: {effect}",
                date(drift.from),
                date(drift.until),
                zone.name(),
                offset_label(drift.zone_minute_offset),
                offset_label(minute_offset),
            );
            (line, moves)
        })
        .collect()
}

/// What shifting the window by `shift` minutes on the wall clock does, shown
/// on its first opening of the week (Monday first); and whether it moves
/// the window at all.
fn effect(window: Option<&Window>, shift: i32) -> (String, bool) {
    let Some(window) = window else {
        return (
            "the window is not enabled, so the offset has no effect".into(),
            false,
        );
    };
    if window.is_always_open() {
        return (
            "the window allows every hour, so the offset has no effect".into(),
            false,
        );
    }
    let Some(opening) = first_opening(&window.hours()) else {
        return (
            "the window allows no hour, so the offset has no effect".into(),
            false,
        );
    };
    let planned = i32::try_from(opening).unwrap_or(0) * 60;
    let actual = (planned + shift).rem_euclid(MINUTES_PER_WEEK);
    let direction = if shift > 0 { "later" } else { "earlier" };
    let text = format!(
        "the window opens at {} local instead of {} (each of its hours {} {direction})",
        week_clock(actual),
        week_clock(planned),
        duration(shift.unsigned_abs())
    );
    (text, true)
}

/// The hour of the week (0 = Sunday 00:00) at which the window first opens,
/// looking from Monday 00:00: an allowed hour after a prohibited one. `None`
/// when the window allows every hour or none.
fn first_opening(hours: &[bool; HOURS_PER_WEEK]) -> Option<usize> {
    (0..HOURS_PER_WEEK)
        .map(|step| (24 + step) % HOURS_PER_WEEK)
        .find(|&hour| hours[hour] && !hours[(hour + HOURS_PER_WEEK - 1) % HOURS_PER_WEEK])
}

/// `Mon 21:00` for a minute of the week (0 = Sunday 00:00).
fn week_clock(minute: i32) -> String {
    let day = (minute / MINUTES_PER_DAY) as usize % 7;
    let in_day = minute % MINUTES_PER_DAY;
    let name = Weekdays::EVERYDAY
        .iter()
        .nth(day)
        .map(|day| day.to_string())
        .unwrap_or_default();
    format!("{name} {:02}:{:02}", in_day / 60, in_day % 60)
}

/// `1 hour`, `30 minutes`, `2 hours 30 minutes`.
fn duration(minutes: u32) -> String {
    let plural = |count: u32, unit: &str| format!("{count} {unit}{}", if count == 1 { "" } else { "s" });
    match (minutes / 60, minutes % 60) {
        (0, m) => plural(m, "minute"),
        (h, 0) => plural(h, "hour"),
        (h, m) => format!("{} {}", plural(h, "hour"), plural(m, "minute")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_words() {
        assert_eq!(duration(60), "1 hour");
        assert_eq!(duration(120), "2 hours");
        assert_eq!(duration(30), "30 minutes");
        assert_eq!(duration(1), "1 minute");
        assert_eq!(duration(90), "1 hour 30 minutes");
    }

    #[test]
    fn week_clock_counts_from_sunday_midnight() {
        assert_eq!(week_clock(0), "Sun 00:00");
        // Monday 21:00 = 1 day and 21 hours.
        assert_eq!(week_clock(MINUTES_PER_DAY + 21 * 60), "Mon 21:00");
        // The last minute of the week: Saturday 23:59.
        assert_eq!(week_clock(MINUTES_PER_WEEK - 1), "Sat 23:59");
    }

    #[test]
    fn first_opening_looks_from_monday() {
        let window: Window = "Mon-Fri 20:00-23:00".parse().unwrap();
        // Monday 20:00 = hour 24 + 20.
        assert_eq!(first_opening(&window.hours()), Some(44));
        // Every night 22:00-06:00: Monday 00:00 continues Sunday night's
        // stretch, so the first opening seen from Monday is Monday 22:00
        // (hour 24 + 22), the first allowed hour after a prohibited one.
        let nights: Window = "daily 22:00-06:00".parse().unwrap();
        assert_eq!(first_opening(&nights.hours()), Some(46));
        // Only Sunday: found after wrapping past Saturday, at hour 0.
        let sunday: Window = "Sun 00:00-24:00".parse().unwrap();
        assert_eq!(first_opening(&sunday.hours()), Some(0));
        assert_eq!(first_opening(&Window::always_open().hours()), None);
        assert_eq!(first_opening(&Window::never_open().hours()), None);
    }

    #[test]
    fn effects_name_the_shifted_opening() {
        let window: Window = "Mon-Fri 20:00-23:00".parse().unwrap();
        // Zone 120, policy 60: every hour an hour later on the wall clock.
        let (text, moves) = effect(Some(&window), 60);
        assert!(moves);
        assert_eq!(
            text,
            "the window opens at Mon 21:00 local instead of Mon 20:00 (each of its hours 1 hour later)"
        );
        // 30 minutes earlier.
        let (text, _) = effect(Some(&window), -30);
        assert_eq!(
            text,
            "the window opens at Mon 19:30 local instead of Mon 20:00 (each of its hours 30 minutes earlier)"
        );
        // Across the week's end: Sunday 00:00 five hours earlier is Saturday 19:00.
        let sunday: Window = "Sun 00:00-24:00".parse().unwrap();
        let (text, _) = effect(Some(&sunday), -300);
        assert!(
            text.starts_with("the window opens at Sat 19:00 local instead of Sun 00:00"),
            "{text}"
        );
        for window in [None, Some(Window::always_open()), Some(Window::never_open())] {
            let (text, moves) = effect(window.as_ref(), 60);
            assert!(!moves, "{text}");
            assert!(text.ends_with("so the offset has no effect"), "{text}");
        }
    }
}
