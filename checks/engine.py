"""Running the rules over a loaded catalog and locating what they find."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from checks.catalog import Entry
from checks.problems import Problem
from checks.rules.base import Context, Rule, Violation
from checks.rules.loading import INTERNAL_FAULT, fault_message


def run_rules(rules: Sequence[Rule], context: Context) -> list[Problem]:
    """Every problem the rules find; each rule's metadata supplies code, severity and clause."""
    catalog = context.catalog
    targets: dict[str, Sequence[Entry]] = {
        "provider": catalog.providers,
        "course": catalog.courses,
        "entry": (*catalog.providers, *catalog.courses),
    }
    problems: list[Problem] = []
    for rule in rules:
        if rule.check is None:
            continue
        if rule.scope == "catalog":
            problems += _locate(rule, None, rule.check(catalog, context))
            continue
        for entry in targets[rule.scope]:
            try:
                problems += _locate(rule, entry, list(rule.check(entry, context)))
            except Exception as exc:  # one entry's fault must not stop the others
                problems.append(_fault(rule, entry, exc))
    return problems


def _fault(rule: Rule, entry: Entry, exc: Exception) -> Problem:
    message = fault_message(f"judging this file by {rule.code} ({rule.name})", exc)
    fault = INTERNAL_FAULT
    return entry.source.problem(fault.code, fault.severity, (), message, fault.clause, line=1, column=1)


def _locate(rule: Rule, entry: Entry | None, violations: Iterable[Violation]) -> list[Problem]:
    located = []
    for violation in violations:
        at = violation.entry or entry
        if at is None:
            raise ValueError(f"rule {rule.code} reported a violation without naming its entry")
        located.append(
            at.source.problem(rule.code, rule.severity, violation.path, violation.message, rule.clause)
        )
    return located
