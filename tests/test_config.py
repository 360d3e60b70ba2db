import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neuraflux.core.config import PRESETS, NanoConfig, preset
from neuraflux.core.errors import ConfigError


@st.composite
def configs(draw):
    heads = draw(st.integers(1, 8))
    return NanoConfig(vocab_size=draw(st.integers(1, 70000)), hidden_size=heads * draw(st.integers(1, 64)),
                      num_layers=draw(st.integers(1, 12)), num_heads=heads,
                      intermediate_size=draw(st.integers(1, 4096)), max_seq_len=draw(st.integers(1, 4096)),
                      layer_norm_eps=draw(st.floats(1e-12, 1e-2)), dropout=draw(st.floats(0, 0.9)),
                      tie_embeddings=draw(st.booleans()), lm_head_transform=draw(st.booleans()),
                      initializer_range=draw(st.floats(1e-4, 1.0)))


@given(configs())
@settings(max_examples=200)
def test_json_round_trip(config):
    assert NanoConfig.from_json(config.to_json()) == config


def test_seed_defaults():
    c = NanoConfig()
    assert (c.vocab_size, c.hidden_size, c.num_layers, c.num_heads, c.intermediate_size, c.max_seq_len) == \
        (10000, 384, 6, 6, 1536, 512)
    assert PRESETS["base"] == c


@pytest.mark.parametrize("field,value", [
    ("vocab_size", 0), ("hidden_size", -1), ("num_layers", 0), ("num_heads", 0), ("intermediate_size", 0),
    ("max_seq_len", 0), ("dropout", 1.0), ("layer_norm_eps", 0.0), ("initializer_range", -1.0),
    ("vocab_size", 3.5), ("tie_embeddings", "yes"), ("hidden_size", True),
])
def test_invalid_field_names_the_field(field, value):
    with pytest.raises(ConfigError, match=field):
        NanoConfig(**{field: value})


def test_hidden_not_divisible_by_heads():
    with pytest.raises(ConfigError, match="divisible"):
        NanoConfig(hidden_size=100, num_heads=3)


def test_unknown_key_is_named():
    data = json.loads(NanoConfig().to_json())
    data["hiden_size"] = 3
    with pytest.raises(ConfigError, match="hiden_size"):
        NanoConfig.from_dict(data)


def test_presets_and_overrides():
    assert preset("tiny", hidden_size=None).hidden_size == PRESETS["tiny"].hidden_size
    assert preset("small", num_layers=2).num_layers == 2
    with pytest.raises(ConfigError, match="unknown preset"):
        preset("huge")


def test_parameter_count_counts_tied_weights_once():
    tied = NanoConfig(vocab_size=100, hidden_size=8, num_heads=2, num_layers=1, intermediate_size=16,
                      max_seq_len=4, lm_head_transform=False)
    untied = tied.replace(tie_embeddings=False)
    assert untied.num_parameters() - tied.num_parameters() == 100 * 8
    assert tied.num_parameters(include_embeddings=False) == untied.num_parameters(include_embeddings=False)
