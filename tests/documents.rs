//! Documents as they arrive: files in the encodings Windows writes, the
//! API's list responses, `nextRun` filled in as the API writes it, and the
//! frame a policy's triggers are read in.
//!
//! Encoded inputs are made here with the standard library
//! (`str::encode_utf16`), independently of the crate's decoding; expected
//! instants are worked out by hand in the comments.

use backup_schedule::vb365::{
    BackupWindowSettings, CopyJob, CopyJobDocument, CopyJobSchedulePolicy, Listed, TriggerFrame,
};
use backup_schedule::{Error, ErrorKind, MinuteOffset, Schedule, Timetable};
use chrono::{DateTime, TimeZone, Utc};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

/// The README's worked example as a copy job named `name`: Mon-Fri
/// 20:00-23:00 local at minuteOffset 180, daily on workdays at 22:00.
fn worked_example_job(name: &str) -> String {
    let hours: Vec<&str> = (0..168)
        .map(|i| {
            let (day, hour) = (i / 24, i % 24);
            if (1..=5).contains(&day) && (20..23).contains(&hour) {
                "true"
            } else {
                "false"
            }
        })
        .collect();
    format!(
        r#"{{"id":"id-{name}","name":"{name}","schedulePolicy":{{"type":"DailyAtTime","dailyType":"Workdays","dailyTime":"22:00:00","backupCopyWindowEnabled":true,"backupCopyWindowSettings":{{"backupWindow":[{}],"minuteOffset":180}}}}}}"#,
        hours.join(",")
    )
}

// ---------------------------------------------------------------------------
// Encodings

const JOB: &str =
    "{\"name\": \"Sicherung \u{2013} B\u{fc}ro \u{1F4BE}\", \"schedulePolicy\": {\"type\": \"Immediate\"}}";

fn utf16(text: &str, bom: [u8; 2], unit: fn(u16) -> [u8; 2]) -> Vec<u8> {
    let mut bytes = bom.to_vec();
    for code_unit in text.encode_utf16() {
        bytes.extend(unit(code_unit));
    }
    bytes
}

fn utf16le(text: &str) -> Vec<u8> {
    utf16(text, [0xFF, 0xFE], u16::to_le_bytes)
}

fn utf16be(text: &str) -> Vec<u8> {
    utf16(text, [0xFE, 0xFF], u16::to_be_bytes)
}

#[test]
fn byte_order_marks_and_utf16_read_as_utf8_does() {
    let plain = CopyJob::from_json(JOB.as_bytes()).unwrap();
    // The name holds a character outside the Basic Multilingual Plane: a
    // surrogate pair in UTF-16.
    assert_eq!(
        plain.name.as_deref(),
        Some("Sicherung \u{2013} B\u{fc}ro \u{1F4BE}")
    );
    let bom_utf8 = [&[0xEF, 0xBB, 0xBF][..], JOB.as_bytes()].concat();
    for (encoding, bytes) in [
        ("UTF-8 with a byte order mark", bom_utf8),
        ("UTF-16LE", utf16le(JOB)),
        ("UTF-16BE", utf16be(JOB)),
    ] {
        assert_eq!(CopyJob::from_json(&bytes).as_ref(), Ok(&plain), "{encoding}");
        assert_eq!(
            CopyJobSchedulePolicy::from_json(&bytes).as_ref(),
            plain.schedule_policy.as_ref().ok_or(&Error::Json {
                path: String::new(),
                message: String::new(),
                source: None
            }),
            "{encoding}"
        );
        let CopyJobDocument::Job(job) = CopyJobDocument::from_json(&bytes).unwrap() else {
            panic!("{encoding}: not read as a job");
        };
        assert_eq!(*job, plain, "{encoding}");
        // A list too.
        let list = utf16le(&format!("[{JOB}]"));
        let jobs: Vec<_> = CopyJob::list_from_json(&list).unwrap().collect();
        assert_eq!(jobs[0].job.as_ref(), Ok(&plain));
    }
}

#[test]
fn positions_in_utf16_are_those_of_the_text() {
    // Line 2, the end of "Hourly" (` "schedulePolicy": {"type": ` is 28
    // characters): the same as in UTF-8.
    let text = "{\"name\": \"x\",\n \"schedulePolicy\": {\"type\": \"Hourly\"}}";
    let utf8 = CopyJob::from_json(text.as_bytes()).unwrap_err();
    assert!(utf8.to_string().ends_with("at line 2 column 36"), "{utf8}");
    assert_eq!(CopyJob::from_json(&utf16le(text)).unwrap_err(), utf8);
}

/// The message of reading `bytes` as a document.
fn refusal(bytes: &[u8]) -> String {
    let err = CopyJob::from_json(bytes).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax, "{err}");
    assert_eq!(err.path(), Some("(document)"));
    // Every reader says the same.
    assert_eq!(CopyJobSchedulePolicy::from_json(bytes).unwrap_err(), err);
    assert_eq!(CopyJob::list_from_json(bytes).unwrap_err(), err);
    err.to_string()
}

#[test]
fn other_encodings_are_refused_by_name() {
    let expected = "expected UTF-8, or UTF-16 with a byte order mark";
    let utf32le: Vec<u8> = [0xFF, 0xFE, 0, 0]
        .into_iter()
        .chain("{}".chars().flat_map(|c| (c as u32).to_le_bytes()))
        .collect();
    let utf32be: Vec<u8> = [0, 0, 0xFE, 0xFF]
        .into_iter()
        .chain("{}".chars().flat_map(|c| (c as u32).to_be_bytes()))
        .collect();
    let cases = [
        (
            utf32le.clone(),
            "the document is UTF-32LE (byte order mark FF FE 00 00)".to_string(),
        ),
        (
            utf32be.clone(),
            "the document is UTF-32BE (byte order mark 00 00 FE FF)".into(),
        ),
        (utf32le[4..].to_vec(), "the document is UTF-32LE".into()),
        (utf32be[4..].to_vec(), "the document is UTF-32BE".into()),
        (
            utf16le(JOB)[2..].to_vec(),
            "the document is UTF-16LE without a byte order mark".into(),
        ),
        (
            utf16be(JOB)[2..].to_vec(),
            "the document is UTF-16BE without a byte order mark".into(),
        ),
        // A byte short: 2 for the mark and 3 of text.
        (
            vec![0xFF, 0xFE, b'{', 0, b'}'],
            "the document is UTF-16LE but has an odd number of bytes (5)".into(),
        ),
        // `{`, then half a surrogate pair: the unit at byte offset 4.
        (
            vec![0xFE, 0xFF, 0, b'{', 0xD8, 0x3D, 0, b'}'],
            "the document is UTF-16BE but has a lone surrogate at byte offset 4".into(),
        ),
        // After a whole pair (two units, U+1F4BE): the mark, `"`, the pair,
        // then the half at byte offset 2 + 2 + 4 = 8.
        (
            vec![0xFE, 0xFF, 0, b'"', 0xD8, 0x3D, 0xDC, 0xBE, 0xDC, 0xBE, 0, b'"'],
            "the document is UTF-16BE but has a lone surrogate at byte offset 8".into(),
        ),
        // Windows-1252's é in a member name, the 17th byte.
        (b"{\"id\": \"1\", \"caf\xe9\": 2}".to_vec(), String::new()),
    ];
    for (bytes, found) in cases {
        let message = refusal(&bytes);
        if found.is_empty() {
            assert_eq!(
                message,
                "(document): not valid JSON: byte 0xE9 at line 1 column 17 is not UTF-8 (an 8-bit encoding such as Windows-1252?); expected UTF-8, or UTF-16 with a byte order mark"
            );
        } else {
            assert_eq!(
                message,
                format!("(document): not valid JSON: {found}; {expected}")
            );
        }
    }
}

#[test]
fn non_utf8_in_a_known_string_names_the_member() {
    let err = CopyJob::from_json(b"{\"id\": \"x\",\n \"name\": \"caf\xe9\"}").unwrap_err();
    assert_eq!(err.path(), Some("name"));
    assert_eq!(err.kind(), ErrorKind::Syntax);
}

// ---------------------------------------------------------------------------
// Lists

/// The jobs' names and whether each read.
fn outline(jobs: &[Listed<CopyJob>]) -> Vec<(String, Option<&str>, Option<&str>, bool)> {
    jobs.iter()
        .map(|listed| {
            (
                listed.path.clone(),
                listed.name.as_deref(),
                listed.id.as_deref(),
                listed.job.is_ok(),
            )
        })
        .collect()
}

#[test]
fn a_page_and_an_array_of_jobs() {
    let (a, b) = (worked_example_job("a"), worked_example_job("b"));
    let page = format!(r#"{{"offset":0,"limit":30,"results":[{a},{b}]}}"#);
    let jobs: Vec<_> = CopyJob::list_from_json(page.as_bytes()).unwrap().collect();
    assert_eq!(
        outline(&jobs),
        [
            ("results[0]".into(), Some("a"), Some("id-a"), true),
            ("results[1]".into(), Some("b"), Some("id-b"), true)
        ]
    );
    let array = format!("[{a},\n{b}]");
    let jobs: Vec<_> = CopyJob::list_from_json(array.as_bytes()).unwrap().collect();
    assert_eq!(
        outline(&jobs),
        [
            ("[0]".into(), Some("a"), Some("id-a"), true),
            ("[1]".into(), Some("b"), Some("id-b"), true)
        ]
    );
    // Each the job it is on its own.
    assert_eq!(
        jobs[1].job.as_ref(),
        Ok(&CopyJob::from_json(b.as_bytes()).unwrap())
    );
    // One at a time: the length is what is left; Debug says where it is.
    let mut list = CopyJob::list_from_json(array.as_bytes()).unwrap();
    assert_eq!((list.len(), list.size_hint()), (2, (2, Some(2))));
    assert_eq!(
        format!("{list:?}"),
        r#"List { prefix: "", index: 0, len: 2, .. }"#
    );
    assert_eq!(list.next().map(|listed| listed.path), Some("[0]".to_string()));
    assert_eq!((list.len(), list.size_hint()), (1, (1, Some(1))));
    assert_eq!(
        format!("{list:?}"),
        r#"List { prefix: "", index: 1, len: 2, .. }"#
    );
    assert!(list.next().is_some());
    assert!(list.next().is_none());
    assert_eq!(list.len(), 0);
    // Empty lists are lists.
    assert_eq!(CopyJob::list_from_json(b"[]").unwrap().len(), 0);
    assert_eq!(CopyJob::list_from_json(br#"{"results":[]}"#).unwrap().len(), 0);
}

#[test]
fn one_bad_job_leaves_the_others() {
    // Line 1: `{"results": [` then the good job; line 2 a bad one, whose id
    // 5 is at column 10; line 3 one whose "Hourly" ends at column 64; line 4
    // an element that is no object.
    let good = worked_example_job("good");
    let page = format!(
        "{{\"results\": [{good},\n  {{\"id\": 5, \"name\": \"bad\"}},\n  {{\"id\": \"6\", \"name\": \"bad\", \"schedulePolicy\": {{\"type\": \"Hourly\"}}}},\n  [1, 2]]}}"
    );
    let jobs: Vec<_> = CopyJob::list_from_json(page.as_bytes()).unwrap().collect();
    assert_eq!(
        outline(&jobs),
        [
            ("results[0]".into(), Some("good"), Some("id-good"), true),
            // The id is not a string: not an id, but the name is still read.
            ("results[1]".into(), Some("bad"), None, false),
            ("results[2]".into(), Some("bad"), Some("6"), false),
            ("results[3]".into(), None, None, false),
        ]
    );
    assert_eq!(
        jobs[1].job.as_ref().unwrap_err().to_string(),
        "id: expected a string, found 5 at line 2 column 10"
    );
    let err = jobs[2].job.as_ref().unwrap_err();
    assert_eq!(err.path(), Some("schedulePolicy.type"));
    assert_eq!(
        err.to_string(),
        "schedulePolicy.type: expected one of Immediate, Periodically, DailyAtTime, found \"Hourly\" at line 3 column 64"
    );
    // An array where a job belongs: at its bracket, line 4 column 3.
    assert_eq!(
        jobs[3].job.as_ref().unwrap_err().to_string(),
        "(document): expected a copy job object, found an array at line 4 column 3"
    );
}

#[test]
fn scalars_in_a_list_are_reported_where_they_are() {
    // `[1,2]`: 1 at column 2, 2 at column 4.
    let jobs: Vec<_> = CopyJob::list_from_json(b"[1,2]").unwrap().collect();
    let messages: Vec<String> = jobs
        .iter()
        .map(|job| job.job.as_ref().unwrap_err().to_string())
        .collect();
    assert_eq!(
        messages,
        [
            "(document): expected a copy job object, found 1 at line 1 column 2",
            "(document): expected a copy job object, found 2 at line 1 column 4",
        ]
    );
    // Read as one policy, it is an array at column 1 (not column 0).
    assert_eq!(
        CopyJobSchedulePolicy::from_json(b"[1,2]")
            .unwrap_err()
            .to_string(),
        "schedulePolicy: expected a schedule policy object, found an array at line 1 column 1"
    );
}

#[test]
fn what_is_not_a_list() {
    for (input, message) in [
        (
            &br#"{"offset": 0}"#[..],
            "(document): expected a page of jobs ({\"results\": [...]}) or an array of jobs, found an object without results at line 1 column 13",
        ),
        (
            br#"{"results": 5}"#,
            "results: expected an array of jobs, found 5 at line 1 column 13",
        ),
        (
            br#"{"results": [], "results": []}"#,
            "(document): expected results once, found it twice at line 1 column 25",
        ),
        (
            b"7",
            "(document): expected a page of jobs ({\"results\": [...]}) or an array of jobs, found 7 at line 1 column 1",
        ),
        // Malformed inside an element: named by the element.
        (b"[{}, {]", "[1]: not valid JSON: key must be a string at line 1 column 7"),
    ] {
        let err = CopyJob::list_from_json(input).unwrap_err();
        assert_eq!(err.to_string(), message, "{}", String::from_utf8_lossy(input));
    }
}

#[test]
fn documents_are_told_apart_by_their_top_level() {
    let job = worked_example_job("a");
    let policy = r#"{"type":"Immediate"}"#;
    let cases = [
        (job.clone(), "job"),
        (policy.to_string(), "policy"),
        (format!("[{job}]"), "list"),
        (format!(r#"{{"results":[{job}]}}"#), "list"),
        // A schedulePolicy member makes a job, also beside results.
        (format!(r#"{{"results":[],"schedulePolicy":{policy}}}"#), "job"),
        // Not JSON: read as a policy, which says what is wrong.
        ("{".to_string(), "error"),
    ];
    for (text, kind) in cases {
        let found = match CopyJobDocument::from_json(text.as_bytes()) {
            Ok(CopyJobDocument::Job(_)) => "job",
            Ok(CopyJobDocument::Policy(_)) => "policy",
            Ok(CopyJobDocument::List(_)) => "list",
            Ok(_) => "other",
            Err(_) => "error",
        };
        assert_eq!(found, kind, "{text:.60}");
    }
}

// ---------------------------------------------------------------------------
// nextRun

#[test]
fn next_run_is_filled_as_the_api_writes_it() {
    // Saturday 2026-11-28 15:00:30.5 UTC: Friday's 22:00 UTC trigger waits
    // for Monday 20:00 local = 17:00 UTC (the README's worked example).
    let text = worked_example_job("a").replace(r#""name":"a","#, r#""name":"a","nextRun":"old","#);
    let mut job = CopyJob::from_json(text.as_bytes()).unwrap();
    let schedule = Schedule::try_from(&job).unwrap();
    let saturday = utc(2026, 11, 28, 15, 0, 30) + chrono::Duration::milliseconds(500);
    assert_eq!(
        job.fill_next_run(&schedule, saturday),
        Some(utc(2026, 11, 30, 17, 0, 0))
    );
    assert_eq!(job.next_run.as_deref(), Some("2026-11-30T17:00:00Z"));
    // In place: only the value changed.
    assert_eq!(
        serde_json::to_string(&job).unwrap(),
        text.replace(r#""nextRun":"old""#, r#""nextRun":"2026-11-30T17:00:00Z""#)
    );
}

#[test]
fn next_run_is_null_when_there_is_none() {
    // Immediate: no timed runs. A window that never opens: none either.
    for policy in [
        &r#"{"type":"Immediate"}"#.to_string(),
        &format!(
            r#"{{"type":"Periodically","periodicallyEvery":"Hours1","backupCopyWindowEnabled":true,"backupCopyWindowSettings":{{"backupWindow":[{}]}}}}"#,
            vec!["false"; 168].join(",")
        ),
    ] {
        let text = format!(r#"{{"nextRun":"2026-11-30T17:00:00Z","schedulePolicy":{policy}}}"#);
        let mut job = CopyJob::from_json(text.as_bytes()).unwrap();
        let schedule = Schedule::try_from(&job).unwrap();
        assert_eq!(job.fill_next_run(&schedule, utc(2026, 11, 28, 15, 0, 0)), None);
        assert_eq!(job.next_run, None);
        assert_eq!(
            serde_json::to_string(&job).unwrap(),
            text.replace(r#""nextRun":"2026-11-30T17:00:00Z""#, r#""nextRun":null"#)
        );
    }
}

#[test]
fn next_run_past_the_year_9999_is_null() {
    // Daily at 22:00 UTC: after 9999-12-31T23:00:00Z the next run is
    // +10000-01-01T22:00:00Z, which RFC 3339 cannot write.
    let mut job = CopyJob::from_json(
        br#"{"schedulePolicy":{"type":"DailyAtTime","dailyType":"Everyday","dailyTime":"22:00"}}"#,
    )
    .unwrap();
    let schedule = Schedule::try_from(&job).unwrap();
    assert_eq!(
        job.fill_next_run(&schedule, utc(9999, 12, 31, 21, 0, 0)),
        Some(utc(9999, 12, 31, 22, 0, 0))
    );
    assert_eq!(job.next_run.as_deref(), Some("9999-12-31T22:00:00Z"));
    assert_eq!(job.fill_next_run(&schedule, utc(9999, 12, 31, 23, 0, 0)), None);
    assert!(serde_json::to_string(&job)
        .unwrap()
        .ends_with(r#""nextRun":null}"#));
}

// ---------------------------------------------------------------------------
// The triggers' frame

fn policy(text: &str) -> CopyJobSchedulePolicy {
    CopyJobSchedulePolicy::from_json(text.as_bytes()).unwrap()
}

#[test]
fn the_window_frame_is_the_settings_offset_or_utc() {
    let offset = |minutes| MinuteOffset::from_minutes(minutes).unwrap();
    for (text, frame) in [
        (
            r#"{"backupCopyWindowSettings":{"minuteOffset":180}}"#,
            offset(180),
        ),
        (
            r#"{"backupCopyWindowSettings":{"minuteOffset":-210}}"#,
            offset(-210),
        ),
        // Also when the window is off: the settings still say the frame.
        (
            r#"{"backupCopyWindowEnabled":false,"backupCopyWindowSettings":{"minuteOffset":60}}"#,
            offset(60),
        ),
        (
            r#"{"backupCopyWindowSettings":{"minuteOffset":null}}"#,
            MinuteOffset::UTC,
        ),
        (r#"{"backupCopyWindowSettings":{}}"#, MinuteOffset::UTC),
        (r#"{"type":"Immediate"}"#, MinuteOffset::UTC),
    ] {
        assert_eq!(policy(text).window_frame(), Ok(frame), "{text}");
        let read = policy(text);
        assert_eq!(
            BackupWindowSettings::frame(read.backup_copy_window_settings.as_ref()),
            Ok(frame)
        );
    }
    let err = policy(r#"{"backupCopyWindowSettings":{"minuteOffset":1440}}"#)
        .window_frame()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "schedulePolicy.backupCopyWindowSettings.minuteOffset: expected a minute offset from UTC in -1439..=1439, found 1440"
    );
}

#[test]
fn triggers_in_the_window_frame() {
    // The worked example read in the window's frame: 22:00 at UTC+03:00 is
    // 19:00 UTC, inside the window (20:00-23:00 local = 17:00-20:00 UTC), so
    // Monday's run is its trigger, with the deadline at 20:00 UTC.
    let job = CopyJob::from_json(worked_example_job("a").as_bytes()).unwrap();
    let read = job.schedule_policy.as_ref().unwrap();
    let saturday = utc(2026, 11, 28, 15, 0, 0);
    let utc_frame = read.schedule(TriggerFrame::Utc).unwrap();
    assert_eq!(utc_frame, Schedule::try_from(read).unwrap());
    assert_eq!(utc_frame.next_run(saturday), Some(utc(2026, 11, 30, 17, 0, 0)));
    let window_frame = read.schedule(TriggerFrame::Window).unwrap();
    let monday = window_frame.explain_next(saturday).unwrap();
    assert_eq!(monday.run, utc(2026, 11, 30, 19, 0, 0));
    assert_eq!(monday.trigger, utc(2026, 11, 30, 19, 0, 0));
    assert_eq!(monday.deadline, Some(utc(2026, 11, 30, 20, 0, 0)));

    // A periodic grid from local midnight: every 8 hours at UTC+05:30 is
    // 00:00, 08:00, 16:00 local = 18:30, 02:30, 10:30 UTC.
    let every_8 = policy(
        r#"{"type":"Periodically","periodicallyEvery":"Hours8","backupCopyWindowSettings":{"minuteOffset":330}}"#,
    );
    let runs: Vec<_> = every_8
        .schedule(TriggerFrame::Window)
        .unwrap()
        .upcoming(utc(2026, 11, 30, 0, 0, 0))
        .take(3)
        .collect();
    assert_eq!(
        runs,
        [
            utc(2026, 11, 30, 2, 30, 0),
            utc(2026, 11, 30, 10, 30, 0),
            utc(2026, 11, 30, 18, 30, 0)
        ]
    );
    // Without window settings the window's frame is UTC.
    let bare = policy(r#"{"type":"Periodically","periodicallyEvery":"Hours8"}"#);
    assert_eq!(
        bare.schedule(TriggerFrame::Window),
        bare.schedule(TriggerFrame::Utc)
    );
    // A bad offset is refused either way.
    let bad = policy(r#"{"type":"Immediate","backupCopyWindowSettings":{"minuteOffset":-1440}}"#);
    assert_eq!(
        bad.schedule(TriggerFrame::Window).unwrap_err().path(),
        Some("schedulePolicy.backupCopyWindowSettings.minuteOffset")
    );
}
