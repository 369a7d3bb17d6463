"""The chart file beside the notebook: ``<charter>.chart.json``, versioned, read with located errors.

::

    {"format": "qualkit-chart", "version": 1, "charter": "ana", "codings": "ana.codings.json",
     "themes": [{"name": "Trust", "codes": ["PSS_LIVED_EXP"], "description": ""}],
     "cases": ["P001", "P007"],
     "cells": [{"case": "P001", "theme": "Trust", "summary": "...", "updated": "2026-...",
                "turns": [{"session": "PSS-FG1", "turn": 2}]}]}

**Saving.** Each action of the charting tool rewrites the file through
:func:`qualkit.atomic.write_atomic` (temporary file, fsync, rename, fsync of the folder), under
the coding tool's lock (:func:`qualkit.codings.lock.locked`): a kill at any moment leaves
the previous complete file or the new one. A chart is small (every participant of the corpus
against five themes is about 200 KiB), so a save is one whole write, a little more than the bare
``write_atomic`` of the file (``benchmarks/bench_charting.py``); the coding tool's journal would
make it one appended line, once journal replay lives where both tools can share it. If something else changed the file since
the tool last read or wrote it (a second tool on the same chart), the tool reads it again and
puts its one changed cell into what it finds, so neither loses work.
"""

from __future__ import annotations

import json
import os
import re
import time
from contextlib import nullcontext
from functools import lru_cache
from os import PathLike
from pathlib import Path

from qualkit.atomic import write_atomic
from qualkit.charting.chart import Cell, Chart, TurnRef
from qualkit.codings.lock import locked, shared
from qualkit.errors import InputError
from qualkit.reading import decode_utf8
from qualkit.themes import Theme

__all__ = [
    "FORMAT",
    "VERSION",
    "ChartFile",
    "default_path",
    "format_chart",
    "parse_chart",
    "read_chart",
]

FORMAT = "qualkit-chart"
VERSION = 1
_TOP = ("format", "version", "charter", "codings", "themes", "cases", "cells")
_CELL = ("case", "theme", "summary", "turns", "updated")
Signature = tuple[int, int, int] | None
# A leftover temporary file from a save that was killed is removed once it is this old.
STALE_TEMP_SECONDS = 60.0


def default_path(charter: str, folder: str | PathLike | None = None) -> Path:
    """``<charter>.chart.json`` in ``folder`` (default: the working folder).

    >>> default_path("Ana María").name
    'Ana_María.chart.json'
    """
    if not isinstance(charter, str) or not charter.strip():
        raise InputError("chart", "argument 'charter'", "the charter's name", charter)
    slug = re.sub(r"[^\w.-]+", "_", charter.strip()).strip("._") or "charter"
    return Path(folder if folder is not None else ".") / f"{slug}.chart.json"


# ---------------------------------------------------------------- writing


def format_chart(chart: Chart) -> str:
    """The file's text: one line per cell, so that a chart diffs (and merges) cell by cell."""

    def dumps(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    themes = [
        {"name": t.name, "codes": list(t.codes), "description": t.description} for t in chart.themes
    ]
    cells = [_cell_line(cell) for cell in chart.cells]
    head = (
        f'{{"format": "{FORMAT}", "version": {VERSION}, "charter": {dumps(chart.charter)}, '
        f'"codings": {dumps(chart.codings)},\n'
        f' "themes": [\n  ' + ",\n  ".join(dumps(t) for t in themes) + "],\n"
        f' "cases": {dumps(list(chart.cases))},\n'
    )
    body = ' "cells": [' + ("\n  " + ",\n  ".join(cells) + "\n ]" if cells else "]")
    return head + body + "}\n"


# A save rewrites every cell's line but changes one: each cell (frozen, so hashable) is
# encoded once. This halves a save at a few hundred cells (benchmarks/bench_charting.py).
@lru_cache(maxsize=4096)
def _cell_line(cell: Cell) -> str:
    entry = {
        "case": cell.case,
        "theme": cell.theme,
        "summary": cell.summary,
        "turns": [{"session": t.session_id, "turn": t.turn} for t in cell.turns],
        "updated": cell.updated,
    }
    return json.dumps(entry, ensure_ascii=False)


# ---------------------------------------------------------------- reading


def _text(value: object, source: str, place: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise InputError(source, place, "text" if empty else "non-empty text", value)
    return value


def _list(value: object, source: str, place: str) -> list:
    if not isinstance(value, list):
        raise InputError(source, place, "a list", value)
    return value


def _entry(
    value: object, keys: tuple[str, ...], required: tuple[str, ...], source: str, place: str
) -> dict:
    if not isinstance(value, dict):
        raise InputError(source, place, "an object {" + ", ".join(keys) + "}", value)
    for key in value:
        if key not in keys:
            raise InputError(
                source, f"{place} field {key!r}", "only the fields " + ", ".join(keys), key
            )
    for key in required:
        if key not in value:
            raise InputError(source, f"{place} field {key!r}", "a value (the field is missing)")
    return value


def parse_chart(text: str, source: str | PathLike = "<chart>") -> Chart:
    """A chart from its file's text; an :class:`InputError` names the file, entry and field."""
    source = str(source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            source, f"line {error.lineno}, column {error.colno}", "JSON", error.msg
        ) from None
    data = _entry(
        data, _TOP, ("format", "version", "charter", "themes", "cases", "cells"), source, "the file"
    )
    if data["format"] != FORMAT:
        raise InputError(source, "field 'format'", f"{FORMAT!r} (a chart file)", data["format"])
    if data["version"] != VERSION:
        raise InputError(
            source, "field 'version'", f"{VERSION} (this qualkit's chart format)", data["version"]
        )
    charter = _text(data["charter"], source, "field 'charter'")
    codings = _text(data.get("codings", ""), source, "field 'codings'", empty=True)
    themes = []
    for index, entry in enumerate(_list(data["themes"], source, "field 'themes'")):
        place = f"themes[{index}]"
        entry = _entry(entry, ("name", "codes", "description"), ("name", "codes"), source, place)
        name = _text(entry["name"], source, f"{place} field 'name'")
        if name in {t.name for t in themes}:
            raise InputError(source, f"{place} field 'name'", "a theme name used once", name)
        codes = tuple(
            _text(code, source, f"{place} field 'codes'[{i}]")
            for i, code in enumerate(_list(entry["codes"], source, f"{place} field 'codes'"))
        )
        description = _text(
            entry.get("description", ""), source, f"{place} field 'description'", empty=True
        )
        themes.append(Theme(name, codes, description))
    cases = []
    for index, case in enumerate(_list(data["cases"], source, "field 'cases'")):
        case = _text(case, source, f"cases[{index}]")
        if case in cases:
            raise InputError(source, f"cases[{index}]", "a case listed once", case)
        cases.append(case)
    chart = Chart(charter, tuple(themes), tuple(cases), (), codings)
    seen: set[tuple[str, str]] = set()
    cells = []
    for index, entry in enumerate(_list(data["cells"], source, "field 'cells'")):
        place = f"cells[{index}]"
        entry = _entry(entry, _CELL, ("case", "theme", "summary", "turns"), source, place)
        case = _text(entry["case"], source, f"{place} field 'case'")
        if case not in chart.cases:
            raise InputError(source, f"{place} field 'case'", "one of the chart's cases", case)
        theme = _text(entry["theme"], source, f"{place} field 'theme'")
        if theme not in chart.theme_names:
            raise InputError(source, f"{place} field 'theme'", "one of the chart's themes", theme)
        if (case, theme) in seen:
            raise InputError(
                source, place, "one cell per case and theme", f"{case} × {theme} again"
            )
        seen.add((case, theme))
        summary = _text(entry["summary"], source, f"{place} field 'summary'", empty=True)
        turns = []
        for number, ref in enumerate(_list(entry["turns"], source, f"{place} field 'turns'")):
            where = f"{place} field 'turns'[{number}]"
            ref = _entry(ref, ("session", "turn"), ("session", "turn"), source, where)
            session_id = _text(ref["session"], source, f"{where} field 'session'")
            turn = ref["turn"]
            if not isinstance(turn, int) or isinstance(turn, bool) or turn < 1:
                raise InputError(source, f"{where} field 'turn'", "a turn number (1 or more)", turn)
            turns.append(TurnRef(session_id, turn))
        updated = _text(entry.get("updated", ""), source, f"{place} field 'updated'", empty=True)
        cells.append(Cell(case, theme, summary, tuple(turns), updated))
    for cell in cells:
        chart = chart.with_cell(cell)
    return chart


def read_chart(path: str | PathLike, *, lock: bool = True) -> Chart:
    """Read a chart file. With ``lock`` (for readers outside the tool) under its lock, shared;
    the tool, reading under its own lock, passes ``lock=False``."""
    path = Path(path)
    if path.is_dir():
        raise InputError(path, "path", "a chart file (UTF-8 JSON)", "a folder")
    with shared(path) if lock else nullcontext():
        data = path.read_bytes()
    text = decode_utf8(data, path, keep_mark=False)
    return parse_chart(text, path)


# ---------------------------------------------------------------- the tool's file


class ChartFile:
    """One charter's chart file at ``path`` (made absolute: a later ``chdir`` cannot move it)."""

    def __init__(self, path: str | PathLike, charter: str) -> None:
        self.path = Path(path).absolute()
        self.charter = charter
        self.saved: Signature = None  # the file as we last read or wrote it

    def read(self, *, lock: bool = True) -> Chart | None:
        """The saved chart (None if there is none yet); refuses another charter's file."""
        self._remove_stale_temporaries()
        signature = self.signature()
        try:
            chart = read_chart(self.path, lock=lock)
        except FileNotFoundError:
            self.saved = None
            return None
        if chart.charter != self.charter:
            expected = f"only {self.charter!r}'s chart (each charter charts into her own file)"
            raise InputError(self.path, "field 'charter'", expected, chart.charter)
        self.saved = signature
        return chart

    def write(self, chart: Chart) -> None:
        write_atomic(self.path, format_chart(chart))
        self.saved = self.signature()

    def save(self, chart: Chart, cell: Cell) -> Chart:
        """Save ``cell`` into the file; the chart as saved (``chart`` with ``cell``, or the file's
        own chart with it if something else changed the file since we last read or wrote it)."""
        with locked(self.path):
            current = chart
            if self.signature() not in (self.saved, None):
                disk = self.read(lock=False)
                if disk is not None:
                    current = disk.with_frame(chart.themes, chart.cases)
            new = current.with_cell(cell)
            self.write(new)
        return new

    def signature(self) -> Signature:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _remove_stale_temporaries(self) -> None:
        # write_atomic cleans up after itself unless the process is killed mid-save; a
        # leftover is never the saved chart (the rename is what saves).
        if not self.path.parent.is_dir():
            return
        cutoff = time.time() - STALE_TEMP_SECONDS
        for temporary in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            try:
                if temporary.stat().st_mtime < cutoff:
                    temporary.unlink()
            except OSError:
                pass
