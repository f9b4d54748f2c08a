"""Which pages an audit visits: every HTML page of a built site (served here on 127.0.0.1),
or the URLs given, each checked to exist before it is audited."""

from __future__ import annotations

import random
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from checks.serve import make_server


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of a site folder, as paths from its root ("", "catalog/", "404.html")."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith("pagefind/"):
            continue
        pages.append(relative.removesuffix("index.html"))
    return pages


def sample(pages: Sequence[str], size: int, seed: int) -> list[str]:
    """One page of each kind (its first path segment and depth: one per template) plus a seeded
    random sample of the rest."""
    kinds: dict[tuple[str, int], str] = {}
    for page in pages:
        segments = page.rstrip("/").split("/")
        kinds.setdefault((segments[0], len(segments)), page)
    chosen = set(kinds.values())
    rest = [p for p in pages if p not in chosen]
    chosen.update(random.Random(seed).sample(rest, min(size, len(rest))))  # noqa: S311 (not security)
    return [p for p in pages if p in chosen]


@contextmanager
def served(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on a free port of 127.0.0.1; yields the base URL."""
    server = make_server(site_dir, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def unreachable(url: str, timeout: float) -> str:
    """Why ``url`` cannot be audited ("" when it answers 200 with HTML)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (http(s) only) # nosec B310
            kind = response.headers.get_content_type()
            return "" if kind == "text/html" else f"it is {kind}, not an HTML page"
    except urllib.error.HTTPError as exc:
        return f"the server answered {exc.code} {exc.reason}"
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        return f"no answer from the server ({reason})"
