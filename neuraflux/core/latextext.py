"""LaTeX (.tex) as the Markdown-like text the rest of neuraflux reads: what the typeset document
says, not its markup. Standard library only.

- the title, and "This document was written by …" from \\author (split at \\and, \\thanks left out);
- \\chapter … \\paragraph as "#" headings, the abstract under "## Abstract";
- itemize, enumerate and description lists as "- ", "1. " and "- Term: " items, nested by indent;
- tabular (tabularx, longtable, tabu) as pipe tables: \\multicolumn's text kept, rules left out;
  a float's \\caption as a line of its own ("Table: …", "Figure: …"), the float's graphics left out;
- verbatim, lstlisting and minted as fenced code, \\verb as `code`;
- math as written between its delimiters, Greek letters and common symbols as characters ("α ≤ 0.5");
- \\textbf, \\emph and other commands by their text, \\footnote in parentheses, \\href by its text;
  \\cite, \\ref, \\label, \\includegraphics, spacing and layout commands left out; accents ("\\'e")
  and escapes ("\\%", "--", "``…''") as the characters they typeset.

Only the body between \\begin{document} and \\end{document} is read when the file has one (a file
that \\input brings in has none and is read whole). Macros the document defines are not expanded.

    >>> latex_to_text(r"\\section{Setup} We use a rate of $\\alpha = 10^{-3}$ \\cite{k}.")
    ('## Setup\\n\\nWe use a rate of α = 10^-3.\\n', 'Setup')
"""
import re
import unicodedata

from .documents import document_text, first_heading, table_lines
from .errors import DataError

MAX_DEPTH = 200  # braces nested deeper than this are not a document
_LEVELS = {"part": 1, "chapter": 1, "section": 2, "subsection": 3, "subsubsection": 4, "paragraph": 5,
           "subparagraph": 6}
_LISTS = ("itemize", "enumerate", "description", "compactitem", "compactenum", "inparaenum")
_TABLES = ("tabular", "tabular*", "tabularx", "longtable", "tabu", "array")
_CODE = ("verbatim", "verbatim*", "Verbatim", "lstlisting", "minted", "alltt", "comment")
_MATH = ("equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*", "displaymath",
         "eqnarray", "eqnarray*", "math")
_FLOATS = ("figure", "figure*", "table", "table*", "wrapfigure", "wraptable", "subfigure")
_NAMED_BLOCKS = {"theorem": "Theorem", "lemma": "Lemma", "definition": "Definition", "proof": "Proof",
                 "corollary": "Corollary", "proposition": "Proposition", "example": "Example", "remark": "Remark",
                 "note": "Note", "quote": "", "quotation": "", "center": "", "flushleft": "", "flushright": "",
                 "minipage": "", "abstract": ""}
# commands whose arguments are not text: how many {…} each takes (optional […] always skipped)
_DROPPED = {"label": 1, "ref": 1, "eqref": 1, "autoref": 1, "cref": 1, "Cref": 1, "pageref": 1, "nameref": 1,
            "cite": 1, "citep": 1, "citet": 1, "citealp": 1, "citeauthor": 1, "citeyear": 1, "parencite": 1,
            "textcite": 1, "nocite": 1, "includegraphics": 1, "bibliography": 1, "bibliographystyle": 1,
            "vspace": 1, "hspace": 1, "vspace*": 1, "hspace*": 1, "setlength": 2, "addtolength": 2,
            "setcounter": 2, "addtocounter": 2, "pagestyle": 1, "thispagestyle": 1, "pagenumbering": 1,
            "input": 1, "include": 1, "usepackage": 1, "documentclass": 1, "newcommand": 2, "renewcommand": 2,
            "providecommand": 2, "newenvironment": 3, "renewenvironment": 3, "color": 1, "addcontentsline": 3,
            "hypersetup": 1, "graphicspath": 1, "linespread": 1, "fontsize": 2, "selectfont": 0, "thanks": 1,
            "index": 1, "glossary": 1, "marginpar": 1, "todo": 1, "caption": 1, "captionof": 2, "label*": 1,
            "rule": 2, "raisebox": 1, "phantom": 1, "hphantom": 1, "vphantom": 1, "bibitem": 1, "url": 0,
            "newtheorem": 2, "DeclareMathOperator": 2, "let": 0, "hypertarget": 1, "PassOptionsToPackage": 2,
            "cline": 1, "cmidrule": 1,
            "multirow": 2, "multicolumn": 2, "textcolor": 1, "colorbox": 1, "href": 1, "resizebox": 2,
            "scalebox": 1, "author": 1, "title": 1, "date": 1}
# the commands among those whose last {…} is the text shown
_LAST_IS_TEXT = frozenset({"multirow", "multicolumn", "textcolor", "colorbox", "href", "resizebox", "scalebox",
                           "raisebox"})
_SYMBOLS = {"ldots": "…", "dots": "…", "cdots": "⋯", "LaTeX": "LaTeX", "TeX": "TeX", "LaTeXe": "LaTeX2e",
            "textendash": "–", "textemdash": "—", "textbackslash": "\\", "S": "§", "P": "¶", "copyright": "©",
            "textcopyright": "©", "pounds": "£", "textsterling": "£", "euro": "€", "texteuro": "€",
            "textdegree": "°", "degree": "°", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø",
            "O": "Ø", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "textregistered": "®",
            "texttrademark": "™", "textbullet": "•", "textasciitilde": "~", "textunderscore": "_",
            "textbar": "|", "textless": "<", "textgreater": ">", "quad": " ", "qquad": " ", "noindent": "",
            "par": "\n\n", "newline": "\n", "linebreak": "\n", "today": "", "maketitle": "", "centering": "",
            "hline": "", "toprule": "", "midrule": "", "bottomrule": "", "newpage": "", "clearpage": "",
            "tableofcontents": "", "listoffigures": "", "listoftables": "", "appendix": "", "item": "",
            "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
            "zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
            "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ",
            "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Pi": "Π", "Sigma": "Σ",
            "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "times": "×", "cdot": "·", "pm": "±", "leq": "≤", "le": "≤",
            "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "~", "infty": "∞",
            "rightarrow": "→", "to": "→", "wedge": "∧", "vee": "∨", "lim": "lim", "cap": "∩", "cup": "∪",
            "leftarrow": "←", "Rightarrow": "⇒", "in": "∈", "sum": "∑",
            "prod": "∏", "int": "∫", "partial": "∂", "nabla": "∇", "sqrt": "√", "circ": "°", "percent": "%",
            "log": "log", "exp": "exp", "min": "min", "max": "max", "sin": "sin", "cos": "cos",
            "displaystyle": "", "left": "", "right": "", "big": "", "Big": "", "bigl": "", "bigr": "",
            "textwidth": "", "linewidth": "", "columnwidth": "", "small": "", "footnotesize": "", "large": "",
            "Large": "", "normalsize": "", "tiny": "", "huge": "", "Huge": "", "bfseries": "", "itshape": "",
            "ttfamily": "", "rmfamily": "", "sffamily": "", "em": "", "bf": "", "it": "", "tt": "", "rm": "",
            "sc": "", "protect": "", "relax": "", "hfill": " ", "vfill": "", "smallskip": "", "medskip": "",
            "bigskip": "", "indent": "", "and": ", ", "thinspace": " ", "enspace": " ", "nobreakspace": " "}
_ENVIRONMENT_ARGUMENTS = {"minipage": 1, "tabular": 1, "tabularx": 2, "tabular*": 2, "wrapfigure": 2,
                          "wraptable": 2, "multicols": 1, "subfigure": 1, "adjustbox": 1, "longtable": 1}
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "k": "\u0328",
            "r": "\u030a", "d": "\u0323", "b": "\u0331"}
_ESCAPED = "%&$#_{} "
_COMMAND_NAME = re.compile(r"[A-Za-z]+\*?")
_ONE_COMMAND = re.compile(r"\\(?:[A-Za-z]+|.)?", re.S)
_COMMENT = re.compile(r"(?<!\\)((?:\\\\)*)%.*")
_BEGIN = re.compile(r"\\begin\s*\{([^}]+)\}")
_STRUCTURE = re.compile(r"\\(begin|end)\s*\{([^}]+)\}|\\item\b\s*(\[)?|\\(" + "|".join(_LEVELS) + r")\*?\s*(?=[\[{])")


def latex_to_text(source):
    """(text, title or None) of a LaTeX document's source text (see the module docstring)."""
    source = _without_comments(source.replace("\r\n", "\n").replace("\r", "\n"))
    title = _one_line(_argument_of(source, "title"))
    lines = [f"# {title}", ""] if title else []
    byline = _byline(_argument_of(source, "author"), _one_line(_argument_of(source, "date")))
    lines += [byline, ""] if byline else []
    lines += _Converter().lines(_body(source))
    return document_text(lines), title or first_heading(lines)


def _byline(authors, date):
    """"This document was written by Ann Lee (MIT) and Bo Chan on 12 November 2026." from the
    source of \\author (authors parted by \\and or commas, a name's affiliation on the lines after
    it, parted by \\\\) and the text of \\date; None without authors."""
    names = []
    for block in re.split(r"\\and\b", authors or ""):
        first, *rest = [" ".join(_inline(part).split()) for part in re.split(r"\\\\(?:\[[^\]]*\])?", block)]
        where = ", ".join(part for part in rest if part)
        people = [name.strip() for name in re.split(r",|\band\b", first) if name.strip()]
        if people and where:
            people[-1] += f" ({where})"
        names += people
    if not names:
        return None
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"This document was written by {listed}" + (f" on {date}." if date else ".")


def _without_comments(source):
    """Source without its % comments; a line that was only a comment goes (it ends no paragraph).
    Verbatim environments are kept as written."""
    kept, verbatim = [], None
    for line in source.split("\n"):
        if verbatim:
            kept.append(line)
            verbatim = None if re.search(r"\\end\s*\{" + re.escape(verbatim) + r"\}", line) else verbatim
            continue
        opened = _BEGIN.search(line)
        if opened and opened.group(1).strip() in _CODE:
            verbatim = opened.group(1).strip()
            if not re.search(r"\\end\s*\{" + re.escape(verbatim) + r"\}", line[opened.end():]):
                kept.append(line)
                continue
            verbatim = None
        stripped = _COMMENT.sub(r"\1", line)
        if stripped.strip() or not line.strip():
            kept.append(stripped)
    return "\n".join(kept)


def _body(source):
    start = re.search(r"\\begin\s*\{document\}", source)
    if not start:
        return source
    end = re.search(r"\\end\s*\{document\}", source[start.end():])
    return source[start.end():start.end() + end.start()] if end else source[start.end():]


def _argument_of(source, command):
    """The source of the first \\command{…}'s argument, or None."""
    match = re.search(rf"\\{command}\s*(?:\[[^\]]*\]\s*)?\{{", source)
    return _group(source, match.end() - 1)[0] if match else None


def _one_line(source):
    """The text of a title or date: its line breaks ("\\\\") as spaces, \\thanks notes left out; None
    when empty."""
    return " ".join(_inline(re.sub(r"\\\\(\[[^\]]*\])?", " ", source or "")).split()) or None


def _group(text, i, opening="{", closing="}"):
    """(content, index after the closing brace) of the group opening at text[i]."""
    depth, j = 0, i
    while j < len(text):
        char = text[j]
        if char == "\\":
            j += 2
            continue
        if char == opening:
            depth += 1
            if depth > MAX_DEPTH:
                raise DataError(f"braces nested over {MAX_DEPTH} deep")
        elif char == closing:
            depth -= 1
            if depth == 0:
                return text[i + 1:j], j + 1
        j += 1
    return text[i + 1:], len(text)


def _skip_space(text, i):
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _skip_options(text, i):
    """The index after any […] options at text[i] (spaces before them too)."""
    while True:
        j = _skip_space(text, i)
        if j < len(text) and text[j] == "[":
            _, i = _group(text, j, "[", "]")
        else:
            return i


def _arguments(text, i, count):
    """([the contents of `count` {…} arguments], index after them); options skipped."""
    found = []
    for _ in range(count):
        i = _skip_options(text, i)
        j = _skip_space(text, i)
        if j < len(text) and text[j] == "{":
            content, i = _group(text, j)
            found.append(content)
        elif j < len(text) and text[j] == "\\":  # \cite\foo: an argument that is one command
            name = _ONE_COMMAND.match(text, j).group(0)
            found.append(name)
            i = j + len(name)
        elif j < len(text):
            found.append(text[j])
            i = j + 1
        else:
            found.append("")
    return found, i


def _inline(text, math=False):
    """Text of a run of LaTeX inside a paragraph: commands by what they typeset."""
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i = _command(text, i, out, math)
        elif char == "{":
            if i and text[i - 1] == "}" and not math:
                out.append(" ")  # "\moduleauthor{Ann Lee}{ann@x.org}": its arguments apart
            content, i = _group(text, i)
            out.append(_inline(content, math))
        elif char == "}":
            i += 1
        elif char == "$":
            display = text.startswith("$$", i)
            end = text.find("$$" if display else "$", i + (2 if display else 1))
            end = len(text) if end < 0 else end
            out.append(_inline(text[i + (2 if display else 1):end], math=True).strip())
            i = end + (2 if display else 1)
        elif char == "~" and not math:
            out.append(" ")
            i += 1
        elif not math and text.startswith(("``", "''"), i):
            out.append("“" if char == "`" else "”")
            i += 2
        elif char == "`" and not math:
            out.append("‘")
            i += 1
        elif not math and text.startswith("---", i):
            out.append("—")
            i += 3
        elif not math and text.startswith("--", i):
            out.append("–")
            i += 2
        elif char == "&" and not math:
            out.append(" ")
            i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _command(text, i, out, math):
    """Writes what the command at text[i] ("\\…") typesets to `out`; returns the index after it."""
    if i + 1 >= len(text):
        return i + 1
    follower = text[i + 1]
    if not (follower.isascii() and follower.isalpha()):
        if follower == "\\":  # a line break, "\\[2pt]"
            out.append("\n")
            return _skip_options(text, i + 2)
        if follower in _ESCAPED:
            out.append(follower)
            return i + 2
        if follower in _ACCENTS:
            return _accented(text, i + 2, follower, out)
        if follower in "([":  # inline math \( … \), display math \[ … \]
            end = text.find("\\)" if follower == "(" else "\\]", i + 2)
            end = len(text) if end < 0 else end
            out.append(_inline(text[i + 2:end], math=True).strip())
            return end + 2
        if follower in ",;:!>":
            out.append(" " if follower != "!" else "")
        return i + 2
    name = _COMMAND_NAME.match(text, i + 1).group(0)
    after = i + 1 + len(name)
    bare = name.rstrip("*")
    if bare in _ACCENTS and len(bare) == 1:
        return _accented(text, after, bare, out)
    if bare == "verb":
        delimiter = text[after:after + 1]
        end = text.find(delimiter, after + 1) if delimiter else -1
        end = len(text) if end < 0 else end
        out.append(f"`{text[after + 1:end]}`")
        return end + 1
    if bare in ("footnote", "footnotetext"):
        (content,), after = _arguments(text, after, 1)
        out.append(f" ({' '.join(_inline(content).split())})")
        return after
    if bare in ("begin", "end"):  # an environment met inside a paragraph or a cell: its text is read
        (environment,), after = _arguments(text, after, 1)
        if bare == "end":
            return after
        return _arguments(text, after, _ENVIRONMENT_ARGUMENTS.get(environment.strip(), 0))[1]
    if bare in ("def", "gdef", "edef", "xdef"):  # \def\name#1{body}: a definition, not text
        body = text.find("{", after)
        return _group(text, body)[1] if body >= 0 else len(text)
    if bare == "texorpdfstring":  # {what LaTeX typesets}{what PDF bookmarks show}
        (shown, _), after = _arguments(text, after, 2)
        out.append(_inline(shown, math))
        return after
    if bare == "url":
        (content,), after = _arguments(text, after, 1)
        out.append(content)
        return after
    if bare in ("mathrm", "text", "textrm", "mathbf", "mathit", "operatorname", "mathcal", "mathbb", "boldsymbol"):
        (content,), after = _arguments(text, after, 1)
        out.append(_inline(content, math))
        return after
    if bare == "frac" and math:
        (top, bottom), after = _arguments(text, after, 2)
        out.append(f"({_inline(top, True)})/({_inline(bottom, True)})")
        return after
    if name in _DROPPED or bare in _DROPPED:
        count = _DROPPED.get(name, _DROPPED.get(bare))
        arguments, after = _arguments(text, after, count + (1 if bare in _LAST_IS_TEXT else 0))
        if bare in _LAST_IS_TEXT and arguments:
            out.append(_inline(arguments[-1], math))
        elif bare.startswith(("cite", "ref", "eqref", "autoref", "cref", "Cref", "pageref", "label")):
            while out and out[-1] == " ":  # "everywhere~\cite{k}." reads "everywhere."
                out.pop()
        return after
    if bare in _SYMBOLS:
        out.append(_SYMBOLS[bare])
        if text.startswith("{}", after):  # "\LaTeX{} is"
            return after + 2
        return after if math else _skip_space(text, after)  # TeX's: the spaces after a command's name are not text
    # any other command: the text of its arguments, if it has any (\textbf{…}, \emph{…}, \mycommand{…}{…})
    j = _skip_space(text, after)
    if j < len(text) and text[j] in "[{":
        arguments, after = _arguments(text, after, 1)
        out.append(_inline(arguments[0], math) if arguments else "")
    return after


def _accented(text, i, accent, out):
    """\\'e, \\'{e}, \\c{c}: the letter with its accent."""
    j = _skip_space(text, i) if accent.isalpha() else i
    if j < len(text) and text[j] == "{":
        letter, end = _group(text, j)
    else:
        letter, end = text[j:j + 1], j + 1
    letter = letter.replace("\\i", "i").replace("\\j", "j").strip()
    if not letter:  # "\^{}", "\~{}": the character itself
        out.append(accent if not accent.isalpha() else "")
        return end
    out.append(unicodedata.normalize("NFC", letter[:1] + _ACCENTS[accent] + letter[1:]))
    return end


class _Converter:
    """Block structure: headings, lists, tables, code, display math and floats as lines."""

    def __init__(self):
        self.out, self.paragraph, self.lists = [], [], []  # lists: (kind, items so far) of the open lists

    def lines(self, body):
        i = 0
        for match in _STRUCTURE.finditer(body):
            if match.start() < i:
                continue  # inside a block already read whole
            self.paragraph.append(body[i:match.start()])
            i = self._structure(body, match)
        self.paragraph.append(body[i:])
        self._flush()
        return self.out

    def _structure(self, body, match):
        begin_or_end, environment, item_options, level = match.groups()
        if level:
            self._flush()
            (heading,), after = _arguments(body, match.end(), 1)
            self._block([f"{'#' * _LEVELS[level]} {' '.join(_inline(heading).split())}"])
            return after
        if begin_or_end is None:  # \item
            self._flush()
            after, term = match.end(), None
            if item_options:
                term, after = _group(body, match.end() - 1, "[", "]")
            self._item(term)
            return after
        name = environment.strip()
        if begin_or_end == "end":
            self._flush()
            if name in _LISTS and self.lists:
                self.lists.pop()
                if not self.lists:
                    self.out.append("")
            elif name in _NAMED_BLOCKS or name in _FLOATS:
                self.out.append("")
            return match.end()
        if name in _CODE or name in _MATH or name in _TABLES or name in _FLOATS:  # read whole, to their \end
            end = self._end_of(body, name, match.end())
            content = body[match.end():end[0]]
        if name in _LISTS:
            self._flush()
            self.lists.append([name, 0])
            return _skip_options(body, match.end())  # "\begin{enumerate}[label=(\alph*)]"
        if name == "comment":
            return end[1]
        if name in _CODE:
            self._flush()
            if name == "minted":
                _, start = _arguments(content, 0, 1)
                content = content[start:]
            self._block(["```", content.strip("\n"), "```"])
            return end[1]
        if name in _MATH:
            self._flush()
            math = re.sub(r"\\label\s*\{[^}]*\}|\\nonumber|\\notag", "", content)
            self._block([" ".join(_inline(math, math=True).replace("&", " ").split())])
            return end[1]
        if name in _TABLES:
            self._flush()
            self._block(_tabular(name, content))
            return end[1]
        if name in _FLOATS:
            self._flush()
            caption = _caption(content)
            if caption:
                kind = "Table" if name.startswith("table") or name == "wraptable" else "Figure"
                self._block([f"{kind}: {caption[0]}"])
            inner = _BEGIN.search(content)
            while inner and inner.group(1).strip() not in _TABLES:
                inner = _BEGIN.search(content, inner.end())
            if inner:
                table_end = self._end_of(content, inner.group(1).strip(), inner.end())
                self._block(_tabular(inner.group(1).strip(), content[inner.end():table_end[0]]))
            return end[1]
        if name in _NAMED_BLOCKS:
            self._flush()
            label = _NAMED_BLOCKS[name]
            if name == "abstract":
                self._block(["## Abstract"])
            elif label:
                self.paragraph.append(f"{label}: ")
            return match.end()
        return match.end()  # another environment: its content is read as text

    def _end_of(self, body, name, start):
        """(start, end) of the \\end{name} closing the environment that opens before `start`."""
        end = re.compile(r"\\end\s*\{" + re.escape(name) + r"\}")
        found = end.search(body, start)
        return (found.start(), found.end()) if found else (len(body), len(body))

    def _item(self, term):
        if not self.lists:
            self.lists.append(["itemize", 0])
        kind = self.lists[-1]
        kind[1] += 1
        indent = "  " * (len(self.lists) - 1)
        mark = f"{kind[1]}." if kind[0] in ("enumerate", "compactenum", "inparaenum") else "-"
        self.paragraph.append(f"\x00{indent}{mark} " + (f"{' '.join(_inline(term).split())}: " if term else ""))

    def _flush(self):
        """Writes the text read since the last block: an item's first paragraph after its mark,
        other paragraphs as blocks (indented under an open list)."""
        text = "".join(self.paragraph)
        self.paragraph = []
        item = re.match(r"\x00( *)(\S+) ", text)
        indent, mark = (item.group(1), item.group(2) + " ") if item else ("", "")
        text = text[item.end():] if item else text
        for number, paragraph in enumerate(re.split(r"\n[ \t]*\n", text)):
            lines = [" ".join(line.split()) for line in _inline(paragraph.replace("\n", " ")).split("\n")]
            lines = [line for line in lines if line]
            if item and number == 0:
                first = indent + mark + (lines[0] if lines else "")
                self.out.extend([first, *(indent + "  " + line for line in lines[1:])])
            elif lines and self.lists:
                self.out.extend(["", *("  " * len(self.lists) + line for line in lines), ""])
            elif lines:
                self._block(lines)

    def _block(self, lines):
        self.out.extend(["", *lines, ""])


def _caption(content):
    """(text, start, end) of the first \\caption (or \\captionof{type}) in `content`, or None."""
    found = re.search(r"\\caption(of)?(?![A-Za-z])", content)
    if not found:
        return None
    at = _arguments(content, found.end(), 1)[1] if found.group(1) else found.end()  # captionof's type
    at = _skip_space(content, _skip_options(content, at))
    if at >= len(content) or content[at] != "{":
        return None
    text, end = _group(content, at)
    return " ".join(_inline(text).split()), found.start(), end


def _tabular(name, content):
    """Lines of a tabular environment's content (its column specification first); a longtable's
    caption before it, its header and footer as repeated on later pages left out."""
    _, start = _arguments(content, 0, 2 if name in ("tabular*", "tabularx", "tabu") else 1)
    content, lines = content[start:], []
    caption = _caption(content)
    if caption:
        text, start, end = caption
        lines = ["", f"Table: {text}", ""]
        after = re.match(r"\s*(?:\\\\|\\tabularnewline\b)", content[end:])
        content = content[:start] + content[end + (after.end() if after else 0):]
    content = re.sub(r"\\endfirsthead.*?\\endhead", "", content, flags=re.S)
    content = re.sub(r"\\endhead.*?\\endfoot", "", content, flags=re.S)
    return lines + _table(content)


def _table(content):
    """Pipe-table lines of a tabular's rows ("&" between cells, "\\\\" after each row)."""
    content = re.sub(r"\\(?:hline|toprule|midrule|bottomrule|endhead|endfirsthead|endfoot|endlastfoot)\b", "",
                     content)
    content = re.sub(r"\\(?:cline|cmidrule)\s*(?:\([^)]*\))?\s*\{[^}]*\}", "", content)
    rows = []
    for row in _split_outside(content, rows=True):
        cells = _cells(row)
        if any(cell for cell in cells):
            rows.append(cells)
    return table_lines(rows)


_ROW_END = re.compile(r"\\\\(?:\s*\[[^\]]*\])?|\\tabularnewline\b")


def _split_outside(text, rows):
    """A table's text split at its row ends (`rows`) or its cells' "&", where they are outside
    braces, math and environments nested in a cell (a minipage's own "\\\\")."""
    pieces, depth, nested, start, math, i = [], 0, 0, 0, False, 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            end = _ROW_END.match(text, i) if rows else None
            if end and not (depth or nested or math):
                pieces.append(text[start:i])
                i = start = end.end()
                continue
            nested += text.startswith("\\begin", i) - text.startswith("\\end", i)
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "$":
            math = not math
        elif char == "&" and not rows and not (depth or nested or math):
            pieces.append(text[start:i])
            start = i + 1
        i += 1
    pieces.append(text[start:])
    return pieces


def _cells(row):
    """The typeset text of a row's cells."""
    cells = _split_outside(row, rows=False)
    spread = []
    for cell in cells:
        spans = re.match(r"\s*\\multicolumn\s*\{\s*(\d+)\s*\}", cell)
        spread += [" ".join(_inline(cell).split())] + [""] * (min(int(spans.group(1)), 64) - 1 if spans else 0)
    return spread
