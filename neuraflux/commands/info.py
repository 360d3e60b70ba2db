"""`neuraflux info` and `neuraflux inspect`."""
import math
import platform
import sys

from .. import __version__
from ..core import backends
from . import emit_json


def add_parsers(sub):
    p = sub.add_parser("info", help="versions, backends and fast built-ins")
    p.add_argument("--json", action="store_true", help="print the facts as JSON")
    p = sub.add_parser("inspect", help="tensors, shapes and config of a checkpoint or .safetensors file")
    p.add_argument("path", help="a checkpoint folder, a training run folder or a .safetensors file")
    p.add_argument("--json", action="store_true", help="print the description as JSON")


def collect_info():
    info = {"neuraflux": __version__, "python": platform.python_version(),
            "implementation": sys.implementation.name, "platform": platform.platform(),
            "default_backend": None, "backends": {},
            "fast_builtins": {"math.sumprod": hasattr(math, "sumprod"), "math.dist": hasattr(math, "dist"),
                              "math.fma": hasattr(math, "fma")}}
    try:
        info["default_backend"] = backends.resolve_backend_name(None)
    except Exception as exc:  # a bad $NEURAFLUX_BACKEND is reported, not fatal here
        info["default_backend_error"] = str(exc)
    for name in backends.BACKEND_MODULES:
        entry = {"available": backends.is_available(name)}
        if not entry["available"]:
            entry["install"] = backends.INSTALL_HINTS.get(name)
        info["backends"][name] = entry
    from importlib import metadata

    for name, requirement in backends.BACKEND_REQUIREMENTS.items():
        if info["backends"][name]["available"]:
            try:
                info["backends"][name]["version"] = metadata.version(requirement)
            except metadata.PackageNotFoundError:
                info["backends"][name]["version"] = "unknown"
    for name, entry in info["backends"].items():
        if entry["available"] and not backends.BACKEND_REQUIREMENTS.get(name):  # importing it costs nothing
            entry.update(backends.get_backend(name).details())
    return info


def info(args):
    data = collect_info()
    if args.json:
        emit_json(data)
        return 0
    print(f"neuraflux {data['neuraflux']} on Python {data['python']} ({data['implementation']})")
    print(f"default backend: {data.get('default_backend') or data.get('default_backend_error')}")
    for name, entry in data["backends"].items():
        if entry["available"]:
            extra = f" (kernel {entry['kernel']})" if "kernel" in entry else ""
            if entry.get("processes", 1) > 1:
                extra += f", {entry['processes']} processes for models of 1M+ multiply-adds a token"
            print(f"  {name:6s} available  {entry.get('version', '')}{extra}")
        else:
            print(f"  {name:6s} missing    install with: {entry['install']}")
    fast = ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in data["fast_builtins"].items())
    print(f"fast built-ins: {fast}")
    return 0


def inspect(args):
    from ..core.checkpoint import describe

    if args.path.lower().endswith(".gguf"):
        return inspect_gguf(args)
    data = describe(args.path)
    if args.json:
        emit_json(data)
        return 0
    print(f"{data['path']}: {data['num_tensors']} tensors, {data['num_parameters']:,} parameters, "
          f"{data['file_bytes']:,} bytes")
    if "hf_config" in data:  # a Hugging Face folder
        print("config.json: " + ", ".join(f"{k}={v}" for k, v in data["hf_config"].items()))
    if "config" in data:
        cfg = data["config"]
        print("config: " + ", ".join(f"{k}={v}" for k, v in cfg.items()))
        print(f"parameters without embeddings: {data['num_parameters_non_embedding']:,}")
        if data["problems"]:
            more = f" (and {len(data['problems']) - 1} more)" if len(data["problems"]) > 1 else ""
            print(f"the weights do not match this config: {data['problems'][0]}{more}")
    width = max((len(t["name"]) for t in data["tensors"]), default=4)
    for t in data["tensors"]:
        print(f"  {t['name']:<{width}}  {t['dtype']:<4}  {t['shape']}")
    return 0


def inspect_gguf(args):
    from ..core.gguf import describe_gguf

    data = describe_gguf(args.path)
    if args.json:
        emit_json(data)
        return 0
    print(f"{data['path']}: {data['format']}, {data['architecture']} ({data['name'] or 'unnamed'}), "
          f"{data['num_tensors']} tensors, {data['num_parameters']:,} parameters, {data['file_bytes']:,} bytes")
    print("tensor types: " + ", ".join(f"{k} x{v}" for k, v in sorted(data["tensor_types"].items())))
    if data["model"]:
        print("model: " + ", ".join(f"{k}={v}" for k, v in data["model"].items()))
    tok = data["tokenizer"]
    if tok["model"]:
        print(f"tokenizer: {tok['model']} (pre-tokenizer {tok['pre']}), {tok['vocab']:,} tokens, "
              f"{tok['merges']:,} merges, bos {tok['bos']}, eos {tok['eos']}")
    if data["chat_template"]:
        print(f"chat template: {data['chat_template']}")
    return 0
