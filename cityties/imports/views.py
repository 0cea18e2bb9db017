"""Pages of the import engine: upload, mapping (with defaults), preview (value remapping,
switches, duplicates), progress, report and undo."""

from __future__ import annotations

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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.permissions import is_network_staff
from cityties.core import tabular
from cityties.core.errors import DomainError

from . import services
from .fields import TargetField
from .jobs import created_phrase, load_job_table, validate_job
from .models import ImportJob, ImportStatus
from .reading import ALLOWED_EXTENSIONS, ImportFileError, Table, cell_text, check_upload, read_table
from .registry import get_kind, kinds_for
from .undo import undo_blockers
from .validation import MERGE, SKIP

PREVIEW_ROWS = 20
SHOWN_ERRORS = 500
SHOWN_DUPLICATES = 500
SHOWN_UNKNOWN = 100


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"))
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
        help_text=gettext_lazy(
            "CSV (any separator), Excel .xlsx or JSON; title lines above the headers are skipped."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.name, k.label) for k in kinds_for(user)]  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload.name or "", upload.size or 0)
            upload.seek(0)
            self.table = read_table(upload.read(), upload.name or "", self.cleaned_data.get("kind"))
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc), code=exc.code) from exc
        upload.seek(0)
        return upload


def _importer(request: HttpRequest) -> Any:
    if not kinds_for(request.user):
        raise PermissionDenied
    return request.user


def _home_organisation(user: Any) -> Any:
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
def upload(request: HttpRequest) -> HttpResponse:
    user = _importer(request)
    form = UploadForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        job = services.do_create_job(
            actor=user,
            kind=form.cleaned_data["kind"],
            source_name=form.cleaned_data["source_name"].strip(),
            upload=form.cleaned_data["file"],
            table=form.table,
            organisation=_home_organisation(user),
        )
        return redirect("imports:mapping", job.pk)
    jobs = ImportJob.objects.filter(created_by=user).order_by("-created_at")[:10]
    max_mb = round(settings.MAX_UPLOAD_BYTES / 1_048_576, 1)
    return render(request, "imports/upload.html", {"form": form, "jobs": jobs, "max_mb": max_mb})


DEFAULT_PREFIX = "default__"


def _default_field(target: TargetField, initial: str) -> forms.Field:
    label = _("Default for “%(field)s”") % {"field": target.label}
    if target.choices is not None:
        return forms.ChoiceField(
            label=label,
            choices=[("", _("— none —")), *target.choices()],
            required=False,
            initial=initial,
        )
    return forms.CharField(label=label, required=False, max_length=200, initial=initial)


def _mapping_form(job: ImportJob, headers: list[str], data: Any = None) -> forms.Form:
    form = forms.Form(data)
    choices = [("", _("— not imported —")), *[(h, h) for h in headers if h]]
    defaults = job.options.get("defaults", {})
    for target in get_kind(job.kind).fields:
        label = str(target.label) + (" " + _("(required)") if target.required else "")
        form.fields[target.name] = forms.ChoiceField(
            label=label, choices=choices, required=False, initial=job.mapping.get(target.name, "")
        )
        form.fields[DEFAULT_PREFIX + target.name] = _default_field(
            target, defaults.get(target.name, "")
        )
    return form


def _table_or_error(request: HttpRequest, job: ImportJob) -> Table | None:
    try:
        return load_job_table(job)
    except (ImportFileError, OSError) as exc:
        messages.error(request, str(exc))
        return None


@login_required
@require_http_methods(["GET", "POST"])
def mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = _access_job(request, pk)
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.MAPPED):
        return redirect("imports:detail", job.pk)
    table = _table_or_error(request, job)
    if table is None:
        return redirect("imports:upload")
    form = _mapping_form(job, table.headers, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.do_set_mapping(
            job,
            {k: v for k, v in data.items() if not k.startswith(DEFAULT_PREFIX)},
            defaults={
                k.removeprefix(DEFAULT_PREFIX): v
                for k, v in data.items()
                if k.startswith(DEFAULT_PREFIX)
            },
            actor=request.user,
        )
        return redirect("imports:preview", job.pk)
    samples = {
        h: next((cell_text(cells[i]) for _n, cells in table.rows if cells[i]), "")
        for i, h in enumerate(table.headers)
    }
    fields = [
        (form[t.name], form[DEFAULT_PREFIX + t.name], samples.get(job.mapping.get(t.name, ""), ""))
        for t in get_kind(job.kind).fields
    ]
    return render(
        request,
        "imports/mapping.html",
        {"job": job, "form": form, "fields": fields, "headers": table.headers},
    )


def _remap_rows(job: ImportJob, unknown: dict[str, Any]) -> list[dict[str, Any]]:
    """The value remapping table: each unknown value once, with the choices it may take."""
    kind = get_kind(job.kind)
    by_vocabulary: dict[str, TargetField] = {}
    for target in kind.fields:
        by_vocabulary.setdefault(target.vocabulary_name, target)
    remap = job.options.get("remap", {})
    rows = []
    for vocabulary, counter in unknown.items():
        found = by_vocabulary.get(vocabulary)
        if found is None or found.choices is None:
            continue
        choices = found.choices()
        for index, (value, count) in enumerate(counter.most_common(SHOWN_UNKNOWN)):
            rows.append(
                {
                    "vocabulary": vocabulary,
                    "label": found.label,
                    "value": value,
                    "count": count,
                    "name": f"remap__{vocabulary}__{index}",
                    "choices": choices,
                    "chosen": remap.get(vocabulary, {}).get(value, ""),
                }
            )
    return rows


def _posted_options(request: HttpRequest, job: ImportJob) -> dict[str, Any]:
    remap: dict[str, dict[str, str]] = {k: dict(v) for k, v in job.options.get("remap", {}).items()}
    for key in request.POST:
        value = request.POST.get(key, "")
        if key.startswith("remap__") and not key.endswith("__value"):
            raw = request.POST.get(key + "__value", "")
            vocabulary = key.split("__")[1]
            if raw and value:
                remap.setdefault(vocabulary, {})[raw[:200]] = value[:200]
    kind = get_kind(job.kind)
    # Leaving the rows in error out is chosen knowingly, with its own button.
    options: dict[str, Any] = {
        "remap": remap,
        "skip_invalid": request.POST.get("action") == "start_valid",
    }
    for name, _label in kind.switches:
        options[name] = bool(request.POST.get(name))
    return options


@login_required
@require_http_methods(["GET", "POST"])
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    job = _access_job(request, pk)
    if job.status != ImportStatus.MAPPED:
        return redirect("imports:detail" if job.status != "uploaded" else "imports:mapping", job.pk)
    if request.method == "POST":
        services.do_set_options(job, _posted_options(request, job), actor=request.user)
        if request.POST.get("action") == "apply":
            return redirect("imports:preview", job.pk)
        # Decisions are checked again by the job; a duplicate left undecided is skipped.
        decisions = {
            key.removeprefix("decision_"): value
            for key, value in request.POST.items()
            if key.startswith("decision_") and value in (MERGE, SKIP)
        }
        default = request.POST.get("decision_default")
        if default in (MERGE, SKIP):
            decisions["*"] = default
        services.do_start_job(job, decisions, actor=request.user)
        return redirect("imports:detail", job.pk)
    table = _table_or_error(request, job)
    if table is None:
        return redirect("imports:upload")
    result = validate_job(job, table, user=request.user)
    kind = get_kind(job.kind)
    targets = [t for t in kind.fields if t.name in job.mapping]
    positions = {h: i for i, h in enumerate(table.headers)}
    sample = [
        (number, [cell_text(cells[positions[job.mapping[t.name]]]) for t in targets])
        for number, cells in table.rows[:PREVIEW_ROWS]
        if all(job.mapping[t.name] in positions for t in targets)
    ]
    errors = result.sorted_errors()
    return render(
        request,
        "imports/preview.html",
        {
            "job": job,
            "targets": targets,
            "sample": sample,
            "row_count": len(table.rows),
            "errors": errors[:SHOWN_ERRORS],
            "error_count": len(errors),
            "error_rows": len(result.error_rows),
            "blocking": result.blocking,
            "notes": result.notes[:SHOWN_ERRORS],
            "duplicates": result.duplicates[:SHOWN_DUPLICATES],
            "duplicate_count": len(result.duplicates),
            "remap_rows": _remap_rows(job, result.unknown_values),
            "switches": [(n, label, job.options.get(n, False)) for n, label in kind.switches],
            "planned": result.planned,
            "matched": result.matched,
        },
    )


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _access_job(request, pk)
    if job.status == ImportStatus.UPLOADED:
        return redirect("imports:mapping", job.pk)
    blockers = undo_blockers(job) if job.status == ImportStatus.DONE else []
    return render(
        request,
        "imports/detail.html",
        {
            "job": job,
            "finished": job.finished,
            "report": job.report[:SHOWN_ERRORS],
            "error_count": len(job.report),
            "created": created_phrase(job) if job.status in ("done", "undone") else "",
            "outcome": job.outcome,
            "undo_blockers": blockers,
        },
    )


@login_required
@require_GET
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = _access_job(request, pk)
    response = render(request, "imports/progress.html", {"job": job, "finished": job.finished})
    if job.finished and request.headers.get("HX-Request"):
        # Reload the whole page, which then shows the report instead of the bar.
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Every error of the job, as CSV or XLSX (formulas neutralised)."""
    job = _access_job(request, pk)
    entries = job.report
    if job.status == ImportStatus.MAPPED:
        # Before the import runs, the report is the preview's: every error, not the first 500.
        table = _table_or_error(request, job)
        if table is None:
            return redirect("imports:upload")
        entries = [e.as_dict() for e in validate_job(job, table, user=request.user).sorted_errors()]
    headers = [_("Row"), _("Column"), _("Message")]
    rows = [
        [entry.get("row") or "", entry.get("column", ""), entry.get("message", "")]
        for entry in entries
    ]
    if fmt == "csv":
        body, content_type = tabular.to_csv(headers, rows), tabular.CSV_CONTENT_TYPE
    elif fmt == "xlsx":
        body = tabular.to_xlsx(headers, rows, sheet_title=_("Report"))
        content_type = tabular.XLSX_CONTENT_TYPE
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-report.{fmt}"'
    return response


@login_required
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    job = _access_job(request, pk)
    try:
        services.check_undo_job(job, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The import was undone."))
    return redirect("imports:detail", job.pk)
