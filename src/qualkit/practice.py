"""My practice group: a student's own practice sessions laid over the course's corpus.

When a course turns practice groups on, each student codes a practice focus group of her own
per model, made from the course secret and her id on the instructor's side and published as
text (no codes) in a folder students read: ``$QUALKIT_PRACTICE_GROUPS/<student id>/``. Off by
default: without that variable everyone has the corpus's shared practice groups.

``load_corpus()`` (the default corpus) then holds *her* practice sessions in place of the
shared ones, under the same session ids, so a lesson, the coding tool and the tests need no
change and the release is one notebook for everyone. Who she is: ``$QUALKIT_STUDENT`` (set by
the grader for the submission it grades), else ``$JUPYTERHUB_USER`` (her server on a hub).
The grader's trusted step names the student and a folder it regenerated itself
(:func:`use_group`), never a folder a student could write.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from qualkit.corpus_tables import check_turns_table, read_participants, read_sessions, read_turns
from qualkit.errors import InputError
from qualkit.transcripts import read_transcript

__all__ = [
    "GROUPS_ENV",
    "STUDENT_ENV",
    "PracticeGroup",
    "check_student_id",
    "current_group",
    "group_folder",
    "use_group",
    "with_practice",
]

GROUPS_ENV = "QUALKIT_PRACTICE_GROUPS"
STUDENT_ENV = "QUALKIT_STUDENT"
FILES = ("sessions.csv", "participants.csv", "turns.csv")
_STUDENT_ID = re.compile(r"[A-Za-z0-9_@+-][A-Za-z0-9._@+-]{0,63}")


@dataclass(frozen=True)
class PracticeGroup:
    """Whose practice group is in use, the folder it is read from, and (in the grader's
    trusted step only) its key, which the grader regenerated with the folder."""

    student: str
    folder: Path
    key: object = field(default=None, compare=False, repr=False)  # qualkit.codings.Codings


_GRADING: ContextVar[PracticeGroup | None] = ContextVar("qualkit_practice_group", default=None)


def check_student_id(student: str) -> str:
    """A student id usable as a folder name (nbgrader's and hub user names are).

    >>> check_student_id("qk-ana")
    'qk-ana'
    >>> check_student_id("../key")
    Traceback (most recent call last):
    ValueError: '../key' is not a student id: letters, digits, . _ @ + - (not first .), 64 at most
    """
    if not isinstance(student, str) or not _STUDENT_ID.fullmatch(student):
        raise ValueError(
            f"{student!r} is not a student id: letters, digits, . _ @ + - (not first .), 64 at most"
        )
    return student


def group_folder(root: str | os.PathLike, student: str) -> Path:
    """Where a student's published group lives under the shared folder."""
    return Path(root) / check_student_id(student)


@contextlib.contextmanager
def use_group(student: str, folder: str | os.PathLike, key=None) -> Iterator[PracticeGroup]:
    """In the grader's process: load ``student``'s group from ``folder`` (one it made itself),
    and, when given, her group's ``key`` (regenerated with it: ``load_key`` need not make the
    group a second time for every test that reads the key)."""
    group = PracticeGroup(check_student_id(student), Path(folder), key)
    token = _GRADING.set(group)
    try:
        yield group
    finally:
        _GRADING.reset(token)


def current_group() -> PracticeGroup | None:
    """The practice group in use: the grader's, else the published one of this student, else
    None (practice groups off: the shared ones)."""
    grading = _GRADING.get()
    if grading is not None:
        return grading
    root = os.environ.get(GROUPS_ENV)
    if not root:
        return None
    if os.environ.get("NBGRADER_EXECUTION"):
        # A kernel nbgrader runs: at autograde the grader hands it her group, regenerated
        # (autograde/grading_kernels.py), since her answers are computed on its transcripts;
        # without one (practice groups off) it has the shared groups, as the grader's tests do.
        student = os.environ.get(STUDENT_ENV, "")
        folder = Path(root) / student
        found = _STUDENT_ID.fullmatch(student) and (folder / "sessions.csv").is_file()
        return PracticeGroup(student, folder) if found else None
    student = os.environ.get(STUDENT_ENV) or os.environ.get("JUPYTERHUB_USER")
    if not student:
        raise LookupError(
            f"This course gives each student her own practice group ({GROUPS_ENV} is set), "
            f"but qualkit does not know who you are: set {STUDENT_ENV} to your user name."
        )
    folder = group_folder(root, student)
    if not (folder / "sessions.csv").is_file():
        if os.environ.get("QUALKIT_PRACTICE_SECRET_FILE"):
            return None  # the instructor's side (a grader has no group): the shared groups
        raise FileNotFoundError(
            f"No practice group for {student!r} in {root}: ask your instructor to publish the "
            "practice groups (make practice-groups) before you code."
        )
    return PracticeGroup(student, folder)


def _fingerprint(folder: Path) -> tuple:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return tuple(
        (str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns) for p in files
    )


def with_practice(corpus, group: PracticeGroup):
    """``corpus`` with its practice sessions replaced by ``group``'s (validated, cached)."""
    folder = group.folder.resolve()
    # The corpus itself is cached by load_corpus: the same object while its files stand.
    key = (id(corpus), folder, _fingerprint(folder), group.student)
    if key not in _CACHE:
        if len(_CACHE) >= 4:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = (corpus, _overlay(corpus, folder, group.student))
    return _CACHE[key][1]


_CACHE: dict[tuple, tuple] = {}


def _overlay(corpus, folder: Path, student: str):
    for name in FILES:
        if not (folder / name).is_file():
            raise InputError(folder / name, "file", f"the practice group of {student}", "missing")
    sessions = read_sessions(folder / "sessions.csv")
    participants = read_participants(folder / "participants.csv")
    shared = {s.session_id for s in corpus.sessions if s.split == "practice"}
    study = [s for s in corpus.sessions if s.split == "study"]
    for line, session in enumerate(sessions, 2):
        if session.split != "practice" or session.session_id not in shared:
            where = f"line {line} column 'session_id'"
            expected = "a practice session of the course: " + ", ".join(sorted(shared))
            raise InputError(folder / "sessions.csv", where, expected, session.session_id)
    in_study = {pid for s in study for pid in s.participant_ids}
    pseudonyms = {p.participant_id: p.pseudonym for p in participants}
    for line, participant in enumerate(participants, 2):
        if participant.participant_id in in_study:
            where = f"line {line} column 'participant_id'"
            raise InputError(folder / "participants.csv", where, "an id no study session uses",
                             participant.participant_id)  # fmt: skip
    transcripts = {sid: t for sid, t in corpus._transcripts.items() if sid not in shared}
    for line, session in enumerate(sessions, 2):
        unknown = [pid for pid in session.participant_ids if pid not in pseudonyms]
        if unknown:
            where = f"line {line} column 'participant_ids'"
            raise InputError(folder / "sessions.csv", where, "participants of participants.csv",
                             unknown[0])  # fmt: skip
        speakers = {session.facilitator, *(pseudonyms[p] for p in session.participant_ids)}
        path = folder / "transcripts" / f"{session.session_id}.txt"
        if not path.is_file():
            raise InputError(path, "file", f"the transcript of {session.session_id}", "missing")
        transcripts[session.session_id] = read_transcript(path, session.session_id, speakers)
    check_turns_table(folder / "turns.csv", read_turns(folder / "turns.csv"), transcripts)
    kept = [p for p in corpus.participants if p.participant_id in in_study]
    return replace(
        corpus,
        sessions=(*study, *sessions),
        participants=(*kept, *participants),
        _transcripts=MappingProxyType(transcripts),
        practice_of=student,
    )
