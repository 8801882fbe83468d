"""The search form of the public /find/ page.

The form names its fields exactly as the API's query parameters, so a results
page is a shareable URL that means the same thing to /api/v1/locate. The
form only collects and renders; what counts as a valid search is decided by
the locator's parse_locate_query, whose field errors are shown next to the
fields they name.
"""

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.forms.boundfield import BoundWidget
from django.http import QueryDict
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from hrkit.core.errors import ApiError
from hrkit.directory.locate_query import LANGUAGE_CODE, parse_locate_query
from hrkit.directory.models import Language, TaxonomyTerm

# How the service types are grouped on the page; a type missing here (added
# to the taxonomy later) is listed under OTHER_SERVICES.
SERVICE_GROUPS: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    (
        "supplies",
        _("Overdose prevention and safer use"),
        (
            "naloxone",
            "fentanyl-test-strips",
            "xylazine-test-strips",
            "drug-checking",
            "syringe-services",
            "sharps-disposal",
            "safer-smoking-supplies",
            "wound-care",
            "overdose-prevention-site",
            "vending-machine",
            "mail-based-delivery",
        ),
    ),
    (
        "treatment",
        _("Treatment"),
        ("buprenorphine", "methadone", "other-moud", "telehealth", "mental-health"),
    ),
    (
        "health",
        _("Testing and health care"),
        ("hiv-testing", "hepatitis-c", "prep-pep", "vaccination"),
    ),
    (
        "support",
        _("Support and basic needs"),
        ("drop-in-centre", "peer-support", "hotline", "online-support-group", "housing", "food"),
    ),
)
OTHER_SERVICES = _("Other services")
ATTRIBUTE_GROUPS = (
    (TaxonomyTerm.Taxonomy.LOW_BARRIER, _("Low barrier")),
    (TaxonomyTerm.Taxonomy.COST, _("Cost")),
    (TaxonomyTerm.Taxonomy.AUDIENCE, _("Who it is for")),
    (TaxonomyTerm.Taxonomy.ACCESS, _("How to get in")),
)
# Miles, because the directory is of US places; the default (no choice) is
# the locator's own radius of 80 km.
RADIUS_MILES_CHOICES = ("5", "10", "25", "100", "300")
WIDEST_RADIUS_MILES = RADIUS_MILES_CHOICES[-1]
ORIGIN_PARAMETERS = ("zip", "lat", "lon")
LIST_PARAMETERS = ("service", "attribute")


class TrueCheckbox(forms.CheckboxInput):
    """A checkbox that sends open_now=true, the spelling the API documents."""

    def format_value(self, value: Any) -> str:
        return "true"


def split_codes(values: Iterable[str]) -> list[str]:
    """The API also takes codes separated by commas (service=naloxone,hotline)."""
    return [part.strip() for value in values for part in str(value).split(",") if part.strip()]


class CodeCheckboxes(forms.CheckboxSelectMultiple):
    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        values = super().value_from_datadict(data, files, name)
        return split_codes(values) if values is not None else None


# Languages often spoken at US services that Django's own list lacks.
EXTRA_LANGUAGE_NAMES = {
    "am": _("Amharic"),
    "chr": _("Cherokee"),
    "fil": _("Filipino"),
    "haw": _("Hawaiian"),
    "hmn": _("Hmong"),
    "ht": _("Haitian Creole"),
    "lo": _("Lao"),
    "nv": _("Navajo"),
    "om": _("Oromo"),
    "ps": _("Pashto"),
    "sm": _("Samoan"),
    "so": _("Somali"),
    "ti": _("Tigrinya"),
    "tl": _("Tagalog"),
    "yi": _("Yiddish"),
    "yo": _("Yoruba"),
    "zh": _("Chinese"),
}


def language_name(code: str) -> str:
    if code in EXTRA_LANGUAGE_NAMES:
        return str(EXTRA_LANGUAGE_NAMES[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def term_names(language: str) -> dict[str, str]:
    """Each taxonomy code's name in the language, for pages that show codes without the form."""
    return {term.code: term.name_in(language) for term in TaxonomyTerm.objects.all()}


def alphabetical(name: str) -> str:
    """A sort key that files "Árabe" under A."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


class FindForm(forms.Form):
    zip = forms.CharField(
        label=_("ZIP code"),
        required=False,
        max_length=10,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": "10"}
        ),
    )
    lat = forms.CharField(required=False, widget=forms.HiddenInput)
    lon = forms.CharField(required=False, widget=forms.HiddenInput)
    service = forms.MultipleChoiceField(label=_("Services"), required=False, widget=CodeCheckboxes)
    attribute = forms.MultipleChoiceField(
        label=_("Other needs"), required=False, widget=CodeCheckboxes
    )
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    radius_miles = forms.ChoiceField(label=_("Distance"), required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False, widget=TrueCheckbox)
    page = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, language: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        terms = list(TaxonomyTerm.objects.all())
        self.term_names = {term.code: term.name_in(language) for term in terms}
        self.fields["service"].choices = [  # type: ignore[attr-defined]
            (t.code, self.term_names[t.code])
            for t in terms
            if t.taxonomy == TaxonomyTerm.Taxonomy.SERVICE_TYPE
        ]
        self.fields["attribute"].choices = [  # type: ignore[attr-defined]
            (t.code, self.term_names[t.code])
            for t in terms
            if t.taxonomy != TaxonomyTerm.Taxonomy.SERVICE_TYPE
        ]
        self._taxonomy_of = {term.code: term.taxonomy for term in terms}
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            ("", _("Any language")),
            *((code, language_name(code)) for code in self._language_codes()),
        ]
        self.fields["radius_miles"].choices = [  # type: ignore[attr-defined]
            ("", _("About 50 miles")),
            *((miles, _("%(miles)s miles") % {"miles": miles}) for miles in RADIUS_MILES_CHOICES),
        ]

    @classmethod
    def for_query(cls, query: QueryDict, language: str) -> "FindForm":
        """A bound form when a place was sent (a search); else one showing the filters asked for.

        A link such as /find/?service=naloxone opens the form with naloxone
        ticked, without an error for the ZIP code nobody has typed yet.
        """
        if any(name in query for name in ORIGIN_PARAMETERS):
            return cls(query, language=language)
        initial: dict[str, Any] = {
            name: split_codes(query.getlist(name)) for name in LIST_PARAMETERS
        }
        initial.update({name: query.get(name, "") for name in ("language", "radius_miles")})
        initial["open_now"] = query.get("open_now", "").lower() in {"true", "on", "1"}
        return cls(initial=initial, language=language)

    def _language_codes(self) -> list[str]:
        codes = {
            code.lower()
            for code in Language.objects.exclude(code="").values_list("code", flat=True)
            if LANGUAGE_CODE.match(code.lower())
        }
        # A shared link may ask for a language no entry lists yet: it is a
        # valid search with no results, not an error.
        asked = str(self.data.get("language", "")).strip().lower()
        if LANGUAGE_CODE.match(asked):
            codes.add(asked)
        return sorted(codes, key=lambda code: alphabetical(language_name(code)))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            data["query"] = parse_locate_query(
                zip=data.get("zip"),
                lat=data.get("lat"),
                lon=data.get("lon"),
                service=data.get("service", ()),
                attribute=data.get("attribute", ()),
                language=data.get("language"),
                open_now=bool(data.get("open_now")),
                radius_miles=data.get("radius_miles"),
                page=data.get("page") or 1,
            )
        except ApiError as error:
            for problem in error.fields:
                name = problem.field if problem.field in self.fields else None
                # A field Django already rejected keeps its own message.
                if name is None or name not in self.errors:
                    self.add_error(name, problem.message)
        return data

    def full_clean(self) -> None:
        super().full_clean()
        # Screen readers announce the message with the field it belongs to;
        # lat and lon are hidden, so theirs are shown (and announced) with the ZIP code.
        invalid = set(self.errors) & set(self.fields)
        if invalid & set(ORIGIN_PARAMETERS):
            invalid = (invalid - set(ORIGIN_PARAMETERS)) | {"zip"}
        for name in invalid:
            self.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"{name}-error"}
            )

    def origin_errors(self) -> list[str]:
        # lat and lon have no visible field, so their messages say which one they mean.
        names = {"zip": "", "lat": _("Latitude"), "lon": _("Longitude")}
        return [
            f"{names[name]}: {message}" if names[name] else str(message)
            for name in ORIGIN_PARAMETERS
            for message in self.errors.get(name, [])
        ]

    def service_groups(self) -> list[tuple[str, Any, list[BoundWidget]]]:
        """(id, legend, checkboxes) for each group of service types that has any."""
        by_code = {box.data["value"]: box for box in self["service"]}
        groups = []
        for slug, legend, codes in SERVICE_GROUPS:
            boxes = [by_code.pop(code) for code in codes if code in by_code]
            if boxes:
                groups.append((slug, legend, boxes))
        if by_code:
            groups.append(("other", OTHER_SERVICES, list(by_code.values())))
        return groups

    def attribute_groups(self) -> list[tuple[str, Any, list[BoundWidget]]]:
        """(id, legend, checkboxes) for each attribute taxonomy that has terms."""
        groups = []
        boxes = list(self["attribute"])
        for taxonomy, legend in ATTRIBUTE_GROUPS:
            members = [b for b in boxes if self._taxonomy_of.get(b.data["value"]) == taxonomy]
            if members:
                groups.append((taxonomy.value, legend, members))
        return groups

    def applied_filters(self) -> list[tuple[str, str]]:
        """(name, query string without it) for each filter a search applied, in the form's order.

        The filters panel is folded once there are results: this line says
        what narrows them, and each link searches again without that one.
        """
        if not self.is_bound or not self.is_valid():
            return []
        query = self.cleaned_data["query"]
        applied = [
            ("service", code, self.term_names.get(code, code)) for code in query.service_types
        ]
        applied += [
            ("attribute", code, self.term_names.get(code, code)) for code in query.attributes
        ]
        if query.language:
            applied.append(("language", query.language, language_name(query.language)))
        if query.open_now:
            applied.append(("open_now", "", str(_("Open now"))))
        return [(label, self._without(name, code)) for name, code, label in applied]

    def _without(self, name: str, code: str) -> str:
        # A bound FindForm holds request.GET (see for_query).
        data = self.data.copy() if isinstance(self.data, QueryDict) else QueryDict(mutable=True)
        data.pop("page", None)
        if name in LIST_PARAMETERS:
            data.setlist(name, [c for c in split_codes(data.getlist(name)) if c != code])
        else:
            data.pop(name, None)
        return str(data.urlencode())

    def has_filters(self) -> bool:
        values = self.data if self.is_bound else self.initial
        return any(_present(values, name) for name in (*LIST_PARAMETERS, "language", "open_now"))


def _present(values: Mapping[str, Any], name: str) -> bool:
    value = values.getlist(name) if isinstance(values, QueryDict) else values.get(name)
    if isinstance(value, Iterable) and not isinstance(value, str):
        return any(str(v).strip() for v in value)
    return bool(value)
