//! Shared by the benches: the reference instants, the equivalent schedules
//! and their cron spellings for the peers, the windows, a deterministic
//! generator, and an oracle for windowed runs built from code we did not
//! write (a peer's triggers plus a minute-by-minute walk over chrono's
//! calendar fields).

// Each bench binary uses only part of this module.
#![allow(dead_code)]

use std::str::FromStr;
use std::time::Duration;

use backup_schedule::vb365::CopyJobSchedulePolicy;
use backup_schedule::Schedule;
use chrono::{DateTime, Datelike, TimeDelta, TimeZone, Timelike, Utc};
use criterion::Criterion;

pub mod cpu_time;

/// How many reference instants each `next_run` bench cycles through.
pub const INSTANTS: usize = 64;

/// Short warm-up and measurement, fewer bootstrap resamples and no plots,
/// so that the whole `cargo bench` stays within a few minutes on a shared
/// two-core machine (drawing the plots takes longer than measuring). The
/// command line (`--warm-up-time`, `--measurement-time`, ...) overrides these.
pub fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(1000))
        .measurement_time(Duration::from_millis(2500))
        .nresamples(20_000)
        .without_plots()
}

/// A 64-bit linear congruential generator (Knuth's MMIX constants): the
/// same numbers on every machine and every run.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed)
    }

    pub fn next_u32(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 32) as u32
    }

    /// Uniform enough in `0..n` for picking cases.
    pub fn below(&mut self, n: u32) -> u32 {
        ((u64::from(self.next_u32()) * u64::from(n)) >> 32) as u32
    }
}

/// Monday 2026-11-02 00:00 UTC: the start of the four weeks the instants
/// are spread over.
pub fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap()
}

/// 64 instants over four weeks: one in each 10.5-hour slot, at a
/// pseudo-random second of it. Every fourth is rounded down to the hour and
/// every fourth (another) to the minute, so that some fall exactly on
/// triggers and window edges; the rest have seconds.
pub fn instants() -> [DateTime<Utc>; INSTANTS] {
    const FOUR_WEEKS: i64 = 28 * 86_400;
    const SLOT: i64 = FOUR_WEEKS / INSTANTS as i64;
    let mut lcg = Lcg::new(0x5EED);
    core::array::from_fn(|i| {
        let mut secs = base().timestamp() + i as i64 * SLOT + i64::from(lcg.below(SLOT as u32));
        match i % 4 {
            0 => secs -= secs.rem_euclid(3600),
            1 => secs -= secs.rem_euclid(60),
            _ => {}
        }
        DateTime::from_timestamp(secs, 0).unwrap()
    })
}

/// A schedule of ours and its equivalents in the peers' syntax.
pub struct Equivalent {
    /// The bench name.
    pub name: &'static str,
    /// Our `schedulePolicy` without a window.
    pub policy: &'static str,
    /// Five-field cron, for saffron and croner.
    pub cron5: &'static str,
    /// Six-field cron (seconds first), for the `cron` crate.
    pub cron6: &'static str,
}

/// The four schedules of the issue.
pub const EQUIVALENTS: [Equivalent; 4] = [
    Equivalent {
        name: "workdays_2200",
        policy: r#"{"type": "DailyAtTime", "dailyType": "Workdays", "dailyTime": "22:00:00"}"#,
        cron5: "0 22 * * MON-FRI",
        cron6: "0 0 22 * * Mon-Fri",
    },
    Equivalent {
        name: "every_15min",
        policy: r#"{"type": "Periodically", "periodicallyEvery": "Minutes15"}"#,
        cron5: "*/15 * * * *",
        cron6: "0 */15 * * * *",
    },
    Equivalent {
        name: "every_4h",
        policy: r#"{"type": "Periodically", "periodicallyEvery": "Hours4"}"#,
        cron5: "0 */4 * * *",
        cron6: "0 0 */4 * * *",
    },
    Equivalent {
        name: "weekends_0330",
        policy: r#"{"type": "DailyAtTime", "dailyType": "Weekends", "dailyTime": "03:30:00"}"#,
        cron5: "30 3 * * SAT,SUN",
        cron6: "0 30 3 * * Sat,Sun",
    },
];

impl Equivalent {
    /// Ours, read and validated from the policy JSON like any job's.
    pub fn ours(&self) -> Schedule {
        policy_schedule(self.policy, None)
    }

    /// Ours with `window` enabled.
    pub fn ours_with(&self, window: &NamedWindow) -> Schedule {
        policy_schedule(self.policy, Some(window))
    }

    pub fn saffron(&self) -> saffron::Cron {
        self.cron5.parse().expect("saffron parses the expression")
    }

    pub fn cron(&self) -> cron::Schedule {
        cron::Schedule::from_str(self.cron6).expect("cron parses the expression")
    }

    pub fn croner(&self) -> croner::Cron {
        self.cron5.parse().expect("croner parses the expression")
    }
}

/// Reads `policy` (a JSON object), with `window` added as the API writes
/// it, into a `Schedule`.
pub fn policy_schedule(policy: &str, window: Option<&NamedWindow>) -> Schedule {
    let mut value: serde_json::Value = serde_json::from_str(policy).unwrap();
    if let Some(window) = window {
        value["backupCopyWindowEnabled"] = true.into();
        value["backupCopyWindowSettings"] = serde_json::json!({
            "backupWindow": window.hours.to_vec(),
            "minuteOffset": window.minute_offset,
        });
    }
    let policy = CopyJobSchedulePolicy::from_json(value.to_string().as_bytes()).unwrap();
    Schedule::try_from(&policy).unwrap()
}

/// A backup window as the API writes it.
#[derive(Clone)]
pub struct NamedWindow {
    pub name: String,
    pub hours: [bool; 168],
    pub minute_offset: i32,
}

/// Monday to Friday 08:00-18:00 local.
pub fn business_hours() -> [bool; 168] {
    let mut hours = [false; 168];
    for day in 1..=5 {
        for hour in 8..18 {
            hours[day * 24 + hour] = true;
        }
    }
    hours
}

/// One hour a week: Wednesday 13:00-14:00 local.
pub fn one_hour_a_week() -> [bool; 168] {
    let mut hours = [false; 168];
    hours[3 * 24 + 13] = true;
    hours
}

/// The windows of the windowed benches: business hours and one hour a week,
/// each at offsets 0, +180 and +330 minutes.
pub fn windows() -> Vec<NamedWindow> {
    let mut windows = Vec::new();
    for (name, hours) in [("business", business_hours()), ("sparse", one_hour_a_week())] {
        for minute_offset in [0, 180, 330] {
            windows.push(NamedWindow {
                name: format!("{name}_off{minute_offset}"),
                hours,
                minute_offset,
            });
        }
    }
    windows
}

impl NamedWindow {
    /// Whether the window is open at `t`, from chrono's weekday and hour of
    /// the local time: none of our window code.
    pub fn open_at(&self, t: DateTime<Utc>) -> bool {
        let local = t + TimeDelta::minutes(i64::from(self.minute_offset));
        self.hours[local.weekday().num_days_from_sunday() as usize * 24 + local.hour() as usize]
    }

    /// The first whole minute at or after `t` at which the window is open
    /// (window edges are whole minutes), walking a minute at a time.
    pub fn first_open_minute(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if !self.hours.contains(&true) {
            return None;
        }
        let mut m = ceil_minute(t);
        while !self.open_at(m) {
            m += TimeDelta::minutes(1);
        }
        Some(m)
    }

    /// `Window::next_open` by walking: `t` itself when open.
    pub fn next_open(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.open_at(t) {
            Some(t)
        } else {
            self.first_open_minute(t)
        }
    }

    /// `Window::next_close` by walking: the first minute after `t` (or after
    /// the next opening) at which the window is closed.
    pub fn next_close(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.hours.iter().all(|&open| open) {
            return None;
        }
        let open = self.next_open(t)?;
        let mut m = floor_minute(open) + TimeDelta::minutes(1);
        while self.open_at(m) {
            m += TimeDelta::minutes(1);
        }
        Some(m)
    }

    /// The earliest run strictly after `after` of saffron's triggers held to
    /// this window: the first trigger whose first open minute is after
    /// `after` (that minute never decreases as the trigger grows). A run
    /// comes from a trigger at most a week before it, so the walk starts
    /// eight days back.
    pub fn oracle_next_run(&self, triggers: &saffron::Cron, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let mut from = after - TimeDelta::days(8);
        // (trigger, run) of the previous trigger: every minute in
        // [trigger, run) is closed, so a later trigger before `run` has
        // that run too.
        let mut previous: Option<(DateTime<Utc>, DateTime<Utc>)> = None;
        loop {
            let trigger = triggers.next_after(from)?;
            let run = match previous {
                Some((_, run)) if trigger < run => run,
                _ => self.first_open_minute(trigger)?,
            };
            if run > after {
                return Some(run);
            }
            previous = Some((trigger, run));
            from = trigger;
        }
    }
}

pub fn floor_minute(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(t.timestamp() - t.timestamp().rem_euclid(60), 0).unwrap()
}

pub fn ceil_minute(t: DateTime<Utc>) -> DateTime<Utc> {
    let floor = floor_minute(t);
    if floor == t {
        t
    } else {
        floor + TimeDelta::minutes(1)
    }
}

/// The instants a cross-check compares on: the 64 bench instants, and from
/// each a chain of `chain` answers of `next` (so that answers are asked
/// again exactly at a run, the "strictly after" edge).
pub fn check_points(
    chain: usize,
    next: impl Fn(DateTime<Utc>) -> Option<DateTime<Utc>>,
) -> Vec<DateTime<Utc>> {
    let mut points = Vec::new();
    for start in instants() {
        let mut t = start;
        points.push(t);
        for _ in 0..chain {
            match next(t) {
                Some(run) => {
                    points.push(run);
                    t = run;
                }
                None => break,
            }
        }
    }
    points
}

/// Checks `prev` at each of `points` against the runs `next` gives
/// (already checked against the peers or the oracle): the last of them
/// before the point, walking from 16 days before it.
pub fn check_prev_run(
    what: &str,
    points: impl IntoIterator<Item = DateTime<Utc>>,
    next: impl Fn(DateTime<Utc>) -> Option<DateTime<Utc>>,
    prev: impl Fn(DateTime<Utc>) -> Option<DateTime<Utc>>,
) {
    for t in points {
        let mut last = None;
        let mut at = t - TimeDelta::days(16);
        while let Some(run) = next(at).filter(|&run| run < t) {
            last = Some(run);
            at = run;
        }
        assert_eq!(prev(t), last, "{what}: prev_run({t})");
    }
}

/// The seed's example documents, as the API page gives them.
pub const SEED_REQUEST: &[u8] = include_bytes!("../../data/seed-copy-job-request.json");
pub const SEED_RESPONSE: &[u8] = include_bytes!("../../data/seed-copy-job-response.json");

/// The intervals the API offers (`periodicallyEvery`), in minutes, with
/// their five-field cron spellings.
pub const API_INTERVALS: [(u32, &str); 9] = [
    (5, "*/5 * * * *"),
    (10, "*/10 * * * *"),
    (15, "*/15 * * * *"),
    (30, "*/30 * * * *"),
    (60, "0 * * * *"),
    (120, "0 */2 * * *"),
    (240, "0 */4 * * *"),
    (480, "0 */8 * * *"),
    (720, "0 */12 * * *"),
];

/// One generated schedule of a fleet: ours, and (unless it is `Immediate`)
/// its triggers in five-field cron and its window, for the oracle.
pub struct FleetMember {
    pub schedule: Schedule,
    pub cron5: Option<String>,
    pub window: Option<NamedWindow>,
}

/// The `index`-th schedule of a deterministic fleet of mixed types: 10%
/// `Immediate`, 45% daily (every day, workdays, weekends or one day, at a
/// random minute), 45% periodic (the API's intervals); half of them with a
/// window (business hours, nights, one random hour a week or random hours)
/// at a random offset, a third of those not whole hours.
pub fn fleet_member(lcg: &mut Lcg) -> FleetMember {
    use backup_schedule::{Interval, Weekdays, Window};
    use chrono::{NaiveTime, Weekday};

    const DAYS: [(Weekdays, &str); 10] = [
        (Weekdays::EVERYDAY, "*"),
        (Weekdays::WORKDAYS, "MON-FRI"),
        (Weekdays::WEEKENDS, "SAT,SUN"),
        (Weekdays::only(Weekday::Sun), "SUN"),
        (Weekdays::only(Weekday::Mon), "MON"),
        (Weekdays::only(Weekday::Tue), "TUE"),
        (Weekdays::only(Weekday::Wed), "WED"),
        (Weekdays::only(Weekday::Thu), "THU"),
        (Weekdays::only(Weekday::Fri), "FRI"),
        (Weekdays::only(Weekday::Sat), "SAT"),
    ];
    let kind = lcg.below(20);
    let (schedule, cron5) = if kind < 2 {
        (Schedule::immediate(), None)
    } else if kind < 11 {
        let (days, dow) = DAYS[lcg.below(DAYS.len() as u32) as usize];
        let (hour, minute) = (lcg.below(24), lcg.below(60));
        let at = NaiveTime::from_hms_opt(hour, minute, 0).unwrap();
        (
            Schedule::daily(days, at).unwrap(),
            Some(format!("{minute} {hour} * * {dow}")),
        )
    } else {
        let (minutes, cron) = API_INTERVALS[lcg.below(9) as usize];
        (
            Schedule::periodic(Interval::from_minutes(minutes).unwrap()),
            Some(cron.to_string()),
        )
    };
    if lcg.below(2) == 0 {
        return FleetMember {
            schedule,
            cron5,
            window: None,
        };
    }
    let hours = match lcg.below(4) {
        0 => business_hours(),
        1 => {
            let mut hours = [false; 168];
            for day in 0..7 {
                for hour in (0..6).chain(22..24) {
                    hours[day * 24 + hour] = true;
                }
            }
            hours
        }
        2 => {
            let mut hours = [false; 168];
            hours[lcg.below(168) as usize] = true;
            hours
        }
        _ => core::array::from_fn(|_| lcg.below(2) == 0),
    };
    let minute_offset = match lcg.below(3) {
        0 => 60 * (lcg.below(27) as i32 - 12),
        1 => [330, 345, -210, 570, -570][lcg.below(5) as usize],
        _ => lcg.below(2879) as i32 - 1439,
    };
    let window = NamedWindow {
        name: String::new(),
        hours,
        minute_offset,
    };
    FleetMember {
        schedule: schedule.with_window(Window::new(&hours, minute_offset).unwrap()),
        cron5,
        window: Some(window),
    }
}

/// Cycles through the reference instants: the next one on every call, so
/// that no branch is always predicted.
pub struct Cycle {
    instants: [DateTime<Utc>; INSTANTS],
    index: usize,
}

impl Cycle {
    pub fn new() -> Cycle {
        Cycle {
            instants: instants(),
            index: 0,
        }
    }

    #[inline(always)]
    pub fn next(&mut self) -> DateTime<Utc> {
        self.index = (self.index + 1) % INSTANTS;
        std::hint::black_box(self.instants[self.index])
    }
}
