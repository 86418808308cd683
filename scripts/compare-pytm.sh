#!/usr/bin/env bash
# Times OWASP pytm against Threatboard on the same synthetic system, in one run, two ways:
# pytm's threat resolution (`resolve()`) against `threatboard analyze` (read, analyse,
# write JSON), and pytm's whole process (start Python, import pytm, build, resolve) against
# the whole `threatboard check` process (the CI gate). Medians of RUNS runs each.
# Usage: scripts/compare-pytm.sh [ELEMENTS] [RUNS]   (default 1000 5)
#
# pytm goes into a virtual environment under target/ (from PyPI); the system is written
# by `cargo run --release --example synthetic`, as a Threatboard file and as JSON that
# scripts/pytm_synthetic.py rebuilds in pytm element by element, flow by flow.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
runs=${2:-5}
venv=target/pytm-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet pytm
fi
cargo build --quiet --release --bin threatboard --example synthetic
stem=target/synthetic-$n
./target/release/examples/synthetic "$n" "$stem" >/dev/null

pytm_json=$("$venv/bin/python" scripts/pytm_synthetic.py "$stem.json" "$runs")

# Threatboard: the whole command (read the file, analyse, write JSON), median of the runs.
python3 - "$pytm_json" "$stem" "$runs" <<'PY'
import json, statistics, subprocess, sys, time
pytm = json.loads(sys.argv[1])
stem, runs = sys.argv[2], int(sys.argv[3])
def median_run(cmd, ok=(0,)):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        if r.returncode not in ok:
            sys.exit(f"{cmd[0]} failed: exit {r.returncode}")
    return statistics.median(times)
tb = median_run(["./target/release/threatboard", "analyze", stem + ".ron", "--format", "json",
                 "-o", stem + ".findings.json"])
# `check` exits 1 when open high threats remain, as they do in this system.
tb_check = median_run(["./target/release/threatboard", "check", stem + ".ron"], ok=(0, 1))
pytm_whole = median_run(["target/pytm-venv/bin/python", "scripts/pytm_synthetic.py",
                         stem + ".json", "1"])
tb_findings = len(json.load(open(stem + ".findings.json"))["findings"])
print(f"system: {pytm['elements']} elements, {pytm['flows']} flows")
print(f"pytm resolve() only:              median {pytm['median_seconds']*1000:9.1f} ms, {pytm['findings']} findings")
print(f"threatboard analyze (whole run):  median {tb*1000:9.1f} ms, {tb_findings} findings")
print(f"ratio pytm / threatboard: {pytm['median_seconds']/tb:.1f}x")
print(f"pytm whole process:               median {pytm_whole*1000:9.1f} ms")
print(f"threatboard check (whole process): median {tb_check*1000:9.1f} ms")
print(f"ratio whole process pytm / threatboard check: {pytm_whole/tb_check:.1f}x")
PY
