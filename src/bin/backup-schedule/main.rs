//! `backup-schedule`: when does this backup copy job run next?
//!
//! A thin layer over the `backup_schedule` library: it parses the command
//! line, reads the document, asks the engine, and renders the answer. The
//! only clock reading in the whole crate is the default of `--after`.
//!
//! Exit codes: 0 on success (also when stdout is closed early, as by
//! `| head -1`), 2 on any bad input (one line on stderr, nothing on stdout;
//! for a list of jobs, one line for each bad job, the others answered),
//! 1 when writing the output fails otherwise, or when `check --strict` finds
//! an offset drift that moves the window.

mod drift;
mod frame;
mod input;
mod overview;
mod queries;
mod render;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use backup_schedule::vb365::{JobDocument, JobPolicy, Kind, TriggerFrame};
use backup_schedule::{
    Error, JobSchedule, MinuteOffset, RunDetail, Stagger, Timetable, Trigger, TzSource, Window, Zone, Zoned,
};
use chrono::{DateTime, Months, Utc};
use clap::error::ErrorKind;
use clap::{Args, Parser, Subcommand, ValueEnum};

use frame::Evaluated;
use input::{Doc, Source};

/// How many runs `next` and `explain` print unless told otherwise.
const DEFAULT_COUNT: usize = 5;

/// How far ahead `check --zone` compares the offsets.
const DRIFT_MONTHS: u32 = 12;

/// When does a backup copy job or a backup job run next?
///
/// Reads the `schedulePolicy` of a Veeam Backup for Microsoft 365 backup copy
/// job (`POST /v6/CopyJobs`) or backup job (`/v8/Jobs`), alone, inside a job
/// document, or for every job of the API's list (GET /v8/CopyJobs: a page
/// {"results": [...]} or an array), and computes its runs, held to its
/// windows. The family is recognised by the policy: type Immediate or
/// DailyAtTime, or a backupCopyWindow* member, is a copy job; type Daily or
/// ManualOnly, or a member only a backup job has (scheduleEnabled,
/// backupWindow*, periodicallyWindow*, periodicallyOffsetMinutes, retry*),
/// a backup job; a bare Periodically means the same in both and is read as
/// a copy job. --kind forces the family. All instants are UTC. Files may be
/// UTF-8 or UTF-16 (with a byte order mark). Without a command, shows two
/// built-in example jobs.
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
    /// closes on the run, is null when it never does. For a list of jobs,
    /// one object per job and line: {"id": ..., "name": ..., "runs": [...]},
    /// or {"id": ..., "name": ..., "error": "..."} for a job that is not
    /// valid.
    ///
    /// RFC 3339 ends with the year 9999: runs after it end the output, with
    /// a note on standard error.
    #[command(verbatim_doc_comment)]
    Next {
        #[command(flatten)]
        runs: RunsArgs,
        #[command(flatten)]
        stagger: queries::StaggerArgs,
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
        runs: RunsArgs,
    },
    /// Print the runs before an instant, latest first, one RFC 3339 UTC instant per line
    ///
    /// For an Immediate schedule, which has no timed runs, prints nothing.
    /// RFC 3339 begins with the year 0000: runs before it end the output,
    /// with a note on standard error.
    #[command(verbatim_doc_comment)]
    Prev {
        #[command(flatten)]
        job: JobArgs,
        /// The runs strictly before this RFC 3339 instant [default: now]
        #[arg(long, value_name = "INSTANT")]
        before: Option<String>,
        /// How many runs [default: 5]
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        count: Option<String>,
    },
    /// Print how many runs there are from --from (included) to --until (excluded)
    ///
    /// One whole number; 0 for an Immediate schedule.
    #[command(verbatim_doc_comment)]
    Count {
        #[command(flatten)]
        job: JobArgs,
        /// The first instant of the range (RFC 3339), included
        #[arg(long, value_name = "INSTANT")]
        from: String,
        /// The end of the range (RFC 3339), excluded; not before --from
        #[arg(long, value_name = "INSTANT")]
        until: String,
    },
    /// Print the runs missed after --since up to --now, and the catch-up to do (JSON)
    ///
    /// One JSON object: {"missed": N, "first": INSTANT|null, "latest":
    /// INSTANT|null, "catchUp": {"runs": K, "start": INSTANT|null}}. The
    /// missed runs r are those with since < r <= now. The late ones are
    /// those at most --max-lateness before --now (all without it); skip
    /// catches up none, once one, all one for each late run (at most
    /// --cap). A catch-up starts at the first instant at or after --now at
    /// which the window is open.
    #[command(verbatim_doc_comment)]
    Missed {
        #[command(flatten)]
        job: JobArgs,
        /// The last instant known to be handled (the job's last run), RFC 3339
        #[arg(long, value_name = "INSTANT")]
        since: String,
        /// The instant asked at (RFC 3339) [default: now]
        #[arg(long, value_name = "INSTANT")]
        now: Option<String>,
        /// What to do about the late runs
        #[arg(long, value_enum, value_name = "POLICY", default_value_t = queries::CatchUpArg::Once)]
        catch_up: queries::CatchUpArg,
        /// With --catch-up all: the most catch-up runs [default: no limit]
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        cap: Option<String>,
        /// Only runs at most this late count as late (90s, 15m, 2h, 1d)
        #[arg(long, value_name = "DURATION")]
        max_lateness: Option<String>,
    },
    /// Show how many runs start in each hour of a week, over one job or a list
    ///
    /// The week (Sunday to Saturday, UTC or --zone's wall clock) as a 7x24
    /// grid of the runs that start in each hour, and the busiest hour. With
    /// --stagger-max, each job is staggered by its id (or name): the grid
    /// shows how staggering spreads the pile-up at a window's opening.
    /// --format json prints {"weekOf", "clock", "jobs", "counts": [168
    /// numbers, Sunday 00:00 first], "busiest": {"hour", "runs"}|null}.
    #[command(verbatim_doc_comment)]
    Load {
        #[command(flatten)]
        job: JobArgs,
        /// An instant in the week to show (RFC 3339) [default: now]
        #[arg(long, value_name = "INSTANT")]
        week_of: Option<String>,
        /// Stagger each job by its id (or name), by less than this (90s, 15m, 2h, 1d)
        #[arg(long, value_name = "DURATION")]
        stagger_max: Option<String>,
        /// How to print the grid
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Show the backup copy window (a grid and text), or write one (--set)
    ///
    /// Shows the window as a week of local hours, and under it as text; for
    /// a backup job, its backup window and its permitted hours, each so.
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
    /// Validate the policy and print the document in normalized form (JSON)
    ///
    /// Prints the document as it was given (a policy, or the whole job) with
    /// dailyTime as HH:MM:SS and a minuteOffset of 0 written out;
    /// members the tool does not know are kept as they were. For a list of
    /// jobs, each job under its name.
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
    /// Print when a failed run of a backup job is retried
    ///
    /// One RFC 3339 UTC line: the retry's start, --failed-at plus
    /// retryWaitInterval, when retries are enabled, --failures is at most
    /// retryNumber, and the retry starts before the backup window closes on
    /// the run and before the next scheduled run. Otherwise nothing (the
    /// exit status is 0 either way). A copy job has no retries.
    #[command(verbatim_doc_comment)]
    Retry {
        #[command(flatten)]
        job: JobArgs,
        /// When the attempt failed: an RFC 3339 instant
        #[arg(long, value_name = "INSTANT")]
        failed_at: String,
        /// How many attempts of this run have failed so far, the run itself
        /// being the first (1 or more)
        #[arg(long, value_name = "K", allow_negative_numbers = true, verbatim_doc_comment)]
        failures: String,
    },
}

#[derive(Args, Debug)]
struct PolicyArg {
    /// A schedulePolicy object, a copy job (a document with a schedulePolicy
    /// member), or a list of copy jobs; `-` reads standard input
    /// [default: standard input, unless it is a terminal]
    #[arg(long, value_name = "FILE", verbatim_doc_comment)]
    policy: Option<PathBuf>,
    /// Read the document as this family's, whatever its policy says
    /// [default: as its policy's type and members say]
    #[arg(long, value_enum, value_name = "FAMILY", verbatim_doc_comment)]
    kind: Option<KindArg>,
}

/// `--kind`: a job family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum KindArg {
    /// A backup copy job (RESTCopyJobSchedulePolicy)
    Copy,
    /// A backup job (RESTJobSchedulePolicy)
    Backup,
}

impl From<KindArg> for Kind {
    fn from(kind: KindArg) -> Kind {
        match kind {
            KindArg::Copy => Kind::Copy,
            KindArg::Backup => Kind::Backup,
        }
    }
}

impl PolicyArg {
    /// The document, of the family asked for or recognised.
    fn read(&self) -> Result<JobDocument, Failure> {
        Source::of(self.policy.as_deref(), io::stdin().is_terminal())?.read(self.kind.map(Kind::from))
    }
}

/// The document and how to read its times: what every query takes.
#[derive(Args, Debug)]
struct JobArgs {
    #[command(flatten)]
    policy: PolicyArg,
    #[command(flatten)]
    zone: ZoneArg,
    #[command(flatten)]
    triggers: TriggersArg,
}

impl JobArgs {
    /// The flags checked, then the document read.
    fn read(self) -> Result<(Lens, JobDocument), Failure> {
        let zone = zone_arg(&self.zone)?;
        let document = self.policy.read()?;
        let lens = Lens {
            zone,
            frame: self.triggers.triggers.into(),
        };
        Ok((lens, document))
    }
}

/// What `next` and `explain` take.
#[derive(Args, Debug)]
struct RunsArgs {
    #[command(flatten)]
    job: JobArgs,
    /// The runs strictly after this RFC 3339 instant [default: now].
    #[arg(long, value_name = "INSTANT")]
    after: Option<String>,
    /// How many runs [default: 5].
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    count: Option<String>,
}

impl RunsArgs {
    /// The flags checked, then the document read.
    fn ask(self) -> Result<(Ask, JobDocument), Failure> {
        let after = self.after.as_deref().map(parse_after).transpose()?;
        let count = self.count.as_deref().map(parse_count).transpose()?;
        let (lens, document) = self.job.read()?;
        let ask = Ask {
            lens,
            after: after.unwrap_or_else(Utc::now),
            count: count.unwrap_or(DEFAULT_COUNT),
        };
        Ok((ask, document))
    }
}

#[derive(Args, Debug)]
struct TriggersArg {
    /// Where dailyTime, the days and the Periodically grid are read: utc, as
    /// the API documents dailyTime, or window, the window's local time, UTC
    /// plus minuteOffset (UTC without window settings). Not with --zone,
    /// where both are the zone's wall-clock time
    #[arg(
        long,
        value_enum,
        value_name = "FRAME",
        default_value_t = Triggers::Utc,
        conflicts_with = "zone",
        verbatim_doc_comment
    )]
    triggers: Triggers,
}

/// `--triggers`: the frame the triggers are read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Triggers {
    /// UTC, as the API documents dailyTime
    Utc,
    /// The window's local time: UTC + minuteOffset
    Window,
}

impl From<Triggers> for TriggerFrame {
    fn from(triggers: Triggers) -> TriggerFrame {
        match triggers {
            Triggers::Utc => TriggerFrame::Utc,
            Triggers::Window => TriggerFrame::Window,
        }
    }
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
    /// Jobs of a list were bad input, each already reported.
    Jobs,
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
        Err(Failure::Jobs) => ExitCode::from(2),
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
        None => overview::show(&mut out, colour, Utc::now())?,
        Some(Command::Next {
            runs,
            stagger,
            format,
        }) => {
            let (ask, document) = runs.ask()?;
            let stagger = stagger.ask()?;
            let prepare = |doc: &Doc| Ok((ask.evaluate(doc)?, stagger.for_doc(doc)?));
            match format {
                Format::Text => each_job(&mut out, document, prepare, |out, (evaluated, stagger)| {
                    next(out, &evaluated, &ask, stagger.as_ref())
                })?,
                Format::Json => next_json(&mut out, document, &ask, &stagger)?,
            }
        }
        Some(Command::Prev { job, before, count }) => {
            let before = before
                .as_deref()
                .map(|text| parse_instant("--before", text))
                .transpose()?;
            let count = count.as_deref().map(parse_count).transpose()?;
            let (lens, document) = job.read()?;
            let (before, count) = (before.unwrap_or_else(Utc::now), count.unwrap_or(DEFAULT_COUNT));
            each_job(
                &mut out,
                document,
                |doc| lens.evaluate(doc),
                |out, evaluated| queries::prev(out, &evaluated, before, count),
            )?;
        }
        Some(Command::Count { job, from, until }) => {
            let (from, until) = queries::range(&from, &until)?;
            let (lens, document) = job.read()?;
            each_job(
                &mut out,
                document,
                |doc| lens.evaluate(doc),
                |out, evaluated| queries::count(out, &evaluated, from, until),
            )?;
        }
        Some(Command::Missed {
            job,
            since,
            now,
            catch_up,
            cap,
            max_lateness,
        }) => {
            let ask = queries::MissedAsk::of(
                &since,
                now.as_deref(),
                catch_up,
                cap.as_deref(),
                max_lateness.as_deref(),
            )?;
            let (lens, document) = job.read()?;
            each_job(
                &mut out,
                document,
                |doc| lens.evaluate(doc),
                |out, evaluated| queries::missed(out, &evaluated, &ask),
            )?;
        }
        Some(Command::Load {
            job,
            week_of,
            stagger_max,
            format,
        }) => {
            let week_of = week_of
                .as_deref()
                .map(|text| parse_instant("--week-of", text))
                .transpose()?;
            let stagger = queries::StaggerArgs::max_only(stagger_max).ask()?;
            let (lens, document) = job.read()?;
            let mut load = queries::Load::new(week_of.unwrap_or_else(Utc::now), lens.zone.clone())?;
            let bad = for_every_job(&mut out, document, |_, _, doc| {
                let evaluated = lens.evaluate(doc)?;
                load.add(&evaluated, stagger.for_doc(doc)?.as_ref());
                Ok(())
            })?;
            match format {
                Format::Text => load.write_text(&mut out)?,
                Format::Json => load.write_json(&mut out)?,
            }
            if bad {
                out.flush()?;
                return Err(Failure::Jobs);
            }
        }
        Some(Command::Explain { runs }) => {
            let (ask, document) = runs.ask()?;
            each_job(
                &mut out,
                document,
                |doc| ask.evaluate(doc),
                |out, evaluated| explain(out, &evaluated, &ask),
            )?;
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
                let document = policy.read()?;
                each_job(
                    &mut out,
                    document,
                    |doc| Ok(JobSchedule::try_from(&doc.policy()?)?),
                    |out, schedule| {
                        Ok(render::windows(
                            out,
                            &schedule,
                            zone.as_ref().map(Zone::name),
                            colour,
                        )?)
                    },
                )?;
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
            let document = policy.read()?;
            let mut drifted = false;
            each_job(&mut out, document, Normal::of, |out, normal| {
                drifted |= check(out, &normal, zone.as_ref(), after)?;
                Ok(())
            })?;
            if strict && drifted {
                return Err(Failure::Drift);
            }
        }
        Some(Command::Retry {
            job,
            failed_at,
            failures,
        }) => {
            let failed_at = parse_instant("--failed-at", &failed_at)?;
            let failures = parse_failures(&failures)?;
            let (lens, document) = job.read()?;
            each_job(
                &mut out,
                document,
                |doc| lens.evaluate(doc),
                |out, evaluated| {
                    if let Some(retry) = evaluated.retry_after(failed_at, failures) {
                        writeln!(out, "{}", render::instant(retry))?;
                    }
                    Ok(())
                },
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// How a document's times are read: in a zone, or with the triggers in a
/// frame.
struct Lens {
    zone: Option<Zone>,
    frame: TriggerFrame,
}

impl Lens {
    /// The document's schedule, with its triggers in the frame asked for,
    /// evaluated in the zone when there is one.
    fn evaluate(&self, doc: &Doc) -> Result<Evaluated<'_>, Failure> {
        Ok(Zoned::new(
            doc.policy()?.schedule(self.frame)?,
            self.zone.as_ref(),
        ))
    }
}

/// What `next` and `explain` are asked.
struct Ask {
    lens: Lens,
    after: DateTime<Utc>,
    count: usize,
}

impl Ask {
    /// The document's schedule, as [`Lens::evaluate`].
    fn evaluate(&self, doc: &Doc) -> Result<Evaluated<'_>, Failure> {
        self.lens.evaluate(doc)
    }
}

/// Answers for each job of the document: `prepare` validates (and may fail
/// with bad input), `write` answers. For a policy or one copy job, once,
/// its bad input the tool's (one line, exit 2). For a list, each valid job
/// under its heading, a blank line between them, and each bad job's error
/// on stderr naming the job (exit 2 at the end, the others answered).
fn each_job<W: Write, T>(
    out: &mut W,
    document: JobDocument,
    mut prepare: impl FnMut(&Doc) -> Result<T, Failure>,
    mut write: impl FnMut(&mut W, T) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let mut first = true;
    let bad = for_every_job(out, document, |out, heading, doc| {
        let prepared = prepare(doc)?;
        if let Some(heading) = heading {
            if !first {
                writeln!(out)?;
            }
            first = false;
            writeln!(out, "{heading}")?;
        }
        write(out, prepared)
    })?;
    if bad {
        return Err(Failure::Jobs);
    }
    Ok(())
}

/// Calls `each` for each job of the document, with the job's heading when
/// it is one of a list: for a policy or one copy job, once, its bad input
/// the tool's; for a list, each bad job's error on stderr naming the job.
/// Returns whether a job of a list was bad.
fn for_every_job<W: Write>(
    out: &mut W,
    document: JobDocument,
    mut each: impl FnMut(&mut W, Option<&str>, &Doc) -> Result<(), Failure>,
) -> Result<bool, Failure> {
    let jobs = match Doc::of(document)? {
        Ok(doc) => return each(out, None, &doc).map(|()| false),
        Err(jobs) => jobs,
    };
    let mut bad = false;
    for listing in jobs {
        let done = match &listing.job {
            Ok(doc) => each(out, Some(&listing.heading), doc),
            Err(err) => Err(Failure::from(err.clone())),
        };
        match done {
            Ok(()) => {}
            Err(Failure::Input(message)) => {
                out.flush()?;
                report(&format!("{}: {message}", listing.label));
                bad = true;
            }
            Err(other) => return Err(other),
        }
    }
    Ok(bad)
}

/// A document validated and normalized, for `check`.
struct Normal {
    /// The normalized document, pretty JSON.
    json: String,
    policy: JobPolicy,
    schedule: JobSchedule,
}

impl Normal {
    fn of(doc: &Doc) -> Result<Normal, Failure> {
        let (json, policy) = match doc {
            Doc::Policy(policy) => {
                let normal = policy.normalized()?;
                (pretty(&normal)?, normal)
            }
            Doc::Job(job) => {
                let normal = job.normalized()?;
                (pretty(&normal)?, normal.policy()?)
            }
        };
        let schedule = JobSchedule::try_from(&policy)?;
        Ok(Normal {
            json,
            policy,
            schedule,
        })
    }
}

fn pretty(value: &impl serde::Serialize) -> Result<String, Failure> {
    serde_json::to_string_pretty(value).map_err(|err| Failure::Output(io::Error::other(err)))
}

fn compact(value: &impl serde::Serialize) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|err| Failure::Output(io::Error::other(err)))
}

/// `check`: the normalized document on stdout; with a zone, the offset
/// drift report on stderr. Returns whether a drift moves the window.
fn check(
    out: &mut impl Write,
    normal: &Normal,
    zone: Option<&Zone>,
    after: Option<DateTime<Utc>>,
) -> Result<bool, Failure> {
    writeln!(out, "{}", normal.json)?;
    let Some(zone) = zone else {
        return Ok(false);
    };
    // The JSON first, then the report.
    out.flush()?;
    let from = after.unwrap_or_else(Utc::now);
    let until = from
        .checked_add_months(Months::new(DRIFT_MONTHS))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    let offset = drift::policy_minute_offset(&normal.policy, &normal.schedule);
    let drifts = zone.offset_drift(offset, from, until);
    report(&render::zone_data(zone));
    let mut moves_window = false;
    let window = normal.schedule.window();
    for (line, moves) in drift::report_lines(zone, window, offset, from, until, &drifts) {
        report(&line);
        moves_window |= moves;
    }
    Ok(moves_window)
}

/// The last instant RFC 3339 can write: 9999-12-31T23:59:59.999999999Z.
fn last_rfc3339_instant() -> DateTime<Utc> {
    DateTime::from_timestamp(253_402_300_799, 999_999_999).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// Up to `count` runs after `after`, each passed to `each` with how many
/// came before it; then, on stderr, why there were fewer: none at all, or
/// the next one past the year 9999, which RFC 3339 cannot write.
fn for_runs<W: Write>(
    out: &mut W,
    evaluated: &Evaluated<'_>,
    ask: &Ask,
    stagger: Option<&Stagger>,
    mut each: impl FnMut(&mut W, &RunDetail, DateTime<Utc>, usize) -> io::Result<()>,
) -> Result<(), Failure> {
    let last = last_rfc3339_instant();
    let mut printed = 0;
    for (detail, start) in queries::starts(evaluated, ask.after, stagger).take(ask.count) {
        if detail.deadline.unwrap_or(detail.run).max(start) > last {
            out.flush()?;
            report("no more runs: the next one is after the year 9999, which RFC 3339 cannot write");
            return Ok(());
        }
        each(out, &detail, start, printed)?;
        printed += 1;
    }
    if printed == 0 && ask.count > 0 {
        out.flush()?;
        no_runs(evaluated.schedule());
    }
    Ok(())
}

/// `next`: up to `count` runs, or for an Immediate schedule the start for a
/// restore point at `after`.
fn next(
    out: &mut impl Write,
    evaluated: &Evaluated<'_>,
    ask: &Ask,
    stagger: Option<&Stagger>,
) -> Result<(), Failure> {
    for_runs(out, evaluated, ask, stagger, |out, _, start, _| {
        writeln!(out, "{}", render::instant(start))
    })
}

/// The runs of `next --format json`, a JSON array: one object per line, or
/// all on the line of their job (`indent` None).
fn json_runs(
    out: &mut impl Write,
    evaluated: &Evaluated<'_>,
    ask: &Ask,
    stagger: Option<&Stagger>,
    lines: bool,
) -> Result<(), Failure> {
    let mut any = false;
    write!(out, "[")?;
    for_runs(out, evaluated, ask, stagger, |out, detail, start, printed| {
        let separator = match (lines, printed) {
            (true, 0) => "\n  ",
            (true, _) => ",\n  ",
            (false, 0) => "",
            (false, _) => ",",
        };
        any = true;
        let mut object = serde_json::to_string(detail).map_err(io::Error::other)?;
        // Staggered: the run's detail, then when it starts.
        if stagger.is_some() && object.ends_with('}') {
            object.pop();
            object.push_str(&format!(",\"start\":\"{}\"}}", render::instant(start)));
        }
        write!(out, "{separator}{object}")
    })?;
    write!(out, "{}]", if lines && any { "\n" } else { "" })?;
    Ok(())
}

/// `next --format json`: for a policy or one job, its runs with their
/// triggers and deadlines, one object per line; for a list, one job per
/// line with its id, name and runs, or its error.
fn next_json(
    out: &mut impl Write,
    document: JobDocument,
    ask: &Ask,
    stagger: &queries::StaggerAsk,
) -> Result<(), Failure> {
    let jobs = match Doc::of(document)? {
        Ok(doc) => {
            let evaluated = ask.evaluate(&doc)?;
            let stagger = stagger.for_doc(&doc)?;
            json_runs(out, &evaluated, ask, stagger.as_ref(), true)?;
            writeln!(out)?;
            return Ok(());
        }
        Err(jobs) => jobs,
    };
    let mut bad = false;
    write!(out, "[")?;
    for (index, listing) in jobs.enumerate() {
        let identity = format!(
            "{{\"id\":{},\"name\":{}",
            compact(&listing.id)?,
            compact(&listing.name)?,
        );
        write!(out, "{}\n  {identity}", if index == 0 { "" } else { "," })?;
        let evaluated = match &listing.job {
            Ok(doc) => ask
                .evaluate(doc)
                .and_then(|evaluated| Ok((evaluated, stagger.for_doc(doc)?))),
            Err(err) => Err(Failure::from(err.clone())),
        };
        match evaluated {
            Ok((evaluated, stagger)) => {
                write!(out, ",\"runs\":")?;
                json_runs(out, &evaluated, ask, stagger.as_ref(), false)?;
            }
            Err(Failure::Input(message)) => {
                let error = compact(&message)?;
                write!(out, ",\"error\":{error}")?;
                out.flush()?;
                report(&format!("{}: {message}", listing.label));
                bad = true;
            }
            Err(other) => return Err(other),
        }
        write!(out, "}}")?;
    }
    writeln!(out, "\n]")?;
    if bad {
        out.flush()?;
        return Err(Failure::Jobs);
    }
    Ok(())
}

/// `explain`: the schedule in one sentence, then each run with its trigger,
/// its wait and its deadline.
fn explain(out: &mut impl Write, evaluated: &Evaluated<'_>, ask: &Ask) -> Result<(), Failure> {
    writeln!(out, "{}", frame::describe(evaluated))?;
    if let Some(zone) = evaluated.zone() {
        writeln!(out, "{}", render::zone_data(zone))?;
    }
    for_runs(out, evaluated, ask, None, |out, detail, _, _| {
        writeln!(out, "{}", frame::explain_line(evaluated, detail))
    })
}

/// The note on stderr when a schedule gives no run.
fn no_runs(schedule: &JobSchedule) {
    let never = |window: Option<&Window>| window.is_some_and(|window| window.is_never_open());
    if let JobSchedule::Backup(backup) = schedule {
        if backup.trigger() == Trigger::Manual {
            return report("no runs: the job is ManualOnly, it runs only when started by hand");
        }
        if !backup.is_enabled() {
            return report("no runs: scheduleEnabled is false, the job runs only when started by hand");
        }
        if never(backup.backup_window()) {
            return report("no runs: the backup window allows no hour, so the job never runs");
        }
        if never(backup.permitted_hours()) {
            return report("no runs: the permitted hours allow no hour, so the job never runs");
        }
    }
    if never(schedule.window()) {
        report("no runs: the backup copy window allows no hour, so the job never runs");
    } else {
        report("no runs: the next one is beyond the representable time range");
    }
}

/// `--after`: an RFC 3339 instant, any offset, converted to UTC.
fn parse_after(text: &str) -> Result<DateTime<Utc>, Failure> {
    parse_instant("--after", text)
}

/// An instant flag: RFC 3339, any offset; a bad one names `flag`.
fn parse_instant(flag: &str, text: &str) -> Result<DateTime<Utc>, Failure> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Failure::Input(format!("{flag}: expected an RFC 3339 instant, found {text:?}")))
}

/// `--failures`: a whole number, 1 or more, digits only.
fn parse_failures(text: &str) -> Result<u32, Failure> {
    let expected = || {
        Failure::Input(format!(
            "--failures: expected a whole number of failed attempts, 1 or more, found {text:?}"
        ))
    };
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(expected());
    }
    match text.parse::<u32>() {
        Ok(0) => Err(expected()),
        Ok(failures) => Ok(failures),
        // More digits than a u32 holds: more failures than any retryNumber
        // allows, so no retry, as for any count above it.
        Err(_) => Ok(u32::MAX),
    }
}

/// `--count`: a whole number, digits only.
fn parse_count(text: &str) -> Result<usize, Failure> {
    parse_count_of("--count", text)
}

/// A count flag: a whole number, digits only; a bad one names `flag`.
fn parse_count_of(flag: &str, text: &str) -> Result<usize, Failure> {
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(Failure::Input(format!(
            "{flag}: expected a whole number, found {text:?}"
        )));
    }
    text.parse().map_err(|_| {
        Failure::Input(format!(
            "{flag}: expected a whole number up to {}, found {text:?}",
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
            Err(Failure::Jobs) => panic!("jobs failure"),
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
