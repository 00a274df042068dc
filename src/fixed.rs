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

use crate::count::Counter;
use crate::engine::{self, Engine};
use crate::gate::{Spot, StartGate, WeekGate};
use crate::time::{DAY_U32, WEEK, WEEK_U32};
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

/// A change of offset as [`Fixed::run_across`] reads it (public in name only,
/// for the `Zonable` trait, as `Spot` is for `WeekGate`). Positions are in
/// the wall-clock week (as if the wall clock were UTC), distances in seconds
/// from the second before the change.
#[derive(Clone, Copy, Debug)]
#[cfg_attr(not(feature = "tz"), allow(dead_code))] // for zoned schedules
pub struct Across {
    /// The second before the change on the wall clock before it.
    pub(crate) before: u32,
    /// The same second on the wall clock after the change.
    pub(crate) after: u32,
    /// Triggers and closed stretches before the change are the zone's only
    /// less than this far back.
    pub(crate) settled_back: u32,
    /// When not 0, the gate after the change must be closed from the change
    /// for `closed_for - 1` seconds more (the answer is then also the first
    /// run after any of those seconds); else `None`.
    pub(crate) closed_for: u32,
    /// The triggers of the clock after the change in its first `skip`
    /// seconds are not the zone's (a fold's repeated times).
    pub(crate) skip: u32,
    /// The triggers of the clock before the change in the first `extra`
    /// seconds after it are the zone's too (a gap's shifted times).
    pub(crate) extra: u32,
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
        Some(self.run_ahead_reach(day_of_week, in_day)?.0)
    }

    /// [`run_ahead`](Fixed::run_ahead), and how far back before the instant
    /// its answer looked: the seconds back to the start of the closed
    /// stretch containing it when a trigger waiting there decides the run,
    /// else 0 (the answer depends on the triggers and the gate from the
    /// instant to the run only). The zoned fast path needs all of that to
    /// lie in one span.
    ///
    /// Always inlined: out of line it returns its pair through memory, and
    /// the fixed path (`run_ahead`) paid 7-8 instructions a call for it.
    #[inline(always)]
    pub(crate) fn run_ahead_reach(self, day_of_week: u32, in_day: u32) -> Option<(u32, u32)> {
        let trigger = self.plan.ahead(day_of_week, in_day)?;
        if self.always_open {
            return Some((trigger, 0));
        }
        let week = day_of_week * DAY_U32 + in_day;
        let here = self.gate.spot(week);
        let mut reach = 0;
        if !here.open {
            let opens = self.gate.open_ahead(here)?;
            // The first trigger ahead runs at the opening, and so would any
            // trigger waiting since before the instant: those do not matter.
            if trigger <= opens {
                return Some((opens, 0));
            }
            reach = self.gate.closed_back(here)?;
            if self.plan.back(day_of_week, in_day)? <= reach {
                return Some((opens, reach));
            }
        }
        let wait = self.gate.open_ahead(self.gate.spot(week + trigger))?;
        Some((trigger + wait, reach))
    }

    /// Seconds from the second before a change of offset to the first run
    /// at or after the change, read on the wall clocks before and after it
    /// (see [`Across`]); `None` when that needs something the two wall
    /// clocks do not settle (or there is no run), for the caller's generic
    /// rule to answer.
    ///
    /// The run rule at the second before the change: a trigger waiting in
    /// the closed stretch containing it runs at the first opening from the
    /// change on; else the first trigger from the change on runs at its
    /// opening. The closed stretch and its triggers are read on the clock
    /// before the change, the opening and the triggers from the change on
    /// on the clock after it.
    #[cfg_attr(not(feature = "tz"), allow(dead_code))] // for zoned schedules
    pub(crate) fn run_across(self, change: Across) -> Option<u32> {
        let Across {
            before,
            after,
            settled_back,
            closed_for,
            skip,
            extra,
        } = change;
        let at = |week: u32| (week % WEEK_U32 / DAY_U32, week % DAY_U32);
        if closed_for > 0 {
            let here = self.gate.spot((after + closed_for) % WEEK_U32);
            if here.open || self.gate.closed_back(here)? < closed_for - 1 {
                return None;
            }
        }
        let opens = 1 + self.gate.open_ahead(self.gate.spot((after + 1) % WEEK_U32))?;
        let here = self.gate.spot(before);
        if !here.open {
            let closed = self.gate.closed_back(here)?;
            let (day, in_day) = at(before);
            let back = self.plan.back(day, in_day)?;
            // Waiting, the trigger found decides; else the stretch's start
            // does (no trigger from there on).
            if back.min(closed) >= settled_back {
                return None;
            }
            if back <= closed {
                return Some(opens);
            }
        }
        let (day, in_day) = at(after + skip);
        let mut first = skip + self.plan.ahead(day, in_day)?;
        if extra > 0 {
            let (day, in_day) = at(before);
            let shifted = self.plan.ahead(day, in_day)?;
            if shifted <= extra {
                first = first.min(shifted);
            }
        }
        Some(first + self.gate.open_ahead(self.gate.spot((after + first) % WEEK_U32))?)
    }

    /// Seconds from a change of offset to the first opening at or after it
    /// on the wall clock after it (`change`, that clock's position of the
    /// change, below three weeks), when the last trigger of the clock before
    /// at or before the second before the change (`last`, its position on
    /// that clock) waits across the change; else `None`. The span before
    /// the change has the zone's triggers and closed stretches less than
    /// `settled_back` seconds before `last`. `since` is the seconds from a
    /// query before the change to `last`, where the query's fast answer is
    /// settled and at or past the change; else 0.
    ///
    /// A trigger after such a query runs at or past the change (the fast
    /// answer), so the gate is closed from it to the change; any other
    /// waits when it is settled and in the closed stretch at the change
    /// (then nothing runs from the query to the change either). A waiting
    /// trigger runs at the first opening from the change on, which no
    /// trigger from the change on precedes: those (a gap's shifted times, a
    /// fold's repeated ones included) need not be read.
    ///
    /// `since` only spares the read of the closed stretch: a trigger after
    /// such a query is settled and in that stretch too. So mutants that
    /// shrink `since` (`last / from` for `last - from` in the caller) are
    /// equivalent, only slower; as are `None` for the whole answer, and
    /// `<=` for `<` against the stretch (a trigger at its first second
    /// then goes on to `run_across`, which finds it waiting): both only
    /// leave queries to the slower paths.
    #[cfg_attr(not(feature = "tz"), allow(dead_code))] // for zoned schedules
    #[inline]
    pub(crate) fn opens_past_change(
        self,
        last: u32,
        since: u32,
        settled_back: u32,
        change: u32,
    ) -> Option<u32> {
        // Open throughout, a trigger runs at once: none waits.
        if self.always_open {
            return None;
        }
        let back = self.plan.back(last / DAY_U32, last % DAY_U32)?;
        if back >= since {
            if back >= settled_back {
                return None;
            }
            let here = self.gate.spot(last);
            if here.open || self.gate.closed_back(here)? < back {
                return None;
            }
        }
        self.gate.open_ahead(self.gate.spot(change))
    }

    /// Seconds back from second `in_day` (up to [`DAY_U32`], the end of the
    /// day) of UTC day-of-week `day_of_week` to the latest run strictly
    /// before it: at least 1, at most two weeks.
    ///
    /// The rule of [`engine::run_before`](crate::engine::run_before), as the
    /// mirror of [`run_ahead`](Fixed::run_ahead). When the gate is open at
    /// the second before the instant, the last trigger strictly before the
    /// instant (found from the day and second as they are) runs before it,
    /// and no later trigger does. When it is closed there, the triggers of
    /// that closed stretch all run at or after the instant, and the latest
    /// run before it is that of the last trigger strictly before the
    /// stretch, which finds the gate open at the stretch's last open second.
    #[inline]
    pub(crate) fn run_behind(self, day_of_week: u32, in_day: u32) -> Option<u32> {
        if self.always_open {
            return self.plan.behind(day_of_week, in_day);
        }
        // Two weeks on, so that going back never goes below zero.
        let before = 2 * WEEK_U32 + day_of_week * DAY_U32 + in_day;
        let here = self.gate.spot(before - 1);
        let back = if here.open {
            self.plan.behind(day_of_week, in_day)?
        } else {
            self.trigger_before_closed(before, here)?
        };
        self.run_of_trigger_back(before, back)
    }

    /// Seconds back from week position `before` (two weeks on, as in
    /// [`run_behind`](Fixed::run_behind)) to the last trigger strictly
    /// before the closed stretch containing `here`, the spot of the second
    /// before `before`; and the seconds back to that stretch's start.
    #[inline]
    pub(crate) fn trigger_before_closed(self, before: u32, here: Spot) -> Option<u32> {
        let closed = self.gate.closed_back(here)? + 1;
        Some(closed + self.plan.behind_position(before - closed)?)
    }

    /// Seconds back from week position `before` (two weeks on) to the run
    /// of the trigger `back` seconds before it: the trigger itself when the
    /// gate is open there, else the opening it waits for.
    #[inline]
    pub(crate) fn run_of_trigger_back(self, before: u32, back: u32) -> Option<u32> {
        let wait = self.gate.open_ahead(self.gate.spot(before - back))?;
        Some(back - wait)
    }
}

/// How many runs of a fixed-offset schedule (`plan` held to `gate`) fall in
/// `[from, to)`: in constant time on the counter's masks or, for a grid it
/// has no masks for (an interval such as 45 or 90 minutes, which neither
/// divides an hour nor is whole hours), by walking at most two weeks of
/// runs (at most 630 a week: such a grid is 16 minutes or more).
pub(crate) fn count_fixed<E: Engine>(
    schedule: &E,
    plan: ShiftedPlan,
    gate: StartGate,
    always_open: bool,
    from: i64,
    to: i64,
) -> u64 {
    if always_open {
        return plan.pattern().count_in(from, to);
    }
    match Counter::new(plan, &gate) {
        Some(counter) => counter.count(from, to),
        // No timed triggers: no runs. A shortcut only: walking finds no run
        // either (its first `run_after` is `None`), so the mutant that drops
        // this arm (guard to `false`) is equivalent.
        None if matches!(plan.pattern(), crate::trigger::TriggerPattern::None) => 0,
        None => count_by_weeks(schedule, from, to),
    }
}

/// The runs in `[from, to)` as whole weeks times one week's runs, walked
/// once, plus the rest of less than a week, walked: a fixed-offset
/// schedule's runs repeat every week.
fn count_by_weeks<E: Engine>(schedule: &E, from: i64, to: i64) -> u64 {
    // (`to >= from` does as well: an empty range walks to nothing; an
    // equivalent mutant.)
    let weeks = if to > from { (to - from) / WEEK } else { 0 };
    if weeks == 0 {
        return engine::count_by_walking(schedule, from, to);
    }
    // `from + weeks * WEEK <= to`: no overflow.
    let rest = from + weeks * WEEK;
    weeks as u64 * engine::count_by_walking(schedule, from, from + WEEK)
        + engine::count_by_walking(schedule, rest, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::BackupSchedule;
    use crate::engine::count_by_walking;
    use crate::offset::MinuteOffset;
    use crate::schedule::Schedule;
    use crate::trigger::Interval;
    use crate::weekdays::Weekdays;
    use crate::window::Window;
    use chrono::NaiveTime;

    /// A small deterministic generator (xorshift).
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        fn window(&mut self) -> Window {
            let density = 1 + self.below(6);
            let mut hours = [false; 168];
            // Runs of hours, so that there are stretches both ways.
            let mut open = self.below(2) == 0;
            let mut hour = 0;
            while hour < 168 {
                let length = 1 + self.below(density * 8) as usize;
                for slot in hours.iter_mut().skip(hour).take(length) {
                    *slot = open;
                }
                hour += length;
                open = !open;
            }
            let offsets = [0, 60, -180, 330, 345, -210, 7, 1439, -1439, 45];
            let offset = offsets[self.below(offsets.len() as u64) as usize];
            Window::new(&hours, offset).unwrap()
        }

        fn instant(&mut self) -> i64 {
            // 1990 to 2100, and some before 1970.
            -400_000_000 + self.below(4_500_000_000) as i64
        }
    }

    /// Counting agrees with walking the runs one by one, for copy and backup
    /// job schedules, single and split gates, grids that divide an hour or
    /// are whole hours, daily triggers, trigger offsets.
    #[test]
    fn counting_agrees_with_walking() {
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
        let minutes = [5, 10, 15, 30, 60, 120, 240, 480, 720, 1440, 45, 90];
        let mut total = 0;
        for case in 0..1500 {
            let every = Interval::from_minutes(minutes[random.below(minutes.len() as u64) as usize]).unwrap();
            let shift = MinuteOffset::from_minutes(random.below(2879) as i32 - 1439).unwrap();
            let days = Weekdays::from_bits(random.below(128) as u8);
            let at = NaiveTime::from_num_seconds_from_midnight_opt(random.below(86_400) as u32 / 60 * 60, 0)
                .unwrap();
            let (window, other) = (random.window(), random.window());
            let schedules: [&dyn Fn(i64, i64) -> (u64, u64, String); 5] = [
                // Grids of minutes under two windows: not reachable from the
                // API, but the counter must not care.
                &|from, to| {
                    let s = BackupSchedule::periodic(every)
                        .with_backup_window(window)
                        .with_permitted_hours_unchecked(other)
                        .with_trigger_offset(shift);
                    (
                        s.count_runs(from, to),
                        count_by_walking(&s, from, to),
                        format!("{s:?}"),
                    )
                },
                &|from, to| {
                    let s = BackupSchedule::daily(days, at)
                        .unwrap()
                        .with_backup_window(window)
                        .with_permitted_hours_unchecked(other);
                    (
                        s.count_runs(from, to),
                        count_by_walking(&s, from, to),
                        format!("{s:?}"),
                    )
                },
                &|from, to| {
                    let s = Schedule::periodic(every)
                        .with_window(window)
                        .with_trigger_offset(shift);
                    (
                        s.count_runs(from, to),
                        count_by_walking(&s, from, to),
                        format!("{s:?}"),
                    )
                },
                &|from, to| {
                    let s = Schedule::daily(days, at).unwrap().with_window(window);
                    (
                        s.count_runs(from, to),
                        count_by_walking(&s, from, to),
                        format!("{s:?}"),
                    )
                },
                &|from, to| {
                    let hours = Interval::from_minutes(every.minutes() / 60 * 60).unwrap_or(every);
                    let mut s = BackupSchedule::periodic(hours).with_backup_window(window);
                    if hours.minutes() % 60 == 0 {
                        s = s
                            .with_offset_minutes(random_offset(case))
                            .unwrap()
                            .with_permitted_hours(other)
                            .unwrap();
                    }
                    (
                        s.count_runs(from, to),
                        count_by_walking(&s, from, to),
                        format!("{s:?}"),
                    )
                },
            ];
            for counts in schedules {
                for _ in 0..3 {
                    let from = random.instant();
                    let length = match random.below(4) {
                        0 => random.below(3_600) as i64,
                        1 => random.below(86_400 * 2) as i64,
                        _ => random.below(22 * 86_400) as i64,
                    };
                    let (counted, walked, shown) = counts(from, from + length);
                    assert_eq!(
                        counted,
                        walked,
                        "case {case}: [{from}, {}) {shown}",
                        from + length
                    );
                    total += walked;
                }
            }
        }
        // The ranges held runs to count (a guard on the generator).
        assert!(total > 100_000, "{total} runs");
    }

    fn random_offset(case: usize) -> u32 {
        [0, 15, 1, 59, 30][case % 5]
    }
}
