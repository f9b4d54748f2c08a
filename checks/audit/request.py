"""What an audit is asked to do. Kept apart from the runner so that the command line can read
its defaults without importing Selenium."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditRequest:
    targets: tuple[str, ...]
    pages: str = "all"  # all | sample | changed
    sample_size: int = 20
    seed: int = 0
    changed_since: str | None = None
    tags: tuple[str, ...] = ()
    workers: int = os.cpu_count() or 1
    timeout: float = 30
