"""The canonical weight names and shapes for a config: one list, used by both backends."""
import math


def weight_shapes(config):
    """Ordered {name: shape} of every tensor a checkpoint of `config` holds.

    Matrices are stored (out_features, in_features), as torch.nn.Linear does.
    """
    hidden, inner, vocab = config.hidden_size, config.intermediate_size, config.vocab_size
    shapes = {
        "tok_emb.weight": (vocab, hidden),
        "pos_emb.weight": (config.max_seq_len, hidden),
    }
    for i in range(config.num_layers):
        p = f"blocks.{i}."
        shapes.update({
            p + "ln1.weight": (hidden,), p + "ln1.bias": (hidden,),
            p + "attn.qkv.weight": (3 * hidden, hidden), p + "attn.qkv.bias": (3 * hidden,),
            p + "attn.proj.weight": (hidden, hidden), p + "attn.proj.bias": (hidden,),
            p + "ln2.weight": (hidden,), p + "ln2.bias": (hidden,),
            p + "mlp.fc.weight": (inner, hidden), p + "mlp.fc.bias": (inner,),
            p + "mlp.proj.weight": (hidden, inner), p + "mlp.proj.bias": (hidden,),
        })
    shapes["ln_f.weight"] = (hidden,)
    shapes["ln_f.bias"] = (hidden,)
    if config.lm_head_transform:
        shapes.update({
            "lm_head.dense.weight": (hidden, hidden), "lm_head.dense.bias": (hidden,),
            "lm_head.ln.weight": (hidden,), "lm_head.ln.bias": (hidden,),
        })
    if not config.tie_embeddings:
        shapes["lm_head.weight"] = (vocab, hidden)
    shapes["lm_head.bias"] = (vocab,)
    return shapes


EMBEDDING_NAMES = ("tok_emb.weight", "pos_emb.weight", "lm_head.weight")


def _per_layer(config):
    """(shapes of a one-layer model, tensors and parameters each further layer adds): sizes
    in closed form, so a config claiming 10^9 layers is measured without building 10^9 names."""
    one = weight_shapes(config.replace(num_layers=1))
    two = weight_shapes(config.replace(num_layers=2))
    return one, len(two) - len(one), _count(two) - _count(one)


def _count(shapes, skip=()):
    total = 0
    for name, shape in shapes.items():
        if name not in skip:
            total += math.prod(shape)
    return total


def count_parameters(config, include_embeddings=True):
    """Parameters of a model of `config` (tied weights counted once)."""
    one, _, per_layer = _per_layer(config)
    return _count(one, () if include_embeddings else EMBEDDING_NAMES) + per_layer * (config.num_layers - 1)


def count_tensors(config):
    one, per_layer, _ = _per_layer(config)
    return len(one) + per_layer * (config.num_layers - 1)


def is_decayed(name, shape):
    """AdamW weight decay applies to matrices only, never to embeddings, norms or biases."""
    return len(shape) == 2 and not name.endswith("_emb.weight")


def is_residual_projection(name):
    """Projections into the residual stream get GPT-2's scaled initialisation."""
    return name.endswith("attn.proj.weight") or name.endswith("mlp.proj.weight")


def initial_value_kind(name):
    """How a tensor starts: 'normal', 'ones' (norm gains) or 'zeros' (biases)."""
    if name.endswith(".bias"):
        return "zeros"
    if ".ln" in name or name.startswith("ln_") or ".ln." in name:
        return "ones"
    return "normal"


def check_weights(config, shapes_found):
    """Compare {name: shape} found in a file with what `config` needs.

    Returns a list of problems, each naming the tensor (empty when everything matches).
    Sizes are compared first, so a config far larger than the file fails before anything is built.
    """
    needed = count_tensors(config)
    if needed > 2 * len(shapes_found) + 100:  # not a damaged file: the wrong config (or a hostile one)
        return [f"the file holds {len(shapes_found)} tensors, the config ({config.num_layers} layers) needs {needed}"]
    expected = weight_shapes(config)
    problems = []
    for name, shape in expected.items():
        if name not in shapes_found:
            problems.append(f"missing tensor {name!r} (expected shape {list(shape)})")
        elif tuple(shapes_found[name]) != tuple(shape):
            problems.append(f"tensor {name!r} has shape {list(shapes_found[name])}, expected {list(shape)}")
    for name in shapes_found:
        if name not in expected:
            problems.append(f"unexpected tensor {name!r}")
    return problems
