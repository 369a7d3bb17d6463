"""Typed, located reading of one YAML file: every value knows its line.

PyYAML's composed nodes carry the line of every value, so an error can name the file, the
line, the field (``turns[12].w03``) and what was expected, as qualkit's InputError reads.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from qualkit.errors import InputError


class Reader:
    """Typed access to one file's composed YAML nodes, raising located errors."""

    def __init__(
        self, path: Path, what: str = "a YAML file of the talk (see CORPUS_SPEC.md)"
    ) -> None:
        self.path = path
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(path, "file", what, "missing") from None
        except UnicodeDecodeError as error:
            raise InputError(path, f"byte {error.start}", "UTF-8 text") from None
        try:
            self.root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            place = f"line {mark.line + 1}" if mark else "file"
            raise InputError(
                path, place, "valid YAML", str(getattr(error, "problem", error))
            ) from None
        if self.root is None:
            raise InputError(path, "file", "a YAML mapping", "an empty file")
        self._constructor = yaml.SafeLoader("")

    def fail(self, node, field: str, expected: str, found: object = InputError._MISSING):
        line = node.start_mark.line + 1 if node is not None else 1
        raise InputError(self.path, f"line {line} field {field!r}", expected, found)

    def value(self, node):
        return self._constructor.construct_object(node, deep=True)

    def mapping(self, node, field: str, required=(), optional=()) -> dict:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, field, "a mapping of keys to values", self.value(node))
        items = {}
        for key, value in node.value:
            name = self.value(key)
            place = f"{field}.{name}" if field else str(name)  # field "" is the file's top level
            if name not in (*required, *optional):
                self.fail(key, place, "one of the keys " + ", ".join((*required, *optional)))
            if name in items:
                self.fail(key, place, "each key once")
            items[name] = value
        for name in required:
            if name not in items:
                place = f"{field}.{name}" if field else name
                self.fail(node, place, f"a value for {name!r}", "nothing")
        return items

    def sequence(self, node, field: str) -> list:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, field, "a list", self.value(node))
        return list(node.value)

    def text(self, node, field: str, optional: bool = False) -> str:
        value = self.value(node) if node is not None else None
        if value is None and optional:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(node, field, "a non-empty text", value)
        return value

    def choice(self, node, field: str, options: tuple) -> object:
        value = self.value(node)
        if value not in options:
            self.fail(node, field, "one of " + ", ".join(map(str, options)), value)
        return value

    def integer(self, node, field: str, low: int, high: int, optional: bool = False) -> int | None:
        value = self.value(node) if node is not None else None
        if value is None and optional:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            self.fail(node, field, f"a whole number from {low} to {high}", value)
        return value
