"""The two combined catalogs MOCAP publishes: courses "with instruction" (program code 50)
and "curriculum only" (program code 52), each as a tagged, printable PDF and an
Excel workbook, written from the same published courses as the site.

The PDFs are printed by headless Chromium (tagged, so a screen reader reads their headings and
tables), in processes of their own while MkDocs and Pagefind run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import subprocess  # nosec B404 (Chromium, our own files)
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import xlsxwriter

from checks.browser import CHROMIUM
from checks.site.opendata import FORMULA_STARTS
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
    """The PDFs being printed by headless Chromium, one process group per catalog, while the
    rest of the build goes on; ``wait`` collects them within one overall time limit."""

    def __init__(self, html_dir: Path, pdf_dir: Path, as_of: dt.date):
        self.as_of = as_of
        self._profiles: list[tempfile.TemporaryDirectory[str]] = []
        self._runs: list[tuple[Path, Path, subprocess.Popen[bytes]]] = []
        # An incremental build keeps its PDFs: one printed from the same page, on the same day,
        # by the same Chromium is not printed again (a course's description is not in them).
        self._kept: list[Path] = []
        self._sources: dict[Path, str] = {}
        pdf_dir.mkdir(parents=True, exist_ok=True)
        for html in sorted(html_dir.glob("*.html")):
            pdf = pdf_dir / f"{html.stem}.pdf"
            source, note = _source_digest(html, as_of), _note(pdf)
            if pdf.is_file() and note.is_file() and note.read_text(encoding="utf-8") == source:
                self._kept.append(pdf)
                continue
            note.unlink(missing_ok=True)
            self._sources[pdf] = source
            self._profiles.append(tempfile.TemporaryDirectory(prefix="mocap-print-"))
            profile = Path(self._profiles[-1].name)
            log = profile / "chromium.log"  # a file, not a pipe: its helpers may keep a pipe open
            command = [CHROMIUM, *_PRINT_FLAGS, f"--user-data-dir={profile / 'profile'}"]
            try:
                with log.open("wb") as stderr:
                    process = subprocess.Popen(  # noqa: S603 (our own files, no shell)
                        [*command, f"--print-to-pdf={pdf}", html.resolve().as_uri()],
                        stdout=subprocess.DEVNULL,
                        stderr=stderr,
                        start_new_session=True,  # its own group: stop ends its helpers too
                    )
            except OSError as exc:
                self.stop()
                raise PrintingFailed(f"{CHROMIUM} did not start ({exc.strerror}). {_CHROMIUM_HELP}") from None
            self._runs.append((pdf, log, process))

    def wait(self) -> list[Path]:
        """The PDFs, each with its dates set to the build's (so that builds are byte-identical)."""
        deadline = time.monotonic() + _PRINT_SECONDS
        try:
            for pdf, log, process in self._runs:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
                if process.returncode != 0 or not pdf.is_file():
                    last = log.read_text(errors="replace").strip().splitlines()[-1:] or ["no output"]
                    raise PrintingFailed(f"Chromium could not print {pdf.name}: {last[0]}")
                _fix_dates(pdf, self.as_of)
                _note(pdf).write_text(self._sources[pdf], encoding="utf-8")
        except subprocess.TimeoutExpired:
            raise PrintingFailed(
                f"Chromium did not finish printing the catalogs within {_PRINT_SECONDS} s, so it was "
                "stopped; build again, and if it recurs, run it with a newer Chromium (MOCAP_CHROMIUM)"
            ) from None
        finally:
            self.stop()
        return sorted([*self._kept, *(pdf for pdf, _, _ in self._runs)])

    def stop(self) -> None:
        """End every process of every print, finished or not, and remove their profiles."""
        for _, _, process in self._runs:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for profile in self._profiles:
            profile.cleanup()


def _note(pdf: Path) -> Path:
    """Beside a PDF: the digest of what it was printed from."""
    return pdf.with_suffix(".printed-from")


def _source_digest(html: Path, as_of: dt.date) -> str:
    """What a PDF is printed from: its page, the build's day and the Chromium that prints it."""
    chromium = shutil.which(CHROMIUM) or CHROMIUM
    try:
        installed = Path(chromium).stat().st_mtime_ns
    except OSError:
        installed = 0
    digest = hashlib.sha256(html.read_bytes())
    digest.update(f"\n{as_of}\n{chromium}\n{installed}\n".encode())
    return digest.hexdigest()


class PrintingFailed(Exception):
    """The printed catalogs could not be made; the message says why and what to do."""


_CHROMIUM_HELP = "The PDF catalogs are printed with Chromium: run 'make browser', or set MOCAP_CHROMIUM"
_PRINT_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
)
_PRINT_SECONDS = 600
# Chromium writes the time of printing into the PDF's information dictionary, uncompressed.
_PDF_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]{0,8}\)")
# The tagged structure names its elements after accessibility nodes (node00000021), whose
# numbers depend on how many nodes the page happened to create first.
_NODE_IDS = re.compile(rb"\(node(\d{8})\)")


def _fix_dates(pdf: Path, as_of: dt.date) -> None:
    """Set both dates to the build's day; every date keeps its length, so no offset moves."""
    data = pdf.read_bytes()

    def fixed(match: re.Match[bytes]) -> bytes:
        original = match.group(0)
        stamp = f"/{match.group(1).decode()} (D:{as_of:%Y%m%d}000000".encode()
        return stamp + original[len(stamp) :]

    pdf.write_bytes(numbered_nodes(_PDF_DATES.sub(fixed, data)))


def numbered_nodes(data: bytes) -> bytes:
    """The structure's node ids numbered in the order they first appear, each as long as before
    (so no offset moves) and every reference to it (a cell's /Headers) renamed with it."""
    renamed: dict[bytes, bytes] = {}

    def number(match: re.Match[bytes]) -> bytes:
        new = renamed.setdefault(match.group(1), b"%08d" % (len(renamed) + 1))
        return b"(node" + new + b")"

    return _NODE_IDS.sub(number, data)


def write_print_pages(
    templates: Path, directory: Path, term: str, courses: Sequence[CourseView], as_of: dt.date, site_url: str
) -> None:
    """The HTML each PDF is printed from, one file per program catalog."""
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
        (directory / f"{catalog.name}.html").write_text(html, encoding="utf-8")
