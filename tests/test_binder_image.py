"""A Binder / repo2docker image built from this repository holds nothing of the key.

repo2docker copies the repository into the image as its build context, leaving out what
``.dockerignore`` names. Here repo2docker's own buildpack makes that build context (the tar it
would send to Docker; no Docker daemon is needed), and the test unpacks it the way the image
has it: the corpus is there and loads, the key, the generator and its labelled talk are not,
and qualkit run from the unpacked copy cannot find a key.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
INSTRUCTOR_ONLY = ("datasets/key", "datasets/generator")
# repo2docker's logging dependency warns about its own module move; nothing of ours.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:pythonjsonlogger.jsonlogger has been moved"),
]


class _CaptureContext:
    """Stands in for the Docker client and keeps the build context repo2docker hands it."""

    def build(self, **kwargs):
        self.context = kwargs["fileobj"].getvalue()
        return iter(())


@pytest.fixture(scope="module")
def image_files(tmp_path_factory) -> Path:
    from repo2docker.buildpacks.conda import CondaBuildPack

    client = _CaptureContext()
    pack = CondaBuildPack("docker.io/library/buildpack-deps:jammy")
    pack.platform = "linux/amd64"
    here = Path.cwd()
    os.chdir(REPO)
    try:
        list(pack.build(client, "qualkit-student", 0, {}, [], {}))
    finally:
        os.chdir(here)
    out = tmp_path_factory.mktemp("image")
    archive = out / "context.tar"
    archive.write_bytes(client.context)
    with tarfile.open(archive) as tar:
        tar.extractall(out / "context", filter="data")
    return out / "context" / "src"  # repo2docker copies the repository under src/


def test_the_image_holds_the_student_corpus_and_the_kit(image_files: Path):
    for path in ("environment.yml", "postBuild", "src/qualkit/corpus.py", "datasets/corpus/sessions.csv",
                 "datasets/corpus/codings/team.json", "lessons"):  # fmt: skip
        assert (image_files / path).exists(), path


def test_the_image_holds_nothing_of_the_key_or_the_labelled_talk(image_files: Path):
    for path in INSTRUCTOR_ONLY:
        assert not (image_files / path).exists(), path
    names = [p.relative_to(image_files).as_posix() for p in image_files.rglob("*")]
    assert not [
        n
        for n in names
        if n.endswith(("key.json", "spans.csv", "units.csv", "identifiers.csv", "manifest.json"))
    ]
    assert not [n for n in names if "talk/" in n and n.endswith(".yaml")]
    assert (REPO / "datasets" / "key" / "key.json").exists(), "the check needs a key to leave out"


def test_qualkit_in_the_image_loads_the_corpus_and_finds_no_key(image_files: Path):
    probe = (
        "import qualkit.corpus as c, qualkit.key as k\n"
        "print(len(c.load_corpus().sessions))\n"
        "try:\n    k.load_key()\nexcept FileNotFoundError as e:\n    print('no key:', e)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(image_files / "src")}
    env.pop("QUALKIT_KEY", None)
    env.pop("QUALKIT_CORPUS", None)
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        cwd=image_files,
        check=True,
    )
    assert "no key: The answer key is on the instructor's side only" in result.stdout, (
        result.stdout + result.stderr
    )
    assert int(result.stdout.split()[0]) > 0


@pytest.mark.pipeline  # nbgrader releases every lesson (seconds)
def test_postbuild_leaves_students_the_released_lessons_only(image_files: Path, tmp_path: Path):
    """postBuild swaps the lesson sources for their releases, as it does in the image."""
    image = tmp_path / "image"
    shutil.copytree(image_files, image, symlinks=True)
    assert "tools/binder_lessons.py" in (image / "postBuild").read_text()
    env = {k: v for k, v in os.environ.items() if k not in ("QUALKIT_BUILD", "JUPYTER_CONFIG_PATH")}
    subprocess.run(
        [sys.executable, "tools/binder_lessons.py", "."], cwd=image, env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    sources = sorted(p.name for p in (REPO / "lessons").iterdir() if p.is_dir())
    assert sorted(p.name for p in (image / "lessons").iterdir() if p.is_dir()) == sources
    for name in sources:
        assert (image / "lessons" / name / f"{name}.ipynb").exists(), name
    for path in (image / "lessons").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME"):
                assert marker not in text, f"{path.relative_to(image)}: {marker}"
    assert not (image / "instructors").exists()
