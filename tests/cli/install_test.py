"""The installed tree and the Debian package work on their own.

  install_test.py BUILD_DIR SOURCE_DIR

- `cmake --install` into a prefix, the prefix moved elsewhere (no path into the build or source
  tree may be needed), its moneytrail runs the demo, HTML report included (cytoscape.js found
  beside the program), with the man pages and completions in place;
- examples/installed builds against the prefix with find_package(moneytrail) and runs;
- `cpack -G DEB` makes a package whose contents (dpkg-deb -x) run the demo the same way, and
  whose Depends name the shared libraries the program needs.
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

failures = []


def expect(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def clean_env():
    env = dict(os.environ)
    env.pop("MONEYTRAIL_WEB_DIR", None)
    return env


def demo_runs(binary, work, label):
    demo = os.path.join(work, "demo-" + label)
    r = run([binary, "demo", "--dir", demo], cwd=work, env=clean_env())
    expect(r.returncode == 0, f"{label}: moneytrail demo exits 0 ({r.stderr.strip()[-200:]})")
    html = os.path.join(demo, "victim-trace.html")
    ok = os.path.exists(html) and "cytoscape" in open(html, encoding="utf-8").read(200000)
    expect(ok, f"{label}: the demo's HTML report inlines cytoscape.js found beside the program")


def main():
    build, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as work:
        prefix = os.path.join(work, "prefix")
        r = run(["cmake", "--install", build, "--prefix", prefix])
        expect(r.returncode == 0, "cmake --install " + r.stderr[-200:])
        moved = os.path.join(work, "moved")
        shutil.move(prefix, moved)  # relocatable: nothing points back at the prefix or the tree
        binary = os.path.join(moved, "bin", "moneytrail")
        demo_runs(binary, work, "installed tree")
        pages = glob.glob(os.path.join(moved, "share", "man", "man1", "moneytrail*.1"))
        expect(len(pages) >= 12, f"{len(pages)} man pages installed")
        if shutil.which("man"):
            r = run(["man", "-l", os.path.join(moved, "share", "man", "man1", "moneytrail-trace.1")],
                    env={**clean_env(), "MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"})
            expect(r.returncode == 0 and "--policy" in r.stdout.replace("\u2010", "-"),
                   "man renders moneytrail-trace(1) with its options")
        completion = os.path.join(moved, "share", "bash-completion", "completions", "moneytrail")
        r = run(["bash", "-c", f"source {completion}; COMP_WORDS=(moneytrail trace --policy '');"
                 " COMP_CWORD=3; _moneytrail; echo ${COMPREPLY[@]}"])
        expect(r.returncode == 0 and "tainted-first" in r.stdout,
               "bash completion offers the policies after trace --policy")
        expect(os.path.exists(os.path.join(moved, "share", "zsh", "vendor-completions", "_moneytrail")),
               "zsh completion installed")

        # A C++ user of the library.
        csv = os.path.join(work, "t.csv")
        with open(csv, "w") as f:
            f.write("id,timestamp,from,to,amount,currency\n"
                    "t1,2026-01-01T00:00:00Z,A,B,100,CNY\nt2,2026-01-01T01:00:00Z,B,C,60,CNY\n")
        example = os.path.join(work, "example")
        r = run(["cmake", "-S", os.path.join(source, "examples", "installed"), "-B", example,
                 "-DCMAKE_PREFIX_PATH=" + moved, "-DCMAKE_BUILD_TYPE=Release"])
        expect(r.returncode == 0, "examples/installed configures with find_package(moneytrail) "
               + r.stderr[-300:])
        r = run(["cmake", "--build", example, "-j", "2"])
        expect(r.returncode == 0, "examples/installed builds against the installed library "
               + r.stdout[-300:] + r.stderr[-300:])
        r = run([os.path.join(example, "where_it_went"), csv, "t1"])
        expect(r.returncode == 0 and "100.00 CNY" in r.stdout and "60.00" in r.stdout,
               "the example traces t1: " + r.stdout.strip().replace("\n", " | "))

        # The Debian package.
        packages = os.path.join(work, "packages")
        r = run(["cpack", "-G", "DEB", "-B", packages, "--config",
                 os.path.join(build, "CPackConfig.cmake")], cwd=build)
        debs = glob.glob(os.path.join(packages, "*.deb"))
        expect(r.returncode == 0 and len(debs) == 1, "cpack -G DEB makes one package "
               + r.stdout[-300:] + r.stderr[-300:])
        if debs:
            info = run(["dpkg-deb", "-f", debs[0], "Depends"]).stdout
            expect("libprotobuf" in info and "libboost-program-options" in info,
                   "the package depends on its shared libraries: " + info.strip())
            root = os.path.join(work, "root")
            r = run(["dpkg-deb", "-x", debs[0], root])
            expect(r.returncode == 0, "dpkg-deb -x unpacks it")
            demo_runs(os.path.join(root, "usr", "bin", "moneytrail"), work, "Debian package")
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
