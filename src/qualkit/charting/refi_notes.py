"""The chart in a REFI-QDA project: each charted cell a Note, linked to the turns it rests on.

QDA-XML 1.0 has no chart or summary grid, so a cell travels as what it can carry:

- cell → a ``<Note name="Chart: <name> (<case>) × <theme>">`` whose ``<PlainTextContent>`` is
  the summary, then a paragraph ``Rests on: PSS-FG1 turn 2; …``;
- each turn a cell rests on → one ``<PlainTextSelection>`` of the whole turn by the charter
  (``name="<session> turn <n> (chart)"``), holding a ``<NoteRef>`` to each cell resting on it,
  and the summaries again in its ``<Description>`` (``Chart, <theme>: …``), where QualCoder
  reads memos;
- the case (``<Case name="<participant_id>">``, written by :mod:`qualkit.refi`) → a
  ``<SelectionRef>`` to each of those selections.

GUIDs are stable (``uuid5`` of ``chart:<charter>:…``), so exporting twice gives the same bytes.
A QDA tool (and :func:`qualkit.refi.import_qdpx`) reads each summary as the charter's memo on
the turns it rests on; what QDA-XML cannot carry is the grid itself (which theme is a column),
kept in the Note's name. The chart file stays the record; this is its travelling copy.
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from os import PathLike

from lxml import etree

from qualkit.atomic import write_atomic
from qualkit.charting.cases import Case
from qualkit.charting.chart import Chart, TurnRef
from qualkit.codings import Codings
from qualkit.corpus import Corpus
from qualkit.refi import NS_PROJECT, UNDATED, guid, qdpx_bytes, validate

__all__ = ["chart_project_xml", "chart_qdpx_bytes", "export_chart_qdpx"]

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_PROJECT_ORDER = (
    "Users",
    "CodeBook",
    "Variables",
    "Cases",
    "Sources",
    "Notes",
    "Links",
    "Sets",
    "Graphs",
    "Description",
    "NoteRef",
)


def _q(name: str) -> str:
    return f"{{{NS_PROJECT}}}{name}"


def _place(parent: etree._Element, name: str, order: tuple[str, ...]) -> etree._Element:
    """The child ``name`` of ``parent``, made in its schema place if it is not there."""
    found = parent.find(_q(name))
    if found is not None:
        return found
    element = etree.Element(_q(name))
    later = order[order.index(name) + 1 :]
    for index, child in enumerate(parent):
        if etree.QName(child).localname in later:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def chart_project_xml(xml: bytes, chart: Chart, cases: tuple[Case, ...], corpus: Corpus) -> bytes:
    """``project.qde`` (as :func:`qualkit.refi.project_xml` wrote it) with the chart added."""
    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True, resolve_entities=False))
    names = {case.id: case.name for case in cases}
    charter = chart.charter
    user = guid(f"user:{charter}")
    users = _place(root, "Users", _PROJECT_ORDER)
    if not any(u.get("guid") == user for u in users):
        etree.SubElement(users, _q("User"), guid=user, name=charter)

    charted = [cell for cell in chart.cells if cell.summary.strip()]
    on_turn: dict[TurnRef, list] = defaultdict(list)
    notes = []
    for cell in charted:
        key = f"chart:{charter}:{cell.case}:{cell.theme}"
        refs = "; ".join(f"{t.session_id} turn {t.turn}" for t in cell.turns) or "no turn"
        notes.append((guid(f"note:{key}"), cell, f"{cell.summary}\n\nRests on: {refs}"))
        for turn in cell.turns:
            on_turn[turn].append((guid(f"note:{key}"), cell))
    if notes:
        container = _place(root, "Notes", _PROJECT_ORDER)
        for note, cell, text in notes:
            element = etree.SubElement(
                container,
                _q("Note"),
                guid=note,
                name=f"Chart: {names.get(cell.case, cell.case)} ({cell.case}) × {cell.theme}",
                creatingUser=user,
                creationDateTime=cell.updated or UNDATED,
            )
            etree.SubElement(element, _q("PlainTextContent")).text = text

    sources = {s.get("name"): s for s in root.iter(_q("TextSource"))}
    cases_xml = {c.get("name"): c for c in root.iter(_q("Case"))}
    by_case: dict[str, list[str]] = defaultdict(list)
    for turn in sorted(on_turn):
        source = sources.get(turn.session_id)
        if source is None:
            raise KeyError(f"the project has no source {turn.session_id!r}")
        spoken = corpus.transcript(turn.session_id).turn(turn.turn)
        selection_guid = guid(f"selection:chart:{charter}:{turn.session_id}:{turn.turn}")
        selection = etree.Element(
            _q("PlainTextSelection"),
            guid=selection_guid,
            name=f"{turn.session_id} turn {turn.turn} (chart)",
            startPosition=str(spoken.start),
            endPosition=str(spoken.end),
            creatingUser=user,
        )
        cells = on_turn[turn]
        etree.SubElement(selection, _q("Description")).text = "\n\n".join(
            f"Chart, {cell.theme}: {cell.summary}" for _, cell in cells
        )
        for note, _ in cells:
            etree.SubElement(selection, _q("NoteRef"), targetGUID=note)
        existing = source.findall(_q("PlainTextSelection"))
        if existing:
            existing[-1].addnext(selection)
        else:
            after = [
                c for c in source if etree.QName(c).localname in ("Description", "PlainTextContent")
            ]
            source.insert(len(after), selection)
        for _, cell in cells:
            if selection_guid not in by_case[cell.case]:
                by_case[cell.case].append(selection_guid)
    for case, selections in by_case.items():
        element = cases_xml.get(case)
        if element is not None:
            for selection_guid in selections:
                etree.SubElement(element, _q("SelectionRef"), targetGUID=selection_guid)
    etree.indent(root, space="  ")
    body = etree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def chart_qdpx_bytes(
    corpus: Corpus,
    codings: Codings,
    chart: Chart,
    cases: tuple[Case, ...],
    *,
    title: str | None = None,
    check: bool = True,
) -> bytes:
    """The ``.qdpx`` of :func:`qualkit.refi.qdpx_bytes` with the chart's cells as Notes;
    checked against the vendored QDA-XML schema unless ``check`` is False."""
    archive = zipfile.ZipFile(io.BytesIO(qdpx_bytes(corpus, codings, title=title)))
    xml = chart_project_xml(archive.read("project.qde"), chart, cases, corpus)
    if check:
        validate(xml, "project", "project.qde")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info in archive.infolist():
            data = xml if info.filename == "project.qde" else archive.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            out.writestr(entry, data)
    return buffer.getvalue()


def export_chart_qdpx(
    path: str | PathLike,
    corpus: Corpus,
    codings: Codings,
    chart: Chart,
    cases: tuple[Case, ...],
    *,
    title: str | None = None,
) -> None:
    """Write :func:`chart_qdpx_bytes` atomically to ``path``."""
    write_atomic(path, chart_qdpx_bytes(corpus, codings, chart, cases, title=title))
