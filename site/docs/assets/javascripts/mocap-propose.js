// The "Propose a course" page: a form built from assets/propose.json (the questions `mocap new
// course` asks, the reference data, the catalogs and the skeletons of the file it writes). Each
// answer is checked as it is given; the page writes the same file `mocap new` would and opens
// GitHub's new-file (or edit) page with it. Nothing typed leaves the browser but through that
// link. Every text is written with textContent, never as HTML.

import { CORE_SCHEMA, load as readYaml } from "../vendor/js-yaml.mjs";

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const LONGEST_ADDRESS = 8000; // GitHub refuses much longer addresses: then copy and paste
const SLOT = /\0(raw|text|list)\|([a-z_]+)\|( *)\0/g;
const NUMBER = /^(\d*)(?:\.(\d*))?$/;
const MONEY = /[$,]/;
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;
const REF = {
  state_course_number: ["state course number", "catalog/reference/state_course_numbers.csv"],
  subject: ["subject", "catalog/reference/subjects.csv"],
  certification_areas: ["certification area", "catalog/reference/certification_areas.csv"],
};
const STANDARDS_FILE = "catalog/reference/learning_standards.csv";

const place = document.getElementById("mocap-propose");
if (place) {
  start(place).catch((error) => {
    say(`The form could not be loaded (${error.message}). Reload the page, or follow the submission guide.`);
  });
}

function say(text) {
  document.getElementById("mocap-propose-status").textContent = text;
}

function element(tag, properties = {}, ...children) {
  const made = Object.assign(document.createElement(tag), properties);
  made.append(...children.filter((child) => child !== null && child !== undefined));
  return made;
}

// --- the page ---------------------------------------------------------------------------------

async function start(place) {
  const root = new URL(place.dataset.root, document.baseURI);
  const response = await fetch(new URL("assets/propose.json", root));
  const data = await response.json();
  const page = { data, root, catalog: openCatalog(data), loaded: null, fields: new Map() };
  place.append(loadPanel(page), form(page), result(page));
  showAsked(page);
  say("");
  const course = new URLSearchParams(window.location.search).get("course");
  if (course && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(course)) {
    await loadPublished(page, course);
  }
}

// Today in Missouri (deadlines are Missouri days), as YYYY-MM-DD.
function missouriToday() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(new Date());
}

function openCatalog(data) {
  const today = missouriToday();
  return data.catalogs.find((catalog) => catalog.deadline >= today) || null;
}

function form(page) {
  const { data } = page;
  const made = element("form", { id: "mocap-propose-form", noValidate: true });
  made.append(element("div", { id: "mocap-propose-summary", tabIndex: -1, hidden: true }));
  made.append(catalogNote(page));
  const where = element("fieldset", {}, element("legend", {}, "Where the file goes"));
  const providers = element("select", { id: "q-provider", name: "provider" });
  providers.append(element("option", { value: "" }, "Choose your provider"));
  for (const provider of data.providers) {
    providers.append(element("option", { value: provider.id }, `${provider.name} (${provider.id})`));
  }
  where.append(
    field(page, { name: "provider", label: "Provider", required: true, help: "Your provider's id: the folder the file goes in." }, providers),
    field(
      page,
      { name: "name", label: "File name", required: true, help: "Lowercase letters, digits and hyphens, e.g. algebra-i: the file is saved as that name with .yaml." },
      element("input", { id: "q-name", name: "name", type: "text", autocomplete: "off", spellcheck: false }),
    ),
  );
  made.append(where);
  const about = element("fieldset", {}, element("legend", {}, "The course"));
  for (const question of data.questions) {
    about.append(field(page, question, control(page, question)));
  }
  made.append(about);
  made.append(element("p", {}, element("button", { type: "submit", className: "md-button md-button--primary" }, "Check and write the file")));
  made.addEventListener("submit", (event) => {
    event.preventDefault();
    finish(page);
  });
  made.addEventListener("change", (event) => changed(page, event.target));
  made.addEventListener("focusout", (event) => changed(page, event.target));
  made.addEventListener("input", (event) => {
    const shown = page.fields.get(nameOf(event.target));
    if (shown && shown.error.textContent) {
      changed(page, event.target);
    }
  });
  return made;
}

function catalogNote(page) {
  const { catalog } = page;
  const text = catalog
    ? `This submission is for the ${catalog.name} catalog: submissions close on ${catalog.deadline_words}, and the form is open today.`
    : "No catalog this page knows of is still open: the site is out of date. Ask DESE which catalog is open.";
  return element("p", { id: "mocap-propose-catalog" }, text);
}

function nameOf(target) {
  return target.dataset ? target.dataset.question || target.name : "";
}

function field(page, question, input) {
  const id = question.name;
  const box = element("div", { className: "mocap-field", id: `field-${id}` });
  const help = element("p", { className: "mocap-field__help", id: `help-${id}` }, question.help || "");
  if (question.clause) {
    help.append(` (${question.clause})`);
  }
  const error = element("p", { className: "mocap-field__error", id: `error-${id}` });
  const needed = question.required ? " (needed)" : "";
  if (input.tagName === "FIELDSET") {
    input.prepend(element("legend", {}, question.label + needed));
    input.setAttribute("aria-describedby", `help-${id} error-${id}`);
    box.append(input, help, error);
  } else {
    input.setAttribute("aria-describedby", `help-${id} error-${id}`);
    box.append(element("label", { htmlFor: `q-${id}` }, question.label + needed), help, input, ...(input.companion ? [input.companion] : []), error);
  }
  page.fields.set(id, { question, box, input, error });
  return box;
}

function control(page, question) {
  const { name, schema } = question;
  const id = `q-${name}`;
  if (name === "subject") {
    return choices(id, name, Object.keys(page.data.subjects));
  }
  if (schema.enum) {
    return choices(id, name, schema.enum);
  }
  if (schema.type === "array") {
    const set = element("fieldset", { id, className: "mocap-field__choices" });
    set.dataset.question = name;
    set.append(element("div", { className: "mocap-field__options" }));
    fillOptions(page, question, set, []);
    return set;
  }
  if (schema.type === "boolean" || name === "ncaa_approved") {
    const box = element("input", { id, name, type: "checkbox", value: "yes" });
    return box;
  }
  if (schema.format === "date") {
    return element("input", { id, name, type: "date" });
  }
  if ((schema.maxLength || 0) > 500) {
    return element("textarea", { id, name, rows: 4 });
  }
  const input = element("input", { id, name, type: "text", autocomplete: "off" });
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

function choices(id, name, values) {
  const select = element("select", { id, name });
  select.append(element("option", { value: "" }, "Choose one"));
  for (const value of values) {
    select.append(element("option", { value: String(value) }, String(value)));
  }
  return select;
}

// The options of a list question; standards and certification areas narrow to the course's
// subject and grades (and keep whatever is ticked, so a wrong one is still shown with its fault).
function fillOptions(page, question, set, ticked) {
  const list = set.querySelector(".mocap-field__options");
  const offered = options(page, question);
  for (const value of ticked) {
    if (!offered.some(([v]) => v === value)) {
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
    list.append(element("div", { className: "mocap-field__option" }, box, element("label", { htmlFor: id }, label)));
  });
}

function options(page, question) {
  const { data } = page;
  const { name } = question;
  const subject = valueOf(page, "subject");
  const grades = gradesIn(valueOf(page, "grades"));
  if (name === "course_types") {
    return question.schema.items.enum.map((value) => [value, value]);
  }
  if (name === "standards") {
    return Object.entries(data.standards)
      .filter(([, s]) => s.subject === subject && (!grades.length || gradesIn(s.grades).some((g) => grades.includes(g))))
      .map(([code, s]) => [code, `${code}: ${s.text}`]);
  }
  if (name === "certification_areas") {
    return Object.keys(data.areas)
      .filter((area) => qualifies(page, area))
      .map((area) => [area, area]);
  }
  return [];
}

function qualifies(page, area) {
  const specific = page.data.number_areas[valueOf(page, "state_course_number")];
  if (specific) {
    return specific.includes(area);
  }
  return page.data.areas[area].subjects.includes(valueOf(page, "subject"));
}

function valueOf(page, name) {
  const shown = page.fields.get(name);
  if (!shown) {
    return "";
  }
  const { input } = shown;
  if (input.tagName === "FIELDSET") {
    return [...input.querySelectorAll("input:checked")].map((box) => box.value);
  }
  if (input.type === "checkbox") {
    return input.checked;
  }
  return input.value.trim();
}

function gradesIn(span) {
  const match = /^(K|\d+)(?:-(K|\d+))?$/.exec(span || "");
  if (!match) {
    return [];
  }
  const number = (grade) => (grade === "K" ? 0 : Number(grade));
  const first = number(match[1]);
  const last = match[2] === undefined ? first : number(match[2]);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, index) => first + index);
}

function asked(page, question) {
  if (question.when === "taught") {
    return valueOf(page, "program_code") === "50";
  }
  if (question.when === "no_standards") {
    return valueOf(page, "standards").length === 0;
  }
  return true;
}

// --- judging each answer -----------------------------------------------------------------------

function changed(page, target) {
  const name = nameOf(target);
  if (!page.fields.has(name)) {
    return;
  }
  if (["subject", "grades", "state_course_number"].includes(name)) {
    for (const list of ["standards", "certification_areas"]) {
      const shown = page.fields.get(list);
      fillOptions(page, shown.question, shown.input, valueOf(page, list));
    }
  }
  showAsked(page);
  judge(page, name);
  const dependents = { length: ["price"], subject: ["standards", "certification_areas"], grades: ["standards", "certification_areas"] };
  for (const other of dependents[name] || []) {
    if (page.fields.get(other).error.textContent || valueOf(page, other).length) {
      judge(page, other);
    }
  }
}

function showAsked(page) {
  for (const { question, box } of page.fields.values()) {
    box.hidden = question.when ? !asked(page, question) : false;
  }
  showCap(page);
}

// The price field says the cap for the catalog and the course's length.
function showCap(page) {
  const help = document.getElementById("help-price");
  const length = valueOf(page, "length");
  const cap = page.catalog && length ? page.catalog.caps[length] : null;
  let note = document.getElementById("price-cap");
  if (!note) {
    note = element("span", { id: "price-cap" });
    help.append(" ", note);
  }
  if (!page.catalog) {
    note.textContent = "";
  } else if (!length) {
    note.textContent = "Choose the length to see the price cap.";
  } else if (cap) {
    note.textContent = `The cap for a ${length === "year" ? "year-long" : "semester"} course in the ${page.catalog.name} catalog is ${dollars(cap.cap)}.`;
  } else {
    note.textContent = `No price cap is known yet for the ${page.catalog.name} catalog: the check on the pull request judges it.`;
  }
}

function judge(page, name) {
  const shown = page.fields.get(name);
  const message = shown.box.hidden ? "" : problem(page, shown.question, valueOf(page, name));
  shown.error.textContent = message;
  const invalid = message ? "true" : "false";
  shown.input.setAttribute("aria-invalid", invalid);
  shown.box.classList.toggle("mocap-field--invalid", Boolean(message));
  return message;
}

function problem(page, question, value) {
  const empty = value === "" || (Array.isArray(value) && value.length === 0);
  if (empty) {
    return question.required ? "this one is needed to write the file" : "";
  }
  if (question.name === "name") {
    return NAME.test(value) ? "" : `the file name '${value}' must be lowercase letters, digits and hyphens (e.g. algebra-i)`;
  }
  if (question.name === "provider" || typeof value === "boolean") {
    return "";
  }
  const items = Array.isArray(value) ? value : [value];
  for (const [index, item] of items.entries()) {
    const found = itemProblem(page, question, item);
    if (found) {
      return Array.isArray(value) ? `item ${index + 1} ('${item}'): ${found}` : found;
    }
  }
  return wholeProblem(page, question, value);
}

function itemProblem(page, question, text) {
  const schema = question.schema.type === "array" ? question.schema.items : question.schema;
  const shown = text.length > 80 ? `'${text.slice(0, 79)}…'` : `'${text}'`;
  if (question.kind === "number") {
    if (MONEY.test(text)) {
      return `write the amount as a plain number, without '$' or commas: for example 1200 or 395.50 (found ${shown})`;
    }
    const number = NUMBER.exec(text);
    if (!number || text === "." || text === "") {
      return `write a number here, for example 0.5 or 395 (found ${shown})`;
    }
    if ((number[2] || "").length > 2) {
      return `use at most 2 digits after the point (found ${shown})`;
    }
  }
  if (question.kind === "whole number" && !/^\d+$/.test(text)) {
    return `write a whole number here, for example 25 (found ${shown})`;
  }
  if (schema.maxLength && text.length > schema.maxLength) {
    return `this text is ${text.length.toLocaleString("en-US")} characters long; at most ${schema.maxLength.toLocaleString("en-US")} are allowed: shorten it`;
  }
  if (schema.pattern && !new RegExp(schema.pattern).test(text)) {
    const example = (schema.examples || [])[0];
    return `${schema["x-explanation"] || "this is not written as the field asks"}, for example '${example}' (found ${shown})`;
  }
  const { mark, domain } = page.data.placeholder;
  if (text.includes(mark) || text.includes(domain)) {
    return `this is what ./mocap new wrote for you to replace: write your own answer here (${question.help || question.label})`;
  }
  if (EMAIL.test(text) && !question.name.includes("evidence")) {
    return "this text holds an e-mail address; catalog files and the site are public, so remove it";
  }
  return referenceProblem(page, question, text);
}

function referenceProblem(page, question, text) {
  const { data } = page;
  const listed = {
    state_course_number: data.course_numbers,
    subject: data.subjects,
    certification_areas: data.areas,
  }[question.name];
  if (listed && !(text in listed)) {
    const [kind, table] = REF[question.name];
    const same = Object.keys(listed).find((known) => known.toLowerCase() === text.toLowerCase());
    const hint = same ? `: did you mean '${same}'?` : `; look it up in ${table}`;
    return `'${text}' is not a ${kind} in ${table}${hint}`;
  }
  if (question.name === "standards") {
    return standardProblem(page, text);
  }
  return "";
}

function standardProblem(page, code) {
  const subject = valueOf(page, "subject");
  const standard = page.data.standards[code.replace(/(\d)([a-z])$/, "$1.$2")];
  if (!standard) {
    const example = Object.keys(page.data.standards).find((known) => page.data.standards[known].subject === subject);
    const shape = example ? ` (${subject} codes look like ${example})` : "";
    return `'${code}' is not a Missouri Learning Standards code in ${STANDARDS_FILE}: check its spelling${shape}, or ask DESE to add it`;
  }
  if (standard.subject !== subject) {
    const article = /^[AEIOU]/.test(standard.subject) ? "an" : "a";
    return `'${code}' is ${article} ${standard.subject} standard, but the course's subject is ${subject}: cite standards of the course's own subject`;
  }
  const grades = valueOf(page, "grades");
  const serves = gradesIn(grades);
  if (serves.length && !gradesIn(standard.grades).some((g) => serves.includes(g))) {
    return `'${code}' is a standard for grades ${standard.grades}, but the course is for grades ${grades}: cite standards for the grades the course serves`;
  }
  return "";
}

function wholeProblem(page, question, value) {
  if (question.name === "price") {
    const length = valueOf(page, "length");
    const cap = page.catalog && length ? page.catalog.caps[length] : null;
    if (cap && Number(value) > Number(cap.cap)) {
      return cap.over.replace("\0price\0", dollars(value));
    }
  }
  if (question.name === "credit" && !(Number(value) > 0 && Number(value) <= 2)) {
    return `write the credit in Carnegie units, more than 0 and at most 2, for example 0.5 (found '${value}')`;
  }
  if (question.name === "max_students_per_section" && Number(value) < 1) {
    return `write a whole number of at least 1, for example 25 (found '${value}')`;
  }
  if (question.name === "certification_areas") {
    return coverProblem(page, value);
  }
  return "";
}

function coverProblem(page, areas) {
  const { data } = page;
  if (areas.some((area) => !(area in data.areas))) {
    return "";
  }
  const number = valueOf(page, "state_course_number");
  const specific = data.number_areas[number];
  const covered = new Set(areas.filter((area) => qualifies(page, area)).flatMap((area) => gradesIn(data.areas[area].grades)));
  const missing = gradesIn(valueOf(page, "grades")).filter((grade) => !covered.has(grade));
  if (!missing.length) {
    return "";
  }
  const names = (missing.length === 1 ? "grade " : "grades ") + missing.map((g) => (g === 0 ? "K" : String(g))).join(", ");
  const title = valueOf(page, "title");
  const what = specific ? `${number} (${title})` : valueOf(page, "subject");
  const hint = specific ? ` (for this course: ${listed([...specific].sort())})` : "";
  return `no certification area listed qualifies a teacher for ${what} in ${names}: add the area the teacher of record holds for those grades${hint}, or narrow the course's grades`;
}

function listed(words) {
  if (words.length < 2) {
    return words.join("");
  }
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function dollars(text) {
  return `$${Number(text).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

// --- the file ----------------------------------------------------------------------------------

// An answer as `mocap new` reads it: numbers as Python's Decimal writes them, dates bare,
// codes and texts as given (trimmed, as the model strips them).
function answers(page) {
  const given = {};
  for (const { question, box } of page.fields.values()) {
    if (box.hidden || question.name === "provider" || question.name === "name") {
      continue;
    }
    let value = valueOf(page, question.name);
    if (value === "" || (Array.isArray(value) && value.length === 0)) {
      continue;
    }
    if (question.name === "program_code") {
      value = Number(value);
    } else if (question.kind === "number") {
      value = new Bare(decimal(value));
    } else if (question.kind === "whole number") {
      value = new Bare(value.replace(/^0+(?=\d)/, ""));
    } else if (question.schema.format === "date") {
      value = new Bare(value);
    } else if (question.name === "ncaa_approved" && value === false) {
      continue;
    }
    given[question.name] = value;
  }
  return given;
}

class Bare {
  constructor(text) {
    this.text = text;
  }
}

// "0395" -> "395", ".5" -> "0.5", "5." -> "5": as Python's Decimal prints what it read.
function decimal(text) {
  const [, whole, fraction] = NUMBER.exec(text);
  const digits = whole.replace(/^0+(?=\d)/, "") || "0";
  return fraction ? `${digits}.${fraction}` : digits;
}

function written(value) {
  if (value === undefined || value === null) {
    return "";
  }
  if (value instanceof Bare) {
    return value.text;
  }
  if (typeof value === "string") {
    return JSON.stringify(value);
  }
  return String(value);
}

function fileText(page) {
  const { data } = page;
  const given = answers(page);
  const subjectHasCodes = data.subjects[given.subject] ?? true;
  const aligned = !given.standards && Boolean(given.standards_alignment || !subjectHasCodes);
  const values = { ...data.defaults, ...given };
  if (!given.certification_areas) {
    values.certification_areas = [given.subject]; // as mocap new: the subject's own area
  }
  values.provider = new Bare(valueOf(page, "provider"));
  values.name = new Bare(valueOf(page, "name"));
  values.catalog = new Bare(page.catalog.name);
  const shape = `${given.program_code}${aligned ? "-aligned" : ""}`;
  const text = data.skeletons[shape].replace(SLOT, (_, kind, name, indent) => {
    const value = values[name];
    if (kind === "list") {
      return value && value.length ? value.map((item) => `\n${indent}- ${written(item)}`).join("") : " []";
    }
    return kind === "raw" && !(value instanceof Bare) ? String(value ?? "") : written(value);
  });
  return page.loaded ? withKept(text, page.loaded.kept) : text;
}

// A loaded file's fields the form does not edit go back into the file unchanged (as JSON,
// which is YAML): its term dates under schedule, the rest before the review block.
function withKept(text, kept) {
  let result = text;
  const { terms, terms_offered: offered, ...rest } = kept;
  if (terms) {
    result = result.replace(/^( {2}enrollment: .*)$/m, (line) => `${line}\n  terms: ${JSON.stringify(terms)}`);
  }
  if (offered) {
    result = result.replace(/^terms_offered:\n(?: {2}- .*\n)+/m, `terms_offered: ${JSON.stringify(offered)}\n`);
  }
  const lines = Object.entries(rest).map(([key, value]) => `${key}: ${JSON.stringify(value)}\n`);
  if (lines.length) {
    const marker = "# Leave this as it is: a DESE reviewer";
    result = result.replace(marker, `# Kept from the file you loaded (this page does not edit them).\n${lines.join("")}${marker}`);
  }
  return result;
}

function finish(page) {
  showAsked(page);
  const wrong = [];
  for (const [name, shown] of page.fields) {
    const message = judge(page, name);
    if (message) {
      wrong.push([shown, message]);
    }
  }
  const summary = document.getElementById("mocap-propose-summary");
  const output = document.getElementById("mocap-propose-result");
  if (!page.catalog) {
    wrong.push([page.fields.get("provider"), "no catalog is open: this page is out of date"]);
  }
  if (wrong.length) {
    output.hidden = true;
    const list = element("ul");
    for (const [shown, message] of wrong) {
      const link = element("a", { href: `#field-${shown.question.name}` }, `${shown.question.label}: ${message}`);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        const target = shown.input.tagName === "FIELDSET" ? shown.input.querySelector("input") || shown.input : shown.input;
        target.focus();
      });
      list.append(element("li", {}, link));
    }
    const noun = wrong.length === 1 ? "answer" : "answers";
    summary.replaceChildren(element("h2", {}, `${wrong.length} ${noun} to correct`), list);
    summary.setAttribute("role", "alert");
    summary.hidden = false;
    summary.focus();
    return;
  }
  summary.hidden = true;
  summary.replaceChildren();
  showResult(page, fileText(page));
}

function result() {
  const section = element("section", { id: "mocap-propose-result", hidden: true, tabIndex: -1 });
  section.setAttribute("aria-labelledby", "mocap-propose-result-title");
  return section;
}

function showResult(page, text) {
  const { data } = page;
  const provider = valueOf(page, "provider");
  const name = `${valueOf(page, "name")}.yaml`;
  const folder = data.folder.replace("{provider}", provider);
  const left = unfinished(page);
  const update = Boolean(page.loaded && page.loaded.update);
  const newFile = `${data.repository}/new/${data.branch}/${folder}?filename=${encodeURIComponent(name)}`;
  const filled = `${newFile}&value=${encodeURIComponent(text)}`;
  const pasted = update || filled.length > LONGEST_ADDRESS;
  const target = update ? `${data.repository}/edit/${data.branch}/${folder}/${name}` : pasted ? newFile : filled;
  const open = element(
    "a",
    { id: "mocap-propose-pr", className: "md-button md-button--primary", href: target, rel: "noopener noreferrer", target: "_blank" },
    pasted ? "Copy the file and open GitHub's editor" : "Open a pull request",
  );
  const steps = pasted
    ? `The button copies the file; in GitHub's editor, select everything in ${update ? "the file" : "the editor"} and paste (Ctrl+V), then choose "Propose changes".`
    : 'GitHub opens with the file filled in: choose "Propose new file", then "Create pull request".';
  const blob = URL.createObjectURL(new Blob([text], { type: "text/yaml" }));
  const download = element("a", { className: "md-button", href: blob, download: name }, "Download the file");
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
  const todo = left.length
    ? element("p", {}, `Still to fill in before the check passes: ${left.join(", ")}. The file says REPLACE (or leaves the date empty) there.`)
    : null;
  const section = document.getElementById("mocap-propose-result");
  const parts = [
    element("h2", { id: "mocap-propose-result-title" }, "Your course file"),
    element("p", {}, "It goes in ", element("code", {}, folder), " as ", element("code", { id: "mocap-propose-filename" }, name), "."),
    todo,
    element("p", {}, open, " ", copy, " ", download),
    element("p", {}, steps),
    copied,
    element("pre", {}, scrolled(element("code", { id: "mocap-propose-text", tabIndex: 0 }, text))),
  ];
  section.replaceChildren(...parts.filter(Boolean));
  section.hidden = false;
  section.focus();
}

// A scrolling box (the theme scrolls a code block in itself) the keyboard can reach, named.
function scrolled(box) {
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", "The course file");
  return box;
}

function unfinished(page) {
  const given = answers(page);
  const fill = ["description", "attested_on", "accessibility_evidence", "accessibility_reviewed_on", "pacing", "enrollment", "technology_requirements"];
  return fill.filter((name) => page.fields.has(name) && !page.fields.get(name).box.hidden && given[name] === undefined).map((name) => page.fields.get(name).question.path);
}

// --- loading a file or a published course ------------------------------------------------------

function loadPanel(page) {
  const details = element("details", { id: "mocap-propose-load" });
  const paste = element("textarea", { id: "load-text", rows: 6, spellcheck: false });
  const file = element("input", { id: "load-file", type: "file", accept: ".yaml,.yml,text/yaml" });
  const button = element("button", { type: "button", className: "md-button", id: "load-button" }, "Load it");
  const report = element("div", { id: "load-report", role: "status" });
  const change = element("input", { id: "load-update", type: "checkbox", checked: true });
  details.append(
    element("summary", {}, "Start from an existing course file"),
    element("p", {}, "To change a published course, use the link on its page, or open or paste its file here. Its answers fill the form, and what is wrong with them is shown on each field."),
    element("label", { htmlFor: "load-file" }, "Open a course file"),
    file,
    element("label", { htmlFor: "load-text" }, "Or paste it"),
    paste,
    element(
      "div",
      { className: "mocap-field__option" },
      change,
      element("label", { htmlFor: "load-update" }, "The file is already in the catalog: I am changing it"),
    ),
    element("p", {}, button),
    report,
  );
  file.addEventListener("change", async () => {
    if (file.files.length) {
      paste.value = await file.files[0].text();
    }
  });
  button.addEventListener("click", () => {
    const named = file.files.length ? file.files[0].name.replace(/\.ya?ml$/, "") : "";
    loadText(page, paste.value, named, change.checked);
  });
  return details;
}

function loadText(page, text, name, update) {
  let record;
  try {
    record = readYaml(text, { schema: CORE_SCHEMA });
  } catch (error) {
    const line = error.mark ? `line ${error.mark.line + 1}: ` : "";
    report([`The file cannot be read: ${line}${error.reason || error.message}`]);
    return;
  }
  if (!record || typeof record !== "object" || Array.isArray(record)) {
    report(["The file cannot be read: a course file is a set of fields, one per line (name: value)."]);
    return;
  }
  fill(page, record, { name, update });
}

async function loadPublished(page, id) {
  say("Loading the course…");
  try {
    const response = await fetch(new URL(`courses/${id}/`, page.root));
    const html = new DOMParser().parseFromString(await response.text(), "text/html");
    const record = JSON.parse(html.getElementById("mocap-course-record").textContent);
    fill(page, record, { name: id.split("/")[1], update: true });
    say(`Loaded the published course ${record.title}: change what you need, then write the file.`);
  } catch {
    say(`No published course ${id} was found. Fill in the form for a new course, or load its file.`);
  }
}

function fill(page, record, { name, update }) {
  const notes = misspelt(page.data.fields, record, "");
  const used = new Set(["provider", "catalog", "review", "terms_offered", "schedule"]);
  for (const { question, input } of page.fields.values()) {
    if (question.path) {
      used.add(question.path.split(".")[0]);
    }
    const value = question.name === "provider" ? record.provider : question.name === "name" ? name : at(record, question.path);
    setValue(page, question, input, value);
  }
  const kept = Object.fromEntries(Object.entries(record).filter(([key]) => !used.has(key) && key in page.data.fields));
  if (record.schedule && record.schedule.terms) {
    kept.terms = record.schedule.terms;
  }
  if (Array.isArray(record.terms_offered)) {
    kept.terms_offered = record.terms_offered;
  }
  page.loaded = { kept, update };
  showAsked(page);
  const wrong = [];
  for (const [field, shown] of page.fields) {
    if (judge(page, field)) {
      wrong.push(`${shown.question.label}: ${shown.error.textContent}`);
    }
  }
  report([...notes, ...(wrong.length ? [`${wrong.length} ${wrong.length === 1 ? "answer shows" : "answers show"} a problem on the form below.`] : ["Loaded: no problem the page can judge."])]);
}

function at(record, path) {
  return path.split(".").reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), record);
}

function setValue(page, question, input, value) {
  if (input.tagName === "FIELDSET") {
    fillOptions(page, question, input, Array.isArray(value) ? value.map(String) : []);
  } else if (input.type === "checkbox") {
    input.checked = value === true;
  } else {
    const text = value === undefined || value === null ? "" : String(value);
    if (input.tagName === "SELECT" && text && ![...input.options].some((option) => option.value === text)) {
      input.append(element("option", { value: text }, text));
    }
    input.value = text;
  }
  if (["subject", "grades", "state_course_number"].includes(question.name)) {
    for (const list of ["standards", "certification_areas"]) {
      const shown = page.fields.get(list);
      if (shown) {
        fillOptions(page, shown.question, shown.input, valueOf(page, list));
      }
    }
  }
}

// Fields a course file does not have, each with the nearest one it may mean (as the check says).
function misspelt(known, record, prefix) {
  const notes = [];
  for (const [key, value] of Object.entries(record)) {
    if (!(key in known)) {
      const near = nearest(key, Object.keys(known));
      const hint = near ? `: did you mean '${near}'?` : "";
      const where = prefix ? `${prefix}${key}: ` : "";
      notes.push(`${where}'${key}' is not a field of this record${hint}`);
    } else if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(known[key]).length) {
      notes.push(...misspelt(known[key], value, `${prefix}${key}.`));
    }
  }
  return notes;
}

function nearest(word, candidates) {
  let best = null;
  let score = 0.6;
  for (const candidate of candidates) {
    const similar = 1 - distance(word, candidate) / Math.max(word.length, candidate.length);
    if (similar >= score) {
      [best, score] = [candidate, similar];
    }
  }
  return best;
}

// Edits between two words, a swap of neighbours counting as one (titel -> title).
function distance(a, b) {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) {
    rows[0][j] = j;
  }
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
      }
    }
  }
  return rows[a.length][b.length];
}

function report(lines) {
  const where = document.getElementById("load-report");
  where.replaceChildren(element("ul", {}, ...lines.map((line) => element("li", {}, line))));
}
