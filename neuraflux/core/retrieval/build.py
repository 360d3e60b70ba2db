"""Building and refreshing an index from documents, with progress and batched transactions."""
import os

from ..documents import read_changed_files, reader_signature
from ..errors import DataError
from ..io import display_path
from ..progress import Progress
from .index import remove_index_files

BATCH = 500
EMBED_BATCH = 512


def index_documents(index, docs, chunk_size=120, overlap=20, embedder=None, progress=True, prune_under=None,
                    keep=()):
    """Add new and changed documents, skip unchanged ones, and (with `prune_under`, a list of
    folders/files) delete indexed documents from those places that no longer exist, except the
    ids in `keep` (documents of files left unread because they did not change).

    Each batch of documents is one transaction, so an interrupted run leaves a usable index
    holding every batch before the interruption. Vectors (with `embedder`) are computed after
    the text is in, in large batches; chunks an interrupted run left without one get theirs on
    the next run. Returns counts.
    """
    if embedder is not None:
        index.set_meta(vector_model=embedder.identity, vector_kind=getattr(embedder, "kind", "lm"))
    known = index.document_hashes()
    counts = {"added": 0, "updated": 0, "unchanged": len(keep), "removed": 0, "chunks": 0}
    bar = Progress("indexing", total=len(docs), unit="docs", enabled=progress)
    for first in range(0, len(docs), BATCH):
        with index.transaction():
            for doc in docs[first:first + BATCH]:
                changed = index.upsert(doc.doc_id, doc.text, doc.title, doc.path, chunk_size, overlap)
                if not changed:
                    counts["unchanged"] += 1
                else:
                    counts["updated" if doc.doc_id in known else "added"] += 1
                bar.update()
    if prune_under:
        roots = [os.path.abspath(p) for p in prune_under]
        present = {d.doc_id for d in docs} | set(keep)
        stale = [doc_id for doc_id, path in index.document_paths().items() if doc_id not in present and path and any(
            path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)]
        with index.transaction():
            for doc_id in stale:
                index.delete(doc_id)
        counts["removed"] = len(stale)
    index.merge_segments()
    index.save_lengths()
    bar.close()
    if embedder is not None:
        embed_missing(index, embedder, progress)
    counts["chunks"] = index.num_chunks()
    return counts


def refresh_from_files(index, paths, chunk_size=120, overlap=20, include=None, exclude=None, on_skip=None,
                       progress=True, created=False):
    """index_documents over the files under `paths` (documents.load_documents), reading again
    only the files changed since this index last read them (documents.read_changed_files): what
    `index` and `chat --docs` do. Returns counts; a DataError, before anything is written, when
    no file holds a readable document (an index file `created` for this call is then closed and
    removed)."""
    signature = f"{reader_signature()} chunks={chunk_size}/{overlap}"
    doc_paths = index.document_paths()
    indexed = set(doc_paths.values())
    recorded = index.file_stamps(signature)
    stamps = {path: stamp for path, stamp in recorded.items() if path in indexed}
    reading = Progress("reading", unit="files", enabled=progress)  # shown when parsing takes a while (PDFs)
    found = read_changed_files(paths, stamps, include, exclude, on_skip, progress=reading)
    reading.close(only_if_shown=True)
    if not found.documents and not found.unchanged:
        if created:
            index.close()
            remove_index_files(index.path)
        raise DataError(f"no readable documents under {', '.join(display_path(p) for p in paths)}")
    keep = {doc_id for doc_id, path in doc_paths.items() if path in found.unchanged}
    counts = index_documents(index, found.documents, chunk_size, overlap, progress=progress and bool(found.documents),
                             prune_under=paths, keep=keep)
    current = {**{path: stamps[path] for path in found.unchanged}, **found.stamps}
    if current != recorded:  # nothing changed: no write
        index.save_file_stamps(signature, current)
    return counts


def embed_missing(index, embedder, progress=True, batch=EMBED_BATCH):
    """Vectors for every chunk that has none, `batch` chunks per transaction (with rate and ETA)."""
    missing = index.missing_vectors()
    bar = Progress("embedding", total=len(missing), unit="chunks", enabled=progress and bool(missing))
    for first in range(0, len(missing), batch):
        ids = missing[first:first + batch]
        chunks = index.chunks(ids)
        index.add_vectors(zip(ids, embedder([c.text for c in chunks], progress=bar.update)))
    bar.close()
    return len(missing)
