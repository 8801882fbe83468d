import json

from django.contrib.auth.decorators import login_required, user_passes_test
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from hrkit.core.errors import ApiError
from hrkit.saferuse.catalogue import catalogue
from hrkit.saferuse.combinations import (
    TooFewSubstances,
    UnknownName,
    UnknownSubstances,
    check_combination,
)
from hrkit.saferuse.forms import CodeCheckForm, CombinationForm, QuizForm
from hrkit.saferuse.guides import all_guides
from hrkit.saferuse.legal import legal_table
from hrkit.saferuse.offline import cache_version, precache_urls
from hrkit.saferuse.presenters import combination_as_dict, level_legend
from hrkit.saferuse.training import issue_completion_code, mark_quiz, quiz, verify_completion_code


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "saferuse/index.html", {"guides": all_guides()})


@require_GET
def combination_checker(request: HttpRequest) -> HttpResponse:
    form = CombinationForm(request.GET or None)
    report: dict | None = None
    problem: dict | None = None
    if form.is_valid():
        try:
            report = combination_as_dict(check_combination(form.names()), get_language())
        except UnknownSubstances as error:
            problem = {"unknown": [_unknown_with_links(form, item) for item in error.unknown]}
        except TooFewSubstances:
            problem = {"message": gettext("Type at least two different drugs or medicines.")}
        except ApiError as error:
            problem = {"message": error.fields[0].message if error.fields else error.message}
    names = catalogue().known_names()
    status = 400 if problem else 200
    context: dict[str, object] = {"form": form, "report": report, "problem": problem}
    context["names"] = names
    context["levels"] = level_legend(get_language())
    return render(request, "saferuse/combinations.html", context, status=status)


def _unknown_with_links(form: CombinationForm, item: UnknownName) -> dict:
    """An unknown name with, for each suggestion, the check again with it in its box."""
    asked = {f: form.cleaned_data.get(f) or "" for f in form.fields}
    boxes = [f for f, value in asked.items() if " ".join(value.split()) == item.typed]
    links = []
    for suggestion in item.suggestions:
        query = {**asked, **dict.fromkeys(boxes, suggestion)}
        url = (
            reverse("saferuse:combinations")
            + "?"
            + urlencode({k: v for k, v in query.items() if v})
        )
        links.append({"name": suggestion, "url": url})
    return {"lead": gettext("We don't know “%(name)s”.") % {"name": item.typed}, "links": links}


@require_GET
def substance_detail(request: HttpRequest, substance_id: str) -> HttpResponse:
    data = catalogue()
    substance = data.substances.get(substance_id)
    if substance is None:
        raise Http404
    classes = [data.classes[c] for c in substance.classes]
    claims = [*substance.risks, *substance.safer_use, *substance.overdose_signs]
    keys = [t.source for t in substance.timing] + [c.source for c in claims]
    keys += [c.source for c in substance.detection]
    cited = [data.sources[key] for key in dict.fromkeys(keys)]
    context = {"substance": substance, "classes": classes, "cited": cited}
    return render(request, "saferuse/substance.html", context)


@require_GET
def substance_list(request: HttpRequest) -> HttpResponse:
    substances = sorted(catalogue().substances.values(), key=lambda s: str(s.name))
    return render(request, "saferuse/substances.html", {"substances": substances})


@require_GET
def guide_detail(request: HttpRequest, guide_id: str) -> HttpResponse:
    guide = all_guides().get(guide_id)
    if guide is None:
        raise Http404
    return render(request, "saferuse/guide.html", {"guide": guide, "guides": all_guides()})


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The worker lives under /safer-use/ so its scope covers exactly these pages."""
    urls = precache_urls()
    context = {
        "version": cache_version(),
        "urls": json.dumps(urls),
        "fallback": reverse("saferuse:guide", args=["respond-opioid"]),
    }
    response = render(request, "saferuse/sw.js", context, content_type="application/javascript")
    # The browser must look for a new worker on each visit, not a stale copy.
    response["Cache-Control"] = "no-cache"
    return response


# The quiz keeps nothing (a completion code is signed, not stored), so a
# forged submission could only show its own sender a code: no CSRF token, and
# so no lasting CSRF cookie on a public page.
@csrf_exempt
def training(request: HttpRequest) -> HttpResponse:
    """The module and its quiz; a pass shows a printable completion code."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    current = quiz()
    language = get_language()
    form = QuizForm(request.POST or None, questions=current.questions, language=language)
    result, code = None, None
    if request.method == "POST" and form.is_valid():
        result = mark_quiz({k: v for k, v in form.cleaned_data.items() if v})
        if result.passed:
            code = issue_completion_code(timezone.localdate())
    context = {
        "form": form,
        "result": result,
        "code": code,
        "today": timezone.localdate(),
        "guides": all_guides(),
        "quiz": current,
        "sources": catalogue().sources,
    }
    return render(request, "saferuse/training.html", context)


@login_required
@user_passes_test(lambda user: user.is_staff)
@require_GET
def check_training_code(request: HttpRequest) -> HttpResponse:
    form = CodeCheckForm(request.GET or None)
    checked, completed_on = False, None
    if form.is_valid():
        checked = True
        completed_on = verify_completion_code(form.cleaned_data["code"], timezone.localdate())
    context = {"form": form, "checked": checked, "completed_on": completed_on}
    return render(request, "saferuse/check_code.html", context)


@require_GET
def legal_protections(request: HttpRequest) -> HttpResponse:
    table = legal_table()
    code = request.GET.get("state", "").upper()
    chosen = table.states.get(code)
    shown = [chosen] if chosen else list(table.states.values())
    context = {
        "table": table,
        "shown": shown,
        "chosen": chosen,
        "asked": code,
        "national_source": catalogue().sources[table.national_source],
    }
    return render(
        request, "saferuse/legal.html", context, status=404 if code and not chosen else 200
    )
