"""The outside programs of the site build: the site engine, MkDocs or Zensical (pages -> HTML),
and Pagefind (HTML -> search index). Each runs as a subprocess with a clean, reproducible
environment.

Pagefind comes from npm (package.json, package-lock.json), beside the checks package: npm has
its releases first, and from 1.6 on its output is the same from run to run, so two builds of
the same catalog are byte-identical without touching its index files."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess  # runs our own interpreter and Pagefind with fixed arguments
import sys
from pathlib import Path

from checks.site.errors import BuildFailed

ENGINES = {"mkdocs": "MkDocs", "zensical": "Zensical"}  # the first is the default
DEFAULT_ENGINE = "mkdocs"
# The npm packages the build uses ship with the tools, not with a catalog.
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
PAGEFIND = NODE_MODULES / ".bin/pagefind"
# npm installs the platform package that runs where it ran (pagefind's optional dependencies
# say which): @pagefind/linux-x64, darwin-arm64, windows-x64... Its program is what PAGEFIND, a
# Node.js script, would start.
PAGEFIND_PROGRAMS = NODE_MODULES / "@pagefind"
# Node.js's names for this machine's system and processor, as the package names use them.
_NODE_PLATFORMS = {"win32": "windows"}
_NODE_ARCHITECTURES = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}
NODE_HELP = "run 'make build' (or 'npm ci' in the tools' folder) to install it"


class ToolFailed(BuildFailed):
    """The engine or Pagefind failed; the message carries what it printed."""


def run_engine(
    engine: str, config_file: Path, docs_dir: Path, site_dir: Path, build_date: dt.date, dirty: bool = False
) -> None:
    """Build the site's pages with ``engine``; ``dirty`` (MkDocs) rebuilds only pages whose
    files are newer than their HTML (Zensical keeps a cache of its own)."""
    runner = f"checks.site.{engine}_runner"
    command = [sys.executable, "-m", runner, str(config_file), str(docs_dir), str(site_dir)]
    command = [*command, "--dirty"] if dirty and engine == "mkdocs" else command
    _run(command, ENGINES[engine], build_date, "run 'make build' to install it again")


def pagefind_command(site_dir: Path) -> list[str]:
    """Pagefind indexing ``site_dir``, reading each page from its searchable part on: its own
    program, without the Node.js script that would start it (0.1-0.2 s, and 42 MB held while
    Pagefind runs); the script where no such program is found.

    Pagefind indexes only what is inside a page's ``data-pagefind-body`` (site/overrides/main.html),
    but walks the whole page to find it: made the root, the header, navigation and footer are
    not walked. The index is the same to the byte (tests/test_engines.py); at 10,000 courses it
    took 9.6-11.1 s instead of 11.1-13.8 s."""
    program = _pagefind_program()
    return [str(program), "--site", str(site_dir), "--root-selector", "[data-pagefind-body]", "--silent"]


def _pagefind_program() -> Path:
    """Pagefind's own program for this machine, or the script that starts it: where npm
    installed no program for this machine (a ``node_modules`` copied from another holds one for
    that one: the script says what is wrong), or where the script is told which program to
    start (its ``..._BINARY_PATH`` variables)."""
    if any(os.environ.get(f"{name}_BINARY_PATH") for name in ("PAGEFIND_EXTENDED", "PAGEFIND")):
        return PAGEFIND
    system = _NODE_PLATFORMS.get(sys.platform, sys.platform.rstrip("0123456789"))  # (freebsd14)
    architecture = _NODE_ARCHITECTURES.get(platform.machine().lower(), "")
    name = "pagefind_extended.exe" if system == "windows" else "pagefind_extended"
    program = PAGEFIND_PROGRAMS / f"{system}-{architecture}/bin/{name}"
    return program if architecture and os.access(program, os.X_OK) else PAGEFIND


def run_pagefind(site_dir: Path, build_date: dt.date) -> None:
    if not PAGEFIND.is_file():
        raise ToolFailed(f"Pagefind ({PAGEFIND}) is missing: {NODE_HELP}")
    # (A node_modules installed elsewhere holds the program for that machine, and make sees no
    # need to install it again.)
    fix = "remove the tools' node_modules folder and run 'make build' on this machine"
    _run(pagefind_command(site_dir), "Pagefind", build_date, fix)


def pagefind_version() -> str:
    """The installed Pagefind's version ("not installed" without it)."""
    try:
        package = json.loads((NODE_MODULES / "pagefind/package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "not installed"
    return str(package.get("version", "unknown"))


def _run(command: list[str], name: str, build_date: dt.date, fix: str) -> None:
    """Run ``command`` (``name``); ToolFailed with what it printed, or with ``fix`` when it
    cannot start at all."""
    epoch = dt.datetime.combine(build_date, dt.time(), tzinfo=dt.UTC).timestamp()
    environment = {
        **os.environ,
        # The build date MkDocs prints (sitemap) is the date judged, so the same catalog and
        # date give the same bytes.
        "SOURCE_DATE_EPOCH": str(int(epoch)),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONHASHSEED": "0",
    }
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)  # noqa: S603
    except OSError as exc:  # (a program for another machine: "Exec format error")
        raise ToolFailed(f"{name} ({command[0]}) could not be started ({exc.strerror}): {fix}") from None
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise ToolFailed(f"{name} failed (exit {result.returncode}):\n{output}")
