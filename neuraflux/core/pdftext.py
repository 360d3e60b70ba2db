"""PDF files as text, standard library only (zlib): the text each page shows, in reading order
of its content stream, a line per text line, a blank line where the gap between lines is wider
than a line's (a new paragraph) and between pages, a line set larger than the body text as a
"## " heading and a short line all in bold as a "### " one.

Objects are found by scanning for "N G obj" (so a damaged cross-reference table does not matter)
and inside compressed object streams; pages are taken in the order of the page tree. Strings are
decoded through the font's ToUnicode map when it has one, else its simple encoding (WinAnsi,
MacRoman, Standard, with /Differences read through a small glyph-name table). Text drawn as
images (scans) and encrypted files are not read. Streams unpack to 64 MB at most and the whole
file to 256 MB, and anything the reader cannot parse is a DataError, so a hostile file is
skipped, not followed.
"""
import base64
import re
import zlib

from .errors import DataError

MAX_STREAM_BYTES = 64 * 1024 ** 2
MAX_TOTAL_BYTES = 256 * 1024 ** 2
MAX_DEPTH = 64  # nesting of arrays and dictionaries, and of the page tree
_OBJECT = re.compile(rb"(?<![\d])(\d{1,10})\s+(\d{1,5})\s+obj\b")
_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")  # in a trailer or cross-reference stream
_WHITESPACE = b" \t\r\n\x0c\x00"
_DELIMITERS = b"()<>[]{}/%"
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\x08", ord("f"): b"\x0c",
            ord("("): b"(", ord(")"): b")", ord("\\"): b"\\"}


class Name(str):
    """A PDF name (/Type): a str that knows it was a name."""


class Ref(tuple):
    """An indirect reference "N G R"."""


class Operator(bytes):
    """A content-stream operator (Tj, TJ, Td…)."""


def pdf_to_text(data):
    """(text, title) of the PDF bytes `data`; DataError when they are not a readable PDF."""
    if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise DataError("not a PDF (no %PDF header)")
    if _ENCRYPT.search(data):  # its strings and streams would read as noise
        raise DataError("an encrypted PDF (even with an empty password) is not read; save a decrypted copy")
    try:
        return _Document(data).text()
    except DataError:
        raise
    except (ValueError, IndexError, KeyError, TypeError, zlib.error, RecursionError, OverflowError) as exc:
        raise DataError(f"unreadable PDF ({type(exc).__name__}: {exc})") from None


# -- the object syntax ---------------------------------------------------------------------------
class _Parser:
    """Reads PDF objects (and, for content streams, operators) from `data` starting at `pos`."""

    def __init__(self, data, pos=0):
        self.data, self.pos = data, pos

    def skip_space(self):
        data, n = self.data, len(self.data)
        while self.pos < n:
            c = data[self.pos]
            if c in _WHITESPACE:
                self.pos += 1
            elif c == 0x25:  # % comment to the end of the line
                end = data.find(b"\n", self.pos)
                self.pos = n if end < 0 else end + 1
            else:
                break

    def token(self):
        """The next object or operator, or None at the end; the closers "]" and ">>" as bytes."""
        self.skip_space()
        data, pos = self.data, self.pos
        if pos >= len(data):
            return None
        c = data[pos]
        if c == 0x2F:  # /Name
            end = pos + 1
            while end < len(data) and data[end] not in _WHITESPACE and data[end] not in _DELIMITERS:
                end += 1
            self.pos = end
            return Name(re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]),
                               data[pos + 1:end]).decode("latin-1"))
        if c == 0x28:  # (literal string)
            return self.literal_string()
        if data.startswith(b"<<", pos):
            self.pos += 2
            return b"<<"
        if data.startswith(b">>", pos):
            self.pos += 2
            return b">>"
        if c == 0x3C:  # <hex string>
            end = data.find(b">", pos)
            end = len(data) if end < 0 else end
            self.pos = end + 1
            return _hex_bytes(data[pos + 1:end])
        if c in b"[]{}":
            self.pos += 1
            return bytes([c])
        end = pos
        while end < len(data) and data[end] not in _WHITESPACE and data[end] not in _DELIMITERS:
            end += 1
        end = max(end, pos + 1)
        self.pos = end
        word = data[pos:end]
        if re.fullmatch(rb"[+-]?(?:\d+\.?\d*|\.\d+)", word):
            return float(word) if b"." in word else int(word)
        if word == b"true" or word == b"false":
            return word == b"true"
        if word == b"null":
            return None
        return Operator(word)

    def literal_string(self):
        data, pos, depth, out = self.data, self.pos + 1, 1, bytearray()
        while pos < len(data):
            c = data[pos]
            if c == 0x5C and pos + 1 < len(data):  # backslash
                nxt = data[pos + 1]
                if nxt in _ESCAPES:
                    out += _ESCAPES[nxt]
                    pos += 2
                elif 0x30 <= nxt <= 0x37:  # \ddd octal
                    digits = re.match(rb"[0-7]{1,3}", data[pos + 1:pos + 4]).group(0)
                    out.append(int(digits, 8) & 0xFF)
                    pos += 1 + len(digits)
                elif nxt in b"\r\n":  # a line continuation
                    pos += 3 if data[pos + 1:pos + 3] == b"\r\n" else 2
                else:
                    out.append(nxt)
                    pos += 2
                continue
            if c == 0x28:
                depth += 1
            elif c == 0x29:
                depth -= 1
                if depth == 0:
                    pos += 1
                    break
            out.append(c)
            pos += 1
        self.pos = pos
        return bytes(out)

    def value(self, depth=0):
        """The next complete object: arrays and dictionaries built, "N G R" read as a Ref."""
        if depth > MAX_DEPTH:
            raise DataError("PDF objects nested too deeply")
        item = self.token()
        if item == b"[":
            return self._items(b"]", depth)
        if item == b"<<":
            items = self._items(b">>", depth)
            return {items[i]: items[i + 1] for i in range(0, len(items) - 1, 2) if isinstance(items[i], Name)}
        return item

    def _items(self, closer, depth):
        """The objects up to `closer` ("]" or ">>") or the end of the data, references joined."""
        out = []
        while True:
            save = self.pos
            nxt = self.token()
            if nxt == closer or nxt is None and self.pos >= len(self.data):
                return self._refs(out)
            self.pos = save
            out.append(self.value(depth + 1))

    @staticmethod
    def _refs(items):
        """`items` with each "N G R" triple joined into a Ref."""
        out = []
        for item in items:
            if item == Operator(b"R") and len(out) >= 2 and isinstance(out[-1], int) and isinstance(out[-2], int):
                generation, number = out.pop(), out.pop()
                out.append(Ref((number, generation)))
            else:
                out.append(item)
        return out


# -- the file's objects -------------------------------------------------------------------------
class _Document:
    def __init__(self, data):
        self.data, self.objects, self.unpacked = data, {}, 0
        for match in _OBJECT.finditer(data):
            parser = _Parser(data, match.end())
            try:
                value = parser.value()
            except (DataError, ValueError, IndexError, RecursionError):  # a damaged object: passed over
                continue
            stream = None
            parser.skip_space()
            if isinstance(value, dict) and data.startswith(b"stream", parser.pos):
                start = parser.pos + 6
                start += 2 if data[start:start + 2] == b"\r\n" else 1 if data[start:start + 1] in (b"\n", b"\r") else 0
                length = value.get("Length")
                if isinstance(length, int) and 0 <= length and data[start + length:start + length + 12].lstrip() \
                        .startswith(b"endstream"):
                    stream = data[start:start + length]
                else:  # no /Length, an indirect one, or a wrong one: up to "endstream"
                    end = data.find(b"endstream", start)
                    stream = data[start:len(data) if end < 0 else end].rstrip(b"\r\n")
            self.objects[int(match.group(1))] = (value, stream)
        for number, (value, stream) in list(self.objects.items()):
            if isinstance(value, dict) and value.get("Type") == "ObjStm" and stream is not None:
                self._object_stream(value, stream)

    def _object_stream(self, head, stream):
        data = self.decode(head, stream)
        first, count = self.get(head.get("First")), self.get(head.get("N"))
        if not isinstance(first, int) or not isinstance(count, int):
            return
        parser = _Parser(data)
        pairs = [parser.token() for _ in range(2 * min(count, 100000))]
        for number, offset in zip(pairs[::2], pairs[1::2]):
            if isinstance(number, int) and isinstance(offset, int) and number not in self.objects:
                self.objects[number] = (_Parser(data, first + offset).value(), None)

    def get(self, value, depth=0):
        """`value` with references followed."""
        while isinstance(value, Ref) and depth < MAX_DEPTH:
            value = self.objects.get(value[0], (None, None))[0]
            depth += 1
        return value

    def stream(self, ref):
        value, stream = self.objects.get(ref[0], (None, None)) if isinstance(ref, Ref) else (None, None)
        return self.decode(value, stream) if stream is not None else b""

    def decode(self, head, stream):
        """The stream's data after its filters (Flate, ASCIIHex, ASCII85); b"" for others (images)."""
        filters = self.get(head.get("Filter")) if isinstance(head, dict) else None
        filters = filters if isinstance(filters, list) else [filters] if filters else []
        data = stream
        for name in (self.get(f) for f in filters):
            if name in ("FlateDecode", "Fl"):
                unpack = zlib.decompressobj()
                try:
                    data = unpack.decompress(data, MAX_STREAM_BYTES + 1)
                except zlib.error:  # a damaged stream: read as empty
                    data = b""
                if len(data) > MAX_STREAM_BYTES:
                    raise DataError(f"a PDF stream unpacks to over {MAX_STREAM_BYTES:,} bytes")
            elif name in ("ASCIIHexDecode", "AHx"):
                data = _hex_bytes(data.split(b">")[0])
            elif name in ("ASCII85Decode", "A85"):
                digits = re.sub(rb"[^!-uz]", b"", data.split(b"~>")[0].removeprefix(b"<~"))
                try:
                    data = base64.a85decode(digits)
                except ValueError:  # a damaged stream: read as empty
                    data = b""
            else:
                return b""
        self.unpacked += len(data)
        if self.unpacked > MAX_TOTAL_BYTES:
            raise DataError(f"the PDF unpacks to over {MAX_TOTAL_BYTES:,} bytes")
        return data

    # -- pages ----------------------------------------------------------------------------------
    def pages(self):
        """(page dictionary, inherited resources) in page-tree order; every Page object when the
        tree cannot be followed."""
        catalog = next((v for v, _ in self.objects.values() if isinstance(v, dict) and v.get("Type") == "Catalog"), None)
        out, seen = [], set()

        def walk(node, resources, depth):
            key = id(node)
            if not isinstance(node, dict) or key in seen or depth > MAX_DEPTH:
                return
            seen.add(key)
            resources = self.get(node.get("Resources")) or resources
            if node.get("Type") == "Page" or "Kids" not in node:
                out.append((node, resources))
                return
            for kid in self.get(node.get("Kids")) or []:
                walk(self.get(kid), resources, depth + 1)

        if catalog is not None:
            walk(self.get(catalog.get("Pages")), None, 0)
        if not out:
            out = [(v, self.get(v.get("Resources"))) for _, (v, _) in sorted(self.objects.items())
                   if isinstance(v, dict) and v.get("Type") == "Page"]
        return out

    def text(self):
        pages = []
        for page, resources in self.pages():
            contents = self.get(page.get("Contents"))
            refs = contents if isinstance(contents, list) else [page.get("Contents")]
            data = b"\n".join(self.stream(ref) for ref in refs if isinstance(ref, Ref))
            pages.append(_PageText(self, resources).read(data))
        body = _body_size(line for lines in pages for line in lines)
        parts = []
        for lines in pages:
            out = []
            for line in lines:
                if line is None:
                    out.append("")
                elif (body and line[1] >= 1.15 * body and len(line[0]) <= 100 and not line[0].endswith((".", ","))
                      and re.search(r"[^\W\d_]{2}", line[0])):
                    out += ["", "## " + line[0], ""]  # set larger than the body text: a heading
                elif (body and line[2] and line[1] >= 0.95 * body and len(line[0]) <= 80
                      and not line[0].endswith((".", ",", ":")) and re.search(r"[^\W\d_]{2}", line[0])):
                    out += ["", "### " + line[0], ""]  # a short line all in bold, in the body's size: a subheading
                else:
                    out.append(line[0])
            page = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
            if page:
                parts.append(page)
        text = "\n\n".join(parts)
        return (text + "\n" if text else ""), self.title()

    def title(self):
        for value, _ in self.objects.values():
            if isinstance(value, dict) and "Title" in value and ("Producer" in value or "Creator" in value
                                                                  or "CreationDate" in value):
                title = self.get(value["Title"])
                if isinstance(title, bytes) and title.strip():
                    return _text_string(title).strip() or None
        return None


class _PageText:
    """Runs a page's content stream, collecting the text it shows."""

    def __init__(self, document, resources):
        self.document = document
        self.fonts = self._fonts(resources)
        self.xobjects = document.get(resources.get("XObject")) if isinstance(resources, dict) else None
        self.lines, self.line, self.font, self.bold = [], [], None, False  # bold: every word of the line is
        self.size, self.scale, self.leading = 12.0, 1.0, 0.0  # font size, text matrix's vertical scale, TL
        self.line_y, self.last_y = 0.0, None  # the current line's y; the y of the last line shown

    def _fonts(self, resources):
        fonts = self.document.get(resources.get("Font")) if isinstance(resources, dict) else None
        return {name: _Font(self.document, self.document.get(font))
                for name, font in (fonts.items() if isinstance(fonts, dict) else ())}

    def read(self, data, depth=0):
        parser, operands = _Parser(data), []
        while True:
            item = parser.value()
            if item is None and parser.pos >= len(data):
                break
            if item == b"BI":  # an inline image: its binary data up to "EI" is no text
                end = data.find(b"EI", parser.pos)
                parser.pos = len(data) if end < 0 else end + 2
                operands = []
                continue
            if not isinstance(item, Operator):
                operands.append(item)
                if len(operands) > 10000:
                    operands = operands[-100:]
                continue
            self.operate(bytes(item), operands, depth)
            operands = []
        self.newline()
        return self.lines

    def operate(self, op, operands, depth):
        numbers = [x for x in operands if isinstance(x, (int, float)) and not isinstance(x, bool)]
        if op == b"Tf" and operands:
            self.font = self.fonts.get(operands[0]) if isinstance(operands[0], str) else None
            self.size = abs(numbers[-1]) if numbers and numbers[-1] else self.size
        elif op == b"TL" and numbers:
            self.leading = numbers[-1]
        elif op == b"BT":
            self.line_y, self.scale = 0.0, 1.0
        elif op in (b"Tj", b"'", b'"') and operands and isinstance(operands[-1], bytes):
            if op != b"Tj":
                self.move(self.line_y - self.leading * self.scale)
            self.show(operands[-1])
        elif op == b"TJ" and operands and isinstance(operands[-1], list):
            for part in operands[-1]:
                if isinstance(part, bytes):
                    self.show(part)
                elif isinstance(part, (int, float)) and part < -200 and self.line and not self.line[-1].endswith(" "):
                    self.line.append(" ")  # a wide negative kern: the gap between words
        elif op in (b"Td", b"TD") and len(numbers) >= 2:
            if op == b"TD":
                self.leading = -numbers[1]
            if numbers[1]:
                self.move(self.line_y + numbers[1] * self.scale)
            elif self.line and not self.line[-1].endswith(" "):
                self.line.append(" ")
        elif op == b"T*":
            self.move(self.line_y - self.leading * self.scale)
        elif op == b"ET":
            self.newline()
        elif op == b"Tm" and len(numbers) >= 6:
            self.scale = abs(numbers[3]) or 1.0
            if numbers[5] != self.line_y:
                self.move(numbers[5])
            elif self.line and not self.line[-1].endswith(" "):
                self.line.append(" ")
        elif op == b"Do" and operands and depth < 8 and isinstance(self.xobjects, dict):
            form = self.xobjects.get(operands[0]) if isinstance(operands[0], str) else None
            head = self.document.get(form)
            if isinstance(head, dict) and head.get("Subtype") == "Form" and isinstance(form, Ref):
                inner = _PageText(self.document, self.document.get(head.get("Resources")))
                self.newline()
                self.lines += [line for line in inner.read(self.document.stream(form), depth + 1) if line]

    def move(self, y):
        """Start a new line at `y`."""
        self.newline()
        self.line_y = y

    def show(self, raw):
        text = self.font.decode(raw) if self.font is not None else raw.decode("latin-1")
        if not self.line and text.strip():
            gap = None if self.last_y is None else self.last_y - self.line_y
            if gap is not None and (gap < 0 or gap > 1.6 * self.size * self.scale) and self.lines and self.lines[-1]:
                self.lines.append(None)  # a wider gap than a line's, or a jump up (a new column): a new paragraph
            self.last_y = self.line_y
            self.bold = True
        if text.strip():
            self.bold = self.bold and self.font is not None and self.font.bold
        self.line.append(text)

    def newline(self):
        text = " ".join("".join(self.line).split())
        self.line = []
        if text:
            self.lines.append((text, round(self.size * self.scale, 1), self.bold))


def _body_size(lines):
    """The font size most of the text is set in (weighted by characters), or None."""
    weights = {}
    for line in lines:
        if line is not None:
            weights[line[1]] = weights.get(line[1], 0) + len(line[0])
    return max(weights, key=weights.get) if weights else None


class _Font:
    """How a font's string bytes map to text: its ToUnicode map, else its simple encoding."""

    def __init__(self, document, font):
        font = font if isinstance(font, dict) else {}
        self.width, self.cmap = 1, {}
        to_unicode = font.get("ToUnicode")
        if isinstance(to_unicode, Ref):
            self.cmap, self.width = _read_cmap(document.stream(to_unicode))
        self.two_byte = font.get("Subtype") == "Type0"
        if self.two_byte and not self.cmap:
            self.width = 2
        self.table = _simple_encoding(document, font.get("Encoding"))
        name = document.get(font.get("BaseFont"))
        self.bold = isinstance(name, str) and bool(re.search(r"Bold|Black|Heavy|Semibold", name))

    def decode(self, raw):
        if self.cmap:
            step = self.width
            return "".join(self.cmap.get(raw[i:i + step], "") for i in range(0, len(raw) - step + 1, step))
        if self.two_byte:
            return ""  # glyph ids without a map: nothing readable
        return "".join(self.table[b] for b in raw)


def _read_cmap(data):
    """({code bytes: text}, code length) from a ToUnicode CMap's bfchar and bfrange sections."""
    mapping, width = {}, 1
    ranges = re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", data.split(b"begincodespacerange")[-1][:200])
    if ranges:
        width = max(1, len(ranges[0][0]) // 2)
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[_hex_bytes(code)] = _utf16(_hex_bytes(text))
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, rest in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            first, last = int(low, 16), int(high, 16)
            size = len(_hex_bytes(low))
            if last - first > 65535:
                continue
            if rest.startswith(b"["):
                targets = re.findall(rb"<([0-9A-Fa-f]*)>", rest)
                for offset, target in enumerate(targets[:last - first + 1]):
                    mapping[(first + offset).to_bytes(size, "big")] = _utf16(_hex_bytes(target))
            else:
                base = _hex_bytes(rest[1:-1])
                for offset in range(last - first + 1):
                    value = int.from_bytes(base, "big") + offset if base else 0
                    mapping[(first + offset).to_bytes(size, "big")] = _utf16(value.to_bytes(max(2, len(base)), "big"))
    if mapping:
        width = len(next(iter(mapping)))
    return mapping, width


def _hex_bytes(digits):
    """The bytes hex `digits` spell, anything else in them ignored and an odd last digit read as
    followed by 0 (a PDF hex string, an ASCIIHex stream, a CMap code)."""
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", digits)
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def _utf16(data):
    """A ToUnicode target: UTF-16BE, or one byte read as Latin-1."""
    return data.decode("utf-16-be", "replace") if len(data) >= 2 else data.decode("latin-1")


# A few glyph names of the Adobe glyph list that /Differences arrays use for text.
_GLYPHS = {"space": " ", "exclam": "!", "quotedbl": '"', "numbersign": "#", "dollar": "$", "percent": "%",
           "ampersand": "&", "quotesingle": "'", "quoteright": "’", "quoteleft": "‘", "parenleft": "(",
           "parenright": ")", "asterisk": "*", "plus": "+", "comma": ",", "hyphen": "-", "minus": "−",
           "period": ".", "slash": "/", "colon": ":", "semicolon": ";", "less": "<", "equal": "=",
           "greater": ">", "question": "?", "at": "@", "bracketleft": "[", "backslash": "\\",
           "bracketright": "]", "underscore": "_", "braceleft": "{", "bar": "|", "braceright": "}",
           "asciitilde": "~", "quotedblleft": "“", "quotedblright": "”", "endash": "–", "emdash": "—",
           "bullet": "•", "fi": "fi", "fl": "fl", "ff": "ff", "ffi": "ffi", "ffl": "ffl", "zero": "0", "one": "1",
           "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}


def _simple_encoding(document, encoding):
    """The 256 characters a simple font's codes stand for."""
    encoding = document.get(encoding)
    base = encoding.get("BaseEncoding") if isinstance(encoding, dict) else encoding
    codec = "mac_roman" if base == "MacRomanEncoding" else "cp1252"
    table = [bytes([b]).decode(codec, "replace") for b in range(256)]
    differences = document.get(encoding.get("Differences")) if isinstance(encoding, dict) else None
    code = 0
    for item in differences if isinstance(differences, list) else ():
        if isinstance(item, int):
            code = item
        elif isinstance(item, str) and 0 <= code < 256:
            table[code] = _GLYPHS.get(item, item if len(item) == 1 else _uni_glyph(item))
            code += 1
    return table


def _uni_glyph(name):
    match = re.fullmatch(r"uni([0-9A-Fa-f]{4})|u([0-9A-Fa-f]{4,6})", name)
    return chr(int(match.group(1) or match.group(2), 16)) if match else ""


def _text_string(raw):
    """A PDF text string: UTF-16 with a byte-order mark, else PDFDocEncoding (read as Latin-1)."""
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    return raw.decode("latin-1")
