"""Lesson 03 graded with a practice group for each student (issue 15), real nbgrader.

A course with the feature on: a secret file only the grader reads, each student's group
published as text. Students submit lesson 03 with a coding file beside it: two code their own
group perfectly, one hands in another student's perfect coding as her own, and one probes the
grading kernel for the secret and the keys. The course autogrades them (sandboxed kernels
when run as root), writes feedback and grades.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import random
import sys
from dataclasses import replace

import nbformat
import pytest

from conftest import REPO

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("nbgrader")]

LESSON = "03-codebook-and-coding"
LESSON_04 = "04-intercoder-agreement"  # computed on her own group's turns, in the kernel
SECRET = "the practice secret of a test course, 0123456789"
SESSION = "PSS-FG5"
ACCURACY = "test_answer_3_2_accuracy"
AUTO_POINTS = 21.5  # lesson 03's autograded total
ACCURACY_POINTS = next(  # and its accuracy item, as the source gives it
    c.metadata.nbgrader["points"]
    for c in nbformat.read(REPO / "lessons" / LESSON / f"{LESSON}.ipynb", 4).cells
    if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "test_answer_3_2_accuracy"
)

# Runs in the grading kernel: looks for the secret and the keys wherever they might be.
PROBE = """
import json, os
print("ENV " + json.dumps(dict(os.environ)))
for what, action in [
    ("secret", lambda: open({secret_file!r}).read()),
    ("key", lambda: __import__("qualkit.key").key.load_key()),
    ("her key", lambda: __import__("qualkit.key").key.practice_key("ana")),
]:
    try:
        print("READ " + what, str(action())[:2000])
    except BaseException as error:
        print("refused " + what + ": " + type(error).__name__)
answer_3_2 = {{"coder": "probe", "session": {session!r}}}
"""


def coding_file(coder: str, codings) -> str:
    from qualkit.codings import Codings, format_codings

    return format_codings(Codings(tuple(replace(c, coder=coder) for c in codings)))


def key_of(group) -> list:
    from qualkit.codebook import read_codebook

    book = read_codebook(REPO / "datasets" / "corpus" / "codebook.json").names
    return [c for c in group.key if c.session_id == SESSION and c.code in book]


def copied(from_group, to_group) -> list:
    """Another student's perfect coding, made to fit her own transcript: whole turns, and
    only turns her transcript has (a span of another text would be refused outright)."""
    turns = len(to_group.files["transcripts/PSS-FG5.txt"].split("\n\n"))  # an upper bound
    return [replace(c, start=None, end=None) for c in key_of(from_group) if c.turn <= turns]


def random_coding(group, seed: int) -> list:
    """As many (turn, code) decisions as her key makes, on random participant turns, with the
    key's own codes: a random coding that even knows which codes occur."""
    from qualkit.codings import Coding
    from qualkit.transcripts import parse_transcript

    key = key_of(group)
    transcript = parse_transcript(group.files["transcripts/PSS-FG5.txt"], SESSION)
    talk = [t.turn for t in transcript.turns if t.speaker != "Facilitator"]
    rng = random.Random(seed)
    pairs = {(rng.choice(talk), rng.choice(key).code) for _ in key}
    return [Coding(SESSION, turn, code, "x") for turn, code in sorted(pairs)]


def hand_in_04(build, student: str, key) -> None:
    """Lesson 04 answered as its solution answers, with her lesson-03 coding copied beside it
    (bring_coding) and the second coder's file (her group's key, as lesson 03's feedback shows
    it): what a student hands in on a hub."""
    from test_lesson_pipeline import solutions

    from qualkit.codings import format_codings
    from qualkit.second_coder import feedback_lines, read_feedback

    released = build / "release" / LESSON_04 / f"{LESSON_04}.ipynb"
    nb = nbformat.read(released, as_version=4)
    for cell in nb.cells:
        cell.source = solutions(LESSON_04).get(cell.id, cell.source)
    folder = build / "submitted" / student / LESSON_04
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{LESSON_04}.ipynb")
    _, second = read_feedback("\n".join(feedback_lines(key, SESSION)))
    (folder / f"{student}.codings.json").write_text(coding_file(student, key), encoding="utf-8")
    (folder / "second-coder.json").write_text(format_codings(second), encoding="utf-8")
    (folder / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    build = tmp_path_factory.mktemp("practice-build")
    private = tmp_path_factory.mktemp("practice-private")
    secret_file = private / "secret"
    secret_file.write_text(SECRET)
    secret_file.chmod(0o600)
    groups = tmp_path_factory.mktemp("practice-groups")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QUALKIT_BUILD", str(build))
        patch.setenv("QUALKIT_PRACTICE_SECRET_FILE", str(secret_file))
        patch.setenv("QUALKIT_PRACTICE_GROUPS", str(groups))
        patch.delenv("JUPYTERHUB_USER", raising=False)
        patch.delenv("QUALKIT_STUDENT", raising=False)
        sys.path.insert(0, str(REPO / "autograde"))
        import course
        import practice_groups
        from test_lesson_pipeline import mark_written_answers, solutions

        students = ("ana", "bea", "cleo", "probe")
        made = {s: practice_groups.group(s) for s in students}
        api = course.course_api()
        with contextlib.redirect_stdout(io.StringIO()):
            assert course.release(api, [LESSON, LESSON_04]) == 0
            practice_groups.publish(list(students))
        files = {
            "ana": {"ana.codings.json": coding_file("ana", key_of(made["ana"]))},
            "bea": {"bea.codings.json": coding_file("bea", key_of(made["bea"]))},
            "cleo": {"cleo.codings.json": coding_file("cleo", copied(made["ana"], made["cleo"]))},
            "probe": {"probe.codings.json": coding_file("probe", key_of(made["ana"]))},
        }
        released = build / "release" / LESSON / f"{LESSON}.ipynb"
        for student in students:
            nb = nbformat.read(released, as_version=4)
            for cell in nb.cells:
                cell.source = solutions(LESSON).get(cell.id, cell.source)
                if cell.id == "answer_3_2":
                    cell.source = (
                        PROBE.format(secret_file=str(secret_file), session=SESSION)
                        if student == "probe"
                        else f"answer_3_2 = {{'coder': {student!r}, 'session': {SESSION!r}}}\n"
                    )
            folder = build / "submitted" / student / LESSON
            folder.mkdir(parents=True)
            nbformat.write(nb, folder / f"{LESSON}.ipynb")
            for name, text in files[student].items():
                (folder / name).write_text(text, encoding="utf-8")
            (folder / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")
        for student in ("ana", "bea"):  # lesson 04 on her lesson-03 coding, as a hub hands it in
            hand_in_04(build, student, key_of(made[student]))
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            status = course.autograde(api, [LESSON, LESSON_04])
            mark_written_answers(api, [LESSON, LESSON_04])
            course.feedback(api, [LESSON, LESSON_04])
            course.grades(api, [LESSON, LESSON_04], build / "grades.csv")
        # Random codings of cleo's group, scored by the lesson's own test in the grader's way.
        from trusted_grading import run_test

        from qualkit.practice import use_group

        test = next(
            c.source for c in nbformat.read(REPO / "lessons" / LESSON / f"{LESSON}.ipynb", 4).cells
            if c.metadata.get("nbgrader", {}).get("grade_id") == ACCURACY
        )  # fmt: skip
        chance = []
        with practice_groups.regenerated("cleo") as group, use_group("cleo", group):
            for seed in range(20):
                folder = tmp_path_factory.mktemp("random")
                (folder / "x.codings.json").write_text(
                    coding_file("x", random_coding(made["cleo"], seed))
                )
                outputs = run_test(test, {"answer_3_2": {"coder": "x", "session": SESSION}}, folder)
                chance.append(float(outputs[-1]["data"]["text/plain"]))
    with (build / "grades.csv").open(encoding="utf-8") as handle:
        everything = list(csv.DictReader(handle))
    rows = {r["student_id"]: r for r in everything if r["lesson"] == LESSON}
    rows_04 = {r["student_id"]: r for r in everything if r["lesson"] == LESSON_04}
    return {"build": build, "rows": rows, "rows_04": rows_04, "log": printed.getvalue(),
            "status": status, "made": made, "chance": chance, "secret_file": secret_file, "groups": groups}  # fmt: skip


def test_every_submission_was_graded(graded):
    assert graded["status"] == 0, graded["log"]


def accuracy(graded, student) -> float:
    with contextlib.suppress(StopIteration):
        path = graded["build"] / "autograded" / student / LESSON / f"{LESSON}.ipynb"
        cell = next(c for c in nbformat.read(path, 4).cells
                    if c.metadata.get("nbgrader", {}).get("grade_id") == ACCURACY)  # fmt: skip
        for output in cell.outputs:
            if output.get("output_type") == "execute_result":
                return float(output["data"]["text/plain"])
    return 0.0


def messages(graded, student, lesson=LESSON) -> list:
    path = graded["build"] / "autograded" / student / lesson / f"{lesson}.ipynb"
    return [(c.metadata["nbgrader"]["grade_id"], [o.get("text") or o.get("evalue") or o.get("data")
             for o in c.outputs]) for c in nbformat.read(path, 4).cells
            if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]  # fmt: skip


def test_own_correct_coding_scores_full_marks_on_her_own_group(graded):
    for student in ("ana", "bea"):
        score = float(graded["rows"][student]["auto_score"])
        assert score == AUTO_POINTS, messages(graded, student)
        assert accuracy(graded, student) == ACCURACY_POINTS
    assert graded["made"]["ana"].fingerprint() != graded["made"]["bea"].fingerprint()


def test_lesson_04_computed_in_the_grading_kernel_on_her_own_group_earns_every_point(graded):
    """Her answers are computed in the grading kernel on her group's turns (lesson 04's tables
    count them): the kernel must have her group, as the trusted step has, not the shared one."""
    from test_lesson_pipeline import case

    for student in ("ana", "bea"):
        score = float(graded["rows_04"][student]["auto_score"])
        assert score == case(LESSON_04).AUTO_POINTS, messages(graded, student, LESSON_04)


def test_another_students_coding_scores_no_better_than_a_random_coding(graded):
    chance = graded["chance"]
    print(
        f"\naccuracy points: copied {accuracy(graded, 'cleo'):.2f}, random codings "
        f"{min(chance):.2f}-{max(chance):.2f} (mean {sum(chance) / len(chance):.2f}), own {ACCURACY_POINTS}"
    )
    assert max(chance) < ACCURACY_POINTS / 2, (
        chance
    )  # the measure can tell: random codings score low
    assert accuracy(graded, "cleo") <= max(chance), (accuracy(graded, "cleo"), chance)
    limit = AUTO_POINTS - ACCURACY_POINTS + max(chance) + 1e-9
    assert float(graded["rows"]["cleo"]["auto_score"]) < limit


def test_the_grading_kernel_holds_neither_secret_nor_keys(graded):
    path = graded["build"] / "autograded" / "probe" / LESSON / f"{LESSON}.ipynb"
    said = "".join(
        str(o.get("text", "")) for c in nbformat.read(path, 4).cells if c.cell_type == "code"
        for o in c.get("outputs", [])
    )  # fmt: skip
    env = json.loads(said.split("ENV ", 1)[1].splitlines()[0])
    assert not any("SECRET" in name or "KEY" in name for name in env), sorted(env)
    assert SECRET not in said
    for what in ("secret", "key", "her key"):
        assert f"refused {what}:" in said, said[:3000]
    # The probe handed in ana's perfect coding of ana's group: it is not ana's group.
    assert accuracy(graded, "probe") < ACCURACY_POINTS


def test_secret_and_keys_appear_in_no_release_feedback_or_published_group(graded):
    from qualkit.codings import format_codings

    build = graded["build"]
    places = [*(build / "release").rglob("*"), *(build / "feedback").rglob("*"),
              *(build / "autograded").rglob("*.ipynb"), *graded["groups"].rglob("*")]  # fmt: skip
    keys = [format_codings(replace(g.key)) for g in graded["made"].values()]
    spans = {f'"start": {c.start}, "end": {c.end}' for g in graded["made"].values() for c in g.key}
    assert any(p.name.endswith(".html") for p in places)
    for path in places:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert SECRET not in text, path
        if "probe" not in path.parts:  # the probe's own cell names the file it tries
            assert str(graded["secret_file"]) not in text, path
        assert not any(k in text for k in keys), path
        if path.is_relative_to(graded["groups"]):
            assert not any(s in text for s in spans), path


def test_feedback_shows_each_student_her_own_result(graded):
    for student in ("ana", "bea"):
        html = (graded["build"] / "feedback" / student / LESSON / f"{LESSON}.html").read_text()
        assert "codes at full credit" in html and "Codes to revisit" not in html
    cleo = (graded["build"] / "feedback" / "cleo" / LESSON / f"{LESSON}.html").read_text()
    assert "Codes to revisit" in cleo or "holds no coding" in cleo or "could not" in cleo
