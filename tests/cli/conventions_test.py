#!/usr/bin/env python3
"""The command-line conventions every command follows, one test each: -o and '-', standard
input, help from the command tables, numbers a person can read, dust, tables, time zones,
option validation, progress and messages on stderr, and the consistent option names.

usage: conventions_test.py PATH/TO/moneytrail
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

MONEYTRAIL = None


def run(*args, stdin=None, cwd=None, env=None):
    return subprocess.run([MONEYTRAIL, *args], capture_output=True, cwd=cwd, env=env,
                          input=stdin, text=stdin is None or isinstance(stdin, str))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


# A splits 100.005 three ways under haircut, so the shares leave sub-cent amounts behind.
CHAIN = ("id,timestamp,from,to,amount,currency\n"
         "t1,2026-01-01T00:00:00Z,V,A,100.005,CNY\n"
         "t2,2026-01-01T01:00:00Z,A,B,33.335,CNY\n"
         "t3,2026-01-01T02:00:00Z,A,C,33.335,CNY\n"
         "t4,2026-01-01T03:00:00Z,A,D,33.33,CNY\n"
         "t5,2026-01-01T04:00:00Z,B,E,33.335,CNY\n")


class Conventions(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.csv = write(os.path.join(self.dir, "chain.csv"), CHAIN)

    def tearDown(self):
        self.tmp.cleanup()

    def test_dash_output_is_standard_output_and_no_file_named_dash(self):
        for args in [["stats", self.csv, "--format", "json"],
                     ["trace", self.csv, "--tx", "t1", "--format", "json"],
                     ["score", self.csv, "--format", "csv"],
                     ["centrality", self.csv, "--format", "csv"],
                     ["clusters", self.csv, "--format", "json"],
                     ["export", self.csv, "--select", "trace:t1", "--to", "graphml"]]:
            r = run(*args, "-o", "-", cwd=self.dir)
            self.assertEqual(r.returncode, 0, (args, r.stderr))
            self.assertTrue(r.stdout.strip(), args)
            self.assertFalse(os.path.exists(os.path.join(self.dir, "-")), args)
        # -o FILE: the results in the file, the "wrote" line on stderr, nothing on stdout.
        out = os.path.join(self.dir, "t.json")
        r = run("trace", self.csv, "--tx", "t1", "--format", "json", "-o", out)
        self.assertEqual(r.stdout, "")
        self.assertIn("wrote " + out, r.stderr)
        self.assertEqual(json.load(open(out))["seeds"], ["t1"])
        r = run("export", self.csv, "--select", "trace:t1", "-o", os.path.join(self.dir, "e.gexf"))
        self.assertEqual((r.returncode, r.stdout), (0, ""))
        self.assertIn("wrote", r.stderr)

    def test_dash_input_reads_csv_or_case_file_from_standard_input(self):
        r = run("stats", "-", "--format", "json", stdin=CHAIN)
        self.assertEqual(r.returncode, 0, r.stderr)
        stats = json.loads(r.stdout)
        self.assertEqual(stats["transactions"]["total"], 5)
        self.assertEqual(stats["provenance"]["inputs"][0]["path"], "-")
        case = os.path.join(self.dir, "c.mtc")
        self.assertEqual(run("ingest", self.csv, "-o", case, "--quiet").returncode, 0)
        with open(case, "rb") as f:
            r = run("stats", "-", "--format", "json", stdin=f.read())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["transactions"]["total"], 5)
        # A bad row from standard input is named "-" with its line.
        r = run("stats", "-", "--strict", stdin=CHAIN + "t9,bad,X,Y,1,CNY\n")
        self.assertEqual(r.returncode, 2)
        self.assertIn("-:7:", r.stderr)

    def test_help_is_rendered_from_the_command_tables(self):
        top = run("--help").stdout
        for name in ["stats", "trace", "score", "clusters", "export", "help", "completion"]:
            self.assertRegex(top, r"\n  " + name + r"\s{2,}\S")  # name and summary apart
        self.assertIn("HTML", top)
        for command in ["trace", "score", "centrality", "export", "clusters"]:
            text = run("help", command).stdout
            self.assertTrue(text.startswith("usage: moneytrail " + command + " "), command)
            self.assertIn("examples:\n  moneytrail " + command, text)
            self.assertNotIn("--input ", text)  # operands are in the usage line
            self.assertEqual(text, run(command, "--help").stdout)
            for line in text.splitlines():
                self.assertLessEqual(len(line), 80 + 40, line)  # wrapped (ids may overflow)
        centrality = run("help", "centrality", env={**os.environ, "COLUMNS": "80"}).stdout
        self.assertIn("(default 0.85)", centrality)
        self.assertIn("(default 1e-12)", centrality)
        self.assertNotIn("0.84999", centrality)
        # Words are never broken across lines: every word of a description is whole somewhere.
        words = set(re.findall(r"[A-Za-z]+", centrality))
        self.assertIn("counterparties", words)
        man = run("help", "trace", "--man").stdout
        self.assertTrue(man.startswith(".TH MONEYTRAIL-TRACE 1"))
        self.assertIn("tainted\\-first", man)
        self.assertIn("complete -o filenames", run("completion", "bash").stdout)
        self.assertIn("#compdef moneytrail", run("completion", "zsh").stdout)

    def test_numbers_rounded_to_their_unit_unless_full_precision(self):
        r = run("trace", self.csv, "--tx", "t1", "--policy", "haircut", "--format", "json")
        j = json.loads(r.stdout)
        def decimals(x):
            text = repr(x)
            return len(text.split(".")[1]) if "." in text and "e" not in text else 0
        amounts = [j["summary"]["held"], j["summary"]["seed_amount"]]
        amounts += [a["held"] for a in j["accounts"]] + [t["traced"] for t in j["transactions"]]
        self.assertTrue(all(decimals(a) <= 2 for a in amounts), amounts)
        exact = json.loads(run("trace", self.csv, "--tx", "t1", "--policy", "haircut",
                               "--format", "json", "--full-precision").stdout)
        self.assertAlmostEqual(exact["summary"]["held"], j["summary"]["held"], delta=0.005)
        scores = list(csv.DictReader(io.StringIO(run("score", self.csv, "--format", "csv").stdout)))
        for row in scores:
            digits = re.sub(r"[^0-9]", "", row["score"].split("e")[0]).lstrip("0")
            self.assertLessEqual(len(digits), 6, row["score"])

    def test_dust_is_counted_not_listed(self):
        # B forwards exactly what it received; A and B keep nothing but rounding dust.
        chain = ("id,timestamp,from,to,amount,currency\n"
                 "t1,2026-01-01T00:00:00Z,V,A,10,CNY\n"
                 "t2,2026-01-01T01:00:00Z,A,B,9.999,CNY\n")
        path = write(os.path.join(self.dir, "dust.csv"), chain)
        j = json.loads(run("trace", path, "--tx", "t1", "--format", "json").stdout)
        listed = {e["account"] for e in j["endpoints"]}
        self.assertEqual(listed, {"B"})
        self.assertEqual(j["summary"]["dust_endpoints"], 1)
        self.assertAlmostEqual(j["summary"]["dust"], 0.001, places=9)
        every = json.loads(run("trace", path, "--tx", "t1", "--format", "json", "--dust", "0").stdout)
        self.assertEqual({e["account"] for e in every["endpoints"]}, {"A", "B"})

    def test_tables_have_headers_units_and_align_wide_characters(self):
        text = ("id,timestamp,from,to,amount,currency\n"
                "t1,2026-01-01T00:00:00Z,V,张三的银行卡,500,CNY\n"
                "t2,2026-01-01T01:00:00Z,张三的银行卡,Bob,200,CNY\n"
                "t3,2026-01-01T02:00:00Z,张三的银行卡,李四,100,CNY\n")
        path = write(os.path.join(self.dir, "cjk.csv"), text)
        table = run("trace", path, "--tx", "t1", "--format", "table").stdout
        self.assertIn("amounts in CNY", table)
        header = next(line for line in table.splitlines() if re.match(r"\s+account\s+kind", line))
        self.assertIn("amount CNY", header)
        rows = table[table.index(header):].splitlines()[1:4]
        # East Asian wide characters take two columns: the status column starts at the same
        # display column on every row.
        import unicodedata
        def display_col(line, word):
            prefix = line[:line.index(word)]
            return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in prefix)
        cols = {display_col(r, s) for r in rows for s in ["held", "left_data"] if s in r}
        self.assertEqual(len(cols), 1, rows)
        backward = run("trace", path, "--direction", "backward", "--tx", "t2", "--format", "table")
        self.assertIn("target transaction t2", backward.stdout)
        self.assertNotIn("0 target", backward.stdout)
        balance = run("trace", path, "--direction", "backward", "--to", "张三的银行卡", "--at",
                      "2026-01-02", "--format", "table").stdout
        self.assertIn("the balance of 张三的银行卡 at 2026-01-02T00:00:00Z", balance)

    def test_times_in_the_display_zone(self):
        def first_time(*extra):
            out = run("trace", self.csv, "--tx", "t1", "--format", "json", *extra)
            self.assertEqual(out.returncode, 0, out.stderr)
            return json.loads(out.stdout)["transactions"][0]["timestamp"]
        self.assertEqual(first_time(), "2026-01-01T00:00:00Z")
        self.assertEqual(first_time("--tz", "+08:00"), "2026-01-01T08:00:00+08:00")
        self.assertEqual(first_time("--tz", "-0530"), "2025-12-31T18:30:00-05:30")
        if os.path.exists("/usr/share/zoneinfo/Asia/Shanghai"):
            self.assertEqual(first_time("--tz", "Asia/Shanghai"), "2026-01-01T08:00:00+08:00")
        bad = run("trace", self.csv, "--tx", "t1", "--tz", "Mars/Olympus")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--tz", bad.stderr)

    def test_every_option_is_validated(self):
        for args, flag in [(["score", self.csv, "--top", "-3"], "--top"),
                           (["score", self.csv, "--top", "0"], "--top"),
                           (["score", self.csv, "--top", "2.5"], "--top"),
                           (["centrality", self.csv, "--damping", "1.5"], "--damping"),
                           (["centrality", self.csv, "--measure", "closeness"], "--measure"),
                           (["trace", self.csv, "--tx", "t1", "--max-hops", "0"], "--max-hops"),
                           (["trace", self.csv, "--tx", "t1", "--policy", "lifo2"], "--policy"),
                           (["clusters", self.csv, "--max-size", "1"], "--max-size"),
                           (["communities", self.csv, "--resolution", "-1"], "--resolution"),
                           (["stats", self.csv, "--quiet", "--verbose"], "--quiet"),
                           (["evaluate", self.csv, self.csv, "--format", "xml"], "--format")]:
            r = run(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn(flag, r.stderr, args)
            self.assertEqual(r.stdout, "", args)

    def test_progress_and_messages_go_to_standard_error(self):
        r = run("score", self.csv, "--format", "csv", "--verbose")
        self.assertTrue(r.stdout.startswith("account,score"))
        for step in ["flow view", "transaction evidence", "typologies", "second pass"]:
            self.assertRegex(r.stderr, r"\n?\s+" + step + r"\s+[0-9.]+ s")
        quiet = run("stats", self.csv, "--format", "json", "--quiet")
        self.assertEqual(quiet.stderr, "")
        noisy = run("stats", self.csv, "--format", "json")
        self.assertIn("loaded 5 transactions", noisy.stderr)

    def test_ingest_says_input_format_like_every_command(self):
        case = os.path.join(self.dir, "i.mtc")
        for flag in ["--input-format", "--format"]:
            r = run("ingest", self.csv, flag, "native", "-o", case)
            self.assertEqual(r.returncode, 0, (flag, r.stderr))
            self.assertIn("wrote " + case, r.stderr)
        r = run("ingest", self.csv, "--input-format", "native", "--format", "paysim", "-o", case)
        self.assertEqual(r.returncode, 2)

    def test_since_and_until_on_every_analysing_command(self):
        # t2..t4 fall in [01:00, 03:00]: three transactions, every account kept.
        window = ["--since", "2026-01-01T01:00:00Z", "--until", "2026-01-01T03:00:00Z"]
        r = run("stats", self.csv, "--format", "json", *window)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["transactions"]["total"], 3)
        self.assertIn("2 transactions outside --since/--until left out", r.stderr)
        case = os.path.join(self.dir, "w.mtc")
        self.assertEqual(run("ingest", self.csv, "-o", case, *window).returncode, 0)
        r = run("stats", case, "--format", "json", "--quiet")
        self.assertEqual(json.loads(r.stdout)["transactions"]["total"], 3)
        for command in (["score", "--format", "csv"], ["clusters", "--format", "json"],
                        ["communities", "--method", "wcc"], ["centrality", "--measure", "degree"]):
            r = run(command[0], self.csv, *command[1:], *window, "--quiet")
            self.assertEqual(r.returncode, 0, (command, r.stderr))
        r = run("score", self.csv, "--format", "csv", "--quiet", *window)
        scored = {row["account"]: int(row["degree"]) for row in csv.DictReader(io.StringIO(r.stdout))}
        self.assertEqual(scored.get("A"), 3)  # t2, t3, t4 (t1 is before the window)
        graphml = os.path.join(self.dir, "window.graphml")
        r = run("export", self.csv, "--select", "top:10", "-o", graphml, "--quiet", *window)
        self.assertEqual(r.returncode, 0, r.stderr)
        text = read(graphml)  # V's only payment, t1, is before the window: no flow from V
        self.assertNotIn('source="V"', text)
        self.assertEqual(text.count("<edge "), 3)
        r = run("stats", self.csv, "--since", "2026-01-02", "--until", "2026-01-01")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--until is before --since", r.stderr)
        r = run("stats", self.csv, "--since", "soon")
        self.assertEqual(r.returncode, 2)

    def test_watchlist_marks_accounts_in_every_output(self):
        # B and D are on the list (D with a note); GHOST is in no input: counted, not created.
        watch = write(os.path.join(self.dir, "watch.txt"),
                      "# accounts to watch\nB\nD,frozen by the bank\nGHOST\n")
        w = ["--watchlist", watch]
        r = run("trace", self.csv, "--tx", "t1", "--format", "json", *w)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("watchlist: 2 accounts marked, 1 not in the data", r.stderr)
        trace = json.loads(r.stdout)
        marked = {a["id"] for a in trace["accounts"] if a.get("watchlist")}
        self.assertEqual(marked, {"B", "D"})
        self.assertTrue(all(e.get("watchlist") for e in trace["endpoints"] if e["account"] == "D"))
        scores = list(csv.DictReader(io.StringIO(
            run("score", self.csv, "--format", "csv", "--quiet", *w).stdout)))
        self.assertEqual({s["account"] for s in scores if s["watchlist"] == "true"}, {"B", "D"})
        plain = list(csv.DictReader(io.StringIO(run("score", self.csv, "--format", "csv",
                                                    "--quiet").stdout)))
        self.assertNotIn("watchlist", plain[0])  # no list, no column
        rest = json.loads(run("restitution", self.csv, "--tx-file",
                              write(os.path.join(self.dir, "v.txt"), "t1\n"), "--format", "json",
                              "--quiet", *w).stdout)
        self.assertEqual({p["account"] for p in rest["accounts"] if p.get("watchlist")}, {"B", "D"})
        stats = json.loads(run("stats", self.csv, "--format", "json", "--quiet", *w).stdout)
        self.assertEqual(stats["accounts"]["tags"], {"watch: frozen by the bank": 1})
        graphml = os.path.join(self.dir, "w.graphml")
        run("export", self.csv, "--select", "trace:t1", "-o", graphml, "--quiet", *w)
        self.assertIn("watchlist;watch: frozen by the bank", read(graphml))
        dot = os.path.join(self.dir, "w.dot")
        run("export", self.csv, "--select", "trace:t1", "-o", dot, "--quiet", *w)
        self.assertEqual(read(dot).count("#ff00aa"), 2)
        # The marks travel in a case file.
        case = os.path.join(self.dir, "w.mtc")
        self.assertEqual(run("ingest", self.csv, "-o", case, "--quiet", *w).returncode, 0)
        again = json.loads(run("trace", case, "--tx", "t1", "--format", "json", "--quiet").stdout)
        self.assertEqual({a["id"] for a in again["accounts"] if a.get("watchlist")}, {"B", "D"})
        r = run("stats", self.csv, "--watchlist", os.path.join(self.dir, "missing.txt"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("missing.txt", r.stderr)


if __name__ == "__main__":
    MONEYTRAIL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
