"""Which codes each session carries, who voices them, and in what form.

The plan is the hidden truth the transcripts are written from:

- **Tiers** (codes.py): C codes in every focus group of their model (30–60% of its
  participants), M codes in at least three of the four study groups (one or two participants),
  R codes in exactly one study group, the third or fourth, voiced by one participant.
- **Saturation**: all C codes and a fixed share of M codes first appear in group 1, the other M
  codes in group 2, R codes in groups 3–4 (``codes.RARE_GROUP``). Interviews and the practice
  group carry no R code.
- **Meaning saturation**: in each model the code whose bank lists *dimensions* (HV_SURVEILLANCE,
  PSS_BOUNDARY, DOULA_POSTPARTUM_GAP) is planted as a C code and gains at least one new
  dimension in every study group, then in interviews, long after new codes have stopped.
- **Exercises**: per session a few ambiguous units (two adjacent codes), distractors and
  exclusion traps, a participant for whom the service did not help (negative cases), now and
  then a colloquial self-description, a quiet participant, and in each model's second group a
  dominant speaker.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal

from generator.banks import Bank, Line
from generator.codes import (
    MODELS,
    RARE_GROUP,
    SEED,
    Model,
    codes_for,
)
from generator.consistency import fits
from generator.design import DOMINANT_GROUP, PRACTICE_GROUP, STUDY_GROUPS, Design, SessionSpec
from generator.population import Person

SlotKind = Literal[
    "clear", "borderline", "negative", "ambiguous", "dimension", "colloquial", "distractor"
]
PREFERRED_DIMENSION_CODES = ("HV_SURVEILLANCE", "PSS_BOUNDARY", "DOULA_POSTPARTUM_GAP")
FIRST_GROUP_SHARE = 0.6  # share of a model's codes that first appear in study group 1


@dataclass(eq=False)  # identity: two slots with the same fields are still two slots
class Slot:
    """One planned piece of coded talk by one participant.

    ``codes`` are the codes it carries (two for an ambiguous unit, any number for a
    distractor); ``detail`` is the dimension name, or the distractor's index in its bank.
    """

    pid: str
    kind: SlotKind
    codes: tuple[str, ...]
    topic: str
    detail: str = ""
    index: int = -1


@dataclass
class SessionPlan:
    """The plan of one session: present codes, slots and the roles of its participants."""

    spec: SessionSpec
    present: tuple[str, ...]
    slots: list[Slot] = field(default_factory=list)
    dominant: str | None = None
    quiet: str | None = None
    skeptic: str | None = None
    new_dimensions: tuple[str, ...] = ()
    # Codes of the model that already have a borderline case (shared across a model's plans).
    borderline_done: set[str] = field(default_factory=set, repr=False)


@dataclass(frozen=True)
class ModelSchedule:
    """Per model: where codes appear, and which code carries the dimensions."""

    first_group: dict[str, int]
    study_groups: dict[int, tuple[str, ...]]
    practice: tuple[str, ...]
    interviews: dict[int, tuple[str, ...]]
    dimension_code: str | None
    dimension_sessions: dict[str, tuple[str, ...]]


def _available(bank: Bank, code: str) -> bool:
    return bool(bank.phrases.get(code) or bank.borderline.get(code))


def schedule_model(rng: random.Random, model: Model, bank: Bank, notes: list[str]) -> ModelSchedule:
    """Decide which codes appear in which of a model's sessions."""
    codes = [c for c in codes_for(model) if _available(bank, c)]
    for missing in sorted(set(codes_for(model)) - set(codes)):
        notes.append(f"{model}: no sentences for {missing} in the bank; code not planted")
    dimension_code = next(
        (c for c in PREFERRED_DIMENSION_CODES if c in bank.dimensions and c in codes),
        next((c for c in bank.dimensions if c in codes), None),
    )

    def tier(code: str) -> str:
        return "C" if code == dimension_code else SEED[code].tier

    core = [c for c in codes if tier(c) == "C"]
    moderate = [c for c in codes if tier(c) == "M"]
    rare = [c for c in codes if tier(c) == "R"]
    rng.shuffle(moderate)
    in_first = max(0, round(FIRST_GROUP_SHARE * len(codes)) - len(core))
    first_group = dict.fromkeys(core, 1)
    first_group |= {c: 1 if i < in_first else 2 for i, c in enumerate(moderate)}
    first_group |= {c: RARE_GROUP[c] for c in rare}
    groups: dict[int, list[str]] = {g: [] for g in range(1, STUDY_GROUPS + 1)}
    for code in codes:
        first = first_group[code]
        if tier(code) == "R":
            groups[first].append(code)
            continue
        skip = None
        if tier(code) == "M" and first == 1 and rng.random() < 0.25:
            skip = rng.randint(2, STUDY_GROUPS)
        for g in range(first, STUDY_GROUPS + 1):
            if g != skip:
                groups[g].append(code)
    practice = [*core, *(c for c in moderate if rng.random() < 0.75)]
    interviews = {}
    for i in (1, 2, 3):
        chosen = [c for c in moderate if rng.random() < 0.45]
        for code in moderate:
            if len(chosen) >= 4:
                break
            if code not in chosen:
                chosen.append(code)
        interviews[i] = tuple(c for c in codes if c in core or c in chosen)
    dimension_sessions = _dimension_schedule(model, bank, dimension_code, notes)
    return ModelSchedule(
        first_group=first_group,
        study_groups={g: tuple(c for c in codes if c in v) for g, v in groups.items()},
        practice=tuple(c for c in codes if c in practice),
        interviews=interviews,
        dimension_code=dimension_code,
        dimension_sessions=dimension_sessions,
    )


def _dimension_schedule(
    model: Model, bank: Bank, code: str | None, notes: list[str]
) -> dict[str, tuple[str, ...]]:
    """Which session first brings each dimension: one or more per study group, then interviews."""
    if code is None:
        return {}
    dims = [name for name, lines in bank.dimensions[code].items() if lines]
    prefix = {"pss": "PSS", "doula": "DOULA", "home_visiting": "HV"}[model]
    groups = [f"{prefix}-FG{g}" for g in range(1, STUDY_GROUPS + 1)]
    interviews = [f"{prefix}-INT{i}" for i in (1, 2, 3)]
    if len(dims) < STUDY_GROUPS:
        notes.append(
            f"{model}: {code} has {len(dims)} dimensions; fewer than one new per study group"
        )
    spare = max(0, len(dims) - STUDY_GROUPS)
    to_interviews = min(spare, len(interviews))
    to_first = spare - to_interviews
    schedule: dict[str, list[str]] = {}
    queue = list(dims)
    for index, sid in enumerate(groups):
        take = 1 + (to_first if index == 0 else 0)
        schedule[sid] = [queue.pop(0) for _ in range(min(take, len(queue)))]
    for sid in interviews[:to_interviews]:
        schedule[sid] = [queue.pop(0)]
    return {sid: tuple(d) for sid, d in schedule.items() if d}


def _pick_carriers(
    rng: random.Random, pids: list[str], count: int, load: dict[str, float], weight: dict
) -> list[str]:
    """Weighted choice without replacement that favours participants with less talk so far."""
    chosen: list[str] = []
    pool = list(pids)
    for _ in range(min(count, len(pool))):
        weights = [weight[p] / (1.0 + load[p]) for p in pool]
        pid = rng.choices(pool, weights)[0]
        pool.remove(pid)
        chosen.append(pid)
    return chosen


def _topic(rng: random.Random, code: str) -> str:
    return rng.choice(SEED[code].topics)


def _fit_any(person: Person, lines: tuple[Line, ...]) -> bool:
    return any(fits(person, line.needs) for line in lines)


def plan_session(
    rng: random.Random,
    spec: SessionSpec,
    present: tuple[str, ...],
    bank: Bank,
    schedule: ModelSchedule,
    first_seen: set[str],
    people: dict[str, Person],
    borderline_done: set[str],
) -> SessionPlan:
    """Plan one session's slots. ``first_seen`` collects codes already planted in the model."""
    pids = list(spec.participant_ids)

    def can(pid: str, code: str) -> bool:
        lines = bank.phrases.get(code, ()) + bank.borderline.get(code, ())
        return _fit_any(people[pid], lines)

    # A code nobody in the session can voice (say, newborn withdrawal among pregnant
    # participants) is left out of this session rather than put in the wrong mouth.
    present = tuple(c for c in present if any(can(p, c) for p in pids))
    plan = SessionPlan(spec, present, borderline_done=borderline_done)
    dim_code = schedule.dimension_code
    weight = dict.fromkeys(pids, 1.0)
    if spec.is_group:
        plan.quiet = rng.choice(pids)
        others = [p for p in pids if p != plan.quiet]
        if spec.index == DOMINANT_GROUP:
            plan.dominant = rng.choice(others)
            weight[plan.dominant] = 6.0
            others.remove(plan.dominant)
        plan.skeptic = rng.choice(others)
        weight[plan.quiet] = 0.15
    load = dict.fromkeys(pids, 0.0)
    n = len(pids)
    slots = plan.slots

    def add(pid: str, kind: SlotKind, codes: tuple[str, ...], topic: str, detail="") -> None:
        slots.append(Slot(pid, kind, codes, topic, detail))
        load[pid] += 1

    for code in present:
        tier = "C" if code == dim_code else SEED[code].tier
        able = [p for p in pids if can(p, code)]
        if tier == "R":
            carrier = rng.choice([p for p in able if p != plan.dominant] or able)
            add(carrier, "clear", (code,), _topic(rng, code))
            add(carrier, "borderline", (code,), _topic(rng, code))
            continue
        if not spec.is_group:
            turns = rng.choice((2, 3, 3, 4)) if tier == "C" else rng.choice((1, 2, 2, 3))
            for _ in range(turns):
                add(pids[0], "clear", (code,), _topic(rng, code))
            continue
        cross = code.startswith("X_")
        if tier == "C":
            # Cross-cutting core codes get the same share in every model, so that differences
            # between models come from the model-specific codes (domain brief §5.5).
            share = 0.45 if cross else rng.uniform(0.35, 0.55)
            count = max(2, min(n - 1, round(n * share)))
        else:
            count = 2 if n >= 6 and rng.random() < 0.5 else 1
        for pid in _pick_carriers(rng, able, count, load, weight):
            if tier == "C":
                turns = rng.choice((2, 3) if cross else (2, 3, 3, 4))
            else:
                turns = rng.choice((1, 2, 2, 3))
            turns = max(1, round(turns * LENGTH.get(spec.index, 1.0)))
            if pid == plan.dominant:
                turns += 2
            if pid == plan.quiet:
                turns = 1
            for _ in range(turns):
                add(pid, "clear", (code,), _topic(rng, code))
    _rebalance(rng, plan, load, can)
    _dominate(rng, plan, load, can, add)
    _fit_length(rng, plan, load, can, add, dim_code)
    if plan.quiet is not None and load[plan.quiet] == 0:
        options = [c for c in present if SEED[c].tier == "C" and can(plan.quiet, c)]
        if options:
            code = rng.choice(options)
            add(plan.quiet, "clear", (code,), _topic(rng, code))
    _shape_slots(rng, plan, bank, schedule, first_seen, people)
    for index, slot in enumerate(slots):
        slot.index = index
    return plan


MAX_SHARE = 0.26  # planned share of any participant but the dominant one (the test allows 35%)
DOMINANT_SHARE = 0.48  # planned share of the intended dominant speaker
# Sessions differ in length: the first groups run long, the third (double-coded) shorter, so
# the double-coded sample stays near a quarter of the study turns.
LENGTH = {1: 1.25, 2: 0.8, 3: 0.6, 4: 1.0, 5: 1.0}


# A focus group has 60–150 turns; a slot becomes about 1.6–2.2 turns once the facilitator's
# questions, probes and the murmurs of agreement are added, so the slots are kept in this range.
GROUP_SLOTS = (36, 72)


def _fit_length(rng: random.Random, plan: SessionPlan, load, can, add, dim_code) -> None:
    """Trim or pad a focus group's slots so its transcript lands within 60–150 turns."""
    if not plan.spec.is_group:
        return
    low, high = GROUP_SLOTS
    while len(plan.slots) > high:
        counts: dict[tuple[str, str], int] = {}
        for slot in plan.slots:
            counts[(slot.pid, slot.codes[0])] = counts.get((slot.pid, slot.codes[0]), 0) + 1
        removable = [
            s
            for s in plan.slots
            if s.kind == "clear"
            and SEED[s.codes[0]].tier != "R"
            and s.codes[0] != dim_code
            and counts[(s.pid, s.codes[0])] > 1
        ]
        if not removable:
            break
        others = [s for s in removable if s.pid != plan.dominant] or removable
        slot = rng.choice(others)
        plan.slots.remove(slot)
        load[slot.pid] -= 1
    talkers = [p for p in load if p not in (plan.quiet, plan.dominant)]
    while len(plan.slots) < low and talkers:
        pid = min(talkers, key=lambda p: (load[p], p))
        codes = [c for c in plan.present if SEED[c].tier != "R" and can(pid, c)]
        if not codes:
            talkers.remove(pid)
            continue
        code = rng.choice(codes)
        add(pid, "clear", (code,), _topic(rng, code))


def _dominate(rng: random.Random, plan: SessionPlan, load, can, add) -> None:
    """Give the intended dominant speaker extra turns until she holds about 42% of them."""
    pid = plan.dominant
    if pid is None:
        return
    codes = [c for c in plan.present if SEED[c].tier != "R" and can(pid, c)]
    while codes and (load[pid] + 1) / (len(plan.slots) + len(load)) < DOMINANT_SHARE:
        code = rng.choice(codes)
        add(pid, "clear", (code,), _topic(rng, code))


def _rebalance(rng: random.Random, plan: SessionPlan, load: dict[str, float], can) -> None:
    """Move slots away from anyone but the dominant speaker who would hold too many turns."""
    if not plan.spec.is_group:
        return
    total = len(plan.slots) + len(load)  # one introduction each
    for _ in range(len(plan.slots)):
        heavy = [p for p in load if p != plan.dominant and (load[p] + 1) / total > MAX_SHARE]
        if not heavy:
            return
        pid = heavy[0]
        movable = [s for s in plan.slots if s.pid == pid and SEED[s.codes[0]].tier != "R"]
        rng.shuffle(movable)
        for slot in movable:
            takers = [
                p
                for p in load
                if p not in (pid, plan.dominant, plan.quiet)
                and (load[p] + 2) / total <= MAX_SHARE
                and can(p, slot.codes[0])
            ]
            if takers:
                taker = min(takers, key=lambda p: (load[p], p))
                slot.pid = taker
                load[pid] -= 1
                load[taker] += 1
                break
        else:
            return


def _shape_slots(
    rng: random.Random,
    plan: SessionPlan,
    bank: Bank,
    schedule: ModelSchedule,
    first_seen: set[str],
    people: dict[str, Person],
) -> None:
    """Turn some plain slots into borderline, negative, ambiguous, dimension, colloquial talk."""
    spec, slots = plan.spec, plan.slots
    rare = {c for c in plan.present if SEED[c].tier == "R" and c != schedule.dimension_code}
    # The first slot of a code new to the model stays a clear exemplar.
    protected = set()
    if spec.split == "study":
        for code in plan.present:
            if code not in first_seen:
                first = next((s for s in slots if s.codes == (code,) and s.kind == "clear"), None)
                if first is not None:
                    protected.add(id(first))

    def plain(code: str | None = None, pid: str | None = None) -> list[Slot]:
        return [
            s
            for s in slots
            if s.kind == "clear"
            and id(s) not in protected
            and len(s.codes) == 1
            and s.codes[0] not in rare
            and (code is None or s.codes[0] == code)
            and (pid is None or s.pid == pid)
        ]

    # Dimensions of the meaning-saturation code: the new ones for this session, plus repeats.
    dim_code = schedule.dimension_code
    if dim_code in plan.present:
        new = schedule.dimension_sessions.get(spec.session_id, ())
        seen = [
            d
            for sid, dims in schedule.dimension_sessions.items()
            for d in dims
            if _before(sid, spec, schedule)
        ]
        candidates = plain(dim_code)
        rng.shuffle(candidates)
        wanted = list(new) + rng.sample(seen, min(len(seen), rng.randint(0, 2)))
        if spec.split == "practice":
            wanted = rng.sample(list(bank.dimensions[dim_code]), 2)
        for number, dim in enumerate(wanted):
            lines = bank.dimensions[dim_code][dim]
            able = [s for s in candidates if _fit_any(people[s.pid], lines)]
            if able:
                slot = rng.choice(able)
                candidates.remove(slot)
                slot.kind, slot.detail = "dimension", dim
            elif number < len(new):
                # A new dimension must appear: give it to someone it fits, if anyone.
                speakers = [
                    p
                    for p in spec.participant_ids
                    if p not in (plan.quiet, plan.dominant) and _fit_any(people[p], lines)
                ]
                if speakers:
                    topic = _topic(rng, dim_code)
                    slots.append(Slot(rng.choice(speakers), "dimension", (dim_code,), topic, dim))
        plan.new_dimensions = tuple(new)
    # Borderline: a code's first session with room for one gets one; later ones now and then.
    borderline_done = plan.borderline_done
    for code in plan.present:
        if code in rare or not bank.borderline.get(code):
            continue
        options = plain(code)
        if not options:
            continue
        if code not in borderline_done and spec.split == "study":
            rng.choice(options).kind = "borderline"
            borderline_done.add(code)
        for slot in options:
            if slot.kind == "clear" and rng.random() < 0.18:
                slot.kind = "borderline"
    first_seen.update(plan.present)
    # Negative cases: the skeptic (or the interviewee) for whom a service did not help.
    speaker = plan.skeptic or spec.participant_ids[0]
    negative_codes = [
        c
        for c in plan.present
        if c not in rare and _fit_any(people[speaker], bank.negative.get(c, ()))
    ]
    if negative_codes:
        wanted = rng.choice((1, 2, 2)) if spec.is_group else 1
        own = [s for s in plain(pid=speaker) if s.codes[0] in negative_codes]
        rng.shuffle(own)
        for slot in own[:wanted]:
            slot.kind = "negative"
        for _ in range(wanted - len(own[:wanted])):
            code = rng.choice(negative_codes)
            slots.append(Slot(speaker, "negative", (code,), _topic(rng, code)))
    # Ambiguous units: two adjacent codes both present.
    pairs = [
        pair
        for pair, lines in bank.ambiguous.items()
        if lines and all(c in plan.present and c not in rare for c in pair)
    ]
    rng.shuffle(pairs)
    for pair in pairs[: rng.choice((2, 3)) if spec.is_group else rng.choice((1, 2))]:
        options = [
            s
            for s in plain(pair[0]) + plain(pair[1])
            if _fit_any(people[s.pid], bank.ambiguous[pair])
        ]
        if options:
            slot = rng.choice(options)
            slot.kind, slot.codes = "ambiguous", pair
    # Distractors and exclusion traps whose true codes are present.
    usable = [
        (i, d)
        for i, d in enumerate(bank.distractors)
        if d.lines and all(c in plan.present and c not in rare for c in d.codes)
    ]
    rng.shuffle(usable)
    talkers = [p for p in spec.participant_ids if p not in (plan.quiet, plan.dominant)]
    placed, limit = 0, rng.choice((1, 2, 2)) if spec.is_group else 1
    for index, entry in usable:
        if placed >= limit:
            break
        able = [p for p in talkers or spec.participant_ids if _fit_any(people[p], entry.lines)]
        if not able:
            continue
        topic = _topic(rng, entry.codes[0]) if entry.codes else rng.choice(("best", "service"))
        slots.append(Slot(rng.choice(able), "distractor", entry.codes, topic, str(index)))
        placed += 1
    # Now and then a participant calls herself "clean" or similar (flagged lang_flag).
    if rng.random() < (0.5 if spec.is_group else 0.3):
        options = [
            s for s in plain() if _fit_any(people[s.pid], bank.colloquial.get(s.codes[0], ()))
        ]
        if options:
            rng.choice(options).kind = "colloquial"


def _before(session_id: str, spec: SessionSpec, schedule: ModelSchedule) -> bool:
    """Whether a session's dimensions were introduced before ``spec`` in collection order."""
    order = list(schedule.dimension_sessions)
    if spec.session_id in order:
        return order.index(session_id) < order.index(spec.session_id)
    return spec.kind == "interview" or spec.split == "practice"


@dataclass(frozen=True)
class CorpusPlan:
    """Every session's plan and every model's schedule."""

    schedules: dict[str, ModelSchedule]
    sessions: tuple[SessionPlan, ...]


def plan_corpus(
    rng: random.Random, design: Design, banks: dict[str, Bank], notes: list[str]
) -> CorpusPlan:
    """Plan every session, in collection order."""
    schedules = {m: schedule_model(rng, m, banks[m], notes) for m in MODELS}
    first_seen: dict[str, set[str]] = {m: set() for m in MODELS}
    borderline_done: dict[str, set[str]] = {m: set() for m in MODELS}
    people = {p.participant_id: p for p in design.people}
    plans = []
    carried: dict[str, list[str]] = {m: [] for m in MODELS}
    for spec in design.sessions:
        schedule = schedules[spec.model]
        if spec.kind == "interview":
            present = schedule.interviews[spec.index]
        elif spec.index == PRACTICE_GROUP:
            present = schedule.practice
        else:
            # A rare code nobody in its group could voice moves on to the next study group.
            present = schedule.study_groups[spec.index] + tuple(carried[spec.model])
            carried[spec.model] = []
        plan = plan_session(
            rng,
            spec,
            present,
            banks[spec.model],
            schedule,
            first_seen[spec.model],
            people,
            borderline_done[spec.model],
        )
        if spec.is_group and spec.split == "study":
            lost = [c for c in present if c not in plan.present and SEED[c].tier == "R"]
            carried[spec.model] = lost
            notes.extend(f"{spec.session_id}: nobody could voice {c}; moved on" for c in lost)
        plans.append(plan)
    return CorpusPlan(schedules, tuple(plans))
