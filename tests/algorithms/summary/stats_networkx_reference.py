#!/usr/bin/env python3
"""Independent check of `moneytrail stats` on the IBM AMLSim 20K samples (../shared/data):
networkx computes the weakly connected components and degree figures from the same CSV, read with
Python's csv module, and they must match moneytrail's JSON exactly.

Exit 77 (CTest skip) when the shared data or networkx is absent.
usage: stats_networkx_reference.py PATH/TO/moneytrail PROJECT_ROOT
"""
import csv
import json
import os
import statistics
import subprocess
import sys

SKIP = 77


def main():
    moneytrail, root = sys.argv[1], sys.argv[2]
    try:
        import networkx as nx
    except ImportError:
        print("networkx not installed: skipped")
        return SKIP
    base = os.path.join(root, "..", "shared", "data", "amlsim_20k_samples")
    if not os.path.isdir(base):
        print("shared data absent: skipped")
        return SKIP
    failures = 0
    for run_name in ["20K_cycle200", "20K_fanin200"]:
        path = os.path.join(base, run_name, "transactions.csv")
        g = nx.MultiDiGraph()
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        for r in rows:
            g.add_edge(r["sourceNodeId"], r["targetNodeId"])
        components = list(nx.weakly_connected_components(g))
        expected = {
            "transactions": len(rows),
            "accounts": g.number_of_nodes(),
            "components": len(components),
            "largest": max(len(c) for c in components),
            "max_out": max(d for _, d in g.out_degree()),
            "max_in": max(d for _, d in g.in_degree()),
            "mean_out": statistics.fmean(d for _, d in g.out_degree()),
        }
        out = subprocess.run([moneytrail, "stats", path, "--format", "json", "--quiet"],
                             capture_output=True, text=True, check=True)
        stats = json.loads(out.stdout)
        got = {
            "transactions": stats["transactions"]["total"],
            "accounts": stats["accounts"]["total"],
            "components": stats["components"]["count"],
            "largest": stats["components"]["largest"],
            "max_out": stats["degrees"]["out"]["max"],
            "max_in": stats["degrees"]["in"]["max"],
            "mean_out": stats["degrees"]["out"]["mean"],
        }
        for key, value in expected.items():
            ok = abs(got[key] - value) <= 1e-9 * max(1, abs(value))
            print(f"{run_name} {key}: moneytrail {got[key]} networkx {value} {'ok' if ok else 'MISMATCH'}")
            failures += not ok
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
