"""Splitting documents into overlapping chunks that remember where they came from.

Chunk sizes count tokens in the retrieval sense: runs of non-space characters ("words").
Every chunk keeps the character offsets of its text inside the document, so a citation can
point at the exact span.
"""
import re
from dataclasses import dataclass

_WORD = re.compile(r"\S+")


@dataclass
class Chunk:
    """One retrievable span of a document."""

    doc_id: str
    chunk_index: int
    text: str
    start: int  # character offsets in the document: text == document[start:end]
    end: int
    title: str = None
    path: str = None

    @property
    def chunk_id(self):
        return f"{self.doc_id}#{self.chunk_index}"


def chunk_spans(text, chunk_size=120, overlap=20):
    """(start, end) character spans of consecutive windows of `chunk_size` words,
    each starting `chunk_size - overlap` words after the previous one."""
    if chunk_size <= 0:
        raise ValueError("chunk_size must be positive")
    if not 0 <= overlap < chunk_size:
        raise ValueError("overlap must be at least 0 and smaller than chunk_size")
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not words:
        return []
    spans, step = [], chunk_size - overlap
    for first in range(0, len(words), step):
        last = min(first + chunk_size, len(words)) - 1
        spans.append((words[first][0], words[last][1]))
        if last == len(words) - 1:
            break
    return spans


def chunk_document(doc_id, text, title=None, path=None, chunk_size=120, overlap=20):
    return [Chunk(doc_id, i, text[s:e], s, e, title, path)
            for i, (s, e) in enumerate(chunk_spans(text, chunk_size, overlap))]
