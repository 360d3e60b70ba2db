"""Building and refreshing an index from documents, with progress and batched transactions."""
import os

from ..progress import Progress

BATCH = 500


def index_documents(index, docs, chunk_size=120, overlap=20, embedder=None, progress=True, prune_under=None):
    """Add new and changed documents, skip unchanged ones, and (with `prune_under`, a list of
    folders/files) delete indexed documents from those places that no longer exist.

    Each batch of documents is one transaction, so an interrupted run leaves a usable index
    holding every batch before the interruption. Returns counts.
    """
    if embedder is not None:
        index.set_meta(vector_model=embedder.identity)
    known = index.document_hashes()
    counts = {"added": 0, "updated": 0, "unchanged": 0, "removed": 0, "chunks": 0}
    bar = Progress("indexing", total=len(docs), unit="docs", enabled=progress)
    for first in range(0, len(docs), BATCH):
        with index.transaction():
            for doc in docs[first:first + BATCH]:
                changed = index.upsert(doc.doc_id, doc.text, doc.title, doc.path, chunk_size, overlap, embedder)
                if not changed:
                    counts["unchanged"] += 1
                else:
                    counts["updated" if doc.doc_id in known else "added"] += 1
                bar.update()
    if prune_under:
        roots = [os.path.abspath(p) for p in prune_under]
        present = {d.doc_id for d in docs}
        stale = [doc_id for doc_id, path in index.document_paths().items() if doc_id not in present and path and any(
            path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)]
        with index.transaction():
            for doc_id in stale:
                index.delete(doc_id)
        counts["removed"] = len(stale)
    if embedder is not None:
        missing = index.missing_vectors()
        if missing:  # chunks indexed earlier without vectors
            chunks = index.chunks(missing)
            index.add_vectors(zip(missing, embedder([c.text for c in chunks])))
    index.merge_segments()
    bar.close()
    counts["chunks"] = index.num_chunks()
    return counts
