"""Log records lose client addresses; a client's error keeps one line."""

import logging

import pytest
from django.core.exceptions import RequestDataTooBig
from gunicorn.http.errors import InvalidRequestLine

from hrkit.core.logs import AddressScrubber, scrub_addresses


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("Invalid request from ip=127.0.0.1: bad", "Invalid request from ip=<address>: bad"),
        ("from ::1: closed", "from <address>: closed"),
        ("peer [2001:db8::7]:443 left", "peer [<address>]:443 left"),
        ("mapped ::ffff:192.0.2.4 here", "mapped <address> here"),
        ("http://198.51.100.3:8000/find/", "http://<address>:8000/find/"),
        ("fe80::1%eth0.", "<address>%eth0."),
        # Times, dates and version numbers are not addresses.
        ("at 12:30:45 on 2025-01-02", "at 12:30:45 on 2025-01-02"),
        ("gunicorn 27.0.1, Django 5.2.19", "gunicorn 27.0.1, Django 5.2.19"),
    ],
)
def test_addresses_are_scrubbed_and_nothing_else(text, scrubbed):
    assert scrub_addresses(text) == scrubbed


def record_for(message: str, *args: object, error: BaseException | None = None):
    exc_info = None
    if error is not None:
        try:
            raise error
        except type(error):
            import sys

            exc_info = sys.exc_info()
    record = logging.LogRecord("test", logging.ERROR, __file__, 1, message, args, exc_info)
    assert AddressScrubber().filter(record)
    return record


def test_a_client_error_is_one_line_without_its_traceback():
    record = record_for("%s", "Body too big", error=RequestDataTooBig("Body too big"))
    assert record.getMessage() == "Body too big (RequestDataTooBig)"
    assert record.exc_info is None


def test_a_request_line_from_the_client_is_cut_short():
    record = record_for(
        "Invalid request from ip=%s: %s", "10.1.2.3", InvalidRequestLine("x" * 5000)
    )
    assert "10.1.2.3" not in record.getMessage()
    assert len(record.getMessage()) <= 200


def test_a_server_error_keeps_its_traceback_without_addresses():
    record = record_for("Error handling request", error=ValueError("peer 192.0.2.8 said no"))
    message = record.getMessage()
    assert "Traceback" in message and "ValueError: peer <address> said no" in message
    assert "192.0.2.8" not in message
