"""BM25 on real, long queries: neuraflux's index against bm25s and rank_bm25 fed the same
tokens (neuraflux's analyzer), on SciFact (claims) and a second long-query set (the first two
sentences of 300 SciFact abstracts, seeded), cold and warm, plus `neuraflux search` end to end.

    python benchmarks/bench_search_beir.py [--data ../shared/data/beir-scifact]

Cold: the first query of a fresh process that opens the saved index (neuraflux: the SQLite file;
bm25s: its saved index, memory-mapped), median of 5 processes per engine, run alternately. Warm:
the mean over all queries of one pass, after a first pass; the median of 5 passes per engine, run
alternately. All times are process CPU time (this machine is shared: wall time follows its load).
"""
import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time

from common import ROOT, machine_line, optional, print_table

from neuraflux.core.documents import Document
from neuraflux.core.retrieval.analyzer import analyze
from neuraflux.core.retrieval.build import index_documents
from neuraflux.core.retrieval.index import DocumentIndex
from neuraflux.core.retrieval.metrics import read_beir_jsonl

COLD_NEURAFLUX = """
import sys, time
sys.path.insert(0, {root!r})
t0 = time.process_time()
from neuraflux.core.retrieval.index import DocumentIndex
idx = DocumentIndex({path!r}, create=False)
t1 = time.process_time()
idx.lexical_search({query!r}, 10)
print((time.process_time() - t1) * 1000, (time.process_time() - t0) * 1000)
"""
COLD_BM25S = """
import sys, time
sys.path.insert(0, {root!r})
t0 = time.process_time()
import bm25s
from neuraflux.core.retrieval.analyzer import analyze
r = bm25s.BM25.load({path!r}, mmap=True)
vocab = r.vocab_dict
t1 = time.process_time()
ids = [vocab[t] for t in analyze({query!r}) if t in vocab]
r.retrieve([ids], k=10, show_progress=False)
print((time.process_time() - t1) * 1000, (time.process_time() - t0) * 1000)
"""


def long_queries(corpus, count=300, seed=11):
    rng = random.Random(seed)
    picked = rng.sample(corpus, count)
    return [" ".join(re.split(r"(?<=[.!?])\s+", row["text"])[:2]) for row in picked]


def cold_runs(template, path, query):
    """One fresh process: (first-query ms, open+first-query ms), process CPU."""
    out = subprocess.run([sys.executable, "-c", template.format(root=ROOT, path=path, query=query)],
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def warm_pass(search, queries):
    """Mean process-CPU ms per query over one pass."""
    start = time.process_time()
    for q in queries:
        search(q)
    return 1000 * (time.process_time() - start) / len(queries)


def alternately(measures, runs=5):
    """{name: median result} of each measure run `runs` times, the measures taking turns; a
    measure returning a tuple gets the median of each of its fields."""
    results = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            results[name].append(measure())
    return {name: _median(rows) for name, rows in results.items()}


def _median(rows):
    if isinstance(rows[0], tuple):
        return tuple(statistics.median(field) for field in zip(*rows))
    return statistics.median(rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "beir-scifact"))
    args = parser.parse_args()
    corpus = read_beir_jsonl(os.path.join(args.data, "corpus.jsonl"), "corpus")
    claims = [q["text"] for q in read_beir_jsonl(os.path.join(args.data, "queries.jsonl"), "queries")]
    sets = {"SciFact claims": claims, "abstract sentences": long_queries(corpus)}
    tmp = tempfile.mkdtemp(prefix="bench-beir-")
    path = os.path.join(tmp, "scifact.sqlite")
    docs = [Document(f"{r['title']}\n{r['text']}".strip(), "corpus", r["id"], r["title"]) for r in corpus]
    with DocumentIndex(path) as idx:
        index_documents(idx, docs, chunk_size=10 ** 9, overlap=0, progress=False)
    index = DocumentIndex(path, create=False)
    tokens = [analyze(d.title or "") + analyze(d.text) for d in docs]
    bm25s = optional("bm25s")
    rank_bm25 = optional("rank_bm25")
    saved = None
    if bm25s is not None:
        vocab = {}
        ids = [[vocab.setdefault(t, len(vocab)) for t in doc] for doc in tokens]
        retriever = bm25s.BM25(k1=1.2, b=0.75, method="robertson")
        retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
        saved = os.path.join(tmp, "bm25s")
        retriever.save(saved)
        retriever.vocab_dict = vocab
    if rank_bm25 is not None:
        okapi = rank_bm25.BM25Okapi(tokens, k1=1.2, b=0.75)
    rows = []
    for name, queries in sets.items():
        mean_terms = statistics.fmean(len(analyze(q)) for q in queries)
        warm_measures = {"neuraflux": lambda: warm_pass(lambda q: index.lexical_search(q, 10), queries)}
        cold_measures = {"neuraflux": lambda: cold_runs(COLD_NEURAFLUX, path, queries[0])}
        if bm25s is not None:
            def search_bm25s(q):
                qids = [vocab[t] for t in analyze(q) if t in vocab]
                return retriever.retrieve([qids], k=10, show_progress=False) if qids else None

            warm_measures["bm25s"] = lambda: warm_pass(search_bm25s, queries)
            cold_measures["bm25s"] = lambda: cold_runs(COLD_BM25S, saved, queries[0])
        for measure in warm_measures.values():
            measure()  # the first pass fills the caches
        warm_ms, cold_ms = alternately(warm_measures), alternately(cold_measures)
        row = [f"{name} ({len(queries)}, {mean_terms:.0f} terms)"]
        for engine in ("neuraflux", "bm25s"):
            if engine in warm_ms:
                row += [f"{warm_ms[engine]:.3f}", f"{cold_ms[engine][0]:.1f} / {cold_ms[engine][1]:.0f}"]
            else:
                row += ["not installed", "-"]
        if rank_bm25 is not None:
            row.append(f"{warm_pass(lambda q: okapi.get_scores(analyze(q)), queries[:50]):.2f}")
        else:
            row.append("not installed")
        rows.append(row)
    print(f"{machine_line()}; {len(corpus):,} SciFact abstracts, one chunk each")
    print_table("BM25 query latency, process CPU ms (cold: first query / open + first query, median of 5 processes)",
                ["query set", "neuraflux warm", "neuraflux cold", "bm25s warm", "bm25s cold", "rank_bm25 warm"], rows)
    end_to_end(path, claims[0])


def end_to_end(path, query):
    """`neuraflux search` as a user runs it (torch installed or not): process start to exit."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "neuraflux", "search", "--index", path, query], capture_output=True,
                       check=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=ROOT))
        times.append(time.perf_counter() - start)
    print(f"\n`neuraflux search` end to end (process start to exit, warm file cache): median "
          f"{1000 * statistics.median(times):.0f} ms over 5 runs")


if __name__ == "__main__":
    main()
