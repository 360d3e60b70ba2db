"""Every failure a user can cause is a NeuraFluxError (or a subclass) with a message
that says what was wrong and what to do about it."""


class NeuraFluxError(Exception):
    """Base class of all user-facing neuraflux errors."""


class ConfigError(NeuraFluxError, ValueError):
    """A model or sampling configuration is invalid."""


class CheckpointError(NeuraFluxError):
    """A checkpoint folder or safetensors file is missing, corrupt or incompatible."""


class BackendUnavailable(NeuraFluxError):
    """The requested backend does not exist or its dependencies are not installed."""


class TokenizerError(NeuraFluxError):
    """Text or ids that a tokenizer cannot handle, or a bad tokenizer file."""


class DataError(NeuraFluxError):
    """A corpus or data file that is empty, unreadable or malformed."""


class RetrievalError(NeuraFluxError):
    """A document index that is missing, incompatible or malformed."""


class StaleIndexError(RetrievalError):
    """An index another neuraflux built (another format or analyzer): rebuilt, not read. `reason`
    says what differs, without the hint to rebuild it by hand."""

    def __init__(self, reason, hint):
        super().__init__(f"{reason}; {hint}")
        self.reason = reason


class GenerationError(NeuraFluxError):
    """Generation was asked for something it cannot do."""
