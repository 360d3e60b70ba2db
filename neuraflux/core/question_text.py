"""The question inside what a user types: greetings, "quick question:", "can you tell me…" and
"thanks" around it carry no topic, yet each of their words would count as something the documents
must cover ("Hi! Quick question: what does pass do?" abstained over Python's docs).

    >>> plain_question("Hi! Quick question: can you tell me what the pass statement does? Thanks!")
    'what the pass statement does?'
"""
import math
import os
import re
from functools import lru_cache

from .evidence.terms import CARDINAL_WORDS, LIST_NOUN_WORDS, ORDINAL_WORDS, STEP_MARK
from .meaning import SHIPPED
from .retrieval.analyzer import KEYWORD_STOP_WORDS, analyze
from .retrieval.lemmas import base_term

_GREETING = r"hi|hello|hey|good\s+(?:morning|afternoon|evening)"
_THANKS = r"thanks|thank\s+you|thank\s+u|thx|tysm|ty|cheers"
_OPENERS = re.compile(r"""^(?:
    (?:""" + _GREETING + r"""|hiya|howdy|greetings|dear\s+\w+)
    (?:\s+(?:there|all|everyone|everybody|folks|team|guys|friends))?\b[\s,!.:;-]*
  | (?:ok(?:ay)?|so|well|um+|uh+|hmm+|btw|also)\b[\s,!.:;-]+
  | (?:""" + _THANKS + r""")(?:\s+(?:a\s+lot|so\s+much))?[\s,!.:;-]*[,!.:;-]\s*(?=[^?]*\?\s*$)  # "Thanks, which…?"
  | (?:(?:a|one|another|one\s+more|a\s+quick|quick|short|simple|small|silly|dumb|stupid|newbie|noob|beginner|
       interview|exam|homework|quiz)\s+)?
    (?:question\s*(?:for\s+you\s*)?(?:[:,.!-]+\s*|\s+but\s+)|q\s*(?:[:.!-]+\s+|\s+but\s+))
  | (?:i\s+have|i\s+got|got)\s+(?:a|one|another)\s+(?:quick\s+|short\s+|simple\s+|small\s+)?question
    (?:\s+(?:for\s+you|about\s+this|here))?\s*[:,.!-]+\s*
  | (?:according\s+to|based\s+on|going\s+by|in|from)\s+(?:the|your|these|this|my|our)\s+
    (?:docs?|documentation|documents?|manual|handbook|guide|readme|files?|pages?|notes|sources?|text)\s*[,:]\s*
  | (?:(?:can|could|would|will)\s+(?:you|someone|anyone|somebody)\s+(?:please\s+)?
       (?:(?:tell|show|remind|explain\s+to)\s+me\s+(?:about\s+)?|(?:explain|describe)\s+(?=\w)))
  | (?:please\s+)?(?:tell|show|remind)\s+me\s+(?:(?:everything|all|more|something|a\s+bit)\s+)?(?:about\s+)?
  | (?:what\s+(?:do|can)\s+you\s+(?:know|tell\s+me)|do\s+you\s+know\s+anything)\s+about\s+(?=\w)
  | (?:please\s+)?(?:explain|describe|define)\s+(?:to\s+me\s+)?(?=\w)
  | i(?:'d|\s+would)\s+like\s+to\s+know\s+
  | i\s+(?:want|need)\s+to\s+know\s+
  | (?:i(?:'m|\s+am)\s+)?just\s+(?:curious|wondering)\s*[,:.!-]*\s*
  | i(?:'m|\s+am|\s+was)?\s+(?:wondering|curious)(?:\s*[,:]\s*|\s+)(?:about\s+)?
  | (?:a\s+)?quick\s+one\s*[:,.!-]+\s*
  | eli5\s*[:,.!-]*\s+
  | (?:(?:total|complete|python)\s+)?(?:newbie|noob|beginner|new\s+user)\s+here\s*[:,.!-]+\s*
  | i\s+wonder\s+
  | (?:do\s+you|does\s+anyone|does\s+somebody)\s+know\s+
  | any\s+idea\s+
  | please[,\s]+
  | >+\s*
  | (?:please\s+)?help(?:\s+(?:me|needed))?(?:\s+please)?\s*[:!.,-]+\s*
  | (?:please\s+)?help\s+me\s+(?:to\s+)?(?:understand|with)\s+(?=\w)
  | (?:(?:my|our|a)\s+(?:\w+\s+)?(?:boss|friend|colleague|co-?worker|teacher|professor|student|manager|interviewer|
       client|customer|team|kid|son|daughter|partner)|someone|somebody|people)\s+(?:asked|asks|wants?\s+to\s+know|
       wanted\s+to\s+know|wonders?|was\s+wondering)(?:\s+me)?(?:\s+(?:this|that)\s*[:,-]|\s*[:,-]|\s+(?=\w))\s*
  | i\s+need\s+(?:some\s+)?help(?:\s+with\s+(?:this|something))?\s*[:!.,-]+\s*
  | (?:sorry\s+(?:if\s+this\s+is|for)\s+(?:a|the|such\s+a)|(?:this\s+)?(?:might|may|could)\s+be\s+a|
       (?:probably|maybe)\s+a)\s+(?:\w+\s+){0,2}question\s*[,.!:-]*\s*(?:but\s+)?
)""", re.I | re.X)
_CLOSERS = re.compile(rf"[\s,.;:-]*\b(?:please|pls|plz|{_THANKS}|(?:best\s+|kind\s+)?regards)\b"
                      r"(?:\s+(?:a\s+lot|so\s+much|in\s+advance))?(?:[\s,-]+[A-Z][\w.-]*)?[\s.!]*$"
                      r"|\s*(?:[:;]-?[()DPp/]|<3|\^\^|[\u2600-\u27bf\U0001f300-\U0001faff]\ufe0f?)+[\s.!]*$", re.I)


_SENTENCE_END = re.compile(r"(?:(?<=[^\W\d_][.!])|(?<=\?))\s+(?=[A-Z])")  # "here. Which", not "from ... import"
_ORDINAL = rf"(?:{'|'.join(ORDINAL_WORDS)}|\d+(?:st|nd|rd|th))"
_CARDINAL = rf"(?:{'|'.join(CARDINAL_WORDS)})"
_LIST_NOUN = rf"(?:{'|'.join(LIST_NOUN_WORDS)})s?\b"
_ITEM_ASKED = re.compile(rf"\b(?:{_ORDINAL}\s+{_LIST_NOUN}|{_LIST_NOUN}\s+(?:\d+|{_CARDINAL})\b)", re.I)
_POINTS_BACK = re.compile(r"\b(?:it|its|they|them|their|this|that|these|those|he|she)\b|\b(?:which|the|a|new)\s+one\b(?!-)|"
                         # "when can I go there?": the place asked about before (not "Is there…", "there are")
                         r"(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbe\s)(?<!^)\bthere\b"
                         r"(?!\s+(?:is|are|was|were|be|been|will|would|'s|’s|any|a|an|some|no|enough)\b)|"
                         r"\b(?:an?|the)\s+(?!number\b)[a-z]+\s+one\b(?!-)|"  # "an empty one", "the other one"
                         r"\b(?:make|use|create|get|need|have|pick|choose|want|write|add|define|build|open|find|call|"
                         r"declare)\s+one\b|"
                         # "What is the third step?", "and step 4?": of the steps the previous answer listed
                         r"\bthe\s+(?:next|last|previous|" + _ORDINAL + r")\s+" + _LIST_NOUN + r"|\bstep\s+(?:\d+|" + _CARDINAL
                         + r")\b", re.I)


def last_question(text, keep_context=False):
    """The question a message ends with, without the sentences before it ("I am new here.
    Which port does the server use?"), unless it is short and points back at them ("… Which
    port does it use?") or asks nothing by itself ("… What should I do?"), and without remarks
    after it ("… use? I read the docs but got confused.", "… use? (on 3.11)"); `text` when it
    holds no question after or before other sentences. With `keep_context`, the sentences before
    it stay."""
    text = _CLOSING_ASIDE.sub("?", text.strip())
    parts = _SENTENCE_END.split(text)
    while len(parts) > 1 and _CONTENTLESS.match(parts[-1]):  # "… Any ideas?", "… And why?"
        parts.pop()
        text = " ".join(parts)
    asking = [i for i, part in enumerate(parts) if part.endswith("?")]
    if asking and asking[-1] < len(parts) - 1:  # remarks after the last question
        parts = parts[:asking[-1] + 1]
        text = " ".join(parts)
    if len(parts) < 2 or not parts[-1].endswith("?") or parts[-2].endswith("?"):
        return text
    follow_up = _POINTS_BACK.search(parts[-1]) and len(parts[-1].split()) <= _FOLLOW_UP_WORDS
    says_nothing = not analyze(parts[-1])  # "… address already in use. What do I do?": all stop words
    return text if follow_up or says_nothing or keep_context else parts[-1]


# a closing question that adds nothing to the one before it
_CONTENTLESS = re.compile(r"^(?:(?:and|but|or|so|also)\s+)?(?:why|how|why\s+not|how\s+so|any\s+ideas?|any\s+help|"
                          r"any\s+tips|right|really|thoughts|is\s+(?:that|this|it)\s+(?:right|true|so|correct)|"
                          r"am\s+i\s+right|what\s+do\s+you\s+think|anyone)\s*[?!.]*$", re.I)
_CLOSING_ASIDE = re.compile(r"\?\s*\([^()]*\)[\s.!]*$")  # "…? (using 3.11)"


_CONTRACTIONS = {"can't": "cannot", "won't": "will not", "shan't": "shall not", "i'm": "I am", "let's": "let us",
                 # typed without the apostrophe
                 "whats": "what is", "hows": "how is", "wheres": "where is", "whos": "who is", "thats": "that is",
                 "dont": "do not", "doesnt": "does not", "didnt": "did not", "isnt": "is not", "arent": "are not",
                 "wasnt": "was not", "cant": "cannot", "wont": "will not", "shouldnt": "should not",
                 "couldnt": "could not", "wouldnt": "would not"}
_CONTRACTION = re.compile(r"\b(\w+)(n't|'s|'re|'ve|'ll|'d|'m)\b|\b(?:can't|won't|shan't|"
                          + "|".join(k for k in _CONTRACTIONS if "'" not in k) + r")\b", re.I)
_ENDINGS = {"n't": " not", "'s": " is", "'re": " are", "'ve": " have", "'ll": " will", "'d": " would", "'m": " am"}


# chat shorthand: "what r lambdas", "how do u sort", "wat does pass do"
_SHORTHAND = [(re.compile(r"^(?:wat|wut|wht)\b", re.I), "what"),
              (re.compile(r"\b(what|how|where|who|which|when|why)\s+r\b", re.I), r"\1 are"),
              (re.compile(r"\b(do|can|could|would|should|will|did|have)\s+u\b", re.I), r"\1 you"),
              (re.compile(r"\bur\b(?=\s+\w)", re.I), "your")]
_WRAPPED = re.compile(r"^\s*([\"'\u201c\u2018])(?P<inside>[^\"'\u201c\u201d\u2018\u2019]+)[\"'\u201d\u2019]\s*$")


def expanded(text):
    """`text` with "doesn't", "what's", "I'm"… written out, so that their words are the stop words
    and the "not" they are, not unknown terms ("doesnt"). A possessive "'s" ("Python's") stays."""
    def expand(match):
        whole = match.group(0)
        if whole.lower() in _CONTRACTIONS:
            full = _CONTRACTIONS[whole.lower()]
            return full[:1].upper() + full[1:] if whole[:1].isupper() else full
        word, ending = match.group(1), match.group(2).lower()
        if ending == "'s" and word.lower() not in _IS_BEFORE:
            return whole  # possessive
        return word + _ENDINGS[ending]

    wrapped = _WRAPPED.match(text)  # the whole question in quotes
    text = wrapped.group("inside") if wrapped else text
    for pattern, replacement in _SHORTHAND:
        text = pattern.sub(replacement, text)
    return _CONTRACTION.sub(expand, text.replace("\u2019", "'"))


_IS_BEFORE = {"what", "where", "who", "how", "when", "why", "which", "it", "that", "there", "here", "this", "he", "she"}


MAX_QUESTION_CHARS = 2000  # longer messages are taken as they are
MAX_WRAPPERS = 8  # greetings, labels and requests taken off one after another


def _sentence_case(text):
    """`text` in lower case but its first letter when its capitals say nothing (ALL CAPS, Every Word
    Capitalised): a capital inside a question otherwise marks a name ("Who wrote Hamlet?")."""
    words = re.findall(r"[^\W\d_]+", text)
    capitalised = sum(word[0].isupper() for word in words)
    if len(words) < 3 or capitalised < 0.75 * len(words):
        return text
    lowered = text.lower()
    return text[:1] + lowered[1:]  # the first letter as typed: "ß".upper() is "SS"


def plain_question(text, keep_context=False):
    """`text` without the greetings, "question:" labels, "can you tell me…" and "thanks" around
    the question, or the sentences of context before it (unless `keep_context`); `text` itself
    when nothing else would be left."""
    if len(text) > MAX_QUESTION_CHARS:
        return text  # a pasted page: what surrounds it is not the point
    question = expanded(_sentence_case(text.strip()))
    for _ in range(MAX_WRAPPERS):
        shorter = _ABOUT_LABEL.sub(_about_label, question, count=1)
        shorter = _WANTS_TO.sub(r"How do I \g<task>?", shorter, count=1)
        shorter = _OPENERS.sub("", last_question(shorter, keep_context), count=1)
        shorter = _CLOSERS.sub("", shorter).strip()
        if not re.search(r"\w", shorter):
            return text.strip()  # only a greeting or thanks: nothing to ask
        if shorter == question:
            break
        question = shorter
    if text.rstrip().endswith("?") and not question.endswith("?"):
        question += "?"
    if not re.search(r"\w", question):
        return text
    question = _INSISTING.sub(r"\1", _TRAILING_FILLER.sub("", topic_first(question)))
    for pattern, replacement in _REPHRASINGS:
        question = pattern.sub(replacement, question, count=1)
    meaning = _ASKS_MEANING.match(question)
    if meaning:  # "frozenset meaning", "definition of free variable"
        question = f"What is {(meaning.group('named_after') or meaning.group('named_before')).rstrip('?. ')}?"
    elif _BARE.match(question) and not _ONLY_POLITE.match(question):  # "free variable": what is it?
        question = f"What is {_LEADING_CONJUNCTION.sub('', question).rstrip('?. ')}?"
    for pattern, replacement in _PHRASAL_VERBS:
        question = pattern.sub(replacement, question)
    return question


# "X - what does it do?", "dict.get: what does it return?": the question about X
_TOPIC_FIRST = re.compile(r"^(?P<topic>[^?!:]{1,80}?)\s*(?:\s[-\u2013\u2014]+|:|\?)\s+(?P<question>(?:what|how|why|when|"
                          r"where|which|who|is|are|does|do|can|should)\b.*)$", re.I)
_PRONOUN = re.compile(r"\b(?:it|they|them|this)\b", re.I)
# "What exactly is X?", "How exactly does…": a word that only insists
_INSISTING = re.compile(r"\b(what|how|why|when|where|which|who)\s+(?:exactly|precisely|really|actually)\b", re.I)
# "What does X do exactly?": a closing word that only insists; "… if I don't renew in time?": a deadline
# the documents name in their own words ("… who have not renewed by then lose…"); "Where is the bell
# now?": the present, which the documents' "hangs in the museum" says without the word
_TRAILING_FILLER = re.compile(r"(?:\s+(?:exactly|precisely|again|anyway|though|actually|really|in\s+time)|"
                              r"(?<!\bright)(?<!\bwhat)\s+now|"
                              r",?\s+or\s+not|,?\s+(?:yes|y)\s+or\s+(?:no|n))(?=\s*[?.!]*\s*$)", re.I)


def topic_first(question):
    """"X - what does it do?" as "What does X do?": the topic named first, then a question that
    points back at it ("it", "they"); any other question unchanged."""
    match = _TOPIC_FIRST.match(question)
    if not match or not _PRONOUN.search(match.group("question")):
        return question
    topic = match.group("topic").strip()
    asked = _PRONOUN.sub(lambda _: topic, match.group("question"), count=1)
    return asked[:1].upper() + asked[1:]


# "Is there a way to…", "What is the best way to…", "Is it possible to…": how to do it
_WAY_TO = re.compile(r"""^(?:
    is\s+there\s+(?:a|any|an?\s+(?:easy|simple|good|quick|clean|better))\s+way\s+(?:to|of)
  | is\s+it\s+possible\s+to
  | (?:what\s+is|what's)\s+(?:the|a)\s+(?:(?:best|easiest|simplest|right|proper|correct|recommended|quickest|fastest|usual|
      standard|preferred|pythonic|good)\s+)?way\s+to
  | (?:what\s+is|what's)\s+the\s+(?:command|function|method|syntax|code)\s+(?:to|for)
  | how\s+(?:would|could|should|might|does)\s+(?:one|you|we|i)
  | (?:steps|instructions)\s+(?:to|for)
  | how\s+2
  | any\s+way\s+to
)\s+(?=\w)""", re.I | re.X)
_DEFINED = {"def": "function", "class": "class"}  # what a "def"/"class" statement defines
# the same questions in other words: (pattern, the words that ask it as the documents are searched)
_REPHRASINGS = [
    (_WAY_TO, "How do I "),
    (re.compile(r"^how\s+come\s+(?=\w)", re.I), "Why "),  # "How come sort returns None?"
    (re.compile(r"^(?:what\s+is\s+)?(?:the\s+)?number\s+of\s+(?=\w)", re.I), "How many "),  # "number of seats?"
    (re.compile(r"^(?:am\s+i\s+(?:able|allowed)\s+to|is\s+it\s+(?:ok(?:ay)?|allowed|fine|safe)\s+to)\s+(?=\w)", re.I),
     "Can I "),
    (re.compile(r"\b(?:what\s+now|now\s+what)(?=\s*[?!.]*\s*$)", re.I), "what should I do"),  # "E4 on screen, what now?"
    # "What does the name tqdm mean?": what tqdm means ("tqdm derives from the Arabic word…, which can mean…")
    (re.compile(r"^(what\s+(?:does|do)\s+)(?:the|this)\s+(?:name|word|term|acronym|abbreviation)\s+"
                r"(?=\S+(?:\s+\S+)?\s+(?:mean|stand\s+for)\b)", re.I), r"\1"),
    # "What replaced load_grid?", "What do I use instead of load_grid?": what it is now
    (re.compile(r"^what\s+(?:(?:has\s+)?replaced|replaces|(?:do|should|can)\s+i\s+use\s+instead\s+of)\s+"
                r"(?P<old>[^?]+?)\s*\?*$", re.I), r"What is \g<old> now?"),
    # "What is the order of operations?": the name documents give it ("Operator precedence")
    (re.compile(r"\border\s+of\s+(?:operations|evaluation\s+of\s+operators)\b", re.I), "operator precedence"),
    # "What is an f-string?": Python's name for it, which its reference uses ("… is a formatted string literal")
    (re.compile(r"\b(?:an?\s+(?=f-?string\b))?f-?string(s?)\b", re.I),
     lambda m: "formatted string literals" if m.group(1) else "a formatted string literal"),
    # "What does a def statement do?": what the reference calls it ("A function definition defines…")
    (re.compile(r"(?:\b(a|the)\s+)?[`'\"]?\b(def|class)\b[`'\"]?\s+(?:statement|keyword)\b", re.I),
     lambda m: " ".join(filter(None, (m.group(1), _DEFINED[m.group(2).lower()], "definition")))),
]
# "Question about pdb: how do I step?": the question about its topic ("… in pdb?", which is left
# out later when it is what the documents are about: "Question regarding Python: …")
_ABOUT_LABEL = re.compile(r"^(?:(?:a|one|quick|short)\s+)?(?:question|q)\s+(?:about|regarding|on|re|concerning)\s+"
                          r"(?P<topic>[^:?!.]{1,60}?)\s*[:?!.-]+\s+(?P<question>\S.*?)\s*$", re.I)


def _about_label(match):
    question, topic = match.group("question"), match.group("topic")
    if _DOCS_WORDS.match(topic):  # "Question about the docs: …"
        return question
    return f"{question.rstrip(' ?')} in {topic}" + ("?" if question.endswith("?") else "")


_DOCS_WORDS = re.compile(r"^(?:the\s+|your\s+|these\s+)?(?:docs?|documentation|documents?|manual|readme|guide|"
                         r"handbook|pages?)$", re.I)


# "I want to reverse a list. How?", "Trying to X, any ideas?": how to do X
_WANTS_TO = re.compile(r"""(?:^|(?<=[.!?,]\s))(?:i\s+(?:want|need|would\s+like|am\s+trying)\s+to|trying\s+to)\s+(?!know\b|ask\b)(?P<task>[^.?!]+?)
    \s*[.,;:!-]*\s*(?:how(?:\s+(?:do|can|would|should)\s+i(?:\s+do\s+(?:it|that|this))?)?|any\s+ideas|
    what\s+should\s+i\s+do|help)?\s*[?.!]*$""", re.I | re.X)
# "find out", "figure out": a light verb ("How do I find out the type…"), not the topic "find"
_FIND_OUT = re.compile(r"\b(?:find|figure)\s+out\s+(?=\w)", re.I)
# "What does rfind give back?", "How do I send back an order?": return
_GIVE_BACK = re.compile(r"\b(?:give|gives|hand|hands|send|sends|sending|bring|brings|bringing)\s+back\b", re.I)
# "Do I get my money back?": a refund, as documents say ("my membership money back": a membership refund)
_MONEY_BACK = re.compile(r"\b(?:get|gets|getting|receive|have)\s+(?:(?:my|our|your|the|any|some|all|all\s+the)\s+)?"
                         r"(?:(?!money\b)([\w-]+)\s+)?money\s+back\b", re.I)


def _a_refund(match):
    return f"get a {match.group(1)} refund" if match.group(1) else "get a refund"


# "When will I get my deposit back?": the deposit returned, as documents say ("back" stays: "copy it
# back from the snapshot folder" answers "How do I get a file back?")
_GET_BACK = re.compile(r"\b(get|gets|getting)\s+((?:my|our|your|the|a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}?)back\b",
                       re.I)
# "When do they get back?", "What time do we come back?": return (not "get back to me": reply)
# ("How much do I get back for driving?" is what is paid back)
_COME_BACK = re.compile(r"\b(?:get|gets|getting|got|come|comes|coming|came)\s+back\b(?=\s*(?:[?.!]|$|home\b|from\b|"
                        r"on\b|at\b|by\b|before\b|after\b|when\b))", re.I)
# "Which files are left out?", "Can I leave a field out?": excluded, omitted, as documents say
_LEFT_OUT = re.compile(r"\b((?:is|are|was|were|be|been|get|gets))\s+left\s+out\b", re.I)
_LEAVE_IT_OUT = re.compile(r"\b(?:leave|leaves|leaving)\s+((?:it|them|this|that|the|a|an|my|your)\b(?:\s+[\w-]+)?)\s+out\b"
                           r"(?!\s+(?:in|on|overnight|for|at)\b)", re.I)
# "Can under 18s ride?", "Is it free for over 65s?": people under or over that age, as documents write it ("under 18")
_AGE_GROUP = re.compile(r"\b(under|over)[- ]?(\d{1,2})s\b", re.I)
# "What if I bring the tent back late?": return it (the object between, as in "take the battery out")
_BRING_IT_BACK = re.compile(r"\b(?:give|gives|bring|brings|send|sends|hand|hands)\s+((?:the|my|your|our|their|a|an|"
                            r"it|them|this|that|these|those)\b(?:\s+[\w-]+){0,2}?)\s+back\b", re.I)
# "What do I get back when I call a class?": what is returned (no object between "get" and "back")
_WHAT_COMES_BACK = re.compile(r"\b(what\s+)(?:do|does|did|will|would|can)\s+(?:i|you|we|it|they|one)\s+"
                              r"(?:get|receive)\s+back\b", re.I)
# "How do I take the battery out?": remove it (not "take out insurance")
_HELD_THING = r"((?:the|my|your|our|a|an|it|them|this|that)\b(?:\s+[\w-]+){0,2}?)"  # "the battery", "a known prefix"
_TAKE_OUT = re.compile(rf"\btake\s+{_HELD_THING}\s+out\b", re.I)
# "How do I chop a known prefix off a string?": remove it
_CUT_OFF = re.compile(rf"\b(?:chop|cut|strip|trim|lop)\s+{_HELD_THING}\s+off\b", re.I)
# "How do I turn a string into bytes?": convert it, as documents say ("… to convert a str to bytes")
_TURN_INTO = re.compile(r"\b(?:turn|make)\s+((?:[\w'-]+\s+){1,4}?)into\b", re.I)
# "What do I hand in?", "Can I hand it in late?": submit (not the "hand" of "hand luggage")
_HAND_IN = re.compile(r"\b(?:hand|hands|handed|handing)\s+(?:(?:it|them|this|that|mine)\s+)?in\b"
                      r"(?!\s+hand\b)", re.I)
# "Why does the first run take so long?": why it is slow (not "How long does it take?", a duration)
_TAKES_SO_LONG = re.compile(r"\b(?:take|takes|taking|took)\s+(?:so|too|this|that)\s+long\b", re.I)
# "What is your rate at the moment?": currently, as documents say
_AT_THE_MOMENT = re.compile(r"\b(?:at\s+the\s+moment|right\s+now|at\s+present|these\s+days|nowadays)\b", re.I)
# "Do I get a certificate at the end?": when, not what ("at the end of the course" stays, and so
# does where a character goes: "… without a newline at the end?")
_AT_THE_END = re.compile(r"\b(\w+)\s+(?:at\s+the\s+end|in\s+the\s+end|afterwards)(?=\s*[?.!]*\s*$)", re.I)
_TEXT_PARTS = frozenset("newline newlines space spaces comma slash character characters whitespace zeros zeroes "
                        "dot period semicolon".split())


def _when_at_the_end(match):
    """The words before "at the end" without it, unless it says where a character goes."""
    return match.group(0) if match.group(1).lower() in _TEXT_PARTS else match.group(1)


# "Can I do a course without paying?": for free, as documents say
_WITHOUT_PAYING = re.compile(r"\bwithout\s+(?:paying(?:\s+anything)?|payment|charge|any\s+cost|cost)\b", re.I)
# "How many books can I take out at once?": borrow (not "take out insurance", "take the battery out")
_TAKE_OUT_LOAN = re.compile(r"\b(?:take|takes|taking|took)\s+out(?=\s*(?:at\s+(?:once|a\s+time|the\s+same\s+time)\b|"
                            r"[?.!]|$))", re.I)
# "Is the ride called off if it rains?": cancelled, as documents say
_CALL_OFF = re.compile(r"\b(?:call|calls|called|calling)\s+off\b", re.I)
# "Can my 10-year-old watch a film alone?": a child of that age, as documents say ("Children under 12…");
# up to 15 ("Child (under 16)"), and not before a noun ("my 10-year-old son", "a 3-year-old dog")
_YEAR_OLD_CHILD = re.compile(r"\b(?:my|our|his|her|their|a|an)\s+(1[0-5]|[1-9])[- ]years?[- ]olds?\b"
                             r"(?!\s+(?:son|daughter|child|children|kid|kids|boy|girl|baby|dog|cat)\b)", re.I)
# "What does a bare raise do?", "Where does a bare except go?": the statement with no expression, as the
# reference says ("If no expressions are present, raise re-raises…")
_BARE_KEYWORD = re.compile(r"\b(?:a|the)\s+bare\s+((?:raise|except|return|yield)(?:\s+(?:clause|statement))?)\b", re.I)
# "How do I sort a list from biggest to smallest?": in descending order, as documents say (and the other way, ascending)
_LARGE = r"(?:biggest|largest|highest|greatest|most|big|large|high|great|max(?:imum)?)"
_SMALL = r"(?:smallest|lowest|least|small|low|min(?:imum)?)"
_ORDER_DOWN = re.compile(rf"\b(?:from\s+)?(?:the\s+)?{_LARGE}\s+to\s+(?:the\s+)?{_SMALL}\b", re.I)
_ORDER_UP = re.compile(rf"\b(?:from\s+)?(?:the\s+)?{_SMALL}\s+to\s+(?:the\s+)?{_LARGE}\b", re.I)
# "Which datum is used if I don't give one?": by default, as documents say ("By default, datum is 'MLLW'.")
_NOT_GIVEN = re.compile(r"\b(?:if|when)\s+(?:i|you|we|one)\s+(?:don't|dont|do\s+not|didn't|did\s+not|never)\s+(?:give|pass|"
                        r"specify|set|provide|choose|pick|supply|name|say)\b(?:\s+(?:one|it|any|anything|them))?(?=\s*[?.!]*\s*$)", re.I)
# phrasal verbs in the words documents use, in this order: (pattern, replacement)
# "How do I add up a list of numbers?", "Can I add the scores up?": sum them, as documents say
_ADD_UP = re.compile(r"\badd(?:s|ed|ing)?\s+(?:up\s+|((?:them|these|those|it|all|the|my|your)(?:\s+[\w-]+)?)\s+up\b)",
                     re.I)


def _a_sum(match):
    return f"sum {match.group(1)}" if match.group(1) else "sum "


_PHRASAL_VERBS = [(_FIND_OUT, "get "), (_ADD_UP, _a_sum), (_MONEY_BACK, _a_refund), (_GET_BACK, r"\1 \2returned back"),
                  (_TAKE_OUT, r"remove \1"), (_CUT_OFF, r"remove \1"), (_TURN_INTO, r"convert \1to"),
                  (_GIVE_BACK, "return"), (_BRING_IT_BACK, r"return \1"),
                  (_HAND_IN, "submit"), (_TAKES_SO_LONG, "slow"), (_AT_THE_MOMENT, "currently"),
                  (_AT_THE_END, _when_at_the_end),
                  (_WITHOUT_PAYING, "for free"), (_CALL_OFF, "cancelled"), (_TAKE_OUT_LOAN, "borrow"),
                  (_WHAT_COMES_BACK, r"\1is returned"), (_YEAR_OLD_CHILD, r"a child aged \1"),
                  (_BARE_KEYWORD, r"\1 with no expressions"), (_COME_BACK, "return"), (_AGE_GROUP, r"\1 \2"),
                  (_LEFT_OUT, r"\1 excluded"), (_LEAVE_IT_OUT, r"exclude \1"),
                  (_ORDER_DOWN, "in descending order"), (_ORDER_UP, "in ascending order"), (_NOT_GIVEN, "by default")]


_ASKS_MEANING = re.compile(r"^(?!(?:what|who|how|why|when|where|which|is|are|does|do|can)\b)(?:(?:the\s+)?(?:meaning|"
                           r"definition)\s+of\s+(?P<named_after>.+?)|(?P<named_before>.+?)\s+(?:meaning|definition|"
                           r"explained))\s*[?.]*$", re.I)
_ONLY_POLITE = re.compile(rf"^(?:{_THANKS}|please|ok(?:ay)?|{_GREETING}|bye|yes|no)\W*$", re.I)
# a few words that neither ask ("what", "is"…) nor end a sentence: the name of a thing
_CONJUNCTION = r"(?:and|so|but|or)[,\s]+"  # "and tuples?": a follow-up's opening word, no part of the name
_LEADING_CONJUNCTION = re.compile("^" + _CONJUNCTION, re.I)
_BARE = re.compile(rf"^(?!(?:{_CONJUNCTION})?(?:what|who|whom|whose|when|where|why|which|how|is|are|was|were|"
                   r"am|do|does|did|can|could|should|would|will|shall|may|might|must|has|have|had|if|whether)\b)"
                   r"[^\s.!]+(?:\s+[^\s.!]+){0,3}\??$", re.I)


# "… in Python?", "… with Tallyho 3?": the documents' own subject, named at the end of a question
# (capitalised, or as the documents write it: "… in python"); "… in strings?" is not a name and stays
_SUBJECT_TAIL = re.compile(r"\s+(?:in|using|with)\s+(?P<name>[A-Z][\w.+#-]*)(?:\s+v?\d[\w.]*)?\s*(?P<end>[?.!]*)\s*$")
_NAME = r"(?P<name>[^\W\d_][\w.+#-]*)"
# (pattern, whether the documents must write the name capitalised)
_SUBJECT_FORMS = [
    (_SUBJECT_TAIL, False),
    (re.compile(_SUBJECT_TAIL.pattern.replace("[A-Z]", "[^\\W\\d_]")), True),  # "… in python"
    (re.compile(r"^" + _NAME + r"(?:\s+v?\d[\w.]*)?\s*[:,-]?\s+(?=(?:how|what|why|when|where|which|who|is|are|does|"
                r"do|can)\b)", re.I), True),  # "python how to reverse a list"
]
SUBJECT_SHARE = 0.1  # a name in at least this share of the passages is what the documents are about
MIN_SUBJECT_PASSAGES = 3  # … and in at least this many of them (a small folder's few passages)


def without_subject(question, idf, analyze, passages_about=None):
    """`question` without a closing "in Python" when the documents name Python so often that it
    is their subject (idf at most that of a term in SUBJECT_SHARE of the passages): "What does
    the not operator return in Python?" asks what "What does the not operator return?" asks, but
    "python" would favour the sentences that happen to name it. Typed in lower case ("… in
    python") or first ("python how to…"), the name
    must be one the passages about it (`passages_about(word)`: texts) write capitalised: "… in
    memory" stays. Something must be left to ask ("What is None?" stays)."""
    common = math.log(1 + (1 - SUBJECT_SHARE) / SUBJECT_SHARE)
    for pattern, written_capitalised in _SUBJECT_FORMS:
        match = pattern.search(question)
        if not match:
            continue
        name = match.group("name")
        terms = [t for t in analyze(name) if not t.isdigit()]
        if not terms or any(idf(t) > common for t in terms):
            continue
        shorter = question[:match.start()] + (match.groupdict().get("end") or "") + question[match.end():]
        if not analyze(shorter):
            continue
        texts = passages_about(name) if passages_about is not None else None
        if texts is not None and sum(name.lower() in text.lower() for text in texts) < MIN_SUBJECT_PASSAGES:
            continue  # "Do you work in Scotland?" of a folder that names Scotland once: what is asked
        if written_capitalised and (texts is None or not written_as_name(name, texts)):
            continue
        if texts and _heads_section(name, set(analyze(shorter)), texts, analyze):
            continue  # "… in IPython?" of a README with "## Load .env files in IPython": a section's topic
        return shorter[:1].upper() + shorter[1:] if match.start() == 0 else shorter
    return question


_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+)$", re.M)


def _heads_section(name, asked, texts, analyze):
    """Whether a Markdown heading of `texts` writes `name` with another word of the question
    (`asked`: its terms without the name, as `analyze` reads them): a section is about it there,
    however often the documents name it elsewhere."""
    named = re.compile(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", re.I)
    return any(named.search(heading) and not asked.isdisjoint(analyze(heading))
               for text in texts for heading in _MARKDOWN_HEADING.findall(text))


_ACRONYM = re.compile(r"\b(?=[0-9A-Z]{3,6}s?\b)(?=(?:\d?[A-Z]){2})([0-9]?[A-Z][A-Z0-9]{1,5})s?\b")  # "SSO", "PTOs", "2FA"
_DIGIT_WORDS = dict(zip("123456789", "one two three four five six seven eight nine".split()))
PASSAGES_READ = 10  # passages read for the words an acronym stands for, or for a holiday's name
# two-letter acronyms, read as their words where the documents only write those
_SHORT_ACRONYMS = {"PR": "pull request", "HR": "human resources", "OS": "operating system", "UI": "user interface",
                   "AC": "air conditioning", "TV": "television", "DM": "direct message", "CV": "curriculum vitae"}
_SHORT_ACRONYM = re.compile(rf"\b({'|'.join(_SHORT_ACRONYMS)})s?\b")


def spelled_out(question, idf, passages_about, passages_matching=None):
    """`question` with an acronym the documents never use replaced by the words they spell it out
    with ("Which plan has SSO?" of documents that write "single sign-on"): found in the passages
    the rest of the question retrieves (`passages_about(text, top_k)`: texts) or, when nothing but
    the acronym is asked about ("When is the AGM?"), in the first passage holding such words
    (`passages_matching(pattern)`: texts; a scan of them all)."""
    rarest = idf(None)
    for match in _ACRONYM.finditer(question):
        acronym = match.group(1)
        if any(idf(t) < rarest for t in analyze(acronym)):
            continue
        rest = question[:match.start()] + question[match.end():]
        words = r"[\s-]+".join(rf"(?:{letter}|{_DIGIT_WORDS[letter]})" if letter in _DIGIT_WORDS else
                               rf"{letter}[^\W\d_]*" for letter in acronym)
        pattern = re.compile(rf"(?<![\w-]){words}(?![\w-])", re.I)
        asked = [t for t in analyze(rest) if t not in KEYWORD_STOP_WORDS]  # not the "is" of "When is the AGM?"
        if asked:
            texts = passages_about(rest, PASSAGES_READ)
        elif passages_matching is not None and len(acronym) > 2:
            texts = passages_matching(pattern)
        else:
            continue
        for text in texts:
            found = pattern.search(text)
            if found:
                return question[:match.start()] + found.group(0) + question[match.end():]
    for match in _SHORT_ACRONYM.finditer(question):  # two letters would match too many phrases: known ones only
        words = _SHORT_ACRONYMS[match.group(1)]
        if all(idf(t) >= rarest for t in analyze(match.group(1))) and all(idf(t) < rarest for t in analyze(words)):
            return question[:match.start()] + words + question[match.end():]
    return question


# holidays on a fixed date, as documents that list dates write them
# (pattern, the name documents would write, date)
_HOLIDAYS = [(re.compile(pattern, re.I), name, date) for pattern, name, date in (
    (r"\bchristmas\s+eve\b", "christmas", "24 December"), (r"\bchristmas(?:\s+day)?\b", "christmas", "25 December"),
    (r"\bboxing\s+day\b", "boxing", "26 December"), (r"\bnew\s+year'?s?\s+eve\b", "new year", "31 December"),
    (r"\bnew\s+year'?s?(?:\s+day)?\b", "new year", "1 January"),
    (r"\bvalentine'?s?(?:\s+day)?\b", "valentine", "14 February"), (r"\bhalloween\b", "halloween", "31 October"))]


def dated_holidays(question, passages_about):
    """`question` with a holiday on a fixed date that the documents never name replaced by its date
    ("Is there a run on Christmas Day?" of a page that says "no event on 25 December");
    `passages_about(text, top_k)`: texts."""
    for pattern, name, date in _HOLIDAYS:
        match = pattern.search(question)
        if not match:
            continue
        if any(name in text.lower() for text in passages_about(name, PASSAGES_READ)):
            return question  # the documents name it
        return question[:match.start()] + date + question[match.end():]
    return question


def written_as_name(word, texts):
    """Whether `texts` write `word` capitalised in most of the places they use it ("Python")."""
    found = re.findall(rf"(?<![\w.]){re.escape(word)}(?![\w])", " ".join(texts), re.I)
    return sum(w[:1].isupper() for w in found) * 2 > len(found)


_WORD = re.compile(r"[^\W\d_]{4,}")
SWAPS_ONLY_BELOW = 5  # a four-letter word is only read as two of its letters swapped ("lsit", "tpye"):
                      # a letter more or less makes too many other words ("bake": "make", "base")
_DROPPED_LETTERS = "aeiou"  # letters put back anywhere; a consonant only next to itself
MIN_TERM = 4  # "added" is the term "ad": too short to tell a slip from another word
MAX_CORRECTIONS = 8  # words looked at per question (each costs ~1 ms)
MAX_TYPO_WORD = 30


# words questions use that documents need not ("What happens…", "What triggers…", "Which Python does
# it require?"): a typo in one of them is read as it too
QUESTION_WORDS = """happen happens trigger triggers cause causes require requires required need needs mean means
meaning difference differ different explain describe defined define definition purpose example work works
use used using support supports supported default release released ship shipped publish published store stored
located location configure configured install installed organise organised organize organized allow allowed
change changed maximum minimum possible available recommended""".split()


def corrected(question, idf, vocabulary, analyze):
    """`question` with each word of four letters or more whose term the documents never use, but
    that one typing slip turns into a word whose term they do use, so edited: to the commonest
    such term ("What does the power opertaor do?" asks about the "operator"; see `_slips`).
    `vocabulary` holds the indexed terms."""
    if not vocabulary:
        return question
    known = _known_terms(frozenset(vocabulary), analyze)  # the index's frozenset is not copied
    tried = []

    def fix(match):
        word = match.group(0)
        terms = analyze(word)
        if len(terms) != 1 or len(terms[0]) < MIN_TERM or base_term(terms[0]) in known:
            return word
        if len(tried) >= MAX_CORRECTIONS or len(word) > MAX_TYPO_WORD:
            return word  # a pasted log or a made-up string, not a slip
        tried.append(word)
        if word.lower() in english_words():
            return word  # "Which planet…?" of documents about a plant: a word, not a slip
        parts = _written_apart(word.lower(), known, analyze)
        if parts:
            return parts
        found = {}
        for edit in _slips(word.lower(), swaps_only=len(word) < SWAPS_ONLY_BELOW):
            edited = analyze(edit)
            if len(edited) == 1 and len(edited[0]) >= MIN_TERM and base_term(edited[0]) in known:
                found.setdefault(edited[0], edit)
        if not found:
            return word
        best = min(found, key=lambda t: (idf(t), t))
        return found[best]

    def join(match):  # "e-mail" of documents that write "email"
        joined = analyze(match.group(1) + match.group(2))
        if len(joined) == 1 and base_term(joined[0]) in known and not all(
                base_term(t) in known for t in analyze(match.group(0))):
            return match.group(1) + match.group(2)
        return match.group(0)

    return _WORD.sub(fix, _joined_words(_HYPHENATED.sub(join, question), known, analyze))


_TWO_WORDS = re.compile(r"\b([^\W\d_]{2,}) +(?=([^\W\d_]{2,})\b)")


def _joined_words(question, known, analyze):
    """`question` with two words the documents only write as one joined ("head teacher" of
    documents that write "headteacher"): the joined word is a term they use and one of the two
    is not."""
    out, end = [], 0
    for match in _TWO_WORDS.finditer(question):
        if match.start() < end:
            continue
        first, second = match.group(1), match.group(2)
        joined = analyze(first + second)
        if len(joined) == 1 and base_term(joined[0]) in known and not all(
                base_term(t) in known for t in analyze(f"{first} {second}")):
            out.append(question[end:match.start()] + first + second)
            end = match.end() + len(second)
    return "".join(out) + question[end:] if out else question


_HYPHENATED = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")
MIN_PART, MAX_SHORT_PART = 2, 2  # "wi" of "wifi": a word is read as two only when one is this short
                                 # (not "r-outer" for "router")


def _written_apart(word, known, analyze):
    """`word`, not an English word, as the documents write it in two ("wifi": "wi-fi"), or None:
    split where both parts are terms they use and one is a short prefix or suffix ("notebook" is
    not "note-book")."""
    for i in range(1, len(word)):
        head, tail = word[:i], word[i:]
        if not MIN_PART <= min(len(head), len(tail)) <= MAX_SHORT_PART:
            continue
        terms = analyze(f"{head} {tail}")
        if len(terms) == 2 and all(base_term(t) in known for t in terms):
            return f"{head}-{tail}"
    return None


@lru_cache(maxsize=1)
def english_words():
    """The whole words of four letters or more in the shipped word-piece vocabulary (English, 20,000
    of them): a question word among them was meant as written, whatever the documents use."""
    try:
        with open(os.path.join(SHIPPED, "vocab.txt"), encoding="utf-8") as f:
            return frozenset(word for word in f.read().split() if len(word) >= 4 and word.isalpha())
    except OSError:
        return frozenset()


@lru_cache(maxsize=2)
def _known_terms(vocabulary, analyze):
    """The base terms of `vocabulary` (a frozenset: its hash is computed once) and of
    QUESTION_WORDS."""
    words = {t for word in QUESTION_WORDS for t in analyze(word)}
    return frozenset(base_term(t) for t in (*vocabulary, *words))


def _slips(word, swaps_only=False):
    """The strings one typing slip away from `word`: two neighbours swapped, a dropped vowel or
    doubled letter put back, or one letter too many; the first letter kept. (A letter changed for
    another, or any consonant put back, is left alone: too often that makes another word, as
    "invented" for "indented", "earnly" (earn) for "early".)"""
    for i in range(1, len(word) + 1):
        head, tail = word[:i], word[i:]
        if len(tail) > 1:
            yield head + tail[1] + tail[0] + tail[2:]
        if swaps_only:
            continue
        if tail:
            yield head + tail[1:]
        for letter in _DROPPED_LETTERS:  # a dropped vowel ("requred") or a dropped double ("adress")
            yield head + letter + tail
        if tail[:1] not in _DROPPED_LETTERS and tail[:1].isalpha():
            yield head + tail[0] + tail
    if len(word) > 1:
        yield word[1] + word[0] + word[2:]


_FOLLOW_UP_WORDS = 10  # a longer question that says "it" usually names what "it" is itself
_OWN_WORDS = 2  # … as does one with more words of its own ("How do I install it on Windows with pip?")
_SUBJECT_OWN_WORDS = 4  # … but not one whose subject "it" is: "What Python versions does it support?"
_PRONOUN_SUBJECT = re.compile(r"\b(?:does|do|did|is|are|was|were|can|could|will|would|should|has|have)\s+"
                              r"(?:it|they|this|that|these|those)\b(?!\s+(?:is|are|was|were|will|would)\b)", re.I)


# "in reverse?", "and without changing the original?": the previous question, continued
_FOLLOW_UP_OPENERS = r"(?:(?:ok(?:ay)?|so|and|but|also)[,\s]+)*"  # "ok, and …", "so …": a follow-up's first words
_CONTINUATION = re.compile(rf"^{_FOLLOW_UP_OPENERS}(?P<rest>(?:in|with|without|for|on|by|using|from|into|"
                           r"after|before|at|inside|outside|instead\s+of)\b[^?.!]*?)\s*[?.!]*\s*$", re.I)
_CONTINUATION_WORDS = 8


def continued(typed, previous):
    """The previous question continued by a follow-up that is only a phrase adding to it ("How do
    I sort a list?" then "in reverse?": "How do I sort a list in reverse?"), else None."""
    match = _CONTINUATION.match(typed.strip())
    if not previous or not match or len(match.group("rest").split()) > _CONTINUATION_WORDS:
        return None
    return f"{previous.rstrip(' ?.!')} {match.group('rest')}?"


# "what about continue?", "and how about a return ticket?": the previous question, asked of something else
_ABOUT = re.compile(rf"^{_FOLLOW_UP_OPENERS}(?:what|how)\s+about\s+(?:(?:a|an|the|my|your)\s+)?"
                    r"(?P<other>[^?.!]+?)\s*[?.!]*\s*$", re.I)
_ABOUT_WORDS = 4
_ANTECEDENT = re.compile(r"\s*\([^()]*\)\s*\??\s*$")  # the words with_antecedent adds: "When is it due (rent)?"
_WORD_TOKEN = re.compile(r"[\w.'-]*\w")


def asked_of_other(typed, previous, focus, closeness):
    """The previous question asked of something else, for a follow-up "what about X?": X takes the
    place of the words the previous question ends its subject with when X ends with the same word
    ("How much is a single ticket?", "what about a return ticket?": "How much is a return ticket?"),
    or of the words a follow-up was read with ("When is it due (rent)?": "When is it due (bonfires)?"),
    else of the previous question's word closest to X in meaning (`closeness(a, b)`; "What does the
    pass statement do?", "what about continue?": "What does the continue statement do?"). `focus(text)`:
    the words that say what a question is about. None when `typed` is no such follow-up."""
    match = _ABOUT.match(typed.strip())
    if not previous or not match:
        return None
    other = match.group("other")
    words = other.split()
    if len(words) > _ABOUT_WORDS or _POINTS_BACK.search(other):  # "what about it?": nothing to swap in
        return None
    antecedent = _ANTECEDENT.search(previous)
    asked = previous[:antecedent.start()] if antecedent else ""
    if asked and (_POINTS_BACK.search(asked) or _BARE_ASKING.match(asked)):
        # "When is it due (rent)?" was read with what "it" was (with_antecedent): X is what it is now
        return f"{asked} ({other})" + ("?" if previous.rstrip().endswith("?") else "")
    tokens = list(_WORD_TOKEN.finditer(previous))
    subject = [w.lower() for w in _subject_words(previous, focus)]
    head = words[-1].lower()
    ends = [i for i, t in enumerate(tokens) if t.group(0).lower() == head and head in subject]
    if ends:  # the subject ends with X's last word: X replaces that run of subject words
        start = end = ends[0]
        while start > 0 and tokens[start - 1].group(0).lower() in subject:
            start -= 1
    else:
        candidates = [i for i, t in enumerate(tokens) if t.group(0).lower() in subject]
        if not candidates:
            return None
        start = end = max(candidates, key=lambda i: closeness(head, tokens[i].group(0).lower()))
    before = previous[:tokens[start].start()]
    article = re.search(r"\b(an?)\s+$", before, re.I)
    if article:  # "an adult swim" -> "a junior swim"
        fitting = "an" if other[:1].lower() in "aeiou" else "a"
        before = before[:article.start(1)] + (fitting.capitalize() if article.group(1)[0].isupper() else fitting) \
            + before[article.end(1):]
    return before + other + previous[tokens[end].end():]


def _subject_words(question, focus):
    """`focus(question)` without the word that says what "how" asks ("much", "long"), nor the "not"
    of "why not"."""
    tokens = [t.group(0).lower() for t in _WORD_TOKEN.finditer(question)]
    asking = {b for a, b in zip(tokens, tokens[1:]) if a == "how" or (a, b) == ("why", "not")}
    return [w for w in focus(question) if w.lower() not in asking]


# a follow-up that only asks: "how many?", "and when?", "how long for?", "where?", "why not?"
_BARE_ASKING = re.compile(rf"^\s*{_FOLLOW_UP_OPENERS}"
                          r"(?:how(?:\s+(?:many|much|long|often|far|old|big|early|late|come))?|when|where|"
                          r"why(?:\s+not)?|who|which\s+one|what\s+time|what(?=\s+for\b))(?:\s+for)?\s*[?.!]*\s*$", re.I)


# "what's next?", "and then?", "then what?": after an answer that quoted a step
_NEXT_ONLY = re.compile(rf"^\s*{_FOLLOW_UP_OPENERS}(?:what(?:'s|’s|\s+is|\s+comes)?\s+next|then\s+what|and\s+then|"
                        r"what\s+do\s+(?:i|we|you)\s+do\s+next|next\s+step)\s*[?.!]*\s*$", re.I)
# a quoted step, opening the answer, a line or a sentence after a citation mark: "… [1] 3. Print the label…"
_QUOTED_STEP = re.compile(r"(?:^|\n|\]\s)\s*" + STEP_MARK)
_NEXT_WORDS = frozenset("after next comes come".split())  # the words of a question read by next_after


def _item_words(question):
    """The words, in lower case, of the numbered items a question names ("third", "step")."""
    return {w.lower() for match in _ITEM_ASKED.finditer(question) for w in match.group(0).split()}


def next_after(typed, previous, answer, focus):
    """"What comes after step N (…)?" for a follow-up that only asks what is next ("what's next?")
    when the answer before quoted step N last ("3. Print the label… [1]"), with the words of the
    question before it that say what the steps are for; else None."""
    if not previous or not _NEXT_ONLY.match(typed):
        return None
    steps = [match.group(1) or match.group(2) for match in _QUOTED_STEP.finditer(answer or "")]
    if not steps:
        return None
    asked = _item_words(previous) | _NEXT_WORDS
    words = [w.strip("()") for w in _subject_words(previous, focus) if w.strip("()").lower() not in asked]
    return f"What comes after step {steps[-1]}" + (f" ({' '.join(words)})" if words else "") + "?"


def with_antecedent(question, previous, focus):
    """A short follow-up that points back ("What does it return?", "Is that slow?"), or only asks
    ("how many?", "when?"), and says little of its own, with the words of the question before it
    that say what it is about (`focus(text)`: those words), in brackets: retrieval and evidence then
    look for sentences about that."""
    own_words = _SUBJECT_OWN_WORDS if _PRONOUN_SUBJECT.search(question) else _OWN_WORDS
    if not previous or len(question.split()) > _FOLLOW_UP_WORDS or len(focus(question)) > own_words:
        return question
    if not _POINTS_BACK.search(question) and not _BARE_ASKING.match(question):
        return question  # neither "it"/"that" nor only asking words ("how many?", "when?")
    words = [w.strip("()") for w in _subject_words(previous, focus)]  # "Is it mutable (frozenset)?": mutable frozenset
    if _ITEM_ASKED.search(question):  # "and step 4?" after "What is the third step?": not the third step again
        asked_before = _item_words(previous)
        words = [w for w in words if w.lower() not in asked_before]
    if not words:
        return question
    return f"{question.rstrip(' ?')} ({' '.join(words)})" + ("?" if question.rstrip().endswith("?") else "")


_REPLIES = [(re.compile(rf"^(?:{_THANKS})\b", re.I), "You're welcome."),
            (re.compile(r"^(?:bye|goodbye)\b", re.I), "Goodbye."),
            (re.compile(rf"^(?:{_GREETING})\b", re.I),
             "Hello! Ask me about the documents: what something is, how to do something, why it is so.")]


def pleasantry_reply(text):
    """A short reply to a message that is only a greeting, thanks or goodbye ("hi!", "thanks"),
    else None: such a message asks nothing the documents could answer."""
    if not _ONLY_POLITE.match(text.strip()):
        return None
    return next((reply for pattern, reply in _REPLIES if pattern.match(text.strip(" \t\n!.,"))), None)


# "… can be called", "Can a list be hashed?": what the documents call callable or hashable
# (after "can": "When is __del__ called?" asks when it is invoked, not whether it is callable)
_BE_DONE = re.compile(r"(?:\b(?:can|cannot|could)\s+(?:not\s+)?|^\s*(?:can|could)\b[^?]*?\s)be\s+([a-z]{3,}ed)\b", re.I)


def able_adjectives(question, idf):
    """`question` with the adjective in "-able" after each "be <done>" that the documents use:
    "Can a list be hashed?" -> "Can a list be hashed (hashable)?", "… can be called" -> "… can be
    called (callable)"; their words for it, where the verb's term alone is everywhere ("call")."""
    rarest = idf(None)

    def add(match):
        done = match.group(1)
        stem = done[:-2]  # "call", "hash", "compar", "iterat", "chang"
        forms = [stem + "able", stem + "eable"] + ([stem[:-2] + "able"] if stem.endswith("at") else [])
        for form in forms:  # "callable", "changeable", "iterable"
            terms = analyze(form)
            if len(terms) == 1 and idf(terms[0]) < rarest:
                return f"{match.group(0)} ({form})"
        return match.group(0)

    return _BE_DONE.sub(add, question)
