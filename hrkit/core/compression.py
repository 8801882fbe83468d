"""HTML pages sent compressed, except those that carry a CSRF token.

BREACH reads a secret out of a compressed page by reflecting guesses into it
and watching the size. Django masks the CSRF token afresh on every response
and pads gzip output (since 4.2), but a page that holds no token at all has
nothing to read: only those are compressed. The API's JSON is left as it is
(small answers, and clients such as schemathesis's WSGI transport that never
decompress). Public pages carry none; staff
forms stay uncompressed. Static files never reach this middleware: WhiteNoise
answers them, already compressed, before it.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware


class GZipWithoutCsrfTokenMiddleware(GZipMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        # A page that asked for the token gets the CSRF cookie (re)set with it
        # by CsrfViewMiddleware, which then clears the request's own flag.
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        if settings.CSRF_COOKIE_NAME in response.cookies or request.META.get(
            "CSRF_COOKIE_NEEDS_UPDATE"
        ):
            return response
        return super().process_response(request, response)
