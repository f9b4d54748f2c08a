"""Which entries the public site shows, and why each other one is withheld.

An entry is published when its file passes every check, DESE has approved it, its provider is
published, and the catalog it was submitted for is out. Every other file of the catalog is
withheld with a reason, so nothing leaves the site silently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from checks.catalog import CourseEntry, ProviderEntry
from checks.check import CheckedCatalog
from checks.models.review import Authorization
from checks.problems import Problem, Severity
from checks.terms import CatalogTerm, long_date

EntryKind = Literal["provider", "course", "file"]


@dataclass(frozen=True)
class Withheld:
    file: str
    kind: EntryKind
    title: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "kind": self.kind, "title": self.title, "reason": self.reason}


@dataclass(frozen=True)
class Publication:
    catalog_term: CatalogTerm
    providers: tuple[ProviderEntry, ...]
    courses: tuple[CourseEntry, ...]
    withheld: tuple[Withheld, ...]


def select_published(checked: CheckedCatalog) -> Publication:
    catalog = checked.catalog
    published_term = CatalogTerm.parse(checked.reference.program.published_catalog)
    errors = _errors_by_file(checked.problems)
    withheld: list[Withheld] = []

    providers: list[ProviderEntry] = []
    for provider in catalog.providers:
        name = provider.source.name
        reason = _error_reason(errors[name]) or _status_reason(provider.record.authorization)
        if reason:
            withheld.append(Withheld(name, "provider", provider.record.legal_name, reason))
        else:
            providers.append(provider)
    published_ids = {p.folder for p in providers}

    courses: list[CourseEntry] = []
    for course in catalog.courses:
        name, record = course.source.name, course.record
        reason = (
            _error_reason(errors[name])
            or _status_reason(record.review)
            or _provider_reason(course.folder, published_ids)
            or _term_reason(CatalogTerm.parse(record.catalog), published_term)
        )
        if reason:
            withheld.append(Withheld(name, "course", record.title, reason))
        else:
            courses.append(course)

    loaded = {p.source.name for p in catalog.providers} | {c.source.name for c in catalog.courses}
    for name in catalog.file_names:
        if name not in loaded:
            reason = _error_reason(errors[name]) or "not a catalog entry"
            withheld.append(Withheld(name, "file", name, reason))
    return Publication(
        published_term,
        tuple(providers),
        tuple(courses),
        tuple(sorted(withheld, key=lambda w: w.file)),
    )


def _errors_by_file(problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    found: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        if problem.severity is Severity.ERROR:
            found[problem.file].append(problem)
    return found


def _error_reason(problems: list[Problem]) -> str:
    if not problems:
        return ""
    first = problems[0]
    where = f" (line {first.line})" if first.line else ""
    more = f"; and {len(problems) - 1} more" if len(problems) > 1 else ""
    return f"fails the checks: {first.code}{where} {first.message}{more}"


def _status_reason(review: Authorization) -> str:
    if review.status == "approved":
        return ""
    if review.status == "submitted":
        return "submitted, awaiting DESE review"
    decided = f" on {long_date(review.decided_on)}" if review.decided_on else ""
    return f"{review.status}{decided}"


def _provider_reason(provider_id: str, published_ids: set[str]) -> str:
    if provider_id in published_ids:
        return ""
    return f"its provider '{provider_id}' is not published"


def _term_reason(term: CatalogTerm, published: CatalogTerm) -> str:
    if term.order <= published.order:
        return ""
    return f"submitted for the {term} catalog, which is not published yet (the current one is {published})"
