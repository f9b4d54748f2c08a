"""``mocap audit`` for real: pages with planted defects, our whole demo site, dead pages and
servers, the allowlist, and the report formats, in headless Chromium with the pinned axe-core."""

from __future__ import annotations

import datetime as dt
import io
import json
import socket
import subprocess
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest

from checks.audit import reporters as audit_reporters
from checks.audit.command import audit_command, page_of
from checks.audit.findings import AuditError, AuditReport, Finding
from checks.audit.pages import sample, served
from checks.audit.request import AuditRequest
from checks.build_report import BuildResult
from tests.helpers import REPO, copy_catalog, edit

PLANTED = REPO / "tests/audit_pages"
TODAY = dt.date(2026, 11, 24)
NO_ALLOWLIST = Path("no-allowlist.yaml")


def run_audit(
    *targets: str, allowlist: Path = NO_ALLOWLIST, outputs: tuple[Path, ...] = ()
) -> tuple[int, dict[str, object], str]:
    out, err = io.StringIO(), io.StringIO()
    request = AuditRequest(targets=targets, workers=2, timeout=20)
    code = audit_command(request, REPO, allowlist, TODAY, "json", list(outputs), out, err)
    return code, json.loads(out.getvalue() or "{}"), err.getvalue()


@pytest.fixture(scope="module")
def planted() -> tuple[int, dict[str, object], str]:
    return run_audit(str(PLANTED))


def test_every_planted_defect_is_found_with_its_exact_rule(
    planted: tuple[int, dict[str, object], str],
) -> None:
    code, report, _ = planted
    assert code == 1
    found = {(v["page"], v["rule"]) for v in report["violations"]}  # type: ignore[union-attr,index]
    assert found == {
        ("aria-valid-attr-value.html", "aria-valid-attr-value"),
        ("color-contrast.html", "color-contrast"),
        ("dark-contrast.html", "color-contrast"),
        ("html-has-lang.html", "html-has-lang"),
        ("image-alt.html", "image-alt"),
        ("label.html", "label"),
        ("link-name.html", "link-name"),
        ("skip-link.html", "skip-link"),
    }
    assert report["axe_core"] == "4.14.1"
    assert report["errors"] == []


def test_a_defect_of_the_dark_scheme_alone_is_found_and_named(
    planted: tuple[int, dict[str, object], str],
) -> None:
    _, report, _ = planted
    [dark] = [v for v in report["violations"] if v["page"] == "dark-contrast.html"]  # type: ignore[union-attr,index]
    assert str(dark["message"]).startswith("(dark scheme) ")  # type: ignore[index]


def test_a_finding_carries_what_a_developer_needs(planted: tuple[int, dict[str, object], str]) -> None:
    _, report, _ = planted
    image = next(v for v in report["violations"] if v["rule"] == "image-alt")  # type: ignore[union-attr,index]
    assert image["impact"] == "critical"
    assert image["wcag"] == ["1.1.1"]
    assert image["selector"] == "img"
    assert image["html"].startswith("<img src=")
    assert image["help"].startswith("https://dequeuniversity.com/rules/axe/4.14/image-alt")


def test_the_clean_page_has_no_findings(planted: tuple[int, dict[str, object], str]) -> None:
    _, report, _ = planted
    assert "clean.html" in report["pages"]  # type: ignore[operator]
    assert [v for v in report["violations"] if v["page"] == "clean.html"] == []  # type: ignore[union-attr,index]


def test_every_page_of_our_site_passes(demo_build: BuildResult, tmp_path: Path) -> None:
    outputs = (tmp_path / "audit.json", tmp_path / "audit.xml")
    code, report, err = run_audit(
        str(demo_build.site_dir), allowlist=REPO / "audit-allowlist.yaml", outputs=outputs
    )
    assert report["violations"] == []
    assert report["errors"] == []
    assert (code, err) == (0, "")
    assert len(report["pages"]) == sum(1 for _ in demo_build.site_dir.rglob("*.html")) - sum(  # type: ignore[arg-type]
        1 for _ in (demo_build.site_dir / "pagefind").rglob("*.html")
    )
    suite = ElementTree.parse(outputs[1]).getroot()  # noqa: S314 (our own report)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == (
        str(len(report["pages"])),
        "0",
        "0",
    )  # type: ignore[arg-type]
    assert json.loads(outputs[0].read_text(encoding="utf-8"))["pages"] == report["pages"]


def test_a_missing_page_is_an_error_not_a_pass() -> None:
    with served(PLANTED) as base:
        code, report, err = run_audit(base + "clean.html", base + "no-such-page.html")
    assert code == 2
    assert report["errors"] == [
        {
            "page": base + "no-such-page.html",
            "message": "cannot be audited: the server answered 404 File not found",
        }
    ]
    assert err == "mocap audit: some pages could not be audited, so the audit did not pass\n"


def test_a_dead_server_is_an_error_not_a_pass() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, report, _ = run_audit(f"http://127.0.0.1:{port}/")
    assert code == 2
    [error] = report["errors"]  # type: ignore[misc]
    assert error["message"] == "cannot be audited: no answer from the server ([Errno 111] Connection refused)"


def test_the_allowlist_allows_until_it_expires(tmp_path: Path) -> None:
    allowlist = tmp_path / "audit-allowlist.yaml"
    allowlist.write_text(
        "exceptions:\n"
        "  - rule: image-alt\n    pages: 'image-*'\n    reason: Decorative test image, fix tracked.\n"
        "    expires: 2027-01-31\n",
        encoding="utf-8",
    )
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("clean.html", "image-alt.html"):
        (pages / name).write_bytes((PLANTED / name).read_bytes())
    code, report, _ = run_audit(str(pages), allowlist=allowlist)
    assert (code, report["violations"]) == (0, [])
    assert [a["rule"] for a in report["allowed"]] == ["image-alt"]  # type: ignore[union-attr,index]

    allowlist.write_text(
        allowlist.read_text(encoding="utf-8").replace("2027-01-31", "2026-11-01"), encoding="utf-8"
    )
    code, report, _ = run_audit(str(pages), allowlist=allowlist)
    assert code == 1
    assert {(v["page"], v["rule"]) for v in report["violations"]} == {  # type: ignore[union-attr,index]
        ("image-alt.html", "image-alt"),
        ("audit-allowlist.yaml", "allowlist-expired"),
    }
    expired = next(v for v in report["violations"] if v["rule"] == "allowlist-expired")  # type: ignore[union-attr,index]
    assert expired["message"] == (
        "the exception for image-alt on 'image-*' expired on 2026-11-01: fix the pages, "
        "or have a reviewer renew it with a new date"
    )


def test_an_allowlist_entry_without_a_reason_is_refused(tmp_path: Path) -> None:
    allowlist = tmp_path / "audit-allowlist.yaml"
    allowlist.write_text(
        "exceptions:\n  - {rule: label, pages: '*', expires: 2027-01-01}\n", encoding="utf-8"
    )
    code, _, err = run_audit(str(PLANTED), allowlist=allowlist)
    assert code == 2
    assert err == f"mocap audit: {allowlist}: exceptions #1.reason: the field is missing\n"


def test_a_folder_without_pages_or_axe_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run_audit(str(tmp_path))
    assert (code, err) == (
        2,
        f"mocap audit: {tmp_path} holds no HTML pages: build the site first (./mocap build)\n",
    )
    out, err_stream = io.StringIO(), io.StringIO()
    request = AuditRequest(targets=(str(PLANTED),))
    assert audit_command(request, tmp_path, NO_ALLOWLIST, TODAY, "text", [], out, err_stream) == 2
    assert "axe.min.js is missing: run 'npm ci'" in err_stream.getvalue()


def test_a_sample_keeps_one_page_of_each_kind_and_is_seeded() -> None:
    pages = [
        "",
        "catalog/",
        *(f"courses/p/c{n}/" for n in range(30)),
        "providers/",
        "providers/p/",
        "providers/q/",
        "404.html",
    ]
    first = sample(pages, 5, seed=7)
    assert first == sample(pages, 5, seed=7)
    # one page of each template: home, catalog, course, providers index, provider, 404
    assert {"", "catalog/", "courses/p/c0/", "providers/", "providers/p/", "404.html"} <= set(first)
    assert len(first) == 6 + 5
    assert sample(pages, 5, seed=8) != first


def test_changed_pages_are_those_built_from_the_changed_files() -> None:
    assert page_of("catalog/providers/river-bend-online/courses/algebra-i-a.yaml") == (
        "courses/river-bend-online/algebra-i-a/"
    )
    assert page_of("catalog/providers/river-bend-online/provider.yaml") == "providers/river-bend-online/"
    assert page_of("catalog/reference/subjects.csv") == ""


def test_changed_mode_audits_the_templates_and_the_changed_pages(
    demo_build: BuildResult, tmp_path: Path
) -> None:
    repo = copy_catalog(tmp_path)
    (repo / "node_modules").symlink_to(REPO / "node_modules")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "catalog"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    edit(
        repo, "catalog/providers/bluestem-learning/courses/spanish-ii.yaml", {"title": "Spanish II, revised"}
    )
    out, err = io.StringIO(), io.StringIO()
    request = AuditRequest(
        targets=(str(demo_build.site_dir),), pages="changed", sample_size=0, changed_since="HEAD", workers=2
    )
    assert audit_command(request, repo, NO_ALLOWLIST, TODAY, "json", [], out, err) == 0
    pages = json.loads(out.getvalue())["pages"]
    assert "courses/bluestem-learning/spanish-ii/" in pages
    assert {"", "catalog/", "providers/", "404.html"} <= set(pages)
    assert len(pages) < 20


def _report() -> AuditReport:
    finding = Finding(
        page="courses/a/",
        rule="image-alt",
        kind="violation",
        impact="critical",
        criteria=("1.1.1",),
        selector="img",
        html='<img src="x.png">',
        message="No alt | text\nat all",
        help_url="https://dequeuniversity.com/rules/axe/4.14/image-alt",
    )
    review = replace(finding, rule="color-contrast", kind="incomplete", criteria=("1.4.3",), message="Look")
    return AuditReport(
        axe_version="4.14.1",
        pages=("courses/a/", "gone/"),
        findings=(finding, review),
        errors=(AuditError("gone/", "cannot be audited: the server answered 404 File not found"),),
    )


def test_the_text_report_lists_errors_violations_and_what_to_review() -> None:
    assert audit_reporters.text(_report()).splitlines() == [
        "error: gone/: cannot be audited: the server answered 404 File not found",
        "courses/a/: image-alt (critical WCAG 1.1.1) at img: No alt | text",
        "at all",
        '    <img src="x.png">',
        "    https://dequeuniversity.com/rules/axe/4.14/image-alt",
        "to review by hand (axe could not decide):",
        "  courses/a/: color-contrast (critical WCAG 1.4.3) at img: Look",
        "2 pages audited with axe-core 4.14.1: 1 violation, 1 page not audited, "
        "1 to review by hand, 0 allowed by the allowlist",
    ]


def test_the_github_and_markdown_reports_escape_what_they_carry() -> None:
    github = audit_reporters.github(_report()).splitlines()
    assert github[0] == (
        "::error title=Not audited::gone/: cannot be audited: the server answered 404 File not found"
    )
    assert github[1] == (
        "::error title=Accessibility image-alt::courses/a/: image-alt (critical WCAG 1.1.1) at img: "
        "No alt | text%0Aat all"
    )
    assert github[2].startswith("::notice title=Accessibility audit::2 pages audited")
    markdown = audit_reporters.markdown(_report())
    assert "| `gone/` | cannot be audited: the server answered 404 File not found |" in markdown
    assert (
        "| `courses/a/` | [image-alt](https://dequeuniversity.com/rules/axe/4.14/image-alt) | critical "
        "| 1.1.1 | `img` | No alt \\| text at all |"
    ) in markdown


@pytest.mark.parametrize(
    ("targets", "pages", "outputs", "message"),
    [
        (
            (str(PLANTED),),
            "all",
            ("report.html",),
            "mocap audit: report.html: name reports .json, .xml (JUnit), .md or .txt\n",
        ),
        (
            (str(PLANTED), "http://127.0.0.1:9/"),
            "all",
            (),
            f"mocap audit: {PLANTED} http://127.0.0.1:9/: give one folder of HTML pages, or http(s) URLs\n",
        ),
        ((str(PLANTED),), "changed", (), "mocap audit: --pages changed needs --changed-since GITREF\n"),
    ],
)
def test_requests_that_cannot_run_are_usage_errors(
    targets: tuple[str, ...], pages: str, outputs: tuple[str, ...], message: str
) -> None:
    out, err = io.StringIO(), io.StringIO()
    request = AuditRequest(targets=targets, pages=pages)
    code = audit_command(request, REPO, NO_ALLOWLIST, TODAY, "text", [Path(o) for o in outputs], out, err)
    assert (code, err.getvalue(), out.getvalue()) == (2, message, "")
