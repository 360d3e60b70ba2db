"""Sampling on a list of logits, shared by every backend.

Order of operations: repetition penalty -> temperature -> top-k -> top-p -> draw.
Temperature 0 means greedy (the first index of the largest logit).
"""
import dataclasses
import heapq
import math
import random

from .errors import ConfigError, GenerationError

NEG_INF = float("-inf")
POS_INF = float("inf")


@dataclasses.dataclass
class SamplingOptions:
    """How to pick each next token; every field is validated."""

    temperature: float = 0.8
    top_k: int = 40
    top_p: float = 0.95
    repetition_penalty: float = 1.1
    max_new_tokens: int = 128
    seed: int = None
    stop: tuple = ()

    def __post_init__(self):
        self.stop = tuple(self.stop or ())
        checks = [
            ("temperature", isinstance(self.temperature, (int, float)) and 0 <= self.temperature <= 100, "a number >= 0"),
            ("top_k", self.top_k is None or (isinstance(self.top_k, int) and self.top_k >= 0), "an integer >= 0 (0 = off)"),
            ("top_p", self.top_p is None or (isinstance(self.top_p, (int, float)) and 0 < self.top_p <= 1), "in (0, 1]"),
            ("repetition_penalty", isinstance(self.repetition_penalty, (int, float)) and self.repetition_penalty > 0, "> 0"),
            ("max_new_tokens", isinstance(self.max_new_tokens, int) and self.max_new_tokens >= 0, "an integer >= 0"),
            ("seed", self.seed is None or isinstance(self.seed, int), "an integer"),
        ]
        for name, ok, rule in checks:
            if not ok or isinstance(getattr(self, name), bool):
                raise ConfigError(f"sampling option {name!r} must be {rule}, got {getattr(self, name)!r}")

    def replace(self, **changes):
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise ConfigError(f"unknown sampling option {sorted(unknown)[0]!r}")
        return dataclasses.replace(self, **changes)

    @property
    def greedy(self):
        return self.temperature == 0


def apply_repetition_penalty(logits, previous_ids, penalty):
    """CTRL's penalty: divide positive logits of seen tokens by `penalty`, multiply negative ones."""
    if penalty == 1.0 or not previous_ids:
        return logits
    out = list(logits)
    for i in set(previous_ids):
        if 0 <= i < len(out):
            value = out[i]
            out[i] = value / penalty if value > 0 else value * penalty
    return out


def top_k_filter(logits, k):
    """Keep the k largest logits (ties broken by lower index); the rest become -inf."""
    if not k or k >= len(logits):
        return list(logits)
    keep = heapq.nsmallest(k, range(len(logits)), key=lambda i: (-logits[i], i))
    out = [NEG_INF] * len(logits)
    for i in keep:
        out[i] = logits[i]
    return out


def softmax(logits):
    top = max(logits)
    if top == NEG_INF:
        raise ConfigError("every candidate token was filtered out")
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    return [e / total for e in exps]


def top_p_filter(logits, p):
    """Keep the smallest set of most likely tokens whose probability reaches `p` (at least one)."""
    if p is None or p >= 1.0:
        return list(logits)
    probs = softmax(logits)
    order = sorted(range(len(logits)), key=lambda i: (-probs[i], i))
    out = [NEG_INF] * len(logits)
    cumulative = 0.0
    for i in order:
        out[i] = logits[i]
        cumulative += probs[i]
        if cumulative >= p:
            break
    return out


def argmax(values):
    """The first index of the largest value (NaN-free input: `check_finite` runs first)."""
    values = values if isinstance(values, list) else list(values)
    return values.index(max(values))


def check_finite(logits):
    """Raise GenerationError when logits hold NaN or +infinity, or nothing but -infinity (a
    damaged or diverged model): sampling would pick garbage, or fail deep inside `random`.
    -infinity alone is allowed: it is how a token is masked out."""
    if math.isfinite(sum(logits)):
        return
    bad = next((i for i, v in enumerate(logits) if v != v or v == POS_INF), None)
    if bad is not None:
        raise GenerationError(f"the model produced a non-finite logit ({logits[bad]} for token {bad}); "
                              "its weights are probably damaged (NaN or infinity in the checkpoint)")
    if max(logits) == NEG_INF:
        raise GenerationError("every token has probability zero (all logits are -infinity); "
                              "the model's weights are probably damaged")


def sample_next(logits, options, rng, previous_ids=()):
    """Pick the next token id from one position's logits."""
    check_finite(logits)
    logits = apply_repetition_penalty(logits, previous_ids, options.repetition_penalty)
    if options.greedy:
        return argmax(logits)
    # shift by the maximum before dividing: a tiny temperature (1e-320) then gives -inf for the
    # others and 0 for the best, never inf - inf
    top, temperature = max(logits), options.temperature
    logits = [(v - top) / temperature for v in logits]
    logits = top_k_filter(logits, options.top_k)
    logits = top_p_filter(logits, options.top_p)
    probs = softmax(logits)
    return rng.choices(range(len(probs)), weights=probs, k=1)[0]


def make_rng(seed):
    return random.Random(seed)


def pick_token(logits, options, rng, previous_ids=()):
    """`sample_next` for any logits: a list, or a tensor-like with .argmax()/.tolist().

    Plain greedy decoding takes the tensor's own argmax (the first maximal index, as `argmax`
    does) after its own `isfinite()` check, so the whole vocabulary is never copied into Python.
    """
    if options.greedy and options.repetition_penalty == 1.0 and hasattr(logits, "argmax"):
        if not logits.isfinite().all():
            check_finite(logits.tolist())
        return int(logits.argmax())
    if hasattr(logits, "tolist"):
        logits = logits.tolist()
    return sample_next(logits, options, rng, previous_ids)
