//! The scheduler's questions (issue 13) against the naive reference model:
//! `count_between`, `missed`, `catch_up` and staggering, each answered here
//! by brute force over the reference's runs; and hand-derived cases at the
//! window's edges.

mod reference;
#[cfg(feature = "tz")]
mod reference_zoned;
mod strategies;

use std::time::Duration;

use backup_schedule::{CatchUpPolicy, Interval, Schedule, Stagger, Timetable, Weekdays, Window};
use chrono::{DateTime, NaiveTime, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;

use reference::{RefSchedule, RefTrigger};
use strategies::instants::{YEAR_1990, YEAR_2100};
use strategies::schedules::{api_schedule, schedule_and_secs, Pair};

const MINUTE: i64 = 60;
const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("in range")
}

/// The reference's runs in `[from, to)`, by one simulation: from a week and
/// a day before `from` (longer than any closed stretch of a window that
/// opens), minute by minute, each trigger runs at the first open minute at
/// or after it, and triggers waiting together run once.
fn reference_runs(s: &RefSchedule, from: i64, to: i64) -> Vec<i64> {
    let start = from - 8 * DAY;
    let mut runs = Vec::new();
    let mut pending = false;
    // Triggers are whole seconds; the window changes on whole minutes. Step
    // over every trigger and every minute.
    let mut points: Vec<i64> = triggers(s, start, to);
    points.extend((start.div_euclid(MINUTE)..=to.div_euclid(MINUTE)).map(|m| m * MINUTE));
    points.sort_unstable();
    points.dedup();
    for t in points {
        if t >= to {
            break;
        }
        let trigger = is_trigger(s, t);
        if reference::is_open(s, t) {
            if trigger || pending {
                if t >= from {
                    runs.push(t);
                }
                pending = false;
            }
        } else if trigger {
            pending = true;
        }
    }
    runs
}

fn is_trigger(s: &RefSchedule, t: i64) -> bool {
    match s.trigger {
        RefTrigger::Immediate => false,
        RefTrigger::Periodic { every_minutes } => t.rem_euclid(i64::from(every_minutes) * MINUTE) == 0,
        RefTrigger::Daily { days, at_secs } => {
            // 1970-01-01 was a Thursday: day 4 from Sunday.
            let weekday = (t.div_euclid(DAY) + 4).rem_euclid(7) as usize;
            days[weekday] && t.rem_euclid(DAY) == i64::from(at_secs)
        }
    }
}

fn triggers(s: &RefSchedule, from: i64, to: i64) -> Vec<i64> {
    match s.trigger {
        RefTrigger::Immediate => Vec::new(),
        RefTrigger::Daily { at_secs, .. } => (from.div_euclid(DAY)..=to.div_euclid(DAY))
            .map(|day| day * DAY + i64::from(at_secs))
            .filter(|&t| (from..to).contains(&t) && is_trigger(s, t))
            .collect(),
        RefTrigger::Periodic { .. } => Vec::new(), // on whole minutes: stepped anyway
    }
}

/// FNV-1a, 64 bits, written from the specification for this test.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 14_695_981_039_346_656_037;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(1_099_511_628_211);
    }
    hash
}

/// A schedule, an instant and a range length of up to three weeks.
fn schedule_and_range() -> impl Strategy<Value = (Pair, i64, i64)> {
    (
        api_schedule(),
        YEAR_1990..YEAR_2100,
        prop_oneof![0..3_600_i64, 0..2 * DAY, 0..3 * WEEK],
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// `count_between` is the number of the reference's runs in the range,
    /// and `runs_between(..).count()`.
    #[test]
    fn count_between_matches_reference((pair, from, length) in schedule_and_range()) {
        let Pair { engine, reference } = pair;
        let expected = reference_runs(&reference, from, from + length).len() as u64;
        prop_assert_eq!(engine.count_between(at(from), at(from + length)), expected);
        prop_assert_eq!(engine.runs_between(at(from), at(from + length)).count() as u64, expected);
    }

    /// Over years, the count is whole weeks of the reference's week plus the
    /// rest (the runs repeat every week).
    #[test]
    fn count_between_over_years_is_weeks_of_the_reference((pair, from, weeks, rest) in
        (api_schedule(), YEAR_1990..YEAR_2100, 1..600_i64, 0..WEEK)) {
        let Pair { engine, reference } = pair;
        let to = from + weeks * WEEK + rest;
        let per_week = reference_runs(&reference, from, from + WEEK).len() as u64;
        let rest_runs = reference_runs(&reference, to - rest, to).len() as u64;
        prop_assert_eq!(engine.count_between(at(from), at(to)), weeks as u64 * per_week + rest_runs);
    }

    /// `missed`: the runs in `(since, now]`, their first and latest.
    #[test]
    fn missed_matches_reference((pair, since, length) in schedule_and_range()) {
        let Pair { engine, reference } = pair;
        let now = since + length;
        let runs = reference_runs(&reference, since + 1, now + 1);
        let missed = engine.missed(at(since), at(now));
        prop_assert_eq!(missed.count, runs.len() as u64);
        prop_assert_eq!(missed.first.map(|t| t.timestamp()), runs.first().copied());
        prop_assert_eq!(missed.latest.map(|t| t.timestamp()), runs.last().copied());
    }

    /// `catch_up` by the rule, from the reference's runs.
    #[test]
    fn catch_up_matches_the_rule((pair, since, length) in schedule_and_range(),
        lateness in proptest::option::of(0..4 * DAY), policy in 0..4_u32, cap in 0..5_u32) {
        let Pair { engine, reference } = pair;
        let now = since + length;
        let policy = match policy {
            0 => CatchUpPolicy::Skip,
            1 => CatchUpPolicy::Once,
            _ => CatchUpPolicy::All { cap },
        };
        let late = reference_runs(&reference, since + 1, now + 1)
            .into_iter()
            .filter(|&run| lateness.is_none_or(|lateness| now - run <= lateness))
            .count() as u64;
        let runs = match policy {
            CatchUpPolicy::Skip => 0,
            CatchUpPolicy::Once => late.min(1),
            CatchUpPolicy::All { cap } => late.min(u64::from(cap)),
            _ => unreachable!(),
        };
        let start = reference::next_open(&reference, now);
        let (runs, start) = match start {
            Some(start) if runs > 0 => (runs, Some(start)),
            _ => (0, None),
        };
        let got = engine.catch_up(at(since), at(now), policy, lateness.map(TimeDelta::seconds));
        prop_assert_eq!((got.runs, got.start.map(|t| t.timestamp())), (runs, start));
    }

    /// A staggered start: the run plus FNV-1a(key) mod the smallest of the
    /// maximum delay, the time to the deadline and the time to the next run.
    #[test]
    fn staggered_starts_follow_the_rule(((pair, t), key, max_delay) in
        (schedule_and_secs(), "[a-z0-9-]{0,12}", 0..3 * DAY as u64)) {
        let Pair { engine, reference } = pair;
        let Some(run) = reference::next_run(&reference, t) else { return Ok(()) };
        // Near chrono's ends: a run the engine cannot name has no stagger.
        let in_range = |secs: i64| DateTime::from_timestamp(secs, 0).is_some();
        if !in_range(run) {
            return Ok(());
        }
        let mut limit = max_delay as i64;
        if let Some(deadline) = reference::next_close(&reference, run) {
            limit = limit.min(deadline - run);
        }
        if let Some(next) = reference::next_run(&reference, run) {
            limit = limit.min(next - run);
        }
        let delay = if limit == 0 { 0 } else { (fnv1a(key.as_bytes()) % limit as u64) as i64 };
        let stagger = Stagger::new(&key, Duration::from_secs(max_delay));
        // A start past chrono's last instant is the run itself.
        let delay = if in_range(run + delay) { delay } else { 0 };
        prop_assert_eq!(engine.staggered_start(at(run), &stagger), at(run + delay));
        // Staggered starts keep the runs' order and stay in the window.
        prop_assert!(reference::is_open(&reference, run + delay));
        // The next staggered start after a staggered start is the next run's.
        if let Some(next) = reference::next_run(&reference, run).filter(|&next| in_range(next)) {
            let next_start = engine.staggered_start(at(next), &stagger);
            prop_assert!(next_start > at(run + delay));
            prop_assert_eq!(engine.next_staggered_run(at(run + delay), &stagger), Some(next_start));
        }
    }
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn daily(days: Weekdays, h: u32, m: u32) -> Schedule {
    Schedule::daily(days, NaiveTime::from_hms_opt(h, m, 0).unwrap()).unwrap()
}

fn window(text: &str) -> Window {
    text.parse().unwrap()
}

/// A run missed just before the window closed. Nightly at 21:50, window
/// 21:00-22:00 UTC. The 2026-11-30 (Monday) run at 21:50 happened while we
/// were down (since = the 29th's run); at 22:30 the window is closed until
/// 21:00 the next day: one late run, caught up at 2026-12-01 21:00.
#[test]
fn catch_up_of_a_run_missed_just_before_the_window_closed() {
    let schedule = daily(Weekdays::EVERYDAY, 21, 50).with_window(window("daily 21:00-22:00"));
    let since = utc(2026, 11, 29, 21, 50);
    let now = utc(2026, 11, 30, 22, 30);
    let missed = schedule.missed(since, now);
    assert_eq!((missed.count, missed.first), (1, Some(utc(2026, 11, 30, 21, 50))));
    let catch_up = schedule.catch_up(since, now, CatchUpPolicy::Once, None);
    assert_eq!(
        (catch_up.runs, catch_up.start),
        (1, Some(utc(2026, 12, 1, 21, 0)))
    );
}

/// `now` in a closed hour: hourly runs in 08:00-12:00 UTC (the window
/// closes at 12:00, so the 12:00 trigger waits for 08:00 the next day),
/// down from 07:30 to 13:30. Runs missed: 08:00, 09:00, 10:00, 11:00. All
/// with cap 10: four late runs, starting when the window next opens, 08:00
/// the next day.
#[test]
fn catch_up_when_now_is_in_a_closed_hour() {
    let schedule =
        Schedule::periodic(Interval::from_minutes(60).unwrap()).with_window(window("daily 08:00-12:00"));
    let since = utc(2026, 12, 1, 7, 30);
    let now = utc(2026, 12, 1, 13, 30);
    let missed = schedule.missed(since, now);
    assert_eq!(missed.count, 4);
    assert_eq!(
        (missed.first, missed.latest),
        (Some(utc(2026, 12, 1, 8, 0)), Some(utc(2026, 12, 1, 11, 0)))
    );
    let catch_up = schedule.catch_up(since, now, CatchUpPolicy::All { cap: 10 }, None);
    assert_eq!((catch_up.runs, catch_up.start), (4, Some(utc(2026, 12, 2, 8, 0))));
    // With a cap of 2, two.
    assert_eq!(
        schedule
            .catch_up(since, now, CatchUpPolicy::All { cap: 2 }, None)
            .runs,
        2
    );
}

/// A maximum lateness that excludes all but one run: the same runs, now =
/// 13:30, lateness 2 h 45 min: only 11:00 (2 h 30 min late) is late enough;
/// 10:00 is 3 h 30 min late.
#[test]
fn a_maximum_lateness_that_leaves_one_run() {
    let schedule =
        Schedule::periodic(Interval::from_minutes(60).unwrap()).with_window(window("daily 08:00-12:00"));
    let since = utc(2026, 12, 1, 7, 30);
    let now = utc(2026, 12, 1, 13, 30);
    let lateness = Some(TimeDelta::minutes(165));
    let catch_up = schedule.catch_up(since, now, CatchUpPolicy::All { cap: 10 }, lateness);
    assert_eq!(catch_up.runs, 1);
    // A lateness of exactly 2 h 30 min still takes 11:00 (now - r <= L).
    let exact = schedule.catch_up(
        since,
        now,
        CatchUpPolicy::All { cap: 10 },
        Some(TimeDelta::minutes(150)),
    );
    assert_eq!(exact.runs, 1);
    // One second less, none: nothing to do.
    let none = schedule.catch_up(
        since,
        now,
        CatchUpPolicy::All { cap: 10 },
        Some(TimeDelta::seconds(150 * 60 - 1)),
    );
    assert_eq!((none.runs, none.start), (0, None));
}

/// A negative maximum lateness leaves no missed run late (`now - r <= L`
/// with `r <= now` needs `L >= 0`), also where `now - L` is past chrono's
/// range: the catch-up once took that for "no limit" and caught up every
/// missed run (found by the fuzz targets' hostile instants).
#[test]
fn a_negative_lateness_past_chronos_end_leaves_nothing_late() {
    let hourly = Schedule::periodic(Interval::from_minutes(60).unwrap());
    let all = CatchUpPolicy::All { cap: 100 };
    // Chrono's last instant is 23:59:59.999999999 of its last day: the
    // day's 24 hourly runs from 00:00 to 23:00 are missed.
    let now = DateTime::<Utc>::MAX_UTC;
    let since = now - TimeDelta::days(1);
    assert_eq!(hourly.catch_up(since, now, all, None).runs, 24);
    for lateness in [TimeDelta::nanoseconds(-1), TimeDelta::seconds(-1), TimeDelta::MIN] {
        let caught = hourly.catch_up(since, now, all, Some(lateness));
        assert_eq!((caught.runs, caught.start), (0, None), "lateness {lateness}");
    }
    // Away from the end, only a lateness past chrono's range overflows.
    let now = utc(2026, 12, 1, 13, 30);
    let since = utc(2026, 12, 1, 7, 30);
    assert_eq!(hourly.catch_up(since, now, all, None).runs, 6);
    let caught = hourly.catch_up(since, now, all, Some(TimeDelta::MIN));
    assert_eq!((caught.runs, caught.start), (0, None));
    // A lateness before chrono's start is no limit: all six are late.
    assert_eq!(hourly.catch_up(since, now, all, Some(TimeDelta::MAX)).runs, 6);
}

/// Counting a grid that neither divides an hour nor is whole hours (45
/// minutes) over 95,000 years: constant work (a week walked once), not a
/// walk over every run (the fuzz target's count over chrono's whole range
/// never ended). By hand: the grid has 32 triggers a day, at k * 45 min;
/// Mon-Fri 09:00-17:00 holds k = 12..=22 (09:00 to 16:30), 11 runs a day,
/// and every trigger from 17:15 to 08:15 (and the weekend's) waits for the
/// 09:00 run, which is a trigger itself: 11 runs a workday, 55 a week.
#[test]
fn counting_a_45_minute_grid_over_millennia() {
    let schedule =
        Schedule::periodic(Interval::from_minutes(45).unwrap()).with_window(window("Mon-Fri 09:00-17:00"));
    let monday = utc(2026, 11, 30, 0, 0);
    let weeks = 5_000_000;
    let end = monday + TimeDelta::weeks(weeks);
    assert_eq!(schedule.count_between(monday, end), 55 * weeks as u64);
    // And Monday after: 11 more.
    assert_eq!(
        schedule.count_between(monday, end + TimeDelta::days(1)),
        55 * weeks as u64 + 11
    );
    // One week and a day, run by run.
    let short = monday + TimeDelta::days(8);
    assert_eq!(schedule.count_between(monday, short), 66);
    assert_eq!(schedule.runs_between(monday, short).count(), 66);
    // Chrono's whole range answers (in the same constant time).
    let (min, max) = (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
    let whole = schedule.count_between(min, max);
    assert_eq!(
        whole,
        schedule.count_between(min, monday) + schedule.count_between(monday, max)
    );
    let missed = schedule.missed(min, max);
    assert_eq!(missed.count, whole);
}

/// A range of whole weeks that starts on a waited run: the weeks' runs and
/// nothing more (the count once added the opening at the range's end, which
/// the range excludes; found by the fuzz target's ranges from chrono's
/// first instant). By hand: Monday to Friday at 22:00 UTC, held to
/// Tuesday-Saturday 00:00-03:00 UTC: each trigger waits for the next
/// midnight, so the runs are Tuesday to Saturday at 00:00, five a week.
#[test]
fn counting_whole_weeks_from_a_waited_run() {
    let schedule = daily(Weekdays::WORKDAYS, 22, 0).with_window(window("Tue-Sat 00:00-03:00"));
    let tuesday = utc(2026, 12, 1, 0, 0);
    for weeks in [1, 2, 52] {
        let end = tuesday + TimeDelta::weeks(weeks);
        assert_eq!(
            schedule.count_between(tuesday, end),
            5 * weeks as u64,
            "{weeks} weeks"
        );
        // (since, now]: from the Monday before, up to the Tuesday run that
        // ends the weeks.
        let missed = schedule.missed(tuesday - TimeDelta::seconds(1), end);
        assert_eq!(missed.count, 5 * weeks as u64 + 1, "{weeks} weeks");
    }
    // From a second before the run: the same five a week.
    let before = tuesday - TimeDelta::seconds(1);
    assert_eq!(schedule.count_between(before, before + TimeDelta::weeks(1)), 5);
}

/// `prev_run` asked exactly at an opening where a waiting trigger runs: that
/// run is not before the instant; the one before is the day before's. By
/// hand: daily at 22:00 UTC held to 23:00-24:00 UTC runs every day at 23:00.
/// (A mutant reading the gate at the instant instead of the second before
/// it answered the instant itself.)
#[test]
fn prev_run_at_the_opening_its_waiting_trigger_runs_at() {
    let schedule = daily(Weekdays::EVERYDAY, 22, 0).with_window(window("daily 23:00-24:00"));
    let opening = utc(2026, 12, 2, 23, 0);
    assert_eq!(schedule.prev_run(opening), Some(utc(2026, 12, 1, 23, 0)));
    assert_eq!(schedule.prev_run(opening + TimeDelta::seconds(1)), Some(opening));
    assert_eq!(
        schedule.prev_run(opening + TimeDelta::nanoseconds(1)),
        Some(opening)
    );
    assert_eq!(
        schedule.prev_run(opening - TimeDelta::seconds(1)),
        Some(utc(2026, 12, 1, 23, 0))
    );
    // The same at the closing: the last run of the open hour is 23:00.
    let closing = utc(2026, 12, 3, 0, 0);
    assert_eq!(schedule.prev_run(closing), Some(opening));
}

/// Skip, and a window that never opens: nothing to do.
#[test]
fn skip_and_a_window_that_never_opens_catch_up_nothing() {
    let schedule = daily(Weekdays::EVERYDAY, 3, 0);
    let since = utc(2026, 11, 1, 0, 0);
    let now = utc(2026, 12, 1, 0, 0);
    assert_eq!(schedule.missed(since, now).count, 30);
    let skip = schedule.catch_up(since, now, CatchUpPolicy::Skip, None);
    assert_eq!((skip.runs, skip.start), (0, None));
    let never = schedule.with_window(Window::never_open());
    assert_eq!(never.missed(since, now).count, 0);
    assert_eq!(never.catch_up(since, now, CatchUpPolicy::Once, None).runs, 0);
    // Immediate has no timed runs.
    let immediate = Schedule::immediate();
    assert_eq!(immediate.missed(since, now).count, 0);
    assert_eq!(immediate.count_between(since, now), 0);
}

/// The hash: FNV-1a's published vectors, and a job id.
#[test]
fn the_stagger_hash_is_fnv_1a() {
    assert_eq!(Stagger::hash(""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(Stagger::hash("a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(Stagger::hash("foobar"), 0x8594_4171_f739_67e8);
    let id = "b7c1cc0b-2b3c-4096-9ba1-2d665b4ae504";
    assert_eq!(Stagger::hash(id), fnv1a(id.as_bytes()));
}

/// The delay capped by the deadline. "job-7" hashes to 0xf2c2ea802008f85c
/// (computed with an independent FNV-1a), 17492744094633539676; mod 3600 that
/// is 2828, mod 900 it is 128, mod 7200 it is 6428. Nightly at 22:00 with a
/// window to 23:00: the window closes 3600 s after the run, the next run is
/// a day on.
#[test]
fn stagger_capped_by_the_deadline() {
    assert_eq!(Stagger::hash("job-7"), 0xf2c2_ea80_2008_f85c);
    let schedule = daily(Weekdays::EVERYDAY, 22, 0).with_window(window("daily 22:00-23:00"));
    let run = utc(2026, 12, 1, 22, 0);
    // A maximum of 2 h: the deadline (3600 s) is the limit; 2828 s = 47 min 8 s.
    let stagger = Stagger::new("job-7", Duration::from_secs(7_200));
    assert_eq!(
        schedule.staggered_start(run, &stagger),
        run + TimeDelta::seconds(2_828)
    );
    // A maximum of 15 min is below the deadline: 128 s.
    let short = Stagger::new("job-7", Duration::from_secs(900));
    assert_eq!(
        schedule.staggered_start(run, &short),
        run + TimeDelta::seconds(128)
    );
    // No maximum: no delay.
    let none = Stagger::new("job-7", Duration::ZERO);
    assert_eq!(schedule.staggered_start(run, &none), run);
    // Without a window, the next run (a day on) and the maximum (2 h): 6428 s.
    assert_eq!(
        daily(Weekdays::EVERYDAY, 22, 0).staggered_start(run, &stagger),
        run + TimeDelta::seconds(6_428)
    );
}

/// The delay capped by the next run: every 5 minutes without a window and a
/// maximum of an hour: the limit is 300 s, and "job-7" mod 300 is 128, so
/// the start (10:02:08) stays before the next run (10:05).
#[test]
fn stagger_capped_by_the_next_run() {
    let schedule = Schedule::periodic(Interval::from_minutes(5).unwrap());
    let run = utc(2026, 12, 1, 10, 0);
    let stagger = Stagger::new("job-7", Duration::from_secs(3_600));
    let start = schedule.staggered_start(run, &stagger);
    assert_eq!(start, Utc.with_ymd_and_hms(2026, 12, 1, 10, 2, 8).unwrap());
    // The next staggered start after 10:00:00 is this one; after it, the
    // 10:05 run's, at 10:07:08.
    assert_eq!(schedule.next_staggered_run(run, &stagger), Some(start));
    assert_eq!(
        schedule.next_staggered_run(start, &stagger),
        Some(Utc.with_ymd_and_hms(2026, 12, 1, 10, 7, 8).unwrap())
    );
}

/// The next run past chrono's last instant still caps the delay: daily at
/// 00:00 UTC, the run on chrono's last day (+262142-12-31), a maximum of a
/// day and a second: the next run is a day later (past the range), so the
/// limit is 86,400 s, and FNV-1a of "" (0xcbf29ce484222325) mod 86,400 is
/// 25,637 s: 07:07:17. Without that cap it would be mod 86,401.
#[test]
fn stagger_capped_by_a_next_run_past_chronos_end() {
    let schedule = daily(Weekdays::EVERYDAY, 0, 0);
    let run = Utc.with_ymd_and_hms(262_142, 12, 31, 0, 0, 0).unwrap();
    let stagger = Stagger::new("", Duration::from_secs(86_401));
    assert_eq!(
        schedule.staggered_start(run, &stagger),
        Utc.with_ymd_and_hms(262_142, 12, 31, 7, 7, 17).unwrap()
    );
}

/// Ranges that start exactly on an opening: nightly at 03:00 held to
/// 08:00-12:00 UTC runs at 08:00 (the 03:00 trigger waited). A range from
/// 08:00 holds that run whether it ends within the hour or later; a range
/// from a second after holds none; one ending at 08:00 holds none.
#[test]
fn counting_from_an_opening() {
    let schedule = daily(Weekdays::EVERYDAY, 3, 0).with_window(window("daily 08:00-12:00"));
    let opening = utc(2026, 12, 1, 8, 0);
    let second = TimeDelta::seconds(1);
    assert_eq!(schedule.count_between(opening, utc(2026, 12, 1, 8, 30)), 1);
    assert_eq!(schedule.count_between(opening, utc(2026, 12, 1, 10, 0)), 1);
    assert_eq!(schedule.count_between(opening, utc(2026, 12, 2, 8, 0)), 1);
    assert_eq!(
        schedule.count_between(opening, utc(2026, 12, 2, 8, 0) + second),
        2
    );
    assert_eq!(
        schedule.count_between(opening + second, utc(2026, 12, 1, 10, 0)),
        0
    );
    assert_eq!(schedule.count_between(opening - second, opening), 0);
    // And a grid: hourly, held to 08:00-12:00: the 08:00 run is both a
    // trigger and the opening for the night's triggers: one run, not two.
    let hourly =
        Schedule::periodic(Interval::from_minutes(60).unwrap()).with_window(window("daily 08:00-12:00"));
    assert_eq!(hourly.count_between(opening, utc(2026, 12, 1, 8, 30)), 1);
    assert_eq!(hourly.count_between(opening, utc(2026, 12, 1, 12, 0)), 4);
    // Every 30 minutes read at UTC+00:15 (local 00:00, 00:30, ... is UTC
    // :45 and :15): 07:45 waits, so the opening at 08:00 is a run of its
    // own, then 08:15, 08:45, ..., 11:45: 1 + 8 runs in 08:00-12:00.
    let off_hour = Schedule::periodic(Interval::from_minutes(30).unwrap())
        .with_trigger_offset(backup_schedule::MinuteOffset::from_minutes(15).unwrap())
        .with_window(window("daily 08:00-12:00"));
    assert_eq!(off_hour.count_between(opening, utc(2026, 12, 1, 8, 10)), 1);
    assert_eq!(off_hour.count_between(opening, utc(2026, 12, 1, 12, 0)), 9);
}
