"""HSDS 3 JSON: a list of service objects, each with what it reaches nested inside.

The shape is HSDS 3's compiled service.json: a service carries its
organization, service_at_locations (each with its location and the location's
addresses, phones, schedules, accessibility, languages and contacts), phones,
contacts, schedules, languages, service_areas, cost_options and attributes
(each with its taxonomy_term). Each row appears once, under the most specific
object it belongs to, and names all its parents by *_id as well.

Reading streams the top-level array with ijson, one service at a time, so a
file of any size is read in flat memory. An HSDS API page ({"contents": [...]})
is read the same way.
"""

import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import ijson
from django.db.models import Prefetch, QuerySet

from hrkit.core.progress import progress
from hrkit.directory import models as m
from hrkit.directory.exchange import rows
from hrkit.directory.exchange.importer import Importer
from hrkit.directory.exchange.problems import ProblemLog, UnreadableSource
from hrkit.directory.exchange.tables import TABLES

# --- reading ---------------------------------------------------------------


def _items(stream: IO[bytes]) -> Iterator[Any]:
    head = stream.read(64).lstrip()
    stream.seek(0)
    prefix = "contents.item" if head.startswith(b"{") else "item"
    yield from ijson.items(stream, prefix, use_float=False)


class Flattener:
    """Turns one nested service object into records for the importer."""

    def __init__(self, importer: Importer, problems: ProblemLog, file_name: str):
        self.importer = importer
        self.problems = problems
        self.file_name = file_name

    def add(
        self, table: str, raw: Any, path: str, parents: Mapping[str, str] | None = None
    ) -> str | None:
        """Adds the object's record; returns its id so nested objects can point at it."""
        origin = f"{self.file_name}:{path}"
        if not isinstance(raw, dict):
            self.problems.add(origin, table, "must be a JSON object")
            return None
        record = TABLES[table].parse(raw, origin, self.problems, parents)
        if record is None:
            return None
        self.importer.add(record)
        return record.hsds_id

    def array(self, raw: Mapping[str, Any], key: str, path: str) -> list:
        """The list under key; anything else is a problem of the object, never a TypeError."""
        items = raw.get(key)
        if items is None:
            return []
        if not isinstance(items, list):
            self.problems.add(f"{self.file_name}:{path}", key, "must be a JSON array")
            return []
        return items

    def each(
        self, table: str, raw: Mapping[str, Any], key: str, path: str, parents: dict[str, str]
    ) -> Iterator[tuple[str | None, dict, str]]:
        for index, item in enumerate(self.array(raw, key, path)):
            item_path = f"{path}.{key}[{index}]"
            yield self.add(table, item, item_path, parents), item, item_path

    def phones(self, raw: Mapping[str, Any], path: str, parents: dict[str, str]) -> None:
        for phone_id, phone, phone_path in self.each("phone", raw, "phones", path, parents):
            if phone_id:
                list(self.each("language", phone, "languages", phone_path, {"phone_id": phone_id}))

    def contacts(self, raw: Mapping[str, Any], path: str, parents: dict[str, str]) -> None:
        for contact_id, contact, contact_path in self.each(
            "contact", raw, "contacts", path, parents
        ):
            if contact_id:
                self.phones(contact, contact_path, {"contact_id": contact_id})

    def service(self, raw: Any, path: str) -> None:
        if not isinstance(raw, dict):
            self.problems.add(f"{self.file_name}:{path}", "service", "must be a JSON object")
            return
        parents: dict[str, str] = {}
        organization = raw.get("organization")
        if organization is not None:
            organization_id = self.add("organization", organization, f"{path}.organization")
            if organization_id:
                parents["organization_id"] = organization_id
                org_parents = {"organization_id": organization_id}
                self.phones(organization, f"{path}.organization", org_parents)
                self.contacts(organization, f"{path}.organization", org_parents)
        attributes = raw.get("attributes")
        # A wrong type here is reported once, when the attributes are read below.
        for index, attribute in enumerate(attributes if isinstance(attributes, list) else []):
            term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
            if isinstance(term, dict) and "name" in term:
                self.add("taxonomy_term", term, f"{path}.attributes[{index}].taxonomy_term")
        service_id = self.add("service", raw, path, parents)
        if not service_id:
            return
        own = {"service_id": service_id}
        self.phones(raw, path, own)
        self.contacts(raw, path, own)
        for table, key in [
            ("schedule", "schedules"),
            ("language", "languages"),
            ("service_area", "service_areas"),
            ("cost_option", "cost_options"),
        ]:
            list(self.each(table, raw, key, path, own))
        list(self.each("attribute", raw, "attributes", path, {"link_id": service_id}))
        for index, link in enumerate(self.array(raw, "service_at_locations", path)):
            self.service_at_location(link, f"{path}.service_at_locations[{index}]", service_id)

    def service_at_location(self, raw: Any, path: str, service_id: str) -> None:
        if not isinstance(raw, dict):
            self.problems.add(
                f"{self.file_name}:{path}", "service_at_location", "must be an object"
            )
            return
        parents = {"service_id": service_id}
        location = raw.get("location")
        if location is not None:
            location_id = self.location(location, f"{path}.location")
            if not location_id:
                return
            parents["location_id"] = location_id
        link_id = self.add("service_at_location", raw, path, parents)
        if not link_id:
            return
        own = {"service_at_location_id": link_id}
        self.phones(raw, path, own)
        self.contacts(raw, path, own)
        list(self.each("schedule", raw, "schedules", path, own))

    def location(self, raw: Any, path: str) -> str | None:
        location_id = self.add("location", raw, path)
        if not location_id:
            return None
        own = {"location_id": location_id}
        for table, keys in [
            ("address", ("addresss", "addresses")),
            ("accessibility", ("accessibilitys", "accessibility")),
            ("schedule", ("schedules",)),
            ("language", ("languages",)),
        ]:
            for key in keys:
                list(self.each(table, raw, key, path, own))
        self.phones(raw, path, own)
        self.contacts(raw, path, own)
        return location_id


def read_json(path: Path, importer: Importer, problems: ProblemLog) -> None:
    flattener = Flattener(importer, problems, path.name)
    count = 0
    with path.open("rb") as stream:
        try:
            for index, service in enumerate(progress(_items(stream), "services")):
                flattener.service(service, f"$[{index}]")
                count += 1
        except ijson.JSONError as error:
            raise UnreadableSource(f"{path.name}: not valid JSON ({error})") from None
        stream.seek(0)
        if count == 0 and stream.read(64).lstrip().startswith(b"{"):
            raise UnreadableSource(
                f"{path.name}: expected a list of HSDS services, or an object with 'contents'"
            )


# --- writing ---------------------------------------------------------------

CHUNK = 500
PHONE_LINKS = ("location", "service", "organization", "contact", "service_at_location")


def _languages() -> QuerySet:
    return m.Language.objects.select_related("service", "location", "phone").order_by("hsds_id")


def _phones() -> QuerySet:
    return (
        m.Phone.objects.select_related(*PHONE_LINKS)
        .prefetch_related(Prefetch("languages", _languages()))
        .order_by("hsds_id")
    )


def _contacts() -> QuerySet:
    return (
        m.Contact.objects.select_related(
            "organization", "service", "service_at_location", "location"
        )
        .prefetch_related(Prefetch("phones", _phones()))
        .order_by("hsds_id")
    )


def _schedules() -> QuerySet:
    return m.Schedule.objects.select_related(
        "service", "location", "service_at_location__location"
    ).order_by("hsds_id")


def services_with_everything() -> QuerySet:
    place = "at_locations__location__"
    return m.Service.objects.select_related("organization").prefetch_related(
        Prefetch("organization__phones", _phones()),
        Prefetch("organization__contacts", _contacts()),
        Prefetch("phones", _phones()),
        Prefetch("contacts", _contacts()),
        Prefetch("schedules", _schedules()),
        Prefetch("languages", _languages()),
        Prefetch("service_areas", m.ServiceArea.objects.order_by("hsds_id")),
        Prefetch("cost_options", m.CostOption.objects.order_by("hsds_id")),
        Prefetch("terms", m.TaxonomyTerm.objects.select_related("parent").order_by("hsds_id")),
        Prefetch(
            "at_locations",
            m.ServiceAtLocation.objects.select_related(
                "service", "location", "location__organization"
            ).order_by("hsds_id"),
        ),
        Prefetch("at_locations__phones", _phones()),
        Prefetch("at_locations__contacts", _contacts()),
        Prefetch("at_locations__schedules", _schedules()),
        Prefetch(place + "addresses", m.Address.objects.order_by("hsds_id")),
        Prefetch(place + "accessibility", m.Accessibility.objects.order_by("hsds_id")),
        Prefetch(place + "schedules", _schedules()),
        Prefetch(place + "languages", _languages()),
        Prefetch(place + "phones", _phones()),
        Prefetch(place + "contacts", _contacts()),
    )


# Each row is nested once, under the most specific object it belongs to.
def _home_of_phone(phone: m.Phone) -> str:
    for link in ("contact", "service_at_location", "location", "service"):
        if getattr(phone, f"{link}_id") is not None:
            return link
    return "organization"


def _home_of_contact(contact: m.Contact) -> str:
    for link in ("service_at_location", "location", "service"):
        if getattr(contact, f"{link}_id") is not None:
            return link
    return "organization"


def _home_of_schedule(schedule: m.Schedule) -> str:
    for link in ("service_at_location", "location"):
        if getattr(schedule, f"{link}_id") is not None:
            return link
    return "service"


def _home_of_language(language: m.Language) -> str:
    for link in ("phone", "location"):
        if getattr(language, f"{link}_id") is not None:
            return link
    return "service"


def _phone_objects(phones: Any, home: str) -> list[rows.Row]:
    return [
        {
            **rows.without_empty(rows.phone_row(phone)),
            "languages": [
                rows.without_empty(rows.language_row(language))
                for language in phone.languages.all()
                if _home_of_language(language) == "phone"
            ],
        }
        for phone in phones.all()
        if _home_of_phone(phone) == home
    ]


def _contact_objects(contacts: Any, home: str) -> list[rows.Row]:
    return [
        {
            **rows.without_empty(rows.contact_row(contact)),
            "phones": _phone_objects(contact.phones, "contact"),
        }
        for contact in contacts.all()
        if _home_of_contact(contact) == home
    ]


def _schedule_objects(schedules: Any, home: str) -> list[rows.Row]:
    return [
        rows.without_empty(rows.schedule_row(schedule))
        for schedule in schedules.all()
        if _home_of_schedule(schedule) == home
    ]


def _location_object(location: m.Location) -> rows.Row:
    return {
        **rows.without_empty(rows.location_row(location)),
        "addresss": [rows.without_empty(rows.address_row(a)) for a in location.addresses.all()],
        "phones": _phone_objects(location.phones, "location"),
        "schedules": _schedule_objects(location.schedules, "location"),
        "accessibilitys": [
            rows.without_empty(rows.accessibility_row(a)) for a in location.accessibility.all()
        ],
        "languages": [
            rows.without_empty(rows.language_row(language))
            for language in location.languages.all()
            if _home_of_language(language) == "location"
        ],
        "contacts": _contact_objects(location.contacts, "location"),
    }


def service_object(service: m.Service) -> rows.Row:
    organization = service.organization
    return {
        **rows.without_empty(rows.service_row(service)),
        "organization": {
            **rows.without_empty(rows.organization_row(organization)),
            "phones": _phone_objects(organization.phones, "organization"),
            "contacts": _contact_objects(organization.contacts, "organization"),
        },
        "service_at_locations": [
            {
                **rows.without_empty(rows.service_at_location_row(link)),
                "location": _location_object(link.location),
                "phones": _phone_objects(link.phones, "service_at_location"),
                "contacts": _contact_objects(link.contacts, "service_at_location"),
                "schedules": _schedule_objects(link.schedules, "service_at_location"),
            }
            for link in service.at_locations.all()
        ],
        "phones": _phone_objects(service.phones, "service"),
        "contacts": _contact_objects(service.contacts, "service"),
        "schedules": _schedule_objects(service.schedules, "service"),
        "languages": [
            rows.without_empty(rows.language_row(language))
            for language in service.languages.all()
            if _home_of_language(language) == "service"
        ],
        "service_areas": [
            rows.without_empty(rows.service_area_row(area)) for area in service.service_areas.all()
        ],
        "cost_options": [
            rows.without_empty(rows.cost_option_row(cost)) for cost in service.cost_options.all()
        ],
        "attributes": [
            {
                **rows.without_empty(rows.attribute_row(service, term)),
                "taxonomy_term": {
                    **rows.without_empty(rows.term_row(term)),
                    "taxonomy": rows.taxonomy_object(term.taxonomy),
                },
            }
            for term in service.terms.all()
        ],
    }


def _services_in_order() -> Iterator[m.Service]:
    last = ""
    while True:
        chunk = list(
            services_with_everything().filter(hsds_id__gt=last).order_by("hsds_id")[:CHUNK]
        )
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].hsds_id


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_json(path: Path) -> int:
    """Every service as HSDS 3 JSON, streamed one service at a time."""
    count = 0
    total = m.Service.objects.count()
    with path.open("w", encoding="utf-8") as stream:
        stream.write("[")
        for service in progress(_services_in_order(), "services", total=total):
            stream.write(",\n" if count else "\n")
            stream.write(json.dumps(service_object(service), ensure_ascii=False, default=_plain))
            count += 1
        stream.write("\n]\n")
    return count
