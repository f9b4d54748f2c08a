"""Periods counted in the unit the program declares: calendar years and months, days, business days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from checks.models.program import Period
from checks.periods import add_months, period_end
from checks.reference.load import load_reference
from tests.helpers import PROVIDER, REPO, copy_catalog, edit, problems_with, run_check

D = dt.date
BUSINESS = load_reference(REPO / "catalog/reference", REPO).business_days


@pytest.mark.parametrize(
    ("start", "count", "unit", "end"),
    [
        (D(2024, 2, 29), 1, "years", D(2025, 2, 28)),  # no February 29 in 2025
        (D(2023, 3, 1), 1, "years", D(2024, 3, 1)),  # 366 days: a year is counted to the date
        (D(2023, 11, 24), 3, "years", D(2026, 11, 24)),
        (D(2027, 1, 31), 1, "months", D(2027, 2, 28)),
        (D(2026, 11, 24), 90, "calendar days", D(2027, 2, 22)),
        (D(2026, 11, 24), 10, "business days", D(2026, 12, 9)),  # Thanksgiving skipped
    ],
)
def test_period_end(start: dt.date, count: int, unit: str, end: dt.date) -> None:
    assert period_end(start, Period.model_validate({"count": count, "unit": unit}), BUSINESS) == end


def test_add_months_crosses_years() -> None:
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert add_months(D(2027, 2, 28), -12) == D(2026, 2, 28)


def _of(report: dict[str, Any], code: str) -> list[dict[str, Any]]:
    """The problems of ``code`` in the edited provider's file."""
    return [p for p in problems_with(report, code) if p["file"] == PROVIDER]


def test_an_annual_attestation_holds_to_the_same_date_across_february_29(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    edit(repo, PROVIDER, {"data_security.ferpa_attestation.signed_on": D(2023, 3, 1)})
    assert _of(run_check(repo, as_of=D(2024, 3, 1))[1], "PRV06") == []
    [late] = _of(run_check(repo, as_of=D(2024, 3, 2))[1], "PRV06")
    assert late["message"] == (
        "the FERPA attestation is dated March 1, 2023 and was current only through March 1, 2024 (it "
        "holds 1 year): renew it and write the new date"
    )


def test_the_renewal_warning_counts_in_the_declared_unit(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    program = repo / "catalog/reference/program.yaml"
    text = program.read_text(encoding="utf-8")
    program.write_text(text.replace("{count: 90, unit: calendar days}", "{count: 10, unit: business days}"))
    edit(
        repo,
        PROVIDER,
        {"authorization.approved_on": D(2023, 12, 9), "authorization.renewal_due": D(2026, 12, 9)},
    )
    # Ten business days after November 24, 2026 is December 9 (Thanksgiving is skipped).
    [warning] = _of(run_check(repo, as_of=D(2026, 11, 24))[1], "REN02")
    assert warning["message"] == (
        "the authorization must be renewed by December 9, 2026 (15 days from now; the warning starts "
        "10 business days ahead): submit the renewal in time"
    )
    edit(
        repo,
        PROVIDER,
        {"authorization.approved_on": D(2023, 12, 10), "authorization.renewal_due": D(2026, 12, 10)},
    )
    assert _of(run_check(repo, as_of=D(2026, 11, 24))[1], "REN02") == []


def test_a_business_day_warning_past_the_holiday_table_still_warns(tmp_path: Path) -> None:
    """Without the holidays of the warning's end year, weekdays are counted (REF02 names the gap)."""
    repo = copy_catalog(tmp_path)
    program = repo / "catalog/reference/program.yaml"
    text = program.read_text(encoding="utf-8")
    program.write_text(text.replace("{count: 90, unit: calendar days}", "{count: 10, unit: business days}"))
    holidays = repo / "catalog/reference/state_holidays.csv"
    rows = holidays.read_text(encoding="utf-8").splitlines(keepends=True)
    holidays.write_text(
        "".join(r for r in rows if not r.startswith(("2027", "2028", "2029"))), encoding="utf-8"
    )
    edit(
        repo,
        PROVIDER,
        {"authorization.approved_on": D(2024, 1, 8), "authorization.renewal_due": D(2027, 1, 8)},
    )
    # From December 28, 2026, ten business days run into 2027, whose holidays are gone: 14 days.
    [warning] = _of(run_check(repo, as_of=D(2026, 12, 28))[1], "REN02")
    assert warning["message"].startswith("the authorization must be renewed by January 8, 2027 (11 days")
