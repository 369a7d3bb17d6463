"""MacQueen's code fields and a category's id, kept in QDA-XML ``<Description>`` text.

QDA-XML gives a code only a name and a free-text description. The kit writes the brief
definition first, then one paragraph ``Label: text`` per other field, so that another tool shows
a readable definition and :func:`parse_code_description` gets every field back.
"""

from __future__ import annotations

import re

from qualkit.codebook import Category, Code

__all__ = [
    "CODE_SECTIONS",
    "NEW_CODE_NOTE",
    "category_description",
    "code_description",
    "parse_category_description",
    "parse_code_description",
]

# MacQueen's fields after the brief definition, each a paragraph "Label: text".
CODE_SECTIONS = (
    ("full", "Full definition"),
    ("when_to_use", "When to use"),
    ("when_not_to_use", "When not to use"),
    ("example", "Example"),
)
NEW_CODE_NOTE = "Added during coding (not in the starting codebook)."
_CATEGORY_ID = "\n\nCategory id: "


def code_description(code: Code, new: bool = False) -> str:
    """A code's ``<Description>``: the brief definition, then one paragraph per other field.

    >>> code = Code("X_Y", "c", "Brief.", "Full.", "Use it.", "Not then.", "'Like this.'")
    >>> print(code_description(code))
    Brief.
    <BLANKLINE>
    Full definition: Full.
    <BLANKLINE>
    When to use: Use it.
    <BLANKLINE>
    When not to use: Not then.
    <BLANKLINE>
    Example: 'Like this.'
    """
    text = code.brief + "".join(
        f"\n\n{label}: {getattr(code, name)}" for name, label in CODE_SECTIONS
    )
    return text + "\n\n" + NEW_CODE_NOTE if new else text


def parse_code_description(text: str) -> tuple[dict[str, str], bool]:
    """MacQueen's fields (but ``code`` and ``category``) and the new-code mark from a Description.

    The inverse of :func:`code_description`. A description from another tool without the
    labelled paragraphs becomes the brief definition, with the other fields empty.

    >>> parse_code_description("Trust.\\n\\nExample: 'She gets it.'")
    ({'brief': 'Trust.', 'full': '', 'when_to_use': '', 'when_not_to_use': '', 'example': "'She gets it.'"}, False)
    """
    new = text.endswith("\n\n" + NEW_CODE_NOTE)
    if new:
        text = text[: -len(NEW_CODE_NOTE) - 2]
    cuts: list[tuple[str, int, int]] = []  # (field, where its label starts, where its text starts)
    position = 0
    for name, label in CODE_SECTIONS:
        marker = f"\n\n{label}: "
        at = text.find(marker, position)
        if at >= 0:
            cuts.append((name, at, at + len(marker)))
            position = at + len(marker)
    fields = dict.fromkeys(("brief", *(name for name, _ in CODE_SECTIONS)), "")
    ends = [at for _, at, _ in cuts] + [len(text)]
    fields["brief"] = text[: ends[0]]
    for (name, _, start), end in zip(cuts, ends[1:], strict=True):
        fields[name] = text[start:end]
    return fields, new


def category_description(category: Category) -> str:
    """A category's ``<Description>``: its description, then ``Category id: <id>``.

    >>> print(category_description(Category("pss", "Peer support", "About peers.")))
    About peers.
    <BLANKLINE>
    Category id: pss
    """
    return f"{category.description}{_CATEGORY_ID}{category.id}"


def parse_category_description(text: str, label: str) -> tuple[str, str]:
    """``(description, id)`` from a category's Description; without an id, one made from the label.

    >>> parse_category_description("About peers.\\n\\nCategory id: pss", "Peer support")
    ('About peers.', 'pss')
    >>> parse_category_description("Codes about home visits.", "Home visiting")
    ('Codes about home visits.', 'home_visiting')
    """
    head, marker, tail = text.rpartition(_CATEGORY_ID)
    if marker and tail and not any(character.isspace() for character in tail):
        return head, tail
    return text, re.sub(r"\W+", "_", label.strip().lower()).strip("_") or "category"
