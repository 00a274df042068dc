//! The scheduler's questions on the command line: `prev`, `count`,
//! `missed` (with the catch-up a policy asks for), `load`, and `next`'s
//! staggering. Each answer is the library's; this module reads the flags
//! and writes the answers.

use std::io::Write;
use std::time::Duration;

use backup_schedule::{CatchUpPolicy, RunDetail, Stagger, Timetable, Weekdays, Zone};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Utc};
use clap::{Args, ValueEnum};
use serde_json::json;

use crate::frame::{self, Evaluated};
use crate::input::Doc;
use crate::{parse_count_of, parse_instant, render, report, Failure};

/// The first instant RFC 3339 can write: 0000-01-01T00:00:00Z.
fn first_rfc3339_instant() -> DateTime<Utc> {
    DateTime::from_timestamp(-62_167_219_200, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

// ---------------------------------------------------------------- durations

/// A duration flag: `90s`, `15m`, `2h`, `1d` (humantime's forms, such as
/// `1h 30m`, too); a bad one is an error naming `flag`.
pub fn parse_duration(flag: &str, text: &str) -> Result<Duration, Failure> {
    humantime::parse_duration(text).map_err(|_| {
        Failure::Input(format!(
            "{flag}: expected a duration like 90s, 15m, 2h or 1d, found {text:?}"
        ))
    })
}

/// A duration flag as chrono's `TimeDelta`, for the library's lateness.
fn parse_time_delta(flag: &str, text: &str) -> Result<TimeDelta, Failure> {
    let duration = parse_duration(flag, text)?;
    TimeDelta::from_std(duration).map_err(|_| {
        Failure::Input(format!(
            "{flag}: expected a duration of at most 292 years, found {text:?}"
        ))
    })
}

// ---------------------------------------------------------------- staggering

/// `--stagger-key` and `--stagger-max`, of `next`.
#[derive(Args, Debug)]
pub struct StaggerArgs {
    /// With --stagger-max: the key the delay is computed from (a job id);
    /// for a job, its id (or name) when not given
    #[arg(long, value_name = "KEY", requires = "stagger_max", verbatim_doc_comment)]
    stagger_key: Option<String>,
    /// Stagger each run by a fixed per-job delay below this (90s, 15m, 2h,
    /// 1d): FNV-1a of the key, modulo the smallest of it, the time to the
    /// window's close and the time to the next run; prints the starts
    #[arg(long, value_name = "DURATION", verbatim_doc_comment)]
    stagger_max: Option<String>,
}

/// Staggering as asked: none, or the key's own or the job's.
pub struct StaggerAsk {
    key: Option<String>,
    max: Option<Duration>,
}

impl StaggerArgs {
    /// `--stagger-max` alone, as `load` takes it: each job by its id.
    pub fn max_only(stagger_max: Option<String>) -> StaggerArgs {
        StaggerArgs {
            stagger_key: None,
            stagger_max,
        }
    }

    pub fn ask(self) -> Result<StaggerAsk, Failure> {
        let max = self
            .stagger_max
            .as_deref()
            .map(|text| parse_duration("--stagger-max", text))
            .transpose()?;
        Ok(StaggerAsk {
            key: self.stagger_key,
            max,
        })
    }
}

impl StaggerAsk {
    /// The stagger for `doc`: `None` when not asked; the job's id (or name)
    /// when no key is given; an error naming `--stagger-key` for a bare
    /// policy without one.
    pub fn for_doc(&self, doc: &Doc) -> Result<Option<Stagger>, Failure> {
        let Some(max) = self.max else {
            return Ok(None);
        };
        let key = match (&self.key, doc.stagger_key()) {
            (Some(key), _) => key.as_str(),
            (None, Some(key)) => key,
            (None, None) => {
                return Err(Failure::Input(
                    "--stagger-key: expected a key with --stagger-max, found nothing (a bare policy has no id or name)"
                        .into(),
                ))
            }
        };
        Ok(Some(Stagger::new(key, max)))
    }
}

/// The runs after `after` with their starts: each run's detail and when it
/// starts, staggered when asked. A run at or before `after` whose staggered
/// start is still ahead comes first: staggered starts keep the runs' order.
pub fn starts<'a>(
    evaluated: &'a Evaluated<'a>,
    after: DateTime<Utc>,
    stagger: Option<&'a Stagger>,
) -> impl Iterator<Item = (RunDetail, DateTime<Utc>)> + 'a {
    let start = move |detail: &RunDetail| match stagger {
        Some(stagger) => evaluated.staggered_start(detail.run, stagger),
        None => detail.run,
    };
    // The latest run at or before `after`, if its staggered start is ahead.
    let pending = stagger
        .and_then(|_| {
            let just_after = after.checked_add_signed(TimeDelta::nanoseconds(1))?;
            let last = evaluated.prev_run(just_after)?;
            evaluated
                .explain_upcoming(last.checked_sub_signed(TimeDelta::nanoseconds(1))?)
                .next()
        })
        .filter(|detail| start(detail) > after);
    pending
        .into_iter()
        .chain(frame::details(evaluated, after))
        .map(move |detail| {
            let begins = start(&detail);
            (detail, begins)
        })
}

// ---------------------------------------------------------------- prev

/// `prev`: up to `count` runs before `before`, latest first; then, on
/// stderr, why there were fewer when there were none, or when the next one
/// back is before the year 0000, which RFC 3339 cannot write.
pub fn prev(
    out: &mut impl Write,
    evaluated: &Evaluated<'_>,
    before: DateTime<Utc>,
    count: usize,
) -> Result<(), Failure> {
    let first = first_rfc3339_instant();
    let mut printed = 0;
    for run in evaluated.past(before).take(count) {
        if run < first {
            out.flush()?;
            report("no more runs: the previous one is before the year 0000, which RFC 3339 cannot write");
            return Ok(());
        }
        writeln!(out, "{}", render::instant(run))?;
        printed += 1;
    }
    if printed == 0 && count > 0 {
        out.flush()?;
        report("no runs before --before");
    }
    Ok(())
}

// ---------------------------------------------------------------- count

/// `--from` and `--until` of `count`, checked: `--until` before `--from` is
/// an error naming `--until`.
pub fn range(from: &str, until: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), Failure> {
    let from = parse_instant("--from", from)?;
    let until = parse_instant("--until", until)?;
    if until < from {
        return Err(Failure::Input(format!(
            "--until: expected an instant at or after --from ({}), found {}",
            render::instant(from),
            render::instant(until)
        )));
    }
    Ok((from, until))
}

/// `count`: the number of runs in `[from, until)`.
pub fn count(
    out: &mut impl Write,
    evaluated: &Evaluated<'_>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<(), Failure> {
    writeln!(out, "{}", evaluated.count_between(from, until))?;
    Ok(())
}

// ---------------------------------------------------------------- missed

/// `--catch-up`: a [`CatchUpPolicy`] without its cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CatchUpArg {
    /// Nothing: the missed runs are dropped
    Skip,
    /// One run for all the late ones
    Once,
    /// One run for each late one, at most --cap
    All,
}

/// What `missed` is asked, checked.
pub struct MissedAsk {
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    policy: CatchUpPolicy,
    max_lateness: Option<TimeDelta>,
}

impl MissedAsk {
    /// The flags of `missed`, each error naming its flag.
    pub fn of(
        since: &str,
        now: Option<&str>,
        catch_up: CatchUpArg,
        cap: Option<&str>,
        max_lateness: Option<&str>,
    ) -> Result<MissedAsk, Failure> {
        let since = parse_instant("--since", since)?;
        let now = now
            .map(|text| parse_instant("--now", text))
            .transpose()?
            .unwrap_or_else(Utc::now);
        if now < since {
            return Err(Failure::Input(format!(
                "--now: expected an instant at or after --since ({}), found {}",
                render::instant(since),
                render::instant(now)
            )));
        }
        let cap = cap.map(|text| parse_count_of("--cap", text)).transpose()?;
        let policy = match (catch_up, cap) {
            (CatchUpArg::Skip, None) => CatchUpPolicy::Skip,
            (CatchUpArg::Once, None) => CatchUpPolicy::Once,
            (CatchUpArg::All, cap) => CatchUpPolicy::All {
                // Without --cap, every late run; more than u32::MAX is more
                // than any schedule misses in chrono's range at one a minute.
                cap: cap.map_or(u32::MAX, |cap| u32::try_from(cap).unwrap_or(u32::MAX)),
            },
            (_, Some(_)) => {
                return Err(Failure::Input(
                    "--cap: only with --catch-up all (skip and once start at most one run)".into(),
                ))
            }
        };
        let max_lateness = max_lateness
            .map(|text| parse_time_delta("--max-lateness", text))
            .transpose()?;
        Ok(MissedAsk {
            since,
            now,
            policy,
            max_lateness,
        })
    }
}

/// `missed`: one JSON object, `{"missed", "first", "latest", "catchUp":
/// {"runs", "start"}}`, instants as RFC 3339 strings or null.
pub fn missed(out: &mut impl Write, evaluated: &Evaluated<'_>, ask: &MissedAsk) -> Result<(), Failure> {
    let missed = evaluated.missed(ask.since, ask.now);
    let catch_up = evaluated.catch_up(ask.since, ask.now, ask.policy, ask.max_lateness);
    // Written member by member: in the order the documentation gives.
    let instant = |t: Option<DateTime<Utc>>| json!(t.map(render::instant));
    let answer = format!(
        "{{\"missed\":{},\"first\":{},\"latest\":{},\"catchUp\":{{\"runs\":{},\"start\":{}}}}}",
        missed.count,
        instant(missed.first),
        instant(missed.latest),
        catch_up.runs,
        instant(catch_up.start),
    );
    writeln!(out, "{answer}")?;
    Ok(())
}

// ---------------------------------------------------------------- load

/// Hours in a week.
const HOURS: usize = 168;

/// The week's starts per hour, over every job of a document.
pub struct Load {
    /// The week's Sunday on the grid's clock.
    sunday: NaiveDate,
    /// The grid's clock: a zone's wall clock, or UTC.
    zone: Option<Zone>,
    /// Starts per hour of the week, Sunday 00:00 first.
    counts: [u64; HOURS],
    jobs: usize,
}

impl Load {
    /// An empty grid for the week (Sunday to Saturday, on the grid's clock)
    /// that holds `week_of`.
    pub fn new(week_of: DateTime<Utc>, zone: Option<Zone>) -> Result<Load, Failure> {
        let sunday = local(zone.as_ref(), week_of).and_then(|local| {
            let since_sunday = local.weekday().num_days_from_sunday();
            local.date().checked_sub_days(Days::new(since_sunday.into()))
        });
        let sunday = sunday
            .filter(|sunday| sunday.checked_add_days(Days::new(8)).is_some())
            .ok_or_else(|| {
                Failure::Input(format!(
                    "--week-of: expected an instant whose week chrono can hold, found {}",
                    render::instant(week_of)
                ))
            })?;
        Ok(Load {
            sunday,
            zone,
            counts: [0; HOURS],
            jobs: 0,
        })
    }

    /// The hour of the week (Sunday 00:00 = 0) at which `t` falls on the
    /// grid's clock, if in this week.
    fn hour_of(&self, t: DateTime<Utc>) -> Option<usize> {
        let at = local(self.zone.as_ref(), t)?;
        let day = (at.date() - self.sunday).num_days();
        (0..7)
            .contains(&day)
            .then(|| day as usize * 24 + at.hour() as usize)
    }

    /// Adds one job's starts in the week, staggered when asked.
    pub fn add(&mut self, evaluated: &Evaluated<'_>, stagger: Option<&Stagger>) {
        self.jobs += 1;
        // The week as UTC, two days wider on each side: more than any
        // zone's offset from UTC; runs from before it by up to the
        // stagger's maximum delay may start in it.
        let midnight = self.sunday.and_time(NaiveTime::MIN).and_utc();
        let delay = stagger.map_or(0, Stagger::max_delay_secs);
        let delay =
            TimeDelta::try_seconds(i64::try_from(delay).unwrap_or(i64::MAX)).unwrap_or(TimeDelta::MAX);
        let from = midnight
            .checked_sub_signed(TimeDelta::days(2))
            .and_then(|t| t.checked_sub_signed(delay))
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        let until = midnight
            .checked_add_signed(TimeDelta::days(9))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        for run in evaluated.runs_between(from, until) {
            let start = stagger.map_or(run, |stagger| evaluated.staggered_start(run, stagger));
            if let Some(hour) = self.hour_of(start) {
                self.counts[hour] += 1;
            }
        }
    }

    /// The busiest hour: its index and count (the first of equals); `None`
    /// when nothing starts in the week.
    fn busiest(&self) -> Option<(usize, u64)> {
        let (hour, &most) = self
            .counts
            .iter()
            .enumerate()
            .max_by_key(|&(hour, count)| (*count, std::cmp::Reverse(hour)))?;
        (most > 0).then_some((hour, most))
    }

    /// The grid's clock, as the text says it.
    fn clock(&self) -> String {
        self.zone
            .as_ref()
            .map_or_else(|| "UTC".to_owned(), |zone| zone.name().to_owned())
    }

    /// The grid as text: a header of hours, one row per day, then the total
    /// and the busiest hour.
    pub fn write_text(&self, out: &mut impl Write) -> Result<(), Failure> {
        let total: u64 = self.counts.iter().sum();
        let jobs = if self.jobs == 1 {
            "1 job"
        } else {
            &format!("{} jobs", self.jobs)
        };
        writeln!(
            out,
            "Runs starting in each hour of the week from Sunday {} ({}), {jobs}, {total} runs",
            self.sunday,
            self.clock()
        )?;
        let width = self
            .counts
            .iter()
            .max()
            .map_or(1, |most| most.to_string().len())
            .max(2);
        write!(out, "   ")?;
        for hour in 0..24 {
            write!(out, " {hour:>width$}")?;
        }
        writeln!(out)?;
        for (day, name) in Weekdays::EVERYDAY.into_iter().enumerate() {
            write!(out, "{name}")?;
            for hour in 0..24 {
                match self.counts[day * 24 + hour] {
                    0 => write!(out, " {:>width$}", ".")?,
                    count => write!(out, " {count:>width$}")?,
                }
            }
            writeln!(out)?;
        }
        match self.busiest() {
            Some((hour, most)) => {
                let day = Weekdays::EVERYDAY
                    .into_iter()
                    .nth(hour / 24)
                    .map_or(String::new(), |day| day.to_string());
                let h = hour % 24;
                writeln!(
                    out,
                    "Busiest hour: {day} {h:02}:00-{:02}:00 {}, {most} run{}",
                    (h + 1) % 24,
                    self.clock(),
                    if most == 1 { "" } else { "s" }
                )?;
            }
            None => writeln!(out, "No run starts in this week")?,
        }
        Ok(())
    }

    /// The grid as JSON: the week's start, the clock, the jobs, the 168
    /// counts (Sunday 00:00 first, as `backupWindow`) and the busiest hour.
    pub fn write_json(&self, out: &mut impl Write) -> Result<(), Failure> {
        let busiest = self.busiest().map_or_else(
            || "null".to_owned(),
            |(hour, runs)| format!("{{\"hour\":{hour},\"runs\":{runs}}}"),
        );
        let counts: Vec<String> = self.counts.iter().map(u64::to_string).collect();
        let answer = format!(
            "{{\"weekOf\":\"{}\",\"clock\":{},\"jobs\":{},\"counts\":[{}],\"busiest\":{busiest}}}",
            self.sunday,
            json!(self.clock()),
            self.jobs,
            counts.join(","),
        );
        writeln!(out, "{answer}")?;
        Ok(())
    }
}

/// `t` on the grid's clock: the zone's wall clock, or UTC; `None` past
/// what chrono holds.
fn local(zone: Option<&Zone>, t: DateTime<Utc>) -> Option<NaiveDateTime> {
    let offset = zone.map_or(0, |zone| zone.minute_offset_at(t));
    t.naive_utc()
        .checked_add_signed(TimeDelta::minutes(offset.into()))
}
