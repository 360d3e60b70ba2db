"""Numbered steps and items in answers: the whole procedure for "How do I…?" when the documents
write it as numbered steps, and only the item asked for when the question names one by number
("What is the second step?", "step 2")."""
import re

from .evidence.layout import BULLET, LIST_ITEM
from .evidence.question import STARTING_VERBS, topic_terms
from .evidence.terms import STEP_MARK, evidence_terms, list_item_pairs, numbered_pairs

MAX_STEPS = 10  # steps of a procedure quoted for "How do I…?"
MAX_STEP_UNITS = 20  # … and sentences, with the steps' own points
_STEP = re.compile(r"^\s*" + STEP_MARK)  # "2. Choose…", "Step 2: Run…"
# how-to verbs that only set going what their noun names ("start a return": returning), and the
# words asking for steps ("What are the steps to…")
_NOT_PROCEDURE_TOPIC = STARTING_VERBS | frozenset(evidence_terms("step procedure process instructions"))
# "What is the next step after downloading the installer?", "What comes after step 2?", "What do I do next?"
ASKS_NEXT = re.compile(r"\b(?:next\s+step|step\s+after|after\s+step\s+\w+|comes?\s+(?:next|after)|"
                       r"(?:do|happens)\s+(?:next|after)|then\s+what)\b", re.I)
ASKS_STEPS = re.compile(r"^\s*(?:what\s+(?:are|is|'s)\s+the\s+(?:steps?|procedure|process|instructions)\b"
                        r"|what\s+do\s+(?:i|we|you)\s+(?:need|have)\s+to\s+do\s+to\b|steps?\s+(?:to|for)\b)", re.I)


def procedure(evidence, best, units, terms, question, keep_ratio):
    """Indexes of the numbered steps that answer "How do I…?" ("1. Sign in…", "2. Choose…"), or
    []: a numbered list, one of whose items (or the line leading to it: "To book leave:") scores
    `keep_ratio` of the best unit, in the best's document, in a section whose headings (or that
    line) name all that the question is about and the document says ("How to return an item"
    for "How do I start a return?"; "Banana bread" over "Method" for "How do I make banana bread?")."""
    said = set().union(*terms)
    about = (topic_terms(question) & said) - _NOT_PROCEDURE_TOPIC
    if not about:
        return []
    for item in evidence[:8]:
        if item.score < keep_ratio * best.score:
            break
        if item.doc_id != best.doc_id:
            continue
        lead = item.unit.text.endswith(":") and item.index + 1 < len(units) and _is_step(units[item.index + 1], 1)
        if lead and about <= set(terms[item.index]):  # "To book leave:" + "1) Open the HR portal." …
            steps = _steps(units, item.index + 1)
            return [item.index, *steps] if steps else []
        headings = set(evidence_terms(" ".join((item.unit.heading, *item.unit.outer))))
        if _STEP.match(item.unit.text) and about <= headings:
            return _steps(units, item.index)
    return []


def _steps(units, index):
    """Indexes of the numbered list holding item `index`, from its item 1 (with the sentences
    and bullet points that go on each item), or [] when it does not start at 1."""
    first = index
    while first > 0 and units[first].heading == units[index].heading and not _is_step(units[first], 1):
        first -= 1
    if not _is_step(units[first], 1):
        return []
    out, number, paragraph = [first], 1, units[first].paragraph
    for i in range(first + 1, len(units)):
        unit = units[i]
        if _is_step(unit, number + 1):
            number, paragraph = number + 1, unit.paragraph
        elif BULLET.match(unit.text) and unit.kind == "prose" and unit.heading == units[first].heading:
            paragraph = unit.paragraph  # a step's own points ("   - On a Mac, allow…")
        elif unit.paragraph != paragraph or unit.kind not in ("prose", "table"):
            break
        if number > MAX_STEPS or len(out) == MAX_STEP_UNITS:
            break
        out.append(i)
    return out if number > 1 else []


def _step_number(unit):
    """The number of the step a unit opens ("2. Choose…", "Step 2: …": 2), or None."""
    match = _STEP.match(unit.text) if unit.kind in ("prose", "table") else None
    return int(match.group(1) or match.group(2)) if match else None


def _is_step(unit, number):
    return _step_number(unit) == number


def _written_items(unit):
    """The numbered items a unit writes or, being an item of a numbered list, is."""
    return numbered_pairs(evidence_terms(unit.text)).keys() | list_item_pairs(unit.text)


def asked_items(question, best_unit):
    """{noun: number} of the numbered items the question asks for and the best unit writes
    ("What is step 2?": {"step": "2"})."""
    return dict(numbered_pairs(evidence_terms(question)).keys() & _written_items(best_unit))


def writes_other_item(unit, asked):
    """Whether `unit` writes an item numbered otherwise than the one asked ("step 3" for step 2)."""
    return any(noun in asked and number != asked[noun] for noun, number in _written_items(unit)) if asked else False


def rest_of_item(units, index):
    """Indexes of the sentences after unit `index`, when it opens a list item, in that item ("The
    ride will not wait…" after "2. Bring two spare inner tubes…")."""
    if not LIST_ITEM.match(units[index].text):
        return []
    out = []
    for i in range(index + 1, len(units)):
        if units[i].paragraph != units[index].paragraph or units[i].kind != "prose":
            break
        out.append(i)
    return out


def next_step(units, index):
    """Index of the step after the one unit `index` is (or is in: "2. Choose…" for a unit of step
    1), in its numbered list; None when it is no step or the last."""
    i = index
    while i > 0 and not _STEP.match(units[i].text) and units[i - 1].paragraph == units[i].paragraph:
        i -= 1
    number = _step_number(units[i])
    if number is None:
        return None
    for j in range(i + 1, min(len(units), i + 1 + MAX_STEP_UNITS)):
        if _is_step(units[j], number + 1):
            return j
        if units[j].heading != units[i].heading:
            break
    return None
