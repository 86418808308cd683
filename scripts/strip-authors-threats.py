#!/usr/bin/env python3
"""Takes the authors' threats and decisions out of an imported model (a `.ron` project), in
place, so what the rules generate is judged as the starting list of a workshop on it.

    scripts/strip-authors-threats.py MODEL.ron

Used by `scripts/blind-review-packet.sh` (STRIP=1) and `scripts/generated-list.sh`.
"""
import re
import sys

path = sys.argv[1]
text = open(path, encoding="utf-8").read()
# The project's top-level lists sit at four spaces: empty them.
text = re.sub(r"(?ms)^    manual_threats: \[\n.*?^    \],\n", "    manual_threats: [],\n", text)
text = re.sub(r"(?ms)^    threats: \{\n.*?^    \},\n", "    threats: {},\n", text)
open(path, "w", encoding="utf-8").write(text)
