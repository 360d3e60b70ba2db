"""neuraflux: a small language model library with retrieval-augmented generation.

Two backends behind one API: `torch` (training, fast inference) and `lite` (the Python
standard library only). Importing this package imports no backend.
"""
__version__ = "0.1.0"

from .core.backends import get_backend  # noqa: E402
from .core.config import NanoConfig  # noqa: E402
from .core.errors import NeuraFluxError  # noqa: E402


def load(path=None, backend=None, **options):
    """Load a model with a backend ("auto", "lite", "torch"): a checkpoint folder, a GGUF file, a
    Hugging Face llama/gpt2 folder, or a pulled model's name ("smollm2").

    With no path, the shipped default model is loaded.
    """
    from .core.defaults import default_model_path
    from .core.models import KNOWN, resolve_model
    from .core.pretrained import open_checkpoint

    chosen = get_backend(backend)
    path = path or default_model_path()
    path = resolve_model(path) if path in KNOWN else path
    checkpoint = open_checkpoint(path)
    if checkpoint is None:
        return chosen.load_llama(path, **options)
    return chosen.model_from_checkpoint(checkpoint, **options)


def train(docs, out, config=None, **options):
    """Train a model on text files or folders into the run folder `out` (needs torch); see
    `neuraflux.training.train` for the options. Returns {"step", "best_val_loss", "latest"}."""
    from .training import train as run_training

    return run_training(docs, out, config, **options)


__all__ = ["__version__", "load", "train", "get_backend", "NanoConfig", "NeuraFluxError"]
