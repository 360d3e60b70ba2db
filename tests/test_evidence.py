"""The evidence stage in isolation (core/evidence/): how a question is read (its weights,
scaffolding, the code and keywords it writes), the terms of a text, where a document's quotable
units are, and how units are scored. End-to-end answers are in test_answers.py."""
import pytest

from neuraflux.core.sentences import split_units


def test_a_markdown_definition_list_reads_as_terms_with_their_definitions():
    text = "# Glossary\n\n**Hub**\n: A warehouse where parcels are sorted.\n\nDwell time\n: How long a parcel waits.\n" \
           "  The target is six hours.\n: Also called wait time.\n\n:param x: a reST field, no definition\n"
    units = split_units(text)
    assert [(u.kind, u.text, u.term) for u in units[1:]] == [
        ("term", "**Hub**", ""), ("prose", "A warehouse where parcels are sorted.", "**Hub**"),
        ("term", "Dwell time", ""), ("prose", "How long a parcel waits.", "Dwell time"),
        ("prose", "The target is six hours.", "Dwell time"), ("prose", "Also called wait time.", "Dwell time"),
        ("prose", ":param x: a reST field, no definition", "")]
    assert text[units[2].start:units[2].end] == "A warehouse where parcels are sorted."
    from neuraflux.core.evidence import rank_evidence
    from neuraflux.core.evidence.terms import evidence_terms
    from neuraflux.core.retrieval.retriever import Hit

    terms = [evidence_terms(u.text) for u in units]
    hits = [Hit("g#0", "g", "Glossary", "g", 0, len(text), text, 1.0)]
    evidence = rank_evidence("What is a hub?", hits, lambda _: (text, units, terms), lambda term: 2.0)
    assert evidence[0].unit.text == "A warehouse where parcels are sorted."


def test_expressions_written_in_a_question_are_code_literals():
    from neuraflux.core.evidence.question import expression_literals

    assert expression_literals("What does 2**-1 give me?") == ["2**-1"]
    assert expression_literals("What do x[::-1] and a[1:3] return?") == ["x[::-1]", "a[1:3]"]
    assert expression_literals("Why is -1**2 negative, and 3/4 a float?") == ["-1**2", "3/4"]
    assert expression_literals("Is the well-known I/O module and/or its e.g. helper here?") == []


def test_an_operator_the_question_names_is_searched_as_documents_quote_it():
    from neuraflux.core.evidence.question import quoted_operators

    assert quoted_operators("What does the | operator do?") == ['"|" operator', "`|` operator"]
    assert quoted_operators("Is the `**` operator right-associative?") == ['"**" operator', "`**` operator"]
    assert quoted_operators("What does x | y do? Is a well-known operator here?") == []


def test_a_keyword_written_with_its_star_is_code():
    from neuraflux.core.evidence.terms import code_literals

    assert code_literals("What are except* clauses for?") == ["except*"]
    assert code_literals("Is *args a tuple? Prices* vary.") == ["*args"]


def test_a_single_letter_names_a_term_only_when_written_on_its_own():
    from neuraflux.core.evidence.question import question_names

    assert "e" in question_names("What does the e presentation type do?")
    names = question_names("How does x[-1] get the last item of a list?")  # an operand: not the "x in s" row
    assert "x" not in names and "last" in names


def test_a_row_pointing_to_several_notes_gets_them_all_and_their_numbers_are_no_operands():
    from neuraflux.core.evidence.layout import _UnitTerms, notes_of

    text = ("| Operation | Result | Notes |\n|---|---|---|\n| `s * n` | s repeated n times | (2)(7) |\n\n"
            "Notes:\n\n2. A negative n gives an empty sequence.\n\n7. Ranges do not support repetition.\n")
    units = split_units(text)
    row = next(i for i, u in enumerate(units) if u.text.startswith("`s * n`"))
    assert [units[i].text[:2] for i in notes_of(units, row)] == ["2.", "7."]
    assert "7" not in _UnitTerms(units)[row] and "repeat" in _UnitTerms(units)[row]


def test_an_abbreviation_weighs_as_written(tmp_path):
    from neuraflux.core.evidence.question import question_weights

    idf = {"config": 3.0, "configur": 1.0, "file": 1.5}.get
    weights = question_weights("Where is the config file?", lambda t: idf(t, 4.0) if t else 4.0)
    assert weights["configur"] == 3.0  # "config", rarer than "configuration", keeps its weight


def test_the_kind_noun_after_a_name_weighs_as_scaffolding():
    from neuraflux.core.evidence import DEFAULT_TUNING
    from neuraflux.core.evidence.question import question_weights

    def idf(term):
        return 3.0

    weights = question_weights("What does the pass keyword actually do?", idf)
    assert weights["keyword"] == pytest.approx(3.0 * DEFAULT_TUNING.scaffold_weight) and weights["pass"] == 3.0
    assert question_weights("What is a keyword argument?", idf)["keyword"] == 3.0  # no name before it
    assert question_weights("What does the break statement do?", idf)["statement"] == 3.0  # documents say "statement"


@pytest.mark.parametrize("question, term, framing", [
    ("What is this kind of loop called?", "call", True), ("When is __getattr__ called?", "call", True),
    ("What do you call a function inside a class?", "call", True),
    ("Who do I call at night?", "call", False),  # the call is what is asked about
    ("What do I get for a week on call?", "call", False),
    ("Who counts as a concession?", "count", True),  # "counts as": what a concession is
    ("Which values count as false?", "count", True), ("How are votes counted?", "count", False),
])
def test_call_and_count_frame_the_question_only_in_their_framing_forms(question, term, framing):
    from neuraflux.core.evidence import DEFAULT_TUNING
    from neuraflux.core.evidence.question import question_weights

    weight = question_weights(question, lambda _: 3.0)[term]
    assert weight == pytest.approx(3.0 * DEFAULT_TUNING.scaffold_weight if framing else 3.0)


def test_optional_letter_commands_also_read_as_whole_words():
    from neuraflux.core.evidence.terms import unabbreviated

    assert unabbreviated("c(ont(inue))") == "continue"
    assert unabbreviated("unt(il) [lineno]") == "until"
    assert unabbreviated("pdb.run(statement, globals=None)") == ""  # a signature, not an abbreviation
    assert unabbreviated("h(elp") == "" and unabbreviated("step") == ""


def test_irregular_forms_match_their_base_word():
    from neuraflux.core.evidence.terms import evidence_terms

    assert evidence_terms("How long are snapshots kept?")[-1] == evidence_terms("it keeps")[-1]
    assert evidence_terms("int dict config repo") == evidence_terms("integer dictionary configuration repository")
    assert evidence_terms("written")[0] == evidence_terms("writes")[0]
    assert evidence_terms("refer") == evidence_terms("referral")
    assert evidence_terms("themselves") == evidence_terms("itself")  # "Is NaN equal to itself?" / "… to themselves"
    assert evidence_terms("the left shift")[0] == "left"  # a direction, not the past of "leave"
    assert evidence_terms("division length truth") == evidence_terms("divide long true")
    assert evidence_terms("older fastest better") == evidence_terms("old fast good")
    assert evidence_terms("licence colour initialised grey") == evidence_terms("license color initialized gray")
    assert evidence_terms("flights proof weight") == evidence_terms("fly prove weigh")  # a noun of another stem
    assert evidence_terms("staffed repaid") == evidence_terms("staff repay")  # "Staffed hours are…", "repaid over…"
    assert evidence_terms("fill") == evidence_terms("full")  # "fill up the tank" / "must be returned full"
    assert evidence_terms("feet") == evidence_terms("ft")  # "How do I get heights in feet?" / "--units ft"


def test_a_synonym_counts_for_part_of_the_word():
    from neuraflux.core.evidence import Tuning, rank_evidence
    from neuraflux.core.evidence.terms import evidence_terms
    from neuraflux.core.retrieval.lemmas import SYNONYMS
    from neuraflux.core.retrieval.retriever import Hit
    from neuraflux.core.sentences import split_units

    assert "execut" in SYNONYMS["run"] and "run" in SYNONYMS["execut"]
    assert "immut" in SYNONYMS["mutabl"] and "unbound" in SYNONYMS["bound"]  # a word and its negation
    assert "advanc" in SYNONYMS["ahead"]  # "How far ahead…" / "… 180 days in advance"
    assert "entranc" in SYNONYMS["door"]  # "Which door do I use?" / "The entrance is on Tanner's Lane"
    assert "die" in SYNONYMS["kill"]  # "What kills most houseplants?" / "Most houseplants die from too much water"
    assert "unrecogn" in SYNONYMS["unknown"]  # "an unknown escape" / "unrecognized escape sequences are left…"
    assert "maco" in SYNONYMS["mac"]  # "Does it run on a Mac?" / "macOS 12 and later"
    assert "wet" in SYNONYMS["rain"]  # "What happens to walks when it rains?" / "On wet days we use the paddock"
    assert "comput" in SYNONYMS["laptop"] and "laptop" not in SYNONYMS.get("comput", ())  # a laptop is a computer
    assert "packag" in SYNONYMS["depend"] and "redact" in SYNONYMS["hide"]  # "other packages", "hide passwords"
    assert "output" in SYNONYMS["stdout"] and "stdout" not in SYNONYMS.get("output", ())  # "… to standard output"
    assert "print" in SYNONYMS["see"] and "see" not in SYNONYMS.get("print", ())  # "How do I see…?" / "Print the…"
    assert "shoe" in SYNONYMS["trainer"] and "child" in SYNONYMS["toddler"]  # "Can I wear trainers…?" / "Outdoor shoes…"
    assert "rins" in SYNONYMS["wash"] and "insert" in SYNONYMS["add"]  # "wash out tins" / "Rinse containers…"
    assert "trail" in SYNONYMS["right"] and "lead" in SYNONYMS["left"]  # "strip from the right side" / "trailing"
    assert "gp" in SYNONYMS["doctor"]  # "Do I need my doctor to refer me?" / "… a referral from your GP"
    assert "lose" in SYNONYMS["forget"] and "forget" not in SYNONYMS.get("lose", ())  # "… a lost passphrase"
    assert "dress" in SYNONYMS["wear"]  # "What should I wear?" / "Dress code: black trousers…"
    assert "upgrad" in SYNONYMS["updat"]  # "How do I update?" / "## Upgrading"
    assert "glass" in SYNONYMS["bottl"] and "furnitur" in SYNONYMS["sofa"]  # "empty bottles" / "Glass is collected…"
    assert "repair" in SYNONYMS["fix"]  # "Who fixes things in the flat?" / "Repairs in your flat — Caretaker"
    assert "membership" in SYNONYMS["join"]  # "How much does it cost to join?" / "Membership costs £30 a year"
    assert "65" in SYNONYMS["pension"]  # "What do pensioners pay?" / "Student (with card) or over 65: €11"
    assert "countri" in SYNONYMS["abroad"]  # "Can I work from abroad?" / "Working from another country…"
    assert "loan" in SYNONYMS["keep"] and "keep" not in SYNONYMS.get("loan", ())  # "… keep a tool?" / "loan period"
    assert "pass" in SYNONYMS["ticket"] and "chrome" in SYNONYMS["browser"]  # "a day ticket" / "A day pass costs…"
    assert "text" in SYNONYMS["sms"] and "spreadsheet" in SYNONYMS["excel"]  # "… by SMS?" / "text message codes"
    assert "drink" in SYNONYMS["coffe"] and "devic" in SYNONYMS["comput"]  # "coffee on the bus" / "Drinking is…"
    assert "list" in SYNONYMS["declar"]  # "Can a parameter be declared global?" / "Names listed in a global…"
    assert "payrol" in SYNONYMS["salari"]  # "Who do I ask about my salary?" / "Email payroll@…"
    assert "student" in SYNONYMS["peopl"] and "peopl" not in SYNONYMS.get("student", ())  # "8 students"
    assert "call" in SYNONYMS["contact"]  # "Who do I contact if my system breaks?" / "Call our service line…"
    assert "saturday" in SYNONYMS["weekend"] and "sunday" not in SYNONYMS.get("saturday", ())  # a Saturday class
    assert "approv" in SYNONYMS["permit"]  # "Do I need permission for a greenhouse?" / "… need the committee's approval"
    assert "text" in SYNONYMS["string"] and "string" not in SYNONYMS.get("text", ())  # "… come out as strings?"
    assert "jewelleri" in SYNONYMS["ring"] and "price" in SYNONYMS["premium"]  # "Is my ring covered?" / "jewellery"
    assert "maximum" in SYNONYMS["top"] and "replac" in SYNONYMS["new"]  # "top speed", "a new battery"
    assert "medicin" in SYNONYMS["paracetamol"] and "pain" in SYNONYMS["toothach"]  # "Staff can only give medicines…"
    assert "macbook" in SYNONYMS["mac"] and "mac" not in SYNONYMS.get("macbook", ())  # "… a MacBook Pro or a ThinkPad"
    assert "lunch" in SYNONYMS["dinner"]  # "How much are school dinners?" / "… a lunch costs 2.60 pounds"
    assert "settl" in SYNONYMS["pay"] and "pay" not in SYNONYMS.get("settl", ())  # "… claim paid?" / "settled"
    assert "neuter" in SYNONYMS["spay"] and "dog" in SYNONYMS["puppi"]  # "… be spayed?" / "neutering cats at…"
    assert "dose" in SYNONYMS["inject"] and "medic" in SYNONYMS["prescript"]  # "second injection" / "Second dose"
    assert "speak" in SYNONYMS["talk"] and "author" in SYNONYMS["write"]  # "Who wrote the postmortem?" / "Author: …"
    assert "maximum" in SYNONYMS["upper"] and "childcar" in SYNONYMS["crech"]  # "an upper age limit", "a creche"
    assert "minimum" in SYNONYMS["short"] and "one" in SYNONYMS["singl"]  # "the shortest booking", "a single application"
    assert "repli" in SYNONYMS["respond"] and "maximum" in SYNONYMS["cap"]  # "How quickly will you respond?"
    assert "machin" in SYNONYMS["comput"]  # "How do I set up my dotfiles on a new computer?" / "… on a new machine"
    assert "sibl" in SYNONYMS["brother"] and "phone" in SYNONYMS["ring"]  # "brothers and sisters", "What number do I ring?"
    assert "passeng" in SYNONYMS["peopl"]  # "How many people can I book for?" / "Up to eight passengers…"
    assert "sum" in SYNONYMS["total"] and "alert" in SYNONYMS["warn"] and "nonprofit" in SYNONYMS["chariti"]
    assert "memori" in SYNONYMS["ram"] and "mean" in SYNONYMS["averag"]  # "bigger than my RAM", "the average"
    assert "bed" in SYNONYMS["duvet"] and "exchang" in SYNONYMS["swap"] and "food" in SYNONYMS["lunch"]
    assert "user" in SYNONYMS["usernam"]  # "What is the default username?" / "user = admin"
    assert "freez" in SYNONYMS["paus"] and "term" in SYNONYMS["contract"]  # "pause my membership", "minimum term"
    assert "offlin" in SYNONYMS["internet"] and "near" in SYNONYMS["close"]  # "It runs offline", "ports close to me"
    assert "relat" in SYNONYMS["daughter"] and "daughter" not in SYNONYMS.get("relat", ())  # "… pass it on to a relative"
    text = "# Loops\n\nThe else suite is executed after the loop.\n\nThe loop body may break early.\n"
    units = split_units(text)
    terms = [evidence_terms(u.text) for u in units]
    hits = [Hit("d#0", "d", "Loops", "d", 0, len(text), text, 1.0)]

    def units_of(doc_id):
        return text, units, terms

    def idf(term):
        return 2.0
    scores = {}
    for weight in (0.0, 0.5):
        best = rank_evidence("When does the else suite run?", hits, units_of, idf, Tuning(synonym_weight=weight))
        scores[weight] = next(e for e in best if "executed" in e.unit.text)
    assert scores[0.5].score > scores[0.0].score and scores[0.5].coverage > scores[0.0].coverage


def test_the_page_about_the_question_topic_is_preferred():
    from neuraflux.core.evidence import Tuning, rank_evidence
    from neuraflux.core.evidence.terms import evidence_terms
    from neuraflux.core.retrieval.retriever import Hit
    from neuraflux.core.sentences import split_units

    texts = {"try": "# The try statement\n\nWhen a return statement is executed in the try suite, the return "
                    "statement value is kept until the finally clause runs.\n",
             "return": "# The return statement\n\nIt leaves the current function call.\n"}
    split = {d: (t, split_units(t), [evidence_terms(u.text) for u in split_units(t)]) for d, t in texts.items()}
    hits = [Hit(f"{d}#0", d, texts[d].splitlines()[0][2:], d, 0, len(texts[d]), texts[d], 1.0) for d in ("try", "return")]

    def best(tuning):
        return rank_evidence("What does the return statement do?", hits, split.__getitem__, lambda t: 2.0, tuning)[0]

    assert best(Tuning(topic_bonus=0.0)).doc_id == "try"  # more of the question's words, in the first passage
    assert best(Tuning(topic_bonus=4.0)).doc_id == "return"  # the page whose title the question names


def test_a_list_label_is_not_an_answer():
    from neuraflux.core.evidence.layout import _quotable

    units = split_units("Subscription of a mapping or sequence:\n\n1. Mappings.\n\n2. Sequences.\n\n"
                        "* the constant None\n\nIf the primary is a mapping, the key selects the value.\n")
    assert [u.text for u in units if _quotable(u)] == ["Subscription of a mapping or sequence:", "* the constant None",
                                                       "If the primary is a mapping, the key selects the value."]
    units = split_units("## `util.promisify(original)`\n\nHistory\n\nYes\n\nTakes a function and returns a version "
                        "that returns promises.\n")  # "History": a label of one word over a changelog
    assert [u.text for u in units if _quotable(u)] == ["Yes", "Takes a function and returns a version that returns promises."]


def test_a_shell_session_is_quotable_when_it_is_mostly_what_to_type():
    from neuraflux.core.evidence.layout import layout_of

    text = ("Intro.\n\n```shell\n$ pip install \"dotenv[cli]\"\n$ dotenv set USER foo\n$ dotenv list --format=json\n"
            "{\"USER\": \"foo\"}\n```\n\nMore.\n\n```console\n$ node server.js\nPrimary 3596 is running\n"
            "Worker 4324 started\nWorker 4520 started\n```\n\n```python\nimport dotenv\n```\n")
    units = split_units(text)
    quotable = [units[i].text.split("\n")[1] for i in layout_of(units, [[]] * len(units)).quotable
                if units[i].kind == "code"]
    assert quotable == ['$ pip install "dotenv[cli]"']  # not the session that mostly prints, nor the program


def test_a_list_of_short_values_is_quotable_and_a_table_of_contents_is_not():
    from neuraflux.core.evidence.layout import enumeration_intro, layout_of, list_intro

    text = ("- [Usage](#usage)\n- [File format](#file-format)\n\nIt is localized to:\n\n- Basque\n- Klingon\n"
            "- Simplified Chinese\n\n1. Mappings.\n\n2. Sequences.\n\nBy default, `load_dotenv()` will:\n\n"
            "- Read each pair.\n- **Not override** existing variables.\n  Pass `override=True` to override.\n")
    units = split_units(text)
    quotable = [units[i].text for i in layout_of(units, [[]] * len(units)).quotable]
    assert quotable == ["It is localized to:", "- Basque", "- Klingon", "- Simplified Chinese",
                        "By default, `load_dotenv()` will:", "- Read each pair.", "- **Not override** existing variables.",
                        "Pass `override=True` to override."]  # no contents entry, no label ("1. Mappings.")
    at = {u.text: i for i, u in enumerate(units)}
    assert units[enumeration_intro(units, at["- Klingon"])].text == "It is localized to:"
    assert enumeration_intro(units, at["- Read each pair."]) is None  # a statement, not a value
    assert units[list_intro(units, at["- **Not override** existing variables."])].text.startswith("By default")
    assert list_intro(units, at["- Basque"]) == at["It is localized to:"]
    assert list_intro(units, at["It is localized to:"]) is None


def test_a_heading_in_two_words_names_a_one_word_term():
    from neuraflux.core.evidence.terms import compound_terms, evidence_terms

    assert evidence_terms("frozenset")[0] in compound_terms("Frozen sets")
    assert evidence_terms("keyword")[0] in compound_terms("Key words") and not compound_terms("Sets")


def test_code_written_in_the_question_is_found_verbatim():
    from neuraflux.core.evidence.terms import code_literals

    assert code_literals("What does s.count(x) return?") == ["s.count(x)"]
    assert code_literals("What do **kwargs and __add__ do in str.zfill?") == ["**kwargs", "__add__", "str.zfill"]
    assert code_literals("What does the pass statement do?") == []


def test_names_of_terms_and_table_rows():
    from neuraflux.core.evidence.question import question_names
    from neuraflux.core.evidence.terms import term_names

    assert term_names("str.expandtabs(tabsize=8)") == {"expandtabs"}
    assert term_names("n(ext)") == {"n", "next"}
    assert term_names("\"'b'\" — Binary format. Outputs the number in base 2.") == {"b"}
    assert term_names("class pdb.Pdb(completekey='tab')") == {"Pdb"}  # case kept: "pdb" names the module
    assert {"items", "dict"} <= question_names("What does dict.items return?")
    assert "Pdb" not in question_names("What is pdb?")
    assert term_names("**Hub**") == {"Hub", "hub"}  # a glossary's capitalised word is the question's "hub"
    assert term_names("\"'G'\" — General format.") == {"G"}


def test_the_sentence_setting_the_asked_term_in_italics_defines_it():
    from neuraflux.core.evidence.scoring import _emphasizes
    from neuraflux.core.evidence.terms import evidence_terms

    focus = set(evidence_terms("free variable"))
    weights = {term: 2.0 for term in focus}
    assert _emphasizes("If a variable is used in a code block but not defined there, it is a *free variable*.", focus,
                       weights)
    assert _emphasizes("A **free variable** is one used but not bound.", focus, weights)  # Markdown bold
    assert not _emphasizes("If the nearest scope for a free variable holds a *global* statement…", focus, weights)
    args = set(evidence_terms("args"))
    assert not _emphasizes("Use *args and **kwargs.", args, dict.fromkeys(args, 1.0))  # a parameter, not a term
    # "What is a code block in Python?": the noun that carries most of its weight is the term defined
    weights = {"code": 2.0, "block": 3.0, "python": 0.5}
    assert _emphasizes("A *block* is a piece of Python program text that is executed as a unit.", set(weights), weights)
    assert not _emphasizes("Each *code* object is immutable.", set(weights), weights)  # 2.0 of 5.5: not the term


def test_what_a_thing_is_used_to_represent_defines_it_but_other_passives_do_not():
    from neuraflux.core.evidence.scoring import defines
    from neuraflux.core.evidence.terms import evidence_terms
    from neuraflux.core.sentences import split_units

    def defining(text, subject):
        return defines(split_units(text + "\n")[0], set(evidence_terms(subject)))

    assert defining('Slice objects are used to represent slices for "__getitem__()" methods.', "slice object")
    assert defining("Code objects are used by the implementation to represent executable code.", "code object")
    assert not defining("Slice objects are used in extended slicing notation.", "slice object")
    assert not defining("Iterators are created for the iterable.", "iterator")


def test_one_letter_placeholders_are_not_searched_for():
    from neuraflux.core.evidence.question import without_placeholders

    assert without_placeholders("What does import x as y bind?").split() == ["What", "does", "import", "as", "bind?"]
    kept = "What do s.count(x), x[i] and the 'b' type do?"
    assert without_placeholders(kept) == kept
    assert without_placeholders("Does assert run with -O?") == "Does assert run with -O?"  # an option
    assert without_placeholders("What does the r prefix do?") == "What does the r prefix do?"  # a prefix
    assert without_placeholders("Is the b format for bytes?") == "Is the b format for bytes?"


def test_a_sentence_two_pages_repeat_is_shown_to_the_model_once():
    from neuraflux.core.evidence import Evidence, distinct
    from neuraflux.core.sentences import Unit

    same = "Called when the default attribute access fails."
    items = [Evidence(1, "a", Unit(0, 47, "prose", same), 3.0, 1.0), Evidence(2, "b", Unit(5, 52, "prose", same), 2.0, 1.0),
             Evidence(2, "b", Unit(60, 70, "prose", "Other one."), 1.0, 1.0)]
    assert [(e.doc_id, e.unit.text) for e in distinct(items)] == [("a", same), ("b", "Other one.")]


def test_a_version_note_scores_less_than_the_sentence_it_follows():
    from neuraflux.core.evidence import Tuning, rank_evidence
    from neuraflux.core.evidence.terms import evidence_terms
    from neuraflux.core.retrieval.retriever import Hit

    text = ("# The continue statement\n\nThe continue statement continues with the next cycle of the loop.\n\n"
            "Changed in version 3.8: the continue statement may appear in the finally clause of a loop.\n")
    units = split_units(text)
    split = {"c": (text, units, [evidence_terms(u.text) for u in units])}
    hits = [Hit("c#0", "c", "The continue statement", "c", 0, len(text), text, 1.0)]

    def best(tuning):
        return rank_evidence("What does the continue statement do in a loop?", hits, split.__getitem__,
                             lambda t: 2.0 if t else 8.0, tuning)[0].unit.text  # 8: the rarest term's idf

    assert best(Tuning(version_note_penalty=0.0, first_bonus=0.0)).startswith("Changed in version")
    assert best(Tuning(first_bonus=0.0)).startswith("The continue statement continues")


def test_an_operator_named_by_a_common_word_is_read_as_code():
    from neuraflux.core.evidence.question import keyword_code, named_keywords

    assert named_keywords("What does the not operator do?") == {"not"}
    assert named_keywords("What do and and or return?") == {"and", "or"}
    assert named_keywords("What does `is` compare?") == {"is"}
    assert named_keywords("What does not return?") == {"not"}
    assert named_keywords("Is this not in the docs?") == set()  # words of the sentence, not operators
    assert named_keywords("How does in work with two strings?") == {"in"}
    assert named_keywords("What does and return when the left side is false?") == {"and"}
    assert named_keywords("How does it work?") == set()
    quoted = keyword_code({"or"})
    assert quoted.search('The expression "x or y" first evaluates *x*')
    assert not quoted.search('The "if" or "else" parts')  # prose between two quoted words


def test_an_operator_word_is_the_questions_topic_only_where_named_as_code():
    from neuraflux.core.evidence.question import question_terms

    def idf(term):
        return 1.0

    assert question_terms("What does the up command do in pdb?", idf).focus == {"command", "pdb"}
    assert "in" in question_terms("What does the in operator do?", idf).focus


def test_a_holiday_is_no_unknown_name(tmp_path):
    from neuraflux.core.evidence.question import question_weights

    weights = question_weights("Is the centre open on Christmas Day?",
                               lambda term: 3.0 if term in (None, "christma") else 1.0)  # no document says it
    assert weights["christma"] <= 3.0  # the rarest weight, not three times it as for "Who wrote Hamlet?"


def test_while_joining_two_clauses_weighs_as_a_function_word_but_the_loop_does_not():
    from neuraflux.core.evidence import DEFAULT_TUNING
    from neuraflux.core.evidence.question import question_weights

    idf = lambda term: 3.0  # noqa: E731  every word as rare as the rarest
    cap = DEFAULT_TUNING.function_word_cap * 3.0
    assert question_weights("Can I freeze my membership while I travel?", idf)["while"] <= cap
    assert question_weights("Is it safe if the program crashes while writing?", idf)["while"] <= cap
    assert question_weights("How does a while loop end?", idf)["while"] > cap


def test_a_passage_scoring_nearly_as_well_as_the_best_is_placed_near_it_whatever_its_rank():
    from neuraflux.core.evidence import rank_evidence
    from neuraflux.core.evidence.ranking import passage_place
    from neuraflux.core.evidence.terms import evidence_terms
    from neuraflux.core.evidence.tuning import Tuning
    from neuraflux.core.retrieval.retriever import Hit

    tuning = Tuning(rank_decay=0.3, score_gap_decay=6.0)
    assert passage_place(5, 9.9, 10.0, tuning) == pytest.approx(1.2)  # 1 + 6 * 0.01 / 0.3
    assert passage_place(5, 1.0, 10.0, tuning) == 5  # far below the best: its rank
    assert passage_place(3, 9.9, 0.0, tuning) == 3  # not placed by scores
    texts = {"top": "# Kettles\n\nThe kettle switches itself off when the water boils.\n",
             "mid": "# Lids\n\nThe lid of the kettle opens with the button.\n",
             "low": "# Filters\n\nThe filter of the kettle lifts out for cleaning.\n",
             "near": "# Cleaning\n\nThe kettle is descaled with vinegar for cleaning.\n"}
    split = {d: (t, split_units(t), [evidence_terms(u.text) for u in split_units(t)]) for d, t in texts.items()}
    scores = {"top": 10.0, "mid": 6.0, "low": 5.9, "near": 9.8}  # BM25 scores, in rank order but "near"
    hits = [Hit(f"{d}#0", d, "", d, 0, len(texts[d]), texts[d], scores[d]) for d in ("top", "mid", "low", "near")]

    def best(search_scores):
        return rank_evidence("How is the kettle cleaned?", hits, split.__getitem__, lambda t: 2.0, tuning,
                             search_scores)[0].doc_id

    assert best(False) == "low"  # ranked third, before the fourth
    assert best(True) == "near"  # fourth, but scoring 98% of the best


def test_a_manual_option_whose_name_the_question_uses_is_a_candidate_wherever_it_is():
    from neuraflux.core.evidence import rank_evidence
    from neuraflux.core.evidence.terms import evidence_terms
    from neuraflux.core.retrieval.retriever import Hit

    levels = "".join(f"       --level-{n}\n              Use compression level {n}.\n\n" for n in range(1, 40))
    text = ("SQUASH(1)\n\nNAME\n       squash - compress or expand files\n\nDESCRIPTION\n       Squash stores "
            "the original file name and time stamp in each compressed file.\n\nOPTIONS\n" + levels +
            "       -k --keep\n              Keep (do not delete) input files while compressing.\n")
    units = split_units(text)
    terms = [evidence_terms(u.text) for u in units]
    start = text.index("Squash stores")
    hits = [Hit("s#0", "s", "squash", "s", start, start + 80, text[start:start + 80], 1.0)]  # far from "-k --keep"

    def quoted(question):
        return [e.unit.text for e in rank_evidence(question, hits, lambda _: (text, units, terms), lambda t: 2.0)]

    assert "Keep (do not delete) input files while compressing." in quoted("How do I keep the original file?")
    assert "Keep (do not delete) input files while compressing." not in quoted("What does squash store?")


def test_a_keyword_beside_an_ellipsis_is_read_as_code():
    from neuraflux.core.evidence.question import question_terms

    def idf(term):
        return 1.0

    code = question_terms("What does import ... as do?", idf).keyword_code
    assert code is not None and code.search('If the module name is followed by "as", the name is bound')
    assert question_terms("What does import do?", idf).keyword_code is None


def test_how_is_x_done_asks_about_x_and_several_is_a_light_word():
    from neuraflux.core.evidence.question import question_terms, question_weights

    def idf(term):
        return 1.0

    assert question_terms("How is the berth fee calculated?", idf).wants_subject
    assert not question_terms("How is it calculated?", idf).wants_subject
    weights = question_weights("What goes between the values when print gets several arguments?", idf)
    assert weights["sever"] < weights["argument"]
