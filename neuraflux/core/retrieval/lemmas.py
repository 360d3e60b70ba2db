"""English irregular forms that a suffix stemmer cannot join to their base word: "kept" and
"keeps", "came out" and "comes out", "written" and "write", "indices" and "index".

Used where a question is matched against sentences (evidence ranking and the query), so
"How long are snapshots kept?" matches "… keeps snapshots for 30 days". Forms that are also
common words of their own in technical text are left out: "left" (left shift), "frozen"
(frozenset), "bound" (bound names), "found" (as in "founded"), "bit", "saw", "lit".

    >>> [base_term(t) for t in ("kept", "written", "indic", "keep")]
    ['keep', 'write', 'index', 'keep']
"""
from .stemmer import stem

# base: irregular forms
_IRREGULAR = """
arise: arose arisen | awake: awoke awoken | become: became | begin: began begun | bend: bent |
blow: blew blown | break: broke broken | breed: bred | bring: brought | build: built |
burn: burnt | buy: bought | catch: caught | choose: chose chosen | come: came | creep: crept |
deal: dealt | dig: dug | draw: drew drawn | drive: drove driven | eat: ate eaten | feed: fed |
feel: felt | fight: fought | flee: fled | fly: flew flown | forbid: forbade forbidden |
forget: forgot forgotten | forgive: forgave forgiven | foresee: foresaw foreseen | get: got gotten |
give: gave given | go: went gone | grow: grew grown | hang: hung | hear: heard | hide: hid hidden |
hold: held | keep: kept | know: knew known | lay: laid | lead: led | leap: leapt | learn: learnt |
lend: lent | lose: lost | make: made | mean: meant | meet: met | mislead: misled |
overcome: overcame | override: overrode overridden | overtake: overtook overtaken |
overwrite: overwrote overwritten | pay: paid | rebuild: rebuilt | redo: redid redone |
rewrite: rewrote rewritten | ride: rode ridden | ring: rang rung | rise: rose risen | run: ran |
say: said | see: seen | seek: sought | sell: sold | send: sent | shake: shook shaken |
shine: shone | show: shown | shrink: shrank shrunk | sing: sang sung | sink: sank sunk | sit: sat |
sleep: slept | slide: slid | speak: spoke spoken | speed: sped | spell: spelt | spend: spent |
spin: spun | spring: sprang sprung | stand: stood | steal: stole stolen | stick: stuck |
strike: struck stricken | swear: swore sworn | sweep: swept | swim: swam swum | swing: swung |
take: took taken | teach: taught | tear: tore torn | tell: told | think: thought | throw: threw thrown |
understand: understood | undergo: underwent undergone | undertake: undertook undertaken |
wake: woke woken | wear: wore worn | weave: wove woven | weep: wept | win: won |
withdraw: withdrew withdrawn | withhold: withheld | write: wrote written |
child: children | man: men | woman: women | mouse: mice | foot: feet | tooth: teeth |
index: indices | matrix: matrices | vertex: vertices | criterion: criteria | appendix: appendices
"""


def _table():
    table = {}
    for entry in _IRREGULAR.split("|"):
        base, forms = entry.split(":")
        for form in forms.split():
            table[stem(form)] = stem(base.strip())
    return table


IRREGULAR = _table()


def base_term(term):
    """The analyzed term of the base word for an irregular form's term; other terms unchanged."""
    return IRREGULAR.get(term, term)


def base_terms(terms):
    return [IRREGULAR.get(t, t) for t in terms]
