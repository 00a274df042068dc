//! Backup jobs (issue 11): `next_run` and `prev_run` of a `BackupSchedule`
//! beside the copy-job windowed path on the same triggers and the same
//! backup windows, cycling through the same 64 instants in the same run.
//!
//! - Periodic in hours (every hour, every 4 hours): the backup job runs on a
//!   grid at offset 15 and has both gates, the backup window (business hours
//!   or one hour a week, at offsets 0, +180 and +330) and permitted hours
//!   (daily 02:00-22:00 at -03:30). The permitted hours' frame is 225
//!   minutes behind UTC: 15 minutes off every window's, so the gate is the
//!   336-slot split gate. The copy job: the same interval at offset 0, held
//!   to the same window.
//! - Daily (workdays 22:00, weekends 03:30) and every 15 minutes: permitted
//!   hours are not allowed there, so the backup job has the backup window
//!   only; beside the copy job with it.
//!
//! The goal: a backup job's `next_run` with both gates and non-hour
//! offsets at most 1.5x the copy job's windowed path.
//!
//! Before timing, every backup schedule's answers are checked against an
//! oracle built from code we did not write: saffron's triggers and a
//! minute-by-minute walk of both windows over chrono's weekday and hour.
//!
//! Times are this thread's CPU time (on 64-bit Linux; wall time elsewhere),
//! not wall time: on a shared machine with many more runnable processes than
//! cores, wall time mostly measures how long the thread waited for a core,
//! and copy and backup then differ by whatever the other processes did
//! meanwhile.

mod common;

use backup_schedule::{BackupSchedule, Interval, Schedule, Timetable, Weekdays, Window};
use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
use common::{ceil_minute, check_points, windows, Cycle, NamedWindow};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

use common::cpu_time::{clock, Clock};

/// The grid's offset of the periodic backup jobs.
const GRID_OFFSET: u32 = 15;

/// Daily 02:00-22:00 at -03:30: the permitted hours.
fn permitted() -> NamedWindow {
    let mut hours = [false; 168];
    for day in 0..7 {
        for hour in 2..22 {
            hours[day * 24 + hour] = true;
        }
    }
    NamedWindow {
        name: "permitted_2_22_off-210".into(),
        hours,
        minute_offset: -210,
    }
}

/// One trigger family: the copy job's schedule and the backup job's,
/// before any window, and the backup job's triggers in five-field cron.
struct Family {
    name: &'static str,
    copy: Schedule,
    backup: BackupSchedule,
    backup_cron5: &'static str,
    /// Whether the backup job takes the permitted hours.
    permitted: bool,
}

fn families() -> Vec<Family> {
    let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let every = |minutes| Interval::from_minutes(minutes).unwrap();
    vec![
        Family {
            name: "every_1h",
            copy: Schedule::periodic(every(60)),
            backup: BackupSchedule::periodic(every(60))
                .with_offset_minutes(GRID_OFFSET)
                .unwrap(),
            backup_cron5: "15 * * * *",
            permitted: true,
        },
        Family {
            name: "every_4h",
            copy: Schedule::periodic(every(240)),
            backup: BackupSchedule::periodic(every(240))
                .with_offset_minutes(GRID_OFFSET)
                .unwrap(),
            backup_cron5: "15 */4 * * *",
            permitted: true,
        },
        Family {
            name: "every_15min",
            copy: Schedule::periodic(every(15)),
            backup: BackupSchedule::periodic(every(15)),
            backup_cron5: "*/15 * * * *",
            permitted: false,
        },
        Family {
            name: "workdays_2200",
            copy: Schedule::daily(Weekdays::WORKDAYS, at(22, 0)).unwrap(),
            backup: BackupSchedule::daily(Weekdays::WORKDAYS, at(22, 0)).unwrap(),
            backup_cron5: "0 22 * * MON-FRI",
            permitted: false,
        },
        Family {
            name: "weekends_0330",
            copy: Schedule::daily(Weekdays::WEEKENDS, at(3, 30)).unwrap(),
            backup: BackupSchedule::daily(Weekdays::WEEKENDS, at(3, 30)).unwrap(),
            backup_cron5: "30 3 * * SAT,SUN",
            permitted: false,
        },
    ]
}

fn to_window(named: &NamedWindow) -> Window {
    Window::new(&named.hours, named.minute_offset).unwrap()
}

impl Family {
    fn copy_with(&self, window: &NamedWindow) -> Schedule {
        self.copy.with_window(to_window(window))
    }

    fn backup_with(&self, window: &NamedWindow) -> BackupSchedule {
        let backup = self.backup.with_backup_window(to_window(window));
        if self.permitted {
            backup.with_permitted_hours(to_window(&permitted())).unwrap()
        } else {
            backup
        }
    }

    /// Whether the oracle's gate is open at `t`: the backup window, and
    /// the permitted hours, whose hour `h` starts at `h:15` local: the same
    /// hours in a frame 15 minutes behind theirs.
    fn oracle_open(&self, window: &NamedWindow, t: DateTime<Utc>) -> bool {
        let permitted_frame = NamedWindow {
            minute_offset: permitted().minute_offset - GRID_OFFSET as i32,
            ..permitted()
        };
        window.open_at(t) && (!self.permitted || permitted_frame.open_at(t))
    }

    /// The earliest run strictly after `after`: the first saffron trigger
    /// whose first open minute (walking) is after `after`, from eight days
    /// back (that minute never decreases as the trigger grows).
    fn oracle_next_run(&self, window: &NamedWindow, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let triggers: saffron::Cron = self.backup_cron5.parse().unwrap();
        let first_open = |t: DateTime<Utc>| {
            if self.oracle_open(window, t) {
                return Some(t);
            }
            let mut m = ceil_minute(t);
            for _ in 0..16 * 1440 {
                if self.oracle_open(window, m) {
                    return Some(m);
                }
                m += TimeDelta::minutes(1);
            }
            None
        };
        let mut from = after - TimeDelta::days(8);
        let mut previous_run: Option<DateTime<Utc>> = None;
        loop {
            let trigger = triggers.next_after(from)?;
            let run = match previous_run {
                Some(run) if trigger < run => run,
                _ => first_open(trigger)?,
            };
            if run > after {
                return Some(run);
            }
            previous_run = Some(run);
            from = trigger;
        }
    }
}

/// Every backup schedule's `next_run` and `prev_run` against the oracle;
/// and every one must have runs, so that nothing is timed on an early
/// `None`.
fn cross_check() {
    for family in families() {
        for window in windows() {
            let backup = family.backup_with(&window);
            for t in check_points(4, |t| backup.next_run(t)) {
                let next = backup.next_run(t);
                assert!(
                    next.is_some(),
                    "{} with {}: no run after {t}",
                    family.name,
                    window.name
                );
                assert_eq!(
                    next,
                    family.oracle_next_run(&window, t),
                    "{} with {} after {t}",
                    family.name,
                    window.name
                );
                // prev_run: a run of the oracle's, with none between it and t.
                let prev = backup.prev_run(t).expect("runs every week");
                assert!(
                    prev < t,
                    "{} with {}: prev_run({t}) = {prev}",
                    family.name,
                    window.name
                );
                let oracle_prev = family.oracle_next_run(&window, prev - TimeDelta::seconds(1));
                assert_eq!(
                    oracle_prev,
                    Some(prev),
                    "{} with {}: prev_run({t})",
                    family.name,
                    window.name
                );
                let oracle_after = family.oracle_next_run(&window, prev).unwrap();
                assert!(
                    oracle_after >= t,
                    "{} with {}: {oracle_after} between prev_run({t}) and {t}",
                    family.name,
                    window.name
                );
            }
        }
    }
}

/// `query` (`next_run`, `prev_run`) of the copy job and the backup job,
/// side by side for each family and window.
fn bench_query<R>(
    c: &mut Criterion<Clock>,
    name: &str,
    copy_query: impl Fn(&Schedule, DateTime<Utc>) -> R,
    backup_query: impl Fn(&BackupSchedule, DateTime<Utc>) -> R,
) {
    for family in families() {
        let mut group = c.benchmark_group(format!("backup_{name}/{}", family.name));
        for window in windows() {
            let copy = family.copy_with(&window);
            let backup = family.backup_with(&window);
            let mut cycle = Cycle::new();
            group.bench_function(BenchmarkId::new("copy", &window.name), |b| {
                b.iter(|| copy_query(&copy, cycle.next()))
            });
            let mut cycle = Cycle::new();
            group.bench_function(BenchmarkId::new("backup", &window.name), |b| {
                b.iter(|| backup_query(&backup, cycle.next()))
            });
        }
        group.finish();
    }
}

fn bench(c: &mut Criterion<Clock>) {
    cross_check();
    bench_query(c, "next_run", |s, t| s.next_run(t), |s, t| s.next_run(t));
    bench_query(c, "prev_run", |s, t| s.prev_run(t), |s, t| s.prev_run(t));
}

criterion_group! {
    name = benches;
    config = common::config().with_measurement(clock());
    targets = bench
}
criterion_main!(benches);
