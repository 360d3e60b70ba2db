"""The shared tokenizer algorithm: special tokens, batching, streaming, save/load.

Subclasses (bpe.py, word.py) supply `_encode_ordinary`, `token_bytes` and their own
training and serialisation of the vocabulary.
"""
import codecs
import json
import re

from ..errors import TokenizerError
from ..io import write_json_atomic

PAD, BOS, EOS, UNK = "<|pad|>", "<|bos|>", "<|eos|>", "<|unk|>"
DEFAULT_SPECIAL_TOKENS = (PAD, BOS, EOS, UNK)
FORMAT = "neuraflux-tokenizer"
FORMAT_VERSION = 1
MAX_VOCAB = 1 << 24  # ids beyond this are a corrupt file, not a vocabulary


class Tokenizer:
    """Base class: text <-> ids with special tokens that ordinary text never produces."""

    kind = "base"

    def __init__(self, special_tokens=None):
        self.special_tokens = check_special_tokens(special_tokens or {})  # text -> id
        self._special_by_id = {i: s for s, i in self.special_tokens.items()}
        self._special_re = None
        if self.special_tokens:
            alternatives = sorted(self.special_tokens, key=len, reverse=True)
            self._special_re = re.compile("|".join(re.escape(s) for s in alternatives))

    # -- subclasses -------------------------------------------------------------------------
    @property
    def vocab_size(self):
        raise NotImplementedError

    def _encode_ordinary(self, text):
        raise NotImplementedError

    def token_bytes(self, token_id):
        """The bytes one id stands for (used by decode and the streaming decoder)."""
        raise NotImplementedError

    def _payload(self):
        raise NotImplementedError

    # -- shared algorithm -------------------------------------------------------------------
    def _allowed(self, allowed_special):
        if allowed_special == "all":
            return set(self.special_tokens)
        if allowed_special in ("none", None, (), frozenset()):
            return set()
        allowed = set(allowed_special)
        unknown = allowed - set(self.special_tokens)
        if unknown:
            raise TokenizerError(f"unknown special token {sorted(unknown)[0]!r} in allowed_special")
        return allowed

    def encode(self, text, allowed_special="none", raise_on_special=False):
        """Encode text to ids.

        Special-token strings in `text` become their ids only when listed in `allowed_special`
        ("all", "none" or a set); otherwise they are encoded as plain text, or raise
        TokenizerError when `raise_on_special` is true.
        """
        if not isinstance(text, str):
            raise TokenizerError(f"encode expects str, got {type(text).__name__}")
        _check_encodable(text)
        allowed = self._allowed(allowed_special)
        if self._special_re is None or not (allowed or raise_on_special):
            return self._encode_ordinary(text)
        ids, position = [], 0
        for match in self._special_re.finditer(text):
            token = match.group()
            if token not in allowed:
                if raise_on_special:
                    raise TokenizerError(
                        f"text contains the special token {token!r}; pass allowed_special to encode it as one")
                continue
            ids.extend(self._encode_ordinary(text[position:match.start()]))
            ids.append(self.special_tokens[token])
            position = match.end()
        ids.extend(self._encode_ordinary(text[position:]))
        return ids

    def encode_batch(self, texts, allowed_special="none"):
        return [self.encode(t, allowed_special=allowed_special) for t in texts]

    def decode_bytes(self, ids):
        token_bytes = self.token_bytes
        return b"".join([token_bytes(i) for i in ids])

    def decode(self, ids, skip_special=False):
        """Ids -> text. Invalid UTF-8 becomes U+FFFD; an unknown id raises TokenizerError."""
        if skip_special:
            ids = [i for i in ids if i not in self._special_by_id]
        return self.decode_bytes(ids).decode("utf-8", errors="replace")

    def _check_id(self, token_id):
        if isinstance(token_id, bool) or not isinstance(token_id, int) or not 0 <= token_id < self.vocab_size:
            raise TokenizerError(f"token id {token_id!r} is outside the vocabulary (0..{self.vocab_size - 1})")

    def token_to_id(self, token):
        if token in self.special_tokens:
            return self.special_tokens[token]
        ids = self._encode_ordinary(token)
        if len(ids) != 1:
            raise TokenizerError(f"{token!r} is not a single token")
        return ids[0]

    def id_to_token(self, token_id):
        self._check_id(token_id)
        if token_id in self._special_by_id:
            return self._special_by_id[token_id]
        return self.token_bytes(token_id).decode("utf-8", errors="replace")

    def special_id(self, token):
        """Id of a special token, or None when this tokenizer lacks it."""
        return self.special_tokens.get(token)

    @property
    def eos_id(self):
        return self.special_id(EOS)

    @property
    def bos_id(self):
        return self.special_id(BOS)

    @property
    def pad_id(self):
        return self.special_id(PAD)

    def stream_decoder(self):
        return StreamDecoder(self)

    # -- files ------------------------------------------------------------------------------
    def to_dict(self):
        return {"format": FORMAT, "version": FORMAT_VERSION, "kind": self.kind,
                "special_tokens": self.special_tokens, **self._payload()}

    def to_json(self):
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def save(self, path):
        """Write tokenizer.json atomically."""
        write_json_atomic(path, self.to_dict())

    def fingerprint(self):
        """A short stable hash of the tokenizer's content."""
        import hashlib

        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()[:16]

    def vocab_dump(self):
        """A human-readable listing: one `id<TAB>token` line per id."""
        lines = []
        for i in range(self.vocab_size):
            text = self.id_to_token(i)
            lines.append(f"{i}\t{text!r}")
        return "\n".join(lines) + "\n"


def check_special_tokens(special_tokens):
    """{text: id} with non-empty, valid-Unicode texts and distinct non-negative integer ids."""
    if not isinstance(special_tokens, dict):
        raise TokenizerError(f"special_tokens must map token text to id, got {type(special_tokens).__name__}")
    seen = {}
    for text, token_id in special_tokens.items():
        if not isinstance(text, str) or not text:
            raise TokenizerError(f"special token {text!r} must be a non-empty string")
        _check_encodable(text)
        if isinstance(token_id, bool) or not isinstance(token_id, int) or not 0 <= token_id < MAX_VOCAB:
            raise TokenizerError(f"special token {text!r} has id {token_id!r}; ids are integers 0..{MAX_VOCAB - 1}")
        if token_id in seen:
            raise TokenizerError(f"special tokens {seen[token_id]!r} and {text!r} share id {token_id}")
        seen[token_id] = text
    return dict(special_tokens)


def _check_encodable(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise TokenizerError(
            f"text contains a lone surrogate ({text[exc.start]!r} at index {exc.start}), which is not valid "
            "Unicode; clean the text (e.g. errors='replace') before encoding") from None


class StreamDecoder:
    """Turns ids into text one at a time, emitting only complete UTF-8 characters."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def push(self, token_id):
        """Add one id; return the text that is now complete (possibly "")."""
        return self._decoder.decode(self.tokenizer.token_bytes(token_id))

    def push_bytes(self, data):
        return self._decoder.decode(data)

    def flush(self):
        """End of stream: any incomplete character becomes U+FFFD."""
        return self._decoder.decode(b"", final=True)
