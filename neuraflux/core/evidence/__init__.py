"""Evidence at sentence level: the units of the retrieved documents that best answer a question.

Candidates are the quotable units (sentences, table rows, definition terms; see sentences.py)
of each retrieved passage, its neighbourhood in the document, the opening sentence of a section
there whose term or heading the question names, the document's opening sentences (definitions
come first), and anywhere in a retrieved document the description of a term or the table row
the question names ("the pdb next command" -> under "n(ext)"). Each is scored by

- BM25 of the unit against the question (the index's analyzer and idf, irregular forms and
  word families joined: "kept"/"keeps"; retrieval/lemmas.py), question scaffolding ("what",
  "does", "mean", "use"…) down-weighted, a synonym or negation ("run"/"executed",
  "mutable"/"immutable") counted at three quarters of its weight, and so is a word of the
  candidates close in the shipped static vectors' meaning to a question word no document uses
  ("expensive" / "cost", "stolen" / "theft"; `related_terms`, names left out);
- the words of its context (the signature or term it describes, its heading, the document
  title, two-word headings read as one: "Frozen sets" for "frozenset"; for a table row, the
  header row and the sentence introducing the table; for the sentence right after a question, as
  in a FAQ, that question, which is never an answer itself), so "Exit the runtime context…" under
  `object.__exit__` matches "__exit__";
- the passage's retrieval rank, the unit's position in its section, whether the document's
  title is what the question names ("The return statement"), code the question writes found
  verbatim ("s.count(x)"), the question's form ("What is X" / "What does X do" favour units
  that start with X, and "What is X" one that says what X is: "Tuples are immutable sequences…",
  not a passive "A code block is executed…"; the retriever also looks for a passage writing "A
  module is" / "Modules are" verbatim where none retrieved does; "How do I create X" one saying
  the ways X can be created), whether it is where the question's name is defined (the first
  sentence under a term it names, a table row whose first cell it names, for "What is X" a sentence
  setting X in italics or bold), whether it is a version note ("Changed in version…", scored
  down), and for factoid questions whether the unit holds the kind of value asked for
  (answer_types.py: "When…" a date, "How many…" a number, "Who…" a name, "What error…" an
  exception, "Why…" a reason; for "When…", a date in the unit's heading counts, as in a
  changelog's "## 2.4.0 (2024-03-18)", and the answer then quotes the heading too). A sentence
  opening "This…"/"It…" reads with the words of the sentence before it ("This means that you can
  specify the same key multiple times…", "This is for disambiguation…").

`coverage` is the share of the question's weight that the unit and its context match: the
extractive answer abstains when no unit covers enough. A unit whose meaning is close to the
question's counts as covering it although its words differ ("glue strings together" / "… the
concatenation of the strings…"): `similar_coverage`, with the shipped static vectors or an index's
sentence encoder (meaning.py).

The modules: `question.py` reads the question (each word's weight, its scaffolding, the code and
keywords it writes, the form of answer it asks for), `terms.py` the terms of any text, `layout.py`
where each document's quotable units are, `scoring.py` scores one candidate, `ranking.py` gathers
the candidates and ranks them, and `tuning.py` holds the features' weights.
"""
from .layout import DocumentUnits
from .ranking import Evidence, distinct, rank_evidence, similar_coverage, widen_sources
from .tuning import DEFAULT_TUNING, Tuning, collection_tuning, is_small_collection

__all__ = ["DEFAULT_TUNING", "DocumentUnits", "Evidence", "Tuning", "collection_tuning", "distinct", "is_small_collection",
           "rank_evidence", "similar_coverage", "widen_sources"]
