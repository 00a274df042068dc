#!/usr/bin/env python3
"""Prints the tables of benches/README.md from criterion's results.

Run after `cargo bench` (all of it, so that every number comes from the same
run): `python3 benches/ratios.py [target/criterion]`. Each time is criterion's
median time per iteration (robust to the odd slow sample on a shared machine);
ratios are ours / peer, so below 1 means ours is faster.
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
SCHEDULES = ["workdays_2200", "every_15min", "every_4h", "weekends_0330"]
PEERS = ["saffron", "cron", "croner"]


def load():
    results, stamps = {}, []
    for bench in ROOT.glob("**/new/benchmark.json"):
        estimates = bench.with_name("estimates.json")
        if not estimates.exists():
            continue
        full_id = json.loads(bench.read_text())["full_id"]
        results[full_id] = json.loads(estimates.read_text())["median"]["point_estimate"]
        stamps.append(estimates.stat().st_mtime)
    return results, stamps


def ns(value):
    if value >= 1e6:
        return f"{value / 1e6:.2f} ms"
    if value >= 1e3:
        return f"{value / 1e3:.2f} µs"
    return f"{value:.1f} ns"


def main():
    r, stamps = load()
    if not r:
        sys.exit(f"no criterion results under {ROOT}")
    fmt = "%Y-%m-%d %H:%M:%S UTC"
    print(f"Results written {time.strftime(fmt, time.gmtime(min(stamps)))}"
          f" .. {time.strftime(fmt, time.gmtime(max(stamps)))}\n")

    print("### next_run, no window: ours against the peers\n")
    print("| schedule | ours | saffron | cron | croner | ours/saffron | ours/cron | ours/croner |")
    print("|---|---|---|---|---|---|---|---|")
    for s in SCHEDULES:
        ours = r[f"next_run/{s}/ours"]
        peers = [r[f"next_run/{s}/{p}"] for p in PEERS]
        print(f"| {s} | {ns(ours)} | " + " | ".join(ns(p) for p in peers) + " | "
              + " | ".join(f"{ours / p:.3f}" for p in peers) + " |")

    print("\n### next_run with a window: ours against saffron without one\n")
    windows = sorted({k.split("/")[2] for k in r if k.startswith("windowed/")})
    print("| schedule | " + " | ".join(windows) + " | worst / saffron |")
    print("|---|" + "---|" * (len(windows) + 1))
    for s in SCHEDULES:
        saffron = r[f"next_run/{s}/saffron"]
        times = [r[f"windowed/{s}/{w}"] for w in windows]
        print(f"| {s} | " + " | ".join(f"{ns(t)} ({t / saffron:.2f})" for t in times)
              + f" | {max(times) / saffron:.3f} |")
    print("\n(in brackets: ours with the window / saffron's unwindowed time on the same schedule)")

    if any(k.startswith("windowed_prev_run/") for k in r):
        print("\n### prev_run next to next_run\n")
        print("| schedule | next_run | prev_run | prev / next | windowed: worst prev / next |")
        print("|---|---|---|---|---|")
        for s in SCHEDULES:
            ours, prev = r[f"next_run/{s}/ours"], r[f"next_run/{s}/ours_prev_run"]
            worst = max(r[f"windowed_prev_run/{s}/{w}"] / r[f"windowed/{s}/{w}"] for w in windows)
            print(f"| {s} | {ns(ours)} | {ns(prev)} | {prev / ours:.2f} | {worst:.2f} |")

    zoned = sorted({k.split("/")[1] for k in r if k.startswith("zoned/") and k.count("/") == 2})
    if zoned:
        print("\n### Zoned (Europe/Berlin) against the fixed-offset path on the same schedule\n")
        print("| schedule | fixed | zoned | zoned / fixed | windowed: fixed | zoned | zoned / fixed "
              "| prev_run: fixed | zoned | zoned / fixed | windowed prev_run: zoned / fixed | zoned / cron |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for s in zoned:
            g = lambda name: r.get(f"zoned/{s}/{name}")
            fixed, zone = g("ours_fixed_offset"), g("ours_zoned")
            wf, wz = g("ours_fixed_offset_windowed"), g("ours_zoned_windowed")
            pf, pz = g("ours_fixed_offset_prev_run"), g("ours_zoned_prev_run")
            wpf, wpz = g("ours_fixed_offset_windowed_prev_run"), g("ours_zoned_windowed_prev_run")
            cron = g("cron_tz")
            cells = [ns(fixed), ns(zone), f"{zone / fixed:.2f}", ns(wf), ns(wz), f"{wz / wf:.2f}"]
            if pf and pz:
                cells += [ns(pf), ns(pz), f"{pz / pf:.2f}", f"{wpz / wpf:.2f}"]
            else:
                cells += ["-"] * 4
            cells.append(f"{zone / cron:.3f}")
            print(f"| {s} | " + " | ".join(cells) + " |")

    print("\n### Window queries and Immediate\n")
    print("| bench | time |")
    print("|---|---|")
    for k in sorted(k for k in r if k.startswith(("window_queries/", "immediate/", "floor/"))):
        print(f"| {k} | {ns(r[k])} |")

    print("\n### Upcoming runs (10^6 per iteration)\n")
    print("| bench | per run | runs per second |")
    print("|---|---|---|")
    for k in sorted(k for k in r if k.startswith("upcoming/")):
        per_run = r[k] / 1e6
        print(f"| {k} | {ns(per_run)} | {1e9 / per_run / 1e6:.1f} M |")
    ours = r.get("upcoming/ours_minutes5_business_off330")
    peer = r.get("upcoming/saffron_every5min_no_window")
    if ours and peer:
        print(f"\nours (with a window) / saffron (without): {ours / peer:.3f}")

    print("\n### Parsing and validating into a Schedule\n")
    print("| bench | time |")
    print("|---|---|")
    for k in sorted(k for k in r if k.startswith("parse/")):
        print(f"| {k} | {ns(r[k])} |")

    print("\n### Fleet: next_run of every schedule from one instant\n")
    print("| fleet size | per iteration | per schedule |")
    print("|---|---|---|")
    per = {}
    for size in (100_000, 1_000_000):
        key = f"fleet/next_run/{size}"
        if key in r:
            per[size] = r[key] / size
            print(f"| {size:,} | {ns(r[key])} | {ns(per[size])} |")
    if len(per) == 2:
        print(f"\nper schedule, 10^6 / 10^5: {per[1_000_000] / per[100_000]:.3f}")


main()
