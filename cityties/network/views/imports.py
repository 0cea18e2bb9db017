"""Pages of spreadsheet imports: upload, mapping, preview, progress and report."""

from __future__ import annotations

import csv
import io
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from cityties.accounts.permissions import is_network_staff

from .. import import_services, imports
from ..models import ImportJob, ImportKind, ImportStatus, Organisation

PREVIEW_ROWS = 20
SHOWN_ERRORS = 500
SHOWN_DUPLICATES = 500


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"), choices=ImportKind.choices)
    source_name = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=200,
        help_text=gettext_lazy(
            "Where the file comes from, e.g. “Annual survey”: its column mapping is "
            "remembered for the next file from the same source."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (comma or semicolon) or Excel .xlsx, first row as headers."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            imports.check_upload(upload.name or "", upload.size or 0)
            upload.seek(0)
            self.table = imports.read_table(upload.read(), upload.name or "")
        except imports.ImportFileError as exc:
            raise forms.ValidationError(str(exc), code=exc.code) from exc
        upload.seek(0)
        return upload


def _importer(request: HttpRequest) -> Any:
    if not imports.can_import(request.user):
        raise PermissionDenied
    return request.user


def _home_organisation(user: Any) -> Organisation | None:
    membership = getattr(user, "primary_membership", None)
    return membership.organisation if membership else None


def _access_job(request: HttpRequest, pk: int) -> ImportJob:
    user = _importer(request)
    job = get_object_or_404(ImportJob, pk=pk)
    if job.created_by_id != user.pk and not is_network_staff(user):
        raise Http404
    return job


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    user = _importer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        source = form.cleaned_data["source_name"].strip()
        job = import_services.do_create_job(
            actor=user,
            kind=kind,
            source_name=source,
            upload=upload,
            table=form.table,
            organisation=_home_organisation(user),
        )
        return redirect("network:import_mapping", job.pk)
    jobs = ImportJob.objects.filter(created_by=user).order_by("-created_at")[:10]
    max_mb = round(settings.MAX_UPLOAD_BYTES / 1_048_576, 1)
    return render(
        request, "network/import_upload.html", {"form": form, "jobs": jobs, "max_mb": max_mb}
    )


def _mapping_form(job: ImportJob, headers: list[str], data: Any = None) -> forms.Form:
    form = forms.Form(data)
    choices = [("", _("— not imported —")), *[(h, h) for h in headers if h]]
    for target in imports.TARGET_FIELDS[job.kind]:
        # Not an f-string: gettext cannot find the words inside one.
        label = (
            _("%(label)s (required)") % {"label": target.label}
            if target.required
            else str(target.label)
        )
        form.fields[target.name] = forms.ChoiceField(
            label=label,
            choices=choices,
            required=False,
            initial=job.mapping.get(target.name, ""),
        )
    return form


def _table_or_error(request: HttpRequest, job: ImportJob) -> imports.Table | None:
    try:
        return imports.load_job_table(job)
    except (imports.ImportFileError, OSError) as exc:
        messages.error(request, str(exc))
        return None


@login_required
@require_http_methods(["GET", "POST"])
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = _access_job(request, pk)
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.MAPPED):
        return redirect("network:import_detail", job.pk)
    table = _table_or_error(request, job)
    if table is None:
        return redirect("network:import_upload")
    form = _mapping_form(job, table.headers, request.POST or None)
    if request.method == "POST" and form.is_valid():
        import_services.do_set_mapping(job, form.cleaned_data, actor=request.user)
        return redirect("network:import_preview", job.pk)
    samples = {
        h: next((imports.cell_text(cells[i]) for _n, cells in table.rows if cells[i]), "")
        for i, h in enumerate(table.headers)
    }
    fields = [(form[name], samples.get(job.mapping.get(name, ""), "")) for name in form.fields]
    return render(
        request,
        "network/import_mapping.html",
        {"job": job, "form": form, "fields": fields, "headers": table.headers},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    job = _access_job(request, pk)
    if job.status != ImportStatus.MAPPED:
        return redirect(
            "network:import_detail" if job.status != "uploaded" else "network:import_mapping",
            job.pk,
        )
    if request.method == "POST":
        # Decisions are checked again by the job: a duplicate left undecided is an error.
        decisions = {
            key.removeprefix("decision_"): value
            for key, value in request.POST.items()
            if key.startswith("decision_") and value in (imports.MERGE, imports.SKIP)
        }
        default = request.POST.get("decision_default")
        if default in (imports.MERGE, imports.SKIP):
            decisions["*"] = default
        import_services.do_start_job(job, decisions, actor=request.user)
        return redirect("network:import_detail", job.pk)
    table = _table_or_error(request, job)
    if table is None:
        return redirect("network:import_upload")
    result = imports.validate_table(job.kind, table, job.mapping, user=request.user)
    targets = [t for t in imports.TARGET_FIELDS[job.kind] if t.name in job.mapping]
    positions = {h: i for i, h in enumerate(table.headers)}
    sample = [
        (number, [imports.cell_text(cells[positions[job.mapping[t.name]]]) for t in targets])
        for number, cells in table.rows[:PREVIEW_ROWS]
        if all(job.mapping[t.name] in positions for t in targets)
    ]
    errors = sorted(result.errors, key=lambda e: e.row)
    return render(
        request,
        "network/import_preview.html",
        {
            "job": job,
            "targets": targets,
            "sample": sample,
            "row_count": len(table.rows),
            "errors": errors[:SHOWN_ERRORS],
            "error_count": len(errors),
            "duplicates": result.duplicates[:SHOWN_DUPLICATES],
            "duplicate_count": len(result.duplicates),
        },
    )


def _finished(job: ImportJob) -> bool:
    return job.status in (ImportStatus.DONE, ImportStatus.FAILED)


@login_required
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _access_job(request, pk)
    if job.status in (ImportStatus.UPLOADED,):
        return redirect("network:import_mapping", job.pk)
    skipped = sum(1 for v in job.decisions.values() if v == imports.SKIP)
    return render(
        request,
        "network/import_detail.html",
        {
            "job": job,
            "finished": _finished(job),
            "report": job.report[:SHOWN_ERRORS],
            "error_count": len(job.report),
            "summary": imports.summary(job.created_count, job.updated_count),
            "skipped": skipped,
        },
    )


@login_required
@require_GET
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = _access_job(request, pk)
    response = render(
        request, "network/import_progress.html", {"job": job, "finished": _finished(job)}
    )
    if _finished(job) and request.headers.get("HX-Request"):
        # Reload the whole page, which then shows the report instead of the bar.
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def import_report(request: HttpRequest, pk: int) -> HttpResponse:
    job = _access_job(request, pk)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Row"), _("Column"), _("Message")])
    for entry in job.report:
        writer.writerow([entry.get("row") or "", entry.get("column", ""), entry.get("message", "")])
    response = HttpResponse(("\ufeff" + out.getvalue()).encode(), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-report.csv"'
    return response
