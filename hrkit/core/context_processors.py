import logging

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest

# Every public page asks; a minute's delay before the banner appears or goes
# after `hrkit demo` (or its removal) is worth one query less per page.
logger = logging.getLogger(__name__)

DEMO_DATA_CACHE_KEY = "hrkit:demo-data-loaded"
DEMO_DATA_CACHE_SECONDS = 60


def program() -> dict[str, str]:
    """The program's own name, logo text, contact line and emergency number.

    Read from settings alone, so the server-error page can show them without
    touching the database.
    """
    name = str(settings.HRKIT["PROGRAM_NAME"])
    return {
        "program_name": name,
        "logo_text": str(settings.HRKIT["LOGO_TEXT"]) or name,
        "program_contact": str(settings.HRKIT["CONTACT"]),
        "emergency_number": str(settings.HRKIT["EMERGENCY_NUMBER"]),
    }


def demo_data_loaded() -> bool:
    """Whether any installed app holds demo data, asked through its AppConfig.

    core imports no capability app: an app that writes demo data offers a
    `has_demo_data()` method on its AppConfig, and this asks each in turn.
    """
    for config in apps.get_app_configs():
        has_demo_data = getattr(config, "has_demo_data", None)
        if callable(has_demo_data) and has_demo_data():
            return True
    return False


def cached_demo_data_loaded() -> bool:
    return bool(cache.get_or_set(DEMO_DATA_CACHE_KEY, _demo_data_or_no, DEMO_DATA_CACHE_SECONDS))


def _demo_data_or_no() -> bool:
    # The overdose guides and the language checker need no database: one that
    # is down, locked or not yet migrated must not take them down with the
    # banner. The "no" is cached too, so pages do not each wait on it.
    try:
        return demo_data_loaded()
    except DatabaseError:
        logger.warning("could not ask whether demo data is loaded", exc_info=True)
        return False


def site(request: HttpRequest) -> dict:
    return {
        "languages": settings.LANGUAGES,
        "current_path": request.get_full_path(),
        "demo_data": cached_demo_data_loaded(),
        **program(),
    }
