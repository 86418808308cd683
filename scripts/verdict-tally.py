#!/usr/bin/env python3
"""Blind reviewers' verdicts per rule, and what they say of the rules as they are now.

    scripts/verdict-tally.py LISTS_DIR SET:VERDICTS.md … [--now NOW_LIST] [--rule RULE]

LISTS_DIR holds `setNN.txt` for each set: the lists `scripts/generated-list.sh` printed for
the set's models with the binary of the commit its measure froze (the packet's G# order).
A verdict file is a blind reviewer's report (`docs/reviews/*-verdicts.md`): per model a
`## NN …` heading and rows `| G# | USEFUL/DUPLICATE/WRONG/VAGUE | reason |`.

Prints per rule how often reviewers judged its threats USEFUL, VAGUE, WRONG or DUPLICATE.
With --now (a list of the same models made by today's rules) it also projects the verdicts
onto today's threats, by model, rule and subject: threats no reviewer saw count as NEW,
and the verdicts of threats no longer raised are listed as dropped. The projection is on
development data (the sets were read to change the rules): it says which rules to look at,
not how the rules do on models nobody tuned for. Only a fresh blind measure says that.
With --rule, each verdict of that rule with the reviewer's reason.
"""
import collections
import os
import re
import sys

VERDICTS = ("USEFUL", "DUPLICATE", "WRONG", "VAGUE")


def read_list(path):
    per = collections.defaultdict(list)
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("|", 3)
        if len(parts) == 4:
            per[parts[0]].append(parts)
    return per


def verdicts(set_name, path, per):
    """(model file, rule, subject, title, verdict, reason) for each verdict row."""
    model = None
    for row in open(path, encoding="utf-8"):
        m = re.match(r"^##+\s*(?:Model\s*)?(\d+)", row)
        if m:
            model = int(m.group(1))
            continue
        m = re.match(r"^\|\s*\**G?(\d+)\**\s*\|\s*\**(%s)" % "|".join(VERDICTS), row)
        if not m or model is None:
            continue
        files = [f for f in per if f.startswith("%02d-" % model)]
        if not files:
            continue
        g = int(m.group(1)) - 1
        items = per[files[0]]
        if g >= len(items):
            print(f"set {set_name}: {files[0]} has no G{g + 1}", file=sys.stderr)
            continue
        reason = row.split("|")[3].strip() if row.count("|") >= 4 else ""
        yield (set_name, *items[g], m.group(2), reason)


def main(argv):
    now = rule = None
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--now":
            now = argv[i + 1]
            i += 2
        elif argv[i] == "--rule":
            rule = argv[i + 1]
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if len(args) < 2:
        print(__doc__)
        return 2
    lists, specs = args[0], args[1:]
    rows = []
    for spec in specs:
        set_name, path = spec.split(":", 1)
        per = read_list(os.path.join(lists, f"set{set_name}.txt"))
        rows.extend(verdicts(set_name, path, per))
    tally = collections.defaultdict(collections.Counter)
    for r in rows:
        tally[r[2]][r[5]] += 1
    total = collections.Counter()
    for name, c in sorted(tally.items(), key=lambda kv: -(sum(kv[1].values()) - kv[1]["USEFUL"])):
        n = sum(c.values())
        total.update(c)
        print(f"{name:38s} n={n:3d} " + " ".join(f"{v.lower()}={c[v]:3d}" for v in VERDICTS)
              + f"  useful {100 * c['USEFUL'] // n}%")
    n = sum(total.values())
    print(f"all: {n} threats, " + ", ".join(f"{v.lower()} {total[v]}" for v in VERDICTS)
          + f"; noise {100 * (n - total['USEFUL']) / max(n, 1):.0f}%")
    if rule:
        for r in rows:
            if r[2] == rule:
                print(f"  set {r[0]} {r[1]} {r[5]}: {r[4][:100]} | {r[6][:200]}")
    if now:
        seen = collections.defaultdict(list)
        for r in rows:
            seen[(r[1], r[2], r[3])].append(r[5])
        models = {r[1] for r in rows}
        projected = collections.Counter()
        per_rule = collections.defaultdict(collections.Counter)
        kept = set()
        for line in open(now, encoding="utf-8"):
            parts = line.rstrip("\n").split("|", 3)
            if len(parts) != 4 or parts[0] not in models:
                continue
            key = tuple(parts[:3])
            verdict = seen[key].pop(0) if seen.get(key) else "NEW"
            projected[verdict] += 1
            per_rule[parts[1]][verdict] += 1
            if verdict != "NEW":
                kept.add(key)
        known = sum(projected[v] for v in VERDICTS)
        dropped = collections.Counter(r[5] for r in rows if (r[1], r[2], r[3]) not in kept)
        print("now, projected: " + ", ".join(f"{k.lower()} {v}" for k, v in projected.items())
              + f"; noise on the threats reviewers saw {100 * (known - projected['USEFUL']) / max(known, 1):.0f}%")
        print("now, per rule, most threats judged not useful first:")
        for name, c in sorted(per_rule.items(), key=lambda kv: -sum(kv[1][v] for v in VERDICTS[1:])):
            print(f"  {name:38s} " + " ".join(f"{v.lower()}={c[v]:3d}" for v in VERDICTS + ("NEW",)))
        print("no longer raised: " + ", ".join(f"{k.lower()} {v}" for k, v in dropped.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
