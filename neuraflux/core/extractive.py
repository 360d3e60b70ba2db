"""Extractive answers: the best one to three evidence units, verbatim, in reading order, each
followed by its citation — or a plain statement that the documents do not seem to answer."""
import re
from dataclasses import dataclass

from .answer_types import HOW_TO, VALUE_KINDS, question_type
from .evidence import is_small_collection
from .evidence.layout import (LIST_ITEM, SIGNATURE_HEADING, enumeration_intro, list_intro, notes_of, points_back,
                              points_back_to_command, question_before)
from .evidence.question import compared_subjects, lower_words, topic_terms
from .evidence.scoring import defines
from .evidence.terms import described_name, evidence_terms
from .steps import ASKS_NEXT, ASKS_STEPS, asked_items, next_step, procedure, rest_of_item, writes_other_item


@dataclass
class Citation:
    """One answer sentence and where it comes from: source number (1-based) and the character
    span of the sentence in that source's document."""

    sentence: str
    source: int
    start: int
    end: int

    def to_dict(self):
        return {"sentence": self.sentence, "source": self.source, "start": self.start, "end": self.end}


@dataclass
class ExtractiveOptions:
    """When to answer and how much to quote (chosen on the dev split of benchmarks/qa)."""

    min_coverage: float = 0.5  # share of the question's weight the best unit must match
    min_score: float = 0.0  # coverage decides; kept for corpora with other score scales
    keep_ratio: float = 0.5  # further units must score this share of the best
    named_keep_ratio: float = 0.3  # … or this share, under the term the best describes when the question names it
    rival_share: float = 0.8  # a best unit ending in ":" quotes one item less when a unit of its page scores this share
    fuller_coverage: float = 0.2  # … over the best-scoring unit, one covering this much more of the question
    fuller_share: float = 0.6  # … and scoring this share of it
    max_units: int = 3
    prefer_typed: bool = True  # "Who…?": answer from a sentence holding a name when one covers enough
    typed_share: float = 0.3  # … and scores this share of the best covering one ("Who develops Click?": not SymPy's
    # "Ondřej Čertík stepped down as lead developer…" over "The Pallets organization develops and supports Click")
    near_chars: int = None  # further units must lie this close to the best one (None: anywhere in its document)
    fallback_coverage: float = None  # when none covers enough (and no value is asked for): the best covering this
    other_share: float = 0.8  # a unit of another document scoring this share of the best is quoted too
    rival_other_share: float = 0.5  # … or a sentence scoring this share, in place of a lower-scoring further unit
    other_depth: int = 3  # … when it is among this many best candidates
    fallback_words: int = 3  # … for a question of at least this many words beyond its scaffold (in one of two,
    # the word missed is half the question: "How do I bake bread?" is not answered by "Fresh bread can be ordered")


SMALL_COLLECTION_COVERAGE = 0.4  # min_coverage below it
SMALL_COLLECTION_FALLBACK = 0.3  # fallback_coverage below it


def collection_options(rarest_idf):
    """ExtractiveOptions for a collection whose rarest term has idf `rarest_idf` (its size): a small
    folder uses a small part of the language, so more of a question's words are ones it never
    uses ("Can I drink coffee on the bus?": "Drinking is allowed from closed bottles"), and a
    smaller share of the question's weight is enough to answer."""
    if is_small_collection(rarest_idf):
        return ExtractiveOptions(min_coverage=SMALL_COLLECTION_COVERAGE, fallback_coverage=SMALL_COLLECTION_FALLBACK)
    return ExtractiveOptions()


def abstain_text(hits):
    names = "; ".join(f"[{n}] {h.title or h.doc_id}" for n, h in enumerate(hits, 1))
    return "The documents do not seem to answer this" + (f"; closest sources: {names}." if names else ".")


def best_evidence(evidence, options=ExtractiveOptions(), question=""):
    """The Evidence an answer starts from, or None when nothing answers: the best-scoring unit
    of those that cover enough of the question (a higher-scoring unit that repeats one question
    word is passed over), one holding the kind of value asked for ("Who…": a name) if any does.
    When none covers enough and the question asks for no value (a price, a date…), the best that
    covers `fallback_coverage`, if the question has `fallback_words` words beyond its scaffold: in
    a small folder a question's other words are often ones it never uses ("Should I wash out tins
    before recycling them?": "… food tins, drinks cans…")."""
    covering = [e for e in evidence if e.coverage >= options.min_coverage]
    kind = question_type(question)
    # a contrast word ("but", "in contrast") is too common to prefer: "What is the difference between a
    # list display and a list comprehension?" is answered by what a list display is
    if options.prefer_typed and kind != "contrast":
        covering = [e for e in covering if e.holds_type and e.score >= options.typed_share * covering[0].score] \
            or covering
    if not covering and options.fallback_coverage is not None and kind not in VALUE_KINDS and \
            len(topic_terms(question)) >= options.fallback_words:
        covering = [e for e in evidence if e.coverage >= options.fallback_coverage]
    if not covering or covering[0].score < options.min_score:
        return None
    best = covering[0]
    for item in covering[1:8]:  # a unit covering clearly more of the question, scoring well enough
        if item.coverage >= best.coverage + options.fuller_coverage and item.score >= options.fuller_share * best.score:
            return item
    return best


def choose_units(evidence, units_of, options=ExtractiveOptions(), question=""):
    """[(source number, doc_id, Unit)] to quote, in reading order (another document's after); [] to abstain.

    The best unit (`best_evidence`) with the labels it needs (`_labels`), what it opens onto
    (`_quote_openings`), the units of its document that score nearly as well (`_quote_further`),
    the context the quoted units need (`_quote_context`) and what goes on in the best unit's
    paragraph when the question asks for it (`_quote_going_on`); after them, the best unit of
    another document (`_other_source`) when it scores nearly as well as the best or, being a
    sentence, half as well and above a further unit of the best's document, whose place it takes.
    `options.max_units` units at most, beyond labels, code a unit introduces and numbered notes."""
    best = best_evidence(evidence, options, question)
    if best is None:
        return []
    _, units, terms = units_of(best.doc_id)
    how_to = bool(HOW_TO.match(question))
    steps = procedure(evidence, best, units, terms, question, options.keep_ratio) \
        if how_to or ASKS_STEPS.match(question) else []
    if steps:  # "How do I return an item?": the numbered steps under "## How to return an item"
        return [(best.source, best.doc_id, units[i]) for i in steps]
    asked = asked_items(question, best.unit)
    if ASKS_NEXT.search(question):
        after = next_step(units, best.index)
        if after is not None:  # "What comes after step 2?": step 3, whole
            return [(best.source, best.doc_id, units[i]) for i in (after, *rest_of_item(units, after))]
        if asked:
            return []  # "What comes after step 3?" of three steps: nothing the documents say
    chosen = {best.index} | _labels(best, units, how_to)
    limit = options.max_units + len(chosen) - 1  # a label takes no sentence's place
    value_lead = enumeration_intro(units, best.index)  # "It is localized to:" over "- Klingon" takes a slot
    if value_lead is not None:
        chosen.add(value_lead)
    _quote_openings(chosen, limit, best, units, evidence, options, question)
    other = _other_source(evidence, best, options, {units[i].text for i in chosen}, options.rival_other_share)
    if other is not None and other.unit.kind != "prose" and other.score < options.other_share * best.score:
        other = None  # a table row ('"lambda" — Lambda expression') names more than it says: no rival of a sentence
    if asked:  # "What's the second rule?": item 2 whole ("2. Bring two spare tubes… The ride will not wait…")
        chosen.update(rest_of_item(units, best.index)[:max(0, limit - len(chosen))])
    question_words = set(evidence_terms(question))
    named_row = _names_row(best.unit, question_words)

    def another_item(unit):  # "step 3" for "the second step"; the "Hot desk" row for "the resident plan"
        return writes_other_item(unit, asked) or (named_row and _other_row(unit, best.unit, question_words))

    if how_to:
        _quote_how(chosen, limit, best, units)
    limit, other_kept = _quote_further(chosen, limit, best, units, terms, evidence, options, other, another_item)
    _quote_context(chosen, limit, best, units, question, how_to)
    _quote_going_on(chosen, limit, best, units, question)
    for i in list(chosen):  # a table row's "(8)" means little without note 8 below the table
        chosen.update(notes_of(units, i)[:MAX_NOTES])
    other_quoted = other is not None and other.unit.text not in {units[i].text for i in chosen} and (
        other_kept or (len(chosen) < limit and other.score >= options.other_share * best.score))
    lead = _list_lead(best, units, terms, question_words) if value_lead is None else None
    if lead is not None and len(chosen) + (other_quoted and not other_kept) < limit:  # in a slot left over
        chosen.add(lead)
    picked = [(best.source, best.doc_id, units[i]) for i in sorted(chosen)]
    if other_quoted:
        other_units = units_of(other.doc_id)[1]
        term = _above(other_units, other.index, "term", other.unit.term) \
            if other.needs_context and other.unit.term else None
        if term is not None:  # matched through the term it describes: quoted with it
            picked.append((other.source, other.doc_id, other_units[term]))
        picked.append((other.source, other.doc_id, other.unit))
    return picked


def _list_lead(best, units, terms, question_words):
    """Index of the sentence introducing the list the best unit is an item of when the item
    matched one of `question_words` through it ("By default, `load_dotenv()` will:" over "- **Not
    override** existing environment variables"), else None."""
    lead = list_intro(units, best.index) if best.needs_context else None
    if lead is None or set(terms[lead]).difference(terms[best.index]).isdisjoint(question_words):
        return None
    return lead


def _labels(best, units, how_to):
    """Indexes of the units the best one is read under: the signature or term it describes when
    part of its match came from there or the question asks how to do something ("How can I list
    the subclasses…": "class.__subclasses__()"; on a Markdown API page, the heading written as its
    signature, "## `util.format(…)`"), its heading when that holds the date asked for, a table
    row's header when the row matched through it ("Solo — Team — Business" over "Storage — 200 GB")."""
    labels = [("term", best.unit.term)] if best.unit.term and (
        best.needs_context or how_to or _leaves_subject_to_term(units, best.index)) else []
    # "## `util.format(…)`" over the sentence; the page's title ("# tablewise FAQ") is no signature
    signature = (not best.unit.term and SIGNATURE_HEADING.match(best.unit.heading)
                 and not (units[0].kind == "heading" and units[0].text == best.unit.heading))
    if best.dated_by_heading:
        labels.append(("heading", best.dated_by_heading))
    elif signature and (best.needs_context or how_to):
        labels.append(("heading", best.unit.heading))
    found = {_above(units, best.index, kind, text) for kind, text in labels}
    if best.unit.kind == "table" and best.needs_context:
        found.add(_header_of(units, best.index))
    if best.needs_context and _TERSE.match(best.unit.text):  # "*License?*" over "MIT"
        found.add(question_before(units, best.index))
    return found - {None}


def _quote_openings(chosen, limit, best, units, evidence, options, question):
    """Add to `chosen` what the best unit opens onto: for "… the difference between X and Y?"
    what each is; what it introduces when it ends in ":" (one item less when another unit of its
    page scores nearly as well: "… considered false:" and "By default, an object is considered
    true unless…"); the sentence saying how after a bare "Yes."; the sentence going on about
    what the best ends on, or about the subject whose doing it says ("It means that…")."""
    after, asked = best.index + 1, frozenset(lower_words(question))
    for subject in compared_subjects(question):  # "… the difference between a list and a tuple?": what each is
        if not any(defines(units[i], subject, asked=asked) for i in chosen) and len(chosen) < limit:
            defining = next((i for i, unit in enumerate(units)
                             if unit.kind == "prose" and defines(unit, subject, asked=asked)), None)
            if defining is not None:  # anywhere in the best's document ("Lists are mutable sequences…")
                chosen.add(defining)
    if best.unit.text.endswith(":") or _goes_on_below(units, best.index):
        room = limit - len(chosen)
        if any(e is not best and e.doc_id == best.doc_id and e.score >= options.rival_share * best.score
               for e in evidence[:3]):
            room -= 1  # a nearly-as-good sentence of the same page keeps a slot
        else:  # "It is maintained by:" + each name
            room = max(room, _short_items_after(units, best.index))
        chosen.update(_introduced(units, best.index, room))
    # "Is it thread safe?": "Yes." says little without the sentence saying how
    if (_BARE_REPLY.match(best.unit.text) and after < len(units) and units[after].kind == "prose"
            and units[after].heading == best.unit.heading and len(chosen) < limit):
        chosen.add(after)
    # "… evaluates the first expression as the exception object." then "It must be either a subclass…":
    # the best ending on what the question asks about, then the sentence going on about it
    # … or saying what the subject of "What does the global statement do?" does, then "It means that…"
    if after < len(units) and len(chosen) < limit and points_back(units, after) and (
            _ends_on_topic(best.unit.text, question) or best.lift > 1):
        chosen.add(after)


# the last word of a line that goes on in the paragraph below: "To cite SymPy in publications use"
_RUNS_ON = re.compile(r"\b(?:use|is|are|do|run|type|enter|write|with|to|of|for|by|from|via|the|a|an|like|follows)$",
                      re.I)
_BOLD_LABEL = re.compile(r"^(?:\*\*|__)[^*_\n]+(?:\*\*|__)(?:[,:\s]|$)(?!.*[.!?;:]$)")  # "**Alex Martelli**, `Fellow…`_"


def _goes_on_below(units, index):
    """Whether the unit at `index`, a paragraph of its own, goes on in the next paragraph of its
    section: it ends in a word that leaves its sentence open ("… in publications use" + the
    reference), or it opens in bold and ends in no sentence's stop, labelling the paragraph below
    (a testimonial's "**Alex Martelli**, Fellow of the PSF" over the quote)."""
    unit, after = units[index], index + 1
    return (unit.kind == "prose" and bool(_RUNS_ON.search(unit.text) or _BOLD_LABEL.match(unit.text))
            and after < len(units) and units[after].kind == "prose" and units[after].paragraph != unit.paragraph
            and units[after].heading == unit.heading and (index == 0 or units[index - 1].paragraph != unit.paragraph))


def _quote_further(chosen, limit, best, units, terms, evidence, options, other, another_item):
    """Add to `chosen` the units of the best's document scoring nearly as well, in score order
    (the rest of the description of the term the question names first, from a lower share:
    `named_keep_ratio`), but not one repeating a quoted description of the same name
    (`_repeats`) nor another item than the one asked for (`another_item`: "step 3" for step 2).
    Another document's unit `other` scoring above one of them takes its slot.
    Returns (the limit left, whether `other` kept a slot)."""
    passed_other = other_kept = False
    named_term = best.unit.term if best.named else ""

    def under_named_term(item):  # the rest of the description of the term the question names
        return bool(named_term) and item.doc_id == best.doc_id and item.unit.term == named_term

    if named_term:  # "What does dict.get return if…": the rest of get()'s description first
        evidence = sorted(evidence, key=lambda e: not under_named_term(e))
    for item in evidence:
        if item is best:
            continue
        if len(chosen) >= limit:
            break
        # from a lower share ("str.find" / 'Return "-1" if…'); past its weakest, other units may still reach theirs
        own_term = under_named_term(item)
        if item.score < (options.named_keep_ratio if own_term else options.keep_ratio) * best.score / best.lift:
            if own_term:
                continue
            break
        if item is other:
            passed_other = True
            continue
        near = options.near_chars is None or abs(item.unit.start - best.unit.start) <= options.near_chars
        if item.doc_id == best.doc_id and near and not _repeats(item.index, chosen, units, terms) \
                and not another_item(item.unit):
            if passed_other and not other_kept:  # another document's unit scoring above this one keeps a slot
                limit, other_kept = limit - 1, True
                if len(chosen) >= limit:
                    break
            chosen.add(item.index)
    return limit, other_kept


_EMPHASIZED = re.compile(r"^(\*{1,2}|_{1,2})[^*_\s][^*_]*(?<=\S)\1$")  # "*Upgrade your code without effort*"


def _introduces(text):
    """Whether a unit introduces what follows it: it ends in ":" ("Install it with:"), or it is a
    line in emphasis alone, a README's label over its example ("*Just print out normalized text*")."""
    return text.endswith(":") or bool(_EMPHASIZED.match(text))


def _quote_context(chosen, limit, best, units, question, how_to):
    """Add to `chosen` what the quoted units need to be read: the sentences an "It…"/"This…"
    best one points back to, the sentence saying what a quoted one names last, the term a
    further sentence describes, the code block a sentence runs on into or, for "How do I…",
    introduces ("Install it with:"), an example it leads to, the command before it."""
    i = best.index  # "It is the best choice for a bedroom": which plant is said in the sentences before,
    while (points_back(units, i) and i - 1 not in chosen and best.index - i < MAX_POINTED_BACK  # where the
           and len(chosen) < limit):  # answer has room left
        i -= 1
        chosen.add(i)
    if points_back_to_command(units, best.index):  # "scripts/update-translations.sh" / "This extracts…"
        chosen.add(best.index - 1)
    for i in sorted(chosen - {best.index}):  # a further "This ensures that…": with the sentence it goes on from
        if len(chosen) < limit and points_back(units, i) and i - 1 not in chosen:
            chosen.add(i - 1)
    # 'A special attribute of every module is "__dict__".' then "This is the dictionary containing…": a
    # sentence naming what the question asks about last, then the one saying what that is (beyond the limit)
    chosen.update(i + 1 for i in list(chosen) if i + 1 < len(units) and points_back(units, i + 1)
                  and _NAMES_LAST.search(units[i].text) and _ends_on_topic(units[i].text, question))
    for i in list(chosen):  # a further sentence under another term than the best's is quoted with that term
        if units[i].kind != "term" and units[i].term and units[i].term != best.unit.term:
            above = _above(units, i, "term", units[i].term)
            if above is not None:
                chosen.add(above)
    # the code block a sentence runs on into ('"assert expression", is equivalent to' + the code) or,
    # for "How do I…", introduces ("Install it with:"); the literal block a best reST sentence ends on
    # ("… different from the importable name::" + "pip install python-dateutil"), the one it announces
    # ("FreezeGun ignores following packages:" + the list) or a short lead-in ends on ("You can also install
    # using conda:" + "$ conda install …"), whatever the question
    chosen.update(i + 1 for i in list(chosen) if i + 1 < len(units) and _short_code(units[i + 1]) and (
                      (units[i + 1].kind == "code" and units[i].kind == "prose" and units[i].text[-1:].isalpha())
                      or (how_to and units[i + 1].kind in ("code", "grammar") and _introduces(units[i].text))
                      or (i == best.index and units[i + 1].kind == "code"
                          and (_ANNOUNCES.search(units[i].text) or _leads_in(units[i].text, units[i + 1].text)))))
    if how_to:  # "… to debug other scripts." + "For example:" + "python -m pdb myscript.py"
        chosen.update(j for i in list(chosen) for j in (i + 1, i + 2) if i + 2 < len(units)
                      and _EXAMPLE_LEAD.match(units[i + 1].text) and units[i + 2].kind == "code"
                      and _short_code(units[i + 2]))
        chosen.update(i - 1 for i in list(chosen) if i and units[i - 1].kind == "code"  # "## Installing", the
                      and units[i - 1].heading == units[i].heading and _short_code(units[i - 1])  # command, then prose
                      and units[i].kind != "term" and units[i - 1].term == units[i].term)  # (not another term's example)
        for i in [i for i in chosen if units[i].kind == "prose"]:  # "Install **python-slugify**, import
            after = next((j for j in range(i + 1, len(units)) if units[j].paragraph != units[i].paragraph), None)
            if after is not None and units[after].kind == "code" and units[after].heading == units[i].heading \
                    and _short_code(units[after]) and _writes_question_words(units[after].text, question):
                chosen.add(after)  # **slugify**. …" + "pip install python-slugify"


def _quote_how(chosen, limit, best, units):
    """For "How do I…": add to `chosen` the sentence after the best in its paragraph that says how to
    do what the best says ("… if you want ordered output of your dict keys." + "To do this you can use
    either of these options:") or how to change what it says happens by default ("By default, `tabulate`
    removes leading and trailing whitespace…" + "To disable whitespace removal, pass…")."""
    after = best.index + 1
    if after + 1 < len(units) and _ASIDE.match(units[after].text) and units[after].paragraph == best.unit.paragraph:
        after += 1  # past "(See `Record Responses to files`_ to understand how to obtain a file)."
    if after >= len(units) or after in chosen or len(chosen) >= limit:
        return
    following = units[after]
    if following.kind == "prose" and following.paragraph == best.unit.paragraph and (
            _DOES_SO.match(following.text) or (_BY_DEFAULT.search(best.unit.text) and _TO_DO.match(following.text))
            or (_ANNOUNCES.search(following.text) and after + 1 < len(units) and units[after + 1].kind == "code")):
        chosen.add(after)  # … or "Run the following command to see the available values:" + the command


def _quote_going_on(chosen, limit, best, units, question):
    """Add to `chosen` the sentence after the best in its paragraph when the question asks what
    follows from it ("What should I do when no steam comes out?": the symptom, then what to do;
    "What happens if I cancel on the day?"; "How long do deleted photos stay in the trash?": what
    the setting is for, then "Default: 30."), when it says a question word the best leaves out
    ("- `--strip`: remove EXIF data." + "Off by default."), or when it sets the key the best
    one's heading names ("exclude: *.tmp, node_modules" under "## exclude")."""
    after = best.index + 1
    if after >= len(units):
        return
    following = units[after]
    if following.kind == "prose" and following.paragraph == best.unit.paragraph and (
            ACTION.match(question) or (best.holds_type is False and any(ch.isdigit() for ch in following.text)
                                       and len(chosen) < limit)
            or (CONSEQUENCE.match(question) and len(chosen) < limit)):
        chosen.add(after)
    if (after not in chosen and following.kind == "prose" and len(chosen) < limit
            and following.paragraph == best.unit.paragraph
            and _left_out(question, best.unit) & set(evidence_terms(following.text))):
        chosen.add(after)
    if after not in chosen and _sets_heading(best.unit, following) and len(chosen) < limit:
        chosen.add(after)
    if (after not in chosen and following.kind == "prose" and following.heading == best.unit.heading
            and len(chosen) < limit and _lists_asked(question, best.unit.text, following.text)):
        chosen.add(after)  # "… use the request_kwargs_matcher …" + "Only following arguments are supported: …"


_WHICH = re.compile(r"^\s*(?:which|what)\s+((?:[\w-]+\s+){0,2}?[\w-]+s)\s+(?:can|do|does|are|is|will|should|must|"
                    r"may|did|were|have|has)\b", re.I)  # "Which request arguments can…": the things asked for
_LISTED = re.compile(r"(?:[^,;]+,){2,}")  # three items or more, comma-separated


def _lists_asked(question, best_text, text):
    """Whether `text` lists the things a "Which X…?" question asks for (it names X and three items or
    more) where the best sentence, which does not list them, leaves off."""
    asked = _WHICH.match(question)
    if not asked:
        return False
    thing = evidence_terms(asked.group(1))[-1:]
    return bool(thing) and thing[0] in evidence_terms(text) and bool(_LISTED.search(text)) \
        and not _LISTED.search(best_text)


def _first_cell_terms(unit):
    return set(evidence_terms(unit.text.split(" — ")[0]))


def _names_row(best_unit, question_words):
    """Whether the best unit is a table row the question names by its first cell in words ("What
    does the resident plan include?": "Resident — 310 GBP — …"; a number, "4", names nothing)."""
    if best_unit.kind != "table":
        return False
    first_cell = _first_cell_terms(best_unit)
    return any(t.isalpha() for t in first_cell) and first_cell <= question_words


def _other_row(unit, best_unit, question_words):
    """Whether `unit` is another row of the best row's table, one the question does not name
    (not the "Hot desk" and "Day pass" rows for the resident plan)."""
    return (unit.kind == "table" and unit.paragraph == best_unit.paragraph
            and not _first_cell_terms(unit) <= question_words)


def _repeats(index, quoted, units, terms):
    """Whether unit `index` describes a function of the same name as one of the `quoted` units
    does, one in no other words than the other but function words (`terms`: each unit's): a
    module's function and its class's method ("sub(pattern, repl, …)" and "sub(self, repl, …)":
    "Return the string obtained by replacing…" twice), not str.strip and str.rstrip."""
    name = described_name(units[index].term)
    if not name:
        return False
    own = set(terms[index])
    for i in quoted:
        if described_name(units[i].term) == name:
            other = set(terms[i])
            if own and other and (own <= other or other <= own):
                return True
    return False


def _other_source(evidence, best, options, quoted, share):
    """Among the first `other_depth` candidates, one of another document that covers enough of
    the question, scores `share` of the best and, when the best holds the kind of value asked for
    (a date…), holds one too; or None: where two sources answer nearly as well, the answer quotes
    both ("What happens if two deploys run migrations at once?")."""
    for item in evidence[:options.other_depth]:
        if (item.doc_id != best.doc_id and item.score >= share * best.score
                and item.coverage >= options.min_coverage and item.unit.text not in quoted
                and (item.holds_type or not (best.holds_type or best.dated_by_heading))):
            return item
    return None


def _sets_heading(unit, following):
    """Whether `following` sets the key its section's heading names ("exclude: …" under "exclude"),
    right after `unit` in the same section."""
    key = unit.heading
    return bool(key) and following.heading == key and following.text.startswith((key + ":", key + " ="))


MAX_NOTES = 2  # notes quoted for one table row
MAX_POINTED_BACK = 3  # sentences quoted before one that opens with "It…" / "This…"
_DOES_SO = re.compile(r"^(?:To\s+(?:do|achieve|accomplish)\s+(?:this|that|so)|For\s+this)\b", re.I)  # "To do this, …"
_BY_DEFAULT = re.compile(r"\bby\s+default\b", re.I)
# a sentence announcing what follows it ("… ignores following packages:", "… as follows:") or a reST paragraph
# ending in a literal block ("… the importable name::")
_ANNOUNCES = re.compile(r"(?:\b(?:following|as\s+follows|below)\b[^:]*:|::)$", re.I)
_ASIDE = re.compile(r"^\(.*\)\.?$", re.S)  # a sentence in parentheses: "(See below for details.)"
_TO_DO = re.compile(r"^To\s+[a-z]+\b")  # "To disable whitespace removal, pass…"
_BARE_REPLY = re.compile(r"^(?:yes|no)[.!]?$", re.I)
_EXAMPLE_LEAD = re.compile(r"^(?:for\s+(?:example|instance)|e\.g\.|example|like\s+(?:this|so)|as\s+follows)\s*:$", re.I)


def _header_of(units, index):
    """Index of the header row of the table holding row `index`, or None."""
    i = index
    while i > 0 and units[i - 1].kind == "table" and units[i - 1].paragraph == units[index].paragraph:
        i -= 1
    return i - 1 if i > 0 and units[i - 1].kind == "header" and units[i - 1].paragraph == units[index].paragraph else None


def _above(units, index, kind, text):
    """Index of the nearest unit before `index` of this kind and text (the term a sentence
    describes, its heading), or None."""
    return next((i for i in range(index - 1, -1, -1) if units[i].kind == kind and units[i].text == text), None)


def _leaves_subject_to_term(units, index):
    """Whether unit `index` opens the description of the term right above it without naming it
    in full ("Standard variable rate (SVR)" / "The rate you move to when a fixed deal ends."):
    the term is what it describes."""
    term = units[index].term
    return (index > 0 and units[index - 1].kind == "term" and units[index - 1].text == term
            and not set(evidence_terms(term)) <= set(evidence_terms(units[index].text)))


# "What happens if I lose a book?": "If you lose a book, tell the library desk." and what follows
CONSEQUENCE = re.compile(r"^\s*what\s+happens\s+(?:if|when|to)\b", re.I)
ACTION = re.compile(r"^\s*what\s+(?:should|do|can|must|shall)\s+(?:i|we|you|one)\s+do\b", re.I)


MAX_LEAD_IN_WORDS, MAX_LEAD_IN_LINES = 8, 3


def _leads_in(text, code):
    """Whether a sentence is a short lead-in to the few lines of code after it, which say what it
    does not ("You can also install using conda:" / "$ conda install -c conda-forge xxhash"; a
    fence's opening and closing lines not counted)."""
    return (text.endswith(":") and len(text.split()) <= MAX_LEAD_IN_WORDS
            and len(code.strip("`\n").splitlines()) <= MAX_LEAD_IN_LINES + 2)


def _writes_question_words(text, question, share=0.6):
    """Whether `text` (a command) writes two of the question's words at least, and `share` of
    them ("pip install python-slugify" of "How do I install python-slugify?")."""
    asked = set(evidence_terms(question))
    written = asked & set(evidence_terms(text))
    return len(written) >= 2 and len(written) >= share * len(asked)


def _short_code(unit, max_lines=12, max_chars=600):
    """Whether a code unit is short enough to quote as the steps of an answer."""
    return unit.text.count("\n") < max_lines and len(unit.text) <= max_chars


_EXPLAINS = re.compile(r"^(?:It|This|These|They|Such|Here)\b")
_TERSE = re.compile(r"^\W*\w+(?:\W+\w+){0,3}\W*$")  # a reply of four words at most ("MIT", "Yes, from 2.0.")


MAX_SHORT_ITEMS, SHORT_ITEM_WORDS = 6, 8  # a list quoted whole under its introduction: its items, their words


def _short_items_after(units, index):
    """How many items the list right after unit `index` has when it is a short list of short items
    ("* Paul Ganssle <paul@ganssle.io> 2015-"), quoted whole; else 0."""
    count, after = 0, index + 1
    while after < len(units) and units[after].kind == "prose" and LIST_ITEM.match(units[after].text):
        if len(units[after].text.split()) > SHORT_ITEM_WORDS or count == MAX_SHORT_ITEMS:
            return 0
        count, after = count + 1, after + 1
    return count


def _introduced(units, index, room, scan=40):
    """Indexes of what the unit at `index` (ending in ":") introduces: the sentences or table
    rows after it, or for a definition list each term with the first sentence under it
    ("There are two types of integers:" -> "Integers (int)", "These represent…", "Booleans
    (bool)", "These represent…"), or past a code or grammar block it introduces, the sentence
    explaining it. `room` sentences at most; terms are labels and do not count."""
    out, sentences, in_list = [], 0, False
    start = index + 1
    while start < len(units) and units[start].kind in ("code", "grammar"):  # "… conditional execution:" + grammar
        start += 1
    if start > index + 1:  # the sentence after the example or grammar, when it explains it ("It selects…")
        if start == len(units) or not _EXPLAINS.match(units[start].text):
            return []
        room = min(room, 1)
    for follow in range(start, min(len(units), index + 1 + scan)):
        unit = units[follow]
        if unit.kind == "header":  # "The settings are:" + a table: its rows, under their header
            continue
        if (sentences >= room or unit.kind not in ("prose", "table", "term")
                or (in_list and unit.kind != "term" and not unit.term)):  # past the list's end
            break
        if unit.kind == "term":
            in_list = True
            out.append(follow)
        elif not in_list or units[follow - 1].kind == "term":
            out.append(follow)
            sentences += 1
    return out


def cite_narrowest(picked, hits, units_of):
    """`picked` ((source number, doc_id, Unit) triples) with the units quoted from one document
    cited from the shortest other retrieved document that holds them all word for word: the page
    about them rather than one gathering them with others (pydoc's "Basic customization" rather
    than "Special method names", which repeats it)."""
    first_source = {}
    for number, hit in enumerate(hits, 1):
        first_source.setdefault(hit.doc_id, number)
    if len(first_source) < 2:
        return picked
    moved = {}  # doc_id -> (source number, the shorter document's id, {(kind, text): the unit there})
    for doc_id in {doc for _, doc, _ in picked}:
        quoted = [(unit.kind, unit.text) for _, doc, unit in picked if doc == doc_id]
        length = len(units_of(doc_id)[0] or "")
        for other, number in first_source.items():
            text, units, _ = units_of(other)
            if other == doc_id or len(text or "") >= length:
                continue
            copies = {(u.kind, u.text): u for u in units}
            if all(key in copies for key in quoted):
                length, moved[doc_id] = len(text), (number, other, copies)
    if not moved:
        return picked
    return [(moved[doc][0], moved[doc][1], moved[doc][2][unit.kind, unit.text]) if doc in moved else (n, doc, unit)
            for n, doc, unit in picked]


def render(picked):
    """(answer text, citations): each unit followed by " [n]", a list item ("2. Choose…",
    "- On a Mac…") on a line of its own."""
    citations = [Citation(unit.text, source, unit.start, unit.end) for source, _, unit in picked]
    parts = []
    for i, c in enumerate(citations):
        if i:
            parts.append("\n" if LIST_ITEM.match(c.sentence) else " ")
        parts.append(f"{c.sentence} [{c.source}]")
    return "".join(parts), citations


_NAMES_LAST = re.compile(r"\b(?:is|are|called|named)\s+(?:the\s+|an?\s+)?\S+\.$")  # '… every module is "__dict__".'


def _ends_on_topic(text, question):
    """Whether the last word of `text` is one the question is about."""
    terms = evidence_terms(text)
    return bool(terms) and terms[-1] in topic_terms(question)


def _left_out(question, unit):
    """The question's topic terms that `unit` does not say."""
    return topic_terms(question) - set(evidence_terms(unit.text))
