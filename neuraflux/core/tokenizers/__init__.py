"""Tokenizers shared by every backend: byte-level BPE and the seed's word tokenizer."""
import os

from ..errors import TokenizerError
from ..io import display_path, read_json
from .base import BOS, DEFAULT_SPECIAL_TOKENS, EOS, FORMAT, FORMAT_VERSION, PAD, UNK, StreamDecoder, Tokenizer
from .bpe import ByteBPETokenizer
from .word import WordTokenizer

MAX_TOKENIZER_BYTES = 512 * 1024 * 1024
KINDS = {"bpe": ByteBPETokenizer, "word": WordTokenizer}  # what train_tokenizer makes
PRETRAINED_KIND = "pretrained-bpe"  # a pretrained model's BPE, saved by `neuraflux convert` (read only)


def tokenizer_from_dict(data, where="tokenizer"):
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TokenizerError(f"{where} is not a neuraflux tokenizer file")
    if data.get("version") != FORMAT_VERSION:
        raise TokenizerError(f"{where} has format version {data.get('version')!r}; this neuraflux reads {FORMAT_VERSION}")
    kind = data.get("kind")
    if kind == PRETRAINED_KIND:
        from .gguf_bpe import GGUFBPETokenizer as cls
    elif kind in KINDS:
        cls = KINDS[kind]
    else:
        raise TokenizerError(f"{where} has unknown tokenizer kind {kind!r}")
    try:
        return cls.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise TokenizerError(f"{where} is malformed: {exc}") from None


def load_tokenizer(path):
    """Read a tokenizer.json written by `Tokenizer.save`."""
    path = os.fspath(path)
    try:
        data = read_json(path, "tokenizer file", MAX_TOKENIZER_BYTES, TokenizerError)
    except OSError as exc:
        raise TokenizerError(f"cannot read tokenizer {display_path(path)}: {exc.strerror}") from None
    return tokenizer_from_dict(data, where=display_path(path))


def train_tokenizer(texts, vocab_size, kind="bpe", special_tokens=DEFAULT_SPECIAL_TOKENS, progress=False):
    if kind not in KINDS:
        raise TokenizerError(f"unknown tokenizer kind {kind!r}; choose bpe or word")
    special_tokens = list(special_tokens or ())
    for token in special_tokens:
        if not isinstance(token, str) or not token:
            raise TokenizerError("special tokens must be non-empty strings")
        if special_tokens.count(token) > 1:
            raise TokenizerError(f"special token {token!r} is given twice")
    return KINDS[kind].train(texts, vocab_size, special_tokens=special_tokens, progress=progress)


__all__ = ["Tokenizer", "ByteBPETokenizer", "WordTokenizer", "StreamDecoder", "load_tokenizer",
           "train_tokenizer", "tokenizer_from_dict", "PAD", "BOS", "EOS", "UNK", "DEFAULT_SPECIAL_TOKENS"]
