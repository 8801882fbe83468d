from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrkit.language import assessment, services
from hrkit.language.config import CheckerConfig
from hrkit.language.documents import DocumentError, format_for
from hrkit.language.forms import CheckForm


@require_http_methods(["GET", "POST"])
def check_page(request: HttpRequest) -> HttpResponse:
    form = CheckForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form, "lang": (get_language() or "en")[:2]}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            if upload:
                document, findings = services.check_file_bytes(
                    upload.read(), format_for(upload.name), upload.name, CheckerConfig()
                )
                text = document.text
            else:
                text = form.cleaned_data["text"]
                findings = services.check_text(text)
        except DocumentError:
            form.add_error(
                "upload", _("This file could not be read. Is it the type its name says?")
            )
        else:
            context.update(
                checked=True,
                findings=findings,
                items=[
                    {
                        "finding": f,
                        "why": f.rule.why_in(context["lang"]),
                        "source": f.rule.sources[0],
                    }
                    for f in findings
                ],
                pieces=services.highlighted(text, findings),
                filename=upload.name if upload else "",
            )
    return render(request, "language/check.html", context)


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
