"""The one error type for bad input: it names the file, the place, and what was expected."""

from __future__ import annotations

from os import PathLike

__all__ = ["InputError"]


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
