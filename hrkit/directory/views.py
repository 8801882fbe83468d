"""Public pages of the directory: the /find/ locator."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from hrkit.directory.forms_public import WIDEST_RADIUS_MILES, FindForm, language_name
from hrkit.directory.locator import LocatedService, LocateResult, RemoteService, locate


@dataclass(frozen=True)
class ShownService:
    """A search result with its codes turned into names in the page's language."""

    entry: LocatedService | RemoteService
    service_types: list[str]
    attributes: list[str]
    languages: list[str]


@require_GET
def find(request: HttpRequest) -> HttpResponse:
    """The search form and, once a place is given, the services near it.

    GET only, with no CSRF token: results are a URL a person can share, and
    the page sets no cookie.
    """
    form = FindForm.for_query(request.GET, language=get_language())
    result = locate(form.cleaned_data["query"]) if form.is_bound and form.is_valid() else None
    context: dict[str, Any] = {
        "form": form,
        "result": result,
        "map_tile_url": settings.HRKIT["MAP_TILE_URL"],
        "map_attribution": settings.HRKIT["MAP_ATTRIBUTION"],
        "widest_radius_miles": WIDEST_RADIUS_MILES,
    }
    if result is not None:
        context.update(shown_services(result, form.term_names))
    return render(request, "directory/find.html", context)


def shown_services(result: LocateResult, term_names: dict[str, str]) -> dict[str, Any]:
    def shown(entry: LocatedService | RemoteService) -> ShownService:
        return ShownService(
            entry=entry,
            service_types=[term_names.get(code, code) for code in entry.service_types],
            attributes=[term_names.get(code, code) for code in entry.attributes],
            languages=[language_name(code) for code in entry.languages],
        )

    page = result.page
    return {
        "first_number": (page.page - 1) * page.page_size + 1,
        "places": [shown(item) for item in result.page.items],
        "remote": [shown(item) for item in result.also_available],
    }
