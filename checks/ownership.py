"""Ownership on a change: which changed paths its author may change, and when a change of
content makes an entry a new submission. Maintainers and reviewers are read from the side of
the change before it (the base branch), so a change cannot grant its author rights."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checks.layout import (
    CATALOG_DIR,
    PROVIDER_FILE,
    PROVIDERS_DIR,
    REVIEWERS_FILE,
    is_entry,
    place_of,
    review_key,
)
from checks.problems import Problem
from checks.records import SourceFile
from checks.rules.base import Rule
from checks.rules.ownership import CONTENT_RESUBMITTED, NEW_PROVIDER, OTHERS_FILES, REVIEW_FIELDS
from checks.yamlfile import MAX_FILE_BYTES, YamlProblem, parse, read_yaml

SUBMITTED = {"status": "submitted"}

Reader = Callable[[str], bytes | None]


class ReviewersUnusable(Exception):
    """The reviewers file cannot be read."""


def read_reviewers(repo_root: Path) -> list[str]:
    """The reviewers' logins, as written in the working tree's reviewers file."""
    path = repo_root / REVIEWERS_FILE
    try:
        return reviewers_list(read_yaml(path))
    except OSError as exc:
        raise ReviewersUnusable(
            f"{REVIEWERS_FILE} cannot be read ({exc.strerror}): run ./mocap in the repository's top folder"
        ) from None
    except YamlProblem as exc:
        where = f" (line {exc.line})" if exc.line else ""
        raise ReviewersUnusable(f"{REVIEWERS_FILE} is not valid{where}: {exc.message}") from None


def load_reviewers(repo_root: Path) -> frozenset[str]:
    """The reviewers' logins, lowercase (GitHub logins ignore case)."""
    return frozenset(login.lower() for login in read_reviewers(repo_root))


def reviewers_list(data: Any) -> list[str]:
    """The logins a reviewers file's data lists."""
    listed = data.get("reviewers") if isinstance(data, dict) else None
    return [str(login) for login in listed or []] if isinstance(listed, list | None) else []


def worktree_reader(repo_root: Path) -> Reader:
    """Files as they are on disk (a symbolic link is no file)."""

    def read(name: str) -> bytes | None:
        path = repo_root / name
        return path.read_bytes() if path.is_file() and not path.is_symlink() else None

    return read


@dataclass(frozen=True)
class Change:
    """What a change touches, each path as it was before and after it, and who made it (None
    when unknown: a local check judges only what holds for every author)."""

    names: frozenset[str]
    before: Reader
    after: Reader
    author: str | None

    def data(self, side: Reader, name: str) -> Any:
        return yaml_data(side(name))


def yaml_data(raw: bytes | None) -> Any:
    """A file's YAML data, or None where it is missing or unreadable (its own problems are the
    checks' to report)."""
    if raw is None or len(raw) > MAX_FILE_BYTES:  # too large to be a catalog file: YML01 says so
        return None
    try:
        return parse(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, YamlProblem):
        return None


def reviewers_before(change: Change) -> frozenset[str]:
    return frozenset(login.lower() for login in reviewers_list(change.data(change.before, REVIEWERS_FILE)))


def ownership_problems(change: Change) -> list[Problem]:
    """Every changed path the author may not change, and every changed entry whose approval
    would survive a change of its content."""
    is_reviewer = change.author is not None and change.author.lower() in reviewers_before(change)
    found: list[Problem] = []
    new_providers: set[str] = set()
    maintainers: dict[str, list[str] | None] = {}
    for name in sorted(change.names):
        if change.author is not None and not is_reviewer:
            found += _owner_problems(change, change.author, name, new_providers, maintainers)
        if is_entry(name) and place_of(name).provider not in new_providers:
            found += _review_problems(change, name, is_reviewer)
    return found


def _owner_problems(
    change: Change,
    author: str,
    name: str,
    new_providers: set[str],
    maintainers: dict[str, list[str] | None],
) -> Iterator[Problem]:
    place = place_of(name)
    if not place.provider:
        yield _problem(
            change,
            name,
            OTHERS_FILES,
            (),
            f"{name} is {place.what}, which DESE maintains: only a DESE reviewer changes it. Leave it "
            "out of your pull request, or ask the MOCAP office to make the change",
        )
        return
    provider_file = f"{CATALOG_DIR}/{PROVIDERS_DIR}/{place.provider}/{PROVIDER_FILE}"
    if place.provider not in maintainers:
        base = change.data(change.before, provider_file)
        listed = base.get("maintainers") if isinstance(base, dict) else None
        maintainers[place.provider] = (
            None
            if base is None
            else [str(m).lower() for m in listed if m]
            if isinstance(listed, list)
            else []
        )
    logins = maintainers[place.provider]
    if logins is None:
        if place.provider not in new_providers:
            new_providers.add(place.provider)
            yield _problem(
                change,
                provider_file,
                NEW_PROVIDER,
                (),
                f"this change adds the provider '{place.provider}': only a DESE reviewer adds a "
                "provider. Ask the MOCAP office to add it, then propose courses",
            )
        return
    if author.lower() not in logins:
        yield _problem(
            change,
            name,
            OTHERS_FILES,
            (),
            f"{author} does not maintain the provider '{place.provider}' (its maintainers: "
            f"{', '.join(logins) or 'nobody'}): change only your own provider's files",
        )


def _review_problems(change: Change, name: str, is_reviewer: bool) -> Iterator[Problem]:
    before, after = change.data(change.before, name), change.data(change.after, name)
    if not isinstance(after, dict):
        return  # withdrawn (deleted), or unreadable: the checks say why
    before = before if isinstance(before, dict) else {}
    key = review_key(name)
    was, now = before.get(key), after.get(key)
    if change.author is not None and not is_reviewer and now not in (was, SUBMITTED):
        yield _problem(
            change,
            name,
            REVIEW_FIELDS,
            (key,),
            f"{change.author} changed '{key}', which only DESE reviewers decide: write just 'status: "
            "submitted' there, and a reviewer records the decision",
        )
        return
    changed = changed_fields(before, after, key)
    status = was.get("status") if isinstance(was, dict) else None
    if before and changed and status != "submitted" and now != SUBMITTED:
        yield _problem(
            change,
            name,
            CONTENT_RESUBMITTED,
            (key,),
            f"this change alters {', '.join(changed)} of an entry whose '{key}' says '{status}': a "
            f"changed entry is a new submission. Write just 'status: submitted' under '{key}:', and a "
            "DESE reviewer approves the new version by merging",
        )


def changed_fields(before: dict[str, Any], after: dict[str, Any], key: str) -> list[str]:
    """The fields of an entry's content (all but its decision block ``key``) that differ."""
    return sorted(str(field) for field in {*before, *after} - {key} if before.get(field) != after.get(field))


def _problem(change: Change, name: str, rule: Rule, path: tuple[str, ...], message: str) -> Problem:
    raw = change.after(name)
    text = raw.decode("utf-8-sig", "replace") if raw is not None else ""
    return SourceFile(Path(name), name, text).problem(rule.code, rule.severity, path, message, rule.clause)
