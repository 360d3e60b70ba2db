"""Checkpoint save time, side by side with the conversion it replaced (measured in the same run).

    python benchmarks/bench_save.py [--hidden-size 128 --num-layers 4 ...]

Rows: torch `tensors_from_module` (one memory copy per tensor) + `save_checkpoint`, the same
conversion done with `bytes(tensor.untyped_storage())` (what saves used before), and a lite
checkpoint save from Python floats. CPU seconds, best of --repeat.
"""
import argparse
import os
import tempfile

from common import cpu_time, machine_line, print_table

from neuraflux.core.checkpoint import save_checkpoint
from neuraflux.core.config import preset
from neuraflux.core.init import init_tensors
from neuraflux.core.safetensors import Tensor


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hidden-size", type=int, default=128)
    parser.add_argument("--num-layers", type=int, default=4)
    parser.add_argument("--vocab-size", type=int, default=65)
    parser.add_argument("--max-seq-len", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    config = preset("small", vocab_size=args.vocab_size, hidden_size=args.hidden_size, num_layers=args.num_layers,
                    num_heads=4, intermediate_size=4 * args.hidden_size, max_seq_len=args.max_seq_len)
    rows = []
    folder = tempfile.mkdtemp(prefix="bench-save-")
    lite_tensors = init_tensors(config, seed=0)
    seconds, _ = cpu_time(save_checkpoint, os.path.join(folder, "lite"), config, lite_tensors, repeat=args.repeat)
    rows.append(["lite: save_checkpoint (array-backed floats)", f"{seconds * 1000:.1f}"])
    try:
        import torch

        from neuraflux.torch_backend.model import NanoModel
        from neuraflux.torch_backend.runtime import tensors_from_module
    except ImportError:
        torch = None
    if torch is not None:
        module = NanoModel(config)
        seconds, _ = cpu_time(tensors_from_module, module, repeat=args.repeat)
        rows.append(["torch: tensors_from_module (one memory copy)", f"{seconds * 1000:.1f}"])
        seconds, _ = cpu_time(lambda: save_checkpoint(os.path.join(folder, "torch"), config,
                                                      tensors_from_module(module)), repeat=args.repeat)
        rows.append(["torch: whole save (convert + write + fsync)", f"{seconds * 1000:.1f}"])

        def old_conversion():
            return {name: Tensor("F32", tuple(p.shape), bytes(p.detach().float().contiguous().untyped_storage()))
                    for name, p in module.named_parameters()}

        seconds, _ = cpu_time(old_conversion, repeat=1)
        rows.append(["reference: bytes(untyped_storage()) (before)", f"{seconds * 1000:.1f}"])
    print(f"{machine_line()}; {config.num_parameters():,} parameters")
    print_table("checkpoint save (CPU ms, best of runs)", ["what", "ms"], rows)


if __name__ == "__main__":
    main()
