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
//!
//! A grid has too many runs a week to write down, but where its last trigger
//! before a closed stretch lies follows from the interval and the window's
//! shortest stretches, and for an interval that divides an hour, how far it
//! lies before any hour's start is one number: the chain loses its last
//! steps.

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

/// What `prev_run` of a schedule held to a window reads precomputed.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum RunIndex {
    /// Nothing: no window, no timed triggers. The general rule answers.
    None,
    /// The runs of a daily plan, as they repeat every week.
    Daily {
        /// The plan's days (its own frame, as `Plan::Daily` counts them)
        /// whose trigger finds the window open: each runs at its trigger.
        open_days: Weekdays,
        /// The window's local hours (`0..168`) whose start is an opening
        /// that holds back at least one trigger, increasing, then
        /// [`NO_OPENING`].
        openings: [u8; 7],
        /// How many of `openings` are in use.
        held: u8,
    },
    /// A grid: where its trigger before a closed stretch falls.
    Grid {
        /// Seconds from the start of any window hour back to the last
        /// trigger before it, when that is the same for every hour (the
        /// interval divides an hour); else 0, and the plan is asked.
        hour_back: u16,
        /// Where the trigger before a closing lies, from the window's
        /// shortest stretches.
        before_closing: BeforeClosing,
    },
}

/// Where a grid's last trigger before a window's closing lies, known from
/// the interval and the window's shortest open and closed stretches (the
/// last trigger before an instant is at most an interval before it).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum BeforeClosing {
    /// The interval is an hour or less: every window hour holds a trigger,
    /// so also the open stretch before a closing (see `InOpenStretch`).
    EveryHour,
    /// In the open stretch that ends there: it runs at itself.
    InOpenStretch,
    /// In that open stretch, or in the closed stretch before it, and then
    /// it runs at the open stretch's opening.
    InOpenOrClosedBefore,
    /// Anywhere: placed in the window again.
    Unknown,
}

impl RunIndex {
    /// The index of a schedule that is not daily or has no window.
    pub(crate) const EMPTY: RunIndex = RunIndex::None;

    /// The index of `plan` held to `window`.
    pub(crate) fn new(plan: ShiftedPlan, window: &Window) -> RunIndex {
        match plan.plan {
            Plan::None => RunIndex::None,
            Plan::Daily { days, at_secs } => daily(plan, days, at_secs, window),
            Plan::Periodic { every_secs, .. } => grid(plan, every_secs, window),
        }
    }

    /// Seconds back from second `in_day` (up to [`DAY_U32`]) of UTC
    /// day-of-week `day_of_week` to the latest run strictly before it of
    /// `schedule` (held to its window, whose index this is): at least 1, at
    /// most two weeks; `None` when it never runs.
    #[inline]
    pub(crate) fn run_behind(
        self,
        schedule: Fixed<'_, Window>,
        day_of_week: u32,
        in_day: u32,
    ) -> Option<u32> {
        match self {
            RunIndex::None => schedule.run_behind(day_of_week, in_day),
            RunIndex::Daily {
                open_days,
                openings,
                held,
            } => {
                let trigger = schedule.plan.on_days(open_days).behind(day_of_week, in_day);
                let opening = opening_behind(&openings, held, schedule.gate, day_of_week * DAY_U32 + in_day);
                match (trigger, opening) {
                    (Some(trigger), Some(opening)) => Some(trigger.min(opening)),
                    (trigger, opening) => trigger.or(opening),
                }
            }
            RunIndex::Grid {
                hour_back,
                before_closing,
            } => grid_behind(schedule, hour_back, before_closing, day_of_week, in_day),
        }
    }
}

/// The index of a daily plan on `days` at `at_secs` held to `window`.
fn daily(plan: ShiftedPlan, days: Weekdays, at_secs: u32, window: &Window) -> RunIndex {
    let mut open_days = Weekdays::NONE;
    let mut openings = [NO_OPENING; 7];
    let mut held = 0;
    for day in days {
        let local = day.num_days_from_sunday() * DAY_U32 + at_secs;
        // The trigger's UTC position in the week: the plan's local time less
        // its offset (a forward distance, so subtracted mod WEEK).
        let utc = (local + WEEK_U32 - plan.shift_in_week()) % WEEK_U32;
        let spot = window.spot(utc);
        if spot.open {
            open_days = open_days.with(day);
        } else if let Some(ahead) = window.open_ahead(spot) {
            // `ahead + into` is whole hours: the opening is an hour's start.
            let opening = (spot.index + (ahead + spot.into) / HOUR_U32) % HOURS;
            hold(&mut openings, &mut held, opening as u8);
        }
    }
    RunIndex::Daily {
        open_days,
        openings,
        held,
    }
}

/// Adds `opening` to the first `held` of `openings`, keeping them increasing
/// and each once (triggers that wait for the same opening give one run).
fn hold(openings: &mut [u8; 7], held: &mut u8, opening: u8) {
    let used = usize::from(*held);
    let at = openings[..used].partition_point(|&hour| hour < opening);
    if openings.get(at) == Some(&opening) {
        return;
    }
    openings.copy_within(at..used, at + 1);
    openings[at] = opening;
    *held += 1;
}

/// Seconds back from UTC week position `before` (up to a week and a day) to
/// the last of the first `held` of `openings` strictly before it; `None`
/// when there is none.
#[inline]
fn opening_behind(openings: &[u8; 7], held: u8, window: &Window, before: u32) -> Option<u32> {
    // The second before `before`, a week on so that it never goes below 0.
    let here = window.spot(before + WEEK_U32 - 1);
    // The openings at or before `here`'s hour start at or before it.
    let passed: u32 = openings
        .iter()
        .map(|&hour| u32::from(u32::from(hour) <= here.index))
        .sum();
    let hours_back = match passed.checked_sub(1) {
        Some(last) => here.index - u32::from(openings[last as usize]),
        // None this week so far: the last one of the week before.
        None => here.index + HOURS - u32::from(*openings.get(usize::from(held).checked_sub(1)?)?),
    };
    Some(hours_back * HOUR_U32 + here.into + 1)
}

/// The index of a grid of `every_secs` held to `window`.
fn grid(plan: ShiftedPlan, every_secs: u32, window: &Window) -> RunIndex {
    let hour_back = if HOUR_U32 % every_secs == 0 {
        // Every hour starts at the same place on the grid: ask at hour 0.
        let start = (WEEK_U32 - (window.offset_secs() + WEEK_U32 as i32) as u32 % WEEK_U32) % WEEK_U32;
        plan.behind(start / DAY_U32, start % DAY_U32)
            .map_or(0, |back| back as u16)
    } else {
        0
    };
    let before_closing = match window.shortest_stretches() {
        _ if every_secs <= HOUR_U32 => BeforeClosing::EveryHour,
        Some((open, _)) if open * HOUR_U32 >= every_secs => BeforeClosing::InOpenStretch,
        Some((_, closed)) if closed * HOUR_U32 >= every_secs => BeforeClosing::InOpenOrClosedBefore,
        _ => BeforeClosing::Unknown,
    };
    RunIndex::Grid {
        hour_back,
        before_closing,
    }
}

/// [`RunIndex::run_behind`] for a grid.
#[inline]
fn grid_behind(
    schedule: Fixed<'_, Window>,
    hour_back: u16,
    before_closing: BeforeClosing,
    day_of_week: u32,
    in_day: u32,
) -> Option<u32> {
    let gate = schedule.gate;
    // Two weeks on, so that going back never goes below zero.
    let before = 2 * WEEK_U32 + day_of_week * DAY_U32 + in_day;
    let here = gate.spot(before - 1);
    if here.open {
        let back = schedule.plan.behind(day_of_week, in_day)?;
        if before_closing != BeforeClosing::EveryHour {
            return schedule.run_of_trigger_back(before, back);
        }
        // Every hour holds a trigger, so the last one is in this hour or the
        // one before; it runs at itself unless that hour is closed, and then
        // it waited for this hour's opening.
        let previous_hour = (here.index + HOURS - 1) % HOURS;
        return Some(if back <= here.into + 1 || gate.allows_hour(previous_hour) {
            back
        } else {
            here.into + 1
        });
    }
    // The closed stretch began `closed` seconds before `before`.
    let closed = gate.closed_back(here)? + 1;
    let back = closed
        + match hour_back {
            0 => schedule.trigger_before(before - closed)?,
            back => u32::from(back),
        };
    match before_closing {
        BeforeClosing::EveryHour | BeforeClosing::InOpenStretch => Some(back),
        BeforeClosing::InOpenOrClosedBefore => {
            // The closing's hour, and the open stretch before it.
            let closing = (here.index + HOURS - (closed - 1 - here.into) / HOUR_U32) % HOURS;
            let opening = closed + gate.open_hours_before(closing)? * HOUR_U32;
            Some(back.min(opening))
        }
        BeforeClosing::Unknown => schedule.run_of_trigger_back(before, back),
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

    fn daily_index(index: RunIndex) -> (Weekdays, Vec<u8>) {
        match index {
            RunIndex::Daily {
                open_days,
                openings,
                held,
            } => (open_days, openings[..usize::from(held)].to_vec()),
            other => panic!("not a daily index: {other:?}"),
        }
    }

    #[test]
    fn openings_are_kept_increasing_and_once() {
        let (mut openings, mut held) = ([NO_OPENING; 7], 0);
        for opening in [50, 10, 50, 167, 0, 10] {
            hold(&mut openings, &mut held, opening);
        }
        assert_eq!(held, 4);
        assert_eq!(openings, [0, 10, 50, 167, NO_OPENING, NO_OPENING, NO_OPENING]);
    }

    #[test]
    fn triggers_in_closed_hours_are_held_to_the_next_opening() {
        // Open Monday and Wednesday 08:00-10:00 (hours 32, 33 and 80, 81);
        // daily at 09:00 every day: Monday's and Wednesday's find it open,
        // Tuesday's waits for Wednesday 08:00 (hour 80), and Thursday's to
        // Saturday's and Sunday's wait for Monday 08:00 (hour 32).
        let open = window(|h| matches!(h, 32 | 33 | 80 | 81), 0);
        let index = RunIndex::new(daily(Weekdays::EVERYDAY, 9), &open);
        assert_eq!(
            daily_index(index),
            (Weekdays::from_bits(0b000_1010), vec![32, 80])
        );
    }

    #[test]
    fn the_window_offset_moves_the_triggers_into_local_hours() {
        // Open Monday 10:00-11:00 local (hour 34) at UTC+01:00; a Monday
        // 09:00 UTC trigger is 10:00 local: open. At UTC+02:00 it is 11:00
        // local, closed, and waits a week for the next Monday 10:00.
        let one_hour = |offset| window(|h| h == 34, offset);
        let monday = Weekdays::from_bits(0b10);
        let open = RunIndex::new(daily(monday, 9), &one_hour(60));
        assert_eq!(daily_index(open), (monday, vec![]));
        let held = RunIndex::new(daily(monday, 9), &one_hour(120));
        assert_eq!(daily_index(held), (Weekdays::NONE, vec![34]));
    }

    fn grid(minutes: u32, window: &Window) -> RunIndex {
        let every = crate::Interval::from_minutes(minutes).unwrap();
        RunIndex::new(ShiftedPlan::new(Plan::periodic(every, 0), 0), window)
    }

    #[test]
    fn a_grid_dividing_an_hour_lies_as_far_before_every_hour() {
        // Every 40 minutes does not divide an hour; every 20 does: at
        // UTC+05:30 the window's hours start at :30 UTC, 10 minutes after
        // the :20 point.
        let business = window(|h| (32..42).contains(&h), 330);
        assert!(matches!(grid(40, &business), RunIndex::Grid { hour_back: 0, .. }));
        assert!(matches!(
            grid(20, &business),
            RunIndex::Grid { hour_back: 600, .. }
        ));
        // At offset 0 an hour's start is on the grid: a whole interval back.
        let at_utc = window(|h| (32..42).contains(&h), 0);
        assert!(matches!(
            grid(20, &at_utc),
            RunIndex::Grid { hour_back: 1200, .. }
        ));
    }

    #[test]
    fn where_a_grid_trigger_before_a_closing_lies_follows_the_shortest_stretches() {
        let before_closing = |minutes, window: &Window| match grid(minutes, window) {
            RunIndex::Grid { before_closing, .. } => before_closing,
            other => panic!("not a grid index: {other:?}"),
        };
        // Open 4 hours, closed 20, every day; and one hour a week.
        let nightly = window(|h| h % 24 >= 20, 0);
        let sparse = window(|h| h == 50, 0);
        assert_eq!(before_closing(60, &sparse), BeforeClosing::EveryHour);
        assert_eq!(before_closing(240, &nightly), BeforeClosing::InOpenStretch);
        assert_eq!(before_closing(360, &nightly), BeforeClosing::InOpenOrClosedBefore);
        assert_eq!(before_closing(240, &sparse), BeforeClosing::InOpenOrClosedBefore);
        assert_eq!(before_closing(1440, &nightly), BeforeClosing::Unknown);
    }

    #[test]
    fn shortest_stretches_count_whole_stretches_across_the_week_end() {
        // Open Saturday 22:00 to Sunday 02:00 (across the week's end: 4
        // hours) and Wednesday 10:00-11:00 (1 hour); closed 80 and 83 hours.
        let hours = |h: usize| !(2..166).contains(&h) || h == 82;
        assert_eq!(window(hours, 0).shortest_stretches(), Some((1, 80)));
        assert_eq!(Window::always_open().shortest_stretches(), None);
        assert_eq!(Window::never_open().shortest_stretches(), None);
    }

    #[test]
    fn a_window_never_open_holds_nothing() {
        let index = RunIndex::new(daily(Weekdays::EVERYDAY, 9), &Window::never_open());
        assert_eq!(daily_index(index), (Weekdays::NONE, vec![]));
    }
}
