"""Who may change what, judged on a pull request (``mocap gate``, and locally ``mocap check
--changed-since BASE --author LOGIN``): a submitter stays inside its own provider's files;
everything else, providers and review decisions are DESE's; a changed entry is a new
submission. The engines for these codes are ``checks/ownership.py`` and ``checks/gate.py``;
they are listed here so that every code a user can see is documented in one place."""

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
    its author. Every other path (reference data, the reviewers file, the site's sources, the
    code, the workflows, everything else in the repository) is changed by DESE reviewers only.

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

CONTENT_RESUBMITTED = Rule(
    "OWN04",
    "changed-entry-resubmitted",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """A change to an entry's content (any field outside its ``review`` or ``authorization`` block:
    a price, a description, a provider's legal name, kind or maintainers) makes it a new
    submission: the block says just ``status: submitted``, and a DESE reviewer approves the new
    version by merging. Until then the site shows nothing of the changed entry, never the new
    content under the old approval. This holds for every author, reviewers included.

    Compliant (an approved course whose price changes):
        price: 420
        review: {status: submitted}

    Non-compliant (the same change keeping the old approval):
        price: 420
        review: {status: approved, approved_on: 2025-02-15, ...}
    """,
)
CODEOWNERS_CURRENT = Rule(
    "OWN05",
    "codeowners-current",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """``.github/CODEOWNERS`` names the reviewers of ``catalog/reviewers.yaml`` as the owners of every
    path, so GitHub asks a DESE reviewer to approve every pull request. A change to the reviewers
    carries the regenerated file (``./mocap codeowners``).

    Compliant (reviewers.yaml lists dese-reviewer-1):
        *  @dese-reviewer-1

    Non-compliant (the same reviewers file):
        *  @someone-else
    """,
)
MERGES_CLEANLY = Rule(
    "MRG01",
    "merges-cleanly",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """A pull request merges into main without conflicts, so that it is judged as main would be
    after merging, and none of its commits undoes a change main made meanwhile (a commit that
    changes such a file and a later one that changes it back land one by one in a rebase merge).

    Compliant:
        the pull request's branch changes lines that main has not changed since it branched

    Non-compliant:
        the branch and main both changed the price line of the same course
        the branch re-applies a reviewer's suspension made on main, then reverts it
    """,
)

OWNERSHIP_RULES: tuple[Rule, ...] = (
    OTHERS_FILES,
    NEW_PROVIDER,
    REVIEW_FIELDS,
    CONTENT_RESUBMITTED,
    CODEOWNERS_CURRENT,
    MERGES_CLEANLY,
)
