// Reading a course file into the propose page: js-yaml (pinned in package.json, copied into the
// site by the build, fetched only when a file is loaded) reads it; what the check's own reader
// refuses (a repeated field, anchors and aliases) is refused here too, and fields a course file
// does not have, or values of the wrong kind, are named in the check's words.

import { dateProblem, has, nearest, shown, textProblem } from "./propose-judge.js";

// Fields the form writes itself whatever a loaded file says (a change is a new submission).
const REWRITTEN = ["provider", "catalog", "review", "schedule", "terms_offered"];

// {record} or {problem}: why the text is not a course file, with its line.
export async function readCourseFile(text, messages) {
  const { CORE_SCHEMA, load } = await import("../vendor/js-yaml.mjs");
  let record;
  try {
    record = load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    const line = error.mark ? error.mark.line : -1;
    return { problem: `The file cannot be read: ${line >= 0 ? `line ${line + 1}: ` : ""}${yamlWords(error, text, line, messages)}` };
  }
  if (!record || typeof record !== "object" || Array.isArray(record)) {
    return { problem: "The file cannot be read: a course file is a set of fields, one per line (name: value)." };
  }
  if (repeats(record)) {
    return { problem: `The file cannot be read: ${messages.aliases}` };
  }
  return { record };
}

// The check's words for a repeated field; js-yaml's for the rest.
function yamlWords(error, text, line, messages) {
  const reason = error.reason || error.message;
  if (!reason.startsWith("duplicated mapping key") || line < 0) {
    return reason;
  }
  const lines = text.split("\n");
  const [, indent, key] = /^(\s*)([^:#]+?)\s*:/.exec(lines[line]) || [];
  const first = lines.findIndex((other) => other.startsWith(`${indent}${key}:`) || other.startsWith(`${indent}${key} :`));
  return messages.duplicate.replace("\0key\0", key).replace("\0line\0", String(first + 1));
}

// Whether a value is reached twice (an alias): the check refuses those, and written out a few
// nested ones make a small file billions of values long.
function repeats(value, seen = new Set()) {
  if (!value || typeof value !== "object") {
    return false;
  }
  if (seen.has(value)) {
    return true;
  }
  seen.add(value);
  return Object.values(value).some((inner) => repeats(inner, seen));
}

// A question's value in a loaded record, and what is wrong with it as the form reads it.
export function loadedValue(record, question, dateExample) {
  const value = question.path.split(".").reduce((node, part) => (node && typeof node === "object" && has(node, part) ? node[part] : undefined), record);
  if (value === undefined || value === null) {
    return { value: undefined };
  }
  const found = shown(value);
  if (question.schema.type === "array" && !Array.isArray(value)) {
    const note = `${question.path}: write a list: put each item on its own line below '${question.path.split(".").pop()}:', starting with '- ' (found ${found})`;
    return { value: typeof value === "object" ? [] : [String(value)], note };
  }
  if (question.schema.type === "boolean" && typeof value !== "boolean") {
    return { value: undefined, note: `${question.path}: write true or false (found ${found})` };
  }
  if (question.schema.type !== "array" && typeof value === "object") {
    return { value: undefined, note: `${question.path}: write one piece of text here, not a list or a set of fields (found ${found})` };
  }
  if (question.schema.format === "date" && !realDate(String(value))) {
    return { value: undefined, note: `${question.path}: ${dateProblem(String(value), dateExample)}` };
  }
  return { value };
}

function realDate(text) {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return Boolean(parts) && new Date(Date.UTC(+parts[1], parts[2] - 1, +parts[3])).toISOString().slice(0, 10) === text;
}

// The loaded fields no question edits, to be written back as they were ({kept}), with what the
// check would refuse in them ({problems}: the page writes no file until the file is corrected).
export function keptFields(record, questions, known, data) {
  const edited = new Set([...REWRITTEN, ...questions.map((q) => q.path.split(".")[0])]);
  const kept = Object.fromEntries(Object.entries(record).filter(([key]) => !edited.has(key) && has(known, key)));
  const problems = [];
  const schedule = record.schedule && typeof record.schedule === "object" ? record.schedule : {};
  for (const [path, value, name] of [["schedule.terms", schedule.terms, "terms"], ["terms_offered", record.terms_offered, "terms_offered"]]) {
    if (Array.isArray(value)) {
      kept[name] = value;
    } else if (value !== undefined && value !== null) {
      problems.push(`${path}: write a list: put each item on its own line below '${name}:', starting with '- ' (found ${shown(value)})`);
    }
  }
  const walk = (value, path) => {
    if (typeof value === "string") {
      const fault = textProblem(data, value);
      if (fault) {
        problems.push(`${path}: ${fault}`);
      }
    } else if (typeof value === "number" && !Number.isFinite(value)) {
      problems.push(`${path}: write a number or a text here, not ${value} (found ${shown(value)})`);
    } else if (value && typeof value === "object") {
      Object.entries(value).forEach(([key, inner]) => walk(inner, Array.isArray(value) ? `${path} #${Number(key) + 1}` : `${path}.${key}`));
    }
  };
  Object.entries(kept).forEach(([key, value]) => walk(value, key === "terms" ? "schedule.terms" : key));
  return { kept, problems };
}



// Fields a course file does not have, each with the nearest one it may mean (as the check says),
// in nested blocks and in each item of a list of blocks.
export function misspelt(known, record, prefix = "") {
  const notes = [];
  for (const [key, value] of Object.entries(record)) {
    if (!has(known, key)) {
      const near = nearest(key, Object.keys(known));
      const hint = near ? `: did you mean '${near}'?` : "";
      notes.push(`${prefix ? `${prefix}${key}: ` : ""}'${key}' is not a field of this record${hint}`);
    } else if (Object.keys(known[key]).length && Array.isArray(value)) {
      value.forEach((item, index) => {
        if (item && typeof item === "object" && !Array.isArray(item)) {
          notes.push(...misspelt(known[key], item, `${prefix}${key} #${index + 1}.`));
        }
      });
    } else if (Object.keys(known[key]).length && value && typeof value === "object") {
      notes.push(...misspelt(known[key], value, `${prefix}${key}.`));
    }
  }
  return notes;
}
