"""The NanoModel forward pass in pure Python: the same checkpoint, the same logits as torch.

Weights are rows of Python floats inside tuples: about 32 bytes per parameter (a pointer and a
float object each), or about 8 when the checkpoint was stored in float16/bfloat16/int8 or loaded
with `compact=True`, because equal values then share one float object.
Generation runs one token at a time over a per-head KV cache; the prompt goes through the same
step, skipping the vocabulary projection for all but its last token.
"""
import math
import struct
import weakref

from ..core.checkpoint import load_checkpoint
from ..core.errors import GenerationError
from . import ops, workers

_INTERN_LIMIT = 70_000  # stop sharing float objects once a tensor has this many distinct values
_SAMPLE = 8192  # values looked at to tell a float32 tensor (nearly all distinct) from a float16 one


class SharedFloats:
    """Shares float objects between equal values while there are few distinct ones.

    With `compact=True` every weight is first rounded to float16, so there are always few
    distinct values: about 8 bytes per parameter instead of 32, no longer bit-exact with torch.
    """

    def __init__(self, compact=False):
        self.table = {}
        self.active = True
        self.compact = compact

    def rows(self, values, num_rows, num_cols):
        if self.compact:
            values = struct.unpack(f"<{len(values)}e", struct.pack(f"<{len(values)}e", *values))
        if self.compact or (self.active and not _nearly_all_distinct(values)):
            get = self.table.setdefault
            values = [get(v, v) for v in values]
            if len(self.table) > _INTERN_LIMIT and not self.compact:
                self.active, self.table = False, {}
        return tuple(tuple(values[r * num_cols:(r + 1) * num_cols]) for r in range(num_rows))


def _nearly_all_distinct(values):
    """True for a float32 tensor, whose values are nearly all distinct (a float16 one repeats
    about a third of a sample this size): interning it would only point rows at scattered
    earlier objects, and reading scattered memory is slow. Small tensors are always shared."""
    return len(values) >= _SAMPLE and len(set(values[:_SAMPLE])) > 0.9 * _SAMPLE


class LiteCache:
    """KV cache: per layer, per key/value head (`num_heads`, the config's by default), a
    HeadCache. len() = positions held. With helpers sharing the attention, only this process's
    heads are here and the rest in the helpers (`filled_by`); the tokens let the model rebuild it
    alone when they are gone."""

    def __init__(self, config, num_heads=None):
        self.shape = (config.num_layers, num_heads or config.num_heads, config.head_dim)
        self.filled_by = None  # the RowWorkers holding the other heads, None when all are here
        self.number = workers.cache_number()
        self.reset()

    def reset(self):
        layers, heads, head_dim = self.shape
        self.heads = [[ops.HeadCache(head_dim) for _ in range(heads)] for _ in range(layers)]
        self.length = 0
        self.tokens = []

    def __len__(self):
        return self.length


class _Layer:
    __slots__ = ("ln1", "qkv", "proj", "ln2", "fc", "out")


class StepModel:
    """The Model interface for a pure-Python model that advances one position at a time:
    subclasses give `_step(token, cache)` (final hidden state), `_head(hidden)` (logits),
    `new_cache()` and `_linear_slots()`, whose Linears helper processes may share (`processes`:
    how many processes compute each product; None = workers.default_processes)."""

    processes = None
    workers = None  # RowWorkers once started, False when the model runs in one process

    def _linear_slots(self):
        """(owner, attribute name) of every Linear the forward pass calls."""
        return []

    def _attention_plan(self, slots):
        """A workers.AttentionPlan when helpers can attend for some heads too (None: products only)."""
        return None

    def _share_rows(self):
        """At the first step: fork helpers for the matrix products where that pays (see workers)."""
        self.workers = False
        slots = self._linear_slots()
        linears = [getattr(owner, name) for owner, name in slots]
        macs = sum(len(linear.rows) * len(linear.rows[0]) for linear in linears if linear.rows)
        processes = self.processes or workers.default_processes(macs)
        if processes > 1 and workers.can_fork():
            self.workers = workers.RowWorkers(linears, processes, self._attention_plan(slots))
            for index, (owner, name) in enumerate(slots):
                setattr(owner, name, workers.SharedLinear(self.workers, index))

    def close(self):
        """Retire the helper processes (they also end with this process)."""
        if self.workers:
            self.workers.close()

    def prefill(self, ids, cache):
        if not ids:
            raise GenerationError("empty token sequence")
        if self.workers is None:
            self._share_rows()
        for token_id in ids[:-1]:
            self._step(token_id, cache)
        return self._head(self._step(ids[-1], cache))

    def decode_step(self, token_id, cache):
        if self.workers is None:
            self._share_rows()
        return self._head(self._step(token_id, cache))

    def hidden_states(self, ids):
        if self.workers is None:
            self._share_rows()
        cache = self.new_cache()
        return [self._step(t, cache) for t in ids]

    def logits(self, ids):
        return [self._head(h) for h in self.hidden_states(ids)]

    def embed(self, batch):
        """Mean-pooled, L2-normalised final hidden states, one vector per id list."""
        return [ops.mean_pooled(self.hidden_states(list(ids[:self.config.max_seq_len]) or [0])) for ids in batch]


class LiteModel(StepModel):
    """Model interface in pure Python (inference only)."""

    backend_name = "lite"

    def __init__(self, config, tensors, tokenizer=None, kernel=None, path=None, compact=False, processes=None):
        self.config = config
        self.processes = processes
        self.tokenizer = tokenizer
        self.path = path
        self.kernel = kernel or ops.default_kernel_name()
        self.activation = ops.ACTIVATIONS[config.activation]
        interner = SharedFloats(compact)

        def vector(name):
            return tensors[name].tolist()

        def linear(prefix):
            weight = tensors[prefix + ".weight"]
            rows = interner.rows(weight.tolist(), *weight.shape)
            return ops.Linear(rows, vector(prefix + ".bias"), self.kernel)

        def norm(prefix):
            return vector(prefix + ".weight"), vector(prefix + ".bias")

        emb = tensors["tok_emb.weight"]
        self.tok_rows = interner.rows(emb.tolist(), *emb.shape)
        pos = tensors["pos_emb.weight"]
        self.pos_rows = interner.rows(pos.tolist(), *pos.shape)
        self.layers = []
        for i in range(config.num_layers):
            layer, p = _Layer(), f"blocks.{i}."
            layer.ln1, layer.ln2 = norm(p + "ln1"), norm(p + "ln2")
            layer.qkv, layer.proj = linear(p + "attn.qkv"), linear(p + "attn.proj")
            layer.fc, layer.out = linear(p + "mlp.fc"), linear(p + "mlp.proj")
            self.layers.append(layer)
        self.ln_f = norm("ln_f")
        if config.lm_head_transform:
            self.head_dense = linear("lm_head.dense")
            self.head_ln = norm("lm_head.ln")
        if config.tie_embeddings:
            self.head = ops.Linear(self.tok_rows, vector("lm_head.bias"), self.kernel)
        else:
            self.head = linear("lm_head")

    # -- the forward pass -------------------------------------------------------------------
    def _check(self, token_id):
        if not 0 <= token_id < self.config.vocab_size:
            raise GenerationError(f"token id {token_id} is outside the model's vocabulary ({self.config.vocab_size})")

    def _step(self, token_id, cache):
        """One position through every block; returns its final hidden state (after ln_f)."""
        config = self.config
        position = cache.length
        if position >= config.max_seq_len:
            raise GenerationError(f"sequence exceeds the context of {config.max_seq_len} tokens")
        self._check(token_id)
        pool = self.workers if self.workers and self.workers.plan and self.workers.active else None
        if cache.filled_by is not pool:
            self._adopt(cache, pool)
        try:
            return self._forward(token_id, cache, cache.length, cache.filled_by)
        except workers.SharedStateLost:  # the helpers are retired now: the cache is rebuilt here
            return self._step(token_id, cache)

    def _adopt(self, cache, pool):
        """Makes `cache` fit the way this model now attends: a new cache starts sharing its heads
        with the helpers (which drop their part once it is freed); a cache whose other heads were
        in helpers that are gone is rebuilt here from its tokens; one filled here stays here."""
        if not cache.tokens:
            cache.reset()  # (heads a step interrupted before its end may have appended to)
            cache.filled_by = pool
            if pool is not None:
                weakref.finalize(cache, pool.forget, cache.number)
        elif cache.filled_by is not None:
            tokens = cache.tokens
            cache.reset()
            cache.filled_by = None
            for token in tokens:
                self._forward(token, cache, cache.length, None)

    def _forward(self, token_id, cache, position, pool):
        """The step itself; `pool`: the RowWorkers attending for the other heads, or None."""
        config = self.config
        hidden, head_dim, eps = config.hidden_size, config.head_dim, config.layer_norm_eps
        scale = 1.0 / math.sqrt(head_dim)
        x = ops.add(self.tok_rows[token_id], self.pos_rows[position])  # (hidden,)
        for index, (layer, head_caches) in enumerate(zip(self.layers, cache.heads)):
            normed = ops.layer_norm(x, *layer.ln1, eps)
            if pool is not None:
                attended = pool.attention(index, normed, head_caches, cache.number, position)
            else:
                qkv = layer.qkv(normed)  # (3 * hidden,)
                attended = ops.attend_heads(qkv[:hidden], qkv[hidden:2 * hidden], qkv[2 * hidden:], head_caches,
                                            position, head_dim, scale, self.kernel)
            x = ops.add(x, layer.proj(attended))
            x = ops.add(x, layer.out(self.activation(layer.fc(ops.layer_norm(x, *layer.ln2, eps)))))
        cache.length += 1
        cache.tokens.append(token_id)
        return ops.layer_norm(x, *self.ln_f, eps)

    def _head(self, hidden):
        if self.config.lm_head_transform:
            hidden = ops.layer_norm(ops.gelu(self.head_dense(hidden)), *self.head_ln, self.config.layer_norm_eps)
        return self.head(hidden)

    def _attention_plan(self, slots):
        qkv = tuple(slots.index((layer, "qkv")) for layer in self.layers)
        head_dim = self.config.head_dim
        return workers.AttentionPlan(qkv, self.config.num_heads, head_dim, 1.0 / math.sqrt(head_dim), self.kernel)

    def _linear_slots(self):
        slots = [(layer, name) for layer in self.layers for name in ("qkv", "proj", "fc", "out")]
        if self.config.lm_head_transform:
            slots.append((self, "head_dense"))
        return slots + [(self, "head")]

    # -- the Model interface (the rest comes from StepModel) -----------------------------------
    def new_cache(self):
        return LiteCache(self.config)

    def num_parameters(self, include_embeddings=True):
        return self.config.num_parameters(include_embeddings)


def model_from_checkpoint(checkpoint, kernel=None, compact=False, processes=None, **options):
    """`compact=True`: weights rounded to float16 and shared (8 instead of 32 bytes/parameter);
    `processes`: how many processes share each matrix product (None: see workers).
    torch-only options (device, dtype, compile) are ignored: the lite backend runs on the CPU."""
    return LiteModel(checkpoint.config, checkpoint.tensors, checkpoint.tokenizer, kernel=kernel,
                     path=checkpoint.path, compact=compact, processes=processes)


def load_model(path, **options):
    return model_from_checkpoint(load_checkpoint(path), **options)
