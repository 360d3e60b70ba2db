"""The default knowledge base: Python's bundled documentation and its built-in functions'
docstrings, indexed on first use into the user's cache folder, reused afterwards, rebuilt when
the Python version changes."""
import os
import platform
import sys

from .corpus import builtin_functions, pydoc_topics
from .defaults import cache_dir
from .errors import RetrievalError
from .retrieval.build import index_documents
from .retrieval.index import DocumentIndex, remove_index_files

KB_CHUNK_SIZE = 60
KB_OVERLAP = 10


def knowledge_documents():
    """The default knowledge base's documents: the bundled reference topics and the built-in
    functions' own docstrings (which the topics do not describe: what zip, enumerate or open do)."""
    return pydoc_topics() + builtin_functions()


def source_signature():
    return f"pydoc_data {platform.python_version()} {sys.implementation.name} titles=headings builtins=2"


def default_index_path():
    return os.path.join(cache_dir(), f"python-docs-{sys.version_info.major}.{sys.version_info.minor}.sqlite")


def ensure_default_index(progress=True, log=None):
    """The path of an up-to-date default index, building it first when needed."""
    path = default_index_path()
    if os.path.exists(path):
        try:
            with DocumentIndex(path, create=False) as index:
                if index.meta().get("source") == source_signature() and index.num_chunks():
                    return path
        except RetrievalError:
            pass
        remove_index_files(path)
    if log:
        log(f"indexing Python's documentation into {path} (first use)")
    tmp = path + ".building"
    remove_index_files(tmp)
    with DocumentIndex(tmp) as index:
        index_documents(index, knowledge_documents(), KB_CHUNK_SIZE, KB_OVERLAP, progress=progress)
        index.set_meta(source=source_signature())
        index.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.replace(tmp, path)
    return path
