//! Run explanations against the naive reference model: the trigger a run
//! reports is a trigger, leads to that run, and is the earliest one that does.

mod reference;
mod strategies;

use backup_schedule::Timetable;
use chrono::{DateTime, Utc};
use proptest::prelude::*;

use reference::{RefSchedule, RefTrigger};
use strategies::Pair;

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("in range")
}

/// Whether Unix second `t` is a trigger of `s`, from the definition: a grid
/// point of the interval from 00:00 UTC, or `dailyTime` on a selected UTC day
/// (1970-01-01 was a Thursday, day 4 counting from Sunday).
fn is_trigger(s: &RefSchedule, t: i64) -> bool {
    match s.trigger {
        RefTrigger::Immediate => false,
        RefTrigger::Periodic { every_minutes } => t.rem_euclid(i64::from(every_minutes) * 60) == 0,
        RefTrigger::Daily { days, at_secs } => {
            let day = t.div_euclid(86_400);
            t.rem_euclid(86_400) == i64::from(at_secs) && days[(day + 4).rem_euclid(7) as usize]
        }
    }
}

/// The trigger before `t`, by stepping back one second at a time over at
/// most eight days (every schedule here triggers at least weekly).
fn previous_trigger(s: &RefSchedule, t: i64) -> Option<i64> {
    (t - 8 * 86_400..t).rev().find(|&x| is_trigger(s, x))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_reported_trigger_is_the_earliest_that_leads_to_the_run(
        (pair, t) in strategies::schedule_and_secs()
    ) {
        let Pair { engine, reference } = pair;
        let detail = engine.explain_next(at(t));
        prop_assert_eq!(detail.map(|d| d.run), engine.next_run(at(t)));
        if let Some(detail) = detail {
            let (run, trigger) = (detail.run.timestamp(), detail.trigger.timestamp());
            prop_assert!(trigger <= run);
            prop_assert!(is_trigger(&reference, trigger), "{} is not a trigger", detail.trigger);
            // The first open instant at or after the trigger is the run.
            prop_assert_eq!(reference::next_open(&reference, trigger), Some(run));
            // The trigger before it ran earlier (else it would be reported).
            if let Some(previous) = previous_trigger(&reference, trigger) {
                let previous_run = reference::next_open(&reference, previous);
                prop_assert!(previous_run.is_some_and(|r| r < run), "trigger {} also leads to {}", at(previous), detail.run);
            }
            prop_assert_eq!(detail.deadline.map(|d| d.timestamp()), reference::next_close(&reference, run));
            prop_assert_eq!(detail.waited(), trigger != run);
        }
    }
}
