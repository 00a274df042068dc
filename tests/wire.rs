//! The wire model: the API's copy job and schedule policy JSON, read and
//! written field for field.
//!
//! Expected values come from the example documents in `data/` (inputs, read
//! as plain JSON with `serde_json::Value`, independently of the crate's
//! types), from the enum lists of the API's OpenAPI schemas
//! (`vb365-copyjob-openapi.json`, transcribed below), or are worked out by
//! hand as the comments say.

use std::collections::BTreeSet;

use backup_schedule::vb365::{
    CopyJob, CopyJobSchedulePolicy, CopyJobScheduleType, DailyType, LastStatus, PeriodicallyEvery,
};
use backup_schedule::{Error, Interval, Schedule, Timetable, Trigger, Weekdays, Window};
use chrono::{NaiveTime, TimeZone, Utc, Weekday};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn seed(name: &str) -> Vec<u8> {
    let path = format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|err| panic!("reading {path}: {err}"))
}

fn as_value(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("the example documents are JSON")
}

fn policy(json: &Value) -> CopyJobSchedulePolicy {
    CopyJobSchedulePolicy::from_json(json.to_string().as_bytes())
        .unwrap_or_else(|err| panic!("{json} did not parse: {err}"))
}

fn job(json: &Value) -> CopyJob {
    CopyJob::from_json(json.to_string().as_bytes())
        .unwrap_or_else(|err| panic!("{json} did not parse: {err}"))
}

fn time(h: u32, m: u32, s: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, s).unwrap()
}

/// 168 hours with `open(day, hour)` allowed (day 0 = Sunday).
fn hours(open: impl Fn(usize, usize) -> bool) -> Vec<bool> {
    let mut hours = vec![false; 168];
    for (index, allowed) in hours.iter_mut().enumerate() {
        *allowed = open(index / 24, index % 24);
    }
    hours
}

/// The 1-based column at which serde_json reports an error about the value
/// `token` in the one-line `input`: the column of the value's last byte
/// (serde_json reports the position of the last byte it consumed).
fn end_column(input: &str, token: &str) -> usize {
    input.find(token).expect("token in input") + token.len()
}

// ---------------------------------------------------------------------------
// The example documents
// ---------------------------------------------------------------------------

#[test]
fn seed_request_round_trips_to_the_same_json() {
    let bytes = seed("seed-copy-job-request.json");
    let parsed = CopyJob::from_json(&bytes).expect("the example request parses");
    let written = serde_json::to_value(&parsed).unwrap();
    assert_eq!(written, as_value(&bytes));

    // Fields absent from the request stay absent when written.
    let keys: BTreeSet<&str> = written.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from(["backupJobId", "schedulePolicy", "repositoryId", "isEnabled"])
    );
    let policy_keys: BTreeSet<&str> = written["schedulePolicy"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        policy_keys,
        BTreeSet::from(["type", "backupCopyWindowEnabled", "backupCopyWindowSettings"])
    );
}

#[test]
fn seed_request_fields() {
    let job = CopyJob::from_json(&seed("seed-copy-job-request.json")).unwrap();
    assert_eq!(
        job.backup_job_id.as_deref(),
        Some("b7c1cc0b-2b3c-4096-9ba1-2d665b4ae504")
    );
    assert_eq!(
        job.repository_id.as_deref(),
        Some("79f3e494-4991-4dd5-b6fa-f1cf8c421265")
    );
    assert_eq!(job.is_enabled, Some(true));
    // A request has no resource fields.
    assert_eq!(job.id, None);
    assert_eq!(job.name, None);
    assert_eq!(job.last_status, None);
    assert_eq!(job.links, None);
    assert_eq!(job.organization_id, None);
    assert_eq!(job.e_tag, None);

    let policy = job.schedule_policy.as_ref().expect("the request has a policy");
    assert_seed_policy(policy);
}

/// The example's policy: Immediate, window enabled, all 168 hours allowed, offset 0.
fn assert_seed_policy(policy: &CopyJobSchedulePolicy) {
    assert_eq!(policy.schedule_type, Some(CopyJobScheduleType::Immediate));
    assert_eq!(policy.daily_type, None);
    assert_eq!(policy.daily_time, None);
    assert_eq!(policy.periodically_every, None);
    assert_eq!(policy.backup_copy_window_enabled, Some(true));
    let settings = policy
        .backup_copy_window_settings
        .as_ref()
        .expect("window settings");
    assert_eq!(settings.minute_offset, Some(0));
    let window = settings.backup_window.as_ref().expect("backupWindow");
    assert_eq!(window.len(), 168);
    assert_eq!(window.iter().filter(|&&allowed| allowed).count(), 168);

    // As a schedule: Immediate has no timed runs; a window open all week
    // starts a restore point's copy at once.
    let schedule = Schedule::try_from(policy).unwrap();
    assert_eq!(schedule.trigger(), Trigger::Immediate);
    let window = schedule.window().expect("the window is enabled");
    assert!(window.is_always_open());
    assert_eq!(window.minute_offset(), 0);
    let t = Utc.with_ymd_and_hms(2026, 11, 28, 15, 7, 9).unwrap();
    assert_eq!(schedule.next_run(t), None);
    assert_eq!(schedule.next_open(t), Some(t));
}

#[test]
fn seed_response_round_trips_to_the_same_json() {
    let bytes = seed("seed-copy-job-response.json");
    let parsed = CopyJob::from_json(&bytes).expect("the example response parses");
    let written = serde_json::to_value(&parsed).unwrap();
    assert_eq!(written, as_value(&bytes));

    let keys: BTreeSet<&str> = written.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "backupJobId",
            "schedulePolicy",
            "id",
            "repositoryId",
            "name",
            "isEnabled",
            "lastStatus",
            "_links",
        ])
    );
}

#[test]
fn seed_response_fields() {
    let job = CopyJob::from_json(&seed("seed-copy-job-response.json")).unwrap();
    assert_eq!(
        job.backup_job_id.as_deref(),
        Some("b7c1cc0b-2b3c-4096-9ba1-2d665b4ae504")
    );
    assert_eq!(job.id.as_deref(), Some("1f6f7c97-0df4-4866-8c37-309fda301894"));
    assert_eq!(
        job.repository_id.as_deref(),
        Some("79f3e494-4991-4dd5-b6fa-f1cf8c421265")
    );
    assert_eq!(job.name.as_deref(), Some("Backup1 - copy job"));
    assert_eq!(job.is_enabled, Some(true));
    assert_eq!(job.last_status, Some(LastStatus::Success));
    assert_eq!(job.last_run, None);
    assert_eq!(job.next_run, None);

    let links = job.links.as_ref().expect("_links");
    let hrefs: Vec<(&str, Option<&str>)> = links
        .iter()
        .map(|(name, link)| (name.as_str(), link.href.as_deref()))
        .collect();
    // In the document's order (data/seed-copy-job-response.json).
    assert_eq!(
        hrefs,
        [
            ("self", Some("/v6/copyJobs/1f6f7c97-0df4-4866-8c37-309fda301894")),
            (
                "organization",
                Some("/v6/organizations/e60dfb9c-ac58-4463-879f-9855ac35576b")
            ),
            ("backupJob", Some("/v6/job/b7c1cc0b-2b3c-4096-9ba1-2d665b4ae504")),
            (
                "backupRepository",
                Some("/v6/backuprepositories/79f3e494-4991-4dd5-b6fa-f1cf8c421265")
            ),
        ]
    );

    assert_seed_policy(job.schedule_policy.as_ref().unwrap());
    assert_eq!(
        Schedule::try_from(&job).unwrap(),
        Schedule::try_from(job.schedule_policy.as_ref().unwrap()).unwrap()
    );
}

#[test]
fn request_and_response_carry_the_same_policy() {
    let request = CopyJob::from_json(&seed("seed-copy-job-request.json")).unwrap();
    let response = CopyJob::from_json(&seed("seed-copy-job-response.json")).unwrap();
    assert_eq!(request.schedule_policy, response.schedule_policy);
}

// ---------------------------------------------------------------------------
// CopyJobSchedulePolicy::from_json
// ---------------------------------------------------------------------------

#[test]
fn from_document_reads_bare_policies_requests_and_responses_alike() {
    let request = seed("seed-copy-job-request.json");
    let response = seed("seed-copy-job-response.json");
    // The bare policy, cut out of the request with serde_json alone.
    let bare = serde_json::to_vec(&as_value(&request)["schedulePolicy"]).unwrap();

    let from_bare = CopyJobSchedulePolicy::from_json(&bare).unwrap();
    let from_request = CopyJobSchedulePolicy::from_json(&request).unwrap();
    let from_response = CopyJobSchedulePolicy::from_json(&response).unwrap();
    assert_eq!(from_bare, from_request);
    assert_eq!(from_bare, from_response);
    assert_eq!(from_bare, CopyJobSchedulePolicy::from_json(&bare).unwrap());
    assert_seed_policy(&from_bare);
}

#[test]
fn from_document_on_a_daily_policy() {
    let bare = json!({"type": "DailyAtTime", "dailyType": "Friday", "dailyTime": "06:15:00"});
    let request = json!({"backupJobId": "x", "schedulePolicy": bare, "isEnabled": false});
    let response = json!({"id": "y", "schedulePolicy": bare, "lastStatus": "Failed", "_links": {}});
    let a = CopyJobSchedulePolicy::from_json(bare.to_string().as_bytes()).unwrap();
    let b = CopyJobSchedulePolicy::from_json(request.to_string().as_bytes()).unwrap();
    let c = CopyJobSchedulePolicy::from_json(response.to_string().as_bytes()).unwrap();
    assert_eq!(a, b);
    assert_eq!(a, c);
    assert_eq!(a.daily_type, Some(DailyType::Friday));
    assert_eq!(a.daily_time.as_deref(), Some("06:15:00"));
}

#[test]
fn from_document_errors_use_paths_from_the_document_root() {
    // Inside a job, the policy's fields are under `schedulePolicy.` once,
    // not twice.
    let input = r#"{"schedulePolicy": {"type": "Daily"}}"#;
    let err = CopyJobSchedulePolicy::from_json(input.as_bytes()).unwrap_err();
    assert!(matches!(err, Error::Json { .. }), "{err:?}");
    assert_eq!(err.path(), Some("schedulePolicy.type"));
    // A bare policy names the same field the same way.
    let input = r#"{"type": "Daily"}"#;
    let err = CopyJobSchedulePolicy::from_json(input.as_bytes()).unwrap_err();
    assert_eq!(err.path(), Some("schedulePolicy.type"));
}

// ---------------------------------------------------------------------------
// Enums: exactly the API's spellings
// ---------------------------------------------------------------------------

// Transcribed from /work/shared/reference/vb365-copyjob-openapi.json,
// v8 schemas RESTCopyJobSchedulePolicy and RESTCopyJob (v6 and v7 have the
// same lists except that periodicallyEvery lacks Hours12).
const TYPE_SPELLINGS: [&str; 3] = ["Immediate", "Periodically", "DailyAtTime"];
const DAILY_TYPE_SPELLINGS: [&str; 10] = [
    "Everyday",
    "Workdays",
    "Weekends",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const PERIODICALLY_EVERY_SPELLINGS: [&str; 9] = [
    "Minutes5",
    "Minutes10",
    "Minutes15",
    "Minutes30",
    "Hours1",
    "Hours2",
    "Hours4",
    "Hours8",
    "Hours12",
];
const LAST_STATUS_SPELLINGS: [&str; 8] = [
    "Stopped",
    "Running",
    "Success",
    "Failed",
    "Warning",
    "NotConfigured",
    "Disconnected",
    "Queued",
];

#[test]
fn enum_lists_are_the_apis() {
    fn spellings<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|&item| as_str(item)).collect()
    }
    assert_eq!(
        spellings(CopyJobScheduleType::ALL, CopyJobScheduleType::as_str),
        TYPE_SPELLINGS
    );
    assert_eq!(spellings(DailyType::ALL, DailyType::as_str), DAILY_TYPE_SPELLINGS);
    assert_eq!(
        spellings(PeriodicallyEvery::ALL, PeriodicallyEvery::as_str),
        PERIODICALLY_EVERY_SPELLINGS
    );
    assert_eq!(
        spellings(LastStatus::ALL, LastStatus::as_str),
        LAST_STATUS_SPELLINGS
    );
}

/// Each spelling in `field` of a policy parses, and writes back as itself.
fn policy_field_round_trips(field: &str, spellings: &[&str]) {
    for spelling in spellings {
        let input = json!({ field: spelling });
        let parsed = policy(&input);
        assert_eq!(
            serde_json::to_value(&parsed).unwrap(),
            input,
            "{field}: {spelling}"
        );
    }
}

#[test]
fn every_policy_spelling_parses_and_writes_back() {
    policy_field_round_trips("type", &TYPE_SPELLINGS);
    policy_field_round_trips("dailyType", &DAILY_TYPE_SPELLINGS);
    policy_field_round_trips("periodicallyEvery", &PERIODICALLY_EVERY_SPELLINGS);

    for (spelling, expected) in TYPE_SPELLINGS.iter().zip(CopyJobScheduleType::ALL) {
        assert_eq!(
            policy(&json!({ "type": spelling })).schedule_type,
            Some(*expected)
        );
        assert_eq!(expected.to_string(), *spelling);
    }
}

#[test]
fn every_last_status_parses_and_writes_back() {
    for spelling in LAST_STATUS_SPELLINGS {
        let input = json!({ "lastStatus": spelling });
        let parsed = job(&input);
        assert_eq!(parsed.last_status.map(LastStatus::as_str), Some(spelling));
        assert_eq!(serde_json::to_value(&parsed).unwrap(), input);
    }
}

#[test]
fn hours12_from_v8_is_twelve_hours() {
    let parsed = policy(&json!({"type": "Periodically", "periodicallyEvery": "Hours12"}));
    assert_eq!(parsed.periodically_every, Some(PeriodicallyEvery::Hours12));
    let schedule = Schedule::try_from(&parsed).unwrap();
    // By hand: a 12-hour grid from 00:00 UTC runs at 00:00 and 12:00.
    let t = Utc.with_ymd_and_hms(2026, 11, 28, 0, 0, 0).unwrap();
    let runs: Vec<_> = schedule.upcoming(t).take(3).collect();
    assert_eq!(
        runs,
        [
            Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap(),
        ]
    );
}

#[test]
fn periodically_every_spellings_mean_their_minutes() {
    // Read off the names: MinutesN = N, HoursN = 60 N.
    let expected = [5, 10, 15, 30, 60, 120, 240, 480, 720];
    for (spelling, minutes) in PERIODICALLY_EVERY_SPELLINGS.iter().zip(expected) {
        let every = policy(&json!({ "periodicallyEvery": spelling }))
            .periodically_every
            .unwrap();
        assert_eq!(every.minutes(), minutes, "{spelling}");
        assert_eq!(every.interval().minutes(), minutes, "{spelling}");
        assert_eq!(
            PeriodicallyEvery::for_interval(Interval::from_minutes(minutes).unwrap()),
            Some(every)
        );
    }
}

#[test]
fn daily_type_spellings_mean_their_days() {
    use Weekday::*;
    let workdays = Weekdays::only(Mon).with(Tue).with(Wed).with(Thu).with(Fri);
    let expected = [
        workdays.with(Sat).with(Sun),
        workdays,
        Weekdays::only(Sat).with(Sun),
        Weekdays::only(Mon),
        Weekdays::only(Tue),
        Weekdays::only(Wed),
        Weekdays::only(Thu),
        Weekdays::only(Fri),
        Weekdays::only(Sat),
        Weekdays::only(Sun),
    ];
    for (spelling, days) in DAILY_TYPE_SPELLINGS.iter().zip(expected) {
        let kind = policy(&json!({ "dailyType": spelling })).daily_type.unwrap();
        assert_eq!(kind.days(), days, "{spelling}");
        assert_eq!(DailyType::for_days(days), Some(kind), "{spelling}");
    }
}

/// `input` is rejected with a JSON error at `path` whose message is
/// `expected one of {allowed}, found "{found}"` and the position of the
/// found string.
fn assert_spelling_rejected(
    read: impl Fn(&[u8]) -> Result<(), Error>,
    input: &str,
    path: &str,
    allowed: &[&str],
    found: &str,
) {
    let err = read(input.as_bytes()).expect_err(input);
    assert!(matches!(err, Error::Json { .. }), "{input}: {err:?}");
    assert_eq!(err.path(), Some(path), "{input}");
    let column = end_column(input, &format!("{found:?}"));
    assert_eq!(
        err.to_string(),
        format!(
            "{path}: expected one of {}, found {found:?} at line 1 column {column}",
            allowed.join(", ")
        ),
        "{input}"
    );
}

#[test]
fn other_spellings_are_rejected_with_the_allowed_list() {
    let read_policy = |bytes: &[u8]| CopyJobSchedulePolicy::from_json(bytes).map(drop);
    let read_job = |bytes: &[u8]| CopyJob::from_json(bytes).map(drop);

    // `Daily` is the spelling of the backup job's schedule, not the copy job's.
    for found in ["Daily", "immediate", "IMMEDIATE", "Immediate ", "", "ManualOnly"] {
        let input = format!(r#"{{"type": {found:?}}}"#);
        assert_spelling_rejected(read_policy, &input, "schedulePolicy.type", &TYPE_SPELLINGS, found);
    }
    for found in ["hours12", "Hours24", "Minutes1", "Hour1", "12"] {
        let input = format!(r#"{{"periodicallyEvery": {found:?}}}"#);
        assert_spelling_rejected(
            read_policy,
            &input,
            "schedulePolicy.periodicallyEvery",
            &PERIODICALLY_EVERY_SPELLINGS,
            found,
        );
    }
    for found in ["Weekdays", "everyday", "Mon", "Workday"] {
        let input = format!(r#"{{"dailyType": {found:?}}}"#);
        assert_spelling_rejected(
            read_policy,
            &input,
            "schedulePolicy.dailyType",
            &DAILY_TYPE_SPELLINGS,
            found,
        );
    }
    for found in ["success", "Succeeded", "None"] {
        let input = format!(r#"{{"lastStatus": {found:?}}}"#);
        assert_spelling_rejected(read_job, &input, "lastStatus", &LAST_STATUS_SPELLINGS, found);
    }
    // Inside a job, the policy's enums are under schedulePolicy.
    let input = r#"{"schedulePolicy": {"periodicallyEvery": "hours12"}}"#;
    assert_spelling_rejected(
        read_job,
        input,
        "schedulePolicy.periodicallyEvery",
        &PERIODICALLY_EVERY_SPELLINGS,
        "hours12",
    );
}

#[test]
fn enum_values_that_are_not_strings_are_rejected() {
    // The allowed list as what was expected, the value as JSON writes it;
    // serde_json reports the column of the value's last byte.
    let input = r#"{"type": 1}"#;
    let err = CopyJobSchedulePolicy::from_json(input.as_bytes()).unwrap_err();
    assert!(matches!(err, Error::Json { .. }));
    assert_eq!(err.path(), Some("schedulePolicy.type"));
    assert_eq!(
        err.to_string(),
        format!(
            "schedulePolicy.type: expected one of Immediate, Periodically, DailyAtTime, found 1 at line 1 column {}",
            end_column(input, "1")
        )
    );

    // An array is reported at its opening bracket, column 15.
    let input = r#"{"dailyType": ["Monday"]}"#;
    let err = CopyJobSchedulePolicy::from_json(input.as_bytes()).unwrap_err();
    assert_eq!(err.path(), Some("schedulePolicy.dailyType"));
    assert_eq!(
        err.to_string(),
        format!(
            "schedulePolicy.dailyType: expected one of {}, found an array at line 1 column 15",
            DAILY_TYPE_SPELLINGS.join(", ")
        )
    );
}

// ---------------------------------------------------------------------------
// Unknown fields
// ---------------------------------------------------------------------------

/// `text`, a compact JSON document, reads as a copy job (or, `bare`, as a
/// policy) that writes exactly `text` back.
fn writes_back_as_read(text: &str) {
    let job = CopyJob::from_json(text.as_bytes()).unwrap_or_else(|err| panic!("{text}: {err}"));
    assert_eq!(serde_json::to_string(&job).unwrap(), text);
}

fn policy_writes_back_as_read(text: &str) {
    let policy =
        CopyJobSchedulePolicy::from_json(text.as_bytes()).unwrap_or_else(|err| panic!("{text}: {err}"));
    assert_eq!(serde_json::to_string(&policy).unwrap(), text);
}

#[test]
fn unknown_policy_members_are_kept_in_place() {
    // Before, after and between the known members, of every JSON type;
    // numbers digit for digit (neither 2^64 + 1 nor 1e400 fits a double).
    let text = r#"{"first":{"days":[1,2,{"deep":null}]},"type":"Periodically","runAt":"2026-01-01T00:00:00Z","periodicallyEvery":"Hours2","big":18446744073709551617,"huge":1e400,"x":null,"y":false}"#;
    policy_writes_back_as_read(text);
    let read = CopyJobSchedulePolicy::from_json(text.as_bytes()).unwrap();
    let members: Vec<(&str, &str)> = read.extras.iter().map(|(name, raw)| (name, raw.get())).collect();
    assert_eq!(
        members,
        [
            ("first", r#"{"days":[1,2,{"deep":null}]}"#),
            ("runAt", r#""2026-01-01T00:00:00Z""#),
            ("big", "18446744073709551617"),
            ("huge", "1e400"),
            ("x", "null"),
            ("y", "false"),
        ]
    );
    assert_eq!(
        read.extras.get("big").map(|raw| raw.get()),
        Some("18446744073709551617")
    );
    assert_eq!(read.extras.len(), 6);
    // The known members read as ever.
    assert_eq!(read.periodically_every, Some(PeriodicallyEvery::Hours2));
    // And it is another policy than the one without them.
    let without = policy(&json!({"type": "Periodically", "periodicallyEvery": "Hours2"}));
    assert_ne!(read, without);
    assert!(without.extras.is_empty());
    assert_eq!(
        Schedule::try_from(&read).unwrap(),
        Schedule::try_from(&without).unwrap()
    );
}

#[test]
fn unknown_members_lose_only_the_whitespace_between_tokens() {
    // Whitespace in strings stays; between tokens it goes.
    let text = "{\"type\": \"Immediate\", \"note\": { \"a b\" : [ 1 ,\n\t\"c \\\" d\" ] } }";
    let read = CopyJobSchedulePolicy::from_json(text.as_bytes()).unwrap();
    assert_eq!(
        read.extras.get("note").map(|raw| raw.get()),
        Some(r#"{"a b":[1,"c \" d"]}"#)
    );
    assert_eq!(
        serde_json::to_string(&read).unwrap(),
        r#"{"type":"Immediate","note":{"a b":[1,"c \" d"]}}"#
    );
}

#[test]
fn unknown_window_settings_members_are_kept_in_place() {
    let hours: Vec<String> = hours(|day, hour| day == 3 && hour < 6)
        .iter()
        .map(bool::to_string)
        .collect();
    let hours = hours.join(",");
    let text = format!(
        r#"{{"type":"Immediate","backupCopyWindowEnabled":true,"backupCopyWindowSettings":{{"timeZone":"Europe/Berlin","backupWindow":[{hours}],"isDaylightSaving":true,"minuteOffset":60,"after":[]}}}}"#
    );
    policy_writes_back_as_read(&text);
    let read = CopyJobSchedulePolicy::from_json(text.as_bytes()).unwrap();
    let settings = read.backup_copy_window_settings.as_ref().unwrap();
    assert_eq!(settings.extras.len(), 3);
    assert_eq!(
        settings.extras.get("timeZone").map(|raw| raw.get()),
        Some(r#""Europe/Berlin""#)
    );
    // The window is what the known members say.
    let schedule = Schedule::try_from(&read).unwrap();
    assert_eq!(schedule.window().unwrap().minute_offset(), 60);
    assert_eq!(schedule.window().unwrap().allowed_hours(), 6);
}

#[test]
fn unknown_job_members_are_kept_in_place() {
    let text = r#"{"_embedded":{"organization":{"name":"x"}},"backupJobId":"b7c1cc0b-2b3c-4096-9ba1-2d665b4ae504","description":"copies to the archive","proxyId":17,"schedulePolicy":{"type":"Immediate","futureInner":"x"},"tags":["a",{"b":[true]}],"_links":{"self":{"href":"/v9/copyJobs/1","method":"GET"},"futureLink":{"href":"/v9/x"}},"futureLast":{}}"#;
    writes_back_as_read(text);
    let read = CopyJob::from_json(text.as_bytes()).unwrap();
    let names: Vec<&str> = read.extras.iter().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        ["_embedded", "description", "proxyId", "tags", "futureLast"]
    );
    let policy = read.schedule_policy.as_ref().unwrap();
    assert_eq!(
        policy.extras.get("futureInner").map(|raw| raw.get()),
        Some(r#""x""#)
    );
    let links = read.links.as_ref().unwrap();
    assert_eq!(
        links[0].1.extras.get("method").map(|raw| raw.get()),
        Some(r#""GET""#)
    );
    assert_eq!(links[1].0, "futureLink");
}

#[test]
fn the_issues_document_round_trips() {
    // Issue 10's report: futureField and futureInner were dropped.
    writes_back_as_read(
        r#"{"name":"j","futureField":42,"schedulePolicy":{"type":"Immediate","futureInner":"x"}}"#,
    );
}

#[test]
fn members_keep_their_order_and_members_set_in_code_follow() {
    // Known members out of the API's order stay where they were.
    let text =
        r#"{"name":"j","x":1,"id":"i","schedulePolicy":{"dailyTime":"22:00","y":2,"type":"DailyAtTime"}}"#;
    writes_back_as_read(text);
    // A member set in code that was not read comes after those read, in
    // the API's (RESTCopyJob's) order: lastStatus before eTag.
    let mut read = CopyJob::from_json(text.as_bytes()).unwrap();
    read.e_tag = Some(3);
    read.last_status = Some(LastStatus::Queued);
    assert_eq!(
        serde_json::to_string(&read).unwrap(),
        r#"{"name":"j","x":1,"id":"i","schedulePolicy":{"dailyTime":"22:00","y":2,"type":"DailyAtTime"},"lastStatus":"Queued","eTag":3}"#
    );
    // A member read and then removed in code is not written.
    read.id = None;
    assert!(!serde_json::to_string(&read).unwrap().contains(r#""id""#));
    // Built in code: the API's order.
    let schedule = Schedule::periodic(Interval::from_minutes(60).unwrap());
    let built = CopyJobSchedulePolicy::try_from(&schedule).unwrap();
    assert_eq!(
        serde_json::to_string(&built).unwrap(),
        r#"{"type":"Periodically","periodicallyEvery":"Hours1","backupCopyWindowEnabled":false}"#
    );
    // Equal to itself read back, although only the reading knows an order.
    assert_eq!(
        CopyJobSchedulePolicy::from_json(serde_json::to_string(&built).unwrap().as_bytes()).unwrap(),
        built
    );
}

#[test]
fn duplicate_unknown_members_are_kept_both() {
    policy_writes_back_as_read(r#"{"x":1,"type":"Immediate","x":2}"#);
}

#[test]
fn v7_and_v8_job_fields_parse_and_write_back() {
    // A v8 resource with every field of RESTCopyJob.
    let input = json!({
        "backupJobId": "b7c1cc0b-2b3c-4096-9ba1-2d665b4ae504",
        "schedulePolicy": {
            "type": "Periodically",
            "periodicallyEvery": "Hours12",
            "backupCopyWindowEnabled": false
        },
        "id": "1f6f7c97-0df4-4866-8c37-309fda301894",
        "organizationId": "e60dfb9c-ac58-4463-879f-9855ac35576b",
        "repositoryId": "79f3e494-4991-4dd5-b6fa-f1cf8c421265",
        "name": "Backup1 - copy job",
        "lastRun": "2026-11-27T22:00:04.123Z",
        "nextRun": "2026-11-28T00:00:00Z",
        "lastBackup": "2026-11-27T22:14:51Z",
        "isEnabled": true,
        "lastStatus": "Warning",
        "eTag": 9_007_199_254_740_993_i64,
        "_links": {"self": {"href": "/v8/copyJobs/1f6f7c97-0df4-4866-8c37-309fda301894"}},
    });
    let parsed = job(&input);
    assert_eq!(
        parsed.organization_id.as_deref(),
        Some("e60dfb9c-ac58-4463-879f-9855ac35576b")
    );
    assert_eq!(parsed.last_backup.as_deref(), Some("2026-11-27T22:14:51Z"));
    // 2^53 + 1: kept exactly, not through a float.
    assert_eq!(parsed.e_tag, Some(9_007_199_254_740_993));
    // Date-times are kept as written, fraction and all.
    assert_eq!(parsed.last_run.as_deref(), Some("2026-11-27T22:00:04.123Z"));
    assert_eq!(parsed.next_run.as_deref(), Some("2026-11-28T00:00:00Z"));
    assert_eq!(parsed.last_status, Some(LastStatus::Warning));
    assert_eq!(serde_json::to_value(&parsed).unwrap(), input);
}

// ---------------------------------------------------------------------------
// null
// ---------------------------------------------------------------------------

#[test]
fn null_reads_as_none_and_writes_back_as_null_in_a_policy() {
    // Nullable in RESTCopyJobSchedulePolicy: type, periodicallyEvery,
    // dailyType, backupCopyWindowEnabled; and, leniently, the others.
    for field in [
        "type",
        "periodicallyEvery",
        "dailyType",
        "backupCopyWindowEnabled",
        "dailyTime",
        "backupCopyWindowSettings",
    ] {
        let text = format!(r#"{{"{field}":null}}"#);
        let parsed = CopyJobSchedulePolicy::from_json(text.as_bytes()).unwrap();
        assert!(parsed.extras.is_null(field), "{field}");
        assert!(parsed.extras.is_empty(), "{field}");
        // As absent, once validated: type is missing either way.
        assert_eq!(
            Schedule::try_from(&parsed).unwrap_err(),
            Schedule::try_from(&CopyJobSchedulePolicy::default()).unwrap_err(),
            "{field}"
        );
        assert_eq!(serde_json::to_string(&parsed).unwrap(), text, "{field}");
    }
    // Nullable in RESTBackupWindowSettings: minuteOffset; leniently, backupWindow.
    for field in ["minuteOffset", "backupWindow"] {
        let text = format!(r#"{{"backupCopyWindowSettings":{{"{field}":null}}}}"#);
        let parsed = CopyJobSchedulePolicy::from_json(text.as_bytes()).unwrap();
        let settings = parsed.backup_copy_window_settings.as_ref().unwrap();
        assert_eq!(settings.minute_offset, None);
        assert_eq!(settings.backup_window, None);
        assert_eq!(serde_json::to_string(&parsed).unwrap(), text, "{field}");
    }
}

#[test]
fn null_reads_as_none_and_writes_back_as_null_in_a_job() {
    // Nullable in RESTCopyJob (v8): backupJobId, id, organizationId,
    // repositoryId, lastRun, nextRun, lastBackup, isEnabled, lastStatus;
    // and, leniently, the others.
    for field in [
        "backupJobId",
        "id",
        "organizationId",
        "repositoryId",
        "lastRun",
        "nextRun",
        "lastBackup",
        "isEnabled",
        "lastStatus",
        "name",
        "eTag",
        "_links",
        "schedulePolicy",
    ] {
        let text = format!(r#"{{"{field}":null}}"#);
        let parsed = CopyJob::from_json(text.as_bytes()).unwrap();
        assert!(parsed.extras.is_null(field), "{field}");
        assert_eq!(serde_json::to_string(&parsed).unwrap(), text, "{field}");
        // Only that member is null.
        let others = ["id", "name"].iter().filter(|&&other| other != field);
        assert!(
            others.into_iter().all(|other| !parsed.extras.is_null(other)),
            "{field}"
        );
    }
}

#[test]
fn a_value_set_in_code_replaces_a_null() {
    let mut parsed = CopyJob::from_json(br#"{"name":null,"nextRun":null}"#).unwrap();
    parsed.name = Some("copy".into());
    assert_eq!(
        serde_json::to_string(&parsed).unwrap(),
        r#"{"name":"copy","nextRun":null}"#
    );
}

// ---------------------------------------------------------------------------
// CopyJobSchedulePolicy::normalized
// ---------------------------------------------------------------------------

#[test]
fn normalized_writes_daily_time_with_seconds() {
    for (written, normal) in [
        ("07:30", "07:30:00"),
        ("00:00", "00:00:00"),
        ("23:59", "23:59:00"),
        ("07:30:15", "07:30:15"),
    ] {
        let input = json!({"type": "DailyAtTime", "dailyType": "Monday", "dailyTime": written});
        let normalized = policy(&input).normalized().unwrap();
        assert_eq!(
            serde_json::to_value(&normalized).unwrap(),
            json!({"type": "DailyAtTime", "dailyType": "Monday", "dailyTime": normal}),
            "{written}"
        );
        // The same schedule either way.
        assert_eq!(
            Schedule::try_from(&normalized).unwrap(),
            Schedule::try_from(&policy(&input)).unwrap()
        );
    }
}

#[test]
fn normalized_fills_minute_offset_and_keeps_unused_fields() {
    let hours = hours(|day, _| day == 0);
    let input = json!({
        "type": "Immediate",
        "dailyType": "Sunday",
        "dailyTime": "23:59",
        "periodicallyEvery": "Minutes5",
        "backupCopyWindowEnabled": false,
        "backupCopyWindowSettings": {"backupWindow": hours, "minuteOffset": null},
    });
    let normalized = policy(&input).normalized().unwrap();
    assert_eq!(
        serde_json::to_value(&normalized).unwrap(),
        json!({
            "type": "Immediate",
            "dailyType": "Sunday",
            "dailyTime": "23:59:00",
            "periodicallyEvery": "Minutes5",
            "backupCopyWindowEnabled": false,
            "backupCopyWindowSettings": {"backupWindow": hours, "minuteOffset": 0},
        })
    );
    // Normalizing again changes nothing.
    assert_eq!(normalized.normalized().unwrap(), normalized);
}

#[test]
fn normalized_leaves_absent_settings_and_flags_absent() {
    let input = json!({"type": "Periodically", "periodicallyEvery": "Minutes15"});
    let normalized = policy(&input).normalized().unwrap();
    assert_eq!(serde_json::to_value(&normalized).unwrap(), input);

    // An absent minuteOffset in present settings becomes 0; a given one stays.
    let hours = vec![true; 168];
    let input = json!({
        "type": "Periodically",
        "periodicallyEvery": "Minutes15",
        "backupCopyWindowEnabled": true,
        "backupCopyWindowSettings": {"backupWindow": hours},
    });
    let normalized = policy(&input).normalized().unwrap();
    assert_eq!(
        normalized.backup_copy_window_settings.unwrap().minute_offset,
        Some(0)
    );
    let input = json!({
        "type": "Periodically",
        "periodicallyEvery": "Minutes15",
        "backupCopyWindowSettings": {"backupWindow": hours, "minuteOffset": -210},
    });
    let normalized = policy(&input).normalized().unwrap();
    assert_eq!(serde_json::to_value(&normalized).unwrap(), input);
}

#[test]
fn normalized_refuses_what_validation_refuses() {
    let input = json!({"type": "DailyAtTime", "dailyType": "Monday", "dailyTime": "7:30"});
    let err = policy(&input).normalized().unwrap_err();
    assert_eq!(err, Schedule::try_from(&policy(&input)).unwrap_err());
    assert_eq!(err.path(), Some("schedulePolicy.dailyTime"));

    let err = policy(&json!({"dailyTime": "07:30"})).normalized().unwrap_err();
    assert_eq!(err.path(), Some("schedulePolicy.type"));
}

// ---------------------------------------------------------------------------
// CopyJobSchedulePolicy::try_from(&Schedule)
// ---------------------------------------------------------------------------

/// Schedule -> policy -> JSON bytes -> policy -> Schedule gives the schedule back.
fn round_trip(schedule: Schedule) -> CopyJobSchedulePolicy {
    let policy = CopyJobSchedulePolicy::try_from(&schedule).unwrap();
    assert_eq!(Schedule::try_from(&policy).unwrap(), schedule, "{policy:?}");
    let bytes = serde_json::to_vec(&policy).unwrap();
    let reread = CopyJobSchedulePolicy::from_json(&bytes).unwrap();
    assert_eq!(reread, policy);
    assert_eq!(Schedule::try_from(&reread).unwrap(), schedule);
    policy
}

#[test]
fn immediate_schedule_round_trips() {
    let policy = round_trip(Schedule::immediate());
    assert_eq!(
        serde_json::to_value(&policy).unwrap(),
        json!({"type": "Immediate", "backupCopyWindowEnabled": false})
    );
}

#[test]
fn worked_example_schedule_round_trips() {
    // Window Mon-Fri 20:00-23:00 local, UTC+03:00; daily on workdays at 22:00 UTC.
    let hours = hours(|day, hour| (1..=5).contains(&day) && (20..23).contains(&hour));
    let schedule = Schedule::daily(Weekdays::WORKDAYS, time(22, 0, 0))
        .unwrap()
        .with_window(Window::from_slice(&hours, 180).unwrap());
    let policy = round_trip(schedule);
    assert_eq!(
        serde_json::to_value(&policy).unwrap(),
        json!({
            "type": "DailyAtTime",
            "dailyType": "Workdays",
            "dailyTime": "22:00:00",
            "backupCopyWindowEnabled": true,
            "backupCopyWindowSettings": {"backupWindow": hours, "minuteOffset": 180},
        })
    );
}

#[test]
fn daily_schedules_round_trip_for_every_expressible_day_set() {
    use Weekday::*;
    let cases = [
        (Weekdays::EVERYDAY, "Everyday"),
        (
            Weekdays::only(Mon).with(Tue).with(Wed).with(Thu).with(Fri),
            "Workdays",
        ),
        (Weekdays::only(Sun).with(Sat), "Weekends"),
        (Weekdays::only(Mon), "Monday"),
        (Weekdays::only(Tue), "Tuesday"),
        (Weekdays::only(Wed), "Wednesday"),
        (Weekdays::only(Thu), "Thursday"),
        (Weekdays::only(Fri), "Friday"),
        (Weekdays::only(Sat), "Saturday"),
        (Weekdays::only(Sun), "Sunday"),
    ];
    for (days, spelling) in cases {
        let policy = round_trip(Schedule::daily(days, time(0, 0, 1)).unwrap());
        assert_eq!(policy.daily_type.map(DailyType::as_str), Some(spelling));
        assert_eq!(policy.daily_time.as_deref(), Some("00:00:01"));
    }
}

#[test]
fn periodic_schedules_round_trip_with_windows() {
    // A 12-hour grid, a window that never opens, a half-hour-off offset.
    let closed = vec![false; 168];
    let policy = round_trip(
        Schedule::periodic(Interval::from_minutes(720).unwrap())
            .with_window(Window::never_open().with_minute_offset(-210).unwrap()),
    );
    assert_eq!(
        serde_json::to_value(&policy).unwrap(),
        json!({
            "type": "Periodically",
            "periodicallyEvery": "Hours12",
            "backupCopyWindowEnabled": true,
            "backupCopyWindowSettings": {"backupWindow": closed, "minuteOffset": -210},
        })
    );

    // Every 5 minutes, a window open all week at UTC+05:45: enabled, all true.
    let policy = round_trip(
        Schedule::periodic(Interval::from_minutes(5).unwrap())
            .with_window(Window::always_open().with_minute_offset(345).unwrap()),
    );
    assert_eq!(policy.periodically_every, Some(PeriodicallyEvery::Minutes5));
    assert_eq!(policy.backup_copy_window_enabled, Some(true));
    let settings = policy.backup_copy_window_settings.unwrap();
    assert_eq!(settings.backup_window, Some(vec![true; 168]));
    assert_eq!(settings.minute_offset, Some(345));

    // A window enabled and open all week is not the same schedule as no window.
    let open = Schedule::periodic(Interval::from_minutes(60).unwrap()).with_window(Window::always_open());
    let policy = round_trip(open);
    assert_eq!(policy.backup_copy_window_enabled, Some(true));
    assert!(Schedule::try_from(&policy).unwrap().window().is_some());
}

#[test]
fn days_the_api_cannot_express_are_an_error_naming_daily_type() {
    use Weekday::*;
    let cases = [
        (Weekdays::only(Mon).with(Wed), "Mon+Wed"),
        (Weekdays::NONE, "none"),
        (Weekdays::WORKDAYS.with(Sat), "Mon-Sat"),
    ];
    for (days, found) in cases {
        let schedule = Schedule::daily(days, time(8, 0, 0)).unwrap();
        let err = CopyJobSchedulePolicy::try_from(&schedule).unwrap_err();
        assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
        assert_eq!(err.path(), Some("schedulePolicy.dailyType"));
        assert_eq!(
            err.to_string(),
            format!("schedulePolicy.dailyType: expected days the API can express: Everyday, Workdays, Weekends or one day, found {found}")
        );
    }
}

#[test]
fn intervals_the_api_cannot_express_are_an_error_naming_periodically_every() {
    // Each divides 1440 (so is a valid Interval) but is not an API spelling.
    for (minutes, found) in [
        (1, "1 minute"),
        (20, "20 minutes"),
        (45, "45 minutes"),
        (90, "90 minutes"),
        (360, "6 hours"),
        (1440, "24 hours"),
    ] {
        let schedule = Schedule::periodic(Interval::from_minutes(minutes).unwrap());
        let err = CopyJobSchedulePolicy::try_from(&schedule).unwrap_err();
        assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
        assert_eq!(err.path(), Some("schedulePolicy.periodicallyEvery"));
        assert_eq!(
            err.to_string(),
            format!("schedulePolicy.periodicallyEvery: expected an interval the API can express: 5, 10, 15, 30, 60, 120, 240, 480 or 720 minutes, found {found}")
        );
    }
}

#[test]
fn a_normalized_job_keeps_everything_but_normal_forms() {
    // The policy normalized (dailyTime with seconds, minuteOffset written
    // out), the job's own members and the unknown ones as they were.
    let text = r#"{"id":"i","schedulePolicy":{"type":"DailyAtTime","dailyType":"Monday","dailyTime":"07:30","backupCopyWindowSettings":{"backupWindow":null}},"x":[1],"name":"n"}"#;
    let normal = CopyJob::from_json(text.as_bytes()).unwrap().normalized().unwrap();
    assert_eq!(
        serde_json::to_string(&normal).unwrap(),
        r#"{"id":"i","schedulePolicy":{"type":"DailyAtTime","dailyType":"Monday","dailyTime":"07:30:00","backupCopyWindowSettings":{"backupWindow":null,"minuteOffset":0}},"x":[1],"name":"n"}"#
    );
    // A job without a policy, or with an invalid one, is refused.
    let err = CopyJob::from_json(br#"{"id":"i"}"#)
        .unwrap()
        .normalized()
        .unwrap_err();
    assert_eq!(err.path(), Some("schedulePolicy"));
    let err = CopyJob::from_json(br#"{"schedulePolicy":{"type":"Periodically"}}"#)
        .unwrap()
        .normalized()
        .unwrap_err();
    assert_eq!(err.path(), Some("schedulePolicy.periodicallyEvery"));
}
