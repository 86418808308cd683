#!/usr/bin/env bash
# Cold start: from starting `threatboard SAMPLE` to its window being shown (eframe shows
# the window once the first frame is painted), median of RUNS runs, under a private Xvfb
# with Mesa's software OpenGL. Usage: scripts/cold-start.sh [RUNS] [SAMPLE]
# (default 7 samples/web-shop.ron). Needs xvfb and xdotool (apt-get install xvfb xdotool).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
sample=${2:-samples/web-shop.ron}
cargo build --quiet --release --bin threatboard
d=97; while [ -e /tmp/.X11-unix/X$d ]; do d=$((d+1)); done
Xvfb :$d -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xpid=$!
trap 'kill $xpid 2>/dev/null' EXIT
for _ in $(seq 50); do [ -e /tmp/.X11-unix/X$d ] && break; sleep 0.1; done
home=$(mktemp -d)
times=()
for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    DISPLAY=:$d LIBGL_ALWAYS_SOFTWARE=1 WAYLAND_DISPLAY= HOME=$home \
        ./target/release/threatboard "$sample" >/dev/null 2>&1 & apid=$!
    # Polled every 10 ms: `xdotool search --sync` sleeps half a second between looks, which
    # made every start look like ~550 ms whatever it really took.
    until DISPLAY=:$d xdotool search --onlyvisible --pid $apid >/dev/null 2>&1; do
        kill -0 $apid 2>/dev/null || { echo "threatboard exited before showing a window" >&2; exit 1; }
        sleep 0.01
    done
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
    kill $apid; wait $apid 2>/dev/null || true
done
rm -rf "$home"
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "cold start to the first frame of $sample: median ${sorted[$(( runs / 2 ))]} ms (runs: ${times[*]} ms)"
