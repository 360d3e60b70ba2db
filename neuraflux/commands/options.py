"""Flag values -> the objects core takes (shared by every command that generates)."""
from ..core.sampling import SamplingOptions


def sampling_from_args(args):
    return SamplingOptions(temperature=args.temperature, top_k=args.top_k, top_p=args.top_p,
                           repetition_penalty=args.repetition_penalty, max_new_tokens=args.max_new_tokens,
                           seed=args.seed, stop=tuple(args.stop))
