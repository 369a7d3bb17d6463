"""The kit's own texts, as the claim tests read them: every cell of every lesson (solutions,
hidden tests and rubrics included), the instructor guide, the data cards and the README."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from conftest import LESSONS, REPO


@dataclass(frozen=True)
class Text:
    """One text: ``where`` names it for a failure message (file, and cell id in a notebook);
    ``kind`` is ``"markdown"`` or ``"code"``."""

    where: str
    kind: str
    body: str


def lesson_path(lesson: str) -> Path:
    return REPO / "lessons" / lesson / f"{lesson}.ipynb"


def lesson_texts(lesson: str) -> list[Text]:
    notebook = nbformat.read(lesson_path(lesson), as_version=4)
    return [Text(f"lessons/{lesson} cell {c.id}", c.cell_type, c.source) for c in notebook.cells]


DOCUMENTS = [
    *sorted((REPO / "instructors").glob("*.md")),
    REPO / "README.md",
    REPO / "datasets" / "README.md",
]
# datasets/AUDIT.md is a dated record of an audit: it quotes turns as they read before the fix.


def document_texts(path: Path) -> list[Text]:
    return [Text(path.relative_to(REPO).as_posix(), "markdown", path.read_text(encoding="utf-8"))]


def all_texts() -> list[Text]:
    texts = [t for lesson in LESSONS for t in lesson_texts(lesson)]
    return texts + [t for path in DOCUMENTS for t in document_texts(path)]


def prose_of(text: Text) -> str:
    """What a reader reads as prose: code spans and fenced code blanked out (same length, so
    offsets hold), the markers of nbgrader's regions left in."""
    if text.kind == "code":
        return text.body
    blank = lambda m: " " * len(m.group(0))  # noqa: E731
    body = re.sub(r"```.*?```", blank, text.body, flags=re.S)
    return re.sub(r"`[^`\n]*`", blank, body)


def paragraphs(body: str) -> list[tuple[int, int]]:
    """Start and end offsets of the blank-line-separated blocks of ``body``."""
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", body):
        spans.append((start, match.start()))
        start = match.end()
    return [*spans, (start, len(body))]
