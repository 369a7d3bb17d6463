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

from qualkit.corpus import MODELS, Model

Tier = Literal["C", "M", "R"]
PREFIX = {"pss": "PSS_", "doula": "DOULA_", "home_visiting": "HV_"}

# Guide topics, in the order the facilitator asks about them (see guide.py).
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
    """One code as the generator plants it.

    ``topics`` are the guide questions under which this talk naturally comes up; ``probe`` is
    how a facilitator names it when following up ("you mentioned {probe}").
    """

    label: str
    category: str
    tier: Tier
    topics: tuple[str, ...]
    probe: str


def _seed(label: str, tier: Tier, topics: str, probe: str) -> CodeSeed:
    category = {"PSS": "pss", "DOULA": "doula", "HV": "home_visiting", "X": "cross_cutting"}[
        label.split("_", 1)[0]
    ]
    return CodeSeed(label, category, tier, tuple(topics.split()), probe)


SEEDS: tuple[CodeSeed, ...] = (
    _seed("PSS_LIVED_EXP", "C", "warmup best ideal", "that she has been where you are"),
    _seed("PSS_EMOTIONAL", "C", "best hard", "how she kept you going"),
    _seed("PSS_IDEAL_QUALITIES", "M", "ideal", "what makes someone a good peer"),
    _seed("PSS_BOUNDARY", "M", "privacy hard change", "where the line is between friend and peer"),
    _seed("PSS_IMPROVE", "M", "change", "what you would change about the peer program"),
    _seed("PSS_CONTINUITY", "M", "timing", "keeping the same person from pregnancy into after"),
    _seed("PSS_NAVIGATION", "M", "service", "the practical help, the rides and the paperwork"),
    _seed("PSS_AFFILIATION", "M", "service best", "meeting other moms in recovery"),
    _seed("PSS_CONFIDENTIALITY", "R", "privacy", "what gets passed on to the clinic"),
    _seed("PSS_PEER_RECURRENCE", "R", "hard", "your peer struggling in her own recovery"),
    _seed("PSS_MATCH_IDENTITY", "R", "ideal", "having someone from your own community"),
    _seed("DOULA_PRESENCE", "C", "best service", "her being right there with you"),
    _seed("DOULA_RECOVERY", "C", "service timing best", "her backing your recovery"),
    _seed("DOULA_HEALTH_LIT", "M", "service timing", "her explaining what would happen"),
    _seed("DOULA_ADVOCACY_HOSP", "M", "service care", "her speaking up with the hospital staff"),
    _seed("DOULA_ADVOCACY_LEGAL", "R", "care privacy", "her coming with you to court"),
    _seed("DOULA_NONJUDGMENT", "M", "warmup ideal best", "her not looking at you differently"),
    _seed("DOULA_POSTPARTUM_GAP", "M", "timing change", "the support ending after the birth"),
    _seed("DOULA_ACCESS_COST", "R", "warmup change", "how hard it was to get a doula at all"),
    _seed("DOULA_TEAM_COORD", "R", "care privacy", "her talking with your other providers"),
    _seed(
        "HV_WHO_IS_CLIENT", "C", "warmup best hard", "whether the visits are for you or the baby"
    ),
    _seed("HV_MOTHER_EMOTION", "C", "best hard", "her helping with what you were feeling"),
    _seed("HV_READINESS", "M", "warmup timing", "when you felt ready to start"),
    _seed("HV_FAMILY_DYNAMICS", "M", "hard service", "the people in your household"),
    _seed("HV_SURVEILLANCE", "C", "privacy hard", "feeling watched during the visits"),
    _seed("HV_TRUST_BUILD", "M", "best privacy", "how the trust built up over time"),
    _seed("HV_CONCRETE", "M", "service", "the things she brought and the forms"),
    _seed("HV_CONVENIENCE", "M", "service best", "not having to go anywhere"),
    _seed("HV_CHILD_DEV", "M", "service best", "what you learned about the baby's development"),
    _seed("HV_VISITOR_PREP", "R", "ideal change", "how much your visitor knew about treatment"),
    _seed("HV_ELIGIBILITY", "R", "warmup change", "the program rules about who can join"),
    _seed("X_COLLAB_ENGAGE", "C", "best ideal warmup", "feeling like she was on your side"),
    _seed("X_IDENTITY_GROWTH", "M", "closing best", "how you have changed as a mom"),
    _seed("X_MULTI_NEEDS", "M", "hard service", "everything else you were juggling"),
    _seed("X_STIGMA_CARE", "C", "care", "how you were treated at the hospital or doctor"),
    _seed("X_CPS_FEAR", "C", "privacy hard", "the worry about child protective services"),
    _seed("X_MOUD_AGENCY", "M", "care timing", "having a say in your medication"),
    _seed("X_POSTPARTUM_DROP", "M", "timing", "things falling away after the birth"),
    _seed("X_NOWS_GUILT", "M", "hard timing", "the worry about the baby's withdrawal"),
    _seed("X_GIVING_BACK", "R", "closing", "wanting to help other moms"),
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
