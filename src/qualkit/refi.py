"""REFI-QDA exchange: QDA-XML 1.0 projects (``.qdpx``) and codebooks (``.qdc``).

REFI-QDA (www.qdasoftware.org) is the exchange standard of ATLAS.ti, MAXQDA, NVivo, QualCoder
and others: an instructor can open the corpus and every coder's work in those tools, and bring
work back. A ``.qdpx`` is a ZIP archive holding ``project.qde`` (QDA-XML, namespace
``urn:QDA-XML:project:1.0``) and one ``sources/<GUID>.txt`` per transcript (UTF-8, exactly
:attr:`Transcript.text`). A ``.qdc`` is a codebook alone (root ``CodeBook``, namespace
``urn:QDA-XML:codebook:1.0``). The schemas are vendored in ``qualkit/schemas``.

What maps to what (qualkit → QDA-XML):

- transcript → ``<TextSource name="<session_id>" plainTextPath="internal://<GUID>.txt">``.
- category → a top-level ``<Code isCodable="false">`` named by its label; its ``<Description>``
  is the category's description, then a paragraph ``Category id: <id>``.
- code → ``<Code isCodable="true" name="<CODE>">`` inside its category's ``<Code>``; all of
  MacQueen's fields are in its ``<Description>`` (see :func:`code_description`). Codes a coder
  added (:attr:`Codings.added_codes`) end with the paragraph :data:`NEW_CODE_NOTE`.
- coder → ``<User name="<coder>">``.
- the turns a coder coded → one ``<PlainTextSelection startPosition="<Turn.start>"
  endPosition="<Turn.end>" creatingUser="<coder>">`` per turn and coder. Positions are Unicode
  code points from 0, end excluded (Python slicing), as REFI-QDA counts them.
- coding → ``<Coding creatingUser="<coder>" creationDateTime="<created>">`` holding
  ``<CodeRef targetGUID="<code>"/>``, inside that selection.
- coding memo → a ``<Note>`` (in ``<Notes>``) with a ``<NoteRef>`` in the ``<Coding>``;
  memo on a segment (:class:`Memo`) → a ``<Note>`` with a ``<NoteRef>`` in the coder's
  selection of that turn (a selection without codings if the coder coded nothing there).
- participant → ``<Case name="<participant_id>">`` with a ``<VariableValue>`` per variable and
  a ``<SourceRef>`` per session; ``pseudonym``, ``model`` and every attribute are each a
  ``<Variable>``, of type ``Integer`` when every value is a whole number, else ``Text``.
- project title → ``<Project name>``; it is also the imported codebook's title, since
  QDA-XML has no place for one (a ``.qdc`` has none at all: :func:`import_qdc` gives ``""``).

GUIDs are ``uuid5(QUALKIT_NAMESPACE, key)`` for a stable key (``code:PSS_BOUNDARY``,
``selection:PSS-FG1:12:ana``, …), and elements are written in a canonical order, so exporting
the same content twice gives the same bytes and re-exports diff cleanly. A project read back
with :func:`import_qdpx` holds the same transcripts, codebook, codings, memos and participants;
its codings and memos come in that canonical order (session, turn, coder, codebook order).

Reading is lenient where nothing is lost and strict where it would be: a selection from
another tool that covers only part of a turn codes every turn it overlaps (the turn is the
kit's coding unit), but codes nested three levels deep, codings without a coder, non-text
sources and whole-source codings are errors that name the file, line and element.
"""

from __future__ import annotations

import io
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Literal, NoReturn
from xml.parsers import expat

from qualkit.atomic import write_atomic
from qualkit.codebook import Category, Code, Codebook
from qualkit.codings import Coding, Codings, Memo
from qualkit.codings import check_codings as check_fit
from qualkit.corpus import Corpus, Participant
from qualkit.errors import InputError
from qualkit.transcripts import Transcript, parse_transcript

NS_PROJECT = "urn:QDA-XML:project:1.0"
NS_CODEBOOK = "urn:QDA-XML:codebook:1.0"
QUALKIT_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:qualkit:refi-qda")
SchemaName = Literal["project", "codebook"]
SCHEMA_FILES: dict[str, str] = {"project": "Project.xsd", "codebook": "Codebook.xsd"}

# MacQueen's fields after the brief definition, each a paragraph "Label: text".
CODE_SECTIONS = (
    ("full", "Full definition"),
    ("when_to_use", "When to use"),
    ("when_not_to_use", "When not to use"),
    ("example", "Example"),
)
NEW_CODE_NOTE = "Added during coding (not in the starting codebook)."
_CATEGORY_ID = "\n\nCategory id: "
# Case variables that come from Participant fields rather than from its attributes.
_PARTICIPANT_VARIABLES = ("pseudonym", "model")
_PROJECT_NOTE = (
    "Exported by qualkit. One PlainTextSelection per speaker turn and coder; each code's "
    "Description holds its brief and full definitions, when to use it, when not to use it, "
    "and an example."
)
_INTEGER = re.compile(r"0|-?[1-9][0-9]*")
# Characters XML 1.0 cannot carry: a document holding one would not parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The earliest time a ZIP entry can hold: fixed, so that exports repeat byte for byte.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
NO_CODINGS = Codings()  # frozen, so safe as a shared default


def guid(key: str) -> str:
    """The GUID of the thing named by ``key``: the same key always gives the same GUID.

    >>> guid("code:PSS_BOUNDARY") == guid("code:PSS_BOUNDARY") != guid("code:PSS_IMPROVE")
    True
    >>> len(guid("user:ana")), guid("user:ana").isupper()
    (36, True)
    """
    return str(uuid.uuid5(QUALKIT_NAMESPACE, key)).upper()


def _origin() -> str:
    try:
        return f"qualkit {metadata.version('qualkit')}"
    except metadata.PackageNotFoundError:
        return "qualkit"


# --- MacQueen's fields in a Description --------------------------------------------------


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


# --- the project --------------------------------------------------------------------------


@dataclass(frozen=True)
class RefiProject:
    """A project read from a ``.qdpx`` (see :func:`import_qdpx`), in qualkit's own types.

    ``codebook`` holds the starting codebook; codes a coder added are in ``codings.added_codes``.
    ``participants`` keep their attributes as text, as in ``participants.csv``.
    """

    title: str
    transcripts: tuple[Transcript, ...]
    codebook: Codebook
    codings: Codings
    participants: tuple[Participant, ...] = ()

    def transcript(self, session_id: str) -> Transcript:
        for transcript in self.transcripts:
            if transcript.session_id == session_id:
                return transcript
        raise KeyError(f"no session {session_id!r} in the project")


def _contents(
    corpus: Corpus | RefiProject,
) -> tuple[tuple[Transcript, ...], Codebook, tuple[Participant, ...], str]:
    """Transcripts, codebook, participants and default title of a corpus or imported project."""
    if isinstance(corpus, RefiProject):
        return corpus.transcripts, corpus.codebook, corpus.participants, corpus.title
    title = corpus.codebook.title or "qualkit project"
    return corpus.transcripts(), corpus.codebook, corpus.participants, title


def check_codings(
    codings: Codings, corpus: Corpus | RefiProject, source: str | PathLike = "codings"
) -> None:
    """Check that codings fit a corpus or project (see :func:`qualkit.codings.check_codings`)."""
    transcripts, codebook, _, _ = _contents(corpus)
    check_fit(codings, source, codebook, transcripts)


# --- writing ------------------------------------------------------------------------------


class _Tree:
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


def _codes(tree: _Tree, parent: ET.Element, codebook: Codebook, new: frozenset[str]) -> None:
    """``<Codes>``: categories as non-codable codes, their codes inside them."""
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


def _cases(
    tree: _Tree, root: ET.Element, participants: tuple[Participant, ...], sessions: set[str]
) -> None:
    """``<Variables>`` and ``<Cases>``: one case per participant."""
    rows = []
    for participant in participants:
        clash = set(_PARTICIPANT_VARIABLES) & set(participant.attributes)
        if clash:
            raise ValueError(
                f"participant {participant.participant_id}: attribute {sorted(clash)[0]!r} "
                "clashes with the field of the same name"
            )
        values = {"pseudonym": participant.pseudonym, "model": participant.model}
        values.update((name, str(value)) for name, value in participant.attributes.items())
        rows.append(values)
    names = list(dict.fromkeys(name for values in rows for name in values))
    kinds = {}
    for name in names:
        filled = [values[name] for values in rows if values.get(name, "")]
        whole = filled and all(_INTEGER.fullmatch(value) for value in filled)
        kinds[name] = "Integer" if whole else "Text"
    variables = tree.sub(root, "Variables")
    for name in names:
        tree.sub(
            variables,
            "Variable",
            guid=guid(f"variable:{name}"),
            name=name,
            typeOfVariable=kinds[name],
        )
    cases = tree.sub(root, "Cases")
    for participant, values in zip(participants, rows, strict=True):
        case = tree.sub(
            cases,
            "Case",
            guid=guid(f"case:{participant.participant_id}"),
            name=participant.participant_id,
        )
        for name in names:
            value = values.get(name, "")
            if kinds[name] == "Integer" and not value:
                continue  # no IntegerValue for a blank; reading it back gives "" again
            holder = tree.sub(case, "VariableValue")
            tree.sub(holder, "VariableRef", targetGUID=guid(f"variable:{name}"))
            tree.sub(holder, f"{kinds[name]}Value", value)
        for session_id in participant.session_ids:
            if session_id not in sessions:
                raise ValueError(
                    f"participant {participant.participant_id} lists session {session_id}, "
                    "which has no transcript"
                )
            tree.sub(case, "SourceRef", targetGUID=guid(f"source:{session_id}"))


def _project(
    corpus: Corpus | RefiProject, codings: Codings, title: str | None
) -> tuple[bytes, list[tuple[str, bytes]]]:
    """``project.qde`` and the ``(archive name, bytes)`` of every source."""
    transcripts, codebook, participants, default_title = _contents(corpus)
    check_codings(codings, corpus)
    full = codebook
    for code in codings.added_codes:
        full = full.with_code(code)
    new = frozenset(code.label for code in codings.added_codes)
    code_order = {label: index for index, label in enumerate(full.names)}

    tree = _Tree(NS_PROJECT)
    root = tree.sub(None, "Project", name=title or default_title, origin=_origin())
    coders = sorted({c.coder for c in codings.codings} | {m.coder for m in codings.memos})
    if coders:
        users = tree.sub(root, "Users")
        for coder in coders:
            tree.sub(users, "User", guid=guid(f"user:{coder}"), name=coder)
    if full.categories:
        _codes(tree, tree.sub(root, "CodeBook"), full, new)
    if participants:
        _cases(tree, root, participants, {t.session_id for t in transcripts})

    by_unit: dict[str, dict[tuple[int, str], list]] = defaultdict(lambda: defaultdict(list))
    for coding in codings.codings:
        by_unit[coding.session_id][coding.turn, coding.coder].append(coding)
    for memo in codings.memos:
        by_unit[memo.session_id][memo.turn, memo.coder].append(memo)
    notes: list[tuple[str, str, str, str, str]] = []  # guid, name, coder, created, text
    files = []
    sources = tree.sub(root, "Sources") if transcripts else None
    for transcript in transcripts:
        session_id = transcript.session_id
        source_guid = guid(f"source:{session_id}")
        files.append((f"sources/{source_guid}.txt", transcript.text.encode("utf-8")))
        source = tree.sub(
            sources,
            "TextSource",
            guid=source_guid,
            name=session_id,
            plainTextPath=f"internal://{source_guid}.txt",
        )
        for (number, coder), items in sorted(by_unit[session_id].items()):
            turn = transcript.turn(number)
            unit = f"{session_id}:{number}"
            selection = tree.sub(
                source,
                "PlainTextSelection",
                guid=guid(f"selection:{unit}:{coder}"),
                name=f"{session_id} turn {number}",
                startPosition=str(turn.start),
                endPosition=str(turn.end),
                creatingUser=guid(f"user:{coder}"),
            )
            applied = sorted(
                (item for item in items if isinstance(item, Coding)),
                key=lambda coding: code_order[coding.code],
            )
            for coding in applied:
                key = f"{unit}:{coding.code}:{coder}"
                element = tree.sub(
                    selection,
                    "Coding",
                    guid=guid(f"coding:{key}"),
                    creatingUser=guid(f"user:{coder}"),
                    creationDateTime=coding.created,
                )
                tree.sub(element, "CodeRef", targetGUID=guid(f"code:{coding.code}"))
                if coding.memo:
                    note = guid(f"note:coding:{key}")
                    tree.sub(element, "NoteRef", targetGUID=note)
                    name = f"Memo on {coding.code}, {session_id} turn {number}"
                    notes.append((note, name, coder, coding.created, coding.memo))
            memos = sorted(
                (item for item in items if isinstance(item, Memo)),
                key=lambda memo: (memo.created, memo.text),
            )
            for index, memo in enumerate(memos, start=1):
                note = guid(f"note:memo:{unit}:{coder}:{index}")
                tree.sub(selection, "NoteRef", targetGUID=note)
                name = f"Memo, {session_id} turn {number}"
                notes.append((note, name, coder, memo.created, memo.text))
    if notes:
        container = tree.sub(root, "Notes")
        for note, name, coder, created, text in notes:
            element = tree.sub(
                container,
                "Note",
                guid=note,
                name=name,
                creatingUser=guid(f"user:{coder}"),
                creationDateTime=created,
            )
            tree.sub(element, "PlainTextContent", text)
    tree.sub(root, "Description", _PROJECT_NOTE)
    return tree.serialise(root), files


def project_xml(
    corpus: Corpus | RefiProject, codings: Codings = NO_CODINGS, *, title: str | None = None
) -> bytes:
    """``project.qde`` for a corpus (or an imported project) and codings, as UTF-8 bytes.

    ``title`` (the project's name) defaults to the codebook's title. Raises
    :class:`InputError` if a coding or memo points at a session, turn or code the corpus lacks.
    """
    return _project(corpus, codings, title)[0]


def _zip_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the platform, so the bytes do not depend on it
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def qdpx_bytes(
    corpus: Corpus | RefiProject,
    codings: Codings = NO_CODINGS,
    *,
    title: str | None = None,
    check: bool = False,
) -> bytes:
    """The ``.qdpx`` archive: ``project.qde`` first, then ``sources/<GUID>.txt`` in order.

    With ``check``, ``project.qde`` is first validated against the vendored schema (needs lxml).
    """
    xml, files = _project(corpus, codings, title)
    if check:
        validate(xml, "project", "project.qde")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _zip_entry(archive, "project.qde", xml)
        for name, data in files:
            _zip_entry(archive, name, data)
    return buffer.getvalue()


def export_qdpx(
    path: str | PathLike,
    corpus: Corpus | RefiProject,
    codings: Codings = NO_CODINGS,
    *,
    title: str | None = None,
    check: bool = False,
) -> None:
    """Write a ``.qdpx`` project atomically (see :func:`qdpx_bytes`)."""
    write_atomic(path, qdpx_bytes(corpus, codings, title=title, check=check))


def codebook_xml(codebook: Codebook) -> bytes:
    """A ``.qdc`` codebook document (root ``CodeBook``) as UTF-8 bytes."""
    tree = _Tree(NS_CODEBOOK)
    root = tree.sub(None, "CodeBook", origin=_origin())
    _codes(tree, root, codebook, frozenset())
    return tree.serialise(root)


def export_qdc(path: str | PathLike, codebook: Codebook, *, check: bool = False) -> None:
    """Write a ``.qdc`` codebook atomically; with ``check``, validate it first (needs lxml)."""
    xml = codebook_xml(codebook)
    if check:
        validate(xml, "codebook", path)
    write_atomic(path, xml)


# --- validating ---------------------------------------------------------------------------


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


# --- reading ------------------------------------------------------------------------------


def _parse_xml(data: bytes, source: str) -> tuple[ET.Element, dict[ET.Element, int]]:
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


def _norm(value: str) -> str:
    return value.strip().strip("{}").upper()


class _Reader:
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
        if _norm(target) not in targets:
            self.fail(element, f"the guid of {what}", target, attribute=name)
        return targets[_norm(target)]

    def text(self, element: ET.Element | None, name: str) -> str:
        child = None if element is None else element.find(self.tag(name))
        return "" if child is None else (child.text or "")

    def unique_guids(self, root: ET.Element) -> None:
        seen: set[str] = set()
        for element in root.iter():
            value = element.get("guid")
            if value is not None:
                if _norm(value) in seen:
                    self.fail(element, "each guid once", value, attribute="guid")
                seen.add(_norm(value))

    def codebook(self, codes: ET.Element) -> tuple[Codebook, dict[str, str], set[str], set[str]]:
        """The codebook, code GUID → label, category GUIDs, labels marked as new codes."""
        categories: list[Category] = []
        found: list[Code] = []
        code_guids: dict[str, str] = {}
        category_guids: set[str] = set()
        new: set[str] = set()
        for element in self.children(codes, "Code"):
            label = self.attribute(element, "name")
            description, category_id = parse_category_description(
                self.text(element, "Description"), label
            )
            members = self.children(element, "Code")
            if not members and element.get("isCodable") == "true":
                expected = "a category: qualkit codebooks group codes under categories"
                self.fail(element, expected, label)
            if any(category.id == category_id for category in categories):
                self.fail(element, "each category id once", category_id)
            categories.append(Category(category_id, label, description))
            category_guids.add(_norm(self.attribute(element, "guid")))
            for member in members:
                nested = member.find(self.tag("Code"))
                if nested is not None:
                    expected = "no code inside a code: qualkit codebooks have two levels"
                    self.fail(nested, expected, nested.get("name"))
                name = self.attribute(member, "name")
                if any(code.label == name for code in found):
                    self.fail(member, "each code name once", name)
                fields, is_new = parse_code_description(self.text(member, "Description"))
                found.append(Code(label=name, category=category_id, **fields))
                code_guids[_norm(self.attribute(member, "guid"))] = name
                if is_new:
                    new.add(name)
        return Codebook(tuple(categories), tuple(found)), code_guids, category_guids, new


def _archive_member(names: list[str], wanted: str) -> str | None:
    """The archive entry ``sources/<file>``; some tools write ``Sources/``."""
    for name in names:
        folder, _, file = name.rpartition("/")
        if folder.lower() == "sources" and file == wanted:
            return name
    return None


class _ProjectReader(_Reader):
    def __init__(self, source: str, lines, archive: zipfile.ZipFile, path: Path) -> None:
        super().__init__(NS_PROJECT, source, lines)
        self.archive, self.path, self.names = archive, path, archive.namelist()
        # GUID (normalised) → what it names; filled as project() reads each part.
        self.users: dict[str, str] = {}
        self.code_guids: dict[str, str] = {}
        self.category_guids: set[str] = set()
        self.notes: dict[str, tuple[ET.Element, str]] = {}

    def content(self, element: ET.Element) -> tuple[str, str]:
        """The text of a source or note and where it came from (for error messages)."""
        path = element.get("plainTextPath")
        if path is None:
            inline = element.find(self.tag("PlainTextContent"))
            if inline is None:
                self.fail(element, "a plainTextPath attribute or a <PlainTextContent>")
            return inline.text or "", f"{self.source} line {self.lines.get(inline, '?')}"
        if not path.startswith("internal://"):
            self.fail(element, "an internal://<file> path", path, attribute="plainTextPath")
        member = _archive_member(self.names, path.removeprefix("internal://"))
        if member is None:
            expected = "a file in the archive's sources/ folder"
            self.fail(element, expected, path, attribute="plainTextPath")
        data = self.archive.read(member)
        where = f"{self.path}:{member}"
        try:
            return data.decode("utf-8").removeprefix("\ufeff"), where
        except UnicodeDecodeError as error:
            raise InputError(where, f"byte {error.start}", "UTF-8 text") from None

    def position(self, element: ET.Element, name: str) -> int:
        value = self.attribute(element, name)
        try:
            return int(value)
        except ValueError:
            self.fail(element, "a whole number", value, attribute=name)

    def project(self, root: ET.Element) -> RefiProject:
        if root.tag != self.tag("Project"):
            self.fail(root, f"a <Project> root element in the namespace {NS_PROJECT}", root.tag)
        self.unique_guids(root)
        title = root.get("name", "")
        for user in self.children(root.find(self.tag("Users")), "User"):
            name = user.get("name") or user.get("id") or self.attribute(user, "guid")
            self.users[_norm(self.attribute(user, "guid"))] = name
        codebook, new = Codebook((), ()), set()
        codes = root.find(f"{self.tag('CodeBook')}/{self.tag('Codes')}")
        if codes is not None:
            codebook, self.code_guids, self.category_guids, new = self.codebook(codes)
        for note in self.children(root.find(self.tag("Notes")), "Note"):
            self.notes[_norm(self.attribute(note, "guid"))] = (note, self.content(note)[0])
        transcripts, codings, memos, source_guids = self.sources(root.find(self.tag("Sources")))
        participants = self.cases(root, source_guids)
        return RefiProject(
            title,
            transcripts,
            Codebook(
                codebook.categories, tuple(c for c in codebook.codes if c.label not in new), title
            ),
            Codings(codings, memos, tuple(c for c in codebook.codes if c.label in new)),
            participants,
        )

    def coder(self, *elements: ET.Element) -> str:
        """The coder: the first of ``elements`` that names a creatingUser."""
        for element in elements:
            if element.get("creatingUser"):
                return self.ref(element, "creatingUser", self.users, "a <User>")
        self.fail(elements[0], "a creatingUser (qualkit records who coded)", "missing")

    def note(self, ref: ET.Element) -> tuple[ET.Element, str]:
        target = self.attribute(ref, "targetGUID")
        if _norm(target) not in self.notes:
            self.fail(ref, "the guid of a <Note>", target, attribute="targetGUID")
        return self.notes[_norm(target)]

    def sources(self, sources: ET.Element | None):
        transcripts: list[Transcript] = []
        codings: dict[tuple, Coding] = {}
        memos: list[Memo] = []
        source_guids: dict[str, str] = {}
        for element in [] if sources is None else list(sources):
            if element.tag != self.tag("TextSource"):
                expected = "<TextSource> elements only (qualkit reads text transcripts)"
                self.fail(element, expected, element.tag.rpartition("}")[2])
            session_id = self.attribute(element, "name")
            if session_id in source_guids.values():
                self.fail(element, "each session name once", session_id, attribute="name")
            source_guids[_norm(self.attribute(element, "guid"))] = session_id
            if element.find(self.tag("Coding")) is not None:
                expected = "codings on a <PlainTextSelection> (qualkit codes speaker turns)"
                self.fail(element.find(self.tag("Coding")), expected)
            text, where = self.content(element)
            transcript = parse_transcript(text, session_id, where)
            transcripts.append(transcript)
            ends = [turn.end for turn in transcript.turns]
            for selection in self.children(element, "PlainTextSelection"):
                start = self.position(selection, "startPosition")
                end = self.position(selection, "endPosition")
                if not 0 <= start <= end <= len(text):
                    expected = f"positions 0 ≤ start ≤ end ≤ {len(text)} (the source's length)"
                    self.fail(selection, expected, (start, end))
                turns = []
                index = bisect_right(ends, start)  # the first turn ending after the start
                while index < len(ends) and transcript.turns[index].start < end:
                    turns.append(transcript.turns[index].turn)
                    index += 1
                if not turns:
                    self.fail(selection, "a selection overlapping a speaker turn", (start, end))
                for coding in self.children(selection, "Coding"):
                    ref = coding.find(self.tag("CodeRef"))
                    if ref is None:
                        self.fail(coding, "a <CodeRef>")
                    target = _norm(self.attribute(ref, "targetGUID"))
                    if target in self.category_guids:
                        self.fail(ref, "a code, not a category", target, attribute="targetGUID")
                    code = self.ref(ref, "targetGUID", self.code_guids, "a code of the codebook")
                    coder = self.coder(coding, selection)
                    created = coding.get("creationDateTime") or selection.get(
                        "creationDateTime", ""
                    )
                    memo = "\n\n".join(
                        self.note(note)[1] for note in self.children(coding, "NoteRef")
                    )
                    for turn in turns:
                        key = (session_id, turn, code, coder)
                        codings.setdefault(key, Coding(*key, memo, created))
                for ref in self.children(selection, "NoteRef"):
                    note, text_of_note = self.note(ref)
                    coder = self.coder(note, selection)
                    created = note.get("creationDateTime", "")
                    memos.extend(
                        Memo(session_id, turn, coder, text_of_note, created) for turn in turns
                    )
        return tuple(transcripts), tuple(codings.values()), tuple(memos), source_guids

    def cases(self, root: ET.Element, source_guids: dict[str, str]) -> tuple[Participant, ...]:
        variables = {
            _norm(self.attribute(variable, "guid")): self.attribute(variable, "name")
            for variable in self.children(root.find(self.tag("Variables")), "Variable")
        }
        rows = []
        for case in self.children(root.find(self.tag("Cases")), "Case"):
            values: dict[str, str] = {}
            for holder in self.children(case, "VariableValue"):
                ref = holder.find(self.tag("VariableRef"))
                if ref is None:
                    self.fail(holder, "a <VariableRef>")
                name = self.ref(ref, "targetGUID", variables, "a <Variable>")
                value = [child for child in holder if child is not ref]
                values[name] = (value[0].text or "") if value else ""
            sessions = tuple(
                self.ref(ref, "targetGUID", source_guids, "a <TextSource>")
                for ref in self.children(case, "SourceRef")
            )
            rows.append((self.attribute(case, "name"), values, sessions))
        used = {name for _, values, _ in rows for name in values}
        attributes = [
            name
            for name in variables.values()
            if name in used and name not in _PARTICIPANT_VARIABLES
        ]
        return tuple(
            Participant(
                participant_id,
                values.get("pseudonym", participant_id),
                values.get("model", ""),
                sessions,
                MappingProxyType({name: values.get(name, "") for name in attributes}),
            )
            for participant_id, values, sessions in rows
        )


def _open_qdpx(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        expected = "a .qdpx project (a ZIP archive)"
        raise InputError(path, "whole file", expected, "not a ZIP archive") from None


def _project_entry(archive: zipfile.ZipFile, path: Path) -> str:
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
    with _open_qdpx(path) as archive:
        entry = _project_entry(archive, path)
        validate(archive.read(entry), "project", f"{path}:{entry}")


def import_qdpx(path: str | PathLike) -> RefiProject:
    """Read a ``.qdpx`` project into qualkit's types (see the module docstring for the mapping).

    Raises :class:`InputError` naming the archive, the entry and the line for anything qualkit
    cannot take in: not a ZIP archive, no ``project.qde``, malformed XML, a selection outside
    its source or pointing to an unknown code or user.
    """
    path = Path(path)
    archive = _open_qdpx(path)
    with archive:
        entry = _project_entry(archive, path)
        source = f"{path}:{entry}"
        root, lines = _parse_xml(archive.read(entry), source)
        return _ProjectReader(source, lines, archive, path).project(root)


def import_qdc(path: str | PathLike) -> Codebook:
    """Read a ``.qdc`` codebook. Its title is ``""``: QDA-XML codebooks have no title."""
    path = Path(path)
    root, lines = _parse_xml(path.read_bytes(), str(path))
    reader = _Reader(NS_CODEBOOK, str(path), lines)
    if root.tag != reader.tag("CodeBook"):
        reader.fail(root, f"a <CodeBook> root element in the namespace {NS_CODEBOOK}", root.tag)
    reader.unique_guids(root)
    codes = root.find(reader.tag("Codes"))
    if codes is None:
        reader.fail(root, "a <Codes> element")
    return reader.codebook(codes)[0]
