"""Staff pages of the directory: the list of entries due for a check, as a page and as CSV."""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrkit.core.errors import ApiError
from hrkit.core.pagination import Page, PageRequest
from hrkit.directory.models import Service
from hrkit.directory.spreadsheet import SpreadsheetWriter
from hrkit.directory.staleness import (
    MAX_STALE_DAYS,
    days_since,
    default_stale_days,
    stale_services,
)

PAGE_SIZE = 50


class StaleListForm(forms.Form):
    days = forms.IntegerField(
        label=_("Not verified for more than (days)"), min_value=0, max_value=MAX_STALE_DAYS
    )
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


@dataclass(frozen=True)
class StaleRow:
    service: Service
    days_since_verified: int | None
    admin_url: str


def _read_form(request: HttpRequest) -> StaleListForm:
    data = {"days": default_stale_days(), **request.GET.dict()}
    if not str(data["days"]).strip():
        data["days"] = default_stale_days()
    return StaleListForm(data)


def _rows(services: list[Service], today: date) -> list[StaleRow]:
    return [
        StaleRow(
            service=service,
            days_since_verified=days_since(service.last_verified, today),
            admin_url=reverse("admin:directory_service_change", args=[service.pk]),
        )
        for service in services
    ]


@staff_member_required
def stale_list(request: HttpRequest) -> HttpResponse:
    form = _read_form(request)
    context: dict = {"form": form, "page": None}
    if not form.is_valid():
        return render(request, "directory/staff/stale_list.html", context, status=400)
    days = form.cleaned_data["days"]
    today = timezone.localdate()
    services = stale_services(days, today)
    try:
        page_request = PageRequest(page=form.cleaned_data["page"] or 1, page_size=PAGE_SIZE)
    except ApiError as error:
        form.add_error("page", error.fields[0].message)
        return render(request, "directory/staff/stale_list.html", context, status=400)
    items = list(services[page_request.offset : page_request.offset + PAGE_SIZE])
    context.update(
        days=days,
        first_number=page_request.offset + 1,
        page=Page(
            items=_rows(items, today),
            page=page_request.page,
            page_size=PAGE_SIZE,
            total=services.count(),
        ),
    )
    return render(request, "directory/staff/stale_list.html", context)


@staff_member_required
def stale_list_csv(request: HttpRequest) -> HttpResponse:
    form = _read_form(request)
    if not form.is_valid():
        return HttpResponse(
            "; ".join(
                f"{name}: {' '.join(str(e) for e in errors)}"
                for name, errors in form.errors.items()
            ),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    today = timezone.localdate()
    days = form.cleaned_data["days"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="stale-services-{days}-days-{today.isoformat()}.csv"'
    )
    # Opened in a spreadsheet by staff: names typed by anyone with admin access
    # must not run as formulas there.
    writer = SpreadsheetWriter(response)
    writer.writerow(
        [
            "service_id",
            "service",
            "organization",
            "status",
            "last_verified",
            "days_since_verified",
            "admin_url",
        ]
    )
    for row in _rows(list(stale_services(days, today)), today):
        service = row.service
        writer.writerow(
            [
                service.hsds_id,
                service.name,
                service.organization.name,
                service.status,
                service.last_verified.isoformat() if service.last_verified else "",
                "" if row.days_since_verified is None else row.days_since_verified,
                request.build_absolute_uri(row.admin_url),
            ]
        )
    return response
