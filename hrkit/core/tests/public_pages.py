"""Every page the URLconf offers without a sign-in, found by walking it.

A test that walks the URLconf covers pages added later without anyone
remembering to list them.
"""

import re
from collections.abc import Iterator

from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Values for the URLconf's path parameters: a real id where a page needs one.
SAMPLE_ARGUMENTS = {
    "code": "es",
    "substance_id": "mdma",
    "guide_id": "respond-opioid",
}
# Pages worth seeing with an answer on them, not only empty.
WITH_QUERIES = [
    "/find/?zip=10001",
    "/find/?zip=10001&service=naloxone",
    "/safer-use/combinations/?first=heroin&second=xanax",
    "/safer-use/legal/?state=NY",
    "/api/v1/locate?zip=10001",
    "/api/v1/combinations?substances=heroin&substances=xanax",
]
_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _routes(patterns: list, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and "^" not in route:
            # Regular-expression routes (the admin's per-model pages) all
            # need a sign-in; there is no general way to fill them in.
            yield route


def _fill(route: str) -> str:
    def value(match: re.Match[str]) -> str:
        if match["converter"] == "int":
            return "1"
        return SAMPLE_ARGUMENTS.get(match["name"], "x")

    return "/" + _PARAMETER.sub(value, route)


def _needs_sign_in(client: Client, path: str) -> bool:
    response = client.get(path)
    if response.status_code in (401, 403):
        return True
    return response.status_code == 302 and response["Location"].startswith(settings.LOGIN_URL)


def url_paths(include_admin: bool = False) -> list[str]:
    """Each route of the URLconf once, parameters filled in, queries added."""
    paths = [_fill(route) for route in _routes(get_resolver().url_patterns)]
    if not include_admin:
        paths = [path for path in paths if not path.startswith("/admin/")]
    return sorted(set(paths)) + WITH_QUERIES


def public_paths(include_admin: bool = False) -> list[str]:
    """The paths an anonymous visitor can open (the database must be usable)."""
    client = Client()
    return [path for path in url_paths(include_admin) if not _needs_sign_in(client, path)]
