"""The one writer of CSV and XLSX files: formulas neutralised, the locale's separator,
a readable spreadsheet."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from cityties.core import tabular

ROWS = [["=1+1", "+33 1 23", "-x", "@SUM(A1)", "\tTab", "plain", 12]]


def test_csv_uses_a_semicolon_in_french_and_a_comma_in_english():
    assert (
        tabular.to_csv(["a", "b"], [[1, 2]], language="fr").decode("utf-8-sig") == "a;b\r\n1;2\r\n"
    )
    assert (
        tabular.to_csv(["a", "b"], [[1, 2]], language="en").decode("utf-8-sig") == "a,b\r\n1,2\r\n"
    )


def test_csv_starts_with_a_bom_and_neutralises_formulas():
    body = tabular.to_csv(["=HYPERLINK(1)"], ROWS, language="en")
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "'=1+1" in text and "'@SUM(A1)" in text
    assert "'+33 1 23" in text and "'-x" in text and "'\tTab" in text


def test_xlsx_has_a_bold_frozen_filtered_header_widths_and_no_formula():
    workbook = load_workbook(io.BytesIO(tabular.to_xlsx(["Title", "N"] * 4, ROWS)))
    sheet = workbook.worksheets[0]
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H2"
    assert sheet.column_dimensions["F"].width >= len("plain")
    assert sheet["A2"].value == "'=1+1" and sheet["A2"].data_type != "f"
    assert sheet["G2"].value == 12
