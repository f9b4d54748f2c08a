"""``mocap review``: a DESE reviewer's decision, recorded in the entry's own file.

Only the review block of the file is rewritten (its text is spliced in where the block stood), so
every other line, comment and wrap of the submitter's file stays byte for byte. The result is
validated against the model before anything is written. A decision that makes no sense from the
entry's current status is refused with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from checks.check import check_catalog, find_catalog_root
from checks.layout import CATALOG_DIR, PROVIDER_FILE, REFERENCE_DIR
from checks.models.course import Course
from checks.models.provider import Provider
from checks.models.review import REASONED_STATUSES
from checks.ownership import load_reviewers
from checks.periods import years_after
from checks.problems import Report
from checks.records import error_summaries
from checks.reference.load import load_reference
from checks.yamlfile import YamlProblem, compose, parse, read_text


class ReviewRefused(Exception):
    """The decision cannot be recorded; the message says why and what to do."""


@dataclass(frozen=True)
class Recorded:
    """A decision written into an entry's file, and the entry's check after it. An approval of
    a file that fails the checks is taken back (``kept`` is False): only a passing entry is
    approved."""

    status: str
    report: Report
    kept: bool


def decide(repo_root: Path, entry: Path, decision: Decision, as_of: dt.date) -> Recorded:
    """Record ``decision`` in ``entry`` and check it. Raises ReviewRefused, ReviewersUnusable,
    ReferenceUnusable or CatalogNotFound, with the reason."""
    reviewers = load_reviewers(repo_root)
    program = load_reference(repo_root / CATALOG_DIR / REFERENCE_DIR, repo_root).program
    try:
        before = entry.read_bytes()
    except OSError as exc:
        raise ReviewRefused(f"{entry} cannot be read: {exc.strerror}") from None
    status = record_decision(entry, decision, reviewers, program.renewal_period_years)
    report = check_catalog(find_catalog_root([entry]), as_of, None, [entry])
    if status == "approved" and report.errors:
        entry.write_bytes(before)
        return Recorded(status, report, kept=False)
    return Recorded(status, report, kept=True)


@dataclass(frozen=True)
class Transition:
    allowed_from: frozenset[str]
    status: str
    refusal: str  # why the decision makes no sense from any other status


TRANSITIONS: dict[str, Transition] = {
    "approve": Transition(
        frozenset({"submitted"}),
        "approved",
        "only a submitted entry is approved: a denied, revoked, withdrawn or expired entry needs a "
        "new submission (its maintainer sets 'status: submitted') first",
    ),
    "deny": Transition(frozenset({"submitted"}), "denied", "only a submitted entry is denied"),
    "suspend": Transition(frozenset({"approved"}), "suspended", "only an approved entry is suspended"),
    "revoke": Transition(
        frozenset({"approved", "suspended"}), "revoked", "only an approved or suspended entry is revoked"
    ),
    "reinstate": Transition(frozenset({"suspended"}), "approved", "only a suspended entry is reinstated"),
}


@dataclass(frozen=True)
class Decision:
    action: str
    by: str
    reason: str | None
    on: dt.date


def record_decision(path: Path, decision: Decision, reviewers: frozenset[str], renewal_years: int) -> str:
    """Write ``decision`` into the file at ``path``; return the entry's new status."""
    if decision.by.lower() not in reviewers:
        raise ReviewRefused(f"{decision.by} is not a DESE reviewer listed in catalog/reviewers.yaml")
    transition = TRANSITIONS[decision.action]
    if transition.status in REASONED_STATUSES and not (decision.reason or "").strip():
        raise ReviewRefused(
            f"a decision to {decision.action} needs --reason: the written explanation the provider "
            "receives (161.670.6 RSMo)"
        )
    try:
        raw = path.read_bytes()
        text = read_text(path)
        data = parse(text)
        root = compose(text)
    except OSError as exc:
        raise ReviewRefused(f"{path} cannot be read: {exc.strerror}") from None
    except YamlProblem as exc:
        where = f" (line {exc.line})" if exc.line else ""
        raise ReviewRefused(f"{path} cannot be read{where}: {exc.message}") from None
    is_provider = path.name == PROVIDER_FILE
    key = "authorization" if is_provider else "review"
    review = data.get(key) if isinstance(data, dict) else None
    if not isinstance(review, dict) or not isinstance(root, yaml.MappingNode):
        raise ReviewRefused(f"{path} has no '{key}' section to record the decision in")
    current = str(review.get("status"))
    if current not in transition.allowed_from:
        raise ReviewRefused(
            f"cannot {decision.action} an entry whose status is '{current}': {transition.refusal}"
        )
    _apply(review, transition, decision, renewal_years)
    _validate(data, Provider if is_provider else Course, path)
    _write_block(path, raw, text, root, key, review)
    return transition.status


def reopen_submission(path: Path) -> None:
    """Make the entry at ``path`` a new submission: its decision block becomes just ``status:
    submitted`` (comments and line endings elsewhere stay)."""
    raw = path.read_bytes()
    text = read_text(path)
    root = compose(text)
    key = "authorization" if path.name == PROVIDER_FILE else "review"
    if not isinstance(root, yaml.MappingNode) or not any(k.value == key for k, _ in root.value):
        raise ReviewRefused(f"{path} has no '{key}' section to reopen")
    _write_block(path, raw, text, root, key, {"status": "submitted"})


def _write_block(
    path: Path, raw: bytes, text: str, root: yaml.MappingNode, key: str, block: dict[str, Any]
) -> None:
    """Write the file with its ``key`` block replaced, keeping its BOM and line endings."""
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    newline = "\r\n" if b"\r\n" in raw else "\n"
    path.write_bytes((bom + _splice(text, root, key, block, newline)).encode("utf-8"))


def _apply(review: dict[str, Any], transition: Transition, decision: Decision, renewal_years: int) -> None:
    review["status"] = transition.status
    if decision.action == "approve":
        review["basis"] = "review"
        review["approved_on"] = decision.on
        review["renewal_due"] = years_after(decision.on, renewal_years)
    review["decided_on"] = decision.on
    review["decided_by"] = decision.by
    if decision.reason:
        review["reason"] = decision.reason
    elif "reason" in review:
        del review["reason"]  # an earlier decision's reason does not explain this one


def _validate(data: Any, model: type[BaseModel], path: Path) -> None:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        raise ReviewRefused(
            f"{path} would not be valid after the decision ({error_summaries(exc.errors())[0]}): correct the "
            "file first"
        ) from None


class _NoAliases(yaml.SafeDumper):
    """The same date written twice stays two dates, not an anchor and an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _splice(text: str, root: yaml.MappingNode, key: str, review: dict[str, Any], newline: str) -> str:
    """``text`` with the top-level ``key`` block replaced by ``review``, written as YAML. Only
    the block's own lines change: comments and blank lines after it, and the file's line
    endings, stay as they were."""
    key_node, value_node = next((k, v) for k, v in root.value if k.value == key)
    start = key_node.start_mark.index
    end = _content_end(value_node)
    line_end = text.find("\n", end)
    end = len(text) if line_end < 0 else line_end + 1
    block = yaml.dump({key: review}, Dumper=_NoAliases, sort_keys=False, default_flow_style=False, width=100)
    if not text[:end].endswith("\n"):
        block = block.removesuffix("\n")
    return text[:start] + block.replace("\n", newline) + text[end:]


def _content_end(node: yaml.Node) -> int:
    """Where the last value of a block ends (a block's own end mark lies past the comments and
    blank lines that follow it)."""
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _content_end(last[1] if isinstance(node, yaml.MappingNode) else last)
    return int(node.end_mark.index)
