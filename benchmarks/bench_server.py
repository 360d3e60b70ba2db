"""`neuraflux serve` under load: requests/s and latency p50/p95 with 1, 4 and 16 concurrent
clients per backend, tokens/s through the API next to the same generation in-process (the
server's overhead), and the memory an idle server holds.

    python benchmarks/bench_server.py [--requests 32] [--backends lite torch]
"""
import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from common import ROOT, machine_line, print_table

QUESTION = "What does the with statement do?"


def start(backend, cache):
    env = dict(os.environ, PYTHONPATH=ROOT, NEURAFLUX_CACHE=cache)
    proc = subprocess.Popen([sys.executable, "-m", "neuraflux", "serve", "--port", "0", "--backend", backend,
                             "--max-queue", "64"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            env=env)
    line = ""
    while "http://" not in line:
        line = proc.stderr.readline()
        if not line and proc.poll() is not None:
            raise SystemExit("the server did not start")
    threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
    host, port = re.search(r"http://([\d.]+):(\d+)/", line).groups()
    while call(host, int(port), "GET", "/health")[0] != 200:
        time.sleep(0.1)
    return proc, host, int(port)


def call(host, port, method, path, body=None):
    conn = http.client.HTTPConnection(host, port, timeout=600)
    try:
        conn.request(method, path, body=json.dumps(body) if body else None,
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        conn.close()


def load(host, port, clients, total, body):
    latencies, statuses, lock = [], [], threading.Lock()
    per_client = total // clients

    def run():
        for _ in range(per_client):
            t0 = time.perf_counter()
            status, _ = call(host, port, "POST", "/v1/chat/completions", body)
            with lock:
                latencies.append(time.perf_counter() - t0)
                statuses.append(status)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    start_time = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start_time
    latencies.sort()
    return (len(latencies) / wall, 1000 * statistics.median(latencies),
            1000 * latencies[int(0.95 * (len(latencies) - 1))], statuses.count(200), len(statuses))


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=32)
    parser.add_argument("--backends", nargs="+", default=["lite", "torch"])
    parser.add_argument("--tokens", type=int, default=128)
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="bench-serve-")
    rows, speed, memory = [], [], []
    for backend in args.backends:
        proc, host, port = start(backend, cache)
        try:
            time.sleep(1.0)
            memory.append([backend, f"{rss_mb(proc.pid):.0f}"])
            body = {"model": "x", "messages": [{"role": "user", "content": QUESTION}]}
            call(host, port, "POST", "/v1/chat/completions", body)  # warm
            for clients in (1, 4, 16):
                rps, p50, p95, ok, n = load(host, port, clients, max(args.requests, clients), body)
                rows.append([backend, "extractive chat", clients, f"{rps:.1f}", f"{p50:.0f}", f"{p95:.0f}", f"{ok}/{n}"])
            generate = {"model": "x", "prompt": "The with statement", "max_tokens": args.tokens, "temperature": 0,
                        "ignore_eos": True}
            call(host, port, "POST", "/v1/completions", generate)  # warm, as the in-process run is
            t0 = time.perf_counter()
            status, result = call(host, port, "POST", "/v1/completions", generate)
            api_seconds = time.perf_counter() - t0
            api_rate = result["usage"]["completion_tokens"] / api_seconds
        finally:
            proc.send_signal(2)
            proc.wait(30)
        speed.append([backend, f"{api_rate:.1f}", f"{in_process_rate(backend, args.tokens):.1f}"])
    print(machine_line())
    print_table("serve: extractive /v1/chat/completions (shipped model, Python docs)",
                ["backend", "request", "clients", "req/s", "p50 ms", "p95 ms", "200s"], rows)
    print_table(f"generation, {args.tokens} tokens, greedy (tokens/s, wall clock incl. prompt)",
                ["backend", "through /v1/completions", "reference: in-process stream_text"], speed)
    print_table("idle server memory (RSS after start)", ["backend", "MB"], memory)


def in_process_rate(backend, tokens):
    sys.path.insert(0, ROOT)
    from neuraflux.core.backends import get_backend
    from neuraflux.core.defaults import default_model_path
    from neuraflux.core.generation import stream_text
    from neuraflux.core.sampling import SamplingOptions

    model = get_backend(backend).load_model(default_model_path())
    if hasattr(get_backend(backend), "set_threads") and get_backend(backend).supports_threads:
        get_backend(backend).set_threads(1)  # as the CLI does for small models
    # the server's defaults (the chat flags': top-k 40, top-p 0.95, repetition penalty 1.1), greedy
    options = SamplingOptions(temperature=0, max_new_tokens=tokens)
    list(stream_text(model, model.tokenizer, "The with statement", options, ignore_eos=True))  # warm
    from neuraflux.core.generation import GenerationStats

    stats = GenerationStats()
    t0 = time.perf_counter()
    list(stream_text(model, model.tokenizer, "The with statement", options, stats=stats, ignore_eos=True))
    return stats.new_tokens / (time.perf_counter() - t0)


if __name__ == "__main__":
    main()
