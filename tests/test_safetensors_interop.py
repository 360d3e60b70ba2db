"""Interop with the official `safetensors` package (needs numpy and safetensors)."""
import pytest

from neuraflux.core import safetensors as sf
from neuraflux.core.safetensors import Tensor

numpy = pytest.importorskip("numpy")
safetensors_numpy = pytest.importorskip("safetensors.numpy")


def test_official_package_reads_ours(tmp_path):
    path = tmp_path / "ours.safetensors"
    tensors = {"w": Tensor.from_values([0.5, -1.0, 2.0, 3.0, 4.0, 5.0], (2, 3)),
               "h": Tensor.from_values([1.0, 2.0], (2,), "F16"), "i": Tensor.from_values([7, -8], (2,), "I64"),
               "b": Tensor.from_values([1.0, 2.0], (2,), "BF16"), "e": Tensor.from_values([], (0, 3))}
    sf.save_file(tensors, path, {"format": "pt"})
    from safetensors import safe_open

    with safe_open(str(path), "np") as f:
        assert f.metadata() == {"format": "pt"}
        assert f.get_tensor("w").tolist() == [[0.5, -1.0, 2.0], [3.0, 4.0, 5.0]]
        assert f.get_tensor("h").dtype == numpy.float16 and f.get_tensor("h").tolist() == [1.0, 2.0]
        assert f.get_tensor("i").tolist() == [7, -8]
        assert f.get_tensor("e").shape == (0, 3)


def test_we_read_official_files(tmp_path):
    path = tmp_path / "theirs.safetensors"
    rng = numpy.random.default_rng(0)
    arrays = {"a": rng.standard_normal((3, 4)).astype(numpy.float32),
              "b": rng.standard_normal(5).astype(numpy.float16),
              "c": numpy.arange(6, dtype=numpy.int32).reshape(2, 3),
              "d": numpy.array([-3, 4], dtype=numpy.int8), "s": numpy.array(2.5, dtype=numpy.float64)}
    safetensors_numpy.save_file(arrays, str(path), metadata={"x": "y"})
    tensors, meta = sf.load_file(path)
    assert meta == {"x": "y"}
    for name, arr in arrays.items():
        assert tensors[name].shape == arr.shape
        assert tensors[name].tolist() == arr.reshape(-1).tolist()
