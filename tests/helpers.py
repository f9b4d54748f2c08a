"""Test helpers: a real catalog on disk, real YAML edits, the real check command."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from checks.commands.catalog import check_command

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 24)
DELETE = object()

COURSE = "catalog/providers/river-bend-online/courses/algebra-i-a.yaml"
COURSE_B = "catalog/providers/river-bend-online/courses/algebra-i-b.yaml"
AP_COURSE = "catalog/providers/bluestem-learning/courses/ap-english-language-and-composition.yaml"
PROVIDER = "catalog/providers/river-bend-online/provider.yaml"
VENDOR = "catalog/providers/bluestem-learning/provider.yaml"


def copy_catalog(destination: Path) -> Path:
    """A copy of the demo catalog under ``destination``/catalog; returns the repository root."""
    shutil.copytree(REPO / "catalog", destination / "catalog")
    return destination


def edit(repo: Path, name: str, changes: dict[str, Any]) -> None:
    """Set (or with DELETE, remove) dotted fields of one YAML file, keeping its first line."""
    path = repo / name
    text = path.read_text(encoding="utf-8")
    first_line = text.splitlines()[0]
    data = yaml.safe_load(text)
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        if value is DELETE:
            node.pop(last, None)
        else:
            node[last] = value
    text = yaml.dump(data, Dumper=NoAliases, sort_keys=False, width=1000)
    path.write_text(first_line + "\n" + text, encoding="utf-8")


class NoAliases(yaml.SafeDumper):
    """The same value written twice stays two values (catalog files refuse aliases)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def line_of(repo: Path, name: str, marker: str) -> int:
    """The 1-based number of the first line of a file containing ``marker``."""
    lines = (repo / name).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if marker in line)


def run_check(
    repo: Path,
    *paths: str,
    as_of: dt.date = AS_OF,
    changed_since: str | None = None,
    author: str | None = None,
) -> tuple[int, dict[str, Any], str]:
    """Exit code, the JSON report and stderr of ``mocap check --format json``."""
    out, err = io.StringIO(), io.StringIO()
    targets = [repo / p for p in paths] or [repo / "catalog"]
    code = check_command(targets, as_of, changed_since, "json", out, err, author)
    return code, json.loads(out.getvalue() or "{}"), err.getvalue()


def problems_with(report: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [p for p in report.get("problems", []) if p["code"] == code]


def git(repo: Path, *args: str) -> None:
    """Run git in ``repo`` as a fixed test user."""
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args]
    subprocess.run(command, cwd=repo, check=True, capture_output=True)


def git_repo(tmp_path: Path) -> Path:
    """A git repository holding the demo catalog on main, checked out on a branch 'proposal'."""
    repo = copy_catalog(tmp_path)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "catalog")
    git(repo, "checkout", "-q", "-b", "proposal")
    return repo


def digests(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by its relative name, with the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
