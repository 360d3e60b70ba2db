"""A persistent document index in one SQLite file: chunks, a BM25 lexical index, and optional
dense vectors.

- Lexical search uses SQLite's FTS5 (bm25 with k1=1.2, b=0.75) over analyzed terms when the
  build has it, else an equivalent postings table scored in Python with the same formula.
- Incremental: documents are added, replaced or deleted by id; unchanged ones are skipped.
- Safe: WAL journal, a busy timeout for concurrent writers, every change in a transaction.
- The file records its format and analyzer and refuses to open with a different one.
"""
import array
import contextlib
import hashlib
import math
import os
import sqlite3
import sys

from ..errors import RetrievalError
from .analyzer import analyze, analyzer_id
from .chunking import Chunk, chunk_document

FORMAT_VERSION = 2  # 2: chunk terms include the document title
BUSY_TIMEOUT_S = 60.0
K1, B = 1.2, 0.75


def fts5_available():
    try:
        with contextlib.closing(sqlite3.connect(":memory:")) as db:
            db.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        return True
    except sqlite3.OperationalError:
        return False


def content_hash(text):
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def fts5_idf(num_docs, doc_freq):
    """FTS5's BM25 inverse document frequency (never below 1e-6)."""
    idf = math.log((num_docs - doc_freq + 0.5) / (doc_freq + 0.5))
    return idf if idf > 0 else 1e-6


class DocumentIndex:
    """One index file. Use as a context manager, or call close()."""

    def __init__(self, path, create=True, use_fts5=None):
        self.path = os.fspath(path)
        exists = os.path.exists(self.path)
        if not exists and not create:
            raise RetrievalError(f"no index at {self.path!r}; build one with `neuraflux index --docs PATH --index FILE`")
        if exists and os.path.isdir(self.path):
            raise RetrievalError(f"{self.path!r} is a folder, not an index file")
        folder = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(folder, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            self._init_schema(use_fts5)
        except sqlite3.DatabaseError as exc:
            raise RetrievalError(f"{self.path!r} is not a usable index: {exc}") from None
        self._vector_cache = None

    # -- schema --------------------------------------------------------------------------
    def _init_schema(self, use_fts5):
        with self.transaction():
            has_meta = self.db.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
            if not has_meta:
                tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables:
                    raise RetrievalError(f"{self.path!r} is an SQLite file but not a neuraflux index")
                self._create(fts5_available() if use_fts5 is None else use_fts5)
        meta = self.meta()
        if meta.get("format") != "neuraflux-index":
            raise RetrievalError(f"{self.path!r} is not a neuraflux index")
        if meta.get("format_version") != str(FORMAT_VERSION):
            raise RetrievalError(f"{self.path!r} has index format {meta.get('format_version')}, this neuraflux "
                                 f"reads {FORMAT_VERSION}; rebuild it with `neuraflux index`")
        if meta.get("analyzer") != analyzer_id():
            raise RetrievalError(f"{self.path!r} was built with analyzer {meta.get('analyzer')!r}, this neuraflux "
                                 f"uses {analyzer_id()!r}; rebuild it with `neuraflux index`")
        self.lexical = meta["lexical"]
        if self.lexical == "fts5" and not fts5_available():
            raise RetrievalError(f"{self.path!r} uses FTS5, which this Python's SQLite lacks; rebuild the index here")

    def _create(self, use_fts5):
        db = self.db
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("""CREATE TABLE documents (doc_id TEXT PRIMARY KEY, path TEXT, title TEXT, hash TEXT,
                      num_chunks INTEGER)""")
        db.execute("""CREATE TABLE chunks (id INTEGER PRIMARY KEY, doc_id TEXT, chunk_index INTEGER, text TEXT,
                      start INTEGER, end INTEGER, title TEXT, path TEXT, length INTEGER)""")
        db.execute("CREATE INDEX chunks_doc ON chunks(doc_id)")
        db.execute("CREATE TABLE vectors (chunk INTEGER PRIMARY KEY, vector BLOB)")
        if use_fts5:
            db.execute("CREATE VIRTUAL TABLE terms_fts USING fts5(terms, tokenize='unicode61 remove_diacritics 0')")
        else:
            db.execute("CREATE TABLE postings (term TEXT, chunk INTEGER, tf INTEGER)")
            db.execute("CREATE INDEX postings_term ON postings(term)")
            db.execute("CREATE INDEX postings_chunk ON postings(chunk)")
        meta = {"format": "neuraflux-index", "format_version": str(FORMAT_VERSION), "analyzer": analyzer_id(),
                "lexical": "fts5" if use_fts5 else "postings", "k1": str(K1), "b": str(B)}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())

    def meta(self):
        return dict(self.db.execute("SELECT key, value FROM meta"))

    def set_meta(self, **values):
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in values.items()])

    @contextlib.contextmanager
    def transaction(self):
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error): one writer at a time, all or nothing."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        self._vector_cache = None

    # -- writing -------------------------------------------------------------------------
    def document_hashes(self):
        return dict(self.db.execute("SELECT doc_id, hash FROM documents"))

    def document_paths(self):
        return dict(self.db.execute("SELECT doc_id, path FROM documents"))

    def upsert(self, doc_id, text, title=None, path=None, chunk_size=120, overlap=20, embed=None):
        """Add or replace one document (skipped when its content is unchanged). Returns True if
        it was (re)indexed. Call inside `transaction()` to batch several documents."""
        digest = content_hash(text)
        row = self.db.execute("SELECT hash FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        if row and row[0] == digest:
            return False
        if row:
            self._delete_chunks(doc_id)
        chunks = chunk_document(doc_id, text, title, path, chunk_size, overlap)
        vectors = embed([c.text for c in chunks]) if (embed and chunks) else None
        title_terms = analyze(title) if title else []
        for number, chunk in enumerate(chunks):
            terms = title_terms + analyze(chunk.text)
            cursor = self.db.execute(
                "INSERT INTO chunks (doc_id, chunk_index, text, start, end, title, path, length) VALUES (?,?,?,?,?,?,?,?)",
                (doc_id, chunk.chunk_index, chunk.text, chunk.start, chunk.end, title, path, len(terms)))
            rowid = cursor.lastrowid
            if self.lexical == "fts5":
                self.db.execute("INSERT INTO terms_fts (rowid, terms) VALUES (?, ?)", (rowid, " ".join(terms)))
            else:
                counts = {}
                for term in terms:
                    counts[term] = counts.get(term, 0) + 1
                self.db.executemany("INSERT INTO postings VALUES (?, ?, ?)", [(t, rowid, c) for t, c in counts.items()])
            if vectors is not None:
                self.db.execute("INSERT INTO vectors VALUES (?, ?)", (rowid, _pack(vectors[number])))
        self.db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?)",
                        (doc_id, path, title, digest, len(chunks)))
        return True

    def delete(self, doc_id):
        """Remove a document and its chunks; returns whether it existed."""
        existed = self.db.execute("SELECT 1 FROM documents WHERE doc_id=?", (doc_id,)).fetchone() is not None
        if existed:
            self._delete_chunks(doc_id)
            self.db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
        return existed

    def _delete_chunks(self, doc_id):
        ids = [r[0] for r in self.db.execute("SELECT id FROM chunks WHERE doc_id=?", (doc_id,))]
        for rowid in ids:
            if self.lexical == "fts5":
                self.db.execute("DELETE FROM terms_fts WHERE rowid=?", (rowid,))
            else:
                self.db.execute("DELETE FROM postings WHERE chunk=?", (rowid,))
            self.db.execute("DELETE FROM vectors WHERE chunk=?", (rowid,))
        self.db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))

    # -- reading -------------------------------------------------------------------------
    def num_chunks(self):
        return self.db.execute("SELECT count(*) FROM chunks").fetchone()[0]

    def num_documents(self):
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def chunks(self, rowids):
        """Chunk objects for rowids, in the order given."""
        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        rows = {r[0]: r for r in self.db.execute(
            f"SELECT id, doc_id, chunk_index, text, start, end, title, path FROM chunks WHERE id IN ({marks})",
            list(rowids))}
        return [Chunk(r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in (rows[i] for i in rowids if i in rows)]

    def lexical_search(self, query, top_k=10):
        """[(chunk rowid, BM25 score)] best first."""
        terms = analyze(query)
        if not terms:
            return []
        if self.lexical == "fts5":
            match = " OR ".join(f'"{t}"' for t in terms)
            rows = self.db.execute("SELECT rowid, bm25(terms_fts) FROM terms_fts WHERE terms_fts MATCH ? "
                                   "ORDER BY bm25(terms_fts) LIMIT ?", (match, top_k)).fetchall()
            return [(rowid, -score) for rowid, score in rows]
        return self._postings_search(terms, top_k)

    def _postings_search(self, terms, top_k):
        num_docs, total_length = self.db.execute("SELECT count(*), total(length) FROM chunks").fetchone()
        if not num_docs:
            return []
        avg_length = total_length / num_docs
        scores = {}
        for term in terms:
            postings = self.db.execute("SELECT chunk, tf FROM postings WHERE term=?", (term,)).fetchall()
            if not postings:
                continue
            idf = fts5_idf(num_docs, len(postings))
            lengths = dict(self.db.execute(
                f"SELECT id, length FROM chunks WHERE id IN ({','.join('?' * len(postings))})",
                [c for c, _ in postings]))
            for chunk, tf in postings:
                norm = K1 * (1 - B + B * lengths[chunk] / avg_length)
                scores[chunk] = scores.get(chunk, 0.0) + idf * tf * (K1 + 1) / (tf + norm)
        return sorted(scores.items(), key=lambda p: (-p[1], p[0]))[:top_k]

    # -- vectors -------------------------------------------------------------------------
    def has_vectors(self):
        return self.db.execute("SELECT 1 FROM vectors LIMIT 1").fetchone() is not None

    def missing_vectors(self):
        return [r[0] for r in self.db.execute(
            "SELECT id FROM chunks WHERE id NOT IN (SELECT chunk FROM vectors) ORDER BY id")]

    def add_vectors(self, items):
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", [(i, _pack(v)) for i, v in items])

    def clear_vectors(self):
        with self.transaction():
            self.db.execute("DELETE FROM vectors")

    def vectors(self):
        """(rowids, list of float tuples), cached until the next write."""
        if self._vector_cache is None:
            rowids, rows = [], []
            for rowid, blob in self.db.execute("SELECT chunk, vector FROM vectors ORDER BY chunk"):
                rowids.append(rowid)
                rows.append(_unpack(blob))
            self._vector_cache = (rowids, rows)
        return self._vector_cache

    def close(self):
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _pack(vector):
    arr = array.array("f", vector)
    if sys.byteorder == "big":
        arr.byteswap()
    return arr.tobytes()


def _unpack(blob):
    arr = array.array("f")
    arr.frombytes(blob)
    if sys.byteorder == "big":
        arr.byteswap()
    return tuple(arr)
