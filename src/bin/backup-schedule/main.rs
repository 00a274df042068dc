//! `backup-schedule`: when does this backup copy job run next?
//!
//! A thin layer over the `backup_schedule` library: it parses the command
//! line, reads the policy, asks the engine, and renders the answer. The only
//! clock reading in the whole crate is the default of `--after`.
//!
//! Exit codes: 0 on success (also when stdout is closed early, as by
//! `| head -1`), 2 on any bad input (one line on stderr, nothing on stdout),
//! 1 when writing the output fails otherwise.

mod render;

use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use backup_schedule::{CopyJob, Schedule, SchedulePolicy, Trigger};
use chrono::{DateTime, Utc};
use clap::error::ErrorKind;
use clap::{Args, Parser, Subcommand};

/// The built-in example: the response of the API page's `POST /v6/CopyJobs`.
const SEED: &str = include_str!("../../../data/seed-copy-job-response.json");

/// How many runs `next` prints unless told otherwise.
const DEFAULT_COUNT: usize = 5;

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
    #[command(verbatim_doc_comment)]
    Next {
        #[command(flatten)]
        policy: PolicyArg,
        /// Print runs strictly after this RFC 3339 instant [default: now].
        #[arg(long, value_name = "INSTANT")]
        after: Option<String>,
        /// How many runs to print [default: 5].
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        count: Option<String>,
    },
    /// Show the backup copy window as a week of local hours.
    Window {
        #[command(flatten)]
        policy: PolicyArg,
    },
    /// Validate the policy and print it in normalized form (JSON).
    Check {
        #[command(flatten)]
        policy: PolicyArg,
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

/// Why the tool stops early.
enum Failure {
    /// Bad input: the message names the flag or field, on one line.
    Input(String),
    /// Writing the output failed.
    Output(io::Error),
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
    let first = rendered
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("invalid command line");
    Err(Failure::Input(
        first.strip_prefix("error: ").unwrap_or(first).to_owned(),
    ))
}

/// Writes `message` to stderr as exactly one line.
fn report(message: &str) {
    let line = message.replace('\r', "\\r").replace('\n', "\\n");
    // Nothing sensible is left to do if stderr is gone.
    let _ = writeln!(io::stderr().lock(), "{line}");
}

fn run(cli: Cli) -> Result<(), Failure> {
    let stdout = io::stdout().lock();
    let mut out = BufWriter::new(stdout);
    match cli.command {
        None => overview(&mut out)?,
        Some(Command::Next { policy, after, count }) => {
            let after = after.as_deref().map(parse_after).transpose()?;
            let count = count.as_deref().map(parse_count).transpose()?;
            let policy = read_policy(policy.policy.as_deref())?;
            let schedule = policy.to_schedule()?;
            let after = after.unwrap_or_else(Utc::now);
            next(&mut out, &schedule, after, count.unwrap_or(DEFAULT_COUNT))?;
        }
        Some(Command::Window { policy }) => {
            let schedule = read_policy(policy.policy.as_deref())?.to_schedule()?;
            render::window(&mut out, &schedule)?;
        }
        Some(Command::Check { policy }) => {
            let normal = read_policy(policy.policy.as_deref())?.normalized()?;
            let json = serde_json::to_string_pretty(&normal)
                .map_err(|err| Failure::Output(io::Error::other(err)))?;
            writeln!(out, "{json}")?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `next`: up to `count` runs, or for an Immediate schedule the start for a
/// restore point at `after`. A window that never opens gives no runs and a
/// note on stderr.
fn next(
    out: &mut impl Write,
    schedule: &Schedule,
    after: DateTime<Utc>,
    count: usize,
) -> Result<(), Failure> {
    if count == 0 {
        return Ok(());
    }
    let mut printed = 0;
    if let Trigger::Immediate = schedule.trigger() {
        if let Some(start) = schedule.start_for_restore_point(after) {
            writeln!(out, "{}", render::instant(start))?;
            printed += 1;
        }
    } else {
        for run in schedule.upcoming(after).take(count) {
            writeln!(out, "{}", render::instant(run))?;
            printed += 1;
        }
    }
    if printed == 0 {
        out.flush()?;
        if schedule.window().is_some_and(|window| window.is_never_open()) {
            report("no runs: the backup copy window allows no hour, so the job never runs");
        } else {
            report("no runs: the next one is beyond the representable time range");
        }
    }
    Ok(())
}

/// No command: the built-in example copy job, described, with its window and
/// its next runs from now.
fn overview(out: &mut impl Write) -> Result<(), Failure> {
    let job = CopyJob::from_json(SEED.as_bytes())?;
    let schedule = job.schedule()?;
    let now = Utc::now();

    writeln!(
        out,
        "Built-in example: the copy job of the API's POST /v6/CopyJobs example"
    )?;
    render::job(out, &job)?;
    writeln!(out, "Schedule: {}", render::trigger(schedule.trigger()))?;
    writeln!(out)?;
    render::window(out, &schedule)?;
    writeln!(out)?;
    writeln!(out, "Now: {}", render::instant(now))?;
    if let Trigger::Immediate = schedule.trigger() {
        writeln!(
            out,
            "Immediate has no timed runs: each copy follows a new restore point."
        )?;
        match schedule.start_for_restore_point(now) {
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
        "Your own policy: backup-schedule next|window|check --policy FILE (see --help)"
    )?;
    Ok(())
}

/// Reads the policy document named by `--policy` (`-` = stdin), or the
/// built-in example without it.
fn read_policy(path: Option<&Path>) -> Result<SchedulePolicy, Failure> {
    let bytes = match path {
        None => return Ok(SchedulePolicy::from_document(SEED.as_bytes())?),
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
    Ok(SchedulePolicy::from_document(&bytes)?)
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
