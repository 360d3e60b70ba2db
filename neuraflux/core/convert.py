"""`neuraflux convert`: a pretrained model (GGUF file, Hugging Face `llama` or `gpt2` folder) as a
neuraflux checkpoint folder, stored at the precision asked for — what loads fastest next time
(no dequantizing of 4-bit blocks, no transposing, one safetensors file).

Llama-family models keep their GGUF tensor names and `architecture: "llama"` in config.json (the
chat template rides in the weights file's metadata); GPT-2 becomes an ordinary NanoModel
checkpoint (its block is the NanoModel block).
"""
import os

from .checkpoint import save_checkpoint
from .errors import CheckpointError
from .progress import Progress


def read_pretrained(path, progress=True):
    """(config, {name: float32 Tensor}, tokenizer, metadata) of the model at `path`."""
    from .llama import read_llama_folder, read_llama_gguf
    from .pretrained import pretrained_family

    path = os.fspath(path)
    if not os.path.exists(path):
        raise CheckpointError(f"no such file or folder: {path}")
    family = pretrained_family(path)
    if family == "gpt2":
        from .gpt2 import read_gpt2

        checkpoint = read_gpt2(path)
        return checkpoint.config, checkpoint.tensors, checkpoint.tokenizer, {}
    if family == "llama" and os.path.isdir(path):
        return _llama_parts(read_llama_folder(path), progress)
    if family == "llama":
        from .gguf import GGUFFile

        with GGUFFile(path) as gguf:
            return _llama_parts(read_llama_gguf(gguf), progress)
    raise CheckpointError(f"{path}: convert reads GGUF files and Hugging Face llama/gpt2 folders")


def _llama_parts(source, progress):
    meter = Progress("reading tensors", total=len(source.names), unit="tensors", enabled=progress)
    tensors = {}
    for name in source.names:
        tensors[name] = source.tensor(name)
        meter.update()
    meter.close()
    metadata = {"chat_template": source.chat_template} if isinstance(source.chat_template, str) else {}
    return source.config, tensors, source.tokenizer, metadata


def convert(source, out, dtype="float16", progress=True):
    """Write the model at `source` to the checkpoint folder `out`; returns its config."""
    config, tensors, tokenizer, metadata = read_pretrained(source, progress)
    if tokenizer is None:
        raise CheckpointError(f"{source}: no tokenizer found (tokenizer.json or GGUF metadata), so the "
                              "converted model could not read text")
    save_checkpoint(out, config, tensors, tokenizer, dtype=dtype, metadata=metadata)
    return config
