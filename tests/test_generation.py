"""The shared generation loop: stop strings (held-back text), EOS, length limits and streaming,
driven by a scripted model so every expected piece is known exactly."""
import pytest

from neuraflux.core.config import NanoConfig
from neuraflux.core.generation import GenerationStats, stream_text
from neuraflux.core.sampling import SamplingOptions
from neuraflux.core.tokenizers import ByteBPETokenizer

TOKENIZER = ByteBPETokenizer()  # ids 0..255 are the bytes
GREEDY = SamplingOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=100)


class ScriptedModel:
    """Emits the bytes of `script` one token at a time (greedy picks the only finite logit)."""

    def __init__(self, script, eos_at_end=False):
        self.config = NanoConfig(vocab_size=TOKENIZER.vocab_size, hidden_size=8, num_layers=1, num_heads=1,
                                 intermediate_size=8, max_seq_len=512)
        self.ids = list(script.encode("utf-8")) + ([TOKENIZER.eos_id] if eos_at_end else [])

    def new_cache(self):
        return {"produced": 0}

    def _next(self, cache):
        logits = [-1e9] * self.config.vocab_size
        token = self.ids[cache["produced"]] if cache["produced"] < len(self.ids) else ord(" ")
        logits[token] = 0.0
        cache["produced"] += 1
        return logits

    def prefill(self, ids, cache):
        return self._next(cache)

    def decode_step(self, token_id, cache):
        return self._next(cache)


def pieces(script, stops=(), eos_at_end=False, max_new_tokens=100):
    options = GREEDY.replace(stop=tuple(stops), max_new_tokens=max_new_tokens)
    return list(stream_text(ScriptedModel(script, eos_at_end), TOKENIZER, "x", options))


def test_stop_string_ends_the_text_before_it():
    assert "".join(pieces("hello STOP world", ["STOP"])) == "hello "


def test_text_that_might_start_a_stop_string_is_held_back_until_decided():
    out = pieces("a S b ST c STOP d", ["STOP"])
    # "S" and "ST" were held back, then released once the next byte ruled the stop out; the "S",
    # "ST", "STO" that began the real stop were never shown
    assert "".join(out) == "a S b ST c "
    assert len(out) > 3  # streamed in pieces, not all at the end


def test_earliest_of_several_stop_strings_wins():
    assert "".join(pieces("one two three", ["three", "two"])) == "one "


def test_eos_ends_generation_and_is_not_shown():
    stats = GenerationStats()
    text = "".join(stream_text(ScriptedModel("done", eos_at_end=True), TOKENIZER, "x", GREEDY, stats=stats))
    assert text == "done" and stats.token_ids[-1] == TOKENIZER.eos_id and stats.new_tokens == 5


def test_max_new_tokens_and_multibyte_characters_are_never_split():
    out = pieces("héllo wörld", max_new_tokens=3)  # h, then the two bytes of é
    assert "".join(out) == "hé" and all("\ufffd" not in p for p in out)
    out = pieces("héllo", max_new_tokens=2)  # h and half of é: the half becomes U+FFFD at the end
    assert "".join(out) == "h\ufffd"


@pytest.mark.parametrize("stop", ["", None])
def test_empty_stop_strings_are_ignored(stop):
    stops = [s for s in [stop] if s is not None]
    assert "".join(pieces("abc", stops, max_new_tokens=3)) == "abc"
