"""Small directory fixtures for the locator's tests (synthetic; no real organisation)."""

from datetime import date, time

from hrkit.directory.models import (
    Address,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from hrkit.directory.search_index import refresh_remote_cards, refresh_search_index
from hrkit.directory.taxonomy import load_taxonomy, read_taxonomy_file


def make_terms() -> dict[str, TaxonomyTerm]:
    """The project's taxonomy terms, loaded from hrkit/directory/data/taxonomy.yaml."""
    load_taxonomy()
    return {term.code: term for term in TaxonomyTerm.objects.all()}


def service_type_codes() -> list[str]:
    return [
        spec.code
        for spec in read_taxonomy_file()
        if spec.taxonomy == TaxonomyTerm.Taxonomy.SERVICE_TYPE
    ]


def make_place(
    name: str,
    latitude: float,
    longitude: float,
    codes: list[str],
    *,
    time_zone: str = "America/New_York",
    hours: list[tuple[str, time, time]] | None = None,
    languages: list[str] | None = None,
    status: str = Service.Status.ACTIVE,
    phone: str = "",
    last_verified: date | None = None,
    index: bool = True,
) -> ServiceAtLocation:
    """One organisation, service and location; hours are (byday, opens, closes) weekly rows."""
    terms = make_terms()
    organization = Organization.objects.create(name=f"{name} Organization")
    service = Service.objects.create(
        organization=organization, name=name, status=status, last_verified=last_verified
    )
    service.terms.set([terms[code] for code in codes])
    location = Location.objects.create(
        organization=organization,
        name=f"{name} site",
        latitude=latitude,
        longitude=longitude,
        time_zone=time_zone,
    )
    Address.objects.create(
        location=location,
        address_1="1 Example Street",
        city="Springfield",
        state_province="NY",
        postal_code="10001",
    )
    sal = ServiceAtLocation.objects.create(service=service, location=location)
    for byday, opens, closes in hours or []:
        Schedule.objects.create(
            service_at_location=sal, freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes
        )
    for code in languages or []:
        Language.objects.create(service=service, code=code)
    if phone:
        Phone.objects.create(service=service, number=phone)
    if index:
        refresh_search_index([location.id])
    return sal


def make_remote(
    name: str, codes: list[str], *, kind: str, state: str = "", county: str = "", zip_code: str = ""
) -> Service:
    """A service with no place to visit, reaching people in one service area."""
    terms = make_terms()
    organization = Organization.objects.create(name=f"{name} Organization")
    service = Service.objects.create(organization=organization, name=name)
    service.terms.set([terms[code] for code in codes])
    ServiceArea.objects.create(
        service=service, kind=kind, state=state, county=county, zip_code=zip_code
    )
    refresh_remote_cards()
    return service
