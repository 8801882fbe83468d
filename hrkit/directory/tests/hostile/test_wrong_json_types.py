"""A JSON value of the wrong type anywhere in a record is a row problem, never a crash."""

import contextlib
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrkit.directory import models as m
from hrkit.directory.exchange.problems import ImportFailed
from hrkit.directory.exchange.services import import_hsds
from hrkit.directory.tests.hostile.builders import one_service, write_json

pytestmark = pytest.mark.django_db


def problems_for(tmp_path: Path, service: dict[str, Any]) -> list[str]:
    with pytest.raises(ImportFailed) as failure:
        import_hsds(write_json(tmp_path / "services.json", [service]))
    assert m.Service.objects.count() == 0
    assert m.Organization.objects.count() == 0
    return failure.value.problems.lines()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"attributes": 5}, "services.json:$[0]: attributes: must be a JSON array"),
        ({"attributes": "naloxone"}, "services.json:$[0]: attributes: must be a JSON array"),
        ({"phones": {"number": "988"}}, "services.json:$[0]: phones: must be a JSON array"),
        (
            {"service_at_locations": 7},
            "services.json:$[0]: service_at_locations: must be a JSON array",
        ),
        ({"name": {"en": "Naloxone"}}, "services.json:$[0]: name: must be text"),
        ({"url": ["https://example.org"]}, "services.json:$[0]: url: must be a web address"),
        ({"organization": "Harm Reduction Hub"}, "organization: must be a JSON object"),
        ({"languages": [{"id": "l", "code": ["es"]}]}, "code: must be text"),
        ({"phones": [{"id": "p", "number": 7735550101.5}]}, "number: is not a phone number"),
        ({"organization_id": {"id": "org-1"}}, "organization_id: must be an id"),
        ({"minimum_age": [18]}, "minimum_age: must be a whole number"),
        ({"schedules": [{"id": "s", "opens_at": {"h": 9}}]}, "opens_at: must be a time"),
    ],
)
def test_wrong_types_are_named_by_path_and_field(
    tmp_path: Path, changes: dict[str, Any], expected: str
) -> None:
    lines = problems_for(tmp_path, one_service(**changes))

    assert any(expected in line for line in lines), lines


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)

# Fields of each object of a valid record, by where the object sits.
PLACES = {
    "service": [],
    "organization": ["organization"],
    "phone": ["phones", 0],
    "language": ["languages", 0],
    "link": ["service_at_locations", 0],
    "location": ["service_at_locations", 0, "location"],
}
FIELDS = [
    "id", "name", "description", "status", "url", "email", "minimum_age", "assured_date",
    "organization", "organization_id", "phones", "languages", "schedules", "attributes",
    "service_areas", "cost_options", "contacts", "service_at_locations", "number",
    "extension", "type", "code", "location", "location_id", "latitude", "longitude",
    "hrkit_time_zone", "addresss", "taxonomy_term", "service_id",
]  # fmt: skip


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(place=st.sampled_from(sorted(PLACES)), field=st.sampled_from(FIELDS), value=json_values)
def test_any_json_value_in_any_field_imports_or_is_reported(
    tmp_path: Path, place: str, field: str, value: Any
) -> None:
    service = one_service()
    target: Any = service
    for step in PLACES[place]:
        target = target[step]
    target[field] = value
    path = write_json(tmp_path / "services.json", [service])

    # Each example is rolled back, so the next starts from an empty directory.
    with contextlib.suppress(RolledBack), transaction.atomic():
        try:
            import_hsds(path)
        except ImportFailed as failure:
            assert failure.problems.count > 0
            assert m.Service.objects.count() == 0
        raise RolledBack


class RolledBack(Exception):
    pass
