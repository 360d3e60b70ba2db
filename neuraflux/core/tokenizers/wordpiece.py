"""BERT's WordPiece tokenizer from a `vocab.txt`, standard library only.

Text is cleaned (control characters dropped, any whitespace a space), CJK ideographs are
spaced apart, then split on whitespace and punctuation; with lower-casing, words are lower-cased
and stripped of accents (NFD, combining marks removed). Each word becomes the longest vocabulary
pieces from its start, later pieces prefixed "##"; a word with no such split is [UNK].
"""
import unicodedata

from ..errors import TokenizerError
from ..io import display_path, read_bytes_limited

MAX_WORD_CHARS = 100  # longer words are [UNK], as BERT's tokenizer does
MAX_VOCAB_BYTES = 64 * 1024 * 1024
SPECIALS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]")
_CJK = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F), (0x2B740, 0x2B81F),
        (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))


def _is_whitespace(ch):
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def _is_control(ch):
    return ch not in "\t\n\r" and unicodedata.category(ch).startswith("C")


def _is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True  # all non-alphanumeric ASCII, "^" and "$" included
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp):
    return any(lo <= cp <= hi for lo, hi in _CJK)


class WordPieceTokenizer:
    """Text -> [CLS] pieces [SEP] ids for BERT-family encoders."""

    kind = "wordpiece"

    def __init__(self, vocab, lowercase=True, strip_accents=None, chinese_chars=True):
        if not isinstance(vocab, list) or not vocab:
            raise TokenizerError("a WordPiece vocabulary must be a non-empty list of tokens")
        self.vocab = {}
        for index, token in enumerate(vocab):
            self.vocab.setdefault(token, index)
        missing = [s for s in SPECIALS if s not in self.vocab]
        if missing:
            raise TokenizerError(f"the WordPiece vocabulary lacks {missing[0]}")
        self.tokens = vocab
        self.lowercase = lowercase
        self.strip_accents = lowercase if strip_accents is None else bool(strip_accents)
        self.chinese_chars = chinese_chars
        self.pad_id, self.unk_id, self.cls_id, self.sep_id = (self.vocab[s] for s in SPECIALS)
        self._cache = {}

    @classmethod
    def load(cls, path, **options):
        data = read_bytes_limited(path, MAX_VOCAB_BYTES, TokenizerError, "vocab.txt")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TokenizerError(f"{display_path(path)} is not UTF-8 (byte {exc.start})") from None
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return cls([line.rstrip("\r") for line in lines], **options)

    @classmethod
    def from_tokenizer_json(cls, data, where="tokenizer.json"):
        """From a Hugging Face `tokenizer.json` whose model is WordPiece with BERT's normalizer."""
        model = data.get("model") if isinstance(data, dict) else None
        if not isinstance(model, dict) or model.get("type") != "WordPiece" or not isinstance(model.get("vocab"), dict):
            raise TokenizerError(f"{where} does not hold a WordPiece model")
        if model.get("continuing_subword_prefix", "##") != "##":
            raise TokenizerError(f"{where}: only the '##' continuation prefix is supported")
        vocab = model["vocab"]
        if not all(isinstance(i, int) and not isinstance(i, bool) for i in vocab.values()) or \
                sorted(vocab.values()) != list(range(len(vocab))):
            raise TokenizerError(f"{where}: WordPiece ids must be 0..{len(vocab) - 1}, each once")
        normalizer = data.get("normalizer") or {}
        if not isinstance(normalizer, dict):
            raise TokenizerError(f"{where}: normalizer must be an object")
        ordered = [token for token, _ in sorted(vocab.items(), key=lambda pair: pair[1])]
        return cls(ordered, lowercase=bool(normalizer.get("lowercase", True)),
                   strip_accents=normalizer.get("strip_accents"),
                   chinese_chars=bool(normalizer.get("handle_chinese_chars", True)))

    @property
    def vocab_size(self):
        return len(self.tokens)

    def words(self, text):
        """The basic tokenizer: cleaned, split words and punctuation marks (lower-cased if set)."""
        chars = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or _is_control(ch):
                continue
            if _is_whitespace(ch):
                chars.append(" ")
            elif self.chinese_chars and _is_cjk(cp):
                chars.extend((" ", ch, " "))
            else:
                chars.append(ch)
        out = []
        for word in "".join(chars).split():
            if self.lowercase:
                word = word.lower()
            if self.strip_accents:
                word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
            current = []
            for ch in word:
                if _is_punctuation(ch):
                    if current:
                        out.append("".join(current))
                        current = []
                    out.append(ch)
                else:
                    current.append(ch)
            if current:
                out.append("".join(current))
        return out

    def pieces(self, word):
        """Greedy longest-match-first WordPiece ids of one word ([UNK] if it cannot be split)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        if len(word) > MAX_WORD_CHARS:
            return [self.unk_id]
        ids, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    ids.append(self.vocab[piece])
                    break
                end -= 1
            else:
                ids = [self.unk_id]
                break
            start = end
        if len(self._cache) < 100_000:
            self._cache[word] = ids
        return ids

    def encode(self, text, max_length=512):
        """[CLS] + the pieces of `text` (truncated to fit) + [SEP]."""
        if max_length < 2:
            raise TokenizerError("max_length must leave room for [CLS] and [SEP]")
        ids = []
        budget = max_length - 2
        for word in self.words(text):
            ids.extend(self.pieces(word))
            if len(ids) >= budget:
                break
        return [self.cls_id] + ids[:budget] + [self.sep_id]

    def decode(self, ids):
        words = []
        for i in ids:
            token = self.tokens[i] if 0 <= i < len(self.tokens) else "[UNK]"
            if token in ("[CLS]", "[SEP]", "[PAD]"):
                continue
            if token.startswith("##") and words:
                words[-1] += token[2:]
            else:
                words.append(token)
        return " ".join(words)
