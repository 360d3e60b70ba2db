"""Scoring one candidate unit against a question (score_unit): how its words match the question's,
the factors of its form and place (a definition of what is asked, its position in its section,
its heading and title), and whether it holds the kind of value asked for."""
import re
from typing import NamedTuple

from ..answer_types import FEE_WORDS, holds_type, only_fees
from ..retrieval.analyzer import analyze
from ..retrieval.lemmas import SYNONYMS, base_terms
from .layout import NAMED_ITEM, PARAMETER_ITEM, VERSION_NOTE, heading_signature
from .question import (ANY_QUANTITY, MEASURE_UNITS, NOT_COUNTED, VERSION_NUMBER, how_to_verb, measure_word, plural,
                       spells)
from .terms import STAR_PARAMETER, described_name, evidence_terms, list_item_pairs, numbered_pairs
from .tuning import DEFAULT_TUNING

_FEE_TERMS = frozenset(t for word in FEE_WORDS for t in base_terms(analyze(word)))
_NONE = frozenset()

_COUNT_WORD = re.compile(r"[\w'’-]+")  # a word or number of a unit, read for a count ("2-player", "12")
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve twenty".split())


def _writes_count_of(counted, text, table):
    """Whether `text` writes a number right before the counted term, or one word before it ("2 to 5
    players", "12 storm cards"; not "after 10 rounds the player") or, in a table row, within three
    words after it ("Storm cards — 12", "Users — up to 3")."""
    words = _COUNT_WORD.findall(text)
    for i, word in enumerate(words):
        if base_terms(analyze(word)) == [counted]:
            before = words[max(0, i - 2):i]
            if (before and _is_number(before[-1])) or (len(before) == 2 and _is_number(before[0])
                                                     and before[1].lower() not in NOT_COUNTED) \
                    or (table and any(_is_number(w) for w in words[i + 1:i + 4])):
                return True
    return False


def _is_number(word):
    return word.isdigit() or word.lower() in _NUMBER_WORDS


def _asking_words(q):
    """Question terms that only ask for the kind of value, which a unit's same word does not answer:
    "How long does it take?" (not "for longer jobs"), "Which version added X?" (not "removed in
    version 3.0"; but "What version is invoicer?" is answered by "__version__ = '0.8.2'")."""
    if q.wanted in ("duration", "extent"):
        return _LONG
    size = q.type_terms & _SIZE_WORDS if q.wanted == "number" else None
    if size:  # "How big is a full plot?" (not "no larger than")
        return size
    return _VERSION_WORDS if q.wants_version and q.type_terms - _VERSION_WORDS else frozenset()


class UnitScore(NamedTuple):
    """What score_unit finds of one unit."""

    score: float
    coverage: float  # share of the question's weight it and its context match
    via_context: bool  # part of its match came from its context (the term or heading above it)
    typed: bool  # holds the kind of value asked for (None: none is asked for)
    dated_heading: str  # the heading above it holding the date or version asked for, when that answers
    lift: float  # the factor it took for saying what the subject of "What does X do?" does


class _WordMatch(NamedTuple):
    """How one unit's words match the question's: BM25-like `match`, weight `covered`, weight of
    words found only in the context, the terms it says (with counts), those matched through a
    synonym, and those a range or season it writes bounds ("aged 16 and over")."""

    match: float
    covered: float
    from_context: float
    counts: dict
    via_synonym: set
    bounded: list
    seasons: list


def score_unit(q, unit, unit_terms, context, place, average, title_share, tuning=DEFAULT_TUNING, names_it=False,
               dating="", lead=""):
    """UnitScore of one unit: `place` is its passage's (passage_place), `average` the candidates'
    mean length in terms, `names_it` whether the question names the term it describes or, for a
    table row, its first cell, `dating` the heading above it holding the date or version asked for
    (dating_heading), whose words are in `context`, `lead` the sentence introducing the list it is
    an item of, whose words are in `context` too."""
    asking = _asking_words(q)
    renamed = _renamed_parameters(q, unit.text)
    if renamed:  # '"**identifier"' of "What does **kwargs receive?": the question's parameter, as the documents name it
        unit_terms = [*unit_terms, *renamed]
    quoted = [symbol for symbol, quotes in q.symbols.items() if any(quote in unit.text for quote in quotes)]
    if quoted:  # 'The "\'#\'" option causes…' says the "#" of "What does the # option do?"
        unit_terms = [*unit_terms, *quoted]
    if q.how_to and _takes_the_number(q, unit):  # "How do I pick 5 random lines?": "-n, --head-count=COUNT" /
        unit_terms = [*unit_terms, *q.numbers]  # "output at most COUNT lines"
    items = _items_written(q, unit, unit_terms)
    ordinals = [q.numbered[item] for item in items if q.numbered[item]]
    if ordinals:  # "2. Choose the order…" says which step "the second step" is
        unit_terms = [*unit_terms, *ordinals]
    words = _word_match(q, unit, unit_terms, context, average, asking, tuning)
    score = (words.match + tuning.context_weight * words.from_context) / (1 + tuning.rank_decay * (place - 1))
    relief = tuning.yes_no_relief if q.asker_yes_no and _names_all_known(
        q, words.counts.keys() | context | words.via_synonym | set(words.bounded)) else 0.0
    score, lift, named = _shaped(score, q, unit, unit_terms, context, title_share, tuning, names_it, renamed, items,
                                 lead)
    coverage = max(words.covered / q.total + relief, tuning.named_coverage if named else 0.0)
    typed, dated_heading, coverage = _wanted_value(q, unit, unit_terms, context, words, coverage, dating, tuning)
    if q.acronym and spells(q.acronym, unit.text):  # the name's expansion: the answer, whatever else it says
        typed, coverage = True, max(coverage, tuning.named_coverage)
        score *= 1 + tuning.spelled_bonus
    if typed:
        score *= 1 + tuning.answer_type_bonus
    if _FOOTNOTES.match(unit.heading):
        score *= 1 - tuning.footnote_penalty
    if _ENDS_PROGRAM.search(unit.text) and q.weights.keys().isdisjoint(_HELP_WORDS):
        score *= 1 - tuning.help_line_penalty  # "--version  output version information and exit": asked or not at all
    return UnitScore(score, coverage, bool(words.from_context), typed, dated_heading, lift)


_FOOTNOTES = re.compile(r"\s*(?:foot|end)notes?\s*$", re.I)  # pydoc's "-[ Footnotes ]-", a paper's "Endnotes"

# what every command's --help and --version do ("display this help and exit", "show program's
# version number and exit"), which answers no question but one about help or versions
_ENDS_PROGRAM = re.compile(r"\b(?:help|version)\b[\w\s']{0,30}\band\s+exit\b", re.I)
_HELP_WORDS = frozenset(analyze("help usage version"))


# an option taking a value its description names ("--head-count=COUNT" / "output at most COUNT lines")
_OPTION_VALUE = re.compile(r"(?<![\w-])-{1,2}[A-Za-z0-9][\w-]*(?:=|\s)\[?([A-Z][A-Z_]*)\]?(?![\w])")


def _takes_the_number(q, unit):
    """Whether the question gives a number and the unit describes an option whose value its text
    names (COUNT, SIZE, WIDTH…): the option is how to give that number."""
    if not q.numbers:
        return False
    cells = unit.text.split(" — ")
    option = unit.term or (cells[0] if unit.kind == "table" else "")
    return any(re.search(rf"\b{value}\b", cells[-1]) for value in _OPTION_VALUE.findall(option))


def _items_written(q, unit, unit_terms):
    """The numbered items the question names ("step 2", "the second step") that the unit writes
    as "step 2" or, being item 2 of a numbered list, "2. …"; or as "the second step" when the
    question writes a number (in the question's own words, the words match already)."""
    if not q.numbered:
        return _NONE
    written = {pair for pair, ordinal in numbered_pairs(unit_terms).items() if not ordinal or not q.numbered.get(pair)}
    return q.numbered.keys() & (written | list_item_pairs(unit.text))


def _word_match(q, unit, unit_terms, context, average, asking, tuning):
    """_WordMatch of the unit's words and context against the question's weighted terms."""
    weights = q.weights
    counts = {}
    for term in unit_terms:
        if term in weights and term not in asking:
            counts[term] = counts.get(term, 0) + 1
    norm = tuning.k1 * (1 - tuning.b + tuning.b * len(unit_terms) / (average or 1.0))
    # a word the unit says itself counts at least as much as it would from its heading or title alone
    match = sum(weights[t] * max(n * (tuning.k1 + 1) / (n + norm), tuning.context_weight if t in context else 0.0)
                for t, n in counts.items())
    from_context = sum(w for t, w in weights.items() if t not in counts and t not in asking and t in context)
    covered = sum(weights[t] for t in counts) + from_context
    via_synonym = set()
    if q.synonyms:
        present = set(unit_terms)
        related = q.related or {}
        via_context = set()
        for t in q.synonyms:
            if t not in counts and t not in context and t not in asking:
                near = SYNONYMS.get(t, _NONE) | related.get(t, _NONE)
                if near & present:
                    via_synonym.add(t)
                elif not near.isdisjoint(context):  # the heading or FAQ question says it in its words
                    via_context.add(t)
        similar = sum(q.synonyms[t] for t in via_synonym)
        around = sum(q.synonyms[t] for t in via_context)
        match += tuning.synonym_weight * similar
        covered += tuning.synonym_weight * (similar + around)
    bounded = [t for t in weights if t.isdigit() and t not in counts and t not in context and t not in asking]
    measures = _bound_measures(unit.text) if bounded else ()
    bounded = [t for t in bounded if q.measures.get(t, "") in measures]
    seasons = [t for t in weights if t in _SEASONS and t not in counts and t not in context]
    seasons = seasons if seasons and _MONTH.search(unit.text) else []
    if seasons:  # "… a bonfire in summer?": "… between 1 November and 31 March"
        bounded += seasons
    days = [t for t in weights if t in _WEEKDAYS and t not in counts and t not in context]
    if days and _DAY_RANGE.search(unit.text):  # "… drill holes on a Sunday?": "… Monday to Saturday"
        bounded += days
    if bounded:  # "Can my 14-year-old use the spa?": "… aged 16 and over"; "a 28 kg bag": "up to 23 kg"
        bound = tuning.synonym_weight * sum(weights[t] for t in bounded)
        match += bound
        covered += bound
    return _WordMatch(match, covered, from_context, counts, via_synonym, bounded, seasons)


def _shaped(score, q, unit, unit_terms, context, title_share, tuning, names_it, renamed, items, lead):
    """(score, lift, named): `score` times the factors of the unit's form and place (its wording
    as the question asks, its position in its section, its heading and title, the code it
    writes, a definition of what is asked), `lift` the factor for saying what the subject of
    "What does X do?" does, `named` whether it is where the question's name is defined."""
    weights = q.weights
    if items:  # "Assignment 4", not week 4's row, for "When is assignment 4 due?"
        score *= 1 + tuning.numbered_bonus * len(items) / len(q.numbered)
    if q.counted and _writes_count_of(q.counted, unit.text, unit.kind == "table"):
        score *= 1 + tuning.counted_bonus
    for unit_form, bonus in q.forms:  # "Can I pay in instalments?": "… may be spread over six payments"
        if unit_form.search(unit.text):
            score *= 1 + getattr(tuning, bonus)
    if q.how_to and (_does_what_asked(q.verb, unit.text) or how_to_heading_does(q.verb, unit.heading)
                     or (_describes_doing_asked(q.verb, unit) and q.focus <= set(unit_terms) | context)
                     or (q.task and q.task.search(unit.text))):  # "… is also provided to get the integer digest."
        score *= 1 + tuning.purpose_bonus
    if q.how_to and (unit.term.lstrip().startswith("-") or (unit.kind == "table" and unit.text.startswith("-"))):
        score *= 1 + tuning.option_bonus  # "How do I keep the original file?": "-k --keep"
    if unit.position == 0:
        score *= 1 + tuning.first_bonus
    elif unit.position == 1:
        score *= 1 + tuning.second_bonus
    if q.focus_total:
        named = sum(weights[t] for t in q.focus if t in context)
        score *= 1 + tuning.heading_bonus * named / q.focus_total
    score *= 1 + tuning.topic_bonus * title_share
    # "## `util.promisify(original)`" over its definition; "By default, `load_dotenv()` will:" over its list
    signature = f"{unit.term or (unit.heading if names_it else '')}\n{lead}"
    if renamed or (q.literals and any(code in unit.text or code in signature for code in q.literals)) or (
            q.keyword_code and (q.keyword_code.search(unit.text) or q.keyword_code.search(signature))):
        score *= 1 + tuning.code_bonus
    if len(unit_terms) < tuning.short_units:
        score *= 1 - tuning.short_penalty
    if unit.text.endswith(":"):
        score *= 1 - tuning.intro_penalty
    if q.how_to and PARAMETER_ITEM.match(unit.text):  # "How do I…?" is answered by what a function does,
        score *= 1 - tuning.parameter_penalty         # not by one of its parameters ("* `path` {string}")
    if tuning.version_note_penalty and VERSION_NOTE.match(unit.text):
        score *= 1 - tuning.version_note_penalty
    if q.wants_subject and q.focus & set(unit_terms[:tuning.subject_window]):
        score *= 1 + tuning.subject_bonus
    lift = 1.0
    defined = (q.defining and (defines(unit, q.focus, weights, q.words) or _tagline(unit, unit_terms, q.focus))) or any(
        defines(unit, subject, asked=q.words) for subject in q.compared)
    if defined:
        score *= 1 + tuning.definition_bonus
    elif q.doing and (says_what_it_does(unit.text, q.doing, q.words) or _describes_doing(unit, q)):
        lift = 1 + tuning.definition_bonus
        score *= lift
    # a row whose first cell, or the first sentence under a term, the question names
    named = names_it and (unit.kind == "table" or bool(NAMED_ITEM.match(unit.text))
                          or q.focus - q.asked_verb <= context)
    emphasized = q.wants_subject and "*" in unit.text and _emphasizes(unit.text, q.focus, weights, q.words)
    if named or emphasized:
        score *= 1 + (tuning.named_row_bonus if named and unit.kind == "table" else tuning.defines_bonus)
    if emphasized and q.defining and not defined:  # the defining use of what "What is X?" asks ("… wrapped by
        lift = (1 + tuning.definition_bonus) / (1 + tuning.defines_bonus)  # one or more *decorator* expressions.")
        score *= lift  # ranks first as a definition does, raising no bar for the sentences quoted after it
    return score, lift, named


def _wanted_value(q, unit, unit_terms, context, words, coverage, dating, tuning):
    """(typed, dated heading, coverage): whether the unit holds the kind of value the question asks
    for ("When…": a date) about what it asks, the heading above it that dates it instead, and its
    coverage with the words asking for the value (and a quantity named in other words) counted."""
    weights, counts = q.weights, words.counts
    typed = holds_type(q.wanted, unit.text) if q.wanted else None
    if not typed and q.wanted in ("money", "amount") and unit.kind == "table" and _BARE_PRICE.search(unit.text) \
            and not _PRICE_WORDS.isdisjoint(context):  # "Single — 2.80 — 1.40" in fares.csv: a price
        typed = True
    if not typed and q.wanted == "money" and q.asker_yes_no and _NOT_NEEDED.search(unit.text):
        typed = True  # "Do I need to pay for professional cleaning?": "Professional cleaning is not required…"
    if typed and q.wanted in ("money", "amount") and _FEE_TERMS.isdisjoint(weights) and only_fees(unit.text):
        typed = False  # "How much is a stalls ticket?" is not answered by "… exchange them for a £2 fee per ticket"
    if q.wants_version:  # "Which version added two-factor…?": not the "two"; "… dropped Python 3.8?": not "3.8"
        typed = _holds_version(unit.text, q.versions, q.dependencies)
    if typed and q.releases and not set(VERSION_NUMBER.findall(unit.text)) <= set(q.releases):
        typed = False  # "When was version 3.0 released?" is not answered by "Version 2.4 will receive fixes until 2027."
    topic = q.focus - q.type_terms  # what the question is about, beyond the words asking for the type
    # "How much memory…?" is answered by "256 MB of RAM": the unit names the quantity
    measured = {t for t in topic if t in _MEASURED_IN and t not in counts
                and not _MEASURED_IN[t].isdisjoint(unit_terms)} if q.wanted == "number" else ()
    if measured:
        coverage = min(1.0, coverage + tuning.synonym_weight * sum(weights[t] for t in measured) / q.total)
    # … or it names the quantity asked for in other words ("How heavy…?": "Weight: 5.2 kg")
    about = any(t in counts or t in context or t in words.via_synonym or t in measured or t in words.seasons
                for t in topic) if topic else True  # "in winter": "… from October to March"
    named_quantity = q.type_terms - ANY_QUANTITY if q.wanted == "number" else ()
    about = about or any(t in counts or t in words.via_synonym for t in named_quantity)
    if typed and not about:
        typed = False  # a value of the kind asked for, about something else ('a "UnicodeError" is raised')
    if typed and q.wanted == "number" and any(_MEASURED_IN[t].isdisjoint(unit_terms)
                                              for t in q.type_terms if t in _MEASURED_IN):
        typed = False  # "What temperature…?" is answered in degrees, not by "after 30 seconds"
    if typed and q.counts_things and not _counts_in(unit.text, weights):
        typed = False  # "How many e-bikes…?" is not answered by "… a range of about 60 km"
    # "## 2.4.0 (2024-03-18)" dates the changes listed under it (or under its "### Fixed") and names their version
    dated_heading = dating if dating and not typed and about and _numbers_in(q.focus, unit_terms, context) \
        and all(v in dating or v in unit.text for v in q.versions) and all(v in dating for v in q.releases) \
        else ""  # "2.3.0", not "2.2.0"; "When was version 3.0 released?": not the "… stop working in 3.0." of 2.4.0
    typed = typed or bool(dated_heading)
    if typed:
        missing = sum(weights[t] for t in q.type_terms if t not in counts and t not in context)
        coverage = min(1.0, coverage + missing / q.total + tuning.answer_type_coverage)
    return typed, dated_heading, coverage


def _tagline(unit, unit_terms, focus):
    """Whether `unit` is the line under a document's title saying what it is, for "What is <the
    title>?" ("Watchdog" over "Python API and shell utilities to monitor file system events."): an
    opening sentence of the title's section that does not name it, nor introduce what follows."""
    return (unit.kind == "prose" and unit.position <= 1 and not unit.outer and not unit.text.endswith(":")
            and bool(focus) and focus.isdisjoint(unit_terms) and set(evidence_terms(unit.heading)) == focus)


def _renamed_parameters(q, text):
    """Terms of the question's starred parameters ("**kwargs") that `text` writes under another
    name ('"**identifier"'): documents name a parameter of such a form as they please."""
    if not q.star_parameters:
        return []
    written = STAR_PARAMETER.findall(text)
    return [term for stars, name in q.star_parameters
            if (stars, name) not in written and any(other == stars for other, _ in written)
            for term in evidence_terms(name)]


_SEASONS = frozenset(analyze("spring summer autumn fall winter"))
_WEEKDAYS = frozenset(analyze("monday tuesday wednesday thursday friday saturday sunday"))
_DAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)s?\.?"
# the days something is on or allowed, named as a range ("weekdays" and "weekends" are synonyms of their days)
_DAY_RANGE = re.compile(rf"\b{_DAY}\s*(?:to|-|–|until|through|thru)\s*{_DAY}\b|\b(?:every\s+day|daily)\b", re.I)
_BARE_PRICE = re.compile(r"(?<![\d.,])\d+[.,]\d\d(?![\d.,%])")  # "2.80": a sum written without its currency
_NOT_NEEDED = re.compile(r"\b(?:is|are)\s+not\s+(?:required|needed|necessary|compulsory|mandatory)\b|"
                         r"\bno\s+need\s+to\b|\b(?:is|are)\s+optional\b", re.I)
_PRICE_WORDS = frozenset(analyze("price prices fare fares cost costs fee fees rent rate rates charge charges tariff"))
_MONTH = re.compile(r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t|tember)?|"
                    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b")  # as documents write them: not the "may" of "you may"
# a limit on a number: "under 12", "up to 23 kg", "at least 18", "between 23 and 32 kg", "16 and over", "18+"
_BOUND = re.compile(r"\b(?:under|over|below|above|up\s+to|at\s+least|at\s+most|no\s+more\s+than|more\s+than|"
                    r"less\s+than|fewer\s+than|older\s+than|younger\s+than|maximum|minimum|between)\s+(?:of\s+)?[$€£]?"
                    r"[\d.,]*\d(?:\s+and\s+[\d.,]*\d)?\s*(%|[a-z]+)?|"
                    r"\d\s*(%|[a-z]+)?\s+(?:and|or)\s+(?:over|under|above|below|older|younger|more|less|fewer)\b|"
                    r"\d(\+)", re.I)


def _names_all_known(q, matched):
    """Whether a unit matching the terms `matched` says every word of the question that the
    documents use, and those are no fewer than the words they never use: "No smoking anywhere in
    the flat" for "Can I smoke on the balcony?" (a rule stated in general for the case the asker
    names), not "… turn the key to the left" for "Can I play the violin left-handed?"."""
    known = q.focus - q.unknown
    return bool(known) and len(known) >= len(q.unknown) and known <= matched


def _bound_measures(text):
    """The measures ("kg", "%", "" for none) of the limits `text` sets on a number (_BOUND)."""
    return {measure_word(match.group(1) or match.group(2)) for match in _BOUND.finditer(text)}


_LONG = frozenset(analyze("long"))  # asks for a duration; "as soon as possible" does say how soon
_VERSION_WORDS = frozenset(analyze("version release"))  # ask for a version number
_SIZE_WORDS = frozenset(analyze("big large small"))  # "How big…?" asks for a size, which any measure gives
_NUMBER_AND_UNIT = re.compile(r"([$€£¥]?)\s*\d[\d,.]*\s*(%|°|[a-zA-Z/]*)")  # (currency sign, the word after it)


def _counts_in(text, weights):
    """Whether `text` holds a number that is not a measurement: "400 are e-bikes", "27 days", not
    "about 60 km" or "€5" (a unit the question itself names counts: "How many GB…?")."""
    numbers = _NUMBER_AND_UNIT.findall(text)
    if not numbers:
        return True  # a number word ("two maintainers")
    return any(not currency and (unit.lower() not in MEASURE_UNITS or not weights.keys().isdisjoint(evidence_terms(unit)))
               for currency, unit in numbers)


def _measured_in(groups):
    """{quantity's term: terms of the units it is measured in}"""
    table = {}
    for group in groups.split("|"):
        quantities, units = group.split(":")
        for term in evidence_terms(quantities):
            table[term] = frozenset(evidence_terms(units))
    return table


_MEASURED_IN = _measured_in("memory ram storage disk: kb mb gb tb kib mib gib bytes | "
                            "distance range: km kilometres kilometers miles metres meters walk drive minutes | "
                            "weight: kg kilos grams g lbs lb oz ounces tonnes | "
                            "temperature hot cold warm: degrees celsius fahrenheit °c °f | loud noisy noise: db decibels")  # "65°C": "c"


def _holds_version(text, asked, dependencies=()):
    """Whether `text` names a version other than those the question names (`asked`): a dotted
    number ("2.2.0") or a number after a name or "version" ("Android 10"), not a number word
    ("two-factor") nor a quantity ("longer than 260 characters"), nor a version of what the
    question names with one (`dependencies`: "Python 3.9 and 3.10" for "… Python 3.9?")."""
    for name in dependencies:
        text = re.sub(rf"\b{re.escape(name)}\s+{_VERSION_RUN}", name, text, flags=re.I)
    if any(v not in asked for v in VERSION_NUMBER.findall(text)):
        return True
    for version in asked:
        text = text.replace(version, "")
    return bool(_NAMED_VERSION.search(text))


_VERSION_RUN = r"v?\d+(?:\.\d+)*(?:(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*/\s*)v?\d+(?:\.\d+)*)*\b"  # "3.9 and 3.10"
_NAMED_VERSION = re.compile(r"(?:\b[A-Z][\w+#-]*|\b(?:version|release|v))\s*\d+\b")
_PURPOSE = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:To|In\s+order\s+to)\s+([a-z]+)\b")
_WAYS = re.compile(r"[^.:]{0,80}?\b(?:can|may)\s+be\s+(\w+)\s+(?:in\s+|by\s+)?(?:several|various|many|different|"
                   r"a\s+number\s+of|two|three|the\s+following)\s+(?:ways|means)\b", re.I)  # "Dictionaries can be
# created by several means:" for "How do I create a dictionary?"


def _does_what_asked(verb, text):
    """Whether `text` opens with the purpose the question asks how to reach ("To give each band its
    own name, turn off…" for "How do I give the 5 GHz band its own name?"), or says the ways it is
    reached ("Dictionaries can be created by several means:"; the verb or a synonym of it)."""
    match = (_PURPOSE.match(text) or _WAYS.match(text)) if verb else None
    return bool(match) and _says_verb(match.group(1), verb)


def _describes_doing_asked(verb, unit):
    """Whether `unit` is what a function or command does, opening with the verb the question asks
    how to do ("Deletes the named attribute…" under "delattr(obj, name, /)" for "How do I delete
    an attribute?")."""
    if not verb or not unit.term or unit.position != 0:
        return False
    first = _FIRST_WORD.match(unit.text)
    return bool(first) and _says_verb(first.group(0), verb)


_FIRST_WORD = re.compile(r"[A-Za-z]+")


def how_to_heading_does(verb, heading):
    """Whether `heading` is the question's task, written as a how-to ("### How to treat private
    domains as suffixes" for "How do I treat private domains as suffixes?"): its verb or a synonym."""
    said = how_to_verb(heading) if verb and heading else ""
    return bool(said) and _same_verb(said, verb)


def _says_verb(words, verb):
    """Whether `words` are one term, the question's `verb` or a synonym of it."""
    said = base_terms(analyze(words))
    return len(said) == 1 and _same_verb(said[0], verb)


def _same_verb(said, verb):
    """Whether the verb term `said` is the question's `verb` or a synonym of it."""
    return said == verb or said in SYNONYMS.get(verb, ())


_RELEASE_HEADING = re.compile(r"^\W*(?:(?:version|release|v)\s*)?\d+\.\d+(?:\.\d+)*\b", re.I)  # "Version 2.3", "v2.3.1"


def dating_heading(q, unit):
    """For a "When…?" or "Which version…?" question, the nearest heading above the unit that
    holds a date or a version number ("## 2.4.0 (2024-03-18)"), or "". A "When…?" question
    about an undated unit under undated release notes gets its release ("Version 2.3")."""
    if q.wanted != "date" and not q.wants_version:
        return ""
    headings = (unit.heading, *unit.outer)
    found = next((h for n, h in enumerate(headings) if (q.wanted == "date" and holds_type("date", h)
                                                         and not (n and _only_a_year(h)))
                  or (q.wants_version and VERSION_NUMBER.search(h))), "")
    if found or q.wanted != "date" or holds_type("date", unit.text):
        return found
    return next((h for h in headings if _RELEASE_HEADING.search(h)), "")  # "… frozen in this release."


_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def _only_a_year(heading):
    """Whether the only date `heading` holds is a year inside a name: "NLP-Edge 2027: Call for
    papers" names an event, and over a section's own heading dates nothing under that ("## 2.4.0
    (2024-03-18)", "## Spring 2026" do)."""
    rest = _YEAR.sub("1", heading)  # a month before the year still dates: "Release notes for March 1"
    return rest != heading and not holds_type("date", rest) and len(re.findall(r"[^\W\d_]+", rest)) > 2


def _numbers_in(focus, unit_terms, context):
    """Whether every number the question names ("version 2.4.0") is in the unit or its context."""
    return all(t in context or t in unit_terms for t in focus if t.isdigit())


_EMPHASIS = re.compile(r"(?<![\w*])\*\*?([^*\s][^*]{0,60}?)\*\*?(?![\w*])")  # *term* or **term**


# "Tuples are …", "A string is …"; not a passive ("A code block is executed in…", "… are described by…"),
# except what a thing is used to represent, hold…: "Slice objects are used to represent slices…" says what it is
_NOT_PASSIVE = (r"(?:(?=used\s+(?:by\s+(?:\w+\s+){1,3})?to\s+(?:represent|hold|store|describe|denote|mark)\b)|"
                r"(?!not\b|(?:\w+ly\s+)?(?:\w+(?:ed|en)|made|done|built|found|held|kept|set|put|run|used|told|meant|"
                r"sent|left|lost|read|known|shown|written|given|taken)\b))")
_COPULA = re.compile(r"((?:[\w'-]+\s+){1,4}?)(?:is|are)\s+" + _NOT_PASSIVE, re.I)
# "A *block* is a piece…"; not "An *iterator* is created for that iterable."
_TERM_DEFINED = re.compile(r"(?:An?|The)\s+(\*\*?[^*]{1,60}\*\*?)\s+(?:is|are)\s+" + _NOT_PASSIVE + r"\S+\s+\S")
_THESE_ARE = re.compile(r"(?:These|This|They|It)\s+(?:is|are|represents?|refers?\s+to|means?)\s+(?!not\b)")


def defines(unit, focus, weights=None, asked=None):
    """Whether `unit` opens by saying what the question's subject is: "Tuples are immutable
    sequences…" for "What is a tuple?" (its words before "is"/"are" are the question's focus, or,
    given the question's `weights`, set in italics the weightier part of it: "A *block* is a piece
    of Python program text…" for "What is a code block?"), or
    first under a heading or term naming it, "These represent machine-level double precision
    floating point numbers." under '"numbers.Real" ("float")'. Given the question's words
    `asked`, the subject must be written as the question writes it (written_as_asked)."""
    opening = _COPULA.match(unit.text)
    if opening and set(evidence_terms(opening.group(1))) == focus and len(unit.text[opening.end():].split()) > 1 \
            and written_as_asked(opening.group(1), asked):
        return True  # "Tuples are immutable sequences…", not "Classes are callable."
    term = _TERM_DEFINED.match(unit.text) if weights else None
    if term and _emphasizes(term.group(1), focus, weights, asked):
        return True  # not a parameter's description ("*name* is the attribute name")
    return (unit.position == 0 and bool(_THESE_ARE.match(unit.text))
            and focus <= set(evidence_terms(unit.term or unit.heading)))


# "The "pass" statement is…", "A call calls…": the subject a unit opens with, and its verb
_OPENING_SUBJECT = re.compile(r"(?:(?:The|An?)\s+)?((?:[\w\"'“”`-]+\s+){1,3}?)(?:[a-z]+ly\s+)?"  # "X quickly splits"
                              r"(?:is|are|(?!\w*ss\b)[a-z]+s)\b")
_KIND_TERMS = frozenset(evidence_terms("operator statement keyword clause expression loop block function method"))


def says_what_it_does(text, subject, asked=None):
    """Whether `text` opens with the subject of "What does the pass statement do?" and a verb, the
    kind of thing it is ("statement", "expression") left out or not: 'The "pass" statement is a
    null operation', "A call calls a callable object"; written as the question's words `asked`
    write it, when given (not "Mappings are mutable objects." for "What does map do?")."""
    opening = _OPENING_SUBJECT.match(text)
    if not opening:
        return False
    said = set(evidence_terms(opening.group(1)))
    return bool(said) and said <= subject and subject - said <= _KIND_TERMS and written_as_asked(opening.group(1), asked)


def _describes_doing(unit, q):
    """Whether `unit` is the first sentence under the signature of what "What does map do?" asks
    about ("map(func, *iterables)": "Make an iterator that computes…"; or a heading "## `map(func)`"),
    its name as the question writes it."""
    if unit.position != 0 or unit.kind != "prose":
        return False
    name = described_name(unit.term or heading_signature(unit.heading))
    return bool(name) and set(evidence_terms(name)) == q.doing and written_as_asked(name, q.words)


def written_as_asked(text, asked):
    """Whether each word of `text` that is a search term is one of the question's words `asked`
    (lower case), or its plural or singular: a stem joins "iterator" and "iterable", "map" and
    "mapping", words a definition must not confuse. True when `asked` is None."""
    if asked is None:
        return True
    return all(_inflects(word, asked) for word in re.findall(r"[A-Za-z]+", text.lower()) if evidence_terms(word))


def _inflects(word, asked):
    """Whether `word` is one of `asked` or the plural or singular of one ("tuples", "classes", "entries")."""
    return word in asked or plural(word) in asked or any(plural(other) == word for other in asked)


EMPHASIZED_SHARE = 0.5  # of the question's focus weight, that an emphasized part of it must carry


def _emphasizes(text, focus, weights, asked=None):
    """Whether `text` sets in italics or bold what the question asks about: docs mark the defining
    use of a term so ('… it is a *free variable*' for "What is a free variable?"), or a part of it
    carrying at least EMPHASIZED_SHARE of its weight ("A *block* is a piece of Python program text…"
    for "What is a code block in Python?"); written as the question's words `asked` write it, when
    given (not "A *mapping* object…" for "What does map do?")."""
    total = sum(weights.get(t, 0.0) for t in focus)
    for match in _EMPHASIS.finditer(text):
        terms = set(evidence_terms(match.group(1)))
        if (terms == focus or (terms and terms <= focus and total
                               and sum(weights.get(t, 0.0) for t in terms) >= EMPHASIZED_SHARE * total)) \
                and written_as_asked(match.group(1), asked):
            return True
    return False
