#!/usr/bin/env bash
# Builds the fuzz targets and runs each from the committed seeds.
#
# Run from anywhere (the lead's .ci/run calls `bash fuzz/ci.sh` from the repo
# root). With `cargo +nightly`: installs cargo-fuzz if missing, builds the
# targets and runs each for FUZZ_SECONDS (30) seconds. Without nightly: builds
# them on stable with the `cfg(fuzzing)` shim (no coverage instrumentation),
# runs every seed through each, then lets libFuzzer mutate blindly for the
# same time. Exits non-zero on a finding (a panic, a failed check, a run
# longer than 10 s for one input, or a build failure). FUZZ_STABLE=1 takes
# the stable path even where nightly is installed.

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

targets=(policy_json backup_json next_run_differential window_queries zoned_differential)
seconds="${FUZZ_SECONDS:-30}"
# A hang is a finding: no single input may take 10 seconds.
libfuzzer_flags=(-max_total_time="$seconds" -timeout=10 -print_final_stats=1)

# Logs go beside, not into, the artifact folders (cargo fuzz reads those).
logs=artifacts/ci-logs

fresh_corpus() {
    rm -rf "corpus/$1"
    mkdir -p "corpus/$1" "artifacts/$1" "$logs"
    cp "seeds/$1"/* "corpus/$1/"
}

# What a failed run found: the check that failed, and the input's file.
report() {
    grep -m 1 -A 6 -E 'panicked at|ERROR: libFuzzer' "$1" || true
    grep -E 'Test unit written|^SUMMARY' "$1" || true
    # Running seed files one by one, the last one started is the culprit.
    grep -E '^Running: ' "$1" | tail -n 1 || true
    tail -n 12 "$1"
}

failed=()

if [[ "${FUZZ_STABLE:-0}" != 1 ]] && cargo +nightly --version >/dev/null 2>&1; then
    if ! cargo fuzz --version >/dev/null 2>&1; then
        echo "fuzz: cargo-fuzz is missing; installing it from crates.io"
        cargo install cargo-fuzz --locked
    fi
    echo "fuzz: $(cargo +nightly --version), $(cargo fuzz --version)"
    # `-s none`: the crate is #![forbid(unsafe_code)], and AddressSanitizer
    # costs about five sixths of the throughput; debug assertions (overflow
    # checks) stay on.
    cargo +nightly fuzz build -s none
    for target in "${targets[@]}"; do
        fresh_corpus "$target"
        echo "fuzz: running $target for ${seconds}s from $(ls "seeds/$target" | wc -l) seeds"
        if ! cargo +nightly fuzz run -s none "$target" "corpus/$target" -- "${libfuzzer_flags[@]}" \
            >"$logs/$target.log" 2>&1; then
            failed+=("$target")
            report "$logs/$target.log"
        fi
        grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs)' "$logs/$target.log" || true
    done
else
    echo "fuzz: cargo +nightly is not available (or FUZZ_STABLE=1): building the fuzz targets on stable with the"
    echo "fuzz: cfg(fuzzing) shim, without coverage instrumentation; each target runs its seeds,"
    echo "fuzz: then mutates them blindly (no coverage feedback) for ${seconds}s"
    RUSTFLAGS="--cfg fuzzing -C debug-assertions -C overflow-checks=on" cargo build --release --bins
    for target in "${targets[@]}"; do
        fresh_corpus "$target"
        binary="target/release/$target"
        echo "fuzz: $target: every seed"
        if ! "$binary" -artifact_prefix="artifacts/$target/" "seeds/$target"/* \
            >"$logs/$target-seeds.log" 2>&1; then
            failed+=("$target (seeds)")
            report "$logs/$target-seeds.log"
            continue
        fi
        echo "fuzz: $target: blind mutation for ${seconds}s"
        if ! "$binary" -artifact_prefix="artifacts/$target/" "${libfuzzer_flags[@]}" "corpus/$target" \
            >"$logs/$target.log" 2>&1; then
            failed+=("$target")
            report "$logs/$target.log"
        fi
        grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs)' "$logs/$target.log" || true
    done
fi

if ((${#failed[@]})); then
    echo "fuzz: FINDINGS in: ${failed[*]} (inputs under fuzz/artifacts/)"
    exit 1
fi
echo "fuzz: no finding in ${targets[*]}"
