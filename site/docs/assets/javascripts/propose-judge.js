// The propose page's judgment of one answer, in the words `mocap check` (and `mocap new`) use.
// `course` gives the page's data, its open catalog and `value(name)`: another answer as given.

const NUMBER = /^(\d*)(?:\.(\d*))?$/;
const MONEY = /[$,]/;
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;
const FILE_NAME = /^[a-z0-9][a-z0-9-]*$/;
const LISTED = {
  state_course_number: ["course_numbers", "state course number", "catalog/reference/state_course_numbers.csv"],
  subject: ["subjects", "subject", "catalog/reference/subjects.csv"],
  certification_areas: ["areas", "certification area", "catalog/reference/certification_areas.csv"],
};
const STANDARDS_FILE = "catalog/reference/learning_standards.csv";

// What is wrong with an answer, or "" when the page finds nothing.
export function problem(course, question, value) {
  if (value === "" || (Array.isArray(value) && value.length === 0)) {
    return question.required ? "this one is needed to write the file" : "";
  }
  if (question.name === "name") {
    return FILE_NAME.test(value) ? "" : `the file name '${value}' must be lowercase letters, digits and hyphens (e.g. algebra-i)`;
  }
  if (!question.schema || typeof value === "boolean") {
    return "";
  }
  const items = Array.isArray(value) ? value : [value];
  for (const [index, item] of items.entries()) {
    const found = itemProblem(course, question, item);
    if (found) {
      return Array.isArray(value) ? `item ${index + 1} ('${item}'): ${found}` : found;
    }
  }
  return wholeProblem(course, question, value);
}

function itemProblem(course, question, text) {
  const schema = question.schema.type === "array" ? question.schema.items : question.schema;
  const found = text.length > 80 ? `'${text.slice(0, 79)}…'` : `'${text}'`;
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
  if (schema.maxLength && text.length > schema.maxLength) {
    const [length, most] = [text.length, schema.maxLength].map((n) => n.toLocaleString("en-US"));
    return `this text is ${length} characters long; at most ${most} are allowed: shorten it`;
  }
  if (schema.pattern && !new RegExp(schema.pattern).test(text)) {
    const example = (schema.examples || [])[0];
    return `${schema["x-explanation"] || "this is not written as the field asks"}, for example '${example}' (found ${found})`;
  }
  const { mark, domain } = course.data.placeholder;
  if (text.includes(mark) || text.includes(domain)) {
    return `this is what ./mocap new wrote for you to replace: write your own answer here (${question.help || question.label})`;
  }
  if (EMAIL.test(text)) {
    return "this text holds an e-mail address; catalog files and the site are public, so remove it";
  }
  return referenceProblem(course, question, text);
}

function referenceProblem(course, question, text) {
  if (question.name in LISTED) {
    const [table, kind, file] = LISTED[question.name];
    const known = Object.keys(course.data[table]);
    if (!known.includes(text)) {
      const same = known.find((name) => name.toLowerCase() === text.toLowerCase());
      const hint = same ? `: did you mean '${same}'?` : `; look it up in ${file}`;
      return `'${text}' is not a ${kind} in ${file}${hint}`;
    }
  }
  return question.name === "standards" ? standardProblem(course, text) : "";
}

function standardProblem(course, code) {
  const { standards } = course.data;
  const subject = course.value("subject");
  const standard = standards[code.replace(/(\d)([a-z])$/, "$1.$2")];
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
  if (areas.some((area) => !(area in data.areas))) {
    return "";
  }
  const number = course.value("state_course_number");
  const specific = data.number_areas[number];
  const covered = new Set(areas.filter((area) => qualifies(course, area)).flatMap((area) => gradesIn(data.areas[area].grades)));
  const missing = gradesIn(course.value("grades")).filter((grade) => !covered.has(grade));
  if (!missing.length) {
    return "";
  }
  const names = (missing.length === 1 ? "grade " : "grades ") + missing.map((g) => (g === 0 ? "K" : String(g))).join(", ");
  const what = specific ? `${number} (${course.value("title")})` : course.value("subject");
  const hint = specific ? ` (for this course: ${listed([...specific].sort())})` : "";
  return `no certification area listed qualifies a teacher for ${what} in ${names}: add the area the teacher of record holds for those grades${hint}, or narrow the course's grades`;
}

// The open catalog's cap for the course's length, with PRC01's sentence, or null.
export function priceCap(course) {
  const length = course.value("length");
  return (course.catalog && length && course.catalog.caps[length]) || null;
}

// Whether a certification area qualifies a teacher for the course (as CRT03 decides).
export function qualifies(course, area) {
  const specific = course.data.number_areas[course.value("state_course_number")];
  if (specific) {
    return specific.includes(area);
  }
  return course.data.areas[area].subjects.includes(course.value("subject"));
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

function listed(words) {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}
