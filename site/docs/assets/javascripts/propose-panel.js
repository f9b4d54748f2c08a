// The propose page's loading panel: a published course picked by provider and title (or named
// in the address), or a course file opened or pasted, read into the form. `page` gives the form's
// own operations (judge, showAsked, fillOptions, ...), so this module needs nothing else of it.

import { choices, element, say } from "./propose-dom.js";
import { keptFields, loadedValue, misspelt, readCourseFile } from "./propose-load.js";

export const COURSE_ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;

export function loadPanel(page) {
  const paste = element("textarea", { id: "load-text", rows: 6, spellcheck: false, className: "mocap-input" });
  const file = element("input", { id: "load-file", type: "file", accept: ".yaml,.yml,text/yaml", className: "mocap-input" });
  const button = element("button", { type: "button", className: "md-button", id: "load-button" }, "Load it");
  file.addEventListener("change", async () => {
    if (file.files.length) {
      paste.value = await file.files[0].text();
    }
  });
  paste.addEventListener("input", () => {
    file.value = ""; // the text is no longer that file's: its name is not the course's
  });
  button.addEventListener("click", async () => {
    const read = await readCourseFile(paste.value, page.data.messages);
    if (read.problem) {
      report([read.problem]);
      return;
    }
    fill(page, read.record, file.files.length ? file.files[0].name.replace(/\.ya?ml$/, "") : "");
  });
  return element(
    "details",
    { id: "mocap-propose-load" },
    element("summary", {}, "Start from a published course or a course file"),
    element(
      "p",
      {},
      "To change a published course, pick it here (or follow the link on its page), or open or paste its file. Its answers fill the form, and what is wrong with them is shown on each field.",
    ),
    ...publishedPicker(page),
    element("label", { htmlFor: "load-file" }, "Open a course file"),
    file,
    element("label", { htmlFor: "load-text" }, "Or paste it"),
    paste,
    element("p", {}, button),
  );
}

// A provider, then one of its published courses (from the provider's file list).
function publishedPicker(page) {
  const providers = choices("q-pick-provider", "pick-provider", []);
  for (const provider of page.data.providers) {
    providers.append(element("option", { value: provider.id }, provider.name));
  }
  const courses = choices("q-pick-course", "pick-course", []);
  const button = element("button", { type: "button", className: "md-button", id: "pick-button" }, "Load this course");
  providers.addEventListener("change", async () => {
    courses.replaceChildren(element("option", { value: "" }, "Choose one"));
    const files = providers.value ? await page.providerFiles(providers.value) : [];
    for (const file of files.filter((course) => course.published)) {
      courses.append(element("option", { value: `${providers.value}/${file.name}` }, file.title));
    }
  });
  button.addEventListener("click", () => {
    if (COURSE_ID.test(courses.value)) {
      loadPublished(page, courses.value);
    }
  });
  return [
    element("label", { htmlFor: "q-pick-provider" }, "Provider of the published course"),
    providers,
    element("label", { htmlFor: "q-pick-course" }, "Published course"),
    courses,
    element("p", {}, button),
  ];
}

export async function loadPublished(page, id) {
  say("Loading the course…");
  try {
    const response = await fetch(new URL(`courses/${id}/`, page.root));
    const html = new DOMParser().parseFromString(await response.text(), "text/html");
    const record = JSON.parse(html.getElementById("mocap-course-record").textContent);
    fill(page, record, id.split("/")[1]);
    say(`Loaded the published course ${record.title}: change what you need, then write the file.`);
  } catch {
    say(`No published course ${id} was found. Fill in the form for a new course, or load its file.`);
  }
}

// A loaded record's answers into the form, each judged there; what the form cannot hold (a
// misspelt field, a list written as text, an impossible date) is named above the form.
function fill(page, record, name) {
  const notes = misspelt(page.data.fields, record);
  for (const { question, input } of page.fields.values()) {
    let value = question.name === "provider" ? record.provider : name;
    if (question.schema) {
      const loaded = loadedValue(record, question, page.data.date_example);
      value = loaded.value;
      if (loaded.note) {
        notes.push(loaded.note);
      }
    }
    setValue(page, question, input, value);
    if (page.narrows(question.name)) {
      page.refillOptions();
    }
  }
  page.loaded = keptFields(record, page.data.questions, page.data.fields, page.data);
  notes.push(...page.loaded.problems);
  page.showAsked();
  page.noteExisting();
  const wrong = [...page.fields.keys()].filter((field) => page.judge(field)).length;
  const shown = wrong ? `${wrong} ${wrong === 1 ? "answer shows" : "answers show"} a problem on the form below.` : "Loaded: no problem the page can judge.";
  report([...notes, shown]);
}

function setValue(page, question, input, value) {
  if (input.tagName === "FIELDSET") {
    page.fillOptions(question, input, Array.isArray(value) ? value.map(String) : []);
  } else if (input.type === "checkbox") {
    input.checked = value === true;
  } else {
    const text = value === undefined || value === null ? "" : String(value);
    if (input.tagName === "SELECT" && text && ![...input.options].some((option) => option.value === text)) {
      input.append(element("option", { value: text }, text)); // shown, so its fault can be named
    }
    input.value = text;
  }
}

function report(lines) {
  document.getElementById("load-report").replaceChildren(element("ul", {}, ...lines.map((line) => element("li", {}, line))));
}
