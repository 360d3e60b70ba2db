"""Sentence embeddings for retrieval: BM25 vs dense (all-MiniLM-L6-v2) vs hybrid on BEIR
datasets, with the fused weight chosen on a dev half of the queries and reported on the other.

    neuraflux pull minilm
    python benchmarks/bench_embeddings.py [--data ../shared/data/beir-scifact] [--index scifact.db]

Queries are split by a hash of their id (even: dev, odd: test), so the split is fixed and
independent of order. Also printed: lite query-embedding latency next to torch's, and the
published reference figures of the same model (sentence-transformers) for comparison.
"""
import argparse
import hashlib
import os
import statistics
import time

from common import machine_line, optional, print_table

from neuraflux.core.backends import get_backend
from neuraflux.core.documents import Document
from neuraflux.core.models import resolve_model
from neuraflux.core.retrieval.build import embed_missing, index_documents
from neuraflux.core.retrieval.fusion import reciprocal_rank_fusion, weighted_fusion
from neuraflux.core.retrieval.index import DocumentIndex
from neuraflux.core.retrieval.metrics import ndcg_at_k, read_beir_jsonl, read_qrels, recall_at_k
from neuraflux.core.retrieval.retriever import EncoderEmbedder, Retriever

REFERENCE = {"beir-scifact": "sentence-transformers all-MiniLM-L6-v2: dense 0.645, RRF with BM25 0.717 (issue 17)"}
WEIGHTS = [round(0.05 * i, 2) for i in range(1, 20)]


def split(query_id):
    return "dev" if int(hashlib.sha256(query_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data",
                                                       "beir-scifact"))
    parser.add_argument("--index", default=None, help="keep the embedded index here (reused when present)")
    parser.add_argument("--model", default="minilm")
    parser.add_argument("--throughput-docs", type=int, default=256)
    parser.add_argument("--throughput-only", action="store_true")
    args = parser.parse_args()
    if args.throughput_only:
        corpus = read_beir_jsonl(os.path.join(args.data, "corpus.jsonl"), "corpus")
        return throughput(corpus[:args.throughput_docs], args.model)
    name = os.path.basename(os.path.normpath(args.data))
    corpus = read_beir_jsonl(os.path.join(args.data, "corpus.jsonl"), "corpus")
    queries = read_beir_jsonl(os.path.join(args.data, "queries.jsonl"), "queries")
    qrels = read_qrels(os.path.join(args.data, "qrels", "test.tsv"))
    judged = [q for q in queries if q["id"] in qrels]
    path = args.index or os.path.join(os.path.dirname(__file__), f".{name}-embeddings.db")
    torch_backend = get_backend("torch")
    encoder = torch_backend.load_encoder(resolve_model(args.model))
    embedder = EncoderEmbedder(encoder)
    with DocumentIndex(path) as idx:
        start = time.perf_counter()
        docs = [Document(f"{r['title']}\n{r['text']}".strip(), "corpus", r["id"], r["title"]) for r in corpus]
        index_documents(idx, docs, chunk_size=10 ** 9, overlap=0, progress=True)
        idx.set_meta(vector_model=embedder.identity, vector_kind="encoder", vector_model_path=encoder.path)
        embedded = embed_missing(idx, embedder)
        build = time.perf_counter() - start
    retriever = Retriever(path, embedder, torch_backend)
    runs = {}
    for q in judged:
        lexical = retriever.index.lexical_search(q["text"], 100)
        dense = retriever.dense_search(q["text"], 100)
        runs[q["id"]] = (lexical, dense)

    def doc_ids(ranked):
        return [c.doc_id for c in retriever.index.chunks([i for i, _ in ranked])]

    def score(method, ids):
        return statistics.fmean(ndcg_at_k(doc_ids(method(*runs[i])), qrels[i], 10) for i in ids)

    methods = {"bm25": lambda lex, den: lex[:10], "dense": lambda lex, den: den[:10],
               "hybrid rrf (k=60)": lambda lex, den: reciprocal_rank_fusion([[i for i, _ in lex], [i for i, _ in den]],
                                                                           k=60, top_k=10)}
    dev = [q["id"] for q in judged if split(q["id"]) == "dev"]
    test = [q["id"] for q in judged if split(q["id"]) == "test"]
    tuned = {w: score(lambda lex, den, w=w: weighted_fusion(lex, den, w, 10), dev) for w in WEIGHTS}
    best = max(tuned, key=lambda w: (tuned[w], -abs(w - 0.5)))
    methods[f"hybrid weighted (w={best}, dev-tuned)"] = lambda lex, den: weighted_fusion(lex, den, best, 10)
    rows = [[m, f"{score(f, dev):.4f}", f"{score(f, test):.4f}", f"{score(f, dev + test):.4f}"]
            for m, f in methods.items()]
    recall = statistics.fmean(recall_at_k(doc_ids(runs[i][1]), qrels[i], 100) for i in dev + test)
    print(f"{machine_line()}; {name}: {len(corpus):,} documents, {len(judged)} judged queries "
          f"({len(dev)} dev / {len(test)} test); {embedded:,} documents embedded in {build:.0f}s (torch)")
    print_table(f"nDCG@10 on {name}", ["method", "dev", "test", "all"], rows)
    print(f"dense Recall@100 (all queries): {recall:.4f}")
    print("weighted fusion on dev by weight: " + ", ".join(f"{w}: {v:.4f}" for w, v in tuned.items()))
    if name in REFERENCE:
        print(f"reference (published): {REFERENCE[name]}")
    sample = [q["text"] for q in judged[:20]]
    timings = []
    for backend_name in ("torch", "lite"):
        start = time.process_time()
        enc = get_backend(backend_name).load_encoder(resolve_model(args.model))
        load = time.process_time() - start
        per = []
        for text in sample[: 20 if backend_name == "torch" else 8]:
            t0 = time.process_time()
            enc.embed([text])
            per.append(time.process_time() - t0)
        timings.append([backend_name, f"{load:.2f}", f"{1000 * statistics.median(per):.1f}"])
    st = optional("sentence_transformers")
    if st is not None:
        model = st.SentenceTransformer(resolve_model(args.model), device="cpu")
        per = []
        for text in sample:
            t0 = time.process_time()
            model.encode([text])
            per.append(time.process_time() - t0)
        timings.append(["reference: sentence-transformers", "-", f"{1000 * statistics.median(per):.1f}"])
    print_table("one query embedding (CPU)", ["backend", "load s", "median ms/query"], timings)
    throughput(corpus[:args.throughput_docs], args.model)


def throughput(rows, model_name):
    """Documents/s encoding a slice of the corpus, 1 and 2 torch threads, neuraflux next to
    sentence-transformers (same model, same batch size 32, same max length); best of 2."""
    import torch

    texts = [f"{r['title']}\n{r['text']}".strip() for r in rows]
    folder = resolve_model(model_name)
    ours = get_backend("torch").load_encoder(folder)
    st = optional("sentence_transformers")
    reference = st.SentenceTransformer(folder, device="cpu") if st else None
    table = []
    for threads in (1, 2):
        torch.set_num_threads(threads)
        row = [str(threads)]
        for run in (lambda: ours.embed(texts), (lambda: reference.encode(texts, batch_size=32)) if reference else None):
            if run is None:
                row.append("not installed")
                continue
            best = min(_wall(run) for _ in range(2))
            row.append(f"{len(texts) / best:.1f}")
        table.append(row)
    print_table(f"encoding throughput, {len(texts)} documents (docs/s, wall clock, best of 2)",
                ["torch threads", "neuraflux", "reference: sentence-transformers"], table)


def _wall(run):
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
