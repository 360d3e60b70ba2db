"""The chat REPL and one-shot answering, on top of core/rag.py's NanoRAG.

Interactive on a terminal (line editing and history through `readline` when present);
when stdin is not a terminal, every line (or \"\"\"-block) read from it is one question.
"""
import contextlib
import os
import re
import sys

from .core.defaults import cache_dir
from .core.errors import NeuraFluxError
from .core.io import atomic_path
from .core.question_text import plain_question
from .core.rag import ANSWER_MODES

HELP = """Commands:
  /help              this help
  /sources           the passages behind the last answer and the sentences quoted from them
  /set KEY VALUE     answer (extractive|grounded|generative), temperature, top_k, top_p,
                     repetition_penalty, max_new_tokens, seed, top_docs, system
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
        """`backend_name`: a string, or a callable giving it (the model may load lazily)."""
        self.rag, self.options = rag, options
        self._backend_name = backend_name
        self.out, self.err, self.verbose = out, err, verbose
        self.style = Style(out)
        self.turns, self.last_sources, self.last_citations = [], [], []
        self.rag_enabled = rag.retriever is not None and rag.top_k > 0
        self._notified = set()

    @property
    def backend_name(self):
        return self._backend_name() if callable(self._backend_name) else self._backend_name

    def notice(self, message):
        key = message.split(":")[0]
        if key not in self._notified:  # each kind of notice once per session
            self._notified.add(key)
            print(self.style.dim(f"[{message}]"), file=self.err)

    # -- answering -----------------------------------------------------------------------
    def answer(self, question):
        """Stream one answer to `out`, then its sources; returns the Answer."""
        stream = self.rag.stream(question, self.options, self.turns, notice=self.notice,
                                 retrieval=self.rag_enabled)
        generating = self.rag.answer_mode != "extractive" or not self.rag_enabled
        waiting = generating and self.style.enabled
        if waiting:  # the model reads the prompt before its first word: say so meanwhile
            self.err.write(self.style.dim(f"reading {self.rag.top_k if self.rag_enabled else 0} sources…"))
            self.err.flush()
        try:
            for piece in stream:
                if waiting:
                    self.err.write("\r\033[K")
                    waiting = False
                self.out.write(piece)
                self.out.flush()
        except KeyboardInterrupt:
            stream.close()
            self.out.write(self.style.dim(" [stopped]"))
        if waiting:
            self.err.write("\r\033[K")
        answer = self.rag.last
        answer.stats.finish()
        self.out.write("\n")
        if answer.question and _words(answer.question) != _words(plain_question(question)):
            self.out.write(self.style.dim(f"[read as: {answer.question}]") + "\n")  # a typo undone, a follow-up
        self.turns.append((question, answer.text))
        self.last_sources, self.last_citations = answer.sources, answer.citations
        if answer.sources:
            names = "; ".join(f"[{i}] {h.title or h.doc_id} (chars {h.start}-{h.end})"
                              for i, h in enumerate(answer.sources, 1))
            self.out.write(self.style.dim(f"Sources: {names}") + "\n")
        self.out.flush()
        if self.verbose:
            generated = (f"{answer.prompt_tokens} prompt tokens, {answer.stats.new_tokens} new, "
                         f"{answer.stats.tokens_per_second:.1f} tokens/s, backend {self.backend_name}, "
                         if answer.stats.new_tokens else "")
            print(self.style.dim(f"[{answer.mode}, {generated}{answer.latency_ms:.0f} ms]"), file=self.err)
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
            self.turns, self.last_sources, self.last_citations = [], [], []
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
            elif key == "answer":
                if value not in ANSWER_MODES:
                    raise NeuraFluxError(f"answer must be one of {', '.join(ANSWER_MODES)}")
                self.rag.answer_mode = value
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
        print(f"answer {self.rag.answer_mode}, backend {self.backend_name}, retrieval {'on' if self.rag_enabled else 'off'}, top_docs {self.rag.top_k}\n"
              f"temperature {o.temperature}, top_k {o.top_k}, top_p {o.top_p}, repetition_penalty "
              f"{o.repetition_penalty}, max_new_tokens {o.max_new_tokens}, seed {o.seed}\n"
              f"system {self.rag.system!r}", file=self.out)

    def show_sources(self):
        if not self.last_sources:
            print("no sources for the last answer", file=self.out)
            return
        for i, hit in enumerate(self.last_sources, 1):
            quoted = [c for c in self.last_citations if c.source == i]
            print(f"[{i}] {self.style.bold(hit.title or hit.doc_id)}  {hit.path}:{hit.start}-{hit.end}  "
                  f"score {hit.score:.3f}", file=self.out)
            if quoted:
                for citation in quoted:
                    print(f"    quoted (chars {citation.start}-{citation.end}): {citation.sentence}", file=self.out)
            else:
                print(f"    {' '.join(hit.text.split())[:300]}", file=self.out)


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
    """Answer every message read from a non-terminal stream. Lines are decoded one at a time,
    so a line that is not UTF-8 is reported (by number) and skipped, and the rest still answered."""
    source = getattr(stream, "buffer", stream)
    number = 0

    def read_line():
        nonlocal number
        while True:
            line = source.readline()
            number += 1
            if not line:
                return None
            if isinstance(line, str):
                return line.rstrip("\n")
            try:
                return line.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as exc:
                print(f"neuraflux: warning: input line {number} is not UTF-8 (byte {exc.start}); skipped",
                      file=sys.stderr)

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


def _words(text):
    """The lower-case words of `text` (what "read as" compares)."""
    return re.findall(r"\w+", text.lower())
