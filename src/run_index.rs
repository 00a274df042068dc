//! What `prev_run` of a schedule held to a window reads precomputed, so
//! that it is independent lookups instead of a chain.
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
//! Fewer still, a window open a few hours a week: at most four runs a week
//! are listed as UTC minutes, and the answer is a count and a subtraction.
//!
//! A grid of whole hours has its triggers every k-th window hour at one
//! minute. When every open stretch is at least k hours, each holds a
//! trigger, so the last run before a closed stretch is the last trigger in
//! an open hour: one search over the window's words masked by the grid's
//! hours. When instead at most seven openings hold triggers back, the two
//! lookups of a daily plan serve it. For other grids, where the last trigger
//! before a closed stretch lies follows from the interval and the window's
//! shortest stretches, and for an interval that divides an hour, how far it
//! lies before any hour's start is one number: the chain loses its last
//! steps.

use crate::fixed::Fixed;
use crate::gate::{is_set, ones_back, Spot, WeekGate};
use crate::time::{DAY_U32, HOUR_U32, WEEK_U32};
use crate::trigger::{Plan, ShiftedPlan, TriggerPattern};
use crate::weekdays::Weekdays;
use crate::window::Window;

/// The hours of a week, as the openings' type counts them.
const HOURS: u32 = Window::HOURS;

/// The most runs a week that [`RunIndex::Few`] lists: as many minutes as
/// fit where the other variants keep their fields (a `Schedule` stays
/// within 64 bytes).
const FEW: usize = 4;

/// Seconds in a minute, as the run list counts.
const MINUTE_U32: u32 = 60;

/// Padding after the openings in use: above every hour, so never counted
/// as at or before one.
const NO_OPENING: u8 = u8::MAX;

/// What `prev_run` of a schedule held to a window reads precomputed.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum RunIndex {
    /// Nothing: no window, no timed triggers. The general rule answers.
    None,
    /// At most [`FEW`] runs a week, each at a whole minute: their UTC
    /// minutes of the week, increasing, the last repeated to fill the
    /// array. The latest run before an instant is one count and one
    /// subtraction away, with no window or trigger lookup (a window open a
    /// few hours a week, or a weekly plan).
    Few {
        /// UTC minutes of the week (`0..10_080`).
        runs: [u16; FEW],
    },
    /// The runs of a daily plan, as they repeat every week.
    Daily {
        /// The plan's days (its own frame, as `Plan::Daily` counts them)
        /// whose trigger finds the window open: each runs at its trigger.
        open_days: Weekdays,
        /// The openings that hold back at least one trigger.
        openings: Openings,
    },
    /// A grid of whole hours (two or more) whose closed stretches hold
    /// triggers back for at most seven openings: its runs are the triggers
    /// in open hours (every `k`-th hour of the window, at the same minute)
    /// and those openings.
    HourlyGrid {
        /// Which of [`HOUR_PATTERNS`] marks the window hours holding a
        /// trigger.
        pattern: u8,
        /// The minute of those hours at which the trigger falls.
        minute: u8,
        /// The openings that hold back at least one trigger.
        openings: Openings,
    },
    /// A grid of whole hours (two or more) at most as long as the window's
    /// shortest open stretch: every open stretch holds a trigger, so the
    /// last run before a closed stretch is the last trigger in an open
    /// hour, one search over the window's words and the grid's hours.
    StretchGrid {
        /// Which of [`HOUR_PATTERNS`] marks the window hours holding a
        /// trigger.
        pattern: u8,
        /// The minute of those hours at which the trigger falls.
        minute: u8,
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
    /// The index of a schedule whose window is always open (nothing reads
    /// it: a run is then its trigger).
    pub(crate) const EMPTY: RunIndex = RunIndex::None;

    /// The index of `plan` held to `window`.
    pub(crate) fn new(plan: ShiftedPlan, window: &Window) -> RunIndex {
        few(plan, window).unwrap_or_else(|| RunIndex::by_plan(plan, window))
    }

    /// The index of `plan` held to `window` by the kind of plan, when its
    /// runs are too many to list.
    fn by_plan(plan: ShiftedPlan, window: &Window) -> RunIndex {
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
            RunIndex::Few { runs } => Some(few_behind(runs, day_of_week * DAY_U32 + in_day)),
            RunIndex::Daily { open_days, openings } => {
                let trigger = schedule.plan.on_days(open_days).behind(day_of_week, in_day);
                let here = schedule.gate.spot(day_of_week * DAY_U32 + in_day + WEEK_U32 - 1);
                later(trigger, openings.behind(here))
            }
            RunIndex::HourlyGrid {
                pattern,
                minute,
                openings,
            } => hourly_grid_behind(
                schedule.gate,
                pattern,
                minute,
                openings,
                day_of_week * DAY_U32 + in_day,
            ),
            RunIndex::StretchGrid { pattern, minute } => {
                stretch_grid_behind(schedule, pattern, minute, day_of_week, in_day)
            }
            RunIndex::Grid {
                hour_back,
                before_closing,
            } => grid_behind(schedule, hour_back, before_closing, day_of_week, in_day),
        }
    }
}

/// The index listing the runs of `plan` held to `window` when a week has
/// at least one and at most [`FEW`], each at a whole minute; else `None`.
///
/// The runs are found by the forward rule (`run_ahead`), from the last
/// second of a week: the first is at or after the week's start, and the
/// next after each, until one falls a week on.
fn few(plan: ShiftedPlan, window: &Window) -> Option<RunIndex> {
    let forward = Fixed {
        plan,
        gate: window,
        always_open: false,
    };
    let mut runs = [0_u16; FEW];
    let mut count = 0;
    // Week positions, starting at the second before the week.
    let mut at = WEEK_U32 - 1;
    loop {
        let week = at % WEEK_U32;
        let run = at + forward.run_ahead(week / DAY_U32, week % DAY_U32)?;
        // `at` starts a week back, so the week's runs are `WEEK..2 * WEEK`.
        if run >= 2 * WEEK_U32 {
            break;
        }
        if count == FEW || run % MINUTE_U32 != 0 {
            return None;
        }
        runs[count] = ((run - WEEK_U32) / MINUTE_U32) as u16;
        count += 1;
        at = run;
    }
    let last = *runs[..count].last()?;
    runs[count..].fill(last);
    Some(RunIndex::Few { runs })
}

/// [`RunIndex::run_behind`] from the week's listed runs: the last before
/// week position `before` (up to a week, its end), or the week before's
/// last when none is.
#[inline]
fn few_behind(runs: [u16; FEW], before: u32) -> u32 {
    let run = u32::from(last_passed(runs, |run| u32::from(run) * MINUTE_U32 < before)) * MINUTE_U32;
    if run < before {
        before - run
    } else {
        before + WEEK_U32 - run
    }
}

/// The last of `entries` (increasing, the last repeated to fill the array)
/// that `passed` holds for, or the last of all (the week before's) when it
/// holds for none: as many pass as are at or before the instant, and with
/// none or all, `(0 + N - 1) % N` and `(N + N - 1) % N` both pick the last.
/// Counted rather than searched, so that no branch depends on the instant.
#[inline]
fn last_passed<T: Copy, const N: usize>(entries: [T; N], passed: impl Fn(T) -> bool) -> T {
    let count: usize = entries.iter().map(|&entry| usize::from(passed(entry))).sum();
    entries[(count + N - 1) % N]
}

/// The index of a daily plan on `days` at `at_secs` held to `window`.
fn daily(plan: ShiftedPlan, days: Weekdays, at_secs: u32, window: &Window) -> RunIndex {
    let mut open_days = Weekdays::NONE;
    let mut held = Held::default();
    for day in days {
        let local = day.num_days_from_sunday() * DAY_U32 + at_secs;
        // The trigger's UTC position in the week: the plan's local time less
        // its offset (a forward distance, so a week on; `spot` takes any
        // position below three weeks).
        let utc = local + WEEK_U32 - plan.shift_in_week();
        let spot = window.spot(utc);
        if spot.open {
            open_days = open_days.with(day);
        } else if let Some(ahead) = window.open_ahead(spot) {
            // `ahead + into` is whole hours: the opening is an hour's start.
            let opening = (spot.index + (ahead + spot.into) / HOUR_U32) % HOURS;
            // Seven days give at most seven openings.
            held.hold(opening as u8);
        }
    }
    RunIndex::Daily {
        open_days,
        openings: held.openings(),
    }
}

/// Openings collected while building an index: distinct, increasing.
#[derive(Default)]
struct Held {
    hours: [u8; 7],
    count: usize,
}

impl Held {
    /// Adds `opening` (triggers that wait for the same opening give one
    /// run); `None` when it is new and seven are held already.
    fn hold(&mut self, opening: u8) -> Option<()> {
        let at = self.hours[..self.count].partition_point(|&hour| hour < opening);
        if at < self.count && self.hours[at] == opening {
            return Some(());
        }
        if self.count == self.hours.len() {
            return None;
        }
        self.hours.copy_within(at..self.count, at + 1);
        self.hours[at] = opening;
        self.count += 1;
        Some(())
    }

    fn openings(&self) -> Openings {
        let mut hours = [NO_OPENING; 7];
        if let Some(&last) = self.hours[..self.count].last() {
            hours = [last; 7];
            hours[..self.count].copy_from_slice(&self.hours[..self.count]);
        }
        Openings(hours)
    }
}

/// Up to seven window hours (`0..168`) whose start is an opening that holds
/// back at least one trigger: increasing, the last repeated to fill the
/// seven (so that the last of the week is always at the end); all
/// [`NO_OPENING`] when there is none.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) struct Openings([u8; 7]);

impl Openings {
    /// Seconds back from the second after `here` (the spot of the second
    /// before the instant) to the last opening at or before `here`, or of
    /// the week before; `None` when there is none.
    #[inline]
    fn behind(self, here: Spot) -> Option<u32> {
        if self.0[6] == NO_OPENING {
            return None;
        }
        // The openings at or before `here`'s hour start at or before it.
        let hour = u32::from(last_passed(self.0, |hour| u32::from(hour) <= here.index));
        Some((here.index + HOURS - hour) % HOURS * HOUR_U32 + here.into + 1)
    }
}

/// The index of a grid of `every_secs` held to `window`.
fn grid(plan: ShiftedPlan, every_secs: u32, window: &Window) -> RunIndex {
    let before_closing = before_closing(every_secs, window);
    // Where the trigger before a closing runs at itself, the held openings
    // are not needed (each open stretch's trigger comes after its opening):
    // the stretch grid's one search, or else the grid's short chain, were
    // measured faster than the hourly index's two lookups.
    if !matches!(
        before_closing,
        BeforeClosing::EveryHour | BeforeClosing::InOpenStretch
    ) {
        if let Some(index) = hourly_grid(plan, every_secs, window) {
            return index;
        }
    }
    if before_closing == BeforeClosing::InOpenStretch {
        if let Some((pattern, minute)) = trigger_hours(plan, every_secs, window) {
            return RunIndex::StretchGrid { pattern, minute };
        }
    }
    // (0 only makes the query ask the plan: a mutant of this test that
    // gives 0 more often is equivalent, only slower.)
    let hour_back = if HOUR_U32 % every_secs == 0 {
        // Every hour starts at the same place on the grid: ask at hour 0.
        let start = (WEEK_U32 - (window.offset_secs() + WEEK_U32 as i32) as u32 % WEEK_U32) % WEEK_U32;
        plan.behind(start / DAY_U32, start % DAY_U32)
            .map_or(0, |back| back as u16)
    } else {
        0
    };
    RunIndex::Grid {
        hour_back,
        before_closing,
    }
}

/// Where the last trigger of a grid of `every_secs` before a closing of
/// `window` lies.
fn before_closing(every_secs: u32, window: &Window) -> BeforeClosing {
    match window.shortest_stretches() {
        _ if every_secs <= HOUR_U32 => BeforeClosing::EveryHour,
        Some((open, _)) if open * HOUR_U32 >= every_secs => BeforeClosing::InOpenStretch,
        Some((_, closed)) if closed * HOUR_U32 >= every_secs => BeforeClosing::InOpenOrClosedBefore,
        _ => BeforeClosing::Unknown,
    }
}

/// For each whole-hour interval `k` that divides a day (2, 3, 4, 6, 8, 12
/// and 24 hours) and each `r` below it, the week's hours `h` with
/// `h % k == r`, as a window's words hold hours: at [`HOUR_PATTERN_FROM`]
/// for `k`, plus `r`.
static HOUR_PATTERNS: [[u64; 3]; 59] = hour_patterns();

/// Where each whole-hour interval's patterns start in [`HOUR_PATTERNS`],
/// by its hours (0 for intervals without patterns).
const HOUR_PATTERN_FROM: [u8; 25] = {
    let mut from = [0; 25];
    let mut next = 0;
    let mut k = 2;
    while k <= 24 {
        if 24 % k == 0 {
            from[k] = next;
            next += k as u8;
        }
        k += 1;
    }
    from
};

const fn hour_patterns() -> [[u64; 3]; 59] {
    let mut patterns = [[0; 3]; 59];
    let mut k = 2;
    while k <= 24 {
        if 24 % k == 0 {
            let mut hour = 0;
            while hour < Window::HOURS as usize {
                let pattern = HOUR_PATTERN_FROM[k] as usize + hour % k;
                patterns[pattern][hour / 64] |= 1 << (hour % 64);
                hour += 1;
            }
        }
        k += 1;
    }
    patterns
}

/// The index of a grid of whole hours (two or more) held to `window`; `None`
/// for any other grid, a trigger off the whole minute, or more than seven
/// openings holding triggers back.
fn hourly_grid(plan: ShiftedPlan, every_secs: u32, window: &Window) -> Option<RunIndex> {
    let (pattern, minute) = trigger_hours(plan, every_secs, window)?;
    let hours = every_secs / HOUR_U32;
    let first = u32::from(pattern - HOUR_PATTERN_FROM[hours as usize]);
    let mut held = Held::default();
    for hour in (first..Window::HOURS).step_by(hours as usize) {
        if !window.allows_hour(hour) {
            held.hold(((hour + window.hours_to_open_after(hour)?) % HOURS) as u8)?;
        }
    }
    Some(RunIndex::HourlyGrid {
        pattern,
        minute,
        openings: held.openings(),
    })
}

/// For a grid of whole hours (two or more) whose triggers fall on a whole
/// minute of the window's hours: which of [`HOUR_PATTERNS`] marks the
/// window hours holding a trigger, and that minute; else `None`.
fn trigger_hours(plan: ShiftedPlan, every_secs: u32, window: &Window) -> Option<(u8, u8)> {
    let hours = every_secs / HOUR_U32;
    if every_secs % HOUR_U32 != 0 || hours < 2 {
        return None;
    }
    // One trigger's place in the window's week: the others are `hours` apart.
    let TriggerPattern::Grid { phase, .. } = plan.pattern() else {
        return None;
    };
    let first = window.spot(u32::try_from(phase).ok()?);
    if first.into % 60 != 0 {
        return None;
    }
    Some((
        HOUR_PATTERN_FROM[hours as usize] + (first.index % hours) as u8,
        (first.into / 60) as u8,
    ))
}

/// [`RunIndex::run_behind`] for a grid of whole hours: the later of its last
/// trigger in an open hour and its last opening holding triggers back.
#[inline]
fn hourly_grid_behind(
    window: &Window,
    pattern: u8,
    minute: u8,
    openings: Openings,
    before: u32,
) -> Option<u32> {
    let here = window.spot(before + WEEK_U32 - 1);
    let triggers = window.open_words_and(&HOUR_PATTERNS[usize::from(pattern)]);
    // This hour's trigger, when it is open and already past, is the latest.
    if is_set(&triggers, here.index) && u32::from(minute) * MINUTE_U32 <= here.into {
        return Some(here.into + 1 - u32::from(minute) * MINUTE_U32);
    }
    // Many windows have no trigger in an open hour (one hour a week, say):
    // then the search would walk every word twice to find nothing.
    let trigger = if triggers == [0; 3] {
        None
    } else {
        trigger_in_hour_before(&triggers, minute, here)
    };
    later(trigger, openings.behind(here))
}

/// Seconds back from the second after `here` to the last of `triggers`
/// (hours holding a trigger at `minute`) in an hour before `here`'s; `None`
/// when there is none.
#[inline]
fn trigger_in_hour_before(triggers: &[u64; 3], minute: u8, here: Spot) -> Option<u32> {
    let hours = ones_back(triggers, HOURS, here.index)?;
    Some(hours * HOUR_U32 + here.into + 1 - u32::from(minute) * MINUTE_U32)
}

/// The later of two runs, given as seconds back (the fewer), either absent.
#[inline]
fn later(trigger: Option<u32>, opening: Option<u32>) -> Option<u32> {
    match (trigger, opening) {
        (Some(trigger), Some(opening)) => Some(trigger.min(opening)),
        (trigger, opening) => trigger.or(opening),
    }
}

/// Seconds back from the second after `here` (an open spot) to the run of
/// the trigger `back` seconds before that: the trigger itself when the
/// window is open there, else the opening it waited for.
#[inline]
fn run_of_trigger_behind(gate: &Window, here: Spot, back: u32) -> Option<u32> {
    // The trigger's place in the window's week, from `here`'s (a week on:
    // `back` is at most a week), rather than from the UTC position as
    // `Fixed::run_of_trigger_back` finds it: one division less on the way
    // to the window's bit.
    let at = here.index * HOUR_U32 + here.into + 1 + WEEK_U32 - back;
    let hour = at / HOUR_U32 % HOURS;
    if gate.allows_hour(hour) {
        return Some(back);
    }
    // It waited for the next opening.
    Some(back + at % HOUR_U32 - gate.hours_to_open_after(hour)? * HOUR_U32)
}

/// [`RunIndex::run_behind`] for a grid of whole hours whose every open
/// stretch holds a trigger (see [`RunIndex::StretchGrid`]).
#[inline]
fn stretch_grid_behind(
    schedule: Fixed<'_, Window>,
    pattern: u8,
    minute: u8,
    day_of_week: u32,
    in_day: u32,
) -> Option<u32> {
    let gate = schedule.gate;
    let here = gate.spot(WEEK_U32 + day_of_week * DAY_U32 + in_day - 1);
    if here.open {
        let back = schedule.plan.behind(day_of_week, in_day)?;
        return run_of_trigger_behind(gate, here, back);
    }
    // The last trigger in an open hour: it lies in the open stretch before
    // the closed one around `here`, and runs at itself; any later trigger
    // waits in the closed stretch.
    let triggers = gate.open_words_and(&HOUR_PATTERNS[usize::from(pattern)]);
    trigger_in_hour_before(&triggers, minute, here)
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
            return run_of_trigger_behind(gate, here, back);
        }
        // Every hour holds a trigger, so the last one is in this hour or the
        // one before; it runs at itself unless that hour is closed, and then
        // it waited for this hour's opening.
        let previous_hour = (here.index + HOURS - 1) % HOURS;
        // (A trigger at this hour's very start may take either branch: both
        // give `into + 1`.)
        return Some(if back <= here.into || gate.allows_hour(previous_hour) {
            back
        } else {
            here.into + 1
        });
    }
    // The closed stretch began `closed` seconds before `before`.
    let closed = gate.closed_back(here)? + 1;
    let back = closed
        + match hour_back {
            0 => schedule.plan.behind_position(before - closed)?,
            back => u32::from(back),
        };
    match before_closing {
        BeforeClosing::EveryHour | BeforeClosing::InOpenStretch => Some(back),
        BeforeClosing::InOpenOrClosedBefore => {
            // The closing's hour (a week on: `open_hours_before` reads it
            // modulo the week), and the open stretch before it. (`closed - 1
            // - into` is whole hours back from `here`'s hour, so a mutant of
            // the first `-` into `/`, which adds one second, divides to the
            // same hours: equivalent.)
            let closing = here.index + HOURS - (closed - 1 - here.into) / HOUR_U32;
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
            RunIndex::Daily { open_days, openings } => (open_days, openings.0.to_vec()),
            other => panic!("not a daily index: {other:?}"),
        }
    }

    /// UTC minutes of the week, by day (Sunday 0) and time of day.
    fn minute(day: u16, hour: u16, minute: u16) -> u16 {
        day * 1440 + hour * 60 + minute
    }

    #[test]
    fn a_few_runs_a_week_are_listed_as_utc_minutes() {
        // The test above's window and plan: Monday's and Wednesday's
        // triggers run at 09:00, Tuesday's waits for Wednesday 08:00, and
        // Thursday's to Sunday's for Monday 08:00. Four runs.
        let open = window(|h| matches!(h, 32 | 33 | 80 | 81), 0);
        assert_eq!(
            RunIndex::new(daily(Weekdays::EVERYDAY, 9), &open),
            RunIndex::Few {
                runs: [minute(1, 8, 0), minute(1, 9, 0), minute(3, 8, 0), minute(3, 9, 0)]
            }
        );
        // Every 4 hours from 00:00 UTC, open Wednesday 13:00-14:00 at
        // UTC+05:30 (07:30-08:30 UTC): Wednesday's 08:00 trigger runs at
        // itself, every other waits for 07:30. Two runs, the last repeated.
        let every_4h = ShiftedPlan::new(Plan::periodic(crate::Interval::from_minutes(240).unwrap(), 0), 0);
        let (early, late) = (minute(3, 7, 30), minute(3, 8, 0));
        assert_eq!(
            RunIndex::new(every_4h, &window(|h| h == 3 * 24 + 13, 330)),
            RunIndex::Few {
                runs: [early, late, late, late]
            }
        );
        // Open Sunday 00:00-01:00 UTC: every trigger waits for the week's
        // very first minute.
        assert_eq!(
            RunIndex::new(daily(Weekdays::WORKDAYS, 12), &window(|h| h == 0, 0)),
            RunIndex::Few { runs: [0; FEW] }
        );
    }

    #[test]
    fn more_runs_or_runs_off_the_minute_are_not_listed() {
        // Open Monday, Wednesday and Friday 08:00-10:00: six runs.
        let three_days = window(|h| matches!(h, 32 | 33 | 80 | 81 | 128 | 129), 0);
        assert!(matches!(
            RunIndex::new(daily(Weekdays::EVERYDAY, 9), &three_days),
            RunIndex::Daily { .. }
        ));
        // One run a week, at 09:00:30.
        let at = NaiveTime::from_hms_opt(9, 0, 30).unwrap();
        let plan = ShiftedPlan::new(Plan::daily_whole_seconds(Weekdays::MONDAY, at).unwrap(), 0);
        assert!(matches!(
            RunIndex::new(plan, &window(|h| h == 33, 0)),
            RunIndex::Daily { .. }
        ));
        // No runs at all: nothing to list (the daily index holds nothing).
        assert!(matches!(
            RunIndex::new(daily(Weekdays::NONE, 9), &three_days),
            RunIndex::Daily { .. }
        ));
    }

    #[test]
    fn the_run_before_comes_from_the_list_or_the_week_before() {
        const WEEK_MINUTES: u32 = 7 * 1440;
        let runs = [minute(1, 8, 0), minute(1, 9, 0), minute(3, 8, 0), minute(3, 9, 0)];
        let at = |day: u32, hour: u32, second: u32| day * DAY_U32 + hour * HOUR_U32 + second;
        // Strictly before: at Monday 09:00 itself, the 08:00 run.
        assert_eq!(few_behind(runs, at(1, 9, 0)), HOUR_U32);
        assert_eq!(few_behind(runs, at(1, 9, 1)), 1);
        assert_eq!(few_behind(runs, at(2, 0, 0)), 15 * HOUR_U32);
        // Before Monday 08:00 and after Wednesday 09:00: Wednesday 09:00.
        assert_eq!(few_behind(runs, at(1, 8, 0)), 4 * DAY_U32 + 23 * HOUR_U32);
        assert_eq!(few_behind(runs, at(6, 24, 0)), 3 * DAY_U32 + 15 * HOUR_U32);
        // A run at the week's first second, asked there: a week back.
        assert_eq!(few_behind([0; FEW], 0), WEEK_MINUTES * MINUTE_U32);
        assert_eq!(few_behind([0; FEW], at(6, 24, 0)), WEEK_U32);
    }

    #[test]
    fn a_grid_no_longer_than_every_open_stretch_finds_its_last_trigger_in_an_open_hour() {
        let pattern = |k: usize, r: u8| HOUR_PATTERN_FROM[k] + r;
        // Monday to Friday 08:00-18:00: every open stretch is 10 hours.
        let business = |offset| {
            window(
                |h| (1..=5).contains(&(h / 24)) && (8..18).contains(&(h % 24)),
                offset,
            )
        };
        // Every 4 hours from 00:00 UTC: hours 0 mod 4, on the hour; at
        // UTC+05:30 the same triggers are at local 05:30, 09:30...: 1 mod 4.
        assert_eq!(
            grid(240, &business(0)),
            RunIndex::StretchGrid {
                pattern: pattern(4, 0),
                minute: 0
            }
        );
        assert_eq!(
            grid(240, &business(330)),
            RunIndex::StretchGrid {
                pattern: pattern(4, 1),
                minute: 30
            }
        );
        // Longer than a stretch, or not whole hours: not this index.
        assert!(matches!(
            grid(720, &business(0)),
            RunIndex::Grid { .. } | RunIndex::HourlyGrid { .. }
        ));
        assert!(matches!(grid(90, &business(0)), RunIndex::Grid { .. }));

        // Every 3 hours from 00:00 UTC, business hours at UTC: 06:00 waits
        // for 08:00; 09:00, 12:00 and 15:00 run at themselves; 18:00 and
        // later wait for the next working day's 08:00.
        let every_3h = ShiftedPlan::new(Plan::periodic(crate::Interval::from_minutes(180).unwrap(), 0), 0);
        let open = business(0);
        let index = RunIndex::new(every_3h, &open);
        assert_eq!(
            index,
            RunIndex::StretchGrid {
                pattern: pattern(3, 0),
                minute: 0
            }
        );
        let fixed = Fixed {
            plan: every_3h,
            gate: &open,
            always_open: false,
        };
        let behind =
            |day: u32, hour: u32, minute: u32| index.run_behind(fixed, day, hour * HOUR_U32 + minute * 60);
        // Open, the trigger held: Monday 08:30 is 30 minutes after the
        // 08:00 opening that 06:00 waited for.
        assert_eq!(behind(1, 8, 30), Some(30 * 60));
        // Open, the trigger in the window: Monday 09:10, ten minutes after.
        assert_eq!(behind(1, 9, 10), Some(10 * 60));
        // Closed: Monday 20:00 and Tuesday 03:00 go back to Monday 15:00;
        // Monday 08:00 itself (the second before is closed) to Friday 15:00.
        assert_eq!(behind(1, 20, 0), Some(5 * HOUR_U32));
        assert_eq!(behind(2, 3, 0), Some(12 * HOUR_U32));
        assert_eq!(behind(1, 8, 0), Some(2 * DAY_U32 + 17 * HOUR_U32));
        // Sunday 00:00: back across the week's start to Friday 15:00.
        assert_eq!(behind(0, 0, 0), Some(DAY_U32 + 9 * HOUR_U32));
    }

    #[test]
    fn openings_are_kept_increasing_and_once() {
        let mut held = Held::default();
        for opening in [50, 10, 50, 167, 0, 10] {
            assert_eq!(held.hold(opening), Some(()));
        }
        // Padded with the last, so that it stays the last of the week.
        assert_eq!(held.openings(), Openings([0, 10, 50, 167, 167, 167, 167]));
        for opening in [1, 2, 3] {
            assert_eq!(held.hold(opening), Some(()));
        }
        assert_eq!(held.hold(2), Some(()), "held already");
        assert_eq!(held.hold(4), None, "an eighth");
        assert_eq!(held.openings(), Openings([0, 1, 2, 3, 10, 50, 167]));
        assert_eq!(Held::default().openings(), Openings([NO_OPENING; 7]));
    }

    #[test]
    fn triggers_in_closed_hours_are_held_to_the_next_opening() {
        // Open Monday and Wednesday 08:00-10:00 (hours 32, 33 and 80, 81);
        // daily at 09:00 every day: Monday's and Wednesday's find it open,
        // Tuesday's waits for Wednesday 08:00 (hour 80), and Thursday's to
        // Saturday's and Sunday's wait for Monday 08:00 (hour 32).
        let open = window(|h| matches!(h, 32 | 33 | 80 | 81), 0);
        let index = RunIndex::by_plan(daily(Weekdays::EVERYDAY, 9), &open);
        assert_eq!(
            daily_index(index),
            (Weekdays::from_bits(0b000_1010), vec![32, 80, 80, 80, 80, 80, 80])
        );
    }

    #[test]
    fn the_window_offset_moves_the_triggers_into_local_hours() {
        // Open Monday 10:00-11:00 local (hour 34) at UTC+01:00; a Monday
        // 09:00 UTC trigger is 10:00 local: open. At UTC+02:00 it is 11:00
        // local, closed, and waits a week for the next Monday 10:00.
        let one_hour = |offset| window(|h| h == 34, offset);
        let monday = Weekdays::from_bits(0b10);
        let open = RunIndex::by_plan(daily(monday, 9), &one_hour(60));
        assert_eq!(daily_index(open), (monday, vec![NO_OPENING; 7]));
        let held = RunIndex::by_plan(daily(monday, 9), &one_hour(120));
        assert_eq!(daily_index(held), (Weekdays::NONE, vec![34; 7]));
    }

    fn grid(minutes: u32, window: &Window) -> RunIndex {
        let every = crate::Interval::from_minutes(minutes).unwrap();
        RunIndex::by_plan(ShiftedPlan::new(Plan::periodic(every, 0), 0), window)
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
    fn hour_patterns_mark_every_kth_hour() {
        for k in [2usize, 3, 4, 6, 8, 12, 24] {
            for r in 0..k {
                let words = HOUR_PATTERNS[usize::from(HOUR_PATTERN_FROM[k]) + r];
                for hour in 0..HOURS_PER_WEEK {
                    let set = words[hour / 64] >> (hour % 64) & 1 == 1;
                    assert_eq!(set, hour % k == r, "k {k}, r {r}, hour {hour}");
                }
                assert_eq!(words[2] >> 40, 0, "k {k}, r {r}: bits past the week");
            }
        }
    }

    #[test]
    fn a_whole_hour_grid_is_indexed_by_its_hours_minute_and_held_openings() {
        let pattern = |k: usize, r: u8| HOUR_PATTERN_FROM[k] + r;
        // Every 4 hours from 00:00 UTC; one hour a week open, Monday 02:00
        // local (hour 50). At UTC+03:00 the triggers are at local hours 3,
        // 7, 11...: 3 mod 4, on the hour; hour 50 holds none, so every
        // trigger waits for its opening.
        let sparse = |offset| window(|h| h == 50, offset);
        let expected = RunIndex::HourlyGrid {
            pattern: pattern(4, 3),
            minute: 0,
            openings: Openings([50; 7]),
        };
        assert_eq!(grid(240, &sparse(180)), expected);
        // At UTC+05:30, at local hours 5, 9, 13...: 1 mod 4, at :30.
        assert!(matches!(
            grid(240, &sparse(330)),
            RunIndex::HourlyGrid { pattern: p, minute: 30, .. } if p == pattern(4, 1)
        ));
        // Every 2 hours at UTC+01:00: local hours 1, 3, 5...; hour 50 is
        // even, so again all wait for it.
        assert!(matches!(
            grid(120, &sparse(60)),
            RunIndex::HourlyGrid { pattern: p, minute: 0, openings: Openings([50, 50, ..]) } if p == pattern(2, 1)
        ));
        // Every 4 hours at UTC: hour 48 holds a trigger and is open; hours
        // 49 and 50 are open too, so nothing is held but at 48.
        let monday_early = window(|h| (48..51).contains(&h), 0);
        assert!(matches!(
            grid(240, &monday_early),
            RunIndex::HourlyGrid { pattern: p, openings: Openings([48, 48, ..]), .. } if p == pattern(4, 0)
        ));
    }

    #[test]
    fn a_whole_hour_grid_with_more_than_seven_held_openings_is_not_indexed() {
        // Every 2 hours at UTC (even hours), open every odd hour but at the
        // end of the week: each even hour's trigger waits for the next hour,
        // 83 openings.
        let odd = window(|h| h % 2 == 1, 0);
        assert!(matches!(grid(120, &odd), RunIndex::Grid { .. }));
        // Open at the odd hours of Monday only: 12 openings hold triggers.
        let monday_odd = window(|h| (24..48).contains(&h) && h % 2 == 1, 0);
        assert!(matches!(grid(120, &monday_odd), RunIndex::Grid { .. }));
        // Seven days, one odd hour each: seven openings, indexed.
        let seven = window(|h| h % 24 == 5, 0);
        assert!(matches!(
            grid(120, &seven),
            RunIndex::HourlyGrid {
                openings: Openings([5, 29, 53, 77, 101, 125, 149]),
                ..
            }
        ));
    }

    #[test]
    fn where_a_grid_trigger_before_a_closing_lies_follows_the_shortest_stretches() {
        let before_closing = |minutes: u32, window: &Window| before_closing(minutes * 60, window);
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
        let index = RunIndex::by_plan(daily(Weekdays::EVERYDAY, 9), &Window::never_open());
        assert_eq!(daily_index(index), (Weekdays::NONE, vec![NO_OPENING; 7]));
    }
}
