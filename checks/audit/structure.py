"""Checks beyond axe, on the loaded page: one <h1>, and a skip link that really moves keyboard
focus to the content. (Unique titles are checked across pages, in the runner.)"""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from checks.audit.findings import Finding

_H1_HELP = "https://www.w3.org/WAI/WCAG21/Techniques/general/G141"
_SKIP_HELP = "https://www.w3.org/WAI/WCAG21/Techniques/general/G1"


_REACHED = """
const target = document.getElementById(arguments[0]);
const active = document.activeElement;
if (!target || !active || !active.closest('main') || active.closest('nav')) return false;
if (target.contains(active)) return true;
return arguments[1] && !!(target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
"""


def check_finding(page: str, rule: str, criteria: tuple[str, ...], message: str, help_url: str) -> Finding:
    return Finding(page, rule, "check", "serious", criteria, "html", "", message, help_url)


def headings(driver: WebDriver, page: str) -> list[Finding]:
    count = int(driver.execute_script("return document.querySelectorAll('h1').length"))
    if count == 1:
        return []
    return [
        check_finding(page, "single-h1", ("1.3.1",), f"the page has {count} <h1> elements, not one", _H1_HELP)
    ]


def skip_link(driver: WebDriver, page: str) -> list[Finding]:
    """Tab once from the top: a same-page link must take focus; Enter then Tab must land in the
    main content at or after the link's target, past the navigation. Call before anything else
    has moved focus on the page."""
    ActionChains(driver).send_keys(Keys.TAB).perform()
    target_id = driver.execute_script(
        "const a = document.activeElement;"
        "const href = a && a.tagName === 'A' ? a.getAttribute('href') || '' : '';"
        "return href.startsWith('#') && href.length > 1 ? decodeURIComponent(href.slice(1)) : null;"
    )
    if not target_id:
        return [
            check_finding(page, "skip-link", ("2.4.1",), "the first Tab stop is not a skip link", _SKIP_HELP)
        ]
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    # A focusable target takes focus itself; otherwise the next Tab starts from it.
    reached = driver.execute_script(_REACHED, target_id, False)
    if not reached:
        ActionChains(driver).send_keys(Keys.TAB).perform()
        reached = driver.execute_script(_REACHED, target_id, True)
    if reached:
        return []
    message = f"the skip link (#{target_id}) does not move keyboard focus into the main content"
    return [check_finding(page, "skip-link", ("2.4.1",), message, _SKIP_HELP)]
