"""The main job, driven through the real CLI: ask, chat (piped and on a pseudo-terminal)."""
import json
import os
import pty
import select
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BACKENDS, ROOT, run_cli
from test_backends import BLOCK_TORCH

FAST = ["-n", "8", "--top-docs", "2", "--seed", "1"]


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return {"NEURAFLUX_CACHE": str(tmp_path_factory.mktemp("cache")), "NEURAFLUX_NOHISTORY": "1"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_ask_cites_the_with_statement(backend, cache):
    out = run_cli("ask", "Hi! What does the with statment do?", "--json", "--backend", backend, *FAST, env=cache)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"question", "answer", "mode", "abstained", "citations", "sources", "latency_ms", "backend"}
    assert data["question"] == "What does the with statement do?"  # as read: the greeting off, the typo undone
    assert data["mode"] == "extractive" and not data["abstained"] and data["latency_ms"] >= 0
    assert data["backend"] == "none"  # extractive answers load no model
    assert "wrap the execution of a block" in data["answer"]
    assert data["sources"][0]["title"] == "The with statement", data["sources"]
    assert all({"id", "doc_id", "title", "path", "start", "end", "score"} <= set(s) for s in data["sources"])
    for citation in data["citations"]:
        assert set(citation) == {"sentence", "source", "start", "end"}
        assert f"{citation['sentence']} [{citation['source']}]" in data["answer"]


def test_ask_grounded_is_the_same_in_both_backends(cache):
    answers = {}
    for backend in BACKENDS:
        out = run_cli("ask", "What does the pass statement do?", "--json", "--answer", "grounded", "-t", "0",
                      "--backend", backend, "-n", "12", env=cache)
        assert out.returncode == 0, out.stderr
        data = json.loads(out.stdout)
        assert data["mode"] == "grounded" and data["backend"] == backend and data["citations"]
        answers[backend] = data["answer"]
    assert len(set(answers.values())) == 1, answers


def test_default_knowledge_base_is_built_once_and_reused(tmp_path):
    env = {"NEURAFLUX_CACHE": str(tmp_path), "NEURAFLUX_NOHISTORY": "1"}
    first = run_cli("ask", "What is a lambda?", "--backend", "lite", *FAST, env=env)
    assert first.returncode == 0 and "first use" in first.stderr
    built = list(tmp_path.glob("python-docs-*.sqlite"))
    assert len(built) == 1
    mtime = built[0].stat().st_mtime_ns
    second = run_cli("ask", "What is a lambda?", "--backend", "lite", *FAST, env=env)
    assert second.returncode == 0 and "first use" not in second.stderr
    assert built[0].stat().st_mtime_ns == mtime


def test_rebuilt_when_python_version_changes(tmp_path):
    from neuraflux.core import knowledge
    from neuraflux.core.retrieval.index import DocumentIndex

    os.environ["NEURAFLUX_CACHE"] = str(tmp_path)
    try:
        path = knowledge.ensure_default_index(progress=False)
        with DocumentIndex(path) as index:
            index.set_meta(source="pydoc_data 3.0.0 cpython")
        logs = []
        assert knowledge.ensure_default_index(progress=False, log=logs.append) == path
        assert logs and "first use" in logs[0]
        with DocumentIndex(path) as index:
            assert index.meta()["source"] == knowledge.source_signature()
    finally:
        del os.environ["NEURAFLUX_CACHE"]


def test_piped_stdin_answers_each_question_and_exits(cache):
    out = run_cli("chat", "--backend", "lite", *FAST, input="What is a lambda?\n\n/show\nWhat is asert?\nthanks\n",
                  env=cache)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("Sources:") == 2 and "temperature" in out.stdout
    assert "[read as: What is assert?]" in out.stdout and "You're welcome." in out.stdout
    assert out.stdout.count("[read as:") == 1  # only where a question was read otherwise than typed
    assert "\033[" not in out.stdout  # no colour when not a terminal


def test_multiline_block_and_no_rag(cache):
    out = run_cli("chat", "--backend", "lite", "--no-rag", "-n", "4", input='"""\nline one\nline two\n"""\n/bye\n',
                  env=cache)
    assert out.returncode == 0, out.stderr
    assert "Sources:" not in out.stdout


@pytest.mark.parametrize("args,message", [
    (["chat", "--temperature", "hot"], "expected a number"),
    (["chat", "--model", "/no/such/model"], "no model"),
    (["ask", "q", "--backend", "tpu"], "invalid choice"),
    (["ask", "q", "--top-p", "2"], "--top-p: must be at most 1"),
    (["chat", "--docs", "/no/such/folder"], "no such file"),
    (["ask", "  "], "the question is empty"),
    (["ask", "--docs", "/no/such/folder"], "ask needs a question"),
])
def test_bad_flags_give_one_line(args, message, cache):
    out = run_cli(*args, env=cache, input="")
    assert out.returncode == 1, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in out.stderr


def test_asking_over_a_folder_with_nothing_readable_is_one_line_and_leaves_no_cache_index(tmp_path):
    env = {"NEURAFLUX_CACHE": str(tmp_path / "cache"), "NEURAFLUX_NOHISTORY": "1"}
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "blank.md").write_text("  \n")
    out = run_cli("ask", "Which port?", "--docs", docs, "--backend", "lite", env=env)
    lines = out.stderr.strip().splitlines()
    assert out.returncode == 1 and len(lines) == 1 and "no readable documents" in lines[0], out.stderr
    assert not [name for name in os.listdir(tmp_path / "cache") if name.startswith("docs-")]


def test_chat_over_own_documents(tmp_path, cache):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "zebra.md").write_text("# Zebras\n\nZebras are African equines with black-and-white stripes.")
    (docs / "comet.md").write_text("# Comets\n\nA comet is an icy body that releases gas near the Sun.")
    out = run_cli("ask", "Why do zebras have stripes?", "--docs", docs, "--backend", "lite", "--json", *FAST, env=cache)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["sources"][0]["title"] == "Zebras"
    assert data["answer"] == "Zebras are African equines with black-and-white stripes. [1]"
    after = run_cli("ask", "--backend", "lite", "--json", "--docs", docs, "What is a comet?", *FAST, env=cache)
    assert after.returncode == 0, after.stderr  # the question last, after --docs: not a folder, so the question
    assert json.loads(after.stdout)["answer"] == "A comet is an icy body that releases gas near the Sun. [1]"


def test_generate_plain_continuation(cache):
    out = run_cli("generate", "--prompt", "The with statement", "-n", "5", "-t", "0", "--backend", "lite", "--json",
                  env=cache)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert 1 <= data["new_tokens"] == len(data["token_ids"]) <= 5
    from neuraflux.core.defaults import default_model_path
    from neuraflux.core.tokenizers import load_tokenizer

    tokenizer = load_tokenizer(os.path.join(default_model_path(), "tokenizer.json"))
    ids = [i for i in data["token_ids"] if i != tokenizer.eos_id]
    assert tokenizer.decode(ids) == data["text"] and data["prompt_tokens"] > 1


def test_chat_without_torch_never_imports_it(tmp_path, cache):
    code = BLOCK_TORCH + (
        "import io, sys\nsys.stdin = io.StringIO('What is assert?\\n')\n"
        "from neuraflux.cli import main\nrc = main(['chat', '-n', '4', '--top-docs', '1', '--answer', 'grounded'])\n"
        "print('RC', rc, 'TORCH', 'torch' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env=dict(os.environ, **cache, PYTHONPATH=ROOT))
    assert "RC 0 TORCH False" in out.stdout, out.stderr


class Terminal:
    """The master side of a pty: `expect` reads until a marker and keeps what follows it."""

    def __init__(self, fd):
        self.fd, self.pending = fd, b""

    def expect(self, marker, timeout=120):
        marker = marker.encode()
        deadline = time.time() + timeout
        while marker not in self.pending:
            if time.time() > deadline:
                raise AssertionError(f"timed out waiting for {marker!r}; got {self.pending.decode(errors='replace')!r}")
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    self.pending += os.read(self.fd, 4096)
                except OSError:  # EIO while no process holds the terminal (at start-up or exit)
                    time.sleep(0.05)
        cut = self.pending.index(marker) + len(marker)
        seen, self.pending = self.pending[:cut], self.pending[cut:]
        return seen.decode(errors="replace")

    def drain(self):
        ready, _, _ = select.select([self.fd], [], [], 0.2)
        if ready:
            try:
                self.pending += os.read(self.fd, 4096)
            except OSError:
                pass


def test_interactive_session_on_a_pty(tmp_path, cache):
    history = tmp_path / "history"
    env = dict(os.environ, PYTHONPATH=ROOT, NEURAFLUX_CACHE=cache["NEURAFLUX_CACHE"], NEURAFLUX_HISTORY=str(history),
               TERM="dumb")
    env.pop("NEURAFLUX_NOHISTORY", None)
    argv = [sys.executable, "-m", "neuraflux", "chat", "--backend", "lite", *FAST]
    pid, master = pty.fork()  # the child gets a new session with the pty as its controlling terminal
    if pid == 0:  # never return into pytest from the forked child
        try:
            os.chdir(ROOT)
            os.execve(sys.executable, argv, env)
        finally:
            os._exit(127)
    terminal = Terminal(master)
    try:
        terminal.expect("> ")
        os.write(master, b"What is the assert statement?\n")
        assert "Sources:" in terminal.expect("Sources:")
        terminal.expect("> ")
        os.write(master, b"/sources\n")
        assert "pydoc_data/topics.py#assert" in terminal.expect("score")
        terminal.expect("> ")
        os.write(master, b"/bye\n")
        deadline = time.time() + 60
        while time.time() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            terminal.drain()
        assert done and os.waitstatus_to_exitcode(status) == 0
        pid = None
    finally:
        if pid:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(master)
    assert "What is the assert statement?" in history.read_text()


@given(st.data())
@settings(max_examples=300, deadline=None)
def test_stream_decoder_never_splits_characters(data):
    from neuraflux.core.tokenizers import ByteBPETokenizer

    tok = _tokenizer(ByteBPETokenizer)
    ids = data.draw(st.lists(st.integers(0, tok.vocab_size - 1), max_size=40))
    decoder = tok.stream_decoder()
    pieces = [decoder.push(i) for i in ids] + [decoder.flush()]
    assert "".join(pieces) == tok.decode(ids)


_TOK = []


def _tokenizer(cls):
    if not _TOK:
        _TOK.append(cls.train("héllo wörld 世界 👋🏽 " * 40, 300))
    return _TOK[0]
