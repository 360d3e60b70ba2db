"""Atomic file writes: a temp file in the same folder, fsync, then os.replace."""
import contextlib
import json
import os
import tempfile


@contextlib.contextmanager
def atomic_write(path, mode="wb", encoding=None):
    """Yield a file object whose contents replace `path` only if the block succeeds.

    On any exception the temp file is removed and `path` is left untouched.
    """
    with atomic_path(path) as tmp:
        with open(tmp, mode, encoding=encoding) as handle:
            yield handle


def _fsync_dir(folder):
    """Make the rename durable (POSIX only; a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temp path next to `path` for another writer (e.g. readline) to fill; it then
    replaces `path` (fsync, os.replace), or is removed if the block fails."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        _fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_bytes_atomic(path, data):
    with atomic_write(path, "wb") as handle:
        handle.write(data)


def write_text_atomic(path, text):
    with atomic_write(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def write_json_atomic(path, obj):
    write_text_atomic(path, json.dumps(obj, indent=2, ensure_ascii=False) + "\n")
