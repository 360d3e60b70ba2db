"""The seed's word tokenizer: words and punctuation marks, a frequency-ranked vocabulary."""
import re
from collections import Counter

from ..errors import TokenizerError
from .base import DEFAULT_SPECIAL_TOKENS, UNK, Tokenizer

WORD_PATTERN = re.compile(r"\w+|[^\w\s]")
_NO_SPACE_BEFORE = set(".,;:!?)]}%'\"") | {"'s", "n't"}
_NO_SPACE_AFTER = set("([{$#@")


class WordTokenizer(Tokenizer):
    """Splits on whitespace and punctuation; unknown words become <|unk|>.

    Ids 0..3 are PAD, BOS, EOS, UNK; words follow by descending frequency (ties: first seen).
    Decoding rejoins words with spaces, without a space before closing punctuation.
    """

    kind = "word"

    def __init__(self, vocab, special_tokens=None, lowercase=True):
        if special_tokens is None:
            special_tokens = {s: i for i, s in enumerate(DEFAULT_SPECIAL_TOKENS)}
        super().__init__(special_tokens)
        self.lowercase = lowercase
        if not isinstance(vocab, (list, tuple)) or not all(isinstance(w, str) and w for w in vocab):
            raise TokenizerError("a word vocabulary must be a list of non-empty strings")
        if len(set(vocab)) != len(vocab):
            raise TokenizerError("the word vocabulary lists a word twice")
        self.words = list(vocab)
        first = max(special_tokens.values(), default=-1) + 1
        self.word_ids = {w: first + i for i, w in enumerate(self.words)}
        self._by_id = {i: w for w, i in self.word_ids.items()}
        if UNK not in special_tokens:
            raise TokenizerError("a word tokenizer needs the <|unk|> special token")
        self._unk = special_tokens[UNK]
        self._size = first + len(self.words)

    @property
    def vocab_size(self):
        return self._size

    def split(self, text):
        return WORD_PATTERN.findall(text.lower() if self.lowercase else text)

    def _encode_ordinary(self, text):
        get, unk = self.word_ids.get, self._unk
        return [get(w, unk) for w in self.split(text)]

    def token_bytes(self, token_id):
        word = self._by_id.get(token_id)
        if word is None:
            if token_id in self._special_by_id:
                word = self._special_by_id[token_id]
            else:
                self._check_id(token_id)
                word = ""
        prefix = "" if word in _NO_SPACE_BEFORE else " "
        return (prefix + word).encode("utf-8")

    def decode(self, ids, skip_special=False):
        text = super().decode(ids, skip_special=skip_special)
        for mark in _NO_SPACE_AFTER:
            text = text.replace(mark + " ", mark)
        return text.lstrip(" ")

    @classmethod
    def train(cls, text, vocab_size=None, min_freq=1, max_size=None, special_tokens=DEFAULT_SPECIAL_TOKENS,
              lowercase=True, progress=False):
        """Build the vocabulary from `text` (str or iterable of str)."""
        texts = [text] if isinstance(text, str) else text
        probe = cls([], {s: i for i, s in enumerate(special_tokens)}, lowercase)
        counts = Counter()
        for t in texts:
            counts.update(probe.split(t))
        limit = max_size if max_size is not None else (vocab_size - len(special_tokens) if vocab_size else None)
        if limit is not None and limit < 0:
            raise TokenizerError(f"vocab_size {vocab_size} is smaller than the {len(special_tokens)} special tokens")
        words = [w for w, c in counts.most_common() if c >= min_freq][:limit]
        return cls(words, {s: i for i, s in enumerate(special_tokens)}, lowercase)

    def _payload(self):
        return {"lowercase": self.lowercase, "vocab": self.words}

    @classmethod
    def from_dict(cls, data):
        return cls(data["vocab"], data["special_tokens"], data.get("lowercase", True))
