"""Writing a corpus and codings as a REFI-QDA project (``.qdpx``); the mapping is in the package."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from datetime import UTC, datetime
from os import PathLike

from qualkit.atomic import write_atomic
from qualkit.codings import Coding, Codings, Memo
from qualkit.corpus import Corpus
from qualkit.refi.cases import write_cases
from qualkit.refi.codes import write_codes
from qualkit.refi.project import (
    NS_PROJECT,
    UNDATED,
    RefiProject,
    check_codings,
    contents,
    guid,
    origin,
)
from qualkit.refi.qdaxml import Tree
from qualkit.refi.schema import validate
from qualkit.suggestion_records import SuggestionRecord
from qualkit.transcripts import Transcript

__all__ = ["NO_CODINGS", "export_qdpx", "project_xml", "qdpx_bytes"]

NO_CODINGS = Codings()  # frozen, so safe as a shared default
# The earliest time a ZIP entry can hold: fixed, so that exports repeat byte for byte.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_PROJECT_NOTE = (
    "Exported by qualkit. One PlainTextSelection per speaker turn (or span of a turn) and "
    "coder; each code's Description holds its brief and full definitions, when to use it, "
    "when not to use it, and an example. Memos are Notes, repeated in their selection's "
    "Description. The category 'Participants (case links)' links each case to its sessions."
)
_SUGGESTIONS_NOTE = (
    " What each coder did with the machine coder's suggestions (accepted, changed or rejected) "
    "is a Note per suggestion, by that coder, named 'Machine suggestion …'."
)


def _instant(created: str) -> datetime:
    moment = datetime.fromisoformat(created)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class _Selections:
    """The ``<PlainTextSelection>`` elements of one source, and the notes they refer to."""

    def __init__(self, tree: Tree, source: ET.Element, transcript: Transcript, code_order) -> None:
        self.tree, self.source, self.transcript = tree, source, transcript
        self.code_order = code_order
        self.notes: list[tuple[str, str, str, str, str]] = []  # guid, name, coder, created, text

    def write(self, number: int, coder: str, span, items: list[Coding | Memo]) -> None:
        """One coder's selection of turn ``number`` (``span`` None: the whole turn)."""
        session_id = self.transcript.session_id
        turn = self.transcript.turn(number)
        start, end = span or (turn.start, turn.end)
        unit = f"{session_id}:{number}"
        suffix = "" if span is None else f":{start}-{end}"  # whole turns keep their old GUIDs
        name = f"{session_id} turn {number}" + ("" if span is None else f" ({start}-{end})")
        applied = sorted(
            (item for item in items if isinstance(item, Coding)),
            key=lambda coding: self.code_order[coding.code],
        )
        memos = sorted(
            (item for item in items if isinstance(item, Memo)),
            key=lambda memo: (memo.created, memo.text),
        )
        dates = [coding.created for coding in applied if coding.created]
        user = guid(f"user:{coder}")
        selection = self.tree.sub(
            self.source,
            "PlainTextSelection",
            guid=guid(f"selection:{unit}:{coder}{suffix}"),
            name=name,
            startPosition=str(start),
            endPosition=str(end),
            creatingUser=user,
            # QualCoder dates a coding by its selection: the earliest coding's time.
            creationDateTime=min(dates, key=_instant) if dates else None,
        )
        # QualCoder reads a memo only from here; the Notes stay the full record.
        described = [f"{c.code}: {c.memo}" for c in applied if c.memo] + [m.text for m in memos]
        if described:
            self.tree.sub(selection, "Description", "\n\n".join(described))
        for coding in applied:
            key = f"{unit}:{coding.code}:{coder}{suffix}"
            element = self.tree.sub(
                selection,
                "Coding",
                guid=guid(f"coding:{key}"),
                creatingUser=user,
                creationDateTime=coding.created,
            )
            self.tree.sub(element, "CodeRef", targetGUID=guid(f"code:{coding.code}"))
            if coding.memo:
                note = guid(f"note:coding:{key}")
                self.tree.sub(element, "NoteRef", targetGUID=note)
                title = f"Memo on {coding.code}, {name}"
                self.notes.append((note, title, coder, coding.created, coding.memo))
        for index, memo in enumerate(memos, start=1):
            note = guid(f"note:memo:{unit}:{coder}{suffix}:{index}")
            self.tree.sub(selection, "NoteRef", targetGUID=note)
            self.notes.append((note, f"Memo, {name}", coder, memo.created, memo.text))

    def case_link(self, participant_id: str) -> None:
        """A selection of the whole source coded with the participant's case-link code."""
        session_id = self.transcript.session_id
        key = f"case:{participant_id}:{session_id}"
        selection = self.tree.sub(
            self.source,
            "PlainTextSelection",
            guid=guid(f"selection:{key}"),
            name=f"{participant_id} in {session_id}",
            startPosition="0",
            endPosition=str(len(self.transcript.text)),
        )
        coding = self.tree.sub(selection, "Coding", guid=guid(f"coding:{key}"))
        self.tree.sub(coding, "CodeRef", targetGUID=guid(f"case:{participant_id}"))


def _suggestion_note(record: SuggestionRecord) -> tuple[str, str, str, str, str]:
    """A coder's decision on a machine suggestion as a Note (guid, name, coder, created, text):
    the audit trail of machine-assisted coding, for the project's other coders to read."""
    span = "" if record.start is None else f" ({record.start}-{record.end})"
    where = f"{record.session_id} turn {record.turn}{span}"
    key = f"{record.session_id}:{record.turn}:{record.code}:{record.coder}{span}"
    decision = record.decision + (f", applied {record.applied}" if record.applied else "")
    text = (
        f"The machine coder suggested {record.code} for {where} (score {record.score:.2f}); "
        f"{record.coder} {decision}. Evidence shown: {record.evidence or 'none'}"
    )
    name = f"Machine suggestion {record.code}, {where}: {record.decision}"
    return (guid(f"note:suggestion:{key}"), name, record.coder, record.created, text)


def _span(item: Coding | Memo) -> tuple[int, int] | None:
    return None if item.start is None else (item.start, item.end)


def _order(entry) -> tuple:
    (number, coder, span), _ = entry
    return (number, coder, span is not None, span or (0, 0))


def _project(
    corpus: Corpus | RefiProject, codings: Codings, title: str | None
) -> tuple[bytes, list[tuple[str, bytes]]]:
    """``project.qde`` and the ``(archive name, bytes)`` of every source."""
    transcripts, codebook, participants, default_title = contents(corpus)
    check_codings(codings, corpus)
    full = codebook
    for code in codings.added_codes:
        full = full.with_code(code)
    new = frozenset(code.label for code in codings.added_codes)
    code_order = {label: index for index, label in enumerate(full.names)}

    tree = Tree(NS_PROJECT)
    root = tree.sub(None, "Project", name=title or default_title, origin=origin())
    coders = sorted(
        {c.coder for c in codings.codings}
        | {m.coder for m in codings.memos}
        | {r.coder for r in codings.suggestions}
    )
    if coders:
        users = tree.sub(root, "Users")
        for coder in coders:
            tree.sub(users, "User", guid=guid(f"user:{coder}"), name=coder)
    if full.categories:
        write_codes(tree, tree.sub(root, "CodeBook"), full, new, participants)
    if participants:
        write_cases(tree, root, participants, {t.session_id for t in transcripts})

    by_selection: dict[str, dict[tuple, list]] = defaultdict(lambda: defaultdict(list))
    for item in (*codings.codings, *codings.memos):
        by_selection[item.session_id][item.turn, item.coder, _span(item)].append(item)
    notes = []
    files = []
    sources = tree.sub(root, "Sources") if transcripts else None
    for transcript in transcripts:
        session_id = transcript.session_id
        source_guid = guid(f"source:{session_id}")
        files.append((f"sources/{source_guid}.txt", transcript.text.encode("utf-8")))
        source = tree.sub(
            sources,
            "TextSource",
            guid=source_guid,
            name=session_id,
            plainTextPath=f"internal://{source_guid}.txt",
        )
        selections = _Selections(tree, source, transcript, code_order)
        for (number, coder, span), items in sorted(by_selection[session_id].items(), key=_order):
            selections.write(number, coder, span, items)
        for participant in participants:
            if session_id in participant.session_ids:
                selections.case_link(participant.participant_id)
        notes += selections.notes
    notes += [_suggestion_note(record) for record in codings.suggestions]
    if notes:
        container = tree.sub(root, "Notes")
        for note, name, coder, created, text in notes:
            element = tree.sub(
                container,
                "Note",
                guid=note,
                name=name,
                creatingUser=guid(f"user:{coder}"),
                creationDateTime=created or UNDATED,  # QualCoder fails on an undated Note
            )
            tree.sub(element, "PlainTextContent", text)
    tree.sub(
        root, "Description", _PROJECT_NOTE + (_SUGGESTIONS_NOTE if codings.suggestions else "")
    )
    return tree.serialise(root), files


def project_xml(
    corpus: Corpus | RefiProject, codings: Codings = NO_CODINGS, *, title: str | None = None
) -> bytes:
    """``project.qde`` for a corpus (or an imported project) and codings, as UTF-8 bytes.

    ``title`` (the project's name) defaults to the codebook's title. Raises
    :class:`InputError` if a coding or memo points at a session, turn or code the corpus lacks.
    """
    return _project(corpus, codings, title)[0]


def _zip_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the platform, so the bytes do not depend on it
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def qdpx_bytes(
    corpus: Corpus | RefiProject,
    codings: Codings = NO_CODINGS,
    *,
    title: str | None = None,
    check: bool = False,
) -> bytes:
    """The ``.qdpx`` archive: ``project.qde`` first, then ``sources/<GUID>.txt`` in order.

    With ``check``, ``project.qde`` is first validated against the vendored schema (needs lxml).
    """
    xml, files = _project(corpus, codings, title)
    if check:
        validate(xml, "project", "project.qde")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _zip_entry(archive, "project.qde", xml)
        for name, data in files:
            _zip_entry(archive, name, data)
    return buffer.getvalue()


def export_qdpx(
    path: str | PathLike,
    corpus: Corpus | RefiProject,
    codings: Codings = NO_CODINGS,
    *,
    title: str | None = None,
    check: bool = False,
) -> None:
    """Write a ``.qdpx`` project atomically (see :func:`qdpx_bytes`)."""
    write_atomic(path, qdpx_bytes(corpus, codings, title=title, check=check))
