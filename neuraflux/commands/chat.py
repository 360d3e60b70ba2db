"""`neuraflux chat` and `neuraflux ask`."""


def _chat_flags(p, sampling_flags, backend_flags):
    p.add_argument("-m", "--model", default=None, help="checkpoint folder (default: the shipped model)")
    p.add_argument("--docs", nargs="+", default=None, help="chat over these files/folders")
    p.add_argument("--index", default=None, help="chat over an index built with `neuraflux index`")
    p.add_argument("--no-rag", action="store_true", help="no retrieval: the model alone")
    p.add_argument("-s", "--system", default=None, help="system prompt")
    p.add_argument("--top-docs", type=int, default=3, help="passages retrieved per question")
    p.add_argument("-v", "--verbose", action="store_true", help="print tokens/s after each answer")
    sampling_flags(p, temperature=0.7, max_new_tokens=96)
    backend_flags(p)
    p.add_argument("--dtype", choices=("float32", "bfloat16", "float16"), default="float32")


def add_parsers(sub, sampling_flags, backend_flags):
    p = sub.add_parser("chat", help="chat over documents (default: Python's docs, offline)")
    _chat_flags(p, sampling_flags, backend_flags)
    p = sub.add_parser("ask", help="one answer with its sources, for scripts")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    _chat_flags(p, sampling_flags, backend_flags)


def _check(args):
    from ..core.errors import NeuraFluxError

    if args.docs and args.index:
        raise NeuraFluxError("pass either --docs or --index, not both")
    if args.top_docs < 0:
        raise NeuraFluxError("--top-docs must be 0 or more")


def chat(args):
    from ..chat import chat_main

    _check(args)
    return chat_main(args)


def ask(args):
    from ..chat import ask_main

    _check(args)
    return ask_main(args)
