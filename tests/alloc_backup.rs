//! Backup job queries allocate nothing (issue 11): a counting global
//! allocator watches `next_run`, `prev_run`, `explain_next`, the gate and
//! window queries, `retry_after` and each step of the iterators, over daily,
//! periodic (with grid offsets) and manual schedules, with no window, a
//! backup window, permitted hours, or both at offsets whole hours or 15, 30
//! or 45 minutes apart, disabled or not, fixed and zoned. And a
//! `BackupSchedule` is `Copy` and small.
//!
//! This binary has its own allocator (`tests/alloc.rs` has the copy jobs').
//! The count is per thread, so tests running in parallel on other threads
//! do not disturb it.

use backup_schedule::{BackupSchedule, Interval, MinuteOffset, Retry, Timetable, Weekdays, Window};
use chrono::{DateTime, NaiveTime, TimeDelta, TimeZone, Utc};

#[path = "common/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations;

fn window(text: &str, minute_offset: i32) -> Window {
    Window::parse_with_offset(text, minute_offset).unwrap()
}

/// Daily, periodic in minutes and in hours (grid offsets 0, 15, 59),
/// manual; each plain, with a backup window, with permitted hours (where
/// allowed) at offsets that make the gate one window or split it, with both,
/// disabled, with retries, with a trigger offset.
fn schedules() -> Vec<BackupSchedule> {
    let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let every = |minutes| BackupSchedule::periodic(Interval::from_minutes(minutes).unwrap());
    let triggers = [
        BackupSchedule::daily(Weekdays::WORKDAYS, at(14, 50)).unwrap(),
        BackupSchedule::daily(Weekdays::WEEKENDS, at(23, 30)).unwrap(),
        BackupSchedule::manual_only(),
        every(15),
        every(60),
        every(120).with_offset_minutes(15).unwrap(),
        every(240).with_offset_minutes(59).unwrap(),
        every(720).with_offset_minutes(30).unwrap(),
    ];
    let backup_windows = [
        window("always", 0),
        window("Mon-Fri 08:00-20:00", 330),
        window("Sat 22:00-02:00", -210),
        window("Wed 13:00-14:00", 345),
        window("never", 0),
    ];
    let permitted = [
        window("daily 19:00-08:00", 0),
        window("daily 09:00-17:00", 345),
        window("Mon-Fri 10:00-14:00", 7),
        window("Sun 03:00-04:00", -210),
    ];
    let mut all = Vec::new();
    for schedule in triggers {
        all.push(schedule);
        all.push(schedule.disabled());
        all.push(schedule.with_trigger_offset(MinuteOffset::from_minutes(-330).unwrap()));
        for backup in backup_windows {
            all.push(schedule.with_backup_window(backup).with_retry(Retry::default()));
        }
        for hours in permitted {
            let Ok(with_hours) = schedule.with_permitted_hours(hours) else {
                continue;
            };
            all.push(with_hours);
            for backup in backup_windows {
                all.push(
                    with_hours
                        .with_backup_window(backup)
                        .with_retry(Retry::new(777, 999).unwrap()),
                );
            }
        }
    }
    all
}

/// Instants over five weeks at odd seconds and nanoseconds, on hour and
/// quarter-hour edges, and at the ends of chrono's range.
fn instants() -> Vec<DateTime<Utc>> {
    let start = Utc.with_ymd_and_hms(2026, 12, 27, 0, 0, 0).unwrap();
    let mut all: Vec<DateTime<Utc>> = (0..120)
        .map(|i| start + TimeDelta::seconds(i * 25_601) + TimeDelta::nanoseconds(i * 7_919))
        .collect();
    all.extend((0..40).map(|i| start + TimeDelta::minutes(i * 315)));
    all.push(DateTime::<Utc>::MIN_UTC);
    all.push(DateTime::<Utc>::MIN_UTC + TimeDelta::days(3));
    all.push(DateTime::<Utc>::MAX_UTC - TimeDelta::days(3));
    all.push(DateTime::<Utc>::MAX_UTC);
    all
}

/// Every single-instant query of `schedule` at every instant: no
/// allocation. Returns how many of them found a run.
fn check_single_queries(schedule: &impl Timetable, name: &dyn std::fmt::Debug) -> usize {
    let mut runs = 0;
    for t in instants() {
        let (count, run) = allocations(|| schedule.next_run(t));
        assert_eq!(count, 0, "{name:?} next_run({t}) allocated");
        runs += usize::from(run.is_some());
        let (count, _) = allocations(|| schedule.prev_run(t));
        assert_eq!(count, 0, "{name:?} prev_run({t}) allocated");
        let (count, _) = allocations(|| schedule.explain_next(t));
        assert_eq!(count, 0, "{name:?} explain_next({t}) allocated");
        let (count, _) = allocations(|| (schedule.is_open(t), schedule.next_open(t), schedule.next_close(t)));
        assert_eq!(count, 0, "{name:?} gate queries at {t} allocated");
        for failures in [0, 1, 3, 778] {
            let (count, _) = allocations(|| schedule.retry_after(t, failures));
            assert_eq!(count, 0, "{name:?} retry_after({t}, {failures}) allocated");
        }
    }
    runs
}

/// Each step of every iterator of `schedule`: no allocation. Returns how
/// many steps gave a run.
fn check_iterator_steps(schedule: &impl Timetable, name: &dyn std::fmt::Debug) -> usize {
    let start = Utc.with_ymd_and_hms(2026, 12, 27, 10, 11, 12).unwrap();
    let end = start + TimeDelta::weeks(3);
    let mut steps = 0;
    let (count, mut upcoming) = allocations(|| schedule.upcoming(start));
    assert_eq!(count, 0, "{name:?} upcoming() allocated");
    let (count, mut past) = allocations(|| schedule.past(start));
    assert_eq!(count, 0, "{name:?} past() allocated");
    let (count, mut details) = allocations(|| schedule.explain_upcoming(start));
    assert_eq!(count, 0, "{name:?} explain_upcoming() allocated");
    for _ in 0..100 {
        let (count, run) = allocations(|| upcoming.next());
        assert_eq!(count, 0, "{name:?}: a step of upcoming allocated");
        steps += usize::from(run.is_some());
        let (count, _) = allocations(|| past.next());
        assert_eq!(count, 0, "{name:?}: a step of past allocated");
        let (count, _) = allocations(|| details.next());
        assert_eq!(count, 0, "{name:?}: a step of explain_upcoming allocated");
    }
    let (count, mut between) = allocations(|| schedule.runs_between(start, end));
    assert_eq!(count, 0, "{name:?} runs_between() allocated");
    loop {
        let (count, run) = allocations(|| between.next());
        assert_eq!(count, 0, "{name:?}: a step of runs_between allocated");
        if run.is_none() {
            break;
        }
    }
    steps
}

#[test]
fn the_counter_sees_allocations() {
    // Without this, a broken counter would make every other test pass.
    let (count, vec) = allocations(|| vec![1_u8; 100]);
    assert_eq!(vec.len(), 100);
    assert!(count >= 1, "counted {count} allocations for a Vec");
}

#[test]
fn queries_do_not_allocate() {
    let schedules = schedules();
    let mut runs = 0;
    for schedule in &schedules {
        runs += check_single_queries(schedule, schedule);
    }
    // The loop did reach the computation, not only the early `None`s.
    assert!(runs > schedules.len() * instants().len() / 3, "{runs} runs");
}

#[test]
fn iterator_steps_do_not_allocate() {
    let schedules = schedules();
    let steps: usize = schedules
        .iter()
        .map(|schedule| check_iterator_steps(schedule, schedule))
        .sum();
    assert!(steps > schedules.len() * 30, "only {steps} steps gave a run");
}

#[cfg(any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono"))]
#[test]
fn zoned_queries_do_not_allocate() {
    let zone = backup_schedule::Zone::from_name("Europe/Berlin").unwrap();
    let mut runs = 0;
    for schedule in schedules() {
        let zoned = schedule.in_zone(&zone);
        runs += check_single_queries(&zoned, &zoned);
        runs += check_iterator_steps(&zoned, &zoned);
    }
    assert!(runs > 0);
}

#[test]
fn a_backup_schedule_is_copy_and_small() {
    fn copy<T: Copy>() {}
    copy::<BackupSchedule>();
    copy::<Retry>();
    // Both windows, the combined gate and the triggers fit in three cache
    // lines.
    let size = core::mem::size_of::<BackupSchedule>();
    assert!(size <= 192, "size_of::<BackupSchedule>() is {size}");
}
