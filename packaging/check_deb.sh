#!/bin/sh
# Builds the .deb, extracts it with dpkg-deb -x into a temporary directory and checks that the packaged
# binaries start: quantscope-cli --help and (offscreen) quantscope --version.
# usage: packaging/check_deb.sh [BUILD_DIR]   (default build-deb; configured here if needed)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-deb}
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DQS_BUILD_TESTS=OFF -DQS_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build" --target quantscope quantscope-cli -j "${JOBS:-2}"
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/quantscope_*.deb | head -n 1)
echo "package: $deb"
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Architecture\|Depends\):/  \1:/p'

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
for f in usr/bin/quantscope usr/bin/quantscope-cli usr/share/applications/io.github.quantscope.QuantScope.desktop \
         usr/share/metainfo/io.github.quantscope.QuantScope.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/io.github.quantscope.QuantScope.svg; do
    [ -e "$root/$f" ] || { echo "missing in package: /$f" >&2; exit 1; }
done
"$root/usr/bin/quantscope-cli" --help >/dev/null
version=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/quantscope" --version 2>/dev/null)
echo "  $version"
case "$version" in QuantScope*) ;; *) echo "quantscope --version printed '$version'" >&2; exit 1 ;; esac
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$root/usr/share/applications/io.github.quantscope.QuantScope.desktop"; fi
if command -v appstreamcli >/dev/null; then appstreamcli validate --no-net "$root/usr/share/metainfo/io.github.quantscope.QuantScope.metainfo.xml" || true; fi
echo "OK: the package installs quantscope and quantscope-cli, and both start"
