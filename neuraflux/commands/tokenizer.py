"""`neuraflux tokenizer train|encode|decode`."""
import sys
import time

from ..core.data import read_texts
from ..core.errors import NeuraFluxError
from ..core.tokenizers import DEFAULT_SPECIAL_TOKENS, load_tokenizer, train_tokenizer
from . import emit_json


def run(args):
    action = args.tokenizer_command
    if action == "train":
        texts = [doc.text for doc in read_texts(args.input)]
        specials = DEFAULT_SPECIAL_TOKENS if args.special_tokens is None else tuple(args.special_tokens)
        start = time.perf_counter()
        tokenizer = train_tokenizer(texts, args.vocab_size, kind=args.kind, special_tokens=specials,
                                    progress=True)
        tokenizer.save(args.out)
        print(f"wrote {args.out}: {args.kind} tokenizer, {tokenizer.vocab_size} ids, "
              f"{sum(len(t.encode('utf-8')) for t in texts):,} bytes of text in {time.perf_counter() - start:.2f}s")
        return 0
    tokenizer = load_tokenizer(args.tokenizer)
    if action == "encode":
        text = sys.stdin.read() if args.text == "-" else args.text
        ids = tokenizer.encode(text)
        if args.json:
            emit_json({"ids": ids, "tokens": [tokenizer.id_to_token(i) for i in ids], "count": len(ids)})
        else:
            print(" ".join(map(str, ids)))
        return 0
    if action == "decode":
        try:
            ids = [int(x) for part in args.ids for x in part.replace(",", " ").split()]
        except ValueError:
            raise NeuraFluxError("ids must be integers, e.g. `neuraflux tokenizer decode --tokenizer T 72 101`") from None
        print(tokenizer.decode(ids))
        return 0
    raise NeuraFluxError("choose a tokenizer action: train, encode or decode")
