"""Documents from files and folders: .txt .md .rst as text, .py as its docstrings and comments,
.jsonl as BEIR corpus rows ({"_id"|"id", "title", "text"}). Unreadable files are reported
and skipped."""
import ast
import io
import os
import tokenize

from ..data import Document, iter_files, read_jsonl
from ..errors import DataError

SUFFIXES = (".txt", ".md", ".rst", ".py", ".jsonl")


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
    """Docstrings (with their qualified names) and comments of a Python file, as plain text."""
    parts = []
    try:
        tree = ast.parse(source)
    except SyntaxError:
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
        walk(tree, "")
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


def load_documents(paths, include=None, exclude=None, on_skip=None):
    """Every document under `paths` (files and folders, recursive, with glob filters)."""
    docs = []
    for path in iter_files(paths, SUFFIXES, include, exclude):
        name = os.path.basename(path)
        try:
            if path.endswith(".jsonl"):
                for doc in read_jsonl(path):
                    doc.title = doc.title or doc.doc_id
                    docs.append(doc)
                continue
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except UnicodeDecodeError as exc:
            _skip(on_skip, f"skipping {path}: not UTF-8 text (byte {exc.start})")
            continue
        except OSError as exc:
            _skip(on_skip, f"skipping {path}: {exc.strerror}")
            continue
        except DataError as exc:
            _skip(on_skip, f"skipping {exc}")
            continue
        if path.endswith(".py"):
            text, title = python_text(text), name
        else:
            title = markup_title(text, os.path.splitext(name)[0])
        if text.strip():
            docs.append(Document(text, os.path.abspath(path), os.path.abspath(path), title))
    return docs


def _skip(on_skip, message):
    if on_skip:
        on_skip(message)
