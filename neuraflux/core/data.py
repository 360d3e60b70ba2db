"""Token files: documents in (see documents.py), flat binary token ids out.

A prepared dataset is a folder with `train.bin` and `val.bin` (little-endian uint16 when the
vocabulary fits, else uint32) and `manifest.json` (tokenizer fingerprint, counts, sources).
Documents are split into train/validation with a fixed seed; each is stored as
BOS + tokens + EOS. Re-running with the same inputs reuses the files.
"""
import array
import json
import os
import random
import sys

from .errors import DataError
from .io import atomic_write, write_json_atomic
from .progress import Progress

MANIFEST_VERSION = 1


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
