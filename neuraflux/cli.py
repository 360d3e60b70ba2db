"""`neuraflux ...` / `python -m neuraflux ...`: argument parsing only; each command lives in
neuraflux/commands/. Every NeuraFluxError is printed as one line on stderr with exit code 1."""
import argparse
import importlib
import os
import sys

from . import __version__
from .commands.options import BACKENDS, SEED, SIZE, backend_flags, model_shape_flags, sampling_flags
from .core.errors import NeuraFluxError

class _Parser(argparse.ArgumentParser):
    """argparse that reports bad flags as one line and exit code 1 (not 2 with usage)."""

    def error(self, message):
        raise NeuraFluxError(f"{self.prog}: {message} (see --help)")


def build_parser():
    parser = _Parser(prog="neuraflux", description="Small language models with retrieval-augmented generation.")
    parser.add_argument("--version", action="version", version=f"neuraflux {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("info", help="versions, backends and fast built-ins")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("inspect", help="tensors, shapes and config of a checkpoint or .safetensors file")
    p.add_argument("path")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("init", help="write a randomly initialised checkpoint folder")
    p.add_argument("--out", required=True, help="checkpoint folder to create (new or empty)")
    p.add_argument("--force", action="store_true",
                   help="write into a non-empty folder: its checkpoint files are replaced, other files kept")
    model_shape_flags(p)
    p.add_argument("--tokenizer", help="tokenizer.json to ship with the model (sets the vocab size)")
    p.add_argument("--seed", type=SEED, default=0, help="random seed of the initial weights")
    p.add_argument("--backend", choices=BACKENDS, default=None)
    p.add_argument("--dtype", choices=("float32", "float16", "bfloat16", "int8"), default="float32")

    p = sub.add_parser("generate", help="continue a prompt (no retrieval)")
    p.add_argument("-m", "--model", default=None, help="checkpoint folder (default: the shipped model)")
    p.add_argument("-p", "--prompt", required=True)
    sampling_flags(p)
    backend_flags(p)
    p.add_argument("--dtype", choices=("float32", "bfloat16", "float16"), default="float32")
    p.add_argument("--compile", action="store_true")
    p.add_argument("--ignore-eos", action="store_true", help="keep going past end-of-text (for timing)")
    p.add_argument("--json", action="store_true")

    tok = sub.add_parser("tokenizer", help="train and use tokenizers").add_subparsers(
        dest="tokenizer_command", metavar="ACTION", parser_class=_Parser)
    p = tok.add_parser("train", help="train a tokenizer on text files")
    p.add_argument("--input", nargs="+", required=True)
    p.add_argument("--vocab-size", type=SIZE, required=True, help="ids in the vocabulary (BPE: at least 256 + specials)")
    p.add_argument("--out", required=True)
    p.add_argument("--kind", choices=("bpe", "word"), default="bpe")
    p.add_argument("--special-tokens", nargs="*", default=None)
    p = tok.add_parser("encode", help="text -> ids")
    p.add_argument("--tokenizer", required=True)
    p.add_argument("text", nargs="?", default="-", help="text, or - for stdin")
    p.add_argument("--json", action="store_true")
    p = tok.add_parser("decode", help="ids -> text")
    p.add_argument("--tokenizer", required=True)
    p.add_argument("ids", nargs="+")

    from .commands import train as train_cmd  # stdlib-only module: argument definitions
    train_cmd.add_parsers(sub)
    from .commands import retrieval as retrieval_cmd
    retrieval_cmd.add_parsers(sub)
    from .commands import chat as chat_cmd
    chat_cmd.add_parsers(sub)
    return parser


HANDLERS = {
    "info": "neuraflux.commands.info:info",
    "inspect": "neuraflux.commands.info:inspect",
    "init": "neuraflux.commands.model:init",
    "generate": "neuraflux.commands.model:generate",
    "tokenizer": "neuraflux.commands.tokenizer:run",
    "train": "neuraflux.commands.train:train",
    "eval": "neuraflux.commands.train:evaluate",
    "plot": "neuraflux.commands.train:plot",
    "index": "neuraflux.commands.retrieval:index",
    "search": "neuraflux.commands.retrieval:search",
    "chat": "neuraflux.commands.chat:chat",
    "ask": "neuraflux.commands.chat:ask",
}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv or os.environ.get("NEURAFLUX_DEBUG") == "1"
    try:
        args = build_parser().parse_args(argv)
        if not args.command:
            build_parser().print_help()
            return 0
        module_name, func_name = HANDLERS[args.command].split(":")
        return getattr(importlib.import_module(module_name), func_name)(args) or 0
    except NeuraFluxError as exc:
        if debug:
            raise
        print(f"neuraflux: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if debug:
            raise
        print("neuraflux: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if debug:
            raise
        print(f"neuraflux: error: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}".rstrip(": "),
              file=sys.stderr)
        return 1
    except MemoryError:
        if debug:
            raise
        print("neuraflux: error: out of memory (the input or model is too large for this machine)", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: still one line, with the way to see more
        if debug:
            raise
        print(f"neuraflux: internal error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''} "
              "(run with --debug for the traceback, and please report it)", file=sys.stderr)
        return 70
