"""The JSON API under /api/v1/: one NinjaAPI, one router per app, one error shape."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from hrkit.core.errors import ApiError, FieldProblem
from hrkit.core.json import OrjsonRenderer

api = NinjaAPI(
    title="hrkit API",
    version="1",
    description=(
        "Harm reduction resources, safer-use facts and program data. Errors are JSON: "
        '{"error": {"code", "message", "fields": [{"field", "message"}]}}.'
    ),
    urls_namespace="api-v1",
    renderer=OrjsonRenderer(),
)


def _field_name(loc: list) -> str:
    # ninja reports ("query", "lat") or ("body", "payload", "text"): the last
    # part is the name a client sent.
    parts = [str(p) for p in loc if p not in ("query", "body", "path", "payload", "form")]
    return ".".join(parts) or "request"


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return api.create_response(request, exc.as_json(), status=exc.status)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = [
        FieldProblem(_field_name(list(err.get("loc", []))), str(err.get("msg", "is not valid")))
        for err in exc.errors
    ]
    message = "; ".join(f"{p.field}: {p.message}" for p in problems) or "The request is not valid."
    return _api_error(request, ApiError(message=message, fields=problems))


@api.exception_handler(AuthenticationError)
def _authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _api_error(
        request, ApiError("Sign in as staff to use this endpoint.", status=401, code="unauthorized")
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _api_error(request, ApiError(str(exc), status=exc.status_code, code="error"))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _api_error(request, ApiError("Nothing was found here.", status=404, code="not_found"))


def _add_routers() -> None:
    from hrkit.directory.api import router as directory_router
    from hrkit.language.api import router as language_router
    from hrkit.saferuse.api import router as saferuse_router

    api.add_router("/", directory_router)
    api.add_router("/", saferuse_router)
    api.add_router("/language/", language_router)


_add_routers()


@api.exception_handler(RequestDataTooBig)
def _body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    message = f"The request body is larger than the {limit:,} bytes one request may send."
    return _api_error(request, ApiError(message, status=413, code="too_large"))
