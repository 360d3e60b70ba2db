import pytest

from neuraflux.core.backends import get_backend
from neuraflux.core.checkpoint import save_checkpoint
from neuraflux.core.config import NanoConfig
from neuraflux.core.init import init_tensors

SMALL = NanoConfig(vocab_size=97, hidden_size=32, num_layers=2, num_heads=4, intermediate_size=64,
                   max_seq_len=24, initializer_range=0.3)


@pytest.fixture(scope="session")
def small_checkpoint(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ck") / "small"
    save_checkpoint(folder, SMALL, init_tensors(SMALL, seed=7))
    return folder


@pytest.fixture
def model(backend_name, small_checkpoint):
    return get_backend(backend_name).load_model(small_checkpoint)
