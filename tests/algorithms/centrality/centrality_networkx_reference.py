#!/usr/bin/env python3
"""Independent check of `moneytrail centrality` against networkx (Debian python3-networkx):
PageRank and personalized PageRank within 1e-8 in L1, and strength / flow-through exactly, on
a random directed weighted graph of 1,000 accounts (with repeated pairs, which moneytrail
aggregates into one flow), on Zachary's karate club (../shared/data, both directions) and on a
small generated laundering case.

Exit 77 (CTest skip) when networkx is absent.
usage: centrality_networkx_reference.py PATH/TO/moneytrail PROJECT_ROOT
"""
import csv
import io
import os
import random
import subprocess
import sys
import tempfile

SKIP = 77


def write_transactions(path, edges):
    with open(path, "w", newline="") as f:
        f.write("id,timestamp,from,to,amount,currency\n")
        for i, (u, v, w) in enumerate(edges):
            f.write(f"t{i},{1767225600 + i},{u},{v},{w!r},CNY\n")


def run_scores(moneytrail, args):
    out = subprocess.run([moneytrail, "centrality", *args, "--format", "csv", "--quiet",
                          "--full-precision"],
                         capture_output=True, text=True, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    return rows


def digraph(nx, edges):
    g = nx.DiGraph()
    for u, v, w in edges:
        if g.has_edge(u, v):
            g[u][v]["weight"] += w
            g[u][v]["count"] += 1
        else:
            g.add_edge(u, v, weight=w, count=1)
    return g


def l1(ours, theirs):
    return sum(abs(float(ours[k]) - theirs[k]) for k in theirs) + sum(1 for k in ours if k not in theirs)


def check_graph(nx, moneytrail, name, edges, seeds, tmp):
    failures = 0
    path = os.path.join(tmp, name + ".csv")
    write_transactions(path, edges)
    g = digraph(nx, edges)
    cases = [
        ("pagerank value", ["--measure", "pagerank", "--weight", "value"], dict(weight="weight")),
        ("pagerank count", ["--measure", "pagerank", "--weight", "count"], dict(weight="count")),
        ("pagerank none", ["--measure", "pagerank", "--weight", "none"], dict(weight=None)),
    ]
    seeds_file = os.path.join(tmp, name + ".seeds")
    with open(seeds_file, "w") as f:
        f.write("# seeds\n" + "\n".join(seeds) + "\n")
    cases.append(("ppr value", ["--measure", "ppr", "--seeds", seeds_file],
                  dict(weight="weight", personalization={s: 1 for s in seeds})))
    for label, args, kwargs in cases:
        rows = run_scores(moneytrail, [path, *args])
        ours = {r["account"]: float(r["score"]) for r in rows}
        theirs = nx.pagerank(g, alpha=0.85, tol=1e-13, max_iter=10000, **kwargs)
        err = l1(ours, theirs)
        ok = err <= 1e-8
        failures += not ok
        print(f"{name} {label}: L1 difference {err:.3e} {'ok' if ok else 'MISMATCH'}")
    # HITS (networkx: principal singular vectors, normalised to sum 1) and eigenvector centrality.
    rows = run_scores(moneytrail, [path, "--measure", "hits", "--weight", "value"])
    hub = {r["account"]: float(r["hub"]) for r in rows}
    authority = {r["account"]: float(r["authority"]) for r in rows}
    their_hub, their_authority = nx.hits(g, max_iter=100000, tol=1e-14)
    err = l1(hub, their_hub) + l1(authority, their_authority)
    ok = err <= 1e-8
    failures += not ok
    print(f"{name} hits: L1 difference {err:.3e} {'ok' if ok else 'MISMATCH'}")
    rows = run_scores(moneytrail, [path, "--measure", "eigenvector", "--weight", "value"])
    ours = {r["account"]: float(r["score"]) for r in rows}
    try:
        theirs = nx.eigenvector_centrality(g, max_iter=100000, tol=1e-13, weight="weight")
        err = l1(ours, theirs)
        ok = err <= 1e-8
        failures += not ok
        print(f"{name} eigenvector: L1 difference {err:.3e} {'ok' if ok else 'MISMATCH'}")
    except nx.PowerIterationFailedConvergence:
        print(f"{name} eigenvector: networkx did not converge, not compared")
    # Betweenness, exact: hop count, and path length 1/value (networkx weight = 1/value).
    for wname in (["none", None], ["value", "length"]):
        rows = run_scores(moneytrail, [path, "--measure", "betweenness", "--weight", wname[0]])
        ours = {r["account"]: float(r["score"]) for r in rows}
        if wname[1]:
            for u, v, data in g.edges(data=True):
                data["length"] = 1.0 / data["weight"]
        theirs = nx.betweenness_centrality(g, normalized=False, weight=wname[1])
        worst = max(abs(ours[k] - theirs[k]) / max(1.0, abs(theirs[k])) for k in theirs)
        ok = worst <= 1e-9
        failures += not ok
        print(f"{name} betweenness {wname[0]}: worst relative difference {worst:.3e} {'ok' if ok else 'MISMATCH'}")
    rows = run_scores(moneytrail, [path, "--measure", "flow", "--weight", "value"])
    worst = 0.0
    for r in rows:
        a = r["account"]
        expected = min(g.in_degree(a, weight="weight"), g.out_degree(a, weight="weight"))
        worst = max(worst, abs(float(r["score"]) - expected) / max(1.0, expected))
        if int(r["in_degree"]) != g.in_degree(a) or int(r["out_degree"]) != g.out_degree(a):
            worst = float("inf")
    ok = worst <= 1e-12
    failures += not ok
    print(f"{name} flow-through and degrees: worst relative difference {worst:.3e} {'ok' if ok else 'MISMATCH'}")
    return failures


def main():
    moneytrail, root = sys.argv[1], sys.argv[2]
    try:
        import networkx as nx
    except ImportError:
        print("networkx not installed: skipped")
        return SKIP
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        rng = random.Random(42)
        edges = []
        for _ in range(6000):
            u, v = rng.randrange(1000), rng.randrange(1000)
            edges.append((f"a{u}", f"a{v}", round(rng.uniform(1, 10000), 2)))
        edges += edges[:500]  # repeated pairs: aggregated by the flow view
        failures += check_graph(nx, moneytrail, "random1000", edges, ["a1", "a2", "a3"], tmp)

        karate = os.path.join(root, "..", "shared", "data", "community_benchmarks", "karate", "edges.csv")
        if os.path.exists(karate):
            with open(karate) as f:
                pairs = [(r["u"], r["v"]) for r in csv.DictReader(f)]
            both = [(f"k{u}", f"k{v}", 1.0) for u, v in pairs] + [(f"k{v}", f"k{u}", 1.0) for u, v in pairs]
            failures += check_graph(nx, moneytrail, "karate", both, ["k0"], tmp)
        else:
            print("karate: shared data absent, skipped")

        case = os.path.join(tmp, "case")
        subprocess.run([moneytrail, "generate", "--accounts", "1500", "--transactions", "12000",
                        "--groups", "2", "--victims", "20", "--seed", "9", "-o", case],
                       check=True, capture_output=True)
        edges = []
        victims = []
        with open(os.path.join(case, "transactions.csv")) as f:
            for r in csv.DictReader(f):
                edges.append((r["from"], r["to"], float(r["amount"])))
        with open(os.path.join(case, "accounts.csv")) as f:
            victims = [r["id"] for r in csv.DictReader(f) if r["label"] == "victim"][:10]
        failures += check_graph(nx, moneytrail, "generated", edges, victims, tmp)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
