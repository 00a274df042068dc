//! `examples/service` as a real process on a loopback port, asked with a
//! real HTTP client: create, read, list runs, every validation error class,
//! a 1 MiB garbage body, concurrent requests. Expected `nextRun`s and runs
//! come from the library's own queries (`next_run`, `explain_upcoming`); the
//! test is about the service, and the service's clock is set (`--now`) to a
//! moment where the answer cannot change while the test runs.
#![cfg(feature = "tokio")]

mod common;

use std::time::Duration;

use backup_schedule::vb365::CopyJob;
use backup_schedule::{Schedule, Timetable};
use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

use common::cli::worked_example;
use common::examples::{example_binary, Running};

/// Saturday 2026-11-28 15:00 UTC: the worked example's next run is Monday
/// 17:00, hours away.
const NOW: &str = "2026-11-28T15:00:00Z";

/// The running service and a client for it.
struct Service {
    _process: Running,
    api: Api,
}

/// Requests to the service (cheap to clone, sendable across tasks).
#[derive(Clone)]
struct Api {
    base: String,
    client: reqwest::Client,
}

impl std::ops::Deref for Service {
    type Target = Api;

    fn deref(&self) -> &Api {
        &self.api
    }
}

fn start() -> Service {
    let mut process = Running::start(
        &example_binary("service"),
        &["--listen", "127.0.0.1:0", "--now", NOW],
    );
    let first = process.lines_until(Duration::from_secs(30), |_| true).remove(0);
    let address = first.strip_prefix("listening on ").expect("the address first");
    Service {
        _process: process,
        api: Api {
            base: format!("http://{address}"),
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap(),
        },
    }
}

impl Api {
    async fn post(&self, path: &str, body: impl Into<reqwest::Body>) -> (StatusCode, Value) {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        (response.status(), response.json().await.unwrap())
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        (response.status(), response.json().await.unwrap())
    }
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW).unwrap().with_timezone(&Utc)
}

fn job(policy: Value) -> Value {
    json!({ "backupJobId": "b7c1cc0b-2b3c-4096-9ba1-2d665b4ae504", "name": "copy", "schedulePolicy": policy, "isEnabled": true })
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// A `RESTExceptionInfo` with `errorCode` and `message`.
fn exception(error_code: Option<&str>, message: &str) -> Value {
    json!({ "message": message, "errorCode": error_code, "stackTrace": null })
}

#[tokio::test]
async fn create_read_and_list_runs() {
    let service = start();
    let body = job(worked_example(180));
    let schedule = Schedule::try_from(&CopyJob::from_json(body.to_string().as_bytes()).unwrap()).unwrap();

    let (status, created) = service.post("/v8/CopyJobs", body.to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().expect("an id").to_owned();
    // The stored resource: what was posted, with id, nextRun and links.
    let mut expected = body.as_object().unwrap().clone();
    expected.insert("id".into(), json!(id));
    expected.insert("nextRun".into(), json!("2026-11-30T17:00:00Z"));
    expected.insert(
        "_links".into(),
        json!({ "self": { "href": format!("/v8/CopyJobs/{id}") } }),
    );
    assert_eq!(created, Value::Object(expected));
    assert_eq!(
        Some(rfc3339(schedule.next_run(now()).unwrap())),
        created["nextRun"].as_str().map(str::to_owned)
    );

    let (status, read) = service.get(&format!("/v8/CopyJobs/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read, created);

    let (status, runs) = service.get(&format!("/v8/CopyJobs/{id}/runs?count=3")).await;
    assert_eq!(status, StatusCode::OK);
    let expected: Vec<_> = schedule.explain_upcoming(now()).take(3).collect();
    assert_eq!(runs, serde_json::to_value(&expected).unwrap());
    // Monday's run serves Friday's trigger and ends when the window closes.
    assert_eq!(
        runs[0],
        json!({ "run": "2026-11-30T17:00:00Z", "trigger": "2026-11-27T22:00:00Z", "deadline": "2026-11-30T20:00:00Z" })
    );
    let (_, five) = service.get(&format!("/v8/CopyJobs/{id}/runs")).await;
    assert_eq!(five.as_array().unwrap().len(), 5);

    // Immediate: no nextRun, no runs.
    let (status, immediate) = service
        .post("/v8/CopyJobs", job(json!({ "type": "Immediate" })).to_string())
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(immediate["nextRun"], Value::Null);
    let (_, runs) = service
        .get(&format!(
            "/v8/CopyJobs/{}/runs",
            immediate["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(runs, json!([]));
}

#[tokio::test]
async fn every_validation_error_names_the_field() {
    let service = start();
    let failure = Some("ParameterValidationFailure");
    let cases: [(Vec<u8>, &str); 8] = [
        // Not JSON.
        (b"{\"schedulePolicy\": ".to_vec(), "schedulePolicy: not valid JSON: EOF while parsing a value"),
        // Empty.
        (Vec::new(), "(document): not valid JSON: the document is empty"),
        // A wrong JSON type.
        (job(json!({ "type": 1 })).to_string().into_bytes(), "schedulePolicy.type: expected one of Immediate, Periodically, DailyAtTime, found 1 at line 1 column "),
        // An unknown spelling.
        (job(json!({ "type": "Hourly" })).to_string().into_bytes(), "schedulePolicy.type: expected one of Immediate, Periodically, DailyAtTime, found \"Hourly\" at line 1 column "),
        // A missing member.
        (job(json!({ "type": "DailyAtTime", "dailyType": "Workdays" })).to_string().into_bytes(), "schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00 (required when type is DailyAtTime), found nothing"),
        // A value out of range.
        (job(json!({ "type": "DailyAtTime", "dailyType": "Workdays", "dailyTime": "24:00:00" })).to_string().into_bytes(), "schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00, found \"24:00:00\""),
        // A window that is not 168 hours.
        (job(json!({ "type": "Immediate", "backupCopyWindowEnabled": true, "backupCopyWindowSettings": { "backupWindow": vec![true; 167] } })).to_string().into_bytes(), "schedulePolicy.backupCopyWindowSettings.backupWindow: expected 168 booleans, found 167"),
        // No schedulePolicy at all (a bare policy is not a job).
        (json!({ "type": "Immediate" }).to_string().into_bytes(), "schedulePolicy: expected a schedule policy object, found nothing"),
    ];
    for (body, message) in cases {
        let (status, answer) = service.post("/v8/CopyJobs", body.clone()).await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "{}",
            String::from_utf8_lossy(&body)
        );
        // The crate's own message, whole (positions and all) ...
        let crate_says = CopyJob::from_json(&body)
            .and_then(|job| Schedule::try_from(&job))
            .unwrap_err()
            .to_string();
        assert_eq!(answer, exception(failure, &crate_says));
        // ... which names the field as written here.
        assert!(crate_says.starts_with(message), "{crate_says}");
    }

    // A mebibyte of garbage: refused, named, and the service still serves.
    let garbage: Vec<u8> = (0..1 << 20)
        .map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let (status, answer) = service.post("/v8/CopyJobs", garbage).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["errorCode"], json!("ParameterValidationFailure"));
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .starts_with("(document): not valid JSON: "),
        "{answer}"
    );
    // Over the 2 MiB limit: 413, in the API's shape too. On a connection of
    // its own: the service answers before reading the body and closes the
    // connection, which a pooled client may already have picked for the
    // next request.
    let alone = Api {
        base: service.base.clone(),
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .pool_max_idle_per_host(0)
            .build()
            .unwrap(),
    };
    let (status, answer) = alone.post("/v8/CopyJobs", vec![b' '; 3 << 20]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer["errorCode"], json!("ParameterValidationFailure"));

    // Unknown ids and a bad count.
    let (status, answer) = service.get("/v8/CopyJobs/nope").await;
    assert_eq!(
        (status, answer),
        (
            StatusCode::NOT_FOUND,
            exception(Some("ResourceNotFound"), "/v8/CopyJobs/nope: no such job")
        )
    );
    let (_, created) = service
        .post(
            "/v8/CopyJobs",
            job(json!({ "type": "Periodically", "periodicallyEvery": "Hours4" })).to_string(),
        )
        .await;
    let id = created["id"].as_str().unwrap();
    assert_eq!(created["nextRun"], json!("2026-11-28T16:00:00Z"));
    for count in ["0", "1001", "x", "-1"] {
        let (status, answer) = service
            .get(&format!("/v8/CopyJobs/{id}/runs?count={count}"))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(
            answer,
            exception(
                failure,
                &format!("count: expected a number of runs in 1..=1000, found {count:?}")
            )
        );
    }
    // A copy job is not a backup job.
    let (status, _) = service.get(&format!("/v8/Jobs/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn backup_jobs_have_their_routes_and_their_next_run() {
    // Saturday 2026-11-28 15:00: daily at 22:00 runs at 22:00 that day and
    // the next; every 4 hours at 30 runs next at 16:30.
    let service = start();
    let body = json!({ "name": "nightly", "schedulePolicy": { "type": "Daily", "dailyType": "Everyday", "dailyTime": "22:00:00" } });
    let (status, created) = service.post("/v8/Jobs", body.to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["nextRun"], json!("2026-11-28T22:00:00Z"));
    assert_eq!(created["name"], json!("nightly"));
    let id = created["id"].as_str().unwrap();
    assert_eq!(created["_links"]["self"]["href"], json!(format!("/v8/Jobs/{id}")));
    let (status, read) = service.get(&format!("/v8/Jobs/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read, created);
    let (status, runs) = service.get(&format!("/v8/Jobs/{id}/runs?count=2")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        runs,
        json!([
            { "run": "2026-11-28T22:00:00Z", "trigger": "2026-11-28T22:00:00Z", "deadline": null },
            { "run": "2026-11-29T22:00:00Z", "trigger": "2026-11-29T22:00:00Z", "deadline": null },
        ])
    );
    let periodic = json!({ "schedulePolicy": { "type": "Periodically", "periodicallyEvery": "Hours4", "periodicallyOffsetMinutes": 30 } });
    let (status, created) = service.post("/v8/Jobs", periodic.to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["nextRun"], json!("2026-11-28T16:30:00Z"));
    // ManualOnly: no nextRun.
    let manual = json!({ "schedulePolicy": { "type": "ManualOnly" } });
    let (status, created) = service.post("/v8/Jobs", manual.to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["nextRun"], Value::Null);
    // An invalid backup job is refused with the field's path.
    let bad = json!({ "schedulePolicy": { "type": "Periodically", "periodicallyEvery": "Minutes5", "periodicallyOffsetMinutes": 5 } });
    let (status, answer) = service.post("/v8/Jobs", bad.to_string()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["errorCode"], json!("ParameterValidationFailure"));
    assert_eq!(
        answer["message"],
        json!("schedulePolicy.periodicallyOffsetMinutes: expected 0 (an offset is only valid with an interval in hours), found 5")
    );
    // A backup job's body is not a copy job.
    let (status, answer) = service.post("/v8/CopyJobs", body.to_string()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        answer["message"].as_str().unwrap().starts_with(
            "schedulePolicy.type: expected one of Immediate, Periodically, DailyAtTime, found \"Daily\""
        ),
        "{answer}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests() {
    let service = start();
    // 64 creations at once, each then read back: 64 distinct ids, each with
    // its own nextRun (every 5 to 60 minutes from 15:00: 15:05 .. 16:00).
    let intervals = ["Minutes5", "Minutes10", "Minutes15", "Minutes30", "Hours1"];
    let tasks: Vec<_> = (0..64)
        .map(|i| {
            let service = service.api.clone();
            let every = intervals[i % intervals.len()];
            tokio::spawn(async move {
                let body = job(json!({ "type": "Periodically", "periodicallyEvery": every }));
                let (status, created) = service.post("/v8/CopyJobs", body.to_string()).await;
                assert_eq!(status, StatusCode::CREATED);
                let id = created["id"].as_str().unwrap().to_owned();
                let (status, read) = service.get(&format!("/v8/CopyJobs/{id}")).await;
                assert_eq!(status, StatusCode::OK);
                assert_eq!(read["schedulePolicy"]["periodicallyEvery"], json!(every));
                (id, every, read["nextRun"].as_str().unwrap().to_owned())
            })
        })
        .collect();
    let mut ids = std::collections::HashSet::new();
    for task in tasks {
        let (id, every, next_run) = task.await.unwrap();
        let expected = match every {
            "Minutes5" => "2026-11-28T15:05:00Z",
            "Minutes10" => "2026-11-28T15:10:00Z",
            "Minutes15" => "2026-11-28T15:15:00Z",
            "Minutes30" => "2026-11-28T15:30:00Z",
            _ => "2026-11-28T16:00:00Z",
        };
        assert_eq!(next_run, expected, "{every}");
        assert!(ids.insert(id));
    }
    assert_eq!(ids.len(), 64);
}
