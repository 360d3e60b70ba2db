"""GPT-2 weights (Hugging Face `gpt2` model type) as a neuraflux checkpoint: the same pre-norm
block the NanoModel has, under GPT-2's names, with GELU's tanh form and no head transform.

GPT-2 stores its projections as Conv1D weights, (in_features, out_features); neuraflux keeps
(out, in) like torch.nn.Linear, so those four matrices per block are transposed on reading.
"""
import os

from .checkpoint import Checkpoint
from .config import NanoConfig
from .errors import CheckpointError
from .safetensors import Tensor

# {GPT-2 name (without "transformer."): (neuraflux name, transposed)}, per block then global
BLOCK_NAMES = {
    "ln_1.weight": ("ln1.weight", False), "ln_1.bias": ("ln1.bias", False),
    "attn.c_attn.weight": ("attn.qkv.weight", True), "attn.c_attn.bias": ("attn.qkv.bias", False),
    "attn.c_proj.weight": ("attn.proj.weight", True), "attn.c_proj.bias": ("attn.proj.bias", False),
    "ln_2.weight": ("ln2.weight", False), "ln_2.bias": ("ln2.bias", False),
    "mlp.c_fc.weight": ("mlp.fc.weight", True), "mlp.c_fc.bias": ("mlp.fc.bias", False),
    "mlp.c_proj.weight": ("mlp.proj.weight", True), "mlp.c_proj.bias": ("mlp.proj.bias", False),
}
GLOBAL_NAMES = {"wte.weight": ("tok_emb.weight", False), "wpe.weight": ("pos_emb.weight", False),
                "ln_f.weight": ("ln_f.weight", False), "ln_f.bias": ("ln_f.bias", False)}
ACTIVATIONS = {"gelu_new": "gelu_tanh", "gelu_pytorch_tanh": "gelu_tanh", "gelu": "gelu"}


def gpt2_config(cfg, where="config.json"):
    """A NanoConfig from a Hugging Face `gpt2` config.json."""
    if cfg.get("scale_attn_by_inverse_layer_idx") or cfg.get("scale_attn_weights") is False:
        raise CheckpointError(f"{where}: GPT-2's attention-scaling variants are not supported (the standard "
                              "1/sqrt(head size) scaling is)")
    activation = cfg.get("activation_function", "gelu_new")
    if activation not in ACTIVATIONS:
        raise CheckpointError(f"{where}: activation {activation!r} is not supported ({', '.join(ACTIVATIONS)} are)")
    hidden = cfg.get("n_embd")
    inner = cfg.get("n_inner") or (4 * hidden if isinstance(hidden, int) else None)
    try:
        return NanoConfig(vocab_size=cfg.get("vocab_size"), hidden_size=hidden, num_layers=cfg.get("n_layer"),
                          num_heads=cfg.get("n_head"), intermediate_size=inner, max_seq_len=cfg.get("n_positions"),
                          layer_norm_eps=cfg.get("layer_norm_epsilon", 1e-5), tie_embeddings=True,
                          lm_head_transform=False, activation=ACTIVATIONS[activation])
    except (TypeError, ValueError) as exc:
        raise CheckpointError(f"{where}: not a usable GPT-2 config ({exc})") from None


def gpt2_name_table(config):
    """{GPT-2 name: (neuraflux name, transposed)} for a model of `config`."""
    table = dict(GLOBAL_NAMES)
    for i in range(config.num_layers):
        for theirs, (ours, transposed) in BLOCK_NAMES.items():
            table[f"h.{i}.{theirs}"] = (f"blocks.{i}.{ours}", transposed)
    return table


def transposed(tensor):
    """A 2-D F32 Tensor with rows and columns swapped."""
    rows, cols = tensor.shape
    values = tensor.tolist()
    flipped = []
    for c in range(cols):
        flipped.extend(values[c::cols])
    return Tensor.from_values(flipped, (cols, rows), "F32")


def read_gpt2_hf(path):
    """A Checkpoint (NanoModel names and layout) from a Hugging Face `gpt2` folder."""
    from .hf import read_hf_folder
    from .quantize import dequantize_tensors

    folder = read_hf_folder(path, expect=("gpt2",))
    config = gpt2_config(folder.config, folder.path)
    table = gpt2_name_table(config)
    found = dequantize_tensors(folder.tensors())
    tensors = {}
    for name, tensor in found.items():
        key = name[len("transformer."):] if name.startswith("transformer.") else name
        if key in table:
            ours, flip = table[key]
            tensors[ours] = transposed(tensor) if flip and len(tensor.shape) == 2 else tensor
    return _checkpoint(folder.path, config, tensors, folder.bpe_tokenizer())


# {GGUF name (per block without "blk.N.", or global): neuraflux name}; llama.cpp's converter
# already stores GPT-2's Conv1D matrices as (out, in)
GGUF_BLOCK_NAMES = {"attn_norm": "ln1", "attn_qkv": "attn.qkv", "attn_output": "attn.proj", "ffn_norm": "ln2",
                    "ffn_up": "mlp.fc", "ffn_down": "mlp.proj"}
GGUF_GLOBAL_NAMES = {"token_embd.weight": "tok_emb.weight", "position_embd.weight": "pos_emb.weight",
                     "output_norm.weight": "ln_f.weight", "output_norm.bias": "ln_f.bias", "output.weight": "lm_head.weight"}


def read_gpt2_gguf(gguf):
    """A Checkpoint (NanoModel names and layout) from an open GGUFFile of architecture gpt2."""
    from .tokenizers.gguf_bpe import GGUFBPETokenizer

    meta = gguf.metadata

    def get(key, default=None):
        value = meta.get(f"gpt2.{key}", default)
        if value is None or isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise CheckpointError(f"{gguf.where}: gpt2.{key} must be a positive number, got {value!r}")
        return value

    tokens = meta.get("tokenizer.ggml.tokens") or []
    vocab = gguf.tensors["token_embd.weight"].shape[0] if "token_embd.weight" in gguf.tensors else len(tokens)
    tied = "output.weight" not in gguf.tensors
    try:
        config = NanoConfig(vocab_size=vocab, hidden_size=get("embedding_length"), num_layers=get("block_count"),
                            num_heads=get("attention.head_count"), intermediate_size=get("feed_forward_length"),
                            max_seq_len=get("context_length"), layer_norm_eps=float(get("attention.layer_norm_epsilon",
                                                                                         1e-5)),
                            tie_embeddings=tied, lm_head_transform=False, activation="gelu_tanh")
    except (TypeError, ValueError) as exc:
        raise CheckpointError(f"{gguf.where}: not a usable GPT-2 config ({exc})") from None
    table = dict(GGUF_GLOBAL_NAMES)
    for i in range(config.num_layers):
        for theirs, ours in GGUF_BLOCK_NAMES.items():
            for part in ("weight", "bias"):
                table[f"blk.{i}.{theirs}.{part}"] = f"blocks.{i}.{ours}.{part}"
    tensors = {table[name]: gguf.tensor(name) for name in gguf.tensors if name in table}
    tokenizer = GGUFBPETokenizer.from_gguf_metadata(meta) if tokens else None
    return _checkpoint(gguf.path, config, tensors, tokenizer, gguf.where)


def _checkpoint(path, config, tensors, tokenizer, where=None):
    """A Checkpoint of GPT-2's tensors under NanoModel names: its head has no bias (zeros), and
    every tensor the config needs must be there in its shape."""
    from .weights import weight_shapes

    where = where or path
    tensors["lm_head.bias"] = Tensor.from_values([0.0] * config.vocab_size, (config.vocab_size,), "F32")
    for name, shape in weight_shapes(config).items():
        if name not in tensors:
            raise CheckpointError(f"{where}: missing the tensor for {name!r}")
        if tuple(tensors[name].shape) != tuple(shape):
            raise CheckpointError(f"{where}: {name!r} has shape {list(tensors[name].shape)}, expected {list(shape)}")
    return Checkpoint(path, config, tensors, tokenizer, {})


def read_gpt2(path):
    """A Checkpoint from a GPT-2 GGUF file or Hugging Face `gpt2` folder."""
    if os.path.isdir(path):
        return read_gpt2_hf(path)
    from .gguf import GGUFFile

    with GGUFFile(path) as gguf:
        return read_gpt2_gguf(gguf)
