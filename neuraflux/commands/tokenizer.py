"""`neuraflux tokenizer train|encode|decode`."""
import sys
import time

from ..core.errors import NeuraFluxError
from . import emit_json
from .options import SIZE, deprecated_alias, selection_flags


def add_parsers(sub):
    top = sub.add_parser("tokenizer", help="train and use tokenizers")
    tok = top.add_subparsers(dest="tokenizer_command", metavar="ACTION", parser_class=type(top))
    p = tok.add_parser("train", help="train a tokenizer on text files")
    p.add_argument("--docs", nargs="+", default=None, help="text files or folders to learn from")
    deprecated_alias(p, "--input", "--docs", nargs="+")
    selection_flags(p)
    p.add_argument("--vocab-size", type=SIZE, required=True, help="ids in the vocabulary (BPE: at least 256 + specials)")
    p.add_argument("--out", required=True, help="tokenizer.json to write")
    p.add_argument("--kind", choices=("bpe", "word"), default="bpe", help="byte-level BPE, or whole words")
    p.add_argument("--special-tokens", nargs="*", default=None,
                   help="special tokens, in id order (default: <|pad|> <|bos|> <|eos|> <|unk|>)")
    p.set_defaults(required_after_aliases=[("docs", "--docs")])
    p = tok.add_parser("encode", help="text -> ids")
    p.add_argument("--tokenizer", required=True, help="tokenizer.json")
    p.add_argument("text", nargs="?", default="-", help="text, or - for stdin")
    p.add_argument("--json", action="store_true", help="print ids and tokens as JSON")
    p = tok.add_parser("decode", help="ids -> text")
    p.add_argument("--tokenizer", required=True, help="tokenizer.json")
    p.add_argument("ids", nargs="+", help="token ids (spaces or commas between them)")


def run(args):
    action = args.tokenizer_command
    from ..core.documents import read_texts
    from ..core.tokenizers import DEFAULT_SPECIAL_TOKENS, load_tokenizer, train_tokenizer

    if action == "train":
        texts = [doc.text for doc in read_texts(args.docs, include=args.include, exclude=args.exclude)]
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
