"""Forms of the solidarity area: they read what people type (French or English amounts,
organisations by name) and hand the services plain values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.permissions import is_network_staff, officer_org_ids
from cityties.core.countries import country_choices
from cityties.core.forms import DecimalAmountField
from cityties.core.text import language_choices
from cityties.delegations.forms import DATE_WIDGET
from cityties.network.forms.choosers import (
    OrganisationChoiceField,
    OrganisationsChoiceField,
    search_when_long,
)
from cityties.network.models import GOVERNMENT_KINDS, Organisation

from .models import (
    MAX_AMOUNT,
    MAX_STAFF_DAYS,
    AttachmentKind,
    Crisis,
    CrisisKind,
    CrisisStatus,
    Domain,
    FundChannel,
    FundPurpose,
    FundStatus,
    LegalBasis,
    NeedStatus,
    PaymentChannel,
    ProjectStatus,
    ReportKind,
)
from .models.pledges import FIRST_YEAR, LAST_YEAR
from .services.uploads import DECISION_TYPES

_AMOUNT: dict[str, Any] = {
    "max_digits": 12,
    "decimal_places": 2,
    "min_value": Decimal("0"),
    "max_value": MAX_AMOUNT,
}
_POSITIVE = {**_AMOUNT, "min_value": Decimal("0.01")}
_TEXT = forms.Textarea(attrs={"rows": 3})


def governments() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind__in=GOVERNMENT_KINDS, archived_at=None)


def member_governments(user: Any) -> QuerySet[Organisation]:
    """Who the user may pledge or offer for: staff any member, an officer its own."""
    members = governments().filter(is_member=True)
    if not is_network_staff(user):
        members = members.filter(pk__in=officer_org_ids(user))
    return members.order_by("name_key")


def _member_field(form: forms.Form, user: Any) -> None:
    field = form.fields["member"]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = member_governments(user)
    search_when_long(field)
    if field.queryset.count() == 1:
        form.initial.setdefault("member", field.queryset.get().pk)


class CrisisForm(forms.Form):
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=CrisisKind.choices)
    occurred_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    country = forms.ChoiceField(label=_("Country"), choices=())
    region = forms.CharField(label=_("Region"), max_length=120, required=False)
    affected = OrganisationsChoiceField(
        governments(),
        search="governments=1",
        label=_("Partner governments affected"),
        required=False,
        slot_label=_("Partner %(n)s"),
    )
    description_fr = forms.CharField(label=_("Description (French)"), required=False, widget=_TEXT)
    description_en = forms.CharField(label=_("Description (English)"), required=False, widget=_TEXT)
    status = forms.ChoiceField(label=_("Status"), choices=CrisisStatus.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        assert isinstance(country, forms.ChoiceField)
        country.choices = [("", "—"), *country_choices()]


class FundForm(forms.Form):
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    channel = forms.ChoiceField(label=_("Run by"), choices=FundChannel.choices)
    manager = OrganisationChoiceField(
        Organisation.objects.filter(archived_at=None),
        label=_("Managed by"),
        required=False,
        help_text=_("The member that runs it, or the ministry for FACECO."),
    )
    target_amount = DecimalAmountField(label=_("Target amount"), required=False, **_AMOUNT)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE_WIDGET)
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE_WIDGET, required=False)
    purposes = forms.MultipleChoiceField(
        label=_("What it may fund"),
        choices=FundPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    purpose_fr = forms.CharField(label=_("In detail (French)"), required=False, widget=_TEXT)
    purpose_en = forms.CharField(label=_("In detail (English)"), required=False, widget=_TEXT)
    status = forms.ChoiceField(label=_("Status"), choices=FundStatus.choices)
    is_public = forms.BooleanField(
        label=_("Public progress page"),
        required=False,
        initial=True,
        help_text=_("Anyone may read its progress: totals, named contributors and projects."),
    )

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).strip().upper()


class PledgeForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Member government"), queryset=Organisation.objects.none()
    )
    amount = DecimalAmountField(label=_("Amount"), **_POSITIVE)
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    budget_year = forms.IntegerField(
        label=_("Budget year"), min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    pledged_on = forms.DateField(label=_("Pledged on"), widget=DATE_WIDGET)
    is_private = forms.BooleanField(
        label=_("Private"),
        required=False,
        help_text=_(
            "Counted in the fund's totals, but your name and amount are shown neither on the "
            "public page nor to other members."
        ),
    )
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.initial.setdefault("pledged_on", today)
        self.initial.setdefault("budget_year", today.year)
        _member_field(self, user)


class PledgeEditForm(forms.Form):
    amount = DecimalAmountField(label=_("Amount"), **_POSITIVE)
    is_private = PledgeForm.base_fields["is_private"]
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)


class DecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("Date of the council decision"), widget=DATE_WIDGET)
    reference = forms.CharField(label=_("Reference of the decision"), max_length=100)
    file = forms.FileField(
        label=_("The decision (document)"),
        required=False,
        help_text=_("PDF, DOCX, ODT, PNG or JPEG."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(DECISION_TYPES)}),
    )
    shared = forms.BooleanField(
        label=_("Share the decision with the network"),
        required=False,
        help_text=_("Unticked, only your government, the fund's managers and staff read it."),
    )


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE_WIDGET)
    amount = DecimalAmountField(label=_("Amount"), **_POSITIVE)
    channel = forms.ChoiceField(label=_("Channel"), choices=PaymentChannel.choices)
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    water = DecimalAmountField(label=_("Water budget"), required=False, **_AMOUNT)
    sanitation = DecimalAmountField(label=_("Sanitation budget"), required=False, **_AMOUNT)
    waste = DecimalAmountField(label=_("Waste budget"), required=False, **_AMOUNT)


class ProjectForm(forms.Form):
    partner = OrganisationChoiceField(
        governments(), search="governments=1", label=_("Partner government")
    )
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    description_fr = forms.CharField(label=_("Description (French)"), required=False, widget=_TEXT)
    description_en = forms.CharField(label=_("Description (English)"), required=False, widget=_TEXT)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE_WIDGET, required=False)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE_WIDGET, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)


class FundingForm(forms.Form):
    funder = OrganisationChoiceField(
        Organisation.objects.filter(archived_at=None), label=_("Funder")
    )
    planned = DecimalAmountField(label=_("Planned"), **_AMOUNT)
    spent = DecimalAmountField(label=_("Spent"), required=False, **_AMOUNT)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportKind.choices)
    reported_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    summary_fr = forms.CharField(label=_("Summary (French)"), required=False, widget=_TEXT)
    summary_en = forms.CharField(label=_("Summary (English)"), required=False, widget=_TEXT)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AttachmentKind.choices)
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
        help_text=_("Documents: PDF, DOCX or ODT. Photos: PNG or JPEG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.png,.jpg,.jpeg"}),
    )


class ExpertiseForm(forms.Form):
    crisis = forms.ModelChoiceField(
        label=_("Crisis"), queryset=Crisis.objects.none(), required=False
    )
    domain = forms.ChoiceField(label=_("Domain"), choices=Domain.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=_TEXT)
    staff_days = forms.IntegerField(label=_("Staff-days"), min_value=1, max_value=MAX_STAFF_DAYS)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET, required=False)
    ends_on = forms.DateField(label=_("Until"), widget=DATE_WIDGET, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        crisis = self.fields["crisis"]
        assert isinstance(crisis, forms.ModelChoiceField)
        crisis.queryset = Crisis.objects.exclude(status="closed").order_by("-occurred_on")
        recorded = self.initial.get("languages") or []
        languages = self.fields["languages"]
        assert isinstance(languages, forms.MultipleChoiceField)
        languages.choices = language_choices(recorded)

    def clean_languages(self) -> str:
        return ",".join(self.cleaned_data.get("languages") or [])


class OfferForm(ExpertiseForm):
    member = forms.ModelChoiceField(
        label=_("Member government"), queryset=Organisation.objects.none()
    )
    field_order = ["member", "crisis", "domain", "title", "description", "staff_days"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["crisis"].help_text = _("Left empty, the offer stands for any crisis.")
        _member_field(self, user)


class NeedForm(ExpertiseForm):
    partner = OrganisationChoiceField(
        governments(), search="governments=1", label=_("Partner government")
    )
    status = forms.ChoiceField(label=_("Status"), choices=NeedStatus.choices)
    field_order = ["partner", "crisis", "domain", "title", "description", "staff_days"]


class CarriedOutForm(forms.Form):
    carried_out_on = forms.DateField(label=_("Carried out on"), widget=DATE_WIDGET)
    days_given = forms.IntegerField(
        label=_("Staff-days given"), min_value=1, max_value=MAX_STAFF_DAYS, required=False
    )


class MatchReportForm(forms.Form):
    report = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 5}))
