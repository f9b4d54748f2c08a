// The propose page's small DOM helpers: every text is written with textContent, never as HTML.

export function say(text) {
  document.getElementById("mocap-propose-status").textContent = text;
}

export function element(tag, properties = {}, ...children) {
  const made = Object.assign(document.createElement(tag), properties);
  made.append(...children.filter((child) => child !== null && child !== undefined));
  return made;
}

export function choices(id, name, values) {
  const select = element("select", { id, name, className: "mocap-input" }, element("option", { value: "" }, "Choose one"));
  for (const value of values) {
    select.append(element("option", { value: String(value) }, String(value)));
  }
  return select;
}
