"""Lesson 02 under the generic pipeline harness (tests/test_lesson_pipeline.py)."""

import csv

from qualkit.key import key_root

TOTAL_POINTS = 60  # 30 autograded + 30 graded by hand (2.5, 2.6 and the note of 2.7)
AUTO_POINTS = 30
MOVES = ("answer", "agree", "build", "challenge")
TURNS_2_7 = (60, 61, 62, 63, 65, 66)

# A partly right submission: word shares of the participants' words only (the facilitator's
# words left out of the total), the raw sessions handed in unchanged, and in 2.7 one turn
# that builds on another woman's point read as mere agreement.
PARTIAL = {
    "answer_2_1": (
        "_talk = pd.DataFrame(\n"
        "    [(t.speaker, len(t.text.split())) for t in exercise.turns], columns=['speaker', 'words']\n"
        ")\n"
        "answer_2_1 = _talk.groupby('speaker').agg(turns=('words', 'size'), words=('words', 'sum'))\n"
        "_members = answer_2_1.drop(groups[1].facilitator)['words'].sum()\n"
        "answer_2_1['word_share'] = answer_2_1['words'] / _members\n"
    ),
    "answer_2_4": "answer_2_4 = {sid: [t.text for t in raw[sid].turns] for sid in raw}\n",
    "answer_2_7": (
        "answer_2_7 = {60: 'answer', 61: 'agree', 62: 'agree', 63: 'agree', 65: 'answer',\n"
        "              66: 'challenge'}\n"
    ),
}
# 2.7: 5 of 6 moves right, chance 11/36, so kappa = (30/36 - 11/36) / (25/36) = 19/25.
# Form self-checks carry no points: 2.1 turns and words (1 + 1), 2.2 (2), 2.3 (3), 2.4 nothing.
PARTIAL_AUTO = (1 + 1 + 0) + 2 + 3 + 0 + 8 * 19 / 25
PARTIAL_FEEDBACK = (
    "word_share: 0 of",
    "divide each speaker's words by all words in the session",
    "0 of ",
    "identifiers removed",
    "Read the raw turns again",
    "still the raw text",
    "5 of 6 turns have the instructor's move",
    "add her own experience or worry to another woman's point (build)",
)
# Feedback names kinds of identifiers to look for, never the identifiers themselves.
with (key_root() / "identifiers.csv").open(encoding="utf-8", newline="") as _handle:
    NOT_IN_FEEDBACK = tuple(sorted({row["identifier"] for row in csv.DictReader(_handle)}))


def _copier(nb, lesson):
    """Copies what students have instead of de-identifying: for each raw turn, the most similar
    turn of the shipped (de-identified) transcripts."""
    cell = next(c for c in nb.cells if c.get("id") == "answer_2_4")
    cell.source = (
        "_shipped = [t.text for s in corpus.sessions for t in corpus.transcript(s.session_id).turns]\n"
        "_words = [set(x.split()) for x in _shipped]\n"
        "def _nearest(text):\n"
        "    mine = set(text.split())\n"
        "    best = max(range(len(_shipped)), key=lambda i: len(mine & _words[i]) / len(mine | _words[i]))\n"
        "    return _shipped[best]\n"
        "answer_2_4 = {sid: [_nearest(t.text) for t in raw[sid].turns] for sid in raw}\n"
    )


def _constant(move):
    """Gives every turn of 2.7 the same move: no more than a blank may come of it."""

    def edit(nb, lesson):
        cell = next(c for c in nb.cells if c.get("id") == "answer_2_7")
        cell.source = f"answer_2_7 = {dict.fromkeys(TURNS_2_7, move)!r}\n"

    return edit


STUDENTS = {"h-copier": _copier, **{f"h-constant-{m}": _constant(m) for m in MOVES}}
