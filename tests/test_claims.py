"""Numbers and code labels the kit's texts state about the default corpus are the corpus's.

Each test computes a figure with qualkit from the committed corpus (the same calls the lessons
make) and finds it where a text states it, so an exemplar, a rubric anchor or a note cannot
drift from the data. Code labels: every label a text names exists in the codebook (or is one of
the inductive codes a text invents as an example), and a model's own codes are named only
where they can occur: in that model's sessions.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
import pytest
from kit_texts import Text, all_texts, paragraphs, prose_of
from test_quotations import ATTRIBUTION, SESSION

from qualkit.corpus import load_corpus
from qualkit.framework import framework_matrix

from conftest import REPO

LABEL = re.compile(r"\b(?:PSS|DOULA|HV|X)_[A-Z][A-Z_]*[A-Z]\b")
PREFIX = {"PSS": "pss", "DOULA": "doula", "HV": "home_visiting"}
MODEL_WORDS = {"peer support": "pss", "doula": "doula", "home visiting": "home_visiting"}
# Codes the texts make up on purpose: a student's new code (lesson 03) and a flawed entry.
INVENTED = {"X_TRANSPORT", "X_WAITING", "X_SUPPORT"}


@cache
def corpus():
    return load_corpus(REPO / "datasets" / "corpus")


@cache
def key_labels() -> frozenset[str]:
    from qualkit.codebook import read_codebook

    return frozenset(read_codebook(REPO / "datasets" / "key" / "codebook.json").names)


def text_of(path: str) -> str:
    return (REPO / path).read_text(encoding="utf-8")


def cell(lesson: str, cell_id: str) -> str:
    import nbformat

    notebook = nbformat.read(REPO / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    return next(c.source for c in notebook.cells if c.id == cell_id)


def flat(text: str) -> str:
    return " ".join(text.split())


# ---- code labels -------------------------------------------------------------------------


@pytest.mark.parametrize("text", all_texts(), ids=lambda t: t.where)
def test_every_code_label_named_exists(text):
    known = set(corpus().codebook.names) | key_labels() | INVENTED
    unknown = sorted(set(LABEL.findall(text.body)) - known)
    assert not unknown, f"{text.where}: no such code in the codebook: {', '.join(unknown)}"


def foreign_codes(body: str, model: str) -> list[str]:
    """Model-specific codes in ``body`` that belong to another model than ``model``."""
    return sorted({c for c in LABEL.findall(body) if PREFIX.get(c.split("_")[0], model) != model})


@pytest.mark.parametrize("text", all_texts(), ids=lambda t: t.where)
def test_a_paragraph_about_one_session_names_only_codes_that_can_occur_there(text):
    """A paragraph that names exactly one session names no other model's own codes."""
    body = prose_of(text) if text.kind == "markdown" else ""
    wrong = []
    for start, end in paragraphs(body):
        block = body[start:end]
        sessions = set(re.findall(SESSION, block))
        if len(sessions) != 1:
            continue
        (session,) = sessions
        model = corpus().session(session).model
        if foreign := foreign_codes(block, model):
            wrong.append(f"{session} is a {model} session, yet {', '.join(foreign)}")
    assert not wrong, f"{text.where}: " + "; ".join(wrong)


@cache
def reconciliation_session() -> str:
    """Lesson 04 reconciles the student's own practice group; its exemplars use the default one
    (the first practice group), coded by the solution."""
    return min(
        (s for s in corpus().sessions if s.split == "practice"), key=lambda s: s.order
    ).session_id


def solution_disagreements() -> list[int]:
    """Turns where lesson 04's solution coding (the key of the first practice group, its first
    code left off and an unused code added to its first four coded turns: the slips of lesson
    03's partial coder) differs from the key."""
    from qualkit.key import load_key

    c, session = corpus(), reconciliation_session()
    key = [x for x in load_key().codings if x.session_id == session and x.code in c.codebook]
    left = sorted({x.code for x in key})[0]
    first_four = sorted({x.turn for x in key})[:4]
    return sorted({x.turn for x in key if x.code == left} | set(first_four))


def section(text: str, start: str, stop: str) -> str:
    return text[text.index(start) : text.index(stop, text.index(start))]


def test_the_reconciliation_exemplars_name_only_codes_of_their_interview():
    model = corpus().session(reconciliation_session()).model
    guide = section(text_of("instructors/04-intercoder-agreement.md"), "### 4.4", "### 4.5")
    lesson = "04-intercoder-agreement"
    for where, body in (
        ("instructors/04 4.4 exemplars", guide),
        ("04 reconciliation_log", cell(lesson, "reconciliation_log")),
        ("04 codebook_revision", cell(lesson, "codebook_revision")),
    ):
        foreign = foreign_codes(body, model)
        assert not foreign, (
            f"{where}: {reconciliation_session()} is a {model} session; "
            f"{', '.join(foreign)} cannot occur in it"
        )


# ---- a quotation supports a claim about its own model -----------------------------------

GROUPS = re.compile(
    r"\b(peer\s+support|doula|home\s+visiting)\s+(?:groups?|interviews?|sessions?)\b"
)


def quotes_under_model_claims(text: Text) -> list[str]:
    body = prose_of(text)
    wrong = []
    for start, end in paragraphs(body):
        block = body[start:end]
        outside = re.sub(r'"[^"]*"|“[^”]*”', lambda m: " " * len(m.group(0)), block)
        for found in re.finditer(r'["”]' + ATTRIBUTION.pattern, block):
            claims = GROUPS.findall(outside[: found.start()])
            if not claims:
                continue
            session = corpus().session(found["session"])
            claim = " ".join(claims[-1].split())
            if MODEL_WORDS[claim] != session.model:
                wrong.append(
                    f"a claim about the {claim} groups quotes {found['speaker']} of "
                    f"{found['session']}, a {session.model} session"
                )
    return wrong


@pytest.mark.parametrize("text", all_texts(), ids=lambda t: t.where)
def test_a_quotation_supports_a_claim_about_its_own_model(text):
    wrong = quotes_under_model_claims(text)
    assert not wrong, f"{text.where}: " + "; ".join(wrong)


def test_the_model_check_catches_a_quote_from_another_model():
    turn = next(t for t in corpus().transcript("HV-FG2").turns if t.speaker != "Facilitator")
    text = Text(
        "example",
        "markdown",
        f'Women in the doula groups said so: "{turn.text[:30]}" ({turn.speaker}, HV-FG2).',
    )
    assert quotes_under_model_claims(text)


# ---- numbers ------------------------------------------------------------------------------


@cache
def study_rates() -> pd.DataFrame:
    """Lesson 06's matrix: the team's segments per participant, cross-cutting codes × model."""
    c = corpus()
    study = [s.session_id for s in c.sessions if s.split == "study"]
    shared = [code.label for code in c.codebook.codes if code.category == "cross_cutting"]
    matrix = framework_matrix(c, c.codings("team"), codes=shared, sessions=study)
    return matrix.segments / pd.Series(participants_per_model())


@cache
def participants_per_model() -> dict[str, int]:
    people: dict[str, set] = {}
    for s in corpus().sessions:
        if s.split == "study":
            people.setdefault(s.model, set()).update(s.participant_ids)
    return {model: len(ids) for model, ids in people.items()}


@cache
def function_rates() -> pd.DataFrame:
    """Lesson 06's worked example: the team's coded turns per participant, function × model."""
    from qualkit.charting.own_chart import FUNCTIONS

    c = corpus()
    study = [s.session_id for s in c.sessions if s.split == "study"]
    codes = [code for codes in FUNCTIONS.values() for code in codes]
    segments = framework_matrix(c, c.codings("team"), codes=codes, sessions=study).segments
    by_function = pd.DataFrame({f: segments.loc[list(cs)].sum() for f, cs in FUNCTIONS.items()})
    return by_function.T / pd.Series(participants_per_model())


def test_the_06_notes_give_the_corpus_rates_per_participant():
    notes = text_of("instructors/06-comparing-support-models.md")
    counts = participants_per_model()
    stated = (
        f"{counts['pss']} peer support, {counts['doula']} doula, "
        f"{counts['home_visiting']} home visiting"
    )
    assert stated in flat(notes), f"06 notes: participants per model are {stated}"
    for function, row in function_rates().iterrows():
        want = (
            f"| {function} | {row['pss']:.2f} | {row['doula']:.2f} | {row['home_visiting']:.2f} |"
        )
        assert want in notes, f"06 notes: the row of {function} should read {want}"


def test_the_over_quantified_examples_quote_the_true_ratio():
    rates = study_rates().loc["X_STIGMA_CARE"]
    per_woman = f"{rates['doula']:.1f} times per woman"
    ratio = f"{rates['doula'] / rates['home_visiting']:.1f} times more"
    example = flat(cell("06-comparing-support-models", "concept_counts"))
    assert per_woman in example and ratio in example, (
        f"06 self-check (a) should say '{per_woman}' and '{ratio}'"
    )
    assert ratio in flat(text_of("instructors/06-comparing-support-models.md")), (
        f"06 notes, the low exemplar of 6.5 should say '{ratio}'"
    )


@cache
def paradox() -> dict:
    """Lesson 04's 4.3: the code both ana and ben used with the largest gap between percent
    agreement and κ, over the double-coded sessions, and its figures."""
    import qualkit

    c = corpus()
    sessions = [s for s in c.sessions if s.double_coded]
    units = [(s.session_id, t.turn) for s in sessions for t in c.transcript(s.session_id).turns]
    pair = [*c.codings("ana"), *c.codings("ben")]
    table = qualkit.per_code_agreement(pair, units, coders=("ana", "ben")).to_frame(overall=False)
    both = table[(table["applied by ana"] > 0) & (table["applied by ben"] > 0)]
    code = (both["percent agreement"] - both["Cohen's kappa"]).idxmax()
    ana = {(x.session_id, x.turn) for x in c.codings("ana") if x.code == code}
    ben = {(x.session_id, x.turn) for x in c.codings("ben") if x.code == code}
    study = sum(len(c.transcript(s.session_id).turns) for s in c.sessions if s.split == "study")
    return {
        "code": code,
        "units": len(units),
        "ana": len(ana),
        "ben": len(ben),
        "shared": len(ana & ben),
        "one": len(ana ^ ben),
        "percent": round(100 * float(table.loc[code, "percent agreement"])),
        "kappa": float(table.loc[code, "Cohen's kappa"]),
        "positive": 2 * len(ana & ben) / (len(ana) + len(ben)),
        "sample": round(100 * len(units) / study),
    }


def test_the_paradox_answers_give_the_corpus_figures():
    p = paradox()
    answer = flat(cell("04-intercoder-agreement", "paradox_why"))
    notes = flat(text_of("instructors/04-intercoder-agreement.md"))
    for where, text in (("04 paradox_why", answer), ("04 notes", notes)):
        for phrase in (
            f"{p['ana']} turns and ben",
            f"{p['shared']}",
            f"{p['one']} turns only one",
            f"{p['percent']}%",
            f"about {p['kappa']:.2f}",
        ):
            assert phrase in text, f"{where}: expected '{phrase}' ({p})"
    assert f"{p['units']} turns" in notes and f"`{p['code']}`" in notes
    assert f"({2 * p['shared']} of {p['ana'] + p['ben']}, {p['positive']:.2f})" in answer
    assert f"{p['sample']}% of study turns" in notes


def test_the_reconciliation_exemplars_count_the_disagreements():
    turns = solution_disagreements()
    words = dict(
        enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight"])
    )
    guide = flat(text_of("instructors/04-intercoder-agreement.md"))
    assert f"the solution's {words[len(turns)]} disagreements" in guide
    assert f"reconcile these {words[len(turns)]} turns" in guide
    log = cell("04-intercoder-agreement", "reconciliation_log")
    logged = {
        int(n)
        for head in re.findall(r"\*\*Turns? ([^*]+)\*\*", log)
        for n in re.findall(r"\d+", head.split(":")[0])
    }
    assert logged == set(turns), f"the model log covers turns {sorted(logged)}, not {turns}"


def test_the_02_group_dynamics_exemplar_gives_the_first_group_figures():
    """Lesson 02's 2.5 exemplar: the facilitator's share of words in the first focus group."""
    c = corpus()
    first = min((s for s in c.sessions if s.kind == "focus_group"), key=lambda s: s.order)
    turns = c.transcript(first.session_id).turns
    words = {t.turn: len(t.text.split()) for t in turns}
    facilitator = sum(words[t.turn] for t in turns if t.speaker == first.facilitator)
    share = round(100 * facilitator / sum(words.values()))
    notes = flat(text_of("instructors/02-focus-group-data.md"))
    stated = re.search(r"the facilitator spoke (\d+)% of the words", notes)
    assert stated is None or int(stated[1]) == share, (
        f"02 notes: in {first.session_id} the facilitator spoke {share}% of the words, "
        f"not {stated[1]}%"
    )


def test_the_05_notes_give_the_corpus_saturation_points():
    """Lesson 05's 5.4 on the default corpus, in collection order: base 4 and run 2 at 0% (and
    at ≤5%), and the premature stop of base 2 and run 1 at 0%."""
    import qualkit

    study = sorted((s for s in corpus().sessions if s.split == "study"), key=lambda s: s.order)
    ids = [s.session_id for s in study]
    codes: dict[str, set] = {}
    for x in corpus().codings("team"):
        if x.session_id in ids:
            codes.setdefault(x.session_id, set()).add(x.code)
    units = [codes.get(i, set()) for i in ids]
    usual, early, small = (
        qualkit.assess_saturation(units, base=b, run=r, threshold=t).reported
        for b, r, t in ((4, 2, 0.0), (4, 2, 0.05), (2, 1, 0.0))
    )
    notes = flat(text_of("instructors/05-categories-themes-saturation.md"))
    assert (
        f"default corpus: {usual} and {small}; at ≤5% b = 4, r = 2 also stops early, at {early}"
        in notes
    )
    assert f"Code saturation was reached at {usual} (b = 4, r = 2, 0%)" in notes
    # What the premature stop missed, as the model answer and the rubric name it.
    stop = sum(int(n) for n in small.split("+"))
    heard = set().union(*units[:stop])
    missed = set().union(*units[stop:]) - heard
    for code in ("PSS_MATCH_IDENTITY", "PSS_PEER_RECURRENCE", "DOULA_ADVOCACY_LEGAL"):
        assert code in missed and code in notes, code
