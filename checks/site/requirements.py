"""What the public pages say each requirement rests on. A compliance table's rows are named by
the registry's rules (``requirement`` on each rule), and each row's clauses are those rules'
clauses: a row cannot be shown that no rule judges, nor cite a clause its rules do not. A
published entry has passed every rule (one with an error is withheld), so a row it shows as met
is one whose rules passed."""

from __future__ import annotations

from functools import cache

from checks.registry import ALL_RULES


@cache
def requirement_clauses() -> dict[str, str]:
    """Each requirement's name, with its rules' distinct clauses in registry order."""
    found: dict[str, list[str]] = {}
    for rule in ALL_RULES:
        if rule.requirement:
            clauses = found.setdefault(rule.requirement, [])
            if rule.clause not in clauses:
                clauses.append(rule.clause)
    return {name: "; ".join(clauses) for name, clauses in found.items()}


def clause_of(requirement: str) -> str:
    """The clauses of ``requirement``; KeyError when no registered rule judges it."""
    return requirement_clauses()[requirement]
