"""The two combined catalogs MOCAP publishes: courses "with instruction" (program code 50)
and "curriculum only" (program code 52), each as a tagged, printable PDF and an
Excel workbook, written from the same published courses as the site.

The PDFs are set by Typst from ``site/templates/printed.typ`` and a data file per catalog
(``checks/site/typeset.py``: tagged, so a screen reader reads their headings and tables), in
processes of their own: started once the courses' views are made, they run while the pages
are written, MkDocs runs and the pages are poured.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import signal
import subprocess  # nosec B404 (our own module, our own files)
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from itertools import groupby
from pathlib import Path
from urllib.parse import urljoin

import typst
import xlsxwriter

from checks.site.opendata import FORMULA_STARTS
from checks.site.typeset import LIFELINE
from checks.site.views import CourseView
from checks.terms import long_date
from checks.wording import counted


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
    ("Pacing", lambda c: c.pacing or "ask the provider"),
    ("Joining", lambda c: c.enrollment or "ask the provider"),
    ("NCAA-approved", lambda c: "yes" if c.ncaa_approved else "no"),
)
_CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # fixed: the workbook is the same every build


def of_program(courses: Sequence[CourseView], code: int) -> list[CourseView]:
    return sorted((c for c in courses if c.program_code == code), key=lambda c: (c.subject, c.title, c.id))


def write_workbooks(directory: Path, term: str, courses: Sequence[CourseView], site_url: str) -> None:
    """One workbook per program catalog; text always written as text, never as a formula. The
    last column is each course page's full address: a workbook is read far from the site."""
    columns = (*_COLUMNS, ("Course page", lambda c: urljoin(site_url, c.url)))
    directory.mkdir(parents=True, exist_ok=True)
    for catalog in PROGRAM_CATALOGS:
        options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        workbook = xlsxwriter.Workbook(str(directory / f"{catalog.name}.xlsx"), options)
        workbook.set_properties({"title": f"{catalog.title}, {term}", "created": _CREATED})
        bold = workbook.add_format({"bold": True})
        as_text = workbook.add_format({"quote_prefix": True})
        sheet = workbook.add_worksheet("Courses")
        sheet.write_row(0, 0, [name for name, _ in columns], bold)
        for row, course in enumerate(of_program(courses, catalog.code), start=1):
            for column, (_, value_of) in enumerate(columns):
                value = value_of(course)
                if isinstance(value, str):
                    sheet.write_string(
                        row, column, value, as_text if value.startswith(FORMULA_STARTS) else None
                    )
                else:
                    sheet.write_number(row, column, value)
        sheet.freeze_panes(1, 1)
        workbook.close()


class Printing:
    """The PDFs being set by Typst, one process group per catalog, while the rest of the build
    goes on; ``wait`` collects them within one overall time limit."""

    def __init__(self, template: Path, root: Path, folder: Path):
        self._runs: list[tuple[Path, Path, subprocess.Popen[bytes]]] = []
        # An incremental build keeps its PDFs: one set from the same data and template, by the
        # same Typst, is not set again (a course's description is not in them).
        self._kept: list[Path] = []
        self._sources: dict[Path, str] = {}
        try:
            self._start(template, root, folder)
        except BaseException:  # (a data file that cannot be read): none of the others left running
            self.stop()
            raise

    def _start(self, template: Path, root: Path, folder: Path) -> None:
        for data in sorted(folder.glob("*.json")):
            pdf = data.with_suffix(".pdf")
            source, note = source_digest(template, data), _note(pdf)
            if pdf.is_file() and note.is_file() and note.read_text(encoding="utf-8") == source:
                self._kept.append(pdf)
                continue
            note.unlink(missing_ok=True)
            self._sources[pdf] = source
            log = pdf.with_suffix(".log")  # a file, not a pipe: nothing is read until it ends
            try:
                with log.open("wb") as stderr:
                    process = subprocess.Popen(  # noqa: S603 (our own module and files, no shell)
                        [*TYPESETTER, LIFELINE, str(root), str(template), str(data), str(pdf)],
                        stdin=subprocess.PIPE,  # its lifeline: this end closes when the build ends
                        stdout=subprocess.DEVNULL,
                        stderr=stderr,
                        start_new_session=True,  # its own group: stop ends whatever it started
                    )
            except OSError as exc:
                raise PrintingFailed(f"{TYPESETTER[0]} did not start ({exc.strerror})") from None
            self._runs.append((pdf, log, process))

    def wait(self) -> list[Path]:
        """The PDFs (their dates are the build's, from their data: builds are byte-identical)."""
        deadline = time.monotonic() + _PRINT_SECONDS
        try:
            for pdf, log, process in self._runs:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
                if process.returncode != 0 or not pdf.is_file():
                    last = log.read_text(errors="replace").strip().splitlines()[-1:] or ["no output"]
                    raise PrintingFailed(f"Typst could not set {pdf.name}: {last[0]}")
                _note(pdf).write_text(self._sources[pdf], encoding="utf-8")
        except subprocess.TimeoutExpired:
            raise PrintingFailed(
                f"Typst did not finish setting the catalogs within {_PRINT_SECONDS} s, so it was stopped: "
                "if site/templates/printed.typ was changed, look there for a loop that never ends"
            ) from None
        finally:
            self.stop()
        return sorted([*self._kept, *(pdf for pdf, _, _ in self._runs)])

    def stop(self) -> None:
        """End every process of every catalog being set, finished or not."""
        for _, _, process in self._runs:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            if process.stdin:
                process.stdin.close()


def _note(pdf: Path) -> Path:
    """Beside a PDF: the digest of what it was set from."""
    return pdf.with_suffix(".printed-from")


def source_digest(template: Path, data: Path) -> str:
    """What a PDF is set from: its template, its data (the build's day among them), Typst and
    the fonts it may use (the machine's fill in for characters Typst's own lack)."""
    digest = hashlib.sha256(template.read_bytes())
    digest.update(b"\n" + data.read_bytes())
    digest.update(f"\ntypst {version('typst')}\n".encode())
    fonts = sorted(f"{font.family}|{font.path}|{font.index}" for font in typst.Fonts().fonts())
    digest.update("\n".join(fonts).encode())
    return digest.hexdigest()


class PrintingFailed(Exception):
    """The printed catalogs could not be made; the message says why and what to do."""


TYPESETTER: tuple[str, ...] = (sys.executable, "-m", "checks.site.typeset")
PRINT_TEMPLATE = "printed.typ"  # in site/templates
_PRINT_SECONDS = 600
_COLUMN_NAMES = (
    "Course",
    "Provider",
    "Grades",
    "Credit",
    "Length",
    "Price",
    "Pacing and joining",
    "NCAA-approved",
)
_JOINING = {"rolling": "joins at any time", "deadline": "by each term's deadline"}


def write_print_sources(
    directory: Path, term: str, courses: Sequence[CourseView], as_of: dt.date, site_url: str
) -> None:
    """What each PDF is set from besides its template: one data file per program catalog."""
    directory.mkdir(parents=True, exist_ok=True)
    for catalog in PROGRAM_CATALOGS:
        listed = of_program(courses, catalog.code)
        data = {
            "title": f"{catalog.title}, {term.capitalize()} catalog",
            "description": catalog.description,
            "date": {"year": as_of.year, "month": as_of.month, "day": as_of.day},
            "introduction": (
                f"{catalog.description} {counted(len(listed), 'course')}, as published on "
                f"{long_date(as_of)}. Every course's page on the catalog site ("
            ),
            "site_url": site_url,
            "after_link": ") has its full description, standards, term dates and how to enroll.",
            "columns": _COLUMN_NAMES,
            "subjects": [
                {
                    "name": subject,
                    "caption": f"{subject}: {counted(len(group), 'course')}",
                    "rows": [_row(course) for course in group],
                }
                for subject, group in ((s, list(g)) for s, g in groupby(listed, lambda c: c.subject))
            ],
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        (directory / f"{catalog.name}.json").write_text(text, encoding="utf-8")


def _row(course: CourseView) -> tuple[str, ...]:
    """A course's cells in a printed catalog, in the order of ``_COLUMN_NAMES``."""
    year = course.length == "year"
    price = (
        f"{course.price} a year ({course.semester_price} a semester)"
        if year
        else f"{course.price} a semester"
    )
    pacing = (course.pacing or "ask the provider").capitalize()
    return (
        f"{course.title} ({course.state_course_number})",
        course.provider_name,
        course.grades,
        str(course.credit),
        "Full year" if year else "Semester",
        price,
        f"{pacing}; {_JOINING.get(course.enrollment, 'ask about joining')}",
        "Yes" if course.ncaa_approved else "No",
    )
