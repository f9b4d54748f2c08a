"""What a process that builds again and again (``mocap serve``) keeps in memory from one
incremental build to the next: the memos the build would otherwise write and read back from its
work folder (checks.memo, checks.site.rendered), with the records themselves, and the course
views (checks.site.views), so that the next build validates no record and makes no view again
whose inputs are unchanged.

Each is keyed by what it is made from (a file's text, a course's files, the reference data and
the day: checks.site.fingerprints), by the code of this very process. They are used only where
the work folder's own memos would be (a build that reuses the folder), and only a build that
completed keeps them. At 10,000 courses they save ``mocap serve`` reading the memos (0.2-0.3 s),
validating the records (0.15-0.3 s) and making the views (0.25-0.45 s) before a changed page is
in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checks.memo import FileMemo
from checks.site.rendered import RenderedTexts
from checks.site.views import CourseView


@dataclass
class KeptBetweenBuilds:
    memo: FileMemo | None = None
    texts: RenderedTexts | None = None
    views: dict[bytes, CourseView] = field(default_factory=dict)  # by the digest of their inputs
