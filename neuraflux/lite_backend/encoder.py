"""The BERT encoder in pure Python: one text at a time, with the lite kernels."""
import array
import math
import sys

from ..core.encoder import EncoderFiles, pool
from . import ops
from .model import SharedFloats


class _Block:
    __slots__ = ("qkv", "attn_out", "attn_ln", "ffn_in", "ffn_out", "ffn_ln")


class LiteEncoder:
    """Texts -> sentence vectors in the standard library (fine for queries; slow for corpora)."""

    def __init__(self, path, kernel=None):
        files = EncoderFiles(path)
        self.config, self.tokenizer, self.path = files.config, files.tokenizer, files.path
        self.identity = files.identity()
        kernel = self.kernel = kernel or ops.default_kernel_name()
        raw = files.tensors()
        c = self.config
        # the word embeddings (half the parameters) stay packed floats; a text reads only its rows
        self.tok_table = array.array("f", raw.pop("tok_emb").data)
        if sys.byteorder == "big":
            self.tok_table.byteswap()
        tensors = {name: t.tolist() for name, t in raw.items()}
        interner = SharedFloats()

        def rows(name, cols):
            values = tensors[name]
            return interner.rows(values, len(values) // cols, cols)

        self.pos_rows = rows("pos_emb", c.hidden_size)
        self.type_row = tensors["type_emb"][:c.hidden_size]
        self.emb_ln = (tensors["emb_ln.weight"], tensors["emb_ln.bias"])
        self.blocks = []
        for n in range(c.num_layers):
            p, b = f"layers.{n}.", _Block()
            qkv_rows = sum((rows(p + part + ".weight", c.hidden_size) for part in ("q", "k", "v")), ())
            b.qkv = ops.Linear(qkv_rows, tensors[p + "q.bias"] + tensors[p + "k.bias"] + tensors[p + "v.bias"], kernel)
            b.attn_out = ops.Linear(rows(p + "attn_out.weight", c.hidden_size), tensors[p + "attn_out.bias"], kernel)
            b.ffn_in = ops.Linear(rows(p + "ffn_in.weight", c.hidden_size), tensors[p + "ffn_in.bias"], kernel)
            b.ffn_out = ops.Linear(rows(p + "ffn_out.weight", c.intermediate_size), tensors[p + "ffn_out.bias"], kernel)
            b.attn_ln = (tensors[p + "attn_ln.weight"], tensors[p + "attn_ln.bias"])
            b.ffn_ln = (tensors[p + "ffn_ln.weight"], tensors[p + "ffn_ln.bias"])
            self.blocks.append(b)

    def states(self, ids):
        """Final hidden states of one id sequence (full bidirectional attention)."""
        c = self.config
        eps, width, heads, dim = c.layer_norm_eps, c.hidden_size, c.num_heads, c.head_dim
        scale = 1.0 / math.sqrt(dim)
        table = self.tok_table
        xs = [ops.layer_norm([a + b + t for a, b, t in zip(table[i * width:(i + 1) * width], self.pos_rows[p],
                                                          self.type_row)], *self.emb_ln, eps) for p, i in enumerate(ids)]
        for b in self.blocks:
            qkv = [b.qkv(x) for x in xs]
            mixed = [[] for _ in xs]
            for h in range(heads):
                lo = h * dim
                cache = ops.HeadCache(dim)  # every position sees every other: fill it, then attend
                for row in qkv:
                    cache.append(tuple(row[width + lo:width + lo + dim]), row[2 * width + lo:2 * width + lo + dim])
                for t, row in enumerate(qkv):
                    mixed[t].extend(ops.attend(row[lo:lo + dim], cache, scale, self.kernel))
            xs = [ops.layer_norm(ops.add(x, b.attn_out(m)), *b.attn_ln, eps) for x, m in zip(xs, mixed)]
            xs = [ops.layer_norm(ops.add(x, b.ffn_out(ops.gelu(b.ffn_in(x)))), *b.ffn_ln, eps) for x in xs]
        return xs

    def embed(self, texts, progress=None):
        vectors = []
        for text in texts:
            ids = self.tokenizer.encode(text, self.config.max_length)
            vectors.append(pool(self.states(ids), len(ids), self.config))
            if progress:
                progress(1)
        return vectors

