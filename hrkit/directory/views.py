"""Public pages of the directory: the /find/ locator and a page per place."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from hrkit.directory.forms_public import (
    WIDEST_RADIUS_MILES,
    FindForm,
    language_name,
    term_names,
)
from hrkit.directory.locator import LocatedService, LocateResult, RemoteService, locate
from hrkit.directory.place_details import PlaceService, describe_place


@dataclass(frozen=True)
class ShownService:
    """A search result with its codes turned into names in the page's language."""

    entry: LocatedService | RemoteService | PlaceService
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


@require_GET
def place(request: HttpRequest, location_id: int) -> HttpResponse:
    """One place: its services, the week's hours, closures ahead, how to get there and call."""
    details = describe_place(location_id, timezone.now())
    if details is None:
        raise Http404("No service is listed at this place.")
    names = term_names(get_language())
    context = {
        "place": details,
        "services": [shown(service, names) for service in details.services],
    }
    return render(request, "directory/place.html", context)


def shown(
    entry: LocatedService | RemoteService | PlaceService, names: dict[str, str]
) -> ShownService:
    return ShownService(
        entry=entry,
        service_types=[names.get(code, code) for code in entry.service_types],
        attributes=[names.get(code, code) for code in entry.attributes],
        languages=[language_name(code) for code in entry.languages],
    )


def shown_services(result: LocateResult, term_names: dict[str, str]) -> dict[str, Any]:
    page = result.page
    return {
        "first_number": (page.page - 1) * page.page_size + 1,
        "places": [shown(item, term_names) for item in result.page.items],
        "remote": [shown(item, term_names) for item in result.also_available],
    }
