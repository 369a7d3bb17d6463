"""Checking QDA-XML against the vendored QDA-XML 1.0 schemas, and opening ``.qdpx`` archives."""

from __future__ import annotations

import zipfile
from functools import cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Literal

from qualkit.errors import InputError

__all__ = ["SCHEMA_FILES", "SchemaName", "open_qdpx", "project_entry", "validate", "validate_qdpx"]

SchemaName = Literal["project", "codebook"]
SCHEMA_FILES: dict[str, str] = {"project": "Project.xsd", "codebook": "Codebook.xsd"}


@cache
def _schema(name: str):
    from lxml import etree

    data = (resources.files("qualkit") / "schemas" / SCHEMA_FILES[name]).read_bytes()
    return etree.XMLSchema(etree.fromstring(data))


def validate(xml: bytes, schema: SchemaName = "project", source: str | PathLike = "<xml>") -> None:
    """Check a document against the QDA-XML 1.0 schema; raise :class:`InputError` if invalid.

    The error names ``source``, the line and the schema's complaint. Needs ``lxml``.
    """
    if schema not in SCHEMA_FILES:
        raise ValueError(f"schema must be 'project' or 'codebook', not {schema!r}")
    try:
        from lxml import etree
    except ImportError:
        raise ModuleNotFoundError(
            "validating against the QDA-XML schema needs lxml (pip install lxml)"
        ) from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        document = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(source, f"line {error.lineno}", "well-formed XML", error.msg) from None
    checker = _schema(schema)
    if not checker.validate(document):
        error = checker.error_log[0]
        expected = f"XML valid against QDA-XML 1.0 {SCHEMA_FILES[schema]}"
        raise InputError(source, f"line {error.line}", expected, error.message)


def open_qdpx(path: Path) -> zipfile.ZipFile:
    """The ``.qdpx`` archive; a folder or a file that is not a ZIP archive raises InputError."""
    expected = "a .qdpx project (a ZIP archive)"
    if Path(path).is_dir():
        raise InputError(path, "path", expected, "a folder")
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError(path, "whole file", expected, "not a ZIP archive") from None


def project_entry(archive: zipfile.ZipFile, path: Path) -> str:
    """The archive's ``project.qde``; a lone differently named ``.qde`` at the root will do."""
    names = archive.namelist()
    if "project.qde" in names:
        return "project.qde"
    candidates = [name for name in names if "/" not in name and name.endswith(".qde")]
    if len(candidates) == 1:
        return candidates[0]
    found = ", ".join(sorted(names)[:5]) or "an empty archive"
    raise InputError(path, "archive contents", "a project.qde file at the root", found)


def validate_qdpx(path: str | PathLike) -> None:
    """Validate the ``project.qde`` inside a ``.qdpx`` against QDA-XML 1.0 (needs lxml)."""
    path = Path(path)
    with open_qdpx(path) as archive:
        entry = project_entry(archive, path)
        validate(archive.read(entry), "project", f"{path}:{entry}")
