#!/usr/bin/env bash
# Builds the material for a blind review of the analysis (docs/analysis-review.md): for each
# model given, NAME.ron (the model as imported, with its authors' threats) and
# NAME.generated.md (the generated threats G1…, then the checklist questions Q1…), in OUT.
# The reviewer reads only these files, never the rules.
#
#   scripts/blind-review-packet.sh OUT model.json|model.tm7 …
#
# With STRIP=1 the authors' threats and decisions are taken out of NAME.ron first, so the
# generated list is judged as the starting list of a workshop on the model.
set -euo pipefail
out=$1; shift
mkdir -p "$out"
bin=${THREATBOARD:-target/debug/threatboard}
for model in "$@"; do
  name=$(basename "$model"); name=${name%.*}
  "$bin" import --force "$model" -o "$out/$name.ron" >/dev/null
  if [ "${STRIP:-0}" = 1 ]; then
    python3 "$(dirname "$0")/strip-authors-threats.py" "$out/$name.ron"
    "$bin" validate "$out/$name.ron" >/dev/null
  fi
  "$bin" analyze "$out/$name.ron" --format json > "$out/$name.json"
  python3 - "$out/$name.json" "$out/$name.generated.md" "$name" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
threats = [f for f in d["findings"] if not f["manual"] and not f["baseline"]]
questions = [f for f in d["findings"] if f["baseline"]]
with open(sys.argv[2], "w") as o:
    o.write(f"# {sys.argv[3]}: generated threats\n\n")
    for i, f in enumerate(threats, 1):
        o.write(f"## G{i} [{f['severity']}, {f['category_name']}] {f['subject_name']}\n\n"
                f"**{f['title']}**\n\n{f['description']}\n\n")
    o.write("# Checklist questions\n\n")
    for i, f in enumerate(questions, 1):
        o.write(f"- Q{i} [{f['category_name']}] {f['subject_name']}: {f['title']}\n")
PY
  rm "$out/$name.json"
done
