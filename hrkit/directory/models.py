"""The resource directory, following Open Referral HSDS 3.0.

Each table keeps the HSDS identifier of its row in `hsds_id` (unique), so a
re-import of the same source updates rows instead of duplicating them, while
the database keeps compact integer keys for joins. Field names follow HSDS;
where hrkit needs more than HSDS says (an IANA time zone, a structured service
area, translated term names) the field says so.
"""

import uuid

from django.db import models


def new_hsds_id() -> str:
    return str(uuid.uuid4())


class HsdsModel(models.Model):
    hsds_id = models.CharField("HSDS id", max_length=250, unique=True, default=new_hsds_id)

    class Meta:
        abstract = True


class TaxonomyTerm(HsdsModel):
    """A term of one of hrkit's taxonomies: service types and the attributes people choose by."""

    class Taxonomy(models.TextChoices):
        SERVICE_TYPE = "hrkit-service-type", "Service type"
        LOW_BARRIER = "hrkit-low-barrier", "Low-barrier attribute"
        COST = "hrkit-cost", "Cost"
        AUDIENCE = "hrkit-audience", "Audience"
        ACCESS = "hrkit-access", "Access"

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    taxonomy = models.CharField(max_length=40, choices=Taxonomy.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)
    # {"es": "Naloxona"}: names in the languages of the interface.
    translations = models.JSONField(default=dict, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["taxonomy", "sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str) -> str:
        return str(self.translations.get(language) or self.name)


class Organization(HsdsModel):
    name = models.CharField(max_length=300)
    alternate_name = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True, max_length=500)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(HsdsModel):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        INACTIVE = "inactive", "Inactive"
        DEFUNCT = "defunct", "Defunct"
        TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(max_length=300)
    alternate_name = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(blank=True, max_length=500)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    interpretation_services = models.TextField(blank=True)
    application_process = models.TextField(blank=True)
    fees_description = models.TextField(blank=True)
    eligibility_description = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    # HSDS "assured_date": the day someone last confirmed this entry is right.
    last_verified = models.DateField("last verified", null=True, blank=True, db_index=True)
    alert = models.TextField(blank=True)
    terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(HsdsModel):
    class LocationType(models.TextChoices):
        PHYSICAL = "physical", "Physical"
        POSTAL = "postal", "Postal"
        VIRTUAL = "virtual", "Virtual"

    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="locations"
    )
    location_type = models.CharField(
        max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    url = models.URLField(blank=True, max_length=500)
    name = models.CharField(max_length=300, blank=True)
    alternate_name = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    transportation = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # IANA zone (e.g. America/Chicago) that the location's hours are kept in;
    # HSDS only carries a UTC offset, which cannot follow daylight saving.
    time_zone = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="location_lat_lon")]

    def __str__(self) -> str:
        return self.name or self.hsds_id


class Address(HsdsModel):
    class AddressType(models.TextChoices):
        PHYSICAL = "physical", "Physical"
        POSTAL = "postal", "Postal"
        VIRTUAL = "virtual", "Virtual"

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=300, blank=True)
    address_1 = models.CharField(max_length=300)
    address_2 = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=200)
    region = models.CharField(max_length=200, blank=True)
    state_province = models.CharField(max_length=100)
    postal_code = models.CharField(max_length=20)
    country = models.CharField(max_length=2, default="US")
    address_type = models.CharField(
        max_length=10, choices=AddressType.choices, default=AddressType.PHYSICAL
    )

    def __str__(self) -> str:
        return f"{self.address_1}, {self.city}, {self.state_province} {self.postal_code}"


class Accessibility(HsdsModel):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.URLField(blank=True, max_length=500)

    class Meta:
        verbose_name_plural = "accessibility"

    def __str__(self) -> str:
        return self.description or self.details


class ServiceAtLocation(HsdsModel):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="services_here")
    description = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="one_service_per_location")
        ]

    def __str__(self) -> str:
        return f"{self.service} at {self.location}"


class Language(HsdsModel):
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    phone = models.ForeignKey(
        "Phone", null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    name = models.CharField(max_length=100, blank=True)
    code = models.CharField("ISO 639 code", max_length=10, blank=True)
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name or self.code


class Contact(HsdsModel):
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    # A role or a front desk, as programs publish it; never a participant.
    name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    department = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)

    def __str__(self) -> str:
        return self.name or self.title or self.department


class Phone(HsdsModel):
    class PhoneType(models.TextChoices):
        TEXT = "text", "Text"
        VOICE = "voice", "Voice"
        FAX = "fax", "Fax"
        CELL = "cell", "Cell"
        VIDEO = "video", "Video"
        PAGER = "pager", "Pager"
        TEXTPHONE = "textphone", "Textphone"

    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(max_length=50)
    extension = models.CharField(max_length=20, blank=True)
    type = models.CharField(max_length=10, choices=PhoneType.choices, default=PhoneType.VOICE)
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.number


class Schedule(HsdsModel):
    """When a service, a location or a service at a location is open (RFC 5545 fields).

    A schedule with valid_from/valid_to narrows to dates: with hours it gives
    holiday hours for those dates, without opens_at/closes_at it closes them.
    closes_at earlier than opens_at means the hours run past midnight.
    """

    class Freq(models.TextChoices):
        WEEKLY = "WEEKLY", "Weekly"
        MONTHLY = "MONTHLY", "Monthly"

    class Weekday(models.TextChoices):
        MON = "MON", "Monday"
        TUE = "TUE", "Tuesday"
        WED = "WED", "Wednesday"
        THU = "THU", "Thursday"
        FRI = "FRI", "Friday"
        SAT = "SAT", "Saturday"
        SUN = "SUN", "Sunday"

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=3, choices=Weekday.choices, blank=True)
    freq = models.CharField(max_length=10, choices=Freq.choices, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    # RFC 5545 BYDAY: "MO,TU" or, monthly, "2MO,-1FR".
    byday = models.CharField(max_length=60, blank=True)
    byweekno = models.CharField(max_length=100, blank=True)
    bymonthday = models.CharField(max_length=100, blank=True)
    byyearday = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    # IANA zone of opens_at/closes_at; empty means the location's zone.
    time_zone = models.CharField(max_length=64, blank=True)
    schedule_link = models.URLField(blank=True, max_length=500)
    attending_type = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.description or f"{self.freq} {self.byday} {self.opens_at}-{self.closes_at}"


class ServiceArea(HsdsModel):
    """Where a service reaches people without a visit (mail, phone, video, online).

    HSDS describes the area in free form (`extent`); hrkit also keeps it as a
    structured kind and value so a search can tell whether a point is inside.
    """

    class Kind(models.TextChoices):
        NATIONWIDE = "nationwide", "Nationwide (US)"
        STATE = "state", "State"
        COUNTY = "county", "County"
        ZIP = "zip", "ZIP code"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # Two-letter state for state and county areas.
    state = models.CharField(max_length=2, blank=True, db_index=True)
    # County name as the ZIP data names it, e.g. "Cook County".
    county = models.CharField(max_length=100, blank=True)
    zip_code = models.CharField(max_length=5, blank=True, db_index=True)

    def __str__(self) -> str:
        return self.name or f"{self.kind} {self.state} {self.county} {self.zip_code}".strip()


class CostOption(HsdsModel):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.TextField(blank=True)
    currency = models.CharField(max_length=3, blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    amount_description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.option or self.amount_description


class SearchEntry(models.Model):
    """The locator's index: one row per active service at a located place and per service type.

    Derived data, rebuilt by hrkit.directory.search_index.refresh_search_index and
    never edited by hand. Each service at a location also has one row whose
    service_type is ANY_SERVICE_TYPE, so a search without a type filter reads
    each place once. x, y, z are the point on the unit sphere: the dot product
    with the origin's vector orders rows by great-circle distance using only
    arithmetic, which SQLite and PostgreSQL both do the same way. `cell` is a
    coarse grid square (GRID_DEGREES) so a search reads only the squares
    around the origin.
    """

    ANY_SERVICE_TYPE = "*"
    GRID_DEGREES = 0.5

    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, related_name="search_entries"
    )
    service_type = models.CharField(max_length=80)
    cell = models.IntegerField()
    latitude = models.FloatField()
    longitude = models.FloatField()
    x = models.FloatField()
    y = models.FloatField()
    z = models.FloatField()
    # Codes wrapped in commas (",free,no-id-needed,") so "has this code" is a
    # LIKE that every engine runs the same way.
    attributes = models.CharField(max_length=1000, blank=True)
    languages = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [
            # Covers the nearest-first query, so it reads the index alone.
            models.Index(
                fields=[
                    "service_type",
                    "cell",
                    "latitude",
                    "longitude",
                    "x",
                    "y",
                    "z",
                    "service_at_location",
                ],
                name="search_entry_nearest",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_type} at {self.latitude},{self.longitude}"


class SearchCard(models.Model):
    """What the locator shows for one active service at a located place, in one row.

    Derived data, rebuilt with SearchEntry by refresh_search_index: a result
    page reads one row per item instead of joining eight tables. `schedules`
    holds the schedules that give this service its hours here (see
    hrkit.directory.hours.schedule_fields).
    """

    service_at_location = models.OneToOneField(
        ServiceAtLocation, on_delete=models.CASCADE, primary_key=True, related_name="search_card"
    )
    service_at_location_hsds_id = models.CharField(max_length=250)
    service_id = models.BigIntegerField()
    service_hsds_id = models.CharField(max_length=250)
    location_id = models.BigIntegerField()
    location_hsds_id = models.CharField(max_length=250)
    service_name = models.CharField(max_length=300)
    organization_name = models.CharField(max_length=300)
    location_name = models.CharField(max_length=300, blank=True)
    address = models.CharField(max_length=1000, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    phone = models.CharField(max_length=50, blank=True)
    phone_extension = models.CharField(max_length=20, blank=True)
    website = models.URLField(blank=True, max_length=500)
    time_zone = models.CharField(max_length=64, blank=True)
    service_types = models.CharField(max_length=1000, blank=True)
    attributes = models.CharField(max_length=1000, blank=True)
    languages = models.CharField(max_length=200, blank=True)
    last_verified = models.DateField(null=True, blank=True)
    schedules = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.service_name} at {self.location_name}"


class RemoteCard(models.Model):
    """What the locator shows for one service area of an active service, in one row.

    Derived data, rebuilt whole by refresh_search_index (remote services are
    few): the "also available where you are" list reads this table alone
    instead of five. `state` and `county_key` are upper case for matching;
    `service_types`, `attributes` and `languages` are wrapped in commas like
    SearchEntry's, so filters are the same LIKE on every engine.
    """

    service_area = models.OneToOneField(
        ServiceArea, on_delete=models.CASCADE, primary_key=True, related_name="remote_card"
    )
    service_id = models.BigIntegerField()
    service_hsds_id = models.CharField(max_length=250)
    service_name = models.CharField(max_length=300)
    organization_name = models.CharField(max_length=300)
    area_kind = models.CharField(max_length=12, choices=ServiceArea.Kind.choices)
    # 0 for a ZIP code up to 3 for nationwide: the most local area is listed first.
    area_rank = models.PositiveSmallIntegerField()
    area_name = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=2, blank=True)
    county = models.CharField(max_length=100, blank=True)
    county_key = models.CharField(max_length=100, blank=True)
    zip_code = models.CharField(max_length=5, blank=True)
    phone = models.CharField(max_length=50, blank=True)
    phone_extension = models.CharField(max_length=20, blank=True)
    website = models.URLField(blank=True, max_length=500)
    service_types = models.CharField(max_length=1000, blank=True)
    attributes = models.CharField(max_length=1000, blank=True)
    languages = models.CharField(max_length=200, blank=True)
    last_verified = models.DateField(null=True, blank=True)
    schedules = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["state", "area_kind"], name="remote_card_state"),
            models.Index(fields=["zip_code"], name="remote_card_zip"),
        ]

    def __str__(self) -> str:
        return f"{self.service_name} ({self.area_kind})"
