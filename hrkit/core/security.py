"""The sign-in lock's client key and the Content-Security-Policy, built from settings."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

# 2001:db8::/32 is reserved for documentation, so a key can never be taken for
# a real client's address by someone reading the table.
_KEY_PREFIX = 0x20010DB8 << 96
_KEY_SALT = "hrkit.core.security.login-client-key"


def client_address(request: HttpRequest) -> str:
    """The address the request came from, past the proxies hrkit is told about.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the
    client is that many entries from the right; anything further left was
    written by the client and proves nothing.
    """
    proxies = int(str(settings.HRKIT["PROXY_COUNT"]))
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def client_key_for_address(address: str) -> str:
    """A keyed hash of an address, written as an IPv6 address in 2001:db8::/32.

    django-axes keeps the client in a GenericIPAddressField (PostgreSQL's inet
    type), so the key has to look like an address; with the site's secret key
    in the hash, nobody can tell the address back from the table.
    """
    digest = salted_hmac(_KEY_SALT, address.strip().lower(), algorithm="sha256").digest()
    return str(ipaddress.IPv6Address(_KEY_PREFIX | int.from_bytes(digest[:12], "big")))


def login_client_key(request: HttpRequest) -> str:
    """AXES_CLIENT_IP_CALLABLE: failed sign-ins are counted per client key."""
    return client_key_for_address(client_address(request))


def origin_of(url: str) -> str | None:
    """scheme://host[:port] of a URL template such as a map tile address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    # Tile templates often spread load over {s}.tile.example.org: a CSP host
    # source may start with a wildcard label, and nothing else may.
    host = parts.netloc.rsplit("@", 1)[-1]
    if host.startswith("{s}."):
        host = "*." + host[len("{s}.") :]
    if "{" in host:
        return None
    return f"{parts.scheme}://{host}"


def content_security_policy(map_tile_url: str) -> dict[str, list[str]]:
    """The policy every response carries: no inline script, nothing from elsewhere
    but the map's tiles (when there is a map)."""
    self_only = ["'self'"]
    # data: images: the API docs' stylesheet (Swagger UI) draws its icons so;
    # an image cannot run script.
    images = ["'self'", "data:"]
    tiles = origin_of(map_tile_url) if map_tile_url else None
    if tiles:
        images.append(tiles)
    return {
        "default-src": self_only,
        "script-src": self_only,
        "style-src": self_only,
        "img-src": images,
        "font-src": self_only,
        "connect-src": self_only,
        "worker-src": self_only,
        "manifest-src": self_only,
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": self_only,
        "frame-ancestors": ["'none'"],
    }
