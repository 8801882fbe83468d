"""Word lists and city list the demo directory is made from.

Every name made from these words is invented: no real organisation, and no
real address (house numbers and streets are combined at random). Phone numbers
use 555-0100..555-0199, the range set aside for fiction.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoCity:
    name: str
    state: str
    latitude: float
    longitude: float
    # The zone the city keeps; a ZIP code's own zone from the ZIP data wins.
    time_zone: str
    locations: int
    # Share of services that also work in Spanish, roughly as common as it is locally.
    spanish_share: float
    other_languages: tuple[str, ...]


CITIES: tuple[DemoCity, ...] = (
    DemoCity("New York", "NY", 40.7306, -73.9866, "America/New_York", 80, 0.5, ("zh", "ht", "ru")),
    DemoCity("Philadelphia", "PA", 39.9526, -75.1652, "America/New_York", 55, 0.35, ("vi",)),
    DemoCity("Chicago", "IL", 41.8781, -87.6298, "America/Chicago", 65, 0.45, ("pl", "ar")),
    DemoCity("Denver", "CO", 39.7392, -104.9903, "America/Denver", 45, 0.4, ("vi",)),
    # Arizona keeps standard time all year: a useful case for opening hours.
    DemoCity("Phoenix", "AZ", 33.4484, -112.0740, "America/Phoenix", 50, 0.6, ("nv",)),
    DemoCity(
        "Los Angeles", "CA", 34.0522, -118.2437, "America/Los_Angeles", 75, 0.65, ("ko", "tl")
    ),
    DemoCity("Seattle", "WA", 47.6062, -122.3321, "America/Los_Angeles", 45, 0.3, ("vi", "so")),
    DemoCity("New Orleans", "LA", 29.9511, -90.0715, "America/Chicago", 35, 0.3, ("vi",)),
    DemoCity("Anchorage", "AK", 61.2181, -149.9003, "America/Anchorage", 20, 0.15, ("tl",)),
    DemoCity("Honolulu", "HI", 21.3069, -157.8583, "Pacific/Honolulu", 25, 0.1, ("tl", "ja")),
)

LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "zh": "Chinese",
    "ht": "Haitian Creole",
    "ru": "Russian",
    "vi": "Vietnamese",
    "pl": "Polish",
    "ar": "Arabic",
    "nv": "Navajo",
    "ko": "Korean",
    "tl": "Tagalog",
    "so": "Somali",
    "ja": "Japanese",
}

PLACE_WORDS = (
    "Riverside", "Lakeview", "Harbor", "Cedar", "Maple", "Willow", "Juniper", "Bridgeway",
    "Crossroads", "Lantern", "Beacon", "Open Door", "Common Ground", "Horizon", "Sunrise",
    "Mosaic", "Northside", "Southside", "Eastside", "Westside", "Parkside", "Hillcrest",
    "Stonebridge", "Meadow", "Evergreen", "Compass", "Keystone", "Tidewater", "Canyon",
    "Prairie", "Summit", "Ironwood", "Bayview", "Granite", "Lighthouse", "Cornerstone",
)  # fmt: skip
MIDDLE_WORDS = (
    "Community Health", "Harm Reduction", "Neighborhood Care", "Peer", "Wellness",
    "Outreach", "Public Health", "Street Medicine", "Mutual Aid", "Care",
)  # fmt: skip
KIND_WORDS = (
    "Collective", "Alliance", "Project", "Network", "Center", "Coalition", "Partnership",
    "Cooperative", "Clinic", "Initiative",
)  # fmt: skip

STREET_NAMES = (
    "Cedar", "Oak", "Pine", "Elm", "Walnut", "Chestnut", "Spruce", "Laurel", "Hawthorn",
    "Magnolia", "Linden", "Sycamore", "Poplar", "Birch", "Aspen", "Cypress", "Hazel",
    "Alder", "Orchard", "Harvest", "Mill", "Canal", "Quarry", "Market", "Union", "Liberty",
    "Commerce", "Garden", "Meadowbrook", "Fairview", "Highland", "Lakeshore", "Ridge",
)  # fmt: skip
STREET_SUFFIXES = ("Street", "Avenue", "Boulevard", "Road", "Place", "Way", "Drive")
SUITES = ("Suite 100", "Suite 2B", "Floor 2", "Unit 4", "Rear entrance")

ACCESSIBILITY_NOTES = (
    ("Step-free entrance from the street", "Automatic door; accessible restroom inside."),
    ("Ramp at the side entrance", "Ring the bell at the ramp and staff will open the door."),
    ("Elevator to all floors", "Service animals welcome; seating in the waiting area."),
    ("Ground-floor storefront", "Wide aisles; staff can bring supplies to the door."),
    ("Large-print and audio materials", "Ask staff for large-print or audio versions of handouts."),
)  # fmt: skip
NOT_ACCESSIBLE_NOTE = (
    "Stairs at the entrance",
    "Three steps up to the door; call ahead and staff will meet you outside.",
)
TRANSPORTATION = (
    "Two blocks from the nearest bus stop.",
    "Near a train station; bike rack out front.",
    "Street parking nearby; bus routes stop at the corner.",
    "A short walk from the transit centre.",
)
