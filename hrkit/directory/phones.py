"""Phone numbers: checked and stored one way, shown and linked from that one form.

Every way a number comes in (the admin, each import format) goes through
normalise_phone, which keeps a full number as E.164 (+17735550101) and a
short number (911, 988, 211) as its digits. A stored number is therefore a
plain string of digits that a tel: link, a screen reader and an export all
read the same way, and an export imported again gives the same numbers back.
Numbers are read by Google's libphonenumber data (the phonenumbers package),
in the program's region (settings.HRKIT["PHONE_REGION"]) when they have no
+country code.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from django.conf import settings
from django.utils.translation import gettext as _
from phonenumbers import PhoneNumberFormat, shortnumberinfo

# What people write in a number: digits, spacing punctuation, letters of a
# vanity number (1-800-QUIT-NOW) and an extension. Anything else (quotes,
# angle brackets, equals signs) means the text is not a phone number, even
# where libphonenumber would find one inside it.
WRITTEN_NUMBER = re.compile(r"^[+(]?[0-9][0-9A-Za-z .()/#,-]*$")
MAX_WRITTEN_LENGTH = 50


class PhoneProblem(ValueError):
    pass


@dataclass(frozen=True)
class Phone:
    number: str
    extension: str = ""


def phone_region() -> str:
    return str(settings.HRKIT.get("PHONE_REGION") or "US").upper()


def _parse(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def normalise_phone(text: str, region: str | None = None) -> Phone:
    """The number as hrkit stores it, or PhoneProblem saying what a number looks like."""
    region = region or phone_region()
    written = " ".join(str(text).split())
    if len(written) > MAX_WRITTEN_LENGTH or not WRITTEN_NUMBER.match(written):
        raise PhoneProblem(
            _("must be a phone number such as (773) 555-0101, +44 20 7946 0000 or 988")
        )
    number = _parse(written, region)
    if number is None:
        raise PhoneProblem(
            _("must be a phone number such as (773) 555-0101, +44 20 7946 0000 or 988")
        )
    extension = number.extension or ""
    if phonenumbers.is_valid_number(number):
        return Phone(phonenumbers.format_number(number, PhoneNumberFormat.E164), extension)
    # 911, 988, 211 and their like are valid only as short numbers of a region.
    if not written.startswith("+") and shortnumberinfo.is_valid_short_number_for_region(
        number, region
    ):
        return Phone(phonenumbers.national_significant_number(number), extension)
    raise PhoneProblem(
        _("is not a phone number in use in %(region)s (check the digits and the area code)")
        % {"region": region}
    )


def display_phone(number: str) -> str:
    """The stored number as people in the program's region write it."""
    return _display(number, phone_region())


def tel_href(number: str, extension: str = "") -> str:
    """An RFC 3966 tel: link, or "" when the text is not a number hrkit would store.

    Rows written before numbers were checked may hold anything; they get no link.
    """
    return _tel(number, extension, phone_region())


# Every search result shows a number and its link, and the same few hundred
# numbers come back page after page: parsing each once keeps searches fast.
@lru_cache(maxsize=4096)
def _display(number: str, region: str) -> str:
    if number.isdigit():
        return number
    parsed = _parse(number, region)
    if parsed is None:
        return number
    if phonenumbers.region_code_for_number(parsed) == region:
        return phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)


@lru_cache(maxsize=4096)
def _tel(number: str, extension: str, region: str) -> str:
    try:
        phone = normalise_phone(number, region)
    except PhoneProblem:
        return ""
    digits = re.sub(r"\D", "", extension or phone.extension)
    return f"tel:{phone.number};ext={digits}" if digits else f"tel:{phone.number}"
