"""Validate says how far a coding beside the notebook has come (qualkit/validate_progress.py),
through nbgrader's own Validator with the course's configuration, as the button runs it."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from nbgrader.validator import Validator

import qualkit
from qualkit.codings import Coding, Codings, write_codings
from qualkit.validate_progress import progress_beside

from conftest import REPO

SESSION = "PSS-FG1"  # any session: progress counts turns, whatever the codes


def participant_turns() -> list[int]:
    corpus = qualkit.load_corpus()
    facilitator = corpus.session(SESSION).facilitator
    return [t.turn for t in corpus.transcript(SESSION).turns if t.speaker != facilitator]


def code_turns(folder, coder: str, turns) -> None:
    codings = Codings(tuple(Coding(SESSION, n, "PSS_EMOTIONAL", coder) for n in turns))
    write_codings(folder / f"{coder}.codings.json", codings)


@pytest.fixture
def folder(tmp_path):
    check = '"""Self-check (no points): a dict."""\nassert isinstance({}, dict)'
    cell = new_code_cell(check)
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "check", "locked": True,
                                 "points": 0, "schema_version": 3, "solution": False,
                                 "task": False}  # fmt: skip
    nbformat.write(new_notebook(cells=[cell]), tmp_path / "lesson.ipynb")
    return tmp_path


def validate(folder) -> dict:
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("validate_config.py", path=str(REPO / "autograde")).load_config()
    return Validator(config=config).validate(str(folder / "lesson.ipynb"))


@pytest.mark.slow  # a kernel
def test_validate_fails_a_coding_that_stops_halfway_with_how_far_it_came(folder):
    turns = participant_turns()
    code_turns(folder, "jd", turns[:12])
    (failed,) = validate(folder)["failed"]
    assert "check_coding_file('jd.codings.json')" in failed["source"]
    left = len(turns) - 12
    assert failed["raw_error"] == (
        f"✗ Not yet: jd.codings.json (jd, {SESSION}): 12 of {len(turns)} participant turns "
        f"coded — not finished: the last {left} have no code yet."
    )


@pytest.mark.slow
def test_validate_passes_a_coding_done_to_the_end_and_a_folder_without_one(folder):
    assert validate(folder) == {}
    turns = participant_turns()
    code_turns(folder, "jd", sorted({*turns[::2], turns[-1]}))  # gaps are choices, not unfinished
    assert validate(folder) == {}


@pytest.mark.slow
def test_an_unreadable_coding_file_fails_validate_naming_its_place(folder):
    (folder / "jd.codings.json").write_text("{not json", encoding="utf-8")
    (failed,) = validate(folder)["failed"]
    assert "jd.codings.json: line 1" in failed["raw_error"], failed["raw_error"]


def test_progress_is_per_coder_and_session_and_links_are_left_out(tmp_path):
    turns = participant_turns()
    code_turns(tmp_path, "ana", turns)
    code_turns(tmp_path, "ben", turns[:3])
    (tmp_path / "copy.codings.json").symlink_to(tmp_path / "ben.codings.json")
    found = progress_beside(tmp_path)
    assert [(p.file, p.coder, p.finished) for p in found] == [
        ("ana.codings.json", "ana", True),
        ("ben.codings.json", "ben", False),
    ]
    assert str(found[1]).startswith(f"ben.codings.json (ben, {SESSION}): 3 of {len(turns)}")
