"""The registry is the single source of rules: each one registered, documented and tested."""

from __future__ import annotations

import importlib
import pkgutil
import re

import checks.rules
from checks.registry import ALL_RULES
from checks.rules.base import Rule
from tests.helpers import REPO
from tests.test_bad_input import BAD_FILES
from tests.test_rules import CASES

# Codes whose failing case lives in test_bad_input.py, test_cli.py, test_ownership.py,
# test_gate.py or test_horizon.py, named by test.
TESTED_ELSEWHERE = {
    "YML01": "test_bad_file_gets_exact_located_message",
    "YML02": "test_bad_file_gets_exact_located_message",
    "YML03": "test_empty_file",
    "YML04": "test_bad_file_gets_exact_located_message",
    "SCH01": "test_schema_problems_all_reported_at_once_with_positions",
    "SCH02": "test_schema_problems_all_reported_at_once_with_positions",
    "SCH03": "test_schema_problems_all_reported_at_once_with_positions",
    "FMT01": "test_missing_schema_comment_is_a_warning",
    "LAY01": "test_misplaced_files",
    "REF01": "test_broken_reference_data_is_an_input_error",
    "INT01": "test_an_internal_fault_withholds_only_its_file",
    "OWN01": "test_touching_another_providers_file_fails_with_own01",
    "OWN02": "test_creating_a_provider_fails_with_own02",
    "OWN03": "test_a_maintainer_approving_its_own_course_fails_with_own03",
    "OWN04": "test_a_changed_entry_keeping_its_approval_fails_with_own04",
    "OWN05": "test_reviewers_change_code_and_codeowners_follows_them",
    "MRG01": "test_a_conflict_with_main_is_named",
    "REF02": "test_missing_holiday_years_are_named_with_the_command_that_adds_them",
}


def _defined_rules() -> set[str]:
    found = set()
    for module_info in pkgutil.iter_modules(checks.rules.__path__):
        module = importlib.import_module(f"checks.rules.{module_info.name}")
        found |= {v.code for v in vars(module).values() if isinstance(v, Rule)}
    return found


def test_every_defined_rule_is_registered() -> None:
    assert _defined_rules() == {r.code for r in ALL_RULES}


def test_codes_are_unique_and_stable_in_form() -> None:
    codes = [r.code for r in ALL_RULES]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 5 and c[:3].isupper() and c[3:].isdigit() for c in codes)


def test_every_rule_is_documented_with_examples_and_a_clause() -> None:
    for rule in ALL_RULES:
        assert rule.summary, rule.code
        assert "Compliant" in rule.doc and "Non-compliant" in rule.doc, rule.code
        assert rule.clause, rule.code


def test_every_rule_has_test_cases() -> None:
    checked = {r.code for r in ALL_RULES if r.check is not None}
    loading = {r.code for r in ALL_RULES if r.check is None}
    reference = {r.code for r in ALL_RULES if r.scope == "reference"}  # judged on DESE's tables
    assert set(CASES) == checked - reference
    assert set(TESTED_ELSEWHERE) == loading | reference
    assert {case[1] for case in BAD_FILES.values()} >= {"YML01", "YML02", "YML03"}


def test_tests_named_for_load_time_codes_exist() -> None:
    modules = [
        importlib.import_module(f"tests.{name}")
        for name in ("test_bad_input", "test_cli", "test_ownership", "test_gate", "test_horizon")
    ]
    defined = {name for module in modules for name in vars(module)}
    assert set(TESTED_ELSEWHERE.values()) <= defined


def test_the_readers_raise_through_the_rule_objects() -> None:
    """Problems found while reading carry the registry's severity and clause: no code is written
    out anywhere but where its rule is defined."""
    written = re.compile(r"\"(?:YML|SCH|FMT|LAY|REF|INT)\d\d\"")
    rules_folder = REPO / "checks/rules"
    offenders = [
        str(path.relative_to(REPO))
        for path in sorted((REPO / "checks").rglob("*.py"))
        if rules_folder not in path.parents and written.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
