#!/usr/bin/env python3
"""Writes the seeds of the structured fuzz targets.

The targets read their input with `arbitrary` 1.x: an enum variant is a
little-endian u32 `x` choosing variant `(x * count) >> 32`, integers are
little-endian, a bool or an `Option`'s tag is one byte (`& 1`), and the last
field, a `Vec`, is "one byte `& 1` = another element follows" before each
element. `cargo fuzz fmt TARGET FILE` prints what a seed decodes to.

Run from `fuzz/`: `python3 seeds/encode.py`.
"""

import os
import struct

Y2020 = 1_577_836_800
SAT_2026_11_28_1500 = 1_795_964_400  # a Saturday, the crate docs' example


def variant(index, count):
    """The u32 that selects variant `index` of `count`."""
    return struct.pack("<I", -(-(index << 32) // count))


def u8(v): return struct.pack("<B", v)
def i8(v): return struct.pack("<b", v)
def u16(v): return struct.pack("<H", v)
def i16(v): return struct.pack("<h", v)
def u32(v): return struct.pack("<I", v)
def i32(v): return struct.pack("<i", v)
def i64(v): return struct.pack("<q", v)


# Hours: Always, Never, One(u8), AllBut(Vec<u8>), Stretches(Vec<(u8, u8)>), Bits([u8; 21])
def always(): return variant(0, 6)
def never(): return variant(1, 6)
def one(hour): return variant(2, 6) + u8(hour)


def bits(allowed):
    data = bytearray(21)
    for hour in allowed:
        data[hour // 8] |= 1 << (hour % 8)
    return variant(5, 6) + bytes(data)


# Offset: Hours(i8), Quarters(i8), Minutes(i16), Extreme(bool), Raw(i32)
def off_hours(h): return variant(0, 5) + i8(h)
def off_quarters(q): return variant(1, 5) + i8(q)
def off_minutes(m): return variant(2, 5) + i16(m)
def off_extreme(positive): return variant(3, 5) + u8(1 if positive else 0)
def off_raw(m): return variant(4, 5) + i32(m)


# Instant: NearMin{secs, nanos}, NearMax{secs, nanos}, Recent{secs, nanos},
#          AroundHour{hours: u32, minute: u8, delta: i8}, Any{secs: i64, nanos}
def near_min(secs, nanos=0): return variant(0, 5) + u32(secs) + u32(nanos)
def near_max(secs, nanos=0): return variant(1, 5) + u32(secs) + u32(nanos)
def at(unix, nanos=0): return variant(2, 5) + u32(unix - Y2020) + u32(nanos)
def around(unix_hour, minute, delta): return variant(3, 5) + u32((unix_hour - Y2020) // 3600) + u8(minute) + i8(delta)
def any_secs(secs, nanos=0): return variant(4, 5) + i64(secs) + u32(nanos)


def instants(*items):
    return b"".join(b"\x01" + item for item in items) + b"\x00"


# FuzzTrigger: Immediate, Daily{days: u8, secs: u32, nanos: u32}, ApiPeriodic(u8), Periodic(u8), RawPeriodic(u16)
def immediate(): return variant(0, 5)
def daily(days, secs, nanos=0): return variant(1, 5) + u8(days) + u32(secs) + u32(nanos)
def api_periodic(index): return variant(2, 5) + u8(index)
def periodic(divisor_index): return variant(3, 5) + u8(divisor_index)
def raw_periodic(minutes): return variant(4, 5) + u16(minutes)


def window(hours, offset): return b"\x01" + hours + offset


NO_WINDOW = b"\x00"
# The offset the triggers are read at: Option<Offset>.
UTC = b"\x00"
def read_at(offset): return b"\x01" + offset
WORKDAYS = 0b0111110
WEEKENDS = 0b1000001
EVENINGS = [day * 24 + hour for day in range(1, 6) for hour in range(20, 23)]

EDGE_SAT = at(SAT_2026_11_28_1500)
CHROME_EDGES = (near_min(0), near_min(3600, 1), near_max(0, 999_999_999), near_max(86_400 * 3))

DIFFERENTIAL = {
    # The crate docs' example: workdays 22:00 UTC, window Mon-Fri 20-23 at UTC+03:00.
    "docs_example": daily(WORKDAYS, 22 * 3600) + window(bits(EVENINGS), off_hours(3)) + UTC
    + instants(EDGE_SAT, at(SAT_2026_11_28_1500 + 2 * 86_400 + 2 * 3600), near_max(0)),
    # The same, its daily time read in the window's frame (22:00 at +03:00 = 19:00Z, in the window).
    "docs_example_read_at_window_offset": daily(WORKDAYS, 22 * 3600) + window(bits(EVENINGS), off_hours(3))
    + read_at(off_hours(3)) + instants(EDGE_SAT, near_min(2 * 86_400)),
    "periodic_hours4": api_periodic(6) + NO_WINDOW + UTC + instants(at(SAT_2026_11_28_1500 + 6 * 3600), near_min(0)),
    "periodic_45_newfoundland": periodic(19) + window(bits(range(0, 168, 3)), off_quarters(-14)) + UTC
    + instants(at(SAT_2026_11_28_1500, 500), near_max(100)),
    "periodic_12h_read_at_india": api_periodic(8) + window(bits(range(0, 168, 5)), off_hours(-2))
    + read_at(off_quarters(22)) + instants(at(SAT_2026_11_28_1500, 1), near_max(86_400)),
    "daily_sunday_india": daily(1, 0) + window(one(24), off_quarters(22)) + UTC
    + instants(around(SAT_2026_11_28_1500 + 27 * 3600, 30, -1), near_min(7 * 86_400)),
    "daily_weekends_never_open": daily(WEEKENDS, 3 * 3600 + 30 * 60) + window(never(), off_hours(0)) + UTC
    + instants(EDGE_SAT),
    "daily_no_days": daily(0, 0) + NO_WINDOW + UTC + instants(EDGE_SAT),
    "immediate_saturday_night": immediate() + window(one(167), off_extreme(True)) + UTC + instants(*CHROME_EDGES),
    "every_minute_extreme_offset": periodic(0) + window(bits(range(1, 168, 2)), off_extreme(False))
    + read_at(off_extreme(True)) + instants(near_max(30), any_secs(-1)),
    "daily_fraction_refused": daily(WORKDAYS, 8 * 3600, 5) + NO_WINDOW + UTC + instants(EDGE_SAT),
    "raw_periodic_7_refused": raw_periodic(7) + NO_WINDOW + UTC + instants(EDGE_SAT),
    "offset_1440_refused": api_periodic(0) + window(always(), off_raw(1440)) + UTC + instants(EDGE_SAT),
    "trigger_offset_1440_refused": api_periodic(0) + NO_WINDOW + read_at(off_raw(-1440)) + instants(EDGE_SAT),
}

# zoned_differential.
# ZoneChoice: Unusual(u8) (index into ZONES), Any(u16) (index into chrono_tz::TZ_VARIANTS)
def unusual(index): return variant(0, 2) + u8(index)
def any_zone(index): return variant(1, 2) + u16(index)
BERLIN, NEW_YORK, LORD_HOWE, CHATHAM, KOLKATA, APIA, KIRITIMATI, TROLL, GAZA, NORONHA, MONROVIA, ADAK = range(12)

# Shape: Free{trigger: ZTrigger, window: Option<ZHours>},
#        AcrossChange{before: u8, after: u8, trigger_before: u16, query_after: u16, every_day: bool, gap_open: bool}
def free(trigger, hours=None): return variant(0, 2) + trigger + (b"\x00" if hours is None else b"\x01" + hours)
def across(before, after, trigger_before, query_after, every_day, gap_open):
    return (variant(1, 2) + u8(before) + u8(after) + u16(trigger_before) + u16(query_after)
            + u8(every_day) + u8(gap_open))

# ZTrigger: Immediate, Daily{days: u8, secs: u32}, DailyAtChange{days: u8, secs: i16}, Periodic(u8 into DIVISORS)
def z_immediate(): return variant(0, 4)
def z_daily(days, secs): return variant(1, 4) + u8(days) + u32(secs)
def z_daily_at_change(days, secs): return variant(2, 4) + u8(days) + i16(secs)
def z_periodic(divisor_index): return variant(3, 4) + u8(divisor_index)

# ZHours: Hours(Hours), NearChange{before: u8, len: u8, every_day: bool, invert: bool}
def z_hours(hours): return variant(0, 2) + hours
def z_near_change(before, length, every_day, invert):
    return variant(1, 2) + u8(before) + u8(length) + u8(every_day) + u8(invert)

# ZInstant: NearChange{year: u8 (1900 + year), pick: u8, delta: i32}, Since1900{secs: u32},
#           PastTable{secs: u32}, NearMin{secs: u32}, NearMax{secs: u32}
def near_change(year, pick, delta): return variant(0, 5) + u8(year - 1900) + u8(pick) + i32(delta)
def since_1900(secs): return variant(1, 5) + u32(secs)
def past_table(secs): return variant(2, 5) + u32(secs)
def z_near_min(secs): return variant(3, 5) + u32(secs)
def z_near_max(secs): return variant(4, 5) + u32(secs)

NO_SHIFTS = off_hours(0) + off_hours(0)
EVERY_60, EVERY_15, EVERY_30 = 21, 14, 15  # indices into DIVISORS
ALL_DAYS = 0x7F

ZONED = {
    # Issue 9: Berlin, daily 01:30, Sunday 01 and 03-05 closed, asked at 2026-03-29T02:30Z: 04:00Z.
    "issue_9_berlin_wait_across_spring": unusual(BERLIN) + across(0, 2, 1799, 5400, False, True)
    + off_hours(1) + off_hours(0) + instants(near_change(2026, 0, 0)),
    "berlin_hourly_fold_closed_hour": unusual(BERLIN) + free(z_periodic(EVERY_60), z_near_change(1, 1, True, True))
    + NO_SHIFTS + instants(near_change(2027, 1, -1800), near_change(2027, 1, 3600)),
    "lord_howe_daily_in_the_gap": unusual(LORD_HOWE) + free(z_daily_at_change(ALL_DAYS, 900))
    + off_quarters(42) + off_hours(-3) + instants(near_change(2027, 1, -3600)),
    "chatham_window_hour_in_the_fold": unusual(CHATHAM) + free(z_periodic(EVERY_15), z_hours(one(3)))
    + NO_SHIFTS + instants(near_change(2027, 0, -2400), near_change(2027, 0, 600)),
    "gaza_between_changes_a_week_apart": unusual(GAZA) + free(z_periodic(EVERY_30), z_near_change(2, 3, True, False))
    + NO_SHIFTS + instants(near_change(2040, 2, 3 * 86_400), near_change(2040, 3, -60)),
    "apia_skipped_day": unusual(APIA) + free(z_daily(ALL_DAYS, 12 * 3600)) + NO_SHIFTS
    + instants(near_change(2011, 0, -86_400), since_1900(3_000_000_000)),
    "monrovia_seconds_offset": unusual(MONROVIA) + free(z_periodic(EVERY_60)) + NO_SHIFTS
    + instants(near_change(1972, 0, -600), since_1900(2_000_000_000)),
    "adak_past_the_table": unusual(ADAK) + free(z_daily(WORKDAYS, 3600), z_hours(bits(EVENINGS)))
    + off_hours(-10) + off_extreme(True) + instants(past_table(1000), z_near_max(0), near_change(2099, 1, 100)),
    "kolkata_near_min": unusual(KOLKATA) + free(z_periodic(0), z_hours(bits(range(0, 168, 7))))
    + NO_SHIFTS + instants(z_near_min(0), z_near_min(3 * 86_400), z_near_max(7 * 86_400)),
    # Found by fuzzing (a 10 s timeout in the reference, not the crate): a local mean time with
    # seconds (Kiritimati, -10:29:20 in 1900) made the reference step every second of 16 days.
    "kiritimati_1900_never_open_grid": unusual(KIRITIMATI) + free(z_periodic(35), z_hours(never()))
    + off_quarters(75) + off_quarters(-103) + instants(since_1900(256_103)),
    "any_zone_immediate": any_zone(123) + free(z_immediate(), z_hours(one(100))) + NO_SHIFTS
    + instants(since_1900(4_000_000_000)),
}

WINDOWS = {
    "docs_example": bits(EVENINGS) + off_hours(3) + off_minutes(-210)
    + instants(EDGE_SAT, around(SAT_2026_11_28_1500 + 2 * 86_400 + 2 * 3600, 0, -1)),
    "india_one_hour": one(24) + off_quarters(22) + off_raw(-1440)
    + instants(around(SAT_2026_11_28_1500 + 27 * 3600, 30, 0), around(SAT_2026_11_28_1500 + 28 * 3600, 30, -1)),
    "always_open": always() + off_hours(0) + off_extreme(True) + instants(EDGE_SAT, near_max(0)),
    "never_open": never() + off_minutes(77) + off_hours(-5) + instants(EDGE_SAT, near_min(0)),
    "alternate_hours_extremes": bits(range(0, 168, 2)) + off_extreme(False) + off_extreme(True)
    + instants(*CHROME_EDGES[:3]),
    "newfoundland_weekend": bits(list(range(0, 24)) + list(range(144, 168))) + off_quarters(-14) + off_hours(1)
    + instants(at(SAT_2026_11_28_1500, 123_456_789), any_secs(0)),
}


def main():
    for target, seeds in (
        ("next_run_differential", DIFFERENTIAL),
        ("window_queries", WINDOWS),
        ("zoned_differential", ZONED),
    ):
        folder = os.path.join(os.path.dirname(__file__), target)
        os.makedirs(folder, exist_ok=True)
        for name, data in seeds.items():
            with open(os.path.join(folder, name), "wb") as out:
                out.write(data)


if __name__ == "__main__":
    main()
