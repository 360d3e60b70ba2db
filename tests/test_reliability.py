"""Regression tests for the ways a command could lose or silently change a user's data, and for
faults (disk full, a kill mid-save, damaged files) that must end in one clear line."""
import contextlib
import errno
import io
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time

import pytest

from conftest import BACKENDS, ROOT, requires_torch, run_cli
from neuraflux.cli import main
from neuraflux.core.checkpoint import load_checkpoint, save_checkpoint
from neuraflux.core.config import preset
from neuraflux.core.errors import GenerationError, RetrievalError
from neuraflux.core.init import init_tensors
from neuraflux.core.safetensors import SafeTensorsFile, Tensor, save_file

CONFIG = preset("tiny", vocab_size=300, max_seq_len=16, hidden_size=16, intermediate_size=32)
TEXT = "The server listens on port 7431. The pass statement does nothing at all. " * 30


def cli(*argv):
    """(exit code, stdout, stderr) of the CLI run in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def one_error(result, *fragments):
    code, _, err = result
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and lines[0].startswith("neuraflux: error:"), result
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


# -- init ------------------------------------------------------------------------------------
def test_init_refuses_a_non_empty_folder_and_force_keeps_foreign_files(tmp_path):
    target = tmp_path / "mine"
    (target / "sub").mkdir(parents=True)
    (target / "notes.txt").write_text("my notes")
    (target / "sub" / "keep.md").write_text("keep me")
    one_error(cli("init", "--out", target, "--backend", "lite"), "not empty", "--force")
    assert sorted(os.listdir(target)) == ["notes.txt", "sub"]
    assert cli("init", "--out", target, "--backend", "lite", "--force")[0] == 0
    assert (target / "notes.txt").read_text() == "my notes" and (target / "sub" / "keep.md").read_text() == "keep me"
    assert load_checkpoint(target).config.num_layers == 2


def test_init_does_not_replace_a_trained_checkpoint(tmp_path):
    from neuraflux.core.tokenizers import ByteBPETokenizer

    folder = tmp_path / "trained"
    tokenizer = ByteBPETokenizer.train(TEXT, 300)
    save_checkpoint(folder, CONFIG, init_tensors(CONFIG, seed=9), tokenizer)
    before = (folder / "model.safetensors").read_bytes()
    one_error(cli("init", "--out", folder, "--backend", "lite"), "not empty")
    assert (folder / "model.safetensors").read_bytes() == before and (folder / "tokenizer.json").exists()


# -- train -----------------------------------------------------------------------------------
TRAIN = ["--preset", "tiny", "--hidden-size", "16", "--num-layers", "1", "--num-heads", "2", "--intermediate-size",
         "32", "--max-seq-len", "16", "--batch-size", "2", "--eval-interval", "2", "--eval-batches", "1",
         "--log-interval", "1", "--vocab-size", "280"]


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    """A finished 4-step run (checkpoints at steps 2 and 4), copied fresh for each test."""
    pytest.importorskip("torch")
    root = tmp_path_factory.mktemp("run")
    (root / "data.txt").write_text(TEXT)
    code, out, err = cli("train", "--docs", root / "data.txt", "--out", root / "run", *TRAIN, "--max-steps", 4)
    assert code == 0, err
    return root


def _copy_run(finished_run, tmp_path):
    import shutil

    shutil.copytree(finished_run / "run", tmp_path / "run")
    return tmp_path / "run", finished_run / "data.txt"


def _metrics(run):
    return [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]


@requires_torch
def test_train_refuses_an_existing_run_without_resume_or_overwrite(finished_run, tmp_path):
    run, data = _copy_run(finished_run, tmp_path)
    rows, latest = _metrics(run), (run / "latest").read_text()
    one_error(cli("train", "--docs", data, "--out", run, *TRAIN, "--max-steps", 2), "--resume", "--overwrite")
    assert _metrics(run) == rows and (run / "latest").read_text() == latest
    (run / "notes.txt").write_text("mine")
    assert cli("train", "--docs", data, "--out", run, *TRAIN, "--max-steps", 2, "--overwrite")[0] == 0
    assert max(r["step"] for r in _metrics(run)) == 2 and (run / "notes.txt").read_text() == "mine"
    assert not (run / "step-0000004").exists()


@requires_torch
@pytest.mark.parametrize("damage,resumed", [("garbage-latest", 4), ("latest-to-deleted", 2), ("truncated-state", 2)])
def test_resume_falls_back_to_the_newest_loadable_step(finished_run, tmp_path, damage, resumed):
    run, data = _copy_run(finished_run, tmp_path)
    if damage == "garbage-latest":
        (run / "latest").write_text("\x00garbage\n")
    elif damage == "latest-to-deleted":
        import shutil

        shutil.rmtree(run / "step-0000004")
    else:
        state = run / "step-0000004" / "training_state.pt"
        state.write_bytes(state.read_bytes()[:100])
    code, out, err = cli("train", "--docs", data, "--out", run, *TRAIN, "--max-steps", 6, "--resume")
    assert code == 0, err
    assert f"resuming from {run / f'step-{resumed:07d}'}" in out and f"resuming at step {resumed}" in out
    steps = [r["step"] for r in _metrics(run) if r["kind"] == "train"]
    assert steps == [1, 2, 3, 4, 5, 6]  # history up to the resumed step kept, the rest redone once


@requires_torch
def test_resume_with_no_step_folder_left_is_an_error(finished_run, tmp_path):
    import shutil

    run, data = _copy_run(finished_run, tmp_path)
    for name in ("step-0000002", "step-0000004"):
        shutil.rmtree(run / name)
    rows = _metrics(run)
    one_error(cli("train", "--docs", data, "--out", run, *TRAIN, "--max-steps", 6, "--resume"), "no step folder")
    assert _metrics(run) == rows


# -- index -----------------------------------------------------------------------------------
def test_duplicate_ids_are_kept_reported_and_stable(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.jsonl").write_text('{"_id": "x", "text": "alpha one"}\n{"_id": "x", "text": "beta two"}\n')
    (docs / "b.jsonl").write_text('{"_id": "x", "text": "gamma three"}\n')
    code, out, err = cli("index", "--docs", docs, "--index", tmp_path / "i.db")
    assert code == 0 and "3 added" in out and err.count("appears twice") == 2, (out, err)
    code, out, err = cli("index", "--docs", docs, "--index", tmp_path / "i.db")
    assert code == 0 and "3 unchanged" in out and "0 updated" in out, out
    for word in ("alpha", "beta", "gamma"):
        assert word in cli("search", "--index", tmp_path / "i.db", word)[1]


def test_indexing_nothing_readable_leaves_no_new_index_and_an_old_one_whole(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "empty.md").write_text("   \n")
    one_error(cli("index", "--docs", docs, "--index", tmp_path / "new.db"), "no readable documents")
    assert not [name for name in os.listdir(tmp_path) if name.startswith("new.db")]
    (tmp_path / "d.txt").write_text(TEXT)
    assert cli("index", "--docs", tmp_path / "d.txt", "--index", tmp_path / "old.db")[0] == 0
    one_error(cli("index", "--docs", docs, "--index", tmp_path / "old.db"), "no readable documents")
    assert "7431" in cli("search", "--index", tmp_path / "old.db", "port")[1]


def test_foreign_sqlite_file_is_not_changed(tmp_path):
    path = tmp_path / "other_app.db"
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE people (name TEXT)")
        db.execute("INSERT INTO people VALUES ('ada')")
        db.commit()
    before = path.read_bytes()
    (tmp_path / "d.txt").write_text(TEXT)
    for extra in ([], ["--rebuild"]):
        one_error(cli("index", "--docs", tmp_path / "d.txt", "--index", path, *extra), "not a neuraflux index")
    assert path.read_bytes() == before and not os.path.exists(str(path) + "-wal")


def test_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    (docs / "locked").mkdir(parents=True)
    (docs / "ok.txt").write_text(TEXT)
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = cli("index", "--docs", docs, "--index", tmp_path / "i.db")
    assert code == 0 and "1 added" in out
    assert "skipping" in err and "locked" in err and "Permission denied" in err


def test_damaged_index_is_refused_for_writing_and_rebuilt(tmp_path):
    (tmp_path / "d.txt").write_text(TEXT)
    index = tmp_path / "i.db"
    assert cli("index", "--docs", tmp_path / "d.txt", "--index", index)[0] == 0
    blob = bytearray(index.read_bytes())
    blob[4096:8192] = os.urandom(4096)  # page 2: the first table's b-tree
    index.write_bytes(bytes(blob))
    one_error(cli("index", "--docs", tmp_path / "d.txt", "--index", index), "--rebuild")
    code, out, err = cli("index", "--docs", tmp_path / "d.txt", "--index", index, "--rebuild")
    assert code == 0, err
    assert "7431" in cli("search", "--index", index, "port")[1]
    assert not [n for n in os.listdir(tmp_path) if "rebuild" in n]


def test_disk_full_while_indexing_keeps_the_committed_index(tmp_path):
    from neuraflux.core.documents import Document
    from neuraflux.core.retrieval.build import index_documents
    from neuraflux.core.retrieval.index import DocumentIndex

    path = tmp_path / "i.db"
    with DocumentIndex(path) as idx:
        index_documents(idx, [Document(TEXT, "a", "a", "a")], progress=False)
    with DocumentIndex(path) as idx:
        pages = idx.db.execute("PRAGMA page_count").fetchone()[0]
        idx.db.execute(f"PRAGMA max_page_count={pages + 2}")  # SQLite's own "database or disk is full"
        big = [Document(f"document {i} " + " ".join(f"w{i}x{j}" for j in range(3000)), f"b{i}", f"b{i}", "b")
               for i in range(3)]
        with pytest.raises(RetrievalError, match="full.*free some disk space"):
            index_documents(idx, big, progress=False)
    with DocumentIndex(path, create=False) as idx:
        assert idx.num_documents() == 1
        assert idx.lexical_search("port 7431", 1)


# -- checkpoints -------------------------------------------------------------------------------
def test_no_space_left_during_save_keeps_the_old_checkpoint(tmp_path, monkeypatch):
    import neuraflux.core.checkpoint as checkpoint_module

    folder = tmp_path / "ck"
    assert cli("init", "--out", folder, "--backend", "lite")[0] == 0
    before = {name: (folder / name).read_bytes() for name in os.listdir(folder)}

    def full_disk(tensors, path, metadata=None):
        with open(path, "wb") as handle:
            handle.write(b"\0" * 100)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(checkpoint_module, "save_file", full_disk)
    one_error(cli("init", "--out", folder, "--backend", "lite", "--force", "--seed", "3"), "No space left")
    assert {name: (folder / name).read_bytes() for name in os.listdir(folder)} == before
    assert [n for n in os.listdir(tmp_path) if n != "ck"] == []  # no temporary folder left behind


KILL_SAVER = """
import sys
from neuraflux.core.checkpoint import save_checkpoint
from neuraflux.core.config import preset
from neuraflux.core.init import init_tensors
config = preset("tiny", vocab_size=300, max_seq_len=64, hidden_size=64, intermediate_size=256)
tensors = [init_tensors(config, seed=s) for s in range(2)]
print("ready", flush=True)
step = 0
while True:
    save_checkpoint(sys.argv[1], config, tensors[step % 2])
    step += 1
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_atomic_writes_give_new_files_the_usual_permissions_and_keep_a_replaced_files(tmp_path):
    from neuraflux.core.io import write_text_atomic

    mask = os.umask(0o027)
    try:
        write_text_atomic(tmp_path / "new.json", "{}")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(os.stat(tmp_path / "new.json").st_mode) == 0o640  # as open() would: not mkstemp's 0o600
    shared = tmp_path / "shared.json"
    shared.write_text("old")
    os.chmod(shared, 0o664)
    write_text_atomic(shared, "new")
    assert shared.read_text() == "new" and stat.S_IMODE(os.stat(shared).st_mode) == 0o664


def test_kill_during_save_never_loses_the_checkpoint_or_foreign_files(tmp_path):
    folder = tmp_path / "ck"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    env = dict(os.environ, PYTHONPATH=ROOT)
    for delay in (0.05, 0.13, 0.29, 0.41, 0.6):
        proc = subprocess.Popen([sys.executable, "-c", KILL_SAVER, str(folder)], env=env, stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        while not (folder / "model.safetensors").exists():
            time.sleep(0.01)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert load_checkpoint(folder).tensors  # killed between the two renames, it is the previous one (.old)
        found = [p for p in (folder / "notes.txt", tmp_path / "ck.old" / "notes.txt") if p.exists()]
        assert found and found[0].read_text() == "mine"
    assert len([n for n in os.listdir(tmp_path) if n.endswith(".tmp")]) <= 1  # each save clears older leftovers


# -- generation --------------------------------------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_weights_are_one_clear_error_in_both_backends(tmp_path, backend, value):
    from neuraflux.core.backends import get_backend
    from neuraflux.core.generation import generate_text
    from neuraflux.core.sampling import SamplingOptions
    from neuraflux.core.tokenizers import ByteBPETokenizer

    folder = tmp_path / "ck"
    save_checkpoint(folder, CONFIG, init_tensors(CONFIG, seed=2), ByteBPETokenizer.train(TEXT, 300))
    with SafeTensorsFile(folder / "model.safetensors") as st:
        tensors = {name: st.tensor(name) for name in st.keys()}
    values = tensors["ln_f.weight"].tolist()
    values[3] = value
    tensors["ln_f.weight"] = Tensor.from_values(values, tensors["ln_f.weight"].shape)
    save_file(tensors, folder / "model.safetensors", {"format": "pt"})
    checkpoint = load_checkpoint(folder)
    model = get_backend(backend).model_from_checkpoint(checkpoint)
    for temperature in (0.0, 0.8, 1e-320):
        with pytest.raises(GenerationError, match="non-finite logit|probability zero"):
            generate_text(model, checkpoint.tokenizer, "port", SamplingOptions(temperature=temperature, seed=1))


def test_tiny_temperature_samples_like_greedy():
    from neuraflux.core.sampling import SamplingOptions, make_rng, sample_next

    logits = [0.5, 2.0, -1.0, 1.9]
    options = SamplingOptions(temperature=1e-320, top_k=0, top_p=1.0, repetition_penalty=1.0)
    assert {sample_next(logits, options, make_rng(s)) for s in range(20)} == {1}


def test_generate_json_reports_the_generated_ids(tmp_path):
    from neuraflux.core.tokenizers import ByteBPETokenizer

    folder = tmp_path / "ck"
    save_checkpoint(folder, CONFIG, init_tensors(CONFIG, seed=2), ByteBPETokenizer.train(TEXT, 300))
    code, out, err = cli("generate", "-m", folder, "-p", "port", "-n", "4", "-t", "0", "--ignore-eos", "--json",
                         "--backend", "lite")
    data = json.loads(out)
    assert code == 0 and data["new_tokens"] == len(data["token_ids"]) == 4
    from neuraflux.core.tokenizers import load_tokenizer

    assert load_tokenizer(folder / "tokenizer.json").decode(data["token_ids"]) == data["text"]


def test_piped_chat_answers_around_an_undecodable_line(tmp_path):
    (tmp_path / "d.md").write_text("# Server\n\nThe server listens on port 7431 by default.\n")
    env = dict(os.environ, PYTHONPATH=ROOT, NEURAFLUX_CACHE=str(tmp_path / "cache"), NEURAFLUX_NOHISTORY="1")
    proc = subprocess.run([sys.executable, "-m", "neuraflux", "chat", "--docs", str(tmp_path / "d.md"),
                           "--backend", "lite"], input=b"Which port does the server listen on?\n\xff\xfe bad\n"
                          b"What port is the default?\n", capture_output=True, env=env, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    stderr = proc.stderr.decode()
    assert "line 2 is not UTF-8" in stderr and "Traceback" not in stderr
    assert proc.stdout.decode().count("7431") >= 2


def test_cli_turns_an_unexpected_exception_into_one_line(monkeypatch):
    import neuraflux.commands.info as info_module

    def broken(args):
        raise KeyError("boom")

    monkeypatch.setattr(info_module, "info", broken)
    code, out, err = cli("info")
    assert code == 70 and err.count("\n") == 1 and "internal error: KeyError" in err and "--debug" in err
    assert run_cli("info").returncode == 0


def test_bm25_search_imports_no_backend(tmp_path):
    (tmp_path / "d.txt").write_text(TEXT)
    assert cli("index", "--docs", tmp_path / "d.txt", "--index", tmp_path / "i.db")[0] == 0
    code = (f"import sys\nfrom neuraflux.cli import main\nrc = main(['search', '--index', {str(tmp_path / 'i.db')!r}, "
            "'port'])\nprint('RC', rc, 'TORCH', 'torch' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env=dict(os.environ, PYTHONPATH=ROOT))
    assert "RC 0 TORCH False" in out.stdout and "7431" in out.stdout, out.stderr
