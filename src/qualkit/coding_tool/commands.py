"""The command box's little language: one word, typed and run with Enter.

A mixin of :class:`~qualkit.coding_tool.CodingTool`, like ``Moving`` and ``Actions``: it
imports nothing of the tool, so it sits below it; everything a command does is a public
method of the tool. A code typed here does what the Apply button does: it codes the
selection (or, with nothing selected, the whole turn) and clears the selection. It never
takes a code off: removing is its own command (``-LABEL``), and the status says what was done.
"""

from __future__ import annotations

from qualkit.coding_tool.navigation import ALL_CODED
from qualkit.transcripts import Turn

__all__ = ["ALL_CODED", "COMMANDS_HELP", "Commands"]

COMMANDS_HELP = (
    "n = next turn, p = previous turn, u = next uncoded turn, a number = go to that turn, "
    "a code label (or its first letters) = apply that code to the selection (or to the whole "
    "turn when nothing is selected), -label = remove that code from the selection (or from the "
    "whole turn), z = undo, ? = this help"
)
_REMOVE_WORDS = ("-", "remove ", "rm ")


class Commands:
    """The command box: :meth:`run_command`."""

    def run_command(self, command: str) -> str:
        """Carry out a typed command (see ``COMMANDS_HELP``); return what happened, which the
        status line says too.

        >>> from qualkit.transcripts import parse_transcript
        >>> from qualkit.codebook import Category, Code, Codebook
        >>> cb = Codebook((Category("c", "C", "C."),), (Code("TRUST", "c", *"bfwne"),))
        >>> import tempfile; folder = tempfile.TemporaryDirectory()
        >>> from qualkit.coding_tool import CodingTool
        >>> tool = CodingTool(parse_transcript("A: hi\\nB: yo", "S1"), cb, "ana", f"{folder.name}/a.json")
        >>> tool.run_command("2"), tool.run_command("tr"), tool.run_command("tr")
        ('Turn 2 of S1.', 'Applied TRUST to turn 2.', 'TRUST is on turn 2 already; type -TRUST to remove it.')
        >>> tool.run_command("-tr"), tool.run_command("p")
        ('Removed TRUST from turn 2.', 'Turn 1 of S1.')
        >>> folder.cleanup()
        """
        before = self.status
        message = self._command(command)
        if message and self.status is before:  # a command that saved has said so already
            self.status = message
            self._notify("position")
        return message

    def _command(self, command: str) -> str:
        text = command.strip()
        word = text.lower()
        if not text:
            return ""
        if word in ("?", "h", "help"):
            return "Commands: " + COMMANDS_HELP + "."
        if word in ("n", "next", "p", "prev", "previous", "u", "uncoded"):
            move = {"n": self.next, "p": self.previous, "u": self.next_uncoded}[word[0]]
            turn = move()
            if turn is None:
                return "No more turns that way." if word[0] != "u" else ALL_CODED
            return f"Turn {turn.turn} of {turn.session_id}."
        if word in ("z", "undo"):
            done = self.undo()
            return f"Undid: {done}." if done else "Nothing to undo."
        if text.isdecimal():  # not isdigit: int() refuses "²"
            try:
                turn = self.go(int(text))
            except KeyError as error:
                return str(error.args[0])
            return f"Turn {turn.turn} of {turn.session_id}."
        removing = next((w for w in _REMOVE_WORDS if word.startswith(w)), None)
        typed = text[len(removing) :].strip() if removing else text
        candidates = self._labels_like(typed)
        if len(candidates) == 1:
            label = candidates[0]
            return self._remove_typed(label) if removing else self._apply_typed(label)
        if candidates:
            return f"{typed!r} could be {', '.join(candidates)}: type more of the label."
        return f"No code or command {text!r}. Commands: {COMMANDS_HELP}."

    def _labels_like(self, typed: str) -> list[str]:
        """The codes a typed label (or its first letters) may name."""
        label = typed.upper()
        if not label or label in self.codebook:
            return [label] if label else []
        return [name for name in self.codebook.names if name.startswith(label)]

    def _typed_target(self) -> tuple[Turn, int | None, int | None]:
        """Where a typed code goes: the selection's turn and span, or the whole current turn."""
        selection = self.selection
        if selection is None:
            return self.current, None, None
        segment = self.segment(selection.turn, selection.session_id)
        start, end = self._span(segment, selection.start, selection.end)
        return segment, start, end

    def _apply_typed(self, label: str) -> str:
        segment, start, end = self._typed_target()
        where = self._where(segment, start, end)
        if self.apply_to_selection([label]):
            return f"Applied {label} to {where}."
        return f"{label} is on {where} already; type -{label} to remove it."

    def _remove_typed(self, label: str) -> str:
        segment, start, end = self._typed_target()
        where = self._where(segment, start, end)
        removed = self.remove(label, segment.turn, segment.session_id, start=start, end=end)
        self.clear_selection()
        if removed:
            return f"Removed {label} from {where}."
        return f"{label} is not on {where}: nothing removed."
