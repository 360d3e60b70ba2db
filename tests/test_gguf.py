"""The GGUF reader: every metadata type, the tensor infos, alignment, dequantization of F32, F16,
BF16, Q8_0, Q4_0 and Q4_1 (checked against values built by formula here, and against llama.cpp's
`gguf` package where installed), Q5_0, Q5_1 and the K-quants Q4_K, Q5_K and Q6_K (against the `gguf`
package),
and clear errors for malformed files."""
import json
import random
import struct

import pytest

from neuraflux.core.errors import CheckpointError
from neuraflux.core.gguf import GGUFFile, describe_gguf

TYPES = {"F32": 0, "F16": 1, "Q4_0": 2, "Q4_1": 3, "Q8_0": 8, "Q2_K": 10, "Q4_K": 12, "BF16": 30}


def _string(text):
    data = text.encode("utf-8")
    return struct.pack("<Q", len(data)) + data


def _value(value):
    """(type id, bytes) of a metadata value."""
    if isinstance(value, bool):
        return 7, struct.pack("<?", value)
    if isinstance(value, int):
        return 4, struct.pack("<I", value)
    if isinstance(value, float):
        return 6, struct.pack("<f", value)
    if isinstance(value, str):
        return 8, _string(value)
    kind, _ = _value(value[0])
    return 9, struct.pack("<IQ", kind, len(value)) + b"".join(_value(v)[1] for v in value)


def write_gguf(path, tensors, metadata=None, version=3, alignment=32):
    """tensors: [(name, row-major shape, type name, raw bytes)]."""
    metadata = dict(metadata or {})
    head = b"GGUF" + struct.pack("<IQQ", version, len(tensors), len(metadata))
    for key, value in metadata.items():
        kind, data = _value(value)
        head += _string(key) + struct.pack("<I", kind) + data
    offset, blobs = 0, []
    for name, shape, type_name, raw in tensors:
        dims = list(reversed(shape))
        head += _string(name) + struct.pack("<I", len(dims)) + struct.pack(f"<{len(dims)}Q", *dims)
        head += struct.pack("<IQ", TYPES[type_name], offset)
        padded = raw + b"\0" * (-len(raw) % alignment)
        blobs.append(padded)
        offset += len(padded)
    head += b"\0" * (-len(head) % alignment)
    with open(path, "wb") as handle:
        handle.write(head + b"".join(blobs))
    return path


def half(x):
    return struct.unpack("<e", struct.pack("<e", x))[0]


def q8_0(rng, blocks):
    raw, values = b"", []
    for _ in range(blocks):
        d, qs = half(rng.uniform(0.001, 0.1)), [rng.randint(-128, 127) for _ in range(32)]
        raw += struct.pack("<e32b", d, *qs)
        values += [d * q for q in qs]
    return raw, values


def q4(rng, blocks, with_min):
    raw, values = b"", []
    for _ in range(blocks):
        d, m = half(rng.uniform(0.001, 0.1)), half(rng.uniform(-0.5, 0.5))
        qs = [rng.randint(0, 15) for _ in range(32)]
        packed = bytes(qs[i] | (qs[i + 16] << 4) for i in range(16))  # low nibbles first, then high
        raw += (struct.pack("<ee", d, m) if with_min else struct.pack("<e", d)) + packed
        values += [d * q + m for q in qs] if with_min else [d * (q - 8) for q in qs]
    return raw, values


@pytest.fixture
def sample(tmp_path):
    rng = random.Random(1)
    f32 = [rng.uniform(-1, 1) for _ in range(12)]
    f16 = [half(rng.uniform(-2, 2)) for _ in range(8)]
    bf16_words = [rng.randint(0, 0x7F7F) for _ in range(4)]
    bf16 = [struct.unpack("<f", struct.pack("<I", w << 16))[0] for w in bf16_words]
    q80, q80_values = q8_0(rng, 2)
    q40, q40_values = q4(rng, 2, with_min=False)
    q41, q41_values = q4(rng, 3, with_min=True)
    tensors = [("f32", (3, 4), "F32", struct.pack("<12f", *f32)), ("f16", (8,), "F16", struct.pack("<8e", *f16)),
               ("bf16", (2, 2), "BF16", struct.pack("<4H", *bf16_words)), ("q8", (2, 32), "Q8_0", q80),
               ("q40", (64,), "Q4_0", q40), ("q41", (3, 32), "Q4_1", q41)]
    metadata = {"general.architecture": "llama", "general.name": "tiny", "llama.block_count": 2,
                "llama.rope.freq_base": 10000.0, "tokenizer.ggml.model": "gpt2",
                "tokenizer.ggml.tokens": ["a", "b", "c"], "tokenizer.ggml.merges": ["a b"],
                "tokenizer.ggml.token_type": [1, 1, 3], "tokenizer.ggml.add_bos_token": False,
                "tokenizer.chat_template": "{% for m in messages %}{{ m.content }}{% endfor %}"}
    path = write_gguf(str(tmp_path / "tiny.gguf"), tensors, metadata)
    expected = {"f32": struct.unpack("<12f", struct.pack("<12f", *f32)), "f16": f16, "bf16": bf16,
                "q8": q80_values, "q40": q40_values, "q41": q41_values}
    return path, expected, metadata


def test_every_supported_type_dequantizes_exactly(sample):
    path, expected, metadata = sample
    with GGUFFile(path) as gguf:
        assert gguf.version == 3 and gguf.metadata == {k: v for k, v in metadata.items()} | {
            "llama.rope.freq_base": 10000.0}
        assert gguf.tensors["f32"].shape == (3, 4) and gguf.tensors["q41"].shape == (3, 32)
        for name, values in expected.items():
            got = gguf.tensor(name)
            assert got.dtype == "F32" and got.tolist() == pytest.approx(list(values), rel=1e-6, abs=1e-7), name


def test_describe_and_cli_inspect(sample, capsys):
    from neuraflux.cli import main

    path, _, _ = sample
    info = describe_gguf(path)
    assert info["architecture"] == "llama" and info["tensor_types"]["Q4_1"] == 1 and info["num_parameters"] == 12 + \
        8 + 4 + 64 + 64 + 96
    assert info["tokenizer"] == {"model": "gpt2", "pre": None, "vocab": 3, "merges": 1, "bos": None, "eos": None}
    assert main(["inspect", path]) == 0
    out = capsys.readouterr().out
    assert "GGUF v3, llama (tiny)" in out and "Q4_1 x1" in out and "chat template: {% for m" in out
    assert main(["inspect", path, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["model"] == {"block_count": 2, "rope.freq_base": 10000.0}


def _corrupt(path, data):
    with open(path, "wb") as handle:
        handle.write(data)
    return path


@pytest.mark.parametrize("damage,message", [
    ("magic", "not a GGUF file"), ("version", "version 1"), ("truncated", "past the end"),
    ("count", "implausible"), ("beyond", "outside the file"), ("type", "unknown ggml type 99"),
    ("alignment", "power of two"), ("empty", "too small"),
])
def test_malformed_files_are_clear_errors(sample, tmp_path, damage, message):
    path, _, _ = sample
    good = open(path, "rb").read()
    bad = str(tmp_path / "bad.gguf")
    if damage == "magic":
        _corrupt(bad, b"GGUG" + good[4:])
    elif damage == "version":
        _corrupt(bad, good[:4] + struct.pack("<I", 1) + good[8:])
    elif damage == "truncated":
        _corrupt(bad, good[:200])
    elif damage == "count":
        _corrupt(bad, good[:8] + struct.pack("<Q", 1 << 40) + good[16:])
    elif damage == "beyond":
        _corrupt(bad, good[:-100])
    elif damage == "type":
        write_gguf(bad, [("x", (32,), "F32", b"\0" * 128)])
        data = bytearray(open(bad, "rb").read())
        at = data.index(b"x") + 1 + 4 + 8  # name, ndims, one dim
        data[at:at + 4] = struct.pack("<I", 99)
        _corrupt(bad, bytes(data))
    elif damage == "alignment":
        write_gguf(bad, [("x", (32,), "F32", b"\0" * 128)], {"general.alignment": 3})
    else:
        _corrupt(bad, b"")
    with pytest.raises(CheckpointError, match=message):
        GGUFFile(bad)


def test_unsupported_type_names_the_tensor_and_type(tmp_path):
    path = write_gguf(str(tmp_path / "k.gguf"), [("blk.0.ffn_up.weight", (256,), "Q2_K", b"\0" * 84)])
    with GGUFFile(path) as gguf:
        with pytest.raises(CheckpointError, match=r"'blk.0.ffn_up.weight' is Q2_K"):
            gguf.tensor("blk.0.ffn_up.weight")


def test_matches_llama_cpp_gguf_package(tmp_path):
    gguf = pytest.importorskip("gguf")
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(0)
    path = str(tmp_path / "ref.gguf")
    writer = gguf.GGUFWriter(path, "llama")
    data = {}
    for name, qtype in (("q8", gguf.GGMLQuantizationType.Q8_0), ("q40", gguf.GGMLQuantizationType.Q4_0),
                        ("q41", gguf.GGMLQuantizationType.Q4_1), ("f16", gguf.GGMLQuantizationType.F16),
                        ("bf16", gguf.GGMLQuantizationType.BF16), ("f32", gguf.GGMLQuantizationType.F32)):
        values = rng.standard_normal((4, 64)).astype(np.float32)
        quantized = gguf.quants.quantize(values, qtype)
        writer.add_tensor(name, quantized, raw_shape=quantized.shape, raw_dtype=qtype)
        data[name] = (quantized, qtype)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    with GGUFFile(path) as ours:
        for name, (quantized, qtype) in data.items():
            want = gguf.quants.dequantize(quantized, qtype).astype(np.float32).reshape(-1)
            got = np.frombuffer(ours.tensor(name).data, dtype=np.float32)
            assert ours.tensors[name].shape == (4, 64) and np.array_equal(got, want), name


def test_torch_dequantization_equals_the_pure_python_one(sample):
    torch = pytest.importorskip("torch")
    from neuraflux.torch_backend.gguf import dequantize

    path, expected, _ = sample
    with GGUFFile(path) as gguf:
        for name in expected:
            info = gguf.tensors[name]
            fast = dequantize(info.type_name, gguf.raw(name), info.shape)
            reference = torch.tensor(gguf.tensor(name).tolist(), dtype=torch.float32).reshape(info.shape)
            assert torch.equal(fast, reference), name


@pytest.mark.parametrize("type_name, size", [("Q5_0", 22), ("Q5_1", 24), ("Q4_K", 144), ("Q5_K", 176),
                                             ("Q6_K", 210)])
def test_k_quants_equal_the_gguf_package_in_both_backends(type_name, size):
    """Random blocks (sane fp16 scales, every other byte random) dequantized by the pure-Python
    reader and by torch, against llama.cpp's `gguf` package: bit for bit."""
    gguf = pytest.importorskip("gguf")
    np = pytest.importorskip("numpy")
    from neuraflux.core.gguf import dequantize

    rng = np.random.default_rng(7)
    count = 256 // 32 if size < 32 else 1  # blocks per 256 values
    blocks = rng.integers(0, 256, size=(6 * count, size), dtype=np.uint8)
    where = slice(208, 210) if type_name == "Q6_K" else slice(0, 2) if type_name == "Q5_0" else slice(0, 4)
    halves = rng.uniform(0.001, 0.1, 6 * count * (where.stop - where.start) // 2).astype(np.float16)
    blocks[:, where] = np.frombuffer(halves.tobytes(), np.uint8).reshape(6 * count, -1)
    want = gguf.quants.dequantize(blocks.reshape(-1), getattr(gguf.GGMLQuantizationType, type_name)).reshape(-1)
    assert np.array_equal(np.array(dequantize(type_name, blocks.tobytes(), 6 * 256), dtype=np.float32), want)
    torch = pytest.importorskip("torch")
    from neuraflux.torch_backend.gguf import dequantize as torch_dequantize

    assert torch.equal(torch_dequantize(type_name, blocks.tobytes(), (6, 256)), torch.from_numpy(want).view(6, 256))
