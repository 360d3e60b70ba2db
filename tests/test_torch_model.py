import json

import pytest

from conftest import requires_torch
from neuraflux.core.config import NanoConfig, preset

pytestmark = requires_torch


def test_sdpa_and_matmul_attention_agree():
    import torch

    from neuraflux.torch_backend.model import matmul_attention, sdpa_attention

    g = torch.Generator().manual_seed(0)
    q, k, v = (torch.randn(2, 3, 7, 8, generator=g) for _ in range(3))
    for causal in (True, False):
        assert torch.allclose(sdpa_attention(q, k, v, causal), matmul_attention(q, k, v, causal), atol=1e-6)
    # queries at the end of a longer key sequence (the cached case), and a single newest query
    for tq in (2, 1):
        assert torch.allclose(sdpa_attention(q[:, :, -tq:], k, v, True), matmul_attention(q[:, :, -tq:], k, v, True),
                              atol=1e-6)


def test_matmul_attention_gradients_match_sdpa():
    import torch

    from neuraflux.torch_backend.model import matmul_attention, sdpa_attention

    g = torch.Generator().manual_seed(1)
    inputs = [torch.randn(2, 2, 9, 4, generator=g) for _ in range(3)]
    upstream = torch.randn(2, 2, 9, 4, generator=g)
    grads = []
    for fn in (sdpa_attention, matmul_attention):
        leaves = [t.clone().requires_grad_() for t in inputs]
        fn(*leaves, True).backward(upstream)
        grads.append([t.grad for t in leaves])
    for fused, matmul in zip(*grads):
        assert torch.allclose(fused, matmul, atol=1e-5)


def test_matmul_attention_under_bfloat16_autocast_stays_close():
    import torch

    from neuraflux.torch_backend.model import matmul_attention, sdpa_attention

    g = torch.Generator().manual_seed(2)
    q, k, v = (torch.randn(3, 2, 16, 8, generator=g) for _ in range(3))
    exact = sdpa_attention(q, k, v, True)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        low = matmul_attention(q.bfloat16(), k.bfloat16(), v.bfloat16(), True)
    assert low.dtype == torch.bfloat16
    assert (low.float() - exact).abs().max().item() < 0.05  # bfloat16 keeps ~3 significant digits


def test_auto_attention_uses_matmul_kernel_when_training_on_cpu(monkeypatch):
    import torch

    from neuraflux.torch_backend import model as model_module

    calls = []
    monkeypatch.setattr(model_module, "matmul_attention",
                        lambda *a: calls.append("matmul") or model_module.sdpa_attention(*a))
    q, k, v = (torch.randn(1, 2, 5, 4) for _ in range(3))
    model_module.auto_attention(q, k, v, True)  # no gradient wanted: the fused kernel
    assert calls == [] or not model_module.HAS_SDPA
    model_module.auto_attention(q.requires_grad_(), k, v, True)
    assert calls[-1:] == ["matmul"]


def test_model_with_matmul_attention_matches_sdpa():
    from neuraflux.core.backends import get_backend
    from neuraflux.torch_backend.model import matmul_attention

    model = get_backend("torch").init_model(preset("tiny"), seed=0)
    ids = [1, 5, 9, 2, 7]
    fast = model.logits(ids)
    for block in model.module.blocks:
        block.attn.attention_fn = matmul_attention
    slow = model.logits(ids)
    assert max(abs(a - b) for r1, r2 in zip(fast, slow) for a, b in zip(r1, r2)) < 1e-5


@pytest.mark.parametrize("tie,transform", [(True, True), (False, True), (True, False), (False, False)])
def test_parameter_names_and_count_match_core(tie, transform):
    from neuraflux.core.weights import weight_shapes
    from neuraflux.torch_backend.model import NanoModel

    config = NanoConfig(vocab_size=50, hidden_size=16, num_layers=2, num_heads=2, intermediate_size=32,
                        max_seq_len=8, tie_embeddings=tie, lm_head_transform=transform)
    module = NanoModel(config)
    params = dict(module.named_parameters())
    assert {n: tuple(p.shape) for n, p in params.items()} == weight_shapes(config)
    assert sum(p.numel() for p in params.values()) == config.num_parameters()


def test_gpt2_initialisation_scales_residual_projections():
    from neuraflux.torch_backend.model import NanoModel

    config = NanoConfig(vocab_size=256, hidden_size=256, num_layers=8, num_heads=4, intermediate_size=1024)
    module = NanoModel(config)
    fc_std = module.blocks[0].mlp.fc.weight.std().item()
    proj_std = module.blocks[0].mlp.proj.weight.std().item()
    assert abs(fc_std - 0.02) < 0.002
    assert abs(proj_std - 0.02 / 4) < 0.001
    assert module.blocks[0].ln1.weight.eq(1).all() and module.lm_head.bias.eq(0).all()


def test_generation_runs_in_inference_mode():
    import torch

    from neuraflux.core.backends import get_backend

    model = get_backend("torch").init_model(preset("tiny"), seed=0)
    seen = []
    original = model.module.hidden

    def spy(*args, **kwargs):
        seen.append((torch.is_inference_mode_enabled(), torch.is_grad_enabled()))
        return original(*args, **kwargs)

    model.module.hidden = spy
    cache = model.new_cache()
    model.prefill([1, 2], cache)
    model.decode_step(3, cache)
    assert seen == [(True, False), (True, False)]


def test_bfloat16_autocast_close_to_float32():
    from neuraflux.core.backends import get_backend

    backend = get_backend("torch")
    base = backend.init_model(preset("tiny"), seed=1)
    from neuraflux.torch_backend.runtime import TorchModel

    bf16 = TorchModel(base.module, dtype="bfloat16")
    a, b = base.logits([1, 2, 3])[-1], bf16.logits([1, 2, 3])[-1]
    assert max(abs(x - y) for x, y in zip(a, b)) < 0.1


def test_init_and_generate_cli(cli, tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text("hello world, this is a test corpus. " * 50)
    assert cli("tokenizer", "train", "--docs", corpus, "--vocab-size", 300, "--out", tmp_path / "t.json").returncode == 0
    out = cli("init", "--out", tmp_path / "m", "--preset", "tiny", "--tokenizer", tmp_path / "t.json", "--backend", "torch")
    assert out.returncode == 0, out.stderr
    for backend in ("torch", "lite"):
        gen = cli("generate", "--model", tmp_path / "m", "--prompt", "hello", "-n", 8, "-t", 0, "--json",
                  "--backend", backend)
        assert gen.returncode == 0, gen.stderr
        data = json.loads(gen.stdout)
        assert data["backend"] == backend and "tokens_per_second" in data and isinstance(data["token_ids"], list)
    missing = cli("generate", "--model", tmp_path / "nope", "--prompt", "x")
    assert missing.returncode == 1 and len(missing.stderr.strip().splitlines()) == 1
