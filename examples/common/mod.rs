//! What both examples share: the job families and their document readers,
//! flags, and the clock.
//!
//! Included by `examples/scheduler` and `examples/service` (and their tests)
//! with `#[path]`; not an example of its own.

#![allow(dead_code)] // each user takes what it needs

use std::fmt;
use std::sync::Arc;

use backup_schedule::runtime::{Clock, ManualClock, SystemClock};
use backup_schedule::vb365::{BackupJob, CopyJob, Kind};
use backup_schedule::{BackupSchedule, Schedule};
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use serde_json::Value;

/// A job's schedule, by family. Every family is a `Timetable`; code that
/// does not care which uses [`with_timetable!`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum JobKind {
    /// A backup copy job (`RESTCopyJob`, `POST /v8/CopyJobs`).
    Copy(Schedule),
    /// A backup job (`RESTJob`, `/v8/Jobs`): backup window, permitted hours,
    /// retries.
    Backup(BackupSchedule),
}

/// Runs `$body` with `$t` bound to the job's schedule, whatever its family.
#[macro_export]
macro_rules! with_timetable {
    ($kind:expr, $t:ident => $body:expr) => {
        match $kind {
            $crate::common::JobKind::Copy($t) => $body,
            $crate::common::JobKind::Backup($t) => $body,
        }
    };
}

/// Which family a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Copy,
    Backup,
}

impl Family {
    /// How the API names the family in its paths.
    pub fn collection(self) -> &'static str {
        match self {
            Family::Copy => "CopyJobs",
            Family::Backup => "Jobs",
        }
    }
}

/// The family of a job document (or bare policy), as the library tells it
/// ([`Kind::detect`]): a copy job's types (`Immediate`, `DailyAtTime`) or
/// window members, a backup job's types (`Daily`, `ManualOnly`) or members;
/// anything else, including what is not JSON, goes to the copy job reader,
/// which says what is wrong.
///
/// # Errors
///
/// A policy with members of both families, naming them.
pub fn family_of(document: &[u8]) -> Result<Family, ReadError> {
    Ok(match Kind::detect(document)? {
        Kind::Backup => Family::Backup,
        _ => Family::Copy,
    })
}

/// Why a document could not be read into a job.
#[derive(Debug)]
pub enum ReadError {
    /// The crate's own error: names the field by its JSON path.
    Schedule(backup_schedule::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Schedule(err) => err.fmt(f),
        }
    }
}

impl From<backup_schedule::Error> for ReadError {
    fn from(err: backup_schedule::Error) -> ReadError {
        ReadError::Schedule(err)
    }
}

/// Reads a copy job (`RESTCopyJob`: a document with `schedulePolicy`, as
/// the API returns it and takes it) and validates its schedule.
pub fn read_copy_job(document: &[u8]) -> Result<JobKind, ReadError> {
    let job = CopyJob::from_json(document)?;
    Ok(JobKind::Copy(Schedule::try_from(&job)?))
}

/// Reads a backup job (the API's `/Jobs/{jobId}` resource: a document with
/// `schedulePolicy`) and validates its schedule.
pub fn read_backup_job(document: &[u8]) -> Result<JobKind, ReadError> {
    let job = BackupJob::from_json(document)?;
    Ok(JobKind::Backup(BackupSchedule::try_from(&job)?))
}

/// Reads a job document of `family`.
pub fn read_job(family: Family, document: &[u8]) -> Result<JobKind, ReadError> {
    match family {
        Family::Copy => read_copy_job(document),
        Family::Backup => read_backup_job(document),
    }
}

/// The document's `id` member, when it is a string.
pub fn document_id(document: &[u8]) -> Option<String> {
    match serde_json::from_slice::<Value>(document).ok()? {
        Value::Object(mut root) => match root.remove("id")? {
            Value::String(id) => Some(id),
            _ => None,
        },
        _ => None,
    }
}

/// A shared wall clock: the system's, or one set to an instant that then
/// runs in real time (`--now`).
pub type SharedClock = Arc<dyn Clock + Send + Sync>;

/// The system clock, or one starting at `now` (make it inside the runtime).
pub fn clock(now: Option<DateTime<Utc>>) -> SharedClock {
    match now {
        Some(now) => Arc::new(ManualClock::starting_at(now)),
        None => Arc::new(SystemClock),
    }
}

/// An instant as the examples print it: RFC 3339 UTC, fractions only when
/// not zero.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// `flag`'s value as an RFC 3339 instant.
pub fn parse_instant(flag: &str, text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            format!("{flag}: expected an RFC 3339 instant like 2026-11-30T22:00:00Z, found {text:?}")
        })
}

/// `flag`'s value as a duration: a whole number and a unit, `90s`, `15m`,
/// `2h` or `1d`.
pub fn parse_duration(flag: &str, text: &str) -> Result<TimeDelta, String> {
    let bad = || format!("{flag}: expected a duration like 90s, 15m, 2h or 1d, found {text:?}");
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (number, unit) = text.split_at(split);
    let number: i64 = number.parse().map_err(|_| bad())?;
    let seconds = match unit {
        "s" => Some(number),
        "m" => number.checked_mul(60),
        "h" => number.checked_mul(3600),
        "d" => number.checked_mul(86_400),
        _ => None,
    };
    seconds.and_then(TimeDelta::try_seconds).ok_or_else(bad)
}

/// Command-line flags, read one at a time.
pub struct Flags {
    args: std::vec::IntoIter<String>,
}

impl Flags {
    /// The process's arguments after the program's name.
    pub fn from_env() -> Flags {
        Flags {
            args: std::env::args().skip(1).collect::<Vec<_>>().into_iter(),
        }
    }

    /// The next flag, if any.
    pub fn next_flag(&mut self) -> Option<String> {
        self.args.next()
    }

    /// The value after `flag`.
    pub fn value(&mut self, flag: &str) -> Result<String, String> {
        self.args
            .next()
            .ok_or_else(|| format!("{flag}: expected a value"))
    }
}
