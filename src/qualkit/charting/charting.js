// qualkit's charting view: draws what the Python model sends and reports what the user did.
// No build step: a plain ES module that anywidget loads. Every action is a message to the
// model (qualkit/charting/widget.py); its answer (traits grid, editor, context, status) is drawn.

// h(tag, attrs, ...children) and the instance counter come from dom.js (view_module.py).

function render({ model, el }) {
  const uid = `qc${++instances}-${Math.random().toString(36).slice(2, 7)}`;
  const send = (message) => model.send(message);
  let openKey = ""; // "case|theme" of the cell in the editor
  let dirty = false; // the summary box holds unsaved typing

  // ---------------------------------------------------------------- skeleton
  const progress = h("p", { class: "qc-progress" });
  const head = h("div", { class: "qc-head" },
    h("div", {},
      h("h2", { class: "qc-title", text: model.get("title") }),
      h("p", { class: "qc-sub", text: model.get("subtitle") })),
    progress,
    h("details", { class: "qc-help" }, h("summary", { text: "Keyboard" }),
      h("p", { text: model.get("keys_help") })));
  const table = h("table", { class: "qc-grid" });
  const gridBox = h("div", { class: "qc-gridbox", role: "region", "aria-label": "Chart: cases by themes", tabindex: "-1" }, table);

  const editorTitle = h("h3", { class: "qc-editor-title", id: `${uid}-editor-title` });
  const facts = h("dl", { class: "qc-facts" });
  const factsBox = h("details", { class: "qc-factbox" }, h("summary", { text: "Fact sheet" }), facts);
  const summary = h("textarea", { id: `${uid}-summary`, class: "qc-summary", rows: 5,
    "aria-describedby": `${uid}-count` });
  const count = h("span", { id: `${uid}-count`, class: "qc-count" });
  const saveButton = h("button", { type: "button", class: "qc-button", title: "Save the summary (Ctrl+Enter)" }, "Save summary");
  const writeBox = h("div", { class: "qc-write" },
    editorTitle, factsBox,
    h("label", { for: `${uid}-summary`, class: "qc-label", text: "Summary, in your own words" }),
    summary, h("div", { class: "qc-row" }, count, saveButton));
  const candidatesLegend = h("legend", { class: "qc-label" });
  const candidates = h("fieldset", { class: "qc-candidates" }, candidatesLegend);
  const contextList = h("ol", { class: "qc-context-list" });
  const contextBox = h("section", { class: "qc-context", "aria-label": "Turn in context", tabindex: "0" },
    h("h4", { class: "qc-label", text: "In context" }), contextList);
  const editor = h("section", { class: "qc-editor", "aria-labelledby": `${uid}-editor-title` },
    writeBox, candidates, contextBox);
  const status = h("p", { class: "qc-status", role: "status", "aria-live": "polite" });
  const error = h("p", { class: "qc-error", role: "alert" });
  // data-lm-suppress-shortcuts: keys pressed in the view are ours, not the notebook's.
  const root = h("div", { class: "qualkit-charting", "data-lm-suppress-shortcuts": "true" }, head, gridBox, editor, h("div", { class: "qc-foot" }, status, error));
  el.append(root);

  // ---------------------------------------------------------------- grid
  const cellButtons = () => [...table.querySelectorAll("button.qc-cell")];

  function drawGrid() {
    const grid = model.get("grid");
    const themes = grid.themes || [];
    const focused = document.activeElement && document.activeElement.closest ? document.activeElement.closest("button.qc-cell") : null;
    const focusKey = focused && table.contains(focused) ? focused.dataset.key : null;
    const cellButton = (c, cell) => {
      const key = `${c.id}|${cell.theme}`;
      const said = cell.charted ? `${cell.words} words, ${cell.turns} turns` : "not charted";
      return h("button", {
        type: "button",
        class: `qc-cell${cell.charted ? " qc-charted" : ""}${key === openKey ? " qc-open" : ""}`,
        "data-key": key, tabindex: "-1",
        "data-lm-suppress-shortcuts": "true", // Notebook 7 matches the focused element itself
        "aria-label": `${c.name} (${c.id}), ${cell.theme}: ${said}`,
        "aria-pressed": key === openKey ? "true" : "false",
        onclick: () => openCell(c.id, cell.theme),
      },
      h("span", { class: "qc-preview", text: cell.preview || "—" }),
      cell.charted ? h("span", { class: "qc-turns", text: cell.turns === 1 ? "1 turn" : `${cell.turns} turns` }) : null);
    };
    const caseRow = (c) => h("tr", {},
      h("th", { scope: "row", class: "qc-case" },
        h("span", { class: "qc-name", text: c.name }),
        h("span", { class: "qc-id", text: ` ${c.id} · ${c.sessions}` })),
      c.cells.map((cell) => h("td", {}, cellButton(c, cell))));
    const thead = h("thead", {}, h("tr", {},
      h("th", { scope: "col", text: "Case" }),
      themes.map((t) => h("th", { scope: "col", title: `Codes: ${t.codes}`, text: t.name }))));
    const bodies = (grid.groups || []).map((group) => h("tbody", {},
      h("tr", { class: "qc-group" },
        h("th", { scope: "rowgroup", colspan: themes.length + 1, text: group.label })),
      group.cases.map(caseRow)));
    table.replaceChildren(thead, ...bodies);
    const buttons = cellButtons();
    const current = buttons.find((b) => b.dataset.key === (focusKey || openKey)) || buttons[0];
    if (current) current.tabIndex = 0;
    if (focusKey && current) current.focus();
    const p = grid.progress || { charted: 0, total: 0 };
    progress.textContent = `${p.charted} of ${p.total} cells charted`;
  }

  function openCell(caseId, theme) {
    saveSummary(); // typing in the cell left behind is saved first
    send({ type: "open", case: caseId, theme });
  }

  table.addEventListener("keydown", (event) => {
    const button = event.target.closest("button.qc-cell");
    if (!button) return;
    const rows = [...table.querySelectorAll("tbody tr:not(.qc-group)")];
    const row = rows.indexOf(button.closest("tr"));
    const col = [...button.closest("tr").querySelectorAll("button.qc-cell")].indexOf(button);
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (event.key in moves) {
      event.preventDefault();
      event.stopPropagation();
      const [dr, dc] = moves[event.key];
      const target = rows[row + dr] && rows[row + dr].querySelectorAll("button.qc-cell")[col + dc];
      if (target) {
        for (const b of cellButtons()) b.tabIndex = -1;
        target.tabIndex = 0;
        target.focus();
      }
    }
  });

  // ---------------------------------------------------------------- editor
  let pause = null; // typing is saved once it pauses, so a closed tab loses at most a moment
  function saveSummary() {
    clearTimeout(pause);
    if (!dirty || !openKey) return;
    dirty = false;
    send({ type: "summary", text: summary.value });
  }
  summary.addEventListener("input", () => {
    dirty = true;
    const n = summary.value.trim() ? summary.value.trim().split(/\s+/).length : 0;
    count.textContent = `${n} words (not saved yet)`;
    clearTimeout(pause);
    pause = setTimeout(saveSummary, 2000);
  });
  summary.addEventListener("blur", saveSummary);
  summary.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      saveSummary();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      backToGrid();
    }
  });
  saveButton.addEventListener("click", saveSummary);
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && event.target !== summary) {
      event.stopPropagation();
      backToGrid();
    }
  });

  function backToGrid() {
    saveSummary();
    const button = cellButtons().find((b) => b.dataset.key === openKey);
    if (button) {
      for (const b of cellButtons()) b.tabIndex = -1;
      button.tabIndex = 0;
      button.focus();
    }
  }

  function drawEditor() {
    const e = model.get("editor");
    const key = e.case ? `${e.case}|${e.theme}` : "";
    editor.hidden = !key;
    if (!key) return;
    const moved = key !== openKey;
    openKey = key;
    editorTitle.textContent = `${e.name} (${e.case}) × ${e.theme}`;
    facts.replaceChildren(
      h("dt", { text: "model" }), h("dd", { text: e.model }),
      h("dt", { text: "sessions" }), h("dd", { text: e.sessions }),
      ...e.facts.flatMap(([k, v]) => [h("dt", { text: k }), h("dd", { text: v })]));
    if (moved || !dirty) {
      summary.value = e.summary;
      dirty = false;
    }
    if (!dirty) count.textContent = `${e.words} words saved`;
    candidatesLegend.textContent = e.candidates.length
      ? `Turns it rests on (her turns coded ${e.codes})`
      : `No turn of hers is coded ${e.codes}`;
    // The list is drawn anew: focus goes back to the box or button that had it.
    const active = document.activeElement;
    const focusedId = active && candidates.contains(active) && active.dataset ? active.dataset.turn : null;
    const focusedTag = focusedId ? active.tagName.toLowerCase() : "";
    candidates.replaceChildren(candidatesLegend, h("ul", { class: "qc-cand-list" },
      e.candidates.map((c) => {
        const id = `${uid}-t-${c.session}-${c.turn}`;
        const box = h("input", { type: "checkbox", id, "data-turn": c.id, checked: c.picked,
          onchange: (ev) => send({ type: "pick", id: c.id, on: ev.target.checked }) });
        return h("li", { class: "qc-cand" },
          h("div", { class: "qc-row" }, box,
            h("label", { for: id, class: "qc-cand-label", text: `${c.session} turn ${c.turn}` }),
            h("span", { class: "qc-codes", text: c.codes.join(", ") }),
            h("button", { type: "button", class: "qc-button qc-small", "data-turn": c.id,
              "aria-label": `${c.session} turn ${c.turn} in context`,
              onclick: () => send({ type: "show", id: c.id }) }, "In context")),
          h("p", { class: "qc-cand-text", text: c.text }));
      })));
    if (focusedId) {
      const again = candidates.querySelector(`${focusedTag}[data-turn="${CSS.escape(focusedId)}"]`);
      if (again) again.focus();
    }
    if (moved) summary.focus();
    drawGrid();
  }

  function drawContext() {
    const c = model.get("context");
    contextBox.hidden = !c.id;
    if (!c.id) return;
    contextList.replaceChildren(...c.turns.map((t) => h("li", {
      class: t.shown ? "qc-shown" : "", value: t.turn, "aria-current": t.shown ? "true" : false,
    }, h("strong", { text: `${t.speaker}: ` }), t.text)));
    const shown = contextList.querySelector(".qc-shown");
    if (shown) shown.scrollIntoView({ block: "nearest" });
  }

  const drawStatus = () => {
    status.textContent = model.get("status");
    error.textContent = model.get("error");
  };

  model.on("change:grid", drawGrid);
  model.on("change:editor", drawEditor);
  model.on("change:context", drawContext);
  model.on("change:status", drawStatus);
  model.on("change:error", drawStatus);
  drawGrid();
  drawEditor();
  drawContext();
  drawStatus();
  return () => saveSummary();
}

export default { render };
