#!/usr/bin/python3
"""Property tests of `moneytrail trace` on hundreds of random small inputs:
- every policy agrees with the independent reference (tests/algorithms/tracing/trace_reference.py) on
  every traced transaction (traced part and hop), every account (received, sent, held, first hop)
  and the summary;
- conservation: held + fees = seed_amount, and per account (seed senders aside)
  received = sent + held;
- poison reaches every account that any other policy reaches;
- a batch gives the same results on 1 and 2 threads.

Usage: trace_property_test.py MONEYTRAIL [--cases N] [--seed S]
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
sys.path.insert(0, HERE)  # trace_reference.py sits beside this file
import trace_reference  # noqa: E402

POLICIES = ["haircut", "fifo", "lifo", "tainted-first", "tainted-last", "poison"]


def random_case(rng, directory):
    n_accounts = rng.randint(2, 10)
    accounts = [f"A{i}" for i in range(n_accounts)]
    rows = []
    time = 1_700_000_000
    for i in range(rng.randint(3, 50)):
        time += rng.choice([0, 0, 1, 60, 3600])  # ties are common on purpose
        a, b = rng.choice(accounts), rng.choice(accounts)
        if a == b and rng.random() < 0.8:
            b = accounts[(accounts.index(a) + 1) % n_accounts]
        paid = round(rng.uniform(1, 1000), 2)
        received = round(paid * rng.uniform(0.95, 1.0), 2) if rng.random() < 0.25 else ""
        rows.append([f"T{i:03d}", time, a, b, f"{paid:.2f}", "CNY",
                     f"{received:.2f}" if received != "" else "", ""])
    rng.shuffle(rows) if rng.random() < 0.2 else None  # input order is not time order
    tx_path = os.path.join(directory, "tx.csv")
    with open(tx_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "timestamp", "from", "to", "amount", "currency", "received_amount",
                    "received_currency"])
        w.writerows(rows)
    acc_path = None
    if rng.random() < 0.3:
        acc_path = os.path.join(directory, "accounts.csv")
        with open(acc_path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "kind", "opening_balance"])
            for k, a in enumerate(accounts):
                if k == 0 or rng.random() < 0.5:
                    w.writerow([a, "bank_card", f"{rng.uniform(0, 3000):.2f}"])
    ids = [r[0] for r in rows]
    seeds = rng.sample(ids, rng.randint(1, min(3, len(ids))))
    options = {}
    if rng.random() < 0.2:
        options["max-hops"] = rng.randint(1, 4)
    if rng.random() < 0.2:
        options["window"] = rng.choice([30, 3600, 7200])
    if rng.random() < 0.1:
        options["until"] = time - rng.randint(0, 7200)
    return tx_path, acc_path, seeds, options


def run_moneytrail(binary, tx_path, acc_path, seeds, policy, options):
    cmd = [binary, "trace", tx_path, "--tx", ",".join(seeds), "--policy", policy,
           "--format", "json", "--quiet", "--full-precision"]
    if acc_path:
        cmd += ["--accounts", acc_path]
    for k, v in options.items():
        cmd += [f"--{k}", f"{v}s" if k == "window" else str(v)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed: {out.stderr}")
    return json.loads(out.stdout)


def close(a, b, scale):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-7 * max(1.0, scale)


def compare(ours, ref, scale, where):
    problems = []
    for key in ["seed_amount", "held", "fees"]:
        if not close(ours["summary"][key], ref["summary"][key], scale):
            problems.append(f"summary.{key}: {ours['summary'][key]} vs {ref['summary'][key]}")
    for key in ["accounts_reached", "transactions_traced", "max_hop"]:
        if ours["summary"][key] != ref["summary"][key]:
            problems.append(f"summary.{key}: {ours['summary'][key]} vs {ref['summary'][key]}")
    ot = {t["id"]: t for t in ours["transactions"]}
    rt = {t["id"]: t for t in ref["transactions"]}
    if set(ot) != set(rt):
        problems.append(f"traced transactions differ: {sorted(set(ot) ^ set(rt))}")
    for i in set(ot) & set(rt):
        if not close(ot[i]["traced"], rt[i]["traced"], scale) or ot[i]["hop"] != rt[i]["hop"]:
            problems.append(f"transaction {i}: {ot[i]} vs {rt[i]}")
    oa = {a["id"]: a for a in ours["accounts"]}
    ra = {a["id"]: a for a in ref["accounts"]}
    if set(oa) != set(ra):
        problems.append(f"accounts differ: {sorted(set(oa) ^ set(ra))}")
    for i in set(oa) & set(ra):
        for key in ["received", "sent", "held"]:
            if not close(oa[i][key], ra[i][key], scale):
                problems.append(f"account {i}.{key}: {oa[i][key]} vs {ra[i][key]}")
        if oa[i]["first_hop"] != ra[i]["first_hop"]:
            problems.append(f"account {i}.first_hop: {oa[i]['first_hop']} vs {ra[i]['first_hop']}")
    if problems:
        raise AssertionError(where + "\n  " + "\n  ".join(problems[:10]))


def check_conservation(result, seed_senders, scale, where):
    s = result["summary"]
    if abs(s["held"] + s["fees"] - s["seed_amount"]) > 1e-7 * max(1.0, scale):
        raise AssertionError(f"{where}: held {s['held']} + fees {s['fees']} != {s['seed_amount']}")
    for a in result["accounts"]:
        if a["id"] in seed_senders:
            continue
        if abs(a["received"] - a["sent"] - a["held"]) > 1e-7 * max(1.0, scale):
            raise AssertionError(f"{where}: account {a['id']} received {a['received']} != "
                                 f"sent {a['sent']} + held {a['held']}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("moneytrail")
    p.add_argument("--cases", type=int, default=300)
    p.add_argument("--seed", type=int, default=20261129)
    a = p.parse_args()
    rng = random.Random(a.seed)
    checked = 0
    with tempfile.TemporaryDirectory() as directory:
        batch_lines = []
        for case in range(a.cases):
            tx_path, acc_path, seeds, options = random_case(rng, directory)
            rows, stated = trace_reference.load(tx_path, acc_path)
            senders = {r["frm"] for r in rows if r["id"] in seeds}
            scale = sum(r["paid"] for r in rows)
            reach = {}
            for policy in POLICIES:
                where = f"case {case} policy {policy} seeds {seeds} options {options}"
                ours = run_moneytrail(a.moneytrail, tx_path, acc_path, seeds, policy, options)
                ref = trace_reference.trace(rows, stated, seeds, policy,
                                            options.get("max-hops", 2**32 - 1),
                                            options.get("window"), options.get("until"))
                try:
                    compare(ours, ref, scale, where)
                    if policy != "poison":
                        check_conservation(ours, senders, scale, where)
                except AssertionError:
                    print(open(tx_path).read(), file=sys.stderr)
                    raise
                reach[policy] = {x["id"] for x in ours["accounts"]}
                checked += 1
            for policy in POLICIES[:-1]:
                if not reach[policy] <= reach["poison"]:
                    raise AssertionError(f"case {case}: {policy} reaches "
                                         f"{sorted(reach[policy] - reach['poison'])} "
                                         "that poison does not")
        # Thread counts: one generated case of many seed sets, traced on 1 and 2 threads.
        tx_path, acc_path, _, _ = random_case(random.Random(a.seed + 1), directory)
        rows, _ = trace_reference.load(tx_path, acc_path)
        ids = [r["id"] for r in rows]
        sets_path = os.path.join(directory, "sets.txt")
        with open(sets_path, "w") as f:
            for i in range(200):
                f.write(",".join(rng.sample(ids, rng.randint(1, min(3, len(ids))))) + "\n")
        outputs = []
        for threads in ["1", "2"]:
            cmd = [a.moneytrail, "trace", tx_path, "--tx-file", sets_path, "--policy", "haircut",
                   "--threads", threads, "--format", "json", "--quiet"]
            outputs.append(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
        if outputs[0] != outputs[1]:
            raise AssertionError("batch results differ between 1 and 2 threads")
    print(f"trace properties: {checked} policy runs on {a.cases} random cases agree with the "
          "reference; conservation, poison reach and thread invariance hold")


if __name__ == "__main__":
    main()
