//! When does this backup job run next?
//!
//! `backup_schedule` reads the `schedulePolicy` of a backup copy job as the
//! Veeam Backup for Microsoft 365 REST API writes it (`POST /v6/CopyJobs`),
//! validates it into a [`Schedule`], and answers *when does it run next*
//! exactly, in constant time and without allocating, taking the backup copy
//! window into account.
//!
//! # Layers
//!
//! Each layer knows only the ones below it:
//!
//! - Vocabulary: [`Weekdays`] (sets of days), [`MinuteOffset`] (the API's
//!   `minuteOffset`), [`Interval`], [`HourRange`].
//! - [`Window`]: the 168 hours of a week packed into bits, in a local time a
//!   fixed number of minutes from UTC; is it open, when does it open next,
//!   when does it close. Its text form (`"Mon-Fri 22:00-06:00"`), builder and
//!   set operations.
//! - The run engine: a schedule is *triggers* (daily at a time, on a grid, or
//!   after each restore point), a *gate* that holds a run's start (the
//!   window) and a *deadline window* that ends it. The run rule, forward and
//!   backward iteration and each run's explanation are written once over
//!   those few primitives; [`Timetable`] is their public face.
//! - Schedules: [`Schedule`] (a copy job's, fixed offsets as the API defines
//!   them, answered in constant time from the position in the week) and
//!   [`Zoned`] (any schedule evaluated in an IANA time zone, feature `tz`: one
//!   generic adapter that runs the fixed-offset engine span by span).
//! - The wire model, [`vb365`]: the API's JSON field for field, converted into
//!   a `Schedule` by [`Schedule::try_from`]. The engine knows nothing of JSON.
//!
//! # Semantics
//!
//! The API names the fields but does not say how they combine. This crate
//! defines it as follows.
//!
//! | Concept | Meaning |
//! |---|---|
//! | Instants | UTC. Every query takes the reference instant as an argument; nothing reads the clock. |
//! | `DailyAtTime` | One trigger at `dailyTime` (UTC) on each `dailyType` day (UTC days). `Workdays` = Monday-Friday, `Weekends` = Saturday and Sunday. |
//! | `Periodically` | A trigger every `periodicallyEvery` minutes, counted from 00:00 UTC (every interval divides a day), every day. |
//! | `Immediate` | A trigger whenever a new restore point appears; no timed triggers, so `next_run` is `None`. [`Timetable::explain_event`] gives the run of a restore point at `t`. |
//! | Window frame | Local time = UTC + `minuteOffset` minutes. Hour `day * 24 + hour` of `backupWindow` (day 0 = Sunday) covers `[hh:00, hh+1:00)` local. Offsets that are not whole hours (330, 345, -210) put the edges on those minutes in UTC. |
//! | Window off | `backupCopyWindowEnabled` false, `null` or absent: every hour is allowed. |
//! | Empty window | A window that allows no hour is valid: the job never runs (`None`). |
//! | Run | The first instant at or after a trigger at which the window is open. A trigger in a closed hour waits for the next opening; triggers that wait for the same opening coalesce into one run. The runs are `{ first open instant >= trigger }` over all triggers. |
//! | `next_run(t)` | The earliest run strictly after `t`; `None` when there is none or it is past chrono's range. |
//! | `prev_run(t)` | The latest run strictly before `t`. |
//! | `next_open(t)` | The first instant at or after `t` at which the window is open. |
//! | `next_close(t)` | The next instant strictly after `t` at which the window closes: the deadline of a run started at `t` (or at `next_open(t)` if closed at `t`). `None` if it never closes. |
//!
//! # Example
//!
//! Window open Monday to Friday 20:00-23:00 local time, `minuteOffset` 180
//! (UTC+03:00), daily on workdays at 22:00 UTC. Monday's 22:00 UTC trigger is
//! Tuesday 01:00 local, when the window is closed, so it runs at Tuesday
//! 20:00 local = 17:00 UTC. On Saturday, Friday's trigger has been waiting
//! over the weekend: the next run is Monday 17:00 UTC.
//!
//! ```
//! use backup_schedule::vb365::CopyJobSchedulePolicy;
//! use backup_schedule::{Schedule, Timetable};
//! use chrono::{TimeZone, Utc};
//!
//! let mut hours = vec![false; 168];
//! for day in 1..=5 {
//!     for hour in 20..23 {
//!         hours[day * 24 + hour] = true;
//!     }
//! }
//! let json = serde_json::json!({
//!     "type": "DailyAtTime",
//!     "dailyType": "Workdays",
//!     "dailyTime": "22:00:00",
//!     "backupCopyWindowEnabled": true,
//!     "backupCopyWindowSettings": { "backupWindow": hours, "minuteOffset": 180 }
//! });
//! let policy = CopyJobSchedulePolicy::from_json(json.to_string().as_bytes())?;
//! let schedule = Schedule::try_from(&policy)?;
//!
//! let saturday = Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap();
//! let runs: Vec<_> = schedule.upcoming(saturday).take(2).collect();
//! assert_eq!(runs, [
//!     Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, 0).unwrap(), // Friday's trigger, waited
//!     Utc.with_ymd_and_hms(2026, 12, 1, 17, 0, 0).unwrap(),  // Monday's trigger, waited
//! ]);
//! // The window closes at 23:00 local = 20:00 UTC: the deadline of that run.
//! assert_eq!(schedule.next_close(runs[0]), Some(Utc.with_ymd_and_hms(2026, 11, 30, 20, 0, 0).unwrap()));
//! # Ok::<(), backup_schedule::Error>(())
//! ```
//!
//! # More
//!
//! - Windows in words: `"Mon-Fri 22:00-06:00, Sat-Sun 00:00-24:00".parse::<Window>()`, a
//!   canonical [`Display`](core::fmt::Display) for every window, a builder
//!   ([`Window::allow`], [`Window::allow_span`]), set operations and
//!   [`Window::open_intervals`].
//! - Why a run happens when it does: [`Timetable::explain_next`] gives the
//!   trigger it serves and its deadline; [`Timetable::describe`] says the
//!   whole schedule in one sentence.
//! - Documents as they arrive ([`vb365`]): a policy, a copy job or the
//!   API's list of jobs, in UTF-8 or UTF-16; members the crate does not
//!   know are kept and written back in place.
//! - Which clock `dailyTime` is on: UTC, as the API documents it, or the
//!   window's frame ([`vb365::TriggerFrame`]).
//! - Time zones with daylight saving (feature `tz`, on by default):
//!   `schedule.in_zone(&zone)` evaluates the triggers and the window in an
//!   IANA zone's wall-clock time, with explicit rules for gaps and folds;
//!   `Zone::offset_drift` shows where a fixed `minuteOffset` goes wrong. A
//!   zone's data comes from the system's tz database (feature `tz-system`),
//!   one bundled into the binary (`tz-bundled`) or chrono-tz's (`tz-chrono`),
//!   all three by default: `Zone::from_name` takes the newest, and a `Zone`
//!   says which it read (`TzSource`, `Zone::version`).
//! - Embedding in an async host (feature `tokio`, off by default): the
//!   `runtime` module waits on the wall clock in slices (a suspend delays a
//!   run by at most one), streams the runs as they come due, applies the
//!   catch-up rule when it falls behind, and cuts work off at a run's
//!   deadline.
//!
//! # Errors
//!
//! Every error is an [`Error`] whose message names the JSON path of the field
//! and says what was expected and what was found, for example
//! `schedulePolicy.backupCopyWindowSettings.backupWindow: expected 168 booleans, found 167`.
//! Nothing panics on any input.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod backup;
mod count;
mod describe;
mod engine;
mod error;
mod fixed;
mod gate;
mod job;
mod offset;
mod queries;
mod run_index;
#[cfg(feature = "tokio")]
pub mod runtime;
mod schedule;
mod time;
mod timetable;
mod trigger;
pub mod vb365;
mod weekdays;
mod window;
mod window_ops;
mod window_text;
#[cfg(feature = "tz")]
mod zone;
#[cfg(feature = "tz")]
mod zone_source;
#[cfg(feature = "tz")]
mod zone_table;
#[cfg(feature = "tz")]
mod zoned;

pub use backup::{BackupSchedule, Retry};
pub use error::{Error, ErrorKind};
pub use job::JobSchedule;
pub use offset::MinuteOffset;
pub use queries::{CatchUp, CatchUpPolicy, Missed, Stagger};
pub use schedule::Schedule;
pub use timetable::{PastRuns, RunDetail, RunDetails, Runs, Timetable};
pub use trigger::{Interval, Trigger};
pub use weekdays::{Weekdays, WeekdaysIter};
pub use window::{Window, HOURS_PER_WEEK};
pub use window_ops::{HourRange, OpenIntervals};
#[cfg(feature = "tz")]
pub use zone::{OffsetDrift, TzSource, Zone};
#[cfg(feature = "tz")]
pub use zoned::{Zoned, ZonedSchedule};

/// The README's examples, compiled and run as doctests (they use every
/// default feature).
#[cfg(all(
    doctest,
    any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono")
))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
