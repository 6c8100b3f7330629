#!/usr/bin/env bash
# QuantScope vs ONNX Runtime (CPU) comparison driver. See bench/README.md.
#
#   bench/run_bench.sh [--int8] [--iterations N] [--warmup W] [--models "resnet18 resnet50 mobilenet_v2"]
#                      [--threads "1 2"] [--batches "1 32"] [--cli PATH] [--raw FILE] [--ort-only]
#
# For every model x threads x batch it runs, alternating the two engines (and alternating which one
# goes first, so slow drift of the machine does not favour either):
#   build/app/quantscope-cli bench --model bench/models/X.onnx --batch B --threads T --iterations N --warmup W --json
#       (with --int8: ... --quantize-eval)
#   node bench/ort/bench.js --model bench/models/X.onnx --batch B --threads T --iterations N --warmup W
#       (with --int8: bench/models/X_qdq.onnx, made by scripts/make_qdq_model.py)
# Each prints ONE JSON line {"engine","version","model","batch","threads","median_ms","p90_ms",
# "throughput_ips"}. The raw lines are kept (--raw FILE, default a temp file) and a Markdown table
# is printed on stdout. --ort-only skips QuantScope (QuantScope columns show "-").
# Default iterations: 20 at batch 1, 5 at batch >= 8 (--iterations overrides both).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
INT8=0
ORT_ONLY=0
ITERATIONS=""
WARMUP=3
MODELS="resnet18 resnet50 mobilenet_v2"
THREADS="1 2"
BATCHES="1 32"
CLI="$ROOT/build/app/quantscope-cli"
RAW=""

die() { echo "run_bench.sh: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --int8) INT8=1; shift ;;
        --ort-only) ORT_ONLY=1; shift ;;
        --iterations) ITERATIONS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --models) MODELS="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --batches) BATCHES="$2"; shift 2 ;;
        --cli) CLI="$2"; shift 2 ;;
        --raw) RAW="$2"; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

command -v node >/dev/null || die "node not found"
[[ -d "$ROOT/bench/ort/node_modules/onnxruntime-node" ]] ||
    die "onnxruntime-node missing: (cd bench/ort && ONNXRUNTIME_NODE_INSTALL=skip npm install)"
if [[ $ORT_ONLY -eq 0 && ! -x "$CLI" ]]; then
    die "$CLI not found: build QuantScope first (scripts/build.sh), or pass --ort-only"
fi
# the ONNX file the ORT side runs: X.onnx, or X_qdq.onnx with --int8
ort_model_file() { if [[ $INT8 -eq 1 ]]; then echo "$ROOT/bench/models/${1}_qdq.onnx"; else echo "$ROOT/bench/models/$1.onnx"; fi; }
for m in $MODELS; do
    f=$(ort_model_file "$m")
    [[ -f "$ROOT/bench/models/$m.onnx" ]] || die "bench/models/$m.onnx missing: /usr/bin/python3 scripts/export_bench_models.py"
    [[ -f "$f" ]] || die "$f missing: /usr/bin/python3 scripts/make_qdq_model.py bench/models/$m.onnx $f"
done

# JSON field access: jq if installed, else node.
if command -v jq >/dev/null; then
    field() { jq -r --arg k "$2" '.[$k] // empty' <<<"$1"; }
else
    field() { node -e 'const o=JSON.parse(process.argv[1]); const v=o[process.argv[2]]; if (v !== undefined && v !== null) console.log(v)' "$1" "$2"; }
fi

[[ -n "$RAW" ]] || RAW="$(mktemp -t quantscope-bench.XXXXXX.jsonl)"
: >"$RAW"
ERR="$(mktemp -t quantscope-bench-stderr.XXXXXX)"
TIMEF="$(mktemp -t quantscope-bench-time.XXXXXX)"
WARN="$(mktemp -t quantscope-bench-warn.XXXXXX)"
trap 'rm -f "$ERR" "$TIMEF" "$WARN"' EXIT
# Fairness check: /usr/bin/time (if present) measures the CPU each engine process used; a process
# that keeps more cores busy than --threads asks for is reported under the table.
TIMER=()
if [[ -x /usr/bin/time ]]; then TIMER=(/usr/bin/time -f "%e %U %S" -o "$TIMEF"); fi

# run_engine ENGINE MODEL BATCH THREADS ITERS -> prints the JSON line (empty on failure)
run_engine() {
    local engine=$1 model=$2 batch=$3 threads=$4 iters=$5 out rc=0
    if [[ $engine == quantscope ]]; then
        local extra=()
        if [[ $INT8 -eq 1 ]]; then extra=(--quantize-eval); fi
        out=$("${TIMER[@]}" "$CLI" bench --model "$ROOT/bench/models/$model.onnx" --batch "$batch" --threads "$threads" \
                    --iterations "$iters" --warmup "$WARMUP" --json "${extra[@]}" 2>"$ERR") || rc=$?
    else
        local file
        file=$(ort_model_file "$model")
        out=$("${TIMER[@]}" node "$ROOT/bench/ort/bench.js" --model "$file" --batch "$batch" --threads "$threads" \
                    --iterations "$iters" --warmup "$WARMUP" 2>"$ERR") || rc=$?
    fi
    local line
    line=$(grep '^{' <<<"$out" | tail -n 1 || true)
    if [[ $rc -ne 0 || -z $line ]]; then
        echo "run_bench.sh: $engine failed on $model batch $batch threads $threads (exit $rc):" >&2
        tail -n 5 "$ERR" >&2
        return 0
    fi
    if [[ ${#TIMER[@]} -gt 0 && -s $TIMEF ]]; then
        awk -v t="$threads" -v e="$engine" -v m="$model" -v b="$batch" '
            { cores = ($1 > 0) ? ($2 + $3) / $1 : 0
              if (cores > t * 1.25 + 0.1)
                  printf "warning: %s kept %.1f cores busy on average with --threads %s (%s, batch %s): its numbers are not %s-thread numbers\n", e, cores, t, m, b, t }' \
            "$TIMEF" >>"$WARN"
    fi
    echo "$line" >>"$RAW"
    echo "$line" >&2
    echo "$line"
}

fmt() { if [[ -n "$1" ]]; then printf '%.2f' "$1"; else printf -- '-'; fi; }
fmt0() { if [[ -n "$1" ]]; then printf '%.1f' "$1"; else printf -- '-'; fi; }

rows=()
n=0
for model in $MODELS; do
    for threads in $THREADS; do
        for batch in $BATCHES; do
            if [[ -n $ITERATIONS ]]; then iters=$ITERATIONS
            elif [[ $batch -ge 8 ]]; then iters=5
            else iters=20; fi
            qs="" ort=""
            if [[ $ORT_ONLY -eq 1 ]]; then
                ort=$(run_engine onnxruntime "$model" "$batch" "$threads" "$iters")
            elif (( n % 2 == 0 )); then
                qs=$(run_engine quantscope "$model" "$batch" "$threads" "$iters")
                ort=$(run_engine onnxruntime "$model" "$batch" "$threads" "$iters")
            else
                ort=$(run_engine onnxruntime "$model" "$batch" "$threads" "$iters")
                qs=$(run_engine quantscope "$model" "$batch" "$threads" "$iters")
            fi
            n=$((n + 1))
            qs_ms="" ort_ms="" qs_ips="" ort_ips="" ratio=""
            if [[ -n $qs ]]; then qs_ms=$(field "$qs" median_ms); qs_ips=$(field "$qs" throughput_ips); fi
            if [[ -n $ort ]]; then ort_ms=$(field "$ort" median_ms); ort_ips=$(field "$ort" throughput_ips); fi
            if [[ -n $qs_ms && -n $ort_ms ]]; then
                ratio=$(awk -v a="$qs_ms" -v b="$ort_ms" 'BEGIN { if (b > 0) printf "%.2f", a / b }')
            fi
            rows+=("| $model | $threads | $batch | $(fmt "$qs_ms") | $(fmt "$ort_ms") | ${ratio:--} | $(fmt0 "$qs_ips") | $(fmt0 "$ort_ips") |")
        done
    done
done

ort_version=$(node -p "require('$ROOT/bench/ort/node_modules/onnxruntime-node/package.json').version")
echo
if [[ $INT8 -eq 1 ]]; then precision="int8 (QuantScope --quantize-eval vs ORT on *_qdq.onnx)"; else precision=fp32; fi
echo "Precision: $precision," \
     "ONNX Runtime $ort_version (CPU EP), median of N runs; ratio > 1: QuantScope slower. Raw JSON: $RAW"
echo
echo "| model | threads | batch | QuantScope ms | ORT ms | ratio (QS/ORT) | QS img/s | ORT img/s |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
if [[ -s $WARN ]]; then echo; cat "$WARN"; fi
