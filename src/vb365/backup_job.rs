//! The backup job and its schedule policy (`RESTJobSchedulePolicy`), field
//! for field, and their conversion into the engine's [`BackupSchedule`].

use chrono::{DateTime, Utc};

use super::copy_job::{DailyType, LastStatus, Link, PeriodicallyEvery};
use super::fields::{
    daily_type_for, fill_next_run, format_daily_time, missing_policy, parse_daily_time,
    periodically_every_for, DAILY_TIME, DATE_TIME, POLICY,
};
use super::read::{read_document, read_list, shape, List, Shape};
use super::window_settings::{BackupWindowSettings, TriggerFrame};
use crate::backup::{BackupSchedule, Retry, OFFSET_MINUTES, RETRY_NUMBER, RETRY_WAIT};
use crate::error::Error;
use crate::offset::MinuteOffset;
use crate::timetable::Timetable;
use crate::trigger::Trigger;
use crate::window::Window;

wire_object! {
    /// The API's `schedulePolicy` of a backup job (`RESTJobSchedulePolicy`,
    /// API versions v6 to v8), in the schema's order.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::{BackupSchedule, Timetable};
    /// use backup_schedule::vb365::{BackupJobSchedulePolicy, BackupJobScheduleType};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let policy = BackupJobSchedulePolicy::from_json(br#"{
    ///     "type": "Periodically",
    ///     "periodicallyEvery": "Hours2",
    ///     "periodicallyOffsetMinutes": 15
    /// }"#)?;
    /// assert_eq!(policy.schedule_type, Some(BackupJobScheduleType::Periodically));
    ///
    /// let schedule = BackupSchedule::try_from(&policy)?;
    /// let t = Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap();
    /// assert_eq!(schedule.next_run(t), Some(Utc.with_ymd_and_hms(2026, 11, 28, 10, 15, 0).unwrap()));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub struct BackupJobSchedulePolicy: "a schedule policy object" {
        /// `scheduleEnabled`: `false` means no timed runs, whatever the
        /// type; `null` and absent mean `true`.
        "scheduleEnabled" => pub schedule_enabled: bool;
        /// `backupWindowEnabled`: whether the backup window applies (it
        /// holds starts and ends runs); `false`, `null` and absent all mean
        /// it does not.
        "backupWindowEnabled" => pub backup_window_enabled: bool;
        /// `backupWindowSettings`: the backup window itself.
        "backupWindowSettings" => pub backup_window_settings: BackupWindowSettings;
        /// `periodicallyWindowEnabled`: whether the permitted hours apply
        /// (only to `Periodically` in hours; added by the API's v7).
        "periodicallyWindowEnabled" => pub periodically_window_enabled: bool;
        /// `periodicallyWindowSettings`: the permitted hours; hour `h` covers
        /// local `[h:00 + o, h+1:00 + o)` with `o` the offset of the grid.
        "periodicallyWindowSettings" => pub periodically_window_settings: BackupWindowSettings;
        /// `periodicallyOffsetMinutes`: the minute of the hour the
        /// `Periodically` grid starts at (0-59; `null` and absent mean 0).
        "periodicallyOffsetMinutes" => pub periodically_offset_minutes: i32, expecting "a whole number of minutes in 0..=59";
        /// `type`: when the job wants to run.
        "type" => pub schedule_type: BackupJobScheduleType;
        /// `periodicallyEvery`: the interval of a `Periodically` job.
        "periodicallyEvery" => pub periodically_every: PeriodicallyEvery;
        /// `dailyType`: the days of a `Daily` job (UTC days, unless read in
        /// another frame: see [`TriggerFrame`]).
        "dailyType" => pub daily_type: DailyType;
        /// `dailyTime`: the time of a `Daily` job, `HH:MM:SS` or `HH:MM`,
        /// kept as it was written (UTC, unless read in another frame).
        "dailyTime" => pub daily_time: String, expecting DAILY_TIME;
        /// `retryEnabled`: whether a failed run is tried again; `false`,
        /// `null` and absent all mean it is not.
        "retryEnabled" => pub retry_enabled: bool;
        /// `retryNumber`: how many retries at most (1-777; `null` means 3).
        "retryNumber" => pub retry_number: i32, expecting "a whole number of retries in 1..=777";
        /// `retryWaitInterval`: minutes from a failure to its retry (1-999;
        /// `null` means 10).
        "retryWaitInterval" => pub retry_wait_interval: i32, expecting "a whole number of minutes in 1..=999";
    }
}

wire_enum! {
    /// `type`: the kinds of backup job schedule.
    BackupJobScheduleType {
        /// Runs on a grid through the day.
        Periodically,
        /// A run at one time on chosen days.
        Daily,
        /// No timed runs: the job runs when started by hand.
        ManualOnly,
    }
}

wire_object! {
    /// A backup job (the API's `/Jobs/{jobId}` resource): any object with a
    /// `schedulePolicy` member. The members below are read and checked; any
    /// other is kept as it was (see [`Extras`](super::Extras)).
    /// Identifiers and date-times are kept as the strings they were.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::BackupSchedule;
    /// use backup_schedule::vb365::BackupJob;
    ///
    /// let job = BackupJob::from_json(br#"{
    ///     "name": "Mailboxes",
    ///     "backupType": "EntireOrganization",
    ///     "schedulePolicy": { "type": "Daily", "dailyType": "Workdays", "dailyTime": "22:00:00" }
    /// }"#)?;
    /// assert_eq!(job.extras.get("backupType").map(|raw| raw.get()), Some(r#""EntireOrganization""#));
    /// let schedule = BackupSchedule::try_from(&job)?;
    /// assert!(schedule.backup_window().is_none());
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub struct BackupJob: "a backup job object" {
        /// `id`: the job's ID.
        "id" => pub id: String;
        /// `name`: the job's name.
        "name" => pub name: String;
        /// `description`: the job's description.
        "description" => pub description: String;
        /// `repositoryId`: the repository the backups go to.
        "repositoryId" => pub repository_id: String;
        /// `schedulePolicy`: when the job runs.
        "schedulePolicy" => pub schedule_policy: BackupJobSchedulePolicy;
        /// `isEnabled`: whether the job is enabled.
        "isEnabled" => pub is_enabled: bool;
        /// `lastRun`: when the job last ran.
        "lastRun" => pub last_run: String, expecting DATE_TIME;
        /// `nextRun`: when the job runs next, per schedule (see
        /// [`BackupJob::fill_next_run`]).
        "nextRun" => pub next_run: String, expecting DATE_TIME;
        /// `lastBackup`: when the job last succeeded.
        "lastBackup" => pub last_backup: String, expecting DATE_TIME;
        /// `lastStatus`: how the job's latest run went.
        "lastStatus" => pub last_status: LastStatus;
        /// `eTag`: the version the API gives the job when it changes.
        "eTag" => pub e_tag: i64;
        /// `_links`: related resources by name, in the order given.
        "_links" => pub links: Vec<(String, Link)>, expecting "an object of links";
    }
}

/// A document about backup jobs, as the API's job endpoints give and take
/// them.
///
/// # Example
///
/// ```
/// use backup_schedule::vb365::BackupJobDocument;
///
/// let page = BackupJobDocument::from_json(br#"{"offset": 0, "limit": 30, "results": [{"name": "a", "schedulePolicy": {"type": "ManualOnly"}}]}"#)?;
/// assert!(matches!(page, BackupJobDocument::List(jobs) if jobs.len() == 1));
/// let bare = BackupJobDocument::from_json(br#"{"type": "ManualOnly"}"#)?;
/// assert!(matches!(bare, BackupJobDocument::Policy(_)));
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum BackupJobDocument {
    /// A bare `schedulePolicy` object (boxed: it is the largest).
    Policy(Box<BackupJobSchedulePolicy>),
    /// One backup job: an object with a `schedulePolicy` member.
    Job(Box<BackupJob>),
    /// A list of backup jobs: a page `{"offset": 0, "limit": 30, "results":
    /// [...]}` or a bare array, each job read on its own as the list is
    /// iterated.
    List(List<BackupJob>),
}

impl BackupJobDocument {
    /// Reads a document: a list when it is an array or an object with a
    /// `results` member, a backup job when it is an object with a
    /// `schedulePolicy` member, and otherwise a bare policy.
    ///
    /// # Errors
    ///
    /// As [`BackupJob::from_json`], [`BackupJob::list_from_json`] and
    /// [`BackupJobSchedulePolicy::from_json`]; a list's jobs that cannot be
    /// read do not make it an error.
    pub fn from_json(json: &[u8]) -> Result<BackupJobDocument, Error> {
        Ok(match shape(json, POLICY) {
            Shape::Job => BackupJobDocument::Job(Box::new(BackupJob::from_json(json)?)),
            Shape::List => BackupJobDocument::List(BackupJob::list_from_json(json)?),
            Shape::Other => BackupJobDocument::Policy(Box::new(read_document(json, Some(POLICY))?)),
        })
    }
}

impl BackupJobSchedulePolicy {
    /// Reads a `schedulePolicy`: either the object itself, or any object
    /// with a `schedulePolicy` member (a backup job, whose other members are
    /// read as [`BackupJob`] reads them). Error paths start with
    /// `schedulePolicy` either way. The encodings are those of
    /// [`CopyJobSchedulePolicy::from_json`](super::CopyJobSchedulePolicy::from_json).
    ///
    /// # Errors
    ///
    /// [`Error::Syntax`] when the bytes are not a JSON document,
    /// [`Error::Json`] when a value has the wrong JSON type or an unknown
    /// spelling, [`Error::WindowLength`] for a `backupWindow` of more than
    /// 168 elements, and [`Error::Missing`] when a `schedulePolicy` member
    /// is `null`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::BackupJobSchedulePolicy;
    ///
    /// let bare = BackupJobSchedulePolicy::from_json(br#"{"type": "ManualOnly"}"#)?;
    /// let in_job = BackupJobSchedulePolicy::from_json(br#"{"schedulePolicy": {"type": "ManualOnly"}, "name": "j"}"#)?;
    /// assert_eq!(bare, in_job);
    ///
    /// let err = BackupJobSchedulePolicy::from_json(br#"{"retryNumber": "3"}"#).unwrap_err();
    /// assert!(err.to_string().starts_with(
    ///     r#"schedulePolicy.retryNumber: expected a whole number of retries in 1..=777, found "3""#
    /// ));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn from_json(json: &[u8]) -> Result<BackupJobSchedulePolicy, Error> {
        match shape(json, POLICY) {
            Shape::Job => BackupJob::from_json(json)?
                .schedule_policy
                .ok_or_else(missing_policy),
            Shape::List | Shape::Other => read_document(json, Some(POLICY)),
        }
    }

    /// Validates the policy and returns it in canonical form: `dailyTime` as
    /// `HH:MM:SS`, and an absent or `null` `minuteOffset` of either window
    /// settings as `0`. Every other member is kept as it was.
    ///
    /// # Errors
    ///
    /// See `BackupSchedule::try_from(&BackupJobSchedulePolicy)`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::BackupJobSchedulePolicy;
    ///
    /// let policy = BackupJobSchedulePolicy::from_json(br#"{"type": "Daily", "dailyType": "Monday", "dailyTime": "07:30",
    ///     "backupWindowSettings": {"backupWindow": null}}"#)?;
    /// assert_eq!(
    ///     serde_json::to_string(&policy.normalized()?).unwrap(),
    ///     r#"{"type":"Daily","dailyType":"Monday","dailyTime":"07:30:00","backupWindowSettings":{"backupWindow":null,"minuteOffset":0}}"#,
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn normalized(&self) -> Result<BackupJobSchedulePolicy, Error> {
        BackupSchedule::try_from(self)?;
        let mut normal = self.clone();
        if let Some(text) = &self.daily_time {
            normal.daily_time = Some(format_daily_time(parse_daily_time(text)?));
        }
        for settings in [
            &mut normal.backup_window_settings,
            &mut normal.periodically_window_settings,
        ]
        .into_iter()
        .flatten()
        {
            settings.minute_offset = Some(settings.minute_offset.unwrap_or(0));
        }
        Ok(normal)
    }

    /// The schedule with its triggers read in `frame`: as
    /// `BackupSchedule::try_from` for [`TriggerFrame::Utc`]; for
    /// [`TriggerFrame::Window`], at UTC + the window's `minuteOffset` (see
    /// [`window_frame`](BackupJobSchedulePolicy::window_frame)).
    ///
    /// # Errors
    ///
    /// As `BackupSchedule::try_from(&BackupJobSchedulePolicy)`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::{BackupJobSchedulePolicy, TriggerFrame};
    /// use backup_schedule::Timetable;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let policy = BackupJobSchedulePolicy::from_json(br#"{
    ///     "type": "Daily", "dailyType": "Everyday", "dailyTime": "22:00:00",
    ///     "backupWindowSettings": {"minuteOffset": 60}
    /// }"#)?;
    /// let noon = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    /// // 22:00 at UTC+01:00 is 21:00 UTC.
    /// let window = policy.schedule(TriggerFrame::Window)?;
    /// assert_eq!(window.next_run(noon), Some(Utc.with_ymd_and_hms(2026, 11, 30, 21, 0, 0).unwrap()));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn schedule(&self, frame: TriggerFrame) -> Result<BackupSchedule, Error> {
        let schedule = BackupSchedule::try_from(self)?;
        match frame {
            TriggerFrame::Utc => Ok(schedule),
            TriggerFrame::Window => Ok(schedule.with_trigger_offset(self.window_frame()?)),
        }
    }

    /// The window's frame: UTC + the `minuteOffset` of
    /// `backupWindowSettings`, or without them of
    /// `periodicallyWindowSettings`; UTC without either (see
    /// [`BackupWindowSettings::frame`]).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] at that settings' `minuteOffset` when it is
    /// outside `-1439..=1439`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::MinuteOffset;
    /// use backup_schedule::vb365::BackupJobSchedulePolicy;
    ///
    /// let policy = BackupJobSchedulePolicy::from_json(br#"{"periodicallyWindowSettings": {"minuteOffset": 330}}"#)?;
    /// assert_eq!(policy.window_frame()?.to_string(), "UTC+05:30");
    /// let bare = BackupJobSchedulePolicy::from_json(br#"{"type": "ManualOnly"}"#)?;
    /// assert_eq!(bare.window_frame()?, MinuteOffset::UTC);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn window_frame(&self) -> Result<MinuteOffset, Error> {
        let (settings, member) = match (&self.backup_window_settings, &self.periodically_window_settings) {
            (Some(settings), _) => (Some(settings), "backupWindowSettings"),
            (None, settings) => (settings.as_ref(), "periodicallyWindowSettings"),
        };
        BackupWindowSettings::frame(settings).map_err(|err| err.under(&format!("{POLICY}.{member}")))
    }
}

impl BackupJob {
    /// Reads a backup job, in the encodings
    /// [`BackupJobSchedulePolicy::from_json`] reads.
    ///
    /// # Errors
    ///
    /// As [`BackupJobSchedulePolicy::from_json`], with paths from the job's
    /// root.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::BackupJob;
    ///
    /// let err = BackupJob::from_json(br#"{"schedulePolicy": {"type": "Weekly"}}"#).unwrap_err();
    /// assert_eq!(err.path(), Some("schedulePolicy.type"));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn from_json(json: &[u8]) -> Result<BackupJob, Error> {
        read_document(json, None)
    }

    /// Reads a list of backup jobs (`GET /v8/Jobs`): a page `{"offset": 0,
    /// "limit": 30, "results": [...]}` or a bare array, each job read on its
    /// own as the [`List`] is iterated (see
    /// [`CopyJob::list_from_json`](super::CopyJob::list_from_json)).
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
    /// use backup_schedule::vb365::BackupJob;
    ///
    /// let jobs: Vec<_> = BackupJob::list_from_json(br#"[{"name": "a"}, 7]"#)?.collect();
    /// assert_eq!(jobs[0].job.as_ref().ok().and_then(|job| job.name.as_deref()), Some("a"));
    /// assert_eq!(
    ///     jobs[1].job.as_ref().unwrap_err().to_string(),
    ///     "(document): expected a backup job object, found 7 at line 1 column 17",
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn list_from_json(json: &[u8]) -> Result<List<BackupJob>, Error> {
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
    /// use backup_schedule::vb365::BackupJob;
    ///
    /// let job = BackupJob::from_json(br#"{"name": "no policy"}"#)?;
    /// assert_eq!(job.policy().unwrap_err().path(), Some("schedulePolicy"));
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn policy(&self) -> Result<&BackupJobSchedulePolicy, Error> {
        self.schedule_policy.as_ref().ok_or_else(missing_policy)
    }

    /// Validates the job's policy and returns the job with the policy in
    /// canonical form (see [`BackupJobSchedulePolicy::normalized`]); every
    /// other member is kept as it was.
    ///
    /// # Errors
    ///
    /// As `BackupSchedule::try_from(&BackupJob)`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::BackupJob;
    ///
    /// let job = BackupJob::from_json(br#"{"name": "j", "schedulePolicy":
    ///     {"type": "Daily", "dailyType": "Friday", "dailyTime": "23:05"}, "future": [1]}"#)?;
    /// assert_eq!(
    ///     serde_json::to_string(&job.normalized()?).unwrap(),
    ///     r#"{"name":"j","schedulePolicy":{"type":"Daily","dailyType":"Friday","dailyTime":"23:05:00"},"future":[1]}"#,
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn normalized(&self) -> Result<BackupJob, Error> {
        Ok(BackupJob {
            schedule_policy: Some(self.policy()?.normalized()?),
            ..self.clone()
        })
    }

    /// Sets `nextRun` as the API writes it: the next run of `schedule`
    /// after `now`, in RFC 3339 UTC with whole seconds, or `null` when there
    /// is none (`ManualOnly`, `scheduleEnabled: false`, or past the year
    /// 9999). Returns that run. As
    /// [`CopyJob::fill_next_run`](super::CopyJob::fill_next_run).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::BackupSchedule;
    /// use backup_schedule::vb365::BackupJob;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let mut job = BackupJob::from_json(br#"{"name": "j", "schedulePolicy":
    ///     {"type": "Periodically", "periodicallyEvery": "Hours4", "periodicallyOffsetMinutes": 30}}"#)?;
    /// let schedule = BackupSchedule::try_from(&job)?;
    /// job.fill_next_run(&schedule, Utc.with_ymd_and_hms(2026, 11, 30, 9, 30, 15).unwrap());
    /// assert_eq!(job.next_run.as_deref(), Some("2026-11-30T12:30:00Z"));
    ///
    /// let mut manual = BackupJob::from_json(br#"{"schedulePolicy": {"type": "ManualOnly"}}"#)?;
    /// manual.fill_next_run(&BackupSchedule::try_from(&manual)?, Utc::now());
    /// assert_eq!(serde_json::to_string(&manual).unwrap(), r#"{"schedulePolicy":{"type":"ManualOnly"},"nextRun":null}"#);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn fill_next_run(&mut self, schedule: &impl Timetable, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        fill_next_run(&mut self.next_run, &mut self.extras, schedule, now)
    }
}

impl TryFrom<&BackupJob> for BackupSchedule {
    type Error = Error;

    /// Validates the job's `schedulePolicy`.
    ///
    /// # Errors
    ///
    /// [`Error::Missing`] when the job has no `schedulePolicy`, and the
    /// errors of `BackupSchedule::try_from(&BackupJobSchedulePolicy)`.
    fn try_from(job: &BackupJob) -> Result<BackupSchedule, Error> {
        BackupSchedule::try_from(job.policy()?)
    }
}

/// A window's settings as a [`Window`] when `enabled` is true: `None` when
/// it is not; settings that are present must be well formed either way.
/// `member` names the settings and `flag` the member that enables them.
fn enabled_window(
    settings: Option<&BackupWindowSettings>,
    enabled: Option<bool>,
    member: &str,
    flag: &str,
    near_miss: impl Fn(&str) -> Option<String>,
) -> Result<Option<Window>, Error> {
    let path = format!("{POLICY}.{member}");
    let window = match settings {
        Some(settings) => settings.to_window().map_err(|err| err.under(&path))?,
        None => None,
    };
    if enabled != Some(true) {
        return Ok(None);
    }
    let Some(settings) = settings else {
        return Err(Error::missing(
            path,
            format!("the window settings (required when {flag} is true)"),
        )
        .with_similar(near_miss(member).as_deref()));
    };
    window.map(Some).ok_or_else(|| {
        Error::missing(
            format!("{path}.backupWindow"),
            format!("168 booleans (required when {flag} is true)"),
        )
        .with_similar(settings.extras.near_miss("backupWindow"))
    })
}

impl TryFrom<&BackupJobSchedulePolicy> for BackupSchedule {
    type Error = Error;

    /// Validates a policy.
    ///
    /// - `type` is required; `Daily` requires `dailyType` and `dailyTime`,
    ///   `Periodically` requires `periodicallyEvery`.
    /// - `dailyTime` is `HH:MM:SS` or `HH:MM`, 00-23:00-59:00-59.
    /// - `periodicallyOffsetMinutes` lies in 0..=59, and is 0 unless the
    ///   interval is in hours (it is not used by `Daily` and `ManualOnly`).
    /// - `periodicallyWindowEnabled: true` only with `Periodically` in
    ///   hours.
    /// - An enabled window (`backupWindowEnabled`,
    ///   `periodicallyWindowEnabled`) requires its settings with 168
    ///   `backupWindow` booleans; `minuteOffset` lies in -1439..=1439
    ///   (`null` or absent mean 0).
    /// - With `retryEnabled: true`, `retryNumber` lies in 1..=777 (`null`:
    ///   3) and `retryWaitInterval` in 1..=999 (`null`: 10); with retries
    ///   off they are not looked at.
    /// - `scheduleEnabled: false` leaves no timed runs.
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
    /// use backup_schedule::BackupSchedule;
    /// use backup_schedule::vb365::BackupJobSchedulePolicy;
    ///
    /// let policy = BackupJobSchedulePolicy::from_json(br#"{"type": "Periodically", "periodicallyEvery": "Minutes30",
    ///     "periodicallyOffsetMinutes": 10}"#)?;
    /// assert_eq!(
    ///     BackupSchedule::try_from(&policy).unwrap_err().to_string(),
    ///     "schedulePolicy.periodicallyOffsetMinutes: expected 0 (an offset is only valid with an interval in hours), found 10",
    /// );
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn try_from(policy: &BackupJobSchedulePolicy) -> Result<BackupSchedule, Error> {
        let near_miss = |member: &str| policy.extras.near_miss(member).map(str::to_owned);
        let schedule_type = policy.schedule_type.ok_or_else(|| {
            Error::missing(format!("{POLICY}.type"), BackupJobScheduleType::one_of())
                .with_similar(near_miss("type").as_deref())
        })?;
        let daily_time = policy.daily_time.as_deref().map(parse_daily_time).transpose()?;
        let offset = match policy.periodically_offset_minutes {
            None => 0,
            Some(minutes @ 0..=59) => minutes.unsigned_abs(),
            Some(minutes) => {
                return Err(Error::invalid(
                    format!("{POLICY}.periodicallyOffsetMinutes"),
                    OFFSET_MINUTES,
                    minutes.to_string(),
                ))
            }
        };
        let backup_window = enabled_window(
            policy.backup_window_settings.as_ref(),
            policy.backup_window_enabled,
            "backupWindowSettings",
            "backupWindowEnabled",
            near_miss,
        )?;

        let required = |member: &str, expected: String, kind: BackupJobScheduleType| {
            Error::missing(
                format!("{POLICY}.{member}"),
                format!("{expected} (required when type is {kind})"),
            )
            .with_similar(near_miss(member).as_deref())
        };
        let mut schedule = match schedule_type {
            BackupJobScheduleType::ManualOnly => BackupSchedule::manual_only(),
            BackupJobScheduleType::Daily => {
                let days = policy
                    .daily_type
                    .ok_or_else(|| required("dailyType", DailyType::one_of(), schedule_type))?;
                let at = daily_time.ok_or_else(|| required("dailyTime", DAILY_TIME.into(), schedule_type))?;
                BackupSchedule::daily(days.days(), at).map_err(|err| err.under(POLICY))?
            }
            BackupJobScheduleType::Periodically => {
                let every = policy.periodically_every.ok_or_else(|| {
                    required("periodicallyEvery", PeriodicallyEvery::one_of(), schedule_type)
                })?;
                BackupSchedule::periodic(every.interval())
                    .with_offset_minutes(offset)
                    .map_err(|err| err.under(POLICY))?
            }
        };

        if policy.periodically_window_enabled == Some(true) {
            // The type is checked before the settings: permitted hours on a
            // Daily job are wrong whatever their settings say.
            schedule
                .with_permitted_hours(Window::always_open())
                .map_err(|err| err.under(POLICY))?;
        }
        let permitted = enabled_window(
            policy.periodically_window_settings.as_ref(),
            policy.periodically_window_enabled,
            "periodicallyWindowSettings",
            "periodicallyWindowEnabled",
            near_miss,
        )?;
        if let Some(permitted) = permitted {
            schedule = schedule
                .with_permitted_hours(permitted)
                .map_err(|err| err.under(POLICY))?;
        }
        if let Some(window) = backup_window {
            schedule = schedule.with_backup_window(window);
        }
        if policy.retry_enabled == Some(true) {
            schedule = schedule.with_retry(retry_of(policy)?);
        }
        if policy.schedule_enabled == Some(false) {
            schedule = schedule.disabled();
        }
        Ok(schedule)
    }
}

/// The retries of a policy with `retryEnabled: true`.
fn retry_of(policy: &BackupJobSchedulePolicy) -> Result<Retry, Error> {
    let defaults = Retry::default();
    let whole = |value: Option<i32>, default: u32, member: &str, expected: &'static str| match value {
        None => Ok(default),
        Some(value) => u32::try_from(value)
            .map_err(|_| Error::invalid(format!("{POLICY}.{member}"), expected, value.to_string())),
    };
    let attempts = whole(
        policy.retry_number,
        defaults.attempts(),
        "retryNumber",
        RETRY_NUMBER,
    )?;
    let wait = whole(
        policy.retry_wait_interval,
        defaults.wait_minutes(),
        "retryWaitInterval",
        RETRY_WAIT,
    )?;
    Retry::new(attempts, wait).map_err(|err| err.under(POLICY))
}

impl TryFrom<&BackupSchedule> for BackupJobSchedulePolicy {
    type Error = Error;

    /// The canonical policy of a schedule, as the API would take it: every
    /// switch (`scheduleEnabled`, both windows, retries) written out, the
    /// settings and numbers of those that are on. The frame the triggers are
    /// read in is not part of a policy and is not written.
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
    /// use backup_schedule::{BackupSchedule, Interval, Retry};
    /// use backup_schedule::vb365::BackupJobSchedulePolicy;
    ///
    /// let schedule = BackupSchedule::periodic(Interval::from_minutes(240)?)
    ///     .with_offset_minutes(15)?
    ///     .with_retry(Retry::new(5, 30)?);
    /// let policy = BackupJobSchedulePolicy::try_from(&schedule)?;
    /// assert_eq!(
    ///     serde_json::to_string(&policy).unwrap(),
    ///     concat!(
    ///         r#"{"scheduleEnabled":true,"backupWindowEnabled":false,"periodicallyWindowEnabled":false,"#,
    ///         r#""periodicallyOffsetMinutes":15,"type":"Periodically","periodicallyEvery":"Hours4","#,
    ///         r#""retryEnabled":true,"retryNumber":5,"retryWaitInterval":30}"#,
    ///     ),
    /// );
    /// assert_eq!(BackupSchedule::try_from(&policy)?, schedule);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    fn try_from(schedule: &BackupSchedule) -> Result<BackupJobSchedulePolicy, Error> {
        let mut policy = BackupJobSchedulePolicy::default();
        match schedule.trigger() {
            // A backup job's schedule is never Immediate; Manual is its "no
            // timed run".
            Trigger::Immediate | Trigger::Manual => {
                policy.schedule_type = Some(BackupJobScheduleType::ManualOnly)
            }
            Trigger::Daily { days, at, .. } => {
                policy.schedule_type = Some(BackupJobScheduleType::Daily);
                policy.daily_type = Some(daily_type_for(days)?);
                policy.daily_time = Some(format_daily_time(at));
            }
            Trigger::Periodic {
                every,
                offset_minutes,
                ..
            } => {
                policy.schedule_type = Some(BackupJobScheduleType::Periodically);
                policy.periodically_every = Some(periodically_every_for(every)?);
                // At most 59: the schedule is valid.
                policy.periodically_offset_minutes = Some(offset_minutes as i32);
            }
        }
        let settings = |window: &Window| BackupWindowSettings {
            backup_window: Some(window.hours().to_vec()),
            minute_offset: Some(window.minute_offset()),
            ..BackupWindowSettings::default()
        };
        policy.schedule_enabled = Some(schedule.is_enabled());
        policy.backup_window_enabled = Some(schedule.backup_window().is_some());
        policy.backup_window_settings = schedule.backup_window().map(settings);
        policy.periodically_window_enabled = Some(schedule.permitted_hours().is_some());
        policy.periodically_window_settings = schedule.permitted_hours().map(settings);
        policy.retry_enabled = Some(schedule.retry().is_some());
        if let Some(retry) = schedule.retry() {
            // At most 777 and 999: a `Retry` is valid.
            policy.retry_number = Some(retry.attempts() as i32);
            policy.retry_wait_interval = Some(retry.wait_minutes() as i32);
        }
        Ok(policy)
    }
}
