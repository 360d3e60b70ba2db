"""Corpus reading and token files: text in, flat binary token ids out.

A prepared dataset is a folder with `train.bin` and `val.bin` (little-endian uint16 when the
vocabulary fits, else uint32) and `manifest.json` (tokenizer fingerprint, counts, sources).
Documents are split into train/validation with a fixed seed; each is stored as
BOS + tokens + EOS. Re-running with the same inputs reuses the files.
"""
import array
import json
import os
import random
import stat
import sys
from dataclasses import dataclass

from .errors import DataError
from .io import (atomic_write, display_path, file_kind, open_regular, parse_json, read_bytes_limited,
                 write_json_atomic)
from .progress import Progress

TEXT_SUFFIXES = (".txt", ".md", ".rst", ".text", ".py", ".jsonl")
MANIFEST_VERSION = 1


@dataclass
class Document:
    """One unit of text with where it came from."""

    text: str
    path: str
    doc_id: str = None
    title: str = None


MAX_TEXT_FILE_BYTES = 2 * 1024 ** 3  # one training text file; indexing takes less (see ingest.py)
MAX_JSON_LINE_BYTES = 64 * 1024 ** 2


def iter_files(paths, suffixes=TEXT_SUFFIXES, include=None, exclude=None, on_skip=None):
    """Regular files named directly, plus matching regular files found recursively in folders
    (sorted). FIFOs, devices and sockets, and folders that cannot be listed, are reported
    through `on_skip` and passed over."""
    import fnmatch

    for path in paths:
        path = os.fspath(path)
        if os.path.isfile(path):
            yield path
        elif os.path.isdir(path):
            found = []

            def unreadable(error):
                _report(on_skip, f"skipping {display_path(error.filename)}: {error.strerror}")

            for root, dirs, files in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    full = os.path.join(root, name)
                    rel = os.path.relpath(full, path)
                    if not name.lower().endswith(suffixes) or name.startswith("."):
                        continue
                    if include and not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in include):
                        continue
                    if exclude and any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in exclude):
                        continue
                    if _is_regular(full, on_skip):
                        found.append(full)
            yield from sorted(found)
        elif os.path.lexists(path):
            _is_regular(path, on_skip)
        else:
            raise DataError(f"no such file or folder: {display_path(path)!r}")


def _is_regular(path, on_skip):
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        _report(on_skip, f"skipping {display_path(path)}: {exc.strerror}")
        return False
    if not stat.S_ISREG(mode):
        _report(on_skip, f"skipping {display_path(path)}: it is {file_kind(mode)}, not a regular file")
        return False
    return True


def read_text_file(path, limit=MAX_TEXT_FILE_BYTES):
    """The UTF-8 text of a regular file of at most `limit` bytes (DataError otherwise)."""
    data = read_bytes_limited(path, limit, DataError, "the file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{display_path(path)}: not UTF-8 text (byte {exc.start})") from None


def iter_json_lines(path, on_repair=None):
    """(line number, parsed value) for each non-blank line; a bad line is a DataError naming it.

    Strings holding lone surrogates (a "\\ud800" escape) cannot be stored or printed: they are
    replaced by U+FFFD, and `on_repair(message)` is told once per file."""
    repaired = False
    with open_regular(path) as handle:
        for number, raw in enumerate(iter(lambda: handle.readline(MAX_JSON_LINE_BYTES + 1), b""), 1):
            where = f"{display_path(path)}:{number}"
            if len(raw) > MAX_JSON_LINE_BYTES:
                raise DataError(f"{where}: line is over {MAX_JSON_LINE_BYTES:,} bytes")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise DataError(f"{where}: not UTF-8 (byte {exc.start})") from None
            if not line.strip():
                continue
            value = parse_json(line, where)
            fixed = _replace_surrogates(value)
            if fixed is not value and not repaired:
                repaired = True
                _report(on_repair, f"{where}: text with invalid \\ud800-style escapes; they read as U+FFFD")
            yield number, fixed


def _replace_surrogates(value):
    """`value` with lone surrogates in its strings replaced (the same object when there are none)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, dict):
        fixed = {k: _replace_surrogates(v) for k, v in value.items()}
        return value if all(fixed[k] is value[k] for k in value) else fixed
    return value


def read_jsonl(path, text_field="text", on_repair=None):
    """Rows of a .jsonl file as Documents; a bad line is an error naming its number."""
    for number, row in iter_json_lines(path, on_repair):
        if not isinstance(row, dict) or not isinstance(row.get(text_field), str):
            raise DataError(f"{display_path(path)}:{number}: expected an object with a string {text_field!r} field")
        doc_id = row.get("_id", row.get("id"))
        doc_id = f"{os.path.basename(path)}:{number}" if doc_id is None else str(doc_id)
        title = row.get("title") if isinstance(row.get("title"), str) else None
        yield Document(row[text_field], path, doc_id, title)


def read_texts(paths, on_skip=None):
    """Every document under `paths`; unreadable, oversized, non-UTF-8 or non-regular files are
    reported and skipped. Raises DataError when nothing readable is found.
    """
    docs = []
    skipped = 0
    for path in iter_files(paths, on_skip=on_skip):
        try:
            if path.endswith(".jsonl"):
                docs.extend(list(read_jsonl(path, on_repair=on_skip)))  # a file is read whole or skipped
            else:
                docs.append(Document(read_text_file(path), path, path))
        except DataError as exc:
            skipped += 1
            _report(on_skip, f"skipping {exc}")
        except OSError as exc:
            skipped += 1
            _report(on_skip, f"skipping {display_path(path)}: {exc.strerror}")
    docs = [d for d in docs if d.text.strip()]
    if not docs:
        raise DataError(f"no readable text found in {', '.join(map(display_path, paths))}"
                        + (f" ({skipped} files skipped)" if skipped else ""))
    return docs


def _report(on_skip, message):
    if on_skip is not None:
        on_skip(message)
    else:
        print(f"neuraflux: warning: {message}", file=sys.stderr)


def token_dtype(vocab_size):
    return "uint16" if vocab_size <= 65536 else "uint32"


_ARRAY_CODES = {"uint16": "H", "uint32": "I"}


def write_tokens(path, ids, dtype):
    arr = array.array(_ARRAY_CODES[dtype], ids)
    if sys.byteorder == "big":
        arr.byteswap()
    with atomic_write(path, "wb") as handle:
        arr.tofile(handle)


def read_tokens(path, dtype):
    arr = array.array(_ARRAY_CODES[dtype])
    with open(path, "rb") as handle:
        arr.frombytes(handle.read())
    if sys.byteorder == "big":
        arr.byteswap()
    return arr


def _sources_signature(docs):
    seen = {}
    for d in docs:
        if d.path not in seen and os.path.exists(d.path):
            st = os.stat(d.path)
            seen[d.path] = {"path": os.path.abspath(d.path), "bytes": st.st_size, "mtime_ns": st.st_mtime_ns}
    return list(seen.values())


def split_documents(num_docs, val_fraction, seed):
    """Indices of (train, val) documents: a seeded shuffle, at least one each when possible."""
    order = list(range(num_docs))
    random.Random(seed).shuffle(order)
    num_val = int(round(num_docs * val_fraction))
    if val_fraction > 0 and num_docs >= 2:
        num_val = min(max(num_val, 1), num_docs - 1)
    else:
        num_val = 0
    return sorted(order[num_val:]), sorted(order[:num_val])


def prepare_dataset(out_dir, docs, tokenizer, val_fraction=0.1, seed=1337, val_docs=None, progress=True):
    """Tokenize documents into out_dir/{train,val}.bin + manifest.json (reused when unchanged).

    With a single document and no `val_docs`, the last `val_fraction` of its tokens is the
    validation set. Returns the manifest dict.
    """
    os.makedirs(out_dir, exist_ok=True)
    manifest_path = os.path.join(out_dir, "manifest.json")
    key = {"version": MANIFEST_VERSION, "tokenizer": tokenizer.fingerprint(), "seed": seed,
           "val_fraction": val_fraction, "sources": _sources_signature(docs),
           "val_sources": _sources_signature(val_docs or []), "num_docs": len(docs)}
    if os.path.isfile(manifest_path):
        try:
            with open(manifest_path, encoding="utf-8") as handle:
                old = json.load(handle)
            if old.get("key") == key and all(os.path.isfile(os.path.join(out_dir, f)) for f in ("train.bin", "val.bin")):
                return old
        except (OSError, json.JSONDecodeError):
            pass
    dtype = token_dtype(tokenizer.vocab_size)
    if val_docs:
        train_idx, val_idx = list(range(len(docs))), []
    else:
        train_idx, val_idx = split_documents(len(docs), val_fraction, seed)
    total_bytes = sum(len(d.text.encode("utf-8")) for d in docs) + sum(len(d.text.encode("utf-8")) for d in val_docs or [])
    bar = Progress("tokenizing", total=total_bytes / 1e6, unit="MB", enabled=progress)
    bos, eos = tokenizer.bos_id, tokenizer.eos_id

    def encode(doc):
        ids = tokenizer.encode(doc.text)
        bar.update(len(doc.text.encode("utf-8")) / 1e6)
        return ([bos] if bos is not None else []) + ids + ([eos] if eos is not None else [])

    train, val = [], []
    for i in train_idx:
        train.extend(encode(docs[i]))
    for i in val_idx:
        val.extend(encode(docs[i]))
    for doc in val_docs or []:
        val.extend(encode(doc))
    bar.close()
    if not val and val_fraction > 0:
        cut = int(len(train) * (1 - val_fraction))
        train, val = train[:cut], train[cut:]
    if len(train) < 2:
        raise DataError("the corpus is too small to train on: fewer than 2 tokens")
    write_tokens(os.path.join(out_dir, "train.bin"), train, dtype)
    write_tokens(os.path.join(out_dir, "val.bin"), val, dtype)
    manifest = {"key": key, "dtype": dtype, "vocab_size": tokenizer.vocab_size,
                "train_tokens": len(train), "val_tokens": len(val),
                "train_documents": len(train_idx), "val_documents": len(val_idx) + len(val_docs or []),
                "bytes": total_bytes}
    write_json_atomic(manifest_path, manifest)
    return manifest
