"""What Pagefind's memory follows: the words it indexes per page, not the pages' bytes.

Writes the same number of pages holding 10, 100 or 300 searchable words each (drawn from one
vocabulary, as course descriptions are), and the 100-word pages again with 20 KB more outside
their searchable part (a course page's size, as one text node); runs Pagefind on each as the
build runs it (``checks.site.tools.pagefind_command``) and prints the median time and the peak
memory. It is why a course page's headings and sentences are not indexed
(site/templates/course.md.j2; benchmarks/README.md):

    .venv/bin/python -m benchmarks.pagefind_words [--pages 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from pathlib import Path

from benchmarks.measure import median_run
from checks.site.tools import pagefind_command

WORDS_PER_PAGE = (10, 100, 300)
PADDED_WORDS = 100
VOCABULARY = [f"w{index:04d}" for index in range(3_000)]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| words indexed per page | page (KB) | Pagefind (s, median) | peak memory (MB) |")
    print("|---|---|---|---|")
    shapes = [(words, 0) for words in WORDS_PER_PAGE] + [(PADDED_WORDS, 20_000)]
    with tempfile.TemporaryDirectory(prefix="mocap-pagefind-words-") as temp:
        for words, padding in shapes:
            site = Path(temp) / f"site-{words}-{padding}"
            page_bytes = _write_site(site, args.pages, words, padding)

            def fresh(_: int, site: Path = site) -> None:
                shutil.rmtree(site / "pagefind", ignore_errors=True)

            measured = median_run(pagefind_command(site), site, args.runs, fresh)
            print(f"| {words} | {page_bytes / 1e3:.1f} | {measured.seconds:.2f} | {measured.peak_mb:.0f} |")
            shutil.rmtree(site)
    return 0


def _write_site(site: Path, pages: int, words: int, padding: int) -> int:
    """``pages`` pages of ``words`` searchable words and ``padding`` bytes outside the
    searchable part; the size of the last page written."""
    chosen = random.Random(words)  # noqa: S311 (words for a benchmark, not a secret) # nosec B311
    filler = f"<div>{'x ' * (padding // 2)}</div>" if padding else ""
    data = b""
    for index in range(pages):
        text = " ".join(chosen.choices(VOCABULARY, k=words))
        body = f"<div data-pagefind-body><h1>Page {index}</h1><p>{text}</p></div>{filler}"
        head = f"<head><title>Page {index}</title></head>"
        page = f'<!doctype html><html lang="en">{head}<body>{body}</body></html>'
        folder = site / f"pages/{index // 100}/{index}"
        folder.mkdir(parents=True)
        data = page.encode()
        (folder / "index.html").write_bytes(data)
    return len(data)


if __name__ == "__main__":
    raise SystemExit(main())
