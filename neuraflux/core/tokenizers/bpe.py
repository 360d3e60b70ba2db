"""Byte-level BPE in the GPT-2/GPT-4 manner, trained incrementally in pure Python.

Ids 0..255 are the bytes, 256.. the merges in the order they were learned, then the special
tokens. Training counts each distinct pre-split chunk once with its frequency, keeps pair
counts and an index pair -> chunks containing it, and after each merge rewrites only the
chunks that contain the merged pair. The best pair comes from a lazy max-heap.

Tie rule (documented, deterministic, minbpe's): among pairs with the highest count, the pair
whose first occurrence in the corpus's current token stream comes first wins. Pairs are
counted with overlaps ("aaa" holds two (a, a) pairs), and a merge replaces occurrences left to
right without overlap - exactly as minbpe and Hugging Face `tokenizers` do.
"""
import heapq
import warnings
from collections import Counter
from operator import add

from ..errors import TokenizerError
from ..progress import Progress
from .base import DEFAULT_SPECIAL_TOKENS, Tokenizer, check_special_tokens
from .pattern import PATTERNS, compile_pattern

_LONG_CHUNK = 64  # chunks longer than this (in bytes) are encoded with a heap, not rescans
_CACHE_LIMIT = 200_000


def merge_pair(tokens, pair, new_id):
    """Replace non-overlapping occurrences of `pair`, left to right."""
    a, b = pair
    out, i, n = [], 0, len(tokens)
    while i < n:
        if i + 1 < n and tokens[i] == a and tokens[i + 1] == b:
            out.append(new_id)
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out


MAX_VOCAB_BYTES = 64 * 1024 ** 2  # all tokens' bytes together; GPT-4's 100k tokens spell under 1 MB


def check_merges(merges):
    """The merges as (a, b) tuples of integers, or a TokenizerError naming the bad entry."""
    if not isinstance(merges, (list, tuple)):
        raise TokenizerError(f"merges must be a list of [a, b] id pairs, got {type(merges).__name__}")
    pairs = []
    for rank, merge in enumerate(merges):
        if (not isinstance(merge, (list, tuple)) or len(merge) != 2
                or not all(isinstance(i, int) and not isinstance(i, bool) for i in merge)):
            raise TokenizerError(f"merge {rank} must be a pair of integer ids, got {merge!r}")
        pairs.append(tuple(merge))
    return pairs


class ByteBPETokenizer(Tokenizer):
    """Byte-level BPE with a regex pre-split; never fails on any valid Unicode text."""

    kind = "bpe"

    def __init__(self, merges=(), special_tokens=None, pattern="gpt4"):
        merges = check_merges(merges)
        if not isinstance(pattern, str) or pattern not in PATTERNS:
            raise TokenizerError(f"unknown pre-split pattern {pattern!r}")
        self.pattern_name = pattern
        self._split = compile_pattern(pattern)
        self.merges = merges
        self.ranks = {}
        self._bytes = [bytes([i]) for i in range(256)]
        total_bytes = 0
        for rank, (a, b) in enumerate(merges):
            new_id = 256 + rank
            if not (0 <= a < new_id and 0 <= b < new_id):
                raise TokenizerError(f"merge {rank} refers to an id that does not exist yet: {[a, b]}")
            self.ranks[(a, b)] = rank
            token = self._bytes[a] + self._bytes[b]
            total_bytes += len(token)
            if total_bytes > MAX_VOCAB_BYTES:
                raise TokenizerError(f"merges up to {rank} spell over {MAX_VOCAB_BYTES:,} bytes of token text; "
                                     "the merges list is corrupt (or hostile)")
            self._bytes.append(token)
        first_special = 256 + len(merges)
        if special_tokens is None:
            special_tokens = {s: first_special + i for i, s in enumerate(DEFAULT_SPECIAL_TOKENS)}
        special_tokens = check_special_tokens(special_tokens)
        for token, token_id in special_tokens.items():
            if token_id < first_special:
                raise TokenizerError(f"special token {token!r} has id {token_id}, which belongs to a byte or merge")
        super().__init__(special_tokens)
        self._size = max([first_special - 1, *special_tokens.values()]) + 1
        self._cache = {}

    @property
    def vocab_size(self):
        return self._size

    def token_bytes(self, token_id):
        if 0 <= token_id < len(self._bytes) and not isinstance(token_id, bool):
            return self._bytes[token_id]
        if token_id in self._special_by_id:
            return self._special_by_id[token_id].encode("utf-8")
        self._check_id(token_id)
        return b""  # an id inside the vocabulary that nothing was assigned to

    def decode_bytes(self, ids):
        table = self._bytes
        try:
            return b"".join([table[i] if 0 <= i else self.token_bytes(i) for i in ids])
        except (IndexError, TypeError):
            return b"".join([self.token_bytes(i) for i in ids])

    # -- encoding ---------------------------------------------------------------------------
    def _encode_ordinary(self, text):
        cache = self._cache
        ids = []
        extend = ids.extend
        for chunk in self._split(text):
            cached = cache.get(chunk)
            if cached is None:
                cached = self._encode_chunk(chunk.encode("utf-8"))
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[chunk] = cached
            extend(cached)
        return ids

    def _encode_chunk(self, data):
        tokens = list(data)
        if len(tokens) > _LONG_CHUNK:
            return self._encode_long(tokens)
        ranks = self.ranks
        while len(tokens) >= 2:
            best, best_rank = None, None
            for pair in zip(tokens, tokens[1:]):
                rank = ranks.get(pair)
                if rank is not None and (best_rank is None or rank < best_rank):
                    best, best_rank = pair, rank
            if best is None:
                break
            tokens = merge_pair(tokens, best, 256 + best_rank)
        return tokens

    def _encode_long(self, tokens):
        """Same result as the rescanning loop, in O(n log n): a heap of (rank, position)."""
        ranks = self.ranks
        n = len(tokens)
        nxt = list(range(1, n + 1))
        prv = list(range(-1, n - 1))
        alive = [True] * n
        heap = []
        for i in range(n - 1):
            rank = ranks.get((tokens[i], tokens[i + 1]))
            if rank is not None:
                heap.append((rank, i))
        heapq.heapify(heap)
        while heap:
            rank, i = heapq.heappop(heap)
            j = nxt[i] if alive[i] else n
            if j >= n or ranks.get((tokens[i], tokens[j])) != rank:
                continue  # stale entry
            tokens[i] = 256 + rank
            alive[j] = False
            nxt[i] = nxt[j]
            if nxt[j] < n:
                prv[nxt[j]] = i
            p = prv[i]
            if p >= 0:
                r = ranks.get((tokens[p], tokens[i]))
                if r is not None:
                    heapq.heappush(heap, (r, p))
            if nxt[i] < n:
                r = ranks.get((tokens[i], tokens[nxt[i]]))
                if r is not None:
                    heapq.heappush(heap, (r, i))
        return [t for t, a in zip(tokens, alive) if a]

    # -- training ---------------------------------------------------------------------------
    @classmethod
    def train(cls, text, vocab_size, special_tokens=DEFAULT_SPECIAL_TOKENS, pattern="gpt4",
              progress=False, split=True):
        """Learn merges from `text` (a str or an iterable of str) up to `vocab_size` ids.

        Stops early with a warning when no pair occurs twice... or at all; never crashes on
        an empty or tiny corpus.
        """
        special_tokens = list(dict.fromkeys(special_tokens or ()))
        num_merges = vocab_size - 256 - len(special_tokens)
        if num_merges < 0:
            raise TokenizerError(
                f"vocab_size {vocab_size} is smaller than 256 bytes + {len(special_tokens)} special tokens")
        texts = [text] if isinstance(text, str) else list(text)
        split_fn = compile_pattern(pattern) if split else (lambda t: [t] if t else [])
        chunk_counts = Counter()
        for t in texts:
            chunk_counts.update(split_fn(t))
        merges = learn_merges(
            [c.encode("utf-8") for c in chunk_counts], list(chunk_counts.values()), num_merges, progress=progress)
        if len(merges) < num_merges:
            warnings.warn(
                f"BPE training stopped after {len(merges)} of {num_merges} merges: the corpus has no more "
                "pairs to merge; the vocabulary is smaller than asked", stacklevel=2)
        specials = {s: 256 + len(merges) + i for i, s in enumerate(special_tokens)}
        return cls(merges, specials, pattern)

    def _payload(self):
        return {"pattern": self.pattern_name, "merges": [list(m) for m in self.merges]}

    @classmethod
    def from_dict(cls, data):
        return cls(data["merges"], data["special_tokens"], data.get("pattern", "gpt4"))


def learn_merges(chunks, counts, num_merges, progress=False):
    """Incremental BPE on distinct chunks (bytes) with frequencies; returns [(a, b), ...].

    Each chunk is held as a str with one character per token id (chr(id)), so a merge is one
    `str.replace` (left to right, non-overlapping: exactly BPE's rule) and a pair is a
    2-character string. The tie key of a pair is (index of the first chunk holding it, byte
    offset of its first occurrence there): its first occurrence in the corpus, stable under merges.
    """
    words = ["".join(map(chr, c)) for c in chunks]
    token_len = [1] * 256  # byte length of each token id
    pair_counts = {}
    where = {}  # pair -> set of chunk indices holding it
    for index, (word, count) in enumerate(zip(words, counts)):
        for pair in map(add, word, word[1:]):
            pair_counts[pair] = pair_counts.get(pair, 0) + count
            where.setdefault(pair, set()).add(index)

    def true_key(pair):
        first = min(where[pair])
        word = words[first]
        position = word.find(pair)
        return (-pair_counts[pair], first, sum([token_len[ord(c)] for c in word[:position]]))

    heap = [(*true_key(p), p) for p in pair_counts]
    heapq.heapify(heap)
    merges = []
    bar = Progress("bpe merges", total=num_merges, unit="merges", enabled=progress)
    while len(merges) < num_merges and heap:
        neg_count, first, offset, pair = heapq.heappop(heap)
        if pair_counts.get(pair, 0) <= 0:
            continue
        key = true_key(pair)
        if key != (neg_count, first, offset):
            heapq.heappush(heap, (*key, pair))
            continue
        new_id = 256 + len(merges)
        new_char = chr(new_id)
        merges.append((ord(pair[0]), ord(pair[1])))
        token_len.append(token_len[ord(pair[0])] + token_len[ord(pair[1])])
        touched = set()
        for index in where.pop(pair):
            word, count = words[index], counts[index]
            new_word = word.replace(pair, new_char)
            old_pairs = list(map(add, word, word[1:]))
            new_pairs = list(map(add, new_word, new_word[1:]))
            for p in old_pairs:
                pair_counts[p] -= count
            for p in new_pairs:
                pair_counts[p] = pair_counts.get(p, 0) + count
            old_set, new_set = set(old_pairs), set(new_pairs)
            for p in old_set - new_set:
                if p != pair:
                    where[p].discard(index)
            for p in new_set - old_set:
                where.setdefault(p, set()).add(index)
                touched.add(p)
            words[index] = new_word
        pair_counts.pop(pair, None)
        for p in touched:
            heapq.heappush(heap, (*true_key(p), p))
        bar.update()
    bar.close()
    return merges
