"""Byte-level BPE read from a Hugging Face tokenizer.json gives the ids the reference Rust
`tokenizers` library gives, on random Unicode text, for the three pre-tokenizers pretrained models
use: GPT-2's pattern, SmolLM's (digits split one by one first) and Llama-3's. The tokenizer files
are trained here by `tokenizers` itself (test extra)."""
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

tokenizers = pytest.importorskip("tokenizers")

LLAMA3_SPLIT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                r"|\s*[\r\n]+|\s+(?!\S)|\s+")
CORPUS = ["The interpreter reads 2024 lines, e.g. x += 1; it's fine.", "Grüße, naïve café — 東京 123456 ok?",
          "def f(a, b):\n    return a ** 2  # 3.14159\n\n", "Ünïcödé   spaces\t\ttabs and MIXED case Words'll"] * 30


def trained(kind):
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    if kind == "gpt2":
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    elif kind == "smollm":
        tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                                     pre_tokenizers.ByteLevel(add_prefix_space=False)])
    else:
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(LLAMA3_SPLIT), behavior="isolated"),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=600, special_tokens=["<|endoftext|>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(CORPUS, trainer)
    return tok


@pytest.fixture(scope="module", params=["gpt2", "smollm", "llama3"])
def pair(request):
    from neuraflux.core.tokenizers.gguf_bpe import GGUFBPETokenizer

    reference = trained(request.param)
    ours = GGUFBPETokenizer.from_tokenizer_json(json.loads(reference.to_str()))
    expected_pre = {"gpt2": "gpt2", "smollm": "smollm", "llama3": "llama-bpe"}[request.param]
    assert ours.pre == expected_pre
    return reference, ours


# Code points this Python's Unicode tables leave unassigned ("Cn": U+315BC, CJK extension H, on 3.11's
# Unicode 14) may be letters in the newer tables of the Rust library, and so split differently.
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cn")), max_size=60) | st.lists(
    st.sampled_from(list("ab Ü1 2'sll\n\t東.,-") + ["'re", "  ", "99", "'S", "\r\n"]), max_size=25).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_ids_equal_the_reference_tokenizer(pair, text):
    reference, ours = pair
    assert ours.encode(text) == reference.encode(text, add_special_tokens=False).ids
    assert ours.decode(ours.encode(text)) == text


def test_special_tokens_are_single_ids(pair):
    reference, ours = pair
    text = "hi<|endoftext|>there"
    assert ours.encode(text) == reference.encode(text, add_special_tokens=False).ids
    assert ours.eos_id == reference.token_to_id("<|endoftext|>")
