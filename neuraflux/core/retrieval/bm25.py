"""BM25 scoring as pure functions: the parameters, FTS5's idf, and exact top-k with pruning.

The index supplies, per query term, its sorted chunk ids and tf parts; nothing here touches the
database.
"""
import heapq
import math
from bisect import bisect_left

K1, B = 1.2, 0.75


def smoothed_idf(num_docs, doc_freq):
    """Lucene's smoothed inverse document frequency, log(1 + (N - n + 0.5) / (n + 0.5)): always
    positive, even when every document holds the term."""
    return math.log(1 + (num_docs - doc_freq + 0.5) / (doc_freq + 0.5))


def fts5_idf(num_docs, doc_freq):
    """FTS5's BM25 inverse document frequency (never below 1e-6)."""
    idf = math.log((num_docs - doc_freq + 0.5) / (doc_freq + 0.5))
    return idf if idf > 0 else 1e-6


class TfParts:
    """The BM25 tf parts of one term's postings, tf * (K1 + 1) / (tf + K1 * (1 - B + B * length /
    average)), each computed when it is read: a pruned search reads a few of a common term's
    thousands (SciFact's 35-term queries: ~3,900 of ~25,000). Iterating computes them all once."""

    __slots__ = ("ids", "tfs", "lengths", "k1b", "k1c", "_all")

    def __init__(self, ids, tfs, lengths, average):
        self.ids, self.tfs, self.lengths = ids, tfs, lengths  # lengths: {chunk id: length in terms}
        self.k1b, self.k1c = (K1 * B / average if average else 0.0), K1 * (1 - B)
        self._all = None

    def __len__(self):
        return len(self.tfs)

    def __getitem__(self, position):
        tf = self.tfs[position]
        return tf * (K1 + 1) / (tf + self.k1c + self.k1b * self.lengths[self.ids[position]])

    def __iter__(self):
        if self._all is None:
            k1c, k1b = self.k1c, self.k1b
            self._all = [tf * (K1 + 1) / (tf + k1c + k1b * length)
                         for tf, length in zip(self.tfs, map(self.lengths.__getitem__, self.ids))]
        return iter(self._all)

    def bound(self, shortest):
        """An upper bound of the parts: the largest tf in the shortest chunk of the index."""
        tf = max(self.tfs, default=0)
        return tf * (K1 + 1) / (tf + self.k1c + self.k1b * shortest) if tf else 0.0


def counts(terms):
    """{term: how often it occurs in `terms`}."""
    found = {}
    for term in terms:
        found[term] = found.get(term, 0) + 1
    return found


def top_k_scores(plan, top_k):
    """[(chunk id, score)] best first from `plan`, a list of (bound, idf factor, sorted chunk ids,
    tf weights: a list or TfParts) per query term; `bound` is at least factor * every weight.
    Equal scores: the most recently indexed chunk first (as rank_bm25's reversed argsort orders
    them).

    Term at a time, rarest (highest bound) first. Once the best still-possible score of a chunk
    not yet seen falls below the current k-th best, the remaining terms only update chunks
    already in the running: exact, pruning never changes the top k.
    """
    plan.sort(key=lambda p: -p[0])
    scores = {}
    left = _bounds_left(plan)
    for step, (bound, factor, ids, weights) in enumerate(plan):
        remaining = left[step]  # bound on what the unprocessed terms (this one included) can add
        threshold = _kth_best(scores, top_k, remaining)
        if threshold is not None and remaining < threshold:
            # no unseen document can reach the top k: keep and update the contenders only
            scores = {d: v for d, v in scores.items() if v + remaining >= threshold}
            if len(scores) * 8 < len(ids):
                for chunk in scores:
                    position = bisect_left(ids, chunk)
                    if position < len(ids) and ids[position] == chunk:
                        scores[chunk] += factor * weights[position]
            else:
                for position, chunk in enumerate(ids):  # weights read only for the contenders
                    if chunk in scores:
                        scores[chunk] += factor * weights[position]
        elif not scores:
            scores = dict(zip(ids, [factor * w for w in weights]))
        else:
            get = scores.get
            for chunk, weight in zip(ids, weights):
                scores[chunk] = get(chunk, 0.0) + factor * weight
    if len(scores) > top_k:
        cutoff = heapq.nlargest(top_k, scores.values())[-1]
        scores = {d: v for d, v in scores.items() if v >= cutoff}
    return sorted(scores.items(), key=lambda p: (-p[1], -p[0]))[:top_k]  # ties: newest chunk first


def _bounds_left(plan):
    """left[j]: the most terms j.. can add to one chunk, summed from the end (0.0 after the
    last) and widened by a relative 1e-12: subtracting bounds one by one could leave a
    negative rounding residue and prune a chunk that ties the k-th score."""
    left = [0.0] * (len(plan) + 1)
    for j in range(len(plan) - 1, -1, -1):
        left[j] = left[j + 1] + plan[j][0]
    return [v * (1 + 1e-12) for v in left]


def _kth_best(scores, k, remaining):
    """The k-th best score so far, or None while it cannot matter yet (cheap checks first)."""
    if len(scores) < k:
        return None
    if remaining >= max(scores.values()):
        return None  # the threshold is at most the maximum, so pruning cannot start yet
    return heapq.nlargest(k, scores.values())[-1]
