"""Which loader a model path needs: a pretrained family ("llama": GGUF files of that architecture,
Hugging Face `llama` folders, converted checkpoints; "gpt2": GPT-2 GGUF files and Hugging Face
`gpt2` folders, which run as NanoModel checkpoints) or None for a neuraflux checkpoint."""
import os


def pretrained_family(path):
    """"llama", "gpt2" or None, from the file's metadata or the folder's config.json (headers
    only: no weights are read)."""
    from .hf import folder_config, is_hf_config
    from .llama import ARCHITECTURE

    path = os.fspath(path)
    if os.path.isfile(path) and path.lower().endswith(".gguf"):
        from .gguf import GGUFFile

        with GGUFFile(path) as gguf:
            return "gpt2" if gguf.metadata.get("general.architecture") == "gpt2" else "llama"
    config = folder_config(path) or {}  # read once: a converted checkpoint, an HF folder, or neither
    if config.get("architecture") == ARCHITECTURE:
        return "llama"
    if is_hf_config(config):
        return "gpt2" if config["model_type"] == "gpt2" else "llama"
    return None


def open_checkpoint(path):
    """The Checkpoint behind `path` (a neuraflux checkpoint, or GPT-2 weights read into one), or
    None for a Llama-family model, which each backend loads itself (`load_llama`)."""
    family = pretrained_family(path)
    if family == "llama":
        return None
    if family == "gpt2":
        from .gpt2 import read_gpt2

        return read_gpt2(path)
    from .checkpoint import load_checkpoint

    return load_checkpoint(path)
