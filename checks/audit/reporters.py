"""Audit reports as text: pure functions from an AuditReport to a string."""

from __future__ import annotations

import json
from collections.abc import Callable

# Writes XML, never parses it.
from xml.etree import ElementTree  # nosec B405

from checks.audit.findings import AuditReport, Finding
from checks.reporters import escape_data, escape_property, markdown_cell
from checks.wording import counted


def _summary(report: AuditReport) -> str:
    return (
        f"{counted(len(report.pages), 'page')} audited with axe-core {report.axe_version or '(not run)'}: "
        f"{counted(len(report.violations), 'violation')}, {counted(len(report.errors), 'page')} not audited, "
        f"{len(report.incomplete)} to review by hand, {len(report.allowed)} allowed by the allowlist"
    )


def _line(finding: Finding) -> str:
    criteria = f" WCAG {', '.join(finding.criteria)}" if finding.criteria else ""
    where = f" at {finding.selector}" if finding.selector and finding.selector != "html" else ""
    return f"{finding.page or '/'}: {finding.rule} ({finding.impact}{criteria}){where}: {finding.message}"


def text(report: AuditReport) -> str:
    lines = [f"error: {e.page or '/'}: {e.message}" for e in report.errors]
    for finding in report.violations:
        lines.append(_line(finding))
        if finding.html:
            lines.append(f"    {finding.html}")
        if finding.help_url:
            lines.append(f"    {finding.help_url}")
    if report.incomplete:
        lines.append("to review by hand (axe could not decide):")
        lines += [f"  {_line(f)}" for f in report.incomplete]
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def as_json(report: AuditReport) -> str:
    return (
        json.dumps(
            {
                "axe_core": report.axe_version,
                "pages": list(report.pages),
                "violations": [f.as_dict() for f in report.violations],
                "incomplete": [f.as_dict() for f in report.incomplete],
                "allowed": [f.as_dict() for f in report.allowed],
                "errors": [{"page": e.page, "message": e.message} for e in report.errors],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def junit(report: AuditReport) -> str:
    suite = ElementTree.Element(
        "testsuite",
        name=f"accessibility (axe-core {report.axe_version})",
        tests=str(len(report.pages)),
        failures=str(len({f.page for f in report.violations})),
        errors=str(len(report.errors)),
    )
    for page in report.pages:
        case = ElementTree.SubElement(suite, "testcase", classname="accessibility", name=page or "/")
        for error in (e for e in report.errors if e.page == page):
            ElementTree.SubElement(case, "error", message=error.message)
        found = [f for f in report.violations if f.page == page]
        if found:
            failure = ElementTree.SubElement(case, "failure", message=counted(len(found), "violation"))
            failure.text = "\n".join(_line(f) for f in found)
    ElementTree.indent(suite)
    return ElementTree.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"


def github(report: AuditReport) -> str:
    lines = [f"::error title=Not audited::{escape_data(e.page + ': ' + e.message)}" for e in report.errors]
    lines += [
        f"::error title={escape_property(f'Accessibility {f.rule}')}::{escape_data(_line(f))}"
        for f in report.violations
    ]
    lines.append(f"::notice title=Accessibility audit::{escape_data(_summary(report))}")
    return "\n".join(lines) + "\n"


def markdown(report: AuditReport) -> str:
    lines = ["## Accessibility audit", "", _summary(report), ""]
    if report.errors:
        lines += ["| page not audited | why |", "|---|---|"]
        lines += [f"| `{markdown_cell(e.page or '/')}` | {markdown_cell(e.message)} |" for e in report.errors]
        lines.append("")
    if report.violations:
        lines += ["| page | rule | impact | WCAG | element | what is wrong |", "|---|---|---|---|---|---|"]
        for f in report.violations:
            page, selector, message = (markdown_cell(v) for v in (f.page or "/", f.selector, f.message))
            rule, criteria = f"[{f.rule}]({f.help_url})", ", ".join(f.criteria)
            lines.append(f"| `{page}` | {rule} | {f.impact} | {criteria} | `{selector}` | {message} |")
    return "\n".join(lines) + "\n"


REPORTERS: dict[str, Callable[[AuditReport], str]] = {
    "text": text,
    "json": as_json,
    "junit": junit,
    "github": github,
    "markdown": markdown,
}
