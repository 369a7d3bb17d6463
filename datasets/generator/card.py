"""The data card (datasets/README.md): its prose, with every number filled from the corpus.

``python datasets/generator/card.py`` rewrites datasets/README.md from the committed corpus
and key. The word-spotting coder's κ needs scikit-learn (a test dependency): it is computed
by tests/word_spotter.py, as the test that guards it does. tests/test_corpus_data.py checks
that the committed card is what this module writes.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: qualkit and the tests' word spotter importable.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    sys.path.insert(1, str(Path(__file__).resolve().parents[2] / "tests"))

from qualkit.corpus import MODELS, load_corpus
from qualkit.key import load_key

DATASETS = Path(__file__).resolve().parents[1]
TEMPLATE = """# Data card: qualkit's simulated focus-group corpus

> **Every person, place and word in this corpus is fictional.** The qualkit team wrote it by
> hand for teaching. No transcript, participant, clinic, town or agency is real, and no sentence
> is taken or paraphrased from a study, an abstract or a paper title.
>
> **Content note:** the talk touches on overdose, child removal, intimate partner violence (IPV)
> and trauma.

The corpus simulates a qualitative descriptive study of three kinds of perinatal support for
women in recovery from opioid use disorder (OUD): **peer support specialists** (PSS), **doulas**
and **home visiting** (HV). The PSS groups mirror the setting of the seed study (postpartum
women parenting a child under five, a private room in a clinic; Fallin-Bennett, Elswick &
Ashford 2020, *Addictive Behaviors* 102:106204).

**Why fictional.** Real transcripts from pregnant and parenting women with OUD cannot be shared:
disclosures about drug use, child welfare and partner violence carry legal and social risk, and
participants did not consent to classroom reuse. A fictional corpus can be shared openly, and
because its codes are marked where they were written (the *key*), students' coding, agreement
and saturation results can be checked against a truth that real data never has. The talk is
written whole, as conversations, by people who read how focus-group and interview talk really
goes; it is still written, not recorded: treat it as practice material, not evidence.

## Contents

| model | study focus groups | practice focus group | interviews | participants | turns | words |
|---|---|---|---|---|---|---|
{contents}

Sessions in collection order (default seed 3021):

| order | session | model | kind | split | participants | turns | words | double-coded |
|---|---|---|---|---|---|---|---|---|
{sessions}

- **Study sessions** (4 focus groups + 3 interviews per model) are the research data: the team's
  coding covers them. **Practice groups** (FG5) are what students code for grades; no shipped
  coding covers them, only the instructor's key. A practice group is assembled by seed from a
  pool of 18 hand-written exchanges per model (below), so another seed gives another group.
- **Interviews** are one-to-one (interviewer and one participant): a life told in order, long
  answers, probes that follow her own words. A woman may sit in one focus group and one
  interview of her model (her `session_ids` list both); the interview goes deeper into the
  same life.
- **Double-coded sample:** each model's FG3 and INT2, coded by `ana` and `ben`.

## How it was written and assembled

**The talk** lives in `datasets/generator/talk/<model>/` as YAML, in the format of
`datasets/generator/TALK_FORMAT.md`: `cast.yaml` (a fact sheet per woman: children with
sex and age, pregnancy, medication for OUD (MOUD) and how she gets it, recovery, partner,
housing, work, her supporter's name and role, home visiting program, child-welfare contact),
`fg1.yaml`–`fg4.yaml` and `int1.yaml`–`int3.yaml` (turns in order), and `practice.yaml` (the
practice pool). Codes are marked on the words that carry them, `[[CODE|words]]`, a boundary
case as `[[CODE?|words]]`; `{{@w03}}` names a woman of the cast and `{{PLACE}}`, `{{CLINIC}}`,
`{{HOSPITAL}}`, `{{AGENCY}}`, `{{STREET}}`, `{{DATE}}`, `{{PHONE}}`, `{{PERSON}}` plant identifiers for
the de-identification exercise. The loader checks every file and names the file, line, field
and what was expected for any mistake (unknown or other-model code, open span, a placeholder for
a woman not in the session or a child she does not have, a supporter role that does not fit
the program, …).

**Assembly** (`python datasets/generator/generate.py --seed N --out DIR`, or
`make datasets SEED=… OUT=…`; default seed 3021, default output this folder):

- Study sessions are the talk as written; names are the cast's pseudonyms; identifiers become
  `[PLACE]`-style tags in `transcripts/`.
- **Pilot sessions** (`talk/pilot.yaml`: one short session per model, held to try out the
  guide) exist for students only **raw**, in `raw/`, with invented identifiers (new values per
  seed) for lesson 02's de-identification exercise. Their de-identified text is in the key
  alone (`key/deidentified/`), and they are in no other corpus file, so nothing students have
  holds the answer.
- A practice group takes one warmup, five middle exchanges in guide order (a sixth or seventh
  when five leave it under 2,500 words) and one closing, and casts five or six women: each
  exchange's roles go to different women, whose drawn fact sheets (distributions below) agree
  with the facts the roles state, and no casting is kept in which anything a woman says
  contradicts her sheet. `generator.assemble.practice_group(model, seed)` is a pure function:
  one group per student can be made the same way. Default-seed exchanges: {practice}.
- Second coders (below) and raw identifiers are drawn from the seed too; every random choice
  comes from a `random.Random` seeded with the seed and the stage's name. A test regenerates
  the default seed and compares every file byte for byte with the committed ones.

| module | what it does |
|---|---|
| `talk.py`, `markup.py` | load and validate the talk; parse spans and placeholders, render text with code spans |
| `facts.py` | fact sheets and the checkable consistency rules |
| `casting.py`, `population.py` | choose a practice group's exchanges, cast its women, draw their sheets |
| `assemble.py` | sessions in collection order, transcripts, key spans, `practice_group` |
| `pilot.py`, `identifiers.py` | the pilot sessions' raw and de-identified versions, with invented identifiers |
| `second_coders.py` | `ana` and `ben` (κ from `qualkit.agreement`) |
| `measures.py`, `manifest.py` | the measures below and the key's manifest |
| `codes.py`, `codebook_text.py` | the 40 codes, tiers, planted strengths, the MacQueen codebook text |
| `writer.py`, `generate.py` | files and the command line |
| `card.py` | this data card, every number filled from the corpus |

**Practice-group women** (drawn where the exchanges leave facts free; assumptions from the
domain brief §5.3): age ~ Normal(31, 5) in 19–44; MOUD buprenorphine 50%, methadone 35%,
naltrexone 3%, none 12%; one to three children (doula groups: youngest under a year); home
visiting program NFP (first-time mothers only) or PAT, HFA, EHS.

**Checkable consistency rules** (`facts.py`; every woman, every turn, a test): children's number
and sex ("my two kids", "my son", "my only child", "both my kids"), ages ("my four-year-old"),
pregnancy ("I'm 30 weeks", no born baby's withdrawal talk from a woman pregnant with her first),
MOUD words ("I'm on methadone", "my film", "my shot", "my take-homes") against her medication,
methadone clinic dosing never with buprenorphine, naltrexone and no MOUD never with daily
dosing, a supporter role that fits the model (a peer; a doula; NFP nurses, PAT parent educators,
HFA and EHS home visitors) and NFP only for a first-time mother.

## Measures (issue 9; default seed; a test guards each, on this corpus and another seed)

{measures}

How they are counted: words exclude transcription notes such as `[laughs]`; a sentence is split
after `.`, `!`, `?` or `…`, compared lower-cased without notes and punctuation, and counted once
per turn; "addresses or builds on another" means naming another woman of the session or a
phrase such as "like she said", "I agree", "that's not how it was for me"; British spellings are
a word list (colour, centre, counsellor, labour, mum, organise, paediatric, programme, …).

**What structure still tells** (reported, not a goal; `coded_share_by_structure`): {cues}. Short
reactions ("Yeah." "Same.") carry no code and long stories usually carry one, as in real talk;
what a turn is coded *with* is left to reading, which is what the word-spotting coder measures.

## Model differences, planted and grounded

Besides the codes that exist in one model only, the codes shared by all models differ in
planted strengths (domain brief §3.4): fear of child-welfare reporting and surveillance is
stronger in home visiting (home visitors are mandated reporters in the home); stigma in
hospital care and the drop-off after the birth are stronger with doulas (doulas are there at
the birth; Gannon et al. 2022, 2025); identity growth is stronger with peers, who model
recovery (Fallin-Bennett et al. 2020); collaborative engagement, NOWS guilt and MOUD agency are
the same everywhere (Peacock-Chambers et al. 2021). Planted level (participant turns carrying
the code per study focus group) and χ² across the three models (participant turns of the study
focus groups, with/without the code; 2 df):

| code | pss | doula | home_visiting | χ² | p |
|---|---|---|---|---|---|
{planted}

## Files (schema)

### `corpus/` — student-facing (packaged into the qualkit wheel; no planted labels)

| file | content |
|---|---|
| `sessions.csv` | `session_id, model, kind, split, order, title, setting, facilitator, participant_ids (;-separated), double_coded (yes/no), turns` — `facilitator` is the speaker label (`Facilitator` or `Interviewer`) |
| `participants.csv` | the fact sheets: `participant_id, pseudonym, model, session_ids (;), age, perinatal_status (pregnant/postpartum), gestation_weeks, children ("Name (sex, age)"; …), youngest_child_age, moud (methadone/buprenorphine/buprenorphine-xr/naltrexone/none), moud_how, recovery_since, partner, housing, work, supporter, supporter_role, program (NFP/PAT/HFA/EHS, home visiting only), child_welfare` |
| `transcripts/<session>.txt` | UTF-8; `# ` header lines (simulated-data notice, content note, session, setting, speakers, de-identification), a blank line, then one turn per line `Speaker: text` (MAXQDA / QualCoder focus-group import format). Identifiers appear as `[PLACE]`, `[CLINIC]`, `[HOSPITAL]`, `[AGENCY]`, `[STREET]`, `[DATE]`, `[PHONE]`, `[PERSON]`; `[laughs]`, `[pause]`, `[crosstalk]`, `[inaudible]` are transcription notes |
| `turns.csv` | `session_id, turn, speaker, text`: the same turns, one row each (turn numbers from 1) |
| `raw/<pilot>.txt` | the pilot sessions PSS-PILOT, DOULA-PILOT and HV-PILOT before de-identification (in no other file), with invented places, clinics, hospitals, agencies, streets, third persons' names, dates and 555-01xx phone numbers |
| `codebook.json` | the student codebook (`qualkit-codebook` format): 37 codes in 4 categories, MacQueen fields |
| `codings/team.json` | the team's coding of every study session (`qualkit-codings`, coder `team`, student-codebook codes, whole turns) |
| `codings/ana.json`, `codings/ben.json` | two second coders on the double-coded sample only |

### `key/` — instructor side only (never packaged, never in a student image)

| file | content |
|---|---|
| `codebook.json` | the full codebook: 40 codes, including the three left out for inductive coding |
| `key.json` | `qualkit-codings`, coder `key`: every coded span of every session, practice included, with `start`/`end` (code points into the transcript's text, inside the turn) |
| `spans.csv` | `session_id, turn, code, start, end, boundary (yes/no), text`: the same spans with their words |
| `units.csv` | `session_id, turn, speaker, codes (;), boundary (;), flags (;), note, source` for every turn; `source` is the file and line the turn was written at (`fg2.yaml:41`, `practice.yaml:p07:118`); `flags` `lang` marks a colloquial self-description |
| `identifiers.csv` | `session_id, turn, category, identifier, replacement`: every identifier planted in `corpus/raw/` |
| `deidentified/<pilot>.txt` | the pilot sessions de-identified: the answer to lesson 02's exercise |
| `manifest.json` | seed; inductive codes; double-coded, practice and raw (pilot) sessions; the practice groups' exchanges; shared participants; tiers; confusable pairs; saturation tables; a clear and a boundary exemplar per code; agreement; planted strengths with observed counts and χ²; the measures; counts and words per session |

## The planted truth (default seed)

**Codebook.** Four categories (`pss`, `doula`, `home_visiting`, `cross_cutting`), 40 codes seeded
from the domain brief §5.4 and written in our own words with MacQueen et al.'s (1998) fields.
The student codebook leaves out **PSS_CONFIDENTIALITY, X_GIVING_BACK and HV_ELIGIBILITY** for
students to find inductively. Codebook examples are written for the codebook. A student coding
one session works with the codes of that session's model and the shared ones.

**Codes by meaning.** A turn carries 0–3 codes; the same idea comes in different words from
different women, the same words come without the code (a caseworker mentioned as a fact, a
counselor who is not a peer), negative cases are noted in `units.csv`, and some turns need the
turn before to be understood. Tiers: core (C) codes in every study group of their model,
moderate (M) in most, rare (R) in one group from the third on.

**Saturation** (new codes per study session in collection order: FG1–FG4, then INT1–INT3):

| model | full codebook | student codebook |
|---|---|---|
{saturation}

**Second coders.** `ana` and `ben` code the double-coded sample with the student codebook and
depart from the key the way real coders do, not at random: on boundary cases (`?` in the talk)
one of them leaves the code out, sometimes putting the neighboring code in its place; `ben`
under-applies one code; `ana`'s reading of one code widens as she works through the sample
(definition drift). {agreement}

## Which lesson uses what

| lesson | uses |
|---|---|
| 00 orientation | `sessions.csv`, `participants.csv`, one transcript; what "fictional" means |
| 01 qualitative description | PSS transcripts (seed-study setting), participants' fact sheets |
| 02 codebook | `codebook.json` (MacQueen fields); inductive codes to find |
| 03 coding | the practice groups (FG5), coded in the widget; graded against the key's spans |
| 04 agreement | `codings/ana.json`, `codings/ben.json`, `codings/team.json` on the double-coded sample |
| 05 saturation | study sessions in collection order (`order`), `codings/team.json` |
| 06 themes and model comparison | all study sessions, team coding, groups versus interviews |
| 07 reporting and REFI-QDA export | transcripts, codebook, codings |

## Seeds, and where the key lives

- **Default seed (3021)** → `datasets/corpus/` and `datasets/key/`, committed. The corpus is
  packaged into the qualkit wheel; the key is not.
- **A course's own secret seed**: generate outside the repository, e.g.
  `make datasets SEED=271828 OUT=/srv/course-data`. Give students `OUT/corpus` through the
  environment variable `QUALKIT_CORPUS`; give only the grader `OUT/key` through `QUALKIT_KEY`.
  Another seed gives other practice groups (exchanges, order, speakers, key), other second-coder
  disagreements and other raw identifiers; the study sessions stay as written.
- **The key boundary.** Student-facing means `datasets/corpus/` only. `datasets/key/` and
  `datasets/generator/` (its talk is labelled) stay on the instructor's side: the wheel packages
  only the corpus, and `.dockerignore` leaves both out of a Binder / repo2docker image (a test
  builds the image's context with repo2docker and checks what it holds). Tests check that no
  student file carries a code label or markup, that codings never cover practice sessions and
  that the student codebook lacks the inductive codes.

## Checks

`datasets/generator/card.py` writes this card from the corpus (a test checks it). `tests/test_generator.py` (the engine on a small fixture talk: located errors, casting,
`practice_group`, spans, second coders, seeds), `tests/test_corpus_data.py` (the measures and
every rule above, on the default corpus and on another seed; set `QUALKIT_TEST_SEED` to try
others), `tests/test_binder_image.py`, `tests/test_student_image.py` and `tests/test_packaging.py` (the key boundary).
`benchmarks/bench_generator.py` reports practice groups per second.

## License and citation

The corpus (`corpus/`, `key/`), the talk and this card: **CC BY 4.0** — share and adapt with
attribution to "qualkit contributors, simulated perinatal support focus-group corpus". The
generator code is under the repository's code license (MIT).

Sources behind the design (paraphrased, never quoted): Fallin-Bennett, Elswick & Ashford 2020;
Peacock-Chambers et al. 2021 (*Subst Abus* 42(4)); Gannon et al. 2022 (*Midwifery* 106); Peacock-
Chambers, Clark et al. 2022 (*J Child Fam Stud*); MacQueen et al. 1998; Guest, Namey & Chen 2020;
Hennink, Kaiser & Weber 2019.
"""


def _fmt(n: int) -> str:
    return f"{n:,}"


def render(root: Path, spotter_kappa: float) -> str:
    """The card for the corpus and key under ``root``."""
    models = MODELS
    m = json.loads((root / "key" / "manifest.json").read_text(encoding="utf-8"))
    with (root / "corpus" / "sessions.csv").open(encoding="utf-8") as handle:
        sessions = list(csv.DictReader(handle))
    words = {sid: w for model in m["counts"].values() for sid, w in model["words"].items()}
    measures, agreement = m["measures"], m["agreement"]
    differing = sum(
        d["p"] < 0.01 and d["planted_to_differ"] and d["as_planted"]
        for d in m["planted_strengths"].values()
    )
    counts = m["counts"]

    def total(key: str) -> int:
        return sum(counts[x][key] for x in models)

    contents = [
        f"| {x} | {c['focus_groups']} | {c['practice_groups']} | {c['interviews']} | "
        f"{c['participants']} | {_fmt(c['turns'])} | {_fmt(sum(c['words'].values()))} |"
        for x, c in ((x, counts[x]) for x in models)
    ]
    all_words = sum(sum(counts[x]["words"].values()) for x in models)
    contents.append(
        f"| **total** | **{total('focus_groups')}** | **{total('practice_groups')}** | "
        f"**{total('interviews')}** | **{total('participants')}** | **{_fmt(total('turns'))}** | "
        f"**{_fmt(all_words)}** |"
    )
    table = [
        f"| {s['order']} | {s['session_id']} | {s['model']} | {s['kind'].replace('_', ' ')} | "
        f"{s['split']} | {len(s['participant_ids'].split(';'))} | {s['turns']} | "
        f"{_fmt(words[s['session_id']])} | {s['double_coded']} |"
        for s in sessions
    ]
    rows = [
        ("focus-group participant words per turn, mean", "focus_group_words_per_participant_turn", "≥ 35"),
        ("share of participant turns of 80 or more words", "participant_turns_80_words_or_more", "≥ 0.10"),
        ("facilitator share of focus-group words", "facilitator_share_of_focus_group_words", "≤ 0.20"),
        ("facilitator share of focus-group turns", "facilitator_share_of_focus_group_turns", "≤ 0.30"),
        ("share of focus-group participant turns that address or build on another participant",
         "participant_turns_engaging_another", "≥ 0.10"),
        ("most repeated participant sentence of 5+ words, whole corpus (times)", "most_repeated_sentence", "≤ 2"),
        ("British spellings (word list in `measures.py`)", "british_spellings", "0"),
        ("fact-sheet contradictions found by the checkable rules", "fact_sheet_contradictions", "0"),
    ]  # fmt: skip
    lines = ["| measure | name in `key/manifest.json` | default seed | goal |", "|---|---|---|---|"]
    lines += [f"| {text} | `{name}` | {measures[name]} | {goal} |" for text, name, goal in rows]
    kappa = agreement["kappa"]
    lines += [
        "| word-spotting coder (TF-IDF + logistic regression, trained on the team's study "
        "codings) against the key on the practice groups, pooled κ | (tests/word_spotter.py) | "
        f"{spotter_kappa:.2f} | ≤ 0.50 |",
        "| second coders against the key on the double-coded sample, pooled κ: ana / ben | "
        f"`agreement.kappa` | {kappa['ana_key']:.2f} / {kappa['ben_key']:.2f} | ≥ 0.70 |",
        "| shared codes whose prevalence differs across models (χ², p < 0.01), in the planted "
        f"order | `planted_strengths` | {differing} | ≥ 3 |",
        "| participant turns without any code | `participant_turns_without_code` | "
        f"{measures['participant_turns_without_code']} | 0.15–0.30 |",
    ]
    planted = []
    for code, d in m["planted_strengths"].items():
        cells = " | ".join(f"{d['planted'][x]} ({d['turns_per_group'][x]})" for x in models)
        planted.append(f"| {code} | {cells} | {d['chi_square']} | {d['p']:.2g} |")
    saturation = []
    for x in models:
        full, student = (m["saturation"][x][k] for k in ("full_codebook", "student_codebook"))
        saturation.append(
            f"| {x} | {', '.join(str(r['new']) for r in full)} (of {full[-1]['cumulative']}) | "
            f"{', '.join(str(r['new']) for r in student)} |"
        )
    drift = agreement["ana_drifts"] or {"code": "—", "onto_turns_of": "—"}
    agreement_text = (
        f"Pooled over every turn of the sample × every student code "
        f"({_fmt(agreement['decisions'])} decisions): Cohen's κ ana–key {kappa['ana_key']:.2f}, "
        f"ben–key {kappa['ben_key']:.2f}, ana–ben {kappa['ana_ben']:.2f}; Krippendorff's α "
        f"ana–ben {agreement['alpha']['ana_ben']:.2f}. Boundary cases in the sample: "
        f"{agreement['boundary_cases']}; ben under-applies {agreement['ben_under_applies']}; "
        f"ana's {drift['code']} drifts onto turns of {drift['onto_turns_of']}."
    )
    cue = measures["coded_share_by_structure"]
    cues = (
        f"participant turns carry a code {cue['after_the_facilitator']:.0%} of the time right "
        f"after the facilitator and {cue['after_a_participant']:.0%} after another participant; "
        f"{cue['under_6_words']:.0%} of turns under six words and {cue['80_words_or_more']:.0%} "
        "of turns of 80 words or more"
    )
    practice = "; ".join(f"{k}: {', '.join(v)}" for k, v in m["practice_exchanges"].items())
    return TEMPLATE.format(
        contents="\n".join(contents),
        sessions="\n".join(table),
        measures="\n".join(lines),
        planted="\n".join(planted),
        saturation="\n".join(saturation),
        agreement=agreement_text,
        practice=practice,
        cues=cues,
    )


def main() -> int:
    from word_spotter import spotter_kappa  # scikit-learn: a test dependency

    kappa = spotter_kappa(load_corpus(DATASETS / "corpus"), load_key(DATASETS / "key"))
    (DATASETS / "README.md").write_text(render(DATASETS, kappa), encoding="utf-8")
    print(f"wrote {DATASETS / 'README.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
