"""Codebook: codes with MacQueen et al.'s (1998) six fields, grouped into categories.

MacQueen, McLellan, Kay & Milstein (1998), *Cultural Anthropology Methods* 10(2):31–36, give
each code a short label, a brief definition, a full definition, when to use it, when not to
use it, and an example. A file ``codebook.json`` holds::

    {"format": "qualkit-codebook", "version": 1, "title": "...",
     "categories": [{"id": "pss", "label": "...", "description": "..."}],
     "codes": [{"code": "PSS_BOUNDARY", "category": "pss", "brief": "...", "full": "...",
                "when_to_use": "...", "when_not_to_use": "...", "example": "..."}]}
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from os import PathLike
from pathlib import Path

from qualkit.atomic import write_atomic
from qualkit.errors import InputError

FORMAT = "qualkit-codebook"
CODE_FIELDS = ("code", "category", "brief", "full", "when_to_use", "when_not_to_use", "example")
CATEGORY_FIELDS = ("id", "label", "description")
_LABEL = re.compile(r"^[A-Z][A-Z0-9_]{1,47}$")


@dataclass(frozen=True)
class Category:
    """A group of codes (a model's codes, or the cross-cutting ones)."""

    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Code:
    """One code, with MacQueen's fields; ``code`` is an UPPER_SNAKE label like ``PSS_BOUNDARY``."""

    code: str
    category: str
    brief: str
    full: str
    when_to_use: str
    when_not_to_use: str
    example: str


@dataclass(frozen=True)
class Codebook:
    """An ordered set of categories and codes; look codes up with ``codebook["PSS_BOUNDARY"]``."""

    categories: tuple[Category, ...]
    codes: tuple[Code, ...]
    title: str = ""

    def __post_init__(self) -> None:
        labels = [code.code for code in self.codes]
        if len(set(labels)) != len(labels):
            duplicate = next(label for label in labels if labels.count(label) > 1)
            raise ValueError(f"code {duplicate!r} appears twice in the codebook")

    def __getitem__(self, label: str) -> Code:
        for code in self.codes:
            if code.code == label:
                return code
        raise KeyError(f"no code {label!r} in the codebook")

    def __contains__(self, label: object) -> bool:
        return any(code.code == label for code in self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def names(self) -> tuple[str, ...]:
        """Code labels in codebook order."""
        return tuple(code.code for code in self.codes)

    def category(self, category_id: str) -> Category:
        """The category with this id."""
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(f"no category {category_id!r} in the codebook")

    def in_category(self, category_id: str) -> tuple[Code, ...]:
        """The codes of one category, in codebook order."""
        return tuple(code for code in self.codes if code.category == category_id)

    def with_code(self, code: Code) -> Codebook:
        """A new codebook with ``code`` added (an inductive code), or replacing its namesake."""
        if not any(category.id == code.category for category in self.categories):
            raise KeyError(f"no category {code.category!r} for code {code.code!r}")
        kept = tuple(c for c in self.codes if c.code != code.code)
        return replace(self, codes=(*kept, code))


def _text_field(entry: Mapping, field: str, source: str, place: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        found = "missing" if field not in entry else value
        raise InputError(source, f"{place} field {field!r}", "a non-empty string", found)
    return value


def parse_code(entry: object, source: str, place: str, categories: set[str] | None = None) -> Code:
    """Validate one code object (all MacQueen fields present and non-empty)."""
    if not isinstance(entry, Mapping):
        raise InputError(source, place, "an object with the fields " + ", ".join(CODE_FIELDS))
    values = {field: _text_field(entry, field, source, place) for field in CODE_FIELDS}
    if not _LABEL.match(values["code"]):
        raise InputError(
            source,
            f"{place} field 'code'",
            "an UPPER_SNAKE label like PSS_BOUNDARY",
            values["code"],
        )
    if categories is not None and values["category"] not in categories:
        expected = "one of the categories " + ", ".join(sorted(categories))
        raise InputError(source, f"{place} field 'category'", expected, values["category"])
    return Code(**values)


def parse_codebook(data: object, source: str | PathLike = "<codebook>") -> Codebook:
    """Validate codebook data (as loaded from JSON) and build a :class:`Codebook`."""
    source = str(source)
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise InputError(source, "top level", f'an object with "format": "{FORMAT}"')
    raw_categories = data.get("categories")
    if not isinstance(raw_categories, list) or not raw_categories:
        raise InputError(source, "field 'categories'", "a non-empty list of categories")
    categories = []
    for index, entry in enumerate(raw_categories):
        place = f"categories[{index}]"
        if not isinstance(entry, Mapping):
            raise InputError(source, place, "an object with the fields id, label, description")
        categories.append(
            Category(*(_text_field(entry, field, source, place) for field in CATEGORY_FIELDS))
        )
    category_ids = {category.id for category in categories}
    raw_codes = data.get("codes")
    if not isinstance(raw_codes, list) or not raw_codes:
        raise InputError(source, "field 'codes'", "a non-empty list of codes")
    codes: list[Code] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw_codes):
        label = entry.get("code") if isinstance(entry, Mapping) else None
        place = f"codes[{index}]" + (f" ({label})" if isinstance(label, str) else "")
        code = parse_code(entry, source, place, category_ids)
        if code.code in seen:
            raise InputError(source, place, "each code label once", code.code)
        seen.add(code.code)
        codes.append(code)
    return Codebook(tuple(categories), tuple(codes), str(data.get("title", "")))


def read_codebook(path: str | PathLike) -> Codebook:
    """Read and validate a ``codebook.json`` file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InputError(path, f"line {error.lineno} column {error.colno}", "valid JSON") from None
    return parse_codebook(data, path)


def codebook_to_dict(codebook: Codebook) -> dict:
    """The JSON-ready form of a codebook (the inverse of :func:`parse_codebook`)."""
    return {
        "format": FORMAT,
        "version": 1,
        "title": codebook.title,
        "categories": [asdict(category) for category in codebook.categories],
        "codes": [asdict(code) for code in codebook.codes],
    }


def write_codebook(path: str | PathLike, codebook: Codebook) -> None:
    """Write a codebook file atomically (indented JSON, stable order, trailing newline)."""
    text = json.dumps(codebook_to_dict(codebook), indent=2, ensure_ascii=False)
    write_atomic(path, text + "\n")
