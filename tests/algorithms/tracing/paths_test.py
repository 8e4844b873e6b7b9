#!/usr/bin/python3
"""`moneytrail paths` against a brute-force enumeration on random small cases: every simple,
time-respecting path (each hop at or after the one before) of at most N transactions from the
source to the target (or to the first cash-out, --to-kind cash), one per sequence of accounts
with its widest choice of transactions, ranked by its smallest hop. The widths of the top K must
agree, and so must the routes wider than the K-th (ties at the K-th may be listed either way).
Then the CSV rows against the JSON, and --since/--until against the same enumeration on the
window.

Usage: paths_test.py MONEYTRAIL [--cases N] [--seed S]
"""
import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile

CASH = {"cash", "exchange_account", "crypto_address"}


def random_case(rng, directory):
    n = rng.randint(3, 9)
    accounts = [f"A{i}" for i in range(n)]
    kinds = {a: rng.choice(["bank_card"] * 4 + ["cash", "exchange_account"]) for a in accounts}
    rows, time = [], 1_700_000_000
    for i in range(rng.randint(4, 40)):
        time += rng.choice([0, 1, 60, 3600])
        a, b = rng.sample(accounts, 2)
        rows.append(dict(id=f"T{i:03d}", time=time, frm=a, to=b,
                         amount=round(rng.uniform(1, 1000), 2)))
    if rng.random() < 0.3:
        rng.shuffle(rows)  # input order is not time order
    tx = os.path.join(directory, "tx.csv")
    with open(tx, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "timestamp", "from", "to", "amount", "currency"])
        for r in rows:
            w.writerow([r["id"], r["time"], r["frm"], r["to"], f"{r['amount']:.2f}", "CNY"])
    acc = os.path.join(directory, "accounts.csv")
    with open(acc, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind"])
        for a in accounts:
            w.writerow([a, kinds[a]])
    return tx, acc, accounts, kinds, rows


def enumerate_paths(rows, source, is_target, max_hops, since=None, until=None):
    rows = [r for r in rows if (since is None or r["time"] >= since)
            and (until is None or r["time"] <= until)]
    best = {}

    def walk(account, after, path, seen):
        for r in rows:
            if r["frm"] != account or (after is not None and r["time"] < after) or r["to"] in seen:
                continue
            p = path + [r]
            if is_target(r["to"]):
                key = tuple(x["to"] for x in p)
                width = min(x["amount"] for x in p)
                if key not in best or best[key] < width:
                    best[key] = width
            elif len(p) < max_hops:
                walk(r["to"], r["time"], p, seen | {r["to"]})

    walk(source, None, [], {source})
    return sorted(best.items(), key=lambda kv: -kv[1])


def compare(got, want, top, where, failures):
    want_top = want[:top]
    got_values = [p["value"] for p in got["paths"]]
    if [round(v, 2) for v in got_values] != [round(v, 2) for _, v in want_top]:
        failures.append(f"{where}: widths {got_values} != {[v for _, v in want_top]}")
        return
    if len(want_top) == top:
        kth = want_top[-1][1]
        sure = {k for k, v in want_top if v > kth + 1e-9}
    else:
        sure = {k for k, _ in want_top}
    listed = {tuple(p["accounts"][1:]) for p in got["paths"]}
    if not sure <= listed:
        failures.append(f"{where}: routes {sorted(sure - listed)} missing")
    for p in got["paths"]:
        times = p["first"] <= p["last"]
        if not times or len(p["accounts"]) != len(p["transactions"]) + 1:
            failures.append(f"{where}: malformed path {p}")


def run(moneytrail, args):
    return subprocess.run([moneytrail, "paths", *args, "--quiet"], capture_output=True, text=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("moneytrail")
    p.add_argument("--cases", type=int, default=200)
    p.add_argument("--seed", type=int, default=11)
    a = p.parse_args()
    rng = random.Random(a.seed)
    failures, checked = [], 0
    with tempfile.TemporaryDirectory() as d:
        for _ in range(a.cases):
            tx, acc, accounts, kinds, rows = random_case(rng, d)
            source = rng.choice(accounts)
            hops, top = rng.randint(1, 5), rng.randint(1, 8)
            base = [tx, "--accounts", acc, "--from", source, "--max-hops", str(hops),
                    "--top", str(top)]
            if rng.random() < 0.5:
                target = rng.choice([x for x in accounts if x != source])
                args, is_target = base + ["--to", target], (lambda x, t=target: x == t)
            else:
                args, is_target = base + ["--to-kind", "cash"], (lambda x: kinds[x] in CASH)
            since = until = None
            if rng.random() < 0.3:
                times = sorted(r["time"] for r in rows)
                since, until = times[len(times) // 4], times[3 * len(times) // 4]
                args += ["--since", str(since), "--until", str(until)]
            r = run(a.moneytrail, args + ["--format", "json"])
            where = " ".join(args[3:])
            if r.returncode != 0:
                failures.append(f"{where}: exit {r.returncode}: {r.stderr.strip()}")
                continue
            got = json.loads(r.stdout)
            want = enumerate_paths(rows, source, is_target, hops, since, until)
            compare(got, want, top, where, failures)
            checked += 1
            if got["paths"] and rng.random() < 0.2:
                c = run(a.moneytrail, args + ["--format", "csv"])
                hops_csv = list(csv.DictReader(c.stdout.splitlines()))
                want_ids = [t for q in got["paths"] for t in q["transactions"]]
                if [h["transaction"] for h in hops_csv] != want_ids:
                    failures.append(f"{where}: csv hops differ from the json")
        r = run(a.moneytrail, [tx, "--from", accounts[0]])
        if r.returncode != 2:
            failures.append(f"no --to: exit {r.returncode}, expected 2")
    for f in failures[:30]:
        print("FAIL", f)
    print(f"paths: {checked} random cases against brute force, {len(failures)} failures")
    return 1 if failures or checked < a.cases else 0


if __name__ == "__main__":
    sys.exit(main())
