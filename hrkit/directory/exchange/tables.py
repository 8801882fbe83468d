"""The HSDS tables hrkit reads, field by field, and how one row becomes a Record.

A Record is one row ready to write: the HSDS id, the model values the row
gives, and the HSDS ids it refers to (resolved to database keys by the writer,
a batch at a time). Fields a row does not carry are left out, so an update
leaves them as they are.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hrkit.directory import models as m
from hrkit.directory.exchange import values as v
from hrkit.directory.exchange.problems import ProblemLog
from hrkit.directory.phones import PhoneProblem, normalise_phone

# hrkit's own fields that HSDS has no place for ride in properties with this
# prefix (HSDS 3 objects allow additional properties; in CSV they are columns).
EXTRA = "hrkit_"


@dataclass(frozen=True)
class Column:
    hsds: str
    attr: str
    read: v.Reader
    required: bool = False


@dataclass(frozen=True)
class Reference:
    hsds: str
    attr: str
    table: str
    required: bool = False


@dataclass
class Record:
    table: str
    hsds_id: str
    origin: str
    values: dict[str, Any] = field(default_factory=dict)
    refs: dict[str, str | None] = field(default_factory=dict)
    # Table-specific facts the writer needs (a term's code, an attribute's link).
    extra: dict[str, Any] = field(default_factory=dict)


Check = Callable[[Mapping[str, Any], Record, ProblemLog], bool]


@dataclass(frozen=True)
class Table:
    name: str
    model: type[m.HsdsModel]
    # CSV file names: the first is the one HSDS 3 gives and the export writes.
    files: tuple[str, ...]
    columns: tuple[Column, ...] = ()
    references: tuple[Reference, ...] = ()
    check: Check | None = None

    @property
    def file_name(self) -> str:
        return self.files[0]

    def parse(
        self,
        raw: Mapping[str, Any],
        origin: str,
        problems: ProblemLog,
        parents: Mapping[str, str] | None = None,
    ) -> Record | None:
        """The row as a Record, or None after logging each field at fault.

        `parents` gives references implied by where a nested JSON object sits;
        an explicit *_id in the row wins over them.
        """
        ok = True
        hsds_id = raw.get("id")
        if v.is_empty(hsds_id) or isinstance(hsds_id, dict | list):
            problems.add(origin, "id", "is required")
            return None
        hsds_id = str(hsds_id).strip()
        if len(hsds_id) > 250:
            problems.add(origin, "id", "must be at most 250 characters")
            return None
        record = Record(self.name, hsds_id, origin)
        for column in self.columns:
            if column.hsds not in raw:
                if column.required:
                    problems.add(origin, column.hsds, "is required")
                    ok = False
                continue
            try:
                value = column.read(raw[column.hsds])
            except v.BadValue as error:
                problems.add(origin, column.hsds, str(error))
                ok = False
                continue
            if column.required and value in ("", None):
                problems.add(origin, column.hsds, "is required")
                ok = False
            record.values[column.attr] = value
        for reference in self.references:
            given = raw.get(reference.hsds)
            if isinstance(given, dict | list):
                problems.add(origin, reference.hsds, "must be an id (text or a number)")
                ok = False
                continue
            if v.is_empty(given) and parents and reference.hsds in parents:
                given = parents[reference.hsds]
            if reference.hsds in raw or (parents and reference.hsds in parents):
                record.refs[reference.attr] = None if v.is_empty(given) else str(given).strip()
            if reference.required and record.refs.get(reference.attr) is None:
                problems.add(origin, reference.hsds, "is required")
                ok = False
        if ok and self.check is not None:
            ok = self.check(raw, record, problems)
        return record if ok else None


def _check_location(raw: Mapping[str, Any], record: Record, problems: ProblemLog) -> bool:
    has_lat = record.values.get("latitude") is not None
    has_lon = record.values.get("longitude") is not None
    if "latitude" in record.values and "longitude" in record.values and has_lat != has_lon:
        field_name = "longitude" if has_lat else "latitude"
        problems.add(record.origin, field_name, "latitude and longitude go together")
        return False
    return True


def _check_service(raw: Mapping[str, Any], record: Record, problems: ProblemLog) -> bool:
    low, high = record.values.get("minimum_age"), record.values.get("maximum_age")
    if low is not None and high is not None and low > high:
        problems.add(record.origin, "maximum_age", "must not be less than minimum_age")
        return False
    record.extra["replace_terms"] = "attributes" in raw
    return True


def _check_dates(raw: Mapping[str, Any], record: Record, problems: ProblemLog) -> bool:
    start, end = record.values.get("valid_from"), record.values.get("valid_to")
    if start is not None and end is not None and start > end:
        problems.add(record.origin, "valid_to", "must not be before valid_from")
        return False
    return True


def _offset_zone(raw: Any) -> str:
    """An HSDS UTC offset as the fixed IANA zone Etc/GMT±N (whole hours only)."""
    try:
        hours = float(raw)
    except (TypeError, ValueError):
        raise v.BadValue("must be a UTC offset in hours, e.g. -5") from None
    if hours != int(hours) or not -12 <= hours <= 14:
        return ""
    hours = int(hours)
    # The Etc zones count the other way round: Etc/GMT+5 is UTC-5.
    return "Etc/GMT" if hours == 0 else f"Etc/GMT{-hours:+d}"


def _check_schedule(raw: Mapping[str, Any], record: Record, problems: ProblemLog) -> bool:
    if not _check_dates(raw, record, problems):
        return False
    for name in ("bymonthday", "byyearday"):
        extra_name = EXTRA + name
        # In CSV both columns are always there; the extra only counts when filled.
        if not v.is_empty(raw.get(extra_name)):
            try:
                record.values[name] = v.number_list(raw[extra_name])
            except v.BadValue as error:
                problems.add(record.origin, extra_name, str(error))
                return False
    located = record.refs.get("location_id") or record.refs.get("service_at_location_id")
    # A schedule away from any location has no zone to fall back on, so the HSDS
    # offset is kept as a fixed zone rather than lost.
    if "time_zone" not in record.values and not located and not v.is_empty(raw.get("timezone")):
        try:
            record.values["time_zone"] = _offset_zone(raw["timezone"])
        except v.BadValue as error:
            problems.add(record.origin, "timezone", str(error))
            return False
    return True


def _check_phone(raw: Mapping[str, Any], record: Record, problems: ProblemLog) -> bool:
    if not v.is_empty(raw.get(EXTRA + "extension")):
        try:
            record.values["extension"] = v.text(20)(raw[EXTRA + "extension"])
        except v.BadValue as error:
            problems.add(record.origin, EXTRA + "extension", str(error))
            return False
    elif isinstance(record.values.get("extension"), str):
        record.values["extension"] = record.values["extension"].removesuffix(".0")
    if "number" not in record.values:
        return True
    try:
        phone = normalise_phone(record.values["number"])
    except PhoneProblem as error:
        problems.add(record.origin, "number", str(error))
        return False
    record.values["number"] = phone.number
    given = record.values.get("extension") or ""
    if phone.extension and given and phone.extension != given:
        problems.add(record.origin, "number", "names another extension than the extension field")
        return False
    if phone.extension:
        record.values["extension"] = phone.extension
    return True


AREA_FORMS = "nationwide:US, state:NY, county:NY:Kings County or zip:10001"


def _check_service_area(raw: Mapping[str, Any], record: Record, problems: ProblemLog) -> bool:
    extent_type = str(raw.get("extent_type") or "text").strip()
    extent = str(raw.get("extent") or "").strip()
    if extent_type != "text":
        problems.add(record.origin, "extent_type", 'must be "text" (hrkit keeps areas as text)')
        return False
    kind, _, rest = extent.partition(":")
    area: dict[str, str] = {"state": "", "county": "", "zip_code": ""}
    if kind == "nationwide" and rest == "US":
        pass
    elif kind == "state" and len(rest) == 2 and rest.isalpha() and rest.isupper():
        area["state"] = rest
    elif kind == "county" and rest[:2].isalpha() and rest[2:3] == ":" and rest[3:].strip():
        area["state"], area["county"] = rest[:2].upper(), rest[3:].strip()[:100]
    elif kind == "zip" and len(rest) == 5 and rest.isdigit():
        area["zip_code"] = rest
    else:
        problems.add(record.origin, "extent", f"must be one of {AREA_FORMS}")
        return False
    record.values["kind"] = kind
    record.values.update(area)
    return True


TAXONOMY_CODES = [choice.value for choice in m.TaxonomyTerm.Taxonomy]


def _taxonomy_of(raw: Mapping[str, Any]) -> str:
    """The taxonomy code from taxonomy_id, a taxonomy object's id or name, or a plain string."""
    candidates = [raw.get("taxonomy_id")]
    taxonomy = raw.get("taxonomy")
    if isinstance(taxonomy, dict):
        candidates += [taxonomy.get("id"), taxonomy.get("name")]
    else:
        candidates.append(taxonomy)
    labels = {str(choice.label).lower(): choice.value for choice in m.TaxonomyTerm.Taxonomy}
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            value = candidate.strip()
            if value in TAXONOMY_CODES:
                return value
            if value.lower() in labels:
                return labels[value.lower()]
    raise v.BadValue("must be one of " + ", ".join(TAXONOMY_CODES))


def _check_term(raw: Mapping[str, Any], record: Record, problems: ProblemLog) -> bool:
    try:
        record.values["code"] = v.slug(raw.get("code"))
    except v.BadValue as error:
        problems.add(record.origin, "code", str(error))
        return False
    try:
        record.values["taxonomy"] = _taxonomy_of(raw)
    except v.BadValue as error:
        problems.add(record.origin, "taxonomy", str(error))
        return False
    record.extra["code"] = record.values["code"]
    return True


LINK_ENTITIES = ("service",)


def _check_attribute(raw: Mapping[str, Any], record: Record, problems: ProblemLog) -> bool:
    entity = str(raw.get("link_entity") or "service").strip()
    if entity not in LINK_ENTITIES:
        problems.add(
            record.origin, "link_entity", 'must be "service" (hrkit keeps terms on services)'
        )
        return False
    link_id = raw.get("link_id")
    term = raw.get("taxonomy_term")
    term_id = raw.get("taxonomy_term_id")
    if v.is_empty(link_id):
        problems.add(record.origin, "link_id", "is required")
        return False
    code = term.get("code") if isinstance(term, dict) else None
    if isinstance(term, dict) and v.is_empty(term_id):
        term_id = term.get("id")
    if v.is_empty(term_id) and v.is_empty(code):
        problems.add(record.origin, "taxonomy_term_id", "is required")
        return False
    record.extra.update(
        service=str(link_id).strip(),
        term_id=None if v.is_empty(term_id) else str(term_id).strip(),
        code=None if v.is_empty(code) else str(code).strip(),
    )
    return True


def _country(raw: Any) -> str:
    value = v.text(2)(raw).upper()
    if value and not value.isalpha():
        raise v.BadValue("must be a two-letter country code such as US")
    return value or "US"


STATUS = [choice.value for choice in m.Service.Status]
PLACE_TYPES = [choice.value for choice in m.Location.LocationType]
PHONE_TYPES = [choice.value for choice in m.Phone.PhoneType]
WEEKDAYS = [choice.value for choice in m.Schedule.Weekday]
FREQS = [choice.value for choice in m.Schedule.Freq]


def _ref(name: str, table: str, required: bool = False) -> Reference:
    return Reference(name, name, table, required)


TABLES: dict[str, Table] = {
    table.name: table
    for table in [
        Table(
            "taxonomy_term",
            m.TaxonomyTerm,
            ("taxonomy_terms.csv",),
            (
                Column("name", "name", v.text(200), required=True),
                Column("description", "description", v.text()),
                Column(EXTRA + "translations", "translations", v.translations),
                Column(EXTRA + "sort_order", "sort_order", v.whole_number()),
            ),
            (_ref("parent_id", "taxonomy_term"),),
            _check_term,
        ),
        Table(
            "organization",
            m.Organization,
            ("organizations.csv",),
            (
                Column("name", "name", v.text(300), required=True),
                Column("alternate_name", "alternate_name", v.text(300)),
                Column("description", "description", v.text()),
                Column("email", "email", v.email),
                Column("website", "website", v.url),
            ),
        ),
        Table(
            "service",
            m.Service,
            ("services.csv",),
            (
                Column("name", "name", v.text(300), required=True),
                Column("alternate_name", "alternate_name", v.text(300)),
                Column("description", "description", v.text()),
                Column("url", "url", v.url),
                Column("email", "email", v.email),
                Column("status", "status", v.choice(STATUS, "active")),
                Column("interpretation_services", "interpretation_services", v.text()),
                Column("application_process", "application_process", v.text()),
                Column("fees_description", "fees_description", v.text()),
                Column("eligibility_description", "eligibility_description", v.text()),
                Column("minimum_age", "minimum_age", v.whole_number(0, 150)),
                Column("maximum_age", "maximum_age", v.whole_number(0, 150)),
                Column("assured_date", "last_verified", v.iso_date),
                Column("alert", "alert", v.text()),
            ),
            (_ref("organization_id", "organization", required=True),),
            _check_service,
        ),
        Table(
            "location",
            m.Location,
            ("locations.csv",),
            (
                Column("location_type", "location_type", v.choice(PLACE_TYPES, "physical")),
                Column("url", "url", v.url),
                Column("name", "name", v.text(300)),
                Column("alternate_name", "alternate_name", v.text(300)),
                Column("description", "description", v.text()),
                Column("transportation", "transportation", v.text()),
                Column("latitude", "latitude", v.number_between(-90, 90)),
                Column("longitude", "longitude", v.number_between(-180, 180)),
                Column(EXTRA + "time_zone", "time_zone", v.time_zone),
            ),
            (_ref("organization_id", "organization"),),
            _check_location,
        ),
        Table(
            "service_at_location",
            m.ServiceAtLocation,
            ("service_at_location.csv", "service_at_locations.csv"),
            (Column("description", "description", v.text()),),
            (
                _ref("service_id", "service", required=True),
                _ref("location_id", "location", required=True),
            ),
        ),
        Table(
            "contact",
            m.Contact,
            ("contacts.csv",),
            (
                Column("name", "name", v.text(200)),
                Column("title", "title", v.text(200)),
                Column("department", "department", v.text(200)),
                Column("email", "email", v.email),
            ),
            (
                _ref("organization_id", "organization"),
                _ref("service_id", "service"),
                _ref("service_at_location_id", "service_at_location"),
                _ref("location_id", "location"),
            ),
        ),
        Table(
            "phone",
            m.Phone,
            ("phones.csv",),
            (
                Column("number", "number", v.text(50), required=True),
                Column("extension", "extension", v.text(20)),
                Column("type", "type", v.choice(PHONE_TYPES, "voice")),
                Column("description", "description", v.text()),
            ),
            (
                _ref("location_id", "location"),
                _ref("service_id", "service"),
                _ref("organization_id", "organization"),
                _ref("contact_id", "contact"),
                _ref("service_at_location_id", "service_at_location"),
            ),
            _check_phone,
        ),
        Table(
            "language",
            m.Language,
            ("languages.csv",),
            (
                Column("name", "name", v.text(100)),
                Column("code", "code", v.language),
                Column("note", "note", v.text()),
            ),
            (
                _ref("service_id", "service"),
                _ref("location_id", "location"),
                _ref("phone_id", "phone"),
            ),
        ),
        Table(
            "accessibility",
            m.Accessibility,
            ("accessibility.csv", "accessibilitys.csv"),
            (
                Column("description", "description", v.text()),
                Column("details", "details", v.text()),
                Column("url", "url", v.url),
            ),
            (_ref("location_id", "location", required=True),),
        ),
        Table(
            "address",
            m.Address,
            ("addresss.csv", "addresses.csv"),
            (
                Column("attention", "attention", v.text(300)),
                Column("address_1", "address_1", v.text(300), required=True),
                Column("address_2", "address_2", v.text(300)),
                Column("city", "city", v.text(200), required=True),
                Column("region", "region", v.text(200)),
                Column("state_province", "state_province", v.text(100), required=True),
                Column("postal_code", "postal_code", v.text(20), required=True),
                Column("country", "country", _country),
                Column("address_type", "address_type", v.choice(PLACE_TYPES, "physical")),
            ),
            (_ref("location_id", "location", required=True),),
        ),
        Table(
            "schedule",
            m.Schedule,
            ("schedules.csv",),
            (
                Column("valid_from", "valid_from", v.iso_date),
                Column("valid_to", "valid_to", v.iso_date),
                Column("dtstart", "dtstart", v.iso_date),
                Column("until", "until", v.iso_date),
                Column("count", "count", v.whole_number(0, 100000)),
                Column("wkst", "wkst", v.choice(WEEKDAYS)),
                Column("freq", "freq", v.choice(FREQS)),
                Column("interval", "interval", v.whole_number(1, 1000)),
                Column("byday", "byday", v.byday),
                Column("byweekno", "byweekno", v.number_list),
                Column("bymonthday", "bymonthday", v.number_list),
                Column("byyearday", "byyearday", v.number_list),
                Column("description", "description", v.text()),
                Column("opens_at", "opens_at", v.clock_time),
                Column("closes_at", "closes_at", v.clock_time),
                Column(EXTRA + "time_zone", "time_zone", v.time_zone),
                Column("schedule_link", "schedule_link", v.url),
                Column("attending_type", "attending_type", v.text(100)),
                Column("notes", "notes", v.text()),
            ),
            (
                _ref("service_id", "service"),
                _ref("location_id", "location"),
                _ref("service_at_location_id", "service_at_location"),
            ),
            _check_schedule,
        ),
        Table(
            "service_area",
            m.ServiceArea,
            ("service_areas.csv",),
            (
                Column("name", "name", v.text(300)),
                Column("description", "description", v.text()),
            ),
            (_ref("service_id", "service", required=True),),
            _check_service_area,
        ),
        Table(
            "cost_option",
            m.CostOption,
            ("cost_options.csv",),
            (
                Column("valid_from", "valid_from", v.iso_date),
                Column("valid_to", "valid_to", v.iso_date),
                Column("option", "option", v.text()),
                Column("currency", "currency", v.text(3)),
                Column("amount", "amount", v.money),
                Column("amount_description", "amount_description", v.text()),
            ),
            (_ref("service_id", "service", required=True),),
            _check_dates,
        ),
        # Attributes are links, not rows of their own: hrkit keeps them as
        # Service.terms, so the model here only names the table.
        Table("attribute", m.Service, ("attributes.csv",), check=_check_attribute),
    ]
}

# The order the writer flushes in: every table after the tables it refers to.
TABLE_ORDER = list(TABLES)
