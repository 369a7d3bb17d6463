"""REFI-QDA exchange: QDA-XML 1.0 projects (``.qdpx``) and codebooks (``.qdc``).

REFI-QDA (www.qdasoftware.org) is the exchange standard of ATLAS.ti, MAXQDA, NVivo, QualCoder
and others: an instructor can open the corpus and every coder's work in those tools, and bring
work back. A ``.qdpx`` is a ZIP archive holding ``project.qde`` (QDA-XML, namespace
``urn:QDA-XML:project:1.0``) and one ``sources/<GUID>.txt`` per transcript (UTF-8, exactly
:attr:`Transcript.text`). A ``.qdc`` is a codebook alone (root ``CodeBook``, namespace
``urn:QDA-XML:codebook:1.0``). The schemas are vendored in ``qualkit/schemas``.

What the kit writes (qualkit → QDA-XML):

- transcript → ``<TextSource name="<session_id>" plainTextPath="internal://<GUID>.txt">``.
- category → a top-level ``<Code isCodable="false">`` named by its label; its ``<Description>``
  is the category's description, then a paragraph ``Category id: <id>``.
- code → ``<Code isCodable="true" name="<CODE>">`` inside its category's ``<Code>``; all of
  MacQueen's fields are in its ``<Description>`` (see :func:`code_description`). Codes a coder
  added (:attr:`Codings.added_codes`) end with the paragraph :data:`NEW_CODE_NOTE`.
- coder → ``<User name="<coder>">``.
- what a coder coded → one ``<PlainTextSelection creatingUser="<coder>">`` per turn and coder
  (``startPosition``/``endPosition`` = the turn's :attr:`Turn.start`/:attr:`Turn.end`), or per
  span and coder for codings and memos with ``start``/``end``. Positions are Unicode code
  points from 0, end excluded (Python slicing), as REFI-QDA counts them; a character outside
  the Basic Multilingual Plane (an emoji) counts once, not twice as in UTF-16. The selection's
  ``creationDateTime`` is its earliest coding's.
- coding → ``<Coding creatingUser="<coder>" creationDateTime="<created>">`` holding
  ``<CodeRef targetGUID="<code>"/>``, inside that selection.
- coding memo → a ``<Note>`` (in ``<Notes>``) with a ``<NoteRef>`` in the ``<Coding>``;
  memo on a segment (:class:`Memo`) → a ``<Note>`` with a ``<NoteRef>`` in the coder's
  selection (a selection without codings if the coder coded nothing there). The selection's
  ``<Description>`` repeats them (``CODE: memo`` for coding memos), where QualCoder reads
  memos. Every ``<Note>`` has a ``creationDateTime``; an undated memo gets :data:`UNDATED`.
- participant → ``<Case name="<participant_id>">`` with a ``<VariableValue>`` per variable and
  a ``<SourceRef>`` per session; ``pseudonym``, ``model`` and every attribute are each a
  ``<Variable>``, of type ``Integer`` when every value is a whole number, else ``Text``.
  QualCoder links a case to text only through a code with the case's GUID, so the codebook
  ends with the category :data:`PARTICIPANTS_CATEGORY` (one code per participant, referred to
  by the case's ``<CodeRef>``) and each of the participant's sessions has a selection of the
  whole source coded with it. Reading skips these case links.
- project title → ``<Project name>``; it is also the imported codebook's title, since
  QDA-XML has no place for one (a ``.qdc`` has none at all: :func:`import_qdc` gives ``""``).

GUIDs are ``uuid5(QUALKIT_NAMESPACE, key)`` for a stable key (``code:PSS_BOUNDARY``,
``selection:PSS-FG1:12:ana``, …), and elements are written in a canonical order, so exporting
the same content twice gives the same bytes and re-exports diff cleanly. A project read back
with :func:`import_qdpx` holds the same transcripts, codebook, codings, memos and participants;
its codings and memos come in that canonical order (session, turn, coder, codebook order).
Reading also takes what other tools write: a partial selection codes the span of each turn it
overlaps, a memo kept only in a selection's ``<Description>``, a time kept only on the
selection, and a flat codebook (codes without a category, read into ``Uncategorised``).
"""

from qualkit.refi.cases import case_guids, read_cases, write_cases
from qualkit.refi.codes import UNCATEGORISED, codebook_xml, export_qdc, import_qdc
from qualkit.refi.descriptions import (
    CODE_SECTIONS,
    NEW_CODE_NOTE,
    category_description,
    code_description,
    parse_category_description,
    parse_code_description,
)
from qualkit.refi.export import NO_CODINGS, export_qdpx, project_xml, qdpx_bytes
from qualkit.refi.project import (
    NS_CODEBOOK,
    NS_PROJECT,
    PARTICIPANTS_CATEGORY,
    QUALKIT_NAMESPACE,
    UNDATED,
    RefiProject,
    check_codings,
    guid,
)
from qualkit.refi.reader import import_qdpx
from qualkit.refi.schema import SCHEMA_FILES, SchemaName, validate, validate_qdpx

__all__ = [
    "CODE_SECTIONS",
    "NEW_CODE_NOTE",
    "NO_CODINGS",
    "NS_CODEBOOK",
    "NS_PROJECT",
    "PARTICIPANTS_CATEGORY",
    "QUALKIT_NAMESPACE",
    "SCHEMA_FILES",
    "UNCATEGORISED",
    "UNDATED",
    "RefiProject",
    "SchemaName",
    "case_guids",
    "category_description",
    "check_codings",
    "code_description",
    "codebook_xml",
    "export_qdc",
    "export_qdpx",
    "guid",
    "import_qdc",
    "import_qdpx",
    "parse_category_description",
    "parse_code_description",
    "project_xml",
    "qdpx_bytes",
    "read_cases",
    "validate",
    "validate_qdpx",
    "write_cases",
]
