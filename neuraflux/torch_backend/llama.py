"""Llama-family models in torch: RMSNorm, rotary positions on GGUF's interleaved
Q/K rows, grouped-query attention, SwiGLU, tied or separate output; the Model interface (KV cache,
prefill, decode_step) that core's generation loop drives."""
import os

import torch
import torch.nn.functional as F

from ..core.errors import CheckpointError, GenerationError
from ..core.gguf import GGUFFile
from ..core.llama import read_llama_folder, read_llama_gguf
from .gguf import dequantize
from .runtime import resolve_device


class LlamaCache:
    def __init__(self, config, device, dtype):
        shape = (1, config.num_kv_heads, config.max_seq_len, config.head_dim)
        self.keys = [torch.zeros(shape, device=device, dtype=dtype) for _ in range(config.num_layers)]
        self.values = [torch.zeros(shape, device=device, dtype=dtype) for _ in range(config.num_layers)]
        self.length = 0

    def __len__(self):
        return self.length


COMPUTE_DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16,
                  "int8": torch.float32}  # int8: int8 weights, float32 elsewhere
INT8_DECODE_ROWS = 4  # up to this many positions at once use the int8 kernel; longer prompts dequantize


def _int8_rows(matrix):
    """(int8 matrix, bfloat16 scale per row): symmetric per-row quantization."""
    scale = (matrix.float().abs().amax(dim=1) / 127.0).clamp(min=1e-12)
    return (matrix.float() / scale[:, None]).round().clamp(-127, 127).to(torch.int8), scale.to(torch.bfloat16)


def _sdpa_takes_gqa():
    """Whether scaled_dot_product_attention shares key/value heads itself (torch >= 2.5)."""
    try:
        q, kv = torch.zeros(1, 2, 1, 2), torch.zeros(1, 1, 1, 2)
        F.scaled_dot_product_attention(q, kv, kv, enable_gqa=True)
        return True
    except TypeError:
        return False


class TorchLlama:
    """A Llama-family model on torch (`load`: GGUF file, Hugging Face folder, converted
    checkpoint); weights by GGUF name, dequantized to float32 (or `dtype`)."""

    def __init__(self, config, weights, tokenizer=None, chat_template=None, path=None, device="auto",
                 dtype="float32"):
        self.config, self.tokenizer, self.chat_template, self.path = config, tokenizer, chat_template, path
        self.device = resolve_device(device)
        if dtype not in COMPUTE_DTYPES:
            raise CheckpointError(f"compute dtype {dtype!r} is not one of {', '.join(COMPUTE_DTYPES)}")
        self.int8 = dtype == "int8"
        if self.int8 and not hasattr(torch, "_weight_int8pack_mm"):
            raise CheckpointError(f"int8 decoding needs torch's int8 weight kernel, which torch {torch.__version__} "
                                  "lacks; use --dtype float32 or bfloat16")
        self.dtype = COMPUTE_DTYPES[dtype]
        self.w = {name: value.to(self.device, self.dtype) for name, value in weights.items()
                  if not (self.int8 and value.dim() == 2)}
        # int8: each matrix as int8 rows and a bfloat16 scale per row (a quarter of float32's bytes:
        # decoding one token reads every weight once, so it runs at memory speed)
        self.q8 = {name: _int8_rows(value.to(self.device)) for name, value in weights.items()
                   if self.int8 and value.dim() == 2}
        self.interleaved_rope = config.interleaved_rope
        c = self.config
        inv = torch.tensor(c.inverse_frequencies(), dtype=torch.float64)
        angles = torch.arange(c.max_seq_len, dtype=torch.float64)[:, None] * inv[None, :]
        self.cos = angles.cos().to(self.device, torch.float32)
        self.sin = angles.sin().to(self.device, torch.float32)
        self.output_name = "output.weight" if "output.weight" in weights else "token_embd.weight"
        self.gqa_in_sdpa = _sdpa_takes_gqa()

    @classmethod
    def load(cls, path, device="auto", dtype="float32"):
        """From a GGUF file (dequantized here, vectorised), a Hugging Face folder or a converted
        checkpoint."""
        from .runtime import float_tensors

        if not os.path.isdir(path):
            with GGUFFile(path) as gguf:
                source = read_llama_gguf(gguf)
                weights = {}
                for name in source.names:
                    info = gguf.info(name)
                    weights[name] = dequantize(info.type_name, gguf.raw(name), info.shape)
            return cls.from_source(source, weights, device, dtype)
        source = read_llama_folder(path)
        # a converted checkpoint's float16/int8 tensors go straight into torch
        stored = source.stored if source.stored is not None else {name: source.tensor(name) for name in source.names}
        return cls.from_source(source, float_tensors(stored), device, dtype)

    @classmethod
    def from_source(cls, source, weights, device="auto", dtype="float32"):
        return cls(source.config, weights, source.tokenizer, source.chat_template, source.path, device, dtype)

    # -- pieces -------------------------------------------------------------------------------
    def _linear(self, x, name):
        """x @ W.T for the matrix `name` (int8 rows: the int8 kernel for a few positions, else
        dequantized to bfloat16 for one matmul)."""
        if name not in self.q8:
            return x @ self.w[name].T
        weight, scale = self.q8[name]
        rows = x.reshape(-1, x.shape[-1]).to(torch.bfloat16)
        if rows.shape[0] <= INT8_DECODE_ROWS:
            out = torch._weight_int8pack_mm(rows, weight, scale)
        else:
            out = rows @ (weight.to(torch.bfloat16) * scale[:, None]).T
        return out.to(x.dtype).reshape(*x.shape[:-1], -1)

    def _embed(self, tokens):
        if "token_embd.weight" not in self.q8:
            return F.embedding(tokens, self.w["token_embd.weight"])
        weight, scale = self.q8["token_embd.weight"]
        return weight[tokens].float() * scale[tokens].float()[..., None]

    def _norm(self, x, weight):
        x32 = x.float()
        return (x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + self.config.rms_eps)).to(x.dtype) * weight

    def _rope(self, x, start):
        """Rotate each head's vector (x: batch, heads, seq, head_dim): adjacent pairs for GGUF's
        permuted rows, or the two halves for Hugging Face's."""
        seq = x.shape[2]
        cos, sin = self.cos[start:start + seq], self.sin[start:start + seq]
        x32 = x.float()
        if self.interleaved_rope:
            pairs = x32.reshape(*x.shape[:-1], -1, 2)
            a, b = pairs[..., 0], pairs[..., 1]
            return torch.stack((a * cos - b * sin, a * sin + b * cos), dim=-1).flatten(-2).to(x.dtype)
        a, b = x32.chunk(2, dim=-1)
        return torch.cat((a * cos - b * sin, a * sin + b * cos), dim=-1).to(x.dtype)

    @torch.inference_mode()
    def _forward(self, ids, cache):
        """Hidden states (after the final norm) of `ids` appended at the cache's position."""
        c, start = self.config, cache.length
        if start + len(ids) > c.max_seq_len:
            raise GenerationError(f"sequence exceeds the context of {c.max_seq_len} tokens")
        tokens = torch.tensor([ids], device=self.device)
        x = self._embed(tokens)
        n, group = len(ids), c.num_heads // c.num_kv_heads
        for i in range(c.num_layers):
            p = f"blk.{i}."
            h = self._norm(x, self.w[p + "attn_norm.weight"])
            q = self._linear(h, p + "attn_q.weight").view(1, n, c.num_heads, c.head_dim).transpose(1, 2)
            k = self._linear(h, p + "attn_k.weight").view(1, n, c.num_kv_heads, c.head_dim).transpose(1, 2)
            v = self._linear(h, p + "attn_v.weight").view(1, n, c.num_kv_heads, c.head_dim).transpose(1, 2)
            q, k = self._rope(q, start), self._rope(k, start)
            cache.keys[i][:, :, start:start + n] = k
            cache.values[i][:, :, start:start + n] = v
            keys, values = cache.keys[i][:, :, :start + n], cache.values[i][:, :, :start + n]
            if not self.gqa_in_sdpa:
                keys, values = keys.repeat_interleave(group, dim=1), values.repeat_interleave(group, dim=1)
            mask = None
            if n > 1:  # new positions see the cache and the new positions before them
                mask = torch.ones(n, start + n, dtype=torch.bool, device=self.device).tril(diagonal=start)
            attended = F.scaled_dot_product_attention(q, keys, values, attn_mask=mask,
                                                      **({"enable_gqa": True} if self.gqa_in_sdpa else {}))
            x = x + self._linear(attended.transpose(1, 2).reshape(1, n, c.hidden_size), p + "attn_output.weight")
            h = self._norm(x, self.w[p + "ffn_norm.weight"])
            gated = F.silu(self._linear(h, p + "ffn_gate.weight")) * self._linear(h, p + "ffn_up.weight")
            x = x + self._linear(gated, p + "ffn_down.weight")
        cache.length += n
        return self._norm(x, self.w["output_norm.weight"])[0]

    def _head(self, hidden):
        return self._linear(hidden, self.output_name).float()

    # -- the Model interface -------------------------------------------------------------------
    def new_cache(self):
        return LlamaCache(self.config, self.device, self.dtype)

    def prefill(self, ids, cache):
        return self._head(self._forward(list(ids), cache)[-1])

    def decode_step(self, token_id, cache):
        return self._head(self._forward([token_id], cache)[-1])

    def extend(self, ids, cache):
        """Several new tokens in one pass; the logits after each (see TorchModel.extend)."""
        return list(self._head(self._forward(list(ids), cache)))

    def logits(self, ids):
        return self._head(self._forward(list(ids), self.new_cache())).tolist()

    def hidden_states(self, ids):
        return self._forward(list(ids), self.new_cache()).float().tolist()

    def embed(self, batch):
        """Mean-pooled, L2-normalised final hidden states, one vector per id list."""
        out = []
        for ids in batch:
            mean = self._forward(list(ids[:self.config.max_seq_len]) or [0], self.new_cache()).float().mean(dim=0)
            out.append(F.normalize(mean, dim=0).tolist())
        return out
