"""`neuraflux train`, `neuraflux eval lm|retrieval` and `neuraflux plot`."""
import math
import os
import sys

from ..core.errors import NeuraFluxError
from .options import (COUNT, MODEL_HELP, POSITIVE, SEED, THREADS, backend_flags, deprecated_alias, integer,
                      model_shape_flags, number, selection_flags)


def add_parsers(sub):
    p = sub.add_parser("train", help="train a model on text files (torch backend; torchrun for several processes)")
    p.add_argument("--docs", nargs="+", default=None, help="text/markdown/.jsonl files or folders to train on")
    deprecated_alias(p, "--data", "--docs", nargs="+")
    p.set_defaults(required_after_aliases=[("docs", "--docs")])
    selection_flags(p)
    p.add_argument("--out", required=True, help="run folder (checkpoints, metrics.jsonl)")
    p.add_argument("--tokenizer", help="reuse this tokenizer.json instead of training one")
    model_shape_flags(p)
    p.add_argument("--dropout", type=number(0, 0.99), default=None, help="dropout probability while training")
    p.add_argument("--lm-head-transform", dest="lm_head_transform", action="store_true", default=None,
                   help="a dense + LayerNorm layer before the output projection (the seed's head)")
    p.add_argument("--no-lm-head-transform", dest="lm_head_transform", action="store_false",
                   help="project the final hidden state straight to the vocabulary (GPT-2's head)")
    p.add_argument("--val-docs", nargs="+", default=None, help="validation files (default: 10%% of the documents)")
    deprecated_alias(p, "--val-data", "--val-docs", nargs="+")
    p.add_argument("--max-steps", type=POSITIVE, default=1000, help="optimizer steps in all (default 1000)")
    p.add_argument("--batch-size", type=POSITIVE, default=12, help="sequences per step and process (default 12)")
    p.add_argument("--block-size", type=integer(2), default=None, help="tokens per training sequence (default: the context)")
    p.add_argument("--grad-accum", type=POSITIVE, default=1, help="micro-batches summed per step (default 1)")
    p.add_argument("--lr", type=number(above=0, maximum=10), default=1e-3, help="peak learning rate (default 1e-3)")
    p.add_argument("--min-lr", type=number(0, 10), default=None, help="learning rate at the end of the cosine decay (default lr/10)")
    p.add_argument("--warmup", type=COUNT, default=100, help="linear warm-up steps (default 100)")
    p.add_argument("--weight-decay", type=number(0, 10), default=0.1, help="AdamW weight decay of the matrices (default 0.1)")
    p.add_argument("--eval-interval", type=POSITIVE, default=100, help="steps between validations (default 100)")
    p.add_argument("--eval-batches", type=POSITIVE, default=20, help="batches per validation (default 20)")
    p.add_argument("--log-interval", type=POSITIVE, default=10, help="steps between progress lines (default 10)")
    p.add_argument("--save-interval", type=POSITIVE, default=None, help="steps between checkpoints (default: --eval-interval)")
    p.add_argument("--device", default="auto", help="auto, cpu, cuda or cuda:N")
    p.add_argument("--dtype", choices=("float32", "bfloat16"), default="float32",
                   help="bfloat16 autocast: about 2.4x faster on CPUs with native bfloat16 (AVX512-BF16, AMX); "
                        "weights and optimizer state stay float32")
    p.add_argument("--compile", action="store_true", help="torch.compile the model (slow start, faster steps)")
    p.add_argument("--seed", type=SEED, default=1337, help="random seed of weights and data order (default 1337)")
    p.add_argument("--resume", action="store_true", help="continue from the run folder's latest checkpoint")
    p.add_argument("--overwrite", action="store_true",
                   help="start over in a folder that holds a run: its checkpoints and metrics are deleted")
    p.add_argument("--threads", type=THREADS, default=None, help="torch CPU threads")

    ev = sub.add_parser("eval", help="evaluate a language model or a retriever").add_subparsers(
        dest="eval_command", metavar="WHAT", parser_class=type(p))  # the CLI's one-line-error parser
    p = ev.add_parser("lm", help="loss and perplexity of a model on a text file")
    p.add_argument("-m", "--model", default=None, help=MODEL_HELP)
    p.add_argument("--docs", nargs="+", default=None, help="held-out text files or folders to score")
    deprecated_alias(p, "--data", "--docs", nargs="+")
    p.set_defaults(required_after_aliases=[("docs", "--docs")])
    p.add_argument("--stride", type=POSITIVE, default=None, help="tokens the scoring window moves by (default: half the context)")
    p.add_argument("--json", action="store_true", help="print loss, perplexity and token count as JSON")
    backend_flags(p)
    p = ev.add_parser("retrieval", help="nDCG@10, Recall@100, MRR@10 on a BEIR-format dataset")
    p.add_argument("--corpus", required=True, help="BEIR corpus.jsonl")
    p.add_argument("--queries", required=True, help="BEIR queries.jsonl")
    p.add_argument("--qrels", required=True, help="BEIR qrels .tsv (query-id, corpus-id, score)")
    p.add_argument("--mode", choices=("auto", "bm25", "dense", "hybrid"), default="bm25", help="how to search")
    from .retrieval import embedding_flags, fusion_flag

    embedding_flags(p)
    fusion_flag(p)
    p.add_argument("--index", default=None, help="where to build the index (default: a temporary file)")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    backend_flags(p)

    p = ev.add_parser("qa", help="answer a question set and score the answers (correct, F1, attribution, hit@k)")
    p.add_argument("--qa", required=True, help='JSON lines: {"question", "answers", "facts", "source"}')
    p.add_argument("--docs", nargs="+", default=None, help="answer over these files/folders")
    p.add_argument("--index", default=None, help="answer over an index built with `neuraflux index`")
    p.add_argument("--embed-model", default=None,
                   help="with --docs: embed them with this sentence encoder and retrieve hybrid (see `ask --help`)")
    p.add_argument("--answer", choices=("extractive", "grounded", "generative"), default="extractive",
                   help="answer mode (see `neuraflux ask --help`)")
    p.add_argument("--top-docs", type=integer(1, 1000), default=3, help="passages per question; hit@k uses this k")
    p.add_argument("-m", "--model", default=None, help="model for the grounded/generative modes")
    p.add_argument("-n", "--max-new-tokens", type=integer(0, 10 ** 7), default=64, help="answer length limit when generating")
    p.add_argument("--threads", type=THREADS, default=None, help="CPU threads (torch) or processes (lite) for the model")
    p.add_argument("--dtype", choices=("float32", "bfloat16", "float16"), default="float32",
                   help="torch compute dtype")
    p.add_argument("--show", action="store_true", help="print each question, its answer and whether it is right")
    p.add_argument("--json", action="store_true", help="the summary and per-question rows as JSON")
    backend_flags(p)

    p = sub.add_parser("plot", help="plot a run's losses (matplotlib, or a terminal sparkline)")
    p.add_argument("run_dir", help="a training run folder, or its metrics.jsonl")
    p.add_argument("-o", "--output", default=None, help="PNG file (needs matplotlib)")


SETTINGS = ("max_steps", "batch_size", "block_size", "grad_accum", "lr", "min_lr", "warmup", "weight_decay",
            "eval_interval", "eval_batches", "log_interval", "save_interval", "device", "dtype", "compile", "seed")


def train(args):
    from ..training import train as run_training
    from .model import config_from_args

    main_process = os.environ.get("RANK", "0") == "0"  # under torchrun, only rank 0 reports
    summary = {}
    try:
        summary = run_training(args.docs, args.out, config_from_args(args, base="small"), tokenizer=args.tokenizer,
                               vocab_size=args.vocab_size, val_docs=args.val_docs, resume=args.resume,
                               overwrite=args.overwrite, threads=args.threads, include=args.include,
                               exclude=args.exclude,
                               **{name: getattr(args, name) for name in SETTINGS})
    except KeyboardInterrupt:
        if main_process:
            print("stopped; resume with the same command plus --resume")
        return 130
    if summary.get("latest") and main_process:
        print(f"done: step {summary['step']}, latest checkpoint {os.path.join(args.out, summary['latest'])}"
              + (f", best val loss {summary['best_val_loss']:.4f}" if math.isfinite(summary["best_val_loss"]) else ""))
    return 0


def evaluate(args):
    if args.eval_command == "retrieval":
        from .retrieval import eval_retrieval

        return eval_retrieval(args)
    if args.eval_command == "qa":
        from .qa import eval_qa

        return eval_qa(args)
    if args.eval_command != "lm":
        raise NeuraFluxError("choose what to evaluate: lm, retrieval or qa")
    from ..core.documents import read_texts
    from ..core.evaluation import evaluate_lm
    from . import emit_json
    from .model import load_model

    texts = [doc.text for doc in read_texts(args.docs)]  # before loading the model: bad input fails fast
    backend, model = load_model(args)
    result = evaluate_lm(model, model.tokenizer, texts, stride=args.stride)
    result["backend"] = backend.name
    if args.json:
        emit_json(result)
    else:
        print(f"loss {result['loss']:.6f}  perplexity {result['perplexity']:.4f}  tokens {result['tokens']:,}  "
              f"({backend.name})")
    return 0


SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values, width=60):
    if not values:
        return ""
    step = max(1, math.ceil(len(values) / width))
    points = [sum(values[i:i + step]) / len(values[i:i + step]) for i in range(0, len(values), step)]
    lo, hi = min(points), max(points)
    span = (hi - lo) or 1.0
    return "".join(SPARK[min(len(SPARK) - 1, int((v - lo) / span * (len(SPARK) - 1)))] for v in points)


def _metric_rows(rows, kind, field):
    """Rows of one kind with a numeric step and `field` (anything else in the file is passed over)."""
    def number(value):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)

    return [r for r in rows if isinstance(r, dict) and r.get("kind") == kind and number(r.get("step"))
            and number(r.get(field))]


def plot(args):
    path = os.path.join(args.run_dir, "metrics.jsonl") if os.path.isdir(args.run_dir) else args.run_dir
    from ..core.documents import iter_json_lines

    try:
        rows = [row for _, row in iter_json_lines(path)]
    except OSError as exc:
        raise NeuraFluxError(f"cannot read {path!r}: {exc.strerror}") from None
    train_rows = _metric_rows(rows, "train", "loss")
    eval_rows = _metric_rows(rows, "eval", "val_loss")
    if not train_rows:
        raise NeuraFluxError(f"{path} has no training rows yet")
    if args.output:
        try:
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
        except ImportError:
            raise NeuraFluxError('plotting to a file needs matplotlib: pip install "neuraflux[plot]"') from None
        fig, ax = plt.subplots(figsize=(8, 4.5))
        ax.plot([r["step"] for r in train_rows], [r["loss"] for r in train_rows], label="train loss")
        if eval_rows:
            ax.plot([r["step"] for r in eval_rows], [r["val_loss"] for r in eval_rows], "o-", label="val loss")
        ax.set_xlabel("step")
        ax.set_ylabel("loss")
        ax.legend()
        ax.grid(alpha=0.3)
        fig.savefig(args.output, dpi=120, bbox_inches="tight")
        print(f"wrote {args.output}")
        return 0
    losses = [r["loss"] for r in train_rows]
    print(f"train loss  {sparkline(losses)}  {losses[0]:.3f} -> {losses[-1]:.3f} (step {train_rows[-1]['step']})")
    if eval_rows:
        vals = [r["val_loss"] for r in eval_rows]
        print(f"val loss    {sparkline(vals)}  {vals[0]:.3f} -> {vals[-1]:.3f} (best {min(vals):.3f})")
    if sys.stdout.isatty():
        print("(pass -o loss.png for a plot; needs matplotlib)")
    return 0
