"""Reading a REFI-QDA project (``.qdpx``) into qualkit's types; the mapping is in the package.

Reading is lenient where nothing is lost and strict where it would be. A selection is cut at
turn boundaries: on each turn it overlaps, it codes the whole turn if it covers it, else the
span it covers (the turn is the kit's unit; spans keep the exact passage). Codes nested three
levels deep, codings without a coder, non-text sources and whole-source codings are errors
that name the file, line and element.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from bisect import bisect_right
from os import PathLike
from pathlib import Path

from qualkit.codebook import Codebook
from qualkit.codings import Coding, Codings, Memo
from qualkit.reading import decode_utf8
from qualkit.refi.cases import case_guids, read_cases
from qualkit.refi.codes import read_codes
from qualkit.refi.project import NS_PROJECT, UNDATED, RefiProject
from qualkit.refi.qdaxml import Reader, norm, parse_xml
from qualkit.refi.schema import open_qdpx, project_entry
from qualkit.transcripts import Transcript, parse_transcript

__all__ = ["import_qdpx"]


def _archive_member(names: list[str], wanted: str) -> str | None:
    """The archive entry ``sources/<file>``; some tools write ``Sources/``."""
    for name in names:
        folder, _, file = name.rpartition("/")
        if folder.lower() == "sources" and file == wanted:
            return name
    return None


def _dated(element: ET.Element) -> str:
    created = element.get("creationDateTime", "")
    return "" if created == UNDATED else created


class _ProjectReader(Reader):
    def __init__(self, source: str, lines, archive: zipfile.ZipFile, path: Path) -> None:
        super().__init__(NS_PROJECT, source, lines)
        self.archive, self.path, self.names = archive, path, archive.namelist()
        # GUID (normalised) → what it names; filled as project() reads each part.
        self.users: dict[str, str] = {}
        self.code_guids: dict[str, str] = {}
        self.category_guids: set[str] = set()
        self.case_guids: set[str] = set()
        self.notes: dict[str, tuple[ET.Element, str]] = {}

    def content(self, element: ET.Element) -> tuple[str, str]:
        """The text of a source or note and where it came from (for error messages)."""
        path = element.get("plainTextPath")
        if path is None:
            inline = element.find(self.tag("PlainTextContent"))
            if inline is None:
                self.fail(element, "a plainTextPath attribute or a <PlainTextContent>")
            return inline.text or "", f"{self.source} line {self.lines.get(inline, '?')}"
        if not path.startswith("internal://"):
            self.fail(element, "an internal://<file> path", path, attribute="plainTextPath")
        member = _archive_member(self.names, path.removeprefix("internal://"))
        if member is None:
            expected = "a file in the archive's sources/ folder"
            self.fail(element, expected, path, attribute="plainTextPath")
        where = f"{self.path}:{member}"
        return decode_utf8(self.archive.read(member), where), where

    def position(self, element: ET.Element, name: str) -> int:
        value = self.attribute(element, name)
        try:
            return int(value)
        except ValueError:
            self.fail(element, "a whole number", value, attribute=name)

    def project(self, root: ET.Element) -> RefiProject:
        if root.tag != self.tag("Project"):
            self.fail(root, f"a <Project> root element in the namespace {NS_PROJECT}", root.tag)
        self.unique_guids(root)
        title = root.get("name", "")
        for user in self.children(root.find(self.tag("Users")), "User"):
            name = user.get("name") or user.get("id") or self.attribute(user, "guid")
            self.users[norm(self.attribute(user, "guid"))] = name
        self.case_guids = case_guids(self, root)
        codebook, new = Codebook((), ()), set()
        codes = root.find(f"{self.tag('CodeBook')}/{self.tag('Codes')}")
        if codes is not None:
            found = read_codes(self, codes, self.case_guids)
            codebook, new = found.codebook, found.new
            self.code_guids, self.category_guids = found.code_guids, found.category_guids
        for note in self.children(root.find(self.tag("Notes")), "Note"):
            self.notes[norm(self.attribute(note, "guid"))] = (note, self.content(note)[0])
        transcripts, codings, memos, source_guids = self.sources(root.find(self.tag("Sources")))
        return RefiProject(
            title,
            transcripts,
            Codebook(
                codebook.categories, tuple(c for c in codebook.codes if c.label not in new), title
            ),
            Codings(codings, memos, tuple(c for c in codebook.codes if c.label in new)),
            read_cases(self, root, source_guids),
        )

    def coder(self, *elements: ET.Element) -> str:
        """The coder: the first of ``elements`` that names a creatingUser."""
        for element in elements:
            if element.get("creatingUser"):
                return self.ref(element, "creatingUser", self.users, "a <User>")
        self.fail(elements[0], "a creatingUser (qualkit records who coded)", "missing")

    def note(self, ref: ET.Element) -> tuple[ET.Element, str]:
        target = self.attribute(ref, "targetGUID")
        if norm(target) not in self.notes:
            self.fail(ref, "the guid of a <Note>", target, attribute="targetGUID")
        return self.notes[norm(target)]

    def code_of(self, coding: ET.Element) -> str | None:
        """The code a ``<Coding>`` applies; None for a case link (see ``cases``)."""
        ref = coding.find(self.tag("CodeRef"))
        if ref is None:
            self.fail(coding, "a <CodeRef>")
        target = norm(self.attribute(ref, "targetGUID"))
        if target in self.case_guids:
            return None
        if target in self.category_guids:
            self.fail(ref, "a code, not a category", target, attribute="targetGUID")
        return self.ref(ref, "targetGUID", self.code_guids, "a code of the codebook")

    def pieces(self, selection: ET.Element, transcript: Transcript) -> list[tuple]:
        """``(turn, start, end)`` per turn the selection overlaps; None, None: the whole turn."""
        start = self.position(selection, "startPosition")
        end = self.position(selection, "endPosition")
        if not 0 <= start <= end <= len(transcript.text):
            expected = f"positions 0 ≤ start ≤ end ≤ {len(transcript.text)} (the source's length)"
            self.fail(selection, expected, (start, end))
        pieces = []
        index = bisect_right([turn.end for turn in transcript.turns], start)
        while index < len(transcript.turns) and transcript.turns[index].start < end:
            turn = transcript.turns[index]
            cut = (max(start, turn.start), min(end, turn.end))
            pieces.append((turn.turn, *((None, None) if cut == (turn.start, turn.end) else cut)))
            index += 1
        if not pieces:
            self.fail(selection, "a selection overlapping a speaker turn", (start, end))
        return pieces

    def selection(self, selection: ET.Element, transcript: Transcript, codings, memos) -> None:
        """Add a selection's codings (to the dict ``codings``) and memos (to ``memos``)."""
        session_id = transcript.session_id
        applied = [(c, self.code_of(c)) for c in self.children(selection, "Coding")]
        applied = [(element, code) for element, code in applied if code is not None]
        notes = self.children(selection, "NoteRef")
        # Another tool may keep a memo only in the selection's Description (QualCoder does);
        # the kit's own exports repeat their Notes there, so it is read only without Notes.
        description = ""
        if not notes and not any(self.children(c, "NoteRef") for c, _ in applied):
            description = self.text(selection, "Description").strip()
        if not applied and not notes and not description:
            return
        pieces = self.pieces(selection, transcript)
        # A coding without a time of its own takes the selection's, as other tools write it,
        # unless another coding here has one (then the selection's time is that coding's).
        own_times = any(c.get("creationDateTime") for c, _ in applied)
        for element, code in applied:
            coder = self.coder(element, selection)
            created = element.get("creationDateTime") or ("" if own_times else _dated(selection))
            memo = "\n\n".join(self.note(n)[1] for n in self.children(element, "NoteRef"))
            for turn, start, end in pieces:
                coding = Coding(
                    session_id, turn, code, coder, memo or description, created, start, end
                )
                codings.setdefault(coding.key, coding)
        for ref in notes:
            note, text = self.note(ref)
            coder = self.coder(note, selection)
            memos.extend(
                Memo(session_id, turn, coder, text, _dated(note), start, end)
                for turn, start, end in pieces
            )
        if description and not applied:
            coder = self.coder(selection)
            memos.extend(
                Memo(session_id, turn, coder, description, _dated(selection), start, end)
                for turn, start, end in pieces
            )

    def sources(self, sources: ET.Element | None):
        transcripts: list[Transcript] = []
        codings: dict[tuple, Coding] = {}
        memos: list[Memo] = []
        source_guids: dict[str, str] = {}
        for element in [] if sources is None else list(sources):
            if element.tag != self.tag("TextSource"):
                expected = "<TextSource> elements only (qualkit reads text transcripts)"
                self.fail(element, expected, element.tag.rpartition("}")[2])
            session_id = self.attribute(element, "name")
            if session_id in source_guids.values():
                self.fail(element, "each session name once", session_id, attribute="name")
            source_guids[norm(self.attribute(element, "guid"))] = session_id
            if element.find(self.tag("Coding")) is not None:
                expected = "codings on a <PlainTextSelection> (qualkit codes speaker turns)"
                self.fail(element.find(self.tag("Coding")), expected)
            text, where = self.content(element)
            transcript = parse_transcript(text, session_id, where)
            transcripts.append(transcript)
            for selection in self.children(element, "PlainTextSelection"):
                self.selection(selection, transcript, codings, memos)
        return tuple(transcripts), tuple(codings.values()), tuple(memos), source_guids


def import_qdpx(path: str | PathLike) -> RefiProject:
    """Read a ``.qdpx`` project into qualkit's types (see the package docstring for the mapping).

    Raises :class:`InputError` naming the archive, the entry and the line for anything qualkit
    cannot take in: not a ZIP archive, no ``project.qde``, malformed XML, a selection outside
    its source or pointing to an unknown code or user.
    """
    path = Path(path)
    archive = open_qdpx(path)
    with archive:
        entry = project_entry(archive, path)
        source = f"{path}:{entry}"
        root, lines = parse_xml(archive.read(entry), source)
        return _ProjectReader(source, lines, archive, path).project(root)
