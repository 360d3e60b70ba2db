import random
import re
import warnings
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import IN_CI
from neuraflux.core.errors import TokenizerError
from neuraflux.core.tokenizers import (EOS, ByteBPETokenizer, StreamDecoder, WordTokenizer, load_tokenizer,
                                       train_tokenizer)
from neuraflux.core.tokenizers.bpe import learn_merges
from neuraflux.core.tokenizers.pattern import GPT4_PATTERN

CORPUS = ("The quick brown fox jumps over the lazy dog. It's 2024; numbers 1234567 and ünïcödé, "
          "emoji 👋🏽 and 世界!\r\n\tIndented   spaces.   ") * 30


@pytest.fixture(scope="module")
def bpe():
    return ByteBPETokenizer.train(CORPUS, 256 + 120 + 4)


# -- the naive reference: recount every pair after every merge (minbpe's algorithm) --------
def naive_merges(chunks, num_merges):
    ids = [list(c.encode("utf-8")) for c in chunks]
    merges = []
    for step in range(num_merges):
        stats = {}
        for chunk in ids:
            for pair in zip(chunk, chunk[1:]):
                stats[pair] = stats.get(pair, 0) + 1
        if not stats:
            break
        best = max(stats, key=stats.get)  # first of the maximal pairs in stream order
        new_id = 256 + step
        merges.append(best)
        out = []
        for chunk in ids:
            merged, i = [], 0
            while i < len(chunk):
                if i + 1 < len(chunk) and (chunk[i], chunk[i + 1]) == best:
                    merged.append(new_id)
                    i += 2
                else:
                    merged.append(chunk[i])
                    i += 1
            out.append(merged)
        ids = out
    return merges


def _random_corpus(rng):
    alphabet = rng.choice(["ab", "abc ", "aab b\n", "xyz 12,.", "héllo wörld ", "ααβγ δ"])
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))


@pytest.mark.parametrize("seed", range(40))
def test_incremental_trainer_matches_naive_reference(seed):
    rng = random.Random(seed)
    text = _random_corpus(rng)
    chunks = re.findall(GPT4_PATTERN, text) if seed % 2 else [text] if text else []
    counts = Counter(chunks)
    fast = learn_merges([c.encode() for c in counts], list(counts.values()), 60)
    assert fast == naive_merges(chunks, 60)


def test_trainer_matches_reference_on_real_text():
    import pydoc_data.topics

    text = "\n\n".join(pydoc_data.topics.topics[k] for k in sorted(pydoc_data.topics.topics)[:8])
    chunks = re.findall(GPT4_PATTERN, text)
    counts = Counter(chunks)
    assert learn_merges([c.encode() for c in counts], list(counts.values()), 80) == naive_merges(chunks, 80)


@given(st.text())
@settings(max_examples=10_000 if IN_CI else 400, deadline=None)
def test_round_trip_any_text(text):
    tok = _shared()
    assert tok.decode(tok.encode(text)) == text


_SHARED = []


def _shared():
    if not _SHARED:
        _SHARED.append(ByteBPETokenizer.train(CORPUS, 256 + 120 + 4))
    return _SHARED[0]


@pytest.mark.parametrize("text", ["", "a", "👋🏽👨‍👩‍👧", "世界你好", "e\u0301\u0302", "a\r\nb\r\n", "x\x00y",
                                  "z" * 100_000, " " * 5000, "\n" * 300 + "end", "ſ's 'S 'LL"])
def test_round_trip_edge_cases(bpe, text):
    assert bpe.decode(bpe.encode(text)) == text


def test_long_run_uses_heap_encoder_with_same_result(bpe):
    text = "the " * 10 + "th" * 500
    short = [bpe._encode_chunk(c.encode()) for c in re.findall(GPT4_PATTERN, text)]
    for chunk in re.findall(GPT4_PATTERN, text):
        data = list(chunk.encode())
        # the plain rescanning loop, forced, gives the same ids as the heap path
        tokens = data
        while len(tokens) >= 2:
            ranked = [(bpe.ranks[p], p) for p in zip(tokens, tokens[1:]) if p in bpe.ranks]
            if not ranked:
                break
            rank, pair = min(ranked)
            from neuraflux.core.tokenizers.bpe import merge_pair
            tokens = merge_pair(tokens, pair, 256 + rank)
        assert bpe._encode_long(list(chunk.encode())) == tokens
    assert short


def test_lone_surrogate_is_a_clear_error(bpe):
    with pytest.raises(TokenizerError, match="surrogate"):
        bpe.encode("abc\ud800def")


def test_decode_invalid_utf8_replaces_and_unknown_id_raises(bpe):
    assert bpe.decode([0xE4, 0xB8]) == "\ufffd"
    with pytest.raises(TokenizerError, match="outside the vocabulary"):
        bpe.decode([bpe.vocab_size])
    with pytest.raises(TokenizerError):
        bpe.decode([-1])


def test_special_tokens(bpe):
    eos = bpe.special_tokens[EOS]
    text = f"hi {EOS} there"
    assert eos not in bpe.encode(text)
    assert eos not in bpe.encode(text, allowed_special="none")
    assert eos in bpe.encode(text, allowed_special="all")
    assert eos in bpe.encode(text, allowed_special={EOS})
    assert bpe.encode(text, allowed_special={"<|bos|>"}) == bpe.encode(text)
    with pytest.raises(TokenizerError, match="special token"):
        bpe.encode(text, raise_on_special=True)
    with pytest.raises(TokenizerError, match="unknown special token"):
        bpe.encode(text, allowed_special={"<|nope|>"})
    assert bpe.decode(bpe.encode(text, allowed_special="all")) == text
    assert bpe.decode(bpe.encode(text)) == text


def test_training_never_produces_special_tokens():
    tok = ByteBPETokenizer.train(f"{EOS} " * 50 + "words words", 300)
    assert all(256 <= i for i in tok.special_tokens.values())
    assert max(tok.special_tokens.values()) == tok.vocab_size - 1
    ids = tok.encode(f"{EOS}")
    assert tok.special_tokens[EOS] not in ids


def test_save_load_identical_ids(tmp_path, bpe):
    bpe.save(tmp_path / "t.json")
    loaded = load_tokenizer(tmp_path / "t.json")
    assert loaded.encode(CORPUS) == bpe.encode(CORPUS)
    assert loaded.special_tokens == bpe.special_tokens
    assert loaded.fingerprint() == bpe.fingerprint()


@pytest.mark.parametrize("corpus", ["", "   \n\t  " * 100, "a", "abababab"])
def test_tiny_corpora_stop_early_with_warning(corpus):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tok = ByteBPETokenizer.train(corpus, 1000)
    assert any("stopped" in str(w.message) for w in caught)
    assert tok.decode(tok.encode(corpus)) == corpus


def test_one_character_a_million_times():
    text = "a" * 1_000_000
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tok = ByteBPETokenizer.train(text, 300)
    ids = tok.encode(text)
    assert len(ids) < 10_000 and tok.decode(ids) == text


def test_only_one_distinct_chunk():
    tok = ByteBPETokenizer.train("hello " * 1000, 270)
    assert tok.decode(tok.encode("hello hello")) == "hello hello"
    assert len(tok.encode(" hello")) == 1


def test_vocab_too_small():
    with pytest.raises(TokenizerError, match="smaller than 256"):
        ByteBPETokenizer.train("abc", 100)


@given(st.text(max_size=60), st.data())
@settings(max_examples=300, deadline=None)
def test_stream_decoder_random_byte_splits(text, data):
    raw = text.encode("utf-8")
    cuts = sorted(data.draw(st.lists(st.integers(0, len(raw)), max_size=8)))
    pieces = [raw[a:b] for a, b in zip([0] + cuts, cuts + [len(raw)])]
    decoder = StreamDecoder(_shared())
    out = []
    for piece in pieces:
        emitted = decoder.push_bytes(piece)
        assert "\ufffd" not in emitted or "\ufffd" in text
        out.append(emitted)
    out.append(decoder.flush())
    assert "".join(out) == text


def test_stream_decoder_token_by_token(bpe):
    text = "emoji 👋🏽 and 世界, ünïcödé"
    decoder = bpe.stream_decoder()
    pieces = [decoder.push(i) for i in bpe.encode(text)] + [decoder.flush()]
    assert "".join(pieces) == text
    assert all("\ufffd" not in p for p in pieces)


def test_word_tokenizer():
    tok = WordTokenizer.train(["Hello, world! Hello again.", "the world is big"], min_freq=1)
    ids = tok.encode("Hello, world!")
    assert tok.decode(ids) == "hello, world!"
    assert tok.encode("zebra") == [tok.special_tokens["<|unk|>"]]
    capped = WordTokenizer.train("a a a b b c", max_size=2)
    assert capped.vocab_size == 4 + 2
    frequent = WordTokenizer.train("a a a b b c", min_freq=2)
    assert frequent.words == ["a", "b"]


def test_word_tokenizer_save_load(tmp_path):
    tok = train_tokenizer(["one two three two"], 100, kind="word")
    tok.save(tmp_path / "w.json")
    assert load_tokenizer(tmp_path / "w.json").encode("two three") == tok.encode("two three")


def test_bad_tokenizer_files(tmp_path):
    (tmp_path / "a.json").write_text("{not json")
    with pytest.raises(TokenizerError, match="not valid JSON"):
        load_tokenizer(tmp_path / "a.json")
    (tmp_path / "b.json").write_text('{"format": "neuraflux-tokenizer", "version": 99, "kind": "bpe"}')
    with pytest.raises(TokenizerError, match="version"):
        load_tokenizer(tmp_path / "b.json")
    with pytest.raises(TokenizerError):
        load_tokenizer(tmp_path / "missing.json")


def test_vocab_dump_lists_every_id(bpe):
    dump = bpe.vocab_dump().splitlines()
    assert len(dump) == bpe.vocab_size and dump[65].startswith("65\t'A'")


def test_tokenizer_cli(cli, tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text(CORPUS, encoding="utf-8")
    out = cli("tokenizer", "train", "--docs", corpus, "--vocab-size", 300, "--out", tmp_path / "t.json")
    assert out.returncode == 0, out.stderr
    enc = cli("tokenizer", "encode", "--tokenizer", tmp_path / "t.json", "the lazy dog")
    ids = enc.stdout.split()
    dec = cli("tokenizer", "decode", "--tokenizer", tmp_path / "t.json", *ids)
    assert dec.stdout == "the lazy dog\n"
    bad = cli("tokenizer", "decode", "--tokenizer", tmp_path / "t.json", "999999")
    assert bad.returncode == 1 and "outside the vocabulary" in bad.stderr


@given(st.text(alphabet=st.sampled_from(list("ab Z9.,'\n\r\t \u00e9\u4e16\u00a0\u2028\x85\x1c\u017f")) | st.characters(),
               max_size=200))
@settings(max_examples=2000 if IN_CI else 300, deadline=None)
def test_ascii_fast_split_equals_full_pattern(text):
    from neuraflux.core.tokenizers.pattern import Splitter

    assert Splitter("gpt4")(text) == re.findall(GPT4_PATTERN, text)


def test_split_matches_full_pattern_on_real_text():
    import pydoc_data.topics

    from neuraflux.core.tokenizers.pattern import Splitter

    text = "\n\n".join(pydoc_data.topics.topics.values()) + "\nnaïve café\n  über\n"
    assert Splitter("gpt4")(text) == re.findall(GPT4_PATTERN, text)
