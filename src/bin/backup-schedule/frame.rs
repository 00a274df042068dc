//! Where the policy's times are read: the API's fixed `minuteOffset`, or an
//! IANA zone (`--zone`). The library's [`Zoned`] answers either way; this
//! module only says, in words, which clock a time of day is on.

use backup_schedule::{JobSchedule, MinuteOffset, RunDetail, Timetable, Trigger, Zoned};
use chrono::{DateTime, Utc};

use crate::render;

/// A schedule of either job family as the API defines it, or evaluated in
/// a zone.
pub type Evaluated<'a> = Zoned<'a, JobSchedule>;

/// The runs after `after` with their triggers and deadlines. For an
/// Immediate schedule, the one run of a restore point appearing at `after`.
pub fn details<'a>(evaluated: &Evaluated<'a>, after: DateTime<Utc>) -> impl Iterator<Item = RunDetail> + 'a {
    let event = match evaluated.schedule().trigger() {
        Trigger::Immediate => evaluated.explain_event(after),
        _ => None,
    };
    let timed = event.is_none().then(|| evaluated.explain_upcoming(after));
    event.into_iter().chain(timed.into_iter().flatten())
}

/// The schedule in one sentence; with a zone, noting the `minuteOffset` the
/// zone replaces.
pub fn describe(evaluated: &Evaluated<'_>) -> String {
    match (evaluated.zone(), evaluated.schedule().window()) {
        (Some(_), Some(window)) => format!(
            "{}; minuteOffset {} not used",
            evaluated.describe(),
            window.minute_offset()
        ),
        _ => evaluated.describe(),
    }
}

/// `t` on the clock the schedule's times of day are read on: the zone's
/// wall clock, or for the window the `minuteOffset`'s.
fn local_clock(evaluated: &Evaluated<'_>, t: DateTime<Utc>) -> String {
    match (evaluated.zone(), evaluated.schedule().window()) {
        (Some(zone), _) => render::zone_clock(t, zone),
        (None, Some(window)) => render::offset_clock(t, window.minute_offset()),
        (None, None) => render::utc_clock(t),
    }
}

/// `t` on the clock the triggers are read on: UTC, or the offset they
/// were read at (`--triggers window`).
fn trigger_clock(schedule: &JobSchedule, t: DateTime<Utc>) -> String {
    match schedule.trigger_offset() {
        MinuteOffset::UTC => render::utc_clock(t),
        offset => render::offset_clock(t, offset.minutes()),
    }
}

/// One line of `explain`: the run, its trigger, its wait, its deadline.
pub fn explain_line(evaluated: &Evaluated<'_>, detail: &RunDetail) -> String {
    let schedule = evaluated.schedule();
    let what = match evaluated.zone() {
        Some(zone) => render::zone_clock(detail.trigger, zone),
        None => trigger_clock(schedule, detail.trigger),
    };
    let kind = match schedule.trigger() {
        Trigger::Immediate => "restore point at",
        _ => "trigger",
    };
    let mut line = format!("{}  {kind} {what}, ", render::instant(detail.run));
    let gate = gate_words(schedule);
    if !detail.waited() {
        line.push_str(&format!("{gate} open"));
    } else if evaluated.zone().is_some() {
        line.push_str(&format!("{gate} closed, opened "));
        line.push_str(&local_clock(evaluated, detail.run));
    } else {
        line.push_str(&format!(
            "{gate} closed ({}), opened {}",
            local_clock(evaluated, detail.trigger),
            local_clock(evaluated, detail.run)
        ));
    }
    match detail.deadline {
        Some(deadline) => line.push_str(&format!("; deadline {}", render::instant(deadline))),
        None if schedule.window().is_none() => line.push_str(match schedule {
            JobSchedule::Copy(_) => "; no deadline (the window is not enabled)",
            _ => "; no deadline (the backup window is not enabled)",
        }),
        None => line.push_str("; no deadline (the window never closes)"),
    }
    line
}

/// What holds a run's start: a copy job's window; a backup job's backup
/// window, permitted hours, or both.
fn gate_words(schedule: &JobSchedule) -> &'static str {
    match schedule {
        JobSchedule::Backup(backup) => match (backup.backup_window(), backup.permitted_hours()) {
            (Some(_), Some(_)) => "window and permitted hours",
            (None, Some(_)) => "permitted hours",
            _ => "window",
        },
        _ => "window",
    }
}
