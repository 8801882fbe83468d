"""Which directory entries are due for a check, and recording that one was checked.

An entry nobody has confirmed for a while may list hours or a phone number
that changed; a person looking for naloxone at night pays for that. Staff see
these entries oldest first (never checked at all before anything else).
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet

from hrkit.directory.models import Service, ServiceAtLocation
from hrkit.directory.search_index import refresh_search_index

MAX_STALE_DAYS = 3650


def default_stale_days() -> int:
    return int(str(settings.HRKIT["STALE_AFTER_DAYS"]))


def stale_services(days: int, today: date) -> QuerySet[Service]:
    """Services last verified more than `days` days before today, or never; oldest first.

    Defunct services are left out: they are kept for the record, not for people to visit.
    """
    if not 0 <= days <= MAX_STALE_DAYS:
        raise ValueError(f"days must be between 0 and {MAX_STALE_DAYS}")
    cutoff = today - timedelta(days=days)
    return (
        Service.objects.exclude(status=Service.Status.DEFUNCT)
        .filter(Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff))
        .select_related("organization")
        .order_by(F("last_verified").asc(nulls_first=True), "name", "id")
    )


def days_since(verified: date | None, today: date) -> int | None:
    return None if verified is None else (today - verified).days


def mark_verified(services: QuerySet[Service], today: date) -> int:
    """Record that staff confirmed these services today; returns how many were marked.

    The locator shows the date, so the search index is refreshed for them too.
    """
    with transaction.atomic():
        ids = list(services.values_list("id", flat=True))
        count = Service.objects.filter(id__in=ids).update(last_verified=today)
        refresh_search_index(
            ServiceAtLocation.objects.filter(service_id__in=ids).values_list(
                "location_id", flat=True
            )
        )
    return count
