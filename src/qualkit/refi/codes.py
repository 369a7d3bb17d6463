"""A codebook in QDA-XML: ``<Codes>`` in a project or a ``.qdc`` file, both ways.

Categories are top-level ``<Code isCodable="false">`` elements with their codes inside. A
codebook from another tool may be flat (codes without a category, as QualCoder and Taguette
write them): its loose codes are read into the category :data:`UNCATEGORISED`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Collection
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from qualkit.atomic import write_atomic
from qualkit.codebook import Category, Code, Codebook
from qualkit.corpus import Participant
from qualkit.reading import read_bytes
from qualkit.refi.descriptions import (
    CODE_SECTIONS,
    category_description,
    code_description,
    parse_category_description,
    parse_code_description,
)
from qualkit.refi.project import NS_CODEBOOK, PARTICIPANTS_CATEGORY, guid, origin
from qualkit.refi.qdaxml import Reader, Tree, norm, parse_xml
from qualkit.refi.schema import validate

__all__ = [
    "UNCATEGORISED",
    "ReadCodes",
    "codebook_xml",
    "export_qdc",
    "import_qdc",
    "read_codes",
    "write_codes",
]

UNCATEGORISED = Category("uncategorised", "Uncategorised", "Codes that came without a category.")


def write_codes(
    tree: Tree,
    parent: ET.Element,
    codebook: Codebook,
    new: Collection[str] = (),
    participants: tuple[Participant, ...] = (),
) -> None:
    """``<Codes>``: categories as non-codable codes, their codes inside them.

    With ``participants``, a last category holds one code per participant, whose GUID is the
    participant's ``<Case>`` GUID (see :data:`PARTICIPANTS_CATEGORY`).
    """
    if not codebook.categories:
        raise ValueError("a codebook needs at least one category to be written as QDA-XML")
    codes = tree.sub(parent, "Codes")
    for category in codebook.categories:
        description = category_description(category)
        if parse_category_description(description, category.label) != (
            category.description,
            category.id,
        ):
            raise ValueError(f"category id {category.id!r} cannot be written recoverably")
        element = tree.sub(
            codes,
            "Code",
            guid=guid(f"category:{category.id}"),
            name=category.label,
            isCodable="false",
        )
        tree.sub(element, "Description", description)
        for code in codebook.in_category(category.id):
            description = code_description(code, code.label in new)
            fields = {name: getattr(code, name) for name in ("brief", *dict(CODE_SECTIONS))}
            if parse_code_description(description) != (fields, code.label in new):
                raise ValueError(
                    f"code {code.label}: a field contains a paragraph that starts like another "
                    "field's label, so the Description could not be read back"
                )
            child = tree.sub(
                element, "Code", guid=guid(f"code:{code.label}"), name=code.label, isCodable="true"
            )
            tree.sub(child, "Description", description)
    if participants:
        element = tree.sub(
            codes,
            "Code",
            guid=guid("category:participants"),
            name=PARTICIPANTS_CATEGORY,
            isCodable="false",
        )
        tree.sub(
            element,
            "Description",
            "One code per participant, with the GUID of the participant's Case: it marks the "
            "sessions the participant took part in. Not a code of the codebook.",
        )
        for participant in participants:
            pid = participant.participant_id
            tree.sub(element, "Code", guid=guid(f"case:{pid}"), name=pid, isCodable="true")


@dataclass(frozen=True)
class ReadCodes:
    """What :func:`read_codes` found: the codebook and how GUIDs map to its parts."""

    codebook: Codebook
    code_guids: dict[str, str]  # normalised GUID → code label
    category_guids: set[str]
    new: set[str]  # labels marked as added during coding


def read_codes(reader: Reader, codes: ET.Element, case_guids: Collection[str] = ()) -> ReadCodes:
    """The codebook in ``<Codes>``; codes whose GUID is a case's are case links, left out."""
    categories: list[Category] = []
    found: list[Code] = []
    code_guids: dict[str, str] = {}
    category_guids: set[str] = set()
    new: set[str] = set()

    def add_code(member: ET.Element, category_id: str) -> None:
        nested = member.find(reader.tag("Code"))
        if nested is not None:
            expected = "no code inside a code: qualkit codebooks have two levels"
            reader.fail(nested, expected, nested.get("name"))
        name = reader.attribute(member, "name")
        if any(code.label == name for code in found):
            reader.fail(member, "each code name once", name)
        fields, is_new = parse_code_description(reader.text(member, "Description"))
        found.append(Code(label=name, category=category_id, **fields))
        code_guids[norm(reader.attribute(member, "guid"))] = name
        if is_new:
            new.add(name)

    loose: list[ET.Element] = []
    for element in reader.children(codes, "Code"):
        members = [
            member
            for member in reader.children(element, "Code")
            if norm(reader.attribute(member, "guid")) not in case_guids
        ]
        if len(members) < len(reader.children(element, "Code")) and not members:
            continue  # the participants' category: case links only
        if not members and element.get("isCodable") != "false":
            if norm(reader.attribute(element, "guid")) not in case_guids:
                loose.append(element)
            continue
        label = reader.attribute(element, "name")
        description, category_id = parse_category_description(
            reader.text(element, "Description"), label
        )
        if any(category.id == category_id for category in categories):
            reader.fail(element, "each category id once", category_id)
        categories.append(Category(category_id, label, description))
        category_guids.add(norm(reader.attribute(element, "guid")))
        for member in members:
            add_code(member, category_id)
    if loose:
        if any(category.id == UNCATEGORISED.id for category in categories):
            reader.fail(loose[0], "no loose code beside a category named 'Uncategorised'")
        categories.append(UNCATEGORISED)
        for element in loose:
            add_code(element, UNCATEGORISED.id)
    return ReadCodes(Codebook(tuple(categories), tuple(found)), code_guids, category_guids, new)


def codebook_xml(codebook: Codebook) -> bytes:
    """A ``.qdc`` codebook document (root ``CodeBook``) as UTF-8 bytes."""
    tree = Tree(NS_CODEBOOK)
    root = tree.sub(None, "CodeBook", origin=origin())
    write_codes(tree, root, codebook)
    return tree.serialise(root)


def export_qdc(path: str | PathLike, codebook: Codebook, *, check: bool = False) -> None:
    """Write a ``.qdc`` codebook atomically; with ``check``, validate it first (needs lxml)."""
    xml = codebook_xml(codebook)
    if check:
        validate(xml, "codebook", path)
    write_atomic(path, xml)


def import_qdc(path: str | PathLike) -> Codebook:
    """Read a ``.qdc`` codebook. Its title is ``""``: QDA-XML codebooks have no title."""
    path = Path(path)
    root, lines = parse_xml(read_bytes(path, "a .qdc codebook (QDA-XML)"), str(path))
    reader = Reader(NS_CODEBOOK, str(path), lines)
    if root.tag != reader.tag("CodeBook"):
        reader.fail(root, f"a <CodeBook> root element in the namespace {NS_CODEBOOK}", root.tag)
    reader.unique_guids(root)
    codes = root.find(reader.tag("Codes"))
    if codes is None:
        reader.fail(root, "a <Codes> element")
    return read_codes(reader, codes).codebook
