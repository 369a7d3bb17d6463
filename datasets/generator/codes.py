"""The code inventory: every planted code, its model, prevalence tier and where its talk comes up.

Tiers follow the domain brief (§5.4): **C** core (every group of its model, 30–60% of the
participants in a group), **M** moderate (most groups, 10–30%), **R** rare (one group, first
appearing in group 3 or later, one participant). The saturation schedule (`FIRST_GROUP`) makes
new codes per study group fall roughly geometrically: about 60% of a model's codes in group 1,
the rest of the moderate codes in group 2, rare codes in groups 3 and 4. A model's
study sessions are written by hand (talk/<model>/*.yaml); these tiers and the planted
strengths of the shared codes (``PLANTED``) are what the writers aimed at, and the key records
what the talk actually holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from qualkit.corpus import Model

Tier = Literal["C", "M", "R"]
PREFIX = {"pss": "PSS_", "doula": "DOULA_", "home_visiting": "HV_"}

# Guide topics, in the order the facilitator asks about them (practice exchanges carry one).
TOPICS = (
    "warmup",
    "best",
    "hard",
    "ideal",
    "service",
    "privacy",
    "timing",
    "care",
    "change",
    "closing",
)


@dataclass(frozen=True)
class CodeSeed:
    """One planted code: its label, codebook category and prevalence tier."""

    label: str
    category: str
    tier: Tier


def _seed(label: str, tier: Tier) -> CodeSeed:
    category = {"PSS": "pss", "DOULA": "doula", "HV": "home_visiting", "X": "cross_cutting"}[
        label.split("_", 1)[0]
    ]
    return CodeSeed(label, category, tier)


SEEDS: tuple[CodeSeed, ...] = (
    _seed("PSS_LIVED_EXP", "C"),
    _seed("PSS_EMOTIONAL", "C"),
    _seed("PSS_IDEAL_QUALITIES", "M"),
    _seed("PSS_BOUNDARY", "M"),
    _seed("PSS_IMPROVE", "M"),
    _seed("PSS_CONTINUITY", "M"),
    _seed("PSS_NAVIGATION", "M"),
    _seed("PSS_AFFILIATION", "M"),
    _seed("PSS_CONFIDENTIALITY", "R"),
    _seed("PSS_PEER_RECURRENCE", "R"),
    _seed("PSS_MATCH_IDENTITY", "R"),
    _seed("DOULA_PRESENCE", "C"),
    _seed("DOULA_RECOVERY", "C"),
    _seed("DOULA_HEALTH_LIT", "M"),
    _seed("DOULA_ADVOCACY_HOSP", "M"),
    _seed("DOULA_ADVOCACY_LEGAL", "R"),
    _seed("DOULA_NONJUDGMENT", "M"),
    _seed("DOULA_POSTPARTUM_GAP", "M"),
    _seed("DOULA_ACCESS_COST", "R"),
    _seed("DOULA_TEAM_COORD", "R"),
    _seed("HV_WHO_IS_CLIENT", "C"),
    _seed("HV_MOTHER_EMOTION", "C"),
    _seed("HV_READINESS", "M"),
    _seed("HV_FAMILY_DYNAMICS", "M"),
    _seed("HV_SURVEILLANCE", "C"),
    _seed("HV_TRUST_BUILD", "M"),
    _seed("HV_CONCRETE", "M"),
    _seed("HV_CONVENIENCE", "M"),
    _seed("HV_CHILD_DEV", "M"),
    _seed("HV_VISITOR_PREP", "R"),
    _seed("HV_ELIGIBILITY", "R"),
    _seed("X_COLLAB_ENGAGE", "C"),
    _seed("X_IDENTITY_GROWTH", "M"),
    _seed("X_MULTI_NEEDS", "M"),
    _seed("X_STIGMA_CARE", "C"),
    _seed("X_CPS_FEAR", "C"),
    _seed("X_MOUD_AGENCY", "M"),
    _seed("X_POSTPARTUM_DROP", "M"),
    _seed("X_NOWS_GUILT", "M"),
    _seed("X_GIVING_BACK", "R"),
)
SEED = {seed.label: seed for seed in SEEDS}
LABELS = tuple(seed.label for seed in SEEDS)

# Left out of the student codebook so students can find them inductively.
INDUCTIVE = ("PSS_CONFIDENTIALITY", "X_GIVING_BACK", "HV_ELIGIBILITY")
STUDENT_LABELS = tuple(label for label in LABELS if label not in INDUCTIVE)

# Where each rare code first (and only) appears among a model's study groups.
RARE_GROUP = {
    "PSS_PEER_RECURRENCE": 3,
    "PSS_MATCH_IDENTITY": 3,
    "PSS_CONFIDENTIALITY": 4,
    "DOULA_ADVOCACY_LEGAL": 3,
    "DOULA_TEAM_COORD": 3,
    "DOULA_ACCESS_COST": 4,
    "HV_VISITOR_PREP": 3,
    "HV_ELIGIBILITY": 4,
    "X_GIVING_BACK": 3,
}

# Adjacent codes that second coders mix up. Only student-codebook codes: ana and ben code with
# the student codebook, so PSS_BOUNDARY↔PSS_CONFIDENTIALITY is not available to them.
CONFUSABLE: tuple[tuple[str, str], ...] = (
    ("PSS_BOUNDARY", "PSS_EMOTIONAL"),
    ("PSS_LIVED_EXP", "PSS_IDEAL_QUALITIES"),
    ("PSS_IMPROVE", "PSS_CONTINUITY"),
    ("PSS_NAVIGATION", "X_MULTI_NEEDS"),
    ("PSS_AFFILIATION", "PSS_EMOTIONAL"),
    ("PSS_EMOTIONAL", "X_COLLAB_ENGAGE"),
    ("DOULA_NONJUDGMENT", "X_STIGMA_CARE"),
    ("DOULA_ADVOCACY_HOSP", "X_STIGMA_CARE"),
    ("DOULA_POSTPARTUM_GAP", "X_POSTPARTUM_DROP"),
    ("DOULA_HEALTH_LIT", "DOULA_RECOVERY"),
    ("DOULA_PRESENCE", "DOULA_ADVOCACY_HOSP"),
    ("HV_SURVEILLANCE", "X_CPS_FEAR"),
    ("HV_TRUST_BUILD", "X_COLLAB_ENGAGE"),
    ("HV_MOTHER_EMOTION", "X_NOWS_GUILT"),
    ("HV_CONCRETE", "HV_CONVENIENCE"),
    ("HV_WHO_IS_CLIENT", "HV_MOTHER_EMOTION"),
    ("X_MOUD_AGENCY", "X_STIGMA_CARE"),
    ("X_IDENTITY_GROWTH", "X_COLLAB_ENGAGE"),
)


# Planted strength of the shared codes per model (CORPUS_SPEC.md, grounded in domain.md §3.4):
# participant turns carrying the code per study focus group, high ≈ 6–9, medium ≈ 3–5,
# low ≈ 0–2, rare = one woman in group 3.
PLANTED: dict[str, dict[str, str]] = {
    "X_CPS_FEAR": {"pss": "medium", "doula": "low", "home_visiting": "high"},
    "X_STIGMA_CARE": {"pss": "medium", "doula": "high", "home_visiting": "low"},
    "X_POSTPARTUM_DROP": {"pss": "low", "doula": "high", "home_visiting": "low"},
    "X_IDENTITY_GROWTH": {"pss": "high", "doula": "low", "home_visiting": "medium"},
    "X_COLLAB_ENGAGE": {"pss": "medium", "doula": "medium", "home_visiting": "medium"},
    "X_NOWS_GUILT": {"pss": "medium", "doula": "medium", "home_visiting": "medium"},
    "X_MOUD_AGENCY": {"pss": "medium", "doula": "medium", "home_visiting": "medium"},
    "X_MULTI_NEEDS": {"pss": "medium", "doula": "low", "home_visiting": "medium"},
    "X_GIVING_BACK": {"pss": "rare", "doula": "rare", "home_visiting": "rare"},
}
GROUNDING = {
    "X_CPS_FEAR": "home visitors are mandated reporters in the home; surveillance",
    "X_STIGMA_CARE": "doulas are with women in hospital care at birth (Gannon 2022, 2025)",
    "X_POSTPARTUM_DROP": "doula support is concentrated around the birth",
    "X_IDENTITY_GROWTH": "peers model recovery (Fallin-Bennett 2020)",
    "X_COLLAB_ENGAGE": "the same everywhere (Peacock-Chambers 2021)",
}


def model_of(label: str) -> Model | None:
    """The model a code belongs to, or None for a cross-cutting code."""
    for model, prefix in PREFIX.items():
        if label.startswith(prefix):
            return model
    return None


def codes_for(model: Model) -> tuple[str, ...]:
    """A model's own codes followed by the cross-cutting ones, in inventory order."""
    return tuple(label for label in LABELS if model_of(label) in (model, None))


def partners(label: str) -> tuple[str, ...]:
    """Codes a second coder might put in this code's place."""
    return tuple(b if a == label else a for a, b in CONFUSABLE if label in (a, b))
