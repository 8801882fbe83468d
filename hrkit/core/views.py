from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotFound,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from hrkit.core.context_processors import program


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require_GET
def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """Remember a language choice in a preference cookie and go back.

    A plain link (GET) so it works without JavaScript and without a form or a
    CSRF cookie; the cookie holds only the language code.
    """
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=True,
        )
    return response


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever the page links to."""
    return HttpResponsePermanentRedirect(static("hrkit/favicon.svg"))


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        # ApiErrorShapeMiddleware answers in the API's JSON shape: a page
        # rendered here (and its demo-data question) would be thrown away.
        return HttpResponseNotFound()
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The server-error page from settings alone: the database may be what failed.

    No context processor runs (they may ask the database); the page needs only
    the program's name and emergency number, and the language already chosen.
    """
    context = {**program(), "languages": settings.LANGUAGES, "current_path": request.path}
    return HttpResponseServerError(render_to_string("500.html", context))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF refusal as an hrkit page; the reason is for logs, not people."""
    return render(request, "403_csrf.html", status=403)
