"""`neuraflux ...` / `python -m neuraflux ...`: argument parsing only; each command lives in
neuraflux/commands/. Every NeuraFluxError is printed as one line on stderr with exit code 1."""
import argparse
import importlib
import os
import sys

from . import __version__
from .commands.options import HelpFormatter, check_required
from .core.errors import NeuraFluxError

class _Parser(argparse.ArgumentParser):
    """argparse that reports bad flags as one line and exit code 1 (not 2 with usage), and shows
    defaults in --help."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message):
        raise NeuraFluxError(f"{self.prog}: {message} (see --help)")

    def parse_args(self, args=None, namespace=None):
        parsed = super().parse_args(args, namespace)
        try:
            check_required(parsed)
        except argparse.ArgumentTypeError as exc:
            self.error(str(exc))
        return parsed


def build_parser():
    parser = _Parser(prog="neuraflux", description="Small language models with retrieval-augmented generation.")
    parser.add_argument("--version", action="version", version=f"neuraflux {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    from .commands import info as info_cmd, model as model_cmd, pull as pull_cmd, tokenizer as tokenizer_cmd

    info_cmd.add_parsers(sub)
    pull_cmd.add_parsers(sub)
    model_cmd.add_parsers(sub)
    tokenizer_cmd.add_parsers(sub)
    from .commands import train as train_cmd  # stdlib-only module: argument definitions
    train_cmd.add_parsers(sub)
    from .commands import retrieval as retrieval_cmd
    retrieval_cmd.add_parsers(sub)
    from .commands import chat as chat_cmd
    chat_cmd.add_parsers(sub)
    from .commands import serve as serve_cmd
    serve_cmd.add_parsers(sub)
    return parser


HANDLERS = {
    "info": "neuraflux.commands.info:info",
    "inspect": "neuraflux.commands.info:inspect",
    "init": "neuraflux.commands.model:init",
    "generate": "neuraflux.commands.model:generate",
    "convert": "neuraflux.commands.model:convert",
    "tokenizer": "neuraflux.commands.tokenizer:run",
    "train": "neuraflux.commands.train:train",
    "eval": "neuraflux.commands.train:evaluate",
    "plot": "neuraflux.commands.train:plot",
    "index": "neuraflux.commands.retrieval:index",
    "search": "neuraflux.commands.retrieval:search",
    "chat": "neuraflux.commands.chat:chat",
    "ask": "neuraflux.commands.chat:ask",
    "pull": "neuraflux.commands.pull:pull",
    "serve": "neuraflux.commands.serve:serve",
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
