"""Numeric kernels on lists of floats, standard library only.

The hot path is the matrix-vector product. The default kernel does one C call per row through
the polarization identity  w.x = |x|^2/2 + |w|^2/2 - dist(x, w)^2/2  with `math.dist` and the
per-row constant |w|^2/2 + bias precomputed (130-150 M multiply-adds/s on CPython 3.11-3.13).
It adds an absolute error of about 2.2e-16 * (|x|^2 + |w|^2) per product, far below float32
rounding; inputs whose squared norm exceeds DIST_GUARD fall back to an exact-order kernel.
Exact kernels: `math.sumprod` on 3.12+, `sum(map(mul))` before. $NEURAFLUX_LITE_KERNEL forces
one of dist|sumprod|summap|loops (for benchmarks and tests).
"""
import math
import operator
import os
from itertools import islice, repeat

dist, erf, exp, hypot, sqrt = math.dist, math.erf, math.exp, math.hypot, math.sqrt
HAS_SUMPROD = hasattr(math, "sumprod")
DIST_GUARD = 1e8
INV_SQRT2 = 1.0 / math.sqrt(2.0)
SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
KERNELS = ("dist", "sumprod", "summap", "loops")


def exact_kernel_name():
    return "sumprod" if HAS_SUMPROD else "summap"


def default_kernel_name():
    name = os.environ.get("NEURAFLUX_LITE_KERNEL", "dist")
    if name not in KERNELS or (name == "sumprod" and not HAS_SUMPROD):
        return "dist"
    return name


def _dot_summap(a, b):
    return sum(map(operator.mul, a, b))


def _dot_loops(a, b):
    total = 0.0
    for x, y in zip(a, b):
        total += x * y
    return total


_DOT = {"summap": _dot_summap, "loops": _dot_loops}
if HAS_SUMPROD:
    _DOT["sumprod"] = math.sumprod


def sq_norm(x):
    """|x|^2 through math.hypot (one C call, within a few ulps; fsum of squares is 10x slower)."""
    norm = hypot(*x)
    return norm * norm


def half_sq_norm(x):
    return 0.5 * sq_norm(x)


class Linear:
    """y = W x + b with W stored as a tuple of row tuples (out_features rows of in_features)."""

    __slots__ = ("rows", "bias", "consts", "kernel", "dot")

    def __init__(self, rows, bias, kernel="dist"):
        self.rows = rows
        self.bias = list(bias) if bias is not None else [0.0] * len(rows)
        self.kernel = kernel
        self.dot = _DOT.get(kernel if kernel != "dist" else exact_kernel_name())
        # |w|^2 / 2 + b, so one dist() call per row gives the output directly
        self.consts = [half_sq_norm(r) + b for r, b in zip(rows, self.bias)] if kernel == "dist" else None

    def __call__(self, x):
        return self._product(x, self.rows, self.consts, self.bias)

    def part(self, x, lo, hi):
        """Outputs lo..hi-1 (the share of the rows one process computes)."""
        consts = islice(self.consts, lo, hi) if self.consts is not None else None
        return self._product(x, islice(self.rows, lo, hi), consts, islice(self.bias, lo, hi))

    def _product(self, x, rows, consts, bias):
        if self.kernel == "dist":
            x = tuple(x)
            hx = half_sq_norm(x)
            if hx < DIST_GUARD:
                return [hx + c - 0.5 * d * d for c, d in zip(consts, map(dist, repeat(x), rows))]
        dot = self.dot
        return [dot(row, x) + b for row, b in zip(rows, bias)]


def layer_norm(x, gain, bias, eps):
    n = len(x)
    mean = math.fsum(x) / n
    centred = [v - mean for v in x]
    inv = 1.0 / sqrt(sq_norm(centred) / n + eps)
    return [v * inv * g + b for v, g, b in zip(centred, gain, bias)]


def gelu(x):
    """Exact GELU (erf form), as torch.nn.functional.gelu's default."""
    return [0.5 * v * (1.0 + erf(v * INV_SQRT2)) for v in x]


def gelu_tanh(x):
    """GELU's tanh approximation (GPT-2's "gelu_new"), as gelu(approximate="tanh")."""
    tanh = math.tanh
    return [0.5 * v * (1.0 + tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v))) for v in x]


ACTIVATIONS = {"gelu": gelu, "gelu_tanh": gelu_tanh}


def softmax(x):
    top = max(x)
    exps = [exp(v - top) for v in x]
    inv = 1.0 / math.fsum(exps)
    return [e * inv for e in exps]


def mean_pooled(states):
    """The mean of a sequence's hidden states, L2-normalised (what `embed` returns)."""
    mean = [math.fsum(col) / len(states) for col in zip(*states)]
    norm = math.sqrt(math.fsum([v * v for v in mean])) or 1.0
    return [v / norm for v in mean]


def add(a, b):
    return [x + y for x, y in zip(a, b)]


class HeadCache:
    """One head's keys (tuples, with |k|^2/2) and values kept transposed (columns, with |col|^2/2)."""

    __slots__ = ("keys", "key_half_norms", "columns", "column_half_norms")

    def __init__(self, head_dim):
        self.keys = []
        self.key_half_norms = []
        self.columns = [[] for _ in range(head_dim)]
        self.column_half_norms = [0.0] * head_dim

    def append(self, key, value):
        self.keys.append(key)
        self.key_half_norms.append(half_sq_norm(key))
        half = self.column_half_norms
        for j, (col, v) in enumerate(zip(self.columns, value)):
            col.append(v)
            half[j] += 0.5 * v * v

    def truncate(self, length):
        """Keep the first `length` positions (the running sums are re-added in the same order)."""
        if len(self.keys) <= length:
            return
        del self.keys[length:], self.key_half_norms[length:]
        for col in self.columns:
            del col[length:]
        half = [0.0] * len(self.columns)
        for j, col in enumerate(self.columns):
            for v in col:
                half[j] += 0.5 * v * v
        self.column_half_norms = half


def attend(query, cache, scale, kernel="dist"):
    """Causal attention of one query over every cached position of one head."""
    if kernel == "dist":
        # q.k = |q|^2/2 + |k|^2/2 - dist^2/2; the |q|^2/2 term shifts every score alike, which
        # softmax ignores, and the normalising sum divides the weighted values at the end
        scores = [hk - 0.5 * d * d for hk, d in zip(cache.key_half_norms, map(dist, repeat(query), cache.keys))]
        top = max(scores)
        weights = tuple([exp((s - top) * scale) for s in scores])
        inv = 1.0 / math.fsum(weights)
        hw = half_sq_norm(weights)
        return [(hw + hc - 0.5 * d * d) * inv
                for hc, d in zip(cache.column_half_norms, map(dist, repeat(weights), cache.columns))]
    dot = _DOT[kernel if kernel in _DOT else exact_kernel_name()]
    probs = softmax([dot(query, k) * scale for k in cache.keys])
    return [dot(probs, col) for col in cache.columns]


def attend_heads(q, k, v, caches, position, head_dim, scale, kernel="dist"):
    """Attention outputs of consecutive heads: `q`, `k`, `v` hold their query, key and value rows
    one head after another; each head's key and value are stored at `position` of its HeadCache in
    `caches` (cut back first if it holds more). None when a cache lacks earlier positions."""
    out = []
    for j, cache in enumerate(caches):
        cache.truncate(position)
        if len(cache.keys) != position:
            return None
        s = j * head_dim
        cache.append(tuple(k[s:s + head_dim]), v[s:s + head_dim])
        out.extend(attend(tuple(q[s:s + head_dim]), cache, scale, kernel))
    return out
