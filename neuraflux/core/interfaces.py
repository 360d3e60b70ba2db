"""The four interfaces every backend implements, and the Backend object itself.

Only the numeric part differs between backends: algorithms (tokenization, sampling, ranking,
prompt building) live once in core and call these interfaces.
"""
from typing import Iterable, Protocol, Sequence, runtime_checkable


@runtime_checkable
class Tokenizer(Protocol):
    """Text <-> token ids."""

    vocab_size: int

    def encode(self, text: str, allowed_special=...) -> list: ...
    def decode(self, ids: Sequence[int]) -> str: ...
    def encode_batch(self, texts: Iterable[str]) -> list: ...
    def token_to_id(self, token: str) -> int: ...
    def id_to_token(self, token_id: int) -> str: ...


@runtime_checkable
class Attention(Protocol):
    """Causal multi-head attention kernel: q (batch, heads, new, head_dim) against k/v
    (batch, heads, all, head_dim), new queries being the last positions. The torch backend
    swaps between SDPA and a plain masked softmax; the lite backend runs the same computation
    per head over its KV cache (`lite_backend.ops.attend`)."""

    def __call__(self, q, k, v, causal=True): ...


@runtime_checkable
class Model(Protocol):
    """A decoder-only language model of a NanoConfig.

    `logits(ids)` and `hidden_states(ids)` run a whole sequence; `prefill` and `decode_step`
    drive generation with a KV cache and return the next-token logits: a list of floats (lite)
    or a 1-D tensor-like with `.tolist()`, `.argmax()` and `.isfinite()` (torch, so greedy
    decoding never copies the vocabulary into Python). Core's sampling takes either.
    """

    config: object

    def logits(self, ids: Sequence[int]) -> list: ...
    def hidden_states(self, ids: Sequence[int]) -> list: ...
    def new_cache(self): ...
    def prefill(self, ids: Sequence[int], cache): ...
    def decode_step(self, token_id: int, cache): ...
    def embed(self, batch: Sequence[Sequence[int]]) -> list: ...


@runtime_checkable
class Retriever(Protocol):
    """Ranks stored chunks for a query."""

    def search(self, query: str, top_k: int = 10, mode: str = "auto") -> list: ...


class Backend:
    """A backend: its name, honest capability flags and the factories core calls.

    Subclasses implement `load_model`, `init_model` and `dense_scores`.
    """

    name = "abstract"
    supports_training = False
    supports_cuda = False
    supports_low_precision = False
    supports_threads = False  # set_threads() changes how many CPU threads the kernels use
    model_options = ()  # keyword options load_model/model_from_checkpoint accept (device, dtype, …)
    dense_rate = None  # multiply-adds/s of dense_scores when slow enough to warn about; None = fast

    @property
    def version(self):
        return None

    def details(self):
        """Facts for `neuraflux info` (e.g. {"version": ..., "kernel": ...})."""
        return {"version": self.version} if self.version else {}

    def set_threads(self, count):
        """Use `count` CPU threads for the kernels (only where `supports_threads`)."""
        raise NotImplementedError

    def default_threads(self, config):
        """The thread count that measures fastest for a model of `config` where the backend's
        own default does not (None: leave the backend's default)."""
        return None

    def load_model(self, path, **options):
        """A Model from a checkpoint folder."""
        raise NotImplementedError

    def model_from_checkpoint(self, checkpoint, **options):
        """A Model from an already loaded core Checkpoint."""
        raise NotImplementedError

    def load_encoder(self, path, **options):
        """A sentence encoder (BERT family, Hugging Face folder) with `embed(texts)` -> vectors."""
        raise NotImplementedError

    def init_model(self, config, seed=0):
        """A randomly initialised Model of `config`."""
        raise NotImplementedError

    def init_weights(self, config, seed=0):
        """Randomly initialised {canonical name: F32 Tensor} for `config` (GPT-2 scheme)."""
        from .init import init_tensors

        return init_tensors(config, seed)

    def dense_matrix(self, rows):
        """Rows of stored vectors in the form `dense_scores` is fastest with."""
        return rows

    def dense_scores(self, query_vector, matrix) -> list:
        """Dot products of one query vector with every row of `matrix`."""
        raise NotImplementedError

    def capabilities(self):
        return {"training": self.supports_training, "cuda": self.supports_cuda,
                "low_precision": self.supports_low_precision, "threads": self.supports_threads}

    def __repr__(self):
        return f"<neuraflux backend {self.name!r}>"

