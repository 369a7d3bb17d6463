"""The corpus engine (datasets/generator): loading, casting, assembly, key, output.

The machinery is tested on a fixture talk folder written by tests/talk_fixture.py (so a
problem in the hand-written talk does not hide an engine bug, and the engine was testable
before the talk existed). The hand-written talk itself is measured in test_corpus_data.py.
"""

from __future__ import annotations

import doctest
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from talk_fixture import write_fixture

from qualkit.corpus import load_corpus
from qualkit.errors import InputError
from qualkit.key import load_key

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "datasets" / "generator"
sys.path.insert(0, str(REPO / "datasets"))

from generator import assemble, codes, facts, generate, talk, writer  # noqa: E402
from generator.second_coders import decisions_kappa  # noqa: E402

MODULES = sorted(p.stem for p in GENERATOR.glob("*.py") if p.stem != "__init__")


@pytest.fixture(scope="module")
def fixture_dir(tmp_path_factory) -> Path:
    return write_fixture(tmp_path_factory.mktemp("talk"))


@pytest.fixture(scope="module")
def fixture_talk(fixture_dir):
    return talk.load_talk(fixture_dir)


@pytest.fixture(scope="module")
def built(fixture_talk):
    return generate.build(generate.DEFAULT_SEED, fixture_talk)


@pytest.fixture(scope="module")
def written(built, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    writer.write(writer.render(built), out)
    return out


# -- located errors ---------------------------------------------------------------------------
def _edit(folder: Path, name: str, old: str, new: str) -> Path:
    path = folder / "pss" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "fg1.yaml",
            "[[PSS_BOUNDARY|",
            "[[HV_CONCRETE|",
            r"fg1.yaml: line \d+ field 'turns\[\d+\]\.w\d\d': expected a code of the pss model or a cross-cutting code, found 'HV_CONCRETE'",
        ),
        ("fg1.yaml", "[[PSS_BOUNDARY|", "[[PSS_NOPE|", r"fg1.yaml: line \d+ .*found 'PSS_NOPE'"),
        (
            "fg1.yaml",
            "[[PSS_BOUNDARY|",
            "[PSS_BOUNDARY|",
            r"fg1.yaml: line \d+ field 'turns\[\d+\]\.w\d\d': expected a '\[\[CODE\|words\]\]' span",
        ),
        (
            "fg1.yaml",
            "{@w02.child1}",
            "{@w02.child3}",
            r"fg1.yaml: line \d+ .*expected a child w02 has \(she has 1\), found 'child3'",
        ),
        (
            "fg1.yaml",
            "{@w02}",
            "{@w09}",
            r"fg1.yaml: line \d+ .*expected a placeholder naming a woman of this session",
        ),
        ("fg1.yaml", "from {PLACE}", "from {TOWN}", r"fg1.yaml: line \d+ .*expected \{@id\}"),
        (
            "fg1.yaml",
            "- F: Say more about that.",
            "- F: '[[X_CPS_FEAR|Say more]]'",
            r"fg1.yaml: line \d+ .*expected no codes on the facilitator's turns",
        ),
        (
            "fg1.yaml",
            "- w03: Yeah.",
            "- w12: Yeah.",
            r"fg1.yaml: line \d+ field 'turns\[\d+\]\.w12': expected F or a speaker of this session",
        ),
        (
            "fg1.yaml",
            "kind: focus_group",
            "kind: party",
            r"fg1.yaml: line 1 field 'kind': expected one of focus_group, interview, found 'party'",
        ),
        ("fg1.yaml", "turns:", "turns: [\n", r"fg1.yaml: line \d+: expected valid YAML"),
        (
            "cast.yaml",
            "age: 3 months",
            "age: three-ish",
            r"cast.yaml: line \d+ field 'women\[1\]\.children\[0\]\.age': expected an age as spoken",
        ),
        (
            "cast.yaml",
            "moud: methadone",
            "moud: heroin",
            r"cast.yaml: line \d+ field 'women\[0\]\.moud': expected one of methadone",
        ),
        (
            "cast.yaml",
            "role: peer support specialist",
            "role: doula",
            r"cast.yaml: line \d+ field 'women\[0\]\.supporter': expected a supporter role with 'peer' for pss",
        ),
        (
            "cast.yaml",
            "  work: none\n",
            "",
            r"cast.yaml: line \d+ field 'women\[0\]\.work': expected a value for 'work', found 'nothing'",
        ),
        (
            "practice.yaml",
            "topic: best",
            "topic: gossip",
            r"practice.yaml: line \d+ field 'exchanges\[3\]\.topic': expected one of warmup",
        ),
        (
            "practice.yaml",
            "I'm {@A}.",
            "I'm {@C}.",
            r"practice.yaml: line \d+ field 'exchanges\[0\]\.turns\[1\]\.A': expected a placeholder naming a woman",
        ),
        (
            "practice.yaml",
            "moud: methadone",
            "moud: candy",
            r"practice.yaml: line \d+ field 'exchanges\[2\]\.roles\.B\.moud': expected one of",
        ),
    ],
)
def test_a_talk_mistake_is_refused_with_file_line_and_field(tmp_path, name, old, new, message):
    folder = write_fixture(tmp_path)
    _edit(folder, name, old, new)
    with pytest.raises(InputError, match=message):
        talk.load_talk(folder)


def test_nfp_is_only_for_a_first_time_mother(tmp_path):
    folder = write_fixture(tmp_path)
    path = folder / "home_visiting" / "cast.yaml"
    data = yaml.safe_load(path.read_text())
    data["women"][3]["children"].append({"name": "Zed", "sex": "boy", "age": "3 years"})
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(
        InputError, match=r"women\[3\]\.supporter': expected NFP only for a first-time mother"
    ):
        talk.load_talk(folder)


# -- fact sheets ------------------------------------------------------------------------------
SHEET = facts.FactSheet(
    "w1", "Dana", 29, (facts.Child("Luis", "boy", "6 years"), facts.Child("Ava", "girl", "9 months")),
    None, "buprenorphine", "daily film", "a year", "none", "apartment", "none",
    facts.Supporter("Tasha", "parent educator"), "PAT", "none",
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("My three kids keep me busy.", "'my three kids' but she has 2"),
        ("My sons are loud.", "'my sons' but she has 1 boy"),
        ("My only child sleeps.", "'my only child' but she has 2"),
        ("My four-year-old asked.", "'my four-year-old' but her children are 6 years, 9 months"),
        ("I'm on methadone now.", "'I'm on methadone' but her MOUD is buprenorphine"),
        ("I pick up my take-homes.", "methadone clinic dosing with buprenorphine"),
        ("I'm 30 weeks and tired.", "she is not pregnant"),
        ("My nurse home visitor said so.", "her supporter is a parent educator"),
    ],
)
def test_each_checkable_rule_finds_its_contradiction(text, problem):
    found = facts.contradictions(SHEET, text)
    assert any(problem.lower() in f.lower() for f in found), found


def test_what_fits_her_sheet_passes_the_rules():
    fits = "My son Luis is six and my daughter is nine months. Both my kids were up. My film is in my bag, my six-year-old knows."
    assert facts.contradictions(SHEET, fits) == []


def test_naltrexone_never_comes_with_daily_dosing():
    sheet = facts.FactSheet(**{**SHEET.__dict__, "moud": "naltrexone"})
    assert facts.contradictions(sheet, "I went for my dose at the clinic.")
    assert facts.contradictions(sheet, "I get my shot once a month.") == []


# -- practice groups --------------------------------------------------------------------------
def test_practice_group_is_a_pure_function_of_model_and_seed(fixture_talk):
    one = assemble.practice_group("doula", 5, fixture_talk)
    two = assemble.practice_group("doula", 5, fixture_talk)
    assert (one.transcript, one.key) == (two.transcript, two.key)


def test_another_seed_gives_other_exchanges_order_speakers_and_key(fixture_talk):
    base = assemble.practice_group("pss", 1, fixture_talk)
    others = [assemble.practice_group("pss", seed, fixture_talk) for seed in range(2, 6)]
    assert any(o.exchanges != base.exchanges for o in others)
    assert any(
        set(o.exchanges) == set(base.exchanges) or o.exchanges[1:-1] != base.exchanges[1:-1]
        for o in others
    )
    assert any(
        [w.name for w in o.session.women] != [w.name for w in base.session.women] for o in others
    )
    assert all(o.key != base.key for o in others)


@pytest.mark.parametrize("seed", [3, 8, 21])
def test_a_practice_group_has_warmup_middle_in_guide_order_closing_and_consistent_women(
    fixture_talk, seed
):
    group = assemble.practice_group("home_visiting", seed, fixture_talk)
    pool = {e.id: e for e in fixture_talk["home_visiting"].exchanges}
    topics = [pool[e].topic for e in group.exchanges]
    assert topics[0] == "warmup" and topics[-1] == "closing"
    assert len(topics) >= 7 and "warmup" not in topics[1:-1] and "closing" not in topics[1:-1]
    assert topics[1:-1] == sorted(topics[1:-1], key=codes.TOPICS.index)
    assert 5 <= len(group.session.women) <= 6
    speakers = {t.speaker for t in group.session.turns} - {"Facilitator"}
    assert speakers == {w.name for w in group.session.women}
    for turn in group.session.turns:
        if turn.woman is not None:
            assert facts.contradictions(turn.woman, turn.text) == []
            assert facts.supporter_problem("home_visiting", turn.woman) is None
    for exchange_id in group.exchanges:
        for role, stated in pool[exchange_id].roles.items():
            turns = [
                t
                for t in group.session.turns
                if t.source.startswith(f"practice.yaml:{exchange_id}:") and t.line.speaker == role
            ]
            for turn in turns:
                for fact, value in stated.items():
                    assert getattr(turn.woman, fact) == value or [
                        (c.sex, c.age) for c in turn.woman.children
                    ] == [(c.sex, c.age) for c in value]


def test_key_spans_point_at_the_marked_words(fixture_talk):
    group = assemble.practice_group("pss", 4, fixture_talk)
    assert group.key
    for session_id, turn, _code, start, end, _ in group.key:
        assert session_id == "PSS-FG5"
        line = group.transcript.splitlines()[turn + 6]  # six header lines and a blank line
        assert group.transcript[start:end] in line
        assert group.transcript[start:end].startswith(("Practice answer", "Practice worry"))


# -- the written corpus -----------------------------------------------------------------------
def test_the_corpus_loads_with_qualkit_and_its_key_spans_lie_inside_their_turns(written):
    corpus, key = load_corpus(written / "corpus"), load_key(written / "key")
    assert [s.session_id for s in corpus.sessions if s.split == "practice"] == [
        "PSS-FG5",
        "DOULA-FG5",
        "HV-FG5",
    ]
    for coding in key.codings:
        turn = corpus.transcript(coding.session_id).turn(coding.turn)
        assert turn.start <= coding.start < coding.end <= turn.end
    team = {(c.session_id, c.turn, c.code) for c in corpus.codings("team")}
    study = {s.session_id for s in corpus.sessions if s.split == "study"}
    labels = {c.label for c in corpus.codebook.codes}
    assert team == {
        (c.session_id, c.turn, c.code)
        for c in key.codings
        if c.session_id in study and c.code in labels
    }


def test_raw_transcripts_hold_invented_identifiers_where_the_key_has_tags(written):
    """The raw transcripts are the pilots; their de-identified text is in the key alone."""
    rows = (written / "key" / "identifiers.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert rows
    for sid in ("PSS-PILOT", "DOULA-PILOT", "HV-PILOT"):
        raw = (written / "corpus" / "raw" / f"{sid}.txt").read_text(encoding="utf-8")
        clean = (written / "key" / "deidentified" / f"{sid}.txt").read_text(encoding="utf-8")
        assert not (written / "corpus" / "transcripts" / f"{sid}.txt").exists()
        assert "[PLACE]" in clean and "[PLACE]" not in raw
        for row in (r.split(",") for r in rows if r.startswith(sid)):
            assert row[3] in raw and row[3] not in clean


def test_second_coders_depart_from_the_key_only_in_the_planted_ways(built, written):
    key = load_key(written / "key")
    truth = {(c.unit, c.code) for c in key.codings if c.code in codes.STUDENT_LABELS}
    sample = [s for s in built.sessions if s.double_coded]
    units = [(s.session_id, n) for s in sample for n in range(1, len(s.turns) + 1)]
    truth = {d for d in truth if d[0] in set(units)}
    boundary = {
        ((s.session_id, n), c.code)
        for s in sample
        for n, t in enumerate(s.turns, 1)
        for c in t.coded
        if c.boundary
    }
    key_codes = {u: {c for v, c in truth if v == u} for u in units}
    secondary = {
        ((s.session_id, n), code)
        for s in sample
        for n, t in enumerate(s.turns, 1)
        for code in generate._secondary(t.coded)
    }
    second = built.second
    for coder, decisions in (("ana", second.ana), ("ben", second.ben)):
        for unit, code in decisions ^ truth:
            if (unit, code) in decisions:  # added: a neighbor of a key code, or ana's drift
                neighbor = any(p in key_codes[unit] for p in codes.partners(code))
                drift = coder == "ana" and second.drift and code == second.drift[0]
                assert neighbor or drift, (coder, unit, code)
            else:  # left out: a boundary case, its neighbor instead, a minor code, ben's code
                instead = any((unit, p) in decisions for p in codes.partners(code))
                under = coder == "ben" and code == second.under
                planted = (unit, code) in boundary | secondary or instead or under
                assert planted, (coder, unit, code)
        assert decisions_kappa(set(decisions), truth, units) >= 0.70
    assert second.ana != second.ben


def test_the_engine_reproduces_itself_and_needs_no_global_random_state(fixture_talk, built):
    import random

    random.seed(1)
    again = writer.render(generate.build(generate.DEFAULT_SEED, fixture_talk))
    random.seed(2)
    assert writer.render(built) == again


def test_writing_replaces_a_previous_seed_without_leaving_stale_files(fixture_talk, tmp_path):
    stale = tmp_path / "corpus" / "transcripts" / "OLD-FG9.txt"
    stale.parent.mkdir(parents=True)
    stale.write_text("old", encoding="utf-8")
    writer.write(writer.render(generate.build(4, fixture_talk)), tmp_path)
    assert not stale.exists() and (tmp_path / "key" / "manifest.json").exists()


@pytest.mark.slow
def test_make_datasets_with_another_seed_gives_another_practice_group_and_key(
    fixture_dir, tmp_path
):
    runs = {}
    for seed in (3021, 44):
        out = tmp_path / str(seed)
        subprocess.run(
            [sys.executable, str(GENERATOR / "generate.py"), "--seed", str(seed), "--out", str(out), "--talk", str(fixture_dir)],
            check=True, capture_output=True,
        )  # fmt: skip
        runs[seed] = out
    for name in ("corpus/transcripts/PSS-FG5.txt", "key/key.json"):
        assert (runs[3021] / name).read_bytes() != (runs[44] / name).read_bytes()
    assert (runs[3021] / "corpus/transcripts/PSS-FG1.txt").read_bytes() == (
        runs[44] / "corpus/transcripts/PSS-FG1.txt"
    ).read_bytes()


# -- the generator's own shape ----------------------------------------------------------------
@pytest.mark.parametrize("name", MODULES)
def test_the_generator_modules_doctests_pass(name):
    module = importlib.import_module(f"generator.{name}")
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


@pytest.mark.parametrize("name", MODULES)
def test_no_generator_module_is_over_400_lines(name):
    lines = (GENERATOR / f"{name}.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"{name}.py has {lines} lines"


def test_the_generator_uses_qualkits_statistics_and_models():
    for name in MODULES:
        source = (GENERATOR / f"{name}.py").read_text(encoding="utf-8")
        assert not re.search(
            r"def \w*(kappa|alpha)\w*\(", source.replace("def decisions_kappa(", "")
        ), name
        assert not re.search(r"^MODELS\b.*=", source, re.M), f"{name}.py defines MODELS again"
    source = (GENERATOR / "second_coders.py").read_text(encoding="utf-8")
    assert "from qualkit.agreement import cohens_kappa" in source
