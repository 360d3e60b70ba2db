"""Reciprocal rank fusion of several ranked lists."""


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
