"""What the end-to-end scripts that print one `ok`/`FAIL` line per check share: running the
moneytrail binary (the script's first argument), recording checks, and the exit status.

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    from cli_checks import run, expect, finish
"""
import subprocess
import sys

MONEYTRAIL = sys.argv[1] if len(sys.argv) > 1 else "moneytrail"
FAILURES = []


def run(*args, env=None, check=True):
    """moneytrail ARGS; with check, a non-zero exit stops the script with its stderr."""
    r = subprocess.run([MONEYTRAIL, *args], capture_output=True, text=True, env=env)
    if check and r.returncode != 0:
        raise SystemExit(f"moneytrail {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


def expect(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        FAILURES.append(message)


def finish():
    """Exit 1 when any check failed."""
    if FAILURES:
        print(f"{len(FAILURES)} failed")
        sys.exit(1)
