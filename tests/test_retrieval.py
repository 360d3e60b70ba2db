import datetime
import json
import math
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BACKENDS, ROOT
from neuraflux.core.documents import Document
from neuraflux.core.errors import DataError, RetrievalError
from neuraflux.core.retrieval.analyzer import analyze
from neuraflux.core.retrieval.build import index_documents
from neuraflux.core.retrieval.fusion import reciprocal_rank_fusion
from neuraflux.core.retrieval.index import DocumentIndex, fts5_available
from neuraflux.core.retrieval.metrics import mrr_at_k, ndcg_at_k, read_beir_jsonl, read_qrels, recall_at_k
from neuraflux.core.retrieval.stemmer import stem

LEXICAL = ["segments"] + (["fts5"] if fts5_available() else [])

CORPUS = {
    "cats": "Cats are small carnivorous mammals. A cat purrs and hunts mice at night.",
    "dogs": "Dogs are loyal companions. The dog barks, fetches sticks and guards the house.",
    "python": "Python is a programming language. Its with statement manages context managers.",
    "snakes": "A python is a large snake that constricts its prey. Snakes shed their skin.",
    "stars": "Stars are luminous spheres of plasma held together by gravity, like the Sun.",
}


def docs_from(mapping):
    return [Document(text, f"/docs/{key}.txt", key, None) for key, text in mapping.items()]


@pytest.fixture(params=LEXICAL)
def index(request, tmp_path):
    with DocumentIndex(tmp_path / "i.sqlite", lexical=request.param) as idx:
        index_documents(idx, docs_from(CORPUS), progress=False)
        yield idx


STEMS = {"consign": "consign", "consigned": "consign", "consignment": "consign", "consistency": "consist",
         "consolation": "consol", "consolatory": "consolatori", "conspicuously": "conspicu",
         "conspiracy": "conspiraci", "constable": "constabl", "knackeries": "knackeri", "kneeling": "kneel",
         "knightly": "knight", "knitting": "knit", "knives": "knive", "generously": "generous", "running": "run",
         "caresses": "caress", "ponies": "poni", "ties": "tie", "agreed": "agre", "hopping": "hop", "hoping": "hope",
         "skies": "sky", "dying": "die", "news": "news", "exceed": "exceed", "national": "nation",
         "relational": "relat", "happiness": "happi", "university": "univers", "hopeful": "hope", "cry": "cri",
         "enjoy": "enjoy", "by": "by"}


@pytest.mark.parametrize("word,expected", sorted(STEMS.items()))
def test_porter2_stems(word, expected):
    assert stem(word) == expected


def test_analyzer_drops_stop_words_and_stems():
    assert analyze("The Dogs are RUNNING to the cats!") == ["dog", "run", "cat"]
    assert analyze("the with statement") == ["with", "statement"]
    assert analyze("naïve café") == analyze("naive cafe") == ["naiv", "cafe"]  # typed with or without accents
    assert analyze("Привет й 東京") == ["привет", "й", "東京"]  # other scripts as written ("й" is not "и")
    assert analyze("PDFs DVDs") == analyze("pdf dvd") == ["pdf", "dvd"]  # no vowel for the plural rule to see
    assert analyze("https SMS GPS") == ["https", "sms", "gps"]  # not plurals
    assert analyze("What does __all__ control? All of __and__") == ["all", "control", "and"]  # special names
    # a stop word written as a call, a manual page or Markdown code is a name; in prose it is not
    assert analyze("any(iterable) returns true when any x does; see more(1), `all` or all ( x )") == [
        "ani", "iter", "return", "true", "x", "see", "more", "1", "all", "or", "x"]
    assert analyze("the class's dict, the boss's desk") == analyze("the class dict, the boss desk")  # not "classs"
    # typographic apostrophes read as typed ones; a negative contraction is "not", as its question writes it out
    assert analyze("the object’s type") == analyze("the object's type") == ["object", "type"]
    assert analyze("functions that don’t return") == analyze("functions that do not return") == ["function", "not", "return"]
    assert analyze("it isn't, they won't") == ["not", "not"] and analyze("you can’t") == analyze("you cannot")


def test_known_answers(index):
    def top(query):
        return index.chunks([index.lexical_search(query, 1)[0][0]])[0].doc_id

    assert top("barking dog") == "dogs"
    assert top("purring cats hunting") == "cats"
    assert top("python with statement") == "python"
    assert top("snake skin") == "snakes"
    assert index.lexical_search("the of a", 5) == []


def bm25_reference(query_terms, docs_terms, k1=1.2, b=0.75):
    """BM25 as FTS5 defines it: idf = ln((N - n + 0.5) / (n + 0.5)), floored at 1e-6."""
    n_docs = len(docs_terms)
    avgdl = sum(len(d) for d in docs_terms.values()) / n_docs
    doc_freq = {term: sum(1 for t in docs_terms.values() if term in t) for term in set(query_terms)}
    scores = {}
    for doc, terms in docs_terms.items():
        score = 0.0
        for term in query_terms:
            n = doc_freq[term]
            if not n or term not in terms:
                continue
            idf = math.log((n_docs - n + 0.5) / (n + 0.5))
            idf = idf if idf > 0 else 1e-6
            tf = terms.count(term)
            score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(terms) / avgdl))
        if score:
            scores[doc] = score
    return scores


@pytest.mark.parametrize("query", ["dog cat", "python snake", "stars gravity plasma sun", "a the cats cats"])
def test_bm25_scores_match_formula(index, query):
    docs_terms = {k: analyze(v) for k, v in CORPUS.items()}
    expected = bm25_reference(analyze(query), docs_terms)
    got = {index.chunks([rowid])[0].doc_id: score for rowid, score in index.lexical_search(query, 10)}
    assert set(got) == set(expected)
    for doc, score in expected.items():
        assert got[doc] == pytest.approx(score, rel=1e-6, abs=1e-9)


def test_metrics_against_hand_computed_values():
    ranked = ["a", "x", "b", "y"]
    relevant = {"a": 1, "b": 2, "c": 1}
    dcg = 1 / math.log2(2) + 2 / math.log2(4)
    idcg = 2 / math.log2(2) + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at_k(ranked, relevant, 10) == pytest.approx(dcg / idcg)
    assert recall_at_k(ranked, relevant, 100) == pytest.approx(2 / 3)
    assert mrr_at_k(["x", "y", "b"], relevant, 10) == pytest.approx(1 / 3)
    assert mrr_at_k(["x"], relevant, 10) == 0.0
    assert ndcg_at_k([], relevant) == 0.0


def test_rrf():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "a"]], k=60)
    assert [doc for doc, _ in fused] == ["a", "c", "b"]
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 62)


def ranked_ids(idx, query):
    return [idx.chunks([r])[0].chunk_id for r, _ in idx.lexical_search(query, 20)]


@pytest.mark.parametrize("lexical", LEXICAL)
def test_incremental_update_equals_full_rebuild(tmp_path, lexical):
    changed = dict(CORPUS, dogs="Dogs bark loudly. A dog is a loyal pet that fetches.", fish="Fish swim in water.")
    del changed["stars"]
    with DocumentIndex(tmp_path / "inc.sqlite", lexical=lexical) as inc:
        index_documents(inc, docs_from(CORPUS), progress=False)
        counts = index_documents(inc, docs_from(changed), progress=False, prune_under=["/docs"])
        assert counts == {"added": 1, "updated": 1, "unchanged": 3, "removed": 1, "chunks": inc.num_chunks()}
        with DocumentIndex(tmp_path / "full.sqlite", lexical=lexical) as full:
            index_documents(full, docs_from(changed), progress=False)
            for query in ("dog pet", "cat mice", "fish water", "stars", "python snake"):
                a = [(c, round(s, 9)) for c, s in zip(ranked_ids(inc, query), [s for _, s in inc.lexical_search(query, 20)])]
                b = [(c, round(s, 9)) for c, s in zip(ranked_ids(full, query), [s for _, s in full.lexical_search(query, 20)])]
                assert a == b


def test_indexing_again_with_other_chunking_cuts_the_documents_again(tmp_path):
    long_text = " ".join(f"word{i}" for i in range(300))
    docs = [Document(long_text, "/docs/long.txt", "/docs/long.txt", "long")]
    with DocumentIndex(tmp_path / "again.sqlite") as again, DocumentIndex(tmp_path / "fresh.sqlite") as fresh:
        index_documents(again, docs, 120, 20, progress=False)
        counts = index_documents(again, docs, 50, 10, progress=False)
        index_documents(fresh, docs, 50, 10, progress=False)
        assert counts["updated"] == 1 and again.num_chunks() == fresh.num_chunks() == 8
        assert index_documents(again, docs, 50, 10, progress=False)["unchanged"] == 1


def _written(folder, files, seconds_ago=60):
    """Write `files` ({name: text}) into `folder`, dated `seconds_ago` (older than a racy stamp)."""
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.write_text(text)
        when = time.time() - seconds_ago
        os.utime(path, (when, when))


def test_refreshing_from_files_reads_only_the_files_that_changed(tmp_path, monkeypatch):
    """What `chat --docs` does at each start: an unchanged file (same size and modification
    time) is not read again, a changed, new or re-added one is, a deleted one leaves the index,
    and the index equals one built from scratch."""
    from neuraflux.core import documents
    from neuraflux.core.retrieval.build import refresh_from_files

    read = []
    real = documents.read_document
    monkeypatch.setattr(documents, "read_document", lambda path, *a: read.append(os.path.basename(path)) or real(path, *a))
    folder = tmp_path / "docs"
    _written(folder, {"a.md": "# Ports\n\nThe server listens on port 7431.\n", "b.txt": "Backups run nightly.\n",
                      "c.md": "# Logs\n\nLogs rotate weekly.\n"})
    with DocumentIndex(tmp_path / "cache.sqlite") as idx:
        first = refresh_from_files(idx, [str(folder)], progress=False)
        assert sorted(read) == ["a.md", "b.txt", "c.md"] and first["added"] == 3
        read.clear()
        assert refresh_from_files(idx, [str(folder)], progress=False)["unchanged"] == 3 and read == []
        _written(folder, {"b.txt": "Backups run every night at 2 am.\n", "d.md": "Alerts go to the on-call phone.\n"})
        (folder / "c.md").unlink()
        counts = refresh_from_files(idx, [str(folder)], progress=False)
        assert sorted(read) == ["b.txt", "d.md"]
        assert (counts["added"], counts["updated"], counts["unchanged"], counts["removed"]) == (1, 1, 1, 1)
        idx.delete(documents.display_path(os.path.abspath(folder / "a.md")))  # gone from the index, not the folder
        read.clear()
        refresh_from_files(idx, [str(folder)], progress=False)
        assert read == ["a.md"]
        with DocumentIndex(tmp_path / "full.sqlite") as full:
            refresh_from_files(full, [str(folder)], progress=False)
            assert idx.document_hashes() == full.document_hashes()
            for query in ("port", "backups night", "logs", "alerts phone"):
                assert [s for _, s in idx.lexical_search(query)] == pytest.approx([s for _, s in full.lexical_search(query)])


def test_reading_files_shows_its_progress_only_when_it_takes_a_while(tmp_path, capsys):
    import io

    from neuraflux.core.documents import read_changed_files
    from neuraflux.core.progress import Progress
    from neuraflux.core.retrieval.build import refresh_from_files

    folder = tmp_path / "docs"
    _written(folder, {f"{n}.md": f"Note {n}.\n" for n in range(3)})
    shown = io.StringIO()
    bar = Progress("reading", unit="files", stream=shown, interval=0)
    read_changed_files([str(folder)], {}, progress=bar)
    bar.close(only_if_shown=True)
    lines = shown.getvalue().splitlines()
    assert lines[0].startswith("reading 1/3 files") and lines[-1].startswith("reading 3/3 files (100%)")
    with DocumentIndex(tmp_path / "cache.sqlite") as idx:
        refresh_from_files(idx, [str(folder)], progress=True)  # three small files: far under the interval
    assert "reading" not in capsys.readouterr().err


def test_refreshing_from_files_reads_again_what_was_just_written_or_read_otherwise(tmp_path, monkeypatch):
    """A file modified within the last seconds may change again within its timestamp's tick: it
    is read again next time; so is every file when the chunking differs from the last run's."""
    from neuraflux.core import documents
    from neuraflux.core.retrieval.build import refresh_from_files

    read = []
    real = documents.read_document
    monkeypatch.setattr(documents, "read_document", lambda path, *a: read.append(os.path.basename(path)) or real(path, *a))
    folder = tmp_path / "docs"
    _written(folder, {"old.md": "Parking is free after 6 pm.\n"})
    _written(folder, {"new.md": "Parking costs 2 euros an hour.\n"}, seconds_ago=0)
    with DocumentIndex(tmp_path / "cache.sqlite") as idx:
        refresh_from_files(idx, [str(folder)], progress=False)
        read.clear()
        refresh_from_files(idx, [str(folder)], progress=False)
        assert read == ["new.md"]
        read.clear()
        refresh_from_files(idx, [str(folder)], chunk_size=60, overlap=10, progress=False)
        assert sorted(read) == ["new.md", "old.md"]
        (folder / "old.md").unlink()
        (folder / "new.md").unlink()
        with pytest.raises(DataError, match="no readable documents"):
            refresh_from_files(idx, [str(folder)], progress=False)


def test_the_reader_signature_covers_every_reader_and_the_helpers_they_import(tmp_path):
    """Files read by older code are read again: the signature digests every module that turns a
    file into text, found by following their imports, so a helper a reader comes to import joins."""
    import shutil

    from neuraflux.core import documents

    folder = os.path.dirname(documents.__file__)
    readers = {"htmltext", "pdftext", "docxtext", "odttext", "epubtext", "emailtext", "xlsxtext", "pptxtext",
               "configtext", "zipparts"}
    assert readers <= set(documents._reader_modules(folder))
    copy = tmp_path / "core"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = documents._reader_modules(str(copy))
    with open(copy / "zipparts.py", "a") as handle:
        handle.write("\nfrom .textmarks import MARK  # a helper a reader comes to need\n")
    (copy / "textmarks.py").write_text("MARK = '*'\n")
    assert set(documents._reader_modules(str(copy))) == set(before) | {"textmarks"}


def test_chunks_keep_offsets(tmp_path):
    text = " ".join(f"word{i}" for i in range(300))
    with DocumentIndex(tmp_path / "c.sqlite") as idx:
        idx.upsert("doc", text, "T", "/p.txt", chunk_size=50, overlap=10)
        chunks = idx.chunks(list(range(1, idx.num_chunks() + 1)))
    assert len(chunks) == 8
    for chunk in chunks:
        assert text[chunk.start:chunk.end] == chunk.text and chunk.title == "T" and chunk.path == "/p.txt"
    assert chunks[1].text.split()[:10] == chunks[0].text.split()[-10:]


def test_a_document_titled_anew_is_indexed_anew(tmp_path):
    """A newer reader may title the same text otherwise (a README's heading without its badges):
    the title's words are terms of every chunk, so the document is indexed again."""
    text = "Quillpress renders pages. It keeps a cache of every page it rendered."
    badged = "Quillpress [![ci](https://ci.example/b.svg)]"
    with DocumentIndex(tmp_path / "t.sqlite") as idx:
        with idx.transaction():
            assert idx.upsert("doc", text, badged, "/r.md")
        with idx.transaction():
            assert not idx.upsert("doc", text, badged, "/r.md")
        assert idx.lexical_search("example", top_k=3)  # a word of the badge's address
        with idx.transaction():
            assert idx.upsert("doc", text, "Quillpress", "/r.md")
        assert [c.title for c in idx.chunks(list(range(1, 10)))] == ["Quillpress"]
        assert idx.lexical_search("example", top_k=3) == [] and idx.lexical_search("quillpress", top_k=3)


def _writer(path, prefix, count):
    with DocumentIndex(path) as idx:
        for i in range(count):
            with idx.transaction():
                idx.upsert(f"{prefix}-{i}", f"document {prefix} number {i} about topic{i % 7}")


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "shared.sqlite")
    DocumentIndex(path).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(path, p, 150)) for p in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with DocumentIndex(path) as idx:
        assert idx.num_documents() == 300 and idx.num_chunks() == 300
        assert len(idx.lexical_search("topic3", 1000)) == 2 * len([i for i in range(150) if i % 7 == 3])


def test_kill_during_indexing_leaves_usable_index(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(3000):
        (folder / f"d{i:04d}.txt").write_text(f"Document {i} talks about subject{i % 13} and more words " * 20)
    index = tmp_path / "k.sqlite"
    proc = subprocess.Popen([sys.executable, "-m", "neuraflux", "index", "--docs", str(folder), "--index", str(index)],
                            env=dict(os.environ, PYTHONPATH=ROOT), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.2)
        if index.exists():
            try:
                with DocumentIndex(index, create=False) as idx:
                    if idx.num_documents() >= 128:
                        break
            except RetrievalError:
                pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with DocumentIndex(index, create=False) as idx:
        n = idx.num_documents()
        assert 0 < n <= 3000
        assert idx.lexical_search("subject5", 5)
    out = subprocess.run([sys.executable, "-m", "neuraflux", "index", "--docs", str(folder), "--index", str(index)],
                         env=dict(os.environ, PYTHONPATH=ROOT), capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert f"{n} unchanged" in out.stdout
    with DocumentIndex(index, create=False) as idx:
        assert idx.num_documents() == 3000


def test_index_refuses_mismatched_analyzer_and_names_the_rebuild_that_works(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("The VPN server listens on port 51820.\n")
    path = tmp_path / "old.sqlite"

    def index(*extra):
        return subprocess.run([sys.executable, "-m", "neuraflux", "index", "--docs", str(tmp_path / "docs"), "--index",
                               str(path), *extra], env=dict(os.environ, PYTHONPATH=ROOT), capture_output=True,
                              text=True, cwd=ROOT)

    assert index().returncode == 0
    with DocumentIndex(path) as idx:
        idx.set_meta(analyzer="english-porter2/0")
    with pytest.raises(RetrievalError, match=r"analyzer.*`neuraflux index --rebuild"):
        DocumentIndex(path)
    assert index().returncode == 1  # a plain update opens the index it would update
    rebuilt = index("--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    with DocumentIndex(path) as idx:
        assert idx.num_documents() == 1
    (tmp_path / "junk.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(RetrievalError):
        DocumentIndex(tmp_path / "junk.sqlite")


def test_beir_parsing(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"_id": "d1", "title": "T", "text": "hello"}) + "\n\n"
                      + json.dumps({"_id": 2, "text": "x"}) + "\n")
    rows = read_beir_jsonl(corpus, "corpus")
    assert rows == [{"id": "d1", "title": "T", "text": "hello"}, {"id": "2", "title": "", "text": "x"}]
    corpus.write_text(json.dumps({"_id": "d1", "text": "ok"}) + "\n{oops\n")
    with pytest.raises(DataError, match=r"corpus.jsonl:2"):
        read_beir_jsonl(corpus, "corpus")
    corpus.write_text(json.dumps({"text": "no id"}) + "\n")
    with pytest.raises(DataError, match=r":1: .*_id"):
        read_beir_jsonl(corpus, "corpus")
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\t2\n")
    assert read_qrels(qrels) == {"q1": {"d1": 1, "d2": 2}}
    qrels.write_text("query-id\tcorpus-id\tscore\nq1\td1\n")
    with pytest.raises(DataError, match="qrels.tsv:2"):
        read_qrels(qrels)


def test_ingestion_formats_and_skips(tmp_path):
    from neuraflux.core.documents import load_documents

    (tmp_path / "a.md").write_text("# Title A\n\nSome text.")
    (tmp_path / "b.py").write_text('"""Module doc."""\n# a comment\ndef f():\n    """Func doc."""\n    return 1\n')
    (tmp_path / "c.rst").write_text("Heading C\n=========\n\nBody.")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    (tmp_path / "skip.log").write_text("not indexed")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("nested")
    (tmp_path / "sub" / "e.md").write_text("```bash\n# install it\npip install e\n```\n\n# Title E\n")
    skipped = []
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path], on_skip=skipped.append)}
    assert set(docs) == {"a.md", "b.py", "c.rst", "d.txt", "e.md"}
    assert docs["a.md"].title == "Title A" and docs["c.rst"].title == "Heading C"
    assert docs["e.md"].title == "Title E"  # not the comment in the fenced code above it
    assert "Module doc." in docs["b.py"].text and "f()\n\n   Func doc." in docs["b.py"].text and "a comment" in docs["b.py"].text
    assert len(skipped) == 1 and "bad.txt" in skipped[0]
    only_md = load_documents([tmp_path], include=["*.md"])
    assert [os.path.basename(d.path) for d in only_md] == ["a.md", "e.md"]
    assert len(load_documents([tmp_path], exclude=["sub/*"])) == 3


def test_cli_index_search_and_eval(cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for key, text in CORPUS.items():
        (folder / f"{key}.txt").write_text(text)
    out = cli("index", "--docs", folder, "--index", tmp_path / "i.sqlite")
    assert out.returncode == 0 and "5 added" in out.stdout, out.stderr
    res = cli("search", "--index", tmp_path / "i.sqlite", "barking dog", "--json")
    data = json.loads(res.stdout)
    assert data["results"][0]["path"].endswith("dogs.txt") and data["mode"] == "bm25"
    beir = tmp_path / "beir"
    beir.mkdir()
    (beir / "corpus.jsonl").write_text("".join(json.dumps({"_id": k, "title": "", "text": v}) + "\n"
                                               for k, v in CORPUS.items()))
    (beir / "queries.jsonl").write_text(json.dumps({"_id": "q1", "text": "loyal dog"}) + "\n"
                                        + json.dumps({"_id": "q2", "text": "snake prey"}) + "\n")
    (beir / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\nq1\tdogs\t1\nq2\tsnakes\t1\n")
    ev = cli("eval", "retrieval", "--corpus", beir / "corpus.jsonl", "--queries", beir / "queries.jsonl",
             "--qrels", beir / "qrels.tsv", "--json")
    assert ev.returncode == 0, ev.stderr
    result = json.loads(ev.stdout)
    assert result["ndcg@10"] == 1.0 and result["mrr@10"] == 1.0 and result["queries"] == 2
    missing = cli("search", "--index", tmp_path / "none.sqlite", "x")
    assert missing.returncode == 1 and "no index" in missing.stderr


@pytest.fixture(scope="module")
def text_model(tmp_path_factory):
    from neuraflux.core.checkpoint import save_checkpoint
    from neuraflux.core.config import NanoConfig
    from neuraflux.core.init import init_tensors
    from neuraflux.core.tokenizers import ByteBPETokenizer

    tok = ByteBPETokenizer.train(list(CORPUS.values()), 300)
    config = NanoConfig(vocab_size=tok.vocab_size, hidden_size=32, num_layers=2, num_heads=2, intermediate_size=64,
                        max_seq_len=64, initializer_range=0.3)
    folder = tmp_path_factory.mktemp("m") / "model"
    save_checkpoint(folder, config, init_tensors(config, 3), tok)
    return folder


def test_dense_search_same_ids_in_every_backend(tmp_path, text_model):
    from neuraflux.core.backends import get_backend
    from neuraflux.core.retrieval.retriever import Embedder, Retriever

    results = {}
    for name in BACKENDS:
        backend = get_backend(name)
        embedder = Embedder(backend.load_model(text_model))
        with DocumentIndex(tmp_path / f"{name}.sqlite") as idx:
            index_documents(idx, docs_from(CORPUS), chunk_size=8, overlap=2, embedder=embedder, progress=False)
            retriever = Retriever(idx, embedder, backend)
            results[name] = [[h.chunk_id for h in retriever.search(q, 6, "dense")] for q in ("dog", "python snake")]
            hybrid = retriever.search("barking dog", 3, "hybrid")
            assert hybrid and retriever.resolve_mode("auto") == "bm25"  # LM states: never the default
    assert len(set(map(str, results.values()))) == 1


class _Hit:
    def __init__(self, text):
        self.text, self.title = text, "doc"


@given(st.lists(st.text(min_size=1, max_size=400), max_size=6), st.text(min_size=1, max_size=120),
       st.integers(1, 60))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
def test_rag_prompt_fits_and_keeps_question(text_model, passages, question, max_new):
    from neuraflux.core.rag import NanoRAG

    model = _lite_model(text_model)
    rag = NanoRAG(model)
    question = question.replace("\r", " ")
    ids, kept, _ = rag.build_prompt(question, [_Hit(p) for p in passages], history=[("old q", "old a")] * 3,
                                    max_new_tokens=max_new)
    prompt = model.tokenizer.decode(ids)
    assert f"Question: {question.strip()}\nAnswer:" in prompt
    budget = model.config.max_seq_len - min(max_new, model.config.max_seq_len // 3)
    from neuraflux.core.prompt import format_prompt

    question_alone = 1 + len(model.tokenizer.encode(format_prompt([], question)))
    if question_alone <= budget:
        assert len(ids) <= budget
    else:
        assert kept == []


_MODELS = {}


def _lite_model(path):
    if path not in _MODELS:
        from neuraflux.core.backends import get_backend

        _MODELS[path] = get_backend("lite").load_model(path)
    return _MODELS[path]


def test_pruned_search_equals_exhaustive_scoring(tmp_path):
    import random

    rng = random.Random(5)
    vocabulary = [f"w{i}" for i in range(400)]
    weights = [1 / (r + 1) for r in range(400)]
    texts = {f"d{i}": " ".join(rng.choices(vocabulary, weights, k=rng.randint(5, 40))) for i in range(1500)}
    with DocumentIndex(tmp_path / "z.sqlite") as idx:
        index_documents(idx, docs_from(texts), progress=False)
        assert idx._lexical_state()[3].all_live  # nothing deleted yet: postings need no liveness check
        with idx.transaction():  # a deletion and a replacement leave stale postings behind
            idx.delete("d3")
            idx.upsert("d4", "w1 w2 w3 w399 w398", None, "/docs/d4.txt")
        assert not idx._lexical_state()[3].all_live
        texts.pop("d3")
        texts["d4"] = "w1 w2 w3 w399 w398"
        docs_terms = {k: analyze(v) for k, v in texts.items()}
        for _ in range(40):
            query = " ".join(rng.sample(vocabulary[:60], 2) + rng.sample(vocabulary, 2))
            expected = bm25_reference(analyze(query), docs_terms)
            best = sorted(expected.items(), key=lambda p: -p[1])[:10]
            got = [(idx.chunks([r])[0].doc_id, s) for r, s in idx.lexical_search(query, 10)]
            assert [round(s, 9) for _, s in got] == [round(s, 9) for _, s in best]
            assert {d for d, _ in got} <= set(expected)


def test_saved_lengths_are_read_only_while_they_match_the_chunks(tmp_path):
    texts = {f"d{i}": " ".join(["alpha"] * (i + 1) + ["beta", f"w{i}"]) for i in range(30)}
    path = tmp_path / "l.sqlite"
    with DocumentIndex(path) as idx:
        index_documents(idx, docs_from(texts), progress=False)
        scanned = dict(idx.db.execute("SELECT id, length FROM chunks"))
        assert idx._saved_lengths(idx._chunks_stamp()[1]) == scanned  # the indexing run saved them
        before = idx.lexical_search("alpha w3", 5)
    with DocumentIndex(path, create=False) as idx:  # a new process reads the saved row
        assert idx._lexical_state()[2] == scanned and idx.lexical_search("alpha w3", 5) == before
        with idx.transaction():  # written outside an indexing run: the saved row is stale
            idx.upsert("d30", "alpha alpha beta w30 w30 w30", None, "/docs/d30.txt")
        assert idx._saved_lengths(idx._chunks_stamp()[1]) is None
        assert len(idx._lexical_state()[2]) == 31
        with idx.transaction():
            idx.delete("d30")  # back to 30 chunks, but the stamp names the id issued since
        assert idx._saved_lengths(idx._chunks_stamp()[1]) is None
        assert idx.lexical_search("alpha w3", 5) == before


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.integers(0, 40), st.floats(0.01, 5.0), min_size=1, max_size=25), min_size=1,
                max_size=6), st.lists(st.floats(0.1, 3.0), min_size=6, max_size=6), st.integers(1, 12))
def test_pruned_top_k_equals_exhaustive_scoring(postings, factors, k):
    from neuraflux.core.retrieval.bm25 import top_k_scores

    plan = []
    exhaustive = {}
    for term, factor in zip(postings, factors):
        ids = sorted(term)
        weights = [term[i] for i in ids]
        plan.append((factor * max(weights), factor, ids, weights))
        for chunk, weight in term.items():
            exhaustive[chunk] = exhaustive.get(chunk, 0.0) + factor * weight
    got = top_k_scores(plan, k)
    want = sorted(exhaustive.items(), key=lambda p: (-p[1], -p[0]))[:k]
    assert [c for c, _ in got] == [c for c, _ in want] or [round(v, 9) for _, v in got] == [round(v, 9) for _, v in want]
    assert all(abs(v - exhaustive[c]) < 1e-9 for c, v in got)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 30), st.integers(1, 400)), min_size=1, max_size=40), st.floats(5.0, 300.0))
def test_tf_parts_computed_when_read_equal_the_formula_and_stay_under_their_bound(postings, average):
    import array

    from neuraflux.core.retrieval.bm25 import B, K1, TfParts

    lengths = {chunk: length for chunk, (_, length) in enumerate(postings)}
    ids, tfs = array.array("q", range(len(postings))), array.array("I", [tf for tf, _ in postings])
    parts = TfParts(ids, tfs, lengths, average)
    want = [tf * (K1 + 1) / (tf + K1 * (1 - B) + K1 * B / average * length) for tf, length in postings]
    assert [parts[i] for i in range(len(parts))] == want and list(parts) == want and list(parts) == want
    assert parts.bound(min(lengths.values())) >= max(want)


def _packed_and_pruned(chunk_ids, postings, counts, k):
    """(packed.PackedScores.top_k, bm25.top_k_scores) for one query over `postings`."""
    from neuraflux.core.retrieval.bm25 import fts5_idf, top_k_scores
    from neuraflux.core.retrieval.packed import PackedScores

    plan = []
    for term, multiplicity in counts.items():
        ids, weights, top = postings[term]
        factor = fts5_idf(len(chunk_ids), len(ids)) * multiplicity
        plan.append((factor * top, factor, ids, weights))
    return PackedScores(chunk_ids).top_k(counts, postings.__getitem__, k), top_k_scores(plan, k)


@settings(max_examples=150, deadline=None)
@given(st.integers(12, 400), st.integers(1, 12), st.integers(1, 9), st.booleans(), st.integers(0, 2 ** 32))
def test_packed_top_k_equals_pruned_top_k(num_chunks, k, num_terms, coarse, seed):
    rng = random.Random(seed)
    chunk_ids = sorted(rng.sample(range(1, 10 * num_chunks), num_chunks))
    postings = {}
    for t in range(num_terms):
        ids = sorted(rng.sample(chunk_ids, rng.randint(1, num_chunks)))
        # coarse weights make exact ties between chunks; fine ones make near-ties
        weights = [round(rng.uniform(0.05, 2.2), 1) if coarse else rng.uniform(0.05, 2.2) for _ in ids]
        postings[f"w{t}"] = (ids, weights, max(weights))
    counts = {term: rng.choice((1, 1, 1, 2, 3)) for term in postings}
    packed, pruned = _packed_and_pruned(chunk_ids, postings, counts, k)
    assert packed is None or packed == pruned


def test_packed_top_k_decides_realistic_queries_exactly():
    rng = random.Random(5)
    chunk_ids = list(range(3, 3 + 2000))
    postings = {}
    for t in range(60):  # Zipf-like document frequencies, BM25-like tf parts
        ids = sorted(rng.sample(chunk_ids, max(1, 1600 // (t + 1))))
        weights = [rng.choice((0.6, 0.9, 1.1, 1.3, 1.5, 1.7)) * rng.uniform(0.9, 1.0) for _ in ids]
        postings[f"w{t}"] = (ids, weights, max(weights))
    decided = 0
    for _ in range(60):
        counts = {f"w{t}": rng.choice((1, 1, 2)) for t in rng.sample(range(60), rng.randint(2, 30))}
        packed, pruned = _packed_and_pruned(chunk_ids, postings, counts, 10)
        if packed is not None:
            decided += 1
            assert packed == pruned
    assert decided == 60  # none of these queries needs the fallback


def test_repeated_searches_give_the_first_searchs_results(tmp_path, monkeypatch):
    from neuraflux.core.retrieval import packed as packed_module

    rng = random.Random(3)
    vocabulary = [f"w{i}" for i in range(300)]
    texts = {f"d{i}": " ".join(rng.choices(vocabulary, [1 / (r + 1) for r in range(300)], k=30)) for i in range(400)}
    queries = [" ".join(rng.sample(vocabulary[:80], 6)) for _ in range(40)]
    with DocumentIndex(tmp_path / "p.sqlite") as idx:
        index_documents(idx, docs_from(texts), progress=False)
        first = []
        for q in queries:  # every search as the first of its index state: the pruned loop
            idx._lex_cache = None
            first.append(idx.lexical_search(q, 10))
        assert [idx.lexical_search(q, 10) for q in queries] == first  # packed after the first
        assert idx.lexical_search(queries[0], 0) == [] and idx.lexical_search(queries[0], 1) == first[0][:1]
        assert idx._lexical_state()[3].packed.terms
        decided = []
        top_k = packed_module.PackedScores.top_k
        monkeypatch.setattr(packed_module.PackedScores, "top_k",
                            lambda self, *a: decided.append(top_k(self, *a)) or decided[-1])
        monkeypatch.setattr(packed_module, "CACHE_BYTES", 60_000)  # emptied every few queries
        idx._lex_cache = None
        assert [idx.lexical_search(q, 10) for q in queries] == first
        packed = idx._lexical_state()[3].packed
        assert packed.size <= 60_000 and packed.emptied > 5
        assert 5 < sum(found is not None for found in decided) < len(queries) - 1


def test_term_cache_stays_under_its_postings_limit(tmp_path, monkeypatch):
    from neuraflux.core.retrieval import index as index_module

    texts = {f"d{i}.txt": " ".join(f"w{(i * 7 + j) % 50}" for j in range(30)) for i in range(40)}
    with DocumentIndex(tmp_path / "c.sqlite", lexical="segments") as idx:
        index_documents(idx, docs_from(texts), progress=False)
        queries = [f"w{i} w{(i + 13) % 50} w{(i + 29) % 50}" for i in range(50)]
        unlimited = [idx.lexical_search(q, 5) for q in queries]
        monkeypatch.setattr(index_module, "CACHE_POSTINGS", 60)
        idx._lex_cache = None
        limited = [idx.lexical_search(q, 5) for q in queries]
        cache = idx._lexical_state()[3]
        assert limited == unlimited
        assert 0 < cache.postings <= 60 and cache.postings == sum(len(ids) for ids, _, _ in cache.values())


# -- HTML pages ---------------------------------------------------------------------------
SPHINX_LIKE = """<!DOCTYPE html><html><head><title>Quill docs &mdash; Configuration</title>
<style>p{color:red}</style><script>var x = "<p>not text</p>";</script></head><body>
<nav><a href="/">Home</a> | <a href="/api">API</a></nav>
<div class="body"><h1>Configuration<a class="headerlink" href="#c">¶</a></h1>
<p>The server reads <code>quill.toml</code> &amp; the <em>environment</em>.<br>Restart it after a change.</p>
<ul><li>One item.</li><li>Two: <strong>bold</strong><ul><li>Nested.</li></ul></li></ul>
<ol><li>First step.</li><li>Second step.</li></ol>
<table><thead><tr><th>Key</th><th>Default</th></tr></thead>
<tbody><tr><td><p><code>port</code></p></td><td><p>8813</p></td></tr><tr><td>sep</td><td>a|b</td></tr></tbody></table>
<pre>quill serve --port 8813
# a comment</pre>
<dl><dt>quill.start(port=8813)</dt><dd><p>Start the server.</p><p>It returns at once.</p></dd></dl>
<p hidden>Secret.</p><div aria-hidden="true">Also hidden.</div>
<table class="layout"><tr><td><p>Layout cell text.</p><div>More.</div></td><td>Side.</td></tr></table>
</div></body></html>"""


def test_an_html_page_reads_as_headings_lists_tables_code_and_terms():
    from neuraflux.core.htmltext import html_to_text
    from neuraflux.core.sentences import split_units

    text, title = html_to_text(SPHINX_LIKE)
    assert title == "Quill docs — Configuration"
    assert text == ("# Configuration\n\nThe server reads `quill.toml` & the *environment*.\nRestart it after a change.\n\n"
                    "* One item.\n* Two: **bold**\n  * Nested.\n\n1. First step.\n2. Second step.\n\n"
                    "| Key | Default |\n|---|---|\n| `port` | 8813 |\n| sep | a\\|b |\n\n"
                    "```\nquill serve --port 8813\n# a comment\n```\n\n"
                    "quill.start(port=8813)\n   Start the server.\n\n   It returns at once.\n\n"
                    "Layout cell text.\n\nMore.\n\nSide.\n")
    units = split_units(text)
    assert {u.heading for u in units} == {"Configuration"}  # "# a comment" is code
    assert [(u.kind, u.text) for u in units if u.kind in ("header", "table")] == [
        ("header", "Key — Default"), ("table", "`port` — 8813"), ("table", "sep — a|b")]
    assert [u.term for u in units if u.text == "Start the server."] == ["quill.start(port=8813)"]
    assert not any(word in text for word in ("Home", "not text", "color", "Secret", "Also hidden"))


def test_html_files_are_documents_titled_by_their_page_title(tmp_path):
    from neuraflux.core.documents import load_documents

    (tmp_path / "config.html").write_text(SPHINX_LIKE, encoding="utf-8")
    (tmp_path / "latin.htm").write_bytes('<meta charset="iso-8859-1"><h2>Café</h2><p>Crème brûlée.</p>'.encode("latin-1"))
    (tmp_path / "bad.html").write_bytes(b"<p>\xff\xfe</p>")
    skipped = []
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path], on_skip=skipped.append)}
    assert set(docs) == {"config.html", "latin.htm"}
    assert docs["config.html"].title == "Quill docs — Configuration" and "| `port` | 8813 |" in docs["config.html"].text
    assert docs["latin.htm"].title == "Café" and docs["latin.htm"].text == "## Café\n\nCrème brûlée.\n"
    assert len(skipped) == 1 and "bad.html" in skipped[0] and "charset" in skipped[0]


def test_questions_over_real_html_pages_from_pydoc(tmp_path):
    """pydoc's HTML (the standard library's own docstrings, laid out in nested tables) answers
    like the text it holds."""
    import json as json_module
    import pydoc

    from neuraflux.core.documents import load_documents
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.retrieval.build import index_documents
    from neuraflux.core.retrieval.index import DocumentIndex
    from neuraflux.core.retrieval.retriever import Retriever

    html = pydoc.HTMLDoc()
    (tmp_path / "json.html").write_text(html.page(pydoc.describe(json_module), html.document(json_module, "json")))
    with DocumentIndex(str(tmp_path / "i.sqlite")) as index:
        index_documents(index, load_documents([str(tmp_path / "json.html")]), progress=False)
    rag = NanoRAG(retriever=Retriever(str(tmp_path / "i.sqlite")), load_model=lambda: None, top_k=3, mode="bm25")
    answer = rag.answer("What does json.dumps do?")
    assert "Serialize ``obj`` to a JSON formatted ``str``." in [c.sentence for c in answer.citations]
    assert answer.sources[0].title == "Python: package json"


def test_a_help_page_reads_each_class_member_with_its_description(tmp_path):
    import pydoc

    from neuraflux.core.documents import read_document, help_page_text
    from neuraflux.core.sentences import split_units

    class Base:
        def reset(self):
            """Start again from the first item."""

    class Sampler(Base):
        """Draws items from a pool.

        Each draw is independent of the last."""

        def __init__(self, seed=None):
            self.seed = seed

        def pick(self, seq):
            """Choose one element of a non-empty sequence."""

    page = pydoc.render_doc(Sampler, renderer=pydoc.plaintext)
    assert "|  pick(self, seq)" in page  # pydoc's margin down the members
    (tmp_path / "sampler.txt").write_text(page)
    text, _ = read_document(str(tmp_path / "sampler.txt"))
    assert len(text) == len(page)  # the margin is blanked, offsets keep their place
    units = [(u.kind, u.text, u.term) for u in split_units(text)]
    assert ("term", "class Sampler(Base)", "") in units
    assert ("prose", "Draws items from a pool.", "class Sampler(Base)") in units  # its docstring
    assert ("prose", "Choose one element of a non-empty sequence.", "pick(self, seq)") in units
    assert not any("|" in unit_text for _, unit_text, _ in units)
    assert "Methods inherited from Base:" in page  # … and the base class's methods again, which are left out
    assert not any("Start again" in unit_text for _, unit_text, _ in units)
    # a built-in class's docstring starts with its signature; the words after the arrow describe it
    builtin = ("Help on class repeat in module itertools:\n\nclass repeat(builtins.object)\n"
               " |  repeat(object [,times]) -> create an iterator which returns the object\n"
               " |  for the specified number of times.\n |  \n |  Methods defined here:\n\n"
               "FILE\n    /usr/lib/python3.11/itertools.py\n")
    units = [(u.kind, u.text) for u in split_units(help_page_text(builtin))]
    assert units[:2] == [("term", "class repeat(builtins.object)"),  # the page's title line is no unit
                         ("prose", "create an iterator which returns the object for the specified number of times.")]
    assert units[-1] == ("prose", "Methods defined here:")  # nor is the source file's path
    def capwords(s, sep=None):
        """capwords(s [,sep]) -> string

        Split the argument into words and capitalize each word."""

    units = [(u.kind, u.text, u.term) for u in split_units(help_page_text(pydoc.render_doc(
        capwords, renderer=pydoc.plaintext)))]  # its docstring repeats its signature, which is no example of code
    assert units == [("term", "capwords(s, sep=None)", ""),
                     ("prose", "Split the argument into words and capitalize each word.", "capwords(s, sep=None)")]
    plain = "Notes\n\n | a table cell, not a margin\n"
    (tmp_path / "notes.txt").write_text(plain)
    assert read_document(str(tmp_path / "notes.txt"))[0] == plain  # only pydoc's pages lose it


_PLANNING = '''"""Tools for plans.

This module exports the following functions:
    make      Make a new plan from a list of steps.
    fullmerge Merge two plans into one.
    drop      Drop a plan that is no longer needed.
"""
from collections import namedtuple


class Planner:
    def cancel(self, event):
        """Remove an event from the plan."""


Step = namedtuple("Step", "name size")


class PlanError(Exception):
    pass
'''


def test_pydoc_page_of_a_module_reads_its_classes_members_and_function_list(tmp_path):
    """A class without a docstring of its own, under the page's tree of classes, keeps its members
    as terms (not one block of code); "Method resolution order:" lists and a docstring repeating
    the signature pydoc printed are no units; a list of functions in which one name fills its
    column up to a single space reads as rows."""
    import importlib.util
    import pydoc

    from neuraflux.core.documents import help_page_text
    from neuraflux.core.sentences import split_units

    (tmp_path / "planning.py").write_text(_PLANNING)
    spec = importlib.util.spec_from_file_location("planning", tmp_path / "planning.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = pydoc.render_doc(module, renderer=pydoc.plaintext)
    assert "Method resolution order:" in page and page.count("Step(name, size)") >= 2
    units = [(u.kind, u.text, u.term) for u in split_units(help_page_text(page))]
    assert ("term", "cancel(self, event)", "class Planner(builtins.object)") in units
    assert ("prose", "Remove an event from the plan.", "cancel(self, event)") in units
    assert any(kind == "term" and text.startswith("_replace(self") and term == "class Step(builtins.tuple)"
               for kind, text, term in units)  # Python 3.13 writes "… from collections.Step" after it
    assert not any("resolution order" in text or text.strip().startswith("Step(") for _, text, _ in units)
    assert ("table", "fullmerge — Merge two plans into one.", "This module exports the following functions:") in units
    assert ("table", "drop — Drop a plan that is no longer needed.",
            "This module exports the following functions:") in units


def test_html_comments_and_stray_angle_brackets():
    from neuraflux.core.htmltext import html_to_text

    assert html_to_text("<p>if a < b and c <d</p><!-- <p>old</p> --><p>kept</p>")[0] == "if a < b and c <d\n\nkept\n"
    assert html_to_text("<p>text</p><!-- never closed <p>gone</p>")[0] == "text\n"
    # a heading's link to itself is no part of its text; other links and a closing "#" of the text stay
    permalink = '<h3><code>util.format(x)</code><span><a class="mark" href="#util_format">#</a></span></h3>'
    assert html_to_text(permalink + '<h2>C#</h2><h2>Part <a href="#two">two</a></h2>')[0] == \
        "### `util.format(x)`\n\n## C#\n\n## Part two\n"
    soup = "<a " * 5000  # html.parser alone rescans to the end from every "<" here
    assert html_to_text(soup)[0] == soup.strip() + "\n"
    deep = "<dl><dt>t</dt><dd>" * 50 + "x" + "</dd></dl>" * 50
    assert html_to_text(deep)[0].splitlines()[-1] == "   " * 8 + "x"  # nesting indents 8 levels at most


# -- Word documents ---------------------------------------------------------------------------
def _docx(path, body, styles=None, title=None):
    """A minimal .docx: word/document.xml around `body`, optional styles.xml and core.xml title."""
    import zipfile

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')
        if styles:
            archive.writestr("word/styles.xml", f'<w:styles xmlns:w="{w}">{styles}</w:styles>')
        if title:
            archive.writestr("docProps/core.xml", '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
                             'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                             f'<dc:title>{title}</dc:title></cp:coreProperties>')


def _p(text, style=None, numbered=False, bold=None):
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:numPr/>" if numbered else "")
    runs = f"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>"
    if bold:
        runs += f'<w:r><w:rPr><w:b/></w:rPr><w:t>{bold}</w:t></w:r><w:r><w:t>.</w:t></w:r>'
    return f"<w:p>{'<w:pPr>' + props + '</w:pPr>' if props else ''}{runs}</w:p>"


def test_a_word_document_reads_as_headings_lists_and_tables(tmp_path):
    from neuraflux.core.documents import load_documents
    from neuraflux.core.sentences import split_units

    cell = lambda text: f"<w:tc>{_p(text)}</w:tc>"  # noqa: E731
    body = (_p("Quill handbook", style="Title") + _p("Setup", style="berschrift1") +
            _p("Install it with ", bold="pip") + _p("Download the wheel", numbered=True) + _p("Run the installer", numbered=True) +
            f"<w:tbl><w:tr>{cell('Key')}{cell('Default')}</w:tr><w:tr>{cell('port')}{cell('8813')}</w:tr></w:tbl>" +
            '<w:p><w:r><w:t>Line one.</w:t><w:br/><w:t>Line</w:t><w:tab/><w:t>two.</w:t></w:r></w:p>')
    styles = '<w:style w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>'
    _docx(tmp_path / "handbook.docx", body, styles, title="Quill &amp; Co handbook")
    (tmp_path / "broken.docx").write_bytes(b"not a zip archive")
    os.makedirs(tmp_path / "macros")
    _docx(tmp_path / "macros" / "handbook.docm", body, styles, title="Quill &amp; Co handbook")  # macro-enabled: read alike
    skipped = []
    docs = load_documents([tmp_path], on_skip=skipped.append)
    assert [os.path.basename(d.path) for d in docs] == ["handbook.docx", "handbook.docm"]
    assert docs[1].text == docs[0].text
    assert len(skipped) == 1 and "broken.docx" in skipped[0] and "not a readable .docx" in skipped[0]
    doc = docs[0]
    assert doc.title == "Quill & Co handbook"
    assert doc.text == ("# Quill handbook\n\n# Setup\n\nInstall it with **pip**.\n\n* Download the wheel\n* Run the installer\n\n"
                        "| Key | Default |\n|---|---|\n| port | 8813 |\n\nLine one.\nLine two.\n")
    units = split_units(doc.text)
    assert [(u.kind, u.text) for u in units if u.kind in ("header", "table")] == [("header", "Key — Default"),
                                                                                  ("table", "port — 8813")]
    assert {u.heading for u in units if u.kind == "prose"} == {"Setup"}


def test_hostile_word_documents_are_refused_not_unpacked(tmp_path):
    import zipfile

    from neuraflux.core import docxtext, zipparts
    from neuraflux.core.errors import DataError

    _docx(tmp_path / "entities.docx", "")
    with zipfile.ZipFile(tmp_path / "entities.docx", "a") as archive:
        archive.writestr("word/styles.xml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;&a;</x>')
    with pytest.raises(DataError, match="DTD or entities"):
        docxtext.docx_to_text(str(tmp_path / "entities.docx"))
    with zipfile.ZipFile(tmp_path / "big.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b" " * (zipparts.MAX_PART_BYTES + 1) + b"</a>")
    with pytest.raises(DataError, match="over the"):
        docxtext.docx_to_text(str(tmp_path / "big.docx"))
    with pytest.raises(DataError, match="no word/document.xml"):
        with zipfile.ZipFile(tmp_path / "empty.docx", "w") as archive:
            archive.writestr("other.xml", "<a/>")
        docxtext.docx_to_text(str(tmp_path / "empty.docx"))


# -- OpenDocument text, e-books and e-mail ---------------------------------------------------
_ODF = {"o": "urn:oasis:names:tc:opendocument:xmlns:office:1.0", "t": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "tb": "urn:oasis:names:tc:opendocument:xmlns:table:1.0", "s": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
        "d": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0", "pr": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"}


def _odt(path, body, styles="", title=None, kind="text"):
    """A minimal OpenDocument file: content.xml with `body` in its <office:text> (or <office:`kind`>),
    optional meta.xml title."""
    import zipfile

    spaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _ODF.items())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", f"<o:document-content {spaces}><o:automatic-styles>{styles}</o:automatic-styles>"
                                        f"<o:body><o:{kind}>{body}</o:{kind}></o:body></o:document-content>")
        if title:
            archive.writestr("meta.xml", f'<o:document-meta {spaces} xmlns:dc="http://purl.org/dc/elements/1.1/">'
                                         f"<o:meta><dc:title>{title}</dc:title></o:meta></o:document-meta>")


def test_an_opendocument_text_reads_as_headings_lists_and_tables(tmp_path):
    from neuraflux.core.documents import load_documents
    from neuraflux.core.sentences import split_units

    cell = lambda text, repeat=1: f'<tb:table-cell tb:number-columns-repeated="{repeat}"><t:p>{text}</t:p></tb:table-cell>'  # noqa: E731
    bold = '<s:style s:name="T1" s:family="text"><s:text-properties fo:font-weight="bold"/></s:style>'
    body = ('<t:sequence-decls><t:sequence-decl t:name="Table"/></t:sequence-decls>'
            '<t:table-of-content><t:index-body><t:p>Setup .... 1</t:p></t:index-body></t:table-of-content>'
            '<t:h t:outline-level="1">Setup</t:h>'
            '<t:p>Install it with <t:span t:style-name="T1">pip</t:span>.<t:note><t:note-citation>1</t:note-citation>'
            '<t:note-body><t:p>A footnote.</t:p></t:note-body></t:note></t:p>'
            '<t:list><t:list-item><t:p>Download the wheel</t:p><t:list><t:list-item><t:p>from the mirror</t:p>'
            '</t:list-item></t:list></t:list-item><t:list-item><t:p>Run the installer</t:p></t:list-item></t:list>'
            f'<tb:table><tb:table-row>{cell("Key")}{cell("Default")}{cell("", 1024)}</tb:table-row>'
            f'<tb:table-row>{cell("port")}{cell("8813")}</tb:table-row></tb:table>'
            '<t:section><t:h t:outline-level="2">Limits</t:h><t:p>Line one.<t:line-break/>Line<t:tab/>two,'
            '<t:s t:c="3"/>spaced.</t:p></t:section>')
    _odt(tmp_path / "handbook.odt", body, bold, title="Quill &amp; Co handbook")
    (tmp_path / "broken.odt").write_bytes(b"not a zip archive")
    skipped = []
    docs = load_documents([tmp_path], on_skip=skipped.append)
    assert [os.path.basename(d.path) for d in docs] == ["handbook.odt"]
    assert len(skipped) == 1 and "broken.odt" in skipped[0] and "not a readable .odt" in skipped[0]
    doc = docs[0]
    assert doc.title == "Quill & Co handbook"
    assert doc.text == ("# Setup\n\nInstall it with **pip**.\n\n* Download the wheel\n  * from the mirror\n* Run the installer\n\n"
                        "| Key | Default |\n|---|---|\n| port | 8813 |\n\n## Limits\n\nLine one.\nLine two,   spaced.\n")
    units = split_units(doc.text)
    assert ("table", "port — 8813") in [(u.kind, u.text) for u in units]


def test_an_opendocument_spreadsheet_and_presentation_read_as_sheets_and_slides(tmp_path):
    from neuraflux.core.documents import load_documents

    cell = lambda text, repeat=1: (f'<tb:table-cell tb:number-columns-repeated="{repeat}">'  # noqa: E731
                                   + (f"<t:p>{text}</t:p>" if text else "") + "</tb:table-cell>")
    row = lambda *cells, repeat=1: f'<tb:table-row tb:number-rows-repeated="{repeat}">{"".join(cells)}</tb:table-row>'  # noqa: E731
    hidden = '<s:style s:name="ta2" s:family="table"><s:table-properties tb:display="false"/></s:style>'
    sheets = (f'<tb:table tb:name="Expenses">{row(cell("Item"), cell(""), cell("Limit"), cell("", 1000))}'
              f'{row(cell("Parking"), cell(""), cell("£8.00 a day"))}{row(cell("", 1024), repeat=1048570)}'
              f'{row(cell("Lunch"), cell(""), cell("£6.50"), repeat=2)}</tb:table>'
              f'<tb:table tb:name="Private" tb:style-name="ta2">{row(cell("PIN"), cell("4471"))}</tb:table>')
    _odt(tmp_path / "volunteers.ods", sheets, hidden, kind="spreadsheet")
    frame = lambda kind, inner: f'<d:frame pr:class="{kind}"><d:text-box>{inner}</d:text-box></d:frame>'  # noqa: E731
    outline = frame("outline", "<t:list><t:list-item><t:p>3,112 parcels</t:p></t:list-item></t:list>")
    notes = "<pr:notes>" + frame("page", "") + frame("notes", "<t:p>The hall is free.</t:p>") + "</pr:notes>"
    text_box = "<d:frame><d:text-box><t:p>Thanks all.</t:p></d:text-box></d:frame>"
    table = "<d:frame><tb:table>" + row(cell("Next"), cell("Who")) + row(cell("Drivers"), cell("Jon")) + "</tb:table></d:frame>"
    page = ("<d:page>" + frame("title", "<t:p>Food bank</t:p>") + outline + frame("page-number", "<t:p>2</t:p>") + text_box
            + notes + "</d:page><d:page>" + table + "</d:page>")
    _odt(tmp_path / "trustees.odp", page, kind="presentation")
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path])}
    assert docs["volunteers.ods"].text == ("# Expenses\n\n| Item |  | Limit |\n|---|---|---|\n| Parking |  | £8.00 a day |\n"
                                           "| Lunch |  | £6.50 |\n| Lunch |  | £6.50 |\n")
    assert docs["trustees.odp"].text == ("# Food bank\n\n* 3,112 parcels\n\nThanks all.\n\nThe hall is free.\n\n# Slide 2\n\n"
                                         "| Next | Who |\n|---|---|\n| Drivers | Jon |\n")


def test_rich_text_reads_as_headings_lists_tables_and_paragraphs(tmp_path):
    from neuraflux.core.documents import load_documents

    word = (r"{\rtf1\ansi\ansicpg1252\uc1\deff0{\fonttbl{\f0 Calibri;}{\f3 Symbol;}}{\colortbl;\red0\green0\blue0;}"
            r"{\stylesheet{\s0 Normal;}{\s1\ql\keepn heading 1;}{\*\cs10 \additive Default Paragraph Font;}"
            r"{\s2 Heading 2,h2;}}{\info{\title Sailing \u8212\'97 week}{\author Claire}}"
            r"{\header \pard\plain Harbour Sailing Club\par}{\footer Page {\field{\*\fldinst PAGE}{\fldrslt 1}}\par}"
            r"\pard\plain\s1 {Junior week\par}\pard\plain It costs \'a3165.\par "
            r'{Book at {\field{\*\fldinst {HYPERLINK "https://x.example"}}{\fldrslt {\ul x.example}}} by 30 June.\par}'
            r"\pard\plain\s2 Timetable\par "
            r"\trowd\cellx3000\cellx9000\pard\plain\intbl {\b Time\cell Activity\cell}\pard\plain\intbl{\trowd\row}"
            r"\pard\plain\intbl 08:45\cell Registration\par at the clubhouse\cell\pard\plain\intbl{\trowd\row}"
            r"{\listtext\pard\plain\f3 \'b7\tab}\pard\plain\ls1 A wetsuit\par "
            r"{\listtext\pard\plain\f3 \'b7\tab}{Sun cream\par}"
            r"\pard\plain Questions: Claire\~Dunmore{\*\bkmkstart q}\line 01632\_960\_412.\par}")
    cocoa = ("{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761\n{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
             "{\\colortbl;\\red255\\green255\\blue255;}\n{\\*\\expandedcolortbl;;}\n\\pard\\pardirnatural\n\n"
             "\\f0\\fs24 \\cf0 The club\\'92s boat arrives on 15 March.\\\n\\\nActions:\\\n"
             "\\pard\\li720\\fi-720\\ls1\\ilvl0\\cf0 {\\listtext\t\\uc0\\u8226 \t}Ravi to renew the insurance.\\\n"
             "\\pard\\pardirnatural\\cf0 \\\nNext meeting: 3 March.}")
    (tmp_path / "week.rtf").write_text(word, encoding="latin-1")
    (tmp_path / "notes.rtf").write_text(cocoa, encoding="latin-1")
    (tmp_path / "fake.rtf").write_text("Just text.\n")
    skipped = []
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path], on_skip=skipped.append)}
    assert sorted(docs) == ["notes.rtf", "week.rtf"] and "not an RTF document" in skipped[0]
    assert docs["week.rtf"].title == "Sailing \u2014 week"
    assert docs["week.rtf"].text == ("# Junior week\n\nIt costs £165.\n\nBook at x.example by 30 June.\n\n## Timetable\n\n"
                                     "| Time | Activity |\n|---|---|\n| 08:45 | Registration at the clubhouse |\n\n"
                                     "* A wetsuit\n* Sun cream\n\nQuestions: Claire Dunmore\n01632-960-412.\n")
    assert docs["notes.rtf"].text == ("The club\u2019s boat arrives on 15 March.\n\nActions:\n\n* Ravi to renew the insurance.\n\n"
                                      "Next meeting: 3 March.\n")


def test_rich_text_nested_too_deep_is_refused():
    from neuraflux.core.rtftext import MAX_DEPTH, rtf_to_text

    with pytest.raises(DataError, match="nested over"):
        rtf_to_text(b"{\\rtf1 " + b"{" * (MAX_DEPTH + 5) + b"x" + b"}" * (MAX_DEPTH + 5) + b"}")


def test_transcripts_read_as_who_said_what_without_timings(tmp_path):
    from neuraflux.core.documents import load_documents

    teams = ("WEBVTT - Launch call\n\nNOTE written by Teams\nmore of the note\n\n1c3a-1/12-0\n00:00:01.000 --> 00:00:04.200\n"
             "<v Priya Raman>Morning, everyone. The budget is &pound;40,000.</v>\n\n1c3a-1/13-0\n"
             "00:00:04.500 --> 00:00:07.000 align:start\n<v Priya Raman>Tom?</v>\n\n"
             "00:00:07.500 --> 00:42:10.000\n<v.loud Tom Becker><i>I'll</i> book the venue. [laughs]</v>\n")
    zoom = ("WEBVTT\n\n1\n00:00:00.850 --> 00:00:04.100\nRavi Menon: Thanks for joining.\n\n2\n00:00:04.800 --> 00:00:09.300\n"
            "Sofia Alvarez: I run a studio. Note: it is small.\n\n3\n00:00:09.500 --> 00:00:12.000\nand it opened in 2019.\n\n"
            "4\n00:00:12.500 --> 00:00:15.000\nRavi Menon: Thank you.\n")
    youtube = ("WEBVTT\nKind: captions\n\n00:00:00.000 --> 00:00:02.750 align:start position:0%\n \n"
               "welcome<00:00:00.480><c> to</c><00:00:00.900><c> the</c><00:00:01.200><c> lecture</c>\n\n"
               "00:00:02.750 --> 00:00:02.760 align:start position:0%\nwelcome to the lecture\n \n\n"
               "00:00:02.760 --> 00:00:05.000 align:start position:0%\nwelcome to the lecture\n"
               "today<00:00:03.100><c> we</c><00:00:03.500><c> sort</c>\n")
    subrip = ("1\r\n00:00:01,000 --> 00:00:03,500\r\n{\\an8}Caf\xe9 opens at 7.\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\n"
              "- Really?\r\n- Yes.\r\n\r\n3\r\n00:00:06,500 --> 00:00:08,000\r\n(DOOR CLOSES) [music]\r\n\r\n"
              "4\r\n00:01:30,000 --> 00:01:33,000\r\nA flat white is \xa34.\r\n")
    (tmp_path / "launch.vtt").write_text(teams, encoding="utf-8")
    (tmp_path / "interview.vtt").write_bytes(b"\xef\xbb\xbf" + zoom.encode())  # with a byte-order mark
    (tmp_path / "lecture.vtt").write_text(youtube, encoding="utf-8")
    (tmp_path / "cafe.srt").write_bytes(subrip.encode("cp1252"))  # a Windows code page, as older subtitles are
    (tmp_path / "utf16.srt").write_bytes(subrip.encode("utf-16"))
    (tmp_path / "song.vtt").write_text("WEBVTT\n\n00:01.000 --> 00:03.000\n\u266a la la \u266a\n", encoding="utf-8")
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path])}
    assert docs["launch.vtt"].title == "Launch call"
    assert docs["launch.vtt"].text == ("This recording lasts 42 minutes. Priya Raman and Tom Becker speak in it.\n\n"
                                       "Priya Raman: Morning, everyone.\n\nPriya Raman: The budget is £40,000.\n\n"
                                       "Priya Raman: Tom?\n\nTom Becker: I'll book the venue.\n")
    assert docs["interview.vtt"].text == ("This recording lasts 14 seconds. Ravi Menon and Sofia Alvarez speak in it.\n\n"
                                          "Ravi Menon: Thanks for joining.\n\nSofia Alvarez: I run a studio.\n\n"
                                          "Sofia Alvarez: Note: it is small. and it opened in 2019.\n\nRavi Menon: Thank you.\n")
    assert docs["lecture.vtt"].text == "This recording lasts 5 seconds.\n\nwelcome to the lecture today we sort\n"
    assert docs["cafe.srt"].text == ("This recording lasts 2 minutes.\n\nCafé opens at 7. Really? Yes.\n\n"
                                     "A flat white is £4.\n")
    assert docs["utf16.srt"].text == docs["cafe.srt"].text
    assert docs["song.vtt"].text == "This recording lasts 2 seconds.\n\nla la\n"


def test_latex_reads_as_the_typeset_text(tmp_path):
    from neuraflux.core.documents import load_documents

    paper = r"""\documentclass{article}
\usepackage{booktabs} % tables
\title{Sorting on Small Devices\thanks{Funded by ACME.}}
\author{Ana Silva \and Tom Becker}
\date{12 November 2026}
\begin{document}
\maketitle
\begin{abstract}
Merge sort wins below 64~KB.
\end{abstract}
\section{Introduction}\label{sec:intro}
Sorting is everywhere~\cite{knuth}. \textbf{TinySort} uses 50\% less
memory.\footnote{See \url{https://x.example}.}
% a comment
\begin{itemize}
  \item A new merge step.
  \begin{enumerate}[(a)]
    \item Arduino
  \end{enumerate}
  \item[Code] Open source.
\end{itemize}
\begin{table}[h]
\caption{Run time in ms.}
\begin{tabular}{lrr}
\toprule
Board & Ours & Quicksort \\
\midrule
Uno & 41 & 58 \\
\multicolumn{2}{l}{Gain} & 27\% \\
\bottomrule
\end{tabular}
\end{table}
The rate was $\alpha = 10^{-3}$ and
\begin{equation}
  T(n) = 2T(n/2) + O(n) \label{eq:rec}
\end{equation}
Caf\'e M\"uller paid \pounds 200 -- ``a lot''.
\begin{verbatim}
sort(items)   % not a comment here
\end{verbatim}
\end{document}
"""
    (tmp_path / "paper.tex").write_text(paper, encoding="utf-8")
    (tmp_path / "chapter.tex").write_bytes("\\chapter{Methods}\nSamples at 4\\,\\textdegree C in M\xfcnster.\n".encode("cp1252"))
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path])}
    assert docs["paper.tex"].title == "Sorting on Small Devices"
    assert docs["paper.tex"].text == (
        "# Sorting on Small Devices\n\nThis document was written by Ana Silva and Tom Becker on 12 November 2026.\n\n"
        "## Abstract\n\nMerge sort wins below 64 KB.\n\n## Introduction\n\n"
        "Sorting is everywhere. TinySort uses 50% less memory. (See https://x.example.)\n\n"
        "- A new merge step.\n  1. Arduino\n- Code: Open source.\n\nTable: Run time in ms.\n\n"
        "| Board | Ours | Quicksort |\n|---|---|---|\n| Uno | 41 | 58 |\n| Gain |  | 27% |\n\n"
        "The rate was α = 10^-3 and\n\nT(n) = 2T(n/2) + O(n)\n\nCafé Müller paid £200 – “a lot”.\n\n"
        "```\nsort(items)   % not a comment here\n```\n")
    assert docs["chapter.tex"].title == "Methods"
    assert docs["chapter.tex"].text == "# Methods\n\nSamples at 4 °C in Münster.\n"


def test_latex_title_and_byline_read_as_one_line_and_one_sentence():
    from neuraflux.core.latextext import latex_to_text

    text, title = latex_to_text(r"\title{Fast Sorting\\ on Small Devices\thanks{Funded.}}"
                                r"\author{Ann Lee\thanks{x} \\ MIT \\ Cambridge \and Bo Chan, Cy Dee}\date{\today}"
                                r"\begin{document}Hi.\end{document}")
    assert title == "Fast Sorting on Small Devices"
    assert text == ("# Fast Sorting on Small Devices\n\n"
                    "This document was written by Ann Lee (MIT, Cambridge), Bo Chan and Cy Dee.\n\nHi.\n")


def test_latex_nested_too_deep_is_refused():
    from neuraflux.core.latextext import MAX_DEPTH, latex_to_text

    with pytest.raises(DataError, match="nested over"):
        latex_to_text("\\textbf" + "{" * (MAX_DEPTH + 5) + "x" + "}" * (MAX_DEPTH + 5))


def test_source_files_read_as_their_comments_under_what_they_document(tmp_path):
    from neuraflux.core.documents import load_documents

    typescript = """/**
 * HTTP client for the Parcel API.
 * @module parcel
 */
import { fetch } from "undici"; // "https://x.example//not a comment"

/** Default request timeout, in milliseconds. */
export const DEFAULT_TIMEOUT = 30_000;

const RETRIES = 3; // how many times a failed request is retried

/**
 * Fetches one shipment by its tracking number.
 *
 * @param {string} trackingNumber - the 18-character tracking number
 * @returns {Promise<Shipment>} the shipment, with its events
 * @throws {NotFoundError} when no shipment has that number
 */
@cached()
export async function getShipment(
  trackingNumber: string,
  options: RequestOptions = {},
): Promise<Shipment> {
  // eslint-disable-next-line no-console
  console.log("// not a comment either");
}

// Quiet hours: alerts are held between these times.
export const QUIET_HOURS = { start: "22:00", end: "07:00" };
"""
    go = """// Package server runs the sync service.
package server

import "net/http" // the standard server

// Start begins listening. It returns ErrPortTaken if the port is in use.
func (s *Server) Start(ctx context.Context) error {
\treturn nil
}
"""
    shell = """#!/bin/bash
# Backs up the database every night.
set -e
count=$#   # number of arguments
echo "${#list} # not a comment"
"""
    sql = """-- One row per order.
CREATE TABLE orders (
  total_pence INTEGER NOT NULL -- VAT included
);
"""
    for folder in ("src", "node_modules/left-pad", "venv/lib"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "src" / "client.ts").write_text(typescript)
    (tmp_path / "src" / "server.go").write_text(go)
    (tmp_path / "src" / "backup.sh").write_text(shell)
    (tmp_path / "src" / "schema.SQL").write_text(sql)
    (tmp_path / "node_modules" / "left-pad" / "index.js").write_text("// Pads a string.\n")
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (tmp_path / "venv" / "lib" / "six.py").write_text('"""Python 2 and 3 compatibility."""\n')
    docs = {os.path.relpath(d.path, tmp_path): d for d in load_documents([tmp_path])}
    assert sorted(docs) == ["src/backup.sh", "src/client.ts", "src/schema.SQL", "src/server.go"]  # no packages
    assert docs["src/client.ts"].title == "client.ts"
    assert docs["src/client.ts"].text == (
        "HTTP client for the Parcel API.\n\n"
        "Default request timeout, in milliseconds: export const DEFAULT_TIMEOUT = 30_000\n\n"
        "how many times a failed request is retried: const RETRIES = 3\n\n"
        "export async function getShipment(trackingNumber: string, options: RequestOptions = {}): Promise<Shipment>\n\n"
        "   Fetches one shipment by its tracking number.\n\n   Parameter trackingNumber: the 18-character tracking number.\n"
        "   Returns the shipment, with its events.\n   Throws when no shipment has that number.\n\n"
        'Quiet hours: alerts are held between these times: export const QUIET_HOURS = { start: "22:00", end: "07:00" }')
    assert docs["src/server.go"].text == ("package server\n\n   Package server runs the sync service.\n\n"
                                          "func (s *Server) Start(ctx context.Context) error\n\n"
                                          "   Start begins listening. It returns ErrPortTaken if the port is in use.")
    assert docs["src/backup.sh"].text == "Backs up the database every night.\n\nnumber of arguments: count=$#"
    assert docs["src/schema.SQL"].text == ("CREATE TABLE orders (total_pence INTEGER NOT NULL)\n\n   One row per order.\n\n"
                                           "VAT included: total_pence INTEGER NOT NULL")


def test_calendars_and_contact_cards_read_as_sentences(tmp_path):
    from neuraflux.core.documents import load_documents

    calendar = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Team\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"
                "BEGIN:STANDARD\r\nDTSTART:19701025T020000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
                "BEGIN:VEVENT\r\nDTSTART;TZID=Europe/London:20270514T090000\r\nDTEND;TZID=Europe/London:20270514T170000\r\n"
                "SUMMARY:Team offsite\r\nLOCATION:Canal Wharf\\, Room 3\r\nORGANIZER;CN=Priya Raman:mailto:priya@acme.example\r\n"
                "DESCRIPTION:Bring your laptop.\\nLunch is provided by Crumb & Cr\r\n ust.\r\nEND:VEVENT\r\n"
                "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270601\r\nDTEND;VALUE=DATE:20270604\r\nSUMMARY:Conference\r\nEND:VEVENT\r\n"
                "BEGIN:VEVENT\r\nDTSTART:20270105T083000Z\r\nDURATION:PT30M\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270630T000000Z"
                "\r\nSUMMARY:Stand-up\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20270301T100000\r\nDTEND:20270301T110000\r\n"
                "SUMMARY:Dentist\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\nBEGIN:VTODO\r\nDUE;VALUE=DATE:20270115\r\n"
                "SUMMARY:Send the VAT return\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")
    cards = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Priya Raman\r\nN:Raman;Priya;;;\r\nORG:Acme Ltd;\r\nTITLE:Head of Finance\r\n"
             "TEL;TYPE=CELL;TYPE=VOICE:+44 7700 900123\r\nEMAIL;TYPE=INTERNET:priya@acme.example\r\n"
             "ADR;TYPE=WORK:;;1 Canal Wharf;Leeds;;LS1 4AB;United Kingdom\r\nBDAY:--0314\r\nNOTE:Calls before 10am.\r\n"
             "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Murphy;Sinead\r\nNICKNAME:Granny\r\nTEL;HOME:091 555 0133\r\nBDAY:1951-02-17\r\n"
             "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=C3=A9 on Sundays\r\nEND:VCARD\r\n")
    (tmp_path / "team.ics").write_text(calendar, encoding="utf-8", newline="")
    (tmp_path / "people.vcf").write_text(cards, encoding="utf-8", newline="")
    (tmp_path / "fake.ics").write_text("Not a calendar.\n")
    skipped = []
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path], on_skip=skipped.append)}
    assert sorted(docs) == ["people.vcf", "team.ics"] and "not an iCalendar file" in skipped[0]
    assert docs["team.ics"].title == "Team"
    assert docs["team.ics"].text == (
        "# Team\n\n## Stand-up\n\nStand-up is on Tuesday 5 January 2027 from 08:30 to 09:00 UTC.\n"
        "It repeats every week on Monday and Wednesday until 30 June 2027.\n\n"
        "## Send the VAT return\n\nThe to-do Send the VAT return is due on Friday 15 January 2027.\n\n"
        "## Dentist\n\nDentist on Monday 1 March 2027 from 10:00 to 11:00 is cancelled.\n\n"
        "## Team offsite\n\nTeam offsite is on Friday 14 May 2027 from 09:00 to 17:00 (London time) at Canal Wharf, Room 3.\n"
        "Priya Raman <priya@acme.example> organises it.\n\nBring your laptop.\nLunch is provided by Crumb & Crust.\n\n"
        "## Conference\n\nConference is from Tuesday 1 June 2027 to Thursday 3 June 2027.\n")
    assert docs["people.vcf"].text == (
        "## Priya Raman\n\nPriya Raman is Head of Finance at Acme Ltd, 1 Canal Wharf, Leeds, LS1 4AB, United Kingdom.\n"
        "The mobile phone number of Priya Raman, Head of Finance at Acme Ltd, is +44 7700 900123.\n"
        "The email address of Priya Raman, Head of Finance at Acme Ltd, is priya@acme.example.\n"
        "The birthday of Priya Raman, Head of Finance at Acme Ltd, is 14 March.\n\nCalls before 10am.\n\n"
        "## Sinead Murphy\n\nSinead Murphy is also called Granny.\n"
        "The home phone number of Sinead Murphy (Granny) is 091 555 0133.\n"
        "The birthday of Sinead Murphy (Granny) is 17 February 1951.\n\nCafé on Sundays\n")


def _compound_file(streams):
    """A compound file (OLE2, version 3) holding `streams` ({name: bytes, or {name: …} for a storage},
    each stream padded to 4,096 bytes so that none lives in the mini stream), laid out as [MS-CFB]
    says: header, the FAT's sectors, the streams' sectors, the directory's sectors. A storage's
    children are chained by their right-sibling pointers."""
    import struct

    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    order, right = [], {}  # order: (name, data or None, directory number of the first child or None)

    def place(folder):
        """Reserves a block of directory numbers for `folder`'s entries, then places their children."""
        first = len(order) + 1
        order.extend([None] * len(folder))
        for k, (name, value) in enumerate(folder.items()):
            if k + 1 < len(folder):
                right[first + k] = first + k + 1
            child = place(value) if isinstance(value, dict) and value else None
            order[first - 1 + k] = (name, None if isinstance(value, dict) else value, child)
        return first

    top = place(streams)
    padded = [data.ljust(max(4096, -(-len(data) // 512) * 512), b"\0") if data is not None else None
              for _, data, _ in order]
    directory_sectors = -(-(len(order) + 1) // 4)
    data_sectors = sum(len(data) // 512 for data in padded if data is not None) + directory_sectors
    fat_count = 1
    while fat_count * 128 < fat_count + data_sectors:
        fat_count += 1
    fat, body, starts = [fat_sector] * fat_count, b"", []
    for data in padded:
        if data is None:
            starts.append(end)
            continue
        first, count = len(fat), len(data) // 512
        fat += [first + k + 1 for k in range(count - 1)] + [end]
        starts.append(first)
        body += data
    directory_sector = len(fat)
    fat += [directory_sector + k + 1 for k in range(directory_sectors - 1)] + [end]

    def entry(name, kind, start, size, right=free, child=free):
        raw = (name + "\0").encode("utf-16-le") if name else b""
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1) + struct.pack("<III", free, right, child)
                + b"\0" * 36 + struct.pack("<IQ", start, size))

    directory = entry("Root Entry", 5, end, 0, child=top if order else free) + b"".join(
        entry(name, 2 if data is not None else 1, starts[i], len(padded[i]) if data is not None else 0,
              right=right.get(i + 1, free), child=child or free)
        for i, (name, data, child) in enumerate(order))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, fat_count, directory_sector, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", *range(fat_count), *[free] * (109 - fat_count)))
    return (header + struct.pack(f"<{len(fat)}I", *fat).ljust(512 * fat_count, b"\xff") + body
            + directory.ljust(512 * directory_sectors, b"\0"))


def _word97(pieces, footnotes="", styles=None):
    """A Word 97 .doc whose main text is `pieces` ([(text, compressed)], each stored as Windows-1252
    bytes or UTF-16 as `compressed` says), followed by `footnotes`' story; `styles` ({number of a
    "\\r"-ended paragraph: (istd, list level)}) give paragraphs the style sheet's Heading 1 (istd 1)
    or Heading 2 (istd 2) and list levels (1 and up), in one PAPX FKP page."""
    import struct

    word = bytearray(8192)
    struct.pack_into("<HHHHHH", word, 0, 0xA5EC, 0xC1, 0, 0, 0, 0x0200)  # fWhichTblStm: 1Table
    struct.pack_into("<H", word, 32, 14)
    struct.pack_into("<H", word, 62, 22)
    main = sum(len(text) for text, _ in pieces)
    struct.pack_into("<ii", word, 64 + 12, main, len(footnotes))  # ccpText, ccpFtn
    struct.pack_into("<H", word, 152, 93)
    cps, descriptors, at, runs = [0], b"", 2048, []
    for number, (text, compressed) in enumerate([*pieces, (footnotes, False)] if footnotes else pieces):
        raw = text.encode("cp1252") if compressed else text.encode("utf-16-le")
        word.extend(bytes(max(0, at + len(raw) - len(word))))  # (a slice past the end would append)
        word[at:at + len(raw)] = raw
        descriptors += struct.pack("<HIH", 0, (at * 2) | 0x40000000 if compressed else at, 0)
        cps.append(cps[-1] + len(text))
        width, first = (1 if compressed else 2), 0
        for end in (m.end() for m in re.finditer("\r", text) if number < len(pieces)):
            runs.append((at + first * width, at + end * width, *(styles or {}).get(len(runs), (0, 0))))
            first = end
        at += len(raw) + 16
    plc = struct.pack(f"<{len(cps)}I", *cps) + descriptors
    clx = b"\x01" + struct.pack("<h", 2) + b"\0\0" + b"\x02" + struct.pack("<I", len(plc)) + plc  # a Prc, then the Pcdt
    table = clx
    if styles:
        filled = []  # the runs, with the gaps between pieces as runs of no properties
        for start, end, istd, level in runs:
            if filled and filled[-1][1] < start:
                filled.append((filled[-1][1], start, 0, 0))
            filled.append((start, end, istd, level))
        page = -(-len(word) // 512)
        fkp = bytearray(512)
        struct.pack_into(f"<{len(filled) + 1}I", fkp, 0, *[run[0] for run in filled], filled[-1][1])
        free = 511
        for i, (_, _, istd, level) in enumerate(filled):
            grpprl = struct.pack("<H", istd) + (struct.pack("<HHHB", 0x460B, 1, 0x260A, level - 1) if level else b"")
            papx = bytes([(len(grpprl) + 1) // 2]) + grpprl if len(grpprl) % 2 else bytes([0, len(grpprl) // 2]) + grpprl
            free = (free - len(papx)) // 2 * 2
            fkp[free:free + len(papx)] = papx
            fkp[4 * (len(filled) + 1) + 13 * i] = free // 2
        fkp[511] = len(filled)
        word.extend(bytes(page * 512 - len(word)))
        word += fkp
        bte = struct.pack("<III", filled[0][0], filled[-1][1], page)
        sheet = struct.pack("<H", 18) + struct.pack("<HH", 3, 10).ljust(18, b"\0") + b"".join(
            struct.pack("<H", 10) + struct.pack("<H", sti).ljust(10, b"\0") for sti in (0, 1, 2))
        struct.pack_into("<II", word, 154 + 13 * 8, len(clx), len(bte))  # fcPlcfBtePapx
        struct.pack_into("<II", word, 154 + 1 * 8, len(clx) + len(bte), len(sheet))  # fcStshf
        table = clx + bte + sheet
    struct.pack_into("<II", word, 154 + 33 * 8, 0, len(clx))
    return _compound_file({"WordDocument": bytes(word), "1Table": table})


def test_word_97_documents_read_as_paragraphs_tables_and_field_results(tmp_path):
    from neuraflux.core.documents import load_documents

    pieces = [("Opening hours\rThe caf\u00e9 \u2615 opens at 9:00.\x0bOn Sundays at 10:00.\rBring:\rA towel\rSoap\r"
               "Shampoo\r", False),
              ("Day\x07Hours\x07\x07Monday\x07\r9-17\x07\x07Tuesday\x07\x07\x07"
               "\x13 HYPERLINK \"https://x.example\" \x14Our site\x15 has more.\x02\x01\r", True)]
    styles = {0: (1, 0), 3: (0, 1), 4: (0, 2), 5: (0, 1)}  # a Heading 1, a list with a second level
    (tmp_path / "hours.doc").write_bytes(_word97(pieces, footnotes="\x02 Except bank holidays.\r", styles=styles))
    (tmp_path / "plain.doc").write_bytes(_word97([("Just text.\r", True)]))
    (tmp_path / "saved-as-rtf.doc").write_bytes(b"{\\rtf1\\ansi Closed in August.\\par}")
    (tmp_path / "broken.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600)
    skipped = []
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path], on_skip=skipped.append)}
    assert sorted(docs) == ["hours.doc", "plain.doc", "saved-as-rtf.doc"] and "broken.doc" in skipped[0]
    assert docs["hours.doc"].text == ("# Opening hours\n\nThe caf\u00e9 \u2615 opens at 9:00.\nOn Sundays at 10:00.\n\n"
                                      "Bring:\n\n- A towel\n  - Soap\n- Shampoo\n\n"
                                      "| Day | Hours |\n|---|---|\n| Monday | 9-17 |\n| Tuesday |  |\n\n"
                                      "Our site has more.\n\nExcept bank holidays.\n")
    assert docs["plain.doc"].text == "Just text.\n"
    assert docs["saved-as-rtf.doc"].text == "Closed in August.\n"


def test_outlook_messages_read_as_who_sent_them_and_their_own_words(tmp_path):
    import struct

    from neuraflux.core.documents import load_documents

    def text(value):
        return value.encode("utf-16-le")

    submitted = (datetime.datetime(2026, 11, 9, 9, 14) - datetime.datetime(1601, 1, 1)) // datetime.timedelta(microseconds=1)
    fixed = b"\0" * 32 + struct.pack("<II", (0x0039 << 16) | 0x0040, 6) + struct.pack("<Q", submitted * 10)
    message = {"__substg1.0_0037001F": text("Office move"), "__substg1.0_0C1A001F": text("Priya Raman"),
               "__substg1.0_5D01001F": text("priya@acme.example"), "__substg1.0_0E04001F": text("All staff"),
               "__substg1.0_1000001F": text("We move on 3 May.\r\n\r\nOn Mon, Ann wrote:\r\n> When?\r\n"),
               "__properties_version1.0": fixed,
               "__attach_version1.0_#00000000": {"__substg1.0_3707001F": text("floor-plan.pdf")}}
    (tmp_path / "move.msg").write_bytes(_compound_file(message))
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path])}
    assert docs["move.msg"].title == "Office move"
    assert docs["move.msg"].text == ("Priya Raman <priya@acme.example> sent this email to All staff on Monday 9 November 2026 at "
                                     "09:14 UTC with the subject \u201cOffice move\u201d and the attached file floor-plan.pdf.\n\n"
                                     "We move on 3 May.\n")


def _biff8(sheets, strings, formats=(), styles=(0,)):
    """An Excel 97 workbook (.xls): `sheets` [(name, hidden, [record bytes])], its shared `strings`
    (the last one's characters split across a CONTINUE record, as Excel splits long tables),
    custom number `formats` [(id, code)] and cell `styles` (XF records, by number format id)."""
    import struct

    def record(kind, data):
        return struct.pack("<HH", kind, len(data)) + data

    def text(value):
        return struct.pack("<HB", len(value), 0) + value.encode("latin-1")

    bof, sheet_bof = (record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0, 0, 0, 0)) for kind in (0x0005, 0x0010))
    split = strings[-1]
    sst = b"".join(text(value) for value in strings[:-1]) + struct.pack("<HB", len(split), 0) + split[:3].encode()
    globals_ = [bof, *(record(0x041E, struct.pack("<H", number) + text(code)[:2] + b"\0" + code.encode("latin-1"))
                       for number, code in formats),
                *(record(0x00E0, struct.pack("<HH", 0, number) + b"\0" * 16) for number in styles)]
    sheet_records = [b"".join([sheet_bof, *cells, record(0x000A, b"")]) for _, _, cells in sheets]
    tail = [record(0x00FC, struct.pack("<II", len(strings), len(strings)) + sst),
            record(0x003C, b"\x01" + split[3:].encode("utf-16-le")), record(0x000A, b"")]
    names = [(name, hidden) for name, hidden, _ in sheets]
    size = sum(map(len, globals_)) + sum(map(len, tail)) + sum(12 + len(name) for name, _ in names)
    offsets, at = [], size
    for body in sheet_records:
        offsets.append(at)
        at += len(body)
    bounds = [record(0x0085, struct.pack("<IBBBB", offset, 1 if hidden else 0, 0, len(name), 0) + name.encode("latin-1"))
              for (name, hidden), offset in zip(names, offsets)]
    return _compound_file({"Workbook": b"".join([*globals_, *bounds, *tail, *sheet_records])})


def test_excel_97_workbooks_read_as_tables_of_cells_as_shown(tmp_path):
    import struct

    from neuraflux.core.documents import load_documents

    def record(kind, data):
        return struct.pack("<HH", kind, len(data)) + data

    cells = [record(0x00FD, struct.pack("<HHHI", 0, 0, 0, 0)), record(0x00FD, struct.pack("<HHHI", 0, 1, 0, 1)),
             record(0x00FD, struct.pack("<HHHI", 1, 0, 0, 2)),
             record(0x0203, struct.pack("<HHHd", 1, 1, 2, 12.5)),  # £12.50 by the custom format
             record(0x00FD, struct.pack("<HHHI", 2, 0, 0, 3)),
             record(0x027E, struct.pack("<HHHI", 2, 1, 1, (46460 << 2) | 2)),  # an RK integer: a date by style 1
             record(0x00BD, struct.pack("<HHHIHIH", 3, 0, 3, (25 << 2) | 2 | 1, 0, (7 << 2) | 2, 1)),  # 0.25 as 25%, 7
             record(0x0006, struct.pack("<HHH", 4, 0, 0) + b"\0" * 6 + b"\xff\xff" + b"\0" * 8),  # a string formula
             record(0x0207, struct.pack("<HB", 9, 0) + b"Tot"), record(0x003C, b"\x00al due"),
             record(0x0205, struct.pack("<HHHBB", 4, 1, 0, 1, 0))]
    workbook = _biff8([("Prices", False, cells), ("Admin", True, [record(0x00FD, struct.pack("<HHHI", 0, 0, 0, 0))])],
                      ["Item", "Price", "Adult ticket", "Opening day"], formats=[(164, "\\£#,##0.00")],
                      styles=(0, 14, 164, 9))
    (tmp_path / "prices.xls").write_bytes(workbook)
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path])}
    assert docs["prices.xls"].text == ("# Prices\n\n| Item | Price |\n|---|---|\n| Adult ticket | \u00a312.50 |\n"
                                       "| Opening day | 14 March 2027 |\n| 25% | 7 |\n| Total due | TRUE |\n")


def _ppt97(slides):
    """A PowerPoint 97 deck (.ppt): `slides` [(title, body, text box, footer, notes)], placeholders'
    text in the document's SlideListWithText, a text box and a footer in each slide's drawing,
    notes in the notes list; found through a persist directory and a UserEditAtom, as PowerPoint does."""
    import struct

    def record(kind, data, instance=0, container=False):
        return struct.pack("<HHI", (instance << 4) | (0x0F if container else 0), kind, len(data)) + data

    def typed(kind, text, wide=True):
        return record(0x0F9F, struct.pack("<I", kind)) + (record(0x0FA0, text.encode("utf-16-le")) if wide
                                                           else record(0x0FA8, text.encode("cp1252")))

    def shape(placeholder_atom, text):
        return record(0xF004, record(0xF011, placeholder_atom, container=True)
                      + record(0xF00D, typed(4, text, wide=False), container=True), container=True)

    listed, notes_listed, parts = b"", b"", []
    for number, (title, body, box, footer, notes) in enumerate(slides):
        slide_id, notes_id = 3 + 2 * number, 4 + 2 * number
        listed += record(0x03F3, struct.pack("<I", slide_id) + b"\0" * 16) + typed(0, title) + typed(1, body)
        notes_listed += record(0x03F3, struct.pack("<I", notes_id) + b"\0" * 16) + typed(2, notes)
        slide_atom = record(0x03EF, b"\0" * 16 + struct.pack("<I", notes_id) + b"\0" * 4)
        drawing = shape(b"", box) + shape(record(0x0420, b"\x09"), footer)
        parts += [(slide_id, record(0x03EE, slide_atom + record(0xF002, drawing, container=True), container=True))]
    document = record(0x03E8, record(0x0FF0, listed, 0, True) + record(0x0FF0, notes_listed, 2, True), container=True)
    stream, offsets = b"", {}
    for persist, body in [(1, document), *parts]:
        offsets[persist] = len(stream)
        stream += body
    entries = b"".join(struct.pack("<II", (1 << 20) | persist, at) for persist, at in sorted(offsets.items()))
    directory_at = len(stream)
    stream += record(0x1772, entries)
    edit_at = len(stream)
    stream += record(0x0FF5, struct.pack("<IHBBIIIIHH", 0, 0, 0, 3, 0, directory_at, 1, 10, 1, 0))
    current_user = record(0x0FF6, struct.pack("<III", 20, 0xE391C05F, edit_at) + b"\0" * 8)
    return _compound_file({"PowerPoint Document": stream, "Current User": current_user})


def test_powerpoint_97_decks_read_as_slides_with_their_notes(tmp_path):
    from neuraflux.core.documents import load_documents

    deck = _ppt97([("Welcome", "Agenda\rLunch at 12:30", "Room 3", "Confidential", "Mention the parking"),
                   ("Caf\u00e9 \u2615", "Open 8-16", "Ask Ana", "Confidential", "")])
    (tmp_path / "induction.ppt").write_bytes(deck)
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path])}
    assert docs["induction.ppt"].text == ("# Welcome\n\n* Agenda\n* Lunch at 12:30\n\nRoom 3\n\nMention the parking\n\n"
                                          "# Caf\u00e9 \u2615\n\n* Open 8-16\n\nAsk Ana\n")


def test_json_files_read_as_settings_and_tables(tmp_path):
    from neuraflux.core.documents import load_documents

    (tmp_path / "package.json").write_text('{"name": "tidepool-web", "version": "1.4.2", "engines": {"node": ">=18"}, '
                                           '"keywords": ["uptime", "monitor"], "monitors": [{"name": "API", '
                                           '"interval": 30}, {"name": "Site", "interval": 60, "paused": true}]}')
    (tmp_path / "package-lock.json").write_text('{"lockfileVersion": 3}')  # a lock file: passed over in a walk
    (tmp_path / "tsconfig.json").write_text('{"compilerOptions": {} // a comment: not JSON\n}')
    (tmp_path / "export.json").write_text(json.dumps([{"id": n} for n in range(20001)]))
    skipped = []
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path], on_skip=skipped.append)}
    assert sorted(docs) == ["package.json"]
    assert sorted(message.split(":")[0] for message in skipped) == [f"skipping {tmp_path / 'export.json'}",
                                                                      f"skipping {tmp_path / 'tsconfig.json'}"]
    assert "a data file rather than a document" in " ".join(skipped) and "not JSON" in " ".join(skipped)
    assert docs["package.json"].text == ('name = "tidepool-web"\n\nversion = "1.4.2"\n\nkeywords = "uptime", "monitor"\n\n'
                                         '## engines\n\nnode = ">=18"\n\n## monitors\n\n| name | interval | paused |\n'
                                         '|---|---|---|\n| API | 30 |  |\n| Site | 60 | true |\n')


def test_compound_file_chains_that_loop_are_refused():
    import struct

    from neuraflux.core.compoundfile import CompoundFile

    good = bytearray(_word97([("Hello.\r", True)]))
    fat_at = 512
    struct.pack_into("<I", good, fat_at + 4 * 3, 2)  # WordDocument's chain: sector 3 points back to sector 2
    with pytest.raises(DataError, match="broken sector chain"):
        CompoundFile(bytes(good)).stream("WordDocument")


def _epub(path, pages, spine, title="The Quill Guide"):
    """A minimal EPUB 3: `pages` ({file name: XHTML body}) under OEBPS/, read in the order `spine` lists."""
    import zipfile

    items = "".join(f'<item id="p{n}" href="{name.replace(" ", "%20")}" media-type="application/xhtml+xml"/>'
                    for n, name in enumerate(pages))
    items += '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
    ids = {name: f"p{n}" for n, name in enumerate(pages)}
    refs = '<itemref idref="nav"/>' + "".join(f'<itemref idref="{ids.get(name, "missing")}"/>' for name in spine)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("META-INF/container.xml", '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:'
                         'container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-'
                         'package+xml"/></rootfiles></container>')
        archive.writestr("OEBPS/content.opf", '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata '
                         f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></metadata>'
                         f"<manifest>{items}</manifest><spine>{refs}</spine></package>")
        archive.writestr("OEBPS/nav.xhtml", "<html><body><nav><ol><li>Contents</li></ol></nav></body></html>")
        for name, body in pages.items():
            archive.writestr(f"OEBPS/{name}", f'<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/'
                                              f'xhtml"><head><title>{name}</title></head><body>{body}</body></html>')


def test_an_e_book_reads_its_chapters_in_spine_order(tmp_path):
    import zipfile

    from neuraflux.core import epubtext
    from neuraflux.core.documents import load_documents
    from neuraflux.core.errors import DataError

    pages = {"chapter 2.xhtml": "<h1>Charging</h1><p>Charge it for 5 hours.</p>",
             "chapter1.xhtml": "<h1>Welcome</h1><p>Read this first.</p><table><tr><th>Mode</th><th>Range</th></tr>"
                               "<tr><td>Eco</td><td>90 km</td></tr></table>"}
    _epub(tmp_path / "guide.epub", pages, spine=["chapter1.xhtml", "gone.xhtml", "chapter 2.xhtml"])
    docs = load_documents([tmp_path])
    assert docs[0].title == "The Quill Guide"
    assert docs[0].text == ("# Welcome\n\nRead this first.\n\n| Mode | Range |\n|---|---|\n| Eco | 90 km |\n\n"
                            "# Charging\n\nCharge it for 5 hours.\n")
    with zipfile.ZipFile(tmp_path / "bare.epub", "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    with pytest.raises(DataError, match="no META-INF/container.xml"):
        epubtext.epub_to_text(str(tmp_path / "bare.epub"))


def test_an_e_book_bigger_than_the_limit_is_refused(tmp_path, monkeypatch):
    from neuraflux.core import epubtext
    from neuraflux.core.errors import DataError

    _epub(tmp_path / "big.epub", {f"c{n}.xhtml": "<p>" + "word " * 400 + "</p>" for n in range(3)},
          spine=[f"c{n}.xhtml" for n in range(3)])
    monkeypatch.setattr(epubtext, "MAX_BOOK_BYTES", 4000)  # each page fits, the three together do not
    with pytest.raises(DataError, match="over the 1,"):
        epubtext.epub_to_text(str(tmp_path / "big.epub"))


def _email(sender, subject, plain=None, html=None, attachment=None, **headers):
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["Subject"] = sender, subject
    for name, value in headers.items():
        message[name] = value
    if plain is not None:
        message.set_content(plain)
    if html is not None:
        message.add_alternative(html, subtype="html") if plain is not None else message.set_content(html, subtype="html")
    if attachment:
        message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename=attachment)
    return bytes(message)


def test_an_email_reads_as_who_sent_it_and_its_own_words(tmp_path):
    from neuraflux.core.documents import load_documents

    (tmp_path / "reply.eml").write_bytes(_email(
        "Priya Raman <priya@example.org>", "Re: Parking", To="Tom Hale <tom@example.org>",
        Cc="Facilities <fm@example.org>", Date="Thu, 12 Nov 2026 16:02:00 +0000", attachment="permit-form.pdf",
        plain="Hi Tom,\n\nPermits cost £45 a month.\n\nPriya\n-- \nPriya Raman, Facilities\n0113 496 0720\n\n"
              "On Thu, 12 Nov 2026 at 14:30, Tom Hale <tom@example.org> wrote:\n> Is there parking?\n"))
    (tmp_path / "news.eml").write_bytes(_email("news@example.org", "Opening hours", html="<h1>Hours</h1><p>We open at 8 am.</p>"))
    (tmp_path / "notes.eml").write_bytes(b"Just a note I saved with the wrong name.\n")
    skipped = []
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path], on_skip=skipped.append)}
    assert sorted(docs) == ["news.eml", "reply.eml"] and "no From, To, Date or Subject" in skipped[0]
    assert docs["reply.eml"].title == "Re: Parking"
    assert docs["reply.eml"].text == (
        "Priya Raman <priya@example.org> sent this email to Tom Hale <tom@example.org> on Thursday 12 November 2026 "
        "at 16:02, copying Facilities <fm@example.org>, with the subject \u201cRe: Parking\u201d and the attached file "
        "permit-form.pdf.\n\nHi Tom,\n\nPermits cost £45 a month.\n\nPriya\n")
    assert docs["news.eml"].text == ("news@example.org sent this email with the subject \u201cOpening hours\u201d.\n\n"
                                     "# Hours\n\nWe open at 8 am.\n")


def test_a_mailbox_reads_as_a_document_a_message(tmp_path, monkeypatch):
    import mailbox

    from neuraflux.core import emailtext
    from neuraflux.core.documents import load_documents

    (tmp_path / "mail").mkdir()
    box = mailbox.mbox(str(tmp_path / "mail" / "archive.mbox"))
    box.add(_email("Ana <ana@example.org>", "Gate code", plain="The gate code is 4512.\nFrom now on it changes monthly.\n"))
    box.add(b"no headers at all, only words\n")
    box.add(_email("Ben <ben@example.org>", "Big", plain="x" * 3000))
    box.add(_email("Cy <cy@example.org>", "", plain="Lunch is at noon.\n"))
    box.flush()
    (tmp_path / "mail" / "notes.mbox").write_text("Just notes, not a mailbox.\n")
    monkeypatch.setattr(emailtext, "MAX_MESSAGE_BYTES", 2000)
    skipped = []
    docs = load_documents([tmp_path / "mail"], on_skip=skipped.append)
    where = docs[0].path
    assert [(d.doc_id, d.title) for d in docs] == [(where + "#1", "Gate code"), (where + "#4", "archive.mbox, message 4")]
    assert docs[0].text.endswith("\n\nThe gate code is 4512.\nFrom now on it changes monthly.\n")  # ">From " unquoted
    assert len(skipped) == 3
    assert "message 2: not an e-mail message" in skipped[0] and "message 3: " in skipped[1] and "over the 2,000" in skipped[1]
    assert "notes.mbox: not an mbox mailbox" in skipped[2]
    told = []  # a progress line is told the bytes read, message by message, up to the whole file

    class Told:
        def update(self, amount):
            told.append(amount)

    assert len(list(emailtext.mailbox_messages(where, progress=Told()))) == 2
    assert len(told) == 4 and sum(told) == os.path.getsize(where)
    from neuraflux.core.retrieval.build import refresh_from_files

    os.utime(tmp_path / "mail" / "archive.mbox", (time.time() - 60, time.time() - 60))  # not modified just now
    with DocumentIndex(tmp_path / "mail.sqlite") as idx:
        assert refresh_from_files(idx, [str(tmp_path / "mail")], progress=False)["added"] == 2
        counts = refresh_from_files(idx, [str(tmp_path / "mail")], progress=False)  # the mailbox is not read again
        assert (counts["added"], counts["unchanged"]) == (0, 2)
        assert idx.chunks([idx.lexical_search("gate code", 1)[0][0]])[0].doc_id == where + "#1"


def test_a_thunderbird_folder_is_read_as_a_mailbox_and_other_files_without_a_suffix_are_not(tmp_path):
    from neuraflux.core.documents import load_documents

    message = _email("Ana <ana@example.org>", "Gate code", plain="The gate code is 4512.\n")
    (tmp_path / "Inbox").write_bytes(b"From - Mon Jan  4 09:12:00 2027\n" + message + b"\n")
    (tmp_path / "Inbox.msf").write_text("// <!-- <mdb:mork:z v=\"1.4\"/> -->\n")  # Thunderbird's summary file
    (tmp_path / "LICENSE").write_text("From the authors, 2026: permission is granted…\n")
    os.mkfifo(tmp_path / "pipe")  # never opened for reading, never reported
    skipped = []
    docs = load_documents([tmp_path], on_skip=skipped.append)
    assert [(os.path.basename(d.path), d.doc_id.rsplit("#", 1)[-1], d.title) for d in docs] == [("Inbox", "1", "Gate code")]
    assert skipped == []


def test_a_web_page_saved_as_one_file_reads_as_its_html():
    from neuraflux.core.emailtext import mhtml_to_text

    saved = ("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://museum.example/hours\r\n"
             "Subject: =?utf-8?Q?Opening_hours_=E2=80=93_Millbrook?=\r\nMIME-Version: 1.0\r\n"
             'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--x----"\r\n\r\n'
             "------MultipartBoundary--x----\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
             "Content-Location: https://museum.example/hours\r\n\r\n<html><head><meta charset=3D\"utf-8\"></head><body>"
             "<nav>Home | Visit</nav><h1>Hours</h1><p>We open at 10:00 =E2=80=93 closed on Mondays.</p></body></html>\r\n"
             "------MultipartBoundary--x----\r\nContent-Type: text/css\r\n\r\nh1 { color: red }\r\n"
             "------MultipartBoundary--x------\r\n").encode("ascii")
    assert mhtml_to_text(saved) == ("# Hours\n\nWe open at 10:00 \u2013 closed on Mondays.\n", "Hours")
    with pytest.raises(DataError, match="no text/html part"):
        mhtml_to_text(b"Subject: notes\r\n\r\nplain words\r\n")


def test_an_email_that_only_quotes_keeps_the_quote():
    from neuraflux.core.emailtext import eml_to_text

    text, _ = eml_to_text(_email("a@example.org", "Fwd", plain="> The gate code is 4512.\n"))
    assert "> The gate code is 4512." in text


def _xlsx(path, sheets, shared, styles="", workbook_pr=""):
    """A minimal .xlsx: `sheets` [(name, state, <sheetData> XML)], `shared` strings, `styles` XML inside <styleSheet>."""
    import zipfile

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}">{workbook_pr}<sheets>' + "".join(
            f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"' + (f' state="{state}"' if state else "") + "/>"
            for n, (name, state, _) in enumerate(sheets, 1)) + "</sheets></workbook>")
        archive.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'relationships">' + "".join(f'<Relationship Id="rId{n}" Target="worksheets/sheet{n}.xml" Type="x"/>'
                                                      for n in range(1, len(sheets) + 1)) + "</Relationships>")
        for n, (_, _, data) in enumerate(sheets, 1):
            archive.writestr(f"xl/worksheets/sheet{n}.xml", f'<worksheet xmlns="{main}"><sheetData>{data}</sheetData></worksheet>')
        archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">' + "".join(f"<si><t>{s}</t></si>" for s in shared)
                         + '<si><r><t>Rich </t></r><r><t>text</t></r></si></sst>')
        archive.writestr("xl/styles.xml", f'<styleSheet xmlns="{main}">{styles}</styleSheet>')


def test_a_workbook_reads_as_a_table_a_sheet_shown_as_excel_shows_it(tmp_path):
    from neuraflux.core.documents import load_documents
    from neuraflux.core.sentences import split_units

    styles = ('<numFmts><numFmt numFmtId="164" formatCode="&quot;£&quot;#,##0.00"/><numFmt numFmtId="165" '
              'formatCode="\\£#,##0.00"/><numFmt numFmtId="166" formatCode="[$-409]mmmm d, yyyy"/></numFmts><cellXfs>'
              '<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="20"/><xf numFmtId="9"/><xf numFmtId="165"/>'
              '<xf numFmtId="166"/></cellXfs>')
    s = lambda ref, index: f'<c r="{ref}" t="s"><v>{index}</v></c>'  # noqa: E731
    races = (f'<row r="1">{s("A1", 0)}{s("B1", 1)}{s("C1", 2)}{s("D1", 3)}{s("E1", 4)}</row>'
             f'<row r="3">{s("A3", 5)}<c r="B3" s="1"><v>46460</v></c><c r="C3" s="2"><v>0.8125</v></c>'
             '<c r="D3" s="4"><v>12</v></c><c r="E3" s="3"><v>0.1</v></c><c r="G3"><v>0.30000000000000004</v></c></row>'
             f'<row r="4">{s("A4", 6)}<c r="B4" s="5"><v>46519</v></c><c r="D4" t="b"><v>1</v></c>'
             '<c r="E4" t="inlineStr"><is><t>half  price</t></is></c><c r="F4" t="str"><f>A4</f><v>by formula</v></c></row>')
    _xlsx(tmp_path / "club.xlsx", [("Races", None, races), ("Admin", "hidden", f'<row r="1">{s("A1", 7)}</row>')],
          ["Race", "Date", "Start", "Fee", "Discount", "Riverside 10K", "Harvest Trail", "PIN 4471"], styles)
    _xlsx(tmp_path / "plain.xlsx", [("Sheet1", None, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>')], [])
    (tmp_path / "broken.xlsx").write_bytes(b"PK not really")
    skipped = []
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path], on_skip=skipped.append)}
    assert sorted(docs) == ["club.xlsx", "plain.xlsx"] and "not a readable .xlsx" in skipped[0]
    assert docs["club.xlsx"].text == (
        "# Races\n\n| Race | Date | Start | Fee | Discount |  |  |\n|---|---|---|---|---|---|---|\n"
        "| Riverside 10K | 14 March 2027 | 19:30 | £12.00 | 10% |  | 0.3 |\n"
        "| Harvest Trail | 12 May 2027 |  | TRUE | half price | by formula |  |\n")
    assert docs["plain.xlsx"].text == "Rich text\n"  # a lone default-named sheet needs no heading; one cell is a line
    units = [u.text for u in split_units(docs["club.xlsx"].text) if u.kind == "table"]
    assert units[0] == "Riverside 10K — 14 March 2027 — 19:30 — £12.00 — 10% — 0.3"


def test_a_workbook_of_too_many_cells_is_refused(tmp_path, monkeypatch):
    from neuraflux.core import xlsxtext
    from neuraflux.core.errors import DataError

    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}"><v>{n}</v></c></row>' for n in range(1, 40))
    _xlsx(tmp_path / "dump.xlsx", [("Data", None, rows)], [])
    monkeypatch.setattr(xlsxtext, "MAX_CELLS", 50)
    with pytest.raises(DataError, match="over 50 cells"):
        xlsxtext.xlsx_to_text(str(tmp_path / "dump.xlsx"))


def _pptx(path, slides):
    """A minimal .pptx: `slides` [(<p:spTree> XML, notes text or None, shown)]."""
    import zipfile

    p, a = "http://schemas.openxmlformats.org/presentationml/2006/main", "http://schemas.openxmlformats.org/drawingml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/presentation.xml", f'<p:presentation xmlns:p="{p}" xmlns:r="{rel}"><p:sldIdLst>' + "".join(
            f'<p:sldId id="{255 + n}" r:id="rId{n}"/>' for n in range(1, len(slides) + 1)) + "</p:sldIdLst></p:presentation>")
        archive.writestr("ppt/_rels/presentation.xml.rels", rels.format("".join(
            f'<Relationship Id="rId{n}" Type="{rel}/slide" Target="slides/slide{n}.xml"/>' for n in range(1, len(slides) + 1))))
        for n, (tree, notes, shown) in enumerate(slides, 1):
            archive.writestr(f"ppt/slides/slide{n}.xml", f'<p:sld xmlns:p="{p}" xmlns:a="{a}"' + ("" if shown else ' show="0"') + ">"
                             f"<p:cSld><p:spTree>{tree}</p:spTree></p:cSld></p:sld>")
            if notes:
                archive.writestr(f"ppt/slides/_rels/slide{n}.xml.rels", rels.format(
                    f'<Relationship Id="rId9" Type="{rel}/notesSlide" Target="../notesSlides/notesSlide{n}.xml"/>'))
                archive.writestr(f"ppt/notesSlides/notesSlide{n}.xml", f'<p:notes xmlns:p="{p}" xmlns:a="{a}"><p:cSld><p:spTree>'
                                 + _shape("sldImg", "Slide image") + _shape("body", notes) + "</p:spTree></p:cSld></p:notes>")


def _shape(kind, *paragraphs):
    """A shape: a placeholder of `kind` ("title", "body", "" for a content placeholder) or, for None, a text box."""
    placeholder = "" if kind is None else f'<p:ph type="{kind}"/>' if kind else '<p:ph idx="1"/>'
    body = "".join(f'<a:p><a:pPr lvl="{text.count(">")}"/><a:r><a:t>{text.lstrip(">")}</a:t></a:r></a:p>' for text in paragraphs)
    return f"<p:sp><p:nvSpPr><p:nvPr>{placeholder}</p:nvPr></p:nvSpPr><p:txBody>{body}</p:txBody></p:sp>"


def test_a_slide_deck_reads_as_titled_slides_with_bullets_tables_and_notes(tmp_path):
    from neuraflux.core.documents import load_documents

    table = ('<p:graphicFrame><a:graphic><a:graphicData><a:tbl><a:tr><a:tc><a:txBody><a:p><a:r><a:t>Topic</a:t></a:r></a:p>'
             '</a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>Contact</a:t></a:r></a:p></a:txBody></a:tc></a:tr><a:tr><a:tc>'
             '<a:txBody><a:p><a:r><a:t>Payroll</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>Grace Lin'
             '</a:t></a:r></a:p></a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>')
    _pptx(tmp_path / "induction.pptx", [
        (_shape("ctrTitle", "Welcome") + _shape("subTitle", "Induction, 2027") + _shape("sldNum", "1"), None, True),
        (_shape("title", "Tools") + _shape("", "Code lives in GitLab", ">Ask your lead for access") +
         f"<p:grpSp>{_shape(None, 'Deploys on Tuesdays.')}</p:grpSp>", "Production access needs training.", True),
        (_shape("title", "Draft"), None, False),
        (table, None, True)])
    docs = load_documents([tmp_path])
    assert docs[0].title == "Welcome"
    assert docs[0].text == ("# Welcome\n\nInduction, 2027\n\n# Tools\n\n* Code lives in GitLab\n  * Ask your lead for access\n\n"
                            "Deploys on Tuesdays.\n\nProduction access needs training.\n\n# Slide 4\n\n"
                            "| Topic | Contact |\n|---|---|\n| Payroll | Grace Lin |\n")


def test_a_jupyter_notebook_reads_as_its_markdown_with_code_fenced(tmp_path):
    from neuraflux.core.documents import load_documents
    from neuraflux.core.sentences import split_units

    cells = [{"cell_type": "markdown", "source": ["# Cleaning the data\n", "\n", "Rows with a missing *price* are dropped."]},
             {"cell_type": "code", "source": "# keep priced rows\ndf = df.dropna(subset=['price'])", "outputs": []},
             {"cell_type": "markdown", "source": "Prices are in EUR."}, {"cell_type": "code", "source": ""}]
    (tmp_path / "clean.ipynb").write_text(json.dumps({"cells": cells, "nbformat": 4}))
    (tmp_path / "bad.ipynb").write_text(json.dumps({"not": "a notebook"}))
    skipped = []
    docs = load_documents([tmp_path], on_skip=skipped.append)
    assert [os.path.basename(d.path) for d in docs] == ["clean.ipynb"]
    assert len(skipped) == 1 and "not a Jupyter notebook" in skipped[0]
    assert docs[0].title == "Cleaning the data"
    assert docs[0].text == ("# Cleaning the data\n\nRows with a missing *price* are dropped.\n\n"
                            "```python\n# keep priced rows\ndf = df.dropna(subset=['price'])\n```\n\nPrices are in EUR.\n")
    units = split_units(docs[0].text)
    assert [u.kind for u in units] == ["heading", "prose", "code", "prose"]  # the comment is code, not a heading


def test_asciidoc_ordered_lists_and_tables_read_as_markdown_does(tmp_path):
    from neuraflux.core.documents import load_documents
    from neuraflux.core.sentences import split_units

    (tmp_path / "guide.adoc").write_text(
        "= P2 guide\n\n== Loading filament\n\n. Heat the nozzle.\n. Push the filament in.\n.. Gently.\n"
        ". Press Done.\n\nThen print.\n\n[source,sh]\n----\n. venv/bin/activate\n|===\n----\n\n"
        "== Temperatures\n\n[cols=\"1,1,1\"]\n|===\n|Material |Nozzle |Bed\n\n|PLA\n|200 °C\n|60 °C\n\n"
        "|PETG\n|235 °C\n|80 °C\n|===\n")
    text = load_documents([tmp_path])[0].text
    assert "1. Heat the nozzle.\n2. Push the filament in.\n   1. Gently.\n3. Press Done." in text
    assert ". venv/bin/activate" in text and "1. venv" not in text  # a listing's lines as they are
    units = [(u.kind, u.text) for u in split_units(text)
             if u.heading == "Temperatures" and u.kind != "heading"]
    assert units == [("header", "Material — Nozzle — Bed"), ("table", "PLA — 200 °C — 60 °C"),
                     ("table", "PETG — 235 °C — 80 °C")]


def test_asciidoc_and_org_files_read_with_their_headings_and_code(tmp_path):
    from neuraflux.core.documents import load_documents
    from neuraflux.core.sentences import split_units

    (tmp_path / "guide.adoc").write_text("= Flowmill Guide\n:toc:\n\nFlowmill moves files on a schedule.\n\n"
                                         "== Installation\n\n[source,console]\n----\n$ pip install flowmill\n"
                                         "== not a heading\n----\n\nIt needs Python 3.10.\n")
    (tmp_path / "notes.org").write_text("#+TITLE: Garden notes\n#+AUTHOR: Sam\n\n* Watering\nWater the tomatoes "
                                        "every morning.\n#+BEGIN_SRC sh\n* not a heading\n#+END_SRC\n")
    (tmp_path / "page.mdx").write_text("# Setup\n\nRun the installer.\n")
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path])}
    assert sorted(docs) == ["guide.adoc", "notes.org", "page.mdx"]
    assert [d.title for _, d in sorted(docs.items())] == ["Flowmill Guide", "Garden notes", "Setup"]
    units = split_units(docs["guide.adoc"].text)
    assert [(u.kind, u.heading) for u in units if u.kind in ("heading", "code")] == [
        ("heading", "Flowmill Guide"), ("heading", "Installation"), ("code", "Installation")]
    assert ":toc:" not in docs["guide.adoc"].text and "#+AUTHOR" not in docs["notes.org"].text
    org = split_units(docs["notes.org"].text)
    assert [u.kind for u in org] == ["heading", "heading", "prose", "code"]

    # a heading or a code fence right under a list item or a line of text ends it (Markdown, and
    # Org as it is read): release notes' "** Fixed" is not the last word of the item above it
    (tmp_path / "notes.org").write_text("* Version 2.4\n** Added\n- Traces export as OTLP.\n** Fixed\n"
                                        "- Memory no longer grows.\nRun it:\n#+BEGIN_SRC sh\nlantern up\n#+END_SRC\n")
    (tmp_path / "page.mdx").write_text("# Setup\nRun the installer:\n```\nsetup.exe\n```\n## Next\nDone.\n")
    docs = {os.path.basename(d.path): d for d in load_documents([tmp_path])}
    assert [(u.kind, u.heading, u.text) for u in split_units(docs["notes.org"].text) if u.kind != "heading"] == [
        ("prose", "Added", "- Traces export as OTLP."), ("prose", "Fixed", "- Memory no longer grows."),
        ("prose", "Fixed", "Run it:"), ("code", "Fixed", "```sh\nlantern up\n```")]
    assert [(u.kind, u.heading) for u in split_units(docs["page.mdx"].text)] == [
        ("heading", "Setup"), ("prose", "Setup"), ("code", "Setup"), ("heading", "Next"), ("prose", "Next")]


def test_a_csv_file_reads_as_a_table_whose_rows_answer(tmp_path):
    from neuraflux.core.documents import load_documents
    from neuraflux.core.rag import NanoRAG
    from neuraflux.core.retrieval.build import index_documents
    from neuraflux.core.retrieval.index import DocumentIndex
    from neuraflux.core.retrieval.retriever import Retriever

    (tmp_path / "plans.csv").write_text('plan;price;users\nCommunity;free;up to 5\nTeam;"4 EUR; per user";up to 200\n')
    (tmp_path / "ports.tsv").write_text("service\tport\nrouter\t7000\nledger\t7100\n")
    (tmp_path / "about.md").write_text("# About\n\nQuill keeps notes in sync across devices.\n")
    docs = load_documents([tmp_path])
    by_name = {os.path.basename(d.path): d for d in docs}
    assert by_name["plans.csv"].text == ("| plan | price | users |\n|---|---|---|\n| Community | free | up to 5 |\n"
                                         "| Team | 4 EUR; per user | up to 200 |\n")
    with DocumentIndex(str(tmp_path / "i.sqlite")) as index:
        index_documents(index, docs, progress=False)
    rag = NanoRAG(retriever=Retriever(str(tmp_path / "i.sqlite")), load_model=lambda: None, top_k=3, mode="bm25")
    # a row matched through the header ("plan", "price") is quoted under it
    assert rag.answer("How much does the Team plan cost?").text.startswith(
        "plan — price — users [1] Team — 4 EUR; per user — up to 200 [")
    assert "ledger — 7100 [" in rag.answer("Which port does the ledger service use?").text


# -- PDF files --------------------------------------------------------------------------------------
def _pdf(objects):
    """PDF bytes of `objects` ({number: body bytes}), object 1 the catalog, with a cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (max(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets.get(n, 0) for n in range(1, max(objects) + 1))
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 99 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (max(objects) + 1, xref)
    return bytes(out)


def _stream(data, compress=False):
    import zlib

    body = zlib.compress(data) if compress else data
    return (b"<< /Length %d%s >>\nstream\n" % (len(body), b" /Filter /FlateDecode" if compress else b"")
            + body + b"\nendstream")


def test_a_pdf_reads_as_the_text_its_pages_show(tmp_path):
    from neuraflux.core.documents import load_documents
    from neuraflux.core.pdftext import pdf_to_text

    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> "
            b"endcodespacerange 2 beginbfchar <0001> <0050> <0002> <006F> endbfchar 1 beginbfrange <0003> <0005> "
            b"<0072> endbfrange endcmap end end")
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        3: b"<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
        4: b"<< /Type /Page /Parent 2 0 R /Contents [8 0 R] >>",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        6: b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 9 0 R >>",
        7: _stream(b"BT /F1 12 Tf 72 720 Td (Ferrule keeps backups for 30 days.) Tj 0 -14 Td "
                   b"[(Caf\\351 cr\\350me) -300 (\\(hot\\).)] TJ ET"),
        8: _stream(b"BT /F2 11 Tf 72 700 Td <00010002000300040005> Tj ET BI /W 1 /H 1 ID \x00\xff( EI "
                   b"BT /F1 9 Tf 72 600 Td (Page two.) Tj ET", compress=True),
        9: _stream(cmap),
        99: b"<< /Title (Ferrule guide) /Producer (hand) >>",
    }
    text, title = pdf_to_text(_pdf(objects))
    assert title == "Ferrule guide"
    # a line under the one before stays in its paragraph; a gap of 100 under 9-point text starts another
    assert text == "Ferrule keeps backups for 30 days.\nCafé crème (hot).\n\nPorst\n\nPage two.\n"
    (tmp_path / "guide.pdf").write_bytes(_pdf(objects))
    (tmp_path / "scan.pdf").write_bytes(_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                                              2: b"<< /Type /Pages /Kids [3 0 R] >>", 3: b"<< /Type /Page >>"}))
    (tmp_path / "fake.pdf").write_bytes(b"GIF89a not a pdf")
    skipped = []
    docs = load_documents([tmp_path], on_skip=skipped.append)
    assert [(os.path.basename(d.path), d.title) for d in docs] == [("guide.pdf", "Ferrule guide")]
    assert sorted(m.split(":")[1].strip() for m in skipped) == ["no text in its pages (a scan?)", "not a PDF (no %PDF header)"]


def test_hostile_pdfs_are_refused_not_followed():
    import zlib

    from neuraflux.core import pdftext
    from neuraflux.core.errors import DataError

    bomb = zlib.compress(b"\0" * (pdftext.MAX_STREAM_BYTES + 1))
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] >>",
               3: b"<< /Type /Page /Contents 4 0 R >>",
               4: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream"}
    with pytest.raises(DataError, match="unpacks to over"):
        pdftext.pdf_to_text(_pdf(objects))
    deep = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"[" * 10000}  # passed over, not recursed into
    assert pdftext.pdf_to_text(_pdf(deep)) == ("", None)
    loop = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [2 0 R] >>"}  # a tree that is a cycle
    assert pdftext.pdf_to_text(_pdf(loop)) == ("", None)
    wrong_length = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] >>",
                    3: b"<< /Type /Page /Contents 4 0 R >>", 4: b"<< /Length 3 >>\nstream\nBT (Read.) Tj ET\nendstream"}
    assert pdftext.pdf_to_text(_pdf(wrong_length)) == ("Read.\n", None)  # a wrong /Length: read to "endstream"
    with pytest.raises(DataError, match="encrypted PDF"):  # its text would be noise
        pdftext.pdf_to_text(_pdf(loop).replace(b"/Info 99 0 R", b"/Info 99 0 R /Encrypt 5 0 R"))


def test_pdf_paragraphs_and_headings_come_from_the_layout():
    from neuraflux.core.pdftext import pdf_to_text
    from neuraflux.core.sentences import split_units

    content = (b"BT /F1 18 Tf 72 760 Td (Restoring) Tj ET "
               b"BT /F1 10 Tf 72 730 Td (Run ferrule restore to restore the newest) Tj 0 -12 Td (backup. It needs an empty "
               b"database.) Tj ET BT /F2 10 Tf 72 688 Td (Verifying) Tj ET BT /F1 10 Tf 72 670 Td "
               b"(Verification reads every page.) Tj ET "
               b"BT /F1 10 Tf 1 0 0 1 72 640 Tm (Page) Tj 1 0 0 1 100 640 Tm (one) Tj ET")  # words placed on one line
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [3 0 R] /Resources << /Font << /F1 4 0 R /F2 6 0 R >> >> >>",
               3: b"<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>",
               4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", 5: _stream(content),
               6: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"}
    text, _ = pdf_to_text(_pdf(objects))
    assert text == ("## Restoring\n\nRun ferrule restore to restore the newest\nbackup. It needs an empty database.\n\n"
                    "### Verifying\n\nVerification reads every page.\n\nPage one\n")  # a short bold line: a subheading
    units = split_units(text)
    assert [(u.kind, u.heading) for u in units][:3] == [("heading", "Restoring"), ("prose", "Restoring"), ("prose", "Restoring")]


def test_html_tables_of_contents_are_left_out_like_navigation():
    from neuraflux.core.htmltext import html_to_text

    page = ('<details role="navigation"><summary>Contents</summary><ul><li><a href="#a">os.EOL</a></li></ul></details>'
            '<ul><li><a href="#a">os.EOL</a><ul><li><a href="#b">os.cpus()</a></li></ul></li></ul>'
            '<h2>os.EOL</h2><p>The end-of-line marker.</p>'
            '<ul><li>See <a href="#b">os.cpus()</a> for the cores, and use it sparingly.</li></ul>')
    assert html_to_text(page)[0] == ("## os.EOL\n\nThe end-of-line marker.\n\n"
                                     "* See os.cpus() for the cores, and use it sparingly.\n")  # mostly words: kept
    chrome = ('<html class="light sidebar-visible"><body><div id="mdbook-help-popup"><p>Press ? to show this help</p>'
              '</div><div class="site-menu"><p>Home</p></div><div class="content"><p>Ownership is a set of rules.</p>'
              '</div></body></html>')
    assert html_to_text(chrome)[0] == "Ownership is a set of rules.\n"  # a page state ("sidebar-visible") is no chrome
    consent = ('<div class="cookie-banner">We use cookies to improve your experience.</div>'
               '<div id="gdpr_message"><p>Your privacy matters.</p></div><div class="cookie-recipe"><p>Mix the butter '
               'and sugar.</p></div><p>Bake for 12 minutes.</p>')
    assert html_to_text(consent)[0] == "Mix the butter and sugar.\n\nBake for 12 minutes.\n"  # a recipe stays
