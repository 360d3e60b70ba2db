"""CLI start-up as the user feels it: process start to exit for `info`, `search`, `ask` (over
the knowledge base, and with --docs over a folder already indexed: the standard library's json,
email, logging and http packages, whose files are read again to find changes) and a piped `chat`,
median of 5 runs each, and whether the command imported torch (it is installed). The reference is
a bare `python -c pass` measured in the same run.

    python benchmarks/bench_startup.py
"""
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time

from common import ROOT, machine_line, print_table


def timed(argv, stdin=""):
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(argv, input=stdin, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def imports_torch(argv, stdin=""):
    trace = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], input=stdin, capture_output=True, text=True,
                           cwd=ROOT).stderr
    return any(line.rsplit("|", 1)[-1].strip() == "torch" for line in trace.splitlines() if "|" in line)


def main():
    cache = tempfile.mkdtemp(prefix="bench-startup-")
    os.environ["NEURAFLUX_CACHE"] = cache
    docs = os.path.join(cache, "docs")
    os.makedirs(docs)
    with open(os.path.join(docs, "a.md"), "w") as handle:
        handle.write("# Server\n\nThe server listens on port 7431.\n")
    index = os.path.join(cache, "a.sqlite")
    py = [sys.executable, "-m", "neuraflux"]
    subprocess.run(py + ["index", "--docs", docs, "--index", index], capture_output=True, cwd=ROOT, check=True)
    subprocess.run(py + ["ask", "warm the knowledge base"], capture_output=True, cwd=ROOT)
    modules = os.path.join(cache, "modules")
    for package in ("json", "email", "logging", "http"):
        shutil.copytree(os.path.join(sysconfig.get_paths()["stdlib"], package), os.path.join(modules, package),
                        ignore=shutil.ignore_patterns("__pycache__"))
    asked_of_modules = py + ["ask", "How do I parse a JSON string?", "--docs", modules]
    subprocess.run(asked_of_modules, capture_output=True, cwd=ROOT)  # indexes the folder
    commands = {"python -c pass (reference)": ([sys.executable, "-c", "pass"], ""),
                "neuraflux info": (py + ["info"], ""),
                "neuraflux search": (py + ["search", "--index", index, "port"], ""),
                "neuraflux ask (extractive)": (py + ["ask", "What does the pass statement do?"], ""),
                "neuraflux ask --docs (75 stdlib modules, indexed)": (asked_of_modules, ""),
                "neuraflux chat (piped, one question)": (py + ["chat"], "What does the pass statement do?\n")}
    rows = [[name, f"{timed(argv, stdin):.0f}", "-" if "reference" in name else str(imports_torch(argv, stdin))]
            for name, (argv, stdin) in commands.items()]
    print(machine_line())
    print_table("process start to exit (ms, median of 5)", ["command", "ms", "imports torch"], rows)


if __name__ == "__main__":
    main()
