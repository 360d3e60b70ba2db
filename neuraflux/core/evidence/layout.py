"""Where a document's quotable units are: units split once per document (DocumentUnits), which
can be quoted, which open a section, which a term or table row names, the question a FAQ asks
before its answer, the label a line opens with, the numbered notes a table row points to."""
import bisect
import re

from ..sentences import split_units
from .terms import evidence_terms, term_names

ANSWER_KINDS = frozenset({"prose", "table"})  # a term ("str.zfill(width)") is context, not an answer
MAX_UNIT_CHARS = 4000  # longer "sentences" (a minified file, a pasted blob) are never quoted as answers
VERSION_NOTE = re.compile(r"(?:Changed|New|Added) in version|Deprecated since version|Removed in version|"
                          r"(?:Added|Deprecated|Removed) in:?\s*v?\d")  # Node's "Added in: v0.7.8"
WRITTEN_PLACES = 8  # units read per expression the question writes, in each retrieved document


class DocumentUnits:
    """Per-document unit lists, split once and reused (a chat asks about the same documents)."""

    def __init__(self, text_of, limit=256):
        self.text_of, self.limit, self._cache = text_of, limit, {}

    def __call__(self, doc_id):
        if doc_id not in self._cache:
            if len(self._cache) >= self.limit:
                self._cache.pop(next(iter(self._cache)))
            text = self.text_of(doc_id)
            units = split_units(text) if text else []
            self._cache[doc_id] = (text, units, _UnitTerms(units))
        return self._cache[doc_id]


class _UnitTerms:
    """evidence_terms of each unit, computed when first asked for: a question reads the units near
    its passages, not all 30,000 of a large document."""

    def __init__(self, units):
        self.units, self.terms, self._layout = units, {}, None

    def __getitem__(self, index):
        if index not in self.terms:
            unit = self.units[index]  # a row's last cell "(2)(7)" points to notes: no numbers of the question
            marks = _NOTE_MARKS.search(unit.text) if unit.kind == "table" else None
            self.terms[index] = evidence_terms(unit.text[:marks.start()] if marks else unit.text)
        return self.terms[index]

    @property
    def layout(self):
        if self._layout is None:
            self._layout = _Layout(self.units)
        return self._layout


def is_question(text):
    """Whether a sentence asks, perhaps in emphasis ("*License?*", "**Can I pay later?**")."""
    return text.rstrip("*_ ").endswith("?")


def _quotable(unit, enumerated=False):
    """Whether `unit` can be an answer: prose or a table row, not a giant blob, not itself a
    question (a FAQ's "Does it support SQLite?" is answered by what follows it), and not a label
    of one word ("History" over an API's changelog) or a list item that only names what follows
    it, unless it is `enumerated`: one of a list of such items ("- Basque", "- Klingon"); nor an
    entry of a table of contents ("- [File format](#file-format)"), which points elsewhere."""
    return (unit.kind in ANSWER_KINDS and unit.end - unit.start <= MAX_UNIT_CHARS
            and not is_question(unit.text) and (enumerated or not _LIST_LABEL.match(unit.text))
            and not _CONTENTS_ENTRY.match(unit.text)
            and not (unit.kind == "prose" and _WORD_LABEL.match(unit.text)))


def _is_list_label(unit):
    """Whether `unit` is a list item of a word or two without a stop, a value of a list ("- Klingon"),
    unlike a label over the text below it ("1. Mappings.", "* Sequences:")."""
    return unit.kind == "prose" and bool(_LIST_LABEL.match(unit.text)) and not unit.text.rstrip().endswith((":", "."))


def _enumerated(units, index):
    """Whether unit `index` is a short list item following or preceding another ("- Basque",
    "- Klingon"): a value of a list, a statement of it, unlike a label over the text below it."""
    return _is_list_label(units[index]) and any(0 <= j < len(units) and _is_list_label(units[j])
                                                for j in (index - 1, index + 1))


_WORD_LABEL = re.compile(r"^(?!(?:Yes|No)$)[A-Z][a-z]+$")

# a Markdown API page's heading that is the signature it describes ("`console.time([label])`",
# "Class: `zlib.Gzip`")
# "`util.format(…)`", "fs.readFile(path)", or a command or option: "pgshift new NAME", "searchParams"
# (a heading in words is capitalised)
SIGNATURE_HEADING = re.compile(r"^(?:[A-Z][\w ]{0,24}:\s*)?(?:`[^`]+`|[\w.$]+\([^()]*\)|[a-z][\w.-]*(?:\s+[\w.<>\[\]-]+){0,4})$")


def heading_signature(heading):
    """The signature a Markdown API page's heading writes ("Class: `zlib.Gzip`": "zlib.Gzip",
    "## `util.format(…)`"), or "" for a heading in words."""
    return heading.rsplit(": ", 1)[-1].strip("`") if SIGNATURE_HEADING.match(heading) else ""


_LIST_MARK = r"^\s*(?:[*•-]|\d+[.)])\s"  # "* ", "- ", "1. ", "2) "
LIST_ITEM = re.compile(_LIST_MARK)
BULLET = re.compile(r"^\s*[*•-]\s")  # an item of a list that is not numbered
PARAMETER_ITEM = re.compile(r"^\s*(?:[*•-]\s+(?:`[^`]+`\s*|Returns:\s*)(?:\{[^}]*\}|<[^>]*>)"  # "* `fd` {integer}"
                            r"|\*\*Default:\*\*)")  # … and its "**Default:** `false`."

# a table of contents' entry: a link to a place in the same document, "- [File format](#file-format)"
_CONTENTS_ENTRY = re.compile(r"^\s*(?:(?:[*•-]|\d+[.)])\s+)?\[[^\]]+\]\(#[^)\s]*\)\s*$")

# a list item that only names what follows it ("1. Mappings.", "* Sequences:"), not a statement
_LIST_LABEL = re.compile(_LIST_MARK + r"+[\w\"'`*]+(?:\s+[\w\"'`*]+)?[.:]?\s*$")
# a list item that leaves its sentence open for the next one: "* comments,", "* blank lines, and"
_CONTINUED_ITEM = re.compile(_LIST_MARK + r".{1,80}?(?:[,;]|\s(?:and|or))\s*$")


def asked_before(units, terms, index):
    """Terms of the question a FAQ asks before unit `index` (question_before), else an empty set."""
    j = question_before(units, index)
    return set() if j is None else set(terms[j])


def question_before(units, index):
    """Index of the question a FAQ asks before unit `index`: right before it ("Does Ferrule
    support SQLite?" over "No. SQLite files can simply be copied…"), or earlier in its paragraph
    ("Q: Is there a pension scheme? A: Yes. You are enrolled… Brightwell pays 5%…"), else None."""
    paragraph = units[index].paragraph
    for j in range(index - 1, max(-1, index - 1 - MAX_ANSWER_SENTENCES), -1):
        before = units[j]
        if before.kind != "prose" or paragraph - before.paragraph > (1 if j == index - 1 else 0):
            return None
        if is_question(before.text):
            return j
    return None


MAX_ANSWER_SENTENCES = 6  # a FAQ's answer read under its question

_ANAPHOR = re.compile(r"(?:This|That|These|Those|It)\b(?!\s+(?:method|function|class|attribute|module|object|statement)s?\b)"
                     r"|(?:Take|Put|Bring|Send|Give|Leave|Keep|Return|Throw|Drop|Place|Store)\s+(?:them|it)\b")  # "Take them to…"


def points_back(units, index):
    """Whether unit `index` is prose that opens by pointing back at the sentence before it in
    its paragraph ("This is for disambiguation with C-style octal literals…", "Take them to the
    collection points…") or leaves its
    predicate to it ("The drip tray is dishwasher-safe. The portafilter is not.")."""
    before = units[index - 1] if index else None
    text = units[index].text
    return (before is not None and units[index].kind == "prose" and before.kind == "prose"
            and before.paragraph == units[index].paragraph
            and bool(_ANAPHOR.match(text) or (len(text.split()) <= 6 and _ELLIPSIS.search(text))))


def points_back_to_command(units, index):
    """Whether unit `index` is prose opening with "This…"/"It…" right after a short code block of
    its section, the command it says what does ("scripts/update-translations.sh" / "This extracts
    new phrases from the source code…")."""
    before = units[index - 1] if index else None
    return (before is not None and units[index].kind == "prose" and before.kind == "code"
            and before.heading == units[index].heading and len(before.text) <= MAX_COMMAND_CHARS
            and len(before.text.splitlines()) <= MAX_COMMAND_LINES + 2 and bool(_ANAPHOR.match(units[index].text)))


# a short sentence that leaves its predicate to the one before ("The portafilter is not.")
_ELLIPSIS = re.compile(r"\b(?:is|are|was|were|does|do|did|can|will|has|have|should|must)(?:\s+(?:not|too|also|either))?\.$"
                       r"|\b(?:isn't|aren't|doesn't|don't|can't|cannot|won't|hasn't|haven't)\.$", re.I)

# "Cotton: for towels…", "Quick 15': …", "- **Wood shop** (table saw…): 2 hours"
_LABEL = re.compile(r"^(?:([A-Z][\w'&/-]*(?:\s+[\w'&/-]+){0,3}):\s|(?:[-*•+]|\d+[.)])\s+\*\*([^*]{1,40})\*\*)")


def line_label(text, units, index):
    """The label opening the line that prose unit `index` goes on ("Cotton: for towels, at 30 to
    90 degrees. Maximum load 7 kg.": "Cotton" for the second sentence; a list item's bold lead,
    "- **Wood shop**: 2 hours. Held on the first Saturday."), or ""."""
    if units[index].kind != "prose":
        return ""
    first = index
    while first > 0 and units[first - 1].kind == "prose" and "\n" not in text[units[first - 1].end:units[first].start]:
        first -= 1
    if first == index:
        return ""
    match = _LABEL.match(units[first].text)
    return (match.group(1) or match.group(2)) if match else ""


# a list item opening with the name it describes: "- `journald` — …", "* **timeout**: …"
NAMED_ITEM = re.compile(r"^\s*[-*+•]\s+(?:`([^`\n]{1,60})`|\*\*([^*\n]{1,60})\*\*)\s*(?:—|–|-|:)\s")
_SEE_ALSO = re.compile(r"^\W*see\s+also\W*$", re.I)
_POINTER = re.compile(r"^\(\s*(?:see|cf\.)\s[^()]*\)\.?$", re.I)  # a sentence in parentheses pointing elsewhere
# a sentence sending the reader to a section of the same page: "To treat them as suffixes instead, see
# [How to treat private domains as suffixes](#how-to-treat-private-domains-as-suffixes)."
_PAGE_POINTER = re.compile(r"\b(?:see|refer\s+to|read)\s+(?:the\s+)?\[[^\]]+\]\(#[^)\s]*\)", re.I)

# a short code block: a command or a short example, quoted as an answer (a section's only block, a
# session after a shell prompt) or as what a "This…" sentence after it says what does
MAX_COMMAND_LINES, MAX_COMMAND_CHARS = 16, 600


def _sole_commands(units):
    """Indexes of the short code blocks that are all their section holds ("## Installation" over
    "npm install hopjs"): the answer to how to do what the heading says."""
    section, found = [], []
    for i, unit in enumerate([*units, None]):
        if unit is None or unit.kind == "heading":
            code = [j for j in section if units[j].kind == "code"]
            if len(code) == 1 and all(units[j].kind in ("code", "rule") for j in section):
                text = units[code[0]].text
                lines = [line for line in text.splitlines() if not line.lstrip().startswith(("```", "~~~"))]
                if len(lines) <= MAX_COMMAND_LINES and len(text) <= MAX_COMMAND_CHARS:
                    found.append(code[0])
            section = []
        else:
            section.append(i)
    return found


def _prompted_commands(units):
    """Indexes of the short code blocks opening with a command after a shell prompt ("$ pip
    install schedule", a session of commands and what they print, a third of its lines commands),
    wherever they are: what to type, quotable as a how-to's answer."""
    found = []
    for i, unit in enumerate(units):
        if unit.kind != "code" or len(unit.text) > MAX_COMMAND_CHARS:
            continue
        lines = [line.strip() for line in unit.text.splitlines()
                 if line.strip() and not line.lstrip().startswith(("```", "~~~"))]
        commands = sum(line.startswith("$ ") for line in lines)  # a third at least: what to type, not what it prints
        if 0 < len(lines) <= MAX_COMMAND_LINES and lines[0].startswith("$ ") and 3 * commands >= len(lines):
            found.append(i)
    return found


class _Layout:
    """Where a document's quotable units are, worked out once per document: their ends (to find
    the units near a passage by bisection), the opening unit of the section each sits in, the
    quotable units in reading order, the table rows and term descriptions by the names they
    define, and the entries of "See also:" lists ("**PEP 3129** - Class Decorators: The proposal
    that added class decorators.")."""

    def __init__(self, units):
        self.ends = [unit.end for unit in units]
        self.is_quotable = [_quotable(unit, _enumerated(units, i)) for i, unit in enumerate(units)]
        for i in _sole_commands(units) + _prompted_commands(units):
            self.is_quotable[i] = True
        self.quotable, self.opener, self.by_name, self.see_also = [], [], {}, set()
        self._options = None  # options_using's [(a long option's words, its indexes)], once asked for
        opener, signed, listed = None, None, None  # listed: the paragraph of the last list item
        referring = False  # inside a "See also:" list: its entries point elsewhere
        for i, unit in enumerate(units):
            if _SEE_ALSO.match(unit.text):
                referring = True
            elif referring and (unit.kind == "term" or unit.term):
                self.see_also.add(i)
            else:
                referring = False
                if _POINTER.match(unit.text) or _PAGE_POINTER.search(unit.text):  # "(See `Record Responses to
                    self.see_also.add(i)  # files`_ to understand how…).", "…, see [How to …](#how-to-…)."
            if LIST_ITEM.match(unit.text):
                listed = unit.paragraph
            if unit.position == 0:
                opener = None  # a new section, whose opening unit may not be quotable
            if not self.is_quotable[i]:
                self.opener.append(None)
                continue
            self.quotable.append(i)
            if unit.position == 0:
                opener = i
                if unit.term and unit.kind != "table":  # a row is named by its first cell (below)
                    for name in term_names(unit.term):
                        self.by_name.setdefault(name, []).append(i)
            signature = heading_signature(unit.heading) if (
                unit.heading != signed and not unit.term and unit.kind == "prose" and unit.paragraph != listed
                and not VERSION_NOTE.match(unit.text)) else ""
            if signature:
                signed = unit.heading  # a Markdown API page: "## `util.promisify(original)`", its
                for name in term_names(signature):  # parameters, then what it does
                    self.by_name.setdefault(name, []).append(i)
            if unit.kind == "table":
                for name in term_names(unit.text):
                    self.by_name.setdefault(name, []).append(i)
            item = NAMED_ITEM.match(unit.text) if unit.kind == "prose" else None
            if item:  # "- `journald` — set to `true` to read the systemd journal": a setting's own line
                for name in term_names(item.group(1) or item.group(2)):
                    self.by_name.setdefault(name, []).append(i)
            self.opener.append(opener)

    def near(self, units, low, high):
        """Indexes of the quotable units that overlap [low, high), in order."""
        i = bisect.bisect_right(self.ends, low)
        while i < len(units) and units[i].start < high:
            if self.is_quotable[i]:
                yield i
            i += 1

    def named(self, names):
        """Indexes of the table rows and term descriptions that one of `names` names."""
        return sorted({i for name in names for i in self.by_name.get(name, ())})

    def options_using(self, words):
        """Indexes of the descriptions of a manual's long options all of whose words are in `words`
        (analyzed): "How do I keep the original file?" reads what "-k --keep" does."""
        if self._options is None:  # each long option's words, read once a document
            self._options = [(frozenset(evidence_terms(name[2:].replace("-", " "))), indexes)
                             for name, indexes in self.by_name.items() if name.startswith("--")]
        return [i for option_words, indexes in self._options if option_words and option_words <= words.keys()
                for i in indexes]


def places_writing(text, expressions, limit=WRITTEN_PLACES):
    """Where `text` writes one of `expressions`: the first `limit` offsets of each."""
    for expression in expressions:
        start = text.find(expression)
        for _ in range(limit):
            if start < 0:
                break
            yield start
            start = text.find(expression, start + len(expression))


def layout_of(units, terms):
    """The document's _Layout: kept by its unit terms (DocumentUnits), or worked out now."""
    return getattr(terms, "layout", None) or _Layout(units)


_NOTE_MARKS = re.compile(r"(?:—\s*)?((?:\(\d+(?:\s*,\s*\d+)*\)\s*)+)$")  # "— (3)", "— (3, 5)", "— (2)(7)"
_CELL_NOTE_MARK = re.compile(r"\((\d{1,2}(?:\s*,\s*\d{1,2})*)\)\s*(?= — )")  # a cell's own: "False (1) — False (5)"


def notes_of(units, index, scan=80):
    """Indexes of the numbered notes ("8. "index" raises "ValueError"…") that table row `index`
    points to with a last cell like "(8)" or "(3, 5)", or with cells ending so ("False (1)")."""
    unit = units[index]
    if unit.kind != "table":
        return []
    marks = _NOTE_MARKS.search(unit.text)
    groups = ([marks.group(1)] if marks else []) + _CELL_NOTE_MARK.findall(unit.text)
    wanted = {f"{n}." for group in groups for n in re.findall(r"\d+", group)}
    if not wanted:
        return []
    return [j for j in range(index + 1, min(len(units), index + scan))
            if units[j].kind == "prose" and units[j].text.split(" ", 1)[0] in wanted]


def list_intro(units, index, scan=80):
    """Index of the sentence introducing the list whose item is unit `index` ("By default,
    `load_dotenv()` will:" over "- Read each key-value pair…"), or None."""
    if not LIST_ITEM.match(units[index].text):
        return None
    listed = {units[index].paragraph}
    for i in range(index - 1, max(-1, index - scan), -1):
        unit = units[i]
        if unit.kind == "prose" and (LIST_ITEM.match(unit.text) or unit.paragraph in listed):
            listed.add(unit.paragraph)
            continue
        introduces = (unit.kind == "prose" and unit.text.rstrip().endswith(":") and " " in unit.text.strip()
                      and unit.heading == units[index].heading)  # a sentence, not a label ("Notes:")
        return i if introduces else None
    return None


def enumeration_intro(units, index):
    """Index of the sentence introducing the list of short items that unit `index` is one of
    ("It is localized to:" over "- Basque", "- Klingon"…), or whose sentence the item goes on
    ("The only lines that can appear before a future statement are:" over "* comments,"), or None:
    such an item means little alone."""
    unit = units[index]
    continued = unit.kind == "prose" and bool(_CONTINUED_ITEM.match(unit.text))
    return list_intro(units, index) if _enumerated(units, index) or continued else None


def table_context(units, terms, index):
    """Terms of the header row of the table holding row `index` and of the sentence before the
    table when it ends in ":" ("The available integer presentation types are:")."""
    first = index
    paragraph = units[index].paragraph
    while first > 0 and units[first - 1].kind in ("table", "header") and units[first - 1].paragraph == paragraph:
        first -= 1
    out = set(terms[first]) if first < index else set()
    if first > 0 and units[first - 1].kind == "prose" and units[first - 1].text.endswith(":"):
        out.update(terms[first - 1])
    return out
