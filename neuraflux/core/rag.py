"""NanoRAG: question -> retrieve -> evidence -> an answer that cites its sources. One
implementation for every backend.

Three answer modes:
- `extractive` (default): the best one to three evidence sentences, verbatim, each with its
  citation; "the documents do not seem to answer this" when the evidence is weak. No model
  forward at all, so the model is not even loaded.
- `grounded`: the model writes the answer, but may only copy spans of the evidence sentences
  (core/grounded.py); every stretch is supported by a cited passage.
- `generative`: free generation from a prompt of the evidence sentences (or whole passages).
"""
import time
from dataclasses import dataclass, field, replace

from .corpus import builtin_entry_admitted
from .errors import NeuraFluxError
from .evidence import (DEFAULT_TUNING, DocumentUnits, collection_tuning, distinct, is_small_collection, rank_evidence,
                       similar_coverage, widen_sources)
from .evidence.question import (LIGHT_WORDS, called_names, defining_phrases, focus_words, named_operator_quotes,
                                named_symbol_quotes, question_scaffold, special_names, stop_word_names,
                                without_placeholders, written_expressions)
from .extractive import Citation, abstain_text, choose_units, cite_narrowest, collection_options, render
from .generation import GenerationStats, stream_text, with_bos, without_leading_space
from .meaning import word_closeness
from .prompt import chat_format, format_chat, format_prompt, format_turns
from .question_text import (able_adjectives, asked_of_other, continued, corrected, dated_holidays, next_after,
                            plain_question, pleasantry_reply, spelled_out, with_antecedent, without_subject)
from .retrieval.analyzer import analyze
from .retrieval.lemmas import SYNONYMS, base_terms, family_words, plural_forms, synonym_words
from .sampling import SamplingOptions
from .sentence_idf import SentenceIdf

ANSWER_STOPS = ("\nQuestion:", "\nContext:", "\n\n\n")
ANSWER_MODES = ("extractive", "grounded", "generative")
RERANK_DEPTH = 10  # passages retrieved and reranked by their evidence
TITLED_DEPTH = 20  # further passages searched for a document that the question names by its title
WRITTEN_DEPTH = 2  # passages added that write an expression of the question verbatim
FOLLOW_UP_DEPTH = 3  # turns a follow-up is read back through ("in reverse?" after "… sort a list?" after …)
TITLED_DOCUMENTS = 2  # … at most this many of them ("What is the difference between eval and exec?")
GENERIC_TITLE_WORD = 3  # a title word this many documents' titles use ("statement") names none of them
EVIDENCE_FOR_MODEL = 6  # evidence sentences shown to the model in grounded/generative modes


@dataclass
class Answer:
    """The answer text, the sources behind it, and how it went."""

    text: str
    sources: list
    stats: GenerationStats
    notices: list = field(default_factory=list)
    prompt_tokens: int = 0
    mode: str = "generative"
    citations: list = field(default_factory=list)  # Citation per answer sentence
    abstained: bool = False
    latency_ms: float = 0.0
    question: str = ""  # the question as read (NanoRAG.read_question)

    def to_dict(self):
        return {"question": self.question, "answer": self.text, "mode": self.mode, "abstained": self.abstained,
                "citations": [c.to_dict() for c in self.citations],
                "sources": [h.source() for h in self.sources], "latency_ms": round(self.latency_ms, 1)}


class NanoRAG:
    """Answers questions over retrieved passages.

    `retriever` may be None (no retrieval: the question alone). `model` may be None with
    `load_model` a callable returning one: the model is loaded on first need, so extractive
    answers never load it. Prompts never exceed the model's context: older chat turns go first,
    then the least relevant passages, then the tail of the last passage; the question is kept.
    """

    def __init__(self, model=None, retriever=None, top_k=3, mode="auto", system=None, answer_mode="extractive",
                 load_model=None, tuning=DEFAULT_TUNING, extractive=None):
        if model is None and load_model is None:
            raise NeuraFluxError("NanoRAG needs a model or a load_model callable")
        self._model, self._load_model = model, load_model
        self.retriever, self.top_k, self.mode, self.system = retriever, top_k, mode, system
        self.answer_mode = check_answer_mode(answer_mode)
        rarest = retriever.term_idf(None) if retriever is not None else None
        self.tuning, self.extractive = collection_tuning(tuning, rarest), extractive or collection_options(rarest)
        self.units = DocumentUnits(retriever.document_text) if retriever is not None else None
        self._weights = None  # (the retriever's rarest idf when made, evidence_idf)
        self.last = None

    @property
    def model(self):
        if self._model is None:
            self._model = self._load_model()
        return self._model

    @property
    def tokenizer(self):
        return self.model.tokenizer

    def retrieve(self, question):
        """The `top_k` passages for the question: the retriever's best `RERANK_DEPTH` (and a lower
        one of a document its title names: `titled_hits`), reordered by the best evidence
        sentence each holds (ties keep the retriever's order)."""
        if self.retriever is None or self.top_k <= 0:
            return []
        query = self._query(question)
        hits = self.retriever.search(query, top_k=max(self.top_k, RERANK_DEPTH + TITLED_DEPTH), mode=self.mode)
        hits = hits[:RERANK_DEPTH] + titled_hits(question, hits[:RERANK_DEPTH], hits[RERANK_DEPTH:],
                                                 self.retriever.title_term_counts())
        hits = written_hits(question, hits, getattr(self.retriever, "containing", None), query) + hits
        hits = [hit for hit in hits if builtin_entry_admitted(question, hit.doc_id)]
        if len(hits) <= 1:
            return hits
        best = {}
        for item in self.evidence(question, hits):
            best.setdefault(item.source, item.score)
        order = sorted(range(len(hits)), key=lambda i: (-best.get(i + 1, 0.0), i))
        return [hits[i] for i in order[:self.top_k]]

    def _query(self, question):
        """search_query, with the function names that two of its words make ("swap … case":
        "swapcase"), the stop words it names ("the built-in any": "any()") and the synonyms of its
        words that no document uses ("bike": "bicycle"; "kids": "child", "children")."""
        query = search_query(question)
        idf, rarest = self.retriever.term_idf, self.retriever.term_idf(None)
        names = called_names(question, idf, self._passages_about) + stop_word_names(question, idf)
        unknown = [t for t in base_terms(analyze(query)) if t in SYNONYMS and idf(t) >= rarest]
        synonyms = synonym_words(unknown)
        return " ".join([query, *names, *synonyms, *plural_forms(synonyms)])

    def evidence(self, question, hits):
        """Ranked Evidence for the question from the passages `hits`."""
        if self.units is None or not hits:
            return []
        return rank_evidence(question, hits, self.units, self.evidence_idf(), self.tuning, self._lexical_scores())

    def _lexical_scores(self):
        """Whether the retriever's scores are BM25 scores (its search mode for `self.mode` is
        lexical), comparable between passages as fused or dense scores are not."""
        resolve = getattr(self.retriever, "resolve_mode", None)
        return resolve is not None and resolve(self.mode) == "bm25"

    def evidence_idf(self):
        """How much a word weighs in evidence: in a small collection, read from its sentences too
        (sentence_idf.py; made once while the index keeps its size), else the retriever's idf."""
        rarest = self.retriever.term_idf(None)
        if self._weights is None or self._weights[0] != rarest:
            idf = self.retriever.term_idf
            if is_small_collection(rarest):
                idf = SentenceIdf(self.retriever.document_ids(), self.units, idf)
            self._weights = (rarest, idf)
        return self._weights[1]

    # -- prompts (grounded and generative modes) ------------------------------------------
    def _encode(self, hits, turns, question, passage_texts=None):
        passages = [(h.title, t) for h, t in zip(hits, passage_texts or [h.text for h in hits])]
        kind = chat_format(getattr(self.model, "chat_template", None))
        if kind:  # an instruction-tuned model: its own chat format
            text = format_chat(kind, passages, question, self.system, turns)
        else:
            text = format_turns(turns, "") + format_prompt(passages, question, self.system)
        return with_bos(self.tokenizer, self.tokenizer.encode(text))

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

    def evidence_passages(self, hits, evidence):
        """Hits whose text is their selected evidence sentences (reading order), for the model:
        shorter prompts than whole chunks and only what answers. Hits without evidence keep
        their chunk text."""
        by_source = {}
        for item in distinct(evidence)[:EVIDENCE_FOR_MODEL]:
            by_source.setdefault(item.source, []).append(item)
        out = []
        for number, hit in enumerate(hits, 1):
            items = sorted(by_source.get(number, []), key=lambda e: e.unit.start)
            if items:
                out.append(replace(hit, text=" ".join(e.unit.text for e in items)))
            else:
                out.append(hit)
        return out

    # -- answering ------------------------------------------------------------------------
    def stream(self, question, options=None, history=(), notice=None, mode=None, retrieval=True):
        """Yield answer text as it is produced; `self.last` holds the Answer afterwards, with the
        question as it was read (`read_question`).

        `mode` overrides the answer mode for this call; `retrieval=False` answers from the
        question alone (generative)."""
        started = time.perf_counter()
        mode = check_answer_mode(mode or self.answer_mode)
        options = options or SamplingOptions()
        typed, question = question, self.read_question(question, history, retrieval)

        def with_context():  # "My flight was cancelled. Can I get my money back?": the first sentence too
            return self.read_question(typed, history, retrieval, keep_context=True)

        yield from without_leading_space(
            self._stream_read(question, options, history, notice, mode, retrieval, started, with_context))
        self.last.question = self.last.question or question

    def read_question(self, question, history=(), retrieval=True, keep_context=False):
        """The question inside what was typed (question_text.py): without greetings, context
        sentences and a closing mention of the documents' subject, with the previous question's
        words when it points back at it (or the previous question itself, continued: "in
        reverse?"), typing slips read as the documents' words and "can be called" with their
        "callable". The previous question is taken as it was read, up to FOLLOW_UP_DEPTH turns
        back. With `keep_context`, the sentences before the question stay."""
        typed, question = question, plain_question(question, keep_context)  # "Hi! Quick question: …"
        if history and retrieval:  # "What does it return?" after "What is str.strip?", as it was read
            previous = self.read_question(history[-1][0], history[-FOLLOW_UP_DEPTH:-1])
            question = (next_after(typed, previous, history[-1][1], focus_words) or continued(typed, previous)
                        or asked_of_other(typed, previous, focus_words, word_closeness)
                        or with_antecedent(question, previous, focus_words))
        if self.retriever is not None:
            question = without_subject(question, self.retriever.term_idf, analyze, self._passages_about)
            question = corrected(question, self.retriever.term_idf, self.retriever.vocabulary(), analyze)
            question = able_adjectives(question, self.retriever.term_idf)
            question = spelled_out(question, self.retriever.term_idf, self._passages_about, self._passages_matching)
            question = dated_holidays(question, self._passages_about)
        return question

    def _passages_about(self, word, top_k=5):
        return [hit.text for hit in self.retriever.search(word, top_k=top_k, mode="bm25")]

    def _passages_matching(self, pattern):
        matching = getattr(self.retriever, "matching", None)
        return [hit.text for hit in matching(pattern)] if matching else []

    def _stream_read(self, question, options, history, notice, mode, retrieval, started, with_context=None):
        reply = pleasantry_reply(question) if retrieval and mode != "generative" else None
        if reply:  # "thanks!": nothing the documents could answer, and nothing to abstain on
            self.last = Answer(reply, [], GenerationStats(0), mode=mode, abstained=True,
                               latency_ms=1000 * (time.perf_counter() - started))
            yield reply
            return
        hits = self.retrieve(question) if retrieval else []
        if not retrieval:
            mode = "generative"
        evidence = self.evidence(question, hits) if mode != "generative" or hits else []
        if mode != "generative":
            self._read_for_meaning(question, evidence)
        if mode == "extractive":
            yield from self._extractive(question, hits, evidence, started, with_context if retrieval else None)
            return
        if mode == "grounded":
            from .grounded import stream_grounded

            yield from stream_grounded(self, question, hits, evidence, options, history, notice, started)
            return
        yield from self._generative(question, hits, evidence, options, history, notice, started)

    def _read_for_meaning(self, question, evidence):
        """Units saying what the question asks in other words may cover it (evidence.similar_coverage)."""
        similarity = getattr(self.retriever, "sentence_similarity", lambda: None)()
        if similarity is not None and self.tuning.similar_depth:
            similar_coverage(question, evidence, similarity, self.tuning)

    def _extractive(self, question, hits, evidence, started, with_context=None):
        """The quoted answer; when the question alone finds none, the question read with the
        sentences typed before it (`with_context`), if there were any."""
        picked = choose_units(evidence, self.units, self.extractive, question)
        wider = with_context() if with_context and not picked else question
        if wider != question:
            wider_hits = self.retrieve(wider)
            wider_evidence = self.evidence(wider, wider_hits)
            self._read_for_meaning(wider, wider_evidence)
            picked = choose_units(wider_evidence, self.units, self.extractive, wider)
            if picked:
                question, hits = wider, wider_hits
        stats = GenerationStats(0)
        if not picked:
            text, citations = abstain_text(hits), []
        else:
            picked = cite_narrowest(picked, hits, self.units)
            hits = widen_sources(hits, picked, self.units)
            text, citations = render(picked)
        stats.finish()
        self.last = Answer(text, hits, stats, mode="extractive", citations=citations, abstained=not picked,
                           latency_ms=1000 * (time.perf_counter() - started), question=question)
        yield text

    def _generative(self, question, hits, evidence, options, history, notice, started):
        options = options.replace(stop=tuple(options.stop) + ANSWER_STOPS)
        shown = self.evidence_passages(hits, evidence) if evidence else hits
        ids, used, notices = self.build_prompt(question, shown, history, options.max_new_tokens)
        for message in notices:
            if notice:
                notice(message)
        stats = GenerationStats(len(ids))
        pieces = []
        self.last = Answer("", used, stats, notices, len(ids), mode="generative")
        for piece in stream_text(self.model, self.tokenizer, ids, options, notice=notice, stats=stats):
            pieces.append(piece)
            self.last.text = "".join(pieces)
            yield piece
        self.last.text = "".join(pieces).strip()
        self.last.latency_ms = 1000 * (time.perf_counter() - started)

    def answer(self, question, options=None, history=(), notice=None, mode=None, retrieval=True):
        for _ in self.stream(question, options, history, notice, mode, retrieval):
            pass
        return self.last


def titled_hits(question, top, deeper, title_counts):
    """The best passage among `deeper` of a document not in `top` whose title the question names:
    every distinctive word of the title ("The pass statement": pass) is a word of the question
    ("What does pass do inside a function body?"). [] when none."""
    asked = set(analyze(question))
    seen, found = {hit.doc_id for hit in top}, []
    for hit in deeper:
        if hit.doc_id in seen or not hit.title:
            continue
        words = {t for t in analyze(hit.title) if title_counts.get(t, 0) < GENERIC_TITLE_WORD}
        if words and words <= asked:
            found.append(hit)
            seen.add(hit.doc_id)
            if len(found) == TITLED_DOCUMENTS:
                break
    return found


def written_hits(question, hits, containing, query=None):
    """Passages that write an expression of the question verbatim ("What does 2**-1 give?"), or the
    opening of the definition it asks for ("Modules are"), where none of `hits` does: its operators
    are no search terms; where those find none, the best passages for `query` that quote an operator
    it names ('"is"' for "What does the is operator check?"). [] when none (or no `containing`)."""
    found, seen = [], {hit.chunk_id for hit in hits}

    def add(passages):
        for hit in passages:
            if hit.chunk_id not in seen:
                seen.add(hit.chunk_id)
                found.append(hit)

    for expression in (written_expressions(question) + defining_phrases(question) + special_names(question)
                       if containing else ()):
        if not any(expression in hit.text for hit in hits):
            add(containing(expression, WRITTEN_DEPTH))
    if containing and query and not found:
        for quoted in named_operator_quotes(question) + named_symbol_quotes(question):
            add(containing(quoted, WRITTEN_DEPTH, query=query))
    return found[:WRITTEN_DEPTH]


def search_query(question):
    """The question without one-letter placeholders ("What does x and y return?": every example
    uses x), without its light verbs and filler adverbs ("How do I get…", "actually") while other
    words remain, and with the other forms of its irregular or derived words ("kept": "keep")."""
    words = without_placeholders(question).split()
    light = LIGHT_WORDS & question_scaffold(question)  # not the "come" of "comes out", the "bring" asked for
    question = " ".join(w for w, terms in zip(words, map(analyze, words))
                        if not terms or not light.issuperset(terms))
    terms = analyze(question)
    if not terms:  # only light words: search for them after all
        question = " ".join(words)
        terms = analyze(question)
    extra = family_words(terms)
    return f"{question} {' '.join(extra)}" if extra else question


def check_answer_mode(mode):
    if mode not in ANSWER_MODES:
        raise NeuraFluxError(f"unknown answer mode {mode!r}; choose {', '.join(ANSWER_MODES)}")
    return mode


__all__ = ["NanoRAG", "Answer", "Citation", "ANSWER_MODES", "ANSWER_STOPS"]
