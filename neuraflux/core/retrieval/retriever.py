"""Search over a DocumentIndex: BM25, dense (cosine over model embeddings), or both fused."""
import os
import time
from dataclasses import dataclass

from ..errors import RetrievalError
from ..io import file_digest
from ..meaning import encoder_similarity, shipped_similarity
from .fusion import FUSIONS, reciprocal_rank_fusion, weighted_fusion
from .index import DocumentIndex

MODES = ("auto", "bm25", "dense", "hybrid")
CONTAINING_DEPTH = 200  # BM25 results searched for a verbatim text that ranks them (Retriever.containing)


@dataclass
class Hit:
    """One search result: a chunk, where it comes from, and its score."""

    chunk_id: str
    doc_id: str
    title: str
    path: str
    start: int
    end: int
    text: str
    score: float

    def source(self):
        return {"id": self.chunk_id, "doc_id": self.doc_id, "title": self.title, "path": self.path,
                "start": self.start, "end": self.end, "score": round(self.score, 6)}


def model_identity(model):
    """A short hash of a model's files: a GGUF file, or a folder's config.json and weight files."""
    if os.path.isfile(model.path):
        return file_digest([model.path])[:16]
    names = ["config.json"] + sorted(n for n in os.listdir(model.path) if n.endswith(".safetensors"))
    return file_digest([os.path.join(model.path, name) for name in names])[:16]


LM_VECTORS_WARNING = ("dense search over a language model's hidden states is known to rank worse than BM25 "
                      "(SciFact nDCG@10: 0.002 dense, 0.471 hybrid, against 0.690 for BM25); index with "
                      "--embed-model minilm for real sentence embeddings")


class EncoderEmbedder:
    """Texts -> vectors through a sentence encoder (backend.load_encoder)."""

    kind = "encoder"

    def __init__(self, encoder):
        self.encoder = encoder
        self.identity = encoder.identity
        self.path = encoder.path

    def __call__(self, texts, progress=None):
        return self.encoder.embed(list(texts), progress=progress)


class Embedder:
    """Texts -> L2-normalised vectors through a language model's mean-pooled hidden states
    (not trained for retrieval: see LM_VECTORS_WARNING)."""

    kind = "lm"

    def __init__(self, model, batch_size=16):
        if model.tokenizer is None:
            raise RetrievalError("the embedding model has no tokenizer")
        self.model, self.batch_size = model, batch_size
        self.identity = model_identity(model) if getattr(model, "path", None) else "unsaved"

    def __call__(self, texts, progress=None):
        limit = self.model.config.max_seq_len
        out = []
        for i in range(0, len(texts), self.batch_size):
            batch = [self.model.tokenizer.encode(t)[:limit] for t in texts[i:i + self.batch_size]]
            out.extend(self.model.embed(batch))
        return out


class Retriever:
    """Ranks an index's chunks for a query; `backend` supplies dense scoring."""

    def __init__(self, index, embedder=None, backend=None, warn=None, fusion="rrf"):
        self.index = index if isinstance(index, DocumentIndex) else DocumentIndex(index, create=False)
        self.embedder = embedder
        self.backend = backend
        self.warn = warn
        if fusion not in FUSIONS:
            raise RetrievalError(f"unknown fusion {fusion!r}; choose {', '.join(FUSIONS)}")
        self.fusion = fusion
        self._matrix = None
        self._warned_lm = False
        if embedder is not None and self.index.has_vectors():
            recorded = self.index.meta().get("vector_model")
            if recorded and recorded != embedder.identity:
                raise RetrievalError(
                    f"the index's vectors come from model {recorded}, not {embedder.identity}; "
                    "re-index with this model or pass the one it was built with")

    def document_text(self, doc_id):
        return self.index.document_text(doc_id)

    def document_ids(self):
        """The id of every indexed document."""
        return list(self.index.document_paths())

    def term_idf(self, term):
        """idf of an analyzed term; `None` gives the largest possible (a term no chunk has)."""
        return self.index.term_idf(term)

    def vocabulary(self):
        """Every indexed term (empty where the engine cannot list them)."""
        return self.index.vocabulary()

    def title_term_counts(self):
        """{analyzed term: how many distinct titles use it}."""
        return self.index.title_term_counts()

    def containing(self, text, limit=2, query=None):
        """Hits (score 0.0) for the chunks that hold `text` verbatim: code no term matches ("2**-1");
        with `query`, those among its best `CONTAINING_DEPTH` BM25 results, best first ('"is"' for
        "What does the is operator check?")."""
        among = None if query is None else [rowid for rowid, _ in self.index.lexical_search(query, CONTAINING_DEPTH)]
        return [_hit(c, 0.0) for c in self.index.chunks_containing(text, limit, among)]

    def matching(self, pattern, limit=1):
        """Hits (score 0.0) for the chunks in which the compiled `pattern` finds a match."""
        return [_hit(c, 0.0) for c in self.index.chunks_matching(pattern, limit)]

    def sentence_similarity(self):
        """How close in meaning a sentence is to a question (meaning.SentenceSimilarity): the
        sentence encoder's vectors where its backend is known to run it fast, else the shipped static
        vectors (a language model's states measure no meaning)."""
        fast = self.backend is not None and getattr(self.backend, "dense_rate", None) is None
        if getattr(self.embedder, "kind", None) == "encoder" and fast:
            return encoder_similarity(self.embedder)
        return shipped_similarity()

    def resolve_mode(self, mode):
        if mode not in MODES:
            raise RetrievalError(f"unknown search mode {mode!r}; choose {', '.join(MODES)}")
        real = self.vector_kind() == "encoder"
        if mode == "auto":  # hybrid only with real sentence embeddings: LM states make results worse
            return "hybrid" if real and self.index.has_vectors() and self.embedder is not None else "bm25"
        if mode in ("dense", "hybrid"):
            if not self.index.has_vectors():
                raise RetrievalError(f"--mode {mode} needs vectors: index with --embed-model minilm first")
            if self.embedder is None:
                raise RetrievalError(f"--mode {mode} needs the embedding model: pass --embed-model PATH")
            if not real and self.warn and not self._warned_lm:
                self._warned_lm = True
                self.warn(LM_VECTORS_WARNING)
        return mode

    def vector_kind(self):
        """'encoder' for sentence-embedding vectors, 'lm' for language-model states, None if none."""
        if not self.index.has_vectors():
            return None
        return self.index.meta().get("vector_kind", "lm")

    def search(self, query, top_k=10, mode="auto"):
        mode = self.resolve_mode(mode)
        depth = max(top_k, 100) if mode == "hybrid" else top_k
        if mode == "bm25":
            ranked = self.index.lexical_search(query, top_k)
        elif mode == "dense":
            ranked = self.dense_search(query, top_k)
        else:
            lexical = self.index.lexical_search(query, depth)
            dense = self.dense_search(query, depth)
            if self.fusion == "weighted":
                ranked = weighted_fusion(lexical, dense, top_k=top_k)
            else:
                ranked = reciprocal_rank_fusion([[i for i, _ in lexical], [i for i, _ in dense]], k=60, top_k=top_k)
        scores = dict(ranked)
        chunks = self.index.chunks([rowid for rowid, _ in ranked])
        rowids = [rowid for rowid, _ in ranked]
        return [_hit(c, scores[r]) for r, c in zip(rowids, chunks)]

    def dense_search(self, query, top_k):
        rowids, rows = self.index.vectors()
        if not rows:
            return []
        if self._matrix is None or self._matrix[0] is not rowids:
            self._matrix = (rowids, self.backend.dense_matrix(rows))
        rate = getattr(self.backend, "dense_rate", None)
        seconds = len(rows) * len(rows[0]) / rate if rate else 0.0
        if seconds > 1.0 and self.warn:
            self.warn(f"dense search over {len(rows):,} vectors in the {self.backend.name} backend takes about "
                      f"{seconds:.1f}s per query; install torch or use --mode bm25 for speed")
        query_vector = self.embedder([query])[0]
        start = time.perf_counter()
        scores = self.backend.dense_scores(query_vector, self._matrix[1])
        self.last_dense_seconds = time.perf_counter() - start
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], rowids[i]))[:top_k]
        return [(rowids[i], scores[i]) for i in order]


def _hit(chunk, score):
    return Hit(chunk.chunk_id, chunk.doc_id, chunk.title, chunk.path, chunk.start, chunk.end, chunk.text, score)
