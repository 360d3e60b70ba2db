"""Training speed and quality: neuraflux's NanoModel vs Hugging Face `transformers`
GPT2LMHeadModel of the same shape, driven by the same loop (same batches, AdamW, warm-up +
cosine), single thread, nanoGPT's CPU "baby GPT" shape on Python's bundled docs, byte-level.

    python benchmarks/bench_train.py [--steps 300]
"""
import argparse
import math
import time

from common import machine_line, optional, print_table

from neuraflux.core.config import NanoConfig
from neuraflux.core.corpus import pydoc_text
from neuraflux.core.schedule import learning_rate
from neuraflux.core.tokenizers import ByteBPETokenizer

SHAPE = dict(layers=4, heads=4, hidden=128, block=64, batch=12)


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


def transformers_model(torch, vocab):
    transformers = optional("transformers")
    if transformers is None:
        return None, None
    config = transformers.GPT2Config(vocab_size=vocab, n_positions=SHAPE["block"], n_embd=SHAPE["hidden"],
                                     n_layer=SHAPE["layers"], n_head=SHAPE["heads"], resid_pdrop=0.0, embd_pdrop=0.0,
                                     attn_pdrop=0.0, activation_function="gelu")
    torch.manual_seed(0)
    model = transformers.GPT2LMHeadModel(config)

    def loss(x, y):
        logits = model(input_ids=x).logits
        return torch.nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), y.reshape(-1))
    return model, loss


def train(torch, model, loss_fn, train_batches, val_batches, steps, eval_at):
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and "emb" not in n and "wte" not in n and "wpe" not in n]
    other = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and "emb" not in n and "wte" not in n and "wpe" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": other, "weight_decay": 0.0}],
                            lr=1e-3, betas=(0.9, 0.99))
    model.train()
    val_losses, train_seconds = {}, 0.0
    for step in range(steps):
        start = time.perf_counter()
        for group in opt.param_groups:
            group["lr"] = learning_rate(step, 1e-3, 1e-4, 100, steps)
        x, y = train_batches[step]
        loss = loss_fn(x, y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        train_seconds += time.perf_counter() - start
        if step + 1 in eval_at:
            model.eval()
            with torch.no_grad():
                val_losses[step + 1] = sum(loss_fn(vx, vy).item() for vx, vy in val_batches) / len(val_batches)
            model.train()
    return train_seconds, val_losses


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=300)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(1)
    print(machine_line(), f"torch {torch.__version__}, 1 thread")
    train_data, val_data, vocab = byte_level_data(torch)
    train_batches = batches(torch, train_data, args.steps, 1, SHAPE["block"], SHAPE["batch"])
    val_batches = batches(torch, val_data, 20, 2, SHAPE["block"], SHAPE["batch"])
    eval_at = [s for s in (100, 200, 300) if s <= args.steps] or [args.steps]
    tokens = args.steps * SHAPE["block"] * SHAPE["batch"]
    rows = []
    for name, factory in (("neuraflux NanoModel", neuraflux_model), ("transformers GPT2LMHeadModel", transformers_model)):
        model, loss_fn = factory(torch, vocab)
        if model is None:
            rows.append([name, "not installed"] + [""] * (2 + len(eval_at)))
            continue
        seconds, val = train(torch, model, loss_fn, train_batches, val_batches, args.steps, eval_at)
        params = sum(p.numel() for p in model.parameters())
        rows.append([name, f"{params / 1e6:.3f}M", f"{1000 * seconds / args.steps:.1f}", f"{tokens / seconds:,.0f}"]
                    + [f"{val[s]:.4f}" for s in eval_at])
    print_table(f"{args.steps} steps, batch {SHAPE['batch']} x block {SHAPE['block']}, byte-level vocab {vocab}",
                ["model", "params", "ms/step", "tokens/s"] + [f"val loss @{s}" for s in eval_at], rows)
    if len(rows) == 2 and rows[1][1] != "not installed":
        print(f"\nneuraflux / transformers tokens/s: "
              f"{float(rows[0][3].replace(',', '')) / float(rows[1][3].replace(',', '')):.2f}x")


if __name__ == "__main__":
    main()
