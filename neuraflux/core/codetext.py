"""Source files in languages other than Python as what their comments say, laid out as reference
docs are: a documented function's or type's first line ("export async function fetchUser(id:
string)", "func (s *Server) Start(ctx context.Context) error") with its doc comment indented under
it; a documented constant or setting, and a comment at the end of a line of code, as "what it says:
the code" ("How long to wait, in seconds: const TIMEOUT = 30"), so that its value answers with its
description, as the Python reader writes constants; other comments as paragraphs. Code without
comments is left out, as are shebangs, editor and linter directives ("eslint-disable",
"@ts-ignore", "nolint") and lines of decoration ("/*******").

JSDoc, Javadoc and KDoc tags read as sentences ("@param retries how many times" → "Parameter
retries: how many times."; "@returns" → "Returns …"; "@default 30" → "Default: 30."). Strings are
skipped while comments are looked for, so "//" inside a URL string is not a comment; in shell, Ruby
and R a "#" starts a comment only at the start of a word ("$#", "${#list}" are not comments).

    >>> code_text('// How long to wait, in seconds.\\nexport const TIMEOUT = 30;\\n', ".ts")
    'How long to wait, in seconds: export const TIMEOUT = 30'
"""
import re

# suffix -> (line comment markers, block comment (open, close) pairs, string quotes)
_C = (("//",), (("/*", "*/"),), "\"'`")
LANGUAGES = {**{s: _C for s in (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".go", ".rs", ".java", ".kt", ".kts",
                                ".swift", ".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".cs", ".scala", ".dart", ".groovy")},
             ".php": (("//", "#"), (("/*", "*/"),), "\"'"),
             **{s: (("#",), (), "\"'") for s in (".rb", ".sh", ".bash", ".zsh", ".r")},
             ".sql": (("--",), (("/*", "*/"),), "'\""),
             ".lua": (("--",), (("--[[", "]]"),), "\"'")}
SUFFIXES = tuple(LANGUAGES)
MAX_SIGNATURE_LINES = 4
MAX_SIGNATURE_CHARS = 200
_DIRECTIVE = re.compile(r"^\s*(?:eslint[-\s]|@ts-|prettier-ignore|istanbul\s|jshint|global\s|nolint|#nosec|"
                        r"noinspection|NOLINT|clang-format|swiftlint:|rubocop:|shellcheck\s|@flow|@jsx|"
                        r"<reference\s|region\b|endregion\b|#region|#endregion|-\*-)", re.I)
_DECORATION = re.compile(r"^[\s*=#/\-~+_]*$")
_TAG = re.compile(r"^@(\w+)\s*(?:\{[^}]*\}\s*)?(.*)$")  # "@param {string} name the name"
_TAG_WORDS = {"returns": "Returns", "return": "Returns", "throws": "Throws", "throw": "Throws", "exception": "Throws",
              "deprecated": "Deprecated:", "default": "Default:", "defaultvalue": "Default:", "since": "Since",
              "see": "See", "note": "Note:", "example": "Example:", "author": "Author:", "version": "Version",
              "type": "Type:", "todo": "To do:"}
_SKIPPED_TAGS = frozenset({"internal", "private", "public", "protected", "override", "inheritdoc", "module",
                           "file", "fileoverview", "license", "copyright", "typedef", "callback", "template",
                           "async", "function", "method", "class", "memberof", "static", "readonly", "ignore",
                           "suppress", "suppresswarnings", "nullable", "nonnull"})
# a line that declares something a comment above it may document (not "set -e", "return x")
_DECLARES = re.compile(r"\b(?:function|func|fn|def|class|struct|interface|enum|type|typedef|const|let|var|val|public|"
                       r"private|protected|internal|static|export|module|namespace|impl|trait|package|object|record|"
                       r"local|create|alter|macro_rules|mod|union|abstract|sealed|data|override|async)\b|[=(]|^\s*#define",
                       re.I)
_VALUE = re.compile(r"[^=!<>]=[^=>]|^#define\s")  # "MAX = 5", "const X: u32 = 5", "#define MAX 5"
_CALLABLE = re.compile(r"\b(?:function|func|fn|def|class|struct|interface|impl|trait|enum)\b|=>|\bCREATE\b", re.I)
_IMPORT = re.compile(r"^\s*(?:import|#\s*include|using|require|use|from\s+\S+\s+import|library\(|source)\b")
# a line between a doc comment and what it documents: an annotation, attribute or decorator
_ANNOTATION = re.compile(r"^\s*(?:@\w[\w.]*(?:\(.*\))?|#\[.*\]|\[\w.*\])\s*$")


def code_text(source, suffix):
    """The comments of a source file in the language its `suffix` names, as text (see the module
    docstring)."""
    from .documents import indented  # (documents imports this module for its suffixes)

    line_markers, blocks, quotes = LANGUAGES[suffix]
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[0].startswith("#!"):  # a shebang
        lines[0] = ""
    comments = _comments(lines, line_markers, blocks, quotes, hash_at_word=line_markers == ("#",))
    parts, used = [], set()
    whole_line_comments = {first for first, _, _, column in comments if not column}
    trailing_columns = {first: column for first, _, _, column in comments if column}
    for index, (first, last, text, trailing) in enumerate(comments):
        if index in used:
            continue
        if trailing:  # "MAX = 5 // the most we take" on one line
            code = " ".join(re.sub(r"\s*\{\s*$", "", lines[first][:trailing].strip()).rstrip(";, ").split())
            words = _comment_words(text)
            if code and words and not _IMPORT.match(code):
                parts.append(f"{words.rstrip('.:')}: {code}")
            continue
        # consecutive whole-line comments make one block
        while index + 1 < len(comments) and comments[index + 1][0] == last + 1 and not comments[index + 1][3] \
                and index + 1 not in used:
            index += 1
            used.add(index)
            last = comments[index][1]
            text += "\n" + comments[index][2]
        words = _comment_words(text)
        if not words:
            continue
        signature, declared = _declaration(lines, last + 1, whole_line_comments, trailing_columns)
        if signature and _VALUE.search(signature) and not _CALLABLE.search(declared):
            # a constant or setting: its description and value as one unit, as the Python reader writes them
            parts.append(f"{' '.join(words.split()).rstrip('.:')}: {signature}")
        else:
            parts.append(f"{signature}\n\n" + indented(words) if signature else words)
    return "\n\n".join(parts)


def _comments(lines, line_markers, blocks, quotes, hash_at_word):
    """[(first line, last line, text without its markers, column of the comment where code comes
    before it on its line or 0), …] in order."""
    found, in_block, block_text, block_start, close = [], False, [], 0, ""
    starts = sorted({*line_markers, *(o for o, _ in blocks)}, key=len, reverse=True)
    interesting = re.compile("|".join([*map(re.escape, starts), f"[{re.escape(quotes)}]"]))
    for number, line in enumerate(lines):
        i, quote = 0, None
        if in_block:
            end = line.find(close)
            if end < 0:
                block_text.append(line)
                continue
            block_text.append(line[:end])
            found.append((block_start, number, "\n".join(block_text), 0))
            in_block, i = False, end + len(close)
        while i < len(line):
            if quote:  # inside a string: to its closing quote, past escaped characters
                end = _string_end(line, i, quote)
                if end < 0:
                    break
                quote, i = None, end + 1
                continue
            found_at = interesting.search(line, i)
            if not found_at:
                break
            i = found_at.start()
            opened = next(((o, c) for o, c in blocks if line.startswith(o, i)), None)
            marker = next((m for m in line_markers if line.startswith(m, i)), None)
            if opened and not (marker and len(marker) > len(opened[0])):
                code_before = line[:i].strip()
                end = line.find(opened[1], i + len(opened[0]))
                if end >= 0:
                    found.append((number, number, line[i + len(opened[0]):end], i if code_before else 0))
                    i = end + len(opened[1])
                    continue
                in_block, block_text, block_start, close = True, [line[i + len(opened[0]):]], number, opened[1]
                break
            if marker and (not hash_at_word or i == 0 or line[i - 1] in " \t"):
                code_before = line[:i].strip()
                found.append((number, number, line[i + len(marker):], i if code_before else 0))
                break
            if line[i] in quotes and (line[i] == "`" or line.find(line[i], i + 1) >= 0):
                quote = line[i]  # (an unclosed ' is an apostrophe or a Rust lifetime, not a string)
            i += 1
    if in_block:
        found.append((block_start, len(lines) - 1, "\n".join(block_text), 0))
    return found


def _string_end(line, i, quote):
    """The index of the quote that closes the string going on at line[i], or -1 on another line."""
    while True:
        end = line.find(quote, i)
        if end < 0:
            return -1
        backslashes = 0
        while end - backslashes - 1 >= 0 and line[end - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return end
        i = end + 1


def _comment_words(text):
    """A comment's text without its markers, decoration, directives or shebang; tags as sentences;
    "" when nothing is left."""
    out, in_example = [], False
    for raw in text.split("\n"):
        line = re.sub(r"^\s*(?:(?:\*+(?!/)|/{1,3}!?|#'|#|!)\s?)?", "", raw).rstrip()
        if _DIRECTIVE.match(line) or (_DECORATION.match(line) and line.strip()):
            continue
        tag = _TAG.match(line.strip())
        if tag:
            name, rest = tag.group(1).lower(), tag.group(2).strip()
            in_example = name == "example"
            if name in _SKIPPED_TAGS:
                continue
            if name in ("param", "arg", "argument", "property", "prop", "field"):
                parameter, _, described = rest.partition(" ")
                line = f"Parameter {parameter.strip('[]').split('=')[0]}: {described.strip().lstrip('-– ').strip()}"
            else:
                line = f"{_TAG_WORDS.get(name, name.capitalize())} {rest}".strip()
            if not in_example and line[-1:] not in ".:!?":
                line += "."
        out.append(line)
    text = "\n".join(out).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) if text.strip() else ""


def _declaration(lines, start, comment_lines, trailing):
    """(signature, its lines as written) of the declaration a doc comment ending just above line
    `start` documents (annotations passed over): its lines joined up to where its body opens (a
    comment at a line's end, `trailing` {line: column}, left out); None when a blank line, another
    comment (`comment_lines`), an import or a statement that declares nothing ("set -e") comes
    first."""
    while start < len(lines) and _ANNOTATION.match(lines[start]) and start not in comment_lines:
        start += 1
    if start >= len(lines) or start in comment_lines or not _DECLARES.search(lines[start]) \
            or _IMPORT.match(lines[start]):
        return None, ""
    taken, depth, declared = [], 0, []
    for number in range(start, min(start + MAX_SIGNATURE_LINES, len(lines))):
        code = lines[number][:trailing.get(number, len(lines[number]))].strip()
        if not code:
            break
        declared.append(code)
        for i, char in enumerate(code):
            depth += (char in "([<") - (char in ")]>" and not code.startswith("=>", i - 1))
            if depth <= 0 and (char == "{" and not _opens_value(code, i) or code.startswith("=>", i) or char == ";"):
                code = code[:i]
                break
        else:
            taken.append(code)
            if depth > 0:
                continue
            break
        taken.append(code)
        break
    text = " ".join(taken)
    signature = " ".join(text.split()).rstrip(";,: =")
    signature = re.sub(r"([(\[]) ", r"\1", re.sub(r",? ([)\]])", r"\1", signature))
    return signature[:MAX_SIGNATURE_CHARS] or None, " ".join(declared)


def _opens_value(code, i):
    """Whether the "{" at code[i] opens a literal value ("= {", "({", ", {") rather than a body."""
    before = code[:i].rstrip()
    return before.endswith(("=", "(", ",", ":", "[")) and not before.endswith("=>")
