"""Running the rules over a loaded catalog and locating what they find."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial

from checks.catalog import Entry
from checks.layout import REFERENCE_DIR
from checks.memo import FileMemo
from checks.problems import Problem
from checks.records import SourceFile
from checks.rules.base import Check, Context, Rule, Violation
from checks.rules.loading import INTERNAL_FAULT, fault_message
from checks.shares import shared_map
from checks.texts import FileTexts

ENTRY_SCOPES = ("provider", "course", "entry")


def run_rules(rules: Sequence[Rule], context: Context, memo: FileMemo | None = None) -> list[Problem]:
    """Every problem the rules find; each rule's metadata supplies code, severity and clause.
    With a ``memo``, the findings in a file it recalled are its, where they were made on the
    same terms (checks.memo)."""
    catalog = context.catalog
    problems: list[Problem] = _text_problems([r for r in rules if r.scope == "text"], context, memo)
    for rule in rules:
        if rule.check is None:
            continue
        if rule.scope == "catalog":
            problems += _locate(rule, None, rule.check(catalog, context))
        elif rule.scope == "reference":
            problems += [_reference_problem(rule, v, context) for v in rule.check(context.reference, context)]
    entry_rules = [r for r in rules if r.check is not None and r.scope in ENTRY_SCOPES]
    return problems + _entry_problems(entry_rules, context, memo)


def _entry_problems(rules: Sequence[Rule], context: Context, memo: FileMemo | None) -> list[Problem]:
    """What the rules that judge one entry at a time find. Such a rule consults the entry, the
    reference data, the day and whether the entry is a submission here, never the rest of the
    catalog (a test holds that): an entry whose file a ``memo`` recalled keeps what was found in
    it on the same terms, and the others may be judged in two processes (checks.shares)."""
    catalog = context.catalog
    problems: list[Problem] = []
    judged: list[tuple[Entry, list[Rule]]] = []
    for kind, entries in (("provider", catalog.providers), ("course", catalog.courses)):
        scoped = [r for r in rules if r.scope in (kind, "entry")]
        for entry in entries:
            recalled = memo.recall_entry_problems(entry.source.name, _terms(entry, context)) if memo else None
            if recalled is None:
                judged.append((entry, scoped))
            else:
                problems += recalled

    def judge(job: tuple[Entry, list[Rule]]) -> list[Problem]:
        entry, scoped = job
        found_in: list[Problem] = []
        for rule in scoped:
            try:
                found = list(_check(rule)(entry, context))
            except Exception as exc:  # one entry's fault must not stop the others
                found_in.append(_fault(rule, entry.source, exc))
                continue
            if found:  # (most entries meet most rules: 600,000 pairs at 10,000 courses)
                found_in += _locate(rule, entry, found)
        return found_in

    for (entry, _), found_in in zip(judged, shared_map(judge, judged), strict=True):
        if memo:
            memo.keep_entry_problems(entry.source.name, _terms(entry, context), found_in)
        problems += found_in
    return problems


def _terms(entry: Entry, context: Context) -> str:
    """What an entry is judged on besides its file (checks.rules.base.Context)."""
    changed = None if context.changed_files is None else entry.source.name in context.changed_files
    return f"{context.reference.digest}|{context.as_of}|{context.judges_windows}|{changed}"


def _text_problems(rules: Sequence[Rule], context: Context, memo: FileMemo | None) -> list[Problem]:
    """The text rules over every text of every entry file, valid or not (``checks/texts.py``);
    the files a ``memo`` does not recall may be judged in two processes (checks.shares)."""
    problems: list[Problem] = []
    unread: list[SourceFile] = []
    for source in context.catalog.sources:
        found = memo.recall_text_problems(source.name) if memo else None
        if found is None:
            unread.append(source)
        else:
            problems += found

    judged = shared_map(partial(_file_text_problems, rules, context), unread)
    for source, found in zip(unread, judged, strict=True):
        if memo:
            memo.keep_text_problems(source.name, found)
        problems += found
    return problems


def _file_text_problems(rules: Sequence[Rule], context: Context, source: SourceFile) -> list[Problem]:
    texts = FileTexts(source.data, source.text, source.model)
    problems: list[Problem] = []
    for rule in rules:
        try:
            problems += [_text_problem(source, rule, v) for v in _check(rule)(texts, context)]
        except Exception as exc:  # one file's fault must not stop the others
            problems.append(_fault(rule, source, exc))
    return problems


def _check(rule: Rule) -> Check:
    if rule.check is None:
        raise ValueError(f"rule {rule.code} has no check to run")
    return rule.check


def _text_problem(source: SourceFile, rule: Rule, violation: Violation) -> Problem:
    column = 1 if violation.line else None
    return source.problem(
        rule.code, rule.severity, violation.path, violation.message, rule.clause, violation.line, column
    )


def _reference_problem(rule: Rule, violation: Violation, context: Context) -> Problem:
    """A reference rule's finding, in the named file of the catalog's reference folder."""
    folder = (context.catalog.root / REFERENCE_DIR).relative_to(context.catalog.repo_root)
    table = violation.table or ""
    file = (folder / table).as_posix()
    return Problem(file, None, None, rule.code, rule.severity, "", violation.message, rule.clause)


def _fault(rule: Rule, source: SourceFile, exc: Exception) -> Problem:
    message = fault_message(f"judging this file by {rule.code} ({rule.name})", exc)
    fault = INTERNAL_FAULT
    return source.problem(fault.code, fault.severity, (), message, fault.clause, line=1, column=1)


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
