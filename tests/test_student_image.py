"""`make student-image` builds exactly what students receive, and it gives nothing away.

Every file of the image folder is read, the qualkit wheel's members included, and searched for:
solution code, hidden tests and rubrics of every lesson, the answer key, planted labels, the
generator's material and the instructors' notes. The needles come from the course's own files,
so a new lesson, key or note is checked with no extra work.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import zipfile

import nbformat
import pytest

from conftest import LESSONS, REPO

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("nbgrader")]

REGIONS = {
    "solution": re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S),
    "hidden test": re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S),
    "rubric": re.compile(r"=== BEGIN MARK SCHEME ===\n(.*?)=== END MARK SCHEME ===", re.S),
}
MARKERS = ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME")
PLANTED = re.compile(
    r"dimension=|negative_case|exclusion_trap|lang_flag|off_topic|planted|distractor|"
    r"borderline|tempting:|\"flags\"|\"tier\"",
    re.I,
)


@pytest.fixture(scope="module")
def image(tmp_path_factory) -> dict[str, str]:
    """``make student-image`` in a build area of its own; every file's text by its path."""
    build = tmp_path_factory.mktemp("student-image-build")
    subprocess.run(
        ["make", "-s", "--no-print-directory", "student-image"],
        cwd=REPO, env={**os.environ, "QUALKIT_BUILD": str(build)},
        check=True, capture_output=True, timeout=900,
    )  # fmt: skip
    root = build / "student-image"
    files = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        name = str(path.relative_to(root))
        if path.suffix == ".whl":
            with zipfile.ZipFile(path) as wheel:
                for member in wheel.namelist():
                    files[f"{name}!{member}"] = wheel.read(member).decode("utf-8", "replace")
        else:
            files[name] = path.read_text(encoding="utf-8", errors="replace")
    return files


def source_cells(lesson: str):
    return nbformat.read(REPO / "lessons" / lesson / f"{lesson}.ipynb", as_version=4).cells


def without_secrets(source: str) -> str:
    for pattern in REGIONS.values():
        source = pattern.sub("", source)
    return source


@functools.cache
def public_text() -> str:
    """What students may see anyway: every lesson outside its secret regions, the library and
    the student corpus."""
    lessons = (without_secrets(cell.source) for lesson in LESSONS for cell in source_cells(lesson))
    library = [p for p in (REPO / "src").rglob("*") if p.suffix in (".py", ".json", ".csv")]
    corpus = [p for p in (REPO / "datasets" / "corpus").rglob("*") if p.is_file()]
    return "\n".join([*lessons, *(p.read_text(encoding="utf-8") for p in library + corpus)])


def secret_lines(lesson: str) -> dict[str, list[str]]:
    """Lines of each kind of secret region of a lesson that students see nowhere else."""
    cells = source_cells(lesson)
    public = public_text()
    found = {}
    for kind, pattern in REGIONS.items():
        lines = {
            line.strip()
            for cell in cells
            for region in pattern.findall(cell.source)
            for line in region.splitlines()
            if len(line.strip()) > 15 and line.strip() not in public
        }
        found[kind] = sorted(lines)
    return found


def occurrences(image: dict[str, str], needle: str) -> list[str]:
    return [name for name, text in image.items() if needle in text]


def test_the_image_holds_the_releases_the_wheel_and_the_student_settings(image):
    for lesson in LESSONS:
        assert f"lessons/{lesson}/{lesson}.ipynb" in image
    assert any(name.endswith("!qualkit/_corpus/codebook.json") for name in image)
    assert "Formgrader" not in image["etc/jupyter/nbgrader_config.py"]
    disabled = json.loads(image["etc/jupyter/labconfig/page_config.json"])["disabledExtensions"]
    assert disabled["@jupyter/nbgrader:formgrader"] is True
    assert "COPY lessons/" in image["Dockerfile"] and "datasets" not in image["Dockerfile"]


@pytest.mark.parametrize("lesson", LESSONS)
def test_no_solution_hidden_test_or_rubric(image, lesson):
    for marker in MARKERS:
        assert not occurrences(image, marker), marker
    secrets = secret_lines(lesson)
    assert secrets["solution"], f"{lesson}: no solution line to look for"
    for kind, lines in secrets.items():
        for line in lines:
            assert not occurrences(image, line), f"{lesson}: {kind} line {line!r} in the image"


def test_no_key(image):
    key = REPO / "datasets" / "key"
    corpus_text = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (REPO / "datasets" / "corpus").rglob("*")
        if p.is_file()
    )
    assert not occurrences(image, '"coder": "key"')
    for name in ("units.csv", "identifiers.csv"):
        for line in (key / name).read_text(encoding="utf-8").splitlines()[1:]:
            if len(line) > 20 and line not in corpus_text:
                assert not occurrences(image, line), f"key/{name}: {line!r}"
    assert not [name for name in image if "key/" in name or name.endswith("manifest.json")]


def test_no_planted_label_in_student_data(image):
    for name, text in image.items():
        if "_corpus/" in name:
            assert not PLANTED.search(text), name


def test_no_generator_material(image):
    generator = REPO / "datasets" / "generator"
    assert not [name for name in image if "generator" in name]
    # The student library may share a signature with the generator (both read sessions).
    library = public_text()
    for path in generator.glob("*.py"):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        code = [
            line
            for line in lines
            if len(line) > 40 and line.startswith(("def ", "class ")) and line not in library
        ]
        for line in code:
            assert not occurrences(image, line), f"{path.name}: {line!r}"


def test_no_instructor_notes(image):
    lesson_text = "\n".join(cell.source for lesson in LESSONS for cell in source_cells(lesson))
    notes = [
        (path.name, line.strip())
        for path in (REPO / "instructors").glob("*.md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 40 and line.strip() not in lesson_text
    ]
    assert notes, "no instructor note to look for"
    for name, line in notes:
        assert not occurrences(image, line), f"{name}: {line!r}"
