#!/usr/bin/env python3
"""Exported subgraphs read back by their consumers: networkx reads our GraphML, GEXF (its reader
knows GEXF 1.2 and not the spec's timeformat "dateTime"; the test maps our 1.3 namespace and
timeformat onto what it knows, the elements used are the same) and
Cytoscape JSON (networkx.cytoscape_graph checks the element format), Graphviz's dot renders our
DOT, and the CSV lists parse; with account ids that need escaping in every format (quotes, <, &,
Chinese characters, a comma, and "</script><!--" for the HTML report), and the HTML report loads in
headless Chromium with no script errors and the expected node count, and its endpoints table (what each endpoint holds or cashed
out, with its status) equal to the trace JSON's endpoints and adding up to what the trace holds.
Exit 77 when networkx is
missing.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import networkx as nx
except ImportError:
    print("skipping: networkx missing")
    sys.exit(77)

IDS = ['victim "A" <1> & co', "卡号一", "mule,2", "mule3</script><!--", "cash'out"]
ROWS = [("t1", 1, IDS[0], IDS[1], 1000), ("t2", 2, IDS[1], IDS[2], 600),
        ("t3", 3, IDS[1], IDS[3], 390), ("t4", 4, IDS[2], IDS[4], 600),
        ("t5", 5, IDS[3], IDS[4], 390)]


def csv_field(text):
    return '"' + text.replace('"', '""') + '"'


def main():
    binary = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as d:
        data = os.path.join(d, "tx.csv")
        with open(data, "w", encoding="utf-8") as f:
            f.write("id,timestamp,from,to,amount,currency\n")
            for tid, ts, a, b, amount in ROWS:
                f.write(f"{tid},{ts},{csv_field(a)},{csv_field(b)},{amount},CNY\n")

        def export(fmt, name, *extra):
            out = os.path.join(d, name)
            r = subprocess.run([binary, "export", data, "--select", "trace:t1", "--to", fmt,
                                "-o", out, "--quiet", *extra], capture_output=True, text=True)
            if r.returncode != 0:
                failures.append(f"{fmt}: exit {r.returncode}: {r.stderr}")
            return out

        expected_edges = {(a, b) for _, _, a, b, _ in ROWS}
        g = nx.read_graphml(export("graphml", "t.graphml"))
        if set(g.nodes) != set(IDS):
            failures.append(f"graphml nodes {sorted(g.nodes)}")
        if set(g.edges) != expected_edges:
            failures.append(f"graphml edges {sorted(g.edges)}")
        if g.nodes[IDS[1]].get("hop") != 1 or g.edges[IDS[0], IDS[1]].get("value") != 1000.0:
            failures.append(f"graphml attributes {g.nodes[IDS[1]]} {g.edges[IDS[0], IDS[1]]}")
        if g.nodes[IDS[4]].get("endpoint") is not True:
            failures.append(f"graphml endpoint flag {g.nodes[IDS[4]]}")

        # GEXF 1.2draft by default, read by networkx as it is, one spell per transaction.
        gexf = export("gexf", "t.gexf")
        text = open(gexf, encoding="utf-8").read()
        if 'xmlns="http://www.gexf.net/1.2draft"' not in text or "<spell " not in text:
            failures.append("gexf: not 1.2draft with spells")
        h = nx.read_gexf(gexf)
        if set(h.nodes) != set(IDS) or len(h.edges) != len(ROWS):
            failures.append(f"gexf nodes {sorted(h.nodes)} edges {len(h.edges)}")
        for _, _, attributes in h.edges(data=True):
            if len(attributes.get("spells", [])) != 1:
                failures.append(f"gexf: a one-transaction flow has {attributes.get('spells')}")
        if 'xmlns="http://gexf.net/1.3"' not in open(export("gexf1.3", "t13.gexf"),
                                                        encoding="utf-8").read():
            failures.append("gexf1.3: not GEXF 1.3")
        # A flow of three transfers between the same two accounts: three spells at their times.
        repeated = os.path.join(d, "repeated.csv")
        with open(repeated, "w", encoding="utf-8") as f:
            f.write("id,timestamp,from,to,amount,currency\n"
                    "r1,2026-01-01T08:00:00Z,P,Q,10,CNY\nr2,2026-01-03T09:30:00Z,P,Q,20,CNY\n"
                    "r3,2026-01-07T23:59:59Z,P,Q,30,CNY\nr4,2026-01-02T00:00:00Z,Q,Z,5,CNY\n")
        ego = os.path.join(d, "ego.gexf")
        r = subprocess.run([binary, "export", repeated, "--select", "ego:P:1", "-o", ego,
                            "--quiet"], capture_output=True, text=True)
        if r.returncode != 0:
            failures.append(f"ego gexf: {r.stderr}")
        else:
            e = nx.read_gexf(ego)
            spells = [s for _, _, a in e.edges(data=True) for s in a.get("spells", [])]
            starts = sorted(s[0] for s in spells)
            if starts != ["2026-01-01T08:00:00Z", "2026-01-03T09:30:00Z", "2026-01-07T23:59:59Z"]:
                failures.append(f"ego gexf spells {spells}")

        cy = json.load(open(export("cyjs", "t.cyjs"), encoding="utf-8"))
        c = nx.cytoscape_graph(cy)
        if set(c.nodes) != set(IDS) or set(c.edges) != expected_edges:
            failures.append(f"cyjs graph {sorted(c.nodes)} {sorted(c.edges)}")

        edges_csv = export("csv", "t.csv")
        with open(edges_csv, encoding="utf-8") as f:
            pairs = {(r["source"], r["target"]) for r in csv.DictReader(f)}
        with open(os.path.join(d, "t.nodes.csv"), encoding="utf-8") as f:
            nodes = {r["id"] for r in csv.DictReader(f)}
        if pairs != expected_edges or nodes != set(IDS):
            failures.append(f"csv {sorted(pairs)} {sorted(nodes)}")

        dot = export("dot", "t.dot")
        if shutil.which("dot"):
            r = subprocess.run(["dot", "-Tsvg", dot, "-o", os.path.join(d, "t.svg")],
                               capture_output=True, text=True)
            if r.returncode != 0:
                failures.append(f"dot -Tsvg rejected our DOT: {r.stderr}")
        else:
            print("note: Graphviz dot missing; DOT not rendered")

        # The HTML report loads in headless Chromium with no script errors and draws every node.
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
        web = os.environ.get("MONEYTRAIL_WEB_DIR", os.path.join(root, "web"))
        if not os.path.exists(os.path.join(web, "node_modules", "cytoscape")):
            print("note: cytoscape.js not installed (scripts/setup.sh runs npm ci); HTML not checked")
        elif not shutil.which("chromium"):
            print("note: chromium missing (scripts/setup.sh --tests installs it); HTML not checked")
        else:
            html = export("html", "t.html")
            r = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                "--virtual-time-budget=5000", "--dump-dom", "file://" + html],
                               capture_output=True, text=True, timeout=120)
            dom = r.stdout
            want = f'<span id="status">{len(IDS)} nodes, {len(ROWS)} edges</span>'
            if want not in dom:
                failures.append("html: status not found in the page: " +
                                dom[dom.find('id="status"') - 6:][:120])
            if '<span id="errors"></span>' not in dom:
                failures.append("html: script errors: " + dom[dom.find('id="errors"'):][:200])
            # The endpoints table, as rendered, against the trace's own endpoints: the amounts are
            # what each endpoint holds or cashed out, and add up to the trace's total.
            import html as htmllib
            import re
            table = dom[dom.find('<table id="endpoints">'):]
            table = table[:table.find("</table>")]
            rendered = {}
            for row in re.findall(r"<tr>(.*?)</tr>", table[table.find("<tbody>"):]):
                cells = [htmllib.unescape(c) for c in re.findall(r"<td>(.*?)</td>", row)]
                rendered[cells[0]] = (cells[2], float(cells[3]))
            trace = json.loads(subprocess.run([binary, "trace", data, "--tx", "t1", "--format", "json",
                                               "--quiet"], capture_output=True, text=True).stdout)
            expected = {e["account"]: (e["status"], round(e["amount"], 2)) for e in trace["endpoints"]}
            if rendered != expected:
                failures.append(f"html endpoints table {rendered} != trace {expected}")
            total = sum(v for _, v in rendered.values())
            if abs(total - trace["summary"]["held"]) > 0.01:
                failures.append(f"html endpoints add up to {total}, the trace holds {trace['summary']['held']}")
            # Evidence: a legend naming the seed and the endpoints, the report's parameters and
            # inputs' hashes on the page (they print with it), and print styles.
            legend = dom[dom.find('<div id="legend">'):][:3000]
            for words in ("seed: where the money started", "endpoint: holds or cashed out",
                          "unknown"):  # the accounts' kind (no accounts file here)
                if words not in legend:
                    failures.append(f"html legend lacks '{words}': {legend[:300]}")
            about = dom[dom.find('<div id="provenance">'):][:3000]
            if "forward trace" not in about or "sha256" not in about.lower():
                failures.append(f"html: no parameters and input hashes on the page: {about[:300]}")
            if "@media print" not in open(html, encoding="utf-8").read():
                failures.append("html: no print styles")

        # The --export shortcut on trace: the format from the extension.
        shortcut = os.path.join(d, "s.graphml")
        r = subprocess.run([binary, "trace", data, "--tx", "t1", "--quiet", "--format", "json",
                            "--export", shortcut], capture_output=True, text=True)
        if r.returncode != 0 or set(nx.read_graphml(shortcut).nodes) != set(IDS):
            failures.append(f"trace --export: exit {r.returncode} {r.stderr}")
        sets = os.path.join(d, "sets.txt")
        with open(sets, "w") as f:
            f.write("t1\n")
        r = subprocess.run([binary, "trace", data, "--tx-file", sets, "--quiet",
                            "--export", shortcut], capture_output=True, text=True)
        if r.returncode != 2 or "--export writes one trace" not in r.stderr:
            failures.append(f"trace --tx-file --export: exit {r.returncode} {r.stderr}")
        r = subprocess.run([binary, "trace", data, "--tx", "t1", "--quiet",
                            "--export", os.path.join(d, "s.pdf")], capture_output=True, text=True)
        if r.returncode != 2 or "cannot tell the format" not in r.stderr:
            failures.append(f"trace --export s.pdf: exit {r.returncode} {r.stderr}")

        # Folding: three nodes at most, the seed kept; four hops do not fit one aggregate per
        # hop, so the rest is one aggregate. With room, one aggregate per hop.
        g = nx.read_graphml(export("graphml", "f.graphml", "--max-nodes", "3"))
        if len(g.nodes) != 3 or IDS[0] not in g.nodes or "(aggregate)" not in g.nodes:
            failures.append(f"folding: {sorted(g.nodes)}")
        g = nx.read_graphml(export("graphml", "f4.graphml", "--max-nodes", "4"))
        if len(g.nodes) != 4 or IDS[0] not in g.nodes or \
                not any(n.startswith("(") and "at hop" in n for n in g.nodes):
            failures.append(f"folding by hop: {sorted(g.nodes)}")

        for bad, message in [(["--select", "trace:nope"], "unknown transaction id 'nope'"),
                             (["--select", "cluster:0"], "not a positive number"),
                             (["--select", "ego:nobody:1"], "unknown account 'nobody'"),
                             (["--select", "trace:t1", "--to", "pdf"], "unknown --to 'pdf'"),
                             (["--select", "trace:t1", "--to", "html", "--render", "svg"],
                              "--render needs --to dot"),
                             (["--select", "trace:t1", "--max-nodes", "1"], "at least 2")]:
            args = [binary, "export", data, "--quiet", "-o", os.path.join(d, "x")]
            if "--to" not in bad:
                args += ["--to", "graphml"]
            r = subprocess.run(args + bad, capture_output=True, text=True)
            if r.returncode != 2 or message not in r.stderr:
                failures.append(f"{bad}: exit {r.returncode}, {r.stderr.strip()}")
        if any(n.endswith(".partial") for n in os.listdir(d)):
            failures.append("a partial file was left behind")
    for f in failures:
        print("FAIL:", f)
    print("export round trips:", "failed" if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
