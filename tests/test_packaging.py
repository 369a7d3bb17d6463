"""What a student's environment receives: the qualkit wheel carries the student-facing corpus
and the REFI-QDA schemas, and nothing that reveals the key."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from conftest import REPO

pytestmark = pytest.mark.pipeline  # builds the wheel with pip (seconds)

# Names that only the instructor's side may hold (datasets/key, datasets/generator and its talk).
INSTRUCTOR_ONLY = (
    "key.json",
    "units.csv",
    "spans.csv",
    "identifiers.csv",
    "manifest.json",
    ".yaml",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        check=True,
    )
    (path,) = out.glob("qualkit-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_ships_the_student_corpus_and_schemas(wheel):
    names = set(wheel.namelist())
    corpus = sorted(
        p.relative_to(REPO / "datasets" / "corpus")
        for p in (REPO / "datasets" / "corpus").rglob("*")
        if p.is_file()
    )
    assert corpus, "no corpus to package"
    for path in corpus:
        assert f"qualkit/_corpus/{path.as_posix()}" in names
    assert {"qualkit/schemas/Project.xsd", "qualkit/schemas/Codebook.xsd"} <= names
    # The coding view's front end ships as plain files (anywidget loads them; no build step).
    assert {"qualkit/dom.js", "qualkit/widget/coding.js", "qualkit/widget/coding.css"} <= names
    assert {"qualkit/charting/charting.js", "qualkit/charting/charting.css"} <= names


def test_wheel_holds_nothing_from_the_instructor_side(wheel):
    for name in wheel.namelist():
        assert not any(marker in name for marker in INSTRUCTOR_ONLY), name
        assert "/key/" not in name and "generator" not in name, name
