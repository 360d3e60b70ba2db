"""Weight storage precision: float32 <-> float16 / bfloat16 / int8 (per-row symmetric).

An int8 matrix `W` is stored as `W` (I8) plus `W.scale` (F32, one scale per row);
loading turns both back into one float32 tensor.
"""
import array

from .errors import CheckpointError
from .safetensors import Tensor

SCALE_SUFFIX = ".scale"
STORAGE_DTYPES = {"float32": "F32", "float16": "F16", "bfloat16": "BF16", "int8": "I8"}


def quantize_tensors(tensors, dtype):
    """Convert F32 tensors for storage as `dtype` (float32|float16|bfloat16|int8)."""
    if dtype not in STORAGE_DTYPES:
        raise CheckpointError(f"unknown storage dtype {dtype!r}; choose one of {', '.join(STORAGE_DTYPES)}")
    code = STORAGE_DTYPES[dtype]
    out = {}
    for name, t in tensors.items():
        if code == "F32" or t.dtype != "F32":
            out[name] = t
        elif code == "I8":
            if len(t.shape) == 2:
                out.update(_quantize_int8(name, t))
            else:  # vectors (norms, biases) stay float32: they are tiny and sensitive
                out[name] = t
        else:
            out[name] = Tensor.from_values(t.tolist(), t.shape, code)
    return out


def _quantize_int8(name, t):
    rows, cols = t.shape
    values = t.tolist()
    quantized, scales = array.array("b"), []
    for r in range(rows):
        row = values[r * cols:(r + 1) * cols]
        scale = max(map(abs, row), default=0.0) / 127.0 or 1.0
        scales.append(scale)
        inv = 1.0 / scale
        quantized.extend(max(-127, min(127, round(v * inv))) for v in row)
    return {name: Tensor("I8", t.shape, quantized.tobytes()),
            name + SCALE_SUFFIX: Tensor.from_values(scales, (rows,), "F32")}


def dequantize_tensors(tensors):
    """Every stored tensor back to F32; int8 matrices are re-scaled with their `.scale`."""
    out = {}
    for name, t in tensors.items():
        if name.endswith(SCALE_SUFFIX) and name[:-len(SCALE_SUFFIX)] in tensors:
            continue
        if t.dtype == "F32":
            out[name] = t
        elif t.dtype == "I8":
            scale_t = tensors.get(name + SCALE_SUFFIX)
            if scale_t is None or len(t.shape) != 2 or scale_t.shape != (t.shape[0],) or scale_t.dtype != "F32":
                raise CheckpointError(f"int8 tensor {name!r} needs an F32 {name + SCALE_SUFFIX!r} of shape [{t.shape[0]}]")
            cols = t.shape[1]
            q, scales = t.tolist(), scale_t.tolist()
            values = [v * scales[i // cols] for i, v in enumerate(q)] if cols else []
            out[name] = Tensor.from_values(values, t.shape, "F32")
        elif t.dtype in ("F16", "BF16", "F64"):
            out[name] = Tensor.from_values(t.tolist(), t.shape, "F32")
        else:
            raise CheckpointError(f"tensor {name!r} has dtype {t.dtype}, which is not a weight type")
    return out
