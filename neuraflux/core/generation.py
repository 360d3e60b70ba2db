"""The generation loop, shared by both backends.

A backend's Model supplies `new_cache()`, `prefill(ids, cache)` and `decode_step(id, cache)`,
each returning next-token logits: a list of floats, or a 1-D tensor-like object with
`.tolist()`, `.argmax()` and `.isfinite()` (the torch backend, so greedy decoding never copies the whole
vocabulary into Python). This module does the rest: context limits, sampling, EOS and stop
strings, and streaming text without splitting UTF-8 characters.
"""
import logging
import time

from .errors import GenerationError
from .sampling import SamplingOptions, make_rng, pick_token

log = logging.getLogger(__name__)


def fit_prompt(ids, max_seq_len, notice=None):
    """Keep the most recent tokens of a prompt so at least one new token fits."""
    limit = max_seq_len - 1
    if len(ids) > limit:
        if notice:
            notice(f"prompt of {len(ids)} tokens is longer than the context ({max_seq_len}); "
                   f"keeping the last {limit}")
        return list(ids[-limit:])
    return list(ids)


def slide_window(max_seq_len):
    """Tokens kept when generation fills the context: three quarters of it."""
    return max(1, max_seq_len - max_seq_len // 4)


def generate_ids(model, prompt_ids, options=None, eos_id=None, notice=None):
    """Yield new token ids one at a time (a generator: stop iterating to stop generating).

    With the KV cache full, the most recent `slide_window` tokens are re-encoded and
    generation continues, so output length is never limited by the context.
    """
    options = options or SamplingOptions()
    if not prompt_ids:
        raise GenerationError("the prompt is empty; give at least one token")
    max_len = model.config.max_seq_len
    history = fit_prompt(prompt_ids, max_len, notice)
    rng = make_rng(options.seed)
    cache = model.new_cache()
    logits = model.prefill(history, cache)
    for produced in range(1, options.max_new_tokens + 1):
        token = pick_token(logits, options, rng, history)
        history.append(token)
        yield token
        if (eos_id is not None and token == eos_id) or produced == options.max_new_tokens:
            return  # no forward pass for logits nobody will read
        if len(cache) >= max_len:
            cache = model.new_cache()
            logits = model.prefill(history[-slide_window(max_len):], cache)
        else:
            logits = model.decode_step(token, cache)


class GenerationStats:
    """Counts and timing of one generation, for --verbose and --json output."""

    def __init__(self, prompt_tokens=0):
        self.prompt_tokens = prompt_tokens
        self.new_tokens = 0
        self.token_ids = []  # every id generated (EOS included), as the model produced them
        self.start = time.perf_counter()
        self.first_token_time = None
        self.end = None

    def token(self, token_id=None):
        if self.first_token_time is None:
            self.first_token_time = time.perf_counter()
        self.new_tokens += 1
        if token_id is not None:
            self.token_ids.append(token_id)

    def finish(self):
        self.end = time.perf_counter()

    @property
    def seconds(self):
        return (self.end or time.perf_counter()) - self.start

    @property
    def tokens_per_second(self):
        """Decode rate: tokens after the first over the time since the first."""
        end = self.end or time.perf_counter()
        if self.new_tokens > 1 and self.first_token_time is not None and end > self.first_token_time:
            return (self.new_tokens - 1) / (end - self.first_token_time)
        return self.new_tokens / self.seconds if self.seconds > 0 else 0.0


def with_bos(tokenizer, ids):
    """`ids` led by the tokenizer's BOS token when it uses one (neuraflux's always do; pretrained
    ones say so with `add_bos`) and it is not there yet."""
    bos = tokenizer.bos_id
    if bos is None or not getattr(tokenizer, "add_bos", True) or (ids and ids[0] == bos):
        return list(ids)
    return [bos] + list(ids)


def stream_text(model, tokenizer, prompt, options=None, notice=None, stats=None, allowed_special="all",
                ignore_eos=False):
    """Yield text pieces of the continuation of `prompt`, complete characters only.

    Stops at EOS, after `max_new_tokens`, or before the first stop string (which is not shown;
    text that could be the start of a stop string is held back until it is decided).
    """
    options = options or SamplingOptions()
    ids = tokenizer.encode(prompt, allowed_special=allowed_special) if isinstance(prompt, str) else list(prompt)
    ids = with_bos(tokenizer, ids)
    if stats is not None:
        stats.prompt_tokens = len(ids)
    decoder = tokenizer.stream_decoder()
    eos = None if ignore_eos else tokenizer.eos_id
    pending = ""
    stops = [s for s in options.stop if s]
    stopped = False
    for token in generate_ids(model, ids, options, eos_id=eos, notice=notice):
        if stats is not None:
            stats.token(token)
        if token == eos:
            break
        pending += decoder.push(token)
        if stops:
            cut = _find_stop(pending, stops)
            if cut is not None:
                pending, stopped = pending[:cut], True
                break
            safe = len(pending) - _held_back(pending, stops)
            if safe > 0:
                yield pending[:safe]
                pending = pending[safe:]
        elif pending:
            yield pending
            pending = ""
    if not stopped:
        pending += decoder.flush()
    if stats is not None:
        stats.finish()
    if pending:
        yield pending


def without_leading_space(pieces):
    """The text stream `pieces` without the whitespace before its first visible character: a
    word piece carries the space before its word (" The"), which an answer does not start with.
    Closing the returned stream closes `pieces`."""
    started = False
    try:
        for piece in pieces:
            if not started:
                piece = piece.lstrip()
                if not piece:
                    continue
                started = True
            yield piece
    finally:
        close = getattr(pieces, "close", None)
        if close is not None:
            close()


def _find_stop(text, stops):
    positions = [text.find(s) for s in stops]
    positions = [p for p in positions if p >= 0]
    return min(positions) if positions else None


def _held_back(text, stops):
    """Length of the longest suffix of `text` that is a proper prefix of a stop string."""
    longest = 0
    for s in stops:
        for n in range(min(len(s) - 1, len(text)), 0, -1):
            if text.endswith(s[:n]):
                longest = max(longest, n)
                break
    return longest


def generate_text(model, tokenizer, prompt, options=None, notice=None):
    """The whole continuation as one string, with its GenerationStats."""
    stats = GenerationStats()
    text = "".join(stream_text(model, tokenizer, prompt, options, notice=notice, stats=stats))
    return text, stats
