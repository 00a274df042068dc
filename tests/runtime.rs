//! The runtime module on tokio's paused time with a wall clock the tests
//! move: runs come due as the library's own queries say (`explain_upcoming`,
//! `catch_up`, tested on their own elsewhere), a suspend delays a run by at
//! most one slice, falling behind is decided by the catch-up rule, and work
//! is cut off at its deadline. Expected instants are derived by hand in the
//! comments; where a test is about the embedding rather than the schedule,
//! the schedule's answer comes from those library queries.
#![cfg(feature = "tokio")]

use std::sync::Arc;
use std::time::Duration;

use backup_schedule::runtime::{
    Cause, Clock, Due, Finished, ManualClock, RunStream, Step, Tracker, WallTimer,
};
use backup_schedule::{BackupSchedule, CatchUpPolicy, Interval, Retry, Schedule, Timetable, Weekdays};
use chrono::{DateTime, NaiveTime, TimeDelta, TimeZone, Utc};
use futures_core::{FusedStream, Stream};
use tokio::time::Instant;

const SLICE: TimeDelta = TimeDelta::seconds(60);

/// 2026-12-`day` `h`:`m`:`s` UTC (December 2026 starts on a Tuesday).
fn dec(day: u32, h: u32, m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, day, h, m, s).unwrap()
}

fn hourly() -> Schedule {
    Schedule::periodic(Interval::from_minutes(60).unwrap())
}

fn nightly() -> Schedule {
    Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(22, 0, 0).unwrap()).unwrap()
}

/// A wall clock at `start`, shared with the timer.
fn clock_at(start: DateTime<Utc>) -> (Arc<ManualClock>, WallTimer<Arc<ManualClock>>) {
    let clock = Arc::new(ManualClock::starting_at(start));
    (clock.clone(), WallTimer::new(clock))
}

/// The next due run, which must come.
async fn due<T: Timetable, C: Clock>(runs: &mut RunStream<T, C>) -> Due {
    runs.next().await.expect("a run")
}

/// A suspend: after `after` of tokio's time, the wall clock jumps `by`
/// while tokio's clock does not.
async fn suspend(clock: &ManualClock, after: Duration, by: TimeDelta) {
    tokio::time::sleep(after).await;
    clock.jump(by);
}

fn catch_up(number: u64, of: u64, missed: u64) -> Cause {
    Cause::CatchUp { number, of, missed }
}

#[tokio::test(start_paused = true)]
async fn each_run_comes_due_as_the_library_explains_it_with_no_drift() {
    // The README's worked example: workdays 22:00 UTC held to Mon-Fri
    // 20:00-23:00 at UTC+03:00; asked on Saturday 2026-11-28 15:00.
    let schedule = Schedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(22, 0, 0).unwrap())
        .unwrap()
        .with_window(
            "Mon-Fri 20:00-23:00"
                .parse::<backup_schedule::Window>()
                .unwrap()
                .with_minute_offset(180)
                .unwrap(),
        );
    let start = Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap();
    let (clock, timer) = clock_at(start);
    let paused = Instant::now();
    let mut runs = timer.runs(schedule);
    let expected: Vec<_> = schedule.explain_upcoming(start).take(6).collect();
    assert_eq!(
        expected[0].run,
        Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, 0).unwrap()
    );
    for detail in expected {
        let due = due(&mut runs).await;
        assert_eq!(due.detail, detail);
        assert_eq!(due.cause, Cause::Scheduled);
        // Woken exactly at the run, on the wall clock and on tokio's.
        assert_eq!(clock.now(), detail.run);
        assert_eq!(paused.elapsed(), (detail.run - start).to_std().unwrap());
        assert_eq!(runs.tracker().since(), detail.run);
    }
}

#[tokio::test(start_paused = true)]
async fn a_suspend_before_a_run_delays_it_by_at_most_one_slice() {
    // Asleep from 21:30 to 21:50 (wall), tokio's clock stopped: a plain
    // monotonic sleep until 22:00 would wake at 22:20.
    let (clock, timer) = clock_at(dec(1, 21, 0, 0));
    let paused = Instant::now();
    let mut runs = timer.runs(nightly());
    let (due, ()) = tokio::join!(
        due(&mut runs),
        suspend(&clock, Duration::from_secs(30 * 60), TimeDelta::minutes(20))
    );
    assert_eq!(due.detail.run, dec(1, 22, 0, 0));
    assert_eq!(due.cause, Cause::Scheduled);
    let late = clock.now() - dec(1, 22, 0, 0);
    assert!(late >= TimeDelta::zero() && late <= SLICE, "{late}");
    // 40 minutes of tokio's time (30 before the suspend, 10 after), at most
    // a slice more.
    let waited = paused.elapsed();
    assert!(
        waited >= Duration::from_secs(40 * 60) && waited <= Duration::from_secs(41 * 60),
        "{waited:?}"
    );
}

/// Hourly from 10:00:30; the machine sleeps three hours at 10:20:30 (wall
/// 13:20:30 on waking, tokio's clock 20 minutes on): 11:00, 12:00 and 13:00
/// are missed.
async fn after_a_three_hour_suspend(
    policy: CatchUpPolicy,
    max_lateness: Option<TimeDelta>,
) -> (Vec<Due>, DateTime<Utc>) {
    let (clock, timer) = clock_at(dec(1, 10, 0, 30));
    let mut runs = timer.runs(hourly()).with_catch_up(policy, max_lateness);
    let (first, ()) = tokio::join!(
        due(&mut runs),
        suspend(&clock, Duration::from_secs(20 * 60), TimeDelta::hours(3))
    );
    let woke = clock.now();
    let mut dues = vec![first];
    while dues.last().unwrap().detail.run < dec(1, 14, 0, 0) {
        dues.push(due(&mut runs).await);
    }
    (dues, woke)
}

#[tokio::test(start_paused = true)]
async fn a_three_hour_suspend_over_runs_is_caught_up_once_by_default() {
    let (dues, woke) = after_a_three_hour_suspend(CatchUpPolicy::Once, None).await;
    // Woken within a slice of the end of the suspend.
    assert!(
        woke >= dec(1, 13, 20, 30) && woke - dec(1, 13, 20, 30) <= SLICE,
        "{woke}"
    );
    // One catch-up for the three missed runs, at once (no window), serving
    // 11:00's trigger first; then 14:00 as scheduled.
    assert_eq!(dues.len(), 2);
    assert_eq!(dues[0].cause, catch_up(1, 1, 3));
    assert_eq!(dues[0].detail.trigger, dec(1, 11, 0, 0));
    assert_eq!(dues[0].detail.run, woke);
    assert_eq!(dues[0].detail.deadline, None);
    assert_eq!(dues[1].cause, Cause::Scheduled);
    assert_eq!(dues[1].detail.run, dec(1, 14, 0, 0));
    // The library's rule says the same at that instant.
    let rule = hourly().catch_up(dec(1, 10, 0, 0), woke, CatchUpPolicy::Once, None);
    assert_eq!((rule.runs, rule.start), (1, Some(woke)));
}

#[tokio::test(start_paused = true)]
async fn the_catch_up_rule_not_a_replay_decides_how_many() {
    // At most two hours late: 11:00 is 2h20m late and does not count; 12:00
    // and 13:00 do. All { cap: 5 }: two catch-up runs, one after the other.
    let (dues, woke) =
        after_a_three_hour_suspend(CatchUpPolicy::All { cap: 5 }, Some(TimeDelta::hours(2))).await;
    let causes: Vec<_> = dues.iter().map(|due| due.cause).collect();
    assert_eq!(causes, [catch_up(1, 2, 3), catch_up(2, 2, 3), Cause::Scheduled]);
    assert!(dues[..2].iter().all(|due| due.detail.trigger == dec(1, 12, 0, 0)));
    assert_eq!(dues[0].detail.run, woke);
    assert_eq!(dues[2].detail.run, dec(1, 14, 0, 0));
    let rule = hourly().catch_up(
        dec(1, 10, 0, 0),
        woke,
        CatchUpPolicy::All { cap: 5 },
        Some(TimeDelta::hours(2)),
    );
    assert_eq!(rule.runs, 2);

    // The cap bounds it.
    let (dues, _) = after_a_three_hour_suspend(CatchUpPolicy::All { cap: 1 }, None).await;
    assert_eq!(dues[0].cause, catch_up(1, 1, 3));
    assert_eq!(dues[1].cause, Cause::Scheduled);

    // Skip: the missed runs are dropped; the next is 14:00, computed from now.
    let (dues, _) = after_a_three_hour_suspend(CatchUpPolicy::Skip, None).await;
    assert_eq!(dues.len(), 1);
    assert_eq!(
        (dues[0].detail.run, dues[0].cause),
        (dec(1, 14, 0, 0), Cause::Scheduled)
    );
}

#[tokio::test(start_paused = true)]
async fn a_host_busy_longer_than_the_gap_falls_behind_and_the_rule_decides() {
    // Every 15 minutes from 10:00; each run takes the host 40 minutes.
    let every_15 = Schedule::periodic(Interval::from_minutes(15).unwrap());
    let busy = Duration::from_secs(40 * 60);

    // Skip: 10:15; busy until 10:55, 10:30 and 10:45 dropped; 11:00; busy
    // until 11:40, 11:15 and 11:30 dropped; 11:45. Never a run in the past.
    let (_, timer) = clock_at(dec(1, 10, 0, 0));
    let mut runs = timer.runs(every_15).with_catch_up(CatchUpPolicy::Skip, None);
    let mut starts = Vec::new();
    for _ in 0..3 {
        let due = due(&mut runs).await;
        assert_eq!(due.cause, Cause::Scheduled);
        starts.push(due.detail.run);
        tokio::time::sleep(busy).await;
    }
    assert_eq!(starts, [dec(1, 10, 15, 0), dec(1, 11, 0, 0), dec(1, 11, 45, 0)]);

    // Once: at 10:55 one catch-up for 10:30 and 10:45, started then.
    let (clock, timer) = clock_at(dec(1, 10, 0, 0));
    let mut runs = timer.runs(every_15);
    assert_eq!(due(&mut runs).await.detail.run, dec(1, 10, 15, 0));
    tokio::time::sleep(busy).await;
    let due = due(&mut runs).await;
    assert_eq!(due.cause, catch_up(1, 1, 2));
    assert_eq!(
        (due.detail.trigger, due.detail.run),
        (dec(1, 10, 30, 0), dec(1, 10, 55, 0))
    );
    assert_eq!(clock.now(), dec(1, 10, 55, 0));
}

#[tokio::test(start_paused = true)]
async fn a_clock_stepped_back_repeats_no_run() {
    let (clock, timer) = clock_at(dec(1, 10, 30, 0));
    let paused = Instant::now();
    let mut runs = timer.runs(hourly());
    assert_eq!(due(&mut runs).await.detail.run, dec(1, 11, 0, 0));
    clock.jump(TimeDelta::minutes(-45)); // 10:15 again
    let due = due(&mut runs).await;
    assert_eq!((due.detail.run, due.cause), (dec(1, 12, 0, 0), Cause::Scheduled));
    // 30 minutes to 11:00, then 1 h 45 min from 10:15 to 12:00.
    assert_eq!(paused.elapsed(), Duration::from_secs(30 * 60 + 105 * 60));
}

#[tokio::test(start_paused = true)]
async fn a_restart_catches_up_from_the_stored_last_run_when_the_window_opens() {
    // Nightly at 22:00 in a window 22:00-06:00, last run stored 2026-11-27
    // 22:00, back at noon on the 30th: the 28th and the 29th were missed;
    // one catch-up when the window opens at 22:00, serving that night's
    // run too; then the next night's.
    let window = "daily 22:00-06:00".parse().unwrap();
    let schedule = nightly().with_window(window);
    let noon = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    let (_, timer) = clock_at(noon);
    let paused = Instant::now();
    let mut runs = timer
        .runs(schedule)
        .since(Utc.with_ymd_and_hms(2026, 11, 27, 22, 0, 0).unwrap());
    let first = due(&mut runs).await;
    assert_eq!(first.cause, catch_up(1, 1, 2));
    assert_eq!(
        first.detail.trigger,
        Utc.with_ymd_and_hms(2026, 11, 28, 22, 0, 0).unwrap()
    );
    assert_eq!(
        first.detail.run,
        Utc.with_ymd_and_hms(2026, 11, 30, 22, 0, 0).unwrap()
    );
    assert_eq!(first.detail.deadline, Some(dec(1, 6, 0, 0)));
    assert_eq!(paused.elapsed(), Duration::from_secs(10 * 3600));
    let next = due(&mut runs).await;
    assert_eq!(
        (next.detail.run, next.cause),
        (dec(1, 22, 0, 0), Cause::Scheduled)
    );
}

#[tokio::test(start_paused = true)]
async fn a_suspend_past_a_waiting_catch_up_decides_again() {
    // As above, but asleep from 21:00 to 07:00 the next morning, over the
    // catch-up's start: at 07:00 three nights are missed (28th, 29th,
    // 30th), the window is closed until 22:00 on the 1st.
    let schedule = nightly().with_window("daily 22:00-06:00".parse().unwrap());
    let noon = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    let (clock, timer) = clock_at(noon);
    let mut runs = timer
        .runs(schedule)
        .since(Utc.with_ymd_and_hms(2026, 11, 27, 22, 0, 0).unwrap());
    let (first, ()) = tokio::join!(
        due(&mut runs),
        suspend(&clock, Duration::from_secs(9 * 3600), TimeDelta::hours(10))
    );
    assert_eq!(first.cause, catch_up(1, 1, 3));
    assert_eq!(first.detail.run, dec(1, 22, 0, 0));
    assert_eq!(
        first.detail.trigger,
        Utc.with_ymd_and_hms(2026, 11, 28, 22, 0, 0).unwrap()
    );
}

#[tokio::test(start_paused = true)]
async fn work_is_cut_off_at_the_deadline_even_across_a_suspend() {
    let (clock, timer) = clock_at(dec(1, 22, 30, 0));
    let deadline = Some(dec(1, 23, 0, 0));
    // Asleep at 22:40 for an hour (wall 23:40): cut off within a slice.
    let work = tokio::time::sleep(Duration::from_secs(2 * 3600));
    let (finished, ()) = tokio::join!(
        timer.run_until(deadline, work),
        suspend(&clock, Duration::from_secs(600), TimeDelta::hours(1))
    );
    let Finished::CutOff { at } = finished else {
        panic!("{finished:?}")
    };
    assert!(at >= dec(1, 23, 40, 0) && at - dec(1, 23, 40, 0) <= SLICE, "{at}");

    // Finished in time; no deadline; a deadline already past.
    let quick = timer
        .run_until(deadline.map(|d| d + TimeDelta::hours(2)), async { 1 })
        .await;
    assert_eq!(quick, Finished::Completed(1));
    let endless = timer.run_until(None, async {
        tokio::time::sleep(Duration::from_secs(86_400)).await;
        2
    });
    assert_eq!(endless.await, Finished::Completed(2));
    let now = clock.now();
    let late = timer
        .run_until(Some(now - TimeDelta::seconds(1)), std::future::pending::<()>())
        .await;
    assert_eq!(late, Finished::CutOff { at: now });
}

#[tokio::test(start_paused = true)]
async fn a_backup_job_streams_its_runs_with_deadlines() {
    // The vendor's example: workdays at 14:50, 15:00-16:00 prohibited: the
    // deadline is 15:00. 2026-12-04 is a Friday: the next run is Monday's.
    let schedule = BackupSchedule::daily(Weekdays::WORKDAYS, NaiveTime::from_hms_opt(14, 50, 0).unwrap())
        .unwrap()
        .with_backup_window(
            backup_schedule::Window::always_open().deny(Weekdays::EVERYDAY, "15:00-16:00".parse().unwrap()),
        )
        .with_retry(Retry::new(2, 5).unwrap());
    let start = dec(4, 12, 0, 0);
    let (_, timer) = clock_at(start);
    let mut runs = timer.runs(schedule);
    let expected: Vec<_> = schedule.explain_upcoming(start).take(3).collect();
    assert_eq!(expected[1].run, dec(7, 14, 50, 0));
    for detail in expected {
        let due = due(&mut runs).await;
        assert_eq!(due.detail, detail);
        assert_eq!(due.detail.deadline, Some(due.detail.run + TimeDelta::minutes(10)));
    }
}

#[cfg(any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono"))]
#[tokio::test(start_paused = true)]
async fn a_zoned_schedule_streams_across_a_daylight_saving_change() {
    // Daily 02:30 in Berlin over 2027-03-28, when 02:30 does not exist: the
    // runs are the library's zoned answers (01:30 UTC that day, 00:30 UTC
    // after).
    let berlin = backup_schedule::Zone::from_name("Europe/Berlin").unwrap();
    let schedule = Schedule::daily(Weekdays::EVERYDAY, NaiveTime::from_hms_opt(2, 30, 0).unwrap())
        .unwrap()
        .in_zone(&berlin);
    let start = Utc.with_ymd_and_hms(2027, 3, 26, 12, 0, 0).unwrap();
    let (_, timer) = clock_at(start);
    let mut runs = timer.runs(schedule);
    let expected: Vec<_> = schedule.explain_upcoming(start).take(3).collect();
    assert_eq!(
        expected[1].run,
        Utc.with_ymd_and_hms(2027, 3, 28, 1, 30, 0).unwrap()
    );
    assert_eq!(
        expected[2].run,
        Utc.with_ymd_and_hms(2027, 3, 29, 0, 30, 0).unwrap()
    );
    for detail in expected {
        assert_eq!(due(&mut runs).await.detail, detail);
    }
}

#[tokio::test(start_paused = true)]
async fn a_schedule_without_timed_runs_ends_the_stream_at_once() {
    let (_, timer) = clock_at(dec(1, 0, 0, 0));
    let mut runs = timer.runs(Schedule::immediate());
    assert!(!runs.is_terminated());
    assert_eq!(runs.next().await, None);
    assert!(runs.is_terminated());
    assert_eq!(runs.next().await, None);
    let mut never = timer.runs(hourly().with_window(backup_schedule::Window::never_open()));
    assert_eq!(never.next().await, None);
    let mut manual = timer.runs(BackupSchedule::manual_only());
    assert_eq!(manual.next().await, None);
}

#[tokio::test(start_paused = true)]
async fn it_is_a_stream() {
    let (_, timer) = clock_at(dec(1, 10, 30, 0));
    let mut runs = Box::pin(timer.runs(hourly()));
    let next = std::future::poll_fn(|cx| runs.as_mut().poll_next(cx)).await;
    assert_eq!(next.map(|due| due.detail.run), Some(dec(1, 11, 0, 0)));
}

#[test]
fn the_tracker_waits_then_hands_each_run_out_once() {
    // Without a clock: hourly from 09:30.
    let mut tracker = Tracker::new(hourly(), dec(1, 9, 30, 0));
    assert_eq!(tracker.poll(dec(1, 9, 45, 0)), Step::Wait(dec(1, 10, 0, 0)));
    let Step::Due(due) = tracker.poll(dec(1, 10, 0, 59)) else {
        panic!()
    };
    assert_eq!((due.detail.run, due.cause), (dec(1, 10, 0, 0), Cause::Scheduled));
    assert_eq!(tracker.poll(dec(1, 10, 0, 59)), Step::Wait(dec(1, 11, 0, 0)));
    // 61 seconds late is more than the tolerance: a catch-up, at now.
    let Step::Due(due) = tracker.poll(dec(1, 11, 1, 1)) else {
        panic!()
    };
    assert_eq!(due.cause, catch_up(1, 1, 1));
    assert_eq!(
        (due.detail.run, due.detail.trigger),
        (dec(1, 11, 1, 1), dec(1, 11, 0, 0))
    );
    // A wider tolerance takes it as on time.
    let mut tolerant = Tracker::new(hourly(), dec(1, 10, 0, 0)).with_tolerance(TimeDelta::minutes(5));
    let Step::Due(due) = tolerant.poll(dec(1, 11, 1, 1)) else {
        panic!()
    };
    assert_eq!(due.cause, Cause::Scheduled);
    assert_eq!(
        Tracker::new(Schedule::immediate(), dec(1, 0, 0, 0)).poll(dec(2, 0, 0, 0)),
        Step::Ended
    );
}

#[test]
fn a_due_run_serializes_with_its_cause() {
    let mut tracker = Tracker::new(hourly(), dec(1, 7, 0, 0));
    let Step::Due(due) = tracker.poll(dec(1, 10, 0, 0)) else {
        panic!()
    };
    assert_eq!(
        serde_json::to_value(due).unwrap(),
        serde_json::json!({
            "run": "2026-12-01T10:00:00Z", "trigger": "2026-12-01T08:00:00Z", "deadline": null,
            "cause": "catchUp", "number": 1, "of": 1, "missed": 3,
        })
    );
}
