from django.http import HttpRequest
from ninja import Router, Schema

from hrkit.core.errors import ApiError
from hrkit.language import services
from hrkit.language.config import ConfigError, make_config
from hrkit.language.rules import default_rules

router = Router(tags=["language"])


class CheckIn(Schema):
    text: str
    disable: list[str] = []
    allow: list[str] = []
    lang: str = "en"


class SourceOut(Schema):
    title: str
    url: str


class FindingOut(Schema):
    line: int
    column: int
    start: int
    end: int
    text: str
    rule: str
    kind: str
    suggestions: list[str]
    fix: str | None
    why: str
    sources: list[SourceOut]


class CheckOut(Schema):
    count: int
    findings: list[FindingOut]


class RuleOut(Schema):
    id: str
    kind: str
    lang: str
    suggestions: list[str]
    why: str
    sources: list[SourceOut]


@router.post("/check", response=CheckOut)
def check(request: HttpRequest, payload: CheckIn) -> dict:
    """Find stigmatizing language in `text`; `disable` switches rules off, `allow`
    adds names (agencies, laws) to the allow-list, `lang` picks the language of `why`."""
    if payload.lang not in ("en", "es"):
        raise ApiError.for_field("lang", "must be 'en' or 'es'")
    if not payload.text.strip():
        raise ApiError.for_field("text", "must contain some text to check")
    if len(payload.text) > services.MAX_API_CHARS:
        raise ApiError.for_field(
            "text", f"must be at most {services.MAX_API_CHARS} characters; send longer files "
            "in parts or use the `hrkit lint` command"
        )  # fmt: skip
    try:
        config = make_config(default_rules(), payload.disable, payload.allow)
    except ConfigError as exc:
        raise ApiError.for_field(exc.field, exc.message) from exc
    findings = services.check_text(payload.text, config)
    return {
        "count": len(findings),
        "findings": [{**f.as_json(payload.lang), "start": f.start, "end": f.end} for f in findings],
    }


@router.get("/rules", response=list[RuleOut])
def rules(request: HttpRequest, lang: str = "en") -> list[dict]:
    """Every rule: what it finds, why, what to say instead, and its sources."""
    if lang not in ("en", "es"):
        raise ApiError.for_field("lang", "must be 'en' or 'es'")
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "lang": r.lang,
            "suggestions": list(r.suggestions),
            "why": r.why_in(lang),
            "sources": [{"title": s.title, "url": s.url} for s in r.sources],
        }
        for r in default_rules().rules
    ]
