"""Outlook messages (.msg, as Outlook saves an e-mail dragged out of it) as text, standard library
only: the same header sentence the .eml reader writes ("Priya Raman <priya@acme.example> sent
this email to All staff on Monday 9 November 2026 at 09:14 with the subject “…” and the attached
file plan.pdf."), then the message's own words (its plain-text body, else its HTML body read as a
page; the message it replies to and the signature left out). Titled by the subject.

A .msg is a compound file (compoundfile.py) whose properties are streams named
"__substg1.0_IIIITTTT" (property id IIII, type TTTT: 001F UTF-16 text, 001E 8-bit text, 0102
binary), its fixed-size ones (the dates) in "__properties_version1.0", each attachment a storage of
its own ("__attach_version1.0_#…").
"""
import datetime
import struct

from .compoundfile import CompoundFile
from .documents import spoken_day
from .emailtext import header_sentence, own_words, when
from .errors import DataError

_SUBJECT, _BODY, _HTML, _HEADERS = 0x0037, 0x1000, 0x1013, 0x007D
_SENDER_NAME, _SENDER_SMTP, _SENDER_ADDRESS = 0x0C1A, 0x5D01, 0x0C1F
_DISPLAY_TO, _DISPLAY_CC = 0x0E04, 0x0E03
_SUBMIT_TIME, _DELIVERY_TIME = 0x0039, 0x0E06
_ATTACH_LONG_NAME, _ATTACH_NAME = 0x3707, 0x3704
_CODE_PAGE = 0x3FFD  # PR_MESSAGE_CODEPAGE, for 8-bit strings


def msg_to_text(data):
    """(text, title or None) of an Outlook .msg file's bytes (see the module docstring)."""
    storage = CompoundFile(data)
    if not any(name.startswith("__substg1.0_") for name in storage.names()):
        raise DataError("not an Outlook message: it has no message properties")
    fixed = _fixed_properties(_readable(storage, "__properties_version1.0"), header=32)
    codec = _codec(fixed.get(_CODE_PAGE))
    strings = _strings(storage, "", codec)
    sender = strings.get(_SENDER_NAME, "")
    address = strings.get(_SENDER_SMTP) or strings.get(_SENDER_ADDRESS, "")
    if address and "@" in address and not address.upper().startswith("/O=") and address not in sender:
        sender = f"{sender} <{address}>" if sender else address
    fields = {"From": sender, "To": strings.get(_DISPLAY_TO, ""), "Cc": strings.get(_DISPLAY_CC, ""),
              "Subject": strings.get(_SUBJECT, "")}
    sent = _sent(strings.get(_HEADERS, ""), fixed)
    attachments = []
    for folder in storage.storages():
        if folder.lower().startswith("__attach_version1.0_"):
            names = _strings(storage, folder, codec)
            name = names.get(_ATTACH_LONG_NAME) or names.get(_ATTACH_NAME)
            if name:
                attachments.append(name)
    body = strings.get(_BODY, "")
    if not body.strip():
        html = _readable(storage, f"__substg1.0_{_HTML:04X}0102")
        if html:
            from .htmltext import decode_html, html_to_text

            body = html_to_text(decode_html(html) or html.decode("cp1252", "replace"))[0]
    body = own_words(body.replace("\r\n", "\n").replace("\x00", "")).strip("\n")
    return header_sentence(fields, sent, attachments) + "\n\n" + (body + "\n" if body else ""), fields["Subject"] or None


def _strings(storage, folder, codec):
    """{property id: text} of the string properties stored in `folder` ("" the message itself)."""
    out = {}
    for name in storage.names(folder):
        if not name.startswith("__substg1.0_") or len(name) != 20:
            continue
        try:
            prop, kind = int(name[12:16], 16), name[16:20].upper()
        except ValueError:
            continue
        if kind not in ("001F", "001E") or prop in out:
            continue
        raw = _readable(storage, f"{folder}/{name}" if folder else name)
        text = raw.decode("utf-16-le", "replace") if kind == "001F" else raw.decode(codec, "replace")
        out[prop] = text.rstrip("\x00").strip()
    return out


def _readable(storage, path):
    """The bytes of a property's stream, or b"" where it is missing or damaged (the rest of the
    message is still read)."""
    try:
        return storage.stream(path) or b""
    except DataError:
        return b""


def _fixed_properties(raw, header):
    """{property id: 8-byte value} of a properties stream's fixed-size entries (16 bytes each, after
    a `header` of 32 bytes for a message, 8 for an attachment)."""
    out = {}
    if not raw:
        return out
    for at in range(header, len(raw) - 15, 16):
        tag, _ = struct.unpack_from("<II", raw, at)
        out.setdefault(tag >> 16, (tag & 0xFFFF, raw[at + 8:at + 16]))
    return out


def _codec(entry):
    """The Python codec of the message's code page (PR_MESSAGE_CODEPAGE), Windows-1252 by default."""
    if entry and entry[0] == 0x0003:  # PT_LONG
        page = struct.unpack_from("<I", entry[1])[0]
        name = "utf-8" if page == 65001 else f"cp{page}"
        try:
            "".encode(name)
            return name
        except LookupError:
            pass
    return "cp1252"


def _sent(headers, fixed):
    """When the message was sent: its Date header as written (with its own time zone), else the
    submit or delivery time Outlook kept (UTC)."""
    for line in headers.splitlines():
        if line.lower().startswith("date:"):
            return when(line[5:].strip())
    for prop in (_SUBMIT_TIME, _DELIVERY_TIME):
        entry = fixed.get(prop)
        if entry and entry[0] == 0x0040:  # PT_SYSTIME: 100-nanosecond ticks since 1601
            ticks = struct.unpack_from("<Q", entry[1])[0]
            try:
                moment = datetime.datetime(1601, 1, 1) + datetime.timedelta(microseconds=ticks // 10)
            except OverflowError:
                continue
            return f"{spoken_day(moment)} at {moment:%H:%M} UTC"
    return ""
