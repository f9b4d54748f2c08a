// Reading a course file into the propose page: js-yaml (pinned in package.json, copied into the
// site by the build, fetched only when a file is loaded) reads it; fields a course file does not
// have are named with the nearest one meant, in the check's words.

// Fields the form writes itself whatever a loaded file says (a change is a new submission).
const REWRITTEN = ["provider", "catalog", "review", "schedule", "terms_offered"];

// {record} or {problem}: why the text is not a course file, with its line.
export async function readCourseFile(text) {
  const { CORE_SCHEMA, load } = await import("../vendor/js-yaml.mjs");
  let record;
  try {
    record = load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    const line = error.mark ? `line ${error.mark.line + 1}: ` : "";
    return { problem: `The file cannot be read: ${line}${error.reason || error.message}` };
  }
  if (!record || typeof record !== "object" || Array.isArray(record)) {
    return { problem: "The file cannot be read: a course file is a set of fields, one per line (name: value)." };
  }
  return { record };
}

export function valueAt(record, path) {
  return path.split(".").reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), record);
}

// The loaded fields no question edits, to be written back as they were.
export function keptFields(record, questions, known) {
  const edited = new Set([...REWRITTEN, ...questions.map((q) => q.path.split(".")[0])]);
  const kept = Object.fromEntries(Object.entries(record).filter(([key]) => !edited.has(key) && key in known));
  if (record.schedule && record.schedule.terms) {
    kept.terms = record.schedule.terms;
  }
  if (Array.isArray(record.terms_offered)) {
    kept.terms_offered = record.terms_offered;
  }
  return kept;
}

// Fields a course file does not have, each with the nearest one it may mean (as the check says).
export function misspelt(known, record, prefix = "") {
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
  rows[0] = Array.from({ length: b.length + 1 }, (_, j) => j);
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
