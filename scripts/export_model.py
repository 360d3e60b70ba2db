"""Copy a run's best (or latest) checkpoint into a standalone folder, re-stored at a lower
precision: `python scripts/export_model.py RUN_DIR OUT_DIR [--dtype float16]`."""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from neuraflux.core.checkpoint import load_checkpoint, save_checkpoint  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("run_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--dtype", default="float16", choices=("float32", "float16", "bfloat16", "int8"))
    args = parser.parse_args()
    pointer = os.path.join(args.run_dir, "best")
    source = args.run_dir
    if os.path.isfile(pointer):
        with open(pointer, encoding="utf-8") as handle:
            source = os.path.join(args.run_dir, handle.read().strip())
    checkpoint = load_checkpoint(source)
    save_checkpoint(args.out_dir, checkpoint.config, checkpoint.tensors, checkpoint.tokenizer, dtype=args.dtype,
                    metadata={"source": os.path.basename(checkpoint.path)})
    size = sum(os.path.getsize(os.path.join(args.out_dir, f)) for f in os.listdir(args.out_dir))
    print(f"exported {checkpoint.path} -> {args.out_dir} ({args.dtype}, {size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
