"""Language-model evaluation shared by both backends: loss and perplexity of a token
sequence, scoring text longer than the context with a sliding window."""
import math

from .errors import DataError


def log_softmax_at(logits, index):
    """log p(index) under softmax(logits), computed stably in float64."""
    if hasattr(logits, "tolist"):
        logits = logits.tolist()
    top = max(logits)
    total = math.fsum(math.exp(v - top) for v in logits)
    return logits[index] - top - math.log(total)


def score_tokens(model, ids, stride=None):
    """Sum of negative log-likelihoods of ids[1:] and how many tokens were scored.

    Windows of the model's context move by `stride` (default: half the context); each token is
    scored once, with as much preceding context as its window gives it.
    """
    if len(ids) < 2:
        raise DataError("need at least 2 tokens to evaluate")
    window = model.config.max_seq_len
    stride = max(1, window // 2) if stride is None else stride
    if isinstance(stride, bool) or not isinstance(stride, int) or not 1 <= stride <= window:
        raise DataError(f"stride must be an integer from 1 to the context ({window}), got {stride!r}: "
                        "a larger one would skip tokens")
    nll, count, scored_until = 0.0, 0, 1  # ids[0] is never predicted
    start = 0
    while scored_until < len(ids):
        end = min(start + window, len(ids))
        logits = model.logits(ids[start:end])
        for position in range(max(scored_until, start + 1), end):
            nll -= log_softmax_at(logits[position - start - 1], ids[position])
            count += 1
        scored_until = end
        if end == len(ids):
            break
        start += stride
    return nll, count


def evaluate_lm(model, tokenizer, text, stride=None):
    """{"loss", "perplexity", "tokens", "documents"} of `text`, a string or a list of documents
    (each scored on its own: BOS + its tokens, every token after BOS)."""
    texts = [text] if isinstance(text, str) else list(text)
    nll = count = 0
    for doc in texts:
        ids = tokenizer.encode(doc)
        if tokenizer.bos_id is not None:
            ids = [tokenizer.bos_id] + ids
        if len(ids) < 2 and len(texts) > 1:
            continue  # a one-token document has nothing to predict
        doc_nll, doc_count = score_tokens(model, ids, stride)
        nll, count = nll + doc_nll, count + doc_count
    if not count:
        raise DataError("need at least 2 tokens to evaluate")
    loss = nll / count
    return {"loss": loss, "perplexity": math.exp(loss), "tokens": count, "documents": len(texts)}
