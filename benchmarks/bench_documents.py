"""Reading one's own documents, as `chat --docs` and `index` do before the first answer: CPU
seconds (best of 3) for neuraflux's standard-library readers of mailboxes, Excel workbooks, Word
documents, PowerPoint decks, rich text, meeting transcripts and LaTeX, side by side with a reference
reading the same files in the same run: for a mailbox, the standard library's own way (mailbox.mbox
and email's default policy, get_body().get_content()); for the others, openpyxl, python-docx,
python-pptx, striprtf, webvtt-py, pylatexenc, Pygments (its lexer's comment tokens), icalendar,
vobject, olefile (a .doc's container only: it reads streams, not Word's text) and xlrd when they
are installed (`pip install openpyxl python-docx python-pptx striprtf webvtt-py pylatexenc pygments
icalendar vobject olefile xlrd`). The files are written here, by the standard
library, at sizes a person has (2,000 e-mails, a 20,000-row sheet, a 60-page report, a 100-slide
deck, a 10 MB rich-text file of which half is a picture, a two-hour meeting's transcript, a
900 KB thesis, a 1.5 MB TypeScript module, ten years of a busy calendar, a phone's 2,000 contacts,
a 200-page Word 97 document, 2,000 Outlook messages, a 20,000-row Excel 97 sheet and a 300-slide
PowerPoint 97 deck written by the test suite's compound-file builders, a JSON export of 3,000
records, a Python module of 2,000 functions with Google-style docstrings; for JSON the reference
is the standard library's parser alone, for Python its parser finding the docstrings).

    python benchmarks/bench_documents.py
"""
import email
import email.policy
import json
import struct
import mailbox
import os
import sys
import tempfile
import zipfile
from email.message import EmailMessage

from common import cpu_time, machine_line, optional, print_table
from neuraflux.core.codetext import code_text
from neuraflux.core.calendartext import calendar_to_text
from neuraflux.core.contacttext import contacts_to_text
from neuraflux.core.doctext import doc_to_text
from neuraflux.core.documents import python_text
from neuraflux.core.docxtext import docx_to_text
from neuraflux.core.emailtext import mailbox_messages
from neuraflux.core.msgtext import msg_to_text
from neuraflux.core.jsontext import json_text
from neuraflux.core.latextext import latex_to_text
from neuraflux.core.ppttext import ppt_to_text
from neuraflux.core.pptxtext import pptx_to_text
from neuraflux.core.rtftext import rtf_to_text
from neuraflux.core.transcripttext import transcript_to_text
from neuraflux.core.xlstext import xls_to_text
from neuraflux.core.xlsxtext import xlsx_to_text

WORDS = "the meeting moves to the third floor on Tuesday and parking permits cost forty five pounds a month".split()


def sentence(n, length=14):
    return " ".join(WORDS[(n * 7 + i) % len(WORDS)] for i in range(length)).capitalize() + "."


def write_mailbox(path, count):
    box = mailbox.mbox(path)
    for n in range(count):
        message = EmailMessage()
        message["From"], message["To"] = f"Person {n % 40} <p{n % 40}@example.org>", "team@example.org"
        message["Subject"], message["Date"] = f"Update {n}: {sentence(n, 5)}", "Mon, 9 Nov 2026 09:14:00 +0000"
        message.set_content("\n\n".join(sentence(n + i) for i in range(6)))
        message.add_alternative("<p>" + "</p><p>".join(sentence(n + i) for i in range(6)) + "</p>", subtype="html")
        box.add(message)
    box.flush()
    box.close()


def write_xlsx(path, rows):
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    cells = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr"><is><t>{sentence(r, 4)}</t></is></c>'
                    f'<c r="C{r}"><v>{r * 1.5}</v></c></row>' for r in range(1, rows + 1))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType='
                         '"application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" '
                         'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.spreadsheetml.worksheet+xml"/></Types>')
        archive.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                         'officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="http://schemas.openxmlformats.org/'
                         'officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets>'
                         "</workbook>")
        archive.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                         '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                         'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}"><sheetData>{cells}</sheetData></worksheet>')


def write_docx(path, paragraphs):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{sentence(n)} {sentence(n + 1)}</w:t></w:r></w:p>" for n in range(paragraphs))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType='
                         '"application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" '
                         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                         "</Types>")
        archive.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                         'officeDocument" Target="word/document.xml"/></Relationships>')
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')


def write_transcript(path, cues):
    """A meeting's WebVTT transcript as Teams writes it: a voice tag a cue, three speakers."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("WEBVTT\n\n")
        for n in range(cues):
            start = n * 3
            handle.write(f"{n}-0\n00:{start // 60 % 60:02d}:{start % 60:02d}.000 --> 00:{(start + 2) // 60 % 60:02d}:"
                         f"{(start + 2) % 60:02d}.500\n<v Person {n % 3}>{sentence(n, 9)}</v>\n\n")


def thesis(sections):
    """LaTeX of a thesis: sections of paragraphs with emphasis, citations and math, lists, tables."""
    parts = ["\\documentclass{report}\n\\title{A Thesis}\n\\author{A. Student}\n\\begin{document}\n\\maketitle\n"]
    for n in range(sections):
        parts.append(f"\\section{{Part {n}}}\\label{{sec:{n}}}\n{sentence(n)} With \\emph{{{sentence(n + 1, 3)}}} and "
                     f"$x_{{{n}}} = \\alpha^2$~\\cite{{k{n}}}.\n{sentence(n + 2)}\n\n\\begin{{itemize}}\n"
                     f"  \\item {sentence(n + 3, 6)}\n  \\item {sentence(n + 4, 6)}\n\\end{{itemize}}\n"
                     f"\\begin{{tabular}}{{lr}}\n\\hline\nItem & Cost \\\\\n{sentence(n, 2)} & {n} \\\\\n\\end{{tabular}}\n\n")
    return "".join(parts) + "\\end{document}\n"


def typescript(functions):
    """A TypeScript module: JSDoc'd functions, constants with comments at their lines' ends, strings
    holding "//"."""
    return "".join(f"/**\n * {sentence(n)}\n * @param x {sentence(n + 1, 5)}\n * @returns {sentence(n + 2, 4)}\n */\n"
                   f"export function step{n}(x: number): number {{\n  const url = \"https://x.example/{n}\"; "
                   f"// {sentence(n + 3, 6)}\n  return x * {n};\n}}\n\n" for n in range(functions))


def calendar(events):
    """An iCalendar export: timed events with a location and a folded description, some repeating."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "X-WR-CALNAME:Work"]
    for n in range(events):
        day = f"20{17 + n // 2000:02d}{1 + n // 170 % 12:02d}{1 + n % 28:02d}"
        lines += ["BEGIN:VEVENT", f"UID:{n}@bench", f"DTSTART;TZID=Europe/London:{day}T{9 + n % 8:02d}0000",
                  f"DTEND;TZID=Europe/London:{day}T{10 + n % 8:02d}3000", f"SUMMARY:{sentence(n, 4)}",
                  f"LOCATION:Room {n % 40}\\, Canal Wharf", f"DESCRIPTION:{sentence(n + 1)}\\n{sentence(n + 2)[:40]}",
                  f" {sentence(n + 2)[40:]}", *(["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10"] if n % 10 == 0 else []), "END:VEVENT"]
    return "\r\n".join(lines + ["END:VCALENDAR", ""])


def contacts(count):
    """A phone's vCard 3.0 export: names, an organisation and title, two numbers, an email, an address."""
    return "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person{n};Alex;;;\r\nFN:Alex Person{n}\r\nORG:Firm {n % 50};\r\n"
                   f"TITLE:Engineer\r\nTEL;TYPE=CELL:07700 9{n:05d}\r\nTEL;TYPE=WORK:020 7946 {n % 10000:04d}\r\n"
                   f"EMAIL;TYPE=INTERNET:alex{n}@firm.example\r\nADR;TYPE=HOME:;;{n} High Street;Leeds;;LS1 4AB;UK\r\n"
                   f"BDAY:19{50 + n % 50}-0{1 + n % 9}-1{n % 9}\r\nEND:VCARD\r\n" for n in range(count))


def python_module(functions):
    """A Python module of documented functions, their docstrings in Google's layout."""
    return "\n\n".join(
        f'def task_{n}(path, retries={n % 5}, *, timeout=8.0):\n    """{sentence(n, 8)}\n\n    Args:\n'
        f'        path (str): {sentence(n + 1, 9)}\n        retries (int): {sentence(n + 2, 7)}\n'
        f'            {sentence(n + 3, 6)}\n\n    Returns:\n        {sentence(n + 4, 8)}\n\n    Raises:\n'
        f'        ValueError: {sentence(n + 5, 6)}\n    """\n    return path\n' for n in range(functions))


def parsed_docstrings(source):
    import ast

    return [ast.get_docstring(node) for node in ast.walk(ast.parse(source))
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))]


def pygments_comments(lexer, source):
    from pygments.token import Comment

    return [text for kind, text in lexer.get_tokens(source) if kind in Comment]


def stdlib_mailbox(path):
    """The standard library's way: each message parsed with the default policy, its body's text."""
    texts = []
    box = mailbox.mbox(path, factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default), create=False)
    for message in box:
        body = message.get_body(preferencelist=("plain", "html"))
        texts.append((str(message["From"]), str(message["Subject"]), body.get_content() if body else ""))
    box.close()
    return len(texts)


def main():
    folder = tempfile.mkdtemp(prefix="bench-documents-")
    paths = {name: os.path.join(folder, name) for name in ("mail.mbox", "sheet.xlsx", "report.docx", "deck.pptx")}
    write_mailbox(paths["mail.mbox"], 2000)
    write_xlsx(paths["sheet.xlsx"], 20000)
    write_docx(paths["report.docx"], 1200)
    pptx = optional("pptx")
    rows = []
    ours, count = cpu_time(lambda: sum(1 for _ in mailbox_messages(paths["mail.mbox"])), repeat=3)
    theirs, _ = cpu_time(stdlib_mailbox, paths["mail.mbox"], repeat=3)
    rows.append((".mbox, 2,000 e-mails", f"{ours:.3f}", f"{theirs:.3f}", "mailbox + email default policy"))
    ours, _ = cpu_time(xlsx_to_text, paths["sheet.xlsx"], repeat=3)
    openpyxl = optional("openpyxl")
    theirs = cpu_time(lambda: sum(1 for _ in openpyxl.load_workbook(paths["sheet.xlsx"], read_only=True).active.iter_rows(
        values_only=True)), repeat=3)[0] if openpyxl else None
    rows.append((".xlsx, 20,000 rows x 3", f"{ours:.3f}", f"{theirs:.3f}" if theirs else "not installed", "openpyxl read_only"))
    ours, _ = cpu_time(docx_to_text, paths["report.docx"], repeat=3)
    docx = optional("docx")
    theirs = cpu_time(lambda: "\n".join(p.text for p in docx.Document(paths["report.docx"]).paragraphs),
                      repeat=3)[0] if docx else None
    rows.append((".docx, 1,200 paragraphs", f"{ours:.3f}", f"{theirs:.3f}" if theirs else "not installed", "python-docx"))
    if pptx:  # the deck is written by python-pptx itself: a minimal hand-written one would not open in it
        deck = pptx.Presentation()
        for n in range(100):
            slide = deck.slides.add_slide(deck.slide_layouts[1])
            slide.shapes.title.text = f"Slide {n}: {sentence(n, 4)}"
            slide.placeholders[1].text_frame.text = "\n".join(sentence(n + i, 10) for i in range(5))
        deck.save(paths["deck.pptx"])
        ours, _ = cpu_time(pptx_to_text, paths["deck.pptx"], repeat=3)
        theirs, _ = cpu_time(lambda: [shape.text_frame.text for slide in pptx.Presentation(paths["deck.pptx"]).slides
                                      for shape in slide.shapes if shape.has_text_frame], repeat=3)
        rows.append((".pptx, 100 slides", f"{ours:.3f}", f"{theirs:.3f}", "python-pptx"))
    else:
        rows.append((".pptx, 100 slides", "-", "not installed", "python-pptx (writes the deck)"))
    rtf = (b"{\\rtf1\\ansi{\\fonttbl\\f0 Calibri;}{\\pict\\pngblip " + b"89504e470d0a1a0a" * 300000 + b"}" + b"".join(
        b"\\pard\\plain\\f0 {\\ltrch %s Caf\\'e9 \\u8364\\'80.\\par}\n" % sentence(n).encode() for n in range(30000)) + b"}")
    ours, _ = cpu_time(rtf_to_text, rtf, repeat=3)
    striprtf = optional("striprtf.striprtf")
    theirs = cpu_time(striprtf.rtf_to_text, rtf.decode("latin-1"), repeat=3)[0] if striprtf else None
    rows.append((f".rtf, {len(rtf) / 1e6:.1f} MB", f"{ours:.3f}", f"{theirs:.3f}" if theirs else "not installed", "striprtf"))
    write_transcript(os.path.join(folder, "meeting.vtt"), 2400)
    with open(os.path.join(folder, "meeting.vtt"), "rb") as handle:
        vtt = handle.read()
    ours, _ = cpu_time(transcript_to_text, vtt, repeat=3)
    webvtt = optional("webvtt")
    theirs = cpu_time(lambda: [c.text for c in webvtt.read(os.path.join(folder, "meeting.vtt"))],
                      repeat=3)[0] if webvtt else None
    rows.append((".vtt, 2 hours, 2,400 cues", f"{ours:.3f}", f"{theirs:.3f}" if theirs else "not installed", "webvtt-py"))
    tex = thesis(2000)
    ours, _ = cpu_time(latex_to_text, tex, repeat=3)
    latexwalker = optional("pylatexenc.latex2text")
    theirs = cpu_time(lambda: latexwalker.LatexNodes2Text().latex_to_text(tex), repeat=3)[0] if latexwalker else None
    rows.append((f".tex, {len(tex) / 1e3:.0f} KB", f"{ours:.3f}", f"{theirs:.3f}" if theirs else "not installed",
                 "pylatexenc LatexNodes2Text"))
    source = typescript(5000)
    ours, _ = cpu_time(code_text, source, ".ts", repeat=3)
    lexers = optional("pygments.lexers")
    theirs = cpu_time(pygments_comments, lexers.TypeScriptLexer(), source, repeat=3)[0] if lexers else None
    rows.append((f".ts, {len(source) / 1e6:.1f} MB", f"{ours:.3f}", f"{theirs:.3f}" if theirs else "not installed",
                 "Pygments TypeScriptLexer, comment tokens"))
    ics = calendar(20000)
    ours, _ = cpu_time(calendar_to_text, ics, repeat=3)
    icalendar = optional("icalendar")
    theirs = cpu_time(lambda: [(e.get("SUMMARY"), e.decoded("DTSTART"), e.get("LOCATION"), e.get("DESCRIPTION"))
                               for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")], repeat=3)[0] if icalendar else None
    rows.append((".ics, 20,000 events", f"{ours:.3f}", f"{theirs:.3f}" if theirs else "not installed", "icalendar"))
    vcf = contacts(2000)
    ours, _ = cpu_time(contacts_to_text, vcf, repeat=3)
    vobject = optional("vobject")
    theirs = cpu_time(lambda: [card.fn.value for card in vobject.readComponents(vcf)], repeat=3)[0] if vobject else None
    rows.append((".vcf, 2,000 contacts", f"{ours:.3f}", f"{theirs:.3f}" if theirs else "not installed", "vobject"))
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
    from test_retrieval import _biff8, _compound_file, _ppt97, _word97  # the tests' builders: no program here writes these

    doc = _word97([("".join(f"{sentence(n)} {sentence(n + 1)}\r" for n in range(4000)), False),
                   ("".join(f"Item {n}\x07{sentence(n, 3)}\x07\x07" for n in range(2000)), True)])
    ours, _ = cpu_time(doc_to_text, doc, repeat=3)
    olefile = optional("olefile")
    theirs = cpu_time(lambda: [olefile.OleFileIO(doc).openstream(name).read() for name in ("WordDocument", "1Table")],
                      repeat=3)[0] if olefile else None
    rows.append((f".doc, {len(doc) / 1e6:.1f} MB", f"{ours:.3f}", f"{theirs:.3f}" if theirs else "not installed",
                 "olefile, its two streams only"))
    messages = [_compound_file({"__substg1.0_0037001F": f"Update {n}".encode("utf-16-le"),
                                "__substg1.0_0C1A001F": f"Person {n % 40}".encode("utf-16-le"),
                                "__substg1.0_0E04001F": b"t\0e\0a\0m\0",
                                "__substg1.0_1000001F": "\r\n\r\n".join(sentence(n + i) for i in range(6)).encode("utf-16-le")})
                for n in range(2000)]
    ours, _ = cpu_time(lambda: [msg_to_text(m) for m in messages], repeat=3)
    theirs = cpu_time(lambda: [[olefile.OleFileIO(m).openstream(name).read() for name in ("__substg1.0_0037001F",
                                                                                           "__substg1.0_1000001F")]
                               for m in messages], repeat=3)[0] if olefile else None
    rows.append((".msg, 2,000 messages", f"{ours:.3f}", f"{theirs:.3f}" if theirs else "not installed",
                 "olefile, subject and body streams only"))
    strings = [sentence(n, 4) for n in range(2000)]
    biff = _biff8([("Orders", False, [struct.pack("<HHHHHI", 0x00FD, 10, n, 0, 0, n % 2000)
                                      + struct.pack("<HHHHHd", 0x0203, 14, n, 1, 1, n * 1.25)
                                      + struct.pack("<HHHHHd", 0x0203, 14, n, 2, 0, 46000 + n % 365) for n in range(20000)])],
                  strings, [(164, "\\£#,##0.00")], (0, 164))
    ours, _ = cpu_time(xls_to_text, biff, repeat=3)
    xlrd = optional("xlrd")
    theirs = cpu_time(lambda: [sheet.row_values(r) for sheet in [xlrd.open_workbook(file_contents=biff).sheet_by_index(0)]
                               for r in range(sheet.nrows)], repeat=3)[0] if xlrd else None
    rows.append((".xls, 20,000 rows x 3", f"{ours:.3f}", f"{theirs:.3f}" if theirs else "not installed", "xlrd"))
    ppt = _ppt97([(sentence(n, 4), "\r".join(sentence(n + i, 8) for i in range(5)), sentence(n + 6), "Confidential",
                   sentence(n + 7)) for n in range(300)])
    ours, _ = cpu_time(ppt_to_text, ppt, repeat=3)
    theirs = cpu_time(lambda: olefile.OleFileIO(ppt).openstream("PowerPoint Document").read(), repeat=3)[0] \
        if olefile else None
    rows.append((".ppt, 300 slides", f"{ours:.3f}", f"{theirs:.3f}" if theirs else "not installed",
                 "olefile, its stream only"))
    export = json.dumps({"exported": "2026-12-06", "orders": [{"id": n, "customer": sentence(n, 2), "total": n * 1.5,
                                                                 "status": "paid", "items": n % 7} for n in range(3000)]})
    ours, _ = cpu_time(json_text, export, repeat=3)
    theirs, _ = cpu_time(json.loads, export, repeat=3)
    rows.append((".json, 3,000 records of 5 fields", f"{ours:.3f}", f"{theirs:.3f}", "json.loads (parsing only)"))
    module = python_module(2000)
    ours, _ = cpu_time(python_text, module, repeat=3)
    theirs, _ = cpu_time(parsed_docstrings, module, repeat=3)
    rows.append((f".py, {len(module) / 1e6:.1f} MB, 2,000 documented functions", f"{ours:.3f}", f"{theirs:.3f}",
                 "ast.parse + ast.get_docstring (finding them only)"))
    print(machine_line())
    print_table("Reading documents (CPU seconds, best of 3)", ["file", "neuraflux", "reference", "reference is"], rows)


if __name__ == "__main__":
    main()
