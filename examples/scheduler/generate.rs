//! Jobs made in code, for `--generate N`: a fleet of both families with the
//! mix of a real tenant (most jobs nightly, some periodic, some held to
//! windows, backup jobs with retries). Deterministic: job `i` is always the
//! same, so a test can make the same jobs and ask the library about them.

use backup_schedule::{BackupSchedule, Interval, Retry, Schedule, Weekdays, Window};
use chrono::NaiveTime;

use super::common::JobKind;

/// The `i`th generated job's id.
pub fn generated_id(i: usize) -> String {
    format!("gen-{i:06}")
}

/// Jobs `0..n`, with their ids.
pub fn generated_jobs(n: usize) -> Vec<(String, JobKind)> {
    let parse = |text: &str| text.parse::<Window>().expect("a window text the example wrote");
    let nights = parse("daily 20:00-06:00");
    let evenings = parse("daily 20:00-23:00");
    let off_hours = parse("Mon-Fri 18:00-08:00, Sat-Sun 00:00-24:00");
    let permitted = parse("daily 19:00-08:00");
    (0..n)
        .map(|i| {
            // A start time on a 5-minute grid, spread over the day.
            let minute = (i * 7919 % 288 * 5) as u32;
            let at = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).expect("a time of day");
            let hours = |minutes| Interval::from_minutes(minutes).expect("an interval the API knows");
            let kind = match i % 10 {
                0 | 1 => JobKind::Copy(Schedule::daily(Weekdays::EVERYDAY, at).expect("whole seconds")),
                2 | 3 => JobKind::Copy(
                    Schedule::daily(Weekdays::EVERYDAY, at)
                        .expect("whole seconds")
                        .with_window(nights),
                ),
                4 | 5 => JobKind::Copy(Schedule::daily(Weekdays::WORKDAYS, at).expect("whole seconds")),
                6 => JobKind::Copy(Schedule::periodic(hours(480)).with_window(off_hours)),
                7 => JobKind::Copy(Schedule::immediate()),
                8 => JobKind::Backup(
                    BackupSchedule::daily(Weekdays::EVERYDAY, at)
                        .expect("whole seconds")
                        .with_backup_window(evenings)
                        .with_retry(Retry::new(2, 15).expect("a retry the API allows")),
                ),
                _ => JobKind::Backup(
                    BackupSchedule::periodic(hours(240))
                        .with_offset_minutes((i % 60) as u32)
                        .and_then(|schedule| schedule.with_permitted_hours(permitted))
                        .expect("an hourly grid")
                        .with_retry(Retry::default()),
                ),
            };
            (generated_id(i), kind)
        })
        .collect()
}
