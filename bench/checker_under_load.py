"""The language checker attacked at its rate limit, and /find/ meanwhile.

    .venv/bin/python bench/language_speed.py --sizes '' --alex-mb '' --under-load 60

Serves a demo directory with `hrkit serve --workers 2` (SQLite in a fresh
data folder), measures GET /find/ alone, then again while attackers, each
from its own loopback address, send the costliest requests the checker
takes at the rate it allows per client: text at the size limit dense with
findings to the API, and files at the upload limit built to be slow or
large to read (hrkit/language/tests/hostile/inputs.py) to the page; then
again with one more client flooding the API past its rate over four
connections. Latencies are wall-clock seconds
seen by a client on the same two cores.
"""

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HRKIT = str(ROOT / ".venv" / "bin" / "hrkit")
FIND = "/find/?zip=60614&service=naloxone"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _request(
    port: int, source: str, method: str, path: str, body: bytes = b"", content_type: str = ""
) -> tuple[int, float]:
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=60, source_address=(source, 0)
    )
    started = time.perf_counter()
    headers = {"Content-Type": content_type} if content_type else {}
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        connection.close()


def _multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def _hostile_requests() -> list[tuple[str, str, bytes, str]]:
    sys.path.insert(0, str(ROOT))
    from hrkit.language.tests.hostile import inputs

    dense = json.dumps({"text": inputs.repeated_text(500_000)}).encode()
    uploads = [
        ("slow.pdf", inputs.pdf_sharing_one_content_stream(20, 20_000)),
        ("long.docx", inputs.docx_with_long_body(20 * inputs.MB)),
        ("bomb.docx", inputs.docx_bomb(200 * inputs.MB)),
        ("long.txt", inputs.repeated_text(5 * inputs.MB - 1000).encode()),
    ]
    requests = [("POST", "/api/v1/language/check", dense, "application/json")]
    for name, data in uploads:
        body, content_type = _multipart(name, data)
        requests.append(("POST", "/language/", body, content_type))
    return requests


def _latencies(port: int, seconds: float, stop: threading.Event | None = None) -> list[float]:
    times = []
    ends = time.perf_counter() + seconds
    while time.perf_counter() < ends:
        status, took = _request(port, "127.0.0.2", "GET", FIND)
        assert status == 200, status
        times.append(took)
    return times


def _summary(times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"{len(times):5d} requests  p50 {statistics.median(ordered) * 1000:7.1f} ms  "
        f"p99 {p99 * 1000:7.1f} ms  max {ordered[-1] * 1000:7.1f} ms"
    )


def _attack(
    port: int,
    seconds: float,
    hostile: list[tuple[str, str, bytes, str]],
    attackers: int,
    rate_per_minute: int,
    flood: bool,
) -> None:
    stop = threading.Event()
    outcomes: Counter[str] = Counter()
    check_times: list[float] = []

    def attacker(number: int) -> None:
        source = f"127.0.0.{10 + number}"
        interval = 60 / rate_per_minute
        turn = number
        while not stop.is_set():
            method, path, body, content_type = hostile[turn % len(hostile)]
            turn += 1
            started = time.perf_counter()
            status, took = _request(port, source, method, path, body, content_type)
            outcomes[f"at the rate {status}"] += 1
            check_times.append(took)
            stop.wait(max(0.0, interval - (time.perf_counter() - started)))

    def flooder() -> None:
        method, path, body, content_type = hostile[0]
        while not stop.is_set():
            status, _took = _request(port, "127.0.0.99", method, path, body, content_type)
            outcomes[f"flood {status}"] += 1

    threads = [threading.Thread(target=attacker, args=(n,)) for n in range(attackers)]
    if flood:
        # The flood comes over four connections at once, as many as a worker has threads.
        threads += [threading.Thread(target=flooder) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        under_attack = _latencies(port, seconds)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    title = "at the rate, and a flood" if flood else "at the rate"
    print(f"/find/ with checks {title:24} {_summary(under_attack)}")
    print(f"  hostile checks at the rate {_summary(check_times)}")
    print("  answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())))


def run(seconds: float, attackers: int = 1, rate_per_minute: int = 20) -> None:
    data_dir = tempfile.mkdtemp(prefix="hrkit-load-")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["HRKIT_DATA_DIR"] = data_dir
    subprocess.run([HRKIT, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    server = subprocess.Popen(
        [HRKIT, "serve", "--workers", "2", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(200):
            try:
                _request(port, "127.0.0.2", "GET", "/find/")
                break
            except OSError:
                time.sleep(0.1)
        hostile = _hostile_requests()
        _latencies(port, 3)  # warm both workers
        print(f"/find/ alone                                 {_summary(_latencies(port, seconds))}")

        for flood in (False, True):
            _attack(port, seconds, hostile, attackers, rate_per_minute, flood)
    finally:
        server.terminate()
        server.wait()
