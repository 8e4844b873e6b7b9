#!/usr/bin/env python3
"""The mule-cluster report against the generator's truth.

For each generated case, `moneytrail clusters` ranks clusters; every laundering account (role
mule, running_points, otc, crypto_hop, cash_out or organiser) is assigned the best-ranked
cluster holding it (or a cluster of its own when none does). The evidence method reports rings,
not whole organisations: a group's card tiers with their collection accounts and desk are one
cluster, its crypto addresses and exits often another. The test checks:
  * at least 95 % of the laundering accounts are in a cluster;
  * the top G clusters (G = number of planted groups) are each made of laundering accounts of
    one group for at least 80 % of their members;
  * no planted group is spread over more than 3 of the reported clusters;
  * the adjusted Rand index against the planted groups is at least 0.55 (a group in two pure
    halves scores about 0.6);
and prints the precision of the top 10 clusters (share of them that are a planted group) and the
share of laundering accounts among their members.
"""
import argparse
import collections
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

LAUNDERING = {"mule", "running_points", "otc", "crypto_hop", "cash_out", "organiser"}


def adjusted_rand_index(x, y):
    pairs = collections.Counter(zip(x, y))
    a = collections.Counter(x)
    b = collections.Counter(y)
    index = sum(math.comb(v, 2) for v in pairs.values())
    sum_a = sum(math.comb(v, 2) for v in a.values())
    sum_b = sum(math.comb(v, 2) for v in b.values())
    expected = sum_a * sum_b / math.comb(len(x), 2)
    best = (sum_a + sum_b) / 2
    return (index - expected) / (best - expected)


def check(binary, accounts, transactions, groups, victims, seed):
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([binary, "generate", "--accounts", str(accounts), "--transactions",
                        str(transactions), "--groups", str(groups), "--victims", str(victims),
                        "--seed", str(seed), "-o", d], check=True, capture_output=True)
        truth = {}
        with open(os.path.join(d, "truth_accounts.csv")) as f:
            for r in csv.DictReader(f):
                truth[r["account"]] = (r["role"], r["group"])
        out = subprocess.run([binary, "clusters", os.path.join(d, "transactions.csv"),
                              "--accounts", os.path.join(d, "accounts.csv"),
                              "--rates", os.path.join(d, "rates.csv"), "--quiet",
                              "--format", "json"], check=True, capture_output=True, text=True)
        report = json.loads(out.stdout)
    laundering = [a for a, (role, _) in truth.items() if role in LAUNDERING]
    rank_of = {}
    for c in report["clusters"]:
        for m in c["members"]:
            rank_of.setdefault(m, c["rank"])
    ari = adjusted_rand_index([truth[a][1] for a in laundering],
                              [rank_of.get(a, "alone " + a) for a in laundering])
    failures = []
    name = f"{transactions} transactions, {groups} groups, seed {seed}"
    if ari < 0.55:
        failures.append(f"{name}: ARI {ari:.3f} < 0.55")
    clustered = sum(a in rank_of for a in laundering)
    if clustered < 0.95 * len(laundering):
        failures.append(f"{name}: only {clustered} of {len(laundering)} laundering accounts in a "
                        "cluster")
    spread = collections.defaultdict(set)
    for a in laundering:
        if a in rank_of:
            spread[truth[a][1]].add(rank_of[a])
    for g, ranks in spread.items():
        if len(ranks) > 3:
            failures.append(f"{name}: group {g} spread over {len(ranks)} clusters")
    pure = 0
    laundering_members = members = 0
    for c in report["clusters"][:10]:
        roles = [truth[m] for m in c["members"]]
        in_group = collections.Counter(g for role, g in roles if role in LAUNDERING)
        top = in_group.most_common(1)[0][1] if in_group else 0
        pure += top >= 0.8 * len(roles)
        members += len(roles)
        laundering_members += sum(in_group.values())
        if c["rank"] <= groups and top < 0.8 * len(roles):
            failures.append(f"{name}: cluster #{c['rank']} is not one planted group ({top} of "
                            f"{len(roles)} members)")
    top10 = min(10, len(report["clusters"]))
    print(f"{name}: ARI {ari:.3f} over {len(laundering)} laundering accounts "
          f"({sum(a in rank_of for a in laundering)} in a cluster); top {top10} clusters: "
          f"{pure} are a planted group; laundering share of their members "
          f"{laundering_members / max(members, 1):.3f}")
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    args = parser.parse_args()
    failures = []
    failures += check(args.binary, 20000, 200000, 4, 200, 7)
    failures += check(args.binary, 50000, 500000, 8, 400, 3)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
