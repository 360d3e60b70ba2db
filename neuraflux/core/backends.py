"""Backend registry: name -> module, imported lazily.

Resolution order: explicit argument, then $NEURAFLUX_BACKEND, then "auto" (torch when it is
installed — found with importlib.util.find_spec, without importing it — else lite).
"""
import importlib
import importlib.util
import os

from .errors import BackendUnavailable

BACKEND_MODULES = {"lite": "neuraflux.lite_backend", "torch": "neuraflux.torch_backend"}
BACKEND_REQUIREMENTS = {"torch": "torch"}
INSTALL_HINTS = {"torch": "pip install torch --index-url https://download.pytorch.org/whl/cpu (CPU-only; "
                          "see pytorch.org for a CUDA build)"}
ENV_VAR = "NEURAFLUX_BACKEND"
_loaded = {}


def is_available(name):
    """Whether a backend's dependencies are installed (never imports them)."""
    requirement = BACKEND_REQUIREMENTS.get(name)
    return requirement is None or importlib.util.find_spec(requirement) is not None


def resolve_backend_name(name=None):
    """The concrete backend name ("lite" or "torch") that `name` stands for."""
    if name is None or name == "":
        name = os.environ.get(ENV_VAR) or "auto"
    name = name.strip().lower()
    if name == "auto":
        return "torch" if is_available("torch") else "lite"
    if name not in BACKEND_MODULES:
        raise BackendUnavailable(f"unknown backend {name!r}; choose auto, {', '.join(BACKEND_MODULES)}")
    return name


def get_backend(name=None):
    """The Backend object for `name` ("auto", "lite", "torch", or None for env/auto)."""
    resolved = resolve_backend_name(name)
    if resolved in _loaded:
        return _loaded[resolved]
    if not is_available(resolved):
        raise BackendUnavailable(
            f"the {resolved} backend needs {BACKEND_REQUIREMENTS[resolved]}, which is not installed; "
            f"run: {INSTALL_HINTS[resolved]}")
    try:
        module = importlib.import_module(BACKEND_MODULES[resolved])
    except ImportError as exc:
        raise BackendUnavailable(
            f"the {resolved} backend failed to import ({exc}); try: {INSTALL_HINTS.get(resolved, 'reinstalling neuraflux')}"
        ) from None
    _loaded[resolved] = module.BACKEND
    return module.BACKEND


def available_backends():
    return [name for name in BACKEND_MODULES if is_available(name)]
