"""A Python docstring's parameter, return and exception sections as sentences, the way the code
reader writes a JSDoc comment's tags ("Parameter retries: how many times…"), so that each
parameter answers on its own and says which one it is.

Three layouts are read, as Python projects write them:
- Google style: "Args:" (or "Arguments:", "Parameters:", "Keyword Args:", "Attributes:",
  "Returns:", "Yields:", "Raises:", "Warns:") over indented entries, "name (type): text";
- reStructuredText fields (Sphinx): ":param name: text", ":type name: T", ":returns: text",
  ":rtype: T", ":raises ValueError: text", ":ivar name: text";
- NumPy style: a "Parameters" (…) heading underlined with dashes, over "name : type" lines each
  with its text indented below.

    >>> print(sentences_of_sections("Fetch a page.\\n\\nArgs:\\n    url (str): The address.\\n"))
    Fetch a page.
    <BLANKLINE>
    Parameter url (str): The address.

Anything else ("Example:", "Note:", prose, code) is left as written (NumPy's other titles,
"Examples" over dashes, as "Examples:"), and so is a section whose lines do not read as its entries.
"""
import re

# section title -> what each of its entries is called ("Parameter url: …"); None: one description
_SECTIONS = {"args": "Parameter", "arguments": "Parameter", "parameters": "Parameter", "params": "Parameter",
           "keyword args": "Parameter", "keyword arguments": "Parameter", "kwargs": "Parameter",
           "other parameters": "Parameter", "attributes": "Attribute", "raises": "Raises", "exceptions": "Raises",
           "warns": "Warns", "returns": None, "return": None, "yields": None, "yield": None}
_GOOGLE_HEADING = re.compile(r"^(\s*)(" + "|".join(sorted(_SECTIONS, key=len, reverse=True)) + r")\s*:\s*$", re.I)
_NUMPY_HEADING = re.compile(r"^(\s*)(" + "|".join(sorted(_SECTIONS, key=len, reverse=True)) + r")\s*$", re.I)
_DASHES = re.compile(r"^\s*-{3,}\s*$")
_TITLE = re.compile(r"^\s*[A-Z][a-z]+(?: [A-Za-z]+){0,2}\s*$")  # "Examples", "See Also"
# "url (str, optional): The address", "*args: more values", "ValueError: if…", "ValueError"
_GOOGLE_ENTRY = re.compile(r"^(\*{0,2}[A-Za-z_][\w.]*)\s*(?:\(([^()]{1,80})\))?\s*(?::\s*(.*))?$")
_NUMPY_ENTRY = re.compile(r"^(\*{0,2}[A-Za-z_][\w.]*(?:\s*,\s*\*{0,2}[A-Za-z_][\w.]*)*)\s*(?::\s*(.{1,80}))?$")
_FIELD = re.compile(r"^(\s*):(param|parameter|arg|argument|key|keyword|kwarg|type|returns?|rtype|raises?|except|"
                    r"exception|ivar|var|cvar|yields?|ytype)\b\s*([^:]*):\s*(.*)$")
_FIELD_WORDS = {"param": "Parameter", "parameter": "Parameter", "arg": "Parameter", "argument": "Parameter",
                "key": "Parameter", "keyword": "Parameter", "kwarg": "Parameter", "ivar": "Attribute",
                "var": "Attribute", "cvar": "Attribute", "raises": "Raises", "raise": "Raises", "except": "Raises",
                "exception": "Raises", "returns": "Returns", "return": "Returns", "yields": "Yields", "yield": "Yields"}


def sentences_of_sections(doc):
    """`doc` with its parameter, return and exception sections written as one sentence an entry,
    each a paragraph of its own (see the module docstring)."""
    lines = doc.split("\n")
    out, i = [], 0
    while i < len(lines):
        rendered, after = _google_section(lines, i) or _numpy_section(lines, i) or _fields(lines, i) or (None, i)
        if rendered is None and i + 1 < len(lines) and _DASHES.match(lines[i + 1]) and _TITLE.match(lines[i]):
            out.append(f"{lines[i].rstrip()}:")  # NumPy's "Examples" over dashes: a label, not the page's heading
            i += 2
            continue
        if rendered is None:
            out.append(lines[i])
            i += 1
            continue
        if out and out[-1].strip():
            out.append("")
        for sentence in rendered:
            out += [sentence, ""]
        i = after
        if i < len(lines) and not lines[i].strip():
            i += 1  # the blank line after the section: the sentences end with one already
    return "\n".join(out).rstrip("\n") if out else doc


def _indent(line):
    return len(line) - len(line.lstrip())


def _block(lines, i, indent):
    """(the lines from i indented deeper than `indent`, blank lines inside kept, the index after)."""
    block, k = [], i
    while k < len(lines) and (not lines[k].strip() or _indent(lines[k]) > indent):
        if not lines[k].strip() and (k + 1 >= len(lines) or not lines[k + 1].strip()
                                     or _indent(lines[k + 1]) <= indent):
            break
        block.append(lines[k])
        k += 1
    return block, k


def _entries(block):
    """[(entry line, its text lines below it)] of a section's block: entries at its first line's
    indent, each with the deeper lines that go on from it."""
    filled = [line for line in block if line.strip()]
    if not filled:
        return []
    at = _indent(filled[0])
    entries = []
    for line in block:
        if not line.strip():
            continue
        if _indent(line) <= at:
            entries.append((line.strip(), []))
        else:
            entries[-1][1].append(line.strip())
    return entries


def _google_section(lines, i):
    heading = _GOOGLE_HEADING.match(lines[i])
    if not heading or i + 1 >= len(lines) or not lines[i + 1].strip() or _indent(lines[i + 1]) <= len(heading.group(1)):
        return None
    block, after = _block(lines, i + 1, len(heading.group(1)))
    word = _SECTIONS[heading.group(2).lower()]
    if word is None:  # "Returns:" over "str: The page." or over its description alone
        text = " ".join(line.strip() for line in block)
        typed = re.match(r"^([\w.\[\], |]{1,60}):\s+(\S.*)$", text)
        said = _said(f"{typed.group(1)}: {typed.group(2)}" if typed else _lowered(text))
        return [f"{_returns_word(heading.group(2))} {said}"], after
    rendered = []
    for entry, more in _entries(block):
        match = _GOOGLE_ENTRY.match(entry)
        if not match:
            return None
        name, kind, text = match.group(1), match.group(2), " ".join([match.group(3) or "", *more]).strip()
        rendered.append(_sentence(word, name, kind, text))
    return rendered, after


def _numpy_section(lines, i):
    heading = _NUMPY_HEADING.match(lines[i])
    if not heading or i + 1 >= len(lines) or not _DASHES.match(lines[i + 1]):
        return None
    word = _SECTIONS[heading.group(2).lower()]
    first = next((line for line in lines[i + 2:] if line.strip()), "")
    indent = max(len(heading.group(1)), _indent(first))  # entries at the title's indent, or deeper below it
    rendered, k = [], i + 2
    while k < len(lines):
        line = lines[k]
        if not line.strip():
            k += 1
            continue
        if _indent(line) < indent or (k + 1 < len(lines) and _DASHES.match(lines[k + 1])):
            break  # the docstring goes on, or the next section starts
        match = _NUMPY_ENTRY.match(line.strip()) if _indent(line) == indent else None
        if not match:
            break
        block, k = _block(lines, k + 1, indent)
        text = " ".join(part.strip() for part in block)
        if word is None:  # "int" over "The number of rows.", or "rows : int"
            kind = f"{match.group(1)} ({match.group(2).strip()})" if match.group(2) else match.group(1)
            rendered.append(f"{_returns_word(heading.group(2))} {_said(f'{kind}: {text}' if text else kind)}")
        else:
            rendered.append(_sentence(word, match.group(1), match.group(2), text))
    return (rendered, k) if rendered else None


def _fields(lines, i):
    """The run of reST fields from line i, as sentences: a ":type x:" joins its ":param x:", an
    ":rtype:" its ":returns:"."""
    if not _FIELD.match(lines[i]):
        return None
    fields, k = [], i  # [field, argument, text]
    while k < len(lines) and lines[k].strip():
        field = _FIELD.match(lines[k])
        if field:
            fields.append([field.group(2).lower(), field.group(3).strip(), field.group(4).strip()])
        elif _indent(lines[k]) > _indent(lines[i]) and fields:
            fields[-1][2] = f"{fields[-1][2]} {lines[k].strip()}".strip()
        else:
            break
        k += 1
    types = {argument: text for field, argument, text in fields if field in ("type", "rtype", "ytype")}
    described = {argument.split()[-1] for field, argument, text in fields
                 if field not in ("type", "rtype", "ytype") and argument.split()}
    rendered = []
    for field, argument, text in fields:
        if field in ("type", "rtype", "ytype"):
            if (field, argument) in (("rtype", ""), ("ytype", "")) and not any(
                    f in ("returns", "return", "yields", "yield") for f, _, _ in fields):
                rendered.append(f"{'Returns' if field == 'rtype' else 'Yields'} {_said(text)}")
            elif field == "type" and argument not in described:  # a type with no ":param:" of its own
                rendered.append(_sentence("Parameter", argument, text, ""))
            continue
        word = _FIELD_WORDS[field]
        if word in ("Returns", "Yields"):
            kind = types.get("")
            rendered.append(f"{word} {_said(f'{kind}: {text}' if kind else _lowered(text))}")
            continue
        parts = argument.split()  # ":param int retries:" names its type first
        name = parts[-1] if parts else ""
        kind = (types.get(name) or " ".join(parts[:-1])) if word in ("Parameter", "Attribute") else None  # (":type:"
        # says all a type's lines, ":param int x:" its first word)
        rendered.append(_sentence(word, name, kind, text) if name else f"{word} {_said(_lowered(text))}")
    return rendered, k


def _sentence(word, name, kind, text):
    """"Parameter url (str): The address." / "Raises ValueError: if …" / "Raises KeyError."."""
    named = f"{word} {name}" + (f" ({kind.strip()})" if kind and kind.strip() else "")
    return f"{named}: {_said(text)}" if text else f"{named}."


def _returns_word(title):
    return "Yields" if title.lower().startswith("yield") else "Returns"


def _lowered(text):
    """"The page body" as "the page body" after "Returns"; a name or acronym ("HTTP…") kept."""
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


def _said(text):
    """`text` as a sentence: with a full stop at its end."""
    text = text.strip()
    return text if not text or text[-1] in ".!?:" else f"{text}."
