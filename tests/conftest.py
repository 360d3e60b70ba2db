import importlib.util
import os
import subprocess
import sys

import pytest

HAS_TORCH = importlib.util.find_spec("torch") is not None
IN_CI = bool(os.environ.get("CI"))
BACKENDS = ["lite"] + (["torch"] if HAS_TORCH else [])
# NEURAFLUX_TEST_BACKENDS=lite,torch: run against exactly these, and fail (not skip) when one is
# missing, so CI cannot silently lose a backend's half of the conformance suite
_REQUESTED = [n.strip() for n in os.environ.get("NEURAFLUX_TEST_BACKENDS", "").split(",") if n.strip()]
if _REQUESTED:
    _missing = [n for n in _REQUESTED if n not in BACKENDS]
    if _missing:
        raise pytest.UsageError(f"NEURAFLUX_TEST_BACKENDS asks for {', '.join(_missing)}, which is not installed")
    BACKENDS = _REQUESTED
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

requires_torch = pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed")


@pytest.fixture(params=BACKENDS)
def backend_name(request):
    return request.param


def run_cli(*args, input=None, env=None, timeout=600):
    """Run `python -m neuraflux ARGS` in a subprocess; returns CompletedProcess (text)."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = ROOT + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.pop("NEURAFLUX_BACKEND", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "neuraflux", *map(str, args)], input=input, capture_output=True,
                          text=True, env=full_env, timeout=timeout, cwd=ROOT)


@pytest.fixture
def cli():
    return run_cli
