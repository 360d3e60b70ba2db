"""Helpers shared by the benchmark scripts: timing, tables, optional reference imports."""
import glob
import importlib
import os
import platform
import re
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def python_docs_dev_splits():
    """The Python-docs dev splits that benchmarks/qa ships ("dev", "dev2", "dev3", "dev5"…), in
    number order: the question files the answer weights are tuned on."""
    names = [re.fullmatch(r"python_docs_(dev\d*)\.jsonl", os.path.basename(path)).group(1)
             for path in glob.glob(os.path.join(ROOT, "benchmarks", "qa", "python_docs_dev*.jsonl"))]
    return sorted(names, key=lambda name: int(name[3:] or 1))


def cpu_time(func, *args, repeat=1, **kwargs):
    """(best CPU seconds over `repeat` runs, last result)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = func(*args, **kwargs)
        best = min(best, time.process_time() - start)
    return best, result


def optional(module):
    """Import a reference implementation if installed, else None (the row says 'not installed')."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def print_table(title, header, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    print(f"\n### {title}\n")
    print("| " + " | ".join(str(h).ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(x).ljust(w) for x, w in zip(row, widths)) + " |")


def machine_line():
    return (f"Python {platform.python_version()} ({platform.python_implementation()}), {platform.machine()}, "
            f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "")
