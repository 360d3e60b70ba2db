"""neuraflux/core and neuraflux/lite_backend import only the standard library."""
import ast
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ALLOWED = set(sys.stdlib_module_names) | {"neuraflux", "__future__"}


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str) and _call_name(node.func) in ("import_module", "__import__")):
            yield node.lineno, node.args[0].value  # importlib.import_module("torch") counts too


def _call_name(func):
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def test_core_and_lite_import_only_stdlib():
    offenders = []
    files = list((ROOT / "neuraflux/core").rglob("*.py")) + list((ROOT / "neuraflux/lite_backend").rglob("*.py"))
    assert len(files) > 10
    for path in files:
        for lineno, name in _imports(path):
            if name.split(".")[0] not in ALLOWED:
                offenders.append(f"{path.relative_to(ROOT)}:{lineno} imports {name}")
    assert not offenders, "\n".join(offenders)


def test_dynamic_imports_are_seen(tmp_path):
    path = tmp_path / "probe.py"
    path.write_text("import importlib\nimportlib.import_module('torch')\n__import__('numpy')\n", encoding="utf-8")
    assert [name for _, name in _imports(path)] == ["importlib", "torch", "numpy"]


def test_torch_only_inside_torch_backend():
    offenders = []
    for path in (ROOT / "neuraflux").rglob("*.py"):
        if "torch_backend" in path.parts:
            continue
        for lineno, name in _imports(path):
            if name.split(".")[0] == "torch":
                offenders.append(f"{path.relative_to(ROOT)}:{lineno}")
    assert not offenders, offenders
