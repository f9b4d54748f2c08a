"""The gate, driven the way GitHub runs it: real git repositories (an origin with
``refs/pull/N/head``, a contributor's clone), the workflow files of the commit GitHub would
use for each event, and their steps run in bash. Each attack is refused with the file and the
rule; a provider's ordinary change is green; a reviewer's merge approves and publishes."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from checks.commands.gate import merged_command
from checks.periods import years_after
from checks.reference.load import load_reference
from checks.terms import missouri_today, next_open_term
from tests.github_actions import Event, GitHub, JobResult
from tests.helpers import COURSE, PROVIDER, REPO, edit

MAINTAINER = "riverbend-online"  # maintains river-bend-online
REVIEWER = "dese-reviewer-1"
OTHER_COURSE = "catalog/providers/bluestem-learning/courses/spanish-i.yaml"
UPDATED_AT = "2026-11-24T15:00:00Z"  # the Missouri day 2026-11-24, when the demo catalog passes


def _git(repo: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args]
    return subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="session")
def origin_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project as a bare GitHub repository: main holds every file of this checkout."""
    seed = tmp_path_factory.mktemp("seed")
    listed = _git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (seed / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, seed / name)
    _git(seed, "init", "-q", "-b", "main")
    _git(seed, "add", "-A")
    _git(seed, "commit", "-qm", "the project")
    origin = tmp_path_factory.mktemp("hub") / "origin.git"
    _git(seed, "clone", "-q", "--bare", str(seed), str(origin))
    _git(origin, "config", "uploadpack.allowAnySHA1InWant", "true")  # as GitHub serves commits by id
    return origin


@pytest.fixture
def hub(origin_template: Path, tmp_path: Path) -> GitHub:
    origin = tmp_path / "origin.git"
    shutil.copytree(origin_template, origin)
    return GitHub(origin, tmp_path / "runner")


def clone(hub: GitHub, folder: Path) -> Path:
    _git(folder.parent, "clone", "-q", str(hub.origin), str(folder))
    _git(folder, "checkout", "-q", "-b", "proposal")
    return folder


def commit(repo: Path, message: str = "proposal") -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", message)


def open_pull_request(
    hub: GitHub, fork: Path, author: str, number: int = 1, updated_at: str = UPDATED_AT
) -> Event:
    """Push the contributor's branch as GitHub keeps a pull request, and the event it raises."""
    _git(fork, "push", "-q", "--force", "origin", f"HEAD:refs/pull/{number}/head")
    head = _git(fork, "rev-parse", "HEAD")
    payload = {
        "number": number,
        "pull_request": {
            "number": number,
            "user": {"login": author},
            "created_at": "2026-06-20T12:00:00Z",
            "updated_at": updated_at,  # this event's own time: the opening or the push
            # The head repository's last push, to any of its branches: not when DESE got it.
            "head": {"sha": head, "ref": "proposal", "repo": {"pushed_at": "2026-06-01T12:00:00Z"}},
            "base": {"sha": hub.branch_tip("main"), "ref": "main"},
        },
    }
    return Event("pull_request_target", payload, author)


def annotations(job: JobResult) -> list[tuple[str, str, str]]:
    """(severity, rule code, file) of each workflow annotation the job printed."""
    found = re.findall(r"^::(error|warning) file=([^,]+),.*?title=(\w+)", job.log, re.MULTILINE)
    return [(severity, code, file.replace("%2C", ",").replace("%3A", ":")) for severity, file, code in found]


def errors(job: JobResult) -> set[tuple[str, str]]:
    return {(code, file) for severity, code, file in annotations(job) if severity == "error"}


def gate(hub: GitHub, event: Event) -> JobResult:
    run = hub.run("pull-request.yml", event)
    assert run.workflow_commit == hub.branch_tip("main"), "the gate's workflow comes from main"
    return run.jobs["gate"]


def test_a_providers_resubmission_of_its_own_course_is_green(hub: GitHub, tmp_path: Path) -> None:
    fork = clone(hub, tmp_path / "fork")
    edit(fork, COURSE, {"price": 420, "review": {"status": "submitted"}, "catalog": "fall 2027"})
    commit(fork)
    job = gate(hub, open_pull_request(hub, fork, MAINTAINER))
    assert job.result == "success", job.log
    assert errors(job) == set()
    assert "✅ MOCAP catalog check, submitted 2026-11-24, by riverbend-online" in job.summary


def test_a_pull_request_cannot_judge_itself(hub: GitHub, tmp_path: Path) -> None:
    fork = clone(hub, tmp_path / "fork")
    edit(fork, OTHER_COURSE, {"price": 300, "review": {"status": "submitted"}, "catalog": "fall 2027"})
    # The pull request's own checker passes everything, and its own workflow does nothing.
    cli = fork / "checks/cli.py"
    cli.write_text(cli.read_text(encoding="utf-8") + "\nmain = lambda *a, **k: 0\n", encoding="utf-8")
    workflow = fork / ".github/workflows/pull-request.yml"
    workflow.write_text(re.sub(r"mocap gate[^\n]*\\\n[^\n]*", "true", workflow.read_text()), encoding="utf-8")
    commit(fork)
    job = gate(hub, open_pull_request(hub, fork, MAINTAINER))
    assert job.result == "failure"
    assert errors(job) == {
        ("OWN01", OTHER_COURSE),
        ("OWN01", "checks/cli.py"),
        ("OWN01", ".github/workflows/pull-request.yml"),
    }


@pytest.mark.parametrize(
    "name",
    [
        "site/overrides/main.html",
        "site/templates/course.md.j2",
        "mkdocs.yml",
        ".github/workflows/pages.yml",
        "Makefile",
        ".ci/run",
        "pyproject.toml",
        "catalog/reference/program.yaml",
        "catalog/reviewers.yaml",
        "README.md",
    ],
)
def test_every_path_outside_the_providers_folder_is_deses(hub: GitHub, tmp_path: Path, name: str) -> None:
    fork = clone(hub, tmp_path / "fork")
    with (fork / name).open("a", encoding="utf-8") as handle:
        handle.write("\n# changed\n")
    commit(fork)
    job = gate(hub, open_pull_request(hub, fork, MAINTAINER))
    assert ("OWN01", name) in errors(job)
    assert job.result == "failure"
    assert f"{name} is " in job.log and "which DESE maintains" in job.log


def test_a_file_name_git_would_quote_is_judged_as_it_is(hub: GitHub, tmp_path: Path) -> None:
    fork = clone(hub, tmp_path / "fork")
    name = "catalog/providers/bluestem-learning/courses/español-ii.yaml"
    (fork / name).write_bytes((fork / OTHER_COURSE).read_bytes())
    commit(fork)
    job = gate(hub, open_pull_request(hub, fork, MAINTAINER))
    assert ("OWN01", name) in errors(job)
    assert ("LAY01", name) in errors(job)


@pytest.mark.parametrize(
    ("name", "changes"),
    [
        (COURSE, {"price": 480}),
        (COURSE, {"description": "Rewritten after approval."}),
        (PROVIDER, {"legal_name": "Missouri Department of Elementary and Secondary Education (DESE)"}),
        (PROVIDER, {"maintainers": [MAINTAINER, "a-friend"]}),
    ],
)
def test_an_approval_does_not_survive_a_change_of_content(
    hub: GitHub, tmp_path: Path, name: str, changes: dict[str, object]
) -> None:
    fork = clone(hub, tmp_path / "fork")
    edit(fork, name, {**changes, "catalog": "fall 2027"})
    commit(fork)
    job = gate(hub, open_pull_request(hub, fork, MAINTAINER))
    assert errors(job) == {("OWN04", name)}
    # Resubmitted, the same change is a new submission for a reviewer to approve.
    edit(fork, name, {"authorization" if name == PROVIDER else "review": {"status": "submitted"}})
    commit(fork)
    assert gate(hub, open_pull_request(hub, fork, MAINTAINER)).result == "success"


def test_the_pull_request_is_judged_as_main_would_be_after_merging(hub: GitHub, tmp_path: Path) -> None:
    fork = clone(hub, tmp_path / "fork")
    (fork / PROVIDER).unlink()  # its own provider file, while its courses stay
    commit(fork)
    job = gate(hub, open_pull_request(hub, fork, MAINTAINER))
    courses = sorted((fork / "catalog/providers/river-bend-online/courses").glob("*.yaml"))
    assert errors(job) == {
        ("CAT03", f"catalog/providers/river-bend-online/courses/{c.name}") for c in courses
    }


def test_the_submission_date_is_when_the_pull_request_brought_the_content(
    hub: GitHub, tmp_path: Path
) -> None:
    fork = clone(hub, tmp_path / "fork")
    # For the spring 2027 catalog, which closed on July 1, 2026.
    edit(
        fork,
        COURSE,
        {
            "price": 420,
            "review": {"status": "submitted"},
            "teacher_certification.attested_on": dt.date(2026, 6, 1),
        },
    )
    commit(fork)
    # Opened on June 20 (before the deadline) and pushed to on November 24; the head repository
    # was last pushed to on June 1 (a branch prepared in time, proposed late, counts as late).
    job = gate(hub, open_pull_request(hub, fork, MAINTAINER))
    assert errors(job) == {("WIN01", COURSE)}
    assert "this one is dated November 24, 2026" in job.log
    early = gate(hub, open_pull_request(hub, fork, MAINTAINER, updated_at="2026-06-30T23:30:00-05:00"))
    assert early.result == "success"


def test_a_conflict_with_main_is_named(hub: GitHub, tmp_path: Path) -> None:
    fork = clone(hub, tmp_path / "fork")
    edit(fork, COURSE, {"price": 420, "review": {"status": "submitted"}, "catalog": "fall 2027"})
    commit(fork)
    main = tmp_path / "main"
    _git(tmp_path, "clone", "-q", str(hub.origin), str(main))
    edit(main, COURSE, {"price": 410, "review": {"status": "submitted"}, "catalog": "fall 2027"})
    _git(main, "commit", "-qam", "meanwhile on main")
    _git(main, "push", "-q", "origin", "main")
    assert errors(gate(hub, open_pull_request(hub, fork, MAINTAINER))) == {("MRG01", COURSE)}


def test_commits_that_undo_a_change_made_on_main_are_refused(hub: GitHub, tmp_path: Path) -> None:
    """Merged whole, the pull request changes nothing in the course; rebased, its second commit
    would lift the reviewer's suspension."""
    fork = clone(hub, tmp_path / "fork")
    main = tmp_path / "main"
    _git(tmp_path, "clone", "-q", str(hub.origin), str(main))
    edit(main, COURSE, {"review.status": "suspended", "review.reason": "under investigation"})
    _git(main, "commit", "-qam", "a reviewer suspends the course")
    _git(main, "push", "-q", "origin", "main")
    original = (fork / COURSE).read_bytes()
    (fork / COURSE).write_bytes((main / COURSE).read_bytes())
    commit(fork, "the same suspension")
    (fork / COURSE).write_bytes(original)
    commit(fork, "and back")
    job = gate(hub, open_pull_request(hub, fork, MAINTAINER))
    assert errors(job) == {("MRG01", COURSE)}
    assert "a later commit changes it back" in job.log
    rebased = tmp_path / "rebased"
    _git(tmp_path, "clone", "-q", str(hub.origin), str(rebased))
    _git(rebased, "fetch", "-q", "origin", "refs/pull/1/head")
    _git(rebased, "rebase", "-q", "HEAD", "FETCH_HEAD")
    assert "status: approved" in (rebased / COURSE).read_text(encoding="utf-8")  # what it would do


def _commit_path(fork: Path, path: bytes, content: bytes) -> None:
    """Commit a file under a path the file system may refuse (git keeps any bytes)."""
    blob = subprocess.run(
        ["git", "hash-object", "-w", "--stdin"], cwd=fork, input=content, capture_output=True, check=True
    ).stdout.strip()
    info = b"100644 " + blob + b"\t" + path + b"\0"
    subprocess.run(["git", "update-index", "--add", "-z", "--index-info"], cwd=fork, input=info, check=True)
    _git(fork, "commit", "-qm", "an odd path")


OWN_COURSES = "catalog/providers/river-bend-online/courses/"
HOSTILE_TREES = {
    "a name of 260 bytes": (f"{OWN_COURSES}{'é' * 130}.yaml".encode(), b"title: x\n", "LAY01", "255 bytes"),
    "a name that is not UTF-8": (f"{OWN_COURSES}x".encode() + b"\xff.yaml", b"title: x\n", "LAY01", "x\\xff"),
    "a file of 2 MB": (
        f"{OWN_COURSES}long.yaml".encode(),
        b'description: "' + b"a" * 2_000_000 + b'"\n',
        "YML01",
        "a catalog file may be at most 1,000,000 bytes",
    ),
    "the catalog folder replaced by a file": (b"catalog", b"nothing here\n", "OWN01", "catalog"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_TREES))
def test_a_hostile_tree_gets_a_verdict_not_a_fault(hub: GitHub, tmp_path: Path, case: str) -> None:
    path, content, code, shown = HOSTILE_TREES[case]
    fork = clone(hub, tmp_path / "fork")
    if path == b"catalog":
        _git(fork, "rm", "-rq", "--cached", "catalog")
    _commit_path(fork, path, content)
    job = gate(hub, open_pull_request(hub, fork, MAINTAINER))
    assert job.result == "failure"
    assert "unexpected fault" not in job.log and "Traceback" not in job.log
    assert code in {c for c, _ in errors(job)}
    assert shown in job.log
    assert job.summary.startswith("## ❌ MOCAP catalog check, submitted 2026-11-24")


def test_reviewers_change_code_and_codeowners_follows_them(hub: GitHub, tmp_path: Path) -> None:
    fork = clone(hub, tmp_path / "fork")
    reviewers = fork / "catalog/reviewers.yaml"
    reviewers.write_text(reviewers.read_text(encoding="utf-8") + "  - dese-reviewer-3\n", encoding="utf-8")
    commit(fork)
    job = gate(hub, open_pull_request(hub, fork, REVIEWER))
    assert errors(job) == {("OWN05", ".github/CODEOWNERS")}
    owners = fork / ".github/CODEOWNERS"
    owners.write_text(owners.read_text(encoding="utf-8").replace("-2\n", "-2 @dese-reviewer-3\n"))
    commit(fork)
    assert gate(hub, open_pull_request(hub, fork, REVIEWER)).result == "success"


def test_a_pull_request_may_do_only_what_each_of_its_authors_may(hub: GitHub, tmp_path: Path) -> None:
    fork = clone(hub, tmp_path / "fork")
    (fork / "site/overrides/main.html").write_text("no policy\n", encoding="utf-8")
    commit(fork)
    event = open_pull_request(hub, fork, REVIEWER)
    event.actor = MAINTAINER  # a reviewer's pull request, pushed to by a maintainer
    assert errors(gate(hub, event)) == {("OWN01", "site/overrides/main.html")}


def _merge(hub: GitHub, tmp_path: Path, pull: Event, by: str) -> Event:
    """A reviewer presses "Merge pull request", and the push event that raises."""
    main = tmp_path / f"merge-{pull.payload['number']}"
    _git(tmp_path, "clone", "-q", str(hub.origin), str(main))
    before = _git(main, "rev-parse", "HEAD")
    _git(main, "fetch", "-q", "origin", f"refs/pull/{pull.payload['number']}/head")
    _git(main, "merge", "-q", "--no-ff", "-m", "Merge pull request", "FETCH_HEAD")
    _git(main, "push", "-q", "origin", "main")
    after = _git(main, "rev-parse", "HEAD")
    return Event("push", {"before": before, "after": after, "ref": "refs/heads/main"}, by)


def _file_on_main(hub: GitHub, name: str) -> str:
    return _git(hub.origin, "show", f"main:{name}")


def test_open_check_approve_by_merging_and_publish(hub: GitHub, tmp_path: Path) -> None:
    fork = clone(hub, tmp_path / "fork")
    lab = "catalog/providers/river-bend-online/courses/algebra-i-lab.yaml"
    (fork / lab).write_text(
        (fork / COURSE).read_text(encoding="utf-8").replace("SMP-MA-110A", "SMP-MA-115"), encoding="utf-8"
    )
    today = missouri_today()
    edit(
        fork,
        lab,
        {
            "title": "Algebra I Lab",
            "half": None,
            "catalog": str(next_open_term(today, load_reference(fork / "catalog/reference", fork).program)),
            "review": {"status": "submitted"},
            "teacher_certification.attested_on": today,
            "accessibility.reviewed_on": today,
        },
    )
    commit(fork)
    pull = open_pull_request(hub, fork, MAINTAINER, updated_at=dt.datetime.now(dt.UTC).isoformat())
    checked = gate(hub, pull)
    assert checked.result == "success", checked.log

    run = hub.run("pages.yml", _merge(hub, tmp_path, pull, REVIEWER))
    assert run.jobs["decisions"].result == "success", run.jobs["decisions"].log
    recorded = _file_on_main(hub, lab)
    assert f"  status: approved\n  basis: review\n  approved_on: {today.isoformat()}" in recorded
    assert recorded.endswith(f"  decided_by: {REVIEWER}")
    assert run.sha != run.jobs["decisions"].outputs["sha"]
    assert f"approved {lab}" in run.jobs["decisions"].summary
    assert run.jobs["build"].result == "success", run.jobs["build"].log
    term = recorded.split("\ncatalog: ")[1].split("\n")[0]
    assert f"| {lab} | Algebra I Lab | submitted for the {term} catalog, which is not published yet" in (
        run.jobs["build"].summary
    )
    # DESE publishes that catalog: the approved course is on the site.
    work = tmp_path / "dese"
    _git(tmp_path, "clone", "-q", str(hub.origin), str(work))
    before = _git(work, "rev-parse", "HEAD")
    edit(work, "catalog/reference/program.yaml", {"published_catalog": term})
    _git(work, "commit", "-qam", f"Publish the {term} catalog")
    _git(work, "push", "-q", "origin", "HEAD:main")
    after = _git(work, "rev-parse", "HEAD")
    run = hub.run(
        "pages.yml", Event("push", {"before": before, "after": after, "ref": "refs/heads/main"}, REVIEWER)
    )
    assert run.deployed is not None
    assert (run.deployed / "courses/river-bend-online/algebra-i-lab/index.html").is_file()


def test_a_merge_by_someone_else_approves_nothing(hub: GitHub, tmp_path: Path) -> None:
    fork = clone(hub, tmp_path / "fork")
    edit(fork, COURSE, {"review": {"status": "submitted"}})
    commit(fork)
    run = hub.run("pages.yml", _merge(hub, tmp_path, open_pull_request(hub, fork, MAINTAINER), MAINTAINER))
    assert "status: submitted" in _file_on_main(hub, COURSE)
    assert (
        f"{MAINTAINER} is not a DESE reviewer, so the merge approved nothing" in run.jobs["decisions"].summary
    )
    assert run.deployed is not None
    assert not (run.deployed / "courses/river-bend-online/algebra-i-a").exists()


def test_a_suspension_is_published_while_another_entry_has_lapsed(hub: GitHub, tmp_path: Path) -> None:
    today = missouri_today()
    work = tmp_path / "reviewer"
    _git(tmp_path, "clone", "-q", str(hub.origin), str(work))
    lapsed = "catalog/providers/heartland-virtual-school/courses/music-appreciation.yaml"
    edit(
        work,
        lapsed,
        {
            "review.renewal_due": today - dt.timedelta(days=1),
            "review.approved_on": years_after(today, -3),
        },
    )
    suspended = "catalog/providers/bluestem-learning/courses/french-i.yaml"
    edit(
        work,
        suspended,
        {
            "review.status": "suspended",
            "review.reason": "The accessibility report is out of date.",
            "review.decided_on": today,
            "review.decided_by": REVIEWER,
        },
    )
    _git(work, "commit", "-qam", "suspend French I")
    before = _git(work, "rev-parse", "HEAD~1")
    _git(work, "push", "-q", "origin", "HEAD:main")
    push = Event(
        "push",
        {"before": before, "after": _git(work, "rev-parse", "HEAD"), "ref": "refs/heads/main"},
        REVIEWER,
    )
    run = hub.run("pages.yml", push)
    assert run.jobs["build"].result == "success", run.jobs["build"].log
    assert run.jobs["deploy"].result == "success"
    assert run.deployed is not None
    assert not (run.deployed / "courses/bluestem-learning/french-i").exists()
    assert (run.deployed / "courses/bluestem-learning/spanish-i/index.html").is_file()
    assert not (run.deployed / "courses/heartland-virtual-school/music-appreciation").exists()
    assert f"| {lapsed} |" in run.jobs["build"].summary
    assert run.jobs["health"].result == "failure"  # DESE sees the lapsed entry, the site went out anyway
    assert ("REN01", lapsed) in errors(run.jobs["health"])


def _merged(hub: GitHub, tmp_path: Path, push: Event, by: str, folder: str) -> tuple[int, str, Path]:
    """``mocap merged`` for one merge's push, in a clone of main as it is now."""
    main = tmp_path / folder
    _git(tmp_path, "clone", "-q", str(hub.origin), str(main))
    out = io.StringIO()
    before, after = push.payload["before"], push.payload["after"]
    code = merged_command(main, before, after, by, dt.date(2026, 11, 24), None, out, io.StringIO())
    return code, out.getvalue(), main


def test_a_merge_is_decided_on_what_it_merged_not_on_what_main_became(hub: GitHub, tmp_path: Path) -> None:
    """A reviewer merges a course at $420; before the decisions job runs, a second merge (by
    someone who is not a reviewer) changes it to $480. The first merge's decision must not
    approve $480 in the reviewer's name."""
    fork = clone(hub, tmp_path / "fork")
    edit(fork, COURSE, {"price": 420, "review": {"status": "submitted"}})
    commit(fork)
    first = _merge(hub, tmp_path, open_pull_request(hub, fork, MAINTAINER, number=1), by=REVIEWER)
    edit(fork, COURSE, {"price": 480})
    commit(fork)
    second = _merge(hub, tmp_path, open_pull_request(hub, fork, MAINTAINER, number=2), by=MAINTAINER)
    _, record, main = _merged(hub, tmp_path, first, REVIEWER, "decide-first")
    assert record.splitlines()[2] == (
        f"- not decided again here: {COURSE} changed on main after this merge (a later merge, or a decision "
        "already recorded)"
    )
    assert "status: submitted" in (main / COURSE).read_text(encoding="utf-8")
    _, record, _ = _merged(hub, tmp_path, second, MAINTAINER, "decide-second")
    assert f"{MAINTAINER} is not a DESE reviewer, so the merge approved nothing" in record


@pytest.mark.parametrize("merged_by", [REVIEWER, MAINTAINER])
def test_content_merged_under_an_old_approval_is_a_new_submission(
    hub: GitHub, tmp_path: Path, merged_by: str
) -> None:
    """The gate refuses this (OWN04), but its verdict may have been given against an older main:
    the merge itself must not leave new content under the old approval."""
    fork = clone(hub, tmp_path / "fork")
    edit(fork, COURSE, {"price": 495})  # still "status: approved", approved on 2025-02-15
    commit(fork)
    push = _merge(hub, tmp_path, open_pull_request(hub, fork, MAINTAINER), by=merged_by)
    code, record, main = _merged(hub, tmp_path, push, merged_by, "decide")
    text = (main / COURSE).read_text(encoding="utf-8")
    if merged_by == REVIEWER:  # the reviewer's merge approves the new version, today
        assert (code, record.splitlines()[2]) == (0, f"- approved {COURSE}")
        assert "  approved_on: 2026-11-24\n" in text and f"  decided_by: {REVIEWER}\n" in text
    else:
        assert (code, record.splitlines()[2]) == (
            1,
            f"- reopened {COURSE}: its content changed while it stayed approved, so it is a new "
            "submission, off the site until a reviewer approves it",
        )
        assert text.endswith("review:\n  status: submitted\n")


def test_decisions_that_cannot_reach_main_fail_their_job_and_not_the_site(
    hub: GitHub, tmp_path: Path
) -> None:
    fork = clone(hub, tmp_path / "fork")
    edit(fork, COURSE, {"price": 420, "review": {"status": "submitted"}})
    commit(fork)
    push = _merge(hub, tmp_path, open_pull_request(hub, fork, MAINTAINER), by=REVIEWER)
    hook = hub.origin / "hooks/pre-receive"  # main refuses every push from now on
    hook.write_text("#!/bin/sh\necho refused >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    run = hub.run("pages.yml", push)
    decisions = run.jobs["decisions"]
    assert decisions.result == "failure"
    assert "the decisions could not be pushed to main in 5 attempts: re-run this job" in decisions.log
    assert decisions.summary.count("## Decisions recorded at the merge") == 1  # the last attempt's only
    assert run.jobs["build"].result == "success"  # the site is still built from main
    assert "status: submitted" in _file_on_main(hub, COURSE)
