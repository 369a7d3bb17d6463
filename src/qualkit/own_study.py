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
from qualkit.corpus import Corpus, load_corpus
from qualkit.errors import StudentError
from qualkit.quoting import Quote, quote  # her exemplars: chosen from the turns she coded

__all__ = [
    "CODING_LESSON",
    "CarriedCoding",
    "Quote",
    "bring_coding",
    "carried_coding",
    "find_coding",
    "her_turns",
    "not_made_for",
    "quote",
]

CODING_LESSON = "03-codebook-and-coding"
SUFFIX = ".codings.json"
INSTRUCTOR = "solution.codings.json"  # the instructor's source keeps its solution's file
NOT_HERS = {INSTRUCTOR}


@dataclass(frozen=True)
class CarriedCoding:
    """Her coding of her practice group, as a later lesson works on it."""

    coder: str
    session_id: str
    codings: Codings  # her codings of that session only
    path: Path  # the copy in this lesson's folder
    verified: bool  # the copy equals the lesson-03 file she handed in
    # Why it was not made on her practice group's transcripts ("" when it could have been):
    # a classmate's file, made for another group, names turns and words hers does not have.
    foreign: str = ""


def find_coding(folder: str | Path, *, instructor: bool = False) -> Path:
    """The one coding file in ``folder`` (``<coder>.codings.json``), or a message saying what to do.
    With ``instructor``, the instructor's ``solution.codings.json`` counts when it is the only
    one (an instructor running the lesson sources side by side; a student never has it: the
    course neither releases nor collects it).

    >>> find_coding("/nowhere")
    Traceback (most recent call last):
    qualkit.errors.StudentError: No coding file in /nowhere: ...
    """
    folder = Path(folder)
    found = sorted(p for p in folder.glob(f"*{SUFFIX}") if p.name not in NOT_HERS)
    if not found and instructor and (folder / INSTRUCTOR).is_file():
        found = [folder / INSTRUCTOR]
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


def _codings_in(folder: Path, instructor: bool = False) -> bool:
    # A grading sandbox may not let the kernel look beside its folder at all: the copy here
    # is then what counts.
    try:
        return any(p.name not in NOT_HERS or instructor for p in folder.glob(f"*{SUFFIX}"))
    except OSError:
        return False


def _copy(source: Path, here: Path) -> Path:
    copy = here / source.name
    if copy.exists() and not _same(source, copy):
        copy.replace(copy.with_name(copy.name + ".previous"))
    if not copy.exists():
        write_codings(copy, read_codings(source))
    return copy


def bring_coding(here: str | Path = ".", lesson: str = CODING_LESSON) -> CarriedCoding:
    """Copy her lesson-03 coding into this lesson's folder (``here``) and read it.

    Run again after she changes her lesson-03 coding, it copies the new one (the old copy is
    kept beside it as ``.previous``). Without the lesson-03 folder (the lesson was fetched
    elsewhere, or this is the grading kernel) the copy already here is used. Only where there
    is neither does lesson 03's solution file count (an instructor running the sources).
    """
    here = Path(here)
    source_folder = here.resolve().parent / lesson
    if _codings_in(source_folder):
        copy = _copy(find_coding(source_folder), here)
    elif _codings_in(here, instructor=True):
        copy = find_coding(here, instructor=True)
    elif _codings_in(source_folder, instructor=True):
        copy = _copy(find_coding(source_folder, instructor=True), here)
    else:
        raise StudentError(
            f"Your lesson-03 coding was not found: this lesson works on the coding of your "
            f"practice group that you made in lesson 03, from the folder {source_folder}. "
            f"Code your group there (lesson 03, Exercise 3.2), then run this cell again. "
            f"If you cannot, ask your instructor for the fallback in the guide."
        )
    coder, session_id, codings = _read(copy)
    return CarriedCoding(coder, session_id, codings, copy, verified=False)


def _named(folder: Path, coder: str | None, instructor: bool = False) -> Path:
    if coder is None:
        return find_coding(folder, instructor=instructor)
    path = folder / f"{coder}{SUFFIX}"
    if not path.is_file() or path.is_symlink():
        raise StudentError(f"No coding file {path.name} in {folder}.")
    return path


def carried_coding(
    here: str | Path = ".",
    lesson: str = CODING_LESSON,
    coder: str | None = None,
    *,
    instructor: bool = False,
    corpus: Corpus | None = None,
) -> CarriedCoding | None:
    """For a hidden test in the trusted grading step (run in ``submitted/<student>/<lesson>/``):
    her coding as handed in with this lesson, or ``None`` when there is none or it is not the
    lesson-03 coding she handed in (a classmate's file, a shipped coding, one edited since).
    With ``coder``, the file ``<coder>.codings.json`` in both folders (a lesson that knows whose
    coding it needs, from the chart she charted on it), whatever other coding files lie there.

    When lesson 03 was not collected, the copy is used unverified (``verified=False``); a test
    may then give less, and says so. With ``instructor``, the instructor's
    ``solution.codings.json`` counts where it is the only coding (the source validated with its
    solution, lessons side by side); it is verified like any other, and gives a student nothing
    a coding under another name would not.

    ``foreign`` says why the coding was not made on the transcripts of ``corpus`` (default
    ``load_corpus()``: her own practice group in the trusted step), see :func:`not_made_for`.
    """
    here, wanted = Path(here), coder
    try:
        copy = _named(here, wanted, instructor)
        coder, session_id, codings = _read(copy)
    except (StudentError, ValueError, OSError):
        return None
    original_folder = here.resolve().parent / lesson
    verified = False
    if original_folder.is_dir():
        try:
            original = _named(original_folder, wanted, instructor)
            same = _same(original, copy)
        except (StudentError, ValueError, OSError):
            return None
        if not same:
            return None
        verified = True
    foreign = not_made_for(codings, corpus or load_corpus())
    return CarriedCoding(coder, session_id, codings, copy, verified, foreign)


def not_made_for(codings: Codings, corpus: Corpus) -> str:
    """Why ``codings`` cannot have been made on the transcripts of ``corpus`` (her practice
    group, in the trusted step), or "" when they can.

    Each student's group has its own transcripts under the course's session ids: exchanges are
    shared between groups (in other places, cast onto other women), so a single turn says
    little, but the coding tool only ever saves what she saw. A coding of a turn her session
    does not have, or of words (a span) that do not lie inside that turn of her transcript, was
    made on another transcript: another student's group.
    """
    wrong, first = 0, ""
    for entry in (*codings.codings, *codings.memos):
        try:
            transcript = corpus.transcript(entry.session_id)
        except (KeyError, ValueError):
            wrong, first = wrong + 1, first or f"session {entry.session_id} is not in the course"
            continue
        if entry.turn > len(transcript.turns):
            wrong += 1
            first = first or (f"turn {entry.turn} is coded, but your {entry.session_id} has "
                              f"{len(transcript.turns)} turns")  # fmt: skip
            continue
        turn = transcript.turns[entry.turn - 1]
        if entry.start is not None and not turn.start <= entry.start < entry.end <= turn.end:
            wrong += 1
            first = first or (f"characters {entry.start}-{entry.end} are marked in turn "
                              f"{entry.turn}, which in your {entry.session_id} spans "
                              f"{turn.start}-{turn.end}")  # fmt: skip
    if not wrong:
        return ""
    return (
        f"Your coding file was not made on your practice group's transcripts: {wrong} of its "
        f"codings and memos name turns or words your group does not have ({first}). It was "
        f"made for another student's group, so what this lesson builds on it earns nothing. "
        f"If you coded your own group in lesson 03, tell your instructor."
    )


def her_turns(carried: CarriedCoding | None, codes=None, corpus: Corpus | None = None):
    """The turns she coded (with ``codes``: only those she coded with one of them), one row per
    turn: session, turn, speaker, her codes there and the start of its text. A pandas table to
    choose exemplar quotes from.
    """
    import pandas as pd

    if carried is None:
        raise StudentError(
            "Your lesson-03 coding is not here yet: run the cell near the top that brings it "
            "(qualkit.bring_coding()) and read what it says."
        )
    corpus = corpus or load_corpus()
    wanted = None if codes is None else set([codes] if isinstance(codes, str) else codes)
    at: dict[tuple[str, int], set[str]] = {}
    for coding in carried.codings:
        at.setdefault((coding.session_id, coding.turn), set()).add(coding.code)
    rows = []
    for (session_id, turn), here in sorted(at.items()):
        if wanted is not None and not here & wanted:
            continue
        found = corpus.transcript(session_id).turns[turn - 1]
        start = found.text if len(found.text) <= 70 else found.text[:69] + "…"
        rows.append((session_id, turn, found.speaker, ", ".join(sorted(here)), start))
    return pd.DataFrame(rows, columns=["session", "turn", "speaker", "her codes", "text"])
