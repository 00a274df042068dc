//! Where the policy's times are read: the API's fixed `minuteOffset`, or an
//! IANA zone (`--zone`). The commands ask a [`Frame`] and need not care which.

use backup_schedule::{RunDetail, Schedule, Trigger, ZonedSchedule};
use chrono::{DateTime, Utc};

use crate::render;

/// A schedule as the API defines it (triggers in UTC, the window at its
/// `minuteOffset`), or evaluated in a zone.
#[derive(Clone, Copy)]
pub enum Frame<'a> {
    /// The API's frame.
    Fixed(&'a Schedule),
    /// Every time of day is the zone's wall clock.
    Zoned(ZonedSchedule<'a>),
}

impl<'a> Frame<'a> {
    pub fn new(schedule: &'a Schedule, zone: Option<&'a backup_schedule::Zone>) -> Frame<'a> {
        match zone {
            Some(zone) => Frame::Zoned(schedule.in_zone(zone)),
            None => Frame::Fixed(schedule),
        }
    }

    pub fn schedule(&self) -> &Schedule {
        match self {
            Frame::Fixed(schedule) => schedule,
            Frame::Zoned(zoned) => zoned.schedule(),
        }
    }

    /// The runs strictly after `after` (none for Immediate).
    pub fn upcoming(self, after: DateTime<Utc>) -> Box<dyn Iterator<Item = DateTime<Utc>> + 'a> {
        match self {
            Frame::Fixed(schedule) => Box::new(schedule.upcoming(after)),
            Frame::Zoned(zoned) => Box::new(zoned.upcoming(after)),
        }
    }

    /// When a copy of a restore point appearing at `t` starts.
    pub fn start_for_restore_point(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self {
            Frame::Fixed(schedule) => schedule.start_for_restore_point(t),
            Frame::Zoned(zoned) => zoned.start_for_restore_point(t),
        }
    }

    fn next_close(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self {
            Frame::Fixed(schedule) => schedule.next_close(t),
            Frame::Zoned(zoned) => zoned.next_close(t),
        }
    }

    /// The runs after `after` with their triggers and deadlines. For an
    /// Immediate schedule: the one run of a restore point appearing at
    /// `after`, whose trigger is `after`.
    pub fn details(self, after: DateTime<Utc>) -> Box<dyn Iterator<Item = RunDetail> + 'a> {
        if let Trigger::Immediate = self.schedule().trigger() {
            let detail = self.start_for_restore_point(after).map(|run| RunDetail {
                run,
                trigger: after,
                deadline: self.next_close(run),
            });
            return Box::new(detail.into_iter());
        }
        match self {
            Frame::Fixed(schedule) => Box::new(schedule.explain_upcoming(after)),
            Frame::Zoned(zoned) => Box::new(zoned.explain_upcoming(after)),
        }
    }

    /// The schedule in one sentence.
    pub fn describe(&self) -> String {
        match self {
            Frame::Fixed(schedule) => schedule.to_string(),
            Frame::Zoned(zoned) => match zoned.schedule().window() {
                Some(window) => format!("{zoned}; minuteOffset {} not used", window.minute_offset()),
                None => zoned.to_string(),
            },
        }
    }

    /// One line of `explain`: the run, its trigger, its wait, its deadline.
    pub fn explain_line(&self, detail: &RunDetail) -> String {
        let schedule = self.schedule();
        let (what, clock) = match self {
            Frame::Fixed(_) => (render::utc_clock(detail.trigger), None),
            Frame::Zoned(zoned) => (
                render::zone_clock(detail.trigger, zoned.zone()),
                Some(zoned.zone()),
            ),
        };
        let kind = match schedule.trigger() {
            Trigger::Immediate => "restore point at",
            _ => "trigger",
        };
        let mut line = format!("{}  {kind} {what}, ", render::instant(detail.run));
        if !detail.waited() {
            line.push_str("window open");
        } else {
            match (clock, schedule.window()) {
                (Some(zone), _) => {
                    line.push_str("window closed, opened ");
                    line.push_str(&render::zone_clock(detail.run, zone));
                }
                (None, Some(window)) => {
                    let offset = window.minute_offset();
                    line.push_str(&format!(
                        "window closed ({}), opened {}",
                        render::offset_clock(detail.trigger, offset),
                        render::offset_clock(detail.run, offset)
                    ));
                }
                // Without a window nothing waits; kept total all the same.
                (None, None) => line.push_str("window open"),
            }
        }
        match detail.deadline {
            Some(deadline) => line.push_str(&format!("; deadline {}", render::instant(deadline))),
            None if schedule.window().is_none() => line.push_str("; no deadline (the window is not enabled)"),
            None => line.push_str("; no deadline (the window never closes)"),
        }
        line
    }
}
