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

from qualkit.atomic import write_atomic
from qualkit.errors import InputError
from qualkit.reading import parse_json, read_text

__all__ = [
    "CATEGORY_FIELDS",
    "CODE_FIELDS",
    "FORMAT",
    "Category",
    "Code",
    "Codebook",
    "code_entry",
    "format_codebook",
    "parse_code",
    "parse_codebook",
    "read_codebook",
    "write_codebook",
]

FORMAT = "qualkit-codebook"
# The keys of a code in the file, in order; the file's "code" is :attr:`Code.label`.
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
    """One code, with MacQueen's fields; ``label`` is UPPER_SNAKE, like ``PSS_BOUNDARY``."""

    label: str
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
        labels = [code.label for code in self.codes]
        if len(set(labels)) != len(labels):
            duplicate = next(label for label in labels if labels.count(label) > 1)
            raise ValueError(f"code {duplicate!r} appears twice in the codebook")

    def __getitem__(self, label: str) -> Code:
        for code in self.codes:
            if code.label == label:
                return code
        raise KeyError(f"no code {label!r} in the codebook")

    def __contains__(self, label: object) -> bool:
        return any(code.label == label for code in self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def names(self) -> tuple[str, ...]:
        """Code labels in codebook order."""
        return tuple(code.label for code in self.codes)

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
            raise KeyError(f"no category {code.category!r} for code {code.label!r}")
        kept = tuple(c for c in self.codes if c.label != code.label)
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
    return Code(values.pop("code"), **values)


def code_entry(code: Code) -> dict[str, str]:
    """One code as its object in a file (the inverse of :func:`parse_code`)."""
    return dict(zip(CODE_FIELDS, asdict(code).values(), strict=True))


def parse_codebook(text: str, source: str | PathLike = "<codebook>") -> Codebook:
    """Read and validate a codebook file's text (the inverse of :func:`format_codebook`)."""
    source = str(source)
    data = parse_json(text, source)
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise InputError(source, "top level", f'an object with "format": "{FORMAT}"')
    raw_categories = data.get("categories")
    if not isinstance(raw_categories, list) or not raw_categories:
        raise InputError(source, "field 'categories'", "a non-empty list of categories")
    categories: list[Category] = []
    for index, entry in enumerate(raw_categories):
        place = f"categories[{index}]"
        if not isinstance(entry, Mapping):
            raise InputError(source, place, "an object with the fields id, label, description")
        category = Category(
            *(_text_field(entry, field, source, place) for field in CATEGORY_FIELDS)
        )
        if any(category.id == other.id for other in categories):
            raise InputError(source, f"{place} field 'id'", "each category id once", category.id)
        categories.append(category)
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
        if code.label in seen:
            raise InputError(source, place, "each code label once", code.label)
        seen.add(code.label)
        codes.append(code)
    return Codebook(tuple(categories), tuple(codes), str(data.get("title", "")))


def read_codebook(path: str | PathLike) -> Codebook:
    """Read and validate a ``codebook.json`` file."""
    return parse_codebook(read_text(path, "a codebook file (UTF-8 JSON)"), path)


def format_codebook(codebook: Codebook) -> str:
    """A codebook file's text: indented JSON in a stable order, ending in a newline."""
    data = {
        "format": FORMAT,
        "version": 1,
        "title": codebook.title,
        "categories": [asdict(category) for category in codebook.categories],
        "codes": [code_entry(code) for code in codebook.codes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_codebook(path: str | PathLike, codebook: Codebook) -> None:
    """Write a codebook file atomically."""
    write_atomic(path, format_codebook(codebook))
