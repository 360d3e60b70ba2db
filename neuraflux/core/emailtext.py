"""E-mail messages (.eml, as mail clients save one message) as the text a reader reads: one
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
import email.policy
import re

from .errors import DataError

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# where a reply's own words end and the message it answers begins (a forwarded message is kept: it
# is what the forward is about)
_ATTRIBUTION = re.compile(r"^(?:On\b.{0,300}\bwrote:|-{2,} ?Original Message ?-{2,})\s*$", re.I)


def eml_to_text(data):
    """(text, title) of the bytes of one e-mail message; DataError when it has no headers."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        fields = {name: " ".join(str(message[name] or "").split()) for name in ("From", "To", "Cc", "Subject")}
        sent = _when(message["Date"])
    except (ValueError, TypeError, LookupError, IndexError) as exc:  # a header the policy cannot parse
        raise DataError(f"not a readable e-mail message ({exc})") from None
    if not (any(fields.values()) or sent):
        raise DataError("not an e-mail message: no From, To, Date or Subject header")
    attachments = [part.get_filename() for part in message.walk()
                   if part.get_content_disposition() == "attachment" and part.get_filename()]
    body = _body_text(message)
    return _header_sentence(fields, sent, attachments) + "\n\n" + (body + "\n" if body else ""), fields["Subject"] or None


def _header_sentence(fields, sent, attachments):
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


def _when(header):
    """The date of a Date header as a reader says it ("Monday 9 November 2026 at 09:14"), or as
    written when it does not parse."""
    if header is None:
        return ""
    moment = getattr(header, "datetime", None)
    if moment is None:
        return " ".join(str(header).split())
    return f"{_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]} {moment.year} at {moment:%H:%M}"


def _body_text(message):
    """The message's own words: its plain-text body (else its HTML body read as text), without
    the quoted message it replies to or its signature."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError):  # an unknown charset or a broken encoding
        content = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        from .htmltext import html_to_text

        content = html_to_text(content)[0]
    return _own_words(content.replace("\r\n", "\n")).strip("\n")


def _own_words(text):
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
