#!/usr/bin/env bash
# Installs every Debian package QuantScope needs to build, test and run (idempotent; Debian 12; root or sudo).
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools libqcustomplot-dev
  libyaml-cpp-dev libdnnl-dev ocl-icd-opencl-dev libopencv-dev
  libonnx-dev libprotobuf-dev protobuf-compiler zlib1g-dev
  libonnx-testdata dataset-fashion-mnist
  xvfb xauth imagemagick libgl1-mesa-dri jq
  # scripts/fuzz.sh (QS_FUZZ): clang, its compiler-rt (libclang_rt.fuzzer/asan/ubsan) and its OpenMP runtime
  clang libclang-rt-14-dev libomp-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
