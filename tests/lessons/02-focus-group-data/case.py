"""Lesson 02 under the generic pipeline harness (tests/test_lesson_pipeline.py)."""

import csv

from qualkit.key import key_root

TOTAL_POINTS = 40  # 25 autograded + 15 graded by hand (the note on group dynamics)
AUTO_POINTS = 25

# A partly right submission: word shares of the participants' words only (the facilitator's
# words left out of the total), and the raw sessions handed in unchanged.
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
}
PARTIAL_AUTO = (1 + 2 + 2 + 0) + (1 + 3) + (1 + 4) + (0 + 0)  # raw text fails the form check too
PARTIAL_FEEDBACK = (
    "word_share: 0 of",
    "divide each speaker's words by all words in the session",
    "0 of ",
    "identifiers removed",
    "Read the raw turns again",
    "still the raw text",
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


STUDENTS = {"h-copier": _copier}
