#!/usr/bin/env python3
"""Summarises `analyze --json` runs per model (the output of
COMMAND=analyze EXTRA="--no-twin --json" scripts/realmodel_fidelity.sh) as the README's per-layer table:
where each model's int8 error comes from. Reads stdin: '== MODEL' lines, each followed by one JSON object."""
import json
import math
import sys


def fmt(db):
    return "—" if db is None or not math.isfinite(db) else f"{db:.1f}"


def summarise(name, report):
    layers = report["layers"]  # node order
    isolated = [(l["isolated_db"], l["node"]) for l in layers if l["isolated_db"] is not None]
    accumulated = [l["accumulated_db"] for l in layers if l["accumulated_db"] is not None]
    worst = sorted(isolated)[:2]
    below = sum(1 for db, _ in isolated if db < 30.0)
    # Accumulated SQNR at the first layer, a quarter, half, three quarters of the depth, and the last layer.
    marks = [accumulated[min(len(accumulated) - 1, int(f * (len(accumulated) - 1)))] for f in (0, 0.25, 0.5, 0.75, 1)]
    worst_text = "; ".join(f"{node} {fmt(db)}" for db, node in worst)
    return (f"| {name} | {len(layers)} | {worst_text} | {below} | " + " → ".join(fmt(m) for m in marks) + " |")


def main():
    print("| model | int8 layers | worst layers alone (isolated dB) | layers alone < 30 dB | accumulated dB: first → ¼ → ½ → ¾ → last |")
    print("|---|---|---|---|---|")
    name = None
    for line in sys.stdin:
        line = line.strip()
        if line.startswith("== "):
            name = line[3:]
        elif line.startswith("{") and name:
            print(summarise(name, json.loads(line)))
            name = None


if __name__ == "__main__":
    main()
