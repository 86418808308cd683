#!/usr/bin/env bash
# Runs every fuzz target for a fixed number of executions, with corpora seeded from the
# samples and the test fixtures (with the real files of other tools in tests/fixtures/interop).
# Usage: scripts/fuzz.sh [RUNS [TARGET...]]       (default 1000000 per target)
#        FUZZ_SECONDS=90 scripts/fuzz.sh   (at most that long per target, whichever first)
#        FUZZ_SANITIZER=none scripts/fuzz.sh 1000000 tm7 otm   (named targets only; no AddressSanitizer:
#            ~4x the executions per second on the half-megabyte TMT files; the readers are safe
#            Rust, so a panic is still caught; built into fuzz/target-nosan)
# Needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz); not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000000}
shift || true
targets=${*:-ron_load threat_dragon tm7 otm catalogue expr evidence template blocks allowed_signers signature}
sanitizer=${FUZZ_SANITIZER:-address}
target_dir=target
[ "$sanitizer" = address ] || target_dir=target-nosan
seed() { # seed TARGET FILE...
    local dir=fuzz/corpus/$1; shift
    mkdir -p "$dir"
    for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/" || true; done
}
shopt -s nullglob
seed ron_load samples/*.ron
seed threat_dragon tests/fixtures/interop/threat-dragon/*.json tests/fixtures/threat-dragon-v1/*.json
seed tm7 tests/fixtures/interop/tm7/*.tm7
seed otm tests/fixtures/interop/otm/*.json tests/fixtures/interop/otm/*.yaml tests/fixtures/interop/tm7/*.otm.json
seed catalogue assets/rules/builtin.ron
seed evidence tests/fixtures/interop/sarif/*.sarif samples/evidence/*.sarif
seed template samples/*.yaml tests/fixtures/evidence/*.yaml
seed blocks samples/*.blocks.ron
seed allowed_signers tests/fixtures/signing/allowed_signers
seed signature tests/fixtures/signing/*.sig
mkdir -p fuzz/corpus/expr
grep -o 'when: "[^"]*"' assets/rules/builtin.ron | sed 's/^when: "//; s/"$//' \
    | awk '{ f = sprintf("fuzz/corpus/expr/rule%03d", NR); printf "%s", $0 > f; close(f) }'
cd fuzz
for t in $targets; do
    echo "== $t"
    # -max_len: the TMT files are half a megabyte.
    cargo +nightly fuzz run -O -s "$sanitizer" --target-dir "$target_dir" "$t" -- -runs="$runs" -max_len=600000 -rss_limit_mb=4096 \
        ${FUZZ_SECONDS:+-max_total_time=$FUZZ_SECONDS} 2>&1 \
        | grep -E "DONE|^Done|==[0-9]+==|SUMMARY|Test unit written|panicked" || true
done
