"""Training speed and quality: neuraflux's NanoModel vs Hugging Face `transformers`
GPT2LMHeadModel of the same shape, driven by the same loop (same batches, the trainer's AdamW,
warm-up + cosine, clipping), single thread, nanoGPT's CPU "baby GPT" shape on Python's bundled
docs, byte-level. Run in float32 and under bfloat16 autocast (`neuraflux train --dtype
bfloat16`); transformers is measured with its default attention (SDPA) and with "eager".

    python benchmarks/bench_train.py [--steps 300] [--dtype float32|bfloat16|both]
"""
import argparse
import contextlib
import statistics
import time

from common import machine_line, optional, print_table

from neuraflux.core.config import NanoConfig
from neuraflux.core.corpus import pydoc_text
from neuraflux.core.schedule import learning_rate
from neuraflux.core.tokenizers import ByteBPETokenizer

SHAPE = dict(layers=4, heads=4, hidden=128, block=64, batch=12)
LR, MIN_LR, WARMUP = 1e-3, 1e-4, 100


def byte_level_data(torch):
    tok = ByteBPETokenizer([], None)  # no merges: ids are bytes, plus the special tokens
    ids = tok.encode(pydoc_text())
    data = torch.tensor(ids, dtype=torch.long)
    cut = int(len(data) * 0.9)
    return data[:cut], data[cut:], tok.vocab_size


def batches(torch, data, count, seed, block, batch):
    g = torch.Generator().manual_seed(seed)
    out = []
    for _ in range(count):
        ix = torch.randint(len(data) - block - 1, (batch,), generator=g)
        out.append((torch.stack([data[i:i + block] for i in ix]), torch.stack([data[i + 1:i + 1 + block] for i in ix])))
    return out


def neuraflux_model(torch, vocab):
    from neuraflux.torch_backend.model import NanoModel

    config = NanoConfig(vocab_size=vocab, hidden_size=SHAPE["hidden"], num_layers=SHAPE["layers"],
                        num_heads=SHAPE["heads"], intermediate_size=4 * SHAPE["hidden"], max_seq_len=SHAPE["block"],
                        lm_head_transform=False)
    torch.manual_seed(0)
    model = NanoModel(config)
    return model, lambda x, y: model(x, y)[1]


def transformers_model(torch, vocab, attention):
    transformers = optional("transformers")
    if transformers is None:
        return None, None
    config = transformers.GPT2Config(vocab_size=vocab, n_positions=SHAPE["block"], n_embd=SHAPE["hidden"],
                                     n_layer=SHAPE["layers"], n_head=SHAPE["heads"], resid_pdrop=0.0, embd_pdrop=0.0,
                                     attn_pdrop=0.0, activation_function="gelu",
                                     bos_token_id=None, eos_token_id=None)
    if attention:
        config._attn_implementation = attention
    torch.manual_seed(0)
    model = transformers.GPT2LMHeadModel(config)

    def loss(x, y):
        logits = model(input_ids=x).logits
        return torch.nn.functional.cross_entropy(logits.float().view(-1, logits.size(-1)), y.reshape(-1))
    return model, loss


def is_decayed(name, param):
    return param.dim() >= 2 and not any(part in name for part in ("emb", "wte", "wpe"))


def train(torch, model, loss_fn, train_batches, val_batches, steps, eval_at, dtype, on_eval=None):
    from neuraflux.torch_backend.train import make_optimizer

    named = list(model.named_parameters())
    opt = make_optimizer([{"params": [p for n, p in named if is_decayed(n, p)], "weight_decay": 0.1},
                          {"params": [p for n, p in named if not is_decayed(n, p)], "weight_decay": 0.0}],
                         LR, (0.9, 0.99))

    def autocast():
        if dtype == "float32":
            return contextlib.nullcontext()
        return torch.autocast("cpu", dtype=torch.bfloat16)

    model.train()
    val_losses, step_seconds = {}, []
    for step in range(steps):
        start = time.perf_counter()
        for group in opt.param_groups:
            group["lr"] = learning_rate(step, LR, MIN_LR, WARMUP, steps)
        x, y = train_batches[step]
        with autocast():
            loss = loss_fn(x, y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        step_seconds.append(time.perf_counter() - start)
        if step + 1 in eval_at:
            model.eval()
            with torch.no_grad(), autocast():
                val_losses[step + 1] = sum(loss_fn(vx, vy).item() for vx, vy in val_batches) / len(val_batches)
            if on_eval is not None:
                on_eval(step + 1)
            model.train()
    return statistics.median(step_seconds), val_losses


def run_dtype(torch, dtype, data, steps, eval_at):
    train_batches, val_batches, vocab = data
    tokens_per_step = SHAPE["block"] * SHAPE["batch"]
    systems = (("neuraflux NanoModel", lambda: neuraflux_model(torch, vocab)),
               ("transformers GPT2LMHeadModel (default: sdpa)", lambda: transformers_model(torch, vocab, None)),
               ("transformers GPT2LMHeadModel (eager)", lambda: transformers_model(torch, vocab, "eager")))
    rows, speeds = [], []
    for name, factory in systems:
        model, loss_fn = factory()
        if model is None:
            rows.append([name, "not installed"] + [""] * (2 + len(eval_at)))
            continue
        seconds, val = train(torch, model, loss_fn, train_batches, val_batches, steps, eval_at, dtype)
        speeds.append(tokens_per_step / seconds)
        params = sum(p.numel() for p in model.parameters())
        rows.append([name, f"{params / 1e6:.3f}M", f"{1000 * seconds:.1f}", f"{tokens_per_step / seconds:,.0f}"]
                    + [f"{val[s]:.4f}" for s in eval_at])
    print_table(f"{dtype}: {steps} steps, batch {SHAPE['batch']} x block {SHAPE['block']}, byte-level vocab {vocab}",
                ["model", "params", "median ms/step", "tokens/s"] + [f"val loss @{s}" for s in eval_at], rows)
    if len(speeds) == 3:
        print(f"\nneuraflux tokens/s vs transformers, {dtype}: {speeds[0] / speeds[1]:.2f}x (default attention), "
              f"{speeds[0] / speeds[2]:.2f}x (eager)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--dtype", choices=("float32", "bfloat16", "both"), default="both")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(1)
    print(machine_line(), f"torch {torch.__version__}, 1 thread")
    train_data, val_data, vocab = byte_level_data(torch)
    data = (batches(torch, train_data, args.steps, 1, SHAPE["block"], SHAPE["batch"]),
            batches(torch, val_data, 20, 2, SHAPE["block"], SHAPE["batch"]), vocab)
    eval_at = [s for s in (100, 200, 300) if s <= args.steps] or [args.steps]
    for dtype in (("float32", "bfloat16") if args.dtype == "both" else (args.dtype,)):
        run_dtype(torch, dtype, data, args.steps, eval_at)


if __name__ == "__main__":
    main()
