"""Ownership on a pull request: which changed catalog files its author may touch. Maintainers
and reviewers are read from the base of the change, so a change cannot grant itself rights."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from checks.catalog import PROVIDER_FILE
from checks.changes import GitError, git, merge_base
from checks.problems import Problem
from checks.records import SourceFile
from checks.rules.base import Rule
from checks.rules.ownership import NEW_PROVIDER, OTHERS_FILES, REVIEW_FIELDS

REVIEWERS_FILE = "catalog/reviewers.yaml"
PROVIDERS = "catalog/providers/"
SUBMITTED = {"status": "submitted"}


class ReviewersUnusable(Exception):
    """The reviewers file cannot be read."""


def read_reviewers(repo_root: Path) -> list[str]:
    """The reviewers' logins, as written in the working tree's reviewers file."""
    path = repo_root / REVIEWERS_FILE
    try:
        return _logins(yaml.safe_load(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise ReviewersUnusable(
            f"{REVIEWERS_FILE} cannot be read ({exc.strerror}): run mocap in the repository's top folder"
        ) from None
    except yaml.YAMLError as exc:
        raise ReviewersUnusable(f"{REVIEWERS_FILE} is not valid YAML: {exc}") from None


def load_reviewers(repo_root: Path) -> frozenset[str]:
    """The reviewers' logins, lowercase (GitHub logins ignore case)."""
    return frozenset(login.lower() for login in read_reviewers(repo_root))


def _logins(data: Any) -> list[str]:
    listed = data.get("reviewers") if isinstance(data, dict) else None
    return [str(login) for login in listed or []]


def ownership_problems(repo_root: Path, base: str, author: str, changed: frozenset[str]) -> list[Problem]:
    """Every changed catalog file ``author`` may not change, with the reason."""
    since = merge_base(repo_root, base)
    reviewers = {login.lower() for login in _logins(_yaml_at(repo_root, since, REVIEWERS_FILE))}
    if author.lower() in reviewers:
        return []
    return list(_problems(repo_root, since, author, sorted(n for n in changed if n.startswith("catalog/"))))


def _problems(repo_root: Path, since: str, author: str, names: list[str]) -> Iterator[Problem]:
    new_providers: set[str] = set()
    base_providers: dict[str, Any] = {}  # one `git show` per provider, however many files change
    for name in names:
        parts = name.split("/")
        if not (name.startswith(PROVIDERS) and len(parts) >= 4):
            message = (
                f"{name} is DESE's: only a reviewer changes it. Leave it out of your pull request, or ask "
                "the MOCAP office to make the change"
            )
            yield _problem(repo_root, name, OTHERS_FILES, (), message)
            continue
        provider_id = parts[2]
        provider_file = f"{PROVIDERS}{provider_id}/{PROVIDER_FILE}"
        if provider_id not in base_providers:
            base_providers[provider_id] = _yaml_at(repo_root, since, provider_file)
        base_provider = base_providers[provider_id]
        if base_provider is None:
            if provider_id not in new_providers:
                new_providers.add(provider_id)
                yield _problem(
                    repo_root,
                    provider_file,
                    NEW_PROVIDER,
                    (),
                    f"this change adds the provider '{provider_id}': only a DESE reviewer adds a provider. "
                    "Ask the MOCAP office to add it, then propose courses",
                )
            continue
        maintainers = [str(m).lower() for m in base_provider.get("maintainers") or []]
        if author.lower() not in maintainers:
            listed = ", ".join(maintainers) or "nobody"
            yield _problem(
                repo_root,
                name,
                OTHERS_FILES,
                (),
                f"{author} does not maintain the provider '{provider_id}' (its maintainers: {listed}): "
                "change only your own provider's files",
            )
            continue
        yield from _review_changes(repo_root, since, name, author)


def _review_changes(repo_root: Path, since: str, name: str, author: str) -> Iterator[Problem]:
    path = repo_root / name
    if not path.is_file():
        return  # a maintainer may withdraw its own file
    key = "authorization" if name.endswith(f"/{PROVIDER_FILE}") else "review"
    try:
        head = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return  # the file's own problems are reported by the checks
    before = (_yaml_at(repo_root, since, name) or {}).get(key)
    now = head.get(key) if isinstance(head, dict) else None
    if now not in (before, SUBMITTED):
        yield _problem(
            repo_root,
            name,
            REVIEW_FIELDS,
            (key,),
            f"{author} changed '{key}', which only DESE reviewers decide: write just 'status: submitted' "
            f"there, and a reviewer records the decision",
        )


def _problem(repo_root: Path, name: str, rule: Rule, path: tuple[str, ...], message: str) -> Problem:
    file = repo_root / name
    text = file.read_text(encoding="utf-8", errors="replace") if file.is_file() else ""
    return SourceFile(file, name, text).problem(rule.code, rule.severity, path, message, rule.clause)


def _yaml_at(repo_root: Path, commit: str, name: str) -> Any:
    """The YAML data of ``name`` at ``commit``, or None where the file did not exist."""
    try:
        text = git(repo_root, "show", f"{commit}:./{name}")
    except GitError:
        return None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None
