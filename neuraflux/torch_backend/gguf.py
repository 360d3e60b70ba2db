"""GGUF dequantization vectorized in torch (the pure-Python reference is core/gguf.py)."""
import warnings

import torch

from ..core.errors import CheckpointError


def dequantize(type_name, raw, shape):
    """A float32 tensor of `shape` from one GGUF tensor's stored bytes."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # frombuffer warns that bytes are not writable; nothing writes
        data = torch.frombuffer(raw, dtype=torch.uint8) if raw else torch.zeros(0, dtype=torch.uint8)
    if type_name == "F32":
        values = data.view(torch.float32)
    elif type_name == "F16":
        values = data.view(torch.float16).float()
    elif type_name == "BF16":
        values = data.view(torch.bfloat16).float()
    elif type_name == "Q8_0":
        blocks = data.view(-1, 34)
        scale = blocks[:, :2].contiguous().view(torch.float16).float()
        values = scale * blocks[:, 2:].contiguous().view(torch.int8).float()
    elif type_name in ("Q4_0", "Q4_1"):
        head = 2 if type_name == "Q4_0" else 4
        blocks = data.view(-1, 16 + head)
        halves = blocks[:, :head].contiguous().view(torch.float16).float()
        packed = blocks[:, head:]
        nibbles = torch.cat([packed & 15, packed >> 4], dim=1).float()  # low nibbles are values 0..15
        if type_name == "Q4_0":
            values = halves[:, :1] * (nibbles - 8)
        else:
            values = halves[:, :1] * nibbles + halves[:, 1:2]
    else:
        raise CheckpointError(f"cannot dequantize {type_name} in torch")
    return values.reshape(shape)
