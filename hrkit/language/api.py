from django.http import HttpRequest
from ninja import Field, Router, Schema

from hrkit.core.errors import ApiError
from hrkit.language import services
from hrkit.language.budget import CheckerBusy
from hrkit.language.config import ConfigError, make_config
from hrkit.language.documents import DocumentError, DocumentTooLarge
from hrkit.language.rules import Rule, default_rules
from hrkit.language.web_limits import (
    busy_message,
    too_large_message,
    too_much_text_message,
    web_limits,
)

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
    rule: str = Field(description="The id of its rule in `rules`.")
    fix: str | None


class RuleOut(Schema):
    id: str
    kind: str
    lang: str
    suggestions: list[str]
    why: str
    sources: list[SourceOut]


class CheckOut(Schema):
    count: int = Field(description="Every finding in the text.")
    omitted: int = Field(description="Findings past the listing limit: counted, not listed.")
    findings: list[FindingOut]
    rules: list[RuleOut] = Field(description="Each rule of the listed findings, once.")


def _rule_out(rule: Rule, language: str) -> dict:
    return {
        "id": rule.id,
        "kind": rule.kind,
        "lang": rule.lang,
        "suggestions": list(rule.suggestions),
        "why": rule.why_in(language),
        "sources": [{"title": s.title, "url": s.url} for s in rule.sources],
    }


@router.post("/check", response=CheckOut)
def check(request: HttpRequest, payload: CheckIn) -> dict:
    """Find stigmatizing language in `text`; `disable` switches rules off, `allow`
    adds names (agencies, laws) to the allow-list, `lang` picks the language of `why`.

    Findings past the listing limit are counted in `omitted`, not listed. Text
    over the size limit is refused with 413, and a client that checks too much
    in a short time with 429 (see docs/language.md for the limits)."""
    if payload.lang not in ("en", "es"):
        raise ApiError.for_field("lang", "must be 'en' or 'es'")
    if not payload.text.strip():
        raise ApiError.for_field("text", "must contain some text to check")
    limits = web_limits()
    if len(payload.text) > limits.read.max_chars:
        raise ApiError.for_field("text", too_much_text_message(limits.read.max_chars), 413)
    try:
        config = make_config(default_rules(), payload.disable, payload.allow)
    except ConfigError as exc:
        raise ApiError.for_field(exc.field, exc.message) from exc
    try:
        checked = services.check_text_for_web(payload.text, config, limits)
    except DocumentTooLarge as refusal:
        raise ApiError.for_field("text", too_large_message(refusal), 413) from refusal
    except CheckerBusy as busy:
        raise ApiError(busy_message(), status=503, code="busy") from busy
    except DocumentError as failure:
        raise ApiError(
            "The checker stopped before it finished; try again, or send less text.",
            status=503,
            code="unavailable",
        ) from failure
    return {
        "count": checked.count,
        "omitted": checked.omitted,
        "findings": [
            {
                "line": f.line,
                "column": f.column,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "rule": f.rule.id,
                "fix": f.replacement(),
            }
            for f in checked.findings
        ],
        "rules": [_rule_out(rule, payload.lang) for rule in checked.rules()],
    }


@router.get("/rules", response=list[RuleOut])
def rules(request: HttpRequest, lang: str = "en") -> list[dict]:
    """Every rule: what it finds, why, what to say instead, and its sources."""
    if lang not in ("en", "es"):
        raise ApiError.for_field("lang", "must be 'en' or 'es'")
    return [_rule_out(rule, lang) for rule in default_rules().rules]
