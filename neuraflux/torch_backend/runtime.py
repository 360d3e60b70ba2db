"""The torch backend's Model: a NanoModel plus device/precision handling, the KV-cache
prefill/decode steps core's generation loop drives, and mean-pooled embeddings."""
import contextlib
import ctypes
import warnings

import torch
import torch.nn.functional as F

from ..core.checkpoint import load_checkpoint, save_checkpoint
from ..core.errors import CheckpointError, GenerationError, NeuraFluxError
from ..core.safetensors import Tensor
from ..core.weights import weight_shapes
from .model import KVCache, NanoModel

AUTOCAST_DTYPES = {"float32": None, "bfloat16": torch.bfloat16, "float16": torch.float16}


def resolve_device(device="auto"):
    if device in (None, "auto"):
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if device == "cuda" and not torch.cuda.is_available():
        raise NeuraFluxError("--device cuda was asked for, but CUDA is not available on this machine")
    if device not in ("cpu", "cuda") and not str(device).startswith("cuda:"):
        raise NeuraFluxError(f"unknown device {device!r}; choose auto, cpu or cuda")
    return torch.device(device)


def state_dict_from_tensors(tensors):
    """Core float32 Tensors -> {name: torch.Tensor} viewing their bytes (no copy; callers copy
    them into parameters and never write to these views)."""
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # frombuffer warns that `bytes` is not writable
        for name, t in tensors.items():
            if t.dtype != "F32":
                raise CheckpointError(f"tensor {name!r} must be float32 after loading, got {t.dtype}")
            out[name] = torch.frombuffer(t.data, dtype=torch.float32).reshape(t.shape) if t.data else \
                torch.zeros(t.shape)
    return out


TORCH_DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "I8": torch.int8}


def float_tensors(stored):
    """Stored core Tensors (F32, F16, BF16, or I8 with an F32 `name.scale` per row) ->
    {name: float32 torch.Tensor}, converted in torch (no per-value Python work)."""
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # frombuffer warns that `bytes` is not writable
        for name, t in stored.items():
            if name.endswith(".scale") and name[:-len(".scale")] in stored:
                continue
            if t.dtype not in TORCH_DTYPES:
                raise CheckpointError(f"tensor {name!r} is stored as {t.dtype}, which neuraflux does not read")
            value = torch.frombuffer(bytearray(t.data), dtype=TORCH_DTYPES[t.dtype]).reshape(t.shape).float() \
                if t.data else torch.zeros(t.shape)
            if t.dtype == "I8":
                scale = stored.get(name + ".scale")
                if scale is None or scale.dtype != "F32" or tuple(scale.shape) != (t.shape[0],):
                    raise CheckpointError(f"int8 tensor {name!r} needs an F32 {name + '.scale'!r} of shape [{t.shape[0]}]")
                value = value * torch.frombuffer(bytearray(scale.data), dtype=torch.float32)[:, None]
            out[name] = value
    return out


def tensors_from_module(module):
    """{canonical name: core Tensor (F32)} of a NanoModel's parameters."""
    out = {}
    params = dict(module.named_parameters())
    for name, shape in weight_shapes(module.config).items():
        value = params[name].detach().to("cpu", torch.float32).contiguous()
        # one memory copy of the tensor's bytes: bytes(untyped_storage()) walks them element by
        # element in Python (~4 s for 65,536 floats, against well under a millisecond here)
        out[name] = Tensor("F32", tuple(shape), ctypes.string_at(value.data_ptr(), value.numel() * value.element_size()))
    return out


def load_state(module, state):
    """Load {name: tensor} into a NanoModel, naming any missing/extra/misshapen tensor."""
    params = dict(module.named_parameters())
    for name in state:
        if name not in params:
            raise CheckpointError(f"unexpected tensor {name!r}")
    for name, param in params.items():
        if name not in state:
            raise CheckpointError(f"missing tensor {name!r}")
        if tuple(state[name].shape) != tuple(param.shape):
            raise CheckpointError(f"tensor {name!r} has shape {list(state[name].shape)}, expected {list(param.shape)}")
    with torch.no_grad():
        for name, param in params.items():
            param.copy_(state[name])


class TorchModel:
    """Model interface over a NanoModel; all public methods run under inference_mode."""

    backend_name = "torch"

    def __init__(self, module, tokenizer=None, device="auto", dtype="float32", compile=False, path=None):
        self.device = resolve_device(device)
        if dtype not in AUTOCAST_DTYPES:
            hint = " (int8 decoding is for pretrained Llama-family models)" if dtype == "int8" else ""
            raise NeuraFluxError(f"unknown dtype {dtype!r}; choose float32, bfloat16 or float16{hint}")
        self.autocast_dtype = AUTOCAST_DTYPES[dtype]
        self.module = module.to(self.device).eval()
        self.config = module.config
        self.tokenizer = tokenizer
        self.path = path
        self._forward = torch.compile(self.module) if compile else self.module

    def _autocast(self):
        if self.autocast_dtype is None:
            return contextlib.nullcontext()
        return torch.autocast(self.device.type, dtype=self.autocast_dtype)

    def _ids(self, ids):
        ids = list(ids)
        if not ids:
            raise GenerationError("empty token sequence")
        if len(ids) > self.config.max_seq_len:
            raise GenerationError(f"{len(ids)} tokens exceed the model's context of {self.config.max_seq_len}")
        bad = [i for i in ids if not 0 <= i < self.config.vocab_size]
        if bad:
            raise GenerationError(f"token id {bad[0]} is outside the model's vocabulary ({self.config.vocab_size})")
        return torch.tensor([ids], dtype=torch.long, device=self.device)

    @torch.inference_mode()
    def logits(self, ids):
        """Logits at every position: list of `len(ids)` lists of vocab_size floats."""
        with self._autocast():
            out, _ = self._forward(self._ids(ids))
        return out[0].float().cpu().tolist()

    @torch.inference_mode()
    def logits_tensor(self, ids):
        with self._autocast():
            out, _ = self._forward(self._ids(ids))
        return out[0].float()

    @torch.inference_mode()
    def hidden_states(self, ids):
        with self._autocast():
            return self.module.hidden(self._ids(ids))[0].float().cpu().tolist()

    def new_cache(self):
        dtype = self.autocast_dtype or torch.float32
        return KVCache(self.config, 1, self.device, dtype)

    @torch.inference_mode()
    def prefill(self, ids, cache):
        """Run the prompt through in one pass, filling the cache; logits of the last position
        as a 1-D tensor (core reads it through .argmax() / .tolist())."""
        x = self._ids(ids)
        with self._autocast():
            hidden = self.module.hidden(x, cache, start=0)
            cache.length = x.size(1)
            return self.module.head(hidden[:, -1]).float()[0]

    @torch.inference_mode()
    def decode_step(self, token_id, cache):
        """One new token through the model, reusing cached keys/values."""
        if cache.length >= self.config.max_seq_len:
            raise GenerationError("the KV cache is full; start a new cache")
        x = torch.tensor([[token_id]], dtype=torch.long, device=self.device)
        with self._autocast():
            hidden = self.module.hidden(x, cache, start=cache.length)
            cache.length += 1
            return self.module.head(hidden[:, -1]).float()[0]

    @torch.inference_mode()
    def extend(self, ids, cache):
        """Several new tokens through the model in one pass, reusing the cache; the logits after
        each of them (a list of 1-D tensors). The caller may cut `cache.length` back."""
        if cache.length + len(ids) > self.config.max_seq_len:
            raise GenerationError("the KV cache is full; start a new cache")
        x = self._ids(ids)
        with self._autocast():
            hidden = self.module.hidden(x, cache, start=cache.length)
            cache.length += len(ids)
            return list(self.module.head(hidden[0]).float())

    @torch.inference_mode()
    def embed(self, batch):
        """Mean-pooled, L2-normalised final hidden states for a batch of id lists.

        Sequences are right-padded; with causal attention real tokens never see the padding,
        and the mean runs over real tokens only.
        """
        if not batch:
            return []
        limit = self.config.max_seq_len
        batch = [list(ids[:limit]) or [0] for ids in batch]
        width = max(map(len, batch))
        ids = torch.zeros(len(batch), width, dtype=torch.long, device=self.device)
        mask = torch.zeros(len(batch), width, dtype=torch.float32, device=self.device)
        for row, seq in enumerate(batch):
            ids[row, :len(seq)] = torch.tensor(seq, dtype=torch.long)
            mask[row, :len(seq)] = 1.0
        with self._autocast():
            hidden = self.module.hidden(ids).float()  # (batch, seq, hidden)
        pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        return F.normalize(pooled, dim=-1).cpu().tolist()

    def state_tensors(self):
        return tensors_from_module(self.module)

    def save(self, folder, dtype="float32"):
        return save_checkpoint(folder, self.config, self.state_tensors(), self.tokenizer, dtype=dtype)

    def num_parameters(self, include_embeddings=True):
        return self.config.num_parameters(include_embeddings)


def model_from_checkpoint(checkpoint, **options):
    module = NanoModel(checkpoint.config)
    try:
        load_state(module, state_dict_from_tensors(checkpoint.tensors))
    except CheckpointError as exc:
        raise CheckpointError(f"{checkpoint.path}: {exc}") from None
    return TorchModel(module, checkpoint.tokenizer, path=checkpoint.path, **options)


def load_model(path, **options):
    return model_from_checkpoint(load_checkpoint(path), **options)
