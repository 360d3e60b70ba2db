"""Tokenizers shared by every backend: byte-level BPE and the seed's word tokenizer."""
import json
import os

from ..errors import TokenizerError
from .base import BOS, DEFAULT_SPECIAL_TOKENS, EOS, FORMAT, FORMAT_VERSION, PAD, UNK, StreamDecoder, Tokenizer
from .bpe import ByteBPETokenizer
from .word import WordTokenizer

KINDS = {"bpe": ByteBPETokenizer, "word": WordTokenizer}


def tokenizer_from_dict(data, where="tokenizer"):
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TokenizerError(f"{where} is not a neuraflux tokenizer file")
    if data.get("version") != FORMAT_VERSION:
        raise TokenizerError(f"{where} has format version {data.get('version')!r}; this neuraflux reads {FORMAT_VERSION}")
    kind = data.get("kind")
    if kind not in KINDS:
        raise TokenizerError(f"{where} has unknown tokenizer kind {kind!r}")
    try:
        return KINDS[kind].from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise TokenizerError(f"{where} is malformed: {exc}") from None


def load_tokenizer(path):
    """Read a tokenizer.json written by `Tokenizer.save`."""
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise TokenizerError(f"cannot read tokenizer {path!r}: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise TokenizerError(f"tokenizer {path!r} is not valid JSON: {exc}") from None
    return tokenizer_from_dict(data, where=path)


def train_tokenizer(texts, vocab_size, kind="bpe", special_tokens=DEFAULT_SPECIAL_TOKENS, progress=False):
    if kind not in KINDS:
        raise TokenizerError(f"unknown tokenizer kind {kind!r}; choose bpe or word")
    return KINDS[kind].train(texts, vocab_size, special_tokens=special_tokens, progress=progress)


__all__ = ["Tokenizer", "ByteBPETokenizer", "WordTokenizer", "StreamDecoder", "load_tokenizer",
           "train_tokenizer", "tokenizer_from_dict", "PAD", "BOS", "EOS", "UNK", "DEFAULT_SPECIAL_TOKENS"]
