"""Retrieval metrics (BEIR / TREC conventions) and BEIR file readers."""
import csv
import io
import math

from ..documents import iter_json_lines
from ..errors import DataError
from ..io import open_regular


def ndcg_at_k(ranked, relevant, k=10):
    """nDCG@k with graded relevance: relevant maps doc id -> grade (> 0)."""
    dcg = sum(relevant.get(doc, 0) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted((g for g in relevant.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at_k(ranked, relevant, k=100):
    wanted = {d for d, g in relevant.items() if g > 0}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def mrr_at_k(ranked, relevant, k=10):
    for i, doc in enumerate(ranked[:k], 1):
        if relevant.get(doc, 0) > 0:
            return 1.0 / i
    return 0.0


def read_beir_jsonl(path, kind):
    """BEIR corpus.jsonl / queries.jsonl rows: {"_id", "text", optional "title"}."""
    rows = []
    try:
        for number, row in iter_json_lines(path):
            if not isinstance(row, dict) or "_id" not in row or not isinstance(row.get("text", ""), str):
                raise DataError(f"{path}:{number}: a {kind} row needs \"_id\" and a string \"text\"")
            rows.append({"id": str(row["_id"]), "title": row.get("title") or "", "text": row.get("text", "")})
    except OSError as exc:
        raise DataError(f"cannot read {kind} {path!r}: {exc.strerror}") from None
    return rows


def _read_qrels_rows(reader, path, qrels):
    for number, row in enumerate(reader, 1):
        if not row or (number == 1 and row[0] == "query-id"):
            continue
        if len(row) < 3:
            raise DataError(f"{path}:{number}: expected query-id, corpus-id and score separated by tabs")
        try:
            grade = int(float(row[2]))
        except (ValueError, OverflowError):
            raise DataError(f"{path}:{number}: score {row[2]!r} is not a number") from None
        qrels.setdefault(row[0], {})[row[1]] = grade


def read_qrels(path):
    """BEIR qrels.tsv: header `query-id  corpus-id  score`, then one judgement per line."""
    qrels = {}
    try:
        handle = io.TextIOWrapper(open_regular(path), encoding="utf-8", newline="")
    except OSError as exc:
        raise DataError(f"cannot read qrels {path!r}: {exc.strerror}") from None
    try:
        with handle:
            _read_qrels_rows(csv.reader(handle, delimiter="\t"), path, qrels)
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except csv.Error as exc:
        raise DataError(f"{path}: not a tab-separated qrels file ({exc})") from None
    return qrels
