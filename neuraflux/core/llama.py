"""The Llama architecture as GGUF files describe it: its config and the one weight-name table.

GGUF stores Q and K rows permuted (llama.cpp's converter interleaves each head's two rotary
halves), so with GGUF weights RoPE rotates adjacent pairs (x[2i], x[2i+1]); Hugging Face weights
would rotate (x[i], x[i + d/2]). Backends implement the arithmetic; this module only reads.
"""
import dataclasses
import json
import math
import os
from dataclasses import dataclass

from .errors import CheckpointError

MAX_CONTEXT = 4096  # the KV cache is sized for at most this many positions


@dataclass(frozen=True)
class LlamaConfig:
    vocab_size: int
    hidden_size: int
    num_layers: int
    num_heads: int
    num_kv_heads: int
    intermediate_size: int
    rms_eps: float
    rope_base: float
    max_seq_len: int
    tied_embeddings: bool
    interleaved_rope: bool = True  # GGUF's permuted Q/K rows; Hugging Face rows rotate half-vectors
    rope_factors: tuple = ()  # per-frequency divisors (Llama 3.1+ long-context scaling); () = none

    def inverse_frequencies(self):
        """RoPE's angle per position for each of the head_dim/2 frequencies: base^(-2i/d) / factor_i."""
        half = self.head_dim // 2
        factors = self.rope_factors or (1.0,) * half
        return [self.rope_base ** (-2.0 * i / self.head_dim) / factors[i] for i in range(half)]

    @property
    def head_dim(self):
        return self.hidden_size // self.num_heads

    def num_parameters(self, include_embeddings=True):
        shapes = llama_weight_names(self).items()
        return sum(_numel(shape) for name, shape in shapes if include_embeddings or "token_embd" not in name)

    def to_json(self):
        """config.json of a converted checkpoint (`neuraflux convert`)."""
        return json.dumps({"architecture": ARCHITECTURE, **dataclasses.asdict(self)}, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data, where="config.json"):
        fields = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k != "architecture"}
        unknown = set(values) - fields
        if unknown:
            raise CheckpointError(f"{where}: unknown llama config field {sorted(unknown)[0]!r}")
        factors = values.get("rope_factors", ())
        if not isinstance(factors, (list, tuple)) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in factors):
            raise CheckpointError(f"{where}: rope_factors must be a list of numbers")
        values["rope_factors"] = tuple(float(v) for v in factors)
        try:
            config = cls(**values)
        except (TypeError, ValueError) as exc:
            raise CheckpointError(f"{where}: incomplete llama config ({exc})") from None
        for name in ("vocab_size", "hidden_size", "num_layers", "num_heads", "num_kv_heads", "intermediate_size",
                     "max_seq_len"):
            value = getattr(config, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise CheckpointError(f"{where}: llama config field {name!r} must be a positive integer")
        if config.hidden_size % config.num_heads or config.num_heads % config.num_kv_heads:
            raise CheckpointError(f"{where}: heads do not divide the width evenly")
        for name in ("rms_eps", "rope_base"):
            value = getattr(config, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
                raise CheckpointError(f"{where}: llama config field {name!r} must be a positive number")
        for name in ("tied_embeddings", "interleaved_rope"):
            if not isinstance(getattr(config, name), bool):
                raise CheckpointError(f"{where}: llama config field {name!r} must be true or false")
        factors = config.rope_factors
        if factors and (len(factors) != config.head_dim // 2 or not all(0 < f < math.inf for f in factors)):
            raise CheckpointError(f"{where}: rope_factors must be {config.head_dim // 2} positive numbers")
        return config

    def weight_problems(self, shapes):
        """What is missing or misshapen in {name: shape} (save_checkpoint's check)."""
        try:
            check_llama_tensors(self, shapes, "weights")
        except CheckpointError as exc:
            return [str(exc)]
        return []


ARCHITECTURE = "llama"


def _numel(shape):
    total = 1
    for size in shape:
        total *= size
    return total


def llama_config(meta, tensor_names, where="GGUF file"):
    """A LlamaConfig from GGUF metadata (`llama.*` keys), checked for consistency."""
    if meta.get("general.architecture") != "llama":
        raise CheckpointError(f"{where}: architecture {meta.get('general.architecture')!r} is not supported "
                              "(llama is)")

    def get(key, kind=int, default=None):
        value = meta.get(f"llama.{key}", default)
        if value is None or isinstance(value, bool) or not isinstance(value, kind) or value <= 0:
            raise CheckpointError(f"{where}: llama.{key} must be a positive {kind.__name__}, got {value!r}")
        return value

    hidden, heads = get("embedding_length"), get("attention.head_count")
    kv_heads = get("attention.head_count_kv", default=heads)
    if hidden % heads or heads % kv_heads:
        raise CheckpointError(f"{where}: {hidden} wide with {heads} heads and {kv_heads} key/value heads "
                              "does not divide evenly")
    vocab = meta.get("llama.vocab_size") or len(meta.get("tokenizer.ggml.tokens") or [])
    return LlamaConfig(vocab_size=vocab, hidden_size=hidden, num_layers=get("block_count"), num_heads=heads,
                       num_kv_heads=kv_heads, intermediate_size=get("feed_forward_length"),
                       rms_eps=float(get("attention.layer_norm_rms_epsilon", (int, float), 1e-5)),
                       rope_base=float(get("rope.freq_base", (int, float), 10000.0)),
                       max_seq_len=min(get("context_length"), MAX_CONTEXT),
                       tied_embeddings="output.weight" not in tensor_names)


def llama_weight_names(config):
    """{GGUF tensor name: row-major shape} that a model of `config` needs."""
    h, kv, f = config.hidden_size, config.num_kv_heads * config.head_dim, config.intermediate_size
    names = {"token_embd.weight": (config.vocab_size, h), "output_norm.weight": (h,)}
    if not config.tied_embeddings:
        names["output.weight"] = (config.vocab_size, h)
    for i in range(config.num_layers):
        p = f"blk.{i}."
        names.update({p + "attn_norm.weight": (h,), p + "attn_q.weight": (h, h), p + "attn_k.weight": (kv, h),
                      p + "attn_v.weight": (kv, h), p + "attn_output.weight": (h, h), p + "ffn_norm.weight": (h,),
                      p + "ffn_gate.weight": (f, h), p + "ffn_up.weight": (f, h), p + "ffn_down.weight": (h, f)})
    return names


def check_llama_tensors(config, found, where="GGUF file"):
    """Raise CheckpointError naming the first missing or misshapen tensor."""
    for name, shape in llama_weight_names(config).items():
        if name not in found:
            raise CheckpointError(f"{where}: missing tensor {name!r}")
        if tuple(found[name]) != tuple(shape):
            raise CheckpointError(f"{where}: tensor {name!r} has shape {list(found[name])}, expected {list(shape)}")


def llama3_rope_factors(scaling, head_dim, base):
    """Per-frequency divisors of Llama 3.1's long-context RoPE: wavelengths shorter than
    original_context/high_freq_factor keep their frequency, those longer than
    original_context/low_freq_factor are slowed by `factor`, and the band between is a linear
    blend of the two (Meta's published rule, also what llama.cpp stores as rope_freqs)."""
    try:
        factor = float(scaling.get("factor", 8.0))
        low, high = float(scaling.get("low_freq_factor", 1.0)), float(scaling.get("high_freq_factor", 4.0))
        context = float(scaling.get("original_max_position_embeddings", 8192))
    except (TypeError, ValueError):
        raise CheckpointError(f"rope_scaling {scaling!r} holds a value that is not a number") from None
    if not (factor > 0 and 0 < low < high and context > 0) or math.inf in (factor, high, context):
        raise CheckpointError(f"rope_scaling {scaling!r} needs factor > 0, 0 < low_freq_factor < high_freq_factor "
                              "and a positive original context")
    out = []
    for i in range(head_dim // 2):
        frequency = base ** (-2.0 * i / head_dim)
        wavelength = 2 * math.pi / frequency
        if wavelength < context / high:
            scaled = frequency
        elif wavelength > context / low:
            scaled = frequency / factor
        else:
            blend = (context / wavelength - low) / (high - low)
            scaled = (1 - blend) * frequency / factor + blend * frequency
        out.append(frequency / scaled)
    return tuple(out)


def hf_rope_factors(scaling, head_dim, base, where):
    """rope_factors for a config.json `rope_scaling` (None: no scaling)."""
    if not scaling:
        return ()
    kind = scaling.get("rope_type") or scaling.get("type") if isinstance(scaling, dict) else None
    if kind == "llama3":
        return llama3_rope_factors(scaling, head_dim, base)
    if kind == "linear":
        factor = scaling.get("factor", 1.0)
        if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not 0 < factor < math.inf:
            raise CheckpointError(f"{where}: rope_scaling factor must be a positive number, got {factor!r}")
        return (float(factor),) * (head_dim // 2)
    if kind == "default":
        return ()
    raise CheckpointError(f"{where}: rope_scaling {scaling!r} is not supported (llama3 and linear are)")


def hf_llama_config(cfg, where="config.json"):
    """A LlamaConfig from a Hugging Face `llama` config.json (rope settings as `rope_theta` +
    `rope_scaling`, or transformers 5's `rope_parameters` holding both)."""
    rope = cfg.get("rope_parameters") if isinstance(cfg.get("rope_parameters"), dict) else {}
    for flag in ("attention_bias", "mlp_bias"):
        if cfg.get(flag):
            raise CheckpointError(f"{where}: {flag} is set; neuraflux runs Llama models without those biases")
    hidden, heads = cfg.get("hidden_size"), cfg.get("num_attention_heads")
    if cfg.get("head_dim") and isinstance(hidden, int) and isinstance(heads, int) and heads \
            and cfg["head_dim"] != hidden // heads:
        raise CheckpointError(f"{where}: head_dim {cfg['head_dim']} differs from hidden_size / num_attention_heads; "
                              "not supported")
    meta = {"general.architecture": "llama", "llama.embedding_length": cfg.get("hidden_size"),
            "llama.block_count": cfg.get("num_hidden_layers"),
            "llama.attention.head_count": cfg.get("num_attention_heads"),
            "llama.attention.head_count_kv": cfg.get("num_key_value_heads") or cfg.get("num_attention_heads"),
            "llama.feed_forward_length": cfg.get("intermediate_size"),
            "llama.attention.layer_norm_rms_epsilon": cfg.get("rms_norm_eps", 1e-6),
            "llama.rope.freq_base": cfg.get("rope_theta") or rope.get("rope_theta") or 10000.0,
            "llama.context_length": cfg.get("max_position_embeddings"), "llama.vocab_size": cfg.get("vocab_size")}
    tied = bool(cfg.get("tie_word_embeddings", False))
    config = llama_config(meta, () if tied else ("output.weight",), where)
    return dataclasses.replace(config, interleaved_rope=False,
                               rope_factors=hf_rope_factors(cfg.get("rope_scaling") or rope, config.head_dim,
                                                            config.rope_base, where))


def hf_to_gguf_names(config):
    """{Hugging Face tensor name: GGUF name} for a `llama` folder."""
    names = {"model.embed_tokens.weight": "token_embd.weight", "model.norm.weight": "output_norm.weight"}
    if not config.tied_embeddings:
        names["lm_head.weight"] = "output.weight"
    parts = {"input_layernorm": "attn_norm", "self_attn.q_proj": "attn_q", "self_attn.k_proj": "attn_k",
             "self_attn.v_proj": "attn_v", "self_attn.o_proj": "attn_output", "post_attention_layernorm": "ffn_norm",
             "mlp.gate_proj": "ffn_gate", "mlp.up_proj": "ffn_up", "mlp.down_proj": "ffn_down"}
    for i in range(config.num_layers):
        for theirs, ours in parts.items():
            names[f"model.layers.{i}.{theirs}.weight"] = f"blk.{i}.{ours}.weight"
    return names


@dataclass
class LlamaSource:
    """What a backend needs to build a Llama model: config, weights by GGUF name (core Tensors
    whose `tolist()` gives the float values, read lazily through `tensor(name)`), tokenizer and
    chat template; `stored` lets a backend convert a checkpoint's tensors its own faster way."""

    config: LlamaConfig
    names: tuple
    tensor: object  # name -> core Tensor (float32 values)
    tokenizer: object
    chat_template: object
    path: str
    stored: dict = None  # a converted checkpoint's tensors as stored (float16, int8 + ".scale"…)

    @property
    def interleaved_rope(self):
        return self.config.interleaved_rope


def read_llama_gguf(gguf):
    """A LlamaSource over an open GGUFFile (checked: architecture, shapes, tokenizer)."""
    from .tokenizers.gguf_bpe import GGUFBPETokenizer

    config = llama_config(gguf.metadata, gguf.tensors, gguf.where)
    check_llama_tensors(config, {n: i.shape for n, i in gguf.tensors.items()}, gguf.where)
    scaling = gguf.metadata.get("llama.rope.scaling.type")
    if scaling not in (None, "none"):
        factor = gguf.metadata.get("llama.rope.scaling.factor")
        if scaling != "linear" or isinstance(factor, bool) or not isinstance(factor, (int, float)) \
                or not 0 < factor < math.inf:
            raise CheckpointError(f"{gguf.where}: RoPE scaling {scaling!r} (factor {factor!r}) is not supported "
                                  "(linear with a positive factor is)")
        config = dataclasses.replace(config, rope_factors=(float(factor),) * (config.head_dim // 2))
    if "rope_freqs.weight" in gguf.tensors:  # Llama 3.1+ files store the long-context divisors
        factors = tuple(gguf.tensor("rope_freqs.weight").tolist())
        if len(factors) != config.head_dim // 2 or not all(f > 0 for f in factors):
            raise CheckpointError(f"{gguf.where}: rope_freqs.weight must hold {config.head_dim // 2} positive values")
        config = dataclasses.replace(config, rope_factors=tuple(
            f * g for f, g in zip(factors, config.rope_factors or (1.0,) * len(factors))))
    return LlamaSource(config, tuple(llama_weight_names(config)), gguf.tensor,
                       GGUFBPETokenizer.from_gguf_metadata(gguf.metadata), gguf.metadata.get("tokenizer.chat_template"),
                       os.path.abspath(gguf.path))


def read_llama_hf(path):
    """A LlamaSource over a Hugging Face `llama` folder; HF rows are not permuted, so RoPE
    rotates half-vectors. Weights are read (and int8 ones dequantized) here."""
    from .hf import read_hf_folder
    from .quantize import dequantize_tensors

    folder = read_hf_folder(path, expect=("llama",))
    config = hf_llama_config(folder.config, folder.path)
    names = hf_to_gguf_names(config)
    tensors = folder.tensors(set(names) | {n + ".scale" for n in names})
    check_llama_tensors(config, {names[hf]: t.shape for hf, t in tensors.items() if hf in names}, folder.path)
    weights = {names[hf]: t for hf, t in dequantize_tensors(tensors).items() if hf in names}
    tokenizer = folder.bpe_tokenizer()
    template = (folder.json("tokenizer_config.json", {}) or {}).get("chat_template")
    return LlamaSource(config, tuple(weights), weights.__getitem__, tokenizer, template, os.path.abspath(path))


def read_llama_config(folder):
    """The LlamaConfig in a converted checkpoint's config.json."""
    from .checkpoint import CONFIG_FILE
    from .io import read_json

    path = os.path.join(folder, CONFIG_FILE)
    data = read_json(path, "config", 1 << 20, CheckpointError)
    if not isinstance(data, dict):
        raise CheckpointError(f"{path} must hold a JSON object")
    return LlamaConfig.from_dict(data, path)


def read_llama_checkpoint(folder):
    """A LlamaSource over a folder `neuraflux convert` wrote (config.json with architecture
    "llama", model.safetensors under GGUF names, tokenizer.json; the chat template in the
    weights file's metadata)."""
    from .checkpoint import TOKENIZER_FILE, WEIGHTS_FILE
    from .quantize import dequantize_tensors
    from .safetensors import SafeTensorsFile
    from .tokenizers import load_tokenizer

    config = read_llama_config(folder)
    with SafeTensorsFile(os.path.join(folder, WEIGHTS_FILE)) as st:
        stored = {name: st.tensor(name) for name in st.keys()}
        metadata = dict(st.metadata)
    check_llama_tensors(config, {n: t.shape for n, t in stored.items()}, folder)
    tokenizer_path = os.path.join(folder, TOKENIZER_FILE)
    tokenizer = load_tokenizer(tokenizer_path) if os.path.isfile(tokenizer_path) else None

    def tensor(name):  # float16/bfloat16 values read as they are; int8 rows re-scaled
        if stored[name].dtype != "I8":
            return stored[name]
        return dequantize_tensors({name: stored[name], name + ".scale": stored.get(name + ".scale")})[name]

    return LlamaSource(config, tuple(llama_weight_names(config)), tensor, tokenizer, metadata.get("chat_template"),
                       os.path.abspath(folder), stored)


def is_llama_checkpoint(path):
    """Whether `path` is a folder `neuraflux convert` wrote from a Llama-family model."""
    from .hf import folder_config

    return (folder_config(path) or {}).get("architecture") == ARCHITECTURE


def read_llama_folder(path):
    """A LlamaSource over a Hugging Face `llama` folder or a converted checkpoint."""
    return read_llama_checkpoint(path) if is_llama_checkpoint(path) else read_llama_hf(path)
