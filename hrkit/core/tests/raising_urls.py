"""The project's URLs plus one page that fails, to see the server-error page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from hrkit.urls import handler404, handler500
from hrkit.urls import urlpatterns as project_urlpatterns


def failing_page(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a failure on purpose, to show the server-error page")


urlpatterns = [path("fails/", failing_page), *project_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
