"""Opening hours: time zones, daylight saving, overnight windows, closures, recurrence."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from hrkit.directory.hours import hours_on, is_open_at
from hrkit.directory.models import Schedule

NEW_YORK = "America/New_York"
PHOENIX = "America/Phoenix"
NY = ZoneInfo(NEW_YORK)


def weekly(byday: str, opens: time, closes: time, **fields) -> Schedule:
    return Schedule(freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes, **fields)


def at(zone: str, *parts: int, fold: int = 0) -> datetime:
    return datetime(*parts, tzinfo=ZoneInfo(zone), fold=fold)


def test_weekday_hours_in_the_locations_zone():
    schedules = [weekly("MO,TU,WE,TH,FR", time(9), time(17))]
    # Wednesday 2025-01-15.
    assert is_open_at(schedules, at(NEW_YORK, 2025, 1, 15, 9, 0), NEW_YORK)
    assert is_open_at(schedules, at(NEW_YORK, 2025, 1, 15, 16, 59), NEW_YORK)
    assert not is_open_at(schedules, at(NEW_YORK, 2025, 1, 15, 17, 0), NEW_YORK)
    assert not is_open_at(schedules, at(NEW_YORK, 2025, 1, 18, 12, 0), NEW_YORK)  # Saturday
    # 09:30 in Chicago is 10:30 in New York: the same instant, open.
    assert is_open_at(schedules, at("America/Chicago", 2025, 1, 15, 8, 30), NEW_YORK)
    # The same hours kept in Los Angeles are not open at 09:30 New York time.
    assert not is_open_at(schedules, at(NEW_YORK, 2025, 1, 15, 9, 30), "America/Los_Angeles")


def test_overnight_from_saturday_into_sunday():
    schedules = [weekly("SA", time(20), time(2))]
    assert is_open_at(schedules, at(NEW_YORK, 2025, 1, 18, 23, 0), NEW_YORK)  # Saturday
    assert is_open_at(schedules, at(NEW_YORK, 2025, 1, 19, 1, 0), NEW_YORK)  # Sunday
    assert not is_open_at(schedules, at(NEW_YORK, 2025, 1, 19, 2, 0), NEW_YORK)
    assert not is_open_at(schedules, at(NEW_YORK, 2025, 1, 19, 21, 0), NEW_YORK)
    assert hours_on(schedules, date(2025, 1, 18), NEW_YORK) == [(time(20), time(2))]
    assert hours_on(schedules, date(2025, 1, 19), NEW_YORK) == []


def test_spring_forward_night_in_new_york():
    # 2025-03-09: clocks go from 02:00 EST to 03:00 EDT.
    night = [weekly("SU", time(1), time(3))]
    assert is_open_at(night, at(NEW_YORK, 2025, 3, 9, 1, 30), NEW_YORK)
    assert not is_open_at(night, at(NEW_YORK, 2025, 3, 9, 3, 0), NEW_YORK)
    # One real hour: 06:00 UTC to 07:00 UTC.
    assert is_open_at(night, datetime(2025, 3, 9, 6, 59, tzinfo=UTC), NEW_YORK)
    assert not is_open_at(night, datetime(2025, 3, 9, 7, 0, tzinfo=UTC), NEW_YORK)
    overnight = [weekly("SA", time(20), time(2, 30))]
    # 02:30 does not exist that night: read with the offset before the jump
    # it is 07:30 UTC, which the clocks show as 03:30.
    assert is_open_at(overnight, at(NEW_YORK, 2025, 3, 9, 3, 15), NEW_YORK)
    assert not is_open_at(overnight, at(NEW_YORK, 2025, 3, 9, 3, 30), NEW_YORK)


def test_fall_back_night_in_new_york():
    # 2025-11-02: clocks go from 02:00 EDT back to 01:00 EST.
    night = [weekly("SU", time(1), time(3))]
    first_half_past_one = at(NEW_YORK, 2025, 11, 2, 1, 30, fold=0)
    second_half_past_one = at(NEW_YORK, 2025, 11, 2, 1, 30, fold=1)
    assert is_open_at(night, first_half_past_one, NEW_YORK)
    assert is_open_at(night, second_half_past_one, NEW_YORK)
    assert is_open_at(night, at(NEW_YORK, 2025, 11, 2, 2, 30), NEW_YORK)
    assert not is_open_at(night, at(NEW_YORK, 2025, 11, 2, 3, 0), NEW_YORK)
    # Three real hours: 05:00 UTC to 08:00 UTC.
    assert is_open_at(night, datetime(2025, 11, 2, 7, 59, tzinfo=UTC), NEW_YORK)
    assert not is_open_at(night, datetime(2025, 11, 2, 4, 59, tzinfo=UTC), NEW_YORK)


def test_phoenix_keeps_its_hours_all_year():
    schedules = [weekly("SU", time(1), time(3))]
    # Arizona has no daylight saving: 01:00-03:00 MST is 08:00-10:00 UTC both seasons.
    for day in (date(2025, 3, 9), date(2025, 11, 2), date(2025, 7, 6)):
        assert is_open_at(schedules, datetime.combine(day, time(8), tzinfo=UTC), PHOENIX)
        assert not is_open_at(schedules, datetime.combine(day, time(10), tzinfo=UTC), PHOENIX)


def test_24_hour_places():
    all_day = [Schedule(opens_at=time(0), closes_at=time(0))]
    until_midnight = [Schedule(opens_at=time(0), closes_at=time(23, 59))]
    for minute in range(0, 24 * 60, 7):
        moment = at(NEW_YORK, 2025, 6, 1) + timedelta(minutes=minute)
        assert is_open_at(all_day, moment, NEW_YORK)
        assert is_open_at(until_midnight, moment, NEW_YORK)
    assert is_open_at(until_midnight, at(NEW_YORK, 2025, 6, 1, 23, 59, 30), NEW_YORK)
    assert hours_on(all_day, date(2025, 6, 1), NEW_YORK) == [(time(0), time(0))]


def test_dated_closure_closes_the_day_but_not_the_night_before():
    schedules = [
        weekly("MO,TU,WE,TH,FR,SA,SU", time(20), time(2)),
        Schedule(valid_from=date(2025, 12, 25), valid_to=date(2025, 12, 25)),
    ]
    # The window that opened on the 24th still runs past midnight.
    assert is_open_at(schedules, at(NEW_YORK, 2025, 12, 25, 1, 0), NEW_YORK)
    assert not is_open_at(schedules, at(NEW_YORK, 2025, 12, 25, 21, 0), NEW_YORK)
    assert not is_open_at(schedules, at(NEW_YORK, 2025, 12, 26, 1, 0), NEW_YORK)
    assert is_open_at(schedules, at(NEW_YORK, 2025, 12, 26, 21, 0), NEW_YORK)
    assert hours_on(schedules, date(2025, 12, 25), NEW_YORK) == []


def test_holiday_hours_replace_the_weekly_hours():
    schedules = [
        weekly("MO,TU,WE,TH,FR", time(9), time(17)),
        Schedule(
            valid_from=date(2025, 11, 27),
            valid_to=date(2025, 11, 27),
            opens_at=time(10),
            closes_at=time(13),
        ),
    ]
    thanksgiving = date(2025, 11, 27)
    assert hours_on(schedules, thanksgiving, NEW_YORK) == [(time(10), time(13))]
    assert not is_open_at(schedules, at(NEW_YORK, 2025, 11, 27, 9, 30), NEW_YORK)
    assert is_open_at(schedules, at(NEW_YORK, 2025, 11, 27, 12, 0), NEW_YORK)
    assert hours_on(schedules, date(2025, 11, 28), NEW_YORK) == [(time(9), time(17))]


def test_a_closure_wins_over_holiday_hours_on_the_same_date():
    schedules = [
        Schedule(valid_from=date(2025, 1, 1), valid_to=date(2025, 1, 1)),
        Schedule(valid_from=date(2025, 1, 1), opens_at=time(9), closes_at=time(12)),
    ]
    assert hours_on(schedules, date(2025, 1, 1), NEW_YORK) == []
    assert hours_on(schedules, date(2025, 1, 2), NEW_YORK) == [(time(9), time(12))]


def test_monthly_nth_weekday():
    second_monday = Schedule(freq="MONTHLY", byday="2MO", opens_at=time(9), closes_at=time(12))
    last_friday = Schedule(freq="MONTHLY", byday="-1FR", opens_at=time(13), closes_at=time(15))
    schedules = [second_monday, last_friday]
    # March 2025: Mondays 3, 10, 17, 24, 31; Fridays 7, 14, 21, 28.
    assert hours_on(schedules, date(2025, 3, 10), NEW_YORK) == [(time(9), time(12))]
    assert hours_on(schedules, date(2025, 3, 3), NEW_YORK) == []
    assert hours_on(schedules, date(2025, 3, 28), NEW_YORK) == [(time(13), time(15))]
    assert hours_on(schedules, date(2025, 3, 21), NEW_YORK) == []


def test_monthly_by_month_day():
    first_and_last = Schedule(
        freq="MONTHLY", bymonthday="1,-1", opens_at=time(9), closes_at=time(10)
    )
    assert hours_on([first_and_last], date(2025, 2, 28), NEW_YORK)
    assert hours_on([first_and_last], date(2025, 2, 1), NEW_YORK)
    assert not hours_on([first_and_last], date(2025, 2, 27), NEW_YORK)


def test_until_dtstart_interval_and_count():
    fortnightly = weekly("TU", time(9), time(11), dtstart=date(2025, 1, 7), interval=2)
    assert hours_on([fortnightly], date(2025, 1, 7), NEW_YORK)
    assert not hours_on([fortnightly], date(2025, 1, 14), NEW_YORK)
    assert hours_on([fortnightly], date(2025, 1, 21), NEW_YORK)
    assert not hours_on([fortnightly], date(2024, 12, 24), NEW_YORK)
    ended = weekly("TU", time(9), time(11), until=date(2025, 1, 14))
    assert hours_on([ended], date(2025, 1, 14), NEW_YORK)
    assert not hours_on([ended], date(2025, 1, 21), NEW_YORK)
    three_times = weekly("TU", time(9), time(11), dtstart=date(2025, 1, 7), count=3)
    assert hours_on([three_times], date(2025, 1, 21), NEW_YORK)
    assert not hours_on([three_times], date(2025, 1, 28), NEW_YORK)


def test_summer_hours_govern_their_date_range():
    schedules = [
        weekly("MO,TU,WE,TH,FR,SA", time(9), time(17)),
        weekly(
            "MO,TU,WE,TH,FR",
            time(10),
            time(14),
            valid_from=date(2025, 6, 1),
            valid_to=date(2025, 8, 31),
        ),
    ]
    assert hours_on(schedules, date(2025, 7, 1), NEW_YORK) == [(time(10), time(14))]
    assert hours_on(schedules, date(2025, 7, 5), NEW_YORK) == []  # a summer Saturday
    assert hours_on(schedules, date(2025, 9, 6), NEW_YORK) == [(time(9), time(17))]


def test_schedule_in_its_own_zone_and_odd_rows():
    # Hours kept in Chicago for a location listed in New York.
    chicago = [weekly("WE", time(9), time(10), time_zone="America/Chicago")]
    assert hours_on(chicago, date(2025, 1, 15), NEW_YORK) == [(time(10), time(11))]
    # A row with only an opening time says nothing about when the place is open.
    half = [Schedule(freq="WEEKLY", byday="WE", opens_at=time(9))]
    assert not is_open_at(half, at(NEW_YORK, 2025, 1, 15, 9, 30), NEW_YORK)
    # Three-letter days and a bad part are read as far as they go.
    odd = [weekly("WED,XX", time(9), time(10))]
    assert hours_on(odd, date(2025, 1, 15), NEW_YORK) == [(time(9), time(10))]
    assert not is_open_at([], at(NEW_YORK, 2025, 1, 15, 9, 30), NEW_YORK)


ZONES = st.sampled_from([NEW_YORK, PHOENIX, "America/Chicago", "America/Los_Angeles", "UTC"])
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
TIMES = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@settings(max_examples=300, deadline=None)
@given(day=DAYS, opens=TIMES, closes=TIMES, zone=ZONES)
def test_overnight_window_is_open_after_opening_and_closed_after_closing(day, opens, closes, zone):
    if closes >= opens:
        opens, closes = closes, opens
    if closes == opens:
        return
    schedules = [weekly(WEEKDAYS[day.weekday()], opens, closes)]
    tz = ZoneInfo(zone)
    start = datetime.combine(day, opens, tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), closes, tzinfo=tz).astimezone(UTC)
    if end - start > timedelta(minutes=1):
        assert is_open_at(schedules, start + timedelta(minutes=1), zone)
    assert is_open_at(schedules, start, zone)
    assert not is_open_at(schedules, end + timedelta(minutes=1), zone)
    assert not is_open_at(schedules, start - timedelta(minutes=1), zone)


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
    ),
    opens=TIMES,
    closes=TIMES,
    zone=ZONES,
    seen_from=ZONES,
    byday=st.lists(st.sampled_from(WEEKDAYS), min_size=1, unique=True),
)
def test_answer_does_not_depend_on_the_zone_the_moment_is_written_in(
    moment, opens, closes, zone, seen_from, byday
):
    schedules = [weekly(",".join(byday), opens, closes)]
    assert is_open_at(schedules, moment, zone) == is_open_at(
        schedules, moment.astimezone(ZoneInfo(seen_from)), zone
    )


@settings(max_examples=200, deadline=None)
@given(day=DAYS, zone=ZONES, opens=TIMES, closes=TIMES)
def test_a_closure_day_has_no_windows(day, zone, opens, closes):
    schedules = [
        Schedule(opens_at=opens, closes_at=closes),
        Schedule(valid_from=day, valid_to=day),
    ]
    assert hours_on(schedules, day, zone) == []
    assert hours_on(schedules, day + timedelta(days=1), zone) != []
