"""The fuzz suite (tests/fuzz_cli.py) under a memory cap, plus property tests of the parsers
that every hostile file goes through first."""
import json
import os
import re
import resource
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_retrieval import _biff8, _compound_file, _ppt97, _word97

from neuraflux.core.errors import NeuraFluxError
from neuraflux.core.safetensors import parse_header
from neuraflux.core.tokenizers import tokenizer_from_dict

HERE = os.path.dirname(os.path.abspath(__file__))
MEMORY_CAP = 3 * 1024 ** 3  # the whole suite runs in one lite process; a blow-up meets this cap


def _cap_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.mark.slow
def test_fuzz_suite_has_no_bad_outcome(tmp_path):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([sys.executable, os.path.join(HERE, "fuzz_cli.py"), str(tmp_path)], capture_output=True,
                          text=True, timeout=900, preexec_fn=_cap_memory, env=env)
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert rows and "totals" in rows[-1], proc.stdout[-2000:] + proc.stderr[-2000:]
    totals = rows[-1]["totals"]
    bad = [r for r in rows[:-1] if r["outcome"] == "bad"]
    print(f"fuzz totals: {totals}")
    assert totals["cases"] >= 150 and totals["clean_error"] > 0 and totals["correct"] > 0
    assert not bad, "\n".join(f"{r['case']}: {r['why']}" for r in bad)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2 ** 70, 2 ** 70) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.dictionaries(st.text(max_size=12), json_values, max_size=5), size=st.integers(0, 4096))
def test_any_safetensors_header_is_accepted_or_a_clean_error(header, size):
    try:
        entries, metadata = parse_header(json.dumps(header).encode(), size)
    except NeuraFluxError:
        return
    assert sum(end - begin for _, _, _, begin, end in entries) == size


@settings(max_examples=200, deadline=None)
@given(blob=st.binary(max_size=64))
def test_any_header_bytes_are_accepted_or_a_clean_error(blob):
    try:
        parse_header(blob, 0)
    except NeuraFluxError:
        pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(["bpe", "word"]), fields=st.dictionaries(
    st.sampled_from(["merges", "special_tokens", "pattern", "vocab", "lowercase"]), json_values, max_size=5))
def test_any_tokenizer_dict_loads_or_is_a_clean_error(kind, fields):
    data = {"format": "neuraflux-tokenizer", "version": 1, "kind": kind, **fields}
    try:
        tokenizer = tokenizer_from_dict(data)
    except NeuraFluxError:
        return
    ids = tokenizer.encode("hello world")
    assert all(0 <= i < tokenizer.vocab_size for i in ids)



_HTML_PIECES = st.sampled_from(["<p>", "</p>", "<li>", "<ul>", "</ul>", "<table>", "<tr>", "<td>", "</td>", "</table>",
                                "<pre>", "</pre>", "<dd>", "</dd>", "<dt>", "<br>", "<!--", "-->", "<", ">", "&amp;",
                                "<h2>", "</h2>", "<b>", "</b>", "<script>", "</script>", "word", " ", "\n", "|", "\x00"])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_HTML_PIECES | st.text(max_size=6), max_size=60))
def test_any_html_reads_as_text_that_splits_into_units(pieces):
    from neuraflux.core.htmltext import html_to_text
    from neuraflux.core.sentences import split_units

    text, title = html_to_text("".join(pieces))
    assert isinstance(text, str) and (title is None or isinstance(title, str))
    for unit in split_units(text):
        assert 0 <= unit.start <= unit.end <= len(text)


_MARKUP_LINES = st.sampled_from(["```", "```py", "~~~", "| a | b |", "|---|:-:|", "a | b", "=====  ====", "====", "-----",
                                 ".. note::", ".. code-block:: sh", ".. warning:: Careful.", ": a definition",
                                 ".. csv-table:: t", '   :header: "a", "b"', '   "x, y", "z (1)"', "1. Note.",
                                 "Title", "......", "It ends.[2] Next[a] one.[citation needed]", "```text",
                                 "usage: tool [-h] file", "  -q, --quiet    say less",
                                 "**Term**", "# Heading", "   indented line.", "* item.", "1. step", ">>> x = 1",
                                 "x ::= y", "+---+---+", "Text. More text.", "Ends with:", "", "  "])


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_MARKUP_LINES | st.text(max_size=8), max_size=40))
def test_any_mix_of_markup_splits_into_ordered_units_within_the_text(lines):
    from neuraflux.core.sentences import split_units

    text = "\n".join(lines)
    previous_start = 0
    for unit in split_units(text):
        assert previous_start <= unit.start <= unit.end <= len(text), unit  # in reading order, within the text
        previous_start = unit.start


@settings(max_examples=200, deadline=None)
@given(blob=st.binary(max_size=200), xml=st.text(max_size=80))
def test_any_docx_bytes_read_or_fail_cleanly(blob, xml):
    import io
    import zipfile

    from neuraflux.core.docxtext import docx_to_text

    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("word/document.xml", xml)
    for source in (io.BytesIO(blob), io.BytesIO(packed.getvalue())):
        try:
            text, title = docx_to_text(source)
        except NeuraFluxError:
            continue
        assert isinstance(text, str)


# skeletons of the office and e-book archives, each of whose parts a fuzzed one replaces in turn
_ARCHIVE_SKELETON = {
    "META-INF/container.xml": '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
                              '<rootfile full-path="OEBPS/content.opf"/></rootfiles></container>',
    "OEBPS/content.opf": '<package xmlns="http://www.idpf.org/2007/opf"><manifest><item id="c" href="c1.xhtml" '
                         'media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/></spine></package>',
    "OEBPS/c1.xhtml": "<html><body><p>Hi.</p></body></html>",
    "content.xml": '<o:document-content xmlns:o="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><o:body><o:text/>'
                   "</o:body></o:document-content>",
    "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
                       'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" r:id="r1"/></sheets>'
                       "</workbook>",
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                  '<Relationship Id="r1" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                                '<row><c r="A1" s="0"><v>1</v></c></row></sheetData></worksheet>',
    "xl/styles.xml": '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="14"/>'
                     "</cellXfs></styleSheet>",
    "ppt/presentation.xml": '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:r='
                            '"http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:sldIdLst><p:sldId '
                            'r:id="r1"/></p:sldIdLst></p:presentation>',
    "ppt/_rels/presentation.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                       '<Relationship Id="r1" Target="slides/slide1.xml"/></Relationships>',
    "ppt/slides/slide1.xml": '<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree/>'
                             "</p:cSld></p:sld>",
}


@settings(max_examples=200, deadline=None)
@given(blob=st.binary(max_size=200), xml=st.text(max_size=80) | st.sampled_from(
    ['<c r="ZZZZ9" t="s"><v>99</v></c>', '<v>1e400</v>', '<xf numFmtId="x"/>', '<numFmt numFmtId="9" formatCode="[$"/>']),
    part=st.sampled_from(sorted(_ARCHIVE_SKELETON)))
def test_any_office_or_epub_bytes_read_or_fail_cleanly(blob, xml, part):
    import io
    import zipfile

    from neuraflux.core.epubtext import epub_to_text
    from neuraflux.core.odttext import odt_to_text
    from neuraflux.core.pptxtext import pptx_to_text
    from neuraflux.core.xlsxtext import xlsx_to_text

    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        for name, skeleton in _ARCHIVE_SKELETON.items():
            archive.writestr(name, xml if name == part else skeleton)
    for reader in (odt_to_text, epub_to_text, xlsx_to_text, pptx_to_text):
        for source in (io.BytesIO(blob), io.BytesIO(packed.getvalue())):
            try:
                text, title = reader(source)
            except NeuraFluxError:
                continue
            assert isinstance(text, str)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.sampled_from(["From: Ana <a@b.c>", "Subject: =?utf-8?q?caf=C3=A9?=", "Date: 32 Foo 99",
                                       "Content-Type: multipart/mixed; boundary=x", "--x", "--x--", "Content-Type: text/html",
                                       "Content-Transfer-Encoding: base64", "Content-Type: text/plain; charset=nope", "<html><title>T</title>",
                                       "> quoted", "-- ", "", "On Mon wrote:"]) | st.text(max_size=20), max_size=25))
def test_any_email_bytes_read_or_fail_cleanly(lines):
    from neuraflux.core.emailtext import eml_to_text, mhtml_to_text

    for reader in (eml_to_text, mhtml_to_text):  # an e-mail; a web page saved as one file
        try:
            text, title = reader("\n".join(lines).encode("utf-8", "surrogatepass"))
        except NeuraFluxError:
            continue
        assert isinstance(text, str) and (title is None or isinstance(title, str))


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.sampled_from(["From a@b Mon Jan  1 00:00:00 2026", "From: Ana <a@b.c>", "Subject: Hi", "",
                                       ">From here", "From the start", "body text", "\r"]) | st.text(max_size=12), max_size=30))
def test_any_mailbox_reads_message_by_message_or_fails_cleanly(lines):
    import tempfile

    from neuraflux.core.emailtext import mailbox_messages

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "box.mbox")
        with open(path, "wb") as handle:
            handle.write("\n".join(lines).encode("utf-8", "surrogatepass"))
        try:
            numbers = [number for number, text, title in mailbox_messages(path, on_skip=lambda message: None)]
        except NeuraFluxError:
            return
        assert numbers == sorted(set(numbers)) and all(n >= 1 for n in numbers)


_RTF_PIECES = st.sampled_from([b"{", b"}", b"\\par ", b"\\pard", b"\\s1 ", b"\\intbl ", b"\\cell ", b"\\row ", b"\\u8212",
                                b"\\u-3913", b"\\uc2", b"\\'e9", b"\\'", b"\\*", b"\\listtext ", b"\\ls1", b"{\\stylesheet",
                                b"{\\s1 heading 1;}", b"{\\info{\\title T}}", b"\\ansicpg932", b"\\ansicpg99999", b"text",
                                b"\\\n", b"\\~", b"\\", b" ", b"\\fldrslt"])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_RTF_PIECES | st.binary(max_size=6), max_size=60))
def test_any_rich_text_reads_or_fails_cleanly(pieces):
    from neuraflux.core.rtftext import rtf_to_text

    try:
        text, title = rtf_to_text(b"{\\rtf1 " + b"".join(pieces))
    except NeuraFluxError:
        return
    assert isinstance(text, str) and (title is None or isinstance(title, str))


_LATEX_PIECES = st.sampled_from(["\\", "{", "}", "[", "]", "$", "$$", "&", "\\\\", "%", "\n", "\n\n", " ", "word", "\\item",
                                 "\\begin{itemize}", "\\end{itemize}", "\\begin{tabular}{ll}", "\\end{tabular}", "\\section",
                                 "\\textbf", "\\verb|", "|", "\\'", "\\^", "\\begin{verbatim}", "\\end{verbatim}", "\\def",
                                 "\\frac", "\\(", "\\)", "\\[", "\\]", "\\footnote", "\\multicolumn{2}{l}", "\\caption",
                                 "\\begin{figure}", "\\end{figure}", "\\begin{document}", "\\title", "\\author", "\\and",
                                 "\\endfirsthead", "\\endhead", "\\begin{minipage}", "\\item[", "``", "--", "~"])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_LATEX_PIECES | st.text(max_size=6), max_size=60))
def test_any_latex_reads_or_fails_cleanly(pieces):
    from neuraflux.core.latextext import latex_to_text

    try:
        text, title = latex_to_text("".join(pieces))
    except NeuraFluxError:
        return
    assert isinstance(text, str) and (title is None or isinstance(title, str))


_CUE_PIECES = st.sampled_from([b"WEBVTT", b"\n", b"\n\n", b"00:00:01.000 --> 00:00:02.000", b"00:01.000 --> 00:02.500", b"1",
                               b"<v Ann Lee>", b"</v>", b"Ann: ", b"Bo Chan: ", b"hello.", b"NOTE", b"STYLE", b" ", b"<c>",
                               b"[x]", b"(y)", b"- ", b"&amp;", b"{\\an8}", b"00:00:01,000 --> 00:00:02,000", b"\r\n",
                               b"\xff\xfe", b"\xef\xbb\xbf"])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_CUE_PIECES | st.binary(max_size=6), max_size=60))
def test_any_transcript_reads_or_fails_cleanly(pieces):
    from neuraflux.core.transcripttext import _TIMING, transcript_to_text

    try:
        text, title = transcript_to_text(b"".join(pieces))
    except NeuraFluxError:
        return
    assert isinstance(text, str) and not any(_TIMING.match(line) for line in text.split("\n"))  # no timings read as text


_CODE_PIECES = st.sampled_from(["//", "/*", "*/", "/**", " * ", "#", "--", "--[[", "]]", "\"", "'", "`", "\\", "\n",
                                "\n\n", " ", "{", "}", "(", ")", "=", "=>", ";", "const X = 1", "function f(", "@param x y",
                                "@returns z", "#!/bin/sh", "$#", "eslint-disable", "@Override", "#[derive(Debug)]", "word"])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_CODE_PIECES | st.text(max_size=6), max_size=60),
       suffix=st.sampled_from([".ts", ".go", ".sh", ".sql", ".lua", ".php", ".rs"]))
def test_any_source_file_reads_as_text(pieces, suffix):
    from neuraflux.core.codetext import code_text

    assert isinstance(code_text("".join(pieces), suffix), str)  # a source file never fails to read


_DOCSTRING_LINES = st.sampled_from(["Args:", "Returns:", "Raises:", "Attributes:", "Parameters", "Returns", "Examples",
                                    "----------", "---", "    x (int): the x.", "    *args: more", "        going on.",
                                    "x : int", "    Its text.", ":param x: y", ":param int x:", ":type x: int", ":rtype:",
                                    ":returns: it", ":raises KeyError: if", "    ValueError: if so", "", "    ", ">>> f()",
                                    "Prose line.", "name: value"])


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_DOCSTRING_LINES | st.text(max_size=8), max_size=40))
def test_any_docstring_reads_with_every_word_of_its_prose_kept(lines):
    from neuraflux.core.docstrings import sentences_of_sections

    doc = "\n".join(lines)
    out = sentences_of_sections(doc)  # never fails, and loses no word a section's entry does not hold
    assert isinstance(out, str)
    words = lambda text: set(re.findall(r"[A-Za-z]{4,}", text))
    assert words(doc) - words(out) <= {"Args", "Attributes", "Parameters", "Returns", "Raises", "param", "type",
                                       "rtype", "returns", "raises"}


_CONTENT_LINES = st.sampled_from(["BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "BEGIN:VTODO", "END:VTODO",
                                  "BEGIN:VCARD", "END:VCARD", "DTSTART:20270105T083000Z", "DTSTART;VALUE=DATE:20270601",
                                  "DTSTART;TZID=\"A:B\":2027", "DTEND:1", "DURATION:PT30M", "DURATION:PX",
                                  "DURATION:P99999999W", "DTSTART:99991231T235959", "RRULE:FREQ=WEEKLY;BYDAY=-1MO",
                                  "RRULE:FREQ=X;UNTIL=9", "SUMMARY:x", "STATUS:CANCELLED", "ORGANIZER;CN=A:mailto:a@b", "DUE:2",
                                  "FN:Ann", "N:;;;;", "TEL;CELL:1", "ADR:;;;;", "BDAY:--13", "BDAY:--0230", "ORG:;",
                                  "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=nope:=C3", " folded", "\\n", ":", ";", "="])


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_CONTENT_LINES | st.text(max_size=8), max_size=40), kind=st.sampled_from(["calendar", "contacts"]))
def test_any_calendar_or_contact_file_reads_or_fails_cleanly(lines, kind):
    from neuraflux.core.calendartext import calendar_to_text
    from neuraflux.core.contacttext import contacts_to_text

    head = "BEGIN:VCALENDAR" if kind == "calendar" else "BEGIN:VCARD"
    try:
        text, title = (calendar_to_text if kind == "calendar" else contacts_to_text)("\r\n".join([head, *lines]))
    except NeuraFluxError:
        return
    assert isinstance(text, str)


def _reads_damaged_or_fails_cleanly(read, data, flips, cut=None):
    """`read` (an Office 97–2003 reader) of `data` with each (place, byte) of `flips` written over
    it, cut to its first `cut` bytes: text, or a NeuraFluxError."""
    for at, value in flips:
        data[at % len(data)] = value
    try:
        text, title = read(bytes(data[:cut]))
    except NeuraFluxError:
        return
    assert isinstance(text, str)


@settings(max_examples=300, deadline=None)
@given(flips=st.lists(st.tuples(st.integers(0, 26000), st.integers(0, 255)), min_size=1, max_size=12),
       cut=st.integers(0, 26000))
def test_any_damaged_word_97_document_reads_or_fails_cleanly(flips, cut):
    from neuraflux.core.doctext import doc_to_text

    data = bytearray(_word97([("Title\rDay\x07Hours\x07\x07", False), ("\x13 PAGE \x141\x15 text\rItem\r", True)],
                             "\x02 note\r", styles={0: (1, 0), 2: (0, 1)}))
    _reads_damaged_or_fails_cleanly(doc_to_text, data, flips, cut=max(cut, 512))


@settings(max_examples=200, deadline=None)
@given(flips=st.lists(st.tuples(st.integers(0, 40000), st.integers(0, 255)), min_size=1, max_size=12))
def test_any_damaged_outlook_message_reads_or_fails_cleanly(flips):
    from neuraflux.core.msgtext import msg_to_text

    data = bytearray(_compound_file({"__substg1.0_0037001F": "Hi".encode("utf-16-le"), "__substg1.0_1000001E": b"Body",
                                     "__properties_version1.0": b"\0" * 32 + bytes(range(16)),
                                     "__attach_version1.0_#00000000": {"__substg1.0_3704001F": "a.txt".encode("utf-16-le")}}))
    _reads_damaged_or_fails_cleanly(msg_to_text, data, flips)


@settings(max_examples=200, deadline=None)
@given(flips=st.lists(st.tuples(st.integers(0, 30000), st.integers(0, 255)), min_size=1, max_size=12))
@example(flips=[(6783, 0)])  # a string table's CONTINUE record cut to nothing
def test_any_damaged_excel_97_workbook_reads_or_fails_cleanly(flips):
    import struct

    from neuraflux.core.xlstext import xls_to_text

    cells = [struct.pack("<HHHHHI", 0x00FD, 10, 0, 0, 0, 1), struct.pack("<HHHHHd", 0x0203, 14, 1, 1, 1, 2.5),
             struct.pack("<HHHHHIHIH", 0x00BD, 18, 2, 0, 0, 6, 1, 10, 1)]
    data = bytearray(_biff8([("Sheet1", False, cells)], ["Name", "Price list"], [(164, "0.00%")], (0, 164)))
    _reads_damaged_or_fails_cleanly(xls_to_text, data, flips)


@settings(max_examples=200, deadline=None)
@given(flips=st.lists(st.tuples(st.integers(0, 30000), st.integers(0, 255)), min_size=1, max_size=12))
def test_any_damaged_powerpoint_97_deck_reads_or_fails_cleanly(flips):
    from neuraflux.core.ppttext import ppt_to_text

    data = bytearray(_ppt97([("Title", "Point\rPoint", "Box", "Footer", "Notes")]))
    _reads_damaged_or_fails_cleanly(ppt_to_text, data, flips)


_JSON_VALUES = st.recursive(st.none() | st.booleans() | st.floats(allow_nan=False) | st.text(max_size=8),
                            lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner, max_size=5),
                            max_leaves=40)


@settings(max_examples=300, deadline=None)
@given(value=_JSON_VALUES, noise=st.text(max_size=4))
def test_any_json_reads_as_text_and_broken_json_fails_cleanly(value, noise):
    from neuraflux.core.jsontext import json_text

    assert isinstance(json_text(json.dumps(value)), str)
    try:
        json_text(json.dumps(value) + noise)
    except NeuraFluxError:
        pass


_PDF_PIECES = st.sampled_from([b"1 0 obj", b"endobj", b"<<", b">>", b"[", b"]", b"/Type /Page", b"/Contents 2 0 R",
                               b"/Kids [1 0 R]", b"stream\n", b"endstream", b"BT", b"ET", b"(text) Tj", b"<0041> Tj",
                               b"/Filter /FlateDecode", b"/ToUnicode 3 0 R", b"beginbfrange", b"(", b")", b"\\", b" ",
                               b"\n", b"R", b"-12.5", b"%"])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_PDF_PIECES | st.binary(max_size=6), max_size=60))
def test_any_pdf_bytes_read_or_fail_cleanly(pieces):
    from neuraflux.core.pdftext import pdf_to_text

    try:
        text, title = pdf_to_text(b"%PDF-1.4\n" + b" ".join(pieces))
    except NeuraFluxError:
        return
    assert isinstance(text, str) and (title is None or isinstance(title, str))


_TYPED = st.sampled_from(["Hi! ", "hello there, ", "Quick question: ", "Can you tell me ", "thanks", "please ",
                          "What is ", "What's ", "doesn't ", "I am new. ", "? ", "!", ".", " in Python", "Which port "])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_TYPED | st.text(max_size=10), max_size=30))
def test_what_a_user_types_reads_as_a_question_from_its_own_words(pieces):
    from neuraflux.core.question_text import expanded, plain_question

    text = "".join(pieces)
    question = plain_question(text)
    assert isinstance(question, str) and (bool(question.strip()) or not text.strip())
    # words of the lower-cased texts: "İ".lower() is two code points, "ß".upper() is "SS"
    own = set(re.findall(r"\w+", (text + " " + expanded(text)).lower())) | {"what", "is"}
    assert set(re.findall(r"\w+", question.lower())) <= own
