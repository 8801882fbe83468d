"""Keeps the API's one error shape for answers Django gives before ninja runs."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from hrkit.core.errors import ApiError

_MESSAGES = {
    404: ("not_found", "There is no such API endpoint; see /api/v1/docs for the list."),
    405: ("method_not_allowed", "This endpoint does not accept that HTTP method."),
}


class ApiErrorShapeMiddleware:
    """Turns Django's plain 404/405 under /api/ into the JSON error shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code in _MESSAGES
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            code, message = _MESSAGES[response.status_code]
            body = ApiError(message, status=response.status_code, code=code).as_json()
            replacement = JsonResponse(body, status=response.status_code)
            if "Allow" in response:
                replacement["Allow"] = response["Allow"]
            return replacement
        return response
