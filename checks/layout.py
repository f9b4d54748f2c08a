"""The repository's layout: what every path is, and who may change it.

A provider's maintainers may change the files in their provider's folder of the catalog; every
other path (reference data, the reviewers file, the site's sources, the code, the workflows,
everything else) is DESE's, changed through a reviewer. The pull-request check judges each
changed path by ``place_of``, so no path is left without an owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CATALOG_DIR = "catalog"
PROVIDERS_DIR = "providers"
PROVIDER_FILE = "provider.yaml"
COURSES_DIR = "courses"
REFERENCE_DIR = "reference"
REVIEWERS_NAME = "reviewers.yaml"
REVIEWERS_FILE = f"{CATALOG_DIR}/{REVIEWERS_NAME}"
SITE_DIR = "site"
SITE_CONFIG = "mkdocs.yml"
CODEOWNERS = ".github/CODEOWNERS"

Kind = Literal[
    "provider file",
    "course file",
    "provider folder",
    "reference data",
    "reviewers file",
    "catalog folder",
    "site sources",
    "code",
    "repository settings",
    "other",
]

# What each kind is, in a sentence a submitter reads when told it is not theirs to change.
WHAT: dict[Kind, str] = {
    "provider file": "a provider's record",
    "course file": "a course of a provider",
    "provider folder": "a file in a provider's folder",
    "reference data": "the catalog's reference data",
    "reviewers file": "the list of DESE reviewers",
    "catalog folder": "a file of the catalog folder",
    "site sources": "a source of the public site",
    "code": "the checker's code or its build",
    "repository settings": "a workflow or setting of the repository",
    "other": "a file of the repository",
}

_CODE_FOLDERS = ("checks", "tests", "benchmarks", "scripts", "schemas", ".ci")
_CODE_FILES = ("pyproject.toml", "constraints.txt", "Makefile", "package.json", "package-lock.json", "mocap")
_SITE_FILES = (SITE_CONFIG, "audit-allowlist.yaml")


@dataclass(frozen=True)
class Place:
    """What a path is; ``provider`` names the provider whose maintainers own it, if any."""

    kind: Kind
    provider: str = ""

    @property
    def what(self) -> str:
        return WHAT[self.kind]


def place_of(name: str) -> Place:
    """The place of a repository path (``/``-separated, relative to the top folder)."""
    parts = name.split("/")
    if parts[0] == CATALOG_DIR:
        return _catalog_place(parts[1:])
    if parts[0] == SITE_DIR or name in _SITE_FILES:
        return Place("site sources")
    if parts[0] in _CODE_FOLDERS or name in _CODE_FILES:
        return Place("code")
    if parts[0] == ".github":
        return Place("repository settings")
    return Place("other")


def _catalog_place(parts: list[str]) -> Place:
    if parts == [REVIEWERS_NAME]:
        return Place("reviewers file")
    if parts[:1] == [REFERENCE_DIR]:
        return Place("reference data")
    if parts[:1] != [PROVIDERS_DIR] or len(parts) < 3:  # ``catalog`` itself may be a file
        return Place("catalog folder")
    provider = parts[1]
    if parts[2:] == [PROVIDER_FILE]:
        return Place("provider file", provider)
    if len(parts) == 4 and parts[2] == COURSES_DIR:
        return Place("course file", provider)
    return Place("provider folder", provider)


def is_entry(name: str) -> bool:
    """A provider or course record's path (by place; the file name may still be wrong)."""
    return place_of(name).kind in {"provider file", "course file"}


def review_key(name: str) -> str:
    """The block of an entry that holds DESE's decision."""
    return "authorization" if place_of(name).kind == "provider file" else "review"
