#!/usr/bin/python3
"""`moneytrail restitution` against the independent tracing reference (trace_reference.py beside
this file) on random small cases, per victim and per account:
- each victim's amount, fees, and held / cashed_out / left_data split by where its money stopped
  (cash, exchange and crypto accounts cash out; accounts with no debits are outside the data);
- each victim's holdings (account, status, amount; dust under half a cent left out);
- conservation: held + cashed_out + left_data + fees = amount, per victim;
- the convergence points: how many victims' money reached each account and how many it still
  holds, what it received and holds, and the summary's shared counts;
- --victim-label gives the same as a --tx-file listing each labelled account's debits;
- the result does not depend on the thread count;
- poison and a missing victim option are refused with exit 2.

Usage: restitution_test.py MONEYTRAIL [--cases N] [--seed S]
"""
import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import trace_reference  # noqa: E402

POLICIES = ["fifo", "haircut", "lifo", "tainted-first", "tainted-last"]
KINDS = ["bank_card", "bank_card", "bank_card", "payment_account", "cash", "exchange_account"]
DUST = 0.005
TOL = 1e-6


def random_case(rng, directory):
    n = rng.randint(3, 12)
    accounts = [f"A{i}" for i in range(n)]
    kinds = {a: rng.choice(KINDS) for a in accounts}
    victims = rng.sample(accounts, rng.randint(1, min(4, n - 1)))
    rows, time = [], 1_700_000_000
    for i in range(rng.randint(5, 60)):
        time += rng.choice([0, 1, 60, 3600])
        a, b = rng.sample(accounts, 2)
        paid = round(rng.uniform(1, 1000), 2)
        received = f"{paid * rng.uniform(0.95, 1.0):.2f}" if rng.random() < 0.2 else ""
        rows.append([f"T{i:03d}", time, a, b, f"{paid:.2f}", "CNY", received])
    tx = os.path.join(directory, "tx.csv")
    with open(tx, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "timestamp", "from", "to", "amount", "currency", "received_amount"])
        w.writerows(rows)
    acc = os.path.join(directory, "accounts.csv")
    with open(acc, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "label"])
        for a in accounts:
            w.writerow([a, kinds[a], "victim" if a in victims else ""])
    # One victim per labelled account that pays anything: all its debits (what --victim-label
    # does).
    sets = [[r[0] for r in rows if r[2] == v] for v in victims]
    sets = [s for s in sets if s]
    return tx, acc, kinds, sets, rows


def status_of(account, kinds, rows):
    if kinds[account] in ("cash", "exchange_account", "crypto_address"):
        return "cashed_out"
    return "held" if any(r[2] == account for r in rows) else "left_data"


def expected(tx, acc, kinds, sets, rows, policy):
    ref_rows, stated = trace_reference.load(tx, acc)
    victims, points = [], {}
    for index, seeds in enumerate(sets, 1):
        t = trace_reference.trace(ref_rows, stated, seeds, policy, 2**32 - 1, None, None)
        v = dict(amount=t["summary"]["seed_amount"], fees=t["summary"]["fees"], held=0.0,
                 cashed_out=0.0, left_data=0.0, holdings={})
        for a in t["accounts"]:
            p = points.setdefault(a["id"], dict(victims=0, holding=0, received=0.0, held=0.0))
            p["victims"] += 1
            p["received"] += a["received"]
            if a["held"] > 0:
                status = status_of(a["id"], kinds, rows)
                v[status] += a["held"]
                p["held"] += a["held"]
                if a["held"] >= DUST:
                    v["holdings"][a["id"]] = (status, a["held"])
                    p["holding"] += 1
        victims.append(v)
    return victims, points


def close(a, b):
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def same(a, b):
    """Equal, with floats to rounding (sums over victims in another order)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) or isinstance(b, float):
        return close(a, b)
    return a == b


def run(moneytrail, args):
    return subprocess.run([moneytrail, "restitution", *args], capture_output=True, text=True)


def check_case(moneytrail, rng, directory, failures):
    tx, acc, kinds, sets, rows = random_case(rng, directory)
    if not sets:
        return 0
    policy = rng.choice(POLICIES)
    vfile = os.path.join(directory, "victims.txt")
    with open(vfile, "w") as f:
        f.write("".join(",".join(s) + "\n" for s in sets))
    base = [tx, "--accounts", acc, "--policy", policy, "--format", "json", "--full-precision",
            "--quiet"]
    r = run(moneytrail, base + ["--tx-file", vfile, "--threads", "1"])
    if r.returncode != 0:
        failures.append(f"{policy}: exit {r.returncode}: {r.stderr.strip()}")
        return 1
    got = json.loads(r.stdout)
    want_victims, want_points = expected(tx, acc, kinds, sets, rows, policy)
    where = f"{policy} {tx}"
    if list(got)[:4] != ["policy", "victims", "accounts", "summary"] or "provenance" not in got:
        failures.append(f"{where}: top-level keys {list(got)}")
    for i, (g, w) in enumerate(zip(got["victims"], want_victims), 1):
        for key in ("amount", "fees", "held", "cashed_out", "left_data"):
            if not close(g[key], w[key]):
                failures.append(f"{where}: victim {i} {key} {g[key]} != reference {w[key]}")
        total = g["held"] + g["cashed_out"] + g["left_data"] + g["fees"]
        if not close(total, g["amount"]):
            failures.append(f"{where}: victim {i} parts add up to {total}, paid {g['amount']}")
        holdings = {h["account"]: (h["status"], h["amount"]) for h in g["holdings"]}
        sure = {a: x for a, x in w["holdings"].items() if abs(x[1] - DUST) > TOL}
        for a, (status, amount) in sure.items():
            if a not in holdings or holdings[a][0] != status or not close(holdings[a][1], amount):
                failures.append(f"{where}: victim {i} holding {a} {holdings.get(a)} != "
                                f"{(status, amount)}")
        extra = set(holdings) - set(w["holdings"])
        if extra:
            failures.append(f"{where}: victim {i} lists holdings the reference has not: {extra}")
    if len(got["victims"]) != len(want_victims):
        failures.append(f"{where}: {len(got['victims'])} victims, expected {len(want_victims)}")
    got_points = {p["account"]: p for p in got["accounts"]}
    if set(got_points) != set(want_points):
        failures.append(f"{where}: accounts {sorted(got_points)} != {sorted(want_points)}")
    for a, w in want_points.items():
        g = got_points.get(a)
        if g is None:
            continue
        if g["victims"] != w["victims"] or not close(g["received"], w["received"]) \
                or not close(g["held"], w["held"]):
            failures.append(f"{where}: account {a} {g} != reference {w}")
        if sum(s["received"] for s in g["by_victim"]) - g["received"] > TOL * max(1, g["received"]):
            failures.append(f"{where}: account {a} by_victim does not add up")
    shared = sum(1 for w in want_points.values() if w["victims"] >= 2)
    if got["summary"]["shared_accounts"] != shared:
        failures.append(f"{where}: shared_accounts {got['summary']['shared_accounts']} != {shared}")
    order = [(p["victims"], p["held"]) for p in got["accounts"]]
    if order != sorted(order, key=lambda x: (-x[0], -x[1])):
        failures.append(f"{where}: accounts not sorted by victims, then held")
    # Victims by label: the same victims, the same figures.
    r2 = run(moneytrail, base + ["--victim-label", "victim", "--threads", "2"])
    if r2.returncode != 0:
        failures.append(f"{where}: --victim-label exit {r2.returncode}: {r2.stderr.strip()}")
    else:
        by_label = json.loads(r2.stdout)
        # Victim numbers follow each run's own order: compare by victim account.
        strip = lambda v: {x: y for x, y in v.items() if x not in ("line", "victim")}
        a = {v["account"]: strip(v) for v in got["victims"]}
        b = {v["account"]: strip(v) for v in by_label["victims"]}
        if not same(a, b):
            failures.append(f"{where}: --victim-label (2 threads) victims differ from --tx-file")
        a = {p["account"]: {x: y for x, y in p.items() if x != "by_victim"} for p in got["accounts"]}
        b = {p["account"]: {x: y for x, y in p.items() if x != "by_victim"}
             for p in by_label["accounts"]}
        if not same(a, b):
            failures.append(f"{where}: --victim-label (2 threads) accounts differ from --tx-file")
    return 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("moneytrail")
    p.add_argument("--cases", type=int, default=150)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    rng = random.Random(a.seed)
    failures, checked = [], 0
    with tempfile.TemporaryDirectory() as d:
        for _ in range(a.cases):
            checked += check_case(a.moneytrail, rng, d, failures)
        tx, acc, _, sets, _ = random_case(rng, d)
        while not sets:
            tx, acc, _, sets, _ = random_case(rng, d)
        # CSV: one row per (victim, account) holding, the same as the JSON's holdings; the
        # table and the export come out.
        base = [tx, "--accounts", acc, "--victim-label", "victim", "--quiet"]
        j = json.loads(run(a.moneytrail, base + ["--format", "json"]).stdout)
        rows = list(csv.DictReader(run(a.moneytrail, base + ["--format", "csv"]).stdout.splitlines()))
        want = [(str(v["victim"]), h["account"], h["status"], h["amount"])
                for v in j["victims"] for h in v["holdings"]]
        got = [(r["victim"], r["account"], r["status"], float(r["amount"])) for r in rows]
        if got != want:
            failures.append(f"csv rows {got} != json holdings {want}")
        table = run(a.moneytrail, base + ["--format", "table"])
        if table.returncode != 0 or "freeze list" not in table.stdout:
            failures.append(f"table: exit {table.returncode}: {table.stdout[:200]}")
        html = os.path.join(d, "holdings.html")
        r = run(a.moneytrail, base + ["--export", html, "-o", os.path.join(d, "r.json")])
        if r.returncode != 0 or not os.path.getsize(html):
            failures.append(f"--export: exit {r.returncode}: {r.stderr.strip()}")
        for args, why in (([tx, "--accounts", acc, "--victim-label", "victim", "--policy", "poison"],
                           "poison"),
                          ([tx, "--accounts", acc], "no victims given")):
            r = run(a.moneytrail, args)
            if r.returncode != 2:
                failures.append(f"{why}: exit {r.returncode}, expected 2 ({r.stderr.strip()})")
    for f in failures[:30]:
        print("FAIL", f)
    print(f"restitution: {checked} random cases against the reference, {len(failures)} failures")
    return 1 if failures or checked < a.cases // 2 else 0


if __name__ == "__main__":
    sys.exit(main())
