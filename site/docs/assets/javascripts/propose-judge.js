// The propose page's judgment of one answer, in the words `mocap check` (and `mocap new`) use.
// `course` gives the page's data, its open catalog and `value(name)`: another answer as given.

export const NUMBER = /^(\d*)(?:\.(\d*))?$/; // a decimal as the models read it from text
const MONEY = /[$,]|usd|dollars?/i;
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;
const FILE_NAME = /^[a-z0-9][a-z0-9-]*$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const LISTED = {
  state_course_number: ["course_numbers", "state course number", "catalog/reference/state_course_numbers.csv"],
  subject: ["subjects", "subject", "catalog/reference/subjects.csv"],
  certification_areas: ["areas", "certification area", "catalog/reference/certification_areas.csv"],
};
const STANDARDS_FILE = "catalog/reference/learning_standards.csv";
export const has = (object, key) => Object.hasOwn(object, key);

// What is wrong with an answer, or "" when the page finds nothing.
export function problem(course, question, value) {
  if (value === "" || (Array.isArray(value) && value.length === 0)) {
    return emptyProblem(course, question);
  }
  if (question.name === "provider") {
    return course.data.providers.some((provider) => provider.id === value) ? "" : `there is no provider '${value}' in catalog/providers`;
  }
  if (question.name === "name") {
    return FILE_NAME.test(value) ? "" : `the file name '${value}' must be lowercase letters, digits and hyphens (e.g. algebra-i)`;
  }
  if (!question.schema || typeof value === "boolean") {
    return "";
  }
  const choices = (question.schema.type === "array" ? question.schema.items : question.schema).enum;
  const items = Array.isArray(value) ? value : [value];
  for (const [index, item] of items.entries()) {
    const found = choices && !choices.map(String).includes(item) ? choiceProblem(choices.map(String), item) : itemProblem(course, question, item);
    if (found) {
      return Array.isArray(value) ? `item ${index + 1} ('${item}'): ${found}` : found;
    }
  }
  return wholeProblem(course, question, value);
}

function emptyProblem(course, question) {
  if (question.required) {
    return "this one is needed to write the file";
  }
  if (question.name === "certification_areas") {
    return "tick the certification areas your teacher of record holds (never names or certificate numbers)";
  }
  const subject = course.value("subject");
  if (question.name === "standards" && course.data.subjects[subject] && !course.value("standards_alignment")) {
    return (
      `every course must be aligned with the Missouri Learning Standards, whatever its course types: tick the ${subject} codes it is aligned to, ` +
      "or, if none fits, give the https address of its published alignment below"
    );
  }
  return "";
}

function itemProblem(course, question, text) {
  const schema = question.schema.type === "array" ? question.schema.items : question.schema;
  const found = shown(text);
  const hidden = hiddenProblem(course.data, text);
  if (hidden) {
    return hidden;
  }
  if (question.kind === "number") {
    if (MONEY.test(text)) {
      return `write the amount as a plain number, without '$' or commas: for example 1200 or 395.50 (found ${found})`;
    }
    const number = NUMBER.exec(text);
    if (!number || text === ".") {
      return `write a number here, for example 0.5 or 395 (found ${found})`;
    }
    if ((number[2] || "").length > 2) {
      return `use at most 2 digits after the point (found ${found})`;
    }
  }
  if (question.kind === "whole number" && !/^\d+$/.test(text)) {
    return `write a whole number here, for example 25 (found ${found})`;
  }
  const length = [...text].length; // characters, as Python counts them
  if (schema.maxLength && length > schema.maxLength) {
    const [counted, most] = [length, schema.maxLength].map((n) => n.toLocaleString("en-US"));
    return `this text is ${counted} characters long; at most ${most} are allowed: shorten it`;
  }
  if (has(LISTED, question.name)) {
    return referenceProblem(course, question, text);
  }
  if (schema.pattern && !new RegExp(schema.pattern).test(text)) {
    return patternProblem(question, schema, text);
  }
  if (question.name === "grades" && gradesIn(text).length === 0) {
    return `the span '${text}' runs backwards: write the lower grade first`;
  }
  return textProblem(course.data, text, question.help || question.label) || (question.name === "standards" ? standardProblem(course, text) : "");
}

function hiddenProblem(data, text) {
  const hidden = new RegExp(data.hidden.pattern, "u").exec(text);
  if (!hidden) {
    return "";
  }
  const position = [...text.slice(0, hidden.index)].length + 1;
  return `this text holds the invisible character ${data.hidden.names[hidden[0]]} as its ${ordinal(position)} character: delete it (it often comes from copying text out of another program)`;
}

// What the check refuses in any text, whatever its field: invisible characters, what mocap new
// left to replace, e-mail addresses (the guards every text of a file gets).
export function textProblem(data, text, described = "") {
  const { mark, domain } = data.placeholder;
  if (text.includes(mark) || text.includes(domain)) {
    return `this is what ./mocap new wrote for you to replace: write your own answer here${described ? ` (${described})` : ""}`;
  }
  if (EMAIL.test(text)) {
    return "this text holds an e-mail address; catalog files and the site are public, so remove it";
  }
  return hiddenProblem(data, text);
}

// A value that is not one of the field's choices (a loaded file can hold any), as pydantic's
// literal error reads in the check.
function choiceProblem(choices, text) {
  const listed = choices.join(", ");
  const same = choices.find((choice) => choice.toLowerCase() === text.trim().toLowerCase());
  if (same) {
    return `write '${same}' exactly like this (found ${shown(text)})`;
  }
  const close = nearest(text, choices);
  return close ? `did you mean '${close}'? Write one of: ${listed} (found ${shown(text)})` : `write one of: ${listed} (found ${shown(text)})`;
}

function patternProblem(question, schema, text) {
  const explanation = schema["x-explanation"] || "this is not written as the field asks";
  const guess = question.name === "grades" ? gradesMeant(text) : "";
  if (guess && new RegExp(schema.pattern).test(guess)) {
    return `${explanation}: did you mean '${guess}'? (found '${text.slice(0, 80)}')`;
  }
  return `${explanation}, for example '${(schema.examples || [])[0]}' (found '${text.slice(0, 80)}')`;
}

// '9th', 'Grades 9 - 12', '9 to 12', 'k-2', 'Kindergarten' as 9, 9-12, 9-12, K-2, K.
function gradesMeant(text) {
  let words = text.replace(/\bgrades?\b/gi, "").replace(/\bkindergarten\b/gi, "K");
  words = words.replace(/(\d+)(st|nd|rd|th)\b/gi, "$1");
  words = words.trim().replace(/\s*(-|\u2013|\u2014|to|through)\s*/g, "-");
  return words.replaceAll(" ", "").replaceAll("k", "K");
}

// A name the reference lists; the nearest one suggested, as `mocap new` does.
function referenceProblem(course, question, text) {
  const [table, kind, file] = LISTED[question.name];
  const known = Object.keys(course.data[table]);
  if (known.includes(text)) {
    return "";
  }
  const close = known.find((name) => name.toLowerCase() === text.toLowerCase()) || nearest(text, known, 0.5);
  const hint = close ? `: did you mean '${close}'?` : `; look it up in ${file}`;
  return `'${text}' is not a ${kind} in ${file}${hint}`;
}

function standardProblem(course, code) {
  const { standards } = course.data;
  const subject = course.value("subject");
  const key = code.replace(/(\d)([a-z])$/, "$1.$2");
  const standard = has(standards, key) ? standards[key] : null;
  if (!standard) {
    const example = Object.keys(standards).find((known) => standards[known].subject === subject);
    const shape = example ? ` (${subject} codes look like ${example})` : "";
    return `'${code}' is not a Missouri Learning Standards code in ${STANDARDS_FILE}: check its spelling${shape}, or ask DESE to add it`;
  }
  if (standard.subject !== subject) {
    const article = /^[AEIOU]/.test(standard.subject) ? "an" : "a";
    return `'${code}' is ${article} ${standard.subject} standard, but the course's subject is ${subject}: cite standards of the course's own subject`;
  }
  const grades = course.value("grades");
  const serves = gradesIn(grades);
  if (serves.length && !gradesIn(standard.grades).some((grade) => serves.includes(grade))) {
    return `'${code}' is a standard for grades ${standard.grades}, but the course is for grades ${grades}: cite standards for the grades the course serves`;
  }
  return "";
}

function wholeProblem(course, question, value) {
  if (question.name === "state_course_number") {
    const other = (course.courseFiles() || []).find((file) => file.number === value && file.name !== course.value("name"));
    if (other) {
      return `the state course number ${value} is already used by ${other.file}: each course of a provider has its own number`;
    }
  }
  if (question.name === "price") {
    const cap = priceCap(course);
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
  return question.name === "certification_areas" ? coverProblem(course, value) : "";
}

function coverProblem(course, areas) {
  const { data } = course;
  if (areas.some((area) => !has(data.areas, area))) {
    return "";
  }
  const number = course.value("state_course_number");
  const specific = has(data.number_areas, number) ? data.number_areas[number] : null;
  const covered = new Set(areas.filter((area) => qualifies(course, area)).flatMap((area) => gradesIn(data.areas[area].grades)));
  const missing = gradesIn(course.value("grades")).filter((grade) => !covered.has(grade));
  if (!missing.length) {
    return "";
  }
  const names = (missing.length === 1 ? "grade " : "grades ") + missing.map((g) => (g === 0 ? "K" : String(g))).join(", ");
  const what = specific ? `${number} (${course.value("title") || "this course"})` : course.value("subject");
  const hint = specific ? ` (for this course: ${listed([...specific].sort())})` : "";
  return `no certification area listed qualifies a teacher for ${what} in ${names}: add the area the teacher of record holds for those grades${hint}, or narrow the course's grades`;
}

// Why a loaded date is not one, as the check says it (the date picker cannot hold it).
export function dateProblem(text, example) {
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [year, month, day] = iso.slice(1).map(Number);
    if (month < 1 || month > 12) {
      return `${text} is not a real date: there is no month ${month} (months run from 01 to 12)`;
    }
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day < 1 || day > days) {
      return `${text} is not a real date: ${MONTHS[month - 1]} ${year} has ${days} days. Correct the day`;
    }
    return `write the month and the day with two digits each: ${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  }
  const us = US_DATE.exec(text);
  if (us) {
    const [month, day, short] = us.slice(1).map(Number);
    const year = short < 100 ? short + 2000 : short;
    const meant = new Date(Date.UTC(year, month - 1, day));
    if (meant.getUTCMonth() === month - 1 && meant.getUTCDate() === day) {
      const iso = meant.toISOString().slice(0, 10);
      return `write dates as YYYY-MM-DD: if you mean ${MONTHS[month - 1]} ${day}, ${year}, write ${iso}`;
    }
  }
  return `write the date as YYYY-MM-DD, for example ${example} (found ${shown(text)})`;
}

// The open catalog's cap for the course's length, with PRC01's sentence, or null.
export function priceCap(course) {
  const length = course.value("length");
  return (course.catalog && length && course.catalog.caps[length]) || null;
}

// Whether a certification area qualifies a teacher for the course (as CRT03 decides).
export function qualifies(course, area) {
  const { data } = course;
  const number = course.value("state_course_number");
  if (has(data.number_areas, number)) {
    return data.number_areas[number].includes(area);
  }
  return has(data.areas, area) && data.areas[area].subjects.includes(course.value("subject"));
}

export function gradesIn(span) {
  const match = /^(K|\d+)(?:-(K|\d+))?$/.exec(span || "");
  if (!match) {
    return [];
  }
  const number = (grade) => (grade === "K" ? 0 : Number(grade));
  const first = number(match[1]);
  const last = match[2] === undefined ? first : number(match[2]);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, index) => first + index);
}

export function dollars(text) {
  return `$${Number(text).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

// The candidate nearest a word, if it is at least `least` alike (1: the same).
export function nearest(word, candidates, least = 0.6) {
  let best = null;
  let score = least;
  for (const candidate of candidates) {
    const alike = 1 - distance(word, candidate) / Math.max(word.length, candidate.length);
    if (alike >= score) {
      [best, score] = [candidate, alike];
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

// A value quoted as the check's messages quote it: at most 80 characters.
export function shown(value) {
  const text = [...(typeof value === "string" ? value : (JSON.stringify(value) ?? String(value)))];
  return text.length > 80 ? `'${text.slice(0, 79).join("")}…'` : `'${text.join("")}'`;
}

function ordinal(number) {
  const suffix = number % 100 >= 10 && number % 100 <= 20 ? "th" : { 1: "st", 2: "nd", 3: "rd" }[number % 10] || "th";
  return `${number}${suffix}`;
}

function listed(words) {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}
