#!/usr/bin/python3
"""An independent, deliberately plain implementation of moneytrail's forward tracing rules
(docs/tracing.md), for checking the C++ engine on small inputs.

It replays every transaction of every account in processing order, keeps every lot of every
account explicitly (no pooling, no lazy activation, no merging), and applies each policy by
ordering the lots. Single-currency inputs only (received may differ from paid: fees).

Usage: trace_reference.py TRANSACTIONS.csv [--accounts A.csv] --tx ID[,ID] --policy P
       [--max-hops N] [--window SECONDS] [--until EPOCH]      -> JSON on stdout
"""
import argparse
import csv
import json
import math

EPS = 1e-12


def load(path, accounts_path):
    rows = []
    with open(path, newline="") as f:
        for position, r in enumerate(csv.DictReader(f)):
            paid = float(r["amount"])
            received = float(r["received_amount"]) if r.get("received_amount") else paid
            rows.append(dict(id=r["id"], time=int(r["timestamp"]), frm=r["from"], to=r["to"],
                             paid=paid, received=received, position=position,
                             kind_to=r.get("to_kind") or "unknown"))
    rows.sort(key=lambda r: (r["time"], r["position"]))  # processing order
    stated = {}
    if accounts_path:
        with open(accounts_path, newline="") as f:
            for r in csv.DictReader(f):
                if r.get("opening_balance"):
                    stated[r["id"]] = float(r["opening_balance"])
    return rows, stated


def opening_balances(rows, stated):
    balance, lowest = {}, {}
    for r in rows:
        balance[r["frm"]] = balance.get(r["frm"], 0.0) - r["paid"]
        lowest[r["frm"]] = min(lowest.get(r["frm"], 0.0), balance[r["frm"]])
        balance[r["to"]] = balance.get(r["to"], 0.0) + r["received"]
        lowest.setdefault(r["to"], 0.0)
    return {a: max(stated[a], 0.0) if a in stated else -lowest[a] for a in balance}


class Lot:
    def __init__(self, amount, traced, arrival, hop):
        self.amount, self.traced, self.arrival, self.hop = amount, traced, arrival, hop


def frozen(lot, now, max_hops, window):
    return lot.hop >= max_hops or (window is not None and now - lot.arrival > window)


def debit(lots, amount, policy, now, max_hops, window, held_frozen, account):
    """Removes `amount` from the account's lots; returns (carried traced, min hop, unfunded)."""
    carried, min_hop = 0.0, None
    balance = sum(l.amount for l in lots)
    everything = amount >= balance * (1 - EPS)
    unfunded = max(amount - balance, 0.0) if everything else 0.0

    def take(lot, wanted):
        nonlocal carried, min_hop
        whole = wanted >= lot.amount * (1 - EPS)
        taken = lot.amount if whole else wanted
        part = lot.traced if whole else lot.traced * taken / lot.amount
        if part > 0:
            if frozen(lot, now, max_hops, window):
                held_frozen[account] = held_frozen.get(account, 0.0) + part
            else:
                carried += part
                min_hop = lot.hop if min_hop is None else min(min_hop, lot.hop)
        lot.amount -= taken
        lot.traced -= part
        if whole:
            lot.amount, lot.traced = 0.0, 0.0
        return taken

    if policy == "haircut":
        share = 1.0 if everything else amount / balance
        for lot in lots:
            take(lot, lot.amount if everything else lot.amount * share)
    else:
        if policy == "fifo":
            order = sorted(lots, key=lambda l: l.arrival_rank)
        elif policy == "lifo":
            order = sorted(lots, key=lambda l: -l.arrival_rank)
        elif policy == "tainted-first":
            order = sorted(lots, key=lambda l: (l.traced <= 0, l.arrival_rank))
        else:  # tainted-last
            order = sorted(lots, key=lambda l: (l.traced > 0, l.arrival_rank))
        remaining = math.inf if everything else amount
        for lot in order:
            if remaining <= 0:
                break
            if lot.amount > 0:
                remaining -= take(lot, remaining)
    lots[:] = [l for l in lots if l.amount > 0]
    return carried, min_hop, unfunded


def trace(rows, stated, seeds, policy, max_hops, window, until):
    opening = opening_balances(rows, stated)
    seeds = set(seeds)
    lots = {}
    rank = [0]

    def new_lot(amount, traced, arrival, hop):
        lot = Lot(amount, traced, arrival, hop)
        rank[0] += 1
        lot.arrival_rank = rank[0]
        return lot

    for a, b in opening.items():
        lots[a] = [new_lot(b, 0.0, -math.inf, 0)] if b > 0 else []
    held_frozen = {}
    listed, received, sent, first_hop = [], {}, {}, {}
    seed_amount = fees = 0.0
    tainted, taint_hop, last_credit = {}, {}, {}
    for index, r in enumerate(rows):
        if until is not None and r["time"] > until:
            break
        is_seed = r["id"] in seeds
        if policy == "poison":
            s = r["frm"]
            traced = is_seed or (s in tainted and index > tainted[s] and taint_hop[s] < max_hops
                                 and (window is None or r["time"] - last_credit[s] <= window))
            if not traced:
                continue
            hop = 1 if is_seed else taint_hop[s] + 1
            if is_seed:
                seed_amount += r["paid"]
            listed.append((r["id"], r["paid"], hop))
            sent[s] = sent.get(s, 0.0) + r["paid"]
            t = r["to"]
            received[t] = received.get(t, 0.0) + r["received"]
            first_hop[t] = min(first_hop.get(t, hop), hop)
            if t not in tainted:
                tainted[t] = index
            taint_hop[t] = min(taint_hop.get(t, hop), hop)
            last_credit[t] = r["time"]
            continue
        carried, min_hop, _ = debit(lots[r["frm"]], r["paid"], policy, r["time"], max_hops,
                                    window, held_frozen, r["frm"])
        if is_seed:
            share, hop = 1.0, 1
            seed_amount += r["paid"] - carried
        elif carried > 0 and r["paid"] > 0:
            share, hop = min(1.0, carried / r["paid"]), min_hop + 1
        else:
            share, hop = 0.0, 0
        traced_received = share * r["received"]
        if share > 0:
            listed.append((r["id"], share * r["paid"], hop))
            sent[r["frm"]] = sent.get(r["frm"], 0.0) + share * r["paid"]
            received[r["to"]] = received.get(r["to"], 0.0) + traced_received
            first_hop[r["to"]] = min(first_hop.get(r["to"], hop), hop)
            fees += share * r["paid"] - traced_received
        target = lots[r["to"]]
        if policy in ("tainted-first", "tainted-last", "haircut"):
            if traced_received > 0:
                target.append(new_lot(traced_received, traced_received, r["time"], hop))
            if r["received"] - traced_received > 0:
                target.append(new_lot(r["received"] - traced_received, 0.0, r["time"], 0))
        else:
            target.append(new_lot(r["received"], min(traced_received, r["received"]), r["time"],
                                  hop if share > 0 else 0))
    accounts = []
    for a in received:
        held = None if policy == "poison" else \
            sum(l.traced for l in lots[a]) + held_frozen.get(a, 0.0)
        accounts.append(dict(id=a, received=received[a], sent=sent.get(a, 0.0), held=held,
                             first_hop=first_hop[a]))
    total_held = None if policy == "poison" else \
        sum(sum(l.traced for l in ls) for ls in lots.values()) + sum(held_frozen.values())
    return dict(policy=policy, direction="forward",
                summary=dict(seed_amount=seed_amount, held=total_held,
                             fees=None if policy == "poison" else fees,
                             accounts_reached=len(received), transactions_traced=len(listed),
                             max_hop=max([h for _, _, h in listed], default=0)),
                transactions=[dict(id=i, traced=t, hop=h) for i, t, h in listed],
                accounts=accounts)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("transactions")
    p.add_argument("--accounts")
    p.add_argument("--tx", required=True)
    p.add_argument("--policy", default="fifo")
    p.add_argument("--max-hops", type=int, default=2**32 - 1)
    p.add_argument("--window", type=int)
    p.add_argument("--until", type=int)
    a = p.parse_args()
    rows, stated = load(a.transactions, a.accounts)
    print(json.dumps(trace(rows, stated, a.tx.split(","), a.policy, a.max_hops, a.window,
                           a.until)))


if __name__ == "__main__":
    main()
