"""Builds the synthetic system written by `cargo run --example synthetic` in OWASP pytm
and times pytm's threat resolution (`TM.resolve`), the step that matches Threatboard's
analysis. Prints one line of JSON: elements, flows, findings and the median seconds.

Usage: python pytm_synthetic.py SYSTEM.json [RUNS]
"""
import json
import statistics
import sys
import time

from pytm import TM, Actor, Boundary, Dataflow, Datastore, Process


def build(doc):
    TM.reset()
    tm = TM("Synthetic system")
    tm.description = "Synthetic system for comparing threat engines"
    boundaries = [Boundary(name) for name in doc["boundaries"]]
    elements = {}
    for e in doc["elements"]:
        props = e["props"]
        if e["kind"] == "process":
            el = Process(e["name"])
            el.controls.sanitizesInput = props["sanitizes_input"]
            el.controls.validatesInput = props["sanitizes_input"]
            el.controls.implementsAuthenticationScheme = props["authenticates_callers"]
            el.controls.hasAccessControl = props["authorizes_callers"]
            el.controls.encodesOutput = not props["is_web_application"]
            el.controls.usesSecureFunctions = not props["unmanaged"]
        elif e["kind"] == "data_store":
            el = Datastore(e["name"])
            el.isSQL = props["sql"]
            el.storesLogData = props["stores_logs"]
            el.storesPII = props["stores_credentials"]
            el.controls.isEncryptedAtRest = props["encrypted"]
        else:
            el = Actor(e["name"])
            el.controls.authenticatesSource = props["authenticates_itself"]
        if e["boundary"] is not None:
            el.inBoundary = boundaries[e["boundary"]]
        elements[e["id"]] = el
    for f in doc["flows"]:
        df = Dataflow(elements[f["source"]], elements[f["target"]], f["name"])
        df.protocol = f["protocol"]
        df.controls.isEncrypted = f["encrypted"]
        df.controls.authenticatesSource = f["authenticates_source"]
    return tm


def main():
    doc = json.load(open(sys.argv[1]))
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    times = []
    findings = 0
    for _ in range(runs):
        tm = build(doc)
        tm.check()
        tm._init_threats()
        start = time.perf_counter()
        tm.resolve()
        times.append(time.perf_counter() - start)
        findings = len(tm.findings)
    print(json.dumps({
        "tool": "pytm",
        "elements": len(doc["elements"]),
        "flows": len(doc["flows"]),
        "findings": findings,
        "median_seconds": statistics.median(times),
    }))


if __name__ == "__main__":
    main()
