"""Contact cards (.vcf, vCard 2.1 to 4.0, as phones, Google Contacts, Outlook and Apple Contacts
export them) as text: each person under their name, said as sentences that name them with their
nickname and role ("Priya Raman is Head of Finance at Acme Ltd, 1 Canal Wharf, Leeds.", "The mobile
phone number of Priya Raman, Head of Finance at Acme Ltd, is +44 7700 900123.", "The birthday of
Sinead Murphy (Granny) is 17 February 1951."), and their note. Photos,
sounds, keys and the cards' bookkeeping fields are left out. Standard library only.
"""
import datetime
import quopri

from .calendartext import content_lines
from .documents import document_text, spoken_date
from .errors import DataError

MAX_CARDS = 200_000
_PHONE_KINDS = (("cell", "mobile phone number"), ("mobile", "mobile phone number"), ("fax", "fax number"),
                ("work", "work phone number"), ("home", "home phone number"), ("pager", "pager number"))
_ADDRESS_KINDS = (("work", "work address"), ("home", "home address"))


def contacts_to_text(text):
    """(text, None) of a vCard file's text: a card after another (see the module docstring)."""
    lines = content_lines(text)
    if not any(name == "BEGIN" and value.strip().upper() == "VCARD" for name, _, value in lines[:3]):
        raise DataError("not a vCard file: it does not begin with BEGIN:VCARD")
    cards, card = [], None
    for name, params, value in lines:
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            card = {}
        elif name == "END" and value.strip().upper() == "VCARD" and card is not None:
            cards.append(card)
            card = None
            if len(cards) > MAX_CARDS:
                raise DataError(f"more than {MAX_CARDS:,} contacts")
        elif card is not None:
            card.setdefault(name, []).append((params, _decoded(params, value)))
    out = []
    for card in cards:
        out.extend(_card_lines(card))
    return document_text(out), None


def _decoded(params, value):
    """A vCard 2.1 value in quoted-printable (ENCODING=QUOTED-PRINTABLE) as text; others as they are."""
    encoding = params.get("ENCODING", "").upper()
    if encoding in ("QUOTED-PRINTABLE", "QP") or "QUOTED-PRINTABLE" in params:
        charset = params.get("CHARSET", "utf-8")
        try:
            return quopri.decodestring(value.encode("latin-1", "replace")).decode(charset, "replace")
        except LookupError:
            return quopri.decodestring(value.encode("latin-1", "replace")).decode("utf-8", "replace")
    return value


def _types(params):
    """The TYPE values of a property, lower case ("TYPE=CELL,VOICE", "TYPE=work;TYPE=pref", 2.1's bare "CELL")."""
    found = []
    for key, value in params.items():
        if key == "TYPE":
            found += [v.strip().lower() for v in value.split(",")]
        elif not value:  # vCard 2.1: "TEL;CELL:…"
            found.append(key.lower())
    return found


def _first(card, name):
    """The value of the card's first `name` property, or ""."""
    values = card.get(name)
    return values[0][1] if values else ""


def _name(card):
    formatted = " ".join(_first(card, "FN").split())
    if formatted:
        return formatted
    parts = _first(card, "N").split(";")  # family;given;additional;prefix;suffix
    parts += [""] * (5 - len(parts))
    return " ".join(p for p in (parts[3], parts[1], parts[2], parts[0], parts[4]) if p.strip()) or ""


def _kind(params, kinds, default):
    types = _types(params)
    return next((said for key, said in kinds if key in types), default)


def _card_lines(card):
    name = _name(card) or " ".join(_first(card, "ORG").split(";")).strip() or "Unnamed contact"
    title = " ".join((_first(card, "TITLE") or _first(card, "ROLE")).split())
    organization = ", ".join(p.strip() for p in _first(card, "ORG").split(";") if p.strip())
    nickname = " ".join(_first(card, "NICKNAME").split())
    addresses = [(_kind(params, _ADDRESS_KINDS, "address"), _place(value)) for params, value in card.get("ADR", [])]
    addresses = [(kind, place) for kind, place in addresses if place]
    workplace = next((place for kind, place in addresses if kind == "work address"), None) if organization else None
    where = f", {workplace}" if workplace else ""  # "… GP at Bray Family Practice, 22 Quinsboro Road, Bray"
    role = f"{title} at {organization}" if title and organization else title or (organization and f"at {organization}")
    # each fact names the person with their nickname and role, so that "the swimming coach's phone
    # number" finds the sentence that holds it
    who = name + (f" ({nickname})" if nickname else "") + (f", {role}," if role else "")
    said = [f"{name}{f' ({nickname})' if nickname else ''} {'works' if role.startswith('at ') else 'is'} {role}{where}."
            ] if role else ([f"{name} is also called {nickname}."] if nickname else [])
    for params, value in card.get("TEL", []):
        said.append(f"The {_kind(params, _PHONE_KINDS, 'phone number')} of {who} is {value.strip()}.")
    for params, value in card.get("EMAIL", []):
        said.append(f"The email address of {who} is {value.strip()}.")
    for kind, place in addresses:
        if place != workplace:
            said.append(f"The {kind} of {who} is {place}.")
    birthday = _first(card, "BDAY").strip()
    if birthday:
        said.append(f"The birthday of {who} is {_birthday(birthday)}.")
    for params, value in card.get("URL", []):
        said.append(f"The website of {who} is {value.strip()}.")
    lines = ["", f"## {name}", "", *said]
    note = _first(card, "NOTE").strip()
    if note:
        lines.extend(["", note])
    return lines + [""]


def _place(value):
    """An ADR value (post box;extended;street;city;region;postcode;country) as an address is written."""
    parts = [p.strip() for p in value.split(";")]
    parts += [""] * (7 - len(parts))
    place = ", ".join(p for p in (parts[0], parts[1], parts[2], parts[3], " ".join(x for x in parts[4:6] if x), parts[6])
                      if p)
    return " ".join(place.split())


def _birthday(value):
    """'14 March 1990', or '14 March' for a card that leaves the year out ("--0314"); as written
    when it does not parse."""
    digits = value.replace("-", "")
    try:
        if value.startswith("--") and len(digits) >= 4:
            return spoken_date(datetime.date(2000, int(digits[:2]), int(digits[2:4]))).rsplit(" ", 1)[0]
        return spoken_date(datetime.datetime.strptime(digits[:8], "%Y%m%d"))
    except (ValueError, IndexError):
        return value
