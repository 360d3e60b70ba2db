"""The CLI fuzz suite: hostile checkpoints, configs, tokenizers, files, indexes and flags.

Run as `python tests/fuzz_cli.py WORKDIR`: it builds the inputs under WORKDIR, runs every case
through `neuraflux.cli.main` in this process (under the memory cap and per-case time limit the
caller sets), and prints one JSON line per case and a totals line. A case ends well when it
gives exactly one `neuraflux: error:` line with exit code 1 (a clean error), or exit code 0
with the result its `check` expects (a correct result). Anything else is a bad outcome:
a traceback, an internal error, running out of memory, running past the time limit, a
multi-line error, success where an error was due, or a wrong result.
"""
import contextlib
import io
import json
import os
import random
import signal
import sqlite3
import struct
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from neuraflux.cli import main  # noqa: E402
from neuraflux.core.checkpoint import save_checkpoint  # noqa: E402
from neuraflux.core.config import preset  # noqa: E402
from neuraflux.core.init import init_tensors  # noqa: E402
from neuraflux.core.tokenizers import ByteBPETokenizer  # noqa: E402

CASE_SECONDS = 30
CONFIG = preset("tiny", vocab_size=300, max_seq_len=32, hidden_size=16, intermediate_size=32, num_heads=2)
TEXT = ("The pass statement does nothing. It is useful as a placeholder when a statement is required "
        "syntactically but no code needs to be executed. The port of the server is 7431. ") * 4


class CaseTimeout(BaseException):
    """Raised by the alarm: a case ran past its time limit (BaseException, so no handler eats it)."""


# -- inputs ------------------------------------------------------------------------------------
def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w", encoding=None if isinstance(data, bytes) else "utf-8") as f:
        f.write(data)
    return path


def make_checkpoint(folder):
    tokenizer = ByteBPETokenizer.train(TEXT, 300 - 4 + 4)
    save_checkpoint(folder, CONFIG.replace(vocab_size=tokenizer.vocab_size), init_tensors(
        CONFIG.replace(vocab_size=tokenizer.vocab_size), seed=1), tokenizer)
    return folder


def safetensors_bytes(header, data=b""):
    raw = json.dumps(header).encode() if not isinstance(header, bytes) else header
    return struct.pack("<Q", len(raw)) + raw + data


def read_safetensors(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    return json.loads(blob[8:8 + n]), blob[8 + n:]


def copy_checkpoint(base, folder):
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(base):
        with open(os.path.join(base, name), "rb") as f:
            write(os.path.join(folder, name), f.read())
    return folder


# -- cases -------------------------------------------------------------------------------------
def safetensors_cases(work, base):
    header, data = read_safetensors(os.path.join(base, "model.safetensors"))
    name = "blocks.0.attn.qkv.weight"
    entry = header[name]

    def mutated(change):
        h = json.loads(json.dumps(header))
        change(h)
        return safetensors_bytes(h, data)

    variants = {
        "dtype-list": mutated(lambda h: h[name].update(dtype=["F32"])),
        "dtype-int": mutated(lambda h: h[name].update(dtype=7)),
        "dtype-unknown": mutated(lambda h: h[name].update(dtype="F8")),
        "shape-negative": mutated(lambda h: h[name].update(shape=[-1, 16])),
        "shape-string": mutated(lambda h: h[name].update(shape="16x48")),
        "shape-huge": mutated(lambda h: h[name].update(shape=[10 ** 12, 10 ** 12])),
        "offsets-reversed": mutated(lambda h: h[name].update(data_offsets=entry["data_offsets"][::-1])),
        "offsets-past-end": mutated(lambda h: h[name].update(data_offsets=[0, 10 ** 15])),
        "offsets-giant-int": safetensors_bytes(
            json.dumps(header).replace(str(entry["data_offsets"][1]), "9" * 5000, 1).encode(), data),
        "offsets-float": mutated(lambda h: h[name].update(data_offsets=[0.5, 1.5])),
        "entry-not-object": mutated(lambda h: h.update({name: [1, 2]})),
        "metadata-not-strings": mutated(lambda h: h.update(__metadata__={"a": 1})),
        "extra-field": mutated(lambda h: h[name].update(extra=1)),
        "header-not-object": safetensors_bytes(b"[1, 2, 3]", data),
        "header-deep": safetensors_bytes(b"[" * 100_000 + b"]" * 100_000, data),
        "header-not-utf8": safetensors_bytes(b'{"\xff": 1}', data),
        "header-nan": safetensors_bytes(b'{"a": NaN}', data),
        "header-duplicate-key": safetensors_bytes(
            json.dumps(header)[:-1].encode() + b', "' + name.encode() + b'": ' + json.dumps(entry).encode() + b"}", data),
        "header-length-huge": struct.pack("<Q", 2 ** 63) + b"{}",
        "header-length-past-end": struct.pack("<Q", 10 ** 6) + b"{}",
        "truncated-data": safetensors_bytes(header, data[:len(data) // 2]),
        "extra-data": safetensors_bytes(header, data + b"\0" * 64),
        "empty-file": b"",
        "seven-bytes": b"\x01" * 7,
        "int8-scale-as-i32": None,  # built below
    }
    # an int8 matrix whose .scale is stored as I32: must be refused, not loaded as garbage
    h = json.loads(json.dumps(header))
    rows, cols = entry["shape"]
    begin = entry["data_offsets"][0]
    h[name] = {"dtype": "I8", "shape": [rows, cols], "data_offsets": [0, rows * cols]}
    blob = bytes(rows * cols)
    others = {k: v for k, v in header.items() if k not in (name, "__metadata__")}
    new_header, chunks, position = {name: h[name]}, [blob], rows * cols
    for key, value in sorted(others.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        b0, b1 = value["data_offsets"]
        new_header[key] = dict(value, data_offsets=[position, position + b1 - b0])
        chunks.append(data[b0:b1])
        position += b1 - b0
    new_header[name + ".scale"] = {"dtype": "I32", "shape": [rows], "data_offsets": [position, position + 4 * rows]}
    chunks.append(struct.pack(f"<{rows}i", *([1] * rows)))
    variants["int8-scale-as-i32"] = safetensors_bytes(new_header, b"".join(chunks))
    del begin

    for label, blob in variants.items():
        folder = copy_checkpoint(base, os.path.join(work, "st", label))
        write(os.path.join(folder, "model.safetensors"), blob)
        yield f"safetensors/{label}/inspect", ["inspect", os.path.join(folder, "model.safetensors")], "error_or_ok", None
        yield f"safetensors/{label}/generate", ["generate", "-m", folder, "-p", "hi", "-n", "2", "--backend", "lite"], \
            "error", None

    # random byte flips in the tensor data: a valid file whose values change; may load and run
    rng = random.Random(7)
    for i in range(4):
        flipped = bytearray(data)
        for _ in range(16):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        folder = copy_checkpoint(base, os.path.join(work, "st", f"flip{i}"))
        write(os.path.join(folder, "model.safetensors"), safetensors_bytes(header, bytes(flipped)))
        yield f"safetensors/flip{i}/generate", ["generate", "-m", folder, "-p", "hi", "-n", "2", "-t", "0",
                                                "--backend", "lite"], "error_or_ok", None


def config_cases(work, base):
    with open(os.path.join(base, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    variants = {
        "layers-1e9": dict(config, num_layers=10 ** 9),
        "hidden-1e9": dict(config, hidden_size=10 ** 9, num_heads=1),
        "vocab-1e12": dict(config, vocab_size=10 ** 12),
        "layers-zero": dict(config, num_layers=0),
        "layers-negative": dict(config, num_layers=-2),
        "layers-string": dict(config, num_layers="2"),
        "layers-float": dict(config, num_layers=2.0),
        "layers-list": dict(config, num_layers=[2]),
        "layers-bool": dict(config, num_layers=True),
        "heads-not-dividing": dict(config, num_heads=3),
        "eps-nan": json.dumps(dict(config, layer_norm_eps=0)).replace('"layer_norm_eps": 0', '"layer_norm_eps": NaN'),
        "dropout-one": dict(config, dropout=1.0),
        "unknown-field": dict(config, flavour="vanilla"),
        "architecture": dict(config, architecture="llama"),
        "vocab-below-tokenizer": dict(config, vocab_size=260),
        "not-object": [1, 2],
        "giant-int": json.dumps(config).replace(f'"num_layers": {config["num_layers"]}', '"num_layers": ' + "9" * 5000),
        "deep": "[" * 100_000 + "]" * 100_000,
        "not-utf8": b'{"vocab_size": "\xff\xfe"}',
        "empty": "",
        "truncated": json.dumps(config)[:40],
    }
    for label, value in variants.items():
        folder = copy_checkpoint(base, os.path.join(work, "cfg", label))
        payload = value if isinstance(value, (str, bytes)) else json.dumps(value)
        write(os.path.join(folder, "config.json"), payload)
        yield f"config/{label}/generate", ["generate", "-m", folder, "-p", "hi", "-n", "2", "--backend", "lite"], \
            "error", None
        yield f"config/{label}/inspect", ["inspect", folder], "error_or_ok", \
            lambda out, err: (not out or "do not match this config" in out, out[-200:])


def tokenizer_cases(work, base):
    with open(os.path.join(base, "tokenizer.json"), encoding="utf-8") as f:
        tok = json.load(f)
    chain = [[97, 97]] + [[256 + i, 97] for i in range(100_000)]
    variants = {
        "special-list": dict(tok, special_tokens=list(tok["special_tokens"])),
        "special-empty-text": dict(tok, special_tokens={"": 400}),
        "special-duplicate-ids": dict(tok, special_tokens={"<a>": 500, "<b>": 500}),
        "special-id-string": dict(tok, special_tokens={"<a>": "500"}),
        "special-id-huge": dict(tok, special_tokens={"<a>": 10 ** 30}),
        "merges-dict": dict(tok, merges={}),
        "merges-bad-id": dict(tok, merges=[[0, 10 ** 6]]),
        "merges-triple": dict(tok, merges=[[1, 2, 3]]),
        "merges-strings": dict(tok, merges=[["a", "b"]]),
        "merge-chain-100k": dict(tok, merges=chain, special_tokens={"<|eos|>": 256 + len(chain)}),
        "pattern-list": dict(tok, pattern=["gpt4"]),
        "kind-unknown": dict(tok, kind="sentencepiece"),
        "version": dict(tok, version=99),
        "word-duplicate-words": {"format": tok["format"], "version": tok["version"], "kind": "word",
                                 "vocab": ["a", "a"], "special_tokens": {"<|unk|>": 0}},
        "word-vocab-numbers": {"format": tok["format"], "version": tok["version"], "kind": "word",
                               "vocab": [1, 2], "special_tokens": {"<|unk|>": 0}},
        "not-utf8": b"\xff\xfe{}",
        "deep": "{\"a\":" * 50_000 + "1" + "}" * 50_000,
    }
    for label, value in variants.items():
        path = write(os.path.join(work, "tok", label + ".json"),
                     value if isinstance(value, (str, bytes)) else json.dumps(value))
        yield f"tokenizer/{label}/encode", ["tokenizer", "encode", "--tokenizer", path, "hello"], "error", None
    yield "tokenizer/train-empty-special", ["tokenizer", "train", "--input", os.path.join(work, "docs", "good.md"),
                                            "--vocab-size", "300", "--out", os.path.join(work, "tok", "x.json"),
                                            "--special-tokens", ""], "error", None
    yield "tokenizer/train-duplicate-special", ["tokenizer", "train", "--input", os.path.join(work, "docs", "good.md"),
                                                "--vocab-size", "300", "--out", os.path.join(work, "tok", "y.json"),
                                                "--special-tokens", "<a>", "<a>"], "error", None


def odd_file_cases(work):
    docs = os.path.join(work, "odd")
    write(os.path.join(docs, "good.md"), "# Server\n\nThe server listens on port 7431 by default.\n")
    os.mkfifo(os.path.join(docs, "pipe.txt"))
    os.symlink("/dev/zero", os.path.join(docs, "zero.txt"))
    os.symlink("/dev/urandom", os.path.join(docs, "random.md"))
    os.symlink(os.path.join(docs, "missing.txt"), os.path.join(docs, "dangling.txt"))
    write(os.path.join(docs, "deep.py"), "x = " + "-" * 1_000_000 + "1\n# a comment survives\n")
    write(os.path.join(docs, "nested.py"), "x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    write(os.path.join(docs, "surrogate.jsonl"), '{"_id": "s1", "text": "bad \\ud800 escape"}\n')
    write(os.path.join(docs, "binary.txt"), bytes(range(256)) * 4)
    write(os.path.join(docs, "empty.txt"), "")
    write(os.fsdecode(os.path.join(os.fsencode(docs), b"name-\xff.txt")), "A file whose name is not UTF-8.\n")
    write(os.path.join(docs, "dup1.jsonl"), '{"_id": "d", "text": "first copy"}\n{"_id": "d", "text": "second copy"}\n')
    write(os.path.join(docs, "dup2.jsonl"), '{"_id": "d", "text": "third copy"}\n')
    index = os.path.join(work, "odd.db")

    def indexed_all(out, err):
        with contextlib.closing(sqlite3.connect(index)) as db:
            ids = {r[0] for r in db.execute("SELECT doc_id FROM documents")}
        dups = sum(1 for i in ids if i == "d" or i.endswith(":d") or ":d#" in i)
        good = any(i.endswith("good.md") for i in ids)
        odd_name = any("name-" in i for i in ids)
        return good and odd_name and dups == 3, f"ids={sorted(ids)}"

    yield "files/index-odd-folder", ["index", "--docs", docs, "--index", index], "ok", indexed_all
    yield "files/search-after", ["search", "--index", index, "port 7431"], "ok", \
        lambda out, err: ("7431" in out, out[:200])
    yield "files/inspect-fifo", ["inspect", os.path.join(docs, "pipe.txt")], "error", None
    yield "files/inspect-dev-zero", ["inspect", "/dev/zero"], "error", None
    yield "files/tokenizer-train-fifo", ["tokenizer", "train", "--input", os.path.join(docs, "pipe.txt"),
                                         "--vocab-size", "300", "--out", os.path.join(work, "t.json")], "error", None
    yield "files/tokenizer-fifo", ["tokenizer", "encode", "--tokenizer", os.path.join(docs, "pipe.txt"), "x"], \
        "error", None
    yield "files/model-is-fifo", ["generate", "-m", os.path.join(docs, "pipe.txt"), "-p", "x"], "error", None
    for label, pointer in (("binary", b"\xff\xfe\x00"), ("traversal", b"../../../etc"), ("huge", b"s" * 100_000),
                           ("empty", b"")):
        run = os.path.join(work, "runs", label)
        write(os.path.join(run, "latest"), pointer)
        yield f"files/latest-{label}/generate", ["generate", "-m", run, "-p", "x"], "error", None
        yield f"files/latest-{label}/inspect", ["inspect", run], "error", None
    for label, text in (("list-rows", "[1, 2]\n"), ("string-loss", '{"kind": "train", "step": 1, "loss": "x"}\n'),
                        ("deep", "[" * 100_000 + "\n"), ("not-utf8", b"\xff\n"), ("nan", '{"kind": "train", '
                        '"step": 1, "loss": NaN}\n')):
        path = write(os.path.join(work, "metrics", label + ".jsonl"), text)
        yield f"files/plot-{label}", ["plot", path], "error", None


def eval_file_cases(work, base):
    """Question sets, BEIR files and evaluation text that are broken in the ways files break."""
    good_corpus = write(os.path.join(work, "beir", "corpus.jsonl"), '{"_id": "1", "text": "port 7431"}\n')
    good_queries = write(os.path.join(work, "beir", "queries.jsonl"), '{"_id": "q", "text": "port"}\n')
    good_qrels = write(os.path.join(work, "beir", "qrels.tsv"), "query-id\tcorpus-id\tscore\nq\t1\t1\n")
    docs = os.path.join(work, "docs")
    broken = {"not-utf8": b"\xff\xfe\n", "deep": "[" * 100_000 + "\n", "giant-int": "9" * 5000 + "\n",
              "not-object": "[1, 2]\n", "empty": "", "fifo": None, "dev-zero": "/dev/zero"}
    for label, content in broken.items():
        if content is None:
            path = os.path.join(work, "evalfiles", label)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            os.mkfifo(path)
        elif content == "/dev/zero":
            path = content
        else:
            path = write(os.path.join(work, "evalfiles", label + ".jsonl"), content)
        yield f"eval/qa-{label}", ["eval", "qa", "--qa", path, "--docs", docs], "error", None
        yield f"eval/corpus-{label}", ["eval", "retrieval", "--corpus", path, "--queries", good_queries,
                                       "--qrels", good_qrels], "error", None
        yield f"eval/qrels-{label}", ["eval", "retrieval", "--corpus", good_corpus, "--queries", good_queries,
                                      "--qrels", path], "error", None
        if label in ("not-utf8", "empty", "fifo", "dev-zero"):  # the others are valid text to score
            yield f"eval/lm-{label}", ["eval", "lm", "--model", base, "--docs", path, "--backend", "lite"], "error", None
    for label, row in (("inf", "q\t1\tinf"), ("nan", "q\t1\tnan"), ("words", "q\t1\tvery"),
                       ("huge-field", "q\t1\t" + "1" * 200_000)):
        path = write(os.path.join(work, "beir", f"qrels-{label}.tsv"), "query-id\tcorpus-id\tscore\n" + row + "\n")
        yield f"eval/qrels-score-{label}", ["eval", "retrieval", "--corpus", good_corpus, "--queries", good_queries,
                                            "--qrels", path], "error", None


def index_cases(work):
    docs = os.path.join(work, "docs")
    write(os.path.join(docs, "good.md"), TEXT)
    index = os.path.join(work, "good.db")
    assert main(["index", "--docs", docs, "--index", index]) == 0
    foreign = os.path.join(work, "other_app.db")
    with contextlib.closing(sqlite3.connect(foreign)) as db:
        db.execute("CREATE TABLE t (x)")
        db.commit()

    def untouched(out, err):
        with contextlib.closing(sqlite3.connect(foreign)) as db:
            mode = db.execute("PRAGMA journal_mode").fetchone()[0]
        return mode == "delete", f"journal mode {mode}"

    yield "index/foreign-sqlite", ["index", "--docs", docs, "--index", foreign], "error", untouched
    yield "index/foreign-rebuild", ["index", "--docs", docs, "--index", foreign, "--rebuild"], "error", untouched
    yield "index/search-foreign", ["search", "--index", foreign, "pass"], "error", None
    yield "index/text-file-as-index", ["search", "--index", os.path.join(docs, "good.md"), "pass"], "error", None
    yield "index/folder-as-index", ["search", "--index", docs, "pass"], "error", None
    rng = random.Random(3)
    with open(index, "rb") as f:
        pristine = f.read()
    for trial in range(6):
        damaged = os.path.join(work, f"damaged{trial}.db")
        blob = bytearray(pristine)
        page = rng.randrange(1, len(blob) // 4096)
        blob[page * 4096:(page + 1) * 4096] = rng.randbytes(4096)
        write(damaged, bytes(blob))
        yield f"index/damaged{trial}/search", ["search", "--index", damaged, "pass statement"], "error_or_ok", None
        yield f"index/damaged{trial}/index", ["index", "--docs", docs, "--index", damaged], "error", None
        yield f"index/damaged{trial}/rebuild", ["index", "--docs", docs, "--index", damaged, "--rebuild"], "ok", None
        yield f"index/damaged{trial}/after", ["search", "--index", damaged, "placeholder"], "ok", \
            lambda out, err: ("placeholder" in out, out[:120])


def flag_cases(work, base):
    data = os.path.join(work, "docs", "good.md")
    index = os.path.join(work, "good.db")
    train = ["train", "--docs", data, "--out", os.path.join(work, "run"), "--preset", "tiny"]
    bad = {
        "train-batch-size-0": train + ["--batch-size", "0"],
        "train-lr-nan": train + ["--lr", "nan"],
        "train-lr-inf": train + ["--lr", "inf"],
        "train-lr-negative": train + ["--lr", "-1"],
        "train-eval-interval-0": train + ["--eval-interval", "0"],
        "train-log-interval-0": train + ["--log-interval", "0"],
        "train-threads-negative": train + ["--threads", "-1"],
        "train-max-steps-0": train + ["--max-steps", "0"],
        "train-block-size-1": train + ["--block-size", "1"],
        "train-dropout-1": train + ["--dropout", "1"],
        "train-grad-accum-0": train + ["--grad-accum", "0"],
        "train-resume-and-overwrite": train + ["--resume", "--overwrite"],
        "eval-stride-negative": ["eval", "lm", "--model", base, "--docs", data, "--stride", "-1", "--backend", "lite"],
        "eval-stride-past-context": ["eval", "lm", "--model", base, "--docs", data, "--stride", "1000",
                                     "--backend", "lite"],
        "search-k-0": ["search", "--index", index, "-k", "0", "pass"],
        "search-k-negative": ["search", "--index", index, "-k", "-3", "pass"],
        "search-k-text": ["search", "--index", index, "-k", "five", "pass"],
        "generate-temperature-negative": ["generate", "-m", base, "-p", "x", "-t", "-1"],
        "generate-temperature-nan": ["generate", "-m", base, "-p", "x", "-t", "nan"],
        "generate-top-p-0": ["generate", "-m", base, "-p", "x", "--top-p", "0"],
        "generate-top-k-negative": ["generate", "-m", base, "-p", "x", "--top-k", "-1"],
        "generate-penalty-0": ["generate", "-m", base, "-p", "x", "--repetition-penalty", "0"],
        "generate-n-negative": ["generate", "-m", base, "-p", "x", "-n", "-1"],
        "generate-seed-negative": ["generate", "-m", base, "-p", "x", "--seed", "-5"],
        "generate-seed-huge": ["generate", "-m", base, "-p", "x", "--seed", "9" * 30],
        "ask-top-docs-0": ["ask", "q", "--docs", data, "--top-docs", "0"],
        "ask-threads-0": ["ask", "q", "--docs", data, "--threads", "0"],
        "index-chunk-size-0": ["index", "--docs", data, "--index", os.path.join(work, "x.db"), "--chunk-size", "0"],
        "index-overlap-negative": ["index", "--docs", data, "--index", os.path.join(work, "x.db"),
                                   "--chunk-overlap", "-1"],
        "index-overlap-too-big": ["index", "--docs", data, "--index", os.path.join(work, "x.db"),
                                  "--chunk-size", "5", "--chunk-overlap", "5"],
        "init-layers-1e9": ["init", "--out", os.path.join(work, "huge"), "--num-layers", "1000000", "--hidden-size",
                            "4096", "--num-heads", "8", "--backend", "lite"],
        "init-hidden-0": ["init", "--out", os.path.join(work, "zero"), "--hidden-size", "0"],
        "tokenizer-vocab-0": ["tokenizer", "train", "--input", data, "--vocab-size", "0", "--out",
                              os.path.join(work, "v.json")],
        "unknown-command": ["fly"],
        "unknown-flag": ["search", "--index", index, "--fast", "pass"],
    }
    for label, argv in bad.items():
        yield f"flags/{label}", argv, "error", None
    yield "flags/generate-tiny-temperature", ["generate", "-m", base, "-p", "x", "-n", "3", "-t", "1e-320",
                                               "--backend", "lite"], "ok", None
    yield "flags/generate-json-ids", ["generate", "-m", base, "-p", "x", "-n", "4", "-t", "0", "--json",
                                      "--ignore-eos", "--backend", "lite"], "ok", \
        lambda out, err: (len(json.loads(out)["token_ids"]) == 4, out[-200:])


# -- running -----------------------------------------------------------------------------------
def run_case(argv):
    out, err = io.StringIO(), io.StringIO()
    signal.setitimer(signal.ITIMER_REAL, CASE_SECONDS)
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
    except CaseTimeout:
        code = "timeout"
    except SystemExit as exc:
        code = exc.code
    except BaseException as exc:  # noqa: B902 - every escape is a finding
        code = f"escaped {type(exc).__name__}: {exc}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return code, out.getvalue(), err.getvalue(), time.perf_counter() - start


def classify(code, out, err, expect, check):
    """('clean_error' | 'correct' | 'bad', why)."""
    lines = [line for line in err.strip().splitlines() if line.startswith("neuraflux: error:")
             or line.startswith("neuraflux: internal error") or "Traceback" in line]
    if code == 1 and len(lines) == 1 and lines[0].startswith("neuraflux: error:") and "Traceback" not in err:
        if "out of memory" in lines[0]:
            return "bad", lines[0]
        if check is not None:
            ok, why = check(out, err)
            if not ok:
                return "bad", f"after the error: {why}"
        return ("clean_error", lines[0]) if expect != "ok" else ("bad", f"expected success: {lines[0]}")
    if code == 0 and not lines:
        if expect == "error":
            return "bad", "succeeded where an error was due: " + (out.strip()[:120] or err.strip()[:120])
        if check is not None:
            ok, why = check(out, err)
            if not ok:
                return "bad", f"wrong result: {why}"
        return "correct", ""
    return "bad", f"exit {code}: {err.strip()[-300:]}"


def gguf_cases(work):
    """A small valid GGUF file, then truncated and with random bytes flipped in its header."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from test_gguf import write_gguf

    os.makedirs(os.path.join(work, "gguf"), exist_ok=True)
    block = b"\x00\x3c\x00\x00"  # Q4_1 block header: d = 1.0, m = 0.0 (fp16)
    good = write_gguf(os.path.join(work, "gguf", "good.gguf"),
                      [("w", (2, 32), "Q4_1", block + bytes(range(16)) + block + bytes(range(16, 32)))],
                      {"general.architecture": "llama", "tokenizer.ggml.tokens": ["a", "b"]})
    yield "gguf/good", ["inspect", good], "ok", None
    yield "gguf/convert-incomplete", ["convert", good, "--out", os.path.join(work, "gguf", "out")], "error", None
    blob = open(good, "rb").read()
    rng = random.Random(5)
    for i in range(24):
        data = bytearray(blob)
        if i < 4:
            data = data[:rng.randrange(1, len(data))]
        else:
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(0, min(len(data), 160))] = rng.randrange(256)
        path = write(os.path.join(work, "gguf", f"bad{i}.gguf"), bytes(data))
        yield f"gguf/mutated{i}", ["inspect", path], "error_or_ok", None
        yield f"gguf/convert-mutated{i}", ["convert", path, "--out", os.path.join(work, "gguf", f"out{i}")], \
            "error_or_ok", None


def all_cases(work):
    base = make_checkpoint(os.path.join(work, "base"))
    yield from index_cases(work)  # writes docs/good.md and good.db, used below
    yield from safetensors_cases(work, base)
    yield from config_cases(work, base)
    yield from tokenizer_cases(work, base)
    yield from odd_file_cases(work)
    yield from flag_cases(work, base)
    yield from eval_file_cases(work, base)
    yield from gguf_cases(work)


def main_(work):
    def alarm(signum, frame):
        raise CaseTimeout()

    signal.signal(signal.SIGALRM, alarm)
    os.environ["NEURAFLUX_BACKEND"] = "lite"
    totals = {"cases": 0, "clean_error": 0, "correct": 0, "bad": 0}
    for name, argv, expect, check in all_cases(work):
        code, out, err, seconds = run_case(argv)
        outcome, why = classify(code, out, err, expect, check)
        totals["cases"] += 1
        totals[outcome] += 1
        print(json.dumps({"case": name, "outcome": outcome, "why": why, "seconds": round(seconds, 3)}), flush=True)
    print(json.dumps({"totals": totals}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main_(sys.argv[1]))
