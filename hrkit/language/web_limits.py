"""What one request over the web may ask of the checker, and what a person is told past it.

The page and the API share these limits (settings under HRKIT["LANGUAGE_LIMITS"],
documented in docs/language.md); the `hrkit lint` command reads local files
without them.
"""

from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from hrkit.core.security import client_address, client_key_for_address
from hrkit.language.budget import WebLimits
from hrkit.language.documents import DocumentTooLarge, ReadLimits


def web_limits() -> WebLimits:
    configured = cast(dict[str, Any], settings.HRKIT["LANGUAGE_LIMITS"])
    return WebLimits(
        read=ReadLimits(
            max_chars=configured["MAX_CHARS"],
            max_pdf_pages=configured["MAX_PDF_PAGES"],
            max_unpacked_bytes=configured["MAX_UNPACKED_BYTES"],
            max_zip_members=configured["MAX_ZIP_MEMBERS"],
        ),
        max_upload_bytes=configured["MAX_UPLOAD_BYTES"],
        max_findings=configured["MAX_FINDINGS"],
        read_seconds=configured["READ_SECONDS"],
        read_memory_bytes=configured["READ_MEMORY_BYTES"],
        rate=configured["RATE"],
        checks_at_once=configured["CHECKS_AT_ONCE"],
    )


# What a client turned away is told to wait (Retry-After): the default rate's window.
RETRY_AFTER_SECONDS = 60


def _rate_key(group: str, request: HttpRequest) -> str:
    # A keyed hash, so the counter (kept for one window) never holds an address.
    return client_key_for_address(client_address(request))


def over_rate(request: HttpRequest) -> bool:
    """Counts this check against its client; True once the client is over the rate."""
    return is_ratelimited(
        request, group="language-check", key=_rate_key, rate=web_limits().rate, increment=True
    )


def megabytes(size: int | float) -> str:
    value = size / (1024 * 1024)
    return number_format(int(value) if value.is_integer() else round(value, 1), force_grouping=True)


def busy_message() -> str:
    return _("The checker is busy with other texts. Try again in a minute.")


def over_rate_message() -> str:
    return _("You have checked a lot of text in a short time. Wait a minute, then try again.")


def too_much_text_message(limit: int) -> str:
    return too_large_message(DocumentTooLarge("characters", limit))


def too_large_upload_message(limit: int) -> str:
    return _("The file is larger than %(size)s MB.") % {"size": megabytes(limit)}


def too_large_message(refusal: DocumentTooLarge) -> str:
    """What a person reads when a text or file is over a limit, in the page's language."""
    messages = {
        "characters": _("This is more text than the checker takes at once (%(limit)s characters)."),
        "pages": _("This PDF has more than %(limit)s pages."),
        "unpacked": _("This file unpacks to more than %(limit)s MB, more than a document needs."),
        "members": _("This file holds more than %(limit)s parts, more than a document needs."),
        "seconds": _("Checking this took more than %(limit)s seconds, so it was stopped."),
        "memory": _("Checking this needed more than %(limit)s MB of memory, so it was stopped."),
    }
    limit = (
        megabytes(refusal.allowed)
        if refusal.limit in ("unpacked", "memory")
        else number_format(refusal.allowed, force_grouping=True)
    )
    advice = _("Check it in parts, or use the hrkit lint command on your own computer.")
    return f"{messages[refusal.limit] % {'limit': limit}} {advice}"
