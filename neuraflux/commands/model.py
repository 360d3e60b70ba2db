"""`neuraflux init` and `neuraflux generate`."""
import os
import sys

from ..core.backends import get_backend
from ..core.checkpoint import load_checkpoint, save_checkpoint
from ..core.config import preset
from ..core.defaults import default_model_path
from ..core.errors import NeuraFluxError
from ..core.io import display_path
from ..core.generation import GenerationStats, stream_text
from ..core.tokenizers import load_tokenizer
from . import emit_json
from .options import sampling_from_args


def config_from_args(args, base="base"):
    """A NanoConfig from --preset plus any per-field overrides on the command line."""
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
    if getattr(args, "dtype", None) in ("bfloat16", "float16", "float32"):
        given["dtype"] = args.dtype
    if getattr(args, "compile", False):
        given["compile"] = True
    return {name: value for name, value in given.items() if name in backend.model_options}


SMALL_MODEL_PARAMETERS = 20_000_000  # below this, one CPU thread decodes fastest (thread sync dominates)


def apply_threads(args, backend, config=None):
    """--threads N, or for small models one thread: on a 2-core machine under load the default
    thread count decoded the shipped model at 2-5 tokens/s where one thread gave 75-126."""
    if not backend.supports_threads:
        return
    threads = getattr(args, "threads", None)
    if threads is None and config is not None and config.num_parameters() < SMALL_MODEL_PARAMETERS:
        threads = 1
    if threads:
        backend.set_threads(threads)


def load_model(args, path=None):
    """The model named by --model (or the shipped default) on the chosen backend."""
    backend = get_backend(args.backend)
    checkpoint = load_checkpoint(path or getattr(args, "model", None) or default_model_path())
    apply_threads(args, backend, checkpoint.config)
    if checkpoint.tokenizer is None:
        raise NeuraFluxError(f"{checkpoint.path} has no tokenizer.json, so it cannot read text")
    return backend, backend.model_from_checkpoint(checkpoint, **backend_options(args, backend))


def check_target_free(path, force, what="folder"):
    """Refuse to write over a non-empty folder (or a file) unless --force was given."""
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
    check_target_free(args.out, args.force)
    tokenizer = load_tokenizer(args.tokenizer) if args.tokenizer else None
    config = config_from_args(args, base="tiny")
    if tokenizer is not None and args.vocab_size is None:
        config = config.replace(vocab_size=tokenizer.vocab_size)
    if tokenizer is not None and tokenizer.vocab_size > config.vocab_size:
        raise NeuraFluxError(f"--vocab-size {config.vocab_size} is smaller than the tokenizer's {tokenizer.vocab_size}")
    check_fits_in_memory(config)
    backend = get_backend(args.backend)
    save_checkpoint(args.out, config, backend.init_weights(config, seed=args.seed), tokenizer, dtype=args.dtype)
    print(f"wrote {args.out}: {config.num_parameters():,} parameters "
          f"({config.num_parameters(False):,} without embeddings), backend {backend.name}")
    return 0


def generate(args):
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
