"""Dated reference data reaches the catalogs in play, and the demo's evidence does not lapse."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import holidays

from checks.business_days import BusinessCalendar
from checks.commands.catalog import holidays_command, redate_demo_command
from checks.periods import years_after
from checks.reference.load import load_reference
from checks.reference.state_holidays import missouri_holidays
from checks.terms import missouri_today
from tests.helpers import PROVIDER, REPO, copy_catalog, edit, run_check

HOLIDAYS = "catalog/reference/state_holidays.csv"
PRICE_BASIS = "catalog/reference/price_cap_basis.csv"
D = dt.date


def _drop_rows(repo: Path, name: str, *prefixes: str) -> None:
    """Remove the rows of a reference table that start with any of ``prefixes``."""
    path = repo / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith(prefixes)), encoding="utf-8")


def _horizon(repo: Path, as_of: dt.date) -> tuple[int, list[tuple[object, ...]]]:
    exit_code, report, _ = run_check(repo, as_of=as_of)
    found = [(p["file"], p["line"], p["severity"], p["message"]) for p in report["problems"]]
    return exit_code, [f for f, p in zip(found, report["problems"], strict=True) if p["code"] == "REF02"]


def test_the_bundled_reference_data_covers_the_catalogs_in_play() -> None:
    # On December 3, 2026: spring 2027 is taught from, fall 2027 and spring 2028 are open.
    assert _horizon(REPO, D(2026, 12, 3)) == (0, [])


def test_missing_holiday_years_are_named_with_the_command_that_adds_them(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    _drop_rows(repo, HOLIDAYS, "2027", "2028", "2029")
    assert _horizon(repo, D(2026, 12, 3)) == (
        0,  # a warning: every file is still judged
        [
            (
                HOLIDAYS,
                None,
                "warning",
                "the state holidays of 2027 and 2028 are missing, and business days (enrollment "
                "decisions, full-time program notices) must be counted until June 30, 2028, the end of "
                "the spring 2028 catalog's school year: add them (`mocap holidays --through 2028` "
                "writes them)",
            )
        ],
    )


def test_the_price_cap_basis_is_asked_for_a_catalog_ahead() -> None:
    # Fall 2027 closes on January 1, 2027; the day after, fall 2028 (2028-29) opens.
    assert _horizon(REPO, D(2027, 1, 1)) == (0, [])
    assert _horizon(REPO, D(2027, 1, 2))[1] == [
        (
            PRICE_BASIS,
            None,
            "warning",
            "no price cap basis for school year 2028-29, which the fall 2028 catalog needs (requests by "
            "January 1, 2028): add its row, naming the state adequacy target that applies (marked "
            "provisional until DESE publishes it)",
        )
    ]


def test_a_basis_naming_an_unknown_adequacy_target_is_named(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    _drop_rows(repo, "catalog/reference/state_adequacy_target.csv", "2026")
    _, found = _horizon(repo, D(2026, 12, 3))
    assert [f[3] for f in found] == [
        "no state adequacy target for fiscal year 2026, which sets the price cap of school year "
        "2026-27 (the spring 2027 catalog, requests by July 1, 2026): add it with its source",
        "no state adequacy target for fiscal year 2026, which sets the price cap of school year "
        "2027-28 (the fall 2027 catalog, requests by January 1, 2027): add it with its source",
    ]


def test_mocap_holidays_adds_the_coming_years_once(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    _drop_rows(repo, HOLIDAYS, "2027", "2028", "2029")
    out, err = io.StringIO(), io.StringIO()
    assert holidays_command(repo / "catalog", 2028, out, err) == 0
    assert out.getvalue().startswith(f"{repo / HOLIDAYS}: added 26 holidays of 2027-2028:\n")
    assert _horizon(repo, D(2026, 12, 3)) == (0, [])
    again = io.StringIO()
    assert holidays_command(repo / "catalog", 2028, again, err) == 0
    assert again.getvalue() == f"{repo / HOLIDAYS} already lists the holidays of 2028: nothing added\n"
    calendar = BusinessCalendar.of(load_reference(repo / "catalog/reference", repo).holidays)
    # Friday, February 5, 2027: Lincoln's Birthday (12th) and Washington's Birthday (15th) are skipped.
    assert calendar.add(D(2027, 2, 5), 10) == D(2027, 2, 23)


def test_mocap_holidays_names_a_missing_table(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert holidays_command(tmp_path, 2028, out, err) == 2
    assert err.getvalue() == (
        f"mocap holidays: {tmp_path}/reference/state_holidays.csv is not there: name the catalog folder "
        "with --catalog\n"
    )


def test_mocap_holidays_names_a_table_it_cannot_extend(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    (repo / HOLIDAYS).write_text("date,holiday,source_url\n", encoding="utf-8")
    err = io.StringIO()
    assert holidays_command(repo / "catalog", 2028, io.StringIO(), err) == 2
    assert err.getvalue() == (
        f"mocap holidays: {repo / HOLIDAYS} cannot be read as the holiday table (it lists no holidays, so "
        "the years to add are unknown): run mocap check\n"
    )


def test_the_holidays_package_agrees_with_the_office_of_administration() -> None:
    """Where the sourced table and the package meet (2025, 2026), they give the same days off;
    the package alone lacks Lincoln's Birthday, which section 9.010 RSMo makes a state holiday."""
    with (REPO / HOLIDAYS).open(encoding="utf-8", newline="") as file:
        sourced = [r for r in csv.DictReader(file) if "oa.mo.gov" in r["source_url"]]
    for year in (2025, 2026):
        official = {r["date"] for r in sourced if r["date"].startswith(str(year))}
        assert {h.date.isoformat() for h in missouri_holidays(year)} == official
        package = holidays.country_holidays("US", subdiv="MO", years=year)
        assert set(official) - {d.isoformat() for d in package} == {f"{year}-02-12"}


def test_the_added_years_match_the_package_they_name() -> None:
    with (REPO / HOLIDAYS).open(encoding="utf-8", newline="") as file:
        added = [r for r in csv.DictReader(file) if r["date"] >= "2027"]
    years = sorted({int(r["date"][:4]) for r in added})
    assert years == [2027, 2028, 2029]
    assert [r["date"] for r in added] == [h.date.isoformat() for y in years for h in missouri_holidays(y)]


def _errors(repo: Path, as_of: dt.date) -> set[tuple[str, str, str]]:
    _, report, _ = run_check(repo, as_of=as_of)
    return {(p["file"], p["code"], p["field"]) for p in report["problems"] if p["severity"] == "error"}


def test_the_demo_catalog_stays_current_for_ninety_days() -> None:
    """Fails 90 days before any demo attestation, review or authorization lapses: then run
    ``./mocap redate-demo`` and commit the result (README, "The demo catalog")."""
    today = missouri_today()
    lapsing = _errors(REPO, today + dt.timedelta(days=90)) - _errors(REPO, today)
    assert lapsing == set(), "demo evidence lapses within 90 days: run ./mocap redate-demo and commit"


def test_redate_demo_makes_lapsed_sample_evidence_current(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    later = D(2028, 9, 1)
    assert {code for _, code, _ in _errors(repo, later)} >= {"ACC01", "CRT01", "PRV06", "REN01"}
    out, err = io.StringIO(), io.StringIO()
    assert redate_demo_command(repo / "catalog", later, out, err) == 0
    assert _errors(repo, later) == set()
    again = io.StringIO()
    assert redate_demo_command(repo / "catalog", later, again, err) == 0
    assert again.getvalue() == "nothing to move: the newest sample date is already 2028-09-01 or later\n"


def test_redate_demo_refuses_a_catalog_with_a_real_provider(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    edit(repo, PROVIDER, {"legal_name": "River Bend C-2 Online"})  # not a sample
    before = {p: p.read_bytes() for p in (repo / "catalog").rglob("*.yaml")}
    err = io.StringIO()
    assert redate_demo_command(repo / "catalog", D(2028, 9, 1), io.StringIO(), err) == 2
    assert err.getvalue() == (
        "mocap redate-demo: not the demo catalog: the legal names of river-bend-online do not end in "
        "'(sample)', and a real provider's attestations are never re-dated. Nothing was changed\n"
    )
    assert {p: p.read_bytes() for p in before} == before


def test_redate_demo_changes_only_the_dates_and_moves_them_alike(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    files = sorted((repo / "catalog/providers").rglob("*.yaml"))
    before = {p: p.read_text(encoding="utf-8").splitlines() for p in files}
    out = io.StringIO()
    assert redate_demo_command(repo / "catalog", D(2027, 3, 1), out, io.StringIO()) == 0
    days = int(out.getvalue().split("forward")[0].split()[-2])
    shifts = set()
    for path, old_lines in before.items():
        new_lines = path.read_text(encoding="utf-8").splitlines()
        for old, new in zip(old_lines, new_lines, strict=True):
            if old != new:
                key, old_date = old.rsplit(" ", 1)
                assert new.startswith(key + " "), (old, new)
                new_date = D.fromisoformat(new.rsplit(" ", 1)[1])
                if key.strip(" -") in {"starts:", "ends:", "enroll_by:"}:
                    # A term's dates move by whole years, so each term stays in its season.
                    assert new_date == years_after(D.fromisoformat(old_date), -(-days // 365)), (old, new)
                    continue
                shift = (new_date - D.fromisoformat(old_date)).days
                shifts.add(shift if "renewal_due" not in key else days)
                # A renewal keeps its calendar years after the approval: a February 29 moves it a day.
                assert abs(shift - days) <= 1
    assert shifts == {days}


def test_redate_demo_names_a_sample_file_it_cannot_read(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    broken = repo / PROVIDER
    broken.write_text(broken.read_text(encoding="utf-8") + 'notes: "never closed\n', encoding="utf-8")
    before = {p: p.read_bytes() for p in (repo / "catalog").rglob("*.yaml")}
    err = io.StringIO()
    assert redate_demo_command(repo / "catalog", D(2028, 9, 1), io.StringIO(), err) == 2
    message = err.getvalue()
    assert message.startswith(f"mocap redate-demo: {broken} (line ")
    assert message.endswith(f"Fix the file (./mocap check {broken}); nothing was changed\n")
    assert {p: p.read_bytes() for p in before} == before


def test_redate_demo_names_a_folder_that_is_no_catalog(tmp_path: Path) -> None:
    err = io.StringIO()
    assert redate_demo_command(tmp_path, D(2028, 9, 1), io.StringIO(), err) == 2
    assert err.getvalue() == (
        f"mocap redate-demo: {tmp_path} holds no providers folder: name the catalog with --catalog\n"
    )
