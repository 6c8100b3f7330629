#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) into ./build-fuzz with clang, ASan, UBSan and -DQS_FUZZ=ON, then runs them.
#
#   scripts/fuzz.sh --smoke [TARGET...]    CI: each target replays its regression inputs (tests/data/bad_input/fuzz/<target>)
#                                          and its seed corpus, then fuzzes for 20 000 inputs or 15 s, whichever comes first
#   scripts/fuzz.sh --runs N [TARGET...]   long runs: N inputs per target, corpus kept in build-fuzz/fuzz-corpus/<target>
#   scripts/fuzz.sh --list                 the targets
# Options: --no-build (use build-fuzz as it is), --time S (also stop each target after S seconds).
# Targets run one after another under `nice -n 10` (other builds share the machine). Exits non-zero when any
# target crashes, leaks, times out or runs out of memory; the input that did it is in build-fuzz/fuzz-artifacts/<target>/.
#
# Limits: -rss_limit_mb=2048 (libFuzzer's default, stated): no loader should need more than a fraction of that for
# inputs of at most a few KiB, and it also caps any single allocation (-malloc_limit_mb follows it), so a file
# that makes a loader reserve gigabytes from a lying header is reported with the allocation's stack instead of
# swapping the machine. -timeout=10: the slowest seed takes milliseconds, so 10 s for one input is a hang (or a
# regex blow-up), not a busy CI machine.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="" runs=0 max_time=0 build=1
targets=()
all_targets=(fuzz_onnx fuzz_distiller_config fuzz_stats_yaml fuzz_session fuzz_idx fuzz_cifar10 fuzz_image fuzz_npy)
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) mode=smoke ;;
    --runs) mode=runs; runs="${2:?--runs needs a count}"; shift ;;
    --time) max_time="${2:?--time needs seconds}"; shift ;;
    --no-build) build=0 ;;
    --list) printf '%s\n' "${all_targets[@]}"; exit 0 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    fuzz_*) targets+=("$1") ;;
    *) echo "fuzz.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$mode" ] || { echo "fuzz.sh: give --smoke or --runs N (see --help)" >&2; exit 2; }
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

if [ "$build" = 1 ]; then
  command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (scripts/install-deps.sh installs clang and libclang-rt-14-dev)" >&2; exit 2; }
  if [ ! -f build-fuzz/build.ninja ]; then
    nice cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
      -DQS_FUZZ=ON -DQS_BUILD_GUI=OFF -DQS_BUILD_TESTS=OFF -DQS_BUILD_BENCH=OFF >/dev/null
  fi
  nice ninja -C build-fuzz -j"$(nproc)" fuzzers
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# oneDNN/OpenMP threads are not used by the loaders; keep libgomp from spinning beside the fuzzer.
export OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE

failed=()
summary=()
start_all=$SECONDS
for t in "${targets[@]}"; do
  bin="build-fuzz/tests/fuzz/$t"
  [ -x "$bin" ] || { echo "fuzz.sh: $bin is not built" >&2; failed+=("$t (not built)"); continue; }
  seeds="tests/fuzz/corpus/$t"
  dict="tests/fuzz/$t.dict"
  artifacts="build-fuzz/fuzz-artifacts/$t/"
  mkdir -p "$artifacts"
  args=(-rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -artifact_prefix="$artifacts")
  [ -f "$dict" ] && args+=(-dict="$dict")
  log="build-fuzz/fuzz-artifacts/$t.log"
  t0=$SECONDS
  status=0

  # Known bad inputs first: each must load (or be refused) without a crash.
  regress="tests/data/bad_input/fuzz/$t"
  if [ -d "$regress" ] && [ -n "$(ls -A "$regress")" ]; then
    nice -n 10 "$bin" "${args[@]}" "$regress"/* >"$log.regress" 2>&1 || { status=1; echo "--- $t: a regression input failed:"; tail -40 "$log.regress"; }
  fi

  if [ "$mode" = smoke ]; then
    work=$(mktemp -d)
    fuzz_args=(-runs=20000 -max_total_time="${max_time/#0/15}")
  else
    work="build-fuzz/fuzz-corpus/$t"
    mkdir -p "$work"
    fuzz_args=(-runs="$runs")
    [ "$max_time" != 0 ] && fuzz_args+=(-max_total_time="$max_time")
  fi
  # New inputs go to the first folder (never the committed seeds).
  nice -n 10 "$bin" "${args[@]}" "${fuzz_args[@]}" "$work" "$seeds" >"$log" 2>&1 || status=1
  [ "$mode" = smoke ] && rm -rf "$work"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  secs=$((SECONDS - t0))
  if [ "$status" != 0 ]; then
    failed+=("$t")
    echo "--- $t FAILED after ${execs:-?} inputs, ${secs} s (log: $log):"
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written|terminate|what\(\)' "$log" | head -20 || true
  fi
  summary+=("$(printf '%-24s %10s inputs %5d s %s' "$t" "${execs:-?}" "$secs" "$([ "$status" = 0 ] && echo ok || echo FAILED)")")
done

printf '%s\n' "${summary[@]}"
echo "fuzz.sh: ${#targets[@]} targets in $((SECONDS - start_all)) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: FAILED: ${failed[*]} (inputs in build-fuzz/fuzz-artifacts/)" >&2
  exit 1
fi
