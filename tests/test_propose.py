"""The "Propose a course" page, used as a district's staff would: in headless Chromium on the
demo site, through the form only. What it writes is checked by ``mocap check`` in a copy of the
catalog and compared byte for byte with what ``mocap new`` writes for the same answers."""

from __future__ import annotations

import datetime as dt
import io
import json
import urllib.parse
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from checks.audit.axe import DEFAULT_TAGS, axe_script, run_axe
from checks.audit.runner import prefer_scheme
from checks.commands.workflow import new_course_command
from checks.reference.load import load_reference
from checks.rules.price import cap_basis, over_cap_message
from checks.terms import missouri_today
from checks.yamlfile import parse
from tests.helpers import REPO, copy_catalog, run_check
from tests.test_site_security import PAYLOADS

PAGE = "submitting/propose/"
PROVIDER = "river-bend-online"
NAME = "honors-algebra-i"
REPOSITORY = "https://github.com/mocap-catalog/catalog"


def _ready(browser: webdriver.Chrome, address: str) -> None:
    browser.get(address)
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.ID, "q-provider"))


def _type(browser: webdriver.Chrome, name: str, text: str) -> WebElement:
    """Clear a field, type into it and leave it with Tab, as a person does."""
    field = browser.find_element(By.ID, f"q-{name}")
    field.clear()
    field.send_keys(text, Keys.TAB)
    return field


def _choose(browser: webdriver.Chrome, name: str, value: str) -> None:
    Select(browser.find_element(By.ID, f"q-{name}")).select_by_value(value)


def _tick(browser: webdriver.Chrome, name: str, value: str) -> None:
    browser.find_element(By.CSS_SELECTOR, f'#q-{name} input[value="{value}"]').click()


def _date(browser: webdriver.Chrome, name: str, day: dt.date) -> None:
    """A date picker's value, set as the picker sets it (the typed order depends on the locale)."""
    browser.execute_script(
        "arguments[0].value = arguments[1];arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        browser.find_element(By.ID, f"q-{name}"),
        day.isoformat(),
    )


def _error(browser: webdriver.Chrome, name: str) -> str:
    return str(browser.find_element(By.ID, f"error-{name}").get_attribute("textContent"))


def _answer_the_rest(browser: webdriver.Chrome, attested: dt.date) -> None:
    """The answers after the facts a staffer got wrong first: taught by a certified teacher."""
    _choose(browser, "program_code", "50")
    _type(browser, "description", "Algebra I at an honors pace, with weekly live sessions.")
    _tick(browser, "course_types", "core")
    _tick(browser, "course_types", "honors")
    _tick(browser, "standards", "A1.NQ.A.1")
    _tick(browser, "standards", "A1.CED.A.1")
    _tick(browser, "certification_areas", "Mathematics")
    _date(browser, "attested_on", attested)
    _type(browser, "max_students_per_section", "30")
    _choose(browser, "pacing", "scheduled")
    _choose(browser, "enrollment", "rolling")
    _type(browser, "technology_requirements", "A computer with a current browser and internet.")
    _choose(browser, "accessibility_standard", "WCAG 2.1 AA")
    _type(browser, "accessibility_evidence", "https://riverbend.example.org/accessibility/honors-algebra")
    _date(browser, "accessibility_reviewed_on", attested)


def test_a_staffer_corrects_mistakes_and_gets_the_file_mocap_new_writes(
    browser: webdriver.Chrome, site_url: str, tmp_path: Path
) -> None:
    today = missouri_today()
    attested = today - dt.timedelta(days=10)
    _ready(browser, f"{site_url}{PAGE}")
    _choose(browser, "provider", PROVIDER)
    _type(browser, "name", "Honors Algebra I")
    assert _error(browser, "name") == (
        "the file name 'Honors Algebra I' must be lowercase letters, digits and hyphens (e.g. algebra-i)"
    )
    _type(browser, "name", NAME)
    assert _error(browser, "name") == ""
    _type(browser, "state_course_number", "SMP-MA-999")
    assert _error(browser, "state_course_number") == (
        "'SMP-MA-999' is not a state course number in catalog/reference/state_course_numbers.csv; "
        "look it up in catalog/reference/state_course_numbers.csv"
    )
    _type(browser, "state_course_number", "SMP-MA-112")
    _type(browser, "title", "Honors Algebra I")
    _choose(browser, "subject", "Mathematics")
    _type(browser, "grades", "9 to 12th")
    assert _error(browser, "grades").startswith("must be a grade or a span of grades")
    _type(browser, "grades", "9-12")
    _choose(browser, "length", "semester")
    _type(browser, "credit", "0.5")
    _type(browser, "price", "$450")
    assert "without '$' or commas" in _error(browser, "price")
    _type(browser, "price", "600")
    assert "is above the cap for a semester course" in _error(browser, "price")
    _type(browser, "price", "450")
    _answer_the_rest(browser, attested)
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-form button[type=submit]").click()
    WebDriverWait(browser, 5).until(lambda b: b.find_element(By.ID, "mocap-propose-result").is_displayed())
    text = str(browser.find_element(By.ID, "mocap-propose-text").get_attribute("textContent"))
    link = str(browser.find_element(By.ID, "mocap-propose-pr").get_attribute("href"))
    said = browser.find_element(By.ID, "mocap-propose-result").text.removesuffix(text).split("\n")
    assert not {"null", "undefined"} & set(said), said

    folder = f"catalog/providers/{PROVIDER}/courses"
    address = urllib.parse.urlsplit(link)
    query = urllib.parse.parse_qs(address.query)
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPOSITORY}/new/main/{folder}"
    assert query == {"filename": [f"{NAME}.yaml"], "value": [text]}

    submitted = copy_catalog(tmp_path / "form")
    (submitted / folder / f"{NAME}.yaml").write_text(text, encoding="utf-8")
    code, report, _ = run_check(submitted, f"{folder}/{NAME}.yaml", as_of=today)
    assert (code, report["problems"]) == (0, [])

    scaffolded = copy_catalog(tmp_path / "cli")
    answers = {
        "state_course_number": "SMP-MA-112",
        "title": "Honors Algebra I",
        "subject": "Mathematics",
        "grades": "9-12",
        "length": "semester",
        "credit": "0.5",
        "price": "450",
        "program_code": "50",
        "description": "Algebra I at an honors pace, with weekly live sessions.",
        "course_types": "core, honors",
        "standards": "A1.CED.A.1, A1.NQ.A.1",  # the form lists codes in their order
        "certification_areas": "Mathematics",
        "attested_on": attested.isoformat(),
        "max_students_per_section": "30",
        "pacing": "scheduled",
        "enrollment": "rolling",
        "technology_requirements": "A computer with a current browser and internet.",
        "accessibility_standard": "WCAG 2.1 AA",
        "accessibility_evidence": "https://riverbend.example.org/accessibility/honors-algebra",
        "accessibility_reviewed_on": attested.isoformat(),
    }
    out, err = io.StringIO(), io.StringIO()
    assert new_course_command(scaffolded, PROVIDER, NAME, dict(answers), today, None, out, err) == 0, (
        err.getvalue()
    )
    assert (scaffolded / folder / f"{NAME}.yaml").read_text(encoding="utf-8") == text


def test_the_summary_lists_every_wrong_answer_and_leads_to_its_field(
    browser: webdriver.Chrome, site_url: str
) -> None:
    _ready(browser, f"{site_url}{PAGE}")
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-form button[type=submit]").click()
    summary = browser.find_element(By.ID, "mocap-propose-summary")
    assert browser.switch_to.active_element == summary
    items = summary.find_elements(By.CSS_SELECTOR, "li a")
    assert items[0].text == "Provider: this one is needed to write the file"
    assert len(items) == 10  # provider, name and the eight questions mocap new cannot do without
    items[0].send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "q-provider"
    described = str(browser.find_element(By.ID, "q-provider").get_attribute("aria-describedby"))
    assert described.split() == ["help-provider", "error-provider"]
    assert browser.find_element(By.ID, "q-provider").get_attribute("aria-invalid") == "true"


def test_a_published_course_loads_and_a_price_above_the_cap_says_what_the_check_says(
    browser: webdriver.Chrome, site_url: str
) -> None:
    _ready(browser, f"{site_url}{PAGE}?course={PROVIDER}/algebra-i-a")
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "q-title").get_attribute("value"))
    assert browser.find_element(By.ID, "q-title").get_attribute("value") == "Algebra I A"
    _type(browser, "price", "9999")
    catalog = (
        browser.find_element(By.ID, "mocap-propose-catalog").text.split("for the ")[1].split(" catalog")[0]
    )
    reference = load_reference(REPO / "catalog" / "reference", REPO)
    basis = cap_basis(reference, catalog)
    assert basis is not None
    assert _error(browser, "price") == over_cap_message("$9,999.00", "semester", catalog, basis, reference)
    _type(browser, "price", "300")
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-form button[type=submit]").click()
    link = str(browser.find_element(By.ID, "mocap-propose-pr").get_attribute("href"))
    assert link == f"{REPOSITORY}/edit/main/catalog/providers/{PROVIDER}/courses/algebra-i-a.yaml"
    text = str(browser.find_element(By.ID, "mocap-propose-text").get_attribute("textContent"))
    assert "price: 300\n" in text
    assert "  terms: [" in text  # the term dates the form does not edit are kept


@pytest.mark.parametrize(
    ("wrong", "named"),
    [
        ("titel:", "'titel' is not a field of this record: did you mean 'title'?"),
        (
            "  standart:",
            "accessibility.standart: 'standart' is not a field of this record: did you mean 'standard'?",
        ),
    ],
)
def test_a_loaded_file_names_a_misspelt_field(
    browser: webdriver.Chrome, site_url: str, wrong: str, named: str
) -> None:
    _ready(browser, f"{site_url}{PAGE}")
    source = (REPO / "catalog/providers" / PROVIDER / "courses/algebra-i-a.yaml").read_text(encoding="utf-8")
    right = wrong.replace("titel", "title").replace("standart", "standard")
    assert f"\n{right} " in source
    text = source.replace(f"\n{right} ", f"\n{wrong} ", 1)
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-load summary").click()
    browser.execute_script(
        "arguments[0].value = arguments[1];", browser.find_element(By.ID, "load-text"), text
    )
    browser.find_element(By.ID, "load-button").click()
    assert named in browser.find_element(By.ID, "load-report").text.splitlines()


def test_a_file_that_is_not_yaml_is_named_by_its_line(browser: webdriver.Chrome, site_url: str) -> None:
    _ready(browser, f"{site_url}{PAGE}")
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-load summary").click()
    browser.find_element(By.ID, "load-text").send_keys("title: Algebra\n  price: [1, 2\n")
    browser.find_element(By.ID, "load-button").click()
    assert browser.find_element(By.ID, "load-report").text.startswith("The file cannot be read: line 2")


def test_readme_and_contributing_give_the_form_as_the_first_way_to_submit() -> None:
    for name in ("README.md", "CONTRIBUTING.md"):
        text = (REPO / name).read_text(encoding="utf-8")
        terminal = [at for at in (text.find("mocap new"), text.find("git clone")) if at >= 0]
        assert -1 < text.find("submitting/propose/") < min(terminal), name


def _settled(browser: webdriver.Chrome) -> None:
    """Wait for the theme's "Back to top" button, shown by the scroll to the summary or the
    file, to finish fading in or out: axe measures a half-faded button's contrast as it is."""
    fade = "return getComputedStyle(document.querySelector('.md-top')).opacity;"
    seen: list[str] = []

    def still(b: webdriver.Chrome) -> bool:
        seen.append(str(b.execute_script(fade)))
        return len(seen) > 2 and seen[-1] == seen[-2] == seen[-3] and seen[-1] in {"0", "1"}

    WebDriverWait(browser, 5, poll_frequency=0.1).until(still)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_form_passes_axe_empty_with_errors_and_with_its_file(
    browser: webdriver.Chrome, site_url: str, scheme: str
) -> None:
    prefer_scheme(browser, scheme)
    try:
        _ready(browser, f"{site_url}{PAGE}?course={PROVIDER}/algebra-i-a")
        WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "q-title").get_attribute("value"))
        script = axe_script(REPO)
        states = {"loaded": [], "with errors": [], "with its file": []}
        states["loaded"] = run_axe(browser, script, DEFAULT_TAGS, PAGE)[1]
        _type(browser, "price", "$9,999")
        _type(browser, "grades", "ninth")
        browser.find_element(By.CSS_SELECTOR, "#mocap-propose-form button[type=submit]").click()
        _settled(browser)
        states["with errors"] = run_axe(browser, script, DEFAULT_TAGS, PAGE)[1]
        _type(browser, "price", "300")
        _type(browser, "grades", "9-12")
        browser.find_element(By.CSS_SELECTOR, "#mocap-propose-form button[type=submit]").click()
        _settled(browser)
        states["with its file"] = run_axe(browser, script, DEFAULT_TAGS, PAGE)[1]
    finally:
        prefer_scheme(browser, "light")
    violations = {
        state: [f"{f.rule} {f.selector}" for f in found if f.kind == "violation"]
        for state, found in states.items()
    }
    assert violations == {state: [] for state in states}


def test_hostile_text_in_a_loaded_file_stays_text_on_the_page_and_in_the_file(
    browser: webdriver.Chrome, site_url: str
) -> None:
    _ready(browser, f"{site_url}{PAGE}")
    source = (REPO / "catalog/providers" / PROVIDER / "courses/algebra-i-a.yaml").read_text(encoding="utf-8")
    record = parse(source)
    assert isinstance(record, dict)
    hostile = {
        "title": PAYLOADS[1],
        "description": f"{PAYLOADS[0]}\nreview:\n  status: approved\n{PAYLOADS[2]}",
        "prerequisites": PAYLOADS[3],
        "syllabus": 'https://x.example/"><script>window.__pwned=9</script>',
        "review": {"status": "approved", "approved_by": "someone", "approved_on": "2026-01-05"},
    }
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-load summary").click()
    loaded = json.dumps({**record, **hostile}, default=str)  # JSON is YAML
    browser.execute_script(
        "arguments[0].value = arguments[1];", browser.find_element(By.ID, "load-text"), loaded
    )
    browser.find_element(By.ID, "load-button").click()
    _type(browser, "name", "algebra-i-a")
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-form button[type=submit]").click()
    errors = browser.find_element(By.ID, "mocap-propose-summary").text
    assert "Course title" not in errors  # the page judges the text, it does not run it
    assert browser.execute_script("return window.__pwned || null") is None
    assert (
        browser.find_elements(
            By.CSS_SELECTOR, "#mocap-propose img, #mocap-propose svg, #mocap-propose iframe"
        )
        == []
    )
    assert browser.find_element(By.ID, "q-title").get_attribute("value") == PAYLOADS[1]
    text = str(browser.find_element(By.ID, "mocap-propose-text").get_attribute("textContent"))
    written = parse(text)
    assert isinstance(written, dict)
    assert {key: written[key] for key in ("title", "description", "prerequisites", "syllabus")} == {
        key: hostile[key] for key in ("title", "description", "prerequisites", "syllabus")
    }
    assert written["review"] == {"status": "submitted"}  # a change is a new submission
