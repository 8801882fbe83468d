"""The checker's per-client rate, enforced before a request's body is read.

A client past its rate may go on sending text at the size limit as fast as
it can; turning it away here costs no parsing of what it sent.
"""

from collections.abc import Callable
from functools import cached_property

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from hrkit.core.errors import ApiError
from hrkit.language.web_limits import RETRY_AFTER_SECONDS, over_rate, over_rate_message


class CheckerRateMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @cached_property
    def _page(self) -> str:
        return reverse("language:check")

    @cached_property
    def _api(self) -> str:
        return reverse("api-v1:check")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or request.path not in (self._page, self._api):
            return self.get_response(request)
        if not over_rate(request):
            return self.get_response(request)
        if request.path == self._page:
            from hrkit.language.views import refused_page

            return refused_page(request, over_rate_message(), status=429)
        body = ApiError(over_rate_message(), status=429, code="rate_limited").as_json()
        refusal = JsonResponse(body, status=429)
        refusal["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return refusal
