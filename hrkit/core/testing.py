"""Helpers for hrkit's tests (imported by tests only)."""

from collections.abc import Callable
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


def run_with_memory_limit(
    function: Callable[..., Any], *args: Any, extra_mb: int = 300
) -> tuple[str, Any]:
    """Call function(*args) in a forked child allowed `extra_mb` more address space.

    Returns ("returned", value), ("raised", (exception class name, message)) or
    ("died", exit code). A hostile-input test asserts "raised" with a clear
    error: a crash, a MemoryError or a result all mean the work was not
    refused before it started. The limit is added to what the child already
    maps, since the test process's libraries and caches differ from run to run.
    """
    import multiprocessing

    from hrkit.core.process_limits import cap_address_space

    def child(connection: Any) -> None:
        cap_address_space(extra_mb * 1024 * 1024)
        try:
            outcome: tuple[str, Any] = ("returned", function(*args))
        except BaseException as exc:  # the child reports everything, MemoryError included
            outcome = ("raised", (type(exc).__name__, str(exc)))
        connection.send(outcome)
        connection.close()

    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=child, args=(sending,))
    process.start()
    sending.close()
    try:
        outcome = receiving.recv()
    except EOFError:
        outcome = None
    process.join()
    if outcome is None:
        return ("died", process.exitcode)
    return outcome
