#!/usr/bin/env python3
"""Bank statements end to end: the generator's per-bank statement retrievals (two layouts, a third
of the banks without serial numbers, payee bookings up to a minute late, one row in a thousand
missing) ingested and merged:
  * at least 99 % of the transfers seen from both sides are merged, and no merged pair joins rows
    of two different transfers (checked against statements/truth_statement_rows.csv);
  * the same statement re-encoded as GBK reads to the same case; an .xlsx workbook reads;
  * a trace runs on the merged statements;
  * bad input: an unknown direction under --strict names file:line: direction; a header-only
    statement loads as empty; a file that is not a statement under --format cn-bank-statement
    is refused.

usage: statements_cli_test.py PATH/TO/moneytrail
"""
import collections
import csv
import json
import os
import sys
import tempfile

# tests/ (where cli_checks.py lives), however deep this file sits under it.
TESTS = os.path.dirname(os.path.abspath(__file__))
while not os.path.exists(os.path.join(TESTS, "cli_checks.py")):
    TESTS = os.path.dirname(TESTS)
sys.path.insert(0, TESTS)
from cli_checks import expect, finish, run  # noqa: E402


def stats(case):
    return json.loads(run("stats", case, "--format", "json").stdout)


def main():
    with tempfile.TemporaryDirectory() as d:
        run("generate", "--seed", "2", "--statements", "-o", d)
        folder = os.path.join(d, "statements")
        banks = sorted(os.path.join(folder, f) for f in os.listdir(folder)
                       if f.endswith(".csv") and not f.startswith("truth"))
        case = os.path.join(d, "st.mtc")
        matches = os.path.join(d, "matches.csv")
        r = run("ingest", *banks, "-o", case, "--statement-matches", matches)
        truth, sides = {}, collections.Counter()
        with open(os.path.join(folder, "truth_statement_rows.csv"), newline="") as f:
            for row in csv.DictReader(f):
                truth[(row["file"], int(row["line"]))] = row["transaction"]
                sides[row["transaction"]] += 1
        two_sided = sum(1 for n in sides.values() if n == 2)
        right = wrong = 0
        with open(matches, newline="") as f:
            for m in csv.DictReader(f):
                a = truth[(os.path.basename(m["payer_file"]), int(m["payer_line"]))]
                b = truth[(os.path.basename(m["payee_file"]), int(m["payee_line"]))]
                right += a == b
                wrong += a != b
        print(f"     {two_sided} transfers seen from both sides: {right} merged correctly "
              f"({100 * right / two_sided:.2f} %), {wrong} false merges")
        expect(right >= 0.99 * two_sided, "at least 99 % of two-sided transfers merged")
        expect(wrong == 0, "no false merges")
        expect("balance gaps" in r.stderr, "missing rows show up as balance gaps")
        s = stats(case)
        expect(s["transactions"]["total"] == len(sides) - (two_sided - right),
               f"one transaction per transfer ({s['transactions']['total']})")

        # The same statement as GBK reads to the same rows.
        gbk_dir = os.path.join(d, "gbk")
        os.mkdir(gbk_dir)
        with open(banks[0], encoding="utf-8") as f:
            text = f.read()
        gbk = os.path.join(gbk_dir, os.path.basename(banks[0]))
        with open(gbk, "w", encoding="gbk", newline="") as f:
            f.write(text)
        utf8_case, gbk_case = os.path.join(d, "u.mtc"), os.path.join(d, "g.mtc")
        run("ingest", banks[0], "-o", utf8_case, "-q")
        run("ingest", gbk, "-o", gbk_case, "-q")
        expect(stats(utf8_case)["transactions"] == stats(gbk_case)["transactions"],
               "a GBK statement reads to the same transactions as its UTF-8 original")

        # A trace on the merged statements: the first victim payment that kept its serial.
        ids = set()
        with open(os.path.join(d, "truth_transactions.csv"), newline="") as f:
            for row in csv.DictReader(f):
                if row["stage"] == "victim_payment":
                    ids.add(row["id"])
        traced = None
        for victim_tx in sorted(ids):
            t = run("trace", case, "--tx", victim_tx, "--format", "json", check=False)
            if t.returncode == 0:
                traced = json.loads(t.stdout)
                break
        expect(traced is not None and len(traced.get("endpoints", traced.get("accounts", []))) > 0,
               "a victim's payment traces through the merged statements")

        # Reproducibility: JSON outputs and graph files record the version, the command line and
        # each input's SHA-256; a case file keeps its inputs' hashes.
        import hashlib
        digest = hashlib.sha256(open(banks[0], "rb").read()).hexdigest()
        p = json.loads(run("stats", banks[0], "--format", "json", "-q").stdout)["provenance"]
        expect(p["inputs"][0]["sha256"] == digest and p["command_line"].startswith("moneytrail stats")
               and p["moneytrail"], "stats JSON records the command line and the input's SHA-256")
        p = stats(utf8_case)["provenance"]
        case_digest = hashlib.sha256(open(utf8_case, "rb").read()).hexdigest()
        expect(p["inputs"][0]["format"] == "case" and p["inputs"][0]["sha256"] == case_digest,
               "a loaded case file is hashed itself")
        expect(p["inputs"][1]["sha256"] == digest, "a case file keeps its inputs' SHA-256")
        graphml = os.path.join(d, "ego.graphml")
        with open(banks[0], encoding="utf-8") as f:
            in_bank = {row[0] for row in list(csv.reader(f))[1:]}
        with open(os.path.join(d, "transactions.csv"), encoding="utf-8") as f:
            # An account of the first bank that pays someone: trace needs a debit to start from.
            account = next(r["from"] for r in csv.DictReader(f) if r["from"] in in_bank)
        run("export", utf8_case, "--select", f"ego:{account}:1", "--to", "graphml", "-o", graphml)
        expect(digest in open(graphml, encoding="utf-8").read(),
               "a graph file records its inputs' SHA-256")
        # CSV outputs carry the same as '#' lines on request, and moneytrail still reads them.
        scores = os.path.join(d, "scores.csv")
        run("score", utf8_case, "--csv-provenance", "-o", scores, "-q")
        lines = open(scores, encoding="utf-8").read().splitlines()
        comments = [l for l in lines if l.startswith("#")]
        expect(lines[0].startswith("# moneytrail ") and lines[1].startswith("# command: moneytrail score")
               and any(case_digest in l for l in comments) and any(digest in l for l in comments)
               and lines[len(comments)] == "account,score,reasons,degree,kind",
               "score --csv-provenance: version, command line and SHA-256 lines above the header")
        plain = os.path.join(d, "plain.csv")
        run("score", utf8_case, "-o", plain, "-q")
        expect(open(plain, encoding="utf-8").readline().startswith("account,score"),
               "without --csv-provenance the CSV starts with its header")
        r = run("export", utf8_case, "--select", "top:3", "--scores", scores, "--to", "graphml",
                "-o", os.path.join(d, "top.graphml"), check=False)
        expect(r.returncode == 0, "a scores file with provenance lines reads back")
        r = run("trace", utf8_case, "--from", account, "--format", "csv", "--csv-provenance",
                check=False)
        expect(r.returncode == 0 and r.stdout.startswith("# moneytrail ")
               and case_digest in r.stdout, "trace CSV with provenance lines")

        # Bad input.
        header = "交易卡号,交易时间,交易金额,借贷标志,交易余额,对手账号\n"
        bad = os.path.join(d, "bad.csv")
        with open(bad, "w", encoding="utf-8") as f:
            f.write(header + "6222001,2024-03-01 10:00:00,10,借,90,6222002\n"
                             "6222001,2024-03-01 11:00:00,10,退回,80,6222002\n")
        r = run("ingest", bad, "-o", os.path.join(d, "bad.mtc"), "--strict", check=False)
        expect(r.returncode == 2 and f"{bad}:3: direction" in r.stderr,
               f"unknown direction under --strict: {r.stderr.strip()[:120]!r}")
        r = run("ingest", bad, "-o", os.path.join(d, "bad.mtc"), check=False)
        expect(r.returncode == 0 and "rejected 1 of 2 rows" in r.stderr,
               "without --strict the row is rejected, counted and written out")
        empty = os.path.join(d, "empty.csv")
        with open(empty, "w", encoding="utf-8") as f:
            f.write(header)
        r = run("ingest", empty, "-o", os.path.join(d, "empty.mtc"), check=False)
        expect(r.returncode == 0 and stats(os.path.join(d, "empty.mtc"))["transactions"]["total"] == 0,
               "a header-only statement loads as an empty case")
        r = run("ingest", os.path.join(d, "transactions.csv"), "--format", "cn-bank-statement",
                "-o", os.path.join(d, "x.mtc"), check=False)
        expect(r.returncode == 2 and "no statement header" in r.stderr,
               "a file that is not a statement is refused under --format cn-bank-statement")

        try:
            import openpyxl
        except ImportError:
            print("skip .xlsx: python3-openpyxl is not installed")
            openpyxl = None
        if openpyxl:
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.append(["交易卡号", "交易时间", "交易金额", "借贷标志", "交易余额", "对手账号"])
            ws.append(["6222000000000005", "2024-03-01 09:00:00", 300.5, "借", 700, "6222000000000006"])
            ws.append(["6222000000000005", "2024-03-01 09:30:00", 200, "贷", 900, "6222000000000007"])
            book = os.path.join(d, "statement.xlsx")
            wb.save(book)
            r = run("ingest", book, "-o", os.path.join(d, "x.mtc"), check=False)
            expect(r.returncode == 0 and stats(os.path.join(d, "x.mtc"))["transactions"]["total"] == 2,
                   f"an .xlsx statement reads ({r.stderr.strip()[:100]!r})")
    finish()


if __name__ == "__main__":
    main()
