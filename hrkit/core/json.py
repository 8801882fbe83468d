"""JSON for API answers: orjson, several times faster than the standard library here.

A locate answer is about 17 KB; encoding it was a tenth of a request's time.
"""

from decimal import Decimal
from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from ninja.renderers import BaseRenderer


def _default(value: Any) -> Any:
    # What orjson does not know: lazy translations and decimals.
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def dumps(data: Any) -> bytes:
    return orjson.dumps(data, default=_default, option=orjson.OPT_NON_STR_KEYS)


def json_response(data: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(dumps(data), status=status, content_type="application/json")


class OrjsonRenderer(BaseRenderer):
    media_type = "application/json"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> bytes:
        return dumps(data)
