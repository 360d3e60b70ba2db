"""Random initial weights in pure Python (GPT-2 scheme), for `neuraflux init` without torch."""
import math
import random

from .safetensors import Tensor
from .weights import initial_value_kind, is_residual_projection, weight_shapes


def init_tensors(config, seed=0):
    """{canonical name: F32 Tensor}: normal(0, initializer_range), residual projections
    scaled by 1/sqrt(2 * num_layers), biases zero, LayerNorm gains one."""
    rng = random.Random(seed)
    out = {}
    for name, shape in weight_shapes(config).items():
        count = math.prod(shape)
        kind = initial_value_kind(name)
        if kind == "zeros":
            values = [0.0] * count
        elif kind == "ones":
            values = [1.0] * count
        else:
            std = config.initializer_range
            if is_residual_projection(name):
                std /= math.sqrt(2 * config.num_layers)
            gauss = rng.gauss
            values = [gauss(0.0, std) for _ in range(count)]
        out[name] = Tensor.from_values(values, shape)
    return out
