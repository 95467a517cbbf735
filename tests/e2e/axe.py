"""axe-core, from npm (see package.json), run inside a Playwright page against WCAG 2.2 AA."""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_PACKAGE = ROOT / "node_modules" / "axe-core"
# Every WCAG A and AA rule up to 2.2 that axe checks automatically.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_script():
    """Path of axe.min.js, after checking that the installed axe is the version package.json pins."""
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["axe-core"]
    installed = AXE_PACKAGE / "package.json"
    version = json.loads(installed.read_text())["version"] if installed.is_file() else None
    if version != pinned:
        pytest.fail(
            f"axe-core {pinned} is not installed (found {version}): run `npm ci` in {ROOT}.",
            pytrace=False,
        )
    return AXE_PACKAGE / "axe.min.js"


def axe_violations(page):
    """Inject axe into ``page``, check the whole document, and return axe's violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=axe_script())
    return page.evaluate(
        "tags => axe.run(document, {runOnly: tags}).then(results => results.violations)",
        WCAG_AA_TAGS,
    )


def describe(violations):
    """One readable paragraph per violation: rule, impact, what it means and where it happens."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " >> ".join(
                " ".join(part) if isinstance(part, list) else part for part in node["target"]
            )
            lines.append(f"    at {target}: {node['failureSummary']}".replace("\n", " "))
    return "\n".join(lines)


def assert_no_violations(page):
    """Fail, naming each rule and element, unless axe finds nothing to object to on ``page``."""
    violations = axe_violations(page)
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + describe(
        violations
    )
