"""The byte-level BPE of GPT-2-family models, loaded from GGUF metadata (`tokenizer.ggml.*`).

Tokens are stored as strings in GPT-2's byte-to-character alphabet (every byte is a printable
character); merges are "left right" strings whose position is their rank. Text is pre-split with
the family's pattern (`gpt2`; `smollm`, which first splits every digit on its own; `llama-bpe`,
Llama 3's), each piece mapped byte by byte to that alphabet and merged by lowest rank. Control
tokens (token type 3, e.g. `<|im_start|>`) are matched whole in the text.
"""
import re

from ..errors import TokenizerError
from ._unicode import LETTER_RANGES, NUMBER_RANGES
from .pattern import WHITESPACE, _class_body

CONTROL = 3


def byte_alphabet():
    """GPT-2's reversible byte -> character map (printable bytes keep their own character)."""
    keep = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    chars, extra = {}, 0
    for b in range(256):
        if b in keep:
            chars[b] = chr(b)
        else:
            chars[b] = chr(256 + extra)
            extra += 1
    return chars


_L, _N, _S = _class_body(LETTER_RANGES), _class_body(NUMBER_RANGES), re.escape(WHITESPACE)
GPT2 = (rf"'s|'t|'re|'ve|'m|'ll|'d| ?[{_L}]+| ?[{_N}]+| ?[^{_S}{_L}{_N}]+|[{_S}]+(?![^{_S}])|[{_S}]+")
LLAMA3 = "|".join([r"(?i:'s|'t|'re|'ve|'m|'ll|'d)", rf"[^\r\n{_L}{_N}]?[{_L}]+", rf"[{_N}]{{1,3}}",
                   rf" ?[^{_S}{_L}{_N}]+[\r\n]*", rf"[{_S}]*[\r\n]+", rf"[{_S}]+(?![^{_S}])", rf"[{_S}]+"])
PRE_TOKENIZERS = {"gpt2": [GPT2], "default": [GPT2], "smollm": [rf"[{_N}]", GPT2], "llama-bpe": [LLAMA3],
                  "llama3": [LLAMA3]}


def _split_with(patterns, text):
    """Apply each compiled pattern in turn: a later one splits the pieces (matches and gaps) of the earlier."""
    pieces = [text]
    for regex in patterns:
        out = []
        for piece in pieces:
            position = 0
            for match in regex.finditer(piece):
                if match.start() > position:
                    out.append(piece[position:match.start()])
                if match.end() > match.start():
                    out.append(match.group())
                position = match.end()
            if position < len(piece):
                out.append(piece[position:])
        pieces = out
    return pieces


class GGUFBPETokenizer:
    """Encode/decode like llama.cpp's BPE vocabulary for the `gpt2` tokenizer model."""

    def __init__(self, tokens, merges, token_types=None, pre="gpt2", bos_id=None, eos_id=None, add_bos=False):
        if not isinstance(tokens, list) or not tokens or not all(isinstance(t, str) for t in tokens):
            raise TokenizerError("tokenizer.ggml.tokens must be a non-empty list of strings")
        if not isinstance(merges, list) or not all(isinstance(m, str) and m.count(" ") == 1 for m in merges):
            raise TokenizerError("tokenizer.ggml.merges must be a list of 'left right' strings")
        if pre not in PRE_TOKENIZERS:
            raise TokenizerError(f"pre-tokenizer {pre!r} is not supported (known: {', '.join(PRE_TOKENIZERS)})")
        self.tokens = tokens
        self.ids = {t: i for i, t in enumerate(tokens)}
        self.ranks = {tuple(m.split(" ")): r for r, m in enumerate(merges)}
        self.pre = pre
        self.patterns = [re.compile(p) for p in PRE_TOKENIZERS[pre]]
        types = token_types or [1] * len(tokens)
        self.special_tokens = {t: i for i, t in enumerate(tokens) if i < len(types) and types[i] == CONTROL}
        self._special_re = re.compile("|".join(re.escape(s) for s in sorted(self.special_tokens, key=len,
                                                                             reverse=True))) \
            if self.special_tokens else None
        self.bos_id, self.eos_id, self.add_bos = bos_id, eos_id, add_bos
        self._types = list(types)
        self._merges = merges
        self.alphabet = byte_alphabet()
        self.bytes_of = {c: b for b, c in self.alphabet.items()}
        self._cache = {}

    kind = "pretrained-bpe"  # tokenizers.PRETRAINED_KIND

    def to_dict(self):
        """neuraflux's tokenizer.json (what `neuraflux convert` writes)."""
        from .base import FORMAT, FORMAT_VERSION

        return {"format": FORMAT, "version": FORMAT_VERSION, "kind": self.kind, "tokens": self.tokens,
                "merges": self._merges, "token_types": self._types, "pre": self.pre, "bos_id": self.bos_id,
                "eos_id": self.eos_id, "add_bos": self.add_bos}

    @classmethod
    def from_dict(cls, data):
        return cls(data["tokens"], data["merges"], data.get("token_types"), data.get("pre", "gpt2"),
                   data.get("bos_id"), data.get("eos_id"), bool(data.get("add_bos", False)))

    def save(self, path):
        """Write tokenizer.json atomically."""
        from ..io import write_json_atomic

        write_json_atomic(path, self.to_dict())

    @classmethod
    def from_gguf_metadata(cls, meta):
        if meta.get("tokenizer.ggml.model") != "gpt2":
            raise TokenizerError(f"tokenizer model {meta.get('tokenizer.ggml.model')!r} is not supported (gpt2 is)")
        return cls(meta.get("tokenizer.ggml.tokens"), meta.get("tokenizer.ggml.merges") or [],
                   meta.get("tokenizer.ggml.token_type"), meta.get("tokenizer.ggml.pre", "gpt2"),
                   meta.get("tokenizer.ggml.bos_token_id"), meta.get("tokenizer.ggml.eos_token_id"),
                   bool(meta.get("tokenizer.ggml.add_bos_token", False)))

    @classmethod
    def from_tokenizer_json(cls, data, where="tokenizer.json"):
        """From a Hugging Face `tokenizer.json` holding a byte-level BPE model."""
        import json

        model = data.get("model") if isinstance(data, dict) else None
        if not isinstance(model, dict) or model.get("type") != "BPE" or not isinstance(model.get("vocab"), dict):
            raise TokenizerError(f"{where}: tokenizer.json does not hold a BPE model")
        described = json.dumps([data.get("pre_tokenizer"), data.get("decoder")])
        if "ByteLevel" not in described:
            raise TokenizerError(f"{where}: only byte-level BPE tokenizers are supported")
        vocab = model["vocab"]
        if sorted(vocab.values()) != list(range(len(vocab))):
            raise TokenizerError(f"{where}: BPE ids must be 0..{len(vocab) - 1}, each once")
        tokens = [t for t, _ in sorted(vocab.items(), key=lambda pair: pair[1])]
        types = [1] * len(tokens)
        for added in data.get("added_tokens") or []:
            if isinstance(added, dict) and isinstance(added.get("id"), int) and added.get("special"):
                while added["id"] >= len(tokens):
                    tokens.append(f"<unused{len(tokens)}>")
                    types.append(1)
                tokens[added["id"]], types[added["id"]] = added["content"], CONTROL
        merges = [m if isinstance(m, str) else " ".join(m) for m in model.get("merges") or []]
        pre = "llama-bpe" if "(?i:'s" in described else "smollm" if "individual_digits\": true" in described \
            or '"\\\\p{N}"' in described else "gpt2"
        by_text = {t: i for i, t in enumerate(tokens)}
        eos = next((by_text[t] for t in ("<|im_end|>", "<|eot_id|>", "<|endoftext|>", "<|end_of_text|>", "</s>") if t in by_text), None)
        bos = next((by_text[t] for t in ("<|begin_of_text|>", "<s>") if t in by_text), None)
        adds_bos = bos is not None and tokens[bos] in json.dumps(data.get("post_processor"))
        return cls(tokens, merges, types, pre, bos, eos, adds_bos)

    @property
    def vocab_size(self):
        return len(self.tokens)

    def _bpe(self, piece):
        cached = self._cache.get(piece)
        if cached is not None:
            return cached
        symbols = [self.alphabet[b] for b in piece.encode("utf-8")]
        while len(symbols) > 1:
            best = min(((self.ranks.get((a, b), 1 << 60), i) for i, (a, b) in enumerate(zip(symbols, symbols[1:]))))
            if best[0] == 1 << 60:
                break
            i = best[1]
            symbols[i:i + 2] = [symbols[i] + symbols[i + 1]]
        ids = []
        for symbol in symbols:
            token_id = self.ids.get(symbol)
            if token_id is None:  # not in the vocabulary: fall back to its single bytes
                ids.extend(self.ids[c] for c in symbol)
            else:
                ids.append(token_id)
        if len(self._cache) < 200_000:
            self._cache[piece] = ids
        return ids

    def encode(self, text, allowed_special="all"):
        ids = []
        parts = [(text, False)]
        if self._special_re is not None and allowed_special:
            parts, position = [], 0
            for match in self._special_re.finditer(text):
                parts.append((text[position:match.start()], False))
                parts.append((match.group(), True))
                position = match.end()
            parts.append((text[position:], False))
        for part, special in parts:
            if special:
                ids.append(self.special_tokens[part])
            elif part:
                for piece in _split_with(self.patterns, part):
                    ids.extend(self._bpe(piece))
        return ids

    def token_bytes(self, token_id):
        token = self.tokens[token_id]
        if token in self.special_tokens:
            return token.encode("utf-8")
        return bytes(self.bytes_of[c] for c in token if c in self.bytes_of)

    def decode(self, ids, skip_special=False):
        data = b"".join(self.token_bytes(i) for i in ids
                        if not (skip_special and self.tokens[i] in self.special_tokens))
        return data.decode("utf-8", errors="replace")

    def stream_decoder(self):
        from .base import StreamDecoder

        return StreamDecoder(self)


__all__ = ["GGUFBPETokenizer", "byte_alphabet"]
