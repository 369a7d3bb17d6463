"""qualkit.widget, headless: send the messages coding.js sends, check what it would draw and
what the file holds. (The browser itself is tested in test_widget_browser.py.)"""

from __future__ import annotations

import json

import pytest

from qualkit.coding_tool import CodingTool
from qualkit.codings import read_codings
from qualkit.corpus import load_corpus
from qualkit.transcripts import parse_transcript
from qualkit.widget import CodingWidget, code_transcript
from qualkit.widget.palette import TEXT, WHITE, contrast, distinct_on_turn, styles
from qualkit.widget.view_state import lanes


class Clock:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return f"2026-03-02T10:00:{self.calls:02d}Z"


@pytest.fixture
def widget(tiny_corpus, tmp_path) -> CodingWidget:
    return code_transcript(
        "PSS-FG1", "ana", tmp_path / "ana.codings.json", tiny_corpus, clock=Clock()
    )


def select(widget: CodingWidget, turn: int, text: str) -> None:
    """Select ``text`` in a turn as the browser reports a mouse selection (UTF-16 offsets)."""
    at = widget.tool.segment(turn).text.index(text)
    turn_id = f"PSS-FG1|{turn}"
    widget.handle(
        {"type": "select", "from": turn_id, "to": turn_id, "start": at, "end": at + len(text)}
    )


def test_the_whole_transcript_is_sent_once_with_context_turns_marked(widget):
    assert [t["n"] for t in widget.turns] == ["1", "2", "3", "4", "5", "6"]
    assert [t["context"] for t in widget.turns] == [True, False, False, False, True, False]
    assert widget.state["current"] == "PSS-FG1|2"  # the first participant turn
    assert widget.state["shown"] is None and widget.state["shown_text"] == ""


def test_a_span_selected_with_the_mouse_takes_two_codes_in_one_action(widget, tmp_path):
    select(widget, 2, "I trusted her")
    assert widget.state["selection"]["text"] == "I trusted her"
    assert widget.state["selection"]["words"] == "3 words"
    widget.handle({"type": "apply", "codes": ["PSS_LIVED_EXP", "PSS_BOUNDARY"]})
    turn = widget.tool.segment(2)
    start = turn.start + turn.text.index("I trusted her")
    saved = read_codings(tmp_path / "ana.codings.json")
    assert [(c.turn, c.code, c.start, c.end) for c in saved] == [
        (2, "PSS_BOUNDARY", start, start + 13),
        (2, "PSS_LIVED_EXP", start, start + 13),
    ]
    assert saved.codings[0].start is not None
    assert (
        "applied PSS_LIVED_EXP, PSS_BOUNDARY to “I trusted her” in turn 2" in widget.state["status"]
    )
    marks = widget.marks["PSS-FG1|2"]
    texts = [piece[0] for piece in marks["pieces"]]
    assert "".join(texts) == turn.text and "I trusted her" in texts
    covered = next(piece for piece in marks["pieces"] if piece[0] == "I trusted her")
    assert len(covered[1]) == 2  # both codings cover the words
    assert [(c["code"], c["coder"], c["lane"]) for c in marks["codings"]] == [
        ("PSS_BOUNDARY", "ana", 0),
        ("PSS_LIVED_EXP", "ana", 1),
    ]
    assert widget.state["selection"] is None  # applied, so the selection is done
    assert widget.state["progress"]["text"] == "1 of 4 participant turns coded"
    # One action, one undo step.
    widget.handle({"type": "undo"})
    assert read_codings(tmp_path / "ana.codings.json").codings == ()


def test_whole_turn_coding_stays_one_action(widget, tmp_path):
    select(widget, 2, "her own story")
    widget.handle({"type": "whole", "codes": ["PSS_LIVED_EXP"]})
    (coding,) = read_codings(tmp_path / "ana.codings.json").codings
    assert (coding.turn, coding.start, coding.end) == (2, None, None)
    assert widget.marks["PSS-FG1|2"]["codings"][0]["whole"] is True
    # Apply with nothing selected codes the whole current turn, too.
    widget.handle({"type": "apply", "codes": ["PSS_BOUNDARY"]})
    assert {c.start for c in read_codings(tmp_path / "ana.codings.json")} == {None}


def test_a_selection_across_turns_or_of_blanks_is_refused_in_the_status_line(widget, tmp_path):
    widget.handle({"type": "select", "from": "PSS-FG1|2", "to": "PSS-FG1|3", "start": 0, "end": 4})
    assert widget.state["error"].startswith("Not done: a span stays inside one turn")
    widget.handle({"type": "apply", "codes": []})
    assert "tick one or more codes" in widget.state["error"]
    assert not (tmp_path / "ana.codings.json").exists()


def test_keyboard_selection_grows_and_shrinks_a_sentence_at_a_time(widget):
    widget.handle({"type": "go", "turn": 4})  # "Same for me. I mean, she gets it."
    widget.handle({"type": "extend", "by": 1})
    assert widget.state["selection"]["text"] == "Same for me."
    widget.handle({"type": "extend", "by": 1})
    assert widget.state["selection"]["text"] == "Same for me. I mean, she gets it."
    widget.handle({"type": "extend", "by": -1})
    assert widget.state["selection"]["text"] == "Same for me."
    widget.handle({"type": "clear"})
    assert widget.state["selection"] is None


def test_offsets_from_the_browser_are_utf16_and_saved_as_code_points(tmp_path, tiny_corpus):
    transcript = parse_transcript("Facilitator: Hi.\nDana: I felt 😀 so seen by her.", "EMOJI")
    tool = CodingTool(transcript, tiny_corpus.codebook, "ana", tmp_path / "a.json")
    widget = CodingWidget(tool)
    turn = tool.segment(2)
    utf16 = turn.text.encode("utf-16-le")
    start16 = len("I felt 😀 ".encode("utf-16-le")) // 2  # the browser counts 😀 as two
    end16 = len(utf16) // 2 - 1  # up to "her", not the full stop
    widget.handle(
        {"type": "select", "from": "EMOJI|2", "to": "EMOJI|2", "start": start16, "end": end16}
    )
    assert widget.state["selection"]["text"] == "so seen by her"
    assert (widget.state["selection"]["start"], widget.state["selection"]["end"]) == (
        start16,
        end16,
    )
    widget.handle({"type": "apply", "codes": ["PSS_LIVED_EXP"]})
    (coding,) = read_codings(tmp_path / "a.json").codings
    assert transcript.text[coding.start : coding.end] == "so seen by her"


def test_clicking_a_highlight_picks_it_to_remove_or_annotate(widget, tmp_path):
    select(widget, 3, "texts me at night")
    widget.handle({"type": "apply", "codes": ["PSS_BOUNDARY"]})
    coding_id = widget.marks["PSS-FG1|3"]["codings"][0]["id"]
    widget.handle({"type": "pick", "id": coding_id})
    picked = widget.state["picked"]
    assert (picked["code"], picked["coder"], picked["where"]) == (
        "PSS_BOUNDARY",
        "ana",
        "“texts me at night”",
    )
    widget.handle({"type": "coding_memo", "text": "Boundaries at night."})
    (coding,) = read_codings(tmp_path / "ana.codings.json").codings
    assert coding.memo == "Boundaries at night." and coding.start is not None
    assert widget.marks["PSS-FG1|3"]["codings"][0]["picked"] is True
    widget.handle({"type": "remove_picked"})
    assert read_codings(tmp_path / "ana.codings.json").codings == ()
    assert widget.state["picked"] is None
    widget.handle({"type": "undo"})
    assert read_codings(tmp_path / "ana.codings.json").codings[0].memo == "Boundaries at night."


def test_codebook_puts_the_sessions_model_and_shared_codes_first(tmp_path):
    corpus = load_corpus()
    widget = code_transcript("HV-FG1", "ana", tmp_path / "ana.codings.json", corpus)
    categories = widget.codebook["categories"]
    assert [(c["id"], c["focus"]) for c in categories] == [
        ("home_visiting", True),
        ("cross_cutting", True),
        ("pss", False),
        ("doula", False),
    ]
    first = categories[0]["codes"][0]
    assert {"label", "brief", "full", "use", "not", "example"} <= first.keys()
    labels = [code["label"] for c in categories for code in c["codes"]]
    assert widget.codebook["labels"] == labels and len(labels) == len(corpus.codebook.codes)
    # The focused codes get the seven distinct hues first.
    hues = {code["line"] for code in categories[0]["codes"][:7]}
    assert len(hues) == min(7, len(categories[0]["codes"]))


def test_every_code_style_meets_wcag_aa_and_carries_a_pattern_too():
    corpus = load_corpus()
    found = styles(corpus.codebook.names)
    assert len({(s.line, s.pattern) for s in found.values()}) == len(found)  # no two alike
    for style in found.values():
        assert contrast(TEXT, style.tint) >= 4.5  # highlighted text
        assert contrast(style.line, WHITE) >= 3.0  # stripes and underlines (non-text)


def test_lanes_keep_overlapping_stripes_apart():
    spans = [(0, 50), (10, 20), (15, 30), (40, 60), (60, 70)]
    found = lanes(spans)
    for i, a in enumerate(spans):
        for j, b in enumerate(spans[:i]):
            if a[0] < b[1] and b[0] < a[1]:
                assert found[i] != found[j]
    assert max(found) == 2


def test_navigation_filters_search_and_grammar(widget):
    widget.handle({"type": "next"})
    assert widget.state["number"] == 3 and widget.state["has_previous"]
    widget.handle({"type": "filter", "speaker": "Kim", "code": "", "query": ""})
    assert widget.state["shown"] == [2, 5] and widget.state["shown_text"] == "showing 2 turns of 6"
    widget.handle({"type": "filter", "speaker": "", "code": "", "query": "SCHEDULE"})
    assert widget.state["shown"] == [5] and widget.state["shown_text"] == "showing 1 turn of 6"
    assert widget.state["status"] == "Showing 1 turn of 6."
    assert widget.state["number"] == 6 and not widget.state["has_next"]
    assert not widget.state["has_previous"]
    widget.handle({"type": "filter"})
    widget.handle({"type": "go", "turn": 1})
    assert widget.state["has_next"] and not widget.state["has_previous"]
    widget.handle({"type": "uncoded"})
    assert widget.state["number"] == 2
    widget.handle({"type": "go", "turn": 99})
    assert widget.state["error"] == "Not done: PSS-FG1 has turns 1–6, not 99"


def test_code_filter_and_next_uncoded_count_a_turn_with_any_span(widget):
    select(widget, 2, "I trusted her")
    widget.handle({"type": "apply", "codes": ["PSS_LIVED_EXP"]})
    widget.handle({"type": "filter", "code": "PSS_LIVED_EXP"})
    assert widget.state["shown"] == [1]
    widget.handle({"type": "filter"})
    widget.handle({"type": "go", "turn": 1})
    widget.handle({"type": "uncoded"})
    assert widget.state["number"] == 3  # turn 2 carries a code through its span
    assert widget.state["current_codes"] == []


def test_memo_undo_and_command_box(widget, tmp_path):
    widget.handle({"type": "memo", "text": "Trust comes first."})
    assert widget.marks["PSS-FG1|2"]["memo"] is True
    assert widget.state["memo"] == "Trust comes first." and widget.state["can_undo"]
    assert widget.state["undo"] == "wrote a memo on turn 2"
    widget.handle({"type": "command", "text": "n"})
    assert widget.state["number"] == 3 and widget.state["status"] == "Turn 3 of PSS-FG1."
    widget.handle({"type": "command", "text": "pss_b"})
    assert widget.state["current_codes"] == ["PSS_BOUNDARY"]
    assert widget.state["status"].startswith("Saved 1 coding and 1 memo")
    widget.handle({"type": "command", "text": "pss"})
    assert "could be PSS_LIVED_EXP, PSS_BOUNDARY, PSS_IMPROVE" in widget.state["status"]
    widget.handle({"type": "undo"})
    widget.handle({"type": "undo"})
    widget.handle({"type": "undo"})
    assert widget.state["status"] == "Nothing to undo." and not widget.state["can_undo"]


def test_add_code_form_normalises_the_label_as_the_code_path_does(widget, tmp_path):
    fields = {
        "label": "pss transport",
        "category": "pss",
        "brief": "Getting to appointments.",
        "full": "Talk about rides, buses and distance to services.",
        "use": "Transport named as help or barrier.",
        "not": "Travel mentioned in passing.",
        "example": "She drove me to the clinic.",
    }
    widget.handle({"type": "add_code", "fields": fields})
    assert "PSS_TRANSPORT" in widget.codebook["labels"]
    saved = read_codings(tmp_path / "ana.codings.json")
    assert [c.label for c in saved.added_codes] == ["PSS_TRANSPORT"]
    widget.handle({"type": "add_code", "fields": {**fields, "label": "X2", "example": " "}})
    assert "field 'example'" in widget.state["error"]


def test_changes_made_from_code_show_in_the_widget(widget):
    widget.tool.apply("PSS_IMPROVE", turn=6)
    assert widget.marks["PSS-FG1|6"]["codings"][0]["code"] == "PSS_IMPROVE"
    assert widget.state["progress"]["coded"] == 1


def test_reopening_shows_the_work_done_so_far(tiny_corpus, tmp_path):
    first = code_transcript("PSS-FG1", "ana", tmp_path / "ana.codings.json", tiny_corpus)
    select(first, 4, "she gets it")
    first.handle({"type": "apply", "codes": ["PSS_LIVED_EXP", "PSS_IMPROVE"]})
    again = code_transcript("PSS-FG1", "ana", tmp_path / "ana.codings.json", tiny_corpus)
    assert again.marks == first.marks
    assert again.state["status"] == "Resumed 2 codings from ana.codings.json."


def test_a_foreign_or_broken_file_is_refused_before_the_widget_exists(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    path.write_text("{broken", encoding="utf-8")
    with pytest.raises(Exception, match="ana.codings.json"):
        code_transcript("PSS-FG1", "ana", path, tiny_corpus)
    assert path.read_text(encoding="utf-8") == "{broken"


def test_what_the_view_is_sent_is_plain_json(widget):
    select(widget, 2, "I trusted her")
    widget.handle({"type": "apply", "codes": ["PSS_LIVED_EXP"]})
    for trait in ("turns", "codebook", "marks", "state", "speakers"):
        json.dumps(getattr(widget, trait))
    assert widget._esm.strip().endswith("export default { render };")
    assert ".qualkit-coding" in widget._css


def test_widget_and_code_path_write_the_same_file(tiny_corpus, tmp_path):
    clicked = code_transcript(
        "PSS-FG1", "ana", tmp_path / "a" / "ana.codings.json", tiny_corpus, clock=Clock()
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    select(clicked, 2, "I trusted her")
    clicked.handle({"type": "apply", "codes": ["PSS_LIVED_EXP", "PSS_BOUNDARY"]})
    clicked.handle({"type": "go", "turn": 6})
    clicked.handle({"type": "whole", "codes": ["PSS_IMPROVE"]})
    clicked.handle({"type": "memo", "text": "Wants a schedule."})
    coded = CodingTool.for_session(
        "PSS-FG1", "ana", tmp_path / "b" / "ana.codings.json", tiny_corpus, clock=Clock()
    )
    coded.select_text("I trusted her", turn=2)
    coded.apply_to_selection(["PSS_LIVED_EXP", "PSS_BOUNDARY"])
    coded.apply("PSS_IMPROVE", turn=6)
    coded.write_memo("Wants a schedule.", turn=6)
    clicked.tool.close()
    coded.close()
    assert (tmp_path / "a" / "ana.codings.json").read_bytes() == (
        tmp_path / "b" / "ana.codings.json"
    ).read_bytes()


def test_clicks_go_to_the_journal_and_closing_the_widget_folds_it_in(widget, tmp_path):
    path = tmp_path / "ana.codings.json"
    journal = tmp_path / ".ana.codings.json.journal"
    select(widget, 2, "her own story")
    widget.handle({"type": "apply", "codes": ["PSS_LIVED_EXP"]})  # no file yet: written whole
    first = path.read_bytes()
    widget.handle({"type": "go", "turn": 3})
    widget.handle({"type": "whole", "codes": ["PSS_BOUNDARY"]})
    widget.handle({"type": "memo", "text": "Texts at night."})
    assert path.read_bytes() == first and journal.exists()  # one line per click, appended
    assert len(read_codings(path)) == 2 and read_codings(path).memos[0].text == "Texts at night."
    widget.close()
    assert not journal.exists()
    assert path.read_text(encoding="utf-8") == widget.tool.text()


# ---------------------------------------------------------------- the command box and a selection


def test_a_code_typed_in_the_command_box_codes_the_selection_and_clears_it(widget, tmp_path):
    path = tmp_path / "ana.codings.json"
    turn = widget.tool.segment(2)
    start = turn.start + turn.text.index("I trusted her")
    select(widget, 2, "I trusted her")
    widget.handle({"type": "command", "text": "pss_b"})
    (coding,) = read_codings(path).codings
    assert (coding.turn, coding.code, coding.start, coding.end) == (
        2,
        "PSS_BOUNDARY",
        start,
        start + 13,
    )
    assert widget.state["selection"] is None  # done with, as after Apply
    assert "PSS-FG1|2" in widget.marks and not any(
        p[2] for p in widget.marks["PSS-FG1|2"]["pieces"]
    )
    assert "applied PSS_BOUNDARY to “I trusted her” in turn 2" in widget.state["status"]
    # Typed again on the same words: nothing is taken off, and the status says how to.
    select(widget, 2, "I trusted her")
    widget.handle({"type": "command", "text": "PSS_BOUNDARY"})
    assert len(read_codings(path)) == 1
    assert widget.state["status"] == (
        "PSS_BOUNDARY is on “I trusted her” in turn 2 already; type -PSS_BOUNDARY to remove it."
    )
    assert widget.state["selection"] is None
    # With nothing selected a typed code goes on the whole turn, beside the span's.
    widget.handle({"type": "command", "text": "pss_b"})
    assert [c.start for c in read_codings(path)] == [None, start]
    # Removing is explicit: -LABEL on a selection removes that span's coding only, and says so.
    select(widget, 2, "I trusted her")
    widget.handle({"type": "command", "text": "-pss_b"})
    assert [c.start for c in read_codings(path)] == [None]
    assert widget.state["status"].startswith("Saved 1 coding to ana.codings.json (removed")
    assert widget.state["selection"] is None
    # Undo undoes it, a step at a time.
    widget.handle({"type": "command", "text": "z"})
    assert [c.start for c in read_codings(path)] == [None, start]
    assert widget.state["status"].startswith("Undid: removed PSS_BOUNDARY from “I trusted her”")
    widget.handle({"type": "undo"})
    widget.handle({"type": "undo"})
    assert read_codings(path).codings == ()


def test_removing_a_code_not_there_says_so_and_changes_nothing(widget, tmp_path):
    widget.handle({"type": "command", "text": "-pss_improve"})
    assert widget.state["status"] == "PSS_IMPROVE is not on turn 2: nothing removed."
    assert not widget.state["can_undo"]
    widget.handle({"type": "command", "text": "-"})
    assert widget.state["status"].startswith("No code or command '-'")
    assert not (tmp_path / "ana.codings.json").exists()


# ---------------------------------------------------------------- codes told apart on a turn


def test_two_codes_of_one_hue_on_a_turn_differ_in_pattern_and_label(tmp_path):
    """PSS_LIVED_EXP and PSS_AFFILIATION share Okabe–Ito's orange in the kit's codebook."""
    widget = code_transcript("PSS-FG1", "ana", tmp_path / "ana.codings.json", clock=Clock())
    tool = widget.tool
    tool.select_text("she knocked on my window", turn=2)
    tool.apply_to_selection(["PSS_LIVED_EXP", "PSS_AFFILIATION"])
    tool.apply("PSS_AFFILIATION", turn=2)
    drawn = {(c["code"], c["whole"]): c for c in widget.marks["PSS-FG1|2"]["codings"]}
    lived, affiliation = drawn["PSS_LIVED_EXP", False], drawn["PSS_AFFILIATION", False]
    assert lived["line"] == affiliation["line"]  # the same hue...
    assert lived["pattern"] != affiliation["pattern"]  # ...told apart by pattern
    assert drawn["PSS_AFFILIATION", True]["pattern"] == affiliation["pattern"]  # one code, one look
    labels = [c["label"] for c in widget.marks["PSS-FG1|2"]["codings"]]
    assert len(set(labels)) == 3 and all(label.split(" ")[0] in label for label in labels)
    assert lived["label"] == "PSS_LIVED_EXP (solid) by ana on “she knocked on my window”"
    assert contrast(TEXT, lived["hatch"]) >= 4.5 and contrast(TEXT, affiliation["hatch"]) >= 4.5


def test_codes_past_the_palettes_42_styles_still_differ_on_one_turn():
    found = styles(f"X{i}" for i in range(43))
    assert (found["X0"].line, found["X0"].pattern) == (found["X42"].line, found["X42"].pattern)
    on_turn = distinct_on_turn(["X0", "X42", "X7"], found)
    assert len({(s.line, s.pattern) for s in on_turn.values()}) == 3
    assert on_turn["X0"] == found["X0"] and on_turn["X7"] == found["X7"]
