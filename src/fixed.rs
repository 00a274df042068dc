//! The run rule in constant time on the position in the week: the fast path
//! of every fixed-offset schedule.
//!
//! Triggers and gates of a fixed-offset schedule repeat every week, so the
//! rule of [`engine::run_after`](crate::engine::run_after) and
//! [`engine::run_before`](crate::engine::run_before) can be answered from the
//! position in the UTC week alone: a `u32` and "how many seconds ahead (or
//! back)". The instant goes in as its day of the week and second of the day
//! and comes out as a distance, so the caller never converts through Unix
//! time on the hot path.

use crate::gate::WeekGate;
use crate::time::{DAY_U32, WEEK_U32};
use crate::trigger::ShiftedPlan;

/// A fixed-offset schedule's triggers and start gate, as the fast path
/// reads them.
#[derive(Clone, Copy)]
pub(crate) struct Fixed<'a, G> {
    pub(crate) plan: ShiftedPlan,
    pub(crate) gate: &'a G,
    /// Whether `gate` is open at every instant: then a run is its trigger.
    pub(crate) always_open: bool,
}

impl<G: WeekGate> Fixed<'_, G> {
    /// Seconds from second `in_day` of UTC day-of-week `day_of_week` to the
    /// earliest run strictly after it: at most two weeks.
    ///
    /// A trigger at or before `t` runs after `t` only when it is in the
    /// closed stretch that contains `t`, and then runs at the next opening;
    /// otherwise the run comes from the first trigger after `t`, which also
    /// runs at that opening when it comes before it.
    #[inline]
    pub(crate) fn run_ahead(self, day_of_week: u32, in_day: u32) -> Option<u32> {
        let trigger = self.plan.ahead(day_of_week, in_day)?;
        if self.always_open {
            return Some(trigger);
        }
        let week = day_of_week * DAY_U32 + in_day;
        let here = self.gate.spot(week);
        if !here.open {
            let opens = self.gate.open_ahead(here)?;
            if trigger <= opens || self.plan.back(day_of_week, in_day)? <= self.gate.closed_back(here)? {
                return Some(opens);
            }
        }
        let wait = self.gate.open_ahead(self.gate.spot(week + trigger))?;
        Some(trigger + wait)
    }

    /// Seconds back from second `in_day` of UTC day-of-week `day_of_week` to
    /// the latest run strictly before it: at least 1, under two weeks.
    ///
    /// The rule of [`engine::run_before`](crate::engine::run_before): from
    /// the second before, or when the gate is closed there from the last
    /// open second before that closed stretch, the last trigger at or before
    /// it, and its run.
    #[inline]
    pub(crate) fn run_behind(self, day_of_week: u32, in_day: u32) -> Option<u32> {
        // Two weeks on, so that going back never goes below zero.
        let before = 2 * WEEK_U32 + day_of_week * DAY_U32 + in_day;
        let last = before - 1;
        let upto = if self.always_open {
            last
        } else {
            let spot = self.gate.spot(last);
            if spot.open {
                last
            } else {
                last - self.gate.closed_back(spot)? - 1
            }
        };
        let local = upto % WEEK_U32;
        let trigger = upto - self.plan.back(local / DAY_U32, local % DAY_U32)?;
        let run = if self.always_open {
            trigger
        } else {
            trigger + self.gate.open_ahead(self.gate.spot(trigger))?
        };
        Some(before - run)
    }
}
