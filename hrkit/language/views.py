from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hrkit.language import assessment, services
from hrkit.language.budget import CheckerBusy
from hrkit.language.config import CheckerConfig
from hrkit.language.documents import DocumentError, DocumentTooLarge, format_for
from hrkit.language.forms import CheckForm
from hrkit.language.web_limits import (
    RETRY_AFTER_SECONDS,
    busy_message,
    too_large_message,
    web_limits,
)


# The checker stores nothing, so a forged cross-site post can do no harm, and
# without a CSRF token the public page sets no cookie that could tell
# browsers apart.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def check_page(request: HttpRequest) -> HttpResponse:
    limits = web_limits()
    form = CheckForm(request.POST or None, request.FILES or None, limits=limits)
    context: dict = {"form": form, "lang": (get_language() or "en")[:2]}
    if request.method != "POST" or not form.is_valid():
        return render(request, "language/check.html", context)
    upload = form.cleaned_data["upload"]
    try:
        if upload:
            checked = services.check_upload_for_web(
                upload.read(), format_for(upload.name), upload.name, limits
            )
        else:
            checked = services.check_text_for_web(
                form.cleaned_data["text"], CheckerConfig(), limits
            )
    except DocumentTooLarge as refusal:
        form.add_error("upload" if upload else "text", too_large_message(refusal))
    except CheckerBusy:
        return refused_page(request, busy_message(), status=503)
    except DocumentError:
        form.add_error("upload", _("This file could not be read. Is it the type its name says?"))
    else:
        context.update(
            checked=checked,
            rules=[
                {
                    "rule": rule,
                    "words": checked.words_found(rule),
                    "why": rule.why_in(context["lang"]),
                    "source": rule.sources[0],
                }
                for rule in checked.rules()
            ],
            pieces=services.highlighted(checked.shown_text(), checked.findings),
            filename=upload.name if upload else "",
        )
    return render(request, "language/check.html", context)


def refused_page(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """The checker's page, empty, saying why a check was turned away."""
    form = CheckForm(limits=web_limits())
    context = {"form": form, "lang": (get_language() or "en")[:2], "refused": message}
    response = render(request, "language/check.html", context, status=status)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@require_http_methods(["GET"])
def coalition_assessment(request: HttpRequest) -> HttpResponse:
    """The questionnaire, or with ?done=1 the printable summary of the answers.

    A GET form: nothing is stored, and the summary's address can be
    bookmarked or shared by the coalition that filled it in.
    """
    language = (get_language() or "en")[:2]
    labels = {
        "yes": _("Yes"),
        "partly": _("Partly"),
        "no": _("No"),
        "unsure": _("Not sure"),
    }
    context = {
        "strategies": assessment.strategies(language),
        "choices": list(labels.items()),
        "labels": labels,
        "source": assessment.source(),
    }
    if request.GET.get("done"):
        summary = assessment.summarize(request.GET.dict(), language)
        context["summary"] = [
            (strategy, [(a, labels[a.answer]) for a in answered]) for strategy, answered in summary
        ]
        context["to_work_on"] = sum(a.needs_work for _s, answered in summary for a in answered)
    return render(request, "language/coalition_assessment.html", context)
