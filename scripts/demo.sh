#!/usr/bin/env bash
# Installs what is missing, builds, and launches the QuantScope workbench on the bundled demo
# (resources/models/fmnist_demo.onnx + Debian's Fashion-MNIST). Without a display it runs the CLI demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
if [ -x build/app/gui/quantscope ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  exec build/app/gui/quantscope "$@"
fi
echo "demo: no display (or no GUI build); running the command-line demo instead" >&2
build/app/quantscope-cli eval
build/app/quantscope-cli eval --quantize-eval --qe-mode asym_u --qe-per-channel
