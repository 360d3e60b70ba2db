"""The torch backend: training, fast inference, CUDA when present. Imports torch."""
import torch

from ..core.interfaces import Backend

SMALL_MODEL_PARAMETERS = 20_000_000  # below this, one CPU thread decodes fastest (thread sync dominates)


class TorchBackend(Backend):
    """PyTorch backend: SDPA attention, KV cache, training and DDP."""

    name = "torch"
    supports_training = True
    supports_cuda = True
    supports_low_precision = True
    supports_threads = True
    model_options = ("device", "dtype", "compile")

    def set_threads(self, count):
        torch.set_num_threads(count)

    def default_threads(self, config):
        """One thread below 20M parameters: on a 2-core machine under load torch's default thread
        count decoded the shipped model at 2-5 tokens/s where one thread gave 75-126."""
        return 1 if config.num_parameters() < SMALL_MODEL_PARAMETERS else None

    @property
    def version(self):
        return torch.__version__

    @property
    def cuda_available(self):
        return torch.cuda.is_available()

    def load_model(self, path, **options):
        from .runtime import load_model

        return load_model(path, **options)

    def model_from_checkpoint(self, checkpoint, **options):
        from .runtime import model_from_checkpoint

        return model_from_checkpoint(checkpoint, **options)

    def load_llama(self, path, device="auto", dtype="float32", **options):
        """A Llama-family model from a GGUF file, a Hugging Face folder or a converted checkpoint
        (weights dequantized to `dtype`)."""
        from .llama import TorchLlama

        return TorchLlama.load(path, device=device, dtype=dtype)

    def load_encoder(self, path, device="auto", **options):
        from .encoder import TorchEncoder

        return TorchEncoder(path, device=device)

    def init_model(self, config, seed=0, tokenizer=None, **options):
        from .model import NanoModel
        from .runtime import TorchModel

        generator = torch.Generator().manual_seed(seed)
        module = NanoModel(config)
        module.reset_parameters(generator)
        return TorchModel(module, tokenizer, **options)

    def init_weights(self, config, seed=0):
        return self.init_model(config, seed).state_tensors()

    def dense_matrix(self, rows):
        return torch.tensor(rows, dtype=torch.float32)

    def dense_scores(self, query_vector, matrix):
        """One matrix product: matrix (rows, dim) as a float32 tensor or list of rows."""
        if not isinstance(matrix, torch.Tensor):
            matrix = torch.tensor(matrix, dtype=torch.float32)
        query = torch.as_tensor(query_vector, dtype=torch.float32)
        return (matrix @ query).tolist()


BACKEND = TorchBackend()
