"""Calendars (.ics, as Google Calendar, Outlook and Apple Calendar export them) as text: each event
under its title, said as a sentence a person would write ("The team offsite is on Thursday 14 May
2027 from 09:00 to 17:00 at Canal Wharf, Room 3."), how it repeats ("It repeats every week on
Monday until 30 June 2027."), who organises and attends it, and its description; each to-do with
its due date. Events are read in date order; a cancelled one says so. Times are as the calendar
writes them, in their own time zone (named where it is given). Standard library only.

The content-line reading (folded lines joined, "NAME;PARAM=x:value" split, "\\n" and "\\," undone)
is shared with the contact cards of contacttext.py.
"""
import datetime
import re

from .documents import document_text, spoken_date, spoken_day
from .errors import DataError

MAX_COMPONENTS = 200_000
_FREQUENCIES = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
_WEEKDAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday", "SA": "Saturday",
             "SU": "Sunday"}
_ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last"}


def content_lines(text):
    """[(NAME, {PARAM: value}, value), …] of an iCalendar or vCard text: folded lines (a line
    starting with a space or tab continues the one before) joined, names and parameters upper-cased,
    escapes in values undone."""
    lines, out = [], []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw.strip():
            lines.append(raw)
    for line in lines:
        head, colon, value = _split_unquoted(line)
        if not colon:
            continue
        name, *params = _split_params(head)
        parameters = {}
        for param in params:
            key, _, param_value = param.partition("=")
            key, param_value = key.strip().upper(), param_value.strip('"')
            # a parameter given twice ("TYPE=CELL;TYPE=VOICE") keeps both values
            parameters[key] = f"{parameters[key]},{param_value}" if parameters.get(key) else param_value
        out.append((name.strip().upper().split(".")[-1], parameters, unescaped(value)))
    return out


def _split_unquoted(line):
    """(before, ":", after) at the first colon outside double quotes ('DTSTART;TZID="A:B":2027…')."""
    quoted = False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:i], ":", line[i + 1:]
    return line, "", ""


def _split_params(head):
    return re.findall(r'(?:[^;"]|"[^"]*")+', head) or [head]


def unescaped(value):
    """A property value with its backslash escapes undone ("\\n" a line break, "\\," a comma)."""
    return re.sub(r"\\([nN,;\\:])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def calendar_to_text(text):
    """(text, title or None) of an iCalendar file's text (see the module docstring)."""
    lines = content_lines(text)
    if not any(name == "BEGIN" and value.strip().upper() == "VCALENDAR" for name, _, value in lines[:5]):
        raise DataError("not an iCalendar file: it does not begin with BEGIN:VCALENDAR")
    title, components, current, depth = None, [], None, 0
    for name, params, value in lines:
        if name == "BEGIN":
            depth += 1
            if value.strip().upper() in ("VEVENT", "VTODO") and current is None:
                current, current_depth = {"kind": value.strip().upper()}, depth
                if len(components) >= MAX_COMPONENTS:
                    raise DataError(f"more than {MAX_COMPONENTS:,} events")
        elif name == "END":
            if current is not None and depth == current_depth:
                components.append(current)
                current = None
            depth -= 1
        elif current is not None and depth == current_depth:
            current.setdefault(name, []).append((params, value))
        elif name == "X-WR-CALNAME" and current is None:
            title = value.strip() or None
    components.sort(key=_sort_key)
    out = [f"# {title}", ""] if title else []
    for component in components:
        out.extend(_component_lines(component))
    return document_text(out), title


def _first(component, name):
    values = component.get(name)
    return values[0] if values else ({}, "")


def _sort_key(component):
    moment = _moment(*_first(component, "DTSTART")) or _moment(*_first(component, "DUE"))
    return (0, _naive(moment).isoformat()) if moment else (1, "")


def _naive(moment):
    if isinstance(moment, datetime.datetime):
        return moment.replace(tzinfo=None)
    return datetime.datetime.combine(moment, datetime.time())


def _moment(params, value):
    """A date (all-day) or a datetime of a DATE or DATE-TIME value; None when it does not parse."""
    value = value.strip()
    try:
        if params.get("VALUE", "").upper() == "DATE" or re.fullmatch(r"\d{8}", value):
            return datetime.datetime.strptime(value[:8], "%Y%m%d").date()
        moment = datetime.datetime.strptime(value[:15], "%Y%m%dT%H%M%S")
    except ValueError:
        return None
    return moment.replace(tzinfo=datetime.timezone.utc) if value.endswith("Z") else moment


def _zone(moment, params):
    """' UTC', ' (London time)' for a time in a named zone, or '' for a floating local time."""
    if getattr(moment, "tzinfo", None):
        return " UTC"
    named = params.get("TZID", "").split("/")[-1].replace("_", " ")
    return f" ({named} time)" if named else ""


def _when(component):
    """'on Thursday 14 May 2027 from 09:00 to 17:00 (London time)', 'on Friday 14 May 2027 (all
    day)', 'from Tuesday 1 June 2027 to Thursday 3 June 2027', or ''."""
    start_params, start_value = _first(component, "DTSTART")
    start = _moment(start_params, start_value)
    if start is None:
        return ""
    end_params, end_value = _first(component, "DTEND")
    end = _moment(end_params, end_value) if end_value else None
    if end is None and _first(component, "DURATION")[1]:
        end = _plus(start, _first(component, "DURATION")[1])
    if not isinstance(start, datetime.datetime):
        if isinstance(end, datetime.date) and not isinstance(end, datetime.datetime) \
                and end - start > datetime.timedelta(days=1):  # DTEND of an all-day event is the day after
            return f"from {spoken_day(start)} to {spoken_day(end - datetime.timedelta(days=1))}"
        return f"on {spoken_day(start)} (all day)"
    zone = _zone(start, start_params)
    if isinstance(end, datetime.datetime) and end.date() != start.date():
        return f"on {spoken_day(start)} at {start:%H:%M} until {spoken_day(end)} at {end:%H:%M}{zone}"
    if isinstance(end, datetime.datetime):
        return f"on {spoken_day(start)} from {start:%H:%M} to {end:%H:%M}{zone}"
    return f"on {spoken_day(start)} at {start:%H:%M}{zone}"


def _plus(start, duration):
    """start + an iCalendar DURATION ("PT1H30M", "P1D"); None when it does not parse."""
    match = re.fullmatch(r"P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", duration.strip())
    if not match:
        return None
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    if not isinstance(start, datetime.datetime):
        start = datetime.datetime.combine(start, datetime.time())
    try:
        return start + datetime.timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    except OverflowError:  # past the year 9999
        return None


def _repeats(rule):
    """'It repeats every week on Monday and Wednesday until 30 June 2027.' from an RRULE."""
    parts = dict(part.partition("=")[::2] for part in rule.upper().split(";") if "=" in part)
    unit = _FREQUENCIES.get(parts.get("FREQ", ""))
    if not unit:
        return ""
    interval = parts.get("INTERVAL", "1")
    said = f"It repeats every {unit}" if interval in ("", "1") else f"It repeats every {interval} {unit}s"
    days = []
    for day in parts.get("BYDAY", "").split(","):
        match = re.fullmatch(r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)", day)
        if match:
            ordinal = _ORDINALS.get((match.group(1) or "").lstrip("+"), "")
            days.append(f"the {ordinal} {_WEEKDAYS[match.group(2)]}" if ordinal else _WEEKDAYS[match.group(2)])
    if days:
        said += " on " + (days[0] if len(days) == 1 else ", ".join(days[:-1]) + " and " + days[-1])
    until = _moment({}, parts.get("UNTIL", ""))
    if until:
        said += f" until {spoken_date(until)}"
    elif parts.get("COUNT"):
        said += f", {parts['COUNT']} times"
    return said + "."


def _person(params, value):
    """A calendar user's common name and address: 'Priya Raman <priya@acme.example>'."""
    address = re.sub(r"^mailto:", "", value.strip(), flags=re.I)
    name = params.get("CN", "").strip()
    return f"{name} <{address}>" if name and address else name or address


def _component_lines(component):
    summary = " ".join(_first(component, "SUMMARY")[1].split()) or "Untitled event"
    lines = ["", f"## {summary}", ""]
    cancelled = _first(component, "STATUS")[1].strip().upper() == "CANCELLED"
    if component["kind"] == "VTODO":
        due = _moment(*_first(component, "DUE"))
        done = _first(component, "STATUS")[1].strip().upper() == "COMPLETED"
        sentence = f"The to-do {summary.rstrip('.!')}" + (f" is due on {spoken_day(due)}" if due else "")
        sentence += " and is done." if done else "."
    else:
        where = " ".join(_first(component, "LOCATION")[1].split())
        when = " ".join(part for part in (_when(component), f"at {where}" if where else "") if part)
        named = summary.rstrip(".!")  # "Party!" is on …
        if cancelled:
            sentence = f"{named} {when} is cancelled." if when else f"{named} is cancelled."
        else:
            sentence = f"{named} is {when}." if when else f"{named}."
    lines.append(sentence)
    rule = _first(component, "RRULE")[1]
    if rule and _repeats(rule):
        lines.append(_repeats(rule))
    organizer = _person(*_first(component, "ORGANIZER"))
    attendees = [_person(*entry) for entry in component.get("ATTENDEE", [])]
    if organizer:
        lines.append(f"{organizer} organises it.")
    if attendees:
        lines.append("Invited: " + ", ".join(a for a in attendees if a) + ".")
    url = _first(component, "URL")[1].strip()
    if url:
        lines.append(f"Link: {url}")
    description = _first(component, "DESCRIPTION")[1].strip()
    if description:
        lines.extend(["", description])
    return lines + [""]
