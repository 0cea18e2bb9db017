"""The return-on-investment dashboards, as data the page, the PDF and the workbook share."""

from .base import Cell, Report, Table
from .builders import (
    agency_report,
    city_report,
    delegation_report,
    edition_label,
    participant_report,
    partnership_report,
    previous_edition,
    years_report,
)
from .render import report_pdf, report_xlsx

__all__ = [
    "Cell",
    "Report",
    "Table",
    "agency_report",
    "city_report",
    "delegation_report",
    "edition_label",
    "participant_report",
    "partnership_report",
    "previous_edition",
    "report_pdf",
    "report_xlsx",
    "years_report",
]
