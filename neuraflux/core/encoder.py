"""Sentence encoders (BERT family, e.g. all-MiniLM-L6-v2): config, the one weight-name table,
and pooling as sentence-transformers computes it. Backends supply the arithmetic."""
import math
import os
from dataclasses import dataclass

from .errors import CheckpointError
from .hf import read_hf_folder
from .io import file_digest
from .tokenizers.wordpiece import WordPieceTokenizer


@dataclass(frozen=True)
class EncoderConfig:
    vocab_size: int
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    max_length: int  # tokens per text, [CLS] and [SEP] included (sentence-transformers' max_seq_length)
    pooling: str = "mean"  # or "cls"
    normalize: bool = True

    @property
    def head_dim(self):
        return self.hidden_size // self.num_heads


def bert_weight_names(config):
    """{canonical name: (HF name, shape)}: the one table from BERT's names to neuraflux's."""
    h, i = config.hidden_size, config.intermediate_size
    table = {
        "tok_emb": ("embeddings.word_embeddings.weight", (config.vocab_size, h)),
        "pos_emb": ("embeddings.position_embeddings.weight", (config.max_positions, h)),
        "type_emb": ("embeddings.token_type_embeddings.weight", (config.type_vocab_size, h)),
        "emb_ln.weight": ("embeddings.LayerNorm.weight", (h,)),
        "emb_ln.bias": ("embeddings.LayerNorm.bias", (h,)),
    }
    for n in range(config.num_layers):
        p, q = f"layers.{n}.", f"encoder.layer.{n}."
        for ours, theirs, shape in (
                ("q", "attention.self.query", (h, h)), ("k", "attention.self.key", (h, h)),
                ("v", "attention.self.value", (h, h)), ("attn_out", "attention.output.dense", (h, h)),
                ("ffn_in", "intermediate.dense", (i, h)), ("ffn_out", "output.dense", (h, i))):
            table[p + ours + ".weight"] = (q + theirs + ".weight", shape)
            table[p + ours + ".bias"] = (q + theirs + ".bias", (shape[0],))
        for ours, theirs in (("attn_ln", "attention.output.LayerNorm"), ("ffn_ln", "output.LayerNorm")):
            table[p + ours + ".weight"] = (q + theirs + ".weight", (h,))
            table[p + ours + ".bias"] = (q + theirs + ".bias", (h,))
    return table


def _int(config, key, where):
    value = config.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise CheckpointError(f"{where}: config field {key!r} must be a positive integer, got {value!r}")
    return value


class EncoderFiles:
    """A sentence-encoder folder read and checked: config, tokenizer, weights by canonical name."""

    def __init__(self, path):
        folder = read_hf_folder(path, expect=("bert",))
        cfg, where = folder.config, folder.path
        if cfg.get("hidden_act", "gelu") != "gelu" or cfg.get("position_embedding_type", "absolute") != "absolute":
            raise CheckpointError(f"{where}: only BERT with GELU and absolute positions is supported")
        st_config = folder.json("sentence_bert_config.json", {}) or {}
        pooling = folder.json(os.path.join("1_Pooling", "config.json"), {}) or {}
        modules = folder.json("modules.json", []) or []
        positions = _int(cfg, "max_position_embeddings", where)
        options = folder.json("tokenizer_config.json", {}) or {}
        # sentence-transformers up to 5 writes max_seq_length here; 6 keeps it as the tokenizer's model_max_length
        max_length = st_config.get("max_seq_length") if isinstance(st_config, dict) else None
        if max_length is None:
            limit = options.get("model_max_length") if isinstance(options, dict) else None
            max_length = limit if isinstance(limit, int) and not isinstance(limit, bool) and 2 <= limit <= positions \
                else positions
        if isinstance(max_length, bool) or not isinstance(max_length, int) or not 2 <= max_length <= positions:
            raise CheckpointError(f"{where}: max_seq_length {max_length!r} must be 2..{positions}")
        mode = "cls" if isinstance(pooling, dict) and pooling.get("pooling_mode_cls_token") else "mean"
        normalize = not modules or any(isinstance(m, dict) and str(m.get("type", "")).endswith("Normalize")
                                       for m in modules)
        eps = cfg.get("layer_norm_eps", 1e-12)
        if isinstance(eps, bool) or not isinstance(eps, (int, float)) or not eps > 0:
            raise CheckpointError(f"{where}: layer_norm_eps must be a positive number")
        self.config = EncoderConfig(
            vocab_size=_int(cfg, "vocab_size", where), hidden_size=_int(cfg, "hidden_size", where),
            num_layers=_int(cfg, "num_hidden_layers", where), num_heads=_int(cfg, "num_attention_heads", where),
            intermediate_size=_int(cfg, "intermediate_size", where), max_positions=positions,
            type_vocab_size=_int(cfg, "type_vocab_size", where), layer_norm_eps=float(eps), max_length=max_length,
            pooling=mode, normalize=normalize)
        if self.config.hidden_size % self.config.num_heads:
            raise CheckpointError(f"{where}: hidden_size must be divisible by num_attention_heads")
        vocab = folder.file("vocab.txt")
        if vocab is not None:
            self.tokenizer = WordPieceTokenizer.load(vocab, lowercase=bool(options.get("do_lower_case", True)),
                                                     strip_accents=options.get("strip_accents"),
                                                     chinese_chars=bool(options.get("tokenize_chinese_chars", True)))
        elif folder.file("tokenizer.json") is not None:  # newer transformers save only the fast tokenizer
            self.tokenizer = WordPieceTokenizer.from_tokenizer_json(folder.json("tokenizer.json"),
                                                                    f"{where}/tokenizer.json")
        else:
            raise CheckpointError(f"{where} has neither vocab.txt nor tokenizer.json (the WordPiece vocabulary)")
        if self.tokenizer.vocab_size > self.config.vocab_size:
            raise CheckpointError(f"{where}: vocab.txt has {self.tokenizer.vocab_size} entries, the model "
                                  f"{self.config.vocab_size}")
        self.path = os.path.abspath(where)
        self._folder = folder

    def tensors(self):
        """{canonical name: F32 Tensor}, each checked against the table's shape."""
        table = bert_weight_names(self.config)
        found = self._folder.tensors({name for hf, _ in table.values() for name in (hf, "bert." + hf)})
        out = {}
        for ours, (theirs, shape) in table.items():
            tensor = found.get(theirs) or found.get("bert." + theirs)
            if tensor is None:
                raise CheckpointError(f"{self.path}: missing tensor {theirs!r}")
            if tuple(tensor.shape) != tuple(shape) or tensor.dtype != "F32":
                raise CheckpointError(f"{self.path}: tensor {theirs!r} is {tensor.dtype} {list(tensor.shape)}, "
                                      f"expected F32 {list(shape)}")
            out[ours] = tensor
        return out

    def identity(self):
        """A short hash of the config and weights: what an index records for its vectors."""
        return "encoder:" + file_digest([os.path.join(self.path, "config.json")] + self._folder.weight_files)[:16]


def pool(states, mask_len, config):
    """One text's vector from its token states (list of rows), as the model was trained to."""
    if config.pooling == "cls":
        vector = list(states[0])
    else:
        rows = states[:mask_len]
        vector = [math.fsum(col) / len(rows) for col in zip(*rows)]
    if config.normalize:
        norm = math.sqrt(math.fsum(v * v for v in vector)) or 1.0
        vector = [v / norm for v in vector]
    return vector
