"""Hugging Face model folders: `config.json`, `model.safetensors` (or shards listed in
`model.safetensors.index.json`) and the tokenizer files, read with the standard library.

Only what neuraflux can run is accepted (see SUPPORTED); anything else is a clear error naming
the model type.
"""
import os
from dataclasses import dataclass

from .errors import CheckpointError
from .io import display_path, read_json
from .safetensors import SafeTensorsFile

SUPPORTED = ("bert",)
MAX_JSON_BYTES = 16 * 1024 * 1024


@dataclass
class HFFolder:
    """A validated Hugging Face folder: its config and where its weights and files are."""

    path: str
    config: dict
    weight_files: list

    @property
    def model_type(self):
        return self.config.get("model_type")

    def file(self, name):
        """Path of a file in the folder, or None when it is absent."""
        path = os.path.join(self.path, name)
        return path if os.path.isfile(path) else None

    def json(self, name, default=None):
        path = self.file(name)
        return read_json(path, name, MAX_JSON_BYTES, CheckpointError) if path else default

    def bpe_tokenizer(self):
        """The byte-level BPE tokenizer in tokenizer.json (Llama, GPT-2 families), or None."""
        from .tokenizers.gguf_bpe import GGUFBPETokenizer

        data = self.json("tokenizer.json")
        return GGUFBPETokenizer.from_tokenizer_json(data, self.path) if data is not None else None

    def tensors(self, names=None):
        """{name: core Tensor} of every tensor (or of `names`) across the weight files."""
        out = {}
        for path in self.weight_files:
            with SafeTensorsFile(path) as st:
                for name in st.keys():
                    if names is None or name in names:
                        out[name] = st.tensor(name)
        return out


def folder_config(path):
    """A folder's config.json as a dict, or None when there is none or it cannot be read (whoever
    then loads the folder reads it again and says why)."""
    config = os.path.join(os.fspath(path), "config.json")
    if not os.path.isdir(path) or not os.path.isfile(config):
        return None
    try:
        data = read_json(config, "config.json", MAX_JSON_BYTES, CheckpointError)
    except (CheckpointError, OSError):
        return None
    return data if isinstance(data, dict) else None


def is_hf_config(data):
    """Whether a config.json dict is a Hugging Face one (a `model_type`; neuraflux's own checkpoints
    name an `architecture` instead)."""
    return isinstance(data, dict) and "model_type" in data and "architecture" not in data


def hf_model_type(path):
    """The `model_type` of the Hugging Face folder at `path` (None if it names none)."""
    return (folder_config(path) or {}).get("model_type")


def is_hf_folder(path):
    """Whether `path` is a Hugging Face model folder."""
    return is_hf_config(folder_config(path))


def read_hf_folder(path, expect=SUPPORTED):
    """Open a Hugging Face folder whose `model_type` is one of `expect`."""
    path = os.fspath(path)
    if not os.path.isdir(path):
        raise CheckpointError(f"no model folder at {display_path(path)}")
    config_path = os.path.join(path, "config.json")
    if not os.path.isfile(config_path):
        raise CheckpointError(f"{display_path(path)} has no config.json, so it is not a Hugging Face model folder")
    config = read_json(config_path, "config.json", MAX_JSON_BYTES, CheckpointError)
    if not isinstance(config, dict):
        raise CheckpointError(f"{display_path(config_path)} must hold a JSON object")
    model_type = config.get("model_type")
    if model_type not in expect:
        raise CheckpointError(f"{display_path(path)} is a {model_type!r} model; neuraflux runs "
                              f"{', '.join(expect)} models here")
    single = os.path.join(path, "model.safetensors")
    index = os.path.join(path, "model.safetensors.index.json")
    if os.path.isfile(single):
        files = [single]
    elif os.path.isfile(index):
        data = read_json(index, "model.safetensors.index.json", MAX_JSON_BYTES, CheckpointError)
        weight_map = data.get("weight_map") if isinstance(data, dict) else None
        if not isinstance(weight_map, dict) or not all(isinstance(v, str) for v in weight_map.values()):
            raise CheckpointError(f"{display_path(index)} has no weight_map of tensor -> file")
        names = sorted(set(weight_map.values()))
        if any(os.path.basename(n) != n for n in names):
            raise CheckpointError(f"{display_path(index)} names a shard outside its folder")
        files = [os.path.join(path, n) for n in names]
        missing = [n for n, f in zip(names, files) if not os.path.isfile(f)]
        if missing:
            raise CheckpointError(f"{display_path(path)} is missing the shard {missing[0]}")
    else:
        raise CheckpointError(f"{display_path(path)} has no model.safetensors (PyTorch .bin files are not read: "
                              "they are pickles)")
    return HFFolder(path, config, files)
