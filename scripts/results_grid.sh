#!/usr/bin/env bash
# The seed experiment grid (modes x bits x per-channel x clipping, as in Distiller's post-training study) on
# one model, with real int8 execution: prints a Markdown table of top-1, its change from FP32, model size and
# compression. Calibration: the first 512 training images; evaluation: the 10k test images.
#
#   scripts/results_grid.sh [MODEL.onnx] [LAST_LAYER] [YARDSTICK_KEY]
#
# LAST_LAYER is the layer "last unclipped" refers to (default fc); YARDSTICK_KEY names the model in
# shared/models/distiller_sim.json (a float simulation of Distiller's formulas) to print next to ours.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${1:-resources/models/fmnist_demo.onnx}"
LAST="${2:-fc}"
KEY="${3:-}"
CLI=build/app/quantscope-cli
SIM=../shared/models/distiller_sim.json
[ -x "$CLI" ] || { echo "build first: scripts/build.sh" >&2; exit 1; }

rows=(
  "fp32|"
  "sym 8/8 per-tensor none|--qe --qem sym --qeba 8 --qebw 8"
  "sym 8/8 per-channel none|--qe --qem sym --qeba 8 --qebw 8 --qepc"
  "sym 8/8 per-channel avg|--qe --qem sym --qeba 8 --qebw 8 --qepc --qeca avg"
  "sym 8/8 per-channel avg, last unclipped|--qe --qem sym --qeba 8 --qebw 8 --qepc --qeca avg --qencl $LAST"
  "asym 8/8 per-tensor none|--qe --qem asym_u --qeba 8 --qebw 8"
  "asym 8/8 per-channel avg, last unclipped|--qe --qem asym_u --qeba 8 --qebw 8 --qepc --qeca avg --qencl $LAST"
  "sym 6/6 per-tensor none|--qe --qem sym --qeba 6 --qebw 6"
  "asym 6/6 per-tensor none|--qe --qem asym_u --qeba 6 --qebw 6"
  "asym 6/6 per-channel avg, last unclipped|--qe --qem asym_u --qeba 6 --qebw 6 --qepc --qeca avg --qencl $LAST"
  "asym 4/4 per-tensor none|--qe --qem asym_u --qeba 4 --qebw 4"
  "asym 4/4 per-channel avg, last unclipped|--qe --qem asym_u --qeba 4 --qebw 4 --qepc --qeca avg --qencl $LAST"
  "asym 4/4 per-channel laplace, last unclipped|--qe --qem asym_u --qeba 4 --qebw 4 --qepc --qeca laplace --qencl $LAST"
  "asym 4/4 per-channel mse acts|--qe --qem asym_u --qeba 4 --qebw 4 --qepc --qeca mse"
  "asym 4/4 per-channel percentile 99.99|--qe --qem asym_u --qeba 4 --qebw 4 --qepc --qeca percentile"
  "a8 w4 asym per-channel none|--qe --qem asym_u --qeba 8 --qebw 4 --qepc"
)

echo "Model: \`$MODEL\` — real int8 execution on oneDNN (\"asym\": asymmetric activations and weights; 8-bit asymmetric weights run symmetric, see README)."
echo
if [ -n "$KEY" ] && [ -f "$SIM" ]; then
  echo "| configuration | top-1 % | Δ vs FP32 | size (KB) | compression | Distiller-sim top-1 % |"
  echo "|---|---|---|---|---|---|"
else
  echo "| configuration | top-1 % | Δ vs FP32 | size (KB) | compression |"
  echo "|---|---|---|---|---|"
fi
fp32=""
for row in "${rows[@]}"; do
  name="${row%%|*}"
  flags="${row#*|}"
  # shellcheck disable=SC2086
  json=$("$CLI" eval --model "$MODEL" --json $flags 2>/dev/null)
  top1=$(jq -r '.top1 * 100' <<<"$json")
  size=$(jq -r '.size_bytes' <<<"$json")
  fpsize=$(jq -r '.fp32_size_bytes' <<<"$json")
  [ -z "$fp32" ] && fp32="$top1"
  delta=$(awk -v a="$top1" -v b="$fp32" 'BEGIN { printf "%+.2f", a - b }')
  kb=$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1024 }')
  ratio=$(awk -v s="$size" -v f="$fpsize" 'BEGIN { printf "%.2fx", f / s }')
  line="| $name | $(printf '%.2f' "$top1") | $delta | $kb | $ratio |"
  if [ -n "$KEY" ] && [ -f "$SIM" ]; then
    sim=$(jq -r --arg k "$KEY" --arg n "$name" '.models[$k][$n] // "—"' "$SIM")
    line="$line $sim |"
  fi
  echo "$line"
done
