"""Render a generated corpus as files: ``corpus/`` for students, ``key/`` for the instructor.

Everything is rendered to text first (``render`` returns relative path → text), so tests can
compare in memory and the output is byte-for-byte stable: fixed ordering, no timestamps, ``\\n``
line endings, CSV with ``lineterminator="\\n"``.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

from generator.codebook_text import full_codebook, student_codebook
from generator.codes import STUDENT_LABELS
from generator.identifiers import Identifier, Identities, released
from generator.manifest import manifest
from generator.population import COLUMNS
from generator.result import Generated, SessionOutput
from qualkit.atomic import write_atomic
from qualkit.codebook import Codebook, format_codebook
from qualkit.codings import Coding, Codings, format_codings
from qualkit.corpus import SESSION_COLUMNS
from qualkit.transcripts import format_transcript

SIMULATED = "SIMULATED DATA — fictional, written for qualkit; not real participants."
CONTENT_NOTE = "Content note: overdose, child removal, intimate partner violence (IPV), trauma."
MODEL_LABEL = {
    "pss": "peer support specialists",
    "doula": "doulas",
    "home_visiting": "home visiting",
}
KIND_LABEL = {"focus_group": "focus group", "interview": "individual interview"}


def _csv(header: tuple[str, ...], rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _codebook(codebook: Codebook) -> str:
    return format_codebook(codebook)


def header(output: SessionOutput, raw: bool) -> list[str]:
    """The ``# `` header lines of a transcript."""
    spec = output.spec
    speakers = (
        "Interviewer and 1 participant"
        if not spec.is_group
        else (f"Facilitator and {len(spec.participant_ids)} participants")
    )
    lines = [
        SIMULATED,
        CONTENT_NOTE,
        f"{spec.session_id}: {spec.title} — {MODEL_LABEL[spec.model]}, "
        f"{KIND_LABEL[spec.kind]}, {spec.split} session.",
        f"Setting: {spec.setting}.",
        f"Speakers: {speakers}, named by pseudonym.",
    ]
    if raw:
        lines.append(
            "RAW VERSION before de-identification (exercise). Every name, place, date and "
            "phone number in it is invented; treat them as if they were real."
        )
    else:
        lines.append(
            "De-identified: names, places, clinics, dates and phone numbers are replaced by "
            "bracketed category tags."
        )
    return lines


def raw_transcript(
    output: SessionOutput, seed: int, child_sex: dict[str, str | None]
) -> tuple[str, list[Identifier]]:
    """The raw transcript of a session and the identifiers planted in it."""
    rng = random.Random(f"{seed}:identifiers:{output.spec.session_id}")
    identities = Identities(rng, output.spec.session_id, child_sex)
    turns = [
        (t.speaker, identities.render(t.text, t.speaker, number))
        for number, t in enumerate(output.turns, start=1)
    ]
    return format_transcript(turns, header(output, raw=True)), identities.records


def render(generated: Generated) -> dict[str, str]:
    """Every output file, as relative path → text."""
    files: dict[str, str] = {}
    sessions = generated.sessions
    files["corpus/sessions.csv"] = _csv(
        SESSION_COLUMNS,
        (
            (
                s.spec.session_id,
                s.spec.model,
                s.spec.kind,
                s.spec.split,
                s.spec.order,
                s.spec.title,
                s.spec.setting,
                s.spec.facilitator,
                ";".join(s.spec.participant_ids),
                "yes" if s.spec.double_coded else "no",
                len(s.turns),
            )
            for s in sessions
        ),
    )
    files["corpus/participants.csv"] = _csv(
        COLUMNS, ([p.row()[c] for c in COLUMNS] for p in generated.design.people)
    )
    turn_rows = []
    identifiers: list[Identifier] = []
    for output in sessions:
        sid = output.spec.session_id
        pairs = [(t.speaker, released(t.text)) for t in output.turns]
        files[f"corpus/transcripts/{sid}.txt"] = format_transcript(pairs, header(output, False))
        turn_rows += [(sid, n, speaker, text) for n, (speaker, text) in enumerate(pairs, 1)]
        if output.spec.raw:
            child_sex = {p.pseudonym: p.child_sex for p in generated.design.people}
            text, planted = raw_transcript(output, generated.seed, child_sex)
            files[f"corpus/raw/{sid}.txt"] = text
            identifiers += planted
    files["corpus/turns.csv"] = _csv(("session_id", "turn", "speaker", "text"), turn_rows)
    files["corpus/codebook.json"] = _codebook(student_codebook())
    files["key/codebook.json"] = _codebook(full_codebook())
    key = [
        Coding(o.spec.session_id, n, code, "key")
        for o in sessions
        for n, turn in enumerate(o.turns, 1)
        for code in turn.codes
    ]
    files["key/key.json"] = format_codings(Codings(tuple(key)))
    study = {o.spec.session_id for o in sessions if o.spec.split == "study"}
    team = tuple(
        Coding(c.session_id, c.turn, c.code, "team")
        for c in key
        if c.session_id in study and c.code in STUDENT_LABELS
    )
    files["corpus/codings/team.json"] = format_codings(Codings(team))
    order = {o.spec.session_id: o.spec.order for o in sessions}
    for name, decisions in (("ana", generated.second.ana), ("ben", generated.second.ben)):
        codings = sorted(
            decisions, key=lambda d: (order[d[0][0]], d[0][1], STUDENT_LABELS.index(d[1]))
        )
        files[f"corpus/codings/{name}.json"] = format_codings(
            Codings(tuple(Coding(unit[0], unit[1], code, name) for unit, code in codings))
        )
    files["key/units.csv"] = _csv(
        ("session_id", "turn", "codes", "flags", "note"),
        (
            (o.spec.session_id, n, ";".join(t.codes), ";".join(t.flags), t.note)
            for o in sessions
            for n, t in enumerate(o.turns, 1)
        ),
    )
    files["key/identifiers.csv"] = _csv(
        ("session_id", "turn", "category", "identifier", "replacement"),
        ((i.session_id, i.turn, i.category, i.identifier, i.replacement) for i in identifiers),
    )
    files["key/manifest.json"] = _json(manifest(generated))
    return dict(sorted(files.items()))


def write(files: dict[str, str], out: Path) -> None:
    """Write rendered files under ``out`` (``out/corpus``, ``out/key``), replacing old ones.

    Files of the corpus or key that the new output does not contain are removed, so a folder
    never mixes two seeds.
    """
    out = Path(out)
    for top in ("corpus", "key"):
        folder = out / top
        if folder.exists():
            for path in sorted(folder.rglob("*"), reverse=True):
                relative = path.relative_to(out).as_posix()
                if path.is_file() and relative not in files and path.name != ".gitkeep":
                    path.unlink()
    for relative, text in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
