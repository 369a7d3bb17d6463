"""Lesson 02's de-identification exercise cannot be passed by copying what students have.

Its raw transcripts are pilot sessions (datasets/generator/pilot.py): their de-identified text
is only in the key, and they are in no other file of the student corpus. The lesson's own
grading test, run as the course runs it (autograde/trusted_grading.py), gives the key's
de-identified pilots full marks and a copy of the nearest shipped turns nothing.
"""

from __future__ import annotations

import csv
import re
import sys

import nbformat
import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "autograde"))
from trusted_grading import run_test

import qualkit
from qualkit.key import key_root
from qualkit.transcripts import read_transcript

CORPUS = REPO / "datasets" / "corpus"
LESSON = REPO / "lessons" / "02-focus-group-data" / "02-focus-group-data.ipynb"
RAW = sorted((CORPUS / "raw").glob("*.txt"))


def sentences(text: str) -> set[str]:
    """Sentences of 6+ words, tags and punctuation removed, lower case."""
    plain = re.sub(r"\[[A-Za-z ]+\]", " ", text).lower()
    return {
        " ".join(words)
        for part in re.split(r"[.!?]", plain)
        if len(words := re.findall(r"[a-z']+", part)) >= 6
    }


def grade(answer: dict) -> float:
    """Lesson 02's identifier test, run on ``answer`` the way autograde runs it."""
    cell = next(
        c
        for c in nbformat.read(LESSON, as_version=4).cells
        if c.id == "test_answer_2_4_identifiers"
    )
    outputs = run_test(cell.source, {"answer_2_4": answer})
    assert outputs[-1]["output_type"] == "execute_result", outputs
    return float(outputs[-1]["data"]["text/plain"])


def test_the_raw_sessions_are_pilots_only_the_key_holds_de_identified():
    corpus = qualkit.load_corpus(CORPUS)
    study = {s.session_id for s in corpus.sessions}
    shipped = "\n".join(
        p.read_text(encoding="utf-8")
        for p in CORPUS.rglob("*")
        if p.is_file() and p.parent.name != "raw"
    )
    assert len(RAW) == 3
    for path in RAW:
        sid = path.stem
        assert sid not in study and sid not in shipped, f"{sid} is in the student corpus"
        answer = key_root() / "deidentified" / path.name
        assert answer.exists(), f"the key lacks the de-identified {sid}"
        clean = read_transcript(answer)
        assert len(clean) == len(read_transcript(path))
        copied = sentences(" ".join(t.text for t in clean.turns)) & sentences(shipped)
        assert not copied, f"{sid}: sentences of the answer ship to students: {sorted(copied)[:3]}"


def test_every_planted_identifier_is_in_the_raw_text_and_tagged_in_the_key():
    with (key_root() / "identifiers.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["session_id"] for r in rows} == {p.stem for p in RAW}
    for row in rows:
        raw = read_transcript(CORPUS / "raw" / f"{row['session_id']}.txt")
        clean = read_transcript(key_root() / "deidentified" / f"{row['session_id']}.txt")
        turn = int(row["turn"])
        assert row["identifier"] in raw.turn(turn).text
        assert row["identifier"] not in clean.turn(turn).text
        assert row["replacement"] in clean.turn(turn).text


@pytest.fixture(scope="module")
def raw():
    return {p.stem: read_transcript(p) for p in RAW}


def test_the_key_de_identified_pilots_earn_full_marks(raw):
    answer = {
        sid: [t.text for t in read_transcript(key_root() / "deidentified" / f"{sid}.txt").turns]
        for sid in raw
    }
    cell = next(
        c
        for c in nbformat.read(LESSON, as_version=4).cells
        if c.id == "test_answer_2_4_identifiers"
    )
    assert grade(answer) == pytest.approx(cell.metadata.nbgrader["points"])


def test_copying_the_shipped_transcripts_earns_nothing(raw):
    """The nearest shipped turn (most words in common) stands in for each raw turn, as a
    student copying from the corpus would hand in; the raw text itself earns nothing too."""
    corpus = qualkit.load_corpus(CORPUS)
    shipped = [t.text for s in corpus.sessions for t in corpus.transcript(s.session_id).turns]
    words = [set(text.split()) for text in shipped]

    def nearest(text: str) -> str:
        mine = set(text.split())
        return shipped[
            max(range(len(shipped)), key=lambda i: len(mine & words[i]) / len(mine | words[i]))
        ]

    copied = {sid: [nearest(t.text) for t in transcript.turns] for sid, transcript in raw.items()}
    assert grade(copied) == 0
    assert grade({sid: [t.text for t in transcript.turns] for sid, transcript in raw.items()}) == 0


def test_one_de_identified_turn_pasted_everywhere_earns_nothing(raw):
    """The key's text for one turn that held an identifier, handed in for every turn: that turn
    is right, but a text given for more turns than the raw sessions could make it is rewritten."""
    with (key_root() / "identifiers.csv").open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    clean = read_transcript(key_root() / "deidentified" / f"{row['session_id']}.txt")
    text = clean.turn(int(row["turn"])).text
    assert grade({sid: [text] * len(transcript) for sid, transcript in raw.items()}) == 0


def released_skeleton() -> str:
    from skeletons import release_source

    cell = next(c for c in nbformat.read(LESSON, as_version=4).cells if c.id == "answer_2_4")
    return release_source(cell.source)


def test_the_skeleton_filled_with_lines_of_text_earns_what_the_dict_did(raw):
    """Her list of identifiers typed as text, as the release asks (one a line, a colon, its
    tag; a stray quotation mark and a Python habit's quotes left in), grades as the worked
    example's dict would: every identifier the key planted, tagged by its category."""
    import re as re_module

    from qualkit.identifier_list import identifiers

    with (key_root() / "identifiers.csv").open(encoding="utf-8", newline="") as handle:
        planted = {
            r["identifier"]: r["category"].upper()
            for r in csv.DictReader(handle)
            if r["session_id"] in raw
        }
    lines = [f"{name}: [{tag}]" for name, tag in planted.items()]
    lines[0] = f'"{lines[0].replace(": ", chr(34) + ": " + chr(34))}",'  # "Name": "[TAG]",
    skeleton = released_skeleton()
    assert '\n...\n"""' in skeleton  # the blank: a line of its own in the text block
    filled = skeleton.replace("\n...\n", "\n" + "\n".join(lines) + '\nA "stray" quote: [PLACE]\n')
    names = {"raw": raw, "re": re_module, "identifiers": identifiers}
    with pytest.raises(qualkit.StudentError, match='"A "stray" quote" .* is in no raw turn'):
        exec(filled, names)  # the cell runs, and the line no raw turn holds is named
    exec(filled.replace('A "stray" quote: [PLACE]\n', ""), names)
    as_dict = {}
    for sid, transcript in raw.items():  # the worked example's dict, longest first, by hand
        texts = []
        for turn in transcript.turns:
            text = turn.text
            for name in sorted(planted, key=len, reverse=True):
                text = re.sub(rf"\b{re.escape(name)}\b", f"[{planted[name]}]", text)
            texts.append(text)
        as_dict[sid] = texts
    assert names["answer_2_4"] == as_dict
    assert grade(names["answer_2_4"]) == grade(as_dict) > 0


def test_the_unfilled_skeleton_says_what_to_write(raw):
    from qualkit.identifier_list import identifiers
    from qualkit.messages import blanks_in

    skeleton = released_skeleton()
    assert blanks_in(skeleton) == 1
    with pytest.raises(qualkit.NoAnswerYetError, match="one a line, in place of the ... line"):
        exec(skeleton, {"raw": raw, "re": re, "identifiers": identifiers})
