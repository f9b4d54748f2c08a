// The course file the propose page writes: `mocap new`'s own skeleton for the course's shape
// (from assets/propose.json), each slot filled as Python's scaffold writes that value.

import { NUMBER } from "./propose-judge.js";

const SLOT = /\0(raw|text|list)\|([a-z_]+)\|( *)\0/g;
const REVIEW_BLOCK = "# Leave this as it is: a DESE reviewer";
// Asked but optional: left empty, the file says REPLACE (or leaves a date empty) there.
const LEFT_TO_FILL = [
  "description",
  "standards_alignment",
  "certification_areas",
  "attested_on",
  "accessibility_evidence",
  "accessibility_reviewed_on",
  "pacing",
  "enrollment",
  "technology_requirements",
];

// A value written as it stands (a number as Decimal prints it, a date), not as quoted text.
class Bare {
  constructor(text) {
    this.text = text;
  }
}

// The answers as `mocap new` reads them, from [question, value as given] pairs of the questions
// asked: empty answers left out, numbers and dates bare, the program code a number.
export function typedAnswers(asked) {
  const given = {};
  for (const [question, value] of asked) {
    if (value === "" || value === false || (Array.isArray(value) && value.length === 0)) {
      continue;
    }
    if (question.name === "program_code") {
      given[question.name] = Number(value);
    } else if (question.kind === "number") {
      given[question.name] = new Bare(decimal(value));
    } else if (question.kind === "whole number") {
      given[question.name] = new Bare(value.replace(/^0+(?=\d)/, ""));
    } else if (question.schema && question.schema.format === "date") {
      given[question.name] = new Bare(value);
    } else {
      given[question.name] = value;
    }
  }
  return given;
}

// The questions a file written from these answers still needs answered (a certification area
// only where the subject is not one itself, as the file then names none).
export function leftToFill(data, questions, given) {
  const areaWritten = Object.hasOwn(data.areas, given.subject);
  const left = questions.filter((q) => LEFT_TO_FILL.includes(q.name) && given[q.name] === undefined);
  return left.filter((q) => q.name !== "certification_areas" || !areaWritten);
}

// The file for `given` answers of the course `where` ({provider, name, catalog}) names;
// `kept`: a loaded file's fields the form does not edit, put back as they were.
export function courseFile(data, given, where, kept) {
  const subjectHasCodes = data.subjects[given.subject] ?? true;
  const aligned = !given.standards && Boolean(given.standards_alignment || !subjectHasCodes);
  const values = { ...data.defaults, ...given };
  if (!given.certification_areas) {
    // As mocap new: the subject's own area where it is one (Mathematics), else one to fill in.
    values.certification_areas = [Object.hasOwn(data.areas, given.subject) ? given.subject : data.area_to_fill];
  }
  for (const [name, text] of Object.entries(where)) {
    values[name] = new Bare(text);
  }
  const shape = `${given.program_code}${aligned ? "-aligned" : ""}`;
  const text = data.skeletons[shape].replace(SLOT, (_, kind, name, indent) => {
    const value = values[name];
    if (kind === "list") {
      return value && value.length ? value.map((item) => `\n${indent}- ${written(item)}`).join("") : " []";
    }
    return kind === "raw" && !(value instanceof Bare) ? String(value ?? "") : written(value);
  });
  return kept ? withKept(text, kept) : text;
}

// "0395" -> "395", ".5" -> "0.5", "5." -> "5": as Python's Decimal prints what it read.
function decimal(text) {
  const [, whole, fraction] = NUMBER.exec(text);
  const digits = whole.replace(/^0+(?=\d)/, "") || "0";
  return fraction ? `${digits}.${fraction}` : digits;
}

// As the scaffold's _text: text as a JSON string (a YAML string), the rest as it prints.
function written(value) {
  if (value === undefined || value === null) {
    return "";
  }
  if (value instanceof Bare) {
    return value.text;
  }
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

// A loaded file's fields the form does not edit go back unchanged (as JSON, which is YAML):
// its term dates under schedule, the terms offered in place, the rest before the review block.
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
    const heading = "# Kept from the file you loaded (this page does not edit them).\n";
    result = result.replace(REVIEW_BLOCK, `${heading}${lines.join("")}${REVIEW_BLOCK}`);
  }
  return result;
}
