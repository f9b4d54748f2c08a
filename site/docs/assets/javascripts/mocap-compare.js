// The compare page: up to four courses, named in the address (?c=provider/course), side by side.
// Each course's facts come from a JSON block on its own page; everything is written with
// textContent, never as HTML.

const MOST = 4;
const ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;
const ROWS = [
  ["provider", "Provider"],
  ["grades", "Grades"],
  ["credit", "Credit"],
  ["length", "Length"],
  ["semester_price", "Price per semester"],
  ["year_price", "Price per year"],
  ["teacher", "Who teaches"],
  ["standards", "Missouri Learning Standards"],
  ["ncaa", "NCAA-approved"],
  ["pacing", "Pacing"],
  ["joining", "Joining"],
  ["terms", "Term dates"],
  ["technology", "What a student needs"],
];

const place = document.getElementById("mocap-compare");
if (place) {
  show(place);
}

function chosen() {
  const ids = new URLSearchParams(window.location.search).getAll("c").filter((id) => ID.test(id));
  return [...new Set(ids)].slice(0, MOST);
}

async function show(place) {
  const status = document.getElementById("mocap-compare-status");
  const root = new URL(place.dataset.root, document.baseURI);
  const ids = chosen();
  place.querySelector(".mocap-scroll")?.remove();
  if (ids.length === 0) {
    status.textContent = "No courses chosen yet.";
    return;
  }
  status.textContent = "Loading the courses…";
  const found = await Promise.all(ids.map((id) => facts(root, id)));
  const courses = found.filter(Boolean);
  const missing = ids.filter((id, index) => !found[index]);
  place.append(table(root, courses, ids.filter((id, index) => found[index])));
  const noun = courses.length === 1 ? "course" : "courses";
  status.textContent =
    `${courses.length} ${noun} side by side.` +
    (missing.length ? ` Not in the catalog: ${missing.join(", ")}.` : "");
}

async function facts(root, id) {
  try {
    const response = await fetch(new URL(`courses/${id}/`, root));
    if (!response.ok) {
      return null;
    }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const block = page.getElementById("mocap-compare-facts");
    return block ? { ...JSON.parse(block.textContent), url: new URL(`courses/${id}/`, root).href } : null;
  } catch (error) {
    return null;
  }
}

function table(root, courses, ids) {
  const region = element("div", "mocap-scroll");
  region.setAttribute("role", "region");
  region.setAttribute("aria-label", "Courses compared");
  region.tabIndex = 0;
  const grid = element("table", "mocap-table mocap-compare");
  grid.append(element("caption", "", "The courses compared, one per column"));
  const head = document.createElement("tr");
  head.append(element("td"));
  courses.forEach((course, index) => {
    const cell = element("th");
    cell.scope = "col";
    const link = element("a", "", course.title);
    link.href = course.url;
    const remove = element("button", "md-button mocap-compare__remove", "Remove");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove ${course.title} from the comparison`);
    remove.addEventListener("click", () => {
      const params = new URLSearchParams();
      ids.filter((id) => id !== ids[index]).forEach((id) => params.append("c", id));
      history.replaceState(null, "", params.toString() ? `?${params}` : window.location.pathname);
      show(document.getElementById("mocap-compare")).then(() =>
        document.querySelector(".mocap-compare__remove, #mocap-compare-status")?.focus(),
      );
    });
    cell.append(link, document.createElement("br"), remove);
    head.append(cell);
  });
  const body = document.createElement("tbody");
  for (const [key, label] of ROWS) {
    const row = document.createElement("tr");
    const name = element("th", "", label);
    name.scope = "row";
    row.append(name);
    for (const course of courses) {
      const value = course[key];
      const cell = element("td");
      if (Array.isArray(value)) {
        const list = element("ul");
        value.forEach((text) => list.append(element("li", "", text)));
        cell.append(list);
      } else {
        cell.textContent = value ?? "";
      }
      row.append(cell);
    }
    body.append(row);
  }
  const thead = document.createElement("thead");
  thead.append(head);
  grid.append(thead, body);
  region.append(grid);
  return region;
}

function element(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text) {
    node.textContent = text;
  }
  return node;
}
