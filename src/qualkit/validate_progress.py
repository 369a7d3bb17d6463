"""The Validate button says how far she has coded: "12 of 55 participant turns coded — not
finished", never "Success!" while her coding stops halfway.

nbgrader's Validator executes a copy of the notebook and reports the graded cells that failed;
its dialog shows each one's source and error. Its list of steps is not configurable, but the
execution's start hook is: the student configuration (autograde/validate_config.py) makes it
:func:`add_progress_checks`, which adds one check per coding file beside the notebook that is
not coded to the end. The check fails with her progress as its one-line message ("jd.codings.json
(jd, PSS-P1): 12 of 55 participant turns coded — not finished: …"); an unreadable coding file
fails naming its place. A finished coding adds nothing. Nothing is written: the notebook
validated is a copy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from nbformat.v4 import new_code_cell

from qualkit.codings import read_codings
from qualkit.corpus import Corpus, load_corpus
from qualkit.errors import InputError, StudentError
from qualkit.progress import CodingProgress, coding_progress

__all__ = ["FileProgress", "add_progress_checks", "check_coding_file", "progress_beside"]


@dataclass(frozen=True)
class FileProgress:
    """One coder's progress through one session, as a coding file beside the notebook holds it;
    or, when the file cannot be read, ``problem`` (its error, naming the place)."""

    file: str
    coder: str = ""
    progress: CodingProgress | None = None
    problem: str = ""

    @property
    def finished(self) -> bool:
        return self.progress is not None and self.progress.finished

    def __str__(self) -> str:
        if self.problem:
            return self.problem
        return f"{self.file} ({self.coder}, {self.progress.session_id}): {self.progress}"


def progress_beside(folder: str | Path, corpus: Corpus | None = None) -> list[FileProgress]:
    """Progress of every coder through every session she has begun, for each coding file in
    ``folder`` (symbolic links and journals left out), sorted by file, coder and session."""
    corpus = corpus or load_corpus()
    sessions = {s.session_id: s for s in corpus.sessions}
    found = []
    for path in sorted(Path(folder).glob("*.codings.json")):
        if path.is_symlink() or not path.is_file():
            continue
        try:
            codings = read_codings(path, corpus.codebook, corpus.transcripts())
        except InputError as error:
            found.append(FileProgress(path.name, problem=str(error)))
            continue
        begun = sorted({(c.coder, c.session_id) for c in codings if c.session_id in sessions})
        for coder, session_id in begun:
            mine = [c for c in codings if c.coder == coder]
            transcript = corpus.transcript(session_id)
            progress = coding_progress(mine, transcript, sessions[session_id].facilitator)
            found.append(FileProgress(path.name, coder, progress))
    return found


def check_coding_file(name: str, folder: str | Path = ".") -> None:
    """Raise, in words for her, when coding file ``name`` in ``folder`` is not finished or
    cannot be read; return quietly when every coding in it is coded to the end."""
    items = [item for item in progress_beside(folder) if item.file == name]
    left = [item for item in items if not item.finished]
    if left:
        raise StudentError("\n".join(f"✗ Not yet: {item}" for item in left))


def _check_cell(name: str, index: int):
    """A graded check worth no points that runs :func:`check_coding_file`: nbgrader's
    Validator lists the graded cells that failed, with their source and error."""
    cell = new_code_cell(
        f"# Validate checks how far your coding in the coding tool has come ({name}).\n"
        f"from qualkit.validate_progress import check_coding_file\n\n"
        f"check_coding_file({name!r})"
    )
    cell.metadata["nbgrader"] = {
        "grade": True,
        "grade_id": f"coding_progress_{index}",
        "locked": False,
        "points": 0,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }
    return cell


def add_progress_checks(notebook, **_) -> None:
    """nbclient's ``on_notebook_start`` hook (autograde/validate_config.py): while nbgrader
    validates (never while it grades), one check is added at the end of the notebook's copy
    for each coding file beside it that is not finished; the Validator runs it with the rest.
    The Validator works in the notebook's folder."""
    if os.environ.get("NBGRADER_EXECUTION") != "validate":
        return
    items = progress_beside(Path.cwd())
    for item in items:
        if item.finished:
            print(f"Validate: {item}")
    names = sorted({item.file for item in items if not item.finished})
    for index, name in enumerate(names):
        notebook.cells.append(_check_cell(name, index))
