#!/usr/bin/env python3
"""Rewrites the "All built-in rules" table of docs/rules.md from assets/rules/builtin.ron.

Run after changing a rule: `python3 scripts/rules-table.py`. The table lists each rule's id,
STRIDE letter, what it applies to, its condition, severity and the flow ends it covers.
"""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
ron = (root / "assets/rules/builtin.ron").read_text()
letters = {"Spoofing": "S", "Tampering": "T", "Repudiation": "R",
           "InformationDisclosure": "I", "DenialOfService": "D", "ElevationOfPrivilege": "E"}
targets = {"ExternalEntity": "external entity", "Process": "process", "DataStore": "data store",
           "Flow": "flow"}
rows = []
for m in re.finditer(r'\n        \(\n(.*?)\n        \),', ron, re.S):
    body = m.group(1)
    def field(name):
        f = re.search(r'\n\s*' + name + r': (.*?),\n', "\n" + body + "\n")
        return f.group(1) if f else None
    rid = field("id").strip('"')
    cat = letters[field("category")]
    tg = ", ".join(targets[t.strip()] for t in field("targets").strip("[]").split(","))
    if field("baseline") == "true":
        tg += " (checklist)"
    when = field("when")
    when = when[1:-1].replace('\\"', '"') if when else "true"
    sev = field("severity").lower()
    covers = field("covers")
    covers = ", ".join(c.strip().lower() for c in covers.strip("[]").split(",")) if covers else ""
    rows.append(f"| `{rid}` | {cat} | {tg} | `{when.replace('|', '&#124;')}` | {sev} | {covers} |")
doc = (root / "docs/rules.md").read_text()
head = "| id | STRIDE | applies to | condition | severity | covers |\n|---|---|---|---|---|---|\n"
start = doc.index(head) + len(head)
end = start
lines = doc[start:].split("\n")
n = 0
while n < len(lines) and lines[n].startswith("| `"):
    n += 1
rest = "\n".join(lines[n:])
(root / "docs/rules.md").write_text(doc[:start] + "\n".join(rows) + "\n" + rest)
print(f"{len(rows)} rules")
