"""The combined catalogs MOCAP publishes, "with instruction" (program code 50) and
"curriculum only" (code 52), as PDF and Excel: opened with a library as a reader's viewer or
spreadsheet would, they list exactly the published courses of their program code."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import typst
from pypdf import PdfReader

from checks.build import build_site
from checks.build_report import BuildResult
from checks.commands.site import build_command
from checks.site.printed import PROGRAM_CATALOGS, source_digest
from checks.site.typeset import main as typeset_main
from tests.helpers import AS_OF, COURSE, DELETE, edit
from tests.test_browser import published_courses
from tests.test_build import copy_repo

CATALOGS = {c.code: c.name for c in PROGRAM_CATALOGS}


def _expected(code: int) -> list[dict[str, Any]]:
    return [c for c in published_courses() if c["program_code"] == code]


def _pdf_text(path: Path) -> str:
    """The PDF's text without any white space: a narrow cell wraps a title anywhere."""
    reader = PdfReader(path)
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _row(course: dict[str, Any]) -> str:
    return re.sub(r"\s+", "", f"{course['title']}({course['state_course_number']})")


@pytest.mark.parametrize("code", sorted(CATALOGS))
def test_the_workbook_lists_exactly_the_published_courses_of_its_program(
    demo_build: BuildResult, code: int
) -> None:
    sheet = openpyxl.load_workbook(demo_build.site_dir / "data" / f"{CATALOGS[code]}.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    cells = [dict(zip(header, row, strict=True)) for row in body]
    found = sorted((r["Course"], r["State course number"], r["Price (USD)"]) for r in cells)
    expected = sorted((c["title"], c["state_course_number"], float(c["price"])) for c in _expected(code))
    assert found == expected and expected
    # A workbook is read far from the site: each course page by its full address, which is served.
    for row in cells:
        address = str(row["Course page"])
        assert address.startswith("https://mocap-catalog.github.io/courses/")
        local = address.removeprefix("https://mocap-catalog.github.io/")
        assert (demo_build.site_dir / local / "index.html").is_file()


@pytest.mark.parametrize("code", sorted(CATALOGS))
def test_the_pdf_is_tagged_and_lists_exactly_the_published_courses_of_its_program(
    demo_build: BuildResult, code: int
) -> None:
    path = demo_build.site_dir / "data" / f"{CATALOGS[code]}.pdf"
    root = PdfReader(path).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])  # tagged: a screen reader reads its structure
    assert "/StructTreeRoot" in root and root["/Lang"] == "en"
    text = _pdf_text(path)
    expected = _expected(code)
    assert f"{len(expected)}courses,aspublishedon" in text
    for course in expected:
        assert _row(course) in text
    listed = {_row(c) for c in expected}
    for other in _expected(50 if code == 52 else 52):
        if not any(_row(other) in mine for mine in listed):
            assert _row(other) not in text


def test_the_home_and_open_data_pages_link_the_printed_catalogs(demo_build: BuildResult) -> None:
    home = (demo_build.site_dir / "index.html").read_text(encoding="utf-8")
    data = (demo_build.site_dir / "data" / "index.html").read_text(encoding="utf-8")
    for name in CATALOGS.values():
        assert f'href="data/{name}.pdf"' in home and f'href="data/{name}.xlsx"' in home
        assert f'href="{name}.pdf"' in data and f'href="{name}.xlsx"' in data
        assert (demo_build.site_dir / "data" / f"{name}.pdf").stat().st_size > 0


def test_hostile_text_stays_text_in_the_printed_catalogs(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    # A spreadsheet's formula, HTML, and Typst's markup, code and maths: each stays the text it is.
    title = '=HYPERLINK("https://evil.example/","x") <b>bold</b> #panic("typst") *strong* $x^2$ ] \\ //'
    edit(repo, COURSE, {"title": title})
    build_site(repo, repo / "build/site", AS_OF)
    data = repo / "build/site/data"
    sheet = openpyxl.load_workbook(data / f"{CATALOGS[50]}.xlsx").active
    assert sheet is not None
    cell = next(row[0] for row in sheet.iter_rows() if row[0].value == title)
    assert cell.data_type == "s" and cell.quotePrefix  # text, never a formula
    assert re.sub(r"\s+", "", f"{title}(SMP-MA-110A)") in _pdf_text(data / f"{CATALOGS[50]}.pdf")


def test_a_template_typst_cannot_set_says_where_and_why(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    template = repo / "site/templates/printed.typ"
    template.write_text(template.read_text(encoding="utf-8") + "\n#catalog.no_such_field\n", encoding="utf-8")
    lines = len(template.read_text(encoding="utf-8").splitlines())
    out, err = io.StringIO(), io.StringIO()
    assert build_command(repo, repo / "build/site", AS_OF, False, out, err) == 2
    assert err.getvalue().startswith(
        f"mocap build: the printed catalogs could not be made: Typst could not set {CATALOGS[52]}.pdf: "
        f'site/templates/printed.typ:{lines}:10: dictionary does not contain key "no_such_field"'
    )
    assert not (repo / "build/site").exists()


def test_a_course_that_states_no_schedule_says_ask_the_provider_everywhere(tmp_path: Path) -> None:
    # Approved before schedules were asked for: nothing may claim a deadline it never stated.
    repo = copy_repo(tmp_path)
    edit(repo, COURSE, {"schedule": DELETE})
    build_site(repo, repo / "build/site", AS_OF)
    site = repo / "build/site"
    page = (site / "courses/river-bend-online/algebra-i-a/index.html").read_text(encoding="utf-8")
    assert "<dt>Pacing</dt><dd>Ask the provider</dd>" in page
    assert "<dt>Joining</dt><dd>Ask the provider</dd>" in page
    facts = json.loads(page.split('id="mocap-compare-facts">')[1].split("</script>")[0])
    assert (facts["pacing"], facts["joining"]) == ("Ask the provider", "Ask the provider")
    sheet = openpyxl.load_workbook(site / "data" / f"{CATALOGS[50]}.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    row = dict(zip(rows[0], next(r for r in rows if r[1] == "SMP-MA-110A"), strict=True))
    assert (row["Pacing"], row["Joining"]) == ("ask the provider", "ask the provider")
    assert "Asktheprovider;askaboutjoining" in _pdf_text(site / "data" / f"{CATALOGS[50]}.pdf")
    with (site / "data/courses.csv").open(encoding="utf-8") as table:
        course = next(r for r in csv.DictReader(table) if r["state_course_number"] == "SMP-MA-110A")
    assert (course["pacing"], course["rolling_enrollment"], course["next_terms"]) == ("", "", "")


_FAKE_TYPESETTER = """#!/bin/sh
# Writes a stand-in PDF (its last argument) and leaves a helper behind; with HANG set it never
# finishes.
for argument in "$@"; do pdf="$argument"; done
sleep 300 &
echo $! >> "$HELPERS"
if [ -n "$HANG" ]; then wait; fi
printf '%%PDF-1.7 stand-in' > "$pdf"
"""


def _fake_typesetter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hang: bool) -> Path:
    script = tmp_path / "typesetter"
    script.write_text(_FAKE_TYPESETTER, encoding="utf-8")
    script.chmod(0o755)
    helpers = tmp_path / "helpers"
    monkeypatch.setattr("checks.site.printed.TYPESETTER", (str(script),))
    monkeypatch.setattr("checks.site.printed._PRINT_SECONDS", 20)
    monkeypatch.setenv("HELPERS", str(helpers))
    monkeypatch.setenv("HANG", "1" if hang else "")
    return helpers


def _alive(pids: Path) -> list[int]:
    """The processes still running (a zombie, ended but not yet reaped by its parent, is not)."""
    alive = []
    for pid in map(int, pids.read_text().split()):
        with contextlib.suppress(FileNotFoundError):
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                alive.append(pid)
    return alive


def test_a_helper_left_behind_neither_holds_up_the_build_nor_outlives_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_repo(tmp_path)
    helpers = _fake_typesetter(tmp_path, monkeypatch, hang=False)
    out, err = io.StringIO(), io.StringIO()
    assert build_command(repo, repo / "build/site", AS_OF, False, out, err) == 0, err.getvalue()
    assert (repo / "build/site/data" / f"{CATALOGS[50]}.pdf").read_bytes() == b"%PDF-1.7 stand-in"
    assert len(helpers.read_text().split()) == 2 and _ended(helpers)


def _ended(pids: Path, within: float = 5) -> bool:
    """Whether every process is gone within 5 s: a killed process ends when the kernel gets to
    it, which on a loaded machine is not at once."""
    deadline = time.monotonic() + within
    while _alive(pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _alive(pids) == []


def test_a_print_that_never_ends_is_stopped_with_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_repo(tmp_path)
    helpers = _fake_typesetter(tmp_path, monkeypatch, hang=True)
    monkeypatch.setattr("checks.site.printed._PRINT_SECONDS", 1)
    out, err = io.StringIO(), io.StringIO()
    assert build_command(repo, repo / "build/site", AS_OF, False, out, err) == 2
    assert err.getvalue().startswith(
        "mocap build: the printed catalogs could not be made: Typst did not finish setting the "
        "catalogs within 1 s, so it was stopped: if site/templates/printed.typ was changed, look there "
        "for a loop that never ends"
    )
    assert _ended(helpers) and not (repo / "build/site").exists()


# A build that starts setting its catalogs and is then killed, as `mocap serve` is when stopped
# during a rebuild: it ends without stopping what it started.
_KILLED_BUILD = """
import os, sys
from pathlib import Path
from checks.site.printed import Printing
root = Path(sys.argv[1])
printing = Printing(root / "never-ends.typ", root, root / "printed")
Path(sys.argv[2]).write_text(" ".join(str(process.pid) for _, _, process in printing._runs))
os._exit(0)
"""


def test_typesetting_ends_with_the_build_that_started_it(tmp_path: Path) -> None:
    # Typst runs in a session of its own (so the system gives it a core of its own), which
    # neither Ctrl-C nor a closed terminal reaches: without its lifeline it ran on for minutes.
    (tmp_path / "never-ends.typ").write_text("#for i in range(1000000000) { }\n", encoding="utf-8")
    (tmp_path / "printed").mkdir()
    (tmp_path / "printed" / f"{CATALOGS[50]}.json").write_text("{}", encoding="utf-8")
    pids = tmp_path / "pids"
    program = [sys.executable, "-c", _KILLED_BUILD, str(tmp_path), str(pids)]
    # (Its input is not the tests' own: a pipe that had ended would end the typesetter anyway.)
    subprocess.run(program, stdin=subprocess.DEVNULL, check=True, timeout=60)
    try:
        assert len(pids.read_text().split()) == 1 and _ended(pids, within=20)
    finally:
        for pid in _alive(pids):  # (one that ended may have given its number to another)
            os.killpg(pid, signal.SIGKILL)


def test_the_typesetter_run_by_hand_does_not_end_with_its_input(tmp_path: Path) -> None:
    # Only the build asks it to end with its input (--lifeline): given an input that has ended
    # already, as a script's or a CI runner's may be, it sets the PDF.
    (tmp_path / "one-line.typ").write_text("A catalog\n", encoding="utf-8")
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    paths = [str(tmp_path / name) for name in ("", "one-line.typ", "data.json", "out.pdf")]
    program = [sys.executable, "-m", "checks.site.typeset", *paths]
    result = subprocess.run(program, input=b"", capture_output=True, check=False, timeout=60)
    assert (result.returncode, result.stderr) == (0, b"")
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")


def test_the_pdf_carries_the_builds_day_and_its_title(demo_build: BuildResult) -> None:
    # Its dates are the build's, so two builds of one catalog are byte-identical (test_build).
    reader = PdfReader(demo_build.site_dir / "data" / f"{CATALOGS[50]}.pdf")
    assert reader.metadata is not None
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:20261124000000Z"
    assert reader.metadata.title == "MOCAP courses with instruction, Spring 2027 catalog"


def test_a_title_in_a_script_no_font_covers_is_still_printed(tmp_path: Path) -> None:
    # Held to PDF/UA-1, Typst refused the whole catalog for one character it had no font for.
    repo = copy_repo(tmp_path)
    edit(repo, COURSE, {"title": "Algebra I A 代数 🎨"})
    out, err = io.StringIO(), io.StringIO()
    assert build_command(repo, repo / "build/site", AS_OF, False, out, err) == 0, err.getvalue()
    text = _pdf_text(repo / "build/site/data" / f"{CATALOGS[50]}.pdf")
    assert "AlgebraIA" in text and "(SMP-MA-110A)" in text


def test_the_typesetter_says_how_it_is_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert typeset_main(["only-one-argument"]) == 2
    assert (
        capsys.readouterr().err
        == "usage: python -m checks.site.typeset [--lifeline] ROOT TEMPLATE DATA PDF\n"
    )


def test_a_font_the_machine_gains_sets_the_pdfs_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The machine's fonts fill in what Typst's lack: an incremental build must not keep a PDF
    # set before a font that would now show its Chinese title was installed.
    system_fonts = [Path(f.path) for f in typst.Fonts().fonts() if f.path]
    if not system_fonts:
        pytest.skip("this machine has no font file of its own to copy")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # Typst also reads ~/.fonts
    template, data = tmp_path / "printed.typ", tmp_path / "catalog.json"
    template.write_text("#json(bytes(sys.inputs.data)).title\n", encoding="utf-8")
    data.write_text('{"title": "代数"}', encoding="utf-8")
    before = source_digest(template, data)
    (tmp_path / "home/.fonts").mkdir(parents=True)
    shutil.copyfile(system_fonts[0], tmp_path / "home/.fonts/installed-since.ttf")
    assert source_digest(template, data) != before
