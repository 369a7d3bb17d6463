"""Render a generated corpus as files: ``corpus/`` for students, ``key/`` for the instructor.

Everything is rendered to text first (``render`` returns relative path → text), so tests can
compare in memory and the output is byte-for-byte stable: fixed ordering, no timestamps, ``\\n``
line endings, CSV with ``lineterminator="\\n"``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from pathlib import Path

from generator.assemble import key_spans, transcript_text
from generator.codebook_text import full_codebook, load_codebook_text, student_codebook
from generator.codes import LABELS, STUDENT_LABELS
from generator.manifest import manifest
from generator.pilot import pilot_files
from generator.result import Generated, Person
from qualkit.atomic import write_atomic
from qualkit.codebook import Codebook, format_codebook
from qualkit.codings import Coding, Codings, format_codings
from qualkit.corpus import PARTICIPANT_COLUMNS, SESSION_COLUMNS
from qualkit.corpus import Session as StudentSession

# qualkit's required participant columns, then the fact sheet.
FACT_COLUMNS = (
    *PARTICIPANT_COLUMNS, "age", "perinatal_status", "gestation_weeks", "children", "youngest_child_age", "moud", "moud_how", "recovery_since",
    "partner", "housing", "work", "supporter", "supporter_role", "program", "child_welfare",
)  # fmt: skip


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


def participant_row(person: Person) -> tuple[str, ...]:
    """A participants.csv row: her fact sheet, as text."""
    sheet = person.sheet
    children = "; ".join(
        f"{c.name} ({c.sex}, {c.age}{'' if c.with_her else ', not living with her'})"
        for c in sheet.children
    )
    youngest = min(sheet.children, key=lambda c: c.months).age if sheet.children else ""
    return (
        person.participant_id, sheet.name, person.model, ";".join(person.session_ids),
        str(sheet.age), "pregnant" if sheet.pregnant else "postpartum",
        "" if sheet.pregnant is None else str(sheet.pregnant), children, youngest, sheet.moud,
        sheet.moud_how, sheet.recovery_since, sheet.partner, sheet.housing, sheet.work,
        sheet.supporter.name, sheet.supporter.role, sheet.program or "", sheet.child_welfare,
    )  # fmt: skip


def render(generated: Generated) -> dict[str, str]:
    """Every output file, as relative path → text."""
    files: dict[str, str] = {}
    sessions = generated.sessions
    rows = []
    for order, s in enumerate(sessions, 1):
        # qualkit's own Session is the one list of a session's fields.
        info = StudentSession(
            s.session_id, s.model, s.kind, s.split, order, s.title, s.setting, s.facilitator,
            tuple(generated.participant_id(s, w) for w in s.women), s.double_coded,
        )  # fmt: skip
        row = {
            **asdict(info),
            "turns": len(s.turns),
            "double_coded": "yes" if s.double_coded else "no",
        }
        row["participant_ids"] = ";".join(info.participant_ids)
        rows.append([row[column] for column in SESSION_COLUMNS])
    files["corpus/sessions.csv"] = _csv(SESSION_COLUMNS, rows)
    files["corpus/participants.csv"] = _csv(
        FACT_COLUMNS, (participant_row(p) for p in generated.people)
    )
    order = {s.session_id: i for i, s in enumerate(sessions)}
    turn_rows, spans, identifiers, units = [], [], [], []
    for session in sessions:
        sid = session.session_id
        text = transcript_text(session)
        files[f"corpus/transcripts/{sid}.txt"] = text
        turn_rows += [(sid, n, t.speaker, t.text) for n, t in enumerate(session.turns, 1)]
        spans += [(*span, text[span[3] : span[4]]) for span in key_spans(session, text)]
        units += [
            (
                sid,
                n,
                t.speaker,
                ";".join(t.codes),
                ";".join(dict.fromkeys(c.code for c in t.coded if c.boundary)),
                ";".join(t.line.flags),
                t.line.note,
                t.source,
            )
            for n, t in enumerate(session.turns, 1)
        ]
    files["corpus/turns.csv"] = _csv(("session_id", "turn", "speaker", "text"), turn_rows)
    words = load_codebook_text()  # codebook.yaml, read and checked once for both codebooks
    files["corpus/codebook.json"] = _codebook(student_codebook(words))
    files["key/codebook.json"] = _codebook(full_codebook(words))
    key = [
        Coding(span[0], span[1], span[2], "key", start=span[3], end=span[4])
        for span in sorted(spans, key=lambda s: (order[s[0]], s[1], LABELS.index(s[2]), s[3]))
    ]
    files["key/key.json"] = format_codings(Codings(tuple(key)))
    study = {s.session_id for s in sessions if s.split == "study"}
    team = tuple(
        Coding(c.session_id, c.turn, c.code, "team")
        for c in dict.fromkeys(Coding(c.session_id, c.turn, c.code, "team") for c in key)
        if c.session_id in study and c.code in STUDENT_LABELS
    )
    files["corpus/codings/team.json"] = format_codings(Codings(team))
    for name, decisions in (("ana", generated.second.ana), ("ben", generated.second.ben)):
        codings = sorted(decisions, key=lambda d: (order[d[0][0]], d[0][1], LABELS.index(d[1])))
        files[f"corpus/codings/{name}.json"] = format_codings(
            Codings(tuple(Coding(unit[0], unit[1], code, name) for unit, code in codings))
        )
    files["key/units.csv"] = _csv(
        ("session_id", "turn", "speaker", "codes", "boundary", "flags", "note", "source"), units
    )
    files["key/spans.csv"] = _csv(
        ("session_id", "turn", "code", "start", "end", "boundary", "text"),
        ((*s[:5], "yes" if s[5] else "no", s[6]) for s in spans),
    )
    # The de-identification exercise's raw sessions: pilots whose de-identified text only the key holds.
    pilots, identifiers = pilot_files(generated.seed)
    files.update(pilots)
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
