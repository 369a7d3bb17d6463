"""The one error type for bad input: it names the file, the place, and what was expected."""

from __future__ import annotations

from os import PathLike

__all__ = ["InputError", "NoAnswerYetError", "StudentError", "UnknownNameError"]


class InputError(ValueError):
    """Bad input in a file or value a person wrote.

    The message reads ``"{source}: {place}: expected {expected}, found {found!r}"`` so a student
    or instructor can go straight to the line, cell, entry or field that needs fixing.

    >>> print(InputError("codebook.json", "codes[2] field 'example'", "a non-empty string", ""))
    codebook.json: codes[2] field 'example': expected a non-empty string, found ''
    """

    _MISSING = object()

    def __init__(
        self, source: str | PathLike, place: str, expected: str, found: object = _MISSING
    ) -> None:
        self.source, self.place, self.expected = str(source), place, expected
        self.found = None if found is self._MISSING else found
        message = f"{self.source}: {place}: expected {expected}"
        if found is not self._MISSING:
            message += f", found {found!r}"
        super().__init__(message)


class StudentError(Exception):
    """Something a student did (or has not done yet) that she can put right herself.

    In a notebook it shows as its message alone, without a traceback (IPython calls
    ``_render_traceback_``): the message says what to do, and the lines of kit code it went
    through would only alarm her.

    >>> StudentError("run the cell above first")._render_traceback_()
    ['run the cell above first']
    """

    def _render_traceback_(self) -> list[str]:
        return [str(self)]


class NoAnswerYetError(StudentError):
    """Raised by the placeholder in a released answer cell, until the student writes her answer.

    nbgrader puts it where the solution was (``ClearSolutions.code_stub`` in
    autograde/nbgrader_config.py).
    """

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "Write your answer here first: replace the three lines from '# YOUR CODE HERE' "
            "with your answer, then run this cell again."
        )


class UnknownNameError(StudentError, KeyError):
    """A session, participant or set of codings the corpus does not have: a typo, usually. A
    ``KeyError``, so code that catches one still does; shown as its message alone.

    >>> print(UnknownNameError("no session 'PSS-FG9' in the corpus"))
    no session 'PSS-FG9' in the corpus
    """

    def __str__(self) -> str:  # KeyError would quote the message like a key
        return str(self.args[0]) if self.args else ""
