import pytest

from neuraflux.core.checkpoint import load_checkpoint, save_checkpoint
from neuraflux.core.config import preset
from neuraflux.core.errors import CheckpointError
from neuraflux.core.init import init_tensors
from neuraflux.core.safetensors import load_file, save_file
from neuraflux.core.tokenizers import ByteBPETokenizer

CONFIG = preset("tiny", vocab_size=300, max_seq_len=16, hidden_size=16, intermediate_size=32)


def test_save_load_round_trip(tmp_path):
    tensors = init_tensors(CONFIG, seed=3)
    tok = ByteBPETokenizer.train("hello hello world " * 20, 270)
    save_checkpoint(tmp_path / "ck", CONFIG, tensors, tok)
    loaded = load_checkpoint(tmp_path / "ck")
    assert loaded.config == CONFIG
    assert loaded.tokenizer.encode("hello world") == tok.encode("hello world")
    for name, t in tensors.items():
        assert loaded.tensors[name].tolist() == t.tolist()


@pytest.mark.parametrize("dtype,tolerance", [("float16", 1e-3), ("bfloat16", 1e-2), ("int8", 0.02 / 127 * 4)])
def test_low_precision_storage_dequantizes(tmp_path, dtype, tolerance):
    tensors = init_tensors(CONFIG, seed=4)
    save_checkpoint(tmp_path / "ck", CONFIG, tensors, dtype=dtype)
    loaded = load_checkpoint(tmp_path / "ck")
    for name, t in tensors.items():
        got = loaded.tensors[name]
        assert got.dtype == "F32"
        assert max(abs(a - b) for a, b in zip(got.tolist(), t.tolist())) <= tolerance


@pytest.mark.parametrize("mutation", ["rename", "drop", "reshape"])
def test_bad_tensor_is_named(tmp_path, mutation):
    folder = tmp_path / "ck"
    save_checkpoint(folder, CONFIG, init_tensors(CONFIG, seed=1))
    tensors, meta = load_file(folder / "model.safetensors")
    victim = "blocks.0.attn.qkv.weight"
    t = tensors.pop(victim)
    if mutation == "rename":
        tensors["blocks.0.attn.qkv.weights"] = t
    elif mutation == "reshape":
        t.shape = (t.shape[1], t.shape[0])
        tensors[victim] = t
    save_file(tensors, folder / "model.safetensors", meta)
    with pytest.raises(CheckpointError, match="blocks.0.attn.qkv.weight"):
        load_checkpoint(folder)


def test_failed_save_keeps_previous_checkpoint(tmp_path, monkeypatch):
    folder = tmp_path / "ck"
    save_checkpoint(folder, CONFIG, init_tensors(CONFIG, seed=1))
    before = (folder / "model.safetensors").read_bytes()
    import neuraflux.core.checkpoint as ckpt

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ckpt, "save_file", broken)
    with pytest.raises(RuntimeError):
        save_checkpoint(folder, CONFIG, init_tensors(CONFIG, seed=2))
    assert (folder / "model.safetensors").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ck"]


def test_missing_folder_and_file(tmp_path):
    with pytest.raises(CheckpointError, match="no model"):
        load_checkpoint(tmp_path / "nope")
    (tmp_path / "f").write_text("x")
    with pytest.raises(CheckpointError):
        load_checkpoint(tmp_path / "f")
