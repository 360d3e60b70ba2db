"""Lite-backend kernels and memory layouts (standard library only)."""
import math
import random

import pytest

from neuraflux.core.backends import get_backend
from neuraflux.core.checkpoint import save_checkpoint
from neuraflux.core.config import NanoConfig
from neuraflux.core.init import init_tensors
from neuraflux.lite_backend import ops


def _matrix(rng, rows, cols, scale=1.0):
    return tuple(tuple(rng.gauss(0, scale) for _ in range(cols)) for _ in range(rows))


@pytest.mark.parametrize("kernel", [k for k in ops.KERNELS if k != "sumprod" or ops.HAS_SUMPROD])
def test_every_kernel_matches_exact_sums(kernel):
    rng = random.Random(0)
    rows = _matrix(rng, 37, 53)
    bias = [rng.gauss(0, 1) for _ in range(37)]
    x = [rng.gauss(0, 1) for _ in range(53)]
    got = ops.Linear(rows, bias, kernel)(x)
    exact = [math.fsum(w * v for w, v in zip(row, x)) + b for row, b in zip(rows, bias)]
    assert max(abs(a - b) for a, b in zip(got, exact)) < 1e-10


def test_dist_kernel_guard_falls_back_for_huge_inputs():
    rows = ((1.0, 2.0), (3.0, -1.0))
    x = [1e5, 1e5]  # |x|^2/2 = 1e10 > DIST_GUARD: the exact kernel is used
    assert ops.Linear(rows, [0.0, 0.0], "dist")(x) == [3e5, 2e5]


def test_attention_kernels_agree():
    rng = random.Random(1)
    cache = ops.HeadCache(8)
    for _ in range(20):
        cache.append(tuple(rng.gauss(0, 1) for _ in range(8)), [rng.gauss(0, 1) for _ in range(8)])
    q = tuple(rng.gauss(0, 1) for _ in range(8))
    a = ops.attend(q, cache, 0.35, "dist")
    b = ops.attend(q, cache, 0.35, "loops")
    assert max(abs(x - y) for x, y in zip(a, b)) < 1e-12


def test_gelu_layer_norm_softmax():
    assert ops.gelu([0.0, 1.0])[1] == pytest.approx(0.8413447460685429)
    normed = ops.layer_norm([1.0, 2.0, 3.0], [1.0] * 3, [0.0] * 3, 1e-5)
    assert sum(normed) == pytest.approx(0.0, abs=1e-12) and normed[2] == pytest.approx(1.2247356, rel=1e-5)
    assert sum(ops.softmax([1000.0, 1000.0, -1000.0])) == pytest.approx(1.0)


def test_compact_layout_shares_floats_and_stays_close(tmp_path):
    config = NanoConfig(vocab_size=64, hidden_size=32, num_layers=1, num_heads=2, intermediate_size=64,
                        max_seq_len=16)
    save_checkpoint(tmp_path / "m", config, init_tensors(config, 0))
    lite = get_backend("lite")
    exact, compact = lite.load_model(tmp_path / "m"), lite.load_model(tmp_path / "m", compact=True)
    rows = compact.layers[0].fc.rows
    assert len({id(v) for row in rows for v in row}) == len({v for row in rows for v in row})  # one object per value
    a, b = exact.logits([1, 2, 3])[-1], compact.logits([1, 2, 3])[-1]
    assert max(abs(x - y) for x, y in zip(a, b)) < 1e-2


def test_float16_checkpoint_is_shared_automatically(tmp_path):
    config = NanoConfig(vocab_size=64, hidden_size=32, num_layers=1, num_heads=2, intermediate_size=64,
                        max_seq_len=16)
    save_checkpoint(tmp_path / "m", config, init_tensors(config, 0), dtype="float16")
    model = get_backend("lite").load_model(tmp_path / "m")
    rows = model.layers[0].fc.rows
    assert len({id(v) for row in rows for v in row}) == len({v for row in rows for v in row})


def test_nearly_all_distinct_values_are_never_interned(monkeypatch):
    # interning a float32 tensor would point rows at earlier, scattered float objects
    from neuraflux.lite_backend import model

    monkeypatch.setattr(model, "_SAMPLE", 16)
    values = [float(i % 40) + 0.5 for i in range(80)]  # 40 distinct values, each twice
    rows = model.SharedFloats().rows(values, 8, 10)
    flat = [v for row in rows for v in row]
    assert flat == values and all(a is b for a, b in zip(flat, values))  # the tensor's own objects
    few = [float(i % 4) for i in range(80)]
    shared = [v for row in model.SharedFloats().rows(few, 8, 10) for v in row]
    assert shared == few and len({id(v) for v in shared}) == 4
