#!/usr/bin/env bash
# Fuzz sedex-lint for a bounded time: the coverage-guided atheris harness, then the plain
# random loop; print inputs run, wall time, crashes and peak memory of each.
#
#   fuzz/run.sh [SECONDS] [LOOP_SECONDS]     (defaults: 600 and the same as SECONDS)
#
# PYTHON selects the interpreter (default: python3), e.g. PYTHON=.venv/bin/python.
# Failing inputs are saved under fuzz/crashes/, with a minimized copy (*.min) beside each.
# Exit status: 0 when neither run found anything, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

SECONDS_BUDGET="${1:-600}"
LOOP_SECONDS="${2:-$SECONDS_BUDGET}"
PYTHON="${PYTHON:-python3}"
WORK=fuzz/work
CRASHES=fuzz/crashes
mkdir -p "$WORK/corpus" "$CRASHES"

SEEDS=(fuzz/corpus)
if [ -d ../shared/corpus/real ]; then
  SEEDS+=(../shared/corpus/real)
fi

measure() {  # measure OUTFILE COMMAND...: run COMMAND, its wall time and peak RSS into OUTFILE
  local out="$1"
  shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$out" "$@"
  else
    local start=$SECONDS
    "$@"
    local status=$?
    echo "Elapsed (wall clock) time (seconds): $((SECONDS - start))" >"$out"
    return $status
  fi
}

field() {  # field FILE PATTERN: the value after the last ':' of the matching line
  grep -m1 "$2" "$1" 2>/dev/null | awk -F': ' '{print $NF}' | tr -d ' '
}

crash_files() {  # what libFuzzer (crash-, timeout-, oom-, leak-) and the loop (loop-) save
  find "$CRASHES" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \
    -o -name 'leak-*' -o -name 'loop-*' \) ! -name '*.min' | sort
}

"$PYTHON" -c "import sedex_lint, hypothesis" || {
  echo "install the project first: pip install -e '.[test]' atheris" >&2
  exit 2
}

before="$(crash_files)"
echo "== atheris, ${SECONDS_BUDGET}s (log: $WORK/atheris.log)"
measure "$WORK/atheris.time" "$PYTHON" -m fuzz.fuzz_lint \
  -max_total_time="$SECONDS_BUDGET" -print_final_stats=1 -timeout=20 -rss_limit_mb=2048 \
  -max_len=16384 -dict=fuzz/yaml.dict -artifact_prefix="$CRASHES/" \
  "$WORK/corpus" "${SEEDS[@]}" >"$WORK/atheris.log" 2>&1
atheris_status=$?
tail -n 8 "$WORK/atheris.log"
new_crashes="$(comm -13 <(echo "$before") <(crash_files) | grep -v '^$' || true)"
for crash in $new_crashes; do
  echo "-- minimizing $crash"
  "$PYTHON" -m fuzz.random_loop --minimize "$crash" || true
done

echo "== random loop, ${LOOP_SECONDS}s (log: $WORK/loop.log)"
measure "$WORK/loop.time" "$PYTHON" -m fuzz.random_loop --seconds "$LOOP_SECONDS" \
  --crashes "$CRASHES" "${SEEDS[@]}" >"$WORK/loop.log" 2>&1
loop_status=$?
tail -n 7 "$WORK/loop.log"

atheris_runs="$(field "$WORK/atheris.log" 'stat::number_of_executed_units')"
if [ -z "$atheris_runs" ]; then  # atheris missing: fuzz_lint ran the random loop instead
  atheris_runs="$(field "$WORK/atheris.log" '^inputs run')"
fi
loop_runs="$(field "$WORK/loop.log" '^inputs run')"
atheris_crashes="$(echo "$new_crashes" | grep -c . || true)"
loop_crashes="$(grep -c '^FAILURE ' "$WORK/loop.log" || true)"
echo
echo "== summary"
printf '%-12s %10s %10s %8s %14s\n' run inputs wall crashes "peak RSS (KiB)"
printf '%-12s %10s %10s %8s %14s\n' atheris "${atheris_runs:-?}" \
  "$(field "$WORK/atheris.time" 'Elapsed (wall clock)')" "$atheris_crashes" \
  "$(field "$WORK/atheris.time" 'Maximum resident set size')"
printf '%-12s %10s %10s %8s %14s\n' "random loop" "${loop_runs:-?}" \
  "$(field "$WORK/loop.time" 'Elapsed (wall clock)')" "$loop_crashes" \
  "$(field "$WORK/loop.time" 'Maximum resident set size')"
echo "total inputs: $(( ${atheris_runs:-0} + ${loop_runs:-0} ))"
for crash in $new_crashes; do
  echo "atheris crash: $crash (minimized: $crash.min)"
done
grep -A1 '^FAILURE ' "$WORK/loop.log" || true

if [ "$atheris_status" -ne 0 ] || [ "$loop_status" -ne 0 ]; then
  exit 1
fi
exit 0
