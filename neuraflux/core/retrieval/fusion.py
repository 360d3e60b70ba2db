"""Fusing a lexical and a dense ranking: reciprocal rank fusion, or weighted scores after
min-max normalisation (the weight chosen on a dev split, see benchmarks/bench_embeddings.py)."""

FUSIONS = ("rrf", "weighted")
DENSE_WEIGHT = 0.3  # chosen on the dev half of SciFact's queries (benchmarks/bench_embeddings.py)


def reciprocal_rank_fusion(rankings, k=60, top_k=None):
    """rankings: lists of ids, best first. Returns [(id, score)] by fused score, ties by id order
    of first appearance."""
    scores, first_seen = {}, {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, 1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
            first_seen.setdefault(item, len(first_seen))
    fused = sorted(scores.items(), key=lambda pair: (-pair[1], first_seen[pair[0]]))
    return fused[:top_k] if top_k else fused


def _normalised(scored):
    """{id: score scaled to [0, 1] within its list} (all 1.0 when the scores are equal)."""
    if not scored:
        return {}
    values = [s for _, s in scored]
    low, high = min(values), max(values)
    span = high - low
    return {item: (score - low) / span if span > 0 else 1.0 for item, score in scored}


def weighted_fusion(lexical, dense, weight=None, top_k=None):
    """lexical, dense: [(id, score)] best first. Each list is min-max normalised, a document
    missing from a list scores 0 there, and the fused score is (1 - w) * lexical + w * dense."""
    weight = DENSE_WEIGHT if weight is None else weight
    lex, den = _normalised(lexical), _normalised(dense)
    first_seen = {}
    for item, _ in list(lexical) + list(dense):
        first_seen.setdefault(item, len(first_seen))
    fused = sorted(((item, (1 - weight) * lex.get(item, 0.0) + weight * den.get(item, 0.0)) for item in first_seen),
                   key=lambda pair: (-pair[1], first_seen[pair[0]]))
    return fused[:top_k] if top_k else fused
