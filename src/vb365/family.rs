//! Documents of either job family: which family a policy belongs to, judged
//! by its type and members, and the document read as that family's.
//!
//! - `type` `Immediate` or `DailyAtTime`, or a member `backupCopyWindow*`:
//!   a copy job.
//! - `type` `Daily` or `ManualOnly`, or a member only a backup job has
//!   (`scheduleEnabled`, `backupWindow*`, `periodicallyWindow*`,
//!   `periodicallyOffsetMinutes`, `retry*`): a backup job.
//! - Neither (a bare `Periodically` with `periodicallyEvery`): both families
//!   mean the same by it; it is read as a copy job.
//! - Both: an error naming the members of each.
//!
//! A member given as `null` says nothing (the API writes absent values as
//! `null`). The members of the job around the policy are not looked at.

use chrono::{DateTime, Utc};

use super::backup_job::{BackupJob, BackupJobDocument, BackupJobSchedulePolicy};
use super::copy_job::{CopyJob, CopyJobDocument, CopyJobSchedulePolicy};
use super::fields::POLICY;
use super::read::{decode, read_list, shape, Shape, Text};
use super::window_settings::TriggerFrame;
use crate::backup::BackupSchedule;
use crate::error::{Error, DOCUMENT};
use crate::job::JobSchedule;
use crate::schedule::Schedule;
use crate::timetable::Timetable;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// The members only a copy job's policy has.
const COPY_ONLY: &[&str] = &["backupCopyWindowEnabled", "backupCopyWindowSettings"];

/// The members only a backup job's policy has.
const BACKUP_ONLY: &[&str] = &[
    "scheduleEnabled",
    "backupWindowEnabled",
    "backupWindowSettings",
    "periodicallyWindowEnabled",
    "periodicallyWindowSettings",
    "periodicallyOffsetMinutes",
    "retryEnabled",
    "retryNumber",
    "retryWaitInterval",
];

/// A job family: what a document is read as.
///
/// # Example
///
/// ```
/// use backup_schedule::vb365::Kind;
///
/// assert_eq!(Kind::detect(br#"{"type": "DailyAtTime"}"#)?, Kind::Copy);
/// assert_eq!(Kind::detect(br#"{"schedulePolicy": {"type": "Periodically", "retryEnabled": true}}"#)?, Kind::Backup);
/// // A bare Periodically means the same in both families.
/// assert_eq!(Kind::detect(br#"{"type": "Periodically", "periodicallyEvery": "Hours1"}"#)?, Kind::Copy);
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A backup copy job (`RESTCopyJobSchedulePolicy`).
    Copy,
    /// A backup job (`RESTJobSchedulePolicy`).
    Backup,
}

impl Kind {
    /// The family of a document (a policy, a job, or a list of jobs) by its
    /// policies' types and members; [`Kind::Copy`] when nothing tells (a
    /// bare `Periodically`, or a document that cannot be read, whose reader
    /// then says what is wrong).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] at the policy (`schedulePolicy`,
    /// `results[2].schedulePolicy`) when it has members of both families,
    /// naming them; at `(document)` when a list holds jobs of both.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::Kind;
    ///
    /// let err = Kind::detect(br#"{"type": "DailyAtTime", "retryEnabled": true}"#).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"schedulePolicy: expected the members of one job family, found copy-job type "DailyAtTime" and backup-job retryEnabled"#,
    /// );
    /// ```
    pub fn detect(json: &[u8]) -> Result<Kind, Error> {
        let text = match decode(json) {
            Ok(Text::Str(text)) => text,
            Ok(Text::NotUtf8 { .. }) | Err(_) => return Ok(Kind::Copy),
        };
        match shape(json, POLICY) {
            Shape::Other => Ok(PolicyProbe::of(&text).kind(POLICY)?.unwrap_or(Kind::Copy)),
            Shape::Job => Ok(serde_json::from_str::<JobProbe>(&text)
                .unwrap_or_default()
                .0
                .kind(POLICY)?
                .unwrap_or(Kind::Copy)),
            Shape::List => {
                let Ok(list) = read_list::<JobProbe>(json) else {
                    return Ok(Kind::Copy);
                };
                let mut seen: Option<(Kind, String)> = None;
                for listed in list {
                    let path = format!("{}.{POLICY}", listed.path);
                    let Some(kind) = listed.job.unwrap_or_default().0.kind(&path)? else {
                        continue;
                    };
                    match &seen {
                        None => seen = Some((kind, listed.path)),
                        Some((first, _)) if *first == kind => {}
                        Some((first, at)) => {
                            let (copy, backup) = match first {
                                Kind::Copy => (at.as_str(), listed.path.as_str()),
                                Kind::Backup => (listed.path.as_str(), at.as_str()),
                            };
                            return Err(Error::invalid(
                                DOCUMENT,
                                "jobs of one family",
                                format!("a copy job at {copy} and a backup job at {backup}"),
                            ));
                        }
                    }
                }
                Ok(seen.map_or(Kind::Copy, |(kind, _)| kind))
            }
        }
    }
}

/// What a policy's members say of its family.
#[derive(Debug, Default)]
struct PolicyProbe {
    /// The copy-only type and members found, as messages name them.
    copy: Vec<String>,
    /// The backup-only type and members found.
    backup: Vec<String>,
}

impl PolicyProbe {
    /// The probe of `text`; nothing found when it is not an object.
    fn of(text: &str) -> PolicyProbe {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The family the members say, if they say one.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] at `path` when they say both.
    fn kind(&self, path: &str) -> Result<Option<Kind>, Error> {
        match (self.copy.is_empty(), self.backup.is_empty()) {
            (true, true) => Ok(None),
            (false, true) => Ok(Some(Kind::Copy)),
            (true, false) => Ok(Some(Kind::Backup)),
            (false, false) => Err(Error::invalid(
                path,
                "the members of one job family",
                format!(
                    "copy-job {} and backup-job {}",
                    self.copy.join(", "),
                    self.backup.join(", ")
                ),
            )),
        }
    }
}

impl<'de> Deserialize<'de> for PolicyProbe {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<PolicyProbe, D::Error> {
        struct Members;

        impl<'de> Visitor<'de> for Members {
            type Value = PolicyProbe;

            /// Never shown: a probe that fails finds nothing, and its error
            /// is dropped (so writing nothing here is an equivalent mutant).
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a schedule policy object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PolicyProbe, A::Error> {
                let mut probe = PolicyProbe::default();
                while let Some(name) = map.next_key::<String>()? {
                    let value = map.next_value::<Box<RawValue>>()?;
                    if value.get() == "null" {
                        continue;
                    }
                    if name == "type" {
                        match serde_json::from_str::<String>(value.get()).as_deref() {
                            Ok(spelling @ ("Immediate" | "DailyAtTime")) => {
                                probe.copy.push(format!("type {spelling:?}"))
                            }
                            Ok(spelling @ ("Daily" | "ManualOnly")) => {
                                probe.backup.push(format!("type {spelling:?}"))
                            }
                            _ => {}
                        }
                    } else if COPY_ONLY.contains(&name.as_str()) {
                        probe.copy.push(name);
                    } else if BACKUP_ONLY.contains(&name.as_str()) {
                        probe.backup.push(name);
                    }
                }
                Ok(probe)
            }
        }

        input.deserialize_map(Members)
    }
}

/// The policy of a job, probed.
#[derive(Debug, Default)]
struct JobProbe(PolicyProbe);

impl<'de> Deserialize<'de> for JobProbe {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<JobProbe, D::Error> {
        struct Members;

        impl<'de> Visitor<'de> for Members {
            type Value = JobProbe;

            /// Never shown: a probe that fails finds nothing, and its error
            /// is dropped (so writing nothing here is an equivalent mutant).
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a job object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JobProbe, A::Error> {
                let mut probe = JobProbe::default();
                while let Some(name) = map.next_key::<String>()? {
                    let value = map.next_value::<Box<RawValue>>()?;
                    if name == POLICY {
                        probe = JobProbe(PolicyProbe::of(value.get()));
                    }
                }
                Ok(probe)
            }
        }

        input.deserialize_map(Members)
    }
}

/// A schedule policy of either family.
///
/// # Example
///
/// ```
/// use backup_schedule::vb365::{JobPolicy, Kind, TriggerFrame};
/// use backup_schedule::{JobSchedule, Timetable};
/// use chrono::{TimeZone, Utc};
///
/// let policy = JobPolicy::from_json(br#"{"type": "Periodically", "periodicallyEvery": "Hours2",
///     "periodicallyOffsetMinutes": 15}"#, None)?;
/// assert_eq!(policy.kind(), Kind::Backup);
/// let schedule = policy.schedule(TriggerFrame::Utc)?;
/// assert!(matches!(schedule, JobSchedule::Backup(_)));
/// let t = Utc.with_ymd_and_hms(2026, 12, 1, 0, 20, 0).unwrap();
/// assert_eq!(schedule.next_run(t), Some(Utc.with_ymd_and_hms(2026, 12, 1, 2, 15, 0).unwrap()));
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JobPolicy {
    /// A backup copy job's.
    Copy(CopyJobSchedulePolicy),
    /// A backup job's.
    Backup(BackupJobSchedulePolicy),
}

impl JobPolicy {
    /// Reads a policy, bare or in a job, as `kind`'s, or when `kind` is
    /// `None` as the family [`Kind::detect`] finds.
    ///
    /// # Errors
    ///
    /// Those of [`Kind::detect`], then of
    /// [`CopyJobSchedulePolicy::from_json`] or
    /// [`BackupJobSchedulePolicy::from_json`].
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::{JobPolicy, Kind};
    ///
    /// let in_job = br#"{"name": "j", "schedulePolicy": {"type": "ManualOnly"}}"#;
    /// assert_eq!(JobPolicy::from_json(in_job, None)?.kind(), Kind::Backup);
    /// // Forced to copy, ManualOnly is no copy-job type.
    /// let err = JobPolicy::from_json(in_job, Some(Kind::Copy)).unwrap_err();
    /// assert_eq!(err.path(), Some("schedulePolicy.type"));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn from_json(json: &[u8], kind: Option<Kind>) -> Result<JobPolicy, Error> {
        Ok(match kind.map_or_else(|| Kind::detect(json), Ok)? {
            Kind::Copy => JobPolicy::Copy(CopyJobSchedulePolicy::from_json(json)?),
            Kind::Backup => JobPolicy::Backup(BackupJobSchedulePolicy::from_json(json)?),
        })
    }

    /// The policy's family.
    pub fn kind(&self) -> Kind {
        match self {
            JobPolicy::Copy(_) => Kind::Copy,
            JobPolicy::Backup(_) => Kind::Backup,
        }
    }

    /// The schedule, its triggers read in `frame`.
    ///
    /// # Errors
    ///
    /// Those of [`CopyJobSchedulePolicy::schedule`] or
    /// [`BackupJobSchedulePolicy::schedule`].
    pub fn schedule(&self, frame: TriggerFrame) -> Result<JobSchedule, Error> {
        Ok(match self {
            JobPolicy::Copy(policy) => JobSchedule::Copy(policy.schedule(frame)?),
            JobPolicy::Backup(policy) => JobSchedule::Backup(policy.schedule(frame)?),
        })
    }

    /// The policy validated and in canonical form.
    ///
    /// # Errors
    ///
    /// Those of [`CopyJobSchedulePolicy::normalized`] or
    /// [`BackupJobSchedulePolicy::normalized`].
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::JobPolicy;
    ///
    /// let policy = JobPolicy::from_json(br#"{"type": "Daily", "dailyType": "Sunday", "dailyTime": "06:00"}"#, None)?;
    /// assert_eq!(
    ///     serde_json::to_string(&policy.normalized()?).unwrap(),
    ///     r#"{"type":"Daily","dailyType":"Sunday","dailyTime":"06:00:00"}"#,
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn normalized(&self) -> Result<JobPolicy, Error> {
        Ok(match self {
            JobPolicy::Copy(policy) => JobPolicy::Copy(policy.normalized()?),
            JobPolicy::Backup(policy) => JobPolicy::Backup(policy.normalized()?),
        })
    }
}

impl serde::Serialize for JobPolicy {
    /// The policy as its family writes it.
    fn serialize<S: serde::Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        match self {
            JobPolicy::Copy(policy) => policy.serialize(out),
            JobPolicy::Backup(policy) => policy.serialize(out),
        }
    }
}

impl TryFrom<&JobPolicy> for JobSchedule {
    type Error = Error;

    /// Validates the policy as its family does (`Schedule::try_from` or
    /// `BackupSchedule::try_from`).
    ///
    /// # Errors
    ///
    /// Those of the family's validation, with paths from `schedulePolicy`.
    fn try_from(policy: &JobPolicy) -> Result<JobSchedule, Error> {
        Ok(match policy {
            JobPolicy::Copy(policy) => JobSchedule::Copy(Schedule::try_from(policy)?),
            JobPolicy::Backup(policy) => JobSchedule::Backup(BackupSchedule::try_from(policy)?),
        })
    }
}

/// A job of either family.
///
/// # Example
///
/// ```
/// use backup_schedule::vb365::{Job, Kind};
/// use chrono::{TimeZone, Utc};
///
/// let mut job = Job::from_json(br#"{"name": "j", "schedulePolicy": {"type": "ManualOnly"}}"#, None)?;
/// assert_eq!(job.kind(), Kind::Backup);
/// assert_eq!(job.name(), Some("j"));
/// let schedule = job.policy()?.schedule(Default::default())?;
/// assert_eq!(job.fill_next_run(&schedule, Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap()), None);
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Job {
    /// A backup copy job.
    Copy(Box<CopyJob>),
    /// A backup job.
    Backup(Box<BackupJob>),
}

impl Job {
    /// Reads a job as `kind`'s, or when `kind` is `None` as the family
    /// [`Kind::detect`] finds.
    ///
    /// # Errors
    ///
    /// Those of [`Kind::detect`], then of [`CopyJob::from_json`] or
    /// [`BackupJob::from_json`].
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::{Job, Kind};
    ///
    /// let job = Job::from_json(br#"{"id": "a", "schedulePolicy": {"type": "Immediate"}}"#, None)?;
    /// assert_eq!((job.kind(), job.id()), (Kind::Copy, Some("a")));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn from_json(json: &[u8], kind: Option<Kind>) -> Result<Job, Error> {
        Ok(match kind.map_or_else(|| Kind::detect(json), Ok)? {
            Kind::Copy => Job::Copy(Box::new(CopyJob::from_json(json)?)),
            Kind::Backup => Job::Backup(Box::new(BackupJob::from_json(json)?)),
        })
    }

    /// The job's family.
    pub fn kind(&self) -> Kind {
        match self {
            Job::Copy(_) => Kind::Copy,
            Job::Backup(_) => Kind::Backup,
        }
    }

    /// The job's `name`.
    pub fn name(&self) -> Option<&str> {
        match self {
            Job::Copy(job) => job.name.as_deref(),
            Job::Backup(job) => job.name.as_deref(),
        }
    }

    /// The job's `id`.
    pub fn id(&self) -> Option<&str> {
        match self {
            Job::Copy(job) => job.id.as_deref(),
            Job::Backup(job) => job.id.as_deref(),
        }
    }

    /// The job's `schedulePolicy`, a copy.
    ///
    /// # Errors
    ///
    /// [`Error::Missing`] at `schedulePolicy` when the job has none.
    pub fn policy(&self) -> Result<JobPolicy, Error> {
        Ok(match self {
            Job::Copy(job) => JobPolicy::Copy(job.policy()?.clone()),
            Job::Backup(job) => JobPolicy::Backup(job.policy()?.clone()),
        })
    }

    /// The job with its policy validated and in canonical form.
    ///
    /// # Errors
    ///
    /// Those of [`CopyJob::normalized`] or [`BackupJob::normalized`].
    pub fn normalized(&self) -> Result<Job, Error> {
        Ok(match self {
            Job::Copy(job) => Job::Copy(Box::new(job.normalized()?)),
            Job::Backup(job) => Job::Backup(Box::new(job.normalized()?)),
        })
    }

    /// Sets `nextRun` as the API writes it; see
    /// [`CopyJob::fill_next_run`].
    pub fn fill_next_run(&mut self, schedule: &impl Timetable, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self {
            Job::Copy(job) => job.fill_next_run(schedule, now),
            Job::Backup(job) => job.fill_next_run(schedule, now),
        }
    }
}

impl serde::Serialize for Job {
    /// The job as its family writes it.
    fn serialize<S: serde::Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        match self {
            Job::Copy(job) => job.serialize(out),
            Job::Backup(job) => job.serialize(out),
        }
    }
}

/// A document of either family: a policy, a job, or a list of jobs.
///
/// # Example
///
/// ```
/// use backup_schedule::vb365::{BackupJobDocument, JobDocument, Kind};
///
/// let page = br#"{"results": [{"name": "a", "schedulePolicy": {"type": "Daily", "dailyType": "Everyday", "dailyTime": "22:00"}}]}"#;
/// let document = JobDocument::from_json(page, None)?;
/// assert_eq!(document.kind(), Kind::Backup);
/// assert!(matches!(document, JobDocument::Backup(BackupJobDocument::List(_))));
///
/// // Forced, the same page is read as copy jobs: "Daily" is no copy-job type.
/// let JobDocument::Copy(backup_schedule::vb365::CopyJobDocument::List(mut jobs)) = JobDocument::from_json(page, Some(Kind::Copy))? else {
///     panic!("a list");
/// };
/// assert_eq!(jobs.next().unwrap().job.unwrap_err().path(), Some("schedulePolicy.type"));
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum JobDocument {
    /// A document about copy jobs.
    Copy(CopyJobDocument),
    /// A document about backup jobs.
    Backup(BackupJobDocument),
}

impl JobDocument {
    /// Reads a document as `kind`'s, or when `kind` is `None` as the family
    /// [`Kind::detect`] finds.
    ///
    /// # Errors
    ///
    /// Those of [`Kind::detect`], then of [`CopyJobDocument::from_json`] or
    /// [`BackupJobDocument::from_json`].
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::JobDocument;
    ///
    /// let err = JobDocument::from_json(br#"{"type": "Immediate", "scheduleEnabled": true}"#, None).unwrap_err();
    /// assert_eq!(err.path(), Some("schedulePolicy"));
    /// assert!(err.to_string().ends_with(r#"found copy-job type "Immediate" and backup-job scheduleEnabled"#));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn from_json(json: &[u8], kind: Option<Kind>) -> Result<JobDocument, Error> {
        Ok(match kind.map_or_else(|| Kind::detect(json), Ok)? {
            Kind::Copy => JobDocument::Copy(CopyJobDocument::from_json(json)?),
            Kind::Backup => JobDocument::Backup(BackupJobDocument::from_json(json)?),
        })
    }

    /// The document's family.
    pub fn kind(&self) -> Kind {
        match self {
            JobDocument::Copy(_) => Kind::Copy,
            JobDocument::Backup(_) => Kind::Backup,
        }
    }
}
