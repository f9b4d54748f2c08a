"""Reporters: pure functions from a report to text. Whatever a file put in a problem (its
name, a field name, a value quoted in a message) is neutralised for the grammar it lands in:
control and direction characters are shown as visible escapes in a terminal, the workflow
commands GitHub reads are escaped, and a Markdown cell cannot end its row or start a heading."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from itertools import groupby

from checks.problems import Problem, Report
from checks.texts import HIDDEN_CHARACTERS
from checks.wording import counted


def visible(text: str) -> str:
    """``text`` with each control, direction or separator character written as an escape
    (``\\x1b``, ``\\u202e``), so a terminal or a page shows it instead of obeying it, and each
    byte of a file name that is not UTF-8 (read by git as a lone surrogate) as ``\\xff``."""
    shown = HIDDEN_CHARACTERS.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
    return _UNDECODED.sub(lambda m: f"\\x{ord(m.group(0)) - 0xDC00:02x}", shown)


_UNDECODED = re.compile("[\udc80-\udcff]")  # how surrogateescape keeps an undecodable byte


def _summary(report: Report) -> str:
    return (
        f"{counted(report.files_checked, 'file')} checked: {counted(report.errors, 'error')}, "
        f"{counted(report.warnings, 'warning')}"
    )


def _where(problem: Problem) -> str:
    if problem.line is None:
        return "-"
    return f"{problem.line}:{problem.column}" if problem.column else str(problem.line)


def text(report: Report) -> str:
    """Grouped by file, one line a problem, the way a person reads it in a terminal."""
    lines: list[str] = []
    for file, problems in groupby(report.problems, key=lambda p: p.file):
        lines.append(visible(file))
        for p in problems:
            field = f"{visible(p.field)}: " if p.field else ""
            lines.append(f"  {_where(p):<8} {p.severity:<8} {field}{visible(p.message)}")
            lines.append(f"  {'':<8} {'':<8} ({p.code}, {p.clause})")
        lines.append("")
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    data = {
        "files_checked": report.files_checked,
        "errors": report.errors,
        "warnings": report.warnings,
        "problems": [p.as_dict() for p in report.problems],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def escape_data(value: str) -> str:
    """A GitHub workflow command's message, escaped."""
    return visible(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    """A GitHub workflow command's property (file=, title=), escaped."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report) -> str:
    """Workflow commands that GitHub shows as annotations (only the first ten of a kind per
    step are shown: the markdown summary carries the rest)."""
    lines = []
    for p in report.problems:
        props = [f"file={escape_property(p.file)}"]
        if p.line is not None:
            props.append(f"line={p.line}")
        if p.column is not None:
            props.append(f"col={p.column}")
        props.append(f"title={escape_property(f'{p.code} {p.field}'.strip())}")
        message = escape_data(f"{p.message} ({p.clause})")
        lines.append(f"::{p.severity} {','.join(props)}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")


def markdown_cell(value: str) -> str:
    """Text safe inside one cell of a Markdown table (or a list item): one line, no markup."""
    one_line = re.sub("[\r\n\u2028\u2029\x85]+", " ", value)
    return (
        visible(one_line).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("`", "\\`")
    )


def markdown(report: Report, judged: str = "") -> str:
    """The full report for a pull request's job summary; ``judged`` says how (a date, an author)."""
    icon = "❌" if report.errors else "✅"
    heading = f"## {icon} MOCAP catalog check" + (f", {markdown_cell(judged)}" if judged else "")
    lines = [heading, "", _summary(report), ""]
    if report.problems:
        lines += [
            "| File | Line | Severity | Code | Field | Problem | Clause |",
            "|---|---|---|---|---|---|---|",
        ]
        for p in report.problems:
            cells = (p.file, _where(p), str(p.severity), p.code, p.field, p.message, p.clause)
            lines.append("| " + " | ".join(markdown_cell(v) for v in cells) + " |")
    return "\n".join(lines) + "\n"


REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
    "markdown": markdown,
}
