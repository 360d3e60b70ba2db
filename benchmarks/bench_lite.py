"""Lite backend decode speed: tokens/s averaged over 256 generated tokens with the KV cache,
effective multiply-adds/s and peak memory, on every CPython found (3.11 default, 3.12 and
3.13 under pyenv), beside the torch backend and a plain-loops reference in the same run; then
the lite model sharing its products with forked helpers (one process per CPU, at most 4) beside
torch on as many threads. CPU time counts the helpers' too.

    python benchmarks/bench_lite.py [--tokens 256] [--configs i,ii]
"""
import argparse
import glob
import json
import os
import resource
import subprocess
import sys
import time

from common import ROOT, machine_line, print_table

from neuraflux.core.config import NanoConfig
from neuraflux.lite_backend.workers import cpu_processes

CONFIGS = {
    "i": NanoConfig(vocab_size=512, hidden_size=128, num_layers=4, num_heads=4, intermediate_size=512, max_seq_len=256),
    "ii": NanoConfig(vocab_size=10000, hidden_size=384, num_layers=6, num_heads=6, intermediate_size=1536, max_seq_len=512),
}
BENCH_DIR = os.path.join(ROOT, ".bench")


def macs_per_token(config, position):
    """Multiply-adds for one decode step at a given cache position."""
    h, inner = config.hidden_size, config.intermediate_size
    per_layer = 3 * h * h + h * h + 2 * h * inner + 2 * (position + 1) * h
    head = (h * h if config.lm_head_transform else 0) + config.vocab_size * h
    return config.num_layers * per_layer + head


def checkpoint_for(name, dtype="float32"):
    folder = os.path.join(BENCH_DIR, f"lite-{name}" + ("" if dtype == "float32" else f"-{dtype}"))
    if not os.path.isfile(os.path.join(folder, "model.safetensors")):
        from neuraflux.core.checkpoint import save_checkpoint
        from neuraflux.core.init import init_tensors

        save_checkpoint(folder, CONFIGS[name], init_tensors(CONFIGS[name], seed=0), dtype=dtype)
    return folder


def worker(name, backend, tokens, dtype="float32"):
    """Runs in a child process: load, generate, report JSON on stdout."""
    from neuraflux.core.backends import get_backend
    from neuraflux.core.generation import generate_ids
    from neuraflux.core.sampling import SamplingOptions

    processes = int(os.environ.get("NEURAFLUX_LITE_PROCESSES", "1"))
    if backend == "torch":
        import torch

        torch.set_num_threads(processes)
    start = time.perf_counter()
    model = get_backend(backend).load_model(checkpoint_for(name, dtype))
    load_s = time.perf_counter() - start
    options = SamplingOptions(temperature=0, max_new_tokens=tokens, repetition_penalty=1.0)
    stream = generate_ids(model, [1], options)
    next(stream)  # the prompt's prefill is not part of decode
    start, cpu = time.perf_counter(), time.process_time()
    produced = 1 + sum(1 for _ in stream)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    if getattr(model, "workers", None):  # lite helpers: their CPU time counts too, once reaped
        helpers = resource.getrusage(resource.RUSAGE_CHILDREN)
        before = helpers.ru_utime + helpers.ru_stime
        model.close()
        helpers = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu += helpers.ru_utime + helpers.ru_stime - before
    macs = sum(macs_per_token(model.config, p) for p in range(1, produced))
    print(json.dumps({"tok_s": (produced - 1) / wall, "tok_s_cpu": (produced - 1) / cpu, "macs_per_s": macs / cpu,
                      "load_s": load_s, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def pythons():
    found = [("3.11 (default)", sys.executable)]
    for version in ("3.12", "3.13"):
        matches = sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}*/bin/python{version}")))
        if matches:
            found.append((version, matches[-1]))
    return found


def run(python, name, backend, tokens, kernel=None, dtype="float32", processes=1):
    env = dict(os.environ, PYTHONPATH=ROOT, NEURAFLUX_LITE_PROCESSES=str(processes))
    if kernel:
        env["NEURAFLUX_LITE_KERNEL"] = kernel
    out = subprocess.run([python, __file__, "--worker", name, backend, str(tokens), dtype], capture_output=True,
                         text=True, env=env, cwd=ROOT)
    if out.returncode:
        return None, out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"
    return json.loads(out.stdout.strip().splitlines()[-1]), None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", nargs=4, metavar=("CONFIG", "BACKEND", "TOKENS", "DTYPE"))
    parser.add_argument("--tokens", type=int, default=256)
    parser.add_argument("--configs", default="i,ii")
    parser.add_argument("--reference-tokens", type=int, default=64, help="tokens for the slow plain-loops rows")
    args = parser.parse_args()
    if args.worker:
        name, backend, tokens, dtype = args.worker
        return worker(name, backend, int(tokens), dtype)
    print(machine_line())
    shared = cpu_processes()
    rows = []
    for name in args.configs.split(","):
        checkpoint_for(name)
        checkpoint_for(name, "float16")
        config = CONFIGS[name]
        label = f"({name}) d{config.hidden_size} L{config.num_layers} V{config.vocab_size}"
        runs = [(py_label, py, "lite", args.tokens, None, "float32", 1) for py_label, py in pythons()]
        runs.append(("3.11 (default)", sys.executable, "lite", args.tokens, None, "float16", 1))
        runs.append(("3.11 (default)", sys.executable, "lite", args.reference_tokens, "loops", "float32", 1))
        runs.append(("3.11 (default)", sys.executable, "torch", args.tokens, None, "float32", 1))
        if shared > 1:
            runs.append(("3.11 (default)", sys.executable, "lite", args.tokens, None, "float32", shared))
            runs.append(("3.11 (default)", sys.executable, "torch", args.tokens, None, "float32", shared))
        for py_label, python, backend, tokens, kernel, dtype, processes in runs:
            result, error = run(python, name, backend, tokens, kernel, dtype, processes)
            what = (backend if backend == "torch" else f"lite ({kernel or 'dist'} kernel)") + f", {dtype} file"
            if processes > 1:
                what += f", {processes} " + ("threads" if backend == "torch" else "processes")
            if result is None:
                rows.append([label, py_label, what, tokens, error, "", "", "", ""])
                continue
            rows.append([label, py_label, what, tokens, f"{result['tok_s']:.1f}", f"{result['tok_s_cpu']:.1f}",
                         f"{result['macs_per_s'] / 1e6:.0f}", f"{result['peak_mb']:.0f}", f"{result['load_s']:.1f}"])
    print_table("decode with KV cache, greedy, one thread or process unless the row says",
                ["config", "python", "backend", "tokens", "tok/s (wall)", "tok/s (CPU)", "effective M MAC/s (CPU)",
                 "peak MB", "load s"], rows)


if __name__ == "__main__":
    main()
