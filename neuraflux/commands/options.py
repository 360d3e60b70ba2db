"""The CLI's shared flag groups, their checked value types, and flag values -> the objects core
takes. Every numeric flag is validated here, at parse time, so a bad value is one line naming
the flag before any work starts."""
import argparse
import math
import sys

from ..core.config import PRESETS
from ..core.sampling import SamplingOptions

BACKENDS = ("auto", "lite", "torch")

MODEL_HELP = ("checkpoint folder, GGUF file, Hugging Face llama/gpt2 folder, or a pulled model's name "
              "(smollm2); default: the shipped model")


class HelpFormatter(argparse.HelpFormatter):
    """Shows each flag's default after its help, unless the help already says it (or it is unset)."""

    def _get_help_string(self, action):
        text = action.help or ""
        default = action.default
        if ("default" in text.lower() or default is None or default is False or default is argparse.SUPPRESS
                or not action.option_strings or default == []):
            return text
        return f"{text} (default: %(default)s)"


class DeprecatedAlias(argparse.Action):
    """An old spelling of a flag: still works for one release, with a note naming the new one."""

    def __init__(self, option_strings, dest, new=None, **kwargs):
        self.new = new
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"neuraflux: note: {option_string} is deprecated here; use {self.new} (the old spelling goes in "
              "the next release)", file=sys.stderr)
        setattr(namespace, self.dest, values)


def deprecated_alias(p, old, new, **kwargs):
    """Accept `old` as a hidden, deprecated spelling of the flag `new` (same destination)."""
    dest = new.lstrip("-").replace("-", "_")
    p.add_argument(old, dest=dest, action=DeprecatedAlias, new=new, help=argparse.SUPPRESS,
                   default=argparse.SUPPRESS, **kwargs)


def check_required(args):
    """Flags that are required but have a deprecated alias cannot use argparse's `required`."""
    for dest, flag in getattr(args, "required_after_aliases", ()):
        if getattr(args, dest, None) in (None, []):
            raise argparse.ArgumentTypeError(f"the following arguments are required: {flag}")


def integer(minimum=None, maximum=None):
    """An argparse type: an integer within [minimum, maximum]."""
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None
        _check_range(value, minimum, maximum)
        return value

    parse.__name__ = "integer"
    return parse


def number(minimum=None, maximum=None, above=None):
    """An argparse type: a finite number within [minimum, maximum] (and > `above` if given)."""
    def parse(text):
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
        if above is not None and not value > above:
            raise argparse.ArgumentTypeError(f"must be greater than {above:g}, got {text}")
        _check_range(value, minimum, maximum)
        return value

    parse.__name__ = "number"
    return parse


def _check_range(value, minimum, maximum):
    if minimum is not None and value < minimum:
        raise argparse.ArgumentTypeError(f"must be at least {minimum:g}, got {value:g}")
    if maximum is not None and value > maximum:
        raise argparse.ArgumentTypeError(f"must be at most {maximum:g}, got {value:g}")


SEED = integer(0, 2 ** 63 - 1)
POSITIVE = integer(1)
COUNT = integer(0)
THREADS = integer(1, 1024)
SIZE = integer(1, 1 << 24)  # model dimensions and vocabularies


def sampling_flags(p, temperature=0.8, max_new_tokens=128):
    p.add_argument("-t", "--temperature", type=number(0, 100), default=temperature,
                   help="randomness of sampling; 0 = greedy")
    p.add_argument("--top-k", type=COUNT, default=40, help="sample among the k likeliest tokens; 0 = off")
    p.add_argument("--top-p", type=number(maximum=1, above=0), default=0.95,
                   help="nucleus sampling: the smallest set of tokens reaching this probability")
    p.add_argument("--repetition-penalty", type=number(above=0), default=1.1,
                   help="divide the logits of tokens already seen by this; 1 = off")
    p.add_argument("--seed", type=SEED, default=None, help="random seed, for repeatable sampling")
    p.add_argument("-n", "--max-new-tokens", type=integer(0, 10 ** 7), default=max_new_tokens,
                   help="stop after this many tokens")
    p.add_argument("--stop", action="append", default=[], help="stop string (repeatable)")


def backend_flags(p):
    p.add_argument("--backend", choices=BACKENDS, default=None,
                   help="lite (standard library) or torch; default: $NEURAFLUX_BACKEND, else torch when installed")
    p.add_argument("--device", default="auto", help="torch only: auto, cpu, cuda or cuda:N")


def model_shape_flags(p):
    p.add_argument("--preset", choices=sorted(PRESETS), default=None, help="a named model size to start from")
    p.add_argument("--vocab-size", type=SIZE, default=None, help="vocabulary size (ids)")
    for flag, text in (("hidden-size", "width of the residual stream"), ("num-layers", "transformer blocks"),
                       ("num-heads", "attention heads (must divide the hidden size)"),
                       ("intermediate-size", "width of each feed-forward layer"),
                       ("max-seq-len", "context length in tokens")):
        p.add_argument(f"--{flag}", type=SIZE, default=None, help=text)


def selection_flags(p):
    """--include/--exclude: which files under --docs folders are read (every command alike)."""
    p.add_argument("--include", action="append", default=None, help="glob of files to take (repeatable)")
    p.add_argument("--exclude", action="append", default=None, help="glob of files to skip (repeatable)")


def sampling_from_args(args):
    return SamplingOptions(temperature=args.temperature, top_k=args.top_k, top_p=args.top_p,
                           repetition_penalty=args.repetition_penalty, max_new_tokens=args.max_new_tokens,
                           seed=args.seed, stop=tuple(args.stop))
