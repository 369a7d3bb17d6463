"""The corpus generator (datasets/generator): reproducible, seeded, checked, and honest.

The engine is tested with a stand-in phrase bank made here (so a broken real bank does not hide
an engine bug) and with the real banks (byte-for-byte reproduction of the committed corpus).
"""

from __future__ import annotations

import csv
import doctest
import importlib
import random
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from qualkit.agreement import cohens_kappa
from qualkit.errors import InputError

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "datasets"))

from generator import (  # noqa: E402
    banks,
    codebook_text,
    codes,
    consistency,
    design,
    generate,
    guide,
    identifiers,
    personal,
    population,
    second_coders,
    sentences,
    writer,
)

MODULES = (
    "banks",
    "codebook_text",
    "codes",
    "consistency",
    "design",
    "generate",
    "guide",
    "identifiers",
    "manifest",
    "personal",
    "planting",
    "population",
    "result",
    "second_coders",
    "sentences",
    "talk",
    "writer",
)


def stand_in_module(model: str) -> SimpleNamespace:
    """A small phrase bank of numbered, distinct, neutral sentences for every code."""
    labels = codes.codes_for(model)
    words = [
        "apple",
        "river",
        "candle",
        "window",
        "garden",
        "pencil",
        "ladder",
        "basket",
        "mirror",
        "blanket",
    ]

    def lines(tag: str, label: str, n: int) -> list[str]:
        return [
            f"Stand-in {tag} number {i} about the {words[i % len(words)]} for {label.lower()}."
            for i in range(n)
        ]

    pairs = [(a, b) for a, b in codes.CONFUSABLE if a in labels and b in labels][:4]
    dim_code = {"pss": "PSS_BOUNDARY", "doula": "DOULA_POSTPARTUM_GAP"}.get(
        model, "HV_SURVEILLANCE"
    )
    return SimpleNamespace(
        PHRASES={label: lines("phrase", label, 24) for label in labels},
        BORDERLINE={label: lines("edge", label, 6) for label in labels},
        AMBIGUOUS={pair: lines("both", "-".join(pair), 6) for pair in pairs},
        NEGATIVE={label: lines("unhelpful", label, 6) for label in labels[:4]},
        DIMENSIONS={dim_code: {f"side{i}": lines(f"side{i}", dim_code, 6) for i in range(5)}},
        DISTRACTORS=[
            {
                "kind": "family_help",
                "codes": [],
                "trap": [labels[0]],
                "sentences": lines("family", model, 8),
            }
        ],
        UNCODED=lines("weather talk", model, 60),
        BUILD_ON=["Same for me.", "Yeah, like she said,", "I kind of disagree, though."],
        COLLOQUIAL={
            labels[0]: [f"I have been clean for a while now, stand-in {i}." for i in range(3)]
        },
    )


@pytest.fixture(scope="module")
def stand_in() -> dict:
    return {m: banks.build_bank(m, stand_in_module(m), f"<{m} stand-in>") for m in codes.MODELS}


@pytest.fixture(scope="module")
def real_banks() -> dict:
    return banks.load_banks()


# -- reproducibility --------------------------------------------------------------------------
def test_default_seed_reproduces_the_committed_files_byte_for_byte(tmp_path: Path):
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "datasets" / "generator" / "generate.py"),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"seed {generate.DEFAULT_SEED}" in result.stdout
    for top in ("corpus", "key"):
        fresh = {p.relative_to(tmp_path) for p in (tmp_path / top).rglob("*") if p.is_file()}
        committed = {
            p.relative_to(REPO / "datasets")
            for p in (REPO / "datasets" / top).rglob("*")
            if p.is_file() and p.name != ".gitkeep"
        }
        assert fresh == committed
        for relative in sorted(fresh):
            assert (tmp_path / relative).read_bytes() == (
                REPO / "datasets" / relative
            ).read_bytes(), (
                f"{relative} differs: run `python datasets/generator/generate.py` and commit"
            )


def test_a_seed_gives_the_same_corpus_every_time(real_banks):
    assert writer.render(generate.build(11, real_banks)) == writer.render(
        generate.build(11, real_banks)
    )


def test_another_seed_gives_different_talk_and_key_but_the_same_structure(real_banks):
    one = writer.render(generate.build(generate.DEFAULT_SEED, real_banks))
    two = writer.render(generate.build(generate.DEFAULT_SEED + 1, real_banks))
    assert one.keys() == two.keys()
    assert one["key/key.json"] != two["key/key.json"]
    assert one["corpus/turns.csv"] != two["corpus/turns.csv"]
    differing = [p for p in one if p.startswith("corpus/transcripts/") and one[p] != two[p]]
    assert len(differing) == 24
    assert one["corpus/codebook.json"] == two["corpus/codebook.json"]


def test_the_engine_needs_no_global_random_state(real_banks):
    random.seed(1)
    first = writer.render(generate.build(3, real_banks))
    random.seed(2)
    assert writer.render(generate.build(3, real_banks)) == first


# -- the engine on a stand-in bank ------------------------------------------------------------
def test_the_engine_builds_a_full_corpus_from_a_stand_in_bank(stand_in):
    generated = generate.build(5, stand_in)
    files = writer.render(generated)
    assert len([p for p in files if p.startswith("corpus/transcripts/")]) == 24
    for output in generated.sessions:
        if output.spec.is_group:
            assert 60 <= len(output.turns) <= 150, output.spec.session_id
        for turn in output.turns:
            assert set(turn.codes) <= set(codes.LABELS)
            if turn.participant_id is None:
                assert not turn.codes
    assert "Stand-in" in files["corpus/transcripts/PSS-FG1.txt"]
    assert "Stand-in" not in files["corpus/codebook.json"]


def test_writing_replaces_a_previous_seed_without_leaving_stale_files(tmp_path: Path, stand_in):
    stale = tmp_path / "corpus" / "transcripts" / "OLD-FG9.txt"
    stale.parent.mkdir(parents=True)
    stale.write_text("old", encoding="utf-8")
    keep = tmp_path / "corpus" / ".gitkeep"
    keep.write_text("", encoding="utf-8")
    files = writer.render(generate.build(5, stand_in))
    writer.write(files, tmp_path)
    assert not stale.exists() and keep.exists()
    assert (tmp_path / "key" / "key.json").read_text(encoding="utf-8") == files["key/key.json"]


# -- phrase banks -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"PHRASES": {"PSS_NOT_A_CODE": ["I liked her."]}}, "PHRASES key 'PSS_NOT_A_CODE'"),
        ({"PHRASES": {"HV_SURVEILLANCE": ["She watched me."]}}, "a code of this model"),
        ({"UNCODED": ["We met at {SCHOOL}."]}, "tags among"),
        ({"UNCODED": ["That was pure PSS_BOUNDARY talk."]}, "talk without code labels"),
        ({"UNCODED": [""]}, "UNCODED[0]: expected a non-empty sentence"),
    ],
)
def test_a_bank_with_a_mistake_is_refused_with_the_place_named(change, message):
    module = SimpleNamespace(**{**vars(stand_in_module("pss")), **change})
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        banks.build_bank("pss", module, "phrases_pss.py")


def test_the_real_banks_cover_every_code_of_their_model(real_banks):
    for model, bank in real_banks.items():
        for label in codes.codes_for(model):
            assert bank.phrases.get(label), (model, label)
            assert bank.borderline.get(label), (model, label)
        assert bank.size >= 300, model


def test_codebook_examples_are_not_bank_sentences(real_banks):
    bank_keys = set()
    for bank in real_banks.values():
        for group in (bank.phrases, bank.borderline, bank.negative, bank.colloquial):
            for lines in group.values():
                for line in lines:
                    bank_keys.add(sentences.normalise(line.text))
    for code in codebook_text.full_codebook().codes:
        assert sentences.normalise(code.example.strip('"')) not in bank_keys, code.label


# -- participants and consistency -------------------------------------------------------------
def test_attribute_draws_obey_the_consistency_rules():
    rng = random.Random(0)
    for index in range(2000):
        model = codes.MODELS[index % 3]
        person = population.draw_person(rng, "P1", "Ann", model, ("X",), None)
        if person.pregnant:
            assert model == "home_visiting" and person.infant_nows_treatment == "not_applicable"
        if model == "doula":
            assert person.months_postpartum <= 12
        if person.hv_program == "nfp":
            assert person.first_time
        assert 19 <= person.age <= 44


def test_exactly_a_quarter_also_used_another_model():
    flags = population.other_services(random.Random(1), "pss", 33)
    assert sum(1 for f in flags if f) == 8 and "pss" not in flags


def test_sentences_only_go_to_someone_they_fit():
    rng = random.Random(2)
    people = [
        population.draw_person(rng, f"P{i}", "Ann", "home_visiting", ("X",), None)
        for i in range(400)
    ]
    pregnant = next(p for p in people if p.pregnant)
    on_bup = next(p for p in people if p.moud == "buprenorphine" and not p.pregnant)
    first = next(p for p in people if p.first_time and not p.pregnant)
    nicu = consistency.needs_of("He was in the NICU for ten days.", "home_visiting")
    dosing = consistency.needs_of(
        "I dose at the clinic every morning, it's methadone.", "home_visiting"
    )
    older = consistency.needs_of("My older kids help with the baby.", "home_visiting")
    doula = consistency.needs_of("My doula came to the visit too.", "home_visiting")
    assert not consistency.fits(pregnant, nicu)
    assert not consistency.fits(on_bup, dosing)
    assert not consistency.fits(first, older)
    assert consistency.fits(first, consistency.needs_of("She was kind to me.", "home_visiting"))
    assert all(consistency.fits(p, doula) == ("doula" in p.services) for p in people)


def test_the_baby_is_he_or_she_and_of_an_age_as_her_youngest_child_is():
    rng = random.Random(5)
    people = [population.draw_person(rng, f"P{i}", "Ann", "pss", ("X",), None) for i in range(200)]
    girl = next(p for p in people if p.child_sex == "daughter" and p.months_postpartum == 2)
    boy = next(p for p in people if p.child_sex == "son" and p.months_postpartum >= 30)

    def fits(person, text):
        return consistency.fits(person, consistency.needs_of(text, "pss"))

    assert not fits(girl, "He had that high-pitched cry and I kept thinking, I did this.")
    assert fits(boy, "He had that high-pitched cry and I kept thinking, I did this.")
    assert not fits(boy, "It rained the day she was born, and it hasn't stopped since.")
    # A male pronoun that can point to a man says nothing about the baby.
    assert fits(girl, "My boyfriend got locked up, so I lost his paycheck.")
    assert not fits(girl, "Honestly, the peer knows exactly what his weight should be.")
    assert fits(girl, "My toddler would not sleep, so I was up all night.") == (
        girl.older_children > 0
    )
    assert fits(boy, "My toddler would not sleep, so I was up all night.")
    assert not fits(boy, "He's teething right now, so forgive me.")


def test_a_generated_corpus_keeps_each_speakers_baby_straight(real_banks):
    """Checked with patterns written here, not the generator's own."""
    male = re.compile(r"\b(he|him|his|himself)\b|\bhe'", re.I)
    man = re.compile(
        r"\b(boyfriend|partner|husband|fianc\w*|ex|dad|father|stepdad|brother|uncle|doctor|resident"
        r"|anesthesiologist|dentist|judge|son|boy|oldest|man|guy)\b|\{PARTNER\}",
        re.I,
    )
    girl = re.compile(r"\bshe was born\b|\bher scores?\b|\bhold her\b|\bbaby sister\b", re.I)
    born = re.compile(r"\bNICU\b|\bnewborn\b|\bwhen (he|she) was born\b|\bteething\b", re.I)
    generated = generate.build(generate.DEFAULT_SEED, real_banks)
    people = {p.participant_id: p for p in generated.design.people}
    checked = 0
    for output in generated.sessions:
        for turn in output.turns:
            if turn.participant_id is None:
                continue
            person = people[turn.participant_id]
            for sentence in sentences.split_sentences(turn.text):
                checked += 1
                where = (output.spec.session_id, person.pseudonym, sentence)
                if person.pregnant:
                    assert not born.search(sentence), where
                elif person.child_sex == "daughter":
                    assert not (male.search(sentence) and not man.search(sentence)), where
                else:
                    assert not girl.search(sentence), where
                assert "one older ones" not in sentence, where
    assert checked > 1000


def test_the_design_shares_only_the_first_interviewee_with_the_first_group():
    built = design.build_design(random.Random(4))
    shared = [p for p in built.people if len(p.session_ids) > 1]
    assert sorted(p.session_ids for p in shared) == [
        ("DOULA-FG1", "DOULA-INT1"),
        ("HV-FG1", "HV-INT1"),
        ("PSS-FG1", "PSS-INT1"),
    ]
    assert sorted(s.session_id for s in built.sessions if s.raw) == sorted(design.RAW_SESSIONS)


# -- identifiers, agreement, guide, codebook --------------------------------------------------
def test_identifiers_stay_the_same_for_one_speaker_and_fit_the_child():
    ids = identifiers.Identities(random.Random(3), "PSS-FG1", {"Ann": "son", "Bea": "daughter"})
    first = ids.render("My son {CHILD} and {STAFF}.", "Ann", 4)
    again = ids.render("{CHILD} again, with {STAFF}.", "Ann", 9)
    other = ids.render("My girl {CHILD}.", "Bea", 5)
    names = [r.identifier for r in ids.records]
    assert names[0] == names[2] and names[1] == names[3]
    assert names[0] in identifiers.BOY_NAMES and names[4] in identifiers.GIRL_NAMES
    assert first.startswith("My son ") and "{" not in again + other
    assert [r.replacement for r in ids.records] == [
        "[CHILD]",
        "[STAFF]",
        "[CHILD]",
        "[STAFF]",
        "[CHILD]",
    ]
    invented = (
        set(identifiers.CHILD_NAMES) | set(identifiers.PARTNER_NAMES) | set(identifiers.STAFF_NAMES)
    )
    assert not invented & set(population.PSEUDONYMS)


def test_pooled_kappa_agrees_with_qualkit_agreement():
    rng = random.Random(6)
    n = 400
    a = {i for i in range(n) if rng.random() < 0.1}
    b = {i for i in range(n) if (i in a) != (rng.random() < 0.05)}
    expected = cohens_kappa([i in a for i in range(n)], [i in b for i in range(n)])
    assert second_coders.pooled_kappa(a, b, n) == pytest.approx(expected)


def test_each_model_has_a_guide_of_8_to_12_questions_in_non_stigmatising_words():
    texts = [
        *guide.OPENING_GROUP,
        *guide.OPENING_INTERVIEW,
        *guide.CONFIDENTIALITY_REMINDER,
        *guide.PROBES_GROUP,
        *guide.PROBES_INTERVIEW,
        *guide.PROBES_OTHERS,
        *guide.REDIRECT,
        *guide.DRAW_OUT,
        *guide.MANAGE_DOMINANT,
        *guide.CLOSING_GROUP,
        *guide.CLOSING_INTERVIEW,
        *guide.REFLECT,
        *(seed.probe for seed in codes.SEEDS),
    ]
    for model in codes.MODELS:
        questions = guide.guide(model)
        assert 8 <= len(questions) <= 12
        texts += questions
    for text in texts:
        for word in guide.STIGMATISING:
            assert word not in text.lower(), (word, text)


def test_the_codebooks_follow_macqueen_and_hide_the_inductive_codes():
    full, student = codebook_text.full_codebook(), codebook_text.student_codebook()
    assert len(full) == 40 and {c.category for c in full.codes} == {
        "pss",
        "doula",
        "home_visiting",
        "cross_cutting",
    }
    assert set(full.names) - set(student.names) == set(codes.INDUCTIVE)
    for code in student.codes:
        for field in ("brief", "full", "when_to_use", "when_not_to_use", "example"):
            text = getattr(code, field)
            assert text.strip() and not any(label in text for label in codes.INDUCTIVE), code.label


def test_the_personal_sentences_are_about_the_person():
    assert personal.child_age(7) == "seven months"
    person = population.draw_person(random.Random(9), "P1", "Ann", "pss", ("X",), None)
    assert any(personal.family(random.Random(1), person))


def test_the_data_card_table_matches_the_committed_sessions():
    card = (REPO / "datasets" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| (\d+) \| ([A-Z]+-(?:FG|INT)\d) \| .*? \| (\d+) \| (yes|no) \| (yes|no) \|$",
        card,
        re.M,
    )
    with (REPO / "datasets" / "corpus" / "sessions.csv").open(encoding="utf-8") as handle:
        sessions = list(csv.DictReader(handle))
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (s["order"], s["session_id"], s["turns"], s["double_coded"]) for s in sessions
    ], "datasets/README.md's session table is out of date"


@pytest.mark.parametrize("name", MODULES)
def test_the_generator_modules_doctests_pass(name):
    module = importlib.import_module(f"generator.{name}")
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_the_facilitator_of_a_graded_practice_group_never_names_a_code():
    """Each code has one probe phrase; in the groups students are graded on, a probe in those
    words right after a turn would give that turn's key code away."""
    from generator.codes import SEED

    from qualkit.corpus import load_corpus

    corpus = load_corpus(REPO / "datasets" / "corpus")
    phrases = {seed.probe for seed in SEED.values()}
    practice = [s for s in corpus.sessions if s.split == "practice"]
    assert practice
    for session in practice:
        for turn in corpus.transcript(session.session_id).turns:
            if turn.speaker == session.facilitator:
                named = [p for p in phrases if p in turn.text]
                assert not named, f"{session.session_id} turn {turn.turn} names {named}"
    study = " ".join(t.text for t in corpus.transcript("PSS-FG1").turns)
    assert any(p in study for p in phrases), "the check must be able to find a named probe"
