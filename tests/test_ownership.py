"""Ownership on a pull request, in real git repositories: maintainers keep to their own
provider, providers and review decisions are reviewers' (OWN01-OWN03)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from checks.commands.workflow import codeowners_command
from checks.ownership import yaml_data
from tests.helpers import COURSE, REPO, copy_catalog, edit, git, git_repo, line_of, problems_with, run_check

MAINTAINER = "riverbend-online"  # maintains river-bend-online
OTHER_COURSE = "catalog/providers/bluestem-learning/courses/spanish-i.yaml"
REVIEWER = "dese-reviewer-1"


def own_codes(report: dict[str, object]) -> list[tuple[str, str]]:
    return [(p["code"], p["file"]) for p in report["problems"] if str(p["code"]).startswith("OWN")]  # type: ignore[attr-defined,index]


def test_a_maintainer_resubmitting_its_own_course_passes_ownership(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    edit(
        repo,
        COURSE,
        {
            "description": "Rational exponents and one-variable equations, revised.",
            "review": {"status": "submitted"},
        },
    )
    git(repo, "commit", "-qam", "revise description")
    _, report, _ = run_check(repo, changed_since="main", author=MAINTAINER)
    assert own_codes(report) == []


def test_a_changed_entry_keeping_its_approval_fails_with_own04(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    edit(repo, COURSE, {"price": 480})
    _, report, _ = run_check(repo, changed_since="main", author=MAINTAINER)
    [problem] = problems_with(report, "OWN04")
    assert (problem["file"], problem["field"], problem["line"]) == (
        COURSE,
        "review",
        line_of(repo, COURSE, "review:"),
    )
    assert problem["message"] == (
        "this change alters price of an entry whose 'review' says 'approved': a changed entry is a new "
        "submission. Write just 'status: submitted' under 'review:', and a DESE reviewer approves the new "
        "version by merging"
    )
    _, report, _ = run_check(repo, changed_since="main", author=REVIEWER)
    assert own_codes(report) == [("OWN04", COURSE)]  # reviewers too: a change of content is a new submission


def test_touching_another_providers_file_fails_with_own01(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    edit(repo, OTHER_COURSE, {"price": 300})
    code, report, _ = run_check(repo, changed_since="main", author=MAINTAINER)
    assert code == 1
    [problem] = problems_with(report, "OWN01")
    assert problem["file"] == OTHER_COURSE
    assert problem["message"] == (
        "riverbend-online does not maintain the provider 'bluestem-learning' (its maintainers: "
        "bluestem-catalog): change only your own provider's files"
    )
    assert problem["clause"] == "MOCAP catalog procedure"


def test_a_change_cannot_make_its_author_a_maintainer_or_reviewer(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    edit(
        repo,
        "catalog/providers/bluestem-learning/provider.yaml",
        {"maintainers": ["bluestem-catalog", MAINTAINER]},
    )
    (repo / "catalog/reviewers.yaml").write_text(f"reviewers: [{MAINTAINER}]\n", encoding="utf-8")
    edit(repo, OTHER_COURSE, {"price": 300})
    _, report, _ = run_check(repo, changed_since="main", author=MAINTAINER)
    assert own_codes(report) == [
        ("OWN01", "catalog/providers/bluestem-learning/courses/spanish-i.yaml"),
        ("OWN04", "catalog/providers/bluestem-learning/courses/spanish-i.yaml"),
        ("OWN01", "catalog/providers/bluestem-learning/provider.yaml"),
        ("OWN04", "catalog/providers/bluestem-learning/provider.yaml"),
        ("OWN01", "catalog/reviewers.yaml"),
    ]
    [reviewers] = [p for p in problems_with(report, "OWN01") if p["file"] == "catalog/reviewers.yaml"]
    assert reviewers["message"] == (
        "catalog/reviewers.yaml is the list of DESE reviewers, which DESE maintains: only a DESE reviewer "
        "changes it. Leave it out of your pull request, or ask the MOCAP office to make the change"
    )


def test_creating_a_provider_fails_with_own02(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    shutil.copytree(repo / "catalog/providers/river-bend-online", repo / "catalog/providers/show-me-online")
    _, report, _ = run_check(repo, changed_since="main", author=MAINTAINER)
    assert own_codes(report) == [("OWN02", "catalog/providers/show-me-online/provider.yaml")]
    [problem] = problems_with(report, "OWN02")
    assert problem["message"].startswith(
        "this change adds the provider 'show-me-online': only a DESE reviewer"
    )


def test_a_maintainer_approving_its_own_course_fails_with_own03(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    edit(repo, COURSE, {"review.renewal_due": "2029-02-15"})
    _, report, _ = run_check(repo, changed_since="main", author=MAINTAINER)
    [problem] = problems_with(report, "OWN03")
    assert (problem["file"], problem["field"], problem["line"]) == (
        COURSE,
        "review",
        line_of(repo, COURSE, "review:"),
    )
    assert problem["message"] == (
        "riverbend-online changed 'review', which only DESE reviewers decide: write just 'status: submitted' "
        "there, and a reviewer records the decision"
    )


def test_a_maintainer_may_resubmit(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    edit(repo, COURSE, {"review": {"status": "submitted"}})
    _, report, _ = run_check(repo, changed_since="main", author=MAINTAINER)
    assert own_codes(report) == []


def test_a_reviewer_may_change_anything(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    edit(repo, OTHER_COURSE, {"review.renewal_due": "2029-01-01"})
    shutil.copytree(repo / "catalog/providers/river-bend-online", repo / "catalog/providers/show-me-online")
    _, report, _ = run_check(repo, changed_since="main", author=REVIEWER)
    assert own_codes(report) == []


def test_author_needs_changed_since(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    code, _, err = run_check(repo, author=MAINTAINER)
    assert (code, err) == (
        2,
        "mocap check: --author needs --changed-since: ownership is judged on a change\n",
    )


def test_codeowners_follows_the_data(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert codeowners_command(repo, False, out, err) == 0
    assert out.getvalue() == "wrote .github/CODEOWNERS\n"
    lines = (repo / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == ["*  @dese-reviewer-1 @dese-reviewer-2"]
    assert codeowners_command(repo, True, io.StringIO(), err) == 0

    (repo / "catalog/reviewers.yaml").write_text("reviewers: [dese-reviewer-1]\n", encoding="utf-8")
    out = io.StringIO()
    assert codeowners_command(repo, True, out, err) == 1
    assert out.getvalue() == (
        ".github/CODEOWNERS is out of date with catalog/reviewers.yaml: run ./mocap codeowners and "
        "commit it\n"
    )


def test_the_committed_codeowners_is_current() -> None:
    assert codeowners_command(REPO, True, io.StringIO(), io.StringIO()) == 0


def test_a_broken_reviewers_file_is_named(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    (repo / "catalog/reviewers.yaml").write_text("reviewers: [unclosed\n", encoding="utf-8")
    err = io.StringIO()
    assert codeowners_command(repo, True, io.StringIO(), err) == 2
    assert err.getvalue().startswith(
        "mocap codeowners: catalog/reviewers.yaml is not valid (line 1): the '[' that opens"
    )


def test_a_file_too_large_for_the_catalog_is_not_parsed_to_judge_ownership() -> None:
    # A 20 MB file took 36 s and 3.5 GB to parse; the checks refuse it as YML01 anyway.
    assert yaml_data(b"maintainers: [x]\n" + b"# padding\n" * 100_000) is None
    assert yaml_data(b"maintainers: [x]\n") == {"maintainers": ["x"]}
