"""The BERT encoder in torch: batched, padded with an attention mask, sorted by length."""
import torch
import torch.nn.functional as F
from torch import nn

from ..core.encoder import EncoderFiles
from .runtime import resolve_device, state_dict_from_tensors


class _Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        h, i = c.hidden_size, c.intermediate_size
        self.qkv, self.attn_out = nn.Linear(h, 3 * h), nn.Linear(h, h)  # one matmul for q, k and v
        self.attn_ln, self.ffn_ln = nn.LayerNorm(h, eps=c.layer_norm_eps), nn.LayerNorm(h, eps=c.layer_norm_eps)
        self.ffn_in, self.ffn_out = nn.Linear(h, i), nn.Linear(i, h)
        self.heads = c.num_heads

    def forward(self, x, mask):
        batch, length, width = x.shape

        def split(t):
            return t.view(batch, length, self.heads, width // self.heads).transpose(1, 2)

        q, k, v = self.qkv(x).split(width, dim=-1)
        context = F.scaled_dot_product_attention(split(q), split(k), split(v), attn_mask=mask)
        x = self.attn_ln(x + self.attn_out(context.transpose(1, 2).reshape(batch, length, width)))
        return self.ffn_ln(x + self.ffn_out(F.gelu(self.ffn_in(x))))


class BertModule(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.tok_emb = nn.Embedding(c.vocab_size, c.hidden_size)
        self.pos_emb = nn.Embedding(c.max_positions, c.hidden_size)
        self.type_emb = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.emb_ln = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.layers = nn.ModuleList(_Block(c) for _ in range(c.num_layers))

    def forward(self, ids, keep):
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.emb_ln(self.tok_emb(ids) + self.pos_emb(positions)[None] + self.type_emb.weight[0])
        mask = keep[:, None, None, :]  # (batch, 1, 1, keys): padding keys are never attended to
        for layer in self.layers:
            x = layer(x, mask)
        return x


def _load(module, tensors):
    state = state_dict_from_tensors(tensors)
    renamed = {}
    for name, value in state.items():
        target = name if name.endswith((".weight", ".bias")) else name + ".weight"
        renamed[target] = value
    for n in range(len(module.layers)):
        for kind in ("weight", "bias"):
            parts = [renamed.pop(f"layers.{n}.{p}.{kind}") for p in ("q", "k", "v")]
            renamed[f"layers.{n}.qkv.{kind}"] = torch.cat(parts)
    module.load_state_dict(renamed, strict=True)


class TorchEncoder:
    """Texts -> sentence vectors on torch (CPU or CUDA)."""

    def __init__(self, path, device="auto", batch_size=32):
        files = EncoderFiles(path)
        self.config, self.tokenizer, self.path = files.config, files.tokenizer, files.path
        self.identity = files.identity()
        self.device = resolve_device(device)
        self.module = BertModule(self.config)
        _load(self.module, files.tensors())
        self.module.to(self.device).eval()
        self.batch_size = batch_size

    @torch.inference_mode()
    def embed(self, texts, progress=None):
        encoded = [self.tokenizer.encode(t, self.config.max_length) for t in texts]
        order = sorted(range(len(encoded)), key=lambda i: -len(encoded[i]))  # little padding per batch
        vectors = [None] * len(encoded)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start:start + self.batch_size]
            width = len(encoded[chunk[0]])
            ids = torch.full((len(chunk), width), self.tokenizer.pad_id, dtype=torch.long)
            keep = torch.zeros((len(chunk), width), dtype=torch.bool)
            for row, i in enumerate(chunk):
                ids[row, :len(encoded[i])] = torch.tensor(encoded[i])
                keep[row, :len(encoded[i])] = True
            ids, keep = ids.to(self.device), keep.to(self.device)
            states = self.module(ids, keep).float()
            if self.config.pooling == "cls":
                pooled = states[:, 0]
            else:
                weights = keep.float()[..., None]
                pooled = (states * weights).sum(1) / weights.sum(1)
            if self.config.normalize:
                pooled = F.normalize(pooled, dim=-1)
            for row, vector in zip(chunk, pooled.cpu().tolist()):
                vectors[row] = vector
            if progress:
                progress(len(chunk))
        return vectors
