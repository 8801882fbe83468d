"""Logs that never hold a client's address, and a bad request in one line.

The project promises that nothing a person asks for is kept with the address
that asked it. gunicorn names the client in its own messages ("Invalid
request from ip=..."), and Django logs a refused request (too large a body, a
wrong Host header) with a full traceback: a stranger could fill the log with
a few requests, and the traceback tells an operator nothing about the server.
`AddressScrubber` is one logging filter for both: Django's console handler
uses it (see LOGGING in hrkit.settings) and `PrivateGunicornLogger` puts it on
gunicorn's error log (`hrkit serve` passes it as --logger-class).
"""

import ipaddress
import logging
import re
import traceback
from typing import Any

from gunicorn import glogging
from gunicorn.http import errors as http_errors

REPLACEMENT = "<address>"
# The longest a refused request's message may be: its text is whatever the
# client sent, so an unbounded one would let any client write to the log at will.
CLIENT_ERROR_MESSAGE_LIMIT = 200

GUNICORN_BAD_REQUEST = "Invalid request from"

_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
# Anything with two colons could be an IPv6 address; ipaddress decides.
_IPV6_CANDIDATE = re.compile(r"[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")


def _is_ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


def _scrub_ipv6(match: re.Match[str]) -> str:
    token = match.group(0)
    # A candidate may carry a port's colon or a sentence's full stop.
    for core in (token, token.rstrip(":."), token.rstrip(":.").rsplit(":", 1)[0]):
        if core and _is_ipv6(core):
            return token.replace(core, REPLACEMENT, 1)
    return token


def scrub_addresses(text: str) -> str:
    """The text with every IPv4 and IPv6 address replaced by <address>."""
    return _IPV4.sub(REPLACEMENT, _IPV6_CANDIDATE.sub(_scrub_ipv6, text))


def _client_error_types() -> tuple[type[BaseException], ...]:
    from django.core.exceptions import SuspiciousOperation

    # A request gunicorn could not parse, a client that went away, and what
    # Django refuses (too large a body, an unknown Host) are the client's doing:
    # no line of the server's code is at fault, so no traceback is worth keeping.
    return (
        http_errors.ParseException,
        http_errors.NoMoreData,
        ConnectionError,
        SuspiciousOperation,
    )


# A bad header in a response is the application's own fault, though gunicorn
# files it with the parsing errors.
_SERVER_FAULTS = (http_errors.InvalidResponseHeader, http_errors.InvalidResponseHeaderName)


def is_client_error(error: BaseException | None) -> bool:
    return isinstance(error, _client_error_types()) and not isinstance(error, _SERVER_FAULTS)


class AddressScrubber(logging.Filter):
    """Rewrites each record: no address, and a client's error in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        error = record.exc_info[1] if record.exc_info else None
        # gunicorn reports a request it could not parse as a warning with the
        # client's address and the request's own text in it.
        one_line = is_client_error(error) or message.startswith(GUNICORN_BAD_REQUEST)
        if one_line:
            if error is not None:
                name = type(error).__name__
                detail = name if str(error) in message else f"{name}: {error}"
                message = f"{message} ({detail})"
            message = message.replace("\n", " ")
        elif record.exc_info:
            # A server error keeps its traceback, addresses taken out of it too.
            message += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip()
        if record.stack_info:
            message += "\n" + record.stack_info
        message = scrub_addresses(message)
        # Cut after scrubbing, so no address is left cut in half.
        record.msg = message[:CLIENT_ERROR_MESSAGE_LIMIT] if one_line else message
        record.args = ()
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


class PrivateGunicornLogger(glogging.Logger):
    """gunicorn's logger with AddressScrubber on its error log.

    The access log stays off (`hrkit serve` gives no --access-logfile); it is
    filtered all the same, should an operator turn it on.
    """

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, AddressScrubber) for f in log.filters):
                log.addFilter(AddressScrubber())
