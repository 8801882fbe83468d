"""Checks asked for over the web run in a child process: a time and memory
budget, and a lower CPU priority than the pages people look for help on.

A crafted PDF or .docx can keep a parser busy for minutes, or make it take
gigabytes, while under every limit that can be checked before it is opened;
text dense with findings costs a second or more of CPU. In a child, the
work can be stopped when its time is up, the kernel caps its memory, and the
scheduler serves the locator's requests first. The web worker that asked
only waits, never longer than the budget. Children come from a fork server
that has the parsers and the rules loaded, so a check costs a fork, not a
new interpreter.

This module and those it loads in the child need no Django settings.
"""

import multiprocessing
import os
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection

from hrkit.core.process_limits import cap_address_space
from hrkit.language.config import CheckerConfig
from hrkit.language.documents import (
    Document,
    DocumentError,
    DocumentTooLarge,
    Position,
    ReadLimits,
    read_document,
)

# Lower than the web workers (0): under load, the kernel runs their requests first.
CHILD_NICENESS = 10

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["hrkit.language.budget", "pypdf", "docx"])


@dataclass(frozen=True)
class WebLimits:
    """What one request over the web may ask of the checker (settings in web_limits)."""

    read: ReadLimits
    max_upload_bytes: int
    max_findings: int
    read_seconds: float
    read_memory_bytes: int
    rate: str
    checks_at_once: int


class CheckerBusy(DocumentError):
    """Every check this worker may run at once is running: try again shortly."""


# Checks running in this process. A check holds its worker thread while it
# waits for its child; without a bound, a burst of checks would hold every
# thread and the locator's pages would queue behind them.
_running = 0
_running_lock = threading.Lock()


@dataclass(frozen=True)
class FoundInChild:
    """A finding as it crosses back from the child: its rule by id."""

    position: Position
    start: int
    end: int
    text: str
    rule_id: str
    fix: str | None


@dataclass(frozen=True)
class CheckedInChild:
    text: str
    listed: list[FoundInChild]
    count: int


def _check(
    source: str | bytes, file_format: str, config: CheckerConfig, limits: WebLimits
) -> CheckedInChild:
    from hrkit.language.services import check_document

    document = (
        read_document(source, file_format, limits.read)
        if isinstance(source, bytes)
        else Document(source)
    )
    findings = check_document(document, "-", config)
    return CheckedInChild(
        document.text,
        [
            FoundInChild(f.position, f.start, f.end, f.text, f.rule.id, f.fix)
            for f in findings[: limits.max_findings]
        ],
        len(findings),
    )


def _check_in_child(
    connection: Connection,
    source: str | bytes,
    file_format: str,
    config: CheckerConfig,
    limits: WebLimits,
) -> None:
    os.nice(CHILD_NICENESS)
    cap_address_space(limits.read_memory_bytes)
    try:
        outcome: tuple[str, object] = ("checked", _check(source, file_format, config, limits))
    except DocumentError as exc:
        outcome = ("refused", exc)
    except MemoryError:
        outcome = ("refused", DocumentTooLarge("memory", limits.read_memory_bytes))
    except Exception as exc:  # a parser's own bug on a crafted file is a bad file too
        outcome = ("refused", DocumentError(f"not a readable file ({exc.__class__.__name__})"))
    connection.send(outcome)
    connection.close()


def check_within_budget(
    source: str | bytes, file_format: str, config: CheckerConfig, limits: WebLimits
) -> CheckedInChild:
    """Text (str) or a file's bytes in `file_format`, read within limits and checked
    in a child; raises DocumentError (DocumentTooLarge past a limit or the budget,
    CheckerBusy when this worker runs as many checks as it may)."""
    global _running
    with _running_lock:
        if _running >= limits.checks_at_once:
            raise CheckerBusy("the checker is busy")
        _running += 1
    try:
        return _check_in_a_child(source, file_format, config, limits)
    finally:
        with _running_lock:
            _running -= 1


def _check_in_a_child(
    source: str | bytes, file_format: str, config: CheckerConfig, limits: WebLimits
) -> CheckedInChild:
    receiving, sending = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(
        target=_check_in_child,
        args=(sending, source, file_format, config, limits),
        daemon=True,
    )
    try:
        child.start()
        sending.close()
        if not receiving.poll(limits.read_seconds):
            raise DocumentTooLarge("seconds", limits.read_seconds)
        kind, result = receiving.recv()
    except (EOFError, OSError):
        # The child died without a word: out of memory in a C library, or a crash.
        raise DocumentError("not a readable file (the checker stopped)") from None
    finally:
        sending.close()
        receiving.close()
        if child.pid is not None:
            child.kill()
            child.join()
    if kind == "checked" and isinstance(result, CheckedInChild):
        return result
    raise result if isinstance(result, DocumentError) else DocumentError(str(result))


def _load_rules() -> None:
    # Imported by the fork server: every child then starts with the rules
    # read and the default matcher built, as the web worker has them.
    from hrkit.language.matcher import matcher_for
    from hrkit.language.rules import default_rules

    matcher_for(default_rules(), frozenset(), ())


_load_rules()
