//! The scheduler's questions on the command line (issue 13): `prev`,
//! `count`, `missed`, `load` and `next --stagger-*`, run as a separate
//! process.
//!
//! Every expected value is derived by hand in a comment from the rules of
//! the README's tables (or, for staggering, from an FNV-1a written here),
//! never copied from the tool's output.

#![cfg(feature = "cli")]

mod common;

use serde_json::{json, Value};

use common::cli::{hours, run, Run, TempFile};

/// Runs `command` on the document in `file`, with the flags of `flags`
/// (split at spaces).
fn ask(file: &TempFile, command_and_flags: &str) -> Run {
    let mut words = command_and_flags.split(' ');
    let command = words.next().expect("a command");
    let mut args = vec![command, "--policy", file.path()];
    args.extend(words);
    run(&args, None)
}

/// Daily on workdays at 22:00 UTC, window Mon-Fri 22:00-06:00 UTC (the
/// night from each workday to the next morning), with an id and a name.
fn nightly(id: &str, name: &str) -> Value {
    let window =
        hours(|day, hour| (1..=5).contains(&day) && hour >= 22 || (2..=6).contains(&day) && hour < 6);
    json!({
        "id": id,
        "name": name,
        "schedulePolicy": {
            "type": "DailyAtTime",
            "dailyType": "Workdays",
            "dailyTime": "22:00:00",
            "backupCopyWindowEnabled": true,
            "backupCopyWindowSettings": { "backupWindow": window, "minuteOffset": 0 }
        }
    })
}

/// Every 4 hours, no window: runs at 00:00, 04:00, ... UTC.
fn every_4_hours() -> Value {
    json!({ "type": "Periodically", "periodicallyEvery": "Hours4" })
}

fn immediate() -> Value {
    json!({ "type": "Immediate" })
}

/// 64-bit FNV-1a, written from its definition (offset basis
/// 0xcbf29ce484222325, prime 0x100000001b3), independent of the library.
fn fnv1a(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn fnv1a_here_is_the_published_test_vector() {
    // The FNV reference's vectors: "" and "a", "foobar".
    assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a("foobar"), 0x8594_4171_f739_67e8);
}

// ---------------------------------------------------------------- prev

#[test]
fn prev_lists_the_runs_before_latest_first() {
    let job = TempFile::json(&nightly("j-1", "nightly"));
    // Before Monday 2026-11-30 12:00: the workday 22:00 runs before it are
    // Fri 11-27, Thu 11-26, Wed 11-25 (the weekend has none).
    let run = ask(&job, "prev --before 2026-11-30T12:00:00Z --count 3");
    run.assert_clean();
    assert_eq!(
        run.lines(),
        [
            "2026-11-27T22:00:00Z",
            "2026-11-26T22:00:00Z",
            "2026-11-25T22:00:00Z"
        ]
    );
    // Strictly before: a run at --before is not listed.
    let run = ask(&job, "prev --before 2026-11-27T22:00:00Z --count 1");
    assert_eq!(run.lines(), ["2026-11-26T22:00:00Z"]);
}

#[test]
fn prev_of_immediate_prints_nothing() {
    let policy = TempFile::json(&immediate());
    let run = ask(&policy, "prev --before 2026-11-30T00:00:00Z");
    assert_eq!(run.code, Some(0));
    assert_eq!(run.stdout, "");
}

#[test]
fn prev_in_a_zone_reads_the_grid_on_the_wall_clock() {
    // Every 4 hours in Europe/Berlin (UTC+01:00 in winter): local 00:00,
    // 04:00, 08:00 are 23:00Z, 03:00Z, 07:00Z. Before 2026-12-01 08:30Z
    // (09:30 local): 07:00Z, 03:00Z, then 23:00Z on 11-30.
    let policy = TempFile::json(&every_4_hours());
    let run = ask(
        &policy,
        "prev --zone Europe/Berlin --before 2026-12-01T08:30:00Z --count 3",
    );
    run.assert_clean();
    assert_eq!(
        run.lines(),
        [
            "2026-12-01T07:00:00Z",
            "2026-12-01T03:00:00Z",
            "2026-11-30T23:00:00Z"
        ]
    );
}

// ---------------------------------------------------------------- count

#[test]
fn count_is_the_runs_in_the_half_open_range() {
    let job = TempFile::json(&nightly("j-1", "nightly"));
    // November 2026 starts on a Sunday: its workdays are 2-6, 9-13, 16-20,
    // 23-27 and 30, 21 of them, each with a run at 22:00.
    let run = ask(
        &job,
        "count --from 2026-11-01T00:00:00Z --until 2026-12-01T00:00:00Z",
    );
    run.assert_clean();
    assert_eq!(run.lines(), ["21"]);
    // [from, until): a run at --from counts, one at --until does not.
    // From Mon 11-30 22:00 to Tue 12-01 22:00: only Monday's.
    let run = ask(
        &job,
        "count --from 2026-11-30T22:00:00Z --until 2026-12-01T22:00:00Z",
    );
    assert_eq!(run.lines(), ["1"]);
}

#[test]
fn count_over_a_century_is_whole_weeks() {
    // Every 4 hours: 6 runs a day. 2000-01-01 to 2100-01-01 is 36,525 days
    // (25 leap years of 2000-2099 counted: 2000 is one, 2100 is outside).
    let policy = TempFile::json(&every_4_hours());
    let run = ask(
        &policy,
        "count --from 2000-01-01T00:00:00Z --until 2100-01-01T00:00:00Z",
    );
    run.assert_clean();
    assert_eq!(run.lines(), [(36_525u64 * 6).to_string()]);
}

#[test]
fn count_of_immediate_is_zero() {
    let policy = TempFile::json(&immediate());
    let run = ask(
        &policy,
        "count --from 2026-01-01T00:00:00Z --until 2027-01-01T00:00:00Z",
    );
    run.assert_clean();
    assert_eq!(run.lines(), ["0"]);
}

#[test]
fn count_refuses_until_before_from_naming_until() {
    let policy = TempFile::json(&every_4_hours());
    let run = ask(
        &policy,
        "count --from 2026-11-01T00:00:00Z --until 2026-10-01T00:00:00Z",
    );
    assert!(run.assert_bad_input().starts_with("--until: "), "{}", run.stderr);
    let missing = ask(&policy, "count --from 2026-11-01T00:00:00Z");
    assert!(
        missing.assert_bad_input().contains("--until"),
        "{}",
        missing.stderr
    );
    let bad = ask(&policy, "count --from yesterday --until 2026-10-01T00:00:00Z");
    assert!(bad.assert_bad_input().starts_with("--from: "), "{}", bad.stderr);
}

// ---------------------------------------------------------------- missed

fn missed(policy: &Value, args: &[&str]) -> Value {
    let file = TempFile::json(policy);
    let mut all = vec!["missed", "--policy", file.path()];
    all.extend_from_slice(args);
    let run = run(&all, None);
    run.assert_clean();
    assert_eq!(run.lines().len(), 1, "{}", run.stdout);
    serde_json::from_str(&run.stdout).expect("one JSON object")
}

#[test]
fn missed_runs_and_the_default_catch_up_once() {
    // Down from Wed 11-25 00:00 to Mon 11-30 12:00: missed Wed, Thu, Fri at
    // 22:00. Once: one catch-up, at the first open instant at or after now:
    // Monday 12:00 is closed, the window opens at 22:00.
    let answer = missed(
        &nightly("j-1", "nightly"),
        &["--since", "2026-11-25T00:00:00Z", "--now", "2026-11-30T12:00:00Z"],
    );
    assert_eq!(
        answer,
        json!({
            "missed": 3,
            "first": "2026-11-25T22:00:00Z",
            "latest": "2026-11-27T22:00:00Z",
            "catchUp": { "runs": 1, "start": "2026-11-30T22:00:00Z" }
        })
    );
}

#[test]
fn missed_writes_its_members_in_the_documented_order() {
    let file = TempFile::json(&nightly("j-1", "nightly"));
    let run = ask(
        &file,
        "missed --since 2026-11-25T00:00:00Z --now 2026-11-30T12:00:00Z",
    );
    let positions: Vec<usize> = ["\"missed\"", "\"first\"", "\"latest\"", "\"catchUp\""]
        .iter()
        .map(|member| run.stdout.find(member).expect("member present"))
        .collect();
    assert!(
        positions.windows(2).all(|pair| pair[0] < pair[1]),
        "{}",
        run.stdout
    );
}

#[test]
fn catch_up_policies_cap_and_lateness() {
    let job = nightly("j-1", "nightly");
    let down = ["--since", "2026-11-25T00:00:00Z", "--now", "2026-11-30T12:00:00Z"];
    let with = |extra: &[&str]| {
        let mut args = down.to_vec();
        args.extend_from_slice(extra);
        missed(&job, &args)["catchUp"].clone()
    };
    // Skip: nothing.
    assert_eq!(with(&["--catch-up", "skip"]), json!({ "runs": 0, "start": null }));
    // All: one for each of the 3 late runs; capped at 2.
    assert_eq!(with(&["--catch-up", "all"])["runs"], 3);
    assert_eq!(with(&["--catch-up", "all", "--cap", "2"])["runs"], 2);
    // At most 3 days late: now - r <= 72 h keeps Fri 11-27 22:00 (62 h) and
    // drops Thu (86 h) and Wed (110 h): one late run.
    assert_eq!(
        with(&["--catch-up", "all", "--max-lateness", "3d"]),
        json!({ "runs": 1, "start": "2026-11-30T22:00:00Z" })
    );
    // At most an hour late: none is, so no catch-up, though 3 were missed.
    let answer = missed(&job, &[&down[..], &["--max-lateness", "1h"]].concat());
    assert_eq!(answer["missed"], 3);
    assert_eq!(answer["catchUp"], json!({ "runs": 0, "start": null }));
}

#[test]
fn a_run_missed_just_before_the_window_closed_catches_up_at_the_next_opening() {
    // Every 4 hours, window Mon-Fri 22:00-06:00 UTC as above. The triggers
    // of Tue 12-01 00:00 and 04:00 run then (open). Down from Tue 03:00 to
    // Tue 07:00: missed the 04:00 run; now (07:00) is closed; the window
    // opens again Tue 22:00.
    let mut job = nightly("j-2", "four-hourly");
    job["schedulePolicy"]["type"] = json!("Periodically");
    job["schedulePolicy"]["periodicallyEvery"] = json!("Hours4");
    let answer = missed(
        &job,
        &["--since", "2026-12-01T03:00:00Z", "--now", "2026-12-01T07:00:00Z"],
    );
    assert_eq!(
        answer,
        json!({
            "missed": 1,
            "first": "2026-12-01T04:00:00Z",
            "latest": "2026-12-01T04:00:00Z",
            "catchUp": { "runs": 1, "start": "2026-12-01T22:00:00Z" }
        })
    );
}

#[test]
fn missed_of_immediate_is_nothing() {
    let answer = missed(
        &immediate(),
        &["--since", "2026-11-01T00:00:00Z", "--now", "2026-12-01T00:00:00Z"],
    );
    assert_eq!(
        answer,
        json!({ "missed": 0, "first": null, "latest": null, "catchUp": { "runs": 0, "start": null } })
    );
}

#[test]
fn missed_flags_are_checked_and_named() {
    let file = TempFile::json(&every_4_hours());
    let bad = |args: &[&str], flag: &str| {
        let mut all = vec!["missed", "--policy", file.path()];
        all.extend_from_slice(args);
        let run = run(&all, None);
        let line = run.assert_bad_input().to_owned();
        assert!(line.starts_with(flag), "{args:?}: {line}");
    };
    bad(
        &["--since", "2026-11-02T00:00:00Z", "--now", "2026-11-01T00:00:00Z"],
        "--now: ",
    );
    bad(
        &["--since", "2026-11-01T00:00:00Z", "--max-lateness", "soon"],
        "--max-lateness: ",
    );
    bad(
        &[
            "--since",
            "2026-11-01T00:00:00Z",
            "--cap",
            "-1",
            "--catch-up",
            "all",
        ],
        "--cap: ",
    );
    bad(&["--since", "2026-11-01T00:00:00Z", "--cap", "3"], "--cap: ");
    bad(&["--since", "later"], "--since: ");
}

// ---------------------------------------------------------------- stagger

#[test]
fn next_staggered_by_the_job_id() {
    // The run of Mon 11-30 22:00 has its window close at Tue 06:00 (8 h)
    // and the next run at Tue 22:00 (24 h): the limit is the 2-hour maximum,
    // 7200 s. The delay: FNV-1a("j-1") mod 7200.
    let job = TempFile::json(&nightly("j-1", "nightly"));
    let delay = fnv1a("j-1") % 7200;
    let run = ask(
        &job,
        "next --after 2026-11-30T12:00:00Z --count 2 --stagger-max 2h",
    );
    run.assert_clean();
    let expected: Vec<String> = ["11-30", "12-01"]
        .iter()
        .map(|day| start_text(start_of(day, delay)))
        .collect();
    assert_eq!(run.lines(), expected);
}

/// 22:00 UTC of 2026-`day`, plus `delay` seconds.
fn start_of(day: &str, delay: u64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(&format!("2026-{day}T22:00:00Z"))
        .unwrap()
        .with_timezone(&chrono::Utc)
        + chrono::TimeDelta::seconds(delay as i64)
}

/// As the tool writes an instant: whole seconds, `Z`.
fn start_text(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[test]
fn the_stagger_is_capped_by_the_window_close() {
    // Daily at 22:00 with the window open 22:00-23:00 only: the limit is
    // the 3600 s to the close, below the 2-hour maximum.
    let mut job = nightly("j-1", "nightly");
    job["schedulePolicy"]["backupCopyWindowSettings"]["backupWindow"] = json!(hours(|_, hour| hour == 22));
    job["schedulePolicy"]["dailyType"] = json!("Everyday");
    let file = TempFile::json(&job);
    let key = "backup-42";
    let run = ask(
        &file,
        &format!("next --after 2026-11-30T12:00:00Z --count 1 --stagger-key {key} --stagger-max 2h"),
    );
    run.assert_clean();
    assert_eq!(run.lines(), [start_text(start_of("11-30", fnv1a(key) % 3600))]);
}

#[test]
fn the_stagger_is_capped_by_the_next_run() {
    // Every 4 hours, no window: the limit is the 4 hours to the next run
    // when the maximum is a day. After 12:00, the runs at 16:00 and 20:00.
    let file = TempFile::json(&every_4_hours());
    let key = "job-7";
    let delay = fnv1a(key) % (4 * 3600);
    let run = ask(
        &file,
        &format!("next --after 2026-11-30T12:00:00Z --count 2 --stagger-key {key} --stagger-max 1d"),
    );
    run.assert_clean();
    let at = |hour: i64| {
        start_text(
            chrono::DateTime::parse_from_rfc3339("2026-11-30T00:00:00Z")
                .unwrap()
                .with_timezone(&chrono::Utc)
                + chrono::TimeDelta::seconds(hour * 3600 + delay as i64),
        )
    };
    // The 12:00 run's start (12:00 + delay, before 16:00) may still be after
    // 12:00 itself: it comes first when the delay is not zero.
    let expected = if delay > 0 {
        vec![at(12), at(16)]
    } else {
        vec![at(16), at(20)]
    };
    assert_eq!(run.lines(), expected);
}

#[test]
fn next_json_with_a_stagger_adds_the_start() {
    let job = TempFile::json(&nightly("j-1", "nightly"));
    let run = ask(
        &job,
        "next --after 2026-11-30T12:00:00Z --count 1 --stagger-max 2h --format json",
    );
    run.assert_clean();
    let runs: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        runs,
        json!([{
            "run": "2026-11-30T22:00:00Z",
            "trigger": "2026-11-30T22:00:00Z",
            "deadline": "2026-12-01T06:00:00Z",
            "start": start_text(start_of("11-30", fnv1a("j-1") % 7200)),
        }])
    );
}

#[test]
fn stagger_flags_are_checked_and_named() {
    let policy = TempFile::json(&every_4_hours());
    // A bare policy has no id to stagger by.
    let run = ask(&policy, "next --stagger-max 1h");
    assert!(
        run.assert_bad_input().starts_with("--stagger-key: "),
        "{}",
        run.stderr
    );
    let run = common::cli::run(
        &[
            "next",
            "--policy",
            policy.path(),
            "--stagger-key",
            "a",
            "--stagger-max",
            "1 fortnight",
        ],
        None,
    );
    assert!(
        run.assert_bad_input().starts_with("--stagger-max: "),
        "{}",
        run.stderr
    );
    // --stagger-key alone is a usage error naming --stagger-max.
    let run = ask(&policy, "next --stagger-key a");
    assert!(run.assert_bad_input().contains("--stagger-max"), "{}", run.stderr);
}

// ---------------------------------------------------------------- load

#[test]
fn load_counts_a_fleet_and_names_the_busiest_hour() {
    // Twenty identical nightly jobs: the week of Sunday 2026-11-29 has a
    // run of each at 22:00 UTC Monday to Friday: 20 in each of those five
    // cells, 100 in all; the busiest is the first of them, Monday 22:00.
    let jobs: Vec<Value> = (0..20)
        .map(|i| nightly(&format!("j-{i}"), &format!("n{i}")))
        .collect();
    let page = TempFile::json(&json!({ "offset": 0, "limit": 30, "results": jobs }));
    let run = ask(&page, "load --week-of 2026-12-02T10:00:00Z --format json");
    run.assert_clean();
    let load: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut counts = vec![0u64; 168];
    for day in 1..=5 {
        counts[day * 24 + 22] = 20;
    }
    assert_eq!(
        load,
        json!({
            "weekOf": "2026-11-29",
            "clock": "UTC",
            "jobs": 20,
            "counts": counts,
            "busiest": { "hour": 24 + 22, "runs": 20 }
        })
    );
    // The text: a header, seven rows, the busiest hour.
    let text = ask(&page, "load --week-of 2026-12-02T10:00:00Z");
    text.assert_clean();
    let lines = text.lines();
    assert_eq!(lines.len(), 1 + 1 + 7 + 1, "{}", text.stdout);
    assert!(lines[0].contains("2026-11-29") && lines[0].contains("20 jobs") && lines[0].contains("100 runs"));
    assert!(lines[3].starts_with("Mon"));
    assert_eq!(
        lines[3].split_whitespace().nth(1 + 22),
        Some("20"),
        "{}",
        lines[3]
    );
    assert_eq!(lines[9], "Busiest hour: Mon 22:00-23:00 UTC, 20 runs");
}

#[test]
fn load_with_a_stagger_spreads_each_job_by_its_id() {
    // Each job starts at 22:00 + FNV-1a(id) mod 7200 s: in hour 22 when the
    // delay is under 3600 s, else in hour 23.
    let ids: Vec<String> = (0..20).map(|i| format!("j-{i}")).collect();
    let jobs: Vec<Value> = ids.iter().map(|id| nightly(id, "n")).collect();
    let page = TempFile::json(&json!(jobs));
    let run = ask(
        &page,
        "load --week-of 2026-12-02T10:00:00Z --stagger-max 2h --format json",
    );
    run.assert_clean();
    let load: Value = serde_json::from_str(&run.stdout).unwrap();
    let early = ids.iter().filter(|id| fnv1a(id) % 7200 < 3600).count() as u64;
    let mut counts = vec![0u64; 168];
    for day in 1..=5 {
        counts[day * 24 + 22] = early;
        counts[day * 24 + 23] = 20 - early;
    }
    assert_eq!(load["counts"], json!(counts));
}

#[test]
fn load_in_a_zone_uses_the_wall_clock_week() {
    // Every 4 hours in Asia/Kolkata (UTC+05:30 all year): local runs at
    // 00:00, 04:00, ... 20:00, six a day, 42 in the local week.
    let policy = TempFile::json(&every_4_hours());
    let run = ask(
        &policy,
        "load --zone Asia/Kolkata --week-of 2026-12-02T10:00:00Z --format json",
    );
    run.assert_clean();
    let load: Value = serde_json::from_str(&run.stdout).unwrap();
    let counts: Vec<u64> = (0..168).map(|hour| u64::from(hour % 4 == 0)).collect();
    assert_eq!(load["clock"], "Asia/Kolkata");
    assert_eq!(load["counts"], json!(counts));
}

#[test]
fn load_answers_the_good_jobs_of_a_list_and_names_the_bad_one() {
    let jobs = json!([nightly("j-1", "good"), { "id": "j-2", "name": "bad", "schedulePolicy": { "type": "Hourly" } }]);
    let page = TempFile::json(&jobs);
    let run = ask(&page, "load --week-of 2026-12-02T10:00:00Z --format json");
    assert_eq!(run.code, Some(2));
    let load: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(load["jobs"], 1);
    assert!(
        run.stderr.contains("\"bad\"") && run.stderr.contains("schedulePolicy.type"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------- backup jobs

/// A backup job: every 2 hours at offset 15, permitted hours 09:00-17:00
/// UTC every day (hour h covers [h:15, h+1:15) with the offset), no backup
/// window. Runs (issue 11's rule): 00:15 .. 08:15 wait for 09:15 and
/// coalesce into one run there, then 10:15, 12:15, 14:15, 16:15; 18:15 ..
/// 22:15 wait for the next 09:15.
fn backup_every_2h_permitted_9_17() -> Value {
    json!({
        "id": "b-1",
        "name": "mail",
        "schedulePolicy": {
            "type": "Periodically",
            "periodicallyEvery": "Hours2",
            "periodicallyOffsetMinutes": 15,
            "periodicallyWindowEnabled": true,
            "periodicallyWindowSettings": {
                "backupWindow": hours(|_, hour| (9..17).contains(&hour)),
                "minuteOffset": 0
            }
        }
    })
}

#[test]
fn the_queries_answer_for_backup_jobs() {
    let job = TempFile::json(&backup_every_2h_permitted_9_17());
    // Five runs a day: 09:15, 10:15, 12:15, 14:15, 16:15.
    let before = ask(&job, "prev --before 2026-12-01T10:00:00Z --count 3");
    before.assert_clean();
    assert_eq!(
        before.lines(),
        [
            "2026-12-01T09:15:00Z",
            "2026-11-30T16:15:00Z",
            "2026-11-30T14:15:00Z"
        ]
    );
    // A week: 35 runs.
    let count = ask(
        &job,
        "count --from 2026-11-29T00:00:00Z --until 2026-12-06T00:00:00Z",
    );
    count.assert_clean();
    assert_eq!(count.lines(), ["35"]);
    // Down from 11-30 13:00 to 12-01 08:00 (closed): missed 14:15 and 16:15;
    // the catch-up waits for the permitted hours, 09:15.
    let file = TempFile::json(&backup_every_2h_permitted_9_17());
    let run = run(
        &[
            "missed",
            "--policy",
            file.path(),
            "--since",
            "2026-11-30T13:00:00Z",
            "--now",
            "2026-12-01T08:00:00Z",
        ],
        None,
    );
    run.assert_clean();
    let answer: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        answer,
        json!({
            "missed": 2,
            "first": "2026-11-30T14:15:00Z",
            "latest": "2026-11-30T16:15:00Z",
            "catchUp": { "runs": 1, "start": "2026-12-01T09:15:00Z" }
        })
    );
    // The week's grid: one start in hours 9, 10, 12, 14 and 16 of each day.
    let load = ask(&job, "load --week-of 2026-12-02T00:00:00Z --format json");
    load.assert_clean();
    let load: Value = serde_json::from_str(&load.stdout).unwrap();
    let counts: Vec<u64> = (0..168)
        .map(|hour| u64::from([9, 10, 12, 14, 16].contains(&(hour % 24))))
        .collect();
    assert_eq!(load["counts"], json!(counts));
}

#[test]
fn a_manual_only_backup_job_has_no_runs_to_count_or_miss() {
    let manual = TempFile::json(&json!({ "type": "ManualOnly" }));
    let count = ask(
        &manual,
        "count --from 2026-01-01T00:00:00Z --until 2027-01-01T00:00:00Z",
    );
    count.assert_clean();
    assert_eq!(count.lines(), ["0"]);
    let missed = ask(
        &manual,
        "missed --since 2026-01-01T00:00:00Z --now 2027-01-01T00:00:00Z",
    );
    missed.assert_clean();
    let answer: Value = serde_json::from_str(&missed.stdout).unwrap();
    assert_eq!(answer["missed"], 0);
    assert_eq!(answer["catchUp"], json!({ "runs": 0, "start": null }));
}
