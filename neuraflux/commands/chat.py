"""`neuraflux chat` and `neuraflux ask`: flags, and wiring them into a NanoRAG and a ChatSession."""
import hashlib
import os
import sys

from .options import MODEL_HELP, THREADS, backend_flags, integer, sampling_flags

ANSWER_HELP = ("extractive: quote the best sentences of the sources, verbatim, cited (no model needed); "
               "grounded: the model writes, copying only spans of the sources; generative: free generation")


def _chat_flags(p):
    from ..core.rag import ANSWER_MODES

    p.add_argument("-m", "--model", default=None, help=MODEL_HELP)
    p.add_argument("--docs", nargs="+", default=None, help="chat over these files/folders")
    p.add_argument("--index", default=None, help="chat over an index built with `neuraflux index`")
    p.add_argument("--no-rag", action="store_true", help="no retrieval: the model alone")
    p.add_argument("--embed-model", default=None,
                   help="with --docs: also embed the documents with this sentence encoder (a BERT folder, or "
                        "`minilm` after `neuraflux pull minilm`) and search hybrid")
    p.add_argument("--answer", choices=ANSWER_MODES, default=None,
                   help=ANSWER_HELP + " (default: grounded with a pretrained model given by -m, such as a GGUF "
                                      "file or smollm2; else extractive)")
    p.add_argument("-s", "--system", default=None, help="system prompt")
    p.add_argument("--top-docs", type=integer(1, 1000), default=3, help="passages retrieved per question")
    p.add_argument("-v", "--verbose", action="store_true", help="print timing (and tokens/s) after each answer")
    sampling_flags(p, temperature=0.7, max_new_tokens=96)
    backend_flags(p)
    p.add_argument("--dtype", choices=("float32", "bfloat16", "float16", "int8"), default="float32",
                   help="torch compute dtype (int8: pretrained Llama-family models only: int8 weights per row, "
                        "bfloat16 matmuls; SmolLM2 decodes ~1.5x faster on CPU, logits move by up to ~1.6 "
                        "on a scale of ~36)")
    p.add_argument("--threads", type=THREADS, default=None,
                   help="CPU threads (torch) or processes (lite) for the model (default: torch, 1 under 20M "
                        "parameters; lite, one per CPU up to 4 where the model is large enough to gain)")


def add_parsers(sub):
    p = sub.add_parser("chat", help="chat over documents (default: Python's docs, offline)")
    _chat_flags(p)
    p = sub.add_parser("ask", help="one answer with its sources, for scripts")
    p.add_argument("question", nargs="?", default=None,
                   help="the question to answer (before --docs, or last after it: `ask --docs notes \"Q?\"`)")
    p.add_argument("--json", action="store_true", help="print the answer, citations and sources as JSON")
    _chat_flags(p)


def _check(args):
    from ..core.errors import NeuraFluxError

    if args.docs and args.index:
        raise NeuraFluxError("pass either --docs or --index, not both")
    if args.top_docs < 0:
        raise NeuraFluxError("--top-docs must be 0 or more")
    from ..core.models import KNOWN

    if args.model and args.model not in KNOWN and not os.path.exists(args.model):  # extractive answers never load it
        raise NeuraFluxError(f"no model at {args.model!r}")
    if args.threads is not None and args.threads < 1:
        raise NeuraFluxError("--threads must be 1 or more")
    if args.answer is None:
        args.answer = default_answer_mode(args.model)
    if args.no_rag and args.answer != "generative":
        args.answer = "generative"  # without sources there is nothing to extract or copy


def default_answer_mode(model):
    """extractive, except for a pretrained (Llama-family) model named with -m: grounded, since
    that model is what the user asked to answer, and it writes well enough to."""
    from ..core.errors import NeuraFluxError
    from ..core.models import KNOWN, resolve_model
    from ..core.pretrained import pretrained_family

    if not model:
        return "extractive"
    try:
        return "grounded" if pretrained_family(resolve_model(model) if model in KNOWN else model) == "llama" \
            else "extractive"
    except NeuraFluxError:  # not pulled yet, unreadable: loading it will say why, if it is ever needed
        return "extractive"


def docs_index_path(paths):
    """A cache-folder index for a set of --docs paths (refreshed incrementally each time)."""
    from ..core.defaults import cache_dir

    key = hashlib.sha256("\n".join(sorted(os.path.abspath(p) for p in paths)).encode()).hexdigest()[:16]
    return os.path.join(cache_dir(), f"docs-{key}.sqlite")


def _open_docs_index(paths, log, embedder=None, backend=None):
    """The cache index for --docs, refreshed (reading only the files changed since the last
    run); one neuraflux wrote in an older format is rebuilt."""
    from ..core.errors import StaleIndexError
    from ..core.retrieval.build import refresh_from_files
    from ..core.retrieval.index import DocumentIndex, remove_index_files

    path = docs_index_path(paths)
    created = not os.path.exists(path)
    try:
        index = DocumentIndex(path)
    except StaleIndexError as exc:
        log(f"rebuilding the cached index of these documents ({exc.reason})")
        remove_index_files(path)  # our own cache file, written by an older neuraflux
        created, index = True, DocumentIndex(path)
    with index:
        refresh_from_files(index, paths, on_skip=lambda m: log(f"warning: {m}"), created=created)
        if embedder is not None:
            from .retrieval import store_vectors

            store_vectors(index, embedder, backend)
    return path


def build_rag(args, log):
    """(NanoRAG, backend name for display, source description) for the chat/ask flags. The
    model (and the backend with it) loads only when an answer needs it."""
    from ..core.knowledge import ensure_default_index
    from ..core.rag import NanoRAG
    from ..core.retrieval.retriever import Retriever
    from .model import load_model

    loaded = {}

    def model_loader():
        backend, model = load_model(args)
        loaded["backend"] = backend
        return model

    retriever, source, mode = None, "no documents", "bm25"
    if not args.no_rag:
        from argparse import Namespace

        from ..core.retrieval.index import DocumentIndex
        from .retrieval import make_embedder

        embed_args = Namespace(embed_model=args.embed_model, model=None, backend=args.backend, device=args.device)
        embedder, backend = make_embedder(embed_args) if args.embed_model else (None, None)
        if args.index:
            path, source = args.index, args.index
        elif args.docs:
            path, source = _open_docs_index(args.docs, log, embedder, backend), ", ".join(args.docs)
        else:
            path, source = ensure_default_index(progress=True, log=log), "Python's documentation"
        index = DocumentIndex(path, create=False)
        if embedder is not None and not args.docs:  # the knowledge base or --index: embed what lacks vectors
            from .retrieval import store_vectors

            store_vectors(index, embedder, backend)
        if embedder is None and index.meta().get("vector_kind") == "encoder" and index.has_vectors():
            embedder, backend = make_embedder(embed_args, index)  # the index's own sentence encoder
        retriever = Retriever(index, embedder, backend, warn=log)
        mode = "auto"  # hybrid when the index holds sentence embeddings, else BM25
    rag = NanoRAG(retriever=retriever, top_k=args.top_docs, mode=mode, system=args.system,
                  answer_mode=args.answer, load_model=model_loader)
    return rag, (lambda: loaded["backend"].name if "backend" in loaded else "none"), source


def _log(message):
    print(f"neuraflux: {message}", file=sys.stderr)


def chat(args):
    from ..chat import ChatSession, run_interactive, run_piped
    from .options import sampling_from_args

    _check(args)
    rag, backend_name, source = build_rag(args, _log)
    session = ChatSession(rag, sampling_from_args(args), backend_name, verbose=args.verbose)
    if sys.stdin.isatty():
        model_name = os.path.basename(os.path.normpath(args.model)) if args.model else "the shipped model"
        print(session.style.dim(f"Chatting over {source} ({args.answer} answers; model {model_name}). "
                                "/help for commands, /bye to leave."), file=sys.stderr)
        return run_interactive(session)
    return run_piped(session, sys.stdin)


def _question_after_docs(args):
    """`ask --docs notes "What port…?"`: --docs took the question too, as its last item; the
    question is that item when no file or folder of that name exists."""
    if args.question is None and args.docs and len(args.docs) >= 2 and not os.path.exists(args.docs[-1]):
        args.question = args.docs.pop()


def ask(args):
    from ..chat import ChatSession
    from . import emit_json
    from .options import sampling_from_args

    from ..core.errors import NeuraFluxError

    _question_after_docs(args)
    _check(args)
    if args.question is None:
        raise NeuraFluxError('ask needs a question: neuraflux ask "What does the pass statement do?"')
    if not args.question.strip():
        raise NeuraFluxError('the question is empty; ask one: neuraflux ask "What does the pass statement do?"')
    rag, backend_name, _ = build_rag(args, _log)
    options = sampling_from_args(args)
    if args.json:
        answer = rag.answer(args.question, options, notice=lambda m: _log(f"note: {m}"),
                            retrieval=not args.no_rag)
        payload = answer.to_dict()
        payload["backend"] = backend_name()
        if answer.stats.new_tokens:
            payload["tokens_per_second"] = round(answer.stats.tokens_per_second, 2)
        emit_json(payload)
        return 0
    session = ChatSession(rag, options, backend_name, verbose=args.verbose)
    session.answer(args.question)
    return 0
