"""The transformer in PyTorch: NanoModel (embeddings -> pre-LN blocks -> final LN) and
NanoLMHead (dense -> GELU -> LayerNorm -> tied projection + bias). The reference
implementation both backends are held to; parameter names are core.weights' canonical list.
"""
import functools
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..core.weights import initial_value_kind, is_residual_projection

HAS_SDPA = hasattr(F, "scaled_dot_product_attention")


def causal_mask(tq, tk, device):
    """(tq, tk) bool mask for queries that are the last tq of tk positions; None when not needed."""
    if tq == 1:
        return None  # a single newest query may see every cached position
    return torch.ones(tq, tk, dtype=torch.bool, device=device).tril(diagonal=tk - tq)


@functools.lru_cache(maxsize=16)
def additive_causal_mask(tq, tk, device):
    """causal_mask as float32 to add to scores: 0 where a query may look, -inf elsewhere."""
    return torch.zeros(tq, tk, device=device).masked_fill(~causal_mask(tq, tk, device), float("-inf"))


def matmul_attention(q, k, v, causal):
    """Masked-softmax attention written as two batched matmuls, the scale and the causal mask
    folded into the first (baddbmm). q: (B, H, Tq, D), k/v: (B, H, Tk, D). Softmax runs in the
    scores' dtype (its CPU kernel accumulates bfloat16 in float32)."""
    batch, heads, tq, dim = q.shape
    q3, k3, v3 = (t.reshape(batch * heads, -1, dim) for t in (q, k, v))  # (B*H, T, D)
    scale = 1 / math.sqrt(dim)
    if causal and tq > 1:
        mask = additive_causal_mask(tq, k3.size(1), q.device).to(q3.dtype)
        scores = torch.baddbmm(mask, q3, k3.transpose(1, 2), alpha=scale)  # (B*H, Tq, Tk)
    else:
        scores = torch.bmm(q3, k3.transpose(1, 2)) * scale
    return torch.bmm(F.softmax(scores, dim=-1), v3).view(batch, heads, tq, dim)


def sdpa_attention(q, k, v, causal):
    """PyTorch's fused scaled_dot_product_attention (same result as matmul_attention)."""
    tq, tk = q.size(-2), k.size(-2)
    if causal and tq == tk and tq > 1:
        return F.scaled_dot_product_attention(q, k, v, is_causal=True)
    mask = causal_mask(tq, tk, q.device) if causal else None
    return F.scaled_dot_product_attention(q, k, v, attn_mask=mask)


def auto_attention(q, k, v, causal):
    """SDPA, except while training on CPU, where matmul_attention is faster: slightly in float32
    and about 6x under bfloat16 autocast, whose fused-kernel backward is slow on CPU
    (benchmarks/bench_train.py measures both)."""
    if not HAS_SDPA or (q.device.type == "cpu" and q.requires_grad):
        return matmul_attention(q, k, v, causal)
    return sdpa_attention(q, k, v, causal)


def _dropout(config):
    """Dropout, or a no-op module when the rate is 0 (saves a call per layer when decoding)."""
    return nn.Dropout(config.dropout) if config.dropout > 0 else nn.Identity()


class KVCache:
    """Per-layer keys and values preallocated to the context length. len() = positions held."""

    def __init__(self, config, batch, device, dtype):
        shape = (batch, config.num_heads, config.max_seq_len, config.head_dim)
        self.keys = [torch.zeros(shape, device=device, dtype=dtype) for _ in range(config.num_layers)]
        self.values = [torch.zeros(shape, device=device, dtype=dtype) for _ in range(config.num_layers)]
        self.length = 0

    def __len__(self):
        return self.length


class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention with a fused QKV projection; the attention kernel is
    swappable (`attention_fn`, auto_attention by default)."""

    def __init__(self, config):
        super().__init__()
        self.num_heads = config.num_heads
        self.qkv = nn.Linear(config.hidden_size, 3 * config.hidden_size)
        self.proj = nn.Linear(config.hidden_size, config.hidden_size)
        self.dropout = _dropout(config)
        self.attention_fn = auto_attention

    def forward(self, x, cache=None, layer=0, start=0):
        batch, seq, hidden = x.shape  # (batch, seq, hidden)
        qkv = self.qkv(x).view(batch, seq, 3, self.num_heads, hidden // self.num_heads)
        q, k, v = qkv.permute(2, 0, 3, 1, 4).unbind(0)  # each (batch, heads, seq, head_dim)
        if cache is not None:
            cache.keys[layer].narrow(2, start, seq).copy_(k)
            cache.values[layer].narrow(2, start, seq).copy_(v)
            k = cache.keys[layer].narrow(2, 0, start + seq)
            v = cache.values[layer].narrow(2, 0, start + seq)
        y = self.attention_fn(q, k, v, causal=True)  # (batch, heads, seq, head_dim)
        y = y.transpose(1, 2).reshape(batch, seq, hidden)
        return self.dropout(self.proj(y))


class MLP(nn.Module):
    """The feed-forward part: hidden -> intermediate -> GELU -> hidden."""

    def __init__(self, config):
        super().__init__()
        self.fc = nn.Linear(config.hidden_size, config.intermediate_size)
        self.proj = nn.Linear(config.intermediate_size, config.hidden_size)
        self.dropout = _dropout(config)
        self.approximate = "tanh" if config.activation == "gelu_tanh" else "none"

    def forward(self, x):
        return self.dropout(self.proj(F.gelu(self.fc(x), approximate=self.approximate)))


class Block(nn.Module):
    """Pre-LayerNorm transformer block with residual connections."""

    def __init__(self, config):
        super().__init__()
        self.ln1 = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.attn = CausalSelfAttention(config)
        self.ln2 = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.mlp = MLP(config)

    def forward(self, x, cache=None, layer=0, start=0):
        x = x + self.attn(self.ln1(x), cache, layer, start)
        return x + self.mlp(self.ln2(x))


class NanoLMHead(nn.Module):
    """Hidden states -> vocabulary logits: dense -> GELU -> LayerNorm -> projection (+ bias).

    The projection matrix is the token embedding when tied (it is passed in), else its own.
    """

    def __init__(self, config):
        super().__init__()
        self.transform = config.lm_head_transform
        if self.transform:
            self.dense = nn.Linear(config.hidden_size, config.hidden_size)
            self.ln = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        if not config.tie_embeddings:
            self.weight = nn.Parameter(torch.empty(config.vocab_size, config.hidden_size))
        self.bias = nn.Parameter(torch.zeros(config.vocab_size))

    def forward(self, hidden, tied_weight=None):
        if self.transform:
            hidden = self.ln(F.gelu(self.dense(hidden)))
        weight = tied_weight if tied_weight is not None else self.weight
        return F.linear(hidden, weight, self.bias)  # (batch, seq, vocab)


class NanoModel(nn.Module):
    """Decoder-only transformer with learned positions and a NanoLMHead."""

    def __init__(self, config):
        super().__init__()
        self.config = config
        self.tok_emb = nn.Embedding(config.vocab_size, config.hidden_size)
        self.pos_emb = nn.Embedding(config.max_seq_len, config.hidden_size)
        self.drop = _dropout(config)
        self.blocks = nn.ModuleList(Block(config) for _ in range(config.num_layers))
        self.ln_f = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.lm_head = NanoLMHead(config)
        self.reset_parameters()

    @torch.no_grad()
    def reset_parameters(self, generator=None):
        """GPT-2 initialisation: normal(0, initializer_range), residual projections scaled
        by 1/sqrt(2 * num_layers), biases zero, LayerNorm gains one."""
        std = self.config.initializer_range
        for name, param in self.named_parameters():
            kind = initial_value_kind(name)
            if kind == "zeros":
                param.zero_()
            elif kind == "ones":
                param.fill_(1.0)
            else:
                scale = 1 / math.sqrt(2 * self.config.num_layers) if is_residual_projection(name) else 1.0
                param.normal_(0.0, std * scale, generator=generator)

    def hidden(self, ids, cache=None, start=0):
        """Final hidden states (after ln_f). ids: (batch, seq) -> (batch, seq, hidden)."""
        seq = ids.size(1)
        if start + seq > self.config.max_seq_len:
            raise ValueError(f"sequence of {start + seq} tokens exceeds the context of {self.config.max_seq_len}")
        x = self.drop(self.tok_emb(ids) + self.pos_emb.weight[start:start + seq])  # (batch, seq, hidden)
        for layer, block in enumerate(self.blocks):
            x = block(x, cache, layer, start)
        return self.ln_f(x)

    def head(self, hidden):
        tied = self.tok_emb.weight if self.config.tie_embeddings else None
        return self.lm_head(hidden, tied)

    def forward(self, ids, targets=None):
        """ids: (batch, seq) -> logits (batch, seq, vocab) and, with targets, the mean loss."""
        logits = self.head(self.hidden(ids))
        if targets is None:
            return logits, None
        loss = F.cross_entropy(logits.float().view(-1, logits.size(-1)), targets.reshape(-1), ignore_index=-1)
        return logits, loss
