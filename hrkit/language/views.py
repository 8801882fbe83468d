from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrkit.language import services
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
