#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# EdgeFuse set-up on Debian 12: installs the packages, builds, and then
#   demo  - starts the workstation (edgefuse) on its built-in demo pair
#   test  - runs the format check and the whole test suite (what CI runs)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-demo}"

packages=(
  build-essential cmake ninja-build ccache pkg-config clang-format
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6svg6-dev qt6-translations-l10n
  libqcustomplot-dev libtorch-dev libopenblas0 libopencv-dev libdcmtk-dev dcmtk dicom3tools
  libinsighttoolkit5-dev insighttoolkit5-examples
  libgtest-dev libgmock-dev libbenchmark-dev libexpected-dev nlohmann-json3-dev zlib1g-dev
  orthanc curl openssl
  xvfb xauth xfonts-base fonts-dejavu-core appstream desktop-file-utils dpkg-dev file
)
# The workstation's Chinese translation needs a CJK font to be readable; the
# tests do not draw Chinese text, so only the demo installs it (56 MB).
if [ "$mode" = demo ]; then packages+=(fonts-noto-cjk); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

case "$mode" in
  demo)
    cmake --preset release
    cmake --build --preset release
    gui=./build/release/app/gui/edgefuse
    if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
      exec "$gui" --demo
    fi
    # No display (a server or a container): run the same demo on a virtual
    # X server and save what the window shows.
    echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): running the demo under Xvfb;"
    echo "the window is saved as edgefuse-demo.png. Start ./build/release/app/gui/edgefuse --demo on a desktop."
    exec xvfb-run -a -s "-screen 0 1920x1080x24" "$gui" --demo --window-size 1920x1080 --screenshot edgefuse-demo.png
    ;;
  test)
    ./tools/check-format.sh
    cmake --preset ci
    cmake --build --preset ci
    export QT_QPA_PLATFORM=offscreen
    ctest --preset ci
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
