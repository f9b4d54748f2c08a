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
from checks.audit.findings import Finding
from checks.audit.runner import prefer_scheme
from checks.catalog import load_catalog
from checks.commands.site import build_command
from checks.commands.workflow import new_course_command
from checks.questions import gather
from checks.reference.load import load_reference
from checks.rules.price import cap_basis, over_cap_message
from checks.scaffold import CourseAnswers, course_text
from checks.site.propose import course_files
from checks.terms import missouri_today
from checks.yamlfile import ALIAS_MESSAGE, duplicate_key_message, parse
from tests.helpers import AS_OF, REPO, copy_catalog, git, git_repo, run_check
from tests.site_fixtures import copy_repo
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


def _write(browser: webdriver.Chrome) -> str:
    """Press "Check and write the file" and wait for the file; its text."""
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "mocap-propose-result").is_displayed())
    return str(browser.find_element(By.ID, "mocap-propose-text").get_attribute("textContent"))


def _load(browser: webdriver.Chrome) -> None:
    """Press "Load it" and wait for the report (the YAML reader is fetched on first use)."""
    browser.find_element(By.ID, "load-button").click()
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "load-report").text)


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
    assert _error(browser, "state_course_number").startswith(
        "'SMP-MA-999' is not a state course number in catalog/reference/state_course_numbers.csv: "
        "did you mean 'SMP-MA-"
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
    text = _write(browser)
    link = str(browser.find_element(By.ID, "mocap-propose-pr").get_attribute("href"))
    said = browser.find_element(By.ID, "mocap-propose-result").text.removesuffix(text).split("\n")
    assert not {"null", "undefined"} & set(said), said

    folder = f"catalog/providers/{PROVIDER}/courses"
    address = urllib.parse.urlsplit(link)
    query = urllib.parse.parse_qs(address.query)
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPOSITORY}/new/main/{folder}"
    assert query == {"filename": [f"{NAME}.yaml"], "value": [text]}

    # The pull request's check: the file committed on a branch of a clone of the catalog.
    submitted = git_repo(tmp_path / "form")
    (submitted / folder / f"{NAME}.yaml").write_text(text, encoding="utf-8")
    git(submitted, "add", ".")
    git(submitted, "commit", "-qm", "Propose Honors Algebra I")
    code, report, _ = run_check(submitted, as_of=today, changed_since="main")
    assert (code, report["problems"]) == (0, [])
    assert report["files_checked"] == 1

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
        "standards": "A1.NQ.A.1, A1.CED.A.1",  # in the order ticked
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
    text = _write(browser)
    link = str(browser.find_element(By.ID, "mocap-propose-pr").get_attribute("href"))
    assert link == f"{REPOSITORY}/edit/main/catalog/providers/{PROVIDER}/courses/algebra-i-a.yaml"
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
    _load(browser)
    assert named in browser.find_element(By.ID, "load-report").text.splitlines()


def test_a_file_that_is_not_yaml_is_named_by_its_line(browser: webdriver.Chrome, site_url: str) -> None:
    _ready(browser, f"{site_url}{PAGE}")
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-load summary").click()
    browser.find_element(By.ID, "load-text").send_keys("title: Algebra\n  price: [1, 2\n")
    _load(browser)
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
        states: dict[str, list[Finding]] = {}
        states["loaded"] = run_axe(browser, script, DEFAULT_TAGS, PAGE)[1]
        _type(browser, "price", "$9,999")
        _type(browser, "grades", "ninth")
        browser.find_element(By.CSS_SELECTOR, "#mocap-propose-form button[type=submit]").click()
        _settled(browser)
        states["with errors"] = run_axe(browser, script, DEFAULT_TAGS, PAGE)[1]
        _type(browser, "price", "300")
        _type(browser, "grades", "9-12")
        _write(browser)
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
    _load(browser)
    _type(browser, "name", "algebra-i-a")
    text = _write(browser)  # the page judges the text, it does not run it
    assert browser.execute_script("return window.__pwned || null") is None
    assert (
        browser.find_elements(
            By.CSS_SELECTOR, "#mocap-propose img, #mocap-propose svg, #mocap-propose iframe"
        )
        == []
    )
    assert browser.find_element(By.ID, "q-title").get_attribute("value") == PAYLOADS[1]
    written = parse(text)
    assert isinstance(written, dict)
    assert {key: written[key] for key in ("title", "description", "prerequisites", "syllabus")} == {
        key: hostile[key] for key in ("title", "description", "prerequisites", "syllabus")
    }
    assert written["review"] == {"status": "submitted"}  # a change is a new submission


# Answers as the form gives them (lists as ticked, a checkbox as true or false); mocap new
# takes the same as text (lists comma-separated, yes or no).
SHAPES: dict[str, dict[str, object]] = {
    "curriculum only, codes left for later": {"program_code": "52", "price": "0395", "credit": "1.50"},
    "taught, defaults for what was left": {"program_code": "50", "credit": ".5"},
    "taught, an area and an alignment address": {
        "program_code": "50",
        "certification_areas": ["Mathematics"],
        "standards_alignment": "https://example.org/alignment",
        "max_students_per_section": "030",
    },
    "quotes, backslashes and other scripts in text": {
        "program_code": "52",
        "description": 'Line one\nline "two" \\ tab\t and café, 数学, \u2028 and emoji 🎓',
        "technology_requirements": "A #hashtag: and - a dash",
        "ncaa_approved": True,
        "standards": ["A1.CED.A.1"],
    },
    "taught, a subject that is no area": {
        "program_code": "50",
        "subject": "Science",
        "state_course_number": "SMP-SC-151",
    },
    "a subject without codes": {
        "program_code": "52",
        "subject": "World Languages",
        "state_course_number": "SMP-WL-101",
    },
}
BASE = {
    "state_course_number": "SMP-MA-112",
    "title": 'Honors "Algebra" I',
    "subject": "Mathematics",
    "grades": "9-12",
    "length": "year",
    "credit": "1",
    "price": "900",
}
_WRITE = """
const [values, where, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
Promise.all([
  import(new URL("assets/javascripts/propose-file.js", document.baseURI + "../../")),
  fetch(new URL("assets/propose.json", document.baseURI + "../../")).then((r) => r.json()),
]).then(([file, data]) => {
  const when = {taught: values.program_code === "50", no_standards: !(values.standards || []).length};
  const asked = data.questions.filter((q) => !q.when || when[q.when]);
  const pairs = asked.map((q) => [q, values[q.name] ?? (q.schema.type === "array" ? [] : "")]);
  done(file.courseFile(data, file.typedAnswers(pairs), where, null));
}, (error) => done(String(error)));
"""


@pytest.mark.parametrize("shape", SHAPES)
def test_the_page_writes_what_mocap_new_writes_for_every_shape(
    browser: webdriver.Chrome, site_url: str, shape: str
) -> None:
    values: dict[str, object] = {**BASE, **SHAPES[shape]}
    _ready(browser, f"{site_url}{PAGE}")
    catalog = "fall 2027"
    where = {"provider": PROVIDER, "name": NAME, "catalog": catalog}
    written = browser.execute_async_script(_WRITE, values, where)
    text_values: dict[str, str | None] = {
        name: ", ".join(value) if isinstance(value, list) else ("yes" if value is True else str(value))
        for name, value in values.items()
    }
    reference = load_reference(REPO / "catalog" / "reference", REPO)
    answers = gather(text_values, reference)
    subject = reference.subjects.get(str(answers["subject"]))
    is_area = str(answers["subject"]) in reference.certification_areas
    expected = course_text(
        CourseAnswers(PROVIDER, NAME, answers, subject is None or subject.core_standards, is_area), catalog
    )
    assert written == expected


def test_a_build_without_the_yaml_reader_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_repo(tmp_path)
    monkeypatch.setattr("checks.site.propose.NODE_MODULES", tmp_path / "node_modules")
    out, err = io.StringIO(), io.StringIO()
    assert build_command(repo, repo / "build/site", AS_OF, False, out, err) == 2
    missing = tmp_path / "node_modules/js-yaml/dist/js-yaml.mjs"
    assert err.getvalue() == (
        f"mocap build: {missing} is missing: run 'make build' (or 'npm ci' in the tools' folder) to install "
        "it; the previous site is unchanged\n"
    )
    assert not (repo / "build/site").exists()


@pytest.mark.parametrize(
    "extra",
    ["", "extra:\n  submissions:\n    repository: http://github.com/x/y\n", "extra:\n  submissions: main\n"],
    ids=["absent", "not https", "not a block"],
)
def test_a_configuration_without_the_submissions_repository_is_refused(tmp_path: Path, extra: str) -> None:
    repo = copy_repo(tmp_path)
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("extra:\n")
    end = config.index("\n\n", start) + 1
    (repo / "mkdocs.yml").write_text(config[:start] + extra + config[end:], encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert build_command(repo, repo / "build/site", AS_OF, False, out, err) == 2
    assert err.getvalue() == (
        "mocap build: mkdocs.yml must give extra.submissions.repository, the https address of the catalog's "
        "repository that submissions go to (and extra.submissions.branch, default main); "
        "the previous site is unchanged\n"
    )


def test_a_published_course_is_picked_by_its_provider_and_title(
    browser: webdriver.Chrome, site_url: str
) -> None:
    _ready(browser, f"{site_url}{PAGE}")
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-load summary").click()
    Select(browser.find_element(By.ID, "q-pick-provider")).select_by_value(PROVIDER)
    WebDriverWait(browser, 10).until(
        lambda b: len(Select(b.find_element(By.ID, "q-pick-course")).options) > 1
    )
    Select(browser.find_element(By.ID, "q-pick-course")).select_by_visible_text("Algebra I B")
    browser.find_element(By.ID, "pick-button").click()
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "q-title").get_attribute("value"))
    assert browser.find_element(By.ID, "q-name").get_attribute("value") == "algebra-i-b"
    assert browser.find_element(By.ID, "q-title").get_attribute("value") == "Algebra I B"


def _paste(browser: webdriver.Chrome, text: str) -> str:
    """Load ``text`` as a pasted course file; the load report's text."""
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-load summary").click()
    browser.execute_script(
        "arguments[0].value = arguments[1];", browser.find_element(By.ID, "load-text"), text
    )
    _load(browser)
    return str(browser.find_element(By.ID, "load-report").text)


def _demo(name: str = "algebra-i-a") -> str:
    return (REPO / "catalog/providers" / PROVIDER / f"courses/{name}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "provider",
    ['"river-bend-online\\nreview:\\n  status: approved\\nx"', "../../../../../../attacker/loot/new/main/x"],
    ids=["yaml injection", "another repository"],
)
def test_a_loaded_provider_that_is_not_one_is_refused_and_no_file_is_written(
    browser: webdriver.Chrome, site_url: str, provider: str
) -> None:
    _ready(browser, f"{site_url}{PAGE}")
    _paste(browser, _demo().replace(f"provider: {PROVIDER}", f"provider: {provider}"))
    _type(browser, "name", "algebra-i-lab")
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-form button[type=submit]").click()
    assert _error(browser, "provider").startswith("there is no provider '")
    assert _error(browser, "provider").endswith("' in catalog/providers")
    assert not browser.find_element(By.ID, "mocap-propose-result").is_displayed()


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            "\n__proto__: {review: {status: approved}}\nconstructor: 1\n",
            "'__proto__' is not a field of this record",
        ),
        (
            "\nstandards: A1.NQ.A.1\n",
            "standards: write a list: put each item on its own line below 'standards:'",
        ),
        (
            "\naccessibility:\n  standard: WCAG 2.0 AA\n  evidence: https://x.example/a\n"
            "  reviewed_on: 2026-02-30\n",
            "accessibility.reviewed_on: 2026-02-30 is not a real date: February 2026 has 28 days. "
            "Correct the day",
        ),
        (
            "\nschedule:\n  pacing: scheduled\n  enrollment: rolling\n"
            "  terms:\n    - {term: fall, strat: 2027-08-16}\n",
            "schedule.terms #1.strat: 'strat' is not a field of this record: did you mean 'starts'?",
        ),
        (
            "\ndescription: {a: 1}\n",
            "description: write one piece of text here, not a list or a set of fields",
        ),
        ("\nncaa_approved: 'yes'\n", "ncaa_approved: write true or false (found 'yes')"),
        ("\nterms_offered: fall\n", "terms_offered: write a list: put each item on its own line below"),
        (
            "\nmaintainer_notes: ask jane.doe@example.org\n",
            "maintainer_notes: this text holds an e-mail address; catalog files and the site are public",
        ),
    ],
    ids=[
        "object keys",
        "list as text",
        "impossible date",
        "misspelt in a list item",
        "a block as text",
        "yes as true",
        "terms offered as text",
        "a kept field's e-mail",
    ],
)
def test_what_a_loaded_file_gets_wrong_is_named(
    browser: webdriver.Chrome, site_url: str, change: str, said: str
) -> None:
    record = parse(_demo())
    assert isinstance(record, dict)
    replaced = change.strip().split(":")[0]
    kept = "".join(
        f"{key}: {json.dumps(value, default=str)}\n" for key, value in record.items() if key != replaced
    )
    _ready(browser, f"{site_url}{PAGE}")
    assert any(line.startswith(said) for line in _paste(browser, kept + change).splitlines())
    if replaced == "__proto__":
        _type(browser, "name", "algebra-i-a")  # a change: a new name would repeat its course number
        text = _write(browser)
        assert "__proto__" not in text and "constructor" not in text


def test_anchors_and_repeated_fields_are_refused_in_the_checks_words(
    browser: webdriver.Chrome, site_url: str
) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    _ready(browser, f"{site_url}{PAGE}")
    assert _paste(browser, bomb) == f"The file cannot be read: {ALIAS_MESSAGE}"
    _ready(browser, f"{site_url}{PAGE}")
    twice = _demo() + "title: Algebra I A again\n"
    first = 1 + _demo().splitlines().index("title: Algebra I A")
    last = len(twice.splitlines())
    said = f"The file cannot be read: line {last}: {duplicate_key_message('title', first)}"
    assert _paste(browser, twice) == said


@pytest.mark.parametrize(
    ("name", "typed", "said"),
    [
        ("grades", "12-9", "the span '12-9' runs backwards: write the lower grade first"),
        (
            "grades",
            "9th-12th",
            "must be a grade or a span of grades written with numbers and K: did you mean '9-12'?",
        ),
        (
            "title",
            "Algebra\u202e I",
            "this text holds the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) as its 8th character: "
            "delete it (it often comes from copying text out of another program)",
        ),
        ("title", "🎓" * 150, ""),  # 150 characters, as Python counts them
        ("state_course_number", "smp-ma-112", "'smp-ma-112' is not a state course number"),
    ],
)
def test_an_answer_is_judged_as_the_check_judges_it(
    browser: webdriver.Chrome, site_url: str, name: str, typed: str, said: str
) -> None:
    _ready(browser, f"{site_url}{PAGE}")
    field = browser.find_element(By.ID, f"q-{name}")
    change = "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));"
    browser.execute_script(f"arguments[0].value = arguments[1]; {change}", field, typed)
    assert _error(browser, name).startswith(said) if said else _error(browser, name) == ""
    if name == "state_course_number":
        assert _error(browser, name).endswith("did you mean 'SMP-MA-112'?")


def test_a_taught_course_names_its_areas_and_cites_its_standards_or_an_address(
    browser: webdriver.Chrome, site_url: str
) -> None:
    _ready(browser, f"{site_url}{PAGE}")
    _type(browser, "grades", "9-12")
    _choose(browser, "subject", "Science")
    _choose(browser, "program_code", "50")
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-form button[type=submit]").click()
    assert _error(browser, "certification_areas").startswith("tick the certification areas")
    assert _error(browser, "standards").startswith(
        "every course must be aligned with the Missouri Learning Standards, whatever its course types: "
        "tick the Science codes"
    )
    offered = {
        e.get_attribute("value")
        for e in browser.find_elements(By.CSS_SELECTOR, "#q-certification_areas input")
    }
    assert "Biology" in offered and "Elementary Education" not in offered  # grades K-6 teach no grade 9-12
    _type(browser, "standards_alignment", "https://example.org/alignment")
    assert _error(browser, "standards") == ""
    summary = browser.find_element(By.ID, "mocap-propose-summary").text
    assert "Missouri Learning Standards codes" not in summary  # the corrected answer left the summary


def test_a_loaded_course_keeps_its_notes_and_the_order_of_its_lists(
    browser: webdriver.Chrome, site_url: str
) -> None:
    source = (REPO / "catalog/providers/cardinal-pathways/courses/accounting-i.yaml").read_text(
        encoding="utf-8"
    )
    notes = "Reviewed with DESE in March: see the pull request."
    record = parse(source)
    assert isinstance(record, dict)
    assert record["course_types"] == ["cte", "elective"]  # not in the form's order of types
    _ready(browser, f"{site_url}{PAGE}")
    _paste(browser, f"{source}maintainer_notes: {json.dumps(notes)}\n")
    _type(browser, "name", "accounting-i")
    written = parse(_write(browser))
    assert isinstance(written, dict)
    assert written["maintainer_notes"] == notes
    assert written["course_types"] == record["course_types"]
    assert written.get("standards_alignment") == record.get("standards_alignment")
    link = str(browser.find_element(By.ID, "mocap-propose-pr").get_attribute("href"))
    assert link.endswith("/edit/main/catalog/providers/cardinal-pathways/courses/accounting-i.yaml")
    note = browser.find_element(By.ID, "note-name").text
    assert note.startswith(
        "This is the file of the published course Accounting I: what you write replaces it"
    )


@pytest.mark.parametrize(
    ("field", "loaded", "said"),
    [
        (
            "length",
            '"semester\\nreview:\\n  status: approved"',
            "write one of: semester, year (found 'semester",
        ),
        ("program_code", "51", "write one of: 50, 52 (found '51')"),
        ("length", "Semester", "write 'semester' exactly like this (found 'Semester')"),
    ],
    ids=["injection through a choice", "a code with no file shape", "a choice in capitals"],
)
def test_a_loaded_choice_that_is_not_one_is_refused_and_no_file_is_written(
    browser: webdriver.Chrome, site_url: str, field: str, loaded: str, said: str
) -> None:
    _ready(browser, f"{site_url}{PAGE}")
    line = next(line for line in _demo().splitlines() if line.startswith(f"{field}:"))
    _paste(browser, _demo().replace(f"\n{line}\n", f"\n{field}: {loaded}\n"))
    _type(browser, "name", "algebra-i-lab")
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-form button[type=submit]").click()
    assert _error(browser, field).startswith(said)
    assert not browser.find_element(By.ID, "mocap-propose-result").is_displayed()


def test_a_kept_fields_fault_stops_the_file_and_is_in_the_summary(
    browser: webdriver.Chrome, site_url: str
) -> None:
    _ready(browser, f"{site_url}{PAGE}")
    _paste(browser, _demo() + "maintainer_notes: ask jane.doe@example.org\n")
    _type(browser, "name", "algebra-i-lab")
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-form button[type=submit]").click()
    summary = browser.find_element(By.ID, "mocap-propose-summary").text
    assert "Kept from the loaded file: maintainer_notes: this text holds an e-mail address" in summary
    assert not browser.find_element(By.ID, "mocap-propose-result").is_displayed()


def test_the_file_and_the_summary_follow_the_answers(browser: webdriver.Chrome, site_url: str) -> None:
    _ready(browser, f"{site_url}{PAGE}?course={PROVIDER}/algebra-i-a")
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "q-title").get_attribute("value"))
    _write(browser)
    _type(browser, "title", "Algebra I A, revised")
    assert not browser.find_element(By.ID, "mocap-propose-result").is_displayed()  # no stale file
    _type(browser, "title", "")
    browser.find_element(By.CSS_SELECTOR, "#mocap-propose-form button[type=submit]").click()
    heading = browser.find_element(By.CSS_SELECTOR, "#mocap-propose-summary h2")
    assert heading.text == "1 answer to correct"
    _type(browser, "grades", "1-2")  # the standards and the teacher's area are for grades 8-12
    listed = browser.find_element(By.ID, "mocap-propose-summary").text
    assert listed.startswith("3 answers to correct")
    assert "Missouri Learning Standards codes:" in listed and "Certification areas" in listed
    _type(browser, "grades", "9-12")
    _type(browser, "title", "Algebra I A")
    summary = browser.find_element(By.CSS_SELECTOR, "#mocap-propose-summary h2").text
    assert summary == "Every answer is corrected: write the file again"


def test_a_course_number_the_provider_uses_already_is_refused_as_the_check_refuses_it(
    browser: webdriver.Chrome, site_url: str
) -> None:
    _ready(browser, f"{site_url}{PAGE}")
    _choose(browser, "provider", PROVIDER)
    _type(browser, "name", "algebra-i-again")
    _type(browser, "state_course_number", "SMP-MA-110A")
    said = (
        "the state course number SMP-MA-110A is already used by "
        f"catalog/providers/{PROVIDER}/courses/algebra-i-a.yaml: each course of a provider has its own number"
    )
    WebDriverWait(browser, 10).until(lambda b: _error(b, "state_course_number") == said)
    _type(browser, "name", "algebra-i-a")  # the same file: a change keeps its own number
    WebDriverWait(browser, 10).until(lambda b: _error(b, "state_course_number") == "")


def test_a_file_in_the_catalog_but_not_published_is_a_change_too(
    browser: webdriver.Chrome, site_url: str
) -> None:
    _ready(browser, f"{site_url}{PAGE}")
    _choose(browser, "provider", PROVIDER)
    _type(browser, "name", "algebra-i-credit-recovery")  # submitted for the next catalog
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "note-name").text)
    assert browser.find_element(By.ID, "note-name").text == (
        "This is the file of the course (in the catalog, not published) Algebra I Credit Recovery: what you "
        "write replaces it, as a new submission."
    )


def test_a_file_too_long_for_an_address_is_copied_for_githubs_editor(
    browser: webdriver.Chrome, site_url: str
) -> None:
    _ready(browser, f"{site_url}{PAGE}?course={PROVIDER}/algebra-i-a")
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "q-title").get_attribute("value"))
    _type(browser, "name", "algebra-i-long")  # a new file
    _type(browser, "state_course_number", "SMP-MA-112")
    _type(browser, "description", "Équations " * 400)  # 4,000 characters, each é six in an address
    _write(browser)
    link = browser.find_element(By.ID, "mocap-propose-pr")
    folder = f"catalog/providers/{PROVIDER}/courses"
    assert link.get_attribute("href") == f"{REPOSITORY}/new/main/{folder}?filename=algebra-i-long.yaml"
    assert link.text == "Copy the file and open GitHub's editor"


def test_every_course_file_of_a_provider_is_listed_even_one_that_does_not_load(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    (repo / "catalog/providers" / PROVIDER / "courses/half-written.yaml").write_text("title: [\n", "utf-8")
    catalog = load_catalog(repo / "catalog")
    published = [c for c in catalog.courses if c.source.path.stem == "algebra-i-a"]
    listed = {c["name"]: c for c in course_files(catalog, published)[PROVIDER]["courses"]}
    assert listed["half-written"] == {
        "name": "half-written",
        "file": f"catalog/providers/{PROVIDER}/courses/half-written.yaml",
        "number": None,
        "title": "half-written",
        "published": False,
    }
    assert (listed["algebra-i-a"]["number"], listed["algebra-i-a"]["published"]) == ("SMP-MA-110A", True)
    assert listed["algebra-i-b"]["published"] is False
