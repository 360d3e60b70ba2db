"""A pure-Python safetensors reader and writer with full validation.

File layout: 8-byte little-endian header length N, N bytes of UTF-8 JSON
`{name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}}`,
then the raw little-endian tensor bytes. The reader checks the whole header against the file
size before it reads a byte of tensor data, and never unpickles anything.
"""
import array
import json
import math
import mmap
import os
import struct
import sys
from dataclasses import dataclass

from .errors import CheckpointError
from .io import atomic_write, display_path, open_regular, parse_json

MAX_HEADER_SIZE = 100_000_000
ITEMSIZE = {"BOOL": 1, "U8": 1, "I8": 1, "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
            "I32": 4, "U32": 4, "F32": 4, "I64": 8, "U64": 8, "F64": 8}
_ARRAY_CODE = {"U8": "B", "I8": "b", "I16": "h", "U16": "H", "I32": "i", "U32": "I",
               "F32": "f", "F64": "d", "I64": "q", "U64": "Q", "BOOL": "B"}
_BIG_ENDIAN = sys.byteorder == "big"


@dataclass
class Tensor:
    """A tensor as raw little-endian bytes: the exchange format between core and backends."""

    dtype: str
    shape: tuple
    data: bytes

    @property
    def numel(self):
        return math.prod(self.shape)

    def tolist(self):
        """The values as a flat list of Python numbers (F16/BF16 become floats)."""
        return decode_values(self.dtype, self.data)

    @classmethod
    def from_values(cls, values, shape, dtype="F32"):
        """Pack a flat sequence of numbers into a tensor of `dtype`."""
        shape = tuple(shape)
        if len(values) != math.prod(shape):
            raise ValueError(f"{len(values)} values do not fill shape {shape}")
        return cls(dtype, shape, encode_values(dtype, values))


def _array(code, data):
    arr = array.array(code)
    arr.frombytes(data)
    if _BIG_ENDIAN:
        arr.byteswap()
    return arr


def decode_values(dtype, data):
    """Raw little-endian bytes of `dtype` -> flat list of Python numbers."""
    if dtype == "F16":
        return list(struct.unpack(f"<{len(data) // 2}e", data))
    if dtype == "BF16":
        halves = _array("H", data)
        widened = array.array("I", [h << 16 for h in halves])
        return array.array("f", widened.tobytes()).tolist()
    if dtype == "BOOL":
        return [bool(b) for b in data]
    if dtype not in _ARRAY_CODE:
        raise CheckpointError(f"cannot decode dtype {dtype!r}")
    return _array(_ARRAY_CODE[dtype], data).tolist()


def encode_values(dtype, values):
    """Flat sequence of numbers -> raw little-endian bytes of `dtype`."""
    if dtype == "F16":
        return struct.pack(f"<{len(values)}e", *values)
    if dtype == "BF16":
        words = array.array("f", values)
        bits = array.array("I", words.tobytes())
        # round to nearest even on the dropped 16 bits
        out = array.array("H", [((b + 0x7FFF + ((b >> 16) & 1)) >> 16) & 0xFFFF for b in bits])
        if _BIG_ENDIAN:
            out.byteswap()
        return out.tobytes()
    if dtype not in _ARRAY_CODE:
        raise CheckpointError(f"cannot encode dtype {dtype!r}")
    arr = array.array(_ARRAY_CODE[dtype], values)
    if _BIG_ENDIAN:
        arr.byteswap()
    return arr.tobytes()


def _reject_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise CheckpointError(f"duplicate tensor name {key!r} in safetensors header")
        seen[key] = value
    return seen


def _reject_constant(name):
    raise CheckpointError(f"safetensors header contains the non-JSON constant {name}")


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def parse_header(header_bytes, buffer_size, where="file"):
    """Validate a header against the size of the data buffer; return (entries, metadata).

    entries: list of (name, dtype, shape, begin, end) sorted by offset.
    """
    try:
        text = header_bytes.decode("utf-8")
    except UnicodeDecodeError:
        raise CheckpointError(f"{where}: safetensors header is not valid UTF-8") from None
    header = parse_json(text, f"{where}: safetensors header", CheckpointError,
                        object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant)
    if not isinstance(header, dict):
        raise CheckpointError(f"{where}: safetensors header must be a JSON object")
    metadata = header.pop("__metadata__", None)
    if metadata is not None:
        if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
            raise CheckpointError(f"{where}: __metadata__ must map strings to strings")
    entries = []
    for name, info in header.items():
        if not isinstance(info, dict):
            raise CheckpointError(f"{where}: tensor {name!r}: entry must be an object")
        extra = set(info) - {"dtype", "shape", "data_offsets"}
        if extra:
            raise CheckpointError(f"{where}: tensor {name!r}: unexpected field {sorted(extra)[0]!r}")
        dtype, shape, offsets = info.get("dtype"), info.get("shape"), info.get("data_offsets")
        if not isinstance(dtype, str) or dtype not in ITEMSIZE:
            raise CheckpointError(f"{where}: tensor {name!r}: unknown or unsupported dtype {dtype!r}")
        if not isinstance(shape, list) or not all(_is_int(d) and d >= 0 for d in shape):
            raise CheckpointError(f"{where}: tensor {name!r}: shape must be a list of non-negative integers")
        if (not isinstance(offsets, list) or len(offsets) != 2 or not all(_is_int(o) for o in offsets)):
            raise CheckpointError(f"{where}: tensor {name!r}: data_offsets must be two integers")
        begin, end = offsets
        if not 0 <= begin <= end <= buffer_size:
            raise CheckpointError(
                f"{where}: tensor {name!r}: data_offsets {offsets} out of bounds (data is {buffer_size} bytes)")
        expected = math.prod(shape) * ITEMSIZE[dtype]
        if end - begin != expected:
            raise CheckpointError(
                f"{where}: tensor {name!r}: {end - begin} bytes for shape {shape} of {dtype} (expected {expected})")
        entries.append((name, dtype, tuple(shape), begin, end))
    entries.sort(key=lambda e: (e[3], e[4]))
    position = 0
    for name, _, _, begin, end in entries:
        if begin != position:
            kind = "overlaps the previous tensor" if begin < position else "leaves a gap before it"
            raise CheckpointError(f"{where}: tensor {name!r} {kind} (offset {begin}, expected {position})")
        position = end
    if position != buffer_size:
        raise CheckpointError(
            f"{where}: tensors cover {position} bytes but the data section is {buffer_size} bytes")
    return entries, metadata or {}


class SafeTensorsFile:
    """A validated, memory-mapped safetensors file. Use as a context manager.

    `raw(name)` is a zero-copy memoryview of the tensor's bytes; `tensor(name)` copies it once.
    """

    def __init__(self, path):
        self.path = os.fspath(path)
        try:
            self._file = open_regular(self.path, CheckpointError)
        except OSError as exc:
            raise CheckpointError(f"cannot open {display_path(self.path)}: {exc.strerror}") from None
        try:
            self._open()
        except BaseException:
            self._file.close()
            raise

    def _open(self):
        size = os.fstat(self._file.fileno()).st_size
        where = self.path
        if size < 8:
            raise CheckpointError(f"{where}: file is {size} bytes, too small to be safetensors")
        (header_len,) = struct.unpack("<Q", self._file.read(8))
        if header_len > MAX_HEADER_SIZE:
            raise CheckpointError(f"{where}: header length {header_len} exceeds the {MAX_HEADER_SIZE}-byte cap")
        if 8 + header_len > size:
            raise CheckpointError(f"{where}: header length {header_len} is larger than the file ({size} bytes)")
        header_bytes = self._file.read(header_len)
        self._data_start = 8 + header_len
        entries, self.metadata = parse_header(header_bytes, size - self._data_start, where)
        self._entries = {e[0]: e[1:] for e in entries}
        self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ) if size > self._data_start else None
        self._view = memoryview(self._map) if self._map is not None else memoryview(b"")

    def keys(self):
        return list(self._entries)

    def info(self, name):
        """(dtype, shape) of a tensor."""
        dtype, shape, _, _ = self._entry(name)
        return dtype, shape

    def _entry(self, name):
        try:
            return self._entries[name]
        except KeyError:
            raise CheckpointError(f"{self.path}: no tensor named {name!r}") from None

    def raw(self, name):
        _, _, begin, end = self._entry(name)
        return self._view[self._data_start + begin:self._data_start + end]

    def tensor(self, name):
        dtype, shape, _, _ = self._entry(name)
        return Tensor(dtype, shape, bytes(self.raw(name)))

    def close(self):
        self._view.release()
        if self._map is not None:
            self._map.close()
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def load_file(path):
    """Read every tensor of a safetensors file: ({name: Tensor}, metadata)."""
    with SafeTensorsFile(path) as st:
        return {name: st.tensor(name) for name in st.keys()}, dict(st.metadata)


def serialize(tensors, metadata=None):
    """Bytes of a safetensors file holding `tensors` ({name: Tensor}), sorted by name."""
    header = {}
    if metadata:
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
            raise CheckpointError("safetensors metadata must map strings to strings")
        header["__metadata__"] = dict(metadata)
    offset = 0
    names = sorted(tensors)
    for name in names:
        t = tensors[name]
        if t.dtype not in ITEMSIZE:
            raise CheckpointError(f"tensor {name!r}: unsupported dtype {t.dtype!r}")
        expected = math.prod(t.shape) * ITEMSIZE[t.dtype]
        if len(t.data) != expected:
            raise CheckpointError(f"tensor {name!r}: {len(t.data)} bytes for shape {list(t.shape)} ({expected} expected)")
        header[name] = {"dtype": t.dtype, "shape": list(t.shape), "data_offsets": [offset, offset + expected]}
        offset += expected
    header_bytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    header_bytes += b" " * (-len(header_bytes) % 8)
    return [struct.pack("<Q", len(header_bytes)), header_bytes] + [tensors[n].data for n in names]


def save_file(tensors, path, metadata=None):
    """Write `tensors` atomically: a failed save leaves any previous file untouched."""
    parts = serialize(tensors, metadata)
    with atomic_write(path, "wb") as handle:
        for part in parts:
            handle.write(part)
