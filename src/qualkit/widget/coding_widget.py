"""The coding widget: an anywidget view (``coding.js``, ``coding.css``) over a CodingTool.

The browser draws and reports what the user did; this class turns each report into one call
of the model and sends back what to draw (:mod:`qualkit.widget.view_state`). It makes no
decision of its own beyond catching an error to show it in the status line.

The programmatic path is the model itself: ``widget.tool.apply(...)`` and the rest; the
screen follows because the widget listens to the model's changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets

from qualkit.codebook import Code
from qualkit.coding_tool import COMMANDS_HELP, CodingTool
from qualkit.coding_tool.selection import from_utf16
from qualkit.errors import InputError
from qualkit.view_module import view_module
from qualkit.widget.view_state import (
    codebook_view,
    marks_view,
    parse_coding_id,
    state_view,
    turns_view,
)

__all__ = ["KEYS_HELP", "CodingWidget"]

HERE = Path(__file__).parent
KEYS_HELP = (
    "Enter applies the ticked codes to the selection (or to the whole turn when nothing is "
    "selected), from the transcript or from a code's box just ticked. In the transcript: "
    "↓ / ↑ next and previous turn; Shift+→ select one more sentence, Shift+← one fewer; "
    "W applies the ticked codes to the whole turn; Esc clears the selection. "
    "Drag with the mouse to select any span. Click a highlight, stripe or code chip to pick "
    "that coding (to remove it or write its memo). Command box: " + COMMANDS_HELP + "."
)


class CodingWidget(anywidget.AnyWidget):
    """The coding tool on screen. ``widget.tool`` is the :class:`CodingTool` it shows."""

    _esm = view_module(HERE / "coding.js")
    _css = HERE / "coding.css"

    title = traitlets.Unicode("").tag(sync=True)
    subtitle = traitlets.Unicode("").tag(sync=True)
    keys_help = traitlets.Unicode(KEYS_HELP).tag(sync=True)
    turns = traitlets.List().tag(sync=True)
    speakers = traitlets.List().tag(sync=True)
    codebook = traitlets.Dict().tag(sync=True)
    marks = traitlets.Dict().tag(sync=True)
    state = traitlets.Dict().tag(sync=True)

    def __init__(self, tool: CodingTool, title: str = "") -> None:
        sessions = ", ".join(t.session_id for t in tool.transcripts)
        super().__init__(
            title=f"Coding {sessions}" + (f" · {title}" if title else ""),
            subtitle=f"Coder {tool.coder} · every change is saved at once to {tool.path.name}",
            turns=turns_view(tool),
            speakers=list(dict.fromkeys(t.speaker for t in tool.segments)),
        )
        self.tool = tool
        self._error = ""
        self._draw("reload")
        tool.on_change(self._on_model_change)
        self.on_msg(self._on_message)

    # ------------------------------------------------------------------ drawing

    def close(self) -> None:
        """Close the widget, and compact the coding file's journal into it."""
        try:
            self.tool.close()
        finally:
            super().close()

    def _on_model_change(self, change: str) -> None:
        self._error = ""  # the model changed, so an earlier error message is out of date
        self._draw(change)

    def _draw(self, change: str) -> None:
        if change in ("codebook", "reload"):
            self.codebook = codebook_view(self.tool)
        if change in ("codings", "memo", "selection", "codebook", "reload"):
            self.marks = marks_view(self.tool)
        self.state = state_view(self.tool, self._error)

    # ------------------------------------------------------------------ actions

    def _on_message(self, _widget: object, content: dict, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("type") in self._handlers():
            self.handle(content)

    def handle(self, message: dict) -> None:
        """Carry out one message from the view (as ``coding.js`` sends it).

        A problem becomes a message in the status line, never a crash in the notebook.
        """
        handler = self._handlers()[message["type"]]
        self._error = ""
        try:
            handler(message)
        except (ValueError, KeyError, OSError, InputError) as error:
            text = error.args[0] if isinstance(error, KeyError) and error.args else error
            self._error = f"Not done: {text}"
        self._draw("position")

    def _handlers(self) -> dict[str, Callable[[dict], object]]:
        tool = self.tool
        return {
            "go": lambda m: tool.go(int(m["turn"])),
            "goto": lambda m: tool.go(*self._unit(m["id"])[::-1]),
            "next": lambda m: tool.next(),
            "previous": lambda m: tool.previous(),
            "uncoded": lambda m: tool.next_uncoded(),
            "filter": lambda m: tool.filter(
                m.get("speaker") or None, m.get("code") or None, m.get("query", "")
            ),
            "select": self._select,
            "extend": lambda m: tool.extend_selection(1 if m.get("by", 1) > 0 else -1),
            "clear": lambda m: tool.clear_selection(),
            "apply": lambda m: self._apply(m.get("codes", []), whole=False),
            "whole": lambda m: self._apply(m.get("codes", []), whole=True),
            "pick": lambda m: tool.pick(parse_coding_id(m["id"])),
            "remove_picked": lambda m: tool.remove_picked(),
            "coding_memo": lambda m: tool.write_coding_memo(m.get("text", "")),
            "memo": lambda m: tool.write_memo(m.get("text", "")),
            "undo": lambda m: tool.undo(),
            "command": lambda m: tool.run_command(m.get("text", "")),
            "add_code": self._add_code,
            "accept_suggestion": lambda m: tool.accept_suggestion(str(m["code"])),
            "reject_suggestion": lambda m: tool.reject_suggestion(str(m["code"])),
            "change_suggestion": lambda m: tool.change_suggestion(str(m["code"]), str(m["to"])),
        }

    def _unit(self, text: str) -> tuple[str, int]:
        session, turn = text.rsplit("|", 1)
        return session, int(turn)

    def _select(self, message: dict) -> None:
        start_unit, end_unit = self._unit(message["from"]), self._unit(message["to"])
        if start_unit != end_unit:
            raise ValueError("a span stays inside one turn: select within a single turn")
        turn = self.tool.segment(start_unit[1], start_unit[0])
        a = from_utf16(turn.text, int(message["start"]))
        b = from_utf16(turn.text, int(message["end"]))
        self.tool.select(turn.start + min(a, b), turn.start + max(a, b), turn.turn, turn.session_id)

    def _apply(self, codes: list[str], whole: bool) -> None:
        if not codes:
            raise ValueError("tick one or more codes in the codebook first")
        if whole:
            self.tool.clear_selection()
        if not self.tool.apply_to_selection(codes):
            self.tool.status = "Those codes are there already."

    def _add_code(self, message: dict) -> None:
        fields = message.get("fields", {})
        self.tool.add_code(
            Code(
                str(fields.get("label", "")),
                str(fields.get("category", "")),
                *(
                    str(fields.get(name, "")).strip()
                    for name in ("brief", "full", "use", "not", "example")
                ),
            )
        )
