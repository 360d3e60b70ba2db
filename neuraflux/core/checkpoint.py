"""Checkpoint folders: config.json + model.safetensors + tokenizer.json, saved atomically.

A folder is written complete into a temporary sibling and then renamed into place, so a crash
never leaves a half-written checkpoint where a good one was.
"""
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass

from .config import NanoConfig
from .errors import CheckpointError, ConfigError, NeuraFluxError
from .io import read_pointer_file
from .quantize import dequantize_tensors, quantize_tensors
from .safetensors import SafeTensorsFile, save_file
from .weights import check_weights

CONFIG_FILE = "config.json"
WEIGHTS_FILE = "model.safetensors"
TOKENIZER_FILE = "tokenizer.json"


@dataclass
class Checkpoint:
    """A loaded checkpoint: config, float32 tensors by canonical name, optional tokenizer."""

    path: str
    config: NanoConfig
    tensors: dict
    tokenizer: object = None
    metadata: dict = None


def resolve_model_path(path):
    """Accept a checkpoint folder, or a training run folder holding a `latest` pointer."""
    path = os.fspath(path)
    if not os.path.exists(path) and os.path.isfile(os.path.join(path + ".old", CONFIG_FILE)):
        return path + ".old"  # a save was killed between its two renames: the previous checkpoint
    if not os.path.exists(path):
        raise CheckpointError(f"no model at {path!r} (expected a checkpoint folder)")
    if os.path.isdir(path) and not os.path.exists(os.path.join(path, CONFIG_FILE)):
        pointer = os.path.join(path, "latest")
        if os.path.isfile(pointer):
            target = read_pointer_file(pointer)
            if not target or "\x00" in target or not os.path.isfile(os.path.join(path, target, CONFIG_FILE)):
                raise CheckpointError(f"{path!r} is a training run whose `latest` pointer names no checkpoint; "
                                      "pass one of its step folders")
            return os.path.join(path, target)
        raise CheckpointError(f"{path!r} is not a checkpoint folder: it has no {CONFIG_FILE}")
    if not os.path.isdir(path):
        raise CheckpointError(f"{path!r} is a file; a checkpoint is a folder with {CONFIG_FILE} and {WEIGHTS_FILE}")
    return path


def load_config(folder):
    try:
        return NanoConfig.load(os.path.join(folder, CONFIG_FILE))
    except ConfigError as exc:
        raise CheckpointError(f"{folder}: {exc}") from None


def load_checkpoint(path, load_tokenizer=True):
    """Load and validate a checkpoint folder; weights come back as float32 Tensors."""
    folder = resolve_model_path(path)
    config = load_config(folder)
    weights_path = os.path.join(folder, WEIGHTS_FILE)
    if not os.path.isfile(weights_path):
        raise CheckpointError(f"{folder}: missing {WEIGHTS_FILE}")
    with SafeTensorsFile(weights_path) as st:
        stored = {name: st.tensor(name) for name in st.keys()}
        metadata = dict(st.metadata)
    tensors = dequantize_tensors(stored)
    problems = check_weights(config, {n: t.shape for n, t in tensors.items()})
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise CheckpointError(f"{weights_path}: {problems[0]}{more}")
    tokenizer = None
    tokenizer_path = os.path.join(folder, TOKENIZER_FILE)
    if load_tokenizer and os.path.isfile(tokenizer_path):
        from .tokenizers import load_tokenizer as _load_tokenizer

        tokenizer = _load_tokenizer(tokenizer_path)
        if tokenizer.vocab_size > config.vocab_size:
            raise CheckpointError(
                f"{folder}: tokenizer has {tokenizer.vocab_size} tokens but the model only {config.vocab_size}")
    return Checkpoint(folder, config, tensors, tokenizer, metadata)


def save_checkpoint(folder, config, tensors, tokenizer=None, dtype="float32", metadata=None, extra_files=None):
    """Write a complete checkpoint folder atomically (replacing any previous one).

    `tensors` maps canonical names to float32 Tensors; `dtype` picks the storage precision;
    `extra_files` maps file names to bytes written alongside (e.g. training state).
    """
    folder = os.path.abspath(os.fspath(folder))
    shapes = {n: t.shape for n, t in tensors.items()}
    # pretrained architectures (core/llama.py) check their own tensor tables
    problems = config.weight_problems(shapes) if hasattr(config, "weight_problems") else check_weights(config, shapes)
    if problems:
        raise CheckpointError(f"cannot save checkpoint: {problems[0]}")
    parent = os.path.dirname(folder)
    os.makedirs(parent, exist_ok=True)
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise CheckpointError(f"cannot save checkpoint: {folder!r} exists and is not a folder")
    _remove_stale_temps(parent, os.path.basename(folder))
    tmp = tempfile.mkdtemp(prefix="." + os.path.basename(folder) + ".", suffix=".tmp", dir=parent)
    try:
        with open(os.path.join(tmp, CONFIG_FILE), "w", encoding="utf-8") as handle:
            handle.write(config.to_json())
        meta = {"format": "pt", "neuraflux_format_version": "1", **(metadata or {})}
        save_file(quantize_tensors(tensors, dtype), os.path.join(tmp, WEIGHTS_FILE), meta)
        if tokenizer is not None:
            tokenizer.save(os.path.join(tmp, TOKENIZER_FILE))
        for name, data in (extra_files or {}).items():
            with open(os.path.join(tmp, name), "wb") as handle:
                handle.write(data)
                os.fsync(handle.fileno())
        _swap_into_place(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


CHECKPOINT_FILES = (CONFIG_FILE, WEIGHTS_FILE, TOKENIZER_FILE, "training_state.pt")


def _swap_into_place(tmp, folder):
    """Rename the finished `tmp` folder to `folder`. The checkpoint files of a previous
    checkpoint there are replaced; anything else in it (a user's notes, sub-folders) is moved
    into the new folder, so a save never deletes what neuraflux did not write."""
    old = folder + ".old"
    if os.path.isdir(old):  # left by a save that was killed mid-swap
        _carry_foreign_files(old, folder if os.path.isdir(folder) else tmp)
        shutil.rmtree(old, ignore_errors=True)
    if not os.path.isdir(folder):
        os.replace(tmp, folder)
        return
    os.replace(folder, old)
    os.replace(tmp, folder)
    _carry_foreign_files(old, folder)
    shutil.rmtree(old, ignore_errors=True)


def _remove_stale_temps(parent, base):
    """Delete the temporary folders of earlier saves of `base` that were killed mid-write; one
    holding anything but checkpoint files is left alone. (Saves of one folder are not meant to
    run concurrently.)"""
    prefix = "." + base + "."
    for name in os.listdir(parent):
        path = os.path.join(parent, name)
        if name.startswith(prefix) and name.endswith(".tmp") and os.path.isdir(path) and not os.path.islink(path):
            if all(entry in CHECKPOINT_FILES or (entry.startswith(".") and entry.endswith(".tmp"))
                   for entry in os.listdir(path)):
                shutil.rmtree(path, ignore_errors=True)


def _carry_foreign_files(source, target):
    """Move every entry of `source` that is not a checkpoint file into `target` (no overwrite)."""
    for name in os.listdir(source):
        if name not in CHECKPOINT_FILES and not os.path.lexists(os.path.join(target, name)):
            os.replace(os.path.join(source, name), os.path.join(target, name))


def _describe_hf(path):
    """`describe` for a Hugging Face folder: its tensors across every weight file, and config.json's
    scalar fields."""
    from .hf import hf_model_type, read_hf_folder

    folder = read_hf_folder(path, expect=(hf_model_type(path),))
    tensors = []
    for weights_path in folder.weight_files:
        with SafeTensorsFile(weights_path) as st:
            tensors += [{"name": n, "dtype": st.info(n)[0], "shape": list(st.info(n)[1])} for n in st.keys()]
    total = 0
    for t in tensors:
        t["numel"] = 1
        for d in t["shape"]:
            t["numel"] *= d
        total += t["numel"]
    scalars = {k: v for k, v in folder.config.items()
               if isinstance(v, (int, float, str, bool)) and k != "transformers_version"}
    return {"path": folder.path, "tensors": tensors, "num_tensors": len(tensors), "num_parameters": total,
            "metadata": {}, "file_bytes": sum(os.path.getsize(f) for f in folder.weight_files), "hf_config": scalars}


def describe(path):
    """What `neuraflux inspect` prints: tensors (name, dtype, shape), counts, config."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise NeuraFluxError(f"no such file or folder: {path!r}")
    config = None
    from .hf import is_hf_folder

    if os.path.isdir(path) and is_hf_folder(path):
        return _describe_hf(path)
    if os.path.isdir(path):
        folder = resolve_model_path(path)
        from .llama import is_llama_checkpoint, read_llama_config

        config = read_llama_config(folder) if is_llama_checkpoint(folder) else load_config(folder)
        weights_path = os.path.join(folder, WEIGHTS_FILE)
    else:
        weights_path = path
    with SafeTensorsFile(weights_path) as st:
        tensors = [{"name": n, "dtype": st.info(n)[0], "shape": list(st.info(n)[1])} for n in st.keys()]
        metadata = dict(st.metadata)
    total = 0
    for t in tensors:
        count = 1
        for d in t["shape"]:
            count *= d
        t["numel"] = count
        if not t["name"].endswith(".scale"):
            total += count
    info = {"path": weights_path, "tensors": tensors, "num_tensors": len(tensors),
            "num_parameters": total, "metadata": metadata,
            "file_bytes": os.path.getsize(weights_path)}
    if config is not None:
        shapes = {t["name"]: t["shape"] for t in tensors if not t["name"].endswith(".scale")}
        info["config"] = asdict(config)
        info["num_parameters_non_embedding"] = config.num_parameters(include_embeddings=False)
        info["problems"] = config.weight_problems(shapes) if hasattr(config, "weight_problems") \
            else check_weights(config, shapes)
    return info
