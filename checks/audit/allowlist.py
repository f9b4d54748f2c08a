"""Reviewed exceptions to the audit: each names a rule, a page pattern, a reason and an expiry
date. A finding an entry covers is reported as allowed; an expired entry fails the audit."""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import replace
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checks.audit.findings import AuditReport, Finding
from checks.records import error_summaries
from checks.yamlfile import YamlProblem, read_yaml


class Exception_(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: Annotated[str, Field(min_length=1, description="axe rule id or audit check, e.g. color-contrast")]
    pages: Annotated[str, Field(min_length=1, description="glob over page paths, e.g. courses/*")]
    reason: Annotated[str, Field(min_length=10, description="why the exception is acceptable for now")]
    expires: dt.date


class Allowlist(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    exceptions: list[Exception_] = Field(default_factory=list)


class AllowlistUnusable(Exception):
    """The allowlist file cannot be read."""


def load_allowlist(path: Path) -> Allowlist:
    if not path.is_file():
        return Allowlist()
    try:
        return Allowlist.model_validate(read_yaml(path) or {})
    except YamlProblem as exc:
        raise AllowlistUnusable(f"{path}: line {exc.line}: {exc.message}") from None
    except ValidationError as exc:
        raise AllowlistUnusable(f"{path}: {'; '.join(error_summaries(exc.errors()))}") from None


def apply_allowlist(report: AuditReport, allowlist: Allowlist, today: dt.date, name: str) -> AuditReport:
    current = [e for e in allowlist.exceptions if e.expires >= today]
    expired = [
        Finding(
            page=name,
            rule="allowlist-expired",
            kind="check",
            impact="serious",
            criteria=(),
            selector="",
            html="",
            message=f"the exception for {e.rule} on '{e.pages}' expired on {e.expires.isoformat()}: fix the "
            "pages, or have a reviewer renew it with a new date",
            help_url="",
        )
        for e in allowlist.exceptions
        if e.expires < today
    ]

    def covered(page: str, rule: str) -> bool:
        return any(e.rule == rule and fnmatch.fnmatchcase(page, e.pages) for e in current)

    kept = tuple(f for f in report.findings if f.kind == "incomplete" or not covered(f.page, f.rule))
    allowed = tuple(f for f in report.findings if f not in kept)
    return replace(report, findings=(*kept, *expired), allowed=allowed)
