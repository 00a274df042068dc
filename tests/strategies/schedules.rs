//! Schedules in both forms: the engine's [`Schedule`], built through the
//! public API, and the reference model's [`RefSchedule`].

use backup_schedule::Schedule;
use proptest::prelude::*;

use super::{instants, offsets, triggers, windows};
use crate::reference::{self, RefSchedule, RefTrigger, RefWindow};

/// One schedule in both forms.
#[derive(Clone, Debug)]
pub struct Pair {
    pub engine: Schedule,
    pub reference: RefSchedule,
}

use super::forms::to_engine;

/// Both forms of a reference schedule.
pub fn pair(reference: RefSchedule) -> Pair {
    Pair {
        engine: to_engine(&reference),
        reference,
    }
}

fn build(
    trigger: impl Strategy<Value = RefTrigger>,
    trigger_offset: impl Strategy<Value = i32>,
    window: impl Strategy<Value = Option<RefWindow>>,
) -> impl Strategy<Value = Pair> {
    (trigger, trigger_offset, window).prop_map(|(trigger, trigger_offset, window)| {
        pair(RefSchedule {
            trigger,
            trigger_offset,
            window,
        })
    })
}

/// Any schedule, its triggers sometimes read at an offset from UTC.
pub fn schedule() -> impl Strategy<Value = Pair> {
    build(
        triggers::trigger(),
        offsets::trigger_offset(),
        windows::maybe_window(),
    )
}

/// A daily or periodic schedule.
pub fn timed_schedule() -> impl Strategy<Value = Pair> {
    build(
        triggers::timed_trigger(),
        offsets::trigger_offset(),
        windows::maybe_window(),
    )
}

/// A schedule with a window.
pub fn windowed_schedule() -> impl Strategy<Value = Pair> {
    build(
        triggers::trigger(),
        offsets::trigger_offset(),
        windows::window().prop_map(Some),
    )
}

/// A schedule the API can express (for the JSON round trip): its triggers
/// read at UTC.
pub fn api_schedule() -> impl Strategy<Value = Pair> {
    build(triggers::api_trigger(), Just(0), windows::maybe_window())
}

/// Moves `t` onto something of the schedule, decided by the reference
/// (never the engine): `which` 0 keeps `t`; 1, 2, 3 put it on the next run,
/// one second before it, one second after it; 4, 5, 6 on the next opening,
/// the next closing, one second before the next closing; 7, 8 on the
/// previous run and one second after it. Stays within chrono's range.
pub fn snap(reference: &RefSchedule, t: i64, which: u8) -> i64 {
    let target = match which {
        1 => reference::next_run(reference, t),
        2 => reference::next_run(reference, t).map(|r| r - 1),
        3 => reference::next_run(reference, t).map(|r| r + 1),
        4 => reference::next_open(reference, t),
        5 => reference::next_close(reference, t),
        6 => reference::next_close(reference, t).map(|c| c - 1),
        7 => reference::prev_run(reference, t),
        8 => reference::prev_run(reference, t).map(|r| r + 1),
        _ => None,
    };
    target.map_or(t, |target| {
        target.clamp(instants::min_secs(), instants::max_secs())
    })
}

/// A schedule and a whole second that is often exactly on one of its runs or
/// window edges, or one second off; sometimes at chrono's ends.
pub fn schedule_and_secs() -> impl Strategy<Value = (Pair, i64)> {
    (schedule(), instants::any_secs(), 0..10u8).prop_map(|(pair, t, which)| {
        let t = snap(&pair.reference, t, which);
        (pair, t)
    })
}

/// A schedule with a window and a whole second, often on an edge.
pub fn windowed_schedule_and_secs() -> impl Strategy<Value = (Pair, i64)> {
    (windowed_schedule(), instants::any_secs(), 0..10u8).prop_map(|(pair, t, which)| {
        let t = snap(&pair.reference, t, which);
        (pair, t)
    })
}
