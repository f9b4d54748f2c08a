"""Ownership on a pull request: which changed catalog files its author may touch. Maintainers
and reviewers are read from the base of the change, so a change cannot grant itself rights."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from checks.changes import GitError, git, merge_base
from checks.problems import Problem
from checks.records import SourceFile
from checks.rules.base import Rule
from checks.rules.ownership import NEW_PROVIDER, OTHERS_FILES, REVIEW_FIELDS

REVIEWERS_FILE = "catalog/reviewers.yaml"
PROVIDERS = "catalog/providers/"
SUBMITTED = {"status": "submitted"}


def load_reviewers(repo_root: Path) -> frozenset[str]:
    """The reviewers' logins (lowercase) in the working tree's reviewers file."""
    data = yaml.safe_load((repo_root / REVIEWERS_FILE).read_text(encoding="utf-8")) or {}
    return frozenset(str(login).lower() for login in data.get("reviewers") or [])


def ownership_problems(repo_root: Path, base: str, author: str, changed: frozenset[str]) -> list[Problem]:
    """Every changed catalog file ``author`` may not change, with the reason."""
    since = merge_base(repo_root, base)
    listed = (_yaml_at(repo_root, since, REVIEWERS_FILE) or {}).get("reviewers") or []
    reviewers = {str(login).lower() for login in listed}
    if author.lower() in reviewers:
        return []
    return list(_problems(repo_root, since, author, sorted(n for n in changed if n.startswith("catalog/"))))


def _problems(repo_root: Path, since: str, author: str, names: list[str]) -> Iterator[Problem]:
    new_providers: set[str] = set()
    for name in names:
        parts = name.split("/")
        if not (name.startswith(PROVIDERS) and len(parts) >= 4):
            yield _problem(repo_root, name, OTHERS_FILES, (), f"{name} is DESE's: only a reviewer changes it")
            continue
        provider_id = parts[2]
        base_provider = _yaml_at(repo_root, since, f"{PROVIDERS}{provider_id}/provider.yaml")
        if base_provider is None:
            if provider_id not in new_providers:
                new_providers.add(provider_id)
                yield _problem(
                    repo_root,
                    f"{PROVIDERS}{provider_id}/provider.yaml",
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
    key = "authorization" if name.endswith("/provider.yaml") else "review"
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
