"""HTML pages as the Markdown-like text the rest of neuraflux reads (sentences.py): headings as
"#" lines, list items as "* " lines, tables as pipe tables, <pre> as fenced code, a definition
list's <dt> as a term with its <dd> indented under it (Sphinx and pydoc signatures), <em> and
<strong> as *x* and **x**. Scripts, styles, navigation (<nav>, role="navigation", lists that are
mostly links: tables of contents), a page's chrome (elements whose id or class says menu,
sidebar, popup, cookie notice…), forms and anything marked hidden are left out.
Standard library only (html.parser); malformed markup is read as far as it goes.

    >>> html_to_text("<h1>Ports¶</h1><p>The server listens on <b>8813</b>.</p>")
    ('# Ports\\n\\nThe server listens on **8813**.\\n', 'Ports')
"""
import re
from html.parser import HTMLParser

SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "nav", "button", "select", "textarea",
                     "form", "iframe", "object", "head"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
BLOCKS = frozenset({"p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "figure",
                    "figcaption", "details", "summary", "address", "center", "fieldset", "ul", "ol", "dl", "table",
                    "caption", "thead", "tbody", "tfoot", "body", "html"})
HEADINGS = {f"h{n}": n for n in range(1, 7)}
PERMALINK_MARKS = frozenset({"#", "¶", "§", "🔗"})  # a heading's link to itself: not part of its text
INLINE_MARKS = {"em": "*", "i": "*", "dfn": "*", "cite": "*", "strong": "**", "b": "**", "code": "`"}
MAX_DEPTH = 8  # nested lists and definitions indent no deeper (a page nesting 20,000 deep stays linear)
_SPACES = re.compile(r"\s+")
_BREAK = "\x00"  # a <br> in the paragraph being read
_STRAY_LT = re.compile(r"<(?=[^<>]*(?:<|\Z))")  # a "<" whose next "<" comes before any ">"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


# id or class words of a page's chrome: menus, sidebars, pop-ups (mdBook's keyboard help), banners
CHROME_WORDS = frozenset({"sidebar", "menu", "menubar", "navbar", "nav", "toolbar", "popup", "modal", "breadcrumb",
                          "breadcrumbs", "cookie", "cookies", "banner", "consent", "gdpr"})
# the consent notice's parts: "cookie-notice", "consent-bar", "gdpr-message" (not "cookie-recipe")
CONSENT_WORDS = frozenset({"cookie", "cookies", "consent", "gdpr"})
NOTICE_WORDS = frozenset({"bar", "notice", "notification", "message", "box", "alert", "container", "wrapper",
                          "overlay", "dialog", "prompt", "text", "content"})


def _chrome(tag, attrs):
    """Whether the element is page chrome: an id or class naming one ("mdbook-help-popup",
    "site-menu", "cookie-notice"), not a state of the page ("sidebar-visible" on <html>)."""
    if tag in ("html", "body", "main", "article"):
        return False
    names = f"{attrs.get('id') or ''} {attrs.get('class') or ''}".lower().split()
    parts = [re.split(r"[_-]", name) for name in names]
    return any(p[-1] in CHROME_WORDS or (p[0] in CONSENT_WORDS and p[-1] in NOTICE_WORDS) for p in parts)


def html_to_text(html):
    """(text, title) of an HTML page: the title is its <title>, else its first heading, else None."""
    reader = _Reader()
    reader.feed(_tolerable(html))
    reader.close()
    return reader.result()


def _tolerable(html):
    """`html` without comments and with every "<" that opens no tag written as "&lt;": html.parser
    rescans to the end of the page from each "<" that has no ">" after it (quadratic on "<a <a
    <a…"); both passes here are linear."""
    out, i = [], 0
    while True:
        start = html.find("<!--", i)
        if start < 0:
            out.append(html[i:])
            break
        out.append(html[i:start])
        end = html.find("-->", start + 4)
        if end < 0:  # an unclosed comment runs to the end, as in a browser
            break
        i = end + 3
    return _STRAY_LT.sub("&lt;", "".join(out))


def decode_html(data):
    """The text of HTML bytes: UTF-8, else the charset its <meta> names; None when neither reads."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            return None
    return None


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # finished lines of output ("" separates paragraphs)
        self.inline = []  # text of the paragraph being read
        self.skip = []  # open tags whose content is left out
        self.depth = 0  # open <dd> elements: their text is indented under the term
        self.lists = []  # per open list: next number, or None for bullets
        self.mark = ""  # list mark of the item being read ("* ", "  2. ")
        self.links = 0  # open <a> elements
        self.list_start = self.list_chars = self.link_chars = 0  # the outermost open list: where, how much text, in links
        self.pre = None  # text of an open <pre>, kept as written
        self.tables = []  # open tables, innermost last (see _Table)
        self.heading = None  # level of an open heading
        self.permalink = None  # where an in-page link inside the open heading began
        self.title, self.first_heading, self.in_title = "", None, False

    # -- output ------------------------------------------------------------------------------
    def flush(self, prefix="", gap=True):
        """End the paragraph being read; `gap`: a blank line after it. Its <br> breaks stay line
        breaks, and two in a row (pydoc's way) end a paragraph."""
        lines = [_SPACES.sub(" ", line).strip() for line in "".join(self.inline).split(_BREAK)]
        self.inline, prefix = [], self.mark + prefix
        self.mark = ""
        indent, out = self.indent(), []
        for line in lines:
            if line:
                out.append(indent + prefix + line)
                prefix = " " * len(prefix)
            elif out and out[-1]:
                out.append("")
        while out and not out[-1]:
            out.pop()
        if out:
            self.blocks += out + ([""] if gap else [])

    def indent(self):
        return "   " * min(self.depth, MAX_DEPTH)

    def write(self, text):
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell.append(text)
        elif self.pre is not None:
            self.pre.append(text)
        else:
            self.inline.append(text)

    def result(self):
        self.flush()
        text = "\n".join(self.blocks)
        text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
        title = _SPACES.sub(" ", self.title).strip() or self.first_heading
        return (text + "\n" if text else ""), title or None

    # -- parsing -----------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
            return
        attrs = dict(attrs)
        if (self.skip or tag in SKIPPED or "hidden" in attrs or attrs.get("aria-hidden") == "true"
                or attrs.get("role") == "navigation" or _chrome(tag, attrs)):
            if tag not in VOID:
                self.skip.append(tag)
            return
        if self.tables and self.tables[-1].cell is not None and (tag in BLOCKS or tag in HEADINGS or tag in (
                "p", "pre", "dt", "dd", "li", "hr")):
            table = self.tables[-1]
            if tag == "p" and not table.paragraph:  # Sphinx's "<td><p>…</p></td>": a cell of one paragraph
                table.paragraph = True
            else:
                self._as_layout(table)  # a cell holding blocks: the table lays out a page
        if tag == "a":
            self.links += 1
            if self.heading is not None and attrs.get("href", "").startswith("#"):
                self.permalink = len(self.inline)  # "## util.format()" + its "#" link to itself
        if tag in HEADINGS:
            self.flush()
            self.heading = HEADINGS[tag]
        elif tag == "pre":
            self.flush()
            self.pre = []
        elif tag in ("ul", "ol"):
            self.flush(gap=False)
            if not self.lists:  # an outermost list: count how much of its text is links
                self.list_start, self.list_chars, self.link_chars = len(self.blocks), 0, 0
            self.lists.append(1 if tag == "ol" else None)
        elif tag == "li":
            self.flush(gap=False)
            self.mark = self._list_mark()
        elif tag == "dt":
            self.flush()
        elif tag == "dd":
            self.flush(gap=False)
            self.depth += 1
        elif tag == "table":
            self.flush()
            self.tables.append(_Table())
        elif tag == "tr" and self.tables and not self.tables[-1].layout:
            self.tables[-1].row = []
        elif tag in ("td", "th") and self.tables and self.tables[-1].row is not None:
            self.tables[-1].cell, self.tables[-1].paragraph = [], False
        elif tag == "br":
            self.write("\n" if self.pre is not None else _BREAK)
        elif tag == "hr":
            self.flush()
        elif tag in BLOCKS or tag == "p":
            self.flush()
        else:
            self._inline_mark(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
            return
        if tag == "a" and not self.skip:
            self.links = max(0, self.links - 1)
            if self.permalink is not None and "".join(self.inline[self.permalink:]).strip() in PERMALINK_MARKS:
                del self.inline[self.permalink:]
            self.permalink = None
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in HEADINGS and self.heading is not None:
            text = _SPACES.sub(" ", "".join(self.inline)).replace("¶", "").strip()
            self.inline = []
            if text:
                self.blocks += ["#" * self.heading + " " + text, ""]
                self.first_heading = self.first_heading or text
            self.heading = None
        elif tag == "pre" and self.pre is not None:
            code = "".join(self.pre).strip("\n")
            self.pre = None
            if code.strip():
                fence = "````" if "```" in code else "```"
                self.blocks += [fence, *code.split("\n"), fence, ""]
        elif tag in ("ul", "ol"):
            self.flush(gap=False)
            if self.lists:
                self.lists.pop()
            if not self.lists:
                if self.list_chars and self.link_chars >= 0.8 * self.list_chars:
                    del self.blocks[self.list_start:]  # a list of links: a table of contents, navigation
                self.blocks.append("")
        elif tag == "li":
            self.flush(gap=False)
        elif tag == "dt":
            self.flush(gap=False)
        elif tag == "dd":
            self.flush()
            self.depth = max(0, self.depth - 1)
        elif tag in ("td", "th") and self.tables and self.tables[-1].cell is not None:
            table = self.tables[-1]
            table.row.append(table.cell_text())
            table.cell = None
        elif tag == "tr" and self.tables and self.tables[-1].row is not None:
            self._write_row(self.tables[-1])
        elif tag in ("td", "th", "tr"):
            self.flush()  # a layout table's cell
        elif tag == "table":
            if self.tables:
                table = self.tables.pop()
                if len(table.written) == 1 or max(map(len, table.written), default=0) == 1:  # not a data table:
                    self._unrow(table)  # one row, or one column
                elif table.written:
                    self.blocks.append("")
            self.flush()
        elif tag in BLOCKS or tag == "p":
            self.flush()
        else:
            self._inline_mark(tag)

    def _inline_mark(self, tag):
        """Emphasis as Markdown writes it (opening and closing alike): *x*, **x**, `x`."""
        mark = INLINE_MARKS.get(tag)
        if mark and (tag != "code" or self.pre is None):
            self.write(mark)

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.skip:
            self.write(data)
            if self.lists:
                count = len(data.strip())
                self.list_chars += count
                self.link_chars += count if self.links else 0

    def _list_mark(self):
        if self.lists and self.lists[-1] is not None:
            number = self.lists[-1]
            self.lists[-1] += 1
            mark = f"{number}. "
        else:
            mark = "* "
        return "  " * min(MAX_DEPTH, max(0, len(self.lists) - 1)) + mark

    def _write_row(self, table):
        cells, table.row = table.row, None
        if not any(cells):
            return
        if not table.written:
            self.flush()
            table.start = len(self.blocks)
        self.blocks.append(self.indent() + "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        if not table.written:
            self.blocks.append(self.indent() + "|" + "---|" * len(cells))
        table.written.append(cells)

    def _unrow(self, table):
        """Rewrite the rows `table` wrote as paragraphs (a layout table, or one of a single column)."""
        if not table.written:
            return
        del self.blocks[table.start:]
        for cells in table.written:
            self.blocks += [self.indent() + " ".join(c for c in cells if c), ""]
        table.written = []

    def _as_layout(self, table):
        """Read `table` as page layout from here on: the cells read so far become paragraphs."""
        done = [c for c in table.row or [] if c] + [table.cell_text()]
        table.layout, table.row, table.cell = True, None, None
        self._unrow(table)
        for text in done:
            if text:
                self.blocks += [self.indent() + text, ""]


class _Table:
    """An open <table>: a data table written as a pipe table, or (once a cell holds a block
    element) a layout table whose cells read as paragraphs."""

    def __init__(self):
        self.layout, self.row, self.cell = False, None, None  # the row and cell being read
        self.paragraph = False  # the cell being read has had its one <p>
        self.written, self.start = [], 0  # the rows written (their cells), and where in the output

    def cell_text(self):
        """The text of the cell being read, its breaks and runs of spaces collapsed."""
        return _SPACES.sub(" ", "".join(self.cell).replace(_BREAK, " ")).strip()
