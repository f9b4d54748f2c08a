"""``mocap build`` for real: the demo catalog through MkDocs and Pagefind, on disk."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import json
import os
import re
import shutil
import time
import zipfile
from decimal import Decimal
from html import escape as html_escape
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from checks.build import MEMOS_STAGE, PAGES_FIRST_STAGE, build_site
from checks.build_report import BuildResult
from checks.cli import main
from checks.commands.site import build_command
from checks.memo import SETTLED_NS
from checks.reference.load import validate_package
from checks.registry import ALL_RULES
from checks.site.errors import BuildFailed
from checks.site.guard import MARKER
from checks.site.requirements import requirement_clauses
from checks.site.tools import ToolFailed, run_pagefind
from checks.site.views import money
from tests.helpers import AS_OF, COURSE, COURSE_B, PROVIDER, REPO, digests, edit, line_of
from tests.site_fixtures import copy_repo, old_sites_removed

WITHHELD = {
    "catalog/providers/cardinal-pathways/courses/entrepreneurship.yaml": "denied on October 2, 2026",
    "catalog/providers/ozark-ridge-charter/courses/forensic-science.yaml": "suspended on October 2, 2026",
    "catalog/providers/summit-stem-courses/courses/algebra-i-summit.yaml": "submitted, awaiting DESE review",
    "catalog/providers/river-bend-online/courses/algebra-i-credit-recovery.yaml": (
        "submitted for the fall 2027 catalog, which is not published yet (the current one is spring 2027)"
    ),
}


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_build_report_names_every_withheld_entry_with_its_reason(demo_build: BuildResult) -> None:
    report = json.loads(demo_build.report_file.read_text(encoding="utf-8"))
    reasons = {w["file"]: w["reason"] for w in report["withheld"]}
    for file, reason in WITHHELD.items():
        assert reasons[file] == reason
    assert report["published"] == {"providers": 7, "courses": 54}
    assert report["catalog"] == "spring 2027"
    assert len(report["withheld"]) + 54 + 7 == 68  # every file of the catalog is accounted for


def test_withheld_entries_are_nowhere_on_the_site(demo_build: BuildResult) -> None:
    site = demo_build.site_dir
    assert not (site / "courses/cardinal-pathways/entrepreneurship").exists()
    assert not (site / "courses/ozark-ridge-charter/forensic-science").exists()
    everything = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    everything += "".join(p.read_text(encoding="utf-8") for p in (site / "data").glob("*.csv"))
    for title in ("Entrepreneurship", "Forensic Science", "Algebra I Summit", "Algebra I Credit Recovery<"):
        assert title not in everything


def test_course_page_carries_what_a_counselor_needs(demo_build: BuildResult) -> None:
    html = page(demo_build.site_dir, "courses/river-bend-online/algebra-i-a")
    for fact in (
        "SMP-MA-110A",
        "River Bend C-2 Online (sample)",
        "0.5 (one credit is a full-year course)",
        "$395 per student for this semester (state cap $500.15); $790 for the whole year",
        "about $79 a month over 5 months",
        "<code>A1.NQ.A.1</code> Meaning of rational exponents extends from integer exponents",
        "How Algebra I A meets the MOCAP requirements",
        '<time datetime="2028-02-15">February 15, 2028</time>',
    ):
        assert fact in html
    matrix = re.findall(r'<th scope="row">([^<]+)</th><td class="mocap-status[^"]*">([^<]+)</td>', html)
    assert matrix == [
        ("Aligned to Missouri Learning Standards", "Met"),
        ("Taught by a Missouri-certified teacher", "Met"),
        ("Accessible to students with disabilities", "Met"),
        ("Student data kept private (federal privacy law, FERPA)", "Met"),
        ("College Board AP Course Audit", "Not applicable"),
        ("Price within the state cap", "Met"),
    ]
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert ld
    data = json.loads(ld.group(1))
    assert (data["@type"], data["name"], data["courseCode"]) == ("Course", "Algebra I A", "SMP-MA-110A")
    assert data["offers"]["price"] == "395.00"


def test_a_course_page_says_when_and_how(demo_build: BuildResult) -> None:
    """The course file's schedule on its page: pacing, joining, each term's dates, what a student
    needs, the syllabus; and where a provider has set no dates, whom to ask."""
    record = yaml.safe_load((REPO / COURSE).read_text(encoding="utf-8"))
    html = page(demo_build.site_dir, "courses/river-bend-online/algebra-i-a")
    section = html.split('id="when"')[1].split('id="compliance"')[0]
    assert "Scheduled: lessons and due dates follow a fixed calendar" in section
    for term in record["schedule"]["terms"]:
        assert f"<dt>{term['term'].capitalize()} term</dt>" in section
        for day in (term["starts"], term["ends"], term["enroll_by"]):
            assert f'<time datetime="{day.isoformat()}">' in section
    assert record["technology_requirements"] in section
    assert f'<a href="{record["syllabus"]}" rel="noopener noreferrer">' in section
    assert "MOCAP has no summer term" in section
    undated = page(demo_build.site_dir, "courses/summit-stem-courses/ap-environmental-science")
    assert "<dt>Term dates</dt><dd>Not set yet: ask the provider</dd>" in undated
    assert "Rolling: students may join at any time during a term" in undated
    guide = page(demo_build.site_dir, "enrolling")
    assert 'id="who-sets-which-deadline"' in guide and "There is no summer term." in guide


def test_every_requirement_of_the_registry_is_shown_with_its_rules_clauses(demo_build: BuildResult) -> None:
    """The compliance tables come from the rules: each requirement a rule names is on the pages,
    with the clauses of exactly its rules."""
    pages = [
        page(demo_build.site_dir, "courses/river-bend-online/algebra-i-a"),
        page(demo_build.site_dir, "providers/bluestem-learning"),
    ]
    shown = {
        name: clause
        for html in pages
        for name, clause in re.findall(
            r'<tr><th scope="row">([^<]+)</th><td class="mocap-status[^"]*">[^<]+</td>'
            r"<td>.*?</td><td>([^<]+)</td></tr>",
            html,
        )
    }
    assert shown == {name: html_escape(clause) for name, clause in requirement_clauses().items()}


def test_a_course_without_codes_links_its_published_alignment(demo_build: BuildResult) -> None:
    html = page(demo_build.site_dir, "courses/bluestem-learning/spanish-i")
    assert (
        '<a href="https://bluestem.example.com/alignment/spanish-i" rel="noopener noreferrer">alignment to '
        "the Missouri Learning Standards</a>"
    ) in html


def test_a_full_time_program_page_links_its_appeals_process(demo_build: BuildResult) -> None:
    html = page(demo_build.site_dir, "providers/heartland-virtual-school")
    assert 'href="https://heartlandvirtual.example.org/policies/enrollment-appeals"' in html
    assert "Appeals of enrollment decisions" in html


def test_provider_page_lists_its_courses_and_contact_channels(demo_build: BuildResult) -> None:
    html = page(demo_build.site_dir, "providers/river-bend-online")
    assert "Speaking with your teacher" in html
    assert html.count('href="../../courses/river-bend-online/') == 7


def test_course_pages_stay_out_of_the_navigation(demo_build: BuildResult) -> None:
    home = page(demo_build.site_dir, "")
    assert "algebra-i-a" not in home
    assert 'href="catalog/"' in home


def test_open_data_validates_and_matches_the_site(demo_build: BuildResult) -> None:
    data = demo_build.site_dir / "data"
    assert validate_package(data, data) == []
    with (data / "courses.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 54
    row = next(r for r in rows if r["id"] == "river-bend-online/algebra-i-a")
    assert (row["price_usd"], row["grades"], row["ap"]) == ("395.0", "9-12", "false")
    document = json.loads((data / "mocap-catalog.json").read_text(encoding="utf-8"))
    assert len(document["courses"]) == 54
    assert len(document["providers"]) == 7
    with zipfile.ZipFile(data / "mocap-catalog.xlsx") as workbook:
        assert "xl/worksheets/sheet1.xml" in workbook.namelist()
        assert "Algebra I A" in workbook.read("xl/sharedStrings.xml").decode()


def test_every_page_footer_links_the_open_data(demo_build: BuildResult) -> None:
    for html_file in demo_build.site_dir.rglob("index.html"):
        assert "CSV, JSON, XLSX and data package</a>" in html_file.read_text(encoding="utf-8"), html_file


def test_two_builds_of_the_same_catalog_are_byte_identical(demo_build: BuildResult, tmp_path: Path) -> None:
    again = build_site(REPO, tmp_path / "site", AS_OF)
    first, second = digests(demo_build.site_dir), digests(again.site_dir)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_an_entry_failing_the_checks_is_withheld_and_the_rest_publish(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    edit(repo, COURSE, {"price": 900})
    out, err = io.StringIO(), io.StringIO()
    code = build_command(repo, repo / "build/site", AS_OF, False, out, err)
    assert code == 0  # a site was built: one withheld entry never stops the others
    line = line_of(repo, COURSE, "price:")
    assert f"withheld {COURSE} (Algebra I A): fails the checks: PRC01 (line {line}) the price $900.00" in (
        out.getvalue()
    )
    assert not (repo / "build/site/courses/river-bend-online/algebra-i-a").exists()
    assert (repo / "build/site/courses/river-bend-online/algebra-i-b/index.html").is_file()


def test_a_withheld_provider_withholds_its_courses(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    edit(repo, PROVIDER, {"authorization.status": "suspended", "authorization.reason": "Audit pending."})
    result = build_site(repo, repo / "build/site", AS_OF)
    reasons = {w.file: w.reason for w in result.publication.withheld}
    assert reasons[PROVIDER].startswith("suspended")
    assert reasons[COURSE] == "its provider 'river-bend-online' is not published"
    assert not (repo / "build/site/providers/river-bend-online").exists()


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    out = repo / "build/site"
    build_site(repo, out, AS_OF)
    before = digests(out)
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnot_a_setting: 1\n", encoding="utf-8")
    with pytest.raises(ToolFailed, match=r"MkDocs failed \(exit 1\)"):
        build_site(repo, out, AS_OF)
    assert digests(out) == before


@pytest.mark.parametrize(
    ("template", "text", "message"),
    [
        (
            "_macros.j2",
            "{% macro row( %}",
            "site/templates/_macros.j2: line 1: expected token 'name', got '%'",
        ),
        ("course.md.j2", "{{ course.title }\n", "site/templates/course.md.j2: line 1: unexpected '}'"),
        (
            "course.md.j2",
            "{{ course.no_such_field }}",
            "site/templates/course.md.j2: 'checks.site.views.CourseView object' has no attribute "
            "'no_such_field'",
        ),
        ("_macros.j2", None, "site/templates/_macros.j2 is missing: restore it from the repository"),
        (
            "course.md.j2",
            '{% include "gone.j2" %}',
            "site/templates/gone.j2 is missing: restore it from the repository",
        ),
        (
            "home.md.j2",
            '{% include "_broken.j2" %}',
            "site/templates/_broken.j2: line 2: Unexpected end of template.",
        ),
    ],
)
def test_build_command_says_where_a_template_is_broken(
    tmp_path: Path, template: str, text: str | None, message: str
) -> None:
    repo = copy_repo(tmp_path)
    (repo / "site/templates/_broken.j2").write_text("fine\n{% if x %}\n", encoding="utf-8")
    if text is None:
        (repo / "site/templates" / template).unlink()
    else:
        (repo / "site/templates" / template).write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert build_command(repo, repo / "build/site", AS_OF, False, out, err) == 2
    assert f"mocap build: {message}" in err.getvalue()
    assert "Traceback" not in err.getvalue() and "the previous site is unchanged" in err.getvalue()


def test_hostile_submitter_text_is_escaped(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    edit(
        repo,
        COURSE,
        {
            "title": 'Algebra <script>alert("t")</script> & "more"',
            "description": "Intro <img src=x onerror=alert(1)> [click](https://example.org/a) *fine*",
        },
    )
    build_site(repo, repo / "build/site", AS_OF)
    html = page(repo / "build/site", "courses/river-bend-online/algebra-i-a")
    assert "<script>alert" not in html
    assert "<img" not in html
    assert 'href="javascript:' not in html
    assert "Intro &lt;img src=x onerror=alert(1)&gt;" in html
    assert "<em>fine</em>" in html
    assert (
        "<title>Algebra &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &quot;more&quot; "
        "(River Bend C-2 Online (sample)) - " in html
    )
    assert '>Algebra &lt;script&gt;alert("t")&lt;/script&gt; &amp; "more"</h1>' in html


def test_rules_page_lists_every_registered_rule(demo_build: BuildResult) -> None:
    html = page(demo_build.site_dir, "rules")
    for rule in ALL_RULES:
        assert (
            f'<tr id="{rule.code.lower()}"><th scope="row"><code class="mocap-code">{rule.code}</code></th>'
            in html
        )
        assert rule.clause in html


def test_whats_new_and_its_feed_agree(demo_build: BuildResult) -> None:
    html = page(demo_build.site_dir, "new")
    assert "8 courses approved since" in html
    assert '<time datetime="2026-01-01">January 1, 2026</time>' in html
    feed = ElementTree.parse(demo_build.site_dir / "feed.xml").getroot()  # noqa: S314 (our own output)
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 8
    first = entries[0]
    assert first.findtext(f"{atom}id") == (
        "https://mocap-catalog.github.io/courses/summit-stem-courses/algebra-i-curriculum-district-teacher/"
    )
    assert feed.findtext(f"{atom}updated") == first.findtext(f"{atom}updated")


def test_build_command_exits_clean_on_the_demo(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert build_command(REPO, tmp_path / "site", AS_OF, False, out, err) == 0
    first = out.getvalue().splitlines()[0]
    assert first == (
        f"built {tmp_path / 'site'} from the spring 2027 catalog as of 2026-11-24: 7 providers and "
        f"54 courses published, 7 entries withheld (report: {tmp_path / 'build-report.json'})"
    )
    assert err.getvalue() == ""


def test_the_build_report_warns_of_reference_data_running_out(tmp_path: Path) -> None:
    out, err, summary = io.StringIO(), io.StringIO(), tmp_path / "summary.md"
    # The day after fall 2027 closes, fall 2028 (school year 2028-29) is open and has no price cap.
    assert build_command(REPO, tmp_path / "site", dt.date(2027, 1, 2), False, out, err, summary) == 0
    message = (
        "no price cap basis for school year 2028-29, which the fall 2028 catalog needs (requests by "
        "January 1, 2028): add its row, naming the state adequacy target that applies (marked "
        "provisional until DESE publishes it)"
    )
    table = "catalog/reference/price_cap_basis.csv"
    assert f"  warning {table}: {message} (REF02)" in out.getvalue().splitlines()
    assert summary.read_text(encoding="utf-8").endswith(
        f"Reference data to update before it runs out:\n\n- {table}: {message} (REF02)\n"
    )


def test_broken_reference_data_stops_the_build_with_its_location(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    path = repo / "catalog/reference/state_adequacy_target.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2026,7145", "2026,seven thousand"), encoding="utf-8"
    )
    out, err = io.StringIO(), io.StringIO()
    assert build_command(repo, repo / "build/site", AS_OF, False, out, err) == 2
    assert err.getvalue() == "mocap build: the reference data is unusable, so no site was built\n"
    assert out.getvalue().startswith("catalog/reference/state_adequacy_target.csv\n")
    assert "REF01" in out.getvalue()
    assert not (repo / "build/site").exists()


def test_an_incremental_build_redoes_only_what_changed_and_equals_a_full_build(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    unrelated = repo / "build/.mocap-work/site/courses/bluestem-learning/spanish-i/index.html"
    built_at = unrelated.stat().st_mtime_ns

    edit(repo, COURSE, {"description": "A rewritten description of Algebra I A."})
    (repo / COURSE_B).unlink()
    build_site(repo, out, AS_OF, incremental=True)

    assert unrelated.stat().st_mtime_ns == built_at  # not rebuilt
    html = _algebra_page(out)
    assert "A rewritten description of Algebra I A." in html
    assert not (out / "courses/river-bend-online/algebra-i-b").exists()
    full = build_site(repo, tmp_path / "full/site", AS_OF)
    assert digests(out) == digests(full.site_dir)


def test_an_incremental_build_renders_only_the_pages_that_show_what_changed(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    first = build_site(repo, out, AS_OF, incremental=True).poured
    assert first.rendered == first.pages > 40
    edit(repo, COURSE, {"description": "A rewritten description of Algebra I A."})
    second = build_site(repo, out, AS_OF, incremental=True).poured
    # The course's page, its provider's, and the listings that show it (subject and grades).
    assert second.pages == first.pages
    assert 3 <= second.rendered <= 8
    report = json.loads((repo / "build/build-report.json").read_text(encoding="utf-8"))
    assert report["data_pages"] == {"poured": second.pages, "rendered": second.rendered}
    assert build_site(repo, out, AS_OF, incremental=True).poured.rendered == 0  # nothing changed
    assert digests(out) == _full_build(repo, tmp_path)


def test_an_incremental_build_sets_again_only_the_catalogs_whose_data_changed(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    printed = repo / "build/.mocap-work/printed"

    def printed_at() -> dict[str, int]:
        return {pdf.name: pdf.stat().st_mtime_ns for pdf in sorted(printed.glob("*.pdf"))}

    first = printed_at()
    assert len(first) == 2
    edit(repo, COURSE, {"description": "A rewritten description of Algebra I A."})  # not in the PDFs
    build_site(repo, out, AS_OF, incremental=True)
    assert printed_at() == first
    edit(repo, COURSE, {"price": 380})  # in the catalog with instruction (program code 50)
    build_site(repo, out, AS_OF, incremental=True)
    again = printed_at()
    assert again["mocap-catalog-with-instruction.pdf"] != first["mocap-catalog-with-instruction.pdf"]
    assert again["mocap-catalog-curriculum-only.pdf"] == first["mocap-catalog-curriculum-only.pdf"]
    assert digests(out) == _full_build(repo, tmp_path)


def _algebra_page(site: Path) -> str:
    """The page of the course the incremental tests change (COURSE)."""
    return (site / "courses/river-bend-online/algebra-i-a/index.html").read_text(encoding="utf-8")


def _full_build(repo: Path, tmp_path: Path) -> dict[str, str]:
    """The digests of a whole build of ``repo``, which an incremental build must equal."""
    return digests(build_site(repo, tmp_path / "full/site", AS_OF).site_dir)


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def _hold(site: Path, folder: Path) -> None:
    """Keep the files of ``site`` (as links in ``folder``; not its marker, whose change time
    names the site), so that the system gives no new file their numbers once it is removed."""
    shutil.copytree(site, folder, copy_function=os.link, ignore=shutil.ignore_patterns(MARKER))


def _stopped(repo: Path, out: Path, monkeypatch: pytest.MonkeyPatch, where: str, fault: Exception) -> None:
    """One description changed, and an incremental build stopped by ``fault`` raised at ``where``."""
    edit(repo, COURSE, {"description": "A rewritten description of Algebra I A."})

    def failing(*_: object, **__: object) -> None:
        raise fault

    with monkeypatch.context() as patched:
        patched.setattr(where, failing)
        with pytest.raises(BuildFailed, match=re.escape(str(fault))):  # told as a failed build
            build_site(repo, out, AS_OF, incremental=True)


def test_an_incremental_build_copies_only_what_changed_and_never_shares_a_file_with_its_work(
    tmp_path: Path,
) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    page = "courses/river-bend-online/algebra-i-a/index.html"
    kept_page = "courses/bluestem-learning/spanish-i/index.html"
    build_site(repo, out, AS_OF, incremental=True)
    edit(repo, COURSE, {"description": "A rewritten description of Algebra I A."})
    build_site(repo, out, AS_OF, incremental=True)  # from here on, the site before is the standby
    for number, description in enumerate(("Rewritten once more.", "Rewritten a third time.")):
        # The page as a reader or web server may still have it open.
        held_text = (out / page).read_bytes()
        before = _inodes(out)
        _hold(out, tmp_path / f"kept-{number}")
        with (out / page).open("rb") as held:
            edit(repo, COURSE, {"description": description})
            build_site(repo, out, AS_OF, incremental=True)
            after = _inodes(out)
            assert after[kept_page] == before[kept_page]  # not written by this build: the same file
            assert after[page] != before[page]
            kept = [name for name in after if before.get(name) == after[name]]
            assert len(kept) > len(after) * 0.9  # only what changed is copied
            # Pagefind writes its whole index again; the files with the same bytes are kept.
            index = [name for name in after if name.startswith("pagefind/fragment/")]
            assert len([name for name in index if before.get(name) == after[name]]) == len(index) - 1
            # A file of the site swapped out is replaced whole, never written.
            assert held.read() == held_text
    work = set(_inodes(repo / "build/.mocap-work/site").values())
    assert work.isdisjoint(after.values())
    assert work.isdisjoint(_inodes(repo / "build/.mocap-work/standby").values())
    # The last index, set aside while Pagefind wrote the new one, is removed in the background.
    assert not (repo / "build/.mocap-work/pagefind-before").exists()
    old_sites_removed(repo / "build")
    assert digests(out) == _full_build(repo, tmp_path)


def test_an_incremental_build_puts_its_pages_in_place_before_the_search_index_and_open_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    first = build_site(repo, out, AS_OF, incremental=True)
    assert PAGES_FIRST_STAGE not in first.seconds  # no index yet: one swap, at the end
    index_before = digests(out / "pagefind")
    seen: dict[str, object] = {}

    def pagefind_watched(site: Path, build_date: dt.date) -> None:
        seen["page"] = _algebra_page(out)
        seen["index"] = digests(out / "pagefind")
        seen["open data digests"] = digests(out / "data")
        run_pagefind(site, build_date)

    monkeypatch.setattr("checks.build.run_pagefind", pagefind_watched)
    data_before = digests(out / "data")
    requirements = "A rewritten list of what Algebra I A needs."
    edit(
        repo,
        COURSE,
        {"description": "A rewritten description of Algebra I A.", "technology_requirements": requirements},
    )
    second = build_site(repo, out, AS_OF, incremental=True)
    assert "A rewritten description of Algebra I A." in str(seen["page"])
    assert seen["index"] == index_before
    # The open data follows with the index: what is in place meanwhile is the last build's.
    assert seen["open data digests"] == data_before
    assert requirements in (out / "data/courses.csv").read_text(encoding="utf-8")
    assert list(second.seconds)[-6:] == [
        PAGES_FIRST_STAGE,
        "printed catalogs (waited for)",
        "search index (open data meanwhile)",
        "open data (waited for)",
        "swap",
        MEMOS_STAGE,
    ]
    assert digests(out / "pagefind") != index_before
    assert digests(out) == _full_build(repo, tmp_path)


def test_python_s_cycle_collector_pauses_while_a_build_runs(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    edit(repo, COURSE, {"description": "A rewritten description of Algebra I A."})
    during: list[bool] = []
    build_site(repo, out, AS_OF, incremental=True, on_pages=lambda: during.append(gc.isenabled()))
    assert during == [False]
    assert gc.isenabled()


def test_an_index_that_fails_after_the_pages_leaves_them_with_the_previous_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    index_before = digests(out / "pagefind")
    _stopped(
        repo, out, monkeypatch, "checks.build.run_pagefind", ToolFailed("Pagefind failed (exit 1):\nno room")
    )
    page = _algebra_page(out)
    assert "A rewritten description of Algebra I A." in page
    assert digests(out / "pagefind") == index_before
    assert gc.isenabled()  # paused for the build, and resumed though it failed
    again = build_site(repo, out, AS_OF, incremental=True)  # the work folder was left incomplete
    assert again.poured.rendered == again.poured.pages
    assert digests(out) == _full_build(repo, tmp_path)


def test_a_work_folder_no_build_here_made_is_not_trusted(tmp_path: Path) -> None:
    # A pull request can commit a work folder, fingerprint and memos included: checked out, it
    # must not put its HTML into a reviewer's preview.
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    work = repo / "build/.mocap-work"
    texts = json.loads((work / "texts.json").read_text(encoding="utf-8"))
    description = yaml.safe_load((repo / COURSE).read_text(encoding="utf-8"))["description"]
    texts["texts"][description] = ["<script>alert('committed')</script>", "committed"]
    (work / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    shutil.copytree(work, tmp_path / "committed")  # as a checkout writes it: new folders
    shutil.rmtree(work)
    shutil.copytree(tmp_path / "committed", work)
    again = build_site(repo, out, AS_OF, incremental=True)
    assert again.poured.rendered == again.poured.pages  # a whole build
    assert "committed" not in _algebra_page(out)
    # The control: in the folder the build made, the memo is what it reads.
    texts["texts"][description] = ["<p>as remembered here</p>\n", "as remembered here"]
    (work / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    edit(repo, COURSE_B, {"description": "A rewritten description of Algebra I B."})
    build_site(repo, out, AS_OF, incremental=True)
    page = _algebra_page(out)
    assert "as remembered here" in page


def test_a_published_file_edited_in_place_is_not_carried_into_the_next_site(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    kept_page = out / "courses/bluestem-learning/spanish-i/index.html"
    with kept_page.open("a", encoding="utf-8") as page:  # a hand edit of the published site
        page.write("<!-- edited -->")
    edit(repo, COURSE, {"description": "A rewritten description of Algebra I A."})
    build_site(repo, out, AS_OF, incremental=True)
    assert "<!-- edited -->" not in kept_page.read_text(encoding="utf-8")
    assert digests(out) == _full_build(repo, tmp_path)


def test_a_build_stopped_before_its_site_is_in_place_is_followed_by_a_whole_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    _stopped(repo, out, monkeypatch, "checks.build.swap_in", OSError(28, "No space left on device"))
    build_site(repo, out, AS_OF, incremental=True)  # the same catalog as the stopped build
    page = _algebra_page(out)
    assert "A rewritten description of Algebra I A." in page
    assert digests(out) == _full_build(repo, tmp_path)


def test_an_incremental_build_of_files_recalled_by_their_state_equals_a_full_build(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    time.sleep(SETTLED_NS / 1e9)  # the copies settle: the first build keeps their states
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    edit(repo, COURSE, {"description": "A rewritten description of Algebra I A.", "credit": 1.0})
    again = build_site(repo, out, AS_OF, incremental=True)
    unread = {c.source.name for c in again.publication.courses if c.source.held_text is None}
    assert unread == {c.source.name for c in again.publication.courses} - {COURSE}
    assert "A rewritten description of Algebra I A." in _algebra_page(out)
    full = build_site(repo, tmp_path / "full/site", AS_OF)
    assert digests(out) == digests(full.site_dir)


def test_an_incremental_build_after_a_full_one_takes_none_of_its_files(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    build_site(repo, out, AS_OF)  # a full build in between
    full = _inodes(out)
    del full[MARKER]  # written anew by every build (and not held: see _hold)
    _hold(out, tmp_path / "kept")
    edit(repo, COURSE, {"description": "A rewritten description of Algebra I A."})
    build_site(repo, out, AS_OF, incremental=True)
    # Its files are not the work folder's copies, by their times: none is kept.
    assert set(full.values()).isdisjoint(_inodes(out).values())
    assert digests(out) == digests(build_site(repo, tmp_path / "again/site", AS_OF).site_dir)


def test_an_incremental_build_starts_over_when_the_site_sources_change(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    unrelated = repo / "build/.mocap-work/site/courses/bluestem-learning/spanish-i/index.html"
    built_at = unrelated.stat().st_mtime_ns
    stylesheet = repo / "site/docs/assets/stylesheets/mocap.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + ".mocap-new { color: #000; }\n", "utf-8")
    build_site(repo, out, AS_OF, incremental=True)
    assert unrelated.stat().st_mtime_ns != built_at  # everything was rebuilt
    assert ".mocap-new" in (out / "assets/stylesheets/mocap.css").read_text(encoding="utf-8")


def test_broken_files_are_withheld_with_their_reasons_and_everything_else_publishes(
    demo_build: BuildResult, tmp_path: Path
) -> None:
    repo = copy_repo(tmp_path)
    courses = repo / "catalog/providers/river-bend-online/courses"
    (courses / "binary.yaml").write_bytes(b"\x00\x01")
    (courses / "bomb.yaml").write_text('a: &a ["lol", "lol"]\nb: [*a, *a]\n', encoding="utf-8")
    (courses / "linked.yaml").symlink_to("/etc/passwd")
    result = build_site(repo, repo / "build/site", AS_OF)
    assert len(result.publication.courses) == len(demo_build.publication.courses)
    prefix = "catalog/providers/river-bend-online/courses"
    reasons = {w.file: w.reason for w in result.publication.withheld if w.file.startswith(f"{prefix}/b")}
    reasons |= {w.file: w.reason for w in result.publication.withheld if w.file.endswith("linked.yaml")}
    failing = "fails the checks:"
    assert reasons == {
        f"{prefix}/binary.yaml": f"{failing} YML01 the file is binary, not text: save it as plain UTF-8 text",
        f"{prefix}/bomb.yaml": f"{failing} YML04 (line 1) the value that starts here is repeated through an "
        "anchor (&) and alias (*): write each value out in full",
        f"{prefix}/linked.yaml": f"{failing} LAY01 (line 1) symbolic links are not accepted: commit the "
        "file itself",
    }
    report = json.loads(result.report_file.read_text(encoding="utf-8"))
    assert {w["file"] for w in report["withheld"]} >= set(reasons)


def test_build_command_line_builds_incrementally(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = copy_repo(tmp_path)
    monkeypatch.chdir(repo)
    as_of = ["--as-of", AS_OF.isoformat()]
    assert main(["build", "--incremental", *as_of]) == 0
    assert (repo / "build/.mocap-work/fingerprint").is_file()
    assert main(["build", *as_of]) == 0


def test_public_pages_speak_plainly(demo_build: BuildResult) -> None:
    """No '(s)' plurals, no literal backticks from rule docstrings, and a titled 404 page."""
    site = demo_build.site_dir
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"\w\(s\)", text), page
        assert "``" not in text, page
    assert "<title>Page not found - MOCAP Course Catalog</title>" in (site / "404.html").read_text(
        encoding="utf-8"
    )
    rules = (site / "rules" / "index.html").read_text(encoding="utf-8")
    assert '<code class="mocap-code">OWN01</code>' in rules
    assert "<code>maintainers</code>" in rules


def test_the_halves_of_a_year_long_course_link_each_other_and_show_the_year(demo_build: BuildResult) -> None:
    first, second = (yaml.safe_load((REPO / f).read_text(encoding="utf-8")) for f in (COURSE, COURSE_B))
    html = page(demo_build.site_dir, "courses/river-bend-online/algebra-i-a")
    assert 'part B is <a href="../../../courses/river-bend-online/algebra-i-b/">Algebra I B</a>' in html
    total = money(Decimal(str(first["price"])) + Decimal(str(second["price"])))
    assert f"{money(Decimal(str(first['price'])))} per student for this semester" in html
    assert f"; {total} for the whole year with Algebra I B" in html
    other = page(demo_build.site_dir, "courses/river-bend-online/algebra-i-b")
    assert 'part A is <a href="../../../courses/river-bend-online/algebra-i-a/">Algebra I A</a>' in other
    # its prerequisites name Algebra I A: a link to it follows them
    assert second["prerequisites"] == "Algebra I A."
    assert (
        'In this catalog: <a href="../../../courses/river-bend-online/algebra-i-a/">Algebra I A</a>.' in other
    )


def test_a_term_that_has_ended_is_left_off_the_course_page(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    ended = {"term": "spring", "starts": dt.date(2026, 1, 12), "ends": dt.date(2026, 5, 22)}
    under_way = {"term": "fall", "starts": dt.date(2026, 8, 17), "ends": AS_OF}  # its last day
    edit(repo, COURSE, {"terms_offered": ["fall", "spring"], "schedule.enrollment": "rolling"})
    edit(repo, COURSE, {"schedule.terms": [ended, under_way]})
    build_site(repo, repo / "build/site", AS_OF)
    page = (repo / "build/site/courses/river-bend-online/algebra-i-a/index.html").read_text(encoding="utf-8")
    assert re.search(
        r"<dt>Fall term</dt><dd><time[^>]*>August 17, 2026</time> to <time[^>]*>November 24, 2026<", page
    )
    assert "Spring term" not in page and "May 22, 2026" not in page
