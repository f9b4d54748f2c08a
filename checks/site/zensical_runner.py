"""Build the site's pages with Zensical, the successor of MkDocs and Material for MkDocs, from
the same ``mkdocs.yml`` (which Zensical reads), in a process of its own.

Zensical takes the folders in its configuration relative to the configuration file, so a copy
of ``mkdocs.yml`` is written beside the pages with the docs, site and theme folders made
relative to it. Its own search is turned off: the site's search is Pagefind's, as with MkDocs.
Its theme is asked for the "classic" variant, Material for MkDocs' own look, which the site's
stylesheet and its accessibility audit are written for.
Its cache lives in the work folder beside that copy, so an incremental build reuses it.

Usage: python -m checks.site.zensical_runner CONFIG_FILE DOCS_DIR SITE_DIR
"""

from __future__ import annotations

import os
import re
import subprocess  # our own interpreter running Zensical with fixed arguments
import sys
from pathlib import Path

import yaml

CONFIG_NAME = "zensical.yml"


def zensical_config(
    config: dict[str, object], config_dir: Path, docs_dir: Path, site_dir: Path
) -> dict[str, object]:
    """``config`` (mkdocs.yml, read from ``config_dir``) as Zensical reads it from beside
    ``docs_dir``."""
    here = docs_dir.parent
    given = config.get("theme") or {}
    theme = {"variant": "classic", **(given if isinstance(given, dict) else {"name": str(given)})}
    if "custom_dir" in theme:
        theme["custom_dir"] = os.path.relpath(config_dir / str(theme["custom_dir"]), here)
    return {
        **config,
        "docs_dir": os.path.relpath(docs_dir, here),
        "site_dir": os.path.relpath(site_dir, here),
        "theme": theme,
        "plugins": {"search": {"enabled": False}},
    }


def main(argv: list[str]) -> int:
    config_file, docs_dir, site_dir = (Path(arg).resolve() for arg in argv)
    try:
        config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        sys.stderr.write(f"{config_file.name} cannot be read for Zensical: {exc}\n")
        return 1
    if not isinstance(config, dict):
        sys.stderr.write(f"{config_file.name} does not hold settings for Zensical\n")
        return 1
    written = docs_dir.parent / CONFIG_NAME
    settings = zensical_config(config, config_file.parent, docs_dir, site_dir)
    written.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
    # Not --strict: Zensical's strict mode stops without saying what it warned of. A warning
    # fails the build all the same, as MkDocs' strict mode does, with the warnings printed.
    command = [sys.executable, "-m", "zensical", "build", "--config-file", written.name]
    result = subprocess.run(command, cwd=written.parent, capture_output=True, text=True, check=False)  # noqa: S603
    said = _ANSI.sub("", result.stdout + result.stderr)
    if result.returncode != 0 or any(line.startswith(_WARNING) for line in said.splitlines()):
        sys.stderr.write(_problems(said))
        return 1
    return 0


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WARNING = "Warning:"
_PROGRESS = ("Build started", "Build finished", "No issues found")


def _problems(said: str) -> str:
    """What Zensical printed besides its progress lines (its warnings with their places, or the
    end of the error that stopped it)."""
    lines = [line for line in said.strip().splitlines() if not line.startswith(_PROGRESS)]
    return "\n".join(lines[-40:]) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
