"""Shared fixtures: a tiny corpus written to a real folder, in the corpus's own file formats."""

from __future__ import annotations

import csv
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from qualkit.codebook import Category, Code, Codebook, write_codebook
from qualkit.codings import Coding, Codings, write_codings
from qualkit.corpus import SESSION_COLUMNS
from qualkit.transcripts import format_transcript

REPO = Path(__file__).resolve().parents[1]
# Per-lesson facts for tests/test_lesson_pipeline.py, loaded by it (not test modules).
collect_ignore_glob = ["lessons/*"]


def solved_source(source: str) -> str:
    """An answer cell as a student who got it right leaves it (autograde/skeletons.py)."""
    sys.path.insert(0, str(REPO / "autograde"))
    from skeletons import solved_source as solved

    return solved(source)


LESSONS = tuple(sorted(p.name for p in (REPO / "lessons").iterdir() if p.is_dir()))


def lesson_case(lesson: str):
    """A lesson's facts (``tests/lessons/<lesson>/case.py``). One student's study spans
    lessons, so a later lesson's case hands in an earlier one's files through this.

    Loaded once per course settings (the ``QUALKIT_*`` variables: the corpus, the build area,
    practice groups), since a case computes some facts from them when it loads (lesson 08's
    runs the machine coder, a third of a second): harnesses ask for a case per cell and per
    student.
    """
    settings = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("QUALKIT_")))
    if (lesson, settings) not in _CASES:
        import importlib.util

        path = REPO / "tests" / "lessons" / lesson / "case.py"
        spec = importlib.util.spec_from_file_location(f"case_{lesson.replace('-', '_')}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _CASES[lesson, settings] = module
    return _CASES[lesson, settings]


_CASES: dict[tuple, object] = {}


TINY_SESSIONS = {
    "PSS-FG1": [
        ("Facilitator", "Welcome, everyone. How did you first meet your peer?"),
        ("Dana", "She told me her own story the first day, and I trusted her."),
        ("Kim", "Mine texts me at night, which is a lot sometimes."),
        ("Dana", "Same for me. I mean, she gets it."),
        ("Facilitator", "Thank you. What would you change?"),
        ("Kim", "Honestly I'd want check-ins on a schedule, so I know when she's coming."),
    ],
    "HV-INT1": [
        ("Interviewer", "Tell me about your home visitor."),
        ("Rosa", "At first I cleaned the whole apartment before she came, I was scared."),
        ("Interviewer", "What changed?"),
        ("Rosa", "She asked how I was doing, not just the baby — café talk, really."),
    ],
}
TINY_CODES = (
    ("PSS_LIVED_EXP", "pss"),
    ("PSS_BOUNDARY", "pss"),
    ("PSS_IMPROVE", "pss"),
    ("HV_SURVEILLANCE", "home_visiting"),
    ("HV_WHO_IS_CLIENT", "home_visiting"),
)
TINY_KEY = {
    ("PSS-FG1", 2): ["PSS_LIVED_EXP"],
    ("PSS-FG1", 3): ["PSS_BOUNDARY"],
    ("PSS-FG1", 6): ["PSS_IMPROVE"],
    ("HV-INT1", 2): ["HV_SURVEILLANCE"],
    ("HV-INT1", 4): ["HV_WHO_IS_CLIENT"],
}


def tiny_codebook() -> Codebook:
    categories = (
        Category("pss", "Peer support specialists", "Codes about peer support."),
        Category("home_visiting", "Home visiting", "Codes about home visiting."),
    )
    codes = tuple(
        Code(
            label,
            category,
            f"Brief definition of {label}.",
            f"Full definition of {label}.",
            f"Use {label} when it fits.",
            f"Do not use {label} otherwise.",
            f"An example of {label}.",
        )
        for label, category in TINY_CODES
    )
    return Codebook(categories, codes, "Tiny codebook")


def write_tiny_corpus(root: Path) -> Path:
    """Write a two-session corpus (one focus group, one interview) in the real formats."""
    corpus = root / "corpus"
    (corpus / "transcripts").mkdir(parents=True)
    (corpus / "codings").mkdir()
    with (corpus / "sessions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(SESSION_COLUMNS)
        writer.writerows(
            [
                (
                    "PSS-FG1",
                    "pss",
                    "focus_group",
                    "study",
                    1,
                    "Peer group 1",
                    "clinic room",
                    "Facilitator",
                    "P001;P002",
                    "yes",
                    6,
                ),
                (
                    "HV-INT1",
                    "home_visiting",
                    "interview",
                    "study",
                    2,
                    "Interview",
                    "home",
                    "Interviewer",
                    "P003",
                    "no",
                    4,
                ),
            ]
        )
    with (corpus / "participants.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["participant_id", "pseudonym", "model", "session_ids", "age", "moud"])
        writer.writerow(["P001", "Dana", "pss", "PSS-FG1", 29, "buprenorphine"])
        writer.writerow(["P002", "Kim", "pss", "PSS-FG1", 34, "methadone"])
        writer.writerow(["P003", "Rosa", "home_visiting", "HV-INT1", 31, "buprenorphine"])
    with (corpus / "turns.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["session_id", "turn", "speaker", "text"])
        for session_id, turns in TINY_SESSIONS.items():
            for number, (speaker, text) in enumerate(turns, start=1):
                writer.writerow([session_id, number, speaker, text])
            header = ["SIMULATED DATA: fictional, written for qualkit tests."]
            (corpus / "transcripts" / f"{session_id}.txt").write_text(
                format_transcript(turns, header), encoding="utf-8"
            )
    codebook = tiny_codebook()
    write_codebook(corpus / "codebook.json", codebook)
    team = tuple(
        Coding(session, turn, code, "team")
        for (session, turn), codes in TINY_KEY.items()
        for code in codes
    )
    write_codings(corpus / "codings" / "team.json", Codings(team))
    return corpus


@pytest.fixture
def tiny_corpus_dir(tmp_path: Path) -> Path:
    """A folder holding a valid two-session corpus (sessions.csv, transcripts/, …)."""
    return write_tiny_corpus(tmp_path)


@pytest.fixture
def tiny_corpus(tiny_corpus_dir: Path):
    """The tiny corpus, loaded through :func:`qualkit.corpus.load_corpus`."""
    from qualkit.corpus import load_corpus

    return load_corpus(tiny_corpus_dir)


def tiny_key_dir(root: Path) -> Path:
    """Write an instructor-side key for the tiny corpus."""
    key = root / "key"
    key.mkdir()
    write_codebook(key / "codebook.json", tiny_codebook())
    codings = tuple(
        Coding(session, turn, code, "key")
        for (session, turn), codes in TINY_KEY.items()
        for code in codes
    )
    write_codings(key / "key.json", Codings(codings))
    (key / "units.csv").write_text(
        "session_id,turn,codes,flags,note\nPSS-FG1,3,PSS_BOUNDARY,,\n", encoding="utf-8"
    )
    (key / "manifest.json").write_text(json.dumps({"seed": 0}), encoding="utf-8")
    return key


@dataclass(frozen=True)
class Course:
    """A course built by the real nbgrader in a temporary build area, releases generated."""

    api: object  # nbgrader.apps.NbGraderAPI
    build: Path
    module: object  # autograde/course.py

    def release_path(self, lesson: str) -> Path:
        return self.build / "release" / lesson / f"{lesson}.ipynb"


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> Course:
    """nbgrader's API on the kit's configuration, with every lesson's release generated.

    Generated once per xdist worker that runs a test using it (``make test`` hands out whole
    modules, --dist loadfile, so ``xdist_group`` marks do not gather them): about 4 s each.
    """
    build = tmp_path_factory.mktemp("build")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QUALKIT_BUILD", str(build))
        sys.path.insert(0, str(REPO / "autograde"))
        import course as course_module

        api = course_module.course_api()
        assert course_module.release(api, list(LESSONS)) == 0
        yield Course(api, build, course_module)
    os.environ.pop("QUALKIT_BUILD", None)


# `make test` hands whole modules to its two workers in collection order (--dist loadfile; the
# Makefile turns off xdist's own reordering, by number of tests, which started the hub last).
# The longest modules go first, so that the run never ends on one started late: these, longest
# first (each several minutes to a minute on one worker), then modules with a heavy marker,
# then the rest, most tests first (small ones fill the end).
LONGEST_FIRST = (
    "test_hostile.py",
    # The hub at once, on the other worker, so that it has ended when test_lti_hub.py comes
    # (one hub at a time: test_hub.HUB_LOCK); behind the pipeline, the LTI hub waited minutes.
    "test_hub.py",
    "test_lesson_pipeline.py",
    "test_lazy_strategies.py",
    "test_lti_hub.py",
    "test_student_view.py",
    "test_formgrader_rubrics.py",
)
HEAVY = ("hostile", "hub", "pipeline", "browser", "postgres", "slow")


def longest_first(items: list) -> None:
    """Sort ``items`` module by module (each module's tests stay together and in order)."""
    modules: dict[str, list] = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::")[0], []).append(item)

    def rank(name: str) -> tuple:
        found = modules[name]
        base = Path(name).name
        if base in LONGEST_FIRST:
            return (0, LONGEST_FIRST.index(base))
        heavy = any(item.get_closest_marker(mark) for item in found for mark in HEAVY)
        return (1 if heavy else 2, -len(found))

    items[:] = [item for name in sorted(modules, key=rank) for item in modules[name]]


def pytest_collection_modifyitems(items) -> None:
    """Heavy modules first (above). Playwright's `expect` gives up after 5 s by default, which a
    kernel's reply on a loaded 2-core machine can outlast: a browser test waits as long as a
    person would, never less."""
    longest_first(items)
    if any(item.get_closest_marker("browser") or item.get_closest_marker("hub") for item in items):
        from playwright.sync_api import expect

        expect.set_options(timeout=60_000)
