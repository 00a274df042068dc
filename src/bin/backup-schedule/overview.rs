//! The bare command: the API page's example job, then a scheduled job with a
//! window (the README's worked example), in one screen.

use std::io::Write;

use backup_schedule::vb365::CopyJob;
use backup_schedule::{JobSchedule, Schedule, Timetable, Trigger};
use chrono::{DateTime, Utc};

use crate::{render, Failure, DEFAULT_COUNT};

/// The response of the API page's `POST /v6/CopyJobs`.
const SEED: &str = include_str!("../../../data/seed-copy-job-response.json");

/// The README's worked example as a copy job.
const WORKED_EXAMPLE: &str = include_str!("../../../data/worked-example-copy-job.json");

/// Both examples, as of `now`.
pub fn show(out: &mut impl Write, colour: bool, now: DateTime<Utc>) -> Result<(), Failure> {
    let seed = CopyJob::from_json(SEED.as_bytes())?;
    let schedule = Schedule::try_from(&seed)?;
    writeln!(out, "Example 1: the API page's copy job (POST /v6/CopyJobs)")?;
    render::job(out, &seed)?;
    writeln!(out, "Schedule: {}", render::trigger(schedule.trigger()))?;
    match schedule.window() {
        Some(window) if window.is_always_open() => writeln!(
            out,
            "Backup copy window: enabled, every hour allowed (always open)"
        )?,
        _ => render::windows(out, &JobSchedule::from(schedule), None, colour)?,
    }
    if let Trigger::Immediate = schedule.trigger() {
        match schedule.next_open(now) {
            Some(start) => writeln!(
                out,
                "A restore point appearing now starts copying at {}",
                render::instant(start)
            )?,
            None => writeln!(out, "A restore point appearing now is never copied.")?,
        }
    }

    let job = CopyJob::from_json(WORKED_EXAMPLE.as_bytes())?;
    let schedule = Schedule::try_from(&job)?;
    writeln!(out)?;
    writeln!(
        out,
        "Example 2: a job held to a window (the README's worked example)"
    )?;
    writeln!(
        out,
        "Copy job {:?}, runs:",
        job.name.as_deref().unwrap_or("(unnamed)")
    )?;
    writeln!(out, "  {schedule}")?;
    render::windows(out, &JobSchedule::from(schedule), None, colour)?;
    writeln!(out, "Next runs, the trigger each serves, and the deadline (UTC):")?;
    for detail in schedule.explain_upcoming(now).take(DEFAULT_COUNT) {
        let trigger = render::utc_clock(detail.trigger);
        let trigger = if detail.waited() {
            format!("{trigger}, waited")
        } else {
            trigger
        };
        let deadline = detail.deadline.map_or("none".into(), render::instant);
        writeln!(
            out,
            "  {}  {trigger:<22}  {deadline}",
            render::instant(detail.run)
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Your own: backup-schedule next|explain|window|check --policy FILE (or stdin)"
    )?;
    writeln!(
        out,
        "FILE: a schedulePolicy, a copy job, or a list of them (see --help)"
    )?;
    Ok(())
}
