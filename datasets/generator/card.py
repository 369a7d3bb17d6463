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
    sys.path.insert(2, str(Path(__file__).resolve().parents[1]))  # the generator package

from generator.voice import card_tables
from qualkit.corpus import MODELS, load_corpus
from qualkit.key import load_key

DATASETS = Path(__file__).resolve().parents[1]
# The card's prose; {name} fields are filled by render() (literal braces doubled).
TEMPLATE = (Path(__file__).resolve().parent / "card_template.md").read_text(encoding="utf-8")


def _fmt(n: int) -> str:
    return f"{n:,}"


def render(root: Path, spotter_kappa: float, per_student: str) -> str:
    """The card for the corpus and key under ``root``; ``per_student`` is the paragraph on the
    spread of students' practice groups (group_spread.py: it takes a while to compute)."""
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
        f"`agreement.kappa` | {kappa['ana_key']:.2f} / {kappa['ben_key']:.2f} | 0.70–0.85 |",
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
    gap = {a: abs(cue[a]["coded"] - cue[b]["coded"]) for a, b in (
        ("answering_the_facilitator", "after_a_participant"),
        ("followed_by_the_facilitator", "followed_by_a_participant"))}  # fmt: skip
    rows = [
        ("participant turns under six words (all sessions)", "under_6_words",
         f"≥ 0.30 and ≥ half the rest ({cue['6_words_or_more']['coded'] / 2:.2f})"),
        ("participant turns of six words or more", "6_words_or_more", "—"),
        ("participant turns of 80 words or more", "80_words_or_more", "≤ 0.95"),
        ("focus groups: answering the facilitator's question or probe", "answering_the_facilitator",
         f"within 0.10 of the next row (gap {gap['answering_the_facilitator']:.2f})"),
        ("focus groups: right after another participant", "after_a_participant", "—"),
        ("focus groups: followed up by the facilitator", "followed_by_the_facilitator",
         f"within 0.10 of the next row (gap {gap['followed_by_the_facilitator']:.2f})"),
        ("focus groups: followed by another participant", "followed_by_a_participant", "—"),
    ]  # fmt: skip
    cues = [f"| {t} | {cue[k]['turns']} | {cue[k]['coded']:.2f} | {goal} |" for t, k, goal in rows]
    openers = cue["agreement_openers"]
    cues.append(
        '| agreement openers after another participant ("Like Dana said", "Same.", "Me too"): '
        f"share carrying a code of that turn | {openers['turns']} | "
        f"{openers['share_a_code_with_the_turn_before']:.2f} | 0.25–0.75, at least 20 turns |"
    )
    practice = "; ".join(f"{k}: {', '.join(v)}" for k, v in m["practice_exchanges"].items())
    split = {s["session_id"]: s["split"] for s in sessions}
    facilitators = {s["facilitator"] for s in sessions}
    with (root / "corpus" / "turns.csv").open(encoding="utf-8") as handle:
        spoken = [(t["session_id"], split[t["session_id"]], t["text"])
                  for t in csv.DictReader(handle) if t["speaker"] not in facilitators]  # fmt: skip
    return TEMPLATE.format(
        **card_tables(spoken),
        contents="\n".join(contents),
        sessions="\n".join(table),
        measures="\n".join(lines),
        planted="\n".join(planted),
        saturation="\n".join(saturation),
        agreement=agreement_text,
        practice=practice,
        cues="\n".join(cues),
        per_student=per_student,
    )


def main() -> int:
    from word_spotter import spotter_kappa  # scikit-learn: a test dependency

    from generator.group_spread import card_paragraph, spread

    kappa = spotter_kappa(load_corpus(DATASETS / "corpus"), load_key(DATASETS / "key"))
    per_student = card_paragraph(spread(DATASETS))
    (DATASETS / "README.md").write_text(render(DATASETS, kappa, per_student), encoding="utf-8")
    print(f"wrote {DATASETS / 'README.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
