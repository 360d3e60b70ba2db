"""The Model contract, one test body run against every installed backend."""
import math

import pytest

from neuraflux.core.backends import get_backend
from neuraflux.core.errors import GenerationError
from neuraflux.core.generation import generate_ids
from neuraflux.core.sampling import SamplingOptions, argmax

from .conftest import SMALL

GREEDY = SamplingOptions(temperature=0, max_new_tokens=50, repetition_penalty=1.0)


def test_logits_shape(model):
    out = model.logits([1, 2, 3, 4])
    assert len(out) == 4 and all(len(row) == SMALL.vocab_size for row in out)
    assert all(math.isfinite(v) for row in out for v in row)


def test_causality(model):
    a = model.logits([5, 6, 7, 8, 9])
    b = model.logits([5, 6, 7, 80, 90])
    for i in range(3):
        assert max(abs(x - y) for x, y in zip(a[i], b[i])) < 1e-6
    assert max(abs(x - y) for x, y in zip(a[4], b[4])) > 1e-4


def test_kv_cache_equals_full_recomputation(model):
    prompt = [3, 1, 4]
    options = GREEDY.replace(max_new_tokens=SMALL.max_seq_len - len(prompt))
    cached = list(generate_ids(model, prompt, options))
    sequence = list(prompt)
    for _ in range(len(cached)):
        sequence.append(argmax(model.logits(sequence)[-1]))
    assert cached == sequence[len(prompt):]


def as_list(logits):
    return logits.tolist() if hasattr(logits, "tolist") else list(logits)


def test_prefill_matches_logits(model):
    ids = [9, 8, 7, 6]
    cache = model.new_cache()
    last = as_list(model.prefill(ids, cache))
    assert len(cache) == 4
    full = model.logits(ids)[-1]
    assert max(abs(x - y) for x, y in zip(last, full)) < 1e-5
    step = as_list(model.decode_step(5, cache))
    assert max(abs(x - y) for x, y in zip(step, model.logits(ids + [5])[-1])) < 1e-5


def test_seeded_sampling_is_reproducible(model):
    options = SamplingOptions(temperature=1.0, top_k=20, top_p=0.9, seed=42, max_new_tokens=20)
    assert list(generate_ids(model, [1, 2], options)) == list(generate_ids(model, [1, 2], options))
    other = list(generate_ids(model, [1, 2], options.replace(seed=43)))
    assert len(other) == 20


def test_generation_never_exceeds_context(model):
    cache_lengths = []
    original = model.decode_step

    def spy(token, cache):
        cache_lengths.append(len(cache))
        return original(token, cache)

    model.decode_step = spy
    out = list(generate_ids(model, [1] * 10, GREEDY.replace(max_new_tokens=3 * SMALL.max_seq_len)))
    assert len(out) == 3 * SMALL.max_seq_len
    assert max(cache_lengths) < SMALL.max_seq_len


def test_long_prompt_keeps_recent_tokens_with_notice(model):
    notices = []
    out = list(generate_ids(model, list(range(60)), GREEDY.replace(max_new_tokens=2), notice=notices.append))
    assert len(out) == 2 and notices and "keeping the last" in notices[0]


def test_logits_beyond_context_is_an_error(model):
    with pytest.raises(GenerationError):
        model.logits([1] * (SMALL.max_seq_len + 1))


def test_out_of_vocabulary_id_is_an_error(model):
    with pytest.raises(GenerationError, match="vocabulary"):
        model.logits([SMALL.vocab_size])


def test_embeddings_normalised_and_padding_invariant(model):
    single = model.embed([[1, 2, 3]])[0]
    batch = model.embed([[4, 5, 6, 7, 8, 9], [1, 2, 3]])
    assert abs(math.fsum(v * v for v in single) - 1.0) < 1e-5
    assert max(abs(a - b) for a, b in zip(single, batch[1])) < 1e-5


def test_save_load_round_trip(backend_name, small_checkpoint, tmp_path):
    backend = get_backend(backend_name)
    model = backend.load_model(small_checkpoint)
    from neuraflux.core.checkpoint import load_checkpoint, save_checkpoint

    ck = load_checkpoint(small_checkpoint)
    save_checkpoint(tmp_path / "copy", ck.config, ck.tensors)
    again = backend.load_model(tmp_path / "copy")
    assert model.logits([1, 2, 3]) == again.logits([1, 2, 3])


def test_model_satisfies_the_protocol(model):
    from neuraflux.core.interfaces import Model

    assert isinstance(model, Model)
    logits = model.prefill([1, 2, 3], model.new_cache())
    values = logits.tolist() if hasattr(logits, "tolist") else logits
    assert len(values) == SMALL.vocab_size  # a list, or a 1-D tensor-like (see interfaces.Model)


def test_backend_dense_scores_are_dot_products(backend_name):
    backend = get_backend(backend_name)
    rows = [[0.5, -1.0, 2.0], [0.0, 0.25, -0.75], [1.0, 1.0, 1.0]]
    query = [2.0, 0.5, -1.0]
    scores = list(backend.dense_scores(query, backend.dense_matrix(rows)))
    expected = [sum(q * r for q, r in zip(query, row)) for row in rows]
    assert max(abs(a - b) for a, b in zip(scores, expected)) < 1e-5


def test_backend_init_weights_are_seeded_and_complete(backend_name):
    from neuraflux.core.weights import weight_shapes

    backend = get_backend(backend_name)
    first, again, other = (backend.init_weights(SMALL, seed=s) for s in (3, 3, 4))
    assert {n: tuple(t.shape) for n, t in first.items()} == weight_shapes(SMALL)
    assert all(first[n].data == again[n].data for n in first)
    assert first["blocks.0.attn.qkv.weight"].data != other["blocks.0.attn.qkv.weight"].data
    assert set(first["blocks.0.ln1.weight"].tolist()) == {1.0} and set(first["blocks.0.attn.qkv.bias"].tolist()) == {0.0}
