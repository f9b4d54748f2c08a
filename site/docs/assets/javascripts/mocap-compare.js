// The compare page: up to four courses, named in the address (?c=provider/course), side by side.
// Each course's facts come from a JSON block on its own page; everything is written with
// textContent, never as HTML.

const MOST = 4;
const LOOKED_UP = 12; // an address naming more is not a reason to fetch a hundred pages
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

// The courses named in the address, in order and once each; what is not a course address is
// set aside to be named, and no more than LOOKED_UP are fetched.
function chosen() {
  const named = [...new Set(new URLSearchParams(window.location.search).getAll("c"))];
  return {
    ids: named.filter((id) => ID.test(id)).slice(0, LOOKED_UP),
    refused: named.filter((id) => !ID.test(id)).map((id) => id.slice(0, 60)),
    unread: Math.max(0, named.filter((id) => ID.test(id)).length - LOOKED_UP),
  };
}

async function show(place) {
  const status = document.getElementById("mocap-compare-status");
  const root = new URL(place.dataset.root, document.baseURI);
  const { ids, refused, unread } = chosen();
  place.querySelector(".mocap-scroll")?.remove();
  const notes = [];
  if (refused.length) {
    notes.push(`Not course addresses, left out: ${refused.join(", ")}.`);
  }
  if (ids.length === 0) {
    status.textContent = ["No courses chosen yet.", ...notes].join(" ");
    return;
  }
  status.textContent = "Loading the courses…";
  const found = await Promise.all(ids.map((id) => facts(root, id)));
  const missing = ids.filter((id, index) => !found[index]);
  const present = ids.filter((id, index) => found[index]);
  const shown = present.slice(0, MOST);
  const courses = shown.map((id) => found[ids.indexOf(id)]);
  if (missing.length) {
    notes.push(`Not in the catalog: ${missing.join(", ")}.`);
  }
  const over = present.length - shown.length + unread;
  if (over > 0) {
    notes.push(`Only ${MOST} courses fit side by side, so ${over} more ${over === 1 ? "was" : "were"} left out.`);
  }
  if (courses.length === 0) {
    status.textContent = ["None of the chosen courses could be shown.", ...notes].join(" ");
    return;
  }
  place.append(table(root, courses, shown));
  const noun = courses.length === 1 ? "course" : "courses";
  status.textContent = [`${courses.length} ${noun} side by side.`, ...notes].join(" ");
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
      // Focus goes to the Remove button now in the removed one's place, else to the status.
      show(document.getElementById("mocap-compare")).then(() => {
        const buttons = document.querySelectorAll(".mocap-compare__remove");
        (buttons[Math.min(index, buttons.length - 1)] ?? document.getElementById("mocap-compare-status")).focus();
      });
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
