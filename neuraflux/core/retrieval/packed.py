"""BM25 top-k for repeated searches by big-integer arithmetic (SIMD within a register).

A term seen by an earlier search is kept as one Python int holding, in a 16-bit field per chunk,
its BM25 score in fixed-point units. A query's approximate scores for every chunk are then the
sum of a few big integers, which CPython adds at memory speed instead of touching each posting in
Python. The fields' high bytes find the k-th best approximate score; every chunk within the
rounding error of it is scored exactly from its stored tf parts, in the order bm25.top_k_scores
sums them. Exact: the same chunks, scores and order as top_k_scores (property-tested). A query
whose fields could overflow, or with fewer than k chunks scoring one unit, returns None and the
caller falls back to top_k_scores.
"""
import array
import sys
from operator import itemgetter

from .bm25 import K1, fts5_idf

FIELD_BYTES = 2
FIELD_MAX = (1 << (8 * FIELD_BYTES)) - 1
MAX_CHUNKS = 32_768  # above this a term's int (2 bytes a chunk) outgrows the cache's working set
CACHE_BYTES = 64 << 20  # packed ints and stored tf parts, estimated, before the cache is emptied
POSTING_BYTES = 32  # one stored tf part: its slot in a chunk's dictionary (measured 25)
TERMS_AT_MAX = 64  # a query of this many terms, each at the largest possible score, fits a field

# at_least[v]: maps bytes >= v to 1 and the rest to 0; below[v]: the byte values under v
_AT_LEAST = [bytes(int(b >= v) for b in range(256)) for v in range(256)]
_BELOW = [bytes(range(v)) for v in range(256)]
_INT, _TOP_UNITS = itemgetter(0), itemgetter(1)


class PackedScores:
    """Packed term scores over one index state's chunks (ids sorted: a chunk's field position)."""

    def __init__(self, chunk_ids):
        self.chunk_at = sorted(chunk_ids)
        self.position = {chunk: p for p, chunk in enumerate(self.chunk_at)}
        # score units per BM25 point: no term scores above (K1 + 1) * the idf of a one-chunk term
        self.units = FIELD_MAX / (TERMS_AT_MAX * (K1 + 1) * fts5_idf(len(self.chunk_at), 1))
        self.terms = {}  # term: (packed int, its largest field, idf, the largest tf part)
        self.tf_parts = {}  # chunk: {term: BM25 tf part}
        self.size = 0
        self.emptied = 0  # how many times the cache was emptied

    def top_k(self, counts, postings, top_k):
        """[(chunk id, score)] best first for a query given as {term: multiplicity}, or None
        when top_k_scores must decide. `postings(term)` gives (sorted chunk ids, tf parts, their
        max) for a term not packed yet."""
        entries, plan = [], []
        emptied = self.emptied
        for term, multiplicity in counts.items():
            entry = self.terms.get(term) or self._add(term, *postings(term))
            if entry is None:
                continue
            factor = entry[2] * multiplicity  # as top_k_scores computes factor and bound
            plan.append((factor * entry[3], factor, term))
            if multiplicity == 1:
                entries.append(entry)
            else:
                entries.extend([entry] * multiplicity)
        if self.emptied != emptied:
            return None  # the cache was emptied under this query: its first terms' tf parts are gone
        if not entries:
            return []
        ceiling = sum(map(_TOP_UNITS, entries))  # no field of the sum exceeds it
        if ceiling > FIELD_MAX:
            return None
        shift = 8 * FIELD_BYTES - ceiling.bit_length()  # the top field bits carry the most detail
        total = sum(map(_INT, entries)) << shift
        # each field is within half a unit per term (and one of float slack) of the exact score
        error = (len(entries) + 2) << shift  # twice that bound
        chosen = self._candidates(total, ceiling << shift, error, top_k)
        if chosen is None:
            return None
        plan.sort(key=itemgetter(0), reverse=True)  # stable: top_k_scores's order, summed alike
        plan = [(factor, term) for _, factor, term in plan]
        scored = []
        tf_parts = self.tf_parts
        for chunk in chosen:
            parts = tf_parts[chunk]
            score = 0.0
            for factor, term in plan:
                part = parts.get(term)
                if part is not None:
                    score += factor * part
            scored.append((chunk, score))
        scored.sort(key=lambda p: (-p[1], -p[0]))  # ties: newest chunk first
        return scored[:top_k]

    def _candidates(self, total, ceiling, error, top_k):
        """The chunks whose approximate score is within `error` of the k-th best."""
        raw = total.to_bytes(FIELD_BYTES * len(self.chunk_at), "little")
        high = raw[FIELD_BYTES - 1::FIELD_BYTES]  # each field's top byte: its level
        level = ceiling * 3 >> 11  # 3/8 of the ceiling's level, then lower until k chunks reach it
        while level > 0:
            reached = high.translate(None, _BELOW[level])
            if len(reached) >= top_k:
                break
            level = level * 5 >> 3
        if level == 0:
            return None
        level = sorted(reached, reverse=True)[top_k - 1]  # the k-th best chunk's level
        # the chunks within `error` of the k-th best are at most that far below its level
        lowest = max(1, ((level << 8) - error) >> 8)
        near = _positions(high, lowest)
        fields = array.array("H", raw)
        if sys.byteorder == "big":
            fields.byteswap()
        values = [fields[p] for p in near]
        floor = sorted(values, reverse=True)[top_k - 1] - error
        if floor < 256:
            return None  # chunks below the first level may be within reach: let the loop decide
        chunk_at = self.chunk_at
        return [chunk_at[p] for p, value in zip(near, values) if value >= floor]

    def _add(self, term, ids, weights, top):
        if not ids:
            return None
        size = FIELD_BYTES * len(self.chunk_at) + POSTING_BYTES * len(ids)
        if self.size + size > CACHE_BYTES:
            self.terms.clear()
            self.tf_parts.clear()
            self.size = 0
            self.emptied += 1
        idf = fts5_idf(len(self.chunk_at), len(ids))
        scale = self.units * idf
        fields = array.array("H", bytes(FIELD_BYTES * len(self.chunk_at)))
        position, tf_parts = self.position, self.tf_parts
        for chunk, weight in zip(ids, weights):
            fields[position[chunk]] = round(scale * weight)
            parts = tf_parts.get(chunk)
            if parts is None:
                tf_parts[chunk] = {term: weight}
            else:
                parts[term] = weight
        top_units = max(fields)
        if sys.byteorder == "big":
            fields.byteswap()
        entry = (int.from_bytes(fields.tobytes(), "little"), top_units, idf, top)
        self.terms[term] = entry
        self.size += size
        return entry


def _positions(high, level):
    """Positions of the bytes of `high` at or above `level`."""
    marks = high.translate(_AT_LEAST[level])
    found = []
    p = marks.find(1)
    while p >= 0:
        found.append(p)
        p = marks.find(1, p + 1)
    return found
