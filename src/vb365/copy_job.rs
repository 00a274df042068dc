//! The copy job (`RESTCopyJob`) and its schedule policy, field for field,
//! and their conversion into the engine's [`Schedule`].

use chrono::{DateTime, Utc};

use super::fields::{
    daily_type_for, fill_next_run, format_daily_time, missing_policy, parse_daily_time,
    periodically_every_for, DAILY_TIME, DATE_TIME, POLICY,
};
use super::read::{read_document, read_list, shape, List, Shape};
use super::window_settings::{BackupWindowSettings, TriggerFrame};
use crate::error::Error;
use crate::schedule::Schedule;
use crate::timetable::Timetable;
use crate::trigger::{Interval, Trigger};
use crate::weekdays::Weekdays;

wire_object! {
    /// The API's `schedulePolicy` of a backup copy job (`RESTCopyJobSchedulePolicy`).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Schedule, Timetable};
    /// use backup_schedule::vb365::{CopyJobSchedulePolicy, CopyJobScheduleType};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let policy = CopyJobSchedulePolicy::from_json(br#"{
    ///     "type": "Periodically",
    ///     "periodicallyEvery": "Hours4"
    /// }"#)?;
    /// assert_eq!(policy.schedule_type, Some(CopyJobScheduleType::Periodically));
    ///
    /// let schedule = Schedule::try_from(&policy)?;
    /// let t = Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap();
    /// assert_eq!(schedule.next_run(t), Some(Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub struct CopyJobSchedulePolicy: "a schedule policy object" {
        /// `type`: when the job wants to run.
        "type" => pub schedule_type: CopyJobScheduleType;
        /// `periodicallyEvery`: the interval of a `Periodically` job.
        "periodicallyEvery" => pub periodically_every: PeriodicallyEvery;
        /// `dailyType`: the days of a `DailyAtTime` job (UTC days, unless
        /// read in another frame: see [`TriggerFrame`]).
        "dailyType" => pub daily_type: DailyType;
        /// `dailyTime`: the time of a `DailyAtTime` job, `HH:MM:SS` or
        /// `HH:MM`, kept as it was written (UTC, unless read in another
        /// frame: see [`TriggerFrame`]).
        "dailyTime" => pub daily_time: String, expecting DAILY_TIME;
        /// `backupCopyWindowEnabled`: whether the window applies; `false`,
        /// `null` and absent all mean it does not.
        "backupCopyWindowEnabled" => pub backup_copy_window_enabled: bool;
        /// `backupCopyWindowSettings`: the window itself.
        "backupCopyWindowSettings" => pub backup_copy_window_settings: BackupWindowSettings;
    }
}

wire_enum! {
    /// `type`: the kinds of copy job schedule.
    CopyJobScheduleType {
        /// A run after each new restore point of the source backup job.
        Immediate,
        /// Runs on a grid through the day.
        Periodically,
        /// A run at one time on chosen days.
        DailyAtTime,
    }
}

wire_enum! {
    /// `dailyType`: the days of a `DailyAtTime` schedule.
    DailyType {
        /// Every day.
        Everyday,
        /// Monday to Friday.
        Workdays,
        /// Saturday and Sunday.
        Weekends,
        /// Mondays.
        Monday,
        /// Tuesdays.
        Tuesday,
        /// Wednesdays.
        Wednesday,
        /// Thursdays.
        Thursday,
        /// Fridays.
        Friday,
        /// Saturdays.
        Saturday,
        /// Sundays.
        Sunday,
    }
}

impl DailyType {
    /// The days this stands for.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Weekdays;
    /// use backup_schedule::vb365::DailyType;
    ///
    /// assert_eq!(DailyType::Workdays.days(), Weekdays::WORKDAYS);
    /// ```
    pub fn days(self) -> Weekdays {
        use chrono::Weekday::*;
        match self {
            DailyType::Everyday => Weekdays::EVERYDAY,
            DailyType::Workdays => Weekdays::WORKDAYS,
            DailyType::Weekends => Weekdays::WEEKENDS,
            DailyType::Monday => Weekdays::only(Mon),
            DailyType::Tuesday => Weekdays::only(Tue),
            DailyType::Wednesday => Weekdays::only(Wed),
            DailyType::Thursday => Weekdays::only(Thu),
            DailyType::Friday => Weekdays::only(Fri),
            DailyType::Saturday => Weekdays::only(Sat),
            DailyType::Sunday => Weekdays::only(Sun),
        }
    }

    /// The spelling for `days`, when the API has one.
    pub fn for_days(days: Weekdays) -> Option<DailyType> {
        DailyType::ALL.iter().copied().find(|kind| kind.days() == days)
    }
}

wire_enum! {
    /// `periodicallyEvery`: the intervals of a `Periodically` schedule
    /// (`Hours12` came with the API's v8).
    PeriodicallyEvery {
        /// Every 5 minutes.
        Minutes5,
        /// Every 10 minutes.
        Minutes10,
        /// Every 15 minutes.
        Minutes15,
        /// Every 30 minutes.
        Minutes30,
        /// Every hour.
        Hours1,
        /// Every 2 hours.
        Hours2,
        /// Every 4 hours.
        Hours4,
        /// Every 8 hours.
        Hours8,
        /// Every 12 hours.
        Hours12,
    }
}

impl PeriodicallyEvery {
    /// The interval in minutes.
    pub fn minutes(self) -> u32 {
        match self {
            PeriodicallyEvery::Minutes5 => 5,
            PeriodicallyEvery::Minutes10 => 10,
            PeriodicallyEvery::Minutes15 => 15,
            PeriodicallyEvery::Minutes30 => 30,
            PeriodicallyEvery::Hours1 => 60,
            PeriodicallyEvery::Hours2 => 120,
            PeriodicallyEvery::Hours4 => 240,
            PeriodicallyEvery::Hours8 => 480,
            PeriodicallyEvery::Hours12 => 720,
        }
    }

    /// The engine's interval.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::PeriodicallyEvery;
    ///
    /// assert_eq!(PeriodicallyEvery::Hours8.interval().minutes(), 480);
    /// ```
    pub fn interval(self) -> Interval {
        Interval::from_minutes(self.minutes()).expect("every API interval divides a day")
    }

    /// The spelling for `interval`, when the API has one.
    pub fn for_interval(interval: Interval) -> Option<PeriodicallyEvery> {
        PeriodicallyEvery::ALL
            .iter()
            .copied()
            .find(|every| every.minutes() == interval.minutes())
    }
}

wire_enum! {
    /// `lastStatus` of a copy job resource.
    LastStatus {
        /// Stopped.
        Stopped,
        /// Running.
        Running,
        /// Succeeded.
        Success,
        /// Failed.
        Failed,
        /// Finished with a warning.
        Warning,
        /// Not configured.
        NotConfigured,
        /// Disconnected.
        Disconnected,
        /// Queued.
        Queued,
    }
}

wire_object! {
    /// A link of a resource's `_links` (`RESTLinkHAL`).
    pub struct Link: "a link object" {
        /// The linked resource's address.
        "href" => pub href: String;
    }
}

wire_object! {
    /// A backup copy job (`RESTCopyJob`): the body of `POST /v6/CopyJobs` and
    /// the resource the API returns. Identifiers and date-times are kept as
    /// the strings they were.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Schedule;
    /// use backup_schedule::vb365::CopyJob;
    ///
    /// let job = CopyJob::from_json(br#"{
    ///     "backupJobId": "b7c1cc0b-2b3c-4096-9ba1-2d665b4ae504",
    ///     "schedulePolicy": { "type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "08:00:00" },
    ///     "isEnabled": true
    /// }"#)?;
    /// let schedule = Schedule::try_from(&job)?;
    /// assert!(schedule.window().is_none());
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub struct CopyJob: "a copy job object" {
        /// `backupJobId`: the backup job whose restore points are copied.
        "backupJobId" => pub backup_job_id: String;
        /// `schedulePolicy`: when the job runs.
        "schedulePolicy" => pub schedule_policy: CopyJobSchedulePolicy;
        /// `id`: the copy job's own ID.
        "id" => pub id: String;
        /// `organizationId`: the Microsoft 365 organization (added by the
        /// API's v8).
        "organizationId" => pub organization_id: String;
        /// `repositoryId`: the repository the copies go to.
        "repositoryId" => pub repository_id: String;
        /// `name`: the job's name.
        "name" => pub name: String;
        /// `lastRun`: when the job last ran.
        "lastRun" => pub last_run: String, expecting DATE_TIME;
        /// `nextRun`: when the job runs next, per schedule (see
        /// [`CopyJob::fill_next_run`]).
        "nextRun" => pub next_run: String, expecting DATE_TIME;
        /// `lastBackup`: when the job last succeeded (added by the API's v7).
        "lastBackup" => pub last_backup: String, expecting DATE_TIME;
        /// `isEnabled`: whether the job is enabled.
        "isEnabled" => pub is_enabled: bool;
        /// `lastStatus`: how the job's latest run went.
        "lastStatus" => pub last_status: LastStatus;
        /// `eTag`: the version the API gives the job when it changes (added
        /// by the API's v8).
        "eTag" => pub e_tag: i64;
        /// `_links`: related resources by name, in the order given.
        "_links" => pub links: Vec<(String, Link)>, expecting "an object of links";
    }
}

/// A document about copy jobs, as the API's copy job endpoints give and
/// take them.
///
/// # Example
///
/// ```
/// use backup_schedule::vb365::CopyJobDocument;
///
/// let list = CopyJobDocument::from_json(br#"[{"name": "a", "schedulePolicy": {"type": "Immediate"}}]"#)?;
/// assert!(matches!(list, CopyJobDocument::List(jobs) if jobs.len() == 1));
/// let bare = CopyJobDocument::from_json(br#"{"type": "Immediate"}"#)?;
/// assert!(matches!(bare, CopyJobDocument::Policy(_)));
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum CopyJobDocument {
    /// A bare `schedulePolicy` object.
    Policy(CopyJobSchedulePolicy),
    /// One copy job: an object with a `schedulePolicy` member.
    Job(Box<CopyJob>),
    /// The API's list of copy jobs (`GET /v8/CopyJobs`): a page
    /// `{"offset": 0, "limit": 30, "results": [...]}` or a bare array (v6
    /// and v7), each job read on its own as the list is iterated.
    List(List<CopyJob>),
}

impl CopyJobDocument {
    /// Reads a document: a list when it is an array or an object with a
    /// `results` member, a copy job when it is an object with a
    /// `schedulePolicy` member, and otherwise a bare policy.
    ///
    /// # Errors
    ///
    /// As [`CopyJob::from_json`], [`CopyJob::list_from_json`] and
    /// [`CopyJobSchedulePolicy::from_json`]; a list's jobs that cannot be
    /// read do not make it an error.
    pub fn from_json(json: &[u8]) -> Result<CopyJobDocument, Error> {
        Ok(match shape(json, POLICY) {
            Shape::Job => CopyJobDocument::Job(Box::new(CopyJob::from_json(json)?)),
            Shape::List => CopyJobDocument::List(CopyJob::list_from_json(json)?),
            Shape::Other => CopyJobDocument::Policy(read_document(json, Some(POLICY))?),
        })
    }
}

impl CopyJobSchedulePolicy {
    /// Reads a `schedulePolicy`: either the object itself, or any object
    /// with a `schedulePolicy` member (a copy job request or resource, whose
    /// other members are read as [`CopyJob`] reads them). Error paths start
    /// with `schedulePolicy` either way.
    ///
    /// The bytes are UTF-8, with or without a byte order mark, or UTF-16
    /// with one (as Windows PowerShell writes files).
    ///
    /// # Errors
    ///
    /// [`Error::Syntax`] when the bytes are not a JSON document (empty, in
    /// another encoding, malformed), [`Error::Json`] when a value has the
    /// wrong JSON type or an unknown spelling, [`Error::WindowLength`] for a
    /// `backupWindow` of more than 168 elements, and [`Error::Missing`] when
    /// a `schedulePolicy` member is `null`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::CopyJobSchedulePolicy;
    ///
    /// let bare = CopyJobSchedulePolicy::from_json(br#"{"type": "Immediate"}"#)?;
    /// let in_job = CopyJobSchedulePolicy::from_json(br#"{"schedulePolicy": {"type": "Immediate"}, "isEnabled": true}"#)?;
    /// assert_eq!(bare, in_job);
    ///
    /// let err = CopyJobSchedulePolicy::from_json(br#"{"type": "Hourly"}"#).unwrap_err();
    /// assert!(err.to_string().starts_with(
    ///     r#"schedulePolicy.type: expected one of Immediate, Periodically, DailyAtTime, found "Hourly""#
    /// ));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn from_json(json: &[u8]) -> Result<CopyJobSchedulePolicy, Error> {
        match shape(json, POLICY) {
            Shape::Job => {
                let job = CopyJob::from_json(json)?;
                job.schedule_policy.ok_or_else(missing_policy)
            }
            // Anything else (including input that is not JSON) is read as a
            // bare policy, which reports what is wrong with it.
            Shape::List | Shape::Other => read_document(json, Some(POLICY)),
        }
    }

    /// Validates the policy and returns it in canonical form: `dailyTime` as
    /// `HH:MM:SS` and an absent or `null` `minuteOffset` as `0`. Every other
    /// member is kept as it was, including those the type does not use and
    /// those the wire model does not know.
    ///
    /// # Errors
    ///
    /// See [`Schedule::try_from`].
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::CopyJobSchedulePolicy;
    ///
    /// let policy = CopyJobSchedulePolicy::from_json(br#"{"type": "DailyAtTime", "dailyType": "Monday", "dailyTime": "07:30"}"#)?;
    /// assert_eq!(policy.normalized()?.daily_time.as_deref(), Some("07:30:00"));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn normalized(&self) -> Result<CopyJobSchedulePolicy, Error> {
        Schedule::try_from(self)?;
        let mut normal = self.clone();
        if let Some(text) = &self.daily_time {
            normal.daily_time = Some(format_daily_time(parse_daily_time(text)?));
        }
        if let Some(settings) = &mut normal.backup_copy_window_settings {
            settings.minute_offset = Some(settings.minute_offset.unwrap_or(0));
        }
        Ok(normal)
    }

    /// The schedule with its triggers read in `frame`: as
    /// [`Schedule::try_from`] for [`TriggerFrame::Utc`]; for
    /// [`TriggerFrame::Window`], `dailyTime`, the days and the
    /// `Periodically` grid are read at UTC + the window settings'
    /// `minuteOffset` (see [`BackupWindowSettings::frame`]).
    ///
    /// # Errors
    ///
    /// As [`Schedule::try_from`].
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::{CopyJobSchedulePolicy, TriggerFrame};
    /// use backup_schedule::Timetable;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let policy = CopyJobSchedulePolicy::from_json(br#"{
    ///     "type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "22:00:00",
    ///     "backupCopyWindowSettings": {"minuteOffset": 180}
    /// }"#)?;
    /// let noon = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    /// let utc = policy.schedule(TriggerFrame::Utc)?;
    /// assert_eq!(utc.next_run(noon), Some(Utc.with_ymd_and_hms(2026, 11, 30, 22, 0, 0).unwrap()));
    /// // 22:00 at UTC+03:00 is 19:00 UTC.
    /// let window = policy.schedule(TriggerFrame::Window)?;
    /// assert_eq!(window.next_run(noon), Some(Utc.with_ymd_and_hms(2026, 11, 30, 19, 0, 0).unwrap()));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn schedule(&self, frame: TriggerFrame) -> Result<Schedule, Error> {
        let schedule = Schedule::try_from(self)?;
        match frame {
            TriggerFrame::Utc => Ok(schedule),
            TriggerFrame::Window => Ok(schedule.with_trigger_offset(self.window_frame()?)),
        }
    }

    /// The window's frame: UTC + the window settings' `minuteOffset`, UTC
    /// when there are no window settings or no offset (see
    /// [`BackupWindowSettings::frame`]).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] at
    /// `schedulePolicy.backupCopyWindowSettings.minuteOffset` when the
    /// offset is outside `-1439..=1439`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::MinuteOffset;
    /// use backup_schedule::vb365::CopyJobSchedulePolicy;
    ///
    /// let policy = CopyJobSchedulePolicy::from_json(br#"{"backupCopyWindowSettings": {"minuteOffset": -210}}"#)?;
    /// assert_eq!(policy.window_frame()?.to_string(), "UTC-03:30");
    /// let bare = CopyJobSchedulePolicy::from_json(br#"{"type": "Immediate"}"#)?;
    /// assert_eq!(bare.window_frame()?, MinuteOffset::UTC);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn window_frame(&self) -> Result<crate::MinuteOffset, Error> {
        BackupWindowSettings::frame(self.backup_copy_window_settings.as_ref())
            .map_err(|err| err.under(&format!("{POLICY}.backupCopyWindowSettings")))
    }
}

impl CopyJob {
    /// Reads a copy job (request or resource), in the encodings
    /// [`CopyJobSchedulePolicy::from_json`] reads.
    ///
    /// # Errors
    ///
    /// As [`CopyJobSchedulePolicy::from_json`], with paths from the job's root.
    pub fn from_json(json: &[u8]) -> Result<CopyJob, Error> {
        read_document(json, None)
    }

    /// Reads the API's list of copy jobs (`GET /v6/CopyJobs` .. `GET
    /// /v8/CopyJobs`): a page `{"offset": 0, "limit": 30, "results": [...]}`
    /// (its other members are not kept) or a bare array. The document is
    /// checked to be JSON first; then the [`List`] reads each job on its own
    /// as it is iterated, so that one that cannot be read still leaves the
    /// others, and a list of any length costs the memory of its text.
    ///
    /// # Errors
    ///
    /// [`Error::Syntax`] when the document is not JSON, [`Error::Json`]
    /// when it is neither a page nor an array. A job that cannot be read is
    /// its [`Listed::job`](super::Listed::job)'s error.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::CopyJob;
    ///
    /// let jobs: Vec<_> = CopyJob::list_from_json(br#"[{"name": "a"}, 7]"#)?.collect();
    /// assert_eq!(jobs[0].job.as_ref().ok().and_then(|job| job.name.as_deref()), Some("a"));
    /// assert_eq!(
    ///     jobs[1].job.as_ref().unwrap_err().to_string(),
    ///     "(document): expected a copy job object, found 7 at line 1 column 17",
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn list_from_json(json: &[u8]) -> Result<List<CopyJob>, Error> {
        read_list(json)
    }

    /// The job's `schedulePolicy`.
    ///
    /// # Errors
    ///
    /// [`Error::Missing`] at `schedulePolicy` when the job has none.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::CopyJob;
    ///
    /// let job = CopyJob::from_json(br#"{"name": "no policy"}"#)?;
    /// assert_eq!(job.policy().unwrap_err().path(), Some("schedulePolicy"));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn policy(&self) -> Result<&CopyJobSchedulePolicy, Error> {
        self.schedule_policy.as_ref().ok_or_else(missing_policy)
    }

    /// Validates the job's policy and returns the job with the policy in
    /// canonical form (see [`CopyJobSchedulePolicy::normalized`]); every
    /// other member is kept as it was.
    ///
    /// # Errors
    ///
    /// As `Schedule::try_from(&CopyJob)`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::CopyJob;
    ///
    /// let job = CopyJob::from_json(br#"{"name": "j", "schedulePolicy":
    ///     {"type": "DailyAtTime", "dailyType": "Monday", "dailyTime": "07:30"}, "future": 1}"#)?;
    /// assert_eq!(
    ///     serde_json::to_string(&job.normalized()?).unwrap(),
    ///     r#"{"name":"j","schedulePolicy":{"type":"DailyAtTime","dailyType":"Monday","dailyTime":"07:30:00"},"future":1}"#,
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn normalized(&self) -> Result<CopyJob, Error> {
        Ok(CopyJob {
            schedule_policy: Some(self.policy()?.normalized()?),
            ..self.clone()
        })
    }

    /// Sets `nextRun` as the API writes it: the next run of `schedule`
    /// after `now`, in RFC 3339 UTC with whole seconds
    /// (`2026-11-30T17:00:00Z`), or `null` when there is none (also when it
    /// would be past the year 9999, which RFC 3339 cannot write). Returns
    /// that run.
    ///
    /// `schedule` is the job's own, built as the caller reads it: from
    /// [`Schedule::try_from`], [`CopyJobSchedulePolicy::schedule`], or in a
    /// time zone.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Schedule;
    /// use backup_schedule::vb365::CopyJob;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let mut job = CopyJob::from_json(br#"{"name": "j", "schedulePolicy":
    ///     {"type": "Periodically", "periodicallyEvery": "Hours4"}}"#)?;
    /// let schedule = Schedule::try_from(&job)?;
    /// job.fill_next_run(&schedule, Utc.with_ymd_and_hms(2026, 11, 30, 9, 30, 15).unwrap());
    /// assert_eq!(job.next_run.as_deref(), Some("2026-11-30T12:00:00Z"));
    ///
    /// let mut immediate = CopyJob::from_json(br#"{"schedulePolicy": {"type": "Immediate"}}"#)?;
    /// immediate.fill_next_run(&Schedule::try_from(&immediate)?, Utc::now());
    /// assert_eq!(serde_json::to_string(&immediate).unwrap(), r#"{"schedulePolicy":{"type":"Immediate"},"nextRun":null}"#);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn fill_next_run(&mut self, schedule: &impl Timetable, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        fill_next_run(&mut self.next_run, &mut self.extras, schedule, now)
    }
}

impl TryFrom<&CopyJob> for Schedule {
    type Error = Error;

    /// Validates the job's `schedulePolicy`.
    ///
    /// # Errors
    ///
    /// [`Error::Missing`] when the job has no `schedulePolicy`, and the errors
    /// of [`Schedule::try_from`] for a policy.
    fn try_from(job: &CopyJob) -> Result<Schedule, Error> {
        Schedule::try_from(job.policy()?)
    }
}

impl TryFrom<&CopyJobSchedulePolicy> for Schedule {
    type Error = Error;

    /// Validates a policy.
    ///
    /// - `type` is required; `DailyAtTime` requires `dailyType` and
    ///   `dailyTime`, `Periodically` requires `periodicallyEvery`.
    /// - `dailyTime` is `HH:MM:SS` or `HH:MM`, 00-23:00-59:00-59.
    /// - With `backupCopyWindowEnabled: true`, `backupCopyWindowSettings`
    ///   with 168 `backupWindow` booleans is required; `minuteOffset` lies in
    ///   -1439..=1439 (`null` or absent mean 0).
    /// - A field the type does not use is ignored, but must be well formed
    ///   when present.
    ///
    /// # Errors
    ///
    /// [`Error::Missing`] or [`Error::Invalid`] naming the field's path, from
    /// `schedulePolicy`; [`Error::WindowLength`] for a window that is not 168
    /// hours.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Schedule;
    /// use backup_schedule::vb365::CopyJobSchedulePolicy;
    ///
    /// let policy = CopyJobSchedulePolicy::from_json(br#"{"type": "DailyAtTime", "dailyType": "Sunday", "dailyTime": "24:00:00"}"#)?;
    /// let err = Schedule::try_from(&policy).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00, found "24:00:00""#,
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn try_from(policy: &CopyJobSchedulePolicy) -> Result<Schedule, Error> {
        let similar = |member| policy.extras.near_miss(member);
        let schedule_type = policy.schedule_type.ok_or_else(|| {
            Error::missing(format!("{POLICY}.type"), CopyJobScheduleType::one_of())
                .with_similar(similar("type"))
        })?;
        let daily_time = policy.daily_time.as_deref().map(parse_daily_time).transpose()?;
        let window = match &policy.backup_copy_window_settings {
            Some(settings) => settings
                .to_window()
                .map_err(|err| err.under(&format!("{POLICY}.backupCopyWindowSettings")))?,
            None => None,
        };

        let schedule = match schedule_type {
            CopyJobScheduleType::Immediate => Schedule::immediate(),
            CopyJobScheduleType::DailyAtTime => {
                let days = policy.daily_type.ok_or_else(|| {
                    Error::missing(
                        format!("{POLICY}.dailyType"),
                        format!("{} (required when type is DailyAtTime)", DailyType::one_of()),
                    )
                    .with_similar(similar("dailyType"))
                })?;
                let at = daily_time.ok_or_else(|| {
                    Error::missing(
                        format!("{POLICY}.dailyTime"),
                        format!("{DAILY_TIME} (required when type is DailyAtTime)"),
                    )
                    .with_similar(similar("dailyTime"))
                })?;
                Schedule::daily(days.days(), at)?
            }
            CopyJobScheduleType::Periodically => {
                let every = policy.periodically_every.ok_or_else(|| {
                    Error::missing(
                        format!("{POLICY}.periodicallyEvery"),
                        format!(
                            "{} (required when type is Periodically)",
                            PeriodicallyEvery::one_of()
                        ),
                    )
                    .with_similar(similar("periodicallyEvery"))
                })?;
                Schedule::periodic(every.interval())
            }
        };

        if policy.backup_copy_window_enabled != Some(true) {
            return Ok(schedule);
        }
        let Some(settings) = &policy.backup_copy_window_settings else {
            return Err(Error::missing(
                format!("{POLICY}.backupCopyWindowSettings"),
                "the window settings (required when backupCopyWindowEnabled is true)",
            )
            .with_similar(similar("backupCopyWindowSettings")));
        };
        let window = window.ok_or_else(|| {
            Error::missing(
                format!("{POLICY}.backupCopyWindowSettings.backupWindow"),
                "168 booleans (required when backupCopyWindowEnabled is true)",
            )
            .with_similar(settings.extras.near_miss("backupWindow"))
        })?;
        Ok(schedule.with_window(window))
    }
}

impl TryFrom<&Schedule> for CopyJobSchedulePolicy {
    type Error = Error;

    /// The canonical policy of a schedule, as the API would take it.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] when the schedule has days or an interval that the
    /// API cannot express (it only knows its `dailyType` and
    /// `periodicallyEvery` spellings).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{Schedule, Weekdays};
    /// use backup_schedule::vb365::CopyJobSchedulePolicy;
    /// use chrono::NaiveTime;
    ///
    /// let schedule = Schedule::daily(Weekdays::WEEKENDS, NaiveTime::from_hms_opt(3, 30, 0).unwrap())?;
    /// let policy = CopyJobSchedulePolicy::try_from(&schedule)?;
    /// assert_eq!(
    ///     serde_json::to_string(&policy).unwrap(),
    ///     r#"{"type":"DailyAtTime","dailyType":"Weekends","dailyTime":"03:30:00","backupCopyWindowEnabled":false}"#,
    /// );
    /// assert_eq!(Schedule::try_from(&policy)?, schedule);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn try_from(schedule: &Schedule) -> Result<CopyJobSchedulePolicy, Error> {
        let mut policy = CopyJobSchedulePolicy::default();
        match schedule.trigger() {
            // A copy job's schedule is never Manual; Immediate is its "no timed run".
            Trigger::Immediate | Trigger::Manual => {
                policy.schedule_type = Some(CopyJobScheduleType::Immediate)
            }
            Trigger::Daily { days, at, .. } => {
                policy.schedule_type = Some(CopyJobScheduleType::DailyAtTime);
                policy.daily_type = Some(daily_type_for(days)?);
                policy.daily_time = Some(format_daily_time(at));
            }
            Trigger::Periodic { every, .. } => {
                policy.schedule_type = Some(CopyJobScheduleType::Periodically);
                policy.periodically_every = Some(periodically_every_for(every)?);
            }
        }
        policy.backup_copy_window_enabled = Some(schedule.window().is_some());
        if let Some(window) = schedule.window() {
            policy.backup_copy_window_settings = Some(BackupWindowSettings {
                backup_window: Some(window.hours().to_vec()),
                minute_offset: Some(window.minute_offset()),
                ..BackupWindowSettings::default()
            });
        }
        Ok(policy)
    }
}
