"""The chat REPL and one-shot answering, on top of core/rag.py's NanoRAG.

Interactive on a terminal (line editing and history through `readline` when present);
when stdin is not a terminal, every line (or \"\"\"-block) read from it is one question.
"""
import contextlib
import hashlib
import os
import sys
import time

from .core.defaults import cache_dir
from .core.errors import NeuraFluxError
from .core.io import atomic_path
from .core.rag import NanoRAG
from .commands.model import sampling_from_args

HELP = """Commands:
  /help              this help
  /sources           the passages behind the last answer
  /set KEY VALUE     temperature, top_k, top_p, repetition_penalty, max_new_tokens, seed, top_docs, system
  /show              current settings
  /clear             forget the conversation
  /rag on|off        answer with or without retrieved passages
  /bye               leave (also: exit, quit, Ctrl-D)
Start and end a multi-line message with \"\"\". Ctrl-C stops an answer."""
HISTORY_LIMIT = 1000
EXIT_WORDS = {"/bye", "/exit", "exit", "quit", "/quit"}


class Style:
    """ANSI colour only for a terminal and never with $NO_COLOR."""

    def __init__(self, stream):
        self.enabled = hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("NO_COLOR")

    def __call__(self, text, code):
        return f"\033[{code}m{text}\033[0m" if self.enabled else text

    def dim(self, text):
        return self(text, "2")

    def bold(self, text):
        return self(text, "1")


class ChatSession:
    """Conversation state and the in-chat commands; prints to `out`, notices to `err`."""

    def __init__(self, rag, options, backend_name, out=sys.stdout, err=sys.stderr, verbose=False):
        self.rag, self.options, self.backend_name = rag, options, backend_name
        self.out, self.err, self.verbose = out, err, verbose
        self.style = Style(out)
        self.turns, self.last_sources = [], []
        self.rag_enabled = rag.retriever is not None and rag.top_k > 0
        self._notified = set()

    def notice(self, message):
        key = message.split(":")[0]
        if key not in self._notified:  # each kind of notice once per session
            self._notified.add(key)
            print(self.style.dim(f"[{message}]"), file=self.err)

    # -- answering -----------------------------------------------------------------------
    def answer(self, question):
        """Stream one answer to `out`, then its sources; returns the Answer."""
        top_k = self.rag.top_k
        if not self.rag_enabled:
            self.rag.top_k = 0
        try:
            stream = self.rag.stream(question, self.options, self.turns, notice=self.notice)
            try:
                for piece in stream:
                    self.out.write(piece)
                    self.out.flush()
            except KeyboardInterrupt:
                stream.close()
                self.out.write(self.style.dim(" [stopped]"))
        finally:
            self.rag.top_k = top_k
        answer = self.rag.last
        answer.stats.finish()
        self.out.write("\n")
        self.turns.append((question, answer.text))
        self.last_sources = answer.sources
        if answer.sources:
            names = "; ".join(f"[{i}] {h.title or h.doc_id} (chars {h.start}-{h.end})"
                              for i, h in enumerate(answer.sources, 1))
            self.out.write(self.style.dim(f"Sources: {names}") + "\n")
        self.out.flush()
        if self.verbose:
            print(self.style.dim(f"[{answer.prompt_tokens} prompt tokens, {answer.stats.new_tokens} new, "
                                 f"{answer.stats.tokens_per_second:.1f} tokens/s, backend {self.backend_name}]"),
                  file=self.err)
        return answer

    # -- commands ------------------------------------------------------------------------
    def command(self, line):
        """Run an in-chat command; returns False when the session should end."""
        parts = line.split(None, 2)
        name = parts[0].lower()
        if name in EXIT_WORDS:
            return False
        if name in ("/help", "/?"):
            print(HELP, file=self.out)
        elif name == "/sources":
            self.show_sources()
        elif name == "/show":
            self.show_settings()
        elif name == "/clear":
            self.turns, self.last_sources = [], []
            print("conversation cleared", file=self.out)
        elif name == "/rag":
            if len(parts) < 2 or parts[1].lower() not in ("on", "off"):
                print("usage: /rag on|off", file=self.out)
            elif parts[1].lower() == "on" and self.rag.retriever is None:
                print("no documents to retrieve from in this session", file=self.out)
            else:
                self.rag_enabled = parts[1].lower() == "on"
                print(f"retrieval {'on' if self.rag_enabled else 'off'}", file=self.out)
        elif name == "/set":
            self.set_option(parts[1:] if len(parts) > 1 else [])
        else:
            print(f"unknown command {name}; /help lists them", file=self.out)
        return True

    def set_option(self, args):
        if len(args) < 2:
            print("usage: /set KEY VALUE", file=self.out)
            return
        key, value = args[0].lower().replace("-", "_"), args[1]
        try:
            if key == "system":
                self.rag.system = value
            elif key in ("top_docs", "topdocs"):
                self.rag.top_k = int(value)
            else:
                parsers = {"temperature": float, "top_k": int, "top_p": float, "repetition_penalty": float,
                           "max_new_tokens": int, "seed": lambda v: None if v.lower() == "none" else int(v)}
                if key not in parsers:
                    raise NeuraFluxError(f"unknown setting {key!r}; /show lists them")
                self.options = self.options.replace(**{key: parsers[key](value)})
        except ValueError:
            print(f"bad value {value!r} for {key}", file=self.out)
            return
        except NeuraFluxError as exc:
            print(str(exc), file=self.out)
            return
        print(f"{key} = {value}", file=self.out)

    def show_settings(self):
        o = self.options
        print(f"backend {self.backend_name}, retrieval {'on' if self.rag_enabled else 'off'}, top_docs {self.rag.top_k}\n"
              f"temperature {o.temperature}, top_k {o.top_k}, top_p {o.top_p}, repetition_penalty "
              f"{o.repetition_penalty}, max_new_tokens {o.max_new_tokens}, seed {o.seed}\n"
              f"system {self.rag.system!r}", file=self.out)

    def show_sources(self):
        if not self.last_sources:
            print("no sources for the last answer", file=self.out)
            return
        for i, hit in enumerate(self.last_sources, 1):
            snippet = " ".join(hit.text.split())[:300]
            print(f"[{i}] {self.style.bold(hit.title or hit.doc_id)}  {hit.path}:{hit.start}-{hit.end}  "
                  f"score {hit.score:.3f}\n    {snippet}", file=self.out)


def read_message(read_line):
    """One message: a line, or a \"\"\"-delimited block. None at end of input."""
    line = read_line()
    if line is None:
        return None
    if line.strip().startswith('"""'):
        first = line.strip()[3:]
        if first.endswith('"""') and len(first) >= 3:
            return first[:-3]
        lines = [first] if first else []
        while True:
            more = read_line()
            if more is None or more.rstrip().endswith('"""'):
                if more is not None:
                    lines.append(more.rstrip()[:-3])
                return "\n".join(lines).strip()
            lines.append(more)
    return line


def converse(session, read_line, interactive=False):
    """Read messages until the end of input or a leaving command; answer or run each."""
    while True:
        try:
            message = read_message(read_line)
        except KeyboardInterrupt:
            if not interactive:
                raise
            print("\n(use Ctrl-D or /bye to leave)", file=session.out)
            continue
        if message is None:
            if interactive:
                print(file=session.out)
            return 0
        message = message.strip()
        if not message:
            continue
        if message.startswith("/") or message.lower() in EXIT_WORDS:
            if not session.command(message):
                return 0
            continue
        session.answer(message)


def run_piped(session, stream):
    def read_line():
        line = stream.readline()
        return None if line == "" else line.rstrip("\n")

    return converse(session, read_line)


def history_path():
    return os.environ.get("NEURAFLUX_HISTORY") or os.path.join(cache_dir(), "chat_history")


def _save_history(readline, path):
    try:
        readline.set_history_length(HISTORY_LIMIT)
        with atomic_path(path) as tmp:
            readline.write_history_file(tmp)
    except OSError as exc:
        print(f"neuraflux: warning: chat history not saved ({exc.strerror})", file=sys.stderr)


def run_interactive(session, prompt="> "):
    readline = None
    path = history_path()
    if not os.environ.get("NEURAFLUX_NOHISTORY"):
        with contextlib.suppress(ImportError):
            import readline
        if readline is not None:
            with contextlib.suppress(OSError):
                readline.read_history_file(path)

    def read_line(text=prompt):
        try:
            return input(session.style.bold(text) if session.style.enabled else text)
        except EOFError:
            return None

    try:
        return converse(session, read_line, interactive=True)
    finally:
        if readline is not None:
            _save_history(readline, path)


def docs_index_path(paths):
    """A cache-folder index for a set of --docs paths (refreshed incrementally each time)."""
    key = hashlib.sha256("\n".join(sorted(os.path.abspath(p) for p in paths)).encode()).hexdigest()[:16]
    return os.path.join(cache_dir(), f"docs-{key}.sqlite")


def build_rag(args, log):
    """NanoRAG for the chat/ask flags: model, backend, knowledge base."""
    from .commands.model import load_model
    from .core.knowledge import ensure_default_index
    from .core.retrieval.build import index_documents
    from .core.retrieval.index import DocumentIndex
    from .core.retrieval.ingest import load_documents
    from .core.retrieval.retriever import Retriever

    backend, model = load_model(args)
    retriever, source = None, "no documents"
    if not args.no_rag:
        if args.index:
            path, source = args.index, args.index
        elif args.docs:
            path = docs_index_path(args.docs)
            docs = load_documents(args.docs, on_skip=lambda m: log(f"warning: {m}"))
            if not docs:
                raise NeuraFluxError(f"no readable documents under {', '.join(args.docs)}")
            with DocumentIndex(path) as index:
                index_documents(index, docs, progress=True, prune_under=args.docs)
            source = ", ".join(args.docs)
        else:
            path, source = ensure_default_index(progress=True, log=log), "Python's documentation"
        retriever = Retriever(path, backend=backend, warn=log)
    rag = NanoRAG(model, retriever, top_k=args.top_docs, mode="bm25", system=args.system)
    return rag, backend, source


def chat_main(args):
    def log(message):
        print(f"neuraflux: {message}", file=sys.stderr)

    rag, backend, source = build_rag(args, log)
    session = ChatSession(rag, sampling_from_args(args), backend.name, verbose=args.verbose)
    model_name = os.path.basename(os.path.normpath(rag.model.path or "model"))
    interactive = sys.stdin.isatty()
    if interactive:
        print(session.style.dim(f"Chatting with {model_name} (backend={backend.name}) over {source}. "
                                "/help for commands, /bye to leave."), file=sys.stderr)
        return run_interactive(session)
    return run_piped(session, sys.stdin)


def ask_main(args):
    from .commands import emit_json

    def log(message):
        print(f"neuraflux: {message}", file=sys.stderr)

    rag, backend, _ = build_rag(args, log)
    options = sampling_from_args(args)
    if args.json:
        answer = rag.answer(args.question, options, notice=lambda m: log(f"note: {m}"))
        emit_json({"answer": answer.text,
                   "sources": [{"id": h.chunk_id, "title": h.title, "path": h.path, "score": round(h.score, 6)}
                               for h in answer.sources],
                   "backend": backend.name, "tokens_per_second": round(answer.stats.tokens_per_second, 2)})
        return 0
    session = ChatSession(rag, options, backend.name, verbose=args.verbose)
    session.answer(args.question)
    return 0
