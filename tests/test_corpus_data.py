"""The generated corpus and key: counts, consistency, talk, tiers, agreement, key boundary.

Every test runs twice: on the committed default corpus (``datasets/``) and on a corpus made
with another seed in a temporary folder, so the rules are properties of the generator, not of
one lucky draw. Sentence rules are re-implemented here, not imported from the generator.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from pathlib import Path

import pytest

from qualkit.agreement import cohens_kappa, krippendorff_alpha
from qualkit.codebook import read_codebook
from qualkit.codings import read_codings
from qualkit.corpus import load_corpus
from qualkit.key import load_key

REPO = Path(__file__).resolve().parents[1]
GENERATE = REPO / "datasets" / "generator" / "generate.py"
OTHER_SEED = int(os.environ.get("QUALKIT_TEST_SEED", "7"))  # vary to sweep seeds
MODELS = ("pss", "doula", "home_visiting")
PREFIX = {"pss": "PSS_", "doula": "DOULA_", "home_visiting": "HV_"}
INDUCTIVE = {"PSS_CONFIDENTIALITY", "X_GIVING_BACK", "HV_ELIGIBILITY"}
FACILITATORS = {"Facilitator", "Interviewer"}
TAG = re.compile(r"\[([A-Z]+)\]")
LABEL = re.compile(r"\b(PSS|DOULA|HV|X)_[A-Z]+(_[A-Z]+)*\b")
STIGMA = re.compile(
    r"\b(addicts?|abusers?|junkies?|junkie|clean|dirty|drug-seeking|substance abuse)\b", re.I
)
COLLOQUIAL = re.compile(r"\b(clean|dirty|junkie|addict)\b", re.I)


# -- the sentence rule, written out again independently of datasets/generator/sentences.py ---
def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?…])[\"'”’)\]]*\s+", text.strip()) if s]


def normal(sentence: str) -> str:
    text = re.sub(r"\[[a-z][^\]]*\]", " ", sentence.replace("’", "'"))
    while True:  # leading clauses of up to three words ending in a comma ("Um," "Like she said,")
        head, comma, rest = text.partition(",")
        if not comma or len(head.split()) > 3 or not rest.strip():
            break
        text = rest
    words = re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split()
    out: list[str] = []
    for word in (w.strip("'") for w in words):
        if word and (not out or out[-1] != word):
            out.append(word)
    return " ".join(out)


@dataclass
class Data:
    """One generated corpus and its key, read from files."""

    root: Path

    @cached_property
    def corpus(self):
        return load_corpus(self.root / "corpus")

    @cached_property
    def key(self):
        return load_key(self.root / "key")

    @cached_property
    def manifest(self) -> dict:
        return json.loads((self.root / "key" / "manifest.json").read_text(encoding="utf-8"))

    @cached_property
    def units(self) -> dict[tuple[str, int], dict]:
        return {(r["session_id"], int(r["turn"])): r for r in self.key.units}

    @cached_property
    def codes(self) -> dict[tuple[str, int], set[str]]:
        out: dict[tuple[str, int], set[str]] = defaultdict(set)
        for coding in self.key.codings:
            out[coding.unit].add(coding.code)
        return out

    @cached_property
    def full_codebook(self):
        return read_codebook(self.root / "key" / "codebook.json")

    @cached_property
    def identifiers(self) -> list[dict]:
        with (self.root / "key" / "identifiers.csv").open(encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    def participant_turns(self, session_id: str):
        return [
            t for t in self.corpus.transcript(session_id).turns if t.speaker not in FACILITATORS
        ]

    def person(self, session_id: str, speaker: str):
        return self.corpus.participant_for(session_id, speaker)

    def groups(self, model: str | None = None, split: str | None = "study"):
        return [
            s
            for s in sorted(self.corpus.sessions, key=lambda s: s.order)
            if s.kind == "focus_group"
            and (model is None or s.model == model)
            and (split is None or s.split == split)
        ]

    def session_codes(self, session_id: str) -> set[str]:
        return {c for (sid, _), codes in self.codes.items() if sid == session_id for c in codes}


@pytest.fixture(scope="module", params=["default", f"seed-{OTHER_SEED}"])
def data(request, tmp_path_factory) -> Data:
    if request.param == "default":
        return Data(REPO / "datasets")
    out = tmp_path_factory.mktemp("other-seed")
    subprocess.run(
        [sys.executable, str(GENERATE), "--seed", str(OTHER_SEED), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return Data(out)


# -- counts and structure ---------------------------------------------------------------------
def test_sessions_per_model_follow_the_design(data: Data):
    for model in MODELS:
        own = [s for s in data.corpus.sessions if s.model == model]
        kinds = Counter((s.kind, s.split) for s in own)
        assert kinds == {
            ("focus_group", "study"): 4,
            ("focus_group", "practice"): 1,
            ("interview", "study"): 3,
        }
    orders = sorted(s.order for s in data.corpus.sessions)
    assert orders == list(range(1, len(orders) + 1))


def test_focus_groups_have_a_facilitator_4_to_8_participants_and_60_to_150_turns(data: Data):
    for session in data.groups(split=None):
        transcript = data.corpus.transcript(session.session_id)
        speakers = set(transcript.speakers) - {"Facilitator"}
        assert "Facilitator" in transcript.speakers
        assert 4 <= len(session.participant_ids) <= 8
        assert speakers == {data.corpus.participant(p).pseudonym for p in session.participant_ids}
        assert 60 <= len(transcript) <= 150, session.session_id


def test_interviews_have_an_interviewer_one_participant_and_longer_turns(data: Data):
    def sentences_per_turn(kind):
        turns = [
            t
            for s in data.corpus.sessions
            if s.kind == kind
            for t in data.participant_turns(s.session_id)
        ]
        return sum(len(sentences(t.text)) for t in turns) / len(turns)

    for session in (s for s in data.corpus.sessions if s.kind == "interview"):
        assert set(data.corpus.transcript(session.session_id).speakers) == {
            "Interviewer",
            data.corpus.participant(session.participant_ids[0]).pseudonym,
        }
    assert sentences_per_turn("interview") > 1.2 * sentences_per_turn("focus_group")


def test_every_transcript_says_it_is_simulated_and_carries_the_content_note(data: Data):
    for session in data.corpus.sessions:
        header = " ".join(data.corpus.transcript(session.session_id).header)
        assert "SIMULATED DATA" in header and "not real participants" in header
        for topic in ("overdose", "child removal", "IPV", "trauma"):
            assert topic in header


def test_files_are_utf8_with_unix_line_endings(data: Data):
    for path in (data.root / "corpus").rglob("*"):
        if path.is_file() and path.suffix in {".txt", ".csv", ".json"}:
            raw = path.read_bytes()
            assert b"\r\n" not in raw, path
            raw.decode("utf-8")


# -- participants -----------------------------------------------------------------------------
def test_participant_attributes_obey_the_consistency_rules(data: Data):
    for person in data.corpus.participants:
        a = person.attributes
        months = int(a["months_postpartum"]) if a["months_postpartum"] else None
        assert person.model in a["services"].split(";")
        if a["perinatal_status"] == "pregnant":
            assert person.model == "home_visiting" and months is None
            assert a["infant_nows_treatment"] == "not_applicable"
        else:
            assert months is not None and a["infant_nows_treatment"] in ("yes", "no")
        if person.model == "pss":  # the seed study: postpartum, parenting a child under 5
            assert a["perinatal_status"] == "postpartum" and months < 60
        if person.model == "doula":  # gave birth within the doula program's 12-month window
            assert a["perinatal_status"] == "postpartum" and months <= 12
        if a["hv_program"] == "nfp":  # Nurse-Family Partnership: first-time mothers only
            first = 0 if a["perinatal_status"] == "pregnant" else 1
            assert int(a["parity"]) == first
        assert (a["hv_program"] != "none") == ("home_visiting" in a["services"])
        assert 19 <= int(a["age"]) <= 44 and 0 <= int(a["ace_score"]) <= 10
        assert a["moud"] in ("buprenorphine", "methadone", "naltrexone", "none")


def test_a_quarter_of_each_models_participants_also_used_another_model(data: Data):
    for model in MODELS:
        own = [p for p in data.corpus.participants if p.model == model]
        share = sum(1 for p in own if len(p.attributes["services"].split(";")) > 1) / len(own)
        assert 0.20 <= share <= 0.30, (model, share)


def test_only_the_first_interviewee_of_each_model_also_sat_in_a_group(data: Data):
    shared = {
        p.participant_id: p.session_ids for p in data.corpus.participants if len(p.session_ids) > 1
    }
    assert len(shared) == 3
    for sessions in shared.values():
        prefix = sessions[0].split("-")[0]
        assert sessions == (f"{prefix}-FG1", f"{prefix}-INT1")
    assert data.manifest["shared_participants"] == {k: list(v) for k, v in shared.items()}
    for session in data.corpus.sessions:
        for pid in session.participant_ids:
            assert session.session_id in data.corpus.participant(pid).session_ids
    pseudonyms = [p.pseudonym for p in data.corpus.participants]
    assert len(set(pseudonyms)) == len(pseudonyms)


def test_what_participants_say_fits_who_they_are(data: Data):
    nows = re.compile(r"\b(NICU|withdrawal|NOWS|morphine)\b", re.I)
    daily_dosing = re.compile(r"\bdos(e|ing)\b.*\b(clinic|every (morning|day)|daily)\b", re.I)
    mentions = {"doula": re.compile(r"\bdoulas?\b", re.I)}
    dosing: dict[str, list[bool]] = defaultdict(list)
    for session in data.corpus.sessions:
        said: dict[str, str] = defaultdict(str)
        for turn in data.participant_turns(session.session_id):
            said[turn.speaker] += " " + turn.text
            person = data.person(session.session_id, turn.speaker)
            codes = data.codes.get(turn.unit, set())
            if person.attributes["perinatal_status"] == "pregnant":
                assert "X_NOWS_GUILT" not in codes and not nows.search(turn.text), turn
            if "X_NOWS_GUILT" in codes:
                assert person.attributes["infant_nows_treatment"] == "yes", turn
            if session.model != "doula" and mentions["doula"].search(turn.text):
                assert "doula" in person.attributes["services"], turn
        for speaker, text in said.items():
            person = data.person(session.session_id, speaker)
            dosing[person.attributes["moud"]].append(bool(daily_dosing.search(text)))
            if int(person.attributes["parity"]) <= 1:
                assert not (re.search(r"\bmy son\b", text) and re.search(r"\bmy daughter\b", text))
    rate = {moud: sum(v) / len(v) for moud, v in dosing.items()}
    # Methadone is dosed at the clinic daily; buprenorphine mostly at home: mentions differ.
    assert rate["methadone"] >= 0.5 and rate["methadone"] >= 2 * rate["buprenorphine"], rate


# -- sentences --------------------------------------------------------------------------------
def test_at_least_800_distinct_participant_sentences_none_used_more_than_3_times(data: Data):
    uses: Counter[str] = Counter()
    for session in data.corpus.sessions:
        for turn in data.participant_turns(session.session_id):
            for sentence in sentences(turn.text):
                key = normal(sentence)
                if len(key.split()) >= 4:  # backchannels under four words are exempt
                    uses[key] += 1
    assert len(uses) >= 800
    assert max(uses.values()) <= 3, uses.most_common(3)


def test_the_sentence_rule_normalises_openers_and_stutters():
    assert normal("Like Kayla said, I — I just [laughs] needed her.") == "i just needed her"
    assert normal("Um, so, she was there for me.") == normal("She was there for me!")
    assert sentences("Yeah. She was there! Was she?") == ["Yeah.", "She was there!", "Was she?"]


# -- group dynamics and the facilitator ------------------------------------------------------
def test_no_participant_holds_over_35_percent_except_the_intended_dominant_speaker(data: Data):
    roles = data.manifest["roles"]
    for session in data.groups(split=None):
        turns = data.participant_turns(session.session_id)
        counts = Counter(t.speaker for t in turns)
        dominant = roles[session.session_id].get("dominant")
        for speaker, count in counts.items():
            if speaker != dominant:
                assert count / len(turns) <= 0.35, (session.session_id, speaker)
        if dominant:
            assert counts[dominant] / len(turns) > 0.35
    for model in MODELS:
        assert any("dominant" in roles[s.session_id] for s in data.groups(model))


def test_the_quiet_participant_is_drawn_out_by_name(data: Data):
    for session in data.groups(split=None):
        quiet = data.manifest["roles"][session.session_id]["quiet"]
        turns = data.corpus.transcript(session.session_id).turns
        assert any(
            a.speaker == "Facilitator" and quiet in a.text and b.speaker == quiet
            for a, b in pairwise(turns)
        ), session.session_id


def test_the_facilitator_probes_by_naming_what_the_speaker_said(data: Data):
    for session in data.groups(split=None):
        turns = data.corpus.transcript(session.session_id).turns
        probes = [
            b
            for a, b in pairwise(turns)
            if b.speaker == "Facilitator"
            and a.speaker not in FACILITATORS
            and a.speaker in b.text
            and re.search(r"(mentioned|said|say|talked about|brought up)", b.text)
        ]
        assert len(probes) >= 2, session.session_id


def test_the_guide_confidentiality_and_language_of_the_facilitator(data: Data):
    for session in data.corpus.sessions:
        asking = [
            t for t in data.corpus.transcript(session.session_id).turns if t.speaker in FACILITATORS
        ]
        assert all(not STIGMA.search(t.text) for t in asking), session.session_id
        questions = [t for t in asking if t.text.rstrip().endswith("?")]
        assert len(questions) >= 8, session.session_id
        if session.kind == "focus_group":  # ground rule at the start, reminder before privacy
            reminders = [
                t
                for t in asking
                if re.search(
                    r"stays? (in this room|here)|keep what others share here private", t.text
                )
            ]
            assert len(reminders) >= 2 and reminders[0].turn == 1, session.session_id


def test_talk_has_agreement_chains_disagreement_tangents_and_negative_cases(data: Data):
    build_on = re.compile(
        r"^(Like \w+ said|Going off what|Same as \w+|Same|Yeah, like she said|Mm-hm, mine too)",
        re.I,
    )
    for session in data.groups(split=None):
        turns = data.participant_turns(session.session_id)
        flags = [data.units[t.unit]["flags"] for t in turns]
        assert any(build_on.search(t.text) for t in turns), session.session_id
        assert any("off_topic" in f for f in flags)
        assert any("negative_case" in f for f in flags)
        uncoded = sum(1 for t in turns if not data.codes.get(t.unit)) / len(turns)
        assert 0.05 <= uncoded <= 0.15, (session.session_id, uncoded)


def test_colloquial_self_descriptions_are_flagged_and_only_those(data: Data):
    flagged = 0
    for session in data.corpus.sessions:
        for turn in data.corpus.transcript(session.session_id).turns:
            is_flagged = "lang_flag" in data.units[turn.unit]["flags"]
            flagged += is_flagged
            assert bool(COLLOQUIAL.search(turn.text)) == is_flagged, turn
    assert 1 <= flagged <= 20


# -- planted codes: tiers, comparison, saturation --------------------------------------------
def test_tiers_core_in_every_group_moderate_in_most_rare_late_and_in_at_most_two(data: Data):
    tiers = data.manifest["tiers"]
    for model in MODELS:
        study = data.groups(model)
        present = [data.session_codes(s.session_id) for s in study]
        practice = data.session_codes(data.groups(model, "practice")[0].session_id)
        for code, tier in tiers.items():
            if not (code.startswith(PREFIX[model]) or code.startswith("X_")):
                continue
            where = [i + 1 for i, codes in enumerate(present) if code in codes]
            if tier == "C":
                assert where == [1, 2, 3, 4] and code in practice, (model, code)
            elif tier == "M":
                assert len(where) >= 3, (model, code, where)
            else:
                assert 1 <= len(where) <= 2 and min(where) >= 3, (model, code, where)
                assert code not in practice
                speakers = {
                    data.person(sid, t.speaker).participant_id
                    for (sid, n), codes in data.codes.items()
                    if code in codes and sid.startswith(PREFIX[model].split("_")[0] + "-")
                    for t in [data.corpus.transcript(sid).turn(n)]
                }
                model_people = sum(1 for p in data.corpus.participants if p.model == model)
                assert len(speakers) / model_people <= 0.05


def test_model_codes_stay_in_their_model_and_cross_cutting_codes_are_balanced(data: Data):
    share: dict[str, dict[str, float]] = {}
    for model in MODELS:
        counts: Counter[str] = Counter()
        turns = 0
        for session in data.groups(model):
            for turn in data.participant_turns(session.session_id):
                turns += 1
                counts.update(data.codes.get(turn.unit, ()))
        foreign = [c for c in counts if not (c.startswith(PREFIX[model]) or c.startswith("X_"))]
        assert not foreign
        own = sum(v for c, v in counts.items() if c.startswith(PREFIX[model]))
        assert own / sum(counts.values()) >= 0.40, model
        share[model] = {
            c: counts[c] / turns for c in ("X_COLLAB_ENGAGE", "X_STIGMA_CARE", "X_CPS_FEAR")
        }
    for code in ("X_COLLAB_ENGAGE", "X_STIGMA_CARE", "X_CPS_FEAR"):  # within a factor 2.5
        values = [share[m][code] for m in MODELS]
        assert max(values) <= 2.5 * min(values), (code, values)


def test_saturation_new_codes_fall_and_rare_codes_come_late(data: Data):
    for model in MODELS:
        seen: set[str] = set()
        new = []
        for session in (s for s in sorted(data.corpus.sessions, key=lambda s: s.order)
                        if s.model == model and s.split == "study"):  # fmt: skip
            codes = data.session_codes(session.session_id)
            new.append(len(codes - seen))
            seen |= codes
        groups, interviews = new[:4], new[4:]
        assert groups[0] >= 0.5 * len(seen) and groups[0] + groups[1] >= 0.75 * len(seen)
        assert groups[0] > groups[1] >= groups[3] and groups[2] >= groups[3]
        assert interviews == [0, 0, 0]
        table = data.manifest["saturation"][model]["full_codebook"]
        assert [row["new"] for row in table] == new


def test_meaning_saturation_new_dimensions_in_every_study_group(data: Data):
    for model, entry in data.manifest["meaning_saturation"].items():
        seen: set[str] = set()
        for session in data.groups(model):
            dims = {
                flag.split("=", 1)[1]
                for (sid, _), unit in data.units.items()
                if sid == session.session_id
                for flag in unit["flags"].split(";")
                if flag.startswith("dimension=")
            }
            assert dims - seen, (model, session.session_id)
            seen |= dims
        assert set(entry["dimensions_first_seen"]) >= seen


def test_every_code_has_a_clear_exemplar_and_a_borderline_case(data: Data):
    for code in data.full_codebook.names:
        clear = [
            u
            for u, codes in data.codes.items()
            if code in codes
            and not data.units[u]["flags"]
            and f"borderline {code}" not in data.units[u]["note"]
        ]
        borderline = [
            u
            for u, codes in data.codes.items()
            if code in codes and f"borderline {code}" in data.units[u]["note"]
        ]
        assert clear and borderline, code
        exemplar = data.manifest["exemplars"][code]
        assert set(exemplar) == {"clear", "borderline"}


def test_flagged_units_match_their_flags(data: Data):
    rules = {c.label: c.when_not_to_use.lower() for c in data.full_codebook.codes}
    seen: Counter[str] = Counter()
    for unit, row in data.units.items():
        flags = set(filter(None, row["flags"].split(";")))
        codes = data.codes.get(unit, set())
        seen.update(f.split("=")[0] for f in flags)
        if "ambiguous" in flags:
            pair = re.search(r"fits (\w+) and (\w+)", row["note"]).groups()
            assert set(pair) <= codes
        if "distractor" in flags:
            tempting = re.search(r"tempting: ([\w ]+) \((\w+)\)", row["note"])
            trap, kind = tempting.group(1).split(), tempting.group(2)
            assert trap and not set(trap) & codes
            if "exclusion_trap" in flags:
                who = kind.split("_")[0]
                assert any(who in rules[t] for t in trap), (unit, kind)
        if "negative_case" in flags or "lang_flag" in flags:
            assert codes
        if "off_topic" in flags:
            assert not codes
    for flag in (
        "ambiguous",
        "distractor",
        "exclusion_trap",
        "negative_case",
        "off_topic",
        "lang_flag",
        "dimension",
    ):
        assert seen[flag] > 0, flag


# -- second coders and agreement --------------------------------------------------------------
def _decisions(data: Data, coder: str) -> set[tuple[tuple[str, int], str]]:
    if coder == "key":
        return {
            (u, c) for u, codes in data.codes.items() for c in codes if c in data.corpus.codebook
        }
    return {(c.unit, c.code) for c in data.corpus.codings(coder)}


def test_double_coded_sample_is_about_a_quarter_of_study_turns(data: Data):
    study = [s for s in data.corpus.sessions if s.split == "study"]
    sample = [s for s in study if s.double_coded]
    assert {s.kind for s in sample} == {"focus_group", "interview"}
    assert all(sum(1 for s in sample if s.model == m) == 2 for m in MODELS)
    share = sum(len(data.corpus.transcript(s.session_id)) for s in sample) / sum(
        len(data.corpus.transcript(s.session_id)) for s in study
    )
    assert 0.19 <= share <= 0.27, share


def test_first_pass_agreement_is_moderate_and_one_rare_code_shows_the_prevalence_paradox(
    data: Data,
):
    sample = [s for s in data.corpus.sessions if s.double_coded]
    units = [t.unit for s in sample for t in data.corpus.transcript(s.session_id).turns]
    codes = data.corpus.codebook.names
    coders = {name: _decisions(data, name) for name in ("ana", "ben", "key")}
    coders["key"] = {d for d in coders["key"] if d[0][0] in {s.session_id for s in sample}}

    def vector(name, only=None):
        chosen = coders[name]
        return [(u, c) in chosen for u in units for c in (only or codes)]

    for a, b in (("ana", "ben"), ("ana", "key"), ("ben", "key")):
        assert 0.60 <= cohens_kappa(vector(a), vector(b)) <= 0.75, (a, b)
    assert 0.60 <= krippendorff_alpha([vector("ana"), vector("ben")]) <= 0.75
    paradox = []
    for code in codes:
        if data.manifest["tiers"].get(code) != "R":
            continue
        a, b = vector("ana", [code]), vector("ben", [code])
        if any(a) or any(b):
            agree = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
            if agree > 0.90 and cohens_kappa(a, b) < 0.50:
                paradox.append(code)
    assert data.manifest["agreement"]["prevalence_paradox"]["code"] in paradox


def test_second_coders_use_the_student_codebook_with_adjacent_confusions(data: Data):
    sample = {s.session_id for s in data.corpus.sessions if s.double_coded}
    pairs = {frozenset(p) for p in data.manifest["confusable_pairs"]}
    for name in ("ana", "ben"):
        mine = _decisions(data, name)
        key = {d for d in _decisions(data, "key") if d[0][0] in sample}
        assert {u[0] for u, _ in mine} <= sample
        assert all(c in data.corpus.codebook for _, c in mine)
        swaps = [
            (u, c)
            for u, c in mine - key
            if any(frozenset((c, k)) in pairs for k in data.codes.get(u, ()))
        ]
        assert len(swaps) >= 5, name


def test_team_coding_is_the_key_on_study_sessions_with_student_codes(data: Data):
    study = {s.session_id for s in data.corpus.sessions if s.split == "study"}
    team = _decisions(data, "team")
    expected = {d for d in _decisions(data, "key") if d[0][0] in study}
    assert team == expected
    assert {c.coder for c in data.corpus.codings("team")} == {"team"}


# -- de-identification ------------------------------------------------------------------------
def test_raw_sessions_carry_planted_identifiers_that_the_released_text_masks(data: Data):
    raw = sorted((data.root / "corpus" / "raw").glob("*.txt"))
    assert len(raw) >= 2
    released_all = (data.root / "corpus" / "turns.csv").read_text(encoding="utf-8")
    released_all += "".join(
        p.read_text(encoding="utf-8") for p in (data.root / "corpus" / "transcripts").glob("*.txt")
    )
    pseudonyms = {p.pseudonym for p in data.corpus.participants}
    by_turn: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for row in data.identifiers:
        by_turn[(row["session_id"], int(row["turn"]))].append(row)
        assert not re.search(rf"\b{re.escape(row['identifier'])}\b", released_all), row
        assert row["identifier"] not in pseudonyms
        assert row["replacement"] == f"[{row['category']}]"
        if row["category"] == "PHONE":
            assert re.fullmatch(r"555-01\d\d", row["identifier"])
    for path in raw:
        sid = path.stem
        original = data.corpus.transcript(sid)
        from qualkit.transcripts import read_transcript

        rough = read_transcript(path, sid)
        assert len(rough) == len(original)
        categories = {r["category"] for (s, _), rows in by_turn.items() if s == sid for r in rows}
        assert len(categories) >= 5, sid
        for raw_turn, turn in zip(rough.turns, original.turns, strict=True):
            rows = by_turn.get(turn.unit, [])
            assert [m.group(0) for m in TAG.finditer(turn.text)] == [r["replacement"] for r in rows]
            text = raw_turn.text
            for row in rows:  # identifiers in order of appearance
                text = text.replace(row["identifier"], row["replacement"], 1)
            assert text == turn.text


def test_released_transcripts_use_only_known_tags(data: Data):
    allowed = {"CHILD", "PARTNER", "STAFF", "CLINIC", "PLACE", "DATE", "PHONE", "NAME"}
    for session in data.corpus.sessions:
        tags = TAG.findall(data.corpus.transcript(session.session_id).text)
        assert set(tags) <= allowed


# -- the key boundary -------------------------------------------------------------------------
def test_student_files_carry_no_planted_label(data: Data):
    corpus = data.root / "corpus"
    practice = {s.session_id for s in data.corpus.sessions if s.split == "practice"}
    double = {s.session_id for s in data.corpus.sessions if s.double_coded}
    forbidden_words = re.compile(
        r"dimension=|negative_case|exclusion_trap|lang_flag|off_topic|planted|distractor|"
        r"borderline|tempting:|\"flags\"|\"tier\"",
        re.I,
    )
    for path in corpus.rglob("*"):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        assert not forbidden_words.search(text), path
        if path.suffix == ".csv":
            header = set(text.split("\n", 1)[0].split(","))
            assert not header & {"codes", "flags", "note", "dimension", "tier"}, path
    for path in (corpus / "transcripts").glob("*.txt"):
        assert not LABEL.search(path.read_text(encoding="utf-8")), path
    for path in (corpus / "raw").glob("*.txt"):
        assert not LABEL.search(path.read_text(encoding="utf-8")), path
    for name in ("team", "ana", "ben"):
        codings = read_codings(corpus / "codings" / f"{name}.json", data.corpus.codebook)
        sessions = {c.session_id for c in codings.codings}
        assert not sessions & practice and not codings.added_codes
        assert not any(s in (corpus / "codings" / f"{name}.json").read_text() for s in practice)
        if name != "team":
            assert sessions <= double
    assert not INDUCTIVE & set(data.corpus.codebook.names)
    assert not any(code in (corpus / "codebook.json").read_text() for code in INDUCTIVE)
    assert set(data.full_codebook.names) >= INDUCTIVE
    assert set(data.manifest["inductive_codes"]) == INDUCTIVE


def test_key_covers_every_session_including_practice(data: Data):
    sessions = {c.session_id for c in data.key.codings.codings}
    assert sessions == {s.session_id for s in data.corpus.sessions}
    assert {c.coder for c in data.key.codings.codings} == {"key"}
    assert len(data.units) == sum(
        len(data.corpus.transcript(s.session_id)) for s in data.corpus.sessions
    )


def test_codebook_examples_are_written_for_the_codebook_not_taken_from_transcripts(data: Data):
    text = " ".join(
        normal(t.text)
        for s in data.corpus.sessions
        for t in data.corpus.transcript(s.session_id).turns
    )
    for code in data.full_codebook.codes:
        example = normal(code.example.strip('"“”'))
        assert example and example not in text, code.label
