"""`neuraflux eval qa`: answer a question set and score the answers.

Question file: JSON lines `{"question", "answers": [reference strings], "facts": [[acceptable
phrases], …] (optional), "source": gold document id, a list of ids, or null}`. With --docs, a
source may be the document's path relative to a folder given ("guide/install.md"). A question with no
answers, facts or source is unanswerable from the documents: its right answer is to abstain.

Per question: correct (every fact group matched, or a reference contained; for unanswerable
questions: abstained), token F1 against the best reference (SQuAD-style), attribution (share of
answer sentences supported by a cited passage), gold source hit@k and cited, latency.
"""
from .documents import iter_json_lines
from .errors import DataError
from .qa_metrics import answer_correct, sentence_supported, token_f1


def read_questions(path):
    """The question set in `path`, validated."""
    items = []
    for number, item in iter_json_lines(path):
        if not isinstance(item, dict) or not isinstance(item.get("question"), str) or not item["question"].strip():
            raise DataError(f'{path}:{number}: each line needs a "question" string')
        answers, facts, source = item.get("answers", []), item.get("facts", []) or [], item.get("source")
        if not isinstance(answers, list) or not all(isinstance(a, str) for a in answers):
            raise DataError(f'{path}:{number}: "answers" must be a list of strings')
        if not isinstance(facts, list) or not all(isinstance(g, list) and g and all(isinstance(p, str) for p in g)
                                                  for g in facts):
            raise DataError(f'{path}:{number}: "facts" must be a list of non-empty lists of strings')
        sources = [source] if isinstance(source, str) else source if isinstance(source, list) else None
        if source is None:
            sources = []
        if sources is None or not all(isinstance(s, str) for s in sources):
            raise DataError(f'{path}:{number}: "source" must be a document id, a list of ids, or null')
        items.append({"question": item["question"], "answers": answers, "facts": facts, "sources": sources})
    if not items:
        raise DataError(f"{path} holds no questions")
    return items


def score_answer(item, answer, hits, k=3):
    """The per-question figures for one Answer (see the module docstring)."""
    answerable = bool(item["answers"] or item["facts"] or item["sources"])
    if answerable:
        correct = (not answer.abstained) and answer_correct(answer.text, item["answers"], item["facts"])
    else:
        correct = answer.abstained
    f1 = max((token_f1(answer.text, ref) for ref in item["answers"]), default=float(correct))
    retrieved = [h.doc_id for h in hits[:k]]
    gold = item["sources"]
    cited = {answer.sources[c.source - 1].doc_id for c in answer.citations if 0 < c.source <= len(answer.sources)}
    sentences = answer.citations
    supported = sum(1 for c in sentences if 0 < c.source <= len(answer.sources)
                    and sentence_supported(c.sentence, answer.sources[c.source - 1].text))
    return {"question": item["question"], "answer": answer.text, "answerable": answerable, "correct": correct,
            "f1": f1, "hit": any_gold(gold, retrieved) if gold else None,
            "gold_cited": any_gold(gold, cited) if gold else None, "abstained": answer.abstained,
            "sentences": len(sentences), "supported": supported, "latency_ms": answer.latency_ms}


def is_gold(source, doc_id):
    """Whether the document `doc_id` is the gold `source`: the same id, or a file path that ends
    with the source's relative path ("docs/server.md" for "server.md")."""
    if source == doc_id:
        return True
    path, source = doc_id.replace("\\", "/"), source.replace("\\", "/")
    source = source[2:] if source.startswith("./") else source
    return bool(source) and path.endswith("/" + source)


def any_gold(sources, doc_ids):
    return any(is_gold(source, doc_id) for source in sources for doc_id in doc_ids)


def percentile(values, q):
    values = sorted(values)
    if not values:
        return 0.0
    position = (len(values) - 1) * q
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def summarize(rows, k=3):
    """Totals over per-question rows: the figures `eval qa` prints."""
    answerable = [r for r in rows if r["answerable"]]
    with_gold = [r for r in answerable if r["hit"] is not None]
    sentences = sum(r["sentences"] for r in rows)
    latencies = [r["latency_ms"] for r in rows]
    n = len(rows)
    return {"questions": n, "answerable": len(answerable),
            "correct": sum(r["correct"] for r in rows) / n if n else 0.0,
            "correct_with_gold_cited": (sum(r["correct"] and (r["gold_cited"] is not False) for r in rows) / n
                                        if n else 0.0),
            "f1": sum(r["f1"] for r in answerable) / len(answerable) if answerable else 0.0,
            "attribution": sum(r["supported"] for r in rows) / sentences if sentences else 1.0,
            f"hit@{k}": sum(r["hit"] for r in with_gold) / len(with_gold) if with_gold else 0.0,
            "abstain_rate": sum(r["abstained"] for r in rows) / n if n else 0.0,
            "abstain_on_answerable": (sum(r["abstained"] for r in answerable) / len(answerable)
                                      if answerable else 0.0),
            "latency_ms_p50": percentile(latencies, 0.5), "latency_ms_p95": percentile(latencies, 0.95)}


def evaluate_qa(rag, items, options=None, mode=None, k=3, progress=None):
    """Answer every question with `rag` and score it: (summary, per-question rows). hit@k is
    read from the passages behind each answer (`rag.top_k` of them)."""
    rows = []
    for item in items:
        answer = rag.answer(item["question"], options, mode=mode)
        rows.append(score_answer(item, answer, answer.sources, k))
        if progress:
            progress()
    return summarize(rows, k), rows
