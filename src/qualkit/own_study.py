"""Her own study, carried through the course: the coding she handed in for lesson 03, brought
into a later lesson.

nbgrader fetches each lesson into its own folder, side by side in her home folder, and collects
each into ``submitted/<student>/<lesson>/`` the same way. So a later lesson finds her lesson-03
coding at ``../03-codebook-and-coding/`` both in her kernel and in the trusted grading step.

:func:`bring_coding` (in her notebook) copies that file into the lesson's folder, so that it is
handed in with the lesson and the grading kernel, which sees only this lesson's folder, has what
she worked on. :func:`carried_coding` (in a hidden test, run in the trusted grading step) reads
the copy and checks it against the lesson-03 coding she handed in: a copy that is not hers scores
as no coding at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qualkit.codings import Codings, read_codings, write_codings
from qualkit.codings.file_format import format_codings
from qualkit.errors import StudentError

__all__ = ["CODING_LESSON", "CarriedCoding", "bring_coding", "carried_coding", "find_coding"]

CODING_LESSON = "03-codebook-and-coding"
SUFFIX = ".codings.json"
# The instructor's sources write their solution's coding under this name (never released nor
# collected: nbgrader_config.py ignores it): a student's own file is preferred to it, and it is
# used only where it is the one coding there (an instructor running lesson 08's source).
NOT_HERS = {"solution.codings.json"}


@dataclass(frozen=True)
class CarriedCoding:
    """Her coding of her practice group, as a later lesson works on it."""

    coder: str
    session_id: str
    codings: Codings  # her codings of that session only
    path: Path  # the copy in this lesson's folder
    verified: bool  # the copy equals the lesson-03 file she handed in


def find_coding(folder: str | Path) -> Path:
    """The one coding file in ``folder`` (``<coder>.codings.json``), or a message saying what to do.

    >>> find_coding("/nowhere")
    Traceback (most recent call last):
    qualkit.errors.StudentError: No coding file in /nowhere: ...
    """
    folder = Path(folder)
    every = sorted(folder.glob(f"*{SUFFIX}"))
    found = [p for p in every if p.name not in NOT_HERS] or every
    if not found:
        raise StudentError(
            f"No coding file in {folder}: code your practice group in lesson 03 "
            f"({CODING_LESSON}) first; the tool saves it there as <your initials>{SUFFIX}."
        )
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise StudentError(
            f"{folder} holds {len(found)} coding files ({names}): keep only yours, the one "
            f"named with the initials you gave in answer_3_2, and run this cell again."
        )
    return found[0]


def _read(path: Path) -> tuple[str, str, Codings]:
    codings = read_codings(path)
    coders = codings.coders
    sessions = sorted({c.session_id for c in codings})
    if len(coders) != 1 or len(sessions) != 1:
        raise StudentError(
            f"{path}: expected one coder coding one practice group, found coders "
            f"{list(coders)} and sessions {sessions}."
        )
    return coders[0], sessions[0], codings


def _same(a: Path, b: Path) -> bool:
    # Compared as read (the coding tool's journal replayed), not byte for byte: the copy holds
    # the replayed codings, written out again.
    return format_codings(read_codings(a)) == format_codings(read_codings(b))


def bring_coding(here: str | Path = ".", lesson: str = CODING_LESSON) -> CarriedCoding:
    """Copy her lesson-03 coding into this lesson's folder (``here``) and read it.

    Run again after she changes her lesson-03 coding, it copies the new one (the old copy is
    kept beside it as ``.previous``). Without the lesson-03 folder (the lesson was fetched
    elsewhere, or this is the grading kernel) the copy already here is used.
    """
    here = Path(here)
    source_folder = here.resolve().parent / lesson
    if source_folder.is_dir() and any(source_folder.glob(f"*{SUFFIX}")):
        source = find_coding(source_folder)
        copy = here / source.name
        if copy.exists() and not _same(source, copy):
            copy.replace(copy.with_name(copy.name + ".previous"))
        if not copy.exists():
            write_codings(copy, read_codings(source))
    else:
        try:
            copy = find_coding(here)
        except StudentError:
            raise StudentError(
                f"Your lesson-03 coding was not found: this lesson works on the coding of your "
                f"practice group that you made in lesson 03, from the folder {source_folder}. "
                f"Code your group there (lesson 03, Exercise 3.2), then run this cell again. "
                f"If you cannot, ask your instructor for the fallback in the guide."
            ) from None
    coder, session_id, codings = _read(copy)
    return CarriedCoding(coder, session_id, codings, copy, verified=False)


def carried_coding(here: str | Path = ".", lesson: str = CODING_LESSON) -> CarriedCoding | None:
    """For a hidden test in the trusted grading step (run in ``submitted/<student>/<lesson>/``):
    her coding as handed in with this lesson, or ``None`` when there is none or it is not the
    lesson-03 coding she handed in (a classmate's file, a shipped coding, one edited since).

    When lesson 03 was not collected, the copy is used unverified (``verified=False``); a test
    may then give less, and says so.
    """
    here = Path(here)
    try:
        copy = find_coding(here)
        coder, session_id, codings = _read(copy)
    except (StudentError, ValueError):
        return None
    original_folder = here.resolve().parent / lesson
    verified = False
    if original_folder.is_dir():
        try:
            original = find_coding(original_folder)
        except StudentError:
            return None
        if not _same(original, copy):
            return None
        verified = True
    return CarriedCoding(coder, session_id, codings, copy, verified)
