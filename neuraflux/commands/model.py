"""`neuraflux init` and `neuraflux generate`."""
import os
import sys

from ..core.errors import NeuraFluxError
from .options import (BACKENDS, MODEL_HELP, SEED, backend_flags, deprecated_alias, model_shape_flags, sampling_flags,
                      sampling_from_args)


def add_parsers(sub):
    p = sub.add_parser("init", help="write a randomly initialised checkpoint folder")
    p.add_argument("--out", required=True, help="checkpoint folder to create (new or empty)")
    p.add_argument("--force", action="store_true",
                   help="write into a non-empty folder: its checkpoint files are replaced, other files kept")
    model_shape_flags(p)
    p.add_argument("--tokenizer", help="tokenizer.json to ship with the model (sets the vocab size); "
                   "default: a byte-level tokenizer (260 ids)")
    p.add_argument("--seed", type=SEED, default=0, help="random seed of the initial weights")
    p.add_argument("--backend", choices=BACKENDS, default=None, help="backend that draws the weights")
    p.add_argument("--storage-dtype", choices=("float32", "float16", "bfloat16", "int8"), default="float32",
                   help="precision the weights are stored in")
    deprecated_alias(p, "--dtype", "--storage-dtype", choices=("float32", "float16", "bfloat16", "int8"))

    p = sub.add_parser("convert", help="a GGUF file or Hugging Face folder as a neuraflux checkpoint folder")
    p.add_argument("source", help="GGUF file, Hugging Face llama/gpt2 folder, or a pulled model's name (smollm2)")
    p.add_argument("--out", required=True, help="checkpoint folder to create (new or empty)")
    p.add_argument("--storage-dtype", choices=("float32", "float16", "bfloat16", "int8"), default="float16",
                   help="precision the weights are stored in (int8: per-row scales)")
    deprecated_alias(p, "--dtype", "--storage-dtype", choices=("float32", "float16", "bfloat16", "int8"))
    p.add_argument("--force", action="store_true",
                   help="write into a non-empty folder: its checkpoint files are replaced, other files kept")

    p = sub.add_parser("generate", help="continue a prompt (no retrieval)")
    p.add_argument("-m", "--model", default=None, help=MODEL_HELP)
    p.add_argument("-p", "--prompt", required=True, help="the text to continue")
    sampling_flags(p)
    backend_flags(p)
    p.add_argument("--dtype", choices=("float32", "bfloat16", "float16", "int8"), default="float32",
                   help="torch compute dtype (int8: pretrained Llama-family models only: int8 weights per row, "
                        "bfloat16 matmuls; SmolLM2 decodes ~1.5x faster on CPU, logits move by up to ~1.6 "
                        "on a scale of ~36)")
    p.add_argument("--compile", action="store_true", help="torch.compile the model first (slow start, faster decode)")
    p.add_argument("--ignore-eos", action="store_true", help="keep going past end-of-text (for timing)")
    p.add_argument("--json", action="store_true", help="print the text, generated ids and timing as JSON")


def config_from_args(args, base="base"):
    """A NanoConfig from --preset plus any per-field overrides on the command line."""
    from ..core.config import preset

    fields = {name: getattr(args, name, None) for name in
              ("vocab_size", "hidden_size", "num_layers", "num_heads", "intermediate_size", "max_seq_len")}
    for name in ("dropout",):
        fields[name] = getattr(args, name, None)
    lm_head = getattr(args, "lm_head_transform", None)
    if lm_head is not None:
        fields["lm_head_transform"] = lm_head
    return preset(args.preset or base, **fields)


def backend_options(args, backend):
    """The model options given on the command line that this backend takes (`model_options`)."""
    given = {"device": getattr(args, "device", "auto")}
    if getattr(args, "dtype", None) in ("bfloat16", "float16", "float32", "int8"):
        given["dtype"] = args.dtype
    if getattr(args, "compile", False):
        given["compile"] = True
    return {name: value for name, value in given.items() if name in backend.model_options}


def apply_threads(args, backend, config=None):
    """--threads N, or what measures fastest for the model's size (`backend.default_threads`)."""
    if not backend.supports_threads:
        return
    threads = getattr(args, "threads", None)
    if threads is None and config is not None:
        threads = backend.default_threads(config)
    if threads:
        backend.set_threads(threads)


def load_model(args, path=None):
    """The model named by --model (or the shipped default) on the chosen backend."""
    from ..core.backends import get_backend
    from ..core.defaults import default_model_path
    from ..core.models import KNOWN, resolve_model
    from ..core.pretrained import open_checkpoint

    backend = get_backend(args.backend)
    path = path or getattr(args, "model", None) or default_model_path()
    if path in KNOWN:  # e.g. `-m smollm2` after `neuraflux pull smollm2`
        path = resolve_model(path)
    checkpoint = open_checkpoint(path)
    if checkpoint is None:  # a Llama-family model: the backend reads it itself
        return backend, load_pretrained(args, backend, path)
    apply_threads(args, backend, checkpoint.config)
    if checkpoint.tokenizer is None:
        raise NeuraFluxError(f"{checkpoint.path} has no tokenizer.json, so it cannot read text")
    return backend, backend.model_from_checkpoint(checkpoint, **backend_options(args, backend))


def load_pretrained(args, backend, path):
    """A Llama-family model (GGUF file, Hugging Face folder, converted checkpoint) on `backend`."""
    if getattr(args, "threads", None):
        backend.set_threads(args.threads)
    model = backend.load_llama(path, **backend_options(args, backend))
    if model.tokenizer is None:
        raise NeuraFluxError(f"{path} has no tokenizer.json, so it cannot read text")
    return model


def check_target_free(path, force, what="folder"):
    """Refuse to write over a non-empty folder (or a file) unless --force was given."""
    from ..core.io import display_path

    if os.path.isfile(path) or (os.path.isdir(path) and os.listdir(path) and not force):
        kind = "a file" if os.path.isfile(path) else "a folder that is not empty"
        raise NeuraFluxError(f"{display_path(path)} is {kind}; choose a new {what}"
                             + ("" if os.path.isfile(path) else ", or pass --force to replace the checkpoint "
                                "files in it (other files are kept)"))


def check_fits_in_memory(config):
    """Refuse a model whose float32 weights alone exceed this machine's memory, before allocating."""
    need = 4 * config.num_parameters()
    try:
        have = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return
    if need > have:
        raise NeuraFluxError(f"a model of {config.num_parameters():,} parameters needs {need / 2**30:,.1f} GiB for its "
                             f"weights alone; this machine has {have / 2**30:,.1f} GiB")


def init(args):
    from ..core.backends import get_backend
    from ..core.checkpoint import save_checkpoint
    from ..core.tokenizers import ByteBPETokenizer, load_tokenizer

    check_target_free(args.out, args.force)
    # without --tokenizer, a byte-level one (256 bytes + the special tokens), so the model reads text
    tokenizer = load_tokenizer(args.tokenizer) if args.tokenizer else ByteBPETokenizer()
    config = config_from_args(args, base="tiny")
    if args.vocab_size is None:
        config = config.replace(vocab_size=tokenizer.vocab_size)
    if tokenizer.vocab_size > config.vocab_size:
        raise NeuraFluxError(f"--vocab-size {config.vocab_size} is smaller than the tokenizer's {tokenizer.vocab_size}")
    check_fits_in_memory(config)
    backend = get_backend(args.backend)
    save_checkpoint(args.out, config, backend.init_weights(config, seed=args.seed), tokenizer, dtype=args.storage_dtype)
    print(f"wrote {args.out}: {config.num_parameters():,} parameters "
          f"({config.num_parameters(False):,} without embeddings), backend {backend.name}")
    return 0


def convert(args):
    from ..core.convert import convert as convert_model
    from ..core.models import KNOWN, resolve_model

    source = resolve_model(args.source) if args.source in KNOWN else args.source
    check_target_free(args.out, args.force)
    config = convert_model(source, args.out, dtype=args.storage_dtype)
    print(f"wrote {args.out}: {config.num_parameters():,} parameters, stored as {args.storage_dtype}")
    return 0


def generate(args):
    from ..core.generation import GenerationStats, stream_text
    from . import emit_json

    backend, model = load_model(args)
    options = sampling_from_args(args)
    stats = GenerationStats()
    notices = []

    def notice(message):
        notices.append(message)
        print(f"neuraflux: note: {message}", file=sys.stderr)

    pieces = []
    for piece in stream_text(model, model.tokenizer, args.prompt, options, notice=notice, stats=stats,
                             ignore_eos=args.ignore_eos):
        pieces.append(piece)
        if not args.json:
            sys.stdout.write(piece)
            sys.stdout.flush()
    text = "".join(pieces)
    if args.json:
        emit_json({"prompt": args.prompt, "text": text, "token_ids": stats.token_ids,
                   "new_tokens": stats.new_tokens, "prompt_tokens": stats.prompt_tokens,
                   "tokens_per_second": round(stats.tokens_per_second, 2), "backend": backend.name,
                   "notices": notices})
    else:
        sys.stdout.write("\n")
    return 0
