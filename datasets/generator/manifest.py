"""The key's manifest: what was planted where, and the numbers the lessons rely on.

Saturation tables, a clear and a boundary exemplar of every code, the practice groups'
exchanges, the second coders' agreement and their planted ways of disagreeing, the planted
strengths of the shared codes with what the corpus shows, and the talk measures. Instructor
side only.
"""

from __future__ import annotations

from generator.codes import CONFUSABLE, INDUCTIVE, LABELS, SEED, STUDENT_LABELS
from generator.measures import measure, model_differences, words
from generator.pilot import load_pilots
from generator.result import Generated
from qualkit.corpus import MODELS

FORMAT = "qualkit-key-manifest"


def _saturation(generated: Generated, model: str, labels: tuple[str, ...]) -> list[dict]:
    seen: set[str] = set()
    rows = []
    for order, session in enumerate(generated.sessions, 1):
        if session.model != model or session.split != "study":
            continue
        codes = {c for t in session.turns for c in t.codes if c in labels}
        new = sorted(codes - seen, key=LABELS.index)
        seen |= codes
        rows.append(
            {
                "session": session.session_id,
                "order": order,
                "new": len(new),
                "cumulative": len(seen),
                "new_codes": new,
            }
        )
    return rows


def _exemplars(generated: Generated) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for session in generated.sessions:
        if session.split != "study":
            continue
        for number, turn in enumerate(session.turns, 1):
            for coded in turn.coded:
                kind = "boundary" if coded.boundary else "clear"
                found.setdefault(coded.code, {}).setdefault(kind, [session.session_id, number])
    return {label: found[label] for label in LABELS if label in found}


def manifest(generated: Generated) -> dict:
    sessions = generated.sessions
    second = generated.second
    sample = [s for s in sessions if s.double_coded]
    units = sum(len(s.turns) for s in sample)
    counts = {}
    for model in MODELS:
        own = [s for s in sessions if s.model == model]
        counts[model] = {
            "focus_groups": sum(s.kind == "focus_group" and s.split == "study" for s in own),
            "practice_groups": sum(s.split == "practice" for s in own),
            "interviews": sum(s.kind == "interview" for s in own),
            "turns": sum(len(s.turns) for s in own),
            "words": {s.session_id: sum(words(t.text) for t in s.turns) for s in own},
            "participants": sum(p.model == model for p in generated.people),
        }
    return {
        "format": FORMAT,
        "version": 2,
        "seed": generated.seed,
        "inductive_codes": list(INDUCTIVE),
        "double_coded": [s.session_id for s in sample],
        "practice_sessions": [s.session_id for s in sessions if s.split == "practice"],
        "practice_exchanges": {
            s.session_id: list(dict.fromkeys(t.source.split(":")[1] for t in s.turns))
            for s in sessions
            if s.split == "practice"
        },
        "raw_sessions": [p.session_id for p in load_pilots()],
        "shared_participants": {
            p.participant_id: list(p.session_ids)
            for p in generated.people
            if len(p.session_ids) > 1
        },
        "tiers": {label: SEED[label].tier for label in LABELS},
        "confusable_pairs": [list(pair) for pair in CONFUSABLE],
        "saturation": {
            model: {
                "full_codebook": _saturation(generated, model, LABELS),
                "student_codebook": _saturation(generated, model, STUDENT_LABELS),
            }
            for model in MODELS
        },
        "exemplars": _exemplars(generated),
        "agreement": {
            "units": "every turn of the double-coded sessions × every student-codebook code",
            "decisions": units * len(STUDENT_LABELS),
            "kappa": {name: round(value, 3) for name, value in second.kappa.items()},
            "alpha": {"ana_ben": round(second.alpha_ana_ben, 3)},
            "boundary_cases": sum(
                c.boundary
                for s in sample
                for t in s.turns
                for c in t.coded
                if c.code in STUDENT_LABELS
            ),
            "ben_under_applies": second.under,
            "ana_drifts": {"code": second.drift[0], "onto_turns_of": second.drift[1]}
            if second.drift
            else None,
            "strength": second.strength,
        },
        "planted_strengths": model_differences(sessions),
        "measures": measure(sessions),
        "counts": counts,
    }
