"""What README, CONTRIBUTING and the pull-request template tell people is what the tools and
workflows do: every command they show runs as written, and each statement about the gate and
approval by merging names the job and command that carry it out (tests/test_gate.py walks
them)."""

from __future__ import annotations

import re
import shlex
import subprocess

import pytest
import yaml

from checks.cli import build_parser
from tests.helpers import REPO

DOCS = ("README.md", "CONTRIBUTING.md", ".github/pull_request_template.md")


def _commands() -> list[tuple[str, str]]:
    found = []
    for name in DOCS:
        for line in (REPO / name).read_text(encoding="utf-8").splitlines():
            text = line.strip().split("  #")[0].strip()
            if text.startswith("./mocap ") and not re.search(r"[\[|]|\.\.\.|<", text):
                found.append((name, text))
    return found


@pytest.mark.parametrize(("doc", "command"), _commands())
def test_every_documented_command_is_one_the_tools_take(doc: str, command: str) -> None:
    build_parser().parse_args(shlex.split(command)[1:])


def test_the_wrapper_runs_the_tools_from_the_top_folder() -> None:
    result = subprocess.run(
        [str(REPO / "mocap"), "rules", "--format", "json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"code": "OWN04"' in result.stdout


def test_the_docs_name_the_gate_and_the_approval_by_merging_as_the_workflows_run_them() -> None:
    gate = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    assert gate["jobs"]["gate"]["name"] == "mocap gate"
    pages = (REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert "mocap merged --before" in pages
    jobs = yaml.safe_load(pages)["jobs"]
    assert jobs["build"]["needs"] == "decisions" and jobs["deploy"]["needs"] == "build"
    assert "health" not in str(jobs["deploy"].get("needs"))  # catalog health never holds the deploy
    for name in DOCS:
        text = " ".join((REPO / name).read_text(encoding="utf-8").split())
        assert "approves by merging" in text or "approve by merging" in text, name
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "`mocap build` exits 0 whenever a site was built" in readme
    assert "Require the `mocap gate` status check" in readme
