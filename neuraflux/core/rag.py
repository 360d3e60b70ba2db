"""NanoRAG: question -> retrieve -> a prompt that fits the context -> generate -> an answer
that cites its sources. One implementation for every backend."""
from dataclasses import dataclass, field

from .generation import GenerationStats, stream_text
from .prompt import format_prompt, format_turns
from .sampling import SamplingOptions

ANSWER_STOPS = ("\nQuestion:", "\nContext:", "\n\n\n")


@dataclass
class Answer:
    """The answer text, the sources shown to the model, and how it went."""

    text: str
    sources: list
    stats: GenerationStats
    notices: list = field(default_factory=list)
    prompt_tokens: int = 0


class NanoRAG:
    """Answers questions with a language model over retrieved passages.

    `retriever` may be None (no retrieval: the question alone). Prompts never exceed the
    model's context: older chat turns go first, then the least relevant passages, then the
    tail of the last passage; the question is always kept whole.
    """

    def __init__(self, model, retriever=None, top_k=3, mode="auto", system=None):
        self.model, self.tokenizer = model, model.tokenizer
        self.retriever, self.top_k, self.mode, self.system = retriever, top_k, mode, system
        self.last = None

    def retrieve(self, question):
        if self.retriever is None or self.top_k <= 0:
            return []
        return self.retriever.search(question, top_k=self.top_k, mode=self.mode)

    def _encode(self, hits, turns, question, passage_texts=None):
        passages = [(h.title, t) for h, t in zip(hits, passage_texts or [h.text for h in hits])]
        text = format_turns(turns, "") + format_prompt(passages, question, self.system)
        ids = self.tokenizer.encode(text)
        bos = self.tokenizer.bos_id
        return ([bos] if bos is not None else []) + ids

    def build_prompt(self, question, hits, history=(), max_new_tokens=128):
        """(prompt ids, hits kept, notices)."""
        limit = self.model.config.max_seq_len
        budget = limit - max(1, min(max_new_tokens, limit // 3))
        turns, hits, notices = list(history), list(hits), []
        ids = self._encode(hits, turns, question)
        dropped_turns = 0
        while len(ids) > budget and turns:
            turns.pop(0)
            dropped_turns += 1
            ids = self._encode(hits, turns, question)
        if dropped_turns:
            notices.append(f"context full: dropped the {dropped_turns} oldest chat turn(s)")
        dropped = 0
        while len(ids) > budget and len(hits) > 1:
            hits.pop()
            dropped += 1
            ids = self._encode(hits, turns, question)
        if dropped:
            notices.append(f"context full: left out the {dropped} least relevant passage(s)")
        if len(ids) > budget and hits:
            words = hits[-1].text.split()
            texts = [h.text for h in hits]
            while len(ids) > budget and words:
                words = words[:max(0, len(words) - max(1, (len(ids) - budget)))]
                texts[-1] = " ".join(words)
                ids = self._encode(hits, turns, question, texts)
            if not words:
                hits.pop()
                ids = self._encode(hits, turns, question)
            notices.append("context full: shortened the last passage")
        return ids, hits, notices

    def stream(self, question, options=None, history=(), notice=None):
        """Yield answer text as it is generated; `self.last` holds the Answer afterwards."""
        options = options or SamplingOptions()
        options = options.replace(stop=tuple(options.stop) + ANSWER_STOPS)
        hits = self.retrieve(question)
        ids, used, notices = self.build_prompt(question, hits, history, options.max_new_tokens)
        for message in notices:
            if notice:
                notice(message)
        stats = GenerationStats(len(ids))
        pieces = []
        self.last = Answer("", used, stats, notices, len(ids))
        for piece in stream_text(self.model, self.tokenizer, ids, options, notice=notice, stats=stats):
            pieces.append(piece)
            self.last.text = "".join(pieces)
            yield piece
        self.last.text = "".join(pieces).strip()

    def answer(self, question, options=None, history=(), notice=None):
        for _ in self.stream(question, options, history, notice):
            pass
        return self.last
