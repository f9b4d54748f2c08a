"""Build one MkDocs site with the docs and site folders given, in a process of its own (so
MkDocs' logging and the build date it reads from the environment stay out of ours).

Usage: python -m checks.site.mkdocs_runner CONFIG_FILE DOCS_DIR SITE_DIR [--dirty]
"""

from __future__ import annotations

import logging
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

DIRTY_FLAG = "--dirty"


def _not_the_dirty_build_notice(record: logging.LogRecord) -> bool:
    # MkDocs warns that a dirty build may leave navigation stale. Ours is fixed in mkdocs.yml and
    # a change to it forces a full build (checks.site.incremental), and strict mode would turn
    # the notice into a failure.
    return "'dirty' build" not in record.getMessage()


def main(argv: list[str]) -> int:
    dirty = DIRTY_FLAG in argv
    config_file, docs_dir, site_dir = (arg for arg in argv if arg != DIRTY_FLAG)
    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_build_notice)
    try:
        config = load_config(config_file, docs_dir=docs_dir, site_dir=site_dir, strict=True)
        build(config, dirty=dirty)
    except MkDocsException as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
