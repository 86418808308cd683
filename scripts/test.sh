#!/usr/bin/env bash
# The README's test command: installs the system packages the tests read with (when they
# are missing and this user may install them), then runs `cargo test` with any arguments
# given. `.ci/run` runs exactly this, after fmt and clippy.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# Mesa's lavapipe renders the GUI snapshot tests headless (no display, no GPU);
# poppler-utils reads the PDF reports back in the report tests (pdftotext, pdfinfo).
need=()
if command -v dpkg >/dev/null 2>&1; then
    dpkg -s mesa-vulkan-drivers >/dev/null 2>&1 || need+=(mesa-vulkan-drivers)
    dpkg -s libvulkan1 >/dev/null 2>&1 || need+=(libvulkan1)
fi
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    if command -v apt-get >/dev/null 2>&1; then
        echo "installing ${need[*]} for the tests" >&2
        "${sudo[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}"
    else
        echo "warning: install ${need[*]} (or your system's equivalents): the PDF and snapshot tests need them" >&2
    fi
fi

exec cargo test "$@"
