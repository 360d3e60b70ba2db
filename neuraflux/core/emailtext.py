"""E-mail messages (.eml, as mail clients save one message; .mbox, a mailbox of many, as Google
Takeout and Thunderbird export them, each message its own document) as the text a reader reads: one
sentence saying who sent it to whom, when, with what subject and which attached files (so that
"Who sent the email about the move?" is answered in the words it is asked in), then its body, the
plain-text part if it has one, else its HTML part (htmltext.py). The lines a reply quotes ("> …",
under "On … wrote:") and the signature below "-- " are left out, as the message before it and
the sender's details are not what this message says. Titled by its subject. Standard library
only (email).

    >>> eml_to_text(b"From: Ana <ana@example.org>\\nSubject: Offsite\\n\\nWe meet at 9.\\n")
    ('Ana <ana@example.org> sent this email with the subject “Offsite”.\\n\\nWe meet at 9.\\n', 'Offsite')
"""
import email
import email.errors
import email.header
import email.policy
import email.utils
import os
import re

from .documents import spoken_day
from .errors import DataError
from .io import display_path, open_regular

MAX_MESSAGE_BYTES = 64 * 1024 ** 2  # one message of a mailbox, attachments included
MAX_MAILBOX_BYTES = 1024 ** 3  # a whole mailbox: its messages' text is held in memory until indexed
_LINE_BYTES = 1024 ** 2  # a mailbox is read at most this much at a time, however long its lines

# where a reply's own words end and the message it answers begins (a forwarded message is kept: it
# is what the forward is about)
_ATTRIBUTION = re.compile(r"^(?:On\b.{0,300}\bwrote:|-{2,} ?Original Message ?-{2,})\s*$", re.I)


def eml_to_text(data):
    """(text, title) of the bytes of one e-mail message; DataError when it has no headers. Read with
    the email package's compat32 policy, its headers decoded only where they are shown (a seventh of
    the time the default policy takes, which parses every header it is asked for)."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    fields = {name: _decoded(message.get(name)) for name in ("From", "To", "Cc", "Subject")}
    sent = when(message.get("Date"))
    if not (any(fields.values()) or sent):
        raise DataError("not an e-mail message: no From, To, Date or Subject header")
    attachments = [_decoded(part.get_filename()) for part in message.walk()
                   if _is_attachment(part) and part.get_filename()]
    body = _body_text(message)
    return header_sentence(fields, sent, attachments) + "\n\n" + (body + "\n" if body else ""), fields["Subject"] or None


def mhtml_to_text(data):
    """(text, title) of a web page saved as one file (.mhtml, .mht: a MIME message, as Chrome and
    Edge save "Webpage, Single File"): its first HTML part read as a page (htmltext.py), titled by
    its <title>, else the message's subject. DataError when it holds no HTML part."""
    from .htmltext import html_to_text

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise DataError("not a saved web page: no text/html part")
    html = _part_text(part)
    text, title = html_to_text(html)
    return text, title or _decoded(message.get("Subject")) or None


def _part_text(part):
    """A text part's content, decoded from its transfer encoding and charset (UTF-8 when it names
    none or one Python does not know)."""
    data = part.get_payload(decode=True) or b""
    try:
        return data.decode(part.get_content_charset() or "utf-8", "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


def _decoded(value):
    """A header's text with its RFC 2047 words ("=?utf-8?q?caf=C3=A9?=") decoded and its folding
    undone; "" for none."""
    if value is None:
        return ""
    try:
        value = str(email.header.make_header(email.header.decode_header(str(value))))
    except (ValueError, LookupError, UnicodeError, email.errors.HeaderParseError):  # a bad charset or encoding: as written
        value = str(value)
    return " ".join(value.split())


def _is_attachment(part):
    return (part.get("Content-Disposition") or "").split(";")[0].strip().lower() == "attachment"


def header_sentence(fields, sent, attachments):
    """The message's headers said as one sentence: "Ana <ana@example.org> sent this email to … on
    Monday 9 November 2026 at 09:14, copying …, with the subject “…” and the attached file plan.pdf"."""
    words = [f"{fields['From']} sent this email" if fields["From"] else "This email was sent"]
    if fields["To"]:
        words.append(f" to {fields['To']}")
    if sent:
        words.append(f" on {sent}")
    if fields["Cc"]:
        words.append(f", copying {fields['Cc']},")
    if fields["Subject"]:
        words.append(f" with the subject \u201c{fields['Subject']}\u201d")
    if attachments:
        words.append(f"{' and' if fields['Subject'] else ' with'} the attached file{'s' if len(attachments) > 1 else ''} "
                     + ", ".join(attachments))
    return "".join(words).rstrip(",") + "."


def when(header):
    """The date of a Date header as a reader says it ("Monday 9 November 2026 at 09:14"), or as
    written when it does not parse."""
    if header is None:
        return ""
    try:
        moment = email.utils.parsedate_to_datetime(str(header))
    except (TypeError, ValueError, IndexError, OverflowError):
        return _decoded(header)
    return f"{spoken_day(moment)} at {moment:%H:%M}"


def _body_text(message):
    """The message's own words: its first plain-text part that is not an attachment (else its
    first such HTML part, read as text), without the quoted message it replies to or its signature."""
    parts = [part for part in message.walk() if part.get_content_maintype() == "text" and not _is_attachment(part)]
    part = next((p for p in parts if p.get_content_subtype() == "plain"), None) or next(
        (p for p in parts if p.get_content_subtype() == "html"), None)
    if part is None:
        return ""
    content = _part_text(part)
    if part.get_content_subtype() == "html":
        from .htmltext import html_to_text

        content = html_to_text(content)[0]
    return own_words(content.replace("\r\n", "\n")).strip("\n")


def own_words(text):
    """`text` without its signature (from a "-- " line) and the message it quotes (">" lines and
    the "On … wrote:" line above them); as it is when nothing else would be left."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if line.rstrip() == "--":
            lines = lines[:number]
            break
    kept = []
    for number, line in enumerate(lines):
        if line.lstrip().startswith(">"):
            continue
        if _ATTRIBUTION.match(line.strip()):
            break  # the message replied to follows: not this one's words
        kept.append(line)
    own = "\n".join(kept)
    return own if own.strip() else text


def mailbox_messages(path, on_skip=None, limit=None, progress=None):
    """(number, text, title) of each message of an mbox file, numbered from 1 in file order, read
    one message at a time (">From " lines unquoted); a message over `limit` bytes or without
    headers is reported through `on_skip` and passed over (`limit`: MAX_MESSAGE_BYTES unless
    given); `progress` (a Progress) is given the bytes read, message by message. DataError when
    the file does not start as a mailbox does ("From " and the sender)."""
    limit = MAX_MESSAGE_BYTES if limit is None else limit
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_MAILBOX_BYTES:
            raise DataError(f"{display_path(path)}: a mailbox of {size:,} bytes, over the {MAX_MAILBOX_BYTES:,}-byte "
                            "limit (export it in parts)")
        first = handle.readline(_LINE_BYTES)
        if not first.startswith(b"From "):
            raise DataError(f"{display_path(path)}: not an mbox mailbox (it does not start with a \"From \" line)")
        number, lines, size, at_line_start, blank_before = 1, [], 0, True, False
        unreported = len(first)  # bytes read since progress was last told
        while True:
            line = handle.readline(_LINE_BYTES)
            unreported += len(line)
            if not line or (at_line_start and blank_before and line.startswith(b"From ")):
                if progress is not None:
                    progress.update(unreported)
                    unreported = 0
                yield from _mailbox_message(path, number, lines, size, limit, on_skip)
                if not line:
                    return
                number, lines, size = number + 1, [], 0
                at_line_start, blank_before = True, False
                continue
            if at_line_start and re.match(rb">+From ", line):
                line = line[1:]
            size += len(line)
            if size <= limit:
                lines.append(line)
            blank_before = at_line_start and line in (b"\n", b"\r\n")
            at_line_start = line.endswith(b"\n")


def _mailbox_message(path, number, lines, size, limit, on_skip):
    """The (number, text, title) of one message of a mailbox, or nothing, reported, when it is not readable."""
    where = f"{display_path(path)}, message {number}"
    if size > limit:
        if on_skip:
            on_skip(f"skipping {where}: {size:,} bytes, over the {limit:,}-byte limit")
        return
    try:
        text, title = eml_to_text(b"".join(lines))
    except DataError as exc:
        if on_skip:
            on_skip(f"skipping {where}: {exc}")
        return
    yield number, text, title
