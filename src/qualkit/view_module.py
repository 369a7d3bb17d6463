"""The browser side of a qualkit widget: its view module after the helpers every view uses.

anywidget runs one ES module per widget, given as a string, so a view cannot import a shared
file without a bundler; joining the two keeps the kit free of a JavaScript build step.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["view_module"]

SHARED = Path(__file__).parent / "dom.js"


def view_module(view: Path) -> str:
    """``dom.js`` then the view at ``view``, as one module."""
    return SHARED.read_text(encoding="utf-8") + "\n" + view.read_text(encoding="utf-8")
