"""What a site build made, and its report: as JSON beside the site, for a terminal and for a
GitHub job summary (what was published, every entry withheld with its reason, and the reference
data to update before it runs out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from checks.problems import Problem
from checks.publish import Publication
from checks.registry import ALL_RULES
from checks.reporters import markdown_cell
from checks.site.pour import Poured
from checks.wording import counted


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    report_file: Path | None  # None: it could not be written (see the notes)
    as_of: dt.date
    publication: Publication
    check_problems: tuple[Problem, ...]
    poured: Poured
    seconds: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what went wrong once the new site was in place

    def report(self) -> dict[str, object]:
        """The build report: what was published and every entry left off, with its reason."""
        return {
            "as_of": self.as_of.isoformat(),
            "catalog": str(self.publication.catalog_term),
            "published": {
                "providers": len(self.publication.providers),
                "courses": len(self.publication.courses),
            },
            "withheld": [w.as_dict() for w in self.publication.withheld],
            "data_pages": {"poured": self.poured.pages, "rendered": self.poured.rendered},
            "seconds": {stage: round(s, 3) for stage, s in self.seconds.items()},
            "notes": list(self.notes),
        }


def _published(publication: Publication) -> str:
    return (
        f"{counted(len(publication.providers), 'provider')} and {counted(len(publication.courses), 'course')}"
    )


def summary_text(result: BuildResult) -> str:
    """The build report for a terminal: what was published, and every entry left off."""
    publication = result.publication
    lines = [
        f"built {result.site_dir} from the {publication.catalog_term} catalog as of {result.as_of}: "
        f"{_published(publication)} published, "
        f"{counted(len(publication.withheld), 'entry', 'entries')} withheld "
        f"({f'report: {result.report_file}' if result.report_file else 'no report file: see the notes'})"
    ]
    lines += [f"  withheld {w.file} ({w.title}): {w.reason}" for w in publication.withheld]
    lines += [f"  warning {p.file}: {p.message} ({p.code})" for p in reference_warnings(result)]
    lines += [f"  note: {note}" for note in result.notes]
    lines.append("time: " + ", ".join(f"{stage} {s:.2f} s" for stage, s in result.seconds.items()))
    return "\n".join(lines) + "\n"


def summary_markdown(result: BuildResult) -> str:
    """The build report for a GitHub job summary: what was published, every entry withheld."""
    publication = result.publication
    lines = [
        f"## MOCAP site built from the {publication.catalog_term} catalog as of {result.as_of}",
        "",
        f"{_published(publication)} published; {len(publication.withheld)} withheld.",
    ]
    if publication.withheld:
        lines += ["", "| Withheld file | Title | Reason |", "|---|---|---|"]
        lines += [
            f"| {markdown_cell(w.file)} | {markdown_cell(w.title)} | {markdown_cell(w.reason)} |"
            for w in publication.withheld
        ]
    warnings = reference_warnings(result)
    if warnings:
        lines += ["", "Reference data to update before it runs out:", ""]
        lines += [f"- {markdown_cell(p.file)}: {markdown_cell(p.message)} ({p.code})" for p in warnings]
    if result.notes:
        lines += ["", "Once the new site was in place:", ""]
        lines += [f"- {markdown_cell(note)}" for note in result.notes]
    return "\n".join(lines) + "\n"


def reference_warnings(result: BuildResult) -> list[Problem]:
    """What the checks said of DESE's reference tables (they publish nothing themselves)."""
    codes = {r.code for r in ALL_RULES if r.scope == "reference"}
    return [p for p in result.check_problems if p.code in codes]
