"""neuraflux: a small language model library with retrieval-augmented generation.

Two backends behind one API: `torch` (training, fast inference) and `lite` (the Python
standard library only). Importing this package imports no backend.
"""
__version__ = "0.1.0"

from .core.backends import get_backend  # noqa: E402
from .core.config import NanoConfig  # noqa: E402
from .core.errors import NeuraFluxError  # noqa: E402


def load(path=None, backend=None, **options):
    """Load a model checkpoint folder with a backend ("auto", "lite", "torch").

    With no path, the shipped default model is loaded.
    """
    from .core.defaults import default_model_path

    return get_backend(backend).load_model(path or default_model_path(), **options)


__all__ = ["__version__", "load", "get_backend", "NanoConfig", "NeuraFluxError"]
