"""Helpers for hrkit's tests (imported by tests only)."""

from typing import Any


def serious_accessibility_violations(page: Any) -> list[str]:
    """Run axe-core (bundled by axe-playwright-python) on the page.

    Returns one line per violation whose impact is serious or critical.
    """
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s)"
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
