"""Grounded answers: sentence units, evidence, the extractive and grounded modes, `eval qa` (the
evidence stage's own rules, tested without a retriever: test_evidence.py).

Rules are tested in-process: the knowledge base is Python's bundled documentation (present on
every CPython) indexed once per module; models are tiny random ones made here."""
import json
import math
import os
import re
import sys
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import BACKENDS, requires_torch, run_cli
from neuraflux.core.qa_metrics import answer_correct, contains_phrase, normalize_answer, sentence_supported, token_f1
from neuraflux.core.sentences import split_sentences, split_units

TOPICS = None


def topics():
    global TOPICS
    if TOPICS is None:
        from pydoc_data.topics import topics as loaded

        TOPICS = loaded
    return TOPICS


# -- sentence units ----------------------------------------------------------------------
def test_units_round_trip_offsets_on_every_topic():
    for name, text in topics().items():
        units = split_units(text)
        assert units, name
        previous_end = 0
        for unit in units:
            source = text[unit.start:unit.end]
            assert unit.start >= previous_end, (name, unit)  # in reading order, never overlapping
            previous_end = unit.end
            if unit.kind in ("prose", "term", "heading"):
                assert " ".join(source.split()).startswith(unit.text.split()[0]), (name, unit)
            if unit.kind == "prose":
                assert unit.text == " ".join(source.split()), (name, unit)


def test_code_tables_and_grammar_are_never_cut():
    for name, text in topics().items():
        for unit in split_units(text):
            source = text[unit.start:unit.end]
            if unit.kind in ("code", "grammar", "table"):
                assert unit.end == len(text) or text[unit.end] == "\n", (name, unit)  # ends at a line end
                line_start = text.rfind("\n", 0, unit.start) + 1
                assert not text[line_start:unit.start].strip(), (name, unit)  # starts at a line start
            if unit.kind == "prose":
                assert "::=" not in source and "+----" not in source and ">>>" not in source, (name, unit)


def test_abbreviations_lists_and_tables():
    assert split_sentences("It is small, e.g. a byte. It is big, i.e. huge. Next.") == [(0, 25), (26, 47), (48, 53)]
    assert split_sentences("1.1. Version This is 0.21. Use Python 3. Done.") == [(0, 26), (27, 40), (41, 46)]
    text = "Intro:\n\n* first item. Still first.\n* second item\n\n+-----+-----+\n| a   | b c |\n|     | d   |\n+-----+-----+\n"
    units = split_units(text)
    assert [u.kind for u in units] == ["prose", "prose", "prose", "prose", "table"]
    assert units[-1].text == "a — b c d"
    assert [u.text for u in units[1:3]] == ["* first item.", "Still first."]


def test_a_line_of_prose_that_starts_with_an_operator_is_not_a_grid_table():
    text = ('Augmented\n*********\n\nFor example, "a[i]\n+= f(x)" first looks up "a[i]", then it evaluates "f(x)".\n\n'
            "+------+-----+\n| key  | row |\n+======+=====+\n| a    | 1   |\n+------+-----+\n")
    units = split_units(text)
    assert [(u.kind, u.text) for u in units] == [
        ("heading", "Augmented"), ("prose", 'For example, "a[i] += f(x)" first looks up "a[i]", then it evaluates "f(x)".'),
        ("table", "key — row"), ("table", "a — 1")]


def test_a_docstrings_name_dash_dash_list_reads_as_rows():
    text = ("    Public module variables:\n\n    whitespace -- a string containing all ASCII whitespace\n"
            "    punctuation -- a string containing all ASCII punctuation characters\n")  # as help() prints it
    assert [(u.kind, u.text) for u in split_units(text)][1:] == [
        ("table", "whitespace — a string containing all ASCII whitespace"),
        ("table", "punctuation — a string containing all ASCII punctuation characters")]


def test_a_wrapped_line_inside_a_quotation_is_no_numbered_list_item():
    text = ('Two ranges may differ, for example "range(0, 3,\n2) == range(0, 4, 2)".\n'
            "Steps:\n1) open it\n2) close it\n")
    assert [u.text for u in split_units(text)] == [
        'Two ranges may differ, for example "range(0, 3, 2) == range(0, 4, 2)".', "Steps:", "1) open it",
        "2) close it"]


def test_markdown_fenced_code_and_pipe_tables():
    text = ("# Setup\n\nRun this:\n\n```bash\n# install it. Then start.\npip install quill\n```\n\n"
            "It listens on port 8813.\n\n| Key | Default |\n|-----|:-------:|\n| `port` | 8813 |\n| `sep` | `a\\|b` |\n\n"
            "After the table.\n\n~~~\nunclosed # fence\n\n## not a heading\n")
    units = split_units(text)
    assert [(u.kind, u.text.split()[0]) for u in units] == [
        ("heading", "Setup"), ("prose", "Run"), ("code", "```bash"), ("prose", "It"), ("header", "Key"),
        ("table", "`port`"), ("table", "`sep`"), ("prose", "After"), ("code", "~~~")]
    assert all(u.heading == "Setup" for u in units)  # "# install it." inside the fence is code, not a heading
    assert [u.text for u in units if u.kind in ("header", "table")] == ["Key — Default", "`port` — 8813", "`sep` — `a|b`"]
    assert units[-1].end == len(text.rstrip("\n"))  # an unclosed fence runs to the end of the document
    assert [text[u.start:u.end] for u in units if u.kind in ("header", "table")] == [
        "| Key | Default |", "| `port` | 8813 |", "| `sep` | `a\\|b` |"]  # each row its whole line; no delimiter row
    assert text[units[2].start:units[2].end] == "```bash\n# install it. Then start.\npip install quill\n```"


def test_rest_directives_and_simple_tables():
    text = ("Backups\n=======\n\n.. note::\n\n   Backups are kept for 30 days.\n\n.. warning:: Restores overwrite data.\n\n"
            ".. code-block:: bash\n\n   ferrule restore --db x\n\n   ferrule verify\n\nSettings:\n\n"
            "=====  =======  ================\nKey    Default  Meaning\n=====  =======  ================\n"
            "port   8813     the TCP port\nretry  5        attempts to make\n                before giving up\n"
            "=====  =======  ================\n\nDone.\n")
    units = split_units(text)
    assert [(u.kind, u.text) for u in units] == [
        ("heading", "Backups"), ("rule", ".. note::"), ("prose", "Backups are kept for 30 days."),  # the body is prose
        ("rule", ".. warning::"), ("prose", "Restores overwrite data."),
        ("code", "   ferrule restore --db x\n\n   ferrule verify"),  # the body, without ".. code-block:: bash"
        ("prose", "Settings:"), ("header", "Key — Default — Meaning"), ("table", "port — 8813 — the TCP port"),
        ("table", "retry — 5 — attempts to make before giving up"), ("prose", "Done.")]
    assert text[units[9].start:units[9].end] == "retry  5        attempts to make\n                before giving up"
    # a code directive's options are no unit either; reST's rarer adornments underline a title as long as them
    page = ("Install\n.......\n\nWith conda:\n\n.. code:: sh\n   :linenos:\n\n   conda install ferrule\n\n"
            "To be continued\n...\n")
    assert [(u.kind, u.text, u.heading) for u in split_units(page)] == [
        ("heading", "Install", "Install"), ("prose", "With conda:", "Install"),
        ("code", "   conda install ferrule", "Install"), ("prose", "To be continued ...", "Install")]
    # a README's badges, link targets and a figure's options are markup no reader is shown
    readme = (".. |downloads| image:: https://img.example/dm.svg\n    :target: https://stats.example/q\n"
              "    :alt: Downloads\n\n.. _install: https://q.example/install\n\n.. figure:: img/arch.png\n"
              "   :width: 80%\n\n   How the parts connect.\n\n.. tip:: Run it daily.\n")
    assert [(u.kind, u.text) for u in split_units(readme)] == [
        ("rule", ".. |downloads| image:: https://img.example/dm.svg"), ("rule", ":target: https://stats.example/q"),
        ("rule", ":alt: Downloads"), ("rule", ".. _install: https://q.example/install"),
        ("rule", ".. figure:: img/arch.png"), ("rule", ":width: 80%"), ("prose", "How the parts connect."),
        ("rule", ".. tip::"), ("prose", "Run it daily.")]
    badge = ".. image::\n    https://img.example/v.svg?\n    :target: https://q.example\n\nQuill renders pages.\n"
    assert [u.kind for u in split_units(badge)] == ["rule", "rule", "rule", "prose"]  # its address on the next line
    # a comment, on its line or over indented ones, is shown to no reader
    comments = (".. start sponsors\n\nQuill is sponsored by Ink Ltd.\n\n..\n   TODO: thank the backers\n   here.\n\n"
                ".. end sponsors\n")
    assert [(u.kind, u.text) for u in split_units(comments)] == [
        ("comment", ".. start sponsors"), ("prose", "Quill is sponsored by Ink Ltd."),
        ("comment", "..\n   TODO: thank the backers\n   here."), ("comment", ".. end sponsors")]
    parted = "* a list item\n\n..\n\n   A block quote after the list.\n"  # an empty comment ends at its line
    assert [(u.kind, u.text) for u in split_units(parted)][1:] == [
        ("comment", ".."), ("prose", "A block quote after the list.")]


def test_html_comments_in_markdown_are_never_quoted():
    text = "## `os.EOL`\n\n<!-- YAML\nadded: v0.7.8\n-->\n\nThe end-of-line marker.\n\n<!-- never closed\nx\n"
    units = split_units(text)
    assert [(u.kind, u.text) for u in units] == [("heading", "`os.EOL`"), ("comment", "<!-- YAML\nadded: v0.7.8\n-->"),
                                                  ("prose", "The end-of-line marker."), ("comment", "<!-- never closed\nx")]


def test_yaml_front_matter_is_neither_quoted_nor_a_heading():
    from neuraflux.core.documents import markup_title

    text = "---\ntitle: \"Installing Quill\"\nsidebar_position: 2\ntags:\n  - setup\n---\n\nInstall it with pip.\n"
    units = split_units(text)
    assert [(u.kind, u.heading) for u in units] == [("code", ""), ("prose", "")]  # "sidebar_position: 2" is no heading
    assert units[0].end == text.index("\n\nInstall")
    assert markup_title(text, "file") == "Installing Quill"
    ruled = "---\n\nA page opening with a rule.\n\n---\n"
    assert [u.kind for u in split_units(ruled)] == ["rule", "prose", "rule"]  # not front matter: no YAML in it
    assert markup_title("# Heading\n\n---\ntitle: later\n---\n", "file") == "Heading"
    assert markup_title("=====\nQuillpress\n=====\n\nIntro.\n\nInstalling\n==========\n", "f") == "Quillpress"
    assert markup_title("Intro text\n---\n\nInstalling\n==========\n", "f") == "Installing"  # a rule, no underline
    assert markup_title("`schedule <https://sched.io/>`__\n" + "=" * 32 + "\n", "f") == "schedule"


def test_a_readme_heading_is_read_without_its_badges_and_links():
    from neuraflux.core.documents import markup_title

    readme = ("# Quillpress [![Build](https://ci.example/q.svg)](https://ci.example/q) ![cov][c]\n\n"
              "Quillpress renders [Markdown](https://commonmark.org) pages.\n\n## Installing <sup>new</sup> ##\n\nRun pip.\n")
    assert markup_title(readme, "README") == "Quillpress"
    assert markup_title("## Installing <sup>new</sup> ##\n", "f") == "Installing new"
    assert markup_title("## `fs.watch(filename[, options][, listener])`\n", "f") == \
        "`fs.watch(filename[, options][, listener])`"  # a code span as written, brackets and all
    assert split_units(readme)[0].text == readme.splitlines()[0][2:]  # quoted as written, badges and all
    assert markup_title("# [![logo](l.png)](https://q.example)\n\nText.\n\n# Learn C#\n", "f") == "Learn C#"
    # a paragraph of badges alone is pictures, not the section's first sentence
    rst = ("tqdm\n====\n\n|Py-Versions| |Build-Status|\n|LICENCE|\n\n``tqdm`` means progress.\n\n"
           "[![CI](https://ci.example/b.svg)](https://ci.example) ![cov](c.svg)\n\nSee ![the diagram](d.png) below.\n")
    assert [(u.kind, u.position) for u in split_units(rst) if u.kind != "heading"] == [
        ("rule", 0), ("prose", 0), ("rule", 1), ("prose", 1)]
    block = "|  |downloads| |stars|\n|  |version| |license|\n\npsutil reads process and system details.\n"
    assert [(u.kind, u.position) for u in split_units(block)] == [("rule", 0), ("prose", 0)]  # a reST line block of them
    links = 'See [the docs][d].\n\n[d]: https://q.example/docs\n[donate]: <https://q.example/give> "Give"\n\nNext.\n'
    assert [u.kind for u in split_units(links)] == ["prose", "rule", "prose"]  # Markdown link definitions
    html = '<div align="center"><img src="https://q.example/logo.svg" alt=""></div>\n\nQuill renders pages.\n'
    assert [u.kind for u in split_units(html)] == ["rule", "prose"]  # HTML tags alone
    assert [u.kind for u in split_units("<intro stuff goes here>\n")] == ["prose"]  # no HTML tag: a docstring's words
    # a sentence before the first heading: that heading titles a section, not the page
    readme = "|PyPi|\n\nThe homepage of joblib with user documentation is located on:\n\nGetting the code\n================\n"
    assert markup_title(readme, "joblib") == "joblib"
    assert markup_title("The homepage of quill is found here.\n\n# Getting the code\n", "quill") == "quill"


def test_a_quotation_is_read_without_its_marks_at_its_own_offsets():
    text = "To cite it use\n\n> Meurer A, Smith CP. Second line\n> goes on.\n>\n> New one.\n\n>>> x = 1\n"
    units = split_units(text)
    assert [(u.kind, u.text) for u in units] == [
        ("prose", "To cite it use"), ("prose", "Meurer A, Smith CP."), ("prose", "Second line goes on."),
        ("prose", "New one."), ("code", ">>> x = 1")]
    assert text[units[1].start:units[1].end] == "Meurer A, Smith CP."


def _rag_over(tmp_path, files):
    """A BM25 NanoRAG (no model) over the documents `files` ({name: text or bytes}) written to tmp_path/docs."""
    from neuraflux.core.documents import load_documents
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.retrieval.build import index_documents
    from neuraflux.core.retrieval.index import DocumentIndex
    from neuraflux.core.retrieval.retriever import Retriever

    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    for name, text in files.items():
        if isinstance(text, bytes):
            (docs / name).write_bytes(text)
        else:
            (docs / name).write_text(text)
    with DocumentIndex(str(tmp_path / "i.sqlite")) as index:
        index_documents(index, load_documents([str(docs)]), progress=False)
    return NanoRAG(retriever=Retriever(str(tmp_path / "i.sqlite")), load_model=lambda: None, top_k=3, mode="bm25")


def _rag_over_folder(tmp_path, name):
    """A BM25 NanoRAG over the files of the shipped own-documents folder `name` (benchmarks/qa)."""
    folder = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks", "qa", name)
    files = {}
    for root, _, names in os.walk(folder):
        for file_name in names:
            with open(os.path.join(root, file_name), "rb") as f:
                files[file_name] = f.read()
    return _rag_over(tmp_path, files)


def _quoted(rag, question):
    """The sentences the answer to `question` quotes."""
    return [c.sentence for c in rag.answer(question).citations]


def test_a_passage_writing_the_questions_expression_is_read_although_no_term_finds_it(tmp_path, monkeypatch):
    from neuraflux.core import rag as rag_module

    files = {f"release{n}.md": f"# Release {n}\n\nIn release {n} an expression of 7 terms evaluates 2 ways: "
                                f"expressions 7 and 2 evaluate, expression 7 evaluates 2.\n" for n in range(12)}
    files["power.md"] = "# Powers\n\nIn this calculator the expression 7**-2 evaluates to 0.0204.\n"
    rag = _rag_over(tmp_path, files)
    question = "What does the expression 7**-2 evaluate to?"
    assert "0.0204" in rag.answer(question).text
    assert rag.last.sources[0].doc_id.endswith("power.md")
    monkeypatch.setattr(rag_module, "WRITTEN_DEPTH", 0)  # without it: its words find the release notes first
    assert "0.0204" not in rag.answer(question).text


def test_a_passage_naming_the_questions_operator_in_quotes_is_read(tmp_path, monkeypatch):
    from neuraflux.core.evidence import question as question_module

    files = {f"grammar{n}.md": f"# Grammar {n}\n\nRule {n} joins two maps, two maps:\n\n"
                                f"    rule{n} ::= map | map | pair | list\n" for n in range(14)}
    files.update({f"ops{n}.md": f"# Operators {n}\n\nEach operator of table {n} is listed with its operator.\n"
                  for n in range(20)})
    settings = " ".join(f"Setting {word} controls the {word} of a site profile." for word in
                        "colour width height margin border font size weight shadow icon label title".split())
    files["merge.md"] = (f"# Merging\n\n{settings}\n\nThe `|` operator merges two maps: where both set a key, "
                         f"the right one wins.\n\n{settings}\n")
    rag = _rag_over(tmp_path, files)
    question = "What does the | operator do with two maps?"
    assert rag.answer(question).text.startswith("The `|` operator merges two maps")
    monkeypatch.setattr(question_module, "quoted_operators", lambda question: [])  # the bare "|" of every rule wins
    assert "merges" not in rag.answer(question).text


def test_a_row_of_a_markdown_table_answers_a_question_about_its_key(tmp_path):
    rag = _rag_over(tmp_path, {
        "config.md": "# Configuration\n\nThe server reads quill.toml.\n\n```toml\n# quill.toml\nlisten_port = 8813\n```\n\n"
                     "| Key | Default | Meaning |\n|---|---|---|\n| `sync.interval` | `45` | seconds between syncs |\n"
                     "| `storage.trash_days` | `21` | days a deleted note stays in the trash |\n",
        "intro.md": "# Quill\n\nQuill keeps notes in sync. Deleted notes can be restored.\n"})
    answer = rag.answer("How long do deleted notes stay in the trash?")
    assert answer.text == "`storage.trash_days` — `21` — days a deleted note stays in the trash [1]"
    assert answer.sources[0].doc_id.endswith("config.md")
    span = answer.citations[0]
    assert (tmp_path / "docs" / "config.md").read_text()[span.start:span.end].startswith("| `storage.trash_days` | `21` |")


def test_a_date_in_the_heading_answers_when_a_change_listed_under_it_came(tmp_path):
    rag = _rag_over(tmp_path, {
        "changelog.md": "# Changelog\n\n## 2.4.1 (2024-05-02)\n\n- Fixed a crash on emoji titles.\n\n"
                        "## 2.4.0 (2024-03-18)\n\n- New: encrypted notebooks.\n- New: the prune command.\n\n"
                        "## 2.3.0 (2023-11-07)\n\n- New: the Campus edition.\n",
        "editions.md": "# Editions\n\nThe Campus edition costs 900 EUR per year.\n"})
    assert rag.answer("When was version 2.4.0 released?").text.startswith("2.4.0 (2024-03-18) [1]\n- New:")
    campus = rag.answer("When was the Campus edition introduced?")
    assert [c.sentence for c in campus.citations] == ["2.3.0 (2023-11-07)", "- New: the Campus edition."]
    assert rag.answer("How much does the Campus edition cost?").text.startswith("The Campus edition costs")  # no date asked


def test_a_unit_knows_the_headings_enclosing_its_own():
    markdown = "# Changelog\n\n## 3.0.0 - 2027-01-18\n\n### Added\n\n- YAML export.\n\n## 2.4.1 - 2026-11-02\n\n- A fix.\n"
    assert [(u.text, u.heading, u.outer) for u in split_units(markdown) if u.kind == "prose"] == [
        ("- YAML export.", "Added", ("3.0.0 - 2027-01-18", "Changelog")), ("- A fix.", "2.4.1 - 2026-11-02", ("Changelog",))]
    rest = "Guide\n=====\n\nInstall\n-------\n\nRun pip.\n\nUse\n---\n\nCall it.\n\nFAQ\n===\n\nAsk us.\n"
    assert [(u.text, u.outer) for u in split_units(rest) if u.kind == "prose"] == [
        ("Run pip.", ("Guide",)), ("Call it.", ("Guide",)), ("Ask us.", ())]  # reST: levels in the order styles appear


def test_a_release_heading_dates_the_changes_under_its_subsections(tmp_path):
    rag = _rag_over(tmp_path, {  # Keep a Changelog: "### Added" under "## 3.0.0 - 2027-01-18"
        "CHANGELOG.md": "# Changelog\n\n## 3.0.0 - 2027-01-18\n\n### Breaking\n\n- Dropped support for Python 3.9.\n\n"
                        "### Added\n\n- `brisket export --format yaml` writes recipes as YAML.\n\n"
                        "## 2.4.0 - 2026-09-20\n\n### Changed\n\n- The default port changed from 8000 to 8140.\n\n"
                        "### Deprecated\n\n- `Recipe.load()` with a file name. It will stop working in 3.0.\n",
        "upgrading.md": "# Upgrading to 3.0\n\nIt lists every recipe that 3.0 reads differently.\n\n"
                        "Version 2.4 will receive security fixes until the end of 2027.\n"})
    assert _quoted(rag, "When was YAML export added?") == [
        "3.0.0 - 2027-01-18", "- `brisket export --format yaml` writes recipes as YAML."]
    assert _quoted(rag, "Which version changed the default port?")[-2:] == [
        "2.4.0 - 2026-09-20", "- The default port changed from 8000 to 8140."]
    # the release asked about is the heading's, not a later version's note ("… stop working in 3.0.") nor 2.4's end
    assert _quoted(rag, "When was version 3.0 released?")[0] == "3.0.0 - 2027-01-18"
    undated = _rag_over(tmp_path / "undated", {  # release notes without dates: the release is the answer
        "notes.md": "# Lantern Release Notes\n\n# Version 2.4\n\n## Added\n\n- Traces export as OTLP.\n\n"
                    "# Version 2.3\n\nThe plugin API was frozen in this release.\n",
        "faq.md": "# FAQ\n\nLantern collects traces from every service.\n"})
    assert _quoted(undated, "When was the plugin API frozen?") == [
        "Version 2.3", "The plugin API was frozen in this release."]
    assert _quoted(undated, "When did traces start to export as OTLP?") == ["Version 2.4", "- Traces export as OTLP."]


def test_a_sentence_naming_the_topic_only_through_the_one_before_it_weighs_less(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs80")  # a weather station kit's README, setup and FAQ
    answer = rag.answer("Which way should the solar panel point?").text
    assert "facing south" in answer  # not "It measures temperature, humidity…", which goes on from the
    assert "It measures temperature" not in answer  # sentence naming the solar-powered kit


def test_how_do_i_prefers_the_sentence_opening_with_its_purpose(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs36")  # a router's quick-start guide, manual and FAQ
    assert "To give each band its own name, turn off Smart Connect" in rag.answer(
        "How do I give the 5 GHz band its own name?").text  # "To give…, …" answers "How do I give…?"


def test_two_question_words_read_as_the_one_word_documents_write(tmp_path):
    from neuraflux.core.evidence.question import joined_words

    known = {"backup": 1.0, "back": 1.0, "login": 2.0, "set": 1.0}  # idf of the documents' words; others 5.0
    idf = lambda term: known.get(term, 5.0)
    assert joined_words("How do I back up, log in and set up?", {"back", "log", "set"}, idf) == {
        "back": frozenset({"backup"}), "log": frozenset({"login"})}  # no document writes "setup"
    rag = _rag_over_folder(tmp_path, "own_docs180")  # a self-hosted app's README, deployment guide and FAQ
    assert "pg_dump" in rag.answer("How do I back up the database?").text  # under "## Backups"


def test_two_question_words_apart_search_for_the_function_name_they_make(tmp_path):
    from neuraflux.core.evidence.question import called_names

    known = {"swapcas": 2.0, "fromkey": 2.0, "myclass": 2.0, "keyword": 2.0}  # idf of the documents' words; others 9.0
    idf = lambda term: known.get(term, 9.0)
    written = {"swapcase": "Use s.swapcase() to swap.", "fromkeys": "dict.fromkeys(keys, value)",
               "myclass": "myclass(1)", "keyword": "Each keyword is unique."}
    about = lambda word: [written.get(word, "")]
    assert called_names("How do I swap upper and lower case?", idf, about) == ["swapcase"]
    assert called_names("How do I build a dict from a list of keys?", idf, about) == ["fromkeys"]
    assert called_names("Which key opens my class word list?", idf, about) == []  # not written as a call; "my"
    known["setattr"], written["setattr"] = 2.0, "setattr(obj, name, value)"  # the second word shortened, as names do
    assert called_names("How do I set an attribute by name?", idf, about) == ["setattr"]
    assert called_names("How do I set an attr?", idf, about) == ["setattr"]
    known["delattr"], written["delattr"] = 2.0, "delattr(obj, name)"  # the first word in other words: delete, del
    assert called_names("How do I remove an attribute?", idf, about) == ["delattr"]
    rag = _rag_over(tmp_path, {"strings.md": "# Strings\n\n## str.swapcase()\n\nReturn a copy of the string with "
                                             "uppercase characters converted to lowercase. `'Hi'.swapcase()` is 'hI'.\n\n"
                                             "Each keyword argument is optional.\n"})
    assert "swapcase" in rag._query("How do I swap upper and lower case in a string?").split()
    assert "keyword" not in rag._query("Which key is the word to use?").split()


def test_a_signature_whose_name_joins_two_question_words_says_them_and_keeps_its_neighbours_example(tmp_path):
    from neuraflux.core.evidence.question import name_parts

    words = ["how", "do", "i", "swap", "upper", "and", "lower", "case"]
    assert name_parts("str.swapcase()", words) == ("swap", "case")
    assert name_parts("str.lower()", words) == ()  # one word, not two
    assert name_parts("caseswap", words) == ()  # not in the question's order
    assert name_parts("setattr(obj, name, value)", ["how", "do", "i", "set", "an", "attribute"]) == ("set", "attribute")
    assert name_parts("setat(x)", ["set", "attribute"]) == ()  # two letters are no word's short form
    page = ("String Methods\n**************\n\n"
            "str.lower()\n\n   Return a copy of the string with all the cased characters converted to lowercase.\n\n"
            "str.strip([chars])\n\n   Return a copy of the string with the leading and trailing characters removed.\n\n"
            "      >>> '   spacious   '.strip()\n      'spacious'\n\n"
            "str.swapcase()\n\n   Return a copy of the string with uppercase characters converted to lowercase and "
            "vice versa.\n\nstr.upper()\n\n   Return a copy of the string with all the cased characters converted to "
            "uppercase.\n")
    rag = _rag_over(tmp_path, {"strings.txt": page, "numbers.txt": "Numbers\n*******\n\nIntegers are exact.\n"})
    question = rag.read_question("How do I swap upper and lower case in a string?")
    assert rag.evidence(question, rag.retrieve(question))[0].unit.text.endswith("to lowercase and vice versa.")
    assert "spacious" not in rag.answer(question).text  # str.strip's example, before the next signature


def test_a_preposition_of_the_question_only_frames_it(tmp_path):
    from neuraflux.core.evidence.question import question_scaffold

    # "like a function", "inside a function": no topic of their own, however rare "like" is in the documents
    rag = _rag_over(tmp_path / "a", {
        "objects.md": "# Objects\n\nInstances of a class can be made callable by defining a `__call__()` method in "
                      "their class.\n\nEvery object has an identity, a type and a value.\n",
        "builtins.md": "# The builtins module\n\nBuilt-in functions like `print` are made available by the interpreter.\n"})
    assert _quoted(rag, "How do I make a class that can be called like a function?")[0].startswith("Instances of a class")
    rag = _rag_over(tmp_path / "b", {
        "generators.md": "# Generators\n\nUsing yield in a function body makes that function a generator function.\n",
        "coroutines.md": "# Coroutines\n\nIt is an error to use yield from inside the body of a coroutine function.\n"})
    assert any("generator function" in s for s in _quoted(rag, "What does yield do inside a function?"))
    # "call" frames "What do you call…?", not "What does a call expression do?"
    assert "call" in question_scaffold("What do you call a function defined inside a class?")
    assert "call" not in question_scaffold("What does a call expression do?")


def test_how_do_i_write_asks_for_the_way_something_is_written(tmp_path):
    from neuraflux.core.evidence.question import question_scaffold

    rag = _rag_over(tmp_path, {
        "files.md": "# Files\n\nYou can write a number to a log file; each line is written as it arrives.\n",
        "literals.md": "# Integer literals\n\nA hexadecimal number starts with 0x, as in 0xff.\n"})
    assert _quoted(rag, "How do I write a number in hexadecimal?") == ["A hexadecimal number starts with 0x, as in 0xff."]
    assert _quoted(rag, "How do I write a number in hex?") == ["A hexadecimal number starts with 0x, as in 0xff."]
    assert _quoted(rag, "How do I write a number to a file?")[0].startswith("You can write a number to a log file")
    assert "write" not in question_scaffold("Can I write to a file while it is open?")  # the topic there


def test_a_keyword_named_with_what_it_is_is_searched_as_documents_quote_it(tmp_path):
    from neuraflux.core.evidence.question import written_expressions

    assert written_expressions("What does a with statement call at the start?") == ['"with" statement', '`with` statement']
    assert written_expressions("Can I start with a statement?") == []  # "with" in prose
    notes = {f"note{i}.md": f"# Note {i}\n\nStart each statement of step {i} with care; a call at the start of step {i} "
                            f"is logged with its time.\n" for i in range(12)}  # "with", "statement", "call", "start" everywhere
    rag = _rag_over(tmp_path, {**notes, "with.md": "# Context managers\n\nThe \"with\" statement calls `__enter__()` "
                                                   "first and `__exit__()` when the block ends.\n"})
    sources = [os.path.basename(hit.doc_id) for hit in rag.retrieve("What does a with statement call at the start?")]
    assert "with.md" in sources


def test_a_table_row_is_quoted_with_the_numbered_notes_it_points_to(tmp_path):
    rag = _rag_over(tmp_path, {
        "sequences.md": "# Sequences\n\n| Operation | Result | Notes |\n|---|---|---|\n"
                        "| `s.count(x)` | how often x occurs in s | |\n| `s.index(x)` | the first index of x in s | (2) |\n\n"
                        "Notes:\n\n1. Counting is linear in the length of s.\n\n"
                        "2. `index` raises `ValueError` when x is not found in s.\n",
        "maps.md": "# Maps\n\nA map holds keys and values.\n"})
    assert _quoted(rag, "What does s.index return?")[-1] == "2. `index` raises `ValueError` when x is not found in s."


def test_a_table_row_reads_with_the_notes_it_points_to(tmp_path):
    rag = _rag_over(tmp_path, {
        "lists.md": "# Mutable sequences\n\n| Operation | Result | Notes |\n|---|---|---|\n"
                    "| `s.remove(x)` | remove the first item from s equal to x | (1) |\n"
                    "| `s.pop(i)` | retrieves the item at i and also removes it from s | (2) |\n\n"
                    "Notes:\n\n1. `remove` raises `ValueError` when x is not found in s.\n\n"
                    "2. The optional argument i defaults to -1, so that by default the last item is removed and returned.\n",
        "maps.md": "# Maps\n\nA map holds keys and values.\n"})
    question = "How do I remove and return the last item of a list?"
    best = rag.evidence(question, rag.retrieve(question))[0]
    assert best.unit.text.startswith("`s.pop(i)`")  # its note says "last" and "returned"


@pytest.mark.parametrize("typed, question", [
    ("Hi! Quick question: What does the pass statement do?", "What does the pass statement do?"),
    ("Can you tell me what the pass statement does?", "what the pass statement does?"),
    ("What does pass do? Thanks!", "What does pass do?"),
    ("Hello, I'd like to know how to install Tallyho on a Mac, please.", "how to install Tallyho on a Mac"),
    ("Hey there! what is nonlocal?", "what is nonlocal?"),
    ("So, where is the config file?", "where is the config file?"),
    ("Could you please explain to me how with works?", "how with works?"),
    ("Show me the config", "What is the config?"),
    ("What is a frozenset?", "What is a frozenset?"), ("Thanks", "Thanks"), ("Please", "Please"),
    ("I am new to Python. What does the pass statement do?", "What does the pass statement do?"),
    ("Why doesn't list.sort return the list?", "Why does not list.sort return the list?"),
    ("What's Python's GIL?", "What is Python's GIL?"),
    ("free variable", "What is free variable?"), ("Explain decorators", "What is decorators?"),
    ("WHAT DOES THE PASS STATEMENT DO?", "What does the pass statement do?"),
    ("What Does The Pass Statement Do?", "What does the pass statement do?"), ("Who wrote Hamlet?", "Who wrote Hamlet?"),
    ("Tell me about the pass statement", "What is the pass statement?"),
    ("I run the server. Which port does it use?", "I run the server. Which port does it use?"),  # "it" needs the context
    ("What is raised when from ... import cannot find the attribute?",
     "What is raised when from ... import cannot find the attribute?"),
    ("How do I find out the type of an object?", "How do I get the type of an object?"),  # a light verb
    ("Is there a way to get the type of an object?", "How do I get the type of an object?"),
    ("Hi! What's the best way to strip spaces? Thanks", "How do I strip spaces?"),
    ("Is it possible to catch two exceptions in one clause?", "How do I catch two exceptions in one clause?"),
    ("What is the way of the samurai?", "What is the way of the samurai?"),
    ("whats a frozenset", "what is a frozenset"), ("Why doesnt sort return the list?", "Why does not sort return the list?"),
    ("Can you explain what continue does?", "what continue does?"),
    ("the key argument of sort - what does it do?", "What does the key argument of sort do?"),
    ("dict.get: what does it return?", "What does dict.get return?"),
    ("In Python 3 - what does print return?", "In Python 3 - what does print return?"),  # nothing points back
    ("What does the return statement do exactly?", "What does the return statement do?"),
    ("Where is the ship's bell now?", "Where is the ship's bell?"), ("What is the rate right now?", "What is the rate currently?"),
    ("What does the name tqdm mean?", "What does tqdm mean?"), ("What does the name field hold?", "What does the name field hold?"),
    ("quick q: what does pass do?", "what does pass do?"), ("q.get() - what does it do?", "What does q.get() do?"),
    ("I have a question. What does pass do?", "What does pass do?"),
    ("According to the docs, when is the seed swap?", "when is the seed swap?"),
    ("In the manual: how do I descale it?", "how do I descale it?"), ("In the end, what matters?", "In the end, what matters?"),
    ("please help: what does pass do? pls", "what does pass do?"), ("Help! What does pass do? :)", "What does pass do?"),
    ("Sorry if this is a dumb question, but what does pass do?", "what does pass do?"),
    ("I need help. What does pass do? \U0001f64f", "What does pass do?"), ("help me understand generators", "What is generators?"),
    ("What does help() do?", "What does help() do?"),
    ("What is __qualname__? I tried reading the docs but got confused.", "What is __qualname__?"),
    ("What does pass do? (using 3.11)", "What does pass do?"), ("My boss asked me this: what does pass do?", "what does pass do?"),
    ("Interview question: what does pass do?", "what does pass do?"), ("my friend wants to know how pass works", "how pass works"),
    ("I am new. Who do I ask for at reception on day one?", "Who do I ask for at reception on day one?"),
    ("I am new. What does an async for loop need from the object it iterates over?",  # long: it names its subject
     "What does an async for loop need from the object it iterates over?"),
    ("What do you know about frozensets?", "What is frozensets?"), ("Tell me everything about nonlocal", "What is nonlocal?"),
    ("What exactly is a frozenset?", "What is a frozenset?"), ("How exactly does with work?", "How does with work?"),
    ("frozenset meaning", "What is frozenset?"), ("definition of free variable", "What is free variable?"),
    ("What is the meaning of life?", "What is the meaning of life?"),
    ("Hi! I want to reverse a list. How?", "How do I reverse a list?"), ("Trying to strip spaces, any ideas?", "How do I strip spaces?"),
    ("how would one strip spaces?", "How do I strip spaces?"), ("What is the command to strip spaces?", "How do I strip spaces?"),
    ("Steps to strip spaces?", "How do I strip spaces?"), ("How come sort returns None?", "Why sort returns None?"),
    ("Is it OK to nest functions?", "Can I nest functions?"), ("I have to go.", "I have to go."),
    ("number of guest passes per year?", "How many guest passes per year?"),
    ("Is the sync server encrypted, or not?", "Is the sync server encrypted?"),
    ("What happens if I don't renew in time?", "What happens if I do not renew?"),
    ("What does rfind give back?", "What does rfind return?"),
    ("What does pass do? Any ideas?", "What does pass do?"), ("Is pass a no-op? Is that right?", "Is pass a no-op?"),
    ("Why?", "Why?"),
    ("quick one: what does pass do?", "what does pass do?"), ("ELI5: what does pass do?", "what does pass do?"),
    ("Newbie here: what does pass do?", "what does pass do?"), ("noob question: what is pass?", "what is pass?"),
    ("Hello! I was wondering, what does pass do?", "what does pass do?"),
    ("What does pass do? Best regards, Ann-Marie", "What does pass do?"), ("Cheers", "Cheers"),
    ("Thanks, what does pass do?", "what does pass do?"), ("Thanks, mate!", "Thanks, mate!"),
    ("what r lambdas", "what are lambdas"), ("wat does pass do", "what does pass do"),
    ("how do u sort a list?", "how do you sort a list?"), (">> What does pass do?", "What does pass do?"),
    ("\u201cWhat does pass do?\u201d", "What does pass do?"), ('What does r"raw" mean?', 'What does r"raw" mean?'),
    ("What does pass do? thank u", "What does pass do?"), ("Just curious, what does pass do?", "what does pass do?"),
    ("Dumb q but what does pass do?", "what does pass do?"),
    ("Question about pdb: how do I step into a function?", "how do I step into a function in pdb?"),
    ("Question about the docs: what is pass?", "what is pass?"),
    ("The server says address already in use. What do I do?",  # the closing question asks nothing by itself
     "The server says address already in use. What do I do?"),
])
def test_the_question_inside_what_a_user_types(typed, question):
    from neuraflux.core.question_text import plain_question

    assert plain_question(typed) == question


def test_a_closing_name_the_documents_are_about_is_left_out():
    from neuraflux.core.question_text import without_subject
    from neuraflux.core.retrieval.analyzer import analyze

    idf = {"python": 1.9, "window": 5.0, "string": 1.7}.get
    assert without_subject("What does not return in Python 3?", idf, analyze) == "What does not return?"
    assert without_subject("How do I do it in Windows?", idf, analyze) == "How do I do it in Windows?"  # rare: it matters
    assert without_subject("How do I find text in strings?", idf, analyze) == "How do I find text in strings?"  # not a name
    # typed in lower case: a name only if the passages about it write it capitalised
    texts = {"python": ["Python is a language.", "In Python, python code runs.", "Python 3 added it."],
             "strings": ["strings are sequences.", "Strings compare by code point.", "Join the strings."]}
    passages = lambda word: texts.get(word.lower(), [])  # noqa: E731  (a search ignores case)
    assert without_subject("what does not return in python", idf, analyze, passages) == "what does not return"
    assert without_subject("how do i find text in strings?", idf, analyze, passages) == "how do i find text in strings?"
    assert without_subject("what does not return in python", idf, analyze) == "what does not return in python"
    assert without_subject("python how do I find text?", idf, analyze, passages) == "How do I find text?"
    assert without_subject("strings: how do I find text?", idf, analyze, passages) == "strings: how do I find text?"
    assert without_subject("What is Python?", idf, analyze) == "What is Python?"  # nothing left to ask
    small = {"scotland": 0.8, "work": 0.1}.get  # a folder of four passages: one naming Scotland is a quarter of them
    once = lambda word: ["We install in England and Wales only. Do you install in Scotland?"]  # noqa: E731
    assert without_subject("Do you work in Scotland?", small, analyze, once) == "Do you work in Scotland?"
    assert without_subject("Do you work in Python?", idf, analyze, passages) == "Do you work?"
    # a Markdown heading that writes the name with another word of the question: a section's topic
    readme = {"ipython": ["## Load .env files in IPython\n\nUse it in IPython.", "IPython: %dotenv", "See IPython."]}
    about = lambda word: readme.get(word.lower(), [])  # noqa: E731
    idf = {"ipython": 1.6, "load": 1.3, "file": 1.2}.get
    assert without_subject("How do I load a file in IPython?", idf, analyze, about) == "How do I load a file in IPython?"
    assert without_subject("How do I quit in IPython?", idf, analyze, about) == "How do I quit?"


def test_a_follow_up_that_points_back_is_read_with_the_question_before_it(tmp_path):
    from neuraflux.core.evidence.question import focus_words
    from neuraflux.core.question_text import with_antecedent

    assert with_antecedent("What does it return?", "What is str.strip?", focus_words) == "What does it return (str.strip)?"
    assert with_antecedent("What does the with statement do?", "What is str.strip?", focus_words) \
        == "What does the with statement do?"  # names its own subject
    assert with_antecedent("when can I go there?", "Where is the apiary?", focus_words) \
        == "when can I go there (apiary)?"
    assert with_antecedent("Is there a deposit?", "Where is the apiary?", focus_words) == "Is there a deposit?"
    assert with_antecedent("What Python versions does it support?", "How do I install requests?", focus_words) \
        == "What Python versions does it support (install requests)?"  # "it" is its subject
    assert with_antecedent("How do I install it on Windows with pip?", "What is requests?", focus_words) \
        == "How do I install it on Windows with pip?"
    rag = _rag_over(tmp_path, {
        "server.md": "# Server\n\nThe server listens on port 5151. It stores entries in SQLite.\n",
        "client.md": "# Client\n\nThe client listens on port 6000 for callbacks. It syncs every two minutes.\n"})
    history = [("What does the client do?", "It syncs every two minutes.")]
    assert "6000" in rag.answer("Which port does it listen on?", history=history).text
    # a phrase that continues the previous question, read through the turns before it
    history = [("How do I sort a list?", "…"), ("in reverse?", "…")]
    assert rag.read_question("and without changing the original?", history) == \
        "How do I sort a list in reverse without changing the original?"
    history = [("What is a frozenset?", "…"), ("Is it mutable?", "…")]
    assert rag.read_question("how do I make one?", history) == "how do I make one (mutable frozenset)?"
    assert rag.read_question("Who do I ask on day one?", history) == "Who do I ask on day one?"
    assert rag.read_question("how do I make an empty one?", history[:1]) == "how do I make an empty one (frozenset)?"
    assert rag.read_question("What is a one-off fee?", history[:1]) == "What is a one-off fee?"
    # a follow-up that only asks is asked of what the question before it was about
    assert rag.read_question("how many?", [("Can I bring guests?", "…")]) == "how many (guests)?"
    assert rag.read_question("and when?", [("Is the pool open?", "…")]) == "and when (pool open)?"
    assert rag.read_question("How do I book?", [("Can I bring guests?", "…")]) == "How do I book?"
    assert rag.read_question("why not?", [("Can I bring guests?", "…")]) == "why not (guests)?"
    assert rag.read_question("what for?", [("Can I bring guests?", "…"), ("why not?", "…")]) == "what for (guests)?"
    # what "how" asks ("much") is not what the question was about; "what about X?" then asks it of X
    history = [("How much is the rent?", "…"), ("When is it due?", "…")]
    assert rag.read_question("When is it due?", history[:1]) == "When is it due (rent)?"
    assert rag.read_question("what about bonfires on sundays?", history) == "When is it due (bonfires on sundays)?"
    assert rag.read_question("what about a dict?", [("How do I sort a list (in place)?", "…")]) == \
        "How do I sort a dict (in place)?"  # brackets the asker typed
    # a step named by its number points back at the steps the answer before listed, not at another step
    history = [("How do I return an item?", "1. Sign in… 4. Drop the parcel…")]
    assert rag.read_question("what is the third step?", history) == "what is the third step (return item)?"
    history.append(("what is the third step?", "3. Print the label…"))
    assert rag.read_question("and step 4?", history) == "What is step 4 (return item)?"
    # "what's next?" after an answer quoting a step: the step after the last one quoted
    history = [("What is the second step to return an item?", "2. Choose the order and click Return items. [1]")]
    assert rag.read_question("what's next?", history) == "What comes after step 2 (return item)?"
    history.append(("what's next?", "3. Print the prepaid label. [1]"))
    assert rag.read_question("and then?", history) == "What comes after step 3 (return item)?"


def test_a_continuing_phrase_continues_the_previous_question():
    from neuraflux.core.question_text import continued

    assert continued("in reverse?", "How do I sort a list?") == "How do I sort a list in reverse?"
    assert continued("ok, and with a key?", "How do I sort a list?") == "How do I sort a list with a key?"
    assert continued("What does it return?", "How do I sort a list?") is None  # a question of its own
    assert continued("in reverse?", "") is None


def test_what_about_x_asks_the_previous_question_of_x(tmp_path):
    from neuraflux.core.evidence.question import focus_words
    from neuraflux.core.question_text import asked_of_other

    near = {("continue", "pass"): 0.5, ("dict", "list"): 0.4, ("cats", "dog"): 0.6}
    closeness = lambda a, b: near.get((a, b), 0.0)  # noqa: E731
    assert asked_of_other("and what about continue?", "What does the pass statement do?", focus_words, closeness) \
        == "What does the continue statement do?"
    assert asked_of_other("what about a dict?", "How do I sort a list?", focus_words, closeness) == "How do I sort a dict?"
    assert asked_of_other("How about cats?", "Can I bring my dog to the pool?", focus_words, closeness) \
        == "Can I bring my cats to the pool?"
    # X ends with the previous subject's last word: it replaces the whole subject
    assert asked_of_other("What about a return ticket?", "How much is a single ticket?", focus_words, closeness) \
        == "How much is a return ticket?"
    assert asked_of_other("and a junior swim?", "How much is an adult swim?", focus_words, closeness) is None
    assert asked_of_other("what about a junior swim?", "How much is an adult swim?", focus_words, closeness) \
        == "How much is a junior swim?"
    assert asked_of_other("what about a lesson?", "How much is a swim?", focus_words, closeness) \
        == "How much is a lesson?"  # not "How lesson is…"
    assert asked_of_other("what about it?", "How do I sort a list?", focus_words, closeness) is None
    assert asked_of_other("What about the gym?", "", focus_words, closeness) is None
    assert asked_of_other("What does it return?", "How do I sort a list?", focus_words, closeness) is None
    rag = _rag_over(tmp_path, {
        "fares.md": "# Fares\n\nA single ticket costs 3 euros. A return ticket costs 5 euros.\n",
        "times.md": "# Times\n\nTrains run every ten minutes.\n"})
    history = [("How much is a single ticket?", "A single ticket costs 3 euros.")]
    assert rag.read_question("and what about a return ticket?", history) == "How much is a return ticket?"
    assert "5 euros" in rag.answer("and what about a return ticket?", history=history).text


def test_a_typo_is_read_as_the_word_the_documents_use():
    from neuraflux.core.question_text import corrected
    from neuraflux.core.retrieval.analyzer import analyze

    vocabulary = {"power", "oper", "except", "statement", "pass", "state", "list", "make", "earn", "address"}
    idf = {"oper": 2.0, "except": 1.5, "statement": 1.0, "state": 3.0}.get
    assert corrected("What does the power opertaor do?", idf, vocabulary, analyze) == "What does the power operator do?"
    assert corrected("Which excetpions?", idf, vocabulary, analyze) == "Which exceptions?"
    assert corrected("How do I sort a lsit?", idf, vocabulary, analyze) == "How do I sort a list?"  # four letters: a swap
    assert corrected("How do I bake it?", idf, vocabulary, analyze) == "How do I bake it?"  # "make" is no swap away
    assert corrected("What does pass do?", idf, vocabulary, analyze) == "What does pass do?"  # known words stay
    assert corrected("What hapepns then?", idf, vocabulary, analyze) == "What happens then?"  # a question's own word
    assert corrected("Is photosynthesis here?", idf, vocabulary, analyze) == "Is photosynthesis here?"  # nothing near
    assert corrected("What does the power opertaor do?", idf, set(), analyze) == "What does the power opertaor do?"
    assert corrected("What does the statment do?", idf, vocabulary, analyze) == "What does the statement do?"  # a vowel
    assert corrected("What is the adress?", idf, vocabulary, analyze) == "What is the address?"  # a double
    assert corrected("How early is it?", idf, vocabulary, analyze) == "How early is it?"  # not "earnly" (earn)
    plants = vocabulary | {"plant"}  # "planet" is a word of its own, not "plant" with a letter too many
    assert corrected("Which planet is the largest?", idf, plants, analyze) == "Which planet is the largest?"


def test_greetings_and_a_closing_subject_change_no_answer(tmp_path):
    rag = _rag_over(tmp_path, {
        "server.md": "# Server\n\nTallyho's server listens on port 5151. Tallyho keeps entries in SQLite.\n",
        "client.md": "# Client\n\nThe Tallyho client syncs every two minutes.\n",
        "faq.md": "# FAQ\n\nTallyho runs on Linux and Windows.\n"})
    plain = rag.answer("Which port does the server listen on?").text
    assert "5151" in plain
    assert rag.answer("Hi! Quick question: which port does the server listen on in Tallyho? Thanks").text == plain
    assert rag.answer("Which port does the servre listen on?").text == plain  # a typo
    thanks = rag.answer("Thanks!")
    assert (thanks.text, thanks.abstained, thanks.citations, thanks.sources) == ("You're welcome.", True, [], [])
    assert rag.answer("hi").text.startswith("Hello!") and rag.answer("Thanks, which port does the server listen on?").text == plain


def test_a_version_in_the_heading_answers_which_version_brought_a_change(tmp_path):
    rag = _rag_over(tmp_path, {
        "CHANGELOG.md": "# Changelog\n\n## 3.2.0 (2025-09-30)\n\n- New: `tally report --csv` writes the report as CSV.\n\n"
                        "## 3.1.0 (2025-06-12)\n\n- New: idle detection pauses a running timer.\n",
        "README.md": "# Tallyho\n\nTallyho tracks time. `tally report --week` prints the hours of the week.\n"})
    assert _quoted(rag, "Which version added CSV reports?") == [
        "3.2.0 (2025-09-30)", "- New: `tally report --csv` writes the report as CSV."]
    # the versions of what the question names with one ("Python 3.9 and 3.10") are no release: the heading is
    rag = _rag_over(tmp_path / "rst", {"CHANGES.rst": (
        "Changelog\n---------\n\n7.0.0\n~~~~~\n\n2026-10-31\n\n**Breaking Changes**\n\n- Drop support for Python 3.9 "
        "and 3.10.\n- Patterns use ``full_match()``.\n\n6.0.0\n~~~~~\n\n2024-11-01\n\n- Drop support for Python 3.8.\n")})
    assert _quoted(rag, "Which version dropped support for Python 3.9?") == [
        "7.0.0", "- Drop support for Python 3.9 and 3.10."]


def test_a_number_written_as_a_word_weighs_no_more_than_a_function_word(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs30")  # a job queue's README, configuration, retries, scheduling, changelog
    assert "Only one worker runs each periodic job" in rag.answer(
        "Will a periodic job run twice if I have two workers?").text  # "twice", "two": in no document


def test_a_starred_parameter_matches_the_same_form_under_another_name(tmp_path):
    rag = _rag_over(tmp_path, {
        "functions.txt": "Function definitions\n********************\n\nA function definition defines a user-defined "
                         "function object.\n\nIf the form \"*identifier\" is present, it is initialized to a tuple "
                         "receiving any excess positional parameters.\n\nIf the form \"**identifier\" is present, it is "
                         "initialized to a new ordered mapping receiving any excess keyword arguments.\n\nThe *scope* "
                         "of a *parameter* is the function body.\n",
        "mappings.txt": "Mappings\n********\n\nclass dict(**kwargs)\n\n   Return a new dictionary built from keyword "
                        "arguments.\n\nA dictionary maps keys to values.\n"})
    answer = rag.answer("What does **kwargs receive?").text  # the documents write the form, not the usual name
    assert answer.startswith('If the form "**identifier" is present')
    from neuraflux.core.evidence.terms import STAR_PARAMETER
    assert STAR_PARAMETER.findall('a *word*, **Note**, "*args" and "**identifier"') == [("*", "args"), ("**", "identifier")]


def test_a_command_named_by_a_question_word_is_found_under_its_term(tmp_path):
    rag = _rag_over(tmp_path, {
        "debugger.txt": "Debugger Commands\n*****************\n\nThe debugger recognizes the commands below; most "
                        "can be abbreviated to one or two letters.\n\nh(elp)\n\n   Print the help text of the debugger."
                        "\n\nw(here)\n\n   Print a stack trace, with the most recent frame at "
                        "the bottom.\n\nd(own) [count]\n\n   Move the current frame count levels down.\n\n"
                        "alias [name [command]]\n\n   Create an alias called name that runs command. The command must "
                        "not be enclosed in quotes.\n",
        "running.txt": "Running\n*******\n\nStart the debugger with python -m pdb script.py.\n"})
    answer = rag.answer("What does the where command show?").text  # "where": a question word, and no index term
    assert "w(here) [1] Print a stack trace" in answer  # without the name: "The documents do not seem to answer…"


def test_an_un_word_the_documents_never_use_is_read_as_the_word_it_negates(tmp_path, monkeypatch):
    from neuraflux.core.evidence import ranking

    rag = _rag_over(tmp_path, {
        "keys.md": "# Keys\n\nCreate keys on the Developers page.\n\nA key that has not been used for 180 days is "
                   "disabled automatically.\n\nRevoking a key takes effect within one minute.\n",
        "limits.md": "# Limits\n\nEach key may make 600 requests per minute.\n"})
    question = "What happens to an unused key?"
    assert "180 days" in rag.answer(question).text
    monkeypatch.setattr(ranking, "negated_bases", lambda question, focus, idf: {})
    assert "180 days" not in rag.answer(question).text


def test_a_contraction_and_the_others_weigh_as_function_words(tmp_path):
    from neuraflux.core.evidence import DEFAULT_TUNING
    from neuraflux.core.evidence.question import question_weights

    weights = question_weights("What happens if a row has a key the others don't?", lambda term: 3.0)
    assert weights["not"] == weights["other"] == pytest.approx(3.0 * DEFAULT_TUNING.function_word_cap)
    assert weights["key"] == 3.0
    about = question_weights("Who do I ask about expenses?", lambda term: 3.0)["about"]
    assert about == weights["not"]  # a preposition
    rag = _rag_over_folder(tmp_path, "own_docs111")  # a CSV library's README and options module
    assert "SchemaError" in rag.answer("What happens if a row has a key the others don't?").text


def test_how_long_is_x_is_answered_by_a_sentence_about_x(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs95")  # an animal shelter's volunteer handbook and fostering notes
    answer = rag.answer("How long is a shift?").text  # not "… two shifts a month", "… 48 hours ahead"
    assert answer.startswith("Shifts last three hours")


def test_a_short_form_the_documents_use_weighs_as_they_use_it(tmp_path):
    rag = _rag_over(tmp_path, {  # they write "app" (whose base word is "application") and never "application"
        "mobile.md": "# Mobile apps\n\nThe Android app needs Android 10 or newer; the iOS app needs iOS 16. Both apps "
                     "can keep notes offline. Face ID or a fingerprint can lock the app.\n",
        "troubleshooting.md": "# Troubleshooting\n\nIf the desktop app shows \"server unreachable\", check that port "
                              "6240 is open in your firewall.\n",
        "pricing.md": "# Pricing\n\nThe desktop apps are free. The mobile apps cost 12 euros a year.\n",
        "server.md": "# Server\n\nStart the server with `driftnote-server run`.\n"})
    from neuraflux.core.evidence.question import question_weights

    weights = question_weights("The app says server unreachable, what should I check?", rag.retriever.term_idf)
    assert max(weights, key=weights.get) != "applic"  # "app" is in most passages: not the rarest word
    assert "firewall" in rag.answer("The app says server unreachable, what should I check?").text


def test_a_number_written_with_its_unit_matches_the_number_and_unit_apart(tmp_path):
    from neuraflux.core.evidence.terms import evidence_terms

    assert {"20", "mb"} <= set(evidence_terms("Pages over 20MB are saved without images."))
    rag = _rag_over(tmp_path, {
        "configuration.md": "# Configuration\n\n| Setting | Default | Meaning |\n|---|---|---|\n"
                            "| `snapshot_timeout` | `30s` | How long to wait for a page to load |\n"
                            "| `max_snapshot_size` | `20MB` | Larger pages are saved without images |\n",
        "README.md": "# Quillmark\n\nQuillmark needs 256 MB of RAM and runs on Linux.\n"})
    assert "without images" in rag.answer("What happens to pages bigger than 20 MB?").text
    assert "256 MB of RAM" in rag.answer("How much memory does it need?").text  # MB measures memory


def test_a_problem_described_in_other_words_is_found_under_its_own(tmp_path):
    from neuraflux.core.retrieval.lemmas import synonym_words

    rag = _rag_over(tmp_path, {
        "troubleshooting.txt": "TROUBLESHOOTING\n\nSnapshots are blank\nBlank snapshots usually mean Chromium is "
                               "missing or too old. Run quillmark doctor to check.\n",
        "backup.rst": "Backups\n=======\n\nSnapshots are kept in the data directory with the database.\n"})
    assert "Chromium" in rag.answer("Why are my snapshots empty?").text  # "blank": "empty"
    rag = _rag_over(tmp_path / "retry", {
        "README.rst": "retry\n=====\n\nThe decorator retries a function until some condition is met.\n\n"
                      "The ``on_error`` decorator is used to retry when an exception is raised.\n\n**Give up**\n\n"
                      "The keyword argument ``max_time`` specifies the maximum amount of total time in seconds that can "
                      "elapse before giving up.\n\nThe ``giveup`` argument takes a function that decides whether to "
                      "stop.\n\nThis is useful where you still wish to retry the code but go on when all retries fail.\n"})
    assert "``max_time``" in rag.answer("How do I limit the total time spent retrying?").text
    assert {"maximum", "max"} <= set(synonym_words(["limit"]))  # as the README of backoff writes it


def test_a_question_the_documents_answer_only_with_the_sentence_before_it_keeps_that_sentence(tmp_path):
    rag = _rag_over(tmp_path, {
        "delays.md": "# Delays and cancellations\n\n## If your flight is delayed\n\nWe send updates by text message "
                     "and email. If the delay is more than 2 hours, you receive a voucher for food and drinks.\n\n"
                     "## If your flight is cancelled\n\nYou can choose between a free rebooking on the next available "
                     "flight and a full refund of the ticket. Refunds are paid to the original payment card within 7 "
                     "days.\n\n## Missed connections\n\nIf you miss a connecting flight because of our delay, we "
                     "rebook you on the next flight at no cost.\n",
        "baggage.md": "# Baggage\n\nChecked bags can weigh up to 23 kg each. Adding a checked bag online costs 35 "
                      "euros.\n"})
    answer = rag.answer("My flight was cancelled. Can I have my money returned?")  # alone, "money" is nowhere
    assert "full refund" in answer.text and answer.question.startswith("My flight was cancelled.")
    assert rag.answer("I am new here. How heavy can checked bags be?").question == "How heavy can checked bags be?"


def test_what_is_the_title_is_answered_by_the_line_under_it(tmp_path):
    rag = _rag_over(tmp_path, {"README.rst": (
        "Watchdog\n========\n\n|PyPI Version|\n\n.. tip::\n\n    Become my sponsor to help me work on this software:\n\n"
        "   |Patreon|\n\nPython API and shell utilities to monitor file system events.\n\nWorks on 3.11+.\n\n"
        "Notes\n-----\n\nWhen you want to watch changes in CIFS, you need to tell watchdog to use the PollingObserver.\n\n"
        "License\n-------\n\nWatchdog is licensed under the terms of the Apache License, version 2.0.\n")})
    answer = rag.answer("What is watchdog?")
    quoted = [citation.sentence for citation in answer.citations]
    assert "Python API and shell utilities to monitor file system events." in quoted and "CIFS" not in answer.text


def test_a_how_to_heading_answers_its_task_and_a_link_to_it_only_points_there(tmp_path):
    from neuraflux.core.evidence.scoring import how_to_heading_does

    assert how_to_heading_does("keep", "How to keep private suffixes whole")
    assert how_to_heading_does("set", "How do I set a cache folder?") and not how_to_heading_does("set", "Setting up")
    assert not how_to_heading_does("keep", "How to delete old snapshots") and not how_to_heading_does("keep", "")
    rag = _rag_over(tmp_path, {"README.md": (
        "# hostsplit\n\nSplits a host name into its parts.\n\n## How-to guides\n\n"
        "### How to keep private suffixes whole\n\n```python\nsplitter = hostsplit.Splitter(keep_private=True)\n```\n\n"
        "### How to set a cache folder\n\n```python\nsplitter = hostsplit.Splitter(cache_dir='/tmp/hs')\n```\n\n"
        "## Behaviour\n\n### Private suffixes\n\nBy default, hostsplit keeps private suffixes apart from whole domains:\n\n"
        "```python\n>>> hostsplit.split('a.blogspot.com')\n```\n\nTo keep private suffixes whole instead, see "
        "[How to keep private suffixes whole](#how-to-keep-private-suffixes-whole).\n"),
        "other.md": "# Other\n\nNothing about host names here.\n"})
    answer = rag.answer("How do I keep private suffixes whole?")
    assert answer.text.startswith("```python\nsplitter = hostsplit.Splitter(keep_private=True)")
    assert "see [How to" not in answer.text  # the sentence linking to that section answers nothing itself
    assert "cache_dir=" in rag.answer("How do I set a cache folder?").text


def test_a_sentence_writing_the_task_of_a_how_to_question_answers_it(tmp_path):
    from neuraflux.core.evidence.question import task_phrase

    assert task_phrase("How do I get the integer digest?").search("It is also provided to\nget the integer digest.")
    assert not task_phrase("How do I get the integer digest?").search("the digest of an integer")
    assert task_phrase("How do I install it?") is None  # two words say too little to be a task
    # … in the singular or the plural: a man page's NAME line says what its command is for
    assert task_phrase("How do I number the lines of a file?").search("nl - number lines of files")
    assert not task_phrase("How do I number the lines of a file?").search("number lines of filesystems")
    rag = _rag_over(tmp_path, {"hashing.md": (
        "# hashing\n\nThis module is hashlib-compliant: you can use it as you use hashlib.md5.\n\n"
        "md5 digest returns bytes, but the original C functions return integers. While this module is made "
        "hashlib-compliant, `intdigest()` is also provided to get the integer digest.\n\n"
        "## Byte order\n\n`digest()` returns bytes of the big-endian representation of the integer digest:\n\n"
        "```python\n>>> h.digest()\n```\n\nAs of version 0.3.0, `digest()` returns bytes of the big-endian "
        "representation of the integer digest. It used to be little-endian.\n"),
        "other.md": "# Other\n\nNothing about hashes here.\n"})
    assert "`intdigest()` is also provided to get the integer digest" in rag.answer("How do I get the integer digest?").text


def test_a_short_lead_in_is_quoted_with_the_few_lines_of_code_it_introduces(tmp_path):
    rag = _rag_over(tmp_path, {"README.md": (
        "# hashfast\n\nA fast hash.\n\n## Installation\n\n```bash\n$ pip install hashfast\n```\n\n"
        "You can also install using conda:\n\n```bash\n$ conda install -c conda-forge python-hashfast\n```\n\n"
        "## Updating\n\nOr delete the cache folder:\n\n```sh\nrm -rf $HOME/.cache/hashfast\n```\n"),
        "other.md": "# Other\n\nNothing about hashes here.\n"})
    assert "conda install -c conda-forge python-hashfast" in rag.answer("Can I install hashfast with conda?").text
    assert "rm -rf $HOME/.cache/hashfast" in rag.answer("Where is the cache folder?").text


def test_a_quotation_opening_a_readme_leaves_the_line_after_it_first(tmp_path):
    from neuraflux.core.sentences import split_units

    text = ("# sqlparse\n\n> [!IMPORTANT]\n> **Project Status: End of Maintenance**\n>\n> sqlparse is no longer "
            "actively maintained. Version 0.6.1 was its final release.\n\nA non-validating SQL parser for Python. Split "
            "scripts into statements.\n\n## License\n\nsqlparse is licensed under the New BSD license.\n")
    positions = {u.text: u.position for u in split_units(text) if u.kind == "prose"}
    assert positions["A non-validating SQL parser for Python."] == 0  # the aside before it does not count
    assert positions["Version 0.6.1 was its final release."] == 1 and positions["Split scripts into statements."] == 1
    rag = _rag_over(tmp_path, {"README.md": text, "other.md": "# Other\n\nNothing about parsers here.\n"})
    assert "A non-validating SQL parser for Python." in _quoted(rag, "What is sqlparse?")


def test_what_a_name_stands_for_is_the_phrase_its_initials_spell(tmp_path):
    from neuraflux.core.evidence.question import acronym_asked, spells

    assert acronym_asked("What does Click stand for?") == "click" and acronym_asked("What is GIL short for?") == "gil"
    assert acronym_asked("What does the acronym `CLI` mean?") == "cli" and not acronym_asked("What does it do?")
    assert spells("gil", "It holds the Global Interpreter Lock.") and spells("cli", "a Command-Line Interface")
    assert not spells("cli", "Click is a Python tool") and not spells("gil", "the global interpreter lock")
    rag = _rag_over(tmp_path, {"README.md": (
        "# Click\n\nClick is a Python package for creating beautiful command line interfaces in a composable way. "
        "It's the \"Command Line Interface Creation Kit\". It's highly configurable.\n\n## Contributing\n\n"
        "See our detailed contributing documentation for many ways to contribute to Click.\n")})
    answer = rag.answer("What does the name Click stand for?")
    assert "Command Line Interface Creation Kit" in answer.text, answer.text


def test_a_question_word_no_document_uses_is_searched_for_by_its_synonyms(tmp_path):
    rag = _rag_over(tmp_path, {
        "baggage.md": "# Baggage\n\n## Sports equipment\n\nSkis and bicycles travel as special baggage and must be "
                      "booked 48 hours before departure.\n",
        "check-in.txt": "CHECK-IN\n\nOnline check-in opens 30 hours before departure.\n",
        "pets.rst": "Pets\n====\n\nSmall dogs and cats can travel in the cabin.\n"})
    assert rag._query("Can I bring my bike?").endswith(" bicycle")  # "bike" is in no document
    assert rag._query("Can I bring my bicycle?") == "Can my bicycle?"  # a word they use is searched for as it is
    assert "special baggage" in rag.answer("Can I bring my bike?").text


def test_everyday_words_find_the_policy_words_they_stand_for(tmp_path):
    insurance = _rag_over(tmp_path, {
        "policy.txt": "POLICY\n\n3. What is not covered\n3.1 Wear and tear, and damage caused by pets.\n"
                      "3.2 Money above 500 euros.\n\n4. Claims\n4.1 Do not throw away damaged items until we have "
                      "seen them.\n",
        "faq.md": "# FAQ\n\nYou can pay monthly by direct debit.\n"})
    assert "Money above 500 euros" in insurance.answer("Is cash covered?").text  # "cash": "money"
    assert "damaged items" in insurance.answer("Should I keep the broken things?").text  # "broken": "damaged"
    (tmp_path / "gym").mkdir()
    gym = _rag_over(tmp_path / "gym", {
        "prices.rst": "Prices\n======\n\nA day pass costs 12 euros.\n\nTowel hire is 2 euros a visit.\n",
        "rules.txt": "HOUSE RULES\n\nClean shoes\nIndoor shoes are required on the gym floor. Outdoor shoes are "
                     "not allowed.\n\nPhones\nPhone calls are not allowed on the gym floor.\n"})
    assert "Towel hire" in gym.answer("Can I rent a towel?").text  # "rent": "hire"
    assert "Outdoor shoes" in gym.answer("Can I wear my running shoes from outside?").text  # "outside": "outdoor"


def test_the_version_a_question_names_is_the_one_its_heading_must_write(tmp_path):
    rag = _rag_over(tmp_path, {
        "CHANGELOG.md": "# Changelog\n\n## 2.3.0 (2026-09-14)\n\n- Tags can now be nested.\n- A new HTML export.\n\n"
                        "## 2.2.0 (2026-06-10)\n\n- Added two-factor authentication with TOTP apps.\n"
                        "- Dropped support for SQLite versions older than 3.35.\n"
                        "- Fixed a crash on Windows when a path was longer than 260 characters.\n",
        "README.md": "# Quillmark\n\nQuillmark is released under the AGPL-3.0 license.\n"})
    assert _quoted(rag, "Which version fixed the long path crash on Windows?")[:1] == ["2.2.0 (2026-06-10)"]  # not "260"
    assert "2026-09-14" in rag.answer("When was version 2.3.0 released?").text  # not 2.2.0's "3.35" under "2.2.0"
    assert _quoted(rag, "Which version added two-factor authentication?")[:2] == [  # "two" is no version
        "2.2.0 (2026-06-10)", "- Added two-factor authentication with TOTP apps."]
    assert _quoted(rag, "Which version dropped SQLite 3.35?")[:1] == ["2.2.0 (2026-06-10)"]  # the version asked about
    from neuraflux.core.evidence.scoring import _holds_version

    assert _holds_version("The Android app needs Android 10 or newer.", ())  # "Which Android version do I need?"
    assert not _holds_version("- Dropped Python 3.8.", ("3.8",)) and _holds_version("2.2.0 (2026-06-10)", ("3.8",))


def test_a_name_the_documents_write_longer_stands_for_that_word(tmp_path):
    rag = _rag_over(tmp_path, {
        "README.md": "# Tallyho\n\nInstall it with pip. On macOS you can also use Homebrew: brew install tallyho.\n",
        "sync.md": "# Syncing\n\nThe sync server listens on port 5151.\n"})
    assert "On macOS you can also use Homebrew: brew install tallyho." in rag.answer("How do I install Tallyho on a Mac?").text
    assert "On macOS" in rag.answer("how do i install tallyho on a mac").text  # lower case: "macOS" is written as a name
    assert rag.answer("How do I install Tallyho on Solaris?").abstained  # a name no document uses, even in part
    # a word with synonyms is read as them: "Mac" is "macOS", not the "machine" of another document, and covers
    # no more of the question than itself
    rag = _rag_over(tmp_path / "machine", {
        "security.md": "# Security\n\nEvery file is encrypted on your machine before it is uploaded.\n",
        "platforms.md": "# Platforms\n\nTallyho runs on Linux, macOS 12 and later, and Windows 10 and later.\n"})
    question = "Does Tallyho run on a Mac?"
    assert "macOS 12 and later" in rag.answer(question).text
    assert max(e.coverage for e in rag.evidence(question, rag.retrieve(question))) <= 1.0


def test_a_faq_question_is_no_answer_and_gives_its_words_to_the_answer_under_it(tmp_path):
    rag = _rag_over(tmp_path, {
        "faq.txt": "Frequently asked questions\n\nCan I back up to Google Cloud Storage?\n"
                   "Yes, through its S3-compatible endpoint. Set bucket to gs://NAME.\n\n"
                   "Is there a graphical interface?\nThere is no GUI.\n",
        "about.md": "# Ferrule\n\nFerrule backs up databases to object storage.\n"})
    answer = rag.answer("How do I back up to Google Cloud Storage?")
    assert answer.text.startswith("Yes, through its S3-compatible endpoint. [")
    assert not any(c.sentence.endswith("?") for c in answer.citations)


def test_a_question_naming_what_the_documents_never_name_abstains(tmp_path):
    rag = _rag_over(tmp_path, {"guide.md": "# The guide\n\nIt was written by Sven Okonkwo and first published in 2019.\n",
                               "setup.md": "# Setup\n\nThe server listens on port 8813.\n"})
    assert not rag.answer("Who wrote the guide?").abstained
    assert rag.answer("Who wrote Hamlet?").abstained  # a name no document uses: not about these documents
    assert rag.answer("Does the server run on Windows?").abstained


class _ConceptEncoder:
    """A stand-in sentence encoder: a text's vector counts its words per meaning, so words that
    differ but mean alike ("glue", "concatenation") point the same way."""

    kind = "encoder"
    MEANINGS = [{"glue", "join", "joined", "concatenation", "together"}, {"string", "strings"},
                {"upper", "uppercase", "capital"}, {"copy"}]

    def __call__(self, texts, progress=None):
        words = [text.lower().replace(".", " ").split() for text in texts]
        return [[sum(w in meaning for w in ws) for meaning in self.MEANINGS] for ws in words]


class _Backend:
    def __init__(self, dense_rate):
        self.dense_rate = dense_rate


def test_a_sentence_in_other_words_answers_through_its_meaning(tmp_path):
    from dataclasses import replace

    rag = _rag_over(tmp_path, {"strings.md": "# String methods\n\n## str.join(iterable)\n\nReturn a string which "
                                             "is the concatenation of the strings in iterable.\n\n## str.upper()\n\n"
                                             "Return a copy of the string converted to uppercase.\n"})
    question = "How do I glue strings together?"
    words_only = replace(rag.tuning, similar_depth=0)
    rag.tuning = words_only
    assert rag.answer(question).abstained  # "glue" and "together" are not in the page
    rag.tuning = replace(words_only, similar_depth=8)
    rag.retriever.embedder, rag.retriever.backend = _ConceptEncoder(), _Backend(dense_rate=None)
    assert rag.retriever.sentence_similarity().name == "encoder"
    assert _quoted(rag, question)[:2] == ["str.join(iterable)",  # how to: the signature, then what it does
                                          "Return a string which is the concatenation of the strings in iterable."]
    assert rag.answer("How do I glue fish?").abstained  # close in meaning to nothing quoted


def test_the_encoder_measures_meaning_only_where_it_runs_fast_else_the_shipped_vectors():
    from neuraflux.core.retrieval.retriever import Retriever

    retriever = Retriever.__new__(Retriever)
    retriever.embedder, retriever.backend = _ConceptEncoder(), _Backend(dense_rate=None)
    assert retriever.sentence_similarity().name == "encoder"
    retriever.backend = _Backend(dense_rate=100e6)  # pure-Python encoding: seconds a sentence
    assert retriever.sentence_similarity().name == "static"
    retriever.backend = None  # a backend not given: its speed is unknown
    assert retriever.sentence_similarity().name == "static"
    retriever.backend, retriever.embedder = _Backend(dense_rate=None), None
    assert retriever.sentence_similarity().name == "static"


def test_the_shipped_static_vectors_place_paraphrases_near():
    from neuraflux.core.meaning import StaticVectors, shipped_similarity

    similarity = shipped_similarity()
    near, far = similarity("Do students get a discount?", ["Students and pensioners pay half the membership fee.",
                                                             "Each student has four late days for the whole semester."])
    assert near >= similarity.threshold > far
    near, far = similarity("How do I chop a known prefix off a string?",
                           ["If the string starts with the *prefix* string, return string[len(prefix):].",
                            "The red light flashes: the water tank is empty."])
    assert near > far + 0.4
    vectors = StaticVectors()
    assert vectors.vector("The of a") == [0.0] * vectors.dims  # stop words carry no meaning
    assert similarity("the", ["of"]) == [0.0]  # and a vector of zeros is close to nothing


def test_broken_static_vectors_are_a_clear_error(tmp_path):
    import shutil

    from neuraflux.core.errors import CheckpointError
    from neuraflux.core.meaning import SHIPPED, StaticVectors

    shutil.copy(os.path.join(SHIPPED, "vectors.safetensors"), tmp_path)
    (tmp_path / "vocab.txt").write_text("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nword\n")
    with pytest.raises(CheckpointError, match="do not match the vocabulary"):
        StaticVectors(str(tmp_path))


def test_similar_coverage_compares_only_the_best_units_that_cover_too_little():
    from neuraflux.core.evidence import Evidence, Tuning, similar_coverage
    from neuraflux.core.meaning import SentenceSimilarity

    evidence = [Evidence(1, "d", None, score, coverage) for score, coverage in
                [(9, 0.9), (8, 0.1), (7, 0.2), (6, 0.3), (5, 0.05), (4, 0.4)]]
    for item, text in zip(evidence, "abcdef"):
        item.unit = type("Unit", (), {"text": text})()
    asked = []

    def measure(question, texts):
        asked.append(texts)
        return [{"b": 0.7, "c": 0.49, "d": 0.5, "f": 0.9}[t] for t in texts]

    similarity = SentenceSimilarity(measure, threshold=0.5, least_coverage=0.1)
    similar_coverage("q", evidence, similarity, Tuning(similar_depth=3, similar_coverage=0.5))
    assert asked == [["b", "c", "d"]]  # "a" covers already, "e" too little in words; "f" is past the depth
    assert [e.coverage for e in evidence] == [0.9, 0.5, 0.2, 0.5, 0.05, 0.4]


def test_a_why_question_quotes_the_sentence_that_gives_the_reason(tmp_path):
    rag = _rag_over(tmp_path, {
        "numbers.md": "# Numbers\n\nNumbers are written in decimal by default. Leading zeros are not allowed in a "
                      "number. This is for disambiguation with octal literals. Underscores group digits.\n",
        "strings.md": "# Strings\n\nStrings are written in quotes. Leading spaces are kept.\n"})
    assert _quoted(rag, "Why are leading zeros not allowed in numbers?")[:2] == [
        "Leading zeros are not allowed in a number.", "This is for disambiguation with octal literals."]


def test_an_operator_between_placeholders_finds_the_page_that_quotes_the_expression(tmp_path):
    from neuraflux.core.evidence.question import placeholder_expressions
    assert placeholder_expressions("How does Python evaluate x and y?") == ["x and y"]
    assert placeholder_expressions("Is there a way to do x in a loop?") == []
    steps = {f"step{n}.md": f"# Step {n}\n\nIn step {n} Python can evaluate the expression again. Python evaluates "
             f"it in frame {n}. Evaluate it with p{n}, and Python prints it.\n" for n in range(12)}
    rag = _rag_over(tmp_path, {
        **steps,
        "booleans.md": "# Boolean operations\n\nBoolean operations have the lowest priority of all operations. "
                       'The expression "x and y" first evaluates *x*; if *x* is false, its value is returned.\n',
        "loops.md": "# Loops\n\nA loop evaluates its condition before each pass.\n"})
    assert _quoted(rag, "How does Python evaluate x and y?")[0].startswith('The expression "x and y" first')


def test_what_does_a_while_loop_do_is_answered_by_the_while_statement(tmp_path):
    rag = _rag_over(tmp_path, {
        "while.md": "# The while statement\n\nThe while statement is used for repeated execution as long as an "
                    "expression is true. It tests the expression before each pass.\n",
        "break.md": "# The break statement\n\nA break may only occur nested in a for or while loop. It terminates "
                    "the nearest enclosing loop, and a while loop ends with it.\n",
        "for.md": "# The for statement\n\nThe for statement iterates over the items of a sequence.\n"})
    assert _quoted(rag, "What does a while loop do?")[0].startswith("The while statement is used for repeated")


def test_every_weighs_as_little_as_the_quantifiers_that_are_stop_words(tmp_path):
    # a collection large enough to weigh words by their passages: "every" is on one page only
    files = {f"group{n}.md": f"# Group {n}\n\nGroup {n} is listed in order." + (" Its elements are sorted." if n % 8 == 0
             else "") + (" Its combinations are kept." if n % 16 == 0 else "") + "\n" for n in range(80)}
    rag = _rag_over(tmp_path, {
        **files, "combine.md": "# Combining\n\nReturn successive r-length combinations of elements in the iterable.\n",
        "drop.md": "# Dropping\n\nDrop items while the predicate is true. Afterwards, return every element until "
                   "the iterable is exhausted.\n"})
    assert _quoted(rag, "How do I get every combination of elements?")[0].startswith("Return successive r-length")


def test_a_range_of_days_answers_a_question_naming_a_day(tmp_path):
    rag = _rag_over(tmp_path, {
        "rules.md": "# House rules\n\nBuilding work such as drilling is only allowed between 9 am and 6 pm, Monday to "
                    "Saturday. Keep the stairs clear. Holes in shared walls need the landlord's consent first.\n",
        "bins.md": "# Bins\n\nGlass goes in the green container by the gate.\n",
        "heating.md": "# Heating\n\nThe boiler is serviced every spring.\n"})
    assert _quoted(rag, "Can I drill holes on a Sunday?")[0].startswith("Building work such as drilling")


def test_a_sentence_going_on_from_the_one_before_reads_with_its_words(tmp_path):
    rag = _rag_over(tmp_path, {
        "displays.md": "# Displays\n\nA display is written in braces. Every display key must be hashable. "
                       "Display items may repeat a key. This means the last one given wins.\n",
        "keys.md": "# Keys\n\nA key must be hashable. Keys are compared by equality.\n"})
    assert "This means the last one given wins." in _quoted(rag, "What happens when a display repeats a key?")


def test_an_instruction_about_them_reads_with_the_sentence_it_points_back_to(tmp_path):
    rag = _rag_over(tmp_path, {
        "bins.md": "# Your bins\n\n- the **blue bin** for paper, card, cans and plastic bottles,\n- the **green bin** "
                   "for food.\n\nPlastic bags and film are not recycled at the kerbside. Take them to the collection "
                   "points in supermarkets.\n",
        "days.txt": "COLLECTION DAYS\n\nBlue bins are collected every two weeks.\n"})
    assert "Take them to the collection points in supermarkets." in _quoted(rag, "Where do plastic bags go?")


def test_a_how_to_question_quotes_the_commands_its_best_sentence_introduces(tmp_path):
    rag = _rag_over(tmp_path, {
        "deploy.md": "# Deploying\n\nDeploys go through the shipit CLI. Build an image, then deploy it:\n\n"
                     "```bash\nshipit build tracker\nshipit deploy tracker --env staging\n```\n\n"
                     "A rollout replaces pods in batches of 25%.\n",
        "team.md": "# Team\n\nThe team deploys twice a week.\n"})
    how = rag.answer("How do I deploy an image?")
    assert [c.sentence for c in how.citations][-2:] == [
        "Build an image, then deploy it:", "```bash\nshipit build tracker\nshipit deploy tracker --env staging\n```"]
    what = rag.answer("What does a deploy build?")  # not a how-to question, yet a short lead-in says nothing alone
    assert [c.sentence for c in what.citations][-2:] == [
        "Build an image, then deploy it:", "```bash\nshipit build tracker\nshipit deploy tracker --env staging\n```"]
    rag = _rag_over(tmp_path / "long", {
        "deploy.md": "# Deploying\n\nEvery deploy builds an image of the service from its main branch and then rolls "
                     "it out to the cluster in batches:\n\n```bash\nshipit build tracker\nshipit deploy tracker\n```\n",
        "team.md": "# Team\n\nThe team deploys twice a week.\n"})
    what = rag.answer("What does a deploy build?")  # a sentence saying it all: its commands are not needed
    assert "builds an image of the service" in what.text and not any("```" in c.sentence for c in what.citations)


def test_a_how_to_question_quotes_the_command_that_opens_the_section_of_its_answer(tmp_path):
    rag = _rag_over(tmp_path, {
        "README.md": "# tidepool\n\ntidepool resamples time series.\n\n## Installing\n\n```\npip install tidepool\n```\n\n"
                     "tidepool needs Python 3.9 or newer.\n",
        "CHANGES.md": "# Changes\n\nThe 2.0 release dropped Python 3.8.\n"})
    how = rag.answer("How do I install tidepool?")
    assert [c.sentence for c in how.citations][-2:] == ["```\npip install tidepool\n```",
                                                       "tidepool needs Python 3.9 or newer."]
    what = rag.answer("Which Python does tidepool need?")  # not a how-to question: no code quoted
    assert not any("```" in c.sentence for c in what.citations)


def test_a_manual_answers_what_to_do_how_heavy_and_what_is_not(tmp_path):
    rag = _rag_over(tmp_path, {
        "trouble.txt": "TROUBLESHOOTING\n\nCoffee only drips: the grind is too fine. Use a coarser setting.\n\n"
                       "No steam comes out: the wand is blocked by dried milk. Clear the tip with the pin.\n",
        "specs.md": "# Technical data\n\n- Pump pressure: 15 bar\n- Weight: 5.2 kg\n\n# Warranty\n\n"
                    "The machine comes with a two-year warranty.\n",
        "care.md": "# Care\n\nThe drip tray and the water tank are dishwasher-safe. The portafilter is not.\n"})
    steam = [c.sentence for c in rag.answer("What should I do when no steam comes out?").citations]
    assert steam[:2] == ["No steam comes out: the wand is blocked by dried milk.", "Clear the tip with the pin."]
    assert "- Weight: 5.2 kg" in rag.answer("How heavy is the machine?").text  # heavy: weight
    assert "The portafilter is not." in rag.answer("Is the portafilter dishwasher safe?").text


def test_what_happens_if_quotes_the_sentence_after_the_case_it_names(tmp_path):
    rag = _rag_over(tmp_path, {
        "booking.md": "# Booking\n\nBook online or at the desk. Cancel by 6 pm the day before for no charge. "
                      "Later cancellations are charged in full.\n\n# Loans\n\nBooks are lent for three weeks. "
                      "If you lose a book, tell the library desk. You pay for a replacement.\n"})
    assert "Later cancellations are charged in full." in _quoted(rag, "What happens if I cancel on the day?")
    assert _quoted(rag, "What happens if I lose a book?")[-2:] == ["If you lose a book, tell the library desk.",
                                                                   "You pay for a replacement."]


def test_how_many_is_answered_by_a_count_not_a_measurement(tmp_path):
    from neuraflux.core.rag import search_query

    assert search_query("How many e-bikes are there?") == "How many e-bikes are there?"  # "e-" is no placeholder
    assert "x" not in search_query("What does import x as y bind?").split()
    assert "\\n" in search_query("What does the \\n escape sequence mean?").split()  # an escape, no placeholder
    rag = _rag_over(tmp_path, {
        "bikes.md": "# E-bikes\n\nA fully charged e-bike has a range of about 60 km. The app shows each e-bike's "
                    "charge before you unlock it.\n",
        "about.md": "# About\n\nPedalo is the city's bike-sharing service. There are 140 stations and about 1,800 "
                    "bikes, of which 400 are e-bikes.\n",
        "prices.md": "# Prices\n\nE-bikes cost 10 cents per minute extra on every plan.\n"})
    assert _quoted(rag, "How many e-bikes are there?")[0] == \
        "There are 140 stations and about 1,800 bikes, of which 400 are e-bikes."
    assert "60 km" in rag.answer("How far can an e-bike go on one charge?").text  # a measurement where one is asked


def test_which_and_how_much_questions_over_a_small_practice_site(tmp_path):
    rag = _rag_over(tmp_path, {
        "about.md": "# About us\n\nThe practice is run by Dr Amara Quist.\n\n## Finding us\n\nThe practice is on "
                    "the first floor of 22 Harbour Road, above the pharmacy. The 46 bus stops outside.\n",
        "appointments.md": "# Appointments\n\nBook a check-up online or by calling reception on 020 7946 0321. "
                           "Check-ups take 30 minutes.\n",
        "fees.txt": "FEES\n\nA routine check-up costs £55 for adults. Children under 18 are seen free of charge.\n"})
    assert _quoted(rag, "Which bus goes to the practice?")[0] == "The 46 bus stops outside."  # "goes": go, light
    assert _quoted(rag, "How much is a check-up?")[0] == "A routine check-up costs £55 for adults."
    from neuraflux.core.answer_types import question_type_span

    # "the rent" is not a word any sum answers (a sum of repairs would otherwise cover it)
    assert question_type_span("How much is the rent?") == ("amount", "How much is")
    assert question_type_span("When is payday?") == ("date", "When is")  # any date does not cover "payday"
    assert question_type_span("Which cipher is used for encryption?") == ("name", "Which cipher")  # "AES-256-GCM"


def test_check_in_is_what_the_question_is_about_not_how_it_asks(tmp_path):
    from neuraflux.core.evidence.question import question_scaffold
    from neuraflux.core.evidence.terms import evidence_terms

    check = set(evidence_terms("check"))
    assert check <= question_scaffold("How do I check the version?")  # "check" only frames the question
    assert not check & question_scaffold("What time can we check in?")
    rag = _rag_over(tmp_path, {
        "welcome.md": "# Welcome\n\n## Arrival\n\nCheck-in is from 4 pm. The key is in the key safe.\n\n"
                      "## Departure\n\nCheck-out is by 10 am.\n",
        "rules.md": "# House rules\n\n- Quiet time is from 10 pm to 8 am.\n- Parties are not allowed.\n",
        "area.md": "# Around the cottage\n\nThe shop in the village sells bread.\n",
        "parking.md": "# Parking\n\nPark in the drive, not in the lane.\n",
        "house.md": "# Heating\n\nThe logs are in the shed.\n",
        "pets.md": "# Pets\n\nDogs are welcome in the garden.\n"})
    assert _quoted(rag, "What time can we check in?")[0] == "Check-in is from 4 pm."


def test_a_question_about_a_price_is_not_answered_by_points(tmp_path):
    rag = _rag_over(tmp_path, {
        "rules.md": "# Rules\n\nYou win by being the first to deliver cargo worth 20 points.\n\n"
                    "The game ends at once when a player reaches 20 points.\n",
        "setup.txt": "SETTING UP\n\nEach player takes three ships and 5 gold coins.\n",
        "scoring.rst": "Scoring\n=======\n\nSpice is worth 4 points, silk 3 and tea 2.\n"})
    assert rag.answer("How much does the game cost?").abstained  # points are no price
    assert "4 points" in rag.answer("How much is spice worth?").text


def test_a_markdown_api_page_reads_its_signature_headings_as_terms(tmp_path):
    page = ("# Util\n\n## `util.promisify(original)`\n\nAdded in: v8.0.0\n\n"
            "* `original` {Function}\n* `flag` {string} See the flags. **Default:** `'r'`.\n* Returns: {Function}\n\n"
            "Takes a function following the error-first callback style and returns a version that returns promises.\n\n"
            "Using the `util.promisify.custom` symbol one can override the return value of `util.promisify()`.\n\n"
            "## `util.format(format[, ...args])`\n\n<!-- YAML\nadded: v0.5.3\n-->\n\n"
            "Returns a formatted string using the first argument as a printf-like format.\n\n"
            "## Class: `zlib.Gzip`\n\n<!-- YAML\nadded: v0.5.8\n-->\n\nCompress data using gzip.\n")
    rag = _rag_over(tmp_path, {"util.md": page, "other.md": "# Other\n\nNothing about promises here.\n"})
    promisify = rag.answer("What does util.promisify do?").text
    assert "returns a version that returns promises" in promisify  # the first sentence under its heading
    assert "<!--" not in promisify
    printf = [c.sentence for c in rag.answer("How do I format a string like printf?").citations]
    assert printf[:2] == ["`util.format(format[, ...args])`",  # the heading that is its signature, then what it does
                          "Returns a formatted string using the first argument as a printf-like format."]
    gzip = [c.sentence for c in rag.answer("How do I compress data with gzip?").citations]
    assert gzip == ["Class: `zlib.Gzip`", "Compress data using gzip."]


def test_code_examples_not_introduced_by_a_colon_are_code():
    text = ("Multiple decorators nest. For example, the following code\n\n   @f1(arg)\n   @f2\n   def func(): pass\n\n"
            "is roughly equivalent to\n\n   def func(): pass\n   func = f1(arg)(f2(func))\n\nexcept that it is not bound.\n")
    kinds = [(u.kind, u.text.split()[0]) for u in split_units(text)]
    assert kinds == [("prose", "Multiple"), ("prose", "For"), ("code", "@f1(arg)"), ("prose", "is"),
                     ("code", "def"), ("prose", "except")]
    # an indented description that reads as prose stays a definition list
    units = split_units("str.zfill(width)\n\n   Return a copy of the string.\n")
    assert [u.kind for u in units] == ["term", "prose"]


def test_abbreviations_are_found_after_long_words_and_in_long_paragraphs():
    long_word = "x" * 60
    text = f"It takes {long_word} e.g. this one. Next. " * 3000  # one paragraph, 6,000 sentences
    spans = split_sentences(text)
    assert len(spans) == 6000 and text[spans[0][0]:spans[0][1]] == f"It takes {long_word} e.g. this one."


def test_initials_of_names_end_no_sentence_but_a_lone_capital_may(tmp_path):
    text = ("Cite Meurer A, Curry MJ, Terrel AR, Scopatz A. (2017) SymPy. Written by J. R. R. Tolkien. "
            "It uses plan B. Then it ends. Park in Zone A. Visitors pay.")
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Cite Meurer A, Curry MJ, Terrel AR, Scopatz A. (2017) SymPy.", "Written by J. R. R. Tolkien.",
        "It uses plan B.", "Then it ends.", "Park in Zone A.", "Visitors pay."]
    # a middle initial before a surname ending its line ("Seth M. Morton" under "Author"), not "Gate A. Boarding, …"
    text = "Seth M. Morton\nAda B. Lovelace (1815) and Alan M. Turing <a@b.org>. Meet at Gate A. Boarding, then."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Seth M. Morton\nAda B. Lovelace (1815) and Alan M. Turing <a@b.org>.", "Meet at Gate A.", "Boarding, then."]


def test_footnote_references_between_sentences_are_quoted_with_neither():
    text = "It runs in a new frame. [5] A class object is then created. [12]"
    assert [text[a:b] for a, b in split_sentences(text)] == ["It runs in a new frame.",
                                                            "A class object is then created."]


def test_footnote_text_is_one_paragraph_quoted_without_its_label():
    # reST footnotes hang: "[1] While …" then indented lines; the first line is not a term
    text = topics()["operator-summary"]
    units = split_units(text)
    while_unit = next(u for u in units if "is true mathematically" in u.text)
    assert while_unit.kind == "prose" and while_unit.text.startswith('While "abs(x%y) < abs(y)"')
    assert while_unit.text.endswith("due to roundoff.") and text[while_unit.start:while_unit.start + 5] == "While"
    assert not any(u.text.startswith("[") and u.text[1:2].isdigit() for u in units)
    assert while_unit.heading == "Footnotes"  # pydoc's "-[ Footnotes ]-" rubric heads them
    indented = [u for u in units if u.kind == "prose"]
    assert all(not text[u.start].isspace() for u in indented)  # a unit starts at its first character


def test_two_sentences_before_an_example_are_prose_and_the_example_code():
    # "… cleared at the end of the "except" clause.  This is as if" + an indented example whose
    # body is a bare name ("foo"): neither a definition term nor prose
    units = split_units(topics()["try"])
    cleared = next(u for u in units if u.text.startswith("When an exception has been assigned"))
    following = units[units.index(cleared) + 1:units.index(cleared) + 3]
    assert cleared.kind == "prose" and cleared.text.endswith('the "except" clause.')
    assert [u.kind for u in following] == ["prose", "code"] and following[1].text.split() == ["except", "E", "as", "N:", "foo"]


def test_a_sentence_going_on_after_an_example_introduces_the_next():
    units = split_units(topics()["yield"])
    going_on = next(u for u in units if u.text.startswith("are equivalent to the yield expression"))
    after = units[units.index(going_on) + 1]
    assert going_on.kind == "prose" and after.kind == "code" and "(yield from <expr>)" in after.text
    # a lowercase term after an example keeps its prose description ("unalias name")
    pdb = split_units(topics()["debugger"])
    unalias = next(u for u in pdb if u.text == "unalias name")
    assert unalias.kind == "term" and pdb[pdb.index(unalias) + 1].kind == "prose"


def test_a_block_of_signatures_is_one_term():
    units = split_units(topics()["customization"])
    rich = next(u for u in units if u.text.startswith("These are the so-called"))
    assert rich.kind == "prose" and rich.term.startswith("object.__lt__(self, other) object.__le__(self, other)")
    assert not any(u.kind == "prose" and u.text.startswith("object.__lt__(") for u in units)


def test_a_label_ending_in_a_colon_is_the_term_of_the_prose_indented_right_under_it():
    units = split_units(topics()["calls"])
    returned = next(u for u in units if u.text == "A new instance of that class is returned.")
    assert returned.kind == "prose" and returned.term == "a class object:"
    text = "Note:\n   Back up first.\n\nRun this:\n\n   make install\n\nSo:\n   x = f(y)\n"
    units = split_units(text)  # an admonition, an introduction to code: no labels
    assert all(u.kind != "term" for u in units) and units[1].text == "Back up first."


def test_signature_is_the_term_of_its_description():
    units = split_units(topics()["context-managers"])
    exit_text = next(u for u in units if u.text.startswith("Exit the runtime context"))
    assert exit_text.term.startswith("object.__exit__(") and exit_text.position == 0


# -- metrics (hand-computed values) --------------------------------------------------------
def test_normalisation_and_token_f1_by_hand():
    assert normalize_answer('The "pass" statement!') == "pass statement"
    assert normalize_answer("pow(2,n) and __call__") == "pow 2 n and __call__"
    # prediction "cat sat on mat" vs reference "the cat sat": common {cat, sat} -> P=2/4, R=2/2, F1=2/3
    assert token_f1("cat sat on mat", "the cat sat") == pytest.approx(2 / 3)
    assert token_f1("", "") == 1.0 and token_f1("x", "y") == 0.0
    assert contains_phrase("It uses port 7431.", "port 7431") and not contains_phrase("port 74310", "port 7431")
    # a phrase of symbols only normalises to nothing: it must occur verbatim
    assert contains_phrase('It is written as "Ellipsis" or "...".', '"..."')
    assert not contains_phrase('It is written as "Ellipsis".', '"..."') and not contains_phrase("a b", "  ")
    assert answer_correct("a b c", facts=[["b"], ["z", "c"]]) and not answer_correct("a b", facts=[["b"], ["c"]])
    assert answer_correct("the answer is 42 here", references=["answer is 42"])
    assert sentence_supported("Zebras are purple and green.", "Most zebras are striped. Yes.") is False
    assert sentence_supported("zebras are striped", "Zebras are striped.")  # every token present


def test_summary_by_hand():
    from neuraflux.core.qa_eval import summarize

    rows = [
        {"answerable": True, "correct": True, "f1": 1.0, "hit": True, "gold_cited": True, "abstained": False,
         "sentences": 2, "supported": 2, "latency_ms": 10.0},
        {"answerable": True, "correct": False, "f1": 0.5, "hit": False, "gold_cited": False, "abstained": False,
         "sentences": 1, "supported": 0, "latency_ms": 30.0},
        {"answerable": False, "correct": True, "f1": 1.0, "hit": None, "gold_cited": None, "abstained": True,
         "sentences": 0, "supported": 0, "latency_ms": 20.0},
    ]
    summary = summarize(rows, k=3)
    assert summary["correct"] == pytest.approx(2 / 3)
    assert summary["correct_with_gold_cited"] == pytest.approx(2 / 3)
    assert summary["f1"] == pytest.approx(0.75)  # answerable questions only
    assert summary["attribution"] == pytest.approx(2 / 3)
    assert summary["hit@3"] == pytest.approx(0.5)
    assert summary["abstain_rate"] == pytest.approx(1 / 3) and summary["abstain_on_answerable"] == 0.0
    assert summary["latency_ms_p50"] == 20.0 and summary["latency_ms_p95"] == pytest.approx(29.0)


@pytest.mark.parametrize("line,message", [
    ("not json", "not valid JSON"), ('{"answers": []}', "question"), ('{"question": "q", "answers": "x"}', "answers"),
    ('{"question": "q", "facts": [[]]}', "facts"), ('{"question": "q", "source": 3}', "source"),
])
def test_question_file_errors(tmp_path, line, message):
    from neuraflux.core.errors import DataError
    from neuraflux.core.qa_eval import read_questions

    path = tmp_path / "qa.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(DataError, match=message):
        read_questions(path)


# -- answering over the default knowledge base ---------------------------------------------
@pytest.fixture(scope="module")
def retriever(tmp_path_factory):
    from neuraflux.core.knowledge import KB_CHUNK_SIZE, KB_OVERLAP, knowledge_documents
    from neuraflux.core.retrieval.build import index_documents
    from neuraflux.core.retrieval.index import DocumentIndex
    from neuraflux.core.retrieval.retriever import Retriever

    path = tmp_path_factory.mktemp("kb") / "docs.sqlite"
    with DocumentIndex(path) as index:
        index_documents(index, knowledge_documents(), KB_CHUNK_SIZE, KB_OVERLAP, progress=False)
    return Retriever(path)


def _extractive_rag(retriever):
    from neuraflux.core.rag import NanoRAG

    def no_model():
        raise AssertionError("extractive answers must not load a model")

    return NanoRAG(retriever=retriever, load_model=no_model, mode="bm25")


@pytest.mark.parametrize("question,fact", [
    ("What does the pass statement do?", "null operation"),
    ("What does the with statement do?", "wrap the execution of a block"),
    ("What is a lambda expression?", "anonymous functions"),
    ("What is a slice object for?", "used to represent slices"),  # what it is used for, not what slicing is
])
def test_extractive_answers_plain_questions(retriever, question, fact):
    answer = _extractive_rag(retriever).answer(question)
    assert answer.mode == "extractive" and not answer.abstained
    assert fact in answer.text and answer.citations


def test_what_is_x_is_answered_by_the_sentence_saying_what_x_is(retriever):
    from neuraflux.core.evidence.question import defining_phrases
    from neuraflux.core.evidence.scoring import defines
    from neuraflux.core.sentences import Unit

    assert defining_phrases("What is a module?") == ["A module is", "Modules are"]
    assert defining_phrases("What is a dictionary?") == ["A dictionary is", "Dictionaries are"]
    assert defining_phrases("What are decorators?") == ["Decorators are"]
    assert not defining_phrases("What is the difference between them?") and not defining_phrases("What is x?")

    def unit(text, heading="", position=1):
        return Unit(0, len(text), "prose", text, heading, position=position)

    assert defines(unit("A string is a sequence of values that represent Unicode code points."), {"string"})
    assert not defines(unit("A code block is executed in an execution frame."), {"code", "block"})  # a passive
    assert not defines(unit("Classes are callable."), {"class"})  # a property, not what a class is
    assert defines(unit("These represent a mutable set.", '"set" type', 0), {"set"})  # first under its heading
    assert not defines(unit("These represent a mutable set.", '"set" type', 1), {"set"})
    weights = {"code": 2.2, "block": 3.0}  # the italic term, the weightier part of the subject, is defined
    assert defines(unit("A *block* is a piece of Python program text."), {"code", "block"}, weights)
    assert not defines(unit("A *block* is a piece of Python program text."), {"code", "block"})  # weights unknown
    assert not defines(unit("*block* is the block to run."), {"code", "block"}, weights)  # a parameter's description
    assert not defines(unit("A *code* is a piece of text."), {"code", "block"}, weights)  # the lighter part
    rag = _extractive_rag(retriever)
    # over the signature's "Tuples may be constructed in a number of ways:", which also opens with the word
    assert _quoted(rag, "What is a tuple?")[0].startswith("Tuples are immutable sequences")
    # the type hierarchy's "Modules are…", which no passage retrieved for "module" holds
    assert "Modules are a basic organizational unit of Python code" in rag.answer("What is a module?").text
    assert "machine-level double precision" in rag.answer("What is a float?").text  # under "numbers.Real" ("float")
    assert "A *block* is a piece of Python program text" in rag.answer("What is a code block?").text


def test_the_built_in_functions_are_read_from_their_docstrings_and_answer_when_named(retriever):
    from neuraflux.core.corpus import _signature_and_description, builtin_entry_admitted, builtin_functions
    from neuraflux.core.evidence.question import stop_word_names

    docs = {doc.doc_id: doc for doc in builtin_functions()}
    assert {"builtins:zip", "builtins:len", "builtins:open", "builtins:enumerate"} <= set(docs)
    assert not {"builtins:str", "builtins:dict", "builtins:help", "builtins:exit"} & set(docs)  # classes, site's
    zip_units = split_units(docs["builtins:zip"].text)  # its docstring's own signature (3.11) or inspect's (3.13)
    assert (zip_units[0].kind, zip_units[0].text) == ("term", "zip(*iterables, strict=False)")
    assert split_units(docs["builtins:abs"].text)[0].text == "abs(x, /)"  # a signature inspect reads
    # the sentence after a signature's arrow is kept, a return type is not; two signature lines make one term
    assert _signature_and_description("zip", zip, "zip(*a) --> Yield tuples.\n\nMore.") == \
        ("zip(*a)", "Yield tuples.\n\nMore.")
    assert _signature_and_description("max", max, "max(a) -> value\nmax(a, b) -> value\n\nReturn it.") == \
        ("max(a)\nmax(a, b)", "Return it.")
    assert _signature_and_description("anext", anext, "async anext(it[, default])\n\nReturn the next item.") == \
        ("async anext(it[, default])", "Return the next item.")  # a coroutine's docstring opens with "async"
    assert builtin_entry_admitted("What does zip do?", "builtins:zip")
    assert builtin_entry_admitted("How do I get the absolute value of a number?", "builtins:abs")  # a task
    assert not builtin_entry_admitted("What is the value of an empty return?", "builtins:sum")  # the reference's
    assert not builtin_entry_admitted("How do I make round() work with my own number class?", "builtins:round")
    assert not builtin_entry_admitted("What should __repr__ return?", "builtins:repr")
    rag = _extractive_rag(retriever)
    answer = rag.answer("What does zip do?")
    assert "The zip object yields n-length tuples" in answer.text
    assert answer.sources[answer.citations[0].source - 1].doc_id == "builtins:zip"
    assert "return its smallest item" in rag.answer("How do I find the smallest item in a list?").text
    # built-ins named by stop words, as a call, as "the … function", "the built-in …" or as code; not "the same function"
    for question, doc_id in (("What does any() do?", "builtins:any"), ("What does the all function return?", "builtins:all"),
                             ("What does the built-in any do?", "builtins:any"), ("What is `all` used for?", "builtins:all")):
        answer = rag.answer(question)
        assert answer.sources[answer.citations[0].source - 1].doc_id == doc_id, question
    assert stop_word_names("Is it the same function as the built-in any?", retriever.term_idf) == ["any()"]
    assert "If the iterable is empty, return False." in rag.answer("What does any return if the list is empty?").text


def test_a_sentence_naming_what_is_asked_last_is_quoted_with_the_one_saying_what_it_is(retriever, tmp_path):
    rag = _extractive_rag(retriever)
    # 'A special attribute of every module is "__dict__".' is quoted; so is the "This is…" after it
    assert "This is the dictionary containing the module’s symbol table." in rag.answer("What is a module's __dict__?").text
    # the best sentence ending on what is asked about, then the sentence going on about it
    rag = _rag_over(tmp_path, {
        "visitors.md": "# Visitors\n\nVisitors sign in at the front desk between 8 am and 6 pm. Visitors wait in the "
                       "lobby for their visitor host. Every visitor receives a badge. It must be worn at all times "
                       "inside the building.\n\nVisitor badges are printed at the front desk.\n\nLost visitor badges "
                       "are replaced at the front desk.\n\nVisitor badges are collected at the exit.\n",
        "parking.md": "# Parking\n\nParking is free for visitors after 5 pm.\n"})
    assert "It must be worn at all times inside the building." in rag.answer("Do visitors get a badge?").text


def test_what_does_x_do_is_answered_by_the_sentence_opening_with_x_and_its_verb(tmp_path):
    from neuraflux.core.evidence.question import doing_subject
    from neuraflux.core.evidence.scoring import says_what_it_does

    assert doing_subject("What does the pass statement do?") == {"pass", "statement"}
    assert doing_subject("What does a call expression do?") == {"call", "express"}
    assert doing_subject("What does the pass statement actually do?") == {"pass", "statement"}
    assert not doing_subject("What does a call return?") and not doing_subject("What is a call?")
    assert says_what_it_does('The "pass" statement is a null operation.', {"pass", "statement"})
    assert says_what_it_does("A call calls a callable object.", {"call", "express"})  # the kind of thing left out
    assert not says_what_it_does("All argument expressions are evaluated before the call.", {"call", "express"})
    assert not says_what_it_does("A class calls its metaclass.", {"call", "express"})  # another subject
    assert not says_what_it_does("The process exits.", {"process", "pool"})  # what is left out is no kind of thing
    assert says_what_it_does("`tldextract` accurately separates a URL's parts.", {"tldextract"})  # an adverb between
    assert not says_what_it_does("`tldextract` really is.", {"other"})
    rag = _rag_over(tmp_path, {
        "calls.md": "# Calls\n\nCalls use parentheses. All argument expressions are evaluated from left to right, one "
                    "after another, before the call is attempted by the interpreter. A call calls a callable object. Keyword "
                    "arguments in a call expression follow positional ones.\n",
        "audit.md": "# The audit statement\n\nThe audit statement is a declaration for the current block. It means "
                    "that the listed names are written to the audit log. An audit statement in a loop is "
                    "evaluated once per statement pass.\n",
        "loops.md": "# Loops\n\nA loop statement repeats its body.\n"})
    assert "A call calls a callable object." in _quoted(rag, "What does a call expression do?")
    # the definition and the sentence going on about it, not a further sentence scoring nearly as well
    assert _quoted(rag, "What does the audit statement do?")[:2] == [
        "The audit statement is a declaration for the current block.",
        "It means that the listed names are written to the audit log."]
    # ranked first for saying what it does, it raises no bar for the sentences quoted after it
    guard = _rag_over(tmp_path / "guard", {
        "guard.md": "# The guard statement\n\nThe guard statement sets up handlers for a block of statements. "
                    "A guard statement names one handler per error kind. When no error occurs in a guarded block, "
                    "no handler of the guard statement runs.\n",
        "loops.md": "# Loops\n\nA loop statement repeats its body.\n"})
    assert len(_quoted(guard, "What does the guard statement do?")) == 3


def test_a_definition_writes_its_subject_as_the_question_does_not_only_its_stem(tmp_path):
    from neuraflux.core.evidence.scoring import says_what_it_does, written_as_asked

    assert written_as_asked("Tuples", {"what", "is", "a", "tuple"})  # a plural
    assert written_as_asked("entry", {"what", "are", "entries"}) and written_as_asked("The classes", {"class"})
    assert not written_as_asked("*iterator*", {"what", "is", "an", "iterable"})  # one stem, two things
    assert not says_what_it_does("Mappings are mutable objects.", {"map"}, {"what", "does", "map", "do"})
    assert says_what_it_does("Maps are mutable objects.", {"map"}, {"what", "does", "map", "do"})
    rag = _rag_over(tmp_path, {
        "mappings.md": "# Mapping types\n\nA *mapping* object maps keys to values. Mappings are mutable objects. "
                       "A mapping holds its keys once.\n",
        "api.md": "# Functions\n\n## `map(func, items)`\n\nApply func to every item and yield the results. Map stops "
                  "at the end of items.\n\n## `filter(func, items)`\n\nYield the items for which func is true.\n",
        "iter.md": "# Iteration\n\nAn *iterable* is an object whose items can be visited one by one. An *iterator* is "
                   "created for each loop over an iterable. The iterator of a list is a list iterator.\n"})
    # the sentence under map's signature, not the definition of a "mapping"
    assert _quoted(rag, "What does map do?")[1] == "Apply func to every item and yield the results."
    # "An *iterator* is created…" defines nothing, and names another thing than the iterable asked about
    assert _quoted(rag, "What is an iterable?") == ["An *iterable* is an object whose items can be visited one by one."]
    assert _quoted(rag, "What are mappings?")[0] == "A *mapping* object maps keys to values."


def test_a_quoted_sentence_pointing_back_and_the_how_after_a_default_are_quoted_with_what_they_need(tmp_path):
    rag = _rag_over(tmp_path, {
        "plants.md": "# Plants\n\n## Monstera\n\nWater the monstera when the top 5 cm of soil are dry, about every "
                     "two weeks in winter.\n\n## Snake plant\n\nThe snake plant is almost impossible to kill. It needs "
                     "water only once a month in winter.\n",
        "tables.md": "# Text formatting\n\nBy default, the printer removes leading and trailing whitespace from text "
                     "cells. To turn that off, pass `raw=True`.\n\n## Ordering\n\nThe most common reason for a sorter "
                     "is to get the rows of a table in order. To do this, use:\n\n```python\n"
                     "print(render(rows, sorter=by_name))\n```\n",
        "other.md": "# Colours\n\nColours are taken from the terminal theme.\n"})
    # a further "It…" says which plant it is about
    assert _quoted(rag, "How often should I water my monstera in winter?")[1:] == [
        "The snake plant is almost impossible to kill.", "It needs water only once a month in winter."]
    # what happens by default, then how to change it
    assert _quoted(rag, "How do I keep leading and trailing whitespace in cells?") == [
        "By default, the printer removes leading and trailing whitespace from text cells.",
        "To turn that off, pass `raw=True`."]
    # what one wants, then how to do it and the code it introduces
    assert _quoted(rag, "How do I get the rows in order?")[1:] == [
        "To do this, use:", "```python\nprint(render(rows, sorter=by_name))\n```"]


def test_the_defining_use_of_what_is_x_set_in_italics_is_quoted_though_another_page_ranks_first(tmp_path):
    rag = _rag_over(tmp_path, {
        "classes.md": "# Class definitions\n\nClasses can be decorated too; class decorators run in the order of "
                      "function decorators.\n\nA class body is executed once.\n",
        "functions.md": "# Function definitions\n\nA function definition may be wrapped by one or more *decorator* "
                        "expressions. Decorator expressions are evaluated when the function is defined.\n\nThe "
                        "function body runs on each call.\n",
        "other.md": "# Modules\n\nA module is a file of Python code.\n"})
    assert "A function definition may be wrapped by one or more *decorator* expressions." in _quoted(
        rag, "What is a decorator?")


def test_sentences_two_documents_hold_are_cited_from_the_shorter_one(tmp_path):
    from neuraflux.core.extractive import cite_narrowest

    part = ("Finalizers\n==========\n\nThe drop hook is called when the instance is about to be destroyed. "
            "It is also called a finalizer.\n")
    whole = ("Hooks\n*****\n\nEvery hook of the runtime is listed here.\n\n" + part +
             "\nLoaders\n=======\n\nThe load hook is called when a module is about to be read.\n")
    rag = _rag_over(tmp_path, {"hooks.txt": whole, "finalizers.txt": part})
    answer = rag.answer("When is the drop hook called?")
    assert "about to be destroyed" in answer.text
    cited = {answer.sources[c.source - 1].doc_id for c in answer.citations}
    assert len(cited) == 1 and cited.pop().endswith("finalizers.txt")  # the page about it, whichever ranked first
    for c in answer.citations:  # the spans are the copy's, in the page cited
        assert rag.units(answer.sources[c.source - 1].doc_id)[0][c.start:c.end] == c.sentence

    class Hit:
        def __init__(self, doc_id):
            self.doc_id = doc_id

    units_of = rag.units
    docs = {d for d in rag.retriever.document_ids()}
    big, small = sorted(docs, key=lambda d: len(units_of(d)[0]), reverse=True)
    loader = next(u for u in units_of(big)[1] if u.text.startswith("The load hook"))
    drop = next(u for u in units_of(big)[1] if u.text.startswith("The drop hook"))
    # a quote the shorter page does not hold in full stays with the page holding it all
    assert cite_narrowest([(1, big, drop), (1, big, loader)], [Hit(big), Hit(small)], units_of) == [
        (1, big, drop), (1, big, loader)]
    assert cite_narrowest([(1, big, drop)], [Hit(big), Hit(small)], units_of)[0][:2] == (2, small)


def test_grounded_answers_cite_a_copied_sentence_from_the_shorter_document_too(tmp_path, tiny_models):
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.sampling import SamplingOptions

    part = ("Finalizers\n==========\n\nThe drop hook is called when the instance is about to be destroyed. "
            "It is also called a finalizer.\n")
    whole = ("Hooks\n*****\n\nEvery hook of the runtime is listed here.\n\n" + part +
             "\nLoaders\n=======\n\nThe load hook is called when a module is about to be read.\n")
    retriever = _rag_over(tmp_path, {"hooks.txt": whole, "finalizers.txt": part}).retriever
    rag = NanoRAG(tiny_models["lite"], retriever, top_k=3, mode="bm25", answer_mode="grounded")
    greedy = SamplingOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=12)
    answer = rag.answer("When is the drop hook called?", greedy)
    drop = [c for c in answer.citations if c.sentence.startswith("The drop hook")]
    assert drop, answer.text  # a random model starts where the extractive answer does
    for c in drop:
        cited = answer.sources[c.source - 1].doc_id
        assert cited.endswith("finalizers.txt") and f"[{c.source}]" in answer.text
        assert "The drop hook is called" in rag.units(cited)[0][c.start:c.end]


def test_the_difference_between_two_things_is_answered_by_what_each_is(retriever):
    from neuraflux.core.evidence.question import compared_subjects

    assert compared_subjects("What is the difference between a list and a tuple?") == [{"list"}, {"tupl"}]
    assert compared_subjects("What's the difference between sets and frozen sets?") == [{"set"}, {"freez", "set"}]  # "frozen" is "freeze"
    assert not compared_subjects("What is the difference?") and not compared_subjects("What is a list?")
    assert compared_subjects("How does a bytearray differ from bytes?") == [{"bytearray"}, {"byte"}]
    assert not compared_subjects("How is the result different?")
    for question in ("What is the difference between a list and a tuple?", "How is a tuple different from a list?"):
        answer = _extractive_rag(retriever).answer(question)
        assert "Lists are mutable sequences" in answer.text and "Tuples are immutable sequences" in answer.text
        assert "The slice of *s* from *i*" not in answer.text  # "from" only frames the question


def test_how_do_i_make_x_is_answered_by_the_ways_x_can_be_made(retriever):
    from neuraflux.core.evidence.scoring import _does_what_asked

    assert _does_what_asked("creat", "Dictionaries can be created by several means:")
    assert _does_what_asked("creat", "Tuples may be constructed in a number of ways:")  # a synonym of the verb
    assert not _does_what_asked("creat", "Dictionaries can be compared in several ways:")
    answer = _extractive_rag(retriever).answer("How do I create a dictionary?")
    assert "Dictionaries can be created by several means:" in answer.text and "within braces" in answer.text


def test_an_f_string_the_walrus_and_the_order_of_operations_are_read_as_the_reference_names_them(retriever):
    from neuraflux.core.question_text import plain_question

    assert plain_question("What is an f-string?") == "What is a formatted string literal?"
    assert plain_question("Can I nest f-strings?") == "Can I nest formatted string literals?"
    answer = _extractive_rag(retriever).answer("What is an f-string?")
    assert "is a *formatted string literal*" in answer.text
    # the order of operations is operator precedence, the walrus operator ":="
    assert plain_question("What is the order of operations in Python?") == "What is the operator precedence in Python?"
    assert "summarizes the operator precedence" in _extractive_rag(retriever).answer(
        "What is the order of operations in Python?").text
    assert '":=" — Assignment expression' in _extractive_rag(retriever).answer("What does the walrus operator do?").text
    # "def"/"class" statements are what the reference calls function and class definitions
    assert plain_question("What does a def statement do?") == "What does a function definition do?"
    assert plain_question("Is the `class` keyword executed?") == "Is the class definition executed?"
    assert "A function definition defines a user-defined function object" in _extractive_rag(retriever).answer(
        "What does a def statement do?").text


def test_an_operator_written_in_code_is_read_by_the_name_the_reference_gives_it(retriever):
    from neuraflux.core.evidence.question import named_symbols, question_weights
    from neuraflux.core.retrieval.lemmas import SYNONYMS

    assert {"shift", "left"} <= SYNONYMS["<<"] and "xor" in SYNONYMS["^"]  # kept apart from "a b > c" groups
    assert "~" in question_weights("What does ~x do to an integer?", retriever.term_idf)  # "~x": the operator
    rag = _extractive_rag(retriever)
    assert "A left shift by *n* bits" in rag.answer("What does x << 2 do?").text  # not the precedence table's "Shifts"
    assert "bitwise inversion" in rag.answer("What does ~x do to an integer?").text
    assert "It selects exactly one of the suites" in rag.answer("How does Python choose which elif branch runs?").text
    # a conversion or format code written bare is looked for as documents quote it ('"\'!r\'" which calls')
    assert named_symbols("What does !r do in an f-string?") == ["!r"] and named_symbols("I got 50% off!") == []
    assert "which calls \"repr()\"" in rag.answer("What does !r do in an f-string?").text


def test_every_short_form_reads_as_its_word():
    from neuraflux.core.retrieval.analyzer import analyze
    from neuraflux.core.retrieval.lemmas import base_term

    pairs = {"int": "integer", "dict": "dictionary", "config": "configuration", "admin": "administrator",
             "del": "delete", "auth": "authentication", "tmp": "temporary", "max": "maximum", "src": "source",
             "lib": "library", "sep": "separator", "km": "kilometre", "def": "define"}
    for short, word in pairs.items():
        assert base_term(analyze(short)[0]) == analyze(word)[0], short


def test_a_separator_is_the_sep_the_reference_names(retriever):
    answer = _extractive_rag(retriever).answer("How do I split a string at a separator?")
    assert "using *sep* as the delimiter string" in answer.text  # str.split, not rpartition's "Split the string at…"


def test_del_is_read_as_delete_and_a_variable_as_a_name(retriever):
    answer = _extractive_rag(retriever).answer("What does del do to a variable?")
    assert "removes the binding of that name" in answer.text  # not object.__del__, whose name "del" is too
    assert "deletion of a slicing" in _extractive_rag(retriever).answer("How do I delete a slice from a list?").text


def test_a_named_methods_description_goes_on_before_other_methods_are_quoted(retriever):
    from neuraflux.core.evidence.question import question_scaffold

    assert "get" in question_scaffold("How do I get the keys?") and "get" not in question_scaffold(
        "What does dict.get return?")  # a word of the code the question writes is its topic
    answer = _extractive_rag(retriever).answer("What does dict.get return if the key isn't there?")
    quoted = [c.sentence for c in answer.citations]
    get = next(i for i, sentence in enumerate(quoted) if sentence.startswith("get(key"))  # 3.13: "get(key, default=None)"
    assert quoted[get + 1:get + 3] == ["Return the value for *key* if *key* is in the dictionary, else *default*.",
                                       'If *default* is not given, it defaults to "None", so that this method never '
                                       'raises a "KeyError".']
    assert "keys()" not in quoted  # the next method's description waits for get()'s to end


def test_an_operator_applied_to_numbers_finds_where_its_page_quotes_it(retriever):
    from neuraflux.core.evidence.question import question_scaffold, quoted_operators

    assert {"7", "2"} <= question_scaffold("What is the result of 7 // 2?")  # any operands would do
    assert quoted_operators("What is 7 // 2?") == ['"//"', "`//`"] and not quoted_operators("Is x - y the same?")
    answer = _extractive_rag(retriever).answer("What is the result of 7 // 2?")
    assert '"//" (floor division)' in answer.text and answer.sources[0].doc_id == "pydoc:binary"


WORDS = ("statement function class exception loop value name module string list dictionary return yield "
         "import operator integer float attribute method iterator generator context scope with pass "
         "what does how is the a of").split()


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=7))
@example(words=["statement", "module", "dictionary", "return", "yield", "pass"])  # quotes two signatures as labels
@example(words=["list", "yield", "with", "with", "with"])  # a sentence opening "It…" and those before it: still three
@example(words=["statement", "module", "dictionary", "dictionary", "import"])  # '… every module is "__dict__".' and
# "This is the dictionary containing…": the sentence saying what one names last is quoted beyond the three
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_extractive_sentences_are_verbatim_spans_of_cited_sources(retriever, words):
    rag = _extractive_rag(retriever)
    answer = rag.answer(" ".join(words) + "?")
    if answer.abstained:
        assert answer.text.startswith("The documents do not seem to answer this") and not answer.citations
        return
    # each quoted sentence with its mark, in order, apart by a space or, before a list item, a line break
    assert re.fullmatch(r"\s".join(re.escape(f"{c.sentence} [{c.source}]") for c in answer.citations), answer.text)
    kinds = []
    for citation in answer.citations:
        source = answer.sources[citation.source - 1]
        text = retriever.document_text(source.doc_id)
        unit = next(u for u in split_units(text) if (u.start, u.end) == (citation.start, citation.end))
        assert unit.text == citation.sentence  # the display form of exactly that span
        assert source.start <= citation.start and citation.end <= source.end  # inside the cited passage
        assert sentence_supported(citation.sentence, source.text)
        kinds.append(unit.kind)
    # one to three sentences or table rows; the signatures they describe ("len(dictview)") are labels, and
    # a "This is…" after a sentence naming what the question asks about last says what that is
    said = [c.sentence for c in answer.citations]
    naming = sum(1 for before, after in zip(said, said[1:])
                 if re.search(r"\b(?:is|are|called|named)\s+(?:the\s+|an?\s+)?\S+\.$", before)
                 and re.match(r"(?:This|That|These|It)\b", after))
    assert 1 <= sum(kind in ("prose", "table") for kind in kinds) - naming <= 3
    assert set(kinds) <= {"prose", "table", "term", "heading", "code"}


def test_unanswerable_question_abstains(retriever):
    answer = _extractive_rag(retriever).answer("What is the capital of France?")
    assert answer.abstained and not answer.citations
    assert answer.text.startswith("The documents do not seem to answer this; closest sources: [1]")


# -- grounded mode with a tiny random model ------------------------------------------------
@pytest.fixture(scope="module")
def tiny_models():
    from neuraflux.core.backends import get_backend
    from neuraflux.core.config import preset
    from neuraflux.core.defaults import default_model_path
    from neuraflux.core.tokenizers import load_tokenizer

    tokenizer = load_tokenizer(os.path.join(default_model_path(), "tokenizer.json"))
    config = preset("tiny", vocab_size=tokenizer.vocab_size, max_seq_len=512)
    weights = get_backend("lite").init_weights(config, seed=3)
    models = {}
    for name in BACKENDS:
        backend = get_backend(name)
        from neuraflux.core.checkpoint import Checkpoint

        models[name] = backend.model_from_checkpoint(Checkpoint("tiny", config, weights, tokenizer))
    return models


@given(st.sampled_from(["What does the pass statement do?", "What does nonlocal do?", "How do I sort a list?",
                        "What is a lambda expression?"]), st.integers(0, 10_000))
@settings(max_examples=int(os.environ.get("NEURAFLUX_EXAMPLES", "8")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_grounded_answers_only_copy_spans_of_cited_passages(retriever, tiny_models, question, seed):
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.sampling import SamplingOptions

    rag = NanoRAG(tiny_models["lite"], retriever, mode="bm25", answer_mode="grounded")
    answer = rag.answer(question, SamplingOptions(temperature=1.0, top_k=0, top_p=1.0, seed=seed,
                                                  max_new_tokens=16))
    assert answer.mode == "grounded"
    if answer.abstained:
        return
    assert answer.citations
    for citation in answer.citations:
        source = answer.sources[citation.source - 1]
        quoted = " ".join(retriever.document_text(source.doc_id)[citation.start:citation.end].split())
        piece = " ".join(citation.sentence.split())
        assert piece and (piece in quoted or piece in split_display(retriever, source, citation)), (piece, quoted)
        assert f"{citation.sentence} [{citation.source}]".split()[-1] in answer.text
    stretches = [(c.source, c.sentence) for c in answer.citations]
    assert len(stretches) == len(set(stretches)), answer.text  # no stretch is quoted twice


def test_span_constraint_starts_at_clauses_and_never_twice():
    from neuraflux.core.grounded import SpanConstraint
    from neuraflux.core.tokenizers import load_tokenizer
    from neuraflux.core.defaults import default_model_path

    tokenizer = load_tokenizer(os.path.join(default_model_path(), "tokenizer.json"))
    span = tokenizer.encode(" When the name is bound, the value is used.")
    constraint = SpanConstraint([span], tokenizer, tokenizer.eos_id)
    starts = {p for positions in constraint.starts.values() for _, p in positions}
    clause = next(p for p in range(1, len(span)) if tokenizer.decode(span[:p]).endswith(","))
    assert starts == {0, clause}  # the sentence's start and the word after the comma
    for token in span:
        assert token in constraint.allowed()
        constraint.advance(token)
    assert constraint.allowed() == {tokenizer.eos_id}  # both starts were copied: only the end is left


def test_span_constraint_keeps_what_a_stretch_only_seemed_to_copy():
    """Copying '"s.remove(x)" …' passes '"' and 'remove' where another sentence has them too
    ('3. "remove()" raises…'); once the text goes elsewhere, that sentence is still whole to quote,
    and its note number "3." is no clause end to stop at."""
    from neuraflux.core.defaults import default_model_path
    from neuraflux.core.grounded import SpanConstraint
    from neuraflux.core.tokenizers import load_tokenizer

    tokenizer = load_tokenizer(os.path.join(default_model_path(), "tokenizer.json"))
    row = tokenizer.encode(' "s.remove(x)" — remove the first item from *s* — (3)')
    note = tokenizer.encode(' 3. "remove()" raises "ValueError" when *x* is not found in *s*.')
    constraint = SpanConstraint([row, note], tokenizer, tokenizer.eos_id)
    for token in row:
        constraint.advance(token)
    for i, token in enumerate(note):
        assert token in constraint.allowed(), tokenizer.decode(note[:i + 1])
        if 0 < i < note.index(tokenizer.encode(' "')[0]):
            assert tokenizer.eos_id not in constraint.allowed()  # " 3." copied: not a clause yet
        constraint.advance(token)
    assert constraint.allowed() == {tokenizer.eos_id}


def test_grounded_answers_start_where_the_extractive_answer_does_and_abstain_with_it(retriever, tiny_models):
    """A random model cannot choose well: the best evidence sentence comes first and is where
    the answer starts; a question nothing covers gets the same plain abstention."""
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.sampling import SamplingOptions

    greedy = SamplingOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=12)
    grounded = NanoRAG(tiny_models["lite"], retriever, mode="bm25", answer_mode="grounded")
    extractive = _extractive_rag(retriever)
    for question in ("What does the pass statement do?", "What is a lambda expression?"):
        first_quote = extractive.answer(question).citations[0].sentence
        answer = grounded.answer(question, greedy)
        assert not answer.abstained and first_quote.startswith(answer.citations[0].sentence.split(" [")[0][:20])
    answer = grounded.answer("What is the capital of France?", greedy)
    assert answer.abstained and answer.text.startswith("The documents do not seem to answer this")


def test_streamed_answers_start_with_a_visible_character(retriever, tiny_models):
    """A model's first word piece carries its space (" The"): what the chat prints starts at
    the word, as the answer's text does, in every mode."""
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.sampling import SamplingOptions

    greedy = SamplingOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=8)
    for mode in ("grounded", "generative", "extractive"):
        rag = NanoRAG(tiny_models["lite"], retriever, mode="bm25", answer_mode=mode)
        pieces = list(rag.stream("What does the pass statement do?", greedy))
        streamed = "".join(pieces)
        assert streamed and not streamed[0].isspace(), (mode, streamed[:20])
        assert streamed.strip() == rag.last.text


def test_grounded_answers_go_on_copying_the_sentence_they_started(retriever, tiny_models):
    """Hopping to another clause after a few words made answers read like a collage; a random
    model keeps copying the sentence it began with (the continuation is favoured)."""
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.sampling import SamplingOptions

    greedy = SamplingOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=16)
    grounded = NanoRAG(tiny_models["lite"], retriever, mode="bm25", answer_mode="grounded")
    for question in ("What does the pass statement do?", "What is a lambda expression?"):
        first_quote = _extractive_rag(retriever).answer(question).citations[0].sentence
        answer = grounded.answer(question, greedy)
        assert len(answer.citations) == 1 and first_quote.startswith(answer.citations[0].sentence), answer.text


def test_grounded_answers_go_on_to_the_next_evidence_sentence_after_a_whole_one(retriever, tiny_models):
    """The fact asked for is often in the second evidence sentence: once the first is copied
    whole, the next one is favoured over stopping (a random model follows the priors)."""
    from neuraflux.core.evidence import distinct
    from neuraflux.core.extractive import best_evidence
    from neuraflux.core.grounded import evidence_count
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.sampling import SamplingOptions

    greedy = SamplingOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=160)
    grounded = NanoRAG(tiny_models["lite"], retriever, mode="bm25", answer_mode="grounded")
    question = "What does the pass statement do?"
    evidence = grounded.evidence(question, grounded.retrieve(question))
    best = best_evidence(evidence, grounded.extractive)
    usable = distinct([best] + [e for e in evidence if e is not best])[:evidence_count(grounded.model)]
    answer = grounded.answer(question, greedy)
    quoted = [" ".join(c.sentence.split()) for c in answer.citations]
    assert len(usable) >= 2 and len(quoted) >= 2, answer.text
    assert quoted[0] == " ".join(usable[0].unit.text.split())  # the first evidence sentence, whole
    assert " ".join(usable[1].unit.text.split()).startswith(quoted[1])  # then the second one


def test_grounded_answers_follow_the_best_of_two_sentences_that_begin_alike(retriever, tiny_models):
    """Table rows begin alike ('"'o'" — Octal format…', '"'d'" — Decimal…'): the first stretch
    keeps to the best evidence sentence past the shared beginning, even when the model leans a
    little to the other one where they part."""
    from neuraflux.core.evidence import distinct
    from neuraflux.core.extractive import best_evidence
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.sampling import SamplingOptions

    greedy = SamplingOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=24)
    rag = NanoRAG(tiny_models["lite"], retriever, mode="bm25", answer_mode="grounded")
    question = "How do I format a number in octal?"
    evidence = rag.evidence(question, rag.retrieve(question))
    best = best_evidence(evidence, rag.extractive)
    best_span, other_span = (rag.tokenizer.encode(" " + e.unit.text)
                             for e in distinct([best] + [e for e in evidence if e is not best])[:2])
    assert "Octal" in best.unit.text
    parting = next(i for i, (a, b) in enumerate(zip(best_span, other_span)) if a != b)
    assert parting > 0  # they do begin alike
    answer = NanoRAG(_Leaning(rag.model, other_span[parting]), retriever, mode="bm25").answer(
        question, greedy, mode="grounded")
    assert "Octal" in answer.citations[0].sentence, answer.text


def split_display(retriever, source, citation):
    text = retriever.document_text(source.doc_id)
    return next(u.text for u in split_units(text) if (u.start, u.end) == (citation.start, citation.end))


def test_backends_give_the_same_grounded_and_extractive_answers(retriever, tiny_models):
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.sampling import SamplingOptions

    greedy = SamplingOptions(temperature=0, max_new_tokens=12, repetition_penalty=1.0)
    results = {}
    for name, model in tiny_models.items():
        rag = NanoRAG(model, retriever, mode="bm25", answer_mode="grounded")
        grounded = rag.answer("What does the with statement do?", greedy).text
        extractive = rag.answer("What does the with statement do?", mode="extractive").text
        results[name] = (grounded, extractive)
    assert len(set(results.values())) == 1, results


class _OneTokenSteps:
    """A model seen without `extend`: grounded decoding then takes one token per forward pass."""

    def __init__(self, model):
        self.model = model

    def __getattr__(self, name):
        if name == "extend":
            raise AttributeError(name)
        return getattr(self.model, name)


class _Leaning(_OneTokenSteps):
    """A model that adds 3 to one token's logit."""

    def __init__(self, model, token):
        super().__init__(model)
        self.token = token

    def _lean(self, logits):
        values = list(logits.tolist() if hasattr(logits, "tolist") else logits)
        values[self.token] += 3.0
        return values

    def prefill(self, ids, cache):
        return self._lean(self.model.prefill(ids, cache))

    def decode_step(self, token, cache):
        return self._lean(self.model.decode_step(token, cache))


@requires_torch
def test_speculative_grounded_decoding_equals_one_token_steps(retriever, tiny_models):
    """Checking the copied span's next tokens in one pass (torch `extend`) accepts exactly what
    one-token steps pick, and the answers are the same."""
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.sampling import SamplingOptions

    greedy = SamplingOptions(temperature=0, max_new_tokens=24, repetition_penalty=1.0)
    model, calls = tiny_models["torch"], []
    original = model.extend

    def counting(ids, cache):
        calls.append(len(ids))
        return original(ids, cache)

    model.extend = counting
    try:
        for question in ("What does the with statement do?", "What is a lambda expression?", "What does pass do?"):
            fast = NanoRAG(model, retriever, mode="bm25").answer(question, greedy, mode="grounded").text
            slow = NanoRAG(_OneTokenSteps(model), retriever, mode="bm25").answer(question, greedy, mode="grounded").text
            assert fast == slow
    finally:
        del model.extend
    assert calls and max(calls) > 1


# -- CLI -----------------------------------------------------------------------------------
def test_eval_qa_cli_on_own_documents(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "server.md").write_text("# Server\n\nThe Fluxo server listens on port 7431 by default. "
                                    "It logs to /var/log/fluxo.log.\n")
    (docs / "release.md").write_text("# Releases\n\nFluxo 2.0 was released on 14 March 2024. It added sync.\n")
    qa = tmp_path / "qa.jsonl"
    qa.write_text("\n".join(json.dumps(x) for x in [
        {"question": "Which port does the Fluxo server listen on?", "answers": ["port 7431"],
         "facts": [["7431"]], "source": str(docs / "server.md")},
        {"question": "When was Fluxo 2.0 released?", "answers": ["14 March 2024"], "source": str(docs / "release.md")},
        {"question": "What is the capital of France?", "answers": []},
    ]) + "\n")
    out = run_cli("eval", "qa", "--qa", qa, "--docs", docs, "--json",
                  env={"NEURAFLUX_CACHE": str(tmp_path / "cache")})
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)["summary"]
    assert summary["questions"] == 3 and summary["correct"] == 1.0 and summary["attribution"] == 1.0
    assert summary["abstain_rate"] == pytest.approx(1 / 3)


def test_long_conversation_drops_old_turns_and_says_so_once(retriever, tiny_models):
    import io

    from neuraflux.chat import ChatSession
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.sampling import SamplingOptions

    rag = NanoRAG(tiny_models["lite"], retriever, mode="bm25", answer_mode="generative")
    out, err = io.StringIO(), io.StringIO()
    options = SamplingOptions(temperature=0, max_new_tokens=8, repetition_penalty=1.0)
    session = ChatSession(rag, options, "lite", out=out, err=err)
    question = "Explain " + "the with statement and context managers " * 12 + "?"
    drops = 0
    for _ in range(4):
        _, _, notices = rag.build_prompt(question, rag.retrieve(question), session.turns, 8)
        drops += any("oldest chat turn" in n for n in notices)
        session.answer(question)
    assert drops >= 2 and err.getvalue().count("oldest chat turn") == 1  # dropped every time, said once
    assert len(session.turns) == 4 and out.getvalue().count("Sources:") == 4


@pytest.mark.parametrize("question, kind", [
    ("When did Fluxo 1.0 come out?", "date"), ("What year was it released?", "date"),
    ("How long are snapshots kept?", "duration"), ("How often is the cache flushed?", "duration"),
    ("How much memory does it need?", "number"), ("Which port does the server use?", "number"),
    ("What does the Team plan cost?", "money"), ("Who is the project lead?", "person"),
    ("Where is the configuration file?", "place"), ("Which address do alerts come from?", "place"),
    ("On which day are invoices sent?", "date"), ("Which days is the evening course on?", "date"),
    ("What encryption does it use?", "name"), ("Which browsers does the extension support?", "name"),
    ("What is the phone number?", "phone"), ("Can I keep my phone number?", ""),
    ("What kind of lock do I need?", ""), ("How quickly is an order confirmed?", "duration"),
    ("How far ahead can I book?", "duration"), ("How far is the depot?", "number"),
    ("Where is the cooperative based?", "location"), ("Where is the config file located?", "place"),
    ("What error is raised when a key is missing?", "error"), ("Which exception does int() raise?", "error"),
    ("What is raised when an import fails?", "error"), ("What triggers an alert?", "condition"),
    ("What happens if a key appears twice in a dict display?", "outcome"),
    ("Why are leading zeros not allowed?", "reason"), ("What is the reason for the lock file?", "reason"),
    ("How does split work without a separator?", "default"), ("What does strip remove by default?", "default"),
    ("What does sort do with no key?", "default"), ("By when must I say I am leaving?", "date"), ("How do I count how many times x is in a list?", ""), ("How long does a password need to be?", "number"),
    ("How long can an identifier be?", "number"), ("How early must I book leave?", "duration"), ("How is nonlocal different from global?", "contrast"),
    ("What is the difference between == and is?", "contrast"),
    ("What is the largest page size of the entries endpoint?", "number"),
    ("Which status code does creating an entry return?", "number"), ("What exit code means success?", "number"),
    ("What is the location of the config file?", "place"), ("What time does the lecture start?", "time"),
    ("At what time do the doors open?", "time"), ("How much is the final exam worth?", "amount"),
    ("How much does it cost to join?", "money"), ("Is there a cheaper rate for students?", "money"),
    ("What's the cheapest plan?", "money"),
    ("When do I need lights on my bike?", "date"), ("Which evening is the museum open late?", "date"),
    ("What are the helpdesk's hours?", "time"),
    ("What is the VPN app called?", "name"), ("What is the name of the shell utility?", "name"),
    ("How much notice do I need to give to cancel?", "duration"),
    ("When does a loop need an else?", ""),
    ("What is the fine for returning a tool late?", "money"),
    ("What does trading cost?", "money"), ("How much is the rent?", "amount"),
    ("How much memory does it use?", "number"), ("How much is a check-up?", "amount"),
    ("How much does it weigh?", "number"), ("What are the opening hours of the centre in winter?", "time"),
    ("Where are the professor's office hours?", "place"),
    ("Where is the final exam held?", "location"), ("Where does the meetup take place?", "location"),
    ("What temperature should the milk reach?", "number"), ("How hot does the iron get?", "number"),
    ("What is the office phone number?", "phone"), ("How do I change my phone number?", ""),
    ("When is the canteen open?", "time"), ("When does registration close?", ""),
    ("When are the berth fees due?", "date"), ("Where does the club train?", "location"),
    ("How fast is logtide?", "rate"), ("What is the download speed?", "rate"),
    ("Do I have to pay for key holding?", "money"), ("Do carers have to pay?", "money"),
    ("Does a new SIM cost anything?", "money"), ("Is there a charge for parking?", "money"),
    ("Do I pay by card?", ""),  # how, not how much
    ("Which PostgreSQL versions are supported?", "number"), ("Which ports must be open?", "number"),  # plurals
    ("How long is the pool?", "extent"), ("How long is the lease?", "extent"),  # a length or a duration
    ("How long are snapshots kept?", "duration"),
    ("How fast does the professor reply to emails?", "number"),  # how soon: not a rate
    ("What are the dates of the conference?", "date"), ("What's the deadline for giving up my plot?", "date"),
    ("What is the VPN server address?", "place"), ("Which countries can't I work from?", "location"),
    ("When is the AGM?", "date"), ("When is the talk on async?", "date"), ("When is there hot water?", "date"),
    ("When is the sandbox reset?", ""), ("When is a name local?", ""), ("When are the plots inspected?", ""),
    ("What is the penalty for handing in a problem set late?", "amount"),  # "lose 10% per day"
    ("Which file formats can I save to?", "name"), ("Which file do I edit?", "place"),
    ("Which cipher is used for encryption?", "name"), ("What is used to open files?", ""),
    ("What is the top assisted speed?", "rate"),  # "… up to 25 km/h"
    # "Who do I call…?": a person, or a number or address to reach; "How old…": an age
    ("Who do I contact to book the hall?", "contact"), ("Who do I call at night in an emergency?", "contact"),
    ("Who should I talk to about the cost?", "contact"), ("Who wrote the report?", "person"),
    ("How old do I have to be to ride?", "age"), ("At what age should my cat be neutered?", "age"),
    ("Is there an age limit?", "age"), ("How old is the castle?", "number"),
    ("What is the router's IP address?", "place"),
    # questions about behaviour ask for an explanation, not a value
    ("When is __iter__ called?", ""), ("What does the pass statement do?", ""),
    ("Which values count as false?", ""), ("What is a frozenset?", ""),
])
def test_question_types(question, kind):
    from neuraflux.core.answer_types import question_type

    assert question_type(question) == kind


@pytest.mark.parametrize("kind, text, holds", [
    ("date", "Fluxo 1.0 was released on 3 May 2021.", True), ("date", "It runs on Sunday night.", True),
    ("date", "It was released with the sync engine.", False),
    ("date", "Rent is payable on the 1st day of each month.", True),
    ("date", "Salaries are paid on the last working day of each month.", True),
    ("date", "The deposit is returned within 10 days of the end of the tenancy.", True),
    ("date", "It takes 10 days.", False),
    ("time", "Lectures are on Tuesdays from 10:30 to 11:45.", True), ("time", "Doors open at 7 pm.", True),
    ("time", "The midterm is on Thursday 11 March 2027.", False),
    ("time", "Adult swim — £5.20", False), ("time", "It needs Python 3.11.2 or later.", False),
    ("time", "Doors open at 7.15 in the evening.", True),
    ("amount", "Final exam — 30%", True), ("amount", "Membership costs €35 a year.", True),
    ("amount", "Late returns cost 50p per tool per day.", True), ("amount", "It lasts 50 days.", False),
    ("amount", "The final exam is on Monday 10 May 2027 from 09:00 to 12:00.", False),
    ("amount", "The game ends when a player reaches 20 points.", True),
    ("money", "The game ends when a player reaches 20 points.", False), ("money", "Membership costs €35 a year.", True),
    ("money", "Trade: pay 2 gold coins to the bank.", True), ("money", "We deliver free of charge.", True),
    ("money", "Anyone can get a library card for free.", True),
    ("money", "Below that it costs 7.90 CHF.", True), ("money", "Parking is NOK 220 a day.", True),
    ("duration", "It keeps snapshots for 30 days.", True), ("duration", "Backups run hourly.", True),
    ("duration", "It keeps 30 snapshots.", False), ("duration", "Refunds take ten working days.", True),
    ("duration", "It reads the whole file twice.", False),
    ("duration", "Each starter has a buddy for the first month.", True),
    ("duration", "`retention` — `30d` — how long backups are kept", True),
    ("duration", "`trash_days` — `21` — days a deleted note stays in the trash", True),
    ("duration", "`compression_level` — `3` — from 1 (fastest) to 19 (smallest)", False),
    ("duration", "Requests are made within one week of the grades being released.", True),
    ("duration", "One of the days is a holiday.", False),
    ("duration", "There are toilets at every second refreshment station.", False),  # "second": an ordinal
    ("duration", "Water is given out every second day.", True),
    ("outcome", "**What if the race is cancelled?** If the race has to be cancelled, fees are kept.", True),
    ("number", "It needs 512 MB of memory.", True), ("number", "It has two modes.", True),
    ("number", "One of the modes is fast.", False), ("number", "The wait is about eighteen months.", True),
    ("person", "The project lead is Marta Okafor, who started it.", True),
    ("person", "Marta wrote it.", False), ("person", "* **PEP 636** – Structural Pattern Matching: Tutorial", False),
    ("person", "Dr. Amara Okafor.", True), ("person", "See Dr Who.", True), ("person", "Ask the doctor.", False),
    ("person", "Seth M. Morton", True), ("person", "Plan B. Then go.", False),  # a name with a middle initial, alone
    ("place", "Logs go to /var/log/fluxo/server.log every night.", True),
    ("place", "Write to security@fluxo.example today.", True),
    ("place", 'Annotations are stored in the "__annotations__" attribute.', True),
    ("place", "The server writes logs.", False),
    ("place", "Office hours are on Wednesdays in room C-310.", True), ("place", "They meet in the lab.", True),
    ("place", "It is in the standard library.", False),
    ("place", 'It is attached to the raised exception as the "__cause__" attribute.', True),
    ("location", "It is run by a cooperative in Leeds.", True), ("location", "New in Python 3.8.", False),
    ("location", "As in Python (the language).", False),
    ("location", "Lectures are on Tuesdays in room B-104 of the Science Building.", True),
    ("place", "Harbour Road 3, 5003 Bergen", True), ("location", "We are at 12 Quay Street.", True),
    ("place", "The Main Street is busy.", False),
    ("error", 'Raises a "KeyError" if key is missing.', True), ("error", "It raises StopIteration.", True),
    ("error", "It raises an error.", False),
    ("condition", "It sends an alert when the water rises.", True), ("condition", "Alerts go out by e-mail.", False),
    ("outcome", 'If "__missing__()" is not defined, "KeyError" is raised.', True),
    ("outcome", "The final value for that key wins, if the key appears twice.", True),
    ("outcome", "A key that appears twice is rare.", False),
    ("outcome", '"if" – "else" — Conditional expression', False),  # a quoted keyword is code, no condition
    ("outcome", "Exceptions are not suppressed - if any comparison fails, the entire sort fails.", True),
    ("outcome", "A well-known sort - stable and fast.", False),
    ("reason", "This is for disambiguation with C-style octal literals.", True),
    ("reason", "The lock file exists so that two syncs never run at once.", True),
    ("reason", "The lock file is in the data folder.", False),
    ("reason", "It is useful as a placeholder when a statement is required.", True),  # what it is for
    ("duration", "Give one full calendar month's notice.", True),
    ("name", "The client is called Pathway.", True), ("name", "It is called when the loop ends.", False),
    ("name", "It comes with a script called ``watchmedo``.", True), ("name", "It is called often.", False),
    ("date", "Lights are required from October to March.", True), ("date", "Labs run on Fridays.", True),
    ("date", "You may ride in may.", False),
    ("reason", "The useful settings are listed below.", False),
    ("reason", "To remind users that it operates by side effect, it does not return the sorted sequence.", True),
    ("reason", "To the left of the door, the lock file is kept.", False),
    ("reason", "To make a request safe to repeat, send an `Idempotency-Key` header.", False),  # an instruction
    ("default", 'If *sep* is not specified or is "None", runs of whitespace separate words.', True),
    ("default", "If omitted, the chars argument defaults to removing whitespace.", True),
    ("default", "Return a list of the words in the string.", False),
    ("contrast", 'Names in a "nonlocal" statement, unlike those in a "global" statement, must exist.', True),
    ("contrast", 'The "nonlocal" statement rebinds names of an enclosing scope.', False),
    ("rate", "It writes about 180,000 lines a second to a file.", True), ("rate", "Top speed: 25 km/h.", True),
    ("rate", "The line runs at 100 Mbps.", True), ("rate", "It needs Python 3.9 or later.", False),
    ("rate", "Dogs are walked twice a day.", False),
    ("money", "Online bookings carry no booking fee.", True), ("money", "There is no way to pay online.", False),
    ("money", "Carer — Free — Free — With a valid CEA card", True),  # a table row's cell
    ("number", "There is a single object with this value.", True), ("number", "There is exactly one null object.", True),
    ("number", "At most one star subpattern may be in a sequence pattern.", True),  # "How many … can it have?"
    # a configuration setting whose comment names its unit (configtext.py writes "comment: key = value")
    ("duration", "raw events older than this many days are deleted: events_days: 400", True),
    ("duration", "how often the widgets fetch new numbers, in seconds: interval = 60", True),
    ("duration", "number of open connections kept in the pool: pool_size: 10", False),
    ("person", "Japanese — Beginner — Room 3 — Yuki Tanaka", True),  # a table row's cell
    ("person", "- Treasurer (rent and deposits): Priya Shah", True), ("person", "Note: Python Software Foundation", False),
    ("duration", "minutes between automatic fetches when it runs as a daemon: interval = 30", True),
    ("duration", "seconds to wait for a server before giving up: timeout: 15", True),
    ("duration", "how many feeds are fetched at the same time: workers = 4", False),
    ("location", "Working from China, Russia or Iran is not allowed.", True),
    ("name", "Parquet, CSV and Excel are supported.", True),
    ("time", "The hot water comes on from 6 to 9 in the morning.", True),
    ("extent", "The club trains at the pool (25 m, 6 lanes).", True), ("extent", "The lease runs for 12 months.", True),
    ("extent", "Top speed: 40 km/h.", False), ("length", "The lease runs for 12 months.", False),
    ("person", "Castwell API changelog", False), ("person", "Room 3 — Monday", False),
    ("number", "Match one or more characters.", False),
    ("place", "The router is at 192.168.1.1; its password is in the safe.", True),  # "What is the router's IP address?"
    ("place", "It needs version 3.10.1.2 or later.", False),
    ("place", "Drop the parcel at any Parcelpoint shop.", True),  # "Where do I drop off my return?"
    ("duration", "Allow two full working days before collecting.", True),  # two qualifiers before the unit
    ("rate", "A 24-megapixel JPEG takes about 0.3 seconds on a laptop.", True),  # "How fast is it?"
    ("rate", "It takes 3 days to ship.", False),
    ("person", "Policy questions — Gareth Lowe, Finance Manager", True),  # a table cell: a name and its role
    ("person", "Copyright (c) 2014-2026 Thomas Kemmer.", True),  # "Who holds the copyright?"
    ("person", "Copyright 2014 Thomas Kemmer.", True),
    ("outcome", "A missing selected module raises `ModuleNotFoundError`.", True),  # "What happens if…?"
    ("outcome", "It raises the limit of open files.", False),
    ("person", "Daniel Bader - `@dbader_org` - mail@dbader.org", True),  # a README's author line
    ("person", "Copyright 2020 the authors.", False), ("person", "Run pip - see the docs at docs@x.org", False),
    ("money", "Classes are included for all members.", True),  # "Do classes cost extra?"
    ("money", "A sample config is included in the package.", False),
    ("contact", "Bookings are made through the secretary, Mrs Pat Delaney (01632 960 771).", True),
    ("contact", "Outside those hours, call the out-of-hours line on 020 7946 0832.", True),
    ("contact", "Write to help@pedalo.example.", True), ("contact", "The port is 8080 for 12 users.", False),
    ("age", "You must be 16 or over to ride.", True), ("age", "We recommend neutering cats at four months.", True),
    ("age", "Children under 16 must be with an adult.", True), ("age", "For children aged 5 to 11.", True),
    ("age", "It costs 16 pounds for 24 hours.", False),
    # opening hours say when, not how long: "How long does delivery take?" is not "Deliveries run from 18:00 to 21:30"
    ("duration", "Deliveries run from 18:00 to 21:30, Tuesday to Saturday.", False),
    ("default", 'Port used when none is given: default_port = "Whitby"', True),
    ("error", "Raises StationNotFound: If the service does not know the station.", True),  # a project's own exception
    ("error", "It throws `errors.NotFound` when the key is gone.", True),
    ("error", "Raises the page size to 50.", False), ("error", "It raised PostgreSQL's limit.", False),
    ("duration", "const Timeout = 10 * time.Second", True), ("duration", "ttl = 1h30m", True),  # as code writes one
    ("duration", "grace = timedelta(minutes=5)", True), ("duration", "Duration.ofSeconds(30)", True),
    ("duration", "x = 60 * timeout", False), ("duration", "The 2h2o molecule", False),
])
def test_sentences_hold_answer_types(kind, text, holds):
    from neuraflux.core.answer_types import holds_type

    assert holds_type(kind, text) is holds


def test_gold_sources_may_be_paths_relative_to_the_documents():
    from neuraflux.core.qa_eval import is_gold

    assert is_gold("server.md", "/home/me/docs/server.md") and is_gold("./guide/a.md", "/x/guide/a.md")
    assert is_gold("pydoc:pass", "pydoc:pass") and not is_gold("erver.md", "/home/me/docs/server.md")
    assert not is_gold("server.md", "/home/me/docs/myserver.md") and not is_gold("", "/a/b")


def test_factoid_answers_worded_differently_from_the_question(tmp_path):
    """A user's single-fact questions rarely use the documents' words: "come out" for
    "released", "kept" for "keeps"; the sentence holding the wanted kind of value answers."""
    from neuraflux.core.documents import load_documents
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.retrieval.build import index_documents
    from neuraflux.core.retrieval.index import DocumentIndex
    from neuraflux.core.retrieval.retriever import Retriever

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "releases.md").write_text("# Release history\n\nFluxo 1.0 was released on 3 May 2021 and introduced "
                                      "the sync engine.\n\nFluxo 2.0 was released on 14 March 2024.\n")
    (docs / "backups.md").write_text("# Backups\n\nThe server takes a snapshot of every repository each hour "
                                     "and keeps snapshots for 30 days.\nRestore a snapshot with `fluxo restore`.\n\n"
                                     "Logs older than a week are deleted on Sundays.\n")
    (docs / "team.md").write_text("# The team\n\nThe project lead is Marta Okafor, who started Fluxo in 2019.\n")
    (docs / "about.md").write_text("# About Tidewell\n\nTidewell was founded in 2017 by Ines Varga.\n\n"
                                   "To start from scratch, stop Tidewell and delete its database.\n")
    (docs / "setup.md").write_text("# Setting up\n\nThe first start creates the database at /srv/fluxo/data.db.\n\n"
                                   "The web interface then answers on port 8093.\n")
    with DocumentIndex(str(tmp_path / "i.sqlite")) as index:
        index_documents(index, load_documents([str(docs)]), progress=False)
    rag = NanoRAG(retriever=Retriever(str(tmp_path / "i.sqlite")), load_model=lambda: None, mode="bm25")
    for question, fact in [("When did Fluxo 1.0 come out?", "3 May 2021"), ("How long are snapshots kept?", "30 days"),
                           ("Who leads the project?", "Marta Okafor"), ("Where is the database stored?", "/srv/fluxo/data.db"),
                           ("Who started Tidewell?", "Ines Varga"), ("When are old logs deleted?", "Sundays")]:
        answer = rag.answer(question)
        assert not answer.abstained and fact in answer.text, (question, answer.text)
    assert rag.answer("How many moons does Jupiter have?").abstained


def test_search_query_adds_the_other_forms_of_irregular_words():
    from neuraflux.core.rag import search_query

    assert {"length", "keep"} <= set(search_query("How long are snapshots kept?").split()[5:])
    assert search_query("What happens on division by zero?").endswith(" divide")
    assert search_query("What does the pass statement do?") == "What does the pass statement do?"
    from neuraflux.core.retrieval.analyzer import analyze

    added = search_query("What type is a variable?").split()[4:]  # "var" and "vars" are one term: added once,
    assert [analyze(word) for word in added] == [["var"]]  # which a search would otherwise weigh twice
    from neuraflux.core.retrieval.lemmas import base_term

    # the stemmer cuts "adding" and "added" to "ad" (a doubled last letter undone), "add" stays "add"
    assert {base_term(t) for t in analyze("add adds adding added")} == {"add"}
    assert "added" in search_query("How do I add new checks?").split()  # which a search finds "adding" by


def test_a_comparative_is_joined_to_its_adjective_but_not_searched_for(retriever):
    from neuraflux.core.retrieval.analyzer import analyze
    from neuraflux.core.retrieval.lemmas import base_term
    from neuraflux.core.rag import search_query

    assert base_term(analyze("earlier")[0]) == base_term(analyze("early")[0])  # still the same word in matching
    assert "earlier" not in search_query("How do I leave a function early?")  # not what was set "earlier"
    assert "early" in search_query("What is the earliest check-in?")
    answer = _extractive_rag(retriever).answer("How do I leave a function early?")
    assert '"return" leaves the current function call' in answer.text
    assert base_term(analyze("tighter")[0]) == base_term(analyze("tightly")[0])
    answer = _extractive_rag(retriever).answer("Does ** bind tighter than a minus sign on its left?")
    assert "binds more tightly than unary operators on its left" in answer.text  # not "do not seem to answer"


def test_how_do_i_quotes_the_grammar_a_sentence_introduces(retriever):
    answer = _extractive_rag(retriever).answer("How do I check more than one condition in an if statement?")
    assert "if_stmt ::=" in answer.text and '"elif"' in answer.text  # past "… used for conditional execution:"
    # "create" a class is to define one: "A class definition defines a class object…:" and its grammar
    assert "classdef" in _extractive_rag(retriever).answer("How do I create a class?").text


def test_families_do_not_join_words_whose_stems_collide():
    from neuraflux.core.retrieval.analyzer import analyze
    from neuraflux.core.retrieval.lemmas import base_term, family_words

    assert "litre" not in family_words(analyze("Can a dict literal repeat a key?"))  # literal stems to "liter"
    assert base_term(analyze("additional")[0]) != analyze("add")[0]  # "addition" stems as "additional" does
    assert base_term(analyze("pregnancy")[0]) == base_term(analyze("pregnant")[0])  # "-ancy" of an "-ant" word
    assert base_term(analyze("entries")[0]) != base_term(analyze("enter")[0])  # a record, not going in
    assert base_term(analyze("registering")[0]) == base_term(analyze("registration")[0])
    assert base_term(analyze("subscripting")[0]) != base_term(analyze("subscribe")[0])  # "subscription" stems so
    from neuraflux.core.rag import search_query

    assert search_query("What does range return?") == "What does range return?"  # "range" is no form of "ring"


def test_search_query_leaves_out_light_verbs_while_other_words_remain():
    from neuraflux.core.rag import search_query

    assert search_query("How do I get the base classes of a class?") == "How do the base classes of class?"
    assert search_query("Get it").startswith("Get it")  # nothing else to search for
    assert search_query("What does pass actually do?") == "What does pass do?"


def test_a_filler_adverb_changes_no_answer(tmp_path):
    rag = _rag_over(tmp_path, {"pass.txt": "The pass statement\n******************\n\npass is a null operation. "
                               "Nothing happens when it is executed.\n",
                               "loops.txt": "Loops\n*****\n\nA loop really repeats its body.\n"})
    plain = rag.answer("What does the pass statement do?").text
    assert "null operation" in plain
    assert rag.answer("What does the pass statement actually do?").text == plain


def test_the_answer_is_the_best_sentence_that_covers_the_question():
    from neuraflux.core.evidence import Evidence
    from neuraflux.core.extractive import choose_units
    from neuraflux.core.sentences import split_units

    text = "# Comparisons\n\nSequences compare using comparison of elements.\n\nComparisons can be chained.\n"
    units = split_units(text)
    one_word, both = (next(i for i, u in enumerate(units) if u.text.startswith(s)) for s in ("Sequences", "Comparisons can"))
    evidence = [Evidence(1, "d", units[one_word], 9.0, 0.4, one_word), Evidence(1, "d", units[both], 8.0, 1.0, both)]
    picked = choose_units(evidence, lambda doc_id: (text, units, None))
    assert "Comparisons can be chained." in [u.text for _, _, u in picked]  # not an abstention
    assert choose_units(evidence[:1], lambda doc_id: (text, units, None)) == []  # nothing covers enough: abstain


def test_units_scoring_nearly_as_well_are_quoted_from_anywhere_in_the_best_document_then_another_documents_best():
    from neuraflux.core.evidence import Evidence
    from neuraflux.core.extractive import ExtractiveOptions, choose_units
    from neuraflux.core.sentences import split_units

    text = "Ports are numbers.\n\n" + "Filler text follows here.\n\n" * 300 + "The port is 7431.\n"
    units = split_units(text)
    first, last = 0, len(units) - 1
    other = split_units("Ports may also be named.\n")
    evidence = [Evidence(1, "a", units[first], 9.0, 1.0, first), Evidence(2, "b", other[0], 8.5, 1.0, 0),
                Evidence(1, "a", units[last], 8.0, 1.0, last)]
    docs = {"a": (text, units, None), "b": ("", other, None)}
    picked = [(n, u.text) for n, _, u in choose_units(evidence, docs.__getitem__)]
    # 9,000 characters apart in one document, in reading order; then the other document's, scoring 8.5 of 9
    assert picked == [(1, "Ports are numbers."), (1, "The port is 7431."), (2, "Ports may also be named.")]
    near = choose_units(evidence, docs.__getitem__, ExtractiveOptions(near_chars=2000))
    assert [u.text for _, _, u in near] == ["Ports are numbers.", "Ports may also be named."]
    evidence[1].score = 7.0  # under 0.8 of the best and under the best document's further unit: one source answers
    evidence.sort(key=lambda e: -e.score)
    assert [u.text for _, _, u in choose_units(evidence, docs.__getitem__)] == ["Ports are numbers.", "The port is 7431."]
    evidence.sort(key=lambda e: e.doc_id)
    evidence[1].score, evidence[1].coverage = 8.5, 0.3  # covering too little of the question
    assert [u.text for _, _, u in choose_units(evidence, docs.__getitem__)] == ["Ports are numbers.", "The port is 7431."]


def test_another_documents_unit_takes_the_slot_of_a_lower_scoring_unit_of_the_best_document():
    """Further units are taken in score order: another document's best (from half the best's
    score) before the best document's units that score less, though it is quoted after them."""
    from neuraflux.core.evidence import Evidence
    from neuraflux.core.extractive import choose_units
    from neuraflux.core.sentences import split_units

    units = split_units("Ports are numbers.\n\nThe port is 7431.\n\nPorts under 1024 need root.\n")
    other = split_units("Set the port with --port.\n")
    table = split_units("| Port | Use |\n|---|---|\n| 7431 | the server port |\n")
    docs = {"a": ("", units, None), "b": ("", other, None), "t": ("", table, None)}

    def quoted(other_score, doc="b", unit=other[0], index=0):
        evidence = sorted([Evidence(1, "a", units[0], 9.0, 1.0, 0), Evidence(1, "a", units[1], 6.0, 1.0, 1),
                           Evidence(1, "a", units[2], 5.0, 1.0, 2), Evidence(2, doc, unit, other_score, 1.0, index)],
                          key=lambda e: -e.score)
        return [u.text for _, _, u in choose_units(evidence, docs.__getitem__)]

    assert quoted(5.5) == ["Ports are numbers.", "The port is 7431.", "Set the port with --port."]
    assert quoted(4.6) == ["Ports are numbers.", "The port is 7431.", "Ports under 1024 need root."]  # scoring less
    assert quoted(4.0) == ["Ports are numbers.", "The port is 7431.", "Ports under 1024 need root."]  # under half
    # a table row names more than it says: it displaces no sentence unless it scores nearly as well as the best
    assert quoted(5.5, "t", table[1], 1) == ["Ports are numbers.", "The port is 7431.", "Ports under 1024 need root."]
    assert quoted(7.5, "t", table[1], 1) == ["Ports are numbers.", "The port is 7431.", "7431 — the server port"]


def test_another_documents_sentence_is_quoted_under_its_term_and_only_once():
    from neuraflux.core.evidence import Evidence
    from neuraflux.core.extractive import choose_units
    from neuraflux.core.sentences import split_units

    first = split_units("Sizes are counted in items.\n")
    second = split_units("Sizes\n*****\n\nlen(s)\n\n   Return the number of items it holds.\n")
    evidence = [Evidence(1, "a", first[0], 9.0, 1.0, 0),
                Evidence(2, "b", second[2], 8.0, 1.0, 2, needs_context=True)]  # "len" matched in its term
    docs = {"a": ("", first, None), "b": ("", second, None)}
    picked = [(n, u.kind, u.text) for n, _, u in choose_units(evidence, docs.__getitem__)]
    assert picked == [(1, "prose", "Sizes are counted in items."), (2, "term", "len(s)"),
                      (2, "prose", "Return the number of items it holds.")]
    copy = split_units("Sizes are counted in items.\n")  # a sentence two pages repeat is quoted once
    evidence[1] = Evidence(2, "c", copy[0], 9.0, 1.0, 0)
    docs["c"] = ("", copy, None)
    assert [u.text for _, _, u in choose_units(evidence, docs.__getitem__)] == ["Sizes are counted in items."]


def test_a_list_introduction_leaves_a_slot_for_a_rival_sentence_of_its_page():
    from neuraflux.core.evidence import Evidence
    from neuraflux.core.extractive import choose_units
    from neuraflux.core.sentences import split_units

    text = ("Here are the objects considered false:\n\n* the constant None\n\n* zero of any numeric type\n\n"
            "* empty sequences\n\nBy default, an object is considered true unless its length is zero.\n")
    units = split_units(text)
    intro, rival = (next(i for i, u in enumerate(units) if u.text.startswith(s)) for s in ("Here", "By default"))
    docs = {"d": (text, units, None)}
    close = [Evidence(1, "d", units[intro], 10.0, 1.0, intro), Evidence(1, "d", units[rival], 9.0, 1.0, rival)]
    picked = [u.text for _, _, u in choose_units(close, docs.__getitem__)]
    assert picked[0] == units[intro].text and picked[-1] == units[rival].text and len(picked) == 3
    far = [close[0], Evidence(1, "d", units[rival], 4.0, 1.0, rival)]  # well below: the short list, whole
    assert [u.text for _, _, u in choose_units(far, docs.__getitem__)] == [units[intro].text, "* the constant None",
                                                                           "* zero of any numeric type",
                                                                           "* empty sequences"]


def test_a_document_whose_title_the_question_names_is_read_from_deeper_in_the_results():
    from neuraflux.core.rag import titled_hits
    from neuraflux.core.retrieval.retriever import Hit

    def hit(doc_id, title):
        return Hit(doc_id + "#0", doc_id, title, "", 0, 1, "text", 1.0)

    top = [hit("compound", "Compound statements"), hit("function", "Function definitions")]
    deeper = [hit("if", "The if statement"), hit("pass", "The pass statement"), hit("pass2", "The pass statement")]
    counts = {"statement": 7, "compound": 1, "function": 1, "definit": 1, "if": 1, "pass": 2}
    question = "What does pass do inside a function body?"
    assert titled_hits(question, top, deeper, counts) == deeper[1:]  # 'statement' is in many titles
    assert titled_hits("What does the if statement do?", top, deeper, counts) == [deeper[0]]
    assert titled_hits("How is if different from pass?", top, deeper, counts) == deeper[:2]  # two at most
    assert titled_hits("What is a function body?", top, deeper, counts) == []  # no deeper title is named
    assert titled_hits(question, top, deeper, {**counts, "pass": 3}) == []  # 'pass' names three titles: none


def test_camel_case_names_also_read_as_their_words_and_parameters_do_not_answer_how_to(tmp_path):
    from neuraflux.core.evidence.terms import evidence_terms

    assert set(evidence_terms("create server")) <= set(evidence_terms("http.createServer()"))
    assert evidence_terms("createserver") == ["createserv"]  # written in one case: one word
    # … and a class name's: "AssertionError" is an assertion's error, "ChainMap" a chain of maps
    assert set(evidence_terms("assertion error")) <= set(evidence_terms('raise "AssertionError"'))
    assert set(evidence_terms("chain map")) <= set(evidence_terms("class ChainMap"))
    assert evidence_terms("HTTP") == ["http"] and evidence_terms("Python") == ["python"]  # no humps: one word
    page = ("# Path\n\n## `path.matchesGlob(path, pattern)`\n\n* `path` {string} The path to check.\n"
            "* Returns: {boolean} Whether or not the `path` matched the `pattern`.\n\n"
            "Determines if `path` matches the `pattern`.\n\n## `path.isAbsolute(path)`\n\n"
            "* `path` {string} The path to test. **Default:** `'.'`.\n\n"
            "The `path.isAbsolute()` method determines if `path` is an absolute path.\n")
    rag = _rag_over(tmp_path, {"path.md": page, "os.md": "# OS\n\nThe os module reports on the machine.\n"})
    answer = rag.answer("How do I check whether a path is absolute?").text
    assert "`path.isAbsolute(path)`" in answer and "Whether or not" not in answer and "Default" not in answer


def test_an_introduction_quotes_each_term_of_the_list_it_introduces():
    from neuraflux.core.extractive import _introduced

    units = split_units(topics()["types"])
    start = next(i for i, u in enumerate(units) if u.text.startswith("There are two types of integers"))
    quoted = [units[i].text for i in _introduced(units, start, room=2)]
    assert quoted[0] == 'Integers ("int")' and quoted[2] == 'Booleans ("bool")'
    assert quoted[3].startswith("These represent the truth values") and len(quoted) == 4


def test_small_models_are_shown_fewer_evidence_sentences():
    from types import SimpleNamespace

    from neuraflux.core.config import NanoConfig
    from neuraflux.core.grounded import GROUNDED_EVIDENCE, SMALL_MODEL_EVIDENCE, evidence_count

    small = NanoConfig(vocab_size=4096, hidden_size=192, num_layers=6, num_heads=6, intermediate_size=768)
    large = NanoConfig(vocab_size=32000, hidden_size=768, num_layers=12, num_heads=12, intermediate_size=3072)
    assert small.num_parameters() < 30e6 < large.num_parameters()
    assert evidence_count(SimpleNamespace(config=small)) == SMALL_MODEL_EVIDENCE < GROUNDED_EVIDENCE
    assert evidence_count(SimpleNamespace(config=large)) == GROUNDED_EVIDENCE


def test_a_giant_unit_is_never_quoted(tmp_path):
    """A "sentence" of thousands of characters (a pasted blob, a minified file) is not an answer."""
    from neuraflux.core.documents import load_documents
    from neuraflux.core.evidence.layout import MAX_UNIT_CHARS
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.retrieval.build import index_documents
    from neuraflux.core.retrieval.index import DocumentIndex
    from neuraflux.core.retrieval.retriever import Retriever

    docs = tmp_path / "docs"
    docs.mkdir()
    blob = "q" * (MAX_UNIT_CHARS + 10)
    (docs / "notes.txt").write_text(f"The server port is {blob} 7431 server port.\n\nThe server listens on port 8093.\n")
    with DocumentIndex(str(tmp_path / "i.sqlite")) as index:
        index_documents(index, load_documents([str(docs)]), progress=False)
    rag = NanoRAG(retriever=Retriever(str(tmp_path / "i.sqlite")), load_model=lambda: None, mode="bm25")
    answer = rag.answer("Which port does the server use?")
    assert "8093" in answer.text and blob not in answer.text


@pytest.mark.parametrize("question,fact", [
    ("What does str.expandtabs do?", "tab characters are replaced by one or more spaces"),
    ("What does the pdb next command do?", "until the next line in the current function is reached"),
    ("What does __getitem__ implement?", "Called to implement evaluation of"),  # far from the passage
    ("What does the b presentation type do?", "Binary format"),  # a table row, under "Type — Meaning"
    ("What does the return command do in pdb?", "Continue execution until the current function returns"),
    ("What does the \\n escape sequence mean?", "ASCII Linefeed"),
    ("What does __setattr__ intercept?", "Called when an attribute assignment is attempted"),  # X and a verb
    ("How do I make my objects support len()?", 'Called to implement the built-in function "len()"'),  # __len__
    ("Which method is called for str(obj)?", "object.__str__(self)"),  # not __hash__'s "obj" in "obj[x]"
])
def test_the_first_sentence_under_the_term_a_question_names_answers_it(retriever, question, fact):
    answer = _extractive_rag(retriever).answer(question)
    assert fact in " ".join(answer.text.split())


def test_an_operator_named_by_a_common_word_is_found_quoted_among_the_passages_the_question_finds(tmp_path, retriever):
    from neuraflux.core.evidence.question import named_operator_quotes
    from neuraflux.core.retrieval.retriever import Retriever

    assert named_operator_quotes("What does the is operator check?") == ['"is"', "`is`"]
    _rag_over(tmp_path, {
        "a_grammar.md": "# Grammar\n\nThe keywords \"is\" and \"in\" are reserved words of the grammar.\n",
        "b_tests.md": "# Identity tests\n\nThe operators \"is\" and \"is not\" check an object's identity.\n",
        "c_misc.md": "# Misc\n\nAn operator check runs first.\n"})
    found = Retriever(str(tmp_path / "i.sqlite")).containing('"is"', 1, query="operator check")
    assert [hit.doc_id.rsplit("/", 1)[-1] for hit in found] == ["b_tests.md"]  # not the first in index order
    answer = _extractive_rag(retriever).answer("What does the is operator check?")
    assert "test for an object’s identity" in answer.text  # not the precedence table's rows


def test_a_special_method_named_by_a_common_word_is_found_where_it_is_written(retriever):
    from neuraflux.core.evidence.question import special_names

    assert special_names("When is __call__ used? And obj.__len__?") == ["__call__"]  # an attribute is written whole
    answer = _extractive_rag(retriever).answer("When is __call__ used?")  # "call" is on every page of calls
    assert "Called when the instance is “called” as a function" in answer.text


def test_a_symbol_named_as_a_thing_of_its_own_is_what_the_question_asks_about(tmp_path):
    from neuraflux.core.evidence.question import named_symbol_quotes, named_symbols

    assert named_symbols("What does the # option do in a format spec?") == ["#"]
    assert named_symbols("What is the ... object?") == ["..."]
    assert named_symbol_quotes("What is the ... object?") == ['"..."', "'...'", "`...`"]
    # operators are search terms already; a placeholder's "a" is no article
    assert not named_symbols("How is a < b < c evaluated?") and not named_symbols("What does the @ operator do?")
    assert not named_symbols("Do the keys of a ** mapping have to be strings?")
    rag = _rag_over(tmp_path, {
        "format.md": "# Format specifications\n\nA format spec describes how a value is shown. Every option of a "
                     "format spec is optional, and a format spec may be empty.\n\nThe `#` option selects the "
                     "alternate form of the conversion.\n\nThe `0` option pads numbers with zeros.\n",
        "values.md": "# Values\n\nThe `...` object stands for an omitted part of a slice.\n\nEvery value is an object.\n"})
    # the sentence quoting the symbol, though others say more of the question's words
    assert _quoted(rag, "What does the # option do in a format spec?") == [
        "The `#` option selects the alternate form of the conversion."]
    assert _quoted(rag, "What is the ... object?")[0] == "The `...` object stands for an omitted part of a slice."


def test_bm25_scores_place_the_passages_for_the_evidence(tmp_path):
    rag = _rag_over(tmp_path, {"a.md": "# Kettles\n\nThe kettle boils water.\n"})
    assert rag._lexical_scores()  # (fused or dense scores are not compared so)
    rag.mode = "auto"
    assert rag._lexical_scores()  # no vectors: BM25


def test_a_builtin_called_in_a_question_names_its_special_method():
    from neuraflux.core.evidence.question import question_names

    assert {"len", "__len__"} <= question_names("How do I make my objects support len()?")
    assert "__str__" in question_names("Which method is called for str(obj)?")
    assert not {"__count__", "__join__"} & question_names("What does s.count(x) return? And os.path.join()?")


def test_a_line_of_rule_characters_is_no_sentence():
    units = split_units("Source line.\n\n=====\n\nThe module defines a debugger.\n\n* * *\n\nEnd.\n")
    assert [u.kind for u in units] == ["prose", "rule", "prose", "rule", "prose"]
    assert units[2].position == 1  # a rule does not count among the sentences of its section


def test_an_introduction_of_grammar_quotes_the_sentence_explaining_it():
    from neuraflux.core.extractive import _introduced

    text = ("The if statement is used for conditional execution:\n\n   if_stmt ::= \"if\" expr \":\" suite\n\n"
            "It selects exactly one of the suites.\n\nAnother paragraph.\n")
    units = split_units(text)
    assert [units[i].text for i in _introduced(units, 0, room=3)] == ["It selects exactly one of the suites."]
    units = split_units("Always the last one executed:\n\n   >>> f()\n   'finally'\n\nChanged in version 3.8.\n")
    assert _introduced(units, 0, room=3) == []  # a version note explains nothing


def test_a_value_of_the_asked_kind_about_something_else_is_not_preferred(retriever):
    answer = _extractive_rag(retriever).answer("What error is raised when a name is used before it is assigned?")
    assert "UnboundLocalError" in answer.text or "NameError" in answer.text
    assert "UnicodeError" not in answer.text  # str.encode's errors: an exception, but not about names


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the Python-docs question sets quote 3.11's bundled docs")
def test_shipped_python_docs_questions_name_a_gold_source_that_holds_their_facts():
    """A label check: each answerable question's facts are all found in one of its gold sources
    (a wrong source or a misspelt fact would count right answers as wrong)."""
    import glob

    from neuraflux.core.knowledge import knowledge_documents
    from neuraflux.core.qa_eval import read_questions
    from neuraflux.core.qa_metrics import answer_correct

    texts = {doc.doc_id: " ".join(unit.text for unit in split_units(doc.text)) for doc in knowledge_documents()}
    paths = sorted(glob.glob(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks", "qa", "python_docs_*.jsonl")))
    assert len(paths) >= 10
    wrong = []
    for path in paths:
        for item in read_questions(path):
            if item["facts"] and item["sources"] and not any(
                    answer_correct(texts.get(source, ""), (), item["facts"]) for source in item["sources"]):
                wrong.append(f"{os.path.basename(path)}: {item['question']}")
    assert not wrong, wrong


def test_shipped_own_docs_questions_name_a_gold_file_that_holds_their_facts():
    """The same label check for the own-documents sets, over the files as neuraflux reads them."""
    import glob

    from neuraflux.core.documents import load_documents
    from neuraflux.core.qa_eval import is_gold, read_questions

    qa = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks", "qa")
    folders = sorted(p for p in glob.glob(os.path.join(qa, "own_docs*")) if os.path.isdir(p))
    assert len(folders) >= 8
    wrong = []
    for folder in folders:
        texts = {doc.doc_id: " ".join(unit.text for unit in split_units(doc.text)) for doc in load_documents([folder])}
        for item in read_questions(folder + ".jsonl"):
            golds = [text for doc_id, text in texts.items() for source in item["sources"] if is_gold(source, doc_id)]
            if item["facts"] and not any(answer_correct(text, (), item["facts"]) for text in golds):
                wrong.append(f"{os.path.basename(folder)}: {item['question']}")
    assert not wrong, wrong
    with open(os.path.join(os.path.dirname(qa), "bench_answers.py"), encoding="utf-8") as f:
        bench = f.read()
    unmeasured = [os.path.basename(p) for p in folders if f'("{os.path.basename(p)}", "' not in bench]
    assert not unmeasured, f"folders bench_answers.py does not measure: {unmeasured}"


def _rag_over_terms(tmp_path, title, terms):
    """A BM25 NanoRAG over a pydoc-style page `title` of terms, each with its indented
    description ({term: description}), and one other page."""
    page = f"{title}\n{'*' * len(title)}\n\n" + "".join(f"{term}\n\n   {text}\n\n" for term, text in terms.items())
    return _rag_over(tmp_path, {"page.txt": page, "other.txt": "Other\n*****\n\nNothing about this here.\n"})


def test_a_yes_no_question_naming_a_case_is_answered_by_the_general_rule(tmp_path):
    import dataclasses

    rag = _rag_over_folder(tmp_path / "flat", "own_docs186")  # a flat's tenancy summary, which never says "balcony"
    assert _quoted(rag, "Can I smoke on the balcony?")[0] == "No smoking anywhere in the flat."
    assert rag.answer("Does the moon have water?").abstained  # not about what the asker may do
    choir = _rag_over_folder(tmp_path / "choir", "own_docs130")  # "… handed out by the librarian"
    assert choir.answer("Can I play the violin left-handed?").abstained  # most of its words the folder never uses
    rag.tuning = dataclasses.replace(rag.tuning, yes_no_relief=0.0)
    assert rag.answer("Can I smoke on the balcony?").abstained


def test_how_to_quotes_the_term_its_answer_describes(tmp_path):
    rag = _rag_over_terms(tmp_path, "Special attributes", {
        "class.__subclasses__()": "Each class keeps a list of weak references to its immediate subclasses.",
        "class.__bases__": "The tuple of base classes of a class object."})
    how = [c.sentence for c in rag.answer("How can I list the subclasses of a class?").citations]
    assert how[:2] == ["class.__subclasses__()",
                       "Each class keeps a list of weak references to its immediate subclasses."]
    what = [c.sentence for c in rag.answer("What does each class keep a list of?").citations]
    assert what[0].startswith("Each class keeps")  # the description answers; its term is not asked for


def test_a_further_sentence_under_another_term_is_quoted_with_that_term(tmp_path):
    rag = _rag_over_terms(tmp_path, "String methods", {
        "str.partition(sep)": "Split the string at the first occurrence of *sep*, and return a 3-tuple.",
        "str.rpartition(sep)": "Split the string at the last occurrence of *sep*, and return a 3-tuple."})
    quoted = [c.sentence for c in rag.answer("How do I split a string at the last occurrence of a separator?").citations]
    assert "Split the string at the last occurrence of *sep*, and return a 3-tuple." in quoted
    for i, sentence in enumerate(quoted):  # in reading order, each description right under its own name
        if sentence.startswith("Split"):
            assert quoted[i - 1] == ("str.rpartition(sep)" if "last" in sentence else "str.partition(sep)")


def test_unlimited_answers_how_many(tmp_path):
    from neuraflux.core.answer_types import holds_type

    rag = _rag_over(tmp_path, {
        "plans.md": "# Home plan\n\nThe Home plan backs up 3 devices to the cloud every night.\n\n"
                    "You can connect an unlimited number of devices to the Home plan over Wi-Fi.\n",
        "setup.md": "# Setup\n\nA new device connects to the hub in 2 minutes.\n"})
    quoted = _quoted(rag, "How many devices can I connect to the Home plan?")
    assert "You can connect an unlimited number of devices to the Home plan over Wi-Fi." in quoted
    assert holds_type("number", "Identifiers are unlimited in length.") and not holds_type("number", "It is limited.")


def test_a_value_named_by_the_quantity_asked_answers_how_heavy(tmp_path):
    rag = _rag_over(tmp_path, {
        "specs.md": "# Technical data\n\n- Weight: 5.2 kg\n- Power: 1350 W\n- Water tank: 1.2 litres\n",
        "manual.md": ("# Espresso machine: user manual\n\nUse 7 grams of ground coffee for a single shot. "
                      "The machine switches itself off after 30 minutes without use.\n")})
    assert _quoted(rag, "How heavy is the machine?") == ["- Weight: 5.2 kg"]  # "heavy" asks for a weight


def test_a_year_in_an_outer_title_dates_nothing_under_it(tmp_path):
    from neuraflux.core.evidence.scoring import _only_a_year

    rag = _rag_over_folder(tmp_path, "own_docs243")  # "# NLP-Edge 2027: Call for papers"
    quoted = _quoted(rag, "When will I hear if my paper is accepted?")
    assert quoted and "NLP-Edge 2027: Call for papers" not in quoted  # not read as the date asked for
    assert _only_a_year("PyNorth 2027 - attendee information")
    assert not any(map(_only_a_year, ["## 2.4.0 (2024-03-18)", "Spring 2026", "Release notes for March 2026"]))


def test_not_required_answers_whether_one_must_pay_for_it(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs242")  # a tenancy agreement's numbered clauses
    assert _quoted(rag, "Do I need to pay for professional cleaning when I move out?") == [
        "8.2 Professional cleaning is not required if the flat is left clean."]


def test_a_phone_number_answers_what_the_phone_number_is(tmp_path):
    from neuraflux.core.answer_types import holds_type

    rag = _rag_over_folder(tmp_path, "own_docs245")  # a hospital's visiting page, its number in the footer
    assert "Switchboard 0113 496 0000." in _quoted(rag, "What is the hospital's phone number?")
    assert holds_type("phone", "Call +44 20 7946 0832.") and not holds_type("phone", "after calling the ward — 2")


def test_a_free_service_answers_whether_one_pays_for_it(tmp_path):
    from neuraflux.core.answer_types import holds_type

    rag = _rag_over_folder(tmp_path, "own_docs246")  # an outdoor shop's products and delivery terms
    assert "Print the free returns label from your account and drop the parcel at any post office." in _quoted(
        rag, "Do I have to pay for return postage?")
    assert holds_type("money", "Free parking for Blue Badge holders.") and not holds_type("money", "a free variable")


def test_everyday_words_find_the_documents_terms(tmp_path):
    lease = _rag_over_folder(tmp_path / "lease", "own_docs242")
    assert _quoted(lease, "Who fixes the boiler?")[0] == \
        "6.1 Keep the structure, exterior, heating and hot water in repair."
    app = _rag_over_folder(tmp_path / "app", "own_docs250")  # "4G" is mobile data
    assert _quoted(app, "Why won't it sync on 4G?")[0].startswith("Pinecast only syncs over Wi-Fi unless you turn on")
    call = _rag_over_folder(tmp_path / "call", "own_docs243")
    assert _quoted(call, "What template should I use?") == [
        "Use the ACL style files; papers in another format are rejected without review."]


def test_a_weight_in_grams_or_pounds_answers_how_heavy(tmp_path):
    rag = _rag_over(tmp_path, {
        "show.txt": ("HONEY SHOW RULES\n\nEntries must be staged by 10:00, when judging starts.\n\nCLASSES\n"
                     "1. Two jars of light honey\n2. A block of beeswax of at least 225 g\n\nJARS\n"
                     "Use standard 1 lb squat glass jars with gold lids.\n"),
        "handbook.md": "# Handbook\n\nThe wax melter can be borrowed for a week.\n"})
    assert "2. A block of beeswax of at least 225 g" in _quoted(rag, "How heavy must a wax block be?")


@pytest.mark.parametrize("question,fact", [
    ("What does the not operator do?", 'The operator "not" yields "True" if its argument is false'),
    ("What does not return?", 'The operator "not" yields "True" if its argument is false'),  # not the return page
    ("What does or return?", 'The expression "x or y" first evaluates'),
])
def test_questions_about_the_boolean_operators_find_them(retriever, question, fact):
    assert fact in " ".join(_extractive_rag(retriever).answer(question).text.split())


def test_the_rest_of_a_named_methods_description_is_quoted_though_it_scores_lower(retriever):
    # 'Return "-1"…' comes from a later passage of the page and scores under half the best
    answer = _extractive_rag(retriever).answer("What does str.find return when it can't find the substring?")
    assert 'Return "-1" if *sub* is not found.' in answer.text


def test_the_entries_of_a_see_also_list_are_not_the_answer(tmp_path):
    page = ("Class definitions\n*****************\n\nA class definition defines a class object.\n\n"
            "Classes can be decorated; a *decorator* is a callable applied to the class object.\n\n"
            "See also:\n\n  **PEP 3129** - Class Decorators\n     The proposal that added class decorators.\n")
    rag = _rag_over(tmp_path, {"class.txt": page, "other.txt": "Other\n*****\n\nNothing about classes here.\n"})
    from neuraflux.core.evidence.layout import _Layout

    units = rag.units(rag.retrieve("What is a decorator?")[0].doc_id)[1]
    entries = [units[i].text for i in sorted(_Layout(units).see_also)]
    assert entries == ["**PEP 3129** - Class Decorators", "The proposal that added class decorators."]
    assert _quoted(rag, "What is a decorator?")[0].startswith("Classes can be decorated")


def test_typically_asks_for_the_typical_use(tmp_path):
    page = ("Context managers\n****************\n\nA *context manager* is an object that defines the runtime context "
            "to be established when executing a with statement.\n\nTypical uses of context managers include saving "
            "and restoring global state, locking and unlocking resources, closing opened files.\n\n"
            "Context managers are normally invoked using the with statement.\n")
    rag = _rag_over(tmp_path, {"cm.txt": page, "other.txt": "Other\n*****\n\nNothing for contexts here, for now.\n"})
    assert "Typical uses of context managers" in " ".join(_quoted(rag, "What are context managers typically used for?"))
    from neuraflux.core.rag import search_query

    assert "typically" in search_query("What are context managers typically used for?")  # not filler: "Typical uses"
    assert "actually" not in search_query("What does pass actually do?")


def test_a_short_line_over_a_paragraph_of_plain_text_is_its_heading():
    text = ("COURSE POLICIES\n\nLate work\nEach student has four late days for the whole semester.\n"
            "A late day extends the deadline by 24 hours.\n\nRegrades\nRegrade requests are made within one week.\n")
    units = split_units(text)
    assert [u.text for u in units if u.kind == "heading"] == ["COURSE POLICIES", "Late work", "Regrades"]
    first = next(u for u in units if u.text.startswith("Each student"))
    assert first.heading == "Late work" and first.position == 0
    wrapped = split_units("The server listens on port 7431 unless\nthe config says otherwise.\n")
    assert [u.kind for u in wrapped] == ["prose"]  # a wrapped sentence's first line is no heading
    quoted = split_units('The app says "offline"\nRestart your router, then pair the receiver again.\n')
    assert [u.kind for u in quoted] == ["heading", "prose"]  # a title may end in a quoted word
    said = split_units('He said "stop."\nThen the meeting went on for another hour.\n')
    assert "heading" not in [u.kind for u in said]  # not in a quoted sentence's full stop


def test_a_rest_list_table_is_read_row_by_row_under_its_header():
    text = ("Settings\n========\n\n.. list-table:: Server settings\n   :header-rows: 1\n   :widths: 20 80\n\n"
            "   * - Key\n     - Default\n   * - ``port``\n     - ``4040``\n   * - ``drafts``\n     - ``false``, so\n"
            "       drafts are skipped\n\nAfter the table.\n")
    units = split_units(text)
    assert [(u.kind, u.text) for u in units if u.kind in ("header", "table")] == [
        ("header", "Key — Default"), ("table", "``port`` — ``4040``"),
        ("table", "``drafts`` — ``false``, so drafts are skipped")]
    assert [u.text for u in units if u.kind == "prose"] == ["Server settings", "After the table."]
    row = next(u for u in units if u.text.startswith("``drafts``"))
    assert text[row.start:row.end].startswith("* - ``drafts``") and text[row.start:row.end].endswith("skipped")
    empty_first = split_units(".. list-table::\n\n   * -\n     - 4040\n   * - port\n     - 8080\n")
    assert [u.text for u in empty_first if u.kind == "table"] == ["4040", "port — 8080"]  # "* -": an empty first cell


def test_a_list_table_row_answers_what_its_cells_say(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs87")  # a static site generator: README, reST configuration, docs
    assert "4040" in rag.answer("What port does the dev server use?").text
    assert "``false``" in rag.answer("Are drafts built?").text


def test_captions_are_subtitles_and_without_paying_is_for_free(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs88")  # an online course platform: HTML help with <details>, requirements
    assert "English subtitles" in rag.answer("Are there captions on the videos?").text
    assert "audit any course for free" in rag.answer("Can I do a course without paying?").text


def test_a_discount_is_asked_of_a_reduced_price(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs89")  # a council's parking permits, visitors, zones, fines
    assert "reduced to 35 pounds" in rag.answer("Is there a discount for paying a fine early?").text


def test_looping_over_something_is_iterating_over_it(tmp_path):
    rag = _rag_over(tmp_path, {
        "queue.md": "# The job queue\n\nThe queue keeps jobs in the order they arrive. Jobs can be added from any "
                    "thread. Iterating over the queue while it changes may skip jobs.\n",
        "workers.md": "# Workers\n\nA worker takes the next job from the queue. Each worker runs in a loop of its own.\n"})
    assert _quoted(rag, "Can I loop over the queue?") == ["Iterating over the queue while it changes may skip jobs."]


def test_a_status_code_is_answered_by_its_class(tmp_path):
    rag = _rag_over(tmp_path, {
        "errors.md": "# Errors\n\n| Status | Meaning |\n|---|---|\n| 404 | No order has that id. |\n"
                     "| 503 | The service is down for maintenance. |\n\n"
                     "Requests that fail with a 5xx status are safe to retry. "
                     "Requests that fail with a 4xx status will fail again unless you change them.\n",
        "orders.md": "# Orders\n\nAn order has an id, a date and a status. A failed request can be retried from the "
                     "dashboard.\n"})
    quoted = _quoted(rag, "Should I retry a request that failed with a 404?")
    assert quoted[0] == "404 — No order has that id."
    assert "Requests that fail with a 4xx status will fail again unless you change them." in quoted


def test_a_sentence_running_on_into_a_code_block_is_quoted_with_it(tmp_path):
    rag = _rag_over(tmp_path, {
        "check.rst": "The check statement\n===================\n\nCheck statements stop a program early when a rule "
                     "is broken.\n\nThe simple form, ``check rule``, is equivalent to\n\n   if not rule:\n"
                     "       raise RuleBroken\n\nChecks can be switched off with the ``-O`` option.\n",
        "loop.rst": "The loop statement\n==================\n\nA loop repeats its body.\n"})
    assert _quoted(rag, "What is the simple form of check equivalent to?") == [
        "The simple form, ``check rule``, is equivalent to", "   if not rule:\n       raise RuleBroken"]


def test_a_how_to_answer_quotes_the_example_its_sentence_gives(tmp_path):
    rag = _rag_over(tmp_path, {
        "tracer.rst": "The tracer\n==========\n\nThe tracer follows a program line by line.\n\nYou can also start "
                      "the tracer from the command line to trace other scripts.  For example:\n\n"
                      "   tracer --follow myscript.py\n\nWhen started this way, it stops at the first line.\n",
        "other.rst": "Scripts\n=======\n\nA script is a file of commands.\n"})
    assert _quoted(rag, "How do I trace a script from the command line?")[-3:] == [
        "You can also start the tracer from the command line to trace other scripts.", "For example:",
        "   tracer --follow myscript.py"]
    assert "For example:" not in _quoted(rag, "Can the tracer run from the command line?")  # not asked how


def test_a_number_asked_about_is_covered_by_a_limit_in_the_same_measure(tmp_path):
    from neuraflux.core.evidence.question import number_measures
    from neuraflux.core.evidence.scoring import _bound_measures

    assert number_measures("My bag weighs 28 kg, can I check it in?") == {"28": "kg"}
    assert number_measures("Can a child aged 14 use the spa?") == {"14": ""}
    assert _bound_measures("Bags between 23 and 32 kg are accepted.") == {"kg"}
    assert _bound_measures("Open to visitors aged 16 and over, and to 18+ groups.") == {""}
    assert _bound_measures("Charge at up to 11 kW.") == {"kw"} and not _bound_measures("Children are welcome.")
    rag = _rag_over(tmp_path, {
        "hotel.md": "# Hotel\n\nChildren of all ages are welcome in the hotel.\n\nCots are free for children.\n",
        "spa.md": "# Spa\n\nThe spa is open to hotel guests and day visitors aged 16 and over.\n\n"
                  "Treatments run from 10 am to 6 pm.\n"})
    assert _quoted(rag, "Can a child aged 14 use the spa?")[0] == (
        "The spa is open to hotel guests and day visitors aged 16 and over.")


def test_a_season_asked_about_is_covered_by_months(tmp_path):
    rag = _rag_over(tmp_path, {
        "rules.md": "# Site rules\n\nBonfires are allowed only between 1 November and 31 March, before 10 am.\n\n"
                    "Never burn plastic on a bonfire.\n\nYou may keep hens with permission.\n",
        "fees.md": "# Fees\n\nRent is due each year.\n"})
    assert _quoted(rag, "Can I have a bonfire in summer?")[0].startswith("Bonfires are allowed only between")


def test_a_list_item_opening_with_the_name_it_describes_is_named_by_it(tmp_path):
    rag = _rag_over(tmp_path, {
        "install.md": "# Installing Beacon\n\nBeacon collects logs from your servers and ships them to a store.\n\n"
                      "It needs 512 MB of memory.\n",
        "config.md": "# Configuration\n\n## [sources]\n\n- `paths` — files or glob patterns to follow.\n"
                     "- `journald` — set to `true` to read the systemd journal as well; off by default.\n"
                     "- `exclude` — lines matching these patterns are not sent.\n"})
    assert _quoted(rag, "How do I read logs from journald?")[0].startswith("- `journald` — set to `true`")


def test_a_sentence_may_open_with_inline_code():
    units = split_units("Renames columns. `mapping` is a dict from old names to new names. See e.g. `rename`.\n")
    assert [u.text for u in units] == ["Renames columns.", "`mapping` is a dict from old names to new names.",
                                       "See e.g. `rename`."]


def test_a_changelog_answers_which_version_and_when_a_thing_was_added_and_yes_brings_its_reason(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs90")  # a TOML library: API reference, README, changelog
    assert "2.3.0" in rag.answer("Which version added sort_keys?").text  # not "removed in version 3.0"
    assert "2.2.0" in rag.answer("When was strict mode added?").text
    (tmp_path / "rst").mkdir()
    rag = _rag_over_folder(tmp_path / "rst", "own_docs46")  # a rate-limiting library's reST docs and FAQ
    assert "uses a lock" in rag.answer("Is it thread safe?").text  # "Yes." and the sentence saying how


def test_a_word_asking_for_the_kind_of_value_is_not_read_as_a_name_the_documents_complete(tmp_path):
    rag = _rag_over(tmp_path, {  # the documents never write "add", but "Address" begins with it
        "CHANGELOG.md": "# Changelog\n\n## 2.0 (2024-05-02)\n\n- New: dark mode.\n- Address book sorted by name.\n\n"
                        "## 1.0 (2023-01-10)\n\n- First release.\n",
        "contact.md": "# Contact\n\nWrite to us at 1 Main Street, Springfield.\n"})
    assert "2024-05-02" in rag.answer("When did they add dark mode?").text


def test_keeping_my_number_asks_for_no_number_and_the_next_working_day_is_a_duration(tmp_path):
    from neuraflux.core.answer_types import holds_type

    assert holds_type("duration", "Your number moves over on the next working day.")
    rag = _rag_over_folder(tmp_path, "own_docs91")  # a mobile network: plans table, roaming, plain-text help
    assert "transfer code (PAC)" in rag.answer("Can I keep my phone number?").text  # not "0.25 EUR a minute"
    assert "next working day" in rag.answer("How long does it take to move my number?").text


def test_a_python_functions_defaults_answer_and_its_parameters_are_not_what_each_sentence_is_about(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs92")  # a retry package's __init__.py, core.py and README
    assert "ConnectionError, TimeoutError" in rag.answer("Which exceptions are retried by default?").text
    assert "random time" in rag.answer("What does jitter do?").text  # not every sentence under retry(…, jitter=True)


def test_a_python_packages_docstring_sections_answer_one_parameter_at_a_time(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs263")  # a tide API client in Google, NumPy and Sphinx docstrings
    assert "hourly heights" in rag.answer('What does interval "h" give me?').text
    assert "timeout is 8.0" in rag.answer("What is the default timeout of the client?").text
    assert "StationNotFound" in rag.answer("What error do I get for an unknown station?").text
    assert "PermissionError" in rag.answer("Which error can purge raise?").text


def test_selling_a_ticket_finds_the_resale_rules(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs93")  # a ticketing platform: AsciiDoc organiser guide, buyer FAQ
    assert "resale marketplace" in rag.answer("Can I sell my ticket on eBay?").text
    assert "no more than the original price" in rag.answer("Can I sell my ticket for more than I paid?").text


def test_a_plain_text_list_of_labelled_values_is_read_line_by_line():
    text = ("SPECIFICATIONS\n\nDisplay: 7-inch E Ink screen, 300 ppi\nStorage: 32 GB (about 24,000 e-books)\n"
            "Water protection: IPX8\n\nQ: Can I read library books?\nA: Yes. Borrow them online.\n\n"
            "Cotton: for towels, at 30 to 90 degrees.\nMaximum load 7 kg.\n")
    units = split_units(text)
    assert [u.text for u in units if u.kind == "table"] == [
        "Display — 7-inch E Ink screen, 300 ppi", "Storage — 32 GB (about 24,000 e-books)", "Water protection — IPX8"]
    assert "Q: Can I read library books?" in [u.text for u in units]  # a FAQ's Q:/A: lines are no labelled values
    assert "Maximum load 7 kg." in [u.text for u in units]  # nor a label over sentences


def test_a_spec_sheet_line_answers_and_pdfs_is_pdf(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs94")  # an e-reader: plain-text specifications, FAQ
    assert "7-inch" in rag.answer("How big is the screen?").text  # not "until the screen goes blank"
    assert "EPUB, PDF" in rag.answer("Does it read PDFs?").text


def test_bit_is_a_form_of_bite(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs95")  # an animal shelter's volunteer handbook and fostering notes
    assert "Tell the shift leader at once" in rag.answer("A dog bit me, what should I do?").text


def test_a_sentence_that_opens_with_it_is_quoted_after_the_sentence_it_points_back_to(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs97")  # a houseplant care guide in prose
    text = rag.answer("Which plant should I put in my bedroom?").text  # "It is the best choice for a bedroom"
    assert "The snake plant is almost impossible to kill." in text and "best choice for a bedroom" in text


def test_a_numbered_section_title_of_plain_text_is_a_heading_and_a_numbered_list_is_not():
    leaflet = ("1. What this medicine is and what it is used for\nIt relieves mild to moderate pain, such as a headache or toothache, and lowers a fever.\n\n"
               "3. How to take it\nTake 1 or 2 tablets every 4 to 6 hours.\nDo not take more than 8 in a day.\n")
    units = split_units(leaflet)
    assert [u.text for u in units if u.kind == "heading"] == [
        "1. What this medicine is and what it is used for", "3. How to take it"]
    dose = next(u for u in units if u.text.startswith("Take 1"))
    assert dose.heading == "3. How to take it" and dose.position == 0  # not quoted as "3. How to take it Take 1…"
    steps = split_units("1. Open the lid\n2. Pour in the water\n3. Close the lid and press Start\n")
    assert "heading" not in [u.kind for u in steps]
    wrapped = split_units("1. While the in operation is used for simple\n   containment tests, some sequences use it.\n")
    assert "heading" not in [u.kind for u in wrapped]
    clauses = split_units("3. What is not covered\n3.1 Wear and tear.\n3.2 Theft from an unlocked home.\n\n"
                          "4. Excess\n4.1 The excess is 150 euros.\n")  # a title over its numbered clauses
    assert [(u.text, u.heading) for u in clauses if u.kind != "heading"] == [
        ("3.1 Wear and tear.", "3. What is not covered"), ("3.2 Theft from an unlocked home.", "3. What is not covered"),
        ("4.1 The excess is 150 euros.", "4. Excess")]


def test_a_function_word_keyword_weighs_little_in_a_small_folder(tmp_path):
    rag = _rag_over(tmp_path, {
        "exams.rst": ("Exams\n=====\n\nA missed exam can be made up only with a medical certificate, handed in "
                      "within five days of the exam.\n\nExams are closed book.\n"),
        "faq.md": "# FAQ\n\nAsk the office if your card does not open the lab.\n"})
    weights = rag.retriever.term_idf  # the folder's idf: "if" is as rare as any word
    from neuraflux.core.evidence.question import question_weights

    question = "What do I need if I miss an exam?"
    assert question_weights(question, weights)["if"] < question_weights(question, weights)["miss"]
    assert "medical certificate" in " ".join(_quoted(rag, question))
    named = question_weights("What does the if statement do?", weights)["if"]
    assert named > question_weights(question, weights)["if"]  # named as code, it keeps its weight


def test_a_number_after_a_word_names_that_item(tmp_path):
    schedule = ("week,topic,due\n1,Arrays,\n2,Linked lists,Assignment 1\n3,Stacks,\n4,Hash tables,Assignment 2\n"
                "5,Trees,\n6,Balanced trees,Assignment 3\n9,Heaps,Assignment 4\n10,Graphs,\n")
    rag = _rag_over(tmp_path, {"schedule.csv": schedule, "notes.md": "# Notes\n\nAssignments are due on Fridays.\n"})
    question = "When is assignment 4 due?"
    best = rag.evidence(question, rag.retrieve(question))[0]
    assert "Assignment 4" in best.unit.text and "Heaps" in best.unit.text  # not week 4's row


def test_a_case_asked_in_the_negative_is_answered_by_the_sentence_stating_it(tmp_path):
    rag = _rag_over(tmp_path, {
        "sorting.md": "# Sorting\n\nThe list is sorted in place and the method returns nothing.\n\n"
                      "When a key function is given, items are compared by what the key function returns.\n\n"
                      "When no key function is given, items are compared directly.\n",
        "lists.md": "# Lists\n\nA list holds items in order.\n"})
    for question in ("How are items compared when I give no key function?",
                     "How are items compared if I don't give a key function?"):
        assert _first_evidence(rag, question) == "When no key function is given, items are compared directly."
    question = "How are items compared when I give a key function?"  # the positive case stays first
    assert _first_evidence(rag, question).startswith("When a key function is given")


def _first_evidence(rag, question):
    return rag.evidence(question, rag.retrieve(question))[0].unit.text


# (documents, question, the sentence that must rank first): a unit worded as the question asks
# (evidence.question.ANSWER_FORMS, Tuning.counted_bonus), over one that shares as many of its words
ANSWER_FORM_CASES = {
    "required": ({"calls.txt": "Calls\n*****\n\nA call calls a callable object with a possibly empty series of "
                               "arguments.\n\nIf the syntax \"**expression\" appears in the function call, \"expression\" is "
                               "evaluated to a mapping, whose keys are used as keyword arguments.\n\nKeys in the mapping "
                               "are strings when they name parameters.\n\nThe keys of that mapping must be strings.\n",
                  "other.txt": "Other\n*****\n\nNothing about this here.\n"},
                 "Do the keys of a ** mapping in a call have to be strings?",  # "have to": "must"
                 "The keys of that mapping must be strings."),
    "allowed": ({"fees.md": "# Fees\n\nA check-up costs £55 for adults.\n\nPayment is due on the day of treatment.\n\n"
                            "Instalments are collected by direct debit on the first day of each month.\n\n"
                            "Treatment over £500 may be spread over six monthly payments.\n",
                 "hours.md": "# Opening hours\n\nWe are open Monday to Friday, 8:00 to 18:00.\n"},
                "Can I pay for treatment in instalments?",
                "Treatment over £500 may be spread over six monthly payments."),
    "possible": ({"sets.txt": "Set types\n*********\n\nThe frozenset type is used as a dictionary key in the examples "
                              "below.\n\nA frozenset may serve as a dictionary key.\n",
                  "other.txt": "Other\n*****\n\nNothing about this here.\n"},
                 "Can a frozenset be used as a dictionary key?", "A frozenset may serve as a dictionary key."),
    "exists": ({"pool.md": "# Riverside Pool\n\nThe pool opens at 7 am every day.\n\n## Access\n\n"
                           "Staff check the hoist for disabled swimmers every morning.\n\n"
                           "The main pool has a hoist for disabled swimmers at the shallow end.\n",
                "prices.md": "# Prices\n\nAn adult swim costs £5.\n"},
               "Is there a hoist for disabled swimmers?",
               "The main pool has a hoist for disabled swimmers at the shallow end."),
    "how often": ({"care.md": "# Looking after your purifier\n\nKeep the purifier away from walls.\n\n## Filter\n\n"
                              "The filter is changed by the engineer.\n\nThe filter is changed at each service.\n",
                   "setup.md": "# Setting up\n\nPlug the purifier in and press the power button.\n"},
                  "How often do I need to change the filter?", "The filter is changed at each service."),
    "what for": ({"notes.md": "# Tags\n\nTags are shown in the sidebar of the notes window.\n\n"
                              "Each tag has a name and a colour.\n\nTags are used to group related notes.\n",
                  "sync.md": "# Sync\n\nNotes sync every five minutes.\n"},
                 "What are tags for?", "Tags are used to group related notes."),
    "how many": ({"rules.md": "# Harbour Run\n\nA trading game for the whole family.\n\n## Setup\n\n"
                              "Each player takes a ship and 3 gold coins.\n\n## Playing\n\n"
                              "Play goes clockwise; after 10 rounds the player with the most gold wins.\n\n"
                              "The game is for 2 to 5 players and lasts about 45 minutes.\n",
                  "faq.md": "# FAQ\n\nCan I look at the storm cards? No.\n"},
                 "How many players can play?",  # not the sentence saying "play" and "10 rounds"
                 "The game is for 2 to 5 players and lasts about 45 minutes."),
}


@pytest.mark.parametrize("case", sorted(ANSWER_FORM_CASES))
def test_a_sentence_worded_as_the_question_asks_ranks_first(tmp_path, case):
    files, question, expected = ANSWER_FORM_CASES[case]
    assert _first_evidence(_rag_over(tmp_path, files), question) == expected


def test_a_temperature_is_answered_in_degrees_and_a_pet_by_what_pets_may_do(tmp_path):
    rag = _rag_over(tmp_path, {
        "manual.txt": "1. FIRST USE\nFill the tank with water. Heating takes about 40 seconds.\n\n"
                      "2. STEAMING MILK\nThe steam light turns on after about 30 seconds.\nPurge the wand for two "
                      "seconds before steaming.\nStop steaming when the jug is too hot to hold, at about 65 degrees "
                      "Celsius.\n",
        "rules.txt": "RENTAL RULES\n\nPets are allowed if they travel in a closed box. Rentals include 300 km "
                     "per day. Each additional kilometre costs 0.25 euros.\n"})
    assert "65 degrees" in rag.answer("What temperature should the milk reach?").text  # not "30 seconds"
    assert "Pets are allowed" in rag.answer("Are dogs allowed?").text  # a dog is a pet…
    from neuraflux.core.retrieval.lemmas import SYNONYMS
    assert "dog" not in SYNONYMS.get("pet", ())  # … but "Pets" does not mean dogs only
    assert "300 km" in rag.answer("How many kilometres are included?").text  # km is kilometres


def test_add_up_is_sum(tmp_path):
    from neuraflux.core.question_text import plain_question

    assert plain_question("How do I add up a list of numbers?") == "How do I sum a list of numbers?"
    assert plain_question("Can I add the scores up?") == "Can I sum the scores?"
    assert plain_question("How do I add an item to a list?") == "How do I add an item to a list?"
    rag = _rag_over(tmp_path, {
        "builtins.md": "# Built-in functions\n\n## sum\n\nReturn the sum of a start value plus an iterable of "
                       "numbers.\n\n## complex\n\nComplex numbers can be formed by adding a real number and an "
                       "imaginary number.\n",
        "lists.md": "# Lists\n\nTo add an item to the end of a list, use append.\n"})
    assert "Return the sum" in rag.answer("How do I add up a list of numbers?").text


def test_how_to_is_answered_by_the_entry_opening_with_its_verb(tmp_path):
    """ "How do I delete an attribute…?": the function whose description opens "Deletes the named
    attribute…" and says every word asked, not what deleting an attribute does elsewhere."""
    rag = _rag_over(tmp_path, {
        "delattr.txt": "delattr(obj, name, /)\n\n   Deletes the named attribute from the given object.\n\n"
                       "   delattr(x, 'y') is equivalent to del x.y\n",
        "setattr.txt": "setattr(obj, name, value, /)\n\n   Sets the named attribute on the given object to the "
                       "specified value.\n",
        "special.txt": "object.__delattr__(self, name)\n\n   Like __setattr__() but for attribute deletion instead of "
                       "assignment.\n   This should only be implemented if del obj.name is meaningful for the object."
                       "\n\nobject.__setattr__(self, name, value)\n\n   Called when an attribute assignment is "
                       "attempted.\n",
        "del.txt": "The del statement\n\nDeletion of a name removes the binding of that name from the local or global "
                   "namespace.\nIf the name is unbound, a NameError exception will be raised.\nDeletion of attribute "
                   "references is passed to the primary object involved.\n"})
    assert _quoted(rag, "How do I delete an attribute by its name?")[:2] == [
        "delattr(obj, name, /)", "Deletes the named attribute from the given object."]


def test_a_word_after_a_side_letter_finds_the_function_named_so(tmp_path):
    """ "strip … from the right": str.rstrip(), whose name writes "strip" after "r"."""
    from neuraflux.core.evidence.question import name_parts

    assert name_parts("str.rstrip([chars])", ["how", "do", "i", "strip", "characters"]) == ("strip",)
    assert name_parts("str.restrip()", ["strip"]) == ()  # "re" says no side
    assert name_parts("race()", ["ace"]) == ()
    filler = "".join(f"str.m{i}()\n\n   Return a copy of the string with its characters shifted by {i}.\n\n"
                     for i in range(30))
    rag = _rag_over(tmp_path, {
        "strings.txt": "String methods\n\nstr.strip([chars])\n\n   Return a copy of the string with the leading and "
                       "trailing characters removed.\n\n" + filler + "str.rstrip([chars])\n\n   Return a copy of the "
                       "string with trailing characters removed.\n\n" + filler.replace("m", "n") +
                       "str.lstrip([chars])\n\n   Return a copy of the string with leading characters removed.\n",
        "assign.txt": "Assignment\n\nAugmented assignments evaluate the left-hand side before evaluating the "
                      "right-hand side.\nThe right-hand side expression may refer to a class attribute.\n"})
    assert "str.rstrip([chars])" in _quoted(rag, "How do I strip characters from the right?")


def test_hand_in_is_submit_and_a_brought_thing_is_the_topic(tmp_path):
    from neuraflux.core.question_text import plain_question

    assert plain_question("What do I hand in for project 1?") == "What do I submit for project 1?"
    assert plain_question("Can I hand it in late?") == "Can I submit late?"
    assert plain_question("Where do I leave my hand luggage?") == "Where do I leave my hand luggage?"
    assert plain_question("Can I cancel and get my money back?") == "Can I cancel and get a refund?"
    assert plain_question("Is there a money back guarantee?") == "Is there a money back guarantee?"
    assert plain_question("Can I get my membership money back?") == "Can I get a membership refund?"
    assert plain_question("How do I send back an online order?") == "How do I return an online order?"
    assert plain_question("What if I bring the tent back a day late?") == "What if I return the tent a day late?"
    assert plain_question("Can my 10-year-old watch a film alone?") == "Can a child aged 10 watch a film alone?"
    assert plain_question("What does a bare raise do?") == "What does raise with no expressions do?"
    assert plain_question("Where must a bare except clause go?") == "Where must except clause with no expressions go?"
    assert plain_question("Can I climb with bare hands?") == "Can I climb with bare hands?"  # no keyword
    assert plain_question("How do I chop a known prefix off a string?") == "How do I remove a known prefix a string?"
    assert plain_question("Can I take the lid off?") == "Can I take the lid off?"  # "take … off" is not cutting
    assert plain_question("How do I turn a string into bytes?") == "How do I convert a string to bytes?"
    assert plain_question("Can I turn the heating on?") == "Can I turn the heating on?"
    assert plain_question("How do I sort a list from biggest to smallest?") == "How do I sort a list in descending order?"
    assert plain_question("Can I list prices from low to high?") == "Can I list prices in ascending order?"
    assert plain_question("What is the largest file size?") == "What is the largest file size?"  # no order asked
    assert plain_question("Which datum is used if I don't give one?") == "Which datum is used by default?"
    assert plain_question("What happens if I don't pass a timeout?") == "What happens if I do not pass a timeout?"
    assert plain_question("Can my 16-year-old hire a tent?") == "Can my 16-year-old hire a tent?"  # no child
    assert plain_question("Is my 10-year-old son allowed?") == "Is my 10-year-old son allowed?"
    assert plain_question("When will I get my deposit back?") == "When will I get my deposit returned back?"
    # "back" stays: "to restore a file, copy it back from the snapshot folder"
    assert plain_question("How do I get a file back?") == "How do I get a file returned back?"
    assert plain_question("How do I take the battery out?") == "How do I remove the battery?"
    assert plain_question("Should I take out insurance?") == "Should I take out insurance?"
    assert plain_question("Why does the first run take so long?") == "Why does the first run slow?"
    assert plain_question("How long does the first run take?") == "How long does the first run take?"  # a duration
    assert plain_question("What is your SVR at the moment?") == "What is your SVR currently?"
    assert plain_question("Do I get a certificate at the end?") == "Do I get a certificate?"  # when, not what
    assert plain_question("How do I print without a newline at the end?") == \
        "How do I print without a newline at the end?"  # where the newline goes: the "end" parameter
    assert plain_question("The screen says E4, what now?") == "The screen says E4, what should I do?"
    assert plain_question("Can I do a course without paying?") == "Can I do a course for free?"
    assert plain_question("What happens at the end of the course?") == "What happens at the end of the course?"
    assert plain_question("Is the ride called off if it snows?") == "Is the ride cancelled if it snows?"
    assert plain_question("How many DVDs can I take out at once?") == "How many DVDs can I borrow at once?"
    assert plain_question("What do I get back when I call a class?") == "What is returned when I call a class?"
    assert plain_question("What replaced load_grid?") == "What is load_grid now?"  # "`load_grid()` is now `read_grid()`"
    assert plain_question("When do they get back?") == "When do they return?"  # "We expect to return at 3.30 pm"
    assert plain_question("Can you get back to me?") == "Can you get back to me?"  # a reply, not a return
    assert plain_question("How much do I get back for driving?") == "How much do I get back for driving?"
    assert plain_question("Can under 18s ride?") == "Can under 18 ride?"  # "riders under 18 need…"
    assert plain_question("Can I leave the date out?") == "Can I exclude the date?"
    assert plain_question("Can I leave my bike out overnight?") == "Can I leave my bike out overnight?"
    assert plain_question("Is it free for over-65s?") == "Is it free for over 65?"
    assert plain_question("What should I use instead of the legacy renderer?") == "What is the legacy renderer now?"
    rag = _rag_over(tmp_path, {
        "card.rst": "Library card\n============\n\nBring a photo ID and proof of address to any branch.\n"
                    "Children under 14 need a parent to sign the application.\n\nFees\n====\n\n"
                    "The card is free. If you believe a project was graded incorrectly, write to us.\n"})
    assert "photo ID" in rag.answer("What do I need to bring to sign up?").text
    assert "graded incorrectly" in rag.answer("I think my project grade is wrong").text


def test_a_word_written_joined_or_hyphenated_is_read_as_the_documents_write_it():
    from neuraflux.core.evidence.terms import evidence_terms
    from neuraflux.core.question_text import corrected
    from neuraflux.core.retrieval.analyzer import analyze

    vocabulary = set(analyze("the default wi fi network name email password router outer r"))
    fix = lambda q: corrected(q, lambda term: 1.0, vocabulary, analyze)  # noqa: E731
    assert fix("What is the default WiFi name?") == "What is the default wi-fi name?"
    assert fix("Where do I change my e-mail?") == "Where do I change my email?"
    assert fix("How do I reset my router password?") == "How do I reset my router password?"  # not "r-outer"
    school = set(analyze("the headteacher is the head of the school staff"))
    join = lambda q: corrected(q, lambda term: 1.0, school, analyze)  # noqa: E731
    assert join("Who is the head teacher?") == "Who is the headteacher?"  # "teacher" alone is never written
    assert join("Who is the head of staff?") == "Who is the head of staff?"
    assert {"5", "ghz"} <= set(evidence_terms("My plug won't join the 5GHz network"))  # as "5 GHz" is written


def test_visitors_are_guests_and_a_phone_number_is_one_to_call(tmp_path):
    rag = _rag_over(tmp_path, {
        "manual.md": "# Manual\n\n## Guest network\n\nA guest network lets people use the internet without access "
                     "to your devices. Up to 16 guests can be connected at the same time.\n\n## Bands\n\nThe router "
                     "broadcasts on 2.4 GHz and 5 GHz.\n\n## Support\n\nFor help, call 0800 123 9876 every day.\n"})
    assert "16 guests" in rag.answer("How many visitors can connect at once?").text
    assert "0800 123 9876" in rag.answer("What is the support phone number?").text


def test_a_title_in_capitals_is_a_heading_and_a_pronoun_is_no_topic(tmp_path):
    from neuraflux.core.sentences import split_units

    text = "RIVERSIDE CITY MARATHON 2027 - RUNNER INFORMATION\n\nStart numbers\nA friend can collect your number.\n"
    assert [u.kind for u in split_units(text)][:2] == ["heading", "heading"]
    assert split_units("NOTE: keep it short.\nIt is.\n")[0].kind != "heading"  # a sentence, not a title
    rag = _rag_over(tmp_path, {
        "race.txt": text + "\nMEDICAL HELP\n\nIf you feel unwell, stop running and ask a marshal for help.\n"
                           "Do not fold or bend the start number.\n\nSTART\n\nThe half marathon starts at 9:15 "
                           "from the same place.\n",
        "faq.md": "# FAQ\n\n**Do I get a medal?**\nEvery runner who finishes receives a finisher medal.\n\n"
                  "**What if the race is cancelled?**\nIf the race is cancelled, you get a 50% discount next year.\n\n"
                  "**Can I change from the marathon to the half marathon?**\nYes, until 31 August.\n"})
    assert "31 August" in rag.answer("Can I switch to the half marathon?").text
    assert "A friend can collect" in rag.answer("Can someone else collect my number for me?").text
    from neuraflux.core.evidence.question import question_weights
    idf = {None: 3.0, "collect": 1.0, "number": 0.5}.get  # "someone", "else": words no document uses
    weights = question_weights("Can someone else collect my number?", lambda term: idf(term, 3.0) if term else 3.0)
    assert max(weights, key=weights.get) == "collect"  # a pronoun is no rarer topic than what is done
    assert "finisher medal" in rag.answer("Does everyone get a medal?").text
    assert "ask a marshal" in rag.answer("What should I do if I feel sick during the race?").text
    assert "50% discount" in rag.answer("What happens if the race is cancelled?").text


def test_the_askers_relatives_are_no_topic_and_a_closure_is_when_it_closes(tmp_path):
    rag = _rag_over(tmp_path, {
        "handbook.md": "# Handbook\n\n## Collection\n\nChildren are handed over only to the people on the form. "
                       "If someone else will collect your child, call us in advance and give them the password.\n\n"
                       "## Holidays\n\nFees are charged during your family holidays. Fees are paid monthly by direct "
                       "debit.\n\n## Contact\n\nOffice: 0161 555 0147 (7:30 to 18:00). Email: office@acorns.example.\n",
        "closures-2027.csv": "date,reason\n29 March 2027,Easter Monday\n24 December 2027,Christmas Eve\n"})
    assert "password" in rag.answer("My mum will pick up my son today, what do I need to do?").text
    assert "family holidays" in rag.answer("Do I pay when we are on holiday?").text  # pay: charge
    assert "0161 555 0147" in rag.answer("What is the office phone number?").text
    assert "29 March" in rag.answer("Is the nursery closed at Easter?").text  # closed: closures
    from neuraflux.core.evidence.question import question_weights
    weights = question_weights("Can I turn off my kids' internet? My son is ill.", lambda term: 3.0)
    assert weights["kid"] > weights["son"]  # the kids' internet is the topic; the son is who asks


def test_a_command_heading_is_quoted_with_how_to_do_it_and_inline_code_is_never_cut(tmp_path):
    from neuraflux.core.sentences import split_units

    text = "Put `CREATE INDEX CONCURRENTLY` and `ALTER TYPE ... ADD VALUE` in a migration of their own. Next."
    assert [u.text for u in split_units(text)] == [text[:-6], "Next."]
    assert len(split_units("A `stray quote here. Then this. And this.")) == 3  # an unclosed one cuts nothing
    rag = _rag_over(tmp_path, {
        "commands.md": "# Commands\n\n## pgshift up\n\nApplies all pending migrations in order.\n\n"
                       "## pgshift new NAME\n\nCreates a new, empty migration file with the next number.\n\n"
                       "## pgshift down\n\nRolls back the most recent migration by running its down section. "
                       "A migration without a down section cannot be rolled back. Use `--steps N` to roll back "
                       "several migrations.\n"})
    assert rag.answer("How do I create a new migration?").text.startswith("pgshift new NAME [1]")
    answer = rag.answer("How do I roll back several migrations?").text
    assert answer.startswith("pgshift down [1]") and "--steps N" in answer  # the label takes no sentence's place


def test_a_sections_only_command_answers_how_to_and_an_option_heading_labels_its_sentence(tmp_path):
    from neuraflux.core.evidence.terms import evidence_terms

    assert evidence_terms("buses aliases") == evidence_terms("bus alias")  # plurals the stemmer parts
    rag = _rag_over(tmp_path, {
        "README.md": "# hopjs\n\nhopjs is a small HTTP client for browsers, built on fetch.\n\n## Installation\n\n"
                     "```sh\nnpm install hopjs\n```\n\n## License\n\nMIT\n",
        "api.md": "# API\n\n## Options\n\n### searchParams\n\nQuery parameters to add to the URL, as an object or a "
                  "string.\n\n### timeout\n\nHow long to wait for a response, in milliseconds.\n"})
    assert "npm install hopjs" in rag.answer("How do I install hopjs?").text
    assert "npm install" not in rag.answer("What is hopjs?").text  # a command answers only how to do something
    assert rag.answer("How do I add query parameters?").text.startswith("searchParams [1]")


def test_a_day_is_no_unknown_name_and_a_hotel_page_answers_in_its_words(tmp_path):
    from neuraflux.core.rag import search_query

    assert "comes" in search_query("Nothing comes out when I press the button")  # not the light "come"
    assert "come" not in search_query("Can my dog come to breakfast?").split()
    rag = _rag_over(tmp_path, {
        "guest-info.html": "<html><head><title>Hotel Alder</title></head><body><header><h1>Hotel Alder</h1>"
                           "<p>Harbour Road 3, 5003 Bergen</p></header><h2>Breakfast</h2><p>Breakfast is served "
                           "from 6:30 to 10:00 on weekdays. At weekends breakfast is from 7:00 to 11:00. Dogs are not "
                           "allowed in the breakfast room.</p><h2>Pets</h2><p>Dogs are welcome in selected rooms. "
                           "Please mention your dog when you book.</p><h2>Getting here</h2><p>From the bus station it "
                           "is a 5-minute walk. From the railway station it is a 15-minute walk. The sauna can be "
                           "booked at reception.</p></body></html>"})
    assert _quoted(rag, "What time is breakfast on Saturday?") == ["At weekends breakfast is from 7:00 to 11:00."]
    assert "not allowed in the breakfast room" in rag.answer("Can my dog come to breakfast?").text
    assert "Harbour Road 3" in rag.answer("What is the address of the hotel?").text
    assert _quoted(rag, "How far is the train station?") == ["From the railway station it is a 15-minute walk."]


def test_a_shop_is_a_store_and_shipping_is_delivering(tmp_path):
    rag = _rag_over(tmp_path, {
        "shipping.txt": "DELIVERY\n\nStandard delivery takes 1-2 working days. The rate is 7.90 CHF.\n"
                        "We deliver to Switzerland and Liechtenstein only.\nYou can pick up online orders in any "
                        "store for free. We keep them for 7 days. Your order is packed in our warehouse.\n",
        "tax.md": "# Filing\n\nMarried couples can choose to file jointly or separately. Returns are filed online.\n"})
    assert "pick up online orders" in rag.answer("Can I collect my order in a shop?").text
    assert "jointly" in rag.answer("Should my wife and I file together?").text


def test_every_sentence_of_a_faq_answer_reads_under_its_question(tmp_path):
    rag = _rag_over(tmp_path, {
        "faq.txt": "New starter FAQ\n\nQ: Is there a pension scheme?\nA: Yes. You are enrolled automatically after "
                   "three months. Brightwell pays 5% of your salary and you pay 4%.\n\nQ: Is there parking?\nA: Yes, "
                   "the staff car park is free. Electric vehicle chargers cost 0.20 pounds per kWh.\n\n"
                   "Q: Is lunch provided?\nA: The canteen serves hot meals from 12:00 to 14:00. Meals cost 3.50 pounds.\n"})
    assert _quoted(rag, "How much is paid into my pension?") == ["Brightwell pays 5% of your salary and you pay 4%."]
    answer = rag.answer("How much does charging my electric car cost?").text  # a car is a vehicle
    assert "0.20 pounds" in answer and "car park" not in answer
    assert "12:00 to 14:00" in rag.answer("When is the canteen open?").text


def test_a_table_row_matched_through_its_header_is_quoted_under_that_header(tmp_path):
    rag = _rag_over(tmp_path, {
        "plans.md": "# Plans\n\nCloudnest offers three plans.\n\n| | Solo | Team | Business |\n|---|---|---|---|\n"
                    "| Price | 4 USD | 9 USD | 18 USD |\n| Support | email | email and chat | phone, email and chat |\n\n"
                    "Paying yearly saves 20%.\n"})
    quoted = _quoted(rag, "Which plan has phone support?")
    assert quoted.index("Solo — Team — Business") < quoted.index("Support — email — email and chat — phone, email and chat")


def test_a_reflexive_pronoun_is_no_topic_and_electricity_is_power(tmp_path):
    rag = _rag_over(tmp_path, {
        "guide.md": "# Berth holder guide\n\n## Yard\n\nAntifouling can be done by owners in the yard. Boats can be "
                    "stored ashore in winter.\n\n## Services\n\nShore power is included in the berth fee up to 16 "
                    "amps. Fresh water is on every pontoon.\n",
        "rules.md": "# Rules\n\nEvery boat must be insured. A boat may not block the fuel berth.\n",
        "fees.md": "# Fees\n\nBerths are charged per metre of the boat's length. Lift-out of a boat costs 14 pounds.\n"})
    assert "done by owners" in rag.answer("Can I antifoul my boat myself?").text
    assert "16 amps" in rag.answer("Is electricity included?").text


def test_yearly_is_annual(tmp_path):
    rag = _rag_over(tmp_path, {
        "plans.md": "# Plans\n\nThe Team plan costs 9 USD per user. Paying yearly saves 20% on every plan.\n\n"
                    "## Version history\n\nFiles keep 30 days of version history on Solo and one year on Business.\n"})
    assert _quoted(rag, "Is there a discount for paying annually?")[:1] == ["Paying yearly saves 20% on every plan."]


def test_a_small_folder_answers_on_less_of_the_question_than_a_large_collection(tmp_path):
    from neuraflux.core.extractive import SMALL_COLLECTION_COVERAGE, collection_options

    assert collection_options(3.0).min_coverage == SMALL_COLLECTION_COVERAGE < collection_options(7.9).min_coverage
    rag = _rag_over(tmp_path, {
        "plans.md": "# Plans\n\nCloudnest offers three plans. You can switch between them at any time; the price "
                    "difference is charged pro rata.\n\n| | Solo | Team |\n|---|---|---|\n| Price | 4 USD | 9 USD |\n",
        "sync.md": "# Syncing\n\nThe desktop app keeps a folder in sync. It runs on Windows 10 and 11, macOS 13 or later.\n"})
    assert rag.extractive.min_coverage == SMALL_COLLECTION_COVERAGE
    assert "switch between them" in rag.answer("Can I switch plans later?").text  # not "macOS 13 or later"
    assert rag.answer("What is a good recipe for pancakes?").abstained


def test_a_small_folder_falls_back_to_a_sentence_covering_less_unless_a_value_is_asked_for(tmp_path):
    from neuraflux.core.extractive import SMALL_COLLECTION_FALLBACK, collection_options

    assert collection_options(3.0).fallback_coverage == SMALL_COLLECTION_FALLBACK
    assert collection_options(7.9).fallback_coverage is None
    (tmp_path / "tip").mkdir()
    (tmp_path / "garden").mkdir()
    (tmp_path / "site").mkdir()
    bins = _rag_over_folder(tmp_path / "tip", "own_docs123")  # a council's recycling: what goes in which bin
    assert "food tins" in bins.answer("Should I wash out tins before recycling them?").text
    garden = _rag_over_folder(tmp_path / "garden", "own_docs9")  # not "… for two months gets a warning" (30%)
    assert garden.answer("How many bones are in the human body?").abstained
    # two words beyond the scaffold, one of them missed, is half the question missed: no fallback
    site = _rag_over_folder(tmp_path / "site", "own_docs58")  # a campsite: "Fresh bread can be ordered at reception…"
    assert site.answer("How do I bake bread?").abstained
    site.extractive = replace(site.extractive, fallback_words=2)
    assert not site.answer("How do I bake bread?").abstained


def test_a_trial_is_trying(tmp_path):
    rag = _rag_over(tmp_path, {
        "club.md": "# Swimming club\n\nThe club trains at the Eastgate pool. Everyone from age 7 is welcome.\n\n"
                   "## Joining\n\nNew swimmers come for two free trial sessions. Fill in the form at the desk.\n"})
    assert "trial sessions" in rag.answer("Can my child try it before joining?").text
    assert "Eastgate pool" in rag.answer("Where does the club train?").text


def test_turning_a_machine_on_is_switching_it_on(tmp_path):
    rag = _rag_over(tmp_path, {
        "manual.md": "# Manual\n\n## Battery\n\nTo remove it, turn the key to the left and tilt the battery out.\n\n"
                     "## Display\n\nPress the power button on the display to switch the system on. The bike has disc "
                     "brakes.\n"})
    assert "power button" in rag.answer("How do I turn the bike on?").text


def test_a_numbered_title_over_a_blank_line_is_a_heading_and_a_line_label_reads_with_its_sentences(tmp_path):
    from neuraflux.core.sentences import split_units

    text = ("WM-714 WASHING MACHINE\n\n1. Before first use\n\nRemove the three transport bolts at the back.\n\n"
            "3. Programmes\n\nCotton: for towels and bed linen, at 30 to 90 degrees. Maximum load 7 kg.\n"
            "Quick 15': for lightly soiled clothes, at 20 degrees. Maximum load 2 kg. The cycle lasts 15 minutes.\n"
            "Eco 40-60: washes mixed cotton loads over a longer time.\n\n9. Technical data\n\n"
            "Weight: 68 kg. Maximum spin speed: 1400 rpm. Noise when spinning: 74 dB.\n")
    units = split_units(text)
    assert [u.kind for u in units if u.text.startswith(("1. Before", "3. Programmes"))] == ["heading", "heading"]
    rag = _rag_over(tmp_path, {"manual.txt": text, "other.txt": "Other\n\nNothing about washing here at all.\n"})
    assert "transport bolts" in rag.answer("What do I need to do before using it for the first time?").text
    assert "7 kg" in rag.answer("How much laundry can I put in on the cotton programme?").text
    assert "15 minutes" in rag.answer("How long does the quick wash take?").text
    assert _quoted(rag, "How loud is it?") == ["Noise when spinning: 74 dB."]  # loudness is noise, in decibels


def test_an_acronym_the_documents_never_use_is_read_as_the_words_they_spell_it_with(tmp_path):
    from neuraflux.core.question_text import spelled_out

    texts = ["Business: $15 per member per month, with single sign-on and audit logs.", "Team: $8 a month.",
             "Two-factor authentication is required for email and the VPN."]
    idf = {None: 3.0, "plan": 0.5, "vat": 1.0}.get
    expand = lambda q: spelled_out(q, lambda t: idf(t, 3.0) if t else 3.0, lambda text, k: texts)  # noqa: E731
    assert expand("Which plan has SSO?") == "Which plan has single sign-on?"
    assert expand("Is VAT included?") == "Is VAT included?"  # the documents write "VAT"
    assert expand("Which plan has XYZ?") == "Which plan has XYZ?"  # nothing spells it out
    assert expand("Which systems need 2FA?") == "Which systems need Two-factor authentication?"
    assert expand("Is it OK?") == "Is it OK?"  # two letters: too short to tell
    idf = {None: 3.0, "pull": 1.0, "request": 1.0}.get
    assert expand("How long until someone looks at my PR?") == "How long until someone looks at my pull request?"
    assert expand("Where do I send my CV?") == "Where do I send my CV?"  # a known two-letter one the documents never spell out
    rag = _rag_over(tmp_path, {
        "plans.md": "# Plans\n\n- **Team**: $8 per member per month.\n- **Business**: $15 per member per month, "
                    "with single sign-on and audit logs.\n",
        "help.md": "# Help\n\nWrite to support for anything else about your plan.\n"})
    assert "single sign-on" in rag.answer("Which plan has SSO?").text
    scanned = []
    matching = lambda pattern: scanned.append(pattern) or ["Annual general meeting: 18 November at 7 pm."]  # noqa: E731
    nothing = lambda text, k: []  # noqa: E731
    assert spelled_out("When is the AGM?", lambda t: 3.0, nothing, matching) == "When is the Annual general meeting?"
    assert spelled_out("When is the AGM?", lambda t: 3.0, nothing) == "When is the AGM?"  # nothing to scan
    assert spelled_out("Who is the CEO of Acme?", lambda t: 3.0, nothing, matching) == "Who is the CEO of Acme?"
    assert len(scanned) == 1  # scanned only when nothing but the acronym is asked about
    (tmp_path / "club").mkdir()
    rag = _rag_over(tmp_path / "club", {
        "dates.md": "# Key dates\n\nAnnual general meeting: Wednesday 18 November at 7 pm.\n\n"
                    "Seed swap: Saturday 14 March.\n",
        "rules.md": "# Rules\n\nDogs must be kept on a lead.\n"})
    assert "18 November" in rag.answer("When is the AGM?").text


def test_a_pr_is_a_pull_request_and_become_weighs_as_little_as_someone(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs82")  # an open-source project's contributing guide, security policy, governance
    assert "five working days" in rag.answer("How long until someone looks at my PR?").text
    assert "nominated by an existing maintainer" in rag.answer("How does someone become a maintainer?").text


def test_a_word_typed_without_its_accent_and_a_picture_taken_are_what_the_page_says(tmp_path):
    rag = _rag_over(tmp_path, {
        "visit.md": "# Plan your visit\n\nThe museum is open from 10:00 to 17:00.\n\n"
                    "## During your visit\n\nPhotography is allowed without flash, but not in "
                    "the Gold Room. The café on the top floor serves lunch from 11:30 to 15:00.\n\n## Tickets\n\n"
                    "An adult ticket costs 16 euros.\n",
        "shop.md": "# Shop\n\nThe shop sells books, maps and models of ships.\n"})
    assert "11:30 to 15:00" in rag.answer("When is the cafe open for lunch?").text  # "café" as typed on a phone
    assert "without flash" in rag.answer("Can I take pictures?").text  # pictures are photographs


def test_frozen_is_freeze_and_a_verb_in_en_is_its_adjective(tmp_path):
    from neuraflux.core.retrieval.analyzer import analyze
    from neuraflux.core.retrieval.lemmas import base_terms

    assert base_terms(analyze("frozen thickens")) == base_terms(analyze("freeze thick"))
    assert base_terms(analyze("frozenset")) == ["frozenset"]
    rag = _rag_over(tmp_path, {
        "pizza.md": "# Pizza dough\n\nKnead for 10 minutes until the dough is smooth.\n\n## Tips\n\nThe dough balls "
                    "can be frozen for up to a month; thaw them overnight in the fridge.\n",
        "soup.md": "# Red lentil soup\n\nSimmer for 25 minutes.\n\n## Tips\n\nIt thickens as it stands; add a little "
                   "water when you reheat it. It keeps for five days in the fridge.\n"})
    assert "up to a month" in rag.answer("Can I freeze pizza dough?").text
    assert "add a little water" in rag.answer("My soup got too thick, what do I do?").text


def test_a_superlative_a_weather_word_buying_and_a_kind_of_drink_find_what_the_page_says(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs69")  # walks: a table, trail pages, a centre
    assert "Loch Shore Path" in rag.answer("Which walk is the easiest?").text
    assert "Corrie Wood" in rag.answer("What should I do if it's very windy on the ridge?").text
    assert "sold in the centre" in rag.answer("Where can I buy a map?").text
    (tmp_path / "expenses").mkdir()
    rag = _rag_over(tmp_path / "expenses", {
        "policy.md": "# Expenses\n\n## Meals\n\nWhen you travel overnight, you can claim up to 40 pounds a day for "
                     "meals. Alcohol is not reimbursed. Client dinners need prior approval from a director.\n\n"
                     "## Taxis\n\nTaxis are reimbursed only when there is no reasonable public transport.\n"})
    assert "Alcohol is not reimbursed" in rag.answer("Can I claim for beer with dinner?").text  # beer is alcohol


def test_warm_hot_and_cold_ask_for_a_temperature(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs68")  # three recipes that share their words
    assert "at least 250 °C" in rag.answer("How hot should the oven be for pizza?").text  # not the loaf's 175 °C


def test_which_days_asks_for_a_day_and_at_the_end_asks_for_nothing(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs81")  # a language school: courses page, FAQ, start dates
    assert "Tuesday and Thursday" in rag.answer("Which days is the evening course on?").text  # not "30 days before"
    assert "certificate of attendance" in rag.answer("Do I get a certificate at the end?").text


def test_a_synonym_in_the_heading_a_sentence_sits_under_covers_the_question(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs83")  # a thermostat: "The display shows E4" over its remedy
    assert "sensor is faulty" in rag.answer("The screen says E4, what now?").text
    (tmp_path / "cli").mkdir()
    rag = _rag_over_folder(tmp_path / "cli", "own_docs72")  # a command's --help text
    assert "IMGSHRINK_QUALITY" in rag.answer("How can I set the default quality with an environment variable?").text


def test_a_fee_is_a_price_or_subscription_and_a_wheelchair_asks_about_steps_and_ramps(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs84")  # a choir: a Word handbook, a concerts table, contacts
    assert "90 pounds a term" in rag.answer("How much are the fees?").text
    assert "portable ramp" in rag.answer("Is St Anne's Church wheelchair accessible?").text


def test_what_a_product_uses_or_supports_is_a_technical_name():
    from neuraflux.core.answer_types import holds_type

    assert holds_type("name", "Your vault is encrypted with AES-256.") and holds_type("name", "It needs PostgreSQL 15.")
    assert holds_type("name", "The sensor head is rated IP65.") and holds_type("name", "Files are read as UTF-8.")
    assert not holds_type("name", "The None value is returned.")  # one capital: a word opening a name or sentence
    assert not holds_type("name", "Python is easy to read.")


def test_staff_internet_and_closing_an_account_read_as_the_documents_say_them(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs85")  # a password manager: security page, plans table, help
    assert "staff cannot read your passwords" in rag.answer("Can your employees see my passwords?").text
    assert "without a connection" in rag.answer("Can I use it without internet?").text
    assert "Delete account" in rag.answer("How do I close my account?").text
    (tmp_path / "cli").mkdir()
    rag = _rag_over_folder(tmp_path / "cli", "own_docs72")  # a command's --help text
    assert "JPEG, PNG and WebP" in rag.answer("Which image formats does it support?").text


def test_pay_finds_payment_and_how_long_is_not_answered_by_longer(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs86")  # a garage: about page, prices CSV, Q:/A: FAQ
    assert "when you collect the car" in rag.answer("When do I pay?").text
    assert "3 hours" in rag.answer("How long does a full service take?").text  # not "For longer jobs … two years"


def test_a_description_that_leaves_its_subject_to_the_term_above_is_quoted_with_it(tmp_path):
    rag = _rag_over(tmp_path, {
        "glossary.html": "<html><body><h1>Mortgage glossary</h1><dl><dt>Standard variable rate (SVR)</dt><dd>The rate "
                         "you move to when a fixed or tracker deal ends. Our SVR is currently 7.49%.</dd>"
                         "<dt>Porting</dt><dd>Taking your existing mortgage deal with you when you move house. Porting "
                         "needs a new application.</dd></dl></body></html>",
        "fees.md": "# Fees\n\nThe arrangement fee is 999 pounds on fixed-rate mortgages.\n"})
    assert _quoted(rag, "What happens when my fixed deal ends?")[:2] == [
        "Standard variable rate (SVR)", "The rate you move to when a fixed or tracker deal ends."]


def test_a_man_page_reads_each_option_under_its_own_term_and_wrapped_rows_whole():
    from neuraflux.core.sentences import split_units

    text = ("COMMANDS\n       add FILE        Add a snippet from FILE, or from standard input when\n"
            "                       FILE is \"-\".\n       show ID         Print a snippet.\n\n"
            "OPTIONS\n       -l, --library DIR\n              Use the library in DIR.\n"
            "       --no-color\n              Do not colour the output. The NO_COLOR variable\n"
            "              has the same effect.\n")
    units = split_units(text)
    assert [(u.kind, u.term, u.text) for u in units if u.kind in ("table", "prose")] == [
        ("table", "", 'add FILE — Add a snippet from FILE, or from standard input when FILE is "-".'),
        ("table", "", "show ID — Print a snippet."),
        ("prose", "-l, --library DIR", "Use the library in DIR."),
        ("prose", "--no-color", "Do not colour the output."),
        ("prose", "--no-color", "The NO_COLOR variable has the same effect.")]
    assert all(" ".join(text[u.start:u.end].split()).startswith(u.text.split(" — ")[0]) for u in units)


def test_a_plain_text_two_column_list_is_read_row_by_row(tmp_path):
    from neuraflux.core.sentences import split_units

    text = ("EXIT STATUS\n    0   all images were processed\n    1   at least one image could not be read\n"
            "    2   invalid options\n\nDESCRIPTION\n    It shrinks images.  Two spaces after a stop are prose.\n"
            "    They stay one paragraph.\n")
    units = split_units(text)
    assert [u.text for u in units if u.kind == "table"] == [
        "0 — all images were processed", "1 — at least one image could not be read", "2 — invalid options"]
    assert all(text[u.start:u.end].startswith(u.text[0]) for u in units)  # offsets still point at the line
    assert [u.kind for u in units if "spaces" in u.text or "paragraph" in u.text] == ["prose", "prose"]
    rag = _rag_over(tmp_path, {"help.txt": text, "other.txt": "Other\n\nNothing about exit codes here.\n"})
    assert _quoted(rag, "What does exit status 1 mean?") == ["1 — at least one image could not be read"]


def test_a_bullet_written_with_two_spaces_is_a_list_item_not_a_two_column_row(tmp_path):
    from neuraflux.core.sentences import split_units

    text = ("See Also\n--------\n\n-  `Underscore.js <https://underscorejs.org/>`__: A similar library for\n"
            "   JavaScript\n-  `Enumerable <https://ruby-doc.org/>`__: A similar library for Ruby\n"
            "-  `itertools <https://docs.python.org/>`__: The Python standard library for iterator tools\n")
    units = [u for u in split_units(text) if u.kind != "heading"]
    assert [u.kind for u in units] == ["prose", "prose", "prose"]
    assert units[0].text.startswith("- `Underscore.js") and units[0].text.endswith("for JavaScript")
    rag = _rag_over(tmp_path, {"README.rst": "Toolz\n=====\n\nUtility functions.\n\n" + text,
                               "other.txt": "Other\n\nNothing about other languages here.\n"})
    assert _quoted(rag, "What is a similar library for JavaScript?")[0].startswith("- `Underscore.js")


def test_a_bare_rest_literal_marker_is_no_sentence():
    from neuraflux.core.sentences import split_units

    text = "Installation\n------------\n\n::\n\n    pip install funcy\n\nUsage\n-----\n\nImport it::\n\n    import funcy\n"
    units = split_units(text)
    assert [(u.kind, u.text.strip()) for u in units if u.kind != "heading"] == [
        ("code", "pip install funcy"), ("prose", "Import it::"), ("code", "import funcy")]


def test_a_commands_help_in_a_rest_literal_block_is_read_as_that_text(tmp_path):
    from neuraflux.core.sentences import split_units

    text = ("Usage\n=====\n\nOptions::\n\n    usage: tidyup [-h] [-i] [--max-line-length n] [files ...]\n\n"
            "    Tidies Python code.\n\n    optional arguments:\n      -h, --help            show this help message and exit\n"
            "      -i, --in-place        make changes to files in place\n"
            "      --max-line-length n   set maximum allowed line length (default:\n"
            "                            79)\n\nFeatures\n========\n\ntidyup fixes whitespace.\n")
    rows = [u.text for u in split_units(text) if u.kind == "table"]
    assert rows == ["-h, --help — show this help message and exit", "-i, --in-place — make changes to files in place",
                    "--max-line-length n — set maximum allowed line length (default: 79)"]
    rag = _rag_over(tmp_path, {"README.rst": "tidyup\n======\n\nA code tidier.\n\n" + text,
                               "other.md": "# Other\n\nNothing about code here.\n"})
    assert "(default: 79)" in rag.answer("What is the default maximum line length?").text


def test_a_pydoc_page_pasted_in_a_readme_fence_is_read_as_the_page(tmp_path):
    from neuraflux.core.documents import help_page_text

    page = ("NAME\n    gridtext - module to draw plain text grids\n\nFILE\n    /usr/lib/python3/gridtext.py\n\n"
            "CLASSES\n    class Grid\n     |  Methods defined here:\n     |\n     |  add_row(self, cells)\n"
            "     |      Add a row to the grid.\n     |\n     |  render(self)\n     |      Draw the grid as one string.\n")
    text = "# gridtext\n\nPlain text grids.\n\n## Documentation\n\n```\n" + page + "```\n\n## License\n\nMIT.\n"
    read = help_page_text(text)
    assert len(read) == len(text) and "|  add_row" not in read and "/usr/lib" not in read  # margin, FILE blanked
    assert help_page_text(text.replace("```\nNAME", "```python\nNAME")) == text.replace("```\nNAME", "```python\nNAME")
    rag = _rag_over(tmp_path, {"README.md": text, "other.md": "# Other\n\nNothing about grids here.\n"})
    answer = rag.answer("How do I add a row?").text
    assert "add_row(self, cells)" in answer and "Add a row to the grid." in answer and "```" not in answer


def test_a_commands_help_after_a_colon_is_read_row_by_row_not_as_code(tmp_path):
    from neuraflux.core.sentences import split_units

    text = ("usage: snapfold [-h] COMMAND ...\n\ncommands:\n  take        take a snapshot now\n"
            "  list        list snapshots, newest first\n\noptions:\n  -h, --help      show this help message and exit\n"
            "  -c FILE, --config FILE\n                  read settings from FILE instead of ~/.snapfold.yaml\n\n"
            "Example:\n    snapfold take\n    snapfold list\n\nSettings:\n    store = /srv/snaps\n    keep = 14\n")
    units = split_units(text)
    assert [u.text for u in units if u.kind == "table"] == [
        "take — take a snapshot now", "list — list snapshots, newest first",
        "-h, --help — show this help message and exit",
        "-c FILE, --config FILE — read settings from FILE instead of ~/.snapfold.yaml"]
    assert all(text[u.start:u.end].startswith(u.text.split(" — ")[0]) for u in units if u.kind == "table")
    assert [u.kind for u in units if "snapfold take" in u.text or "store =" in u.text] == ["code", "code"]
    listed = ("dir([object])\n\n   The default logic returns:\n     for a module object: the module's attributes.\n"
              "     for a class object:  its attributes, and recursively the attributes\n       of its bases.\n")
    assert [(u.kind, u.text) for u in split_units(listed)][-2:] == [  # a docstring's labelled list, not code
        ("table", "for a module object — the module's attributes."),
        ("table", "for a class object — its attributes, and recursively the attributes of its bases.")]
    assert [u.kind for u in split_units("Set it so:\n    mode: fast\n    limit: 3\n")][-1] == "code"  # no sentences
    rag = _rag_over_folder(tmp_path, "own_docs176")  # a backup tool's --help text and YAML settings
    assert "list snapshots, newest first" in rag.answer("How do I see what snapshots I have?").text
    assert "show files that changed" in rag.answer("How can I compare two snapshots?").text  # compare: diff
    assert "node_modules" in rag.answer("Which files are left out of snapshots?").text  # left out: excluded


def test_bigger_is_enlarged_and_replacing_a_file_is_overwriting_it(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs72")  # a command's --help text
    assert "not enlarged" in rag.answer("Will small images be made bigger?").text
    assert "--in-place" in rag.answer("How do I replace the original files?").text


def test_a_list_items_bold_lead_reads_with_its_later_sentences_and_friends_are_guests(tmp_path):
    rag = _rag_over(tmp_path, {
        "members.md": "# Members' guide\n\n## Inductions\n\nBefore you use a machine you need an induction for it:\n\n"
                      "- **Laser cutter**: 1 hour, €15. Held on Tuesdays at 18:00.\n"
                      "- **Wood shop** (table saw, planer): 2 hours, €25. Held on the first Saturday of the month.\n"
                      "- **CNC router**: 3 hours, €40. Only after the wood shop induction.\n\n## Guests\n\n"
                      "Members can bring up to two guests at a time. Guests may not use the machines.\n",
        "other.md": "# Storage\n\nEvery member gets one 40-litre storage box on the shelves.\n"})
    assert "first Saturday of the month" in rag.answer("When are wood shop inductions?").text
    assert "two guests" in rag.answer("How many friends can I bring?").text


def test_people_and_usually_weigh_as_function_words_and_upfront_is_in_advance(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs76")  # a driving school's numbered FAQ
    assert "45 hours" in rag.answer("How many hours of lessons do people usually need?").text
    assert "390 pounds" in rag.answer("Is there a discount if I pay for 10 hours upfront?").text


def test_a_question_word_the_documents_never_use_is_matched_by_a_word_close_in_meaning(tmp_path):
    from neuraflux.core.evidence.question import question_terms
    from neuraflux.core.evidence.ranking import related_terms

    idf = {None: 3.0, "cover": 1.0, "bike": 1.0}.get
    weigh = lambda term: idf(term, 3.0) if term else 3.0  # noqa: E731  "stolen", "france": words no document uses
    q = question_terms("Is my bike covered if it is stolen?", weigh)
    assert related_terms("Is my bike covered if it is stolen?", q, ["Theft of bikes is covered."], weigh, 0.7) == {
        "steal": frozenset({"theft"})}
    q = question_terms("Is my bike covered in France?", weigh)
    assert related_terms("Is my bike covered in France?", q, ["Prices are in euros and French law applies."],
                         weigh, 0.7) == {}  # a name: no other word stands for it
    texts = ["Classes have at most eight people.", "Call 0161 555 0199 to book."]
    q = question_terms("What number do I call to book?", weigh)
    assert "number" in q.type_terms and related_terms("What number do I call to book?", q, texts, weigh, 0.7) == {}
    rag = _rag_over_folder(tmp_path, "own_docs11")  # bike sharing: e-bikes "cost" more, nothing is "expensive"
    assert "0.10" in rag.answer("Are electric bikes more expensive?").text


def test_a_value_of_a_list_is_quoted_under_the_sentence_introducing_it(tmp_path):
    rag = _rag_over(tmp_path, {"README.md": (
        "# humanize\n\n- [Usage](#usage)\n- [Localization](#localization)\n\nThis package turns numbers into "
        "friendly text. It is localized to:\n\n- Arabic\n- Basque\n- Klingon\n- Korean\n\n## Usage\n\n"
        "Call naturalsize to show a file size.\n\n## Localization\n\nBy default, `activate()` will:\n\n"
        "- Read the catalog of the locale.\n- **Not fall back** to English when a phrase is missing.\n")})
    assert _quoted(rag, "Is humanize available in Klingon?")[:2] == ["It is localized to:", "- Klingon"]
    quoted = _quoted(rag, "Does activate fall back to English?")
    assert quoted[:2] == ["By default, `activate()` will:", "- **Not fall back** to English when a phrase is missing."]
    assert not any("](#" in sentence for sentence in _quoted(rag, "What is in the usage section?"))
    # an item that leaves its sentence open ("* comments,") is quoted under the sentence it goes on
    rag = _rag_over(tmp_path / "future", {
        "future.md": "# Future statements\n\nA future statement must appear near the top of the module. The only "
                     "lines that can appear before a future statement are:\n\n* the module docstring (if any),\n"
                     "* comments,\n* blank lines, and\n* other future statements.\n\nThe feature list grows with "
                     "each release.\n",
        "other.md": "# Modules\n\nA module is a file of Python code.\n"})
    assert _quoted(rag, "How do I write comments?") == [
        "The only lines that can appear before a future statement are:", "* comments,"]


def test_a_command_after_a_shell_prompt_answers_how_to_wherever_it_is(tmp_path):
    rag = _rag_over(tmp_path, {"README.rst": (
        "chronic\n=======\n\nPython job scheduling for humans.\n\nUsage\n-----\n\n.. code-block:: bash\n\n"
        "    $ pip install chronic\n\n.. code-block:: python\n\n    import chronic\n\n"
        "    chronic.every(10).minutes.do(job)\n    while True:\n        chronic.run_pending()\n\n"
        "Meta\n----\n\nDistributed under the MIT license.\n")})
    assert _quoted(rag, "How do I install chronic?") == ["    $ pip install chronic"]


def test_a_short_example_that_is_all_its_section_holds_answers_how_to(tmp_path):
    rag = _rag_over(tmp_path, {"README.md": (
        "# humanise\n\nFriendly text for numbers and dates.\n\n## Integer humanisation\n\n```pycon\n"
        ">>> humanise.intcomma(12345)\n'12,345'\n```\n\n## File size humanisation\n\n```pycon\n"
        ">>> import humanise\n>>> humanise.naturalsize(1_000_000)\n'1.0 MB'\n"
        ">>> humanise.naturalsize(1_000_000, binary=True)\n'976.6 KiB'\n```\n")})
    assert any("binary=True" in s for s in _quoted(rag, "How do I show a file size in binary units?"))


def test_a_sentence_saying_what_the_command_before_it_does_answers_with_it(tmp_path):
    rag = _rag_over(tmp_path, {"README.md": (
        "# humanise\n\nFriendly text for numbers.\n\n## Translations\n\nHow to add new phrases to the catalogs:\n\n"
        "```sh\nscripts/refresh-catalogs.sh\n```\n\nThis extracts new phrases from the source code and merges them "
        "into each locale's file.\n\nHow to add a new locale:\n\n```sh\nmsginit -i humanise.pot\n```\n")})
    assert _quoted(rag, "What does refresh-catalogs.sh do?") == [
        "```sh\nscripts/refresh-catalogs.sh\n```",
        "This extracts new phrases from the source code and merges them into each locale's file."]


def test_a_how_to_sentence_is_quoted_with_the_command_after_its_paragraph(tmp_path):
    rag = _rag_over(tmp_path, {"README.md": (
        "# Quill Slugs\n\nSlug generation for Python.\n\n## Quickstart\n\nInstall **quill-slugs**, import **quill**. "
        "Other similarly named distributions are not this package.\n\n```sh\npython -m pip install --upgrade quill-slugs\n"
        "```\n\n```python\nfrom quill import slugify\nslugify('Hello world')\n```\n\n## Support\n\n"
        "Python 3.10 or newer is required.\n")})
    quoted = _quoted(rag, "How do I install quill-slugs?")
    assert "```sh\npython -m pip install --upgrade quill-slugs\n```" in quoted
    assert not any("from quill import" in sentence for sentence in quoted)  # the example writes too few of its words


def test_a_command_that_lists_something_shows_it(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs40")  # a migration tool's README and docs/ folder
    assert "pgshift status" in rag.answer("Which command shows which migrations are applied?").text


def test_a_sentence_naming_what_is_asked_brings_the_value_after_it(tmp_path):
    rag = _rag_over(tmp_path, {
        "configuration.rst": "Configuration\n=============\n\n``thumbnail_size``\n    The long side of generated "
                             "thumbnails, in pixels. Default: 512.\n\n``trash_days``\n    How long deleted photos stay "
                             "in the trash before they are removed for good. Default: 30.\n",
        "install.md": "# Installing\n\nRun the installer and open the web page it prints.\n"})
    quoted = _quoted(rag, "How long do deleted photos stay in the trash?")
    assert "How long deleted photos stay in the trash before they are removed for good." in quoted
    assert "Default: 30." in quoted and "Default: 512." not in quoted


def test_the_sentence_going_on_with_a_question_word_the_best_leaves_out_is_quoted(tmp_path):
    rag = _rag_over(tmp_path, {
        "README.md": "# shrinkpix\n\nResize photos for the web.\n\n## Options\n\n"
                     "- `--quality Q`: JPEG quality from 1 to 100 (default 82).\n"
                     "- `--strip`: remove EXIF data, including GPS location. Off by default.\n"
                     "- `--out DIR`: write the results to DIR. Created when missing.\n",
        "install.md": "# Installing\n\nRun `pip install shrinkpix` and then `shrinkpix --help`.\n"})
    quoted = _quoted(rag, "Is EXIF data removed by default?")
    assert quoted[:2] == ["- `--strip`: remove EXIF data, including GPS location.", "Off by default."]
    assert "Created when missing." not in quoted  # says no question word


def test_a_copyright_year_dates_nothing_a_question_asks_about(tmp_path):
    from neuraflux.core.answer_types import holds_type

    assert not holds_type("date", "© 2026 Tallow Outdoor Ltd.") and not holds_type("date", "Copyright (c) 2013-2017 by Sam")
    assert holds_type("date", "Released in 2026.") and holds_type("date", "(c) 2020 Quill, updated 3 May 2021")
    page = ("<h1>Returns &amp; Refunds</h1><p>You can return any unused item within <strong>60 days</strong> of delivery "
            "for a full refund.</p><h2>How to return an item</h2><ol><li>Sign in and open <em>My orders</em>.</li><li>"
            "Choose <b>Return items</b> and print the prepaid label.</li></ol><h2>Refund times</h2><p>Refunds reach your "
            "card 3&ndash;5 working days after we receive the parcel. Gift cards are refunded as store credit.</p>"
            "<footer><p>&copy; 2026 Tallow Outdoor Ltd. All rights reserved.</p></footer>")
    answer = _rag_over(tmp_path, {"returns.html": page}).answer("When will I get my money back?").text
    assert "Refunds reach your card 3–5 working days" in answer and "©" not in answer


def test_a_holiday_is_read_as_its_date_and_when_to_arrive_is_a_time():
    from neuraflux.core.answer_types import holds_type, question_type
    from neuraflux.core.question_text import dated_holidays

    pages = ["There is no event on 25 December; on 1 January the start is at 10:00."]
    about = lambda text, top_k: pages  # noqa: E731
    assert dated_holidays("Is there a run on Christmas Day?", about) == "Is there a run on 25 December?"
    assert dated_holidays("What time is the New Year's Day run?", about) == "What time is the 1 January run?"
    assert dated_holidays("Are you open on Christmas Eve?", lambda text, top_k: ["Closed on Christmas Eve."]) == \
        "Are you open on Christmas Eve?"  # the documents name it
    assert question_type("When should marshals arrive?") == question_type("When do results come out?") == "date"
    assert question_type("When can I visit the apiary?") == "date"  # the days or hours one may
    assert holds_type("date", "New patients are asked to arrive 15 minutes early.")
    assert not holds_type("date", "A booking can be made up to 180 days in advance.")  # a span, not a moment


def test_how_long_is_not_answered_by_a_length_in_a_heading(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs118")  # a sick-pay table under "Length of service"
    answer = rag.answer("How long is maternity leave on full pay?").text
    assert "16 weeks of maternity or adoption leave on full pay" in answer


def test_a_unit_covering_clearly_more_of_the_question_wins_if_it_scores_well_enough():
    from types import SimpleNamespace

    from neuraflux.core.evidence import Evidence
    from neuraflux.core.extractive import ExtractiveOptions, best_evidence

    def unit(score, coverage):
        return Evidence(1, "d", SimpleNamespace(text=f"{score}"), score, coverage)

    # "How do I log in to the printers?": six sentences about printing, then "You log in with your card"
    evidence = [unit(2.16, 0.45)] * 6 + [unit(1.84, 0.85)]
    assert best_evidence(evidence, ExtractiveOptions(min_coverage=0.4)) is evidence[6]
    evidence = [unit(2.16, 0.45)] * 6 + [unit(1.4, 0.85)]  # 65% of its score ("What version … does it need?")
    assert best_evidence(evidence, ExtractiveOptions(min_coverage=0.4)) is evidence[6]
    evidence = [unit(2.16, 0.45)] * 6 + [unit(1.2, 0.85)]  # scoring much less: the best stays
    assert best_evidence(evidence, ExtractiveOptions(min_coverage=0.4)) is evidence[0]


def test_a_difference_question_does_not_prefer_a_sentence_for_its_contrast_word():
    from types import SimpleNamespace

    from neuraflux.core.evidence import Evidence
    from neuraflux.core.extractive import ExtractiveOptions, best_evidence

    display = Evidence(1, "lists", SimpleNamespace(text="A list display yields a new list object"), 3.0, 0.9,
                       holds_type=False)
    other = Evidence(2, "dict", SimpleNamespace(text="A dict comprehension, in contrast to list…"), 2.0, 0.6,
                     holds_type=True)
    options = ExtractiveOptions()
    question = "What is the difference between a list display and a list comprehension?"
    assert best_evidence([display, other], options, question) is display
    assert best_evidence([display, other], options, "Who keeps the sheet music?") is other  # a value: typed first


def test_how_big_asks_for_a_size_not_for_the_word_larger(tmp_path):
    rag = _rag_over(tmp_path, {
        "rules.md": "# Rules for plot holders\n\n## Structures\n\nSheds may be no larger than 2.4 by 1.8 metres and no "
                    "taller than 2.2 metres. Concrete bases are not allowed.\n\n## Water\n\nHosepipes may be used only "
                    "to fill water butts.\n",
        "fees.csv": "Plot size,Annual rent,Deposit\nFull plot (250 square metres),96 pounds,50 pounds\n"
                    "Half plot (125 square metres),52 pounds,50 pounds\n"})
    assert "250 square metres" in rag.answer("How big is a full plot?").text
    # a setting whose comment counts in a unit holds a duration
    rag = _rag_over(tmp_path / "a", {
        "config.toml": "[fetch]\n# minutes between automatic fetches\ninterval = 30\n# how many feeds at once\n"
                       "workers = 4\n",
        "README.md": "# tidyfeed\n\nRun `tidyfeed fetch` to update every feed.\n"})
    assert "interval = 30" in rag.answer("How often are feeds fetched?").text


def test_the_page_title_is_not_quoted_as_the_signature_above_an_answer(tmp_path):
    rag = _rag_over(tmp_path, {
        "FAQ.md": "# tablewise FAQ\n\n**Which Python versions are supported?**\nPython 3.10 to 3.13. Support for 3.9 "
                  "ended with tablewise 1.3.\n\n**Is tablewise free for commercial use?**\nYes. It is released under "
                  "the Apache 2.0 licence.\n",
        "guide.md": "# Getting started\n\nRead a file with `tw.read(path)`.\n"})
    answer = rag.answer("Which Python version does tablewise need?").text
    assert "3.10 to 3.13" in answer and "tablewise FAQ" not in answer


def test_a_season_is_answered_by_the_months_it_spans(tmp_path):
    rag = _rag_over(tmp_path, {
        "centre.txt": "Thornbury Recycling Centre\n\nOpening times: 8 am to 6 pm from April to September, 8 am to "
                      "4 pm from October to March. You need to book a slot online before you visit.\n",
        "bins.txt": "Bin collections\n\nPut your bins out by 7 am on your collection day. Garden waste is collected "
                    "every two weeks from March to November.\n"})
    assert "8 am to 4 pm from October to March" in rag.answer("What time does the tip close in winter?").text


def test_the_project_a_question_names_generically_is_not_what_it_is_about(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs150")  # a man page and a CONTRIBUTING.md that never say "project"
    assert "gofmt" in rag.answer("What formatter does the project use?").text


def test_a_fares_table_written_without_a_currency_holds_prices(tmp_path):
    rag = _rag_over(tmp_path, {
        "fares.csv": "Ticket,Adult,Child (5-15),Notes\nSingle,2.80,1.40,Valid for one journey on one bus\n"
                     "Day Rider,6.50,3.20,Unlimited travel until 3 am the next morning\n",
        "charter.txt": "Customer charter\n\nSingle and day tickets cannot be refunded. If your bus is more than 30 "
                       "minutes late, you can claim a free single ticket. Tickets bought in the app are 10% cheaper.\n"})
    assert "2.80" in rag.answer("How much is a single ticket?").text


def test_the_number_of_things_is_about_the_things(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs154")  # "… dumped in parallel with 4 workers; change this with --jobs"
    assert "--jobs" in rag.answer("How do I change the number of parallel jobs?").text
    assert "AES-256-GCM" in rag.answer("Which cipher is used for encryption?").text


def test_a_new_part_is_a_replacement_and_a_top_speed_a_rate(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs155")  # an e-bike's PDF manual and HTML warranty page
    assert "549 euros" in rag.answer("How much is a new battery?").text
    assert "25 km/h" in rag.answer("What is the top assisted speed?").text


def test_who_to_call_is_answered_by_a_person_or_a_number_and_how_old_by_an_age(tmp_path):
    answers = {("own_docs166", "Who do I call at night in an emergency?"): "020 7946 0832",  # a number, no name
               ("own_docs161", "Who do I contact to book the hall?"): "Pat Delaney",  # "contact" asks, a name answers
               ("own_docs159", "How old do I have to be to use the bikes?"): "16 or over",
               ("own_docs162", "At what age should my cat be spayed?"): "four months",  # spayed is neutered
               ("own_docs167", "Is there an upper age limit?"): "maximum age is 79"}
    for n, ((folder, question), fact) in enumerate(answers.items()):
        assert fact in _rag_over_folder(tmp_path / str(n), folder).answer(question).text, question


def test_itself_weighs_little_and_fill_is_full(tmp_path):
    rag = _rag_over_folder(tmp_path / "policy", "own_docs171")
    assert "after 5 minutes" in rag.answer("When does my laptop lock itself?").text
    rag = _rag_over_folder(tmp_path / "cars", "own_docs167")
    assert "returned full" in rag.answer("Do I have to fill up the tank before returning?").text  # fill: full


def test_included_answers_what_it_costs_and_a_pause_is_a_freeze(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs181")  # a gym's plain-text membership terms
    assert "Classes are included" in rag.answer("Do classes cost extra?").text
    assert "freeze your membership" in rag.answer("Can I pause my membership?").text
    assert "no minimum term" in rag.answer("Is there a minimum contract?").text


def test_during_and_until_weigh_as_function_words(tmp_path):
    from neuraflux.core.evidence import DEFAULT_TUNING
    from neuraflux.core.evidence.question import question_weights

    idf = lambda term: 3.0  # noqa: E731  every word as rare as the rarest
    weights = question_weights("How long until I get a refund during the sale?", idf)
    assert weights["dure"] <= DEFAULT_TUNING.function_word_cap * 3.0 and weights["until"] <= DEFAULT_TUNING.function_word_cap * 3.0
    rag = _rag_over_folder(tmp_path / "works", "own_docs189")  # a notice of road works
    assert "Station Road car park" in rag.answer("Where can I park during the works?").text
    rag = _rag_over_folder(tmp_path / "returns", "own_docs196")  # a shop's returns policy
    assert "5 working days" in rag.answer("How long until I get my money back?").text


def test_a_word_the_sentence_says_counts_at_least_as_much_as_its_title_saying_it(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs190")  # every sentence sits under "… warranty and care"
    assert "two-year warranty" in rag.answer("How long is the warranty?").text
    rag = _rag_over_folder(tmp_path / "ip", "own_docs194")  # Org-mode notes: an IP address answers "Where…"/"What…address"
    assert "192.168.1.1" in rag.answer("What is the router's IP address?").text


def test_an_acronyms_plural_is_its_singular_and_a_warning_is_an_alert(tmp_path):
    from neuraflux.core.evidence.question import question_weights

    known = {"cve": 2.0, "publish": 1.0}  # the documents' terms; any other is as rare as the rarest (5.0)
    weights = question_weights("Do you publish CVEs?", lambda term: known.get(term, 5.0))
    assert "cve" in weights and "cves" not in weights  # the stemmer keeps "cves"; the documents say "CVE"
    rag = _rag_over_folder(tmp_path / "policy", "own_docs198")  # a security policy
    assert "CVE for every confirmed vulnerability" in rag.answer("Do you publish CVEs?").text
    rag = _rag_over_folder(tmp_path / "monitor", "own_docs206")  # an uptime monitor's README and YAML settings
    assert "14 days before a certificate expires" in rag.answer("When will it warn me about an expiring certificate?").text


def test_a_synonym_is_searched_for_in_its_irregular_plural_and_turning_on_is_enabling(tmp_path):
    from neuraflux.core.retrieval.lemmas import SYNONYMS, plural_forms

    assert plural_forms(["child", "relative"]) == ["children"] and plural_forms(["pay"]) == []
    rag = _rag_over_folder(tmp_path / "garden", "own_docs215")  # a garden's guide: "Children are very welcome…"
    assert "accompanied by an adult" in rag.answer("Can I bring my kids?").text  # kids: child, children
    assert "enabl" in SYNONYMS["turn"] and "turn" not in SYNONYMS.get("enabl", ())
    rag = _rag_over_folder(tmp_path / "changes", "own_docs216")  # a client library's reST changelog
    assert "http2=True" in rag.answer("How do I turn on HTTP/2?").text


def test_make_weighs_as_a_light_verb_and_overwriting_is_changing(tmp_path):
    rag = _rag_over_folder(tmp_path / "jobs", "own_docs200")  # a careers page: "Quillstone builds scheduling software…"
    assert "scheduling software" in rag.answer("What does Quillstone make?").text
    rag = _rag_over_folder(tmp_path / "tool", "own_docs222")  # an image tool's README
    assert "Originals are never changed" in rag.answer("Does it overwrite my originals?").text
    assert "0.3 seconds" in rag.answer("How fast is it?").text


def test_available_weighs_as_a_function_word(tmp_path):
    rag = _rag_over_folder(tmp_path, "own_docs234")  # a staff benefits table
    assert "counselling sessions" in rag.answer("Is counselling available?").text


def test_sentence_idf_counts_units_and_keeps_the_passage_scale():
    from neuraflux.core.evidence.terms import evidence_terms
    from neuraflux.core.sentence_idf import SentenceIdf, smoothed_idf

    units = {"a": ["Stalls cost 42 pounds.", "Tickets are sold online.", "Tickets cannot be refunded."],
             "b": ["Tickets for the stalls sell out first."]}

    def units_of(doc_id):
        return None, units[doc_id], [evidence_terms(text) for text in units[doc_id]]

    def passage_idf(term):
        return {None: 2.0, "stall": 0.5, "ticket": 0.5}.get(term, 2.0)

    idf = SentenceIdf(["a", "b"], units_of, passage_idf, share=0.75)
    assert idf.total == 4 and idf.counts["ticket"] == 3 and idf.counts["stall"] == 2
    scale = 2.0 / math.log(1 + 4.5 / 0.5)
    assert idf("stall") == pytest.approx(0.75 * math.log(1 + 2.5 / 2.5) * scale + 0.25 * 0.5)
    assert idf("ticket") == pytest.approx(0.75 * math.log(1 + 1.5 / 3.5) * scale + 0.25 * 0.5)
    assert idf(None) == pytest.approx(2.0) == pytest.approx(idf("boil"))  # no unit uses it: the passages' rarest
    assert idf("stall") > idf("ticket")  # two units of four against three; the passages weigh them alike
    assert smoothed_idf(4, 4) > 0


def test_a_small_folder_weighs_words_by_its_sentences(tmp_path):
    from neuraflux.core.sentence_idf import SentenceIdf

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    rag = _rag_over_folder(tmp_path / "a", "own_docs185")  # a project's contributing guide
    assert isinstance(rag.evidence_idf(), SentenceIdf)
    assert rag.answer("Do I have to sign a CLA?").text.startswith("We do not ask for a CLA.")
    api = _rag_over_folder(tmp_path / "b", "own_docs134")  # a podcast host's API reference and changelog
    assert "`Authorization` header" in api.answer("How do I send my API key?").text


def test_a_word_no_document_uses_and_nothing_comes_near_weighs_more_in_a_small_folder(tmp_path):
    from neuraflux.core.evidence import Tuning, collection_tuning
    from neuraflux.core.evidence.tuning import SMALL_COLLECTION_UNKNOWN_WEIGHT

    assert collection_tuning(Tuning(), 3.0).unknown_word_weight == SMALL_COLLECTION_UNKNOWN_WEIGHT > 1.0
    assert collection_tuning(Tuning(), 7.9).unknown_word_weight == 1.0
    rag = _rag_over_folder(tmp_path, "own_docs18")  # a holiday cottage: hot water, the nearest charging point
    assert rag.answer("What is the boiling point of water?").abstained  # "boiling": no word near it
    rag.tuning = replace(rag.tuning, unknown_word_weight=1.0)
    assert not rag.answer("What is the boiling point of water?").abstained


def test_a_fee_for_something_else_does_not_say_what_a_ticket_costs(tmp_path):
    from neuraflux.core.answer_types import only_fees

    assert only_fees("You can exchange them for another show, for a £2 fee per ticket.")
    assert only_fees("Unused tickets can be refunded, minus a 2 pound handling fee.")
    assert only_fees("A fee of £5 applies.")
    assert not only_fees("Entry is £5, plus a £1 booking fee.") and not only_fees("Stalls — £42 — £15 — £36")
    assert not only_fees("No fee is charged.")  # no sum at all
    rag = _rag_over_folder(tmp_path, "own_docs175")  # a theatre's visiting guide and price list
    assert "£42" in rag.answer("How much is a stalls ticket?").text
    assert "£2 fee" in rag.answer("What is the fee for exchanging a ticket?").text  # a fee asked for


_SNAPCTL_MAN = """SNAPCTL(1)                     User Commands                    SNAPCTL(1)

NAME
       snapctl - take and prune snapshots of a folder

DESCRIPTION
       Take a snapshot of FOLDER, or prune old snapshots of it.

       -a, --archive
              same as -dR --keep=all

       -d, --dry-run
              show what would be done, without doing it

       -k, --keep=N
              keep  the  N  newest  snap\u2010
              shots and remove the older ones from the store (de\u2010
              fault: 7)

       -H, --human-sizes
              with -l, print sizes like 1K 234M 2G etc.

       -q     print  nothing  but  errors; with a second -q, not even
              those

       -s     show the size of each snapshot

       -S     sort the snapshots by size, largest first

ENVIRONMENT
       SNAPSTORE   The  folder  that  holds  the  snapshots;  the folder's own
                   .snap/ when it is not set.

EXIT STATUS
       0      Success.

       3      Store full.  The store has no room for another snapshot; prune
              it first.
"""


def test_a_page_man_printed_reads_as_its_options_and_their_text(tmp_path):
    rag = _rag_over(tmp_path, {"snapctl.txt": _SNAPCTL_MAN})
    # the option named ranks first among the lines that only say "snapctl"; the page's header line is no answer
    assert _first_evidence(rag, "What does snapctl -a do?") == "same as -dR --keep=all"
    # an option and its text on one line, wrapped below it, is one row; "-S" is not "-s"
    assert _first_evidence(rag, "What does snapctl -q do?") == \
        "-q — print nothing but errors; with a second -q, not even those"
    assert _quoted(rag, "What does snapctl -S do?")[-1] == "-S — sort the snapshots by size, largest first"
    assert not any(sentence.startswith("-s ") for sentence in _quoted(rag, "What does snapctl -S do?"))
    assert not any("User Commands" in sentence for sentence in _quoted(rag, "What does snapctl -a do?"))
    # a description starting with a word Python uses ("with") is no example of code
    from neuraflux.core.documents import read_document

    text, _ = read_document(str(tmp_path / "docs" / "snapctl.txt"))
    units = [(u.kind, u.text, u.term) for u in split_units(text)]
    assert ("prose", "with -l, print sizes like 1K 234M 2G etc.", "-H, --human-sizes") in units
    # a word or an exit status and its text wrapped below it, at the column where it starts, is one row
    assert ("table", "SNAPSTORE — The folder that holds the snapshots; the folder's own .snap/ when it is not set.",
            "") in units
    assert ("table", "3 — Store full. The store has no room for another snapshot; prune it first.", "") in units
    assert ("table", "0 — Success.", "") in units  # … or on its line alone
    # "snap‐" / "shots" at a line break, as `man` prints it, is the word "snapshots" again
    answer = rag.answer("How many snapshots does snapctl keep by default?").text
    assert "keep the N newest snapshots and remove the older ones from the store (default: 7)" in answer



_SQUASH_MAN = """SQUASH(1)                 General Commands Manual                SQUASH(1)

NAME
       squash - compress or expand files

DESCRIPTION
       Squash  reduces  the size of the named files.  By default, squash keeps
       the original file name and timestamp in the compressed file; they are
       used when the file is expanded again.

OPTIONS
       -d --decompress
              Decompress.

       -k --keep
              Keep (don't delete) input files during compression or decompres\u2010
              sion.

       -l --list
              For each compressed file, list its size and name.

       -v --verbose
              Display the name and percentage reduction for each file.
"""


def test_how_do_i_over_a_commands_manual_is_answered_by_an_option(tmp_path):
    rag = _rag_over(tmp_path, {"squash.txt": _SQUASH_MAN})
    question = "How do I keep the original file when compressing with squash?"
    assert _first_evidence(rag, question) == "Keep (don't delete) input files during compression or decompression."


def test_a_case_asked_in_the_negative_is_answered_by_a_non_word(tmp_path):
    rag = _rag_over(tmp_path, {"seek.txt": """SEEK(1)                  User Commands                  SEEK(1)

NAME
       seek - print lines that match patterns

OPTIONS
       -c, --count
              Print a count of matching lines for each input file.

       -o, --only-matching
              Print only the matched parts of a matching line, each on a line of its own.

       -v, --invert-match
              Invert the sense of matching, to select non-matching lines.
"""})
    assert _first_evidence(rag, "How do I show the lines that do not match?") == \
        "Invert the sense of matching, to select non-matching lines."


def test_also_in_a_question_is_filler(tmp_path):
    import importlib
    import pydoc

    from neuraflux.core.evidence.question import question_scaffold

    assert "also" in question_scaffold("How do I replace text and also count the replacements?")
    rag = _rag_over(tmp_path, {f"{name}.txt": pydoc.render_doc(importlib.import_module(name), renderer=pydoc.plaintext)
                               for name in ("re", "pathlib", "zipfile", "collections", "gzip")})
    answer = rag.answer("How do I replace text and also find out how many replacements happened?").text
    assert "Return a 2-tuple containing (new_string, number)" in answer  # subn, not split's "… are also returned"
    assert "are also returned" not in answer
    # (3.12's page has Pattern.sub repeat the function's sentence: quoted once, which leaves room for subn's)


def test_a_function_and_a_method_of_the_same_name_saying_the_same_are_quoted_once():
    from neuraflux.core.evidence.terms import evidence_terms
    from neuraflux.core.extractive import _repeats
    from neuraflux.core.sentences import Unit

    described = [("sub(self, /, repl, string, count=0)", "Return the string obtained by replacing the "
                  "occurrences of pattern in string by the replacement repl."),
                 ("sub(pattern, repl, string, count=0, flags=0)", "Return the string obtained by replacing "
                  "the occurrences of the pattern in string by the replacement repl. repl can be a callable."),
                 ("str.strip([chars])", "Return a copy of the string with the leading and trailing characters removed."),
                 ("str.rstrip([chars])", "Return a copy of the string with trailing characters removed.")]
    units = [Unit(0, len(text), "prose", text, term=term) for term, text in described]
    terms = [evidence_terms(unit.text) for unit in units]
    method, function, strip, rstrip = range(4)
    assert _repeats(function, [method], units, terms) and _repeats(method, [function], units, terms)  # no other words
    assert not _repeats(rstrip, [strip], units, terms)  # other functions: rstrip says less, and means another thing


def test_verify_is_read_as_check_and_corrupt_as_bad(tmp_path):
    page = """archive - Read and write archives.

open(path, mode="r")
    Open the archive at path for reading or writing.

add(path)
    Add the file at path to an open archive.

list()
    Return the names of the members of the archive.

testzip()
    Read every member and check its checksum. Return the name of the first bad member, or None.

extract(name, folder)
    Write the member name into folder, creating it if needed.

is_archive(path)
    Quickly see if a file is an archive by reading its magic number.
"""
    downloads = ("Downloads\n*********\n\nTo verify a download, compare its signature with the one on the release "
                 "page. Keep the archive until then.\n")
    rag = _rag_over(tmp_path, {"archive.txt": page, "downloads.txt": downloads})
    answer = rag.answer("How can I verify an archive is not corrupted?").text
    assert "check its checksum" in answer and "first bad member" in answer  # not the download's "verify"


def test_subfolders_are_read_as_recursive(tmp_path):
    page = """paths - Files and folders.

glob(pattern)
    Yield the files in this folder that match pattern.

rglob(pattern)
    Recursively yield the files matching pattern, anywhere in this subtree.

mkdir(name)
    Create the folder name here; no subfolders of it are created.

unlink()
    Remove this file.
"""
    rag = _rag_over(tmp_path, {"paths.txt": page, "other.txt": "Other\n*****\n\nNothing about files here.\n"})
    question = rag.read_question("How do I find files in all subfolders that match a pattern?")
    best = rag.evidence(question, rag.retrieve(question))[0]
    assert best.unit.text.startswith("Recursively yield the files")  # over glob's "… in this folder …"


def test_frequent_is_read_as_common_and_front_as_beginning(tmp_path):
    import collections
    import pydoc

    rag = _rag_over(tmp_path, {"collections.txt": pydoc.render_doc(collections, renderer=pydoc.plaintext)})
    answer = rag.answer("How do I get the three most frequent items from a Counter?").text
    assert "most common elements" in answer
    assert "beginning if last is false" in rag.answer("How can I move a key to the front of an OrderedDict?").text


_RETURNS = ("# Returns\n\nYou can send back most items within 30 days of delivery.\n\n## How to return an item\n\n"
            "1. Sign in to your account and open **Orders**.\n2. Choose the order and click **Return items**.\n"
            "3. Print the prepaid label and attach it to the parcel.\n4. Drop the parcel at any Parcelpoint location.\n\n"
            "Refunds are issued within 5 business days after we receive the parcel.\n\n## Items that cannot be returned\n\n"
            "Gift cards and opened software cannot be returned.\n")
_INSTALL = ("# Installing Quillpad\n\nQuillpad runs on Windows 10, macOS 12 and Ubuntu 22.04 or later.\n\n"
            "Step 1: Download the installer from the downloads page.\nStep 2: Run the installer and accept the licence.\n"
            "Step 3: Enter your licence key when asked.\n\nThe default data folder is `~/Quillpad/data`.\n")


def test_numbered_pairs_read_an_item_written_in_words_digits_or_as_an_ordinal():
    from neuraflux.core.evidence.terms import evidence_terms, list_item_pairs, numbered_pairs

    def pairs(text):
        return numbered_pairs(evidence_terms(text))

    assert pairs("What is step 2?") == pairs("What is step two?") == {("step", "2"): ""}
    assert pairs("the second step") == {("step", "2"): "second"} and pairs("the 3rd stage") == {("stage", "3"): "3rd"}
    assert pairs("When is assignment 4 due?") == {("assign", "4"): ""}
    # a number in words names an item of a list noun only, and "first" only then
    assert pairs("Can I move two ships in one turn?") == pairs("Where do I go on my first day?") == {}
    assert pairs("What is the first step?") == {("step", "1"): "first"}
    assert ("step", "2") in list_item_pairs("2. Choose the order") and not list_item_pairs("Choose 2 of them")


@pytest.mark.parametrize("question, step", [
    ("What's the second step to return an item?", "2. Choose the order and click **Return items**."),
    ("What is the 3rd step of a return?", "3. Print the prepaid label and attach it to the parcel."),
    ("What is step two of installing Quillpad?", "Step 2 — Run the installer and accept the licence."),
    ("What is the first step of installing Quillpad?", "Step 1 — Download the installer from the downloads page."),
    # … or as the one after another
    ("What is the next step after downloading the installer?", "Step 2 — Run the installer and accept the licence."),
    ("What comes after step 2 of a return?", "3. Print the prepaid label and attach it to the parcel."),
    ("What do I do after printing the label?", "4. Drop the parcel at any Parcelpoint location.")])
def test_a_step_asked_for_by_its_number_is_quoted_without_the_other_steps(tmp_path, question, step):
    rag = _rag_over(tmp_path, {"returns.md": _RETURNS, "install.md": _INSTALL})
    assert _quoted(rag, question) == [step]


def test_a_list_item_asked_for_by_number_is_quoted_whole(tmp_path):
    rules = ("Ride rules\n\n1. Helmets must be worn on every ride.\n2. Bring two spare tubes and a pump. The ride\n"
             "will not wait more than ten minutes for a repair.\n3. Lights are required from October to March.\n")
    rag = _rag_over(tmp_path, {"rules.txt": rules, "club.md": "# Club\n\nThe club rides on Sundays.\n"})
    assert _quoted(rag, "What's the second rule?") == [
        "2. Bring two spare tubes and a pump.", "The ride will not wait more than ten minutes for a repair."]


@pytest.mark.parametrize("question", [
    "How do I return an item?", "How do I start a return?", "What are the steps to return an item?"])
def test_how_do_i_is_answered_by_the_numbered_steps_under_the_heading_naming_it(tmp_path, question):
    rag = _rag_over(tmp_path, {"returns.md": _RETURNS, "install.md": _INSTALL})
    assert [s.split(".")[0] for s in _quoted(rag, question)] == ["1", "2", "3", "4"]  # in order, no intro, no refund


def test_the_steps_a_line_leads_to_are_quoted_whole_with_each_steps_own_points(tmp_path):
    rag = _rag_over(tmp_path, {
        "leave.txt": "Annual leave\n\nFull-time staff get 27 days of leave a year.\n\nTo book leave:\n"
                     "1) Open the HR portal.\n2) Choose Leave > New request and pick the dates.\n"
                     "3) Your manager approves or declines within 3 working days.\n\nUnused leave can be carried over.\n",
        "vpn.md": "# Remote access\n\n## Setting up the VPN\n\n1. Install Pathway. It takes two minutes.\n"
                  "2. Open Pathway and enter the server.\n   - On a Mac, allow the system extension.\n"
                  "   - On Windows, accept the driver prompt.\n3. Sign in.\n\nIf the connection drops, restart Pathway.\n"})
    assert _quoted(rag, "How do I book leave?") == [
        "To book leave:", "1) Open the HR portal.", "2) Choose Leave > New request and pick the dates.",
        "3) Your manager approves or declines within 3 working days."]
    assert _quoted(rag, "How do I set up the VPN?") == [
        "1. Install Pathway.", "It takes two minutes.", "2. Open Pathway and enter the server.",
        "- On a Mac, allow the system extension.", "- On Windows, accept the driver prompt.", "3. Sign in."]


def test_nothing_comes_after_the_last_step(tmp_path):
    rag = _rag_over(tmp_path, {"returns.md": _RETURNS, "install.md": _INSTALL})
    assert rag.answer("What comes after step 3 of installing Quillpad?").abstained


def test_steps_under_a_heading_naming_another_topic_are_not_quoted_whole(tmp_path):
    rag = _rag_over(tmp_path, {"returns.md": _RETURNS, "install.md": _INSTALL})
    assert [s.split(" —")[0] for s in _quoted(rag, "How do I install Quillpad?")] == ["Step 1", "Step 2", "Step 3"]
    quoted = _quoted(rag, "How do I get a refund?")  # the returns steps are under "How to return an item"
    assert quoted == ["Refunds are issued within 5 business days after we receive the parcel."]


def test_a_line_going_on_below_and_a_faq_question_in_emphasis_are_quoted_with_what_follows(tmp_path):
    rag = _rag_over(tmp_path, {
        "quill.md": "# Quill\n\nQuill renders pages.\n\n## Citation\n\nTo cite Quill in publications use\n\n"
                    "> Jane Doe and Richard Roe (2021). Quill: rendering pages.\n> Journal of Pages 3.\n\n## FAQ\n\n*License?*\n\nMIT\n\n"
                    "*Code of conduct?*\n\nBe kind.\n",
        "other.md": "# Other\n\nAnother page about rendering.\n"})
    assert _quoted(rag, "How do I cite Quill?")[:2] == [
        "To cite Quill in publications use", "Jane Doe and Richard Roe (2021)."]
    quoted = _quoted(rag, "What license does Quill use?")
    assert quoted[-2:] == ["*License?*", "MIT"]  # the question in emphasis is the label of its answer, no answer itself


def test_who_prefers_a_sentence_naming_someone_only_among_those_scoring_near_the_best(tmp_path):
    rag = _rag_over(tmp_path, {
        "click.md": "# Click\n\nClick is a package for command line interfaces.\n\n## Donate\n\n"
                    "The Pallets organization develops and supports Click and other popular packages.\n",
        "sympy.md": "# SymPy\n\nSymPy is a library for symbolic mathematics.\n\n## History\n\n"
                    "In 2011, Ondrej Certik stepped down as lead developer, with Aaron Meurer taking his place.\n"})
    assert _quoted(rag, "Who develops Click?")[-1] == \
        "The Pallets organization develops and supports Click and other popular packages."
    assert "Aaron Meurer" in " ".join(_quoted(rag, "Who is the lead developer of SymPy?"))


def test_a_table_row_the_question_names_is_quoted_without_the_other_rows(tmp_path):
    prices = ("plan,price per month,includes\nHot desk,140 GBP,any free desk on weekdays\n"
              "Resident,310 GBP,fixed desk plus 24-hour access\nDay pass,18 GBP,one day at a hot desk\n")
    rag = _rag_over(tmp_path, {"prices.csv": prices, "rules.md": "# Rules\n\nQuiet hours are from 9 am to 12 noon.\n\n"
                                                                  "The building is open from 7 am on weekdays.\n"})
    assert _quoted(rag, "What does the resident plan include?") == [
        "plan — price per month — includes", "Resident — 310 GBP — fixed desk plus 24-hour access"]
    assert _quoted(rag, "When are the quiet hours?") == ["Quiet hours are from 9 am to 12 noon."]  # times of day



def test_insensitive_to_something_is_ignoring_it(tmp_path):
    rag = _rag_over(tmp_path, {
        "search.md": "# Search\n\nType a word in the box to find notes that use it. The search ignores case and "
                     "accents. Results are sorted by date, newest first.\n\n## Saved searches\n\nA search can be "
                     "saved from the menu and run again later. In case a saved search finds nothing, edit its words.\n",
        "sync.md": "# Sync\n\nNotes are kept in sync across devices every five minutes. A note edited on two devices "
                   "at once is kept twice.\n"})
    assert _quoted(rag, "Is the search case-insensitive?") == ["The search ignores case and accents."]  # not "In case…"


def test_an_encyclopedia_article_is_quoted_by_the_sentence_without_its_reference_marks(tmp_path):
    from neuraflux.core.sentences import split_units

    text = ("Kestrel was built in 1911 by Harland Brothers.[1] She carried up to 420 passengers,[2] and her top "
            "speed was 15 knots.[2][3] She ran aground in 1941.[citation needed] Her bell hangs in Lerwick.[a]\n")
    assert [u.text for u in split_units(text)] == [
        "Kestrel was built in 1911 by Harland Brothers.", "She carried up to 420 passengers,[2] and her top speed "
        "was 15 knots.", "She ran aground in 1941.", "Her bell hangs in Lerwick."]
    rag = _rag_over(tmp_path, {"kestrel.txt": "SS Kestrel\n\n" + text, "other.txt": "Other\n\nNothing about ships.\n"})
    assert _quoted(rag, "How many passengers did Kestrel carry?") == [
        "She carried up to 420 passengers,[2] and her top speed was 15 knots."]


def test_a_rest_csv_table_reads_as_rows_and_a_cell_s_note_is_quoted_with_its_row(tmp_path):
    page = ("Parsers\n=======\n\n.. csv-table:: what each parser does\n   :header: \"kind\", \"slowxml\", \"fastxml\"\n"
            "   :widths: 20, 10, 10\n\n   \"entity expansion\", \"False (1)\", \"**True**\"\n"
            "   \"C library\", \"libxml2 (2)\", \"expat\"\n\n1. It rejects such documents instead.\n\n"
            "2. Version 2.9 or later.\n")
    assert [(u.kind, u.text) for u in split_units(page)] == [
        ("heading", "Parsers"), ("prose", "what each parser does"), ("header", "kind — slowxml — fastxml"),
        ("table", "entity expansion — False (1) — **True**"), ("table", "C library — libxml2 (2) — expat"),
        ("prose", "1. It rejects such documents instead."), ("prose", "2. Version 2.9 or later.")]
    rag = _rag_over(tmp_path, {"parsers.rst": page, "other.txt": "Other\n\nNothing about parsers here.\n"})
    assert "1. It rejects such documents instead." in _quoted(rag, "Does slowxml do entity expansion?")
    huge = ".. csv-table::\n\n   " + "x" * 200_000 + "\n"  # over the csv module's field limit: one cell
    assert [u.kind for u in split_units(huge)] == ["table"]


def test_a_line_in_emphasis_over_an_example_introduces_it(tmp_path):
    readme = ("# wavetool\n\nwavetool trims and joins audio files.\n\n## Usage\n\n*Trim the silence at both ends*\n\n"
              "```sh\nwavetool trim --silence in.wav out.wav\n```\n\n*Join two files*\n\n"
              "```sh\nwavetool join a.wav b.wav -o ab.wav\n```\n")
    rag = _rag_over(tmp_path, {"README.md": readme, "other.txt": "Other\n\nNothing about audio here.\n"})
    assert "wavetool join a.wav b.wav -o ab.wav" in rag.answer("How do I join two files?").text


def test_a_commands_help_text_pasted_in_a_fence_reads_as_its_options(tmp_path):
    readme = ("# sizer\n\nsizer reports how big files are.\n\n## CLI\n\n```\nusage: sizer [-h] [-H] [-s] path [path ...]\n\n"
              "options:\n  -h, --help     show this help message and exit\n"
              "  -H, --human    print sizes like 1K, 234M, 2G\n  -s, --summary  print only a total for each path\n```\n\n"
              "```python\n# usage: not help text\nprint(1)\n```\n")
    units = split_units(readme)
    row = next(u for u in units if u.text.startswith("-s, --summary"))
    assert (row.kind, row.text, row.heading) == ("table", "-s, --summary — print only a total for each path", "CLI")
    assert readme[row.start:row.end] == "-s, --summary  print only a total for each path"
    assert [u.kind for u in units][-1] == "code"  # a program's fence stays code
    rag = _rag_over(tmp_path, {"README.md": readme, "other.txt": "Other\n\nNothing about files here.\n"})
    assert "-s, --summary — print only a total for each path" in _quoted(rag, "How do I print only a total?")


def test_the_code_a_best_sentence_announces_and_the_how_past_an_aside_pointing_elsewhere_are_quoted(tmp_path):
    rag = _rag_over(tmp_path, {
        "recorder.rst": "Recorder\n========\n\nRecording\n---------\n\nRequests can be recorded to a file. Recorded "
                        "responses are stored in YAML format. The recorder keeps the status of each recorded "
                        "response in the file.\n\nReplaying\n---------\n\nYou can load recorded responses from a YAML "
                        "file into the registry. (See Recording above to learn how to obtain a file.) To do that, "
                        "call ``load_file(path)`` inside an active mock.\n\nInstallation\n------------\n\nThe pip "
                        "package name differs from the importable name::\n\n    pip install python-recorder\n",
        "hosts.md": "# Hosts\n\nBy default the recorder ignores the following hosts:\n\n```python\n"
                    "['localhost', '127.0.0.1']\n```\n\nOther hosts are recorded.\n",
        "other.md": "# Colours\n\nColours are taken from the terminal theme.\n"})
    # the command the sentence ends by introducing ("…::"), though the question asks no "How do I…"
    assert _quoted(rag, "What is the pip package name of the recorder?") == [
        "The pip package name differs from the importable name::", "    pip install python-recorder"]
    # … or announces ("the following hosts:")
    assert _quoted(rag, "Which hosts are ignored by default?") == [
        "By default the recorder ignores the following hosts:", "```python\n['localhost', '127.0.0.1']\n```"]
    # past "(See … to learn how to obtain a file.)", which points elsewhere, the sentence saying how
    assert _quoted(rag, "How do I load recorded responses from a file?")[-1] == \
        "To do that, call ``load_file(path)`` inside an active mock."
    from neuraflux.core.evidence.layout import _Layout

    units = rag.units(rag.retrieve("How do I load recorded responses?")[0].doc_id)[1]
    assert [units[i].text for i in _Layout(units).see_also] == ["(See Recording above to learn how to obtain a file.)"]


def test_a_bold_label_over_a_paragraph_is_quoted_with_the_paragraph_it_labels(tmp_path):
    rag = _rag_over(tmp_path, {
        "README.md": "# Quill\n\nQuill renders pages fast.\n\n## Testimonials\n\n**Ada Byron**, `maintainer of Inkwell`_\n\n"
                     "\"Great work! I like how the pages are cut into small fragments before rendering.\"\n\n"
                     "**Tim Lee**, web pioneer\n\n\"It renders everything I throw at it.\"\n",
        "other.md": "# Colours\n\nColours are taken from the terminal theme.\n"})
    assert _quoted(rag, "What did Ada Byron like about Quill?") == [
        "**Ada Byron**, `maintainer of Inkwell`_", "\"Great work!",
        "I like how the pages are cut into small fragments before rendering.\""]


def test_which_things_is_answered_by_the_sentence_listing_them_after_the_best(tmp_path):
    rag = _rag_over(tmp_path, {
        "README.md": "# Mockery\n\n## Keyword matcher\n\nTo validate request arguments use the `kwargs_matcher` "
                     "function to match against the request keywords.\n\nOnly these arguments are supported: "
                     "`timeout`, `verify`, `proxies`, `stream`.\n\nThe matcher reports the first mismatch.\n",
        "other.md": "# Colours\n\nColours are taken from the terminal theme.\n"})
    assert _quoted(rag, "Which request arguments can kwargs_matcher check?")[:2] == [
        "To validate request arguments use the `kwargs_matcher` function to match against the request keywords.",
        "Only these arguments are supported: `timeout`, `verify`, `proxies`, `stream`."]


def test_how_to_quotes_the_command_the_sentence_after_the_best_announces(tmp_path):
    rag = _rag_over(tmp_path, {
        "README.md": "# Spinup\n\n## Spinners\n\nThe spinner shapes come from an older project. You can select a "
                     "spinner with the `spinner` parameter. Run the following command to see the available values:"
                     "\n\n```\npython -m spinup.spinners\n```\n\nSpinners stop when the task ends.\n",
        "other.md": "# Colours\n\nColours are taken from the terminal theme.\n"})
    assert _quoted(rag, "How do I find out which spinners I can select?") == [
        "You can select a spinner with the `spinner` parameter.",
        "Run the following command to see the available values:", "```\npython -m spinup.spinners\n```"]


def test_a_short_list_of_short_items_is_quoted_whole_under_its_introduction(tmp_path):
    rag = _rag_over(tmp_path, {
        "README.rst": "Dateish\n=======\n\nDateish extends the datetime module.\n\nAuthor\n------\n\n"
                      "It is maintained by:\n\n* Ann Lee 2003-2011\n* Tom Park 2012-2014\n* Yara Deel 2014-2016\n"
                      "* Paul Gans 2015-\n\nReleases are signed.\n",
        "other.md": "# Colours\n\nColours are taken from the terminal theme.\n"})
    assert _quoted(rag, "Who maintains dateish now?") == [
        "It is maintained by:", "* Ann Lee 2003-2011", "* Tom Park 2012-2014", "* Yara Deel 2014-2016",
        "* Paul Gans 2015-"]


_WAITFOR_MAN = """WAITFOR(1)                       User Commands                      WAITFOR(1)

NAME
       waitfor - run a command with a time limit

DESCRIPTION
       Start COMMAND, and kill it if still running after DURATION.

       --preserve-status

              exit with the same status as COMMAND, even when the

              command times out

       -q, --quiet

              suppress the report printed when the limit is reached

       --help display this help and exit

       --version
              output version information and exit

   EXIT status:
       124    if COMMAND times out, and --preserve-status is not specified

       125    if the waitfor command itself fails
"""


def test_a_help2man_page_reads_sentences_cut_by_blank_lines_and_its_exit_statuses(tmp_path):
    from neuraflux.core.sentences import split_units

    units = [(u.kind, u.text, u.term) for u in split_units(_WAITFOR_MAN)]
    # help2man leaves a blank line inside a description: "…, even when the" goes on below it
    assert ("prose", "exit with the same status as COMMAND, even when the command times out",
            "--preserve-status") in units
    # the numbered rows under "EXIT status:" are rows described in words, not code
    assert ("table", "124 — if COMMAND times out, and --preserve-status is not specified", "") in units
    assert not any(kind == "code" for kind, _, _ in units)
    rag = _rag_over(tmp_path, {"waitfor.txt": _WAITFOR_MAN,
                               "deal.txt": "DEAL(1)\n\nNAME\n       deal - generate random permutations\n\n"
                                           "DESCRIPTION\n       Write a random permutation of the input lines to "
                                           "standard output.\n"})
    assert "124 — if COMMAND times out, and --preserve-status is not specified" in _quoted(
        rag, "What exit status does waitfor return when the command times out?")
    # every command's --help and --version lines answer only a question about help or versions
    assert not any("and exit" in s for s in _quoted(rag, "How do I stop waitfor printing output when it gives up?"))
    assert "output version information and exit" in _quoted(rag, "How do I see which version of waitfor I have?")
    # to shuffle is to permute at random; to stop something printing, to suppress it
    assert "Write a random permutation of the input lines to standard output." in _quoted(
        rag, "How do I shuffle the lines of a file?")
    assert _quoted(rag, "How do I stop waitfor from printing a report?")[-1] == \
        "suppress the report printed when the limit is reached"


def test_a_number_in_a_how_to_is_given_by_the_option_whose_value_its_text_names(tmp_path):
    rag = _rag_over(tmp_path, {"deal.txt": (
        "DEAL(1)                          User Commands                         DEAL(1)\n\nNAME\n"
        "       deal - print the input lines in a random order\n\nDESCRIPTION\n"
        "       Write the input lines to standard output, in a random order.\n\n"
        "       -e, --echo\n              treat each argument as an input line\n\n"
        "       -n, --head-count=COUNT\n              output at most COUNT lines\n\n"
        "       --random-source=FILE\n              get random bytes from FILE\n"),
        "other.txt": "OTHER(1)\n\nNAME\n       other - nothing about lines\n"})
    question = "How do I pick just 5 random lines with deal?"
    covers = {e.unit.text: e.coverage for e in rag.evidence(question, rag.retrieve(question))}
    # the option taking the count covers the question's "5" too; another option's line only "lines"
    assert covers["output at most COUNT lines"] > covers["treat each argument as an input line"]


def test_a_footnote_is_an_aside_not_the_answer(tmp_path):
    rag = _rag_over(tmp_path, {"raise.txt": (
        "The raise statement\n*******************\n\nOtherwise, \"raise\" evaluates its expression as the exception "
        "object. With \"from\", the exception after it is attached as the \"__cause__\" attribute.\n\n-[ Footnotes ]-\n\n[1] The exception is propagated unless "
        "a \"finally\" clause raises another exception. That new exception causes the old one to be lost.\n"),
        "other.txt": "Other\n*****\n\nNothing about exceptions here.\n"})
    assert "__cause__" in _first_evidence(rag, "How do I raise a new exception but keep the original one as its cause?")


def test_a_help_page_reads_a_hanging_indent_and_a_result_of_several_words(tmp_path):
    from neuraflux.core.documents import help_page_text

    page = ("Help on module clock:\n\nNAME\n    clock - read the time\n\nDESCRIPTION\n    Older API\n    =========\n"
            "    ticks(...): Counts the ticks since start, then returns\n        the count.\n"
            "    read(...): Same as ticks() but returns the contents of\n        the register instead of a count\n"
            "    reset(...): Sets the count to zero, waits for it to settle,\n        then returns nothing\n\n"
            "FUNCTIONS\n    parse(qs, keep_blank=False)\n        Parse a query.\n\n"
            "        keep_blank: flag indicating whether blank values in\n"
            "            queries should be treated as blank strings.\n\n"
            "    now(...)\n        now() -> floating point number\n\n"
            "        Return the current time in seconds since the start.\n")
    units = [(u.kind, u.text, u.term) for u in split_units(help_page_text(page))]
    # a line ending mid-sentence goes on on the indented lines below it: no term over them
    assert ("prose", "keep_blank: flag indicating whether blank values in queries should be treated as blank strings.",
            "parse(qs, keep_blank=False)") in units
    assert ("prose", "read(...): Same as ticks() but returns the contents of the register instead of a count", "") in units
    assert ("prose", "reset(...): Sets the count to zero, waits for it to settle, then returns nothing", "") in units
    # "now() -> floating point number" repeats the signature: the function's text is its description
    assert ("prose", "Return the current time in seconds since the start.", "now(...)") in units
    assert not any(kind == "code" for kind, _, _ in units)


_OTHER_DOC = {"other.txt": "Other\n=====\n\nNothing about programs here.\n"}
_CLOCK = {"clock.txt": "Clock\n=====\n\nwait(seconds)\n    Delay execution for a given number of seconds.\n\nspan\n"
                       "    Difference between two clock readings.\n"}
_PDB = {"pdb.txt": "Debugger commands\n=================\n\nq(uit)\n    Quit from the debugger. The program being "
                   "executed is aborted.\n\nn(ext)\n    Continue until the next line is reached, leaving the current "
                   "line behind.\n",
        "ctx.txt": "Context managers\n================\n\nexit(exc)\n    Returning a true value suppresses the "
                   "exception. Otherwise the exception propagates.\n"}
_BREAK = {"break.txt": "The break statement\n===================\n\n\"break\" may only occur syntactically nested in "
                       "a loop, but not nested in a function within that loop.\n\nIt terminates the nearest enclosing "
                       "loop.\n"}

_POW = {"pow.txt": "Powers\n======\n\npow(base, exp, mod)\n    Equivalent to base**exp with 2 arguments or base**exp % "
                   "mod with 3 arguments.\n",
        "special.txt": "Special methods\n===============\n\nobject.__pow__(self, other)\n    Called to implement "
                       "the binary power operator. It should accept an optional third argument if the ternary "
                       "version of pow() is to be supported.\n"}


@pytest.mark.parametrize("files,question,sentence", [
    (_CLOCK, "How do I pause my program for a while?", "Delay execution for a given number of seconds."),
    (_CLOCK, "What do I get when I subtract two readings?", "Difference between two clock readings."),
    (_PDB, "How do I leave the debugger?", "Quit from the debugger."),  # to leave is to quit, not the "leaving" of next
    (_PDB, "How do I swallow an exception?", "Returning a true value suppresses the exception."),
    (_BREAK, "What does break do inside nested loops?", "It terminates the nearest enclosing loop."),
])
def test_a_word_the_documents_say_otherwise_finds_their_sentence(tmp_path, files, question, sentence):
    assert sentence in _quoted(_rag_over(tmp_path, {**files, **_OTHER_DOC}), question)


def test_an_ordinal_is_the_number_the_documents_write(tmp_path):
    """ "a third argument": pow's "… with 3 arguments", first, not the note merely saying "third argument"."""
    assert _quoted(_rag_over(tmp_path, {**_POW, **_OTHER_DOC}), "What does pow do with a third argument?")[:2] == [
        "pow(base, exp, mod)", "Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments."]


def test_what_can_be_done_to_a_thing_is_read_as_the_adjective_the_documents_use(tmp_path):
    from neuraflux.core.question_text import able_adjectives
    from neuraflux.core.retrieval.analyzer import analyze

    used = set(analyze("callable hashable iterable"))

    def idf(term):
        return 1.0 if term in used else 9.0  # 9.0: the rarest, a word no document uses

    assert able_adjectives("Can a list be hashed?", idf) == "Can a list be hashed (hashable)?"
    assert able_adjectives("Can I check that it can be called?", idf) == "Can I check that it can be called (callable)?"
    assert able_adjectives("Can a dict be iterated?", idf) == "Can a dict be iterated (iterable)?"
    assert able_adjectives("When is __del__ called?", idf) == "When is __del__ called?"  # invoked, not callable
    assert able_adjectives("Can a tuple be changed?", idf) == "Can a tuple be changed?"  # no "changeable" in them
    rag = _rag_over(tmp_path, {"callable.txt": "callable\n========\n\ncallable(obj)\n    Return whether the object is "
                                               "callable.\n",
                               "isinstance.txt": "isinstance\n==========\n\nisinstance(obj, cls)\n    Return whether "
                                                 "a value is an instance of a class, checked at each call.\n",
                               **{f"other{i}.txt": f"Other {i}\n=======\n\nA function call runs its body {i} times."
                                  for i in range(4)}})
    assert "Return whether the object is callable." in _quoted(rag, "How do I check whether a value can be called?")
