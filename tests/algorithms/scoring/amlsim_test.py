#!/usr/bin/env python3
"""Detection on data this project did not make: IBM AMLSim's three public 20K runs
(../shared/data/amlsim_20k_samples: node labels isFraud, time in day steps), default options.

The design was developed on 20K_cycle200 only; 20K_fanin200 and 20K_fanin200cycle200 are held
out (docs/scoring.md). For each run:
  * unsupervised `score` PR-AUC >= 0.70 (evaluate against nodes.csv, --missing-as-zero);
  * `clusters --members`: ranking accounts by their cluster's rank (unclustered last) gives
    average precision >= 0.60 (computed by `evaluate` on a scores file made of the ranks);
  * no reported cluster holds more than 5 % of the accounts;
  * the members of the ten best clusters are at least 60 % labelled fraud.
Skips (exit 77) when the data is absent.

usage: amlsim_test.py MONEYTRAIL PROJECT_DIR
"""
import collections
import csv
import json
import os
import sys
import tempfile

# tests/ (where cli_checks.py lives), however deep this file sits under it.
TESTS = os.path.dirname(os.path.abspath(__file__))
while not os.path.exists(os.path.join(TESTS, "cli_checks.py")):
    TESTS = os.path.dirname(TESTS)
sys.path.insert(0, TESTS)
from cli_checks import expect, finish, run  # noqa: E402

RUNS = ["20K_cycle200", "20K_fanin200", "20K_fanin200cycle200"]


def main():
    data = os.path.join(sys.argv[2], "..", "shared", "data", "amlsim_20k_samples")
    if not all(os.path.exists(os.path.join(data, r, "transactions.csv")) for r in RUNS):
        print("skipped: ../shared/data/amlsim_20k_samples is absent")
        return 77
    for name in RUNS:
        folder = os.path.join(data, name)
        transactions, nodes = os.path.join(folder, "transactions.csv"), os.path.join(folder, "nodes.csv")
        held = "tuning run" if name == "20K_cycle200" else "held out"
        with tempfile.TemporaryDirectory() as d:
            scores = os.path.join(d, "scores.csv")
            run("score", transactions, "--quiet", "-o", scores)
            e = json.loads(run("evaluate", scores, nodes, "--missing-as-zero", "--format",
                               "json").stdout)
            expect(e["pr_auc"] >= 0.70, f"{name} ({held}): score PR-AUC {e['pr_auc']:.3f} >= 0.70 "
                                        f"(degree {e['baseline']['pr_auc']:.3f})")
            members = os.path.join(d, "members.csv")
            run("clusters", transactions, "--quiet", "--members", members, "-o",
                os.path.join(d, "clusters.json"))
            with open(nodes, newline="") as f:
                fraud = {r["nodeid"]: r["isFraud"] == "1" for r in csv.DictReader(f)}
            rank, size = {}, collections.Counter()
            with open(members, newline="") as f:
                for r in csv.DictReader(f):
                    rank.setdefault(r["account"], int(r["rank"]))
                    size[int(r["rank"])] += 1
            ranked = os.path.join(d, "by_cluster.csv")
            last = max(size) if size else 0
            with open(ranked, "w") as f:
                f.write("account,score\n")
                for account, r in rank.items():
                    f.write(f"{account},{last + 1 - r}\n")
            c = json.loads(run("evaluate", ranked, nodes, "--missing-as-zero", "--format",
                               "json").stdout)
            largest = max(size.values()) if size else 0
            top = [a for a, r in rank.items() if r <= 10]
            labelled = sum(fraud.get(a, False) for a in top) / max(1, len(top))
            expect(c["pr_auc"] >= 0.60, f"{name} ({held}): accounts ranked by cluster: average "
                                        f"precision {c['pr_auc']:.3f} >= 0.60")
            expect(largest <= 0.05 * len(fraud),
                   f"{name}: largest cluster {largest} accounts <= 5 % of {len(fraud)}")
            expect(labelled >= 0.6, f"{name}: members of the ten best clusters {labelled:.3f} "
                                    f"labelled ({len(top)} accounts) >= 0.60")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
