#!/usr/bin/env bash
# Lists the threats the rules generate on each model given, one per line, in the order a
# blind-review packet numbers them (G1, G2, …): FILE|RULE|SUBJECT|TITLE. The authors'
# threats are taken out first, as `STRIP=1 scripts/blind-review-packet.sh` does.
#
#   scripts/generated-list.sh model.json … > list.txt
#
# THREATBOARD names the binary (default target/debug/threatboard). With the binary built at
# the commit a blind measure froze, the list maps each verdict's G# to the rule behind it
# (scripts/verdict-tally.py).
set -euo pipefail
bin=${THREATBOARD:-target/debug/threatboard}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for model in "$@"; do
  name=$(basename "$model")
  if ! "$bin" import --force "$model" -o "$tmp/m.ron" >/dev/null 2>&1; then
    echo "$name|IMPORT-FAILED||"
    continue
  fi
  python3 "$(dirname "$0")/strip-authors-threats.py" "$tmp/m.ron"
  "$bin" analyze "$tmp/m.ron" --format json | python3 -c '
import json, sys
name = sys.argv[1]
for f in json.load(sys.stdin)["findings"]:
    if not f["manual"] and not f["baseline"]:
        print("|".join([name, f["rule"], f["subject_name"], f["title"]]))
' "$name"
done
