"""Splitting documents into evidence units that keep their character offsets.

A unit is a prose sentence, a list item's sentence, a table row (reST grid, simple, list or CSV
table, Markdown pipe table; a simple or pipe table's header row is a "header", context for the rows and
never an answer; border and "|---|" delimiter rows are none), a signature or definition term
("object.__enter__(self)", '"_*"'; consecutive signature lines are one term; a Markdown
definition list's term, its ": …" lines prose under it), a heading (pydoc's "-[ Footnotes ]-"
too), a `::=` grammar block, a code block (indented, ">>>", a Markdown ``` / ~~~ fence, inside
which "# x" is no heading, a reST ".. code-block::"'s body, a Markdown page's YAML front
matter or an HTML comment in it) or a rule (a line of "=" or "-" between paragraphs, a reST
directive's ".. note::", a paragraph of badges, HTML tags or Markdown link definitions, quoted as
nothing; the note's text is prose); a footnote's text is prose without its "[1]" label, a
quotation's without its "> " marks. Grammar, code and table rows are never cut inside; prose is
cut at sentence ends but not after abbreviations ("e.g.", "i.e.").
`document[unit.start:unit.end]` is always the unit's source text, and `unit.text` is how it
reads: whitespace collapsed, table cells joined.

    >>> [u.kind for u in split_units('Title\\n*****\\n\\nA is B. It is C, e.g. D.\\n\\n   x ::= "y"\\n')]
    ['heading', 'prose', 'prose', 'grammar']
"""
import csv
import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset({"e.g.", "i.e.", "cf.", "vs.", "viz.", "a.k.a.", "approx.", "incl.", "resp.",
                           "mr.", "mrs.", "dr.", "no.", "fig.", "sec.", "ch.", "vol."})
ADMONITIONS = frozenset({"Note:", "Warning:", "See also:", "Tip:", "Important:", "Caution:", "Attention:"})
_UNDERLINE = re.compile(r"^\s*([*=\-~^#+])\1{2,}\s*$")
_RARE_UNDERLINE = re.compile(r"^([.:'\"`_<>])\1{2,}\s*$")  # reST's other adornments, taken as long as the title
_DASHES = re.compile(r"^\s*([*_\-])(?:\s*\1){2,}\s*$")  # Markdown's "* * *", "___"
_ATX_HEADING = re.compile(r"^#{1,6}\s+\S")
_RUBRIC = re.compile(r"^\s*-\[ (.+) \]-\s*$")  # pydoc's "-[ Footnotes ]-"
_LIST_MARK = re.compile(r"^\s*(?:[*\-•]|\d+[.)]|\(\d+\)|[a-z][.)])\s+")
_SECTION_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.$")
# a stop, closing quotes or brackets, and an encyclopedia's reference marks ("1889.[2] The", "[5][6]",
# "[a]", "[citation needed]"), which belong to neither sentence
_REFERENCE_MARKS = r"(?:\[(?:\d{1,3}|[a-z]|(?:note|nb) ?\d{1,3}|citation needed)\])+"
_SENTENCE_END = re.compile(rf"[.!?][\"”’')\]]*(?P<marks>{_REFERENCE_MARKS})?(?P<space>\s+)")
_CLOSING_MARKS = re.compile(rf"(?<=[.!?\"”’')\]]){_REFERENCE_MARKS}\s*$")
_NEXT_STARTS_SENTENCE = re.compile(r"[A-Z\"“‘(\[*0-9`]")
_SIGNATURE_LINE = re.compile(r"\s*(?:class\s+)?[\w.]+\(.*\)\s*(?:->.*)?$")  # "object.__lt__(self, other)"
_INNER_SENTENCE_END = re.compile(r"[a-z0-9)\"”’][.!?]\s+[A-Z\"“]")  # "… methods. A call like": no term
_LABELLED = re.compile(r"\s*([A-Za-z][\w'’ -]{0,40}):\s+([A-Za-z].*)")  # "for a class object: its attributes…"
_CODE_CHARS = re.compile(r"[=(){}\[\]<>;`$#@\\]|\.\w")  # what code writes and sentences rarely do
# a line of Python: a decorator, a statement keyword, an assignment or call, a comment
_CODE_LINE = re.compile(r"\s*(?:@[\w.]+|(?:def|class|return|import|from|for|while|if|elif|else|try|except|finally|with|"
                        r"raise|pass|yield|async|await|lambda|del|assert|global|nonlocal)\b|#|[\w.\[\]'\"]+\s*(?:[-+*/%&|^@]?=|\()"
                        r"|[A-Za-z_][\w.]*\s*$)")  # … or a bare name ("foo" in an example's body)
_FOOTNOTE_MARK = re.compile(r"\[\d{1,3}\](?:\s+|$)")  # "… namespace. [5] A class object …": a footnote reference
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")  # Markdown's fenced code block: ``` or ~~~
_HELP_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})\s*(?:text|txt|console|none)?\s*$", re.I)  # no program's language
_USAGE = re.compile(r"^\s*usage:\s+\S", re.I)  # a command's --help text: "usage: normalizer [-h] [-v] file"
_PAGE_START = re.compile(r"^(?:NAME|Help on .{1,200}:)\s*$")  # a page pydoc printed (documents.help_page_text)
_GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")  # a reST grid table's "+-----+-----+" (not a line of prose
# that starts with an operator: '"a[i]\n+= f(x)" first looks up…')
_PIPE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")  # "|---|:--:|" under a header row
_SIMPLE_BORDER = re.compile(r"^\s*=+(?:[ \t]+=+)+\s*$")  # a reST simple table's "=====  =====" border
_DIRECTIVE = re.compile(r"^(\s*)\.\.[ \t]+(?:\|[^|]+\|[ \t]+)?([\w:-]+)::(.*)$")  # ".. note::", ".. |logo| image:: x.svg"
_BADGE = r"(?:\|[^|\s][^|]*\||\[?!\[[^\]]*\]\([^)\s]*\)(?:\]\([^)\s]*\))?)"  # reST "|Logo|", Markdown image or linked image
_BADGES = re.compile(rf"\s*{_BADGE}(?:\s+{_BADGE})*\s*$")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*<?\S+>?(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$")
# a README's '<p align="center"><img src=…></p>' (HTML tags; not a docstring's "<intro stuff goes here>")
_TAGS_ONLY = re.compile(r"^\s*(?:</?(?:div|p|a|img|br|hr|h[1-6]|span|picture|source|center|sup|sub|b|i|em|strong|"
                        r"details|summary|table|tr|td|th|tbody|thead|ul|ol|li)\b[^<>]*>\s*)+$", re.I)
_LINE_BLOCK = re.compile(r"^\s*\|\s+(?=\|)")  # a reST line block's "| " before a substitution: "|  |downloads|"
# a reST comment: ".." alone or before text that makes no directive, link target, footnote or substitution
_RST_COMMENT = re.compile(r"^\s*\.\.(?:[ \t]+(?![_|\[])\S.*)?$")
_LINK_TARGET = re.compile(r"^\s*\.\.[ \t]+_[^:]*:(?:[ \t]+\S+)?[ \t]*$")  # ".. _install: https://…"
_DIRECTIVE_OPTION = re.compile(r"^\s*:[\w-]+:(?:\s.*)?$")  # a directive's ":target: https://…", ":alt: Downloads"
_PATH = re.compile(r"\S*[/\\]\S*|\S+\.(?:png|jpe?g|gif|svg|webp|rst|md|txt|py)")  # an image's or include's argument
CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode", "doctest", "testcode", "testoutput", "highlight",
                             "productionlist", "math", "raw"})
_DEFINITION = re.compile(r"^ {0,3}:\s+(?=\S)")  # a Markdown definition list's ": the definition" under its term
_LIST_ROW = re.compile(r"\*\s+-\s+(.*)$|\*\s+-$")  # a list table's "* - first cell"
_TABLE_OPTION = re.compile(r":(?:header-rows:\s*(\d+)|[\w-]+:.*)$")  # ":header-rows: 1", ":widths: 20 80"
_BLOCKQUOTE = re.compile(r"[ \t]*>(?!>>)[ \t]?(?=\S)")  # a Markdown or e-mail quotation's "> " (not ">>> " code)
_QUOTE_MARK = re.compile(r"\n[ \t]*>(?!>>)[ \t]?")  # … on its next lines
# words a sentence does not end with: a line ending in one is cut mid-sentence
_OPEN_ENDINGS = frozenset("the a an of to and or with for in on by from as when if than that".split())
_FOOTNOTE_LABEL = re.compile(r"\s*\[(?:\d{1,3}|#|\*)\]\s+(?=\S)")  # "[1] While …" opening a footnote's text


@dataclass
class Unit:
    """One span of a document: `kind`, offsets, display text, and where it sits."""

    start: int
    end: int
    kind: str
    text: str
    heading: str = ""  # the nearest heading above
    term: str = ""  # the signature/term whose description holds this unit, if any
    position: int = 0  # index among the prose units of its section (0 = first)
    paragraph: int = 0  # units with the same number share a paragraph
    outer: tuple = ()  # the headings enclosing `heading`, nearest first ("## 3.0.0 - 2027-01-18" over "### Added")


def _lines(text):
    """(start, end, line) for every line, end excluding the newline."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


class _Balance:
    """Double quotes and parentheses counted over a paragraph's lines as they are added: whether
    it stops inside a quotation or parentheses, so that a next line such as '2) == range(0, 4, 2)".)'
    goes on with it rather than opening a numbered list item."""

    def __init__(self, text):
        self.quotes = self.parens = 0
        self.add(text)

    def add(self, text):
        self.quotes += text.count('"')
        self.parens += text.count("(") - text.count(")")

    @property
    def left_open(self):
        return self.quotes % 2 == 1 or self.parens > 0


def _indent(line):
    return len(line) - len(line.lstrip(" "))


def _collapse(text):
    return " ".join(text.split())


def _table_row_text(row_lines):
    """Cells of a grid-table row, each cell's lines joined: "| a | b |\\n| c | d |" -> "a c — b d"."""
    columns = []
    for line in row_lines:
        cells = line.strip().strip("|").split("|")
        for i, cell in enumerate(cells):
            if i == len(columns):
                columns.append([])
            columns[i].append(cell.strip())
    cells = [_collapse(" ".join(parts)) for parts in columns]
    return " — ".join(c for c in cells if c)


MAX_INLINE_CODE = 80  # a stop this close before a closing backtick is inside inline code


_INITIAL = re.compile(r"(?<![\w.])[A-Z]{1,2}\.$")
_NEXT_INITIAL = re.compile(r"[A-Z]\.\s")
_INITIAL_RUN = re.compile(r"(?<![\w.])[A-Z]\. [A-Z]\.$")  # the last of "J. R. R."
_AUTHOR_LIST = re.compile(r"\b[A-Z][\w'’-]+ [A-Z]{1,3},")  # "Curry MJ," of a citation's authors
_MIDDLE_INITIAL = re.compile(r"(?<![\w.])[A-Z][a-z'’-]+ [A-Z]\.$")  # "Seth M."
# … before a surname that ends the name's line: "Seth M. Morton", "Seth M. Morton <seth@…>", "… and …"
_SURNAME_LAST = re.compile(r"[A-Z][a-z'’-]+(?:[ \t]*(?:$|\n|[(<])|\s+(?:and|&)\s)")


def _is_initial(text, first, match):
    """Whether the stop ending at `match` closes a name's initial rather than a sentence: another
    initial follows or goes before ("J. R. R. Tolkien"), or the sentence so far lists authors as
    "Surname AB," (a citation: "…, Scopatz A. (2017) SymPy…"), or it is a middle initial between a
    first name and a surname that ends its line ("Seth M. Morton", "Ada B. Lovelace (1815–1852)",
    "Alan M. Turing and…"). "Plan B. Then…" and "Zone A. Visitors…" end sentences."""
    before = text[max(first, match.start() - 6):match.start() + 1]
    if not _INITIAL.search(before):
        return False
    return bool(_NEXT_INITIAL.match(text, match.end()) or _INITIAL_RUN.search(before)
                or len(_AUTHOR_LIST.findall(text, first, match.start())) >= 2
                or (_MIDDLE_INITIAL.search(text, max(first, match.start() - 30), match.start() + 1)
                    and _SURNAME_LAST.match(text, match.end())))


def _csv_cells(line):
    """The cells of one line of CSV ('"a, b", "c"': ["a, b", "c"]); the line as one cell where the
    csv module refuses it (a NUL byte before Python 3.11, a field over its size limit)."""
    try:
        return next(csv.reader([line], skipinitialspace=True), [])
    except csv.Error:
        return [line]


def _underline(line, below):
    """The match of the line `below` as `line`'s reST underline ("=====", or "......" at least as
    long as it: "xml.sax.handler Features"), or None."""
    if _UNDERLINE.match(line) or not line.strip():
        return None
    rare = _RARE_UNDERLINE.match(below)
    if rare and len(below.rstrip()) >= len(line.strip()) and not _RARE_UNDERLINE.match(line.strip()):
        return rare
    return _UNDERLINE.match(below)


def split_sentences(text, start=0):
    """(start, end) spans of the sentences of prose `text` (offsets shifted by `start`).

    >>> split_sentences("It is small, e.g. a byte. Next one.")
    [(0, 25), (26, 35)]
    >>> split_sentences("See above. [5] A class is made.")
    [(0, 10), (15, 31)]
    >>> split_sentences("It opened in 1889.[2] It is tall.[3][4]")
    [(0, 18), (22, 33)]
    """
    spans, first = [], 0
    ticks, counted = 0, 0  # backticks before `counted`: odd inside inline code
    for match in _SENTENCE_END.finditer(text):
        after = match.end()
        if after >= len(text) or not _NEXT_STARTS_SENTENCE.match(text, after):
            continue
        # the word before the stop; a bounded look back (abbreviations are short), since copying
        # the whole prefix for every sentence is quadratic on a long paragraph
        stop_end = match.start("space")
        word = text[max(0, stop_end - 40):stop_end].rsplit(None, 1)[-1].lstrip("(\"“").lower()
        if word in ABBREVIATIONS or (_SECTION_NUMBER.match(word) and not text[first:stop_end - len(word)].strip()):
            continue  # "e.g. D", or a heading's number opening the text: "1.1. Version"
        if _is_initial(text, first, match):
            continue  # "J. R. R. Tolkien", "Curry MJ, Terrel AR, Scopatz A. (2017)"
        ticks, counted = ticks + text.count("`", counted, stop_end), stop_end
        if ticks % 2 and text.find("`", stop_end, stop_end + MAX_INLINE_CODE) >= 0:
            continue  # inside inline code: "`ALTER TYPE ... ADD VALUE`" (closed soon after)
        spans.append((first, match.start("marks") if match.group("marks") else stop_end))
        mark = _FOOTNOTE_MARK.match(text, after)  # quoted as neither sentence: it reads like a citation
        first = mark.end() if mark else after
    if text[first:].strip():
        marks = _CLOSING_MARKS.search(text, first)
        spans.append((first, marks.start() if marks else len(text.rstrip())))
    return [(start + a, start + b) for a, b in spans if b > a]


class _Splitter:
    def __init__(self, text):
        self.text, self.lines, self.units = text, _lines(text), []
        self.heading, self.terms = "", []  # terms: stack of (indent, text)
        self.position, self.paragraph = 0, 0
        self.sections, self.styles = [], []  # open headings as (level, text), outermost first; underline styles seen
        self.outer = ()  # the texts of the open headings but the nearest, nearest first

    def open_heading(self, text, level=0):
        """`text` is the heading from here on; at `level` (1 = outermost) it closes the open headings
        as deep or deeper, at level 0 (a plain-text title line, a rubric) all of them."""
        self.sections = [s for s in self.sections if 0 < level and s[0] < level] + [(level, text)]
        self.outer = tuple(heading for _, heading in reversed(self.sections[:-1]))
        self.heading, self.terms, self.position = text, [], 0

    def add(self, start, end, kind, display, indent=0):
        while self.terms and self.terms[-1][0] >= indent:
            self.terms.pop()
        term = self.terms[-1][1] if self.terms else ""
        self.units.append(Unit(start, end, kind, display, self.heading, term, self.position, self.paragraph,
                               self.outer))
        if kind in ("prose", "table"):
            self.position += 1

    def run(self):
        lines, i, previous_prose = self.lines, self.front_matter(), None  # previous_prose: (indent, ends with ":")
        while i < len(lines):
            start, end, line = lines[i]
            if not line.strip():
                i += 1
                continue
            indent = _indent(line)
            self.paragraph += 1
            fence = _FENCE.match(line)
            if fence:
                i, previous_prose = self.fenced(i, fence.group(1)), None
                continue
            if line.lstrip().startswith("<!--"):  # an HTML comment in Markdown: shown to no reader
                i, previous_prose = self.comment(i), None
                continue
            after = self.heading_at(i, indent)
            if after is not None:
                i, previous_prose = after, None
                continue
            stripped = line.lstrip()
            if _UNDERLINE.match(line) or _DASHES.match(line):  # a thematic break, not a sentence
                self.add(start + indent, end, "rule", stripped.rstrip(), indent)
                i, previous_prose = i + 1, None
                continue
            if _GRID_BORDER.match(line):
                i = self.table(i, indent)
                continue
            if _SIMPLE_BORDER.match(line):
                i, previous_prose = self.simple_table(i, indent), None
                continue
            if _LINK_TARGET.match(line):  # where a link points: no sentence for a reader
                self.add(start + indent, end, "rule", stripped.rstrip(), indent)
                i, previous_prose = i + 1, None
                continue
            directive = _DIRECTIVE.match(line)
            if directive:
                i, previous_prose = self.directive(i, directive, indent), None
                continue
            if _RST_COMMENT.match(line):  # ".. start sponsors": a reST comment, shown to no reader
                i, previous_prose = self.rst_comment(i, indent), None
                continue
            if "|" in line and i + 1 < len(lines) and "-" in lines[i + 1][2] and _PIPE_DELIMITER.match(lines[i + 1][2]):
                i, previous_prose = self.pipe_table(i, indent), None
                continue
            if "::=" in line:
                i = self.block(i, indent, "grammar", until_blank=True)
                continue
            help_rows, after = self.help_rows(i, indent) if previous_prose and indent > previous_prose[0] else ([], i)
            if help_rows:  # "commands:" / "  take        take a snapshot now": a command's help, not code
                self.add_rows(help_rows, indent)
                i, previous_prose = after, None
                continue
            if previous_prose and previous_prose[1] and indent > previous_prose[0] and self.labelled_sentences(i):
                rows, after = self.column_rows(i, indent, _LABELLED, same_column=False)  # a docstring's labelled list
                self.add_rows(rows, indent)
                i, previous_prose = after, None
                continue
            if previous_prose and previous_prose[1] and indent > previous_prose[0] and _USAGE.match(line):
                end = self.block_end(i, previous_prose[0], until_blank=False) + 1  # "Options::" over a command's
                self.help_text(i, end)  # --help text, indented as reST's literal block: read as that text is
                i, previous_prose = end, None
                continue
            if stripped.startswith(">>>") or (previous_prose and indent > previous_prose[0] and not previous_prose[2]
                                              and not _LIST_MARK.match(line) and not _described_number(line)
                                              and (previous_prose[1] or self.looks_like_code(i))):
                i = self.block(i, previous_prose[0] if previous_prose and not stripped.startswith(">>>") else indent - 1,
                               "code", until_blank=stripped.startswith(">>>"))
                previous_prose = None
                continue
            if i + 1 < len(lines) and _DEFINITION.match(lines[i + 1][2]) and not _DEFINITION.match(line) \
                    and not _LIST_MARK.match(line):
                i, previous_prose = self.definitions(i, indent), None
                continue
            wrapped, after = self.wrapped_rows(i, indent)
            tagged = _OPTION_ROW if stripped.startswith("-") else _NUMBER_ROW if stripped[:1].isdigit() else None
            if not wrapped and tagged:  # a man page's "-q      Quiet mode.  Causes…" or "17     FTP could not…",
                wrapped, after = self.column_rows(i, indent, tagged, same_column=True)  # its text wrapped below
            if wrapped:  # "add FILE     Add a snippet from FILE, or…" / "             FILE is "-"."
                self.add_rows(wrapped, indent)
                i, previous_prose = after, None
                continue
            i, previous_prose = self.paragraph_at(i, indent)
        return self.units

    def heading_at(self, i, indent):
        """The index after the heading at line `i` (reST underlined, Markdown "# Title", a rubric,
        a plain-text title line), which it opens; None if there is none."""
        lines = self.lines
        start, end, line = lines[i]
        underline = _underline(line, lines[i + 1][2]) if i + 1 < len(lines) else None
        if underline:
            style = underline.group(1)  # reST: levels in the order styles appear
            self.styles += [style] if style not in self.styles else []
            self.open_heading(_collapse(line), self.styles.index(style) + 1)
            self.add(start, lines[i + 1][1], "heading", self.heading, -1)
            return i + 2
        if _ATX_HEADING.match(line):  # Markdown "# Title"
            self.open_heading(_collapse(line.lstrip("# ")), len(line) - len(line.lstrip("#")))
            self.add(start, end, "heading", self.heading, -1)
            return i + 1
        rubric = _RUBRIC.match(line)
        if rubric:
            self.open_heading(rubric.group(1))
            self.add(start + rubric.start(1), start + rubric.end(1), "heading", self.heading, -1)
            return i + 1
        if self.is_title_line(i, indent):  # plain text's "Late work" over its paragraph
            self.open_heading(_collapse(line))
            self.add(start + indent, end, "heading", self.heading, -1)
            return i + 1
        return None

    def paragraph_at(self, i, indent):
        """(the index after it, previous_prose) of the paragraph starting at line `i`: its
        sentences, a two-column list, or a term whose description is indented below it."""
        lines = self.lines
        start, _, line = lines[i]
        stripped = line.lstrip()
        label = _FOOTNOTE_LABEL.match(line) or _BLOCKQUOTE.match(line)
        # a unit starts at its first character; a footnote's text without its label ("[1] "),
        # which would read as a citation, a quotation's without its "> "
        start += label.end() if label else indent
        j, hanging = i, bool(label or _LIST_MARK.match(line))
        continued = False  # its first line left a sentence open, which goes on on the indented lines below
        term_indent = self.terms[-1][0] if self.terms and self.terms[-1][0] < indent else -1
        balance = _Balance(self.text[start:lines[i][1]])  # counted line by line: no rescan of the paragraph
        while True:
            if j + 1 < len(lines) and lines[j + 1][2].strip() \
                    and (not _LIST_MARK.match(lines[j + 1][2]) or balance.left_open) \
                    and not _GRID_BORDER.match(lines[j + 1][2]) and not lines[j + 1][2].lstrip().startswith(">>>") \
                    and not _ATX_HEADING.match(lines[j + 1][2]) and not _FENCE.match(lines[j + 1][2]) \
                    and (hanging or _indent(lines[j + 1][2]) <= indent and not continued) \
                    and _indent(lines[j + 1][2]) > term_indent:  # a man page's next option, back at its term's indent
                j += 1
            elif j + 2 < len(lines) and not lines[j + 1][2].strip() and self.goes_on_after_blank(j, indent):
                j += 2  # "…, even when the" / "command times out": one sentence a blank line cut
            elif j + 1 < len(lines) and lines[j + 1][2].strip() and _indent(lines[j + 1][2]) > indent \
                    and (continued or _leaves_open(lines[j][2])) and not _LIST_MARK.match(lines[j + 1][2]):
                # "keep_blank_values: flag indicating whether blank values in" / "    percent-encoded
                # queries should…": a sentence going on in a hanging indent, no term over a description
                j, continued = j + 1, True
            else:
                break
            balance.add(lines[j][2])
        para_start, para_end = start, lines[j][1]
        if all(_BADGES.match(_LINE_BLOCK.sub("", lines[k][2])) or _LINK_DEFINITION.match(lines[k][2])
               or _TAGS_ONLY.match(lines[k][2]) for k in range(i, j + 1)):
            # "|Build-Status| |Coverage|", "[![CI](…)](…)", a line block of them: pictures, no sentence;
            # Markdown's link definitions ("[contrib]: https://…"): addresses; '<div align="center"><img …></div>'
            self.add(para_start, para_end, "rule", _collapse(self.text[para_start:para_end]), indent)
            return j + 1, None
        if self.text[para_start:para_end].strip() == "::":  # reST's bare "::" before a literal block: no unit,
            return j + 1, (indent, True, False)  # the sentence before it introduces the block
        rows = _two_columns([lines[k][2] for k in range(i, j + 1)]) if j > i and not hanging else []
        if rows:  # "0   all images were processed" / "1   at least one…": a two-column list
            self.add_rows([(*cells, lines[k][0] + _indent(lines[k][2]), lines[k][1])
                           for k, cells in enumerate(rows, i)], indent)
            return j + 1, None
        body = self.text[para_start:para_end]
        if _BLOCKQUOTE.match(line):  # "> Meurer A, Smith CP,\n> Kumar A…": read without the marks, at the same offsets
            body = _QUOTE_MARK.sub(lambda mark: "\n" + " " * (len(mark.group()) - 1), body)
        k = next((k for k in range(j + 1, len(lines)) if lines[k][2].strip()), None)
        indented_next = k is not None and _indent(lines[k][2]) > indent
        introduces_code = indented_next and self.introduces_example(stripped, k)
        if not hanging and indented_next and not introduces_code and (
                self.reads_as_term(i, j, body) or self.labels_definition(i, j, k, body)) \
                and not (body.rstrip().endswith(":") and self.labelled_sentences(k)):  # "… returns:" over its list
            self.add(para_start, para_end, "term", _collapse(body), indent)
            self.terms.append((indent, _collapse(body)))
            self.position = 0
            previous_prose = None
        else:
            position = self.position
            for a, b in split_sentences(body, para_start):
                self.add(a, b, "prose", _collapse(body[a - para_start:b - para_start]), indent)
            if _BLOCKQUOTE.match(line):  # a quotation is an aside ("> [!IMPORTANT] …"): the section's
                self.position = position  # opening sentence is still the first one after it
            previous_prose = (indent, body.rstrip().endswith(":") or introduces_code, _collapse(body) in ADMONITIONS)
        return j + 1, previous_prose

    def goes_on_after_blank(self, j, indent):
        """Whether the sentence that line `j` leaves open (it ends in "," or a word no sentence ends
        with) goes on after the blank line below, at the same indent in lower case: help2man's
        pages cut option descriptions so ("exit with the same status as COMMAND, even when the")."""
        after = self.lines[j + 2][2]
        return _leaves_open(self.lines[j][2]) and _indent(after) == indent and _goes_on(after)

    def add_rows(self, rows, indent):
        """A "table" unit "first — second" for each (first cell, second cell, start, end)."""
        for first, rest, start, end in rows:
            self.add(start, end, "table", f"{first} — {_collapse(rest)}", indent)

    def column_rows(self, i, indent, row_pattern, same_column):
        """([(first cell, second cell, start, end)], the line after them): the rows from line i that
        `row_pattern` matches at `indent`, each with the lines below it that continue its second
        cell (indented to where that cell starts when `same_column`, deeper than `indent` when not)."""
        lines, rows, k, column = self.lines, [], i, None
        while k < len(lines) and lines[k][2].strip():
            line = lines[k][2]
            row = row_pattern.match(line) if _indent(line) == indent else None
            if row and (not same_column or column in (None, row.start(2))):
                column = row.start(2)
                rows.append([row.group(1), row.group(2) or "", lines[k][0] + indent, lines[k][1]])
            elif rows and (_indent(line) == column if same_column else _indent(line) > indent):
                rows[-1][1] = f"{rows[-1][1]} {line.strip()}".strip()
                rows[-1][3] = lines[k][1]
            else:
                break
            k += 1
        return [tuple(row) for row in rows], k

    def wrapped_rows(self, i, indent):
        """A two-column list from line i whose second column wraps onto lines of its own, indented
        to where that column starts (a man page's COMMANDS, or one entry of its ENVIRONMENT: "HOME   Name
        of the…" over "       directory…"): (rows, the line after it), or ([], i) when the lines from
        i are not one (a justified line's "Squash  reduces…" goes on at its own indent)."""
        rows, after = self.column_rows(i, indent, _ALIGNED, same_column=True)
        return (rows, after) if rows and after - i > len(rows) else ([], i)

    def help_rows(self, i, indent):
        """The list of commands or options of a command's help from line i ("take        take a
        snapshot now", "-n, --dry-run   show what would be done…", an option whose text wraps onto
        the next lines): (rows, the line after it), or ([], i) when the lines from i are not one."""
        rows, after = self.column_rows(i, indent, _HELP_ROW, same_column=False)
        described = len(rows) >= 2 and all(len(row[1].split()) >= 2 for row in rows)
        return (rows, after) if described else ([], i)

    def is_title_line(self, i, indent):
        """Whether line i is a plain-text heading: a few words without closing punctuation,
        capitalised, on a line of its own right above a longer line of prose at the same indent
        ("Late work" / "Each student has four late days…"), perhaps numbered ("3. How to take it")."""
        line = self.lines[i][2]
        numbered = _NUMBERED_TITLE.match(line)  # "3. How to take Feveral"
        words = line[numbered.end():].split() if numbered else line.split()
        if 0 < len(words) <= CAPITALS_TITLE_WORDS and _CAPITALS_TITLE.match(" ".join(words)):
            return True  # "RIVERSIDE CITY MARATHON 2027 - RUNNER INFORMATION", "TROUBLESHOOTING"
        if not 0 < len(words) <= (NUMBERED_TITLE_WORDS if numbered else TITLE_WORDS) or i + 1 >= len(self.lines):
            return False
        title, following = " ".join(words), self.lines[i + 1][2]
        if not following.strip() and numbered and i + 2 < len(self.lines):
            following = self.lines[i + 2][2]  # "1. Before first use", a blank line, its paragraph
        number = numbered.group(0).strip().rstrip(".") if numbered else ""
        if number and re.match(rf"\s*{re.escape(number)}\.\d+\.?\s", following):  # "4. Excess" over "4.1 The…"
            return title[:1].isupper() and _ends_in_word(title)
        return (title[:1].isupper() and _ends_in_word(title) and (numbered or not _LIST_MARK.match(title))
                and any(ch.isalpha() for ch in title) and _indent(following) == indent
                and len(following.split()) > len(words) and following.strip()[:1].isupper()
                and not _LIST_MARK.match(following))

    def looks_like_code(self, i):
        """Whether the indented lines from line i up to a blank line all read as code
        ("@f1(arg)", "def func(): pass", "x = f(y)"): an example not introduced by ":". A block
        ending like a sentence is prose that starts with a keyword ("with -l, print sizes like 1K")."""
        block = self.block_lines(i)
        ends = block[-1].rstrip() if block else ""
        if ends.endswith((".", "?", "!")) and not ends.endswith("..."):
            return False
        return bool(block) and all(_CODE_LINE.match(line) for line in block)

    def labelled_sentences(self, i):
        """Whether the indented lines from line i up to a blank line are sentences each after a
        label, lines below one going on from it ("for a module object: the module's attributes." /
        "for a class object: its attributes, and…"): a docstring's list, not code after a colon."""
        block = self.block_lines(i)
        at = _indent(block[0])
        starts = [line for line in block if _indent(line) == at]
        return (len(starts) >= 2 and block[-1].rstrip().endswith(".") and not any(_CODE_CHARS.search(line) for line in block)
                and all(_LABELLED.match(line) for line in starts) and all(_indent(line) >= at for line in block))

    def introduces_example(self, first_line, k):
        """Whether the paragraph starting with `first_line` introduces the indented block at line
        k as an example: the block reads as code, or the paragraph is a sentence going on after
        an example ("… the yield statements <example> are equivalent to <example>") and the block
        does not end like prose."""
        if self.looks_like_code(k):
            return True
        return (first_line[:1].islower() and bool(self.units) and self.units[-1].kind == "code"
                and not self.block_lines(k)[-1].rstrip().endswith((".", "?", "!", ":")))

    def reads_as_term(self, i, j, body):
        """Whether lines i..j (`body`) read as a definition term or signature: one or two lines,
        or a block of signature lines, with no sentence ending in or after them."""
        signatures = j > i and all(_SIGNATURE_LINE.match(self.lines[n][2]) for n in range(i, j + 1))
        return ((j - i <= 1 or signatures) and not body.rstrip().endswith((".", ":", "?", "!"))
                and not _INNER_SENTENCE_END.search(body))

    def labels_definition(self, i, j, k, body):
        """Whether lines i..j (`body`), ending in ":", label the indented prose right under them, as a
        reST definition list does ("a class object:" / "   A new instance of that class is
        returned."): no blank line between, a line or two, and the block ends like a sentence. An
        introduction to an example leaves a blank line before it; an admonition is no label."""
        return (k == j + 1 and j - i <= 1 and body.rstrip().endswith(":") and _collapse(body) not in ADMONITIONS
                and not _INNER_SENTENCE_END.search(body) and self.block_lines(k)[-1].rstrip().endswith((".", "?", "!")))

    def block_lines(self, i):
        """The lines from line i up to a blank line."""
        j = next((n for n in range(i, len(self.lines)) if not self.lines[n][2].strip()), len(self.lines))
        return [line for _, _, line in self.lines[i:j]]

    def block(self, i, base_indent, kind, until_blank):
        """A code or grammar block: from line i until a blank line (grammar, >>> examples) or
        until a non-blank line indented at most `base_indent` (code)."""
        lines, j = self.lines, self.block_end(i, base_indent, until_blank)
        start, end = lines[i][0], lines[j][1]
        self.add(start + _indent(lines[i][2]), end, kind, self.text[start:end].strip("\n"), _indent(lines[i][2]))
        return j + 1

    def block_end(self, i, base_indent, until_blank):
        """The last line of text of the block that `block` reads from line i."""
        lines, j = self.lines, i
        while j + 1 < len(lines):
            line = lines[j + 1][2]
            if until_blank and not line.strip():
                break
            if not until_blank and line.strip() and _indent(line) <= base_indent:
                break
            j += 1
        while j > i and not lines[j][2].strip():
            j -= 1
        return j

    def definitions(self, i, indent):
        """A Markdown definition list entry: the term on line i, then each ": definition"
        paragraph under it, read with the term as its context."""
        start, end, line = self.lines[i]
        term = _collapse(line)
        self.add(start + indent, end, "term", term, indent)
        self.terms.append((indent, term))
        self.position, i = 0, i + 1
        while i < len(self.lines) and _DEFINITION.match(self.lines[i][2]):
            j = i
            while j + 1 < len(self.lines) and self.lines[j + 1][2].strip() and not _DEFINITION.match(self.lines[j + 1][2]):
                j += 1
            body_start = self.lines[i][0] + _DEFINITION.match(self.lines[i][2]).end()
            for a, b in split_sentences(self.text[body_start:self.lines[j][1]], body_start):
                self.add(a, b, "prose", _collapse(self.text[a:b]), indent + 1)
            i = j + 1
        return i

    def front_matter(self):
        """A YAML front matter block ("---" / "title: …" / "---" opening a Markdown page) as one
        code unit, never quoted and never a heading; the index of the line after it (0 if none)."""
        end = front_matter_end([line for _, _, line in self.lines[:200]])
        if end:
            self.add(0, self.lines[end - 1][1], "code", self.text[:self.lines[end - 1][1]])
        return end

    def directive(self, i, match, indent):
        """A reST directive: a code one (".. code-block:: python") is one code unit, its indented
        body (`code_directive`); any other (".. note::", ".. warning:: Text", ".. |logo| image:: x.svg") is a
        marker quoted as nothing, as are its options (":alt: Logo") and an argument that is a path
        or address (on its line or the next); its inline text and indented body are read as
        ordinary prose."""
        start, end, line = self.lines[i]
        if match.group(2).lower() in CODE_DIRECTIVES:
            return self.code_directive(i, indent)
        if match.group(2).lower() == "list-table":
            return self.list_table(i, match, indent)
        if match.group(2).lower() == "csv-table":
            return self.csv_table(i, match, indent)
        rest = match.start(3) + len(match.group(3)) - len(match.group(3).lstrip())
        marker_end = end if _PATH.fullmatch(line[rest:].strip()) else start + match.end(2) + 2
        self.add(start + indent, marker_end, "rule", self.text[start + indent:marker_end], indent)
        for a, b in split_sentences(line[rest:], start + rest) if marker_end < end and line[rest:].strip() else ():
            self.add(a, b, "prose", _collapse(self.text[a:b]), indent)
        i += 1
        if not line[rest:].strip() and i < len(self.lines) and _indent(self.lines[i][2]) > indent \
                and _PATH.fullmatch(self.lines[i][2].strip()):  # ".. image::" with its address on the next line
            path_start, path_end, path = self.lines[i]
            self.add(path_start + _indent(path), path_end, "rule", path.strip(), indent + 1)
            i += 1
        while i < len(self.lines) and _DIRECTIVE_OPTION.match(self.lines[i][2]) and _indent(self.lines[i][2]) > indent:
            option_start, option_end, option = self.lines[i]
            self.add(option_start + _indent(option), option_end, "rule", option.strip(), indent + 1)
            i += 1
        return i

    def code_directive(self, i, indent):
        """".. code-block:: python", its options (":linenos:") and its indented body: the body is one
        code unit ("conda install tqdm", not ".. code:: sh" before it), right after the sentence
        introducing it; the directive and its options are no unit."""
        lines, j = self.lines, i + 1
        while j < len(lines) and _DIRECTIVE_OPTION.match(lines[j][2]) and _indent(lines[j][2]) > indent:
            j += 1
        while j < len(lines) and not lines[j][2].strip():
            j += 1
        if j < len(lines) and _indent(lines[j][2]) > indent:
            return self.block(j, indent, "code", until_blank=False)
        return j

    def directive_title(self, i, match, indent):
        """A table directive's title (".. csv-table:: what each parser does"), read as prose."""
        start, _, line = self.lines[i]
        title = match.group(3).strip()
        if title:
            at = start + line.index(title)
            self.add(at, at + len(title), "prose", title, indent)

    def list_table(self, i, match, indent):
        """A reST list table (".. list-table::"): its options (":header-rows: 1"), then one row per
        "* - first cell" item whose "- cell" items follow; one table unit per row, the header rows
        first, a cell's wrapped lines joined. The directive's title is read as prose."""
        lines = self.lines
        self.directive_title(i, match, indent)
        header, rows, j = 0, [], i + 1
        while j < len(lines) and (not lines[j][2].strip() or _indent(lines[j][2]) > indent):
            row_start, row_end, text = lines[j]
            stripped = text.strip()
            option, row = _TABLE_OPTION.match(stripped), _LIST_ROW.match(stripped)
            if option and not rows:
                header = int(option.group(1)) if option.group(1) else header
            elif row:
                rows.append([row_start + _indent(text), row_end, [row.group(1) or ""]])  # "* -": an empty cell
            elif rows and (stripped == "-" or stripped.startswith("- ")):
                rows[-1][1], rows[-1][2] = row_end, rows[-1][2] + [stripped[2:]]
            elif rows and stripped:
                rows[-1][1], rows[-1][2][-1] = row_end, f"{rows[-1][2][-1]} {stripped}"
            j += 1
        for number, (row_start, row_end, cells) in enumerate(rows):
            display = " — ".join(_collapse(c) for c in cells if c.strip())
            if display:
                self.add(row_start, row_end, "header" if number < header else "table", display, indent + 1)
        return j

    def csv_table(self, i, match, indent):
        """A reST CSV table (".. csv-table:: title"): its title as prose, the ":header:" option's
        cells as its header and one table unit per line of its indented body, cells in commas
        and quotes as CSV writes them ('"billion laughs", "**True**", "False (1)"); other options
        (":widths:", ":file:") are no units."""
        lines = self.lines
        self.directive_title(i, match, indent)
        j = i + 1
        while j < len(lines) and (not lines[j][2].strip() or _indent(lines[j][2]) > indent):
            row_start, row_end, text = lines[j]
            stripped = text.strip()
            header = stripped.startswith(":header:")
            cells = _csv_cells(stripped[len(":header:"):] if header else stripped)
            display = " — ".join(_collapse(c) for c in cells if c.strip())
            if display and (header or not _DIRECTIVE_OPTION.match(stripped)):
                self.add(row_start + _indent(text), row_end, "header" if header else "table", display, indent + 1)
            j += 1
        return j

    def simple_table(self, i, indent):
        """A reST simple table: "=====  =====" borders whose runs of "=" give the columns; one
        table unit per row (a row whose first cell is blank continues the row above), the header
        row first; border lines are no units."""
        lines = self.lines
        starts = [m.start() for m in re.finditer(r"=+", lines[i][2])]
        rows, j, header = [], i + 1, 0
        while j < len(lines) and lines[j][2].strip():
            line = lines[j][2]
            j += 1
            if _SIMPLE_BORDER.match(line):
                if j >= len(lines) or not lines[j][2].strip():
                    break  # the closing border
                header = header or len(rows)  # rows above the border under the top one are the header
                continue
            cells = [line[a:b].strip() for a, b in zip(starts, starts[1:] + [len(line)])]
            if rows and not cells[0]:  # a continuation line
                rows[-1][1] = lines[j - 1][1]
                rows[-1][2] = [f"{old} {new}".strip() for old, new in zip(rows[-1][2], cells)]
            else:
                rows.append([lines[j - 1][0] + _indent(line), lines[j - 1][1], cells])
        for number, (start, end, cells) in enumerate(rows):
            display = " — ".join(_collapse(c) for c in cells if c)
            if display:
                self.add(start, end, "header" if number < header else "table", display, indent + 1)
        return j

    def comment(self, i):
        """An HTML comment ("<!-- YAML … -->") from line i to the line that closes it (or the end of
        the document): one "comment" unit, never quoted (nor as a command: it is no code)."""
        lines, j = self.lines, i
        while j < len(lines) and "-->" not in lines[j][2][(lines[j][2].find("<!--") + 4) if j == i else 0:]:
            j += 1
        return self.code_through(i, j, "comment")

    def rst_comment(self, i, indent):
        """A reST comment (".. start sponsors", ".." over indented lines) and the lines indented
        under it: one "comment" unit, never quoted; the index of the line after it. A bare ".." before
        a blank line is an empty comment, which ends there (it parts a list from a block quote)."""
        lines, j = self.lines, i + 1
        if lines[i][2].strip() == ".." and (j == len(lines) or not lines[j][2].strip()):
            return self.code_through(i, i, "comment")
        while j < len(lines) and (not lines[j][2].strip() or _indent(lines[j][2]) > indent):
            j += 1
        return self.code_through(i, j - 1, "comment")

    def fenced(self, i, fence):
        """A Markdown fenced code block from its opening line to the closing fence (or the end of
        the document, as CommonMark reads an unclosed one): one code unit, whatever it holds
        ("# a comment" inside is no heading)."""
        lines, j = self.lines, i + 1
        while j < len(lines) and not (lines[j][2].lstrip(" ").startswith(fence[0] * len(fence))
                                      and not lines[j][2].strip().strip(fence[0])
                                      and _indent(lines[j][2]) <= 3):
            j += 1
        inside_end = min(j, len(lines))  # (an unclosed fence runs to the end)
        if _HELP_FENCE.match(lines[i][2]) and i + 1 < inside_end and (
                _USAGE.match(lines[i + 1][2]) or _PAGE_START.match(lines[i + 1][2])):
            return self.help_text(i + 1, inside_end)
        return self.code_through(i, j)

    def help_text(self, i, j):
        """Lines i..j-1, a command's `--help` text pasted in a fence ("usage: normalizer [-h] …"),
        read as that text is outside one: its usage line, and its options as rows ("-m, --minimal
        — Only output the charset detected…"), each from the document's own offsets; the index
        after the closing fence."""
        start, end = self.lines[i][0], self.lines[j - 1][1]
        inner = [u for u in split_units(self.text[start:end]) if u.kind != "heading"]
        for unit in inner:  # under the section the fence is in; an option's term and paragraphs as read there
            self.units.append(Unit(start + unit.start, start + unit.end, unit.kind, unit.text, self.heading, unit.term,
                                   self.position + unit.position, self.paragraph + unit.paragraph, self.outer))
        self.paragraph += max((u.paragraph for u in inner), default=0)
        self.position += sum(1 for u in inner if u.kind in ("prose", "table"))
        return j + 1

    def code_through(self, i, j, kind="code"):
        """Lines i..j as one code unit (or `kind`; j past the end: an unclosed block, which ends at
        its last line of text); the index of the line after it."""
        lines = self.lines
        j = min(j, len(lines) - 1)
        while j > i and not lines[j][2].strip():
            j -= 1
        start, end = lines[i][0] + _indent(lines[i][2]), lines[j][1]
        self.add(start, end, kind, self.text[start:end], _indent(lines[i][2]))
        return j + 1

    def pipe_table(self, i, indent):
        """A Markdown pipe table: the header row, the "|---|" delimiter row (no unit), and each
        body row up to a blank line or a line without "|", one table unit per row ("port — 8813")."""
        lines, j = self.lines, i
        while j < len(lines) and "|" in lines[j][2] and lines[j][2].strip():
            if j != i + 1:  # the delimiter row
                start, end, line = lines[j]
                display = _table_row_text([line.replace("\\|", "\x00")]).replace("\x00", "|")
                if display:
                    self.add(start + _indent(line), end, "header" if j == i else "table", display, indent + 1)
            j += 1
        return j

    def table(self, i, indent):
        lines, j, row = self.lines, i, []
        while j < len(lines) and lines[j][2].lstrip().startswith(("+", "|")):
            stripped = lines[j][2].lstrip()
            if stripped.startswith("+") or re.fullmatch(r"\|[=|]+\|?", stripped.rstrip()):
                if row:
                    display = _table_row_text([line for _, _, line in row])
                    if display:
                        self.add(row[0][0] + _indent(row[0][2]), row[-1][1], "table", display, indent + 1)
                row = []
            else:
                row.append(lines[j])
            j += 1
        return j


def front_matter_end(lines, limit=200):
    """The index of the line after a YAML front matter block that opens `lines` (strings), or 0
    when there is none."""
    lines = lines[:limit]
    if not lines or lines[0].rstrip() != "---":
        return 0
    for n, line in enumerate(lines[1:], 1):
        if line.rstrip() in ("---", "..."):
            return n + 1 if n > 1 else 0
        if not line.strip() or not (line[:1].isspace() or ":" in line or line.lstrip().startswith(("-", "#"))):
            return 0  # not YAML: a Markdown page opening with a rule
    return 0


TITLE_WORDS = 6  # a plain-text heading line has at most this many words
NUMBERED_TITLE_WORDS = 10  # … or this many, numbered as a section is ("1. What it is and what it is for")
CAPITALS_TITLE_WORDS = 12  # … or this many, in capitals ("BARISTA ONE ESPRESSO MACHINE - USER MANUAL")
# capital letters, digits and joining marks only, with four letters or more, not ending as a sentence
_CAPITALS_TITLE = re.compile(r"^(?=(?:[^a-z]*[A-Z]){4})[A-Z0-9][A-Z0-9 &'/(),.:+-]*[A-Z0-9)]$")
# a line of a plain-text two-column list: a short first column, two spaces or more, its text (not a
# bullet's mark: "-  `Underscore.js <…>`__: A similar library…" is a list item)
_ALIGNED = re.compile(r"^\s*(?![-*•+]\s)([^\s.,;:!?]+(?: [^\s.,;:!?]+){0,2})\s{2,}(\S.*?)\s*$")
# a row of a command's help: a subcommand or options, two spaces or more, what it does (perhaps on the next line)
_OPTION = r"-{1,2}[\w-]+(?:[ =](?:[A-Z][A-Z_]*|<[\w-]+>|\[[\w-]+\]))?"  # "-c FILE", "--level=<n>"
_HELP_ROW = re.compile(rf"^\s*((?:{_OPTION})(?:,\s*{_OPTION})*|[a-z][\w-]*)(?:\s{{2,}}([A-Za-z].*?))?\s*$")
# a command's option and what it does on its line, two spaces or more apart ("-S     sort by file size",
# "-k, --keep=N  keep the N newest")
_MAN_OPTION = r"-{1,2}[A-Za-z0-9][\w-]*(?:[ =][^\s,]+)?"  # "-n max-args", "--lines=[-]NUM"
_OPTION_ROW = re.compile(rf"^\s*({_MAN_OPTION}(?:, ?{_MAN_OPTION})*)\s{{2,}}(\S.*?)\s*$")
# … or an exit status ("17     FTP could not set binary."), three spaces or more apart (not a justified line)
_NUMBER_ROW = re.compile(r"^\s*(\d{1,4})\s{3,}(\S.*?)\s*$")
# a line of a plain-text list of labelled values: "Weight: 195 g", "Water protection: IPX8"
# (not a FAQ's "Q: …" / "A: …", nor a label over sentences: "Cotton: for towels… Maximum load 7 kg.")
_KEY_VALUE = re.compile(r"^\s*(?!(?:Q|A|Question|Answer):)([A-Z][\w()/&'+-]*(?: [\w()/&'+-]+){0,3}):[ \t]+"
                        r"(?!.*[.!?][\"')]*\s+[A-Z])(\S.*?)\s*$")
_DASHED_PAIR = re.compile(r"^\s*([\w.,'\"*]+(?: [\w.,'\"*]+){0,2})\s+--\s+(\S.*?)\s*$")
_NUMBERED_TITLE = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+(?=[A-Z])")


def _leaves_open(line):
    """Whether `line` ends mid-sentence: in "," or a word no sentence ends with ("… blank values in")."""
    words = line.split()
    return bool(words) and (words[-1].endswith(",") or words[-1].lower() in _OPEN_ENDINGS)


def _goes_on(line):
    """Whether `line` can go on a sentence cut above it: lower case, no list item of its own."""
    return line.lstrip()[:1].islower() and not _LIST_MARK.match(line)


def _described_number(line):
    """Whether `line` is a numbered row described in words ("124    if COMMAND times out, and…"
    under a man page's "EXIT status:"), not a line of code or numbers."""
    row = _NUMBER_ROW.match(line)
    return bool(row) and bool(re.match(r"[A-Za-z]+\s+[A-Za-z]", row.group(2)))


def _two_columns(row_lines):
    """[(first cell, second cell)] of lines that read as a two-column list, or []: cells apart by two
    spaces or more ("0   all images were processed"), labelled values ("Weight: 195 g") or a
    docstring's dashed pairs ("whitespace -- a string containing all ASCII whitespace")."""
    aligned = [_ALIGNED.match(line) for line in row_lines]
    columns = {row.start(2) for row in aligned if row}
    cells = [row.groups() if row else None for row in aligned]
    if None in cells and len(columns) == 1 and len(cells) - cells.count(None) >= 2:
        column = columns.pop()  # "fullmatch Match a…" among rows that start their second cell there
        cells = [row or _cells_at(line, column) for row, line in zip(cells, row_lines)]
    if all(cells):
        return cells
    for pattern in (_KEY_VALUE, _DASHED_PAIR):  # "Weight: 195 g"; "whitespace -- a string containing…"
        rows = [pattern.match(line) for line in row_lines]
        if all(rows):
            return [row.groups() for row in rows]
    return []


def _cells_at(line, column):
    """(first cell, second cell) of a two-column row whose first cell, one word, fills its column
    up to a single space before the second ("fullmatch Match a regular expression…" in a list
    whose other rows leave more room), or None."""
    first, second = line[:column].strip(), line[column:].strip()
    if first and second and " " not in first and line[column - 1] == " " and line[column] != " ":
        return first, second
    return None


def _ends_in_word(title):
    """Whether a title ends in a word, perhaps a quoted one ('The app says "offline"'), not in
    sentence punctuation."""
    return title[-1].isalnum() or (len(title) > 1 and title[-1] in "\"”’')" and title[-2].isalnum())


def split_units(text):
    """Every unit of `text`, in reading order (see the module docstring)."""
    return _Splitter(text).run()
