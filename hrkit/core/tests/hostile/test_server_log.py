"""What a hostile client can make the real server write to its log (issue 10).

gunicorn wrote "Invalid request from ip=..." and Django a traceback for each
too-large body: client addresses in the log, and a few requests filled it.
These start `hrkit serve`'s own gunicorn command on a free port and read what
it wrote.
"""

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hrkit.core.management.commands.serve import gunicorn_argv

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until_listening(port: int, server: subprocess.Popen, attempts: int = 300) -> None:
    for _ in range(attempts):
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped before it listened")
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start listening")


def exchange(port: int, raw: bytes) -> bytes:
    """Send raw bytes, return the status line of the answer."""
    with socket.create_connection((HOST, port), timeout=30) as connection:
        # The server may answer and close before a large body is all sent.
        with contextlib.suppress(OSError):
            connection.sendall(raw)
        answer = b""
        while b"\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n", 1)[0]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    port = free_port()
    log = tmp_path / "stderr.log"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(HRKIT_DATA_DIR=str(tmp_path / "data"), DJANGO_SETTINGS_MODULE="hrkit.settings")
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            gunicorn_argv(HOST, port, workers=1),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            wait_until_listening(port, process)
            yield port, log
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)


def test_bad_requests_leave_one_line_each_and_no_address(server):
    port, log = server
    statuses = [
        exchange(port, b"GARBAGE\r\n\r\n"),
        exchange(port, b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
        exchange(port, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 10000 + b"\r\n\r\n"),
        exchange(
            port, b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: y\r\n" % n for n in range(150)) + b"\r\n"
        ),
    ]
    # Django refuses a body past DATA_UPLOAD_MAX_MEMORY_SIZE (the quiz reads its form).
    body = b"q=" + b"c" * (3 * 1024 * 1024)
    statuses.append(
        exchange(
            port,
            b"POST /safer-use/training/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body,
        )
    )
    # A plain page still works.
    statuses.append(exchange(port, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
    assert [status.split(b" ")[1] for status in statuses] == [
        b"400",
        b"414",
        b"431",
        b"431",
        b"400",
        b"200",
    ]

    text = log.read_text()
    assert HOST not in text
    assert "Traceback" not in text
    # The refusals were logged (so the absences above mean something), one line each.
    lines = text.splitlines()
    assert sum("Invalid request from" in line for line in lines) == 4
    assert sum("RequestDataTooBig" in line for line in lines) == 1
    assert all(line[:1] not in (" ", "\t") for line in lines)
