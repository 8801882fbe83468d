"""The nearest-ZIP search agrees with a brute-force walk over every ZIP centre."""

import zipcodes
from hypothesis import given, settings
from hypothesis import strategies as st

from hrkit.core.geo import NEAREST_ZIP_MAX_KM, Point, great_circle_km, nearest_zip

CENTRES = [
    (row["zip_code"], Point(float(row["lat"]), float(row["long"])))
    for row in zipcodes.list_all()
    if row.get("lat") and row.get("long")
]


def brute_force_nearest(point: Point) -> tuple[str, float]:
    distance, code = min((great_circle_km(point, centre), code) for code, centre in CENTRES)
    return code, distance


@settings(max_examples=40, deadline=None)
@given(
    latitude=st.floats(min_value=18.0, max_value=65.0),
    longitude=st.floats(min_value=-165.0, max_value=-65.0),
)
def test_nearest_zip_is_the_nearest_centre(latitude: float, longitude: float) -> None:
    point = Point(latitude, longitude)
    code, distance = brute_force_nearest(point)
    found = nearest_zip(point)
    if distance > NEAREST_ZIP_MAX_KM:
        assert found is None
    else:
        assert found is not None
        # Two centres can sit at the same distance; then either is right.
        assert great_circle_km(point, found.point) == distance or found.zip_code == code
