"""Ranking the candidate units of the retrieved passages (rank_evidence, each scored by
scoring.score_unit); the question words no document uses, matched by words close in meaning;
sources widened over what is quoted from them."""
import re
from dataclasses import dataclass, replace

from ..retrieval.lemmas import SYNONYMS
from .layout import (asked_before, layout_of, line_label, list_intro, notes_of, places_writing, points_back,
                     points_back_to_command, table_context)
from .question import SCAFFOLD, STARTING_VERBS, joined_words, lower_words, name_parts, negated_bases, question_terms, status_classes
from .scoring import dating_heading, score_unit
from .terms import compound_terms, evidence_terms, signature_name, unabbreviated
from .tuning import DEFAULT_TUNING


@dataclass
class Evidence:
    """One candidate unit, the passage (source number, 1-based) it is cited from, and its score."""

    source: int
    doc_id: str
    unit: object
    score: float
    coverage: float
    index: int = 0  # the unit's position in its document's unit list
    needs_context: bool = False  # part of its match came from the term/heading above it
    holds_type: bool = None  # for "When…"/"Who…"/"How many…" questions: holds a date, name, number…
    named: bool = False  # the question names the term it describes or, for a table row, its first cell
    dated_by_heading: str = ""  # for "When…"/"Which version…": the heading above holding it ("## 2.4.0 (2024-03-18)")
    lift: float = 1.0  # the factor its score took for saying what the subject of "What does X do?" does (above 1
    # only then), which ranks it first but does not raise the bar that further units must reach (choose_units)


def _candidates(hits, units_of, tuning, q):
    """({(doc_id, unit index): source number}, the (doc_id, index) pairs the question names,
    {(doc_id, index of a table row): indexes of the numbered notes it points to}):
    each unit from the best-ranked passage near it, the opening sentence of a section near a
    passage when the question names its term or heading, and from each retrieved document its
    first `lead_units` units and the table rows and term descriptions the question names,
    wherever they are."""
    chosen, named, layouts, notes = {}, set(), {}, {}
    for number, hit in enumerate(hits, 1):
        text, units, terms = units_of(hit.doc_id)
        if not units:
            continue
        if hit.doc_id not in layouts:
            layout = layouts[hit.doc_id] = layout_of(units, terms)
            for i in layout.quotable[:tuning.lead_units]:
                chosen.setdefault((hit.doc_id, i), number)
            for i in layout.named(q.names) if q.names else ():
                chosen.setdefault((hit.doc_id, i), number)
                named.add((hit.doc_id, i))
            for start in places_writing(text, q.written):  # 'The "/" (division) and "//" (floor division)…'
                for i in layout.near(units, start, start + 1):
                    chosen.setdefault((hit.doc_id, i), number)
            for i in layout.options_using(q.weights) if q.how_to else ():
                chosen.setdefault((hit.doc_id, i), number)
        layout = layouts[hit.doc_id]
        for i in layout.near(units, hit.start - tuning.window_chars, hit.end + tuning.window_chars):
            chosen.setdefault((hit.doc_id, i), number)
            opener = (hit.doc_id, layout.opener[i])
            if opener[1] is not None and (opener in named if units[opener[1]].term
                                          else not q.focus.isdisjoint(evidence_terms(units[opener[1]].heading))):
                chosen.setdefault(opener, number)  # the opening sentence of the section it is in
    for (doc_id, i), number in list(chosen.items()):  # a table row's notes: "— (8)" -> "8. …" below it
        found = notes_of(units_of(doc_id)[1], i)
        if found:
            notes[(doc_id, i)] = found
            for note in found:
                chosen.setdefault((doc_id, note), number)
    return chosen, named, notes


def _complete_names(q, hits, units_of, idf):
    """A name the documents never use that begins a word of a retrieved document ("Mac" of
    "macOS", "Postgres" of "PostgreSQL") stands for that word: the question is about it, not
    about something the documents never mention. A question word in lower case ("mac") counts
    when the document's word is written as a name (a capital inside it: "macOS", "PostgreSQL")."""
    rarest = idf(None)
    unknown = [t for t in q.weights if idf(t) >= rarest and len(t) >= 3 and t.isalpha() and t not in q.type_terms
               and t not in SYNONYMS]  # a word with synonyms is read as them ("mac": "macos", not "machine")
    if not unknown:  # (a word asking for the kind of value, "added", is no name: "add" is not "address")
        return
    texts = [units_of(h.doc_id)[0] or "" for h in hits]
    for name in unknown:
        capitalised = q.weights[name] > rarest  # written as a name in the question
        pattern = re.compile(rf"\b{re.escape(name)}[^\W\d_]+", re.I)
        word = next((m.group(0) for text in texts for m in pattern.finditer(text)
                     if capitalised or not m.group(0).islower()), None)
        term = evidence_terms(word)[0] if word and evidence_terms(word) else None
        if term is None or term in q.weights:
            continue
        weight = q.weights.pop(name)
        q.weights[term] = idf(term)
        q.total += q.weights[term] - weight
        if name in q.focus:
            q.focus = (q.focus - {name}) | {term}
            q.focus_total += q.weights[term] - weight


def passage_place(rank, score, best_score, tuning=DEFAULT_TUNING):
    """The rank a passage's units decay by (1-based, maybe fractional): its rank, or nearer the top
    when its search score comes close to the best one (at 95% of it, second, whatever its rank:
    passages of nearly equal score are about equally likely to hold the answer)."""
    if score <= 0 or best_score <= 0 or not tuning.rank_decay:
        return rank
    return min(rank, 1 + tuning.score_gap_decay * (1 - score / best_score) / tuning.rank_decay)


class _ContextReader:
    """The words a unit is read with beyond its own (`__call__`), its heading's kept once per
    section: the signature or term it describes, its heading and the document's title, the
    heading dating it, a table row's header, introduction and notes, the FAQ question it answers,
    the table row a note belongs to, the sentence an "It…"/"This…" one goes on from, its line label."""

    def __init__(self, q, words_asked):
        self.q, self.words_asked, self.sections = q, words_asked, {}

    def __call__(self, doc_id, text, units, terms, i, title, noted_row=None, notes=()):
        """(context terms, the heading holding the date asked for, terms inherited from the sentence
        before, the text of the sentence introducing the list it is an item of)."""
        unit = units[i]
        key = (doc_id, unit.term, unit.heading, unit.outer)
        if key not in self.sections:
            words = f"{signature_name(unit.term)} {unit.heading} {title} {unabbreviated(unit.term)}"
            words += " " + " ".join(name_parts(unit.term, self.words_asked))  # "swap … case": str.swapcase()
            context = set(evidence_terms(words)) | compound_terms(words)
            dating = dating_heading(self.q, unit)
            if dating and dating != unit.heading:  # "### Added" under "## 3.0.0 - 2027-01-18": read under both
                context |= set(evidence_terms(dating))
            self.sections[key] = (context, dating)
        context, dating = self.sections[key]
        if unit.kind == "table":  # a row reads under its table's header and the sentence introducing it
            context = context | table_context(units, terms, i)
        intro = list_intro(units, i) if not self.q.focus.isdisjoint(terms[i]) else None
        if intro is not None:  # a list item saying a question word reads with its list's introduction
            context = context | set(terms[intro])  # ("By default, `load_dotenv()` will:" / "- **Not override**…")
        asked = asked_before(units, terms, i)
        if asked:
            context = context | asked
        if noted_row is not None:  # a note reads with the table row that points to it
            context = context | set(terms[noted_row])
        for note in notes:  # … and a row with its notes ("— (2)": "2. … by default the last item is removed…")
            context = context | set(terms[note])
        inherited = set()
        if points_back(units, i) or points_back_to_command(units, i):  # "This means…", "This extracts…"
            inherited = set(terms[i - 1]) - context - set(terms[i])
            context = context | inherited
        label = line_label(text or "", units, i)
        if label:
            context = context | set(evidence_terms(label))
        return context, dating, inherited, units[intro].text if intro is not None else ""


def rank_evidence(question, hits, units_of, idf, tuning=DEFAULT_TUNING, search_scores=False):
    """Candidate units of the passages `hits`, best first, as Evidence; with `search_scores`, the
    hits' scores are BM25 scores, which place them too (passage_place), unless passages found
    verbatim (which have none) lead them."""
    q = question_terms(question, idf, tuning)
    if not q.total or not hits:
        return []
    _complete_names(q, hits, units_of, idf)
    rarest = idf(None)
    q.unknown = frozenset(t for t in q.focus if idf(t) >= rarest)
    chosen, named, notes = _candidates(hits, units_of, tuning, q)
    noted = {}  # {(doc_id, note index): the first table row pointing to it}
    for (doc_id, row), found in notes.items():
        for note in found:
            noted.setdefault((doc_id, note), row)
    if tuning.related_threshold:  # the candidates' texts are read only when a question word is unknown
        q.related = related_terms(question, q, (units_of(doc)[1][i].text for doc, i in chosen), idf,
                                  tuning.related_threshold)
    classes = {**status_classes(q.focus, idf), **negated_bases(question, q.focus, idf)}
    for term, joined in joined_words(question, q.focus, idf).items():  # "back up" / "## Backups"
        classes[term] = classes.get(term, frozenset()) | joined
    if classes:
        q.related = {**(q.related or {}), **classes}
    if q.related:
        q.synonyms = {**q.synonyms, **{t: q.weights[t] for t in q.related}}
    if q.verb in STARTING_VERBS and q.verb in q.unknown and q.focus - q.unknown:
        _weigh_term(q, q.verb, tuning.scaffold_weight)  # "How do I start a return?": "To return an item…"
        q.unknown = q.unknown - {q.verb}
    if tuning.unknown_word_weight != 1.0:
        _weigh_unknown_words(q, tuning.unknown_word_weight)
    lengths = [len(units_of(doc)[2][i]) for doc, i in chosen]
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    title_shares, layouts, out = {}, {}, []
    read_context = _ContextReader(q, lower_words(question))
    best_score = max(hit.score for hit in hits) if search_scores and hits[0].score > 0 else 0.0
    for (doc_id, i), number in chosen.items():
        text, units, terms = units_of(doc_id)
        unit, title = units[i], hits[number - 1].title or ""
        if unit.kind == "code" and not q.how_to:
            continue  # a section's only command answers how to do what its heading says, nothing else
        if doc_id not in title_shares:
            title_shares[doc_id] = _title_share(title, q.topic_weights, idf) if tuning.topic_bonus else 0.0
        context, dating, inherited, lead = read_context(doc_id, text, units, terms, i, title, noted.get((doc_id, i)),
                                                        notes.get((doc_id, i), ()))
        place = passage_place(number, hits[number - 1].score, best_score, tuning)
        scored = score_unit(q, unit, terms[i], context, place, average, title_shares[doc_id], tuning,
                            (doc_id, i) in named, dating, lead)
        score = scored.score
        if not inherited.isdisjoint(q.focus) and q.focus.isdisjoint(terms[i]):  # "It also supports post-mortem
            score *= 1 - tuning.inherited_penalty  # debugging…": it names the topic only through the sentence before
        if doc_id not in layouts:
            layouts[doc_id] = layout_of(units, terms)
        if i in layouts[doc_id].see_also:
            score *= 1 - tuning.see_also_penalty
        out.append(Evidence(number, doc_id, unit, score, scored.coverage, i, scored.via_context, scored.typed,
                            (doc_id, i) in named, scored.dated_heading, scored.lift))
    out.sort(key=lambda e: (-e.score, e.source, e.unit.start))
    return out


_LONG_WORD = re.compile(r"[^\W\d_]{3,}")


def _weigh_term(q, term, factor):
    """Weigh the question's `term` `factor` times as much (in place)."""
    extra = q.weights[term] * (factor - 1)
    q.weights[term] += extra
    q.total += extra
    if term in q.focus:
        q.focus_total += extra


def _weigh_unknown_words(q, factor):
    """The question's words that no document uses, that no word of the candidates comes near in
    meaning (q.related) and that no synonym stands for, weigh `factor` times as much (in place)."""
    related = q.related or {}
    for term in [t for t in q.unknown if t.isalpha() and t not in SYNONYMS and t not in related
                 and t not in q.type_terms]:
        _weigh_term(q, term, factor)


def related_terms(question, q, texts, idf, threshold):
    """{question term the documents never use: the terms of words in `texts` close to it in the
    shipped static vectors' meaning} ("beer" / "Alcohol is not reimbursed", "backpack" / "Bags larger
    than…"); {} without the vectors. `texts` is read only when a question word is unknown."""
    from ..meaning import cosine, shipped_vectors

    rarest = idf(None)
    asked = {}
    for match in _LONG_WORD.finditer(question):
        word = match.group(0)
        if word[0].isupper() and question[:match.start()].strip():
            continue  # a name ("France", "Everest"): no other word stands for it
        terms = evidence_terms(word)
        if (len(terms) == 1 and terms[0] in q.focus and idf(terms[0]) >= rarest and terms[0] not in SYNONYMS
                and terms[0] not in q.type_terms):  # "What number do I call?": a value answers it, not "eight"
            asked.setdefault(terms[0], word.lower())
    vectors = shipped_vectors() if asked else None
    if vectors is None:
        return {}
    candidates = []  # (term, vector) of each word of the texts that is one term
    for other in {w.lower() for text in texts for w in _LONG_WORD.findall(text)}:
        terms = evidence_terms(other)
        if len(terms) == 1:
            candidates.append((terms[0], vectors.vector(other)))
    near = {}
    for term, word in asked.items():
        target = vectors.vector(word)
        found = frozenset(other for other, vector in candidates if other != term and cosine(target, vector) >= threshold)
        if found:
            near[term] = found
    return near


def similar_coverage(question, evidence, similarity, tuning=DEFAULT_TUNING):
    """Let units that say what the question asks in other words count as covering it ("chop a
    prefix off a string" / "If the string starts with the *prefix* string, return…"):
    `similarity` is a meaning.SentenceSimilarity. Changes the coverage of `evidence` in place."""
    weak = [e for e in evidence if similarity.least_coverage <= e.coverage < tuning.similar_coverage]
    weak = weak[:tuning.similar_depth]
    if not weak:
        return
    for item, cosine in zip(weak, similarity(question, [e.unit.text for e in weak])):
        if cosine >= similarity.threshold:
            item.coverage = tuning.similar_coverage


def distinct(evidence):
    """`evidence` without repeats of a sentence already in it (pages that repeat a section, as
    pydoc's "specialnames" repeats "attribute-access": the model would read it twice)."""
    seen, out = set(), []
    for item in evidence:
        key = " ".join(item.unit.text.split())
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _title_share(title, weights, idf):
    """How much of a document's title the question names (idf-weighted): 1.0 for the page
    "The return statement" and the question "What does the return statement do?"."""
    terms = set(evidence_terms(title or "")) - SCAFFOLD
    total = sum(idf(t) or idf(None) for t in terms)
    return sum(idf(t) or idf(None) for t in terms if t in weights) / total if total else 0.0


WIDEN_LIMIT = 1000  # a quoted unit farther than this from its passage replaces the passage's span


def widen_sources(hits, quoted, units_of):
    """`hits` with each cited passage widened over the units quoted from it.
    quoted: (source number, doc_id, Unit) triples."""
    by_source = {}
    for number, doc_id, unit in quoted:
        by_source.setdefault((number, doc_id), []).append(unit)
    sources = list(hits)
    for (number, doc_id), units in by_source.items():
        sources[number - 1] = widen_hit(sources[number - 1], units, units_of(doc_id)[0])
    return sources


def widen_hit(hit, units, text):
    """A copy of `hit` whose span also covers every unit in `units` (so the cited passage holds
    the quoted sentences); when they lie far from the passage, the span becomes theirs alone."""
    start, end = min(u.start for u in units), max(u.end for u in units)
    if start >= hit.start and end <= hit.end:
        return hit
    if start - hit.end <= WIDEN_LIMIT and hit.start - end <= WIDEN_LIMIT:
        start, end = min(hit.start, start), max(hit.end, end)
    return replace(hit, start=start, end=end, text=text[start:end])
