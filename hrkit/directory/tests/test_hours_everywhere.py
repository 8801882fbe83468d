"""Hours read alike wherever the person searching is: open all day, and the next opening."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from hrkit.directory.hours import ScheduleRule, day_hours, hours_now, is_open_at
from hrkit.directory.locator import hours_text, opens_next_text
from hrkit.directory.models import Schedule

ZONES = sorted(available_timezones() - {"Factory", "localtime"})
NEW_YORK = "America/New_York"

# The ways a data keeper writes "open around the clock, every day".
ALL_DAY_FORMS = [
    {"opens_at": time(0), "closes_at": time(0)},
    {"opens_at": time(0), "closes_at": time(23, 59)},
    {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": time(0), "closes_at": time(0)},
    {"freq": "DAILY", "opens_at": time(9), "closes_at": time(9)},
]

moments = st.datetimes(
    min_value=datetime(2000, 1, 3), max_value=datetime(2037, 12, 1), timezones=st.just(UTC)
)


def read_in_english(has_schedules, day) -> str:
    with translation.override("en"):
        return hours_text(has_schedules, day.windows, open_all_day=day.open_all_day)


@settings(max_examples=400, deadline=None)
@given(
    place_zone=st.sampled_from(ZONES),
    searcher_zone=st.sampled_from(ZONES),
    form=st.sampled_from(ALL_DAY_FORMS),
    moment=moments,
    zone_on_schedule=st.booleans(),
)
def test_open_all_day_every_day_reads_open_24_hours_in_every_zone(
    place_zone, searcher_zone, form, moment, zone_on_schedule
):
    # A hotline keeps its hours in its own zone and is read in the zone of the
    # person searching; a place without a zone on its schedule is read in its own.
    if zone_on_schedule:
        rules = (ScheduleRule(time_zone=place_zone, **form),)
        reading_zone = searcher_zone
    else:
        rules = (ScheduleRule(**form),)
        reading_zone = place_zone
    now = hours_now(rules, moment, reading_zone)
    assert now.open_now
    assert now.opens_next is None
    assert now.today.open_all_day
    assert read_in_english(True, now.today) == "Open 24 hours"
    assert is_open_at(rules, moment, reading_zone)
    # Every day of the week around the moment, not only today.
    for offset in range(7):
        day = now.today_date + timedelta(days=offset)
        assert day_hours(rules, day, reading_zone).open_all_day


@pytest.mark.parametrize(
    "zip_zone, reads",
    [("America/Chicago", "11 p.m.–11 p.m."), ("Pacific/Honolulu", "7 p.m.–7 p.m.")],
)
def test_an_eastern_hotline_open_all_day_is_not_read_as_its_clock_times(zip_zone, reads):
    # What the issue saw: 00:00-00:00 in New York read on Chicago and Honolulu clocks.
    hotline = (ScheduleRule(opens_at=time(0), closes_at=time(0), time_zone=NEW_YORK),)
    now = hours_now(hotline, datetime(2025, 1, 15, 17, tzinfo=UTC), zip_zone)
    assert read_in_english(True, now.today) == "Open 24 hours"


def test_a_day_with_a_gap_is_not_open_24_hours():
    # Open 00:00-23:00 in New York: Chicago's day has its 22:00-23:00 closed.
    almost = (ScheduleRule(opens_at=time(0), closes_at=time(23), time_zone=NEW_YORK),)
    day = day_hours(almost, date(2025, 1, 15), "America/Chicago")
    assert not day.open_all_day
    assert read_in_english(True, day) == "11 p.m.–10 p.m."


def test_open_all_day_until_a_closure_reads_open_24_hours_the_day_before():
    rules = (
        ScheduleRule(opens_at=time(0), closes_at=time(0)),
        ScheduleRule(valid_from=date(2025, 12, 25), valid_to=date(2025, 12, 25)),
    )
    assert day_hours(rules, date(2025, 12, 24), NEW_YORK).open_all_day
    assert not day_hours(rules, date(2025, 12, 25), NEW_YORK).open_all_day


# --- opens next ---------------------------------------------------------------

NY = ZoneInfo(NEW_YORK)
WEEKDAYS_NINE_TO_FIVE = Schedule(
    freq="WEEKLY", byday="MO,TU,WE,TH,FR", opens_at=time(9), closes_at=time(17)
)


def opens_next(schedules, moment, zone=NEW_YORK, language="en"):
    now = hours_now(schedules, moment, zone)
    if now.opens_next is None:
        return None
    with translation.override(language):
        return now.opens_next, opens_next_text(now.opens_next, now.today_date)


def test_closed_on_friday_evening_opens_next_on_monday():
    friday_evening = datetime(2025, 1, 17, 18, tzinfo=NY)
    moment, text = opens_next([WEEKDAYS_NINE_TO_FIVE], friday_evening)
    assert moment == datetime(2025, 1, 20, 9, tzinfo=NY)
    assert text == "Opens next: Monday 9 a.m."
    _, spanish = opens_next([WEEKDAYS_NINE_TO_FIVE], friday_evening, language="es")
    assert spanish == "Próxima apertura: lunes 09:00"


def test_before_opening_it_opens_today_and_after_closing_tomorrow():
    early = datetime(2025, 1, 15, 7, tzinfo=NY)
    assert opens_next([WEEKDAYS_NINE_TO_FIVE], early)[1] == "Opens next: today 9 a.m."
    late = datetime(2025, 1, 15, 17, tzinfo=NY)
    assert opens_next([WEEKDAYS_NINE_TO_FIVE], late)[1] == "Opens next: tomorrow 9 a.m."
    assert opens_next([WEEKDAYS_NINE_TO_FIVE], datetime(2025, 1, 15, 12, tzinfo=NY)) is None


def test_a_closure_on_the_next_open_day_moves_the_next_opening():
    closed_monday = Schedule(valid_from=date(2025, 1, 20), valid_to=date(2025, 1, 20))
    friday_evening = datetime(2025, 1, 17, 18, tzinfo=NY)
    moment, text = opens_next([WEEKDAYS_NINE_TO_FIVE, closed_monday], friday_evening)
    assert moment == datetime(2025, 1, 21, 9, tzinfo=NY)
    assert text == "Opens next: Tuesday 9 a.m."


def test_holiday_hours_on_the_next_open_day_are_its_opening():
    short_monday = Schedule(
        valid_from=date(2025, 1, 20),
        valid_to=date(2025, 1, 20),
        opens_at=time(11),
        closes_at=time(13),
    )
    friday_evening = datetime(2025, 1, 17, 18, tzinfo=NY)
    moment, _ = opens_next([WEEKDAYS_NINE_TO_FIVE, short_monday], friday_evening)
    assert moment == datetime(2025, 1, 20, 11, tzinfo=NY)


def test_overnight_hours_open_next_in_the_evening_and_are_open_after_midnight():
    saturday_night = [Schedule(freq="WEEKLY", byday="SA", opens_at=time(20), closes_at=time(2))]
    sunday_morning = datetime(2025, 1, 19, 1, tzinfo=NY)
    assert opens_next(saturday_night, sunday_morning) is None  # still open from Saturday
    moment, text = opens_next(saturday_night, datetime(2025, 1, 19, 3, tzinfo=NY))
    assert moment == datetime(2025, 1, 25, 20, tzinfo=NY)
    assert text == "Opens next: Saturday 8 p.m."
    _, today = opens_next(saturday_night, datetime(2025, 1, 25, 19, tzinfo=NY))
    assert today == "Opens next: today 8 p.m."


def test_a_monthly_stop_more_than_a_week_ahead_names_the_date():
    second_tuesday = Schedule(freq="MONTHLY", byday="2TU", opens_at=time(10), closes_at=time(14))
    moment, text = opens_next([second_tuesday], datetime(2025, 1, 15, 12, tzinfo=NY))
    assert moment == datetime(2025, 2, 11, 10, tzinfo=NY)
    assert text == "Opens next: Tuesday, February 11 10 a.m."


def test_opens_next_is_read_in_the_searchers_zone_for_a_hotline():
    line = (
        ScheduleRule(
            freq="WEEKLY",
            byday="MO,TU,WE,TH,FR",
            opens_at=time(9),
            closes_at=time(17),
            time_zone=NEW_YORK,
        ),
    )
    friday_evening = datetime(2025, 1, 17, 18, tzinfo=NY)
    moment, text = opens_next(line, friday_evening, zone="America/Los_Angeles")
    assert moment == datetime(2025, 1, 20, 9, tzinfo=NY)
    assert text == "Opens next: Monday 6 a.m."


def test_no_hours_and_no_opening_ahead_give_no_next_opening():
    assert opens_next([], datetime(2025, 1, 15, 12, tzinfo=NY)) is None
    ended = Schedule(
        freq="WEEKLY", byday="MO", opens_at=time(9), closes_at=time(17), until=date(2024, 1, 1)
    )
    assert opens_next([ended], datetime(2025, 1, 15, 12, tzinfo=NY)) is None
