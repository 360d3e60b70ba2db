"""Configuration files (.ini .cfg .conf .toml .yaml .yml .properties) as the text a reader takes
from them: each setting with the comments that describe it ("how often a backup is made, in
hours: interval = 6"), its section as a heading ("## schedule"), and the other comments as
paragraphs of their own. Lines are read, not parsed: values stay as written, and a file no parser
would accept still gives its comments and settings.

    >>> print(config_text("[schedule]\\n; hours between backups\\ninterval = 6\\n"), end="")
    ## schedule
    <BLANKLINE>
    hours between backups: interval = 6
"""
import re

SUFFIXES = (".ini", ".cfg", ".conf", ".toml", ".yaml", ".yml", ".properties")

_COMMENT = re.compile(r"^\s*(?:#|;|//)\s?(.*)$")
_SECTION = re.compile(r"^\s*\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(?:[#;].*)?$")  # "[schedule]", "[[servers]]"
# "interval = 6", "port: 8080", "  - name: web", "export PATH=…"; a key of a YAML mapping ends its line with ":"
# (the key starts with no space, so a line of spaces is not tried at every split: linear time)
_SETTING = re.compile(r"^(\s*)(?:-\s+)?(?:export\s+)?([\w.\-\"'$@/](?:[\w.\-\"'$@/ ]*?[\w\"'])?)"
                      r"\s*(=|:(?=\s|$))\s*(.*)$")
_INLINE_COMMENT = re.compile(r"(?<=\s)[#;]\s?(.*)$")  # "port = 8080  # the port": the words after the value
_DECORATION = " -=*#~_"  # "# ---- Database ----"


def config_text(source):
    """The text of a configuration file (see the module docstring)."""
    parts, comments = [], []
    parents = []  # (indent, key) of the YAML mappings the current line is inside
    value_open = False  # the last setting's value goes on over the lines below ("[", "|", "\\")
    # a key whose value may be a YAML list below it: (indent, name, index in parts of its comments, None,
    # or "started" once an item is written)
    list_owner = None

    def take_comments():
        words = " ".join(comments)
        comments.clear()
        return words

    for line in source.splitlines():
        if not line.strip():
            if comments:
                parts.append(take_comments())
            value_open = False
            continue
        if value_open and not _COMMENT.match(line):  # the rest of a value: a list, a YAML block
            parts[-1] += "\n" + line.strip()
            value_open = not _closes(line)
            continue
        comment = _COMMENT.match(line)
        if comment:
            words = comment.group(1).strip(_DECORATION)
            if words:
                comments.append(words)
            continue
        section = _SECTION.match(line)
        found = None if section else _SETTING.match(line)
        if section or (found and found.group(3) == ":" and not found.group(4).split("#")[0].strip()
                       and not found.group(1)):
            parents.clear()
            name = section.group(1) if section else found.group(2).strip("\"'")
            if found:
                parents.append((0, name))
            parts.append(f"## {name}")  # "[schedule]", or YAML's "server:" over its indented keys
            if comments:
                parts.append(take_comments())
            list_owner = (0, name, None) if found else None
            continue
        item = _LIST_ITEM.match(line)
        if found is None and item and list_owner and len(item.group(1)) >= list_owner[0]:
            list_owner = _add_list_item(parts, list_owner, item.group(2))  # "exclude:\n  - zoom.us": "exclude: zoom.us"
            continue
        list_owner = None
        if found is None:  # a line of a format these rules do not know
            parts.append(line.strip())
            continue
        indent, key, separator = len(found.group(1)), found.group(2).strip("\"'"), found.group(3)
        value, inline = _split_inline_comment(found.group(4))
        if separator == ":" and value.startswith("#"):  # "  tls:  # encryption": YAML's comment, no value
            value, inline = "", value[1:].strip()
        while parents and parents[-1][0] >= indent:
            parents.pop()
        if inline:
            comments.append(f"({inline})" if comments else inline)
        if separator == ":" and not value:  # "  tls:" opens a mapping inside the section, or a list
            list_owner = (indent, ".".join([k for i, k in parents if i > 0] + [key]), len(parts) if comments else None)
            parents.append((indent, key))
            if comments:
                parts.append(take_comments())
            continue
        inner = [k for i, k in parents if i > 0]
        name = ".".join(inner + [key])
        code = f"{name} = {value}" if separator == "=" else f"{name}: {value}"
        words = take_comments()
        parts.append(f"{words.rstrip('.:')}: {code.rstrip()}" if words else code.rstrip())
        value_open = (value.endswith(("[", "{", "(", "\\")) or (value.startswith(("[", "{")) and not _closes(value))
                      or (separator == ":" and value in ("|", ">", "|-", ">-", "|+", ">+")))  # a YAML block
    if comments:
        parts.append(take_comments())
    return "\n\n".join(parts) + "\n" if parts else ""


_LIST_ITEM = re.compile(r"^(\s*)-\s+(.*\S)\s*$")  # "  - zoom.us"


def _add_list_item(parts, owner, item):
    """Write a YAML list's item after its key ("traffic to these sites…: exclude: zoom.us,
    teams.microsoft.com"); the owner to give the next item."""
    _, name, comment_at = owner
    if comment_at == "started":
        parts[-1] += f", {item}"
    elif comment_at is not None and comment_at == len(parts) - 1:
        parts[-1] = f"{parts[-1].rstrip('.:')}: {name}: {item}"
    else:
        parts.append(f"{name}: {item}")
    return owner[:2] + ("started",)


def _closes(line):
    """Whether a line of a multi-line value ends it (a closing bracket, no backslash)."""
    text = line.rstrip()
    return text.endswith(("]", "}", ")")) and not text.endswith("\\")


def _split_inline_comment(value):
    """(value, the words of a comment after it); a "#" inside quotes is part of the value."""
    if value[:1] in ("\"", "'"):
        end = value.find(value[0], 1)
        if end > 0:
            rest = _INLINE_COMMENT.search(value, end + 1)
            return (value[:end + 1], rest.group(1).strip()) if rest else (value, "")
    found = _INLINE_COMMENT.search(value)
    if found:
        return value[:found.start()].rstrip(), found.group(1).strip()
    return value, ""
