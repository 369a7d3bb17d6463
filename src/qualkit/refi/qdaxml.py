"""QDA-XML documents: building them with ElementTree, and reading them with each element's line.

Writing and reading share one namespace rule: elements are unqualified and the root carries
``xmlns``. Every reading error names the file, the line and the element (:meth:`Reader.fail`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import NoReturn
from xml.parsers import expat

from qualkit.errors import InputError

__all__ = ["Reader", "Tree", "norm", "parse_xml"]

# Characters XML 1.0 cannot carry: a document holding one would not parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Tree:
    """Builds one QDA-XML document in one default namespace with ElementTree.

    Elements are created unqualified and the root carries ``xmlns``: ElementTree's
    ``default_namespace`` option rejects unqualified attributes, and QDA-XML's are all
    unqualified. The bytes written are the same namespaced document.
    """

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def sub(
        self, parent: ET.Element | None, element: str, text: str | None = None, /, **attrs: str
    ) -> ET.Element:
        """A new ``<element>`` with ``text``; attributes that are None or empty are left out."""
        values = {key: value for key, value in attrs.items() if value not in (None, "")}
        for value in (text or "", *values.values()):
            if _NOT_XML.search(value):
                raise ValueError(f"cannot write <{element}> {value!r}: XML 1.0 forbids a character")
        if parent is None:
            new = ET.Element(element, {"xmlns": self.namespace, **values})
        else:
            new = ET.SubElement(parent, element, values)
        if text is not None:
            new.text = text
        return new

    def serialise(self, root: ET.Element) -> bytes:
        ET.indent(root, space="  ")
        # The declaration spelled as most QDA tools write it (ElementTree uses single quotes).
        body = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
        return (body + "\n").encode("utf-8")


def parse_xml(data: bytes, source: str) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Parse XML with expat into ElementTree elements, remembering each element's line."""
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True

    def name(raw: str) -> str:
        return "{" + raw if "}" in raw else raw

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = builder.start(name(tag), {name(key): value for key, value in attrs.items()})
        lines[element] = parser.CurrentLineNumber

    def doctype(*_) -> None:
        # QDA-XML never needs a DTD; refusing one rules out entity-expansion tricks.
        line = parser.CurrentLineNumber
        raise InputError(source, f"line {line}", "QDA-XML without a <!DOCTYPE>", "<!DOCTYPE>")

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(name(tag))
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        place = f"line {error.lineno} column {error.offset + 1}"
        raise InputError(source, place, "well-formed XML", expat.ErrorString(error.code)) from None
    return builder.close(), lines


def norm(value: str) -> str:
    """A GUID as compared: braces dropped, upper case (other tools write both)."""
    return value.strip().strip("{}").upper()


class Reader:
    """Reads one QDA-XML document; every error names the file, line and element."""

    def __init__(self, namespace: str, source: str, lines: dict[ET.Element, int]) -> None:
        self.namespace, self.source, self.lines = namespace, source, lines

    def tag(self, name: str) -> str:
        return f"{{{self.namespace}}}{name}"

    def children(self, element: ET.Element | None, name: str) -> list[ET.Element]:
        return [] if element is None else element.findall(self.tag(name))

    def fail(self, element: ET.Element, expected: str, *found, attribute: str = "") -> NoReturn:
        local = element.tag.rpartition("}")[2]
        place = f"line {self.lines.get(element, '?')} <{local}>"
        if attribute:
            place += f" attribute {attribute}"
        raise InputError(self.source, place, expected, *found)

    def attribute(self, element: ET.Element, name: str) -> str:
        value = element.get(name)
        if value is None or not value.strip():
            self.fail(element, f"a {name} attribute", "missing", attribute=name)
        return value

    def ref(self, element: ET.Element, name: str, targets: dict[str, str], what: str) -> str:
        """The thing a ``targetGUID`` (or other GUID attribute) points to."""
        target = self.attribute(element, name)
        if norm(target) not in targets:
            self.fail(element, f"the guid of {what}", target, attribute=name)
        return targets[norm(target)]

    def text(self, element: ET.Element | None, name: str) -> str:
        child = None if element is None else element.find(self.tag(name))
        return "" if child is None else (child.text or "")

    def unique_guids(self, root: ET.Element) -> None:
        """Each GUID once; a ``<Case>`` may share its GUID with the code that links it to text
        (ATLAS.ti and QualCoder do so), so cases are checked among themselves."""
        seen: dict[bool, set[str]] = {True: set(), False: set()}
        for element in root.iter():
            value = element.get("guid")
            if value is not None:
                among = seen[element.tag == self.tag("Case")]
                if norm(value) in among:
                    self.fail(element, "each guid once", value, attribute="guid")
                among.add(norm(value))
