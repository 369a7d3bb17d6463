// qualkit's coding view: draws what the Python model sends and reports what the user did.
// No build step: a plain ES module that anywidget loads. It makes no decision about codings;
// every action is a message to the model (qualkit/widget/coding_widget.py), and the model's
// answer (traits "state", "marks", "codebook") is what gets drawn.

// h(tag, attrs, ...children) and the instance counter come from dom.js (view_module.py).

function render({ model, el }) {
  const uid = `qk${++instances}-${Math.random().toString(36).slice(2, 7)}`;
  const send = (message) => model.send(message);
  const turns = model.get("turns");
  const turnEls = new Map(); // turn id -> <li>
  const drawnMarks = new Map(); // turn id -> JSON of what was drawn
  const ticked = new Set(); // codes ticked to apply (what the user is about to do)
  let lastState = {};
  let memoDirty = false;
  let memoTurn = null;

  // ---------------------------------------------------------------- skeleton
  const progress = h("progress", { class: "qk-progress", "aria-label": "Participant turns coded" });
  const progressText = h("span", { class: "qk-progress-text" });
  const help = h("details", { class: "qk-help" }, h("summary", { text: "Keyboard" }),
    h("p", { text: model.get("keys_help"), tabindex: 0 }));
  const head = h(
    "div",
    { class: "qk-head" },
    h("div", { class: "qk-titles" },
      h("h2", { class: "qk-title", text: model.get("title") }),
      h("p", { class: "qk-sub", text: model.get("subtitle") })),
    h("div", { class: "qk-progress-box" }, progress, progressText),
    help,
  );

  // The visible text is the accessible name; the title says more (and names the key).
  const button = (text, title, onclick) =>
    h("button", { type: "button", class: "qk-button", title, onclick }, text);
  const previousButton = button("↑ Previous", "Previous turn (↑)", () => send({ type: "previous" }));
  const nextButton = button("↓ Next", "Next turn (↓)", () => send({ type: "next" }));
  const uncodedButton = button("Next uncoded", "Next participant turn without a code", () => send({ type: "uncoded" }));
  const turnBox = h("input", { type: "number", min: 1, id: `${uid}-turn`, class: "qk-turnbox" });
  turnBox.addEventListener("keydown", (event) => {
    // ↓ goes forward, as in the transcript (a number box would count down).
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      send({ type: event.key === "ArrowDown" ? "next" : "previous" });
    } else if (event.key === "Enter") {
      event.preventDefault();
      send({ type: "go", turn: Number(turnBox.value) });
    }
  });
  const search = h("input", { type: "search", id: `${uid}-search`, class: "qk-search", placeholder: "then Enter" });
  const speakerSelect = h("select", { id: `${uid}-speaker` });
  const codeSelect = h("select", { id: `${uid}-code` });
  const sendFilter = () =>
    send({ type: "filter", speaker: speakerSelect.value, code: codeSelect.value, query: search.value });
  search.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); sendFilter(); } });
  search.addEventListener("search", sendFilter);
  speakerSelect.addEventListener("change", sendFilter);
  codeSelect.addEventListener("change", sendFilter);
  speakerSelect.append(h("option", { value: "", text: "all speakers" }),
    ...model.get("speakers").map((s) => h("option", { value: s, text: s })));
  const field = (label, control) =>
    h("span", { class: "qk-field" }, h("label", { for: control.id, text: label }), control);
  const bar = h("div", { class: "qk-bar", role: "group", "aria-label": "Move and filter" },
    previousButton, nextButton, uncodedButton, field("Turn", turnBox), field("Search", search),
    field("Speaker", speakerSelect), field("Code", codeSelect));

  // The transcript: every turn, scrolling; stripes in the left margin.
  const shownNote = h("div", { class: "qk-note qk-shown", "aria-live": "polite" });
  const list = h("ol", { class: "qk-transcript", "aria-label": "Transcript", id: `${uid}-list` });
  const fragment = document.createDocumentFragment();
  turns.forEach((turn, index) => {
    const item = h("li", {
      class: "qk-turn" + (turn.context ? " qk-context" : ""),
      id: `${uid}-t${index}`,
      tabindex: -1,
      "data-lm-suppress-shortcuts": "true", // the notebook matches the focused element itself
      "data-turn": turn.id,
      "data-index": index,
    },
      h("div", { class: "qk-stripes" }),
      h("div", { class: "qk-body" },
        h("span", { class: "qk-num", text: turn.n }),
        h("span", { class: "qk-speaker", text: `${turn.speaker}:` }), " ",
        h("span", { class: "qk-text", text: turn.text }),
        h("span", { class: "qk-chips" })));
    turnEls.set(turn.id, item);
    fragment.append(item);
  });
  list.append(fragment);
  const transcript = h("section", { class: "qk-transcript-box", "aria-label": "Transcript" }, shownNote, list);

  // The codebook: focus categories open, others collapsed; a filter box; definitions.
  const codeFind = h("input", { type: "search", id: `${uid}-find`, class: "qk-find", placeholder: "type part of a label" });
  const categories = h("div", { class: "qk-categories" });
  const addForm = buildAddForm();
  const codebookPanel = h("aside", { class: "qk-codebook", "aria-label": "Codebook" },
    h("h3", { class: "qk-h3", text: "Codebook" }),
    h("div", { class: "qk-find-row" }, h("label", { for: codeFind.id, text: "Find a code" }), codeFind),
    categories, addForm);
  codeFind.addEventListener("input", filterCodes);

  // Machine suggestions (only when the lesson or the instructor turns them on): drawn at the
  // top of the codebook panel; nothing is applied unless she presses Accept or Use instead.
  const suggestPanel = h("section", { class: "qk-suggestions", "aria-labelledby": `${uid}-sugh` });
  let suggestShown = null; // JSON of what was drawn

  const main = h("div", { class: "qk-main" }, transcript, codebookPanel);

  // What to do with a selection or a picked coding.
  const actionText = h("span", { class: "qk-action-text" });
  const applyButton = button("Apply ticked codes", "Apply the ticked codes to the selection, or to the whole turn (Enter)", () => applyTicked(false));
  const wholeButton = button("Whole turn", "Apply the ticked codes to the whole current turn (W)", () => applyTicked(true));
  const clearButton = button("Clear", "Clear the selection (Esc)", () => send({ type: "clear" }));
  const removeButton = button("Remove coding", "Remove the picked coding", () => send({ type: "remove_picked" }));
  const codingMemo = h("input", { type: "text", id: `${uid}-cmemo`, class: "qk-cmemo", placeholder: "a note on this coding" });
  codingMemo.addEventListener("change", () => send({ type: "coding_memo", text: codingMemo.value }));
  const codingMemoField = field("Coding memo", codingMemo);
  const actions = h("div", { class: "qk-actions", role: "group", "aria-label": "Selection" },
    actionText, applyButton, wholeButton, clearButton, removeButton, codingMemoField);

  // Always on screen: the turn memo, undo, the command box and the status line.
  const memo = h("textarea", { id: `${uid}-memo`, class: "qk-memo", rows: 2, placeholder: "An analytic memo on this turn (saved when you leave the box)" });
  const memoLabel = h("label", { for: memo.id, class: "qk-memo-label" });
  memo.addEventListener("input", () => { memoDirty = true; });
  memo.addEventListener("change", () => send({ type: "memo", text: memo.value }));
  const undoButton = button("Undo", "Undo", () => send({ type: "undo" }));
  const command = h("input", { type: "text", id: `${uid}-command`, class: "qk-command", placeholder: "n, p, u, 12, or a code label — then Enter" });
  command.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      const text = command.value;
      command.value = "";
      if (text.trim()) send({ type: "command", text });
    }
  });
  const status = h("div", { class: "qk-status", role: "status", "aria-live": "polite" });
  const foot = h("div", { class: "qk-foot" },
    h("div", { class: "qk-memo-box" }, memoLabel, memo),
    h("div", { class: "qk-foot-right" },
      h("div", { class: "qk-foot-row" }, undoButton, field("Command", command)),
      status));
  // data-lm-suppress-shortcuts: keys pressed in the widget are ours, not the notebook's
  // (↓ would otherwise move to the next cell in command mode).
  const root = h("div", { class: "qualkit-coding", role: "region", "aria-label": model.get("title"), "data-lm-suppress-shortcuts": "true" },
    head, bar, main, actions, foot);
  el.append(root);
  // The Keyboard panel takes its room from the transcript, so the controls stay on screen.
  help.addEventListener("toggle", () => {
    root.classList.toggle("qk-help-open", help.open);
    placeStripes();
  });

  // Enter applies the ticked codes wherever focus is in the tool (on a code's checkbox just
  // ticked, in the transcript, on the tool itself), except where Enter has a meaning of its
  // own: a button, a text or number box, a list, a folding summary, the new-code form.
  root.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.defaultPrevented || event.isComposing) return;
    if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    const target = event.target;
    if (target.closest("button, textarea, select, summary, a, form, .qk-help")) return;
    if (target.matches("input") && target.type !== "checkbox") return;
    event.preventDefault();
    event.stopPropagation();
    applyTicked(false);
  });

  // ---------------------------------------------------------------- codebook
  function buildAddForm() {
    const input = (name, label, area = false) => {
      const control = h(area ? "textarea" : "input", { id: `${uid}-new-${name}`, name, rows: area ? 2 : null, type: area ? null : "text" });
      return [control, h("label", { for: control.id, text: label }), control];
    };
    const parts = [["label", "Label (UPPER_SNAKE)"], ["brief", "Brief definition"], ["full", "Full definition", true],
      ["use", "When to use", true], ["not", "When not to use", true], ["example", "Example", true]].map((a) => input(...a));
    const category = h("select", { id: `${uid}-new-category`, name: "category" });
    const add = h("button", { type: "submit", class: "qk-button qk-primary", text: "Add code" });
    const form = h("form", { class: "qk-add-form" },
      parts[0][1], parts[0][2], h("label", { for: category.id, text: "Category" }), category,
      ...parts.slice(1).flatMap((p) => [p[1], p[2]]), add);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const fields = Object.fromEntries(parts.map((p) => [p[0].name, p[0].value]));
      fields.category = category.value;
      send({ type: "add_code", fields });
    });
    form.categorySelect = category;
    form.controls = parts.map((p) => p[0]);
    return h("details", { class: "qk-add" }, h("summary", { text: "Add a new code" }), form);
  }

  function drawCodebook() {
    const book = model.get("codebook");
    const open = new Set([...categories.querySelectorAll("details[open]")].map((d) => d.dataset.id));
    const first = categories.childElementCount === 0;
    categories.replaceChildren();
    for (const category of book.categories) {
      const rows = category.codes.map((code) => {
        const box = h("input", { type: "checkbox", id: `${uid}-c-${code.label}`, "data-code": code.label });
        box.checked = ticked.has(code.label);
        box.addEventListener("change", () => (box.checked ? ticked.add(code.label) : ticked.delete(code.label)));
        const definition = h("div", { class: "qk-def", id: `${uid}-d-${code.label}`, hidden: true },
          h("p", {}, h("b", { text: "Definition: " }), code.full),
          h("p", {}, h("b", { text: "Use when: " }), code.use),
          h("p", {}, h("b", { text: "Do not use when: " }), code.not),
          h("p", {}, h("b", { text: "Example: " }), h("i", { text: code.example })));
        const info = h("button", {
          type: "button", class: "qk-info", "aria-expanded": "false", "aria-controls": definition.id,
          "aria-label": `Definition of ${code.label}`, title: `Definition of ${code.label}`, text: "?",
        });
        info.addEventListener("click", () => {
          const shown = definition.hidden;
          definition.hidden = !shown;
          info.setAttribute("aria-expanded", String(shown));
        });
        return h("div", { class: "qk-code", "data-code": code.label, "data-search": `${code.label} ${code.brief}`.toLowerCase() },
          h("div", { class: "qk-code-row" },
            box,
            h("label", { for: box.id, class: "qk-code-label" },
              h("span", { class: `qk-swatch qk-p-${code.pattern}`, style: `--line:${code.line};--tint:${code.tint};--hatch:${code.hatch}` }),
              h("span", { class: "qk-label", text: code.label }),
              h("span", { class: "qk-on", text: " ✓ on turn" }),
              h("span", { class: "qk-brief", text: ` — ${code.brief}` })),
            info),
          definition);
      });
      const details = h("details", { "data-id": category.id, class: category.focus ? "qk-focus" : "qk-other" },
        h("summary", {}, h("span", { text: category.label }), h("span", { class: "qk-note", text: ` (${category.codes.length})` })),
        h("p", { class: "qk-note qk-cat-desc", text: category.description }), ...rows);
      details.open = first ? category.focus : open.has(category.id) || category.focus && !categories.dataset.touched;
      details.addEventListener("toggle", () => { categories.dataset.touched = "1"; });
      categories.append(details);
    }
    codeSelect.replaceChildren(h("option", { value: "", text: "any code" }),
      ...book.labels.map((label) => h("option", { value: label, text: label })));
    const form = addForm.querySelector("form");
    form.categorySelect.replaceChildren(...book.categories.map((c) => h("option", { value: c.id, text: c.label })));
    const label = form.controls[0].value.trim().toUpperCase().split(/\s+/).join("_");
    if (label && book.labels.includes(label)) form.controls.forEach((c) => { c.value = ""; });
    filterCodes();
    markCurrentCodes();
  }

  // Finding a code opens every category with a match; clearing the box folds them back.
  let openBeforeFind = null;
  function filterCodes() {
    const words = codeFind.value.trim().toLowerCase();
    const all = [...categories.querySelectorAll("details")];
    if (words && openBeforeFind === null) openBeforeFind = new Set(all.filter((d) => d.open));
    for (const row of categories.querySelectorAll(".qk-code")) {
      row.hidden = words !== "" && !row.dataset.search.includes(words);
    }
    for (const details of all) {
      const any = details.querySelector(".qk-code:not([hidden])");
      details.hidden = !any;
      if (words && any) details.open = true;
      if (!words && openBeforeFind !== null) details.open = openBeforeFind.has(details);
    }
    if (!words) openBeforeFind = null;
  }

  function markCurrentCodes() {
    const on = new Set(lastState.current_codes || []);
    for (const row of categories.querySelectorAll(".qk-code")) {
      row.classList.toggle("qk-carried", on.has(row.dataset.code));
    }
  }

  function applyTicked(whole) {
    send({ type: whole ? "whole" : "apply", codes: [...ticked] });
    ticked.clear();
    for (const box of categories.querySelectorAll("input[type=checkbox]")) box.checked = false;
  }

  // ---------------------------------------------------------------- transcript
  // A pattern's texture over a highlight's tint, and its line under the words (or in a stack
  // of lines when several codes cover them), so that codes of one hue never look alike.
  const TEXTURES = {
    solid: null,
    dashed: (c) => [`repeating-linear-gradient(135deg, ${c} 0 1.5px, transparent 1.5px 6px)`, "auto"],
    dotted: (c) => [`radial-gradient(circle, ${c} 0 1.4px, transparent 1.6px)`, "5px 5px"],
    double: (c) => [`repeating-linear-gradient(0deg, ${c} 0 1px, transparent 1px 4px)`, "auto"],
    wavy: (c) => [`repeating-linear-gradient(45deg, ${c} 0 1.5px, transparent 1.5px 6px)`, "auto"],
    striped: (c) => [`repeating-linear-gradient(90deg, ${c} 0 1.5px, transparent 1.5px 6px)`, "auto"],
  };
  const DASHES = { solid: [], dashed: [6, 3], dotted: [2, 2], double: [10, 2, 2, 2], wavy: [4, 2, 1, 2], striped: [1, 1] };
  const lineOf = (coding) => {
    const dashes = DASHES[coding.pattern] || [];
    if (!dashes.length) return `linear-gradient(${coding.line}, ${coding.line})`;
    let at = 0;
    const stops = dashes.map((length, k) => {
      const colour = k % 2 ? "transparent" : coding.line;
      const stop = `${colour} ${at}px ${at + length}px`;
      at += length;
      return stop;
    });
    return `repeating-linear-gradient(90deg, ${stops.join(", ")})`;
  };

  // Scroll the transcript (only it, never the notebook) so that a turn is wholly in view.
  function reveal(item) {
    if (!item) return;
    const top = item.offsetTop, bottom = top + item.offsetHeight;
    if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight;
    if (top < list.scrollTop) list.scrollTop = top;
  }

  function drawMarks() {
    const marks = model.get("marks");
    for (const [id, item] of turnEls) {
      const mark = marks[id];
      const json = mark ? JSON.stringify(mark) : "";
      if (drawnMarks.get(id) === json) continue;
      drawnMarks.set(id, json);
      drawTurn(item, mark);
    }
    placeStripes();
    reveal(turnEls.get(lastState.current)); // a turn grows when it gets its first chips
  }

  function drawTurn(item, mark) {
    const text = item.querySelector(".qk-text");
    const chips = item.querySelector(".qk-chips");
    const stripes = item.querySelector(".qk-stripes");
    const turn = turns[Number(item.dataset.index)];
    stripes.replaceChildren();
    chips.replaceChildren();
    item.classList.toggle("qk-coded", Boolean(mark && mark.codings.length));
    if (!mark) { text.replaceChildren(turn.text); return; }
    const index = new Map(mark.codings.map((c, i) => [c.id, i]));
    text.replaceChildren(...mark.pieces.map(([piece, covering, selected]) => {
      if (!covering.length && !selected) return piece;
      const node = h("mark", { class: "qk-hl" + (selected ? " qk-sel" : "") }, piece);
      if (covering.length) {
        const codings = covering.map((id) => mark.codings[index.get(id)]);
        const first = codings[0];
        node.dataset.c = covering.map((id) => index.get(id)).join(" ");
        node.classList.add(`qk-p-${first.pattern}`);
        node.style.setProperty("--tint", first.tint);
        node.style.setProperty("--line", first.line);
        node.style.textDecorationStyle = first.pattern === "striped" ? "dashed" : first.pattern;
        // Further codes on the same words: one thin line each in its own dashes, stacked under
        // the text; under them all, the first code's texture.
        const layers = codings.slice(1).map((c, k) => [lineOf(c), "100% 2px", `0 calc(100% - ${3 * k}px)`, "no-repeat"]);
        const texture = TEXTURES[first.pattern] && TEXTURES[first.pattern](first.hatch);
        if (texture) layers.push([texture[0], texture[1], "0 0", "repeat"]);
        node.style.backgroundImage = layers.map((l) => l[0]).join(", ");
        node.style.backgroundSize = layers.map((l) => l[1]).join(", ");
        node.style.backgroundPosition = layers.map((l) => l[2]).join(", ");
        node.style.backgroundRepeat = layers.map((l) => l[3]).join(", ");
        node.style.paddingBottom = codings.length > 1 ? `${3 * (codings.length - 1)}px` : "";
        node.title = codings.map((c) => `${c.code} (${c.pattern}, ${c.coder})`).join(", ");
        // Named for screen readers where the coded words begin and end (CSS ::before/::after).
        node.dataset.label = codings.map((c) => c.code).join(", ");
        if (codings.some((c) => c.picked)) node.classList.add("qk-picked");
      }
      return node;
    }));
    mark.codings.forEach((coding, i) => {
      const look = `--line:${coding.line};--tint:${coding.tint};--hatch:${coding.hatch}`;
      const chip = h("button", {
        type: "button", class: "qk-chip" + (coding.picked ? " qk-picked" : ""), "data-i": i,
        tabindex: -1, style: look,
        "aria-label": `${coding.label}${coding.memo ? " (memo)" : ""}. Pick to remove or write a memo.`,
        title: coding.label,
      }, h("span", { class: `qk-swatch qk-p-${coding.pattern}`, style: look }),
        coding.code + (coding.whole ? " (turn)" : ""));
      chips.append(chip);
      stripes.append(h("div", {
        class: `qk-stripe qk-p-${coding.pattern}` + (coding.picked ? " qk-picked" : ""), "data-i": i,
        role: "img", "aria-label": coding.label,
        style: `${look};--lane:${coding.lane}`, title: coding.label,
      }));
    });
    if (mark.memo) chips.append(h("span", { class: "qk-chip qk-memo-chip", text: "memo" }));
  }

  function placeStripes() {
    // Measure everything first, then move the stripes: mixing the two would make the
    // browser lay the page out again for every stripe.
    const moves = [];
    for (const item of turnEls.values()) {
      const stripes = item.querySelectorAll(".qk-stripe");
      if (!stripes.length || item.hidden) continue;
      const box = item.getBoundingClientRect();
      for (const stripe of stripes) {
        const pieces = item.querySelectorAll(`mark[data-c~="${stripe.dataset.i}"]`);
        let top = 4, bottom = box.height - 4;
        if (pieces.length) {
          top = Infinity; bottom = -Infinity;
          for (const piece of pieces) {
            for (const rect of piece.getClientRects()) {
              top = Math.min(top, rect.top - box.top);
              bottom = Math.max(bottom, rect.bottom - box.top);
            }
          }
        }
        moves.push([stripe, top, Math.max(bottom - top, 6)]);
      }
    }
    for (const [stripe, top, height] of moves) {
      stripe.style.top = `${top}px`;
      stripe.style.height = `${height}px`;
    }
  }

  // A drag ends in a click on the words it ends on: that click must not pick the highlight
  // there (it would drop the selection just made).
  let dragged = false;
  list.addEventListener("mousedown", () => { dragged = false; });
  list.addEventListener("mouseup", () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed) return;
    const textOf = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest(".qk-text");
    const a = textOf(selection.anchorNode), b = textOf(selection.focusNode);
    if (!a || !b) return;
    const offset = (root, node, at) => {
      const range = document.createRange();
      range.selectNodeContents(root);
      range.setEnd(node, at);
      return range.toString().length; // UTF-16 units, as the browser counts; Python converts
    };
    send({
      type: "select",
      from: a.closest(".qk-turn").dataset.turn,
      to: b.closest(".qk-turn").dataset.turn,
      start: offset(a, selection.anchorNode, selection.anchorOffset),
      end: offset(b, selection.focusNode, selection.focusOffset),
    });
    dragged = true;
    selection.removeAllRanges();
  });

  list.addEventListener("click", (event) => {
    const target = event.target;
    const item = target.closest(".qk-turn");
    if (dragged) { dragged = false; return; }
    if (!item || !window.getSelection().isCollapsed) return;
    const marks = model.get("marks")[item.dataset.turn];
    const chip = target.closest(".qk-chip[data-i], .qk-stripe");
    const hl = target.closest("mark[data-c]");
    if (marks && (chip || hl)) {
      const i = chip ? Number(chip.dataset.i) : Number(hl.dataset.c.split(" ")[0]);
      send({ type: "pick", id: marks.codings[i].id });
    } else if (item.dataset.turn !== lastState.current) {
      send({ type: "goto", id: item.dataset.turn });
    }
  });

  list.addEventListener("keydown", (event) => {
    const keys = {
      ArrowDown: () => send({ type: "next" }),
      ArrowUp: () => send({ type: "previous" }),
      Enter: () => applyTicked(false),
      Escape: () => send({ type: "clear" }),
      w: () => applyTicked(true),
      W: () => applyTicked(true),
    };
    if (event.target.closest(".qk-chip")) { if (event.key !== "Escape") return; }
    let action = keys[event.key];
    if (event.shiftKey && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
      action = () => send({ type: "extend", by: event.key === "ArrowRight" ? 1 : -1 });
    }
    if (action) { event.preventDefault(); event.stopPropagation(); action(); }
  });

  // ---------------------------------------------------------------- state
  function drawState() {
    const state = model.get("state");
    const moved = state.current !== lastState.current;
    const focusInList = list.contains(document.activeElement);
    for (const [id, item] of turnEls) {
      const current = id === state.current;
      item.classList.toggle("qk-current", current);
      if (current) item.setAttribute("aria-current", "true"); else item.removeAttribute("aria-current");
      item.tabIndex = current ? 0 : -1;
      for (const chip of item.querySelectorAll("button.qk-chip")) chip.tabIndex = current ? 0 : -1;
    }
    const shown = state.shown ? new Set(state.shown) : null;
    turnEls.forEach((item, id) => { item.hidden = shown !== null && !shown.has(Number(item.dataset.index)); });
    const current = turnEls.get(state.current);
    if (moved || (state.shown || []).length !== (lastState.shown || []).length) {
      placeStripes();
      reveal(current);
    }
    if (moved && focusInList) current.focus({ preventScroll: true });
    shownNote.textContent = [`Turn ${state.number} of ${state.turns_in_session}`, state.shown_text].filter(Boolean).join(" · ");
    turnBox.value = state.number;
    turnBox.max = state.turns_in_session;
    speakerSelect.value = state.speaker;
    codeSelect.value = state.code_filter;
    if (document.activeElement !== search) search.value = state.query;
    progress.max = Math.max(state.progress.total, 1);
    progress.value = state.progress.coded;
    progressText.replaceChildren(h("b", { text: state.progress.text }), ` · ${state.progress.counts}`);
    progressText.title = state.progress.used ? `Codes used: ${state.progress.used}` : "";
    previousButton.disabled = !state.has_previous;
    nextButton.disabled = !state.has_next;
    undoButton.disabled = !state.can_undo;
    undoButton.title = state.can_undo ? `Undo: ${state.undo}` : "Nothing to undo";
    memoLabel.textContent = `Memo on turn ${state.number}`;
    const keepMemo = memoDirty && !moved && state.error && memoTurn === state.current;
    if (!keepMemo && document.activeElement !== memo) { memo.value = state.memo; memoDirty = false; }
    if (!keepMemo && moved) { memo.value = state.memo; memoDirty = false; }
    memoTurn = state.current;
    status.replaceChildren(state.error ? h("span", { class: "qk-error", text: state.error }) : state.status);
    // The action bar: what is selected or picked, and what can be done with it.
    const sel = state.selection, picked = state.picked;
    if (picked) {
      actionText.replaceChildren(h("b", { text: picked.code }), ` by ${picked.coder} on ${picked.where} (turn ${picked.number})`);
      if (document.activeElement !== codingMemo) codingMemo.value = picked.memo;
    } else if (sel) {
      actionText.replaceChildren("Selected ", h("b", { text: sel.words }), ` in turn ${sel.number}: tick codes, then Apply (Enter).`);
    } else {
      actionText.textContent = `No text selected: drag over words (or Shift+→ in the transcript) to select a span; Apply codes the whole turn ${state.number}.`;
    }
    clearButton.hidden = !sel && !picked;
    removeButton.hidden = codingMemoField.hidden = !picked;
    applyButton.hidden = wholeButton.hidden = Boolean(picked);
    drawSuggestions(state.suggestions);
    lastState = state;
    markCurrentCodes();
  }

  function drawSuggestions(panel) {
    const drawn = JSON.stringify(panel);
    if (drawn === suggestShown) return;
    suggestShown = drawn;
    if (!panel) { suggestPanel.remove(); return; }
    if (!suggestPanel.isConnected) codebookPanel.prepend(suggestPanel);
    const heading = h("h3", { class: "qk-h3", id: `${uid}-sugh`, text: `Machine suggestions for turn ${panel.turn}` });
    const note = h("p", { class: "qk-note", text: "Nothing is applied unless you apply it; what you decide is saved in your coding file." });
    const items = panel.items.map((item, index) => {
      const label = `${item.code}, score ${item.score}`;
      const decided = item.decision
        ? h("span", { class: "qk-decision", text: item.decision === "changed" ? `changed to ${item.applied}` : item.decision })
        : null;
      const evidence = h("details", { class: "qk-evidence" }, h("summary", { text: "Evidence" }),
        h("ul", {}, item.evidence.map((e) =>
          h("li", {}, h("b", { text: `${e.kind}${e.where ? " (" + e.where + ")" : ""}, ${e.similarity}: ` }), e.text))));
      const other = h("select", { id: `${uid}-sug${index}`, "aria-label": `Code to apply instead of ${item.code}` },
        h("option", { value: "", text: "use instead…" }),
        ...[...categories.querySelectorAll("input[type=checkbox]")].map((box) =>
          h("option", { value: box.dataset.code, text: box.dataset.code })));
      other.addEventListener("change", () => {
        if (other.value) send({ type: "change_suggestion", code: item.code, to: other.value });
      });
      return h("li", { class: "qk-suggestion" + (item.decision ? " qk-decided" : ""), "data-code": item.code },
        h("div", { class: "qk-suggestion-head" }, h("b", { text: item.code }), ` ${item.score}`, decided),
        h("div", { class: "qk-note qk-brief", text: item.brief }),
        h("div", { class: "qk-suggestion-actions" },
          h("button", { type: "button", class: "qk-button", title: `Apply ${item.code} to turn ${panel.turn}`, "aria-label": `Accept ${label}`,
            onclick: () => send({ type: "accept_suggestion", code: item.code }) }, "Accept"),
          h("button", { type: "button", class: "qk-button", title: `Apply nothing; record that you rejected ${item.code}`, "aria-label": `Reject ${label}`,
            onclick: () => send({ type: "reject_suggestion", code: item.code }) }, "Reject"),
          other),
        evidence);
    });
    suggestPanel.replaceChildren(heading, note,
      items.length ? h("ol", { class: "qk-suggestion-list" }, items) : h("p", { class: "qk-note", text: "No suggestion for this turn." }));
  }

  const onCodebook = () => { drawCodebook(); drawMarks(); };
  model.on("change:codebook", onCodebook);
  model.on("change:marks", drawMarks);
  model.on("change:state", drawState);
  const resize = new ResizeObserver(() => placeStripes());
  resize.observe(list);
  drawCodebook();
  drawState();
  drawMarks();
  return () => {
    resize.disconnect();
    model.off("change:codebook", onCodebook);
    model.off("change:marks", drawMarks);
    model.off("change:state", drawState);
  };
}

export default { render };
