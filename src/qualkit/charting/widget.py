"""The charting widget: an anywidget view (``charting.js``, ``charting.css``) over a ChartingTool.

The browser draws and reports what the user did; each report becomes one call of the model,
and the traits it sends back (:mod:`qualkit.charting.view_state`) are what gets drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets

from qualkit.charting import view_state
from qualkit.charting.tool import ChartingTool
from qualkit.errors import InputError
from qualkit.view_module import view_module

__all__ = ["KEYS_HELP", "ChartWidget"]

HERE = Path(__file__).parent
KEYS_HELP = (
    "In the chart: arrow keys move between cells; Enter opens a cell. In a cell: write the "
    "summary; it is saved when you pause, press Ctrl+Enter or leave the box; Space ticks a turn the summary "
    "rests on (saved at once); the turn's \u201cIn context\u201d button shows the talk around it; "
    "Esc goes back to the cell in the chart."
)


class ChartWidget(anywidget.AnyWidget):
    """The charting tool on screen. ``widget.tool`` is the :class:`ChartingTool` it shows."""

    _esm = view_module(HERE / "charting.js")
    _css = HERE / "charting.css"

    title = traitlets.Unicode("").tag(sync=True)
    subtitle = traitlets.Unicode("").tag(sync=True)
    keys_help = traitlets.Unicode(KEYS_HELP).tag(sync=True)
    grid = traitlets.Dict().tag(sync=True)
    editor = traitlets.Dict().tag(sync=True)
    context = traitlets.Dict().tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)

    def __init__(self, tool: ChartingTool, title: str = "Framework chart") -> None:
        super().__init__(
            title=title,
            subtitle=f"Charter {tool.charter} · every change is saved at once to {tool.path.name}",
        )
        self.tool = tool
        self._draw("reload")
        tool.on_change(self._draw)
        self.on_msg(self._on_message)

    def _draw(self, change: str) -> None:
        if change in ("cell", "reload"):
            self.grid = view_state.grid_view(self.tool)
        if change in ("open", "cell", "reload"):
            self.editor = view_state.editor_view(self.tool)
        if change in ("open", "context", "reload"):
            self.context = view_state.context_view(self.tool)
        self.status = self.tool.status

    def _on_message(self, _widget: object, content: dict, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("type") in self._handlers():
            self.handle(content)

    def handle(self, message: dict) -> None:
        """Carry out one message from the view; a problem is shown, never raised."""
        self.error = ""
        try:
            self._handlers()[message["type"]](message)
        except (ValueError, KeyError, OSError, TimeoutError, InputError) as error:
            text = error.args[0] if isinstance(error, KeyError) and error.args else error
            self.error = f"Not saved: {text}"

    def _handlers(self) -> dict[str, Callable[[dict], object]]:
        tool = self.tool
        return {
            "open": lambda m: tool.open(str(m["case"]), str(m["theme"])),
            "summary": lambda m: tool.write_summary(str(m.get("text", ""))),
            "pick": lambda m: tool.pick(str(m["id"]), bool(m.get("on", True))),
            "show": lambda m: tool.show(str(m["id"])),
        }
