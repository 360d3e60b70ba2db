"""BM25 retrieval: neuraflux's SQLite index vs `rank_bm25` and `bm25s`, fed the same tokens
(neuraflux's analyzer), on Python-docs chunks and on a synthetic 100k-chunk corpus: index
build time, mean query latency, nDCG@10 on generated queries, and the cost of adding one
document to the big index.

    python benchmarks/bench_retrieval.py [--synthetic 100000] [--queries 200]
"""
import argparse
import os
import random
import shutil
import tempfile
import time

from common import machine_line, optional, print_table

from neuraflux.core.corpus import pydoc_topics, stdlib_docstrings
from neuraflux.core.documents import Document
from neuraflux.core.retrieval.analyzer import analyze
from neuraflux.core.retrieval.build import index_documents
from neuraflux.core.retrieval.chunking import chunk_spans
from neuraflux.core.retrieval.index import DocumentIndex
from neuraflux.core.retrieval.metrics import ndcg_at_k


def docs_corpus():
    """Python docs and docstrings, pre-chunked to ~60 words so each chunk is one document."""
    chunks = []
    for doc in pydoc_topics() + stdlib_docstrings(min_length=40):
        for i, (s, e) in enumerate(chunk_spans(doc.text, 60, 0)):
            chunks.append(Document(doc.text[s:e], doc.path, f"{doc.doc_id}#{i}", None))  # same tokens for all
    return chunks


def synthetic_corpus(size, rng):
    """Chunks of 50 words drawn from the docs' vocabulary with a Zipf-like distribution."""
    words = sorted({w for d in pydoc_topics() for w in d.text.lower().split() if w.isalpha()})
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    rng.shuffle(words)
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    docs = []
    for i in range(size):
        text = " ".join(rng.choices(words, cum_weights=cumulative, k=50))
        docs.append(Document(text, "synthetic", f"s{i}", None))
    return docs


def make_queries(docs, count, rng):
    """(query text, id of the chunk it was drawn from): 3-5 distinct analyzed terms of one chunk."""
    queries = []
    while len(queries) < count:
        doc = rng.choice(docs)
        terms = list(dict.fromkeys(analyze(doc.text)))
        if len(terms) >= 3:
            queries.append((" ".join(rng.sample(terms, min(len(terms), rng.randint(3, 5)))), doc.doc_id))
    return queries


def run_neuraflux(docs, queries, folder):
    path = os.path.join(folder, "bench.sqlite")
    start = time.perf_counter()
    with DocumentIndex(path) as idx:
        index_documents(idx, docs, chunk_size=10 ** 6, overlap=0, progress=False)
    build = time.perf_counter() - start
    with DocumentIndex(path, create=False) as idx:
        rowid_to_doc = dict(idx.db.execute("SELECT id, doc_id FROM chunks"))
        start = time.perf_counter()
        rankings = [[rowid_to_doc[r] for r, _ in idx.lexical_search(q, 10)] for q, _ in queries]
        cold = (time.perf_counter() - start) / len(queries)  # postings read from SQLite on first use
        start = time.perf_counter()
        for q, _ in queries:
            idx.lexical_search(q, 10)
        warm = (time.perf_counter() - start) / len(queries)  # postings cached, as the others hold them
        start = time.perf_counter()
        with idx.transaction():
            idx.upsert("new-doc", "a freshly added document about context managers and generators")
        add_ms = (time.perf_counter() - start) * 1000
    return build, (cold, warm), rankings, add_ms


def run_rank_bm25(docs, queries):
    rank_bm25 = optional("rank_bm25")
    if rank_bm25 is None:
        return None
    tokens = [analyze(d.text) for d in docs]
    start = time.perf_counter()
    bm25 = rank_bm25.BM25Okapi(tokens, k1=1.2, b=0.75)
    build = time.perf_counter() - start
    ids = [d.doc_id for d in docs]
    start = time.perf_counter()
    rankings = [[ids[i] for i in bm25.get_top_n(analyze(q), list(range(len(docs))), n=10)] for q, _ in queries]
    return build, (time.perf_counter() - start) / len(queries), rankings


def run_bm25s(docs, queries):
    bm25s = optional("bm25s")
    if bm25s is None:
        return None
    tokens = [analyze(d.text) for d in docs]
    start = time.perf_counter()
    retriever = bm25s.BM25(k1=1.2, b=0.75, method="robertson")
    retriever.index(tokens, show_progress=False)
    build = time.perf_counter() - start
    ids = [d.doc_id for d in docs]
    query_tokens = [analyze(q) or ["\x00"] for q, _ in queries]
    start = time.perf_counter()
    rankings = []
    for q in query_tokens:
        results, _ = retriever.retrieve([q], k=10, show_progress=False, n_threads=1)
        rankings.append([ids[i] for i in results[0]])
    return build, (time.perf_counter() - start) / len(queries), rankings


def mean_ndcg(rankings, queries):
    return sum(ndcg_at_k(r, {gold: 1}, 10) for r, (_, gold) in zip(rankings, queries)) / len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    print(machine_line())
    rng = random.Random(0)
    corpora = {"python docs": docs_corpus(), f"synthetic {args.synthetic // 1000}k": synthetic_corpus(args.synthetic, rng)}
    rows, adds = [], []
    for name, docs in corpora.items():
        queries = make_queries(docs, args.queries, rng)
        folder = tempfile.mkdtemp()
        try:
            build, latency, rankings, add_ms = run_neuraflux(docs, queries, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        adds.append([name, f"{len(docs):,}", f"{add_ms:.1f}"])
        rows.append([name, f"{len(docs):,}", "neuraflux (SQLite, segments)", f"{build:.2f}",
                     f"{latency[1] * 1000:.2f} (first use {latency[0] * 1000:.2f})", f"{mean_ndcg(rankings, queries):.4f}"])
        for label, result in (("rank_bm25 BM25Okapi", run_rank_bm25(docs, queries)),
                              ("bm25s (robertson)", run_bm25s(docs, queries))):
            if result is None:
                rows.append([name, f"{len(docs):,}", label, "not installed", "", ""])
                continue
            b, lat, ranks = result
            rows.append([name, f"{len(docs):,}", label, f"{b:.2f}", f"{lat * 1000:.2f}", f"{mean_ndcg(ranks, queries):.4f}"])
    print_table("BM25 over the same analyzed tokens (one thread)",
                ["corpus", "chunks", "system", "index build s", "mean query ms", "nDCG@10"], rows)
    print_table("incremental add of one document (transaction committed)", ["corpus", "chunks", "ms"], adds)


if __name__ == "__main__":
    main()
