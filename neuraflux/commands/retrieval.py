"""`neuraflux index`, `neuraflux search` and `neuraflux eval retrieval`."""
import os
import sys
import tempfile
import time

from ..core.errors import NeuraFluxError
from .options import COUNT, backend_flags, deprecated_alias, integer, selection_flags


def add_parsers(sub):
    p = sub.add_parser("index", help="build or refresh a document index (SQLite)")
    p.add_argument("--docs", nargs="+", required=True, help="files or folders (.txt .md .rst .py .jsonl)")
    p.add_argument("--index", required=True, help="index file to create or update")
    p.add_argument("-m", "--model", default=None, help="also store dense vectors from this checkpoint")
    p.add_argument("--chunk-size", type=integer(1, 10 ** 9), default=120, help="words per chunk")
    p.add_argument("--chunk-overlap", type=COUNT, default=20, help="words shared by consecutive chunks")
    p.add_argument("--rebuild", action="store_true",
                   help="build the index afresh in a new file and swap it in (for a damaged index)")
    selection_flags(p)
    backend_flags(p)

    p = sub.add_parser("search", help="search an index")
    p.add_argument("--index", required=True, help="index file built with `neuraflux index`")
    p.add_argument("query", help="what to look for")
    p.add_argument("-k", "--num-results", type=integer(1, 10000), default=5, help="number of results")
    deprecated_alias(p, "--top-k", "--num-results", type=integer(1, 10000))
    p.add_argument("--mode", choices=("auto", "bm25", "dense", "hybrid"), default="auto",
                   help="auto: hybrid when the index has vectors, else bm25")
    p.add_argument("-m", "--model", default=None, help="embedding model for dense/hybrid (default: the one indexed)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    backend_flags(p)


def warn(message):
    print(f"neuraflux: warning: {message}", file=sys.stderr)


def make_embedder(args, index=None):
    """An Embedder for --model, or for the model recorded in the index; None without either."""
    from ..core.retrieval.retriever import Embedder
    from .model import load_model

    path = getattr(args, "model", None)
    if path is None and index is not None:
        path = index.meta().get("vector_model_path")
        if path and not os.path.isdir(path):
            raise NeuraFluxError(f"the index's vectors came from {path}, which is gone; pass --model DIR")
    if not path:
        return None, None
    backend, model = load_model(args, path)
    return Embedder(model), backend


def index(args):
    from ..core.retrieval.build import index_documents
    from ..core.retrieval.index import DocumentIndex
    from ..core.documents import load_documents

    if args.chunk_size <= 0 or not 0 <= args.chunk_overlap < args.chunk_size:
        raise NeuraFluxError("--chunk-overlap must be at least 0 and smaller than --chunk-size")
    start = time.perf_counter()
    docs = load_documents(args.docs, args.include, args.exclude, on_skip=warn)
    if not docs:
        raise NeuraFluxError(f"no readable documents under {', '.join(args.docs)}")
    embedder, _ = make_embedder(args) if args.model else (None, None)
    target = args.index
    if args.rebuild and os.path.exists(args.index):
        target = rebuild_path(args.index)
    elif os.path.exists(args.index):
        with DocumentIndex(args.index, create=False) as idx:
            idx.check_integrity()
    with DocumentIndex(target) as idx:
        if embedder is not None:
            recorded = idx.meta().get("vector_model")
            if recorded and recorded != embedder.identity and idx.has_vectors():
                warn("the model changed since the last run: recomputing every vector")
                idx.clear_vectors()
            idx.set_meta(vector_model_path=os.path.abspath(args.model))
        counts = index_documents(idx, docs, args.chunk_size, args.chunk_overlap, embedder,
                                 progress=True, prune_under=args.docs)
    if target != args.index:
        replace_index(target, args.index)
    print(f"{args.index}: {counts['added']} added, {counts['updated']} updated, {counts['unchanged']} unchanged, "
          f"{counts['removed']} removed; {counts['chunks']:,} chunks"
          f"{' with vectors' if embedder else ''} in {time.perf_counter() - start:.1f}s")
    return 0


SQLITE_MAGIC = b"SQLite format 3\x00"


def rebuild_path(path):
    """A fresh file next to `path` to build into for --rebuild, after checking that `path` is a
    neuraflux index or a damaged SQLite file (never a foreign database or another kind of file)."""
    from ..core.io import open_regular
    from ..core.retrieval.index import DocumentIndex

    with open_regular(path) as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise NeuraFluxError(f"{path} is not an SQLite file; --rebuild replaces only an index")
    try:
        DocumentIndex(path, create=False).close()
    except NeuraFluxError as exc:
        if "not a neuraflux index" in str(exc):
            raise
    folder, name = os.path.split(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.rebuild-", suffix=".tmp", dir=folder)
    os.close(fd)
    os.remove(tmp)  # SQLite creates it; an empty file would do too, but this keeps it a new file
    return tmp


def replace_index(built, path):
    """Swap a completely built (and closed, so checkpointed) index file in for `path`; the old
    file's WAL and shared-memory files go with it."""
    if os.path.exists(built + "-wal"):
        raise NeuraFluxError(f"the rebuilt index {built} was not checkpointed; {path} is unchanged")
    for suffix in ("-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    os.replace(built, path)


def open_retriever(index_path, args):
    """A Retriever over the index; a backend (and with it torch) only for dense/hybrid search."""
    from ..core.retrieval.index import DocumentIndex
    from ..core.retrieval.retriever import Retriever

    idx = DocumentIndex(index_path, create=False)
    embedder, backend = (None, None)
    if getattr(args, "mode", "auto") != "bm25" and (idx.has_vectors() or getattr(args, "model", None)):
        embedder, backend = make_embedder(args, idx)
    return Retriever(idx, embedder, backend, warn=warn)


def search(args):
    from . import emit_json

    retriever = open_retriever(args.index, args)
    start = time.perf_counter()
    hits = retriever.search(args.query, top_k=args.num_results, mode=args.mode)
    elapsed = time.perf_counter() - start
    if args.json:
        emit_json({"query": args.query, "mode": retriever.resolve_mode(args.mode), "seconds": round(elapsed, 6),
                   "results": [dict(h.source(), text=h.text) for h in hits]})
        return 0
    if not hits:
        print("no results")
    for rank, hit in enumerate(hits, 1):
        snippet = " ".join(hit.text.split())[:160]
        print(f"{rank}. [{hit.score:.3f}] {hit.title or hit.doc_id}  ({hit.path}:{hit.start}-{hit.end})\n   {snippet}")
    return 0


def eval_retrieval(args):
    from ..core.documents import Document
    from ..core.retrieval.build import index_documents
    from ..core.retrieval.index import DocumentIndex
    from ..core.retrieval.metrics import mrr_at_k, ndcg_at_k, read_beir_jsonl, read_qrels, recall_at_k
    from . import emit_json

    corpus = read_beir_jsonl(args.corpus, "corpus")
    queries = read_beir_jsonl(args.queries, "queries")
    qrels = read_qrels(args.qrels)
    if not corpus:
        raise NeuraFluxError(f"{args.corpus} holds no documents")
    docs = [Document(f"{row['title']}\n{row['text']}".strip(), args.corpus, row["id"], row["title"]) for row in corpus]
    tmp = None
    path = args.index
    if path is None:
        tmp = tempfile.mkdtemp(prefix="neuraflux-eval-")
        path = os.path.join(tmp, "index.sqlite")
    try:
        start = time.perf_counter()
        embedder = make_embedder(args)[0] if args.mode in ("dense", "hybrid") else None
        with DocumentIndex(path) as idx:
            # one chunk per BEIR document: judgements are per document
            index_documents(idx, docs, chunk_size=10 ** 9, overlap=0, embedder=embedder, progress=True)
        build_s = time.perf_counter() - start
        retriever = open_retriever(path, args)
        judged = [q for q in queries if q["id"] in qrels]
        if not judged:
            raise NeuraFluxError("no query in the queries file has judgements in the qrels file")
        ndcg = recall = mrr = 0.0
        latency = 0.0
        for query in judged:
            t0 = time.perf_counter()
            hits = retriever.search(query["text"], top_k=100, mode=args.mode)
            latency += time.perf_counter() - t0
            ranked = list(dict.fromkeys(h.doc_id for h in hits))
            ndcg += ndcg_at_k(ranked, qrels[query["id"]], 10)
            recall += recall_at_k(ranked, qrels[query["id"]], 100)
            mrr += mrr_at_k(ranked, qrels[query["id"]], 10)
        n = len(judged)
        result = {"ndcg@10": ndcg / n, "recall@100": recall / n, "mrr@10": mrr / n, "queries": n,
                  "documents": len(docs), "index_build_seconds": build_s, "mean_query_ms": 1000 * latency / n,
                  "mode": retriever.resolve_mode(args.mode)}
        retriever.index.close()
    finally:
        if tmp:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        emit_json(result)
    else:
        print(f"nDCG@10 {result['ndcg@10']:.4f}  Recall@100 {result['recall@100']:.4f}  MRR@10 {result['mrr@10']:.4f}"
              f"  ({n} queries, {len(docs):,} documents, {result['mode']})")
        print(f"index build {build_s:.2f}s, mean query latency {result['mean_query_ms']:.2f} ms")
    return 0
