#!/usr/bin/env python3
"""End-to-end checks of `moneytrail evaluate`: metric values against hand computation, both truth
layouts, the k list, output formats, and exit code 2 with file:line for bad truth files.

usage: evaluate_cli_test.py PATH/TO/moneytrail
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

MONEYTRAIL = None


def run(*args):
    # Exact figures, to compare with hand computation (by default they are shown to 6 digits).
    return subprocess.run([MONEYTRAIL, "evaluate", *args, "--full-precision"], capture_output=True,
                          text=True)


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


# Ranked by score: a (+), b (-), c (+), d (-); u has no label. By degree: b, c, d, a, u.
SCORES = ("# moneytrail score case.mtc, \"provenance\"\n"
          "account,score,reasons,degree\n"
          "a,0.9,\"fan-in 12; relays 98%, within 1h\",1\n"
          "b,0.8,,5\n"
          "c,0.7,\"a, b\",3\n"
          "d,0.6,,2\n"
          "u,0.5,,9\n")
TRUTH = "account,label\na,1\nb,0\nc,yes\nd,clean\n"


class EvaluateTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name, text):
        return write(os.path.join(self.dir, name), text)

    def evaluate_json(self, *args):
        result = run(*args, "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_metrics_match_hand_computation(self):
        scores, truth = self.path("scores.csv", SCORES), self.path("truth.csv", TRUTH)
        out = self.evaluate_json(scores, truth, "--k", "1,2,3")
        self.assertEqual(out["scores_file"], scores)
        self.assertEqual(out["truth_file"], truth)
        self.assertEqual((out["accounts"], out["positives"], out["unlabelled"]), (4, 2, 1))
        # Thresholds 0.9: P 1, R 1/2; 0.8: P 1/2, R 1/2; 0.7: P 2/3, R 1; 0.6: P 1/2, R 1.
        # AP = 1/2 * 1 + 1/2 * 2/3 = 5/6.
        self.assertAlmostEqual(out["pr_auc"], 5 / 6, places=12)
        self.assertAlmostEqual(out["positive_rate"], 0.5)
        # F1 = 2 tp / (flagged + 2): 2/3, 2/4, 4/5, 4/6 -> 0.8 at >= 0.7, flagging 3.
        self.assertAlmostEqual(out["best_f1"], 0.8)
        self.assertAlmostEqual(out["best_f1_threshold"], 0.7)
        self.assertEqual([(r["k"], r["precision"], r["recall"]) for r in out["at_k"]],
                         [(1, 1.0, 0.5), (2, 0.5, 0.5), (3, 2 / 3, 1.0)])
        # Degree ranks b (-), c (+), d (-), a (+): AP = 1/2 * 1/2 + 1/2 * 2/4 = 1/2.
        # F1: 0/3, 2/4, 2/5, 4/6 -> 2/3 flagging all four (degree >= 1).
        base = out["baseline"]
        self.assertEqual(base["name"], "degree")
        self.assertAlmostEqual(base["pr_auc"], 0.5, places=12)
        self.assertAlmostEqual(base["best_f1"], 2 / 3, places=12)
        self.assertEqual([(r["k"], r["precision"], r["recall"]) for r in base["at_k"]],
                         [(1, 0.0, 0.0), (2, 0.5, 0.5), (3, 1 / 3, 0.5)])

    def test_default_ks_are_clamped_and_include_the_positives(self):
        out = self.evaluate_json(self.path("s.csv", SCORES), self.path("t.csv", TRUTH))
        # 10, 100, 1000 clamp to the 4 labelled accounts; k = 2 positives is added.
        self.assertEqual([r["k"] for r in out["at_k"]], [2, 4])

    def test_ties_and_no_degree_column(self):
        scores = self.path("s.csv", "account,score\nx,0.5\ny,0.5\nz,0.1\n")
        # Tie at 0.5 is one threshold: P 1/2, R 1/2; then 0.1: P 2/3, R 1. AP = 1/4 + 1/3.
        for truth in ["account,label\nx,1\ny,0\nz,1\n", "account,label\nx,0\ny,1\nz,1\n"]:
            out = self.evaluate_json(scores, self.path("t.csv", truth))
            self.assertAlmostEqual(out["pr_auc"], 7 / 12, places=12)
            self.assertNotIn("baseline", out)

    def test_generator_truth_layout(self):
        scores = self.path("s.csv", "account,score\n" + "".join(
            f"{a},{s}\n" for a, s in [("m", 6), ("atm", 5), ("x", 4), ("n", 3), ("v", 2),
                                      ("r", 1)]))
        truth = self.path("truth_accounts.csv", "account,role,group,tier,commission\n"
                          "m,mule,0,1,\natm,cash_out,,,\nx,cash_out,0,,\nn,normal,,,\n"
                          "v,victim,0,,\nr,running_points,0,,0.0150\n")
        out = self.evaluate_json(scores, truth)
        # Positives m, x, r (the ATM has no group). Ranked + - + - - +:
        # AP = 1/3 * 1 + 1/3 * 2/3 + 1/3 * 3/6 = (6 + 4 + 3) / 18 = 13/18.
        self.assertEqual(out["positives"], 3)
        self.assertAlmostEqual(out["pr_auc"], 13 / 18, places=12)

    def test_csv_and_table_formats(self):
        scores, truth = self.path("s.csv", SCORES), self.path("t.csv", TRUTH)
        result = run(scores, truth, "--format", "csv", "--k", "2")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "metric,model,degree_baseline")
        rows = {line.split(",")[0]: line.split(",")[1:] for line in lines[1:]}
        self.assertAlmostEqual(float(rows["pr_auc"][0]), 5 / 6, places=12)
        self.assertAlmostEqual(float(rows["pr_auc"][1]), 0.5, places=12)
        self.assertEqual(rows["precision@2"], ["0.5", "0.5"])
        table = run(scores, truth, "--format", "table")
        self.assertEqual(table.returncode, 0, table.stderr)
        self.assertIn("pr_auc", table.stdout)
        self.assertIn("degree baseline", table.stdout)

    def test_unknown_truth_account_names_file_and_line(self):
        scores = self.path("s.csv", SCORES)
        truth = self.path("t.csv", "account,label\na,1\nzz,0\n")
        result = run(scores, truth)
        self.assertEqual(result.returncode, 2)
        self.assertIn(truth + ":3: account: account 'zz' is not in the scores file", result.stderr)

    def test_bad_label_names_file_and_line(self):
        truth = self.path("t.csv", "account,label\na,1\nb,perhaps\n")
        result = run(self.path("s.csv", SCORES), truth)
        self.assertEqual(result.returncode, 2)
        self.assertIn(truth + ":3: label: bad label 'perhaps'", result.stderr)

    def test_bad_score_and_usage_errors(self):
        scores = self.path("s.csv", "account,score\na,1\nb,high\n")
        result = run(scores, self.path("t.csv", TRUTH))
        self.assertEqual(result.returncode, 2)
        self.assertIn(scores + ":3: score: bad score 'high'", result.stderr)
        good = self.path("g.csv", SCORES)
        self.assertEqual(run(good, self.path("t.csv", TRUTH), "--format", "xml").returncode, 2)
        self.assertEqual(run(good).returncode, 2)
        self.assertEqual(run(good, self.path("t.csv", TRUTH), "--k", "0").returncode, 2)
        help_result = run("--help")
        self.assertEqual(help_result.returncode, 0)
        self.assertIn("usage: moneytrail evaluate", help_result.stdout)


if __name__ == "__main__":
    MONEYTRAIL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
