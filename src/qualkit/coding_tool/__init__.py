"""The coding tool's model, one module per concept, re-exported here as one flat API.

* :mod:`~qualkit.coding_tool.tool`: :class:`CodingTool`: its turns, its file, what it shows;
* :mod:`~qualkit.coding_tool.actions`: coding turns and spans, memos, new codes, undo;
* :mod:`~qualkit.coding_tool.moving`: going to turns, filtering, selecting spans and codings;
* :mod:`~qualkit.coding_tool.coding_file`: the file on disk (atomic saves, resuming, refusing
  another coder's file), through the coding file's format below the tool
  (:mod:`qualkit.codings`: its content in memory, its journal and its lock);
* :mod:`~qualkit.coding_tool.navigation`: position, filters, search, next and previous;
* :mod:`~qualkit.coding_tool.selection`: spans in a turn, sentence steps, browser offsets;
* :mod:`~qualkit.coding_tool.commands`: the command box's language (a mixin of the tool);
* :mod:`~qualkit.coding_tool.progress`: how far the coder has got.
"""

from qualkit.coding_tool.coding_file import default_path
from qualkit.coding_tool.commands import COMMANDS_HELP
from qualkit.coding_tool.navigation import ALL_CODED
from qualkit.coding_tool.progress import Progress
from qualkit.coding_tool.selection import Selection
from qualkit.coding_tool.tool import Change, CodingTool

__all__ = [
    "ALL_CODED",
    "COMMANDS_HELP",
    "Change",
    "CodingTool",
    "Progress",
    "Selection",
    "default_path",
]
