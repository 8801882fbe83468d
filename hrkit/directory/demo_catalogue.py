"""The kinds of program the demo directory is made of: their services, terms and hours.

Each Archetype is one kind of organisation a harm reduction directory lists
(a syringe services program, a clinic, an opioid treatment program...). The
generator in hrkit.directory.demo picks from these at random with a fixed seed.
"""

from dataclasses import dataclass, field
from datetime import time


@dataclass(frozen=True)
class Hours:
    """One weekly (or monthly) opening: RFC 5545 BYDAY and wall-clock times."""

    byday: str
    opens_at: time
    closes_at: time
    freq: str = "WEEKLY"


WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"

# Named so tests and docs can say which patterns the demo covers.
HOUR_PATTERNS: dict[str, tuple[Hours, ...]] = {
    "weekdays": (Hours(WEEKDAYS, time(9), time(17)),),
    "weekdays-and-saturday": (
        Hours(WEEKDAYS, time(8, 30), time(18)),
        Hours("SA", time(10), time(14)),
    ),
    "evenings": (Hours(WEEKDAYS, time(17), time(21)),),
    # Closes after midnight: the window belongs to the evening it opens on.
    "overnight": (Hours("MO,TU,WE,TH,FR,SA", time(20), time(2)),),
    # opens_at equal to closes_at is a whole day.
    "open-24-7": (Hours(EVERY_DAY, time(0), time(0)),),
    "closed-sunday-monday": (Hours("TU,WE,TH,FR,SA", time(10), time(18)),),
    "weekends-only": (Hours("SA,SU", time(11), time(16)),),
    "split-day": (
        Hours("MO,WE,FR", time(9), time(12)),
        Hours("MO,WE,FR", time(13), time(17)),
        Hours("TU,TH", time(12), time(19)),
    ),
    "second-and-fourth-saturday": (Hours("2SA,4SA", time(10), time(14), freq="MONTHLY"),),
}
# Methadone is dosed early in the day, inside a clinic's longer hours.
DOSING_HOURS = (
    Hours(WEEKDAYS, time(6), time(11)),
    Hours("SA", time(7), time(10)),
)


@dataclass(frozen=True)
class ServiceTemplate:
    name: str
    description: str
    # The first type is always given; 0-3 of the optional ones are added.
    service_type: str
    optional_types: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    optional_attributes: tuple[str, ...] = ()
    fees_description: str = "Free."
    eligibility_description: str = "Anyone; no ID or insurance needed."
    application_process: str = "Walk in during open hours."
    dosing_hours: bool = False


@dataclass(frozen=True)
class Archetype:
    key: str
    weight: int
    services: tuple[ServiceTemplate, ...]
    hour_patterns: tuple[str, ...]
    max_locations: int = 3
    location_label: str = "site"
    extra_terms_for_pattern: dict[str, tuple[str, ...]] = field(default_factory=dict)


LOW_BARRIER = ("free", "anonymous", "no-id-needed", "no-insurance-needed", "walk-in")

ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        key="syringe-services-program",
        weight=6,
        hour_patterns=("weekdays", "evenings", "closed-sunday-monday", "split-day", "overnight"),
        services=(
            ServiceTemplate(
                "Syringe Services and Safer Use Supplies",
                "New syringes, cookers, cottons and safer smoking kits; used syringes taken back.",
                "syringe-services",
                (
                    "sharps-disposal",
                    "naloxone",
                    "fentanyl-test-strips",
                    "xylazine-test-strips",
                    "safer-smoking-supplies",
                ),
                (*LOW_BARRIER, "adults"),
                ("peer-run", "lgbtq", "women"),
            ),
            ServiceTemplate(
                "Drop-in Center",
                "A place to sit down, have a coffee, shower, do laundry and talk with staff.",
                "drop-in-centre",
                ("food", "peer-support", "wound-care", "housing"),
                ("free", "walk-in", "no-id-needed"),
                ("adults", "women", "lgbtq"),
            ),
            ServiceTemplate(
                "Drug Checking",
                "Bring a small sample; a technician tests it and tells you what was found.",
                "drug-checking",
                ("fentanyl-test-strips", "xylazine-test-strips"),
                ("free", "anonymous", "no-id-needed", "walk-in"),
            ),
        ),
    ),
    Archetype(
        key="community-clinic",
        weight=5,
        hour_patterns=("weekdays", "weekdays-and-saturday", "closed-sunday-monday", "evenings"),
        services=(
            ServiceTemplate(
                "HIV and Hepatitis C Testing",
                "Rapid tests with results in about 20 minutes, and help starting treatment.",
                "hiv-testing",
                ("hepatitis-c", "prep-pep", "vaccination"),
                ("free", "walk-in"),
                ("anonymous", "youth", "lgbtq"),
            ),
            ServiceTemplate(
                "Low-Barrier Buprenorphine",
                "Start buprenorphine the same day; no requirement to attend counseling.",
                "buprenorphine",
                ("other-moud", "telehealth", "peer-support", "mental-health"),
                ("adults", "sliding-scale"),
                ("insurance-accepted", "no-insurance-needed", "walk-in"),
                fees_description="Sliding scale by income; Medicaid and most insurance accepted.",
                eligibility_description="Adults 18 and older.",
                application_process="Walk in or call to book a first visit.",
            ),
            ServiceTemplate(
                "Wound Care and Vaccines",
                "Care for wounds and abscesses, and vaccines for hepatitis A and B and tetanus.",
                "wound-care",
                ("vaccination", "hepatitis-c"),
                ("free", "no-insurance-needed"),
                ("walk-in", "appointment"),
            ),
        ),
    ),
    Archetype(
        key="opioid-treatment-program",
        weight=3,
        hour_patterns=("weekdays-and-saturday",),
        max_locations=2,
        services=(
            ServiceTemplate(
                "Opioid Treatment Program",
                "Methadone and buprenorphine with counseling and medical care.",
                "methadone",
                ("buprenorphine", "other-moud", "mental-health"),
                ("adults", "insurance-accepted"),
                ("sliding-scale", "appointment"),
                fees_description="Medicaid and most insurance accepted; sliding scale available.",
                eligibility_description="Adults 18 and older with opioid use disorder.",
                application_process="Call or walk in for an intake appointment.",
                dosing_hours=True,
            ),
        ),
    ),
    Archetype(
        key="shelter",
        weight=2,
        hour_patterns=("open-24-7", "overnight"),
        max_locations=2,
        extra_terms_for_pattern={"open-24-7": ("open-24-7",)},
        services=(
            ServiceTemplate(
                "Shelter and Meals",
                "Beds on a first-come basis, hot meals and help finding housing.",
                "housing",
                ("food", "naloxone", "mental-health"),
                ("free", "walk-in", "no-id-needed"),
                ("adults", "women", "families", "youth"),
            ),
        ),
    ),
    Archetype(
        key="peer-centre",
        weight=3,
        hour_patterns=("evenings", "weekends-only", "closed-sunday-monday"),
        services=(
            ServiceTemplate(
                "Peer Support",
                "Talk one-to-one with someone who has lived experience of drug use.",
                "peer-support",
                ("mental-health", "naloxone", "food"),
                ("free", "peer-run", "walk-in"),
                ("youth", "families", "women", "lgbtq", "anonymous"),
            ),
        ),
    ),
    Archetype(
        key="vending-network",
        weight=2,
        hour_patterns=("open-24-7",),
        max_locations=6,
        location_label="vending machine",
        extra_terms_for_pattern={"open-24-7": ("open-24-7",)},
        services=(
            ServiceTemplate(
                "Naloxone Vending Machine",
                "Free naloxone and fentanyl test strips from a machine, any hour, no questions.",
                "vending-machine",
                ("fentanyl-test-strips", "sharps-disposal"),
                ("free", "anonymous", "no-id-needed", "naloxone"),
                application_process="Take what you need from the machine.",
            ),
        ),
    ),
    Archetype(
        key="overdose-prevention-centre",
        weight=1,
        hour_patterns=("weekdays-and-saturday", "open-24-7"),
        max_locations=2,
        extra_terms_for_pattern={"open-24-7": ("open-24-7",)},
        services=(
            ServiceTemplate(
                "Overdose Prevention Center",
                "Use with trained staff nearby who respond at once to an overdose.",
                "overdose-prevention-site",
                ("syringe-services", "naloxone", "drop-in-centre"),
                ("free", "anonymous", "no-id-needed", "walk-in", "adults"),
            ),
        ),
    ),
    Archetype(
        key="mobile-outreach",
        weight=2,
        hour_patterns=("second-and-fourth-saturday", "evenings", "weekends-only"),
        location_label="outreach stop",
        services=(
            ServiceTemplate(
                "Mobile Outreach Van",
                "The van parks at this stop with supplies, testing and someone to talk to.",
                "naloxone",
                ("syringe-services", "fentanyl-test-strips", "hiv-testing"),
                ("free", "anonymous", "no-id-needed", "walk-in"),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Area:
    kind: str
    state: str = ""
    county: str = ""
    zip_code: str = ""


@dataclass(frozen=True)
class RemoteTemplate:
    """A service with no place to visit: by phone, video, mail or online, within its areas."""

    name: str
    description: str
    service_types: tuple[str, ...]
    attributes: tuple[str, ...]
    areas: tuple[Area, ...]
    hours: tuple[Hours, ...]
    time_zone: str
    languages: tuple[str, ...] = ("en",)
    phone_type: str = "voice"
    toll_free: bool = False
    fees_description: str = "Free."
    application_process: str = ""


REMOTE_SERVICES: tuple[RemoteTemplate, ...] = (
    RemoteTemplate(
        "Check-In Overdose Line",
        "Call before you use alone; if you stop answering, the line sends help to you.",
        ("hotline", "naloxone", "peer-support"),
        ("free", "anonymous", "peer-run", "open-24-7"),
        (Area("nationwide"),),
        (Hours(EVERY_DAY, time(0), time(0)),),
        "America/New_York",
        ("en", "es"),
        toll_free=True,
        application_process="Call any time.",
    ),
    RemoteTemplate(
        "Naloxone by Mail",
        "Order naloxone and fentanyl test strips online; they arrive in a plain package.",
        ("mail-based-delivery", "naloxone", "fentanyl-test-strips"),
        ("free", "anonymous", "no-id-needed", "no-insurance-needed"),
        (Area("state", "PA"), Area("state", "NY")),
        (Hours(WEEKDAYS, time(9), time(17)),),
        "America/New_York",
        ("en", "es"),
        application_process="Fill in the order form on the website; no account needed.",
    ),
    RemoteTemplate(
        "Safer Supplies by Mail",
        "Syringes, safer smoking kits and naloxone mailed to any address in the state.",
        ("mail-based-delivery", "syringe-services", "safer-smoking-supplies", "naloxone"),
        ("free", "anonymous", "no-id-needed"),
        (Area("state", "WA"),),
        (Hours(WEEKDAYS, time(10), time(16)),),
        "America/Los_Angeles",
        application_process="Order by phone or online.",
    ),
    RemoteTemplate(
        "Buprenorphine by Telehealth",
        "Start buprenorphine from home with a prescriber by video or phone.",
        ("telehealth", "buprenorphine"),
        ("sliding-scale", "insurance-accepted", "no-id-needed", "adults"),
        (Area("state", "CO"),),
        (Hours(EVERY_DAY, time(8), time(20)),),
        "America/Denver",
        ("en", "es"),
        fees_description="Medicaid accepted; sliding scale for people without insurance.",
        application_process="Call or book a video visit online; same-day starts are common.",
    ),
    RemoteTemplate(
        "Families and Friends Online Group",
        "A weekly online group for people who love someone who uses drugs.",
        ("online-support-group", "peer-support"),
        ("free", "families", "anonymous"),
        (Area("nationwide"),),
        (Hours("TU", time(19), time(20, 30)),),
        "America/New_York",
        application_process="Join the video call from the website; cameras optional.",
    ),
    RemoteTemplate(
        "Grupo de Apoyo en Línea",
        "A weekly online peer group held in Spanish.",
        ("online-support-group", "peer-support"),
        ("free", "anonymous", "peer-run"),
        (Area("nationwide"),),
        (Hours("TH", time(18), time(19, 30)),),
        "America/Chicago",
        ("es",),
        application_process="Join the video call from the website.",
    ),
    RemoteTemplate(
        "County Mobile Outreach",
        "Outreach workers bring naloxone and supplies anywhere in the county; call for a visit.",
        ("naloxone", "syringe-services", "wound-care", "peer-support"),
        ("free", "anonymous", "no-id-needed"),
        (Area("county", "IL", "Cook County"),),
        (Hours(WEEKDAYS, time(10), time(22)),),
        "America/Chicago",
        ("en", "es", "pl"),
        phone_type="cell",
        application_process="Call or text to arrange a meeting place.",
    ),
    RemoteTemplate(
        "Neighborhood Supply Delivery",
        "Bike couriers deliver naloxone and test strips to these ZIP codes.",
        ("mail-based-delivery", "naloxone", "fentanyl-test-strips"),
        ("free", "anonymous"),
        (
            Area("zip", "PA", zip_code="19122"),
            Area("zip", "PA", zip_code="19133"),
            Area("zip", "PA", zip_code="19134"),
            Area("zip", "PA", zip_code="19140"),
        ),
        (Hours("MO,WE,FR", time(12), time(18)),),
        "America/New_York",
        ("en", "es"),
        phone_type="text",
        application_process="Text your ZIP code and what you need.",
    ),
)
