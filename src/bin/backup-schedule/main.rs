//! `backup-schedule`: when does this backup copy job run next?
//!
//! A thin layer over the `backup_schedule` library: it parses the command
//! line, reads the policy, asks the engine, and renders the answer. The only
//! clock reading in the whole crate is the default of `--after`.
//!
//! Exit codes: 0 on success (also when stdout is closed early, as by
//! `| head -1`), 2 on any bad input (one line on stderr, nothing on stdout),
//! 1 when writing the output fails otherwise, or when `check --strict` finds
//! an offset drift that moves the window.

mod drift;
mod frame;
mod render;

use std::fs;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use backup_schedule::vb365::{CopyJob, CopyJobSchedulePolicy};
use backup_schedule::{Error, MinuteOffset, Schedule, Timetable, Trigger, TzSource, Window, Zone, Zoned};
use chrono::{DateTime, Months, Utc};
use clap::error::ErrorKind;
use clap::{Args, Parser, Subcommand, ValueEnum};

use frame::Evaluated;

/// The built-in example: the response of the API page's `POST /v6/CopyJobs`.
const SEED: &str = include_str!("../../../data/seed-copy-job-response.json");

/// How many runs `next` and `explain` print unless told otherwise.
const DEFAULT_COUNT: usize = 5;

/// How far ahead `check --zone` compares the offsets.
const DRIFT_MONTHS: u32 = 12;

/// When does a backup copy job run next?
///
/// Reads the `schedulePolicy` of a Veeam Backup for Microsoft 365 backup copy
/// job (`POST /v6/CopyJobs`), alone or inside a copy job document, and
/// computes its runs, held to its backup copy window. All instants are UTC.
/// Without a command, shows the built-in example copy job.
#[derive(Parser, Debug)]
#[command(name = "backup-schedule", version, verbatim_doc_comment)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the next runs, one RFC 3339 UTC instant per line
    ///
    /// For an Immediate schedule, which has no timed runs, prints when a copy
    /// of a restore point appearing at --after would start.
    ///
    /// With --format json, prints a JSON array with one object per line:
    /// {"run": ..., "trigger": ..., "deadline": ...}, RFC 3339 UTC strings
    /// as the text form prints them; the trigger is the earliest one the run
    /// serves (for Immediate, --after), and the deadline, when the window
    /// closes on the run, is null when it never does.
    #[command(verbatim_doc_comment)]
    Next {
        #[command(flatten)]
        policy: PolicyArg,
        #[command(flatten)]
        zone: ZoneArg,
        /// Print runs strictly after this RFC 3339 instant [default: now].
        #[arg(long, value_name = "INSTANT")]
        after: Option<String>,
        /// How many runs to print [default: 5].
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        count: Option<String>,
        /// How to print the runs
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Explain the next runs: trigger, wait for the window, deadline
    ///
    /// The first line describes the schedule in one sentence. Then one line
    /// per run: the run (RFC 3339 UTC), its trigger, whether the window was
    /// open then or the trigger waited for it to open (in the window's local
    /// time), and the deadline by which the window closes on the run. For
    /// Immediate: the copy of a restore point appearing at --after. With
    /// --zone, times of day are the zone's, labelled with its abbreviation
    /// (CET) or, where it has none, its offset (UTC+03:00), and the second
    /// line says where the zone's data comes from and its version.
    #[command(verbatim_doc_comment)]
    Explain {
        #[command(flatten)]
        policy: PolicyArg,
        #[command(flatten)]
        zone: ZoneArg,
        /// Explain runs strictly after this RFC 3339 instant [default: now].
        #[arg(long, value_name = "INSTANT")]
        after: Option<String>,
        /// How many runs to explain [default: 5].
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        count: Option<String>,
    },
    /// Show the backup copy window (a grid and text), or write one (--set)
    ///
    /// Shows the window as a week of local hours, and under it as text.
    /// The grid is coloured only when standard output is a terminal and
    /// NO_COLOR is unset or empty.
    ///
    /// With --set "Mon-Fri 22:00-06:00" [--offset MINUTES], prints the
    /// backupCopyWindowSettings JSON object ({"backupWindow": [168 booleans],
    /// "minuteOffset": MINUTES}) to paste into an API call. The text names
    /// the allowed hours of the local week: items of days and hour ranges
    /// separated by "," (Mon-Fri 22:00-06:00, Sat+Sun 00:00-24:00); a range
    /// that ends at or before its start runs past midnight; "always" and
    /// "never" are the whole week and no hour.
    #[command(verbatim_doc_comment)]
    Window {
        #[command(flatten)]
        policy: PolicyArg,
        #[command(flatten)]
        zone: ZoneArg,
        /// Write the backupCopyWindowSettings for this text instead of
        /// showing a policy's window
        #[arg(long, value_name = "TEXT", conflicts_with_all = ["policy", "zone", "tzdata"], verbatim_doc_comment)]
        set: Option<String>,
        /// With --set: the minuteOffset, minutes east of UTC (-1439..=1439)
        /// [default: 0]
        #[arg(
            long,
            value_name = "MINUTES",
            requires = "set",
            allow_negative_numbers = true,
            verbatim_doc_comment
        )]
        offset: Option<String>,
    },
    /// Validate the policy and print it in normalized form (JSON)
    ///
    /// With --zone, also compares the policy's fixed minuteOffset with the
    /// zone's real UTC offsets over the 12 months from --after, and reports
    /// each period where they differ and what that does to the window. The
    /// report goes to standard error: a line saying where the zone's data
    /// comes from and its version, then one line per period (or one line
    /// saying there is no drift), so that standard output stays the JSON.
    /// The exit status is 0 either way unless --strict is given.
    #[command(verbatim_doc_comment)]
    Check {
        #[command(flatten)]
        policy: PolicyArg,
        /// Report where this IANA time zone's real UTC offset (e.g.
        /// Europe/Berlin's, with daylight saving) differs from minuteOffset
        #[arg(long, value_name = "NAME", verbatim_doc_comment)]
        zone: Option<String>,
        #[command(flatten)]
        tzdata: TzDataArg,
        /// With --zone: compare the offsets from this RFC 3339 instant
        /// [default: now]
        #[arg(long, value_name = "INSTANT", requires = "zone", verbatim_doc_comment)]
        after: Option<String>,
        /// With --zone: exit with status 1 when a drift moves the window
        /// (a drift has no effect when the window is not enabled, or
        /// allows every hour or none)
        #[arg(long, requires = "zone", verbatim_doc_comment)]
        strict: bool,
    },
}

#[derive(Args, Debug)]
struct PolicyArg {
    /// A schedulePolicy object, or a document with a schedulePolicy member
    /// (a copy job); `-` reads standard input
    /// [default: the built-in example copy job]
    #[arg(long, value_name = "FILE", verbatim_doc_comment)]
    policy: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct ZoneArg {
    /// Evaluate the policy in this IANA time zone (e.g. Europe/Berlin):
    /// dailyTime, the days, the Periodically grid and the window's hours
    /// are its wall-clock time, daylight saving included, and minuteOffset
    /// is not used
    #[arg(long, value_name = "NAME", verbatim_doc_comment)]
    zone: Option<String>,
    #[command(flatten)]
    tzdata: TzDataArg,
}

#[derive(Args, Debug)]
struct TzDataArg {
    /// With --zone: where the zone's data comes from: the system's tz
    /// database (TZif files under $TZDIR or /usr/share/zoneinfo), the one
    /// built into this program, or chrono-tz's (if built in)
    /// [default: the newest of them; the system's on a tie]
    #[arg(
        long,
        value_enum,
        value_name = "SOURCE",
        requires = "zone",
        verbatim_doc_comment
    )]
    tzdata: Option<TzData>,
}

/// `--tzdata`: a [`TzSource`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum TzData {
    System,
    Bundled,
    ChronoTz,
}

impl From<TzData> for TzSource {
    fn from(tzdata: TzData) -> TzSource {
        match tzdata {
            TzData::System => TzSource::System,
            TzData::Bundled => TzSource::Bundled,
            TzData::ChronoTz => TzSource::ChronoTz,
        }
    }
}

/// How `next` prints its runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One RFC 3339 UTC instant per line
    Text,
    /// A JSON array of {"run", "trigger", "deadline"} (null: none)
    Json,
}

/// Why the tool stops early.
enum Failure {
    /// Bad input: the message names the flag or field, on one line.
    Input(String),
    /// Writing the output failed.
    Output(io::Error),
    /// `check --strict` found a drift that moves the window (already reported).
    Drift,
}

impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Failure {
        Failure::Output(err)
    }
}

impl From<backup_schedule::Error> for Failure {
    fn from(err: backup_schedule::Error) -> Failure {
        Failure::Input(err.to_string())
    }
}

fn main() -> ExitCode {
    let outcome = match Cli::try_parse() {
        Ok(cli) => run(cli),
        Err(err) => usage_failure(&err),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            report(&message);
            ExitCode::from(2)
        }
        Err(Failure::Drift) => ExitCode::from(1),
        // The reader went away (`| head -1`): nothing left to do.
        Err(Failure::Output(err)) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(err)) => {
            report(&format!("cannot write to standard output: {err}"));
            ExitCode::from(1)
        }
    }
}

/// Help and version are printed as clap writes them; any other clap error
/// becomes its first line, without clap's `error: ` prefix.
fn usage_failure(err: &clap::Error) -> Result<(), Failure> {
    if matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return err.print().map_err(Failure::Output);
    }
    let rendered = err.render().to_string();
    let mut lines = rendered.lines().map(str::trim).skip_while(|line| line.is_empty());
    let first = lines.next().unwrap_or("invalid command line");
    let mut message = first.strip_prefix("error: ").unwrap_or(first).to_owned();
    // "the following required arguments were not provided:" is followed by
    // the arguments, one per line: they belong to the message.
    if message.ends_with(':') {
        for line in lines.take_while(|line| !line.is_empty()) {
            message.push(' ');
            message.push_str(line);
        }
    }
    Err(Failure::Input(message))
}

/// Writes `message` to stderr as exactly one line.
fn report(message: &str) {
    let line = message.replace('\r', "\\r").replace('\n', "\\n");
    // Nothing sensible is left to do if stderr is gone.
    let _ = writeln!(io::stderr().lock(), "{line}");
}

fn run(cli: Cli) -> Result<(), Failure> {
    let stdout = io::stdout().lock();
    let colour = render::colour_wanted(
        io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    );
    let mut out = BufWriter::new(stdout);
    match cli.command {
        None => overview(&mut out, colour)?,
        Some(Command::Next {
            policy,
            zone,
            after,
            count,
            format,
        }) => {
            let after = after.as_deref().map(parse_after).transpose()?;
            let count = count.as_deref().map(parse_count).transpose()?;
            let zone = zone_arg(&zone)?;
            let schedule = Schedule::try_from(&read_policy(policy.policy.as_deref())?)?;
            let evaluated = Zoned::new(schedule, zone.as_ref());
            let after = after.unwrap_or_else(Utc::now);
            let count = count.unwrap_or(DEFAULT_COUNT);
            match format {
                Format::Text => next(&mut out, &evaluated, after, count)?,
                Format::Json => next_json(&mut out, &evaluated, after, count)?,
            }
        }
        Some(Command::Explain {
            policy,
            zone,
            after,
            count,
        }) => {
            let after = after.as_deref().map(parse_after).transpose()?;
            let count = count.as_deref().map(parse_count).transpose()?;
            let zone = zone_arg(&zone)?;
            let schedule = Schedule::try_from(&read_policy(policy.policy.as_deref())?)?;
            let evaluated = Zoned::new(schedule, zone.as_ref());
            let after = after.unwrap_or_else(Utc::now);
            explain(&mut out, &evaluated, after, count.unwrap_or(DEFAULT_COUNT))?;
        }
        Some(Command::Window {
            policy,
            zone,
            set,
            offset,
        }) => match set {
            Some(text) => {
                let minute_offset = offset.as_deref().map(parse_offset).transpose()?.unwrap_or(0);
                let window = Window::parse_with_offset(&text, minute_offset)
                    .map_err(|err| Failure::Input(format!("--set: {err}")))?;
                render::window_settings(&mut out, &window)?;
            }
            None => {
                let zone = zone_arg(&zone)?;
                let schedule = Schedule::try_from(&read_policy(policy.policy.as_deref())?)?;
                render::window(&mut out, &schedule, zone.as_ref().map(Zone::name), colour)?;
            }
        },
        Some(Command::Check {
            policy,
            zone,
            tzdata,
            after,
            strict,
        }) => {
            let after = after.as_deref().map(parse_after).transpose()?;
            let zone = zone
                .as_deref()
                .map(|name| parse_zone(name, tzdata.tzdata))
                .transpose()?;
            let policy = read_policy(policy.policy.as_deref())?;
            check(&mut out, &policy, zone.as_ref(), after, strict)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `check`: the normalized policy on stdout; with a zone, the offset drift
/// report on stderr, and `Failure::Drift` when `strict` and a drift moves
/// the window.
fn check(
    out: &mut impl Write,
    policy: &CopyJobSchedulePolicy,
    zone: Option<&Zone>,
    after: Option<DateTime<Utc>>,
    strict: bool,
) -> Result<(), Failure> {
    let normal = policy.normalized()?;
    let json = serde_json::to_string_pretty(&normal).map_err(|err| Failure::Output(io::Error::other(err)))?;
    writeln!(out, "{json}")?;
    let Some(zone) = zone else {
        return Ok(());
    };
    // The JSON first, then the report.
    out.flush()?;
    let from = after.unwrap_or_else(Utc::now);
    let until = from
        .checked_add_months(Months::new(DRIFT_MONTHS))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    let schedule = Schedule::try_from(&normal)?;
    let offset = drift::policy_minute_offset(&normal, &schedule);
    let drifts = zone.offset_drift(offset, from, until);
    report(&render::zone_data(zone));
    let mut moves_window = false;
    for (line, moves) in drift::report_lines(zone, &schedule, offset, from, until, &drifts) {
        report(&line);
        moves_window |= moves;
    }
    if strict && moves_window {
        return Err(Failure::Drift);
    }
    Ok(())
}

/// `next`: up to `count` runs, or for an Immediate schedule the start for a
/// restore point at `after`. A window that never opens gives no runs and a
/// note on stderr.
fn next(
    out: &mut impl Write,
    evaluated: &Evaluated<'_>,
    after: DateTime<Utc>,
    count: usize,
) -> Result<(), Failure> {
    let mut printed = 0;
    for detail in frame::details(evaluated, after).take(count) {
        writeln!(out, "{}", render::instant(detail.run))?;
        printed += 1;
    }
    if printed == 0 && count > 0 {
        out.flush()?;
        no_runs(evaluated.schedule());
    }
    Ok(())
}

/// `next --format json`: the runs with their triggers and deadlines, a JSON
/// array with one object per line.
fn next_json(
    out: &mut impl Write,
    evaluated: &Evaluated<'_>,
    after: DateTime<Utc>,
    count: usize,
) -> Result<(), Failure> {
    let mut printed = 0;
    write!(out, "[")?;
    for detail in frame::details(evaluated, after).take(count) {
        let separator = if printed == 0 { "\n  " } else { ",\n  " };
        let object = serde_json::to_string(&detail).map_err(|err| Failure::Output(io::Error::other(err)))?;
        write!(out, "{separator}{object}")?;
        printed += 1;
    }
    writeln!(out, "{}]", if printed == 0 { "" } else { "\n" })?;
    if printed == 0 && count > 0 {
        out.flush()?;
        no_runs(evaluated.schedule());
    }
    Ok(())
}

/// `explain`: the schedule in one sentence, then each run with its trigger,
/// its wait and its deadline.
fn explain(
    out: &mut impl Write,
    evaluated: &Evaluated<'_>,
    after: DateTime<Utc>,
    count: usize,
) -> Result<(), Failure> {
    writeln!(out, "{}", frame::describe(evaluated))?;
    if let Some(zone) = evaluated.zone() {
        writeln!(out, "{}", render::zone_data(zone))?;
    }
    let mut printed = 0;
    for detail in frame::details(evaluated, after).take(count) {
        writeln!(out, "{}", frame::explain_line(evaluated, &detail))?;
        printed += 1;
    }
    if printed == 0 && count > 0 {
        out.flush()?;
        no_runs(evaluated.schedule());
    }
    Ok(())
}

/// The note on stderr when a schedule gives no run.
fn no_runs(schedule: &Schedule) {
    if schedule.window().is_some_and(|window| window.is_never_open()) {
        report("no runs: the backup copy window allows no hour, so the job never runs");
    } else {
        report("no runs: the next one is beyond the representable time range");
    }
}

/// No command: the built-in example copy job, described, with its window and
/// its next runs from now.
fn overview(out: &mut impl Write, colour: bool) -> Result<(), Failure> {
    let job = CopyJob::from_json(SEED.as_bytes())?;
    let schedule = Schedule::try_from(&job)?;
    let now = Utc::now();

    writeln!(
        out,
        "Built-in example: the copy job of the API's POST /v6/CopyJobs example"
    )?;
    render::job(out, &job)?;
    writeln!(out, "Schedule: {}", render::trigger(schedule.trigger()))?;
    writeln!(out)?;
    render::window(out, &schedule, None, colour)?;
    writeln!(out)?;
    writeln!(out, "Now: {}", render::instant(now))?;
    if let Trigger::Immediate = schedule.trigger() {
        writeln!(
            out,
            "Immediate has no timed runs: each copy follows a new restore point."
        )?;
        match schedule.next_open(now) {
            Some(start) => writeln!(
                out,
                "A restore point appearing now starts copying at {}",
                render::instant(start)
            )?,
            None => writeln!(out, "A restore point appearing now is never copied.")?,
        }
    } else {
        writeln!(out, "Next runs:")?;
        let mut any = false;
        for run in schedule.upcoming(now).take(DEFAULT_COUNT) {
            writeln!(out, "  {}", render::instant(run))?;
            any = true;
        }
        if !any {
            writeln!(out, "  none")?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Your own policy: backup-schedule next|explain|window|check --policy FILE"
    )?;
    writeln!(out, "(see backup-schedule --help)")?;
    Ok(())
}

/// Reads the policy document named by `--policy` (`-` = stdin), or the
/// built-in example without it.
fn read_policy(path: Option<&Path>) -> Result<CopyJobSchedulePolicy, Failure> {
    let bytes = match path {
        None => return Ok(CopyJobSchedulePolicy::from_json(SEED.as_bytes())?),
        Some(path) if path.as_os_str() == "-" => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|err| Failure::Input(format!("--policy: cannot read standard input: {err}")))?;
            bytes
        }
        Some(path) => fs::read(path)
            .map_err(|err| Failure::Input(format!("--policy: cannot read {:?}: {err}", path.as_os_str())))?,
    };
    Ok(CopyJobSchedulePolicy::from_json(&bytes)?)
}

/// `--after`: an RFC 3339 instant, any offset, converted to UTC.
fn parse_after(text: &str) -> Result<DateTime<Utc>, Failure> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Failure::Input(format!("--after: expected an RFC 3339 instant, found {text:?}")))
}

/// `--count`: a whole number, digits only.
fn parse_count(text: &str) -> Result<usize, Failure> {
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(Failure::Input(format!(
            "--count: expected a whole number, found {text:?}"
        )));
    }
    text.parse().map_err(|_| {
        Failure::Input(format!(
            "--count: expected a whole number up to {}, found {text:?}",
            usize::MAX
        ))
    })
}

/// `--offset`: whole minutes east of UTC, an optional sign and digits, in
/// the API's range.
fn parse_offset(text: &str) -> Result<i32, Failure> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let value = if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        None
    } else {
        text.parse::<i32>().ok()
    };
    value
        .and_then(|minutes| MinuteOffset::from_minutes(minutes).ok())
        .map(MinuteOffset::minutes)
        .ok_or_else(|| {
            Failure::Input(format!(
                "--offset: expected whole minutes from UTC in {}..={}, found {text:?}",
                MinuteOffset::MIN.minutes(),
                MinuteOffset::MAX.minutes()
            ))
        })
}

/// `--zone` and `--tzdata` as a zone, if `--zone` is given.
fn zone_arg(arg: &ZoneArg) -> Result<Option<Zone>, Failure> {
    arg.zone
        .as_deref()
        .map(|name| parse_zone(name, arg.tzdata.tzdata))
        .transpose()
}

/// `--zone`: an IANA zone name, from the `--tzdata` source or the newest; an
/// unknown one is reported with the closest names the database has.
fn parse_zone(name: &str, tzdata: Option<TzData>) -> Result<Zone, Failure> {
    let zone = match tzdata {
        Some(tzdata) => Zone::from_source(name, tzdata.into()),
        None => Zone::from_name(name),
    };
    zone.map_err(|err| match err {
        Error::UnknownZone { name, suggestions } => {
            let hint = match suggestions.as_slice() {
                [] => String::new(),
                [only] => format!(" (did you mean {only}?)"),
                [rest @ .., last] => format!(" (did you mean {} or {last}?)", rest.join(", ")),
            };
            Failure::Input(format!(
                "--zone: expected an IANA time zone name such as Europe/Berlin, found {name:?}{hint}"
            ))
        }
        Error::ZoneData {
            name,
            location,
            message,
        } => Failure::Input(format!("--zone: {name}: {location}: {message}")),
        other => Failure::Input(format!("--zone: {other}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(result: Result<impl std::fmt::Debug, Failure>) -> String {
        match result {
            Err(Failure::Input(message)) => message,
            Err(Failure::Output(err)) => panic!("output failure {err}"),
            Err(Failure::Drift) => panic!("drift failure"),
            Ok(value) => panic!("accepted: {value:?}"),
        }
    }

    #[test]
    fn offsets_are_signed_minutes_within_a_day() {
        assert_eq!(parse_offset("330").ok(), Some(330));
        assert_eq!(parse_offset("-210").ok(), Some(-210));
        assert_eq!(parse_offset("+60").ok(), Some(60));
        assert_eq!(parse_offset("1439").ok(), Some(1439));
        assert_eq!(parse_offset("-1439").ok(), Some(-1439));
        assert_eq!(parse_offset("0").ok(), Some(0));
        for bad in [
            "1440",
            "-1440",
            "",
            "-",
            "+",
            "5.5",
            "1e3",
            " 60",
            "--60",
            "99999999999",
        ] {
            let message = input(parse_offset(bad));
            assert!(message.starts_with("--offset: "), "{bad:?}: {message}");
            assert!(message.ends_with(&format!("found {bad:?}")), "{bad:?}: {message}");
        }
    }

    #[test]
    fn unknown_zones_suggest_names() {
        assert_eq!(
            parse_zone("Europe/Berlin", None)
                .map(|zone| zone.name().to_owned())
                .ok()
                .as_deref(),
            Some("Europe/Berlin")
        );
        let message = input(parse_zone("Europe/Berln", None));
        assert!(
            message.starts_with(
                r#"--zone: expected an IANA time zone name such as Europe/Berlin, found "Europe/Berln" (did you mean Europe/Berlin"#
            ),
            "{message}"
        );
        assert!(message.ends_with("?)"), "{message}");
        // Nothing close: no suggestion at all.
        let message = input(parse_zone("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", None));
        assert!(
            message.ends_with(r#"found "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz""#),
            "{message}"
        );
    }
}
