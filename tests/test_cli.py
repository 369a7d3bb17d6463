"""The ``qualkit`` command: exports for instructors, one-line errors with exit status 2."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from qualkit import refi
from qualkit.cli import main
from qualkit.codings import Coding, Codings, Memo, write_codings
from qualkit.corpus import load_corpus

SCRIPT = Path(sys.executable).parent / "qualkit"


def ana_file(folder: Path) -> Path:
    path = folder / "ana.codings.json"
    codings = Codings(
        (Coding("PSS-FG1", 3, "PSS_BOUNDARY", "ana", "late texts", "2026-11-21T17:02:03Z"),),
        (Memo("HV-INT1", 4, "ana", "café talk — rapport", "2026-11-21T17:03:00Z"),),
    )
    write_codings(path, codings)
    return path


def one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert captured.err.startswith("qualkit: error: ")
    return captured.err


def test_export_qdpx_with_shipped_and_file_codings(tiny_corpus_dir, tmp_path, capsys):
    out = tmp_path / "course.qdpx"
    argv = ["export-qdpx", str(out), "team", str(ana_file(tmp_path))]
    status = main([*argv, "--corpus", str(tiny_corpus_dir), "--title", "Spring course"])
    assert status == 0
    message = capsys.readouterr().out
    assert message.startswith(f"wrote {out}: 2 transcripts, 5 codes, 3 participants, 6 codings")
    assert message.rstrip().endswith("valid against QDA-XML 1.0")
    refi.validate_qdpx(out)
    project = refi.import_qdpx(out)
    assert project.title == "Spring course"
    assert project.codings.coders == ("team", "ana")
    assert [m.text for m in project.codings.memos] == ["café talk — rapport"]


def test_export_qdpx_alone_uses_the_default_corpus(tiny_corpus_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("QUALKIT_CORPUS", str(tiny_corpus_dir))
    out = tmp_path / "corpus.qdpx"
    assert main(["export-qdpx", str(out)]) == 0
    project = refi.import_qdpx(out)
    assert len(project.codings) == 0
    assert project.codebook == load_corpus(tiny_corpus_dir).codebook


def test_export_qdc_of_the_corpus_and_of_another_codebook(tiny_corpus_dir, tmp_path, capsys):
    out = tmp_path / "codebook.qdc"
    assert main(["export-qdc", str(out), "--corpus", str(tiny_corpus_dir)]) == 0
    assert capsys.readouterr().out.startswith(f"wrote {out}: 5 codes in 2 categories;")
    codebook = load_corpus(tiny_corpus_dir).codebook
    assert refi.import_qdc(out) == replace(codebook, title="")
    other = tmp_path / "other.qdc"
    assert (
        main(["export-qdc", str(other), "--codebook", str(tiny_corpus_dir / "codebook.json")]) == 0
    )
    assert other.read_bytes() == out.read_bytes()


def test_validate_command(tiny_corpus_dir, tmp_path, capsys):
    out = tmp_path / "course.qdpx"
    main(["export-qdpx", str(out), "team", "--corpus", str(tiny_corpus_dir)])
    capsys.readouterr()
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().out == (
        f"{out}: valid against QDA-XML 1.0; 2 transcripts, 5 codings and 0 memos read\n"
    )
    qdc = tmp_path / "codebook.qdc"
    qdc.write_bytes(
        refi.codebook_xml(load_corpus(tiny_corpus_dir).codebook).replace(
            b' isCodable="true"', b"", 1
        )
    )
    assert main(["validate", str(qdc)]) == 2
    assert "isCodable" in one_line_error(capsys)


def test_unknown_coding_file_is_a_one_line_error(tiny_corpus_dir, tmp_path, capsys):
    status = main(
        ["export-qdpx", str(tmp_path / "x.qdpx"), "nobody.json", "--corpus", str(tiny_corpus_dir)]
    )
    assert status == 2
    error = one_line_error(capsys)
    assert (
        "nobody.json: command line: expected a coding file, or one of the corpus's codings: team"
        in error
    )
    assert not (tmp_path / "x.qdpx").exists()


def test_coding_of_a_missing_turn_names_the_file_and_entry(tiny_corpus_dir, tmp_path, capsys):
    path = tmp_path / "bad.codings.json"
    write_codings(path, Codings((Coding("HV-INT1", 9, "HV_SURVEILLANCE", "ben"),)))
    assert (
        main(["export-qdpx", str(tmp_path / "x.qdpx"), str(path), "--corpus", str(tiny_corpus_dir)])
        == 2
    )
    assert (
        f"{path}: line 3 (codings[0]) field 'turn': expected a turn from 1 to 4, found 9"
        in one_line_error(capsys)
    )


def test_the_same_coding_in_two_files_is_refused(tiny_corpus_dir, tmp_path, capsys):
    first, second = ana_file(tmp_path), tmp_path / "copy.codings.json"
    second.write_bytes(first.read_bytes())
    argv = ["export-qdpx", str(tmp_path / "x.qdpx"), str(first), str(second)]
    assert main([*argv, "--corpus", str(tiny_corpus_dir)]) == 2
    assert (
        f"{second}: line 3 (codings[0]): expected a coding not already in {first}"
        in one_line_error(capsys)
    )


def test_unwritable_output_is_a_one_line_error(tiny_corpus_dir, tmp_path, capsys):
    out = tmp_path / "no such folder" / "x.qdc"
    assert main(["export-qdc", str(out), "--corpus", str(tiny_corpus_dir)]) == 2
    assert "No such file or directory" in one_line_error(capsys)


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    for command in ("export-qdpx", "export-qdc", "validate", "REFI-QDA"):
        assert command in text


def test_no_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2
    assert "usage: qualkit" in capsys.readouterr().err


@pytest.mark.slow
def test_console_script_runs(tiny_corpus_dir, tmp_path):
    out = tmp_path / "course.qdpx"
    done = subprocess.run(
        [SCRIPT, "export-qdpx", out, "team", "--corpus", tiny_corpus_dir],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "valid against QDA-XML 1.0" in done.stdout
    assert len(refi.import_qdpx(out).codings) == 5
    failed = subprocess.run(
        [SCRIPT, "validate", tiny_corpus_dir / "sessions.csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 2 and "Traceback" not in failed.stderr
    assert failed.stderr.endswith(
        "expected a .qdpx project (a ZIP archive), found 'not a ZIP archive'\n"
    )


def test_spans_in_a_coding_file_reach_the_project_exactly(tiny_corpus_dir, tmp_path):
    turn = load_corpus(tiny_corpus_dir).transcript("PSS-FG1").turn(3)
    span = Coding("PSS-FG1", 3, "PSS_BOUNDARY", "ana", "", "", turn.start + 5, turn.end)
    path = tmp_path / "ana.codings.json"
    write_codings(path, Codings((span,)))
    out = tmp_path / "spans.qdpx"
    assert main(["export-qdpx", str(out), str(path), "--corpus", str(tiny_corpus_dir)]) == 0
    assert refi.import_qdpx(out).codings.codings == (span,)


def test_a_span_outside_its_turn_is_refused_with_its_line(tiny_corpus_dir, tmp_path, capsys):
    turn = load_corpus(tiny_corpus_dir).transcript("PSS-FG1").turn(3)
    wrong = Coding("PSS-FG1", 3, "PSS_BOUNDARY", "ana", "", "", turn.start, turn.end + 2)
    path = tmp_path / "ana.codings.json"
    write_codings(path, Codings((wrong,)))
    assert (
        main(["export-qdpx", str(tmp_path / "x.qdpx"), str(path), "--corpus", str(tiny_corpus_dir)])
        == 2
    )
    assert (
        f"{path}: line 3 (codings[0]) fields 'start', 'end': expected a span start < end inside "
        f"turn 3 (offsets {turn.start}–{turn.end})" in one_line_error(capsys)
    )
