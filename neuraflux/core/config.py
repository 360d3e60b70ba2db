"""NanoConfig: the shape of a model, its validation, JSON round-trip and named presets."""
import dataclasses
import json

from .errors import ConfigError
from .io import display_path, parse_json, read_json

ARCHITECTURE = "neuraflux-gpt"
FORMAT_VERSION = 1
MAX_CONFIG_BYTES = 1024 * 1024


ACTIVATIONS = ("gelu", "gelu_tanh")


@dataclasses.dataclass(frozen=True)
class NanoConfig:
    """Hyper-parameters of the decoder-only transformer (defaults: the seed's model)."""

    vocab_size: int = 10000
    hidden_size: int = 384
    num_layers: int = 6
    num_heads: int = 6
    intermediate_size: int = 1536
    max_seq_len: int = 512
    layer_norm_eps: float = 1e-5
    dropout: float = 0.0
    tie_embeddings: bool = True
    lm_head_transform: bool = True
    initializer_range: float = 0.02
    activation: str = "gelu"  # "gelu" (erf form) or "gelu_tanh" (GPT-2's tanh approximation)

    def __post_init__(self):
        for name in ("vocab_size", "hidden_size", "num_layers", "num_heads", "intermediate_size", "max_seq_len"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"config field {name!r} must be an integer, got {value!r}")
            if value <= 0:
                raise ConfigError(f"config field {name!r} must be positive, got {value}")
        for name in ("layer_norm_eps", "dropout", "initializer_range"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"config field {name!r} must be a number, got {value!r}")
        for name in ("tie_embeddings", "lm_head_transform"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"config field {name!r} must be true or false, got {getattr(self, name)!r}")
        if self.activation not in ACTIVATIONS:
            raise ConfigError(f"config field 'activation' must be one of {', '.join(ACTIVATIONS)}, got {self.activation!r}")
        if not self.layer_norm_eps > 0:
            raise ConfigError(f"config field 'layer_norm_eps' must be positive, got {self.layer_norm_eps}")
        if not 0.0 <= self.dropout < 1.0:
            raise ConfigError(f"config field 'dropout' must be in [0, 1), got {self.dropout}")
        if not self.initializer_range > 0:
            raise ConfigError(f"config field 'initializer_range' must be positive, got {self.initializer_range}")
        if self.hidden_size % self.num_heads:
            raise ConfigError(
                f"config field 'hidden_size' ({self.hidden_size}) must be divisible by "
                f"'num_heads' ({self.num_heads})"
            )

    @property
    def head_dim(self):
        return self.hidden_size // self.num_heads

    def replace(self, **changes):
        """A copy with some fields changed (validated)."""
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise ConfigError(f"unknown config field {sorted(unknown)[0]!r}")
        return dataclasses.replace(self, **changes)

    def to_dict(self):
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data):
        """Build from a dict; checkpoint bookkeeping keys are accepted, unknown keys are not."""
        if not isinstance(data, dict):
            raise ConfigError(f"config must be a JSON object, got {type(data).__name__}")
        data = dict(data)
        data.pop("format_version", None)
        data.pop("neuraflux_version", None)
        architecture = data.pop("architecture", ARCHITECTURE)
        if architecture != ARCHITECTURE:
            raise ConfigError(f"unsupported architecture {architecture!r} (expected {ARCHITECTURE!r})")
        known = {f.name for f in dataclasses.fields(cls)}
        for key in data:
            if key not in known:
                raise ConfigError(f"unknown config field {key!r}")
        return cls(**data)

    def to_json(self):
        payload = {"architecture": ARCHITECTURE, "format_version": FORMAT_VERSION, **self.to_dict()}
        return json.dumps(payload, indent=2) + "\n"

    @classmethod
    def from_json(cls, text):
        return cls.from_dict(parse_json(text, "config", ConfigError))

    @classmethod
    def load(cls, path):
        try:
            return cls.from_dict(read_json(path, "config", MAX_CONFIG_BYTES, ConfigError))
        except OSError as exc:
            raise ConfigError(f"cannot read config {display_path(path)}: {exc.strerror}") from None

    def num_parameters(self, include_embeddings=True):
        """Parameter count as users expect it: tied weights counted once."""
        from .weights import count_parameters

        return count_parameters(self, include_embeddings)


PRESETS = {
    "tiny": NanoConfig(vocab_size=512, hidden_size=64, num_layers=2, num_heads=2, intermediate_size=256, max_seq_len=128),
    "small": NanoConfig(vocab_size=2048, hidden_size=128, num_layers=4, num_heads=4, intermediate_size=512, max_seq_len=256),
    "base": NanoConfig(),
}


def preset(name, **overrides):
    """A named preset with optional field overrides (None values are ignored)."""
    if name not in PRESETS:
        raise ConfigError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
    overrides = {k: v for k, v in overrides.items() if v is not None}
    return PRESETS[name].replace(**overrides) if overrides else PRESETS[name]
