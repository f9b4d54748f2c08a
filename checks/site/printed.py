"""The two combined catalogs MOCAP publishes: courses "with instruction" (program code 50)
and "curriculum only" (program code 52), each as a tagged, printable PDF (PDF/UA-1) and an
Excel workbook, written from the same published courses as the site.

The PDFs take the longest of anything the build writes (WeasyPrint lays out every row), so
they are printed in a process of their own while MkDocs and Pagefind run.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import jinja2
import xlsxwriter

from checks.site.opendata import FORMULA_STARTS
from checks.site.views import CourseView, counted
from checks.terms import long_date


@dataclass(frozen=True)
class ProgramCatalog:
    code: int
    name: str  # the file names' stem
    title: str
    description: str


PROGRAM_CATALOGS = (
    ProgramCatalog(
        50,
        "mocap-catalog-with-instruction",
        "MOCAP courses with instruction",
        "Courses taught by the provider's Missouri-certified teacher (program code 50).",
    ),
    ProgramCatalog(
        52,
        "mocap-catalog-curriculum-only",
        "MOCAP curriculum-only courses",
        "Courses whose curriculum the student's own district teacher teaches (program code 52).",
    ),
)
_COLUMNS: tuple[tuple[str, Callable[[CourseView], str | float]], ...] = (
    ("Course", lambda c: c.title),
    ("State course number", lambda c: c.state_course_number),
    ("Provider", lambda c: c.provider_name),
    ("Subject", lambda c: c.subject),
    ("Grades", lambda c: c.grade_span),
    ("Credit", lambda c: float(c.credit)),
    ("Length", lambda c: "Full year" if c.length == "year" else "Semester"),
    ("Price (USD)", lambda c: float(c.price_usd)),
    ("Price per semester (USD)", lambda c: float(c.semester_price_usd)),
    ("Pacing", lambda c: c.pacing),
    ("Joining", lambda c: "rolling" if c.rolling_enrollment else "by deadline"),
    ("NCAA-approved", lambda c: "yes" if c.ncaa_approved else "no"),
    ("Course page", lambda c: c.url),
)
_CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # fixed: the workbook is the same every build


def of_program(courses: Sequence[CourseView], code: int) -> list[CourseView]:
    return sorted((c for c in courses if c.program_code == code), key=lambda c: (c.subject, c.title, c.id))


def write_workbooks(directory: Path, term: str, courses: Sequence[CourseView]) -> None:
    """One workbook per program catalog; text always written as text, never as a formula."""
    directory.mkdir(parents=True, exist_ok=True)
    for catalog in PROGRAM_CATALOGS:
        options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        workbook = xlsxwriter.Workbook(str(directory / f"{catalog.name}.xlsx"), options)
        workbook.set_properties({"title": f"{catalog.title}, {term}", "created": _CREATED})
        bold = workbook.add_format({"bold": True})
        as_text = workbook.add_format({"quote_prefix": True})
        sheet = workbook.add_worksheet("Courses")
        sheet.write_row(0, 0, [name for name, _ in _COLUMNS], bold)
        for row, course in enumerate(of_program(courses, catalog.code), start=1):
            for column, (_, value_of) in enumerate(_COLUMNS):
                value = value_of(course)
                if isinstance(value, str):
                    sheet.write_string(
                        row, column, value, as_text if value.startswith(FORMULA_STARTS) else None
                    )
                else:
                    sheet.write_number(row, column, value)
        sheet.freeze_panes(1, 1)
        workbook.close()


def start_printing(
    templates: Path, directory: Path, term: str, courses: Sequence[CourseView], as_of: dt.date, site_url: str
) -> tuple[ProcessPoolExecutor, Future[None]]:
    """Print the PDFs in another process; the caller waits on the future (and shuts the pool)."""
    # spawn: a fresh interpreter, not a fork of one that may hold threads
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    return pool, pool.submit(write_pdfs, templates, directory, term, list(courses), as_of, site_url)


def write_pdfs(
    templates: Path, directory: Path, term: str, courses: Sequence[CourseView], as_of: dt.date, site_url: str
) -> None:
    try:
        from weasyprint import HTML  # noqa: PLC0415 (loaded in the printing process only)
    except OSError as exc:  # WeasyPrint loads the system's Pango when imported
        raise RuntimeError(
            f"{exc}. The PDF catalogs need Pango and a font: run 'make print-libs' (Debian: apt-get "
            "install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)"
        ) from None

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates), autoescape=True, undefined=jinja2.StrictUndefined
    )
    environment.filters.update(counted=counted, long_date=long_date)
    template = environment.get_template("printed.html.j2")
    directory.mkdir(parents=True, exist_ok=True)
    for catalog in PROGRAM_CATALOGS:
        listed = of_program(courses, catalog.code)
        html = template.render(
            title=f"{catalog.title}, {term.capitalize()} catalog",
            description=catalog.description,
            courses=listed,
            by_subject=[(subject, list(group)) for subject, group in groupby(listed, lambda c: c.subject)],
            as_of=as_of,
            site_url=site_url,
        )
        HTML(string=html).write_pdf(directory / f"{catalog.name}.pdf", pdf_variant="pdf/ua-1")
