"""REFI-QDA exchange: exports validate against QDA-XML 1.0, repeat byte for byte, and read back."""

from __future__ import annotations

import hashlib
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from qualkit import refi
from qualkit.codebook import Code
from qualkit.codings import Coding, Codings, Memo
from qualkit.corpus import load_corpus
from qualkit.errors import InputError
from qualkit.transcripts import parse_transcript

SCHEMAS = Path(refi.__file__).parents[1] / "schemas"
# From SOURCE.md of the team's reference copy (QDA-XML 1.0, REFI-QDA, MIT licence).
PUBLISHED_SHA256 = {
    "Project.xsd": "7841112e27897debf996f76209b9c5a5d074d66c1297a2f19f5ef250d29303bd",
    "Codebook.xsd": "bc4706a6fdb736cc3248de1753366f2b1f5b13e6828d319cea2874deb7e61b52",
}
P = "{urn:QDA-XML:project:1.0}"
GUID = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")
NEW_CODE = Code(
    "PSS_AVAILABILITY",
    "pss",
    "Whether the peer can be reached.",
    "Talk about when and how often the peer is available, including late at night.",
    "The speaker describes reaching, or failing to reach, the peer.",
    "Boundaries the peer sets on purpose (use PSS_BOUNDARY).",
    "“Mine texts me at night.”",
)


def rich_codings() -> Codings:
    """Two coders on the tiny corpus, with memos, times, non-ASCII text and a new code."""
    team = tuple(
        Coding(session, turn, code, "team")
        for session, turn, code in [
            ("PSS-FG1", 2, "PSS_LIVED_EXP"),
            ("PSS-FG1", 3, "PSS_BOUNDARY"),
            ("PSS-FG1", 6, "PSS_IMPROVE"),
            ("HV-INT1", 2, "HV_SURVEILLANCE"),
            ("HV-INT1", 4, "HV_WHO_IS_CLIENT"),
        ]
    )
    ana = (
        Coding(
            "PSS-FG1",
            3,
            "PSS_BOUNDARY",
            "ana",
            "texts at night — a boundary?",
            "2026-11-21T17:02:03Z",
        ),
        Coding("PSS-FG1", 3, "PSS_AVAILABILITY", "ana", "", "2026-11-21T17:02:09Z"),
        Coding("HV-INT1", 4, "HV_WHO_IS_CLIENT", "ana", "café talk: the mother is the client", ""),
        Coding("HV-INT1", 4, "HV_SURVEILLANCE", "ana", "", "2026-11-21T17:03:00+01:00"),
    )
    memos = (
        Memo("PSS-FG1", 3, "ana", "Second thoughts:\nboth codes fit.", "2026-11-21T17:04:00Z"),
        Memo("PSS-FG1", 3, "ana", "Ask the team.", "2026-11-21T17:05:00Z"),
        Memo("PSS-FG1", 1, "ben", "The facilitator's opening sets a warm tone.", ""),
    )
    return Codings(team + ana, memos, (NEW_CODE,))


def canonical_codings(codings: Codings, corpus) -> list[Coding]:
    """The order import_qdpx returns: session, turn, coder, codebook order of the code."""
    sessions = {t.session_id: i for i, t in enumerate(corpus.transcripts())}
    names = [*corpus.codebook.names, *(code.label for code in codings.added_codes)]
    return sorted(
        codings.codings,
        key=lambda c: (sessions[c.session_id], c.turn, c.coder, names.index(c.code)),
    )


def canonical_memos(codings: Codings, corpus) -> list[Memo]:
    sessions = {t.session_id: i for i, t in enumerate(corpus.transcripts())}
    return sorted(
        codings.memos, key=lambda m: (sessions[m.session_id], m.turn, m.coder, m.created, m.text)
    )


def qde(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde")


def rewrite(source: Path, target: Path, edit) -> Path:
    """A copy of a .qdpx whose project.qde went through ``edit`` (text → text)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name == "project.qde":
                edited = edit(data.decode("utf-8"))
                assert edited != data.decode("utf-8"), "the edit changed nothing"
                data = edited.encode("utf-8")
            new.writestr(name, data)
    return target


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def assert_same_project(project: refi.RefiProject, corpus, codings: Codings) -> None:
    """What an import must give back: everything the export was made from."""
    assert [t.session_id for t in project.transcripts] == [
        t.session_id for t in corpus.transcripts()
    ]
    for original in corpus.transcripts():
        copy = project.transcript(original.session_id)
        assert (copy.text, copy.turns, copy.header) == (
            original.text,
            original.turns,
            original.header,
        )
    assert project.codebook == corpus.codebook
    assert project.participants == corpus.participants
    assert list(project.codings.codings) == canonical_codings(codings, corpus)
    assert list(project.codings.memos) == canonical_memos(codings, corpus)
    assert set(project.codings.added_codes) == set(codings.added_codes)


# --- the vendored schemas ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PUBLISHED_SHA256))
def test_vendored_schemas_are_the_published_files(name):
    digest = hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest()
    assert digest == PUBLISHED_SHA256[name]


def test_vendored_schemas_keep_their_licence_notice():
    notice = (SCHEMAS / "LICENSE").read_text(encoding="utf-8")
    assert "licensed under the MIT license. Copyright 2019 REFI-QDA www.qdasoftware.org." in notice
    assert "Permission is hereby granted, free of charge" in notice


# --- GUIDs and descriptions ----------------------------------------------------------------


def test_guids_are_fixed_for_ever():
    # A change here would make every earlier export look entirely new in a diff.
    assert refi.guid("code:PSS_BOUNDARY") == "8EE57AC9-7CD4-5A01-9D5C-E4A5F481879C"
    assert GUID.fullmatch(refi.guid("selection:PSS-FG1:12:ana"))


@pytest.mark.parametrize("new", [False, True])
def test_macqueen_fields_survive_the_description(new):
    code = Code(
        "HV_TRUST",
        "home_visiting",
        "Trust in the visitor.",
        "Full text\nover two lines.\n\nAnd a second paragraph.",
        "When to use: said twice on purpose.",
        "Example without the label's colon",
        "“She asked how I was doing.”\n\n“Not just the baby.”",
    )
    fields, is_new = refi.parse_code_description(refi.code_description(code, new))
    assert Code(code.label, code.category, **fields) == code
    assert is_new is new


def test_a_field_that_would_read_back_wrong_is_refused(tiny_corpus):
    confusing = replace(tiny_corpus.codebook.codes[0], brief="Short.\n\nFull definition: early")
    codebook = replace(tiny_corpus.codebook, codes=(confusing, *tiny_corpus.codebook.codes[1:]))
    with pytest.raises(ValueError, match="PSS_LIVED_EXP"):
        refi.codebook_xml(codebook)


# --- writing a project ---------------------------------------------------------------------


def test_project_validates_against_the_schema(tiny_corpus):
    refi.validate(refi.project_xml(tiny_corpus, rich_codings()), "project")


def test_corpus_alone_validates_and_has_no_empty_containers(tiny_corpus):
    xml = refi.project_xml(tiny_corpus)
    refi.validate(xml, "project")
    root = ET.fromstring(xml)
    assert root.find(f"{P}Users") is None and root.find(f"{P}Notes") is None
    assert root.find(f"{P}Sources") is not None


def test_project_maps_codebook_users_and_codings(tiny_corpus):
    codings = rich_codings()
    root = ET.fromstring(refi.project_xml(tiny_corpus, codings, title="Course 2026"))
    assert root.tag == f"{P}Project" and root.get("name") == "Course 2026"
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{P}User")}
    assert sorted(users.values()) == ["ana", "ben", "team"]

    categories = root.findall(f"{P}CodeBook/{P}Codes/{P}Code")
    assert [c.get("name") for c in categories] == [
        "Peer support specialists",
        "Home visiting",
        refi.PARTICIPANTS_CATEGORY,
    ]
    assert {c.get("isCodable") for c in categories} == {"false"}
    pss_codes = categories[0].findall(f"{P}Code")
    assert [c.get("name") for c in pss_codes] == [*tiny_corpus.codebook.names[:3], NEW_CODE.label]
    assert {c.get("isCodable") for c in pss_codes} == {"true"}
    description = pss_codes[1].find(f"{P}Description").text
    assert description.startswith("Brief definition of PSS_BOUNDARY.")
    assert "When not to use: Do not use PSS_BOUNDARY otherwise." in description
    assert pss_codes[3].find(f"{P}Description").text.endswith(refi.NEW_CODE_NOTE)

    code_names = {c.get("guid"): c.get("name") for c in root.iter(f"{P}Code")}
    source = root.find(f"{P}Sources/{P}TextSource[@name='PSS-FG1']")
    transcript = tiny_corpus.transcript("PSS-FG1")
    turn3 = transcript.turn(3)
    selections = [
        s for s in source.findall(f"{P}PlainTextSelection") if s.get("name") == "PSS-FG1 turn 3"
    ]
    assert sorted(users[s.get("creatingUser")] for s in selections) == ["ana", "team"]
    for selection in selections:
        assert (int(selection.get("startPosition")), int(selection.get("endPosition"))) == (
            turn3.start,
            turn3.end,
        )
    ana = next(s for s in selections if users[s.get("creatingUser")] == "ana")
    applied = ana.findall(f"{P}Coding")
    assert [code_names[c.find(f"{P}CodeRef").get("targetGUID")] for c in applied] == [
        "PSS_BOUNDARY",
        "PSS_AVAILABILITY",
    ]
    assert applied[0].get("creationDateTime") == "2026-11-21T17:02:03Z"
    assert {users[c.get("creatingUser")] for c in applied} == {"ana"}

    notes = {n.get("guid"): n for n in root.findall(f"{P}Notes/{P}Note")}
    coding_note = notes[applied[0].find(f"{P}NoteRef").get("targetGUID")]
    assert coding_note.find(f"{P}PlainTextContent").text == "texts at night — a boundary?"
    memo_texts = [
        notes[ref.get("targetGUID")].find(f"{P}PlainTextContent").text
        for ref in ana.findall(f"{P}NoteRef")
    ]
    assert memo_texts == ["Second thoughts:\nboth codes fit.", "Ask the team."]


def test_participants_become_cases_with_variables(tiny_corpus):
    root = ET.fromstring(refi.project_xml(tiny_corpus))
    variables = {
        v.get("guid"): (v.get("name"), v.get("typeOfVariable"))
        for v in root.findall(f"{P}Variables/{P}Variable")
    }
    assert sorted(variables.values()) == [
        ("age", "Integer"),
        ("model", "Text"),
        ("moud", "Text"),
        ("pseudonym", "Text"),
    ]
    sources = {s.get("guid"): s.get("name") for s in root.iter(f"{P}TextSource")}
    rosa = root.find(f"{P}Cases/{P}Case[@name='P003']")
    values = {
        variables[v.find(f"{P}VariableRef").get("targetGUID")][0]: v[1].text
        for v in rosa.findall(f"{P}VariableValue")
    }
    assert values == {
        "pseudonym": "Rosa",
        "model": "home_visiting",
        "age": "31",
        "moud": "buprenorphine",
    }
    assert [sources[r.get("targetGUID")] for r in rosa.findall(f"{P}SourceRef")] == ["HV-INT1"]


def test_positions_count_code_points_not_bytes(tiny_corpus, tmp_path):
    codings = rich_codings()
    refi.export_qdpx(tmp_path / "p.qdpx", tiny_corpus, codings)
    root = ET.fromstring(qde(tmp_path / "p.qdpx"))
    transcript = tiny_corpus.transcript("HV-INT1")
    turn = transcript.turn(4)
    assert "café" in turn.text and "—" in turn.text
    source = root.find(f"{P}Sources/{P}TextSource[@name='HV-INT1']")
    selection = source.find(f"{P}PlainTextSelection[@name='HV-INT1 turn 4']")
    start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
    assert (start, end) == (turn.start, turn.end)
    assert end != len(transcript.text[:end].encode("utf-8"))  # a byte count would differ
    with zipfile.ZipFile(tmp_path / "p.qdpx") as archive:
        path = source.get("plainTextPath").removeprefix("internal://")
        text = archive.read(f"sources/{path}").decode("utf-8")
    assert text == transcript.text
    assert text[start:end] == turn.text


def test_characters_beyond_the_basic_plane_count_once(tiny_corpus, tmp_path):
    # UTF-16 would count 🙂 twice; REFI-QDA and Python count code points.
    transcript = parse_transcript("Ana: 🙂 Hi — café\nBo: Second 🙂 turn\n", "S-1")
    project = refi.RefiProject(
        "Emoji",
        (transcript,),
        tiny_corpus.codebook,
        Codings((Coding("S-1", 2, "PSS_BOUNDARY", "x"),)),
    )
    refi.export_qdpx(tmp_path / "e.qdpx", project, project.codings)
    refi.validate_qdpx(tmp_path / "e.qdpx")
    root = ET.fromstring(qde(tmp_path / "e.qdpx"))
    selection = root.find(f"{P}Sources/{P}TextSource/{P}PlainTextSelection")
    start = int(selection.get("startPosition"))
    assert start == transcript.turn(2).start == 21
    assert len(transcript.text[:start].encode("utf-16-le")) // 2 == 22
    back = refi.import_qdpx(tmp_path / "e.qdpx")
    assert back.codings == project.codings and back.transcripts[0].turns == transcript.turns


def test_qdpx_archive_layout(tiny_corpus, tmp_path):
    refi.export_qdpx(tmp_path / "p.qdpx", tiny_corpus, rich_codings(), check=True)
    with zipfile.ZipFile(tmp_path / "p.qdpx") as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        root = ET.fromstring(archive.read("project.qde"))
        paths = [s.get("plainTextPath") for s in root.iter(f"{P}TextSource")]
        assert names == [
            "project.qde",
            *(f"sources/{p.removeprefix('internal://')}" for p in paths),
        ]
        assert all(p.startswith("internal://") and GUID.fullmatch(p[11:-4]) for p in paths)
        assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_exports_repeat_byte_for_byte(tiny_corpus, tmp_path):
    codings = rich_codings()
    refi.export_qdpx(tmp_path / "a.qdpx", tiny_corpus, codings)
    shuffled = Codings(codings.codings[::-1], codings.memos[::-1], codings.added_codes)
    refi.export_qdpx(tmp_path / "b.qdpx", tiny_corpus, shuffled)
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()
    refi.export_qdc(tmp_path / "a.qdc", tiny_corpus.codebook)
    refi.export_qdc(tmp_path / "b.qdc", tiny_corpus.codebook)
    assert (tmp_path / "a.qdc").read_bytes() == (tmp_path / "b.qdc").read_bytes()


def test_codings_that_do_not_fit_the_corpus_are_refused(tiny_corpus):
    cases = [
        (Coding("PSS-FG9", 1, "PSS_BOUNDARY", "ana"), "codings[0] field 'session'"),
        (Coding("PSS-FG1", 7, "PSS_BOUNDARY", "ana"), "codings[0] field 'turn'"),
        (Coding("PSS-FG1", 2, "NOT_A_CODE", "ana"), "codings[0] field 'code'"),
        (
            Coding("PSS-FG1", 2, "PSS_BOUNDARY", "ana", "", "yesterday"),
            "codings[0] field 'created'",
        ),
    ]
    for coding, place in cases:
        with pytest.raises(InputError, match=re.escape(f"ana.json: {place}")):
            refi.check_codings(Codings((coding,)), tiny_corpus, "ana.json")
        with pytest.raises(InputError, match=re.escape(place)):
            refi.project_xml(tiny_corpus, Codings((coding,)))
    with pytest.raises(InputError, match=re.escape("memos[0] field 'turn'")):
        refi.project_xml(tiny_corpus, Codings(memos=(Memo("HV-INT1", 5, "ana", "x"),)))


def test_text_xml_cannot_carry_is_refused(tiny_corpus):
    memo = Memo("PSS-FG1", 2, "ana", "pasted\x0bfrom a PDF")
    with pytest.raises(ValueError, match=r"XML 1\.0"):
        refi.project_xml(tiny_corpus, Codings(memos=(memo,)))


# --- reading it back -----------------------------------------------------------------------


def test_round_trip_gives_back_the_corpus_and_codings(tiny_corpus, tmp_path):
    codings = rich_codings()
    refi.export_qdpx(tmp_path / "p.qdpx", tiny_corpus, codings, check=True)
    project = refi.import_qdpx(tmp_path / "p.qdpx")
    assert project.title == tiny_corpus.codebook.title
    assert_same_project(project, tiny_corpus, codings)


def test_reexporting_an_imported_project_gives_the_same_bytes(tiny_corpus, tmp_path):
    refi.export_qdpx(tmp_path / "a.qdpx", tiny_corpus, rich_codings())
    project = refi.import_qdpx(tmp_path / "a.qdpx")
    refi.export_qdpx(tmp_path / "b.qdpx", project, project.codings)
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()


def test_codebook_round_trip(tiny_corpus, tmp_path):
    refi.export_qdc(tmp_path / "c.qdc", tiny_corpus.codebook, check=True)
    root = ET.fromstring((tmp_path / "c.qdc").read_bytes())
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    assert refi.import_qdc(tmp_path / "c.qdc") == replace(tiny_corpus.codebook, title="")


def test_partial_selection_from_another_tool_codes_the_spans_it_overlaps(tiny_corpus, tmp_path):
    refi.export_qdpx(
        tmp_path / "a.qdpx", tiny_corpus, Codings((Coding("PSS-FG1", 2, "PSS_BOUNDARY", "x"),))
    )
    transcript = tiny_corpus.transcript("PSS-FG1")
    # From the middle of turn 2 to the middle of turn 3, as a person might select in MAXQDA.
    middle2, middle3 = transcript.turn(2).start + 5, transcript.turn(3).start + 5
    old = f'startPosition="{transcript.turn(2).start}" endPosition="{transcript.turn(2).end}"'
    new = f'startPosition="{middle2}" endPosition="{middle3}"'
    rewrite(tmp_path / "a.qdpx", tmp_path / "b.qdpx", lambda text: text.replace(old, new))
    codings = refi.import_qdpx(tmp_path / "b.qdpx").codings.codings
    # Each turn keeps the exact span the selection covers of it.
    assert [(c.turn, c.code, c.coder, c.start, c.end) for c in codings] == [
        (2, "PSS_BOUNDARY", "x", middle2, transcript.turn(2).end),
        (3, "PSS_BOUNDARY", "x", transcript.turn(3).start, middle3),
    ]


# --- validation fails when it should -------------------------------------------------------


def test_validate_rejects_a_document_the_schema_forbids(tiny_corpus):
    xml = refi.project_xml(tiny_corpus, rich_codings()).decode("utf-8")
    no_flag = xml.replace(' isCodable="false"', "", 1)
    line = line_of(xml, ' isCodable="false"')
    with pytest.raises(InputError, match=rf"p\.qde: line {line}: .*isCodable"):
        refi.validate(no_flag.encode(), "project", "p.qde")
    empty_users = re.sub(r"<Users>.*?</Users>", "<Users />", xml, flags=re.S)
    with pytest.raises(InputError, match=r"line 3: .*Users"):
        refi.validate(empty_users.encode(), "project")
    with pytest.raises(InputError, match=r"Codebook\.xsd"):
        refi.validate(xml.encode(), "codebook")


def test_validate_rejects_a_codebook_with_a_bad_guid(tiny_corpus):
    xml = refi.codebook_xml(tiny_corpus.codebook).decode("utf-8")
    bad = xml.replace(refi.guid("code:PSS_BOUNDARY"), "not-a-guid")
    with pytest.raises(InputError, match=r"c\.qdc: line \d+: expected XML valid .*guid"):
        refi.validate(bad.encode(), "codebook", "c.qdc")


def test_validate_rejects_malformed_xml():
    with pytest.raises(InputError, match=r"x\.qde: line 2: expected well-formed XML"):
        refi.validate(b"<?xml version='1.0'?>\n<Project name='x'>", "project", "x.qde")


# --- reading malformed files ----------------------------------------------------------------


@pytest.fixture
def exported(tiny_corpus, tmp_path) -> Path:
    path = tmp_path / "good.qdpx"
    refi.export_qdpx(path, tiny_corpus, rich_codings())
    return path


def test_import_refuses_a_file_that_is_not_a_zip(tmp_path):
    path = tmp_path / "notes.qdpx"
    path.write_text("just text", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.qdpx: whole file: expected a \.qdpx project"):
        refi.import_qdpx(path)


def test_import_refuses_an_archive_without_project_qde(tmp_path):
    path = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("sources/A.txt", "Dana: hi\n")
    with pytest.raises(InputError, match=r"empty\.qdpx: archive contents: expected a project\.qde"):
        refi.import_qdpx(path)


def test_import_names_the_line_of_a_selection_with_an_unknown_code(exported, tmp_path):
    target = refi.guid("code:HV_SURVEILLANCE")
    stranger = "00000000-0000-4000-8000-000000000000"
    ref = '<CodeRef targetGUID="{}"'
    bad = rewrite(
        exported,
        tmp_path / "bad.qdpx",
        lambda text: text.replace(ref.format(target), ref.format(stranger)),
    )
    line = line_of(qde(bad).decode(), stranger)
    with pytest.raises(InputError) as caught:
        refi.import_qdpx(bad)
    assert str(caught.value).startswith(
        f"{bad}:project.qde: line {line} <CodeRef> attribute targetGUID"
    )
    assert "the guid of a code of the codebook" in str(caught.value)


def test_import_refuses_positions_outside_the_source(exported, tmp_path, tiny_corpus):
    turn = tiny_corpus.transcript("HV-INT1").turn(4)
    old = f'endPosition="{turn.end}"'
    bad = rewrite(exported, tmp_path / "bad.qdpx", lambda t: t.replace(old, 'endPosition="9999"'))
    line = line_of(qde(bad).decode(), 'endPosition="9999"')
    with pytest.raises(
        InputError,
        match=re.escape(
            f"bad.qdpx:project.qde: line {line} <PlainTextSelection>: expected positions"
        ),
    ):
        refi.import_qdpx(bad)


def test_import_refuses_a_coding_by_an_unknown_user(exported, tmp_path):
    ana = refi.guid("user:ana")
    bad = rewrite(
        exported,
        tmp_path / "bad.qdpx",
        lambda t: t.replace(f'<User guid="{ana}" name="ana" />', ""),
    )
    with pytest.raises(
        InputError, match=r"<Coding> attribute creatingUser: expected the guid of a <User>"
    ):
        refi.import_qdpx(bad)


def test_import_refuses_malformed_xml_with_its_line(exported, tmp_path):
    bad = rewrite(exported, tmp_path / "bad.qdpx", lambda t: t.replace("<Users>", "<Users", 1))
    with pytest.raises(
        InputError, match=r"bad\.qdpx:project\.qde: line 4 column 5: expected well-formed"
    ):
        refi.import_qdpx(bad)


def test_import_refuses_a_doctype(exported, tmp_path):
    entity = '<!DOCTYPE Project [<!ENTITY x "xx">]>\n<Project '
    bad = rewrite(exported, tmp_path / "bad.qdpx", lambda t: t.replace("<Project ", entity, 1))
    with pytest.raises(InputError, match="line 2: expected QDA-XML without a <!DOCTYPE>"):
        refi.import_qdpx(bad)


def test_import_refuses_codes_nested_three_deep(exported, tmp_path):
    boundary = 'name="PSS_BOUNDARY" isCodable="true">'
    nested = boundary + f'<Code guid="{refi.guid("deep")}" name="DEEP" isCodable="true" />'
    bad = rewrite(exported, tmp_path / "bad.qdpx", lambda t: t.replace(boundary, nested))
    with pytest.raises(InputError, match="<Code>: expected no code inside a code"):
        refi.import_qdpx(bad)


def test_import_refuses_a_duplicate_guid(exported, tmp_path):
    ana, ben = refi.guid("user:ana"), refi.guid("user:ben")
    bad = rewrite(
        exported, tmp_path / "bad.qdpx", lambda t: t.replace(f'guid="{ben}"', f'guid="{ana}"')
    )
    with pytest.raises(InputError, match=r"line 5 <User> attribute guid: expected each guid once"):
        refi.import_qdpx(bad)


# --- the default corpus --------------------------------------------------------------------


def test_default_corpus_with_its_codings_round_trips(tmp_path):
    # Deliberately no skip: this fails until datasets/corpus exists, and must pass after.
    corpus = load_corpus()
    codings = corpus.codings("team") + corpus.codings("ana") + corpus.codings("ben")
    assert len(codings) > 0
    refi.export_qdpx(tmp_path / "course.qdpx", corpus, codings, check=True)
    project = refi.import_qdpx(tmp_path / "course.qdpx")
    assert_same_project(project, corpus, codings)
    refi.export_qdpx(tmp_path / "again.qdpx", project, project.codings)
    assert (tmp_path / "again.qdpx").read_bytes() == (tmp_path / "course.qdpx").read_bytes()
    refi.export_qdc(tmp_path / "codebook.qdc", corpus.codebook, check=True)
    assert refi.import_qdc(tmp_path / "codebook.qdc") == replace(corpus.codebook, title="")


def test_qdpx_bytes_match_the_file(tiny_corpus, tmp_path):
    refi.export_qdpx(tmp_path / "p.qdpx", tiny_corpus)
    data = refi.qdpx_bytes(tiny_corpus)
    assert data == (tmp_path / "p.qdpx").read_bytes()
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


FOREIGN_QDE = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="From elsewhere" origin="Another QDA tool">
<Users><User guid="{aaaaaaaa-0000-4000-8000-000000000001}" name="Pat"/></Users>
<CodeBook><Codes>
 <Code guid="aaaaaaaa-0000-4000-8000-000000000002" name="Trust" isCodable="false">
  <Code guid="aaaaaaaa-0000-4000-8000-000000000003" name="TRUST_EARNED" isCodable="true">
   <Description>Trust that grew over time.</Description>
  </Code>
 </Code>
</Codes></CodeBook>
<Sources>
 <TextSource guid="aaaaaaaa-0000-4000-8000-000000000004" name="S-1"
   plainTextPath="internal://aaaaaaaa-0000-4000-8000-000000000004.txt">
  <PlainTextSelection guid="aaaaaaaa-0000-4000-8000-000000000005" startPosition="13"
    endPosition="20" creatingUser="AAAAAAAA-0000-4000-8000-000000000001"
    creationDateTime="2024-05-01T09:30:00Z">
   <Coding guid="aaaaaaaa-0000-4000-8000-000000000006">
    <CodeRef targetGUID="{AAAAAAAA-0000-4000-8000-000000000003}"/>
   </Coding>
  </PlainTextSelection>
 </TextSource>
</Sources>
</Project>
"""


def test_a_project_from_another_tool_reads_leniently(tmp_path):
    # Braced and lower-case GUIDs, a capitalised Sources/ folder, the time on the selection only,
    # a free-text description and a category without an id, as other tools write them.
    path = tmp_path / "foreign.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", FOREIGN_QDE)
        archive.writestr(
            "Sources/aaaaaaaa-0000-4000-8000-000000000004.txt",
            "\ufeffInterviewer: How was it?\nLee: Good, she listened.\n".encode(),
        )
    refi.validate_qdpx(path)
    project = refi.import_qdpx(path)
    assert project.title == "From elsewhere"
    assert project.transcripts[0].turn(1).text == "How was it?"
    [category] = project.codebook.categories
    assert (category.id, category.label) == ("trust", "Trust")
    code = project.codebook["TRUST_EARNED"]
    assert (code.brief, code.full, code.category) == ("Trust that grew over time.", "", "trust")
    # "How was" of "How was it?": the selection's exact span of turn 1
    assert project.codings.codings == (
        Coding("S-1", 1, "TRUST_EARNED", "Pat", "", "2024-05-01T09:30:00Z", 13, 20),
    )
    assert project.transcripts[0].text[13:20] == "How was"


# --- spans, and what QualCoder reads ----------------------------------------------------------


def emoji_project(tiny_corpus) -> refi.RefiProject:
    """A transcript with characters outside the Basic Multilingual Plane, coded in spans."""
    transcript = parse_transcript("Ana: 🙂 Hi — café\nBo: Second 🙂 turn, and 🌱 more\n", "S-1")
    turn = transcript.turn(2)
    at = turn.start + turn.text.index("🙂 turn")
    codings = Codings(
        (
            Coding("S-1", 2, "PSS_BOUNDARY", "x", "the smile", "2026-11-21T17:02:03Z", at, at + 6),
            Coding("S-1", 2, "PSS_BOUNDARY", "x", "", "2026-11-21T17:01:00Z"),
            Coding("S-1", 1, "PSS_LIVED_EXP", "x"),
        ),
        (Memo("S-1", 2, "x", "🌱 growth", "", turn.end - 6, turn.end),),
    )
    return refi.RefiProject("Emoji", (transcript,), tiny_corpus.codebook, codings)


def test_spans_are_written_exactly_and_read_back(tiny_corpus, tmp_path):
    project = emoji_project(tiny_corpus)
    transcript = project.transcripts[0]
    refi.export_qdpx(tmp_path / "e.qdpx", project, project.codings, check=True)
    root = ET.fromstring(qde(tmp_path / "e.qdpx"))
    positions = {
        (int(s.get("startPosition")), int(s.get("endPosition")))
        for s in root.iter(f"{P}PlainTextSelection")
        if s.get("creatingUser")
    }
    span = project.codings.codings[0]
    assert (span.start, span.end) in positions
    assert transcript.text[span.start : span.end] == "🙂 turn"
    # Code points: UTF-16 would put the span two units later (two emoji before it count twice).
    assert len(transcript.text[: span.start].encode("utf-16-le")) // 2 == span.start + 1
    back = refi.import_qdpx(tmp_path / "e.qdpx")
    assert set(back.codings.codings) == set(project.codings.codings)
    assert back.codings.memos == project.codings.memos
    refi.export_qdpx(tmp_path / "again.qdpx", back, back.codings)
    assert (tmp_path / "again.qdpx").read_bytes() == (tmp_path / "e.qdpx").read_bytes()


def test_what_qualcoder_reads_is_written_too(tiny_corpus):
    root = ET.fromstring(refi.project_xml(tiny_corpus, rich_codings()))
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{P}User")}
    selections = {
        (s.get("name"), users.get(s.get("creatingUser"))): s
        for s in root.iter(f"{P}PlainTextSelection")
    }
    # Memos also in the selection's Description; its time is its earliest coding's.
    ana = selections["PSS-FG1 turn 3", "ana"]
    assert ana.find(f"{P}Description").text == (
        "PSS_BOUNDARY: texts at night — a boundary?\n\nSecond thoughts:\nboth codes fit."
        "\n\nAsk the team."
    )
    assert ana.get("creationDateTime") == "2026-11-21T17:02:03Z"
    hv = selections["HV-INT1 turn 4", "ana"]
    assert hv.get("creationDateTime") == "2026-11-21T17:03:00+01:00"
    assert selections["PSS-FG1 turn 2", "team"].get("creationDateTime") is None  # undated
    # Every Note is dated; an undated memo gets the fixed UNDATED time.
    notes = root.findall(f"{P}Notes/{P}Note")
    assert notes and all(n.get("creationDateTime") for n in notes)
    ben = next(n for n in notes if "facilitator's opening" in n.find(f"{P}PlainTextContent").text)
    assert ben.get("creationDateTime") == refi.UNDATED
    # Participant–session links: a code sharing the case's GUID codes each of its sessions.
    rosa = root.find(f"{P}Cases/{P}Case[@name='P003']")
    link = root.find(f"{P}CodeBook/{P}Codes/{P}Code[@name='{refi.PARTICIPANTS_CATEGORY}']")
    [code] = [c for c in link.findall(f"{P}Code") if c.get("name") == "P003"]
    assert code.get("guid") == rosa.get("guid") == rosa.find(f"{P}CodeRef").get("targetGUID")
    whole = selections["P003 in HV-INT1", None]
    text = tiny_corpus.transcript("HV-INT1").text
    assert (whole.get("startPosition"), whole.get("endPosition")) == ("0", str(len(text)))
    assert whole.find(f"{P}Coding/{P}CodeRef").get("targetGUID") == rosa.get("guid")


def test_undated_memos_and_codings_read_back_undated(tiny_corpus, tmp_path):
    refi.export_qdpx(tmp_path / "p.qdpx", tiny_corpus, rich_codings())
    back = refi.import_qdpx(tmp_path / "p.qdpx").codings
    assert (
        Memo("PSS-FG1", 1, "ben", "The facilitator's opening sets a warm tone.", "") in back.memos
    )
    no_time = Coding("HV-INT1", 4, "HV_WHO_IS_CLIENT", "ana", "café talk: the mother is the client")
    assert no_time in back.codings  # its selection is dated by its neighbour, not it


FLAT_QDC = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette">
<Codes>
 <Code guid="bbbbbbbb-0000-4000-8000-000000000001" name="HOPE" isCodable="true">
  <Description>Talk of a better future.</Description>
 </Code>
 <Code guid="bbbbbbbb-0000-4000-8000-000000000002" name="FEAR" isCodable="true"/>
</Codes>
</CodeBook>
"""


def test_a_flat_codebook_reads_into_uncategorised(tmp_path):
    path = tmp_path / "flat.qdc"
    path.write_text(FLAT_QDC, encoding="utf-8")
    refi.validate(path.read_bytes(), "codebook", path)
    codebook = refi.import_qdc(path)
    assert codebook.categories == (refi.UNCATEGORISED,)
    assert codebook.names == ("HOPE", "FEAR")
    assert codebook["HOPE"].brief == "Talk of a better future." and codebook["FEAR"].brief == ""


def test_a_memo_only_in_the_description_is_read(tmp_path):
    # QualCoder keeps a coding memo, and an annotation, in the selection's Description only.
    qde_text = FOREIGN_QDE.replace(
        "<Coding guid", "<Description>Earned, not given.</Description>\n   <Coding guid"
    ).replace(
        " </TextSource>",
        '  <PlainTextSelection guid="aaaaaaaa-0000-4000-8000-000000000007" startPosition="30"'
        ' endPosition="34" creatingUser="AAAAAAAA-0000-4000-8000-000000000001">\n'
        "   <Description>Short answer.</Description>\n  </PlainTextSelection>\n </TextSource>",
    )
    path = tmp_path / "qc.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde_text)
        archive.writestr(
            "sources/aaaaaaaa-0000-4000-8000-000000000004.txt",
            "Interviewer: How was it?\nLee: Good, she listened.\n",
        )
    refi.validate_qdpx(path)
    project = refi.import_qdpx(path)
    assert [c.memo for c in project.codings] == ["Earned, not given."]
    [memo] = project.codings.memos
    assert (memo.turn, memo.coder, memo.text, memo.start, memo.end) == (
        2,
        "Pat",
        "Short answer.",
        30,
        34,
    )


def test_a_folder_is_refused_by_name(tmp_path):
    for read in (refi.import_qdpx, refi.import_qdc, refi.validate_qdpx):
        with pytest.raises(
            InputError, match=rf"{re.escape(str(tmp_path))}: path: .*found 'a folder'"
        ):
            read(tmp_path)
