//! The REST shape of the API, served: jobs whose `nextRun` this crate fills.
//!
//! ```text
//! cargo run --example service -- --listen 127.0.0.1:8080 [--now INSTANT]
//! ```
//!
//! | Request | Answer |
//! |---|---|
//! | `POST /v8/CopyJobs` | 201 with the stored resource (`id`, `nextRun`, `_links` set; `nextRun` `null` for `Immediate`), or 400 |
//! | `GET /v8/CopyJobs/{id}` | 200 with `nextRun` computed at request time, or 404 |
//! | `GET /v8/CopyJobs/{id}/runs?count=N` | 200 with the next N (default 5, at most 1000) runs: `[{"run", "trigger", "deadline"}]` |
//! | `POST /v8/Jobs`, `GET /v8/Jobs/{id}`, `GET /v8/Jobs/{id}/runs` | the same for backup jobs (the API's `/Jobs/{jobId}` resources) |
//!
//! Errors are the API's `RESTExceptionInfo`, `{"message", "errorCode",
//! "stackTrace"}`: 400 `ParameterValidationFailure` with the crate's
//! message, which names the field by its JSON path; 404
//! `ResourceNotFound`; 413 for bodies over 2 MiB. Backup job documents are
//! read by `read_backup_job` in `examples/common/mod.rs`.
//!
//! `--now INSTANT` sets the service's wall clock, which then runs in real
//! time (to try a schedule at a given moment). Jobs live in memory.

#[path = "../common/mod.rs"]
mod common;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use backup_schedule::Timetable;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use common::{clock, parse_instant, read_job, rfc3339, Family, Flags, JobKind, ReadError, SharedClock};

/// A stored job: its family, its validated schedule, and the document as
/// posted (with `id`, `nextRun` and `_links` set).
struct Stored {
    family: Family,
    kind: JobKind,
    document: Map<String, Value>,
}

struct App {
    clock: SharedClock,
    jobs: Mutex<HashMap<String, Stored>>,
    /// Ids: a per-process prefix and a counter.
    prefix: u32,
    next_id: AtomicU64,
}

impl App {
    fn jobs(&self) -> std::sync::MutexGuard<'_, HashMap<String, Stored>> {
        self.jobs.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn new_id(&self) -> String {
        let n = self.next_id.fetch_add(1, Ordering::Relaxed);
        format!("{:08x}-0000-4000-8000-{n:012x}", self.prefix)
    }
}

/// The API's `RESTExceptionInfo`.
fn exception(status: StatusCode, error_code: Option<&str>, message: impl Into<String>) -> Response {
    let body = json!({ "message": message.into(), "errorCode": error_code, "stackTrace": null });
    (status, Json(body)).into_response()
}

fn not_found(family: Family, id: &str) -> Response {
    exception(
        StatusCode::NOT_FOUND,
        Some("ResourceNotFound"),
        format!("/v8/{}/{id}: no such job", family.collection()),
    )
}

/// Fills `nextRun`: the job's next run after `now`, or `null` when it has
/// none (`Immediate`, `ManualOnly`, a window that never opens).
///
/// A local helper until the library's own (issue 10) lands.
fn fill_next_run(document: &mut Map<String, Value>, kind: &JobKind, now: DateTime<Utc>) {
    let next = with_timetable!(*kind, schedule => schedule.next_run(now));
    document.insert(
        "nextRun".into(),
        next.map_or(Value::Null, |run| Value::String(rfc3339(run))),
    );
}

async fn create(app: Arc<App>, family: Family, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            let mut response = exception(
                rejection.status(),
                Some("ParameterValidationFailure"),
                rejection.body_text(),
            );
            // The rest of an oversized body was never read: the connection
            // cannot carry another request, so the client must not reuse it.
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            return response;
        }
    };
    let kind = match read_job(family, &body) {
        Ok(kind) => kind,
        Err(err @ ReadError::Schedule(_)) => {
            return exception(
                StatusCode::BAD_REQUEST,
                Some("ParameterValidationFailure"),
                err.to_string(),
            )
        }
    };
    // The crate read it as a job: it is a JSON object.
    let Ok(Value::Object(mut document)) = serde_json::from_slice::<Value>(&body) else {
        return exception(
            StatusCode::BAD_REQUEST,
            Some("ParameterValidationFailure"),
            "(document): expected a job object",
        );
    };
    let id = app.new_id();
    let href = format!("/v8/{}/{id}", family.collection());
    document.insert("id".into(), Value::String(id.clone()));
    document.insert("_links".into(), json!({ "self": { "href": href } }));
    fill_next_run(&mut document, &kind, app.clock.now());
    let response = (
        StatusCode::CREATED,
        [(header::LOCATION, href)],
        Json(Value::Object(document.clone())),
    )
        .into_response();
    app.jobs().insert(
        id,
        Stored {
            family,
            kind,
            document,
        },
    );
    response
}

async fn read(app: Arc<App>, family: Family, id: String) -> Response {
    let mut jobs = app.jobs();
    let Some(stored) = jobs.get_mut(&id).filter(|stored| stored.family == family) else {
        return not_found(family, &id);
    };
    fill_next_run(&mut stored.document, &stored.kind, app.clock.now());
    Json(Value::Object(stored.document.clone())).into_response()
}

/// The most runs one request lists.
const MAX_COUNT: usize = 1000;

async fn runs(app: Arc<App>, family: Family, id: String, query: HashMap<String, String>) -> Response {
    let count = match query.get("count") {
        None => 5,
        Some(text) => match text.parse::<usize>() {
            Ok(count @ 1..=MAX_COUNT) => count,
            _ => {
                return exception(
                    StatusCode::BAD_REQUEST,
                    Some("ParameterValidationFailure"),
                    format!("count: expected a number of runs in 1..={MAX_COUNT}, found {text:?}"),
                )
            }
        },
    };
    let Some(kind) = app
        .jobs()
        .get(&id)
        .filter(|stored| stored.family == family)
        .map(|stored| stored.kind)
    else {
        return not_found(family, &id);
    };
    let now = app.clock.now();
    let details: Vec<_> =
        with_timetable!(kind, schedule => schedule.explain_upcoming(now).take(count).collect());
    Json(details).into_response()
}

/// The routes of one family under `/v8/{collection}`.
fn routes(app: &Arc<App>, family: Family) -> Router {
    let collection = format!("/v8/{}", family.collection());
    let (on_create, on_read, on_runs) = (app.clone(), app.clone(), app.clone());
    Router::new()
        .route(&collection, post(move |body| create(on_create, family, body)))
        .route(
            &format!("{collection}/{{id}}"),
            get(move |Path(id)| read(on_read, family, id)),
        )
        .route(
            &format!("{collection}/{{id}}/runs"),
            get(move |Path(id), Query(query)| runs(on_runs, family, id, query)),
        )
}

fn router(app: Arc<App>) -> Router {
    routes(&app, Family::Copy)
        .merge(routes(&app, Family::Backup))
        .fallback(|| async {
            exception(
                StatusCode::NOT_FOUND,
                Some("ResourceNotFound"),
                "no such resource",
            )
        })
}

fn main() -> ExitCode {
    let mut flags = Flags::from_env();
    let (mut listen, mut now) = (None, None);
    let parsed: Result<(), String> = (|| {
        while let Some(flag) = flags.next_flag() {
            match flag.as_str() {
                "--listen" => {
                    let text = flags.value(&flag)?;
                    listen = Some(text.parse::<SocketAddr>().map_err(|_| {
                        format!("--listen: expected an address like 127.0.0.1:8080, found {text:?}")
                    })?);
                }
                "--now" => now = Some(parse_instant(&flag, &flags.value(&flag)?)?),
                other => {
                    return Err(format!(
                        "{other}: unknown flag\nusage: service --listen ADDRESS:PORT [--now INSTANT]"
                    ))
                }
            }
        }
        Ok(())
    })();
    let listen = match (parsed, listen) {
        (Ok(()), Some(listen)) => listen,
        (Ok(()), None) => {
            eprintln!("service: --listen: expected an address like 127.0.0.1:8080");
            return ExitCode::from(2);
        }
        (Err(message), _) => {
            eprintln!("service: {message}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("service: {err}");
            return ExitCode::FAILURE;
        }
    };
    let served: Result<(), String> = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|err| format!("--listen: {listen}: {err}"))?;
        let address = listener.local_addr().map_err(|err| err.to_string())?;
        let app = Arc::new(App {
            clock: clock(now),
            jobs: Mutex::new(HashMap::new()),
            prefix: std::process::id() ^ Utc::now().timestamp_subsec_nanos(),
            next_id: AtomicU64::new(1),
        });
        // The first line says where (with the port chosen for port 0).
        println!("listening on {address}");
        axum::serve(listener, router(app))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|err| err.to_string())
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("service: {message}");
            ExitCode::FAILURE
        }
    }
}
