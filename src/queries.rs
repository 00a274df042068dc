//! The scheduler's questions beyond "when next": what was missed while
//! down and what to do about it, and a fixed per-job delay that spreads a
//! fleet's runs.

use core::fmt;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

/// The runs missed between two instants; see
/// [`Timetable::missed`](crate::Timetable::missed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Missed {
    /// How many runs `r` there were with `since < r <= now`.
    pub count: u64,
    /// The first of them.
    pub first: Option<DateTime<Utc>>,
    /// The latest of them.
    pub latest: Option<DateTime<Utc>>,
}

/// What to do about runs missed while a scheduler was down: systemd's
/// `Persistent=`, Quartz's misfire instructions and Kubernetes'
/// `startingDeadlineSeconds` in one rule; see
/// [`Timetable::catch_up`](crate::Timetable::catch_up).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum CatchUpPolicy {
    /// Nothing: the missed runs are dropped (Quartz's "do nothing").
    Skip,
    /// One run for all the late ones (systemd's `Persistent=true`, Quartz's
    /// "fire once now").
    #[default]
    Once,
    /// One run for each late one, at most `cap` (a replay, bounded).
    All {
        /// The most catch-up runs, whatever was missed.
        cap: u32,
    },
}

/// The catch-up a policy asks for; see
/// [`Timetable::catch_up`](crate::Timetable::catch_up).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct CatchUp {
    /// How many catch-up runs to start, one after another; 0 for none.
    pub runs: u64,
    /// When the first may start: the first instant at or after `now` at
    /// which the schedule's window is open; `None` with no runs.
    pub start: Option<DateTime<Utc>>,
}

impl CatchUp {
    /// Nothing to catch up.
    pub(crate) const NONE: CatchUp = CatchUp { runs: 0, start: None };
}

/// A fixed delay for each run of one job, from a key (a job id), that
/// spreads the runs of many jobs with the same schedule; see
/// [`Timetable::staggered_start`](crate::Timetable::staggered_start).
///
/// The delay of a run `r` is `h mod limit` seconds, where `h` is the 64-bit
/// FNV-1a hash of the key's UTF-8 bytes ([`Stagger::hash`]) and `limit` the
/// smallest of the maximum delay, the seconds from `r` to its deadline (when
/// the window closes on it) and the seconds from `r` to the next run; no
/// delay when `limit` is 0. So staggered runs stay in order and inside their
/// window, and a scheduler written in another language computes the same
/// starts.
///
/// # Example
///
/// ```
/// use backup_schedule::Stagger;
/// use std::time::Duration;
///
/// // FNV-1a's published test vectors.
/// assert_eq!(Stagger::hash(""), 0xcbf2_9ce4_8422_2325);
/// assert_eq!(Stagger::hash("a"), 0xaf63_dc4c_8601_ec8c);
/// assert_eq!(Stagger::hash("foobar"), 0x8594_4171_f739_67e8);
/// let stagger = Stagger::new("b7c1cc0b-2b3c-4096-9ba1-2d665b4ae504", Duration::from_secs(30 * 60));
/// assert!(stagger.max_delay_secs() == 1800);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stagger {
    hash: u64,
    max_delay_secs: u64,
}

impl Stagger {
    /// The stagger of the job `key`, delaying runs by less than
    /// `max_delay` (whole seconds; a fraction is dropped).
    pub fn new(key: &str, max_delay: Duration) -> Stagger {
        Stagger {
            hash: Stagger::hash(key),
            max_delay_secs: max_delay.as_secs(),
        }
    }

    /// The 64-bit FNV-1a hash of `key`'s UTF-8 bytes: offset basis
    /// `0xcbf29ce484222325`, prime `0x100000001b3`, each byte XORed in, then
    /// multiplied (wrapping).
    pub fn hash(key: &str) -> u64 {
        key.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    }

    /// The largest delay, in seconds (delays are below it).
    pub fn max_delay_secs(&self) -> u64 {
        self.max_delay_secs
    }

    /// The delay of a run that may be put off at most `limit` seconds (the
    /// smallest of the limits): `hash mod limit`, 0 when `limit` is 0.
    pub(crate) fn delay(&self, limit: u64) -> u64 {
        self.hash.checked_rem(limit.min(self.max_delay_secs)).unwrap_or(0)
    }
}

impl fmt::Debug for Stagger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stagger")
            .field("hash", &format_args!("{:#018x}", self.hash))
            .field("max_delay_secs", &self.max_delay_secs)
            .finish()
    }
}

/// `t` plus `secs` seconds; `None` past chrono's range.
pub(crate) fn plus_secs(t: DateTime<Utc>, secs: u64) -> Option<DateTime<Utc>> {
    t.checked_add_signed(TimeDelta::try_seconds(i64::try_from(secs).ok()?)?)
}
