"""Reading text and JSON files so that every failure is an :class:`InputError` naming the file."""

from __future__ import annotations

import json
import re
from os import PathLike
from pathlib import Path

from qualkit.errors import InputError

__all__ = ["decode_utf8", "entry_lines", "parse_json", "read_bytes", "read_json", "read_text"]


def read_bytes(path: str | PathLike, expected: str = "a file") -> bytes:
    """The bytes of a file; a folder raises InputError, a missing file FileNotFoundError."""
    path = Path(path)
    if path.is_dir():
        raise InputError(path, "path", expected, "a folder")
    return path.read_bytes()


def read_text(path: str | PathLike, expected: str = "a UTF-8 text file") -> str:
    """The text of a UTF-8 file; a folder or bytes that are not UTF-8 raise InputError.

    A missing file raises FileNotFoundError, as ``open`` does, so callers can start afresh.

    >>> read_text("/")
    Traceback (most recent call last):
    ...
    qualkit.errors.InputError: /: path: expected a UTF-8 text file, found 'a folder'
    """
    text = decode_utf8(read_bytes(path, expected), path, keep_mark=True)
    # Universal newlines, as Path.read_text gives them: offsets count one character per break.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_utf8(data: bytes, source: str | PathLike, keep_mark: bool = False) -> str:
    """Bytes as UTF-8 text; other bytes raise InputError naming the first bad byte.

    A leading byte-order mark is dropped unless ``keep_mark``.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        found = f"the byte 0x{error.object[error.start]:02x}, which is not UTF-8"
        raise InputError(source, f"byte {error.start}", "UTF-8 text", found) from None
    return text if keep_mark else text.removeprefix("\ufeff")


def parse_json(text: str, source: str | PathLike) -> object:
    """JSON data; a syntax error names the line, column and the parser's reason.

    >>> parse_json('{"a": [1, 2', "f.json")
    Traceback (most recent call last):
    ...
    qualkit.errors.InputError: f.json: line 1 column 12: expected valid JSON, found "Expecting ',' delimiter"
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        place = f"line {error.lineno} column {error.colno}"
        raise InputError(source, place, "valid JSON", error.msg) from None


def read_json(path: str | PathLike) -> object:
    """The data of a UTF-8 JSON file, with :func:`read_text`'s and :func:`parse_json`'s errors."""
    return parse_json(read_text(path, "a UTF-8 JSON file"), path)


def entry_lines(text: str, names: tuple[str, ...]) -> dict[str, list[int]]:
    r"""The line each entry of the top-level lists ``names`` starts on, to name it in errors.

    ``text`` must be valid JSON (already parsed once); the JSON parser itself keeps no lines.

    >>> entry_lines('{"a": 1,\n "codings": [\n  {"x": 1},\n  {"x": 2}\n ]}', ("codings",))
    {'codings': [3, 4]}
    """
    decoder, lines = json.JSONDecoder(), {}
    whitespace = re.compile(r"[ \t\n\r]*")

    def skip(at: int) -> int:
        return whitespace.match(text, at).end()

    at = skip(0)
    if text[at : at + 1] != "{":
        return lines
    at = skip(at + 1)
    while at < len(text) and text[at] != "}":
        name, at = decoder.raw_decode(text, at)
        at = skip(skip(at) + 1)  # the colon
        if name in names and text[at] == "[":
            starts, at = [], skip(at + 1)
            while text[at] != "]":
                starts.append(text.count("\n", 0, at) + 1)
                at = skip(decoder.raw_decode(text, at)[1])
                at = skip(at + 1) if text[at] == "," else at
            lines[name] = starts
            at += 1
        else:
            at = decoder.raw_decode(text, at)[1]
        at = skip(at)
        at = skip(at + 1) if text[at : at + 1] == "," else at
    return lines
