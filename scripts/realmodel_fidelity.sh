#!/usr/bin/env bash
# Fidelity of 8-bit per-channel int8 to FP32 for every real model in tests/data/realmodels on the photos in
# tests/data/photos (calibrated on the same photos: there are only four). Prints one block per model; the
# README's real-model table is made from this output. Usage: scripts/realmodel_fidelity.sh [path/to/quantscope-cli]
# COMMAND=analyze runs `analyze` instead of `eval` on the same models and data (per-layer SQNR; the README's
# per-layer table: COMMAND=analyze EXTRA="--no-twin --json" ... | scripts/summarize_layer_errors.py); EXTRA adds flags
# to every run (e.g. EXTRA="--qem asym_u --qeca mse").
set -uo pipefail
cd "$(dirname "$0")/.."
cli=${1:-build/app/quantscope-cli}
models=tests/data/realmodels
photos=images:tests/data/photos
run() { # name, then eval arguments
  local name=$1; shift
  echo "== $name"
  # shellcheck disable=SC2086  # EXTRA is a list of flags
  "$cli" "${COMMAND:-eval}" --model "$models/$name" --data "$photos" --qe --qepc "$@" ${EXTRA:-} 2>&1 | grep -v "^calibration\|warning: calibrating" || true
}
run version-RFB-320.onnx --preprocess "resize=240x320,channels=rgb,mean=127,std=128"
run version-slim-320_without_postprocessing.onnx --preprocess "resize=240x320,channels=rgb,mean=127,std=128"
run yunet_n_dynamic.onnx --input-shape 1x3x320x320 --preprocess "channels=bgr"
run nanodet_m_320.onnx --preprocess "resize=320x320,channels=bgr,mean=103.53:116.28:123.675,std=57.375:57.12:58.395"
run yolox_nano_handsign_with_post.onnx --preprocess "resize=416x416,channels=bgr"
run ch_PP-OCRv4_det_infer.onnx --input-shape 1x3x640x640 --preprocess "channels=bgr,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225"
run ch_PP-OCRv4_rec_infer.onnx --input-shape 1x3x48x320 --preprocess "channels=bgr,scale=1/127.5,mean=1"
run ch_ppocr_mobile_v2.0_cls_infer.onnx --input-shape 1x3x48x192 --preprocess "channels=bgr,scale=1/127.5,mean=1"
run en_number_mobile_v2.0_rec_infer.onnx --input-shape 1x3x32x320 --preprocess "channels=bgr,scale=1/127.5,mean=1"
run pphumanseg_lite_portrait_398x224.onnx --input-shape 1x3x224x398 --preprocess "channels=rgb,scale=1/127.5,mean=1"
run deeplab_v3_1_default_1.onnx --preprocess "resize=257x257,layout=nhwc,channels=rgb,scale=1/127.5,mean=1"
run road_segmentation_adas_0001.onnx --preprocess "resize=512x896,layout=nhwc,channels=bgr"
