"""``mocap review``: decisions recorded in the entry's file, refused when they make no sense,
and round-tripped through ``mocap check`` (and, on a branch, through the ownership rules)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml

from checks.commands.workflow import review_command
from checks.review import Decision
from tests.helpers import AS_OF, PROVIDER, copy_catalog, git, git_repo, run_check

SUBMITTED = "catalog/providers/summit-stem-courses/courses/algebra-i-summit.yaml"
APPROVED = "catalog/providers/river-bend-online/courses/algebra-i-a.yaml"
REVIEWER = "dese-reviewer-2"
ON = dt.date(2026, 11, 24)


def review(
    repo: Path, name: str, action: str, reason: str | None = None, by: str = REVIEWER
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = review_command(repo, Decision(action, by, reason, ON), repo / name, AS_OF, out, err)
    return code, out.getvalue(), err.getvalue()


def review_block(repo: Path, name: str) -> dict[str, object]:
    data = yaml.safe_load((repo / name).read_text(encoding="utf-8"))
    return dict(data["authorization" if name.endswith("provider.yaml") else "review"])


def test_approving_a_submission_changes_only_its_review_block(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    before = (repo / SUBMITTED).read_text(encoding="utf-8")
    code, out, err = review(repo, SUBMITTED, "approve")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"recorded: {repo / SUBMITTED} is now approved (approve by {REVIEWER} on 2026-11-24)",
        "1 file checked: 0 errors, 0 warnings",
    ]
    after = (repo / SUBMITTED).read_text(encoding="utf-8")
    assert (
        after.replace(
            "  status: approved\n  basis: review\n  approved_on: 2026-11-24\n  renewal_due: 2029-11-24\n"
            f"  decided_on: 2026-11-24\n  decided_by: {REVIEWER}\n",
            "  status: submitted\n",
        )
        == before
    )
    exit_code, report, _ = run_check(repo, SUBMITTED)
    assert (exit_code, report["problems"]) == (0, [])


def test_a_suspension_needs_a_written_reason(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    before = (repo / APPROVED).read_text(encoding="utf-8")
    code, _, err = review(repo, APPROVED, "suspend")
    assert code == 2
    assert err == (
        "mocap review: a decision to suspend needs --reason: the written explanation the provider "
        "receives (161.670.6 RSMo)\n"
    )
    assert (repo / APPROVED).read_text(encoding="utf-8") == before
    assert review(repo, APPROVED, "suspend", "The accessibility review is out of date.")[0] == 0
    assert review_block(repo, APPROVED)["reason"] == "The accessibility review is out of date."
    assert run_check(repo, APPROVED)[1]["problems"] == []


def test_reinstating_drops_the_old_reason(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    review(repo, APPROVED, "suspend", "The accessibility review is out of date.")
    assert review(repo, APPROVED, "reinstate")[0] == 0
    block = review_block(repo, APPROVED)
    assert block["status"] == "approved"
    assert "reason" not in block
    assert block["renewal_due"] == dt.date(2028, 2, 15)  # reinstating keeps the authorization period


def test_a_decision_that_makes_no_sense_is_refused(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    review(repo, APPROVED, "revoke", "Repeated failure to report progress.")
    code, _, err = review(repo, APPROVED, "approve")
    assert code == 2
    assert err == (
        "mocap review: cannot approve an entry whose status is 'revoked': only a submitted entry is "
        "approved: a denied, revoked, withdrawn or expired entry needs a new submission (its maintainer "
        "sets 'status: submitted') first\n"
    )
    assert review(repo, APPROVED, "reinstate")[2] == (
        "mocap review: cannot reinstate an entry whose status is 'revoked': "
        "only a suspended entry is reinstated\n"
    )


def test_only_a_reviewer_records_decisions(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    code, _, err = review(repo, SUBMITTED, "approve", by="riverbend-online")
    assert (code, err) == (
        2,
        "mocap review: riverbend-online is not a DESE reviewer listed in catalog/reviewers.yaml\n",
    )


def test_a_provider_decision_goes_in_its_authorization(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    assert review(repo, PROVIDER, "suspend", "The FERPA attestation lapsed.")[0] == 0
    assert review_block(repo, PROVIDER)["status"] == "suspended"


def test_a_reviewers_decision_on_a_branch_passes_the_pull_request_check(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    assert review(repo, SUBMITTED, "approve")[0] == 0
    git(repo, "commit", "-qam", "approve")
    code, report, _ = run_check(repo, changed_since="main", author=REVIEWER)
    assert [p["code"] for p in report["problems"]] == []
    assert code == 0


@pytest.mark.parametrize(
    ("name", "action"),
    [(APPROVED, "suspend"), (PROVIDER, "suspend"), (APPROVED, "revoke"), (SUBMITTED, "deny")],
)
def test_a_reviewers_decision_after_the_window_submits_nothing(
    tmp_path: Path, name: str, action: str
) -> None:
    # On February 1 every catalog the demo's entries name has closed: a decision is not late,
    # and it needs none of what only a new submission must state.
    repo = git_repo(tmp_path)
    assert review(repo, name, action, "The accessibility report is out of date.")[0] == 0
    git(repo, "commit", "-qam", action)
    code, report, _ = run_check(repo, changed_since="main", author=REVIEWER, as_of=dt.date(2027, 2, 1))
    assert [p["code"] for p in report["problems"] if p["severity"] == "error"] == []
    assert code == 0


def test_every_byte_outside_the_review_block_is_kept(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    path = repo / SUBMITTED
    text = path.read_text(encoding="utf-8") + "\n# Notes for the next renewal: call the office.\n"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert review(repo, SUBMITTED, "approve")[0] == 0
    after = path.read_bytes().decode("utf-8")
    assert after.endswith("\r\n\r\n# Notes for the next renewal: call the office.\r\n")
    assert "\n" not in after.replace("\r\n", "")
    assert (
        after.replace("\r\n", "\n").replace(
            "  status: approved\n  basis: review\n  approved_on: 2026-11-24\n  renewal_due: 2029-11-24\n"
            f"  decided_on: 2026-11-24\n  decided_by: {REVIEWER}\n",
            "  status: submitted\n",
        )
        == text
    )


def test_a_file_that_fails_the_checks_is_not_approved(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    path = repo / SUBMITTED
    before = path.read_text(encoding="utf-8").replace("price: ", "price: 9")
    path.write_text(before, encoding="utf-8")
    code, out, err = review(repo, SUBMITTED, "approve")
    assert code == 1
    assert "PRC01" in out
    assert err == (
        f"mocap review: {path} was not approved: it fails 1 check (listed above). Ask its maintainer "
        "to correct it, or deny it with --reason\n"
    )
    assert path.read_text(encoding="utf-8") == before
    assert review(repo, SUBMITTED, "deny", "The price is above the state cap.")[0] == 1


def test_an_impossible_date_is_a_clear_refusal(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    path = repo / SUBMITTED
    path.write_text(
        path.read_text(encoding="utf-8").replace("reviewed_on: 20", "reviewed_on: 2026-02-30 #"),
        encoding="utf-8",
    )
    code, _, err = review(repo, SUBMITTED, "approve")
    assert (code, err) == (
        2,
        f"mocap review: {path} would not be valid after the decision (accessibility.reviewed_on: "
        "2026-02-30 is not a real date: February 2026 has 28 days. Correct the day): correct the file "
        "first\n",
    )
