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
# (-x: bash's `command -v` also names a file on the PATH that cannot be run.)
[ -x "$(command -v pdftotext 2>/dev/null)" ] || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    if [ ${#sudo[@]} -gt 0 ] && ! command -v sudo >/dev/null 2>&1; then
        # A fresh Debian has no sudo: say what root must run, and test what can be.
        echo "warning: not root and no sudo; as root run: apt-get install -y ${need[*]}" >&2
        echo "         (until then the PDF and snapshot tests fail, each naming its package)" >&2
    elif command -v apt-get >/dev/null 2>&1; then
        echo "installing ${need[*]} for the tests" >&2
        "${sudo[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}"
    else
        echo "warning: install ${need[*]} (or your system's equivalents): the PDF and snapshot tests need them" >&2
    fi
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "scripts/test.sh: cargo not found: install Rust with rustup (https://rustup.rs), then open a new shell" >&2
    exit 2
fi
exec cargo test "$@"
