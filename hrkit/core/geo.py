"""Geographic helpers shared by the apps: distances, bounding boxes, ZIP codes.

ZIP codes are resolved offline from the `zipcodes` package's bundled data, so a
search never sends where a person is to a third party.
"""

import math
import re
from dataclasses import dataclass
from functools import lru_cache

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344
ZIP_PATTERN = re.compile(r"^\d{5}(-\d{4})?$")


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


@lru_cache(maxsize=4096)
def lookup_zip(zip_code: str) -> ZipPlace | None:
    """The centre of a US ZIP code, or None when it does not exist."""
    import zipcodes

    code = zip_code.strip()
    if not ZIP_PATTERN.match(code):
        return None
    try:
        matches = zipcodes.matching(code[:5])
    except (ValueError, TypeError):
        return None
    for match in matches:
        if match.get("lat") and match.get("long"):
            return ZipPlace(
                zip_code=match["zip_code"],
                point=Point(float(match["lat"]), float(match["long"])),
                city=match.get("city", ""),
                state=match.get("state", ""),
                county=match.get("county", ""),
                time_zone=match.get("timezone", ""),
            )
    return None


@lru_cache(maxsize=1)
def _timezone_finder():  # type: ignore[no-untyped-def]
    from timezonefinder import TimezoneFinder

    return TimezoneFinder(in_memory=True)


def time_zone_at(point: Point) -> str | None:
    """The IANA time zone at a point, offline."""
    return _timezone_finder().timezone_at(lng=point.longitude, lat=point.latitude)
