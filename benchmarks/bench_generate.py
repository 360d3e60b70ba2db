"""Greedy decode speed of the torch backend vs Hugging Face `transformers` GPT-2 (same shape,
random weights, one thread): neuraflux with its KV cache, neuraflux recomputing the whole
sequence each token, and GPT2LMHeadModel.generate(use_cache=True).

    python benchmarks/bench_generate.py [--tokens 200]
"""
import argparse
import time

from common import machine_line, optional, print_table

from neuraflux.core.backends import get_backend
from neuraflux.core.config import NanoConfig
from neuraflux.core.generation import generate_ids
from neuraflux.core.sampling import SamplingOptions

SHAPES = {
    "small (L4 H4 d128 ctx256 V65)": NanoConfig(vocab_size=65, hidden_size=128, num_layers=4, num_heads=4,
                                                 intermediate_size=512, max_seq_len=256, lm_head_transform=False),
    "seed default (L6 H6 d384 ctx512 V10000)": NanoConfig(lm_head_transform=False),
}


def tokens_per_second(func, tokens):
    start = time.perf_counter()
    produced = func()
    elapsed = time.perf_counter() - start
    assert produced == tokens, (produced, tokens)
    return tokens / elapsed


def neuraflux_cached(model, prompt, tokens):
    options = SamplingOptions(temperature=0, max_new_tokens=tokens, repetition_penalty=1.0)
    return len(list(generate_ids(model, prompt, options)))


def neuraflux_uncached(model, prompt, tokens):
    import torch

    sequence = list(prompt)
    for _ in range(tokens):
        logits = model.logits_tensor(sequence[-model.config.max_seq_len:])
        sequence.append(int(torch.argmax(logits[-1])))
    return len(sequence) - len(prompt)


def hf_generate(config, prompt, tokens):
    import torch
    transformers = optional("transformers")
    if transformers is None:
        return None
    hf_config = transformers.GPT2Config(vocab_size=config.vocab_size, n_positions=config.max_seq_len,
                                        n_embd=config.hidden_size, n_layer=config.num_layers, n_head=config.num_heads,
                                        n_inner=config.intermediate_size, activation_function="gelu",
                                        resid_pdrop=0, embd_pdrop=0, attn_pdrop=0)
    model = transformers.GPT2LMHeadModel(hf_config).eval()
    ids = torch.tensor([prompt])
    mask = torch.ones_like(ids)

    def run():
        with torch.inference_mode():
            out = model.generate(ids, attention_mask=mask, max_new_tokens=tokens, min_new_tokens=tokens,
                                 do_sample=False, use_cache=True, pad_token_id=0)
        return out.shape[1] - len(prompt)
    run()  # warm-up
    return run


def main():
    import torch

    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=200)
    args = parser.parse_args()
    torch.set_num_threads(1)
    print(machine_line(), f"torch {torch.__version__}, 1 thread")
    backend = get_backend("torch")
    rows = []
    for name, config in SHAPES.items():
        model = backend.init_model(config, seed=0)
        prompt = [1, 2, 3]
        neuraflux_cached(model, prompt, 5)  # warm-up
        cached = tokens_per_second(lambda: neuraflux_cached(model, prompt, args.tokens), args.tokens)
        uncached = tokens_per_second(lambda: neuraflux_uncached(model, prompt, args.tokens), args.tokens)
        hf_run = hf_generate(config, prompt, args.tokens)
        hf = tokens_per_second(hf_run, args.tokens) if hf_run else None
        rows.append([name, f"{config.num_parameters() / 1e6:.2f}M", f"{cached:.0f}", f"{uncached:.0f}",
                     f"{hf:.0f}" if hf else "not installed", f"{cached / hf:.2f}x" if hf else "-"])
    print_table(f"greedy decode, {args.tokens} new tokens, tokens/s (wall), one thread",
                ["shape", "params", "neuraflux KV cache", "neuraflux no cache", "transformers generate(use_cache)",
                 "neuraflux / transformers"], rows)


if __name__ == "__main__":
    main()
