"""GGUF dequantization vectorized in torch (the pure-Python reference is core/gguf.py)."""
import warnings

import torch

from ..core.errors import CheckpointError
from ..core.gguf import LEGACY_BLOCKS


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
    elif type_name in LEGACY_BLOCKS:
        size, head, fifth_bits, offset = LEGACY_BLOCKS[type_name]
        blocks = data.view(-1, size)
        scale = blocks[:, :head].contiguous().view(torch.float16).float()
        packed = blocks[:, head + (4 if fifth_bits else 0):].long()
        q = torch.cat([packed & 15, packed >> 4], dim=1)  # low nibbles are values 0..15
        if fifth_bits:
            word = blocks[:, head:head + 4].long()
            q = q | (((word.unsqueeze(-1) >> torch.arange(8).view(1, 1, 8)) & 1).reshape(-1, 32) << 4)
        minimum = scale[:, 1:2] if offset is None else offset * scale[:, :1]
        values = scale[:, :1] * q.float() + minimum
    elif type_name in ("Q4_K", "Q5_K"):
        values = _q4_q5_k(data, type_name == "Q5_K")
    elif type_name == "Q6_K":
        values = _q6_k(data)
    else:
        raise CheckpointError(f"cannot dequantize {type_name} in torch")
    return values.reshape(shape)


def _halves(blocks, start, count=1):
    return blocks[:, start:start + 2 * count].contiguous().view(torch.float16).float()


def _k_scales(packed):
    """(scales, mins), each (blocks, 8), from the 12 packed bytes (see core/gguf.py k_scales)."""
    packed = packed.long()
    low, mid, high = packed[:, 0:4], packed[:, 4:8], packed[:, 8:12]
    scales = torch.cat([low & 63, (high & 15) | ((low >> 6) << 4)], dim=1)
    mins = torch.cat([mid & 63, (high >> 4) | ((mid >> 6) << 4)], dim=1)
    return scales.float(), mins.float()


def _q4_q5_k(data, fifth_bit):
    blocks = data.view(-1, 176 if fifth_bit else 144)
    d, dmin = _halves(blocks, 0), _halves(blocks, 2)
    scales, mins = _k_scales(blocks[:, 4:16])
    quants = (blocks[:, 48:176] if fifth_bit else blocks[:, 16:144]).reshape(-1, 4, 1, 32).long()
    q = (quants >> torch.tensor([0, 4]).view(1, 1, 2, 1)) & 15  # (blocks, chunk, low/high, 32): sub-block 2c+h
    q = q.reshape(-1, 8, 32)
    if fifth_bit:
        high = blocks[:, 16:48].long().view(-1, 1, 32)
        q = q + ((high >> torch.arange(8).view(1, 8, 1)) & 1) * 16
    return ((d * scales).unsqueeze(-1) * q.float() - (dmin * mins).unsqueeze(-1)).reshape(-1)


def _q6_k(data):
    blocks = data.view(-1, 210)
    d = _halves(blocks, 208)
    scales = blocks[:, 192:208].contiguous().view(torch.int8).float().view(-1, 2, 8)  # (blocks, half, 8)
    low = blocks[:, 0:128].long().view(-1, 2, 2, 32)  # (blocks, half, first/second 32 bytes, 32)
    high = blocks[:, 128:192].long().view(-1, 2, 1, 32)
    nibbles = torch.stack([low[:, :, 0] & 15, low[:, :, 1] & 15, low[:, :, 0] >> 4, low[:, :, 1] >> 4], dim=2)
    twos = (high >> torch.tensor([0, 2, 4, 6]).view(1, 1, 4, 1)) & 3  # (blocks, half, part, 32)
    q = (nibbles | (twos << 4)) - 32
    factor = (d.view(-1, 1, 1) * scales).view(-1, 2, 4, 2, 1)  # scale index 2*part + row (16 values each)
    return (factor * q.view(-1, 2, 4, 2, 16).float()).reshape(-1)
