"""Make Pagefind's filter index byte-identical from build to build.

Pagefind writes the values of each filter, the list of filters and the list of sort orders in
hash-map order, which changes on every run (https://github.com/Pagefind/pagefind/issues/638:
"filter/metadata indexes" still change). Everything else it writes is stable. This step sorts
those lists by name and renames the files after their new content. It knows one layout, Pagefind 1.5's, and
refuses anything else loudly rather than guess.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

from checks.site.errors import BuildFailed

SIGNATURE = b"pagefind_dcd"
ENTRY_FILE = "pagefind-entry.json"
KNOWN_VERSION = "1.5."
_META_FILTERS = 3  # position of the filter list in the metadata file
_META_SORTS = 4  # and of the sort orders (each a name and its pages in order)


class UnknownIndexLayout(BuildFailed):
    """The Pagefind index is not laid out as this step expects."""

    def __init__(self, why: str):
        super().__init__(f"the search index cannot be made reproducible: {why}")


def normalize_filter_order(bundle: Path) -> None:
    """Sort the filter index of the Pagefind bundle at ``bundle`` (the site's pagefind/)."""
    entry = json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))
    if not str(entry.get("version", "")).startswith(KNOWN_VERSION):
        raise UnknownIndexLayout(
            f"Pagefind {entry.get('version')} is not the {KNOWN_VERSION}x this build knows: reinstall the "
            "project's pinned dependencies (pip install -e .)"
        )
    for language, details in entry["languages"].items():
        meta_file = bundle / f"pagefind.{details['hash']}.pf_meta"
        meta = _read(meta_file)
        filters = meta[_META_FILTERS]
        renamed = [[name, _sort_filter(bundle / "filter", language, file)] for name, file in filters]
        meta[_META_FILTERS] = sorted(renamed)
        meta[_META_SORTS] = sorted(meta[_META_SORTS], key=lambda sort: sort[0])
        details["hash"] = _write(bundle, "pagefind.{}.pf_meta", language, 10, meta, meta_file)
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    (bundle / ENTRY_FILE).write_text(text, encoding="utf-8")


def _sort_filter(folder: Path, language: str, name: str) -> str:
    path = folder / f"{name}.pf_filter"
    filter_name, values = _read(path)
    return _write(folder, "{}.pf_filter", language, 7, [filter_name, sorted(values)], path)


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnknownIndexLayout(f"{path.name} does not start with Pagefind's signature")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write(folder: Path, pattern: str, language: str, digits: int, content: Any, old: Path) -> str:
    """Write ``content`` under a name made from its hash; remove ``old``; return the new hash."""
    data = SIGNATURE + cbor2.dumps(content)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    old.unlink()
    (folder / pattern.format(name)).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name
