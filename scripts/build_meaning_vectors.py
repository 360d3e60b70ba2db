"""Build the shipped static meaning vectors (neuraflux/data/meaning) from a sentence encoder:
`python scripts/build_meaning_vectors.py [--encoder minilm] [--dims 64] [--out neuraflux/data/meaning]`
(needs torch and `neuraflux pull minilm`).

Each word piece of the encoder's vocabulary is read alone ("[CLS] piece [SEP]") and its output
state kept; the states are centred and projected on their first `dims` principal axes, weighted
by log(2 + vocabulary rank) (BERT's vocabulary lists frequent pieces first: rarer pieces say more),
and stored as int8 with one scale a row. The encoder's special pieces, unused slots and the
analyzer's stop words get zero rows. A sentence's vector is then the sum of its pieces' rows:
no model runs (core/meaning.py)."""
import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import torch  # noqa: E402

from neuraflux.core.backends import get_backend  # noqa: E402
from neuraflux.core.models import resolve_model  # noqa: E402
from neuraflux.core.retrieval.analyzer import STOP_WORDS  # noqa: E402
from neuraflux.core.safetensors import Tensor, save_file  # noqa: E402

DEFAULT_OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "neuraflux", "data", "meaning")


@torch.inference_mode()
def piece_states(encoder, batch=512):
    """(vocabulary size, hidden) output states of each piece read alone."""
    tokenizer, size = encoder.tokenizer, encoder.tokenizer.vocab_size
    out = []
    for start in range(0, size, batch):
        ids = torch.tensor([[tokenizer.cls_id, i, tokenizer.sep_id] for i in range(start, min(size, start + batch))])
        out.append(encoder.module(ids, torch.ones_like(ids, dtype=torch.bool)).float()[:, 1])
        print(f"\rreading pieces {min(size, start + batch)}/{size}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return torch.cat(out)


def silent_ids(tokenizer):
    """Pieces that carry no meaning of their own: specials, unused slots, stop words."""
    return {i for piece, i in tokenizer.vocab.items()
            if (piece.startswith("[") and piece.endswith("]")) or piece in STOP_WORDS}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--encoder", default="minilm")
    parser.add_argument("--dims", type=int, default=64)
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args()
    path = resolve_model(args.encoder)
    encoder = get_backend("torch").load_encoder(path, device="cpu")
    states = piece_states(encoder)
    centred = states - states.mean(0)
    _, _, axes = torch.linalg.svd(centred, full_matrices=False)
    vectors = centred @ axes[:args.dims].T
    vectors *= torch.log(torch.arange(len(vectors), dtype=torch.float32) + 2)[:, None]
    vectors[sorted(silent_ids(encoder.tokenizer))] = 0.0
    scales = vectors.abs().amax(1) / 127
    codes = torch.round(vectors / scales.clamp_min(1e-12)[:, None])  # zero rows stay zero
    os.makedirs(args.out, exist_ok=True)
    tensors = {"codes": Tensor.from_values(codes.to(torch.int8).flatten().tolist(), codes.shape, "I8"),
               "scales": Tensor.from_values(scales.tolist(), scales.shape, "F32")}
    source = os.path.basename(os.path.normpath(path))
    save_file(tensors, os.path.join(args.out, "vectors.safetensors"),
              {"source": encoder.identity, "encoder": source, "dims": str(args.dims),
               "license": "derived from sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) when built from minilm",
               "method": "piece states alone, centred, principal axes, log-rank weights, int8 rows"})
    shutil.copyfile(os.path.join(path, "vocab.txt"), os.path.join(args.out, "vocab.txt"))
    size = sum(os.path.getsize(os.path.join(args.out, f)) for f in os.listdir(args.out))
    print(f"{len(vectors)} pieces x {args.dims} dims -> {args.out} ({size / 1e6:.1f} MB); "
          f"explained variance {float((centred @ axes[:args.dims].T).var(0).sum() / centred.var(0).sum()):.1%}")


if __name__ == "__main__":
    main()
