"""Lesson 03 under the generic pipeline harness (tests/test_lesson_pipeline.py).

Coding accuracy is graded from the coding file a student submits beside the notebook, so this
case also says which files each student hands in (``files``) and adds students of its own who
attack that file (``STUDENTS``).
"""

from dataclasses import replace

from qualkit.codings import Codings, format_codings
from qualkit.corpus import load_corpus
from qualkit.key import key_root, load_key

TOTAL_POINTS = 50  # 30 autograded + 20 graded by hand (the new code's rationale, the memo)
AUTO_POINTS = 30

_corpus = load_corpus()
_practice = min((s for s in _corpus.sessions if s.split == "practice"), key=lambda s: s.order)
SESSION = _practice.session_id
_book = _corpus.codebook.names
_key = [c for c in load_key().codings if c.session_id == SESSION and c.code in _book]
_key_codes = sorted({c.code for c in _key})
MISSED = _key_codes[0]  # the partly right coder never applies it
EXTRA = next(code for code in _book if code not in _key_codes)  # ... and applies this one wrongly
_extra_turns = sorted({c.turn for c in _key})[:4]


def coding_file(coder: str, codings) -> str:
    return format_codings(Codings(tuple(replace(c, coder=coder) for c in codings)))


def perfect(coder: str) -> str:
    return coding_file(coder, _key)


def files(student: str) -> dict:
    """Files handed in beside the notebook: text, or a Path for a symbolic link to it."""
    if student == "solution":
        return {"solution.codings.json": perfect("solution")}
    if student == "partial":
        wrong = [replace(_key[0], code=EXTRA, turn=t, start=None, end=None) for t in _extra_turns]
        return {"pt.codings.json": coding_file("pt", [c for c in _key if c.code != MISSED] + wrong)}
    if student == "h-linker":
        return {"key.codings.json": (key_root() / "key.json").resolve()}
    return {}


PARTIAL = {
    "answer_3_1": (
        "answer_3_1 = {\n"
        "    'label': corpus.codebook.codes[0].label,  # already in the codebook\n"
        "    'category': 'cross_cutting',\n"
        "    'brief': 'Getting to appointments and services as a barrier or a help.',\n"
        "    'full': 'The participant describes how she gets, or fails to get, to treatment, '\n"
        "            'prenatal, court or program appointments: rides, buses, gas money, distance.',\n"
        "    'when_to_use': 'She names transport, distance or a ride as shaping attendance.',\n"
        "    'when_not_to_use': 'Not for visits that come to her home (HV_CONVENIENCE).',\n"
        "    'example': next(t.text for t in corpus.transcript(study_groups[0].session_id).turns\n"
        "                    if t.speaker != study_groups[0].facilitator),\n"
        "}\n"
    ),
    "answer_3_2": f"answer_3_2 = {{'coder': 'pt', 'session': {SESSION!r}}}\n",
}
_n = len(_key_codes)
PARTIAL_AUTO = (1 + 3) + (1 + 14 * (_n - 1) / (_n + 1)) + (1 + 4) + (1 + 4)
PARTIAL_FEEDBACK = (
    "label: this label is already in the codebook",
    f"{_n - 1} of {_n + 1} codes at full credit",
    f"{MISSED}: under-applied",
    f"{EXTRA}: over-applied",
)
# Messages name codes to revisit, never the turns that carry them.
NOT_IN_FEEDBACK = tuple(f"turn {c.turn}" for c in _key if c.code == MISSED)


def _rewriter(nb, lesson):
    """Hands in no coding file; at grading time its kernel writes a perfect one where the
    grading kernel runs, hoping the grader reads that copy."""
    cell = next(c for c in nb.cells if c.get("id") == "answer_3_2")
    cell.source = (
        f"answer_3_2 = {{'coder': 'rw', 'session': {SESSION!r}}}\n"
        f"open('rw.codings.json', 'w', encoding='utf-8').write({perfect('rw')!r})\n"
    )


def _linker(nb, lesson):
    """Hands in a symbolic link named like a coding file that points at the key."""
    cell = next(c for c in nb.cells if c.get("id") == "answer_3_2")
    cell.source = f"answer_3_2 = {{'coder': 'key', 'session': {SESSION!r}}}\n"


STUDENTS = {"h-rewriter": _rewriter, "h-linker": _linker}
