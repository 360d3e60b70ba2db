"""Transcripts and subtitles (.vtt, .srt) as text: what was said, by whom, without the timings.

A meeting's recording (Teams and Zoom write WebVTT, `<v Name>` voice tags or "Name: " at the start
of a cue), a video's captions (YouTube's rolling ones repeat each line in the next cue) or a film's
subtitles (SubRip, often in a Windows code page) become:

- a sentence saying how long the recording lasts and who speaks in it ("This recording lasts 42
  minutes. Priya Raman, Tom Becker and Ana Silva speak in it."), which answers "How long was the
  meeting?" and "Who was in the call?";
- where two or more people speak, each sentence on a paragraph of its own after its speaker's name
  ("Tom Becker: I'll book the venue by Friday."), so that a quoted sentence says who said it;
  otherwise the cues joined into paragraphs at pauses.

Cue numbers, timings and settings, NOTE/STYLE/REGION blocks, markup (`<i>`, `<c.colour>`, karaoke
timestamps, `{\\an8}`), sound descriptions ("[laughter]", "(music)", "♪") and a repeated caption line
are left out.
"""
import html
import re

from .documents import decoded_text, document_text
from .errors import DataError
from .sentences import split_sentences

MAX_CUES = 500_000
_TIMING = re.compile(r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>", re.I)
_TAG = re.compile(r"<[^>\n]*>")
_ASS_OVERRIDE = re.compile(r"\{\\[^}]*\}")  # SubRip's "{\an8}" placement
_SOUND = re.compile(r"\[[^\]\n]*\]|\([^)\n]*\)|[♪♫]+")  # "[laughter]", "(door closes)", "♪"
# "Priya Raman: …", "PRIYA: …", "Dr. Ana Silva: …" at the start of a cue's line
_NAMED = re.compile(r"^((?:[A-Z][\w'’.-]*\.?)(?: [A-Z][\w'’.-]*){0,3}):\s+(?=\S)")
_NOT_SPEAKERS = frozenset({"Note", "Notes", "Warning", "Example", "Question", "Answer", "Update", "Action", "Action item",
                           "Decision", "Summary", "Agenda", "Tip", "Important", "Q", "A", "Re", "Subject"})
_PAUSE_SECONDS = 2.5  # a pause this long between cues starts a new paragraph (no speakers known)
_PARAGRAPH_CHARS = 600  # … and so does this much text ending a sentence
_UNPUNCTUATED_CHARS = 200  # captions without punctuation: a paragraph of about this much


def transcript_to_text(data):
    """(text, title or None) of a WebVTT or SubRip file's bytes (see the module docstring)."""
    text = decoded_text(data).replace("\r\n", "\n").replace("\r", "\n")
    title, cues = _cues(text)
    if not cues:
        return "", title
    cues = [(start, end, [_clean(line) for line in lines]) for start, end, lines in cues]  # cleaned once
    turns = _turns(cues, _speakers(cues))
    names = list(dict.fromkeys(name for name, _ in turns if name))
    lines = [_about(cues[-1][1] - cues[0][0], names), ""]
    for name, parts in turns:
        lines.extend(_turn_lines(name, parts, len(names) > 1))
    return document_text(lines), title


def _cues(text):
    """(title or None, [(start s, end s, [payload lines]), …]), read line by line: a timing line
    opens a cue and the line above it, after a blank one, is the cue's number or name, not text
    (a caption line of one space, as YouTube writes, does not end a cue)."""
    lines = text.lstrip("\ufeff").split("\n")
    title = None
    if lines and lines[0].startswith("WEBVTT"):
        title = lines[0][6:].strip(" \t-") or None
        lines[0] = ""
    cues, skipping = [], False
    for i, line in enumerate(lines):
        timing = _TIMING.match(line)
        if timing:
            above = lines[i - 1].strip() if i else ""
            if cues and above and (i < 2 or not lines[i - 2].strip()) and cues[-1][2][-1:] == [lines[i - 1]]:
                cues[-1][2].pop()  # the identifier of this cue, read as the last cue's line
            cues.append((_seconds(timing.group(1)), _seconds(timing.group(2)), []))
            skipping = False
            if len(cues) > MAX_CUES:
                raise DataError(f"more than {MAX_CUES:,} cues")
        elif line.startswith(("NOTE", "STYLE", "REGION")) and (i == 0 or not lines[i - 1].strip()):
            skipping = True
        elif not line:
            skipping = False
            if cues:
                cues[-1][2].append("")
        elif cues and not skipping:
            cues[-1][2].append(line)
    return title, cues


def _seconds(stamp):
    parts = stamp.replace(",", ".").split(":")
    return sum(float(part) * 60 ** i for i, part in enumerate(reversed(parts)))


def _clean(line):
    """(voice-tag speaker or None, the line's spoken text)."""
    voice = _VOICE.search(line)
    text = _ASS_OVERRIDE.sub("", _TAG.sub("", line))
    text = " ".join(_SOUND.sub(" ", html.unescape(text)).replace("\u200e", "").replace("\u200f", "").split())
    if text.startswith(("- ", "– ", ">> ")):  # a subtitle's dialogue dash, broadcast captions' speaker change
        text = text.split(" ", 1)[1].strip()
    return (voice.group(1).strip() if voice else None), text


def _speakers(cues):
    """Of cues whose lines are cleaned ((voice, text) pairs), the names that open lines as "Name:
    …": two or more times, or once as a full name ("Sofia Alvarez: …") in a transcript that names
    its speakers so (a single "Note: …" is no speaker)."""
    counts = {}
    for _, _, lines in cues:
        for _, text in lines:
            named = _NAMED.match(text)
            if named and named.group(1) not in _NOT_SPEAKERS:
                counts[named.group(1)] = counts.get(named.group(1), 0) + 1
    speakers = {name for name, count in counts.items() if count >= 2}
    if speakers:
        speakers |= {name for name in counts if " " in name}
    return speakers


def _turns(cues, speakers):
    """[(speaker or None, [text pieces]), …] of cues whose lines are cleaned ((voice, text) pairs):
    consecutive cues of one speaker, or between pauses, as one turn; a caption line that repeats
    the line before it dropped."""
    turns, last_line, last_end, chars = [], None, None, 0  # chars: the length of the last turn's text
    for start, end, lines in cues:
        paused = last_end is not None and start - last_end >= _PAUSE_SECONDS
        for voice, text in lines:
            named = _NAMED.match(text)
            if named and named.group(1) in speakers:
                voice, text = named.group(1), text[named.end():]
            if not text or text == last_line or _TIMING.match(text):  # (a timing behind a tag is no speech)
                continue
            last_line = text
            name = voice or (turns[-1][0] if turns else None)
            long_enough = chars >= _PARAGRAPH_CHARS and turns[-1][1][-1][-1:] in ".!?"
            if not turns or name != turns[-1][0] or (name is None and (paused or long_enough)):
                turns.append((name, []))
                chars = 0
            turns[-1][1].append(text)
            chars, paused = chars + len(text), False
        last_end = end
    return turns


def _turn_lines(name, parts, several):
    """Lines of one turn: with several speakers, each sentence after its speaker's name; text
    without punctuation in paragraphs of about _UNPUNCTUATED_CHARS."""
    text = " ".join(parts)
    if not re.search(r"[.!?]", text):
        pieces, current = [], ""
        for part in parts:
            current = f"{current} {part}".strip()
            if len(current) >= _UNPUNCTUATED_CHARS:
                pieces.append(current)
                current = ""
        sentences = pieces + ([current] if current else [])
    else:
        sentences = [text[a:b] for a, b in split_sentences(text)] if several else [text]
    lines = []
    for sentence in sentences:
        lines.extend([f"{name}: {sentence}" if name and several else sentence, ""])
    return lines


def _about(seconds, names):
    """The sentence(s) opening the text: the recording's length and who speaks in it."""
    about = f"This recording lasts {_duration(seconds)}." if seconds >= 1 else ""
    if names:
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        about += f" {listed} {'speaks' if len(names) == 1 else 'speak'} in it."
    return about.strip()


def _duration(seconds):
    """'42 minutes', '1 hour 5 minutes', '35 seconds'."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} second{'s' * (seconds != 1)}"
    hours, minutes = divmod(round(seconds / 60), 60)
    parts = [f"{hours} hour{'s' * (hours != 1)}"] if hours else []
    if minutes or not hours:
        parts.append(f"{minutes} minute{'s' * (minutes != 1)}")
    return " ".join(parts)
