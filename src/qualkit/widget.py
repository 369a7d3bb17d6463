"""The coding widget: a thin ipywidgets view over :class:`qualkit.coding_tool.CodingTool`.

In a lesson notebook::

    from qualkit.widget import code_transcript
    tool = code_transcript("PSS-FG1", coder="ana")     # saves to ana.codings.json beside it
    tool                                               # shows the widget

Every click goes straight to the model, which saves the coding file at once; the widget only
draws the model and turns clicks into method calls. The same work can be done from code, and
gives the same file: ``tool.apply("PSS_LIVED_EXP", turn=2)``, ``tool.write_memo(...)``,
``tool.undo()`` (``tool.tool`` is the :class:`~qualkit.coding_tool.CodingTool` itself).

**Keyboard.** Every control is reachable with Tab / Shift+Tab, in reading order; Enter or Space
presses the focused button or ticks the focused code. In the *Turn* box, type a number and press
Enter to go there (↑ / ↓ step through turns). In the *Command* box, type and press Enter:
``n`` next turn, ``p`` previous, ``u`` next uncoded, a number to go to that turn, a code label
(or its first letters, the box suggests them) to apply or remove it, ``z`` undo, ``?`` help.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from os import PathLike

import ipywidgets as widgets

from qualkit.codebook import Code
from qualkit.coding_tool import ALL_CODED, COMMANDS_HELP, Change, CodingTool
from qualkit.codings import utc_now
from qualkit.corpus import Corpus, load_corpus

__all__ = ["KEYS_HELP", "CodingWidget", "code_transcript"]

KEYS_HELP = (
    "Tab / Shift+Tab move between controls; Enter or Space presses a button or ticks a code. "
    "Turn box: type a number and press Enter (↑ / ↓ step). Command box: " + COMMANDS_HELP + "."
)
# Methods of the model that the widget offers as its own (the programmatic path). ``status``
# is not among them: on the widget it is the status line (``widget.tool.status`` is the text).
_DELEGATED = frozenset(
    {
        "apply",
        "remove",
        "toggle",
        "set_codes",
        "write_memo",
        "add_code",
        "undo",
        "go",
        "next",
        "previous",
        "next_uncoded",
        "filter",
        "progress",
        "codes_of",
        "memo_of",
        "current",
        "path",
        "coder",
        "codebook",
        "run_command",
        "speaker_details",
        "text",
        "coding",
        "can_undo",
    }
)
_ALL = "(all)"
# Scoped to the widget's own class; theme variables so that dark themes work too.
_STYLE = """<style>
.qualkit-coding {max-width: 1180px; font-size: var(--jp-ui-font-size1, 13px);}
.qualkit-coding .qk-title {font-size: 1.25em; font-weight: 600; margin: 0 0 2px 0;}
.qualkit-coding .qk-sub {color: var(--jp-ui-font-color2, #555);}
.qualkit-coding .qk-turns {display: flex; flex-direction: column; gap: 4px;}
.qualkit-coding .qk-turn {padding: 6px 10px; border-radius: 4px; line-height: 1.45;
  border-left: 4px solid transparent; color: var(--jp-ui-font-color2, #555);}
.qualkit-coding .qk-turn.qk-current {background: var(--jp-layout-color2, #f2f4f7);
  border-left-color: var(--jp-brand-color1, #1976d2); color: var(--jp-ui-font-color0, #111);
  font-size: 1.1em; padding: 10px 12px;}
.qualkit-coding .qk-num {display: inline-block; min-width: 2.6em; font-variant-numeric:
  tabular-nums; color: var(--jp-ui-font-color3, #777);}
.qualkit-coding .qk-speaker {font-weight: 600;}
.qualkit-coding .qk-context .qk-speaker {font-style: italic; font-weight: 500;}
.qualkit-coding .qk-chip {display: inline-block; margin: 2px 4px 0 0; padding: 0 6px;
  border-radius: 9px; font-size: 0.82em; background: var(--jp-brand-color3, #bbdefb);
  color: var(--jp-ui-font-color0, #111); white-space: nowrap;}
.qualkit-coding .qk-chip.qk-memo {background: var(--jp-warn-color3, #ffe0b2);}
.qualkit-coding .qk-chips {display: block; margin-left: 2.6em;}
.qualkit-coding .qk-note {color: var(--jp-ui-font-color2, #555); font-size: 0.9em;}
.qualkit-coding .qk-status {padding: 2px 0;}
.qualkit-coding .qk-error {color: var(--jp-error-color1, #c62828); font-weight: 600;}
.qualkit-coding .qk-cat {font-weight: 600; margin: 8px 0 0 0;
  border-bottom: 1px solid var(--jp-border-color2, #ddd);}
.qualkit-coding .qk-codes .widget-checkbox {width: 100%; height: auto;}
.qualkit-coding .qk-codes .widget-checkbox label {white-space: normal; line-height: 1.3;}
.qualkit-coding .qk-panel {border: 1px solid var(--jp-border-color2, #ddd); border-radius: 6px;
  padding: 6px 10px;}
.qualkit-coding .qk-def {margin: 10px 0 0 0; line-height: 1.4;}
.qualkit-coding .qk-def > div {margin-left: 1em;}
.qualkit-coding .qk-def > div.qk-def-title {margin-left: 0; font-weight: 600;}
.qualkit-coding .qk-details {display: grid; gap: 2px 16px; margin: 4px 0 6px 0; line-height: 1.4;
  grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); font-size: 0.92em;}
</style>"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _chips(labels, memo: bool = False) -> str:
    chips = "".join(f'<span class="qk-chip">{_e(label)}</span>' for label in labels)
    if memo:
        chips += '<span class="qk-chip qk-memo">memo</span>'
    return f'<span class="qk-chips">{chips}</span>' if chips else ""


class CodingWidget(widgets.VBox):
    """The coding tool on screen. ``self.tool`` is the model; its methods are offered here too.

    ``context`` is how many turns are shown before and after the current one.
    """

    def __init__(self, tool: CodingTool, title: str = "", context: int = 2) -> None:
        self.tool = tool
        self.context = context
        self._updating = False
        self._error = ""
        # A memo whose save failed, and its turn: it stays in the box while that turn is shown.
        self._unsaved_memo: tuple[tuple[str, int], str] | None = None
        sessions = ", ".join(t.session_id for t in tool.transcripts)
        self.header = widgets.HTML(
            _STYLE
            + f'<div class="qk-title">Coding {_e(sessions)}'
            + (f" · {_e(title)}" if title else "")
            + f'</div><div class="qk-sub">Coder <b>{_e(tool.coder)}</b> · every change is '
            f"saved at once to <code>{_e(tool.path.name)}</code></div>"
        )
        self.progress_bar = widgets.IntProgress(
            min=0,
            description="Progress",
            bar_style="info",
            tooltip="Participant turns coded of all participant turns",
            layout=widgets.Layout(width="340px"),
        )
        self.progress_text = widgets.HTML(layout=widgets.Layout(margin="0 0 0 8px"))

        # No icons: Font Awesome glyphs end up in the accessible name ("\uf061 Next").
        def button(description: str, tooltip: str) -> widgets.Button:
            return widgets.Button(
                description=description,
                tooltip=tooltip,
                layout=widgets.Layout(width="auto"),
            )

        self.previous_button = button("Previous", "Go to the previous turn (p)")
        self.next_button = button("Next", "Go to the next turn (n)")
        self.uncoded_button = button(
            "Next uncoded", "Go to the next participant turn without a code (u)"
        )
        self.turn_box = widgets.BoundedIntText(
            min=1,
            description="Turn",
            tooltip="Type a turn number and press Enter to go there",
            continuous_update=False,
            layout=widgets.Layout(width="150px"),
            style={"description_width": "36px"},
        )
        self.command = widgets.Combobox(
            description="Command",
            placeholder="n, p, u, 12, or a code label — then Enter",
            tooltip="Keyboard commands: " + COMMANDS_HELP,
            ensure_option=False,
            continuous_update=False,
            layout=widgets.Layout(width="360px"),
            style={"description_width": "70px"},
        )
        speakers = tuple(dict.fromkeys(t.speaker for t in tool.segments))
        self.speaker_filter = widgets.Dropdown(
            options=(_ALL, *speakers),
            description="Speaker",
            tooltip="Show only this speaker's turns",
            layout=widgets.Layout(width="230px"),
            style={"description_width": "60px"},
        )
        self.code_filter = widgets.Dropdown(
            description="With code",
            tooltip="Show only turns that carry this code",
            layout=widgets.Layout(width="300px"),
            style={"description_width": "70px"},
        )
        self.turns = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.details_toggle = widgets.ToggleButton(
            description="Speaker details",
            tooltip="Show or hide the current speaker's participant attributes",
            layout=widgets.Layout(width="auto"),
        )
        self.details = widgets.HTML()
        self.memo = widgets.Textarea(
            description="Memo",
            placeholder="An analytic memo on this turn (saved when you leave the box)",
            tooltip="Your memo on the current turn; it is saved when you leave the box",
            continuous_update=False,
            rows=3,
            layout=widgets.Layout(width="100%"),
            style={"description_width": "50px"},
        )
        self.memo_button = button("Save memo", "Save the memo on the current turn")
        self.codes_heading = widgets.HTML()
        self.code_boxes: dict[str, widgets.Checkbox] = {}
        self.codes_panel = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.codes_panel.add_class("qk-codes")
        self.undo_button = button("Undo", "Undo the last change (z)")
        self.status = widgets.HTML(layout=widgets.Layout(margin="0 0 0 8px"))
        self.definitions = widgets.Accordion(layout=widgets.Layout(width="100%"))
        self._build_add_code_form()
        self.help = widgets.HTML(
            f'<div class="qk-note" role="note">Keyboard: {_e(KEYS_HELP)}</div>'
        )

        left = widgets.VBox(
            [self.turns, widgets.HBox([self.details_toggle]), self.details, self.memo],
            layout=widgets.Layout(flex="3 1 0", min_width="340px", margin="0 12px 0 0"),
        )
        right = widgets.VBox(
            [self.codes_heading, self.codes_panel],
            layout=widgets.Layout(flex="2 1 0", min_width="280px"),
        )
        right.add_class("qk-panel")
        self.more = widgets.Accordion(
            children=[self.definitions, self.add_code_form, self.help],
            titles=("Code definitions", "Add a new code", "Keyboard"),
            layout=widgets.Layout(width="100%", margin="8px 0 0 0"),
        )
        self.more.add_class("qk-more")
        super().__init__(
            [
                self.header,
                widgets.HBox([self.progress_bar, self.progress_text]),
                widgets.HBox(
                    [self.previous_button, self.next_button, self.uncoded_button, self.turn_box],
                    layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
                ),
                widgets.HBox(
                    [self.speaker_filter, self.code_filter, self.command],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                widgets.HBox(
                    [left, right], layout=widgets.Layout(width="100%", align_items="flex-start")
                ),
                widgets.HBox(
                    [self.undo_button, self.memo_button, self.status],
                    layout=widgets.Layout(align_items="center", margin="6px 0 0 0"),
                ),
                self.more,
            ],
            layout=widgets.Layout(width="100%"),
        )
        self.add_class("qualkit-coding")
        self._wire()
        self._rebuild_codes()
        tool.on_change(self._on_model_change)
        self._refresh("reload")

    # ------------------------------------------------------------------ building

    def _build_add_code_form(self) -> None:
        def text(description: str, placeholder: str, area: bool = False):
            kind = widgets.Textarea if area else widgets.Text
            return kind(
                description=description,
                placeholder=placeholder,
                tooltip=description + ": " + placeholder,
                layout=widgets.Layout(width="100%"),
                style={"description_width": "130px"},
                **({"rows": 2} if area else {}),
            )

        self.new_label = text("Label", "UPPER_SNAKE, e.g. PSS_TRANSPORT (spaces become _)")
        self.new_category = widgets.Dropdown(
            description="Category",
            tooltip="The category the new code belongs to",
            style={"description_width": "130px"},
        )
        self.new_brief = text("Brief definition", "one line")
        self.new_full = text("Full definition", "what the code means", area=True)
        self.new_use = text("When to use", "the signs that it applies", area=True)
        self.new_not = text(
            "When not to use", "near misses, and which code to use instead", area=True
        )
        self.new_example = text("Example", "a quotation or paraphrase", area=True)
        self.add_button = widgets.Button(
            description="Add code",
            button_style="primary",
            tooltip="Add this code to your codebook (saved in your coding file)",
        )
        self.add_code_form = widgets.VBox(
            [
                self.new_label,
                self.new_category,
                self.new_brief,
                self.new_full,
                self.new_use,
                self.new_not,
                self.new_example,
                self.add_button,
            ]
        )

    def _rebuild_codes(self) -> None:
        """(Re)draw the code checkboxes, definitions and code lists (the codebook changed)."""
        codebook = self.tool.codebook
        for old in (*self.codes_panel.children, *self.definitions.children):
            old.close()  # drop their front-end models too
        rows: list[widgets.Widget] = []
        self.code_boxes = {}
        pages, titles = [], []
        for category in codebook.categories:
            codes = codebook.in_category(category.id)
            if not codes:
                continue
            rows.append(
                widgets.HTML(
                    f'<div class="qk-cat" role="heading" aria-level="4">{_e(category.label)}</div>'
                )
            )
            for code in codes:
                box = widgets.Checkbox(
                    description=f"{code.label} — {code.brief}",
                    tooltip=f"{code.label}: {code.brief} Use when: {code.when_to_use}",
                    indent=False,
                    layout=widgets.Layout(width="100%"),
                )
                box.observe(self._on_code_box(code.label), names="value")
                self.code_boxes[code.label] = box
                rows.append(box)
            pages.append(widgets.HTML(self._definitions_html(codes, category.description)))
            titles.append(category.label)
        self.codes_panel.children = rows
        self.definitions.children = pages
        self.definitions.titles = tuple(titles)
        with self._quiet():
            self.code_filter.options = (_ALL, *codebook.names)
            self.code_filter.value = self.tool.code_filter or _ALL
            self.new_category.options = [(c.label, c.id) for c in codebook.categories]
        self.command.options = codebook.names

    @staticmethod
    def _definitions_html(codes: tuple[Code, ...], description: str) -> str:
        parts = [f'<div class="qk-note">{_e(description)}</div>']
        for code in codes:
            parts.append(
                f'<div class="qk-def" role="group" aria-label="{_e(code.label)}">'
                f'<div class="qk-def-title">{_e(code.label)} — {_e(code.brief)}</div>'
                f"<div>{_e(code.full)}</div>"
                f"<div><b>Use when:</b> {_e(code.when_to_use)}</div>"
                f"<div><b>Do not use when:</b> {_e(code.when_not_to_use)}</div>"
                f"<div><b>Example:</b> <i>{_e(code.example)}</i></div></div>"
            )
        return "".join(parts)

    # ------------------------------------------------------------------ events

    def _wire(self) -> None:
        self.previous_button.on_click(self._action(lambda _: self.tool.previous()))
        self.next_button.on_click(self._action(lambda _: self.tool.next()))
        self.uncoded_button.on_click(self._action(lambda _: self._next_uncoded()))
        self.undo_button.on_click(self._action(lambda _: self._undo()))
        self.memo_button.on_click(self._action(lambda _: self._save_memo(self.memo.value)))
        self.add_button.on_click(self._action(lambda _: self._add_code()))
        self.turn_box.observe(self._observer(lambda v: self.tool.go(v)), names="value")
        self.memo.observe(self._observer(self._save_memo), names="value")
        self.speaker_filter.observe(self._observer(lambda _: self._filter()), names="value")
        self.code_filter.observe(self._observer(lambda _: self._filter()), names="value")
        self.command.observe(self._observer(self._command), names="value")
        self.details_toggle.observe(lambda _: self._refresh("position"), names="value")

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Set widget values from the model without their observers calling the model back."""
        before, self._updating = self._updating, True
        try:
            yield
        finally:
            self._updating = before

    def _run(self, function: Callable[[], object]) -> None:
        """Run one user action; a problem becomes a message in the status line, not a crash."""
        self._error = ""
        self._unsaved_memo = None
        try:
            function()
        except (ValueError, KeyError, OSError) as error:
            message = error.args[0] if isinstance(error, KeyError) and error.args else error
            self._error = f"Not done: {message}"
        self._refresh("position")

    def _action(self, function: Callable) -> Callable:
        return lambda button: self._run(lambda: function(button))

    def _observer(self, function: Callable) -> Callable:
        def handler(change: dict) -> None:
            if not self._updating:
                self._run(lambda: function(change["new"]))

        return handler

    def _on_code_box(self, label: str) -> Callable:
        def handler(change: dict) -> None:
            if self._updating:
                return
            self._run(lambda: (self.tool.apply if change["new"] else self.tool.remove)(label))

        return handler

    def _next_uncoded(self) -> None:
        if self.tool.next_uncoded() is None:
            self.tool.status = ALL_CODED

    def _save_memo(self, text: str) -> None:
        unit = self.tool.current.unit
        try:
            self.tool.write_memo(text)
        except BaseException:
            self._unsaved_memo = (unit, text)  # so the redraw does not wipe what was written
            raise

    def _undo(self) -> None:
        if not self.tool.undo():
            self.tool.status = "Nothing to undo."

    def _filter(self) -> None:
        speaker, code = self.speaker_filter.value, self.code_filter.value
        self.tool.filter(None if speaker == _ALL else speaker, None if code == _ALL else code)

    def _command(self, text: str) -> None:
        if not text.strip():
            return
        with self._quiet():
            self.command.value = ""  # first: a failed command must not block typing it again
        message = self.tool.run_command(text)
        if message and not message.startswith(("Applied", "Removed", "Undid")):
            self.tool.status = message

    def _add_code(self) -> None:
        label = self.new_label.value.strip().upper().replace(" ", "_")
        code = Code(
            label,
            self.new_category.value or "",
            self.new_brief.value.strip(),
            self.new_full.value.strip(),
            self.new_use.value.strip(),
            self.new_not.value.strip(),
            self.new_example.value.strip(),
        )
        self.tool.add_code(code)
        with self._quiet():
            for field in (self.new_label, self.new_brief, self.new_full, self.new_use):
                field.value = ""
            self.new_not.value = self.new_example.value = ""

    # ------------------------------------------------------------------ drawing

    def _on_model_change(self, change: Change) -> None:
        self._error = ""  # the model changed, so an earlier error message is out of date
        self._refresh(change)

    def _refresh(self, change: Change) -> None:
        """Draw the model's state; never calls back into the model's changing methods."""
        tool = self.tool
        if change in ("codebook", "reload"):
            self._rebuild_codes()
        current = tool.current
        with self._quiet():
            codes = set(tool.codes_of())
            for label, box in self.code_boxes.items():
                box.value = label in codes
            self.turn_box.max = len(
                next(t for t in tool.transcripts if t.session_id == current.session_id)
            )
            self.turn_box.value = current.turn
            unsaved = self._unsaved_memo
            self.memo.value = (
                unsaved[1] if unsaved and unsaved[0] == current.unit else tool.memo_of()
            )
            self.speaker_filter.value = tool.speaker or _ALL
            self.code_filter.value = tool.code_filter or _ALL
        self.memo.tooltip = f"Your memo on turn {current.turn}; saved when you leave the box"
        self.codes_heading.value = (
            f'<div role="heading" aria-level="3"><b>Codes on turn {current.turn}</b> '
            f'<span class="qk-note">(tick to apply, untick to remove)</span></div>'
        )
        self.turns.value = self._turns_html()
        self.details.value = self._details_html() if self.details_toggle.value else ""
        progress = tool.progress()
        self.progress_bar.max = max(progress.total, 1)
        self.progress_bar.value = progress.coded
        self.progress_bar.bar_style = "success" if progress.coded == progress.total else "info"
        used = ", ".join(f"{label} ×{count}" for label, count in progress.codes_used)
        self.progress_text.value = (
            f"<span><b>{progress.coded} of {progress.total}</b> participant turns coded · "
            f"{progress.counts}</span>"
            + (f'<div class="qk-note">Codes used: {_e(used)}</div>' if used else "")
        )
        self.undo_button.disabled = not tool.can_undo
        self.undo_button.tooltip = (
            f"Undo: {tool.undo_description} (z)" if tool.can_undo else "Nothing to undo"
        )
        self.previous_button.disabled = not any(
            tool.matches(t) for t in tool.segments[: tool.position]
        )
        self.next_button.disabled = not any(
            tool.matches(t) for t in tool.segments[tool.position + 1 :]
        )
        if self._error:
            status = f'<span class="qk-error">{_e(self._error)}</span>'
        else:
            status = _e(tool.status)
        self.status.value = (
            f'<div class="qk-status" role="status" aria-live="polite">{status}</div>'
        )

    def _turns_html(self) -> str:
        tool = self.tool
        current = tool.current
        rows = []
        for turn in tool.window(self.context):
            classes = ["qk-turn"]
            attributes = 'role="listitem"'
            if turn == current:
                classes.append("qk-current")
                attributes += ' aria-current="true"'
            if tool.is_context(turn):
                classes.append("qk-context")
            session = f"{turn.session_id} " if len(tool.transcripts) > 1 else ""
            memo = bool(tool.memo_of(turn.turn, turn.session_id))
            rows.append(
                f'<div class="{" ".join(classes)}" {attributes} data-turn="{turn.turn}">'
                f'<span class="qk-num">{_e(session)}{turn.turn}</span>'
                f'<span class="qk-speaker">{_e(turn.speaker)}:</span> {_e(turn.text)}'
                f"{_chips(tool.codes_of(turn.turn, turn.session_id), memo)}</div>"
            )
        shown = len(tool.visible())
        total = len(tool.segments)
        filters = []
        if tool.speaker:
            filters.append(f"speaker {tool.speaker}")
        if tool.code_filter:
            filters.append(f"code {tool.code_filter}")
        note = f"Turn {current.turn} of {total}"
        if filters:
            note += f" · showing {shown} turns with " + " and ".join(filters)
            if not tool.matches(current):
                note += " (the current turn does not match)"
        return (
            f'<div class="qk-note">{_e(note)}</div>'
            f'<div class="qk-turns" role="list" aria-label="Turns around the current turn">'
            + "".join(rows)
            + "</div>"
        )

    def _details_html(self) -> str:
        details = self.tool.speaker_details()
        speaker = self.tool.current.speaker
        if not details:
            return f'<div class="qk-note">{_e(speaker)}: no participant record.</div>'
        items = "".join(
            f'<div><span class="qk-note">{_e(name.replace("_", " "))}</span> {_e(value)}</div>'
            for name, value in details.items()
        )
        return (
            f'<div class="qk-details" role="group" aria-label="About {_e(speaker)}">{items}</div>'
        )

    # ------------------------------------------------------------------ programmatic path

    def __getattr__(self, name: str):
        # Only called for names the widget lacks: offer the model's public methods as ours.
        tool = self.__dict__.get("tool")
        if name in _DELEGATED and tool is not None:
            return getattr(tool, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


def code_transcript(
    session_id: str,
    coder: str,
    path: str | PathLike | None = None,
    corpus: Corpus | str | PathLike | None = None,
    *,
    clock: Callable[[], str] = utc_now,
    context: int = 2,
) -> CodingWidget:
    """The coding widget on one session, saving to ``path`` (default ``<coder>.codings.json``).

    ``corpus`` is a loaded corpus, a corpus folder, or None for the kit's own corpus. Reopening
    with the same coder and path resumes the work saved so far. Show the returned widget by
    leaving it as a cell's last expression; grade or analyse with ``qualkit.read_codings(path)``.
    """
    if not isinstance(corpus, Corpus):
        corpus = load_corpus("default" if corpus is None else corpus)
    tool = CodingTool.for_session(session_id, coder, path, corpus, clock=clock)
    return CodingWidget(tool, title=corpus.session(session_id).title, context=context)
