"""`neuraflux index`, `neuraflux search` and `neuraflux eval retrieval`."""
import os
import sys
import tempfile
import time

from ..core.errors import NeuraFluxError
from .options import COUNT, backend_flags, deprecated_alias, integer, selection_flags


def add_parsers(sub):
    p = sub.add_parser("index", help="build or refresh a document index (SQLite)")
    p.add_argument("--docs", nargs="+", required=True,
                   help="files or folders (.txt .md .rst .html .docx .doc .odt .ods .odp .xlsx .xls .pptx .ppt .epub .eml .msg .mbox .rtf .mhtml .pdf .tex .vtt .srt .ics .vcf .ipynb .csv .py .js .ts .go .rs .java .sh .sql .json .toml .yaml .ini .jsonl)")
    p.add_argument("--index", required=True, help="index file to create or update")
    embedding_flags(p)
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
                   help="auto: hybrid when the index holds sentence embeddings, else bm25")
    fusion_flag(p)
    embedding_flags(p, searching=True)
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    backend_flags(p)


def fusion_flag(p):
    p.add_argument("--fusion", choices=("rrf", "weighted"), default="rrf",
                   help="how hybrid search merges BM25 and dense rankings: reciprocal rank fusion, or "
                        "min-max-normalised scores weighted as tuned on a dev split")


def warn(message):
    print(f"neuraflux: warning: {message}", file=sys.stderr)


def embedding_flags(p, searching=False):
    p.add_argument("--embed-model", default=None,
                   help="sentence-embedding model for dense/hybrid search: a Hugging Face BERT folder, or "
                        "`minilm` after `neuraflux pull minilm`" + (" (default: the one indexed)" if searching else ""))
    p.add_argument("-m", "--model", default=None,
                   help="a neuraflux language model whose hidden states serve as embeddings (known to rank worse "
                        "than BM25; prefer --embed-model)")


def make_embedder(args, index=None):
    """(embedder, backend) for --embed-model or --model, else for the model recorded in the index;
    (None, None) without any."""
    from ..core.backends import get_backend
    from ..core.models import resolve_model
    from ..core.retrieval.retriever import Embedder, EncoderEmbedder
    from .model import backend_options, load_model

    encoder_path = getattr(args, "embed_model", None)
    lm_path = getattr(args, "model", None)
    if encoder_path is None and lm_path is None and index is not None:
        meta = index.meta()
        recorded = meta.get("vector_model_path")
        if recorded and not os.path.isdir(recorded):
            raise NeuraFluxError(f"the index's vectors came from {recorded}, which is gone; pass --embed-model PATH")
        if meta.get("vector_kind") == "encoder":
            encoder_path = recorded
        else:
            lm_path = recorded
    if encoder_path:
        backend = get_backend(args.backend)
        options = {k: v for k, v in backend_options(args, backend).items() if k == "device"}
        return EncoderEmbedder(backend.load_encoder(resolve_model(encoder_path), **options)), backend
    if lm_path:
        backend, model = load_model(args, lm_path)
        return Embedder(model), backend
    return None, None


def store_vectors(index, embedder, backend, lm_path=None):
    """Give every chunk of `index` a vector from `embedder` (all of them again if the model
    changed), recording which model made them."""
    from ..core.retrieval.build import embed_missing

    recorded = index.meta().get("vector_model")
    if recorded and recorded != embedder.identity and index.has_vectors():
        warn("the embedding model changed since the last run: recomputing every vector")
        index.clear_vectors()
    path = embedder.path if embedder.kind == "encoder" else lm_path
    index.set_meta(vector_model=embedder.identity, vector_kind=embedder.kind, vector_model_path=os.path.abspath(path))
    estimate_embedding(embedder, index, backend)
    embed_missing(index, embedder)


def estimate_embedding(embedder, index, backend):
    """Before a long pure-Python embedding run: time one chunk and say what the whole will cost."""
    missing = index.missing_vectors()
    if not missing or backend.dense_rate is None or len(missing) < 20:
        return
    sample = index.chunks(missing[:1])[0].text
    start = time.process_time()
    embedder([sample])
    seconds = (time.process_time() - start) * len(missing)
    warn(f"embedding {len(missing):,} chunks in the {backend.name} backend will take about "
         f"{seconds / 60:.0f} min ({seconds / len(missing):.2f} s each); with torch installed it is far faster. "
         "Ctrl-C stops it; a re-run continues where it stopped")


def index(args):
    from ..core.retrieval.build import refresh_from_files
    from ..core.retrieval.index import DocumentIndex

    if args.chunk_size <= 0 or not 0 <= args.chunk_overlap < args.chunk_size:
        raise NeuraFluxError("--chunk-overlap must be at least 0 and smaller than --chunk-size")
    start = time.perf_counter()
    target = args.index
    if args.rebuild and os.path.exists(args.index):
        target = rebuild_path(args.index)
    elif os.path.exists(args.index):
        with DocumentIndex(args.index, create=False) as idx:
            idx.check_integrity()
    created = not os.path.exists(target)
    with DocumentIndex(target) as idx:
        counts = refresh_from_files(idx, args.docs, args.chunk_size, args.chunk_overlap, args.include, args.exclude,
                                    on_skip=warn, created=created)
        embedder, backend = make_embedder(args) if (args.model or args.embed_model) else (None, None)
        if embedder is not None:
            if embedder.kind == "lm":
                from ..core.retrieval.retriever import LM_VECTORS_WARNING

                warn(LM_VECTORS_WARNING)
            store_vectors(idx, embedder, backend, args.model)
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


def open_retriever(index_path, args, embedder=None, backend=None):
    """A Retriever over the index; a backend (and with it torch) only for dense/hybrid search."""
    from ..core.retrieval.index import DocumentIndex
    from ..core.retrieval.retriever import Retriever

    idx = DocumentIndex(index_path, create=False)
    if embedder is None and getattr(args, "mode", "auto") != "bm25" and idx.has_vectors():
        embedder, backend = make_embedder(args, idx)
    return Retriever(idx, embedder, backend, warn=warn, fusion=getattr(args, "fusion", "rrf"))


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
        embedder, backend = make_embedder(args) if args.mode != "bm25" else (None, None)
        with DocumentIndex(path) as idx:
            # one chunk per BEIR document: judgements are per document
            index_documents(idx, docs, chunk_size=10 ** 9, overlap=0, progress=True)
            if embedder is not None:
                store_vectors(idx, embedder, backend, args.model)
        build_s = time.perf_counter() - start
        retriever = open_retriever(path, args, embedder, backend)
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
