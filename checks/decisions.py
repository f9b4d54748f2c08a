"""What a merge to main leaves for DESE's decision: the submitted entries it brought, and the
approved entries whose content it changed while their approval stayed (a change of content is
a new submission, which the gate asks for; a verdict given against an older main can miss it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checks.changes import GitTree, tree_changes
from checks.layout import is_entry, review_key
from checks.ownership import changed_fields, yaml_data


@dataclass(frozen=True)
class Awaiting:
    name: str
    changed_while_approved: bool  # False: submitted


def awaiting_decision(repo: Path, before: str, after: str) -> list[Awaiting]:
    """Each entry the commits ``before``..``after`` changed that awaits a decision."""
    old, new = GitTree(repo, before), GitTree(repo, after)
    found = []
    for name in sorted(n for n in tree_changes(repo, before, after) if is_entry(n)):
        now, was = yaml_data(new.read(name)), yaml_data(old.read(name))
        if not isinstance(now, dict):
            continue  # withdrawn, or unreadable: the checks say why
        key = review_key(name)
        review = now.get(key)
        status = review.get("status") if isinstance(review, dict) else None
        if status == "submitted":
            found.append(Awaiting(name, changed_while_approved=False))
        elif (
            status == "approved"
            and isinstance(was, dict)
            and was.get(key) == review
            and changed_fields(was, now, key)
        ):
            found.append(Awaiting(name, changed_while_approved=True))
    return found
