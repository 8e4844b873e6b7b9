#!/usr/bin/env python3
"""End-to-end checks of the moneytrail executable: exit codes, --help, rejects, strict mode,
stats JSON keys, ingest -> case file -> same stats, and generator determinism.

usage: cli_test.py PATH/TO/moneytrail
"""
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import unittest

MONEYTRAIL = None
SANITIZED = False  # an ASan/TSan binary cannot run under an address-space limit


def run(*args, cwd=None):
    return subprocess.run([MONEYTRAIL, *args], capture_output=True, text=True, cwd=cwd)


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


GOOD = ("id,timestamp,from,to,amount,currency\n"
        "t1,2026-01-01T00:00:00Z,A,B,100,CNY\n"
        "t2,2026-01-01T01:00:00Z,B,C,98,CNY\n"
        "t3,2026-01-02T00:00:00Z,X,Y,5,CNY\n")
BAD = GOOD + "t4,2026-01-02T00:00:00Z,C,D,zero,CNY\n" + "t1,2026-01-03T00:00:00Z,C,D,1,CNY\n"


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def test_help_on_every_command_and_usage_errors(self):
        top = run("--help")
        self.assertEqual(top.returncode, 0)
        for command in ["centrality", "clusters", "communities", "demo", "generate", "ingest",
                        "stats", "trace"]:
            self.assertIn(command, top.stdout)
            result = run(command, "--help")
            self.assertEqual(result.returncode, 0, command)
            self.assertIn("usage: moneytrail " + command, result.stdout)
        self.assertEqual(run().returncode, 2)
        self.assertEqual(run("frobnicate").returncode, 2)
        self.assertEqual(run("stats", "--no-such-option", "x.csv").returncode, 2)
        self.assertEqual(run("ingest", "x.csv").returncode, 2)  # -o missing
        self.assertEqual(run("stats").returncode, 2)  # no input
        result = run("stats", write(os.path.join(self.dir, "g.csv"), GOOD), "--format", "xml")
        self.assertEqual(result.returncode, 2)
        result = run("stats", os.path.join(self.dir, "g.csv"), "--input-format", "nope")
        self.assertEqual(result.returncode, 2)
        self.assertIn("unknown --input-format 'nope'", result.stderr)

    def test_stats_json_keys_and_counts(self):
        path = write(os.path.join(self.dir, "g.csv"), GOOD)
        result = run("stats", path, "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        stats = json.loads(result.stdout)
        for key in ["accounts", "transactions", "rejected", "components"]:
            self.assertIn(key, stats)
        self.assertEqual(stats["accounts"]["total"], 5)
        self.assertEqual(stats["transactions"]["total"], 3)
        self.assertEqual(stats["components"]["count"], 2)
        self.assertEqual(stats["components"]["largest"], 3)
        self.assertEqual(stats["rejected"]["total"], 0)
        table = run("stats", path, "--format", "table")
        self.assertEqual(table.returncode, 0)
        self.assertIn("Transactions    3", table.stdout)

    def test_bad_rows_are_counted_reported_and_written(self):
        path = write(os.path.join(self.dir, "bad.csv"), BAD)
        result = run("stats", path, "--format", "json", cwd=self.dir)
        self.assertEqual(result.returncode, 0, result.stderr)
        stats = json.loads(result.stdout)
        self.assertEqual(stats["rejected"]["total"], 2)
        self.assertEqual(stats["rejected"]["by_reason"], {"bad_number": 1, "duplicate_id": 1})
        self.assertIn(path + ":5: amount: not a number: 'zero'", result.stderr)
        rejects = os.path.join(self.dir, "bad.csv.rejects.csv")
        self.assertTrue(os.path.exists(rejects))
        with open(rejects, encoding="utf-8") as f:
            lines = f.read().splitlines()
        self.assertEqual(len(lines), 3)
        # Strict: exit 2 at the first bad row, naming file, line and column.
        strict = run("stats", path, "--strict")
        self.assertEqual(strict.returncode, 2)
        self.assertIn(path + ":5: amount:", strict.stderr)
        # Explicit --rejects path for ingest.
        out = os.path.join(self.dir, "c.mtc")
        custom = os.path.join(self.dir, "custom_rejects.csv")
        ingest = run("ingest", path, "-o", out, "--rejects", custom, "--quiet")
        self.assertEqual(ingest.returncode, 0, ingest.stderr)
        self.assertTrue(os.path.exists(custom))
        self.assertFalse(os.path.exists(out + ".rejects.csv"))

    def test_input_errors_exit_2_with_clear_messages(self):
        empty = write(os.path.join(self.dir, "empty.csv"), "")
        result = run("stats", empty)
        self.assertEqual(result.returncode, 2)
        self.assertIn("empty.csv: the file is empty", result.stderr)
        missing = run("stats", os.path.join(self.dir, "absent.csv"))
        self.assertEqual(missing.returncode, 2)
        self.assertIn("cannot open", missing.stderr)
        corrupt = os.path.join(self.dir, "corrupt.mtc")
        with open(corrupt, "wb") as f:
            f.write(b"MTCASE\r\n\x05\x00\x00\x00junk")
        result = run("stats", corrupt)
        self.assertEqual(result.returncode, 2)
        self.assertIn("corrupt.mtc", result.stderr)

    def test_ingest_case_file_gives_the_same_stats(self):
        csv_path = write(os.path.join(self.dir, "g.csv"), GOOD)
        gz_path = os.path.join(self.dir, "g.csv.gz")
        with gzip.open(gz_path, "wt", encoding="utf-8") as f:
            f.write(GOOD)
        out = os.path.join(self.dir, "g.mtc")
        self.assertEqual(run("ingest", gz_path, "-o", out, "--quiet").returncode, 0)
        a = json.loads(run("stats", csv_path, "--format", "json").stdout)
        b = json.loads(run("stats", out, "--format", "json").stdout)
        for key in ["accounts", "transactions", "components", "degrees"]:
            self.assertEqual(a[key], b[key], key)
        # A case file and a CSV together.
        more = write(os.path.join(self.dir, "more.csv"),
                     "id,timestamp,from,to,amount,currency\nt9,2026-01-05T00:00:00Z,C,Q,1,CNY\n")
        both = json.loads(run("stats", out, more, "--format", "json").stdout)
        self.assertEqual(both["transactions"]["total"], 4)

    def test_inputs_are_hashed_as_read(self):
        # The SHA-256 in the provenance is the file's on disk (for gzip, the compressed bytes),
        # computed while reading: checked against hashlib.
        plain = write(os.path.join(self.dir, "h.csv"), GOOD)
        gz_path = os.path.join(self.dir, "h.csv.gz")
        # Two gzip members in one file read as one stream, as gzip -d reads them.
        half = GOOD.index("\n", len(GOOD) // 2) + 1
        with open(gz_path, "wb") as f:
            f.write(gzip.compress(GOOD[:half].encode()) + gzip.compress(GOOD[half:].encode()))
        accounts = write(os.path.join(self.dir, "h_accounts.csv"), "id,kind\nA,bank_card\n")
        result = run("stats", gz_path, "--accounts", accounts, "--format", "json", "--quiet")
        self.assertEqual(result.returncode, 0, result.stderr)
        inputs = json.loads(result.stdout)["provenance"]["inputs"]
        digest = lambda p: hashlib.sha256(open(p, "rb").read()).hexdigest()
        self.assertEqual([i["sha256"] for i in inputs], [digest(gz_path), digest(accounts)])
        a = json.loads(run("stats", plain, "--format", "json").stdout)
        b = json.loads(result.stdout)
        self.assertEqual(a["transactions"], b["transactions"])
        self.assertEqual(a["provenance"]["inputs"][0]["sha256"], digest(plain))
        case = os.path.join(self.dir, "h.mtc")
        self.assertEqual(run("ingest", plain, "-o", case, "--quiet").returncode, 0)
        c = json.loads(run("stats", case, "--format", "json").stdout)["provenance"]["inputs"]
        self.assertEqual(c[0]["sha256"], digest(case))
        self.assertEqual(c[1]["sha256"], digest(plain))
        # Bytes after the last gzip member are refused, not dropped.
        with open(gz_path, "ab") as f:
            f.write(b"trailing,bytes\n")
        bad = run("stats", gz_path, "--format", "json")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("after the end of the gzip stream", bad.stderr)

    def test_generate_is_deterministic(self):
        digests = []
        for name in ["a", "b"]:
            out = os.path.join(self.dir, name)
            result = run("generate", "--accounts", "800", "--transactions", "6000", "--groups", "2",
                         "--victims", "20", "--seed", "5", "-o", out)
            self.assertEqual(result.returncode, 0, result.stderr)
            h = hashlib.sha256()
            for f in sorted(os.listdir(out)):
                with open(os.path.join(out, f), "rb") as fh:
                    h.update(f.encode() + fh.read())
            digests.append(h.hexdigest())
        self.assertEqual(digests[0], digests[1])
        bad = run("generate", "--accounts", "0", "-o", os.path.join(self.dir, "c"))
        self.assertEqual(bad.returncode, 2)

    def test_running_out_of_memory_is_a_clear_message(self):
        if SANITIZED:
            self.skipTest("address-space limits do not apply to sanitizer builds")
        import resource

        def limit():
            resource.setrlimit(resource.RLIMIT_AS, (300 << 20, 300 << 20))

        result = subprocess.run([MONEYTRAIL, "generate", "--accounts", "2000000", "--transactions",
                                 "20000000", "-o", os.path.join(self.dir, "big")],
                                capture_output=True, text=True, preexec_fn=limit)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("out of memory", result.stderr)
        self.assertNotIn("terminate called", result.stderr)

    def test_killed_ingest_leaves_no_file_under_the_final_name(self):
        data = os.path.join(self.dir, "data")
        self.assertEqual(run("generate", "--accounts", "30000", "--transactions", "400000",
                             "-o", data).returncode, 0)
        out = os.path.join(self.dir, "case.mtc")
        killed_while_writing = False
        for _ in range(5):
            process = subprocess.Popen([MONEYTRAIL, "ingest", os.path.join(data, "transactions.csv"),
                                        "-o", out, "--quiet"])
            # The case file is written into ".case.mtc.XXXXXX.partial" (a random, exclusive name).
            def writing():
                return any(n.startswith(".case.mtc.") and n.endswith(".partial")
                           for n in os.listdir(self.dir))
            while process.poll() is None and not writing():
                pass
            if process.poll() is None:
                process.kill()
                process.wait()
                killed_while_writing = True
                self.assertFalse(os.path.exists(out), "a killed ingest left " + out)
                break
            os.remove(out)  # finished before we saw it writing; try again
        self.assertTrue(killed_while_writing, "never caught the ingest while writing")

    def test_one_megabyte_field(self):
        big = "x" * (1 << 20)
        path = write(os.path.join(self.dir, "wide.csv"),
                     "id,timestamp,from,to,amount,currency\n"
                     f"t1,2026-01-01T00:00:00Z,{big},B,1,CNY\n"
                     f"t2,2026-01-01T00:00:01Z,\"{big}\",C,2,CNY\n")
        stats = json.loads(run("stats", path, "--format", "json").stdout)
        self.assertEqual(stats["transactions"]["total"], 2)
        self.assertEqual(stats["accounts"]["total"], 3)

    def test_centrality_options_and_unknown_seeds(self):
        path = write(os.path.join(self.dir, "g.csv"), GOOD)
        result = run("centrality", path, "--measure", "pagerank", "--format", "csv")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "account,score")
        self.assertEqual(len(lines), 6)  # every account
        self.assertAlmostEqual(sum(float(l.split(",")[1]) for l in lines[1:]), 1.0, places=12)
        hits = run("centrality", path, "--measure", "hits", "--format", "csv", "--top", "2")
        self.assertEqual(hits.stdout.splitlines()[0], "account,hub,authority")
        self.assertEqual(len(hits.stdout.splitlines()), 3)
        seeds = write(os.path.join(self.dir, "seeds.txt"), "A\nnobody\n")
        bad = run("centrality", path, "--measure", "ppr", "--seeds", seeds)
        self.assertEqual(bad.returncode, 2)
        self.assertIn("seeds.txt:2: unknown account 'nobody'", bad.stderr)
        self.assertEqual(run("centrality", path, "--measure", "ppr").returncode, 2)
        self.assertEqual(run("centrality", path, "--measure", "ppr", "--seed-label", "victim").returncode, 2)
        self.assertEqual(run("centrality", path, "--measure", "closeness").returncode, 2)
        self.assertEqual(run("centrality", path, "--damping", "1.5").returncode, 2)
        self.assertEqual(run("centrality", path, "--weight", "heavy").returncode, 2)

    def test_trace_outputs_and_bad_input(self):
        path = write(os.path.join(self.dir, "g.csv"), GOOD)
        result = run("trace", path, "--tx", "t1", "--paths", "1")
        self.assertEqual(result.returncode, 0, result.stderr)
        j = json.loads(result.stdout)  # json when stdout is not a terminal
        self.assertEqual(list(j)[:7], ["policy", "direction", "seeds", "summary", "transactions",
                                       "accounts", "endpoints"])
        self.assertEqual(j["policy"], "fifo")
        self.assertEqual(j["seeds"], ["t1"])
        for key in ["seed_amount", "held", "fees", "accounts_reached", "transactions_traced",
                    "max_hop"]:
            self.assertIn(key, j["summary"])
        self.assertEqual(j["summary"]["seed_amount"], 100)
        self.assertEqual([t["id"] for t in j["transactions"]], ["t1", "t2"])
        self.assertEqual(set(j["transactions"][0]), {"id", "from", "to", "timestamp", "amount",
                                                     "traced", "hop", "currency", "value"})
        self.assertEqual(set(j["accounts"][0]), {"id", "kind", "received", "sent", "held",
                                                 "first_hop"})
        self.assertEqual(j["endpoints"][0]["account"], "C")
        self.assertEqual(j["endpoints"][0]["amount"], 98)
        self.assertEqual(j["paths"][0]["accounts"], ["A", "B", "C"])
        csv_out = run("trace", path, "--tx", "t1", "--format", "csv").stdout.splitlines()
        self.assertEqual(csv_out[0], "id,from,to,timestamp,amount,currency,traced,value,hop")
        self.assertEqual(len(csv_out), 3)
        table = run("trace", path, "--from", "A", "--format", "table", "--policy", "haircut")
        self.assertEqual(table.returncode, 0, table.stderr)
        self.assertIn("where the money is", table.stdout)
        back = run("trace", path, "--direction", "backward", "--tx", "t2", "--format", "json")
        self.assertEqual(back.returncode, 0, back.stderr)
        self.assertEqual(json.loads(back.stdout)["endpoints"][0]["account"], "A")
        out_file = os.path.join(self.dir, "trace.json")
        self.assertEqual(run("trace", path, "--tx", "t1", "-o", out_file).returncode, 0)
        with open(out_file) as f:
            self.assertEqual(json.load(f)["seeds"], ["t1"])
        sets = write(os.path.join(self.dir, "sets.txt"), "# victims\nt1\nt3\n")
        batch = run("trace", path, "--tx-file", sets, "--format", "json").stdout.splitlines()
        self.assertEqual([json.loads(l)["line"] for l in batch], [2, 3])
        # Bad input: clear errors, exit 2.
        unknown = run("trace", path, "--tx", "nope")
        self.assertEqual(unknown.returncode, 2)
        self.assertIn("unknown transaction id 'nope'", unknown.stderr)
        bad_sets = write(os.path.join(self.dir, "bad.txt"), "t1\nt9\n")
        bad = run("trace", path, "--tx-file", bad_sets)
        self.assertEqual(bad.returncode, 2)
        self.assertIn("bad.txt:2: unknown transaction id 't9'", bad.stderr)
        window = run("trace", path, "--from", "A", "--since", "2026-02-01")
        self.assertEqual(window.returncode, 2)
        self.assertIn("no debits in the window", window.stderr)
        self.assertEqual(run("trace", path, "--from", "C").returncode, 2)  # C never pays
        hops = run("trace", path, "--tx", "t1", "--max-hops", "0")
        self.assertEqual(hops.returncode, 2)
        self.assertIn("--max-hops", hops.stderr)
        self.assertEqual(run("trace", path, "--tx", "t1", "--policy", "random").returncode, 2)
        self.assertEqual(run("trace", path).returncode, 2)  # no seeds
        mixed = write(os.path.join(self.dir, "mixed.csv"),
                      GOOD + "t5,2026-01-01T00:30:00Z,W,B,10,USDT\n")
        no_rates = run("trace", mixed, "--tx", "t1")
        self.assertEqual(no_rates.returncode, 2)
        self.assertIn("account 'B' has flows in", no_rates.stderr)
        rates = write(os.path.join(self.dir, "rates.csv"),
                      "currency,timestamp,rate_to_base\nCNY,2026-01-01,1\nUSDT,2026-01-01,7\n")
        with_rates = run("trace", mixed, "--tx", "t1", "--rates", rates)
        self.assertEqual(with_rates.returncode, 0, with_rates.stderr)

    def test_communities_outputs_and_errors(self):
        # Two triangles joined by one transfer: Louvain and Leiden split them, Q = 6/7 - 1/2.
        rows = ["id,timestamp,from,to,amount,currency"]
        for i, (u, v) in enumerate([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"),
                                    ("d", "f"), ("c", "d")]):
            rows.append(f"t{i},{i},{u},{v},1,CNY")
        path = write(os.path.join(self.dir, "tri.csv"), "\n".join(rows) + "\n")
        out = os.path.join(self.dir, "c.csv")
        for method in ["louvain", "leiden"]:
            result = run("communities", path, "--method", method, "--weight", "none", "-o", out,
                         "--quiet")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("communities: 2", result.stdout)
            self.assertIn("modularity: 0.357143", result.stdout)
            with open(out) as f:
                lines = f.read().splitlines()
            self.assertEqual(lines[0], "account,community")
            membership = dict(line.split(",") for line in lines[1:])
            self.assertEqual(len(membership), 6)
            self.assertEqual(membership["a"], membership["c"])
            self.assertNotEqual(membership["a"], membership["d"])
        for method, summary in [("wcc", "communities: 1"), ("scc", "communities: 6"),
                                ("lpa", "communities:"), ("kcore", "max core: 2")]:
            result = run("communities", path, "--method", method, "--quiet")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue(result.stdout.startswith("account,community\n"), method)
            self.assertIn(summary, result.stderr, method)
        for bad, message in [(["--resolution", "0"], "--resolution must be above 0"),
                             (["--method", "girvan"], "unknown --method 'girvan'"),
                             (["--objective", "surprise"], "unknown --objective"),
                             (["--weight", "weird"], "unknown --weight"),
                             (["--links"], "links were asked for but the data have none")]:
            result = run("communities", path, "--quiet", *bad)
            self.assertEqual(result.returncode, 2, bad)
            self.assertIn(message, result.stderr)
        self.assertFalse(any(n.endswith(".partial") for n in os.listdir(self.dir)))

    def test_clusters_report(self):
        case = os.path.join(self.dir, "case")
        self.assertEqual(run("generate", "--accounts", "5000", "--transactions", "50000",
                             "--groups", "2", "--victims", "60", "-o", case).returncode, 0)
        inputs = [os.path.join(case, "transactions.csv"), "--accounts",
                  os.path.join(case, "accounts.csv"), "--rates", os.path.join(case, "rates.csv"),
                  "--quiet"]
        result = run("clusters", *inputs, "--format", "json", "--top", "2")
        self.assertEqual(result.returncode, 0, result.stderr)
        report = json.loads(result.stdout)
        for key in ["core_accounts", "core_communities", "core_modularity", "flow_blocks",
                    "clusters"]:
            self.assertIn(key, report)
        self.assertEqual(len(report["clusters"]), 2)
        for key in ["rank", "community", "size", "kinds", "internal_value", "through_value",
                    "in_value", "out_value", "pass_through", "median_dwell_seconds",
                    "victim_sources", "victim_value", "cash_out_links", "cash_out_value",
                    "platform_share", "crypto_share", "score", "reasons", "members"]:
            self.assertIn(key, report["clusters"][0])
        self.assertGreaterEqual(report["clusters"][0]["score"], report["clusters"][1]["score"])
        csv_out = run("clusters", *inputs, "--format", "csv", "--top", "3")
        self.assertEqual(csv_out.returncode, 0, csv_out.stderr)
        self.assertTrue(csv_out.stdout.startswith("rank,community,size,kinds,"))
        self.assertEqual(len(csv_out.stdout.splitlines()), 4)
        table = run("clusters", *inputs, "--format", "table", "--top", "1",
                    "--members", os.path.join(self.dir, "members.csv"),
                    "--export", os.path.join(self.dir, "top.gexf"))
        with open(os.path.join(self.dir, "top.gexf"), encoding="utf-8") as f:
            self.assertIn('<gexf xmlns="http://www.gexf.net/1.2draft"', f.read())
        self.assertEqual(table.returncode, 0, table.stderr)
        self.assertIn("#1  score", table.stdout)
        with open(os.path.join(self.dir, "members.csv")) as f:
            self.assertEqual(f.readline().strip(), "account,rank,community")
        for bad in [["--resolution", "-1"], ["--attach-share", "0"], ["--format", "xml"],
                    ["--alpha", "-2"]]:
            result = run("clusters", *inputs, *bad)
            self.assertEqual(result.returncode, 2, bad)

    def test_demo_runs(self):
        result = run("demo", "--dir", os.path.join(self.dir, "demo"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Try next", result.stdout)
        self.assertTrue(os.path.exists(os.path.join(self.dir, "demo", "case.mtc")))


if __name__ == "__main__":
    MONEYTRAIL = os.path.abspath(sys.argv.pop(1))
    if len(sys.argv) > 1 and sys.argv[1].startswith("--sanitizer="):
        SANITIZED = sys.argv.pop(1) != "--sanitizer="
    unittest.main(verbosity=2)
