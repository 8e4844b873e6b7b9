"""The peer for bench/statement_bench.sh: what an analyst writes today to get statement
retrievals into a graph. Python's csv module reads the generator's two statement layouts (UTF-8 or
GB18030), the two sides of a transfer are merged by serial number and then by (payer, payee,
amount) within 120 s, and python-igraph builds the graph of the merged transfers.

usage: statement_peer.py ENCODING FILE...   prints rows, merged pairs and transactions
"""
import csv
import datetime
import sys
from collections import defaultdict

import igraph

CHINA = datetime.timezone(datetime.timedelta(hours=8))


def rows_of(path, encoding):
    with open(path, newline="", encoding=encoding) as f:
        reader = csv.reader(f)
        header = [h.lstrip("\ufeff") for h in next(reader)]
        col = {name: i for i, name in enumerate(header)}
        account = col.get("交易卡号", col.get("交易账号"))
        other = col.get("对手账号", col.get("对方账号"))
        serial = col.get("交易流水号")
        direction = col.get("借贷标志")
        date = col.get("交易日期")
        for line, r in enumerate(reader, start=2):
            if date is not None:
                stamp = datetime.datetime.strptime(r[date] + r[col["交易时间"]], "%Y%m%d%H%M%S")
            else:
                stamp = datetime.datetime.strptime(r[col["交易时间"]], "%Y-%m-%d %H:%M:%S")
            t = int(stamp.replace(tzinfo=CHINA).timestamp())
            amount = float(r[col["交易金额"]].replace(",", ""))
            outgoing = r[direction] == "借" if direction is not None else amount < 0
            counterparty = r[other] or "unknown:" + r[col["摘要"]]
            payer, payee = (r[account], counterparty) if outgoing else (counterparty, r[account])
            yield (payer, payee, round(abs(amount) * 100), not outgoing, t,
                   r[serial] if serial is not None else "", f"{path}:{line}")


def main():
    encoding, files = sys.argv[1], sys.argv[2:]
    groups = defaultdict(lambda: ([], []))
    count = 0
    for path in files:
        for payer, payee, cents, payee_side, t, serial, where in rows_of(path, encoding):
            groups[(payer, payee, cents)][payee_side].append((t, serial, where))
            count += 1
    edges, merged = [], 0
    for (payer, payee, cents), (payers, payees) in groups.items():
        used = [False] * len(payees)
        by_serial = {s: j for j, (_, s, _) in enumerate(payees) if s}
        rest = []
        for t, s, where in payers:
            j = by_serial.get(s) if s else None
            if j is not None and not used[j]:
                used[j] = True
                merged += 1
                edges.append((payer, payee, cents / 100))
            else:
                rest.append((t, s, where))
        for t, s, where in sorted(rest):
            best, gap = None, 121
            for j, (u, q, _) in enumerate(payees):
                if not used[j] and abs(u - t) < gap and not (s and q and s != q):
                    best, gap = j, abs(u - t)
            if best is not None:
                used[best] = True
                merged += 1
            edges.append((payer, payee, cents / 100))
        edges.extend((payer, payee, cents / 100) for j in range(len(payees)) if not used[j])
    graph = igraph.Graph.TupleList(edges, directed=True, weights=True)
    print(f"{count} rows, {merged} merged, {graph.ecount()} transactions")


if __name__ == "__main__":
    main()
