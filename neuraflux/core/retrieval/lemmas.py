"""English forms that a suffix stemmer cannot join to their base word: irregular ones ("kept"
and "keeps", "came out" and "comes out", "written", "indices") and words of one family whose
stems differ ("division" and "divide", "length" and "long", "truth" and "true"), and American and
British spellings ("license" and "licence", "initialize" and "initialise").

Used where a question is matched against sentences (evidence ranking and the query), so
"How long are snapshots kept?" matches "… keeps snapshots for 30 days". Forms that are also
common words of their own in technical text are left out: "left" (left shift), "bound" (bound
names), "found" (as in "founded"), "bit", "saw", "lit" ("frozen" is in: "Can I freeze the
dough?" / "… can be frozen", "Can a dataclass be frozen?" / "frozen=True").

    >>> [base_term(t) for t in ("kept", "written", "indic", "divis", "length", "keep")]
    ['keep', 'write', 'index', 'divid', 'long', 'keep']
"""
from .stemmer import stem

# base: irregular forms, and the forms the stemmer cuts one letter short ("adding": "ad", "add": "add"); (below
# them, plurals the stemmer parts from their singular: "buses": "buse", "bus": "bus")
_IRREGULAR = """
arise: arose arisen | awake: awoke awoken | become: became | begin: began begun | bend: bent |
bite: bit bitten | blow: blew blown | break: broke broken | breed: bred | bring: brought | build: built |
burn: burnt | buy: bought | catch: caught | choose: chose chosen | come: came | creep: crept |
deal: dealt | dig: dug | draw: drew drawn | drive: drove driven | eat: ate eaten | feed: fed |
feel: felt | fight: fought | flee: fled | fly: flew flown | forbid: forbade forbidden | freeze: froze frozen |
forget: forgot forgotten | forgive: forgave forgiven | foresee: foresaw foreseen | get: got gotten |
give: gave given | go: went gone goes | grow: grew grown | hang: hung | hear: heard | hide: hid hidden |
hold: held | keep: kept | know: knew known | lay: laid | lead: led | leap: leapt | learn: learnt |
lend: lent | lose: lost | make: made | mean: meant | meet: met | mislead: misled |
overcome: overcame | override: overrode overridden | overtake: overtook overtaken |
overwrite: overwrote overwritten | pay: paid | repay: repaid | rebuild: rebuilt | redo: redid redone |
rewrite: rewrote rewritten | ride: rode ridden | rise: rose risen | run: ran |
say: said | see: seen | itself: themselves | seek: sought | sell: sold | send: sent | shake: shook shaken |
shine: shone | show: shown | shrink: shrank shrunk | sing: sang sung | sink: sank sunk | sit: sat |
sleep: slept | slide: slid | speak: spoke spoken | speed: sped | spell: spelt | spend: spent |
spin: spun | spring: sprang sprung | stand: stood | steal: stole stolen | stick: stuck |
strike: struck stricken | swear: swore sworn | sweep: swept | swim: swam swum | swing: swung |
take: took taken | teach: taught | tear: tore torn | tell: told | think: thought | throw: threw thrown |
understand: understood | undergo: underwent undergone | undertake: undertook undertaken |
wake: woke woken | wear: wore worn | weave: wove woven | weep: wept | win: won |
withdraw: withdrew withdrawn | withhold: withheld | write: wrote written |
add: adding added | err: erring erred
"""
_PLURALS = """
child: children | man: men | woman: women | mouse: mice | foot: feet | tooth: teeth |
index: indices | matrix: matrices | vertex: vertices | criterion: criteria | appendix: appendices |
bus: buses | gas: gases | lens: lenses | alias: aliases | plus: pluses
"""

# base: words of the same family whose stems differ ("division" stems to "divis", "divide" to "divid")
_FAMILIES = """
divide: division | decide: decision | include: inclusion | exclude: exclusion | conclude: conclusion |
extend: extension | expand: expansion | provide: provision | suspend: suspension | convert: conversion |
permit: permission | omit: omission | emit: emission | submit: submission | transmit: transmission |
compare: comparison | define: definition | repeat: repetition | describe: description |
assume: assumption | consume: consumption | resume: resumption | reduce: reduction |
introduce: introduction | destroy: destruction | multiply: multiplication | explain: explanation |
compose: composition | fail: failure | solve: solution | resolve: resolution |
respond: response | maintain: maintenance | retain: retention | proceed: procedure | exceed: excess |
long: length | wide: width | high: height | deep: depth | strong: strength | true: truth |
lose: loss | grow: growth | choose: choice | fly: flight | prove: proof | believe: belief | die: death |
weigh: weight heavy | speak: speech | sell: sale resell resale | know: knowledge | hot: heat | far: distance |
old: age | high: tall |
pregnant: pregnancy | urgent: urgency | absent: absence | tenant: tenancy | vacant: vacancy |
fluent: fluency | accurate: accuracy | private: privacy | depart: departure | deliver: delivery |
instruct: instructor | register: registration | deregister: deregistration | verify: verification | notify: notification |
expire: expiry | close: closure | try: trial | pay: payment | agree: agreement | settle: settlement |
treat: treatment | refer: referral | full: fill | staff: staffed staffing |
large: enlarge enlargement | thick: thicken | soft: soften | hard: harden | tight: tighten | loose: loosen | short: shorten |
dark: darken | weak: weaken | sweet: sweeten | flat: flatten | bright: brighten | sharp: sharpen | moist: moisten |
wind: windy | rain: rainy | snow: snowy | sun: sunny | cloud: cloudy | ice: icy | fog: foggy | storm: stormy |
license: licence | color: colour | behavior: behaviour | favorite: favourite | honor: honour |
neighbor: neighbour | center: centre | meter: metre | fiber: fibre | defense: defence |
offense: offence | catalog: catalogue | dialog: dialogue | analyze: analyse | paralyze: paralyse |
organize: organise | recognize: recognise | initialize: initialise | serialize: serialise |
customize: customise | optimize: optimise | normalize: normalise | authorize: authorise |
synchronize: synchronise | minimize: minimise | maximize: maximise | prioritize: prioritise |
summarize: summarise | utilize: utilise | finalize: finalise | localize: localise | gray: grey
"""

# base: its comparative and superlative, joined to it in matching but not added to a search query
# ("How do I leave a function early?" is not about what was set "earlier")
_DEGREES = """
old: older oldest | new: newer newest | large: larger largest | big: bigger biggest |
small: smaller smallest | fast: faster fastest | slow: slower slowest | long: longer longest |
short: shorter shortest | high: higher highest | low: lower lowest | late: later latest |
early: earlier earliest | great: greater greatest | few: fewer fewest | good: better best |
bad: worse worst | wide: wider widest | cheap: cheaper cheapest | easy: easier easiest | hard: harder hardest |
heavy: heavier heaviest | busy: busier busiest | steep: steeper steepest | near: nearer nearest |
hot: hotter hottest | cold: colder coldest | warm: warmer warmest | safe: safer safest | quiet: quieter quietest |
tight: tighter tightest | loose: looser loosest | strict: stricter strictest | simple: simpler simplest |
deep: deeper deepest | strong: stronger strongest | weak: weaker weakest | narrow: narrower narrowest |
close: closer closest | light: lighter lightest | thin: thinner thinnest | thick: thicker thickest |
young: younger youngest | tall: taller tallest | clean: cleaner cleanest | clear: clearer clearest
"""

# base: its short forms (a folder may write only "app", never "application")
_ABBREVIATIONS = """
integer: int | string: str | dictionary: dict | boolean: bool | argument: arg args | parameter: param params |
variable: var vars | configuration: config | directory: dir | environment: env | repository: repo |
application: app | information: info | timezone: tz | database: db | message: msg | document: doc |
administrator: admin | delete: del | authentication: auth | temporary: tmp | maximum: max | source: src | library: lib |
separator: sep | define: def | hexadecimal: hex |
kilometre: km kilometer | kilogram: kg kilo | foot: ft | centimetre: cm centimeter | millimetre: mm millimeter
"""


def _tables():
    """({form's term: base's term}, {base's term: the family's words a search query adds}): a
    comparative or superlative reads as its adjective but is not searched for."""
    table, words = {}, {}
    for searched, entries in ((True, _entries(_IRREGULAR, _PLURALS, _FAMILIES)), (False, _entries(_DEGREES)),
                              (True, _entries(_ABBREVIATIONS))):
        for base, forms in entries:
            words.setdefault(stem(base), set()).update([base, *forms] if searched else [base])
            for form in forms:
                table[stem(form)] = stem(base)
    return table, words


def _entries(*tables):
    """(base word, [its forms]) for each "base: form form" entry of the tables."""
    for entry in "|".join(tables).split("|"):
        base, forms = entry.split(":")
        yield base.strip(), forms.split()


IRREGULAR, _FAMILY_WORDS = _tables()
_PLURAL_WORDS = {stem(base): forms for base, forms in _entries(_PLURALS)}
ABBREVIATED = frozenset(stem(form) for _, forms in _entries(_ABBREVIATIONS) for form in forms)


def base_term(term):
    """The analyzed term of the base word for an irregular form's term; other terms unchanged."""
    return IRREGULAR.get(term, term)


def base_terms(terms):
    return [base_term(t) for t in terms]


def family_words(terms):
    """The other words of the families of `terms` (analyzed): for ["kept"], ["keep"]; for
    ["divid"], ["division"]. Added to a search query so retrieval joins the forms evidence
    ranking joins."""
    present = set(terms)  # … and the terms added: "var" and "vars" are one term, which counts once
    out = []
    for term in terms:
        for word in sorted(_FAMILY_WORDS.get(base_term(term), ())):
            if stem(word) not in present:
                present.add(stem(word))
                out.append(word)
    return out


def plural_forms(words):
    """The irregular plurals of `words` ("child": "children"), which a search index keeps apart."""
    return [plural for word in words for plural in _PLURAL_WORDS.get(stem(word), ())]


# Words that documentation uses for one another ("run" a suite / the suite "is executed"), and
# words with their negation ("Are literals mutable?" is answered by "… immutable data types").
# A synonym is weaker evidence than the word itself: callers give it part of the word's weight.
_SYNONYMS = """
run execute work | call invoke | start begin launch found | stop end terminate finish | create make construct define |
delete remove erase | change modify alter switch | need require | get obtain retrieve fetch extract |
show display | kind type sort | big large | small little | fast quick | allow permit |
hold contain store keep | error failure | default initial | option setting | mistake error |
come release ship publish | trigger cause | organise organize sort arrange | return yield | use employ | part piece portion |
mutable immutable | hashable unhashable | ordered unordered | bound unbound | defined undefined |
valid invalid | empty nonempty | signed unsigned | finite infinite | known unknown | ahead advance beforehand upfront |
end trailing | beginning leading | letter alphabetic | directory folder | empty blank | luggage baggage | bike bicycle | broken damaged | cash money |
rent hire | outside outdoor | teach instruct | foam froth | wrong incorrect | think believe | child kid |
guest visitor | sick ill unwell | pay charge | train railway | together jointly | turn switch | yearly annual annually |
pick collect | choose select | branch > clause suite | leave > quit exit | swallow > suppress | nested > enclosing |
saturday sunday > weekend | monday tuesday wednesday thursday friday > weekday | dog cat puppy kitten > pet |
phone telephone > call | fever > temperature | pack > bring | ship > deliver | shop > store | water > liquid |
car van > vehicle | electricity > power | loud noisy > noise | old > past previous |
backpack rucksack suitcase handbag > bag | photo photograph photography picture | docker > container |
buy purchase > sell | beer wine > alcohol | replace > overwrite | friend > guest visitor | show > list |
warm hot cold > temperature | screen > display | fee > subscription price charge cost |
wheelchair > ramp step | employee staff | internet > online connection offline | close > delete cancel near |
caption subtitle | discount > reduce reduction cheaper | loop iterate | door entrance | kill die |
unknown unrecognized unrecognised | mac macos osx | rain rainy wet | laptop desktop > computer |
dependency package | hide redact mask conceal | stdout stderr > output | stdin > input |
see > view show display print list | trainers sneakers boots sandals > shoes footwear |
toddler baby infant > child | wash rinse | add insert | right > trailing | left > leading | doctor gp physician |
forget > lose | wear dress | update upgrade |
weekend > saturday sunday | bottle jar > glass | sofa couch armchair wardrobe mattress > furniture | fix repair |
join > member membership | pensioner retiree oap > 65 | abroad overseas > country foreign | keep > loan borrow |
ticket > pass | browser > chrome firefox safari edge | sms > text | excel > spreadsheet xlsx | coffee tea juice > drink |
computer > device machine | declare > list | salary wage > payroll pay |
people person > student staff member user guest passenger |
contact > call email phone write | permission approval consent |
daughter son wife husband mother father brother sister grandson granddaughter > relative family | string > text |
ring necklace bracelet earring earrings > jewellery jewelry | premium > price | pay > settle | dinner > lunch |
top upper > maximum max highest | new > replacement | paracetamol ibuprofen aspirin > medicine medication |
toothache headache > pain | mac > macbook imac | spay castrate > neuter | puppy > dog | kitten > cat |
injection jab > vaccine vaccination dose | prescription > medication medicine | talk speak | write > author |
single > one | short > minimum min | creche nursery > childcare | compare > diff |
pause > freeze suspend delay | contract > term | username > user login | ram > memory | average mean |
duvet pillow pillowcase sheet sheets > bedding | swap > exchange | lunch > food meal |
respond > reply answer acknowledge | cap > maximum max limit | total sum | warn warning > alert |
charity charities > nonprofit nonprofits | turn > enable disable | overwrite > change modify |
brother brothers sister sisters > sibling siblings | ring > phone call | frequent > common | front > beginning |
variable > name | verify > check test | corrupt > bad broken damaged integrity |
subfolder subfolders subdirectory subdirectories > recursive recursively subtree |
boiler radiator > heating | template > style | anonymous > blind | 3g 4g 5g lte > mobile cellular |
insensitive > ignore | eat > feed | caterpillar > larva larvae | walrus > := | limit > maximum max |
shuffle > permutation random | stop > suppress disable prevent | subtract > difference minus
"""
# "a b > c": a and b are kinds of c ("Can I bring my dog?" is answered by "Pets are allowed"), not
# the other way round ("dogs must be on a lead" does not answer "Are cats allowed?")
# — except for a whole made of its two parts: "Is there a weekend class?" is answered by Saturday's
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
# "a third argument" is the last of "… with 3 arguments" (third to fifth; not "second", also a time unit)
_SYNONYMS += "".join(f" | {word} > {n}" for n, word in enumerate(ORDINAL_WORDS, 1) if 3 <= n <= 5)


# the operators that documents name in words ("A left shift by *n* bits…" answers "What does
# x << 2 do?"): "a b > c" groups, kept apart as ">" and "|" are operators themselves
_OPERATOR_NAMES = {"<<": "shift left", ">>": "shift right", "~": "invert inversion", "^": "xor exclusive",
                   "**": "power", "//": "floor"}


def _synonym_tables():
    """({term: the terms of its synonyms}, {term: the words of its groups})"""
    table, words = {}, {}
    groups = [group.partition(">") for group in _SYNONYMS.split("|")]
    for narrower, _, broader in groups + [(symbol, ">", names) for symbol, names in _OPERATOR_NAMES.items()]:
        kinds = broader.split() or narrower.split()
        kind_terms = {base_term(stem(w)) for w in kinds}
        for word in narrower.split():
            term = base_term(stem(word))
            table.setdefault(term, set()).update(kind_terms - {term})
            words.setdefault(term, set()).update([word, *kinds])
    return table, words


SYNONYMS, _SYNONYM_WORDS = _synonym_tables()


def synonym_words(terms):
    """The words of the synonym groups of `terms` (analyzed) that are not those terms' own:
    for ["bike"], ["bicycle"]."""
    own = set(terms)
    return sorted({word for term in terms for word in _SYNONYM_WORDS.get(term, ())
                   if base_term(stem(word)) not in own})
