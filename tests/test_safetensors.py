import json
import math
import random
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neuraflux.core import safetensors as sf
from neuraflux.core.errors import CheckpointError
from neuraflux.core.safetensors import Tensor

DTYPES = {"F32": "f", "F64": "d", "I8": "b", "I32": "i", "I64": "q", "U8": "B", "F16": "e", "BF16": None}


def values_for(dtype, n, rng):
    if dtype in ("F32", "F64", "F16"):
        return [float(struct.unpack("<e", struct.pack("<e", rng.uniform(-100, 100)))[0]) for _ in range(n)]
    if dtype == "BF16":
        return [float(rng.randint(-200, 200)) for _ in range(n)]  # exactly representable in bf16
    bits = {"I8": 7, "I32": 31, "I64": 63}.get(dtype, 8)
    lo, hi = (0, 255) if dtype == "U8" else (-(2 ** bits), 2 ** bits - 1)
    return [rng.randint(lo, hi) for _ in range(n)]


@st.composite
def tensor_dicts(draw):
    rng = random.Random(draw(st.integers(0, 2 ** 32)))
    out = {}
    for i in range(draw(st.integers(0, 5))):
        dtype = draw(st.sampled_from(sorted(DTYPES)))
        shape = tuple(draw(st.lists(st.integers(0, 5), max_size=3)))
        out[f"t{i}.{draw(st.text('abc._', max_size=6))}"] = Tensor.from_values(values_for(dtype, math.prod(shape), rng), shape, dtype)
    return out


@given(tensor_dicts())
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_round_trip(tmp_path, tensors):
    path = tmp_path / "x.safetensors"
    sf.save_file(tensors, path, {"k": "v"})
    loaded, meta = sf.load_file(path)
    assert meta == {"k": "v"}
    assert set(loaded) == set(tensors)
    for name, t in tensors.items():
        assert loaded[name].dtype == t.dtype and loaded[name].shape == t.shape
        assert loaded[name].tolist() == t.tolist()


def test_bf16_and_f16_conversion():
    values = [0.0, 1.0, -2.5, 65504.0, 1e-3]
    assert Tensor.from_values(values, (5,), "F16").tolist()[:4] == values[:4]
    bf = Tensor.from_values([1.0, -3.0, 0.15625], (3,), "BF16").tolist()
    assert bf == [1.0, -3.0, 0.15625]


def _valid_file(tmp_path):
    path = tmp_path / "ok.safetensors"
    sf.save_file({"a": Tensor.from_values([1.0, 2.0], (2,)), "b": Tensor.from_values([3, 4, 5], (3,), "I8")}, path)
    return path


def _write_raw(tmp_path, header, data=b"", name="bad.safetensors", length=None):
    body = header if isinstance(header, bytes) else json.dumps(header).encode()
    path = tmp_path / name
    path.write_bytes(struct.pack("<Q", len(body) if length is None else length) + body + data)
    return path


MALFORMED = {
    "truncated": lambda p: _valid_file(p).read_bytes()[:-3],
    "header_larger_than_file": lambda p: struct.pack("<Q", 10_000) + b"{}",
    "header_over_cap": lambda p: struct.pack("<Q", sf.MAX_HEADER_SIZE + 1) + b"{}",
    "too_small": lambda p: b"abc",
    "overlap": lambda p: {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                          "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}},
    "gap": lambda p: {"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
                      "b": {"dtype": "F32", "shape": [1], "data_offsets": [8, 12]}},
    "wrong_byte_count": lambda p: {"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}},
    "unknown_dtype": lambda p: {"a": {"dtype": "F99", "shape": [2], "data_offsets": [0, 8]}},
    "non_object": lambda p: b"[1, 2, 3]",
    "duplicate_names": lambda p: b'{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, '
                                 b'"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}',
    "negative_shape": lambda p: {"a": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}},
    "bool_in_shape": lambda p: {"a": {"dtype": "F32", "shape": [True, 2], "data_offsets": [0, 8]}},
    "offsets_out_of_bounds": lambda p: {"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}},
    "bad_utf8": lambda p: b'{"\xff": 1}',
    "nan_constant": lambda p: b'{"a": NaN}',
    "metadata_not_strings": lambda p: {"__metadata__": {"x": 1}},
    "trailing_bytes": lambda p: {"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}},
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_files_raise_checkpoint_error(tmp_path, case):
    made = MALFORMED[case](tmp_path)
    if isinstance(made, dict):
        data = b"\0" * 8 if case != "trailing_bytes" else b"\0" * 12
        path = _write_raw(tmp_path, made, data)
    else:
        path = tmp_path / "bad.safetensors"
        path.write_bytes(made)
    with pytest.raises(CheckpointError):
        sf.load_file(path)


def test_mutation_fuzz_only_loads_or_checkpoint_errors(tmp_path):
    rng = random.Random(1234)
    original = _valid_file(tmp_path).read_bytes()
    path = tmp_path / "fuzz.safetensors"
    outcomes = {"ok": 0, "error": 0}
    for _ in range(1500):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            kind = rng.random()
            if kind < 0.6 and data:
                data[rng.randrange(len(data))] = rng.randrange(256)
            elif kind < 0.8:
                del data[rng.randrange(len(data) + 1):]
            else:
                pos = rng.randrange(len(data) + 1)
                data[pos:pos] = bytes([rng.randrange(256)])
        path.write_bytes(bytes(data))
        try:
            tensors, _ = sf.load_file(path)
            for t in tensors.values():
                t.tolist()
            outcomes["ok"] += 1
        except CheckpointError:
            outcomes["error"] += 1
    assert outcomes["error"] > 0


def test_failed_save_leaves_previous_file(tmp_path, monkeypatch):
    path = _valid_file(tmp_path)
    before = path.read_bytes()

    class Boom(Exception):
        pass

    def exploding_serialize(tensors, metadata=None):
        def parts():
            yield struct.pack("<Q", 2)
            raise Boom()
        return parts()

    monkeypatch.setattr(sf, "serialize", exploding_serialize)
    with pytest.raises(Boom):
        sf.save_file({"x": Tensor.from_values([1.0], (1,))}, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp file left


def test_zero_copy_view(tmp_path):
    path = _valid_file(tmp_path)
    with sf.SafeTensorsFile(path) as st:
        view = st.raw("a")
        assert isinstance(view, memoryview) and view.cast("f").tolist() == [1.0, 2.0]
        view.release()
