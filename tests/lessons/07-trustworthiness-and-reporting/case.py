"""Lesson 07 under the generic pipeline harness (tests/test_lesson_pipeline.py)."""

from __future__ import annotations

import re
from dataclasses import replace

TOTAL_POINTS = 50  # 25 autograded + 25 graded by hand (reflexivity, results paragraph)
AUTO_POINTS = 25
MEMO = "Her first words already set the frame: support on her terms."

# Partly right: two techniques mapped wrong; an audit with 6 of 8 omissions and 1 false flag;
# an export that left out the memos and two codings (see files()).
PARTIAL = {
    "answer_7_1": (
        "answer_7_1 = {'t1': 'credibility', 't2': 'dependability', 't3': 'credibility',\n"
        "              't4': 'credibility', 't5': 'credibility', 't6': 'dependability',\n"
        "              't7': 'dependability', 't8': 'confirmability', 't9': 'credibility',\n"
        "              't10': 'confirmability'}\n"
    ),
    "answer_7_2": "answer_7_2 = {5, 7, 8, 20, 22, 23, 27}\n",
}
PARTIAL_FEEDBACK = (
    "8 of 10 techniques mapped right",
    "You found 6 of 8 omitted items and listed 1 that the section reports",
    "analysis and findings (items 24-29): 2 omission(s) not found, 1 reported item(s) listed",
    "codings in your me.codings.json are in the export under your name at their spans",
    "0 of your 2 memos are in the export",
)
NOT_IN_FEEDBACK = ("t2", "t5", "prolonged", "thick description", "28")


def _project():
    """The solution's coding (the team's codes of the interview, each on its turn's first
    sentence, two memos), as the solution cell builds it."""
    import qualkit

    corpus = qualkit.load_corpus()
    interviews = [s for s in corpus.sessions if s.double_coded and s.kind == "interview"]
    session = min(interviews, key=lambda s: (len(corpus.transcript(s.session_id).turns), s.order))
    turns = {t.turn: t for t in corpus.transcript(session.session_id).turns}
    mine = []
    for coding in corpus.codings("team"):
        if coding.session_id != session.session_id:
            continue
        turn = turns[coding.turn]
        stop = re.search(r"[.!?](?=\s|$)", turn.text)
        length = stop.end() if stop else len(turn.text)
        mine.append(replace(coding, coder="me", start=turn.start, end=turn.start + length))
    mine[0] = replace(mine[0], memo=MEMO)
    memo = qualkit.Memo(
        session.session_id, mine[-1].turn, "me", "Compare with the group she sat in."
    )
    return corpus, qualkit.Codings(tuple(mine), (memo,))


def _partial_auto() -> float:
    codings = len(_project()[1].codings)
    exported = 0.5 * int(8 * (codings - 2) / codings)  # two codings left out, no memo
    return (1 + 8 * 0.5) + (1 + (6 - 1)) + (1 + 2 + 1 + exported + 0)


PARTIAL_AUTO = _partial_auto()


def files(student: str) -> dict:
    """The solution hands in its coding file and its export; the partial student the same
    coding file with an export that left out the memos and the last two codings."""
    if student not in ("solution", "partial"):
        return {}
    import qualkit
    from qualkit.codings import format_codings
    from qualkit.refi import qdpx_bytes

    corpus, project = _project()
    exported = project
    if student == "partial":
        exported = qualkit.Codings(tuple(replace(c, memo="") for c in project.codings[:-2]))
    return {
        "me.codings.json": format_codings(project),
        "my_project.qdpx": qdpx_bytes(corpus, exported, title="My coding of the interview"),
    }
