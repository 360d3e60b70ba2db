"""Where things live: the shipped default model and the user's cache folder."""
import os
import pathlib

from .errors import CheckpointError

DEFAULT_MODEL_NAME = "default-model"


def package_data_dir():
    return pathlib.Path(__file__).resolve().parent.parent / "data"


def default_model_path():
    path = package_data_dir() / DEFAULT_MODEL_NAME
    if not (path / "config.json").is_file():
        raise CheckpointError(
            f"the shipped default model is missing from {path}; reinstall neuraflux or pass --model DIR")
    return str(path)


def cache_dir():
    """$NEURAFLUX_CACHE, else $XDG_CACHE_HOME/neuraflux, else ~/.cache/neuraflux."""
    if os.environ.get("NEURAFLUX_CACHE"):
        return pathlib.Path(os.environ["NEURAFLUX_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return pathlib.Path(base) / "neuraflux"
