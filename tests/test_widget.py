"""qualkit.widget, headless: press buttons and set values in Python, check the model and file."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from qualkit.codebook import Code
from qualkit.coding_tool import CodingTool
from qualkit.codings import read_codings
from qualkit.transcripts import parse_transcript
from qualkit.widget import CodingWidget, code_transcript


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


def fill_new_code(widget: CodingWidget, label: str = "pss transport") -> None:
    widget.new_label.value = label
    widget.new_category.value = "pss"
    widget.new_brief.value = "Getting to appointments."
    widget.new_full.value = "Talk about rides, buses and distance to services."
    widget.new_use.value = "Transport named as help or barrier."
    widget.new_not.value = "Travel mentioned in passing."
    widget.new_example.value = "She drove me to the clinic."


FOCUSABLE = (
    widgets.Button,
    widgets.ToggleButton,
    widgets.Text,
    widgets.Textarea,
    widgets.BoundedIntText,
    widgets.Dropdown,
    widgets.Checkbox,
)


def all_widgets(root: widgets.Widget):
    yield root
    for child in getattr(root, "children", ()):
        yield from all_widgets(child)


def test_ticking_codes_saves_them_and_says_so(widget, tmp_path):
    assert widget.turn_box.value == 2
    widget.code_boxes["PSS_LIVED_EXP"].value = True
    widget.next_button.click()
    widget.code_boxes["PSS_BOUNDARY"].value = True
    widget.code_boxes["PSS_IMPROVE"].value = True
    widget.code_boxes["PSS_IMPROVE"].value = False
    saved = read_codings(tmp_path / "ana.codings.json")
    assert [(c.turn, c.code, c.coder) for c in saved] == [
        (2, "PSS_LIVED_EXP", "ana"),
        (3, "PSS_BOUNDARY", "ana"),
    ]
    assert "Saved 2 codings to ana.codings.json (removed PSS_IMPROVE from turn 3)." in (
        widget.status.value
    )
    assert "<b>2 of 4</b> participant turns coded" in widget.progress_text.value
    assert (widget.progress_bar.value, widget.progress_bar.max) == (2, 4)
    assert "Codes used: PSS_LIVED_EXP ×1, PSS_BOUNDARY ×1" in widget.progress_text.value


def test_navigation_buttons_turn_box_and_checkboxes_follow_the_model(widget):
    widget.code_boxes["PSS_LIVED_EXP"].value = True
    widget.next_button.click()
    assert widget.tool.current.turn == 3
    assert not widget.code_boxes["PSS_LIVED_EXP"].value  # turn 3 has no codes
    widget.previous_button.click()
    assert widget.code_boxes["PSS_LIVED_EXP"].value
    widget.uncoded_button.click()
    assert widget.turn_box.value == 3
    widget.turn_box.value = 6
    assert widget.tool.current.turn == 6 and widget.next_button.disabled
    widget.turn_box.value = 1
    assert widget.previous_button.disabled
    assert 'aria-current="true" data-turn="1"' in widget.turns.value
    assert "Codes on turn 1" in widget.codes_heading.value


def test_turn_list_shows_context_codes_and_memos_and_escapes_text(tmp_path, tiny_corpus):
    transcript = parse_transcript(
        "Facilitator: Hi <b>all</b>.\nDana: I said \"<script>alert('x')</script>\" & left.",
        "X1",
    )
    tool = CodingTool(
        transcript,
        tiny_corpus.codebook,
        "ana",
        tmp_path / "a.json",
        context_speakers={"Facilitator"},
    )
    widget = CodingWidget(tool)
    tool.apply("PSS_BOUNDARY")
    tool.write_memo("<i>memo</i>")
    page = widget.turns.value
    assert "<script>" not in page and "<b>all</b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&quot; &amp; left." in page
    assert 'class="qk-turn qk-context" role="listitem" data-turn="1"' in page
    assert '<span class="qk-chip">PSS_BOUNDARY</span>' in page
    assert '<span class="qk-chip qk-memo">memo</span>' in page
    assert widget.memo.value == "<i>memo</i>"


def test_memo_box_and_save_button_write_the_memo_of_the_current_turn(widget, tmp_path):
    widget.memo.value = "Trust from a shared story."
    widget.next_button.click()
    assert widget.memo.value == ""
    widget.memo.value = "Texts at night: boundary?"
    widget.memo_button.click()  # saving twice changes nothing
    widget.previous_button.click()
    assert widget.memo.value == "Trust from a shared story."
    memos = read_codings(tmp_path / "ana.codings.json").memos
    assert [(m.turn, m.text) for m in memos] == [
        (2, "Trust from a shared story."),
        (3, "Texts at night: boundary?"),
    ]


def test_add_code_form_adds_a_checkbox_a_definition_and_reports_errors(widget, tmp_path):
    fill_new_code(widget, "pss transport")
    widget.add_button.click()
    assert "PSS_TRANSPORT" in widget.code_boxes
    assert widget.new_label.value == "" and widget.new_brief.value == ""
    assert "PSS_TRANSPORT — Getting to appointments." in widget.definitions.children[0].value
    assert "PSS_TRANSPORT" in widget.code_filter.options
    assert "PSS_TRANSPORT" in widget.command.options
    widget.code_boxes["PSS_TRANSPORT"].value = True
    saved = read_codings(tmp_path / "ana.codings.json", widget.tool.codebook)
    assert [c.code for c in saved] == ["PSS_TRANSPORT"]
    assert saved.added_codes[0].when_not_to_use == "Travel mentioned in passing."
    fill_new_code(widget, "PSS_BOUNDARY")
    widget.add_button.click()
    assert "Not done: new code: field &#x27;code&#x27;: expected a label not already" in (
        widget.status.value
    )
    assert 'class="qk-error"' in widget.status.value
    fill_new_code(widget, "PSS_WAIT")
    widget.new_example.value = ""
    widget.add_button.click()
    assert "field &#x27;example&#x27;: expected a non-empty string" in widget.status.value
    assert "PSS_WAIT" not in widget.code_boxes


def test_undo_button_reverses_the_last_change_and_shows_its_turn(widget, tmp_path):
    assert widget.undo_button.disabled
    widget.code_boxes["PSS_LIVED_EXP"].value = True
    widget.turn_box.value = 6
    assert widget.undo_button.tooltip == "Undo: applied PSS_LIVED_EXP to turn 2 (z)"
    widget.undo_button.click()
    assert widget.turn_box.value == 2 and not widget.code_boxes["PSS_LIVED_EXP"].value
    assert read_codings(tmp_path / "ana.codings.json").codings == ()
    assert widget.undo_button.disabled
    assert "Undid: applied PSS_LIVED_EXP to turn 2." in widget.status.value


def test_command_box_runs_keyboard_commands_and_clears_itself(widget):
    widget.command.value = "n"
    assert widget.tool.current.turn == 3 and widget.command.value == ""
    widget.command.value = "pss_b"
    assert widget.code_boxes["PSS_BOUNDARY"].value
    widget.command.value = "6"
    assert widget.turn_box.value == 6
    widget.command.value = "?"
    assert "Commands: n = next turn" in widget.status.value
    widget.command.value = "z"
    assert widget.turn_box.value == 3 and not widget.code_boxes["PSS_BOUNDARY"].value


def test_filters_show_one_speaker_or_one_code(widget):
    widget.code_boxes["PSS_LIVED_EXP"].value = True
    widget.speaker_filter.value = "Kim"
    assert widget.tool.current.speaker == "Kim"
    assert "showing 2 turns with speaker Kim" in widget.turns.value
    assert widget.turns.value.count('role="listitem"') == 2
    widget.speaker_filter.value = "(all)"
    widget.code_filter.value = "PSS_LIVED_EXP"
    assert widget.tool.current.turn == 2
    assert widget.next_button.disabled and widget.previous_button.disabled


def test_speaker_details_on_demand(widget):
    assert widget.details.value == ""
    widget.details_toggle.value = True
    assert "moud</span> buprenorphine" in widget.details.value
    widget.turn_box.value = 1
    assert "Facilitator: no participant record." in widget.details.value


def test_changes_made_from_code_show_in_the_widget(widget):
    widget.apply("PSS_IMPROVE", turn=6)  # the widget offers the model's methods
    widget.go(6)
    assert widget.code_boxes["PSS_IMPROVE"].value
    assert widget.turn_box.value == 6
    assert widget.progress().coded == 1
    assert widget.tool.path.name == widget.path.name == "ana.codings.json"
    with pytest.raises(AttributeError):
        widget.no_such_thing  # noqa: B018


def test_widget_and_code_path_write_the_same_file(tiny_corpus, tmp_path):
    by_clicks = code_transcript("PSS-FG1", "ana", tmp_path / "a.json", tiny_corpus, clock=Clock())
    by_code = CodingTool.for_session("PSS-FG1", "ana", tmp_path / "b.json", tiny_corpus, Clock())

    by_clicks.code_boxes["PSS_LIVED_EXP"].value = True
    by_clicks.memo.value = "Trust from a shared story."
    by_clicks.next_button.click()
    by_clicks.code_boxes["PSS_BOUNDARY"].value = True
    by_clicks.code_boxes["PSS_IMPROVE"].value = True
    by_clicks.undo_button.click()
    fill_new_code(by_clicks, "PSS_TRANSPORT")
    by_clicks.add_button.click()
    by_clicks.uncoded_button.click()
    by_clicks.code_boxes["PSS_TRANSPORT"].value = True
    by_clicks.command.value = "6"
    by_clicks.command.value = "pss_i"

    by_code.apply("PSS_LIVED_EXP", turn=2)
    by_code.write_memo("Trust from a shared story.", turn=2)
    by_code.apply("PSS_BOUNDARY", turn=3)
    by_code.apply("PSS_IMPROVE", turn=3)
    by_code.undo()
    by_code.add_code(
        Code(
            "PSS_TRANSPORT",
            "pss",
            "Getting to appointments.",
            "Talk about rides, buses and distance to services.",
            "Transport named as help or barrier.",
            "Travel mentioned in passing.",
            "She drove me to the clinic.",
        )
    )
    by_code.apply("PSS_TRANSPORT", turn=4)
    by_code.apply("PSS_IMPROVE", turn=6)

    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert len(read_codings(tmp_path / "a.json", tiny_corpus.codebook)) == 4


def test_reopening_shows_the_work_done_so_far(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    first = code_transcript("PSS-FG1", "ana", path, tiny_corpus)
    first.code_boxes["PSS_LIVED_EXP"].value = True
    first.next_button.click()
    first.code_boxes["PSS_BOUNDARY"].value = True
    first.memo.value = "night texts"
    again = code_transcript("PSS-FG1", "ana", path, tiny_corpus)
    assert "Resumed 2 codings and 1 memo from ana.codings.json." in again.status.value
    assert again.turn_box.value == 4  # first participant turn still to code
    again.turn_box.value = 3
    assert again.code_boxes["PSS_BOUNDARY"].value and again.memo.value == "night texts"
    assert '<span class="qk-chip">PSS_LIVED_EXP</span>' in again.turns.value


def test_errors_become_status_messages_and_the_screen_shows_the_file(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    widget = code_transcript("PSS-FG1", "ana", path, tiny_corpus)
    widget.code_boxes["PSS_LIVED_EXP"].value = True
    path.write_text("not json", encoding="utf-8")
    widget.code_boxes["PSS_BOUNDARY"].value = True
    assert "Not done: " in widget.status.value and "expected valid JSON" in widget.status.value
    assert not widget.code_boxes["PSS_BOUNDARY"].value  # ticked back: it was not saved
    assert path.read_text(encoding="utf-8") == "not json"
    widget.turn_box.value = 6  # moving on clears the message
    assert "Not done" not in widget.status.value


def test_a_memo_that_could_not_be_saved_stays_in_the_box(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    widget = code_transcript("PSS-FG1", "ana", path, tiny_corpus)
    widget.code_boxes["PSS_LIVED_EXP"].value = True
    path.write_text("not json", encoding="utf-8")
    widget.memo.value = "Trust from a shared story."
    assert "Not done: " in widget.status.value
    assert widget.memo.value == "Trust from a shared story."  # not wiped by the redraw
    widget.turn_box.value = 3
    assert widget.memo.value == ""  # never shown as another turn's memo
    widget.turn_box.value = 2
    path.unlink()  # once the broken file is moved away, writing it again saves it
    widget.memo.value = "Trust from a shared story."
    widget.memo_button.click()
    assert [m.text for m in read_codings(path).memos] == ["Trust from a shared story."]


def test_a_failed_command_leaves_the_command_box_ready_for_the_next(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    widget = code_transcript("PSS-FG1", "ana", path, tiny_corpus)
    widget.code_boxes["PSS_LIVED_EXP"].value = True
    path.write_text("not json", encoding="utf-8")
    widget.command.value = "pss_b"
    assert "Not done: " in widget.status.value and widget.command.value == ""
    path.unlink()
    widget.command.value = "pss_b"  # typing it again runs it again
    assert widget.code_boxes["PSS_BOUNDARY"].value


def test_undoing_a_new_code_while_filtering_on_it(widget):
    fill_new_code(widget, "PSS_TRANSPORT")
    widget.add_button.click()
    widget.code_filter.value = "PSS_TRANSPORT"
    widget.undo_button.click()
    assert "PSS_TRANSPORT" not in widget.code_filter.options
    assert widget.code_filter.value == "(all)" and widget.tool.code_filter is None
    assert "Undid: added code PSS_TRANSPORT." in widget.status.value


def test_every_control_is_labelled_for_screen_readers(widget):
    fill_new_code(widget)
    controls = [w for w in all_widgets(widget) if not isinstance(w, widgets.Box | widgets.HTML)]
    assert len(controls) > 20
    for control in controls:
        if isinstance(control, widgets.IntProgress):
            assert control.description and control.tooltip
            continue
        assert control.description.strip(), f"{type(control).__name__} has no label"
        assert control.tooltip and control.tooltip.strip(), f"{control.description} no tooltip"
    # The turn list, the status line and the code categories carry ARIA roles.
    assert 'role="list"' in widget.turns.value and 'role="status"' in widget.status.value
    assert '<div class="qk-cat" role="heading" aria-level="4">' in (
        widget.codes_panel.children[0].value
    )


def test_tab_order_follows_reading_order(widget):
    order = [w.description for w in all_widgets(widget) if isinstance(w, FOCUSABLE)]
    assert order[:10] == [
        "Previous",
        "Next",
        "Next uncoded",
        "Turn",
        "Speaker",
        "With code",
        "Command",
        "Speaker details",
        "Memo",
        "PSS_LIVED_EXP — Brief definition of PSS_LIVED_EXP.",
    ]
    undo = order.index("Undo")
    assert order[undo - 1].startswith("HV_WHO_IS_CLIENT")  # after the last code
    assert order[undo:] == [
        "Undo",
        "Save memo",
        "Label",  # the add-code form, in the accordion below
        "Category",
        "Brief definition",
        "Full definition",
        "When to use",
        "When not to use",
        "Example",
        "Add code",
    ]
