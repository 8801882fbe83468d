"""Reading one HSDS value from CSV text or a JSON scalar, with a message naming what is allowed.

Each reader takes the raw value (a string from a CSV cell, or a JSON string,
number, boolean or null) and returns what the model field keeps, or raises
BadValue. An empty cell and a JSON null are both "no value".
"""

import json
import re
from collections.abc import Callable
from datetime import date, time
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from hrkit.directory.language_codes import language_code_problem

Reader = Callable[[Any], Any]


class BadValue(ValueError):
    pass


def is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


def text(max_length: int | None = None) -> Reader:
    def read(raw: Any) -> str:
        if is_empty(raw):
            return ""
        if isinstance(raw, dict | list):
            raise BadValue("must be text")
        value = str(raw).strip()
        # PostgreSQL cannot store it, and no directory text needs it.
        if "\x00" in value:
            raise BadValue("must not contain a NUL character")
        if max_length is not None and len(value) > max_length:
            raise BadValue(f"must be at most {max_length} characters")
        return value

    return read


def choice(allowed: list[str], default: str = "") -> Reader:
    shown = ", ".join(allowed)

    def read(raw: Any) -> str:
        if is_empty(raw):
            return default
        value = str(raw).strip()
        if value not in allowed:
            raise BadValue(f"must be one of {shown}")
        return value

    return read


def number_between(low: float, high: float) -> Reader:
    def read(raw: Any) -> float | None:
        if is_empty(raw):
            return None
        try:
            value = float(raw)
        except (TypeError, ValueError):
            raise BadValue(f"must be a number between {low:g} and {high:g}") from None
        if not low <= value <= high or value != value:
            raise BadValue(f"must be a number between {low:g} and {high:g}")
        return value

    return read


def whole_number(low: int = 0, high: int = 32767) -> Reader:
    def read(raw: Any) -> int | None:
        if is_empty(raw):
            return None
        try:
            number = Decimal(str(raw).strip())
        except InvalidOperation:
            raise BadValue(f"must be a whole number from {low} to {high}") from None
        if number != number.to_integral_value() or not low <= number <= high:
            raise BadValue(f"must be a whole number from {low} to {high}")
        return int(number)

    return read


def money(raw: Any) -> Decimal | None:
    if is_empty(raw):
        return None
    try:
        amount = Decimal(str(raw).strip())
    except InvalidOperation:
        raise BadValue("must be an amount such as 10 or 12.50") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e8"):
        raise BadValue("must be an amount from 0 to 99999999.99")
    return amount.quantize(Decimal("0.01"))


def iso_date(raw: Any) -> date | None:
    if is_empty(raw):
        return None
    value = str(raw).strip()
    try:
        return date.fromisoformat(value[:10] if "T" in value else value)
    except ValueError:
        raise BadValue("must be a date written YYYY-MM-DD") from None


# HSDS times may carry "Z" or an offset ("09:00-05:00"); hrkit keeps wall-clock
# times with a named zone instead, so the suffix is read and dropped.
TIME_PATTERN = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:Z|[+-]\d{2}:?\d{2})?$")


def clock_time(raw: Any) -> time | None:
    if is_empty(raw):
        return None
    match = TIME_PATTERN.match(str(raw).strip())
    if not match:
        raise BadValue("must be a time written HH:MM (24-hour)")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise BadValue("must be a time written HH:MM (24-hour)")
    return time(hour, minute, second)


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def time_zone(raw: Any) -> str:
    if is_empty(raw):
        return ""
    value = str(raw).strip()
    if value not in _zone_names():
        raise BadValue("must be an IANA time zone name such as America/Chicago")
    return value


_url_validator = URLValidator(schemes=["http", "https"])
_email_validator = EmailValidator()


def url(raw: Any) -> str:
    if is_empty(raw):
        return ""
    value = str(raw).strip()
    if len(value) > 500:
        raise BadValue("must be a web address of at most 500 characters")
    try:
        _url_validator(value)
    except ValidationError:
        raise BadValue("must be a web address starting with http:// or https://") from None
    return value


def email(raw: Any) -> str:
    if is_empty(raw):
        return ""
    value = str(raw).strip()
    try:
        _email_validator(value)
    except ValidationError:
        raise BadValue("must be an email address") from None
    return value


SLUG_PATTERN = re.compile(r"^[-a-zA-Z0-9_]+$")


def slug(raw: Any) -> str:
    value = "" if is_empty(raw) else str(raw).strip()
    if not SLUG_PATTERN.match(value) or len(value) > 80:
        raise BadValue("must be a code of letters, digits, - and _ (at most 80)")
    return value


NUMBER_LIST = re.compile(r"^-?\d{1,3}(,-?\d{1,3})*$")


def number_list(raw: Any) -> str:
    """RFC 5545 lists such as BYMONTHDAY "1,15,-1" (HSDS types some of them as one number)."""
    if is_empty(raw):
        return ""
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        if raw != int(raw):
            raise BadValue("must be whole numbers separated by commas, e.g. 1,15,-1")
        return str(int(raw))
    value = str(raw).replace(" ", "")
    if not NUMBER_LIST.match(value) or len(value) > 100:
        raise BadValue("must be whole numbers separated by commas, e.g. 1,15,-1")
    return value


BYDAY_PATTERN = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)[A-Z]?$")


def byday(raw: Any) -> str:
    if is_empty(raw):
        return ""
    parts = [part.strip().upper() for part in str(raw).split(",")]
    if not all(BYDAY_PATTERN.match(part) for part in parts):
        raise BadValue("must be days such as MO,TU or, monthly, 2MO,-1FR")
    value = ",".join(parts)
    if len(value) > 60:
        raise BadValue("must be at most 60 characters")
    return value


def language(raw: Any) -> str:
    if is_empty(raw):
        return ""
    if isinstance(raw, dict | list):
        raise BadValue("must be text")
    value = str(raw).strip()
    problem = language_code_problem(value)
    if problem:
        raise BadValue(problem)
    return value


def translations(raw: Any) -> dict[str, str]:
    """{"es": "Naloxona"}: a JSON object in JSON, the same object as text in a CSV cell."""
    if is_empty(raw):
        return {}
    value = raw
    if isinstance(raw, str):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            raise BadValue('must be a JSON object such as {"es": "Naloxona"}') from None
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise BadValue('must be a JSON object such as {"es": "Naloxona"}')
    for code in value:
        problem = language_code_problem(code)
        if problem:
            raise BadValue(f"{code!r}: {problem}")
    return dict(value)
