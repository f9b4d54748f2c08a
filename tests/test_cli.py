"""The command line as a user meets it: exit codes, formats, the demo catalog, git changes."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checks import reporters
from checks.check import Scope, check_catalog, run_checks
from checks.cli import build_parser, main
from checks.commands.catalog import check_command, rules_command, schemas_command
from checks.problems import Problem, Report, Severity
from checks.registry import ALL_RULES
from tests.helpers import (
    AP_COURSE,
    AS_OF,
    COURSE,
    COURSE_B,
    PROVIDER,
    REPO,
    VENDOR,
    copy_catalog,
    edit,
    git,
    git_repo,
    problems_with,
    run_check,
)


def test_demo_catalog_passes() -> None:
    exit_code, report, _ = run_check(REPO)
    assert (exit_code, report["errors"], report["warnings"]) == (0, 0, 0)
    assert report["files_checked"] == 68


def test_json_report_shape(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    edit(repo, COURSE, {"price": 900})
    _, report, _ = run_check(repo)
    assert set(report) == {"files_checked", "errors", "warnings", "problems"}
    [problem] = report["problems"]
    assert problem == {
        "code": "PRC01",
        "severity": "error",
        "file": COURSE,
        "line": 15,
        "column": 1,
        "field": "price",
        "message": "the price $900.00 is above the cap for a semester course in the spring 2027 catalog: "
        "$500.15 (7% of the FY2026 state adequacy target, $7,145). Lower the price to $500.15 or less",
        "clause": "161.670.3(3) RSMo",
    }


def test_missing_catalog_is_a_usage_error(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert check_command([tmp_path / "nowhere"], dt.date(2026, 11, 24), None, "text", out, err) == 2
    assert err.getvalue() == f"mocap check: {tmp_path / 'nowhere'} does not exist\n"


def test_bad_as_of_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", "--as-of", "24/11/2026"])
    assert exited.value.code == 2
    assert (
        "argument --as-of: write the date as YYYY-MM-DD, for example 2027-01-05 (found '24/11/2026')"
        in capsys.readouterr().err
    )


PROGRAM = Path(sys.executable).parent / "mocap"  # the console script, as users run it
# Its output buffered, as it is unless PYTHONUNBUFFERED is set.
BUFFERED = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def test_the_program_leaves_at_once_with_all_it_wrote_and_its_exit_code(tmp_path: Path) -> None:
    # `run` ends the process without the interpreter's usual exit: what the buffers held must
    # still reach a pipe, and a usage error still exits 2 with its message.
    rules = subprocess.run([PROGRAM, "rules"], capture_output=True, text=True, env=BUFFERED, check=False)
    assert rules.returncode == 0
    assert [line.split()[0] for line in rules.stdout.splitlines()[::2]] == [rule.code for rule in ALL_RULES]
    missing = subprocess.run(
        [PROGRAM, "check", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        env=BUFFERED,
        check=False,
    )
    assert (missing.returncode, missing.stderr) == (
        2,
        f"mocap check: {tmp_path / 'nowhere'} does not exist\n",
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="a system without /dev/full")
def test_output_that_cannot_be_written_is_an_error_not_a_success() -> None:
    # The last of the output is written when the program ends: a full disk then is still told.
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [PROGRAM, "check", "--as-of", AS_OF.isoformat()],
            cwd=REPO,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=BUFFERED,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr.startswith(
        "mocap: the output could not be written ([Errno 28] No space left on device)"
    )


def test_a_closed_output_is_an_error_without_a_traceback() -> None:
    result = subprocess.run(
        ["sh", "-c", 'exec "$0" rules >&-', str(PROGRAM)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stderr) == (
        2,
        "mocap rules: its output is closed: send it to a file, a pipe or the terminal\n",
    )


@pytest.mark.parametrize(("command", "code"), [("rules", 0), ("check no-such-file.yaml", 2)])
def test_a_closed_error_output_drops_what_would_be_said_there(command: str, code: int) -> None:
    result = subprocess.run(
        ["sh", "-c", f'exec "$0" {command} 2>&-', str(PROGRAM)], capture_output=True, text=True, check=False
    )
    assert result.returncode == code
    assert result.stdout.startswith("YML01") if code == 0 else result.stdout == ""


def test_schemas_command_writes_then_is_in_sync(tmp_path: Path) -> None:
    out = io.StringIO()
    assert schemas_command(tmp_path, check=False, out=out) == 0
    assert "wrote schemas/course.schema.json\n" in out.getvalue()
    assert schemas_command(tmp_path, check=True, out=io.StringIO()) == 0


_SOURCE = "https://showmeinstitute.org/blog/education-finance/performance-districts-and-education-spending/"


def test_broken_reference_data_is_an_input_error(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    path = repo / "catalog/reference/state_adequacy_target.csv"
    path.write_text(path.read_text().replace("2026,7145", "2026,seven thousand"))
    exit_code, report, err = run_check(repo)
    assert exit_code == 2
    assert "the catalog was not checked" in err
    [problem] = report["problems"]
    bad_line = path.read_text().splitlines().index("2026,seven thousand,medium-high," + _SOURCE) + 1
    assert (problem["code"], problem["file"], problem["line"]) == (
        "REF01",
        "catalog/reference/state_adequacy_target.csv",
        bad_line,
    )
    assert problem["message"].startswith("reference data: ")
    assert "seven thousand" in problem["message"]


def test_check_limited_to_paths(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    edit(repo, COURSE, {"price": 900})
    edit(repo, "catalog/providers/bluestem-learning/courses/spanish-i.yaml", {"price": 9000})
    _, report, _ = run_check(repo, "catalog/providers/bluestem-learning")
    assert [p["file"] for p in report["problems"]] == [
        "catalog/providers/bluestem-learning/courses/spanish-i.yaml"
    ]


def test_changed_since_reports_only_changed_files(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    edit(repo, COURSE, {"price": 900, "review": {"status": "submitted"}})
    git(repo, "commit", "-qam", "raise price")
    # an uncommitted problem in another file is reported too; an untouched file is not
    edit(repo, PROVIDER, {"communication.teacher_response_hours": 48})
    exit_code, report, _ = run_check(repo, changed_since="main")
    assert exit_code == 1
    assert report["files_checked"] == 2
    # the resubmitted course is also late for the spring 2027 catalog; the provider's change
    # keeps its approval, so it is no submission (no window judges it) until it says so
    assert sorted((p["code"], p["file"]) for p in report["problems"]) == [
        ("OWN04", PROVIDER),
        ("PRC01", COURSE),
        ("PRV03", PROVIDER),
        ("WIN01", COURSE),
    ]


def test_changed_file_is_judged_against_the_submission_window(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    edit(repo, COURSE, {"description": "A changed description."})
    # Without --author the check still says what binds every author: the change resubmits.
    _, report, _ = run_check(repo, changed_since="main", as_of=dt.date(2026, 11, 24))
    assert [p["code"] for p in report["problems"]] == ["OWN04"]
    assert "alters description of an entry whose 'review' says 'approved'" in report["problems"][0]["message"]
    edit(repo, COURSE, {"review": {"status": "submitted"}})
    _, report, _ = run_check(repo, changed_since="main", as_of=dt.date(2026, 11, 24))
    [problem] = problems_with(report, "WIN01")
    assert problem["message"] == (
        "submissions for the spring 2027 catalog closed on July 1, 2026; this one is dated "
        "November 24, 2026. Submit it for the fall 2027 catalog instead (open until January 1, 2027)"
    )
    edit(repo, COURSE, {"catalog": "fall 2027"})
    _, report, _ = run_check(repo, changed_since="main")
    assert problems_with(report, "WIN01") == []


def test_catalog_wide_rules_see_unchanged_files(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    edit(
        repo,
        "catalog/providers/river-bend-online/courses/algebra-i-b.yaml",
        {"state_course_number": "SMP-MA-110A", "catalog": "fall 2027", "review": {"status": "submitted"}},
    )
    _, report, _ = run_check(repo, changed_since="main")
    assert [p["code"] for p in report["problems"]] == ["CAT02"]


def test_unknown_git_ref_is_a_usage_error(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    exit_code, _, err = run_check(repo, changed_since="no-such-branch")
    assert exit_code == 2
    assert err.startswith("mocap check: --changed-since no-such-branch: ")


def test_rules_command_lists_every_rule() -> None:
    out = io.StringIO()
    assert rules_command("json", out) == 0
    assert [r["code"] for r in json.loads(out.getvalue())] == [r.code for r in ALL_RULES]


def test_schemas_are_in_sync_with_the_models() -> None:
    out = io.StringIO()
    assert schemas_command(REPO, check=True, out=out) == 0, out.getvalue()


def test_stale_schema_is_reported(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    out = io.StringIO()
    assert schemas_command(tmp_path, check=True, out=out) == 1
    assert "schemas/course.schema.json is out of date with the models: run ./mocap schemas" in out.getvalue()


def _report() -> Report:
    problem = Problem(
        "catalog/a,b.yaml",
        3,
        1,
        "PRC01",
        Severity.ERROR,
        "price",
        "100% | too high\nnow",
        "161.670.3(3) RSMo",
    )
    return Report(files_checked=1, problems=(problem,))


def test_github_annotations_are_escaped() -> None:
    assert reporters.github(_report()) == (
        "::error file=catalog/a%2Cb.yaml,line=3,col=1,title=PRC01 price::"
        "100%25 | too high%0Anow (161.670.3(3) RSMo)\n"
    )


def test_markdown_summary_escapes_table_cells() -> None:
    text = reporters.markdown(_report())
    assert (
        "| catalog/a,b.yaml | 3:1 | error | PRC01 | price | 100% \\| too high now | 161.670.3(3) RSMo |"
        in text
    )
    assert text.startswith("## ❌ MOCAP catalog check")


def test_text_report_names_file_line_code_and_clause() -> None:
    assert reporters.text(_report()) == (
        "catalog/a,b.yaml\n"
        "  3:1      error    price: 100% | too high\nnow\n"
        "                    (PRC01, 161.670.3(3) RSMo)\n"
        "\n"
        "1 file checked: 1 error, 0 warnings\n"
    )


def test_duplicate_number_is_blamed_on_the_changed_file_even_when_it_sorts_first(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    edit(repo, COURSE, {"state_course_number": "SMP-MA-110B", "catalog": "fall 2027"})
    _, report, _ = run_check(repo, changed_since="main")
    [problem] = problems_with(report, "CAT02")
    assert problem["file"] == COURSE
    assert problem["message"] == (
        f"the state course number SMP-MA-110B is already used by {COURSE_B}: each course of a "
        "provider has its own number"
    )


def test_a_change_set_is_judged_as_the_whole_catalog_would_judge_it(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    edit(repo, COURSE, {"state_course_number": "SMP-MA-110B", "price": 99999})
    edit(repo, VENDOR, {"id": "river-bend-online"})
    edit(repo, AP_COURSE, {"ap_course_audit.authorized": False})
    changed = frozenset({COURSE, VENDOR, AP_COURSE})
    scoped = check_catalog(repo / "catalog", AS_OF, changed)
    whole = run_checks(repo / "catalog", AS_OF, changed)
    assert scoped.files_checked == 3
    assert scoped.problems == tuple(p for p in whole.problems if p.file in changed)
    assert {p.code for p in scoped.problems} >= {"CAT01", "CAT02", "PRC01"}


def test_a_change_set_reads_only_its_own_providers_files(tmp_path: Path) -> None:
    # The cost of a pull request's check follows the change: the other providers' files are
    # listed, not read, and each still owns the id its folder bears.
    repo = git_repo(tmp_path)
    edit(repo, VENDOR, {"id": "river-bend-online"})
    (repo / COURSE).write_text("title: [unclosed\n", encoding="utf-8")  # another provider's file
    checked = run_checks(repo / "catalog", AS_OF, frozenset({VENDOR}), lambda name: name == VENDOR)
    assert {p.folder for p in checked.catalog.providers} == {"bluestem-learning"}
    assert {c.folder for c in checked.catalog.courses} == {"bluestem-learning"}
    assert "river-bend-online" in checked.catalog.unread_providers
    assert "bluestem-learning" not in checked.catalog.unread_providers
    [taken] = [p for p in checked.problems if p.code == "CAT01"]
    assert (taken.file, taken.message) == (
        VENDOR,
        f"the provider id 'river-bend-online' is already used by {PROVIDER}: choose another id",
    )
    assert not [p for p in checked.problems if p.file == COURSE]


def test_a_change_set_lists_only_the_folders_it_reads(tmp_path: Path) -> None:
    # Of the other providers' folders, only the provider files are listed: a pull request's
    # check of a catalog of 30,000 courses does not walk 30,000 files.
    repo = git_repo(tmp_path)
    edit(repo, VENDOR, {"id": "river-bend-online"})
    stray = "catalog/providers/river-bend-online/courses/notes.txt"
    (repo / stray).write_text("not a catalog file\n", encoding="utf-8")
    scope = Scope(frozenset({VENDOR}), ())
    listed = run_checks(repo / "catalog", AS_OF, scope.changed, scope, scope.may_hold)
    walked = run_checks(repo / "catalog", AS_OF, scope.changed, scope)
    assert stray in walked.catalog.file_names
    assert stray not in listed.catalog.file_names
    assert PROVIDER in listed.catalog.file_names
    assert listed.catalog.unread_providers == walked.catalog.unread_providers
    assert "river-bend-online" in listed.catalog.unread_providers
    assert listed.problems == walked.problems
    assert [p.code for p in listed.problems if p.file == VENDOR] == ["CAT01", "CAT04"]


@pytest.mark.parametrize(
    ("changed", "prefixes"),
    [
        (frozenset({VENDOR}), ()),
        (frozenset({COURSE, "catalog/reference/targets.csv", "README.md"}), ()),
        (None, ("catalog/providers/bluestem-learning",)),
        (
            None,
            (
                "catalog/providers/bluestem-learning/courses",
                "catalog/providers/river-bend-online/provider.yaml",
            ),
        ),
        (None, ("catalog/providers",)),
        (None, ("catalog/providers/bluestem",)),  # a folder whose name only begins another's
        (frozenset({COURSE, VENDOR}), ("catalog/providers/bluestem-learning",)),
        (frozenset({COURSE}), ("catalog/reference",)),
    ],
)
def test_a_scope_lists_every_provider_folder_that_holds_a_file_it_judges(
    changed: frozenset[str] | None, prefixes: tuple[str, ...]
) -> None:
    scope = Scope(changed, prefixes)
    providers = REPO / "catalog/providers"
    for folder in sorted(p for p in providers.iterdir() if p.is_dir()):
        names = [f.relative_to(REPO).as_posix() for f in folder.rglob("*") if f.is_file()]
        held = any(scope(name) for name in names)
        assert scope.may_hold(folder.relative_to(REPO).as_posix()) == held, (folder, names)


def test_a_provider_file_a_folder_too_deep_stands_for_no_provider(tmp_path: Path) -> None:
    # A misplaced provider.yaml inside another provider's folder is not acme's provider file,
    # whether the check walks that folder or (judging only acme's course) skips it.
    repo = copy_catalog(tmp_path)
    course = "catalog/providers/acme/courses/algebra-i-a.yaml"
    (repo / course).parent.mkdir(parents=True)
    shutil.copy(repo / COURSE, repo / course)
    misplaced = repo / "catalog/providers/bluestem-learning/acme/provider.yaml"
    misplaced.parent.mkdir()
    shutil.copy(repo / PROVIDER, misplaced)
    scope = Scope(frozenset({course}), ())
    for may_hold in (None, scope.may_hold):
        checked = run_checks(repo / "catalog", AS_OF, scope.changed, scope, may_hold)
        [missing] = [(p.file, p.message) for p in checked.problems if p.code == "CAT03"]
        assert missing == (
            course,
            "there is no provider file for 'acme': add providers/acme/provider.yaml before its courses",
        )


def test_a_path_in_scope_is_a_folder_not_a_beginning_of_names() -> None:
    scope = Scope(None, ("catalog/providers/bluestem",))
    assert not scope("catalog/providers/bluestem-learning/provider.yaml")
    assert not scope.may_hold("catalog/providers/bluestem-learning")
    assert scope("catalog/providers/bluestem/provider.yaml")


def test_the_published_schemas_validate_the_demo_files_in_an_outside_validator() -> None:
    # check-jsonschema applies ECMA-262 regular expressions, as editors do.
    for schema, pattern in (
        ("course", "providers/*/courses/*.yaml"),
        ("provider", "providers/*/provider.yaml"),
    ):
        files = sorted(str(p) for p in (REPO / "catalog").glob(pattern))
        command = [str(Path(sys.executable).parent / "check-jsonschema"), "--schemafile"]
        result = subprocess.run(
            [*command, str(REPO / f"schemas/{schema}.schema.json"), *files],
            check=False,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "path",
    ["https://example.org/targets.csv", "../../../etc/passwd.csv", "/etc/hosts"],
)
def test_reference_data_is_never_fetched_or_read_from_elsewhere(tmp_path: Path, path: str) -> None:
    repo = copy_catalog(tmp_path)
    descriptor = repo / "catalog/reference/datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"][0]["path"] = path
    descriptor.write_text(json.dumps(data), encoding="utf-8")
    exit_code, report, _ = run_check(repo)
    assert exit_code == 2
    [problem] = report["problems"]
    assert (problem["code"], problem["file"]) == ("REF01", "catalog/reference/datapackage.json")
    assert problem["message"] == (
        "reference data: the resources state_adequacy_target must each be a CSV file of this folder "
        "(path: name.csv) with its schema written out: nothing is fetched or read from elsewhere"
    )


def test_every_command_and_option_says_what_it_is_for() -> None:
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in commands.choices.items():
        helped = {c.dest: c.help for c in commands._choices_actions}
        assert helped.get(name), name
        for action in command._actions:
            if not isinstance(action, argparse._HelpAction):
                assert action.help, (name, action.dest)
    assert "(default: text)" in commands.choices["check"].format_help()
    assert "(default: None)" not in commands.choices["new"].format_help()


def test_a_valid_reference_package_is_remembered_by_its_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCAP_CACHE_DIR", str(tmp_path / "cache"))
    repo = copy_catalog(tmp_path / "repo")
    assert run_check(repo)[0] == 0
    marks = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert len(marks) == 1 and marks[0].startswith("valid-")
    path = repo / "catalog/reference/state_adequacy_target.csv"
    path.write_text(path.read_text().replace("2026,7145", "2026,seven thousand"))
    exit_code, report, _ = run_check(repo)  # new content: validated again, and its fault found
    assert (exit_code, [p["code"] for p in report["problems"]]) == (2, ["REF01"])
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == marks  # faults are never remembered
