"""Geographic helpers shared by the apps: distances, bounding boxes, ZIP codes.

ZIP codes are resolved offline from the `zipcodes` package's bundled data, so a
search never sends where a person is to a third party.
"""

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344
ZIP_PATTERN = re.compile(r"^\d{5}(-\d{4})?$")
# Beyond this a point is taken to be outside the area the ZIP data covers.
NEAREST_ZIP_MAX_KM = 60.0


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class ZipPlace:
    zip_code: str
    point: Point
    city: str
    state: str
    county: str
    time_zone: str


@dataclass(frozen=True)
class BoundingBox:
    min_latitude: float
    max_latitude: float
    min_longitude: float
    max_longitude: float


def great_circle_km(a: Point, b: Point) -> float:
    """Haversine distance in kilometres."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(center: Point, radius_km: float) -> BoundingBox:
    """A box that contains every point within radius_km of center.

    Near the poles or across the antimeridian the box is widened to the whole
    range of longitudes rather than split, which keeps the query one range scan.
    """
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    min_lat = max(-90.0, center.latitude - dlat)
    max_lat = min(90.0, center.latitude + dlat)
    cos_lat = math.cos(math.radians(max(abs(min_lat), abs(max_lat))))
    if cos_lat < 1e-6:
        return BoundingBox(min_lat, max_lat, -180.0, 180.0)
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat))
    min_lon, max_lon = center.longitude - dlon, center.longitude + dlon
    if dlon >= 180 or min_lon < -180 or max_lon > 180:
        return BoundingBox(min_lat, max_lat, -180.0, 180.0)
    return BoundingBox(min_lat, max_lat, min_lon, max_lon)


ZIP_GRID_DEGREES = 0.2


def unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    """The point on the unit sphere: dot products of these order points by great-circle distance."""
    lat, lon = math.radians(latitude), math.radians(longitude)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


# Each ZIP centre with its unit vector, so the nearest one is found with dot products.
ZipEntry = tuple[float, float, float, ZipPlace]


@lru_cache(maxsize=1)
def _zip_grid() -> dict[tuple[int, int], list[ZipEntry]]:
    import zipcodes

    grid: dict[tuple[int, int], list[ZipEntry]] = defaultdict(list)
    for row in zipcodes.list_all():
        if row.get("lat") and row.get("long"):
            point = Point(float(row["lat"]), float(row["long"]))
            place = ZipPlace(
                zip_code=row["zip_code"],
                point=point,
                city=row.get("city", ""),
                state=row.get("state", ""),
                county=row.get("county", ""),
                time_zone=row.get("timezone", ""),
            )
            grid[_zip_square(point)].append((*unit_vector(point.latitude, point.longitude), place))
    return dict(grid)


@lru_cache(maxsize=1)
def _zip_places() -> dict[str, ZipPlace]:
    return {entry[3].zip_code: entry[3] for entries in _zip_grid().values() for entry in entries}


def lookup_zip(zip_code: str) -> ZipPlace | None:
    """The centre of a US ZIP code (ZIP+4 allowed), or None when it does not exist.

    Read through a dictionary built once: the package's own look-up walks
    every ZIP code, too slow for each search.
    """
    code = zip_code.strip()
    if not ZIP_PATTERN.match(code):
        return None
    return _zip_places().get(code[:5])


def _zip_square(point: Point) -> tuple[int, int]:
    return (
        math.floor(point.latitude / ZIP_GRID_DEGREES),
        math.floor(point.longitude / ZIP_GRID_DEGREES),
    )


def nearest_zip(point: Point) -> ZipPlace | None:
    """The US ZIP code whose centre is nearest the point, if one is within NEAREST_ZIP_MAX_KM."""
    grid = _zip_grid()
    row, column = _zip_square(point)
    px, py, pz = unit_vector(point.latitude, point.longitude)
    # Every point outside the first `ring` rings of squares is at least this
    # far away, so the search can stop once the best found is nearer.
    square_km = ZIP_GRID_DEGREES * 111.19 * max(0.05, math.cos(math.radians(point.latitude) + 0.01))
    best_closeness, best = -2.0, None
    ring = 0
    while ring * square_km <= NEAREST_ZIP_MAX_KM + square_km:
        for d_row in range(-ring, ring + 1):
            for d_column in range(-ring, ring + 1):
                if max(abs(d_row), abs(d_column)) != ring:
                    continue
                for x, y, z, place in grid.get((row + d_row, column + d_column), ()):
                    closeness = px * x + py * y + pz * z
                    if closeness > best_closeness:
                        best_closeness, best = closeness, place
        if best is not None and best_closeness >= math.cos(ring * square_km / EARTH_RADIUS_KM):
            break
        ring += 1
    if best is None or great_circle_km(point, best.point) > NEAREST_ZIP_MAX_KM:
        return None
    return best


@lru_cache(maxsize=1)
def _timezone_finder():  # type: ignore[no-untyped-def]
    from timezonefinder import TimezoneFinder

    return TimezoneFinder(in_memory=True)


def time_zone_at(point: Point) -> str | None:
    """The IANA time zone at a point, offline."""
    return _timezone_finder().timezone_at(lng=point.longitude, lat=point.latitude)


def load_zip_codes() -> None:
    """Read the ZIP code table now rather than on the first search that needs it.

    Building it takes a second or more; `hrkit serve` loads the application in
    gunicorn's master (--preload), so with this called there every worker,
    including one that replaces a recycled worker, starts with it.
    """
    _zip_places()
