"""What an audit finds, as values: findings on pages, errors that stop a page being audited,
and the report that holds them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["violation", "incomplete", "check"]


@dataclass(frozen=True)
class Finding:
    """One rule that failed (or that axe could not decide) on one element of one page."""

    page: str
    rule: str
    kind: Kind
    impact: str
    criteria: tuple[str, ...]
    selector: str
    html: str
    message: str
    help_url: str

    def as_dict(self) -> dict[str, object]:
        return {
            "page": self.page,
            "rule": self.rule,
            "kind": self.kind,
            "impact": self.impact,
            "wcag": list(self.criteria),
            "selector": self.selector,
            "html": self.html,
            "message": self.message,
            "help": self.help_url,
        }


@dataclass(frozen=True)
class AuditError:
    """A page that could not be audited (missing, unreachable, too slow): never a pass."""

    page: str
    message: str


@dataclass(frozen=True)
class AuditReport:
    axe_version: str
    pages: tuple[str, ...]
    findings: tuple[Finding, ...] = ()
    errors: tuple[AuditError, ...] = ()
    allowed: tuple[Finding, ...] = ()

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind != "incomplete")

    @property
    def incomplete(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == "incomplete")
