"""Expected answer types: what kind of thing a factoid question asks for, and whether a
sentence holds one.

"When was 2.0 released?" wants a date, "How long are snapshots kept?" a duration, "How much does
it cost?" a sum of money (not "20 points"), "How much memory…" or "Which port…" a number, "Who…" a
name, "What error is raised…" an exception's name ("KeyError"), "What triggers an alert?" a
condition ("when the water rises…"), "What happens if a key is missing?" an outcome, said by a
sentence that states its condition ("If the key is missing, KeyError is raised"), "Where is the
config file?" a path, address or URL, or a named attribute, namespace or folder ('… as the
"__cause__" attribute'), "How long is the pool?" a length or a duration ("25 m"), "Why…" a reason,
"How does split work without a separator?" what holds when something is left out ("If *sep* is
not specified…", "… defaults to…"), "How is nonlocal different from global?" a sentence setting
one against the other ("unlike", "whereas", "rather than"). A sentence that holds the wanted kind
is more likely the answer even when it words the rest differently ("Fluxo 1.0 was released on 3
May 2021" for "When did 1.0 come out?").
Questions about behaviour ("When is __iter__ called?", "What does X do?") have no type.

    >>> question_type("When did Fluxo 1.0 come out?"), holds_type("date", "released on 3 May 2021")
    ('date', True)
"""
import re

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_MONTH_NAMES = "|".join(month.capitalize() for month in _MONTHS.split("|")[:12])  # "January|…|December"
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_TIME_UNITS = (r"(?:ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|nights?|weeks?|"
               r"fortnights?|months?|years?|decades?)")
_CLOCK_UNIT = rf"(?!second\s+[a-z]){_TIME_UNITS}"  # not the ordinal of "every second station", "a second copy"
_DURATION_QUALIFIERS = "working|business|calendar|full|whole|consecutive|more|further|extra|additional"  # "ten working days"
_NUMBER_WORDS = ("two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                 "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                 "hundred|thousand|million|billion|twice|dozen|zero|single|both|"
                 "(?:exactly|only|just|at\\s+most|at\\s+least)\\s+one")
# not a bare "one": "one of", "one or more"

# (type, question pattern), tried in order; the first that matches decides.
_QUESTION_TYPES = [
    # "How much does it cost to join?", "What is the fine for a late return?": a sum of money, not "20 points"
    ("money", re.compile(r"\bhow\s+much\b.*\b(?:cost|costs|pay|charge|charged|charges)\b|"
                         r"^\s*what\s+(?:is|are|was|were)\s+(?:the|a|an)\s+(?:[\w-]+\s+)?"
                         r"(?:fee|fees|fine|fines|price|prices|cost|costs|charge|charges|rent|deposit)\b|"
                         r"^\s*what\s+(?:does|do|did)\s+[\w\s-]{1,40}\s+cost\b|"
                         # "Do I have to pay for key holding?", "Do carers have to pay?", "Does it cost anything?",
                         # "Is there a charge for parking?": what it costs, "free" included
                         r"^\s*(?:do|does|did|will|would|must|should)\s+(?:[\w-]+\s+){1,3}?(?:(?:have|need)\s+to\s+)?"
                         r"(?:pay|cost)\b(?!\s+(?:by|with|in|online|at|via|using)\b)|"
                         r"^\s*is\s+there\s+(?:a|an|any)\s+(?:[\w-]+\s+)?(?:charge|fee|cost)\b|"
                         # "Is there a cheaper rate for students?": the sum they pay
                         r"\b(?:cheaper|reduced|lower|discounted|concession(?:ary)?)\s+(?:rates?|prices?|fees?|fares?)\b|"
                         # "What's the cheapest plan?": the one whose sum is lowest
                         r"\b(?:cheapest|priciest|(?:most|least)\s+expensive)\b", re.I)),
    # "How much is the final exam worth?": a share or a sum ("30%", "€35", "20 points"), not any number
    ("amount", re.compile(r"\bhow\s+much\b.*\bworth\b|"
                          # "How much is a check-up?" (the span ends before the thing: not a word a sum answers)
                          r"^\s*how\s+much\s+(?:is|are)(?=\s+(?:a|an|the|one)?\s*[\w -]{1,40}?\s*[?.!]*\s*$)|"
                          r"\bwhat\s+(?:percentage|share|fraction)\b|"
                          # "What is the penalty for handing in late?": a sum or a share of the mark ("10% per day")
                          r"^\s*what\s*(?:is|are|was|were|'s|’s)\s+(?:the|a|an)\s+(?:[\w-]+\s+)?"
                          r"(?:penalty|penalties|deduction)\b", re.I)),
    # "What time does the lecture start?": a clock time, not a day
    ("time", re.compile(r"^\s*(?:at\s+)?what\s+time\b|\bat\s+what\s+time\b|"
                        # "What are the opening hours?": times of day (not "Where are the office hours?")
                        r"^(?!\s*where\b).*\b(?:opening|office|business|visiting|surgery)\s+hours\b|"
                        r"^\s*(?:what|which)\s+hours\b|"
                        # "What are the helpdesk's hours?", "What are your hours?", "When are the quiet hours?"
                        r"^\s*(?:what|when)\s+(?:are|were)\s+(?:the\s+|your\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,3}hours\s*[?.!]*\s*$|"
                        # "When is the canteen open?": the hours it opens, not a date
                        r"^\s*when\s+(?:is|are|does|do)\b.*\b(?:open|opens|served)\s*[?.!]*\s*$", re.I)),
    ("date", re.compile(r"^\s*(?:when\s+(?:was|were|did|will)\b|when\s+(?:is|are)\b.*\bdue\b|"
                        # "When should marshals arrive?", "When do results come out?": the day or the hour
                        r"when\s+(?:should|must|do|does|can|is|are)\b.*\b(?:arrive|arrives|start|starts|begin|begins|"
                        r"finish|finishes|end|ends|come\s+out|comes\s+out|happen|happens)\s*[?.!]*\s*$|"
                        # "When do I need lights?", "When do I have to pay?": the season, month or day
                        r"when\s+(?:do|does|should|must)\s+(?:i|we|you)\s+(?:need|have\s+to)\b|"
                        # "When can I visit the apiary?", "When can we use the pool?": the days or hours
                        r"when\s+(?:can|may|could)\s+(?:i|we|you)\b|"
                        r"(?:(?:in|on|by)\s+)?(?:what|which)\s+"
                        r"(?:year|date|day|month|weekday|morning|afternoon|evening|night)s?\b|"
                        r"(?:since|by|until|till)\s+when\b|"
                        # "When is the AGM?", "When is the talk on async?", "When is yoga?": an event's day or
                        # hour (not "When is the sandbox reset?", "When is a name local?": behaviour)
                        r"when\s+(?:is|are)(?=\s+(?:(?:the|my|our|your|this|next|there)\s+(?:[\w'’-]+\s+){0,3}?)?"
                        r"(?!(?:it|this|that|they|open|closed|free|full|busy|ready|valid|available|allowed|possible|"
                        r"reset|set|shut|run|held|sent|made|done|gone|kept|paid|on|off|up|out|in|back|over|down|away|"
                        r"good|true|false|local|global|empty|necessary|required|needed)\b)"
                        r"[\w'’-]+(?<!ed)\s*[?.!]*\s*$)|"
                        # "What are the dates of the festival?", "What's the deadline for entries?"
                        r"what\s*(?:is|are|was|were|'s|’s)\s+(?:the\s+|your\s+|its\s+|their\s+)?(?:[\w-]+\s+)?"
                        r"(?:dates|deadlines?|closing\s+date)\b)", re.I)),
    # "How long does a password need to be?": a length, not a time
    ("number", re.compile(r"\bhow\s+long(?=\s+(?:is|are|can|could|should|must|may|will|does|do)\b"
                          r".*\bbe\s*[?.!]*\s*$)", re.I)),
    # "How long is the pool?", "How long is the lease?": a length or a duration, which the words alone
    # do not tell apart ("25 m", "12 months")
    ("extent", re.compile(r"^\s*how\s+long(?=\s+(?:is|are|was|were)\s+"
                          r"(?:the\s+|a\s+|an\s+|your\s+|its\s+|their\s+|my\s+)?"
                          # a noun phrase, not a participle ("How long are snapshots kept?": a duration)
                          r"(?:[\w'’-]+\s+){0,2}(?!(?:kept|held|open|valid|available|left|gone|shut|down|out|away)\b)"
                          r"[\w'’-]*[^\W\d_](?<!ed)\s*[?.!]*\s*$)", re.I)),
    ("duration", re.compile(r"\bhow\s+(?:long|often|frequently|quickly|soon|early|late)\b|"
                            r"\bhow\s+far\s+(?:ahead|in\s+advance)\b|"
                            r"\bhow\s+much(?=\s+(?:notice|warning|time)\b)|"  # "How much notice do I give?"
                            r"\bwhat\s+(?:interval|period|timeout)\b", re.I)),
    # "How fast is it?", "What is the download speed?": a rate ("180,000 lines a second", "40 km/h"); "How
    # fast does the professor reply?" asks how soon (a number, below, as before)
    ("rate", re.compile(r"\bhow\s+fast(?=\s+(?:is|are|was|were)\b)|"
                        r"^\s*(?:at\s+)?what\s+(?:is\s+|are\s+)?(?:the\s+|its\s+|your\s+)?(?:[\w-]+\s+){0,2}"
                        r"(?:speed|speeds|throughput)\b", re.I)),  # "What is the top assisted speed?"
    # "How old do I have to be?", "At what age…?", "Is there an age limit?": an age ("16 or over", "aged 5 to 11")
    ("age", re.compile(r"\bhow\s+old\s+(?:do|does|must|should|would|will|can|have|has|are|is)\s+(?:[\w-]+\s+){1,3}?"
                       r"(?:be|to\s+be)\b|\b(?:at\s+)?what\s+age\b|\b(?:minimum|maximum|lower|upper)\s+age\b|"
                       r"\bage\s+(?:limits?|restrictions?|requirements?|range)\b", re.I)),
    # "What is the office phone number?", "Where do I find the support phone number?": a phone number,
    # not any number ("after calling the ward — 2"); not the asker's own: "Can I keep my phone number?"
    ("phone", re.compile(r"(?<!\bmy\s)(?<!\bour\s)\b(?:phone|telephone|fax|contact)\s+numbers?\b", re.I)),
    ("number", re.compile(r"\bhow\s+(?:much|many|big|large|small|fast|slow|old|far|high|low|heavy|hot|cold|warm|"
                          r"loud|noisy)\b|"
                          r"^\s*(?:(?:at|to)\s+)?(?:what|which)\s+(?:[\w-]+\s+){0,3}?(?:port|version|number|size|limit|rate|"
                          r"speed|price|cost|percentage|amount|capacity|release|temperature|"
                          r"(?:exit|status|error|return)\s+code)s?\b|"  # "Which ports…?", "Which versions…?"
                          r"^\s*(?:what|which)\s+(?:is|are|was|were)\s+the\s+"
                          r"(?:largest|smallest|biggest|maximum|minimum|max|min|highest|lowest)\b", re.I)),
    # "Who do I contact to book?", "Who do I call at night?": a person, or a number or address to reach
    ("contact", re.compile(r"^\s*who\s+(?:do|can|should|shall|would|could|must)\s+(?:i|we|you)\s+(?:contact|call|ring|"
                           r"phone|e-?mail|ask|tell|(?:talk|speak|write|go|report\s+[\w-]+)\s+to)\b", re.I)),
    ("person", re.compile(r"^\s*(?:who|whom|whose)\b", re.I)),
    # "What triggers an alert?": the condition under which it happens
    ("condition", re.compile(r"^\s*what\s+(?:triggers|causes|sets\s+off|sets\s+in\s+motion|sparks|prompts)\b", re.I)),
    # "What happens if a key appears twice?": the outcome of a condition ("If …, …")
    ("outcome", re.compile(r"^\s*what\s+(?:happens|will\s+happen|would\s+happen)\b", re.I)),
    # "Why are leading zeros not allowed?": a reason ("… for disambiguation with…", "because…")
    ("reason", re.compile(r"^\s*(?:why|how\s+come|for\s+what\s+reason)\b|^\s*what\s+is\s+the\s+reason\b", re.I)),
    # "What error is raised when…", "Which exception does int() raise?", "What is raised when…"
    ("error", re.compile(r"\b(?:what|which)\s+(?:kind\s+of\s+|type\s+of\s+)?(?:error|exception|warning)s?\b|"
                         r"^\s*what\s+(?:is|gets|will\s+be)\s+raised\b", re.I)),
    # "Where is the company based?", "Where is the final exam held?": a town, country or venue, not a
    # path ("Where is the config located?")
    ("location", re.compile(r"^\s*(?:(?:in|to|from)\s+)?(?:which|what)\s+(?:countries|country|cities|city|towns?)\b|"
                            r"^\s*where\b.*\b(?:based|headquartered|situated|founded|born|held|hosted|take\s+place|"
                            r"takes\s+place|train|trains|meet|meets|play|plays|practi[cs]e|practi[cs]es)\b", re.I)),
    ("place", re.compile(r"^\s*where\b|^\s*(?:what|which)\s+(?:(?:is|are|was|were)\s+(?:the|its|their|your|our)\s+)?"
                         r"(?:[\w'’-]+\s+){0,2}(?:address|url|path|folder|directory|file|e-?mail|host|site|location)\b"
                         r"(?!\s+(?:formats?|types?|sizes?))", re.I)),  # not "Which file formats…?"
    # "How is nonlocal different from global?": a sentence that sets one against the other
    ("contrast", re.compile(r"\bdiffer(?:s|ent|ence|ences)?\b|\bcompared?\s+(?:to|with)\b|\bvs\.?(?=\s)|\bversus\b|"
                            r"\btell\s+apart\b|\bdistinguish\b", re.I)),
    # "What encryption does it use?", "Which database does Fluxo need?": a technical name ("AES-256",
    # "PostgreSQL"), not a kind of thing ("What kind of lock do I need?": a disc padlock)
    ("name", re.compile(r"^\s*(?:what|which)\s+(?:file\s+)?formats\b|"  # "Which file formats can I save to?": "CSV"
                        r"^\s*what\s+(?:is|are|was|were)\s+(?:the\s+|your\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){1,4}"
                        r"(?:called|named)\s*[?.!]*\s*$|"  # "What is the VPN app called?": its name
                        r"^\s*what\s+(?:is|are|was|were)\s+the\s+names?\s+of\b|"  # "What is the name of the tool?"
                        # "Which cipher is used for encryption?": the one named (which names a cipher by itself)
                        r"^\s*(?:what|which)\s+(?!kind\b|type\b|sort\b)(?:[\w-]+\s+)?[\w-]+(?=\s+(?:is|are)\s+"
                        r"(?:used|supported|needed|required)\b)|"
                        r"^\s*(?:what|which)\s+(?!kind\b|type\b|sort\b)[\w-]+\s+(?:[\w-]+\s+)?"
                        r"(?:does|do|did|can|will|should)\s+(?:it|they|you|we|i|(?:the\s+|your\s+|my\s+)?[\w-]+)\s+"
                        r"(?:use|uses|support|supports|need|needs|require|requires|run\s+on|work\s+with|accept|accepts)"
                        r"\s*[?.!]*\s*$", re.I)),
    # "How does split work without a separator?": what holds when something is left out
    ("default", re.compile(r"\bwithout(?=\s+(?:an?\s+|any\s+)?\w)|\bwith\s+no\b|\b(?:by\s+)?default\b|"
                           r"\bif\s+(?:i|you)\s+(?:omit|leave\s+out|don'?t\s+(?:give|pass|specify))\b", re.I)),
]

_NUMBER = rf"(?:\d|\b(?:{_NUMBER_WORDS})\b)"
_CURRENCY_CODES = r"(?:CHF|NOK|SEK|DKK|ISK|PLN|CZK|HUF|USD|EUR|GBP|AUD|CAD|NZD|JPY|INR)"
# "€35", "50p", "2.50 euros", "CHF 20", "7.90 CHF", "300 NOK"
_SUM_OF_MONEY = (rf"[$€£¥]\s*\d|\b{_CURRENCY_CODES}\s*\d|\d\s*(?:euros?|dollars?|pounds?|cents?|pence|p|francs?|kroner|"
                 rf"kronor|krone|krona|kr|yen|rupees?|zloty|{_CURRENCY_CODES})\b")
FEE_WORDS = frozenset("fee fees fine fines penalty penalties surcharge surcharges deposit deposits".split())
_FEE_WORDS = "(?:" + "|".join(sorted(FEE_WORDS, key=len, reverse=True)) + ")"
# a sum said to be a fee: "a £2 fee per ticket", "minus a 2 pound handling fee", "a fee of £5"
_FEE_SUM = re.compile(rf"(?:{_SUM_OF_MONEY})[\d.,]*\s+(?:[a-z-]+\s+)?{_FEE_WORDS}\b|\b{_FEE_WORDS}\s+of\s+(?:{_SUM_OF_MONEY})",
                      re.I)


def only_fees(text):
    """Whether every sum of money `text` writes is a fee, fine or deposit ("… exchange them for a
    £2 fee per ticket"): what something else costs than a thing whose price is asked."""
    sums = len(re.findall(_SUM_OF_MONEY, text, re.I))
    return bool(sums) and len(_FEE_SUM.findall(text)) >= sums


_ROOM = r"\b[Rr]oom\s+[A-Z]?-?\d"  # "in room C-310"
_STREET_WORDS = r"(?:Road|Street|Lane|Avenue|Square|Way|Place|Drive|Court|Row|Quay|Boulevard|Park|Str\.|Strasse|Straße)"
# a street address: "Harbour Road 3", "12 Quay Street"
_STREET = rf"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+{_STREET_WORDS}\s+\d|\b\d+[a-z]?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+{_STREET_WORDS}\b"
_COPYRIGHT_NOTICE = r"(?:©|\(c\)|\bcopyright\b)(?:\s*(?:©|\(c\)))?\s*\d{4}(?:\s*[-–]\s*\d{4})?"  # "© 2014-2026"


_UNIT_TYPES = {
    # … "on the 1st of each month", "the last working day of the month", "within 10 days of the end"
    "date": re.compile(rf"\b(?:{_MONTHS})\b\.?\s*\d|\d\s*(?:{_MONTHS})\b|\b(?:1[5-9]|20)\d\d\b|\b(?:{_DAYS})s?\b|"
                       r"\b\d{1,2}:\d\d\b|\b\d{4}-\d\d-\d\d\b|\b\d{1,2}(?:st|nd|rd|th)\b|"
                       # "arrive 15 minutes early", "an hour before the start" (not "180 days in advance": a span)
                       r"\b\w+\s+(?:minutes?|hours?)\s+(?:early|earlier|before)\b|"
                       r"\b(?:first|last)\s+(?:working\s+|business\s+)?day\s+of\b|"
                       r"\b\d{1,2}\s+in\s+the\s+(?:morning|afternoon|evening)\b|"  # "from 6 to 9 in the morning"
                       # "from October to March", "in February and September" (a capitalised month: not "may")
                       rf"\b(?:from|between|until|till|in|during|since|before|after)\s+(?-i:{_MONTH_NAMES})\b|"
                       rf"\bwithin\s+(?:\S+\s+)?{_TIME_UNITS}\s+(?:of|after|from)\b", re.I),
    # "30 days", "`21` — days" (a table row's cells), "every night", "30d"
    "duration": re.compile(rf"{_NUMBER}[\w.]*[`'\"]?\s*(?:—\s*)?-?\s*(?:(?:{_DURATION_QUALIFIERS})\s+){{0,2}}{_TIME_UNITS}\b|\b(?:hourly|daily|nightly|weekly|monthly|"
                           rf"yearly|annually|forever|indefinitely)\b|\bevery\s+(?:\w+\s+)?{_CLOCK_UNIT}\b|"
                           rf"\b(?:a|an|per)\s+{_CLOCK_UNIT}\b|\b\d+(?:ms|s|m|h|d|w)\b|"
                           # "the first month", "the next working day"
                           rf"\b(?:first|whole|entire|next|last|following)\s+(?:(?:{_DURATION_QUALIFIERS})\s+)?{_TIME_UNITS}\b|"
                           # a bare "one" only before a unit
                           rf"\bone\s+(?:(?:{_DURATION_QUALIFIERS})\s+){{0,2}}{_TIME_UNITS}\b|"
                           # a setting whose comment names its unit: "… after this many minutes: session_timeout: 30"
                           rf"\b(?:in|this\s+many|number\s+of)\s+{_TIME_UNITS}\b[^\n]*[:=]\s*\d[\d_,.]*\s*$|"
                           # … or whose comment counts in a unit: "minutes between fetches: interval = 30"
                           r"\b(?:milliseconds|seconds|secs|minutes|mins|hours|hrs|days|weeks|months|years)\b[^\n]*:\s*"
                           r"[\w.-]+\s*[:=]\s*\d[\d_,.]*\s*$|"
                           # a duration as code writes one: "60 * time.Second" (Go), "1h30m", "timedelta(minutes=5)",
                           # "Duration.ofSeconds(30)" (Java), "Duration::from_secs(30)" (Rust)
                           r"\b\d+\s*\*\s*time\.(?:Nanosecond|Microsecond|Millisecond|Second|Minute|Hour)\b|"
                           r"\b\d+h(?:\d+m)?(?:\d+s)?\b|\btimedelta\(\s*(?:weeks|days|hours|minutes|seconds|milliseconds)\s*=|"
                           r"\bDuration(?:\.of|::from_)(?:Nanos|Millis|Seconds|Secs|Minutes|Mins|Hours|Days)\w*\(", re.I),
    "length": re.compile(r"\d[\d,.]*\s*(?:mm|cm|m|km|metres?|meters?|kilometres?|kilometers?|miles?|ft|feet|foot|"
                         r"inches|yards?)\b(?!/)", re.I),  # "25 m", "1.5 metres" (not "40 km/h")
    # "180,000 lines a second", "12 km per hour", "40 km/h", "100 Mbps", "2 GB/s"
    "rate": re.compile(rf"\d[\d,.]*\s*(?:[a-z-]+\s+){{0,2}}(?:per|a|an|each|every)\s+{_TIME_UNITS}\b|"
                       # the time one item takes: "A 24-megapixel JPEG takes about 0.3 seconds"
                       r"\btakes?\s+(?:about\s+|around\s+|only\s+|under\s+|less\s+than\s+)?[\d.]+\s*(?:ms|milliseconds?|"
                       r"seconds?|s)\b|"
                       r"\d\s*(?:[a-zA-Z]+/(?:s|sec|h|hr|min)\b|(?:mph|kph|rpm|fps|[kKMGT]?bps|[kKMGT]?b/s)\b)"),
    # "18:30", "9.30" (not the "5.20" of "£5.20", nor a version's "3.11.2" or "2.50%")
    "time": re.compile(r"(?<![£$€¥\d.,])\b\d{1,2}[:.]\d\d\b(?![.,]\d|\s*%)|"
                       r"\b\d{1,2}\s+in\s+the\s+(?:morning|afternoon|evening)\b|"
                       r"\b\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)|\b(?:noon|midnight)\b", re.I),
    "amount": re.compile(rf"\d\s*(?:%|percent\b|per\s*cent\b)|{_SUM_OF_MONEY}|\d\s*(?:points?|marks?)\b", re.I),
    # "€35", "50p", "2 gold coins" (a game's or an app's money), "free of charge"
    "money": re.compile(rf"{_SUM_OF_MONEY}|\d\s*(?:[a-z]+\s+)?(?:coins?|credits?)\b|\bfree\s+of\s+charge\b|"
                        r"\b(?:at\s+)?no\s+(?:extra\s+|[\w-]+\s+)?(?:charge|cost|fee)s?\b|"
                        r"(?:^|—)\s*free\s*(?:—|$)|"  # a table cell: "Carer — Free — …"
                        r"\b(?:is|are|for)\s+free\b|"
                        # "Print the free returns label", "free parking for Blue Badge holders"
                        r"\bfree\s+(?:returns?|delivery|shipping|postage|parking|entry|admission|wi-?fi|trials?|"
                        r"tickets?|refills?|cancellation)\b|"
                        r"\b(?:is|are)\s+(?:always\s+)?included\b"
                        r"(?!\s+(?:with|as|in\s+(?:the\s+)?(?:package|folder|box|repo)))", re.I),
    # "How many devices can I connect?", "How long can an identifier be?": "… an unlimited number of devices"
    "number": re.compile(rf"{_NUMBER}|\b(?:unlimited|limitless|no\s+(?:upper\s+)?limit|any\s+number\s+of)\b", re.I),
    # "16 or over", "aged 5 to 11", "under-18s", "over 65", "12+", "neutered at four months", "3 years old"
    "age": re.compile(rf"\b(?:aged?|ages)\s+(?:of\s+|is\s+|limit\s+is\s+)?(?:\d|under|over|between|from)|"
                      rf"{_NUMBER}\w*\s*(?:\+|or\s+(?:over|older|above|under|younger|more))|\b(?:under|over|above)[- ]?\d{{1,2}}s?\b|"
                      rf"{_NUMBER}\w*[- ](?:years?|months?|weeks?)[- ](?:old|of\s+age)|"
                      rf"\bat\s+(?:about\s+|around\s+|least\s+)?{_NUMBER}\w*\s+(?:weeks?|months?|years?)\b", re.I),
    "condition": re.compile(r"\b(?:when|whenever|if|once|as soon as|each time|every time)\b", re.I),
    # a sentence that opens with its condition ("If the key is missing, …") or states one after a comma
    # (after the question of an FAQ entry: "**What if it rains?** If the race…")
    # (not a quoted keyword: '"if" – "else" — Conditional expression')
    "outcome": re.compile(r"^(?:\W*\*\*[^*]{1,200}\?\*\*)?\W*(?<![\"'`“‘])(?:if|when|whenever|unless|once)\b|"
                         r"(?:,|\s[-–—])\s*(?:if|when|unless)\b|"
                         r"\braises?\s+[`\"'*]*[A-Z]\w*(?:Error|Exception)\b", re.I),
    # a reason ("because…", "for compatibility") or a purpose before its subject ("To remind users
    # that it …, it does not return…"; not an instruction: "To make a request safe to repeat, send…")
    "reason": re.compile(r"\b(?:because|thus|therefore|hence|consequently|so\s+that|in\s+order\s+to|due\s+to|the\s+reason|this\s+is\s+(?:for|to|so|why)|"
                        r"that\s+is\s+why|for\s+(?:economy|efficiency|performance|compatibility|disambiguation|safety|"
                        r"security|consistency|readability|speed|convenience|simplicity)|to\s+(?:avoid|prevent|ensure|save)|"
                        r"as\s+a\s+(?:result|consequence)|advantage|(?:useful|handy|helpful)\s+(?:as|for|when|if|to))\b"
                        r"|^\W*to\s+(?!(?:the|a|an|this|that|these|those|my|your|our|its|his|her|their|me|us|them|date)\b)[a-z]+\b"
                        r"[^.;:,]{0,150},\s*(?:it|this|that|these|those|they|the|we|there)\b", re.I),
    # "KeyError", "StopIteration"; a project's own exception where it is raised: "Raises StationNotFound"
    "error": re.compile(r"\b[A-Z]\w*(?:Error|Exception|Warning|Exit|Iteration|Interrupt)\b|"
                        r"\b(?:[Rr]aise[sd]?|[Tt]hrow[sn]?)\s+[`'\"]?(?:\w+\.)*[A-Z][a-z]+(?:[A-Z][a-z]+)+\b(?!')"),
    # a name written with capitals and digits or two capitals inside: "AES-256", "PostgreSQL", "IP65", "TLS"
    # … or a name given as one: "The client is called Pathway", "… a script called ``watchmedo``"
    "name": re.compile(r"(?<![\w-])(?=[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z0-9])[A-Z][A-Za-z]*(?:-?\d[\w.-]*|[A-Z]\w*)|"
                       r"\b(?:called|named|known\s+as)\s+(?:[\"'`*]*[A-Z0-9]|[\"'`*]+[a-z])"),  # "called ``watchmedo``"
    "contrast": re.compile(r"\b(?:unlike|whereas|differs?|different(?:ly)?|in\s+contrast|as\s+opposed\s+to|"
                           r"instead\s+of|rather\s+than|but|however)\b", re.I),
    "default": re.compile(r"\bnot\s+(?:specified|given|provided|present|supplied|passed)\b|\bomitted\b|\bif\s+no\b|"
                          r"\bdefaults?(?:\b|_)|_default\b|\bwithout\b|\bis\s+[\"'`*]?None\b", re.I),
    # Two capitalised words after a lower-case one ("… is Marta Okafor, who"), not part of a
    # longer capitalised title ("Structural Pattern Matching: Tutorial")
    "person": re.compile(r"\b[a-z]+,?\s+[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]+\b(?!\s*[A-Z:])|"
                         r"\b(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+[A-Z][a-z]+\b|"  # "Dr. Amara Okafor"
                         # a list of roles: "Treasurer: Priya Shah"
                         r"(?<=[a-z)]):\s+[A-Z][a-z]+\s+[A-Z][a-z]+\b(?!\s*[A-Z:])|"
                         # a table row's cell: "Japanese — Room 3 — Yuki Tanaka"
                         # … or followed by its role: "— Gareth Lowe, Finance Manager"
                         r"(?:^(?=.*\s—\s)|—)\s*[A-Z][a-z]+\s+[A-Z][a-z]+\s*(?:—|$|,\s*[A-Z])|"
                         # a copyright's holder: "Copyright (c) 2014-2026 Thomas Kemmer."
                         "(?i:" + _COPYRIGHT_NOTICE + r"),?\s+[A-Z][a-z]+\s+[A-Z][a-z]+|"  # "Copyright 2026 …" too
                         # a name heading its contact line: "Daniel Bader - @dbader_org - mail@dbader.org"
                         r"^\s*[A-Z][a-z]+\s+[A-Z][a-z]+\s+[-–—]\s.*@|"
                         # a name with a middle initial, alone on its line (under "Author"): "Seth M. Morton"
                         r"^\s*[A-Z][a-z]+\s+[A-Z]\.\s+[A-Z][a-z'’-]+\s*$"),
    "location": re.compile(r"\b(?:in|at|from|near)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b(?!\.?\d|\s+\d|\s*\()|"
                           + _ROOM + "|" + _STREET),
    "place": re.compile(r"\b(?:in|into|under|at|inside|from)\s+(?:the\s+|a\s+|an\s+|its\s+)?[\"'`*]+[\w./-]+|"
                        r"[\"'`*]+[\w.]+[\"'`*]+\s+(?:attribute|namespace|dictionary|variable|field|directory|folder)\b|"
                        r"(?:^|[\s`'\"(])(?:~|\.{1,2})?/[\w.-]+|\b[A-Za-z]:\\|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+|"
                        r"\b\w+://\S+|(?<![\w.-])(?:[\w-]+\.)+(?:com|org|net|io|dev|example|local)\b|"
                        # an IP address: "The router is at 192.168.1.1"
                        r"(?<![\w.])(?<!version\s)\d{1,3}(?:\.\d{1,3}){3}(?![\w.]*\d)|"
                        # a room of a building: "in room C-310", "in the lab", "at the main office"
                        + _ROOM + "|" + _STREET + r"|\b(?:in|at|inside)\s+(?:the\s+|a\s+|an\s+|our\s+|any\s+)?"
                        r"(?:[\w-]+\s+)?"
                        r"(?:room|building|hall|lab|laboratory|office|floor|lobby|reception|campus|shop|store|"
                        r"entrance|station|car\s+park)\b"),
}
# "What is the office phone number?": "01632 960 771", "+44 20 7946 0832", "0800 100 2026"
_UNIT_TYPES["phone"] = re.compile(r"(?<![\w+])(?:\+\d{1,3}[ -]?|0)\d{2,5}(?:[ -]?\d{3,4}){1,2}\b")
# "Who do I call?": a person, a phone number or an email address
_UNIT_TYPES["contact"] = re.compile(rf"(?-i:{_UNIT_TYPES['person'].pattern})|{_UNIT_TYPES['phone'].pattern}|"
                                    r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
# "How long is the pool?": a length or a duration
_UNIT_TYPES["extent"] = re.compile(rf"(?:{_UNIT_TYPES['duration'].pattern})|(?:{_UNIT_TYPES['length'].pattern})", re.I)


# Verbs that a value of the kind answers by itself: "Where is the database stored?" is answered
# by "… the database at /srv/db" without "stored".
_ANSWERED_VERBS = {"place": "store stored located kept saved placed put lives written installed ip",
                   "amount": "cost costs pay paid charge charged fee fees price worth",
                   "money": "cost costs pay paid charge charged fee fees price",
                   "date": "release released ship shipped publish published introduce introduced add added due "
                           "arrive arrives start starts begin begins finish finishes end ends come comes happen happens",
                   "contact": "contact call ring phone email ask tell talk speak write go report",
                   "phone": "phone telephone fax call ring number",
                   "age": "old",
                   "version": "add added introduce introduced new release released",  # "Which release added X?"
                   "error": "raise raised raises thrown throws get",
                   "condition": "trigger triggers cause causes set off sparks prompts",
                   "location": "based headquartered situated founded born held hosted take takes place"}


def answered_words(kind):
    """Words of a question asking for `kind` that a value of that kind answers by itself."""
    return _ANSWERED_VERBS.get(kind, "")


# kinds of answer that are a value a sentence holds, not a kind of sentence ("outcome", "reason"…)
VALUE_KINDS = frozenset({"money", "amount", "time", "date", "duration", "extent", "rate", "number", "age", "person",
                         "contact", "phone", "error",
                         "place", "location", "name"})


def question_type(question):
    """The kind of answer `question` asks for ("money", "amount", "time", "date", "duration", "extent",
    "rate", "number", "age", "person", "contact", "phone", "condition", "outcome", "reason", "error",
    "place", "location", "name", "contrast", "default"), or "" when it asks for an explanation."""
    return question_type_span(question)[0]


def question_type_span(question):
    """(kind, the words that ask for it: "how long", "which port"), or ("", ""). A question
    asking how to do something asks for a way, not a value ("How do I count how many times…")."""
    asks_how_to = HOW_TO.match(question)
    for name, pattern in _QUESTION_TYPES:
        match = pattern.search(question)
        if match and not (asks_how_to and match.start() >= asks_how_to.end()):
            return name, match.group(0)
    return "", ""


HOW_TO = re.compile(r"^\s*(?:how\s+(?:do|can|could|should|would|may)\s+(?:i|we|you|one)\b|how\s+to\b)", re.I)
# "Can I smoke on the balcony?", "Do you ship to Germany?": a yes/no question about what the asker
# (or the business asked) may or must do
ASKER_YES_NO = re.compile(r"^\s*(?:can|could|do|does|did|am|is|are|will|may|should|must|have|has)\s+"
                          r"(?:i|we|you|my|our)\b", re.I)


_COPYRIGHT = re.compile(_COPYRIGHT_NOTICE, re.I)


def holds_type(name, text):
    """Whether `text` holds an answer of kind `name` (a date, a duration, a number…); a copyright
    notice's years ("© 2026 Tallow Ltd.") date nothing asked about."""
    pattern = _UNIT_TYPES.get(name)
    if name == "date" and pattern:
        text = _COPYRIGHT.sub("", text)
    return bool(pattern and pattern.search(text))
