"""Grounded answers: the model writes, but every token it may pick continues a span copied from
the evidence sentences, so each stretch of the answer is supported by a cited passage.

The evidence sentences are tokenized once ("spans"). While copying, the allowed next tokens are
the continuations of every span position that matches what was copied so far; a new span may
start only at the beginning of the answer or after a copied clause ends (",", ";", ":", "." or
the end of a sentence), only where a sentence or one of its clauses begins in the source, and
never where a stretch already copied passed, nor run on into it (so the answer cannot repeat
itself: "the name is bound, [1] the name is bound, [1] …"); a place the stretch only seemed to
copy (another sentence that begins alike) stays free. End-of-text is allowed once a clause with
a word in it is complete ("3." of a numbered note is none). The model chooses which span, how
far to copy and when to stop; sampling options apply within the allowed set. Each copied
stretch is followed by its citation "[n]", of the shortest retrieved document that holds the
sentence word for word (extractive.cite_narrowest).

The evidence ranker's choice is a prior, not a rule: the sentence an extractive answer would
start from comes first and its first token gets FIRST_SPAN_BIAS added to its logit at the
answer's start (chosen on the dev split: the shipped model's grounded answers went from 16% to
45% correct), and while that first stretch goes on, its continuation gets FIRST_SPAN_KEEP more
than the other sentences' (table rows that begin alike, the "o" (Octal) and "d" (Decimal)
presentation types, were a coin toss); once a sentence is copied whole, the first token of the
next evidence sentence gets NEXT_SPAN_BIAS (the models stopped after one sentence when the fact
was in the second). First 20 questions of six dev splits, greedy, 128 new tokens: the shipped
model went from 66 to 89 of 120 right with the gold source with both and the free places above
(extractive: 96), SmolLM2-135M from 38 to 49 of the first 10 of each. When no sentence covers
enough of the question, the answer abstains, as the extractive one does.
"""
import codecs
import time

from .evidence import distinct, widen_sources
from .extractive import Citation, abstain_text, best_evidence, cite_narrowest
from .generation import GenerationStats
from .rag import Answer
from .sampling import make_rng, pick_token

CLAUSE_ENDS = (".", ",", ";", ":", "!", "?")
NEG_INF = float("-inf")
GROUNDED_EVIDENCE = 3  # evidence sentences the model sees and may copy from
SMALL_MODEL_EVIDENCE = 2  # … a small model (the shipped 3.6 M one) copies better from two (dev: 57.6% vs 50.7%)
SMALL_MODEL_PARAMETERS = 30_000_000  # SmolLM2-135M does better with three (dev: 68.1% vs 65.3%)
FIRST_SPAN_BIAS = 12.0  # logit added to the first token of the best evidence sentence at the answer's start
CONTINUE_BIAS = 8.0  # logit added to the token that goes on copying the current stretch (dev: 57.6 -> 61.8%)
FIRST_SPAN_KEEP = 4.0  # … added while the first stretch goes on copying it (sentences that begin alike)
NEXT_SPAN_BIAS = 8.0  # … and to the first token of the next evidence sentence once one is copied whole
SPECULATE = 8  # span tokens checked ahead in one forward pass (models with `extend`)


class SpanConstraint:
    """Which tokens may come next so that the output stays a sequence of copied spans."""

    def __init__(self, spans, tokenizer, eos_id):
        self.spans, self.eos_id = spans, eos_id  # spans: lists of token ids
        pieces = {}
        for span in spans:
            for token in span:
                if token not in pieces:
                    pieces[token] = tokenizer.decode([token])
        self.starts = {}  # first token -> [(span, position)] where a copy may begin
        for s, span in enumerate(spans):
            for p, token in enumerate(span):
                # a copy begins at a sentence's start or at a word that opens a clause of it
                if p == 0 or (pieces[token].startswith(" ") and pieces[span[p - 1]].rstrip().endswith(CLAUSE_ENDS)):
                    self.starts.setdefault(token, []).append((s, p))
        self.pieces = pieces
        self.active = []  # (span, position of the next token): the places the current stretch may be copying
        self.begins = []  # … and where each of those began
        self.copied = 0  # tokens copied in the current stretch
        self.committed = set()  # (span, position) quoted by earlier stretches
        self.worded = False  # the current stretch has copied a word: "3." (a note's number) is no clause

    @property
    def used(self):
        """(span, position) already quoted: by earlier stretches, or passed by the current one
        (a new stretch may not start there again). A place the current stretch seemed to copy
        until the text went elsewhere is not quoted: '"s.remove(x)…' does not use up the '"remove()"
        raises…' of another sentence that begins alike."""
        return self.committed | {(s, q) for (s, p), b in zip(self.active, self.begins) for q in range(b, p)}

    def at_boundary(self):
        if not self.active:
            return True
        return any(p == len(self.spans[s]) for s, p in self.active) or (
            self.copied >= 2 and self.worded and any(self.pieces[self.spans[s][p - 1]].rstrip().endswith(CLAUSE_ENDS)
                                                     for s, p in self.active))

    def at_sentence_end(self):
        """Whether the stretch being copied has reached the end of its evidence sentence."""
        return any(p == len(self.spans[s]) for s, p in self.active)

    def allowed(self):
        committed = self.committed
        tokens = {self.spans[s][p] for s, p in self.active if p < len(self.spans[s]) and (s, p) not in committed}
        if self.at_boundary():
            used = self.used
            tokens.update(t for t, places in self.starts.items() if any(place not in used for place in places))
            if self.active and self.eos_id is not None:
                tokens.add(self.eos_id)
        return tokens

    def advance(self, token):
        """Follow `token`; returns True when it starts a new stretch."""
        following = [(s, p, b) for (s, p), b in zip(self.active, self.begins)
                     if p < len(self.spans[s]) and self.spans[s][p] == token and (s, p) not in self.committed]
        if following:
            self.active = [(s, p + 1) for s, p, _ in following]
            self.begins = [b for _, _, b in following]
            self.copied += 1
            self.worded = self.worded or self._is_word(token)
            return False
        self.committed = self.used
        starts = [(s, p) for s, p in self.starts.get(token, ()) if (s, p) not in self.committed]
        self.active = [(s, p + 1) for s, p in starts]
        self.begins = [p for _, p in starts]
        self.copied = 1
        self.worded = self._is_word(token)
        return True

    def _is_word(self, token):
        """Whether the token holds a word (two letters or more), not only a number or a mark."""
        piece = self.pieces.get(token, "")
        return sum(ch.isalpha() for ch in piece) >= 2

    def current_span(self):
        return self.active[0][0] if self.active else None


def _draft(constraint, spans, limit):
    """Up to `limit` tokens that continue the span being copied (the first match)."""
    if limit <= 0 or not constraint.active:
        return []
    span, position = constraint.active[0]
    return list(spans[span][position:position + limit])


def _mask(logits, allowed):
    values = logits.tolist() if hasattr(logits, "tolist") else list(logits)
    return [v if i in allowed else NEG_INF for i, v in enumerate(values)]


def complete_characters(tokenizer, ids):
    """The text of `ids` without a character cut at either end: a copied stretch may begin or
    end inside a multi-byte character, and only whole characters of the source are quoted."""
    data = b"".join(tokenizer.token_bytes(i) for i in ids).lstrip(bytes(range(0x80, 0xC0)))
    return codecs.getincrementaldecoder("utf-8")(errors="replace").decode(data)  # not final: drops a cut tail


def evidence_count(model):
    """How many evidence sentences a model is shown: fewer for small models, which copy from
    the wrong one more often when offered more (and read a shorter prompt before the first token)."""
    small = model.config.num_parameters() < SMALL_MODEL_PARAMETERS
    return SMALL_MODEL_EVIDENCE if small else GROUNDED_EVIDENCE


def _evidence_prompt(rag, question, hits, usable, history, max_new_tokens, notice):
    """(prompt ids, notices) of a grounded answer: only the passages with evidence, as their
    evidence sentences, so the prompt the model must read before its first word stays short
    (lite reads ~30 tokens/s on the shipped model)."""
    with_evidence = {item.source for item in usable}
    shown = [h for n, h in enumerate(rag.evidence_passages(hits, usable), 1) if n in with_evidence]
    ids, _, notices = rag.build_prompt(question, shown, history, max_new_tokens)
    for message in notices:
        if notice:
            notice(message)
    return ids, notices


def _steered(masked, constraint, spans, produced, stretch_source, first_stretch):
    """`masked` logits (changed in place and returned) with the priors of grounded decoding: the
    best sentence to start with, the next sentence after a whole one is copied, and otherwise the
    span being copied to go on (the best sentence's, where sentences begin alike)."""
    if produced == 0 and FIRST_SPAN_BIAS:
        masked[spans[0][0]] += FIRST_SPAN_BIAS
    elif NEXT_SPAN_BIAS and constraint.at_sentence_end():  # a whole sentence copied: the next one is a prior
        following = (stretch_source or 0) + 1
        if following < len(spans) and (following, 0) not in constraint.used:
            masked[spans[following][0]] += NEXT_SPAN_BIAS
    elif CONTINUE_BIAS:
        for s, p in constraint.active:
            if p < len(spans[s]):
                masked[spans[s][p]] += CONTINUE_BIAS
                if s == 0 and first_stretch:  # sentences that begin alike: the best one's continuation
                    masked[spans[s][p]] += FIRST_SPAN_KEEP
    return masked


def stream_grounded(rag, question, hits, evidence, options, history, notice, started):
    """Yield the grounded answer's text; sets `rag.last` (see NanoRAG.stream)."""
    # the sentence an extractive answer would start from comes first, and the model is nudged to
    # begin there; when no sentence covers enough of the question, say so instead of writing
    best = best_evidence(evidence, rag.extractive, question)
    usable = distinct([best] + [e for e in evidence if e is not best])[:evidence_count(rag.model)] if best else []
    if not usable:
        stats = GenerationStats(0)
        stats.finish()
        rag.last = Answer(abstain_text(hits), hits, stats, mode="grounded", abstained=True)
        yield rag.last.text
        return
    model, tokenizer = rag.model, rag.tokenizer
    ids, notices = _evidence_prompt(rag, question, hits, usable, history, options.max_new_tokens, notice)
    spans = [tokenizer.encode(" " + item.unit.text) for item in usable]
    # each copied sentence is cited from the shortest retrieved document holding it word for word
    cite_as = [cite_narrowest([(item.source, item.doc_id, item.unit)], hits, rag.units)[0] for item in usable]
    constraint = SpanConstraint(spans, tokenizer, tokenizer.eos_id)
    stats = GenerationStats(len(ids))
    rag.last = answer = Answer("", hits, stats, notices, len(ids), mode="grounded")
    rng, history_ids = make_rng(options.seed), list(ids)
    cache = model.new_cache()
    logits = model.prefill(ids[-(model.config.max_seq_len - 1):], cache)
    stretch, stretch_source, pieces, cited = [], None, [], set()
    decoder = tokenizer.stream_decoder()

    def close_stretch():
        if not stretch:
            return ""
        source, _, unit = cite_as[stretch_source]
        text = complete_characters(tokenizer, stretch).strip()
        if not text:  # only whitespace, or a character the token limit cut: nothing to cite
            return ""
        cited.add(stretch_source)
        answer.citations.append(Citation(text, source, unit.start, unit.end))
        return f" [{source}]"

    # greedy decoding on a model that can score several new positions in one pass (torch) checks
    # the rest of the span being copied in that pass (prompt lookup): what it accepts is exactly
    # what one-token steps would have picked, and the cache is cut back to what was accepted
    speculate = options.greedy and hasattr(model, "extend")
    produced, pending, first_stretch = 0, [], True  # pending: logits of positions already scored, in order
    while produced < options.max_new_tokens:
        allowed = constraint.allowed()
        if not allowed:
            break
        masked = _steered(_mask(logits, allowed), constraint, spans, produced, stretch_source, first_stretch)
        token = pick_token(masked, options, rng, history_ids)
        if pending and token != pending[0][0]:  # the draft stops here: drop the rest
            cache.length -= len(pending)
            pending = []
        stats.token(token)
        produced += 1
        if token == tokenizer.eos_id:
            break
        new_stretch = constraint.advance(token)
        first_stretch = produced == 1 or (first_stretch and not new_stretch)
        piece = ""
        if new_stretch:
            piece = close_stretch()
            stretch = []
        stretch.append(token)
        stretch_source = constraint.current_span()
        piece += decoder.push(token)
        pieces.append(piece)
        answer.text = "".join(pieces).strip()
        yield piece
        history_ids.append(token)
        if pending:  # the drafted token was picked: its logits are already there
            logits = pending.pop(0)[1]
            continue
        if len(cache) >= model.config.max_seq_len:
            break
        draft = _draft(constraint, spans, min(SPECULATE, options.max_new_tokens - produced - 1,
                                              model.config.max_seq_len - len(cache) - 1)) if speculate else []
        if not draft:
            logits = model.decode_step(token, cache)
            continue
        rows = model.extend([token] + draft, cache)
        logits = rows[0]
        pending = list(zip(draft, rows[1:]))
    if pending:
        cache.length -= len(pending)
    tail = close_stretch()  # a character cut off by the token limit is dropped, never shown as U+FFFD
    if tail:
        pieces.append(tail)
        yield tail
    stats.finish()
    answer.text = "".join(pieces).strip()
    quoted = [cite_as[i] for i in sorted(cited)]
    answer.sources = widen_sources(hits, quoted, rag.units)
    answer.latency_ms = 1000 * (time.perf_counter() - started)


__all__ = ["SpanConstraint", "stream_grounded"]
