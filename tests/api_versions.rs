//! Documents of every API version the reference has (v6, v7, v8), built
//! from the API's own OpenAPI schemas (`tests/data/vb365-copyjob-openapi.json`),
//! with invented future members at every level: read and written, they give
//! back exactly the text they were read from.
//!
//! The documents are built here from the schemas' property lists, in the
//! schemas' order, independently of the crate's wire model: a member the
//! crate did not know, or lost, would change the text.

use backup_schedule::vb365::{
    BackupJob, BackupJobDocument, BackupJobSchedulePolicy, CopyJob, CopyJobDocument, CopyJobSchedulePolicy,
    JobDocument, Kind,
};
use backup_schedule::{BackupSchedule, Retry, Schedule, Timetable, Trigger, Weekdays};
use chrono::{NaiveTime, TimeZone, Utc};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

const VERSIONS: [&str; 3] = ["v6", "v7", "v8"];

/// JSON with the members of objects in their order (serde_json's `Value`
/// sorts them without its `preserve_order` feature).
#[derive(Debug, Clone)]
enum Json {
    /// null, a boolean or a number: the schemas' are never looked at.
    Scalar,
    Text(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Json, D::Error> {
        struct Any;

        impl<'de> Visitor<'de> for Any {
            type Value = Json;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("JSON")
            }

            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Scalar)
            }

            fn visit_bool<E>(self, _: bool) -> Result<Json, E> {
                Ok(Json::Scalar)
            }

            fn visit_i64<E>(self, _: i64) -> Result<Json, E> {
                Ok(Json::Scalar)
            }

            fn visit_u64<E>(self, _: u64) -> Result<Json, E> {
                Ok(Json::Scalar)
            }

            fn visit_f64<E>(self, _: f64) -> Result<Json, E> {
                Ok(Json::Scalar)
            }

            fn visit_str<E>(self, value: &str) -> Result<Json, E> {
                Ok(Json::Text(value.to_owned()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut members = Vec::new();
                while let Some((name, value)) = map.next_entry()? {
                    members.push((name, value));
                }
                Ok(Json::Object(members))
            }
        }

        input.deserialize_any(Any)
    }
}

impl Json {
    fn get(&self, name: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members
                .iter()
                .find(|(member, _)| member == name)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    fn text(&self) -> Option<&str> {
        match self {
            Json::Text(text) => Some(text),
            _ => None,
        }
    }

    fn members(&self) -> &[(String, Json)] {
        match self {
            Json::Object(members) => members,
            _ => &[],
        }
    }
}

fn schemas() -> Json {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/vb365-copyjob-openapi.json"
    );
    let text = std::fs::read_to_string(path).expect("the OpenAPI schemas");
    serde_json::from_str(&text).expect("the schemas are JSON")
}

/// The future members put into every object: first, after the first known
/// member, and last. Their values are of every JSON type, with numbers no
/// double holds exactly.
const FUTURE_FIRST: &str = r#""futureFirst":{"nested":[1,2.50,"x",null,true,{"deeper":{}}]}"#;
const FUTURE_MIDDLE: &str = r#""futureMiddle":123456789012345678901234567890"#;
const FUTURE_LAST: &str = r#""futureLast":[1e400,-0.0,"\u00e9\n"]"#;

/// A compact document of schema `name` of `version`: every property, in the
/// schema's order, with a value of its type, and the future members.
fn document(schemas: &Json, version: &str, name: &str) -> String {
    let schema = schemas
        .get(version)
        .and_then(|v| v.get("schemas"))
        .and_then(|s| s.get(name))
        .unwrap_or_else(|| panic!("{version} has no {name}"));
    let mut members = vec![FUTURE_FIRST.to_owned()];
    for (index, (property, spec)) in schema
        .get("properties")
        .expect("properties")
        .members()
        .iter()
        .enumerate()
    {
        members.push(format!(
            "{property:?}:{}",
            value(schemas, version, property, spec)
        ));
        if index == 0 {
            members.push(FUTURE_MIDDLE.to_owned());
        }
    }
    members.push(FUTURE_LAST.to_owned());
    format!("{{{}}}", members.join(","))
}

/// A value for `property` as `spec` describes it.
fn value(schemas: &Json, version: &str, property: &str, spec: &Json) -> String {
    if let Some(reference) = spec.get("$ref").and_then(Json::text) {
        let name = reference.rsplit('/').next().expect("a schema name");
        return document(schemas, version, name);
    }
    if let Some(Json::Array(spellings)) = spec.get("enum") {
        // The last spelling: DailyAtTime, Sunday, Hours12 (Hours8 before v8), Queued.
        return format!("{:?}", spellings.last().and_then(Json::text).expect("a spelling"));
    }
    let kind = spec.get("type").and_then(Json::text);
    let format = spec.get("format").and_then(Json::text);
    match (kind, format, property) {
        (Some("string"), Some("uuid"), _) => format!("\"{version}-0000-0000-0000-{property}\""),
        (Some("string"), Some("date-time"), _) => r#""2026-11-27T22:00:04.123Z""#.into(),
        (Some("string"), _, "dailyTime") => r#""22:00:00""#.into(),
        (Some("string"), _, _) => format!("\"{property} of {version}\""),
        (Some("boolean"), _, _) => "true".into(),
        (Some("integer"), Some("int32"), _) => "180".into(),
        (Some("integer"), Some("int64"), _) => "9007199254740993".into(),
        (Some("array"), _, _) => {
            // Every third hour allowed.
            let hours: Vec<&str> = (0..168)
                .map(|hour| if hour % 3 == 0 { "true" } else { "false" })
                .collect();
            format!("[{}]", hours.join(","))
        }
        (Some("object"), _, _) => {
            // Links by name: one the API has and one it may add.
            let link = spec
                .get("additionalProperties")
                .map(|item| value(schemas, version, "link", item))
                .expect("_links holds links");
            format!(r#"{{"self":{link},"futureLink":{link}}}"#)
        }
        other => panic!("{version} {property}: no value for {other:?}"),
    }
}

/// The names of the unknown members every object of the documents holds.
fn assert_future_members(extras: &backup_schedule::vb365::Extras, what: &str) {
    let names: Vec<&str> = extras.iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["futureFirst", "futureMiddle", "futureLast"], "{what}");
}

#[test]
fn a_copy_job_of_every_version_writes_back_as_read() {
    let schemas = schemas();
    for version in VERSIONS {
        let text = document(&schemas, version, "RESTCopyJob");
        let job = CopyJob::from_json(text.as_bytes()).unwrap_or_else(|err| panic!("{version}: {err}"));
        assert_eq!(serde_json::to_string(&job).unwrap(), text, "{version}");

        // The future members are where the wire model keeps them, at every level.
        assert_future_members(&job.extras, version);
        let policy = job.schedule_policy.as_ref().expect("a policy");
        assert_future_members(&policy.extras, version);
        let settings = policy
            .backup_copy_window_settings
            .as_ref()
            .expect("window settings");
        assert_future_members(&settings.extras, version);
        for (name, link) in job.links.as_ref().expect("links") {
            assert_future_members(&link.extras, name);
        }
        assert_eq!(
            job.extras.get("futureMiddle").map(|raw| raw.get()),
            Some("123456789012345678901234567890")
        );
    }
}

#[test]
fn a_bare_policy_of_every_version_writes_back_as_read() {
    let schemas = schemas();
    for version in VERSIONS {
        let text = document(&schemas, version, "RESTCopyJobSchedulePolicy");
        let policy = CopyJobSchedulePolicy::from_json(text.as_bytes())
            .unwrap_or_else(|err| panic!("{version}: {err}"));
        assert_eq!(serde_json::to_string(&policy).unwrap(), text, "{version}");
        // Normalizing changes nothing here (22:00:00 and an offset given),
        // and keeps the future members.
        let normal = policy.normalized().unwrap();
        assert_eq!(serde_json::to_string(&normal).unwrap(), text, "{version}");
    }
}

#[test]
fn every_version_describes_the_same_schedule() {
    // DailyAtTime on Sundays at 22:00 UTC, every third local hour allowed at
    // UTC+03:00 (minuteOffset 180).
    let schemas = schemas();
    let mut hours = [false; 168];
    for hour in (0..168).step_by(3) {
        hours[hour] = true;
    }
    let expected = Schedule::daily(Weekdays::SUNDAY, NaiveTime::from_hms_opt(22, 0, 0).unwrap())
        .unwrap()
        .with_window(backup_schedule::Window::new(&hours, 180).unwrap());
    for version in VERSIONS {
        let job = CopyJob::from_json(document(&schemas, version, "RESTCopyJob").as_bytes()).unwrap();
        let schedule = Schedule::try_from(&job).unwrap();
        assert_eq!(schedule, expected, "{version}");
        assert!(matches!(schedule.trigger(), Trigger::Daily { .. }));
        // Sunday 2026-11-29 22:00 UTC is Monday 01:00 at UTC+03:00: hour
        // 25 of the week, not a multiple of 3; 02:00 (hour 26) neither;
        // 03:00 (hour 27) is: 00:00 UTC on Monday.
        let saturday = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
        assert_eq!(
            schedule.next_run(saturday),
            Some(Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).unwrap()),
            "{version}"
        );
    }
}

#[test]
fn lists_of_every_version_write_each_job_back_as_read() {
    // v6 and v7 list copy jobs as a bare array; v8 as a page.
    let schemas = schemas();
    for version in VERSIONS {
        let job = document(&schemas, version, "RESTCopyJob");
        for list in [
            format!("[{job},{job}]"),
            format!(r#"{{"offset":0,"limit":30,"results":[{job},{job}],"setId":"x"}}"#),
        ] {
            let CopyJobDocument::List(jobs) = CopyJobDocument::from_json(list.as_bytes()).unwrap() else {
                panic!("{version}: {list:.40} is not read as a list");
            };
            assert_eq!(jobs.len(), 2, "{version}");
            for listed in jobs {
                let read = listed.job.unwrap_or_else(|err| panic!("{version}: {err}"));
                assert_eq!(serde_json::to_string(&read).unwrap(), job, "{version}");
                assert_eq!(listed.name.as_deref(), Some(&*format!("name of {version}")));
                assert_eq!(
                    listed.id.as_deref(),
                    Some(&*format!("{version}-0000-0000-0000-id"))
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Backup jobs: `RESTJobSchedulePolicy` of every version, in a job of its own
// (the schemas have no backup job resource: its other members are invented).

/// A backup job around `policy`, with members the wire model knows and
/// members it does not.
fn backup_job(version: &str, policy: &str) -> String {
    format!(
        r#"{{{FUTURE_FIRST},"id":"{version}-job","name":"backup of {version}","backupType":"EntireOrganization","schedulePolicy":{policy},"isEnabled":true,{FUTURE_LAST}}}"#
    )
}

#[test]
fn a_backup_policy_of_every_version_writes_back_as_read() {
    let schemas = schemas();
    for version in VERSIONS {
        let text = document(&schemas, version, "RESTJobSchedulePolicy");
        let policy = BackupJobSchedulePolicy::from_json(text.as_bytes())
            .unwrap_or_else(|err| panic!("{version}: {err}"));
        assert_eq!(serde_json::to_string(&policy).unwrap(), text, "{version}");
        assert_future_members(&policy.extras, version);
        let window = policy
            .backup_window_settings
            .as_ref()
            .expect("backup window settings");
        assert_future_members(&window.extras, version);
        let permitted = policy
            .periodically_window_settings
            .as_ref()
            .expect("permitted hours settings");
        assert_future_members(&permitted.extras, version);
        // v6 has no periodicallyWindowEnabled; v7 and v8 do. v8 adds Hours12,
        // the last spelling of periodicallyEvery.
        assert_eq!(
            policy.periodically_window_enabled.is_some(),
            version != "v6",
            "{version}"
        );
        let last_every = if version == "v8" { "Hours12" } else { "Hours8" };
        assert_eq!(
            policy.periodically_every.map(|every| every.as_str()),
            Some(last_every)
        );
        assert_eq!(Kind::detect(text.as_bytes()).unwrap(), Kind::Backup, "{version}");

        let job = backup_job(version, &text);
        let read = BackupJob::from_json(job.as_bytes()).unwrap_or_else(|err| panic!("{version}: {err}"));
        assert_eq!(serde_json::to_string(&read).unwrap(), job, "{version}");
        assert_eq!(read.extras.len(), 3, "{version}"); // futureFirst, backupType, futureLast
        for list in [
            format!("[{job},{job}]"),
            format!(r#"{{"offset":0,"limit":30,"results":[{job},{job}]}}"#),
        ] {
            let JobDocument::Backup(BackupJobDocument::List(jobs)) =
                JobDocument::from_json(list.as_bytes(), None).unwrap()
            else {
                panic!("{version}: {list:.40} is not read as a list of backup jobs");
            };
            for listed in jobs {
                let read = listed.job.unwrap_or_else(|err| panic!("{version}: {err}"));
                assert_eq!(serde_json::to_string(&read).unwrap(), job, "{version}");
            }
        }
    }
}

#[test]
fn backup_policies_of_every_version_validate_as_the_schema_builds_them() {
    let schemas = schemas();
    for version in VERSIONS {
        let text = document(&schemas, version, "RESTJobSchedulePolicy");
        // Every int32 is 180: the offset is out of 0..=59.
        let policy = BackupJobSchedulePolicy::from_json(text.as_bytes()).unwrap();
        assert_eq!(
            BackupSchedule::try_from(&policy).unwrap_err().to_string(),
            "schedulePolicy.periodicallyOffsetMinutes: expected an offset in minutes in 0..=59, found 180",
            "{version}"
        );
        let text = text.replace(
            r#""periodicallyOffsetMinutes":180"#,
            r#""periodicallyOffsetMinutes":15"#,
        );
        let policy = BackupJobSchedulePolicy::from_json(text.as_bytes()).unwrap();
        let result = BackupSchedule::try_from(&policy);
        if version == "v6" {
            // ManualOnly (the last type), enabled, the backup window of every
            // third hour at +180, retries 180 times 180 minutes apart.
            let schedule = result.unwrap_or_else(|err| panic!("{version}: {err}"));
            let mut hours = [false; 168];
            for hour in (0..168).step_by(3) {
                hours[hour] = true;
            }
            assert_eq!(
                schedule,
                BackupSchedule::manual_only()
                    .with_backup_window(backup_schedule::Window::new(&hours, 180).unwrap())
                    .with_retry(Retry::new(180, 180).unwrap())
            );
        } else {
            // periodicallyWindowEnabled is true on a ManualOnly job.
            assert_eq!(
                result.unwrap_err().to_string(),
                "schedulePolicy.periodicallyWindowEnabled: expected false (permitted hours apply only to a Periodically schedule in hours), found true",
                "{version}"
            );
        }
    }
}
