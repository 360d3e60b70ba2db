"""Atomic file writes: a temp file in the same folder, fsync, then os.replace."""
import contextlib
import hashlib
import json
import os
import stat
import tempfile

from .errors import DataError


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


def _new_file_mode():
    """The permissions open() gives a new file: 0o666 less the process umask (read from
    /proc where it can be, as setting the umask to read it is not thread-safe)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _mode_for(path):
    """A replaced file keeps its permissions; a new one gets those open() would give it
    (mkstemp's temp files are private, 0o600)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return _new_file_mode()


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
        os.chmod(tmp, _mode_for(path))
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


# -- reading what users hand us: regular files only, bounded, never blocking -----------------
def file_kind(mode):
    """A word for what a stat mode is, for messages ('a FIFO', 'a character device', ...)."""
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def open_regular(path, error=DataError):
    """Open `path` for binary reading if it is a regular file (following symlinks).

    FIFOs, devices and sockets are refused before a byte is read, so `/dev/zero` or a named
    pipe can never block or flood a reader; raises `error` saying what the path is.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise error(f"{display_path(path)} is {file_kind(mode)}, not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes_limited(path, limit, error=DataError, what="file"):
    """The bytes of a regular file, refusing one larger than `limit` bytes (checked before reading)."""
    with open_regular(path, error) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise error(f"{display_path(path)}: {what} is {size:,} bytes, over the {limit:,}-byte limit")
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while we read it
        raise error(f"{display_path(path)}: {what} is over the {limit:,}-byte limit")
    return data


def parse_json(text, where, error=DataError, **hooks):
    """json.loads with every failure (syntax, nesting depth, giant integers) as one `error`."""
    try:
        return json.loads(text, **hooks)
    except json.JSONDecodeError as exc:
        raise error(f"{where}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise error(f"{where}: JSON is nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise error(f"{where}: JSON has an unreadable value ({exc})") from None


def read_json(path, what="JSON file", limit=256 * 1024 * 1024, error=DataError, **hooks):
    """Parse a JSON file that must be a regular file, UTF-8 and at most `limit` bytes."""
    data = read_bytes_limited(path, limit, error, what)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{display_path(path)}: {what} is not UTF-8 (byte {exc.start})") from None
    return parse_json(text, f"{display_path(path)}", error, **hooks)


def read_pointer_file(path, limit=4096):
    """The stripped text of a small pointer file (such as a run's `latest`), or None when it is
    missing, not a regular file, over `limit` bytes or not UTF-8."""
    try:
        return read_bytes_limited(path, limit).decode("utf-8").strip()
    except (OSError, DataError, UnicodeDecodeError):
        return None


def file_digest(paths):
    """SHA-256 (hex) of the concatenated contents of `paths`, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def display_path(path):
    """A path as printable text: undecodable bytes in file names become \\xNN escapes."""
    path = os.fspath(path)
    if isinstance(path, bytes):
        return path.decode("utf-8", "backslashreplace")
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
