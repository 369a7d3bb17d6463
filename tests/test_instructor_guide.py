"""The instructor guide (instructors/README.md) covers every lesson and its links lead somewhere."""

from __future__ import annotations

import re

import pytest

from conftest import LESSONS, REPO

GUIDE = REPO / "instructors" / "README.md"
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_the_readme_points_instructors_to_the_guide():
    assert "(instructors/README.md)" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_notes_and_a_row_in_the_guide(lesson):
    number = lesson[:2]
    notes = REPO / "instructors" / f"{lesson}.md"
    assert notes.exists(), f"instructors/{lesson}.md: write the lesson's instructor notes"
    guide = GUIDE.read_text(encoding="utf-8")
    assert re.search(rf"^\| {number} \|", guide, re.M), f"{GUIDE}: no row for lesson {number}"
    assert f"({lesson}.md" in guide, f"{GUIDE}: link the notes of lesson {number}"


@pytest.mark.parametrize("page", sorted((REPO / "instructors").glob("*.md")), ids=lambda p: p.name)
def test_relative_links_resolve(page):
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if "://" in target:
            continue
        if re.fullmatch(r"\d\d-[a-z0-9-]+\.md", target) and target[:-3] not in LESSONS:
            continue  # the notes of a lesson still on its own branch arrive with it
        assert (page.parent / target).exists(), f"{page.name}: link to {target} leads nowhere"
