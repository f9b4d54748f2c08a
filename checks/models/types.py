"""Field types shared by the records, with messages an LEA staffer can act on."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.fields import FieldInfo

from checks.problems import FieldPath

ATTESTING = "Attesting means you declare it true and can show DESE the evidence when asked."
GRADE_NAMES = ("K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")


class Record(BaseModel):
    """Base of every submitted record: unknown fields are errors, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


@dataclass(frozen=True)
class PublicContactMarker:
    """Marks a field that holds an organization's public e-mail address or phone number: the
    one place such a value belongs, so the personal-contact guards let it be."""


PUBLIC_CONTACT = PublicContactMarker()


def clause(text: str, **extra: Any) -> Any:
    """Field metadata naming the clause of the law a field serves."""
    return Field(json_schema_extra={"x-clause": text, **extra})


def _formatted(
    pattern: str, explanation: str, example: str, meant: Callable[[str], str] | None = None
) -> tuple[Any, Any]:
    """A text field of one form; ``meant`` turns a near miss into the value the writer meant."""
    regex = re.compile(pattern)

    def check(value: str) -> str:
        if not regex.fullmatch(value):
            guess = meant(value) if meant else ""
            if guess and regex.fullmatch(guess):
                raise ValueError(f"{explanation}: did you mean '{guess}'? (found '{value[:80]}')")
            raise ValueError(f"{explanation}, for example '{example}' (found '{value[:80]}')")
        return value

    return AfterValidator(check), Field(
        json_schema_extra={"pattern": f"^(?:{pattern})$", "examples": [example], "x-explanation": explanation}
    )


def _number_as_text(value: object) -> object:
    """Codes written without quotes arrive as numbers; they are still codes."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def grade_number(name: str) -> int:
    """K is 0; grades 1-12 are themselves."""
    return GRADE_NAMES.index(name)


def grades_in(span: str) -> range:
    """The grades a span such as ``9-12`` or ``K`` covers, as numbers (K = 0)."""
    low, _, high = span.partition("-")
    return range(grade_number(low), grade_number(high or low) + 1)


def _grades_meant(text: str) -> str:
    """'9th', 'Grades 9 - 12', '9 to 12', 'k-2', 'Kindergarten' as 9, 9-12, 9-12, K-2, K."""
    words = re.sub(r"(?i)\bkindergarten\b", "K", re.sub(r"(?i)\bgrades?\b", "", text))
    words = re.sub(r"(?i)(\d+)(st|nd|rd|th)\b", r"\1", words)
    words = re.sub(r"\s*(-|\N{EN DASH}|\N{EM DASH}|to|through)\s*", "-", words.strip())
    return words.replace(" ", "").replace("k", "K")


def _ordered_span(span: str) -> str:
    grades = grades_in(span)
    if not grades:
        raise ValueError(f"the span '{span}' runs backwards: write the lower grade first")
    return span


ShortText = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(min_length=1, max_length=5000)]
# No escaped quotes in these patterns: ECMA-262 regular expressions (what editors' JSON Schema
# validators use) reject them.
HttpsUrl = Annotated[
    str,
    Field(max_length=500),
    *_formatted(
        r"""https://[^\s<>"']+""",
        "must be a web address starting with https://",
        "https://example.org/policy",
    ),
]
Email = Annotated[
    str,
    PUBLIC_CONTACT,
    Field(max_length=200),
    *_formatted(
        r"""[^@\s<>"']+@[^@\s<>"']+\.[A-Za-z]{2,}""", "must be an e-mail address", "info@example.org"
    ),
]
Phone = Annotated[
    str,
    PUBLIC_CONTACT,
    *_formatted(
        r"\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}( (x|ext\.?) ?\d{1,6})?",
        "must be a US phone number",
        "573-555-0100",
    ),
]
GithubLogin = Annotated[
    str,
    *_formatted(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}", "must be a GitHub login", "jdoe-lea"),
]
Identifier = Annotated[
    str,
    *_formatted(
        r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?",
        "must use lowercase letters, digits and hyphens",
        "show-me-virtual",
    ),
]
CountyDistrictCode = Annotated[
    str,
    BeforeValidator(_number_as_text),
    *_formatted(r"\d{6}", "must be DESE's 6-digit county-district code, in quotes", "048078"),
]
StateCourseNumber = Annotated[
    str,
    BeforeValidator(_number_as_text),
    *_formatted(r"[A-Z0-9][A-Z0-9-]{2,19}", "must be the state course number DESE assigned", "SAMPLE-M101"),
]
StandardCode = Annotated[
    str,
    *_formatted(
        r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+",
        "must be a Missouri Learning Standards code",
        "A1.NQ.B.3.a",
    ),
]
GradeSpan = Annotated[
    str,
    BeforeValidator(_number_as_text),
    *_formatted(
        r"(K|[1-9]|1[0-2])(-(K|[1-9]|1[0-2]))?",
        "must be a grade or a span of grades written with numbers and K",
        "9-12",
        _grades_meant,
    ),
    AfterValidator(_ordered_span),
]
CatalogTermName = Annotated[
    str,
    *_formatted(r"(fall|spring) 20\d\d", "must name a catalog as season and year", "fall 2027"),
]
SchoolYear = Annotated[
    str,
    *_formatted(r"20\d\d-\d\d", "must be a school year", "2027-28"),
]


@functools.cache
def contact_paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> frozenset[tuple[str, ...]]:
    """The field names along which ``model`` holds a public contact (e-mail or phone) field."""
    found: set[tuple[str, ...]] = set()
    for name, info in model.model_fields.items():
        here = (*prefix, name)
        if PUBLIC_CONTACT in info.metadata:
            found.add(here)
        nested = nested_model(info.annotation)
        if nested is not None:
            found |= contact_paths(nested, here)
    return frozenset(found)


@functools.cache
def optional_paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> frozenset[tuple[str, ...]]:
    """The field names along which ``model`` holds a field a record may leave out."""
    found: set[tuple[str, ...]] = set()
    for name, info in model.model_fields.items():
        here = (*prefix, name)
        if not info.is_required():
            found.add(here)
        nested = nested_model(info.annotation)
        if nested is not None:
            found |= optional_paths(nested, here)
    return frozenset(found)


@functools.cache
def field_names(model: type[BaseModel]) -> frozenset[str]:
    """Every field name of ``model`` and of the records nested in it."""
    names = set(model.model_fields)
    for info in model.model_fields.values():
        nested = nested_model(info.annotation)
        if nested is not None:
            names |= field_names(nested)
    return frozenset(names)


@functools.cache
def date_field_names(model: type[BaseModel]) -> frozenset[str]:
    """The names of the date fields of ``model`` and of the records nested in it."""
    names: set[str] = set()
    for name, info in model.model_fields.items():
        if dt.date in (info.annotation, *getattr(info.annotation, "__args__", ())):
            names.add(name)
        nested = nested_model(info.annotation)
        if nested is not None:
            names |= date_field_names(nested)
    return frozenset(names)


def field_clause(model: type[BaseModel], path: FieldPath) -> str:
    """The clause attached to the deepest field along ``path`` that names one."""
    found = ""
    current: type[BaseModel] | None = model
    for part in path:
        if current is None or not isinstance(part, str) or part not in current.model_fields:
            break
        info = current.model_fields[part]
        extra = info.json_schema_extra
        if isinstance(extra, dict) and isinstance(extra.get("x-clause"), str):
            found = str(extra["x-clause"])
        current = nested_model(info.annotation)
    return found


def model_at(model: type[BaseModel], path: FieldPath) -> type[BaseModel] | None:
    """The record type that holds the fields at ``path`` (list positions passed over)."""
    current: type[BaseModel] | None = model
    for part in path:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = nested_model(info.annotation) if info else None
    return current


def field_info(model: type[BaseModel], path: FieldPath) -> FieldInfo | None:
    """The field at the end of ``path`` (the list holding an item, for an item's path)."""
    names = [part for part in path if isinstance(part, str)]
    parent = model_at(model, tuple(names[:-1]))
    return parent.model_fields.get(names[-1]) if parent and names else None


def field_description(model: type[BaseModel], path: FieldPath) -> str:
    """What the field at ``path`` asks for, as its model describes it ("" when it does not)."""
    info = field_info(model, path)
    return (info.description or "") if info else ""


def nested_model(annotation: object) -> type[BaseModel] | None:
    """The record type inside ``X``, ``X | None`` or ``list[X]``, if any."""
    candidates = [annotation, *getattr(annotation, "__args__", ())]
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None
