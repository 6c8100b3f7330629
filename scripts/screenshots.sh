#!/bin/sh
# Runs the workbench under a virtual X server with --screenshot: it loads the demo model, evaluates the
# FP32 baseline and four int8 configs, and writes main_*.png (QWidget::grab) into DIR (default docs/screenshots):
# the window, the filtered table, the dataset and Auto Mixed Precision dialogs, the activation histogram, weight ranges and observer
# comparison docks of a selected layer, and the runs beside the accuracy-vs-size plot; then real_model_fidelity.png
# (--screenshot-fidelity: the RFB-320 face detector on the photos, fidelity runs on the table and the plot).
# usage: scripts/screenshots.sh [BUILD_DIR] [DIR]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
out=${2:-$src/docs/screenshots}
cmake --build "$build" --target quantscope -j "${JOBS:-2}"
mkdir -p "$out"
# A fixed locale and style so screenshots do not depend on the machine; settings isolated from the user's.
export LC_ALL=C.UTF-8 LANG=C.UTF-8 XDG_CONFIG_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
xvfb-run -a -s "-screen 0 1600x1000x24" "$build/app/gui/quantscope" --screenshot "$out"
xvfb-run -a -s "-screen 0 1600x1000x24" "$build/app/gui/quantscope" --screenshot-fidelity "$out" \
    "$src/tests/data/realmodels/version-RFB-320.onnx" --data "images:$src/tests/data/photos" \
    --preprocess "resize=240x320,channels=rgb,mean=127,std=128"
ls -l "$out"/main_*.png "$out"/analysis_*.png "$out"/real_model_fidelity.png
