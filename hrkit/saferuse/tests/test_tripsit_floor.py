"""No pair is rated below TripSit's combination chart (tests/data/tripsit_floor.yaml),
unless the rule that rates it names a source for the lower level."""

from itertools import product
from pathlib import Path

import pytest
import yaml

from hrkit.saferuse.catalogue import catalogue
from hrkit.saferuse.combinations import LEVELS, rate_pair

CHART = yaml.safe_load((Path(__file__).parent / "data" / "tripsit_floor.yaml").read_text())


def _floor_pairs() -> list[tuple[str, str, str, str]]:
    pairs = []
    for entry in CHART["floor"]:
        first, second = entry["tripsit"]
        level = CHART["levels"][entry["status"]]
        for a, b in product(CHART["groups"][first], CHART["groups"][second]):
            pairs.append((a, b, level, f"{first}+{second}"))
    return pairs


FLOOR = _floor_pairs()


def test_the_table_covers_every_group_pair_of_the_chart_that_hrkit_has():
    assert len(CHART["floor"]) == 145
    assert len(FLOOR) >= 300
    known = catalogue().substances
    assert all(a in known and b in known for a, b, _level, _group in FLOOR)


@pytest.mark.parametrize(("first", "second", "floor", "groups"), FLOOR)
def test_no_pair_is_rated_below_the_chart(first, second, floor, groups):
    data = catalogue()
    rating = rate_pair(data.substances[first], data.substances[second])
    if LEVELS.index(rating.risk) >= LEVELS.index(floor):
        return
    # A lower level stands only with a source for it, shown with the answer.
    disagreeing = [f.below_chart for f in rating.findings if f.below_chart]
    assert disagreeing, f"{first} + {second} is {rating.risk}, below TripSit's {floor} ({groups})"
    assert set(disagreeing) <= set(rating.sources)
