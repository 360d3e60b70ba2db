import json

import pytest

from neuraflux.core.data import prepare_dataset, read_tokens, split_documents, write_tokens
from neuraflux.core.documents import Document, read_texts
from neuraflux.core.errors import DataError
from neuraflux.core.schedule import learning_rate
from neuraflux.core.tokenizers import ByteBPETokenizer


@pytest.mark.parametrize("dtype,top", [("uint16", 65535), ("uint32", 2 ** 32 - 1)])
def test_token_files_round_trip(tmp_path, dtype, top):
    ids = [0, 1, 255, 256, top, 12345]
    write_tokens(tmp_path / "t.bin", ids, dtype)
    assert list(read_tokens(tmp_path / "t.bin", dtype)) == ids
    assert (tmp_path / "t.bin").stat().st_size == len(ids) * (2 if dtype == "uint16" else 4)


def test_prepare_dataset_splits_documents_and_reuses(tmp_path):
    docs = [Document(f"document number {i} " * 20, f"d{i}") for i in range(20)]
    tok = ByteBPETokenizer.train([d.text for d in docs], 300)
    first = prepare_dataset(tmp_path / "data", docs, tok, val_fraction=0.2, seed=1, progress=False)
    assert first["train_documents"] == 16 and first["val_documents"] == 4
    assert first["dtype"] == "uint16"
    mtime = (tmp_path / "data" / "train.bin").stat().st_mtime_ns
    again = prepare_dataset(tmp_path / "data", docs, tok, val_fraction=0.2, seed=1, progress=False)
    assert again == first and (tmp_path / "data" / "train.bin").stat().st_mtime_ns == mtime
    train = list(read_tokens(tmp_path / "data" / "train.bin", "uint16"))
    assert train[0] == tok.bos_id and tok.eos_id in train
    assert len(train) == first["train_tokens"]


def test_split_is_seeded_and_disjoint():
    a = split_documents(50, 0.1, 7)
    assert a == split_documents(50, 0.1, 7)
    assert not set(a[0]) & set(a[1]) and len(a[1]) == 5


def test_empty_and_unreadable_corpus(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00bad")
    messages = []
    with pytest.raises(DataError, match="no readable text"):
        read_texts([tmp_path], on_skip=messages.append)
    assert any("not UTF-8" in m for m in messages)
    with pytest.raises(DataError, match="no such file"):
        read_texts([tmp_path / "missing"])


def test_jsonl_with_bad_line_names_the_line(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": "fine"}) + "\n{broken\n")
    skipped = []
    with pytest.raises(DataError, match="no readable text"):
        read_texts([path], on_skip=skipped.append)
    assert len(skipped) == 1 and "c.jsonl:2:" in skipped[0]


def test_learning_rate_schedule():
    assert learning_rate(0, 1.0, 0.1, 10, 100) == pytest.approx(0.1)
    assert learning_rate(9, 1.0, 0.1, 10, 100) == pytest.approx(1.0)
    assert learning_rate(10, 1.0, 0.1, 10, 100) == pytest.approx(1.0)
    assert learning_rate(55, 1.0, 0.1, 10, 100) == pytest.approx(0.55)
    assert learning_rate(100, 1.0, 0.1, 10, 100) == pytest.approx(0.1)
    values = [learning_rate(s, 1.0, 0.1, 10, 100) for s in range(10, 100)]
    assert all(a >= b for a, b in zip(values, values[1:]))


def test_every_command_reads_python_files_as_docstrings_and_comments(tmp_path):
    from neuraflux.core.documents import load_documents

    (tmp_path / "m.py").write_text('"""Module doc."""\nimport os  # why os\n\ndef f():\n    """Does f."""\n    return 1\n')
    for docs in (read_texts([tmp_path]), load_documents([tmp_path])):
        assert len(docs) == 1
        assert "Module doc." in docs[0].text and "f()\n\n   Does f." in docs[0].text and "why os" in docs[0].text
        assert "return 1" not in docs[0].text


def test_a_python_files_constants_are_read_with_the_comments_that_describe_them():
    from neuraflux.core.documents import python_text

    source = ('"""VAT."""\nfrom decimal import Decimal\n\n# The default VAT rate when a line item names none.\n'
              'DEFAULT_RATE = Decimal("0.20")\nTIMEOUT = 30  # seconds\n__version__ = "0.8.2"\n'
              'TABLE = {' + ", ".join(f"{i}: {i}" for i in range(100)) + '}\n\ndef f(x):\n    y = 2  # inner\n')
    assert python_text(source).split("\n\n") == [
        "VAT.", 'The default VAT rate when a line item names none: DEFAULT_RATE = Decimal("0.20")',
        "seconds: TIMEOUT = 30", '__version__ = "0.8.2"', "inner"]  # a long table and a function's locals are not


def test_a_python_files_constants_are_cut_where_the_parser_says_with_any_line_ends_and_letters():
    """The parser counts columns in UTF-8 bytes and lines at \\r\\n, \\r or \\n (not a form feed):
    each constant reads as ast.get_source_segment reads it."""
    import ast

    from neuraflux.core.documents import _constants

    source = ('NAME = "Zoë"\r\nPRICE = "€5"  # in euros\rGREETING = "héllo"\n\x0cLIMIT = 10\n'
              'LONG = (\n    1,\n)\nCAFÉ = "crème"\n')
    tree = ast.parse(source)
    expected = [(node.lineno, node.end_lineno, f"{node.targets[0].id} = {ast.get_source_segment(source, node.value)}")
                for node in tree.body if node.value.lineno == node.value.end_lineno]
    assert _constants(tree, source) == expected
    assert [text for _, _, text in expected] == ['NAME = "Zoë"', 'PRICE = "€5"', 'GREETING = "héllo"', "LIMIT = 10",
                                                 'CAFÉ = "crème"']


def test_a_python_docstring_sits_under_its_signature_and_tool_pragmas_are_no_comments():
    from neuraflux.core.documents import python_text

    source = ('"""Retrying."""\nfrom .core import retry  # noqa: F401\n\nclass RetryError(Exception):\n'
              '    """Raised when every attempt failed."""\n\n    def last(self, n=1):\n        """The last error."""\n\n'
              'def retry(attempts=5, exceptions=(ConnectionError, TimeoutError), *, jitter=True):\n'
              '    """Call it again.\n\n    Other exceptions are raised at once."""\n    x = 1  # type: ignore\n')
    assert python_text(source).split("\n\n") == [
        "Retrying.", "class RetryError(Exception)", "   Raised when every attempt failed.",
        "RetryError.last(self, n=1)", "   The last error.", "   By default, n is 1.",
        "retry(attempts=5, exceptions=(ConnectionError, TimeoutError), *, jitter=True)", "   Call it again.",
        "   By default, attempts is 5, exceptions is (ConnectionError, TimeoutError) and jitter is True.",
        "   Other exceptions are raised at once."]  # no "noqa: F401", no "type: ignore"


def test_a_docstrings_parameters_returns_and_exceptions_read_as_one_sentence_each_in_all_three_styles():
    from neuraflux.core.docstrings import sentences_of_sections

    google = ("Fetch a page.\n\nArgs:\n    url (str): The address.\n    retries: How many times to try\n"
              "        after a timeout.\n\nReturns:\n    The page body.\n\nRaises:\n    TimeoutError: If every try"
              " timed out.\n    StationNotFound\n\nExample:\n    >>> fetch('/')")
    assert sentences_of_sections(google).split("\n\n") == [
        "Fetch a page.", "Parameter url (str): The address.",
        "Parameter retries: How many times to try after a timeout.", "Returns the page body.",
        "Raises TimeoutError: If every try timed out.", "Raises StationNotFound.", "Example:\n    >>> fetch('/')"]
    numpy = ("Convert.\n\nParameters\n----------\nheight_m : float\n    Height in metres.\n\ndecimals : int, optional\n"
             "    Digits kept.\n\nReturns\n-------\nfloat\n    The height in feet.\n\nSee Also\n--------\nto_metres")
    assert sentences_of_sections(numpy).split("\n\n") == [
        "Convert.", "Parameter height_m (float): Height in metres.", "Parameter decimals (int, optional): Digits kept.",
        "Returns float: The height in feet.", "See Also:\nto_metres"]
    indented_entries = "Helper.\nParameters\n----------\n    adj : dict\n        Adjacency dict.\n\nMore text."
    assert sentences_of_sections(indented_entries).split("\n\n") == [
        "Helper.", "Parameter adj (dict): Adjacency dict.", "More text."]  # entries deeper than their title
    rest = ("Get one.\n\n:param str key: the key;\n    any string.\n:param day: the day.\n:type day: date\n"
            ":raises KeyError: if it is missing.\n:returns: the value.\n:rtype: bytes\n:ivar size: how many.")
    assert sentences_of_sections(rest).split("\n\n") == [
        "Get one.", "Parameter key (str): the key; any string.", "Parameter day (date): the day.",
        "Raises KeyError: if it is missing.", "Returns bytes: the value.", "Attribute size: how many."]
    # what does not read as a section's entries is left as written
    loose = "Args:\n    The address to fetch, which\n    must be absolute."
    assert sentences_of_sections(loose) == loose
    assert sentences_of_sections("Returns:") == "Returns:"


def test_an_ini_file_reads_as_its_settings_under_their_sections_with_the_comments_that_describe_them():
    from neuraflux.core.configtext import config_text

    source = ("; snapstow's configuration\n\n[repository]\n; compression: none, lz4 (the default) or zstd\n"
              "compression = lz4\nlocation = s3://bucket/prefix  ; where backups go\n\n"
              "[schedule]\n# hours between backups\n# (the background service)\ninterval = 6\n")
    assert config_text(source).split("\n\n") == [
        "snapstow's configuration", "## repository", "compression: none, lz4 (the default) or zstd: compression = lz4",
        "where backups go: location = s3://bucket/prefix", "## schedule",
        "hours between backups (the background service): interval = 6\n"]


def test_a_yaml_file_reads_as_its_nested_keys_and_lists_with_their_comments_and_multi_line_values_kept_whole():
    from neuraflux.core.configtext import config_text

    source = ("# where it listens\nserver:\n  # the port\n  port: 8080   # must be free\n  tls:  # encryption\n"
              "    enabled: true\nhosts:\n  - web1\nproxy:\n  # sites reached without the proxy\n  bypass:\n"
              "    - zoom.us\n    - x.org\nname: \"app # 1\"\ndeps = [\n  \"a\",\n]\nurl = http://x.org/#frag\n")
    assert config_text(source).split("\n\n") == [
        "## server", "where it listens", "the port (must be free): port: 8080", "encryption", "tls.enabled: true",
        "## hosts", "hosts: web1", "## proxy", "sites reached without the proxy: bypass: zoom.us, x.org",
        'name: "app # 1"', 'deps = [\n"a",\n]', "url = http://x.org/#frag\n"]


def test_config_lines_of_a_hundred_thousand_spaces_are_read_in_one_pass():
    from neuraflux.core.configtext import config_text

    # the first patterns tried every split of the spaces between key, value and comment (hours)
    assert config_text(" " * 100_000 + "x") == "x\n"
    assert config_text("k = x" + " " * 100_000 + "y ; note") == "note: k = x" + " " * 100_000 + "y\n"
    assert config_text("a" + " " * 100_000 + "= 1") == "a = 1\n"


def test_config_files_in_a_folder_are_read_and_titled_by_their_names(tmp_path):
    from neuraflux.core.documents import load_documents

    (tmp_path / "app.toml").write_text("[limits]\n# largest upload, in MiB\nmax_upload = 50\n")
    (tmp_path / "compose.yml").write_text("services:\n  web:\n    image: nginx\n")
    docs = sorted(load_documents([str(tmp_path)]), key=lambda d: d.path)
    assert [d.title for d in docs] == ["app.toml", "compose.yml"]
    assert docs[0].text == "## limits\n\nlargest upload, in MiB: max_upload = 50\n"
    assert docs[1].text == "## services\n\nweb.image: nginx\n"


def test_a_python_file_with_a_megabyte_line_keeps_its_whole_line_comments():
    from neuraflux.core.documents import python_text

    # Python 3.12's tokenize copied the 1 MB line into each of its million tokens (minutes)
    text = python_text('"""Doc."""\nx = ' + "-" * 1_000_000 + "1\n# a comment survives\ny = 2  # inline\n")
    assert text == "a comment survives"  # the parser cannot take a million nested minuses: no docstring
