#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite through CTest; then builds everything again with
# AddressSanitizer + UndefinedBehaviorSanitizer (-DQS_SANITIZE=ON, into ./build-asan) and runs the whole suite there.
# QS_SKIP_SANITIZE=1 stops after the first pass (a quick local check; CI always runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen # no display, in both passes

scripts/install-deps.sh
# ONNX Runtime for test_realmodels_vs_ort (the real models' FP32 outputs against ORT's): the CPU binaries ship in the
# npm package. Where npm cannot fetch it, that test says it is skipped; where it is installed, its absence fails.
if command -v npm >/dev/null && (cd bench/ort && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund --loglevel=error); then
  export QS_REQUIRE_ORT=1
else
  echo "test.sh: onnxruntime-node could not be installed in bench/ort; test_realmodels_vs_ort will be skipped" >&2
fi
scripts/build.sh -DQS_WERROR=ON
(cd build && ctest --output-on-failure --parallel "$(nproc)")

# Fuzz smoke test: every libFuzzer target (tests/fuzz, built with clang into ./build-fuzz) replays the inputs the
# fuzzers found (tests/data/bad_input/fuzz) and its seed corpus, then fuzzes 20 000 inputs; any crash, leak,
# timeout or out-of-memory fails CI.
scripts/fuzz.sh --smoke

if [ "${QS_SKIP_SANITIZE:-0}" = 1 ]; then
  exit 0
fi

# Sanitizer pass: every test (core, CLI with its quantscope-cli children, app, widgets, the GUI's --benchmark run)
# under ASan + UBSan, LeakSanitizer on. UBSan findings abort the test (-fno-sanitize-recover=undefined).
# - No -DQS_WERROR here: -fsanitize changes GCC 12's warnings (std::regex's std::function members give a false
#   -Wmaybe-uninitialized in libstdc++'s std_function.h); the first pass holds the code to -Werror.
#   RelWithDebInfo: reports with file and line.
# - tests/CMakeLists.txt gives each test the project's base options (exit code 66 on any report, so a sanitizer
#   report in the CLI is never mistaken for its exit code 1 on bad input; stack-use-after-return; the suppression
#   files in tests/sanitizer/: one glibc dlerror entry) and 3x its timeout. The variables below come after those options
#   and win; child processes inherit them.
# - Nothing is skipped: the whole suite takes 1-3 minutes under ASan on 2 cores (the build ~15 minutes).
export ASAN_OPTIONS="detect_leaks=1:color=never"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:color=never"
export LSAN_OPTIONS="color=never"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQS_SANITIZE=ON >/dev/null
cmake --build build-asan --parallel "$(nproc)"
(cd build-asan && ctest --output-on-failure --parallel "$(nproc)")
