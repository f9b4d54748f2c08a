// The "Propose a course" page: a form built from assets/propose.json (the questions `mocap new
// course` asks, the reference data, the catalogs and the skeletons of the file it writes). Each
// answer is judged as it is given (propose-judge.js); the page writes the file `mocap new` would
// (propose-file.js) and opens GitHub's new-file or edit page with it. A course file or a
// published course can be loaded to change it (propose-panel.js, propose-load.js). Nothing typed
// leaves the browser but through that link; every text is written with textContent.

import { courseFile, leftToFill, typedAnswers } from "./propose-file.js";
import { dollars, gradesIn, priceCap, problem, qualifies } from "./propose-judge.js";
import { choices, element, say } from "./propose-dom.js";
import { COURSE_ID, loadPanel, loadPublished } from "./propose-panel.js";

const LONGEST_ADDRESS = 8000; // GitHub refuses much longer addresses: then copy and paste
const NARROWING = ["subject", "grades", "state_course_number"]; // what the option lists follow
const LISTS = ["standards", "certification_areas"];
const DEPENDENTS = {
  length: ["price"],
  subject: LISTS,
  grades: LISTS,
  state_course_number: ["certification_areas"],
  standards_alignment: ["standards"],
  provider: ["name"],
};
const PLACE = [
  { name: "provider", label: "Provider", required: true, help: "Your provider's id: the folder the file goes in." },
  {
    name: "name",
    label: "File name",
    required: true,
    help: "Lowercase letters, digits and hyphens, e.g. algebra-i: the file is saved as that name with .yaml.",
  },
];

const place = document.getElementById("mocap-propose");
if (place) {
  start(place).catch((error) => {
    say(`The form could not be loaded (${error.message}). Reload the page, or follow the submission guide.`);
  });
}

async function start(place) {
  const root = new URL(place.dataset.root, document.baseURI);
  const data = await (await fetch(new URL("assets/propose.json", root))).json();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(new Date());
  const catalog = data.catalogs.find((open) => open.deadline >= today) || null; // deadlines are Missouri days
  const page = { data, root, today, catalog, loaded: null, fields: new Map(), files: new Map() };
  Object.assign(page, {
    value: (name) => valueOf(page, name),
    courseFiles: () => page.files.get(page.value("provider")) || null,
    narrows: (name) => NARROWING.includes(name),
    judge: (name) => judge(page, name),
    showAsked: () => showAsked(page),
    fillOptions: (question, set, ticked) => fillOptions(page, question, set, ticked),
    refillOptions: () => refillOptions(page),
    noteExisting: () => noteExisting(page),
    providerFiles: (provider) => providerFiles(page, provider),
  });
  place.append(
    loadPanel(page),
    element("div", { id: "load-report", role: "status" }),
    form(page),
    element("section", { id: "mocap-propose-result", hidden: true, tabIndex: -1 }),
  );
  showAsked(page);
  say("");
  const course = new URLSearchParams(window.location.search).get("course");
  if (course && COURSE_ID.test(course)) {
    await loadPublished(page, course);
  } else if (course) {
    say("This page's address names no course (it takes ?course=provider/course, as each course page's link gives): fill in the form for a new course, or pick the published course below.");
  }
}

// --- the form ------------------------------------------------------------------------------------

function form(page) {
  const { data } = page;
  const made = element("form", { id: "mocap-propose-form", noValidate: true });
  const providers = choices("q-provider", "provider", []);
  for (const provider of data.providers) {
    providers.append(element("option", { value: provider.id }, `${provider.name} (${provider.id})`));
  }
  const name = element("input", { id: "q-name", name: "name", type: "text", autocomplete: "off", spellcheck: false, className: "mocap-input" });
  name.companion = element("p", { id: "note-name", className: "mocap-field__help", role: "status" });
  const where = element("fieldset", {}, element("legend", {}, "Where the file goes"), field(page, PLACE[0], providers), field(page, PLACE[1], name));
  const about = element("fieldset", {}, element("legend", {}, "The course"));
  for (const question of data.questions) {
    about.append(field(page, question, control(page, question)));
  }
  made.append(
    element("div", { id: "mocap-propose-summary", tabIndex: -1, hidden: true }),
    element("p", { id: "mocap-propose-catalog" }, catalogNote(page)),
    where,
    about,
    element("p", {}, element("button", { type: "submit", className: "md-button md-button--primary" }, "Check and write the file")),
  );
  made.addEventListener("submit", (event) => {
    event.preventDefault();
    finish(page);
  });
  made.addEventListener("change", (event) => changed(page, event.target));
  made.addEventListener("focusout", (event) => changed(page, event.target));
  made.addEventListener("input", (event) => {
    const shown = page.fields.get(nameOf(event.target));
    if (shown && shown.error.textContent) {
      changed(page, event.target); // a shown fault goes as soon as it is corrected
    }
  });
  return made;
}

// The catalog the file is for: the first whose deadline has not passed, and the days left.
function catalogNote({ catalog, today }) {
  if (!catalog) {
    return "No catalog this page knows of is still open: the site is out of date. Ask DESE which catalog is open.";
  }
  const days = Math.round((Date.parse(catalog.deadline) - Date.parse(today)) / 864e5);
  const left = days <= 0 ? "today is the last day" : `${days} ${days === 1 ? "day" : "days"} left`;
  return `This submission is for the ${catalog.name} catalog: submissions close on ${catalog.deadline_words} (${left}).`;
}

function nameOf(target) {
  return target.dataset ? target.dataset.question || target.name : "";
}

// A question's block: its label (a legend for a list), its help and clause, the control and
// the place its fault is told, both tied to the control by aria-describedby.
function field(page, question, input) {
  const id = question.name;
  const box = element("div", { className: "mocap-field", id: `field-${id}` });
  const help = element("p", { className: "mocap-field__help", id: `help-${id}` }, question.help || "");
  if (question.clause) {
    help.append(` (${question.clause})`);
  }
  const error = element("p", { className: "mocap-field__error", id: `error-${id}` });
  const label = question.label + (question.required ? " (needed)" : "");
  input.setAttribute("aria-describedby", `help-${id} error-${id}`);
  if (input.tagName === "FIELDSET") {
    input.prepend(element("legend", {}, label));
    box.append(input, help, error);
  } else {
    box.append(element("label", { htmlFor: `q-${id}` }, label), help, input, ...(input.companion ? [input.companion] : []), error);
  }
  page.fields.set(id, { question, box, input, error });
  return box;
}

function control(page, question) {
  const { name, schema } = question;
  const id = `q-${name}`;
  if (name === "subject" || schema.enum) {
    return choices(id, name, name === "subject" ? Object.keys(page.data.subjects) : schema.enum);
  }
  if (schema.type === "array") {
    const set = element("fieldset", { id, className: "mocap-field__choices" }, element("div", { className: "mocap-field__options" }));
    set.dataset.question = name;
    fillOptions(page, question, set, []);
    return set;
  }
  if (schema.type === "boolean" || name === "ncaa_approved") {
    return element("input", { id, name, type: "checkbox", value: "yes" });
  }
  if (schema.format === "date") {
    return element("input", { id, name, type: "date", className: "mocap-input" });
  }
  if ((schema.maxLength || 0) > 500) {
    return element("textarea", { id, name, rows: 4, className: "mocap-input" });
  }
  const input = element("input", { id, name, type: "text", autocomplete: "off", className: "mocap-input" });
  if (question.kind === "number" || question.kind === "whole number") {
    input.inputMode = "decimal";
  }
  if (name === "state_course_number") {
    const list = element("datalist", { id: "list-course-numbers" });
    for (const [number, row] of Object.entries(page.data.course_numbers)) {
      list.append(element("option", { value: number, label: `${row.title} (${row.subject})` }));
    }
    input.setAttribute("list", list.id);
    input.companion = list;
  }
  return input;
}

// The options of a list question; standards and certification areas narrow to the course's
// subject, grades and number (keeping whatever is ticked, so a wrong one shows with its fault).
function fillOptions(page, question, set, ticked) {
  const list = set.querySelector(".mocap-field__options");
  const offered = options(page, question);
  for (const value of ticked) {
    if (!offered.some(([known]) => known === value)) {
      offered.push([value, value]);
    }
  }
  list.replaceChildren();
  if (offered.length === 0) {
    list.append(element("p", {}, "Choose the subject and grades first."));
  }
  offered.forEach(([value, label], index) => {
    const id = `q-${question.name}-${index}`;
    const box = element("input", { id, type: "checkbox", value, checked: ticked.includes(value) });
    box.dataset.question = question.name;
    box.addEventListener("change", () => {
      set.order = box.checked ? [...set.order.filter((v) => v !== value), value] : set.order.filter((v) => v !== value);
    });
    list.append(element("div", { className: "mocap-field__option" }, box, element("label", { htmlFor: id }, label)));
  });
  set.order = [...ticked]; // the order ticked (or loaded), which the file keeps
}

function options(page, question) {
  const { data } = page;
  const grades = gradesIn(page.value("grades"));
  const fits = (span) => !grades.length || gradesIn(span).some((grade) => grades.includes(grade));
  if (question.name === "standards") {
    return Object.entries(data.standards)
      .filter(([, standard]) => standard.subject === page.value("subject") && fits(standard.grades))
      .map(([code, standard]) => [code, `${code}: ${standard.text}`]);
  }
  if (question.name === "certification_areas") {
    return Object.keys(data.areas)
      .filter((area) => qualifies(page, area) && fits(data.areas[area].grades))
      .map((area) => [area, area]);
  }
  return question.schema.items.enum.map((value) => [value, value]);
}

function refillOptions(page) {
  for (const name of LISTS) {
    const shown = page.fields.get(name);
    fillOptions(page, shown.question, shown.input, page.value(name));
  }
}

function valueOf(page, name) {
  const shown = page.fields.get(name);
  if (!shown) {
    return "";
  }
  const { input } = shown;
  if (input.tagName === "FIELDSET") {
    const ticked = new Set([...input.querySelectorAll("input:checked")].map((box) => box.value));
    return input.order.filter((value) => ticked.has(value));
  }
  return input.type === "checkbox" ? input.checked : input.value.trim();
}

// --- judging as the answers come -----------------------------------------------------------------

function changed(page, target) {
  const name = nameOf(target);
  if (!page.fields.has(name)) {
    return;
  }
  const result = document.getElementById("mocap-propose-result");
  if (!result.hidden && target.type !== "submit") {
    result.hidden = true; // an answer changed: the file shown is no longer the answers'
    result.replaceChildren();
  }
  if (NARROWING.includes(name)) {
    refillOptions(page);
  }
  if (name === "provider" || name === "name") {
    noteExisting(page);
  }
  showAsked(page);
  judge(page, name);
  for (const other of DEPENDENTS[name] || []) {
    if (page.fields.get(other).error.textContent || page.value(other).length) {
      judge(page, other);
    }
  }
}

// Questions asked only in some cases (the teacher's for program code 50, the alignment address
// when no codes are ticked) are shown only then; the price says its cap.
function showAsked(page) {
  const when = { taught: () => page.value("program_code") === "50", no_standards: () => !page.value("standards").length };
  for (const { question, box } of page.fields.values()) {
    box.hidden = Boolean(question.when) && !when[question.when]();
  }
  let note = document.getElementById("price-cap");
  if (!note) {
    note = element("span", { id: "price-cap" });
    document.getElementById("help-price").append(" ", note);
  }
  const length = page.value("length");
  const cap = priceCap(page);
  if (!page.catalog) {
    note.textContent = "";
  } else if (!length) {
    note.textContent = "Choose the length to see the price cap.";
  } else if (cap) {
    const kind = length === "year" ? "year-long" : "semester";
    note.textContent = `The cap for a ${kind} course in the ${page.catalog.name} catalog is ${dollars(cap.cap)}.`;
  } else {
    note.textContent = `No price cap is known yet for the ${page.catalog.name} catalog: the check on the pull request judges it.`;
  }
}

function judge(page, name) {
  const shown = page.fields.get(name);
  const message = shown.box.hidden ? "" : problem(page, shown.question, page.value(name));
  shown.error.textContent = message;
  shown.input.setAttribute("aria-invalid", message ? "true" : "false");
  shown.box.classList.toggle("mocap-field--invalid", Boolean(message));
  const summary = document.getElementById("mocap-propose-summary");
  if (!summary.hidden) {
    fillSummary(page, summary, faults(page));
  }
  return message;
}

// The answers whose fault is shown, and what a loaded file's kept fields get wrong.
function faults(page) {
  const shown = [...page.fields.values()].filter((field) => field.error.textContent);
  const wrong = shown.map((field) => [field.question.name, field.question.label, field.error.textContent]);
  for (const problem of (page.loaded && page.loaded.problems) || []) {
    wrong.push(["load-report", "Kept from the loaded file", problem]);
  }
  if (!page.catalog) {
    wrong.push(["provider", "Catalog", "no catalog is open: this page is out of date"]);
  }
  return wrong;
}

function fillSummary(page, summary, wrong) {
  const list = element("ul");
  for (const [name, label, message] of wrong) {
    const link = element("a", { href: name === "load-report" ? "#load-report" : `#field-${name}` }, `${label}: ${message}`);
    link.addEventListener("click", (event) => {
      const shown = page.fields.get(name);
      if (shown) {
        event.preventDefault();
        (shown.input.tagName === "FIELDSET" ? shown.input.querySelector("input") || shown.input : shown.input).focus();
      }
    });
    list.append(element("li", {}, link));
  }
  const count = wrong.length;
  const heading = count ? `${count} ${count === 1 ? "answer" : "answers"} to correct` : "Every answer is corrected: write the file again";
  summary.replaceChildren(element("h2", {}, heading), list);
}

// The provider's course files in the repository (assets/propose/<provider>.json), fetched once
// each; a failed read is said and not remembered.
async function providerFiles(page, provider) {
  if (!page.files.has(provider)) {
    const known = page.data.providers.some((p) => p.id === provider);
    const response = known ? await fetch(new URL(`assets/propose/${encodeURIComponent(provider)}.json`, page.root)).catch(() => null) : null;
    if (!response || !response.ok) {
      if (known) {
        say("The provider's courses could not be read: check the connection and choose the provider again.");
      }
      return [];
    }
    page.files.set(provider, (await response.json()).courses);
  }
  return page.files.get(provider);
}

// The course file the answers name, if the repository has it: what is written then replaces it.
async function noteExisting(page) {
  const [provider, name] = [page.value("provider"), page.value("name")];
  const existing = provider && name ? (await providerFiles(page, provider)).find((file) => file.name === name) : undefined;
  const note = document.getElementById("note-name");
  const published = existing && existing.published ? "published course" : "course (in the catalog, not published)";
  note.textContent = existing ? `This is the file of the ${published} ${existing.title}: what you write replaces it, as a new submission.` : "";
  if (page.value("state_course_number")) {
    judge(page, "state_course_number"); // its number is judged against the provider's others
  }
  return existing;
}

// "Check and write the file": every fault in a summary that leads to its field, or the file.
function finish(page) {
  showAsked(page);
  const summary = document.getElementById("mocap-propose-summary");
  summary.hidden = true; // judged afresh below
  for (const name of page.fields.keys()) {
    judge(page, name);
  }
  const wrong = faults(page);
  if (!wrong.length) {
    summary.replaceChildren();
    showResult(page);
    return;
  }
  document.getElementById("mocap-propose-result").hidden = true;
  fillSummary(page, summary, wrong);
  summary.setAttribute("role", "alert");
  summary.hidden = false;
  summary.focus();
}

async function showResult(page) {
  const { data } = page;
  const asked = [...page.fields.values()].filter(({ question, box }) => question.schema && !box.hidden);
  const given = typedAnswers(asked.map(({ question }) => [question, page.value(question.name)]));
  const where = { provider: page.value("provider"), name: page.value("name"), catalog: page.catalog.name };
  const text = courseFile(data, given, where, page.loaded && page.loaded.kept);
  const name = `${where.name}.yaml`;
  const folder = data.folder.replace("{provider}", encodeURIComponent(where.provider));
  const update = Boolean(await noteExisting(page));
  const newFile = `${data.repository}/new/${data.branch}/${folder}?filename=${encodeURIComponent(name)}`;
  const filled = `${newFile}&value=${encodeURIComponent(text)}`;
  const pasted = update || filled.length > LONGEST_ADDRESS;
  const target = update ? `${data.repository}/edit/${data.branch}/${folder}/${encodeURIComponent(name)}` : pasted ? newFile : filled;
  const open = element(
    "a",
    { id: "mocap-propose-pr", className: "md-button md-button--primary", href: target, rel: "noopener noreferrer", target: "_blank" },
    pasted ? "Copy the file and open GitHub's editor" : "Open a pull request",
  );
  const steps = update
    ? 'The button copies the file; in GitHub\'s editor, select everything in the file and paste (Ctrl+V) over it, then choose "Commit changes" (or "Propose changes") and open the pull request.'
    : pasted
      ? 'The file is too long for a web address. The button copies it; in GitHub\'s editor, paste it (Ctrl+V), then choose "Commit changes" (or "Propose new file") and open the pull request.'
      : 'GitHub opens with the file filled in: choose "Commit changes" (or "Propose new file"), then "Create pull request".';
  const download = element("a", { className: "md-button", href: URL.createObjectURL(new Blob([text], { type: "text/yaml" })), download: name }, "Download the file");
  const copy = element("button", { type: "button", className: "md-button" }, "Copy the file");
  const copied = element("p", { role: "status" });
  const copyText = () =>
    navigator.clipboard.writeText(text).then(
      () => (copied.textContent = "Copied."),
      () => (copied.textContent = "Copying was refused: select the file below and copy it."),
    );
  copy.addEventListener("click", copyText);
  if (pasted) {
    open.addEventListener("click", copyText);
  }
  const left = leftToFill(data, asked.map(({ question }) => question), given).map((question) => question.label);
  if ((given.course_types || []).includes("ap") && !(page.loaded && page.loaded.kept.ap_course_audit)) {
    left.push("the College Board AP Course Audit, which this page does not ask: add ap_course_audit (authorized: true, school_year) to the file");
  }
  const code = element("code", { id: "mocap-propose-text", tabIndex: 0 }, text);
  code.setAttribute("role", "region"); // the theme scrolls a code block in itself: reachable, named
  code.setAttribute("aria-label", "The course file");
  const parts = [
    element("h2", {}, update ? "Your change to the published course" : "Your course file"),
    element("p", {}, "It goes in ", element("code", {}, folder), " as ", element("code", { id: "mocap-propose-filename" }, name), "."),
    left.length ? element("p", {}, `Still to answer before the check passes: ${left.join("; ")}. The file says REPLACE (or leaves the date empty) there.`) : null,
    element("p", {}, open, " ", copy, " ", download),
    element("p", {}, steps),
    copied,
    element("pre", {}, code),
  ];
  const section = document.getElementById("mocap-propose-result");
  section.replaceChildren(...parts.filter(Boolean));
  section.hidden = false;
  section.focus();
}

