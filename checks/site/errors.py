"""Why a site build stopped. Every step raises a BuildFailed of its own kind; the previous site
is left as it was, unless an incremental build had put its new pages in place already (then
``pages_in_place`` says so)."""

from __future__ import annotations

from checks.problems import Problem


class BuildFailed(Exception):
    """The site could not be built; ``problems`` lists located findings when there are any."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()):
        super().__init__(message)
        self.problems = problems
        self.pages_in_place = False  # set by the build when it stops after its first swap
