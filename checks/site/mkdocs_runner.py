"""Build one MkDocs site with the docs and site folders given, in a process of its own (so
MkDocs' logging and the build date it reads from the environment stay out of ours).

Usage: python -m checks.site.mkdocs_runner CONFIG_FILE DOCS_DIR SITE_DIR
"""

from __future__ import annotations

import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


def main(argv: list[str]) -> int:
    config_file, docs_dir, site_dir = argv
    try:
        config = load_config(config_file, docs_dir=docs_dir, site_dir=site_dir, strict=True)
        build(config)
    except MkDocsException as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
