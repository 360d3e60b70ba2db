"""A persistent document index in one SQLite file: chunks, a BM25 lexical index, and optional
dense vectors.

- Lexical search is BM25 (k1=1.2, b=0.75, FTS5's idf) over analyzed terms. The default engine
  ("segments") stores each term's postings as packed arrays, one row per term and write batch,
  and ranks the first search of an index state with a MaxScore-style pruned term-at-a-time loop
  in Python, later ones (up to 32,768 chunks) by summing per-term big integers (packed.py): the
  same results either way. SQLite's FTS5 (`lexical="fts5"`) gives the same scores and is kept as
  an option.
- Incremental: documents are added, replaced or deleted by id; unchanged ones are skipped. An
  indexing run ends by saving every chunk's length as one row (`save_lengths`), which a new
  process reads instead of the chunks table while nothing has changed since.
- Safe: WAL journal, a busy timeout for concurrent writers, every change in a transaction.
- The file records its format and analyzer and refuses to open with a different one.
"""
import array
import contextlib
import functools
import hashlib
import os
import sqlite3
import sys

from ..errors import RetrievalError, StaleIndexError
from .analyzer import analyze, analyzer_id
from .bm25 import B, K1, TfParts, counts as _counts, fts5_idf, smoothed_idf, top_k_scores
from .chunking import Chunk, chunk_document
from .packed import MAX_CHUNKS as PACKED_MAX_CHUNKS, PackedScores

FORMAT_VERSION = 3  # 2: chunk terms include the document title; 3: documents keep their text (evidence)
BUSY_TIMEOUT_S = 60.0
LEXICAL_ENGINES = ("segments", "fts5")
MAX_SEGMENTS = 8  # a term with more segments is merged at the end of an indexing run
# BM25's first query reads every chunk's length: this covering index lets SQLite scan (id, length)
# pairs without the chunks' text (SciFact: 7.5 -> 2.4 ms from a fresh process)
CHUNK_LENGTHS_INDEX = "CREATE INDEX IF NOT EXISTS chunk_lengths ON chunks(length)"
# ... and an indexing run ends by saving them as one row, read back while its stamp (the last
# chunk id issued, the number of chunks) still matches: a fresh process skips the row scan
SAVED_LENGTHS_TABLE = "CREATE TABLE IF NOT EXISTS saved_lengths (stamp TEXT, ids BLOB, lengths BLOB)"
FILE_STAMPS_TABLE = ("CREATE TABLE IF NOT EXISTS file_stamps (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
                     "ctime_ns INTEGER)")
CACHE_POSTINGS = 8_000_000  # cached postings (all terms) before the cache is emptied


def fts5_available():
    try:
        with contextlib.closing(sqlite3.connect(":memory:")) as db:
            db.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        return True
    except sqlite3.OperationalError:
        return False


def content_hash(text):
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# what an index this neuraflux cannot use takes: a plain `neuraflux index` opens the index it updates
REBUILD_HINT = "rebuild it with `neuraflux index --rebuild --docs ... --index ...`"


def _hint(exc):
    text = str(exc).lower()
    if "full" in text:
        return " (free some disk space; what was committed before is intact)"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return "; " + REBUILD_HINT
    return ""


def _database_errors_as_retrieval_errors(cls):
    """Wrap the public methods of `cls` so an sqlite3.DatabaseError (a damaged page, a full
    disk, a locked file) reaches the user as one RetrievalError naming the file."""
    def wrap(method):
        @functools.wraps(method)
        def guarded(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except sqlite3.DatabaseError as exc:
                raise RetrievalError(f"{self.path}: {exc}{_hint(exc)}") from None
        return guarded

    for name, value in list(vars(cls).items()):
        if callable(value) and not name.startswith("_") and name not in ("transaction", "close"):
            setattr(cls, name, wrap(value))
    return cls


def remove_index_files(path):
    """Delete an index file with its WAL and shared-memory files: only ones neuraflux made."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


@_database_errors_as_retrieval_errors
class DocumentIndex:
    """One index file. Use as a context manager, or call close()."""

    def __init__(self, path, create=True, lexical="segments"):
        self.path = os.fspath(path)
        exists = os.path.exists(self.path)
        if not exists and not create:
            raise RetrievalError(f"no index at {self.path!r}; build one with `neuraflux index --docs PATH --index FILE`")
        if exists and os.path.isdir(self.path):
            raise RetrievalError(f"{self.path!r} is a folder, not an index file")
        folder = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(folder, exist_ok=True)
        self._vector_cache = None
        self._pending = {}  # term -> (chunk ids, tfs), written as segments at commit
        self._lex_cache = None
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            if exists:
                self._check_is_index()  # before any PRAGMA changes a foreign database
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            if lexical not in LEXICAL_ENGINES:
                raise RetrievalError(f"unknown lexical engine {lexical!r}; choose {', '.join(LEXICAL_ENGINES)}")
            self._init_schema(lexical)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise RetrievalError(f"{self.path!r} is not a usable index: {exc}{_hint(exc)}") from None
        except BaseException:
            self.db.close()
            raise

    def _check_is_index(self):
        """Refuse an SQLite file that holds tables but no neuraflux metadata, reading only."""
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return
        fmt = self.db.execute("SELECT value FROM meta WHERE key='format'").fetchone() if "meta" in tables else None
        if not fmt or fmt[0] != "neuraflux-index":
            raise RetrievalError(f"{self.path!r} is an SQLite file but not a neuraflux index; it was left unchanged")

    def check_integrity(self):
        """SQLite's quick_check: raise RetrievalError naming the damage (run before writing)."""
        rows = [r[0] for r in self.db.execute("PRAGMA quick_check(5)")]
        if rows != ["ok"]:
            found = "; ".join(line.strip("* ") for row in rows for line in row.splitlines() if line.strip("* "))
            raise RetrievalError(f"{self.path!r} is damaged ({found[:160]}); {REBUILD_HINT}")

    # -- schema --------------------------------------------------------------------------
    def _init_schema(self, lexical):
        with self.transaction():
            has_meta = self.db.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
            if not has_meta:
                tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables:
                    raise RetrievalError(f"{self.path!r} is an SQLite file but not a neuraflux index")
                self._create(lexical)
        meta = self.meta()
        if meta.get("format") != "neuraflux-index":
            raise RetrievalError(f"{self.path!r} is not a neuraflux index")
        if meta.get("format_version") != str(FORMAT_VERSION):
            raise StaleIndexError(f"{self.path!r} has index format {meta.get('format_version')}, this neuraflux "
                                  f"reads {FORMAT_VERSION}", REBUILD_HINT)
        if meta.get("analyzer") != analyzer_id():
            raise StaleIndexError(f"{self.path!r} was built with analyzer {meta.get('analyzer')!r}, this neuraflux "
                                  f"uses {analyzer_id()!r}", REBUILD_HINT)
        self.lexical = meta["lexical"]
        if self.lexical == "fts5" and not fts5_available():
            raise RetrievalError(f"{self.path!r} uses FTS5, which this Python's SQLite lacks; rebuild the index here")

    def _create(self, lexical):
        db = self.db
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("""CREATE TABLE documents (doc_id TEXT PRIMARY KEY, path TEXT, title TEXT, hash TEXT,
                      num_chunks INTEGER, text TEXT)""")
        # AUTOINCREMENT: a chunk id is never reused, so stale postings can never name a new chunk
        db.execute("""CREATE TABLE chunks (id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT, chunk_index INTEGER, text TEXT,
                      start INTEGER, end INTEGER, title TEXT, path TEXT, length INTEGER)""")
        db.execute("CREATE INDEX chunks_doc ON chunks(doc_id)")
        db.execute(CHUNK_LENGTHS_INDEX)
        db.execute("CREATE TABLE vectors (chunk INTEGER PRIMARY KEY, vector BLOB)")
        if lexical == "fts5":
            db.execute("CREATE VIRTUAL TABLE terms_fts USING fts5(terms, tokenize='unicode61 remove_diacritics 0')")
        else:
            db.execute("CREATE TABLE segments (id INTEGER PRIMARY KEY, term TEXT, chunks BLOB, tfs BLOB)")
            db.execute("CREATE INDEX segments_term ON segments(term)")
        meta = {"format": "neuraflux-index", "format_version": str(FORMAT_VERSION), "analyzer": analyzer_id(),
                "lexical": lexical, "k1": str(K1), "b": str(B)}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())

    def meta(self):
        return dict(self.db.execute("SELECT key, value FROM meta"))

    def set_meta(self, **values):
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in values.items()])

    @contextlib.contextmanager
    def transaction(self):
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error): one writer at a time, all or nothing."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise RetrievalError(f"{self.path}: {exc}{_hint(exc)}") from None
        try:
            yield self.db
            self._flush_postings()
            self.db.execute("COMMIT")
        except BaseException as exc:
            self._pending = {}
            if self.db.in_transaction:  # SQLite may already have rolled back (e.g. disk full)
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise RetrievalError(f"{self.path}: {exc}{_hint(exc)}") from None
            raise
        self._vector_cache = None
        self._lex_cache = None

    # -- writing -------------------------------------------------------------------------
    def document_hashes(self):
        return dict(self.db.execute("SELECT doc_id, hash FROM documents"))

    def document_paths(self):
        return dict(self.db.execute("SELECT doc_id, path FROM documents"))

    def file_stamps(self, signature):
        """{path: documents.file_stamp} of the files last read whole into this index by readers
        and chunking named `signature` ({} when they were others)."""
        if self.meta().get("file_stamps") != signature or not self.db.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='file_stamps'").fetchone():
            return {}
        return {path: tuple(stamp) for path, *stamp in self.db.execute(
            "SELECT path, size, mtime_ns, ctime_ns FROM file_stamps")}

    def save_file_stamps(self, signature, stamps):
        """Record `stamps` ({path: documents.file_stamp}) in place of the earlier ones, under `signature`."""
        with self.transaction():
            self.db.execute(FILE_STAMPS_TABLE)
            self.db.execute("DELETE FROM file_stamps")
            self.db.executemany("INSERT INTO file_stamps VALUES (?, ?, ?, ?)",
                                [(path, *stamp) for path, stamp in stamps.items()])
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('file_stamps', ?)", (signature,))

    def upsert(self, doc_id, text, title=None, path=None, chunk_size=120, overlap=20):
        """Add or replace one document (skipped when its content, title and chunking are unchanged:
        a newer reader may title the same text otherwise). Returns True if it was (re)indexed.
        Call inside `transaction()` to batch several documents."""
        digest = f"{content_hash(text)}/{chunk_size}/{overlap}"  # another --chunk-size cuts it again
        row = self.db.execute("SELECT hash, title FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        if row and row[0] == digest and row[1] == title:
            return False
        if row:
            self._delete_chunks(doc_id)
        chunks = chunk_document(doc_id, text, title, path, chunk_size, overlap)
        title_terms = analyze(title) if title else []
        for chunk in chunks:
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
                for term, count in counts.items():
                    ids, tfs = self._pending.setdefault(term, (array.array("q"), array.array("I")))
                    ids.append(rowid)
                    tfs.append(count)
        self.db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                        (doc_id, path, title, digest, len(chunks), text))
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
            # segment postings of deleted chunks stay until the term is merged; searches skip them
            self.db.execute("DELETE FROM vectors WHERE chunk=?", (rowid,))
        self.db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))

    # -- reading -------------------------------------------------------------------------
    def num_chunks(self):
        return self.db.execute("SELECT count(*) FROM chunks").fetchone()[0]

    def num_documents(self):
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def document_text(self, doc_id):
        """The whole text of a document (chunk offsets point into it), or None if unknown."""
        row = self.db.execute("SELECT text FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def term_idf(self, term):
        """Inverse document frequency of an analyzed term over the chunks (bm25.smoothed_idf):
        always positive, even in a two-document index. An absent term, or `term=None`, gets the
        largest value (n = 0)."""
        total = self.num_chunks() if self.lexical == "fts5" else self._lexical_state()[0]
        count = 0
        if term is not None and self.lexical == "fts5":
            count = self.db.execute("SELECT count(*) FROM terms_fts WHERE terms_fts MATCH ?", (f'"{term}"',)).fetchone()[0]
        elif term is not None:
            count = len(self._term_weights(term, self._lexical_state())[0])
        return smoothed_idf(total, count)

    def vocabulary(self):
        """The set of indexed terms (of the segments engine; empty for FTS5), read once per state."""
        if self.lexical != "segments":
            return frozenset()
        cache = self._lexical_state()[3]
        if cache.vocabulary is None:
            cache.vocabulary = frozenset(t for (t,) in self.db.execute("SELECT DISTINCT term FROM segments"))
        return cache.vocabulary

    def title_term_counts(self):
        """{analyzed term: how many distinct titles use it}, read once per state."""
        cache = self._lexical_state()[3]
        if cache.title_terms is None:
            counts = {}
            for (title,) in self.db.execute("SELECT DISTINCT title FROM chunks WHERE title IS NOT NULL"):
                for term in set(analyze(title)):
                    counts[term] = counts.get(term, 0) + 1
            cache.title_terms = counts
        return cache.title_terms

    def chunks(self, rowids):
        """Chunk objects for rowids, in the order given."""
        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        rows = {r[0]: r for r in self.db.execute(
            f"SELECT id, doc_id, chunk_index, text, start, end, title, path FROM chunks WHERE id IN ({marks})",
            list(rowids))}
        return [Chunk(r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in (rows[i] for i in rowids if i in rows)]

    def chunks_containing(self, text, limit=2, among=None):
        """Chunk objects whose text holds `text` verbatim (case-sensitive), in index order, or of the
        rowids `among` only, in their order."""
        if among is None:
            rows = self.db.execute("SELECT id FROM chunks WHERE instr(text, ?) > 0 ORDER BY id LIMIT ?",
                                   (text, limit)).fetchall()
            return self.chunks([r[0] for r in rows])
        among = list(among)
        if not among:
            return []
        marks = ",".join("?" * len(among))
        held = {r[0] for r in self.db.execute(f"SELECT id FROM chunks WHERE id IN ({marks}) AND instr(text, ?) > 0",
                                              [*among, text])}
        return self.chunks([rowid for rowid in among if rowid in held][:limit])

    def chunks_matching(self, pattern, limit=1):
        """Chunk objects whose text the compiled regular expression `pattern` finds, in index order
        (a scan of every chunk: for the rare question that has nothing else to search by)."""
        self.db.create_function("neuraflux_search", 1, lambda text: pattern.search(text or "") is not None,
                                deterministic=True)
        rows = self.db.execute("SELECT id FROM chunks WHERE neuraflux_search(text) ORDER BY id LIMIT ?",
                               (limit,)).fetchall()
        return self.chunks([r[0] for r in rows])

    def lexical_search(self, query, top_k=10):
        """[(chunk rowid, BM25 score)] best first."""
        terms = analyze(query)
        if not terms or top_k <= 0:
            return []
        if self.lexical == "fts5":
            match = " OR ".join(f'"{t}"' for t in terms)
            rows = self.db.execute("SELECT rowid, bm25(terms_fts) FROM terms_fts WHERE terms_fts MATCH ? "
                                   "ORDER BY bm25(terms_fts) LIMIT ?", (match, top_k)).fetchall()
            return [(rowid, -score) for rowid, score in rows]
        return self._segments_search(terms, top_k)

    def _flush_postings(self):
        if self._pending:
            self.db.executemany("INSERT INTO segments (term, chunks, tfs) VALUES (?, ?, ?)",
                                [(t, _blob(ids), _blob(tfs)) for t, (ids, tfs) in self._pending.items()])
            self._pending = {}

    def merge_segments(self, max_segments=MAX_SEGMENTS):
        """Merge the postings of every term with more than `max_segments` rows into one,
        dropping deleted chunks. Returns how many terms were merged."""
        if self.lexical != "segments":
            return 0
        with self.transaction():  # indexes built before it existed gain it on their next update
            self.db.execute(CHUNK_LENGTHS_INDEX)
        terms = [r[0] for r in self.db.execute(
            "SELECT term FROM segments GROUP BY term HAVING count(*) > ?", (max_segments,))]
        if not terms:
            return 0
        alive = self._lexical_state()[2]
        with self.transaction():
            for term in terms:
                ids, tfs = self._read_postings(term)
                keep = [i for i, c in enumerate(ids) if c in alive]
                self.db.execute("DELETE FROM segments WHERE term=?", (term,))
                self.db.execute("INSERT INTO segments (term, chunks, tfs) VALUES (?, ?, ?)",
                                (term, _blob(array.array("q", [ids[i] for i in keep])),
                                 _blob(array.array("I", [tfs[i] for i in keep]))))
        return len(terms)

    def _read_postings(self, term):
        ids, tfs = array.array("q"), array.array("I")
        for chunk_blob, tf_blob in self.db.execute("SELECT chunks, tfs FROM segments WHERE term=? ORDER BY id", (term,)):
            ids.frombytes(chunk_blob)
            tfs.frombytes(tf_blob)
        if sys.byteorder == "big":
            ids.byteswap()
            tfs.byteswap()
        return ids, tfs

    def _lexical_state(self):
        """(number of chunks, average length, {chunk id: length}, per-term cache) for the current data."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if self._lex_cache is None or self._lex_cache[0] != version:
            issued, stamp = self._chunks_stamp()
            lengths = self._saved_lengths(stamp)
            if lengths is None:
                lengths = dict(self.db.execute("SELECT id, length FROM chunks"))
            average = (sum(lengths.values()) / len(lengths)) if lengths else 0.0
            cache = _TermCache()
            # AUTOINCREMENT ids: every id issued still there means no chunk was ever deleted, so
            # no posting can name a deleted chunk
            cache.all_live = issued == len(lengths)
            self._lex_cache = (version, len(lengths), average, lengths, cache)
        return self._lex_cache[1:]

    def _chunks_stamp(self):
        """(the last chunk id issued, "issued:count"): any added or deleted chunk changes the stamp."""
        row = self.db.execute("SELECT seq FROM sqlite_sequence WHERE name='chunks'").fetchone()
        issued = row[0] if row else 0
        return issued, f"{issued}:{self.num_chunks()}"

    def save_lengths(self):
        """Save every chunk's length as one row (the end of an indexing run), so that the first
        search of a new process reads them at once instead of row by row."""
        if self.lexical != "segments":
            return
        with self.transaction():
            self.db.execute(SAVED_LENGTHS_TABLE)
            ids, lengths = array.array("q"), array.array("I")
            for chunk, length in self.db.execute("SELECT id, length FROM chunks ORDER BY id"):
                ids.append(chunk)
                lengths.append(length)
            self.db.execute("DELETE FROM saved_lengths")
            self.db.execute("INSERT INTO saved_lengths VALUES (?, ?, ?)",
                            (self._chunks_stamp()[1], _blob(ids), _blob(lengths)))

    def _saved_lengths(self, stamp):
        """{chunk id: length} from the saved row, or None when there is none or it is stale."""
        try:
            row = self.db.execute("SELECT stamp, ids, lengths FROM saved_lengths").fetchone()
        except sqlite3.OperationalError:  # no such table: an index no run has finished since
            return None
        if row is None or row[0] != stamp:
            return None
        return dict(zip(_from_blob("q", row[1]), _from_blob("I", row[2])))

    def _term_weights(self, term, state):
        """(sorted chunk ids, BM25 tf parts (TfParts: computed when read), an upper bound of them)
        of one term's live postings (cached)."""
        num_chunks, average, lengths, cache = state
        if term in cache:
            return cache[term]
        ids, tfs = self._read_postings(term)
        if not cache.all_live and not all(map(lengths.__contains__, ids)):  # deleted chunks' postings
            live = [i for i, chunk in enumerate(ids) if chunk in lengths]
            ids, tfs = array.array("q", [ids[i] for i in live]), array.array("I", [tfs[i] for i in live])
        if cache.shortest is None:
            cache.shortest = min(lengths.values(), default=0)
        parts = TfParts(ids, tfs, lengths, average)
        entry = (ids, parts, parts.bound(cache.shortest))
        cache.add(term, entry)
        return entry

    def _segments_search(self, terms, top_k):
        """BM25 top-k over the live postings of the query's terms: bm25.top_k_scores for the
        first search of an index state (what a one-shot `search` pays), packed.PackedScores
        after it (a repeated search: built per term on its first use, then reused)."""
        state = self._lexical_state()
        num_chunks, _, lengths, cache = state
        if not num_chunks:
            return []
        counts = _counts(terms)
        if cache.searched and top_k < num_chunks <= PACKED_MAX_CHUNKS:  # fewer: it could never decide
            if cache.packed is None:
                cache.packed = PackedScores(lengths)
            found = cache.packed.top_k(counts, lambda term: self._term_weights(term, state), top_k)
            if found is not None:
                return found
        cache.searched = True
        plan = []
        for term, multiplicity in counts.items():
            ids, weights, top = self._term_weights(term, state)
            if ids:
                factor = fts5_idf(num_chunks, len(ids)) * multiplicity
                plan.append((factor * top, factor, ids, weights))
        return top_k_scores(plan, top_k)

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


class _TermCache(dict):
    """{term: (chunk ids, BM25 tf parts, their max)} of one index state, emptied once it would
    hold more than CACHE_POSTINGS postings (counted as terms are added, not re-summed)."""

    postings = 0
    vocabulary = None  # every indexed term, read on first use (spelling correction)
    title_terms = None  # {term: documents whose title uses it}, read on first use
    shortest = None  # the shortest chunk's length: BM25 bounds
    all_live = False  # no chunk was ever deleted: every posting names a live chunk
    searched = False  # a search has run on this state: the next ones use `packed`
    packed = None

    def add(self, term, entry):
        if self.postings + len(entry[0]) > CACHE_POSTINGS:
            self.clear()
        self[term] = entry
        self.postings += len(entry[0])

    def clear(self):
        super().clear()
        self.postings = 0


def _blob(arr):
    if sys.byteorder == "big":
        arr = array.array(arr.typecode, arr)
        arr.byteswap()
    return arr.tobytes()


def _pack(vector):
    arr = array.array("f", vector)
    if sys.byteorder == "big":
        arr.byteswap()
    return arr.tobytes()


def _from_blob(typecode, blob):
    arr = array.array(typecode)
    arr.frombytes(blob)
    if sys.byteorder == "big":
        arr.byteswap()
    return arr


def _unpack(blob):
    return tuple(_from_blob("f", blob))
