import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neuraflux.core.errors import ConfigError
from neuraflux.core.sampling import (NEG_INF, SamplingOptions, apply_repetition_penalty, sample_next, softmax,
                                     top_k_filter, top_p_filter)

logit_lists = st.lists(st.floats(-50, 50, allow_nan=False), min_size=1, max_size=60)


@given(logit_lists, st.integers(1, 70))
def test_top_k_keeps_exactly_the_k_largest(logits, k):
    kept = [i for i, v in enumerate(top_k_filter(logits, k)) if v != NEG_INF]
    assert len(kept) == min(k, len(logits))
    threshold = min(logits[i] for i in kept)
    assert all(logits[i] <= threshold for i in range(len(logits)) if i not in kept)


@given(logit_lists, st.floats(0.01, 1.0))
def test_top_p_keeps_the_smallest_sufficient_set(logits, p):
    probs = softmax(logits)
    kept = [i for i, v in enumerate(top_p_filter(logits, p)) if v != NEG_INF]
    assert kept
    mass = math.fsum(probs[i] for i in kept)
    assert mass >= p - 1e-9 or len(kept) == len(logits)
    # dropping the least likely kept token would fall below p
    smallest = min(kept, key=lambda i: probs[i])
    assert mass - probs[smallest] < p + 1e-9
    # every kept token is at least as likely as every dropped one
    dropped = [i for i in range(len(logits)) if i not in kept]
    if dropped:
        assert min(probs[i] for i in kept) >= max(probs[i] for i in dropped) - 1e-12


def test_repetition_penalty():
    out = apply_repetition_penalty([2.0, -2.0, 1.0], [0, 1], 2.0)
    assert out == [1.0, -4.0, 1.0]


def test_greedy_and_seeded():
    options = SamplingOptions(temperature=0, repetition_penalty=1.0)
    assert sample_next([0.1, 3.0, 2.0], options, random.Random(0)) == 1
    options = SamplingOptions(temperature=1.0, top_k=0, top_p=1.0, seed=3)
    a = [sample_next([0.0] * 50, options, random.Random(3)) for _ in range(5)]
    b = [sample_next([0.0] * 50, options, random.Random(3)) for _ in range(5)]
    assert a == b


@pytest.mark.parametrize("field,value", [("temperature", -1), ("top_k", -2), ("top_p", 0.0), ("top_p", 1.5),
                                         ("repetition_penalty", 0), ("max_new_tokens", -1), ("seed", "x")])
def test_invalid_options_name_the_field(field, value):
    with pytest.raises(ConfigError, match=field):
        SamplingOptions(**{field: value})
