"""Real English text that every CPython install carries: Python's bundled documentation
(`pydoc_data.topics`) and the standard library's docstrings. Used for the default model,
the default knowledge base, tests and benchmarks."""
import os
import re
import sysconfig
import types

from .answer_types import HOW_TO
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


# built-in types called like functions, whose docstrings say what the call does ("zip(*iterables)…");
# the other classes' docstrings (str, list, dict…) describe what the reference's pages do better
CALLED_TYPES = ("enumerate", "filter", "map", "range", "reversed", "zip")
_SITE_BUILTINS = frozenset({"copyright", "credits", "exit", "quit", "license", "help"})  # added by site, not Python
_ARROW = re.compile(r"\s+-+>\s*")
BUILTIN_PREFIX = "builtins:"
# "Does three-argument pow() call __rpow__?", "How do I make round() work with my own number class?":
# what a class defines for the function, which the reference's special methods say
_OWN_TYPES = re.compile(r"__\w+__|\b(?:my|your|our)\s+(?:own\s+)?(?:[\w-]+\s+)?"
                        r"(?:class|classes|objects?|types?|instances?)\b", re.I)


def builtin_functions():
    """The built-in functions (len, zip, open…) as Documents, one each, read from this Python's own
    docstrings: the signature, then its description indented under it, as the reference writes
    a function (title "zip() — built-in function")."""
    import builtins
    import inspect

    docs = []
    for name in sorted(vars(builtins)):
        obj = getattr(builtins, name)
        if name.startswith("_") or name in _SITE_BUILTINS or not (
                isinstance(obj, types.BuiltinFunctionType) or name in CALLED_TYPES):
            continue
        text = inspect.getdoc(obj)
        if not text:
            continue
        signature, description = _signature_and_description(name, obj, text)
        body = "\n".join(f"   {line}" if line.strip() else "" for line in description.split("\n"))
        docs.append(Document(f"{signature}\n\n{body}\n", f"builtins#{name}", f"{BUILTIN_PREFIX}{name}",
                             f"{name}() — built-in function"))
    return docs


def builtin_entry_admitted(question, doc_id):
    """Whether a passage of `doc_id` may answer `question`: a built-in function's entry answers a
    question that names the function ("What does zip do?") or asks how to do something ("How do I
    get the absolute value…"); other questions about the language ("What is the value of an empty
    return?") are the reference's, whose words a one-line docstring would otherwise match ("When
    the iterable is empty, return the start value"), and so are questions about what one's own
    class defines for it ("How do I make round() work with my own number class?"). Any other
    document: True."""
    if not doc_id.startswith(BUILTIN_PREFIX):
        return True
    if _OWN_TYPES.search(question):
        return False
    name = doc_id[len(BUILTIN_PREFIX):]
    return bool(HOW_TO.match(question) or re.search(rf"(?<![\w.]){re.escape(name)}\b(?!_)", question, re.I))


def _signature_and_description(name, obj, text):
    """(the call's signature, the rest of the docstring): the docstring's own opening lines when it
    writes them ("max(iterable, *[, default=obj, key=func]) -> value"; what follows an arrow is
    kept when it is a sentence: "zip(…) --> Yield tuples…"), else inspect's ("abs(x, /)")."""
    import inspect

    lines = text.split("\n")
    written = []
    while lines and re.match(rf"(?:async\s+)?{name}\(", lines[0]):  # "async anext(aiterator[, default])"
        head, _, tail = _ARROW.sub(" -> ", lines.pop(0)).partition(" -> ")
        written.append(head.strip())
        if tail[:1].isupper() and tail.rstrip().endswith("."):
            lines.insert(0, tail.strip())
            break
    description = "\n".join(lines).strip()
    if written:  # "range(stop)" and "range(start, stop[, step])": one term, written on two lines
        return "\n".join(written), description
    try:
        return f"{name}{inspect.signature(obj)}", description
    except (TypeError, ValueError):
        return f"{name}(...)", description


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
