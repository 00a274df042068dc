//! Hand-derived cases: each one states how its expected instant was worked
//! out. The expectations are checked against the engine and, for
//! whole-second queries, against the reference model too (which so gets its
//! own unit tests).
//!
//! Calendar facts (checked with Python's `datetime`, not with the crate):
//! 2026-11-28 Sat, 11-29 Sun, 11-30 Mon, 12-01 Tue, 12-02 Wed, 12-03 Thu,
//! 12-04 Fri, 12-05 Sat, 12-06 Sun, 12-07 Mon, 12-08 Tue, 12-09 Wed.
//!
//! Window indices: `day * 24 + hour` of local time, day 0 = Sunday; local =
//! UTC + minuteOffset.

mod reference;
#[cfg(feature = "tz")]
mod reference_zoned;
mod strategies;

use backup_schedule::vb365::CopyJobSchedulePolicy;
use backup_schedule::{Interval, MinuteOffset, Schedule, Timetable, Weekdays, Window};
use chrono::{DateTime, Datelike, NaiveTime, Timelike, Utc, Weekday};
use serde_json::{json, Value};

use reference::{RefSchedule, RefTrigger, RefWindow, HOURS};
use strategies::forms::to_reference;

/// Open stretches of a window: `(local day, from hour, to hour)`, where `to`
/// may pass 24 to run into the next day (and past Saturday into Sunday).
type Stretches = &'static [(usize, usize, usize)];

fn hours(open: Stretches) -> [bool; HOURS] {
    let mut hours = [false; HOURS];
    for &(day, from, to) in open {
        for hour in from..to {
            hours[(day * 24 + hour) % HOURS] = true;
        }
    }
    hours
}

/// The window fields of a JSON policy.
#[derive(Clone, Copy)]
enum Win {
    /// No window fields at all.
    Absent,
    /// `backupCopyWindowEnabled: true` with these open stretches and offset.
    On(Stretches, i32),
    /// Settings present but `backupCopyWindowEnabled: false`.
    Off(Stretches, i32),
}

#[derive(Clone, Copy)]
enum Source {
    /// The policy's trigger fields as JSON object text, plus the window;
    /// read with `CopyJobSchedulePolicy::from_json` and `Schedule::try_from`.
    Json(&'static str, Win),
    /// Built with the builder API.
    Built(fn() -> Schedule),
}

/// A query and its hand-derived answer (RFC 3339 UTC instants).
#[derive(Clone, Copy)]
enum Ask {
    NextRun(&'static str, Option<&'static str>),
    /// The first runs after an instant; none at all when empty.
    Upcoming(&'static str, &'static [&'static str]),
    RunsBetween(&'static str, &'static str, &'static [&'static str]),
    IsOpen(&'static str, bool),
    NextOpen(&'static str, Option<&'static str>),
    NextClose(&'static str, Option<&'static str>),
    /// The last run strictly before an instant.
    PrevRun(&'static str, Option<&'static str>),
    /// The first runs before an instant, latest first; none at all when
    /// empty.
    Past(&'static str, &'static [&'static str]),
    /// `explain_next`: the run, the earliest trigger it serves, its deadline.
    ExplainNext(
        &'static str,
        Option<(&'static str, &'static str, Option<&'static str>)>,
    ),
    /// `explain_event` (a restore point, a start by hand): the run and its
    /// deadline; its trigger is the event's instant.
    Event(&'static str, Option<(&'static str, Option<&'static str>)>),
}

struct Case {
    name: &'static str,
    source: Source,
    ask: Ask,
}

// Windows used by several cases.

/// Monday to Friday 20:00-23:00 local.
const MON_FRI_20_23: Stretches = &[(1, 20, 23), (2, 20, 23), (3, 20, 23), (4, 20, 23), (5, 20, 23)];
/// Monday to Friday 09:00-17:00 local.
const MON_FRI_9_17: Stretches = &[(1, 9, 17), (2, 9, 17), (3, 9, 17), (4, 9, 17), (5, 9, 17)];
/// Saturday 22:00 to Sunday 02:00 local: indices 166, 167, 0, 1 (wraps the week).
const SAT_22_TO_SUN_2: Stretches = &[(6, 22, 26)];
/// Monday 00:00-01:00 local: index 24.
const MON_0_1: Stretches = &[(1, 0, 1)];
/// Monday 09:00-10:00 local: index 33.
const MON_9_10: Stretches = &[(1, 9, 10)];
/// Tuesday 06:00-08:00 local: indices 54, 55.
const TUE_6_8: Stretches = &[(2, 6, 8)];
/// Wednesday 12:00-13:00 local: index 84.
const WED_12_13: Stretches = &[(3, 12, 13)];
/// Monday 00:00-02:00 local: indices 24, 25.
const MON_0_2: Stretches = &[(1, 0, 2)];
/// Sunday 00:00-01:00 local: index 0.
const SUN_0_1: Stretches = &[(0, 0, 1)];
/// Saturday 23:00-24:00 local: index 167.
const SAT_23_24: Stretches = &[(6, 23, 24)];
/// Thursday 23:00-24:00 local: index 119.
const THU_23_24: Stretches = &[(4, 23, 24)];
/// Nothing open.
const NEVER: Stretches = &[];
/// Everything open.
const ALWAYS: Stretches = &[(0, 0, 168)];

const WORKDAYS_22: &str = r#""type": "DailyAtTime", "dailyType": "Workdays", "dailyTime": "22:00:00""#;
const EVERYDAY_12: &str = r#""type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "12:00:00""#;
const EVERYDAY_8: &str = r#""type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "08:00:00""#;
const IMMEDIATE: &str = r#""type": "Immediate""#;

fn at(h: u32, m: u32, s: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, s).unwrap()
}

fn with(schedule: Schedule, open: Stretches, offset: i32) -> Schedule {
    schedule.with_window(Window::new(&hours(open), offset).unwrap())
}

// Builder-API schedules.
fn hourly_sat_sun_wrap() -> Schedule {
    with(
        Schedule::periodic(Interval::from_minutes(60).unwrap()),
        SAT_22_TO_SUN_2,
        0,
    )
}
fn every_15_mon_9_10() -> Schedule {
    with(
        Schedule::periodic(Interval::from_minutes(15).unwrap()),
        MON_9_10,
        0,
    )
}
fn every_10_nepal() -> Schedule {
    with(
        Schedule::periodic(Interval::from_minutes(10).unwrap()),
        TUE_6_8,
        345,
    )
}
fn sunday_1830_india() -> Schedule {
    with(
        Schedule::daily(Weekdays::NONE.with(Weekday::Sun), at(18, 30, 0)).unwrap(),
        MON_0_1,
        330,
    )
}
fn sunday_1930_india() -> Schedule {
    with(
        Schedule::daily(Weekdays::NONE.with(Weekday::Sun), at(19, 30, 0)).unwrap(),
        MON_0_1,
        330,
    )
}
fn sunday_192959_india() -> Schedule {
    with(
        Schedule::daily(Weekdays::NONE.with(Weekday::Sun), at(19, 29, 59)).unwrap(),
        MON_0_1,
        330,
    )
}
fn hourly_no_window() -> Schedule {
    Schedule::periodic(Interval::from_minutes(60).unwrap())
}
fn mon_wed_0700_no_window() -> Schedule {
    let days = Weekdays::NONE.with(Weekday::Mon).with(Weekday::Wed);
    Schedule::daily(days, at(7, 0, 0)).unwrap()
}
fn immediate_newfoundland_minus_1439() -> Schedule {
    with(Schedule::immediate(), SAT_23_24, -1439)
}
fn every_12h_minus_720() -> Schedule {
    with(
        Schedule::periodic(Interval::from_minutes(720).unwrap()),
        SUN_0_1,
        -720,
    )
}
fn read_at(schedule: Schedule, minutes: i32) -> Schedule {
    schedule.with_trigger_offset(MinuteOffset::from_minutes(minutes).unwrap())
}
fn workdays_2200_at_plus_180() -> Schedule {
    read_at(Schedule::daily(Weekdays::WORKDAYS, at(22, 0, 0)).unwrap(), 180)
}
fn workdays_2200_at_plus_180_in_its_window() -> Schedule {
    with(workdays_2200_at_plus_180(), MON_FRI_20_23, 180)
}
fn sunday_0200_at_india() -> Schedule {
    read_at(
        Schedule::daily(Weekdays::NONE.with(Weekday::Sun), at(2, 0, 0)).unwrap(),
        330,
    )
}
fn every_12h_at_india() -> Schedule {
    read_at(Schedule::periodic(Interval::from_minutes(720).unwrap()), 330)
}
fn monday_0100_at_minus_1439() -> Schedule {
    read_at(Schedule::daily(Weekdays::MONDAY, at(1, 0, 0)).unwrap(), -1439)
}

const CASES: &[Case] = &[
    // ---- The crate's worked example: Mon-Fri 20-23 local, +180, Workdays 22:00:00 UTC. ----
    Case {
        // Asked Sat 11-28 15:00Z (Sat 18:00 local, closed). Friday 11-27's 22:00Z trigger is
        // Sat 01:00 local (closed); it waits over the weekend for Mon 20:00 local = Mon 17:00Z.
        name: "example: Friday's trigger waits for Monday",
        source: Source::Json(WORKDAYS_22, Win::On(MON_FRI_20_23, 180)),
        ask: Ask::NextRun("2026-11-28T15:00:00Z", Some("2026-11-30T17:00:00Z")),
    },
    Case {
        // Strictly after the run Mon 17:00Z: Monday 11-30's 22:00Z trigger is Tue 01:00 local
        // (closed) and runs Tue 20:00 local = Tue 12-01 17:00Z.
        name: "example: after exactly on a run gives the following run",
        source: Source::Json(WORKDAYS_22, Win::On(MON_FRI_20_23, 180)),
        ask: Ask::NextRun("2026-11-30T17:00:00Z", Some("2026-12-01T17:00:00Z")),
    },
    Case {
        // A run at Mon 17:00Z = 20:00 local ends when the window closes at 23:00 local = 20:00Z.
        name: "example: deadline of Monday's run",
        source: Source::Json(WORKDAYS_22, Win::On(MON_FRI_20_23, 180)),
        ask: Ask::NextClose("2026-11-30T17:00:00Z", Some("2026-11-30T20:00:00Z")),
    },
    Case {
        // Mon 16:59:59Z = 19:59:59 local: the hour 19 of Monday is not allowed.
        name: "example: closed one second before the opening",
        source: Source::Json(WORKDAYS_22, Win::On(MON_FRI_20_23, 180)),
        ask: Ask::IsOpen("2026-11-30T16:59:59Z", false),
    },
    Case {
        // Mon 17:00:00Z = 20:00:00 local: hour 20 of Monday is allowed.
        name: "example: open at the opening",
        source: Source::Json(WORKDAYS_22, Win::On(MON_FRI_20_23, 180)),
        ask: Ask::IsOpen("2026-11-30T17:00:00Z", true),
    },
    Case {
        // Thu 12-03 22:00Z = Fri 01:00 local -> runs Fri 20:00 local = Fri 12-04 17:00Z. After
        // that, Fri 12-04 22:00Z = Sat 01:00 local, closed all weekend -> Mon 12-07 20:00 local
        // = 17:00Z.
        name: "example: Friday's run, then over the weekend",
        source: Source::Json(WORKDAYS_22, Win::On(MON_FRI_20_23, 180)),
        ask: Ask::Upcoming(
            "2026-12-04T12:00:00Z",
            &["2026-12-04T17:00:00Z", "2026-12-07T17:00:00Z"],
        ),
    },
    Case {
        // Mon 16:59:59.5Z is closed (19:59:59 local); the window opens at 20:00 local = 17:00Z.
        name: "example: next_open from a sub-second closed instant",
        source: Source::Json(WORKDAYS_22, Win::On(MON_FRI_20_23, 180)),
        ask: Ask::NextOpen("2026-11-30T16:59:59.5Z", Some("2026-11-30T17:00:00Z")),
    },
    Case {
        // Mon 17:00:00.25Z is open (20:00 local): next_open is the instant itself.
        name: "example: next_open of an open sub-second instant is itself",
        source: Source::Json(WORKDAYS_22, Win::On(MON_FRI_20_23, 180)),
        ask: Ask::NextOpen("2026-11-30T17:00:00.25Z", Some("2026-11-30T17:00:00.25Z")),
    },
    // ---- Offset -300 (UTC-05:00), Mon-Fri 09-17 local, Everyday 12:00:00 UTC = 07:00 local. ----
    Case {
        // Thu 12-03 12:00Z trigger = 07:00 local, closed; the window opens 09:00 local = 14:00Z.
        // Asked at 13:00Z (08:00 local, closed since Wed 17:00 local), that trigger's run is
        // still ahead: 14:00Z. Fri: the same, 12-04 14:00Z. Sat 12:00Z, Sun 12:00Z and Mon
        // 12:00Z (Sat/Sun/Mon 07:00 local) all wait for Mon 09:00 local = Mon 12-07 14:00Z:
        // one run.
        name: "-300: a trigger before `after` still waiting; weekend triggers coalesce",
        source: Source::Json(EVERYDAY_12, Win::On(MON_FRI_9_17, -300)),
        ask: Ask::Upcoming(
            "2026-12-03T13:00:00Z",
            &[
                "2026-12-03T14:00:00Z",
                "2026-12-04T14:00:00Z",
                "2026-12-07T14:00:00Z",
                "2026-12-08T14:00:00Z",
            ],
        ),
    },
    Case {
        // Fri 12-04 22:00Z = 17:00 local: hour 17 is not allowed (window is [09:00, 17:00)).
        name: "-300: closed at the closing edge",
        source: Source::Json(EVERYDAY_12, Win::On(MON_FRI_9_17, -300)),
        ask: Ask::IsOpen("2026-12-04T22:00:00Z", false),
    },
    Case {
        // Fri 12-04 21:59:59Z = 16:59:59 local, open; closes 17:00 local = 22:00Z.
        name: "-300: next_close one second before the edge",
        source: Source::Json(EVERYDAY_12, Win::On(MON_FRI_9_17, -300)),
        ask: Ask::NextClose("2026-12-04T21:59:59Z", Some("2026-12-04T22:00:00Z")),
    },
    Case {
        // Fri 12-04 22:00Z (17:00 local) is closed: the next open stretch is Mon 12-07
        // 09:00-17:00 local = 14:00Z-22:00Z, so the next close is Mon 22:00Z.
        name: "-300: next_close from the closing edge is the next stretch's end",
        source: Source::Json(EVERYDAY_12, Win::On(MON_FRI_9_17, -300)),
        ask: Ask::NextClose("2026-12-04T22:00:00Z", Some("2026-12-07T22:00:00Z")),
    },
    // ---- Offset 0, window Sat 22:00 to Sun 02:00 local across the week's end, hourly. ----
    Case {
        // Sat 11-28 22:00Z, 23:00Z (indices 166, 167), Sun 11-29 00:00Z, 01:00Z (indices 0, 1) are
        // open triggers; 02:00Z is closed, so the next is Sat 12-05 22:00Z.
        name: "0: hourly through a window that wraps Saturday into Sunday",
        source: Source::Built(hourly_sat_sun_wrap),
        ask: Ask::Upcoming(
            "2026-11-28T21:30:00Z",
            &[
                "2026-11-28T22:00:00Z",
                "2026-11-28T23:00:00Z",
                "2026-11-29T00:00:00Z",
                "2026-11-29T01:00:00Z",
                "2026-12-05T22:00:00Z",
            ],
        ),
    },
    Case {
        // Sat 22:30 is in the stretch Sat 22:00 - Sun 02:00 (index 167 then 0 are both open).
        name: "0: next_close across the week's end",
        source: Source::Built(hourly_sat_sun_wrap),
        ask: Ask::NextClose("2026-11-28T22:30:00Z", Some("2026-11-29T02:00:00Z")),
    },
    Case {
        // Sun 02:00 is closed (index 2); the window next opens Sat 12-05 22:00.
        name: "0: next_open from the closing edge",
        source: Source::Built(hourly_sat_sun_wrap),
        ask: Ask::NextOpen("2026-11-29T02:00:00Z", Some("2026-12-05T22:00:00Z")),
    },
    Case {
        // From the closed Sun 02:00, the next stretch (Sat 12-05 22:00) ends Sun 12-06 02:00.
        name: "0: next_close from the closing edge",
        source: Source::Built(hourly_sat_sun_wrap),
        ask: Ask::NextClose("2026-11-29T02:00:00Z", Some("2026-12-06T02:00:00Z")),
    },
    // ---- Offset 0, every 15 minutes, window Mon 09:00-10:00. ----
    Case {
        // Triggers Mon 11-30 08:15, 08:30, 08:45 are closed and wait for 09:00: one run at 09:00
        // (the 09:00 trigger is the same run). Then 09:15 and 09:30 are open.
        name: "0: periodic triggers in a closed stretch coalesce at the opening",
        source: Source::Built(every_15_mon_9_10),
        ask: Ask::Upcoming(
            "2026-11-30T08:00:00Z",
            &[
                "2026-11-30T09:00:00Z",
                "2026-11-30T09:15:00Z",
                "2026-11-30T09:30:00Z",
            ],
        ),
    },
    Case {
        // After 09:45, the 10:00 trigger is at the closing edge: closed, waits for next Monday
        // 09:00 = 12-07 09:00Z.
        name: "0: trigger on the closing edge waits a week",
        source: Source::Built(every_15_mon_9_10),
        ask: Ask::NextRun("2026-11-30T09:45:00Z", Some("2026-12-07T09:00:00Z")),
    },
    // ---- Offset +330 (India), window Mon 00:00-01:00 local = Sun 18:30-19:30 UTC. ----
    Case {
        // Sun 11-29 18:29:59Z = Sun 23:59:59 local: index 23, closed.
        name: "+330: closed one second before the half-hour edge",
        source: Source::Built(sunday_1830_india),
        ask: Ask::IsOpen("2026-11-29T18:29:59Z", false),
    },
    Case {
        // Sun 11-29 18:30:00Z = Mon 00:00 local: index 24, open.
        name: "+330: open at the half-hour edge",
        source: Source::Built(sunday_1830_india),
        ask: Ask::IsOpen("2026-11-29T18:30:00Z", true),
    },
    Case {
        // The stretch ends at Mon 01:00 local = Sun 19:30Z.
        name: "+330: next_close on a half hour",
        source: Source::Built(sunday_1830_india),
        ask: Ask::NextClose("2026-11-29T18:30:00Z", Some("2026-11-29T19:30:00Z")),
    },
    Case {
        // Sunday 18:30:00 UTC trigger = Mon 00:00 local, exactly the opening edge: runs there.
        name: "+330: trigger on the opening edge runs at the trigger",
        source: Source::Built(sunday_1830_india),
        ask: Ask::NextRun("2026-11-29T18:00:00Z", Some("2026-11-29T18:30:00Z")),
    },
    Case {
        // Sunday 19:30:00 UTC = Mon 01:00 local, the closing edge: closed, waits for the next
        // Mon 00:00 local = Sun 12-06 18:30Z.
        name: "+330: trigger on the closing edge waits a week",
        source: Source::Built(sunday_1930_india),
        ask: Ask::NextRun("2026-11-29T19:00:00Z", Some("2026-12-06T18:30:00Z")),
    },
    Case {
        // Sunday 19:29:59 UTC = Mon 00:59:59 local, still open: runs at the trigger.
        name: "+330: dailyTime with seconds, last open second",
        source: Source::Built(sunday_192959_india),
        ask: Ask::NextRun("2026-11-29T19:00:00Z", Some("2026-11-29T19:29:59Z")),
    },
    // ---- Offset +345 (Nepal), window Tue 06:00-08:00 local = Tue 00:15-02:15 UTC, every 10 min. ----
    Case {
        // Triggers Mon 23:10Z ... Tue 00:10Z (= 05:55 local) are closed and wait for 06:00 local
        // = 00:15Z, which is not on the grid. Then the 00:20Z and 00:30Z triggers are open.
        name: "+345: waiting triggers run at an opening off the grid",
        source: Source::Built(every_10_nepal),
        ask: Ask::Upcoming(
            "2026-11-30T23:00:00Z",
            &[
                "2026-12-01T00:15:00Z",
                "2026-12-01T00:20:00Z",
                "2026-12-01T00:30:00Z",
            ],
        ),
    },
    Case {
        // Tue 02:10Z = 07:55 local, open.
        name: "+345: last open trigger of the stretch",
        source: Source::Built(every_10_nepal),
        ask: Ask::NextRun("2026-12-01T02:00:00Z", Some("2026-12-01T02:10:00Z")),
    },
    Case {
        // Tue 02:20Z = 08:05 local, closed: waits for next Tue 06:00 local = 12-08 00:15Z.
        name: "+345: the next trigger is past the close",
        source: Source::Built(every_10_nepal),
        ask: Ask::NextRun("2026-12-01T02:10:00Z", Some("2026-12-08T00:15:00Z")),
    },
    Case {
        // Tue 02:15Z = 08:00 local, the closing edge: closed; next Tue 00:15Z.
        name: "+345: next_open from the closing edge",
        source: Source::Built(every_10_nepal),
        ask: Ask::NextOpen("2026-12-01T02:15:00Z", Some("2026-12-08T00:15:00Z")),
    },
    Case {
        // Tue 00:14:59Z = 05:59:59 local, closed: the next stretch ends 08:00 local = 02:15Z.
        name: "+345: next_close from just before the opening",
        source: Source::Built(every_10_nepal),
        ask: Ask::NextClose("2026-12-01T00:14:59Z", Some("2026-12-01T02:15:00Z")),
    },
    // ---- Offset -210 (Newfoundland), window Wed 12:00-13:00 local = Wed 15:30-16:30 UTC. ----
    Case {
        // Wednesday "15:00" (HH:MM form) = 11:30 local, closed: waits for 12:00 local = 15:30Z.
        name: "-210: HH:MM dailyTime waits for a half-hour opening",
        source: Source::Json(
            r#""type": "DailyAtTime", "dailyType": "Wednesday", "dailyTime": "15:00""#,
            Win::On(WED_12_13, -210),
        ),
        ask: Ask::NextRun("2026-12-01T00:00:00Z", Some("2026-12-02T15:30:00Z")),
    },
    Case {
        // The stretch 12:00-13:00 local ends at 16:30Z.
        name: "-210: next_close",
        source: Source::Json(
            r#""type": "DailyAtTime", "dailyType": "Wednesday", "dailyTime": "15:00""#,
            Win::On(WED_12_13, -210),
        ),
        ask: Ask::NextClose("2026-12-02T15:30:00Z", Some("2026-12-02T16:30:00Z")),
    },
    Case {
        // Wednesday 16:30:00 UTC = 13:00 local, the closing edge: closed, so each trigger
        // waits a week. The 11-25 trigger runs Wed 12-02 12:00 local = 15:30Z; strictly after
        // that run, the 12-02 16:30Z trigger runs Wed 12-09 15:30Z.
        name: "-210: trigger on the closing edge",
        source: Source::Json(
            r#""type": "DailyAtTime", "dailyType": "Wednesday", "dailyTime": "16:30:00""#,
            Win::On(WED_12_13, -210),
        ),
        ask: Ask::Upcoming(
            "2026-12-02T12:00:00Z",
            &["2026-12-02T15:30:00Z", "2026-12-09T15:30:00Z"],
        ),
    },
    // ---- Offset +840 (UTC+14), window Mon 00:00-02:00 local = Sun 10:00-12:00 UTC. ----
    Case {
        // Sunday 10:00:00 UTC = Mon 00:00 local, the opening edge: runs at the trigger.
        name: "+840: a Sunday UTC trigger is Monday local",
        source: Source::Json(
            r#""type": "DailyAtTime", "dailyType": "Sunday", "dailyTime": "10:00:00""#,
            Win::On(MON_0_2, 840),
        ),
        ask: Ask::NextRun("2026-11-29T00:00:00Z", Some("2026-11-29T10:00:00Z")),
    },
    Case {
        // Monday 11-30 00:00Z = Mon 14:00 local, closed: waits for the next Mon 00:00 local =
        // Sun 12-06 10:00Z (the run falls on a UTC Sunday for a Monday trigger).
        name: "+840: a Monday trigger runs the next Sunday UTC",
        source: Source::Json(
            r#""type": "DailyAtTime", "dailyType": "Monday", "dailyTime": "00:00:00""#,
            Win::On(MON_0_2, 840),
        ),
        ask: Ask::NextRun("2026-11-29T12:00:00Z", Some("2026-12-06T10:00:00Z")),
    },
    // ---- Offset -720, window Sun 00:00-01:00 local = Sun 12:00-13:00 UTC, every 12 hours. ----
    Case {
        // Triggers at 00:00Z and 12:00Z. After Sat 11-28 12:00Z: Sun 00:00Z = Sat 12:00 local is
        // closed and waits for Sun 00:00 local = Sun 12:00Z, where the 12:00Z trigger is open:
        // one run. Every later trigger until the next Sunday 12:00Z is closed: one run there.
        name: "-720: two triggers meet at one opening",
        source: Source::Built(every_12h_minus_720),
        ask: Ask::Upcoming(
            "2026-11-28T12:00:00Z",
            &["2026-11-29T12:00:00Z", "2026-12-06T12:00:00Z"],
        ),
    },
    // ---- Offset -1439, window Sat 23:00-24:00 local = Sun 22:59-23:59 UTC; Immediate. ----
    Case {
        // Immediate has no timed triggers.
        name: "immediate: no next run",
        source: Source::Built(immediate_newfoundland_minus_1439),
        ask: Ask::NextRun("2026-11-29T12:00:00Z", None),
    },
    Case {
        // A restore point at Sun 22:58:59Z = Sat 22:59:59 local (closed) starts at Sat 23:00
        // local = Sun 22:59Z.
        name: "immediate: restore point waits for the window (-1439)",
        source: Source::Built(immediate_newfoundland_minus_1439),
        // Its deadline: Sat 24:00 local = Sun 23:59Z.
        ask: Ask::Event(
            "2026-11-29T22:58:59Z",
            Some(("2026-11-29T22:59:00Z", Some("2026-11-29T23:59:00Z"))),
        ),
    },
    Case {
        // Sun 23:30Z = Sat 23:31 local: open, starts at once.
        name: "immediate: restore point in the window starts at once",
        source: Source::Built(immediate_newfoundland_minus_1439),
        ask: Ask::Event(
            "2026-11-29T23:30:00Z",
            Some(("2026-11-29T23:30:00Z", Some("2026-11-29T23:59:00Z"))),
        ),
    },
    Case {
        // The stretch ends at Sun 00:00 local = Sun 23:59Z.
        name: "immediate: deadline at 23:59 UTC (-1439)",
        source: Source::Built(immediate_newfoundland_minus_1439),
        ask: Ask::NextClose("2026-11-29T23:30:00Z", Some("2026-11-29T23:59:00Z")),
    },
    Case {
        // Immediate from JSON without a window: a restore point starts at once, fraction and
        // all, and nothing ends it.
        name: "immediate: no window, starts at once",
        source: Source::Json(IMMEDIATE, Win::Absent),
        ask: Ask::Event("2026-11-29T23:30:07.25Z", Some(("2026-11-29T23:30:07.25Z", None))),
    },
    Case {
        // Immediate with an empty window: never starts.
        name: "immediate: empty window never starts",
        source: Source::Json(IMMEDIATE, Win::On(NEVER, 0)),
        ask: Ask::Event("2026-11-29T23:30:00Z", None),
    },
    // ---- Empty and full windows. ----
    Case {
        name: "empty window: no run",
        source: Source::Json(EVERYDAY_8, Win::On(NEVER, 180)),
        ask: Ask::NextRun("2026-12-01T00:00:00Z", None),
    },
    Case {
        name: "empty window: never opens",
        source: Source::Json(EVERYDAY_8, Win::On(NEVER, 180)),
        ask: Ask::NextOpen("2026-12-01T00:00:00Z", None),
    },
    Case {
        name: "empty window: never closes",
        source: Source::Json(EVERYDAY_8, Win::On(NEVER, 180)),
        ask: Ask::NextClose("2026-12-01T00:00:00Z", None),
    },
    Case {
        // Every hour allowed: nothing ever closes.
        name: "full window: never closes",
        source: Source::Json(EVERYDAY_8, Win::On(ALWAYS, 345)),
        ask: Ask::NextClose("2026-12-01T00:00:00Z", None),
    },
    Case {
        // backupCopyWindowEnabled false: the (empty) window is ignored; 08:00Z daily.
        name: "disabled window is ignored",
        source: Source::Json(EVERYDAY_8, Win::Off(NEVER, 0)),
        ask: Ask::NextRun("2026-12-01T09:00:00Z", Some("2026-12-02T08:00:00Z")),
    },
    // ---- No window: plain triggers, sub-second `after`, runs_between. ----
    Case {
        // Hours4 grid: 00, 04, ..., 20; after Sat 21:00 the next is Sun 11-29 00:00.
        name: "periodic Hours4 over midnight",
        source: Source::Json(
            r#""type": "Periodically", "periodicallyEvery": "Hours4""#,
            Win::Absent,
        ),
        ask: Ask::NextRun("2026-11-28T21:00:00Z", Some("2026-11-29T00:00:00Z")),
    },
    Case {
        // Weekends 03:30:00: after Fri 12-04 noon, Sat 12-05 03:30.
        name: "Weekends from a Friday",
        source: Source::Json(
            r#""type": "DailyAtTime", "dailyType": "Weekends", "dailyTime": "03:30:00""#,
            Win::Absent,
        ),
        ask: Ask::NextRun("2026-12-04T12:00:00Z", Some("2026-12-05T03:30:00Z")),
    },
    Case {
        // Exactly on the 08:00 run of Tue 12-01: strictly after gives Wed 12-02 08:00.
        name: "after exactly on a run (no window)",
        source: Source::Json(EVERYDAY_8, Win::Absent),
        ask: Ask::NextRun("2026-12-01T08:00:00Z", Some("2026-12-02T08:00:00Z")),
    },
    Case {
        // One nanosecond before the 08:00 run: that run.
        name: "sub-second after just before a run",
        source: Source::Json(EVERYDAY_8, Win::Absent),
        ask: Ask::NextRun("2026-12-01T07:59:59.999999999Z", Some("2026-12-01T08:00:00Z")),
    },
    Case {
        // Half a second after the 08:00 run: the next day's.
        name: "sub-second after just after a run",
        source: Source::Json(EVERYDAY_8, Win::Absent),
        ask: Ask::NextRun("2026-12-01T08:00:00.5Z", Some("2026-12-02T08:00:00Z")),
    },
    Case {
        // Mondays and Wednesdays 07:00 (not an API day set): after Mon 11-30 07:00 comes Wed
        // 12-02 07:00, then Mon 12-07 07:00.
        name: "builder: Monday and Wednesday",
        source: Source::Built(mon_wed_0700_no_window),
        ask: Ask::Upcoming(
            "2026-11-30T07:00:00Z",
            &["2026-12-02T07:00:00Z", "2026-12-07T07:00:00Z"],
        ),
    },
    Case {
        // [10:00, 13:00): the hourly runs 10:00, 11:00, 12:00; 13:00 is excluded.
        name: "runs_between is [start, end)",
        source: Source::Built(hourly_no_window),
        ask: Ask::RunsBetween(
            "2026-12-01T10:00:00Z",
            "2026-12-01T13:00:00Z",
            &[
                "2026-12-01T10:00:00Z",
                "2026-12-01T11:00:00Z",
                "2026-12-01T12:00:00Z",
            ],
        ),
    },
    Case {
        // [10:00:00.5, 13:00:00.5): 10:00 is before the start, 13:00 is inside.
        name: "runs_between with sub-second bounds",
        source: Source::Built(hourly_no_window),
        ask: Ask::RunsBetween(
            "2026-12-01T10:00:00.5Z",
            "2026-12-01T13:00:00.5Z",
            &[
                "2026-12-01T11:00:00Z",
                "2026-12-01T12:00:00Z",
                "2026-12-01T13:00:00Z",
            ],
        ),
    },
    Case {
        name: "runs_between of an empty range",
        source: Source::Built(hourly_no_window),
        ask: Ask::RunsBetween("2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z", &[]),
    },
    Case {
        // Thursday 23:59:59 UTC with the window Thu 23:00-24:00 (offset 0): open, runs there.
        name: "dailyTime 23:59:59 in the last hour",
        source: Source::Json(
            r#""type": "DailyAtTime", "dailyType": "Thursday", "dailyTime": "23:59:59""#,
            Win::On(THU_23_24, 0),
        ),
        ask: Ask::NextRun("2026-12-03T12:00:00Z", Some("2026-12-03T23:59:59Z")),
    },
    Case {
        // The run at Thu 23:59:59 has one second: the window closes at Fri 00:00.
        name: "deadline one second after the run",
        source: Source::Json(
            r#""type": "DailyAtTime", "dailyType": "Thursday", "dailyTime": "23:59:59""#,
            Win::On(THU_23_24, 0),
        ),
        ask: Ask::NextClose("2026-12-03T23:59:59Z", Some("2026-12-04T00:00:00Z")),
    },
    // ---- Previous runs. ----
    Case {
        // The example (Mon-Fri 20-23 local at +180, Workdays 22:00 UTC): before Monday's run
        // (Mon 11-30 17:00Z, Friday's trigger), Thursday 11-26's 22:00Z trigger = Fri 01:00
        // local waited for Fri 20:00 local = Fri 11-27 17:00Z.
        name: "example: the run before Monday's",
        source: Source::Json(WORKDAYS_22, Win::On(MON_FRI_20_23, 180)),
        ask: Ask::PrevRun("2026-11-30T17:00:00Z", Some("2026-11-27T17:00:00Z")),
    },
    Case {
        // Half a second after Monday's run, that run is strictly before.
        name: "example: prev_run half a second after a run is the run",
        source: Source::Json(WORKDAYS_22, Win::On(MON_FRI_20_23, 180)),
        ask: Ask::PrevRun("2026-11-30T17:00:00.5Z", Some("2026-11-30T17:00:00Z")),
    },
    Case {
        // From Tue 12-01 12:00Z back: Mon 17:00Z; Fri 11-27 17:00Z; Wed 11-25 22:00Z = Thu
        // 01:00 local waited for Thu 20:00 local = Thu 11-26 17:00Z.
        name: "example: past runs, latest first",
        source: Source::Json(WORKDAYS_22, Win::On(MON_FRI_20_23, 180)),
        ask: Ask::Past(
            "2026-12-01T12:00:00Z",
            &[
                "2026-11-30T17:00:00Z",
                "2026-11-27T17:00:00Z",
                "2026-11-26T17:00:00Z",
            ],
        ),
    },
    Case {
        // -300, Mon-Fri 09-17 local, Everyday 12:00Z (07:00 local). Mon 12-07 13:00Z is 08:00
        // local, closed since Fri 17:00 local; the triggers Sat, Sun and Mon 12:00Z wait for
        // 09:00 local = 14:00Z. The run before: Friday's trigger at 12-04 14:00Z.
        name: "-300: prev_run while the weekend's triggers wait",
        source: Source::Json(EVERYDAY_12, Win::On(MON_FRI_9_17, -300)),
        ask: Ask::PrevRun("2026-12-07T13:00:00Z", Some("2026-12-04T14:00:00Z")),
    },
    Case {
        // An empty window: no run ever, before or after.
        name: "prev_run with an empty window",
        source: Source::Json(EVERYDAY_8, Win::On(NEVER, 0)),
        ask: Ask::PrevRun("2026-12-01T12:00:00Z", None),
    },
    Case {
        // Immediate has no timed triggers: no previous run.
        name: "immediate: no previous run",
        source: Source::Json(IMMEDIATE, Win::Absent),
        ask: Ask::Past("2026-12-01T12:00:00Z", &[]),
    },
    // ---- Explanations. ----
    Case {
        // Asked Sat 11-28 15:00Z: Friday 11-27's 22:00Z trigger (Sat 01:00 local) waited for
        // Mon 20:00 local = 17:00Z; the window closes on it at 23:00 local = 20:00Z.
        name: "example: explain Monday's run",
        source: Source::Json(WORKDAYS_22, Win::On(MON_FRI_20_23, 180)),
        ask: Ask::ExplainNext(
            "2026-11-28T15:00:00Z",
            Some((
                "2026-11-30T17:00:00Z",
                "2026-11-27T22:00:00Z",
                Some("2026-11-30T20:00:00Z"),
            )),
        ),
    },
    Case {
        // -300: Monday 12-07's 14:00Z run serves the triggers from Sat 12-05 12:00Z on (the
        // window closed at Fri 17:00 local = Fri 22:00Z, after Friday's trigger); it ends at
        // Mon 17:00 local = 22:00Z.
        name: "-300: explain the run the weekend's triggers coalesce into",
        source: Source::Json(EVERYDAY_12, Win::On(MON_FRI_9_17, -300)),
        ask: Ask::ExplainNext(
            "2026-12-05T13:00:00Z",
            Some((
                "2026-12-07T14:00:00Z",
                "2026-12-05T12:00:00Z",
                Some("2026-12-07T22:00:00Z"),
            )),
        ),
    },
    Case {
        // No window: the run is its trigger and never ends.
        name: "explain a run without a window",
        source: Source::Json(EVERYDAY_8, Win::Absent),
        ask: Ask::ExplainNext(
            "2026-12-01T07:00:00Z",
            Some(("2026-12-01T08:00:00Z", "2026-12-01T08:00:00Z", None)),
        ),
    },
    // ---- Triggers read at an offset from UTC (`with_trigger_offset`). ----
    Case {
        // Workdays 22:00 at UTC+03:00 = 19:00Z of the same (local) workday. From Sat 11-28
        // 15:00Z (Sat 18:00 local) the next local workday is Mon 11-30: 19:00Z; then Tue.
        name: "trigger offset +180: workdays 22:00 local",
        source: Source::Built(workdays_2200_at_plus_180),
        ask: Ask::Upcoming(
            "2026-11-28T15:00:00Z",
            &["2026-11-30T19:00:00Z", "2026-12-01T19:00:00Z"],
        ),
    },
    Case {
        // Before Mon 11-30 19:00Z, the last was Friday 11-27's 22:00 local = 19:00Z.
        name: "trigger offset +180: the run before Monday's",
        source: Source::Built(workdays_2200_at_plus_180),
        ask: Ask::PrevRun("2026-11-30T19:00:00Z", Some("2026-11-27T19:00:00Z")),
    },
    Case {
        // Read in the window's frame, 22:00 local falls in the window 20-23 local: the run is
        // the trigger, Mon 19:00Z, and ends at 23:00 local = 20:00Z.
        name: "trigger offset +180 in a window at +180: runs at the trigger",
        source: Source::Built(workdays_2200_at_plus_180_in_its_window),
        ask: Ask::ExplainNext(
            "2026-11-28T15:00:00Z",
            Some((
                "2026-11-30T19:00:00Z",
                "2026-11-30T19:00:00Z",
                Some("2026-11-30T20:00:00Z"),
            )),
        ),
    },
    Case {
        // Sunday 02:00 at UTC+05:30 is Saturday 20:30Z: the local day is not the UTC day.
        name: "trigger offset +330: Sunday 02:00 local is Saturday in UTC",
        source: Source::Built(sunday_0200_at_india),
        ask: Ask::NextRun("2026-11-28T12:00:00Z", Some("2026-11-28T20:30:00Z")),
    },
    Case {
        // The one before: a week earlier, Sat 11-21 20:30Z.
        name: "trigger offset +330: the Sunday before",
        source: Source::Built(sunday_0200_at_india),
        ask: Ask::PrevRun("2026-11-28T20:30:00Z", Some("2026-11-21T20:30:00Z")),
    },
    Case {
        // Every 12 hours from local midnight at +05:30: 00:00 and 12:00 local = 18:30Z and
        // 06:30Z. From Mon 11-30 07:00Z: 18:30Z, then Tue 06:30Z.
        name: "trigger offset +330: the 12-hour grid from local midnight",
        source: Source::Built(every_12h_at_india),
        ask: Ask::Upcoming(
            "2026-11-30T07:00:00Z",
            &["2026-11-30T18:30:00Z", "2026-12-01T06:30:00Z"],
        ),
    },
    Case {
        // Monday 01:00 at UTC-23:59 is Monday 01:00 + 23:59 = Tue 00:59Z. From Mon 11-30
        // 12:00Z: Tue 12-01 00:59Z.
        name: "trigger offset -1439: Monday 01:00 local is Tuesday in UTC",
        source: Source::Built(monday_0100_at_minus_1439),
        ask: Ask::NextRun("2026-11-30T12:00:00Z", Some("2026-12-01T00:59:00Z")),
    },
];

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|err| panic!("bad instant {text:?}: {err}"))
        .with_timezone(&Utc)
}

fn window_json(open: Stretches, offset: i32) -> Value {
    json!({ "backupWindow": hours(open).to_vec(), "minuteOffset": offset })
}

fn build(source: Source) -> Schedule {
    match source {
        Source::Built(build) => build(),
        Source::Json(fields, win) => {
            let mut policy: Value = serde_json::from_str(&format!("{{{fields}}}")).expect("case JSON");
            let object = policy.as_object_mut().expect("an object");
            match win {
                Win::Absent => {}
                Win::On(open, offset) => {
                    object.insert("backupCopyWindowEnabled".into(), json!(true));
                    object.insert("backupCopyWindowSettings".into(), window_json(open, offset));
                }
                Win::Off(open, offset) => {
                    object.insert("backupCopyWindowEnabled".into(), json!(false));
                    object.insert("backupCopyWindowSettings".into(), window_json(open, offset));
                }
            }
            let policy =
                CopyJobSchedulePolicy::from_json(policy.to_string().as_bytes()).expect("policy reads");
            Schedule::try_from(&policy).expect("policy validates")
        }
    }
}

/// Whole-second instants only: the reference works on Unix seconds.
fn whole(text: &str) -> Option<i64> {
    let t = instant(text);
    (t.timestamp_subsec_nanos() == 0).then(|| t.timestamp())
}

fn opt(text: Option<&str>) -> Option<DateTime<Utc>> {
    text.map(instant)
}

/// An instant-valued query at `t`: the engine's answer, and at a whole
/// second the reference's, against the hand-derived `expected`.
fn instant_query(
    expect: &mut impl FnMut(&str, String, String),
    what: &str,
    (t, expected): (&str, Option<&str>),
    engine: impl Fn(DateTime<Utc>) -> Option<DateTime<Utc>>,
    reference: impl Fn(i64) -> Option<i64>,
) {
    let expected = opt(expected);
    expect(
        &format!("engine {what}"),
        format!("{:?}", engine(instant(t))),
        format!("{expected:?}"),
    );
    if let Some(t) = whole(t) {
        expect(
            &format!("reference {what}"),
            format!("{:?}", reference(t)),
            format!("{:?}", expected.map(|t| t.timestamp())),
        );
    }
}

/// The first runs from `t` one way or the other: the engine's, and at a
/// whole second the reference's, `step` after `step`, against `expected`.
fn runs_query(
    expect: &mut impl FnMut(&str, String, String),
    what: &str,
    (t, expected): (&str, &[&str]),
    engine: impl Fn(DateTime<Utc>, usize) -> Vec<DateTime<Utc>>,
    step: impl Fn(i64) -> Option<i64>,
) {
    let want: Vec<_> = expected.iter().map(|t| instant(t)).collect();
    // At least one, so that an empty expectation means no run at all.
    let count = want.len().max(1);
    expect(
        &format!("engine {what}"),
        format!("{:?}", engine(instant(t), count)),
        format!("{want:?}"),
    );
    if let Some(t) = whole(t) {
        let found: Vec<_> = std::iter::successors(step(t), |&run| step(run))
            .take(count)
            .collect();
        let want: Vec<_> = want.iter().map(|t| t.timestamp()).collect();
        expect(
            &format!("reference {what}"),
            format!("{found:?}"),
            format!("{want:?}"),
        );
    }
}

/// Checks one case against the engine and, where it applies, the reference;
/// returns the failures.
fn check(case: &Case) -> Vec<String> {
    let schedule = build(case.source);
    let model = to_reference(&schedule);
    let mut failures = Vec::new();
    let mut expect = |what: &str, found: String, expected: String| {
        if found != expected {
            failures.push(format!(
                "{}: {what}: expected {expected}, found {found}",
                case.name
            ));
        }
    };
    let secs = |t: Option<DateTime<Utc>>| t.map(|t| t.timestamp());
    let model = &model;
    match case.ask {
        Ask::NextRun(t, expected) => instant_query(
            &mut expect,
            "next_run",
            (t, expected),
            |t| schedule.next_run(t),
            |t| reference::next_run(model, t),
        ),
        Ask::PrevRun(t, expected) => instant_query(
            &mut expect,
            "prev_run",
            (t, expected),
            |t| schedule.prev_run(t),
            |t| reference::prev_run(model, t),
        ),
        Ask::NextOpen(t, expected) => instant_query(
            &mut expect,
            "next_open",
            (t, expected),
            |t| schedule.next_open(t),
            |t| reference::next_open(model, t),
        ),
        Ask::NextClose(t, expected) => instant_query(
            &mut expect,
            "next_close",
            (t, expected),
            |t| schedule.next_close(t),
            |t| reference::next_close(model, t),
        ),
        Ask::Upcoming(t, expected) => runs_query(
            &mut expect,
            "upcoming",
            (t, expected),
            |t, count| schedule.upcoming(t).take(count).collect(),
            |t| reference::next_run(model, t),
        ),
        Ask::Past(t, expected) => runs_query(
            &mut expect,
            "past",
            (t, expected),
            |t, count| schedule.past(t).take(count).collect(),
            |t| reference::prev_run(model, t),
        ),
        Ask::RunsBetween(start, end, expected) => {
            let want: Vec<_> = expected.iter().map(|t| instant(t)).collect();
            let found: Vec<_> = schedule.runs_between(instant(start), instant(end)).collect();
            expect("engine runs_between", format!("{found:?}"), format!("{want:?}"));
        }
        Ask::IsOpen(t, expected) => {
            expect(
                "engine is_open",
                schedule.is_open(instant(t)).to_string(),
                expected.to_string(),
            );
            if let Some(t) = whole(t) {
                expect(
                    "reference is_open",
                    reference::is_open(model, t).to_string(),
                    expected.to_string(),
                );
            }
        }
        Ask::ExplainNext(after, expected) => {
            let found = schedule
                .explain_next(instant(after))
                .map(|d| (d.run, d.trigger, d.deadline));
            let want =
                expected.map(|(run, trigger, deadline)| (instant(run), instant(trigger), opt(deadline)));
            expect("engine explain_next", format!("{found:?}"), format!("{want:?}"));
            if let (Some(after), Some((run, trigger, deadline))) = (whole(after), want) {
                let found = (
                    reference::next_run(model, after),
                    reference::is_trigger(model, trigger.timestamp()),
                    reference::next_open(model, trigger.timestamp()),
                    reference::next_close(model, run.timestamp()),
                );
                let want = (Some(run.timestamp()), true, Some(run.timestamp()), secs(deadline));
                expect(
                    "reference (run, trigger is one, its run, deadline)",
                    format!("{found:?}"),
                    format!("{want:?}"),
                );
            }
        }
        Ask::Event(t, expected) => {
            let found = schedule
                .explain_event(instant(t))
                .map(|d| (d.run, d.trigger, d.deadline));
            let want = expected.map(|(run, deadline)| (instant(run), instant(t), opt(deadline)));
            expect("engine explain_event", format!("{found:?}"), format!("{want:?}"));
            if let Some(t) = whole(t) {
                let found =
                    reference::next_open(model, t).map(|run| (run, reference::next_close(model, run)));
                let want = want.map(|(run, _, deadline)| (run.timestamp(), secs(deadline)));
                expect(
                    "reference (run, deadline)",
                    format!("{found:?}"),
                    format!("{want:?}"),
                );
            }
        }
    }
    failures
}

#[test]
fn hand_derived_cases() {
    assert!(CASES.len() >= 40, "only {} cases", CASES.len());
    let failures: Vec<String> = CASES.iter().flat_map(check).collect();
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn case_names_are_unique() {
    let mut names: Vec<_> = CASES.iter().map(|case| case.name).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "duplicate case names");
}

// ---- The reference model on its own. ----

fn one_hour_window(index: usize, minute_offset: i32) -> RefSchedule {
    let mut hours = [false; HOURS];
    hours[index] = true;
    RefSchedule {
        trigger: RefTrigger::Immediate,
        trigger_offset: 0,
        window: Some(RefWindow { hours, minute_offset }),
    }
}

#[test]
fn reference_is_open_uses_local_weekday_and_hour() {
    // 2026-11-30T17:00:00Z is Monday 17:00 UTC = 1796058000 (Python:
    // datetime(2026,11,30,17,tzinfo=timezone.utc).timestamp()). At +180 it is Monday 20:00
    // local: index 24 + 20 = 44.
    let t = 1_796_058_000;
    assert_eq!(instant("2026-11-30T17:00:00Z").timestamp(), t);
    assert!(reference::is_open(&one_hour_window(44, 180), t));
    assert!(!reference::is_open(&one_hour_window(44, 180), t - 1));
    assert!(!reference::is_open(&one_hour_window(43, 180), t));
    assert!(reference::is_open(&one_hour_window(43, 180), t - 1));
    // At -210 the same instant is Monday 13:30 local: index 37.
    assert!(reference::is_open(&one_hour_window(37, -210), t));
    // Before 1970: 1969-12-28T00:00:00Z was a Sunday (Python), = -4 * 86400 = -345600.
    assert!(reference::is_open(&one_hour_window(0, 0), -345_600));
    assert!(!reference::is_open(&one_hour_window(0, 0), -345_601));
    assert!(reference::is_open(&one_hour_window(167, 0), -345_601));
}

#[test]
fn reference_next_run_coalesces_and_waits() {
    // Every 5 minutes, window Monday 09:00-10:00 at offset 0. From Mon 2026-11-30 08:00Z the
    // triggers 08:05 ... 08:55 all wait for 09:00: the first run is 09:00, the next 09:05.
    let monday_8 = instant("2026-11-30T08:00:00Z").timestamp();
    let mut s = one_hour_window(33, 0);
    s.trigger = RefTrigger::Periodic { every_minutes: 5 };
    assert_eq!(reference::next_run(&s, monday_8), Some(monday_8 + 3600));
    assert_eq!(
        reference::next_run(&s, monday_8 + 3600),
        Some(monday_8 + 3600 + 300)
    );
    // From 09:58:20 (closed triggers only until the next Monday): Mon 12-07 09:00.
    assert_eq!(
        reference::next_run(&s, monday_8 + 7100),
        Some(monday_8 + 3600 + 7 * 86_400)
    );
    // Immediate and an empty window have no runs.
    s.trigger = RefTrigger::Immediate;
    assert_eq!(reference::next_run(&s, monday_8), None);
    let mut empty = RefSchedule {
        trigger: RefTrigger::Periodic { every_minutes: 5 },
        trigger_offset: 0,
        window: None,
    };
    empty.window = Some(RefWindow {
        hours: [false; HOURS],
        minute_offset: 0,
    });
    assert_eq!(reference::next_run(&empty, monday_8), None);
    assert_eq!(reference::next_open(&empty, monday_8), None);
    assert_eq!(reference::next_close(&empty, monday_8), None);
}

#[test]
fn reference_answers_at_chronos_limits() {
    // The weekday and hour chrono itself gives at its limits, compared with the
    // reference's shifted computation.
    for t in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
        let index = t.weekday().num_days_from_sunday() as usize * 24 + t.hour() as usize;
        let s = one_hour_window(index, 0);
        assert!(reference::is_open(&s, t.timestamp()), "{t}");
        assert!(
            !reference::is_open(&one_hour_window((index + 1) % HOURS, 0), t.timestamp()),
            "{t}"
        );
    }
    // At the limits, with any trigger and extreme offsets, the reference answers (it works
    // on any i64, past chrono's range too), and its answers are what they say: an opening
    // at most a week ahead, a closing edge, runs in open hours within two weeks.
    let triggers = [
        RefTrigger::Immediate,
        RefTrigger::Daily {
            days: [true; 7],
            at_secs: 86_399,
        },
        RefTrigger::Periodic { every_minutes: 5 },
    ];
    const WEEK: i64 = 7 * 86_400;
    for t in [
        DateTime::<Utc>::MIN_UTC.timestamp(),
        DateTime::<Utc>::MAX_UTC.timestamp(),
    ] {
        for trigger in triggers {
            for minute_offset in [-1439, 0, 1439] {
                let mut hours = [false; HOURS];
                hours[100] = true;
                let s = RefSchedule {
                    trigger,
                    trigger_offset: minute_offset,
                    window: Some(RefWindow { hours, minute_offset }),
                };
                let what = format!("{trigger:?} at {minute_offset}, t = {t}");
                let open = reference::next_open(&s, t).expect("opens weekly");
                assert!(
                    (t..=t + WEEK).contains(&open) && reference::is_open(&s, open),
                    "{what}"
                );
                assert!(open == t || !reference::is_open(&s, open - 1), "{what}");
                let close = reference::next_close(&s, t).expect("closes weekly");
                assert!(
                    close > t && !reference::is_open(&s, close) && reference::is_open(&s, close - 1),
                    "{what}"
                );
                let (next, prev) = (reference::next_run(&s, t), reference::prev_run(&s, t));
                if trigger == RefTrigger::Immediate {
                    assert_eq!((next, prev), (None, None), "{what}");
                } else {
                    let next = next.expect("a run within two weeks");
                    let prev = prev.expect("a run within two weeks before");
                    assert!(
                        next > t && next - t <= 2 * WEEK && reference::is_open(&s, next),
                        "{what}"
                    );
                    assert!(
                        prev < t && t - prev <= 2 * WEEK && reference::is_open(&s, prev),
                        "{what}"
                    );
                }
            }
        }
    }
}
