"""Every benchmark in one run, printed as one table: synthetic catalogs (``mocap synth``) of
1,000 and 10,000 courses, each checked, checked as a one-file pull request, built whole and
incrementally, searched and audited, side by side with check-jsonschema on the same files, a
plain MkDocs build of the same pages and mkdocs-material's own (lunr) search index.

    make bench                   # or: .venv/bin/python -m benchmarks.run_all [--runs 3]

Times are medians of --runs runs of the command as a user runs it (a new process, imports
included); memory is the highest peak resident set of the command and the programs it ran.
The slow comparison builds (plain MkDocs, lunr) run once.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.measure import Run, bytes_in, median_run, mkdocs_config, run, search_transfer
from benchmarks.served import Served, served_changes
from checks.build import PAGES_FIRST_STAGE, WORK_NAME
from checks.site.mirror import SET_ASIDE
from checks.site.tools import pagefind_command

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-24"
MOCAP = (sys.executable, "-m", "checks.cli")
CHECK_JSONSCHEMA = str(Path(sys.executable).parent / "check-jsonschema")
QUERIES = ("algebra", "spanish", "science")
COURSES_PER_PROVIDER = 40
AUDIT_SAMPLE = 40
TARGET_SIZE = 10_000  # issues 6 and 18 set their targets for 10,000 courses
LARGE_SIZE = 30_000  # and issue 18 for 30,000
HUGO = "hugo"  # Debian's package


@dataclass(frozen=True)
class Row:
    measure: str
    size: int
    value: str
    target: str = ""
    met: bool | None = None


def _held(measure: str, size: int, text: str, value: float, limit: float, at: int = TARGET_SIZE) -> Row:
    """A row held to ``limit`` at the catalog size the target is set for (``at``)."""
    if size != at:
        return Row(measure, size, text)
    return Row(measure, size, text, f"≤ {limit:g}", value <= limit)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000,30000", help="course counts, comma-separated")
    parser.add_argument(
        "--compare-sizes",
        default="1000,10000",
        help="sizes at which the slow comparisons run too (the build before pouring, plain MkDocs, lunr)",
    )
    parser.add_argument("--keep", type=Path, help="keep the synthetic repositories in this folder")
    args = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="mocap-bench-") as temp:
        work = args.keep or Path(temp)
        aside = SetAside(work / "set-aside")
        for size in (int(s) for s in args.sizes.split(",")):
            repo = _synthetic_repo(work / f"courses-{size}", size)
            rows += _check_rows(repo, size, args.runs)
            compare = str(size) in args.compare_sizes.split(",")
            rows += _build_rows(repo, size, args.runs, work, compare, aside)
            print(f"measured {size:,} courses\n{_table(rows)}", file=sys.stderr, flush=True)
        rows += _hostile_rows(work / "hostile", max(int(s) for s in args.sizes.split(",")), args.runs)
        aside.remove()
    print(_table(rows))
    return 0 if all(r.met is not False for r in rows) else 1


def _synthetic_repo(repo: Path, courses: int) -> Path:
    """A repository as the site build reads it (catalog, site sources, mkdocs.yml), committed
    to git so that a pull-request check has a base."""
    providers = -(-courses // COURSES_PER_PROVIDER)
    repo.mkdir(parents=True)
    shape = ["--providers", str(providers), "--courses", str(courses), "--seed", "1"]
    source = ["--out", str(repo / "catalog"), "--source", str(REPO / "catalog"), "--as-of", AS_OF]
    run([*MOCAP, "synth", *shape, *source], repo)
    shutil.copytree(REPO / "site", repo / "site")
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    (repo / ".gitignore").write_text("build/\n", encoding="utf-8")
    for command in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "synthetic catalog"]):
        run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *command], repo)
    return repo


def _one_course(repo: Path) -> Path:
    return sorted((repo / "catalog/providers").glob("*/courses/*.yaml"))[0]


def _rewrite_description(course: Path, index: int, **fields: object) -> None:
    """A valid change to one course, different each time."""
    lines = course.read_text(encoding="utf-8").splitlines(keepends=True)
    data = yaml.safe_load("".join(lines))
    data["description"] = f"Revision {index} of this course. {data['description']}"
    data.update(fields)
    course.write_text(lines[0] + yaml.safe_dump(data, sort_keys=False, width=100), encoding="utf-8")


def _submit_revision(course: Path, index: int) -> None:
    """A pull request revising a course, resubmitted (OWN04) in time for the next catalog."""
    _rewrite_description(course, index, catalog="fall 2027", review={"status": "submitted"})


def _served(repo: Path, course: Path, runs: int) -> Served:
    """``mocap serve`` on the work folder the incremental builds left: ``runs`` saves of one
    course, after one more that only brings its standby site up to date."""

    def save(index: int) -> Callable[[], str]:
        def saved() -> str:
            _rewrite_description(course, index)
            return f"Revision {index} of this course."

        return saved

    page = f"courses/{course.parent.parent.name}/{course.stem}/"
    served = served_changes(
        [*MOCAP, "serve", "--as-of", AS_OF],
        repo,
        page,
        [save(1000 + i) for i in range(runs + 1)],
        lambda: _settled(repo / "build"),
    )
    return Served(served.page[1:], served.whole[1:])


def _check_rows(repo: Path, size: int, runs: int) -> list[Row]:
    check = [*MOCAP, "check", "--as-of", AS_OF]
    full = median_run(check, repo, runs)
    course = _one_course(repo)
    pull_request = median_run(
        [*check, "--changed-since", "main"], repo, runs, lambda i: _submit_revision(course, i)
    )
    run(["git", "checkout", "-q", "--", "."], repo)
    courses = sorted(str(p.relative_to(repo)) for p in (repo / "catalog/providers").glob("*/courses/*.yaml"))
    providers = sorted(str(p.relative_to(repo)) for p in (repo / "catalog/providers").glob("*/provider.yaml"))
    outside = sum(
        median_run([CHECK_JSONSCHEMA, "--schemafile", _schema(name), *batch], repo, runs).seconds
        for name, files in (("course", courses), ("provider", providers))
        for batch in _batches(files)
    )
    return [
        _held("mocap check, whole catalog (s)", size, f"{full.seconds:.2f}", full.seconds, 5),
        Row("  check peak memory (MB)", size, f"{full.peak_mb:.0f}"),
        Row("check-jsonschema, same files and schemas (s)", size, f"{outside:.2f}"),
        Row("  ratio check-jsonschema / mocap check", size, f"{outside / full.seconds:.1f} x"),
        _held("mocap check, pull request changing 1 file (s)", size, f"{pull_request.seconds:.2f}",
              pull_request.seconds, 1, at=LARGE_SIZE),
    ]  # fmt: skip


def _batches(files: list[str], size: int = 5_000) -> list[list[str]]:
    """File names in groups a command line can hold (30,000 names are too long for one)."""
    return [files[start : start + size] for start in range(0, len(files), size)]


HOSTILE_KEYS = (5_000, 50_000)


def _hostile_rows(folder: Path, size: int, runs: int) -> list[Row]:
    """One course file of the demo catalog given thousands of unknown fields (a hostile or
    broken file): locating every problem must stay linear in the file."""
    shutil.copytree(REPO / "catalog", folder / "catalog")
    course = folder / "catalog/providers/river-bend-online/courses/algebra-i-a.yaml"
    original = course.read_text(encoding="utf-8")
    seconds = {}
    for keys in HOSTILE_KEYS:
        course.write_text(original + "".join(f"k{i}: x\n" for i in range(keys)), encoding="utf-8")
        command = [*MOCAP, "check", str(course.relative_to(folder)), "--as-of", AS_OF]
        seconds[keys] = median_run(command, folder, runs, exit_codes=(1,)).seconds
    small, large = HOSTILE_KEYS
    kb = course.stat().st_size / 1e3
    return [
        Row(f"mocap check, one file of {small:,} unknown fields (s)", size, f"{seconds[small]:.2f}"),
        Row(f"mocap check, one file of {large:,} unknown fields, {kb:.0f} KB (s)", size,
            f"{seconds[large]:.2f}", "≤ 1", seconds[large] <= 1),
        Row(f"  ratio {large:,} / {small:,} fields (linear: at most 10)", size,
            f"{seconds[large] / seconds[small]:.1f} x", "≤ 10", seconds[large] / seconds[small] <= 10),
    ]  # fmt: skip


def _schema(name: str) -> str:
    return str(REPO / f"schemas/{name}.schema.json")


def _mkdocs(repo: Path, pages: Path, work: Path, plugins: list[str], site: Path) -> float:
    """Seconds for MkDocs alone to build ``pages`` with ``plugins``."""
    config = mkdocs_config(repo, pages, work, plugins)
    return run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], repo
    ).seconds


def _build_rows(repo: Path, size: int, runs: int, work: Path, compare: bool, aside: SetAside) -> list[Row]:
    build = [*MOCAP, "build", "--as-of", AS_OF]
    report = repo / "build/build-report.json"
    stages: dict[str, list[float]] = {}

    def collect_stages() -> None:
        for stage, seconds in json.loads(report.read_text(encoding="utf-8"))["seconds"].items():
            stages.setdefault(stage, []).append(seconds)

    site = repo / "build/site"

    def fresh(folder: Path) -> Callable[[int], None]:
        def prepare(_: int) -> None:
            _settled(repo / "build")
            aside.move(folder)

        return prepare

    paired = _builds_beside_anchors(repo, size, runs, work, aside, build, fresh(site), collect_stages)
    full = paired.build
    page_sizes = [p.stat().st_size / 1e3 for p in (site / "courses").rglob("index.html")]
    searches = [search_transfer(site, q) for q in QUERIES]
    sent, raw = max(s.sent_bytes for s in searches) / 1e3, max(s.raw_bytes for s in searches) / 1e3
    listed = search_transfer(site, "").sent_bytes / 1e3  # every course by title: its sort order too
    audit = _audit_rate(site, work / f"audit-{size}.json")

    incremental_build = [*build, "--incremental"]
    # The first incremental build is a full one; the second also fills the standby site, the
    # copy each later build updates and swaps in (checks.site.mirror).
    course = _one_course(repo)
    for warming in range(2):
        _rewrite_description(course, -1 - warming)
        run(incremental_build, repo)

    def change(index: int) -> None:
        _settled(repo / "build")
        _rewrite_description(course, index)

    pages_first: list[float] = []

    def collect_pages_first() -> None:
        seconds = json.loads(report.read_text(encoding="utf-8"))["seconds"]
        names = list(seconds)
        if PAGES_FIRST_STAGE in names:
            pages_first.append(sum(seconds[name] for name in names[: names.index(PAGES_FIRST_STAGE) + 1]))

    incremental = median_run(incremental_build, repo, runs, change, collect_pages_first)
    served = _served(repo, course, runs)
    run(["git", "checkout", "-q", "--", "."], repo)
    zensical_build = [*build, "--engine", "zensical", "--out", "build/site-zensical"]
    zensical = median_run(zensical_build, repo, runs, fresh(repo / "build/site-zensical"))
    anchors = _anchor_rows(paired, size, runs, aside, repo / "build")
    stage_text = ", ".join(f"{stage} {statistics.median(values):.1f}" for stage, values in stages.items())
    rows = [
        _held("mocap build, whole site (s)", size, f"{full.seconds:.1f}", full.seconds, 120),
        Row("  stages (s)", size, stage_text),
        _held("  build peak memory, largest program (MB)", size, f"{full.peak_mb:.0f}", full.peak_mb, 1024),
        _held("  build peak memory, whole process tree (MB)", size, f"{full.tree_mb:.0f}", full.tree_mb,
              400 if size <= TARGET_SIZE else 1024, at=size if size >= TARGET_SIZE else TARGET_SIZE),
        Row("  output (MB)", size, f"{bytes_in(site) / 1e6:.0f}"),
        # Held at every size: a course page may not grow with the catalog.
        Row("course page (KB), median / largest", size,
            f"{statistics.median(page_sizes):.1f} / {max(page_sizes):.1f}", "≤ 30", max(page_sizes) <= 30),
        Row("mocap build --engine zensical, whole site (s)", size, f"{zensical.seconds:.1f}"),
        Row("  ratio Zensical / MkDocs engine", size, f"{zensical.seconds / full.seconds:.2f} x"),
        *anchors,
        _held("incremental build after 1 course changed (s)", size, f"{incremental.seconds:.1f}",
              incremental.seconds, 3),
        _held("  its pages in place after (s; its stages up to the first swap, search follows)", size,
              f"{statistics.median(pages_first):.1f}", statistics.median(pages_first), 3),
        _held("mocap serve: a saved course file served after (s; its watcher's 0.3 s pause included)", size,
              f"{statistics.median(served.page):.1f}", statistics.median(served.page), 3),
        Row("  its search index and open data caught up after (s)", size,
            f"{statistics.median(served.whole):.1f}"),
        _held("search, sent per query (KB, gzip as served), largest of 3", size, f"{sent:.0f}", sent, 300,
              at=LARGE_SIZE),
        Row("  the same files as stored (KB)", size, f"{raw:.0f}"),
        Row("  the catalog without words, every course by title (KB, gzip as served)", size, f"{listed:.0f}"),
        Row(f"audit, pages per second ({AUDIT_SAMPLE}-page sample, 1 worker)", size, f"{audit:.1f}"),
    ]  # fmt: skip
    return rows + (_comparison_rows(repo, size, work, full, aside) if compare else [])


class SetAside:
    """Outputs of earlier runs moved out of the way (a rename) rather than removed, and removed
    when everything is measured. Creating a file, ext4 passes over inodes freed in the last
    minute (six, while their table is unwritten): a build of 10,000 courses started right after
    the last one's output was removed spent 23 s in the kernel, 6.6 s on a settled filesystem,
    so every run would have been timed with the removal of the ones before."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def move(self, path: Path) -> None:
        if path.exists():
            path.rename(self.folder / f"{sum(1 for _ in self.folder.iterdir())}-{path.name}")

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _settled(output_parent: Path) -> None:
    """Wait until the last build's old site, work folder and search index in ``output_parent``
    are removed: the build leaves that to a background process, which must not share the
    machine with the next measured run."""
    while any(output_parent.glob(".site*-*")) or any(output_parent.glob(f"{WORK_NAME}-{SET_ASIDE}-*")):
        time.sleep(0.05)


@dataclass(frozen=True)
class _Paired:
    """The whole build and Hugo + Pagefind on the same pages, timed in turns."""

    build: Run  # the builds' median, and the process tree's memory
    hugo: Run
    pagefind: Run
    ratio: float  # the median of the turns' build / (Hugo + Pagefind)
    folder: Path  # the anchors' pages


def _builds_beside_anchors(
    repo: Path,
    size: int,
    runs: int,
    work: Path,
    aside: SetAside,
    build: list[str],
    prepare: Callable[[int], None],
    after: Callable[[], None],
) -> _Paired:
    """``runs`` turns of the whole build, then Hugo and Pagefind on the same pages in the same
    chrome. This machine's speed drifts by up to 2 x within an hour: timed ten minutes apart,
    the ratio of the build to Hugo + Pagefind ranged from 1.54 to 1.94 x in one hour, so each
    build is held against the anchors timed right after it. A first build, untimed, samples the
    process tree's memory (see median_run) and makes the site the anchors' pages come from."""
    prepare(runs)
    sampled = run(build, repo, tree=True)
    folder = work / f"anchors-{size}"
    run([sys.executable, "-m", "benchmarks.anchors", "content", str(repo), str(folder)], REPO)
    hugo_out = folder / "hugo-site"
    builds: list[Run] = []
    hugos: list[Run] = []
    pagefinds: list[Run] = []
    for turn in range(runs):
        prepare(turn)
        _quiet(repo / "build")
        builds.append(run(build, repo))
        after()
        aside.move(hugo_out)
        _quiet(repo / "build")
        hugos.append(
            run([HUGO, "--quiet", "--source", str(folder / "hugo"), "--destination", str(hugo_out)], REPO)
        )
        pagefinds.append(run(pagefind_command(hugo_out), REPO))  # (as the build runs it)
    ratios = [b.seconds / (h.seconds + p.seconds) for b, h, p in zip(builds, hugos, pagefinds, strict=True)]
    return _Paired(
        Run(_median(builds), max(r.peak_mb for r in [*builds, sampled]), sampled.tree_mb),
        Run(_median(hugos), max(r.peak_mb for r in hugos)),
        Run(_median(pagefinds), max(r.peak_mb for r in pagefinds)),
        statistics.median(ratios),
        folder,
    )


def _median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def _quiet(output_parent: Path) -> None:
    """The last build's removals done (_settled) and every file written so far on disk: neither
    may share the machine with the next timed run (sharing it with them, Hugo took 12.4 s at
    10,000 courses, 4.2 s once they were done)."""
    _settled(output_parent)
    os.sync()


def _anchor_rows(paired: _Paired, size: int, runs: int, aside: SetAside, output_parent: Path) -> list[Row]:
    """Hugo, Pagefind on Hugo's output and jinja2 alone, on the same pages in the same chrome."""
    folder, hugo, pagefind = paired.folder, paired.hugo, paired.pagefind
    jinja_out = folder / "jinja2-site"

    def clear(_: int) -> None:
        aside.move(jinja_out)
        _quiet(output_parent)  # (the builds before it: Zensical's, last)

    jinja = median_run(
        [sys.executable, "-m", "benchmarks.anchors", "jinja2", str(folder), str(jinja_out)], REPO, runs, clear
    )
    aside.move(folder)
    anchor = hugo.seconds + pagefind.seconds
    return [
        Row("Hugo, the same pages in the same chrome (s)", size, f"{hugo.seconds:.1f}"),
        Row("  Pagefind on Hugo's output (s)", size, f"{pagefind.seconds:.1f}"),
        Row("  Hugo + Pagefind (s); peak memory, largest program (MB)", size,
            f"{anchor:.1f}; {max(hugo.peak_mb, pagefind.peak_mb):.0f}"),
        _held("  ratio mocap build / Hugo + Pagefind (median of the turns)", size, f"{paired.ratio:.2f} x",
              paired.ratio, 1.5),
        Row("jinja2 straight to HTML, same pages and chrome (s)", size, f"{jinja.seconds:.1f}"),
        Row("  ratio mocap build / jinja2", size, f"{paired.build.seconds / jinja.seconds:.1f} x"),
    ]  # fmt: skip


def _comparison_rows(repo: Path, size: int, work: Path, full: Run, aside: SetAside) -> list[Row]:
    """The build as it was before pouring, plain MkDocs and mkdocs-material's lunr index."""
    unpoured_command = [sys.executable, "-m", "benchmarks.unpoured"]
    unpoured = run([*unpoured_command, "build", str(repo), str(work / f"unpoured-{size}/site")], REPO)
    _settled(work / f"unpoured-{size}")
    aside.move(work / f"unpoured-{size}")
    pages = work / f"pages-{size}"  # every page as a file, as MkDocs built them before pouring
    run([*unpoured_command, "pages", str(repo), str(pages)], REPO)
    plain = _mkdocs(repo, pages, work, [], work / "plain-site")
    lunr_site = work / "lunr-site"
    _mkdocs(repo, pages, work, ["search"], lunr_site)
    lunr = len(gzip.compress((lunr_site / "search/search_index.json").read_bytes())) / 1e3
    aside.move(work / "plain-site")
    aside.move(lunr_site)
    aside.move(pages)
    return [
        Row("mocap build, every page through MkDocs as before pouring (s)", size, f"{unpoured.seconds:.1f}"),
        Row("  ratio before pouring / now", size, f"{unpoured.seconds / full.seconds:.1f} x"),
        Row("  before pouring: peak memory (MB)", size, f"{unpoured.peak_mb:.0f}"),
        Row("plain mkdocs build of every page, no pouring (s)", size, f"{plain:.1f}"),
        Row("  ratio mocap build / plain mkdocs", size, f"{full.seconds / plain:.2f} x"),
        Row("  mkdocs-material lunr index, sent whole (KB, gzip)", size, f"{lunr:.0f}"),
    ]  # fmt: skip


def _audit_rate(site: Path, report: Path) -> float:
    command = [*MOCAP, "audit", str(site), "--pages", "sample", "--sample-size", str(AUDIT_SAMPLE),
               "--workers", "1", "--output", str(report)]  # fmt: skip
    audited = run(command, REPO)
    return len(json.loads(report.read_text(encoding="utf-8"))["pages"]) / audited.seconds


def _table(rows: list[Row]) -> str:
    sizes = sorted({r.size for r in rows})
    measures = list(dict.fromkeys(r.measure for r in rows))
    cell = {(r.measure, r.size): r for r in rows}
    header = ["measure", *(f"{s:,} courses" for s in sizes), "target", "met"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for measure in measures:
        found = [cell.get((measure, s)) for s in sizes]
        targets = [r for r in found if r and r.target]
        met = "" if not targets else ("yes" if all(r.met for r in targets) else "NO")
        values = [r.value if r else "" for r in found]
        lines.append("| " + " | ".join([measure, *values, targets[0].target if targets else "", met]) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
