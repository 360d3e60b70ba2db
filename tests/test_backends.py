import subprocess
import sys

import pytest

from conftest import HAS_TORCH, ROOT, run_cli
from neuraflux.core import backends
from neuraflux.core.errors import BackendUnavailable


def test_explicit_argument_beats_env(monkeypatch):
    monkeypatch.setenv("NEURAFLUX_BACKEND", "torch")
    assert backends.resolve_backend_name("lite") == "lite"


def test_env_beats_auto(monkeypatch):
    monkeypatch.setenv("NEURAFLUX_BACKEND", "lite")
    assert backends.resolve_backend_name(None) == "lite"


def test_auto_prefers_torch_when_installed(monkeypatch):
    monkeypatch.delenv("NEURAFLUX_BACKEND", raising=False)
    assert backends.resolve_backend_name("auto") == ("torch" if HAS_TORCH else "lite")


def test_unknown_backend():
    with pytest.raises(BackendUnavailable, match="unknown backend 'cuda'"):
        backends.get_backend("cuda")


def test_lite_backend_flags():
    lite = backends.get_backend("lite")
    assert lite.name == "lite" and lite.supports_training is False


def _run(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)


BLOCK_TORCH = (
    "import sys, importlib.abc\n"
    "class Block(importlib.abc.MetaPathFinder):\n"
    "    def find_spec(self, name, path, target=None):\n"
    "        if name == 'torch' or name.startswith('torch.'): raise ImportError('blocked')\n"
    "sys.meta_path.insert(0, Block())\n"
    "import importlib.util\n"
    "importlib.util.find_spec = (lambda f: (lambda name, *a: None if name == 'torch' else f(name, *a)))(importlib.util.find_spec)\n"
)


def test_missing_torch_gives_install_hint():
    code = BLOCK_TORCH + (
        "from neuraflux.core.backends import get_backend\n"
        "from neuraflux.core.errors import BackendUnavailable\n"
        "try:\n    get_backend('torch')\nexcept BackendUnavailable as e:\n    print('OK', e)\n"
        "print(get_backend('auto').name)\n")
    out = _run(code)
    assert out.returncode == 0, out.stderr
    assert 'OK' in out.stdout and 'pip install torch --index-url https://download.pytorch.org/whl/cpu' in out.stdout
    assert out.stdout.strip().endswith("lite")


def test_import_never_imports_torch():
    out = _run("import sys, neuraflux; from neuraflux import cli; cli.build_parser(); print('torch' in sys.modules)")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_info_never_imports_torch():
    code = ("import sys, runpy\nsys.argv=['neuraflux','info']\n"
            "from neuraflux.cli import main\nmain(['info','--json'])\nprint('TORCH', 'torch' in sys.modules)")
    out = _run(code)
    assert out.returncode == 0, out.stderr
    assert "TORCH False" in out.stdout


@pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed")
def test_both_backends_in_one_process():
    assert backends.get_backend("lite").name == "lite"
    assert backends.get_backend("torch").name == "torch"


def test_info_cli_lists_backends():
    out = run_cli("info", "--json")
    assert out.returncode == 0, out.stderr
    import json

    data = json.loads(out.stdout)
    assert data["backends"]["lite"]["available"] is True
    assert data["backends"]["torch"]["available"] is HAS_TORCH
    assert "math.sumprod" in data["fast_builtins"]
