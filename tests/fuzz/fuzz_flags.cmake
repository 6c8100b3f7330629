# Included by the top-level CMakeLists.txt when QS_FUZZ is on, before any target is defined: every library is
# compiled with libFuzzer's coverage instrumentation (fuzzer-no-link) plus ASan and UBSan, so the fuzz targets in
# this folder see coverage and memory errors inside the loaders, not only in the harness. UBSan does not recover:
# a finding stops the run, which is what makes libFuzzer record it. Except nonnull-attribute: an empty tensor's data
# pointer is null and memcpy(dst, nullptr, 0) is formally undefined but harmless; the node tests' empty tensors
# (ReduceSum with empty axes, zero-size Split parts) stop on it at once. See README.md, "Not fixed".
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR
    "QS_FUZZ needs clang (libFuzzer is part of clang's compiler-rt), but CMAKE_CXX_COMPILER is "
    "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER}. Use a fresh build folder configured with "
    "-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ (Debian: apt-get install clang libclang-rt-14-dev "
    "libomp-dev, see scripts/install-deps.sh), or run scripts/fuzz.sh.")
endif()
set(QS_FUZZ_SANITIZERS address,undefined)
add_compile_options(-fsanitize=fuzzer-no-link,${QS_FUZZ_SANITIZERS} -fno-sanitize=nonnull-attribute -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
add_link_options(-fsanitize=${QS_FUZZ_SANITIZERS})
