//! A zone's UTC offsets as a sorted table of the instants at which they
//! change, with an index by time and, for zones whose data has a rule for the
//! future, the rule's 400-year cycle.
//!
//! The table is built from the transitions the zone's data lists (a TZif
//! file's, the POSIX TZ rule of its footer after those, or chrono-tz's), so it
//! assumes nothing about how far apart changes are: two changes a day apart,
//! or a hundred in one bucket of the index, are found exactly.

// A build with zone support but no source of zone data builds no table.
#![cfg_attr(
    not(any(feature = "tz-system", feature = "tz-bundled", feature = "tz-chrono")),
    allow(dead_code)
)]

use crate::time::{DAY, WEEK};

/// Where the index of the table starts and ends. Changes outside it are in
/// the table too; looking them up is a binary search instead of an index.
pub(crate) const TABLE_FROM: i64 = -5_364_662_400; // 1800-01-01T00:00:00Z
pub(crate) const TABLE_UNTIL: i64 = 4_133_980_800; // 2101-01-01T00:00:00Z

/// 400 Gregorian years: the calendar, weekdays included, repeats after them,
/// and so does every POSIX TZ rule (its changes fall on a month, week and
/// day, or a day of the year, at a fixed local time).
pub(crate) const PERIOD: i64 = 146_097 * DAY;

/// Buckets of 2^21 s (about 24 days) for the index.
const BUCKET_SHIFT: u32 = 21;

/// How far past [`TABLE_UNTIL`] to look for the rule's first change before
/// concluding that there is none: a rule whose transitions never change the
/// offset (standard and daylight time alike) changes nothing.
const RULE_HORIZON: i64 = TABLE_UNTIL + PERIOD;

/// From `at` (a Unix second) on, local time is UTC plus `offset` seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct OffsetChange {
    pub(crate) at: i64,
    pub(crate) offset: i32,
}

/// A stretch of time with one UTC offset: `[start, end)` in Unix seconds.
/// `start` is `i64::MIN` before the first change, `end` is `i64::MAX` when
/// no change follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) offset: i64,
}

/// A span as the zoned fast path reads it: one record of the table, found by
/// one load of the index and one comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FastSpan {
    pub(crate) start: i64,
    pub(crate) end: i64,
    /// Strictly after this instant, the span's time-of-day triggers are the
    /// wall frame's (see [`daily_after`]).
    pub(crate) daily_after: i64,
    pub(crate) offset: i32,
    /// `offset` modulo a week, in `[0, WEEK)`: added to a UTC position in
    /// the week, one conditional subtraction gives the wall-clock position.
    pub(crate) week_shift: u32,
}

/// The index entry of a bucket holding more than one change (in its high
/// bit; the rest is the span containing the bucket's start).
const DENSE: u32 = 1 << 31;

/// A previous span this long or longer is too far from any earlier change
/// for that change to reach into the span after it (see [`daily_after`]).
pub(crate) const LONG_SPAN: i64 = 3 * DAY;

/// The last instant of a span, starting at `start` with offset `offset`
/// after a span `[previous_start, start)` of offset `previous_offset`, at
/// which its time-of-day triggers may differ from the wall frame's.
///
/// A time-of-day trigger is a wall time resolved to the earliest instant
/// whose wall clock reads it or, in a gap, shifted forward by the gap. With
/// `d = offset - previous_offset`, the change at `start` moves triggers only
/// in `[start, start + |d|)`: a gap (`d > 0`) shifts the skipped wall times
/// into `[start, start + d)`, and a fold (`d < 0`) gives the wall times of
/// `[start, start - d)` to the previous span, which read them first. From
/// `start + |d|` on, an instant `t` reads `t + offset >= start +
/// previous_offset`, after every wall time of the previous span; and when
/// that span is [`LONG_SPAN`] or longer, after every earlier one too
/// (offsets lie within 26 hours of UTC, as [`Table::resolve`] assumes, so
/// earlier instants read less than `previous_start + 26 h <= start - 26 h`),
/// and no earlier gap shifts a wall time this far (a gap moves it by less
/// than 52 hours). So `t` is a trigger exactly when `t + offset` is a wall
/// trigger. Later changes do not reach back: a fold's repeated wall times
/// resolve to this span, which reads them first, and a gap shifts its wall
/// times to its own change or later. After a shorter span, a day, as before
/// this bound was known (no change moves a trigger by a day or more).
fn daily_after(previous_start: i64, previous_offset: i32, start: i64, offset: i32) -> i64 {
    let margin = if previous_start <= start.saturating_sub(LONG_SPAN) {
        (i64::from(offset) - i64::from(previous_offset)).abs()
    } else {
        DAY
    };
    start.saturating_add(margin - 1)
}

/// The table's last period of 400 years, `[start, end)`, which repeats for
/// ever: the table holds a change at `start` and the same change at `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cycle {
    start: i64,
    end: i64,
}

/// The offset changes of one zone.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    /// Strictly increasing instants, each with a different offset from the
    /// one before.
    changes: Box<[OffsetChange]>,
    /// The spans between the changes: `spans[k]` from change `k - 1` (or
    /// the beginning of time) to change `k` (or the end of time).
    spans: Box<[FastSpan]>,
    /// For each bucket of `2^BUCKET_SHIFT` seconds from `TABLE_FROM` up to
    /// `TABLE_UNTIL`, the span containing the bucket's start, with
    /// [`DENSE`] set when the bucket holds more than one change. Empty when
    /// the table has more changes than that leaves room for.
    span_at_bucket: Box<[u32]>,
    /// For a zone with a rule: after the table, the offsets repeat the
    /// table's last 400 years.
    cycle: Option<Cycle>,
}

impl Table {
    /// The table of a zone whose offset is `first_offset` before the first of
    /// `transitions` (instants in Unix seconds with the offset from then on,
    /// in increasing order).
    ///
    /// Transitions that keep the offset (a new abbreviation, say) are left
    /// out. The transitions stop at the first that does not come after the
    /// one before (jiff's reading of a TZif file without a rule repeats its
    /// last transition), or once a rule for the future has shown its cycle:
    /// the first change from [`TABLE_UNTIL`] on, then the same change 400
    /// years later. Without that second change, the offset after the table
    /// stays the last one.
    pub(crate) fn from_transitions(
        first_offset: i32,
        transitions: impl IntoIterator<Item = (i64, i32)>,
    ) -> Table {
        let mut changes: Vec<OffsetChange> = Vec::new();
        let mut offset = first_offset;
        let mut previous_at = i64::MIN;
        let mut cycle_start: Option<OffsetChange> = None;
        for (at, next_offset) in transitions {
            if at <= previous_at || (cycle_start.is_none() && at > RULE_HORIZON) {
                break;
            }
            previous_at = at;
            if next_offset == offset {
                continue;
            }
            offset = next_offset;
            let change = OffsetChange { at, offset };
            changes.push(change);
            match cycle_start {
                None if at >= TABLE_UNTIL => cycle_start = Some(change),
                Some(first) if at >= first.at.saturating_add(PERIOD) => break,
                _ => {}
            }
        }
        let cycle = cycle_start
            .filter(|first| {
                changes.last()
                    == Some(&OffsetChange {
                        at: first.at.saturating_add(PERIOD),
                        offset: first.offset,
                    })
            })
            .map(|first| Cycle {
                start: first.at,
                end: first.at + PERIOD,
            });
        Table::new(first_offset, changes, cycle)
    }

    fn new(first_offset: i32, changes: Vec<OffsetChange>, cycle: Option<Cycle>) -> Table {
        let changes = changes.into_boxed_slice();
        let span = |k: usize| {
            let start = k.checked_sub(1).map_or(i64::MIN, |previous| changes[previous].at);
            let offset = k
                .checked_sub(1)
                .map_or(first_offset, |previous| changes[previous].offset);
            (start, offset)
        };
        let mut spans: Vec<FastSpan> = (0..=changes.len())
            .map(|k| {
                let (start, offset) = span(k);
                // The first span has no change before it: settled throughout.
                let daily = k.checked_sub(1).map_or(i64::MIN, |previous| {
                    let (previous_start, previous_offset) = span(previous);
                    daily_after(previous_start, previous_offset, start, offset)
                });
                FastSpan {
                    start,
                    end: changes.get(k).map_or(i64::MAX, |change| change.at),
                    daily_after: daily,
                    offset,
                    week_shift: i64::from(offset).rem_euclid(WEEK) as u32,
                }
            })
            .collect();
        if let Some(cycle) = cycle {
            // The cycle's first span repeats after the cycle's last span, not
            // after the span before the cycle: settled after both. (The
            // table's last span is that repetition, one period on.)
            let first = changes.partition_point(|change| change.at <= cycle.start);
            let repeated = spans[spans.len() - 1].daily_after.saturating_sub(PERIOD);
            spans[first].daily_after = spans[first].daily_after.max(repeated);
        }
        let span_at_bucket = if u32::try_from(changes.len()).is_ok_and(|len| len < DENSE) {
            let buckets = (TABLE_UNTIL - TABLE_FROM) >> BUCKET_SHIFT;
            // How many changes come at or before `secs`, asked in increasing
            // order: one sweep over the table.
            let mut passed = 0;
            let mut at_or_before = |secs: i64| {
                while changes.get(passed).is_some_and(|change| change.at <= secs) {
                    passed += 1;
                }
                passed as u32 // fits: checked above
            };
            (0..=buckets)
                .map(|bucket| {
                    let bucket_start = TABLE_FROM + (bucket << BUCKET_SHIFT);
                    let first = at_or_before(bucket_start);
                    let last = at_or_before(bucket_start + (1 << BUCKET_SHIFT) - 1);
                    first | if last - first > 1 { DENSE } else { 0 }
                })
                .collect()
        } else {
            Box::default()
        };
        Table {
            changes,
            spans: spans.into_boxed_slice(),
            span_at_bucket,
            cycle,
        }
    }

    /// How many offset changes the table holds.
    pub(crate) fn len(&self) -> usize {
        self.changes.len()
    }

    /// Unix second `secs`, or for a zone with a rule and `secs` past the
    /// table, the instant with the same offset in the table's last 400 years;
    /// and how far that moved it.
    #[inline]
    pub(crate) fn fold(&self, secs: i64) -> (i64, i64) {
        match self.cycle {
            Some(cycle) if secs >= cycle.end => {
                // secs > cycle.start > 0: no overflow.
                let shift = (secs - cycle.start) / PERIOD * PERIOD;
                (secs - shift, shift)
            }
            _ => (secs, 0),
        }
    }

    /// The span of fixed offset that contains Unix second `secs`.
    #[inline]
    pub(crate) fn span(&self, secs: i64) -> Span {
        let span = self.fast_span(secs);
        Span {
            start: span.start,
            end: span.end,
            offset: i64::from(span.offset),
        }
    }

    /// The span of fixed offset that contains Unix second `secs`, as the
    /// zoned fast path reads it.
    #[inline]
    pub(crate) fn fast_span(&self, secs: i64) -> FastSpan {
        match self.cycle {
            Some(cycle) if secs >= cycle.end => self.span_in_cycle(secs),
            _ => self.span_in_table(secs),
        }
    }

    /// The span containing Unix second `secs` and the span after it, as
    /// [`fast_span`](Table::fast_span) reads them; `None` when no change
    /// follows.
    ///
    /// Within the table's index, the three records from the bucket's on
    /// are read together, then two chosen: the span after is not looked up
    /// from the first span's end, a lookup that had to wait for the first
    /// (for a query near a change, `Zoned::run_after_near_change`). There
    /// the records are the spans: the index ends before a rule's cycle,
    /// whose first change is at [`TABLE_UNTIL`] or later and whose last
    /// record (unbounded in the table, moved by `span_in_cycle`) comes at
    /// least two changes later (the cycle changes the offset and changes it
    /// back). Elsewhere (a bucket holding more changes, the table's last
    /// spans, outside the index), two lookups, with the same answer (see
    /// [`three_records`](Table::three_records)).
    #[inline]
    pub(crate) fn fast_span_and_next(&self, secs: i64) -> Option<(FastSpan, FastSpan)> {
        if let Some([span, next, after]) = self.three_records(secs, 0) {
            return Some(if secs >= span.end {
                (next, after)
            } else {
                (span, next)
            });
        }
        let span = self.fast_span(secs);
        (span.end != i64::MAX).then(|| (span, self.fast_span(span.end)))
    }

    /// The span before the one containing Unix second `secs`, and that
    /// span, as [`fast_span`](Table::fast_span) reads them; `None` when no
    /// change precedes. Read as in
    /// [`fast_span_and_next`](Table::fast_span_and_next), three records
    /// from the one before the bucket's on.
    #[inline]
    pub(crate) fn fast_span_and_previous(&self, secs: i64) -> Option<(FastSpan, FastSpan)> {
        if let Some([before, span, next]) = self.three_records(secs, 1) {
            return Some(if secs >= span.end {
                (span, next)
            } else {
                (before, span)
            });
        }
        let span = self.fast_span(secs);
        (span.start != i64::MIN).then(|| (self.fast_span(span.start - 1), span))
    }

    /// The three span records from `back` before the first of the bucket
    /// of Unix second `secs` on, for the pair reads; `None` outside the
    /// index or its records. A miss only sends the pair reads to two
    /// lookups, with the same answer: mutants that only make it miss
    /// (`None`, the bucket number shifted the wrong way, `first * 3` for
    /// `first + 3`, a range of other than three records) are equivalent,
    /// only slower.
    #[inline]
    fn three_records(&self, secs: i64, back: usize) -> Option<[FastSpan; 3]> {
        let bucket = (secs.wrapping_sub(TABLE_FROM) >> BUCKET_SHIFT) as usize;
        let first = (*self.span_at_bucket.get(bucket)? as usize).checked_sub(back)?;
        self.spans.get(first..first + 3)?.try_into().ok()
    }

    /// [`fast_span`](Table::fast_span) past the table, in a rule's cycle: the
    /// table's span a whole number of periods before, moved back. (The
    /// table has changes at both ends of the cycle, so the span lies within
    /// it.)
    #[cold]
    fn span_in_cycle(&self, secs: i64) -> FastSpan {
        let (secs, shift) = self.fold(secs);
        let span = self.span_in_table(secs);
        FastSpan {
            start: span.start.saturating_add(shift),
            end: span.end.saturating_add(shift),
            daily_after: span.daily_after.saturating_add(shift),
            ..span
        }
    }

    /// The span containing Unix second `secs`, not folded into the cycle.
    ///
    /// Almost every bucket of the index holds no change or one: `secs` is
    /// in the span of the bucket's start or, when at or past its end, in the
    /// next (for an empty bucket that end is past the bucket: not reached).
    /// Both are read, then one is chosen, rather than the choice made first:
    /// the second read then waited for the first (about 1 ns a query).
    ///
    /// Whatever misses here is searched (`span_index`), with the same
    /// answer: mutants that only make it miss (a bucket number shifted the
    /// wrong way, `first * 2` for `first + 2`, which reads the same pair at
    /// `first == 2` and nothing else) are equivalent, only slower.
    #[inline]
    fn span_in_table(&self, secs: i64) -> FastSpan {
        // Before the index (or past `i64`'s range from its start) the
        // bucket is negative, hence far past the index as a `usize`.
        let bucket = (secs.wrapping_sub(TABLE_FROM) >> BUCKET_SHIFT) as usize;
        if let Some(&first) = self.span_at_bucket.get(bucket) {
            // (A bucket flagged `DENSE` is past `spans` here.)
            let first = first as usize;
            let pair = self.spans.get(first..first + 2);
            if let Some(&[span, next]) = pair.and_then(|pair| <&[FastSpan; 2]>::try_from(pair).ok()) {
                return if secs >= span.end { next } else { span };
            }
        }
        self.spans[self.span_index(secs)]
    }

    /// The span containing Unix second `secs` (within the table: not
    /// folded), as an index into `spans`: how many changes happen at or
    /// before `secs`, by a search among the changes of its bucket when it
    /// is [`DENSE`], else (the table's last span, or outside the index)
    /// among all. (The index only makes this fast: a wrong bucket number
    /// falls back on the search over the whole table, with the same answer.)
    fn span_index(&self, secs: i64) -> usize {
        let bucket = (secs.wrapping_sub(TABLE_FROM) >> BUCKET_SHIFT) as usize;
        match self.span_at_bucket.get(bucket) {
            Some(&first) if first & DENSE != 0 => {
                let first = (first & !DENSE) as usize;
                let end = self
                    .span_at_bucket
                    .get(bucket + 1)
                    .map_or(self.changes.len(), |&next| (next & !DENSE) as usize);
                let in_bucket = self.changes.get(first..end).unwrap_or_default();
                first + in_bucket.partition_point(|change| change.at <= secs)
            }
            _ => self.changes.partition_point(|change| change.at <= secs),
        }
    }

    /// Wall-clock seconds (local time as if it were UTC) at Unix second `secs`.
    #[inline]
    pub(crate) fn wall(&self, secs: i64) -> i64 {
        secs.saturating_add(self.span(secs).offset)
    }

    /// The instant of wall-clock time `wall`, "compatible" disambiguation:
    /// the earliest instant whose wall clock reads `wall` (in a fold, the
    /// earlier one); in a gap, where none does, the wall time shifted forward
    /// by the gap's length, which is `wall - offset before the gap`.
    #[inline]
    pub(crate) fn resolve(&self, wall: i64) -> i64 {
        // Offsets lie within 26 hours of UTC, so every instant whose wall
        // clock reads `wall` lies within 26 hours of it: the spans from two
        // days before `wall` to two days after hold them all, however many
        // changes that is.
        let horizon = wall.saturating_add(2 * DAY);
        let mut span = self.span(wall.saturating_sub(2 * DAY));
        let mut in_gap = None;
        loop {
            let instant = wall.saturating_sub(span.offset);
            if instant >= span.start && instant < span.end {
                return instant;
            }
            // (`>=` would do too: no instant lies a full two days from `wall`.)
            if span.end > horizon {
                return in_gap.unwrap_or(instant);
            }
            let before = span.offset;
            span = self.span(span.end);
            if in_gap.is_none() && wall.saturating_sub(span.offset) < span.start {
                // `wall` comes after the previous span's last wall time and
                // before this one's first: the change skipped it. (At the
                // first, `<=` would note a gap too, but the instant is this
                // span's start and is returned next.)
                in_gap = Some(wall.saturating_sub(before));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600;
    /// 2027-03-28T01:00:00Z.
    const T: i64 = 1_806_195_600;

    fn table(first_offset: i32, changes: &[(i64, i32)]) -> Table {
        Table::from_transitions(first_offset, changes.iter().copied())
    }

    fn span(start: i64, end: i64, offset: i64) -> Span {
        Span { start, end, offset }
    }

    /// Two changes a day apart (+1 h, then back a day later): both are in
    /// the table and every span is exact.
    #[test]
    fn changes_a_day_apart() {
        let zone = table(0, &[(T, 3_600), (T + DAY, 0)]);
        assert_eq!(zone.span(T - 1), span(i64::MIN, T, 0));
        assert_eq!(zone.span(T), span(T, T + DAY, 3_600));
        assert_eq!(zone.span(T + DAY - 1), span(T, T + DAY, 3_600));
        assert_eq!(zone.span(T + DAY), span(T + DAY, i64::MAX, 0));
        // Wall times: [T, T+1h) is skipped at the first change (a gap), and
        // [T+1d, T+1d+1h) happens twice at the second (a fold).
        assert_eq!(zone.resolve(T - 1), T - 1);
        assert_eq!(
            zone.resolve(T + 1_800),
            T + 1_800,
            "in the gap: shifted forward by 1 h"
        );
        assert_eq!(zone.resolve(T + HOUR), T, "first wall time after the gap");
        assert_eq!(
            zone.resolve(T + DAY + 1_800),
            T + DAY + 1_800 - HOUR,
            "fold: the earlier instant"
        );
        assert_eq!(zone.resolve(T + DAY + HOUR), T + DAY + HOUR);
    }

    /// The fast path's records: the week shift of negative and positive
    /// offsets, and the settle instant of time-of-day triggers: the change's
    /// length after a long span, a day after a short one.
    #[test]
    fn fast_spans() {
        let zone = table(-3_600, &[(T, 3_600), (T + 3 * DAY, 0), (T + 4 * DAY, 1_800)]);
        let first = zone.fast_span(T - 1);
        assert_eq!(
            (first.start, first.end, first.daily_after),
            (i64::MIN, T, i64::MIN)
        );
        assert_eq!(first.week_shift, (WEEK - 3_600) as u32);
        // After the first span (unbounded): two hours.
        let second = zone.fast_span(T + DAY);
        assert_eq!(
            (second.end, second.daily_after, second.week_shift),
            (T + 3 * DAY, T + 2 * HOUR - 1, 3_600)
        );
        // After a span of three days: an hour.
        assert_eq!(zone.fast_span(T + 3 * DAY).daily_after, T + 3 * DAY + HOUR - 1);
        // After a span of a day: a day.
        let last = zone.fast_span(T + 5 * DAY);
        assert_eq!(
            (last.start, last.end, last.offset),
            (T + 4 * DAY, i64::MAX, 1_800)
        );
        assert_eq!(last.daily_after, T + 5 * DAY - 1);
    }

    /// The cycle's first span follows the span before the cycle once, and
    /// the cycle's last span ever after: its time-of-day triggers settle
    /// after both. Here the span before is long (half an hour's settling)
    /// and the cycle's last span a day long (a day's).
    #[test]
    fn the_cycle_settles_after_both_spans_before_it() {
        let first = TABLE_UNTIL + 10 * DAY;
        let changes = vec![
            OffsetChange { at: first, offset: 0 },
            OffsetChange {
                at: first + PERIOD - DAY,
                offset: 3_600,
            },
            OffsetChange {
                at: first + PERIOD,
                offset: 0,
            },
        ];
        let cycle = Cycle {
            start: first,
            end: first + PERIOD,
        };
        let zone = Table::new(1_800, changes, Some(cycle));
        assert_eq!(zone.fast_span(first + 10).daily_after, first + DAY - 1);
        let later = zone.fast_span(first + 10 + 5 * PERIOD);
        assert_eq!(
            (later.start, later.daily_after),
            (first + 5 * PERIOD, first + DAY - 1 + 5 * PERIOD)
        );
        assert_eq!(zone.fast_span(first - 1).daily_after, i64::MIN);
    }

    /// Changes an hour apart, each forward by 30 minutes: a wall time in the
    /// second gap is shifted by the second gap only.
    #[test]
    fn gaps_an_hour_apart() {
        let zone = table(0, &[(T, 1_800), (T + HOUR, 3_600)]);
        // Wall clock: up to T reads T, then jumps to T+30m; at T+1h (wall
        // T+1h30m) it jumps to T+2h.
        assert_eq!(
            zone.resolve(T + 600),
            T + 600,
            "in the first gap, read with offset 0"
        );
        assert_eq!(zone.resolve(T + 1_800), T);
        assert_eq!(
            zone.resolve(T + HOUR + 1_800 + 600),
            T + HOUR + 600,
            "in the second gap, read with +30m"
        );
        assert_eq!(zone.resolve(T + 2 * HOUR), T + HOUR);
        assert_eq!(zone.resolve(T + 3 * HOUR), T + 2 * HOUR);
    }

    /// A wall time skipped by one change but repeated by a later one that
    /// moves the clock back further exists: its instant, not a gap's.
    #[test]
    fn skipped_then_repeated_wall_time_exists() {
        // +1 h at T for 30 minutes, then -1 h.
        let zone = table(0, &[(T, 3_600), (T + 1_800, -3_600)]);
        // Wall T+30m is skipped at T (T -> T+1h) but comes again at
        // T+1h30m (-1 h): wall T+30m = instant T+1h30m.
        assert_eq!(zone.resolve(T + 1_800), T + 1_800 + HOUR);
        // Wall T+1h10m happened at T+10m (+1 h) and at T+2h10m: the earlier.
        assert_eq!(zone.resolve(T + HOUR + 600), T + 600);
    }

    /// Offsets near the limits (jiff's are within 25:59:59 of UTC): the
    /// instants of a wall time lie up to 26 hours from it, and are found.
    #[test]
    fn offsets_of_a_day_and_more() {
        let (w, m) = (T, 60);
        // -25:00 -> -25:59 half an hour after w + 24 h: w read at -25:00
        // would be w + 25 h, after the change; at -25:59 it is w + 25:59,
        // which exists (a fold of 59 minutes).
        let change = w + DAY + 30 * m;
        let zone = table(-25 * 3_600, &[(change, -(25 * 3_600 + 59 * m) as i32)]);
        assert_eq!(zone.resolve(w), w + 25 * 3_600 + 59 * m);
        // +25:00 -> +24:00 at w - 24:30: w was w - 25 h (before the change)
        // and again w - 24 h (after): the earlier.
        let change = w - DAY - 30 * m;
        let zone = table(25 * 3_600, &[(change, 24 * 3_600)]);
        assert_eq!(zone.resolve(w), w - 25 * 3_600);
    }

    /// A hundred changes ten minutes apart, in one or two buckets of the
    /// index: all found.
    #[test]
    fn dense_changes_in_one_bucket() {
        let changes: Vec<(i64, i32)> = (0..100).map(|i| (T + i * 600, (i as i32 % 2) * 60)).collect();
        let zone = Table::from_transitions(60, changes.clone());
        assert_eq!(zone.len(), 100);
        for (i, &(at, offset)) in changes.iter().enumerate() {
            let end = changes.get(i + 1).map_or(i64::MAX, |next| next.0);
            assert_eq!(zone.span(at), span(at, end, i64::from(offset)), "change {i}");
            assert_eq!(zone.span(at + 599).offset, i64::from(offset));
        }
    }

    /// Transitions that keep the offset are left out; the first that does
    /// not come after the one before ends the list.
    #[test]
    fn same_offset_and_repeated_transitions() {
        let zone = table(
            0,
            &[
                (T, 0),
                (T + HOUR, 3_600),
                (T + 2 * HOUR, 3_600),
                (T + 3 * HOUR, 0),
                (T + 3 * HOUR, 7_200),
            ],
        );
        assert_eq!(zone.len(), 2);
        assert_eq!(zone.span(T + 2 * HOUR), span(T + HOUR, T + 3 * HOUR, 3_600));
        assert_eq!(zone.span(T + 4 * HOUR), span(T + 3 * HOUR, i64::MAX, 0));
    }

    /// Changes before and after the index are found by binary search.
    #[test]
    fn changes_outside_the_index() {
        let early = TABLE_FROM - 10 * DAY;
        let late = TABLE_UNTIL + 5 * DAY;
        let zone = table(-600, &[(early, 0), (T, 3_600), (late, 0)]);
        assert_eq!(zone.span(early - 1), span(i64::MIN, early, -600));
        assert_eq!(zone.span(early), span(early, T, 0));
        assert_eq!(zone.span(TABLE_FROM), span(early, T, 0));
        assert_eq!(zone.span(TABLE_UNTIL), span(T, late, 3_600));
        assert_eq!(
            zone.span(late + 1),
            span(late, i64::MAX, 0),
            "no second change 400 years on: no cycle"
        );
    }

    /// A rule's changes past the table: two changes every 773 days (189 of
    /// those steps make 400 Gregorian years) from 2101 on, for 400 years and
    /// one change more, repeat for ever.
    #[test]
    fn the_rule_cycle_repeats() {
        let (step, summer) = (773 * DAY, 300 * DAY);
        assert_eq!(189 * step, PERIOD);
        let mut changes = vec![(T, 3_600)];
        let first = TABLE_UNTIL + 10 * DAY;
        let mut at = first;
        while at <= first + 2 * PERIOD {
            changes.push((at, 0));
            changes.push((at + summer, 3_600));
            at += step;
        }
        let zone = Table::from_transitions(0, changes.iter().copied());
        // Those past first + PERIOD are not read.
        assert_eq!(
            zone.changes.last(),
            Some(&OffsetChange {
                at: first + PERIOD,
                offset: 0
            })
        );
        assert_eq!(
            zone.cycle,
            Some(Cycle {
                start: first,
                end: first + PERIOD
            })
        );
        assert_eq!(zone.span(first + 100), span(first, first + summer, 0));
        assert_eq!(zone.span(first - 100), span(T, first, 3_600));
        assert_eq!(
            zone.span(first - PERIOD - 100),
            span(i64::MIN, T, 0),
            "before the cycle: no repeat"
        );
        // 1000 periods on, the same spans, shifted.
        let shift = 1_000 * PERIOD;
        assert_eq!(
            zone.span(first + 100 + shift),
            span(first + shift, first + summer + shift, 0)
        );
        assert_eq!(
            zone.span(first + summer + shift),
            span(first + summer + shift, first + step + shift, 3_600)
        );
        // The last span of the cycle ends where the next period starts.
        assert_eq!(zone.span(first + PERIOD - 1).end, first + PERIOD);
        assert_eq!(zone.span(first + PERIOD - 1 + shift).end, first + PERIOD + shift);
        assert_eq!(zone.span(first + PERIOD + shift).start, first + PERIOD + shift);
        // The far end of time: finite spans, no overflow.
        let far = zone.span(i64::MAX - 1);
        assert!(far.start < i64::MAX && far.end >= i64::MAX - 1, "{far:?}");
        assert!(far.start > i64::MAX - PERIOD, "{far:?}");
        // The change at `first` sets the clock back an hour: a fold.
        assert_eq!(zone.resolve(first + 100 + shift), first + 100 - 3_600 + shift);
        assert_eq!(zone.resolve(first + 3_700 + shift), first + 3_700 + shift);
        assert_eq!(
            zone.resolve(first + summer + 3_700 + shift),
            first + summer + 100 + shift
        );
        // In the gap of the +1 h change: read with the offset before it.
        assert_eq!(
            zone.resolve(first + summer + 100 + shift),
            first + summer + 100 + shift
        );
        // A rule whose change 400 years on has another offset is no cycle.
        let mut broken: Vec<_> = changes
            .iter()
            .copied()
            .filter(|&(at, _)| at < first + PERIOD)
            .collect();
        broken.push((first + PERIOD, 1_800));
        let zone = Table::from_transitions(0, broken);
        assert_eq!(zone.cycle, None);
        assert_eq!(
            zone.span(first + 2 * PERIOD).offset,
            1_800,
            "the last offset stays"
        );
    }

    /// A rule whose changes keep the offset (or none past the horizon) ends
    /// the table without a cycle.
    #[test]
    fn no_change_past_the_horizon() {
        let zone = table(0, &[(T, 3_600), (RULE_HORIZON + 1, 0)]);
        assert_eq!(zone.len(), 1);
        assert_eq!(zone.cycle, None);
        // A change at the horizon itself still counts.
        let zone = table(0, &[(T, 3_600), (RULE_HORIZON, 0)]);
        assert_eq!(zone.len(), 2);
    }

    #[test]
    fn fold_only_past_the_cycle() {
        let cycle = Cycle {
            start: 100,
            end: 100 + PERIOD,
        };
        let zone = Table::new(0, Vec::new(), Some(cycle));
        assert_eq!(zone.fold(99 + PERIOD), (99 + PERIOD, 0));
        assert_eq!(zone.fold(100), (100, 0));
        assert_eq!(
            zone.fold(99 - 2 * PERIOD),
            (99 - 2 * PERIOD, 0),
            "before the cycle"
        );
        assert_eq!(zone.fold(100 + PERIOD), (100, PERIOD));
        assert_eq!(zone.fold(101 + 3 * PERIOD), (101, 3 * PERIOD));
    }

    /// A span and its neighbour read together are the spans that looking
    /// each up gives: in buckets of one change and of several, at, before
    /// and after each change, outside the index, in a rule's cycle, and
    /// next to the first and last spans.
    #[test]
    fn neighbours_read_together_agree_with_lookups() {
        // Every 182.6 days (800 changes in 400 years, so the offsets repeat
        // with the calendar), from before the index to past a cycle, with
        // three changes an hour apart in a bucket twice (an even number of
        // changes a cycle, so the offsets repeat too).
        const STEP: i64 = PERIOD / 800;
        let mut changes = Vec::new();
        let mut at = TABLE_FROM - 3 * STEP;
        while at < TABLE_UNTIL + PERIOD + 3 * STEP {
            changes.push(at);
            if (T..T + STEP).contains(&at) || (TABLE_FROM..TABLE_FROM + STEP).contains(&at) {
                changes.extend([at + HOUR, at + 2 * HOUR]);
            }
            at += STEP;
        }
        let ruled = Table::from_transitions(
            0,
            changes
                .iter()
                .enumerate()
                .map(|(k, &at)| (at, [3_600, -1_800][k % 2])),
        );
        assert!(ruled.cycle.is_some());
        let short = table(-3_600, &[(T, 3_600), (T + 3 * DAY, 0), (T + 4 * DAY, 1_800)]);
        let none = table(3_600, &[]);
        for zone in [&ruled, &short, &none] {
            let mut instants: Vec<i64> = changes
                .iter()
                .chain(&[T, T + 3 * DAY, T + 4 * DAY])
                .flat_map(|&at| [at - DAY, at - 1, at, at + 1, at + HOUR + 1])
                .collect();
            instants.extend([i64::MIN + 1, i64::MAX - 1, TABLE_UNTIL + 5 * PERIOD + 17]);
            for t in instants {
                let span = zone.fast_span(t);
                assert_eq!(
                    zone.fast_span_and_next(t),
                    (span.end != i64::MAX).then(|| (span, zone.fast_span(span.end))),
                    "next at {t}"
                );
                assert_eq!(
                    zone.fast_span_and_previous(t),
                    (span.start != i64::MIN).then(|| (zone.fast_span(span.start - 1), span)),
                    "previous at {t}"
                );
            }
        }
    }
}
