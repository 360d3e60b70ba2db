"""Lite vs torch on the same checkpoint files: logits, greedy tokens, embeddings."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import HAS_TORCH, IN_CI
from neuraflux.core.backends import get_backend
from neuraflux.core.checkpoint import save_checkpoint
from neuraflux.core.config import NanoConfig
from neuraflux.core.generation import generate_ids
from neuraflux.core.sampling import SamplingOptions

pytestmark = pytest.mark.skipif(not HAS_TORCH, reason="parity needs torch")
TOLERANCE = 1e-4


def diff_report(a_rows, b_rows):
    diffs = [abs(x - y) for a, b in zip(a_rows, b_rows) for x, y in zip(a, b)]
    return max(diffs), sum(diffs) / len(diffs)


def assert_same_greedy(t_ids, l_ids, l_model, prompt, tolerance):
    """The two greedy continuations are equal, or part where two next tokens' logits tie within the
    logits' rounding (then either pick is right, and what follows may differ)."""
    split = next((i for i, (a, b) in enumerate(zip(t_ids, l_ids)) if a != b), None)
    if split is None:
        assert t_ids == l_ids
        return
    last = l_model.logits(prompt + l_ids[:split])[-1]
    assert abs(last[t_ids[split]] - last[l_ids[split]]) <= 2 * tolerance, (
        f"greedy tokens part at step {split} without a tie: {t_ids} vs {l_ids}")


@st.composite
def configs(draw):
    heads = draw(st.integers(1, 4))
    return NanoConfig(vocab_size=draw(st.integers(8, 300)), hidden_size=heads * draw(st.sampled_from([4, 8, 16])),
                      num_layers=draw(st.integers(1, 3)), num_heads=heads,
                      intermediate_size=draw(st.integers(4, 96)), max_seq_len=draw(st.integers(40, 64)),
                      lm_head_transform=draw(st.booleans()), tie_embeddings=draw(st.booleans()),
                      initializer_range=0.5)


@given(configs(), st.sampled_from(["float32", "float16"]), st.integers(0, 1000))
@settings(max_examples=40 if IN_CI else 12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_lite_matches_torch(tmp_path_factory, config, dtype, seed):
    folder = tmp_path_factory.mktemp("parity") / "ck"
    torch_backend, lite_backend = get_backend("torch"), get_backend("lite")
    trained = torch_backend.init_model(config, seed=seed)
    save_checkpoint(folder, config, trained.state_tensors(), dtype=dtype)
    t_model, l_model = torch_backend.load_model(folder), lite_backend.load_model(folder)
    ids = [(seed + 7 * i) % config.vocab_size for i in range(9)]
    t_logits, l_logits = t_model.logits(ids), l_model.logits(ids)
    max_diff, mean_diff = diff_report(t_logits, l_logits)
    # float32 rounding grows with the logits' size (initializer_range 0.5 makes them large)
    scale = max(1.0, max(abs(v) for row in l_logits for v in row))
    assert max_diff <= TOLERANCE * scale, f"logits differ: max {max_diff:.3g} (scale {scale:.3g}), mean {mean_diff:.3g}"
    greedy = SamplingOptions(temperature=0, max_new_tokens=30, repetition_penalty=1.0)
    t_ids, l_ids = list(generate_ids(t_model, ids[:3], greedy)), list(generate_ids(l_model, ids[:3], greedy))
    assert_same_greedy(t_ids, l_ids, l_model, ids[:3], TOLERANCE * scale)
    max_diff, mean_diff = diff_report(t_model.embed([ids, ids[:4]]), l_model.embed([ids, ids[:4]]))
    assert max_diff <= TOLERANCE, f"embeddings differ: max {max_diff:.3g}, mean {mean_diff:.3g}"
