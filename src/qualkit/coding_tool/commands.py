"""The command box's little language: one word, typed and run with Enter.

Kept apart from the tool so the language can grow without touching the model; everything a
command does is a public method of :class:`~qualkit.coding_tool.CodingTool`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qualkit.coding_tool.tool import CodingTool

__all__ = ["ALL_CODED", "COMMANDS_HELP", "run_command"]

COMMANDS_HELP = (
    "n = next turn, p = previous turn, u = next uncoded turn, a number = go to that turn, "
    "a code label (or its first letters) = apply or remove that code, z = undo, ? = this help"
)
# What "next uncoded" says when no participant turn (of the speaker shown) lacks a code.
ALL_CODED = "No uncoded participant turn left."


def run_command(tool: CodingTool, command: str) -> str:
    """Carry out a typed command (see ``COMMANDS_HELP``) and return what happened.

    >>> from qualkit.transcripts import parse_transcript
    >>> from qualkit.codebook import Category, Code, Codebook
    >>> cb = Codebook((Category("c", "C", "C."),), (Code("TRUST", "c", *"bfwne"),))
    >>> import tempfile; folder = tempfile.TemporaryDirectory()
    >>> from qualkit.coding_tool import CodingTool
    >>> tool = CodingTool(parse_transcript("A: hi\\nB: yo", "S1"), cb, "ana", f"{folder.name}/a.json")
    >>> run_command(tool, "2"), run_command(tool, "tr"), run_command(tool, "p")
    ('Turn 2 of S1.', 'Applied TRUST to turn 2.', 'Turn 1 of S1.')
    >>> folder.cleanup()
    """
    text = command.strip()
    word = text.lower()
    if not text:
        return ""
    if word in ("?", "h", "help"):
        return "Commands: " + COMMANDS_HELP + "."
    if word in ("n", "next", "p", "prev", "previous", "u", "uncoded"):
        move = {"n": tool.next, "p": tool.previous, "u": tool.next_uncoded}[word[0]]
        turn = move()
        if turn is None:
            return "No more turns that way." if word[0] != "u" else ALL_CODED
        return f"Turn {turn.turn} of {turn.session_id}."
    if word in ("z", "undo"):
        done = tool.undo()
        return f"Undid: {done}." if done else "Nothing to undo."
    if text.isdecimal():  # not isdigit: int() refuses "²"
        try:
            turn = tool.go(int(text))
        except KeyError as error:
            return str(error.args[0])
        return f"Turn {turn.turn} of {turn.session_id}."
    label = text.upper()
    if label not in tool.codebook:
        candidates = [name for name in tool.codebook.names if name.startswith(label)]
        if len(candidates) != 1:
            if candidates:
                return f"{text!r} could be {', '.join(candidates)}: type more of the label."
            return f"No code or command {text!r}. Commands: {COMMANDS_HELP}."
        label = candidates[0]
    applied = tool.toggle(label)
    verb = "Applied" if applied else "Removed"
    preposition = "to" if applied else "from"
    return f"{verb} {label} {preposition} turn {tool.current.turn}."
