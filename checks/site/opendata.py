"""The published catalog as open data: CSV tables in a frictionless data package, JSON and
XLSX (the format districts receive the catalog in today). Validated as it is written."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import xlsxwriter
from pydantic import Field

from checks.problems import Problem
from checks.reference.load import DESCRIPTOR, validate_package
from checks.reference.tables import Row
from checks.reference.tableschema import table_schema
from checks.site.views import CourseView, ProviderView

PACKAGE_NAME = "mocap-catalog"
XLSX_NAME = "mocap-catalog.xlsx"
JSON_NAME = "mocap-catalog.json"


class CourseRow(Row):
    """One published course."""

    key = ("id",)

    id: Annotated[str, Field(description="provider id / course file name")]
    state_course_number: str
    title: str
    provider_id: str
    provider_name: str
    subject: str
    grades: str
    credit: Annotated[float, Field(description="Carnegie units")]
    length: str
    program_code: Annotated[int, Field(description="50 taught by the provider's teacher; 52 curriculum only")]
    course_types: Annotated[str, Field(description="semicolon-separated")]
    ap: bool
    ncaa_approved: bool
    price_usd: float
    terms_offered: str
    pacing: Annotated[str | None, Field(description="self-paced, scheduled or blended")] = None
    rolling_enrollment: Annotated[bool | None, Field(description="empty when the provider has not said")] = (
        None
    )
    next_terms: Annotated[
        str | None, Field(description="each term's dates: term starts..ends (enroll by), semicolon-separated")
    ] = None
    technology_requirements: str | None = None
    syllabus: str | None = None
    catalog: str
    approved_on: dt.date | None
    renewal_due: dt.date | None
    page: Annotated[str, Field(description="the course's page, relative to the site's root")]


class ProviderRow(Row):
    """One published provider."""

    key = ("id",)

    id: str
    name: str
    kind: str
    program: str
    email: str
    phone: str
    website: str
    teacher_response_hours: int
    approved_on: dt.date | None
    renewal_due: dt.date | None
    page: str


def course_row(view: CourseView) -> CourseRow:
    return CourseRow(
        id=view.id,
        state_course_number=view.state_course_number,
        title=view.title,
        provider_id=view.provider_id,
        provider_name=view.provider_name,
        subject=view.subject,
        grades=view.grade_span,
        credit=float(view.credit),
        length=view.length,
        program_code=view.program_code,
        course_types=";".join(view.course_types),
        ap=view.is_ap,
        ncaa_approved=view.ncaa_approved,
        price_usd=float(view.price_usd),
        terms_offered=view.terms_offered,
        pacing=view.pacing or None,
        rolling_enrollment=view.enrollment == "rolling" if view.enrollment else None,
        next_terms="; ".join(
            f"{t.term.lower()} {t.starts}..{t.ends}" + (f" (enroll by {t.enroll_by})" if t.enroll_by else "")
            for t in view.terms
        )
        or None,
        technology_requirements=view.technology_requirements or None,
        syllabus=view.syllabus or None,
        catalog=view.catalog,
        approved_on=view.approved_on,
        renewal_due=view.renewal_due,
        page=view.url,
    )


def provider_row(view: ProviderView) -> ProviderRow:
    return ProviderRow(
        id=view.id,
        name=view.name,
        kind=view.kind,
        program=view.program,
        email=view.email,
        phone=view.phone,
        website=view.website,
        teacher_response_hours=view.response_hours,
        approved_on=view.approved_on,
        renewal_due=view.renewal_due,
        page=view.url,
    )


TABLES: dict[str, type[Row]] = {"courses": CourseRow, "providers": ProviderRow}


def write_open_data(
    directory: Path, catalog_term: str, courses: Sequence[CourseView], providers: Sequence[ProviderView]
) -> list[Problem]:
    """Write every open-data file into ``directory``; return frictionless's findings (none
    when the files are valid)."""
    directory.mkdir(parents=True, exist_ok=True)
    tables: dict[str, list[dict[str, Any]]] = {
        "courses": [course_row(c).model_dump(mode="json") for c in courses],
        "providers": [provider_row(p).model_dump(mode="json") for p in providers],
    }
    for name, rows in tables.items():
        _write_csv(directory / f"{name}.csv", list(TABLES[name].model_fields), rows)
    (directory / DESCRIPTOR).write_text(_json(_descriptor(catalog_term)), encoding="utf-8")
    (directory / JSON_NAME).write_text(_json({"catalog": catalog_term, **tables}), encoding="utf-8")
    _write_xlsx(directory / XLSX_NAME, tables)
    return validate_package(directory, directory)


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: csv_cell(v) for k, v in row.items()})


# A cell that starts like a formula is one to a spreadsheet (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def csv_cell(value: object) -> object:
    """A CSV cell: text that a spreadsheet would read as a formula gets a leading apostrophe."""
    cell = _cell(value)
    return f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


def _descriptor(catalog_term: str) -> dict[str, Any]:
    return {
        "name": PACKAGE_NAME,
        "title": f"MOCAP course catalog, {catalog_term}",
        "description": "The courses and providers published in Missouri's Course Access and "
        "Virtual School Program catalog.",
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "title": (row.__doc__ or name).strip(),
                "format": "csv",
                "encoding": "utf-8",
                "schema": table_schema(row),
            }
            for name, row in TABLES.items()
        ],
    }


# A fixed creation date keeps the workbook byte-identical from build to build.
_XLSX_CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _write_xlsx(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    # Text is always written as text: never a formula, a link or a number.
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    workbook = xlsxwriter.Workbook(str(path), options)
    workbook.set_properties({"title": "MOCAP course catalog", "created": _XLSX_CREATED})
    bold = workbook.add_format({"bold": True})
    as_text = workbook.add_format({"quote_prefix": True})  # Excel's own mark for "this is text"
    for name, rows in tables.items():
        sheet = workbook.add_worksheet(name)
        columns = list(TABLES[name].model_fields)
        sheet.write_row(0, 0, columns, bold)
        for number, row in enumerate(rows, start=1):
            for column, key in enumerate(columns):
                cell = _cell(row[key])
                if isinstance(cell, str):
                    sheet.write_string(
                        number, column, cell, as_text if cell.startswith(FORMULA_STARTS) else None
                    )
                else:
                    sheet.write(number, column, cell)
        sheet.freeze_panes(1, 0)
    workbook.close()
