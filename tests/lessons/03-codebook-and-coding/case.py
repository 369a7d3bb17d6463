"""Lesson 03 under the generic pipeline harness (tests/test_lesson_pipeline.py).

Coding accuracy is graded from the coding file a student submits beside the notebook, so this
case also says which files each student hands in (``files``) and adds students of its own who
attack that file (``STUDENTS``).
"""

from dataclasses import replace

from qualkit.codings import Codings, format_codings
from qualkit.corpus import load_corpus
from qualkit.key import key_root, load_key

TOTAL_POINTS = 50  # 21.5 autograded + 28.5 by hand (the new code and its rationale, alt text, memo)
AUTO_POINTS = 21.5  # coding accuracy 17.5 (file check 0); frequencies 4 (form 0)

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


# Her coder name is read, not typed: MY_NAME finds the coding file she handed in (pt's).
PARTIAL = {
    "answer_3_2": "answer_3_2 = {'coder': MY_NAME, 'session': PRACTICE_GROUPS[0]}\n",
}
_n = len(_key_codes)
PARTIAL_AUTO = 17.5 * (_n - 1) / (_n + 1) + 4
PARTIAL_FEEDBACK = (
    f"{_n - 1} of {_n + 1} codes at full credit",
    f"{MISSED}: under-applied",
    f"{EXTRA}: over-applied",
    # Once graded, the feedback shows the key's coding of her group: lesson 04's second coder.
    f"coding of {SESSION}, turn by turn",
)
# The worked example (coded segments) copied as the answer of 3.3 earns nothing.
LAZY_EXAMPLE = {
    "answer_3_3": "answer_3_3 = qualkit.code_frequencies(corpus, team, by='model', measure='segments')\n"
}


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
