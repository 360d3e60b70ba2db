"""Llama-family models in pure Python: the arithmetic of torch_backend/llama.py on lists of
floats (RMSNorm, rotary positions, grouped-query attention, SwiGLU, tied or separate output),
behind the same Model interface, so core's generation loop drives both.

Weights are rows of Python floats shared between equal values where a tensor has few distinct
ones (see model.SharedFloats); `compact=True` rounds them to float16 first, about 8 bytes per
parameter instead of 32 (a 135M model then needs ~1.1 GB), no longer bit-exact with torch.
"""
import math
import os

from ..core.errors import GenerationError
from ..core.gguf import GGUFFile
from ..core.llama import read_llama_folder, read_llama_gguf
from ..core.progress import Progress
from . import ops
from .model import LiteCache, SharedFloats, StepModel


PROGRESS_PARAMETERS = 20_000_000  # models this large show a loading line with rate and ETA


class _Block:
    __slots__ = ("attn_norm", "q", "k", "v", "o", "ffn_norm", "gate", "up", "down")


def rms_norm(x, weight, eps):
    inv = 1.0 / math.sqrt(ops.sq_norm(x) / len(x) + eps)
    return [v * inv * w for v, w in zip(x, weight)]


def silu_product(gate, up):
    """silu(gate) * up, elementwise (SwiGLU)."""
    exp = math.exp
    return [(g / (1.0 + exp(-g)) if g > -700.0 else 0.0) * u for g, u in zip(gate, up)]


class LiteLlama(StepModel):
    """A Llama-family model (`load`: GGUF file, Hugging Face folder, converted checkpoint)."""

    backend_name = "lite"

    def __init__(self, source, compact=False, kernel=None):
        self.config, self.tokenizer, self.chat_template = source.config, source.tokenizer, source.chat_template
        self.path, self.interleaved_rope = source.path, source.interleaved_rope
        self.kernel = kernel or ops.default_kernel_name()
        interner = SharedFloats(compact)
        parameters = self.config.num_parameters()
        # pure-Python loading runs at a few million weights a second: say so for real models
        meter = Progress("loading weights", total=parameters / 1e6, unit="M weights",
                         enabled=parameters >= PROGRESS_PARAMETERS)

        def rows(name):
            tensor = source.tensor(name)
            out = interner.rows(tensor.tolist(), *tensor.shape)
            meter.update(len(out) * tensor.shape[-1] / 1e6)
            return out

        def linear(name):
            return ops.Linear(rows(name), None, self.kernel)

        def vector(name):
            return source.tensor(name).tolist()

        c = self.config
        self.embeddings = rows("token_embd.weight")
        self.blocks = []
        for i in range(c.num_layers):
            block, p = _Block(), f"blk.{i}."
            block.attn_norm, block.ffn_norm = vector(p + "attn_norm.weight"), vector(p + "ffn_norm.weight")
            block.q, block.k, block.v = linear(p + "attn_q.weight"), linear(p + "attn_k.weight"), linear(p + "attn_v.weight")
            block.o = linear(p + "attn_output.weight")
            block.gate, block.up = linear(p + "ffn_gate.weight"), linear(p + "ffn_up.weight")
            block.down = linear(p + "ffn_down.weight")
            self.blocks.append(block)
        self.output_norm = vector("output_norm.weight")
        self.output = ops.Linear(self.embeddings if c.tied_embeddings else rows("output.weight"), None, self.kernel)
        meter.close()
        self.inverse_frequencies = c.inverse_frequencies()
        self._angles = {}

    @classmethod
    def load(cls, path, compact=False, kernel=None):
        """From a GGUF file, a Hugging Face folder or a converted checkpoint."""
        if os.path.isdir(path):
            return cls(read_llama_folder(path), compact, kernel)
        with GGUFFile(path) as gguf:
            return cls(read_llama_gguf(gguf), compact, kernel)

    # -- pieces -------------------------------------------------------------------------------
    def _rotation(self, position):
        """(cos, sin) per frequency at `position` (cached)."""
        if position not in self._angles:
            angles = [position * f for f in self.inverse_frequencies]
            self._angles[position] = ([math.cos(a) for a in angles], [math.sin(a) for a in angles])
        return self._angles[position]

    def _rope(self, x, position):
        """One head's vector rotated: adjacent pairs (GGUF rows) or the two halves (HF rows)."""
        cos, sin = self._rotation(position)
        if self.interleaved_rope:
            out = []
            for i, (c, s) in enumerate(zip(cos, sin)):
                a, b = x[2 * i], x[2 * i + 1]
                out += (a * c - b * s, a * s + b * c)
            return out
        half = len(cos)
        a, b = x[:half], x[half:]
        return ([u * c - v * s for u, v, c, s in zip(a, b, cos, sin)]
                + [u * s + v * c for u, v, c, s in zip(a, b, cos, sin)])

    def _step(self, token_id, cache):
        """One position through every block; its final hidden state (after the output norm)."""
        c = self.config
        position = cache.length
        if position >= c.max_seq_len:
            raise GenerationError(f"sequence exceeds the context of {c.max_seq_len} tokens")
        if not 0 <= token_id < c.vocab_size:
            raise GenerationError(f"token id {token_id} is outside the model's vocabulary ({c.vocab_size})")
        d, eps, group = c.head_dim, c.rms_eps, c.num_heads // c.num_kv_heads
        scale = 1.0 / math.sqrt(d)
        x = list(self.embeddings[token_id])
        for block, head_caches in zip(self.blocks, cache.heads):
            h = rms_norm(x, block.attn_norm, eps)
            q, k, v = block.q(h), block.k(h), block.v(h)
            for j, head_cache in enumerate(head_caches):
                head_cache.append(tuple(self._rope(k[j * d:(j + 1) * d], position)), v[j * d:(j + 1) * d])
            attended = []
            for j in range(c.num_heads):
                query = tuple(self._rope(q[j * d:(j + 1) * d], position))
                attended.extend(ops.attend(query, head_caches[j // group], scale, self.kernel))
            x = ops.add(x, block.o(attended))
            h = rms_norm(x, block.ffn_norm, eps)
            x = ops.add(x, block.down(silu_product(block.gate(h), block.up(h))))
        cache.length += 1
        return rms_norm(x, self.output_norm, eps)

    def _head(self, hidden):
        return self.output(hidden)

    def _linear_slots(self):
        names = ("q", "k", "v", "o", "gate", "up", "down")
        return [(block, name) for block in self.blocks for name in names] + [(self, "output")]

    # -- the Model interface (the rest comes from StepModel) -------------------------------------
    def new_cache(self):
        return LiteCache(self.config, self.config.num_kv_heads)  # one per key/value head
