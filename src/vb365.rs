//! The wire model of the Veeam Backup for Microsoft 365 REST API: its copy
//! job and schedule policy JSON, field for field, and its conversion into the
//! engine's [`Schedule`].
//!
//! Every field is optional, as in the API's schema, and unknown fields are
//! ignored (the API adds fields between versions). Parsing keeps what was
//! given as it was given: serializing a parsed value gives back the same JSON
//! value, with absent fields still absent. Validation is a separate step,
//! [`Schedule::try_from`], so that a document can be read, shown and
//! corrected even when it does not describe a valid schedule.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use chrono::NaiveTime;
use serde::de::{self, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, DOCUMENT};
use crate::schedule::Schedule;
use crate::trigger::{Interval, Trigger};
use crate::weekdays::Weekdays;
use crate::window::{Window, HOURS_PER_WEEK};

/// Where a policy sits in a copy job, and so the prefix of every path in
/// validation errors.
const POLICY: &str = "schedulePolicy";

/// What `dailyTime` must look like.
const DAILY_TIME: &str = "a time like 22:00:00 or 22:00";

/// Defines an enum of the API's spellings, read and written as those exact
/// strings. An unknown spelling is an error that lists the allowed ones.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$variant_meta:meta])* $variant:ident,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            /// Every spelling, in the API's order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The API's spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant),)+
                }
            }

            /// `one of A, B, C`: every spelling, for messages.
            #[allow(dead_code)] // not every enum is required somewhere
            pub(crate) fn one_of() -> String {
                format!("one of {}", SpellingOf($name::ALL, $name::as_str).list())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
                input.deserialize_str(SpellingOf($name::ALL, $name::as_str))
            }
        }
    };
}

/// Reads one of `0`'s spellings, as written by `1`.
struct SpellingOf<T: 'static>(&'static [T], fn(T) -> &'static str);

impl<T: Copy> SpellingOf<T> {
    fn list(&self) -> String {
        self.0
            .iter()
            .map(|&item| (self.1)(item))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl<T: Copy> Visitor<'_> for SpellingOf<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "one of {}", self.list())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        self.0
            .iter()
            .copied()
            .find(|&item| (self.1)(item) == text)
            .ok_or_else(|| E::custom(format_args!("expected one of {}, found {text:?}", self.list())))
    }
}

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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a schedule policy object")]
#[non_exhaustive]
pub struct CopyJobSchedulePolicy {
    /// `type`: when the job wants to run.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub schedule_type: Option<CopyJobScheduleType>,
    /// `dailyType`: the UTC days of a `DailyAtTime` job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_type: Option<DailyType>,
    /// `dailyTime`: the UTC time of a `DailyAtTime` job, `HH:MM:SS` or
    /// `HH:MM`, kept as it was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_time: Option<String>,
    /// `periodicallyEvery`: the interval of a `Periodically` job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periodically_every: Option<PeriodicallyEvery>,
    /// `backupCopyWindowEnabled`: whether the window applies; `false`, `null`
    /// and absent all mean it does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_copy_window_enabled: Option<bool>,
    /// `backupCopyWindowSettings`: the window itself.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_object"
    )]
    pub backup_copy_window_settings: Option<BackupCopyWindowSettings>,
}

/// The API's `backupCopyWindowSettings` (`RESTBackupWindowSettings`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a backup window settings object")]
#[non_exhaustive]
pub struct BackupCopyWindowSettings {
    /// `backupWindow`: 168 hours, Sunday 00:00 local first, `true` = allowed.
    ///
    /// Reading refuses an array of more than 168 elements as soon as it sees
    /// the 169th, counting the rest without storing them.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "at_most_a_week_of_hours"
    )]
    pub backup_window: Option<Vec<bool>>,
    /// `minuteOffset`: minutes from UTC to the window's local time;
    /// `null` and absent mean 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minute_offset: Option<i32>,
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

/// A link of a resource's `_links` (`RESTLinkHAL`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// The linked resource's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

/// A backup copy job (`RESTCopyJob`): the body of `POST /v6/CopyJobs` and the
/// resource the API returns. Identifiers and date-times are kept as the
/// strings they were.
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a copy job object")]
#[non_exhaustive]
#[allow(missing_docs)]
pub struct CopyJob {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_job_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_object"
    )]
    pub schedule_policy: Option<CopyJobSchedulePolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Added by the API's v8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_run: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_run: Option<String>,
    /// Added by the API's v7.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_backup: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_status: Option<LastStatus>,
    /// Added by the API's v8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e_tag: Option<i64>,
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<BTreeMap<String, Link>>,
}

impl CopyJobSchedulePolicy {
    /// Reads a `schedulePolicy`: either the object itself, or any object
    /// with a `schedulePolicy` member (a copy job request or resource, whose
    /// other members are read as [`CopyJob`] reads them). Error paths start
    /// with `schedulePolicy` either way.
    ///
    /// # Errors
    ///
    /// [`Error::Syntax`] when the bytes are not JSON, [`Error::Json`] when a
    /// value has the wrong JSON type or an unknown spelling,
    /// [`Error::WindowLength`] for a `backupWindow` of more than 168 elements,
    /// and [`Error::Missing`] when a `schedulePolicy` member is `null`.
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
        if has_policy_member(json) {
            CopyJob::from_json(json)?
                .schedule_policy
                .ok_or_else(|| Error::missing(POLICY, "a schedule policy object"))
        } else {
            // Anything else (including input that is not JSON) is read as a
            // bare policy, which reports what is wrong with it.
            read_json(json, Some(POLICY))
        }
    }

    /// Validates the policy and returns it in canonical form: `dailyTime` as
    /// `HH:MM:SS` and an absent or `null` `minuteOffset` as `0`. Every other
    /// field is kept as it was, including those the type does not use.
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
}

/// Whether the document is an object with a `schedulePolicy` member. Reads
/// nothing else, so that a job's own faults (a duplicate member, a bad
/// value) are reported by the job's reader.
fn has_policy_member(json: &[u8]) -> bool {
    struct HasPolicyMember;

    impl<'de> Visitor<'de> for HasPolicyMember {
        type Value = bool;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let mut found = false;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                found |= key == POLICY;
                map.next_value::<IgnoredAny>()?;
            }
            Ok(found)
        }
    }

    serde_json::Deserializer::from_slice(json)
        .deserialize_map(HasPolicyMember)
        .unwrap_or(false)
}

impl CopyJob {
    /// Reads a copy job (request or resource).
    ///
    /// # Errors
    ///
    /// As [`CopyJobSchedulePolicy::from_json`], with paths from the job's root.
    pub fn from_json(json: &[u8]) -> Result<CopyJob, Error> {
        read_json(json, None)
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
        let policy = job
            .schedule_policy
            .as_ref()
            .ok_or_else(|| Error::missing(POLICY, "a schedule policy object"))?;
        Schedule::try_from(policy)
    }
}

impl BackupCopyWindowSettings {
    /// The settings as a [`Window`]: `None` when `backupWindow` is absent.
    fn to_window(&self) -> Result<Option<Window>, Error> {
        let minute_offset = self.minute_offset.unwrap_or(0);
        match &self.backup_window {
            Some(hours) => Window::from_slice(hours, minute_offset).map(Some),
            // Without hours the offset must still be well formed.
            None => Window::never_open()
                .with_minute_offset(minute_offset)
                .map(|_| None),
        }
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
        let schedule_type = policy
            .schedule_type
            .ok_or_else(|| Error::missing(format!("{POLICY}.type"), CopyJobScheduleType::one_of()))?;
        let daily_time = policy.daily_time.as_deref().map(parse_daily_time).transpose()?;
        let window = match &policy.backup_copy_window_settings {
            Some(settings) => settings.to_window().map_err(|err| err.under(POLICY))?,
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
                })?;
                let at = daily_time.ok_or_else(|| {
                    Error::missing(
                        format!("{POLICY}.dailyTime"),
                        format!("{DAILY_TIME} (required when type is DailyAtTime)"),
                    )
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
                })?;
                Schedule::periodic(every.interval())
            }
        };

        if policy.backup_copy_window_enabled != Some(true) {
            return Ok(schedule);
        }
        if policy.backup_copy_window_settings.is_none() {
            return Err(Error::missing(
                format!("{POLICY}.backupCopyWindowSettings"),
                "the window settings (required when backupCopyWindowEnabled is true)",
            ));
        }
        let window = window.ok_or_else(|| {
            Error::missing(
                format!("{POLICY}.backupCopyWindowSettings.backupWindow"),
                "168 booleans (required when backupCopyWindowEnabled is true)",
            )
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
            Trigger::Immediate => policy.schedule_type = Some(CopyJobScheduleType::Immediate),
            Trigger::Daily { days, at } => {
                policy.schedule_type = Some(CopyJobScheduleType::DailyAtTime);
                policy.daily_type = Some(DailyType::for_days(days).ok_or_else(|| {
                    Error::invalid(
                        format!("{POLICY}.dailyType"),
                        "days the API can express: Everyday, Workdays, Weekends or one day",
                        days.to_string(),
                    )
                })?);
                policy.daily_time = Some(format_daily_time(at));
            }
            Trigger::Periodic { every } => {
                policy.schedule_type = Some(CopyJobScheduleType::Periodically);
                policy.periodically_every =
                    Some(PeriodicallyEvery::for_interval(every).ok_or_else(|| {
                        Error::invalid(
                            format!("{POLICY}.periodicallyEvery"),
                            "an interval the API can express: 5, 10, 15, 30, 60, 120, 240, 480 or 720 minutes",
                            every.to_string(),
                        )
                    })?);
            }
        }
        policy.backup_copy_window_enabled = Some(schedule.window().is_some());
        if let Some(window) = schedule.window() {
            policy.backup_copy_window_settings = Some(BackupCopyWindowSettings {
                backup_window: Some(window.hours().to_vec()),
                minute_offset: Some(window.minute_offset()),
            });
        }
        Ok(policy)
    }
}

/// Parses `HH:MM:SS` or `HH:MM`, two digits each, 00-23:00-59:00-59.
fn parse_daily_time(text: &str) -> Result<NaiveTime, Error> {
    let invalid = || Error::invalid(format!("{POLICY}.dailyTime"), DAILY_TIME, format!("{text:?}"));
    let two_digits = |pair: &[u8]| match pair {
        [tens @ b'0'..=b'9', ones @ b'0'..=b'9'] => {
            Some(u32::from(tens - b'0') * 10 + u32::from(ones - b'0'))
        }
        _ => None,
    };
    let (hour, minute, second) = match text.as_bytes() {
        [h @ .., b':', m0, m1] if h.len() == 2 => (two_digits(h), two_digits(&[*m0, *m1]), Some(0)),
        [h0, h1, b':', m0, m1, b':', s0, s1] => (
            two_digits(&[*h0, *h1]),
            two_digits(&[*m0, *m1]),
            two_digits(&[*s0, *s1]),
        ),
        _ => return Err(invalid()),
    };
    match (hour, minute, second) {
        (Some(hour @ 0..=23), Some(minute @ 0..=59), Some(second @ 0..=59)) => {
            NaiveTime::from_hms_opt(hour, minute, second).ok_or_else(invalid)
        }
        _ => Err(invalid()),
    }
}

fn format_daily_time(at: NaiveTime) -> String {
    at.format("%H:%M:%S").to_string()
}

/// Reads a JSON object into `T`, turning the reader's errors into the
/// crate's, with paths under `prefix`.
fn read_json<'de, T: Deserialize<'de>>(json: &'de [u8], prefix: Option<&str>) -> Result<T, Error> {
    match std::str::from_utf8(json) {
        Ok(text) => read_from(serde_json::Deserializer::from_str(text), prefix),
        // serde_json checks UTF-8 only in the strings it keeps: let it say
        // where when it notices, and refuse the document when it does not
        // (the bytes are in a member that is ignored).
        Err(invalid) => Err(
            read_from::<_, T>(serde_json::Deserializer::from_slice(json), prefix)
                .err()
                .unwrap_or_else(|| Error::Syntax {
                    path: DOCUMENT.into(),
                    message: format!("invalid UTF-8 at byte offset {}", invalid.valid_up_to()),
                    source: None,
                }),
        ),
    }
}

fn read_from<'de, R: serde_json::de::Read<'de>, T: Deserialize<'de>>(
    mut reader: serde_json::Deserializer<R>,
    prefix: Option<&str>,
) -> Result<T, Error> {
    let value = serde_path_to_error::deserialize(ObjectOnly(&mut reader)).map_err(|err| {
        let path = join_path(prefix, &err.path().to_string());
        let inner = err.into_inner();
        if inner.is_data() {
            json_data_error(path, inner)
        } else {
            // Where the reader stopped inside a member it does not know, the
            // path has `?` segments: name the closest known value instead.
            let known = path.split(".?").next().unwrap_or_default();
            Error::Syntax {
                path: match (known, prefix) {
                    ("" | "?", _) => DOCUMENT.into(),
                    (known, Some(prefix)) if known == prefix => DOCUMENT.into(),
                    (known, _) => known.into(),
                },
                message: inner.to_string(),
                source: Some(Arc::new(inner)),
            }
        }
    })?;
    reader.end().map_err(|err| Error::Syntax {
        path: DOCUMENT.into(),
        message: err.to_string(),
        source: Some(Arc::new(err)),
    })?;
    Ok(value)
}

/// A JSON data error as the crate's error; a too-long `backupWindow` (refused
/// while reading) is the same [`Error::WindowLength`] as a too-short one.
fn json_data_error(path: String, inner: serde_json::Error) -> Error {
    let message = inner.to_string();
    let too_long = message
        .strip_prefix(WINDOW_TOO_LONG)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|count| count.parse().ok());
    match too_long {
        Some(found) => Error::WindowLength { path, found },
        None => Error::Json {
            path,
            message,
            source: Some(Arc::new(inner)),
        },
    }
}

/// How [`at_most_a_week_of_hours`] says the array is too long.
const WINDOW_TOO_LONG: &str = "expected 168 booleans, found ";

/// Reads only JSON objects into a struct. serde's derived code would also
/// read an array, by position (`["DailyAtTime", "Workdays", "08:00"]`); the
/// API's bodies are objects.
struct ObjectOnly<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// For an optional member holding an object (`backupCopyWindowSettings`,
/// `schedulePolicy`): `null` is absent, anything but an object is refused.
fn optional_object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(input: D) -> Result<Option<T>, D::Error> {
    struct Member<T>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Member<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object or null")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, input: D) -> Result<Self::Value, D::Error> {
            T::deserialize(ObjectOnly(input)).map(Some)
        }
    }

    input.deserialize_option(Member(std::marker::PhantomData))
}

/// `serde_path_to_error` writes the root as `.`.
fn join_path(prefix: Option<&str>, path: &str) -> String {
    match (prefix, path) {
        (None, ".") => DOCUMENT.into(),
        (Some(prefix), ".") => prefix.into(),
        (None, path) => path.into(),
        (Some(prefix), path) if path.starts_with('[') => format!("{prefix}{path}"),
        (Some(prefix), path) => format!("{prefix}.{path}"),
    }
}

/// Reads `backupWindow`, refusing more than a week of hours as soon as the
/// 169th element arrives: a hostile array of millions of elements is counted,
/// not stored.
fn at_most_a_week_of_hours<'de, D: Deserializer<'de>>(input: D) -> Result<Option<Vec<bool>>, D::Error> {
    struct Hours;

    impl<'de> Visitor<'de> for Hours {
        type Value = Option<Vec<bool>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of 168 booleans")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, input: D) -> Result<Self::Value, D::Error> {
            input.deserialize_seq(Hours)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut hours = Vec::with_capacity(HOURS_PER_WEEK);
            while hours.len() <= HOURS_PER_WEEK {
                match seq.next_element::<bool>()? {
                    Some(allowed) => hours.push(allowed),
                    None => return Ok(Some(hours)),
                }
            }
            let mut found = hours.len() as u64;
            while seq.next_element::<IgnoredAny>()?.is_some() {
                found += 1;
            }
            Err(de::Error::custom(format_args!("{WINDOW_TOO_LONG}{found}")))
        }
    }

    input.deserialize_option(Hours)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_time_forms() {
        let t = |h, m, s| NaiveTime::from_hms_opt(h, m, s).unwrap();
        assert_eq!(parse_daily_time("00:00:00").unwrap(), t(0, 0, 0));
        assert_eq!(parse_daily_time("23:59:59").unwrap(), t(23, 59, 59));
        assert_eq!(parse_daily_time("07:05").unwrap(), t(7, 5, 0));
        for bad in [
            "24:00:00",
            "12:60",
            "12:00:60",
            "7:00",
            "07:00:0",
            "07-00",
            "",
            "07:00:00Z",
            "+7:00",
            "０７:００",
        ] {
            assert!(parse_daily_time(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn root_paths() {
        assert_eq!(join_path(None, "."), "(document)");
        assert_eq!(join_path(Some("schedulePolicy"), "."), "schedulePolicy");
        assert_eq!(join_path(Some("schedulePolicy"), "type"), "schedulePolicy.type");
    }
}
