"""What the service worker keeps for offline use: the guides and their styles.

The cache name carries a hash of the guide data, so a changed guide replaces
the old copies on the next visit with signal.
"""

import hashlib
from functools import cache

from django.templatetags.static import static
from django.urls import reverse

from hrkit.saferuse.catalogue import DATA_DIR
from hrkit.saferuse.guides import all_guides


def precache_urls() -> list[str]:
    guides = [reverse("saferuse:guide", args=[guide_id]) for guide_id in all_guides()]
    styles = [static("hrkit/site.css"), static("saferuse/saferuse.css")]
    return [reverse("saferuse:index"), *guides, *styles]


@cache
def cache_version() -> str:
    digest = hashlib.sha256()
    for path in sorted((DATA_DIR / "guides").glob("*.yaml")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
