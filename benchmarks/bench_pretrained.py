"""SmolLM2-135M-Instruct (the pinned GGUF from `neuraflux pull smollm2`) on the CPU: neuraflux's
torch backend beside `transformers` reading the same GGUF and llama.cpp (llama-cpp-python, when
it is installed), each at 1 and 2 threads in a fresh process; then the lite backend.

Figures: load seconds, prefill of a 400-token RAG prompt (ms), greedy decode tokens/s over 64
tokens with the KV cache (CPU time of the decode loop; wall time beside it), peak RSS.

    python benchmarks/bench_pretrained.py [--gguf PATH] [--tokens 64] [--lite-tokens 8]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

from common import ROOT, machine_line, print_table

PROMPT_WORDS = ("The interpreter reads the source sources and the passages cite the documents that answer "
                "the question about ports, dates and configuration keys ").split()


def prompt_ids(tokenizer_encode, length=400):
    """A deterministic prompt of exactly `length` token ids."""
    ids, i = [], 0
    while len(ids) < length:
        ids += tokenizer_encode(" " + PROMPT_WORDS[i % len(PROMPT_WORDS)])
        i += 1
    return ids[:length]


def report(load_s, prefill_s, decode_cpu, decode_wall, tokens):
    print(json.dumps({"load_s": load_s, "prefill_ms": 1000 * prefill_s, "tok_s_cpu": tokens / decode_cpu,
                      "tok_s_wall": tokens / decode_wall,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run_neuraflux(gguf, tokens, backend_name, threads, model_path=None, dtype="float32"):
    from neuraflux.core.backends import get_backend

    backend = get_backend(backend_name)
    if backend.supports_threads:
        backend.set_threads(threads)
    start = time.perf_counter()
    model = backend.load_llama(model_path or gguf, **({"compact": True} if backend_name == "lite" else {"dtype": dtype}))
    load_s = time.perf_counter() - start
    ids = prompt_ids(model.tokenizer.encode, 400 if backend_name == "torch" else 40)
    cache = model.new_cache()
    start = time.perf_counter()
    logits = model.prefill(ids, cache)
    prefill_s = time.perf_counter() - start
    token = max(range(len(logits)), key=lambda i: float(logits[i]))
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(tokens):
        logits = model.decode_step(token, cache)
        token = max(range(len(logits)), key=lambda i: float(logits[i])) if backend_name == "lite" else int(logits.argmax())
    report(load_s, prefill_s, time.process_time() - cpu, time.perf_counter() - wall, tokens)


def run_transformers(gguf, tokens, threads):
    import torch
    import transformers

    torch.set_num_threads(threads)
    start = time.perf_counter()
    model = transformers.AutoModelForCausalLM.from_pretrained(os.path.dirname(gguf), gguf_file=os.path.basename(gguf),
                                                              dtype=torch.float32).eval()
    tokenizer = transformers.AutoTokenizer.from_pretrained(os.path.dirname(gguf), gguf_file=os.path.basename(gguf))
    load_s = time.perf_counter() - start
    ids = torch.tensor([prompt_ids(lambda t: tokenizer.encode(t, add_special_tokens=False), 400)])
    with torch.inference_mode():
        start = time.perf_counter()
        out = model(ids, use_cache=True)
        prefill_s = time.perf_counter() - start
        past, token = out.past_key_values, out.logits[0, -1].argmax().view(1, 1)
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(tokens):
            out = model(token, past_key_values=past, use_cache=True)
            past, token = out.past_key_values, out.logits[0, -1].argmax().view(1, 1)
    report(load_s, prefill_s, time.process_time() - cpu, time.perf_counter() - wall, tokens)


def run_llama_cpp(gguf, tokens, threads):
    import llama_cpp

    start = time.perf_counter()
    model = llama_cpp.Llama(gguf, n_ctx=1024, n_threads=threads, n_threads_batch=threads, verbose=False,
                            logits_all=False)
    load_s = time.perf_counter() - start
    ids = prompt_ids(lambda t: model.tokenize(t.encode(), add_bos=False), 400)
    start = time.perf_counter()
    model.eval(ids)
    prefill_s = time.perf_counter() - start
    token = int(max(range(model.n_vocab()), key=lambda i: model.scores[model.n_tokens - 1][i]))
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(tokens):
        model.eval([token])
        token = int(model.scores[model.n_tokens - 1].argmax())
    report(load_s, prefill_s, time.process_time() - cpu, time.perf_counter() - wall, tokens)


def child(kind, gguf, tokens, threads, model_path=None, dtype="float32"):
    """Run one engine in a fresh process; its JSON line, or the error's last line."""
    env = dict(os.environ, PYTHONPATH=ROOT, OMP_NUM_THREADS=str(threads))
    args = [sys.executable, __file__, "--worker", kind, gguf, str(tokens), str(threads), model_path or "-", dtype]
    out = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode:
        lines = out.stderr.strip().splitlines()
        return None, lines[-1] if lines else "failed"
    return json.loads(out.stdout.strip().splitlines()[-1]), None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", nargs="+")
    parser.add_argument("--gguf", default=None, help="default: the model `neuraflux pull smollm2` fetched")
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--lite-tokens", type=int, default=8)
    args = parser.parse_args()
    if args.worker:
        kind, gguf, tokens, threads, model_path, dtype = args.worker
        if kind in ("torch", "lite"):
            return run_neuraflux(gguf, int(tokens), kind, int(threads), None if model_path == "-" else model_path, dtype)
        return {"transformers": run_transformers, "llama.cpp": run_llama_cpp}[kind](gguf, int(tokens), int(threads))
    from neuraflux.core.models import resolve_model

    gguf = args.gguf or resolve_model("smollm2")
    print(machine_line())
    converted = os.path.join(tempfile.mkdtemp(prefix="bench-pretrained-"), "smollm2-f16")
    subprocess.run([sys.executable, "-m", "neuraflux", "convert", gguf, "--out", converted], check=True, cwd=ROOT,
                   env=dict(os.environ, PYTHONPATH=ROOT), capture_output=True)
    rows = []
    for threads in (1, 2):
        for kind, label, path, dtype in (("torch", "neuraflux torch (GGUF, float32)", None, "float32"),
                                         ("torch", "neuraflux torch (GGUF, --dtype int8)", None, "int8"),
                                         ("torch", "neuraflux torch (converted float16 folder)", converted, "float32"),
                                         ("transformers", "transformers (same GGUF, float32)", None, "float32"),
                                         ("llama.cpp", "llama.cpp (llama-cpp-python, Q4_1)", None, "float32")):
            result, error = child(kind, gguf, args.tokens, threads, path, dtype)
            if result is None:
                rows.append([label, threads, error[:70], "", "", "", ""])
                continue
            rows.append([label, threads, f"{result['load_s']:.1f}", f"{result['prefill_ms']:.0f}",
                         f"{result['tok_s_cpu']:.1f}", f"{result['tok_s_wall']:.1f}", f"{result['peak_mb']:.0f}"])
    result, error = child("lite", gguf, args.lite_tokens, 1, converted, "float32")
    if result is None:
        rows.append(["neuraflux lite (converted float16 folder)", 1, error[:70], "", "", "", ""])
    else:
        rows.append(["neuraflux lite (converted float16 folder, 40-token prompt)", 1, f"{result['load_s']:.1f}",
                     f"{result['prefill_ms']:.0f}", f"{result['tok_s_cpu']:.2f}", f"{result['tok_s_wall']:.2f}",
                     f"{result['peak_mb']:.0f}"])
    print_table(f"SmolLM2-135M-Instruct Q4_1, greedy decode of {args.tokens} tokens after a 400-token prompt "
                f"(lite: {args.lite_tokens} tokens)",
                ["engine", "threads", "load s", "prefill ms", "decode tok/s (CPU)", "decode tok/s (wall)", "peak MB"],
                rows)


if __name__ == "__main__":
    main()
