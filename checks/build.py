"""``mocap build``: catalog -> accepted entries -> page files -> MkDocs -> Pagefind, as plain
steps. Everything is built in a temporary folder beside the output and swapped in at the end,
so a failed build leaves the previous site untouched."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from checks.check import run_checks
from checks.problems import Problem
from checks.publish import Publication, select_published
from checks.site.errors import BuildFailed
from checks.site.pagefind_order import normalize_filter_order
from checks.site.pages import generate_pages
from checks.site.tools import run_mkdocs, run_pagefind

SITE_SOURCES = "site"
CONFIG_FILE = "mkdocs.yml"
REPORT_NAME = "build-report.json"


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    report_file: Path
    as_of: dt.date
    publication: Publication
    check_problems: tuple[Problem, ...]
    seconds: dict[str, float] = field(default_factory=dict)

    def report(self) -> dict[str, object]:
        """The build report: what was published and every entry left off, with its reason."""
        return {
            "as_of": self.as_of.isoformat(),
            "catalog": str(self.publication.catalog_term),
            "published": {
                "providers": len(self.publication.providers),
                "courses": len(self.publication.courses),
            },
            "withheld": [w.as_dict() for w in self.publication.withheld],
        }


def build_site(repo_root: Path, out: Path, as_of: dt.date) -> BuildResult:
    """Build the site of the catalog at ``repo_root`` into ``out``. Raises BuildFailed, and
    ReferenceUnusable when the reference data is broken."""
    seconds: dict[str, float] = {}
    with _stage(seconds, "check"):
        checked = run_checks(repo_root / "catalog", as_of)
        publication = select_published(checked)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}-") as work:
        pages, site = Path(work) / "pages", Path(work) / "site"
        with _stage(seconds, "pages"):
            data_problems = generate_pages(
                publication, checked.reference, repo_root / SITE_SOURCES, pages, _site_url(repo_root)
            )
        if data_problems:
            raise BuildFailed("the open-data files do not validate", tuple(data_problems))
        with _stage(seconds, "mkdocs"):
            run_mkdocs(repo_root / CONFIG_FILE, pages, site, as_of)
        with _stage(seconds, "pagefind"):
            run_pagefind(site, as_of)
            normalize_filter_order(site / "pagefind")
        _swap_in(site, out)
    result = BuildResult(out, out.parent / REPORT_NAME, as_of, publication, checked.problems, seconds)
    result.report_file.write_text(json.dumps(result.report(), indent=2) + "\n", encoding="utf-8")
    return result


@contextmanager
def _stage(seconds: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    seconds[name] = time.perf_counter() - start


def _site_url(repo_root: Path) -> str:
    config = yaml.safe_load((repo_root / CONFIG_FILE).read_text(encoding="utf-8"))
    url = str(config.get("site_url") or "/")
    return url if url.endswith("/") else f"{url}/"


def _swap_in(new: Path, out: Path) -> None:
    """Replace ``out`` with ``new``: two renames on one file system, the old copy removed last."""
    if out.exists():
        retired = out.with_name(f".{out.name}-retired-{time.time_ns()}")
        out.rename(retired)
        new.rename(out)
        shutil.rmtree(retired)
    else:
        new.rename(out)


def watched_paths(repo_root: Path) -> list[Path]:
    """What a rebuild depends on: the catalog, the site's own sources and the configuration."""
    return [repo_root / "catalog", repo_root / SITE_SOURCES, repo_root / CONFIG_FILE]


def summary_text(result: BuildResult) -> str:
    """The build report for a terminal: what was published, and every entry left off."""
    publication = result.publication
    lines = [
        f"built {result.site_dir} from the {publication.catalog_term} catalog as of {result.as_of}: "
        f"{len(publication.providers)} provider(s) and {len(publication.courses)} course(s) published, "
        f"{len(publication.withheld)} entr{'y' if len(publication.withheld) == 1 else 'ies'} withheld "
        f"(report: {result.report_file})"
    ]
    lines += [f"  withheld {w.file} ({w.title}): {w.reason}" for w in publication.withheld]
    lines.append("time: " + ", ".join(f"{stage} {s:.2f} s" for stage, s in result.seconds.items()))
    return "\n".join(lines) + "\n"
