"""What every dashboard is made of: headline figures, tables (each with its chart drawn
from the same rows), and the records; the page, the PDF and the workbook all render the
same `Report`, so they never disagree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from html import escape
from typing import Any

from django.db.models import Case, IntegerField, Q, Value, When
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from cityties.core.templatetags.cityties import _money_shape
from cityties.core.templatetags.cityties import money as money_filter
from cityties.core.text import format_number
from cityties.pavilion import charts

from ..models import OutcomeKind, OutcomeRecord, TenderStatus
from ..services.figures import Totals
from ..services.scope import Reader

RECORDS_SHOWN = 100
# A long table is printed in part (the workbook holds every row): WeasyPrint lays out
# about 60 table rows a second here, and a report is printed in seconds.
PRINTED_ROWS = 20
_KINDS = dict(OutcomeKind.choices)
_STATUSES = dict(TenderStatus.choices)


@dataclass(frozen=True)
class _Formats:
    """How the current language writes counts and euros, looked up once per table: a
    delegation's tables hold thousands of cells."""

    group: str | None  # the thousands separator, when Babel groups plainly by three
    euros: Callable[[Any], str]

    def count(self, value: Any) -> str:
        if self.group is not None and isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}".replace(",", self.group)
        return format_number(value)


@lru_cache(maxsize=16)
def _formats_of(language: str) -> _Formats:
    sample = format_number(1234567)
    group = sample[1:2]
    shape = _money_shape(language.replace("-", "_"), "EUR")

    def euros(value: Any) -> str:
        if shape is not None and isinstance(value, Decimal) and value.is_finite():
            return shape.format(value)
        return money_filter(value)

    return _Formats(group if sample == f"1{group}234{group}567" else None, euros)


def _formats() -> _Formats:
    return _formats_of(get_language() or "fr")


@dataclass
class Cell:
    value: Any
    kind: str = "text"  # text, money, count, percent, private, date
    url: str = ""

    @property
    def plain(self) -> Any:
        """The value a workbook holds: numbers as numbers, a private value as blank."""
        return None if self.kind == "private" else self.value

    @property
    def html(self) -> SafeString:
        """The cell as the page and the PDF show it, without its link."""
        return self.render(link=False)

    @property
    def linked_html(self) -> SafeString:
        return self.render(link=True)

    def render(self, *, link: bool, formats: _Formats | None = None) -> SafeString:
        return mark_safe(self._html(link, formats or _formats()))  # noqa: S308 - escaped

    def _html(self, link: bool, formats: _Formats) -> str:
        # In Python rather than a template included per cell: a delegation of 300
        # participants has thousands of cells, and an include costs ~0.1 ms each.
        kind, value = self.kind, self.value
        if kind == "money":
            return "—" if value is None or value == "" else escape(formats.euros(value))
        if kind in ("count", "percent", "ratio"):
            if value is None:
                return "—"
            return escape(formats.count(value) + (" %" if kind == "percent" else ""))
        if kind == "private":
            return f'<span class="private">{escape(_("private"))}</span>'
        if kind == "date":
            return escape(date_filter(value, "j M Y")) if value else "—"
        if self.url and link:
            return f'<a href="{escape(self.url)}">{escape(str(value))}</a>'
        return escape(str(value))


def text(value: Any, url: str = "") -> Cell:
    return Cell("" if value is None else str(value), "text", url)


def money(value: Decimal | None) -> Cell:
    return Cell(value, "money")


def count(value: int | None) -> Cell:
    return Cell(value, "count")


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    foot: list[Cell] | None = None
    chart: SafeString | None = None
    note: str = ""
    # What the PDF prints instead of `rows` when they are too many, and its note.
    print_rows: list[list[Cell]] | None = None
    print_note: str = ""
    print_chart: SafeString | None = None  # the chart of the printed rows, if it differs

    def printed(self) -> Table:
        """The table as the PDF prints it."""
        if self.print_rows is None:
            return self
        return replace(
            self,
            rows=self.print_rows,
            note=self.print_note,
            chart=self.print_chart or self.chart,
            print_rows=None,
            print_chart=None,
        )

    @property
    def body_html(self) -> SafeString:
        """The rows (and the foot) as the page shows them, with their links."""
        return self._body(link=True)

    @property
    def body_plain_html(self) -> SafeString:
        """The rows (and the foot) as the PDF prints them, without links."""
        return self._body(link=False)

    def _body(self, *, link: bool) -> SafeString:
        formats = _formats()

        def row_html(row: list[Cell]) -> str:
            parts = []
            for index, cell in enumerate(row):
                content = cell._html(link, formats)
                if index == 0:
                    parts.append(f'<th scope="row">{content}</th>')
                elif cell.kind != "text":
                    parts.append(f'<td class="num">{content}</td>')
                else:
                    parts.append(f"<td>{content}</td>")
            return "<tr>" + "".join(parts) + "</tr>"

        if self.rows:
            body = "\n".join(row_html(row) for row in self.rows)
        else:
            body = format_html(
                '<tr><td colspan="{}">{}</td></tr>', len(self.headers), _("Nothing yet.")
            )
        html = f"<tbody>{body}</tbody>"
        if self.foot:
            html += f"<tfoot>{row_html(self.foot)}</tfoot>"
        return mark_safe(html)  # noqa: S308 - every part is escaped or format_html


@dataclass
class Report:
    kind: str
    title: str
    subtitle: str
    headline: Totals
    tables: list[Table]
    cards: list[tuple[str, Cell]] = field(default_factory=list)
    hidden_note: str = ""
    links: dict[str, str] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables if table.key == key), None)


def cards(totals: Totals) -> list[tuple[str, Cell]]:
    return [
        (_("Net public cost"), money(totals.public)),
        (_("Meetings held"), count(totals.meetings)),
        (_("Leads"), count(totals.leads)),
        (_("Tenders"), count(totals.tenders)),
        (_("Contracts"), count(totals.contracts)),
        (_("Value of the contracts"), money(totals.contract_value)),
        (_("Agreements signed"), count(totals.agreements)),
        (_("Cost per meeting"), money(totals.cost_per_meeting)),
        (_("Cost per contract"), money(totals.cost_per_contract)),
    ]


def hidden_note(totals: Totals) -> str:
    if not totals.hidden:
        return ""
    return ngettext(
        "%(count)s value kept private by its company is counted but not added in.",
        "%(count)s values kept private by their companies are counted but not added in.",
        totals.hidden,
    ) % {"count": totals.hidden}


def summary_table(totals: Totals, *, title: str | None = None) -> Table:
    """Every figure of the return on investment, as two columns."""
    rows = [
        (_("Total cost"), money(totals.public + totals.companies_net)),
        (_("Net public cost"), money(totals.public)),
        (_("Of which subsidies"), money(totals.subsidies)),
        (_("Paid by the companies themselves"), money(totals.companies_net)),
        (_("Meeting requests"), count(totals.requests)),
        (_("Meetings held"), count(totals.meetings)),
        (_("Leads"), count(totals.leads)),
        (_("Follow-ups"), count(totals.followups)),
        (_("Tenders"), count(totals.tenders)),
        (_("Tenders won"), count(totals.tenders_won)),
        (_("Value of the tenders"), money(totals.tender_value)),
        (_("Contracts"), count(totals.contracts)),
        (_("Value of the contracts"), money(totals.contract_value)),
        (_("Agreements signed"), count(totals.agreements)),
        (_("Press coverage"), count(totals.press)),
        (_("Jobs announced"), count(totals.jobs)),
        (_("Investment announced"), money(totals.investment)),
        (_("Cost per meeting"), money(totals.cost_per_meeting)),
        (_("Cost per lead"), money(totals.cost_per_lead)),
        (_("Cost per contract"), money(totals.cost_per_contract)),
        (_("Contract value per euro of public money"), Cell(totals.return_per_euro, "ratio")),
    ]
    return Table(
        "summary",
        title or _("Return on investment"),
        [_("Figure"), _("Value")],
        [[text(label), cell] for label, cell in rows],
        note=hidden_note(totals),
    )


def funnel_table(totals: Totals) -> Table:
    stages = totals.funnel()
    return Table(
        "funnel",
        _("From requests to contracts"),
        [_("Stage"), _("Number")],
        [[text(label), count(number)] for label, number in stages],
        chart=charts.bars(
            [label for label, _n in stages],
            [(_("Number"), [number for _label, number in stages])],
            title=_("From requests to contracts"),
            unit="",
        ),
    )


def comparison_tables(
    labels: list[str], columns: list[Totals], *, key: str = "comparison"
) -> list[Table]:
    """Editions or years side by side: money and counts, each with its chart."""
    money_rows = [
        (_("Net public cost"), lambda t: t.public),
        (_("Value of the tenders"), lambda t: t.tender_value),
        (_("Value of the contracts"), lambda t: t.contract_value),
    ]
    count_rows = [
        (_("Meetings held"), lambda t: t.meetings),
        (_("Leads"), lambda t: t.leads),
        (_("Tenders"), lambda t: t.tenders),
        (_("Contracts"), lambda t: t.contracts),
        (_("Agreements signed"), lambda t: t.agreements),
    ]
    per_rows = [
        (_("Cost per meeting"), lambda t: t.cost_per_meeting),
        (_("Cost per contract"), lambda t: t.cost_per_contract),
    ]
    headers = [_("Figure"), *labels]
    money_cells = [[text(name), *[money(get(t)) for t in columns]] for name, get in money_rows]
    money_cells += [[text(name), *[money(get(t)) for t in columns]] for name, get in per_rows]
    count_cells = [[text(name), *[count(get(t)) for t in columns]] for name, get in count_rows]
    money_chart = charts.bars(
        [str(name) for name, _g in money_rows],
        [
            (label, [get(t) for _n, get in money_rows])
            for label, t in zip(labels, columns, strict=True)
        ],
        title=_("Cost and value"),
    )
    count_chart = charts.bars(
        [str(name) for name, _g in count_rows],
        [
            (label, [get(t) for _n, get in count_rows])
            for label, t in zip(labels, columns, strict=True)
        ],
        title=_("Meetings and outcomes"),
        unit="",
    )
    return [
        Table(key, _("Cost and value"), headers, money_cells, chart=money_chart),
        Table(f"{key}-counts", _("Meetings and outcomes"), headers, count_cells, chart=count_chart),
    ]


def _kind_order() -> Case:
    order = [OutcomeKind.CONTRACT, OutcomeKind.TENDER, OutcomeKind.AGREEMENT]
    return Case(
        *[When(kind=kind, then=Value(index)) for index, kind in enumerate(order)],
        default=Value(len(order)),
        output_field=IntegerField(),
    )


def records_table(
    reader: Reader,
    condition: Q,
    *,
    total: int,
    limit: int | None = RECORDS_SHOWN,
    edit_url: bool = False,
) -> Table:
    """The records (contracts, tenders and agreements first, then the latest), without
    notes; a private value shows as such to those who may not see it."""
    from django.urls import reverse

    records = (
        OutcomeRecord.objects.filter(reader.records() & condition)
        .select_related("organisation")
        .order_by(_kind_order(), "-occurred_on", "-pk")
    )
    chosen = list(records[:limit] if limit else records)
    edit_base = reverse("outcomes:record_edit", args=[1]).removesuffix("1/edit/")
    rows = []
    for record in chosen:
        private = record.confidential and not reader.sees_private(record)
        value = Cell(None, "private") if private and record.value is not None else None
        rows.append(
            [
                Cell(record.occurred_on, "date"),
                text(_KINDS.get(record.kind, record.kind)),
                text(
                    record.title,
                    f"{edit_base}{record.pk}/edit/"
                    if edit_url and reader.sees_private(record)
                    else "",
                ),
                text(record.organisation.name),
                text(record.counterpart),
                text(_STATUSES.get(record.status, "")),
                value or money(record.value_eur),
            ]
        )
    note = ""
    if limit and total > len(chosen):
        note = _("The %(shown)s most telling of %(total)s outcomes; all are in the workbook.") % {
            "shown": len(chosen),
            "total": total,
        }
    print_rows, print_note = None, ""
    if len(rows) > PRINTED_ROWS:
        print_rows = rows[:PRINTED_ROWS]
        print_note = _(
            "The %(shown)s most telling of %(total)s outcomes; all are in the workbook."
        ) % {"shown": PRINTED_ROWS, "total": max(total, len(rows))}
    return Table(
        "records",
        _("Outcomes"),
        [
            _("Date"),
            _("Kind"),
            _("Title"),
            _("Organisation"),
            _("Buyer or counterpart"),
            _("Status"),
            _("Value (EUR)"),
        ],
        rows,
        note=note,
        print_rows=print_rows,
        print_note=print_note,
    )
