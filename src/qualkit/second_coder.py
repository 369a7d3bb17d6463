"""The second coder of her own study (lesson 04): the key's coding of her practice group, shown
to her in lesson 03's feedback once lesson 03 is graded.

Why the key, and why then. Her lesson-03 coding is compared with a careful reader's coding of
the same group, so that her disagreements are boundary cases worth reconciling against the
codebook. The key is the one coding of her group that exists in every course (a classmate's
exists only where a course pairs students, and is as likely wrong as hers). It must not reach
her before lesson 03 is graded, so it travels the one way nbgrader carries a student's own
results back to her: the feedback of lesson 03, released after her written answers are graded.
Lesson 03's hidden accuracy test (run in the trusted grading step) prints it with
:func:`feedback_lines`; nothing in a release or in her kernel can read the key itself.

In lesson 04, :func:`bring_second_coding` reads it from the fetched feedback
(``../03-codebook-and-coding/feedback/<time>/03-codebook-and-coding.html``) and keeps a copy
beside the notebook (``second-coder.json``, a coding file), handed in with the lesson. Her
grades in lesson 04 never rest on that copy: the hidden tests take the key of her group again.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from qualkit.codings import Coding, Codings, read_codings, write_codings
from qualkit.errors import StudentError
from qualkit.own_study import CODING_LESSON

__all__ = [
    "CODER",
    "SECOND_FILE",
    "SecondCoding",
    "bring_second_coding",
    "feedback_lines",
    "read_feedback",
]

CODER = "key"
SECOND_FILE = "second-coder.json"
HEADING = "The key's coding of {session}, turn by turn (lesson 04 compares yours with it):"
_HEADING = re.compile(r"The key's coding of (\S+), turn by turn")
_LINE = re.compile(r"^\s*turn (\d+): ([A-Z0-9_, ]+)\s*$")


@dataclass(frozen=True)
class SecondCoding:
    """The second coder's coding of her practice group (coder ``"key"``)."""

    session_id: str
    codings: Codings
    path: Path  # the copy beside this lesson's notebook


def feedback_lines(codings: Iterable[Coding], session_id: str) -> list[str]:
    """What lesson 03's feedback shows: one line per turn that carries a code.

    >>> print("\\n".join(feedback_lines([Coding("S1", 4, "B", "k"), Coding("S1", 4, "A", "k"),
    ...                                  Coding("S1", 2, "C", "k")], "S1")))
    The key's coding of S1, turn by turn (lesson 04 compares yours with it):
      turn 2: C
      turn 4: A, B
      (turns not listed carry no code)
    """
    by_turn: dict[int, set[str]] = {}
    for c in codings:
        if c.session_id == session_id:
            by_turn.setdefault(c.turn, set()).add(c.code)
    return [
        HEADING.format(session=session_id),
        *(f"  turn {t}: {', '.join(sorted(by_turn[t]))}" for t in sorted(by_turn)),
        "  (turns not listed carry no code)",
    ]


def read_feedback(text: str, source: str = "feedback") -> tuple[str, Codings]:
    """The session and the key's codings from lesson 03's feedback (HTML or plain text).

    >>> session, codings = read_feedback("\\n".join(feedback_lines([Coding("S1", 2, "C", "k")], "S1")))
    >>> session, [(c.turn, c.code, c.coder) for c in codings]
    ('S1', [(2, 'C', 'key')])
    """
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    lines = plain.splitlines()
    start = next((i for i, line in enumerate(lines) if _HEADING.search(line)), None)
    if start is None:
        raise StudentError(
            f"{source} does not show the key's coding of your practice group: it appears in "
            f"lesson 03's feedback once lesson 03 is graded."
        )
    session = _HEADING.search(lines[start]).group(1)
    found = []
    for line in lines[start + 1 :]:
        match = _LINE.match(line)
        if not match:
            break
        turn = int(match.group(1))
        found += [Coding(session, turn, code.strip(), CODER) for code in match.group(2).split(",")]
    return session, Codings(tuple(found))


def bring_second_coding(here: str | Path = ".", lesson: str = CODING_LESSON) -> SecondCoding:
    """Read the key's coding of her group from lesson 03's feedback into ``here``.

    Without fetched feedback (not released yet, or this is the grading kernel) the copy already
    here is used; without either she is told what to do.
    """
    here = Path(here)
    copy = here / SECOND_FILE
    pages = sorted((here.resolve().parent / lesson / "feedback").glob(f"*/{lesson}.html"))
    if pages:
        session, codings = read_feedback(pages[-1].read_text(encoding="utf-8"), str(pages[-1]))
        write_codings(copy, codings)
        return SecondCoding(session, codings, copy)
    if copy.is_file():
        codings = read_codings(copy)
        sessions = sorted({c.session_id for c in codings})
        if len(sessions) == 1:
            return SecondCoding(sessions[0], codings, copy)
    raise StudentError(
        f"The second coding of your practice group was not found. It comes with lesson 03's "
        f"feedback once your instructor has graded lesson 03: in Assignments, fetch the "
        f"feedback of {lesson}, then run this cell again. Until then the cells below work on "
        f"the study's two coders (ana and ben), so that you can practice every step."
    )
