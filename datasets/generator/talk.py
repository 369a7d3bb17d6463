"""Turn assembly: a session plan becomes talk that reads like talk.

A focus group opens with the facilitator's welcome and ground rules, goes through the guide
topic by topic, and closes with thanks. Within a topic, the planned slots become participant
turns of one to three sentences; people build on each other ("Like Kayla said, …"), disagree
(a negative case right after a positive one), hesitate, laugh, drift off topic and get
redirected. The facilitator probes by naming what the last speaker said, draws out the quiet
participant, and in the dominant-speaker group opens the floor to others. Interviews have one
participant, longer turns and more probes.

Every participant sentence goes through the corpus-wide :class:`SentencePool`, so no countable
sentence is used more than three times; within one session no sentence repeats at all.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass, field

from generator import guide, personal
from generator.banks import Bank, Line
from generator.codebook_text import full_codebook
from generator.codes import SEED, TOPICS
from generator.consistency import fits, needs_of
from generator.planting import SessionPlan, Slot
from generator.population import Person
from generator.sentences import SentencePool, keys_of

HESITATIONS = (
    "Um,",
    "Uh,",
    "I mean,",
    "So,",
    "Honestly,",
    "Yeah,",
    "I don't know,",
    "Well,",
    "Okay, so,",
    "Like,",
)
BUILD_ON_NAMED = ("Like {name} said,", "Going off what {name} said,", "Same as {name},")
DISAGREE = (
    "I have to be honest, it wasn't like that for me.",
    "I see it a little differently, though.",
    "That wasn't really my experience.",
    "I hear you, but mine went the other way.",
    "See, for me it was kind of the opposite.",
    "I'm glad it worked for you, it just didn't for me.",
    "I don't want to be negative, but mine was different.",
    "Can I push back a little on that?",
    "Mine didn't go that way at all.",
    "It's not like that for everybody, though.",
    "I wish I could say the same, honestly.",
    "That's good for you, but I didn't get that.",
    "I'm going to be the odd one out here.",
    "Not to disagree, but it was rough for me.",
    "Respectfully, I had a really different time.",
)
BACKCHANNELS = (
    "Mm-hm.",
    "Yeah.",
    "Right.",
    "Exactly.",
    "Same.",
    "For real.",
    "[laughs] Yeah.",
    "Yep.",
    "True.",
    "Oh, yeah.",
    "Mm.",
    "That's so true.",
    "Yes.",
    "Right, right.",
)
NOTES = ("[laughs]", "[pause]", "[sighs]")
_DISAGREEING = re.compile(r"disagree|differen|opposite|push back|not for me|wasn't like", re.I)
# Talk addressed to a group ("like she said", "anybody else?") does not belong in an interview.
_GROUP_TALK = re.compile(
    r"\b(like (she|you) said|what she said|same (here|for me)|you guys|y'all|anybody else"
    r"|anyone else|everybody here|you all)\b",
    re.I,
)
_STIGMA = re.compile(r"\b(" + "|".join(guide.STIGMATISING) + r")\b", re.I)
_FILLER_START = re.compile(r"^(um|uh|i mean|so|honestly|yeah|well|like|okay|oh|and|but)\b", re.I)
_PROPER = re.compile(r"^(I|I'[a-z]+|[A-Z]{2,}\w*|\{[A-Z]+\}|Medicaid|Suboxone|Subutex|Vivitrol"
                     r"|Sublocade|Narcan|God|Christmas|WIC|NA|AA)\b")  # fmt: skip


@dataclass(frozen=True)
class TurnRecord:
    """One generated turn: ``text`` still holds identifier tags like ``{CHILD}``."""

    speaker: str
    participant_id: str | None
    text: str
    codes: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    note: str = ""


@dataclass(eq=False)
class _Unit:
    """One participant turn in the making."""

    pid: str
    slots: list[Slot]


@dataclass(eq=False)
class _Draft:
    speaker: str
    pid: str | None
    parts: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    role: str = ""
    quote: str = ""


def lower_first(sentence: str, names: frozenset[str] = frozenset()) -> str:
    """Lower-case a sentence's first letter when it follows an opener ending in a comma.

    >>> lower_first("She was there."), lower_first("I knew."), lower_first("NICU was hard.")
    ('she was there.', 'I knew.', 'NICU was hard.')
    """
    first = sentence.split(" ", 1)[0].strip(",.!?")
    if _PROPER.match(sentence) or first in names:
        return sentence
    return sentence[:1].lower() + sentence[1:]


def _quote(text: str) -> str:
    """A short fragment of a participant's sentence the facilitator can echo, or ''."""
    if "{" in text or "[" in text or _STIGMA.search(text):
        return ""  # no identifiers, and the facilitator never echoes stigmatising words
    clauses = re.split(r"[,;.!?—]| and | but ", text)
    options = [c.strip() for c in clauses if 3 <= len(c.split()) <= 7]
    return options[0] if options else ""


class SessionTalk:
    """Builds one session's turns. Mutable while it works; ``build()`` returns the turns."""

    def __init__(
        self,
        rng: random.Random,
        plan: SessionPlan,
        bank: Bank,
        people: dict[str, Person],
        pool: SentencePool,
    ) -> None:
        self.rng = rng
        self.plan = plan
        self.spec = plan.spec
        self.bank = bank
        self.people = people
        self.pool = pool
        self.session_keys: set[str] = set()
        self.drafts: list[_Draft] = []
        self.names = frozenset(people[p].pseudonym for p in plan.spec.participant_ids)
        self.fac = plan.spec.facilitator
        self.dominant_managed = False
        self.invite = False  # the facilitator just asked others to add to the last point
        self.tags_used: set[str] = set()
        self.recent: list[str] = []
        # The bank's openers split into agreeing ones and ones that announce a disagreement.
        self.agree = [t for t in bank.build_on if not _DISAGREEING.search(t)]
        self.disagree = list(DISAGREE) + [t for t in bank.build_on if _DISAGREEING.search(t)]

    # -- sentences ------------------------------------------------------------------------
    def _pick(self, lines, person: Person) -> Line | None:
        best: list[Line] = []
        best_load = None
        for line in lines:
            if any(k in self.session_keys for k in line.keys):
                continue
            if not self.spec.is_group and _GROUP_TALK.search(line.text):
                continue
            if not self.pool.room(line.keys) or not fits(person, line.needs):
                continue
            load = self.pool.load(line.keys)
            if best_load is None or load < best_load:
                best, best_load = [line], load
            elif load == best_load:
                best.append(line)
        return self.rng.choice(best) if best else None

    def _use(self, text: str) -> str:
        keys = keys_of(text)
        self.pool.take(keys)
        self.session_keys.update(keys)
        return text

    def _say(self, options, fallback: str = "") -> str:
        """A free-form participant sentence from a list, respecting the reuse cap."""
        order = list(options)
        self.rng.shuffle(order)
        order.sort(key=lambda t: self.pool.load(keys_of(t)))
        for text in order:
            keys = keys_of(text)
            if self.pool.room(keys) and not any(k in self.session_keys for k in keys):
                return self._use(text)
        return fallback

    def _realise(self, slot: Slot) -> tuple[str, tuple[str, ...], list[str], list[str]] | None:
        """Pick the sentence for a slot: (text, codes, flags, notes), or None if none is left."""
        person = self.people[slot.pid]
        bank, code = self.bank, slot.codes[0] if slot.codes else ""
        flags: list[str] = []
        notes: list[str] = []
        line = None
        kind = slot.kind
        if kind == "distractor":
            entry = bank.distractors[int(slot.detail)]
            line = self._pick(entry.lines, person)
            if line is None:
                return None
            flags.append("distractor")
            if excludes(entry.kind, entry.trap):
                flags.append("exclusion_trap")
            notes.append(f"tempting: {' '.join(entry.trap) or 'none'} ({entry.kind})")
            return self._use(line.text), entry.codes, flags, notes
        if kind == "ambiguous":
            line = self._pick(bank.ambiguous.get(slot.codes, ()), person)
            if line is not None:
                flags.append("ambiguous")
                notes.append(f"fits {slot.codes[0]} and {slot.codes[1]}")
                return self._use(line.text), slot.codes, flags, notes
            kind = "clear"
        special = {
            "negative": (bank.negative.get(code, ()), "negative_case"),
            "colloquial": (bank.colloquial.get(code, ()), "lang_flag"),
            "dimension": (bank.dimensions.get(code, {}).get(slot.detail, ()), None),
        }
        if kind in special:
            lines, flag = special[kind]
            line = self._pick(lines, person)
            if line is not None:
                flags.append(flag or f"dimension={slot.detail}")
                return self._use(line.text), (code,), flags, notes
            kind = "clear"
        order = ("borderline", "clear") if kind == "borderline" else ("clear", "borderline")
        for attempt in order:
            source = bank.borderline if attempt == "borderline" else bank.phrases
            line = self._pick(source.get(code, ()), person)
            if line is not None:
                if attempt == "borderline":
                    notes.append(f"borderline {code}")
                return self._use(line.text), (code,), flags, notes
        return None

    # -- turns ----------------------------------------------------------------------------
    def _vary(self, templates) -> str:
        """A facilitator template not among the last few used (a guide, not a broken record)."""
        fresh = [t for t in templates if t not in self.recent] or list(templates)
        choice = self.rng.choice(fresh)
        self.recent = [*self.recent[-3:], choice]
        return choice

    def _fac(self, text: str, role: str = "facilitator") -> None:
        if text:
            self.drafts.append(_Draft(self.fac, None, [text], role=role))

    def _participant(self, pid: str, role: str) -> _Draft:
        draft = _Draft(self.people[pid].pseudonym, pid, role=role)
        self.drafts.append(draft)
        return draft

    def _decorate(self, parts: list[str], opener: str, hesitate: bool = True) -> list[str]:
        """Add an opener or hesitation, a stutter or a transcription note."""
        if not parts:
            return parts
        rng = self.rng
        if opener:
            if opener.endswith((",", "—")):
                parts[0] = f"{opener} {lower_first(parts[0], self.names)}"
            else:
                parts.insert(0, opener)
        elif hesitate and rng.random() < 0.22 and not _FILLER_START.match(parts[0]):
            parts[0] = f"{rng.choice(HESITATIONS)} {lower_first(parts[0], self.names)}"
        if rng.random() < 0.06 and parts[-1].startswith("I "):
            parts[-1] = "I — " + parts[-1]
        if len(parts) > 1 and rng.random() < 0.06:
            parts.insert(1, rng.choice(NOTES[1:]))
        elif rng.random() < 0.04:
            parts.append("[laughs]")
        return parts

    def _filler(self, person: Person) -> str:
        pools = list(personal.FILLER_POOLS)
        if person.moud == "methadone":
            pools += [personal.medication] * 2
        return self._say(self.rng.choice(pools)(person))

    def _emit_unit(self, unit: _Unit, opener: str, role: str = "coded", filler=0.0) -> _Draft:
        person = self.people[unit.pid]
        draft = self._participant(unit.pid, role)
        parts: list[str] = []
        if self.rng.random() < filler:
            text = self._filler(person)
            if text:
                parts.append(text)
        for slot in unit.slots:
            realised = self._realise(slot)
            if realised is None:
                continue
            text, codes, flags, notes = realised
            parts.append(text)
            draft.quote = _quote(text) or draft.quote
            draft.codes += [c for c in codes if c not in draft.codes]
            draft.flags += [f for f in flags if f not in draft.flags]
            draft.notes += notes
        if not parts:
            parts.append(self.rng.choice(BACKCHANNELS))
            draft.role = "backchannel"
        elif self.rng.random() < (0.3 if self.spec.raw else 0.03):
            aside = self._aside(person, list(personal.ASIDES))
            if aside:
                parts.append(aside)
        draft.parts = self._decorate(parts, opener)
        return draft

    def _aside(self, person: Person, categories: list[str]) -> str:
        """An uncoded aside naming an identifier, preferring kinds not yet named here."""
        categories = list(categories)
        missing = [c for c in categories if c not in self.tags_used]
        self.rng.shuffle(categories)
        for category in missing + categories:
            options = [
                t.replace("{role}", guide.SHORT[self.spec.model]) for t in personal.ASIDES[category]
            ]
            options = [t for t in options if fits(person, needs_of(t, self.spec.model))]
            text = self._say(options)
            if text:
                self.tags_used.add(category)
                return text
        return ""

    def _backchannel(self, pid: str) -> None:
        draft = self._participant(pid, "backchannel")
        draft.parts = [self.rng.choice(BACKCHANNELS)]

    def _off_topic(self, pid: str, others: list[str], topic: str) -> None:
        line = self._pick(self.bank.uncoded, self.people[pid])
        if line is None:
            return
        draft = self._participant(pid, "off_topic")
        draft.parts = self._decorate([self._use(line.text)], "")
        draft.flags.append("off_topic")
        if others and self.rng.random() < 0.5:
            other = self.rng.choice(others)
            reply = self._pick(self.bank.uncoded, self.people[other])
            if reply is not None:
                again = self._participant(other, "off_topic")
                again.parts = self._decorate([self._use(reply.text)], "")
                again.flags.append("off_topic")
        probe = SEED[self.rng.choice(self._codes_of_topic(topic))].probe
        self._fac(self._vary(self._unnamed(guide.REDIRECT)).format(probe=probe))

    def _codes_of_topic(self, topic: str) -> list[str]:
        codes = [c for c in self.plan.present if topic in SEED[c].topics]
        return codes or list(self.plan.present)

    def _unnamed(self, templates: tuple[str, ...]) -> tuple[str, ...]:
        """In graded practice groups the facilitator never names a topic in a code's own words
        (each code has one probe phrase, so naming it would give away the key): she quotes the
        participant or asks generically. Study sessions keep every template."""
        if self.spec.split != "practice":
            return templates
        return tuple(t for t in templates if "{probe}" not in t) or guide.GENERIC_PROBES

    def _probe(self, draft: _Draft, code: str, group: bool) -> str:
        name = self.people[draft.pid].pseudonym
        probe = SEED[code].probe
        templates = self._unnamed(guide.PROBES_GROUP if group else guide.PROBES_INTERVIEW)
        options = [t for t in templates if "{quote}" not in t or draft.quote] or list(
            guide.GENERIC_PROBES
        )
        return self._vary(options).format(name=name, probe=probe, quote=draft.quote)

    # -- topics ---------------------------------------------------------------------------
    def _slots_by_topic(self) -> dict[str, list[Slot]]:
        by_topic: dict[str, list[Slot]] = defaultdict(list)
        for slot in self.plan.slots:
            by_topic[slot.topic].append(slot)
        # Every guide question asked should get answers: lend an empty topic a slot.
        for topic in TOPICS[1:-1]:
            if by_topic[topic]:
                continue
            donors = sorted(
                (t for t in TOPICS[1:] if len(by_topic[t]) > 2), key=lambda t: -len(by_topic[t])
            )
            for donor in donors:
                fitting = [
                    s for s in by_topic[donor] if s.codes and topic in SEED[s.codes[0]].topics
                ]
                if fitting:
                    slot = self.rng.choice(fitting)
                    by_topic[donor].remove(slot)
                    by_topic[topic].append(slot)
                    break
        return by_topic

    def _units(self, slots: list[Slot]) -> list[_Unit]:
        """Group slots into turns (now and then two slots in one long turn)."""
        rng = self.rng
        by_pid: dict[str, list[Slot]] = defaultdict(list)
        for slot in slots:
            by_pid[slot.pid].append(slot)
        units: list[_Unit] = []
        for pid, own in by_pid.items():
            rng.shuffle(own)
            while own:
                # Two slots make one long turn now and then, never two of the same code (a
                # rare code's clear and borderline units must stay separate units).
                two = (
                    len(own) >= 2
                    and set(own[0].codes).isdisjoint(own[1].codes)
                    and {own[0].kind, own[1].kind} <= {"clear", "borderline"}
                )
                take = 2 if two and rng.random() < 0.3 else 1
                units.append(_Unit(pid, own[:take]))
                own = own[take:]
        return units

    # -- focus group ----------------------------------------------------------------------
    def group(self) -> list[TurnRecord]:
        rng, plan = self.rng, self.plan
        pids = list(self.spec.participant_ids)
        self._fac(rng.choice(guide.OPENING_GROUP))
        by_topic = self._slots_by_topic()
        off_topic_blocks = set(rng.sample(TOPICS[1:-1], rng.choice((1, 1, 2))))
        crosstalk_block = rng.choice(TOPICS[1:-1]) if rng.random() < 0.6 else None
        quiet_drawn = False
        for topic in TOPICS:
            slots = by_topic.get(topic, [])
            if topic not in ("warmup", "closing") and not slots:
                continue
            question = guide.question(self.spec.model, topic, interview=False)
            if topic == "privacy":
                question = rng.choice(guide.CONFIDENTIALITY_REMINDER) + " " + question
            elif topic not in ("warmup", "best"):
                question = (rng.choice(guide.TRANSITIONS) + " " + question).strip()
            self._fac(question, "question")
            if topic == "warmup":
                self._intros(pids, by_topic)
                # Warm-up talk that did not fit into an introduction comes up later.
                for slot in by_topic.pop("warmup", []):
                    later = (
                        [t for t in SEED[slot.codes[0]].topics if t != "warmup"]
                        if slot.codes
                        else []
                    )
                    by_topic[rng.choice(later or ["best"])].append(slot)
                continue
            units = self._units(slots)
            quiet_units = [u for u in units if u.pid == plan.quiet]
            pending = [u for u in units if u.pid != plan.quiet]
            off_at = rng.randrange(len(pending)) if topic in off_topic_blocks and pending else None
            if topic == "closing" and not any(d.role == "off_topic" for d in self.drafts):
                off_at = 0  # every group drifts off topic at least once
            emitted = 0
            while pending:
                if emitted == off_at:
                    talkers = [p for p in pids if p != plan.quiet]
                    speaker = rng.choice(talkers)
                    self._off_topic(speaker, [p for p in talkers if p != speaker], topic)
                unit = self._next_unit(pending)
                pending.remove(unit)
                if topic == crosstalk_block and emitted == 1:
                    self._fac(rng.choice(guide.CROSSTALK).format(name=self._name(unit.pid)))
                self._group_unit(unit, pending)
                emitted += 1
            if off_at is not None and emitted <= off_at:
                talkers = [p for p in pids if p != plan.quiet]
                speaker = rng.choice(talkers)
                self._off_topic(speaker, [p for p in talkers if p != speaker], topic)
            for unit in quiet_units:
                if not quiet_drawn:
                    self._fac(self._vary(guide.DRAW_OUT).format(name=self._name(unit.pid)))
                    quiet_drawn = True
                elif self._last_participant() is not None:
                    self._fac(self._vary(guide.ACKS), "ack")
                self._group_unit(unit, [])
        self._fac(rng.choice(guide.CLOSING_GROUP), "closing")
        self._balance_uncoded(pids)
        return self._records()

    def _name(self, pid: str) -> str:
        return self.people[pid].pseudonym

    def _intros(self, pids: list[str], by_topic: dict[str, list[Slot]]) -> None:
        rng = self.rng
        order = list(pids)
        rng.shuffle(order)
        if order[0] == self.plan.quiet and len(order) > 1:
            order.append(order.pop(0))
        for pid in order:
            person = self.people[pid]
            slot = None
            if pid != self.plan.quiet and rng.random() < 0.95:
                own = [
                    ("warmup", s)
                    for s in by_topic.get("warmup", [])
                    if s.pid == pid and s.kind in ("clear", "borderline")
                ]
                own = own or [
                    (t, s)
                    for t in TOPICS[1:-1]
                    for s in by_topic.get(t, [])
                    if s.pid == pid
                    and s.kind in ("clear", "borderline")
                    and s.codes
                    and {"warmup", "best"} & set(SEED[s.codes[0]].topics)
                ]
                if own:
                    topic, slot = rng.choice(own)
                    by_topic[topic].remove(slot)
            draft = self._participant(pid, "intro")
            parts = [f"I'm {person.pseudonym}."]
            keep = 2 if person.moud == "methadone" or rng.random() < 0.6 else 1
            for group in personal.self_intro(rng, person)[:keep]:
                text = self._say(group)
                if text:
                    parts.append(text)
            if slot is not None:
                realised = self._realise(slot)
                if realised is not None:
                    text, codes, flags, notes = realised
                    parts.append(text)
                    draft.codes += list(codes)
                    draft.flags += flags
                    draft.notes += notes
                    draft.role = "coded"
            draft.parts = self._decorate(parts, "", hesitate=False)
            if rng.random() < 0.45:
                self._fac(self._vary(guide.THANK_INTRO).format(name=person.pseudonym))

    def _next_unit(self, pending: list[_Unit]) -> _Unit:
        """Who speaks next: someone else than the last speaker, often on the same code.

        A negative case answers the positive talk it disagrees with; otherwise people build
        on the last speaker's point about half the time.
        """
        rng, previous = self.rng, self._last_speaker()
        options = [u for u in pending if previous is None or u.pid != previous.pid] or pending
        if previous is not None and previous.codes:
            said = set(previous.codes)
            against = [
                u for u in options if u.slots[0].kind == "negative" and said & set(_codes(u))
            ]
            if against:
                return against[0]
            along = [u for u in options if said & set(_codes(u))]
            if along and (self.invite or rng.random() < 0.5):
                self.invite = False
                return rng.choice(along)
        self.invite = False
        weights = [2.0 if u.pid == self.plan.dominant else 1.0 for u in options]
        return rng.choices(options, weights)[0]

    def _group_unit(self, unit: _Unit, pending: list[_Unit]) -> None:
        rng, plan = self.rng, self.plan
        previous = self._last_participant()
        opener = ""
        codes = _codes(unit)
        if previous is not None and previous.pid == unit.pid:
            self._fac(self._vary(guide.GO_ON).format(name=self._name(unit.pid)), "ack")
        elif previous is not None:
            shared = set(codes) & set(previous.codes)
            if unit.slots[0].kind == "negative" and shared:
                opener = self._say(self.disagree)
            elif shared and rng.random() < 0.7:
                opener = self._build_on(previous)
        draft = self._emit_unit(unit, opener)
        if not draft.codes:
            return
        # The facilitator follows up: a probe naming what she said, an invitation to others,
        # an acknowledgement, or someone murmurs agreement.
        mine = [u for u in pending if u.pid == unit.pid]
        same = [u for u in mine if set(_codes(u)) & set(draft.codes)]
        others = [u for u in pending if u.pid != unit.pid and set(_codes(u)) & set(draft.codes)]
        roll = rng.random()
        if (
            unit.pid == plan.dominant
            and not self.dominant_managed
            and self._turns_of(unit.pid) >= 6
        ):
            self._fac(self._vary(guide.MANAGE_DOMINANT).format(name=self._name(unit.pid)))
            self.dominant_managed = True
        elif (same and (roll < 0.45 or self._probes() < 2)) or (self._probes() < 2 and mine):
            follow = (same or mine)[0]
            pending.remove(follow)
            self._fac(self._probe(draft, _shared(draft.codes, follow), group=True), "probe")
            self._emit_unit(follow, "")
        elif roll < 0.55 and others:
            probe = SEED[draft.codes[0]].probe
            text = self._vary(self._unnamed(guide.PROBES_OTHERS)).format(
                probe=probe, name=draft.speaker
            )
            self._fac(text, "probe")
            self.invite = True
        elif roll < 0.68:
            self._fac(self._vary(guide.ACKS), "ack")
        elif roll < 0.78:
            listeners = [p for p in plan.spec.participant_ids if p not in (unit.pid, plan.quiet)]
            if listeners:
                weights = [3 if p == plan.dominant else 1 for p in listeners]
                self._backchannel(rng.choices(listeners, weights)[0])

    def _pick_up(self, pids: list[str], talk: list[_Draft]) -> bool:
        """Insert a turn in which the least talkative member builds on a coded turn."""
        rng = self.rng
        counts = {p: sum(1 for d in talk if d.pid == p) for p in pids}
        order = sorted(
            (p for p in pids if p not in (self.plan.quiet, self.plan.dominant)),
            key=lambda p: (counts[p], rng.random()),
        )
        spots = [i for i, d in enumerate(self.drafts) if d.pid is not None and d.codes]
        rng.shuffle(spots)
        for pid in order:
            for at in spots:
                previous = self.drafts[at]
                if previous.pid == pid:
                    continue
                code = previous.codes[0]
                if SEED[code].tier == "R":  # a rare code keeps its single speaker
                    continue
                line = self._pick(self.bank.phrases.get(code, ()), self.people[pid])
                if line is None:
                    continue
                draft = _Draft(self.people[pid].pseudonym, pid, role="coded", codes=[code])
                named = rng.choice(BUILD_ON_NAMED).format(name=previous.speaker)
                draft.parts = [f"{named} {lower_first(self._use(line.text), self.names)}"]
                self.drafts.insert(at + 1, draft)
                talk.append(draft)
                return True
        return False

    def _build_on(self, previous: _Draft) -> str:
        rng = self.rng
        if rng.random() < 0.55:
            return rng.choice(BUILD_ON_NAMED).format(name=previous.speaker)
        return self._say(self.agree, fallback="")

    def _probes(self) -> int:
        return sum(1 for d in self.drafts if d.role == "probe")

    def _last_speaker(self) -> _Draft | None:
        """The last participant who spoke, whatever the facilitator said since."""
        return next((d for d in reversed(self.drafts) if d.pid is not None), None)

    def _last_participant(self) -> _Draft | None:
        if self.drafts and self.drafts[-1].pid is not None:
            return self.drafts[-1]
        return None

    def _turns_of(self, pid: str) -> int:
        return sum(1 for d in self.drafts if d.pid == pid)

    def _balance_uncoded(self, pids: list[str]) -> None:
        """Keep uncoded participant turns between 5% and 15% (aim: about 9%)."""
        rng = self.rng
        talk = [d for d in self.drafts if d.pid is not None]
        uncoded = [d for d in talk if not d.codes]
        target = 0.07 + 0.03 * rng.random()
        while len(uncoded) / max(1, len(talk)) > 0.12:
            removable = [d for d in uncoded if d.role == "backchannel"] or [
                b
                for a, b in zip(self.drafts, self.drafts[1:], strict=False)
                if a.role == b.role == "off_topic"
            ]
            if not removable:
                break
            victim = rng.choice(removable)
            self.drafts.remove(victim)
            talk.remove(victim)
            uncoded.remove(victim)
        # Still too much small talk (a short group): someone picks up a coded point.
        for _ in range(len(talk)):
            if len(uncoded) / max(1, len(talk)) <= 0.13:
                break
            if not self._pick_up(pids, talk):
                break
        while len(uncoded) / max(1, len(talk)) < target:
            spots = [
                i
                for i in range(1, len(self.drafts))
                if self.drafts[i - 1].pid is not None and self.drafts[i - 1].codes
            ]
            if not spots:
                break
            at = rng.choice(spots)
            speaker = self.drafts[at - 1].pid
            listeners = [p for p in pids if p not in (speaker, self.plan.quiet)] or [speaker]
            counts = {p: sum(1 for d in talk if d.pid == p) for p in listeners}
            pid = min(listeners, key=lambda p: (counts[p], rng.random()))
            draft = _Draft(self.people[pid].pseudonym, pid, [rng.choice(BACKCHANNELS)])
            draft.role = "backchannel"
            self.drafts.insert(at, draft)
            talk.append(draft)
            uncoded.append(draft)

    # -- interview ------------------------------------------------------------------------
    def interview(self) -> list[TurnRecord]:
        rng = self.rng
        pid = self.spec.participant_ids[0]
        person = self.people[pid]
        self._fac(rng.choice(guide.OPENING_INTERVIEW))
        ready = self._participant(pid, "backchannel")
        ready.parts = [self._say(guide.PARTICIPANT_READY, fallback="Okay.")]
        by_topic = self._slots_by_topic()
        off_topic_at = rng.choice(TOPICS[2:-1]) if rng.random() < 0.4 else None
        for topic in TOPICS:
            slots = by_topic.get(topic, [])
            if topic not in ("warmup", "closing") and not slots:
                continue
            self._fac(guide.question(self.spec.model, topic, interview=True), "question")
            rng.shuffle(slots)
            if topic == "warmup":
                draft = self._participant(pid, "intro")
                parts = []
                for group in personal.self_intro(rng, person):
                    text = self._say(group)
                    if text:
                        parts.append(text)
                draft.parts = parts
                plain = [x for x in slots if x.kind in ("clear", "borderline")]
                first = plain[:1]
                slots = [x for x in slots if x not in first]
                if first:
                    self.drafts.pop()
                    draft = self._emit_unit(_Unit(pid, first), "", filler=0)
                    draft.parts = parts + draft.parts
                    draft.role = "coded"
            # A distractor stands alone, so the codes in its turn are its own; other flagged
            # units come with one plain unit, as answers in an interview run long.
            answers: list[list[Slot]] = [[s] for s in slots if s.kind == "distractor"]
            special = [s for s in slots if s.kind not in ("clear", "borderline", "distractor")]
            slots = [s for s in slots if s.kind in ("clear", "borderline")]
            for slot in special:
                companion = [x for x in slots if not set(x.codes) & set(slot.codes)][:1]
                slots = [x for x in slots if x not in companion]
                answers.append([slot, *companion])
            while slots:
                take = min(len(slots), rng.choice((2, 2, 3, 3)))
                answers.append(slots[:take])
                slots = slots[take:]
            rng.shuffle(answers)
            for index, answer in enumerate(answers):
                if index > 0 or topic == "warmup":
                    last = self.drafts[-1]
                    if last.pid is not None and last.codes:
                        self._fac(self._probe(last, last.codes[0], group=False), "probe")
                    else:
                        self._fac(rng.choice(guide.PROBES_INTERVIEW[2:6]), "probe")
                self._emit_unit(_Unit(pid, answer), "")
            if topic == off_topic_at:
                self._off_topic(pid, [], topic)
        self._fac(rng.choice(guide.CLOSING_INTERVIEW), "closing")
        self._reflect(pid)
        return self._records()

    def _reflect(self, pid: str) -> None:
        """Interview: now and then the interviewer sums up and the participant confirms.

        Keeps short uncoded replies (about 5–15% of her turns) as in real interviews.
        """
        rng = self.rng
        talk = [d for d in self.drafts if d.pid is not None]
        target = 0.06 + 0.04 * rng.random()
        while sum(1 for d in talk if not d.codes) / len(talk) < target:
            spots = [
                i
                for i in range(1, len(self.drafts))
                if self.drafts[i - 1].pid is not None
                and self.drafts[i - 1].codes
                and self.drafts[i].pid is None
                and self.drafts[i].role != "reflect"
            ]
            if not spots:
                return
            at = rng.choice(spots)
            probe = SEED[self.drafts[at - 1].codes[0]].probe
            summary = _Draft(self.fac, None, [self._vary(guide.REFLECT).format(probe=probe)])
            summary.role = "reflect"
            reply = _Draft(self.people[pid].pseudonym, pid, [rng.choice(guide.CONFIRM)])
            reply.role = "backchannel"
            self.drafts[at:at] = [summary, reply]
            talk.append(reply)

    def _name_everything(self) -> None:
        """A raw session names a child, partner, supporter, clinic, place, date and phone."""
        if not self.spec.raw:
            return
        coded = [d for d in self.drafts if d.pid is not None and d.codes]
        for category in personal.ASIDES:
            if category in self.tags_used:
                continue
            self.rng.shuffle(coded)
            for draft in coded:
                aside = self._aside(self.people[draft.pid], [category])
                if aside:
                    draft.parts.append(aside)
                    break

    def _ensure_build_on(self) -> None:
        """Every group has someone picking up what the last speaker said, by name."""
        opener = re.compile(
            "^(" + "|".join(re.escape(o).replace(r"\{name\}", r"\w+") for o in BUILD_ON_NAMED) + ")"
        )
        pairs = [
            (a, b)
            for a, b in zip(self.drafts, self.drafts[1:], strict=False)
            if a.pid is not None and b.pid is not None and a.pid != b.pid and a.codes and b.codes
        ]
        if not pairs or any(opener.match(b.parts[0]) for _, b in pairs if b.parts):
            return
        pairs.sort(key=lambda pair: not set(pair[0].codes) & set(pair[1].codes))
        previous, draft = pairs[0]
        named = self.rng.choice(BUILD_ON_NAMED).format(name=previous.speaker)
        draft.parts[0] = f"{named} {lower_first(draft.parts[0], self.names)}"

    def _records(self) -> list[TurnRecord]:
        if self.spec.is_group:
            self._ensure_build_on()
        self._name_everything()
        out = []
        for draft in self.drafts:
            text = " ".join(p for p in draft.parts if p)
            if not text:
                continue
            codes = tuple(draft.codes) if draft.pid is not None else ()
            out.append(
                TurnRecord(
                    draft.speaker,
                    draft.pid,
                    text,
                    codes,
                    tuple(draft.flags),
                    "; ".join(draft.notes),
                )
            )
        return out


_RULES = {code.label: code.when_not_to_use.lower() for code in full_codebook().codes}


def excludes(kind: str, trap: tuple[str, ...]) -> bool:
    """Whether a tempting code's "when not to use" rule names this kind of distractor.

    The kind's first word names who is really talking about ("counsellor_not_peer",
    "family_help"); an exclusion trap is a distractor the codebook explicitly rules out.

    >>> excludes("counsellor_not_peer", ("PSS_EMOTIONAL",)), excludes("odd_kind", ("X_CPS_FEAR",))
    (True, False)
    """
    who = kind.split("_", 1)[0].lower()
    return any(who in _RULES.get(code, "") for code in trap)


def _shared(said: list[str], unit: _Unit) -> str:
    """The code a follow-up probe names: one the speaker said and will say more about."""
    return next((c for c in said if c in _codes(unit)), said[0])


def _codes(unit: _Unit) -> list[str]:
    return [c for slot in unit.slots for c in slot.codes]


def session_turns(
    rng: random.Random,
    plan: SessionPlan,
    bank: Bank,
    people: dict[str, Person],
    pool: SentencePool,
) -> list[TurnRecord]:
    """The turns of one planned session."""
    talk = SessionTalk(rng, plan, bank, people, pool)
    return talk.group() if plan.spec.is_group else talk.interview()
