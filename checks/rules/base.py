"""What a rule is: a pure function from a loaded entry to violations, plus its metadata.

The engine adds the file, line, column and severity; a rule says only what is wrong and where
in the record (its field path).
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from checks.models.program import EvidenceKind
from checks.periods import period_end
from checks.problems import FieldPath, Severity
from checks.terms import long_date

if TYPE_CHECKING:  # the loaders report problems through the rules defined with these
    from checks.catalog import Catalog, Entry
    from checks.reference.load import Reference

Scope = Literal["provider", "course", "entry", "catalog", "reference", "file", "text"]


@dataclass(frozen=True)
class Violation:
    message: str
    path: FieldPath = ()
    entry: Entry | None = None  # set by catalog-wide rules to name the file at fault
    line: int | None = None  # set by text rules for a comment, which has no field
    table: str | None = None  # set by reference rules: the file of the reference folder at fault


@dataclass(frozen=True)
class Context:
    """What every rule may consult besides the entry itself."""

    reference: Reference
    as_of: dt.date
    catalog: Catalog
    changed_files: frozenset[str] | None = None
    # Windows are judged where a submission is made (a change set, or files named on the
    # command line); a check of the whole catalog does not re-judge what the gate let in.
    judges_windows: bool = False

    def is_changed(self, entry: Entry) -> bool:
        """In a change set: the entry's file changed. Otherwise: the entry awaits review."""
        if self.changed_files is not None:
            return entry.source.name in self.changed_files
        return entry.review.status == "submitted"

    def is_submission(self, entry: Entry) -> bool:
        """The entry is submitted for review here: changed (or named) and awaiting review.

        A reviewer's decision (approve, suspend, deny) changes the file too, but submits
        nothing: the windows and the submission-only requirements do not judge it.
        """
        return entry.review.status == "submitted" and self.is_changed(entry)


Check = Callable[[Any, Context], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    clause: str
    severity: Severity
    scope: Scope
    doc: str
    check: Check | None = None  # None: found while reading files, not by a function here
    requirement: str = ""  # the obligation's name on the public pages' compliance tables

    @property
    def summary(self) -> str:
        """The docstring's first paragraph, on one line."""
        return " ".join(self.doc.strip().split("\n\n")[0].split())


def rule(
    code: str,
    name: str,
    clause: str,
    scope: Scope,
    severity: Severity = Severity.ERROR,
    requirement: str = "",
) -> Callable[[Check], Rule]:
    """Make a Rule of a check function; its docstring is the rule's documentation."""

    def wrap(check: Check) -> Rule:
        return Rule(code, name, clause, severity, scope, inspect.getdoc(check) or "", check, requirement)

    return wrap


def evidence_problem(day: dt.date, kind: EvidenceKind, what: str, context: Context) -> str:
    """Why a dated attestation or review is not current, or "" when it is."""
    if day > context.as_of:
        return f"{what} is dated {long_date(day)}, after today ({long_date(context.as_of)}): correct the date"
    valid = context.reference.program.evidence_valid[kind]
    expires = period_end(day, valid, context.reference.business_days)
    if expires < context.as_of:
        return (
            f"{what} is dated {long_date(day)} and was current only through {long_date(expires)} "
            f"(it holds {valid}): renew it and write the new date"
        )
    return ""
