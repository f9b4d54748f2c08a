"""GitHub Actions for the tests, run the way GitHub runs a workflow: which commit's workflow
file and code an event uses, what actions/checkout checks out, the ``${{ }}`` expressions, job
and step conditions, outputs, the job summary, and bash run steps with GitHub's environment.

Everything runs for real against git repositories on disk: ``origin`` plays the GitHub
repository (with ``refs/pull/N/head`` as GitHub keeps them), each job gets its own workspace,
and Python comes from a virtual environment that sees this project's installed packages, so
the workflow's own ``pip install -e .`` installs the checked-out code offline. The actions
the workflows use are emulated by what they do (checkout, setup-python, the Pages upload and
deploy); an action or expression this module does not know fails the test rather than pass it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Context = dict[str, Any]


def _git(repo: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=GitHub", "-c", "user.email=noreply@github.com", *args]
    return subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


# --- expressions -------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>\d+(?:\.\d+)?)|(?P<op>==|!=|&&|\|\||[!().,])"
    r"|(?P<name>[A-Za-z_][\w-]*(?:\.[A-Za-z_*][\w-]*)*))"
)


class _Parser:
    """GitHub's expression syntax, as far as our workflows use it: contexts, literals, ==, !=,
    &&, ||, !, parentheses and the status functions."""

    def __init__(self, text: str, context: Context, status: Callable[[str], bool]):
        self.tokens: list[tuple[str, str]] = []
        at = 0
        while at < len(text.rstrip()):
            match = _TOKEN.match(text, at)
            if not match or match.end() == at:
                raise ValueError(f"expression not understood: {text!r} at {at}")
            kind = match.lastgroup or ""
            self.tokens.append((kind, match.group(kind)))
            at = match.end()
        self.context, self.status, self.at = context, status, 0

    def parse(self) -> Any:
        value = self._or()
        if self.at != len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.at]}")
        return value

    def _peek(self) -> str:
        return self.tokens[self.at][1] if self.at < len(self.tokens) else ""

    def _or(self) -> Any:
        value = self._and()
        while self._peek() == "||":
            self.at += 1
            right = self._and()
            value = value or right
        return value

    def _and(self) -> Any:
        value = self._compare()
        while self._peek() == "&&":
            self.at += 1
            right = self._compare()
            value = value and right
        return value

    def _compare(self) -> Any:
        value = self._unary()
        while self._peek() in {"==", "!="}:
            op = self.tokens[self.at][1]
            self.at += 1
            same = _loose(value) == _loose(self._unary())
            value = same if op == "==" else not same
        return value

    def _unary(self) -> Any:
        if self._peek() == "!":
            self.at += 1
            return not self._unary()
        if self._peek() == "(":
            self.at += 1
            inner = self._or()
            self._expect(")")
            return inner
        kind, text = self.tokens[self.at]
        self.at += 1
        if kind == "str":
            return text[1:-1].replace("''", "'")
        if kind == "num":
            return float(text)
        if text in {"true", "false", "null"}:
            return {"true": True, "false": False, "null": None}[text]
        if self._peek() == "(":
            self.at += 1
            self._expect(")")
            return self.status(text)
        value: Any = self.context
        for part in text.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return "" if value is None else value

    def _expect(self, token: str) -> None:
        if self._peek() != token:
            raise ValueError(f"expected {token!r}")
        self.at += 1


def _loose(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def evaluate(text: str, context: Context, status: Callable[[str], bool]) -> Any:
    return _Parser(text, context, status).parse()


def interpolate(value: Any, context: Context, status: Callable[[str], bool]) -> Any:
    """``${{ }}`` expressions replaced in a string (and inside lists and mappings)."""
    if isinstance(value, str):
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: _text(evaluate(m.group(1), context, status)), value)
    if isinstance(value, dict):
        return {k: interpolate(v, context, status) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, context, status) for v in value]
    return value


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value) if isinstance(value, dict | list) else str(value)


# --- runs --------------------------------------------------------------------------------


@dataclass
class Event:
    """What triggers a run: the event's name and payload, and who caused it."""

    name: str
    payload: dict[str, Any]
    actor: str


@dataclass
class JobResult:
    result: str  # success, failure or skipped
    outputs: dict[str, str] = field(default_factory=dict)
    summary: str = ""
    log: str = ""


@dataclass
class RunResult:
    workflow_commit: str  # the commit whose workflow file ran
    sha: str  # GITHUB_SHA
    jobs: dict[str, JobResult]
    deployed: Path | None  # the site a Pages deployment published


class GitHub:
    """One repository on "GitHub": ``origin`` (bare), and a place to run workflows."""

    def __init__(self, origin: Path, work: Path):
        self.origin, self.work = origin, work
        self.runs = 0
        self.python = _python_env(work / "python")

    def branch_tip(self, branch: str) -> str:
        return _git(self.origin, "rev-parse", f"refs/heads/{branch}")

    def run(self, workflow: str, event: Event) -> RunResult:
        """Run ``.github/workflows/<workflow>`` for ``event``, with the workflow file and the
        ``GITHUB_SHA`` that GitHub would use for that event."""
        workflow_commit, sha, ref = self._event_commit(event)
        text = _git(self.origin, "show", f"{workflow_commit}:.github/workflows/{workflow}")
        definition = yaml.safe_load(text)
        self.runs += 1
        run_dir = self.work / f"run-{self.runs}"
        run_dir.mkdir(parents=True)
        (run_dir / "event.json").write_text(json.dumps(event.payload), encoding="utf-8")
        github = {
            "event_name": event.name,
            "event": event.payload,
            "sha": sha,
            "ref": ref,
            "actor": event.actor,
            "triggering_actor": event.actor,
            "repository": "dese/mocap-catalog",
            "run_id": str(self.runs),
            "base_ref": event.payload.get("pull_request", {}).get("base", {}).get("ref", ""),
        }
        jobs: dict[str, JobResult] = {}
        for name in _job_order(definition["jobs"]):
            job = definition["jobs"][name]
            jobs[name] = self._job(job, github, jobs, run_dir / name)
        deployed = run_dir / "deployed"
        return RunResult(workflow_commit, sha, jobs, deployed if deployed.is_dir() else None)

    def _event_commit(self, event: Event) -> tuple[str, str, str]:
        """(the commit whose workflow runs, GITHUB_SHA, GITHUB_REF) for the event."""
        if event.name == "pull_request_target":
            base = event.payload["pull_request"]["base"]["ref"]
            tip = self.branch_tip(base)
            return tip, tip, f"refs/heads/{base}"
        if event.name == "pull_request":
            number = event.payload["pull_request"]["number"]
            merge = self._test_merge(event.payload)
            return merge, merge, f"refs/pull/{number}/merge"
        if event.name == "push":
            return event.payload["after"], event.payload["after"], event.payload["ref"]
        tip = self.branch_tip("main")
        return tip, tip, "refs/heads/main"

    def _test_merge(self, payload: dict[str, Any]) -> str:
        """GitHub's refs/pull/N/merge: the pull request merged into its base."""
        pull = payload["pull_request"]
        tree = _git(
            self.origin,
            "merge-tree",
            "--write-tree",
            self.branch_tip(pull["base"]["ref"]),
            pull["head"]["sha"],
        )
        merge = _git(
            self.origin,
            "commit-tree",
            tree.splitlines()[0],
            "-p",
            self.branch_tip(pull["base"]["ref"]),
            "-p",
            pull["head"]["sha"],
            "-m",
            "test merge",
        )
        _git(self.origin, "update-ref", f"refs/pull/{pull['number']}/merge", merge)
        return merge

    def _job(
        self, job: dict[str, Any], github: Context, done: dict[str, JobResult], folder: Path
    ) -> JobResult:
        needs = [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", [])
        needs_context = {n: {"result": done[n].result, "outputs": done[n].outputs} for n in needs}
        failed = any(done[n].result != "success" for n in needs)
        context: Context = {"github": github, "needs": needs_context, "secrets": {"GITHUB_TOKEN": "t"}}
        condition = str(job.get("if", "success()"))
        if not _condition(condition, context, failed):
            return JobResult("skipped")
        workspace = folder / "workspace"
        workspace.mkdir(parents=True)
        env = {**(job.get("env") or {})}
        state = _JobState(workspace, folder, {"PATH": os.environ["PATH"], "HOME": str(folder)})
        steps: Context = {}
        context.update(steps=steps, env=env, runner={"temp": str(folder / "tmp"), "os": "Linux"})
        (folder / "tmp").mkdir()
        for number, step in enumerate(job["steps"]):
            if not _condition(str(step.get("if", "success()")), context, state.failed):
                continue
            outputs = self._step(step, context, state, number)
            if "id" in step:
                steps[step["id"]] = {"outputs": outputs}
        outputs = {
            k: _text(interpolate(v, context, lambda _: True)) for k, v in (job.get("outputs") or {}).items()
        }
        return JobResult("failure" if state.failed else "success", outputs, state.summary, state.log)

    def _step(self, step: dict[str, Any], context: Context, state: _JobState, number: int) -> dict[str, str]:
        def status(name: str) -> bool:
            return _status(name, state.failed)

        env = {**context["env"], **interpolate(step.get("env") or {}, context, status)}
        if "uses" in step:
            action = step["uses"].split("@")[0]
            inputs = {k: _text(v) for k, v in interpolate(step.get("with") or {}, context, status).items()}
            return self._action(action, inputs, context, state)
        script = interpolate(step["run"], context, status)
        files = {
            name: state.folder / f"{name.lower()}-{number}"
            for name in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV")
        }
        for path in files.values():
            path.write_text("", encoding="utf-8")
        environment = {
            **state.env,
            **{k: _text(v) for k, v in env.items()},
            **{k: str(v) for k, v in files.items()},
            "GITHUB_WORKSPACE": str(state.workspace),
            "GITHUB_EVENT_NAME": context["github"]["event_name"],
            "GITHUB_EVENT_PATH": str(state.folder.parent / "event.json"),
            "GITHUB_SHA": context["github"]["sha"],
            "GITHUB_REF": context["github"]["ref"],
            "GITHUB_ACTOR": context["github"]["actor"],
            "RUNNER_TEMP": context["runner"]["temp"],
            "CI": "true",
            "GITHUB_ACTIONS": "true",
        }
        cwd = state.workspace / step.get("working-directory", ".")
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=cwd,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        state.log += result.stdout + result.stderr
        state.summary += files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")
        state.env.update(_key_values(files["GITHUB_ENV"].read_text(encoding="utf-8")))
        if result.returncode != 0:
            state.failed = True
        return _key_values(files["GITHUB_OUTPUT"].read_text(encoding="utf-8"))

    def _action(
        self, action: str, inputs: dict[str, str], context: Context, state: _JobState
    ) -> dict[str, str]:
        if action == "actions/checkout":
            target = state.workspace / inputs.get("path", ".")
            if target.exists() and any(target.iterdir()):
                shutil.rmtree(target)
            _git(state.workspace.parent, "clone", "--quiet", "--no-checkout", str(self.origin), str(target))
            ref = inputs.get("ref") or context["github"]["sha"]
            if re.fullmatch(r"[0-9a-f]{40}", ref):
                _git(target, "checkout", "--quiet", "--detach", ref)
            else:
                branch = ref.removeprefix("refs/heads/")
                _git(target, "checkout", "--quiet", "-B", branch, f"origin/{branch}")
            return {}
        if action == "actions/setup-python":
            state.env["PATH"] = f"{self.python / 'bin'}{os.pathsep}{state.env['PATH']}"
            state.env.update(PIP_OFFLINE)  # the packages are those this project installed
            return {}
        if action in {"actions/configure-pages", "actions/setup-node", "actions/upload-artifact"}:
            return {}
        if action == "actions/upload-pages-artifact":
            shutil.copytree(
                state.workspace / inputs["path"], state.folder.parent / "pages-artifact", symlinks=True
            )
            return {}
        if action == "actions/deploy-pages":
            shutil.copytree(
                state.folder.parent / "pages-artifact", state.folder.parent / "deployed", symlinks=True
            )
            return {"page_url": "https://mocap-catalog.github.io/"}
        raise ValueError(f"no emulation of the action {action}: add one before using it")


@dataclass
class _JobState:
    workspace: Path
    folder: Path
    env: dict[str, str]
    failed: bool = False
    summary: str = ""
    log: str = ""


def _status(name: str, failed: bool) -> bool:
    functions = {"success": not failed, "failure": failed, "always": True, "cancelled": False}
    if name not in functions:
        raise ValueError(f"no function {name}() here")
    return functions[name]


def _condition(text: str, context: Context, failed: bool) -> bool:
    expression = text.strip().removeprefix("${{").removesuffix("}}")
    uses_status = re.search(r"\b(success|failure|always|cancelled)\(\)", expression)
    value = bool(evaluate(expression, context, lambda name: _status(name, failed)))
    return value if uses_status else value and not failed


def _key_values(text: str) -> dict[str, str]:
    """``name=value`` lines and ``name<<END`` blocks, as GITHUB_OUTPUT and GITHUB_ENV hold them."""
    found: dict[str, str] = {}
    lines = text.splitlines()
    at = 0
    while at < len(lines):
        line = lines[at]
        name, value = line.split("=", 1) if "=" in line else (line, "")
        if "<<" in name:
            name, end = name.split("<<", 1)
            closing = lines.index(end, at + 1)
            value = "\n".join(lines[at + 1 : closing])
            at = closing
        found[name] = value
        at += 1
    return found


def _job_order(jobs: dict[str, Any]) -> list[str]:
    order: list[str] = []
    while len(order) < len(jobs):
        for name, job in jobs.items():
            needs = [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", [])
            if name not in order and all(n in order for n in needs):
                order.append(name)
    return order


def _python_env(folder: Path) -> Path:
    """A Python whose packages are this project's installed ones (so ``pip install -e .`` of a
    checkout works offline) and whose own site is empty (so the checkout's code is what runs)."""
    if not (folder / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
        site = Path(sysconfig.get_paths(vars={"base": str(folder), "platbase": str(folder)})["purelib"])
        (site / "project-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return folder


PIP_OFFLINE = {"PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
