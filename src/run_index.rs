//! The weekly runs of a daily schedule under a window, written down once so
//! that `prev_run` is two independent lookups instead of a chain.
//!
//! A run is a trigger at an open instant, or an opening that ends a closed
//! stretch holding at least one trigger (the triggers that waited there
//! coalesce into it). Going forward, the first trigger and the gate's state
//! are looked up side by side. Going back, the rule must first find the
//! closed stretch, then the trigger before it, then place that trigger in the
//! gate again: each step waits for the one before, which kept `prev_run` at
//! up to 1.9x `next_run`. A daily schedule has at most seven triggers a week,
//! so at most seven runs: the days whose trigger finds the gate open, and the
//! openings that hold triggers back. The latest run before an instant is the
//! later of the last such trigger and the last such opening.

use crate::fixed::Fixed;
use crate::gate::WeekGate;
use crate::time::{DAY_U32, HOUR_U32, WEEK_U32};
use crate::trigger::{Plan, ShiftedPlan};
use crate::weekdays::Weekdays;
use crate::window::Window;

/// The hours of a week, as the openings' type counts them.
const HOURS: u32 = Window::HOURS;

/// Padding after the openings in use: above every hour, so never counted
/// as at or before one.
const NO_OPENING: u8 = u8::MAX;

/// The runs of a daily schedule held to a window, as they repeat every
/// week; empty for any other schedule (nothing reads it then).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) struct RunIndex {
    /// The plan's days (its own frame, as `Plan::Daily` counts them) whose
    /// trigger finds the window open: each runs at its trigger.
    open_days: Weekdays,
    /// The window's local hours (`0..168`) whose start is an opening that
    /// holds back at least one trigger, increasing, then [`NO_OPENING`].
    openings: [u8; 7],
    /// How many of `openings` are in use.
    held: u8,
}

impl RunIndex {
    /// The index of a schedule that is not daily or has no window.
    pub(crate) const EMPTY: RunIndex = RunIndex {
        open_days: Weekdays::NONE,
        openings: [NO_OPENING; 7],
        held: 0,
    };

    /// The index of `plan` held to `window`.
    pub(crate) fn new(plan: ShiftedPlan, window: &Window) -> RunIndex {
        let Plan::Daily { days, at_secs } = plan.plan else {
            return RunIndex::EMPTY;
        };
        let mut index = RunIndex::EMPTY;
        for day in days {
            let local = day.num_days_from_sunday() * DAY_U32 + at_secs;
            // The trigger's UTC position in the week: the plan's local time
            // less its offset (a forward distance, so subtract it mod WEEK).
            let utc = (local + WEEK_U32 - plan.shift_in_week()) % WEEK_U32;
            let spot = window.spot(utc);
            if spot.open {
                index.open_days = index.open_days.with(day);
            } else if let Some(ahead) = window.open_ahead(spot) {
                // `ahead + into` is whole hours: the opening is an hour's start.
                let opening = (spot.index + (ahead + spot.into) / HOUR_U32) % HOURS;
                index.hold(opening as u8);
            }
        }
        index
    }

    /// Adds `opening` to the openings that hold a trigger back, keeping them
    /// increasing and each once (triggers that wait for the same opening
    /// give one run).
    fn hold(&mut self, opening: u8) {
        let held = usize::from(self.held);
        let at = self.openings[..held].partition_point(|&hour| hour < opening);
        if self.openings.get(at) == Some(&opening) {
            return;
        }
        self.openings.copy_within(at..held, at + 1);
        self.openings[at] = opening;
        self.held += 1;
    }

    /// Seconds back from second `in_day` (up to [`DAY_U32`]) of UTC
    /// day-of-week `day_of_week` to the latest run strictly before it of
    /// `schedule` (daily, held to its window, whose index this is): at
    /// least 1, at most a week; `None` when it never runs.
    #[inline]
    pub(crate) fn run_behind(
        self,
        schedule: Fixed<'_, Window>,
        day_of_week: u32,
        in_day: u32,
    ) -> Option<u32> {
        let trigger = schedule.plan.on_days(self.open_days).behind(day_of_week, in_day);
        let opening = self.opening_behind(schedule.gate, day_of_week * DAY_U32 + in_day);
        match (trigger, opening) {
            (Some(trigger), Some(opening)) => Some(trigger.min(opening)),
            (trigger, opening) => trigger.or(opening),
        }
    }

    /// Seconds back from UTC week position `before` (up to a week and a
    /// day) to the last opening strictly before it that holds a trigger
    /// back; `None` when there is none.
    #[inline]
    fn opening_behind(self, window: &Window, before: u32) -> Option<u32> {
        // The second before `before`, a week on so that it never goes below 0.
        let here = window.spot(before + WEEK_U32 - 1);
        // The openings at or before `here`'s hour start at or before it.
        let passed: u32 = self
            .openings
            .iter()
            .map(|&hour| u32::from(u32::from(hour) <= here.index))
            .sum();
        let hours_back = match passed.checked_sub(1) {
            Some(last) => here.index - u32::from(self.openings[last as usize]),
            // None this week so far: the last one of the week before.
            None => {
                here.index + HOURS - u32::from(*self.openings.get(usize::from(self.held).checked_sub(1)?)?)
            }
        };
        Some(hours_back * HOUR_U32 + here.into + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::window::HOURS_PER_WEEK;
    use chrono::NaiveTime;

    fn daily(days: Weekdays, hour: u32) -> ShiftedPlan {
        let at = NaiveTime::from_hms_opt(hour, 0, 0).unwrap();
        ShiftedPlan::new(Plan::daily_whole_seconds(days, at).unwrap(), 0)
    }

    fn window(open: impl Fn(usize) -> bool, minute_offset: i32) -> Window {
        let hours: [bool; HOURS_PER_WEEK] = core::array::from_fn(open);
        Window::new(&hours, minute_offset).unwrap()
    }

    #[test]
    fn openings_are_kept_increasing_and_once() {
        let mut index = RunIndex::EMPTY;
        for opening in [50, 10, 50, 167, 0, 10] {
            index.hold(opening);
        }
        assert_eq!(index.held, 4);
        assert_eq!(
            index.openings,
            [0, 10, 50, 167, NO_OPENING, NO_OPENING, NO_OPENING]
        );
    }

    #[test]
    fn triggers_in_closed_hours_are_held_to_the_next_opening() {
        // Open Monday and Wednesday 08:00-10:00 (hours 32, 33 and 80, 81);
        // daily at 09:00 every day: Monday's and Wednesday's find it open,
        // Tuesday's waits for Wednesday 08:00 (hour 80), and Thursday's to
        // Saturday's and Sunday's wait for Monday 08:00 (hour 32).
        let open = window(|h| matches!(h, 32 | 33 | 80 | 81), 0);
        let index = RunIndex::new(daily(Weekdays::EVERYDAY, 9), &open);
        assert_eq!(index.open_days, Weekdays::from_bits(0b000_1010));
        assert_eq!(index.held, 2);
        assert_eq!(index.openings[..2], [32, 80]);
    }

    #[test]
    fn the_window_offset_moves_the_triggers_into_local_hours() {
        // Open Monday 10:00-11:00 local (hour 34) at UTC+01:00; a Monday
        // 09:00 UTC trigger is 10:00 local: open. At UTC+02:00 it is 11:00
        // local, closed, and waits a week for the next Monday 10:00.
        let one_hour = |offset| window(|h| h == 34, offset);
        let monday = Weekdays::from_bits(0b10);
        let open = RunIndex::new(daily(monday, 9), &one_hour(60));
        assert_eq!((open.open_days, open.held), (monday, 0));
        let held = RunIndex::new(daily(monday, 9), &one_hour(120));
        assert_eq!(
            (held.open_days, held.held, held.openings[0]),
            (Weekdays::NONE, 1, 34)
        );
    }

    #[test]
    fn a_window_never_open_holds_nothing() {
        let index = RunIndex::new(daily(Weekdays::EVERYDAY, 9), &Window::never_open());
        assert_eq!(index, RunIndex::EMPTY);
    }
}
