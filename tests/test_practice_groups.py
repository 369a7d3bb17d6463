"""A practice focus group for each student (issue 15), without nbgrader: seeds, publishing,
loading "my practice group", the secret's file, and the instructor's commands.
tests/test_practice_grading.py grades lesson 03 with the feature on (real nbgrader)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "autograde"))
sys.path.insert(0, str(REPO / "datasets"))

import practice_groups
from generator.per_student import read_secret, student_group
from generator.talk import load_talk

from qualkit.codebook import read_codebook
from qualkit.codings import read_codings
from qualkit.corpus import load_corpus
from qualkit.errors import InputError
from qualkit.key import load_key
from qualkit.practice import use_group

SECRET = "a course secret only the grader reads: 0123456789abcdef"


@pytest.fixture
def course(tmp_path, monkeypatch):
    """Practice groups on: a secret file (mode 600) and a published groups folder."""
    secret = tmp_path / "private" / "practice-secret"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\n")
    secret.chmod(0o600)
    groups = tmp_path / "groups"
    monkeypatch.setenv("QUALKIT_PRACTICE_SECRET_FILE", str(secret))
    monkeypatch.setenv("QUALKIT_PRACTICE_GROUPS", str(groups))
    monkeypatch.setenv("QUALKIT_BUILD", str(tmp_path / "build"))  # its default secret: none
    monkeypatch.delenv("QUALKIT_STUDENT", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    return secret, groups


def practice_text(corpus) -> str:
    return "".join(t.text for t in corpus.transcripts("practice"))


def test_two_students_get_different_groups_of_the_same_shape():
    ana, bea = (student_group(SECRET.encode(), s) for s in ("ana", "bea"))
    assert ana.fingerprint() != bea.fingerprint()
    assert set(ana.exchanges) == set(bea.exchanges) == {"PSS-FG5", "DOULA-FG5", "HV-FG5"}
    for session in ana.exchanges:  # other exchanges or another order, and other speakers
        assert ana.exchanges[session] != bea.exchanges[session]
        assert ana.speakers[session] != bea.speakers[session]
    assert {c.turn for c in ana.key} != {c.turn for c in bea.key} or ana.key != bea.key
    # Same secret and id, same group: made again from the talk read afresh (a process keeps
    # the last few groups it made, so a second call without the talk would be that group).
    assert student_group(SECRET.encode(), "ana", load_talk()) == ana
    assert student_group(b"another course's secret, 32 bytes", "ana").fingerprint() != (
        ana.fingerprint()
    )


def test_published_groups_are_text_without_codes_or_secret(course):
    _, groups = course
    practice_groups.publish(["ana", "bea"])
    labels = read_codebook(REPO / "datasets" / "key" / "codebook.json").names
    files = [p for p in groups.rglob("*") if p.is_file()]
    assert len(files) == 2 * (3 + 3)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert SECRET not in text and "[[" not in text and "key" not in path.name
        assert not any(label in text for label in labels), path
        assert oct(path.stat().st_mode)[-3:] == "644"
    assert oct((groups / "ana").stat().st_mode)[-3:] == "755"


def test_a_server_told_of_no_groups_folder_has_the_shared_practice_groups(monkeypatch):
    monkeypatch.delenv("QUALKIT_PRACTICE_GROUPS", raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    corpus = load_corpus()
    assert corpus.practice_of is None
    shared = REPO / "datasets" / "corpus" / "transcripts" / "PSS-FG5.txt"
    assert corpus.transcript("PSS-FG5").source == str(shared)


def test_my_practice_group_is_mine_and_the_rest_is_the_course(course, monkeypatch):
    practice_groups.publish(["ana", "bea"])
    shared = load_corpus(REPO / "datasets" / "corpus")
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    ana = load_corpus()
    monkeypatch.setenv("JUPYTERHUB_USER", "bea")
    bea = load_corpus()
    assert (ana.practice_of, bea.practice_of) == ("ana", "bea")
    assert practice_text(ana) != practice_text(bea) != practice_text(shared)
    study = [s for s in shared.sessions if s.split == "study"]
    assert [s for s in ana.sessions if s.split == "study"] == study
    assert {s.session_id for s in ana.sessions if s.split == "practice"} == {
        "PSS-FG5", "DOULA-FG5", "HV-FG5"
    }  # fmt: skip
    assert len(ana.codings("team")) == len(shared.codings("team"))
    for session in ana.sessions:  # every speaker of her groups is a participant of hers
        for pid in session.participant_ids:
            assert ana.participant(pid).session_ids


def test_a_student_without_a_group_is_told_not_given_the_shared_one(course, monkeypatch):
    practice_groups.publish(["ana"])
    monkeypatch.setenv("JUPYTERHUB_USER", "grader-qualkit")  # the instructor's own kernel
    assert load_corpus().practice_of is None  # the shared groups, and the shared key
    monkeypatch.delenv("QUALKIT_PRACTICE_SECRET_FILE")  # a student's server has no secret
    monkeypatch.setenv("JUPYTERHUB_USER", "zoe")
    with pytest.raises(FileNotFoundError, match="No practice group for 'zoe'"):
        load_corpus()
    monkeypatch.delenv("JUPYTERHUB_USER")
    with pytest.raises(LookupError, match="does not know who you are"):
        load_corpus()


def test_a_damaged_group_names_the_file(course, monkeypatch):
    _, groups = course
    practice_groups.publish(["ana"])
    sessions = groups / "ana" / "sessions.csv"
    sessions.write_text(sessions.read_text().replace("PSS-FG5", "PSS-FG1", 1))
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    with pytest.raises(InputError, match=r"sessions\.csv.*line 2 column 'session_id'"):
        load_corpus()


FRESH = """
import hashlib, qualkit
corpus = qualkit.load_corpus()
print(corpus.practice_of, hashlib.sha256("".join(
    t.text for t in corpus.transcripts("practice")).encode()).hexdigest())
"""


def test_same_group_at_work_and_at_grading_in_a_fresh_process(course, tmp_path):
    """Work: her server (another process, no secret, elsewhere) reads the published group.
    Grading: the grader regenerates it from the secret and her id."""
    _, groups = course
    practice_groups.publish(["ana"])
    elsewhere = tmp_path / "her-home"
    elsewhere.mkdir()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(elsewhere),
        "JUPYTERHUB_USER": "ana",
        "QUALKIT_PRACTICE_GROUPS": str(groups),
    }
    work = subprocess.run([sys.executable, "-c", FRESH], cwd=elsewhere, env=env,
                          capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
    with practice_groups.regenerated("ana") as folder, use_group("ana", folder):
        graded = load_corpus()
        digest = hashlib.sha256(practice_text(graded).encode()).hexdigest()
        key = [c for c in load_key().codings if c.session_id.endswith("FG5")]
    assert work == ["ana", digest]
    for coding in key:  # her key's spans lie in her turns
        turn = graded.transcript(coding.session_id).turn(coding.turn)
        assert turn.start <= coding.start < coding.end <= turn.end
    shared = read_codings(REPO / "datasets" / "key" / "key.json")
    shared = [c for c in shared if c.session_id.endswith("FG5")]
    assert key != shared


def test_the_secret_file_must_be_private_long_and_outside_the_course(tmp_path):
    path = tmp_path / "secret"
    path.write_text(SECRET)
    path.chmod(0o640)
    with pytest.raises(PermissionError, match="chmod 600"):
        read_secret(path)
    path.chmod(0o600)
    assert read_secret(path) == SECRET.encode()
    with pytest.raises(PermissionError, match="keep the secret outside"):
        read_secret(path, (tmp_path,))
    path.write_text("short")
    with pytest.raises(ValueError, match="5 bytes"):
        read_secret(path)


def test_grading_without_the_secret_refuses_rather_than_use_the_shared_key(course, monkeypatch):
    with practice_groups.regenerated("ana") as folder:
        monkeypatch.delenv("QUALKIT_PRACTICE_SECRET_FILE")
        with use_group("ana", folder), pytest.raises(LookupError, match="course secret"):
            load_key()


def test_instructor_lists_regenerates_and_exports(course, tmp_path, capsys):
    _, groups = course
    practice_groups.publish(["ana", "bea"])
    (groups / "bea" / "turns.csv").unlink()
    practice_groups.list_groups(["ana", "bea"])
    listed = capsys.readouterr().out
    ana = student_group(SECRET.encode(), "ana")
    assert f"ana\tgroup {ana.fingerprint()}" in listed
    assert "PSS-FG5: exchanges " + " ".join(ana.exchanges["PSS-FG5"]) in listed
    assert listed.count("published: yes, current") == 1 and "NO (run publish)" in listed
    practice_groups.regenerate("bea")
    assert (groups / "bea" / "turns.csv").is_file()
    practice_groups.export("ana", tmp_path / "appeal")
    exported = tmp_path / "appeal" / "ana"
    assert (exported / "key" / "key.json").read_text() == practice_groups.format_codings(ana.key)
    assert (exported / "corpus" / "turns.csv").read_text() == ana.files["turns.csv"]
    with pytest.raises(SystemExit, match="inside the folder students read"):
        practice_groups.export("ana", groups)


def test_listing_without_names_shows_the_published_groups(course, tmp_path, monkeypatch, capsys):
    """Before any student is in the gradebook, `make practice-groups PRACTICE=list` lists the
    groups published so far."""
    monkeypatch.setenv("QUALKIT_BUILD", str(tmp_path / "build"))  # an empty gradebook
    monkeypatch.delitem(sys.modules, "course", raising=False)  # it reads QUALKIT_BUILD on import
    with pytest.raises(SystemExit, match="no students in the gradebook nor published"):
        practice_groups.main(["list"])
    practice_groups.publish(["ana", "bea"])
    assert practice_groups.main(["list"]) == 0
    listed = capsys.readouterr().out
    assert listed.count("published: yes, current") == 2 and "ana\tgroup" in listed


@pytest.mark.pipeline  # 100 groups and a trained classifier: about 15 s of CPU
def test_the_data_card_reports_the_spread_of_100_groups():
    """Groups are equally hard: the card's numbers are what 100 groups give, and no group lets
    the word spotter pass (its κ stays under the card's 0.50 goal for the corpus)."""
    from generator.group_spread import card_paragraph, paragraph_in, spread

    found = spread(REPO / "datasets")
    card = (REPO / "datasets" / "README.md").read_text(encoding="utf-8")
    assert paragraph_in(card) == card_paragraph(found)
    assert max(found.kappas) <= 0.5
    assert max(found.decisions) <= 1.25 * min(found.decisions)


def test_an_appeal_export_stays_out_of_the_course_repository(course):
    with pytest.raises(SystemExit, match="inside the course repository"):
        practice_groups.export("ana", REPO / "build" / "appeal")
