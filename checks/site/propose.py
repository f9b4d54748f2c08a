"""What the "Propose a course" page knows, as one JSON file the page's script reads: the questions
``mocap new course`` asks (with each field's help text, clause and schema limits), the reference
data that narrows the answers, the catalogs with their deadlines and price caps, the skeletons
of the file ``mocap new`` writes, and the sentences ``mocap check`` says where the page can judge
the same thing. Nothing here is restated by hand: it is read from the models, the reference data
and the rules' own message functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from checks.catalog import Catalog, CourseEntry
from checks.layout import COURSES_DIR, PROVIDERS_DIR
from checks.questions import COURSE_QUESTIONS
from checks.reference.load import Reference
from checks.rules.placeholders import PLACEHOLDER_DOMAIN, PLACEHOLDER_MARK
from checks.rules.price import cap_basis, over_cap_message, price_cap
from checks.scaffold import AREA_TO_FILL, COURSE_DEFAULTS, CourseAnswers, Slot, course_text
from checks.schemas import record_schema
from checks.site.errors import BuildFailed
from checks.site.fieldref import field_reference, resolved
from checks.site.tools import NODE_HELP, NODE_MODULES
from checks.site.views import ProviderView
from checks.terms import CatalogTerm, long_date, next_open_term
from checks.texts import HIDDEN_CHARACTERS
from checks.wording import DATE_EXAMPLE, character_name
from checks.yamlfile import ALIAS_MESSAGE, duplicate_key_message

PROPOSE_DATA = "assets/propose.json"
PROVIDER_FILES = "assets/propose/{provider}.json"  # each provider's course files, for the page
CATALOGS_AHEAD = 4  # the catalogs the page offers from the build's date: two school years
PRICE_MARK = "\0price\0"  # where the page writes the price into PRC01's sentence
# The page reads a loaded course file with js-yaml (pinned in package.json).
VENDORED = {"assets/vendor/js-yaml.mjs": "js-yaml/dist/js-yaml.mjs"}


def course_files(catalog: Catalog, published: Iterable[CourseEntry]) -> dict[str, dict[str, Any]]:
    """Each provider's course files in the repository, published or not (their names are public
    there): the page says when a name is already a file's, and judges CAT02 against their numbers."""
    shown = {entry.source.name for entry in published}
    courses: dict[str, dict[str, dict[str, Any]]] = {p.folder: {} for p in catalog.providers}
    for entry in catalog.courses:
        name = entry.source.path.stem
        courses.setdefault(entry.folder, {})[name] = {
            "name": name,
            "file": entry.source.name,
            "number": entry.record.state_course_number,
            "title": entry.record.title,
            "published": entry.source.name in shown,
        }
    for file_name in catalog.file_names:  # files that do not load still hold their names
        parts = file_name.split("/")
        if len(parts) == 5 and parts[3] == COURSES_DIR and parts[4].endswith(".yaml"):
            name = parts[4].removesuffix(".yaml")
            courses.setdefault(parts[2], {}).setdefault(
                name, {"name": name, "file": file_name, "number": None, "title": name, "published": False}
            )
    return {
        provider: {"courses": sorted(files.values(), key=lambda c: c["name"])}
        for provider, files in courses.items()
    }


def vendored_scripts() -> dict[str, str]:
    """The third-party scripts the page imports, by their place in the site."""
    scripts = {}
    for place, source in VENDORED.items():
        path = NODE_MODULES / source
        if not path.is_file():
            raise BuildFailed(f"{path} is missing: {NODE_HELP}")
        scripts[place] = path.read_text(encoding="utf-8")
    return scripts


@dataclass(frozen=True)
class Submissions:
    """The repository and branch submissions are pull requests to (from mkdocs.yml)."""

    repository: str
    branch: str


def propose_data(
    reference: Reference, providers: list[ProviderView], as_of: dt.date, submissions: Submissions
) -> dict[str, Any]:
    schema = record_schema("course")
    rows = {
        row.path: row for section in field_reference() for row in section.rows if "course" in section.file
    }
    return {
        "questions": [_question(q, schema, rows) for q in COURSE_QUESTIONS],
        "skeletons": _skeletons(),
        "defaults": COURSE_DEFAULTS,
        "area_to_fill": AREA_TO_FILL,
        "hidden": {"pattern": HIDDEN_CHARACTERS.pattern, "names": _hidden_names()},
        "messages": {
            "aliases": ALIAS_MESSAGE,
            "duplicate": duplicate_key_message("\0key\0", "\0line\0"),
        },
        "placeholder": {"mark": PLACEHOLDER_MARK, "domain": PLACEHOLDER_DOMAIN},
        "fields": _field_names(schema, schema),
        "folder": f"catalog/{PROVIDERS_DIR}/{{provider}}/{COURSES_DIR}",
        "providers": [{"id": p.id, "name": p.name} for p in providers],
        "subjects": {name: s.core_standards for name, s in reference.subjects.items()},
        "course_numbers": {
            n: {"title": row.title, "subject": row.subject} for n, row in reference.course_numbers.items()
        },
        "standards": {
            code: {"subject": s.subject, "grades": s.grades, "text": s.description}
            for code, s in reference.standards.items()
        },
        "areas": {
            area: {"grades": a.grades, "subjects": sorted(reference.certification_subjects.get(area, ()))}
            for area, a in reference.certification_areas.items()
        },
        "number_areas": {n: sorted(areas) for n, areas in reference.course_number_areas.items()},
        "catalogs": _catalogs(reference, as_of),
        "date_example": DATE_EXAMPLE,
        "repository": submissions.repository.rstrip("/"),
        "branch": submissions.branch,
    }


def _question(question: Any, schema: dict[str, Any], rows: dict[str, Any]) -> dict[str, Any]:
    row = rows[question.path]
    prop = _property(schema, question.path)
    return {
        "name": question.name,
        "label": question.label,
        "path": question.path,
        "required": question.required,
        "when": question.when,
        "help": row.description,
        "clause": row.clause,
        "kind": row.kind,
        "schema": prop,
    }


def _property(schema: dict[str, Any], path: str) -> dict[str, Any]:
    """The JSON Schema of one field of the course file, its references resolved one level."""
    node = schema
    for part in path.split("."):
        node = resolved(node, schema)["properties"][part]
    one = resolved(node, schema)
    items = one.get("items")
    if isinstance(items, dict):
        one = {**one, "items": resolved(items, schema)}
    return {k: v for k, v in one.items() if k not in {"description", "title", "x-clause"}}


def _field_names(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Every field a course file may have, nested as in the file, for naming a misspelt one."""
    target = resolved(node, root)
    if target.get("type") == "array" and isinstance(target.get("items"), dict):
        target = resolved(target["items"], root)
    return {name: _field_names(prop, root) for name, prop in target.get("properties", {}).items()}


def _hidden_names() -> dict[str, str]:
    """Each invisible character the check refuses, with the name its message gives it."""
    every = (chr(code) for code in range(0x3000))
    return {char: character_name(char) for char in every if HIDDEN_CHARACTERS.fullmatch(char)}


def _skeletons() -> dict[str, str]:
    """``mocap new``'s course file for each shape it takes (taught or curriculum only; standards
    cited or an alignment address), every answer left as a slot the page fills."""
    names = [q.name for q in COURSE_QUESTIONS]
    shapes: dict[str, str] = {}
    for code in (50, 52):
        for aligned in (False, True):
            values: dict[str, Any] = {name: Slot(name) for name in names}
            values["program_code"] = code
            if aligned:
                values["standards"] = []
            answers = CourseAnswers(str(Slot("provider")), str(Slot("name")), values)
            shapes[f"{code}{'-aligned' if aligned else ''}"] = course_text(answers, str(Slot("catalog")))
    return shapes


def _catalogs(reference: Reference, as_of: dt.date) -> list[dict[str, Any]]:
    """The catalogs open from the build's date on, each with its deadline, its price caps and
    PRC01's sentence for a price above each (the page picks the first still open on its day)."""
    program = reference.program
    term: CatalogTerm = next_open_term(as_of, program)
    catalogs = []
    for _ in range(CATALOGS_AHEAD):
        name = str(term)
        basis = cap_basis(reference, name)
        caps: dict[str, Any] = {}
        for length in ("semester", "year"):
            cap = price_cap(reference, name, length)
            if basis is not None and cap is not None:
                caps[length] = {
                    "cap": str(cap),
                    "over": over_cap_message(PRICE_MARK, length, name, basis, reference),
                }
        deadline = term.deadline(program)
        catalogs.append(
            {
                "name": name,
                "deadline": deadline.isoformat(),
                "deadline_words": long_date(deadline),
                "caps": caps,
            }
        )
        term = term.following()
    return catalogs
