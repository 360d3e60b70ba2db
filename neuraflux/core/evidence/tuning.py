"""The weights of the evidence features (Tuning), chosen on the dev splits, and how a small
collection (a folder of one's own files) changes them."""
from dataclasses import dataclass, replace


@dataclass
class Tuning:
    """Weights of the evidence features (chosen on the dev splits of benchmarks/qa: python_docs_dev*,
    own_docs, own_docs2…5)."""

    scaffold_weight: float = 0.1  # a scaffolding word counts this much of its idf
    context_weight: float = 1.0  # a question word found only in the unit's context
    rank_decay: float = 0.3  # score / (1 + decay * passage rank)
    score_gap_decay: float = 6.0  # … but at most / (1 + this * (1 - its BM25 score / the best's)): passage_place
    short_units: int = 4  # units with fewer analyzed terms score less (list fragments, "Note:")
    short_penalty: float = 0.0
    intro_penalty: float = 0.0  # a unit that ends in ":" only introduces what follows
    inherited_penalty: float = 0.4  # a unit saying no question word itself, matching through the sentence it goes on from
    version_note_penalty: float = 0.5  # "Changed in version 3.8: …" says when, rarely what
    see_also_penalty: float = 0.5  # an entry of a "See also:" list points elsewhere
    footnote_penalty: float = 0.5  # a footnote is an aside to the text that points to it
    help_line_penalty: float = 0.8  # a command's "--help  display this help and exit", unless help is asked about
    parameter_penalty: float = 0.5  # for "How do I…": a parameter list item ("* `path` {string} …")
    heading_bonus: float = 0.25  # x (share of the question's focus its heading/term/title names)
    first_bonus: float = 0.25  # first unit of its section
    second_bonus: float = 0.1
    subject_bonus: float = 0.2  # "What is X": the unit starts with X
    definition_bonus: float = 1.0  # x for "What is X": the unit opens "X is/are …" ("Tuples are immutable sequences")
    counted_bonus: float = 1.0  # "How many players…?": the unit writes a number of them ("2 to 5 players")
    # ANSWER_FORMS: a unit worded as the question asks
    exists_bonus: float = 0.3  # "Is there…?": a unit saying what there is
    allowed_bonus: float = 0.4  # "Can I…?": a unit saying what may be done
    required_bonus: float = 0.2  # "Do I have to…?": a unit saying what must be
    negated_bonus: float = 0.4  # a case stated in the negative: a unit stating one
    frequency_bonus: float = 0.3  # "How often…?": a unit saying how often
    use_bonus: float = 1.0  # "What is X for?": a unit saying what it is used for
    purpose_bonus: float = 0.5  # "How do I give…?": the unit starts "To give…, …"
    option_bonus: float = 0.3  # "How do I…?" of a command's manual: what one of its options does ("-k, --keep")
    subject_window: int = 3  # analyzed terms that count as the start of a unit
    window_chars: int = 400  # neighbourhood of a passage searched for sentences
    lead_units: int = 6  # opening units of each document always considered
    k1: float = 0.6
    b: float = 0.75
    topic_bonus: float = 1.0  # x (share of the document title's words that the question uses)
    code_bonus: float = 1.0  # x for a unit that holds a code literal of the question ("s.count(x)", "__add__")
    synonym_weight: float = 0.75  # a question word's synonym in the unit ("run" / "executed") counts this much
    answer_type_bonus: float = 0.5  # "When was…?": a unit holding a date scores this much more
    answer_type_coverage: float = 0.1  # … and covers the words that ask for it ("how long") and this share more
    spelled_bonus: float = 1.0  # "What does Click stand for?": words whose initials spell it score this much more still
    # "Can I…?"/"Do you…?" naming a case the documents state in general ("Can I smoke on the balcony?":
    # "No smoking anywhere in the flat"): a unit saying every question word they use covers this much more
    yes_no_relief: float = 0.2
    defines_bonus: float = 0.5  # x for the first unit under a term or the table row the question names ("n(ext)")
    named_row_bonus: float = 1.0  # … for a table row whose first cell the question names ("the g presentation type")
    named_coverage: float = 0.5  # … which counts as covering this much of the question ("What does __name__ hold?")
    numbered_bonus: float = 1.0  # x (share of the question's "word number" pairs the unit writes so)
    function_word_cap: float = 0.25  # x the rarest idf: the most a keyword that is an English function word
    # ("if", "for", "with") weighs unless the question names it as code ("the with statement")
    unknown_name_weight: float = 3.0  # x the rarest idf: a capitalised name no document uses ("Who wrote Hamlet?")
    unknown_word_weight: float = 1.0  # x its weight: a word no document uses and none comes near in meaning
    # ("boiling" of "What is the boiling point of water?"; SMALL_COLLECTION_UNKNOWN_WEIGHT in a small folder)
    which_weight: float = 3.0  # x its idf: the noun of "Which X…?", which the answer must name
    # Of the best-scoring units that cover too little of the question, the `similar_depth` first are
    # compared with it in meaning (meaning.py), and one close enough covers `similar_coverage` (0: off).
    similar_depth: int = 8
    related_threshold: float = 0.7  # a question word no document uses is matched by words this close (0: off)
    similar_coverage: float = 0.5


DEFAULT_TUNING = Tuning()
SMALL_COLLECTION_RAREST = 5.0  # the rarest term's idf below which a collection is small (a folder of one's files)
SMALL_COLLECTION_UNKNOWN_WEIGHT = 1.2  # unknown_word_weight there, where words are weighed by sentences


def is_small_collection(rarest_idf):
    """Whether a collection whose rarest term has idf `rarest_idf` is small: fewer than about 70
    passages (59 are, 103 are not)."""
    return bool(rarest_idf) and rarest_idf < SMALL_COLLECTION_RAREST


def collection_tuning(tuning, rarest_idf):
    """`tuning` for a collection whose rarest term has idf `rarest_idf`: in a small one, whose
    words are weighed by how many sentences use them (sentence_idf.py), a word it never uses
    weighs little more than its rarest, so one nothing comes near in meaning weighs more."""
    if is_small_collection(rarest_idf):
        return replace(tuning, unknown_word_weight=SMALL_COLLECTION_UNKNOWN_WEIGHT)
    return tuning
