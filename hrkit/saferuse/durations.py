"""Onset and duration as people say them: "10–30 minutes", "1½–3 hours", never "0.17 h".

The data keeps onset in minutes and duration in hours, as sources give them;
this module only words them, in the active language or the one given.
"""

from contextlib import nullcontext

from django.utils import translation
from django.utils.translation import gettext, ngettext

# Seconds, minutes, hours and days, each with the number of minutes in one.
UNITS = (("second", 1 / 60), ("minute", 1), ("hour", 60), ("day", 24 * 60))
# A range stays in its low end's unit while the high end is at most this
# ("45–90 minutes" reads better than "45 minutes to 1½ hours").
MOST_IN_ONE_UNIT = 90


def _unit_for(minutes: float) -> str:
    if minutes < 1:
        return "second"
    if minutes < 60:
        return "minute"
    # A whole number of days from two days on; "36 hours" stays in hours.
    if minutes >= 48 * 60 and round(minutes / 60) % 24 == 0:
        return "day"
    return "hour"


def _value(minutes: float, unit: str) -> float:
    """The amount in ``unit``: whole, or to the half hour ("1½ hours")."""
    amount = minutes / dict(UNITS)[unit]
    if unit == "hour" and amount < 3:
        return round(amount * 2) / 2
    return float(round(amount))


def _number(value: float) -> str:
    whole = int(value)
    if value == whole:
        return str(whole)
    return f"{whole}½" if whole else "½"


def _with_unit(amount: str, unit: str, count: float) -> str:
    n = max(1, round(count + 0.4))  # "1½ hours" is plural, "1 hour" is not
    words = {
        "second": ngettext("%(n)s second", "%(n)s seconds", n),
        "minute": ngettext("%(n)s minute", "%(n)s minutes", n),
        "hour": ngettext("%(n)s hour", "%(n)s hours", n),
        "day": ngettext("%(n)s day", "%(n)s days", n),
    }
    return words[unit] % {"n": amount}


def _amount(minutes: float) -> str:
    unit = _unit_for(minutes)
    value = _value(minutes, unit)
    return _with_unit(_number(value), unit, value)


def time_range(low_minutes: float, high_minutes: float) -> str:
    """ "10–30 minutes", "1–2 hours", "8–72 hours", "45 minutes to 3 hours"."""
    low_unit = _unit_for(low_minutes) if low_minutes else _unit_for(high_minutes)
    high_unit = _unit_for(high_minutes)
    if low_unit != high_unit and _value(high_minutes, low_unit) <= MOST_IN_ONE_UNIT:
        high_unit = low_unit
    if low_unit != high_unit:
        return gettext("%(low)s to %(high)s") % {
            "low": _amount(low_minutes),
            "high": _amount(high_minutes),
        }
    low, high = _value(low_minutes, low_unit), _value(high_minutes, low_unit)
    if low == high:
        return _with_unit(_number(high), low_unit, high)
    return _with_unit(f"{_number(low)}–{_number(high)}", low_unit, high)


def onset_text(low_minutes: float, high_minutes: float, language: str | None = None) -> str:
    """ "starts in 5–10 minutes", or "starts within 30 seconds" when it can be at once."""
    with translation.override(language) if language else nullcontext():
        if low_minutes == 0:
            return gettext("starts within %(time)s") % {"time": _amount(high_minutes)}
        return gettext("starts in %(time)s") % {"time": time_range(low_minutes, high_minutes)}


def duration_text(low_hours: float, high_hours: float, language: str | None = None) -> str:
    """ "lasts 1–2 hours"."""
    with translation.override(language) if language else nullcontext():
        return gettext("lasts %(time)s") % {"time": time_range(low_hours * 60, high_hours * 60)}
