// What every qualkit view uses, put before each view's own module by view_module.py.

// h("p", { class: "x", text: "hi", onclick: f }, child, ...): an element, its attributes set
// (false, null and undefined leave one out; true sets it empty), its children appended.
const h = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
};

let instances = 0;
