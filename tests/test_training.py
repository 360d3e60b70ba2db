import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, requires_torch, run_cli

pytestmark = requires_torch

TINY = ["--preset", "tiny", "--hidden-size", "32", "--num-layers", "2", "--num-heads", "2",
        "--intermediate-size", "64", "--max-seq-len", "32", "--batch-size", "4", "--block-size", "32"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    import pydoc_data.topics

    folder = tmp_path_factory.mktemp("corpus")
    topics = pydoc_data.topics.topics
    for name in sorted(topics)[:30]:
        (folder / f"{name}.txt").write_text(topics[name], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def prepared(corpus, tmp_path_factory):
    """(config, tokenizer, data_dir) ready for the Trainer."""
    from neuraflux.core.config import NanoConfig
    from neuraflux.core.data import prepare_dataset
    from neuraflux.core.documents import read_texts
    from neuraflux.core.tokenizers import ByteBPETokenizer

    docs = read_texts([corpus])
    tok = ByteBPETokenizer.train([d.text for d in docs], 320)
    data = tmp_path_factory.mktemp("data")
    prepare_dataset(data, docs, tok, progress=False)
    config = NanoConfig(vocab_size=tok.vocab_size, hidden_size=32, num_layers=2, num_heads=2,
                        intermediate_size=64, max_seq_len=32)
    return config, tok, data


def make_trainer(prepared, run_dir, **settings):
    from neuraflux.torch_backend.train import Trainer, TrainSettings

    config, tok, data = prepared
    base = dict(max_steps=20, batch_size=4, warmup=5, lr=3e-3, eval_interval=10, eval_batches=2, log_interval=1,
                seed=5)
    base.update(settings)
    return Trainer(config, tok, data, run_dir, TrainSettings(**base), log=lambda *a: None)


def losses(run_dir):
    with open(os.path.join(run_dir, "metrics.jsonl")) as handle:
        return [(r["step"], r["loss"]) for r in map(json.loads, handle) if r["kind"] == "train"]


def test_loss_decreases(prepared, tmp_path):
    make_trainer(prepared, tmp_path / "run", max_steps=60).train()
    values = [loss for _, loss in losses(tmp_path / "run")]
    assert sum(values[-5:]) / 5 < sum(values[:5]) / 5 - 0.5


def test_bfloat16_autocast_training_tracks_float32(prepared, tmp_path):
    for dtype in ("float32", "bfloat16"):
        make_trainer(prepared, tmp_path / dtype, max_steps=40, dtype=dtype).train()
    full, low = ([loss for _, loss in losses(tmp_path / dtype)] for dtype in ("float32", "bfloat16"))
    assert sum(low[-5:]) / 5 < sum(low[:5]) / 5 - 0.5
    assert abs(sum(low[-5:]) - sum(full[-5:])) / 5 < 0.01  # same batches: bfloat16 rounding only


@pytest.mark.parametrize("interrupt_call,saved", [(12, "step-0000010"), (14, "step-0000011")])
def test_resume_reproduces_uninterrupted_losses(prepared, tmp_path, monkeypatch, interrupt_call, saved):
    """Calls 1-10 train steps 1-10, 11-12 evaluate at step 10, 13 trains step 11, 14 step 12."""
    make_trainer(prepared, tmp_path / "full").train()
    full = losses(tmp_path / "full")

    import neuraflux.torch_backend.train as train_module

    original = train_module.compute_loss
    calls = {"n": 0}

    def interrupt_on_call_12(module, x, y):
        calls["n"] += 1
        if calls["n"] == interrupt_call:
            raise KeyboardInterrupt
        return original(module, x, y)

    monkeypatch.setattr(train_module, "compute_loss", interrupt_on_call_12)
    with pytest.raises(KeyboardInterrupt):
        make_trainer(prepared, tmp_path / "split").train()
    monkeypatch.setattr(train_module, "compute_loss", original)
    assert open(tmp_path / "split" / "latest").read().strip() == saved
    make_trainer(prepared, tmp_path / "split", resume=True).train()
    assert losses(tmp_path / "split") == full


def test_nan_loss_stops_and_keeps_last_good_checkpoint(prepared, tmp_path, monkeypatch):
    import torch

    import neuraflux.torch_backend.train as train_module

    original = train_module.compute_loss
    calls = {"n": 0}

    def nan_on_call_8(module, x, y):
        calls["n"] += 1
        loss = original(module, x, y)
        return loss * float("nan") if calls["n"] == 8 else loss

    monkeypatch.setattr(train_module, "compute_loss", nan_on_call_8)
    run = tmp_path / "run"
    with pytest.raises(train_module.TrainingStopped, match="step-0000005"):
        make_trainer(prepared, run, save_interval=5, eval_interval=100).train()
    assert open(run / "latest").read().strip() == "step-0000005"
    from neuraflux.core.checkpoint import load_checkpoint

    assert load_checkpoint(run).path.endswith("step-0000005")
    assert torch.isfinite(torch.tensor(load_checkpoint(run).tensors["tok_emb.weight"].tolist())).all()


def test_weight_decay_groups():
    from neuraflux.core.config import preset
    from neuraflux.torch_backend.model import NanoModel
    from neuraflux.torch_backend.train import param_groups

    module = NanoModel(preset("tiny"))
    names = {id(p): n for n, p in module.named_parameters()}
    decay, no_decay = param_groups(module, 0.1)
    decayed = {names[id(p)] for p in decay["params"]}
    assert decay["weight_decay"] == 0.1 and no_decay["weight_decay"] == 0.0
    assert "blocks.0.attn.qkv.weight" in decayed and "lm_head.dense.weight" in decayed
    assert not any(n.endswith("bias") or "emb" in n or ".ln" in n or n.startswith("ln_") for n in decayed)
    assert len(decay["params"]) + len(no_decay["params"]) == len(names)


def test_partial_torchrun_environment_is_an_error(corpus, tmp_path):
    out = run_cli("train", "--docs", corpus, "--out", tmp_path / "run", *TINY, "--max-steps", 2,
                  env={"RANK": "0", "WORLD_SIZE": "2"})
    assert out.returncode == 1 and "partial torchrun environment" in out.stderr and "LOCAL_RANK" in out.stderr


@pytest.mark.slow
def test_sigkill_during_training_leaves_loadable_latest(corpus, tmp_path):
    from neuraflux.core.checkpoint import load_checkpoint

    run = tmp_path / "run"
    args = [sys.executable, "-m", "neuraflux", "train", "--docs", str(corpus), "--out", str(run), *TINY,
            "--max-steps", "100000", "--save-interval", "1", "--eval-interval", "1000", "--log-interval", "1000",
            "--vocab-size", "300"]
    env = dict(os.environ, PYTHONPATH=ROOT)
    for delay in (2.5, 0.37, 0.81):
        proc = subprocess.Popen(args + (["--resume"] if (run / "latest").exists() else []), env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        deadline = time.time() + 60
        while not (run / "latest").exists() and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        checkpoint = load_checkpoint(run)
        assert checkpoint.tensors and os.path.isfile(os.path.join(checkpoint.path, "training_state.pt"))


@pytest.mark.slow
def test_ctrl_c_saves_and_exits_cleanly(corpus, tmp_path):
    run = tmp_path / "run"
    args = [sys.executable, "-m", "neuraflux", "train", "--docs", str(corpus), "--out", str(run), *TINY,
            "--max-steps", "100000", "--save-interval", "100000", "--eval-interval", "100000", "--vocab-size", "300"]
    proc = subprocess.Popen(args, env=dict(os.environ, PYTHONPATH=ROOT), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.time() + 60
    while not (run / "metrics.jsonl").exists() and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "--resume" in stdout
    assert (run / "latest").exists()


def _gloo_aborted(out):
    """Whether a torchrun job failed because a rank aborted inside torch's C++ code (SIGABRT after
    "terminate called without an active exception") while the processes connected: seen twice in
    about twelve full test runs on a loaded 2-core machine, never in isolation; gloo's TCP transport
    has such aborts reported upstream (e.g. pytorch/pytorch#188266)."""
    return out.returncode != 0 and "terminate called" in out.stderr and "SIGABRT" in out.stderr


@pytest.mark.slow
def test_torchrun_two_processes_gloo(corpus, tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT, OMP_NUM_THREADS="1")
    for attempt in range(2):  # a second, fresh run only after gloo's own abort; any other failure fails
        run = tmp_path / f"run{attempt}"
        out = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
                              "-m", "neuraflux", "train", "--docs", str(corpus), "--out", str(run), *TINY,
                              "--max-steps", "6", "--grad-accum", "2", "--eval-interval", "3", "--log-interval", "1",
                              "--vocab-size", "300"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
        if not _gloo_aborted(out):
            break
    assert out.returncode == 0, out.stderr[-3000:]
    assert "2 process(es)" in out.stdout
    from neuraflux.core.checkpoint import load_checkpoint

    assert load_checkpoint(run).path.endswith("step-0000006")
    rows = [json.loads(line) for line in open(run / "metrics.jsonl")]
    assert [r["step"] for r in rows if r["kind"] == "train"] == [1, 2, 3, 4, 5, 6]


def test_eval_lm_agrees_between_backends(prepared, tmp_path, corpus):
    make_trainer(prepared, tmp_path / "run", max_steps=10).train()
    text = tmp_path / "held_out.txt"
    text.write_text(open(sorted(corpus.iterdir())[0], encoding="utf-8").read()[:3000], encoding="utf-8")
    results = {}
    for backend in ("torch", "lite"):
        out = run_cli("eval", "lm", "--model", tmp_path / "run", "--docs", text, "--backend", backend, "--json")
        assert out.returncode == 0, out.stderr
        results[backend] = json.loads(out.stdout)
    assert results["torch"]["tokens"] == results["lite"]["tokens"] > 32  # longer than the context: windows slide
    ratio = results["torch"]["perplexity"] / results["lite"]["perplexity"]
    assert abs(ratio - 1) < 1e-5


def test_plot_sparkline(prepared, tmp_path):
    make_trainer(prepared, tmp_path / "run", max_steps=10).train()
    out = run_cli("plot", tmp_path / "run")
    assert out.returncode == 0 and "train loss" in out.stdout


def test_python_api_trains_and_resumes(corpus, tmp_path):
    import neuraflux
    from neuraflux.core.config import preset

    config = preset("tiny", hidden_size=32, num_layers=1, num_heads=2, intermediate_size=64, max_seq_len=32)
    lines = []
    summary = neuraflux.train(corpus, tmp_path / "run", config, vocab_size=300, max_steps=3, batch_size=2,
                              eval_interval=3, eval_batches=1, log=lines.append)
    assert summary["step"] == 3 and summary["latest"] == "step-0000003" and any("training" in x for x in lines)
    with pytest.raises(neuraflux.NeuraFluxError, match="already holds a training run"):
        neuraflux.train(corpus, tmp_path / "run", config, max_steps=5, log=lines.append)
    summary = neuraflux.train(corpus, tmp_path / "run", config, resume=True, max_steps=5, batch_size=2,
                              eval_interval=3, eval_batches=1, log=lines.append)
    assert summary["step"] == 5
    model = neuraflux.load(tmp_path / "run", backend="lite")
    assert model.config.vocab_size == 300
