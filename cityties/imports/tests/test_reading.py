"""Reading files as people keep them, within limits: no file may exhaust the server."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from openpyxl import Workbook

from cityties.imports import reading
from cityties.imports.reading import ImportFileError, read_table

from .importing import xlsx_bytes


def test_csv_delimiter_is_sniffed_whatever_it_is():
    for delimiter in (",", ";", "\t", "|"):
        data = delimiter.join(["city1", "country1", "city2"]).encode() + b"\n"
        data += delimiter.join(["Caen", "France", "Nashville, TN"]).encode() + b"\n"
        table = read_table(data, "x.csv")
        assert table.headers == ["city1", "country1", "city2"]


def test_csv_in_windows_encoding_is_read():
    table = read_table("Nom;Pays\nMâcon;France\n".encode("cp1252"), "x.csv")
    assert table.rows[0][1] == ["Mâcon", "France"]


def test_utf16_csv_with_bom_is_read():
    table = read_table("Nom\tPays\nSaint-Étienne\tFrance\n".encode("utf-16"), "x.csv")
    assert table.rows[0][1][0] == "Saint-Étienne"


def test_title_lines_above_the_header_are_skipped():
    data = b"Jumelages des villes de France\n\nVille;Pays;Ville partenaire\nCaen;France;Nashville\n"
    table = read_table(data, "x.csv")
    assert table.headers == ["Ville", "Pays", "Ville partenaire"]
    assert table.header_row == 3
    assert table.rows == [(4, ["Caen", "France", "Nashville"])]


def test_xlsx_title_lines_are_skipped_too():
    table = read_table(xlsx_bytes([["Liste 2016"], ["Nom", "Pays"], ["Caen", "FR"]]), "x.xlsx")
    assert table.headers == ["Nom", "Pays"]


def test_json_list_of_records_is_read():
    data = json.dumps([{"name": "Caen", "country": "FR"}, {"name": "Atlanta", "tags": ["a", "b"]}])
    table = read_table(data.encode(), "people.json")
    assert table.headers == ["name", "country", "tags"]
    assert table.rows[1][1] == ["Atlanta", None, "a / b"]


def test_json_that_is_not_a_list_of_records_is_refused():
    with pytest.raises(ImportFileError):
        read_table(b'{"a": 1, "b": 2}', "x.json")


def _dimension_bomb() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Pays"])
    sheet.append(["Caen", "FR"])
    out = io.BytesIO()
    workbook.save(out)
    # Declare the whole width of a sheet, as the 7.7 KB file found in the wild did.
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                # openpyxl writes "<dimension ref=.../>" with or without a space,
                # depending on whether lxml is installed.
                content = re.sub(
                    rb'<dimension ref="A1:B2"\s*/>', b'<dimension ref="A1:XFD400"/>', content
                )
                assert b"XFD400" in content
            target.writestr(item, content)
    return bomb.getvalue()


def test_a_declared_dimension_of_16384_columns_reads_only_the_real_cells():
    from openpyxl import load_workbook

    bomb = _dimension_bomb()
    # openpyxl alone trusts the declared dimension and pads every row to 16,384 cells.
    padded = next(load_workbook(io.BytesIO(bomb), read_only=True).worksheets[0].iter_rows())
    assert len(padded) == 16384
    table = read_table(bomb, "bomb.xlsx")
    assert table.headers == ["Nom", "Pays"]
    assert table.rows == [(2, ["Caen", "FR"])]


def test_a_compression_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(reading, "MAX_UNCOMPRESSED_BYTES", 50_000)
    rows = [["Nom", "Pays"]] + [["Caen", "FR"]] * 5000
    with pytest.raises(ImportFileError) as error:
        read_table(xlsx_bytes(rows), "big.xlsx")
    assert error.value.code == "file_too_large"


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 10)
    data = b"Nom\n" + b"Caen\n" * 50
    with pytest.raises(ImportFileError) as error:
        read_table(data, "x.csv")
    assert error.value.code == "too_many_rows"


def test_too_many_columns_are_refused():
    data = (",".join(f"c{i}" for i in range(300)) + "\n" + ",".join("x" * 300) + "\n").encode()
    with pytest.raises(ImportFileError) as error:
        read_table(data, "x.csv")
    assert error.value.code == "too_many_columns"


def test_a_truncated_xlsx_gets_a_message_not_a_crash():
    data = xlsx_bytes([["Nom", "Pays"]] + [["Caen", "FR"]] * 200)
    with pytest.raises(ImportFileError) as error:
        read_table(data[: len(data) // 2], "cut.xlsx")
    assert error.value.code == "unreadable_file"


def test_a_report_in_sections_lays_each_section_on_the_columns_by_name():
    """Sections each under their own header row (a title line above each): one table
    whose columns are the best header's and the others' added; no title, no header."""
    data = (
        b"Partnership report\n"
        b"Twinnings\n"
        b"city1;country1;city2;country2\n"
        b"Caen;France;Nashville;United States\n"
        b"Agreements\n"
        b"country2;city2;city1;country1;since\n"
        b"United States;Mobile;Tours;France;1990\n"
    )
    table = read_table(data, "x.csv", kind="partnerships")
    assert table.headers == ["city1", "country1", "city2", "country2", "since"]
    assert [cells for _n, cells in table.rows] == [
        ["Caen", "France", "Nashville", "United States", None],
        ["Tours", "France", "Mobile", "United States", "1990"],
    ]
    assert [number for number, _cells in table.rows] == [4, 7]


def test_an_unquoted_comma_followed_by_a_space_stays_in_its_value():
    data = (
        b"Name,Title,Organization,City,Email\n"
        b"Jane Doe,Director, Office of Innovation,City of Pittsburgh,Pittsburgh, PA,jd@x.org\n"
        b"John Roe,CEO,Acme,Boston,jr@acme.example\n"
        b"Ann Lee,Mayor,Town,Here,there,al@town.example\n"
    )
    table = read_table(data, "x.csv")
    rows = [cells for _n, cells in table.rows]
    assert rows[0] == [
        "Jane Doe",
        "Director, Office of Innovation",
        "City of Pittsburgh",
        "Pittsburgh, PA",
        "jd@x.org",
    ]
    assert rows[1] == ["John Roe", "CEO", "Acme", "Boston", "jr@acme.example"]
    # Without a space to tell where the value goes on, the row is left as it was read.
    assert rows[2] == ["Ann Lee", "Mayor", "Town", "Here", "there"]
    assert table.repaired == [2]


def test_a_file_separated_by_comma_and_space_is_not_rejoined():
    table = read_table(b"Name, City, Email\nJane Doe, Pittsburgh, jd@x.org\n", "x.csv")
    assert [cells for _n, cells in table.rows] == [["Jane Doe", " Pittsburgh", " jd@x.org"]]
    assert table.repaired == []
