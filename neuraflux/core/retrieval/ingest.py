"""Documents from files and folders: .txt .md .rst as text, .py as its docstrings and comments,
.jsonl as BEIR corpus rows ({"_id"|"id", "title", "text"}). Unreadable files are reported
and skipped."""
import ast
import io
import os
import tokenize

from ..data import Document, iter_files, read_jsonl, read_text_file
from ..errors import DataError
from ..io import display_path

SUFFIXES = (".txt", ".md", ".rst", ".py", ".jsonl")
MAX_FILE_BYTES = 64 * 1024 ** 2  # one text file to index; larger ones are reported and skipped


def markup_title(text, fallback):
    """The first Markdown heading or reStructuredText title, else `fallback`."""
    lines = text.splitlines()
    for i, line in enumerate(lines[:40]):
        stripped = line.strip()
        if stripped.startswith("#"):
            return stripped.lstrip("#").strip() or fallback
        if stripped and i + 1 < len(lines) and len(set(lines[i + 1].strip())) == 1 \
                and lines[i + 1].strip()[:1] in "=-~*^#" and len(lines[i + 1].strip()) >= len(stripped) > 0:
            return stripped
    return fallback


def python_text(source):
    """Docstrings (with their qualified names) and comments of a Python file, as plain text.

    Source the parser cannot take (syntax errors, nesting deep enough to exhaust its stack)
    still gives its comments."""
    parts = []
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        tree = None
    if tree is not None:
        def walk(node, prefix):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                doc = ast.get_docstring(node)
                if doc:
                    parts.append(f"{prefix}:\n{doc}" if prefix else doc)
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                    walk(child, f"{prefix}.{child.name}" if prefix else child.name)
        try:
            walk(tree, "")
        except RecursionError:  # classes nested thousands deep
            pass
    comments = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT and not token.string.startswith("#!"):
                comments.append(token.string.lstrip("#").strip())
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    if comments:
        parts.append("\n".join(c for c in comments if c))
    return "\n\n".join(p for p in parts if p.strip())


def load_documents(paths, include=None, exclude=None, on_skip=None, max_file_bytes=MAX_FILE_BYTES):
    """Every document under `paths` (files and folders, recursive, with glob filters).

    Files that cannot be read (not regular files, over `max_file_bytes`, not UTF-8, a bad
    JSON line) are reported through `on_skip` and passed over. A document id seen twice (the
    same `_id` in two rows or files) keeps both documents: the later one is indexed as
    `file:id`, with a warning."""
    docs, first_seen = [], {}
    for path in iter_files(paths, SUFFIXES, include, exclude, on_skip=on_skip):
        name = display_path(os.path.basename(path))
        try:
            if path.endswith(".jsonl"):
                for doc in list(read_jsonl(path, on_repair=on_skip)):
                    doc.title = doc.title or doc.doc_id
                    doc.path = display_path(os.path.abspath(path))
                    docs.append(_unique(doc, first_seen, on_skip))
                continue
            text = read_text_file(path, max_file_bytes)
        except DataError as exc:
            _skip(on_skip, f"skipping {exc}")
            continue
        except OSError as exc:
            _skip(on_skip, f"skipping {display_path(path)}: {exc.strerror}")
            continue
        if path.endswith(".py"):
            text, title = python_text(text), name
        else:
            title = markup_title(text, os.path.splitext(name)[0])
        if text.strip():
            where = display_path(os.path.abspath(path))
            docs.append(_unique(Document(text, where, where, title), first_seen, on_skip))
    return docs


def _unique(doc, first_seen, on_skip):
    """`doc`, renamed `file:id` when its id was already taken by an earlier document."""
    earlier = first_seen.get(doc.doc_id)
    if earlier is not None:
        renamed = f"{os.path.basename(doc.path)}:{doc.doc_id}"
        suffix = 2
        while renamed in first_seen:
            renamed, suffix = f"{os.path.basename(doc.path)}:{doc.doc_id}#{suffix}", suffix + 1
        _skip(on_skip, f"document id {doc.doc_id!r} appears twice ({earlier} and {doc.path}); "
                       f"the second is indexed as {renamed!r}")
        doc.doc_id = renamed
    first_seen[doc.doc_id] = doc.path
    return doc


def _skip(on_skip, message):
    if on_skip:
        on_skip(message)
