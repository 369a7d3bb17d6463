"""The key's manifest: what was planted where, and the numbers the lessons rely on.

Saturation tables, first appearance of each dimension of the meaning-saturation code, a clear
and a borderline exemplar of every code, the roles in each group (dominant, quiet, skeptic),
agreement of the second coders, and sentence statistics. Instructor side only.
"""

from __future__ import annotations

from collections import Counter

from generator.codes import CONFUSABLE, INDUCTIVE, LABELS, MODELS, SEED, STUDENT_LABELS
from generator.identifiers import released
from generator.result import Generated
from generator.second_coders import pooled_kappa
from generator.sentences import keys_of

FORMAT = "qualkit-key-manifest"


def krippendorff_alpha_binary(a: set, b: set, n: int) -> float:
    """Krippendorff's α for two coders, nominal presence/absence, no missing values.

    >>> round(krippendorff_alpha_binary({1, 2}, {1, 3, 4}, 420), 4)
    0.3971
    """
    disagreements = len(a ^ b)
    ones = len(a) + len(b)
    values = 2 * n
    zeros = values - ones
    expected = 2 * ones * zeros / (values * (values - 1))
    return 1.0 if expected == 0 else 1 - (disagreements / n) / expected


def _saturation(generated: Generated, model: str, labels: tuple[str, ...]) -> list[dict]:
    seen: set[str] = set()
    rows = []
    for output in generated.sessions:
        spec = output.spec
        if spec.model != model or spec.split != "study":
            continue
        codes = {c for t in output.turns for c in t.codes if c in labels}
        new = sorted(codes - seen, key=LABELS.index)
        seen |= codes
        rows.append(
            {
                "session": spec.session_id,
                "order": spec.order,
                "new": len(new),
                "cumulative": len(seen),
                "new_codes": new,
            }
        )
    return rows


def manifest(generated: Generated) -> dict:
    sessions = generated.sessions
    key = {(o.spec.session_id, n): set(t.codes) for o in sessions for n, t in enumerate(o.turns, 1)}
    sample = [o for o in sessions if o.spec.double_coded]
    units = [(o.spec.session_id, n) for o in sample for n in range(1, len(o.turns) + 1)]
    n = len(units) * len(STUDENT_LABELS)
    truth = {(u, c) for u in units for c in key[u] if c in STUDENT_LABELS}
    ana, ben = set(generated.second.ana), set(generated.second.ben)
    paradox = generated.second.paradox_code
    agreement = {
        "units": "every turn of the double-coded sessions × every student-codebook code",
        "decisions": n,
        "kappa": {
            "ana_ben": round(pooled_kappa(ana, ben, n), 3),
            "ana_key": round(pooled_kappa(ana, truth, n), 3),
            "ben_key": round(pooled_kappa(ben, truth, n), 3),
        },
        "alpha": {
            "ana_ben": round(krippendorff_alpha_binary(ana, ben, n), 3),
        },
    }
    if paradox:
        only = len(units)
        a = {d for d in ana if d[1] == paradox}
        b = {d for d in ben if d[1] == paradox}
        agreement["prevalence_paradox"] = {
            "code": paradox,
            "key_units": sum(1 for d in truth if d[1] == paradox),
            "percent_agreement": round(1 - len(a ^ b) / only, 4),
            "kappa_ana_ben": round(pooled_kappa(a, b, only), 3),
        }
    exemplars: dict[str, dict] = {}
    dimensions: dict[str, dict[str, str]] = {m: {} for m in MODELS}
    for output in sessions:
        for number, turn in enumerate(output.turns, 1):
            where = [output.spec.session_id, number]
            for code in turn.codes:
                entry = exemplars.setdefault(code, {})
                kind = "borderline" if f"borderline {code}" in turn.note else "clear"
                if kind == "clear" and ("ambiguous" in turn.flags or "distractor" in turn.flags):
                    continue
                entry.setdefault(kind, where)
            for flag in turn.flags:
                if flag.startswith("dimension=") and output.spec.split == "study":
                    found = dimensions[output.spec.model]
                    found.setdefault(flag.split("=", 1)[1], output.spec.session_id)
    roles = {}
    for plan in generated.plan.sessions:
        if not plan.spec.is_group:
            continue
        name = {p.participant_id: p.pseudonym for p in generated.design.people}
        roles[plan.spec.session_id] = {
            role: name[pid]
            for role, pid in (
                ("dominant", plan.dominant),
                ("quiet", plan.quiet),
                ("negative_case", plan.skeptic),
            )
            if pid
        }
    tiers = {}
    for model in MODELS:
        dim = generated.plan.schedules[model].dimension_code
        for label in generated.plan.schedules[model].first_group:
            tiers[label] = "C" if label == dim else SEED[label].tier
    uses: Counter[str] = Counter()
    for output in sessions:
        for turn in output.turns:
            if turn.participant_id is not None:
                uses.update(keys_of(released(turn.text)))
    shared = {
        p.participant_id: list(p.session_ids)
        for p in generated.design.people
        if len(p.session_ids) > 1
    }
    counts = {}
    for model in MODELS:
        own = [o for o in sessions if o.spec.model == model]
        counts[model] = {
            "focus_groups": sum(1 for o in own if o.spec.is_group and o.spec.split == "study"),
            "practice_groups": sum(1 for o in own if o.spec.split == "practice"),
            "interviews": sum(1 for o in own if not o.spec.is_group),
            "turns": sum(len(o.turns) for o in own),
            "participants": sum(1 for p in generated.design.people if p.model == model),
        }
    return {
        "format": FORMAT,
        "version": 1,
        "seed": generated.seed,
        "inductive_codes": list(INDUCTIVE),
        "double_coded": [o.spec.session_id for o in sample],
        "practice_sessions": [o.spec.session_id for o in sessions if o.spec.split == "practice"],
        "raw_sessions": [o.spec.session_id for o in sessions if o.spec.raw],
        "shared_participants": shared,
        "roles": roles,
        "tiers": tiers,
        "confusable_pairs": [list(pair) for pair in CONFUSABLE],
        "saturation": {
            model: {
                "full_codebook": _saturation(generated, model, LABELS),
                "student_codebook": _saturation(generated, model, STUDENT_LABELS),
            }
            for model in MODELS
        },
        "meaning_saturation": {
            model: {
                "code": generated.plan.schedules[model].dimension_code,
                "dimensions_first_seen": dimensions[model],
            }
            for model in MODELS
            if generated.plan.schedules[model].dimension_code
        },
        "exemplars": {label: exemplars[label] for label in LABELS if label in exemplars},
        "agreement": agreement,
        "counts": counts,
        "sentences": {
            "distinct": len(uses),
            "max_reuse": max(uses.values(), default=0),
            "rule": "see datasets/generator/sentences.py",
        },
        "notes": list(generated.notes),
    }
