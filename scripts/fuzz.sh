#!/usr/bin/env bash
# Fuzzes each target with AFL++ for SECONDS (default 600) from its seeds
# (tests/fuzz/seeds/TARGET), as many targets at once as there are cores, with the
# asan preset's build (afl-g++, ASan+UBSan). Fails when any target found a crash
# or a hang; the inputs are left in build/asan/fuzz-findings/TARGET/ to be fixed
# and kept under tests/fuzz/regressions/TARGET/ (docs/hardening.md).
#   scripts/fuzz.sh                  every target, 10 minutes each
#   scripts/fuzz.sh 10               every target, 10 seconds each (the test command)
#   scripts/fuzz.sh 3600 ingest      one target for an hour
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(guide money_mentions catalog ingest offer http_request submission)

command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz is missing; run scripts/install-deps.sh" >&2; exit 1; }
cmake --preset asan >/dev/null
cmake --build --preset asan --target "${targets[@]/#/fuzz_}"

# A fresh machine (CI) has no core dump handler to spare and its CPUs may scale
# their frequency: neither changes what is found. The other cores may be busy.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
export AFL_QUIET=1
# afl-fuzz first runs each seed many times to calibrate, 40 times when its paths
# vary: the server targets' threads make them vary, and http_request took 39 s
# to calibrate before its 10 s of fuzzing. A run under 10 minutes, CI's smoke
# test, starts fuzzing at once (ctest has already run the seeds under the
# sanitizers: fuzz_replay_TARGET); a longer run calibrates.
if (( seconds < 600 )); then export AFL_NO_STARTUP_CALIBRATION=1; fi
# afl-fuzz wants the sanitizers to abort, without symbolizing; UBSan keeps its
# suppression file (tests/sanitizers/ubsan.supp).
export ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=1
export UBSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/ubsan.supp:halt_on_error=1:abort_on_error=1:symbolize=0"

output=build/asan/fuzz-output
findings=build/asan/fuzz-findings
rm -rf "$findings"
mkdir -p "$output"

# One target's run; fails when it found a crash or a hang, and keeps them.
fuzz_one() {
  local target=$1
  rm -rf "${output:?}/$target"
  # -t: an input that takes 10 s is a hang (the site loads in each run of the
  # http_request and submission targets); -m none: ASan reserves terabytes of
  # address space.
  afl-fuzz -i "tests/fuzz/seeds/$target" -o "$output/$target" -V "$seconds" -t 10000 -m none \
    -- "build/asan/fuzz/fuzz_$target" @@ >"$output/$target.log" 2>&1 ||
    { echo "fuzz: afl-fuzz failed on $target; see $output/$target.log" >&2; tail -20 "$output/$target.log" >&2; return 1; }
  local stats="$output/$target/default/fuzzer_stats"
  value() { awk -F' *: *' -v key="$1" '$1 == key { print $2 }' "$stats"; }
  local crashes hangs
  crashes=$(value saved_crashes)
  hangs=$(value saved_hangs)
  echo "fuzz: $target: $(value execs_done) runs ($(value execs_per_sec)/s), $(value corpus_count) paths, $crashes crashes, $hangs hangs"
  if [ "$crashes" != 0 ] || [ "$hangs" != 0 ]; then
    mkdir -p "$findings/$target"
    find "$output/$target/default/crashes" "$output/$target/default/hangs" -type f -name 'id:*' \
      -exec cp {} "$findings/$target/" \;
    return 1
  fi
}

# As many targets at once as there are cores.
failed=0
running=0
for target in "${targets[@]}"; do
  fuzz_one "$target" &
  if (( ++running >= $(nproc) )); then
    wait -n || failed=1
    running=$((running - 1))
  fi
done
while (( running > 0 )); do
  wait -n || failed=1
  running=$((running - 1))
done
if [ "$failed" != 0 ]; then
  echo "fuzz: findings in $findings; replay one with build/asan/fuzz/fuzz_TARGET FILE" >&2
  exit 1
fi
