"""Every lesson that shows the women's talk warns of what it touches, at the top, and says
what a student can do.

The corpus's talk touches child welfare and the fear of a baby's removal in nearly every
session, and overdose, partner violence and trauma in several; a lesson that prints or hands a
student turns of it (a transcript, a retrieval, the coding tool) carries a content note in its
header or the cell right after it.
"""

from __future__ import annotations

import re

import nbformat
import pytest

import qualkit

from conftest import LESSONS, REPO

# Code that puts turns of talk in front of a student.
SHOWS_TALK = re.compile(
    r"\.transcript\(|read_transcript\(|code_transcript\(|\bretrieve\(|\.quotes\b|\.turns\b"
)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.S)
TOPICS = ("overdose", "child welfare", "violence", "trauma", "taken", "removal")
WHAT_TO_DO = (("step away", "take breaks"), ("instructor",))


def notebook(lesson: str):
    return nbformat.read(REPO / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)


def shows_talk(nb) -> bool:
    return any(
        SHOWS_TALK.search(HIDDEN.sub("", cell.source))
        for cell in nb.cells
        if cell.cell_type == "code"
    )


def content_note(nb) -> str | None:
    """The content notes in the header and the cell right after it, if any, as one text."""
    notes = [
        " ".join(cell.source.split())
        for cell in nb.cells[:2]
        if cell.cell_type == "markdown" and re.search(r"content note", cell.source, re.I)
    ]
    return " ".join(notes) or None


def test_the_corpus_holds_the_talk_the_notes_warn_of():
    corpus = qualkit.load_corpus()
    text = " ".join(
        t.text for s in corpus.sessions for t in corpus.transcript(s.session_id).turns
    ).lower()
    for words in ("overdose", "caseworker", "taken", "my ex", "trauma"):
        assert words in text, words


def test_lessons_that_show_talk_are_found():
    showing = [lesson for lesson in LESSONS if shows_talk(notebook(lesson))]
    assert len(showing) >= 6, showing  # 00 and 02-07 print or code transcripts


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_that_shows_talk_has_a_content_note_at_the_top(lesson):
    nb = notebook(lesson)
    if not shows_talk(nb):
        pytest.skip(f"{lesson} shows no talk of the corpus")
    note = content_note(nb)
    assert note, f"{lesson}: add a content note in the header or the cell right after it"
    lowered = note.lower()
    assert any(topic in lowered for topic in TOPICS), f"{lesson}: say what the talk touches"
    for choices in WHAT_TO_DO:
        assert any(c in lowered for c in choices), f"{lesson}: say what a student can do {choices}"
