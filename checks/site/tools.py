"""The outside programs of the site build: the site engine, MkDocs or Zensical (pages -> HTML),
and Pagefind (HTML -> search index). Each runs as a subprocess with a clean, reproducible
environment."""

from __future__ import annotations

import datetime as dt
import os
import subprocess  # runs our own interpreter and Pagefind with fixed arguments
import sys
from pathlib import Path

from checks.site.errors import BuildFailed

ENGINES = {"mkdocs": "MkDocs", "zensical": "Zensical"}  # the first is the default
DEFAULT_ENGINE = "mkdocs"


class ToolFailed(BuildFailed):
    """The engine or Pagefind failed; the message carries what it printed."""


def run_engine(
    engine: str, config_file: Path, docs_dir: Path, site_dir: Path, build_date: dt.date, dirty: bool = False
) -> None:
    """Build the site's pages with ``engine``; ``dirty`` (MkDocs) rebuilds only pages whose
    files are newer than their HTML (Zensical keeps a cache of its own)."""
    runner = f"checks.site.{engine}_runner"
    command = [sys.executable, "-m", runner, str(config_file), str(docs_dir), str(site_dir)]
    _run([*command, "--dirty"] if dirty and engine == "mkdocs" else command, ENGINES[engine], build_date)


def run_pagefind(site_dir: Path, build_date: dt.date) -> None:
    _run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"], "Pagefind", build_date)


def _run(command: list[str], name: str, build_date: dt.date) -> None:
    epoch = dt.datetime.combine(build_date, dt.time(), tzinfo=dt.UTC).timestamp()
    environment = {
        **os.environ,
        # The build date MkDocs prints (sitemap) is the date judged, so the same catalog and
        # date give the same bytes.
        "SOURCE_DATE_EPOCH": str(int(epoch)),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONHASHSEED": "0",
    }
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)  # noqa: S603
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise ToolFailed(f"{name} failed (exit {result.returncode}):\n{output}")
