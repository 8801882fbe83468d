"""The synthetic demo directory: several hundred invented places in ten US cities.

generate_demo_directory(seed) always builds the same directory from the same
seed and today's date: every row gets an HSDS id derived from the seed, and
rows are written with an upsert on that id, so running it again updates the
rows in place instead of adding more. Dates (last verified, holidays) are
counted from today, so the share of entries due for a check stays the same.

Nothing here is real: names come from word lists, addresses are random house
numbers on common street names, coordinates are scattered around real ZIP
code centres (so a ZIP search finds nearby results), and every phone number
is in the 555-0100..0199 range set aside for fiction.

Every demo row's HSDS id starts with DEMO_ID_PREFIX, and no id hrkit gives
other rows does (rows entered by hand get a random version 4 UUID, CSV rows a
version 5 one): that is how remove_demo_records() takes out the demo and
nothing anyone entered, and how has_demo_records() knows it is there.
"""

import random
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from functools import lru_cache

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from hrkit.core.geo import Point, great_circle_km
from hrkit.directory import demo_catalogue as catalogue
from hrkit.directory import demo_words as words
from hrkit.directory.models import (
    Accessibility,
    Address,
    CostOption,
    HsdsModel,
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
from hrkit.directory.search_index import refresh_search_index

DEFAULT_SEED = 2024
DEMO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://hrkit.invalid/demo-directory")
# The mark of a demo row: its HSDS id is a UUID (RFC 9562 version 8, the
# version for UUIDs laid out by their maker) whose first three groups are
# these. Ids hrkit makes are version 4 (typed in) or 5 (from a CSV), so none
# starts so; the rest of the id is a hash of the seed and the row's place.
DEMO_ID_PREFIX = "de300000-0000-8000-"
# ZIP codes farther than this from a city's centre are suburbs in another county.
CITY_RADIUS_KM = 25.0
MAX_SERVICE_TYPES = 4
VERIFIED_WITHIN_DAYS = 730

# 555 is no area code, and phone numbers are checked wherever they come in
# (an export of the demo must import again): numbers keep the fictional
# 555-01xx exchange under a real area code.
FALLBACK_AREA_CODE = "202"


@dataclass(frozen=True)
class ZipCentre:
    zip_code: str
    latitude: float
    longitude: float
    county: str
    time_zone: str
    area_code: str


@dataclass
class DemoSummary:
    organizations: int = 0
    locations: int = 0
    services: int = 0
    remote_services: int = 0
    schedules: int = 0
    phones: int = 0
    time_zones: Counter = field(default_factory=Counter)


@dataclass
class DemoRemoval:
    """What remove_demo_records() did: rows deleted and demo rows kept, by model name."""

    deleted: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.deleted.values())


@dataclass
class _Row:
    """A model instance waiting for its foreign keys, named by the parents' HSDS ids."""

    instance: models.Model
    parents: dict[str, str] = field(default_factory=dict)
    # The id hrkit gave this row before demo ids carried their mark.
    unmarked_id: str = ""


# Parents before children, each with the foreign keys that tie it to a demo
# parent: on a re-run, rows under a demo parent that were not generated this
# time are removed, so the directory matches the generator exactly.
_WRITE_ORDER: tuple[tuple[type[models.Model], tuple[str, ...]], ...] = (
    (Organization, ()),
    (Location, ("organization",)),
    (Service, ("organization",)),
    (ServiceAtLocation, ("service", "location")),
    (Address, ("location",)),
    (Accessibility, ("location",)),
    (Phone, ("location", "service", "service_at_location")),
    (Language, ("location", "service")),
    (Schedule, ("location", "service", "service_at_location")),
    (ServiceArea, ("service",)),
    (CostOption, ("service",)),
)
_PARENT_MODEL: dict[str, type[models.Model]] = {
    "organization": Organization,
    "location": Location,
    "service": Service,
    "service_at_location": ServiceAtLocation,
}


@lru_cache(maxsize=32)
def city_zip_centres(city: str, state: str, latitude: float, longitude: float) -> list[ZipCentre]:
    """Real ZIP codes of a city, with their centres, from the zipcodes package's data."""
    import zipcodes

    centre = Point(latitude, longitude)
    found = []
    for row in zipcodes.filter_by(city=city, state=state):
        if row.get("zip_code_type") != "STANDARD" or not row.get("lat") or not row.get("county"):
            continue
        point = Point(float(row["lat"]), float(row["long"]))
        if great_circle_km(centre, point) > CITY_RADIUS_KM:
            continue
        area_codes = row.get("area_codes") or [FALLBACK_AREA_CODE]
        found.append(
            ZipCentre(
                zip_code=row["zip_code"],
                latitude=point.latitude,
                longitude=point.longitude,
                county=row["county"],
                time_zone=row.get("timezone") or "",
                area_code=str(area_codes[0]),
            )
        )
    return sorted(found, key=lambda z: z.zip_code)


def demo_hsds_id(key: str) -> str:
    """The HSDS id of the demo row named by key ("seed/Model/number"), marked as demo."""
    digest = uuid.uuid5(DEMO_NAMESPACE, key).hex
    variant = "89ab"[int(digest[16], 16) & 3]
    return f"{DEMO_ID_PREFIX}{variant}{digest[17:20]}-{digest[20:32]}"


def is_demo_hsds_id(hsds_id: str) -> bool:
    return hsds_id.startswith(DEMO_ID_PREFIX)


def generate_demo_directory(seed: int = DEFAULT_SEED, today: date | None = None) -> DemoSummary:
    """Write (or bring up to date) the demo directory for this seed; returns what it holds."""
    builder = _DemoBuilder(seed, today or timezone.localdate())
    builder.build()
    with transaction.atomic():
        _mark_unmarked_rows(builder.rows)
        _write(builder.rows, builder.service_terms)
        refresh_search_index()
    return builder.summary


def remove_demo_directory(seed: int = DEFAULT_SEED, today: date | None = None) -> int:
    """Delete the demo records (see remove_demo_records); returns how many rows went.

    The seed only serves to recognise the rows an older hrkit wrote for it,
    before demo ids carried their mark.
    """
    return remove_demo_records(seed, today).total


def remove_demo_records(seed: int | None = DEFAULT_SEED, today: date | None = None) -> DemoRemoval:
    """Delete every demo row, of any seed, and nothing anyone entered.

    A demo row that a row entered by hand hangs from (a phone number added to
    a demo location, a service added to a demo organisation) stays, with the
    demo rows above it: deleting it would take the hand-entered row with it.
    The search index is rebuilt afterwards.
    """
    removal = DemoRemoval()
    with transaction.atomic():
        if seed is not None:
            builder = _DemoBuilder(seed, today or timezone.localdate())
            builder.build()
            _mark_unmarked_rows(builder.rows)
        kept = _demo_rows_to_keep()
        tables = _demo_models()
        for model in tables:
            doomed = model._default_manager.filter(hsds_id__startswith=DEMO_ID_PREFIX).exclude(
                pk__in=kept[model]
            )
            _, by_label = doomed.delete()
            for table in tables:
                removal.deleted[table.__name__] += by_label.get(table._meta.label, 0)
            if kept[model]:
                removal.kept[model.__name__] = len(kept[model])
        refresh_search_index()
    removal.deleted = +removal.deleted
    return removal


def has_demo_records() -> bool:
    """Whether any demo organisation, location or service is in the database."""
    return any(
        model._default_manager.filter(hsds_id__startswith=DEMO_ID_PREFIX).exists()
        for model in (Organization, Location, Service)
    )


def _demo_models() -> list[type[HsdsModel]]:
    """The directory's tables a demo row can be in, children before their parents.

    Deleting in this order reports each row under its own table rather than
    as a cascade from its parent's. The taxonomy is hrkit's, not the demo's.
    """
    found = [
        model
        for model in apps.get_app_config("directory").get_models()
        if issubclass(model, HsdsModel) and model is not TaxonomyTerm
    ]
    ordered: list[type[HsdsModel]] = []
    while found:
        for model in found:
            children = [
                child
                for child, _ in _cascading_children(model)
                if child in found and child is not model
            ]
            if not children:
                ordered.append(model)
                found.remove(model)
                break
        else:  # a cycle: cannot happen with the HSDS tables, but never loop forever
            ordered += found
            break
    return ordered


def _cascading_children(model: type[models.Model]) -> list[tuple[type[HsdsModel], str]]:
    """(child table, foreign key name) for each directory row deleted along with a row of model."""
    return [
        (relation.related_model, relation.field.name)
        for relation in model._meta.related_objects
        if not relation.many_to_many
        and relation.on_delete is models.CASCADE
        and isinstance(relation.related_model, type)
        and issubclass(relation.related_model, HsdsModel)
        and relation.related_model is not TaxonomyTerm
    ]


def _demo_rows_to_keep() -> dict[type[HsdsModel], set[int]]:
    """Demo rows that rows entered by hand depend on, with the demo rows above those."""
    tables = _demo_models()
    kept: dict[type[HsdsModel], set[int]] = {model: set() for model in tables}
    # Rows entered by hand whose parent is a demo row.
    for parent in tables:
        for child, key in _cascading_children(parent):
            kept[parent] |= set(
                child._default_manager.exclude(hsds_id__startswith=DEMO_ID_PREFIX)
                .filter(**{f"{key}__hsds_id__startswith": DEMO_ID_PREFIX})
                .values_list(key, flat=True)
            )
    # A kept demo row keeps its demo parents, up to the organisation.
    changed = True
    while changed:
        changed = False
        for parent in tables:
            for child, key in _cascading_children(parent):
                if not kept[child]:
                    continue
                above = set(
                    child._default_manager.filter(
                        pk__in=kept[child], **{f"{key}__hsds_id__startswith": DEMO_ID_PREFIX}
                    ).values_list(key, flat=True)
                )
                if not above <= kept[parent]:
                    kept[parent] |= above
                    changed = True
    return kept


def _mark_unmarked_rows(rows: dict[type[models.Model], list[_Row]]) -> None:
    """Give rows an older hrkit wrote for this seed (ids without the mark) their marked id.

    They keep their primary keys, so whatever was entered under them stays attached.
    One whose marked twin is already there (an old export imported again) is left as it is.
    """
    for model, batch in rows.items():
        renames = {row.unmarked_id: row.instance.hsds_id for row in batch}  # type: ignore[attr-defined]
        old_ids = list(renames)
        for start in range(0, len(old_ids), 500):
            found = list(
                model._default_manager.filter(hsds_id__in=old_ids[start : start + 500]).only(
                    "pk", "hsds_id"
                )
            )
            if not found:
                continue
            taken = set(
                model._default_manager.filter(
                    hsds_id__in=[renames[row.hsds_id] for row in found]  # type: ignore[attr-defined]
                ).values_list("hsds_id", flat=True)
            )
            for instance in found:
                instance.hsds_id = renames[instance.hsds_id]  # type: ignore[attr-defined]
            model._default_manager.bulk_update(
                [row for row in found if row.hsds_id not in taken],  # type: ignore[attr-defined]
                ["hsds_id"],
                batch_size=500,
            )


class _DemoBuilder:
    def __init__(self, seed: int, today: date) -> None:
        self.seed = seed
        self.today = today
        self.random = random.Random(seed)
        self.rows: dict[type[models.Model], list[_Row]] = {model: [] for model, _ in _WRITE_ORDER}
        self.service_terms: dict[str, set[str]] = {}
        self.summary = DemoSummary()
        self._counters: Counter = Counter()
        self._used_names: set[str] = set()

    # -- ids and small pieces ---------------------------------------------

    def _add(self, instance: models.Model, **parents: str) -> str:
        kind = type(instance).__name__
        self._counters[kind] += 1
        key = f"{self.seed}/{kind}/{self._counters[kind]}"
        hsds_id = demo_hsds_id(key)
        instance.hsds_id = hsds_id  # type: ignore[attr-defined]
        unmarked_id = str(uuid.uuid5(DEMO_NAMESPACE, key))
        self.rows[type(instance)].append(_Row(instance, parents, unmarked_id))
        return hsds_id

    def _phone_number(self, area_code: str) -> str:
        # Stored as every entry point stores numbers (hrkit.directory.phones).
        return f"+1{area_code}55501{self.random.randrange(100):02d}"

    def _organization_name(self) -> str:
        while True:
            name = " ".join(
                [
                    self.random.choice(words.PLACE_WORDS),
                    self.random.choice(words.MIDDLE_WORDS),
                    self.random.choice(words.KIND_WORDS),
                ]
            )
            if name not in self._used_names:
                self._used_names.add(name)
                return name

    def _last_verified(self) -> date | None:
        draw = self.random.random()
        if draw < 0.03:
            return None
        # Most entries are checked within the usual six months; the rest lag.
        days = self.random.randrange(0, 170) if draw < 0.6 else self.random.randrange(170, 730)
        return self.today - timedelta(days=days)

    def _status(self) -> str:
        draw = self.random.random()
        if draw < 0.04:
            return Service.Status.TEMPORARILY_CLOSED
        if draw < 0.05:
            return Service.Status.INACTIVE
        return Service.Status.ACTIVE

    def _languages(self, city: words.DemoCity) -> list[str]:
        codes = ["en"]
        if self.random.random() < city.spanish_share:
            codes.append("es")
        if self.random.random() < 0.12:
            codes.append(self.random.choice(city.other_languages))
        return codes

    def _add_language(self, code: str, **parents: str) -> None:
        self._add(Language(code=code, name=words.LANGUAGE_NAMES[code]), **parents)

    def _add_hours(
        self, hours: tuple[catalogue.Hours, ...], zone: str = "", **parents: str
    ) -> None:
        for opening in hours:
            self._add(
                Schedule(
                    freq=opening.freq,
                    byday=opening.byday,
                    opens_at=opening.opens_at,
                    closes_at=opening.closes_at,
                    time_zone=zone,
                ),
                **parents,
            )
            self.summary.schedules += 1

    # -- the directory ----------------------------------------------------

    def build(self) -> None:
        for city in words.CITIES:
            self._build_city(city)
        for template in catalogue.REMOTE_SERVICES:
            self._build_remote(template)

    def _build_city(self, city: words.DemoCity) -> None:
        zips = city_zip_centres(city.name, city.state, city.latitude, city.longitude)
        if not zips:
            raise RuntimeError(f"no ZIP codes found for {city.name}, {city.state}")
        weights = [archetype.weight for archetype in catalogue.ARCHETYPES]
        remaining = city.locations
        while remaining > 0:
            archetype = self.random.choices(catalogue.ARCHETYPES, weights)[0]
            count = min(remaining, self.random.randint(1, archetype.max_locations))
            self._build_organization(city, zips, archetype, count)
            remaining -= count

    def _build_organization(
        self,
        city: words.DemoCity,
        zips: list[ZipCentre],
        archetype: catalogue.Archetype,
        location_count: int,
    ) -> None:
        name = self._organization_name()
        slug = re.sub(r"[^a-z]+", "-", name.lower()).strip("-")
        org_id = self._add(
            Organization(
                name=name,
                description=f"A {archetype.key.replace('-', ' ')} serving {city.name}.",
                email=f"hello@{slug}.example.org",
                website=f"https://{slug}.example.org/",
            )
        )
        self.summary.organizations += 1
        pattern = self.random.choice(archetype.hour_patterns)
        sites = [
            self._build_location(city, zips, archetype, name, org_id, pattern)
            for _ in range(location_count)
        ]
        for index, template in enumerate(archetype.services):
            # The first service is the organisation's reason to exist; others
            # are offered at some places only, and sometimes not at all.
            if index and self.random.random() < 0.4:
                continue
            here = [site for site in sites if index == 0 or self.random.random() < 0.6] or sites
            self._build_service(city, archetype, template, org_id, slug, pattern, here)

    def _build_location(
        self,
        city: words.DemoCity,
        zips: list[ZipCentre],
        archetype: catalogue.Archetype,
        org_name: str,
        org_id: str,
        pattern: str,
    ) -> tuple[str, ZipCentre, bool]:
        centre = self.random.choice(zips)
        street = (
            f"{self.random.choice(words.STREET_NAMES)} {self.random.choice(words.STREET_SUFFIXES)}"
        )
        zone = centre.time_zone or city.time_zone
        # Within about a kilometre of the ZIP centre, so it stays in that ZIP's area.
        latitude = round(centre.latitude + self.random.uniform(-0.008, 0.008), 6)
        longitude = round(centre.longitude + self.random.uniform(-0.01, 0.01), 6)
        location_id = self._add(
            Location(
                name=f"{org_name}, {street} {archetype.location_label}",
                latitude=latitude,
                longitude=longitude,
                time_zone=zone,
                transportation=self.random.choice(words.TRANSPORTATION),
                location_type=Location.LocationType.PHYSICAL,
            ),
            organization=org_id,
        )
        self.summary.locations += 1
        self.summary.time_zones[zone] += 1
        self._add(
            Address(
                address_1=f"{self.random.randint(10, 4999)} {street}",
                address_2=self.random.choice(words.SUITES) if self.random.random() < 0.3 else "",
                city=city.name,
                state_province=city.state,
                postal_code=centre.zip_code,
                country="US",
            ),
            location=location_id,
        )
        accessible = self.random.random() < 0.75
        if accessible:
            description, details = self.random.choice(words.ACCESSIBILITY_NOTES)
        else:
            description, details = words.NOT_ACCESSIBLE_NOTE
        self._add(Accessibility(description=description, details=details), location=location_id)
        if archetype.key != "vending-network":
            self._add(Phone(number=self._phone_number(centre.area_code)), location=location_id)
            self.summary.phones += 1
        self._add_hours(catalogue.HOUR_PATTERNS[pattern], location=location_id)
        if pattern != "open-24-7":
            self._add_dated_schedules(location_id)
        if self.random.random() < 0.1:
            self._add_language(self.random.choice(city.other_languages), location=location_id)
        return location_id, centre, accessible

    def _add_dated_schedules(self, location_id: str) -> None:
        draw = self.random.random()
        if draw < 0.2:
            for year in (self.today.year, self.today.year + 1):
                for day, reason in _holidays(year):
                    self._add(
                        Schedule(valid_from=day, valid_to=day, description=f"Closed: {reason}"),
                        location=location_id,
                    )
                    self.summary.schedules += 1
        elif draw < 0.27:
            # Short hours on New Year's Eve.
            for year in (self.today.year, self.today.year + 1):
                eve = date(year, 12, 31)
                self._add(
                    Schedule(
                        valid_from=eve,
                        valid_to=eve,
                        opens_at=time(10),
                        closes_at=time(14),
                        description="Holiday hours",
                    ),
                    location=location_id,
                )
                self.summary.schedules += 1
        elif draw < 0.3:
            start = self.today + timedelta(days=self.random.randint(2, 20))
            self._add(
                Schedule(
                    valid_from=start,
                    valid_to=start + timedelta(days=6),
                    description="Closed for repairs",
                ),
                location=location_id,
            )
            self.summary.schedules += 1

    def _build_service(
        self,
        city: words.DemoCity,
        archetype: catalogue.Archetype,
        template: catalogue.ServiceTemplate,
        org_id: str,
        slug: str,
        pattern: str,
        sites: list[tuple[str, ZipCentre, bool]],
    ) -> None:
        status = self._status()
        service_id = self._add(
            Service(
                name=template.name,
                description=template.description,
                url=f"https://{slug}.example.org/services/",
                status=status,
                fees_description=template.fees_description,
                eligibility_description=template.eligibility_description,
                application_process=template.application_process,
                interpretation_services="Phone interpretation in other languages on request.",
                last_verified=self._last_verified(),
                alert=(
                    "Closed for now while we move; see the website for updates."
                    if status == Service.Status.TEMPORARILY_CLOSED
                    else ""
                ),
                minimum_age=18 if "adults" in template.attributes else None,
            ),
            organization=org_id,
        )
        self.summary.services += 1
        self.service_terms[service_id] = self._terms_for(template, pattern, sites)
        for code in self._languages(city):
            self._add_language(code, service=service_id)
        for location_id, centre, _ in sites:
            sal_id = self._add(ServiceAtLocation(), service=service_id, location=location_id)
            if template.dosing_hours:
                self._add_hours(catalogue.DOSING_HOURS, service_at_location=sal_id)
            if self.random.random() < 0.1:
                self._add(
                    Phone(
                        number=self._phone_number(centre.area_code),
                        type=Phone.PhoneType.TEXT,
                        description="Text line",
                    ),
                    service_at_location=sal_id,
                )
                self.summary.phones += 1
        if "sliding-scale" in self.service_terms[service_id]:
            self._add(
                CostOption(
                    option="Sliding scale",
                    currency="USD",
                    amount_description="From $0 to $40 a visit, by income.",
                ),
                service=service_id,
            )

    def _terms_for(
        self,
        template: catalogue.ServiceTemplate,
        pattern: str,
        sites: list[tuple[str, ZipCentre, bool]],
    ) -> set[str]:
        extra = self.random.randint(0, min(3, len(template.optional_types)))
        types = [template.service_type, *self.random.sample(template.optional_types, extra)]
        codes = set(types[:MAX_SERVICE_TYPES]) | set(template.attributes)
        optional = template.optional_attributes
        if optional:
            codes |= set(self.random.sample(optional, self.random.randint(0, len(optional))))
        archetype_terms = {
            code
            for archetype in catalogue.ARCHETYPES
            if template in archetype.services
            for code in archetype.extra_terms_for_pattern.get(pattern, ())
        }
        codes |= archetype_terms
        if all(accessible for _, _, accessible in sites):
            codes.add("wheelchair-access")
        return codes

    def _build_remote(self, template: catalogue.RemoteTemplate) -> None:
        name = self._organization_name()
        slug = re.sub(r"[^a-z]+", "-", name.lower()).strip("-")
        org_id = self._add(
            Organization(
                name=name,
                description="Reaches people where they are, by phone, mail or online.",
                email=f"hello@{slug}.example.org",
                website=f"https://{slug}.example.org/",
            )
        )
        self.summary.organizations += 1
        service_id = self._add(
            Service(
                name=template.name,
                description=template.description,
                url=f"https://{slug}.example.org/",
                status=Service.Status.ACTIVE,
                fees_description=template.fees_description,
                application_process=template.application_process,
                last_verified=self._last_verified(),
            ),
            organization=org_id,
        )
        self.summary.services += 1
        self.summary.remote_services += 1
        self.service_terms[service_id] = set(template.service_types) | set(template.attributes)
        area_code = "800" if template.toll_free else FALLBACK_AREA_CODE
        self._add(
            Phone(number=self._phone_number(area_code), type=template.phone_type),
            service=service_id,
        )
        self.summary.phones += 1
        for code in template.languages:
            self._add_language(code, service=service_id)
        self._add_hours(template.hours, zone=template.time_zone, service=service_id)
        for area in template.areas:
            self._add(
                ServiceArea(
                    kind=area.kind,
                    state=area.state,
                    county=area.county,
                    zip_code=area.zip_code,
                ),
                service=service_id,
            )


def _holidays(year: int) -> list[tuple[date, str]]:
    first_of_november = date(year, 11, 1)
    first_thursday = first_of_november + timedelta(days=(3 - first_of_november.weekday()) % 7)
    return [
        (date(year, 1, 1), "New Year's Day"),
        (date(year, 7, 4), "Independence Day"),
        (first_thursday + timedelta(weeks=3), "Thanksgiving"),
        (date(year, 12, 25), "Christmas Day"),
    ]


def _write(rows: dict[type[models.Model], list[_Row]], service_terms: dict[str, set[str]]) -> None:
    """Upsert every row on its HSDS id, parents first, then drop demo rows no longer generated."""
    pks: dict[type[models.Model], dict[str, int]] = {}
    for model, parent_fields in _WRITE_ORDER:
        batch = rows[model]
        for row in batch:
            for name, parent_hsds_id in row.parents.items():
                setattr(row.instance, f"{name}_id", pks[_PARENT_MODEL[name]][parent_hsds_id])
        fields = [
            f.name for f in model._meta.concrete_fields if not f.primary_key and f.name != "hsds_id"
        ]
        model._default_manager.bulk_create(
            [row.instance for row in batch],
            update_conflicts=True,
            unique_fields=["hsds_id"],
            update_fields=fields,
            batch_size=500,
        )
        ids = [row.instance.hsds_id for row in batch]  # type: ignore[attr-defined]
        pks[model] = dict(
            model._default_manager.filter(hsds_id__in=ids).values_list("hsds_id", "pk")
        )
        if parent_fields:
            _delete_leftovers(model, parent_fields, pks, set(ids))
    _write_terms(pks[Service], service_terms)


def _delete_leftovers(
    model: type[models.Model],
    parent_fields: tuple[str, ...],
    pks: dict[type[models.Model], dict[str, int]],
    keep: set[str],
) -> None:
    under_demo = Q()
    for name in parent_fields:
        under_demo |= Q(**{f"{name}_id__in": list(pks[_PARENT_MODEL[name]].values())})
    model._default_manager.filter(under_demo).exclude(hsds_id__in=keep).delete()


def _write_terms(service_pks: dict[str, int], service_terms: dict[str, set[str]]) -> None:
    term_pks = dict(TaxonomyTerm.objects.values_list("code", "pk"))
    missing = {code for codes in service_terms.values() for code in codes} - set(term_pks)
    if missing:
        raise RuntimeError(f"load the taxonomy first; missing terms: {sorted(missing)}")
    through = Service.terms.through
    through.objects.filter(service_id__in=list(service_pks.values())).delete()
    through.objects.bulk_create(
        [
            through(service_id=service_pks[hsds_id], taxonomyterm_id=term_pks[code])
            for hsds_id, codes in service_terms.items()
            for code in sorted(codes)
        ],
        batch_size=1000,
    )
