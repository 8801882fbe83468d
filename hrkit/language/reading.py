"""Reading a file sent over the web in a child process, within a time and memory budget.

A crafted PDF or .docx can keep a parser busy for minutes, or make it take
gigabytes, while under every limit that can be checked before it is opened.
A child process can be stopped when its time is up, and the kernel caps its
memory; the web worker that asked only waits, and never for longer than the
budget. The child comes from a fork server that has the parsers imported
already, so each file costs a fork, not a new interpreter.
"""

import multiprocessing
from multiprocessing.connection import Connection

from hrkit.core.process_limits import cap_address_space
from hrkit.language.documents import (
    Document,
    DocumentError,
    DocumentTooLarge,
    ReadLimits,
    read_document,
)

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["hrkit.language.documents", "pypdf", "docx"])


def _read_in_child(
    connection: Connection, data: bytes, file_format: str, limits: ReadLimits, memory: int
) -> None:
    cap_address_space(memory)
    try:
        outcome: tuple[str, object] = ("read", read_document(data, file_format, limits))
    except DocumentError as exc:
        outcome = ("refused", exc)
    except MemoryError:
        outcome = ("refused", DocumentTooLarge("memory", memory))
    except Exception as exc:  # a parser's own bug on a crafted file is a bad file too
        outcome = ("refused", DocumentError(f"not a readable file ({exc.__class__.__name__})"))
    connection.send(outcome)
    connection.close()


def read_within_budget(
    data: bytes, file_format: str, limits: ReadLimits, seconds: float, memory: int
) -> Document:
    """read_document in a child given `seconds` and `memory` bytes; raises DocumentError."""
    receiving, sending = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(
        target=_read_in_child, args=(sending, data, file_format, limits, memory), daemon=True
    )
    try:
        child.start()
        sending.close()
        if not receiving.poll(seconds):
            raise DocumentTooLarge("seconds", seconds)
        kind, result = receiving.recv()
    except (EOFError, OSError):
        # The child died without a word: out of memory in a C library, or a crash.
        raise DocumentError("not a readable file (the reader stopped)") from None
    finally:
        sending.close()
        receiving.close()
        if child.pid is not None:
            child.kill()
            child.join()
    if kind == "read" and isinstance(result, Document):
        return result
    raise result if isinstance(result, DocumentError) else DocumentError(str(result))
