//! Hostile input: everything the issue's "Hostile input" list names, through
//! the public API. Each case must end in the crate's error naming the field
//! (its `path()` and its message) or in the right `None`, never in a panic,
//! a hang or a huge allocation.
//!
//! Expected values are worked out by hand from the semantics in the crate
//! docs (and chrono's own calendar for the dates of its range ends); the
//! derivations are in the comments.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use backup_schedule::vb365::{CopyJob, CopyJobSchedulePolicy};
use backup_schedule::{Error, Interval, Schedule, Timetable, Weekdays, Window};
use chrono::{DateTime, Datelike, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};

// ---------------------------------------------------------------------------
// An allocator that measures the peak of the memory the current thread holds,
// so that "rejected without building a huge value" is checked, not assumed.

struct Measuring;

thread_local! {
    static MEASURING: Cell<bool> = const { Cell::new(false) };
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn record(delta: isize) {
    let _ = MEASURING.try_with(|measuring| {
        if measuring.get() {
            let live = LIVE.with(|live| {
                live.set(live.get() + delta);
                live.get()
            });
            PEAK.with(|peak| peak.set(peak.get().max(live)));
        }
    });
}

// SAFETY: every call is passed to the system allocator unchanged; the
// bookkeeping only touches const-initialized thread locals, which do not
// allocate.
unsafe impl GlobalAlloc for Measuring {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            record(layout.size() as isize);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        record(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            record(new_size as isize - layout.size() as isize);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Measuring = Measuring;

/// Runs `f` and returns its result and the most memory (in bytes) this
/// thread held at once during it, above what it held before.
fn peak_memory<R>(f: impl FnOnce() -> R) -> (R, isize) {
    LIVE.with(|live| live.set(0));
    PEAK.with(|peak| peak.set(0));
    MEASURING.with(|measuring| measuring.set(true));
    let result = f();
    MEASURING.with(|measuring| measuring.set(false));
    (result, PEAK.with(Cell::get))
}

// ---------------------------------------------------------------------------
// Helpers.

const WINDOW_PATH: &str = "schedulePolicy.backupCopyWindowSettings.backupWindow";
const OFFSET_PATH: &str = "schedulePolicy.backupCopyWindowSettings.minuteOffset";

fn policy_error(json: &[u8]) -> Error {
    match CopyJobSchedulePolicy::from_json(json) {
        Ok(policy) => panic!("{:?} read as {policy:?}", String::from_utf8_lossy(json)),
        Err(err) => err,
    }
}

/// The error of reading or else of validating `json` as a bare policy.
fn schedule_error(json: &str) -> Error {
    match CopyJobSchedulePolicy::from_json(json.as_bytes()).and_then(|policy| Schedule::try_from(&policy)) {
        Ok(schedule) => panic!("{json} accepted as {schedule:?}"),
        Err(err) => err,
    }
}

/// The message says the path first, then what is wrong.
fn assert_names(err: &Error, path: &str, fragments: &[&str]) {
    assert_eq!(err.path(), Some(path), "path of {err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{path}: ")),
        "{message:?} does not start with {path:?}"
    );
    for fragment in fragments {
        assert!(
            message.contains(fragment),
            "{message:?} does not say {fragment:?}"
        );
    }
}

fn hours_json(count: usize) -> String {
    let mut text = String::with_capacity(count * 5 + 2);
    text.push('[');
    for index in 0..count {
        if index > 0 {
            text.push(',');
        }
        text.push_str("true");
    }
    text.push(']');
    text
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn one_hour_window(hour_of_week: usize, minute_offset: i32) -> Window {
    let mut hours = [false; 168];
    hours[hour_of_week] = true;
    Window::new(&hours, minute_offset).unwrap()
}

const MIN: DateTime<Utc> = DateTime::<Utc>::MIN_UTC;
const MAX: DateTime<Utc> = DateTime::<Utc>::MAX_UTC;

// ---------------------------------------------------------------------------
// Arrays far longer than 168.

#[test]
fn a_window_of_millions_of_hours_is_counted_not_stored() {
    let count = 3_000_000;
    let json = format!(
        r#"{{"type": "Immediate", "backupCopyWindowSettings": {{"backupWindow": {}}}}}"#,
        hours_json(count)
    );
    let (result, peak) = peak_memory(|| CopyJobSchedulePolicy::from_json(json.as_bytes()));
    let err = result.unwrap_err();
    // The same error as a too-short window, with the full count.
    assert!(
        matches!(err, Error::WindowLength { found: 3_000_000, .. }),
        "{err:?}"
    );
    assert_names(&err, WINDOW_PATH, &["expected 168 booleans, found 3000000"]);
    // 3,000,000 booleans would be 3 MB as a Vec<bool> (and the input is
    // 15 MB); reading them may hold a week of hours and an error message.
    assert!(peak < 64 * 1024, "reading the array held {peak} bytes at once");
}

#[test]
fn a_window_of_169_hours_is_refused_at_the_169th() {
    let json = format!(
        r#"{{"type": "Immediate", "backupCopyWindowSettings": {{"backupWindow": {}}}}}"#,
        hours_json(169)
    );
    assert_names(
        &policy_error(json.as_bytes()),
        WINDOW_PATH,
        &["expected 168 booleans, found 169"],
    );
}

#[test]
fn a_window_of_millions_of_hours_in_a_copy_job() {
    let json = format!(
        r#"{{"schedulePolicy": {{"type": "Immediate", "backupCopyWindowSettings": {{"backupWindow": {}}}}}}}"#,
        hours_json(1_000_000)
    );
    let (result, peak) = peak_memory(|| CopyJob::from_json(json.as_bytes()));
    assert_names(&result.unwrap_err(), WINDOW_PATH, &["found 1000000"]);
    assert!(peak < 64 * 1024, "reading the array held {peak} bytes at once");
    let (result, peak) = peak_memory(|| CopyJobSchedulePolicy::from_json(json.as_bytes()));
    assert_names(&result.unwrap_err(), WINDOW_PATH, &["found 1000000"]);
    assert!(peak < 64 * 1024, "reading the array held {peak} bytes at once");
}

#[test]
fn a_window_of_millions_of_non_booleans_stops_at_the_first() {
    // Not 168 of anything: the first string is the error, at its index.
    let mut json =
        String::from(r#"{"type": "Immediate", "backupCopyWindowSettings": {"backupWindow": [true, "yes""#);
    for _ in 0..1_000_000 {
        json.push_str(r#","yes""#);
    }
    json.push_str("]}}");
    let err = policy_error(json.as_bytes());
    assert_names(
        &err,
        &format!("{WINDOW_PATH}[1]"),
        &["expected true or false, found \"yes\""],
    );
}

#[test]
fn a_short_window_names_its_length() {
    let json = format!(
        r#"{{"type": "Immediate", "backupCopyWindowEnabled": true, "backupCopyWindowSettings": {{"backupWindow": {}}}}}"#,
        hours_json(167)
    );
    let err = schedule_error(&json);
    assert!(matches!(err, Error::WindowLength { found: 167, .. }), "{err:?}");
    assert_names(&err, WINDOW_PATH, &["expected 168 booleans, found 167"]);
    // An empty array as well.
    let err = schedule_error(r#"{"type": "Immediate", "backupCopyWindowSettings": {"backupWindow": []}}"#);
    assert_names(&err, WINDOW_PATH, &["expected 168 booleans, found 0"]);
}

#[test]
fn millions_of_elements_in_an_unknown_member_are_kept_as_text() {
    // Unknown members are kept (the API adds members between versions), as
    // their text: the memory is that of the text, not of millions of
    // values (a serde_json::Value would hold 32 bytes an element).
    let array = hours_json(2_000_000);
    let json = format!(r#"{{"type": "Periodically", "periodicallyEvery": "Hours1", "extra": {array}}}"#);
    let (result, peak) = peak_memory(|| CopyJobSchedulePolicy::from_json(json.as_bytes()));
    let policy = result.unwrap();
    let limit = array.len() as isize + 64 * 1024;
    assert!(
        peak < limit,
        "keeping the array held {peak} bytes at once, more than {limit}"
    );
    assert_eq!(
        policy.extras.get("extra").map(|raw| raw.get().len()),
        Some(array.len())
    );
    let schedule = Schedule::try_from(&policy).unwrap();
    // Hourly on the hour: after 10:07 comes 11:00.
    assert_eq!(
        schedule.next_run(utc(2026, 11, 28, 10, 7, 0)),
        Some(utc(2026, 11, 28, 11, 0, 0))
    );
}

#[test]
fn a_policy_as_a_huge_array_is_refused_at_once() {
    // The API's bodies are objects; serde would read an array by position.
    let json = hours_json(1_000_000);
    let (result, peak) = peak_memory(|| CopyJobSchedulePolicy::from_json(json.as_bytes()));
    let err = result.unwrap_err();
    assert!(matches!(err, Error::Json { .. }), "{err:?}");
    // The value at fault is the policy itself.
    assert_names(
        &err,
        "schedulePolicy",
        &["expected a schedule policy object, found an array at line 1 column 1"],
    );
    assert!(peak < 64 * 1024, "held {peak} bytes at once");
    let err = CopyJob::from_json(br#"[{"type": "Immediate"}]"#).unwrap_err();
    assert_names(
        &err,
        "(document)",
        &["expected a copy job object, found an array at line 1 column 1"],
    );
}

#[test]
fn a_list_of_many_elements_is_read_one_at_a_time() {
    // `[1,1,...]`: 200,000 elements that are not jobs. The list holds its
    // text (400 kB), not 200,000 errors at once (as listed jobs, over 100
    // MB): each is made when it is asked for and dropped after.
    let count = 200_000;
    let json = format!("[{}]", vec!["1"; count].join(","));
    let (result, peak) = peak_memory(|| {
        let list = CopyJob::list_from_json(json.as_bytes()).unwrap();
        let len = list.len();
        let mut last = None;
        for listed in list {
            last = Some(listed.job.unwrap_err().to_string());
        }
        (len, last)
    });
    let limit = json.len() as isize + 64 * 1024;
    assert!(
        peak < limit,
        "reading the list held {peak} bytes at once, more than {limit}"
    );
    // The last `1` is the 2,000,000th character, at column 2 * count.
    assert_eq!(
        result,
        (
            count,
            Some(format!(
                "(document): expected a copy job object, found 1 at line 1 column {}",
                2 * count
            ))
        )
    );
    // A page the same.
    let page = format!(r#"{{"results": {json}}}"#);
    let (len, peak) = peak_memory(|| CopyJob::list_from_json(page.as_bytes()).unwrap().len());
    assert_eq!(len, count);
    assert!(peak < page.len() as isize + 64 * 1024, "held {peak} bytes");
}

#[test]
fn deep_nesting_in_a_list() {
    let depth = 100_000;
    let arrays = format!("[{}{}]", "[".repeat(depth), "]".repeat(depth));
    let jobs: Vec<_> = on_small_stack(move || {
        CopyJob::list_from_json(arrays.as_bytes())
            .unwrap()
            .map(|listed| listed.job.map(drop))
            .collect()
    });
    assert_eq!(jobs.len(), 1);
    assert_names(
        jobs[0].as_ref().unwrap_err(),
        "(document)",
        &["expected a copy job object, found an array at line 1 column 2"],
    );
}

// ---------------------------------------------------------------------------
// Numbers out of i32 (and i64), floats where integers belong.

#[test]
fn minute_offsets_out_of_i32() {
    // Beyond 64 bits, serde_json reads a number as a double: the message
    // shows the double (1e+20 for 99999999999999999999).
    for (number, found) in [
        ("2147483648", "2147483648"),
        ("-2147483649", "-2147483649"),
        ("99999999999999999999", "1e+20"),
        ("-9223372036854775809", "-9.223372036854776e+18"),
    ] {
        let json =
            format!(r#"{{"type": "Immediate", "backupCopyWindowSettings": {{"minuteOffset": {number}}}}}"#);
        let err = policy_error(json.as_bytes());
        assert!(matches!(err, Error::Json { .. }), "{number}: {err:?}");
        assert_names(
            &err,
            OFFSET_PATH,
            &[&format!(
                "expected a whole number of minutes in -1439..=1439, found {found} at"
            )],
        );
    }
}

#[test]
fn minute_offsets_in_i32_but_out_of_range() {
    // In i32, so it reads; validation refuses it and says the allowed range.
    for number in [1440, -1440, i32::MAX, i32::MIN] {
        let json = format!(
            r#"{{"type": "Immediate", "backupCopyWindowEnabled": false, "backupCopyWindowSettings": {{"minuteOffset": {number}}}}}"#
        );
        let err = schedule_error(&json);
        assert!(matches!(err, Error::Invalid { .. }), "{number}: {err:?}");
        assert_names(&err, OFFSET_PATH, &["-1439..=1439", &format!("found {number}")]);
    }
    // The ends of the range are fine.
    for number in [1439, -1439] {
        let json = format!(
            r#"{{"type": "Immediate", "backupCopyWindowEnabled": true, "backupCopyWindowSettings": {{"backupWindow": {}, "minuteOffset": {number}}}}}"#,
            hours_json(168)
        );
        let schedule =
            Schedule::try_from(&CopyJobSchedulePolicy::from_json(json.as_bytes()).unwrap()).unwrap();
        assert_eq!(schedule.window().unwrap().minute_offset(), number);
    }
}

#[test]
fn floats_where_integers_belong() {
    for number in ["180.5", "180.0", "1e2", "-0.0", "1.7976931348623157e308"] {
        let json =
            format!(r#"{{"type": "Immediate", "backupCopyWindowSettings": {{"minuteOffset": {number}}}}}"#);
        let err = policy_error(json.as_bytes());
        assert!(matches!(err, Error::Json { .. }), "{number}: {err:?}");
        assert_names(
            &err,
            OFFSET_PATH,
            &["expected a whole number of minutes in -1439..=1439, found "],
        );
        assert!(!err.to_string().contains("i32"), "{err}");
    }
    // A number too large for a double is not JSON the reader can hold.
    let err = policy_error(br#"{"type": "Immediate", "backupCopyWindowSettings": {"minuteOffset": 1e400}}"#);
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert_names(&err, OFFSET_PATH, &["not valid JSON", "number out of range"]);
}

#[test]
fn a_copy_job_etag_out_of_i64() {
    let err =
        CopyJob::from_json(br#"{"eTag": 9223372036854775808, "schedulePolicy": {"type": "Immediate"}}"#)
            .unwrap_err();
    assert_names(
        &err,
        "eTag",
        &["expected a whole number, found 9223372036854775808"],
    );
    let err = CopyJob::from_json(br#"{"eTag": 1.5}"#).unwrap_err();
    assert_names(&err, "eTag", &["expected a whole number, found 1.5"]);
}

// ---------------------------------------------------------------------------
// Strings (and numbers) where booleans belong.

#[test]
fn strings_where_booleans_belong() {
    let err = policy_error(br#"{"type": "Immediate", "backupCopyWindowEnabled": "true"}"#);
    assert!(matches!(err, Error::Json { .. }), "{err:?}");
    assert_names(
        &err,
        "schedulePolicy.backupCopyWindowEnabled",
        &["expected true or false, found \"true\""],
    );

    let err = policy_error(br#"{"type": "Immediate", "backupCopyWindowEnabled": 1}"#);
    assert_names(
        &err,
        "schedulePolicy.backupCopyWindowEnabled",
        &["expected true or false, found 1"],
    );

    let err =
        policy_error(br#"{"type": "Immediate", "backupCopyWindowSettings": {"backupWindow": ["true"]}}"#);
    assert_names(
        &err,
        &format!("{WINDOW_PATH}[0]"),
        &["expected true or false, found \"true\""],
    );

    let err = CopyJob::from_json(br#"{"isEnabled": "yes"}"#).unwrap_err();
    assert_names(&err, "isEnabled", &["expected true or false, found \"yes\""]);
}

#[test]
fn wrong_json_types_elsewhere() {
    let err = policy_error(br#"{"type": "DailyAtTime", "dailyType": "Monday", "dailyTime": 800}"#);
    assert_names(
        &err,
        "schedulePolicy.dailyTime",
        &["expected a time like 22:00:00 or 22:00, found 800"],
    );
    let err = policy_error(br#"{"type": "Immediate", "backupCopyWindowSettings": [true]}"#);
    assert_names(
        &err,
        "schedulePolicy.backupCopyWindowSettings",
        &["expected a backup window settings object, found an array"],
    );
    let err =
        policy_error(br#"{"type": "Immediate", "backupCopyWindowSettings": {"backupWindow": {"0": true}}}"#);
    assert_names(
        &err,
        WINDOW_PATH,
        &["expected an array of 168 booleans, found an object"],
    );
    let err = CopyJob::from_json(br#"{"schedulePolicy": "Immediate"}"#).unwrap_err();
    assert_names(
        &err,
        "schedulePolicy",
        &["expected a schedule policy object, found \"Immediate\""],
    );
}

// ---------------------------------------------------------------------------
// Deep nesting, empty input, null, non-UTF-8 bytes.

/// Runs `f` on a thread with a small stack: reading deep nesting must not
/// need a stack as deep as the nesting.
fn on_small_stack<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("reading deep nesting panicked or overflowed its stack")
}

#[test]
fn deep_nesting_never_overflows_the_stack() {
    let depth = 100_000;
    let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));

    // Where a known field is: refused at its first level, naming it.
    let json = arrays.clone();
    let err = on_small_stack(move || CopyJobSchedulePolicy::from_json(json.as_bytes())).unwrap_err();
    assert_names(
        &err,
        "schedulePolicy",
        &["expected a schedule policy object, found an array"],
    );
    let json =
        format!(r#"{{"type": "Immediate", "backupCopyWindowSettings": {{"backupWindow": [{arrays}]}}}}"#);
    let err = on_small_stack(move || CopyJobSchedulePolicy::from_json(json.as_bytes())).unwrap_err();
    assert_names(
        &err,
        &format!("{WINDOW_PATH}[0]"),
        &["expected true or false, found an array"],
    );
    let json = format!(r#"{{"type": "DailyAtTime", "dailyTime": {objects}}}"#);
    let err = on_small_stack(move || CopyJobSchedulePolicy::from_json(json.as_bytes())).unwrap_err();
    assert_names(
        &err,
        "schedulePolicy.dailyTime",
        &["expected a time like 22:00:00 or 22:00, found an object"],
    );

    // In a member the crate does not know (kept, as the API adds members):
    // kept as text, read without recursion.
    for nested in [arrays.clone(), objects.clone()] {
        let json = format!(r#"{{"type": "Immediate", "extra": {nested}}}"#);
        let policy = on_small_stack(move || CopyJobSchedulePolicy::from_json(json.as_bytes())).unwrap();
        assert!(Schedule::try_from(&policy).unwrap().next_run(MIN).is_none());
        let json =
            format!(r#"{{"schedulePolicy": {{"type": "Immediate", "extra": {nested}}}, "more": {nested}}}"#);
        let policy = on_small_stack(move || CopyJobSchedulePolicy::from_json(json.as_bytes())).unwrap();
        assert!(Schedule::try_from(&policy).is_ok());
    }

    // Deep nesting that never closes: the end of the input, said as such.
    let json = format!(r#"{{"type": "Immediate", "extra": {}"#, "[".repeat(depth));
    let err = on_small_stack(move || CopyJobSchedulePolicy::from_json(json.as_bytes())).unwrap_err();
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert!(err.to_string().contains("EOF while parsing"), "{err}");
    let json = format!(r#"{{"schedulePolicy": {}"#, r#"{"a":"#.repeat(depth));
    let err = on_small_stack(move || CopyJob::from_json(json.as_bytes())).unwrap_err();
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert!(err.to_string().contains("EOF while parsing"), "{err}");
}

#[test]
fn empty_input() {
    for input in [&b""[..], b"   ", b"\n\t"] {
        let err = policy_error(input);
        assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "(document): not valid JSON: the document is empty"
        );
        let err = CopyJob::from_json(input).unwrap_err();
        assert_eq!(
            err.to_string(),
            "(document): not valid JSON: the document is empty"
        );
        let err = CopyJob::list_from_json(input).unwrap_err();
        assert_eq!(
            err.to_string(),
            "(document): not valid JSON: the document is empty"
        );
    }
}

#[test]
fn null_input_and_null_members() {
    // A bare policy's own value is named `schedulePolicy`, as it would be in
    // a copy job.
    let err = policy_error(b"null");
    assert!(matches!(err, Error::Json { .. }), "{err:?}");
    assert_names(
        &err,
        "schedulePolicy",
        &["expected a schedule policy object, found null"],
    );
    let err = CopyJob::from_json(b"null").unwrap_err();
    assert_names(&err, "(document)", &["expected a copy job object, found null"]);
    // Not an object with a schedulePolicy member: read as a bare policy.
    let err = CopyJobSchedulePolicy::from_json(b"null").unwrap_err();
    assert_names(
        &err,
        "schedulePolicy",
        &["expected a schedule policy object, found null"],
    );

    // A null policy in a job: absent, and said so.
    let job = CopyJob::from_json(br#"{"schedulePolicy": null, "isEnabled": true}"#).unwrap();
    let err = Schedule::try_from(&job).unwrap_err();
    assert!(matches!(err, Error::Missing { .. }), "{err:?}");
    assert_names(&err, "schedulePolicy", &["found nothing"]);
    let err = CopyJobSchedulePolicy::from_json(br#"{"schedulePolicy": null}"#).unwrap_err();
    assert_names(&err, "schedulePolicy", &["found nothing"]);

    // A null type is a missing type.
    let err = schedule_error(r#"{"type": null}"#);
    assert!(matches!(err, Error::Missing { .. }), "{err:?}");
    assert_names(
        &err,
        "schedulePolicy.type",
        &["one of Immediate, Periodically, DailyAtTime", "found nothing"],
    );

    // Nulls in the window: the settings and the offset are optional, but an
    // enabled window needs its hours.
    let err = schedule_error(
        r#"{"type": "Immediate", "backupCopyWindowEnabled": true, "backupCopyWindowSettings": null}"#,
    );
    assert_names(
        &err,
        "schedulePolicy.backupCopyWindowSettings",
        &["found nothing"],
    );
    let err = schedule_error(
        r#"{"type": "Immediate", "backupCopyWindowEnabled": true, "backupCopyWindowSettings": {"backupWindow": null}}"#,
    );
    assert_names(&err, WINDOW_PATH, &["168 booleans", "found nothing"]);
    // A null element of the window is not a boolean.
    let err =
        policy_error(br#"{"type": "Immediate", "backupCopyWindowSettings": {"backupWindow": [true, null]}}"#);
    assert_names(
        &err,
        &format!("{WINDOW_PATH}[1]"),
        &["expected true or false, found null"],
    );
}

#[test]
fn non_utf8_bytes() {
    // Inside a string value: named by the field it was in.
    let err =
        policy_error(b"{\"type\": \"DailyAtTime\", \"dailyType\": \"Monday\", \"dailyTime\": \"08:00\xff\"}");
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert_names(
        &err,
        "schedulePolicy.dailyTime",
        &["not valid JSON", "invalid unicode code point"],
    );
    // In an enum spelling.
    let err = policy_error(b"{\"type\": \"Immedi\xc3\x28te\"}");
    assert_names(
        &err,
        "schedulePolicy.type",
        &["not valid JSON", "invalid unicode code point"],
    );
    // In a key, and outside any string: where, and what to do about it.
    let err = policy_error(b"{\"ty\xffpe\": \"Immediate\"}");
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "(document): not valid JSON: byte 0xFF at line 1 column 5 is not UTF-8 (an 8-bit encoding such as Windows-1252?); expected UTF-8, or UTF-16 with a byte order mark"
    );
    for input in [
        &b"\xff"[..],
        b"\xef\xbb\xbf{\xe9}",
        b"{\"type\": \"Immediate\"}\xff",
    ] {
        let err = policy_error(input);
        assert!(
            matches!(err, Error::Syntax { .. }),
            "{:?}: {err:?}",
            String::from_utf8_lossy(input)
        );
        assert_eq!(err.path(), Some("(document)"));
        let err = CopyJobSchedulePolicy::from_json(input).unwrap_err();
        assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    }
    // An escaped lone surrogate is not a character either.
    let err = policy_error(br#"{"type": "DailyAtTime", "dailyTime": "\ud800"}"#);
    assert_names(
        &err,
        "schedulePolicy.dailyTime",
        &["not valid JSON", "hex escape"],
    );
}

#[test]
fn text_after_the_document() {
    let err = policy_error(br#"{"type": "Immediate"} {"type": "Immediate"}"#);
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert_names(&err, "(document)", &["trailing characters"]);
    let err = CopyJob::from_json(br#"{"schedulePolicy": {"type": "Immediate"}} x"#).unwrap_err();
    assert_names(&err, "(document)", &["trailing characters"]);
}

// ---------------------------------------------------------------------------
// dailyTime.

#[test]
fn daily_times_out_of_range_or_malformed() {
    for text in [
        "24:00:00",
        "12:60",
        "12:60:00",
        "12:00:60",
        "23:59:60",
        "7:00",
        "07:0",
        "07:00:0",
        "0700",
        "07-00",
        "07:00:00Z",
        "07:00:00.5",
        " 07:00",
        "07:00 ",
        "+7:00",
        "-1:00",
        "",
        ":",
        "::",
        "07::00",
        "07:00:00:00",
        "٠٧:٠٠",
        "０７:００",
        "99:99:99",
    ] {
        let json = format!(
            r#"{{"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": {}}}"#,
            serde_json::json!(text)
        );
        let err = schedule_error(&json);
        assert!(matches!(err, Error::Invalid { .. }), "{text:?}: {err:?}");
        assert_names(
            &err,
            "schedulePolicy.dailyTime",
            &[
                "expected a time like 22:00:00 or 22:00",
                &format!("found {text:?}"),
            ],
        );
    }
}

#[test]
fn the_daily_time_examples_of_the_issue() {
    let err = schedule_error(r#"{"type": "DailyAtTime", "dailyType": "Sunday", "dailyTime": "24:00:00"}"#);
    assert_eq!(
        err.to_string(),
        r#"schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00, found "24:00:00""#
    );
    let err = schedule_error(r#"{"type": "DailyAtTime", "dailyType": "Sunday", "dailyTime": "12:60"}"#);
    assert_eq!(
        err.to_string(),
        r#"schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00, found "12:60""#
    );
}

#[test]
fn a_malformed_daily_time_is_refused_even_when_unused() {
    // The crate's rule: a field the type does not use must still be well formed.
    let err = schedule_error(r#"{"type": "Immediate", "dailyTime": "25:00"}"#);
    assert_names(&err, "schedulePolicy.dailyTime", &["found \"25:00\""]);
}

#[test]
fn the_edges_of_the_day_are_fine() {
    for (text, secs) in [
        ("00:00:00", 0),
        ("23:59:59", 86_399),
        ("00:00", 0),
        ("23:59", 86_340),
    ] {
        let json = format!(r#"{{"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "{text}"}}"#);
        let schedule =
            Schedule::try_from(&CopyJobSchedulePolicy::from_json(json.as_bytes()).unwrap()).unwrap();
        // From midnight (exclusive), the day's run is `secs` later, or a day
        // later for a run at midnight itself.
        let midnight = utc(2026, 11, 28, 0, 0, 0);
        let expected = midnight + TimeDelta::seconds(if secs == 0 { 86_400 } else { secs });
        assert_eq!(schedule.next_run(midnight), Some(expected), "{text}");
    }
}

// ---------------------------------------------------------------------------
// Unknown enum spellings: say which are allowed.

#[test]
fn unknown_schedule_type() {
    for spelling in ["Hourly", "immediate", "IMMEDIATE", "Daily", " Immediate", ""] {
        let json = format!(r#"{{"type": {}}}"#, serde_json::json!(spelling));
        let err = policy_error(json.as_bytes());
        assert!(matches!(err, Error::Json { .. }), "{err:?}");
        assert_names(
            &err,
            "schedulePolicy.type",
            &[
                "expected one of Immediate, Periodically, DailyAtTime",
                &format!("found {spelling:?}"),
            ],
        );
    }
    // Not a string at all.
    let err = policy_error(br#"{"type": 1}"#);
    assert_names(
        &err,
        "schedulePolicy.type",
        &["one of Immediate, Periodically, DailyAtTime"],
    );
}

#[test]
fn unknown_daily_type() {
    let err = policy_error(br#"{"type": "DailyAtTime", "dailyType": "workdays", "dailyTime": "08:00"}"#);
    assert_names(
        &err,
        "schedulePolicy.dailyType",
        &[
            "expected one of Everyday, Workdays, Weekends, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday",
            "found \"workdays\"",
        ],
    );
}

#[test]
fn unknown_interval() {
    for spelling in ["Hours3", "Minutes1", "Hours24", "Hour1", "60"] {
        let json = format!(r#"{{"type": "Periodically", "periodicallyEvery": "{spelling}"}}"#);
        let err = policy_error(json.as_bytes());
        assert_names(
            &err,
            "schedulePolicy.periodicallyEvery",
            &[
                "expected one of Minutes5, Minutes10, Minutes15, Minutes30, Hours1, Hours2, Hours4, Hours8, Hours12",
                &format!("found {spelling:?}"),
            ],
        );
    }
}

#[test]
fn unknown_last_status_in_a_copy_job() {
    let err = CopyJob::from_json(br#"{"lastStatus": "Exploded"}"#).unwrap_err();
    assert_names(
        &err,
        "lastStatus",
        &[
            "expected one of Stopped, Running, Success, Failed, Warning, NotConfigured, Disconnected, Queued",
            "found \"Exploded\"",
        ],
    );
}

#[test]
fn a_spelling_inside_a_copy_job_is_named_from_the_root() {
    let json =
        br#"{"backupJobId": "x", "schedulePolicy": {"type": "Periodically", "periodicallyEvery": "Hours3"}}"#;
    let err = CopyJob::from_json(json).unwrap_err();
    assert_names(&err, "schedulePolicy.periodicallyEvery", &["found \"Hours3\""]);
    let err = CopyJobSchedulePolicy::from_json(json).unwrap_err();
    assert_names(&err, "schedulePolicy.periodicallyEvery", &["found \"Hours3\""]);
}

#[test]
fn missing_fields_say_what_is_needed() {
    let err = schedule_error(r#"{"type": "DailyAtTime", "dailyTime": "08:00"}"#);
    assert_names(
        &err,
        "schedulePolicy.dailyType",
        &["Everyday, Workdays, Weekends", "found nothing"],
    );
    let err = schedule_error(r#"{"type": "Periodically"}"#);
    assert_names(
        &err,
        "schedulePolicy.periodicallyEvery",
        &["Minutes5", "Hours12", "found nothing"],
    );
    let err = schedule_error("{}");
    assert_names(&err, "schedulePolicy.type", &["found nothing"]);
    let err = schedule_error(r#"{"type": "Immediate", "backupCopyWindowEnabled": true}"#);
    assert_names(
        &err,
        "schedulePolicy.backupCopyWindowSettings",
        &["found nothing"],
    );
}

// ---------------------------------------------------------------------------
// A copy job whose `schedulePolicy` member is given twice.

/// The member given twice is a copy job with a duplicate field, as
/// `CopyJob::from_json` says; `from_document` must not instead read the job's
/// top level as a bare policy.
///
/// Found by the `policy_json` fuzz target (on its seed
/// `fuzz/seeds/policy_json/duplicate_policy.json`); `src/policy.rs`'s `from_document`
/// falls back to a bare policy whenever its probe fails, and the probe fails
/// on the duplicate member. Fixed: the probe now only looks for the member.
#[test]
fn duplicate_schedule_policy_member_is_an_error() {
    // The fuzzer's input, minimized by `cargo fuzz tmin`.
    let json = br#"{"schedulePolicy":{},"schedulePolicy":{}}"#;
    let job_err = CopyJob::from_json(json).unwrap_err();
    assert!(
        job_err
            .to_string()
            .contains("expected schedulePolicy once, found it twice"),
        "{job_err}"
    );
    assert_eq!(CopyJobSchedulePolicy::from_json(json), Err(job_err));

    let json = br#"{"schedulePolicy": {"type": "Immediate"}, "schedulePolicy": {"type": "Immediate"}}"#;
    let job_err = CopyJob::from_json(json).unwrap_err();
    assert!(
        job_err
            .to_string()
            .contains("expected schedulePolicy once, found it twice"),
        "{job_err}"
    );
    assert_eq!(CopyJobSchedulePolicy::from_json(json), Err(job_err));

    // Worse: the job's own top-level fields are then read as the policy.
    let json = br#"{"schedulePolicy": {"type": "DailyAtTime"}, "schedulePolicy": null, "type": "Immediate"}"#;
    let result = CopyJobSchedulePolicy::from_json(json);
    assert!(result.is_err(), "a copy job read as the policy {result:?}");
}

// ---------------------------------------------------------------------------
// Instants at and near the ends of chrono's range.
//
// chrono's range: MIN_UTC = -262143-01-01T00:00:00Z, a Thursday;
// MAX_UTC = +262142-12-31T23:59:59.999999999Z, a Monday (checked below with
// chrono's calendar, which the engine does not use).

#[test]
fn chronos_range_is_what_the_derivations_assume() {
    assert_eq!(
        (MIN.year(), MIN.month(), MIN.day(), MIN.weekday()),
        (-262_143, 1, 1, Weekday::Thu)
    );
    assert_eq!(MIN.timestamp() % 86_400, 0, "MIN_UTC is a midnight");
    assert_eq!(
        (MAX.year(), MAX.month(), MAX.day(), MAX.weekday()),
        (262_142, 12, 31, Weekday::Mon)
    );
    assert_eq!(MAX.timestamp() % 86_400, 86_399);
    assert_eq!(MAX.timestamp_subsec_nanos(), 999_999_999);
}

fn every_5_minutes() -> Schedule {
    Schedule::periodic(Interval::from_minutes(5).unwrap())
}

#[test]
fn periodic_at_the_ends_of_the_range() {
    let schedule = every_5_minutes();
    // MIN_UTC is on the grid (a midnight); the next run is 5 minutes on.
    assert_eq!(schedule.next_run(MIN), Some(MIN + TimeDelta::minutes(5)));
    // Nothing is after MAX_UTC.
    assert_eq!(schedule.next_run(MAX), None);
    // Seven minutes before the end (23:52:59.999...): 23:55 is the last run;
    // midnight is past the range.
    let last = MAX - TimeDelta::minutes(7);
    let runs: Vec<_> = schedule.upcoming(last).collect();
    let last_run = MAX - TimeDelta::nanoseconds(999_999_999) - TimeDelta::seconds(299);
    assert_eq!(last_run.hour_minute_second(), (23, 55, 0));
    assert_eq!(runs, [last_run]);
    // The iterator stays ended.
    let mut upcoming = schedule.upcoming(last);
    assert_eq!(upcoming.next(), Some(last_run));
    assert_eq!(upcoming.next(), None);
    assert_eq!(upcoming.next(), None);
    // [23:47:59.999..., MAX): 23:50 and 23:55.
    let between: Vec<_> = schedule.runs_between(MAX - TimeDelta::minutes(12), MAX).collect();
    assert_eq!(between, [last_run - TimeDelta::minutes(5), last_run]);
    // The whole range: starts at its start, and is lazy.
    let first: Vec<_> = schedule.runs_between(MIN, MAX).take(3).collect();
    assert_eq!(
        first,
        [MIN, MIN + TimeDelta::minutes(5), MIN + TimeDelta::minutes(10)]
    );
}

trait HourMinuteSecond {
    fn hour_minute_second(&self) -> (u32, u32, u32);
}

impl HourMinuteSecond for DateTime<Utc> {
    fn hour_minute_second(&self) -> (u32, u32, u32) {
        use chrono::Timelike;
        (self.hour(), self.minute(), self.second())
    }
}

#[test]
fn daily_at_the_ends_of_the_range() {
    let schedule = Schedule::daily(Weekdays::EVERYDAY, t(12, 0)).unwrap();
    // The first day of the range, at noon.
    assert_eq!(schedule.next_run(MIN), Some(MIN + TimeDelta::hours(12)));
    // The last day of the range: one run, at its noon.
    let last_noon = MAX - TimeDelta::nanoseconds(999_999_999) - TimeDelta::seconds(12 * 3600 - 1);
    assert_eq!(last_noon.hour_minute_second(), (12, 0, 0));
    let between: Vec<_> = schedule.runs_between(MAX - TimeDelta::days(1), MAX).collect();
    assert_eq!(between, [last_noon]);
    assert_eq!(schedule.next_run(last_noon), None);
    assert_eq!(schedule.upcoming(last_noon).count(), 0);
    assert_eq!(schedule.next_run(MAX), None);
}

#[test]
fn a_window_open_at_the_last_instant() {
    // Open Monday 23:00-24:00 (hour 1 * 24 + 23), UTC: MAX_UTC, a Monday at
    // 23:59:59.999..., is inside it, and the close at Tuesday 00:00 is past
    // the range.
    let window = one_hour_window(47, 0);
    assert!(window.is_open(MAX));
    assert_eq!(window.next_open(MAX), Some(MAX));
    assert_eq!(window.next_close(MAX), None);
    let schedule = Schedule::daily(Weekdays::only(Weekday::Mon), t(23, 0))
        .unwrap()
        .with_window(window);
    assert_eq!(schedule.next_open(MAX), Some(MAX));
    // An hour before the end, the run at 23:00 of the last day is ahead.
    let last_run = MAX - TimeDelta::nanoseconds(999_999_999) - TimeDelta::seconds(59 * 60 + 59);
    assert_eq!(last_run.hour_minute_second(), (23, 0, 0));
    assert_eq!(schedule.next_run(MAX - TimeDelta::hours(1)), Some(last_run));
    assert_eq!(schedule.next_run(last_run), None);
    assert_eq!(schedule.next_close(last_run), None);
    assert_eq!(schedule.next_run(MAX), None);
}

#[test]
fn a_window_that_opens_past_the_last_instant() {
    // Open Sunday 00:00-01:00 local, local = UTC + 23:59. At MAX_UTC local
    // time is Tuesday 23:58:59.999...; the next Sunday is past the range.
    let window = one_hour_window(0, 1439);
    let schedule = Schedule::immediate().with_window(window);
    assert!(!schedule.is_open(MAX));
    assert_eq!(schedule.next_open(MAX), None);
    assert_eq!(schedule.next_open(MAX), None);
    assert_eq!(schedule.next_close(MAX), None);
    assert_eq!(schedule.next_run(MAX), None);
    // The last opening in the range: Sunday 00:00 local = Saturday 00:01
    // UTC, the 29th. From Friday the 28th 23:59:59.999... (local Saturday
    // 23:58:59.999...) every-5-minutes triggers wait for it, and midnight's
    // runs at 00:01; 00:05 is open and runs as it is.
    let periodic = every_5_minutes().with_window(window);
    let opening = utc(262_142, 12, 29, 0, 1, 0);
    let runs: Vec<_> = periodic.upcoming(MAX - TimeDelta::days(3)).take(2).collect();
    assert_eq!(runs, [opening, opening + TimeDelta::minutes(4)]);
    assert_eq!(periodic.next_close(opening), Some(opening + TimeDelta::hours(1)));
    // After it closes (Sunday the 30th, 23:59:59.999...), the next opening
    // is past the range.
    assert_eq!(periodic.next_run(MAX - TimeDelta::days(1)), None);
    assert_eq!(periodic.upcoming(MAX - TimeDelta::days(1)).count(), 0);
    assert_eq!(periodic.next_open(MAX - TimeDelta::days(1)), None);
}

#[test]
fn windows_at_the_first_instant() {
    // Local = UTC - 23:59. MIN_UTC, Thursday 00:00, is Wednesday 00:01 local.
    // Open Wednesday 00:00-01:00 local (hour 3 * 24 + 0): open at MIN_UTC,
    // closing at 01:00 local = Thursday 00:59 UTC.
    let window = one_hour_window(72, -1439);
    assert!(window.is_open(MIN));
    assert_eq!(window.next_open(MIN), Some(MIN));
    assert_eq!(window.next_close(MIN), Some(MIN + TimeDelta::minutes(59)));

    // Open Wednesday 23:00-24:00 local (hour 95): closed at MIN_UTC; opens at
    // Thursday 22:59 UTC and closes at Thursday 23:59 UTC.
    let window = one_hour_window(95, -1439);
    assert!(!window.is_open(MIN));
    let opens = MIN + TimeDelta::hours(22) + TimeDelta::minutes(59);
    assert_eq!(window.next_open(MIN), Some(opens));
    assert_eq!(window.next_close(MIN), Some(opens + TimeDelta::hours(1)));

    // Daily at 00:00 with that window: MIN_UTC is itself a trigger; it is
    // not after MIN_UTC, but its run (the opening) is. Every trigger of the
    // following week waits for the next opening, a week later: one run.
    let schedule = Schedule::daily(Weekdays::EVERYDAY, t(0, 0))
        .unwrap()
        .with_window(window);
    let runs: Vec<_> = schedule.upcoming(MIN).take(3).collect();
    assert_eq!(
        runs,
        [opens, opens + TimeDelta::weeks(1), opens + TimeDelta::weeks(2)]
    );
}

#[test]
fn windows_that_never_open_or_always_are_none_at_both_ends() {
    for instant in [
        MIN,
        MIN + TimeDelta::nanoseconds(1),
        MAX - TimeDelta::seconds(1),
        MAX,
    ] {
        let never = Window::never_open().with_minute_offset(1439).unwrap();
        assert_eq!(never.next_open(instant), None);
        assert_eq!(never.next_close(instant), None);
        let schedule = every_5_minutes().with_window(never);
        assert_eq!(schedule.next_run(instant), None);
        assert_eq!(schedule.upcoming(instant).next(), None);

        let always = Window::always_open().with_minute_offset(-1439).unwrap();
        assert_eq!(always.next_open(instant), Some(instant));
        assert_eq!(always.next_close(instant), None);

        assert_eq!(Schedule::immediate().next_run(instant), None);
        assert_eq!(
            Schedule::daily(Weekdays::NONE, t(1, 0))
                .unwrap()
                .next_run(instant),
            None
        );
    }
}

#[test]
fn every_query_at_every_extreme_instant_answers() {
    // No answer is checked here beyond "after" and "open": the point is that
    // nothing panics or overflows at any offset, at or next to either end.
    let mut instants = Vec::new();
    for base in [MIN, MAX] {
        for secs in [-86_400 * 8, -3601, -1, 0, 1, 59, 3600, 86_400 * 8] {
            if let Some(instant) = base.checked_add_signed(TimeDelta::seconds(secs)) {
                instants.push(instant);
            }
        }
    }
    let mut alternate = [false; 168];
    for (index, hour) in alternate.iter_mut().enumerate() {
        *hour = index % 2 == 0;
    }
    for offset in [-1439, -210, 0, 330, 1439] {
        let window = Window::new(&alternate, offset).unwrap();
        for schedule in [
            Schedule::immediate().with_window(window),
            every_5_minutes().with_window(window),
            Schedule::daily(Weekdays::WEEKENDS, t(23, 59))
                .unwrap()
                .with_window(window),
        ] {
            for &instant in &instants {
                if let Some(run) = schedule.next_run(instant) {
                    assert!(run > instant && schedule.is_open(run));
                }
                for run in schedule.upcoming(instant).take(3) {
                    assert!(run > instant);
                }
                let _ = schedule.runs_between(instant, MAX).take(3).count();
                let _ = schedule.runs_between(MIN, instant).take(3).count();
                if let Some(open) = schedule.next_open(instant) {
                    assert!(open >= instant && schedule.is_open(open));
                }
                if let Some(close) = schedule.next_close(instant) {
                    assert!(close > instant && !schedule.is_open(close));
                }
            }
        }
    }
}

#[test]
fn a_reversed_or_empty_range_has_no_runs() {
    let schedule = every_5_minutes();
    assert_eq!(schedule.runs_between(MAX, MIN).count(), 0);
    assert_eq!(schedule.runs_between(MIN, MIN).count(), 0);
    assert_eq!(schedule.runs_between(MAX, MAX).count(), 0);
    // [MIN, MIN + 1 ns): the run at MIN itself, a grid point.
    let runs: Vec<_> = schedule
        .runs_between(MIN, MIN + TimeDelta::nanoseconds(1))
        .collect();
    assert_eq!(runs, [MIN]);
}

#[test]
fn times_of_day_with_fractions_or_leap_seconds_are_refused_by_the_builder() {
    for at in [
        NaiveTime::from_hms_nano_opt(8, 0, 0, 1).unwrap(),
        // chrono's leap second: 23:59:60.5.
        NaiveTime::from_hms_nano_opt(23, 59, 59, 1_500_000_000).unwrap(),
    ] {
        let err = Schedule::daily(Weekdays::EVERYDAY, at).unwrap_err();
        assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
        assert_names(&err, "dailyTime", &["whole seconds"]);
    }
}
