"""Options a student chooses by number, so that no label has to be typed (or misspelt) in quotes.

A lesson prints a numbered list (``CRITERIA = qualkit.Choices(["credibility", ...])``) and its
answer skeleton reads ``"t1": CRITERIA[...]``: she replaces each blank with a number. The blank
itself stays a blank (the cell runs, says how many blanks are left, and the notebook runs on),
and a number the list does not have is named in one plain line, with the numbers it has.
"""

from __future__ import annotations

from collections.abc import Iterable

from qualkit.errors import StudentError

__all__ = ["Choices"]


class Choices(tuple):
    """A numbered list of options; ``options[n]`` is option ``n`` (0 is the first).

    >>> criteria = Choices(["credibility", "transferability"], name="CRITERIA")
    >>> criteria[1], criteria[...]
    ('transferability', Ellipsis)
    >>> print(criteria)
    0: credibility
    1: transferability
    >>> criteria[2]
    Traceback (most recent call last):
    qualkit.errors.StudentError: CRITERIA[2]: there is no option 2. Choose a number from 0 to 1 (the list printed above).

    A list made from her own work can be empty (her lesson-03 coding is not there yet): then
    there is nothing to choose, and the cell that printed the list says why.

    >>> Choices([], name="MY_CODES")[0]
    Traceback (most recent call last):
    qualkit.errors.StudentError: MY_CODES[0]: the list has no options yet, so there is nothing to choose; the cell that prints it says why.
    """

    name: str

    def __new__(cls, options: Iterable[str], name: str = "options") -> Choices:
        made = super().__new__(cls, options)
        made.name = name
        return made

    def __getitem__(self, number):
        if number is Ellipsis:  # a blank not filled in yet
            return Ellipsis
        # True and False are ints to Python, and -1 would quietly pick the last option.
        if type(number) is int and 0 <= number < len(self):
            return super().__getitem__(number)
        if not self:
            raise StudentError(
                f"{self.name}[{number!r}]: the list has no options yet, so there is nothing to "
                "choose; the cell that prints it says why."
            )
        raise StudentError(
            f"{self.name}[{number!r}]: there is no option {number!r}. Choose a number from 0 to "
            f"{len(self) - 1} (the list printed above)."
        )

    def __str__(self) -> str:
        if not self:
            return f"({self.name}: no options yet)"
        width = len(str(len(self) - 1))  # numbers aligned, so a long list reads as a column
        return "\n".join(f"{number:>{width}}: {option}" for number, option in enumerate(self))
