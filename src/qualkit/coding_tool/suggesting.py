"""The coding tool's machine suggestions: shown on request, applied only by the coder, recorded.

Off unless the lesson passes ``suggest=True`` to the tool (or ``code_transcript``) or the
instructor sets ``QUALKIT_SUGGESTIONS=1`` in the server's environment. When on, the machine
coder (:mod:`qualkit.machine_coding`) suggests up to :data:`SHOWN` codes for the current turn
from the codebook and from the turns this coder has already coded. Nothing is applied unless
she applies it: :meth:`Suggesting.accept_suggestion` applies the suggested code,
:meth:`Suggesting.change_suggestion` applies another code instead, and
:meth:`Suggesting.reject_suggestion` applies nothing; each also records the decision in her
coding file (:mod:`qualkit.suggestion_records`), as one action and one undo step.

A mixin of :class:`~qualkit.coding_tool.CodingTool`.
"""

from __future__ import annotations

import os

from qualkit.codings.content import SetRecord
from qualkit.errors import InputError
from qualkit.suggestion_records import SuggestionRecord, record_key

__all__ = ["ENVIRONMENT", "SHOWN", "Suggesting", "suggestions_wanted"]

ENVIRONMENT = "QUALKIT_SUGGESTIONS"
SHOWN = 3


def suggestions_wanted(suggest: bool | None) -> bool:
    """The lesson's choice if it made one, else the instructor's environment setting."""
    if suggest is not None:
        return bool(suggest)
    return os.environ.get(ENVIRONMENT, "").strip().lower() in ("1", "true", "yes", "on")


def _evidence_text(suggestion) -> str:
    """What the panel shows as the suggestion's evidence, and the record keeps."""
    parts = []
    for evidence in suggestion.evidence[:3]:
        text = evidence.text if len(evidence.text) <= 90 else evidence.text[:89] + "…"
        where = f" (turn {evidence.unit[1]} of {evidence.unit[0]})" if evidence.unit else ""
        parts.append(f"{evidence.kind}{where}, similarity {evidence.similarity:.2f}: {text}")
    return " | ".join(parts)


class Suggesting:
    """Machine suggestions for the current turn and the coder's decisions on them."""

    suggest: bool = False
    _machine = None
    _machine_basis: frozenset | None = None

    def _machine_coder(self):
        from qualkit.machine_coding import MachineCoder  # loads the model on first use only

        basis = frozenset(self._content.codings)
        if self._machine is None or basis != self._machine_basis:
            mine = [coding for coding, _ in self._content.codings.values()]
            self._machine = MachineCoder(self.codebook, mine, self.transcripts)
            self._machine_basis = basis
        return self._machine

    def _candidate_codes(self) -> list[str]:
        if not self.focus:
            return list(self.codebook.names)
        return [c.label for c in self.codebook.codes if c.category in self.focus]

    def suggestions(self, turn: int | None = None, session_id: str | None = None) -> tuple:
        """Up to :data:`SHOWN` machine suggestions for a turn (default: the current one), best
        first; empty when suggestions are off or for a context speaker's turn."""
        segment = self.segment(turn, session_id)
        if not self.suggest or self.is_context(segment):
            return ()
        return self._machine_coder().suggest(segment, self._candidate_codes(), limit=SHOWN)

    def suggestion_record(
        self, code: str, turn: int | None = None, session_id: str | None = None
    ) -> SuggestionRecord | None:
        """What the coder decided on the suggestion of ``code`` for a turn (None: not yet)."""
        unit = self.segment(turn, session_id).unit
        entry = self._content.records.get((*unit, code, self.coder, -1, -1))
        return entry[0] if entry else None

    def accept_suggestion(self, code: str, turn: int | None = None, session_id=None) -> None:
        """Apply the suggested ``code`` and record that she accepted it."""
        self._decide(code, "accepted", code, turn, session_id)

    def change_suggestion(
        self, code: str, to: str, turn: int | None = None, session_id=None
    ) -> None:
        """Apply ``to`` instead of the suggested ``code`` and record the change."""
        self._decide(code, "changed", self._label(to), turn, session_id)

    def reject_suggestion(self, code: str, turn: int | None = None, session_id=None) -> None:
        """Apply nothing and record that she rejected the suggested ``code``."""
        self._decide(code, "rejected", None, turn, session_id)

    def _decide(self, code, decision, applied, turn, session_id) -> None:
        segment = self.segment(turn, session_id)
        shown = {s.code: s for s in self.suggestions(segment.turn, segment.session_id)}
        if code not in shown:
            expected = "a code suggested for this turn (" + ", ".join(shown) + ")"
            raise InputError(self.path.name, "suggestion", expected, code)
        suggestion = shown[code]
        record = SuggestionRecord(
            *segment.unit,
            code,
            self.coder,
            decision,
            applied if decision == "changed" else "",
            suggestion.score,
            _evidence_text(suggestion),
            self._clock(),
        )
        with self._file.lock():
            self._sync()
            ops = [] if applied is None else self._put_ops([applied], segment, None, None)
            ops.append(SetRecord(record_key(record), record))
            what = f"{decision} the suggestion {code}"
            if decision == "changed":
                what += f" (applied {applied})"
            self._commit(ops, f"{what} on {self._where(segment)}", segment.unit, "codings")
