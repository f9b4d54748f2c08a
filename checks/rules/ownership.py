"""Who may change what, judged on a pull request (``mocap check --changed-since BASE --author
LOGIN``): a submitter stays inside its own provider's files; providers and review decisions
are DESE's. The engine for these codes is ``checks/ownership.py``; they are listed here so that
every code a user can see is documented in one place."""

from __future__ import annotations

from checks.law import PROCEDURE
from checks.problems import Severity
from checks.rules.base import Rule

OTHERS_FILES = Rule(
    "OWN01",
    "own-files-only",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """A change touches only files of providers whose ``maintainers`` (on the base branch) include
    its author; reference data and the reviewers file are changed by DESE reviewers only.

    Compliant (author jdoe-lea, listed in river-bend-online's maintainers):
        changed: catalog/providers/river-bend-online/courses/algebra-i-a.yaml

    Non-compliant (the same author):
        changed: catalog/providers/bluestem-learning/courses/spanish-i.yaml
    """,
)
NEW_PROVIDER = Rule(
    "OWN02",
    "new-provider-by-reviewer",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """Only a DESE reviewer adds a provider: a new provider folder comes through a reviewer.

    Compliant (author dese-reviewer-1, listed in catalog/reviewers.yaml):
        added: catalog/providers/show-me-virtual/provider.yaml

    Non-compliant (author jdoe-lea):
        added: catalog/providers/show-me-virtual/provider.yaml
    """,
)
REVIEW_FIELDS = Rule(
    "OWN03",
    "review-fields-by-reviewer",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """A submitter writes only ``status: submitted`` in ``review`` (``authorization`` for a
    provider); every other change there is a reviewer's decision (``mocap review``).

    Compliant (a maintainer resubmits):
        review: {status: submitted}

    Non-compliant (a maintainer approves its own course):
        review: {status: approved, approved_on: 2026-11-24, ...}
    """,
)

OWNERSHIP_RULES: tuple[Rule, ...] = (OTHERS_FILES, NEW_PROVIDER, REVIEW_FIELDS)
