"""Opening hours from HSDS schedules: is a place open at a moment, what are its hours on a day.

The rules (docs/locator.md says the same for people who keep the data):

- Times are wall-clock times in the schedule's time zone, or the location's
  when the schedule has none. Instants are compared in UTC, so a moment means
  the same whatever zone it is written in.
- A window belongs to the date it opens on. closes_at earlier than opens_at
  runs past midnight into the next day (20:00-02:00 on Saturday is open at
  01:00 on Sunday). closes_at equal to opens_at means 24 hours from opens_at,
  so 00:00-00:00 is the whole day; closes_at 23:59 means "until midnight".
- Daylight saving: on the spring-forward night a time that does not exist is
  read with the offset before the jump (02:30 becomes 03:30); on the
  fall-back night a repeated time is its first occurrence. A window keeps its wall-clock
  ends, so it is an hour shorter or longer in real time on those nights.
- A dated schedule (valid_from and/or valid_to set) governs the dates it
  covers: on those dates the weekly hours do not apply, only the dated
  schedules covering the date (holiday hours). A dated schedule without
  opens_at/closes_at closes the dates it covers, and a closure wins over
  holiday hours on the same date. Because a window belongs to the date it
  opens on, an overnight window that opened the evening before a closed day
  still runs until its closing time.
- Recurrence follows RFC 5545 for the parts HSDS uses: WEEKLY with BYDAY
  ("MO,TU"; three-letter days are accepted too), MONTHLY with BYDAY ordinals
  ("2MO", "-1FR") and/or BYMONTHDAY ("1,15,-1"), INTERVAL counted from
  DTSTART, UNTIL, COUNT (counted from DTSTART). A schedule with hours but no
  FREQ and no BYDAY applies every day. A schedule with only one of opens_at
  and closes_at is ignored (it does not say when the place is open).
"""

import calendar
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings

from hrkit.directory.models import Schedule

WEEKDAY_NUMBERS = {
    "MO": 0,
    "TU": 1,
    "WE": 2,
    "TH": 3,
    "FR": 4,
    "SA": 5,
    "SU": 6,
}
UNTIL_MIDNIGHT = time(23, 59)
BYDAY_PART = re.compile(r"^([+-]?\d{1,2})?([A-Z]{2})[A-Z]?$")
# COUNT is checked by walking the days from DTSTART; a bound keeps a bad row cheap.
MAX_COUNT_WALK_DAYS = 3660

Interval = tuple[datetime, datetime]
# A saved Schedule or a ScheduleRule read back from the search card.
AnySchedule = Union[Schedule, "ScheduleRule"]


@lru_cache(maxsize=512)
def zone_named(name: str) -> ZoneInfo:
    """The IANA zone with this name, or the program's own zone when it is empty or unknown."""
    try:
        return ZoneInfo(name) if name else ZoneInfo(settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def is_open_at(schedules: Sequence[AnySchedule], moment: datetime, location_time_zone: str) -> bool:
    """Whether the schedules have the place open at this moment (an aware datetime)."""
    instant = _instant(moment)
    return _is_open(
        schedules, instant, location_time_zone, _opening_on(schedules, location_time_zone)
    )


def hours_on(
    schedules: Sequence[AnySchedule], day: date, time_zone: str
) -> list[tuple[time, time]]:
    """The windows that open on this date, as (opens, closes) wall-clock times in time_zone."""
    return list(day_hours(schedules, day, time_zone).windows)


# How far ahead "opens next" looks: far enough for a monthly van's next stop.
LOOKAHEAD_DAYS = 45


@dataclass(frozen=True)
class DayHours:
    """A date's hours in one zone: the windows that open on it, and whether it is open throughout.

    open_all_day is decided on instants, not on how the windows read: a place
    open 00:00-00:00 in New York is open all of a Chicago day, though its
    windows read 23:00-23:00 there.
    """

    windows: tuple[tuple[time, time], ...]
    open_all_day: bool


@dataclass(frozen=True)
class HoursNow:
    """What a result says about its hours at a moment, in the zone it was asked for."""

    today_date: date
    today: DayHours
    open_now: bool
    # The next opening after the moment when closed now (local to the zone), else None.
    opens_next: datetime | None


def day_hours(schedules: Sequence[AnySchedule], day: date, time_zone: str) -> DayHours:
    """The hours of a date as the clocks of time_zone read it."""
    return _day_hours(_opening_on(schedules, time_zone), day, zone_named(time_zone))


def hours_now(schedules: Sequence[AnySchedule], moment: datetime, time_zone: str) -> HoursNow:
    """Today's hours, whether open now and, if not, when it opens next, in time_zone's clocks."""
    instant = _instant(moment)
    zone = zone_named(time_zone)
    today = instant.astimezone(zone).date()
    if not schedules:
        return HoursNow(today, DayHours((), False), False, None)
    opening_on = _opening_on(schedules, time_zone)
    open_now = _is_open(schedules, instant, time_zone, opening_on)
    opens_next = None
    if not open_now:
        upcoming = _upcoming(schedules, today, time_zone, opening_on)
        opens_next = next((opens for opens, _ in upcoming if opens > instant), None)
    return HoursNow(
        today,
        _day_hours(opening_on, today, zone),
        open_now,
        opens_next.astimezone(zone) if opens_next else None,
    )


def _windows_near(opening_on: Callable[[date], Sequence[Interval]], day: date) -> list[Interval]:
    # A schedule's date can be a day off the zone's date either way (UTC-12
    # against UTC+14), and a window can run into the next day: two days each
    # side hold every window that touches the date.
    return sorted(
        {window for offset in range(-2, 3) for window in opening_on(day + timedelta(days=offset))}
    )


def _day_hours(
    opening_on: Callable[[date], Sequence[Interval]], day: date, zone: ZoneInfo
) -> DayHours:
    windows = _windows_near(opening_on, day)
    starts = [w for w in windows if w[0].astimezone(zone).date() == day]
    return DayHours(tuple(_wall_clock(starts, zone)), _covers_day(windows, day, zone))


def _covers_day(windows: Sequence[Interval], day: date, zone: ZoneInfo) -> bool:
    """Whether windows (sorted by opening) leave no moment of the local date closed."""
    reached = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    for opens, closes in windows:
        if opens > reached:
            break
        reached = max(reached, closes)
    return reached >= end


def _upcoming(
    schedules: Sequence[AnySchedule],
    today: date,
    time_zone: str,
    opening_on: Callable[[date], Sequence[Interval]],
) -> tuple[Interval, ...]:
    if isinstance(schedules, tuple):
        return _rule_upcoming(schedules, today, time_zone)
    return _scan_upcoming(opening_on, today)


@lru_cache(maxsize=2048)
def _rule_upcoming(
    rules: tuple[AnySchedule, ...], today: date, time_zone: str
) -> tuple[Interval, ...]:
    return _scan_upcoming(lambda day: _rule_windows(rules, day, time_zone), today)


def _scan_upcoming(
    opening_on: Callable[[date], Sequence[Interval]], today: date
) -> tuple[Interval, ...]:
    """The windows that may hold the next opening after any moment of today, in order.

    Dates are a schedule's own, which can be a day off the zone's either way
    (UTC-12 against UTC+14): every window of the day before to two days after
    is kept (each may open before or after the moment), then the first later
    date with a window and the two after it (a window of a zone far behind
    can open before one of a zone far ahead dated a day earlier).
    """
    found: set[Interval] = set()
    last = today + timedelta(days=LOOKAHEAD_DAYS)
    day = today - timedelta(days=1)
    while day <= last:
        windows = opening_on(day)
        found.update(windows)
        if windows and day >= today + timedelta(days=3):
            last = min(last, day + timedelta(days=2))
        day += timedelta(days=1)
    return tuple(sorted(found))


def _instant(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("moment must carry its time zone")
    return moment.astimezone(UTC)


def _is_open(
    schedules: Sequence[AnySchedule],
    instant: datetime,
    location_time_zone: str,
    opening_on: Callable[[date], Sequence[Interval]],
) -> bool:
    return any(
        opens <= instant < closes
        for day in _days_around(schedules, instant, location_time_zone)
        for opens, closes in opening_on(day)
    )


def _opening_on(
    schedules: Sequence[AnySchedule], location_time_zone: str
) -> Callable[[date], Sequence[Interval]]:
    """windows_opening_on for these schedules, each date computed once.

    ScheduleRules in a tuple (what the locator reads from its cards) are
    hashable, so their windows are also kept across searches: many places
    share the same hours.
    """
    if isinstance(schedules, tuple):
        return lambda day: _rule_windows(schedules, day, location_time_zone)
    return lru_cache(maxsize=None)(
        lambda day: tuple(windows_opening_on(schedules, day, location_time_zone))
    )


@lru_cache(maxsize=8192)
def _rule_windows(
    rules: tuple[AnySchedule, ...], day: date, time_zone: str
) -> tuple[Interval, ...]:
    return tuple(windows_opening_on(rules, day, time_zone))


def _wall_clock(windows: Sequence[Interval], zone: ZoneInfo) -> list[tuple[time, time]]:
    return [
        (opens.astimezone(zone).time(), closes.astimezone(zone).time()) for opens, closes in windows
    ]


def windows_opening_on(
    schedules: Sequence[AnySchedule], day: date, location_time_zone: str
) -> list[Interval]:
    """The (opens, closes) instants in UTC of the windows that open on this date, in order."""
    windows = []
    for schedule in governing_schedules(schedules, day):
        opens, closes = schedule.opens_at, schedule.closes_at
        if opens is not None and closes is not None and occurs_on(schedule, day):
            zone = zone_named(schedule.time_zone or location_time_zone)
            windows.append(_window(day, opens, closes, zone))
    return sorted(set(windows))


def governing_schedules(schedules: Iterable[AnySchedule], day: date) -> list[AnySchedule]:
    """The schedules that decide this date: the dated ones covering it, else the weekly ones."""
    regular, dated = [], []
    for schedule in schedules:
        if _is_dated(schedule):
            if _covers(schedule, day):
                dated.append(schedule)
        else:
            regular.append(schedule)
    if not dated:
        return regular
    if any(_is_closure(schedule) for schedule in dated):
        return []
    return dated


def occurs_on(schedule: AnySchedule, day: date) -> bool:
    """Whether the schedule's recurrence includes this date (its hours aside)."""
    if schedule.dtstart and day < schedule.dtstart:
        return False
    if schedule.until and day > schedule.until:
        return False
    if not _matches_rule(schedule, day):
        return False
    if schedule.count and schedule.dtstart:
        return _occurrences_before(schedule, day) < schedule.count
    return True


def _window(day: date, opens: time, closes: time, zone: ZoneInfo) -> Interval:
    start = datetime.combine(day, opens, tzinfo=zone)
    if closes == UNTIL_MIDNIGHT and opens < closes:
        end = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=zone)
    elif closes <= opens:
        end = datetime.combine(day + timedelta(days=1), closes, tzinfo=zone)
    else:
        end = datetime.combine(day, closes, tzinfo=zone)
    # A wall time in the spring-forward gap reads (fold=0) with the offset
    # before the jump, so 02:30 lands an hour after 01:30, shown as 03:30.
    return start.astimezone(UTC), end.astimezone(UTC)


def _days_around(
    schedules: Sequence[AnySchedule], instant: datetime, location_time_zone: str
) -> set[date]:
    """Dates on which a window holding the instant could have opened, in every zone involved."""
    zone_names = {schedule.time_zone or location_time_zone for schedule in schedules}
    days = set()
    for name in zone_names or {location_time_zone}:
        local_day = instant.astimezone(zone_named(name)).date()
        # No window lasts more than a day (plus a daylight-saving hour).
        days.update({local_day, local_day - timedelta(days=1)})
    return days


def _is_dated(schedule: AnySchedule) -> bool:
    return schedule.valid_from is not None or schedule.valid_to is not None


def _is_closure(schedule: AnySchedule) -> bool:
    return schedule.opens_at is None and schedule.closes_at is None


def _covers(schedule: AnySchedule, day: date) -> bool:
    if schedule.valid_from and day < schedule.valid_from:
        return False
    return not (schedule.valid_to and day > schedule.valid_to)


@lru_cache(maxsize=1024)
def _byday(text: str) -> tuple[tuple[int | None, int], ...]:
    """(ordinal or None, weekday number) for each well-formed part of an RFC 5545 BYDAY."""
    parts = []
    for raw in text.upper().replace(" ", "").split(","):
        match = BYDAY_PART.match(raw)
        if match and match.group(2) in WEEKDAY_NUMBERS:
            ordinal = int(match.group(1)) if match.group(1) else None
            parts.append((ordinal or None, WEEKDAY_NUMBERS[match.group(2)]))
    return tuple(parts)


@lru_cache(maxsize=1024)
def _numbers(text: str) -> tuple[int, ...]:
    numbers = []
    for raw in text.replace(" ", "").split(","):
        try:
            numbers.append(int(raw))
        except ValueError:
            continue
    return tuple(numbers)


def _matches_rule(schedule: AnySchedule, day: date) -> bool:
    freq = (schedule.freq or "").upper()
    byday = _byday(schedule.byday or "")
    interval = schedule.interval or 1
    if not freq and byday:
        freq = "WEEKLY"
    if freq == "WEEKLY":
        return _matches_weekly(schedule, day, byday, interval)
    if freq == "MONTHLY":
        return _matches_monthly(schedule, day, byday, interval)
    if freq == "DAILY" and schedule.dtstart and interval > 1:
        return (day - schedule.dtstart).days % interval == 0
    return True


def _matches_weekly(
    schedule: AnySchedule, day: date, byday: tuple[tuple[int | None, int], ...], interval: int
) -> bool:
    weekdays = {weekday for _, weekday in byday}
    if not weekdays and schedule.dtstart:
        weekdays = {schedule.dtstart.weekday()}
    if weekdays and day.weekday() not in weekdays:
        return False
    if interval > 1 and schedule.dtstart:
        week_start = WEEKDAY_NUMBERS.get((schedule.wkst or "MO")[:2].upper(), 0)

        def week_of(d: date) -> date:
            return d - timedelta(days=(d.weekday() - week_start) % 7)

        return ((week_of(day) - week_of(schedule.dtstart)).days // 7) % interval == 0
    return True


def _matches_monthly(
    schedule: AnySchedule, day: date, byday: tuple[tuple[int | None, int], ...], interval: int
) -> bool:
    if interval > 1 and schedule.dtstart:
        months = (day.year - schedule.dtstart.year) * 12 + day.month - schedule.dtstart.month
        if months % interval:
            return False
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    monthdays = _numbers(schedule.bymonthday or "")
    if monthdays and not any(day.day == (n if n > 0 else days_in_month + n + 1) for n in monthdays):
        return False
    if byday:
        from_start = (day.day - 1) // 7 + 1
        from_end = (days_in_month - day.day) // 7 + 1
        return any(
            day.weekday() == weekday and (ordinal is None or ordinal in (from_start, -from_end))
            for ordinal, weekday in byday
        )
    if not monthdays and schedule.dtstart:
        return day.day == schedule.dtstart.day
    return True


def _occurrences_before(schedule: AnySchedule, day: date) -> int:
    assert schedule.dtstart is not None
    seen = 0
    current = schedule.dtstart
    last = min(day, schedule.dtstart + timedelta(days=MAX_COUNT_WALK_DAYS))
    while current < last:
        if _matches_rule(schedule, current):
            seen += 1
        current += timedelta(days=1)
    return seen


DATE_FIELDS = ("valid_from", "valid_to", "dtstart", "until")
TIME_FIELDS = ("opens_at", "closes_at")
TEXT_FIELDS = ("wkst", "freq", "byday", "bymonthday", "time_zone")
NUMBER_FIELDS = ("count", "interval")


def schedule_fields(schedule: Schedule) -> dict:
    """The parts of a schedule that decide its hours, as JSON-ready values."""
    fields: dict = {}
    for name in DATE_FIELDS + TIME_FIELDS:
        value = getattr(schedule, name)
        if value is not None:
            fields[name] = value.isoformat()
    for name in TEXT_FIELDS + NUMBER_FIELDS:
        value = getattr(schedule, name)
        if value:
            fields[name] = value
    return fields


@dataclass(frozen=True)
class ScheduleRule:
    """The hour-deciding parts of a Schedule, light enough to build by the thousand."""

    valid_from: date | None = None
    valid_to: date | None = None
    dtstart: date | None = None
    until: date | None = None
    count: int | None = None
    wkst: str = ""
    freq: str = ""
    interval: int | None = None
    byday: str = ""
    bymonthday: str = ""
    opens_at: time | None = None
    closes_at: time | None = None
    time_zone: str = ""


@lru_cache(maxsize=4096)
def rules_from_json(text: str) -> tuple[ScheduleRule, ...]:
    """The ScheduleRules of a JSON list of schedule_fields (as SearchCard keeps them)."""
    return tuple(schedule_from_fields(fields) for fields in json.loads(text))


def schedule_from_fields(fields: dict) -> ScheduleRule:
    """A ScheduleRule from schedule_fields' output."""
    values: dict = {name: fields[name] for name in TEXT_FIELDS + NUMBER_FIELDS if name in fields}
    for name in DATE_FIELDS:
        if name in fields:
            values[name] = date.fromisoformat(fields[name])
    for name in TIME_FIELDS:
        if name in fields:
            values[name] = time.fromisoformat(fields[name])
    return ScheduleRule(**values)
