"""The staff admin for the directory (Django admin at /admin/, staff accounts only).

Every form here runs the checks in hrkit.directory.forms. Saving a location or
a service brings the locator's search index up to date for the places it
touches, so the public search shows the edit at once.
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hrkit.directory import forms
from hrkit.directory.models import (
    Accessibility,
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
from hrkit.directory.search_index import refresh_search_index
from hrkit.directory.staleness import default_stale_days, mark_verified

# Staff land on the admin index: it links to the list of entries due for a check.
admin.site.index_template = "directory/staff/admin_index.html"


class ScheduleInline(admin.StackedInline):
    model = Schedule
    form = forms.ScheduleForm
    extra = 0
    fields = (
        ("freq", "byday", "interval"),
        ("opens_at", "closes_at", "time_zone"),
        ("valid_from", "valid_to"),
        ("dtstart", "until", "bymonthday"),
        "description",
    )


class PhoneInline(admin.TabularInline):
    model = Phone
    form = forms.PhoneForm
    extra = 0
    fields = ("number", "extension", "type", "description")


class LanguageInline(admin.TabularInline):
    model = Language
    form = forms.LanguageForm
    extra = 0
    fields = ("code", "name", "note")


class ServiceAtLocationInline(admin.TabularInline):
    model = ServiceAtLocation
    extra = 0
    autocomplete_fields = ("location",)
    fields = ("location", "description")


class ServiceAreaInline(admin.TabularInline):
    model = ServiceArea
    form = forms.ServiceAreaForm
    extra = 0
    fields = ("kind", "state", "county", "zip_code", "name")


class AddressInline(admin.StackedInline):
    model = Address
    extra = 0
    fields = (
        "address_1",
        "address_2",
        ("city", "state_province", "postal_code"),
        ("country", "address_type"),
    )


class AccessibilityInline(admin.TabularInline):
    model = Accessibility
    extra = 0
    fields = ("description", "details", "url")


class VerificationFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [
            ("stale", _("Due for a check (over %(days)s days)") % {"days": default_stale_days()}),
            ("never", _("Never verified")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "never":
            return queryset.filter(last_verified__isnull=True)
        if self.value() == "stale":
            cutoff = timezone.localdate() - timedelta(days=default_stale_days())
            return queryset.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff))
        return queryset


class ServiceTypeFilter(admin.SimpleListFilter):
    title = _("service type")
    parameter_name = "service_type"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        types = TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.SERVICE_TYPE)
        return [(term.code, term.name) for term in types]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(terms__code=self.value())
        return queryset


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "website")
    search_fields = ("name", "alternate_name")
    inlines = (PhoneInline,)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    form = forms.ServiceForm
    list_display = ("name", "organization", "status", "last_verified")
    list_filter = (
        "status",
        VerificationFilter,
        ("last_verified", admin.DateFieldListFilter),
        ServiceTypeFilter,
        ("terms", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("name", "alternate_name", "organization__name")
    list_select_related = ("organization",)
    autocomplete_fields = ("organization",)
    filter_horizontal = ("terms",)
    actions = ("mark_verified_today",)
    inlines = (
        ServiceAtLocationInline,
        ScheduleInline,
        PhoneInline,
        ServiceAreaInline,
        LanguageInline,
    )

    @admin.action(description=_("Mark as verified today"))
    def mark_verified_today(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        count = mark_verified(queryset, timezone.localdate())
        self.message_user(
            request,
            ngettext(
                "%(count)d service marked as verified today.",
                "%(count)d services marked as verified today.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        # Status, terms, languages and places all feed the search index.
        refresh_search_index(form.instance.at_locations.values_list("location_id", flat=True))


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    form = forms.LocationForm
    list_display = ("name", "organization", "time_zone", "latitude", "longitude")
    list_filter = ("location_type", "time_zone")
    search_fields = ("name", "addresses__address_1", "addresses__postal_code", "addresses__city")
    list_select_related = ("organization",)
    autocomplete_fields = ("organization",)
    inlines = (AddressInline, PhoneInline, ScheduleInline, AccessibilityInline, LanguageInline)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        refresh_search_index([form.instance.pk])


@admin.register(ServiceAtLocation)
class ServiceAtLocationAdmin(admin.ModelAdmin):
    """Hours or phones that hold only for one service at one place (say, dosing hours)."""

    list_display = ("__str__", "service", "location")
    search_fields = ("service__name", "location__name")
    autocomplete_fields = ("service", "location")
    inlines = (ScheduleInline, PhoneInline)


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    form = forms.TaxonomyTermForm
    list_display = ("code", "name", "taxonomy", "sort_order")
    list_filter = ("taxonomy",)
    search_fields = ("code", "name", "description")
    ordering = ("taxonomy", "sort_order", "name")

    def save_model(
        self, request: HttpRequest, obj: TaxonomyTerm, form: ModelForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        # A changed code changes what every indexed service matches.
        if "code" in form.changed_data or "taxonomy" in form.changed_data:
            refresh_search_index()
