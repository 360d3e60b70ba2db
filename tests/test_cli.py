import json

from neuraflux.core.config import preset
from neuraflux.core.checkpoint import save_checkpoint
from neuraflux.core.init import init_tensors


def _one_error_line(result):
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("neuraflux: error:"), result.stderr
    assert "Traceback" not in result.stderr


def test_version(cli):
    out = cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("neuraflux ")


def test_info(cli):
    out = cli("info")
    assert out.returncode == 0 and "lite" in out.stdout


def test_inspect_folder_and_file(cli, tmp_path):
    config = preset("tiny")
    save_checkpoint(tmp_path / "ck", config, init_tensors(config, 0))
    out = cli("inspect", tmp_path / "ck", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["num_parameters"] == config.num_parameters()
    assert data["config"]["hidden_size"] == config.hidden_size
    out = cli("inspect", tmp_path / "ck" / "model.safetensors")
    assert out.returncode == 0 and "tok_emb.weight" in out.stdout


def test_bad_path(cli, tmp_path):
    _one_error_line(cli("inspect", tmp_path / "missing"))


def test_corrupt_file(cli, tmp_path):
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"\xff" * 20)
    _one_error_line(cli("inspect", bad))


def test_bad_flag(cli):
    _one_error_line(cli("info", "--nope"))


def test_debug_shows_traceback(cli, tmp_path):
    out = cli("--debug", "inspect", tmp_path / "missing")
    assert out.returncode != 0 and "Traceback" in out.stderr


def test_every_flag_has_help_and_old_spellings_still_work(tmp_path):
    import argparse

    from neuraflux.cli import build_parser, main

    missing = []

    def walk(parser, prefix):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    walk(child, f"{prefix} {name}")
            elif action.help is None and not isinstance(action, argparse._HelpAction):
                missing.append(f"{prefix} {'/'.join(action.option_strings) or action.dest}")

    walk(build_parser(), "neuraflux")
    assert not missing, missing
    (tmp_path / "t.txt").write_text("hello there, hello world " * 40)
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["tokenizer", "train", "--input", str(tmp_path / "t.txt"), "--vocab-size", "270",
                     "--out", str(tmp_path / "tok.json")])
    assert code == 0 and "--input is deprecated" in err.getvalue() and "--docs" in err.getvalue()
    assert (tmp_path / "tok.json").exists()
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert main(["tokenizer", "train", "--vocab-size", "270", "--out", str(tmp_path / "x.json")]) == 1
    assert "required: --docs" in err.getvalue()
