"""Real English text that every CPython install carries: Python's bundled documentation
(`pydoc_data.topics`) and the standard library's docstrings. Used for the default model,
the default knowledge base, tests and benchmarks."""
import os
import sysconfig

from .documents import Document, python_docstrings
from .errors import DataError

TOPICS_PATH = "pydoc_data/topics.py"


def pydoc_topics():
    """The bundled documentation topics as Documents (title = topic name), sorted by name."""
    try:
        from pydoc_data.topics import topics
    except ImportError:
        raise DataError("this Python has no bundled documentation (pydoc_data); pass --docs PATH") from None
    return [Document(topics[name], f"{TOPICS_PATH}#{name}", f"pydoc:{name}", _topic_title(name, topics[name]))
            for name in sorted(topics)]


def _topic_title(name, text):
    """The topic's own heading ('Mapping Types — "dict"'), else its name ("typesmapping")."""
    lines = text.lstrip("\n").split("\n", 2)
    if len(lines) >= 2 and lines[1].strip() and set(lines[1].strip()) <= set("*=-~^"):
        return lines[0].strip().replace('"', "")
    return name.replace("-", " ")


def pydoc_text():
    return "\n\n".join(d.text for d in pydoc_topics())


def stdlib_docstrings(max_bytes=None, min_length=80):
    """Docstrings of the standard library's modules, classes and functions (parsed, not imported).

    Returns Documents titled `module.qualname`, in a stable order; `max_bytes` caps the total.
    """
    root = sysconfig.get_paths()["stdlib"]
    docs, total = [], 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in ("test", "tests", "idlelib", "site-packages", "__pycache__")
                         and not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            module = os.path.relpath(path, root)[:-3].replace(os.sep, ".").removesuffix(".__init__")
            for qualname, text in _docstrings(path):
                if len(text) < min_length:
                    continue
                title = module if not qualname else f"{module}.{qualname}"
                docs.append(Document(text, path, title, title))
                total += len(text.encode("utf-8"))
                if max_bytes and total >= max_bytes:
                    return docs
    return docs


def _docstrings(path):
    try:
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
    except (OSError, UnicodeDecodeError):
        return []
    return python_docstrings(source)
