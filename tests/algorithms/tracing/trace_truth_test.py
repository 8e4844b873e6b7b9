#!/usr/bin/python3
"""On the generator's ground truth: every victim's forward fifo trace (all of the victim's
payments as one seed set, the whole batch on both cores) must reach cash-out accounts of the
group the victim paid. Prints the recall: the share of victims whose trace reaches at least one
of their group's cash-out accounts, and the share of each group's cash-out accounts reached.
A running-points collection account holds its controller's deposits as float: fifo spends the
float first, so the last victims' money paid into it stays there, and some QR-code victims'
traces end at the collection account (hence 0.9, not 1).

Usage: trace_truth_test.py MONEYTRAIL [--accounts N] [--transactions N] [--min-recall R]
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys
import tempfile


def main():
    p = argparse.ArgumentParser()
    p.add_argument("moneytrail")
    p.add_argument("--accounts", type=int, default=20000)
    p.add_argument("--transactions", type=int, default=200000)
    p.add_argument("--min-recall", type=float, default=0.9)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([a.moneytrail, "generate", "--accounts", str(a.accounts), "--transactions",
                        str(a.transactions), "--seed", "7", "-o", d], check=True,
                       capture_output=True)
        role, group = {}, {}
        with open(os.path.join(d, "truth_accounts.csv")) as f:
            for r in csv.DictReader(f):
                role[r["account"]] = r["role"]
                group[r["account"]] = r["group"]
        payments = collections.defaultdict(list)
        with open(os.path.join(d, "transactions.csv")) as f:
            for r in csv.DictReader(f):
                if r["typology"] == "victim_payment":
                    payments[r["from"]].append(r["id"])
        victims = sorted(payments)
        sets = os.path.join(d, "sets.txt")
        with open(sets, "w") as f:
            for v in victims:
                f.write(",".join(payments[v]) + "\n")
        out = subprocess.run([a.moneytrail, "trace", os.path.join(d, "transactions.csv"),
                              "--accounts", os.path.join(d, "accounts.csv"), "--rates",
                              os.path.join(d, "rates.csv"), "--tx-file", sets, "--policy", "fifo",
                              "--format", "json", "--quiet"],
                             check=True, capture_output=True, text=True).stdout
        cash_outs = collections.defaultdict(set)
        for acc, r in role.items():
            if r == "cash_out":
                cash_outs[group[acc]].add(acc)
        reached_any = 0
        share = []
        for line, v in zip(out.splitlines(), victims):
            result = json.loads(line)
            g = group[v]
            reached = {x["id"] for x in result["accounts"]} & cash_outs[g]
            reached_any += bool(reached)
            share.append(len(reached) / max(1, len(cash_outs[g])))
        recall = reached_any / len(victims)
        print(f"victims {len(victims)}: {recall:.3f} reach their group's cash-out accounts; "
              f"on average {sum(share) / len(share):.3f} of the group's cash-out accounts each")
        if recall < a.min_recall:
            sys.exit(f"recall {recall:.3f} below {a.min_recall}")


if __name__ == "__main__":
    main()
