"""GGUF files (llama.cpp's format), read with the standard library.

Layout: magic `GGUF`, version (2 or 3), tensor count and metadata count (uint64), the metadata
key/value pairs, the tensor infos (name, dims with the fastest-varying first, ggml type, offset
into the data section), padding to `general.alignment` (default 32), then the data. The whole
header is parsed and every tensor's extent checked against the file size before any data is
read; data is memory-mapped and dequantized on demand to float32 core Tensors.

Dequantization: F32, F16, BF16, and the 32-value blocks Q8_0 (fp16 scale d, 32 int8: d*q),
Q4_0 (fp16 d, 16 bytes of nibbles: d*(q-8)) and Q4_1 (fp16 d, fp16 min m, nibbles: d*q+m);
in each 4-bit block the low nibbles are values 0..15 and the high nibbles values 16..31. Q5_0 and
Q5_1 add a 32-bit word after the scale(s) holding each value's fifth bit (Q5_0: d*(q-16)). The
K-quants (llama.cpp's Q4_K_M/Q5_K_M/Q6_K files) use super-blocks of 256 values: Q4_K (fp16 d and
dmin, twelve bytes packing eight 6-bit scales and mins, 128 bytes of nibbles: d*scale*q - dmin*min
per 32 values), Q5_K (the same plus 32 bytes holding each value's fifth bit) and Q6_K (128 bytes
of low nibbles, 64 of 2-bit highs, sixteen int8 scales per 16 values, fp16 d: d*scale*(q - 32)).
"""
import array
import math
import mmap
import os
import struct
import sys
from dataclasses import dataclass

from .errors import CheckpointError
from .io import display_path, open_regular
from .safetensors import Tensor, decode_values

MAGIC = b"GGUF"
DEFAULT_ALIGNMENT = 32
MAX_COUNT = 1 << 24  # tensors, metadata entries or array items: beyond this the file is corrupt
MAX_STRING = 1 << 26
MAX_DIMS = 4

# metadata value types
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
STRING, ARRAY = 8, 9
VALUE_TYPE_NAMES = {0: "uint8", 1: "int8", 2: "uint16", 3: "int16", 4: "uint32", 5: "int32", 6: "float32",
                    7: "bool", 8: "string", 9: "array", 10: "uint64", 11: "int64", 12: "float64"}

# ggml tensor types: name, values per block, bytes per block
GGML_TYPES = {0: ("F32", 1, 4), 1: ("F16", 1, 2), 2: ("Q4_0", 32, 18), 3: ("Q4_1", 32, 20), 6: ("Q5_0", 32, 22),
              7: ("Q5_1", 32, 24), 8: ("Q8_0", 32, 34), 9: ("Q8_1", 32, 36), 10: ("Q2_K", 256, 84),
              11: ("Q3_K", 256, 110), 12: ("Q4_K", 256, 144), 13: ("Q5_K", 256, 176), 14: ("Q6_K", 256, 210),
              15: ("Q8_K", 256, 292), 24: ("I8", 1, 1), 25: ("I16", 1, 2), 26: ("I32", 1, 4), 27: ("I64", 1, 8),
              28: ("F64", 1, 8), 30: ("BF16", 1, 2)}
K_QUANTS = ("Q4_K", "Q5_K", "Q6_K")
# the 32-value blocks with nibbles: {type: (block bytes, scale bytes, has a word of fifth bits,
# offset in units of d, or None when a fp16 minimum is stored)}
LEGACY_BLOCKS = {"Q4_0": (18, 2, False, -8.0), "Q4_1": (20, 4, False, None),
                 "Q5_0": (22, 2, True, -16.0), "Q5_1": (24, 4, True, None)}
SUPPORTED = ("F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1") + K_QUANTS
_BIG_ENDIAN = sys.byteorder == "big"


@dataclass
class GGUFTensorInfo:
    name: str
    shape: tuple  # row-major (slowest first), as torch and safetensors write it
    type_name: str
    offset: int  # absolute, in the file
    nbytes: int

    @property
    def numel(self):
        return math.prod(self.shape)


class _Cursor:
    """Reads little-endian values from a buffer, raising CheckpointError past its end."""

    def __init__(self, data, where):
        self.data, self.pos, self.where = data, 0, where

    def take(self, size):
        if size < 0 or self.pos + size > len(self.data):
            raise CheckpointError(f"{self.where}: the header runs past the end of the file (at byte {self.pos})")
        chunk = self.data[self.pos:self.pos + size]
        self.pos += size
        return chunk

    def unpack(self, fmt):
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]

    def count(self, what):
        value = self.unpack("<Q")
        if value > MAX_COUNT:
            raise CheckpointError(f"{self.where}: {what} count {value} is implausible; the file is corrupt")
        return value

    def string(self):
        size = self.unpack("<Q")
        if size > MAX_STRING:
            raise CheckpointError(f"{self.where}: a string of {size} bytes in the header; the file is corrupt")
        try:
            return bytes(self.take(size)).decode("utf-8")
        except UnicodeDecodeError:
            raise CheckpointError(f"{self.where}: a header string is not UTF-8") from None

    def value(self, kind, depth=0):
        if kind in _SCALARS:
            return self.unpack(_SCALARS[kind])
        if kind == STRING:
            return self.string()
        if kind == ARRAY and depth == 0:
            item_kind = self.unpack("<I")
            count = self.count("array item")
            if item_kind in _SCALARS:  # one struct call for a whole numeric array
                fmt = _SCALARS[item_kind]
                return list(struct.unpack("<" + fmt[1] * count, self.take(struct.calcsize(fmt) * count)))
            return [self.value(item_kind, depth + 1) for _ in range(count)]
        raise CheckpointError(f"{self.where}: unknown metadata value type {kind}")


class GGUFFile:
    """A validated, memory-mapped GGUF file. Use as a context manager."""

    def __init__(self, path):
        self.path = os.fspath(path)
        where = display_path(self.path)
        try:
            self._file = open_regular(self.path, CheckpointError)
        except OSError as exc:
            raise CheckpointError(f"cannot open {where}: {exc.strerror}") from None
        try:
            size = os.fstat(self._file.fileno()).st_size
            if size < 24:
                raise CheckpointError(f"{where}: {size} bytes is too small to be a GGUF file")
            self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
            view = memoryview(self._map)
            try:
                self._parse(view, where, size)
            finally:
                view.release()  # no view outlives parsing, so close() can always unmap
        except BaseException:
            self.close()
            raise

    def _parse(self, view, where, size):
        cur = _Cursor(view, where)
        if bytes(cur.take(4)) != MAGIC:
            raise CheckpointError(f"{where} is not a GGUF file (no GGUF magic)")
        self.version = cur.unpack("<I")
        if self.version not in (2, 3):
            raise CheckpointError(f"{where}: GGUF version {self.version} is not supported (2 and 3 are)")
        tensor_count, kv_count = cur.count("tensor"), cur.count("metadata")
        self.metadata = {}
        for _ in range(kv_count):
            key = cur.string()
            kind = cur.unpack("<I")
            if key in self.metadata:
                raise CheckpointError(f"{where}: metadata key {key!r} appears twice")
            self.metadata[key] = cur.value(kind)
        infos = []
        for _ in range(tensor_count):
            name = cur.string()
            ndims = cur.unpack("<I")
            if not 1 <= ndims <= MAX_DIMS:
                raise CheckpointError(f"{where}: tensor {name!r} has {ndims} dimensions")
            dims = [cur.unpack("<Q") for _ in range(ndims)]
            kind, offset = cur.unpack("<I"), cur.unpack("<Q")
            infos.append((name, dims, kind, offset))
        alignment = self.metadata.get("general.alignment", DEFAULT_ALIGNMENT)
        if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
            raise CheckpointError(f"{where}: general.alignment must be a power of two, got {alignment!r}")
        data_start = -(-cur.pos // alignment) * alignment
        self.tensors = {}
        for name, dims, kind, offset in infos:
            if kind not in GGML_TYPES:
                raise CheckpointError(f"{where}: tensor {name!r} has unknown ggml type {kind}")
            type_name, block, block_bytes = GGML_TYPES[kind]
            count = math.prod(dims)
            if count % block:
                raise CheckpointError(f"{where}: tensor {name!r} ({type_name}) has {count} values, not whole blocks")
            nbytes = count // block * block_bytes
            begin = data_start + offset
            if offset % alignment or begin + nbytes > size:
                raise CheckpointError(f"{where}: tensor {name!r} lies outside the file or is misaligned "
                                      f"(offset {offset}, {nbytes} bytes, file {size} bytes)")
            if name in self.tensors:
                raise CheckpointError(f"{where}: tensor {name!r} appears twice")
            self.tensors[name] = GGUFTensorInfo(name, tuple(reversed(dims)), type_name, begin, nbytes)
        self.where = where

    def raw(self, name):
        """The tensor's stored bytes (a copy, so the file can be closed at any time)."""
        info = self.info(name)
        return self._map[info.offset:info.offset + info.nbytes]

    def info(self, name):
        try:
            return self.tensors[name]
        except KeyError:
            raise CheckpointError(f"{self.where}: no tensor {name!r}") from None

    def tensor(self, name):
        """The tensor as a float32 core Tensor (dequantized)."""
        info = self.info(name)
        if info.type_name not in SUPPORTED:
            raise CheckpointError(f"{self.where}: tensor {name!r} is {info.type_name}, which neuraflux cannot "
                                  f"dequantize yet (supported: {', '.join(SUPPORTED)})")
        values = dequantize(info.type_name, self.raw(name), info.numel)
        return Tensor("F32", info.shape, values.tobytes() if not _BIG_ENDIAN else _swapped(values))

    def close(self):
        if getattr(self, "_map", None) is not None:
            self._map.close()
            self._map = None
        if getattr(self, "_file", None) is not None:
            self._file.close()
            self._file = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _swapped(values):
    out = array.array("f", values)
    out.byteswap()
    return out.tobytes()


def dequantize(type_name, data, count):
    """`count` float32 values (array('f')) from the raw bytes of one tensor."""
    if type_name == "F32":
        out = array.array("f")
        out.frombytes(data)
        if _BIG_ENDIAN:
            out.byteswap()
        return out
    if type_name in ("F16", "BF16"):  # the same encodings safetensors stores
        return array.array("f", decode_values(type_name, data))
    blocks = count // 32
    out = array.array("f")
    if type_name == "Q8_0":
        for b in range(blocks):
            base = b * 34
            (d,) = struct.unpack_from("<e", data, base)
            out.extend([d * q for q in struct.unpack_from("<32b", data, base + 2)])
        return out
    if type_name in LEGACY_BLOCKS:
        size, head, fifth_bits, offset = LEGACY_BLOCKS[type_name]
        for b in range(blocks):
            base = b * size
            if offset is None:  # a stored minimum
                d, m = struct.unpack_from("<ee", data, base)
            else:
                (d,) = struct.unpack_from("<e", data, base)
                m = offset * d
            fifth = struct.unpack_from("<I", data, base + head)[0] if fifth_bits else 0
            start = base + head + (4 if fifth_bits else 0)
            nibbles = data[start:start + 16]
            out.extend([d * ((byte & 15) | (((fifth >> j) & 1) << 4)) + m for j, byte in enumerate(nibbles)])
            out.extend([d * ((byte >> 4) | (((fifth >> (j + 16)) & 1) << 4)) + m for j, byte in enumerate(nibbles)])
        return out
    if type_name in K_QUANTS:
        return _dequantize_k(type_name, data, count // 256)
    raise CheckpointError(f"cannot dequantize {type_name}")


def k_scales(raw):
    """The eight 6-bit (scale, min) pairs packed into a K-quant block's 12 bytes: pairs 0-3 in
    the low 6 bits of bytes 0-3 and 4-7; pairs 4-7 from the nibbles of bytes 8-11, their top
    two bits in the high bits of bytes 0-3 (scales) and 4-7 (mins)."""
    scales, mins = [], []
    for j in range(8):
        if j < 4:
            scales.append(raw[j] & 63)
            mins.append(raw[j + 4] & 63)
        else:
            scales.append((raw[j + 4] & 15) | ((raw[j - 4] >> 6) << 4))
            mins.append((raw[j + 4] >> 4) | ((raw[j] >> 6) << 4))
    return scales, mins


def _dequantize_k(type_name, data, blocks):
    """Super-blocks of 256 values (see K_QUANTS)."""
    out = array.array("f")
    size = {"Q4_K": 144, "Q5_K": 176, "Q6_K": 210}[type_name]
    for b in range(blocks):
        block = data[b * size:(b + 1) * size]
        if type_name == "Q6_K":
            (d,) = struct.unpack_from("<e", block, 208)
            scales = struct.unpack_from("<16b", block, 192)
            for half in (0, 1):
                low, high, sc = block[64 * half:64 * half + 64], block[128 + 32 * half:160 + 32 * half], \
                    scales[8 * half:8 * half + 8]
                for part, (offset, shift) in enumerate(((0, 0), (32, 0), (0, 4), (32, 4))):
                    for row in (0, 1):  # 16 values share one scale
                        factor = d * sc[row + 2 * part]
                        out.extend([factor * ((((low[offset + l] >> shift) & 15) | (((high[l] >> (2 * part)) & 3) << 4))
                                              - 32) for l in range(16 * row, 16 * row + 16)])
            continue
        d, dmin = struct.unpack_from("<ee", block, 0)
        scales, mins = k_scales(block[4:16])
        high = block[16:48] if type_name == "Q5_K" else None
        quants = block[48:176] if type_name == "Q5_K" else block[16:144]
        for chunk in range(4):
            nibbles = quants[32 * chunk:32 * chunk + 32]
            for sub, shift in ((2 * chunk, 0), (2 * chunk + 1, 4)):
                factor, offset = d * scales[sub], dmin * mins[sub]
                if high is None:
                    out.extend([factor * ((q >> shift) & 15) - offset for q in nibbles])
                else:
                    bit = 1 << sub
                    out.extend([factor * (((q >> shift) & 15) + (16 if h & bit else 0)) - offset
                                for q, h in zip(nibbles, high)])
    return out


def describe_gguf(path):
    """What `neuraflux inspect FILE.gguf` shows: architecture, sizes, types, tokenizer, template."""
    with GGUFFile(path) as gguf:
        meta = gguf.metadata
        arch = meta.get("general.architecture", "?")
        types = {}
        for info in gguf.tensors.values():
            types[info.type_name] = types.get(info.type_name, 0) + 1
        fields = ("block_count", "context_length", "embedding_length", "feed_forward_length",
                  "attention.head_count", "attention.head_count_kv", "rope.freq_base", "vocab_size")
        template = meta.get("tokenizer.chat_template")
        tokens = meta.get("tokenizer.ggml.tokens") or []
        return {"path": gguf.path, "format": f"GGUF v{gguf.version}", "architecture": arch,
                "name": meta.get("general.name"), "num_tensors": len(gguf.tensors),
                "num_parameters": sum(i.numel for i in gguf.tensors.values()),
                "file_bytes": os.path.getsize(gguf.path), "tensor_types": types,
                "model": {f: meta[f"{arch}.{f}"] for f in fields if f"{arch}.{f}" in meta},
                "tokenizer": {"model": meta.get("tokenizer.ggml.model"), "pre": meta.get("tokenizer.ggml.pre"),
                              "vocab": len(tokens), "merges": len(meta.get("tokenizer.ggml.merges") or []),
                              "bos": meta.get("tokenizer.ggml.bos_token_id"),
                              "eos": meta.get("tokenizer.ggml.eos_token_id")},
                "chat_template": template.splitlines()[0][:120] + ("…" if len(template) > 120 else "")
                if isinstance(template, str) and template else None,
                "tensors": [{"name": i.name, "dtype": i.type_name, "shape": list(i.shape)}
                            for i in gguf.tensors.values()]}
