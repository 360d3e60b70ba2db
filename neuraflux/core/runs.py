"""Training-run folders: what is in one, how steps and pointers are named, metrics.jsonl.

A run folder holds `step-NNNNNNN/` checkpoint folders (each with `training_state.pt`),
`latest` and `best` pointer files naming one of them, `metrics.jsonl`, `tokenizer.json` and the
prepared `data/`. Only the torch backend trains, but reading a run needs no backend.
"""
import json
import math
import os
import re
import shutil

from .io import read_pointer_file, write_text_atomic

STATE_FILE = "training_state.pt"
METRICS_FILE = "metrics.jsonl"
RUN_FILES = (METRICS_FILE, "latest", "best")
STEP_FOLDER = re.compile(r"step-\d+")
STALE_SAVE = re.compile(r"\.step-\d+\..*\.tmp|step-\d+\.old")  # what save_checkpoint leaves when killed


def step_name(step):
    return f"step-{step:07d}"


def step_folders(run_dir):
    """The run's step folder names, newest first."""
    return sorted((n for n in os.listdir(run_dir) if STEP_FOLDER.fullmatch(n)), reverse=True)


def read_pointer(run_dir, name):
    """The step folder a pointer file (`latest`, `best`) names, if it holds a complete step."""
    target = read_pointer_file(os.path.join(run_dir, name))
    if not target or not STEP_FOLDER.fullmatch(target):
        return None
    return target if os.path.isfile(os.path.join(run_dir, target, STATE_FILE)) else None


def write_pointer(run_dir, name, target):
    write_text_atomic(os.path.join(run_dir, name), target + "\n")


def existing_run(run_dir):
    """The training-run files and step folders already in `run_dir` (empty when none)."""
    if not os.path.isdir(run_dir):
        return []
    return sorted(n for n in os.listdir(run_dir) if n in RUN_FILES or STEP_FOLDER.fullmatch(n))


def clear_run(run_dir):
    """Remove what a previous run wrote (checkpoints, pointers, metrics) for --overwrite; other
    files in the folder are left alone."""
    for name in existing_run(run_dir):
        path = os.path.join(run_dir, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.remove(path)


def clean_stale(run_dir):
    """Remove leftovers of saves that were killed half-way (they are never pointed to)."""
    for name in os.listdir(run_dir):
        if STALE_SAVE.fullmatch(name):
            shutil.rmtree(os.path.join(run_dir, name), ignore_errors=True)


def _row_step(line):
    """The step of one metrics.jsonl line; a blank or damaged line (a kill mid-write) counts as
    past every step, so it is dropped on resume."""
    try:
        row = json.loads(line)
        return row["step"] if isinstance(row.get("step"), int) else math.inf
    except (ValueError, AttributeError, RecursionError):
        return math.inf


class MetricsLog:
    """metrics.jsonl: one JSON object per line, flushed after every write. Resuming at step N
    keeps the rows up to N; a fresh run starts an empty file."""

    def __init__(self, path, resume_step=None):
        self.path = path
        if resume_step is not None and os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as handle:
                rows = [line for line in handle if _row_step(line) <= resume_step]
            write_text_atomic(path, "".join(rows))
        elif resume_step is None and os.path.exists(path):
            os.remove(path)
        self._handle = open(path, "a", encoding="utf-8")

    def write(self, row):
        self._handle.write(json.dumps(row) + "\n")
        self._handle.flush()

    def close(self):
        self._handle.close()
