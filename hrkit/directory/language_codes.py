"""Language codes as directory entries keep them: a BCP 47 tag such as es, en-US or zh-Hant.

A code is shown on public pages and matched by the locator's language filter,
so text that is not a code (a name, markup) is refused wherever it comes in:
the admin, every import and the names by language of a taxonomy term.
"""

import re

from django.utils.translation import gettext as _

# An ISO 639 language (two or three letters), then BCP 47 subtags (script,
# region, variant), each of one to eight letters or digits.
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$", re.IGNORECASE)
# The width of Language.code.
MAX_CODE_LENGTH = 10


def language_code_problem(code: str) -> str | None:
    """Why the text is not a language code hrkit keeps, or None when it is."""
    if len(code) > MAX_CODE_LENGTH or not LANGUAGE_TAG.match(code):
        return _(
            "must be a language code such as es, en-US or zh-Hant (ISO 639 / BCP 47, "
            "at most %(length)d characters)"
        ) % {"length": MAX_CODE_LENGTH}
    return None
