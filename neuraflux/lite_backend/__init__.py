"""The lite backend: the same models in the Python standard library alone."""
import platform

from ..core.interfaces import Backend
from . import ops


class LiteBackend(Backend):
    """Pure-Python inference: no training, no GPU, runs wherever CPython runs."""

    name = "lite"
    supports_training = False
    supports_cuda = False
    supports_low_precision = False
    supports_threads = True  # as processes: helpers forked to share each matrix product (see workers)
    dense_rate = 100e6  # multiply-adds/s the pure-Python dot products sustain (measured ~130M)

    @property
    def version(self):
        return f"python {platform.python_version()}, kernel {ops.default_kernel_name()}"

    def details(self):
        from .workers import SHARE_MACS, can_fork, default_processes

        processes = default_processes(SHARE_MACS) if can_fork() else 1
        return {"version": platform.python_version(), "kernel": ops.default_kernel_name(), "processes": processes}

    def set_threads(self, count):
        """Share each matrix product of the models started after this between `count` processes."""
        from .workers import set_processes

        set_processes(count)

    def load_model(self, path, **options):
        from .model import load_model

        return load_model(path, **options)

    def model_from_checkpoint(self, checkpoint, **options):
        from .model import model_from_checkpoint

        return model_from_checkpoint(checkpoint, **options)

    def init_model(self, config, seed=0, tokenizer=None, **options):
        from .model import LiteModel

        return LiteModel(config, self.init_weights(config, seed), tokenizer, kernel=options.get("kernel"))

    def load_llama(self, path, compact=False, **options):
        """A Llama-family model (GGUF file, Hugging Face folder, converted checkpoint) in pure
        Python: ~1 token/s at 135M parameters."""
        from .llama import LiteLlama

        return LiteLlama.load(path, compact=compact)

    def load_encoder(self, path, **options):
        from .encoder import LiteEncoder

        return LiteEncoder(path)

    def dense_matrix(self, rows):
        """The stored vectors as a Linear layer: per-row constants computed once, not per query."""
        return ops.Linear(rows, None, ops.default_kernel_name())

    def dense_scores(self, query_vector, matrix):
        """Dot products with each row, one C call per row (`matrix` from dense_matrix, or rows)."""
        if not isinstance(matrix, ops.Linear):
            matrix = self.dense_matrix(matrix)
        return matrix(query_vector)


BACKEND = LiteBackend()
