"""Staff forms for the directory admin: the checks a person's edit must pass before it is saved.

The model fields accept anything of the right type; these forms hold the
rules that make a row meaningful (a point on Earth, a time zone that exists,
a schedule a computer can read). The admin uses them for every change.
"""

import re
import zoneinfo
from functools import lru_cache

from django import forms
from django.utils.translation import gettext_lazy as _

from hrkit.directory.language_codes import language_code_problem
from hrkit.directory.models import (
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    TaxonomyTerm,
)
from hrkit.directory.phones import PhoneProblem, normalise_phone

# RFC 5545 BYDAY: an optional ordinal (+1..+5 or -1..-5 within a month) and a day.
BYDAY_TOKEN = re.compile(r"^(?P<ordinal>[+-]?\d{1,2})?(?P<day>MO|TU|WE|TH|FR|SA|SU)$")
MAX_MONTHLY_ORDINAL = 5
STATE_CODE = re.compile(r"^[A-Z]{2}$")
ZIP5 = re.compile(r"^\d{5}$")


@lru_cache(maxsize=1)
def iana_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def time_zone_problem(name: str) -> str | None:
    if name and name not in iana_time_zones():
        return str(
            _("“%(zone)s” is not an IANA time zone; use a name such as America/Chicago.")
            % {"zone": name}
        )
    return None


def byday_problem(byday: str, freq: str) -> str | None:
    """Why a BYDAY value is not valid RFC 5545 for this FREQ, or None when it is."""
    if not byday:
        return None
    for token in byday.split(","):
        match = BYDAY_TOKEN.match(token.strip())
        if not match:
            return str(
                _(
                    "“%(token)s” is not a day: use MO, TU, WE, TH, FR, SA, SU separated by "
                    "commas, with a number before the day only for monthly schedules (2MO, -1FR)."
                )
                % {"token": token.strip()}
            )
        ordinal = match.group("ordinal")
        if ordinal is None:
            continue
        if freq != Schedule.Freq.MONTHLY:
            return str(
                _("“%(token)s”: a numbered day (such as 2MO) needs a monthly schedule.")
                % {"token": token.strip()}
            )
        if not 1 <= abs(int(ordinal)) <= MAX_MONTHLY_ORDINAL:
            return str(
                _("“%(token)s”: the number must be 1 to 5, or -1 to -5 counting from the end.")
                % {"token": token.strip()}
            )
    return None


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = (
            "organization",
            "location_type",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "url",
            "latitude",
            "longitude",
            "time_zone",
        )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if latitude is not None and not -90 <= latitude <= 90:
            self.add_error("latitude", _("Latitude must be between -90 and 90."))
        if longitude is not None and not -180 <= longitude <= 180:
            self.add_error("longitude", _("Longitude must be between -180 and 180."))
        if (latitude is None) != (longitude is None):
            self.add_error(
                "longitude" if longitude is None else "latitude",
                _("Give both latitude and longitude, or neither."),
            )
        problem = time_zone_problem(cleaned.get("time_zone", ""))
        if problem:
            self.add_error("time_zone", problem)
        return cleaned


class ScheduleForm(forms.ModelForm):
    class Meta:
        model = Schedule
        fields = (
            "service",
            "location",
            "service_at_location",
            "freq",
            "byday",
            "interval",
            "opens_at",
            "closes_at",
            "time_zone",
            "valid_from",
            "valid_to",
            "dtstart",
            "until",
            "count",
            "wkst",
            "byweekno",
            "bymonthday",
            "byyearday",
            "description",
            "schedule_link",
            "attending_type",
            "notes",
        )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        byday = (cleaned.get("byday") or "").upper().replace(" ", "")
        cleaned["byday"] = byday
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if (opens_at is None) != (closes_at is None):
            self.add_error(
                "closes_at" if closes_at is None else "opens_at",
                _("Give both the opening and the closing time, or neither (a closure)."),
            )
        valid_from, valid_to = cleaned.get("valid_from"), cleaned.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("“Valid to” cannot be before “valid from”."))
        dtstart, until = cleaned.get("dtstart"), cleaned.get("until")
        if dtstart and until and until < dtstart:
            self.add_error("until", _("“Until” cannot be before the start date."))
        if cleaned.get("interval") == 0:
            self.add_error("interval", _("The interval must be 1 or more."))
        problem = byday_problem(byday, cleaned.get("freq", ""))
        if problem:
            self.add_error("byday", problem)
        problem = time_zone_problem(cleaned.get("time_zone", ""))
        if problem:
            self.add_error("time_zone", problem)
        return cleaned


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = (
            "organization",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "last_verified",
            "alert",
            "terms",
        )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        minimum, maximum = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if minimum is not None and maximum is not None and maximum < minimum:
            self.add_error("maximum_age", _("The maximum age cannot be below the minimum age."))
        return cleaned


class ServiceAreaForm(forms.ModelForm):
    class Meta:
        model = ServiceArea
        fields = ("service", "kind", "state", "county", "zip_code", "name", "description")

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        state = (cleaned.get("state") or "").upper()
        cleaned["state"] = state
        if kind in (ServiceArea.Kind.STATE, ServiceArea.Kind.COUNTY) and not STATE_CODE.match(
            state
        ):
            self.add_error("state", _("Give the two-letter state code, such as IL."))
        if kind == ServiceArea.Kind.COUNTY and not cleaned.get("county"):
            self.add_error("county", _("Name the county, such as Cook County."))
        if kind == ServiceArea.Kind.ZIP and not ZIP5.match(cleaned.get("zip_code") or ""):
            self.add_error("zip_code", _("Give a five-digit ZIP code."))
        return cleaned


class TaxonomyTermForm(forms.ModelForm):
    class Meta:
        model = TaxonomyTerm
        fields = (
            "code",
            "name",
            "taxonomy",
            "description",
            "parent",
            "translations",
            "sort_order",
        )

    def clean_translations(self) -> dict:
        value = self.cleaned_data.get("translations") or {}
        if not isinstance(value, dict) or not all(
            isinstance(key, str) and isinstance(name, str) and name.strip()
            for key, name in value.items()
        ):
            raise forms.ValidationError(
                _('Give names by language code, such as {"es": "Naloxona"}.')
            )
        for key in value:
            problem = language_code_problem(key)
            if problem:
                raise forms.ValidationError(
                    _("“%(code)s” %(problem)s.") % {"code": key, "problem": problem}
                )
        return value


class PhoneForm(forms.ModelForm):
    """Keeps the number as phones.normalise_phone gives it (E.164, or a short number)."""

    class Meta:
        model = Phone
        fields = ("number", "extension", "type", "description")

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        number = cleaned.get("number")
        if not number:
            return cleaned
        try:
            phone = normalise_phone(number)
        except PhoneProblem as problem:
            self.add_error("number", _("The number %(problem)s.") % {"problem": problem})
            return cleaned
        cleaned["number"] = phone.number
        extension = (cleaned.get("extension") or "").strip()
        if phone.extension and extension and extension != phone.extension:
            self.add_error(
                "extension", _("The number names another extension; give the extension once.")
            )
        elif phone.extension:
            cleaned["extension"] = phone.extension
        return cleaned


class LanguageForm(forms.ModelForm):
    class Meta:
        model = Language
        fields = ("code", "name", "note")

    def clean_code(self) -> str:
        code = (self.cleaned_data.get("code") or "").strip()
        problem = language_code_problem(code) if code else None
        if problem:
            raise forms.ValidationError(_("The code %(problem)s.") % {"problem": problem})
        return code
