"""Pilot sessions: the raw transcripts of lesson 02's de-identification exercise.

Before the study, the team tried out its guide with one short session per model
(``talk/pilot.yaml``). Students get only their **raw** version (``corpus/raw/<id>.txt``), with
invented identifiers drawn per seed; the de-identified version, the exercise's answer, goes to
the key alone (``key/deidentified/<id>.txt``), and ``key/identifiers.csv`` lists every planted
identifier. The pilots are in no other file of the corpus (not in ``sessions.csv``,
``transcripts/`` or ``turns.csv``), so copying what students have cannot pass the exercise.
A pilot's text holds only planted identifiers as placeholders: its speakers and the people they
name are written as pseudonyms.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from generator.assemble import CONTENT_NOTE, MODEL_LABEL, SIMULATED, facilitator_of
from generator.identifiers import Identifier, Identities
from generator.markup import Placeholder, placeholders, render
from generator.talk import FACILITATOR, TALK_DIR, Line, _turns
from generator.yaml_reader import Reader
from qualkit.corpus import MODELS
from qualkit.transcripts import format_transcript

PILOT_FILE = TALK_DIR / "pilot.yaml"
KINDS = ("focus_group", "interview")


@dataclass(frozen=True)
class Pilot:
    session_id: str
    model: str
    kind: str
    title: str
    setting: str
    speakers: tuple[str, ...]
    turns: tuple[Line, ...]

    @property
    def facilitator(self) -> str:
        return facilitator_of(self.kind)


def load_pilots(path: Path = PILOT_FILE) -> tuple[Pilot, ...]:
    """Every pilot session, validated; errors name the file, the line and the field."""
    reader = Reader(path)
    top = reader.mapping(reader.root, "pilot", ("sessions",))
    pilots = []
    for index, node in enumerate(reader.sequence(top["sessions"], "sessions")):
        where = f"sessions[{index}]"
        keys = reader.mapping(
            node, where, ("id", "model", "kind", "title", "setting", "speakers", "turns")
        )
        model = reader.choice(keys["model"], f"{where}.model", MODELS)
        kind = reader.choice(keys["kind"], f"{where}.kind", KINDS)
        speakers = [
            reader.text(n, f"{where}.speakers")
            for n in reader.sequence(keys["speakers"], f"{where}.speakers")
        ]
        size = (1, 1) if kind == "interview" else (3, 8)
        if not size[0] <= len(set(speakers)) == len(speakers) <= size[1]:
            reader.fail(
                keys["speakers"],
                f"{where}.speakers",
                f"{size[0]}–{size[1]} different pseudonyms for a {kind}",
                speakers,
            )
        turns = _turns(reader, keys["turns"], model, dict.fromkeys(speakers))
        for turn, item in zip(turns, keys["turns"].value, strict=True):
            people = [p for p in placeholders(turn.pieces) if p.who is not None]
            if people:
                reader.fail(
                    item,
                    f"{where}.turns",
                    "pseudonyms written out, not {@…} placeholders",
                    people[0].who,
                )
        pilots.append(
            Pilot(
                reader.text(keys["id"], f"{where}.id"),
                model,
                kind,
                reader.text(keys["title"], f"{where}.title"),
                reader.text(keys["setting"], f"{where}.setting"),
                tuple(speakers),
                turns,
            )
        )
    ids = [p.session_id for p in pilots]
    if len(set(ids)) != len(ids):
        reader.fail(top["sessions"], "sessions", "each id once", ids)
    return tuple(pilots)


def _header(pilot: Pilot, raw: bool) -> list[str]:
    kind = "focus group" if pilot.kind == "focus_group" else "individual interview"
    who = (
        f"{pilot.facilitator} and {len(pilot.speakers)} participants"
        if pilot.kind == "focus_group"
        else "Interviewer and 1 participant"
    )
    state = (
        "RAW VERSION before de-identification (exercise). Every name, place, date and phone "
        "number in it is invented; treat them as if they were real."
        if raw
        else "De-identified: places, clinics, agencies, dates, phone numbers and third persons' "
        "names are replaced by bracketed category tags."
    )
    return [
        SIMULATED,
        CONTENT_NOTE,
        f"{pilot.session_id}: {pilot.title} — {MODEL_LABEL[pilot.model]}, {kind}, pilot session "
        "(held to try out the guide; not part of the study data).",
        f"Setting: {pilot.setting}.",
        f"Speakers: {who}, named by pseudonym.",
        state,
    ]


def pilot_transcripts(pilot: Pilot, seed: int) -> tuple[str, str, list[Identifier]]:
    """The raw transcript, the de-identified one and the identifiers planted in the raw one."""
    identities = Identities(
        random.Random(f"{seed}:identifiers:{pilot.session_id}"), pilot.session_id
    )
    raw, clean = [], []
    for number, line in enumerate(pilot.turns, 1):
        speaker = pilot.facilitator if line.speaker == FACILITATOR else line.speaker

        def fill(p: Placeholder, speaker=speaker, number=number) -> str:
            return identities.fill(speaker, number, p.field)

        raw.append((speaker, render(line.pieces, fill)[0]))
        clean.append((speaker, render(line.pieces, lambda p: f"[{p.field}]")[0]))
    return (
        format_transcript(raw, _header(pilot, True)),
        format_transcript(clean, _header(pilot, False)),
        identities.records,
    )


def pilot_files(
    seed: int, pilots: tuple[Pilot, ...] | None = None
) -> tuple[dict[str, str], list[Identifier]]:
    """``corpus/raw/<id>.txt`` and ``key/deidentified/<id>.txt`` per pilot, and the planted
    identifiers in pilot order."""
    files, planted = {}, []
    for pilot in pilots if pilots is not None else load_pilots():
        raw, clean, records = pilot_transcripts(pilot, seed)
        files[f"corpus/raw/{pilot.session_id}.txt"] = raw
        files[f"key/deidentified/{pilot.session_id}.txt"] = clean
        planted += records
    return files, planted
